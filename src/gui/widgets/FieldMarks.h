#pragma once

#include "core/Problem.h"

#include <QHash>
#include <QObject>
#include <QPointer>

class QLabel;
class QWidget;

namespace pb {

// Inline validation for a form: a field with a problem gets a red frame and its reason in a
// label beside it; a Problem from the API lands on the field its context.parameter names, and
// only a problem naming no known field goes to the form's banner.
class FieldMarks final : public QObject {
    Q_OBJECT
public:
    explicit FieldMarks(QLabel* banner, QObject* parent = nullptr);

    // parameter: the API's name for the field ("fullname", "config.secret", "provider_config.url").
    void addField(const QString& parameter, QWidget* field, QLabel* reason);
    void removeField(const QString& parameter);

    void mark(const QString& parameter, const QString& reason);
    void clear(const QString& parameter);
    void clearAll();
    bool hasMarks() const;
    QString reasonOf(const QString& parameter) const;
    QString bannerText() const;

    // Routes a problem to its field (or the banner); returns true if a field took it.
    bool showProblem(const Problem& problem);
    void showBanner(const QString& text);

signals:
    void marksChanged();

private:
    struct Field {
        QPointer<QWidget> widget;
        QPointer<QLabel> reason;
        QString text;
    };
    Field* fieldFor(const QString& parameter);

    QPointer<QLabel> m_banner;
    QHash<QString, Field> m_fields;
};

} // namespace pb

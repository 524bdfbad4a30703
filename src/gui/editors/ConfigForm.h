#pragma once

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

class QFormLayout;
class QLabel;
class QWidget;

namespace pb {

class FieldMarks;
struct ProviderSpec;

// The provider configuration part of the Integration editor, generated from the provider's
// catalog schema: one editor per field (line, URL, number, switch, choice, text), each checked
// for required / pattern / URL and for the Integration Point's rules (required values, host
// patterns, HTTPS); problems are marked on the field as "provider_config.<field>".
class ConfigForm final : public QObject {
    Q_OBJECT
public:
    ConfigForm(QFormLayout* layout, FieldMarks* marks, QObject* parent = nullptr);

    void build(const ProviderSpec* provider);
    void setValues(const QJsonObject& providerConfig);
    QJsonObject values() const;
    // Marks every bad field; integrationPoint may be empty.
    void validate(const QJsonObject& integrationPoint);
    void setReadOnly(bool readOnly);
    QWidget* fieldWidget(const QString& name) const { return m_widgets.value(name); }
    int fieldCount() const { return int(m_widgets.size()); }

signals:
    void changed();

private:
    QString textOf(const QString& name) const;
    QString checkField(const QString& name, const QJsonObject& integrationPoint) const;

    QFormLayout* m_layout;
    FieldMarks* m_marks;
    const ProviderSpec* m_provider = nullptr;
    QHash<QString, QWidget*> m_widgets;
    QStringList m_order;
};

} // namespace pb

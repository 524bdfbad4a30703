#pragma once

#include "gui/console/ConsoleRequest.h"

#include <QHash>
#include <QWidget>

class QFormLayout;

namespace pb {

struct OperationSpec;

// The form generated from one operation's path and query parameters and its body schema's
// top-level properties. Body members the form has no field for (nested objects typed as JSON,
// or anything added in the raw editor) are kept, so form and raw JSON never lose each other's
// edits. Field keys are "path.<name>", "query.<name>" and "body.<name>".
class OperationForm final : public QWidget {
    Q_OBJECT
public:
    explicit OperationForm(QWidget* parent = nullptr);

    void setOperation(const OperationSpec* operation);
    const OperationSpec* operation() const { return m_operation; }

    ConsoleRequest request() const;
    // Fills the fields; emits no changed().
    void setRequest(const ConsoleRequest& request);

    QStringList fieldKeys() const;
    QString fieldText(const QString& key) const;
    void setFieldText(const QString& key, const QString& text); // emits changed()

signals:
    void changed();

private:
    struct Field {
        QString name;
        QString in;   // path | query | body
        QString type; // string | integer | number | boolean | array | object
        QWidget* editor = nullptr;
    };
    void addField(const QString& name, const QString& in, const QString& type, const QString& label,
                  const QString& description, bool required, const QStringList& enumValues);
    QString textOf(const Field& field) const;
    void setTextOf(const Field& field, const QString& text);
    QJsonValue bodyValueOf(const Field& field) const;

    const OperationSpec* m_operation = nullptr;
    QFormLayout* m_layout = nullptr;
    QList<Field> m_fields;
    QJsonValue m_body = QJsonValue::Undefined; // body members without a field, or a non-object body
    bool m_filling = false;
};

} // namespace pb

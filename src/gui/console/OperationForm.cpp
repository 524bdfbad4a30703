#include "gui/console/OperationForm.h"

#include "catalog/Catalog.h"

#include <QComboBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace pb {

namespace {

QString jsonText(const QJsonValue& v) {
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 17);
    return v.toString();
}

} // namespace

OperationForm::OperationForm(QWidget* parent)
    : QWidget(parent)
    , m_layout(new QFormLayout) {
    // Rows stay at the top of the scroll area instead of spreading over its height.
    auto* outer = new QVBoxLayout(this);
    outer->addLayout(m_layout);
    outer->addStretch(1);
    m_layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
}

void OperationForm::setOperation(const OperationSpec* operation) {
    m_filling = true;
    while (m_layout->rowCount() > 0)
        m_layout->removeRow(0);
    m_fields.clear();
    m_operation = operation;
    m_body = QJsonValue::Undefined;
    if (!operation) {
        m_filling = false;
        return;
    }
    bool hasBody = false;
    for (const OperationParam& p : operation->params) {
        if (p.in == QStringLiteral("body")) {
            hasBody = true;
            continue;
        }
        addField(p.name, p.in, p.type, p.name, p.description, p.required, {});
    }
    if (hasBody) {
        const QJsonObject& schema = operation->bodySchema;
        if (schema.value(QStringLiteral("type")).toString() == QStringLiteral("object")) {
            m_body = QJsonObject();
            const QJsonObject props = schema.value(QStringLiteral("properties")).toObject();
            const QJsonArray required = schema.value(QStringLiteral("required")).toArray();
            for (auto it = props.constBegin(); it != props.constEnd(); ++it) {
                const QJsonObject prop = it.value().toObject();
                QStringList enumValues;
                const QJsonArray e = prop.value(QStringLiteral("enum")).toArray();
                for (const QJsonValue& v : e)
                    enumValues << v.toString();
                QString type = prop.value(QStringLiteral("type")).toString();
                if (type.isEmpty())
                    type = QStringLiteral("string");
                addField(it.key(), QStringLiteral("body"), type, it.key(),
                         prop.value(QStringLiteral("description")).toString(), required.contains(it.key()),
                         enumValues);
            }
        } else {
            // A JSON Patch array or another non-object body: edited in the JSON tab only.
            m_body = QJsonArray();
            auto* note = new QLabel(
                tr("This body is a %1; edit it in the JSON tab.")
                    .arg(schema.value(QStringLiteral("type")).toString(QStringLiteral("JSON value"))),
                this);
            note->setObjectName(QStringLiteral("bodyNoteLabel"));
            note->setWordWrap(true);
            m_layout->addRow(tr("Body"), note);
        }
    }
    if (m_fields.isEmpty() && !hasBody)
        m_layout->addRow(new QLabel(tr("This operation takes no parameters."), this));
    m_filling = false;
}

void OperationForm::addField(const QString& name, const QString& in, const QString& type,
                             const QString& label, const QString& description, bool required,
                             const QStringList& enumValues) {
    Field f{name, in, type, nullptr};
    if (!enumValues.isEmpty() || type == QStringLiteral("boolean")) {
        auto* combo = new QComboBox(this);
        combo->setEditable(false);
        combo->addItem(QString());
        combo->addItems(type == QStringLiteral("boolean")
                            ? QStringList{QStringLiteral("true"), QStringLiteral("false")}
                            : enumValues);
        connect(combo, &QComboBox::currentTextChanged, this, [this] {
            if (!m_filling)
                emit changed();
        });
        f.editor = combo;
    } else if (in == QStringLiteral("query") && type == QStringLiteral("array")) {
        auto* edit = new QPlainTextEdit(this);
        edit->setPlaceholderText(tr("One value per line"));
        edit->setMaximumHeight(64);
        connect(edit, &QPlainTextEdit::textChanged, this, [this] {
            if (!m_filling)
                emit changed();
        });
        f.editor = edit;
    } else {
        auto* edit = new QLineEdit(this);
        if (type == QStringLiteral("array") || type == QStringLiteral("object"))
            edit->setPlaceholderText(type == QStringLiteral("array") ? tr("JSON array, e.g. [\"a\", \"b\"]")
                                                                     : tr("JSON object"));
        connect(edit, &QLineEdit::textChanged, this, [this] {
            if (!m_filling)
                emit changed();
        });
        f.editor = edit;
    }
    const QString key = in + QLatin1Char('.') + name;
    f.editor->setObjectName(key);
    f.editor->setToolTip(description);
    QString text = label;
    if (in != QStringLiteral("body"))
        text += QStringLiteral(" (%1)").arg(in);
    if (required)
        text += QStringLiteral(" *");
    m_layout->addRow(text, f.editor);
    m_fields.append(f);
}

QString OperationForm::textOf(const Field& field) const {
    if (auto* e = qobject_cast<QLineEdit*>(field.editor))
        return e->text();
    if (auto* c = qobject_cast<QComboBox*>(field.editor))
        return c->currentText();
    if (auto* p = qobject_cast<QPlainTextEdit*>(field.editor))
        return p->toPlainText();
    return QString();
}

void OperationForm::setTextOf(const Field& field, const QString& text) {
    if (auto* e = qobject_cast<QLineEdit*>(field.editor)) {
        e->setText(text);
    } else if (auto* c = qobject_cast<QComboBox*>(field.editor)) {
        int i = c->findText(text);
        if (i < 0) {
            c->addItem(text); // a value the schema does not list still round-trips
            i = c->count() - 1;
        }
        c->setCurrentIndex(i);
    } else if (auto* p = qobject_cast<QPlainTextEdit*>(field.editor)) {
        p->setPlainText(text);
    }
}

QJsonValue OperationForm::bodyValueOf(const Field& field) const {
    const QString text = textOf(field).trimmed();
    if (text.isEmpty())
        return QJsonValue::Undefined;
    if (field.type == QStringLiteral("integer") || field.type == QStringLiteral("number")) {
        bool ok = false;
        const double d = text.toDouble(&ok);
        return ok ? QJsonValue(d) : QJsonValue(text);
    }
    if (field.type == QStringLiteral("boolean"))
        return QJsonValue(text == QStringLiteral("true"));
    if (field.type == QStringLiteral("array") || field.type == QStringLiteral("object")) {
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
        if (doc.isArray())
            return doc.array();
        if (doc.isObject())
            return doc.object();
        if (field.type == QStringLiteral("array")) // "a, b" is read as a list of words
            return QJsonArray::fromStringList(text.split(QLatin1Char(','), Qt::SkipEmptyParts)
                                                  .replaceInStrings(QStringLiteral(" "), QString()));
        return QJsonValue(text);
    }
    return QJsonValue(textOf(field));
}

ConsoleRequest OperationForm::request() const {
    ConsoleRequest r;
    if (!m_operation)
        return r;
    r.operationId = m_operation->id;
    r.body = m_body;
    QJsonObject body = m_body.toObject();
    for (const Field& f : m_fields) {
        if (f.in == QStringLiteral("path")) {
            r.pathParams.insert(f.name, textOf(f).trimmed());
        } else if (f.in == QStringLiteral("query")) {
            const QStringList values = f.type == QStringLiteral("array")
                                           ? textOf(f).split(QLatin1Char('\n'), Qt::SkipEmptyParts)
                                           : QStringList{textOf(f).trimmed()};
            for (const QString& v : values)
                if (!v.trimmed().isEmpty())
                    r.query.append({f.name, v.trimmed()});
        } else {
            const QJsonValue v = bodyValueOf(f);
            if (v.isUndefined())
                body.remove(f.name);
            else
                body.insert(f.name, v);
        }
    }
    if (m_body.isObject())
        r.body = body;
    return r;
}

void OperationForm::setRequest(const ConsoleRequest& request) {
    m_filling = true;
    QJsonObject rest = request.body.toObject();
    for (const Field& f : std::as_const(m_fields)) {
        if (f.in == QStringLiteral("path")) {
            setTextOf(f, request.pathParams.value(f.name).toString());
        } else if (f.in == QStringLiteral("query")) {
            QStringList values;
            for (const auto& [k, v] : request.query)
                if (k == f.name)
                    values << v;
            setTextOf(f, values.join(QLatin1Char('\n')));
        } else {
            setTextOf(f, jsonText(rest.value(f.name)));
            rest.remove(f.name);
        }
    }
    if (m_body.isObject())
        m_body = rest; // only the members without a field; the fields are merged in request()
    else if (!m_body.isUndefined() && !request.body.isUndefined())
        m_body = request.body; // a non-object body (JSON Patch) is kept whole
    m_filling = false;
}

QStringList OperationForm::fieldKeys() const {
    QStringList keys;
    for (const Field& f : m_fields)
        keys << f.in + QLatin1Char('.') + f.name;
    return keys;
}

QString OperationForm::fieldText(const QString& key) const {
    for (const Field& f : m_fields)
        if (f.in + QLatin1Char('.') + f.name == key)
            return textOf(f);
    return QString();
}

void OperationForm::setFieldText(const QString& key, const QString& text) {
    for (const Field& f : std::as_const(m_fields))
        if (f.in + QLatin1Char('.') + f.name == key)
            setTextOf(f, text);
}

} // namespace pb

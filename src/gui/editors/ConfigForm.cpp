#include "gui/editors/ConfigForm.h"

#include "catalog/Catalog.h"
#include "gui/editors/ProviderChoice.h"
#include "gui/widgets/FieldMarks.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QIntValidator>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace pb {

namespace {
QString key(const QString& name)
{
    return u"provider_config."_s + name;
}
} // namespace

ConfigForm::ConfigForm(QFormLayout* layout, FieldMarks* marks, QObject* parent)
    : QObject(parent)
    , m_layout(layout)
    , m_marks(marks)
{
}

void ConfigForm::build(const ProviderSpec* provider)
{
    for (const QString& name : std::as_const(m_order))
        m_marks->removeField(key(name));
    while (m_layout->rowCount() > 0)
        m_layout->removeRow(0);
    m_widgets.clear();
    m_order.clear();
    m_provider = provider;
    if (!provider)
        return;
    for (const ConfigField& f : provider->config) {
        QWidget* editor = nullptr;
        const QString title = f.title.isEmpty() ? f.name : f.title;
        if (f.type == u"boolean"_s) {
            auto* box = new QCheckBox(title);
            box->setChecked(f.defaultValue.toBool());
            connect(box, &QCheckBox::toggled, this, &ConfigForm::changed);
            editor = box;
        } else if (f.type == u"enum"_s) {
            auto* box = new QComboBox;
            if (!f.required)
                box->addItem(tr("(not set)"), QString());
            for (const QString& v : f.enumValues)
                box->addItem(v, v);
            box->setCurrentIndex(qMax(0, box->findData(f.defaultValue.toString())));
            connect(box, &QComboBox::currentIndexChanged, this, &ConfigForm::changed);
            editor = box;
        } else if (f.type == u"text"_s) {
            auto* text = new QPlainTextEdit;
            text->setPlaceholderText(f.placeholder);
            text->setMaximumHeight(80);
            connect(text, &QPlainTextEdit::textChanged, this, &ConfigForm::changed);
            editor = text;
        } else {
            auto* line = new QLineEdit;
            line->setPlaceholderText(f.placeholder.isEmpty() ? (f.required ? tr("required") : tr("optional"))
                                                             : f.placeholder);
            if (f.secret)
                line->setEchoMode(QLineEdit::Password);
            if (f.type == u"integer"_s)
                line->setValidator(new QIntValidator(int(f.minimum.value_or(INT_MIN)), int(f.maximum.value_or(INT_MAX)), line));
            if (f.defaultValue.isString())
                line->setText(f.defaultValue.toString());
            else if (f.defaultValue.isDouble())
                line->setText(QString::number(f.defaultValue.toInteger()));
            connect(line, &QLineEdit::textChanged, this, &ConfigForm::changed);
            editor = line;
        }
        editor->setObjectName(f.name + u"ConfigField"_s);
        editor->setAccessibleName(title);
        editor->setToolTip(f.description);
        editor->setWhatsThis(f.description);
        auto* reason = new QLabel;
        auto* cell = new QWidget;
        auto* cellLayout = new QVBoxLayout(cell);
        cellLayout->setContentsMargins(0, 0, 0, 0);
        cellLayout->setSpacing(2);
        cellLayout->addWidget(editor);
        cellLayout->addWidget(reason);
        const QString label = f.type == u"boolean"_s ? QString() : (f.required ? title + u" *"_s : title) + u':';
        m_layout->addRow(label, cell);
        m_marks->addField(key(f.name), editor, reason);
        m_widgets.insert(f.name, editor);
        m_order.append(f.name);
    }
}

QString ConfigForm::textOf(const QString& name) const
{
    QWidget* w = m_widgets.value(name);
    if (auto* line = qobject_cast<QLineEdit*>(w))
        return line->text().trimmed();
    if (auto* text = qobject_cast<QPlainTextEdit*>(w))
        return text->toPlainText();
    if (auto* box = qobject_cast<QComboBox*>(w))
        return box->currentData().toString();
    if (auto* check = qobject_cast<QCheckBox*>(w))
        return check->isChecked() ? u"true"_s : u"false"_s;
    return {};
}

void ConfigForm::setValues(const QJsonObject& providerConfig)
{
    for (const QString& name : std::as_const(m_order)) {
        const QJsonValue v = providerConfig.value(name);
        if (v.isUndefined())
            continue;
        QWidget* w = m_widgets.value(name);
        const QString text = v.isDouble() ? QString::number(v.toInteger()) : v.toString();
        if (auto* line = qobject_cast<QLineEdit*>(w))
            line->setText(text);
        else if (auto* plain = qobject_cast<QPlainTextEdit*>(w))
            plain->setPlainText(text);
        else if (auto* box = qobject_cast<QComboBox*>(w))
            box->setCurrentIndex(qMax(0, box->findData(text)));
        else if (auto* check = qobject_cast<QCheckBox*>(w))
            check->setChecked(v.toBool());
    }
}

QJsonObject ConfigForm::values() const
{
    QJsonObject out;
    if (!m_provider)
        return out;
    for (const ConfigField& f : m_provider->config) {
        const QString text = textOf(f.name);
        if (f.type == u"boolean"_s)
            out.insert(f.name, text == u"true"_s);
        else if (text.isEmpty())
            continue;
        else if (f.type == u"integer"_s)
            out.insert(f.name, text.toLongLong());
        else
            out.insert(f.name, text);
    }
    return out;
}

QString ConfigForm::checkField(const QString& name, const QJsonObject& integrationPoint) const
{
    const ConfigField* f = m_provider->field(name);
    const QString value = textOf(name);
    if (value.isEmpty())
        return f->required ? tr("Required.") : QString();
    if (f->type == u"url"_s) {
        const QUrl url(value, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() || (url.scheme() != u"https"_s && url.scheme() != u"http"_s))
            return tr("Enter a full URL such as %1.").arg(f->placeholder.isEmpty() ? u"https://example.com"_s : f->placeholder);
    }
    if (!f->pattern.isEmpty()
        && !QRegularExpression(QRegularExpression::anchoredPattern(f->pattern)).match(value).hasMatch())
        return tr("Does not have the expected form (%1).").arg(f->pattern);
    const QJsonObject rules = integrationPoint.value(u"rules"_s).toObject();
    const QString required = rules.value(u"required_config"_s).toObject().value(name).toString();
    if (!required.isEmpty() && !QRegularExpression(QRegularExpression::anchoredPattern(required)).match(value).hasMatch())
        return tr("The Integration Point requires a value matching %1.").arg(required);
    if (f->type == u"url"_s) {
        const QUrl url(value);
        if (rules.value(u"https_required"_s).toBool() && url.scheme() != u"https"_s)
            return tr("The Integration Point requires HTTPS.");
        QStringList patterns;
        for (const QJsonValue& p : rules.value(u"host_patterns"_s).toArray())
            patterns.append(p.toString());
        if (!patterns.isEmpty()
            && std::none_of(patterns.cbegin(), patterns.cend(),
                            [&](const QString& p) { return hostMatchesPattern(url.host(), p); }))
            return tr("The Integration Point allows only hosts matching %1.").arg(patterns.join(u", "_s));
    }
    return {};
}

void ConfigForm::validate(const QJsonObject& integrationPoint)
{
    if (!m_provider)
        return;
    for (const QString& name : std::as_const(m_order)) {
        const QString reason = checkField(name, integrationPoint);
        if (reason.isEmpty())
            m_marks->clear(key(name));
        else
            m_marks->mark(key(name), reason);
    }
}

void ConfigForm::setReadOnly(bool readOnly)
{
    for (QWidget* w : std::as_const(m_widgets)) {
        if (auto* line = qobject_cast<QLineEdit*>(w))
            line->setReadOnly(readOnly);
        else if (auto* plain = qobject_cast<QPlainTextEdit*>(w))
            plain->setReadOnly(readOnly);
        else
            w->setEnabled(!readOnly);
    }
}

} // namespace pb

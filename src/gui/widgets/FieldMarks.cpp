#include "gui/widgets/FieldMarks.h"

#include <QLabel>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace pb {

namespace {
const QString InvalidStyle = u"border: 1px solid #d13b2f; border-radius: 2px;"_s;
}

FieldMarks::FieldMarks(QLabel* banner, QObject* parent)
    : QObject(parent)
    , m_banner(banner)
{
    if (m_banner) {
        m_banner->setWordWrap(true);
        m_banner->hide();
    }
}

void FieldMarks::addField(const QString& parameter, QWidget* field, QLabel* reason)
{
    if (reason) {
        reason->setWordWrap(true);
        reason->setStyleSheet(u"color: #d13b2f;"_s);
        reason->hide();
    }
    m_fields.insert(parameter, Field{field, reason, QString()});
}

void FieldMarks::removeField(const QString& parameter)
{
    m_fields.remove(parameter);
}

FieldMarks::Field* FieldMarks::fieldFor(const QString& parameter)
{
    auto it = m_fields.find(parameter);
    if (it != m_fields.end())
        return &*it;
    // The API may name a nested field by its last segment or with a prefix ("config.secret").
    for (auto f = m_fields.begin(); f != m_fields.end(); ++f)
        if (parameter.endsWith(u'.' + f.key()) || parameter.endsWith(u'/' + f.key())
            || f.key().endsWith(u'.' + parameter))
            return &*f;
    return nullptr;
}

void FieldMarks::mark(const QString& parameter, const QString& reason)
{
    Field* f = fieldFor(parameter);
    if (!f) {
        showBanner(reason);
        return;
    }
    if (f->text == reason)
        return;
    f->text = reason;
    if (f->widget) {
        f->widget->setStyleSheet(InvalidStyle);
        f->widget->setToolTip(reason);
    }
    if (f->reason) {
        f->reason->setText(reason);
        f->reason->show();
    }
    emit marksChanged();
}

void FieldMarks::clear(const QString& parameter)
{
    Field* f = fieldFor(parameter);
    if (!f || f->text.isEmpty())
        return;
    f->text.clear();
    if (f->widget) {
        f->widget->setStyleSheet(QString());
        f->widget->setToolTip(QString());
    }
    if (f->reason) {
        f->reason->clear();
        f->reason->hide();
    }
    emit marksChanged();
}

void FieldMarks::clearAll()
{
    for (auto it = m_fields.begin(); it != m_fields.end(); ++it)
        clear(it.key());
    showBanner(QString());
}

bool FieldMarks::hasMarks() const
{
    for (const Field& f : m_fields)
        if (!f.text.isEmpty())
            return true;
    return false;
}

QString FieldMarks::reasonOf(const QString& parameter) const
{
    return m_fields.value(parameter).text;
}

QString FieldMarks::bannerText() const
{
    return m_banner && !m_banner->isHidden() ? m_banner->text() : QString();
}

bool FieldMarks::showProblem(const Problem& problem)
{
    QString text = problem.message;
    if (!problem.detail.isEmpty())
        text += u' ' + problem.detail;
    if (!problem.parameter.isEmpty() && fieldFor(problem.parameter)) {
        mark(problem.parameter, text);
        return true;
    }
    if (!problem.remediation.isEmpty())
        text += u'\n' + problem.remediation;
    showBanner(text);
    return false;
}

void FieldMarks::showBanner(const QString& text)
{
    if (!m_banner)
        return;
    m_banner->setText(text);
    m_banner->setVisible(!text.isEmpty());
}

} // namespace pb

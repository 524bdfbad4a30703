#include "TranslationChecks.h"

#include <QFile>
#include <QRegularExpression>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace pb::l10n {

namespace {
// Properties a user reads or hears; notr="true" is only acceptable elsewhere (style sheets,
// object names, icon theme names, formats).
const QSet<QString>& userVisibleProperties()
{
    static const QSet<QString> names{u"text"_s, u"title"_s, u"windowTitle"_s, u"toolTip"_s, u"statusTip"_s,
                                     u"whatsThis"_s, u"placeholderText"_s, u"accessibleName"_s,
                                     u"accessibleDescription"_s, u"label"_s, u"suffix"_s, u"prefix"_s,
                                     u"specialValueText"_s, u"iconText"_s};
    return names;
}

// An accelerator is a single '&' before a character; "&&" is a literal ampersand.
bool hasAccelerator(const QString& text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != u'&')
            continue;
        if (text.at(i + 1) == u'&') {
            ++i;
            continue;
        }
        if (!text.at(i + 1).isSpace())
            return true;
    }
    return false;
}

} // namespace

QStringList placeholders(const QString& text)
{
    static const QRegularExpression pattern(u"%(\\d{1,2})"_s);
    QStringList found;
    for (auto it = pattern.globalMatch(text); it.hasNext();)
        found << it.next().captured(0);
    found.sort();
    return found;
}

TsReport checkTsText(const QString& name, const QString& xml)
{
    TsReport report;
    QXmlStreamReader reader(xml);
    QString context;
    QString source;
    QStringList forms;
    QString type;
    bool sawTranslation = false;
    auto finishMessage = [&] {
        ++report.messages;
        report.sources.insert(context + u'\n' + source);
        const QString where = name + u": "_s + context + u": \""_s + source + u"\": "_s;
        if (!sawTranslation)
            report.problems << where + u"no translation"_s;
        if (type == u"unfinished"_s || type == u"obsolete"_s || type == u"vanished"_s)
            report.problems << where + type;
        for (const QString& form : std::as_const(forms)) {
            if (form.isEmpty()) {
                report.problems << where + u"empty translation"_s;
                continue;
            }
            if (placeholders(form) != placeholders(source))
                report.problems << where + u"placeholders differ: \""_s + form + u'"';
            if (hasAccelerator(source) != hasAccelerator(form))
                report.problems << where + u"accelerator (&) differs: \""_s + form + u'"';
        }
    };
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement()) {
            const auto element = reader.name();
            if (element == u"name"_s) {
                context = reader.readElementText();
            } else if (element == u"message"_s) {
                source.clear();
                forms.clear();
                type.clear();
                sawTranslation = false;
            } else if (element == u"source"_s) {
                source = reader.readElementText();
            } else if (element == u"translation"_s) {
                sawTranslation = true;
                type = reader.attributes().value(u"type"_s).toString();
                // Plural messages hold <numerusform> children; plain ones hold the text itself.
                QString text;
                bool numerus = false;
                while (!reader.atEnd()) {
                    reader.readNext();
                    if (reader.isCharacters())
                        text += reader.text();
                    else if (reader.isStartElement() && reader.name() == u"numerusform"_s) {
                        numerus = true;
                        forms << reader.readElementText();
                    } else if (reader.isEndElement() && reader.name() == u"translation"_s)
                        break;
                }
                if (!numerus)
                    forms << text;
            }
        } else if (reader.isEndElement() && reader.name() == u"message"_s) {
            finishMessage();
        }
    }
    if (reader.hasError())
        report.problems << name + u": XML error: "_s + reader.errorString();
    return report;
}

TsReport checkTsFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        TsReport report;
        report.problems << path + u": cannot be read"_s;
        return report;
    }
    return checkTsText(path, QString::fromUtf8(file.readAll()));
}

QStringList checkUiText(const QString& name, const QString& xml, const QSet<QString>& sources)
{
    QStringList problems;
    QXmlStreamReader reader(xml);
    QString formClass;
    QStringList propertyStack;
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement()) {
            const auto element = reader.name();
            if (element == u"class"_s && formClass.isEmpty()) {
                formClass = reader.readElementText();
            } else if (element == u"property"_s || element == u"attribute"_s) {
                propertyStack << reader.attributes().value(u"name"_s).toString();
            } else if (element == u"string"_s) {
                const bool notr = reader.attributes().value(u"notr"_s) == u"true"_s;
                const QString property = propertyStack.isEmpty() ? QString() : propertyStack.last();
                const QString text = reader.readElementText();
                if (text.trimmed().isEmpty())
                    continue;
                const QString where = name + u": "_s + property + u" \""_s + text + u"\": "_s;
                if (notr) {
                    if (userVisibleProperties().contains(property))
                        problems << where + u"user-visible but marked notr=\"true\""_s;
                } else if (!sources.contains(formClass + u'\n' + text)) {
                    problems << where + u"not in the translation catalog (run update_translations)"_s;
                }
            }
        } else if (reader.isEndElement()
                   && (reader.name() == u"property"_s || reader.name() == u"attribute"_s)) {
            if (!propertyStack.isEmpty())
                propertyStack.removeLast();
        }
    }
    if (reader.hasError())
        problems << name + u": XML error: "_s + reader.errorString();
    return problems;
}

} // namespace pb::l10n

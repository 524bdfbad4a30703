#pragma once

#include <QSet>
#include <QString>
#include <QStringList>

namespace pb::l10n {

// One problem per string, phrased for a test failure message ("file: context: source: what").
struct TsReport {
    QStringList problems;
    // "context\nsource" of every message, to check the forms against.
    QSet<QString> sources;
    int messages = 0;
};

// Reads a Qt Linguist .ts file and reports unfinished, obsolete or vanished entries, empty
// translations, and translations whose %1…%99 placeholders or accelerators differ from the source.
TsReport checkTsFile(const QString& path);
TsReport checkTsText(const QString& name, const QString& xml);

// Strings of a Designer form that a user sees but that cannot reach a translator: notr="true" on
// a user-visible property, or a translatable string lupdate did not extract into `sources`.
QStringList checkUiText(const QString& name, const QString& xml, const QSet<QString>& sources);

// The %N placeholders of a text, sorted (%n excluded: plural forms may spell the number out).
QStringList placeholders(const QString& text);

} // namespace pb::l10n

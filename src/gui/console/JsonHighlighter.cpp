#include "gui/console/JsonHighlighter.h"

#include <QColor>

namespace pb {

namespace {

QTextCharFormat charFormat(const QColor& colour, bool bold = false) {
    QTextCharFormat f;
    f.setForeground(colour);
    if (bold)
        f.setFontWeight(QFont::Bold);
    return f;
}

} // namespace

JsonHighlighter::JsonHighlighter(QTextDocument* document)
    : QSyntaxHighlighter(document) {
    const QString string = QStringLiteral(R"("(?:[^"\\]|\\.)*")");
    // Later rules win where they overlap, so member names come after plain strings.
    m_rules = {
        {QRegularExpression(QStringLiteral(R"([{}\[\],:])")), charFormat(QColor(0x60, 0x60, 0x60)), 0},
        {QRegularExpression(QStringLiteral(R"(-?\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b)")),
         charFormat(QColor(0x09, 0x86, 0x58)), 0},
        {QRegularExpression(QStringLiteral(R"(\b(?:true|false|null)\b)")),
         charFormat(QColor(0x00, 0x50, 0xb0), true), 0},
        {QRegularExpression(string), charFormat(QColor(0xa3, 0x15, 0x15)), 0},
        {QRegularExpression(QStringLiteral("(%1)\\s*:").arg(string)),
         charFormat(QColor(0x79, 0x1e, 0x94), true), 1},
    };
}

void JsonHighlighter::highlightBlock(const QString& text) {
    for (const Rule& rule : std::as_const(m_rules)) {
        auto it = rule.pattern.globalMatch(text);
        while (it.hasNext()) {
            const auto match = it.next();
            setFormat(static_cast<int>(match.capturedStart(rule.group)),
                      static_cast<int>(match.capturedLength(rule.group)), rule.format);
        }
    }
}

} // namespace pb

#include "gui/console/JsonHighlighter.h"

#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

using namespace pb;
using namespace Qt::StringLiterals;

class TestJsonHighlighter final : public QObject {
    Q_OBJECT
private slots:
    void coloursMembersStringsAndLiterals();
};

namespace {
// The format the highlighter gave the character at `position` of the first block.
QTextCharFormat formatAt(const QTextDocument& doc, int position) {
    const QList<QTextLayout::FormatRange> ranges = doc.firstBlock().layout()->formats();
    for (const auto& r : ranges)
        if (position >= r.start && position < r.start + r.length)
            return r.format;
    return {};
}
} // namespace

void TestJsonHighlighter::coloursMembersStringsAndLiterals() {
    QTextDocument doc;
    JsonHighlighter highlighter(&doc);
    const QString text = u"{\"key\": \"va:l 12\", \"n\": 42, \"ok\": true}"_s;
    doc.setPlainText(text);
    highlighter.rehighlight();
    const QTextCharFormat key = formatAt(doc, static_cast<int>(text.indexOf(u"key"_s)));
    const QTextCharFormat value = formatAt(doc, static_cast<int>(text.indexOf(u"va:l"_s)));
    const QTextCharFormat number = formatAt(doc, static_cast<int>(text.indexOf(u"42"_s)));
    const QTextCharFormat literal = formatAt(doc, static_cast<int>(text.indexOf(u"true"_s)));
    const QTextCharFormat digitsInString = formatAt(doc, static_cast<int>(text.indexOf(u"12"_s)));
    QCOMPARE(key.fontWeight(), int(QFont::Bold));
    QVERIFY(value.foreground().color() != key.foreground().color());
    QVERIFY(number.foreground().color() != value.foreground().color());
    QVERIFY(literal.foreground().color() != number.foreground().color());
    // A string's digits and colons stay string-coloured.
    QCOMPARE(digitsInString.foreground().color(), value.foreground().color());
}

QTEST_MAIN(TestJsonHighlighter)
#include "TestJsonHighlighter.moc"

#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QTextStream>

namespace pb::cli {

// One column of a table: a header and a dotted path into each row ("permissions.resource_type").
struct Column {
    QString header;
    QString path;
};

// How a command wants its result shown in human mode; --json bypasses it.
struct View {
    QList<Column> columns; // used when the result is a list
    QString title;         // optional heading above key-value output
};

// Renders JSON values as plain text: tables for lists, aligned key-value lines for objects.
class Output final {
public:
    static QString textOf(const QJsonValue& value);
    static QJsonValue at(const QJsonValue& value, const QString& dottedPath);

    static void printTable(QTextStream& out, const QList<Column>& columns, const QJsonArray& rows);
    // Nested objects are flattened with dotted keys; arrays of scalars are joined by ", ".
    static void printObject(QTextStream& out, const QJsonObject& object, const QString& prefix = {});
    static void printValue(QTextStream& out, const QJsonValue& value, const View& view);
    static QList<Column> defaultColumns(const QJsonArray& rows);
};

} // namespace pb::cli

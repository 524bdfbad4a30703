#include "cli/Output.h"

#include <QJsonDocument>
#include <QStringBuilder>

#include <algorithm>
#include <functional>

namespace pb::cli {

QString Output::textOf(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (d == static_cast<double>(static_cast<qint64>(d)))
            return QString::number(static_cast<qint64>(d));
        return QString::number(d);
    }
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array: {
        QStringList parts;
        const QJsonArray array = value.toArray();
        for (const QJsonValue& v : array) {
            if (v.isObject())
                parts.append(QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact)));
            else if (v.isArray())
                parts.append(QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)));
            else
                parts.append(textOf(v));
        }
        return parts.join(QStringLiteral(", "));
    }
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    return {};
}

QJsonValue Output::at(const QJsonValue& value, const QString& dottedPath)
{
    QJsonValue v = value;
    const QStringList parts = dottedPath.split(QLatin1Char('.'));
    for (const QString& part : parts) {
        if (!v.isObject())
            return QJsonValue(QJsonValue::Undefined);
        v = v.toObject().value(part);
    }
    return v;
}

void Output::printTable(QTextStream& out, const QList<Column>& columns, const QJsonArray& rows)
{
    QList<QStringList> cells;
    QList<int> widths;
    QStringList header;
    for (const Column& c : columns) {
        header.append(c.header);
        widths.append(c.header.size());
    }
    for (const QJsonValue& row : rows) {
        QStringList line;
        for (int i = 0; i < columns.size(); ++i) {
            QString text = textOf(at(row, columns.at(i).path)).replace(QLatin1Char('\n'), QLatin1Char(' '));
            widths[i] = std::max<int>(widths.at(i), static_cast<int>(text.size()));
            line.append(text);
        }
        cells.append(line);
    }
    auto emitLine = [&](const QStringList& line) {
        QString text;
        for (int i = 0; i < line.size(); ++i)
            text += i + 1 < line.size() ? line.at(i).leftJustified(widths.at(i) + 2) : line.at(i);
        out << text.trimmed() << '\n';
    };
    emitLine(header);
    for (const QStringList& line : cells)
        emitLine(line);
    if (rows.isEmpty())
        out << "(none)\n";
}

void Output::printObject(QTextStream& out, const QJsonObject& object, const QString& prefix)
{
    QList<QPair<QString, QString>> lines;
    std::function<void(const QJsonObject&, const QString&)> flatten = [&](const QJsonObject& o, const QString& p) {
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString key = p.isEmpty() ? it.key() : p % QLatin1Char('.') % it.key();
            if (it.value().isObject() && !it.value().toObject().isEmpty())
                flatten(it.value().toObject(), key);
            else
                lines.append({key, textOf(it.value())});
        }
    };
    flatten(object, prefix);
    int width = 0;
    for (const auto& [k, v] : lines)
        width = std::max<int>(width, static_cast<int>(k.size()));
    for (const auto& [k, v] : lines)
        out << QString(k + QLatin1Char(':')).leftJustified(width + 2) << v << '\n';
}

QList<Column> Output::defaultColumns(const QJsonArray& rows)
{
    QList<Column> cols;
    const QJsonObject first = rows.isEmpty() ? QJsonObject() : rows.first().toObject();
    for (const QString& key : {QStringLiteral("name"), QStringLiteral("id"), QStringLiteral("fullname")})
        if (first.contains(key) || rows.isEmpty())
            cols.append({key.toUpper(), key});
    if (cols.isEmpty())
        for (auto it = first.begin(); it != first.end() && cols.size() < 6; ++it)
            if (!it.value().isObject())
                cols.append({it.key().toUpper(), it.key()});
    return cols;
}

void Output::printValue(QTextStream& out, const QJsonValue& value, const View& view)
{
    if (value.isArray()) {
        const QJsonArray rows = value.toArray();
        const bool scalars = !rows.isEmpty() && !rows.first().isObject();
        if (scalars) {
            for (const QJsonValue& v : rows)
                out << textOf(v) << '\n';
            return;
        }
        printTable(out, view.columns.isEmpty() ? defaultColumns(rows) : view.columns, rows);
    } else if (value.isObject()) {
        if (!view.title.isEmpty())
            out << view.title << '\n';
        printObject(out, value.toObject());
    } else if (!value.isUndefined() && !value.isNull()) {
        out << textOf(value) << '\n';
    }
}

} // namespace pb::cli

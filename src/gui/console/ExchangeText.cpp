#include "gui/console/ExchangeText.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace pb {

namespace {

void appendHeaders(QStringList& lines, const QJsonArray& headers) {
    for (const QJsonValue& h : headers) {
        const QJsonArray pair = h.toArray();
        lines << QStringLiteral("%1: %2").arg(pair.at(0).toString(), pair.at(1).toString());
    }
}

// Pretty-prints a JSON body excerpt; excerpts cut off mid-document stay as they are.
QString prettyBody(const QString& body) {
    const QJsonDocument doc = QJsonDocument::fromJson(body.toUtf8());
    if (doc.isNull())
        return body;
    return QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed();
}

} // namespace

QString exchangesText(const QJsonArray& exchanges) {
    QStringList lines;
    int n = 0;
    for (const QJsonValue& v : exchanges) {
        const QJsonObject e = v.toObject();
        lines << QStringLiteral("── Exchange %1 of %2 · %3 ms ──")
                     .arg(++n)
                     .arg(exchanges.size())
                     .arg(e.value(QStringLiteral("duration_ms")).toInteger());
        lines << QStringLiteral("%1 %2").arg(e.value(QStringLiteral("method")).toString(),
                                             e.value(QStringLiteral("url")).toString());
        appendHeaders(lines, e.value(QStringLiteral("request_headers")).toArray());
        const QString requestBody = e.value(QStringLiteral("request_body")).toString();
        if (!requestBody.isEmpty())
            lines << QString() << prettyBody(requestBody);
        lines << QString();
        const int status = e.value(QStringLiteral("status")).toInt();
        const QString error = e.value(QStringLiteral("error")).toString();
        lines << (status > 0 ? QStringLiteral("HTTP %1").arg(status) : QStringLiteral("No HTTP answer")) +
                     (error.isEmpty() ? QString() : QStringLiteral(" — ") + error);
        appendHeaders(lines, e.value(QStringLiteral("response_headers")).toArray());
        const QString responseBody = e.value(QStringLiteral("response_body")).toString();
        if (!responseBody.isEmpty())
            lines << QString() << prettyBody(responseBody);
        lines << QString();
    }
    return lines.join(QLatin1Char('\n'));
}

QString exchangesTiming(const QJsonArray& exchanges) {
    QStringList lines;
    for (const QJsonValue& v : exchanges) {
        const QJsonObject e = v.toObject();
        lines << QStringLiteral("%1  %2 ms  %3 %4 → %5")
                     .arg(e.value(QStringLiteral("started_at")).toString())
                     .arg(e.value(QStringLiteral("duration_ms")).toInteger())
                     .arg(e.value(QStringLiteral("method")).toString(),
                          e.value(QStringLiteral("url")).toString())
                     .arg(e.value(QStringLiteral("status")).toInt());
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace pb

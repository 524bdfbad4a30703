#include "gui/console/ConsoleRequest.h"

#include "catalog/Catalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

namespace pb {

namespace {

// Single-quotes a word for a POSIX shell.
QString shellQuote(const QString& text) {
    QString q = text;
    q.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + q + QLatin1Char('\'');
}

QString scalarText(const QJsonValue& v) {
    if (v.isString())
        return v.toString();
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 17);
    return QString();
}

} // namespace

QJsonObject ConsoleRequest::toJson() const {
    QJsonObject o{{QStringLiteral("operation"), operationId}};
    if (!pathParams.isEmpty())
        o.insert(QStringLiteral("path"), pathParams);
    if (!query.isEmpty()) {
        QJsonObject q;
        for (const auto& [k, v] : query) {
            const QJsonValue existing = q.value(k);
            if (existing.isUndefined()) {
                q.insert(k, v);
            } else {
                QJsonArray a = existing.isArray() ? existing.toArray() : QJsonArray{existing};
                a.append(v);
                q.insert(k, a);
            }
        }
        o.insert(QStringLiteral("query"), q);
    }
    if (!body.isUndefined())
        o.insert(QStringLiteral("body"), body);
    return o;
}

Result<ConsoleRequest> ConsoleRequest::fromJson(const QJsonObject& json) {
    static const QStringList known{QStringLiteral("operation"), QStringLiteral("path"),
                                   QStringLiteral("query"), QStringLiteral("body")};
    for (auto it = json.constBegin(); it != json.constEnd(); ++it)
        if (!known.contains(it.key()))
            return Problem::badRequest(
                       QStringLiteral("Unknown member \"%1\" in the request.").arg(it.key()),
                       QStringLiteral("The request JSON has the members operation, path, query and body."))
                .withParameter(it.key());
    ConsoleRequest r;
    r.operationId = json.value(QStringLiteral("operation")).toString();
    const QJsonValue path = json.value(QStringLiteral("path"));
    if (!path.isUndefined() && !path.isObject())
        return Problem::badRequest(QStringLiteral("\"path\" must be an object of path parameters."))
            .withParameter(QStringLiteral("path"));
    const QJsonObject pathObject = path.toObject();
    for (auto it = pathObject.constBegin(); it != pathObject.constEnd(); ++it)
        r.pathParams.insert(it.key(), scalarText(it.value()));
    const QJsonValue query = json.value(QStringLiteral("query"));
    if (!query.isUndefined() && !query.isObject())
        return Problem::badRequest(QStringLiteral("\"query\" must be an object of query parameters."))
            .withParameter(QStringLiteral("query"));
    const QJsonObject queryObject = query.toObject();
    for (auto it = queryObject.constBegin(); it != queryObject.constEnd(); ++it) {
        if (it.value().isArray()) {
            const QJsonArray values = it.value().toArray();
            for (const QJsonValue& v : values)
                r.query.append({it.key(), scalarText(v)});
        } else if (!it.value().isNull()) {
            r.query.append({it.key(), scalarText(it.value())});
        }
    }
    r.body = json.value(QStringLiteral("body"));
    return r;
}

Result<QString> ConsoleRequest::resolvedPath(const OperationSpec& operation) const {
    QString path = operation.path;
    for (const OperationParam& p : operation.params) {
        if (p.in != QStringLiteral("path"))
            continue;
        const QString value = pathParams.value(p.name).toString();
        if (value.isEmpty())
            return Problem::badRequest(QStringLiteral("The path parameter %1 is required.").arg(p.name),
                                       p.description)
                .withParameter(p.name, QStringLiteral("path"))
                .withRemediation(QStringLiteral("Fill in %1 in the form.").arg(p.name));
        path.replace(QLatin1Char('{') + p.name + QLatin1Char('}'),
                     QString::fromLatin1(QUrl::toPercentEncoding(value)));
    }
    return path;
}

Result<ApiRequest> ConsoleRequest::toApiRequest(const OperationSpec& operation, const QString& token) const {
    auto path = resolvedPath(operation);
    if (!path)
        return path.problem();
    ApiRequest r;
    r.method = operation.method;
    r.path = *path;
    r.token = token;
    for (const auto& [k, v] : query)
        if (!v.isEmpty())
            r.query.append({k, v});
    if (!body.isUndefined() && !body.isNull())
        r.body = body;
    return r;
}

Result<QString> ConsoleRequest::toCurl(const OperationSpec& operation, const QString& baseUrl) const {
    auto path = resolvedPath(operation);
    if (!path)
        return path.problem();
    QString base = baseUrl.trimmed();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    // Every reserved character is percent-encoded: curl would read [ ] as a glob pattern.
    QStringList pairs;
    for (const auto& [k, v] : query)
        if (!v.isEmpty())
            pairs << QString::fromLatin1(QUrl::toPercentEncoding(k) + '=' + QUrl::toPercentEncoding(v));
    const QString url =
        base + *path + (pairs.isEmpty() ? QString() : QLatin1Char('?') + pairs.join(QLatin1Char('&')));
    QStringList words{
        QStringLiteral("curl"), QStringLiteral("-sS"), QStringLiteral("-X"),
        QString::fromLatin1(operation.method), shellQuote(url), QStringLiteral("-H"),
        // Double quotes so the shell expands the placeholder variable.
        QStringLiteral("\"Authorization: Bearer %1\"").arg(QLatin1String(kCurlTokenPlaceholder))};
    if (!body.isUndefined() && !body.isNull()) {
        const QByteArray text = body.isArray()
                                    ? QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact)
                                    : QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
        words << QStringLiteral("-H") << shellQuote(QStringLiteral("Content-Type: application/json"))
              << QStringLiteral("--data-binary") << shellQuote(QString::fromUtf8(text));
    }
    return words.join(QLatin1Char(' '));
}

QString ConsoleRequest::queryValue(const QString& key) const {
    for (const auto& [k, v] : query)
        if (k == key)
            return v;
    return QString();
}

void ConsoleRequest::setQueryValue(const QString& key, const QString& value) {
    query.removeIf([&key](const QPair<QString, QString>& kv) { return kv.first == key; });
    if (!value.isEmpty())
        query.append({key, value});
}

std::optional<ConsoleRequest> ConsoleRequest::fromHistoryEvent(const QJsonObject& event) {
    const QJsonObject request = event.value(QStringLiteral("request")).toObject();
    const QByteArray method = request.value(QStringLiteral("method")).toString().toLatin1();
    const QString path = request.value(QStringLiteral("path")).toString();
    const auto match = Catalog::builtin().matchOperation(method, path);
    if (!match)
        return std::nullopt;
    ConsoleRequest r;
    r.operationId = match->operation->id;
    for (auto it = match->pathParams.cbegin(); it != match->pathParams.cend(); ++it)
        r.pathParams.insert(it.key(), it.value());
    // Should the platform keep query pairs ([[key, value], ...]) and the body, use them too;
    // today it keeps the query keys alone (plain strings), which carry no value to re-run.
    const QJsonArray query = request.value(QStringLiteral("query")).toArray();
    for (const QJsonValue& pair : query)
        if (pair.isArray() && pair.toArray().size() == 2)
            r.query.append({pair.toArray().at(0).toString(), scalarText(pair.toArray().at(1))});
    if (request.contains(QStringLiteral("body")))
        r.body = request.value(QStringLiteral("body"));
    return r;
}

} // namespace pb

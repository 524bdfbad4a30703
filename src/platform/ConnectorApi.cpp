#include "platform/ConnectorApi.h"

#include "catalog/Catalog.h"
#include "core/Clock.h"
#include "core/Ids.h"
#include "platform/Compliance.h"
#include "platform/Core.h"
#include "platform/CredentialStore.h"
#include "platform/Json.h"
#include "platform/policy/PolicyEngine.h"
#include "providers/AdapterRegistry.h"

#include <QElapsedTimer>
#include <QUrl>

#include <memory>

namespace pb {

namespace {

struct ConnectorCall {
    Core* core = nullptr;
    ApiRequest request;
    QString path; // without query
    Row integration;
    QString integrationId;
    QString accountId;
    QString operationId;
    QElapsedTimer timer;
};

qint64 jsonSize(const QJsonValue& v)
{
    return v.isUndefined() || v.isNull() ? 0 : json::text(v).toUtf8().size();
}

// Records the call in call_history and integration_status (never secrets or bodies).
void record(const ConnectorCall& c, const ApiResponse& response)
{
    Workspace& ws = *c.core->ws;
    const QString now = toRfc3339(nowUtc());
    const qint64 ms = c.timer.elapsed();
    const bool failed = response.isError();
    const QString error = failed ? response.problem().type + QStringLiteral(": ") + response.problem().message : QString();
    // Enough to re-run the call from history: path, query and body. Never the token or a
    // credential: those are not part of the request the caller makes.
    QJsonArray query;
    for (const auto& [k, v] : c.request.query)
        query.append(QJsonArray{k, v});
    QJsonObject requestJson{{QStringLiteral("query"), query}};
    if (!c.request.body.isUndefined() && !c.request.body.isNull() && jsonSize(c.request.body) <= 16384)
        requestJson.insert(QStringLiteral("body"), c.request.body);
    Status s = ws.transaction([&]() -> Status {
        if (Status i = ws.insert(QStringLiteral("call_history"),
                                 {{QStringLiteral("id"), newId()},
                                  {QStringLiteral("integration_id"), c.integrationId},
                                  {QStringLiteral("account_id"), c.accountId},
                                  {QStringLiteral("created_at"), now},
                                  {QStringLiteral("operation_id"), c.operationId},
                                  {QStringLiteral("method"), QString::fromLatin1(c.request.method)},
                                  {QStringLiteral("path"), c.path},
                                  {QStringLiteral("status"), response.status},
                                  {QStringLiteral("error"), error},
                                  {QStringLiteral("duration_ms"), ms},
                                  {QStringLiteral("request"), json::text(requestJson)}});
            !i)
            return i;
        auto u = ws.exec(QStringLiteral("UPDATE integration_status SET requests = requests + 1, failed = failed + ?, "
                                        "in_bytes = in_bytes + ?, out_bytes = out_bytes + ?, "
                                        "last_success_at = CASE WHEN ? = 1 THEN last_success_at ELSE ? END, "
                                        "last_failure_at = CASE WHEN ? = 1 THEN ? ELSE last_failure_at END, "
                                        "last_error = CASE WHEN ? = 1 THEN ? ELSE last_error END, "
                                        "last_latency_ms = ?, total_latency_ms = total_latency_ms + ?, updated_at = ? "
                                        "WHERE integration_id = ?"),
                         {failed ? 1 : 0, jsonSize(response.body), jsonSize(c.request.body), failed ? 1 : 0, now,
                          failed ? 1 : 0, now, failed ? 1 : 0, error, ms, ms, now, c.integrationId});
        if (!u)
            return u.problem();
        return {};
    });
    if (!s)
        qWarning("patchbay: could not record a connector call: %s", qPrintable(s.problem().message));
}

Problem refused(int status, const QString& type, const QString& message, const QString& detail, const QString& remediation)
{
    return Problem(status, type, message, detail, remediation);
}

} // namespace

void handleConnectorCall(Core& core, const ApiRequest& request, ApiCallback done)
{
    auto caller = core.tokens->authenticate(request.token, ApiLayer::Connector);
    if (!caller)
        return done(ApiResponse::ofProblem(caller.problem()));
    auto c = std::make_shared<ConnectorCall>();
    c->timer.start();
    c->core = &core;
    c->request = request;
    c->path = request.path.section(QLatin1Char('?'), 0, 0);
    // The token decides the Integration: nothing in the path or body can point elsewhere.
    auto row = core.ws->selectOne(QStringLiteral("SELECT * FROM integrations WHERE id = ? AND account_id = ?"),
                                  {caller->integrationId, caller->accountId});
    if (!row)
        return done(ApiResponse::ofProblem(row.problem()));
    if (!row->has_value())
        return done(ApiResponse::ofProblem(refused(401, QStringLiteral("invalid_token"),
                                                   QStringLiteral("The Integration of this token no longer exists."),
                                                   caller->integrationId, QStringLiteral("Issue a token for an existing Integration."))));
    c->integration = **row;
    c->integrationId = caller->integrationId;
    c->accountId = caller->accountId;
    auto finish = [c, done](ApiResponse response) {
        record(*c, response);
        done(response);
    };

    const Catalog& catalog = Catalog::builtin();
    const auto match = catalog.matchOperation(request.method, c->path);
    if (!match) {
        if (!catalog.methodsForPath(c->path).isEmpty())
            return finish(ApiResponse::ofProblem(
                Problem(405, QStringLiteral("method_not_allowed"),
                        QStringLiteral("%1 is not allowed on this Connector API path.").arg(QString::fromLatin1(request.method)), c->path)));
        return finish(ApiResponse::ofProblem(Problem::notFound(QStringLiteral("No connector operation at this path."), c->path)
                                                 .withRemediation(QStringLiteral("See GET /v1/capabilities/connectors."))));
    }
    const OperationSpec& op = *match->operation;
    c->operationId = op.id;
    const QString category = c->integration.value(QStringLiteral("category")).toString();
    const QString providerId = c->integration.value(QStringLiteral("provider_type")).toString();
    if (op.connectorId != category)
        return finish(ApiResponse::ofProblem(refused(
            403, QStringLiteral("wrong_connector"),
            QStringLiteral("This token's Integration is a %1 Integration; %2 belongs to the %3 connector.").arg(category, c->path, op.connectorId),
            QStringLiteral("An Integration Access Token reaches only its own Integration's connector."),
            QStringLiteral("Use a token of a %1 Integration.").arg(op.connectorId))));
    const ProviderSpec* provider = catalog.provider(providerId);
    if (provider && !provider->supports(op.id))
        return finish(ApiResponse::ofProblem(refused(501, QStringLiteral("operation_not_supported"),
                                                     QStringLiteral("%1 does not support %2.").arg(provider->fullname, op.id),
                                                     {}, QStringLiteral("See GET /v1/capabilities/providers/%1.").arg(providerId))));
    // Re-check the Integration Point on every call: the rules may have changed since the token.
    if (Status s = integrationUsable(core, c->integration, QStringLiteral("The connector call was refused")); !s)
        return finish(ApiResponse::ofProblem(s.problem()));
    bool allowPlainHttp = false;
    const QString pointId = c->integration.value(QStringLiteral("integration_point_id")).toString();
    if (!pointId.isEmpty()) {
        auto rules = rulesOfPoint(core, pointId);
        if (!rules)
            return finish(ApiResponse::ofProblem(rules.problem()));
        PolicyEngine engine(catalog);
        if (auto v = engine.operationAllowed(*rules, op.id))
            return finish(ApiResponse::ofProblem(PolicyEngine::toProblem({*v}, QStringLiteral("The connector call was refused"))));
        allowPlainHttp = rules->allowPlainHttp;
    }

    OperationCall call;
    call.providerId = providerId;
    call.operationId = op.id;
    call.config = catalog.withDefaults(providerId, json::object(c->integration.value(QStringLiteral("provider_config"))));
    call.allowPlainHttp = allowPlainHttp;
    for (auto it = match->pathParams.cbegin(); it != match->pathParams.cend(); ++it)
        call.params.insert(it.key(), it.value());
    for (const auto& [k, v] : request.query) {
        if (call.params.contains(k) && call.params.value(k).isArray()) {
            QJsonArray a = call.params.value(k).toArray();
            a.append(v);
            call.params.insert(k, a);
        } else if (call.params.contains(k) && (k == QStringLiteral("filter") || k == QStringLiteral("order"))) {
            call.params.insert(k, QJsonArray{call.params.value(k), v});
        } else {
            call.params.insert(k, v);
        }
    }
    if (!request.body.isUndefined() && !request.body.isNull())
        call.params.insert(QStringLiteral("body"), request.body);

    const QString credentialId = c->integration.value(QStringLiteral("credential_id")).toString();
    AdapterRegistry* adapters = core.adapters;
    const bool trace = request.header(QByteArrayLiteral("X-Patchbay-Trace")) == QByteArrayLiteral("exchanges");
    auto run = [adapters, finish, trace](OperationCall prepared) {
        adapters->execute(prepared, [finish, trace](Result<OperationOutcome> outcome, QList<ExchangeRecord> exchanges) {
            ApiResponse response =
                outcome ? ApiResponse::ofResult(outcome->result, outcome->cursor,
                                                outcome->httpStatus >= 200 && outcome->httpStatus < 300 ? outcome->httpStatus : 200)
                        : ApiResponse::ofProblem(outcome.problem());
            if (trace) {
                QJsonArray list;
                for (const ExchangeRecord& e : exchanges)
                    list.append(e.toJson());
                QJsonObject body = response.body.toObject();
                body.insert(QStringLiteral("exchanges"), list);
                response.body = body;
            }
            finish(response);
        });
    };
    if (credentialId.isEmpty())
        return run(call);
    auto meta = core.ws->selectOne(QStringLiteral("SELECT type, metadata FROM credentials WHERE id = ?"), {credentialId});
    if (!meta || !meta->has_value())
        return finish(ApiResponse::ofProblem(Problem::internal(QStringLiteral("The Integration's credential is missing."), credentialId)));
    call.credentialType = (*meta)->value(QStringLiteral("type")).toString();
    const QJsonObject nonSecret = json::object((*meta)->value(QStringLiteral("metadata")));
    for (auto it = nonSecret.constBegin(); it != nonSecret.constEnd(); ++it)
        call.secrets.insert(it.key(), it.value().toString().toUtf8());
    readCredentialSecrets(core, credentialId, [call, run, finish](Result<QHash<QString, QByteArray>> secrets) mutable {
        if (!secrets)
            return finish(ApiResponse::ofProblem(secrets.problem()));
        for (auto it = secrets->cbegin(); it != secrets->cend(); ++it)
            call.secrets.insert(it.key(), it.value());
        run(call);
    });
}

} // namespace pb

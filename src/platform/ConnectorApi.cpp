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

// Hands the call to the recorder, which writes it after the answer is out (batched).
void record(const ConnectorCall& c, const ApiResponse& response)
{
    CallRecorder::Record r;
    r.integrationId = c.integrationId;
    r.accountId = c.accountId;
    r.operationId = c.operationId;
    r.createdAt = toRfc3339(nowUtc());
    r.method = c.request.method;
    r.path = c.path;
    r.query = c.request.query;
    r.requestBody = c.request.body;
    r.response = response;
    r.durationMs = c.timer.elapsed();
    c.core->recorder->add(std::move(r));
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
    // The caller gets the answer first; the bookkeeping is written afterwards, in batches.
    auto finish = [c, done](ApiResponse response) {
        const ApiResponse copy = response;
        done(std::move(response));
        record(*c, copy);
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
    // The rules come compiled from Core::pointRules (reparsed only when the point's text changed).
    std::optional<IntegrationPointRules> rules;
    if (Status s = integrationUsable(core, c->integration, QStringLiteral("The connector call was refused"), &rules); !s)
        return finish(ApiResponse::ofProblem(s.problem()));
    bool allowPlainHttp = false;
    if (rules) {
        const PolicyEngine engine(catalog);
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
    // A short-lived in-memory copy spares the keychain round trip on a burst of calls; it is
    // dropped on every Management API write (rotation, delete, reconcile) and never stored.
    if (std::optional<SecretCache::Secrets> cached = core.secrets.find(credentialId)) {
        for (auto it = cached->cbegin(); it != cached->cend(); ++it)
            call.secrets.insert(it.key(), it.value());
        return run(call);
    }
    Core* cp = &core;
    const quint64 generation = core.secrets.generation();
    readCredentialSecrets(core, credentialId,
                          [cp, generation, credentialId, call, run, finish](Result<QHash<QString, QByteArray>> secrets) mutable {
                              if (!secrets)
                                  return finish(ApiResponse::ofProblem(secrets.problem()));
                              cp->secrets.insert(credentialId, *secrets, generation);
                              for (auto it = secrets->cbegin(); it != secrets->cend(); ++it)
                                  call.secrets.insert(it.key(), it.value());
                              run(call);
                          });
}

} // namespace pb

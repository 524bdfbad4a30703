#include "platform/Compliance.h"

#include "catalog/Catalog.h"
#include "core/Clock.h"
#include "platform/Core.h"
#include "platform/Json.h"
#include "platform/policy/PolicyEngine.h"
#include "storage/SqlDialect.h"

namespace pb {

QJsonObject integrationPointBody(const Row& p)
{
    return {{QStringLiteral("id"), p.value(QStringLiteral("id")).toString()},
            {QStringLiteral("name"), p.value(QStringLiteral("name")).toString()},
            {QStringLiteral("fullname"), p.value(QStringLiteral("fullname")).toString()},
            {QStringLiteral("description"), p.value(QStringLiteral("description")).toString()},
            {QStringLiteral("connector"), p.value(QStringLiteral("connector")).toString()},
            {QStringLiteral("environments"), json::object(p.value(QStringLiteral("environments")))},
            {QStringLiteral("rules"), json::object(p.value(QStringLiteral("rules")))},
            {QStringLiteral("created_at"), p.value(QStringLiteral("created_at")).toString()},
            {QStringLiteral("updated_at"), p.value(QStringLiteral("updated_at")).toString()}};
}

Result<IntegrationPointRules> rulesOfPoint(Core& core, const QString& pointId)
{
    auto point = core.ws->selectOne(QStringLiteral("SELECT * FROM integration_points WHERE id = ?"), {pointId});
    if (!point)
        return point.problem();
    if (!point->has_value())
        return Problem::notFound(QStringLiteral("The Integration's Integration Point no longer exists."), pointId);
    const Row& row = **point;
    // Everything fromJson reads; equal text gives equal rules, so the compiled copy is reused.
    const QString source = row.value(QStringLiteral("name")).toString() + QLatin1Char('\n') +
                           row.value(QStringLiteral("connector")).toString() + QLatin1Char('\n') +
                           row.value(QStringLiteral("environments")).toString() + QLatin1Char('\n') +
                           row.value(QStringLiteral("rules")).toString();
    auto cached = core.pointRules.constFind(pointId);
    if (cached != core.pointRules.cend() && cached->source == source)
        return cached->rules;
    auto rules = IntegrationPointRules::fromJson(integrationPointBody(row));
    if (!rules)
        return rules.problem();
    rules->compiled(); // compiled once here, shared by every copy handed out
    if (core.pointRules.size() > 4096)
        core.pointRules.clear();
    core.pointRules.insert(pointId, Core::CachedRules{source, *rules});
    return *rules;
}

namespace {

Result<IntegrationFacts> factsOf(Core& core, const Row& integration)
{
    IntegrationFacts f;
    f.integrationId = integration.value(QStringLiteral("id")).toString();
    f.integrationName = integration.value(QStringLiteral("name")).toString();
    f.accountId = integration.value(QStringLiteral("account_id")).toString();
    f.providerId = integration.value(QStringLiteral("provider_type")).toString();
    f.providerConfig = json::object(integration.value(QStringLiteral("provider_config")));
    auto account = core.ws->selectOne(QStringLiteral("SELECT name, environment FROM accounts WHERE id = ?"), {f.accountId});
    if (!account)
        return account.problem();
    if (account->has_value()) {
        f.accountName = (*account)->value(QStringLiteral("name")).toString();
        f.environment = (*account)->value(QStringLiteral("environment")).toString();
    }
    const QString credentialId = integration.value(QStringLiteral("credential_id")).toString();
    if (integration.contains(QStringLiteral("draft_credential_type"))) {
        // A draft whose credential is not stored yet (inline credential of a create or verify).
        f.credentialType = integration.value(QStringLiteral("draft_credential_type")).toString();
        f.credentialSetAt = parseRfc3339(integration.value(QStringLiteral("draft_credential_set_at")).toString());
        f.credentialExpires = parseRfc3339(integration.value(QStringLiteral("draft_credential_expires")).toString());
    } else if (!credentialId.isEmpty()) {
        auto cred = core.ws->selectOne(QStringLiteral("SELECT type, secret_set_at, expires, metadata FROM credentials WHERE id = ?"),
                                       {credentialId});
        if (!cred)
            return cred.problem();
        if (cred->has_value()) {
            f.credentialType = (*cred)->value(QStringLiteral("type")).toString();
            f.credentialSetAt = parseRfc3339((*cred)->value(QStringLiteral("secret_set_at")).toString());
            f.credentialExpires = parseRfc3339((*cred)->value(QStringLiteral("expires")).toString());
        }
    }
    return f;
}

} // namespace

Status forEachIntegrationFacts(Core& core, const QString& pointId, const std::function<void(const IntegrationFacts&)>& each)
{
    // Credentials written together share their timestamps (an import writes thousands with one).
    QHash<QString, QDateTime> times;
    auto time = [&times](const QString& text) {
        auto it = times.constFind(text);
        if (it != times.cend())
            return *it;
        const QDateTime t = parseRfc3339(text);
        if (times.size() < 1024)
            times.insert(text, t);
        return t;
    };
    // Covering indexes (schema v4) answer the scan and both joins without touching the tables.
    static const QString select =
        QStringLiteral("SELECT i.id, i.name, i.account_id, i.provider_type, i.provider_config, i.credential_id, "
                       "a.name, a.environment, c.type, c.secret_set_at, c.expires FROM integrations i") +
        sql::useIndex(QStringLiteral("idx_integrations_point_facts")) + QStringLiteral(" JOIN accounts a") +
        sql::useIndex(QStringLiteral("idx_accounts_facts")) + QStringLiteral(" ON a.id = i.account_id LEFT JOIN credentials c") +
        sql::useIndex(QStringLiteral("idx_credentials_facts")) +
        QStringLiteral(" ON c.id = i.credential_id WHERE i.integration_point_id = ?");
    return core.ws->forEach(select,
                            {pointId}, [&](const QSqlQuery& q) {
                                IntegrationFacts f;
                                f.integrationId = q.value(0).toString();
                                f.integrationName = q.value(1).toString();
                                f.accountId = q.value(2).toString();
                                f.providerId = q.value(3).toString();
                                f.providerConfig = json::object(q.value(4));
                                f.accountName = q.value(6).toString();
                                f.environment = q.value(7).toString();
                                if (!q.value(5).toString().isEmpty()) {
                                    f.credentialType = q.value(8).toString();
                                    f.credentialSetAt = time(q.value(9).toString());
                                    f.credentialExpires = time(q.value(10).toString());
                                }
                                each(f);
                            });
}

namespace {

QJsonArray toJson(const QList<Violation>& violations)
{
    QJsonArray a;
    for (const Violation& v : violations)
        a.append(v.toJson());
    return a;
}

} // namespace

Result<QJsonArray> evaluateIntegration(Core& core, const Row& integration, const QJsonObject* pointOverride)
{
    const QString pointId = integration.value(QStringLiteral("integration_point_id")).toString();
    if (pointId.isEmpty() && !pointOverride)
        return QJsonArray();
    Result<IntegrationPointRules> rules = pointOverride ? IntegrationPointRules::fromJson(*pointOverride)
                                                        : rulesOfPoint(core, pointId);
    if (!rules)
        return rules.problem();
    auto facts = factsOf(core, integration);
    if (!facts)
        return facts.problem();
    PolicyEngine engine(Catalog::builtin());
    return toJson(engine.evaluate(*rules, *facts));
}

Status reevaluateIntegrations(Core& core, const QString& column, const QString& value)
{
    const QString update = QStringLiteral("UPDATE integrations SET compliance = ?, violations = ? WHERE id = ?");
    auto store = [&](const QString& id, const QJsonArray& violations) -> Status {
        auto r = core.ws->execute(update, {violations.isEmpty() ? QStringLiteral("compliant") : QStringLiteral("non_compliant"),
                                        json::text(violations), id});
        if (!r)
            return r.problem();
        return {};
    };
    if (column == QStringLiteral("integration_point_id")) {
        // One point: its rules once, the Integrations with their facts in one query.
        QList<IntegrationFacts> all;
        if (Status s = forEachIntegrationFacts(core, value, [&all](const IntegrationFacts& f) { all.append(f); }); !s)
            return s;
        if (all.isEmpty())
            return {};
        auto rules = rulesOfPoint(core, value);
        if (!rules)
            return rules.problem();
        const PolicyEngine engine(Catalog::builtin());
        for (const IntegrationFacts& f : std::as_const(all))
            if (Status s = store(f.integrationId, toJson(engine.evaluate(*rules, f))); !s)
                return s;
        return {};
    }
    auto rows = core.ws->select(QStringLiteral("SELECT * FROM integrations WHERE %1 = ?").arg(column), {value});
    if (!rows)
        return rows.problem();
    for (const Row& row : *rows) {
        auto violations = evaluateIntegration(core, row);
        if (!violations)
            return violations.problem();
        if (Status s = store(row.value(QStringLiteral("id")).toString(), *violations); !s)
            return s;
    }
    return {};
}

Status integrationUsable(Core& core, const Row& integration, const QString& context,
                         std::optional<IntegrationPointRules>* rulesOut)
{
    if (integration.value(QStringLiteral("enabled")).toInt() == 0)
        return Problem::forbidden(QStringLiteral("The Integration is disabled."),
                                  integration.value(QStringLiteral("name")).toString())
            .withRemediation(QStringLiteral("Enable it (PATCH enabled=true) before using it."));
    const QString pointId = integration.value(QStringLiteral("integration_point_id")).toString();
    if (pointId.isEmpty())
        return {};
    auto rules = rulesOfPoint(core, pointId);
    if (!rules)
        return rules.problem();
    if (rulesOut)
        *rulesOut = *rules;
    auto facts = factsOf(core, integration);
    if (!facts)
        return facts.problem();
    PolicyEngine engine(Catalog::builtin());
    const QList<Violation> violations = engine.evaluate(*rules, *facts);
    if (!violations.isEmpty())
        return PolicyEngine::toProblem(violations, context);
    return {};
}

Result<qint64> integrationTokenTtl(Core& core, const Row& integration, std::optional<qint64> requestedSeconds)
{
    if (requestedSeconds && (*requestedSeconds < 1 || *requestedSeconds > TokenService::integrationMaxSeconds))
        return Problem::badRequest(QStringLiteral("token_ttl must be from 1 to %1 seconds.").arg(TokenService::integrationMaxSeconds))
            .withParameter(QStringLiteral("token_ttl"), QStringLiteral("body"), *requestedSeconds);
    const QString pointId = integration.value(QStringLiteral("integration_point_id")).toString();
    if (pointId.isEmpty())
        return requestedSeconds.value_or(TokenService::integrationDefaultSeconds);
    auto rules = rulesOfPoint(core, pointId);
    if (!rules)
        return rules.problem();
    PolicyEngine engine(Catalog::builtin());
    return engine.tokenTtl(*rules, requestedSeconds, TokenService::integrationDefaultSeconds);
}

} // namespace pb

#include "platform/policy/IntegrationPointRules.h"

#include "catalog/Catalog.h"
#include "platform/policy/CompiledRules.h"

#include <QJsonArray>
#include <QSet>
#include <QStringBuilder>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace pb {

namespace {

const QStringList& ruleKeys() {
    static const QStringList keys{u"credential_types"_s, u"host_patterns"_s, u"required_config"_s,
                                  u"operations"_s,       u"max_token_ttl"_s, u"max_credential_age_days"_s,
                                  u"https_required"_s,   u"allow_http"_s};
    return keys;
}

Problem invalid(const QString& parameter, const QString& message, const QJsonValue& value = {}) {
    Problem problem(400, u"invalid_integration_point"_s, message, {},
                    u"Correct "_s % parameter % u" in the Integration Point and try again."_s);
    problem.withParameter(parameter, u"body"_s, value);
    return problem;
}

// A JSON array of non-empty strings, or a Problem naming `parameter`.
Result<QStringList> stringArray(const QJsonValue& value, const QString& parameter) {
    if (!value.isArray())
        return invalid(parameter, parameter % u" must be an array of strings"_s, value);
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue& item : array) {
        if (!item.isString() || item.toString().isEmpty())
            return invalid(parameter, parameter % u" must contain only non-empty strings"_s, value);
        if (!list.contains(item.toString()))
            list.append(item.toString());
    }
    return list;
}

Result<qint64> positiveInteger(const QJsonValue& value, const QString& parameter, const QString& unit) {
    const double number = value.toDouble();
    if (!value.isDouble() || number != double(qint64(number)) || number <= 0)
        return invalid(parameter, parameter % u" must be a positive whole number of "_s % unit, value);
    return qint64(number);
}

} // namespace

Result<IntegrationPointRules> IntegrationPointRules::fromJson(const QJsonObject& body) {
    const Catalog& catalog = Catalog::builtin();
    IntegrationPointRules rules;
    rules.name = body.value(u"name"_s).toString();
    if (rules.name.isEmpty())
        rules.name = body.value(u"fullname"_s).toString();

    const QJsonValue connectorValue = body.value(u"connector"_s);
    rules.connector = connectorValue.toString();
    const ConnectorSpec* connector = catalog.connector(rules.connector);
    if (!connector) {
        QStringList known;
        for (const ConnectorSpec& c : catalog.connectors())
            known.append(c.id);
        Problem problem =
            invalid(u"connector"_s,
                    rules.connector.isEmpty() ? u"An Integration Point needs a connector"_s
                                              : QString(u"Unknown connector \""_s % rules.connector % u'"'),
                    connectorValue);
        problem.detail = u"Known connectors: "_s % known.join(u", "_s);
        return problem;
    }

    const QJsonValue environments = body.value(u"environments"_s);
    if (!environments.isUndefined() && !environments.isNull()) {
        if (!environments.isObject())
            return invalid(u"environments"_s,
                           u"environments must be an object {\"test\": [...], \"prod\": [...]}"_s,
                           environments);
        const QJsonObject envs = environments.toObject();
        for (auto it = envs.begin(); it != envs.end(); ++it) {
            const QString parameter = u"environments."_s % it.key();
            if (it.key() != u"test"_s && it.key() != u"prod"_s)
                return invalid(parameter,
                               u"Unknown environment \""_s % it.key() % u"\"; Accounts are test or prod"_s);
            if (it.value().isNull())
                continue;
            Result<QStringList> providers = stringArray(it.value(), parameter);
            if (!providers)
                return providers.problem();
            for (const QString& id : std::as_const(*providers)) {
                if (id == u"*"_s)
                    continue;
                const ProviderSpec* provider = catalog.provider(id);
                if (!provider)
                    return invalid(parameter, u"Unknown provider \""_s % id % u"\" in "_s % parameter, id);
                if (provider->connectorId != rules.connector)
                    return invalid(parameter,
                                   u"Provider "_s % id % u" is a "_s % provider->connectorId %
                                       u" provider; this Integration Point governs the "_s % rules.connector %
                                       u" connector"_s,
                                   id);
            }
            rules.environments.insert(it.key(), *providers);
        }
    }

    const QJsonValue rulesValue = body.value(u"rules"_s);
    if (rulesValue.isUndefined() || rulesValue.isNull()) {
        rules.compiled();
        return rules;
    }
    if (!rulesValue.isObject())
        return invalid(u"rules"_s, u"rules must be an object"_s, rulesValue);
    const QJsonObject r = rulesValue.toObject();
    for (auto it = r.begin(); it != r.end(); ++it) {
        if (!ruleKeys().contains(it.key()))
            return invalid(u"rules."_s % it.key(), u"Unknown rule \""_s % it.key() % u"\" (known: "_s %
                                                       ruleKeys().join(u", "_s) % u')');
    }

    if (r.contains(u"credential_types"_s)) {
        Result<QStringList> types = stringArray(r.value(u"credential_types"_s), u"rules.credential_types"_s);
        if (!types)
            return types.problem();
        for (const QString& type : std::as_const(*types)) {
            if (!Catalog::credentialTypeIds().contains(type))
                return invalid(u"rules.credential_types"_s,
                               u"Unknown credential type \""_s % type % u"\" (known: "_s %
                                   Catalog::credentialTypeIds().join(u", "_s) % u')',
                               type);
        }
        rules.credentialTypes = *types;
    }

    if (r.contains(u"host_patterns"_s)) {
        Result<QStringList> patterns = stringArray(r.value(u"host_patterns"_s), u"rules.host_patterns"_s);
        if (!patterns)
            return patterns.problem();
        static const QRegularExpression hostGlob(u"^[A-Za-z0-9.*?:\\[\\]_-]+$"_s);
        for (const QString& pattern : std::as_const(*patterns)) {
            if (!hostGlob.match(pattern).hasMatch())
                return invalid(
                    u"rules.host_patterns"_s,
                    u"Host pattern \""_s % pattern %
                        u"\" must be a host name with * and ? wildcards, e.g. *.atlassian.net (no scheme, port or path)"_s,
                    pattern);
        }
        rules.hostPatterns = *patterns;
    }

    if (r.contains(u"required_config"_s)) {
        const QJsonValue value = r.value(u"required_config"_s);
        if (!value.isObject())
            return invalid(u"rules.required_config"_s,
                           u"rules.required_config must be an object {field: regex}"_s, value);
        const QJsonObject required = value.toObject();
        const QList<const ProviderSpec*> providers = catalog.providersOf(rules.connector);
        for (auto it = required.begin(); it != required.end(); ++it) {
            const QString parameter = u"rules.required_config."_s % it.key();
            if (!it.value().isString())
                return invalid(parameter, parameter % u" must be a regular expression string"_s, it.value());
            const bool known = std::any_of(providers.begin(), providers.end(), [&it](const ProviderSpec* p) {
                return p->field(it.key()) != nullptr;
            });
            if (!known)
                return invalid(parameter, u"No "_s % rules.connector % u" provider has a config field \""_s %
                                              it.key() % u'"');
            const QRegularExpression re(QRegularExpression::anchoredPattern(it.value().toString()));
            if (!re.isValid())
                return invalid(parameter,
                               u"The pattern for "_s % it.key() % u" does not compile: "_s %
                                   re.errorString() % u" at offset "_s %
                                   QString::number(re.patternErrorOffset()),
                               it.value());
            rules.requiredConfig.insert(it.key(), it.value().toString());
        }
    }

    if (r.contains(u"operations"_s)) {
        Result<QStringList> operations = stringArray(r.value(u"operations"_s), u"rules.operations"_s);
        if (!operations)
            return operations.problem();
        for (const QString& id : std::as_const(*operations)) {
            const OperationSpec* op = catalog.operation(id);
            if (!op || op->connectorId != rules.connector) {
                QStringList known;
                for (const OperationSpec& o : connector->operations)
                    known.append(o.id);
                return invalid(u"rules.operations"_s,
                               u"Operation \""_s % id % u"\" is not an operation of the "_s %
                                   rules.connector % u" connector (known: "_s % known.join(u", "_s) % u')',
                               id);
            }
        }
        rules.operations = *operations;
    }

    if (r.contains(u"max_token_ttl"_s)) {
        Result<qint64> ttl =
            positiveInteger(r.value(u"max_token_ttl"_s), u"rules.max_token_ttl"_s, u"seconds"_s);
        if (!ttl)
            return ttl.problem();
        rules.maxTokenTtlSeconds = *ttl;
    }
    if (r.contains(u"max_credential_age_days"_s)) {
        Result<qint64> days = positiveInteger(r.value(u"max_credential_age_days"_s),
                                              u"rules.max_credential_age_days"_s, u"days"_s);
        if (!days)
            return days.problem();
        rules.maxCredentialAgeDays = *days;
    }
    for (const auto& [key, target] : {std::pair{u"https_required"_s, &rules.httpsRequired},
                                      std::pair{u"allow_http"_s, &rules.allowPlainHttp}}) {
        const QJsonValue value = r.value(key);
        if (value.isUndefined())
            continue;
        if (!value.isBool())
            return invalid(u"rules."_s % key, u"rules."_s % key % u" must be true or false"_s, value);
        *target = value.toBool();
    }
    if (rules.httpsRequired && rules.allowPlainHttp)
        return invalid(u"rules.allow_http"_s,
                       u"rules.allow_http contradicts rules.https_required; set only one"_s, true);

    rules.compiled();
    return rules;
}

QJsonObject IntegrationPointRules::rulesJson() const {
    QJsonObject json;
    if (credentialTypes)
        json.insert(u"credential_types"_s, QJsonArray::fromStringList(*credentialTypes));
    if (!hostPatterns.isEmpty())
        json.insert(u"host_patterns"_s, QJsonArray::fromStringList(hostPatterns));
    if (!requiredConfig.isEmpty()) {
        QJsonObject required;
        for (auto it = requiredConfig.begin(); it != requiredConfig.end(); ++it)
            required.insert(it.key(), it.value());
        json.insert(u"required_config"_s, required);
    }
    if (operations)
        json.insert(u"operations"_s, QJsonArray::fromStringList(*operations));
    if (maxTokenTtlSeconds)
        json.insert(u"max_token_ttl"_s, *maxTokenTtlSeconds);
    if (maxCredentialAgeDays)
        json.insert(u"max_credential_age_days"_s, *maxCredentialAgeDays);
    json.insert(u"https_required"_s, httpsRequired);
    json.insert(u"allow_http"_s, allowPlainHttp);
    return json;
}

QJsonObject IntegrationPointRules::environmentsJson() const {
    QJsonObject json;
    for (auto it = environments.begin(); it != environments.end(); ++it)
        json.insert(it.key(), QJsonArray::fromStringList(it.value()));
    return json;
}

std::shared_ptr<const IntegrationPointRules::Compiled> IntegrationPointRules::compiled() const {
    // Cheap when unchanged: the compiled sources share data with the fields they were copied
    // from, so a pointer comparison settles it; a deep comparison runs only after an edit.
    if (m_compiled) {
        const bool sameHosts =
            m_compiled->hostPatterns.isSharedWith(hostPatterns) || m_compiled->hostPatterns == hostPatterns;
        const bool sameConfig = m_compiled->requiredConfig.isSharedWith(requiredConfig) ||
                                m_compiled->requiredConfig == requiredConfig;
        if (sameHosts && sameConfig)
            return m_compiled;
    }
    m_compiled = std::make_shared<const Compiled>(hostPatterns, requiredConfig);
    return m_compiled;
}

} // namespace pb

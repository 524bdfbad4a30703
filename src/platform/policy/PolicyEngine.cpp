#include "platform/policy/PolicyEngine.h"

#include "core/Clock.h"
#include "platform/policy/CompiledRules.h"

#include <QStringBuilder>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace pb {

namespace {

QString quoted(const IntegrationPointRules& rules) {
    return rules.name.isEmpty() ? u"the Integration Point"_s
                                : QString(u"Integration Point '"_s % rules.name % u'\'');
}

QString listOrNone(const QStringList& list) {
    return list.isEmpty() ? u"none"_s : list.join(u", "_s);
}

// A config value as text for pattern checks: strings as they are, numbers and booleans as JSON.
QString configText(const QJsonValue& value) {
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return value.toBool() ? u"true"_s : u"false"_s;
    if (value.isDouble()) {
        const double number = value.toDouble();
        return number == double(qint64(number)) ? QString::number(qint64(number)) : QString::number(number);
    }
    return {};
}

} // namespace

QJsonObject Violation::toJson() const {
    QJsonObject json{{u"rule"_s, rule}, {u"message"_s, message}};
    if (!parameter.isEmpty())
        json.insert(u"parameter"_s, parameter);
    return json;
}

PolicyEngine::PolicyEngine(const Catalog& catalog)
    : m_catalog(catalog) {}

std::optional<Violation> PolicyEngine::providerAllowed(const IntegrationPointRules& rules,
                                                       const QString& environment,
                                                       const QString& providerId) const {
    static const QString parameter = u"provider_config.type"_s;
    const ProviderSpec* provider = m_catalog.provider(providerId);
    if (!provider)
        return Violation{u"connector"_s, u"provider "_s % providerId % u" is unknown"_s, parameter};
    if (provider->connectorId != rules.connector)
        return Violation{u"connector"_s,
                         u"provider "_s % providerId % u" is a "_s % provider->connectorId %
                             u" provider, but "_s % quoted(rules) % u" governs the "_s % rules.connector %
                             u" connector"_s,
                         parameter};
    if (environment != u"test"_s && environment != u"prod"_s)
        return Violation{u"environment"_s,
                         u"Account environment '"_s % environment % u"' is neither test nor prod"_s,
                         u"environment"_s};
    const QStringList allowed = rules.environments.value(environment);
    if (allowed.contains(u"*"_s) || allowed.contains(providerId))
        return std::nullopt;
    if (allowed.isEmpty())
        return Violation{u"environment"_s,
                         u"no providers are allowed for "_s % environment % u" Accounts by "_s %
                             quoted(rules) % u" (its "_s % environment % u" list is empty)"_s,
                         parameter};
    return Violation{u"environment"_s,
                     u"provider "_s % providerId % u" is not allowed for "_s % environment %
                         u" Accounts by "_s % quoted(rules) % u" (allowed: "_s % allowed.join(u", "_s) % u')',
                     parameter};
}

std::optional<Violation> PolicyEngine::operationAllowed(const IntegrationPointRules& rules,
                                                        const QString& operationId) const {
    const OperationSpec* op = m_catalog.operation(operationId);
    if (!op)
        return Violation{u"operation"_s, u"operation "_s % operationId % u" is unknown"_s, u"operation"_s};
    if (op->connectorId != rules.connector)
        return Violation{u"connector"_s,
                         u"operation "_s % operationId % u" belongs to the "_s % op->connectorId %
                             u" connector, but "_s % quoted(rules) % u" governs the "_s % rules.connector %
                             u" connector"_s,
                         u"operation"_s};
    if (rules.operations && !rules.operations->contains(operationId))
        return Violation{u"operation"_s,
                         u"operation "_s % operationId % u" is not allowed by "_s % quoted(rules) %
                             u" (allowed: "_s % listOrNone(*rules.operations) % u')',
                         u"operation"_s};
    return std::nullopt;
}

QList<Violation> PolicyEngine::evaluate(const IntegrationPointRules& rules,
                                        const IntegrationFacts& facts) const {
    QList<Violation> violations;
    const ProviderSpec* provider = m_catalog.provider(facts.providerId);
    const std::shared_ptr<const IntegrationPointRules::Compiled> compiled = rules.compiled();

    if (std::optional<Violation> v = providerAllowed(rules, facts.environment, facts.providerId))
        violations.append(*v);

    static const QString credentialParameter = u"provider_config.credential"_s;
    if (rules.credentialTypes && !rules.credentialTypes->contains(facts.credentialType)) {
        const QString allowed = u" (allowed: "_s % listOrNone(*rules.credentialTypes) % u')';
        violations.append({u"credential_type"_s,
                           facts.credentialType.isEmpty()
                               ? QString(u"the Integration has no credential, but "_s % quoted(rules) %
                                         u" requires one"_s % allowed)
                               : QString(u"credential type "_s % facts.credentialType %
                                         u" is not allowed by "_s % quoted(rules) % allowed),
                           credentialParameter});
    } else if (provider && !facts.credentialType.isEmpty() &&
               !provider->credentialTypes.contains(facts.credentialType)) {
        violations.append({u"credential_type"_s,
                           u"provider "_s % provider->id % u" does not accept credential type "_s %
                               facts.credentialType % u" (accepts: "_s %
                               provider->credentialTypes.join(u", "_s) % u')',
                           credentialParameter});
    }

    // The URL the Integration talks to: provider_config.url, its catalog default, or (for
    // webhooks, whose URL is the secret) the endpoint the platform passed in.
    if (!rules.hostPatterns.isEmpty() || rules.httpsRequired) {
        const bool fromCredential = !facts.endpointUrl.isEmpty();
        QString urlText = facts.endpointUrl;
        if (!fromCredential) {
            urlText = facts.providerConfig.value(u"url"_s).toString();
            if (urlText.isEmpty() && provider) {
                if (const ConfigField* field = provider->field(u"url"_s))
                    urlText = field->defaultValue.toString();
            }
        }
        const QString parameter = fromCredential ? credentialParameter : u"provider_config.url"_s;
        const QUrl url(urlText);
        QString host = url.host(QUrl::FullyDecoded).toLower();
        if (host.endsWith(u'.'))
            host.chop(1);
        if (!rules.hostPatterns.isEmpty()) {
            if (host.isEmpty()) {
                violations.append(
                    {u"host"_s,
                     u"the Integration has no provider URL to check against the host patterns of "_s %
                         quoted(rules) % u" (allowed: "_s % rules.hostPatterns.join(u", "_s) % u')',
                     parameter});
            } else if (!compiled->hostAllowed(host)) {
                violations.append({u"host"_s,
                                   u"host "_s % host % u" is not allowed by "_s % quoted(rules) %
                                       u" (allowed: "_s % rules.hostPatterns.join(u", "_s) % u')',
                                   parameter});
            }
        }
        if (rules.httpsRequired && !urlText.isEmpty() && url.scheme().toLower() != u"https"_s) {
            violations.append(
                {u"https"_s,
                 quoted(rules) % u" requires HTTPS, but the provider URL"_s %
                     (host.isEmpty() ? QString() : QString(u" for "_s % host)) % u" uses "_s %
                     (url.scheme().isEmpty() ? u"no scheme"_s : QString(url.scheme() % u"://"_s)),
                 parameter});
        }
    }

    if (!rules.requiredConfig.isEmpty()) {
        for (const auto& [field, re] : compiled->requiredConfigRegexes) {
            QJsonValue value = facts.providerConfig.value(field);
            if ((value.isUndefined() || value.isNull()) && provider) {
                if (const ConfigField* spec = provider->field(field))
                    value = spec->defaultValue;
            }
            const QString text = configText(value);
            const QString pattern = rules.requiredConfig.value(field);
            if (value.isUndefined() || value.isNull()) {
                violations.append({u"required_config"_s,
                                   quoted(rules) % u" requires provider_config."_s % field % u" to match "_s %
                                       pattern % u", but it is not set"_s,
                                   u"provider_config."_s % field});
            } else if (!re.match(text).hasMatch()) {
                violations.append({u"required_config"_s,
                                   u"provider_config."_s % field % u" '"_s % text % u"' does not match "_s %
                                       pattern % u" as required by "_s % quoted(rules),
                                   u"provider_config."_s % field});
            }
        }
    }

    if (rules.maxCredentialAgeDays || facts.credentialExpires.isValid()) {
        const QDateTime now = nowUtc();
        if (rules.maxCredentialAgeDays && facts.credentialSetAt.isValid()) {
            const qint64 ageSeconds = facts.credentialSetAt.secsTo(now);
            if (ageSeconds > *rules.maxCredentialAgeDays * 86400) {
                violations.append({u"credential_age"_s,
                                   u"the credential was set "_s % QString::number(ageSeconds / 86400) %
                                       u" days ago; "_s % quoted(rules) % u" allows at most "_s %
                                       QString::number(*rules.maxCredentialAgeDays) % u" days. Rotate it."_s,
                                   credentialParameter});
            }
        }
        if (facts.credentialExpires.isValid() && facts.credentialExpires < now) {
            violations.append(
                {u"credential_expired"_s,
                 u"the credential expired at "_s % toRfc3339(facts.credentialExpires) % u". Replace it."_s,
                 credentialParameter});
        }
    }
    return violations;
}

Result<qint64> PolicyEngine::tokenTtl(const IntegrationPointRules& rules,
                                      std::optional<qint64> requestedSeconds, qint64 defaultSeconds) const {
    if (requestedSeconds) {
        if (*requestedSeconds <= 0)
            return Problem(400, u"invalid_token_ttl"_s, u"token_ttl must be a positive number of seconds"_s)
                .withParameter(u"token_ttl"_s, u"body"_s, *requestedSeconds);
        if (rules.maxTokenTtlSeconds && *requestedSeconds > *rules.maxTokenTtlSeconds)
            return Problem(400, u"invalid_token_ttl"_s,
                           u"token_ttl "_s % QString::number(*requestedSeconds) %
                               u" s exceeds the maximum of "_s % QString::number(*rules.maxTokenTtlSeconds) %
                               u" s set by "_s % quoted(rules),
                           {},
                           u"Request at most "_s % QString::number(*rules.maxTokenTtlSeconds) %
                               u" seconds."_s)
                .withParameter(u"token_ttl"_s, u"body"_s, *requestedSeconds);
        return *requestedSeconds;
    }
    if (rules.maxTokenTtlSeconds)
        return std::min(defaultSeconds, *rules.maxTokenTtlSeconds);
    return defaultSeconds;
}

Problem PolicyEngine::toProblem(const QList<Violation>& violations, const QString& context) {
    QString message = context;
    QStringList lines;
    for (const Violation& v : violations)
        lines.append(u"- "_s % v.message);
    if (!violations.isEmpty()) {
        message += u": "_s % violations.first().message;
        if (violations.size() > 1)
            message += u" (and "_s % QString::number(violations.size() - 1) % u" more)"_s;
    }
    Problem problem(
        403, u"policy_violation"_s, message, u"Integration Point rules violated:\n"_s % lines.join(u'\n'),
        u"Change the Integration to satisfy its Integration Point, or ask an administrator to change the "
        u"Integration Point's rules."_s);
    if (!violations.isEmpty() && !violations.first().parameter.isEmpty())
        problem.withParameter(violations.first().parameter, u"body"_s);
    return problem;
}

} // namespace pb

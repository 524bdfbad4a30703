#pragma once

#include "catalog/Catalog.h"
#include "core/Result.h"
#include "platform/policy/IntegrationPointRules.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace pb {

// What the policy engine needs to know about one Integration (never secrets).
struct IntegrationFacts {
    QString integrationId;
    QString integrationName;
    QString accountId;
    QString accountName;
    QString environment; // the Account's: test | prod
    QString providerId;
    QJsonObject providerConfig;
    QString credentialType;
    QDateTime credentialSetAt;
    QDateTime credentialExpires;
    // Addition: for providers whose URL lives in the credential (webhooks), the platform may pass
    // it here so host rules can be checked; otherwise provider_config.url (or its default) is used.
    QString endpointUrl;
};

// One broken rule. rule: connector | environment | credential_type | host | required_config |
// https | credential_age | credential_expired | operation
struct Violation {
    QString rule;
    QString message;   // user-facing and specific
    QString parameter; // the field at fault, e.g. "provider_config.url"
    QJsonObject toJson() const;
};

// Evaluates Integration Point rules. Stateless apart from the catalog (held by a cheap copy).
class PolicyEngine final {
public:
    explicit PolicyEngine(const Catalog& catalog);

    // Every violation of the rules by this Integration (empty: compliant).
    QList<Violation> evaluate(const IntegrationPointRules& rules, const IntegrationFacts& facts) const;
    std::optional<Violation> providerAllowed(const IntegrationPointRules& rules, const QString& environment,
                                             const QString& providerId) const;
    std::optional<Violation> operationAllowed(const IntegrationPointRules& rules,
                                              const QString& operationId) const;
    // The Integration Access Token lifetime to use: the requested one if within the cap (else a
    // 400 Problem naming the cap), or min(default, cap) when none was requested.
    Result<qint64> tokenTtl(const IntegrationPointRules& rules, std::optional<qint64> requestedSeconds,
                            qint64 defaultSeconds) const;

    // 403 "policy_violation": message names the context, detail lists every violation.
    static Problem toProblem(const QList<Violation>& violations, const QString& context);

private:
    Catalog m_catalog; // a copy shares the loaded data
};

} // namespace pb

#pragma once

#include "core/Result.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace pb {

// The rules of one Integration Point (DESIGN §1), parsed from its API body:
// {"name", "fullname", "description", "connector", "environments": {"test": [...], "prod": [...]},
//  "rules": {"credential_types", "host_patterns", "required_config", "operations", "max_token_ttl",
//            "max_credential_age_days", "https_required", "allow_http"}}
struct IntegrationPointRules {
    QString connector;
    QHash<QString, QStringList> environments; // "test" | "prod" -> provider ids or "*"
    std::optional<QStringList> credentialTypes;
    QStringList hostPatterns;               // globs on the host of provider_config.url
    QHash<QString, QString> requiredConfig; // field -> full-match regex
    std::optional<QStringList> operations;
    std::optional<qint64> maxTokenTtlSeconds;
    std::optional<qint64> maxCredentialAgeDays;
    bool httpsRequired = false;
    bool allowPlainHttp = false;

    // Addition: the Integration Point's name, used in user-facing violation messages.
    QString name;

    // Validates against Catalog::builtin(); Problems name the offending body field.
    static Result<IntegrationPointRules> fromJson(const QJsonObject& integrationPointBody);
    // The "rules" object (only the rules that are set), as stored and as served.
    QJsonObject rulesJson() const;
    // The "environments" object.
    QJsonObject environmentsJson() const;

    // Compiled host globs and config regexes. Built by fromJson and rebuilt when the pattern
    // fields no longer match what was compiled (e.g. a struct edited by hand). Rules from fromJson
    // may be evaluated from several threads; a hand-edited struct should call compiled() once
    // before it is shared.
    struct Compiled;
    std::shared_ptr<const Compiled> compiled() const;

private:
    mutable std::shared_ptr<const Compiled> m_compiled;
};

} // namespace pb

#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace pb {

// One configuration field of a provider (the non-secret part of provider_config).
// type: string | url | integer | boolean | enum | text
struct ConfigField {
    QString name;
    QString type;
    QString title;
    QString description;
    bool required = false;
    QString pattern; // full-match regular expression for string-like values
    bool secret = false;
    QStringList enumValues;
    QJsonValue defaultValue; // null when the field has no default
    // Additions beyond the shared contract: hints for editors and bounds for integers.
    QString placeholder;           // example value shown in empty editors
    std::optional<qint64> minimum; // integer fields only
    std::optional<qint64> maximum; // integer fields only
};

// One parameter of a connector operation. in: path | query | body;
// type: string | integer | boolean | array | object
struct OperationParam {
    QString name;
    QString in;
    QString type;
    QString description;
    bool required = false;
};

struct OperationSpec {
    QString id;          // e.g. "ticketing_query_tickets"
    QString connectorId; // e.g. "ticketing"
    QString name;        // e.g. "query_tickets"
    QString fullname;    // e.g. "Query tickets"
    QByteArray method;   // GET | POST | PATCH | DELETE
    QString path;        // Connector API path template, e.g. "/v1/ticketing/tickets/{ticketId}"
    QList<OperationParam> params;
    QJsonObject bodySchema; // JSON schema of the request body ({} when there is none), $refs expanded
    bool mutating = false;
    QString description;
    // Additions: the result's shape, e.g. "Ticket", "Ticket[]", "PostEventsResult".
    QString result;
};

struct ConnectorSpec {
    QString id;
    QString fullname;
    QString description;
    QList<OperationSpec> operations;
    QJsonObject models; // normalized models as JSON schemas, keyed by name (Ticket, Comment, ...)
};

// How a provider names the fields of one accepted credential type (editor labels and help).
struct CredentialHint {
    QString type;          // basic | token | secret | o_auth_client | tls_certificate
    QString usernameTitle; // basic only, e.g. "Email address"
    QString secretTitle;   // e.g. "API token", "Webhook URL"
    QString description;
};

struct ProviderSpec {
    QString id;
    QString fullname;
    QString connectorId;
    QString description;
    QList<ConfigField> config;
    QStringList credentialTypes;
    QStringList operations;  // supported operation ids, all of connectorId
    QString verifyOperation; // a cheap, non-mutating operation id for "test connection";
                             // empty when the provider has none (webhooks): see verifyRequest
    // Additions.
    QString verifyRequest; // the provider call the adapter makes to verify, e.g. "GET /rest/api/3/myself"
    QString docsUrl;
    QList<CredentialHint> credentialHints;
    QHash<QString, QStringList> requiredFields; // operation id -> body fields this provider requires

    const ConfigField* field(const QString& name) const;
    bool supports(const QString& operationId) const { return operations.contains(operationId); }
};

struct OperationMatch {
    const OperationSpec* operation = nullptr;
    QHash<QString, QString> pathParams; // percent-decoded
};

// The connectors and providers, loaded from JSON (built in under ":/catalog", or a directory with
// the same layout: connectors.json + providers/*.json) and validated completely when loaded.
// Copies share the loaded data; pointers returned by lookups stay valid as long as any copy lives.
class Catalog final {
public:
    Catalog(); // empty catalog
    static Result<Catalog> loadBuiltin();
    static Result<Catalog> loadFromDirectory(const QString& dir);
    // Loads the built-in catalog once. A broken built-in catalog is a clear start-up error: the
    // Problem text is printed to stderr and the process exits with status 2.
    static const Catalog& builtin();

    const QList<ConnectorSpec>& connectors() const;
    const ConnectorSpec* connector(const QString& id) const;
    const QList<ProviderSpec>& providers() const;
    const ProviderSpec* provider(const QString& id) const;
    QList<const ProviderSpec*> providersOf(const QString& connectorId) const;
    const OperationSpec* operation(const QString& id) const;

    // Maps a Connector API request to its operation. `path` may carry a query string (ignored)
    // and a trailing slash.
    std::optional<OperationMatch> matchOperation(const QByteArray& method, const QString& path) const;
    // The methods some operation accepts on this path; empty when no operation has the path.
    // Lets the Connector API tell 405 (known path, wrong method) from 404.
    QList<QByteArray> methodsForPath(const QString& path) const;

    // Checks a provider_config against the provider's fields ("type" and "credential" are part
    // of provider_config and are not provider fields). Problems name provider_config.<field>.
    Status validateConfig(const QString& providerId, const QJsonObject& providerConfig) const;
    // provider_config with the declared defaults filled in for absent fields.
    QJsonObject withDefaults(const QString& providerId, const QJsonObject& providerConfig) const;
    // provider_config with loosely typed input (CLI --config k=v, form fields) converted to the
    // declared field types where the meaning is unambiguous: "42" -> 42 for integers,
    // "true"/"false" -> booleans, 42 / true -> "42" / "true" for string, url, text and enum fields.
    // Anything else is left as it is for validateConfig to refuse.
    QJsonObject normalizeConfig(const QString& providerId, const QJsonObject& providerConfig) const;

    // PLATFORM-API capability shapes.
    QJsonObject connectorJson(const ConnectorSpec& connector) const;
    QJsonObject providerJson(const ProviderSpec& provider) const;
    // The full operation description (params, body schema) for consoles and form generators.
    QJsonObject operationJson(const OperationSpec& operation) const;

    static const QStringList& configFieldTypes();
    static const QStringList& credentialTypeIds();

    struct Data;

private:
    explicit Catalog(std::shared_ptr<const Data> data);
    std::shared_ptr<const Data> d;
};

} // namespace pb

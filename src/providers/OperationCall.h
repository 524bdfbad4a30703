#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <functional>

namespace pb {

// One recorded HTTP exchange with a provider; secrets already redacted.
struct ExchangeRecord {
    QString method;
    QString url;
    QList<QPair<QString, QString>> requestHeaders;
    QString requestBodyExcerpt;
    int status = 0;
    QList<QPair<QString, QString>> responseHeaders;
    QString responseBodyExcerpt;
    QDateTime startedAt;
    qint64 durationMs = 0;
    QString error;
    QJsonObject toJson() const;
};

// One unified connector operation, resolved by the platform and handed to a provider adapter.
struct OperationCall {
    QString providerId;  // e.g. "ticketing_jira"
    QString operationId; // e.g. "ticketing_query_tickets"
    QJsonObject config;  // non-secret provider_config (url, project, ...)
    QString credentialType;            // basic | token | secret | o_auth_client | tls_certificate
    QHash<QString, QByteArray> secrets; // credential fields: username, secret, client_id, ...
    QJsonObject params; // path/query parameters (ticketId, cursor, limit, filter, ...) and "body"
    bool allowPlainHttp = false;   // Integration Point permits http:// to non-loopback hosts
    QByteArray pinnedSha256;       // optional pinned certificate fingerprint (hex)
    int timeoutMs = 30000;
    qint64 maxResponseBytes = 4 * 1024 * 1024; // a larger answer ends in "response_too_large"
    // Added verbatim to every request of the call: diagnostics and the simulator's X-Sim-Fault.
    // Never credentials (they are not redacted by name).
    QList<QPair<QByteArray, QByteArray>> extraHeaders;
};

struct OperationOutcome {
    QJsonValue result;  // normalized result (Ticket, [Ticket], Message, ...)
    QString cursor;     // next page, if any
    int httpStatus = 200;
    QList<ExchangeRecord> exchanges;
};

// Runs once with the outcome or the unified problem, and the exchanges made either way.
using OperationCallback = std::function<void(Result<OperationOutcome>, QList<ExchangeRecord>)>;

} // namespace pb

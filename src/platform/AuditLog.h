#pragma once

#include "core/Result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace pb {

class Workspace;

struct AuditEntry {
    QString memberId;
    QString tokenId;
    QString method;
    QString path;
    QString action;       // e.g. "accounts.create", "tokens.issue", "credentials.reveal"
    QString resourceType;
    QString resourceId;
    QString accountId;
    QString integrationId;
    int status = 200;
    QString outcome;      // success | failure
    QString detail;       // never a secret
};

// Append-only, hash-chained log of every mutation and token event. Each row's hash is SHA-256
// over its canonical fields and the previous row's hash; audit_head keeps the last seq and hash,
// so an edited, inserted or deleted row (even the last one) breaks the chain where it happened.
class AuditLog final {
public:
    explicit AuditLog(Workspace& workspace);

    Status append(const AuditEntry& entry);
    // {"valid": bool, "rows": n, "problems": [{"seq", "id", "kind": edited|inserted|deleted, "detail"}]}
    Result<QJsonObject> verify() const;

    static QJsonObject rowJson(const QVariantMap& row);

private:
    Workspace& m_ws;
};

} // namespace pb

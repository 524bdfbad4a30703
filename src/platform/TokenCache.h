#pragma once

#include "platform/TokenService.h"

#include <QDateTime>
#include <QHash>
#include <QString>

namespace pb {

class Workspace;

// In-memory state of TokenService that makes a token check cheap (issue "Benchmarks at scale"):
//  - validated tokens by the SHA-256 of their secret: who they act for and until when. Only the
//    hash (already what SQLite stores) is kept, never a secret. Expiry is still checked on every
//    call; everything else that could change the answer (revocation, rotation, deletion, a member
//    or role change, any write by another connection) clears the cache (see Core::dropCaches).
//  - last-use bookkeeping: tokens.last_used_at and members.last_logon are written at most once a
//    minute per token; later uses inside that minute are kept and written by flush().
class TokenCache final {
public:
    struct Entry {
        Caller caller;
        QString prefix;      // pbo | pbi | pbr
        qint64 expiresMs = 0; // ms since the epoch
        QString expiresText;  // as stored, for the expiry Problem
    };

    const Entry* find(const QString& secretHash) const;
    void insert(const QString& secretHash, const Entry& entry);
    void clear();
    int size() const { return int(m_entries.size()); }

    // Records a use; writes at once if this token's last write is a minute old (or there was
    // none in this process), else keeps it for flush().
    void touch(Workspace& ws, const QString& tokenId, const QString& memberId, bool writeLogon);
    // Writes every kept use in one transaction.
    void flush(Workspace& ws);
    bool hasPendingUses() const { return m_pending > 0; }

    static constexpr qint64 usageWriteIntervalMs = 60 * 1000;

private:
    struct Usage {
        qint64 writtenMs = 0; // when this process last wrote it
        qint64 pendingMs = 0; // a later use not written yet (0: none)
        QString memberId;
        bool writeLogon = false;
    };
    static void write(Workspace& ws, const QString& tokenId, const Usage& usage, qint64 atMs);

    QHash<QString, Entry> m_entries;
    QHash<QString, Usage> m_usage; // by token id
    int m_pending = 0;
};

} // namespace pb

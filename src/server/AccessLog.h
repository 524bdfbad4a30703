#pragma once

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

#include <deque>
#include <mutex>

namespace pb {

// One line of the local API server's access log. Never holds a secret: the path has no query
// string and the token is named only by its id (the middle part of pbo_<id>_<secret>).
struct AccessLogEntry {
    QDateTime time;     // UTC, when the request arrived
    QString method;     // GET POST PUT PATCH DELETE ...
    QString path;       // request path without the query string
    int status = 0;     // HTTP status sent, 0 if the client went away before an answer
    qint64 durationMs = 0;
    QString tokenId;    // "-" when there was no token or it was not a Patchbay token
};

// Where the server reports every request it answered. The lead wires a workspace-backed sink;
// the server holds a non-owning pointer and calls record() on its own thread.
class AccessLogSink {
public:
    virtual ~AccessLogSink() = default;
    virtual void record(const AccessLogEntry& entry) = 0;
};

// The id part of a Patchbay token secret (prefix_id_random), or "-" when the text does not
// have that shape. Parses defensively: any secret-looking input never ends up in the result.
QString tokenIdForLog(const QString& bearerSecret);

// Keeps the newest `capacity` entries in memory, for tests and for the GUI's access-log view.
// Thread-safe; entryAdded is emitted on the recording thread.
class MemoryAccessLog final : public QObject, public AccessLogSink {
    Q_OBJECT
public:
    explicit MemoryAccessLog(int capacity = 1000, QObject* parent = nullptr);

    void record(const AccessLogEntry& entry) override;
    // Oldest first.
    QList<AccessLogEntry> entries() const;
    int capacity() const { return m_capacity; }
    void clear();

Q_SIGNALS:
    void entryAdded(const pb::AccessLogEntry& entry);

private:
    const int m_capacity;
    mutable std::mutex m_mutex;
    std::deque<AccessLogEntry> m_entries;
};

} // namespace pb

// Lets the entry travel through queued connections (e.g. to a GUI model on another thread).
Q_DECLARE_METATYPE(pb::AccessLogEntry)

#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

namespace pb::sim {

// A fault to apply to one response, parsed from "latency=500;status=503;retry-after=2" (the
// X-Sim-Fault header or the control endpoint). Separators: ';', ',' or '|'.
struct Fault {
    int latencyMs = 0;
    int status = 0;
    int retryAfter = -1;
    QByteArray retryAfterDate; // "retry-after-date=+3": HTTP-date 3 s ahead
    bool malformed = false;
    qint64 oversizedBytes = 0;
    QString redirect; // absolute URL, or "other" for the second port with the same path
    bool drop = false;
    bool drip = false;
    QByteArray contentType; // "content-type=text/html": a wrong content type

    bool isEmpty() const;
    static Fault parse(const QString& spec, QString* error);
};

// Faults queued through POST /_sim/faults, per provider prefix ("*" = any), each for n requests.
class FaultQueue final {
public:
    void add(const QString& provider, const Fault& fault, int count);
    void clear() { m_entries.clear(); }
    // Takes one use of the first fault for this provider, if any.
    Fault take(const QString& provider);

private:
    struct Entry {
        QString provider;
        Fault fault;
        int remaining;
    };
    QList<Entry> m_entries;
};

} // namespace pb::sim

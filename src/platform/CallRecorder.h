#pragma once

#include "core/Api.h"

#include <QElapsedTimer>
#include <QList>
#include <QString>
#include <QTimer>

namespace pb {

class Workspace;

// Writes Connector API calls to call_history and integration_status after the answer has been
// delivered, many calls per transaction (issue "Benchmarks at scale"). Kept calls are written
// when maxPending are waiting, flushDelayMs after the first one, before every Management API
// call (so status and history read through the API are always complete), and on close.
// What is kept is never a secret: the request as the caller made it and the answer's status.
class CallRecorder final {
public:
    struct Record {
        QString integrationId;
        QString accountId;
        QString operationId;
        QString createdAt; // RFC 3339
        QByteArray method;
        QString path;      // without the query string
        QList<QPair<QString, QString>> query;
        QJsonValue requestBody;
        ApiResponse response;
        qint64 durationMs = 0;
    };

    static constexpr int maxPending = 256;
    static constexpr int flushDelayMs = 250;

    explicit CallRecorder(Workspace& ws);
    ~CallRecorder();
    CallRecorder(const CallRecorder&) = delete;
    CallRecorder& operator=(const CallRecorder&) = delete;

    void add(Record record);
    void flush();
    int pending() const { return int(m_pending.size()); }

private:
    Workspace& m_ws;
    QList<Record> m_pending;
    QTimer m_timer;
};

} // namespace pb

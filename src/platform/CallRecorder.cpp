#include "platform/CallRecorder.h"

#include "core/Ids.h"
#include "platform/Json.h"
#include "storage/Workspace.h"

#include <QJsonArray>

namespace pb {

namespace {

qint64 jsonSize(const QJsonValue& v)
{
    return v.isUndefined() || v.isNull() ? 0 : json::text(v).toUtf8().size();
}

Status write(Workspace& ws, const CallRecorder::Record& c)
{
    const ApiResponse& response = c.response;
    const bool failed = response.isError();
    const QString error = failed ? response.problem().type + QStringLiteral(": ") + response.problem().message : QString();
    // Enough to re-run the call from history: path, query and body. Never the token or a
    // credential: those are not part of the request the caller makes.
    QJsonArray query;
    for (const auto& [k, v] : c.query)
        query.append(QJsonArray{k, v});
    QJsonObject requestJson{{QStringLiteral("query"), query}};
    const qint64 requestSize = jsonSize(c.requestBody);
    if (!c.requestBody.isUndefined() && !c.requestBody.isNull() && requestSize <= 16384)
        requestJson.insert(QStringLiteral("body"), c.requestBody);
    if (Status i = ws.insert(QStringLiteral("call_history"),
                             {{QStringLiteral("id"), newId()},
                              {QStringLiteral("integration_id"), c.integrationId},
                              {QStringLiteral("account_id"), c.accountId},
                              {QStringLiteral("created_at"), c.createdAt},
                              {QStringLiteral("operation_id"), c.operationId},
                              {QStringLiteral("method"), QString::fromLatin1(c.method)},
                              {QStringLiteral("path"), c.path},
                              {QStringLiteral("status"), response.status},
                              {QStringLiteral("error"), error},
                              {QStringLiteral("duration_ms"), c.durationMs},
                              {QStringLiteral("request"), json::text(requestJson)}});
        !i)
        return i;
    const QString& now = c.createdAt;
    const qint64 ms = c.durationMs;
    auto u = ws.execute(QStringLiteral("UPDATE integration_status SET requests = requests + 1, failed = failed + ?, "
                                    "in_bytes = in_bytes + ?, out_bytes = out_bytes + ?, "
                                    "last_success_at = CASE WHEN ? = 1 THEN last_success_at ELSE ? END, "
                                    "last_failure_at = CASE WHEN ? = 1 THEN ? ELSE last_failure_at END, "
                                    "last_error = CASE WHEN ? = 1 THEN ? ELSE last_error END, "
                                    "last_latency_ms = ?, total_latency_ms = total_latency_ms + ?, updated_at = ? "
                                    "WHERE integration_id = ?"),
                     {failed ? 1 : 0, jsonSize(response.body), requestSize, failed ? 1 : 0, now, failed ? 1 : 0, now,
                      failed ? 1 : 0, error, ms, ms, now, c.integrationId});
    if (!u)
        return u.problem();
    return {};
}

} // namespace

CallRecorder::CallRecorder(Workspace& ws)
    : m_ws(ws)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(flushDelayMs);
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { flush(); });
}

CallRecorder::~CallRecorder()
{
    flush();
}

void CallRecorder::add(Record record)
{
    m_pending.append(std::move(record));
    if (m_pending.size() >= maxPending)
        return flush();
    if (!m_timer.isActive())
        m_timer.start();
}

void CallRecorder::flush()
{
    m_timer.stop();
    if (m_pending.isEmpty())
        return;
    const QList<Record> batch = std::exchange(m_pending, {});
    // A call that cannot be written (e.g. its Integration was deleted meanwhile) is reported and
    // skipped; a failed statement does not end the transaction, so the others are still written.
    Status s = m_ws.transaction([&]() -> Status {
        for (const Record& r : batch) {
            Status one = write(m_ws, r);
            if (!one)
                qWarning("patchbay: could not record a connector call: %s", qPrintable(one.problem().message));
        }
        return {};
    });
    if (!s)
        qWarning("patchbay: could not record connector calls: %s", qPrintable(s.problem().message));
}

} // namespace pb

#include "platform/AuditLog.h"

#include "core/Clock.h"
#include "core/Ids.h"
#include "platform/TokenService.h"
#include "storage/Workspace.h"

namespace pb {

namespace {

const QStringList& chainedFields()
{
    static const QStringList fields{
        QStringLiteral("id"),          QStringLiteral("seq"),           QStringLiteral("created_at"),
        QStringLiteral("member_id"),   QStringLiteral("token_id"),      QStringLiteral("method"),
        QStringLiteral("path"),        QStringLiteral("action"),        QStringLiteral("resource_type"),
        QStringLiteral("resource_id"), QStringLiteral("account_id"),    QStringLiteral("integration_id"),
        QStringLiteral("status"),      QStringLiteral("outcome"),       QStringLiteral("detail"),
        QStringLiteral("prev_hash")};
    return fields;
}

QString chainHash(const QVariantMap& row)
{
    // Canonical form: field=value pairs separated by a unit separator, in a fixed order.
    QString canonical;
    for (const QString& f : chainedFields()) {
        canonical += f;
        canonical += QLatin1Char('=');
        canonical += row.value(f).toString();
        canonical += QChar(0x1f);
    }
    return sha256Hex(canonical.toUtf8());
}

} // namespace

AuditLog::AuditLog(Workspace& workspace)
    : m_ws(workspace)
{
}

Status AuditLog::append(const AuditEntry& e)
{
    return m_ws.transaction([&]() -> Status {
        auto head = m_ws.selectOne(QStringLiteral("SELECT seq, hash FROM audit_head WHERE id = 1"));
        if (!head)
            return head.problem();
        const qint64 seq = head->has_value() ? (*head)->value(QStringLiteral("seq")).toLongLong() + 1 : 1;
        const QString prev = head->has_value() ? (*head)->value(QStringLiteral("hash")).toString() : QString();
        QVariantMap row{{QStringLiteral("id"), newId()},
                        {QStringLiteral("seq"), seq},
                        {QStringLiteral("created_at"), toRfc3339(nowUtc())},
                        {QStringLiteral("member_id"), e.memberId},
                        {QStringLiteral("token_id"), e.tokenId},
                        {QStringLiteral("method"), e.method},
                        {QStringLiteral("path"), e.path},
                        {QStringLiteral("action"), e.action},
                        {QStringLiteral("resource_type"), e.resourceType},
                        {QStringLiteral("resource_id"), e.resourceId},
                        {QStringLiteral("account_id"), e.accountId},
                        {QStringLiteral("integration_id"), e.integrationId},
                        {QStringLiteral("status"), e.status},
                        {QStringLiteral("outcome"), e.outcome},
                        {QStringLiteral("detail"), e.detail},
                        {QStringLiteral("prev_hash"), prev}};
        const QString hash = chainHash(row);
        row.insert(QStringLiteral("hash"), hash);
        if (Status s = m_ws.insert(QStringLiteral("audit_events"), row); !s)
            return s;
        auto r = head->has_value()
                     ? m_ws.exec(QStringLiteral("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1"), {seq, hash})
                     : m_ws.exec(QStringLiteral("INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)"), {seq, hash});
        if (!r)
            return r.problem();
        return {};
    });
}

Result<QJsonObject> AuditLog::verify() const
{
    auto rows = m_ws.select(QStringLiteral("SELECT * FROM audit_events ORDER BY seq"));
    if (!rows)
        return rows.problem();
    auto head = m_ws.selectOne(QStringLiteral("SELECT seq, hash FROM audit_head WHERE id = 1"));
    if (!head)
        return head.problem();
    QJsonArray problems;
    auto report = [&](const QVariantMap& row, const QString& kind, const QString& detail) {
        problems.append(QJsonObject{{QStringLiteral("seq"), row.value(QStringLiteral("seq")).toLongLong()},
                                    {QStringLiteral("id"), row.value(QStringLiteral("id")).toString()},
                                    {QStringLiteral("kind"), kind},
                                    {QStringLiteral("detail"), detail}});
    };
    const qint64 headSeq = head->has_value() ? (*head)->value(QStringLiteral("seq")).toLongLong() : 0;
    const QString headHash = head->has_value() ? (*head)->value(QStringLiteral("hash")).toString() : QString();
    qint64 expectedSeq = 1;
    QString expectedPrev;
    for (const QVariantMap& row : *rows) {
        const qint64 seq = row.value(QStringLiteral("seq")).toLongLong();
        const bool hashOk = chainHash(row) == row.value(QStringLiteral("hash")).toString();
        const bool prevOk = row.value(QStringLiteral("prev_hash")).toString() == expectedPrev;
        if (seq > expectedSeq) {
            report(row, QStringLiteral("deleted"),
                   QStringLiteral("Rows %1 to %2 are missing before this row.").arg(expectedSeq).arg(seq - 1));
        } else if (seq > headSeq) {
            report(row, QStringLiteral("inserted"), QStringLiteral("This row lies beyond the recorded head of the chain (seq %1).").arg(headSeq));
        } else if (!hashOk) {
            report(row, QStringLiteral("edited"), QStringLiteral("The row's content does not match its hash."));
        } else if (!prevOk) {
            report(row, QStringLiteral("inserted"),
                   QStringLiteral("The row does not follow the previous row's hash: a row was inserted or replaced before it."));
        }
        expectedSeq = seq + 1;
        expectedPrev = row.value(QStringLiteral("hash")).toString();
    }
    if (expectedSeq - 1 < headSeq)
        problems.append(QJsonObject{{QStringLiteral("seq"), expectedSeq},
                                    {QStringLiteral("id"), QString()},
                                    {QStringLiteral("kind"), QStringLiteral("deleted")},
                                    {QStringLiteral("detail"), QStringLiteral("Rows %1 to %2 at the end of the chain are missing.")
                                                                   .arg(expectedSeq)
                                                                   .arg(headSeq)}});
    else if (problems.isEmpty() && expectedPrev != headHash)
        problems.append(QJsonObject{{QStringLiteral("seq"), expectedSeq - 1},
                                    {QStringLiteral("id"), QString()},
                                    {QStringLiteral("kind"), QStringLiteral("edited")},
                                    {QStringLiteral("detail"), QStringLiteral("The last row does not match the recorded head.")}});
    return QJsonObject{{QStringLiteral("valid"), problems.isEmpty()},
                       {QStringLiteral("rows"), rows->size()},
                       {QStringLiteral("problems"), problems}};
}

QJsonObject AuditLog::rowJson(const QVariantMap& row)
{
    QJsonObject o;
    for (auto it = row.cbegin(); it != row.cend(); ++it)
        o.insert(it.key(), QJsonValue::fromVariant(it.value()));
    o.insert(QStringLiteral("code"), row.value(QStringLiteral("status")).toInt());
    return o;
}

} // namespace pb

#include "CrashChecks.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

using namespace Qt::Literals::StringLiterals;

namespace pb::test {

WorkspaceFacts readWorkspace(const QString& path)
{
    WorkspaceFacts f;
    const QString connection = u"crash-check-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        db.setDatabaseName(path);
        if (db.open()) {
            f.opened = true;
            QSqlQuery q(db);
            QStringList problems;
            if (q.exec(u"PRAGMA integrity_check"_s))
                while (q.next())
                    problems.append(q.value(0).toString());
            else
                problems.append(u"integrity_check failed to run"_s);
            f.integrity = problems.join(u"; "_s);
            if (q.exec(u"SELECT id FROM organization"_s) && q.next())
                f.organizationId = q.value(0).toString();
            for (const QString& table : {u"accounts"_s, u"end_users"_s, u"integration_points"_s, u"credentials"_s, u"integrations"_s,
                                         u"integration_status"_s, u"vault_index"_s, u"audit_events"_s})
                if (q.exec(u"SELECT COUNT(*) FROM "_s + table) && q.next())
                    f.counts.insert(table, q.value(0).toInt());
            if (q.exec(u"SELECT id, name FROM credentials"_s))
                while (q.next()) {
                    f.credentialIds.insert(q.value(0).toString());
                    f.credentialIdByName.insert(q.value(1).toString(), q.value(0).toString());
                }
            if (q.exec(u"SELECT vault_key, state, credential_id FROM vault_index"_s))
                while (q.next()) {
                    f.vaultState.insert(q.value(0).toString(), q.value(1).toString());
                    f.vaultCredential.insert(q.value(0).toString(), q.value(2).toString());
                }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return f;
}

quint64 SeededRandom::next()
{
    quint64 z = (m_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

int SeededRandom::bounded(int lowInclusive, int highExclusive)
{
    if (highExclusive <= lowInclusive)
        return lowInclusive;
    return lowInclusive + int(next() % quint64(highExclusive - lowInclusive));
}

} // namespace pb::test

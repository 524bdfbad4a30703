#include "CrashChecks.h"

#include "cli/CliRunner.h"
#include "support/KeychainProbe.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <algorithm>
#include <cstdio>

using namespace Qt::Literals::StringLiterals;
using namespace pb::test;

namespace {

constexpr int kImportKills = 26;
constexpr int kCredentialKills = 26;
constexpr int kImportAccounts = 1000; // big enough that an import takes a noticeable time

// The import document: Accounts with an End User, a credential (metadata only: imports never
// carry secrets) and an Integration using it, plus an Integration Point.
QByteArray importDocument()
{
    QJsonArray accounts;
    QJsonArray credentials;
    QJsonArray integrations;
    for (int i = 0; i < kImportAccounts; ++i) {
        const QString name = u"tenant-"_s + QString::number(i);
        accounts.append(QJsonObject{{u"name"_s, name},
                                    {u"fullname"_s, QString(u"Tenant "_s + QString::number(i))},
                                    {u"environment"_s, i % 2 ? u"prod"_s : u"test"_s},
                                    {u"labels"_s, QJsonArray{u"bulk"_s}},
                                    {u"end_users"_s, QJsonArray{QJsonObject{{u"name"_s, u"user"_s},
                                                                            {u"fullname"_s, u"User"_s},
                                                                            {u"email"_s, u"user@example.test"_s}}}}});
        credentials.append(QJsonObject{{u"name"_s, u"jira-basic"_s},
                                       {u"fullname"_s, u"Jira"_s},
                                       {u"owner_type"_s, u"account"_s},
                                       {u"account"_s, name},
                                       {u"owner"_s, name},
                                       {u"config"_s, QJsonObject{{u"type"_s, u"basic"_s}, {u"username"_s, u"ops@example.test"_s}}}});
        integrations.append(QJsonObject{{u"name"_s, u"jira"_s},
                                        {u"fullname"_s, u"Jira"_s},
                                        {u"account"_s, name},
                                        {u"provider_config"_s, QJsonObject{{u"type"_s, u"ticketing_jira"_s},
                                                                           {u"url"_s, QString(u"https://t"_s + QString::number(i) + u".example.test"_s)},
                                                                           {u"project"_s, u"OPS"_s},
                                                                           {u"credential"_s, u"jira-basic"_s}}}});
    }
    const QJsonObject doc{{u"format"_s, u"patchbay-export"_s},
                          {u"version"_s, 1},
                          {u"roles"_s, QJsonArray{}},
                          {u"accounts"_s, accounts},
                          {u"integration_points"_s,
                           QJsonArray{QJsonObject{{u"name"_s, u"tickets"_s},
                                                  {u"fullname"_s, u"Tickets"_s},
                                                  {u"connector"_s, u"ticketing"_s},
                                                  {u"environments"_s, QJsonObject{{u"test"_s, QJsonArray{u"*"_s}}, {u"prod"_s, QJsonArray{u"*"_s}}}}}}},
                          {u"credentials"_s, credentials},
                          {u"integrations"_s, integrations}};
    return QJsonDocument(doc).toJson(QJsonDocument::Compact);
}

QString adminTokenOf(const CliRun& init)
{
    const QString secret = init.result().toObject().value(u"token"_s).toObject().value(u"access"_s).toObject().value(u"secret"_s).toString();
    if (!secret.isEmpty())
        return secret;
    static const QRegularExpression re(u"pbo_[A-Za-z0-9_-]+"_s);
    return re.match(init.outText()).captured(0);
}

struct KillResult {
    bool killed = false; // false: the command finished before the kill point
    int exitCode = -1;
};

// Starts the CLI and sends SIGKILL after delayMs, unless it has finished by then.
KillResult runAndKill(const CliRunner& cli, const QStringList& args, const QByteArray& stdinBytes, int delayMs)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"PATCHBAY_WORKSPACE"_s, cli.workspace);
    env.insert(u"PATCHBAY_TOKEN"_s, cli.token);
    p.setProcessEnvironment(env);
    p.start(CliRunner::binary(), args);
    KillResult r;
    if (!p.waitForStarted(30000))
        return r;
    p.write(stdinBytes);
    p.closeWriteChannel();
    if (p.waitForFinished(delayMs)) {
        r.exitCode = p.exitCode();
        return r;
    }
    p.kill(); // SIGKILL on Unix
    p.waitForFinished(30000);
    r.killed = true;
    return r;
}

} // namespace

// Kills patchbay-cli with SIGKILL at random points of a bulk import and of credential creation,
// and after every kill checks the workspace file, the objects, the audit chain and the keychain.
class TestCrashSafety final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void importIsAllOrNothing();
    void credentialCreationLeavesNoHalfState();
    void cleanupTestCase();

private:
    QString checkCommon(const QString& path, const QString& token, pb::test::WorkspaceFacts* facts);

    QTemporaryDir m_dir;
    quint64 m_seed = 0;
    std::unique_ptr<SeededRandom> m_random;
    int m_survived = 0;
    int m_killed = 0;
    int m_finishedFirst = 0;
    QString m_importSummary;
    QString m_credentialSummary;
};

void TestCrashSafety::initTestCase()
{
    QVERIFY(QFile::exists(CliRunner::binary()));
    QVERIFY2(keychainReachable(), "the crash test needs the Secret Service of the test command");
    bool ok = false;
    m_seed = qEnvironmentVariable("PATCHBAY_CRASH_SEED").toULongLong(&ok);
    if (!ok)
        m_seed = quint64(QDateTime::currentMSecsSinceEpoch());
    std::printf("CRASH SAFETY seed: %llu (repeat with PATCHBAY_CRASH_SEED=%llu)\n", (unsigned long long)m_seed,
                (unsigned long long)m_seed);
    std::fflush(stdout);
    m_random = std::make_unique<SeededRandom>(m_seed);
}

// Integrity, the audit chain, and the workspace still opening; empty when all is well.
QString TestCrashSafety::checkCommon(const QString& path, const QString& token, WorkspaceFacts* facts)
{
    *facts = readWorkspace(path);
    if (!facts->opened)
        return u"the workspace file does not open"_s;
    if (facts->integrity != u"ok"_s)
        return u"integrity_check: "_s + facts->integrity;
    CliRunner cli;
    cli.workspace = path;
    cli.token = token;
    const CliRun verify = cli.run({u"--json"_s, u"audit"_s, u"verify"_s});
    if (verify.exitCode != 0 || !verify.result().toObject().value(u"valid"_s).toBool())
        return u"audit verify: exit "_s + QString::number(verify.exitCode) + u' ' + verify.outText().left(400) + verify.errText().left(400);
    return {};
}

void TestCrashSafety::importIsAllOrNothing()
{
    const QString doc = m_dir.filePath(u"bulk.json"_s);
    {
        QFile f(doc);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(importDocument());
    }
    const QString templ = m_dir.filePath(u"template.pbw"_s);
    CliRunner cli;
    cli.workspace = templ;
    const CliRun init = cli.run({u"--json"_s, u"init"_s, u"--workspace"_s, templ, u"--organization"_s, u"Crash Org"_s, u"--admin"_s,
                                 u"Ada Admin"_s},
                                {}, false, false);
    QVERIFY2(init.exitCode == 0, qPrintable(init.errText()));
    cli.token = adminTokenOf(init);
    QVERIFY(cli.token.startsWith(u"pbo_"_s));

    // One complete import first: it must succeed, and its duration bounds the kill points.
    const QString full = m_dir.filePath(u"full.pbw"_s);
    QVERIFY(QFile::copy(templ, full));
    cli.workspace = full;
    QElapsedTimer timer;
    timer.start();
    const CliRun complete = cli.run({u"import"_s, doc});
    int duration = int(timer.elapsed());
    QVERIFY2(complete.exitCode == 0, qPrintable(complete.errText()));
    // A second run (warm caches) so that most kill points fall inside the command.
    const QString second = m_dir.filePath(u"second.pbw"_s);
    QVERIFY(QFile::copy(templ, second));
    cli.workspace = second;
    timer.restart();
    QCOMPARE(cli.run({u"import"_s, doc}).exitCode, 0);
    duration = std::min(duration, int(timer.elapsed()));
    cli.workspace = full;
    const WorkspaceFacts done = readWorkspace(full);
    QCOMPARE(done.counts.value(u"accounts"_s), kImportAccounts);
    const QHash<QString, int> all = done.counts;

    int none = 0;
    int whole = 0;
    int kills = 0;
    int hotWal = 0;
    for (int i = 0; kills < kImportKills && i < 4 * kImportKills; ++i) {
        const QString path = m_dir.filePath(u"import-%1.pbw"_s.arg(i));
        QVERIFY(QFile::copy(templ, path));
        cli.workspace = path;
        const int delay = m_random->bounded(5, std::max(10, duration));
        const KillResult k = runAndKill(cli, {u"import"_s, doc}, {}, delay);
        if (!k.killed) {
            ++m_finishedFirst;
            QCOMPARE(k.exitCode, 0);
        } else {
            ++kills;
            ++m_killed;
            // A non-empty -wal left by the killed process: the kill came while it was writing.
            if (QFileInfo(path + u"-wal"_s).size() > 0)
                ++hotWal;
        }
        WorkspaceFacts facts;
        const QString problem = checkCommon(path, cli.token, &facts);
        QVERIFY2(problem.isEmpty(), qPrintable(u"import kill %1 at %2 ms: "_s.arg(i).arg(delay) + problem));
        // All or nothing: every imported table is either empty or complete.
        const int accounts = facts.counts.value(u"accounts"_s);
        QVERIFY2(accounts == 0 || accounts == kImportAccounts, qPrintable(u"partial import: %1 accounts"_s.arg(accounts)));
        for (const QString& table : {u"end_users"_s, u"integration_points"_s, u"credentials"_s, u"integrations"_s, u"integration_status"_s})
            QVERIFY2(facts.counts.value(table) == (accounts ? all.value(table) : 0),
                     qPrintable(u"partial import in %1: %2 rows with %3 accounts"_s.arg(table).arg(facts.counts.value(table)).arg(accounts)));
        if (accounts)
            ++whole;
        else
            ++none;
        if (k.killed)
            ++m_survived;
        QFile::remove(path);
        QFile::remove(path + u"-wal"_s);
        QFile::remove(path + u"-shm"_s);
    }
    QCOMPARE(kills, kImportKills);
    m_importSummary = u"import (%1 accounts, %2 ms uninterrupted): %3 kills, %4 finished before the kill; %7 kills left a non-empty -wal to recover; afterwards %5 empty, %6 complete, 0 partial"_s
                          .arg(kImportAccounts)
                          .arg(duration)
                          .arg(kills)
                          .arg(none + whole - kills)
                          .arg(none)
                          .arg(whole)
                          .arg(hotWal);
    std::printf("CRASH SAFETY %s\n", qPrintable(m_importSummary));
    std::fflush(stdout);
}

void TestCrashSafety::credentialCreationLeavesNoHalfState()
{
    const QString path = m_dir.filePath(u"credentials.pbw"_s);
    CliRunner cli;
    cli.workspace = path;
    const CliRun init = cli.run({u"--json"_s, u"init"_s, u"--workspace"_s, path, u"--organization"_s, u"Crash Org"_s, u"--admin"_s,
                                 u"Ada Admin"_s},
                                {}, false, false);
    QVERIFY2(init.exitCode == 0, qPrintable(init.errText()));
    cli.token = adminTokenOf(init);
    CliRun r = cli.run({u"accounts"_s, u"create"_s, u"--fullname"_s, u"Acme"_s, u"--environment"_s, u"test"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
    const QString prefix = u"patchbay/"_s + readWorkspace(path).organizationId + u'/';
    QVERIFY(prefix.size() > 20);

    auto args = [](const QString& name) {
        return QStringList{u"credentials"_s, u"create"_s, u"acme"_s, u"--name"_s, name, u"--type"_s, u"basic"_s,
                           u"--username"_s, u"ops@example.test"_s, u"--secret-stdin"_s};
    };
    const QByteArray secret = "crash-secret-" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    QElapsedTimer timer;
    timer.start();
    r = cli.run(args(u"first"_s), secret);
    int duration = int(timer.elapsed());
    QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
    timer.restart();
    r = cli.run(args(u"second"_s), secret);
    duration = std::min(duration, int(timer.elapsed()));
    QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));

    int kills = 0;
    int committed = 0;
    int absent = 0;
    int orphansExplained = 0;
    for (int i = 0; kills < kCredentialKills && i < 4 * kCredentialKills; ++i) {
        const QString name = u"cred-"_s + QString::number(i);
        const int delay = m_random->bounded(5, std::max(10, duration));
        const KillResult k = runAndKill(cli, args(name), secret, delay);
        if (k.killed) {
            ++kills;
            ++m_killed;
        } else {
            ++m_finishedFirst;
            QCOMPARE(k.exitCode, 0);
        }
        WorkspaceFacts facts;
        const QString problem = checkCommon(path, cli.token, &facts);
        QVERIFY2(problem.isEmpty(), qPrintable(u"credential kill %1 at %2 ms: "_s.arg(i).arg(delay) + problem));

        // Reconciliation explains every keychain entry of this workspace.
        const CliRun rec = cli.run({u"--json"_s, u"vault"_s, u"reconcile"_s});
        QVERIFY2(rec.exitCode == 0, qPrintable(rec.errText()));
        const QJsonObject report = rec.result().toObject();
        QVERIFY2(report.value(u"missing_entries"_s).toArray().isEmpty(),
                 qPrintable(u"metadata without its keychain entry after kill %1: "_s.arg(i) + rec.outText().left(600)));
        QSet<QString> orphaned;
        for (const QJsonValue& v : report.value(u"orphaned_entries"_s).toArray())
            orphaned.insert(v.toObject().value(u"vault_key"_s).toString());
        for (const QString& key : keychainKeys(prefix)) {
            const bool stored = facts.vaultState.value(key) == u"stored"_s && facts.credentialIds.contains(facts.vaultCredential.value(key));
            const bool pending = facts.vaultState.value(key) == u"pending"_s && orphaned.contains(key);
            QVERIFY2(stored || pending, qPrintable(u"keychain entry not explained after kill %1: "_s.arg(i) + key));
            if (pending)
                ++orphansExplained;
        }
        // Metadata iff keychain entry: a committed credential has its secret.
        const QString id = facts.credentialIdByName.value(name);
        if (!id.isEmpty()) {
            ++committed;
            bool hasEntry = false;
            for (const QString& key : keychainKeys(prefix))
                if (key.contains(id))
                    hasEntry = true;
            QVERIFY2(hasEntry, qPrintable(u"credential %1 committed without its keychain entry"_s.arg(name)));
        } else {
            ++absent;
        }
        if (k.killed)
            ++m_survived;
        // Clean up orphans now and then, as a user would; afterwards nothing is orphaned.
        if (i % 8 == 7) {
            const CliRun clean = cli.run({u"--json"_s, u"vault"_s, u"reconcile"_s, u"--clean"_s});
            QVERIFY2(clean.exitCode == 0, qPrintable(clean.errText()));
            const CliRun again = cli.run({u"--json"_s, u"vault"_s, u"reconcile"_s});
            QVERIFY(again.result().toObject().value(u"orphaned_entries"_s).toArray().isEmpty());
        }
    }
    QCOMPARE(kills, kCredentialKills);
    m_credentialSummary = u"credential create (%1 ms uninterrupted): %2 kills, %3 finished before the kill; afterwards %4 committed with their keychain entry, %5 absent, %6 orphaned keychain entries all explained by pending index rows"_s
                              .arg(duration)
                              .arg(kills)
                              .arg(committed + absent - kills)
                              .arg(committed)
                              .arg(absent)
                              .arg(orphansExplained);
    std::printf("CRASH SAFETY %s\n", qPrintable(m_credentialSummary));
    std::fflush(stdout);

    // Leave the keychain as found: the Account's delete removes its credentials' entries, the
    // reconcile the orphans.
    r = cli.run({u"accounts"_s, u"delete"_s, u"acme"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
    r = cli.run({u"vault"_s, u"reconcile"_s, u"--clean"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
    QVERIFY2(keychainKeys(prefix).isEmpty(), qPrintable(keychainKeys(prefix).join(u", "_s)));
}

void TestCrashSafety::cleanupTestCase()
{
    std::printf("CRASH SAFETY TOTAL: %d kills survived of %d (seed %llu); %d runs finished before their kill point\n", m_survived,
                m_killed, (unsigned long long)m_seed, m_finishedFirst);
    std::fflush(stdout);
}

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "TestCrashSafety.moc"

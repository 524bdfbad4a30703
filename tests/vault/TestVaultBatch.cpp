#include "KeychainProbe.h"
#include "VaultTestUtil.h"
#include "vault/KeychainVault.h"

#include <QTest>
#include <QTimer>

using namespace pb;
using namespace pb::test;

namespace {

// Fault injection around the real keychain: the Nth write (or removal) fails as an unavailable
// keychain would, every other call goes to the Secret Service. What the batch operations leave
// behind is then read back with secret-tool.
class FaultyVault final : public CredentialVault {
public:
    int failWriteNumber = 0;
    int failRemoveNumber = 0;
    KeychainVault real;

    void write(const VaultKey& key, const QByteArray& secret, Done done) override {
        if (++m_writes == failWriteNumber)
            return failLater(std::move(done));
        real.write(key, secret, std::move(done));
    }
    void read(const VaultKey& key, ReadDone done) override { real.read(key, std::move(done)); }
    void remove(const VaultKey& key, Done done) override {
        if (++m_removes == failRemoveNumber)
            return failLater(std::move(done));
        real.remove(key, std::move(done));
    }

private:
    void failLater(Done done) {
        QTimer::singleShot(0, this, [done = std::move(done)] {
            done(Problem(503, QStringLiteral("keychain_unavailable"), QStringLiteral("injected failure")));
        });
    }
    int m_writes = 0;
    int m_removes = 0;
};

} // namespace

class TestVaultBatch final : public QObject {
    Q_OBJECT
private:
    QString m_workspace;

    QList<QPair<VaultKey, QByteArray>> fiveEntries() const {
        QList<QPair<VaultKey, QByteArray>> entries;
        for (int i = 1; i <= 5; ++i) {
            entries.append({VaultKey{m_workspace, QStringLiteral("acct"),
                                     QStringLiteral("cred-") + QString::number(i), QStringLiteral("secret")},
                            QByteArray("batch-secret-") + QByteArray::number(i)});
        }
        return entries;
    }

    static QStringList keysOf(const QList<QPair<VaultKey, QByteArray>>& entries) {
        QStringList keys;
        for (const auto& e : entries)
            keys.append(e.first.toString());
        keys.sort();
        return keys;
    }

private slots:
    void initTestCase() {
        QVERIFY2(keychainReachable(), "No Secret Service: run the tests with the README test command");
    }

    void init() { m_workspace = uniqueWorkspaceId(); }

    void cleanup() {
        KeychainVault vault;
        QList<VaultKey> keys;
        for (const QString& text : keychainKeys(keyPrefix(m_workspace)))
            keys.append(*VaultKey::parse(text));
        QVERIFY(removeAllSync(vault, keys).ok());
        QCOMPARE(keychainKeys(keyPrefix(m_workspace)), QStringList());
    }

    void writeAllStoresEveryEntry() {
        KeychainVault vault;
        const auto entries = fiveEntries();
        QVERIFY(writeAllSync(vault, entries).ok());
        QCOMPARE(keychainKeys(keyPrefix(m_workspace)), keysOf(entries));
        for (const auto& e : entries)
            PB_COMPARE_SECRET(keychainSecret(e.first.toString()), e.second);
    }

    void writeAllRollsBackWhenTheThirdWriteFails() {
        FaultyVault vault;
        vault.failWriteNumber = 3;
        const auto entries = fiveEntries();
        const Status s = writeAllSync(vault, entries);
        QVERIFY(!s.ok());
        QCOMPARE(s.problem().message, QStringLiteral("injected failure"));
        // The first two were really written and then removed again; 4 and 5 were never tried.
        QCOMPARE(keychainKeys(keyPrefix(m_workspace)), QStringList());
    }

    void writeAllReportsWhatARollbackFailureLeftBehind() {
        FaultyVault vault;
        vault.failWriteNumber = 3;
        // The rollback runs backwards: entry 3 (failed), entry 2, entry 1. Undoing entry 2 fails.
        vault.failRemoveNumber = 2;
        const auto entries = fiveEntries();
        const Status s = writeAllSync(vault, entries);
        QVERIFY(!s.ok());
        QCOMPARE(s.problem().message, QStringLiteral("injected failure"));
        QVERIFY(s.problem().detail.contains(entries.at(1).first.toString()));
        QVERIFY(!s.problem().detail.contains(entries.at(0).first.toString()));
        QCOMPARE(keychainKeys(keyPrefix(m_workspace)), QStringList{entries.at(1).first.toString()});
    }

    // A rotation that fails half-way puts the earlier secrets back instead of deleting them.
    void writeAllRollbackRestoresOverwrittenSecrets() {
        FaultyVault vault;
        const auto entries = fiveEntries();
        QVERIFY(writeSync(vault.real, entries.at(0).first, "old-secret-1").ok());
        QVERIFY(writeSync(vault.real, entries.at(1).first, "old-secret-2").ok());
        vault.failWriteNumber = 3;
        const Status s = writeAllSync(vault, entries);
        QVERIFY(!s.ok());
        QCOMPARE(s.problem().message, QStringLiteral("injected failure"));
        QCOMPARE(keychainKeys(keyPrefix(m_workspace)),
                 (QStringList{entries.at(0).first.toString(), entries.at(1).first.toString()}));
        PB_COMPARE_SECRET(keychainSecret(entries.at(0).first.toString()), QByteArray("old-secret-1"));
        PB_COMPARE_SECRET(keychainSecret(entries.at(1).first.toString()), QByteArray("old-secret-2"));
    }

    void writeAllOverwritesExistingSecrets() {
        KeychainVault vault;
        const auto entries = fiveEntries();
        QVERIFY(writeSync(vault, entries.at(0).first, "old-secret-1").ok());
        QVERIFY(writeAllSync(vault, entries).ok());
        for (const auto& e : entries)
            PB_COMPARE_SECRET(keychainSecret(e.first.toString()), e.second);
    }

    void writeAllWithAnInvalidKeyStoresNothing() {
        KeychainVault vault;
        auto entries = fiveEntries();
        entries[2].first.credentialId = QStringLiteral("bad/id");
        const Status s = writeAllSync(vault, entries);
        QVERIFY(!s.ok());
        QCOMPARE(s.problem().type, QStringLiteral("invalid_vault_key"));
        QCOMPARE(keychainKeys(keyPrefix(m_workspace)), QStringList());
    }

    void writeAllOfNothingSucceedsAsynchronously() {
        KeychainVault vault;
        bool called = false;
        vault.writeAll({}, [&](Status s) {
            QVERIFY(s.ok());
            called = true;
        });
        QVERIFY(!called);
        QTRY_VERIFY_WITH_TIMEOUT(called, kCallbackWaitMs);
    }

    void removeAllRemovesEveryEntryAndToleratesAbsentOnes() {
        KeychainVault vault;
        const auto entries = fiveEntries();
        QVERIFY(writeAllSync(vault, entries).ok());
        QList<VaultKey> keys;
        for (const auto& e : entries)
            keys.append(e.first);
        keys.append(VaultKey{m_workspace, QStringLiteral("acct"), QStringLiteral("never-written"),
                             QStringLiteral("secret")});
        QVERIFY(removeAllSync(vault, keys).ok());
        QCOMPARE(keychainKeys(keyPrefix(m_workspace)), QStringList());
    }

    void removeAllContinuesPastAFailureAndReportsIt() {
        FaultyVault vault;
        const auto entries = fiveEntries();
        QVERIFY(writeAllSync(vault, entries).ok());
        vault.failRemoveNumber = 2;
        QList<VaultKey> keys;
        for (const auto& e : entries)
            keys.append(e.first);
        const Status s = removeAllSync(vault, keys);
        QVERIFY(!s.ok());
        QCOMPARE(s.problem().message, QStringLiteral("injected failure"));
        QCOMPARE(keychainKeys(keyPrefix(m_workspace)), QStringList{entries.at(1).first.toString()});
    }

    // Only the entries of one workspace are touched: another workspace's entries survive a
    // removeAll of the first one's keys.
    void removeAllLeavesOtherWorkspacesAlone() {
        KeychainVault vault;
        const QString other = uniqueWorkspaceId();
        const VaultKey theirs{other, QStringLiteral("acct"), QStringLiteral("cred-1"),
                              QStringLiteral("secret")};
        QVERIFY(writeSync(vault, theirs, "theirs").ok());
        const auto entries = fiveEntries();
        QVERIFY(writeAllSync(vault, entries).ok());
        QList<VaultKey> keys;
        for (const auto& e : entries)
            keys.append(e.first);
        QVERIFY(removeAllSync(vault, keys).ok());
        QCOMPARE(keychainKeys(keyPrefix(m_workspace)), QStringList());
        PB_COMPARE_SECRET(keychainSecret(theirs.toString()), QByteArray("theirs"));
        QVERIFY(removeSync(vault, theirs).ok());
        QCOMPARE(keychainKeys(keyPrefix(other)), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestVaultBatch)
#include "TestVaultBatch.moc"

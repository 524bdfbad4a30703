#include "vault/KeychainProblems.h"

#include <qt6keychain/keychain.h>

#include <QTest>

using namespace pb;

// The mapping from what QtKeychain reports to the Problem a user reads. The error texts are the
// ones QtKeychain's Secret Service backend really produces (seen in the keychain tests).
class TestKeychainProblems final : public QObject {
    Q_OBJECT
private slots:
    void mapsKeychainErrors_data() {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("errorString");
        QTest::addColumn<QString>("message");
        QTest::newRow("no D-Bus socket")
            << int(QKeychain::OtherError) << QStringLiteral("Could not connect: No such file or directory")
            << QStringLiteral("The system keychain is not available: no Secret Service is running");
        QTest::newRow("no D-Bus address")
            << int(QKeychain::OtherError) << QStringLiteral("The given address is empty")
            << QStringLiteral("The system keychain is not available: no Secret Service is running");
        QTest::newRow("no backend")
            << int(QKeychain::NoBackendAvailable) << QString()
            << QStringLiteral("The system keychain is not available: no Secret Service is running");
        QTest::newRow("service not activatable")
            << int(QKeychain::OtherError)
            << QStringLiteral("The name org.freedesktop.secrets was not provided by any .service files")
            << QStringLiteral("The system keychain is not available: no Secret Service is running");
        QTest::newRow("locked collection")
            << int(QKeychain::AccessDenied) << QStringLiteral("Cannot create an item in a locked collection")
            << QStringLiteral("The system keychain is locked");
        QTest::newRow("denied by user") << int(QKeychain::AccessDeniedByUser) << QString()
                                        << QStringLiteral("Access to the system keychain was denied");
        QTest::newRow("other") << int(QKeychain::OtherError)
                               << QStringLiteral("Credential size exceeds maximum size of 2560")
                               << QStringLiteral("The system keychain failed");
    }

    void mapsKeychainErrors() {
        QFETCH(int, code);
        QFETCH(QString, errorString);
        QFETCH(QString, message);
        const QString key = QStringLiteral("patchbay/ws/-/cred/secret");
        const Problem p = keychainErrorProblem(code, errorString, QStringLiteral("Write"), key);
        QCOMPARE(p.type, QStringLiteral("keychain_unavailable"));
        QCOMPARE(p.status, 503);
        QCOMPARE(p.message, message);
        QVERIFY(p.detail.startsWith(QStringLiteral("Write of keychain entry '") + key +
                                    QStringLiteral("' failed.")));
        QVERIFY(p.detail.contains(errorString));
        QVERIFY(
            p.remediation.contains(u"Start or unlock your keyring (GNOME Keyring, KWallet) and try again"));
    }

    void timeoutSaysHowLongAndWhatToDo() {
        const Problem p =
            keychainTimeoutProblem(10000, QStringLiteral("Read"), QStringLiteral("patchbay/ws/-/c/secret"));
        QCOMPARE(p.type, QStringLiteral("keychain_unavailable"));
        QCOMPARE(p.status, 503);
        QCOMPARE(p.message, QStringLiteral("The system keychain did not answer within 10 s"));
        QVERIFY(p.remediation.startsWith(u"Answer any keyring prompt that is open."));
        QCOMPARE(keychainTimeoutProblem(1500, QStringLiteral("Read"), QStringLiteral("k")).message,
                 QStringLiteral("The system keychain did not answer within 1.5 s"));
    }

    void lockedEntry() {
        const Problem p =
            keychainLockedProblem(QStringLiteral("Removal"), QStringLiteral("patchbay/ws/-/c/secret"));
        QCOMPARE(p.type, QStringLiteral("keychain_unavailable"));
        QCOMPARE(p.message, QStringLiteral("The system keychain is locked"));
        QVERIFY(p.detail.contains(u"The entry exists"));
    }

    void absentEntry() {
        const Problem p = vaultEntryNotFoundProblem(QStringLiteral("patchbay/ws/-/c/secret"));
        QCOMPARE(p.type, QStringLiteral("vault_entry_not_found"));
        QCOMPARE(p.status, 404);
        QVERIFY(p.detail.contains(u"patchbay/ws/-/c/secret"));
        QVERIFY(!p.remediation.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestKeychainProblems)
#include "TestKeychainProblems.moc"

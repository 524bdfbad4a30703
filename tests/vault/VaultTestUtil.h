#pragma once

#include "core/Ids.h"
#include "vault/CredentialVault.h"

#include <QRandomGenerator>
#include <QTest>

#include <optional>

// Compares secret bytes without printing them: test output must not carry secrets either.
#define PB_COMPARE_SECRET(actual, expected)                                                                  \
    QVERIFY2((actual) == (expected), "secret bytes differ (not printed)")

// Reads through the vault and compares, failing with the Problem's text if the read failed.
#define PB_COMPARE_READ(vault, key, expected)                                                                \
    do {                                                                                                     \
        const auto read_ = pb::test::readSync(vault, key);                                                   \
        QVERIFY2(read_.ok(), read_.ok() ? "" : qPrintable(read_.problem().toText()));                        \
        PB_COMPARE_SECRET(read_.value(), expected);                                                          \
    } while (false)

// Helpers shared by the vault tests: turn the asynchronous vault calls into values the test can
// assert on, while the event loop keeps running.
namespace pb::test {

constexpr int kCallbackWaitMs = 30000;

inline Problem noCallback() {
    return Problem::internal(QStringLiteral("test: the vault did not call back within 30 s"));
}

inline Status writeSync(CredentialVault& vault, const VaultKey& key, const QByteArray& secret) {
    std::optional<Status> result;
    vault.write(key, secret, [&](Status s) { result = std::move(s); });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, kCallbackWaitMs))
        return noCallback();
    return *result;
}

inline Result<QByteArray> readSync(CredentialVault& vault, const VaultKey& key) {
    std::optional<Result<QByteArray>> result;
    vault.read(key, [&](Result<QByteArray> r) { result.emplace(std::move(r)); });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, kCallbackWaitMs))
        return noCallback();
    return *result;
}

inline Status removeSync(CredentialVault& vault, const VaultKey& key) {
    std::optional<Status> result;
    vault.remove(key, [&](Status s) { result = std::move(s); });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, kCallbackWaitMs))
        return noCallback();
    return *result;
}

inline Status writeAllSync(CredentialVault& vault, const QList<QPair<VaultKey, QByteArray>>& entries) {
    std::optional<Status> result;
    vault.writeAll(entries, [&](Status s) { result = std::move(s); });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, kCallbackWaitMs))
        return noCallback();
    return *result;
}

inline Status removeAllSync(CredentialVault& vault, const QList<VaultKey>& keys) {
    std::optional<Status> result;
    vault.removeAll(keys, [&](Status s) { result = std::move(s); });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, kCallbackWaitMs))
        return noCallback();
    return *result;
}

// A workspace id no other test run uses, so runs sharing one keyring never see each other.
inline QString uniqueWorkspaceId() {
    return QStringLiteral("test-") + newId();
}

inline QString keyPrefix(const QString& workspaceId) {
    return QStringLiteral("patchbay/") + workspaceId + QLatin1Char('/');
}

// Something that looks like a PEM private key of about 5 KiB (random base64 body).
inline QByteArray pemLikePrivateKey() {
    QByteArray body;
    for (int i = 0; i < 3840; ++i)
        body.append(char(QRandomGenerator::global()->bounded(256)));
    QByteArray pem = "-----BEGIN PRIVATE KEY-----\n";
    const QByteArray b64 = body.toBase64();
    for (qsizetype i = 0; i < b64.size(); i += 64)
        pem += b64.mid(i, 64) + '\n';
    pem += "-----END PRIVATE KEY-----\n";
    return pem;
}

} // namespace pb::test

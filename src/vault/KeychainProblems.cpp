#include "vault/KeychainProblems.h"

#include <qt6keychain/keychain.h>

#include <QStringBuilder>

namespace pb {

namespace {

const QString kUnavailable = QStringLiteral("keychain_unavailable");

enum class Cause { NoService, Locked, Denied, Other };

// QtKeychain reports most Secret Service failures as OtherError with GLib/D-Bus text, so the
// cause is read from the text as well as from the code.
Cause classify(int code, const QString& text) {
    const QString t = text.toLower();
    if (code == QKeychain::AccessDeniedByUser || t.contains(u"dismissed") || t.contains(u"denied by user"))
        return Cause::Denied;
    if (t.contains(u"locked") || t.contains(u"prompt"))
        return Cause::Locked;
    if (code == QKeychain::NoBackendAvailable || t.contains(u"could not connect") || t.contains(u"d-bus") ||
        t.contains(u"dbus") || t.contains(u"address") || t.contains(u"org.freedesktop.secrets") ||
        t.contains(u"secret service") || t.contains(u"serviceunknown") ||
        t.contains(u"not provided by any") || t.contains(u"no such file"))
        return Cause::NoService;
    if (code == QKeychain::AccessDenied)
        return Cause::Denied;
    return Cause::Other;
}

QString withReason(const QString& sentence, const QString& errorString) {
    return errorString.isEmpty() ? sentence : sentence % QStringLiteral(" The keychain said: ") % errorString;
}

} // namespace

QString keychainRemediation() {
#if defined(Q_OS_MACOS)
    return QStringLiteral(
        "Unlock your login keychain (Keychain Access) and allow Patchbay to use it, then try again.");
#elif defined(Q_OS_WIN)
    return QStringLiteral(
        "Sign in to Windows with your own user account so that Credential Manager is available, "
        "then try again.");
#else
    return QStringLiteral(
        "Start or unlock your keyring (GNOME Keyring, KWallet) and try again; on a headless machine "
        "run gnome-keyring-daemon inside a D-Bus session.");
#endif
}

Problem keychainErrorProblem(int code, const QString& errorString, const QString& operation,
                             const QString& key) {
    const QString what =
        operation % QStringLiteral(" of keychain entry '") % key % QStringLiteral("' failed.");
    switch (classify(code, errorString)) {
    case Cause::NoService:
        return {503, kUnavailable,
                QStringLiteral("The system keychain is not available: no Secret Service is running"),
                withReason(what % QStringLiteral(" Patchbay could not reach a keychain service "
                                                 "(org.freedesktop.secrets on the D-Bus session bus)."),
                           errorString),
                keychainRemediation()};
    case Cause::Locked:
        return {503, kUnavailable, QStringLiteral("The system keychain is locked"),
                withReason(what % QStringLiteral(" The keyring is locked and could not be unlocked."),
                           errorString),
                keychainRemediation()};
    case Cause::Denied:
        return {503, kUnavailable, QStringLiteral("Access to the system keychain was denied"),
                withReason(what % QStringLiteral(" The keychain refused Patchbay access."), errorString),
                QStringLiteral("Allow Patchbay to use the keychain when asked. ") % keychainRemediation()};
    case Cause::Other:
        break;
    }
    return {503, kUnavailable, QStringLiteral("The system keychain failed"), withReason(what, errorString),
            keychainRemediation()};
}

Problem keychainLockedProblem(const QString& operation, const QString& key) {
    return {503, kUnavailable, QStringLiteral("The system keychain is locked"),
            operation % QStringLiteral(" of keychain entry '") % key %
                QStringLiteral(
                    "' failed. The entry exists, but the keyring that holds it is locked and could not be "
                    "unlocked."),
            keychainRemediation()};
}

Problem keychainTimeoutProblem(int timeoutMs, const QString& operation, const QString& key) {
    const QString seconds = QString::number(timeoutMs / 1000.0, 'g', 3);
    return {
        503, kUnavailable,
        QStringLiteral("The system keychain did not answer within ") % seconds % QStringLiteral(" s"),
        operation % QStringLiteral(" of keychain entry '") % key % QStringLiteral("' got no answer within ") %
            seconds %
            QStringLiteral(" s. The keyring may be hung or waiting for an unlock prompt. Patchbay stopped "
                           "waiting; a write that completes later is removed again."),
        QStringLiteral("Answer any keyring prompt that is open. ") % keychainRemediation()};
}

Problem vaultEntryNotFoundProblem(const QString& key) {
    return {
        404, QStringLiteral("vault_entry_not_found"), QStringLiteral("The keychain has no such entry"),
        QStringLiteral("No secret is stored under keychain entry '") % key %
            QStringLiteral("' (service 'patchbay')."),
        QStringLiteral("Store the credential's secret again, or run the workspace reconciliation to clean up "
                       "metadata whose secret is gone.")};
}

} // namespace pb

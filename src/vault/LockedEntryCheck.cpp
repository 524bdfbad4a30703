#include "vault/LockedEntryCheck.h"

#include <QTimer>

#if PATCHBAY_VAULT_HAS_DBUS
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QMap>
#endif

namespace pb {

#if PATCHBAY_VAULT_HAS_DBUS

using Attributes = QMap<QString, QString>;

void findLockedEntry(QObject* context, const QString& service, const QString& key, int timeoutMs,
                     std::function<void(bool)> done) {
    static const QMetaType registered = qDBusRegisterMetaType<Attributes>();
    Q_UNUSED(registered);

    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        QTimer::singleShot(0, context, [done = std::move(done)] { done(false); });
        return;
    }
    // The attributes QtKeychain's libsecret backend stores: "server" = service, "user" = key.
    QDBusMessage call = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.secrets"), QStringLiteral("/org/freedesktop/secrets"),
        QStringLiteral("org.freedesktop.Secret.Service"), QStringLiteral("SearchItems"));
    // Never start a Secret Service just for this check (on KDE, QtKeychain may be using KWallet
    // while gnome-keyring is merely installed); if QtKeychain used it, it is running already.
    call.setAutoStartService(false);
    call << QVariant::fromValue(
        Attributes{{QStringLiteral("server"), service}, {QStringLiteral("user"), key}});
    auto* watcher = new QDBusPendingCallWatcher(bus.asyncCall(call, timeoutMs), context);
    QObject::connect(watcher, &QDBusPendingCallWatcher::finished, context,
                     [done = std::move(done)](QDBusPendingCallWatcher* w) {
                         w->deleteLater();
                         const QDBusPendingReply<QList<QDBusObjectPath>, QList<QDBusObjectPath>> reply = *w;
                         done(!reply.isError() && !reply.argumentAt<1>().isEmpty());
                     });
}

#else

void findLockedEntry(QObject* context, const QString&, const QString&, int, std::function<void(bool)> done) {
    QTimer::singleShot(0, context, [done = std::move(done)] { done(false); });
}

#endif

} // namespace pb

#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace pb {

// Why this exists: with a locked keyring (and no prompt that could unlock it), QtKeychain's
// Secret Service backend reports a read as "entry not found" and a removal as success while the
// entry stays. Both would be lies the platform acts on (reconciliation would drop metadata whose
// secret still exists; deleting an Account would leave its secrets). So after those answers the
// vault asks the Secret Service directly whether a locked entry with the key exists.
//
// Calls back (on context's thread, via its event loop) with true only if the Secret Service
// answered and lists a locked item with service `service` and key `key`. Without a Secret Service
// on the session bus (macOS, Windows, KWallet-only desktops), it calls back with false.
void findLockedEntry(QObject* context, const QString& service, const QString& key, int timeoutMs,
                     std::function<void(bool locked)> done);

} // namespace pb

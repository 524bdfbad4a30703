#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite headless: offscreen Qt, a
# private D-Bus session with an unlocked gnome-keyring (a real Secret Service for QtKeychain).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
export QT_QPA_PLATFORM=offscreen
exec dbus-run-session -- sh -c '
  eval "$(printf pw | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK
  ctest --test-dir build --output-on-failure --parallel 2 --timeout 600 "$@"
' sh "$@"

#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite headless: offscreen Qt, a
# private D-Bus session with an unlocked gnome-keyring (a real Secret Service for QtKeychain).
# The keyring, settings and data live in a throw-away home, so the suite never touches the
# user's own login keyring and two runs on one machine cannot rewrite each other's keyring file.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
# The fuzz targets (Clang, ./build-fuzz) run briefly as the fuzz_short_* tests (docs/security/FUZZING.md).
scripts/build.sh -DPATCHBAY_FUZZ_BUILD_DIR="$PWD/build-fuzz"
scripts/fuzz.sh --build-only
test_home="$(mktemp -d /tmp/patchbay-test-home.XXXXXX)"
trap 'rm -rf "$test_home"' EXIT
mkdir -p "$test_home/data" "$test_home/config" "$test_home/cache" "$test_home/run"
chmod 700 "$test_home/run"
export XDG_DATA_HOME="$test_home/data" XDG_CONFIG_HOME="$test_home/config" \
       XDG_CACHE_HOME="$test_home/cache" XDG_RUNTIME_DIR="$test_home/run"
export QT_QPA_PLATFORM=offscreen
dbus-run-session -- sh -c '
  eval "$(printf pw | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK
  ctest --test-dir build --output-on-failure --parallel 2 --timeout 600 "$@"
' sh "$@"

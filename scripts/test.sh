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
. scripts/keyring-session.sh
in_keyring_session patchbay-test-home ctest --test-dir build --output-on-failure --parallel 2 --timeout 600 "$@"

#!/usr/bin/env bash
# The scale benchmark of docs/PERFORMANCE.md in one command: configures an optimised build in
# ./build-bench (or $PATCHBAY_BENCH_DIR), builds patchbay-bench and patchbay-sim, and runs the
# bench headless (offscreen Qt) inside a private D-Bus session with an unlocked gnome-keyring, as
# scripts/test.sh does, so the connector section can keep its credential in a real keychain.
# Arguments go to patchbay-bench (e.g. --quick, --accounts 1000, --skip-connector, --skip-gui).
# Without arguments it runs what docs/PERFORMANCE.md records: every section on the full 10,000
# Accounts, the import-vs-SQL comparison included (3 runs each). Pass
# PATCHBAY_BENCH_WINDOW_FILTER=1 for the first filter in the window (loads every group live).
# It prints figures against their targets; it never fails because of a timing.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${PATCHBAY_BENCH_DIR:-build-bench}"
if [ "${PATCHBAY_SKIP_DEPS:-0}" != 1 ]; then scripts/deps.sh; fi
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPATCHBAY_BUILD_TESTS=ON -DPATCHBAY_BUILD_BENCH=ON >/dev/null
cmake --build "$build_dir" --target patchbay-bench patchbay-sim --parallel "$(nproc)"
# As in scripts/test.sh: the keyring lives in a throw-away home, never the user's login keyring.
. scripts/keyring-session.sh
in_keyring_session patchbay-bench-home "$build_dir/bench/patchbay-bench" "$@"

#!/usr/bin/env bash
# Configures and builds Patchbay into ./build with Ninja. The default is a lean, unoptimised build
# without debug info: on a 2-core machine it compiles about twice as fast as RelWithDebInfo, and
# the test suite is bound by SQLite, the keychain and loopback HTTP, not by the CPU. Pass
# -DCMAKE_BUILD_TYPE=Release (and a different -B directory via PATCHBAY_BUILD_DIR) for benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${PATCHBAY_BUILD_DIR:-build}"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-O0 "$@" >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)"

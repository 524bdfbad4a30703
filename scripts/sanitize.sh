#!/usr/bin/env bash
# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer (+ LeakSanitizer):
# configures ./build-asan with -DPATCHBAY_SANITIZE=ON (cmake/CommonConfig.cmake), builds it and
# runs every CTest test with the same private D-Bus session and unlocked gnome-keyring as
# scripts/test.sh. Any ASan or UBSan report fails the test that produced it; leaks are reported
# at exit, except those inside third-party libraries listed in scripts/lsan.supp.
# Usage: scripts/sanitize.sh [ctest arguments...]   (e.g. -L platform, -R test_core)
# PATCHBAY_ASAN_BUILD_DIR overrides the build directory, PATCHBAY_JOBS the build parallelism.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
build_dir="${PATCHBAY_ASAN_BUILD_DIR:-build-asan}"
scripts/deps.sh
# -O1 keeps the instrumented suite fast enough; -g1 gives line numbers in reports at a fraction
# of full debug info's compile and link time.
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
      -DPATCHBAY_SANITIZE=ON >/dev/null
cmake --build "$build_dir" --parallel "${PATCHBAY_JOBS:-$(nproc)}"

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:check_initialization_order=1:strict_init_order=1:detect_stack_use_after_return=1"
export LSAN_OPTIONS="suppressions=$root/scripts/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
start=$(date +%s)
status=0
. scripts/keyring-session.sh
in_keyring_session patchbay-asan-home ctest --test-dir "$build_dir" --output-on-failure --parallel 2 --timeout 900 "$@" || status=$?
echo "sanitize.sh: ctest finished with status $status after $(( $(date +%s) - start )) s"
exit "$status"

#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, Clang + ASan + UBSan) into ./build-fuzz and fuzzes them.
#   scripts/fuzz.sh [--seconds N] [--jobs J] [--build-only] [target...]
# Targets: jira servicenow zendesk github slack slack_webhook teams splunk elasticsearch import
# token (default: all), each run for N seconds (default 300). New corpus entries go to
# build-fuzz/corpus/<target> (seeds in fuzz/corpus/<target> are only read); a crash stops that
# target and leaves its input in build-fuzz/artifacts/<target>/. Keep it as a regression case:
# minimize it (build-fuzz/fuzz/fuzz_<target> -minimize_crash=1 -runs=10000 <input>), fix the
# bug, and copy the input to fuzz/regressions/<target>/ (the test suite replays that folder).
# --build-only configures and builds, as scripts/test.sh does before the fuzz_short_* tests.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
build_dir=build-fuzz
seconds=300
jobs="$(nproc)"
build_only=0
targets=()
while (($#)); do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --build-only) build_only=1; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
all=(jira servicenow zendesk github slack slack_webhook teams splunk elasticsearch import token)
((${#targets[@]})) || targets=("${all[@]}")

cxx="$(command -v clang++-14 || command -v clang++ || true)"
cc="$(command -v clang-14 || command -v clang || true)"
if [[ -z "$cxx" ]]; then
  echo "fuzz.sh: clang++ not found; run scripts/deps.sh (installs clang-14 and libclang-rt-14-dev)" >&2
  exit 1
fi
# Only the libraries the fuzzers link are built (core, catalog, storage, vault, providers,
# policy, platform): no GUI, no tests. -O1 with line tables: fast fuzzing, readable reports.
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_C_COMPILER="$cc" \
      -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" -DPATCHBAY_BUILD_FUZZ=ON -DPATCHBAY_BUILD_GUI=OFF \
      -DPATCHBAY_BUILD_TESTS=OFF -DPATCHBAY_SANITIZE=OFF >/dev/null
cmake --build "$build_dir" --target patchbay_fuzzers --parallel "$jobs"
((build_only)) && exit 0

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$root/scripts/lsan.supp:print_suppressions=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
failed=()
printf '%-15s %12s %10s %8s  %s\n' target executions exec/s corpus result > "$build_dir/fuzz-summary.txt"
for t in "${targets[@]}"; do
  exe="$build_dir/fuzz/fuzz_$t"
  [[ -x "$exe" ]] || { echo "fuzz.sh: no target $t (have: ${all[*]})" >&2; exit 2; }
  mkdir -p "$build_dir/corpus/$t" "$build_dir/artifacts/$t"
  log="$build_dir/artifacts/$t/fuzz.log"
  echo "== $t: fuzzing for $seconds s (log: $log)"
  result=ok
  "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
         -artifact_prefix="$build_dir/artifacts/$t/" "$build_dir/corpus/$t" "fuzz/corpus/$t" > "$log" 2>&1 || result=CRASH
  execs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')"
  rate="$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')"
  corpus="$(ls "$build_dir/corpus/$t" | wc -l)"
  printf '%-15s %12s %10s %8s  %s\n' "$t" "$execs" "$rate" "$corpus" "$result" | tee -a "$build_dir/fuzz-summary.txt"
  if [[ "$result" != ok ]]; then
    failed+=("$t")
    grep -m3 -E 'ERROR: |runtime error|invariant broken|Test unit written' "$log" || true
  fi
done
echo "Summary: $build_dir/fuzz-summary.txt"
if ((${#failed[@]})); then
  echo "fuzz.sh: crashes in: ${failed[*]} (inputs in $build_dir/artifacts/<target>/)" >&2
  exit 1
fi

#!/bin/sh
# One fuzz_short_<target> CTest test: replays every kept crash input of the target
# (fuzz/regressions/<target>, each must now pass), then fuzzes from the seed corpus for a few
# seconds. New corpus entries and any crash input go to the build directory, never the sources.
# Usage: run-short.sh <fuzzer executable> <fuzz source dir> <target> <work dir> <seconds>
set -eu
exe="$1" src="$2" target="$3" work="$4" seconds="$5"
if [ ! -x "$exe" ]; then
  echo "fuzz_short_$target: $exe is missing; build it with scripts/fuzz.sh --build-only" >&2
  exit 1
fi
# The corpus starts afresh each run; crash inputs of earlier runs stay until looked at.
rm -rf "$work/corpus"
mkdir -p "$work/corpus" "$work/artifacts"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$src/../scripts/lsan.supp:print_suppressions=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
regressions="$src/regressions/$target"
if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions" 2>/dev/null)" ]; then
  echo "Replaying $(ls -A "$regressions" | wc -l) regression input(s) of $target"
  "$exe" "$regressions"/*
fi
status=0
"$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="$work/artifacts/" "$work/corpus" "$src/corpus/$target" || status=$?
if [ "$status" -ne 0 ]; then
  # The input, in the log too: CI keeps the log, not the build directory.
  for f in $(ls -t "$work/artifacts"/* 2>/dev/null | head -1); do
    echo "Crash input $f (base64):"
    base64 "$f" | head -c 20000
    echo
  done
fi
exit "$status"

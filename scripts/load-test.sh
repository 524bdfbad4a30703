#!/usr/bin/env bash
# Bounded load test of the local API server on loopback (issue "Local API server"):
#   scripts/load-test.sh [--duration SECONDS] [--connections N] [--threads N] [--build-dir DIR]
# Creates a temporary workspace, starts the server on 127.0.0.1 with the rate limit off, runs
# `wrk` against GET /v1/accounts with an Organization Access Token, prints requests/s, p99
# latency and errors, then checks the workspace is intact (SQLite integrity, audit chain, data).
# Traffic goes only to 127.0.0.1; wrk stops by itself after the duration.
set -euo pipefail
cd "$(dirname "$0")/.."

duration=10
connections=16
threads=2
build_dir="${PATCHBAY_BUILD_DIR:-build}"
while (($#)); do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --build-dir) build_dir="$2"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
if ! [[ "$duration" =~ ^[0-9]+$ ]] || ((duration < 1 || duration > 600)); then
  echo "--duration must be 1..600 seconds" >&2; exit 2
fi

# What this script needs beyond scripts/deps.sh.
need=()
for p in wrk curl sqlite3 jq; do command -v "$p" >/dev/null || need+=("$p"); done
if ((${#need[@]})); then
  echo "Installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

# The platform opens the OS keychain: run inside a private D-Bus session with an unlocked
# gnome-keyring unless one is already there (as in scripts/test.sh).
if [[ -z "${PATCHBAY_LOADTEST_INNER:-}" ]]; then
  export PATCHBAY_LOADTEST_INNER=1
  exec dbus-run-session -- sh -c '
    eval "$(printf pw | gnome-keyring-daemon --unlock --components=secrets)"
    export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK
    exec "$0" "$@"' "$0" --duration "$duration" --connections "$connections" --threads "$threads" \
      --build-dir "$build_dir"
fi

cli="$build_dir/src/cli/patchbay-cli"
[[ -x "$cli" ]] || { echo "missing $cli: build first (scripts/build.sh)" >&2; exit 1; }
# `patchbay-cli serve` once it is wired; until then the server's own small entry point.
if "$cli" serve --help >/dev/null 2>&1; then
  serve=("$cli" serve)
elif [[ -x "$build_dir/src/server/patchbay-serve" ]]; then
  serve=("$build_dir/src/server/patchbay-serve")
else
  echo "no server binary: build patchbay-cli or patchbay-serve" >&2; exit 1
fi

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"; wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

ws="$work/load.patchbay"
# The token stays in this process's environment: never written to a file or printed.
PATCHBAY_TOKEN="$("$cli" init --workspace "$ws" --organization "Load Test" --admin "Load Admin" --json 2>/dev/null \
  | jq -r '.result.token.access.secret')"
export PATCHBAY_TOKEN
[[ "$PATCHBAY_TOKEN" == pbo_* ]] || { echo "could not initialize the workspace" >&2; exit 1; }

"${serve[@]}" --workspace "$ws" --port 0 --port-file "$work/port" --rate-limit off >"$work/server.out" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do [[ -s "$work/port" ]] && break; sleep 0.1; done
[[ -s "$work/port" ]] || { echo "server did not start:"; cat "$work/server.out"; exit 1; } >&2
base="http://127.0.0.1:$(cat "$work/port")"
echo "server: $base (${serve[*]##*/})"

auth=(-H "Authorization: Bearer $PATCHBAY_TOKEN")
seed=20
for i in $(seq 1 "$seed"); do
  curl -sf -o /dev/null "${auth[@]}" -H 'Content-Type: application/json' \
    -d "{\"fullname\":\"Tenant $i\",\"environment\":\"test\"}" "$base/v1/accounts"
done

cat >"$work/read.lua" <<'LUA'
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("PATCHBAY_TOKEN")
function done(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  io.write(string.format("requests: %d\n", summary.requests))
  io.write(string.format("requests/s: %.1f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency p50 ms: %.2f\n", latency:percentile(50) / 1000))
  io.write(string.format("latency p99 ms: %.2f\n", latency:percentile(99) / 1000))
  io.write(string.format("errors: %d (connect %d, read %d, write %d, non-2xx %d, timeout %d)\n",
    errors, e.connect, e.read, e.write, e.status, e.timeout))
end
LUA

echo "wrk: ${duration}s, $threads threads, $connections connections, GET /v1/accounts"
wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 10s -s "$work/read.lua" "$base/v1/accounts" \
  | tee "$work/wrk.out"

# Integrity: the server still answers, the data is all there, the audit chain verifies, and
# SQLite finds nothing wrong after a clean stop.
count="$(curl -sf "${auth[@]}" "$base/v1/accounts?limit=1000" | jq '.result | length')"
audit="$(curl -sf "${auth[@]}" "$base/v1/audit/verify" | jq -c '.result')"
kill -TERM "$server_pid"; wait "$server_pid" || true; server_pid=""
integrity="$(sqlite3 "$ws" 'PRAGMA integrity_check;')"
echo "accounts after load: $count (expected $seed)"
echo "audit verify: $audit"
echo "sqlite integrity_check: $integrity"

errors="$(sed -n 's/^errors: \([0-9]*\).*/\1/p' "$work/wrk.out")"
if [[ "$count" != "$seed" || "$integrity" != "ok" || "${errors:-1}" != "0" ]]; then
  echo "LOAD TEST FAILED" >&2; exit 1
fi
echo "load test passed: zero errors, workspace intact"

#!/usr/bin/env bash
# Builds the .deb from this build tree with CPack, checks it with lintian, desktop-file-validate
# and appstreamcli, installs it with dpkg into a clean root (its own dpkg database, nothing else
# in it), and runs the installed files: `patchbay --version`/`--help` (German too), and the
# patchbay-cli lifecycle (workspace → Account → Integration Point → credential in the keychain →
# Integration → Integration Access Token → Connector API call answered by the installed
# patchbay-sim). Usage: package-test.sh <build dir>. Runs inside the suite's D-Bus session with
# an unlocked gnome-keyring (scripts/test.sh).
set -euo pipefail
build=$(cd "$1" && pwd)
work=$(mktemp -d)
sim_pid=
cleanup() {
  [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "--- $*"; }

step "cpack -G DEB"
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/pkg" >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; fail "cpack failed"; }
deb=$(ls "$work"/pkg/patchbay_*_amd64.deb 2>/dev/null | head -n1)
[ -f "$deb" ] || fail "no .deb produced in $work/pkg"
size=$(stat -c %s "$deb")
echo "package: $(basename "$deb"), $size bytes, Installed-Size $(dpkg-deb -f "$deb" Installed-Size) KiB"
echo "Depends: $(dpkg-deb -f "$deb" Depends)"
echo "Recommends: $(dpkg-deb -f "$deb" Recommends)"

step "package contents"
contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for f in ./usr/bin/patchbay ./usr/bin/patchbay-cli ./usr/bin/patchbay-sim \
         ./usr/share/applications/io.patchbay.Patchbay.desktop \
         ./usr/share/metainfo/io.patchbay.Patchbay.metainfo.xml \
         ./usr/share/icons/hicolor/scalable/apps/io.patchbay.Patchbay.svg \
         ./usr/share/man/man1/patchbay.1.gz ./usr/share/man/man1/patchbay-cli.1.gz \
         ./usr/share/man/man1/patchbay-sim.1.gz \
         ./usr/share/doc/patchbay/copyright ./usr/share/doc/patchbay/changelog.gz; do
  grep -qxF "$f" <<<"$contents" || fail "the package lacks $f"
done
for dep in libqt6sql6-sqlite libqt6widgets6 libqt6network6 libqt6keychain1 libqt6svg6; do
  dpkg-deb -f "$deb" Depends | grep -q "$dep" || fail "Depends lacks $dep"
done
# Every dependency must be resolvable from Debian 12 (and here: already installed).
apt-get satisfy -s "$(dpkg-deb -f "$deb" Depends)" >"$work/satisfy.log" 2>&1 || { cat "$work/satisfy.log"; fail "Depends not satisfiable"; }

if command -v lintian >/dev/null; then
  step "lintian"
  # Errors and warnings both fail; lintian warns about running as root, which is not a tag.
  lintian --fail-on error,warning "$deb" >"$work/lintian.log" 2>&1 || { cat "$work/lintian.log"; fail "lintian reported problems"; }
  if grep -E '^[EW]: ' "$work/lintian.log"; then fail "lintian tags above"; fi
  echo "lintian: no errors, no warnings"
else
  echo "SKIP lintian: not installed (scripts/deps.sh installs it)"
fi

step "install into a clean root with dpkg"
root="$work/root"
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
: >"$root/var/lib/dpkg/status"
force=(--force-depends) # the clean root has no libraries of its own: they were checked above
[ "$(id -u)" = 0 ] || force+=(--force-not-root --force-bad-path)
dpkg --root="$root" "${force[@]}" --log=/dev/null -i "$deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; fail "dpkg -i failed"; }
dpkg --root="$root" -s patchbay | grep -q '^Status: install ok installed' || fail "dpkg does not report patchbay installed"
bin="$root/usr/bin"

if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$root/usr/share/applications/io.patchbay.Patchbay.desktop" || fail "desktop-file-validate"
  echo "desktop-file-validate: ok"
fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net "$root/usr/share/metainfo/io.patchbay.Patchbay.metainfo.xml" >"$work/as.log" 2>&1 \
    || { cat "$work/as.log"; fail "appstreamcli validate"; }
  echo "appstreamcli validate: ok"
fi
zcat "$root/usr/share/man/man1/patchbay-cli.1.gz" | grep -q 'patchbay-cli' || fail "man page unreadable"

step "installed binaries use only system libraries"
for b in patchbay patchbay-cli patchbay-sim; do
  if readelf -d "$bin/$b" | grep -Eq 'RPATH|RUNPATH'; then fail "$b carries an RPATH"; fi
  if ldd "$bin/$b" | grep -q 'not found'; then ldd "$bin/$b"; fail "$b has unresolved libraries"; fi
  if ldd "$bin/$b" | grep -q "$build"; then fail "$b loads libraries from the build tree"; fi
done

# From here on, only the installed files: a clean PATH and HOME, no build directory.
home="$work/home"
mkdir -p "$home"
run() { env -u PATCHBAY_BINARY_DIR HOME="$home" XDG_CONFIG_HOME="$home/.config" PATH="$bin:/usr/bin:/bin" "$@"; }

step "patchbay --version / --help"
version=$(run patchbay --version)
echo "$version"
grep -Eq '^patchbay [0-9]+\.[0-9]+\.[0-9]+$' <<<"$version" || fail "unexpected --version output: $version"
run patchbay --help | grep -q -- '--workspace' || fail "--help lacks --workspace"
run env LC_ALL=de_DE.UTF-8 LANG=de_DE.UTF-8 patchbay --help | grep -q 'Arbeitsbereich' || fail "--help is not German under a German locale"
run patchbay-cli --version | grep -q 'patchbay-cli' || fail "patchbay-cli --version"

step "installed patchbay-sim"
run patchbay-sim --port 0 --port-file "$work/sim.port" >"$work/sim.log" 2>&1 &
sim_pid=$!
for _ in $(seq 100); do [ -s "$work/sim.port" ] && break; sleep 0.1; done
[ -s "$work/sim.port" ] || { cat "$work/sim.log"; fail "patchbay-sim did not start"; }
port=$(cat "$work/sim.port")
echo "patchbay-sim on 127.0.0.1:$port"

step "patchbay-cli lifecycle"
ws="$work/acme.pbw"
init=$(run patchbay-cli init --workspace "$ws" --organization "Acme Inc" --admin "Ada Admin" --email ada@acme.example 2>&1)
org_token=$(grep -oE 'pbo_[0-9a-f-]{36}_[A-Za-z0-9_-]+' <<<"$init" | head -n1)
[ -n "$org_token" ] || { echo "$init"; fail "init printed no organization token"; }
cli() { run env PATCHBAY_WORKSPACE="$ws" PATCHBAY_TOKEN="$1" patchbay-cli "${@:2}"; }
cli "$org_token" accounts create --fullname "Globex EU" --environment prod >/dev/null
cli "$org_token" integration-points create --fullname 'EU ticketing' --connector ticketing --test '*' \
  --prod ticketing_jira --host-pattern 127.0.0.1 --credential-type basic --https-required false >/dev/null
printf %s demo-token | cli "$org_token" credentials create globex-eu --name jira-basic --type basic \
  --username demo@example.com --secret-stdin >/dev/null
cli "$org_token" integrations create globex-eu --name jira --provider ticketing_jira \
  --config "url=http://127.0.0.1:$port/jira" --config project=OPS --credential jira-basic \
  --integration-point eu-ticketing >/dev/null
int_token=$(cli "$org_token" tokens issue-integration globex-eu jira --ttl 10m --secret-only)
[[ "$int_token" == pbi_* ]] || fail "no Integration Access Token"
answer=$(cli "$int_token" --json connector call ticketing_create_ticket \
  --body '{"summary": "Installed from the .deb", "project": "OPS", "priority": "HIGH"}')
grep -q '"summary": "Installed from the .deb"' <<<"$answer" || { echo "$answer"; fail "connector call did not answer the ticket"; }
grep -q '"id": "OPS-' <<<"$answer" || { echo "$answer"; fail "the simulator did not number the ticket"; }
echo "connector call answered by patchbay-sim: $(grep -o '"id": "OPS-[0-9]*"' <<<"$answer")"
cli "$org_token" audit verify | grep -qi 'valid\|intact\|ok' || fail "audit chain does not verify"
cli "$org_token" vault reconcile >/dev/null || fail "vault reconcile"
# Leave the keychain as we found it.
cli "$org_token" accounts delete globex-eu >/dev/null || fail "account delete"

step "remove with dpkg"
dpkg --root="$root" "${force[@]}" --log=/dev/null --purge patchbay >/dev/null 2>&1 || fail "dpkg --purge failed"
[ ! -e "$bin/patchbay" ] || fail "purge left /usr/bin/patchbay"
echo "PASS: package $(basename "$deb") ($size bytes) builds, passes lintian, installs, runs and purges"

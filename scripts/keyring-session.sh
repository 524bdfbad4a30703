# Sourced by scripts/test.sh, scripts/sanitize.sh and scripts/bench.sh (not run on its own).
#
# in_keyring_session PREFIX COMMAND [ARG...]
#   Runs COMMAND headless the way the test suite needs it: offscreen Qt, a private D-Bus session
#   with an unlocked gnome-keyring-daemon (a real Secret Service for QtKeychain), and the keyring,
#   settings and data in a throw-away home under /tmp/PREFIX.XXXXXX, so the user's own login
#   keyring is never touched and two runs on one machine never share a keyring file (two daemons
#   rewriting one file made keychain tests flaky). The home is removed afterwards; the command's
#   exit status is returned.
in_keyring_session() {
  local prefix="$1"
  shift
  local home status=0
  home="$(mktemp -d "/tmp/${prefix}.XXXXXX")"
  mkdir -p "$home/data" "$home/config" "$home/cache" "$home/run"
  chmod 700 "$home/run"
  XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" \
  XDG_RUNTIME_DIR="$home/run" QT_QPA_PLATFORM=offscreen \
  dbus-run-session -- sh -c '
    eval "$(printf pw | gnome-keyring-daemon --unlock --components=secrets)"
    export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK
    exec "$@"
  ' sh "$@" || status=$?
  rm -rf "$home"
  return "$status"
}

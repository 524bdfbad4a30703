#!/usr/bin/env bash
# Installs what Patchbay needs on Debian 12, skipping what is already there. Run as root.
set -euo pipefail
pkgs=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools
  qt6-l10n-tools qt6-httpserver-dev qt6-websockets-dev qtkeychain-qt6-dev libgl-dev
  dbus dbus-x11 gnome-keyring libsecret-tools xvfb xauth
  openssl
  dpkg-dev file lintian desktop-file-utils appstream qt6-translations-l10n
  # libFuzzer targets (scripts/fuzz.sh, the fuzz_short_* tests)
  clang-14 libclang-rt-14-dev
)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

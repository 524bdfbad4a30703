#!/usr/bin/env bash
# Installs what is missing, builds, and starts the Patchbay console. Pass --demo for a demo
# workspace wired to the local provider simulator.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
exec build/src/app/patchbay "$@"

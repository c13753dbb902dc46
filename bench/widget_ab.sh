#!/usr/bin/env bash
# A/B of two widget builds (bench/widget_ab.js): BASE_WIDGET_DIR=<old build/wasm/wasm>
# against this tree's build/wasm/wasm, cold loads alternating. Needs the built trees.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
: "${BASE_WIDGET_DIR:?set BASE_WIDGET_DIR to the widget build folder to compare with}"
export KAIROS_SERVER="$root/build/native/server/kairos-server" KAIROS_WEB_ROOT="$root/web" \
       KAIROS_WIDGET_DIR="$root/build/wasm/wasm" BASE_WIDGET_DIR NODE_PATH="$root/tests/e2e/node_modules" \
       E2E_ARTIFACTS="${E2E_ARTIFACTS:-/tmp/kairos-bench-artifacts}"
exec node "$root/bench/widget_ab.js" "$@"

#!/usr/bin/env bash
# Widget cold loads in headless Chromium (bench/widget_load.js): median of 5, navigation
# → bookable days visible, English and Japanese, and the bytes transferred. Needs the
# built trees (scripts/build) and tests/e2e/node_modules (scripts/setup).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
export KAIROS_SERVER="$root/build/native/server/kairos-server" KAIROS_WEB_ROOT="$root/web" \
       KAIROS_WIDGET_DIR="$root/build/wasm/wasm" NODE_PATH="$root/tests/e2e/node_modules" \
       E2E_ARTIFACTS="${E2E_ARTIFACTS:-/tmp/kairos-bench-artifacts}"
exec node "$root/bench/widget_load.js" "$@"

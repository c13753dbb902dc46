#!/usr/bin/env bash
# Widget timings in headless Chromium against the real server (not a ctest: a busy
# machine is not a regression). Runs tests/e2e/budgets.test.js, which records the
# figures in <build>/e2e-artifacts/budgets.json, and checks them against the budgets:
# first interactive frame (median of 3 cold loads) ≤ 1,500 ms; an idle widget runs
# < 600 ms of script per 2 s.
# Usage: bench/widget/timing.sh   (after scripts/build all)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
art="$root/build/native/e2e-artifacts"
mkdir -p "$art"
KAIROS_SERVER="$root/build/native/server/kairos-server" KAIROS_WEB_ROOT="$root/web" \
  KAIROS_WIDGET_DIR="$root/build/wasm/wasm" E2E_ARTIFACTS="$art" NODE_PATH="$root/tests/e2e/node_modules" \
  node "$root/tests/e2e/budgets.test.js"
node -e '
const r = require(process.argv[1]);
const median = r.first_interactive_median_ms, idle = Math.min(...r.idle_script_ms_per_2s);
console.log(`first interactive frame: ${r.first_interactive_ms.join(" / ")} ms (median ${median}, budget 1500)`);
console.log(`idle widget script time: ${r.idle_script_ms_per_2s.join(" / ")} ms per 2 s (budget < 600)`);
process.exit(median <= 1500 && idle < 600 ? 0 : 1);
' "$art/budgets.json"

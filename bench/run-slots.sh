#!/usr/bin/env bash
# Runs the slot-engine benchmark natively (Google Benchmark + the plain timing
# program) and in WebAssembly under Node (the same timing program), and prints the
# figures recorded in docs/BENCHMARKS.md. Builds only the bench targets of existing
# trees: build/native and build/wasm (scripts/build configures them).
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs EMSDK_PYTHON=/usr/bin/python3
native=build/native
wasm=build/wasm
cmake --build "$native" --target kairos_slots_bench kairos_slots_timing >/dev/null
cmake --build "$wasm" --target kairos_slots_timing >/dev/null

echo "== native: Google Benchmark (3 repetitions, median) =="
"$native/bench/kairos_slots_bench" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
  | grep -E "^(BM_|Benchmark|-)" || true
echo "== native: timing program =="
"$native/bench/kairos_slots_timing" "$@"
echo "== wasm (Node $(node --version)): timing program =="
node --no-experimental-fetch --stack-size=4000 "$wasm/bench/kairos_slots_timing.js" "$@"

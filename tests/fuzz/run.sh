#!/usr/bin/env bash
# Runs one libFuzzer target: run.sh BUILD_DIR TARGET runs N | seconds S
# New inputs go to BUILD_DIR/corpus/TARGET (never into the repository); the committed
# seeds in tests/fuzz/corpus/TARGET are read only. A crash leaves its input in
# BUILD_DIR/artifacts/ and fails.
set -euo pipefail
dir="$1"; target="$2"; mode="$3"; n="$4"
seeds="$(cd "$(dirname "$0")" && pwd)/corpus/$target"
out="$dir/corpus/$target"
mkdir -p "$out" "$dir/artifacts"
case "$mode" in
  runs) limit="-runs=$n" ;;
  seconds) limit="-max_total_time=$n" ;;
  *) echo "run.sh: mode is runs or seconds" >&2; exit 2 ;;
esac
# Deterministic under ctest (fixed seed); -rss_limit keeps a runaway allocation a finding.
exec "$dir/kairos_fuzz_$target" -seed=1 -rss_limit_mb=1024 -timeout=10 -print_final_stats=1 \
  -artifact_prefix="$dir/artifacts/$target-" "$limit" "$out" "$seeds"

#!/usr/bin/env bash
# GET /v1/pages/demo/slots for a month, keep-alive, wrk on the same host.
# Usage: bench/load/slots.sh [seconds] [connections]
source "$(dirname "$0")/common.sh"
secs="${1:-15}"; conns="${2:-32}"
from="$(date -u -d '+2 days' +%F)"; to="$(date -u -d '+32 days' +%F)"
path="/v1/pages/demo/slots?event_type=intro&from=$from&to=$to&tz=Europe%2FBerlin"
echo "slots in the answer: $(curl -s "$URL$path" | grep -o '"start"' | wc -l), bytes: $(curl -s "$URL$path" | wc -c)"
wrk -t2 -c"$conns" -d"${secs}s" --latency "$URL$path"

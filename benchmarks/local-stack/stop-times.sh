#!/bin/bash
# How long the local stack's services take to stop: starts `cascade local up` on a fresh data directory, waits
# until it is ready (and 20 s more, so every consumer has joined its groups), sends SIGTERM, and prints each
# service's own "stopped in" line, the time from the signal until metadata-service's process exited, and until
# the whole stack had stopped. ERROR lines in any service log are counted too (there should be none).
#   ./mvnw -B -q -DskipTests install && benchmarks/local-stack/stop-times.sh [cycles, default 1]
set -euo pipefail
cd "$(dirname "$0")/../.."
cycles=${1:-1}
for cycle in $(seq 1 "$cycles"); do
    data=$(mktemp -d /tmp/cascade-stop-times.XXXX)
    ./cascade local up --data-dir "$data" > "$data/up.log" 2>&1 &
    stack=$!
    for _ in $(seq 1 240); do
        grep -q "Press Ctrl-C to stop" "$data/up.log" && break
        kill -0 "$stack" 2>/dev/null || { echo "the local stack exited; see $data/up.log"; exit 1; }
        sleep 1
    done
    grep -q "Press Ctrl-C to stop" "$data/up.log" || { echo "the local stack was not ready in 240 s; see $data/up.log"; exit 1; }
    sleep 20
    metadata=$(pgrep -f "metadata-service.*quarkus-run.jar" | head -1)
    start=$(date +%s.%N)
    kill -TERM "$stack"
    while kill -0 "$metadata" 2>/dev/null; do sleep 0.1; done
    metadata_stopped=$(date +%s.%N)
    wait "$stack" || true
    all_stopped=$(date +%s.%N)
    echo "cycle $cycle ($data):"
    grep -h "stopped in" "$data"/logs/*-service.log "$data"/logs/udp-gateway.log | sed 's/.*\] //; s/^/  /'
    printf '  metadata-service exited %.1f s after SIGTERM, the stack %.1f s; ERROR lines in the logs: %d\n' \
        "$(echo "$metadata_stopped - $start" | bc)" "$(echo "$all_stopped - $start" | bc)" \
        "$(cat "$data"/logs/*.log | grep -c ' ERROR ' || true)"
done

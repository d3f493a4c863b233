#!/usr/bin/env bash
# Benchmark g (issue 14, item 4): search, suggest and reconciliation against `kg serve` on a linked store.
# Usage: bench/search_speed.sh STORE REGISTRY [SECONDS]   (from the repository root; a store and the synthetic
#   registry it was built from, e.g. bench/linkage.sh's bench/out/linkage-N-SEED/{store,registry});
#   writes bench/out/search-<name>.txt (<name>: linkage-N-SEED) and prints it.
# 1. `kg serve --workers 2`; 2. GET /api/search?q=...&limit=10 and /api/suggest?q=... with wrk at 1 and 8
# connections, each request a different query (bench/search_speed.lua rotating through a file of a few thousand
# names in mixed scripts, fixed seed: bench/search_speed.py queries); 3. 1,000 names reconciled through /reconcile
# in 10 POSTed batches of 100, without and with a birthYear hint (bench/search_speed.py reconcile).
# Targets (at 600k persons): search and suggest p99 < 50 ms at 8 connections; 1,000 names reconciled in <= 5 s.
set -euo pipefail
STORE=$(readlink -f "${1:?store}"); REG=$(readlink -f "${2:?registry}"); SECS=${3:-10}
NAME=$(basename "$(dirname "${1%/}")")
OUT=bench/out/search-$NAME.txt; Q=bench/out/search-$NAME.queries; PORT=${PORT:-8721}
mkdir -p bench/out; : > "$OUT"
python bench/search_speed.py queries "$REG" "$Q" | tee -a "$OUT"

kg serve --store "$STORE" --port $PORT --workers 2 > bench/out/search-serve.log 2>&1 & KG_PID=$!
trap 'kill $KG_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/api/search?q=x" -o /dev/null && break || sleep 0.2; done
curl -sf "http://127.0.0.1:$PORT/api/search?q=x" -o /dev/null || { echo "kg serve did not start"; tail bench/out/search-serve.log; exit 1; }
echo "store $STORE, kg serve --workers 2, wrk ${SECS}s a run, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"

run() {  # endpoint query-file
  for c in 1 8; do
    t=$([ $c = 1 ] && echo 1 || echo 2)
    r=$(wrk -t$t -c$c -d${SECS}s --timeout 30s --latency -s bench/search_speed.lua "http://127.0.0.1:$PORT" -- "$2" 2>&1)
    rps=$(echo "$r" | awk '/Requests\/sec/ {print $2}')
    p50=$(echo "$r" | awk '$1=="50%" {print $2}'); p99=$(echo "$r" | awk '$1=="99%" {print $2}')
    non2xx=$(echo "$r" | awk '/Non-2xx/ {print $NF}'); errs=$(echo "$r" | awk '/Socket errors/ {print}')
    codes=$(echo "$r" | awk '/^statuses/ {$1=""; print}')
    printf "%-8s c=%s rps=%-9s p50=%-9s p99=%-9s non-2xx=%-5s statuses%s %s\n" \
      "$1" "$c" "$rps" "$p50" "$p99" "${non2xx:-0}" "$codes" "$errs" | tee -a "$OUT"
  done
}
run search "$Q/search.txt"
run suggest "$Q/suggest.txt"
python bench/search_speed.py reconcile "http://127.0.0.1:$PORT" "$Q/reconcile.json" | tee -a "$OUT"

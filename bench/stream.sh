#!/usr/bin/env bash
# Benchmark d: a 1M-row SELECT streamed through `kg serve`: wall time and the server's RSS growth.
# Usage: bench/stream.sh STORE_PATH   (the store needs >= 1M triples: N >= 20k persons; writes bench/out/stream-<name>.txt)
set -euo pipefail
STORE=$(readlink -f "${1:?store}")
NAME=$(basename "$(dirname "$(dirname "$STORE")")")
OUT=bench/out/stream-$NAME.txt; PORT=8713
Q=$(cat bench/queries/stream.rq)
URL="http://127.0.0.1:$PORT/sparql?query=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$Q")"
kg serve --store "$STORE" --port $PORT --workers 1 > bench/out/kg-serve-stream.log 2>&1 & PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" -o /dev/null && break || sleep 0.2; done
curl -sf "http://127.0.0.1:$PORT/sparql?query=ASK%7B%7D" -o /dev/null   # warm up: the baseline is a served server
{
  for fmt in application/sparql-results+json application/sparql-results+json text/tab-separated-values; do   # twice: first-use growth, then steady state
    python3 bench/rss.py $PID bench/out/rss.tmp & SAMPLER=$!
    sleep 0.5
    stats=$(curl -s -H "Accept: $fmt" -o bench/out/stream.body -w '%{time_total} %{size_download} %{http_code}' "$URL")
    kill -TERM $SAMPLER; wait $SAMPLER || true
    rows=$(($(wc -l < bench/out/stream.body)))
    echo "$fmt time_s,bytes,status=$stats lines=$rows $(cat bench/out/rss.tmp)"
  done
} | tee "$OUT"
rm -f bench/out/stream.body bench/out/rss.tmp

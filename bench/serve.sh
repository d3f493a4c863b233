#!/usr/bin/env bash
# Benchmark c: `kg serve` against raw `oxigraph serve-read-only` on the same store, same run, with wrk.
# Usage: bench/serve.sh STORE_PATH [SECONDS]   (a store built by bench/build.sh; writes bench/out/serve-<name>.txt)
set -euo pipefail
STORE=$(readlink -f "${1:?store}"); SECS=${2:-10}
NAME=$(basename "$(dirname "$(dirname "$STORE")")")
OUT=bench/out/serve-$NAME.txt; : > "$OUT"
KG_PORT=8711; RAW_PORT=8712
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }

kg serve --store "$STORE" --port $KG_PORT --workers 2 > bench/out/kg-serve.log 2>&1 & KG_PID=$!
oxigraph serve-read-only --location "$STORE" --bind 127.0.0.1:$RAW_PORT --union-default-graph > bench/out/raw-serve.log 2>&1 & RAW_PID=$!
trap 'kill $KG_PID $RAW_PID 2>/dev/null || true' EXIT
for url in "http://127.0.0.1:$KG_PORT/sparql" "http://127.0.0.1:$RAW_PORT/query"; do
  for _ in $(seq 1 150); do curl -sf "$url?query=$(enc 'ASK{}')" -o /dev/null && break || sleep 0.2; done
done

run() {  # name server url accept
  for c in 1 8; do
    t=$([ $c = 1 ] && echo 1 || echo 2)
    r=$(wrk -t$t -c$c -d${SECS}s --timeout 120s --latency -H "Accept: $4" "$3" 2>&1)
    rps=$(echo "$r" | awk '/Requests\/sec/ {print $2}')
    p50=$(echo "$r" | awk '$1=="50%" {print $2}'); p99=$(echo "$r" | awk '$1=="99%" {print $2}')
    errs=$(echo "$r" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' ')
    printf "%-12s %-4s c=%s rps=%-10s p50=%-9s p99=%-9s %s\n" "$1" "$2" "$c" "$rps" "$p50" "$p99" "$errs" | tee -a "$OUT"
  done
}
JSON=application/sparql-results+json
for q in ${QUERIES:-point aggregate range join label}; do   # bench/queries/*.rq (QUERIES="point" for a subset)
  text=$(cat bench/queries/$q.rq)
  run "$q" kg "http://127.0.0.1:$KG_PORT/sparql?query=$(enc "$text")" $JSON
  run "$q" raw "http://127.0.0.1:$RAW_PORT/query?query=$(enc "$text")" $JSON
done
# Entity page: kg's dereferenced page (HTML and Turtle) against raw Oxigraph's DESCRIBE of the same IRI.
run PAGE-HTML kg "http://127.0.0.1:$KG_PORT/id/person/syn-p0000042" text/html
run PAGE-TTL kg "http://127.0.0.1:$KG_PORT/id/person/syn-p0000042" text/turtle
run PAGE-TTL raw "http://127.0.0.1:$RAW_PORT/query?query=$(enc "$(cat bench/queries/describe.rq)")" text/turtle
python3 bench/ratios.py "$OUT"

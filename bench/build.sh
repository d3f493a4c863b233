#!/usr/bin/env bash
# Benchmark a: build time and peak RSS of `kg build` for N persons, next to `oxigraph load` of the same quads.
# Benchmark b: SHACL validation time and peak RSS (engine sparql; pySHACL too when PYSHACL=1).
# Usage: bench/build.sh N [RUNS]      (from the repository root; writes bench/out/N/)
set -euo pipefail
N=${1:?persons}; RUNS=${2:-1}
OUT=bench/out/$N; mkdir -p "$OUT"
REG=$OUT/registry; STORE=$OUT/store; NQ=$OUT/quads.nq
TIME="/usr/bin/time -v"

[ -f "$REG/persons.csv" ] || kg synth --persons "$N" --seed 1 -o "$REG"

for i in $(seq 1 "$RUNS"); do
  # kg build: extraction + bulk load + SHACL (sparql engine) + optimize + atomic switch
  $TIME -o "$OUT/build.$i.time" python bench/kg_engine.py build sparql "$STORE" data "$REG" > "$OUT/build.$i.log" 2>&1
  # extraction alone, written as the N-Quads that raw Oxigraph loads
  $TIME -o "$OUT/extract.$i.time" python bench/extract_only.py "$NQ" data "$REG" 2> "$OUT/extract.$i.log"
  rm -rf "$OUT/oxigraph"
  $TIME -o "$OUT/oxload.$i.time" oxigraph load --location "$OUT/oxigraph" --file "$NQ" > "$OUT/oxload.$i.log" 2>&1
  # validation of the built store alone
  $TIME -o "$OUT/validate.$i.time" python bench/kg_engine.py validate sparql "$STORE" > "$OUT/validate.$i.log" 2>&1 || true
done
if [ "${PYSHACL:-0}" = 1 ]; then
  $TIME -o "$OUT/pyshacl.time" python bench/kg_engine.py validate pyshacl "$STORE" > "$OUT/pyshacl.log" 2>&1 || true
fi
if [ "${TURBO:-0}" = 1 ]; then
  $TIME -o "$OUT/turbo.time" python bench/kg_engine.py validate turbo "$STORE" > "$OUT/turbo.log" 2>&1 || true
fi
python bench/summarize.py "$OUT"

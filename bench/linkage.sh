#!/usr/bin/env bash
# Benchmark e (issue 13): record linkage inside `kg build` on a multi-source synthetic registry.
# Usage: bench/linkage.sh N SEED [ERROR_RATE]     (from the repository root; writes bench/out/linkage-N-SEED/)
# Prints the build's own linkage line (records, persons, links, seconds), the build's wall time and peak RSS,
# and the pairwise precision and recall of the linked pairs against the generator's truth.csv.
set -euo pipefail
N=${1:?persons}; SEED=${2:?seed}; ERR=${3:-0.1}
OUT=bench/out/linkage-$N-$SEED; mkdir -p "$OUT"
REG=$OUT/registry; STORE=$OUT/store
rm -rf "$REG" "$STORE" "$STORE.builds"
kg synth --persons "$N" --seed "$SEED" --sources 3 --error-rate "$ERR" -o "$REG" > "$OUT/synth.log" 2>&1
/usr/bin/time -v -o "$OUT/build.time" kg build --data data --data "$REG" --store "$STORE" > "$OUT/build.log" 2>&1
grep -E "^Linked|^Built" "$OUT/build.log"
grep -E "Elapsed|Maximum resident" "$OUT/build.time"
kg export --store "$STORE" --links -o "$OUT/links.csv"
python -c "
from pathlib import Path
from kg.link.evaluate import score_links
print('seed $SEED, error rate $ERR:', score_links(Path('$OUT/links.csv'), Path('$REG/truth.csv')).format())"

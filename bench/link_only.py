"""The linkage step of `kg build` alone, over a built store (read-only): read the records, score, join, and
generate the quads (counted, not written). Run under `/usr/bin/time -v` for its peak RSS.

    python bench/link_only.py STORE DATA_DIR...
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from kg.config import Settings
from kg.link.run import link, quads
from kg.store.embedded import open_store

store = open_store(Path(sys.argv[1]))
base = Settings().base_iri
start = time.monotonic()
linkage = link(store, [Path(d) for d in sys.argv[2:]], base)
assert linkage is not None, "no person records in this store"
print(linkage.summary())
n = sum(1 for _ in quads(linkage, base))
print(f"{n:,} quads generated; linkage and quads in {time.monotonic() - start:.1f} s")

"""Issue 14, item 4: the label index's share of `kg build`, measured side by side on one registry.

    python bench/index_share.py REGISTRY STORE_DIR [ROUNDS]

Builds `data/` + REGISTRY twice per round, in turn: as `kg build` does (the index fed while the quads load,
then written), and with the index left out (`kg.build.open_feed` replaced by nothing, so the load runs bare).
Prints each build's wall time, the index's own line, and the share: (with - without) / with, the whole cost of
the index (feed and write) as a part of the build that has it. Target: <= 15 %."""

from __future__ import annotations

import contextlib
import statistics
import sys
import time
from pathlib import Path

import kg.build
from kg.build import build
from kg.config import Settings


@contextlib.contextmanager
def no_index():
    real_open, real_write = kg.build.open_feed, kg.build.write_entities
    kg.build.open_feed = lambda *_a: contextlib.nullcontext()   # None: the build loads without a feed
    kg.build.write_entities = lambda *_a: None
    try:
        yield
    finally:
        kg.build.open_feed, kg.build.write_entities = real_open, real_write


def timed(registry: Path, store: Path) -> tuple[float, str]:
    start = time.monotonic()
    summary = build(Settings(sources_dir=None), [Path("data"), registry], store)
    line = summary.search_index.format() if summary.search_index else "(no index)"
    return time.monotonic() - start, line


def main() -> None:
    registry, store = Path(sys.argv[1]), Path(sys.argv[2])
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    with_index, without = [], []
    for r in range(rounds):
        seconds, line = timed(registry, store / "with")
        with_index.append(seconds)
        print(f"round {r + 1}: with the index {seconds:.1f} s ({line})", flush=True)
        with no_index():
            seconds, _ = timed(registry, store / "without")
        without.append(seconds)
        print(f"round {r + 1}: without       {seconds:.1f} s", flush=True)
    w, wo = statistics.median(with_index), statistics.median(without)
    print(f"median with {w:.1f} s, without {wo:.1f} s: the index is {(w - wo) / w:.1%} of the build (target <= 15 %)")


if __name__ == "__main__":
    main()

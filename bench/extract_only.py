"""Extraction alone, as `kg build` does it (same extractor, same quads), written as N-Quads for `oxigraph load`.

Usage: python bench/extract_only.py OUT.nq DATA_DIR [DATA_DIR ...]
The ontology graph goes in too, so the file holds exactly the quads of the built store.
"""

import sys
import time
from pathlib import Path

from pyoxigraph import RdfFormat, serialize

from kg.build import ONTOLOGY_GRAPH, extracted_quads
from kg.config import Settings
from pyoxigraph import Quad, parse


def main() -> None:
    out, dirs = Path(sys.argv[1]), [Path(d) for d in sys.argv[2:]]
    settings = Settings()
    start = time.monotonic()
    quads, _ = extracted_quads(settings, dirs, None, quiet=True)

    def ontology():
        for f in sorted(settings.ontology_dir.glob("*.ttl")):
            for t in parse(path=str(f), format=RdfFormat.TURTLE):
                yield Quad(t.subject, t.predicate, t.object, ONTOLOGY_GRAPH)

    with out.open("wb") as f:
        serialize(ontology(), f, format=RdfFormat.N_QUADS)
        serialize(quads, f, format=RdfFormat.N_QUADS)
    print(f"extracted to {out} in {time.monotonic() - start:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()

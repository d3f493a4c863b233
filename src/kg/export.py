"""Writing the whole store in an RDF format."""

from __future__ import annotations

from typing import BinaryIO

from pyoxigraph import RdfFormat, Store

from kg.store.embedded import EXPORT_FORMATS


def export(store: Store, fmt: str, out: BinaryIO) -> None:
    if fmt == "turtle":
        # Turtle has no graph names: write the union of all graphs, each triple once.
        triples = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
        triples.serialize(out, format=RdfFormat.TURTLE)
        return
    store.dump(out, format=EXPORT_FORMATS[fmt])

"""Writing the whole store in an RDF format."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from pyoxigraph import RdfFormat, Store, Triple, serialize

from kg.sparql_text import query_file
from kg.store.embedded import EXPORT_FORMATS

if TYPE_CHECKING:
    from kg.store.remote import RemoteStore


UNION_TRIPLES = Path(__file__).with_name("sparql") / "union_triples.rq"


def export(store: Store, fmt: str, out: BinaryIO) -> None:
    if fmt == "turtle":
        # Turtle has no graph names: write the union of all graphs, each triple once.
        triples = store.query(query_file(UNION_TRIPLES), use_default_graph_as_union=True)
        triples.serialize(out, format=RdfFormat.TURTLE)
        return
    store.dump(out, format=EXPORT_FORMATS[fmt])


def export_remote(remote: "RemoteStore", fmt: str, out: BinaryIO) -> None:
    """The live build of a remote store (the graphs kg published there; other data in the store is left out),
    read in ordered pages so memory stays bounded."""
    from kg.store.manifest import live_quads

    if fmt == "turtle":
        seen: set[Triple] = set()  # the union of the graphs, each triple once (memory grows with the triples)

        def union() -> Iterator[Triple]:
            for quad in live_quads(remote):
                if quad.triple not in seen:
                    seen.add(quad.triple)
                    yield quad.triple

        serialize(union(), out, format=RdfFormat.TURTLE)
        return
    serialize(live_quads(remote), out, format=EXPORT_FORMATS[fmt])

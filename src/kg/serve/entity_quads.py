"""What an entity's page or RDF representation shows, gathered in one pass over a store."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pyoxigraph import NamedNode, Quad


@dataclass(frozen=True)
class EntityQuads:
    """An entity's quads, at most so many quads linking to it, the quads describing the graphs its own quads
    live in (their evidence), and the label quads of the IRIs all those mention."""

    outgoing: list[Quad]
    incoming: list[Quad]
    graphs: list[Quad]
    labels: list[Quad]


def collect(iri: str, incoming: int, label_predicates: list[str],
            about: Callable[[str, int], tuple[list[Quad], list[Quad]]],
            outgoing_of: Callable[[list[str]], list[Quad]]) -> EntityQuads:
    """`about(iri, n)` gives an IRI's quads and at most n linking to it; `outgoing_of(iris)` the quads of IRIs."""
    outgoing, linking = about(iri, incoming)
    graphs = sorted({q.graph_name.value for q in outgoing if isinstance(q.graph_name, NamedNode)})
    graph_quads = outgoing_of(graphs)
    linked = {q.object.value for q in outgoing + graph_quads if isinstance(q.object, NamedNode)}
    linked |= {q.subject.value for q in linking if isinstance(q.subject, NamedNode)}
    wanted = {NamedNode(p) for p in label_predicates}
    labels = [q for q in outgoing_of(sorted(linked)) if q.predicate in wanted]
    return EntityQuads(outgoing, linking, graph_quads, labels)

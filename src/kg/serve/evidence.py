"""The evidence of an assertion graph as a page shows it: cited source, page, quote, file and line."""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import Quad

from kg.vocab import JPOW, PROV

EVIDENCE_PROPS = {
    PROV.wasDerivedFrom.value: "source",
    JPOW.page.value: "page",
    JPOW.quote.value: "quote",
    JPOW.sourceFile.value: "file",
    JPOW.sourceLine.value: "line",
}


@dataclass
class Evidence:
    graph: str
    source: str | None = None
    page: str | None = None
    quote: str | None = None
    file: str | None = None
    line: str | None = None


def evidence_of(graphs: set[str], graph_quads: list[Quad]) -> dict[str, Evidence]:
    """The evidence of each of `graphs`, read from the quads describing them."""
    found = {g: Evidence(graph=g) for g in graphs}
    for q in graph_quads:
        attr = EVIDENCE_PROPS.get(q.predicate.value)
        if attr and q.subject.value in found:
            setattr(found[q.subject.value], attr, q.object.value)
    return found

"""Passages and their facts -> quads: one assertion graph per passage, described in the document's source graph.

Graph names: source graph `{base}graph/text/{doc-id}`, assertion graph `{base}graph/text/{doc-id}/c{start}-{end}`
(original code-point offsets of the passage). In each assertion graph, every entity the passage mentions gets
its type, English label and `dcterms:source <document>` (minted entities) or just `dcterms:source`
(entities linked to curated data, which already carry their type and labels), then the facts of the passage.
"""

from __future__ import annotations

from collections.abc import Iterator

from pyoxigraph import Literal, NamedNode, Quad

from kg.extract.base import Evidence, Run
from kg.extract.text.model import Entity, Lit, Passage
from kg.vocab import DCTERMS, JPOW, PREFIXES, RDF, RDFS, SKOS, XSD


def term(value: object) -> NamedNode | Literal:
    if isinstance(value, Entity):
        return NamedNode(value.iri)
    if isinstance(value, Lit):
        if value.datatype:
            return Literal(_one_line(value.value), datatype=XSD[value.datatype])
        if value.lang:
            return Literal(_one_line(value.value), language=value.lang)
        return Literal(_one_line(value.value))
    if isinstance(value, tuple):
        prefix, local = value
        return PREFIXES[prefix][local]
    raise TypeError(f"not an RDF term: {value!r}")


def predicate(curie: str) -> NamedNode:
    prefix, _, local = curie.partition(":")
    return PREFIXES[prefix][local]


def entity_quads(e: Entity, doc: NamedNode, g: NamedNode, surface: str | None) -> Iterator[Quad]:
    s = NamedNode(e.iri)
    yield Quad(s, DCTERMS.source, doc, g)
    if e.linked:   # a curated entity: only the name this text gives it, if it is another ("Dzhezkazgan")
        if surface and _one_line(surface) != _one_line(e.label):
            yield Quad(s, SKOS.altLabel, Literal(_one_line(surface), language="en"), g)
        return
    yield Quad(s, RDF.type, JPOW[e.cls], g)
    yield Quad(s, RDFS.label, Literal(_one_line(e.label), language="en"), g)
    if surface and _one_line(surface) != _one_line(e.label):
        yield Quad(s, SKOS.altLabel, Literal(_one_line(surface), language="en"), g)


def passage_quads(run: Run, doc: NamedNode, p: Passage) -> Iterator[Quad]:
    g = run.assertion_graph(f"c{p.start}-{p.end}")
    yield from run.evidence(Evidence(g, doc, quote=p.quote, start=p.start, end=p.end))
    seen: set[str] = set()
    entities: list[tuple[Entity, str | None]] = list(p.mentioned)
    for f in p.facts:
        entities.append((f.s, None))
        if isinstance(f.o, Entity):
            entities.append((f.o, None))
    for e, surface in entities:
        key = f"{e.iri}|{surface}"
        if key not in seen:
            seen.add(key)
            yield from entity_quads(e, doc, g, surface)
    done: set[tuple] = set()
    for f in p.facts:
        o = term(f.o)
        k = (f.s.iri, f.p, o)
        if k in done:
            continue
        done.add(k)
        yield Quad(NamedNode(f.s.iri), predicate(f.p), o, g)


def _one_line(text: str) -> str:
    return " ".join(text.split())

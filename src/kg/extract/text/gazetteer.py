"""Names of curated entities -> IRIs: what a mention in a text may be linked to."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pyoxigraph import NamedNode, Quad

from kg.extract.text.model import KIND_OF_CLASS
from kg.extract.text.spans import norm


class Gazetteer:
    """Names of known entities -> IRIs, built from curated data (rdfs:label, skos:altLabel, rdf:type)."""

    def __init__(self, entries: dict[str, set[tuple[str, str]]] | None = None) -> None:
        self.entries = entries or {}   # norm(name) -> {(iri, kind)}

    def add(self, name: str, iri: str, kind: str) -> None:
        self.entries.setdefault(norm(name), set()).add((iri, kind))

    def lookup(self, names: list[str], kind: str) -> tuple[str | None, bool]:
        """(iri, ambiguous): the one entity of `kind` named by any of `names`."""
        found: set[str] = set()
        for n in names:
            for iri, k in self.entries.get(norm(n), ()):
                if k == kind:
                    found.add(iri)
        if len(found) == 1:
            return found.pop(), False
        return None, len(found) > 1

    def __len__(self) -> int:
        return len(self.entries)

    @classmethod
    def from_quads(cls, quads: Iterable[Quad]) -> "Gazetteer":
        """From any quads (e.g. the tabular extractor's): rdfs:label and skos:altLabel of typed subjects."""
        names = NameCollector()
        for _ in names.watch(quads):
            pass
        return names.gazetteer()

    @classmethod
    def from_tables(cls, settings) -> "Gazetteer":
        """From the curated tables of the settings (what `kg extract` links mentions to)."""
        from kg.extract.tabular import TabularExtractor

        return cls.from_quads(TabularExtractor(settings.data_dirs, settings).extract())

    @classmethod
    def from_store(cls, store) -> "Gazetteer":
        """From a pyoxigraph store (all graphs)."""
        return cls.from_quads(q for p in (_RDFS_LABEL, _SKOS_ALT, _RDF_TYPE)
                              for q in store.quads_for_pattern(None, _named(p), None, None))


class NameCollector:
    """Collects the names of typed entities from quads as they pass, so that a build that streams its tabular
    quads into the store gets its gazetteer from that one extraction, not from a second run."""

    def __init__(self) -> None:
        self.names: dict[str, list[str]] = {}
        self.kinds: dict[str, str] = {}

    def watch(self, quads: Iterable[Quad]) -> Iterator[Quad]:
        for q in quads:
            p = q.predicate.value
            if p in (_RDFS_LABEL, _SKOS_ALT) and hasattr(q.object, "language"):
                self.names.setdefault(q.subject.value, []).append(q.object.value)
            elif p == _RDF_TYPE and q.object.value.startswith(_JPOW):
                kind = KIND_OF_CLASS.get(q.object.value[len(_JPOW):])
                if kind:
                    self.kinds[q.subject.value] = kind
            yield q

    def gazetteer(self) -> Gazetteer:
        gaz = Gazetteer()
        for iri, ns in self.names.items():
            if iri in self.kinds:
                for n in ns:
                    gaz.add(n, iri, self.kinds[iri])
        return gaz


_JPOW = "https://w3id.org/jpow-kg/ontology#"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _named(iri: str) -> NamedNode:
    return NamedNode(iri)

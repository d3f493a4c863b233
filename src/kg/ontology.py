"""The ontology as the code needs it: declared terms and the class hierarchy, read from `ontology/*.ttl`."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, Store

from kg.vocab import OWL, RDF, RDFS


class Ontology:
    def __init__(self, ontology_dir: Path) -> None:
        self.store = Store()
        files = sorted(ontology_dir.glob("*.ttl"))
        if not files:
            raise FileNotFoundError(f"no ontology Turtle files in {ontology_dir}")
        for f in files:
            self.store.load(path=str(f), format=RdfFormat.TURTLE)

    @cached_property
    def _superclasses(self) -> dict[str, set[str]]:
        """Reflexive-transitive rdfs:subClassOf closure over named classes."""
        direct: dict[str, set[str]] = {}
        for q in self.store.quads_for_pattern(None, RDFS.subClassOf, None):
            if isinstance(q.subject, NamedNode) and isinstance(q.object, NamedNode):
                direct.setdefault(q.subject.value, set()).add(q.object.value)
        for q in self.store.quads_for_pattern(None, RDF.type, OWL.Class):
            if isinstance(q.subject, NamedNode):
                direct.setdefault(q.subject.value, set())
        closure: dict[str, set[str]] = {}

        def up(c: str, seen: set[str]) -> set[str]:
            if c in closure:
                return closure[c]
            result = {c}
            for parent in direct.get(c, ()):
                if parent not in seen:
                    result |= up(parent, seen | {c})
            closure[c] = result
            return result

        for c in direct:
            up(c, set())
        return closure

    def is_class(self, iri: str) -> bool:
        return iri in self._superclasses

    def is_subclass(self, sub: str, sup: str) -> bool:
        return sup in self._superclasses.get(sub, ())

    def subclasses(self, sup: str) -> set[str]:
        return {c for c, ups in self._superclasses.items() if sup in ups}

    def is_declared(self, iri: str) -> bool:
        return any(True for _ in self.store.quads_for_pattern(NamedNode(iri), RDF.type, None))

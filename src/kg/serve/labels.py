"""Choosing a label in the reader's language (Accept-Language), and the ontology's own labels."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pyoxigraph import Literal, NamedNode, RdfFormat, parse

from kg.serve.negotiation import best_language, language_priority
from kg.vocab import RDFS, SKOS


def languages(accept_language: str | None) -> list[str]:
    """Language ranges from `Accept-Language`, best first, then English and untagged as fallbacks
    (`kg.serve.negotiation.language_priority`)."""
    return language_priority(accept_language, fallbacks=("en", ""))


def pick(literals: list[Literal], langs: list[str]) -> Literal | None:
    """The literal whose language best matches (`kg.serve.negotiation.best_language`: exactly, else `ja` finds
    `ja-Latn`, else `ru-RU` finds `ru`); else the first."""
    if not literals:
        return None
    tags = [lit.language or "" for lit in literals]
    chosen = best_language(langs, tags)
    return literals[0] if chosen is None else literals[tags.index(chosen)]


def local_name(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri:
            tail = iri.rsplit(sep, 1)[1]
            if tail:
                return tail
    return iri


@lru_cache(maxsize=4)
def ontology_labels(path: Path) -> dict[str, list[Literal]]:
    """rdfs:label / skos:prefLabel of every term in the ontology file (empty when the file is absent)."""
    labels: dict[str, list[Literal]] = {}
    if not path.exists():
        return labels
    for quad in parse(path=str(path), format=RdfFormat.TURTLE):
        if quad.predicate in (RDFS.label, SKOS.prefLabel) and isinstance(quad.subject, NamedNode):
            if isinstance(quad.object, Literal):
                labels.setdefault(quad.subject.value, []).append(quad.object)
    return labels

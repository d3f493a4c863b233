"""Choosing a label in the reader's language (Accept-Language), and the ontology's own labels."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pyoxigraph import Literal, NamedNode, RdfFormat, parse

from kg.vocab import RDFS, SKOS


def languages(accept_language: str | None) -> list[str]:
    """Language ranges from `Accept-Language`, best first, then English and untagged as fallbacks."""
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate((accept_language or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        tag = fields[0].lower()
        if not tag or tag == "*":
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, index, tag))
    tags = [t for _, _, t in sorted(ranked)]
    for fallback in ("en", ""):
        if fallback not in tags:
            tags.append(fallback)
    return tags


def pick(literals: list[Literal], langs: list[str]) -> Literal | None:
    """The literal whose language best matches: exactly, else by primary subtag (`ru-RU` finds `ru`, `ja`
    finds `ja-Latn`); else any."""
    if not literals:
        return None
    for wanted in langs:
        for lit in literals:
            if (lit.language or "").lower() == wanted:
                return lit
        for lit in literals:
            tag = (lit.language or "").lower()
            if wanted and tag.split("-")[0] == wanted.split("-")[0]:
                return lit
    return literals[0]


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

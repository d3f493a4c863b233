"""Namespaces and ontology terms as pyoxigraph nodes.

`tests/test_vocab.py` checks that every `jpow:` term used by the code is declared in `ontology/jpow.ttl`.
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from kg.config import ONTOLOGY_NS


class Namespace:
    """`NS.term` and `NS["term"]` give a NamedNode; `NS.iri` is the namespace IRI."""

    def __init__(self, iri: str) -> None:
        self.iri = iri
        self._cache: dict[str, NamedNode] = {}

    def __getitem__(self, local: str) -> NamedNode:
        node = self._cache.get(local)
        if node is None:
            node = self._cache[local] = NamedNode(self.iri + local)
        return node

    def __getattr__(self, local: str) -> NamedNode:
        if local.startswith("_"):
            raise AttributeError(local)
        return self[local]


JPOW = Namespace(ONTOLOGY_NS)
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
OA = Namespace("http://www.w3.org/ns/oa#")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES: dict[str, Namespace] = {
    "jpow": JPOW,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "prov": PROV,
    "dcterms": DCTERMS,
    "geo": GEO,
    "oa": OA,
}


def expand_curie(curie: str) -> NamedNode:
    """`jpow:Person` -> NamedNode; raises ValueError naming the known prefixes."""
    prefix, sep, local = curie.partition(":")
    if not sep or prefix not in PREFIXES:
        raise ValueError(f"unknown prefix in {curie!r}; known prefixes: {', '.join(sorted(PREFIXES))}")
    return PREFIXES[prefix][local]


def sparql_prologue() -> str:
    """PREFIX lines for every namespace above, for queries written in code or typed by users."""
    return "".join(f"PREFIX {p}: <{ns.iri}>\n" for p, ns in PREFIXES.items())

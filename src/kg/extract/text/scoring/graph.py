"""What the scorer reads: the vocabulary of gold types, text normalisation, loading DUMPs, context and ontology
into one store, and the `Graph` of classes, names, numbers and the DUMPs' own quads (rules in the package
docstring; vendored from ../shared/tools/gold_score.py, unchanged in what it computes)."""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_TYPE = RDF + "type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SUBCLASS = RDFS + "subClassOf"
RDFS_LABEL = RDFS + "label"
OWL = "http://www.w3.org/2002/07/owl#"
EQUIV = OWL + "equivalentClass"
META = (RDF, RDFS, OWL, "http://www.w3.org/ns/shacl#")  # classes of these vocabularies are no entity types
PROV = "http://www.w3.org/ns/prov#"
DCT_SOURCE = "http://purl.org/dc/terms/source"
CONTEXT = ox.NamedNode("urn:x-context")
ONTOLOGY = ox.NamedNode("urn:x-ontology")
KEYWORDS: dict[str, list[str]] = {
    "Person": ["person", "human", "individual", "people", "prisoner", "internee", "soldier"],
    "Camp": ["camp"],
    "Decree": ["decree", "resolution", "legal", "law", "act", "treaty", "declaration", "convention", "order",
               "legislation", "article", "agreement", "directive", "ordinance", "regulation", "instrument"],
    "Event": ["event", "activity", "happening", "process", "war", "period"],
    "Organization": ["organization", "organisation", "group", "institution", "body", "party", "army", "enterprise",
                     "university", "archive", "commission", "agency", "government", "ministry", "corporate"],
    "Place": ["place", "location", "region", "city", "country", "settlement", "spatial", "territory", "area",
              "state", "feature"],
    "Publication": ["publication", "book", "article", "document", "work", "source", "edition", "monograph",
                    "bibliographic", "collection", "text", "expression", "manifestation", "list"],
    "Statistic": ["statistic", "quantity", "observation", "count", "figure", "measurement", "dimension", "number",
                  "value"],
}
KEYWORD_RE = {t: re.compile(r"\b(?:" + "|".join(ks) + r")(?:s|es)?\b") for t, ks in KEYWORDS.items()}
DESCRIBED = {"Event", "Decree", "Publication"}  # labels that are descriptions: containment allowed
LABELISH = ("label", "name", "alias", "title")
NUMERIC = ("#integer", "#decimal", "#double", "#float", "#int", "#long", "#nonNegativeInteger", "#positiveInteger")
NOT_EDGES = (RDF_TYPE, DCT_SOURCE, SUBCLASS, EQUIV)
HUB = 12
STOP = {"the", "of", "in", "a", "an", "and", "to", "for", "on", "at", "by", "from", "with"}
GOLD_META = {"id", "type", "label", "surface_forms", "surface_form_languages", "evidence", "ambiguous", "optional",
             "note"}


def norm(s: str) -> str:
    s = re.sub(r"^\s*(?:[Tt]he\s+|[Aa]n?\s+(?=[a-z]))", "", unicodedata.normalize("NFKC", s))
    s = s.lower().replace("№", " no ").replace("n°", " no ")
    s = re.sub(r"[\"'«»“”„`’‘]", "", s)
    s = re.sub(r"[^\w%.]+", " ", s)
    s = re.sub(r"\b(no|n|nr|num)\.?\s+(?=\d)", "no ", s)
    s = s.replace(".", " ")
    return re.sub(r"\s+", " ", s).strip()


def contains(a: str, b: str) -> bool:
    """One normalised text inside the other at word boundaries, both at least 8 characters."""
    return len(a) >= 8 and len(b) >= 8 and (f" {a} " in f" {b} " or f" {b} " in f" {a} ")


def local(iri: str) -> str:
    return re.split(r"[#/]", iri.strip("<>").rstrip("/#"))[-1]


@dataclass(frozen=True)
class Dump:
    """An RDF serialisation held in memory (what a file DUMP would hold), for callers that have no file."""

    data: bytes
    format: ox.RdfFormat = ox.RdfFormat.TRIG


DumpSource = Dump | str | os.PathLike[str]


def _fmt(p: Path) -> ox.RdfFormat:
    return ox.RdfFormat.from_extension(p.suffix.lstrip(".")) or ox.RdfFormat.TRIG


def _bulk_load(store: ox.Store, source: DumpSource) -> None:
    if isinstance(source, Dump):
        store.bulk_load(source.data, source.format)
    else:
        p = Path(source)
        store.bulk_load(path=str(p), format=_fmt(p))


def load(paths: Iterable[DumpSource], ontology_dir: str | os.PathLike[str] | None,
         context: Iterable[DumpSource] = ()) -> ox.Store:
    """One store: the DUMPs as they are, each context dump in the graph CONTEXT, the ontology in ONTOLOGY."""
    store = ox.Store()
    for p in paths:
        _bulk_load(store, p)
    for p in context:
        tmp = ox.Store()
        _bulk_load(tmp, p)
        store.extend(ox.Quad(q.subject, q.predicate, q.object, CONTEXT)
                     for q in tmp.quads_for_pattern(None, None, None, None))
    if ontology_dir:
        for f in Path(ontology_dir).rglob("*"):
            if f.suffix in (".ttl", ".nt", ".trig", ".owl", ".rdf", ".jsonld") and f.is_file():
                fmt = ox.RdfFormat.from_extension(f.suffix.lstrip("."))
                try:
                    store.bulk_load(path=str(f), format=fmt, to_graph=ONTOLOGY)
                except Exception as e:  # noqa: BLE001 - report, keep scoring
                    print(f"warning: {f}: {e}", file=sys.stderr)
    return store


class Graph:
    """What the scorer reads from the store: classes, names, numbers, and the DUMPs' own quads."""

    def __init__(self, store: ox.Store) -> None:
        self.sup: dict[str, set[str]] = {}
        self.class_labels: dict[str, list[str]] = {}
        self.types: dict[str, set[str]] = {}
        self.names: dict[str, set[str]] = {}
        self.numbers: dict[str, set[float]] = {}
        for q in store.quads_for_pattern(None, None, None, None):
            s, p, o = q.subject, q.predicate.value, q.object
            if not isinstance(s, (ox.NamedNode, ox.BlankNode)):
                continue
            key = str(s)
            if p in (SUBCLASS, EQUIV) and isinstance(o, ox.NamedNode):
                self.sup.setdefault(s.value, set()).add(o.value)
            if p == RDF_TYPE and isinstance(o, ox.NamedNode):
                self.types.setdefault(key, set()).add(o.value)
            elif isinstance(o, ox.Literal):
                if p == RDFS_LABEL:
                    self.class_labels.setdefault(s.value, []).append(o.value)
                if any(w in local(p).lower() for w in LABELISH):
                    self.names.setdefault(key, set()).add(norm(o.value))
                if (o.datatype.value if o.datatype else "").endswith(NUMERIC):
                    try:
                        self.numbers.setdefault(key, set()).add(float(o.value))
                    except ValueError:
                        pass
        # ontology terms (classes, properties, units, qualifiers) are not instances
        self.onto_terms: set[str] = set(self.sup) | {
            str(q.subject) for q in store.quads_for_pattern(None, None, None, ONTOLOGY)}
        self.scored: list[ox.Quad] = [q for q in store.quads_for_pattern(None, None, None, None)
                                      if q.graph_name not in (CONTEXT, ONTOLOGY)]
        self.extracted: set[str] = set()
        sources: set[str] = set()
        linked: set[str] = set()
        for q in self.scored:
            p, node_object = q.predicate.value, isinstance(q.object, (ox.NamedNode, ox.BlankNode))
            if p == DCT_SOURCE or p.startswith(PROV):
                if node_object:
                    sources.add(str(q.object))
                if p.startswith(PROV):
                    continue
            if p == RDF_TYPE:
                continue
            self.extracted.add(str(q.subject))
            if p != DCT_SOURCE and node_object:
                self.extracted.add(str(q.object))
                linked |= {str(q.subject), str(q.object)}
        # the document the facts came from is no entity of its own, unless the DUMPs link it to something
        self.extracted -= sources - linked
        self._class_types: dict[str, set[str]] = {}

    def class_types(self, c: str, visiting: frozenset[str] = frozenset()) -> set[str]:
        """Gold types of a class (rule in the package docstring)."""
        if c in self._class_types:
            return self._class_types[c]
        if c.startswith(META) or c in visiting:
            return set()
        words = " ".join([re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|[_-]", " ", local(c))]
                         + self.class_labels.get(c, [])).lower()
        words = re.sub(r"[^\w]+", " ", words)
        out = {t for t, rx in KEYWORD_RE.items() if rx.search(words)}
        inherited = [self.class_types(s, visiting | {c}) for s in sorted(self.sup.get(c, ()))]
        if not out:
            out = set().union(*inherited)
        for ts in inherited:  # several types named: keep those a superclass names too
            if len(out) > 1 and out & ts:
                out &= ts
        self._class_types[c] = out
        return out

    def gold_types(self, key: str) -> set[str]:
        return set().union(*(self.class_types(c) for c in self.types.get(key, ())))

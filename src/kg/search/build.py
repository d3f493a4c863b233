"""Writing the label index of a built store: `write_index(store, directory, base)`.

One SQLite file (`search.sqlite`) in the build directory, so it is switched with the store. Tables:
`entity` (IRI, asserted type, all types with superclasses, knowledge = triples about it, labels per language
as JSON, a comment for snippets, years), `term` (one searchable string per row: `kind` 0 = normalised text,
1 = phonetic name key; B-tree on (kind, norm) for exact and prefix look-ups) and `term_fts` (FTS5, trigram
tokenizer, over the text terms: substring and typo candidates). Terms of an entity: rdfs:label, skos:altLabel,
jpow:familyName, jpow:givenName, jpow:number ("99", "camp 99", "лагерь 99"), jpow:birthYear; for persons and
person records also every script of `kg.names.labels`, family/given swapped, and the phonetic keys.
A linked person's knowledge (and birth years) counts its records' too, so it ranks above each of them."""

from __future__ import annotations

import json
import sqlite3
import time
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Store

from kg.names import labels
from kg.vocab import JPOW, RDF, RDFS, SKOS

from .text import name_key, normalize

INDEX_FILE = "search.sqlite"
TEXT, KEY = 0, 1
NAME_PREDICATES = (RDFS.label, SKOS.altLabel, JPOW.familyName, JPOW.givenName)
PERSON_TYPES = {"Person", "PersonRecord"}
NUMBER_WORDS = ("camp", "лагерь", "№")
KNOWLEDGE = "SELECT ?s (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), {prefix})) }} GROUP BY ?s"

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE entity(id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE, type TEXT NOT NULL, types TEXT NOT NULL,
                    knowledge INTEGER NOT NULL, labels TEXT NOT NULL, comment TEXT, years TEXT);
CREATE TABLE term(id INTEGER PRIMARY KEY, entity INTEGER NOT NULL, kind INTEGER NOT NULL, norm TEXT NOT NULL,
                  text TEXT NOT NULL);
CREATE VIRTUAL TABLE term_fts USING fts5(norm, content='term', content_rowid='id', tokenize='trigram');
"""


@dataclass
class IndexStats:
    entities: int
    terms: int
    bytes: int
    seconds: float

    def format(self) -> str:
        return (f"Search index: {self.entities:,} entities, {self.terms:,} terms, {self.bytes / 1e6:.1f} MB, "
                f"in {self.seconds:.1f} s.")


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _superclasses(store: Store) -> dict[str, set[str]]:
    """Class local name -> itself and every superclass (rdfs:subClassOf*, in any graph)."""
    parents: dict[str, set[str]] = defaultdict(set)
    for q in store.quads_for_pattern(None, RDFS.subClassOf, None, None):
        if isinstance(q.object, NamedNode):
            parents[_local(q.subject.value)].add(_local(q.object.value))
    closure: dict[str, set[str]] = {}

    def up(cls: str, seen: frozenset[str] = frozenset()) -> set[str]:
        if cls not in closure:
            found = {cls}
            for p in parents.get(cls, ()):
                if p not in seen:
                    found |= up(p, seen | {cls})
            closure[cls] = found
        return closure[cls]

    for cls in list(parents):
        up(cls)
    return closure


class _Entities:
    """What the index keeps per entity, collected from the store in a few pattern scans."""

    def __init__(self, store: Store, base: str) -> None:
        self.prefix = base + "id/"
        self.types: dict[str, list[str]] = defaultdict(list)
        self.labels: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.names: dict[str, set[str]] = defaultdict(set)
        self.extra: dict[str, set[str]] = defaultdict(set)
        self.years: dict[str, set[str]] = defaultdict(set)
        self.comment: dict[str, str] = {}
        for q in self._pattern(store, RDF.type):
            if _local(q.object.value) not in self.types[q.subject.value]:
                self.types[q.subject.value].append(_local(q.object.value))
        for predicate in NAME_PREDICATES:
            for q in self._pattern(store, predicate):
                if isinstance(q.object, Literal):
                    self.names[q.subject.value].add(q.object.value)
                    if predicate == RDFS.label:
                        tag = q.object.language or ""
                        if q.object.value not in self.labels[q.subject.value][tag]:
                            self.labels[q.subject.value][tag].append(q.object.value)
        for q in self._pattern(store, JPOW.number):
            n = q.object.value
            self.extra[q.subject.value] |= {n} | {f"{w} {n}" for w in NUMBER_WORDS}
        for q in self._pattern(store, JPOW.birthYear):
            self.years[q.subject.value].add(q.object.value[:4])
        for q in self._pattern(store, RDFS.comment):
            if isinstance(q.object, Literal) and (q.object.language or "en").startswith("en"):
                self.comment.setdefault(q.subject.value, q.object.value)
        self.knowledge = {r["s"].value: int(r["n"].value) for r in store.query(
            KNOWLEDGE.format(prefix=Literal(self.prefix)), use_default_graph_as_union=True)}
        for q in self._pattern(store, JPOW.recordOf):  # a person knows what its records know
            person, record = q.object.value, q.subject.value
            self.knowledge[person] = self.knowledge.get(person, 0) + self.knowledge.get(record, 0)
            self.years[q.object.value] |= self.years.get(q.subject.value, set())

    def _pattern(self, store: Store, predicate: NamedNode):
        return (q for q in store.quads_for_pattern(None, predicate, None, None)
                if isinstance(q.subject, NamedNode) and q.subject.value.startswith(self.prefix))


@lru_cache(maxsize=1 << 18)  # a registry repeats its names: read each spelling once
def name_labels(name: str) -> tuple[str, ...]:
    """A name written in every script kg.names knows (kanji readings, kana, Hepburn, Polivanov)."""
    return tuple(labels(name).values())


def _terms(names: set[str], extra: set[str], years: set[str], person: bool,
           spell: bool) -> tuple[dict[str, str], set[str]]:
    """({normalised text: as written}, {phonetic keys}) of one entity; `spell`: add its names in every script."""
    texts: dict[str, str] = {}
    keys: set[str] = set()
    written = set(names)
    if person:
        for name in names if spell else ():
            written |= set(name_labels(name))
        for name in list(written):
            parts = name.split()
            if len(parts) == 2:
                written.add(f"{parts[1]} {parts[0]}")
        for name in names:  # a key is the same in every script, so the names as written give them all
            parts = name.split()
            keys |= {name_key(name), name_key(" ".join(reversed(parts)))} if len(parts) == 2 else {name_key(name)}
        keys.discard("")
    for text in sorted(written | extra | years):
        norm = normalize(text)
        if norm:
            texts.setdefault(norm, text)
    return texts, keys


def write_index(store: Store, directory: Path, base: str) -> IndexStats:
    """Write `directory/search.sqlite` from `store` (replacing any); the server opens it read-only."""
    start = time.monotonic()
    path = Path(directory) / INDEX_FILE
    path.unlink(missing_ok=True)
    found = _Entities(store, base)
    supers = _superclasses(store)
    db = sqlite3.connect(path)
    try:
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        db.execute("INSERT INTO meta VALUES ('base', ?)", (base,))
        entities = terms = 0
        for iri in sorted(set(found.names) | set(found.extra)):
            types = found.types.get(iri) or ["Thing"]
            closure = sorted(set().union(*(supers.get(t, {t}) for t in types)))
            person = bool(PERSON_TYPES & set(closure))
            # a record keeps its script: its phonetic keys find it from any other, and its linked person (which
            # the linkage labels in every script) ranks above it; spelling 1.3M records out costs most of the index
            spell = person and "PersonRecord" not in types
            texts, keys = _terms(found.names.get(iri, set()), found.extra.get(iri, set()),
                                 found.years.get(iri, set()), person, spell)
            if not texts:
                continue
            labels = found.labels.get(iri) or {"": sorted(found.names.get(iri, set()) or texts.values())[:1]}
            entities += 1
            cur = db.execute("INSERT INTO entity(iri, type, types, knowledge, labels, comment, years) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?)",
                             (iri, types[0], " ".join(closure), found.knowledge.get(iri, 0),
                              json.dumps(labels, ensure_ascii=False), found.comment.get(iri),
                              " ".join(sorted(found.years.get(iri, ())))))
            rows = [(cur.lastrowid, TEXT, norm, text) for norm, text in texts.items()]
            rows += [(cur.lastrowid, KEY, key, key) for key in sorted(keys)]
            db.executemany("INSERT INTO term(entity, kind, norm, text) VALUES (?, ?, ?, ?)", rows)
            terms += len(rows)
        all_types = sorted({t for (ts,) in db.execute("SELECT DISTINCT types FROM entity") for t in ts.split()})
        db.execute("INSERT INTO meta VALUES ('types', ?)", (json.dumps(all_types),))
        db.execute(f"INSERT INTO term_fts(rowid, norm) SELECT id, norm FROM term WHERE kind = {TEXT}")
        db.execute("CREATE INDEX term_norm ON term(kind, norm)")
        db.execute("CREATE INDEX entity_type ON entity(type)")
        db.commit()
        db.execute("VACUUM")
    finally:
        db.close()
    return IndexStats(entities, terms, path.stat().st_size, time.monotonic() - start)

"""Writing the label index of a build: `write_entities(feed, store, directory)` from the facts an `IndexFeed`
took from the quads as they were loaded, or `write_index(store, directory, base)` for a store already built.

One SQLite file (`search.sqlite`) in the build directory, so it is switched with the store. Tables:
`entity` (IRI, asserted type, all types with superclasses, knowledge = distinct facts about it, labels per
language as JSON, a comment for snippets, years), `term` (one searchable string per row: `kind` 0 = normalised text,
1 = phonetic name key; its entity's knowledge again, so the B-tree on (kind, norm, knowledge) gives an exact
look-up's best known entities first and a prefix look-up its shortest completions) and `term_fts` (FTS5, trigram
tokenizer, over the text terms: substring and typo candidates). What the terms of an entity are: `terms`."""

from __future__ import annotations

import json
import sqlite3
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import NamedNode, Store

from kg.vocab import RDFS

from .feed import BATCH, IndexFeed, local_name
from .terms import terms
from .text import deletes

INDEX_FILE = "search.sqlite"
FORMAT = 2  # the tables' layout; an index of another layout (an older kg's build) is refused, not misread
FEED_FILE = "search-feed.sqlite"
TEXT, KEY = 0, 1
PERSON_TYPES = {"Person"}  # (a person record is no entity of the index: its person takes its names)
FUZZY_MIN = 5  # words this long may carry a typo (kg.search.index)

SCHEMA = """
PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE entity(id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE, type TEXT NOT NULL, types TEXT NOT NULL,
                    knowledge INTEGER NOT NULL, labels TEXT NOT NULL, comment TEXT, years TEXT);
CREATE TABLE term(id INTEGER PRIMARY KEY, entity INTEGER NOT NULL, kind INTEGER NOT NULL, norm TEXT NOT NULL,
                  text TEXT NOT NULL, knowledge INTEGER NOT NULL);
CREATE VIRTUAL TABLE term_fts USING fts5(norm, content='term', content_rowid='id', tokenize='trigram');
CREATE TABLE near(del TEXT NOT NULL, word TEXT NOT NULL);
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


def _superclasses(store: Store) -> dict[str, set[str]]:
    """Class local name -> itself and every superclass (rdfs:subClassOf*, in any graph)."""
    parents: dict[str, set[str]] = defaultdict(set)
    for q in store.quads_for_pattern(None, RDFS.subClassOf, None, None):
        if isinstance(q.object, NamedNode):
            parents[local_name(q.subject.value)].add(local_name(q.object.value))
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


def open_feed(directory: Path, base: str) -> IndexFeed:
    """The feed a build's quads pass through, staged in its build directory."""
    return IndexFeed(Path(directory) / FEED_FILE, base)


def write_entities(feed: IndexFeed, store: Store, directory: Path) -> IndexStats:
    """Write `directory/search.sqlite` (replacing any) from what `feed` collected; `store` gives the class
    hierarchy. The server opens the file read-only."""
    start = time.monotonic()
    path = Path(directory) / INDEX_FILE
    path.unlink(missing_ok=True)
    supers = _superclasses(store)
    db = sqlite3.connect(path)
    try:
        db.executescript(SCHEMA)
        db.executemany("INSERT INTO meta VALUES (?, ?)", [("base", feed.base), ("format", str(FORMAT))])
        entities = n_terms = 0
        words: set[str] = set()  # the long words of the texts, for typos (`near`: each with its deletions)
        rows: list[tuple[int, int, str, str, int]] = []
        found: list[tuple] = []
        for facts in feed.entities():
            types = facts.types or ["Thing"]
            closure = sorted(set().union(*(supers.get(t, {t}) for t in types)))
            texts, keys = terms(facts, bool(PERSON_TYPES & set(closure)))
            if not texts:
                continue
            labels = facts.labels or {"": sorted(facts.names or texts.values())[:1]}
            entities += 1
            found.append((entities, facts.iri, types[0], " ".join(closure), facts.knowledge,
                          json.dumps(labels, ensure_ascii=False), facts.comment, " ".join(sorted(facts.years))))
            rows += [(entities, TEXT, norm, text, facts.knowledge) for norm, text in texts.items()]
            words.update(w for norm in texts for w in norm.split() if len(w) >= FUZZY_MIN)
            rows += [(entities, KEY, key, name, facts.knowledge) for key, name in sorted(keys.items())]
            if len(rows) >= BATCH:
                n_terms += _insert(db, found, rows)
        n_terms += _insert(db, found, rows)
        all_types = sorted({t for (ts,) in db.execute("SELECT DISTINCT types FROM entity") for t in ts.split()})
        db.execute("INSERT INTO meta VALUES ('types', ?)", (json.dumps(all_types),))
        db.execute(f"INSERT INTO term_fts(rowid, norm) SELECT id, norm FROM term WHERE kind = {TEXT}")
        db.executemany("INSERT INTO near VALUES (?, ?)", ((d, w) for w in words for d in deletes(w) | {w}))
        db.execute("CREATE INDEX near_del ON near(del)")
        db.execute("CREATE INDEX term_norm ON term(kind, norm, knowledge DESC)")
        db.execute("CREATE INDEX entity_type ON entity(type)")
        db.commit()
    finally:
        db.close()
    return IndexStats(entities, n_terms, path.stat().st_size, time.monotonic() - start)


def _insert(db: sqlite3.Connection, entities: list[tuple], terms: list[tuple[int, int, str, str, int]]) -> int:
    db.executemany("INSERT INTO entity VALUES (?, ?, ?, ?, ?, ?, ?, ?)", entities)
    db.executemany("INSERT INTO term(entity, kind, norm, text, knowledge) VALUES (?, ?, ?, ?, ?)", terms)
    n = len(terms)
    entities.clear()
    terms.clear()
    return n


def write_index(store: Store, directory: Path, base: str) -> IndexStats:
    """The index of a store already built (its quads read back through a feed): for tests and re-indexing;
    `kg build` feeds the index as it loads."""
    start = time.monotonic()
    with open_feed(directory, base) as feed:
        for _ in feed.watch(store.quads_for_pattern(None, None, None, None)):
            pass
        stats = write_entities(feed, store, directory)
    stats.seconds = time.monotonic() - start
    return stats

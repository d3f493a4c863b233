"""What the label index needs, taken from the quads as the build loads them: `IndexFeed.watch(quads)`.

Reading a finished store back into Python costs ~9 µs a quad (some 15M quads of names, types and years at 600k
persons), and holding them per entity in dicts took 7.6 GiB. The quads pass through Python on their way into
the store anyway, so the feed looks at each one there (one predicate look-up) and writes the few it needs as
rows of a staging SQLite file in the build directory, not into memory. `entities()` gives them back one entity
at a time, in IRI order (SQLite sorts on disk). A person record (`jpow:recordOf`) is not an entity of the index:
its person takes its names as the list wrote them (every spelling of every list finds the one person, whose page
shows the records side by side), its birth year and its knowledge.

Knowledge is the number of distinct facts of an entity: distinct (predicate, object) pairs, whatever graph
they are in and however often they were emitted (text extraction repeats a triple across named graphs, and a
repeated quad reaches the feed before the store drops it). Each of the entity's quads is staged as a 64-bit hash
of its predicate and object (`said`, beside the run of quads of its subject it came in), and SQLite counts them
DISTINCT per IRI on disk after the load: no set of every triple is held in Python."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Self

from pyoxigraph import Literal, NamedNode, Quad

from kg.vocab import JPOW, RDF, RDFS, SKOS

LABEL, ALT, NAME, TYPE, YEAR, NUMBER, COMMENT, RECORD_OF, KNOWLEDGE, RECORD_NAME = range(10)
KINDS = {RDFS.label: LABEL, SKOS.altLabel: ALT, JPOW.familyName: NAME, JPOW.givenName: NAME, RDF.type: TYPE,
         JPOW.birthYear: YEAR, JPOW.number: NUMBER, RDFS.comment: COMMENT, JPOW.recordOf: RECORD_OF}
BATCH = 50_000

SCHEMA = """
PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=FILE; PRAGMA cache_size=-262144;
CREATE TABLE fact(iri TEXT NOT NULL, kind INTEGER NOT NULL, lang TEXT NOT NULL, value NOT NULL);
CREATE TABLE run(id INTEGER PRIMARY KEY, iri TEXT NOT NULL);
CREATE TABLE said(run INTEGER NOT NULL, fact INTEGER NOT NULL);
"""
# after the load: a subject's distinct facts counted (over all its runs), then what persons borrow from records
DERIVE = f"""
INSERT INTO fact SELECT r.iri, {KNOWLEDGE}, '', COUNT(DISTINCT s.fact) FROM said s JOIN run r ON r.id = s.run
    GROUP BY r.iri;
DROP TABLE said;
DROP TABLE run;
CREATE INDEX fact_iri ON fact(iri, kind);
INSERT INTO fact SELECT r.value, {KNOWLEDGE}, '', k.value FROM fact r
    JOIN fact k ON k.iri = r.iri AND k.kind = {KNOWLEDGE} WHERE r.kind = {RECORD_OF};
INSERT INTO fact SELECT r.value, IIF(y.kind = {YEAR}, {YEAR}, {RECORD_NAME}), '', y.value FROM fact r
    JOIN fact y ON y.iri = r.iri AND y.kind IN ({YEAR}, {LABEL}, {ALT}, {NAME}) WHERE r.kind = {RECORD_OF};
CREATE TABLE named AS SELECT DISTINCT iri FROM fact WHERE kind IN ({LABEL}, {ALT}, {NAME}, {NUMBER})
    EXCEPT SELECT iri FROM fact WHERE kind = {RECORD_OF} ORDER BY iri;
"""
ENTITIES = "SELECT f.iri, f.kind, f.lang, f.value FROM named n JOIN fact f ON f.iri = n.iri ORDER BY n.iri, f.kind"


@dataclass
class Facts:
    """What the index keeps of one entity."""

    iri: str
    types: list[str] = field(default_factory=list)  # local names, as asserted
    labels: dict[str, list[str]] = field(default_factory=dict)  # rdfs:label by language tag ("" untagged)
    names: set[str] = field(default_factory=set)  # labels, alt labels, family and given names as written
    numbers: set[str] = field(default_factory=set)
    years: set[str] = field(default_factory=set)
    comment: str | None = None
    knowledge: int = 0


def local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


class IndexFeed:
    """Collects the index's facts of the entities under `base`id/ from the quads it watches; a context manager
    that deletes its staging file on leaving."""

    def __init__(self, path: Path, base: str) -> None:
        self.path = Path(path)
        self.path.unlink(missing_ok=True)
        self.base, self.prefix = base, base + "id/"
        self.db = sqlite3.connect(self.path, check_same_thread=False)   # fed by the load, read by the index writer
        self.db.executescript(SCHEMA)
        self.facts: list[tuple[str, int, str, object]] = []
        self.runs: list[tuple[int, str]] = []  # (run id, subject IRI): a stretch of quads of one subject
        self.said: list[tuple[int, int]] = []  # (run id, hash of predicate and object): one per quad of a run
        self.run_id = 0

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.db.close()
        self.path.unlink(missing_ok=True)

    def watch(self, quads: Iterable[Quad]) -> Iterator[Quad]:
        """Pass `quads` through, keeping what the index needs of them."""
        prefix, kinds, facts, runs, said = self.prefix, KINDS, self.facts, self.runs, self.said
        last: object = None
        iri: str | None = None
        run = self.run_id
        for q in quads:
            yield q
            subject = q.subject
            if subject != last:
                last = subject
                iri = subject.value if isinstance(subject, NamedNode) and subject.value.startswith(prefix) else None
                if len(facts) >= BATCH or len(said) >= BATCH:
                    self._flush()
                if iri is not None:
                    run += 1
                    runs.append((run, iri))
            if iri is None:
                continue
            said.append((run, hash((q.predicate, q.object))))  # the fact, whatever graph it came in
            kind = kinds.get(q.predicate)
            if kind is None:
                continue
            o = q.object
            if kind == TYPE or kind == RECORD_OF:
                facts.append((iri, kind, "", local_name(o.value) if kind == TYPE else o.value))
            elif isinstance(o, Literal):
                value = o.value[:4] if kind == YEAR else o.value
                facts.append((iri, kind, o.language or "", value))
        self.run_id = run
        self._flush()

    def _flush(self) -> None:
        self.db.executemany("INSERT INTO fact VALUES (?, ?, ?, ?)", self.facts)
        self.db.executemany("INSERT INTO run VALUES (?, ?)", self.runs)
        self.db.executemany("INSERT INTO said VALUES (?, ?)", self.said)
        self.facts.clear()
        self.runs.clear()
        self.said.clear()

    def entities(self) -> Iterator[Facts]:
        """Every entity with a name, a label or a number (but person records), in IRI order."""
        self._flush()
        self.db.executescript(DERIVE)
        for iri, group in groupby(self.db.execute(ENTITIES), key=lambda r: r[0]):
            facts = Facts(iri)
            for _, kind, lang, value in group:
                if kind == KNOWLEDGE:
                    facts.knowledge += value
                elif kind == TYPE:
                    if value not in facts.types:
                        facts.types.append(value)
                elif kind == RECORD_NAME:
                    facts.names.add(value)
                elif kind == LABEL or kind == ALT or kind == NAME:
                    facts.names.add(value)
                    if kind == LABEL:
                        tagged = facts.labels.setdefault(lang, [])
                        if value not in tagged:
                            tagged.append(value)
                elif kind == YEAR:
                    facts.years.add(value)
                elif kind == NUMBER:
                    facts.numbers.add(value)
                elif kind == COMMENT and facts.comment is None and (lang or "en").startswith("en"):
                    facts.comment = value
            yield facts

"""Searching the label index (read-only): `SearchIndex(path).search(q, type, limit)` and `.suggest(q, limit)`.

Match quality, best first: exact (the normalised query is a label or name as written) 4, the same sound (its
phonetic key is a name's key: another script, a clerk's variant, a homophone) 3.5, prefix 3, substring (FTS5
trigram) 2, and, when nothing is written or sounds so, the query with one edit in a word of 5 or more characters
(an indexed word found by a shared deletion, checked by Levenshtein distance) 1. The score adds how much the
graph knows of the entity (< 0.5) and 0.5 when a year in the query is the person's birth year, so results rank
by quality, then knowledge."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from .build import FORMAT, FUZZY_MIN, KEY, TEXT
from .text import deletes, fts_phrase, name_key, normalize

EXACT, SAME_SOUND, PREFIX, SUBSTRING, FUZZY = 4, 3.5, 3, 2, 1
VARIANTS = 24  # corrected queries tried at most
SCAN = 500  # prefix and substring matches ranked per query
TYPED_SCAN = 10_000  # ... read, at most, to find them among the entities of one type
YEAR = re.compile(r"^(1[89]\d\d)$")
ENTITY_COLUMNS = "e.id, e.iri, e.type, e.knowledge, e.labels, e.comment"


class UnknownType(ValueError):
    """The type asked for is not the type of anything in the index."""


@dataclass
class Hit:
    iri: str
    type: str
    labels_json: str   # read when asked for: most candidates of a query are never shown
    knowledge: int
    quality: float
    matched: str
    comment: str | None = None
    score: float = field(default=0.0)

    @cached_property
    def labels(self) -> dict[str, list[str]]:
        """rdfs:label by language tag ("" untagged)."""
        return json.loads(self.labels_json)


class SearchIndex:
    """One build's index, opened read-only (immutable: the build never changes after its switch)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path).absolute()
        if not self.path.is_file():
            raise FileNotFoundError(f"no search index at {self.path}: rebuild the store with `kg build`")
        self.db = sqlite3.connect(f"{self.path.as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        meta = dict(self.db.execute("SELECT key, value FROM meta"))
        if meta.get("format") != str(FORMAT):
            self.db.close()
            raise FileNotFoundError(f"the search index at {self.path} was written by another version of kg "
                                    f"(format {meta.get('format', 1)}, this one reads {FORMAT}): rebuild the store "
                                    f"with `kg build`")
        self.types: list[str] = json.loads(meta.get("types", "[]"))

    def close(self) -> None:
        self.db.close()

    def _type_clause(self, type_: str | None) -> tuple[str, tuple[str, ...]]:
        if type_ is None:
            return "", ()
        if type_ not in self.types:
            raise UnknownType(f"unknown type {type_!r}; known types: {', '.join(self.types)}")
        return " AND (' ' || e.types || ' ') LIKE ?", (f"% {type_} %",)

    def _rows(self, sql: str, args: tuple, quality: float, found: dict[int, Hit]) -> None:
        for eid, iri, type_, knowledge, labels, comment, text in self.db.execute(sql, args):
            if eid not in found or found[eid].quality < quality:
                found[eid] = Hit(iri, type_, labels, knowledge, quality, text, comment)

    def _lookup(self, nq: str, key: str, where: str, targs: tuple, limit: int, found: dict[int, Hit],
                substring: bool) -> None:
        select = f"SELECT {ENTITY_COLUMNS}, t.text FROM term t JOIN entity e ON e.id = t.entity"
        # exact: the index (kind, norm, knowledge) gives the best known first, so a common name reads `limit` rows
        order = f" ORDER BY t.knowledge DESC LIMIT {limit}"
        self._rows(f"{select} WHERE t.kind = {TEXT} AND t.norm = ?{where}{order}", (nq, *targs), EXACT, found)
        if key:
            self._rows(f"{select} WHERE t.kind = {KEY} AND t.norm = ?{where}{order}", (key, *targs), SAME_SOUND,
                       found)
        # a short prefix or a common trigram matches a large share of a registry: rank the first SCAN terms (of
        # the type asked for, found among the first TYPED_SCAN), shortest completions first, not all of them
        read = TYPED_SCAN if where else SCAN
        outer = f"WHERE 1{where} ORDER BY t.knowledge DESC LIMIT {limit}"
        self._rows(f"SELECT {ENTITY_COLUMNS}, t.text FROM (SELECT entity, text, knowledge FROM term WHERE kind = "
                   f"{TEXT} AND norm > ? AND norm < ? ORDER BY norm LIMIT {read}) t JOIN entity e ON e.id = t.entity "
                   f"{outer}", (nq, nq + "\U0010ffff", *targs), PREFIX, found)
        # a substring fills the list only when nothing is written or sounds as asked: its trigrams' posting
        # lists are long in a registry (20 ms for a common name at 600k persons), and its hits rank below
        if substring and len(nq) >= 3 and len(found) < limit and all(h.quality < SAME_SOUND for h in found.values()):
            self._rows(f"SELECT {ENTITY_COLUMNS}, t.text FROM (SELECT rowid FROM term_fts WHERE term_fts MATCH ? "
                       f"LIMIT {read}) f JOIN term t ON t.id = f.rowid JOIN entity e ON e.id = t.entity {outer}",
                       (fts_phrase(nq), *targs), SUBSTRING, found)

    def _fuzzy(self, nq: str, where: str, targs: tuple, limit: int, found: dict[int, Hit]) -> None:
        """The query with one of its long words corrected (one edit) to a word of the index, looked up again."""
        words = nq.split()
        variants = [" ".join(words[:i] + [c] + words[i + 1:])
                    for i, w in enumerate(words) if len(w) >= FUZZY_MIN for c in self._corrections(w) if c != w]
        for variant in variants[:VARIANTS]:
            near: dict[int, Hit] = {}
            self._lookup(variant, name_key(variant), where, targs, limit, near, False)
            for eid, hit in near.items():
                if eid not in found:  # one edit away: exactly 1.2, in sound 1.1, by prefix 1
                    hit.quality = FUZZY + round((hit.quality - PREFIX) * 0.2, 2)
                    found[eid] = hit

    def _corrections(self, word: str) -> list[str]:
        probe = sorted(deletes(word) | {word})
        rows = self.db.execute(f"SELECT DISTINCT word FROM near WHERE del IN ({','.join('?' * len(probe))})", probe)
        return sorted(w for (w,) in rows if Levenshtein.distance(word, w, score_cutoff=1) <= 1)

    def search(self, q: str, type_: str | None = None, limit: int = 10) -> list[Hit]:
        where, targs = self._type_clause(type_)
        words = normalize(q).split()
        year = next((w for w in words if YEAR.match(w)), None) if len(words) > 1 else None
        nq = " ".join(w for w in words if w != year)
        found: dict[int, Hit] = {}
        if nq:
            # with a year, more candidates: the one born that year may know less than its namesakes
            fetch = max(limit, 50) if year else limit
            self._lookup(nq, name_key(q if year is None else nq), where, targs, fetch, found, True)
            if (len(found) < limit and all(h.quality < SAME_SOUND for h in found.values())
                    and any(len(w) >= FUZZY_MIN for w in nq.split())):
                self._fuzzy(nq, where, targs, fetch, found)  # when nothing is written or sounds so
        years = {eid: y for eid, y in self.db.execute(
            f"SELECT id, years FROM entity WHERE id IN ({','.join('?' * len(found))})", tuple(found))} if year else {}
        for eid, hit in found.items():
            hit.score = round(hit.quality + (0.5 if year and year in years.get(eid, "").split() else 0)
                              + 0.49 * hit.knowledge / (hit.knowledge + 50), 4)
        return sorted(found.values(), key=lambda h: (-h.score, h.iri))[:limit]

    def suggest(self, q: str, limit: int = 8, type_: str | None = None) -> list[Hit]:
        """Completions of what has been typed: labels that are or begin with it, then contain it."""
        where, targs = self._type_clause(type_)
        nq = normalize(q)
        found: dict[int, Hit] = {}
        if nq:
            self._lookup(nq, "", where, targs, limit, found, True)
        for hit in found.values():
            hit.score = round(hit.quality + 0.49 * hit.knowledge / (hit.knowledge + 50), 4)
        return sorted(found.values(), key=lambda h: (-h.score, h.iri))[:limit]

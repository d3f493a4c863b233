"""The person records of a built store, read as the model's input rows.

A record's name is read from its parts where the list gives them (family and given name, kana first, then
Cyrillic, then kanji), else from its full name (rdfs:label; a kana reading in skos:altLabel comes first). A
camp section counts as its camp (lists write one for the other); a place of origin counts by its name key."""

from __future__ import annotations

from collections.abc import Iterator
from sys import intern
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, Store

from kg.link.features import NameParts, Row, features
from kg.vocab import DCTERMS, JPOW, RDF, RDFS, SKOS

SCRIPT_ORDER = ("ja-hira", "ru", "ja")  # which script's name to compare, best first


@dataclass(slots=True)  # 1.3M of them at 600k persons
class Record:
    iri: str
    list: str = ""
    family: dict[str, str] = field(default_factory=dict)  # language tag -> name as written
    given: dict[str, str] = field(default_factory=dict)
    label: dict[str, str] = field(default_factory=dict)
    birth_year: int | None = None
    unit: str | None = None
    camp: str | None = None
    origin: str | None = None
    death_date: str | None = None

    def name(self) -> NameParts:
        for lang in SCRIPT_ORDER:
            if lang in self.family:
                return NameParts(self.family[lang], self.given.get(lang, ""))
        for lang in SCRIPT_ORDER:
            if lang in self.label:
                return NameParts.of_full(self.label[lang])
        return NameParts("", "")

    def row(self) -> Row:
        return features(self.iri, self.list, self.name(), self.birth_year, self.unit, self.camp, self.origin,
                        self.death_date)


def _lang(term: object) -> str | None:
    return term.language.lower() if isinstance(term, Literal) and term.language else None


def read_records(store: Store) -> dict[str, Record]:
    """Every jpow:PersonRecord of the store (all graphs), by IRI."""
    records = {q.subject.value: Record(q.subject.value)
               for q in store.quads_for_pattern(None, RDF.type, JPOW.PersonRecord, None)}
    if not records:
        return records
    top = {q.subject.value: q.object.value for q in store.quads_for_pattern(None, JPOW.sectionOf, None, None)}

    def values(predicate: NamedNode) -> Iterator[tuple[Record, object]]:
        for q in store.quads_for_pattern(None, predicate, None, None):
            record = records.get(q.subject.value)
            if record is not None:
                yield record, q.object

    # values repeat across records (names, units, camps, lists): one copy each (sys.intern)
    for r, o in values(DCTERMS.source):
        r.list = intern(o.value.rsplit("/", 1)[-1])
    for attribute, predicate in (("family", JPOW.familyName), ("given", JPOW.givenName), ("label", RDFS.label)):
        for r, o in values(predicate):
            if (lang := _lang(o)) is not None:
                getattr(r, attribute)[intern(lang)] = intern(o.value)
    for r, o in values(SKOS.altLabel):
        if _lang(o) == "ja-hira":
            r.label["ja-hira"] = intern(o.value)
    for r, o in values(JPOW.birthYear):
        r.birth_year = int(o.value[:4]) if o.value[:4].isdigit() else None
    for r, o in values(JPOW.memberOf):
        r.unit = intern(o.value)
    for r, o in values(JPOW.recordedCamp):
        r.camp = intern(top.get(o.value, o.value))
    for r, o in values(JPOW.placeOfOriginAsWritten):
        r.origin = intern(o.value)
    for r, o in values(JPOW.deathDate):
        r.death_date = intern(o.value)
    return records

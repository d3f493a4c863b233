"""What the model compares of a record: name keys that are the same in every script, and the other fields in one
form (a camp section counts as its camp, a place of origin by its name key)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import NamedTuple

from kg import names


class Row(NamedTuple):
    """One record as the model compares it (a tuple, not a dict: 1.3M of them at 600k persons)."""

    unique_id: str
    list: str
    family: str | None
    given: str | None
    full_name: str | None
    family_loose: str | None
    given_loose: str | None
    birth_year: int | None
    unit: str | None
    camp: str | None
    origin: str | None
    death_date: str | None


@dataclass(frozen=True)
class NameParts:
    """A record's name: family and given name as written (either may be empty), in one script."""

    family: str
    given: str

    @classmethod
    def of_full(cls, full: str) -> "NameParts":
        """A full name written family name first, as the lists do (kanji without a space: read by `kg.names`)."""
        parts = full.split()
        if len(parts) >= 2:
            return cls(parts[0], " ".join(parts[1:]))
        if parts and any("\u4e00" <= ch <= "\u9fff" for ch in parts[0]):
            reading = names.kana_of(parts[0]).split()
            if len(reading) >= 2:
                return cls(reading[0], " ".join(reading[1:]))
        return cls(parts[0] if parts else "", "")


def key(text: str) -> str | None:
    if not text.strip():
        return None
    parts = names.match_key(text)
    return sys.intern("".join(parts)) if parts else None  # keys repeat across records: one copy each


def loose(text: str) -> str | None:
    if not text.strip():
        return None
    parts = names.loose_key(text)
    return sys.intern("".join(parts)) if parts else None


def features(record_id: str, source: str, name: NameParts, birth_year: int | None, unit: str | None,
             camp: str | None, origin: str | None, death_date: str | None = None) -> Row:
    """One row of the model's input table."""
    family, given = key(name.family), key(name.given)
    return Row(record_id, source, family, given, sys.intern(f"{family} {given}") if family and given else None,
               loose(name.family), loose(name.given), birth_year, unit or None, camp or None,
               key(origin) if origin else None, death_date or None)


def agreement(a: Row, b: Row) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The fields two records agree on and those both give and differ on (what a link says of its records).
    A name agrees when its keys are the same, also swapped; it differs when neither part matches, not even by
    its loose key. A birth year one off is neither."""
    agrees: list[str] = []
    differs: list[str] = []
    if a.family and b.family:
        same = (a.family, a.given) in ((b.family, b.given), (b.given, b.family))
        close = a.family == b.family or (a.given and a.given == b.given) \
            or (a.family_loose == b.family_loose and a.given_loose == b.given_loose)
        (agrees if same else differs if not close else []).append("name")
    if a.birth_year is not None and b.birth_year is not None:
        (agrees if a.birth_year == b.birth_year else differs if abs(a.birth_year - b.birth_year) > 1 else []).append(
            "birth_year")
    for f in ("unit", "camp", "origin", "death_date"):
        x, y = getattr(a, f), getattr(b, f)
        if x and y:
            (agrees if x == y else differs).append(f)
    return tuple(agrees), tuple(differs)

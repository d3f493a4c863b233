"""What the model compares of a record: name keys that are the same in every script, and the other fields in one
form (a camp section counts as its camp, a place of origin by its name key)."""

from __future__ import annotations

from dataclasses import dataclass

from kg import names



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
    return "".join(parts) if parts else None


def loose(text: str) -> str | None:
    if not text.strip():
        return None
    parts = names.loose_key(text)
    return "".join(parts) if parts else None


def features(record_id: str, source: str, name: NameParts, birth_year: int | None, unit: str | None,
             camp: str | None, origin: str | None, death_date: str | None = None) -> dict[str, object]:
    """One row of the model's input table."""
    family, given = key(name.family), key(name.given)
    return {
        "unique_id": record_id,
        "list": source,
        "family": family,
        "given": given,
        "full_name": f"{family} {given}" if family and given else None,
        "family_loose": loose(name.family),
        "given_loose": loose(name.given),
        "birth_year": birth_year,
        "unit": unit or None,
        "camp": camp or None,
        "origin": key(origin) if origin else None,
        "death_date": death_date or None,
    }


def agreement(a: dict[str, object], b: dict[str, object]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The fields two records agree on and those both give and differ on (what a link says of its records).
    A name agrees when its keys are the same, also swapped; it differs when neither part matches, not even by
    its loose key. A birth year one off is neither."""
    agrees: list[str] = []
    differs: list[str] = []
    if a["family"] and b["family"]:
        same = (a["family"], a["given"]) in ((b["family"], b["given"]), (b["given"], b["family"]))
        close = a["family"] == b["family"] or (a["given"] and a["given"] == b["given"]) \
            or (a["family_loose"] == b["family_loose"] and a["given_loose"] == b["given_loose"])
        (agrees if same else differs if not close else []).append("name")
    year_a, year_b = a["birth_year"], b["birth_year"]
    if isinstance(year_a, int) and isinstance(year_b, int):
        (agrees if year_a == year_b else differs if abs(year_a - year_b) > 1 else []).append("birth_year")
    for f in ("unit", "camp", "origin", "death_date"):
        if a[f] and b[f]:
            (agrees if a[f] == b[f] else differs).append(f)
    return tuple(agrees), tuple(differs)

"""`kg synth --sources N`: the same prisoners written into several lists that disagree, as real lists do.

A test bed for record linkage (issue 13). Each prisoner is drawn once (names in kanji with their kana reading,
birth year, prefecture of origin, unit, rank, camps, fate), then written, independently, into:

1. a Soviet card file (`card_file.csv`): the name in Cyrillic by the Polivanov system as a clerk heard it
   (habits such as е for э or ши for си, and errors: long vowels doubled, a consonant voiced, a vowel misheard,
   family and given name swapped, the given name missing), birth year (sometimes one off), prefecture as
   heard, unit, rank, camp (sometimes the section for the camp); a second card for some, made at a later camp;
2. a Japanese list (`japanese_list.csv`): kanji (sometimes an old or new form of a character) with the kana
   reading, prefecture, unit, rank, birth year;
3. a death list (`death_list.csv`), for those who died: the name in either script (a Soviet burial list in
   Cyrillic, or a Japanese list in kanji with its reading), prefecture, date of death, camp, place of burial,
   the unit in the Japanese rows, and the birth year for most.
The Japanese list also gives the date of death of most of those who died (families were told).

Every row is its own source record, cited with its list and locator. Which records are one person goes to
`truth.csv` (`record_id,person_key`), which the build never reads (its mapping does not name it).

How much the lists err is `--error-rate` (0.1 by default; the rates in synth_data/lists.yaml are at 0.1 and
scale with it). Output depends only on (persons, seed, sources, error rate, curated ids): byte-identical files.
"""

from __future__ import annotations

import csv
import shutil
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from random import Random
from typing import Any


from kg import names, yamlfile
from kg.synth import CARD_FILE, DATA, DEATH_LIST, HEADERS, REGISTRY, Camp, Registry, Tables, Weighted, curated_ids, zipf

JAPANESE_LIST = "syn-japanese-list"
LIST_TABLES = ("card_file", "japanese_list", "death_list")
RECORD = ["id", "source", "page"]
LIST_HEADERS = {
    **{t: HEADERS[t] for t in ("publications", "organizations", "places", "camps")},
    "card_file": RECORD + ["name_ru", "family_name_ru", "given_name_ru", "birth_year", "birthplace_ru", "rank_ru",
                           "unit", "camp"],
    "japanese_list": RECORD + ["name_ja", "reading", "family_name_ja", "given_name_ja", "family_name_kana",
                               "given_name_kana", "birth_year", "birthplace_ja", "birthplace", "rank_ja", "unit",
                               "death_date"],
    "death_list": RECORD + ["name_ru", "name_ja", "reading", "birth_year", "birthplace_ru", "birthplace_ja", "unit",
                            "death_date", "camp", "burial_place"],
}
VOWELS = "аоуиеэяюё"
VOICING = dict(zip("кгтдсзпбКГТДСЗПБ", "гкдтзсбпГКДТЗСБП"))
MISHEARD = dict(zip("аоуиеэ", "оауеиа"))
LONG_KANA = ("おう", "おお", "うう", "ょう", "ゅう")


@dataclass
class Prisoner:
    key: str
    family: tuple[str, str]  # (kanji, kana)
    given: tuple[str, str]
    birth_year: int
    prefecture: tuple[str, str, str]  # (place id, kanji, kana)
    unit: str
    rank: tuple[str, str]  # (en, ja)
    camps: list[Camp]
    death: date | None
    burial: str


class Lists:
    """Draws prisoners and writes each into the lists (the first `sources` of card file, Japanese list, death
    list), with the variation of each list."""

    def __init__(self, registry: Registry, out: Tables, sources: int, error_rate: float) -> None:
        self.registry = registry
        self.rng: Random = registry.rng
        self.out = out
        self.sources = sources
        self.spec = yamlfile.load((DATA / "lists.yaml").read_text(encoding="utf-8"))
        self.family_name = self._names("family_names", "more_family_names")
        self.given_name = self._names("given_names", "more_given_names")
        self.scale = error_rate / 0.1
        self.truth: list[tuple[str, str]] = []
        self.counters = dict.fromkeys(LIST_TABLES, 0)
        pref = self.spec["prefectures"]
        self.prefecture = Weighted([(registry.place(latin, "Region", "japan", kanji), kanji, kana)
                                    for latin, kanji, kana, _w in pref], [w for *_x, w in pref])
        camps: list[Camp] = registry.camp.items
        by_id = {c.id: c for c in camps}
        self.other_level: dict[str, list[Camp]] = {}  # a camp's sections, and a section's camp
        for c in camps:
            parent = c.id.rsplit("-", 1)[0]
            if parent in by_id and c.id.startswith("syn-camp-") and parent.count("-") == 2:
                self.other_level.setdefault(parent, []).append(c)
                self.other_level[c.id] = [by_id[parent]]

    def _names(self, registry_key: str, more_key: str) -> Weighted:
        rows = self.registry.spec[registry_key] + self.spec[more_key]
        return Weighted(rows, [r[-1] for r in rows])

    def _tail(self, part: str) -> tuple[str, str]:
        """A name of the long tail: two parts, each drawn with a skew (kanji, kana)."""
        pickers = self.__dict__.setdefault("_tail_pickers", {})
        if part not in pickers:
            firsts, seconds = self.spec[f"{part}_first"], self.spec[f"{part}_second"]
            pickers[part] = (Weighted(firsts, zipf(len(firsts), 0.7)), Weighted(seconds, zipf(len(seconds), 0.7)))
        first, second = (w(self.rng) for w in pickers[part])
        return first[0] + second[0], first[1] + second[1]

    def _name(self, common: Weighted, part: str) -> tuple[str, str]:
        if self.rng.random() < self.spec["long_tail"]:
            return self._tail(part)
        _latin, kanji, kana, _w = common(self.rng)
        return kanji, kana

    def write_sources(self) -> None:
        self.out.row("publications", id=JAPANESE_LIST, type="ArchivalList", source=REGISTRY,
                     label_en="Synthetic Japanese list of prisoners held in the USSR",
                     title="Synthetic Japanese list of prisoners held in the USSR", part_of=REGISTRY,
                     held_by="syn-archive", archival_reference="f. S-1, op. 4")

    # -- drawing ------------------------------------------------------------------------------------
    def draw(self, i: int) -> Prisoner:
        reg, rng = self.registry, self.rng
        fam_kanji, fam_kana = self._name(self.family_name, "family")
        giv_kanji, giv_kana = self._name(self.given_name, "given")
        rank_en, rank_ja, _ = reg.pick("ranks")
        age = 18 + min(int(rng.expovariate(1 / 6)), 37)
        camps = [reg.camp(rng) for _ in range(rng.choices((1, 2, 3), (70, 23, 7))[0])]
        death = None
        if rng.random() < 0.1:
            year = int(reg.pick("death_years")[0])
            death = reg.day(year, date(1945, 10, 1), winter=True)
        return Prisoner(f"syn-p{i:07d}", (fam_kanji, fam_kana), (giv_kanji, giv_kana), 1945 - age,
                        self.prefecture(rng), reg.unit(rng), (rank_en, rank_ja), camps, death,
                        reg.cemetery[camps[-1].town])

    def chance(self, rate: float) -> bool:
        return self.rng.random() < rate * self.scale

    # -- writing ------------------------------------------------------------------------------------
    def write(self, p: Prisoner) -> None:
        self.card(p, p.camps[0])
        if self.rng.random() < self.spec["coverage"]["second_card"]:
            self.card(p, p.camps[-1])
        if self.sources >= 2 and self.rng.random() < self.spec["coverage"]["japanese_list"]:
            self.japanese(p)
        if self.sources >= 3 and p.death is not None and self.rng.random() < self.spec["coverage"]["death_list"]:
            self.dead(p)

    def _record(self, table: str, p: Prisoner, prefix: str, per_file: int) -> tuple[str, str]:
        n = self.counters[table]
        self.counters[table] += 1
        rid = f"{prefix}{n + 1:07d}"
        self.truth.append((rid, p.key))
        return rid, f"d. {n // per_file + 1}, l. {n % per_file + 1}"

    def _year(self, p: Prisoner, rate: float) -> str:
        off = self.rng.choice((-1, 1)) if self.chance(rate) else 0
        return str(p.birth_year + off)

    def _camp(self, camp: Camp) -> str:
        other = self.other_level.get(camp.id)
        if other and self.chance(self.spec["record_errors"]["section_for_camp"]):
            return self.rng.choice(other).id
        return camp.id

    def card(self, p: Prisoner, camp: Camp) -> None:
        errors = self.spec["record_errors"]
        rid, page = self._record("card_file", p, "syn-cf-", 500)
        family, given = self.cyrillic(p.family[1]), self.cyrillic(p.given[1])
        if self.chance(self.spec["cyrillic_errors"]["given_missing"]):
            given = ""
        elif self.chance(self.spec["cyrillic_errors"]["swapped"]):  # the clerk took the given name for the family name
            family, given = given, family
        full = f"{family} {given}".strip()
        birthplace = "" if self.chance(errors["prefecture_missing"]) else self.cyrillic(p.prefecture[2])
        self.out.row("card_file", id=rid, source=CARD_FILE, page=page, name_ru=full, family_name_ru=family,
                     given_name_ru=given, birth_year=self._year(p, errors["birth_year_off"]), birthplace_ru=birthplace,
                     rank_ru="", unit="" if self.chance(errors["unit_missing"]) else p.unit, camp=self._camp(camp))

    def japanese(self, p: Prisoner) -> None:
        errors, cover = self.spec["record_errors"], self.spec["coverage"]
        rid, page = self._record("japanese_list", p, "syn-jl-", 300)
        fam, giv = self.kanji(p.family[0]), self.kanji(p.given[0])
        missing = self.chance(errors["prefecture_missing"])
        self.out.row("japanese_list", id=rid, source=JAPANESE_LIST, page=page, name_ja=f"{fam}{giv}",
                     reading=f"{p.family[1]} {p.given[1]}", family_name_ja=fam, given_name_ja=giv,
                     family_name_kana=p.family[1], given_name_kana=p.given[1],
                     birth_year=self._year(p, errors["birth_year_off"] / 2),
                     birthplace_ja="" if missing else p.prefecture[1], birthplace="" if missing else p.prefecture[0],
                     rank_ja=p.rank[1], unit="" if self.chance(errors["unit_missing"]) else p.unit,
                     death_date=p.death.isoformat() if p.death and self.rng.random() < cover["death_known"] else "")

    def dead(self, p: Prisoner) -> None:
        cover, errors = self.spec["coverage"], self.spec["record_errors"]
        rid, page = self._record("death_list", p, "syn-dl-", 200)
        cyrillic = self.rng.random() < cover["death_list_cyrillic"]  # a Soviet burial list, else a Japanese one
        name_ru = f"{self.cyrillic(p.family[1])} {self.cyrillic(p.given[1])}" if cyrillic else ""
        year = self._year(p, errors["birth_year_off"]) if self.rng.random() < cover["death_list_birth_year"] else ""
        origin = "" if self.chance(errors["prefecture_missing"]) else \
            (self.cyrillic(p.prefecture[2]) if cyrillic else p.prefecture[1])
        assert p.death is not None
        self.out.row("death_list", id=rid, source=DEATH_LIST, page=page, name_ru=name_ru,
                     name_ja="" if cyrillic else f"{self.kanji(p.family[0])}{self.kanji(p.given[0])}",
                     reading="" if cyrillic else f"{p.family[1]} {p.given[1]}", birth_year=year,
                     birthplace_ru=origin if cyrillic else "", birthplace_ja="" if cyrillic else origin,
                     unit="" if cyrillic or self.chance(errors["unit_missing"]) else p.unit,
                     death_date=p.death.isoformat(), camp=self._camp(p.camps[-1]), burial_place=p.burial)

    # -- variation ----------------------------------------------------------------------------------
    def kanji(self, text: str) -> str:
        variants = self.spec["kanji_variants"]
        if not any(c in variants for c in text) or not self.chance(self.spec["record_errors"]["kanji_variant"]):
            return text
        return "".join(self.rng.choice(variants[c]) if c in variants else c for c in text)

    def cyrillic(self, kana: str) -> str:
        """One name part as a card-file clerk wrote it: Polivanov, his habits, his errors."""
        rng, errors = self.rng, self.spec["cyrillic_errors"]
        text = names.polivanov(kana, hard_sign=False)
        for old, new, rate in self.spec["cyrillic_habits"]:
            if old in text.lower() and rng.random() < rate:
                text = _replace_keeping_case(text, old, new)
        if any(k in kana for k in LONG_KANA) and self.chance(errors["long_vowel_doubled"]):
            i = max(text.rfind(v) for v in "оуёю")
            if i >= 0:
                text = text[:i + 1] + ("о" if text[i] in "оё" else "у") + text[i + 1:]
        if self.chance(errors["voicing"]):
            text = _change_one(rng, text, VOICING, start=1)
        if self.chance(errors["vowel"]):
            text = _change_one(rng, text, MISHEARD, start=1)
        return text


def _replace_keeping_case(text: str, old: str, new: str) -> str:
    out = text.replace(old, new)
    cap_old = old[0].upper() + old[1:]
    return out.replace(cap_old, new[0].upper() + new[1:])


def _change_one(rng: Random, text: str, table: dict[str, str], start: int = 0) -> str:
    places = [i for i, ch in enumerate(text) if i >= start and ch in table]
    if not places:
        return text
    i = rng.choice(places)
    return text[:i] + table[text[i]] + text[i + 1:]


def generate_lists(persons: int, seed: int, out_dir: Path, sources: int = 3, error_rate: float = 0.1,
                   curated: Path | None = None, quiet: bool = False) -> dict[str, Any]:
    """Write `persons` prisoners into `sources` lists in `out_dir` (tables, mapping.yaml and truth.csv)."""
    if persons < 1:
        raise ValueError(f"--persons must be at least 1 (got {persons})")
    if not 1 <= sources <= len(LIST_TABLES):
        raise ValueError(f"--sources must be 1, 2 or 3 (card file, Japanese list, death list); got {sources}")
    if not 0 <= error_rate <= 0.5:
        raise ValueError(f"--error-rate must be between 0 and 0.5 (got {error_rate})")
    from kg.config import Settings

    curated = curated if curated is not None else Settings().project_root / "data"
    out_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA / "lists_mapping.yaml", out_dir / "mapping.yaml")
    shutil.copy(DATA / "lists_linkage.yaml", out_dir / "linkage.yaml")
    tables = Tables(out_dir, LIST_HEADERS)
    start = time.monotonic()
    try:
        registry = Registry(seed, curated_ids(curated), tables)
        registry.write_fixed()
        lists = Lists(registry, tables, sources, error_rate)
        lists.write_sources()
        with (out_dir / "truth.csv").open("w", encoding="utf-8", newline="") as truth:
            writer = csv.writer(truth, lineterminator="\n")
            writer.writerow(["record_id", "person_key"])
            for i in range(1, persons + 1):
                lists.write(lists.draw(i))
                writer.writerows(lists.truth)
                lists.truth.clear()
    finally:
        tables.close()
    counts = {t: tables.counts[t] for t in LIST_TABLES}
    if not quiet:
        print(f"Wrote {', '.join(f'{n:,} {t} records' for t, n in counts.items())} of {persons:,} persons in "
              f"{time.monotonic() - start:.1f} s; which records are one person: {out_dir / 'truth.csv'}",
              file=sys.stderr, flush=True)
    return counts

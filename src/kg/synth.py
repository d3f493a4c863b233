"""`kg synth`: a deterministic synthetic registry of Japanese prisoners of war, for scale tests.

It writes what a digitised registry (card file, death list, repatriation list) looks like once tabulated: CSV
tables and the `mapping.yaml` that the tabular extractor reads — never RDF. One person row per prisoner, with
name in Latin and Japanese script, birth year, rank and unit, and event rows for the capture, each detention
camp, each transfer between camps, labour assignments, and one fate: repatriation (date, ports) or death
(date, cause, burial). Every row cites one of the generated archival lists, with the record's file and sheet
as its locator (`page`), so the archival citation of each record is in the graph.

The data is marked synthetic: its own dataset (`synthetic-registry`, so its own source and named graphs),
ids prefixed `syn-`, and a source that says what it is. It references curated camps and places by id (when the
curated data has them), so it is built together with the curated data: `kg build --data data --data DIR`.

Output depends only on (persons, seed, the curated ids present): same input, byte-identical files. Rows are
written as they are generated, so memory stays flat whatever the size.
"""

from __future__ import annotations

import csv
import itertools
import shutil
import sys
import time
from bisect import bisect
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from random import Random
from typing import Any, Sequence, TextIO


from kg import yamlfile
from kg.iri import slugify

DATA = Path(__file__).with_name("synth_data")
CARD_FILE, DEATH_LIST, REPATRIATION_LIST, REGISTRY = "syn-card-file", "syn-death-list", "syn-repatriation-list", "syn-registry"
LAST_DAY = date(1956, 12, 26)  # the last repatriation ship of the Soviet captivity sailed in late December 1956

HEADERS = {
    "publications": ["id", "type", "source", "page", "label_en", "title", "part_of", "held_by",
                     "archival_reference", "note"],
    "organizations": ["id", "type", "source", "label_en", "label_ja", "part_of", "note"],
    "places": ["id", "type", "source", "label_en", "label_ja", "located_in"],
    "camps": ["id", "type", "source", "label_en", "number", "location", "subordinate_to", "section_of"],
    "persons": ["id", "source", "page", "label_en", "label_ja", "family_name", "given_name", "family_name_ja",
                "given_name_ja", "roles", "military_rank", "unit", "birth_year"],
    "captures": ["id", "source", "page", "label_en", "person", "date", "place"],
    "detentions": ["id", "source", "page", "label_en", "person", "camp", "start_date", "end_date"],
    "transfers": ["id", "source", "page", "label_en", "person", "date", "origin", "destination"],
    "labour": ["id", "source", "page", "label_en", "person", "camp", "place", "start_date", "end_date"],
    "repatriations": ["id", "source", "page", "label_en", "person", "date", "origin", "destination"],
    "deaths": ["id", "source", "page", "label_en", "person", "date", "camp", "place", "cause"],
    "burials": ["id", "source", "page", "label_en", "person", "date", "place"],
}


class Weighted:
    """Skewed choice from weighted items, fast enough for millions of draws."""

    def __init__(self, items: Sequence[Any], weights: Sequence[float]) -> None:
        self.items = list(items)
        self.cum = list(itertools.accumulate(weights))

    def __call__(self, rng: Random) -> Any:
        return self.items[bisect(self.cum, rng.random() * self.cum[-1])]


def zipf(n: int, s: float = 0.9) -> list[float]:
    return [1 / (k ** s) for k in range(1, n + 1)]


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def curated_ids(curated: Path | None) -> set[str]:
    """Ids of the curated tables, to reference the rows that exist (read only the first column)."""
    ids: set[str] = set()
    if curated is None or not curated.is_dir():
        return ids
    for table in curated.glob("*.csv"):
        with table.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            header = next(reader, [])
            if header[:1] == ["id"]:
                ids.update(row[0] for row in reader if row)
    return ids


@dataclass
class Camp:
    id: str
    name: str
    town: str  # place id of the camp's town: labour sites and cemeteries are there


class Tables:
    """One CSV writer per table, all open at once so that rows stream out as they are generated."""

    def __init__(self, out_dir: Path, headers: dict[str, list[str]] = HEADERS) -> None:
        self.files: dict[str, TextIO] = {}
        self.writers = {}
        self.counts: dict[str, int] = {}
        for name, header in headers.items():
            f = (out_dir / f"{name}.csv").open("w", encoding="utf-8", newline="")
            self.files[name] = f
            self.writers[name] = csv.DictWriter(f, header, lineterminator="\n")
            self.writers[name].writeheader()
            self.counts[name] = 0

    def row(self, table: str, **cells: object) -> None:
        self.writers[table].writerow(cells)
        self.counts[table] += 1

    def close(self) -> None:
        for f in self.files.values():
            f.close()


class Registry:
    """The fixed part (sources, units, places, camps) and the per-person generator."""

    def __init__(self, seed: int, curated: set[str], out: Tables) -> None:
        self.rng = Random(seed)
        self.seed = seed
        self.curated = curated
        self.out = out
        self.spec = yamlfile.load((DATA / "registry.yaml").read_text(encoding="utf-8"))
        self.deaths = 0
        self.repatriations = 0

    # -- the fixed part -------------------------------------------------------------------------
    def have(self, rid: str | None) -> str:
        return rid if rid and rid in self.curated else ""

    def place(self, name: str, kind: str, located_in: str = "", ja: str = "") -> str:
        """The id of a place: the curated row when it exists (e.g. Karaganda), else a generated one."""
        if slugify(name) in self.curated:
            return slugify(name)
        pid = f"syn-pl-{slugify(name)}"
        self.out.row("places", id=pid, type=kind, source=REGISTRY, label_en=name, label_ja=ja,
                     located_in=self.have(located_in))
        return pid

    def write_fixed(self) -> None:
        out, rng, spec = self.out, self.rng, self.spec
        out.row("organizations", id="syn-archive", type="Archive", source=REGISTRY,
                label_en="Synthetic archive of kg synth",
                note="Generated: the holder of the synthetic registry's lists; not a real archive.")
        out.row("publications", id=REGISTRY, type="Dataset", source=REGISTRY,
                label_en="Synthetic registry of Japanese prisoners of war in the USSR",
                title="Synthetic registry of Japanese prisoners of war in the USSR",
                note=f"SYNTHETIC DATA generated by `kg synth` (seed {self.seed}) for scale tests. Names, dates, "
                     "units and fates are random draws from plausible distributions: not a historical source.")
        for lid, label, fond in ((CARD_FILE, "card file of prisoners of war", "op. 1"),
                                 (DEATH_LIST, "list of deceased prisoners of war", "op. 2"),
                                 (REPATRIATION_LIST, "lists of repatriated prisoners of war", "op. 3")):
            out.row("publications", id=lid, type="ArchivalList", source=REGISTRY,
                    label_en=f"Synthetic {label}", title=f"Synthetic {label}", part_of=REGISTRY,
                    held_by="syn-archive", archival_reference=f"f. S-1, {fond}")

        army = self.have(spec["curated_army"])
        divisions = sorted(rng.sample(range(1, 160), 30))
        regiments: list[str] = []
        for d in divisions:
            did = f"syn-unit-div-{d}"
            out.row("organizations", id=did, type="MilitaryFormation", source=REGISTRY,
                    label_en=f"{ordinal(d)} Division", label_ja=f"第{d}師団", part_of=army)
            for r in rng.sample(range(1, 400), 3):
                rid = f"syn-unit-reg-{d}-{r}"
                if rid in regiments:
                    continue
                out.row("organizations", id=rid, type="MilitaryFormation", source=REGISTRY,
                        label_en=f"{ordinal(r)} Infantry Regiment ({ordinal(d)} Division)",
                        label_ja=f"歩兵第{r}連隊", part_of=did)
                regiments.append(rid)
        self.unit = Weighted(regiments, zipf(len(regiments), 0.6))

        self.capture_place = Weighted(
            [self.place(latin, "Settlement", region, ja) for latin, ja, _w, region in spec["capture_places"]],
            [w for _l, _j, w, _r in spec["capture_places"]])
        towns = {t: self.place(t, "Settlement", region) for t, _w, region in spec["camp_towns"]}
        for _c, t, _n, _w in spec.get("curated_camps", ()):
            if t not in towns:
                towns[t] = self.place(t, "Settlement")
        self.sites = {tid: Weighted([self.place(f"{kind} No. {n}, {town}", "Site", tid)
                                     for kind, _w in spec["labour_sites"] for n in (1, 2)],
                                    [w for _k, w in spec["labour_sites"] for _n in (1, 2)])
                      for town, tid in towns.items()}
        self.cemetery = {tid: self.place(f"Japanese cemetery, {town}", "Site", tid) for town, tid in towns.items()}
        self.departure = Weighted([self.place(p, "Settlement", "soviet-union") for p, _w in spec["departure_ports"]],
                                  [w for _p, w in spec["departure_ports"]])
        self.arrival = Weighted([self.place(p, "Settlement", "japan", ja) for p, ja, _w in spec["arrival_ports"]],
                                [w for _p, _j, w in spec["arrival_ports"]])
        self._camps(towns)

    def _camps(self, towns: dict[str, str]) -> None:
        out, rng, spec = self.out, self.rng, self.spec
        authority = self.have(spec["curated_camp_authority"])
        camps: list[Camp] = []
        weights: list[float] = []
        for cid, town, name, w in spec.get("curated_camps", ()):
            if cid in self.curated:
                camps.append(Camp(cid, name, towns[town]))
                weights.append(w)
        town_pick = Weighted(list(towns), [w for _t, w, _r in spec["camp_towns"]] + [0] * (len(towns) - len(spec["camp_towns"])))
        taken = {99, 37, 39}
        numbers = [n for n in range(1, 130) if n not in taken]
        generated = sorted(rng.sample(numbers, 60))
        zw = zipf(len(generated), 0.8)
        rng.shuffle(zw)
        for n, w in zip(generated, zw):
            town = town_pick(rng)
            cid = f"syn-camp-{n}"
            out.row("camps", id=cid, type="PrisonerOfWarCamp", source=REGISTRY, label_en=f"Camp No. {n}",
                    number=str(n), location=towns[town], subordinate_to=authority)
            camps.append(Camp(cid, f"camp No. {n}", towns[town]))
            weights.append(w * 10)
            sections = rng.choice((1, 2, 3, 4, 6))
            for s in range(1, sections + 1):
                sid = f"{cid}-{s}"
                out.row("camps", id=sid, type="CampSection", source=REGISTRY, label_en=f"Camp No. {n}, section {s}",
                        number=f"{n}/{s}", location=towns[town], section_of=cid)
                camps.append(Camp(sid, f"camp No. {n}, section {s}", towns[town]))
                weights.append(w * 10 / sections)
        self.camp = Weighted(camps, weights)

    # -- one person -----------------------------------------------------------------------------
    def day(self, year: int, first: date, winter: bool = False) -> date:
        """A day in `year` not before `first`; deaths lean to winter, repatriation sailings to summer."""
        rng = self.rng
        lo = max(date(year, 1, 1), first)
        hi = min(date(year, 12, 31), LAST_DAY)
        if lo > hi:
            return min(first + timedelta(days=rng.randint(5, 60)), LAST_DAY)
        span = (hi - lo).days
        mode = 0.05 if winter else 0.55
        return lo + timedelta(days=int(rng.triangular(0, span, span * mode)))

    def person(self, i: int) -> None:
        rng, out = self.rng, self.out
        pid = f"syn-p{i:07d}"
        card = f"d. {(i - 1) // 500 + 1}, l. {(i - 1) % 500 + 1}"
        fam, fam_ja, _kana, _ = self.pick("family_names")
        giv, giv_ja, _kana, _ = self.pick("given_names")
        name = f"{fam} {giv}"
        rank, _rank_ja, _ = self.pick("ranks")
        age = 18 + min(int(rng.expovariate(1 / 6)), 37)
        out.row("persons", id=pid, source=CARD_FILE, page=card, label_en=name, label_ja=f"{fam_ja}{giv_ja}",
                family_name=fam, given_name=giv, family_name_ja=fam_ja, given_name_ja=giv_ja,
                roles="prisoner-of-war", military_rank=rank, unit=self.unit(rng), birth_year=str(1945 - age))

        captured = date(1945, 8, 9) + timedelta(days=int(rng.triangular(0, 24, 10)))
        out.row("captures", id=f"{pid}-c", source=CARD_FILE, page=card, label_en=f"Capture of {name}",
                person=pid, date=captured.isoformat(), place=self.capture_place(rng))

        arrived = captured + timedelta(days=int(rng.triangular(20, 140, 50)))
        died = rng.random() < 0.1
        if died:
            end = self.day(int(self.pick("death_years")[0]), arrived + timedelta(days=7), winter=True)
        else:
            end = self.day(int(self.pick("repatriation_years")[0]), arrived + timedelta(days=90))
        stays = rng.choices((1, 2, 3, 4), (68, 22, 7, 3))[0]
        span = (end - arrived).days
        cuts = sorted(rng.sample(range(1, span), min(stays - 1, span - 1))) if span > 2 else []
        bounds = [arrived] + [arrived + timedelta(days=c) for c in cuts] + [end]
        previous: Camp | None = None
        for k in range(len(bounds) - 1):
            camp = self.camp(rng)
            start, stop = bounds[k].isoformat(), bounds[k + 1].isoformat()
            if previous is not None:
                out.row("transfers", id=f"{pid}-t{k}", source=CARD_FILE, page=card,
                        label_en=f"Transfer of {name} from {previous.name} to {camp.name}", person=pid,
                        date=start, origin=previous.id, destination=camp.id)
            out.row("detentions", id=f"{pid}-d{k + 1}", source=CARD_FILE, page=card,
                    label_en=f"Detention of {name} in {camp.name}", person=pid, camp=camp.id,
                    start_date=start, end_date=stop)
            if rng.random() < 0.45:
                out.row("labour", id=f"{pid}-l{k + 1}", source=CARD_FILE, page=card,
                        label_en=f"Labour of {name} at {camp.name}", person=pid, camp=camp.id,
                        place=self.sites[camp.town](rng), start_date=start, end_date=stop)
            previous = camp
        assert previous is not None
        if died:
            locator = f"d. {self.deaths // 200 + 1}, l. {self.deaths % 200 + 1}"
            self.deaths += 1
            cause = self.pick("causes_of_death")[0]
            out.row("deaths", id=f"{pid}-x", source=DEATH_LIST, page=locator, label_en=f"Death of {name}",
                    person=pid, date=end.isoformat(), camp=previous.id, place=previous.town, cause=cause)
            out.row("burials", id=f"{pid}-b", source=DEATH_LIST, page=locator, label_en=f"Burial of {name}",
                    person=pid, date=(end + timedelta(days=rng.randint(1, 3))).isoformat(),
                    place=self.cemetery[previous.town])
        else:
            locator = f"d. {self.repatriations // 300 + 1}, l. {self.repatriations % 300 + 1}"
            self.repatriations += 1
            out.row("repatriations", id=f"{pid}-r", source=REPATRIATION_LIST, page=locator,
                    label_en=f"Repatriation of {name}", person=pid, date=end.isoformat(),
                    origin=self.departure(rng), destination=self.arrival(rng))

    def pick(self, key: str) -> Sequence[Any]:
        cache = self.__dict__.setdefault("_pickers", {})
        if key not in cache:
            rows = self.spec[key]
            cache[key] = Weighted(rows, [r[-1] for r in rows])
        return cache[key](self.rng)


def generate(persons: int, seed: int, out_dir: Path, curated: Path | None = None, quiet: bool = False) -> None:
    """Write a synthetic registry of `persons` prisoners to `out_dir` (tables + mapping.yaml).

    `curated` is the curated data folder whose camps and places the registry references (default: the
    project's `data/`); ids absent from it are simply not referenced."""
    if persons < 1:
        raise ValueError(f"--persons must be at least 1 (got {persons})")
    from kg.config import Settings

    curated = curated if curated is not None else Settings().project_root / "data"
    out_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA / "mapping.yaml", out_dir / "mapping.yaml")
    tables = Tables(out_dir)
    start = time.monotonic()
    try:
        registry = Registry(seed, curated_ids(curated), tables)
        registry.write_fixed()
        every = max(persons // 10, 1)
        for i in range(1, persons + 1):
            registry.person(i)
            if not quiet and (i % every == 0 or i == persons):
                print(f"  … {i:,} persons ({i / max(time.monotonic() - start, 1e-9):,.0f}/s)",
                      file=sys.stderr, flush=True)
    finally:
        tables.close()
    if not quiet:
        rows = ", ".join(f"{n:,} {t}" for t, n in tables.counts.items())
        print(f"Wrote {rows} in {time.monotonic() - start:.1f} s", file=sys.stderr, flush=True)

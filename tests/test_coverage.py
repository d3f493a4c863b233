"""The curated tables against the hand-made gold list of the Katasonova review article.

The gold (../shared/gold/katasonova.json) lists every entity the article states. A gold entity is covered
when the RDF extracted from data/ has a subject typed with the gold type's class (or a subclass of it, per
the ontology) whose rdfs:label or skos:altLabel equals the gold label or one of its surface forms, after
case folding and whitespace, no-break-space and dash normalisation (the gold README's matching rule).
Optional gold entities are left out of the denominator. Covered entities must also agree with the gold on
the attributes both state (numbers, dates, figures), and the tables must restate the article, not copy it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest

from kg.extract.tabular import TabularExtractor
from kg.vocab import JPOW, RDF, RDFS, SKOS

ROOT = Path(__file__).resolve().parents[1]
REQUIRED_OVERALL = 0.95

# Gold entity type -> the ontology class whose subclasses count as that type.
GOLD_CLASS = {
    "Person": JPOW.Person,
    "Camp": JPOW.Camp,
    "Decree": JPOW.LegalAct,
    "Event": JPOW.Event,
    "Organization": JPOW.Organization,
    "Place": JPOW.Place,
    "Publication": JPOW.Source,
    "Statistic": JPOW.Statistic,
}
# Gold statistic qualifiers and units -> the local names of our individuals.
QUALIFIERS = {"exact": "QualifierExact", "approximate": "QualifierApproximate",
              "lower_bound": "QualifierLowerBound", "upper_bound": "QualifierUpperBound", "range": "QualifierRange",
              "vague": "QualifierVague"}
UNITS = {"persons": "UnitPerson", "persons (deaths)": "UnitPerson", "fraction": "UnitFraction", "percent": "UnitPercent",
         "camps": "UnitCamp", "pages": "UnitPage", "volumes": "UnitVolume", "years": "UnitYear",
         "ministries": "UnitMinistry"}
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d]")


def normalise(name: str) -> str:
    """Case-folded, every dash a hyphen-minus, every run of whitespace (no-break spaces too) one space."""
    return " ".join(_DASHES.sub("-", name.replace("\u00a0", " ")).casefold().split())


@dataclass
class Curated:
    """The facts extracted from data/, indexed by subject, with the classes each subject counts as."""

    facts: dict[str, dict[str, set[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(set)))
    classes: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def values(self, subject: str, predicate: str) -> set[str]:
        return self.facts[subject][predicate]

    def match(self, entity: dict) -> list[str]:
        """The curated subjects of the gold entity's class named by its label or one of its surface forms."""
        wanted = {normalise(n) for n in [entity["label"], *entity.get("surface_forms", [])]}
        cls = GOLD_CLASS[entity["type"]].value
        return [s for s, classes in self.classes.items() if cls in classes and wanted & {
            normalise(n) for n in self.values(s, RDFS.label.value) | self.values(s, SKOS.altLabel.value)}]


@pytest.fixture(scope="module")
def curated() -> Curated:
    extractor = TabularExtractor(ROOT / "data")
    index = Curated()
    for quad in extractor.extract():
        index.facts[quad.subject.value][quad.predicate.value].add(quad.object.value)
        if quad.predicate == RDF.type:
            index.classes[quad.subject.value] |= {
                cls.value for cls in GOLD_CLASS.values() if extractor.ontology.is_subclass(quad.object.value, cls.value)}
    return index


def test_normalise_folds_case_spaces_and_dashes() -> None:
    assert normalise("Great Patriotic War of 1941\u20131945") == normalise("great patriotic  war of 1941-1945")
    assert normalise("camp\u00a0N\u00a099") == "camp n 99"
    assert normalise("Camp No. 37") != normalise("Camp No. 39")


def test_curated_tables_cover_the_gold_entities(katasonova_gold: dict, curated: Curated) -> None:
    hits: dict[str, int] = defaultdict(int)
    totals: dict[str, int] = defaultdict(int)
    misses: list[str] = []
    optional_hits = optional_total = 0
    for entity in katasonova_gold["entities"]:
        found = bool(curated.match(entity))
        if entity.get("optional"):
            optional_total += 1
            optional_hits += found
            continue
        totals[entity["type"]] += 1
        hits[entity["type"]] += found
        if not found:
            misses.append(f"{entity['id']} {entity['type']} {entity['label']!r}")
    overall = sum(hits.values()) / sum(totals.values())
    lines = [f"{t:<13} {hits[t]:>3}/{totals[t]:<3} {hits[t] / totals[t]:6.1%}" for t in sorted(totals)]
    lines.append(f"{'overall':<13} {sum(hits.values()):>3}/{sum(totals.values()):<3} {overall:6.1%}")
    lines.append(f"(optional gold entities, not counted above: {optional_hits}/{optional_total} present)")
    report = "Coverage of the Katasonova gold entities (non-optional) by data/:\n" + "\n".join(lines)
    if misses:
        report += "\nNot found:\n  " + "\n  ".join(misses)
    print(report)
    assert overall >= REQUIRED_OVERALL, report


def _disagreements(entity: dict, subject: str, curated: Curated) -> list[str]:
    """The attributes a covered gold entity states that our subject states differently (or not at all)."""
    def ours(local: str) -> set[str]:
        return curated.values(subject, JPOW[local].value)

    expected: list[tuple[str, set[str]]] = []
    kind = entity["type"]
    if kind == "Statistic":
        quantity = entity["quantity"]
        bound = {"lower_bound": "minValue", "upper_bound": "maxValue"}.get(entity["qualifier"], "value")
        if entity["qualifier"] == "range":
            expected += [("minValue", {str(quantity[0])}), ("maxValue", {str(quantity[1])})]
        elif quantity is not None:
            expected.append((bound, {str(quantity)}))
        expected.append(("qualifier", {JPOW[QUALIFIERS[entity["qualifier"]]].value}))
        expected.append(("unit", {JPOW[UNITS[entity["unit"]]].value}))
    if kind in ("Decree", "Camp") and entity.get("number"):
        expected.append(("number", {entity["number"]}))
    if kind == "Decree" and entity.get("date") and _ISO_DATE.match(entity["date"]):
        expected.append(("date", {entity["date"]}))
    if kind == "Event" and isinstance(entity.get("dates"), str) and _ISO_DATE.match(entity["dates"]):
        expected.append(("date", {entity["dates"]}))
    if kind == "Publication" and entity.get("year"):
        expected.append(("publicationYear", {entity["year"]}))
    problems = []
    for local, wanted in expected:
        got = ours(local)
        if local in ("value", "minValue", "maxValue"):
            got, wanted = {Decimal(v) for v in got}, {Decimal(v) for v in wanted}
        if got == wanted:
            continue
        problems.append(f"{entity['id']} {entity['label']!r}: jpow:{local} is {sorted(got)}, the gold says {sorted(wanted)}")
    return problems


def test_covered_entities_agree_with_the_gold_on_numbers_dates_and_figures(katasonova_gold: dict,
                                                                           curated: Curated) -> None:
    problems: list[str] = []
    checked = 0
    for entity in katasonova_gold["entities"]:
        for subject in curated.match(entity):
            checked += 1
            problems += _disagreements(entity, subject, curated)
    assert checked >= 100, f"only {checked} gold entities matched: the matching itself is broken"
    assert not problems, "\n".join(problems)


def test_curated_files_restate_the_article_and_never_copy_its_sentences(katasonova_text: str) -> None:
    """The guard of the project's before-stop hook, applied to our paths: the middle of every long sentence
    of the article (60 characters of a sentence of 80 or more) must not appear in data/ or queries/."""
    text = re.sub(r"\s+", " ", katasonova_text)
    probes = [s[10:70] for s in (s.strip() for s in re.split(r"(?<=[.!?])\s+", text)) if len(s) >= 80]
    files = sorted((ROOT / "data").glob("*.csv")) + [ROOT / "data" / "README.md"] + sorted((ROOT / "queries").glob("*.rq"))
    copied = [f"{f.relative_to(ROOT)}: {p!r}" for f in files for p in probes if p in f.read_text(encoding="utf-8")]
    assert not copied, "copied from the article (restate it in your own words, with a citation):\n" + "\n".join(copied)

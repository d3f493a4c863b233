"""Coverage of the curated tables against the hand-made gold list of the Katasonova review article.

The gold (../shared/gold/katasonova.json) lists every entity the article states. A gold entity is covered
when the RDF extracted from data/ has a subject typed with the gold type's class (or a subclass of it, per
the ontology) whose rdfs:label or skos:altLabel equals the gold label or one of its surface forms, after
case folding and whitespace, no-break-space and dash normalisation (the gold README's matching rule).
Optional gold entities are left out of the denominator.
"""

from __future__ import annotations

import re
from collections import defaultdict
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

_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d]")


def normalise(name: str) -> str:
    """Case-folded, every dash a hyphen-minus, every run of whitespace (no-break spaces too) one space."""
    return " ".join(_DASHES.sub("-", name.replace("\u00a0", " ")).casefold().split())


def curated_names_by_class() -> dict[str, set[str]]:
    """For each gold type: the normalised labels and alt labels of the curated subjects of its class."""
    extractor = TabularExtractor(ROOT / "data")
    types: dict[str, set[str]] = defaultdict(set)
    names: dict[str, set[str]] = defaultdict(set)
    for quad in extractor.extract():
        if quad.predicate == RDF.type:
            types[quad.subject.value].add(quad.object.value)
        elif quad.predicate in (RDFS.label, SKOS.altLabel):
            names[quad.subject.value].add(normalise(quad.object.value))
    by_class: dict[str, set[str]] = {}
    for gold_type, cls in GOLD_CLASS.items():
        by_class[gold_type] = set().union(*(
            names[s] for s, classes in types.items()
            if any(extractor.ontology.is_subclass(c, cls.value) for c in classes)))
    return by_class


def test_normalise_folds_case_spaces_and_dashes() -> None:
    assert normalise("Great Patriotic War of 1941\u20131945") == normalise("great patriotic  war of 1941-1945")
    assert normalise("camp\u00a0N\u00a099") == "camp n 99"
    assert normalise("Camp No. 37") != normalise("Camp No. 39")


def test_curated_tables_cover_the_gold_entities(katasonova_gold: dict) -> None:
    names = curated_names_by_class()
    hits: dict[str, int] = defaultdict(int)
    totals: dict[str, int] = defaultdict(int)
    misses: list[str] = []
    optional_hits = optional_total = 0
    for entity in katasonova_gold["entities"]:
        gold_type = entity["type"]
        wanted = {normalise(n) for n in [entity["label"], *entity.get("surface_forms", [])]}
        found = bool(wanted & names[gold_type])
        if entity.get("optional"):
            optional_total += 1
            optional_hits += found
            continue
        totals[gold_type] += 1
        if found:
            hits[gold_type] += 1
        else:
            misses.append(f"{entity['id']} {gold_type} {entity['label']!r}")
    overall = sum(hits.values()) / sum(totals.values())
    lines = [f"{t:<13} {hits[t]:>3}/{totals[t]:<3} {hits[t] / totals[t]:6.1%}" for t in sorted(totals)]
    lines.append(f"{'overall':<13} {sum(hits.values()):>3}/{sum(totals.values()):<3} {overall:6.1%}")
    lines.append(f"(optional gold entities, not counted above: {optional_hits}/{optional_total} present)")
    report = "Coverage of the Katasonova gold entities (non-optional) by data/:\n" + "\n".join(lines)
    if misses:
        report += "\nNot found:\n  " + "\n  ".join(misses)
    print(report)
    assert overall >= REQUIRED_OVERALL, report

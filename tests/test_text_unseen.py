"""Generality of the text extractor, measured on invented articles it was not written for.

tests/fixtures/text/{spassk,nakhodka,karaganda}.txt were written with their gold (gold_specs.yaml ->
make_gold.py) before the extractor was first run on them; the first-run and current figures are in tests/fixtures/text/README.md.
The floors below sit a margin under the current figures of the reference scorer (kg.extract.text.scoring, as
`kg eval` reports them), so a change that only helps the shared article at the expense of other texts of the
field fails here. An unseen article is scored as one with nothing curated: no gazetteer, no context."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.config import Settings
from kg.extract.text.evaluate import evaluate

FIXTURES = Path(__file__).parent / "fixtures" / "text"

# article -> (entity F1 floor, relation F1 floor): the README's "Scores by the vocabulary-agnostic scorer" minus
# 0.06, rounded down; spassk's relation floor 0.66 since a pronoun refers back only (its review's "She", the
# reviewed author, named nowhere, no longer takes the editor named after it in the sentence: a right link by luck);
# nakhodka's 0.63 since "were released and sent home ... from Nakhodka" is read (a return from Nakhodka, which the
# gold names "Release and return of the last convicted Japanese", a label no reading of the verbs contains), then
# 0.61 since "it received up to 10,000 people a month" measures the transit camp (the gold's own population says
# so, but it has no relation between them); karaganda's 0.64 since the reader of short dependency paths
# (`facts/paths.py`) links Japan and the Declaration in "returned to Japan after the Soviet-Japanese Declaration"
# (one wrong link of eleven; a rule against paths between two circumstances of one verb lost 0.03 relation F1
# summed over the ten blind corpora)
FLOORS = {"spassk": (0.90, 0.66), "nakhodka": (0.87, 0.61), "karaganda": (0.87, 0.64)}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_unseen_article_keeps_its_measured_quality(name: str, capsys: pytest.CaptureFixture) -> None:
    scores = evaluate(FIXTURES / f"{name}.gold.json", FIXTURES / f"{name}.txt", Settings(), gazetteer=None, context=())
    with capsys.disabled():   # the figures show in every run, not only with -s
        print(f"\n{name}\n" + "\n".join(scores.lines()))
    entity_floor, relation_floor = FLOORS[name]
    assert scores.f1 >= entity_floor, f"{name}: entity F1 {scores.f1:.3f} < {entity_floor}"
    assert scores.relation_f1 >= relation_floor, f"{name}: relation F1 {scores.relation_f1:.3f} < {relation_floor}"


def test_gold_quotes_of_the_invented_articles_are_exact() -> None:
    """Offsets in the gold are Python str indexes of the quote in the text (as in the shared gold)."""
    for name in FLOORS:
        text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
        gold = json.loads((FIXTURES / f"{name}.gold.json").read_text(encoding="utf-8"))
        for item in gold["entities"] + gold["relations"]:
            ev = item["evidence"]
            assert text[ev["offset"]:ev["offset"] + len(ev["quote"])] == ev["quote"], (name, item["id"])

"""The text extractor on the blind corpora: articles written, with their gold, by someone who never saw the
extractor (tests/fixtures/text/blind*/README.md). Their first-run figures are recorded in those READMEs and never
change; this test only keeps later changes from losing what the extractor has reached on them since: a pooled
floor a margin under the current figures, scored as `kg eval` scores (no gazetteer, no context)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.config import Settings
from kg.extract.text.evaluate import evaluate

FIXTURES = Path(__file__).parent / "fixtures" / "text"

# corpus -> (pooled entity F1 floor, pooled relation F1 floor): current figures minus ~0.03, rounded down
FLOORS = {"blind": (0.74, 0.31), "blind2": (0.72, 0.27)}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_blind_corpus_keeps_its_pooled_quality(corpus: str, capsys: pytest.CaptureFixture) -> None:
    n = dict(ef=0, et=0, ec=0, ex=0, rf=0, rt=0, rc=0, rl=0)
    for gold in sorted((FIXTURES / corpus).glob("*.gold.json")):
        text = gold.with_name(gold.name.removesuffix(".gold.json") + ".txt")
        e, r = (s := evaluate(gold, text, Settings(), gazetteer=None, context=())).entities, s.relations
        for key, value in (("ef", e["found"]), ("et", e["total"]), ("ec", e["correct"]), ("ex", e["extracted"]),
                           ("rf", r["found"]), ("rt", r["total"]), ("rc", r["correct_links"]), ("rl", r["links"])):
            n[key] += value
    entity_f1 = _f1(n["ec"] / max(n["ex"], 1), n["ef"] / max(n["et"], 1))
    relation_f1 = _f1(n["rc"] / max(n["rl"], 1), n["rf"] / max(n["rt"], 1))
    with capsys.disabled():
        print(f"\n{corpus}: pooled entity F1 {entity_f1:.3f}, relation F1 {relation_f1:.3f}")
    assert entity_f1 >= FLOORS[corpus][0] and relation_f1 >= FLOORS[corpus][1], (entity_f1, relation_f1)

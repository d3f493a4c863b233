"""Extraction quality, measured against gold files (matching rule: kg.evaluate's docstring).

The targets on the shared article: entity precision and recall >= 0.9, relation F1 >= 0.7, without any
curated data (the case of an unseen article) and with the gazetteer built from the curated tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.config import Settings
from kg.errors import InputError
from kg.evaluate import evaluate, relation_keys
from kg.extract.tabular import TabularExtractor
from kg.extract.text import Gazetteer
from conftest import shared_file

FIXTURES = Path(__file__).parent / "fixtures" / "text"
SETTINGS = Settings()


def _check_targets(report) -> None:
    entities = report.entity_total
    assert entities.precision >= 0.9, f"entity precision {entities.precision:.3f} < 0.9"
    assert entities.recall >= 0.9, f"entity recall {entities.recall:.3f} < 0.9"
    assert report.relations.f1 >= 0.7, f"relation F1 {report.relations.f1:.3f} < 0.7"


def test_shared_article_meets_the_targets_without_curated_data(capsys: pytest.CaptureFixture) -> None:
    gold = shared_file("gold/katasonova.json")
    text = shared_file("sources/katasonova-in-search-of-historical-truth.txt")
    report = evaluate(gold, text, SETTINGS, gazetteer=None)
    with capsys.disabled():   # the figures show in every run, not only with -s
        print("\n" + report.format())
    _check_targets(report)


def test_shared_article_meets_the_targets_with_the_curated_gazetteer(capsys: pytest.CaptureFixture) -> None:
    gold = shared_file("gold/katasonova.json")
    text = shared_file("sources/katasonova-in-search-of-historical-truth.txt")
    gazetteer = Gazetteer.from_quads(TabularExtractor(SETTINGS.data_dirs, SETTINGS).extract())
    assert len(gazetteer) > 0
    report = evaluate(gold, text, SETTINGS, gazetteer=gazetteer)
    with capsys.disabled():   # the figures show in every run, not only with -s
        print("\n" + report.format())
    _check_targets(report)


def test_scoring_rule_on_a_small_gold_file() -> None:
    """The fixture gold lists one event and one relation the text does not state as such: they are misses;
    the labour use the extractor reads is not in the gold: a false entity; the optional place is neither."""
    report = evaluate(FIXTURES / "balkhash.gold.json", FIXTURES / "balkhash.txt", SETTINGS)
    e = report.entity_total
    assert (e.gold, e.tp_gold) == (19, 18)
    assert report.missed_entities == ["Event: Repatriation of the internees"]
    assert report.false_entities == ["Event: labour use of prisoners of Camp No. 37"]
    place = report.entities["Place"]
    assert (place.predicted, place.tp_pred, place.neutral) == (5, 4, 1)
    assert report.statistics == {"quantity": (6, 6), "qualifier": (6, 6), "unit": (6, 6)}
    r = report.relations
    assert (r.gold, r.tp_gold) == (10, 9)
    assert [m.split()[0] for m in report.missed_relations] == ["R010"]
    assert abs(e.precision - 18 / 19) < 1e-9 and abs(r.recall - 0.9) < 1e-9


def test_relation_phrases_of_other_gold_files_are_read_by_their_words() -> None:
    assert relation_keys("author of") == [("author", True)]
    assert relation_keys("was adopted by") == [("issuedBy", False)]
    assert relation_keys("camp located in") == [("location", False)]
    assert relation_keys("edited by") == [("editor", False)]
    assert relation_keys("sang the anthem of") == []


def test_gold_for_another_text_is_refused(tmp_path: Path) -> None:
    gold = json.loads((FIXTURES / "balkhash.gold.json").read_text(encoding="utf-8"))
    other = tmp_path / "other.txt"
    other.write_text("Camp No. 5 was in Spassk.\n", encoding="utf-8")
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    with pytest.raises(InputError, match="sha256 differs"):
        evaluate(path, other, SETTINGS)

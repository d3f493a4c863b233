"""Extraction quality, measured against gold files by the reference scorer (`kg.extract.text.scoring`, the
vendored copy of ../shared/tools/gold_score.py; its rules are in its docstring: entities by label and type,
relations as node pairs linked by one or two edges, whatever the predicates).

The targets on the shared article: entity precision and recall >= 0.9, relation F1 >= 0.7, without any
curated data (the case of an unseen article) and with the gazetteer built from the curated tables and the
curated store as context."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import main as kg
from kg.config import Settings
from kg.errors import InputError
from kg.extract.tabular import TabularExtractor
from kg.extract.text import Gazetteer
from kg.extract.text.evaluate import default_context, evaluate
from kg.extract.text.scoring import Scores, read_gold, score
from conftest import ROOT, SHARED, shared_file

FIXTURES = Path(__file__).parent / "fixtures" / "text"
SETTINGS = Settings()
SHARED_SCORER = SHARED / "tools" / "gold_score.py"


def _check_targets(scores: Scores) -> None:
    assert scores.precision >= 0.9, f"entity precision {scores.precision:.3f} < 0.9"
    assert scores.recall >= 0.9, f"entity recall {scores.recall:.3f} < 0.9"
    assert scores.relation_f1 >= 0.7, f"relation F1 {scores.relation_f1:.3f} < 0.7"


def _show(capsys: pytest.CaptureFixture, scores: Scores) -> None:
    with capsys.disabled():   # the figures show in every run, not only with -s
        print("\n" + "\n".join(scores.lines()))


def test_shared_article_meets_the_targets_without_curated_data(capsys: pytest.CaptureFixture) -> None:
    gold = shared_file("gold/katasonova.json")
    text = shared_file("sources/katasonova-in-search-of-historical-truth.txt")
    scores = evaluate(gold, text, SETTINGS, gazetteer=None, context=())
    _show(capsys, scores)
    _check_targets(scores)


def test_shared_article_meets_the_targets_with_the_curated_gazetteer(capsys: pytest.CaptureFixture,
                                                                     curated_store_path: Path) -> None:
    """Mentions linked to curated IRIs are typed and named by the curated store, lent as context."""
    gold = shared_file("gold/katasonova.json")
    text = shared_file("sources/katasonova-in-search-of-historical-truth.txt")
    gazetteer = Gazetteer.from_quads(TabularExtractor(SETTINGS.data_dirs, SETTINGS).extract())
    assert len(gazetteer) > 0
    context, note = default_context(SETTINGS.with_(store_path=curated_store_path))
    assert len(context) == 1, note
    scores = evaluate(gold, text, SETTINGS, gazetteer=gazetteer, context=context)
    _show(capsys, scores)
    _check_targets(scores)


def _score_frozen_dump(gold: Path) -> Scores:
    """balkhash.dump.trig is `kg extract --no-gazetteer balkhash.txt` at commit 9882d0c, kept as it was so that
    these tests pin the scoring rule, not the extractor of the day."""
    return score(read_gold(gold), [FIXTURES / "balkhash.dump.trig"], SETTINGS.ontology_dir)


def test_scoring_rule_on_a_small_gold_file() -> None:
    """The fixture gold lists one event and one relation the text does not state as such: they are misses;
    the labour use the extractor reads is not in the gold: a wrong entity, and its two links count against, as
    does a camp-figure pair the gold does not state; the optional place is a hit when produced."""
    scores = _score_frozen_dump(FIXTURES / "balkhash.gold.json")
    e, r = scores.entities, scores.relations
    assert (e["found"], e["total"], e["correct"], e["extracted"]) == (18, 19, 19, 20)
    assert e["per_type"]["Event"]["missing"] == ["Repatriation of the internees"]
    assert [w.split(":")[0] for w in e["wrong"]] == ["Event"] and "labour use" in e["wrong"][0]
    place = e["per_type"]["Place"]
    assert (place["found"], place["gold"], place["correct"], place["wrong"]) == (4, 4, 5, 0)
    assert e["per_type"]["Statistic"]["found"] == e["per_type"]["Statistic"]["gold"] == 6
    assert (r["found"], r["total"], r["correct_links"], r["links"]) == (9, 10, 5, 8)
    assert r["missing"] == ["Balkhash camp No. 37 —held→ internees"]
    assert abs(scores.precision - 19 / 20) < 1e-9 and abs(r["recall"] - 0.9) < 1e-9
    assert scores.final_line() == ("entity recall 0.947 (18/19), precision 0.950 (19/20), F1 0.949; "
                                   "relation F1 0.738")


def test_the_gold_relation_phrases_are_not_read(tmp_path: Path) -> None:
    """Issue 11: no table keyed by the gold's relation phrases; rewording every phrase changes no figure."""
    gold = json.loads((FIXTURES / "balkhash.gold.json").read_text(encoding="utf-8"))
    for i, r in enumerate(gold["relations"]):
        r["relation"] = f"zz unrelated words {i}"
    reworded = tmp_path / "reworded.gold.json"
    reworded.write_text(json.dumps(gold), encoding="utf-8")
    before = _score_frozen_dump(FIXTURES / "balkhash.gold.json")
    after = _score_frozen_dump(reworded)
    assert after.final_line() == before.final_line()
    assert after.table_lines()[:-1] == before.table_lines()[:-1]
    assert not (ROOT / "src" / "kg" / "evaluate.py").exists()
    assert not [p for p in (ROOT / "src" / "kg").rglob("*.py") if "RELATION_MAP" in p.read_text(encoding="utf-8")]


def test_gold_for_another_text_is_refused(tmp_path: Path) -> None:
    gold = json.loads((FIXTURES / "balkhash.gold.json").read_text(encoding="utf-8"))
    other = tmp_path / "other.txt"
    other.write_text("Camp No. 5 was in Spassk.\n", encoding="utf-8")
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    with pytest.raises(InputError, match="sha256 differs"):
        evaluate(path, other, SETTINGS)


def _shared_scorer() -> Path:
    # ../shared/tools is a team folder beside the checkout; CI (.ci/run) does not set it up, so absent = skip
    if not SHARED_SCORER.is_file():
        pytest.skip(f"{SHARED_SCORER} is absent: the reference scorer sits in ../shared/tools beside the checkout")
    return SHARED_SCORER


def _same_figures(capsys: pytest.CaptureFixture, tmp_path: Path, gold: Path, text: Path,
                  eval_options: list[str], script_options: list[str]) -> str:
    """`kg eval` and the shared script on `kg extract`'s dump of the same text print the same lines and write
    the same JSON. Returns kg eval's stderr."""
    data = ["--data", str(ROOT / "data")]
    assert kg(["extract", str(text), "-o", str(tmp_path / "dump.trig"), *data]) == 0
    capsys.readouterr()
    assert kg(["eval", str(gold), str(text), *data, "--explain", "8", "--json", str(tmp_path / "eval.json"),
               *eval_options]) == 0
    ours = capsys.readouterr()
    script = subprocess.run([sys.executable, str(_shared_scorer()), str(gold), str(tmp_path / "dump.trig"),
                             "--ontology", str(ROOT / "ontology"), "--explain", "8",
                             "--json", str(tmp_path / "script.json"), *script_options],
                            capture_output=True, text=True, encoding="utf-8", check=True)
    assert ours.out == script.stdout
    assert json.loads((tmp_path / "eval.json").read_text(encoding="utf-8")) == \
        json.loads((tmp_path / "script.json").read_text(encoding="utf-8"))
    return ours.err


def test_kg_eval_reports_the_shared_scripts_figures(capsys: pytest.CaptureFixture, tmp_path: Path) -> None:
    _shared_scorer()
    err = _same_figures(capsys, tmp_path, FIXTURES / "balkhash.gold.json", FIXTURES / "balkhash.txt",
                        ["--store", str(tmp_path / "no-store")], [])
    assert "scoring without context" in err


def test_kg_eval_reports_the_shared_scripts_figures_with_curated_context(
        capsys: pytest.CaptureFixture, tmp_path: Path, curated_store_path: Path) -> None:
    _shared_scorer()
    gold = shared_file("gold/katasonova.json")
    text = shared_file("sources/katasonova-in-search-of-historical-truth.txt")
    curated = tmp_path / "curated.trig"
    assert kg(["export", "--store", str(curated_store_path), "--format", "trig", "-o", str(curated)]) == 0
    # the curated store by default, and the same export given with --context
    err = _same_figures(capsys, tmp_path, gold, text, ["--store", str(curated_store_path)],
                        ["--context", str(curated)])
    assert f"curated store at {curated_store_path}" in err
    _same_figures(capsys, tmp_path, gold, text, ["--context", str(curated)], ["--context", str(curated)])

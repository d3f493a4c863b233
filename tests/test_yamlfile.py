"""The project's YAML reader (`kg.yamlfile`): words stay words, as YAML 1.2 has it."""

from __future__ import annotations

from pathlib import Path

from kg import yamlfile

SRC = Path(__file__).resolve().parents[1] / "src" / "kg"


def test_on_off_yes_no_are_words_and_only_true_false_are_booleans() -> None:
    assert yamlfile.load("a: [in, on, by, off, yes, no, y, n, true, False]\non: to\n") == {
        "a": ["in", "on", "by", "off", "yes", "no", "y", "n", True, False], "on": "to"}
    assert yamlfile.load("n: 3\nx: 2.5\nd: null\n") == {"n": 3, "x": 2.5, "d": None}


def test_no_code_reads_yaml_with_pyyaml_booleans() -> None:
    offenders = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
                 if "yaml.safe_load(" in p.read_text(encoding="utf-8") and p.name != "yamlfile.py"]
    assert not offenders, f"read YAML with kg.yamlfile.load: {offenders}"

"""The code uses only ontology terms that the ontology declares."""

from __future__ import annotations

import re
from pathlib import Path

from kg.config import Settings
from kg.ontology import Ontology
from kg.vocab import JPOW, expand_curie

SRC = Path(__file__).resolve().parents[1] / "src" / "kg"
_USE = re.compile(r"""JPOW(?:\.([A-Za-z_]\w*)|\[["']([A-Za-z_]\w*)["']\])""")
_CURIE_IN_RQ = re.compile(r"\bjpow:([A-Za-z_]\w*)")


def used_terms() -> set[str]:
    terms = set()
    for f in SRC.rglob("*.py"):
        for m in _USE.finditer(f.read_text(encoding="utf-8")):
            terms.add(m.group(1) or m.group(2))
    for f in SRC.rglob("*.rq"):
        terms |= set(_CURIE_IN_RQ.findall(f.read_text(encoding="utf-8")))
    return terms - {"iri"}


def test_every_jpow_term_used_in_the_code_is_declared() -> None:
    ontology = Ontology(Settings().ontology_dir)
    undeclared = sorted(t for t in used_terms() if not ontology.is_declared(JPOW[t].value))
    assert not undeclared, f"used in src/kg but not declared in ontology/: {undeclared}"


def test_curies_expand_with_the_project_prefixes() -> None:
    assert expand_curie("jpow:Camp").value == "https://w3id.org/jpow-kg/ontology#Camp"
    assert expand_curie("dcterms:source").value == "http://purl.org/dc/terms/source"

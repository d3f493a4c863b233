"""Rules of the evidence model that SHACL cannot see (it validates one graph, not which graph a triple is in).

Each rule is a SPARQL query in `checks/`, whose header gives its message and whether it reads the union.
"""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import Store

from kg.validate.report import Violation

CHECKS = Path(__file__).with_name("checks")
COMPONENT = "https://w3id.org/jpow-kg/ontology#EvidenceRule"


def _header(text: str) -> dict[str, str]:
    meta = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line[1:].partition(":")
        meta[key.strip()] = value.strip()
    return meta


def check_structure(store: Store) -> list[Violation]:
    found = []
    for rq in sorted(CHECKS.glob("*.rq")):
        text = rq.read_text(encoding="utf-8")
        meta = _header(text)
        for sol in store.query(text, use_default_graph_as_union=meta.get("union") == "true"):
            found.append(Violation(str(sol["focus"].value), None, meta["message"],
                                   "http://www.w3.org/ns/shacl#Violation", COMPONENT))
    return found

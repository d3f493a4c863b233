"""The scorer's function API and command line: score DUMPs against a gold file, print the shared script's lines,
write its JSON, check its thresholds (vendored from ../shared/tools/gold_score.py; same output, same exit codes)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from kg.extract.text.scoring.entities import Gold, Matcher, score_entities
from kg.extract.text.scoring.graph import DumpSource, Graph, load
from kg.extract.text.scoring.relations import score_relations


@dataclass(frozen=True)
class Thresholds:
    """The shared script's --min-recall, --min-precision, --min-f1 (entity F1) and --min-relation-f1."""

    min_recall: float = 0.0
    min_precision: float = 0.0
    min_f1: float = 0.0
    min_relation_f1: float = 0.0


@dataclass(frozen=True)
class Scores:
    """What `score_entities` and `score_relations` return, with the shared script's ways of showing it."""

    entities: dict[str, Any]
    relations: dict[str, Any]

    @property
    def recall(self) -> float:
        return float(self.entities["recall"])

    @property
    def precision(self) -> float:
        return float(self.entities["precision"])

    @property
    def f1(self) -> float:
        return float(self.entities["f1"])

    @property
    def relation_f1(self) -> float:
        return float(self.relations["f1"])

    def table_lines(self) -> list[str]:
        """One line per gold type, then the relations line."""
        ent, rel = self.entities, self.relations
        out = []
        for t, d in ent["per_type"].items():
            f1 = f"{d['f1']:.2f}" if d["gold"] or d["wrong"] else "  - "
            out.append(f"{t:13s} recall {d['found']:3d}/{d['gold']:<3d}  precision {d['correct']:4d}/"
                       f"{d['correct'] + d['wrong']:<4d} F1 {f1}  missing: {', '.join(d['missing'][:6])}")
        out.append(f"relations: recall {rel['recall']:.3f} ({rel['found']}/{rel['total']}), precision "
                   f"{rel['precision']:.3f} ({rel['correct_links']}/{rel['links']}), F1 {rel['f1']:.3f}; "
                   f"missing e.g.: {'; '.join(rel['missing'][:5])}")
        return out

    def explain_lines(self, n: int) -> list[str]:
        """Up to n missed entities, wrong entities, missed relations and links not in the gold (--explain N)."""
        if not n:
            return []
        ent, rel = self.entities, self.relations
        missed = [f"{t}: {x}" for t, d in ent["per_type"].items() for x in d["missing"]]
        return ["\n  ".join([title, *items[:n]])
                for title, items in (("missed entities:", missed), ("entities matching no gold entity:", ent["wrong"]),
                                     ("missed relations:", rel["missing"]), ("links not in the gold:", rel["wrong"]))]

    def final_line(self) -> str:
        ent, rel = self.entities, self.relations
        return (f"entity recall {ent['recall']:.3f} ({ent['found']}/{ent['total']}), precision "
                f"{ent['precision']:.3f} ({ent['correct']}/{ent['extracted']}), F1 {ent['f1']:.3f}; "
                f"relation F1 {rel['f1']:.3f}")

    def lines(self, explain: int = 0) -> list[str]:
        """Everything the shared script prints, in its order."""
        return self.table_lines() + self.explain_lines(explain) + [self.final_line()]

    def to_json(self) -> dict[str, Any]:
        """The object the shared script writes with --json OUT."""
        return {"entities": self.entities, "relations": self.relations, "recall": self.entities["recall"],
                "precision": self.entities["precision"], "f1": self.entities["f1"]}

    def write_json(self, path: str | os.PathLike[str]) -> None:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(self.to_json(), f, indent=1, ensure_ascii=False)

    def passes(self, t: Thresholds = Thresholds()) -> bool:
        return (self.recall >= t.min_recall and self.precision >= t.min_precision and self.f1 >= t.min_f1
                and self.relation_f1 >= t.min_relation_f1)


def read_gold(path: str | os.PathLike[str]) -> Gold:
    with open(path, encoding="utf-8") as f:
        gold: Gold = json.load(f)
    return gold


def score(gold: Gold, dumps: Iterable[DumpSource], ontology_dir: str | os.PathLike[str] | None = None,
          context: Iterable[DumpSource] = ()) -> Scores:
    """Score DUMPs (files, or `Dump`s held in memory) against a parsed gold file; `context` dumps lend names,
    types and classes only; `ontology_dir` is the shared script's --ontology."""
    g = Graph(load(dumps, ontology_dir, context))
    m = Matcher(gold, g)
    return Scores(score_entities(gold, m, g), score_relations(gold, m, g))


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description="Score an RDF dump against a pow-kg-extraction-gold/1 file.")
    ap.add_argument("gold")
    ap.add_argument("dumps", nargs="+")
    ap.add_argument("--ontology")
    ap.add_argument("--context", action="append", default=[], help="dump that lends names and types only")
    ap.add_argument("--min-recall", type=float, default=0.0)
    ap.add_argument("--min-precision", type=float, default=0.0)
    ap.add_argument("--min-f1", type=float, default=0.0, help="entity F1 threshold")
    ap.add_argument("--min-relation-f1", type=float, default=0.0)
    ap.add_argument("--explain", type=int, default=0, metavar="N",
                    help="list N missed and wrong entities, missed relations and links that count as wrong")
    ap.add_argument("--json")
    return ap


def run(argv: Sequence[str] | None = None) -> int:
    """The shared script's command line: prints its lines, writes --json, returns 1 below a threshold."""
    a = parser().parse_args(argv)
    scores = score(read_gold(a.gold), a.dumps, a.ontology, a.context)
    print(*scores.table_lines(), *scores.explain_lines(a.explain), sep="\n")
    if a.json:
        scores.write_json(a.json)
    print(scores.final_line())
    t = Thresholds(a.min_recall, a.min_precision, a.min_f1, a.min_relation_f1)
    return 0 if scores.passes(t) else 1


def main(argv: Sequence[str] | None = None) -> None:
    sys.exit(run(argv))

"""Pairwise precision and recall of record links against a truth file (`kg synth --sources`' truth.csv).

A pair counts as linked when its status is asserted, accepted or implied (one person through other links);
proposed and rejected pairs do not. The truth's pairs are every pair of records of one person key."""

from __future__ import annotations

import csv
import itertools
from dataclasses import dataclass
from pathlib import Path

LINKED = ("asserted", "accepted", "implied")


@dataclass(frozen=True)
class PairScore:
    linked: int
    true: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.linked if self.linked else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.true if self.true else 1.0

    def format(self) -> str:
        return (f"pairwise precision {self.precision:.4f} ({self.correct:,}/{self.linked:,}), "
                f"recall {self.recall:.4f} ({self.correct:,}/{self.true:,})")


def score_links(links_csv: Path, truth_csv: Path) -> PairScore:
    with truth_csv.open(encoding="utf-8", newline="") as f:
        persons: dict[str, list[str]] = {}
        for row in csv.DictReader(f):
            persons.setdefault(row["person_key"], []).append(row["record_id"])
    true = {pair for members in persons.values() for pair in itertools.combinations(sorted(members), 2)}
    with links_csv.open(encoding="utf-8", newline="") as f:
        linked = {(min(r["record_a"], r["record_b"]), max(r["record_a"], r["record_b"]))
                  for r in csv.DictReader(f) if r["status"] in LINKED}
    return PairScore(len(linked), len(true), len(linked & true))

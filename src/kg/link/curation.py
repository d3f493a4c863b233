"""The curators' decisions on record links: `record_links.csv` in a data folder, one pair a line.

    record_a,record_b,decision,note
    syn-cf-0000012,syn-jl-0000010,accept,same unit and prefecture; the card misspells the given name
    syn-cf-0000044,syn-jl-0000051,reject,two brothers

Records are named by their row ids (the id column of their list). An accepted pair is one person whatever the
model says; a rejected pair is never joined, not even through other records. The next build respects the file.
Bad input stops the build with the file, the line and the fix, before anything is written."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError, Problem

HEADER = ["record_a", "record_b", "decision", "note"]
DECISIONS = ("accept", "reject")


@dataclass(frozen=True)
class Decision:
    a: str
    b: str
    accept: bool
    note: str
    file: Path
    line: int


def read_decisions(paths: list[Path], known: set[str]) -> list[Decision]:
    """The decisions of every curator file; `known`: the row ids of the records in the build."""
    problems: list[Problem] = []
    decisions: dict[tuple[str, str], Decision] = {}
    for path in paths:
        with path.open(encoding="utf-8-sig", newline="") as f:
            rows = csv.reader(f)
            header = [h.strip() for h in next(rows, [])]
            if header[:2] == ["record_id", "person_key"]:
                raise InputError([Problem(path, 1, None, "this is the answer file of kg synth (truth.csv), not a "
                                          "curator file: the build must not read which records are one person",
                                          f"move it out of the data folder; a curator file has the columns "
                                          f"{','.join(HEADER)}")])
            if header[:3] != HEADER[:3]:
                raise InputError([Problem(path, 1, None, f"the header is {','.join(header)!r}",
                                          f"write the header {','.join(HEADER)}")])
            for line, row in enumerate(rows, start=2):
                if not any(cell.strip() for cell in row):
                    continue
                a, b, decision = (row + ["", "", ""])[:3]
                a, b, decision = a.strip(), b.strip(), decision.strip().lower()
                note = row[3].strip() if len(row) > 3 else ""
                for rid in (a, b):
                    if rid not in known:
                        problems.append(Problem(path, line, None, f"no record has the id {rid!r}",
                                                "use the id column of a row of a list (card_file.csv, ...)"))
                if decision not in DECISIONS:
                    problems.append(Problem(path, line, None, f"the decision is {decision!r}",
                                            "write accept or reject"))
                if a == b:
                    problems.append(Problem(path, line, None, "a record is paired with itself", "name two records"))
                key = (min(a, b), max(a, b))
                earlier = decisions.get(key)
                if earlier is not None and earlier.accept != (decision == "accept"):
                    problems.append(Problem(path, line, None, f"this pair is also "
                                            f"{'accepted' if earlier.accept else 'rejected'} at {earlier.file}:"
                                            f"{earlier.line}", "keep one decision for the pair"))
                decisions[key] = Decision(key[0], key[1], decision == "accept", note, path, line)
    if problems:
        raise InputError(problems)
    return list(decisions.values())

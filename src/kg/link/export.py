"""`kg export --links`: the links between records as CSV, for evaluation and for curators.

Columns `record_a,record_b,score,status`, records named by their row ids. Status: `asserted` (the model joined
them), `accepted`/`rejected` (a curator), `proposed` (listed for review: below the threshold, or a join the
lists forbid), and `implied` for two records of one person that no single link joins (they are one person
through others; no score). Every pair of records of one person is in the file, so pairwise precision and
recall against a truth file count asserted, accepted and implied rows."""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from pyoxigraph import Store

from kg.sparql_text import query_file

SPARQL = Path(__file__).parents[1] / "sparql"


def _row_id(term: str) -> str:
    return term.rsplit("/", 1)[-1]


def write_links(links: Iterable[tuple[str, str, str | None, str]], records_of: Iterable[tuple[str, str]],
                out: TextIO) -> int:
    """Write the rows; `links`: (record a, record b, probability, status IRI); `records_of`: (record, person)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["record_a", "record_b", "score", "status"])
    seen: set[tuple[str, str]] = set()
    n = 0
    for a, b, probability, status in sorted(links):
        pair = (_row_id(a), _row_id(b))
        seen.add(pair)
        writer.writerow([*pair, probability or "", status.rsplit("#Link", 1)[-1].lower()])
        n += 1
    persons: dict[str, list[str]] = {}
    for record, person in records_of:
        persons.setdefault(person, []).append(_row_id(record))
    for members in persons.values():
        for pair in itertools.combinations(sorted(members), 2):
            if pair not in seen:
                writer.writerow([*pair, "", "implied"])
                n += 1
    return n


def export_links(store: Store, out: TextIO) -> int:
    links = ((s["a"].value, s["b"].value, s["probability"].value if s["probability"] else None, s["status"].value)
             for s in store.query(query_file(SPARQL / "record_links.rq"), use_default_graph_as_union=True))
    records_of = ((s["record"].value, s["person"].value)
                  for s in store.query(query_file(SPARQL / "records_of_persons.rq"), use_default_graph_as_union=True))
    return write_links(links, records_of, out)

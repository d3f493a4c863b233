"""The linkage model: Fellegi–Sunter, fitted and applied by splink 5 on DuckDB (in memory, no server).

Candidate pairs come from blocking rules (`BLOCKING`): the same family and given key, the same loose keys
(voicing folded), the two names swapped, or one name key with birth year and place of origin (a misheard other
name), or birth year, unit and place of origin with the loose family key. Rules are chosen so that no block
grows with the square of the registry: a rule on one name and birth year alone would give 250M pairs at 600k
persons. Each pair is compared on family and given name (Jaro–Winkler levels on the keys, a swapped-names level,
a level for a record without a given name), birth year (exact, one off), unit, camp (a section counts as its
camp), place of origin and date of death. The m probabilities are estimated by EM on sampled candidate pairs,
the u probabilities from random pairs; no labelled data is needed.

Why splink: it is the maintained reference implementation of Fellegi–Sunter in Python, and its DuckDB backend
evaluates the comparisons in SQL, column by column, far faster than a Python loop over tens of millions of pairs.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from kg.link.features import Row


@dataclass(frozen=True)
class ScoredPair:
    a: str
    b: str
    probability: float


BLOCKING = (("family", "given"), ("family_loose", "given_loose"), ("family", "birth_year", "origin"),
            ("given", "birth_year", "origin"), ("family", "birth_year", "unit"), ("given", "birth_year", "unit"),
            ("family", "death_date"), ("family_loose", "unit", "origin"))
EM_PAIRS = 2_000_000
MEMORY_LIMIT = "2GB"  # DuckDB spills to disk beyond it (issue 13: the linkage of 600k persons within 6 GB)


def _settings(unique: frozenset[str]):  # type: ignore[no-untyped-def]
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import SettingsCreator

    name = cl.CustomComparison(
        output_column_name="name",
        comparison_levels=[
            cll.NullLevel("family"),
            cll.ExactMatchLevel("full_name", term_frequency_adjustments=True),
            cll.ColumnsReversedLevel("family", "given"),
            cll.And(cll.JaroWinklerLevel("family", 0.9), cll.JaroWinklerLevel("given", 0.9)),
            cll.And(cll.ExactMatchLevel("family_loose"), cll.ExactMatchLevel("given_loose")),
            cll.Or(cll.And(cll.ExactMatchLevel("family"), cll.JaroWinklerLevel("given", 0.8)),
                   cll.And(cll.JaroWinklerLevel("family", 0.8), cll.ExactMatchLevel("given"))),
            # a list that gives only the family name (a clerk left the given name out)
            cll.And(cll.ExactMatchLevel("family"), cll.NullLevel("given")),
            cll.And(cll.JaroWinklerLevel("family", 0.9), cll.NullLevel("given")),
            cll.ElseLevel(),
        ],
    )
    birth_year = cl.CustomComparison(
        output_column_name="birth_year",
        comparison_levels=[cll.NullLevel("birth_year"), cll.ExactMatchLevel("birth_year"),
                           cll.AbsoluteDifferenceLevel("birth_year", 1), cll.ElseLevel()],
    )
    within = ""  # a list that holds each person once (a roll, a death list) is not compared with itself
    if unique:
        listed = ", ".join(f"'{u}'" for u in sorted(unique))
        within = f' AND (l."list" <> r."list" OR l."list" NOT IN ({listed}))'
    rules = [" AND ".join(f'l."{c}" = r."{c}"' for c in columns) + within for columns in BLOCKING]
    rules.append('l."family" = r."given" AND l."given" = r."family"' + within)
    return SettingsCreator(
        link_type="dedupe_only",
        comparisons=[name, birth_year, cl.ExactMatch("unit"), cl.ExactMatch("camp"),
                     cl.JaroWinklerAtThresholds("origin", [0.85]), cl.ExactMatch("death_date")],
        blocking_rules_to_generate_predictions=rules,
        retain_intermediate_calculation_columns=False,  # narrow pair tables: at 70M candidate pairs
        retain_matching_columns=False,                  # every retained column costs gigabytes
    )


TABLE_SCHEMA = pa.schema([(f, pa.int32() if f == "birth_year" else pa.string()) for f in Row._fields])


def score(rows: Iterable[Row], floor: float, unique: frozenset[str] = frozenset(),
          seed: int = 1) -> list[ScoredPair]:
    """Every candidate pair of the records with a match probability of at least `floor`. `unique`: the lists
    (`list` values) that hold each person at most once, whose records are not compared among
    themselves."""
    import duckdb
    from splink import DuckDBAPI

    columns = list(zip(*rows)) or [()] * len(Row._fields)  # column by column: no dict per record
    table = pa.Table.from_arrays([pa.array(c, type=f.type) for f, c in zip(TABLE_SCHEMA, columns)],
                                 schema=TABLE_SCHEMA)
    if table.num_rows < 2:
        return []
    with tempfile.TemporaryDirectory(prefix="kg-link-") as spill:
        connection = duckdb.connect(config={"memory_limit": MEMORY_LIMIT, "temp_directory": spill})
        try:
            return _score(DuckDBAPI(connection), table, floor, unique, seed)
        finally:
            connection.close()


def _score(db: Any, table: pa.Table, floor: float, unique: frozenset[str], seed: int) -> list[ScoredPair]:
    from splink import Linker, block_on

    linker = Linker(db.register(table), _settings(unique), log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("family", "given", "birth_year")], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=min(2_000_000, table.num_rows * 50), seed=seed)
    # m of the non-name fields from pairs that agree on the name; m of the name from pairs that agree on
    # birth year, unit and place of origin; each from a sample of at most EM_PAIRS pairs (the blocks grow with
    # the square of the registry: 51 s of 85 s at 300k persons without sampling)
    for rule in (block_on("family", "given"), block_on("birth_year", "unit", "origin")):
        linker.training.estimate_parameters_using_expectation_maximisation(rule, max_pairs=EM_PAIRS)
    predictions = linker.inference.predict(threshold_match_probability=floor)
    rows = predictions.as_duckdbpyrelation().select("unique_id_l, unique_id_r, match_probability").fetchall()
    return [ScoredPair(min(a, b), max(a, b), float(probability)) for a, b, probability in rows]

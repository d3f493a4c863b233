"""Scoring the text extractor against a gold file (format `pow-kg-extraction-gold/1`), for `kg eval`.

The extractor is run on the article exactly as `kg extract` runs it (the public `extract_paths`, the same
gazetteer), its quads are serialised to TriG in memory, as `kg extract` would write them, and that dump is scored
by `kg.extract.text.scoring`, the vendored copy of the team's reference scorer ../shared/tools/gold_score.py, with
the ontology of the settings (its --ontology). So `kg eval` reports the script's figures on the same dump, and
there is no table of the gold's relation phrases: the scorer compares entities by label and type and relations as
node pairs, whatever the predicates (rules in that package's docstring).

Context (the scorer's --context): curated entities the extractor links to lend their labels and types. By
default the curated store of the settings is exported as context when there is one; `default_context` says
what it found.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import RdfFormat, serialize

from kg.config import Settings
from kg.errors import InputError, Problem
from kg.extract.text import Gazetteer, extract_paths
from kg.extract.text.scoring import Dump, Scores, score
from kg.extract.text.scoring.graph import DumpSource
from kg.sources.text_checks import check_file

GOLD_FORMAT = "pow-kg-extraction-gold/1"


def read_gold(gold_path: Path, text_path: Path) -> dict:
    """The gold file, refused (InputError) when it is not one, or when it was written for another text."""
    try:
        gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InputError([Problem(gold_path, None, None, f"cannot read the gold file ({e})",
                                  f"give a JSON file in the {GOLD_FORMAT} format")]) from None
    if not isinstance(gold, dict) or gold.get("format") != GOLD_FORMAT:
        found = gold.get("format") if isinstance(gold, dict) else None
        raise InputError([Problem(gold_path, None, None, f"unknown gold format {found!r}",
                                  f"give a file in the {GOLD_FORMAT} format")])
    want = (gold.get("document") or {}).get("sha256")
    if want and hashlib.sha256(Path(text_path).read_bytes()).hexdigest() != want:
        raise InputError([Problem(text_path, None, None, "the text is not the one the gold was written for "
                                  "(sha256 differs)",
                                  "give the text file named in the gold's document.text_file")])
    return gold


def extraction_dump(text_path: Path, settings: Settings, gazetteer: Gazetteer | None = None) -> Dump:
    """What `kg extract TEXT` writes (TriG), held in memory."""
    quads = extract_paths([Path(text_path)], settings, gazetteer)
    return Dump(serialize(quads, format=RdfFormat.TRIG), RdfFormat.TRIG)


def default_context(settings: Settings) -> tuple[list[DumpSource], str]:
    """The curated store of the settings exported as TriG (as `kg export --format trig` writes it), if there is
    a built embedded store; else no context. Also a sentence saying which."""
    from kg.export import export
    from kg.store.embedded import open_store

    path = Path(settings.store_path)
    if not (path / "CURRENT").exists():
        return [], (f"no --context and no curated store at {path}: scoring without context (entities linked to "
                    "curated IRIs count only by what the extraction itself states of them)")
    out = io.BytesIO()
    export(open_store(path, read_only=True), "trig", out)
    return [Dump(out.getvalue(), RdfFormat.TRIG)], f"context: the curated store at {path}"


@dataclass(frozen=True)
class Pooled:
    """Figures of several articles from their summed counts (hits / gold, correct / extracted), so that a long
    article weighs more than a short one: how the blind corpora are reported."""

    entity_precision: float
    entity_recall: float
    relation_precision: float
    relation_recall: float

    @property
    def entity_f1(self) -> float:
        return _f1(self.entity_precision, self.entity_recall)

    @property
    def relation_f1(self) -> float:
        return _f1(self.relation_precision, self.relation_recall)


def pool(scores: Iterable[Scores]) -> Pooled:
    """The pooled figures of several articles' scores."""
    e = {k: 0 for k in ("found", "total", "correct", "extracted")}
    r = {k: 0 for k in ("found", "total", "correct_links", "links")}
    for s in scores:
        for k in e:
            e[k] += s.entities[k]
        for k in r:
            r[k] += s.relations[k]
    return Pooled(e["correct"] / max(e["extracted"], 1), e["found"] / max(e["total"], 1),
                  r["correct_links"] / max(r["links"], 1), r["found"] / max(r["total"], 1))


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(gold_path: Path, text_path: Path, settings: Settings | None = None,
             gazetteer: Gazetteer | None = None, context: Sequence[DumpSource] = ()) -> Scores:
    """Run the extractor on the text (with `gazetteer`, as `kg extract` builds it) and score its dump against
    the gold, with `context` dumps lending names and types and the ontology of the settings."""
    settings = settings or Settings()
    check_file(Path(text_path))
    gold = read_gold(Path(gold_path), Path(text_path))
    dump = extraction_dump(Path(text_path), settings, gazetteer)
    return score(gold, [dump], settings.ontology_dir, context)

"""The text extractor on the blind corpora: articles written, with their gold, by someone who never saw the
extractor (tests/fixtures/text/blind*/README.md). Their first-run figures are recorded in those READMEs and never
change; this test only keeps later changes from losing what the extractor has reached on them since: a pooled
floor a margin under the current figures, scored as `kg eval` scores (no gazetteer, no context)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import NamedNode, RdfFormat, Store

from kg.config import Settings
from kg.extract.text import extract_paths
from kg.extract.text.evaluate import evaluate, pool
from kg.validate.run import validate_store

FIXTURES = Path(__file__).parent / "fixtures" / "text"

# corpus -> (pooled entity F1 floor, pooled relation F1 floor): current figures minus ~0.03, rounded down
FLOORS = {"blind": (0.82, 0.48), "blind2": (0.80, 0.48), "blind3": (0.81, 0.44), "blind4": (0.81, 0.48),
          "blind5": (0.83, 0.44), "blind6": (0.80, 0.43), "blind7": (0.87, 0.53), "blind8": (0.83, 0.53),
          "blind9": (0.82, 0.37), "blind10": (0.78, 0.33), "blind11": (0.81, 0.41), "blind12": (0.79, 0.42),
          "blind13": (0.77, 0.30), "blind14": (0.83, 0.39), "blind15": (0.77, 0.36),
          "blind16": (0.78, 0.40), "blind17": (0.78, 0.32),
          "blind18": (0.73, 0.33), "blind19": (0.82, 0.42), "blind20": (0.83, 0.38), "blind21": (0.82, 0.38),
          "blind22": (0.79, 0.30), "blind23": (0.73, 0.30), "blind24": (0.77, 0.47), "blind25": (0.74, 0.23),
          "blind26": (0.79, 0.38), "blind27": (0.82, 0.44), "blind28": (0.78, 0.42),
          "blind29": (0.78, 0.41), "blind30": (0.80, 0.40)}


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_blind_corpus_keeps_its_pooled_quality(corpus: str, capsys: pytest.CaptureFixture) -> None:
    golds = sorted((FIXTURES / corpus).glob("*.gold.json"))
    pooled = pool(evaluate(g, g.with_name(g.name.removesuffix(".gold.json") + ".txt"), Settings(), gazetteer=None,
                           context=()) for g in golds)
    with capsys.disabled():
        print(f"\n{corpus}: pooled entity F1 {pooled.entity_f1:.3f}, relation F1 {pooled.relation_f1:.3f}")
    assert len(golds) == len(list((FIXTURES / corpus).glob("*.txt"))) >= 10
    assert pooled.entity_f1 >= FLOORS[corpus][0] and pooled.relation_f1 >= FLOORS[corpus][1], pooled


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_what_the_extractor_states_of_every_blind_article_conforms_to_the_shapes(corpus: str) -> None:
    settings = Settings()
    store = Store()
    for f in sorted(settings.ontology_dir.glob("*.ttl")):
        store.load(path=str(f), format=RdfFormat.TURTLE, to_graph=NamedNode("https://w3id.org/jpow-kg/ontology"))
    articles = sorted((FIXTURES / corpus).glob("*.txt"))
    assert len(articles) >= 10
    store.extend(extract_paths(articles, settings))
    report = validate_store(store, settings, engine="turbo")
    assert report.conforms, report.format()

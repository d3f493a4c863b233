"""`kg synth`: a deterministic synthetic registry that builds with the curated data, marked synthetic, plausible."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

from kg.build import build
from kg.cli import main
from kg.config import Settings
from kg.store.embedded import open_store
from kg.synth import generate

ROOT = Path(__file__).resolve().parents[1]
BASE = Settings().base_iri
PREFIXES = """PREFIX jpow: <https://w3id.org/jpow-kg/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def digest(folder: Path) -> dict[str, str]:
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in sorted(folder.iterdir())}


def rows(folder: Path, table: str) -> list[dict[str, str]]:
    with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "registry"
    assert main(["synth", "--persons", "200", "--seed", "3", "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def store(registry: Path, tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("store") / "store"
    build(Settings(), [ROOT / "data", registry], path, engine="sparql")
    return open_store(path)


def test_same_seed_gives_identical_files_and_another_seed_differs(registry: Path, tmp_path: Path) -> None:
    generate(200, 3, tmp_path / "again", quiet=True)
    generate(200, 4, tmp_path / "other", quiet=True)
    assert digest(tmp_path / "again") == digest(registry)
    assert digest(tmp_path / "other")["persons.csv"] != digest(registry)["persons.csv"]


def test_every_person_has_exactly_one_fate_and_dates_stay_in_1945_1956(registry: Path) -> None:
    persons = {r["id"] for r in rows(registry, "persons")}
    assert len(persons) == 200
    fates = [r["person"] for r in rows(registry, "repatriations") + rows(registry, "deaths")]
    assert sorted(fates) == sorted(persons)
    burials = {r["person"] for r in rows(registry, "burials")}
    assert burials == {r["person"] for r in rows(registry, "deaths")}
    for table in ("captures", "detentions", "transfers", "labour", "repatriations", "deaths", "burials"):
        for r in rows(registry, table):
            for col in ("date", "start_date", "end_date"):
                if r.get(col):
                    assert "1945-08-09" <= r[col] <= "1956-12-31", (table, r)
    for r in rows(registry, "detentions"):
        assert r["start_date"] <= r["end_date"]


def test_distributions_are_skewed_not_uniform(tmp_path: Path) -> None:
    generate(3000, 1, tmp_path / "big", quiet=True)
    names = [r["family_name"] for r in rows(tmp_path / "big", "persons")]
    counts = sorted((names.count(n) for n in set(names)), reverse=True)
    assert counts[0] > 5 * counts[-1]  # Sato is far commoner than the rarest name
    died = len(rows(tmp_path / "big", "deaths")) / 3000
    assert 0.05 < died < 0.15  # about one in ten died, as in the registries' totals


def test_registry_builds_with_the_curated_data_and_references_curated_camps(store) -> None:
    n = store.query(PREFIXES + "SELECT (COUNT(?p) AS ?n) WHERE { ?p a jpow:PrisonerOfWar }",
                    use_default_graph_as_union=True)
    assert int(next(iter(n))["n"].value) == 200
    ask = PREFIXES + f"ASK {{ ?d a jpow:Detention ; jpow:camp <{BASE}id/camp/camp-99-spassky> }}"
    assert store.query(ask, use_default_graph_as_union=True)


def test_synthetic_facts_live_in_their_own_graphs_and_cite_the_synthetic_dataset(store) -> None:
    q = PREFIXES + f"""SELECT DISTINCT ?g ?src ?page WHERE {{
        GRAPH ?g {{ <{BASE}id/person/syn-p0000001> jpow:familyName ?name }}
        ?g prov:wasDerivedFrom ?src ; jpow:page ?page .
        ?src jpow:partOf <{BASE}id/publication/syn-registry> }}"""
    sols = list(store.query(q, use_default_graph_as_union=True))
    assert len(sols) == 1
    assert sols[0]["g"].value.startswith(f"{BASE}graph/synthetic-registry/")
    assert sols[0]["page"].value == "d. 1, l. 1"  # the record's place in the card file
    dataset = PREFIXES + f"ASK {{ <{BASE}id/publication/syn-registry> a jpow:Dataset ; rdfs:comment ?c . " \
                         "FILTER CONTAINS(?c, \"SYNTHETIC\") }"
    assert store.query(dataset, use_default_graph_as_union=True)


def test_every_death_states_its_cause_in_words(store) -> None:
    q = PREFIXES + """SELECT (COUNT(?d) AS ?deaths) (COUNT(?cause) AS ?causes) (SAMPLE(?cause) AS ?one) WHERE {
        ?d a jpow:Death . OPTIONAL { ?d jpow:causeOfDeath ?cause } }"""
    sol = next(iter(store.query(q, use_default_graph_as_union=True)))
    assert int(sol["deaths"].value) > 0 and sol["causes"].value == sol["deaths"].value
    assert sol["one"].language == "en"


def test_person_carries_both_scripts_and_a_typed_birth_year(store) -> None:
    q = PREFIXES + f"""SELECT ?en ?ja ?year WHERE {{ <{BASE}id/person/syn-p0000001> rdfs:label ?en , ?ja ;
        jpow:birthYear ?year FILTER(LANG(?en) = "en" && LANG(?ja) = "ja") }}"""
    sol = next(iter(store.query(q, use_default_graph_as_union=True)))
    assert sol["en"].value.isascii() and not sol["ja"].value.isascii()
    assert sol["year"].datatype.value.endswith("#gYear") and 1890 <= int(sol["year"].value) <= 1928


def test_default_build_has_no_synthetic_data(tmp_path: Path) -> None:
    assert Settings().data_dirs == (Path("data"),)
    assert not any("syn-" in line.split(",", 1)[0] for f in (ROOT / "data").glob("*.csv")
                   for line in f.read_text(encoding="utf-8").splitlines())


def test_zero_persons_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        generate(0, 1, tmp_path / "none", quiet=True)

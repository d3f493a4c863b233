"""The saved competency questions (queries/*.rq): each has a header, parses, and gives the answer the
curated data states, on a store built from data/ by `kg.build` (session fixture `curated_store`).

Parameters are bound as the saved-query API binds them on the embedded store (pyoxigraph substitutions), and
must give the same answer when bound as it binds them on a remote store (a VALUES block opening the WHERE group);
every query must also run with them unbound. Each closure with a fixed end is written as queries/README.md
asks, so that Virtuoso answers it right. Results are
compared by entity id (the last segment of the IRI) and literal lexical value, so the pins hold for any base
IRI.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Store, Variable

from kg.config import Settings
from kg.iri import entity_iri
from kg.serve.saved_queries import parse_saved_query
from kg.sparql_text import bind_parameters
from kg.vocab import GEO, JPOW

ROOT = Path(__file__).resolve().parents[1]
QUERIES = sorted((ROOT / "queries").glob("*.rq"))


def node(term: NamedNode | Literal | None) -> str | None:
    """An entity or term as its id (last IRI segment), a literal as its lexical value."""
    if term is None:
        return None
    if isinstance(term, NamedNode):
        return re.split(r"[/#]", term.value)[-1]
    return term.value


def _rows(result) -> list[dict[str, str | None]]:
    names = [v.value for v in result.variables]
    return [{n: node(solution[n]) for n in names} for solution in result]


def ask(store: Store, name: str, **params: NamedNode | Literal) -> list[dict[str, str | None]]:
    """Run queries/{name}.rq with its parameters bound as the saved-query API binds them (substitutions),
    and check that binding them as it does over a remote store gives the same answer."""
    saved = parse_saved_query(ROOT / "queries" / f"{name}.rq")
    declared = {p.name for p in saved.params}
    assert set(params) <= declared, f"{name}.rq declares {declared}, not {set(params) - declared}"
    rows = _rows(store.query(saved.text, use_default_graph_as_union=True,
                             substitutions={Variable(k): v for k, v in params.items()} or None))
    if params:
        assert _rows(store.query(bind_parameters(saved.text, params), use_default_graph_as_union=True)) == rows, \
            f"{name}.rq answers differently when its parameters are bound by VALUES"
    return rows


def entity(kind: str, slug: str) -> NamedNode:
    """The IRI of a curated row, under the base IRI the build used."""
    return entity_iri(Settings().base_iri, kind, slug)


def column(rows: list[dict], name: str) -> list[str | None]:
    return [r[name] for r in rows]


# --- every file ------------------------------------------------------------------------------------------

def test_there_are_at_least_twelve_saved_questions() -> None:
    assert len(QUERIES) >= 12, [q.name for q in QUERIES]


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.name)
def test_query_has_a_header_and_parses(path: Path) -> None:
    saved = parse_saved_query(path)  # the server's reading of the header; raises on a malformed one
    assert saved.description, f"{path.name}: needs a '# description: …' line"
    for param in saved.params:
        assert param.description, f"{path.name}: parameter {param.name} has no description"
        assert re.search(rf"\?{param.name}\b", saved.text), f"{path.name}: parameter ?{param.name} is not used"
    Store().query(saved.text)  # parses (SyntaxError otherwise) and runs on an empty store


# A path with * or + whose subject or object is an IRI or a prefixed name (not a variable).
_FIXED_END_CLOSURE = re.compile(r"(?:^|[\s{.;])(?:<[^>\s]*>|[A-Za-z][\w-]*:[\w-]+)\s+\S*[*+]\s+\?\w+"
                                r"|\?\w+\s+\S*[*+]\s+(?:<[^>\s]*>|[A-Za-z][\w-]*:[\w-]+)\s*[.;}]")


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.name)
def test_closures_with_a_fixed_end_are_computed_in_a_limited_sub_select(path: Path) -> None:
    """queries/README.md, rule 1: Virtuoso 7.2 loses rows of such a closure joined with other patterns."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.lstrip().startswith("#") or not _FIXED_END_CLOSURE.search(line):
            continue
        assert re.search(r"\{ SELECT .*\} LIMIT \d+ \}", line), \
            f"{path.name}:{number}: write this closure as {{ SELECT … WHERE {{ … }} LIMIT 1000000 }} (queries/README.md)"


def test_the_closure_rule_catches_an_unfenced_class_closure(tmp_path: Path) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("# title: t\nSELECT * WHERE {\n  ?c a ?k .\n  ?k rdfs:subClassOf* jpow:Camp .\n}\n")
    with pytest.raises(AssertionError, match="bad.rq:4"):
        test_closures_with_a_fixed_end_are_computed_in_a_limited_sub_select(bad)


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.name)
def test_query_answers_unbound_on_the_curated_data(curated_store: Store, path: Path) -> None:
    assert ask(curated_store, path.stem), f"{path.name} gives no rows on the curated data"


# --- one question each -----------------------------------------------------------------------------------

def test_camps_of_kazakhstan_and_the_karaganda_region(curated_store: Store) -> None:
    answer = ask(curated_store, "karaganda-camps")
    rows = {r["camp"]: r for r in answer}
    assert set(rows) == {"karlag", "camp-99-spassky", "camp-37", "camp-39"}
    assert answer[0]["camp"] == "karlag"  # the one placed in the region comes first
    assert rows["karlag"]["inKaragandaRegion"] == "true" and rows["karlag"]["kind"] == "CorrectionalLabourCamp"
    assert {c: rows[c]["number"] for c in ("camp-99-spassky", "camp-37", "camp-39")} == \
        {"camp-99-spassky": "99", "camp-37": "37", "camp-39": "39"}
    # Camp 99 is placed by two statements (Kazakhstan, p. 76; the Kazakhstan Economic Region, p. 77).
    assert set(rows["camp-99-spassky"]["locations"].split("; ")) == {"Kazakhstan", "Kazakhstan Economic Region"}
    assert {rows[c]["superiorLabel"] for c in ("camp-99-spassky", "camp-37", "camp-39")} == \
        {"Main Directorate for Prisoners of War and Internees of the USSR Ministry of Internal Affairs"}


def test_camps_in_a_region_follow_located_in(curated_store: Store) -> None:
    in_region = ask(curated_store, "camps-in-region", region=entity("place", "karaganda-region"))
    assert column(in_region, "camp") == ["karlag"]
    in_kazakhstan = ask(curated_store, "camps-in-region", region=entity("place", "kazakhstan"))
    assert sorted(column(in_kazakhstan, "camp")) == ["camp-37", "camp-39", "camp-99-spassky", "karlag"]
    assert {r["camp"]: r["location"] for r in in_kazakhstan}["karlag"] == "karaganda-region"


def test_prisoner_figures_and_the_japanese_share_in_the_karaganda_region(curated_store: Store) -> None:
    rows = ask(curated_store, "prisoner-figures-in-place", place=entity("place", "karaganda-region"))
    got = {r["statistic"]: (r["qualifier"], r["value"], r["unit"], r["page"]) for r in rows}
    assert got == {
        "stat-pows-karaganda-total": ("Exact", "31074", "Person", "77"),
        "stat-japanese-pows-karaganda": ("Exact", "15735", "Person", "77"),
        "stat-japanese-share-karaganda": ("Exact", "50.6", "Percent", "77"),
        "stat-coal-plant-workers": ("Exact", "4721", "Person", "77"),
    }
    assert column(rows, "statistic")[0] == "stat-pows-karaganda-total"  # largest first
    value = {r["statistic"]: float(r["value"]) for r in rows}
    share = 100 * value["stat-japanese-pows-karaganda"] / value["stat-pows-karaganda-total"]
    assert round(share, 1) == value["stat-japanese-share-karaganda"]  # the stated share agrees with the counts


def test_legal_acts_come_in_date_order_with_issuers(curated_store: Store) -> None:
    rows = ask(curated_store, "legal-acts-by-date")
    assert column(rows, "act") == [
        "resolution-gko-9898", "decision-1947-repatriate-german-pows", "geneva-convention-1949",
        "san-francisco-peace-treaty", "decree-1955-release-german-pows", "agreement-1991-pow-camps",
        "decree-kazakhstan-689-1992",
        # undated, by label
        "anglo-american-draft-treaty", "article-58", "japanese-compensation-law", "potsdam-declaration",
        "soviet-japanese-declaration",
    ]
    by_act = {r["act"]: r for r in rows}
    assert (by_act["resolution-gko-9898"]["date"], by_act["resolution-gko-9898"]["number"],
            by_act["resolution-gko-9898"]["issuers"]) == ("1945-08-23", "9898", "State Defense Committee")
    assert by_act["decree-kazakhstan-689-1992"]["issuers"] == "Cabinet of Ministers of the Republic of Kazakhstan"
    assert set(by_act["soviet-japanese-declaration"]["issuers"].split("; ")) == {"Soviet Union", "Japan"}
    assert by_act["decree-1955-release-german-pows"]["placeLabel"] == "Moscow"


def test_what_resolution_9898_provided_for(curated_store: Store) -> None:
    rows = ask(curated_store, "legal-act-details", act=entity("legal-act", "resolution-gko-9898"))
    assert {(r["relation"], r["target"]) for r in rows} == {
        ("issued by", "state-defense-committee"),
        ("concerns", "japanese-army"), ("concerns", "manchuria"), ("concerns", "far-east"),
        ("concerns", "eastern-siberia"), ("concerns", "krasnoyarsk-krai"), ("concerns", "altai-krai"),
        ("figure", "stat-resolution-9898-quota"),
    }
    assert {r["date"] for r in rows} == {"1945-08-23"}
    assert next(r["asWritten"] for r in rows if r["relation"] == "figure") == "500 thousand"


def test_publications_with_authors_and_editors(curated_store: Store) -> None:
    rows = ask(curated_store, "publications-by-person")
    assert {(r["person"], r["role"], r["publication"]) for r in rows} == {
        ("katasonova-e-l", "author", "katasonova-2003"),
        ("katasonova-e-l", "author", "katasonova-2005"),
        ("katasonova-e-l", "author", "katasonova-2023"),
        ("kuznetsov-s", "author", "kuznetsov-1994"),
        ("karpov-v", "author", "karpov-prisoners-of-stalin"),
        ("zagorulko-m-m", "editor", "pows-in-ussr-1939-1956"),
        ("dulatbekov-n-o", "editor", "japanese-pows-karaganda-region-2011"),
    }
    monograph = next(r for r in rows if r["publication"] == "japanese-pows-karaganda-region-2011")
    assert (monograph["year"], monograph["placeLabel"], monograph["publisherLabel"], monograph["kind"]) == \
        ("2011", "Astana", "Regis ST-Polygraph", "Monograph")
    hers = ask(curated_store, "publications-by-person", person=entity("person", "katasonova-e-l"))
    assert column(hers, "year") == ["2003", "2005", "2023"]


def test_repatriation_timeline(curated_store: Store) -> None:
    rows = ask(curated_store, "repatriation-timeline")
    dated = [(r["event"], r["when"]) for r in rows if r["when"]]
    assert dated == [
        ("repatriation-german-pows", "1950"),
        ("departure-final-batch-1956", "1956-12-23"),
        ("handover-death-lists-1991", "1991"),
        ("handover-book-of-memory-1994", "1994-04"),
    ]
    assert column(rows, "when")[len(dated):] == [None] * (len(rows) - len(dated))  # undated last
    by_event = {r["event"]: r for r in rows}
    assert {"transfer-japanese-pows-to-ussr", "arrival-japanese-pows-kazakhstan", "return-japanese-pows-homeland",
            "repatriation-convicted-german-pows-1955", "rehabilitation-japanese-convicts"} <= set(by_event)
    home = by_event["return-japanese-pows-homeland"]
    assert (home["duration"], home["originLabel"], home["destinations"]) == ("more than 10 years", "Soviet Union", "Japan")
    assert by_event["transfer-japanese-pows-to-ussr"]["originLabel"] == "Manchuria"


def test_evidence_gives_source_and_page_of_each_statement(curated_store: Store) -> None:
    rows = ask(curated_store, "evidence-for-entity", entity=entity("camp", "camp-99-spassky"), property=JPOW.location)
    assert {(r["value"], r["source"], r["page"]) for r in rows} == {
        ("kazakhstan", "katasonova-2023", "76-77"),
        ("kazakhstan-economic-region", "katasonova-2023", "77"),
    }
    assert len({r["graph"] for r in rows}) == 2  # two statements, two assertion graphs
    lat = ask(curated_store, "evidence-for-entity", entity=entity("place", "moscow"), property=GEO.lat)
    assert [(r["value"], r["source"], r["page"]) for r in lat] == [("55.75", "geonames", "524901")]


def test_conflicting_page_counts_of_the_monograph(curated_store: Store) -> None:
    figures = ask(curated_store, "conflicting-figures")
    assert [(r["measured"], r["unit"], r["figure1"], r["page1"], r["figure2"], r["page2"]) for r in figures] == [
        ("japanese-pows-karaganda-region-2011", "Page", "1232", "77", "1240", "76")]
    values = ask(curated_store, "conflicting-values")
    assert [(r["entity"], r["property"], r["value1"], r["page1"], r["value2"], r["page2"]) for r in values] == [
        ("japanese-pows-karaganda-region-2011", "pageCount", "1232", "77", "1240", "76")]


def test_persons_by_role(curated_store: Store) -> None:
    historians = ask(curated_store, "persons-by-role", role=JPOW.RoleHistorian)
    assert set(column(historians, "person")) == {
        "katasonova-e-l", "kuznetsov-s", "zagorulko-m-m", "dulatbekov-n-o", "mikheeva-l", "nikolaev-v"}
    journalists = ask(curated_store, "persons-by-role", role=JPOW.RoleJournalist)
    assert set(column(journalists, "person")) == {"tsvetov-v", "tavrovsky-y", "dunaev-v"}
    rector = next(r for r in historians if r["person"] == "dulatbekov-n-o")
    assert set(rector["titles"].split("; ")) == {"Doctor of Historical Sciences", "Professor"}
    assert rector["affiliations"] == "Karaganda Bolashak University"


def test_archives_and_the_works_based_on_them(curated_store: Store) -> None:
    rows = ask(curated_store, "archives")
    assert {(r["archive"], r["locationLabel"], r["relation"], r["work"]) for r in rows} == {
        ("rgva", "Russia", "based on", "japanese-pows-karaganda-region-2011"),
        ("garf", "Russia", "based on", "japanese-pows-karaganda-region-2011"),
        ("state-archive-karaganda-region", "Karaganda region", "based on", "japanese-pows-karaganda-region-2011"),
        ("state-archive-zhezkazgan", "Zhezkazgan", "based on", "japanese-pows-karaganda-region-2011"),
        ("foreign-policy-archive-russia", "Russia", None, None),
    }
    assert {r["archive"]: r["parentLabel"] for r in rows}["foreign-policy-archive-russia"] == "Russian Foreign Ministry"


def test_statistics_keep_qualifier_and_bounds(curated_store: Store) -> None:
    lower = ask(curated_store, "statistics", qualifier=JPOW.QualifierLowerBound)
    assert {r["statistic"]: (r["min"], r["value"], r["unit"]) for r in lower} == {
        "stat-japanese-sent-to-ussr": ("600000", None, "Person"),
        "stat-japanese-pow-deaths": ("60000", None, "Person"),
        "stat-certificates": ("40000", None, "Person"),
        "stat-german-convicts-repatriated": ("14000", None, "Person"),
        "stat-final-batch-1956": ("1000", None, "Person"),
        "stat-return-duration": ("10", None, "Year"),
        "stat-camp-99-share": ("0.3333", None, "Fraction"),
    }
    assert {r["statistic"]: r["fraction"] for r in lower}["stat-camp-99-share"] == "1/3"
    approximate = ask(curated_store, "statistics", qualifier=JPOW.QualifierApproximate)
    assert {(r["statistic"], r["value"], r["unit"]) for r in approximate} == {
        ("stat-half-at-hardest-sites", "0.5", "Fraction"), ("stat-missing-fate-unknown", "0.5", "Fraction")}
    assert len(ask(curated_store, "statistics")) == 23


def test_organisations_under_a_body(curated_store: Store) -> None:
    rows = ask(curated_store, "organisation-hierarchy", top=entity("organization", "ussr-ministry-internal-affairs"))
    assert {(r["organisation"], r["superior"]) for r in rows} == {
        ("main-directorate-pows-internees", "ussr-ministry-internal-affairs"),
        ("camp-99-spassky", "main-directorate-pows-internees"),
        ("camp-37", "main-directorate-pows-internees"),
        ("camp-39", "main-directorate-pows-internees"),
    }
    coal = ask(curated_store, "organisation-hierarchy", top=entity("organization", "ministry-coal-industry"))
    assert [(r["organisation"], r["kind"]) for r in coal] == [("karaganda-coal-plant", "Enterprise")]


def test_events_in_a_place(curated_store: Store) -> None:
    japan = ask(curated_store, "events-in-place", place=entity("place", "japan"))
    assert {(r["event"], r["role"]) for r in japan} == {
        ("return-japanese-pows-homeland", "destination"),
        ("gorbachev-visit-japan-1991", "location"),
        ("gorbachev-visit-japan-1991", "destination"),
        ("handover-death-lists-1991", "destination"),
        ("change-of-power-japan-2009", "location"),
        ("public-movement-former-pows-japan", "location"),
        ("establishment-special-center", "location"),
    }
    kazakhstan = ask(curated_store, "events-in-place", place=entity("place", "kazakhstan"))
    assert {(r["event"], r["whereLabel"]) for r in kazakhstan} == {
        ("arrival-japanese-pows-kazakhstan", "Kazakhstan"), ("labour-use-karaganda-region", "Karaganda region")}


def test_where_the_prisoners_worked(curated_store: Store) -> None:
    rows = ask(curated_store, "labour-of-prisoners")
    assert {(r["enterprise"], r["ministryLabel"], r["workers"], r["campLabel"]) for r in rows} == {
        ("karaganda-coal-plant", "Ministry of Coal Industry", "4721", "Spassky camp No. 99"),
        ("glavkaragandashakhstroy", None, None, "Spassky camp No. 99"),
    }


def test_sources_cited_count_every_row_and_claim(curated_store: Store) -> None:
    cited: dict[str, int] = {}
    for table in sorted((ROOT / "data").glob("*.csv")):
        with table.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                cited[row["source"]] = cited.get(row["source"], 0) + 1
    rows = ask(curated_store, "sources-cited")
    assert {r["source"]: int(r["assertions"]) for r in rows} == cited
    assert {r["source"]: r["kind"] for r in rows} == {"katasonova-2023": "Article", "geonames": "Dataset"}


@pytest.fixture(scope="module")
def store_with_a_text(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, str]:
    """The curated data plus one invented article (tests/fixtures/text/balkhash.txt) read by the text extractor."""
    from kg.build import build
    from kg.store.embedded import open_store

    sources = tmp_path_factory.mktemp("sources")
    article = ROOT / "tests" / "fixtures" / "text" / "balkhash.txt"
    (sources / article.name).write_bytes(article.read_bytes())
    path = tmp_path_factory.mktemp("with-text") / "store"
    build(Settings(), [ROOT / "data"], path, sources_dir=sources)
    return open_store(path), article.read_text(encoding="utf-8")


def test_evidence_gives_the_exact_passage_of_a_fact_read_from_a_text(store_with_a_text: tuple[Store, str]) -> None:
    store, text = store_with_a_text
    (act,) = [s["act"] for s in store.query(
        'SELECT ?act WHERE { ?act <https://w3id.org/jpow-kg/ontology#number> "1234" }', use_default_graph_as_union=True)]
    saved = parse_saved_query(ROOT / "queries" / "evidence-for-entity.rq")
    (row,) = store.query(saved.text, use_default_graph_as_union=True,
                         substitutions={Variable("entity"): act, Variable("property"): JPOW.number})
    start, end = int(row["start"].value), int(row["end"].value)
    assert text[start:end] == row["quote"].value
    assert "Resolution No. 1234" in row["quote"].value
    assert node(row["source"]) == "balkhash"

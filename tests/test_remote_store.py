"""One behaviour suite, three stores: the curated data built (SHACL-validated) into the embedded store, into
`oxigraph serve` and into Virtuoso, each served by `kg serve`, must answer like the reference — the embedded
build served the same way: the SPARQL endpoint, the saved competency questions, the saved-query API,
dereferencing and VoID. Store failures reach the client as HTTP errors.

Servers run on 127.0.0.1 (tests/stores.py); a missing server program skips its store (fails under CI=true).
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from pyoxigraph import Literal, NamedNode, Quad, QueryResultsFormat, Store, RdfFormat, parse, parse_query_results

import stores
from kg.build import BuildRejected, build
from kg.cli import main as cli_main
from kg.config import Settings
from kg.serve.app import create_app
from kg.serve.saved_queries import parse_saved_query
from kg.store.profiles import load
from kg.serve.remote_backend import RemoteBackend
from kg.sparql_text import bind_parameters
from kg.store.http import Endpoints
from kg.store.manifest import KG
from kg.store.remote import RemoteStore
from test_build import write_data

ROOT = Path(__file__).resolve().parents[1]
QUERIES = sorted((ROOT / "queries").glob("*.rq"))
BASE = "https://w3id.org/jpow-kg/"
STORES = ["embedded", "oxigraph", "virtuoso"]
XSD_BOOLEAN, XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#boolean", "http://www.w3.org/2001/XMLSchema#integer"
PARAMETERS = [(path, param.name) for path in QUERIES for param in parse_saved_query(path).params]


@dataclass
class Deployed:
    name: str
    settings: Settings
    http: httpx.Client


def _app(settings: Settings):
    """The app as `kg serve` makes it: a remote store when the settings name one (KG_STORE_QUERY)."""
    app = create_app(settings)
    assert isinstance(app.state.ctx.backend, RemoteBackend) == settings.remote
    return app


@pytest.fixture(scope="module")
def reference(curated_store_path: Path) -> Iterator[httpx.Client]:
    """The embedded build of data/, served: what every store must answer."""
    with stores.serving(create_app(Settings().with_(store_path=curated_store_path))) as url, \
            httpx.Client(base_url=url, timeout=60) as http:
        yield http


@pytest.fixture(scope="module", params=STORES)
def deployed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployed]:
    """data/ built by `kg.build` into the store (validated locally first), then served by `kg serve`."""
    if request.param == "embedded":
        settings = Settings().with_(store_path=tmp_path_factory.mktemp("embedded") / "store")
    else:
        settings = stores.running(request.param, tmp_path_factory).settings()
    build(settings, data_dirs=[ROOT / "data"])
    with stores.serving(_app(settings)) as url, httpx.Client(base_url=url, timeout=60) as http:
        yield Deployed(request.param, settings, http)


def concatenated(query: str) -> set[str]:
    """The variables a query binds with GROUP_CONCAT."""
    return set(re.findall(r"GROUP_CONCAT\s*\((?:[^()]|\([^()]*\))*\)\s+AS\s+\?(\w+)", query, re.IGNORECASE))


def solutions(body: bytes, query: str = "") -> list[tuple[str, ...]]:
    """SELECT results as sorted rows of N-Triples terms, with the two freedoms SPARQL leaves to a store
    normalised: a GROUP_CONCAT's order and language tag (Oxigraph keeps a common tag, the standard and Virtuoso
    give a plain string), and an empty GROUP_CONCAT as "" or unbound; and one known Virtuoso difference:
    it has no boolean type and answers true and false as the integers 1 and 0 (docs/deploy.md)."""
    result = parse_query_results(body, QueryResultsFormat.JSON)
    names = [v.value for v in result.variables]
    concat = concatenated(query)

    def term(name: str, t) -> str:
        if t is None or (isinstance(t, Literal) and t.value == "" and not t.language):
            return ""
        if name in concat:
            return "; ".join(sorted(t.value.split("; ")))
        if isinstance(t, Literal) and t.datatype.value == XSD_BOOLEAN:
            return f'"{int(t.value in ("true", "1"))}"^^<{XSD_INTEGER}>'
        return str(t)

    return sorted(tuple(term(n, s[n]) for n in names) for s in result)


def api_rows(response: httpx.Response, query: str) -> list[list[tuple[str, str]]]:
    """The saved-query API's rows, sorted, with the freedoms `solutions` normalises normalised the same way."""
    assert response.status_code == 200, response.text
    concat = concatenated(query)

    def cell(name: str, value: object) -> str:
        if isinstance(value, bool):
            return str(int(value))
        return "; ".join(sorted(str(value).split("; "))) if name in concat else str(value)

    return sorted(sorted((k, cell(k, v)) for k, v in row.items() if v not in (None, ""))
                  for row in response.json()["rows"])


def ask_sparql(http: httpx.Client, query: str) -> httpx.Response:
    return http.post("sparql", data={"query": query}, headers={"Accept": "application/sparql-results+json"})


# --- the build -----------------------------------------------------------------------------------------------

def test_build_holds_every_graph_of_the_embedded_build(deployed: Deployed, reference: httpx.Client) -> None:
    query = f'SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{BASE}")) }} GROUP BY ?g'
    got, expected = ask_sparql(deployed.http, query), ask_sparql(reference, query)
    assert got.status_code == 200, got.text
    assert solutions(got.content) == solutions(expected.content)


def test_invalid_build_is_rejected_by_shacl_and_the_store_keeps_the_previous_build(
        deployed: Deployed, reference: httpx.Client, tmp_path: Path) -> None:
    bad = write_data(tmp_path / "bad", **{
        "statistics.csv": "id,type,source,page,label_en,qualifier,value,min,max,unit,population\n"
                          "odd-range,Statistic,src-a,15,A range upside down,range,,900,100,person,prisoners\n"})
    with pytest.raises(BuildRejected):
        build(deployed.settings, [bad])
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), \"{BASE}\")) }}"
    assert solutions(ask_sparql(deployed.http, query).content) == solutions(ask_sparql(reference, query).content)
    if deployed.settings.remote:
        staged = RemoteStore.from_settings(deployed.settings).count(
            f'GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{KG}stage:"))')
        assert staged == 0, "a rejected build must not upload anything"


# --- SPARQL endpoint and saved questions ------------------------------------------------------------------

@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_competency_question_gets_the_reference_answer(deployed: Deployed, reference: httpx.Client, path: Path) -> None:
    text = parse_saved_query(path).text
    got = ask_sparql(deployed.http, text)
    assert got.status_code == 200, got.text
    expected = solutions(ask_sparql(reference, text).content, text)
    assert expected, f"{path.name} has no answer on the reference build: the comparison would prove nothing"
    assert solutions(got.content, text) == expected


@pytest.mark.parametrize("accept", ["text/csv", "application/sparql-results+xml", "text/tab-separated-values"])
def test_endpoint_serves_each_results_format(deployed: Deployed, reference: httpx.Client, accept: str) -> None:
    query = "SELECT ?camp ?n WHERE { ?camp <https://w3id.org/jpow-kg/ontology#number> ?n } ORDER BY ?camp ?n"
    got = deployed.http.post("sparql", data={"query": query}, headers={"Accept": accept})
    assert got.status_code == 200, got.text
    assert got.headers["content-type"].startswith(accept)
    expected = reference.post("sparql", data={"query": query}, headers={"Accept": accept})
    if accept == "text/csv":  # lossy (no term types), and quoting is free: compare the cells
        cells = list(csv.reader(io.StringIO(got.text)))
        assert len(cells) > 1 and cells == list(csv.reader(io.StringIO(expected.text)))
        return
    fmt = QueryResultsFormat.XML if "xml" in accept else QueryResultsFormat.TSV
    rows = [tuple(map(str, s)) for s in parse_query_results(got.content, fmt)]
    assert rows and rows == [tuple(map(str, s)) for s in parse_query_results(expected.content, fmt)]


def test_construct_gives_the_reference_triples(deployed: Deployed, reference: httpx.Client) -> None:
    query = "CONSTRUCT { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } WHERE { " \
            "?s a <https://w3id.org/jpow-kg/ontology#PrisonerOfWarCamp> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    got = deployed.http.post("sparql", data={"query": query}, headers={"Accept": "text/turtle"})
    assert got.status_code == 200, got.text
    expected = reference.post("sparql", data={"query": query}, headers={"Accept": "text/turtle"})
    triples = {str(t) for t in parse(got.content, RdfFormat.TURTLE)}
    assert triples and triples == {str(t) for t in parse(expected.content, RdfFormat.TURTLE)}


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/sparql-results+xml"])
def test_ask_gives_a_standard_boolean(deployed: Deployed, accept: str) -> None:
    for answer, query in ((True, "ASK { GRAPH ?g { ?s a <https://w3id.org/jpow-kg/ontology#PrisonerOfWarCamp> } }"),
                          (False, f"ASK {{ GRAPH ?g {{ <{BASE}id/camp/no-such-camp> ?p ?o }} }}")):
        got = deployed.http.post("sparql", data={"query": query}, headers={"Accept": accept})
        assert got.status_code == 200, got.text
        fmt = QueryResultsFormat.JSON if "json" in accept else QueryResultsFormat.XML
        assert bool(parse_query_results(got.content, fmt)) is answer


def test_syntax_error_is_a_400(deployed: Deployed) -> None:
    got = ask_sparql(deployed.http, "SELECT * WHERE { ?s ?p }")
    assert got.status_code == 400, got.text


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_saved_query_api_gives_the_reference_rows(deployed: Deployed, reference: httpx.Client, path: Path) -> None:
    text = parse_saved_query(path).text
    expected = api_rows(reference.get(f"api/queries/{path.stem}", params={"limit": 1000}), text)
    assert expected and api_rows(deployed.http.get(f"api/queries/{path.stem}", params={"limit": 1000}), text) == expected


@pytest.mark.parametrize(("path", "param"), PARAMETERS, ids=lambda v: v.stem if isinstance(v, Path) else v)
def test_saved_query_api_binds_each_parameter_like_the_reference(
        deployed: Deployed, reference: httpx.Client, path: Path, param: str) -> None:
    """Each parameter bound to (up to) three of the values the unbound question answers with."""
    text = parse_saved_query(path).text
    unbound = reference.get(f"api/queries/{path.stem}", params={"limit": 1000}).json()["rows"]
    values = sorted({row[param] for row in unbound if isinstance(row.get(param), str)})[:3]
    assert values, f"{path.name}: the unbound answer has no ?{param} to bind, so the test would prove nothing"
    for value in values:
        params = {param: value, "limit": 1000}
        expected = api_rows(reference.get(f"api/queries/{path.stem}", params=params), text)
        assert expected, f"?{param} = {value} has no answer on the reference"
        assert api_rows(deployed.http.get(f"api/queries/{path.stem}", params=params), text) == expected, \
            f"?{param} = {value}"


def test_parameters_are_bound_at_the_start_of_the_where_group() -> None:
    """Not after the query: Virtuoso 7.2 ignores a VALUES block that follows ORDER BY."""
    query = ('# a comment with { a brace\nSELECT ?a (EXISTS { ?a ?b ?c } AS ?e) WHERE {\n'
             '  ?a <urn:p> "{ not a group" . ?a <urn:q> ?b } ORDER BY ?a')
    bound = bind_parameters(query, {"a": NamedNode("urn:x"), "b": Literal("v")})
    assert bound.startswith(query[:query.index("WHERE {") + 7] + '\n  VALUES (?a ?b) { (<urn:x> "v") }\n  ?a <urn:p>')
    assert bind_parameters(query, {}) == query
    construct = "CONSTRUCT { ?a <urn:p> ?where } WHERE { ?a <urn:q> ?where }"
    assert bind_parameters(construct, {"a": NamedNode("urn:x")}) == \
        'CONSTRUCT { ?a <urn:p> ?where } WHERE {\n  VALUES (?a) { (<urn:x>) } ?a <urn:q> ?where }'
    assert bind_parameters("ASK { ?a ?b ?c }", {"a": NamedNode("urn:x")}).startswith("ASK {\n  VALUES (?a)")
    x = {"a": NamedNode("urn:x")}
    nested = "SELECT ?a ?b { { SELECT ?b WHERE { ?b <urn:p> ?a } } ?a <urn:q> ?b }"  # the outer group, not the sub-SELECT's
    assert bind_parameters(nested, x).startswith("SELECT ?a ?b {\n  VALUES (?a)")
    with pytest.raises(ValueError, match="CONSTRUCT WHERE"):  # its pattern is its template: no VALUES there
        bind_parameters("CONSTRUCT WHERE { ?a <urn:p> ?o }", x)
    prefixed = "PREFIX some-where: <urn:w#> CONSTRUCT { ?a some-where:p ?o } WHERE { ?a some-where:q ?o }"
    assert "WHERE {\n  VALUES (?a)" in bind_parameters(prefixed, x)
    for query in (nested, prefixed, construct, query):
        Store().query(bind_parameters(query, x))  # still parses


# --- linked data ---------------------------------------------------------------------------------------------

def _first_camp(http: httpx.Client) -> str:
    rows = solutions(ask_sparql(http, "SELECT ?c WHERE { ?c a <https://w3id.org/jpow-kg/ontology#PrisonerOfWarCamp> } "
                                      "ORDER BY ?c LIMIT 1").content)
    return rows[0][0].strip("<>")


def test_entity_dereferences_to_the_reference_description(deployed: Deployed, reference: httpx.Client) -> None:
    camp = _first_camp(reference)
    path = camp[len(BASE):]
    got = deployed.http.get(path, headers={"Accept": "application/n-quads"})
    expected = reference.get(path, headers={"Accept": "application/n-quads"})
    assert got.status_code == 200, got.text
    assert set(got.text.splitlines()) == set(expected.text.splitlines()) and got.text.strip()
    page = deployed.http.get(path, headers={"Accept": "text/html"})
    assert page.status_code == 200 and "<html" in page.text.lower()
    label = re.search(r'<http://www.w3.org/2000/01/rdf-schema#label> "([^"]+)"@en', got.text)
    assert label and label.group(1) in page.text


def test_unknown_entity_is_a_404(deployed: Deployed) -> None:
    assert deployed.http.get("id/camp/no-such-camp", headers={"Accept": "text/turtle"}).status_code == 404


def test_healthz_is_ok_and_keeps_store_urls_internal(deployed: Deployed) -> None:
    got = deployed.http.get("healthz")
    assert got.status_code == 200 and got.json()["status"] == "ok", got.text
    if deployed.settings.remote:
        assert got.json()["store"] == f"remote ({deployed.settings.store_profile} profile)"
        assert "127.0.0.1" not in got.text


def test_void_describes_the_dataset(deployed: Deployed) -> None:
    got = deployed.http.get(".well-known/void", headers={"Accept": "text/turtle"})
    assert got.status_code == 200, got.text
    triples = list(parse(got.content, RdfFormat.TURTLE))
    assert any(t.predicate.value == "http://rdfs.org/ns/void#triples" for t in triples)


# --- the command line over each store -------------------------------------------------------------------------

def _kg(deployed: Deployed, monkeypatch: pytest.MonkeyPatch, capture: pytest.CaptureFixture, *args: str) -> bytes:
    """`kg ARGS` in this process, pointed at the deployed store as a user would: options, and the row limit
    from the environment."""
    s = deployed.settings
    # exported but overridden: --store PATH means the embedded store, --store-query the remote one
    monkeypatch.setenv("KG_STORE_QUERY", f"http://127.0.0.1:{stores.free_port()}/no-store-here")
    if s.remote:
        monkeypatch.setenv("KG_STORE_MAX_ROWS", str(s.store_max_rows or ""))
        where = ["--store-query", s.store_query_url, "--store-profile", s.store_profile or "auto"]
    else:
        where = ["--store", str(s.store_path)]
    assert cli_main([args[0], *where, *args[1:]]) == 0, capture.readouterr().err
    return capture.readouterr().out  # capsysbinary: what kg wrote to sys.stdout.buffer


@pytest.mark.parametrize("path", [ROOT / "queries" / "karaganda-camps.rq", ROOT / "queries" / "sources-cited.rq"],
                         ids=lambda p: p.stem)
def test_kg_query_answers_a_saved_question_from_the_store(
        deployed: Deployed, reference: httpx.Client, monkeypatch: pytest.MonkeyPatch,
        capsysbinary: pytest.CaptureFixture, path: Path) -> None:
    text = parse_saved_query(path).text
    got = _kg(deployed, monkeypatch, capsysbinary, "query", "--format", "json", str(path))
    assert solutions(got, text) == solutions(ask_sparql(reference, text).content, text)


def test_kg_query_construct_and_ask(deployed: Deployed, monkeypatch: pytest.MonkeyPatch,
                                   capsysbinary: pytest.CaptureFixture) -> None:
    """The project's prefixes are predeclared, as on the embedded store."""
    got = _kg(deployed, monkeypatch, capsysbinary, "query",
              "CONSTRUCT { ?c rdfs:label ?l } WHERE { ?c a jpow:PrisonerOfWarCamp ; rdfs:label ?l }")
    assert len(list(parse(got, RdfFormat.N_TRIPLES))) >= 3
    assert _kg(deployed, monkeypatch, capsysbinary, "query", "ASK { ?c a jpow:PrisonerOfWarCamp }") == b"true\n"


def test_kg_export_writes_the_live_build(deployed: Deployed, curated_store_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsysbinary: pytest.CaptureFixture, tmp_path: Path) -> None:
    """The same quads as an export of the embedded build (blank nodes compared by count: their labels differ;
    the builds' timestamps differ too)."""
    out = tmp_path / "export.nq"
    _kg(deployed, monkeypatch, capsysbinary, "export", "--format", "nquads", "-o", str(out))
    reference = tmp_path / "reference.nq"
    assert cli_main(["export", "--store", str(curated_store_path), "--format", "nquads", "-o", str(reference)]) == 0

    def quads(path: Path) -> tuple[set[str], int]:
        found = list(parse(path=str(path), format=RdfFormat.N_QUADS))
        named = {re.sub(r'"[^"]*"\^\^<http://www.w3.org/2001/XMLSchema#dateTime>', "TIME", str(q))
                 for q in found if "_:" not in str(q)}
        return named, len(found)

    got, expected = quads(out), quads(reference)
    assert expected[1] > 1000
    assert sorted(got[0] - expected[0])[:3] == sorted(expected[0] - got[0])[:3] == [] and got[1] == expected[1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.nq", "reference.nq"], "no part file left"


def test_a_failed_export_leaves_no_file(tmp_path: Path) -> None:
    dead = f"http://127.0.0.1:{stores.free_port()}/query"
    code = cli_main(["export", "--store-query", dead, "--store-profile", "oxigraph", "--format", "nquads",
                     "-o", str(tmp_path / "export.nq")])
    assert code == 3 and list(tmp_path.iterdir()) == []


# --- store failures as HTTP errors ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", STORES[1:])
def test_unreachable_store_is_a_502_not_a_hang(name: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    live = stores.running(name, tmp_path_factory)
    dead = f"http://127.0.0.1:{stores.free_port()}/sparql"
    settings = live.settings(store_query_url=dead)
    backend = RemoteBackend(RemoteStore(Endpoints(dead), load(live.profile), retries=1, backoff_s=0.1), writable=False)
    with stores.serving(create_app(settings, backend=backend)) as url, httpx.Client(base_url=url, timeout=30) as http:
        got = ask_sparql(http, "SELECT * WHERE { ?s ?p ?o } LIMIT 1")
        assert got.status_code == 502, got.text
        assert dead not in got.text, "internal store URLs stay in the server log"
        assert http.get("api/queries/" + QUERIES[0].stem).status_code == 502


@pytest.mark.parametrize("name", STORES[1:])
def test_slow_store_query_is_a_503_within_the_time_limit(name: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    live = stores.running(name, tmp_path_factory)
    try:
        with stores.serving(_app(live.settings(query_timeout_s=1.0))) as url, \
                httpx.Client(base_url=url, timeout=30) as http:
            slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
            got = ask_sparql(http, slow)
            assert got.status_code in (502, 503, 504), got.text
            assert got.elapsed.total_seconds() < 10
    finally:  # the store itself has no time limit: restart it, or the query burns a core for the rest of the session
        live.stop()
        live.start()


def test_kg_serve_command_serves_a_remote_store(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    """`kg serve --store-query …` (worker processes get the store from the environment)."""
    server = stores.running("oxigraph", tmp_path_factory)
    build(server.settings(), data_dirs=[ROOT / "data"])
    row = RemoteStore.from_settings(server.settings()).rows(
        "SELECT ?c ?l WHERE { ?c a <https://w3id.org/jpow-kg/ontology#PrisonerOfWarCamp> ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(LANG(?l) = 'en') } ORDER BY ?c LIMIT 1")[0]
    port = stores.free_port()
    e = server.endpoints
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--port", str(port), "--workers", "2",
                                "--store", str(tmp_path / "no-local-store"), "--store-query", e.query,
                                "--store-update", e.update or "", "--store-gsp", e.gsp or ""],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                got = httpx.get(f"http://127.0.0.1:{port}/{row['c'].value[len(BASE):]}", headers={"Accept": "text/turtle"})
                break
            except httpx.TransportError:
                assert process.poll() is None and time.monotonic() < deadline, process.stderr.read().decode()
                time.sleep(0.2)
        assert got.status_code == 200 and row["l"].value in got.text, got.text
    finally:
        process.terminate()
        process.wait(20)


def test_the_store_queries_kept_as_files_run_once_filled() -> None:
    """kg.store's queries and updates live in kg/store/sparql/*.rq, their inputs named as variables; each runs
    on a real store once they are filled in, and the switch does what publish expects of it."""
    from kg.sparql_text import query_form
    from kg.store.manifest import MANIFEST, SPARQL, sparql
    from kg.store.publish import switch_update

    build, stage = f"{KG}build:x", f"{KG}stage:x:"
    inputs = {"current_build": {}, "stage_records": {}, "build_graphs": {"build": NamedNode(build)},
              "staged_triples": {"stage": Literal(stage)}, "remove_stage": {"stage": Literal(stage)},
              "remove_build_record": {"build": NamedNode(build)}}
    assert {p.stem for p in SPARQL.glob("*.rq")} == {*inputs, "switch"}
    store = Store()
    store.add(Quad(NamedNode("urn:s"), NamedNode("urn:p"), NamedNode("urn:o"), NamedNode(stage + "urn:g")))
    store.update(switch_update(build, stage))
    assert [q.graph_name for q in store.quads_for_pattern(NamedNode("urn:s"), None, None)] == [NamedNode("urn:g")]
    assert list(store.quads_for_pattern(NamedNode(MANIFEST), None, NamedNode(build)))
    for name, terms in inputs.items():
        text = sparql(name, **terms)
        store.query(text) if query_form(text) else store.update(text)

"""SPARQL 1.1 Protocol at /sparql against a live server: the W3C protocol tests, formats, errors, limits."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from prometheus_client.parser import text_string_to_metric_families
import pytest
import rdflib
import yaml
from pyoxigraph import QueryResultsFormat, RdfFormat, Store, parse, parse_query_results

from servers import TOKEN, LiveServer

W3C = yaml.safe_load((Path(__file__).parent / "w3c" / "protocol.yaml").read_text(encoding="utf-8"))
KASEI = "http://kasei.us/2009/09/sparql/data/"
RESULT_TYPES = {"application/sparql-results+json", "application/sparql-results+xml"}
TABULAR_TYPES = RESULT_TYPES | {"text/csv", "text/tab-separated-values"}
RDF_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml",
             "application/ld+json": "json-ld", "application/n-quads": "nquads", "application/trig": "trig"}
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def media(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip()


def boolean_of(response: httpx.Response) -> bool:
    if media(response) == "application/sparql-results+json":
        return response.json()["boolean"]
    root = ET.fromstring(response.content)
    return root.find("{http://www.w3.org/2005/sparql-results#}boolean").text.strip() == "true"


# --- The W3C SPARQL 1.1 Protocol test suite ----------------------------------------------------------------


@pytest.mark.parametrize("case", W3C["tests"], ids=[t["id"] for t in W3C["tests"]])
def test_w3c_protocol(rw_server: LiveServer, case: dict) -> None:
    """Each test of w3c/rdf-tests sparql11/protocol, as restated in tests/w3c/protocol.yaml."""
    graphs = " ".join(f"GRAPH <{KASEI}{g}> {{ <{KASEI}{g}> a <http://xmlns.com/foaf/0.1/Document> }}" for g in case.get("graphs", []))
    setup = "DROP ALL" + (f" ; INSERT DATA {{ {graphs} }}" if graphs else "")
    assert httpx.post(rw_server.url + "sparql", content=setup, headers={**AUTH, "Content-Type": "application/sparql-update"}).status_code == 204
    for step in case["requests"]:
        url = rw_server.url.rstrip("/") + W3C["prefix"] + (("?" + step["query"]) if step.get("query") else "")
        headers = dict(AUTH)
        if "content_type" in step:
            headers["Content-Type"] = step["content_type"]
        body = step.get("body")
        content = body.encode(step.get("encoding", "utf-8")) if body is not None else None
        response = httpx.request(step["method"], url, content=content, headers=headers)
        assert str(response.status_code)[0] == step["status"][0], (case["id"], response.status_code, response.text)
        fmt = step.get("format")
        if fmt == "boolean":
            assert media(response) in RESULT_TYPES
            value = boolean_of(response)
            if "boolean" in step:
                assert value is step["boolean"]
        elif fmt == "tabular":
            assert media(response) in TABULAR_TYPES
            if "one_iri_not" in step:
                bindings = response.json()["results"]["bindings"]
                assert len(bindings) == 1 and bindings[0]["o"]["type"] == "uri"
                assert bindings[0]["o"]["value"] != step["one_iri_not"]
                assert bindings[0]["o"]["value"].startswith("http://127.0.0.1:")  # resolved against the endpoint
        elif fmt == "rdf":
            assert media(response) in RDF_TYPES
            rdflib.Graph().parse(data=response.content, format=RDF_TYPES[media(response)])


# --- Formats -------------------------------------------------------------------------------------------------

SELECT = "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?s ?label"
CONSTRUCT = "CONSTRUCT { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }"


@pytest.mark.parametrize("name,mime,oxi", [
    ("json", "application/sparql-results+json", QueryResultsFormat.JSON),
    ("xml", "application/sparql-results+xml", QueryResultsFormat.XML),
    ("csv", "text/csv", QueryResultsFormat.CSV),
    ("tsv", "text/tab-separated-values", QueryResultsFormat.TSV),
])
def test_select_results_in_every_format_by_accept_and_by_parameter(server: LiveServer, name, mime, oxi) -> None:
    by_accept = httpx.get(server.url + "sparql", params={"query": SELECT}, headers={"Accept": mime})
    by_param = httpx.post(server.url + "sparql", data={"query": SELECT, "format": name})
    for response in (by_accept, by_param):
        assert response.status_code == 200 and media(response) == mime
        assert response.headers["vary"].startswith("Accept")
    if name == "csv":
        rows = list(csv.reader(io.StringIO(by_accept.text)))[1:]  # pyoxigraph does not parse lossy CSV back
    else:
        rows = list(parse_query_results(by_accept.content, oxi))
    assert len(rows) == 8  # the rdfs:label triples of the fixture, see the next test
    assert by_accept.content == by_param.content


def test_fixture_label_count_matches_the_store(fixture_store: Path) -> None:
    """Pins the figure used above to the fixture itself."""
    assert fixture_store.exists()
    quads = list(parse(path=str(Path(__file__).parent / "fixtures" / "serve" / "kg.trig"), format=RdfFormat.TRIG))
    assert sum(1 for q in quads if q.predicate.value.endswith("#label")) == 8


@pytest.mark.parametrize("name,mime", [
    ("turtle", "text/turtle"), ("ntriples", "application/n-triples"), ("nquads", "application/n-quads"),
    ("trig", "application/trig"), ("rdfxml", "application/rdf+xml"), ("jsonld", "application/ld+json"),
])
def test_construct_in_every_rdf_format(server: LiveServer, name, mime) -> None:
    by_accept = httpx.post(server.url + "sparql", content=CONSTRUCT,
                           headers={"Content-Type": "application/sparql-query", "Accept": mime})
    by_param = httpx.get(server.url + "sparql", params={"query": CONSTRUCT, "format": name})
    for response in (by_accept, by_param):
        assert response.status_code == 200 and media(response) == mime
        graph = rdflib.Graph().parse(data=response.content, format=RDF_TYPES[mime])
        assert len(graph) == 8


def test_accept_with_q_values_picks_the_preferred_format(server: LiveServer) -> None:
    r = httpx.get(server.url + "sparql", params={"query": SELECT},
                  headers={"Accept": "application/sparql-results+json;q=0.5, text/csv;q=0.9, */*;q=0.1"})
    assert media(r) == "text/csv"


def test_406_when_no_acceptable_format_can_carry_the_result(server: LiveServer) -> None:
    r = httpx.get(server.url + "sparql", params={"query": SELECT}, headers={"Accept": "image/png"})
    assert r.status_code == 406 and "application/sparql-results+json" in r.text
    r = httpx.get(server.url + "sparql", params={"query": "ASK {}"}, headers={"Accept": "text/csv"})
    assert r.status_code == 406  # CSV has no boolean form


def test_unknown_format_parameter_is_a_readable_400(server: LiveServer) -> None:
    r = httpx.get(server.url + "sparql", params={"query": SELECT, "format": "yaml"})
    assert r.status_code == 400 and "unknown format 'yaml'" in r.text


# --- Errors --------------------------------------------------------------------------------------------------


def test_syntax_error_is_400_with_the_position(server: LiveServer) -> None:
    r = httpx.get(server.url + "sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert r.status_code == 400
    assert r.text.startswith("SPARQL syntax error: error at 1:")
    assert len(r.text) < 400


def test_method_and_media_type_errors(server: LiveServer) -> None:
    r = httpx.put(server.url + "sparql", content=b"ASK {}")
    assert r.status_code == 405 and set(r.headers["allow"].replace(" ", "").split(",")) == {"GET", "POST"}
    r = httpx.post(server.url + "sparql", content=b"ASK {}", headers={"Content-Type": "text/plain"})
    assert r.status_code == 415 and "application/sparql-query" in r.text
    r = httpx.post(server.url + "sparql", content="ASK {}".encode("utf-16"),
                   headers={"Content-Type": "application/sparql-query; charset=UTF-16"})
    assert r.status_code == 415 and "UTF-8" in r.text


def test_updates_are_refused_without_a_configured_token(server: LiveServer) -> None:
    r = httpx.post(server.url + "sparql", content=b"CLEAR ALL",
                   headers={"Content-Type": "application/sparql-update", "Authorization": "Bearer anything"})
    assert r.status_code == 403 and "KG_UPDATE_TOKEN" in r.text
    assert httpx.get(server.url + "sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True


def test_updates_need_the_right_bearer_token(rw_server: LiveServer) -> None:
    headers = {"Content-Type": "application/sparql-update"}
    r = httpx.post(rw_server.url + "sparql", content=b"CLEAR ALL", headers=headers)
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
    r = httpx.post(rw_server.url + "sparql", content=b"CLEAR ALL", headers={**headers, "Authorization": "Bearer wrong"})
    assert r.status_code == 403
    r = httpx.post(rw_server.url + "sparql", data={"update": "CLEAR ALL"}, headers=AUTH)
    assert r.status_code == 204


def test_cors_preflight_is_answered_before_auth(rw_server: LiveServer) -> None:
    r = httpx.options(rw_server.url + "sparql", headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type"})
    assert r.status_code == 200
    assert r.headers["access-control-allow-origin"] in ("*", "https://example.org")
    assert "authorization" in r.headers["access-control-allow-headers"].lower()
    r = httpx.get(rw_server.url + "sparql", params={"query": "ASK {}"}, headers={"Origin": "https://example.org"})
    assert r.headers["access-control-allow-origin"] in ("*", "https://example.org")


# --- Dataset and service description ------------------------------------------------------------------------


def count(server: LiveServer, query: str, **params) -> int:
    r = httpx.get(server.url + "sparql", params={"query": query, **params})
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_default_graph_is_the_union_of_named_graphs_unless_the_request_says_otherwise(server: LiveServer) -> None:
    quads = list(parse(path=str(Path(__file__).parent / "fixtures" / "serve" / "kg.trig"), format=RdfFormat.TRIG))
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert count(server, q) == len({q_.triple for q_ in quads})
    g = "https://w3id.org/jpow-kg/graph/fixture/places/p1"
    in_g = sum(1 for q_ in quads if q_.graph_name.value == g)
    assert count(server, q, **{"default-graph-uri": g}) == in_g
    assert count(server, f"SELECT (COUNT(*) AS ?n) FROM <{g}> WHERE {{ ?s ?p ?o }}") == in_g


def test_service_description_tells_the_truth(server: LiveServer, rw_server: LiveServer) -> None:
    sd = rdflib.Graph().parse(data=httpx.get(server.url + "sparql", headers={"Accept": "text/turtle"}).text, format="turtle")
    SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    endpoint = rdflib.URIRef(server.url + "sparql")
    assert (endpoint, SD.feature, SD.UnionDefaultGraph) in sd
    assert (endpoint, SD.supportedLanguage, SD.SPARQL11Update) not in sd
    names = {"SPARQL_Results_JSON": "json", "SPARQL_Results_XML": "xml", "SPARQL_Results_CSV": "csv",
             "SPARQL_Results_TSV": "tsv", "Turtle": "turtle", "N-Triples": "ntriples", "N-Quads": "nquads",
             "TriG": "trig", "RDF_XML": "rdfxml", "JSON-LD": "jsonld"}
    advertised = {str(o).rsplit("/", 1)[1] for o in sd.objects(endpoint, SD.resultFormat)}
    assert advertised == set(names)
    for iri_name in advertised:  # each advertised format is really served
        query = SELECT if iri_name.startswith("SPARQL") else CONSTRUCT
        assert httpx.get(server.url + "sparql", params={"query": query, "format": names[iri_name]}).status_code == 200
    browser = httpx.get(server.url + "sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert browser.status_code == 303 and browser.headers["location"] == server.url + "query"
    rw = rdflib.Graph().parse(data=httpx.get(rw_server.url + "sparql").text, format="turtle")
    assert (rdflib.URIRef(rw_server.url + "sparql"), SD.supportedLanguage, SD.SPARQL11Update) in rw


# --- Limits and streaming -----------------------------------------------------------------------------------

DIGITS = " ".join(str(i) for i in range(10))


def rows_query(powers: int) -> str:
    """A SELECT of 10**powers rows, made of nothing but VALUES."""
    values = " ".join(f"VALUES ?v{i} {{ {DIGITS} }}" for i in range(powers))
    return f"SELECT * WHERE {{ {values} }}"


@pytest.fixture(scope="module")
def limited_server(fixture_store: Path, tmp_path_factory: pytest.TempPathFactory):
    live = LiveServer(fixture_store, tmp_path_factory.mktemp("logs"), KG_QUERY_TIMEOUT="1", KG_ROW_CAP="100")
    yield live
    live.stop()


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_row_cap_gives_a_clear_error(limited_server: LiveServer, fmt: str) -> None:
    ok = httpx.get(limited_server.url + "sparql", params={"query": rows_query(2), "format": fmt})
    assert ok.status_code == 200 and ok.headers["x-row-cap"] == "100"
    r = httpx.get(limited_server.url + "sparql", params={"query": rows_query(3), "format": fmt})
    assert r.status_code == 503 and "more than 100 rows" in r.text


def test_timeout_before_the_first_byte_is_a_503(limited_server: LiveServer) -> None:
    query = f"SELECT * WHERE {{ {{ {rows_query(6)} }} }} ORDER BY DESC(?v0) DESC(?v1) DESC(?v5)"
    r = httpx.get(limited_server.url + "sparql", params={"query": query}, timeout=60)
    assert r.status_code == 503 and "time limit of 1 s" in r.text


def test_timeout_while_streaming_cuts_the_response(limited_server: LiveServer) -> None:
    """Rows beyond the cap are not reached here: the cap counts JSON rows; CSV of 10**8 rows takes far longer
    than 1 s, so the stream is cut and the client sees an incomplete body, never a truncated 'success'."""
    query = rows_query(8).replace("SELECT *", "SELECT ?v0")
    with pytest.raises(httpx.HTTPError):
        with httpx.stream("GET", limited_server.url + "sparql", params={"query": query, "format": "tsv"}, timeout=60) as r:
            assert r.status_code in (200, 503)
            if r.status_code == 503:
                raise httpx.HTTPError("503 before the first byte")
            for _ in r.iter_bytes():
                pass


def test_clients_that_go_away_free_their_worker(server: LiveServer) -> None:
    """More abandoned streams than worker threads: each producer notices and stops, so queries still run."""
    huge = rows_query(8).replace("SELECT *", "SELECT ?v0")
    for _ in range(6):
        with httpx.stream("GET", server.url + "sparql", params={"query": huge, "format": "tsv"}, timeout=30) as r:
            assert r.status_code == 200
            next(r.iter_bytes())
    r = httpx.get(server.url + "sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=10)
    assert r.json()["boolean"] is True


def peak_rss_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1))


def test_a_small_result_is_sent_whole_and_a_large_one_streamed(server: LiveServer) -> None:
    """A result that fits in one chunk has a Content-Length (it was complete before the headers went); one
    larger than a chunk is sent in chunks as it is produced."""
    small = httpx.get(server.url + "sparql", params={"query": SELECT}, timeout=30)
    assert small.status_code == 200 and small.headers.get("content-length") == str(len(small.content))
    with httpx.stream("GET", server.url + "sparql", params={"query": rows_query(4)}, timeout=60) as large:
        assert large.status_code == 200 and large.headers.get("transfer-encoding") == "chunked"
        assert sum(len(c) for c in large.iter_bytes()) > 64 * 1024


@pytest.mark.slow
def test_a_million_row_select_streams_at_flat_memory(server: LiveServer) -> None:
    before = peak_rss_kib(server.process.pid)
    size = 0
    with httpx.stream("GET", server.url + "sparql", params={"query": rows_query(6)}, timeout=120) as r:
        assert r.status_code == 200
        tail = b""
        for chunk in r.iter_bytes():
            size += len(chunk)
            tail = (tail + chunk)[-64:]
    assert tail.endswith(b"]}}")
    grown_mib = (peak_rss_kib(server.process.pid) - before) / 1024
    assert size > 80 * 2**20, size
    assert grown_mib < 64, f"server peak memory grew by {grown_mib:.0f} MiB for a {size / 2**20:.0f} MiB result"


# --- Clients used unchanged ---------------------------------------------------------------------------------


def test_sparqlwrapper_select_ask_construct(server: LiveServer) -> None:
    from SPARQLWrapper import JSON, POST, SPARQLWrapper

    client = SPARQLWrapper(server.url + "sparql")
    client.setQuery(SELECT)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    assert len(rows) == 8
    client.setMethod(POST)
    client.setQuery("ASK { ?s a <https://w3id.org/jpow-kg/ontology#PrisonerOfWarCamp> }")
    assert client.query().convert()["boolean"] is True
    client = SPARQLWrapper(server.url + "sparql")
    client.setQuery(CONSTRUCT)
    graph = client.query().convert()  # RDF/XML by default, parsed by rdflib
    assert len(graph) == 8


def test_rdflib_sparqlstore(server: LiveServer) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = rdflib.Graph(store=SPARQLStore(server.url + "sparql"))
    rows = list(graph.query("SELECT ?label WHERE { <https://w3id.org/jpow-kg/id/place/spassk> "
                            "<http://www.w3.org/2000/01/rdf-schema#label> ?label }"))
    assert [str(r[0]) for r in rows] == ["Spassk"]


# --- Operations ---------------------------------------------------------------------------------------------


def test_healthz_and_prometheus_metrics(server: LiveServer) -> None:
    assert httpx.get(server.url + "healthz").json()["status"] == "ok"
    httpx.get(server.url + "sparql", params={"query": "ASK {"})
    text = httpx.get(server.url + "metrics").text
    assert "# TYPE kg_http_requests_total counter" in text
    samples = {(s.name, frozenset(s.labels.items())): s.value
               for family in text_string_to_metric_families(text) for s in family.samples}
    assert samples[("kg_http_requests_total",
                    frozenset({"route": "/sparql", "method": "GET", "status": "400"}.items()))] >= 1
    assert samples[("kg_sparql_operations_total",
                    frozenset({"operation": "query", "outcome": "syntax_error"}.items()))] >= 1
    assert ("kg_http_request_duration_seconds_bucket", frozenset({"route": "/healthz", "le": "+Inf"}.items())) in samples


def test_two_query_worker_processes_share_one_store(fixture_store: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """`--workers 2`: two read-only query worker processes beside the web process, both answering."""
    live = LiveServer(fixture_store, tmp_path_factory.mktemp("logs"), workers=2)
    try:
        answers = {httpx.get(live.url + "sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] for _ in range(10)}
        assert answers == {True}
        workers = [p for p in Path("/proc").iterdir() if p.name.isdigit() and (p / "cmdline").exists()
                   and b"kg.serve.pool.worker" in (p / "cmdline").read_bytes()
                   and (p / "stat").read_text().rsplit(")", 1)[1].split()[1] == str(live.process.pid)]
        assert len(workers) >= 2
    finally:
        live.stop()


def test_row_json_counter_is_exact_on_real_output() -> None:
    """The JSON row counter of the cap on pyoxigraph's own output, fed in awkward chunk sizes."""
    from kg.serve.rows import RowCounter

    store = Store()
    for fmt, name in ((QueryResultsFormat.JSON, "json"), (QueryResultsFormat.XML, "xml"),
                      (QueryResultsFormat.CSV, "csv"), (QueryResultsFormat.TSV, "tsv")):
        data = store.query('SELECT * WHERE { VALUES (?a ?b) { (1 "x},{\\"y") (2 "line\\nbreak") (3 UNDEF) } }').serialize(format=fmt)
        for size in (1, 3, 7, 64):
            counter = RowCounter(name)
            for i in range(0, len(data), size):
                counter.feed(data[i:i + size])
            assert counter.rows == 3, (name, size, data)


def test_every_query_worker_sees_each_committed_update(tmp_path_factory: pytest.TempPathFactory) -> None:
    """With the update token and `--workers 2`: one writer (the web process), and readers in every worker see
    each commit at once."""
    from servers import build_fixture_store

    store = build_fixture_store(tmp_path_factory.mktemp("rw2") / "store")
    live = LiveServer(store, tmp_path_factory.mktemp("logs"), token=TOKEN, workers=2)
    read = 'SELECT ?v WHERE { <urn:x-test:s> <urn:x-test:p> ?v }'
    try:
        for value in ("first", "second"):
            update = ('DELETE WHERE { GRAPH <urn:x-test:g> { <urn:x-test:s> <urn:x-test:p> ?old } } ; '
                      f'INSERT DATA {{ GRAPH <urn:x-test:g> {{ <urn:x-test:s> <urn:x-test:p> "{value}" }} }}')
            r = httpx.post(live.url + "sparql", data={"update": update}, headers=AUTH)
            assert r.status_code == 204, r.text
            with ThreadPoolExecutor(4) as pool:  # concurrent reads spread over the workers
                answers = list(pool.map(lambda _: httpx.get(live.url + "sparql", params={"query": read},
                                                            headers={"Accept": "text/csv"}).text.split(), range(12)))
            assert all(a == ["v", value] for a in answers), answers
    finally:
        live.stop()

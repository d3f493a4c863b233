"""Fuzzing and fault tests of `kg serve` against a live server (issue 12): every OpenAPI operation under
schemathesis, then one test per hostile or malformed request, each pinning a 4xx with a reason, never a 5xx.

Every request goes to 127.0.0.1 only. A test that may bring the server down (deep nesting, huge bodies) gets
the server through `Servers.get()`, which starts a fresh one when the last one died, so a crash is reported
by the test that caused it and does not cascade into the next ones.
"""

from __future__ import annotations

import csv
import http.client
import io
import re
import time
import urllib.parse
import xml.dom.minidom
from pathlib import Path

import httpx
import pytest
import rdflib
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from servers import TOKEN, LiveServer, build_fixture_store

AUTH = {"Authorization": f"Bearer {TOKEN}"}
TIMEOUT = httpx.Timeout(60.0)
MIB = 1024 * 1024
SELECT = "SELECT * WHERE { ?s ?p ?o } LIMIT 3"
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3"
EXAMPLES_PER_OPERATION = 30


class Servers:
    """One live server over its own copy of the fixture store, restarted when it has died."""

    def __init__(self, tmp_path_factory: pytest.TempPathFactory, name: str, **kwargs: object) -> None:
        self.tmp = tmp_path_factory
        self.name = name
        self.kwargs = kwargs
        self.live: LiveServer | None = None

    def get(self) -> LiveServer:
        if self.live is not None and self.live.process.poll() is None:
            return self.live
        if self.live is not None:
            self.live.stop()
        store = build_fixture_store(self.tmp.mktemp(self.name) / "store")
        self.live = LiveServer(store, self.tmp.mktemp(f"{self.name}-logs"), **self.kwargs)
        return self.live

    def stop(self) -> None:
        if self.live is not None:
            self.live.stop()


@pytest.fixture(scope="module")
def read_only(tmp_path_factory: pytest.TempPathFactory):
    servers = Servers(tmp_path_factory, "ro")
    yield servers
    servers.stop()


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory):
    servers = Servers(tmp_path_factory, "rw", token=TOKEN)
    yield servers
    servers.stop()


@pytest.fixture
def server(read_only: Servers) -> LiveServer:
    return read_only.get()


@pytest.fixture
def rw_server(writable: Servers) -> LiveServer:
    return writable.get()


def request(server: LiveServer, method: str, path: str, **kwargs) -> httpx.Response:
    """One request; no response at all (the server crashed or dropped the connection) fails the test saying so."""
    try:
        return httpx.request(method, server.url + path, timeout=TIMEOUT, **kwargs)
    except httpx.TransportError as exc:
        time.sleep(0.5)
        code = server.process.poll()
        state = "still running" if code is None else f"exited with {code}"
        pytest.fail(f"no response to {method} /{path}: {exc!r}; the server process {state}")


def get(server: LiveServer, path: str, params=None, **kwargs) -> httpx.Response:
    return request(server, "GET", path, params=params, **kwargs)


def post_query(server: LiveServer, body: bytes | str, content_type: str = "application/sparql-query",
               headers: dict[str, str] | None = None) -> httpx.Response:
    content = body.encode("utf-8") if isinstance(body, str) else body
    return request(server, "POST", "sparql", content=content, headers={"Content-Type": content_type, **(headers or {})})


def media(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip()


def assert_refused(response: httpx.Response, *statuses: int) -> None:
    """One of the expected 4xx statuses, with a human-readable reason in the body (not just a status line)."""
    shown = f"{response.status_code}: {response.text[:300]!r}"
    assert response.status_code in statuses, f"expected one of {statuses}, got {shown}"
    text = response.text.strip()
    assert re.search(r"[A-Za-z]{3,}", text), f"no human-readable reason in the body: {shown}"
    assert len(text) >= 10, f"the reason is too short to tell anyone anything: {shown}"


def assert_alive(server: LiveServer) -> None:
    """The server process runs and answers a trivial ASK and /healthz."""
    assert server.process.poll() is None, f"the server died ({server.process.returncode}):\n{server.log()}"
    ask = get(server, "sparql", {"query": "ASK { }"}, headers={"Accept": "application/sparql-results+json"})
    assert ask.status_code == 200 and ask.json()["boolean"] is True, (ask.status_code, ask.text[:300])
    assert get(server, "healthz").status_code == 200


# --- schemathesis over every operation of /openapi.json ------------------------------------------------


@pytest.mark.slow
def test_no_operation_answers_a_server_error_under_schemathesis(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Each operation of the OpenAPI document, with positive and negative generated requests (with the update
    token, so the write paths run too), never answers >= 500. Derandomized: the same requests on every run."""
    import schemathesis
    from schemathesis import GenerationMode
    from schemathesis.checks import not_a_server_error
    from schemathesis.core.failures import FailureGroup  # a BaseExceptionGroup, not an Exception

    servers = Servers(tmp_path_factory, "fuzz", token=TOKEN)
    live = servers.get()
    try:
        schema = schemathesis.openapi.from_url(live.url + "openapi.json", timeout=30)
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 20, [op.label for op in operations]
        failures: dict[str, str] = {}
        for operation in operations:
            strategies = [operation.as_strategy(GenerationMode.POSITIVE)]
            try:
                strategies.append(operation.as_strategy(GenerationMode.NEGATIVE))
            except Exception:  # an operation with nothing to negate (no parameters, no body)
                pass

            @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True, database=None,
                      phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck),
                      print_blob=False)
            @given(case=st.one_of(strategies))
            def exercise(case) -> None:
                live_now = servers.get()
                case.call_and_validate(base_url=live_now.url.rstrip("/"), headers=AUTH, timeout=30,
                                       checks=[not_a_server_error])

            try:
                exercise()
            except (Exception, FailureGroup) as exc:  # collect every failing operation, report them together
                failures[operation.label] = f"{type(exc).__name__}: {str(exc)[:1500]}"
        assert not failures, "server errors under schemathesis:\n\n" + "\n\n".join(
            f"== {label}\n{text}" for label, text in failures.items())
    finally:
        servers.stop()


# --- Malformed queries -----------------------------------------------------------------------------------


def test_malformed_sparql_by_get_is_a_400_with_the_reason(server: LiveServer) -> None:
    assert_refused(get(server, "sparql", {"query": "SELECT * WHERE { ?s ?p "}), 400)


def test_malformed_sparql_by_post_is_a_400_with_the_reason(server: LiveServer) -> None:
    assert_refused(post_query(server, "SELECT * WHERE { ?s ?p "), 400)


def test_bad_utf8_in_a_query_body_is_a_400(server: LiveServer) -> None:
    assert_refused(post_query(server, b"ASK { <http://example.org/\xff\xfe> ?p ?o }"), 400)


def test_an_unknown_content_type_on_post_sparql_is_a_415(server: LiveServer) -> None:
    assert_refused(post_query(server, "ASK { }", content_type="application/x-kg-unknown"), 415)


# --- Input limits ----------------------------------------------------------------------------------------


def test_a_body_over_1_mib_is_a_413(server: LiveServer) -> None:
    """A syntactically valid query padded with a 2 MiB comment: refused for its size, not its syntax."""
    body = "ASK { }\n#" + "x" * (2 * MIB) + "\n"
    assert_refused(post_query(server, body), 413)
    assert_alive(server)


def test_a_url_over_the_cap_is_a_414_or_400(server: LiveServer) -> None:
    """Sent with http.client: httpx itself refuses to build a URL this long."""
    query = "ASK { }\n#" + "x" * 100_000
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        connection.request("GET", "/sparql?query=" + urllib.parse.quote(query, safe=""))
        raw = connection.getresponse()
        response = httpx.Response(raw.status, headers=raw.getheaders(), content=raw.read())
    finally:
        connection.close()
    assert_refused(response, 414, 400)
    assert_alive(server)


def test_a_query_nested_3000_deep_is_a_400_and_the_server_survives(server: LiveServer) -> None:
    query = "SELECT * WHERE " + "{" * 3000 + "}" * 3000
    assert_refused(post_query(server, query), 400)
    assert_alive(server)


def test_a_2_mb_string_literal_by_post_is_a_413_or_400(server: LiveServer) -> None:
    query = 'SELECT * WHERE { ?s ?p "' + "a" * (2 * 1000 * 1000) + '" }'
    assert_refused(post_query(server, query), 413, 400)
    assert_alive(server)


# --- SSRF: SERVICE ----------------------------------------------------------------------------------------


def sparql_requests_seen(server: LiveServer) -> int:
    """kg_http_requests_total summed over the /sparql route, from /metrics (workers=1: one process's counters)."""
    total = 0
    for line in get(server, "metrics").text.splitlines():
        if line.startswith("kg_http_requests_total{") and 'route="/sparql"' in line:
            total += int(float(line.rsplit(" ", 1)[1]))
    return total


def test_service_to_the_server_itself_is_refused_by_default(server: LiveServer) -> None:
    before = sparql_requests_seen(server)
    query = f"SELECT * {{ SERVICE <{server.url}sparql> {{ ?s ?p ?o }} }}"
    response = post_query(server, query)
    assert response.status_code != 200, "the SERVICE call was made: " + response.text[:300]
    assert_refused(response, 400, 403)
    time.sleep(0.3)  # let the outer request's own count land
    after = sparql_requests_seen(server)
    assert after - before <= 1, f"the server received the nested SERVICE request ({after - before} /sparql requests)"


# --- Format parameters as SPARQLWrapper sends them ---------------------------------------------------------


def test_repeated_equivalent_format_params_are_one_format(server: LiveServer) -> None:
    response = get(server, "sparql", [("query", SELECT), ("format", "tsv"), ("format", "text/tab-separated-values")])
    assert response.status_code == 200, (response.status_code, response.text[:300])
    assert media(response) == "text/tab-separated-values"
    assert sorted(response.text.splitlines()[0].split("\t")) == ["?o", "?p", "?s"]


def test_repeated_identical_output_params_are_one_format(server: LiveServer) -> None:
    response = get(server, "sparql", [("query", SELECT), ("output", "json"), ("output", "json")])
    assert response.status_code == 200, (response.status_code, response.text[:300])
    assert media(response) == "application/sparql-results+json"
    assert len(response.json()["results"]["bindings"]) == 3


def test_conflicting_format_params_are_a_400_with_the_reason(server: LiveServer) -> None:
    response = get(server, "sparql", [("query", SELECT), ("format", "json"), ("format", "xml")])
    assert_refused(response, 400)


def test_sparqlwrapper_gets_every_format_it_asks_for(server: LiveServer) -> None:
    from SPARQLWrapper import CSV, JSON, JSONLD, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

    def run(query: str, fmt: str):
        client = SPARQLWrapper(server.url + "sparql")
        client.setQuery(query)
        client.setReturnFormat(fmt)
        client.setTimeout(30)
        return client.query().convert()

    tsv = run(SELECT, TSV)
    assert sorted(tsv.decode("utf-8").splitlines()[0].split("\t")) == ["?o", "?p", "?s"]
    rows = list(csv.reader(io.StringIO(run(SELECT, CSV).decode("utf-8"))))
    assert sorted(rows[0]) == ["o", "p", "s"] and len(rows) == 4
    assert len(run(SELECT, JSON)["results"]["bindings"]) == 3
    document = run(SELECT, XML)
    assert isinstance(document, xml.dom.minidom.Document)
    assert len(document.getElementsByTagName("result")) == 3

    for fmt in (RDFXML, JSONLD):
        graph = run(CONSTRUCT, fmt)
        assert isinstance(graph, rdflib.Graph) and len(graph) == 3, (fmt, graph)
    turtle = run(CONSTRUCT, TURTLE)
    assert len(rdflib.Graph().parse(data=turtle.decode("utf-8"), format="turtle")) == 3


# --- Updates with the token ---------------------------------------------------------------------------------


def test_load_of_a_local_file_is_refused_with_the_reason(rw_server: LiveServer) -> None:
    response = post_query(rw_server, "LOAD <file:///etc/hostname>", content_type="application/sparql-update",
                          headers=AUTH)
    assert response.status_code < 500, (response.status_code, response.text[:300])
    assert_refused(response, 400, 403)


def test_a_json_ld_body_nested_10000_deep_is_a_4xx_and_the_server_survives(rw_server: LiveServer) -> None:
    depth = 10_000
    body = ('{"@id": "http://example.org/deep", ' + '"http://example.org/p": {' * depth
            + '"@id": "http://example.org/leaf"' + "}" * depth + "}")
    response = request(rw_server, "PUT", "store", params={"graph": "http://example.org/deep"}, content=body.encode(),
                       headers={**AUTH, "Content-Type": "application/ld+json"})
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:300])
    assert_refused(response, response.status_code)
    assert rw_server.process.poll() is None, f"the server died:\n{rw_server.log()}"
    assert get(rw_server, "healthz").status_code == 200


# --- What the server tells about itself ----------------------------------------------------------------------


def test_healthz_does_not_show_the_store_path(server: LiveServer) -> None:
    response = get(server, "healthz")
    assert response.status_code == 200
    for path in {str(server.store), str(Path(server.store).resolve())}:
        assert path not in response.text, f"/healthz shows the store's path on disk: {response.text}"

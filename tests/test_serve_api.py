"""The saved queries of queries/*.rq as an API, over the curated store built by kg.build, on a live server."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import httpx
import pytest

from kg.serve.saved_queries import SavedQueryError, load_saved_queries, parse_saved_query
from servers import BASE, LiveServer

ROOT = Path(__file__).resolve().parents[1]
SAVED = load_saved_queries(ROOT / "queries")
HISTORIAN = "https://w3id.org/jpow-kg/ontology#RoleHistorian"


@pytest.fixture(scope="module")
def api(curated_store_path: Path, tmp_path_factory: pytest.TempPathFactory):
    live = LiveServer(curated_store_path, tmp_path_factory.mktemp("logs"))
    yield live
    live.stop()


def test_every_saved_query_is_a_typed_operation_in_the_openapi_spec(api: LiveServer) -> None:
    spec = httpx.get(api.url + "openapi.json").json()
    assert len(SAVED) >= 10
    for query in SAVED:
        operation = spec["paths"][f"/api/queries/{query.name}"]["get"]
        assert operation["summary"] == query.title
        assert operation["operationId"] == query.name.replace("-", "_")
        params = {p["name"]: p for p in operation["parameters"]}
        assert set(params) == {p.name for p in query.params} | {"limit", "offset", "format"}
        limit = params["limit"]["schema"]
        assert limit["type"] == "integer" and limit["maximum"] == 1000
        for p in query.params:
            assert p.description in params[p.name]["description"]


def test_every_saved_query_runs(api: LiveServer) -> None:
    for query in SAVED:
        r = httpx.get(api.url + f"api/queries/{query.name}", params={"limit": 5})
        assert r.status_code == 200, (query.name, r.text)
        body = r.json()
        assert body["count"] == len(body["rows"]) <= 5


def test_an_iri_parameter_binds_the_variable(api: LiveServer) -> None:
    full = httpx.get(api.url + "api/queries/persons-by-role", params={"role": HISTORIAN}).json()
    assert full["rows"] and {row["role"] for row in full["rows"]} == {HISTORIAN}
    curie = httpx.get(api.url + "api/queries/persons-by-role", params={"role": "jpow:RoleHistorian"}).json()
    assert curie["rows"] == full["rows"]
    unbound = httpx.get(api.url + "api/queries/persons-by-role", params={"limit": 1000}).json()
    assert len({row["role"] for row in unbound["rows"]}) > 1


def test_a_url_of_this_server_stands_for_its_iri(api: LiveServer) -> None:
    rows = httpx.get(api.url + "api/queries/sources-cited", params={"limit": 1}).json()["rows"]
    assert rows
    r = httpx.get(api.url + "api/queries/evidence-for-entity", params={"entity": api.url + "id/camp/camp-99-spassky"})
    assert r.status_code == 200
    assert {row["entity"] for row in r.json()["rows"]} == {BASE + "id/camp/camp-99-spassky"}


@pytest.mark.parametrize("value", [
    "not an iri",
    "https://x.org/a> } UNION { ?s ?p ?o } #",
    "nope:Thing",
])
def test_invalid_or_hostile_values_are_422_never_spliced(api: LiveServer, value: str) -> None:
    r = httpx.get(api.url + "api/queries/persons-by-role", params={"role": value})
    assert r.status_code == 422
    assert "role" in r.json()["error"]


def test_limit_is_bounded(api: LiveServer) -> None:
    assert httpx.get(api.url + "api/queries/statistics", params={"limit": 5000}).status_code == 422
    assert httpx.get(api.url + "api/queries/statistics", params={"offset": -1}).status_code == 422


def test_pages_follow_each_other_and_cover_the_result(api: LiveServer) -> None:
    everything = httpx.get(api.url + "api/queries/statistics", params={"limit": 1000}).json()["rows"]
    assert len(everything) > 4
    seen, url, params = [], api.url + "api/queries/statistics", {"limit": 3}
    while url:
        r = httpx.get(url, params=params)
        body = r.json()
        assert len(body["rows"]) <= 3
        seen += body["rows"]
        url, params = body["next"], None
        if url:
            assert r.headers["link"] == f'<{url}>; rel="next"'
    assert seen == everything


def test_csv_output(api: LiveServer) -> None:
    by_param = httpx.get(api.url + "api/queries/statistics", params={"format": "csv", "limit": 4})
    by_accept = httpx.get(api.url + "api/queries/statistics", params={"limit": 4}, headers={"Accept": "text/csv"})
    for r in (by_param, by_accept):
        assert r.headers["content-type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(r.text)))
        assert rows[0] == httpx.get(api.url + "api/queries/statistics", params={"limit": 1}).json()["columns"]
        assert len(rows) == 5


def test_listing(api: LiveServer) -> None:
    listed = httpx.get(api.url + "api/queries").json()
    assert [q["name"] for q in listed] == [q.name for q in SAVED]
    assert all(q["url"].startswith(api.url + "api/queries/") for q in listed)


def test_a_bad_header_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("# title: x\n# param: role uri - a role\nSELECT * {}\n", encoding="utf-8")
    with pytest.raises(SavedQueryError, match=r"bad\.rq:2: unknown parameter type 'uri'"):
        parse_saved_query(bad)


def test_every_openapi_operation_has_its_own_id(server: LiveServer) -> None:
    """GET and POST /sparql (and the Graph Store's five methods) are distinct operations for code generators."""
    spec = httpx.get(server.url + "openapi.json").json()
    ids = [op["operationId"] for item in spec["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert {"sparql_sparql_get", "sparql_sparql_post"} <= set(ids)

"""`kg build` into a remote store: readers never see a half-loaded build, a store that dies or refuses gives a
clear error (not a hang) and leaves the previous build live, graphs a new build no longer has are gone, and
row caps are reported instead of silently cutting results. Each test module starts its own servers
(tests/stores.py), as these tests kill and restart them.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import stores
from kg.build import build
from kg.cli import main
from kg.config import Settings
from kg.serve.app import create_app
from kg.store.embedded import open_store
from kg.store.profiles import ProfileError, load
from kg.serve.remote_backend import RemoteBackend
from kg.store.http import Endpoints, StoreRefused, StoreTruncated, StoreUnavailable, make_auth
from kg.store.manifest import KG, MANIFEST, current_build
from kg.store.publish import publish
from kg.store.remote import RemoteStore
from test_build import TABLES, write_data

ROOT = Path(__file__).resolve().parents[1]
BASE = "https://w3id.org/jpow-kg/"
TANAKA = f"<{BASE}id/person/tanaka>"
SATO_ROW = "sato,Person,src-a,16,Sato Jiro,prisoner-of-war,1921\n"


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[stores.Server]:
    srv = stores.SERVERS[request.param](tmp_path_factory.mktemp(request.param))
    yield srv
    srv.stop()


def remote(server: stores.Server) -> RemoteStore:
    return RemoteStore.from_settings(server.settings())


def has(server: stores.Server, pattern: str) -> bool:
    """The pattern matches in a live graph (staging graphs of a build in progress or dead are not live)."""
    return remote(server).ask(f'ASK {{ GRAPH ?g {{ {pattern} }} FILTER(!STRSTARTS(STR(?g), "{KG}")) }}')


def staged_triples(server: stores.Server) -> int:
    return remote(server).count(f'GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{KG}stage:"))')


def build_records(server: stores.Server) -> int:
    return remote(server).count(f"GRAPH <{MANIFEST}> {{ ?b <{KG}stage> ?stage }}")


def test_store_dying_midway_leaves_the_previous_build_readable(server: stores.Server, tmp_path: Path) -> None:
    first = write_data(tmp_path / "a")
    build(server.settings(), [first])
    assert has(server, f"{TANAKA} ?p ?o")
    before = current_build(remote(server))

    second = write_data(tmp_path / "b", **{"persons.csv": TABLES["persons.csv"] + SATO_ROW})
    local_path = tmp_path / "b-store"
    build(Settings(), [second], local_path)  # the validated build, as kg.build stages it
    store = remote(server)
    store.chunk_triples, store.retries, store.backoff_s = 5, 1, 0.1
    sent: list[int] = []

    def die_after_two_requests(triples: int) -> None:
        sent.append(triples)
        if len(sent) == 2:
            server.kill()

    started = time.monotonic()
    with pytest.raises(StoreUnavailable) as err:
        publish(store, open_store(local_path), progress=die_after_two_requests)
    assert time.monotonic() - started < 30, "a dead store must give an error, not a hang"
    assert "unreachable" in str(err.value)

    server.start()  # the same database directory: what a restarted store holds
    assert current_build(remote(server)) == before
    assert has(server, f"{TANAKA} ?p ?o"), "the previous build is still readable"
    assert not has(server, f"<{BASE}id/person/sato> ?p ?o"), "nothing of the dead build is in the live graphs"

    build(server.settings(), [second])  # the next build goes through and clears what the dead one left
    assert has(server, f"<{BASE}id/person/sato> ?p ?o")
    assert staged_triples(server) == 0 and build_records(server) == 1


def test_graphs_a_new_build_no_longer_has_are_gone(server: stores.Server, tmp_path: Path) -> None:
    build(server.settings(), [write_data(tmp_path / "a", **{"persons.csv": TABLES["persons.csv"] + SATO_ROW})])
    sato_graph = [r["g"].value for r in remote(server).rows(
        f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{BASE}id/person/sato> ?p ?o }} }}")]
    assert sato_graph
    build(server.settings(), [write_data(tmp_path / "b")])
    assert not has(server, f"<{BASE}id/person/sato> ?p ?o")
    # graphs that exist while empty (Oxigraph) are listed by GRAPH ?g {}; Virtuoso has no empty graphs
    listed = {r["g"].value for r in remote(server).rows("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }") if "g" in r}
    assert not set(sato_graph) & listed, "an emptied graph of the old build must not linger"
    assert staged_triples(server) == 0 and build_records(server) == 1
    assert has(server, f"{TANAKA} ?p ?o")


def test_refusing_store_gives_the_status_and_keeps_the_live_build(server: stores.Server, tmp_path: Path) -> None:
    data = write_data(tmp_path / "a")
    build(server.settings(), [data])
    wrong = server.endpoints.gsp.rsplit("/", 1)[0] + "/no-graph-store-here"
    with pytest.raises(StoreRefused) as err:
        build(server.settings(store_gsp_url=wrong), [write_data(tmp_path / "b", **{
            "persons.csv": TABLES["persons.csv"] + SATO_ROW})])
    assert "HTTP 404" in str(err.value) and wrong in str(err.value)
    assert has(server, f"{TANAKA} ?p ?o") and not has(server, f"<{BASE}id/person/sato> ?p ?o")


def test_transient_503s_are_retried(server: stores.Server, tmp_path: Path) -> None:
    origin = server.endpoints.query.rsplit("/", 1)[0]
    proxy = stores.FlakyProxy(origin, fail_every=3)
    try:
        via = {k: getattr(server.endpoints, k).replace(origin, proxy.url) for k in ("query", "update", "gsp")}
        settings = server.settings(store_query_url=via["query"], store_update_url=via["update"],
                                   store_gsp_url=via["gsp"])
        build(settings, [write_data(tmp_path / "a", **{"persons.csv": TABLES["persons.csv"] + SATO_ROW})])
        assert proxy.failed >= 2, "the proxy must have refused some requests for this test to mean anything"
    finally:
        proxy.close()
    assert has(server, f"<{BASE}id/person/sato> ?p ?o")


@pytest.mark.parametrize("scheme", ["basic", "bearer"])
def test_a_store_behind_basic_or_bearer_auth_is_built_and_served(
        server: stores.Server, tmp_path: Path, scheme: str) -> None:
    """Credentials from the settings (KG_STORE_USER/KG_STORE_PASSWORD, or KG_STORE_TOKEN) go with every request,
    to a real gateway on 127.0.0.1 that refuses anything else with 401; without them the build fails clearly."""
    origin = server.endpoints.query.rsplit("/", 1)[0]
    expected = ("Basic " + base64.b64encode(b"kg-builder:s3cret").decode()) if scheme == "basic" else "Bearer t0ken"
    proxy = stores.AuthProxy(origin, expected, 'Basic realm="kg"' if scheme == "basic" else "Bearer")
    try:
        via = {k: getattr(server.endpoints, k).replace(origin, proxy.url) for k in ("query", "update", "gsp")}
        settings = server.settings(store_query_url=via["query"], store_update_url=via["update"], store_gsp_url=via["gsp"])
        with pytest.raises(StoreRefused, match="401"):
            build(settings, [write_data(tmp_path / "a", **{"persons.csv": TABLES["persons.csv"] + SATO_ROW})])
        credentials = {"store_user": "kg-builder", "store_password": "s3cret"} if scheme == "basic" \
            else {"store_token": "t0ken"}
        settings = settings.with_(**credentials)
        build(settings, [write_data(tmp_path / "b", **{"persons.csv": TABLES["persons.csv"] + SATO_ROW})])
        assert proxy.passed > 3 and proxy.refused >= 1
        with stores.serving(create_app(settings)) as url:
            page = httpx.get(f"{url}id/person/sato", headers={"Accept": "application/n-triples"}, timeout=30)
        assert page.status_code == 200 and "Sato" in page.text, page.text
    finally:
        proxy.close()


def test_cli_build_into_an_unreachable_store_exits_3_quickly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dead = f"http://127.0.0.1:{stores.free_port()}"
    started = time.monotonic()
    code = main(["build", "-q", "--data", str(write_data(tmp_path / "a")), "--store-profile", "oxigraph",
                 "--store-query", f"{dead}/query", "--store-update", f"{dead}/update", "--store-gsp", f"{dead}/store"])
    assert code == 3
    assert time.monotonic() - started < 20
    err = capsys.readouterr().err
    assert "unreachable" in err and f"{dead}/update" in err


def test_remote_store_is_chosen_by_the_environment(monkeypatch: pytest.MonkeyPatch, server: stores.Server,
                                                   tmp_path: Path) -> None:
    monkeypatch.setenv("KG_STORE_QUERY", server.endpoints.query)
    monkeypatch.setenv("KG_STORE_UPDATE", server.endpoints.update or "")
    monkeypatch.setenv("KG_STORE_GSP", server.endpoints.gsp or "")
    monkeypatch.delenv("KG_STORE_PROFILE", raising=False)
    settings = Settings()
    assert settings.remote
    assert RemoteStore.from_settings(settings).profile.name == server.profile, "the profile is detected"
    summary = build(settings, [write_data(tmp_path / "a")])
    assert server.endpoints.query in str(summary.store_path)
    assert not (tmp_path / "store").exists() and has(server, f"{TANAKA} ?p ?o")


# --- row caps (Virtuoso's ResultSetMaxRows) -------------------------------------------------------------------

@pytest.fixture(scope="module")
def capped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[stores.Server]:
    """A Virtuoso with a small ResultSetMaxRows holding data/ (more quads than the cap)."""
    srv = stores.virtuoso(tmp_path_factory.mktemp("capped"))
    build(srv.settings(), [ROOT / "data"])
    yield srv
    srv.stop()


def test_row_cap_is_reported_not_silently_applied(capped: stores.Server) -> None:
    store = remote(capped)
    everything = f"GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), \"{BASE}\"))"
    total = store.count(everything)
    assert total > stores.VIRTUOSO_MAX_ROWS
    with pytest.raises(StoreTruncated):
        store.rows(f"SELECT * WHERE {{ {everything} }}")
    assert len(store.all_rows("?s ?p ?o ?g", everything)) == total, "paged reads get every row"
    with stores.serving(create_app(capped.settings(), backend=RemoteBackend.from_settings(capped.settings()))) as url:
        for query, accept in ((f"SELECT * WHERE {{ {everything} }}", "application/sparql-results+json"),
                              (f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {everything} }}", "text/turtle")):
            got = httpx.post(url + "sparql", data={"query": query}, headers={"Accept": accept}, timeout=60)
            assert got.status_code == 503 and "row limit" in got.text, got.text


# --- auth and profiles -----------------------------------------------------------------------------------------

def test_digest_auth_reaches_virtuosos_protected_endpoint(capped: stores.Server) -> None:
    auth_url = capped.endpoints.query.replace("/sparql", "/sparql-auth")
    anonymous = RemoteStore(Endpoints(capped.endpoints.query, auth_url), load("virtuoso"), retries=0)
    with pytest.raises(StoreRefused) as err:
        anonymous.update("INSERT DATA { GRAPH <urn:x-test:auth> { <urn:x-test:a> <urn:x-test:b> 1 } }")
    assert err.value.status == 401 and "KG_STORE_USER" in str(err.value)
    user = RemoteStore(Endpoints(capped.endpoints.query, auth_url), load("virtuoso"),
                       auth=make_auth("dba", "dba", None, "digest"))
    user.update("INSERT DATA { GRAPH <urn:x-test:auth> { <urn:x-test:a> <urn:x-test:b> 1 } }")
    assert user.ask("ASK { GRAPH <urn:x-test:auth> { <urn:x-test:a> <urn:x-test:b> 1 } }")


def test_generic_profile_works_on_a_store_configured_as_the_guide_says(tmp_path: Path) -> None:
    """An unknown store: only the W3C protocols, the default graph configured as the union (docs/deploy.md)."""
    srv = stores.oxigraph(tmp_path / "generic", union=True, profile="generic")
    try:
        for data in (write_data(tmp_path / "a"), write_data(tmp_path / "b")):
            build(srv.settings(), [data])
        store = remote(srv)
        assert store.profile.name == "generic"
        assert store.ask(f"ASK {{ {TANAKA} ?p ?o }}"), "the union default graph holds the build"
        assert staged_triples(srv) == 0 and build_records(srv) == 1
    finally:
        srv.stop()


def test_unknown_profile_names_the_known_ones() -> None:
    with pytest.raises(ProfileError) as err:
        load("no-such-store")
    assert "oxigraph" in str(err.value) and "virtuoso" in str(err.value) and "generic" in str(err.value)

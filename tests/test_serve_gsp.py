"""Graph Store Protocol at /store (and direct identification) against a live server: the W3C GSP tests and
the access rules."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx
import pytest
import rdflib
import yaml
from rdflib.compare import isomorphic

from servers import TOKEN, LiveServer

W3C = yaml.safe_load((Path(__file__).parent / "w3c" / "gsp.yaml").read_text(encoding="utf-8"))
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def state() -> dict[str, str]:
    """What one W3C test leaves for the next ($NEWPATH$)."""
    return {}


def substitute(text: str, server: LiveServer, state: dict[str, str]) -> str:
    host = server.url.split("//", 1)[1].rstrip("/")
    text = text.replace("$HOST$", host).replace("$GRAPHSTORE$", "/store")
    return text.replace("$NEWPATH$", state.get("newpath", "$NEWPATH$"))


@pytest.mark.parametrize("case", W3C["tests"], ids=[t["id"] for t in W3C["tests"]])
def test_w3c_graph_store_protocol(rw_server: LiveServer, state: dict[str, str], case: dict) -> None:
    """Each test of w3c/rdf-tests sparql11/http-rdf-update, in order, as restated in tests/w3c/gsp.yaml."""
    path = substitute(case["path"], rw_server, state)
    url = path if path.startswith("http") else rw_server.url.rstrip("/") + path
    headers = dict(AUTH)
    if "accept" in case:
        headers["Accept"] = case["accept"]
    files = None
    content = None
    if "body" in case:
        content = substitute(W3C["prefixes"] + case["body"], rw_server, state).encode()
    elif "raw_body" in case:
        content = substitute(case["raw_body"], rw_server, state).encode()
    if "content_type" in case:
        headers["Content-Type"] = case["content_type"]
    if "multipart" in case:
        files = [(part["name"], (part["name"], substitute(W3C["prefixes"] + part["body"], rw_server, state).encode(),
                                 part["content_type"])) for part in case["multipart"]]
    response = httpx.request(case["method"], url, content=content, files=files, headers=headers)
    assert response.status_code == case["status"], (response.status_code, response.text)
    if case.get("save_location"):
        state["newpath"] = response.headers["location"]
    if "expect_turtle" in case:
        assert response.headers["content-type"].startswith("text/turtle")
        got = rdflib.Graph().parse(data=response.text, format="turtle")
        expected = rdflib.Graph().parse(data=substitute(W3C["prefixes"] + case["expect_turtle"], rw_server, state), format="turtle")
        assert isomorphic(got, expected), response.text


# --- The data's own graphs, read-only -------------------------------------------------------------------------

GRAPH = "https://w3id.org/jpow-kg/graph/fixture/camps/c1"
CAMP = rdflib.URIRef("https://w3id.org/jpow-kg/id/camp/spassky-99")


def test_a_data_graph_by_direct_identification_and_by_graph_parameter(server: LiveServer) -> None:
    direct = httpx.get(server.local(GRAPH), headers={"Accept": "application/n-triples"})
    indirect = httpx.get(server.url + "store", params={"graph": GRAPH}, headers={"Accept": "application/n-triples"})
    for response in (direct, indirect):
        assert response.status_code == 200 and response.headers["content-type"].startswith("application/n-triples")
        graph = rdflib.Graph().parse(data=response.text, format="nt")
        assert (CAMP, rdflib.RDFS.label, rdflib.Literal("Spassky camp No. 99", lang="en")) in graph
        assert (CAMP, rdflib.URIRef("https://w3id.org/jpow-kg/ontology#location"),
                rdflib.URIRef("https://w3id.org/jpow-kg/id/place/spassk")) not in graph  # that is in graph c2
    assert httpx.head(server.local(GRAPH)).status_code == 200
    assert httpx.get(server.url + "store", params={"graph": GRAPH + "-missing"}).status_code == 404


def test_writes_are_refused_on_a_read_only_server(server: LiveServer) -> None:
    for method in ("PUT", "POST", "DELETE"):
        r = httpx.request(method, server.local(GRAPH), content=b"<a:b> <a:c> <a:d> .",
                          headers={"Content-Type": "application/n-triples", "Authorization": "Bearer x"})
        assert r.status_code == 403, method
    assert httpx.get(server.local(GRAPH)).status_code == 200


def test_writes_need_the_token_and_a_known_media_type(rw_server: LiveServer) -> None:
    url = rw_server.url + f"store/test/{uuid.uuid4().hex}"
    body = b"<http://example.org/s> <http://example.org/p> <http://example.org/o> ."
    assert httpx.put(url, content=body, headers={"Content-Type": "application/n-triples"}).status_code == 401
    r = httpx.put(url, content=body, headers={**AUTH, "Content-Type": "application/x-unknown"})
    assert r.status_code == 415 and "text/turtle" in r.text
    r = httpx.put(url, content=b"<not turtle", headers={**AUTH, "Content-Type": "text/turtle"})
    assert r.status_code == 400 and "does not parse" in r.text
    assert httpx.put(url, content=body, headers={**AUTH, "Content-Type": "application/n-triples"}).status_code == 201
    assert httpx.get(url, headers={"Accept": "application/n-triples"}).text.strip() == body.decode()
    assert httpx.delete(url, headers=AUTH).status_code == 200
    assert httpx.get(url).status_code == 404


def test_graph_and_default_together_is_a_400(server: LiveServer) -> None:
    r = httpx.get(server.url + "store", params={"graph": GRAPH, "default": ""})
    assert r.status_code == 400

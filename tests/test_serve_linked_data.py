"""Dereferencing: entity IRIs resolve on the live server as HTML pages and RDF; the ontology; VoID."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
import rdflib
from pyoxigraph import RdfFormat, parse

from servers import BASE, LiveServer

CAMP = BASE + "id/camp/spassky-99"
REGION = BASE + "id/place/karaganda-region"
RDFS_LABEL = rdflib.RDFS.label
JPOW = rdflib.Namespace("https://w3id.org/jpow-kg/ontology#")
HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"  # what browsers send


def test_a_browser_gets_a_page_with_label_types_properties_and_evidence(server: LiveServer) -> None:
    r = httpx.get(server.local(CAMP), headers={"Accept": HTML})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert set(map(str.strip, r.headers["vary"].split(","))) >= {"Accept", "Accept-Language"}
    assert r.headers["content-location"] == server.local(CAMP) + ".html"
    page = r.text
    assert '<h1 id="label" lang="en">Spassky camp No. 99</h1>' in page
    assert 'href="' + server.url + 'ontology#PrisonerOfWarCamp"' in page
    # a linked entity shows its label and links to this server
    assert f'<a href="{server.local(REGION)}">Karaganda region</a>' in page
    # evidence: source label, page, quote, for the statement of graph c1; the other source for graph c2
    assert "A review of the Karaganda camps" in page and "p. 75" in page
    assert "camp 99 lay near Karaganda (fixture wording)" in page
    assert "Camp register (fixture)" in page and "p. 12" in page


@pytest.mark.parametrize("accept_language,label", [
    ("ru-RU,ru;q=0.9,en;q=0.5", "Спасский лагерь № 99"),
    ("ja", "スパスク第99収容所"),
    ("de-DE,de;q=0.9", "Spassky camp No. 99"),  # no German label: English
])
def test_the_label_is_in_the_readers_language(server: LiveServer, accept_language: str, label: str) -> None:
    page = httpx.get(server.local(CAMP), headers={"Accept": HTML, "Accept-Language": accept_language}).text
    assert re.search(r'<h1 id="label"[^>]*>' + re.escape(label) + "</h1>", page)


def test_incoming_links_are_listed(server: LiveServer) -> None:
    page = httpx.get(server.local(REGION), headers={"Accept": HTML}).text
    incoming = page.split("<h2>Linked from</h2>", 1)[1]
    assert "Spassky camp No. 99" in incoming and "Spassk<" in incoming


@pytest.mark.parametrize("accept,ext,fmt", [
    ("text/turtle", "ttl", "turtle"),
    ("application/ld+json", "jsonld", "json-ld"),
    ("application/n-triples", "nt", "nt"),
    ("application/rdf+xml", "rdf", "xml"),
])
def test_rdf_by_accept_by_extension_and_by_format_parameter(server: LiveServer, accept: str, ext: str, fmt: str) -> None:
    by_accept = httpx.get(server.local(CAMP), headers={"Accept": accept})
    by_ext = httpx.get(server.local(CAMP) + "." + ext)
    by_param = httpx.get(server.local(CAMP), params={"format": ext})
    for r in (by_accept, by_ext, by_param):
        assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
        assert r.headers["content-location"] == server.local(CAMP) + "." + ext
        graph = rdflib.Graph().parse(data=r.content, format=fmt)
        camp = rdflib.URIRef(CAMP)
        assert (camp, RDFS_LABEL, rdflib.Literal("Спасский лагерь № 99", lang="ru")) in graph
        assert (camp, JPOW.location, rdflib.URIRef(REGION)) in graph
        assert (rdflib.URIRef(REGION), RDFS_LABEL, rdflib.Literal("Karaganda region", lang="en")) in graph


def test_trig_keeps_the_assertion_graphs_and_their_evidence(server: LiveServer) -> None:
    r = httpx.get(server.local(CAMP) + ".trig")
    quads = list(parse(r.content, RdfFormat.TRIG))
    graphs = {q.graph_name.value for q in quads if q.subject.value == CAMP}
    assert graphs == {BASE + "graph/fixture/camps/c1", BASE + "graph/fixture/camps/c2"}
    derived = {(q.subject.value, q.object.value) for q in quads if q.predicate.value.endswith("wasDerivedFrom")}
    assert (BASE + "graph/fixture/camps/c2", BASE + "id/publication/register") in derived


def test_rdflib_dereferences_an_entity_iri_of_this_server(server: LiveServer) -> None:
    graph = rdflib.Graph().parse(server.local(CAMP))
    assert (rdflib.URIRef(CAMP), rdflib.RDF.type, JPOW.PrisonerOfWarCamp) in graph


def test_the_origin_follows_the_host_the_client_used(server: LiveServer) -> None:
    url = server.local(CAMP).replace("127.0.0.1", "localhost")
    page = httpx.get(url, headers={"Accept": HTML}).text
    assert f'href="{server.local(REGION).replace("127.0.0.1", "localhost")}"' in page


def test_unknown_iri_is_404_and_unacceptable_type_is_406(server: LiveServer) -> None:
    assert httpx.get(server.url + "id/camp/no-such-camp", headers={"Accept": HTML}).status_code == 404
    assert httpx.get(server.local(CAMP), headers={"Accept": "image/png"}).status_code == 406


def test_the_ontology_namespace_serves_documentation_and_turtle(server: LiveServer) -> None:
    ontology = Path(__file__).resolve().parents[1] / "ontology" / "jpow.ttl"
    html = httpx.get(server.url + "ontology", headers={"Accept": HTML})
    assert html.status_code == 200 and 'id="PrisonerOfWarCamp"' in html.text
    ttl = httpx.get(server.url + "ontology", headers={"Accept": "text/turtle"})
    assert ttl.headers["content-type"].startswith("text/turtle")
    assert ttl.headers["content-location"] == server.url + "ontology.ttl"
    assert ttl.content == ontology.read_bytes()
    assert httpx.get(server.url + "ontology.ttl").content == ontology.read_bytes()


def test_the_home_page_counts_entities_by_class(server: LiveServer) -> None:
    page = httpx.get(server.url, headers={"Accept": HTML}).text
    row = re.search(r'<a href="([^"]+)">Prisoner-of-war camp</a></td><td>(\d+)</td>', page)
    assert row and row.group(1) == server.url + "ontology#PrisonerOfWarCamp" and row.group(2) == "1"
    assert "owl:Class" not in page and "Assertion" not in page  # only entities, not graphs or ontology terms


def test_void_is_computed_from_the_data(server: LiveServer) -> None:
    quads = list(parse(path=str(Path(__file__).parent / "fixtures" / "serve" / "kg.trig"), format=RdfFormat.TRIG))
    void = rdflib.Graph().parse(data=httpx.get(server.url + ".well-known/void").text, format="turtle")
    VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
    dataset = next(void.subjects(rdflib.RDF.type, VOID.Dataset))
    assert int(void.value(dataset, VOID.triples)) == len(quads)
    assert void.value(dataset, VOID.sparqlEndpoint) == rdflib.URIRef(server.url + "sparql")
    partitions = {void.value(p, VOID["class"]): int(void.value(p, VOID.entities)) for p in void.objects(dataset, VOID.classPartition)}
    assert partitions[JPOW.PrisonerOfWarCamp] == 1 and partitions[JPOW.Assertion] == 4


def test_a_much_linked_entity_shows_a_bounded_number_of_incoming_links(tmp_path: Path) -> None:
    """A camp may be the object of a whole registry: its page lists the first 500 links, not all of them."""
    from pyoxigraph import Literal, NamedNode, Quad, Store

    from kg.serve.resources import INCOMING_LIMIT

    camp, graph = NamedNode(BASE + "id/camp/big"), NamedNode(BASE + "graph/test/registry")
    store = Store(str(tmp_path / "store"))
    store.add(Quad(camp, NamedNode(str(RDFS_LABEL)), Literal("Big camp", language="en"), graph))
    store.extend(Quad(NamedNode(f"{BASE}id/person/p{i}"), NamedNode(str(JPOW.camp)), camp, graph) for i in range(INCOMING_LIMIT + 100))
    store.flush()
    del store
    live = LiveServer(tmp_path / "store", tmp_path)
    try:
        page = httpx.get(live.local(camp.value), headers={"Accept": HTML}).text
        assert f"The first {INCOMING_LIMIT} links" in page
        assert page.count(f'href="{live.url}id/person/p') == INCOMING_LIMIT
        graph_out = rdflib.Graph().parse(data=httpx.get(live.local(camp.value) + ".nt").text, format="nt")
        assert len(set(graph_out.subjects(JPOW.camp, rdflib.URIRef(camp.value)))) == INCOMING_LIMIT
    finally:
        live.stop()


def test_a_configured_base_iri_maps_to_the_serving_origin(tmp_path: Path) -> None:
    """KG_BASE_IRI decides which IRIs dereference here; the path after it is the same on this server."""
    from pyoxigraph import Literal, NamedNode, Quad, Store

    base = "http://data.example.org/kg/"
    thing = NamedNode(base + "id/place/somewhere")
    store = Store(str(tmp_path / "store"))
    store.add(Quad(thing, NamedNode(str(RDFS_LABEL)), Literal("Somewhere", language="en"), NamedNode(base + "graph/t/1")))
    store.flush()
    del store
    live = LiveServer(tmp_path / "store", tmp_path, KG_BASE_IRI=base)
    try:
        page = httpx.get(live.url + "id/place/somewhere", headers={"Accept": HTML})
        assert page.status_code == 200 and ">Somewhere</h1>" in page.text
        assert httpx.get(live.url + "graph/t/1", headers={"Accept": "text/turtle"}).status_code == 200
        assert httpx.get(live.url + "id/place/elsewhere").status_code == 404
    finally:
        live.stop()


# --- The curated data, built by kg.build --------------------------------------------------------------------


@pytest.fixture(scope="module")
def curated_server(curated_store_path: Path, tmp_path_factory: pytest.TempPathFactory):
    live = LiveServer(curated_store_path, tmp_path_factory.mktemp("logs"))
    yield live
    live.stop()


def test_every_curated_entity_dereferences(curated_server: LiveServer, curated_store_path: Path) -> None:
    r = httpx.get(curated_server.url + "sparql", params={"query": (
        f"SELECT DISTINCT ?s WHERE {{ ?s a ?type FILTER(STRSTARTS(STR(?s), \"{BASE}id/\")) }}")})
    entities = [b["s"]["value"] for b in r.json()["results"]["bindings"]]
    assert len(entities) > 50
    with httpx.Client() as client:
        for iri in entities:
            page = client.get(curated_server.local(iri), headers={"Accept": HTML})
            assert page.status_code == 200, iri
            assert 'class="evidence-item"' in page.text, iri  # every entity page shows where its facts come from
            ttl = client.get(curated_server.local(iri) + ".ttl")
            assert rdflib.URIRef(iri) in set(rdflib.Graph().parse(data=ttl.text, format="turtle").subjects()), iri

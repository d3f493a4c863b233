"""The SPARQL Service Description returned by `GET /sparql` without a query, and the VoID description at
`/.well-known/void`, both computed from what this server really does and holds."""

from __future__ import annotations

from pathlib import Path

from fastapi import Request
from fastapi.responses import Response
from pyoxigraph import BlankNode, Literal, NamedNode, Triple, serialize

from kg.config import ONTOLOGY_NS
from kg.serve.context import ServeContext, origin, text_error
from kg.serve.formats import (
    TRIPLE_FORMATS,
    NotAcceptable,
    UnknownFormat,
    by_name,
    negotiate,
)
from kg.sparql_text import query_file
from kg.vocab import DCTERMS, RDF, RDFS, XSD, Namespace

QUERIES = Path(__file__).with_name("sparql_queries")  # the SPARQL this server runs for its own pages
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")

RESULT_FORMAT_IRIS = (
    "SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
    "Turtle", "N-Triples", "N-Quads", "TriG", "RDF_XML", "JSON-LD",
)

UNION_NOTE = (
    "The default graph of a query is the union of all named graphs (every fact lives in a named assertion "
    "graph), unless the request gives default-graph-uri or the query has FROM. Updates and the Graph Store "
    "Protocol's ?default address the store's own default graph, which a built store leaves empty."
)


def _int(n: int) -> Literal:
    return Literal(str(n), datatype=XSD.integer)


async def _render(request: Request, triples: list[Triple]) -> Response:
    requested = request.query_params.get("format")
    try:
        fmt = by_name(requested, TRIPLE_FORMATS) if requested else negotiate(request.headers.get("accept"), TRIPLE_FORMATS)
    except (NotAcceptable, UnknownFormat) as exc:
        return text_error(406 if isinstance(exc, NotAcceptable) else 400, str(exc))
    prefixes = {"sd": SD.iri, "void": VOID.iri, "dcterms": DCTERMS.iri, "formats": FORMATS.iri, "xsd": XSD.iri}
    body = serialize(triples, format=fmt.oxi, prefixes=prefixes if fmt.name == "turtle" else None) or b""
    return Response(body, media_type=fmt.content_type, headers={"Vary": "Accept"})


async def counts(c: ServeContext) -> dict[str, int]:
    """Size figures of the data, computed once per process (and again after an update)."""
    if "counts" not in c.cache:
        _, rows = await c.backend.select(query_file(QUERIES / "dataset_size.rq"))
        _, entity_rows = await c.backend.select(query_file(QUERIES / "entity_count.rq", space=Literal(c.base + "id/")))
        row = rows[0] if rows else {}
        figures = {k: int(row[k].value) if k in row else 0 for k in ("triples", "subjects", "properties", "graphs")}
        figures["entities"] = int(entity_rows[0]["n"].value) if entity_rows and "n" in entity_rows[0] else 0
        c.cache["counts"] = figures
    return c.cache["counts"]


async def respond(request: Request, c: ServeContext) -> Response:
    endpoint = NamedNode(origin(request) + "sparql")
    figures = await counts(c)
    dataset, default_graph = BlankNode(), BlankNode()
    triples = [
        Triple(endpoint, RDF.type, SD.Service),
        Triple(endpoint, SD.endpoint, endpoint),
        Triple(endpoint, SD.supportedLanguage, SD.SPARQL11Query),
        Triple(endpoint, SD.feature, SD.UnionDefaultGraph),
        Triple(endpoint, SD.defaultEntailmentRegime, NamedNode("http://www.w3.org/ns/entailment/Simple")),
        Triple(endpoint, RDFS.comment, Literal(UNION_NOTE, language="en")),
        Triple(endpoint, SD.defaultDataset, dataset),
        Triple(dataset, RDF.type, SD.Dataset),
        Triple(dataset, DCTERMS.description, NamedNode(origin(request) + ".well-known/void")),
        Triple(dataset, SD.defaultGraph, default_graph),
        Triple(default_graph, RDF.type, SD.Graph),
        Triple(default_graph, VOID.triples, _int(figures["triples"])),
    ]
    triples += [Triple(endpoint, SD.resultFormat, FORMATS[name]) for name in RESULT_FORMAT_IRIS]
    if c.settings.update_token:
        triples.append(Triple(endpoint, SD.supportedLanguage, SD.SPARQL11Update))
    return await _render(request, triples)


async def void(request: Request, c: ServeContext) -> Response:
    """VoID of the data: size figures, class and property partitions, where to query and look things up."""
    here = origin(request)
    figures = await counts(c)
    ds = NamedNode(here + ".well-known/void#dataset")
    triples = [
        Triple(ds, RDF.type, VOID.Dataset),
        Triple(ds, DCTERMS.title, Literal("jpow-kg: Japanese prisoners of war in the USSR", language="en")),
        Triple(ds, VOID.sparqlEndpoint, NamedNode(here + "sparql")),
        Triple(ds, VOID.uriSpace, Literal(c.base + "id/")),
        Triple(ds, VOID.vocabulary, NamedNode(ONTOLOGY_NS)),
        Triple(ds, VOID.triples, _int(figures["triples"])),
        Triple(ds, VOID.distinctSubjects, _int(figures["subjects"])),
        Triple(ds, VOID.properties, _int(figures["properties"])),
        Triple(ds, VOID.entities, _int(figures["entities"])),
    ]
    _, classes = await c.backend.select(query_file(QUERIES / "class_partitions.rq"))
    triples.append(Triple(ds, VOID.classes, _int(len(classes))))
    for row in classes:
        part = BlankNode()
        triples += [
            Triple(ds, VOID.classPartition, part),
            Triple(part, VOID["class"], row["class"]),
            Triple(part, VOID.entities, _int(int(row["n"].value))),
        ]
    _, props = await c.backend.select(query_file(QUERIES / "property_partitions.rq"))
    for row in props:
        part = BlankNode()
        triples += [
            Triple(ds, VOID.propertyPartition, part),
            Triple(part, VOID.property, row["p"]),
            Triple(part, VOID.triples, _int(int(row["n"].value))),
        ]
    return await _render(request, triples)

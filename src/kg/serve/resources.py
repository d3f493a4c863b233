"""Linked data: every IRI under the base IRI dereferences here, whatever host and port the server runs on.

`GET /id/person/x` looks up `{base}id/person/x`. Browsers (text/html) get a page: the label in the reader's
language, types, properties with the labels of linked entities, incoming links, and the evidence (source, page,
quote) behind each statement. RDF clients get Turtle, JSON-LD, N-Triples or RDF/XML (statements about the
entity, links to it and the labels of linked entities) or TriG/N-Quads (the same quads in their assertion
graphs, plus those graphs' evidence), by `Accept`, by a file extension (`x.ttl`) or by `?format=`.
Responses carry `Vary: Accept, Accept-Language` and the `Content-Location` of the representation sent.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse, serialize

from kg.config import ONTOLOGY_NS
from kg.serve.context import Context, ServeContext, origin
from kg.serve.entity_quads import EntityQuads
from kg.serve.evidence import Evidence, evidence_of
from kg.serve.formats import (
    GRAPH_FORMATS,
    TURTLE,
    Format,
    NotAcceptable,
    UnknownFormat,
    by_name,
    negotiate,
    prefers_html,
)
from kg.serve.labels import languages, local_name, ontology_labels, pick
from kg.serve.person_records import RecordsView, records_view
from kg.serve.service_description import QUERIES, counts
from kg.sparql_text import query_file
from kg.vocab import JPOW, PREFIXES, PROV, RDF, RDFS, SKOS

router = APIRouter()

EXTENSIONS = {f.extension: f for f in GRAPH_FORMATS} | {"json": by_name("jsonld", GRAPH_FORMATS), "html": None}
INCOMING_LIMIT = 500
@dataclass
class Statement:
    predicate: str
    value: Any
    evidence: list[Evidence] = field(default_factory=list)


def _split_extension(path: str) -> tuple[str, str | None]:
    stem, dot, ext = path.rpartition(".")
    if dot and "/" not in ext and ext.lower() in EXTENSIONS:
        return stem, ext.lower()
    return path, None


def _choose(request: Request, ext: str | None) -> Format | None:
    """The representation to send: a Format, or None for HTML."""
    requested = request.query_params.get("format")
    try:
        if ext is not None:
            return EXTENSIONS[ext]
        if requested:
            return None if requested.lower() == "html" else by_name(requested, GRAPH_FORMATS)
        accept = request.headers.get("accept")
        if prefers_html(accept):
            return None
        return negotiate(accept, GRAPH_FORMATS, default=TURTLE)
    except NotAcceptable as exc:
        raise HTTPException(406, str(exc) + ", text/html") from None
    except UnknownFormat as exc:
        raise HTTPException(400, str(exc) + ", html") from None


def link(iri: str, request: Request, base: str) -> str:
    """Where a browser should go for an IRI: this server for our IRIs (under `base`) and ontology terms, else
    the IRI."""
    if iri.startswith(ONTOLOGY_NS):
        return origin(request) + "ontology#" + iri[len(ONTOLOGY_NS):]
    if iri.startswith(base):
        return origin(request) + iri[len(base):]
    return iri


def curie(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns.iri) and len(iri) > len(ns.iri):
            return f"{prefix}:{iri[len(ns.iri):]}"
    return iri


# Names for the few properties from other vocabularies that every page shows.
COMMON_LABELS = {
    RDFS.label.value: "label",
    RDFS.comment.value: "note",
    "http://www.w3.org/2004/02/skos/core#altLabel": "also known as",
    "http://purl.org/dc/terms/source": "cited source",
    PROV.wasDerivedFrom.value: "derived from",
}


class Labeller:
    """Labels of the IRIs on a page, from the data and the ontology, in the reader's language."""

    def __init__(self, c: ServeContext, quads: list[Quad], langs: list[str]) -> None:
        self.langs = langs
        self.known: dict[str, list[Literal]] = defaultdict(list)
        for iri, name in COMMON_LABELS.items():
            self.known[iri].append(Literal(name, language="en"))
        for iri, lits in ontology_labels(c.settings.ontology_dir / "jpow.ttl").items():
            self.known[iri] += lits
        for q in quads:
            if q.predicate == RDFS.label and isinstance(q.object, Literal):
                self.known[q.subject.value].append(q.object)

    def add(self, iri: str, label: Literal) -> None:
        self.known[iri].append(label)

    def __call__(self, iri: str) -> str:
        chosen = pick(self.known.get(iri, []), self.langs)
        return chosen.value if chosen is not None else curie(iri) if curie(iri) != iri else local_name(iri)

    def lang(self, iri: str) -> str | None:
        chosen = pick(self.known.get(iri, []), self.langs)
        return chosen.language if chosen is not None else None


def _rdf_response(request: Request, quads: list[Quad], fmt: Format, location: str) -> Response:
    prefixes = {p: ns.iri for p, ns in PREFIXES.items()}
    if fmt.is_dataset:
        body = serialize(quads, format=fmt.oxi, prefixes=prefixes if fmt.name == "trig" else None)
    else:
        triples = list(dict.fromkeys(q.triple for q in quads))
        body = serialize(triples, format=fmt.oxi, prefixes=prefixes if fmt.name == "turtle" else None)
    return Response(
        body or b"",
        media_type=fmt.content_type,
        headers={"Vary": "Accept, Accept-Language", "Content-Location": location},
    )


async def describe_entity(request: Request, c: ServeContext, iri: str, fmt: Format | None, location: str) -> Response:
    found = await c.backend.entity(iri, incoming=INCOMING_LIMIT, label_predicates=[RDFS.label.value, JPOW.title.value])
    if not found.outgoing and not found.incoming:
        raise HTTPException(404, f"nothing is known about {iri} in this graph")
    graphs = {q.graph_name.value for q in found.outgoing if isinstance(q.graph_name, NamedNode)}
    if fmt is not None:
        if fmt.is_dataset:  # the quads in their graphs, and those graphs' evidence
            extra = found.graphs
        else:  # the labels of the entities it links to and from
            linked = {q.object.value for q in found.outgoing if isinstance(q.object, NamedNode)}
            linked |= {q.subject.value for q in found.incoming}
            extra = [q for q in found.labels if q.predicate == RDFS.label and q.subject.value in linked]
        return _rdf_response(request, found.outgoing + found.incoming + extra, fmt, location)
    records = await records_view(c.backend, iri, found.incoming)
    return _entity_page(request, c, iri, found, graphs, records)


def _entity_page(request: Request, c: ServeContext, iri: str, found: EntityQuads, graphs: set[str],
                 records: RecordsView | None) -> Response:
    outgoing, incoming = found.outgoing, found.incoming
    langs = languages(request.headers.get("accept-language"))
    labeller = Labeller(c, outgoing + incoming, langs)
    evidence = evidence_of(graphs, found.graphs)
    known = set(labeller.known)  # the ontology's and the page's own labels come first
    for q in found.labels + (records.labels if records else []):
        if isinstance(q.object, Literal) and q.subject.value not in known:
            labeller.add(q.subject.value, q.object)

    statements: dict[tuple[str, str], Statement] = {}
    types: list[str] = []
    for q in outgoing:
        if q.predicate == RDF.type:
            if q.object.value not in types:
                types.append(q.object.value)
            continue
        key = (q.predicate.value, str(q.object))
        st = statements.setdefault(key, Statement(q.predicate.value, q.object))
        if q.graph_name.value in evidence and evidence[q.graph_name.value] not in st.evidence:
            st.evidence.append(evidence[q.graph_name.value])
    ordered = sorted(statements.values(), key=lambda s: (s.predicate != RDFS.label.value, labeller(s.predicate).lower()))
    label = labeller(iri)
    alternates = [(f.name, f.media_type, f"{link(iri, request, c.base)}.{f.extension}") for f in GRAPH_FORMATS]
    return c.templates.TemplateResponse(
        request,
        "entity.html",
        {
            "iri": iri,
            "label": label,
            "label_lang": labeller.lang(iri),
            "types": types,
            "statements": ordered,
            "records": records,
            "incoming": sorted(incoming, key=lambda q: (labeller(q.predicate.value), labeller(q.subject.value))),
            "incoming_truncated": len(incoming) >= INCOMING_LIMIT,
            "label_of": labeller,
            "link": lambda x: link(x, request, c.base),
            "is_iri": lambda t: isinstance(t, NamedNode),
            "curie": curie,
            "alternates": alternates,
            "langs": langs,
        },
        headers={"Vary": "Accept, Accept-Language", "Content-Location": link(iri, request, c.base) + ".html"},
    )


# ---- ontology ----------------------------------------------------------------------------------------------


@router.api_route("/ontology", methods=["GET", "HEAD"], name="ontology")
@router.api_route("/ontology.{ext}", methods=["GET", "HEAD"], include_in_schema=False)
async def ontology(request: Request, c: Context, ext: str | None = None) -> Response:
    """The ontology: HTML documentation for browsers, Turtle (`/ontology.ttl`) for RDF clients."""
    path = c.settings.ontology_dir / "jpow.ttl"
    if not path.exists():
        raise HTTPException(404, f"the ontology file {path} is missing from this installation")
    if ext not in (None, "ttl", "html"):
        raise HTTPException(404, "the ontology is served as /ontology (HTML) or /ontology.ttl (Turtle)")
    html = ext == "html" or (ext is None and prefers_html(request.headers.get("accept")))
    headers = {"Vary": "Accept, Accept-Language"}
    if not html:
        if ext is None:
            try:
                negotiate(request.headers.get("accept"), (TURTLE,))
            except NotAcceptable as exc:
                raise HTTPException(406, str(exc) + ", text/html") from None
        headers["Content-Location"] = origin(request) + "ontology.ttl"
        return FileResponse(path, media_type=TURTLE.content_type, headers=headers)
    langs = languages(request.headers.get("accept-language"))
    terms = _ontology_terms(path, langs)
    headers["Content-Location"] = origin(request) + "ontology.html"
    return c.templates.TemplateResponse(request, "ontology.html", {"terms": terms, "ns": ONTOLOGY_NS}, headers=headers)


def _ontology_terms(path: Path, langs: list[str]) -> list[dict[str, Any]]:
    by_term: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for q in parse(path=str(path), format=RdfFormat.TURTLE):
        if isinstance(q.subject, NamedNode) and q.subject.value.startswith(ONTOLOGY_NS):
            by_term[q.subject.value][q.predicate.value].append(q.object)
    terms = []
    for iri, props in sorted(by_term.items(), key=lambda kv: kv[0].lower()):
        label = pick([o for o in props.get(RDFS.label.value, []) if isinstance(o, Literal)], langs)
        notes = props.get(SKOS.definition.value, []) + props.get(RDFS.comment.value, [])
        comment = pick([o for o in notes if isinstance(o, Literal)], langs)
        terms.append(
            {
                "name": iri[len(ONTOLOGY_NS):],
                "label": label.value if label else "",
                "comment": comment.value if comment else "",
                "types": [curie(t.value) for t in props.get(RDF.type.value, [])],
                "parents": [
                    (t.value[len(ONTOLOGY_NS):], "#" + t.value[len(ONTOLOGY_NS):])
                    if t.value.startswith(ONTOLOGY_NS) else (curie(t.value), t.value)
                    for t in props.get(RDFS.subClassOf.value, []) + props.get(RDFS.subPropertyOf.value, [])
                    if isinstance(t, NamedNode)
                ],
            }
        )
    return terms


# ---- home and catch-all ------------------------------------------------------------------------------------


@router.get("/", include_in_schema=False)
async def home(request: Request, c: Context) -> HTMLResponse:
    figures = await counts(c)
    _, kinds = await c.backend.select(query_file(QUERIES / "entities_per_class.rq", space=Literal(c.base + "id/")))
    labeller = Labeller(c, [], languages(request.headers.get("accept-language")))
    rows = [(labeller(r["class"].value), link(r["class"].value, request, c.base), int(r["n"].value)) for r in kinds]
    return c.templates.TemplateResponse(request, "home.html", {"figures": figures, "classes": rows})


@router.api_route("/{path:path}", methods=["GET", "HEAD"], include_in_schema=False)
async def resource(request: Request, c: Context, path: str) -> Response:
    """Any other path names the IRI `{base}{path}`: an entity (`id/…`), an agent, an extraction activity."""
    stem, ext = _split_extension(path)
    iri = c.base + stem
    fmt = _choose(request, ext)
    location = origin(request) + stem + "." + (fmt.extension if fmt else "html")
    return await describe_entity(request, c, iri, fmt, location)

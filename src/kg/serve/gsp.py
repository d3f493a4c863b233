"""SPARQL 1.1 Graph Store HTTP Protocol at `/store` (indirect: `?graph=IRI` or `?default`) and by direct
identification: a URL of this server under `/store/…` or `/graph/…` names the graph `{base}store/…` or
`{base}graph/…` (the base IRI mapped to this server's origin, as for entity IRIs).

GET and HEAD are public; PUT, POST and DELETE need the update token. `?default` is the store's own default
graph, not the union that queries see (see the Service Description).
"""

from __future__ import annotations

import uuid
from urllib.parse import urljoin

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from pyoxigraph import NamedNode, RdfFormat

from kg.serve.auth import require_update_token
from kg.serve.disconnect import ClientGone, unless_disconnected
from kg.serve.errors import BadRequest
from kg.serve.input_policy import check_rdf
from kg.serve.context import Context, ServeContext, origin, text_error, to_canonical
from kg.serve.formats import GRAPH_FORMATS, NotAcceptable, UnknownFormat, by_name, negotiate
from kg.serve.streaming import stream_response

router = APIRouter()

METHODS = ["GET", "HEAD", "PUT", "POST", "DELETE"]


class GraphTarget:
    """Which graph a request is about: `iri` None is the default graph; `store` True is the store itself."""

    def __init__(self, iri: str | None, *, store: bool = False) -> None:
        if iri is not None:
            try:
                NamedNode(iri)
            except ValueError as exc:
                raise HTTPException(400, f"the graph name {iri!r} is not a valid IRI: {exc}") from None
        self.iri = iri
        self.store = store


def _indirect(request: Request, base: str) -> GraphTarget:
    params = request.query_params
    graphs = params.getlist("graph")
    has_default = "default" in params
    if len(graphs) > 1 or (graphs and has_default):
        raise HTTPException(400, "give exactly one of ?graph=IRI or ?default")
    if graphs:
        return GraphTarget(to_canonical(urljoin(str(request.url), graphs[0]), request, base))
    if has_default:
        return GraphTarget(None)
    return GraphTarget(None, store=True)


def _direct(request: Request, base: str, prefix: str, path: str) -> GraphTarget:
    if "graph" in request.query_params or "default" in request.query_params:
        raise HTTPException(400, "a directly identified graph takes no ?graph or ?default parameter")
    return GraphTarget(base + prefix + path)


def _payload_format(media: str) -> RdfFormat:
    fmt = RdfFormat.from_media_type(media) if media else None
    if fmt is None:
        raise HTTPException(
            415,
            f"unsupported Content-Type {media or 'none'!r}; send RDF as one of: "
            + ", ".join(f.media_type for f in GRAPH_FORMATS if not f.is_dataset),
        )
    return fmt


async def _payloads(request: Request) -> list[tuple[bytes, RdfFormat]]:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "multipart/form-data":
        form = await request.form()
        parts = []
        for value in form.values():
            if isinstance(value, str):
                raise HTTPException(400, "every multipart/form-data part must be a file with a Content-Type")
            parts.append((await value.read(), _payload_format((value.content_type or "").split(";")[0].strip())))
        return parts
    return [(await request.body(), _payload_format(media))]


async def _handle(request: Request, c: ServeContext, target: GraphTarget) -> Response:
    method = request.method
    if method in ("GET", "HEAD"):
        if target.store:
            raise HTTPException(400, "name a graph: ?graph=IRI or ?default (or use a graph's own URL)")
        if not await c.backend.graph_exists(target.iri):
            raise HTTPException(404, f"no graph {target.iri} in this store")
        requested = request.query_params.get("format")
        try:
            fmt = by_name(requested, GRAPH_FORMATS) if requested else negotiate(request.headers.get("accept"), GRAPH_FORMATS)
        except NotAcceptable as exc:
            raise HTTPException(406, str(exc)) from None
        except UnknownFormat as exc:
            raise HTTPException(400, str(exc)) from None
        headers = {"Vary": "Accept"}
        if method == "HEAD":
            return Response(media_type=fmt.content_type, headers=headers)
        try:
            stream = await unless_disconnected(request.receive, c.backend.graph_stream(target.iri, fmt, c.settings.query_timeout_s))
        except ClientGone:
            return Response(status_code=499)
        return stream_response(stream, fmt.content_type, headers)

    require_update_token(request, c.settings.update_token)
    c.cache.clear()
    if method == "DELETE":
        if target.store:
            raise HTTPException(400, "name the graph to delete: ?graph=IRI or ?default")
        if not await c.backend.graph_delete(target.iri):
            raise HTTPException(404, f"no graph {target.iri} in this store")
        return Response(status_code=200)

    payloads = await _payloads(request)
    for data, rdf_format in payloads:
        check_rdf(data, rdf_format.media_type, c.policy)
    base_iri = str(request.url).split("?")[0]
    try:
        if method == "PUT":
            if target.store:
                raise HTTPException(400, "name the graph to replace: ?graph=IRI or ?default")
            created = await c.backend.graph_put(target.iri, payloads, base_iri)
            return Response(status_code=201 if created else 204)
        if target.store:
            local = f"store/{uuid.uuid4().hex}"
            await c.backend.graph_post(c.base + local, payloads, base_iri)
            return Response(status_code=201, headers={"Location": origin(request) + local})
        created = await c.backend.graph_post(target.iri, payloads, base_iri)
        return Response(status_code=201 if created else 200)
    except BadRequest as exc:
        return text_error(400, str(exc))


@router.api_route("/store", methods=METHODS, name="graph_store")
async def graph_store(request: Request, c: Context) -> Response:
    """Graph Store Protocol, indirect identification: `?graph=IRI` or `?default`; POST without either creates
    a new graph and answers 201 with its Location."""
    return await _handle(request, c, _indirect(request, c.base))


@router.api_route("/store/{path:path}", methods=METHODS, include_in_schema=False)
async def graph_store_direct(request: Request, c: Context, path: str) -> Response:
    return await _handle(request, c, _direct(request, c.base, "store/", path))


@router.api_route("/graph/{path:path}", methods=METHODS, name="graph_direct")
async def graph_direct(request: Request, c: Context, path: str) -> Response:
    """Graph Store Protocol, direct identification of the data's graphs (`{base}graph/…`)."""
    return await _handle(request, c, _direct(request, c.base, "graph/", path))

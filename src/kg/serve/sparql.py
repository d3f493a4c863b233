"""SPARQL 1.1 Protocol at `/sparql`: query by GET, POST form or POST direct; update by POST (with a token).

Status codes: 400 for malformed requests and syntax errors (with the parser's message), 401/403 for updates
without a valid token, 405 for other methods, 406 when no acceptable format can carry the result, 415 for a
POST body of another media type or charset than UTF-8, 503 when the time limit or the row cap is hit before
the first byte (after it, the stream is cut and the connection closed, so a client cannot take a partial
result for a whole one).
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from starlette.types import Receive

from kg.serve import service_description
from kg.serve.auth import require_update_token
from kg.serve.backend import Dataset
from kg.serve.disconnect import ClientGone, unless_disconnected
from kg.serve.errors import BadRequest, QueryTimeout, RowCapExceeded, Unavailable
from kg.serve.input_policy import Refused, check_query, check_update
from kg.serve.context import Context, ServeContext, origin, text_error
from kg.serve.formats import Format, Kind, NotAcceptable, UnknownFormat, by_name, formats_for, negotiate, prefers_html
from kg.sparql_text import DatasetConflict, apply_using, lenient_clear
from kg.serve.streaming import stream_response

router = APIRouter()

FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"


class ProtocolError(Exception):
    def __init__(self, status: int, message: str) -> None:
        self.status = status
        super().__init__(message)


def _media_type(request: Request) -> tuple[str, str | None]:
    header = request.headers.get("content-type", "")
    media, *params = [p.strip() for p in header.split(";")]
    charset = None
    for p in params:
        key, _, value = p.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media.lower(), charset


def _decode(body: bytes, charset: str | None) -> str:
    if charset not in (None, "utf-8", "utf8"):
        raise ProtocolError(415, f"the request body must be UTF-8 (got charset={charset})")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProtocolError(400, f"the request body is not valid UTF-8: {exc}") from None


def _single(params: list[tuple[str, str]], name: str) -> str | None:
    values = [v for k, v in params if k == name]
    if len(values) > 1:
        raise ProtocolError(400, f"the request has {len(values)} '{name}' parameters; send exactly one")
    return values[0] if values else None


def _all(params: list[tuple[str, str]], name: str) -> list[str]:
    return [v for k, v in params if k == name]


async def _read_operation(request: Request) -> tuple[str, str | None, list[tuple[str, str]]]:
    """('query'|'update'|'none', text, all parameters) from any of the protocol's request forms."""
    url_params = list(request.query_params.multi_items())
    if request.method == "GET":
        if any(k == "update" for k, _ in url_params):
            raise ProtocolError(400, "a SPARQL update must be sent by POST, not GET")
        query = _single(url_params, "query")
        return ("query" if query is not None else "none"), query, url_params
    media, charset = _media_type(request)
    body = await request.body()
    if media == FORM:
        params = url_params + parse_qsl(_decode(body, charset), keep_blank_values=True)
        query, update = _single(params, "query"), _single(params, "update")
        if query is not None and update is not None:
            raise ProtocolError(400, "send either 'query' or 'update', not both")
        if query is None and update is None:
            raise ProtocolError(400, "the form has neither a 'query' nor an 'update' parameter")
        return ("query", query, params) if query is not None else ("update", update, params)
    if media == QUERY_TYPE:
        return "query", _decode(body, charset), url_params
    if media == UPDATE_TYPE:
        return "update", _decode(body, charset), url_params
    shown = media or "none"
    raise ProtocolError(
        415,
        f"unsupported Content-Type {shown!r}: POST a query as {QUERY_TYPE}, an update as {UPDATE_TYPE}, "
        f"or either as {FORM} with a 'query' or 'update' parameter",
    )


FORMAT_PARAMETERS = ("format", "output", "results")


def _chooser(accept: str | None, params: list[tuple[str, str]]):
    """`choose(kind)`: the format a `format`/`output`/`results` parameter names, else the `Accept` header's.
    Clients send several equivalent ones (SPARQLWrapper: `format=tsv&format=text/tab-separated-values`): values
    this server does not know are ignored while another names a format; values naming different formats are a
    conflict (400)."""
    requested = list(dict.fromkeys(v for k, v in params if k in FORMAT_PARAMETERS and v.strip()))

    def choose(kind: Kind) -> Format:
        offered = formats_for(kind)
        if not requested:
            return negotiate(accept, offered)
        named: dict[str, Format] = {}
        unknown: UnknownFormat | None = None
        for value in requested:
            try:
                named[value] = by_name(value, offered)
            except UnknownFormat as exc:
                unknown = unknown or exc
        if not named:
            raise unknown  # type: ignore[misc]
        if len(set(named.values())) > 1:
            raise UnknownFormat(
                "the format parameters name different formats (" + ", ".join(f"{v!r}" for v in named)
                + "); send one format, or several names of the same one"
            )
        return next(iter(named.values()))

    return choose


@router.api_route("/sparql", methods=["GET", "POST"], name="sparql")
@router.api_route("/sparql/", methods=["GET", "POST"], include_in_schema=False)
async def sparql_endpoint(request: Request, c: Context) -> Response:
    """SPARQL 1.1 Protocol: queries (GET, POST form, POST direct) and updates (POST, bearer token).
    GET without a query returns the Service Description (browsers are sent to the query UI)."""
    try:
        operation, text, params = await _read_operation(request)
    except ProtocolError as exc:
        c.metrics.count_query("unknown", "bad_request")
        return text_error(exc.status, str(exc))
    if operation == "none":
        if request.method == "GET" and prefers_html(request.headers.get("accept")):
            return RedirectResponse(request.url_for("query_ui"), status_code=303)  # a person: the query UI
        return await service_description.respond(request, c)
    if operation == "update":
        return await _update(request, c, text or "", params)
    return await answer_query(c, text or "", params, accept=request.headers.get("accept"),
                              base_iri=origin(request) + "sparql", receive=request.receive)


async def answer_query(c: ServeContext, query: str, params: list[tuple[str, str]], *, accept: str | None,
                       base_iri: str, receive: Receive) -> Response:
    """The response to a protocol query (also sent by `fast_path`, which skips the framework for GET)."""
    defaults, named = _all(params, "default-graph-uri"), _all(params, "named-graph-uri")
    dataset = Dataset(tuple(defaults), tuple(named)) if defaults or named else Dataset()
    try:
        check_query(query, c.policy, base_iri)
        stream = await unless_disconnected(receive, c.backend.query(
            query,
            base_iri=base_iri,
            dataset=dataset,
            choose=_chooser(accept, params),
            timeout_s=c.settings.query_timeout_s,
            row_cap=c.settings.row_cap,
        ))
    except ClientGone:
        c.metrics.count_query("query", "client_gone")
        return Response(status_code=499)
    except Refused as exc:
        c.metrics.count_query("query", "refused")
        return text_error(exc.status, str(exc))
    except BadRequest as exc:
        c.metrics.count_query("query", "syntax_error")
        return text_error(400, str(exc))
    except UnknownFormat as exc:
        c.metrics.count_query("query", "bad_request")
        return text_error(400, str(exc))
    except NotAcceptable as exc:
        c.metrics.count_query("query", "not_acceptable")
        return text_error(406, str(exc))
    except Unavailable as exc:
        reason = "timeout" if isinstance(exc, QueryTimeout) else "row_cap" if isinstance(exc, RowCapExceeded) else "unavailable"
        c.metrics.count_query("query", reason)
        return text_error(503, str(exc), {"Retry-After": str(exc.retry_after)} if exc.retry_after else None)
    c.metrics.count_query("query", "ok")
    headers = {"Vary": "Accept"}
    if c.settings.row_cap is not None:
        headers["X-Row-Cap"] = str(c.settings.row_cap)
    return stream_response(stream, stream.meta.format.content_type, headers)


async def _update(request: Request, c: ServeContext, update: str, params: list[tuple[str, str]]) -> Response:
    try:
        require_update_token(request, c.settings.update_token)
    except HTTPException as exc:
        c.metrics.count_query("update", "forbidden")
        return text_error(exc.status_code, str(exc.detail), exc.headers)
    base_iri = origin(request) + "sparql"
    try:
        check_update(update, c.policy, base_iri)
        rewritten = apply_using(lenient_clear(update), _all(params, "using-graph-uri"), _all(params, "using-named-graph-uri"))
        await c.backend.update(rewritten, base_iri=base_iri)
    except Refused as exc:
        c.metrics.count_query("update", "refused")
        return text_error(exc.status, str(exc))
    except (BadRequest, DatasetConflict) as exc:
        c.metrics.count_query("update", "syntax_error")
        return text_error(400, str(exc))
    c.cache.clear()
    c.metrics.count_query("update", "ok")
    return Response(status_code=204)

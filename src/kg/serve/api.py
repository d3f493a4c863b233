"""Saved queries as an API: one OpenAPI operation per `queries/*.rq`, with typed, validated parameters.

Parameters are bound with pyoxigraph `substitutions` (SEP-0007: the variable is replaced by the term in the
whole query), never spliced into the text; a value is first turned into an RDF term and rejected with 422 when
it is not a valid one. Pages come from `offset`/`limit`, applied while reading the results.
"""

from __future__ import annotations

import csv
import inspect
import io
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Literal as TypingLiteral

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pyoxigraph import Literal, NamedNode

from kg import dates
from kg.serve.errors import BadRequest
from kg.serve.context import BackendDep, SettingsDep, to_canonical
from kg.serve.saved_queries import Param, SavedQuery, load_saved_queries
from kg.vocab import XSD, expand_curie

MAX_LIMIT = 1000
_PY_TYPES: dict[str, Any] = {"iri": str, "string": str, "integer": int, "decimal": Decimal, "boolean": bool, "date": str}


def to_term(param: Param, value: Any, canonical: Callable[[str], str]) -> NamedNode | Literal:
    """The RDF term for a parameter value (`canonical` maps a URL of this server to its IRI); ValueError with a
    readable reason when it is not one."""
    if param.type == "iri":
        text = str(value).strip()
        if re.match(r"^[A-Za-z][\w.-]*:[^/]", text) and not text.startswith(("http:", "https:", "urn:")):
            return expand_curie(text)
        return NamedNode(canonical(text))
    if param.type == "integer":
        return Literal(str(int(value)), datatype=XSD.integer)
    if param.type == "decimal":
        return Literal(str(Decimal(value)), datatype=XSD.decimal)
    if param.type == "boolean":
        return Literal("true" if value else "false", datatype=XSD.boolean)
    if param.type == "date":
        term = dates.literal(str(value))
        if term is None:
            raise ValueError(f"{value!r} is not a date: {dates.HOW_TO_WRITE}")
        return term
    return Literal(str(value))


def _plain(term: Any) -> Any:
    if isinstance(term, Literal):
        if term.datatype == XSD.integer:
            return int(term.value)
        if term.datatype in (XSD.decimal, XSD.double, XSD.float):
            return float(term.value)
        if term.datatype == XSD.boolean:
            return term.value == "true"
    return term.value


def _operation(query: SavedQuery):
    async def run(request: Request, backend: BackendDep, settings: SettingsDep, **kwargs: Any) -> Response:
        limit, offset, fmt = kwargs.pop("limit"), kwargs.pop("offset"), kwargs.pop("format")
        substitutions = {}
        for param in query.params:
            value = kwargs.get(param.name)
            if value is None:
                value = param.default
            if value is None:
                continue
            try:
                substitutions[param.name] = to_term(param, value, lambda url: to_canonical(url, request, settings.base_iri))
            except ValueError as exc:
                raise HTTPException(422, f"parameter {param.name!r} ({param.type}): {exc}") from None
        try:
            names, rows = await backend.select(query.text, substitutions=substitutions, offset=offset, limit=limit + 1)
        except BadRequest as exc:
            raise HTTPException(500, f"saved query {query.path.name} failed: {exc}") from None
        more = len(rows) > limit
        rows = rows[:limit]
        next_url = str(request.url.include_query_params(offset=offset + limit)) if more else None
        headers = {"Link": f'<{next_url}>; rel="next"'} if next_url else {}
        wants_csv = fmt == "csv" or (fmt is None and "text/csv" in request.headers.get("accept", ""))
        if wants_csv:
            out = io.StringIO()
            writer = csv.writer(out, lineterminator="\r\n")
            writer.writerow(names)
            for row in rows:
                writer.writerow([row[n].value if n in row else "" for n in names])
            return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)
        body = {
            "query": query.name,
            "title": query.title,
            "offset": offset,
            "limit": limit,
            "count": len(rows),
            "next": next_url,
            "columns": names,
            "rows": [{n: _plain(row[n]) for n in names if n in row} for row in rows],
        }
        return JSONResponse(body, headers=headers)

    params = [
        inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=annotation)
        for name, annotation in (("request", Request), ("backend", BackendDep), ("settings", SettingsDep))
    ]
    for p in query.params:
        extra = {"pattern": dates.ISO_PATTERN} if p.type == "date" else {}
        if p.type == "iri":
            extra["examples"] = ["jpow:RoleHistorian" if "role" in p.name.lower() else "https://w3id.org/jpow-kg/id/…"]
        params.append(
            inspect.Parameter(
                p.name,
                inspect.Parameter.KEYWORD_ONLY,
                default=Query(None, description=f"{p.description} ({p.type}"
                              + (", an absolute IRI, a CURIE such as jpow:RoleAuthor, or a URL of this server)" if p.type == "iri" else ")"), **extra),
                annotation=_PY_TYPES[p.type] | None,
            )
        )
    params += [
        inspect.Parameter("limit", inspect.Parameter.KEYWORD_ONLY, default=Query(100, ge=1, le=MAX_LIMIT, description="page size"), annotation=int),
        inspect.Parameter("offset", inspect.Parameter.KEYWORD_ONLY, default=Query(0, ge=0, description="rows to skip"), annotation=int),
        inspect.Parameter(
            "format", inspect.Parameter.KEYWORD_ONLY,
            default=Query(None, description="json (default) or csv; or send Accept: text/csv"),
            annotation=TypingLiteral["json", "csv"] | None,
        ),
    ]
    run.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    run.__name__ = query.name.replace("-", "_")
    return run


def build_router(queries_dir) -> APIRouter:
    router = APIRouter()
    saved = load_saved_queries(queries_dir)

    @router.get("/queries", summary="List the saved queries")
    async def list_queries(request: Request) -> list[dict[str, Any]]:
        return [
            {
                "name": q.name,
                "title": q.title,
                "description": q.description,
                "url": str(request.url_for(f"saved_{q.name}")),
                "params": [{"name": p.name, "type": p.type, "default": p.default, "description": p.description} for p in q.params],
            }
            for q in saved
        ]

    for query in saved:
        router.add_api_route(
            f"/queries/{query.name}",
            _operation(query),
            methods=["GET"],
            name=f"saved_{query.name}",
            operation_id=query.name.replace("-", "_"),
            summary=query.title,
            description=query.description + "\n\n```sparql\n" + query.text + "\n```",
            responses={200: {"content": {"application/json": {}, "text/csv": {}}}},
        )
    return router

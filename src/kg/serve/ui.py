"""The query UI: YASGUI served from this server (no CDN), with the saved queries as tabs."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from kg.serve.context import Context
from kg.serve.saved_queries import load_saved_queries

router = APIRouter()


@router.get("/query", name="query_ui", include_in_schema=False)
async def query_ui(request: Request, c: Context) -> Response:
    saved = [{"title": q.title, "name": q.name, "query": q.text} for q in load_saved_queries(c.settings.queries_dir)]
    return c.templates.TemplateResponse(request, "query.html", {"saved": saved})

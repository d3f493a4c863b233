"""`GET /sparql?query=…`, the protocol's commonest request, answered without the framework's routing.

A point lookup spent most of its time in the web process in FastAPI's routing, request and dependency
machinery (py-spy, bench/results.md). This ASGI layer sits inside the CORS, guard and metrics layers and
answers a GET with exactly one `query` parameter through the same `sparql.answer_query` as the route; every
other request (updates, POST, the Service Description, anything malformed) goes on to the app.
"""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from kg.serve.sparql import answer_query

ROUTE = SimpleNamespace(path="/sparql")  # what the metrics layer labels the request with
PATHS = ("/sparql", "/sparql/")


class QueryFastPath:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"] in PATHS:
            params = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            queries = [value for key, value in params if key == "query"]
            if len(queries) == 1 and not any(key == "update" for key, _ in params):
                request = Request(scope, receive)
                scope["route"] = ROUTE
                response = await answer_query(
                    scope["app"].state.ctx, queries[0], params, accept=request.headers.get("accept"),
                    base_iri=str(request.base_url) + "sparql", receive=receive,
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)

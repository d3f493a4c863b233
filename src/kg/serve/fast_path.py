"""`GET /sparql?query=…`, the protocol's commonest request, answered before the framework sees it.

py-spy on point lookups: most of the web process's time went to the layers around the handler (FastAPI's own
middleware, routing, request and dependency handling, each wrapping `send`), not to the query. `FrontDoor` is
the outermost layer of `kg serve`: a GET with exactly one `query` parameter is answered here through the same
`sparql.answer_query` as the route, with the same URL cap, client address, CORS header and metrics as the
app's layers give; every other request (updates, POST, the Service Description, anything odd) goes on to the
app unchanged.
"""

from __future__ import annotations

import time
from urllib.parse import parse_qsl

from fastapi import FastAPI
from starlette.types import Message, Receive, Scope, Send

from kg.serve.backend import client_address
from kg.serve.guard import client_of
from kg.serve.sparql import answer_query

PATHS = ("/sparql", "/sparql/")
EXPOSED = "Location, Content-Location, Link"  # as the app's CORS layer exposes


class FrontDoor:
    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self.ctx = app.state.ctx
        self.allow_all = "*" in self.ctx.cors_origins
        self.origins = set(self.ctx.cors_origins)
        self.max_url = self.ctx.limits.max_url_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] not in PATHS:
            await self.app(scope, receive, send)
            return
        query_string: bytes = scope["query_string"]
        if len(scope.get("raw_path") or b"") + len(query_string) > self.max_url:
            await self.app(scope, receive, send)  # the app's guard refuses it with the reason
            return
        params = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
        queries = [value for key, value in params if key == "query"]
        if len(queries) != 1 or any(key == "update" for key, _ in params):
            await self.app(scope, receive, send)
            return
        accept = origin = host = None
        for name, value in scope["headers"]:
            if name == b"accept":
                accept = value.decode("latin-1")
            elif name == b"origin":
                origin = value.decode("latin-1")
            elif name == b"host":
                host = value.decode("latin-1")
        if host is None:
            server = scope.get("server") or ("127.0.0.1", 80)
            host = f"{server[0]}:{server[1]}"
        client_address.set(client_of(scope))
        base_iri = f"{scope.get('scheme', 'http')}://{host}{scope.get('root_path', '')}/sparql"

        c = self.ctx
        started = time.perf_counter()
        c.metrics.in_flight.inc()
        try:
            response = await answer_query(c, queries[0], params, accept=accept, base_iri=base_iri, receive=receive)
            if origin is not None and (self.allow_all or origin in self.origins):
                response.headers["access-control-allow-origin"] = "*" if self.allow_all else origin
                response.headers["access-control-expose-headers"] = EXPOSED
                if not self.allow_all:
                    response.headers.append("vary", "Origin")

            async def observed(message: Message) -> None:
                if message["type"] == "http.response.start":
                    c.metrics.observe_request("/sparql", "GET", message["status"], time.perf_counter() - started)
                await send(message)

            await response(scope, receive, observed)
        finally:
            c.metrics.in_flight.dec()

"""The web app: `create_app(settings)` wires the routers over one backend."""

from __future__ import annotations

import time
import warnings
from collections import Counter
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from starlette.exceptions import HTTPException
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from kg import __version__
from kg.config import Settings
from kg.serve import api, gsp, reconcile, resources, search, service_description, sparql, ui
from kg.serve.backend import Backend, EmbeddedBackend
from kg.serve.context import HERE, BackendDep, Context, ServeContext
from kg.serve.errors import BadRequest, Unavailable
from kg.serve.fast_path import FrontDoor
from kg.serve.guard import RequestGuard
from kg.serve.input_policy import Refused
from kg.serve.metrics import CONTENT_TYPE as METRICS_CONTENT_TYPE
from kg.serve.limits import ServeLimits



class MetricsMiddleware:
    """Counts every request by its route template (not its raw path, to keep label sets small)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        metrics = scope["app"].state.ctx.metrics if "app" in scope else None
        started = time.perf_counter()
        status = 500

        async def send_wrapper(message: dict) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                if metrics is not None:
                    route = scope.get("route")
                    metrics.observe_request(
                        getattr(route, "path", "unmatched"), scope["method"], status, time.perf_counter() - started
                    )
            await send(message)

        if metrics is not None:
            metrics.in_flight.inc()
        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            if metrics is not None:
                metrics.in_flight.dec()


def create_app(settings: Settings | None = None, backend: Backend | None = None, limits: ServeLimits | None = None) -> FastAPI:
    """The app over `settings.store_path` (read-only unless an update token is configured), with `limits` (by
    default read from the environment, here and only here)."""
    settings = settings or Settings()
    limits = limits or ServeLimits.from_env()
    if backend is None and settings.remote:  # KG_STORE_QUERY names a remote SPARQL store (docs/deploy.md)
        from kg.serve.remote_backend import RemoteBackend

        backend = RemoteBackend.from_settings(settings)
    backend = backend or EmbeddedBackend(
        settings.store_path, writable=bool(settings.update_token), limits=limits.pool_with_timeout(settings.query_timeout_s)
    )
    context = ServeContext(settings=settings, backend=backend, cors_origins=settings.cors_origins, limits=limits)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        await backend.start()
        try:
            yield
        finally:
            await backend.close()

    app = FastAPI(
        title="jpow-kg",
        version=__version__,
        description=(
            "Knowledge graph of the Japanese prisoners of war held in the USSR. SPARQL 1.1 endpoint at /sparql, "
            "Graph Store at /store, entity pages under /id/, and the saved queries below as typed operations."
        ),
        lifespan=lifespan,
    )
    app.state.ctx = context
    app.add_middleware(MetricsMiddleware)
    app.add_middleware(RequestGuard, max_url_bytes=limits.max_url_bytes, max_body_bytes=limits.max_body_bytes)
    if context.cors_origins:
        # Added last, so it is outermost: preflight requests are answered before any auth check.
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(context.cors_origins),
            allow_methods=["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"],
            allow_headers=["Authorization", "Content-Type", "Accept", "Accept-Language"],
            expose_headers=["Location", "Content-Location", "Link"],
        )

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return PlainTextResponse(f"{exc.detail}\n", status_code=exc.status_code, headers=exc.headers)

    def error(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=status, headers=headers)
        return PlainTextResponse(f"{message}\n", status_code=status, headers=headers)

    @app.exception_handler(Unavailable)
    async def unavailable(request: Request, exc: Unavailable) -> Response:
        """Time limit, row cap, memory ceiling, a full server: 503, with Retry-After when waiting helps."""
        headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after else None
        return error(request, 503, str(exc), headers)

    @app.exception_handler(BadRequest)
    async def bad_request(request: Request, exc: BadRequest) -> Response:
        return error(request, 400, str(exc))

    @app.exception_handler(Refused)
    async def refused(request: Request, exc: Refused) -> Response:
        return error(request, exc.status, str(exc))

    @app.get("/healthz", tags=["operations"])
    async def healthz(backend: BackendDep) -> Response:
        """Liveness and readiness: the store answers a query, and how busy the query workers are. `status` is
        `overloaded` (with a 503) while requests wait for a worker. Nothing about the host: no paths, no URLs."""
        load = backend.status()
        overloaded = bool(load.get("waiting"))
        if not overloaded:
            await backend.ask("ASK { }")
        remote = getattr(backend, "remote", None)  # a RemoteBackend
        body = {
            "status": "overloaded" if overloaded else "ok",
            "store": f"remote ({remote.profile.name} profile)" if remote is not None else "embedded",
            "writable": backend.writable,
            "queries": load,
        }
        return JSONResponse(body, status_code=503 if overloaded else 200, headers={"Retry-After": "2"} if overloaded else None)

    @app.get("/metrics", include_in_schema=False)
    async def metrics(c: Context) -> Response:
        """Prometheus text format (`kg.serve.metrics`)."""
        return Response(c.metrics.render(), media_type=METRICS_CONTENT_TYPE)

    @app.get("/.well-known/void", tags=["linked data"])
    async def void(request: Request, c: Context) -> Response:
        """VoID description of the dataset, computed from the data."""
        return await service_description.void(request, c)

    app.include_router(sparql.router, tags=["sparql"])
    app.include_router(gsp.router, tags=["graph store"])
    app.include_router(api.build_router(settings.queries_dir), prefix="/api", tags=["saved queries"])
    app.include_router(ui.router)
    app.include_router(search.router)
    app.include_router(reconcile.router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(resources.router, tags=["linked data"])  # last: its catch-all maps paths to IRIs
    app.openapi = lambda: _openapi_with_unique_ids(app)  # type: ignore[method-assign]
    return app


HTTP_METHODS = {"get", "head", "post", "put", "delete", "patch", "options"}


def _openapi_with_unique_ids(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document with one operationId per operation: FastAPI gives every method of a multi-method
    route the same one (e.g. GET and POST /sparql), which code generators and schemathesis reports conflate."""
    if app.openapi_schema is None:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Duplicate Operation ID")  # fixed just below
            schema = FastAPI.openapi(app)
        counts = Counter(op["operationId"] for item in schema["paths"].values() for op in item.values())
        for item in schema["paths"].values():
            for method, op in item.items():
                if counts[op["operationId"]] > 1:  # FastAPI's ID ends with the route's first method
                    stem, _, last = op["operationId"].rpartition("_")
                    op["operationId"] = f"{stem if last in HTTP_METHODS else op['operationId']}_{method}"
        app.openapi_schema = schema
    return app.openapi_schema


def create_app_from_env() -> FrontDoor:
    """Factory for `kg serve` (uvicorn): settings from the environment (see `kg.serve.run`), the app behind the
    fast path of protocol GET queries."""
    return FrontDoor(create_app(Settings()))

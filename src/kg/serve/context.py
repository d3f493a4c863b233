"""What every route needs: settings, the backend, IRI mapping between the base IRI and this server's origin."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import PlainTextResponse
from fastapi.templating import Jinja2Templates

from kg.config import Settings
from kg.serve.backend import Backend
from kg.serve.input_policy import InputPolicy
from kg.serve.metrics import Metrics

HERE = Path(__file__).parent


@dataclass
class ServeContext:
    settings: Settings
    backend: Backend
    cors_origins: tuple[str, ...]
    metrics: Metrics = field(default_factory=Metrics)
    templates: Jinja2Templates = field(default_factory=lambda: Jinja2Templates(directory=str(HERE / "templates")))
    cache: dict[str, Any] = field(default_factory=dict)
    policy: InputPolicy = field(default_factory=InputPolicy)

    @property
    def base(self) -> str:
        return self.settings.base_iri


def ctx(request: Request) -> ServeContext:
    return request.app.state.ctx


def origin(request: Request) -> str:
    """This server as the client reached it, with a trailing slash (e.g. `http://127.0.0.1:8000/`)."""
    return str(request.base_url)


def to_canonical(url: str, request: Request) -> str:
    """A URL on this server as the IRI it stands for under the base IRI (other IRIs unchanged)."""
    here = origin(request)
    return ctx(request).base + url[len(here):] if url.startswith(here) else url


def text_error(status: int, message: str, headers: dict[str, str] | None = None) -> PlainTextResponse:
    return PlainTextResponse(message.rstrip() + "\n", status_code=status, headers=headers)

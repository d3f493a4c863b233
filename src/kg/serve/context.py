"""What every route needs: settings, the backend, IRI mapping between the base IRI and this server's origin.

Routes declare what they use as FastAPI dependencies: `c: Context` (the whole `ServeContext`), or the narrower
`backend: BackendDep` and `settings: SettingsDep`. They take the request only, so they add no OpenAPI
parameters. The fast path (`fast_path.FrontDoor`) is not a route and reads `app.state.ctx` once instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import PlainTextResponse
from fastapi.templating import Jinja2Templates

from kg.config import Settings
from kg.serve.backend import Backend
from kg.serve.input_policy import InputPolicy
from kg.serve.limits import ServeLimits
from kg.serve.metrics import Metrics

HERE = Path(__file__).parent


@dataclass
class ServeContext:
    settings: Settings
    backend: Backend
    cors_origins: tuple[str, ...]
    limits: ServeLimits = field(default_factory=ServeLimits)
    metrics: Metrics = field(default_factory=Metrics)
    templates: Jinja2Templates = field(default_factory=lambda: Jinja2Templates(directory=str(HERE / "templates")))
    cache: dict[str, Any] = field(default_factory=dict)
    policy: InputPolicy = field(init=False)

    def __post_init__(self) -> None:
        self.policy = InputPolicy(self.limits)

    @property
    def base(self) -> str:
        return self.settings.base_iri


def get_context(request: Request) -> ServeContext:
    return request.app.state.ctx


Context = Annotated[ServeContext, Depends(get_context)]


def get_backend(c: Context) -> Backend:
    return c.backend


def get_settings(c: Context) -> Settings:
    return c.settings


BackendDep = Annotated[Backend, Depends(get_backend)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def origin(request: Request) -> str:
    """This server as the client reached it, with a trailing slash (e.g. `http://127.0.0.1:8000/`)."""
    return str(request.base_url)


def to_canonical(url: str, request: Request, base: str) -> str:
    """A URL on this server as the IRI it stands for under the base IRI `base` (other IRIs unchanged)."""
    here = origin(request)
    return base + url[len(here):] if url.startswith(here) else url


def text_error(status: int, message: str, headers: dict[str, str] | None = None) -> PlainTextResponse:
    return PlainTextResponse(message.rstrip() + "\n", status_code=status, headers=headers)

"""Settings in one object: base IRI, store location, data folders, tokens and limits.

Values come from keyword arguments first, then environment variables (`KG_*`), then defaults.

The ontology, shapes, saved queries and the curated mapping (`ontology/`, `shapes/`, `queries/`,
`data/mapping.yaml`) are read from one folder, `Settings.project_root` (see `resource_home`): `KG_HOME` if set;
else the checkout this package runs from (an editable install sees edits at once); else the copy packaged in the
wheel (`kg/_home`).
"""

from __future__ import annotations

import atexit
import os
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

DEFAULT_BASE_IRI = "https://w3id.org/jpow-kg/"
ONTOLOGY_NS = "https://w3id.org/jpow-kg/ontology#"


PACKAGED_HOME = "_home"  # the folder of package `kg` that holds the wheel's copy (setup.py)
_extracted = ExitStack()  # packaged resources extracted from a zip import, removed at exit
atexit.register(_extracted.close)


def checkout_root() -> Path | None:
    """The checkout this package runs from (src layout: editable install or PYTHONPATH), if it is one."""
    root = Path(__file__).resolve().parents[2]
    return root if (root / "pyproject.toml").is_file() and (root / "ontology").is_dir() else None


def packaged_home() -> Path | None:
    """The copy of ontology/, shapes/, queries/ and data/mapping.yaml installed with the wheel, if any."""
    home = resources.files("kg").joinpath(PACKAGED_HOME)
    if not home.is_dir():
        return None
    if isinstance(home, Path):
        return home
    return _extracted.enter_context(resources.as_file(home))  # e.g. a zip import: a real folder for the globbers


def resource_home() -> Path:
    """The folder with ontology/, shapes/, queries/ and data/mapping.yaml: KG_HOME, else the checkout, else the
    packaged copy (else where the checkout would be, so that errors name a folder)."""
    if home := os.environ.get("KG_HOME"):
        return Path(home).expanduser()
    return checkout_root() or packaged_home() or Path(__file__).resolve().parents[2]


def _env_path(name: str, default: str) -> Path:
    return Path(os.environ.get(name, default))


@dataclass(frozen=True)
class Settings:
    """Everything a stage needs to know about where things are and how they are named."""

    base_iri: str = field(default_factory=lambda: os.environ.get("KG_BASE_IRI", DEFAULT_BASE_IRI))
    store_path: Path = field(default_factory=lambda: _env_path("KG_STORE", "store"))
    data_dirs: tuple[Path, ...] = (Path("data"),)
    sources_dir: Path | None = field(
        default_factory=lambda: Path(p) if (p := os.environ.get("KG_SOURCES")) else None
    )
    # The resource folder (resource_home), named so for the callers that predate packaging.
    project_root: Path = field(default_factory=resource_home)
    update_token: str | None = field(default_factory=lambda: os.environ.get("KG_UPDATE_TOKEN") or None)
    query_timeout_s: float = field(default_factory=lambda: float(os.environ.get("KG_QUERY_TIMEOUT", "30")))
    # Origins allowed to call the server from browsers: comma-separated, '*' = any, '' = none.
    cors_origins: tuple[str, ...] = field(default_factory=lambda: tuple(
        o.strip() for o in os.environ.get("KG_CORS_ORIGINS", "*").split(",") if o.strip()))
    row_cap: int | None = field(
        default_factory=lambda: int(v) if (v := os.environ.get("KG_ROW_CAP")) else None
    )
    # The caps on what a request may send (KG_MAX_URL_BYTES, …) are kg.serve.limits.ServeLimits.
    # A remote SPARQL store (docs/deploy.md): chosen when the query URL is set.
    store_query_url: str | None = field(default_factory=lambda: os.environ.get("KG_STORE_QUERY") or None)
    store_update_url: str | None = field(default_factory=lambda: os.environ.get("KG_STORE_UPDATE") or None)
    store_gsp_url: str | None = field(default_factory=lambda: os.environ.get("KG_STORE_GSP") or None)
    store_user: str | None = field(default_factory=lambda: os.environ.get("KG_STORE_USER") or None)
    store_password: str | None = field(default_factory=lambda: os.environ.get("KG_STORE_PASSWORD") or None)
    store_token: str | None = field(default_factory=lambda: os.environ.get("KG_STORE_TOKEN") or None)
    store_auth: str = field(default_factory=lambda: os.environ.get("KG_STORE_AUTH", "basic"))
    store_profile: str = field(default_factory=lambda: os.environ.get("KG_STORE_PROFILE", "auto"))
    store_timeout_s: float = field(default_factory=lambda: float(os.environ.get("KG_STORE_TIMEOUT", "60")))
    store_max_rows: int | None = field(
        default_factory=lambda: int(v) if (v := os.environ.get("KG_STORE_MAX_ROWS")) else None
    )

    def __post_init__(self) -> None:
        if not self.base_iri.endswith("/"):
            raise ValueError(f"base IRI must end with '/': {self.base_iri!r} (set KG_BASE_IRI accordingly)")

    @property
    def remote(self) -> bool:
        """A remote store is named (KG_STORE_QUERY): build into it and serve from it."""
        return self.store_query_url is not None

    @property
    def ontology_dir(self) -> Path:
        return self.project_root / "ontology"

    @property
    def shapes_dir(self) -> Path:
        return self.project_root / "shapes"

    @property
    def queries_dir(self) -> Path:
        return self.project_root / "queries"

    @property
    def mapping_file(self) -> Path:
        """The curated mapping, used for a data folder that has the curated tables but no mapping.yaml."""
        return self.project_root / "data" / "mapping.yaml"

    def with_(self, **changes: object) -> "Settings":
        """A copy with some fields changed (None values are ignored, so CLI options can pass through)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

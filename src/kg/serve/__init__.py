"""`kg serve`: the SPARQL endpoint, Graph Store, linked-data pages, saved-query API and query UI."""

from __future__ import annotations

import os

from kg.config import Settings


def run(settings: Settings, host: str = "127.0.0.1", port: int = 8000, workers: int | None = None) -> None:
    """Serve `settings.store_path` with uvicorn (uvloop + httptools).

    Without an update token the store is opened read-only and `workers` processes (default 2) share it; with
    one, writes need a read-write store, which only one process may open: then `workers` must be 1.
    Worker processes build their app from the environment, so the settings travel as `KG_*` variables.
    """
    import uvicorn

    if settings.update_token and workers not in (None, 1):
        raise ValueError("updates (KG_UPDATE_TOKEN) need a read-write store, which one process only can open: use --workers 1")
    count = 1 if settings.update_token else (workers or 2)
    # resolved: every worker opens the same build even if `kg build` switches the store link meanwhile
    os.environ["KG_STORE"] = str(settings.store_path.resolve())
    os.environ["KG_BASE_IRI"] = settings.base_iri
    for name, value in (("KG_STORE_QUERY", settings.store_query_url), ("KG_STORE_UPDATE", settings.store_update_url),
                        ("KG_STORE_GSP", settings.store_gsp_url), ("KG_STORE_PROFILE", settings.store_profile)):
        if value:  # a remote store, possibly named by `kg serve --store-query …`
            os.environ[name] = value
    os.environ["KG_QUERY_TIMEOUT"] = str(settings.query_timeout_s)
    if settings.row_cap is not None:
        os.environ["KG_ROW_CAP"] = str(settings.row_cap)
    if settings.update_token:
        os.environ["KG_UPDATE_TOKEN"] = settings.update_token
    uvicorn.run(
        "kg.serve.app:create_app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=count,
        loop="uvloop",
        http="httptools",
        proxy_headers=True,
    )

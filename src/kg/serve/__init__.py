"""`kg serve`: the SPARQL endpoint, Graph Store, linked-data pages, saved-query API and query UI."""

from __future__ import annotations

import os
import sys

from kg.config import Settings

GRACEFUL_STOP_S = 3  # on SIGTERM, requests in flight get this long before they are cut and workers killed


def run(settings: Settings, host: str = "127.0.0.1", port: int = 8000, workers: int | None = None) -> None:
    """Serve `settings.store_path` with uvicorn (uvloop + httptools) in one web process.

    Queries run in `workers` query worker processes kept ready (default 2; more start on demand up to
    KG_MAX_QUERIES), each with a read-only open of the store, which the web process kills at a deadline, a
    memory ceiling or when the client leaves (`kg.serve.pool`). With an update token, the web process is the one
    writer. Settings reach the app as `KG_*` variables (uvicorn builds it from the environment).
    """
    import uvicorn

    from kg.store.embedded import resolve

    if workers is not None and workers < 1:
        raise ValueError("--workers must be at least 1")
    if not settings.remote:
        resolve(settings.store_path)  # no built store: say so before printing where we serve
    # resolved: every worker opens the same build even if `kg build` switches the store link meanwhile
    os.environ["KG_STORE"] = str(settings.store_path.resolve())
    os.environ["KG_BASE_IRI"] = settings.base_iri
    for name, value in (("KG_STORE_QUERY", settings.store_query_url), ("KG_STORE_UPDATE", settings.store_update_url),
                        ("KG_STORE_GSP", settings.store_gsp_url), ("KG_STORE_PROFILE", settings.store_profile)):
        if value:  # a remote store, possibly named by `kg serve --store-query …`
            os.environ[name] = value
    os.environ["KG_QUERY_TIMEOUT"] = str(settings.query_timeout_s)
    if workers is not None:
        os.environ["KG_WORKERS"] = str(workers)
    if settings.row_cap is not None:
        os.environ["KG_ROW_CAP"] = str(settings.row_cap)
    if settings.update_token:
        os.environ["KG_UPDATE_TOKEN"] = settings.update_token
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    print(f"Serving {'the remote store' if settings.remote else settings.store_path} at {url}\n"
          f"  SPARQL endpoint  {url}sparql\n  query UI         {url}query\n  saved queries    {url}api/queries\n"
          f"  OpenAPI          {url}docs\n  Graph Store      {url}store", file=sys.stderr, flush=True)
    uvicorn.run(
        "kg.serve.app:create_app_from_env",
        factory=True,
        host=host,
        port=port,
        loop="uvloop",
        http="httptools",
        proxy_headers=True,
        access_log=os.environ.get("KG_ACCESS_LOG", "") not in ("", "0", "false"),
        timeout_graceful_shutdown=GRACEFUL_STOP_S,
    )

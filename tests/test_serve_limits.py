"""The serve limits have one home, `kg.serve.limits.ServeLimits`, read once from the environment by `create_app`:
each documented variable is read there, with its documented default, and reaches the part it limits."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from kg.config import Settings
from kg.serve.app import create_app
from kg.serve.limits import POOL_ENV, REQUEST_ENV, ServeLimits
from kg.serve.pool.limits import PoolLimits

# Every variable (kg/serve/README.md), the field it sets, its default and a value to set it to.
VARIABLES = [
    ("KG_MAX_URL_BYTES", "max_url_bytes", 64 * 1024, "1000"),
    ("KG_MAX_BODY_BYTES", "max_body_bytes", 1024 * 1024, "2000"),
    ("KG_MAX_NESTING", "max_nesting", 64, "7"),
    ("KG_MAX_LITERAL_BYTES", "max_literal_bytes", 64 * 1024, "300"),
    ("KG_QUERY_MEMORY_MB", "pool.memory_mb", 2048, "150"),
    ("KG_WORKERS", "pool.warm", 2, "3"),
    ("KG_MAX_QUERIES", "pool.running", 32, "5"),
    ("KG_CLIENT_QUERIES", "pool.client_running", 16, "4"),
    ("KG_QUERY_QUEUE", "pool.queue", 64, "9"),
    ("KG_QUEUE_WAIT", "pool.queue_wait_s", 10.0, "2.5"),
    ("KG_HEAVY_AFTER", "pool.heavy_after_s", 0.5, "1.5"),
    ("KG_HEAVY_QUERIES", "pool.heavy", 4, "6"),
    ("KG_CLIENT_HEAVY_QUERIES", "pool.client_heavy", 2, "1"),
]


def _field(limits: ServeLimits, name: str):
    owner, _, attr = name.rpartition(".")
    return getattr(limits.pool if owner else limits, attr)


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for variable, *_ in VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    return monkeypatch


def test_the_table_is_every_variable_of_the_one_home() -> None:
    assert {v for v, *_ in VARIABLES} == set(REQUEST_ENV.values()) | set(POOL_ENV.values())


@pytest.mark.parametrize("variable,name,default,value", VARIABLES)
def test_each_variable_is_read_by_serve_limits(clean_env: pytest.MonkeyPatch, variable: str, name: str,
                                               default: float, value: str) -> None:
    assert _field(ServeLimits.from_env(), name) == default
    clean_env.setenv(variable, value)
    read = _field(ServeLimits.from_env(), name)
    assert read == float(value) and type(read) is type(default)
    clean_env.setenv(variable, "")  # empty: the default, as unset
    assert _field(ServeLimits.from_env(), name) == default
    clean_env.setenv(variable, "lots")
    with pytest.raises(ValueError, match=f"{variable}='lots' is not a number"):
        ServeLimits.from_env()


def test_a_zero_memory_ceiling_is_none(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("KG_QUERY_MEMORY_MB", "0")
    assert ServeLimits.from_env().pool.memory_mb is None


def test_create_app_reads_the_limits_once_and_passes_them_down(clean_env: pytest.MonkeyPatch,
                                                                fixture_store: Path) -> None:
    for variable, _, _, value in VARIABLES:
        clean_env.setenv(variable, value)
    app = create_app(Settings(store_path=fixture_store, query_timeout_s=7.0))
    context = app.state.ctx
    assert context.limits == ServeLimits.from_env()
    assert context.policy.max_nesting == 7 and context.policy.max_literal_bytes == 300
    assert context.backend.limits == PoolLimits(timeout_s=7.0, memory_mb=150, warm=3, running=5, client_running=4,
                                                queue=9, queue_wait_s=2.5, heavy_after_s=1.5, heavy=6, client_heavy=1)

    async def requests() -> tuple[httpx.Response, httpx.Response]:
        # no lifespan, so no query worker: the guard answers before anything runs
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
            return (await client.get("/sparql?query=" + "x" * 1000),
                    await client.post("/sparql", content=b"x" * 2001, headers={"Content-Type": "application/sparql-query"}))

    too_long, too_big = asyncio.run(requests())
    assert too_long.status_code == 414 and "KG_MAX_URL_BYTES" in too_long.text
    assert too_big.status_code == 413 and "KG_MAX_BODY_BYTES" in too_big.text

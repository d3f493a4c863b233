"""The serve limits in one place, read once from the environment: what a request may send (URL, body, nesting,
literal size) and how much the query workers may take (`PoolLimits`).

`create_app` builds `ServeLimits.from_env()` once and passes it down: to the request guard and the fast path (URL
and body caps), the input policy (nesting and literal caps) and the query pool. The variable names and defaults
are a documented contract (the table in `kg/serve/README.md`); a value that is not a number is an error naming
its variable. The query deadline (`KG_QUERY_TIMEOUT`) and the row cap (`KG_ROW_CAP`) stay in `Settings`, where
`kg serve` options set them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TypeVar

from kg.serve.pool.limits import PoolLimits

# Each limit's environment variable, by field name.
REQUEST_ENV = {
    "max_url_bytes": "KG_MAX_URL_BYTES",
    "max_body_bytes": "KG_MAX_BODY_BYTES",
    "max_nesting": "KG_MAX_NESTING",
    "max_literal_bytes": "KG_MAX_LITERAL_BYTES",
}
POOL_ENV = {
    "memory_mb": "KG_QUERY_MEMORY_MB",  # 0 = no ceiling
    "warm": "KG_WORKERS",
    "running": "KG_MAX_QUERIES",
    "client_running": "KG_CLIENT_QUERIES",
    "queue": "KG_QUERY_QUEUE",
    "queue_wait_s": "KG_QUEUE_WAIT",
    "heavy_after_s": "KG_HEAVY_AFTER",
    "heavy": "KG_HEAVY_QUERIES",
    "client_heavy": "KG_CLIENT_HEAVY_QUERIES",
}


def _number(environ: Mapping[str, str], name: str, default: float) -> float:
    """`name`'s value as a number of the default's type (an int field takes `32` or `32.0`); unset or empty: the
    default."""
    value = environ.get(name)
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{name}={value!r} is not a number") from None
    return int(number) if isinstance(default, int) else number


T = TypeVar("T")


def _read(instance: T, names: Mapping[str, str], environ: Mapping[str, str]) -> T:
    """A copy of `instance` with each field named in `names` read from its variable (the field's value as the
    default)."""
    return replace(instance, **{f: _number(environ, names[f], getattr(instance, f)) for f in names})


@dataclass(frozen=True)
class ServeLimits:
    """Caps on a request (bytes of URL and body, nesting depth, bytes of one string literal) and the pool's."""

    max_url_bytes: int = 64 * 1024
    max_body_bytes: int = 1024 * 1024
    max_nesting: int = 64
    max_literal_bytes: int = 64 * 1024
    pool: PoolLimits = field(default_factory=PoolLimits)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> ServeLimits:
        pool = _read(PoolLimits(), POOL_ENV, environ)
        return _read(cls(pool=replace(pool, memory_mb=pool.memory_mb or None)), REQUEST_ENV, environ)

    def pool_with_timeout(self, timeout_s: float | None) -> PoolLimits:
        """The pool's limits with the query deadline (`Settings.query_timeout_s`)."""
        return replace(self.pool, timeout_s=timeout_s)


"""How much the query workers may take: time, memory, processes, and each client's share (from `Settings`)."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class PoolLimits:
    """`warm` idle workers are kept ready. At most `running` jobs run at once (`client_running` per client
    address) and `queue` more wait (for at most `queue_wait_s`); beyond that a request gets 503 with
    Retry-After. A job that has run `heavy_after_s` is *heavy*: its worker's CPU priority drops, so fresh
    queries go first; at most `heavy` heavy jobs run at once, `client_heavy` per client, oldest first, and the
    others are held (SIGSTOP: no CPU) until one ends or their deadline kills them. So runaway queries cost at
    most `heavy` processes' CPU at the lowest priority, and short queries always find a process.
    """

    timeout_s: float | None = 30.0
    memory_mb: int | None = 2048
    warm: int = 2
    running: int = 32
    client_running: int = 16
    queue: int = 64
    queue_wait_s: float = 10.0
    heavy_after_s: float = 0.5
    heavy: int = 4
    client_heavy: int = 2

    @classmethod
    def from_env(cls, timeout_s: float | None, warm: int | None = None) -> "PoolLimits":
        def number(name: str, default: float) -> float:
            value = os.environ.get(name)
            if not value:
                return default
            try:
                return float(value)
            except ValueError:
                raise ValueError(f"{name}={value!r} is not a number") from None

        d = cls()
        memory = number("KG_QUERY_MEMORY_MB", d.memory_mb or 0)
        return cls(
            timeout_s=timeout_s,
            memory_mb=int(memory) or None,
            warm=warm if warm is not None else int(number("KG_WORKERS", d.warm)),
            running=int(number("KG_MAX_QUERIES", d.running)),
            client_running=int(number("KG_CLIENT_QUERIES", d.client_running)),
            queue=int(number("KG_QUERY_QUEUE", d.queue)),
            queue_wait_s=number("KG_QUEUE_WAIT", d.queue_wait_s),
            heavy_after_s=number("KG_HEAVY_AFTER", d.heavy_after_s),
            heavy=int(number("KG_HEAVY_QUERIES", d.heavy)),
            client_heavy=int(number("KG_CLIENT_HEAVY_QUERIES", d.client_heavy)),
        )

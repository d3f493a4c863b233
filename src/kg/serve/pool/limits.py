"""How much the query workers may take: time, memory, processes, and each client's share (read from the
environment by `kg.serve.limits.ServeLimits`, the deadline from `Settings`)."""

from __future__ import annotations

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

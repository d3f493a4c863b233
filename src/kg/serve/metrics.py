"""Prometheus metrics of the web process (prometheus_client), in the text exposition format 0.0.4.

Each app has its own `CollectorRegistry`, so several apps in one process (tests) keep separate counts. The
server runs one web process (query workers record no HTTP metrics), so that registry is what /metrics shows.
`PROMETHEUS_MULTIPROC_DIR`: when set (to an empty directory, before the server starts), every process writes its
values there and /metrics adds them up across processes (`prometheus_client.multiprocess.MultiProcessCollector`).
"""

from __future__ import annotations

import os
import time

from prometheus_client import (
    CONTENT_TYPE_PLAIN_0_0_4,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.multiprocess import MultiProcessCollector

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
CONTENT_TYPE = CONTENT_TYPE_PLAIN_0_0_4

disable_created_metrics()  # no `*_created` series: the exposition keeps the names it always had


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "kg_http_requests", "HTTP requests by route template, method and status.",
            ("route", "method", "status"), registry=self.registry,
        )
        self.duration = Histogram(
            "kg_http_request_duration_seconds", "Time to response headers, by route template.",
            ("route",), buckets=BUCKETS, registry=self.registry,
        )
        self.queries = Counter(
            "kg_sparql_operations", "SPARQL queries and updates by outcome "
            "(ok, syntax_error, timeout, row_cap, not_acceptable, forbidden, error).",
            ("operation", "outcome"), registry=self.registry,
        )
        self.in_flight = Gauge(
            "kg_http_requests_in_flight", "Requests being handled now.",
            registry=self.registry, multiprocess_mode="livesum",
        )
        started = Gauge(
            "kg_process_start_time_seconds", "Start of the web process, Unix time (the earliest of them with "
            "PROMETHEUS_MULTIPROC_DIR).", registry=self.registry, multiprocess_mode="min",
        )
        started.set(time.time())

    def observe_request(self, route: str, method: str, status: int, seconds: float) -> None:
        self.requests.labels(route, method, str(status)).inc()
        self.duration.labels(route).observe(seconds)

    def count_query(self, operation: str, outcome: str) -> None:
        self.queries.labels(operation, outcome).inc()

    def render(self) -> bytes:
        """The exposition of this app's registry, or of all processes' values with PROMETHEUS_MULTIPROC_DIR."""
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            registry = CollectorRegistry()
            MultiProcessCollector(registry)
            return generate_latest(registry)
        return generate_latest(self.registry)

"""Prometheus text exposition (format 0.0.4) of request and query counters, per worker process."""

from __future__ import annotations

import threading
import time
from collections import defaultdict

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)


def _labels(pairs: tuple[tuple[str, str], ...]) -> str:
    if not pairs:
        return ""
    body = ",".join(f'{k}="{v.replace(chr(92), chr(92) * 2).replace(chr(34), chr(92) + chr(34))}"' for k, v in pairs)
    return "{" + body + "}"


class Metrics:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.started = time.time()
        self.requests: dict[tuple[tuple[str, str], ...], int] = defaultdict(int)
        self.queries: dict[tuple[tuple[str, str], ...], int] = defaultdict(int)
        self.duration_buckets: dict[str, list[int]] = defaultdict(lambda: [0] * len(BUCKETS))
        self.duration_sum: dict[str, float] = defaultdict(float)
        self.duration_count: dict[str, int] = defaultdict(int)
        self.in_flight = 0

    def observe_request(self, route: str, method: str, status: int, seconds: float) -> None:
        with self._lock:
            self.requests[(("route", route), ("method", method), ("status", str(status)))] += 1
            buckets = self.duration_buckets[route]
            for i, bound in enumerate(BUCKETS):
                if seconds <= bound:
                    buckets[i] += 1
            self.duration_sum[route] += seconds
            self.duration_count[route] += 1

    def count_query(self, operation: str, outcome: str) -> None:
        with self._lock:
            self.queries[(("operation", operation), ("outcome", outcome))] += 1

    def render(self) -> str:
        lines: list[str] = []
        with self._lock:
            lines += [
                "# HELP kg_http_requests_total HTTP requests by route template, method and status.",
                "# TYPE kg_http_requests_total counter",
            ]
            lines += [f"kg_http_requests_total{_labels(k)} {v}" for k, v in sorted(self.requests.items())]
            lines += [
                "# HELP kg_http_request_duration_seconds Time to response headers, by route template.",
                "# TYPE kg_http_request_duration_seconds histogram",
            ]
            for route, buckets in sorted(self.duration_buckets.items()):
                for bound, n in zip(BUCKETS, buckets):
                    lines.append(f"kg_http_request_duration_seconds_bucket{_labels((('route', route), ('le', repr(bound))))} {n}")
                lines.append(
                    f"kg_http_request_duration_seconds_bucket{_labels((('route', route), ('le', '+Inf')))} "
                    f"{self.duration_count[route]}"
                )
                lines.append(f"kg_http_request_duration_seconds_sum{_labels((('route', route),))} {self.duration_sum[route]:.6f}")
                lines.append(f"kg_http_request_duration_seconds_count{_labels((('route', route),))} {self.duration_count[route]}")
            lines += [
                "# HELP kg_sparql_operations_total SPARQL queries and updates by outcome "
                "(ok, syntax_error, timeout, row_cap, not_acceptable, forbidden, error).",
                "# TYPE kg_sparql_operations_total counter",
            ]
            lines += [f"kg_sparql_operations_total{_labels(k)} {v}" for k, v in sorted(self.queries.items())]
            lines += [
                "# HELP kg_http_requests_in_flight Requests being handled now.",
                "# TYPE kg_http_requests_in_flight gauge",
                f"kg_http_requests_in_flight {self.in_flight}",
                "# HELP kg_process_start_time_seconds Start of this worker process, Unix time.",
                "# TYPE kg_process_start_time_seconds gauge",
                f"kg_process_start_time_seconds {self.started:.3f}",
            ]
        return "\n".join(lines) + "\n"

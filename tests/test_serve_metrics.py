"""/metrics of a live server (prometheus_client): counters rise per request, in one process or across processes."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from servers import LiveServer


def requests_counted(server: LiveServer, route: str) -> float:
    """kg_http_requests_total of `route` (GET, 200), read from /metrics with prometheus_client's parser."""
    response = httpx.get(server.url + "metrics")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8"
    total = 0.0
    for family in text_string_to_metric_families(response.text):
        if family.name == "kg_http_requests":
            total += sum(s.value for s in family.samples if s.name == "kg_http_requests_total"
                         and s.labels == {"route": route, "method": "GET", "status": "200"})
    return total


def test_the_request_counter_rises_by_two(server: LiveServer) -> None:
    before = requests_counted(server, "/healthz")
    for _ in range(2):
        assert httpx.get(server.url + "healthz").status_code == 200
    assert requests_counted(server, "/healthz") == before + 2


def test_metrics_keep_their_names_and_stay_out_of_openapi(server: LiveServer) -> None:
    names = {f.name for f in text_string_to_metric_families(httpx.get(server.url + "metrics").text)}
    assert names >= {"kg_http_requests", "kg_http_request_duration_seconds", "kg_sparql_operations",
                     "kg_http_requests_in_flight", "kg_process_start_time_seconds"}
    assert "/metrics" not in httpx.get(server.url + "openapi.json").json()["paths"]


def test_multiprocess_mode_adds_up_what_processes_wrote(fixture_store: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    directory = tmp_path_factory.mktemp("prometheus")
    live = LiveServer(fixture_store, tmp_path_factory.mktemp("logs"), PROMETHEUS_MULTIPROC_DIR=str(directory))
    try:
        before = requests_counted(live, "/healthz")
        for _ in range(2):
            httpx.get(live.url + "healthz")
        assert requests_counted(live, "/healthz") == before + 2
        assert any(directory.glob("*.db")), "no process wrote its values to PROMETHEUS_MULTIPROC_DIR"
    finally:
        live.stop()

"""The benchmark paths at small N, without the benchmark tools: synth -> build -> validate -> serve the query mix.

bench/ measures these paths at 10k-600k persons with hyperfine/wrk//usr/bin/time; here they must merely work and
answer right: every query of the mix (bench/queries/*.rq) gives through `kg serve` the rows the store gives.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, parse

from kg.build import build
from kg.config import Settings
from kg.store.embedded import open_store
from kg.synth import generate
from kg.validate import validate_store

ROOT = Path(__file__).resolve().parents[1]
QUERIES = sorted((ROOT / "bench" / "queries").glob("*.rq"))
PERSON = "https://w3id.org/jpow-kg/id/person/syn-p0000042"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("bench")
    generate(60, 1, tmp / "registry", quiet=True)
    build(Settings(), [ROOT / "data", tmp / "registry"], tmp / "store", engine="sparql")
    return tmp / "store"


@pytest.fixture(scope="module")
def server(store_path: Path) -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(store_path), "--port", str(port),
                             "--workers", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(url + "/healthz", timeout=1)
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"kg serve exited: {proc.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def get(url: str, accept: str) -> bytes:
    req = urllib.request.Request(url, headers={"Accept": accept})
    with urllib.request.urlopen(req, timeout=30) as resp:
        assert resp.status == 200
        return resp.read()


def test_the_scalable_engine_finds_the_built_registry_valid(store_path: Path) -> None:
    report = validate_store(open_store(store_path), Settings(), engine="sparql")
    assert report.conforms, report.format()


@pytest.mark.parametrize("rq", [q for q in QUERIES if q.stem != "describe"], ids=lambda q: q.stem)
def test_each_benchmark_query_answers_through_kg_serve_as_the_store_does(rq: Path, server: str, store_path: Path) -> None:
    text = rq.read_text(encoding="utf-8")
    body = get(f"{server}/sparql?query={urllib.parse.quote(text)}", "application/sparql-results+json")
    served = json.loads(body)["results"]["bindings"]
    direct = list(open_store(store_path).query(text, use_default_graph_as_union=True))
    assert len(served) == len(direct)
    if rq.stem in ("point", "aggregate", "stream"):
        assert served, f"{rq.name} should match something in a 60-person registry"


def test_entity_page_is_served_as_html_and_as_turtle(server: str) -> None:
    html = get(f"{server}/id/person/syn-p0000042", "text/html").decode()
    assert "<html" in html.lower() and "syn-p0000042" in html
    turtle = get(f"{server}/id/person/syn-p0000042", "text/turtle")
    subjects = {q.subject.value for q in parse(turtle, format=RdfFormat.TURTLE)}
    assert PERSON in subjects


def test_bench_scripts_are_valid_shell() -> None:
    for script in sorted((ROOT / "bench").glob("*.sh")):
        subprocess.run(["bash", "-n", str(script)], check=True)

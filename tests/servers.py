"""Helpers for the tests of `kg serve` (no tests here): a fixture store on disk and a real server process.

The server runs as `python -m kg.serve` (uvicorn, uvloop, httptools) on a free port of 127.0.0.1, exactly as
`kg serve` runs it; tests talk to it over HTTP only.
"""

from __future__ import annotations

import gc
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from pyoxigraph import RdfFormat, Store

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_TRIG = ROOT / "tests" / "fixtures" / "serve" / "kg.trig"
BASE = "https://w3id.org/jpow-kg/"
TOKEN = "test-update-token"


def build_fixture_store(path: Path) -> Path:
    """The fixture TriG bulk-loaded into a store directory, closed again so a server can open it."""
    store = Store(str(path))
    store.bulk_load(path=str(FIXTURE_TRIG), format=RdfFormat.TRIG)
    store.flush()
    del store
    gc.collect()
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """`python -m kg.serve` over a store, on 127.0.0.1; `url` ends with a slash."""

    def __init__(self, store: Path, log_dir: Path, *, token: str | None = None, workers: int = 1, **env: str) -> None:
        self.store = store
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log_path = log_dir / f"server-{self.port}.log"
        environment = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
        environment["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), environment.get("PYTHONPATH", "")])
        if token:
            environment["KG_UPDATE_TOKEN"] = token
        environment.update(env)
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kg.serve", "--store", str(store), "--host", "127.0.0.1", "--port", str(self.port),
             "--workers", str(workers)],
            env=environment,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with {self.process.returncode}:\n{self.log()}")
            try:
                if httpx.get(self.url + "healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the server did not answer /healthz within 30 s:\n{self.log()}")

    def log(self) -> str:
        self._log.flush()
        return self.log_path.read_text(errors="replace")[-4000:]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self._log.close()

    def local(self, iri: str) -> str:
        """The URL of this server that dereferences an IRI under the default base."""
        assert iri.startswith(BASE), iri
        return self.url + iri[len(BASE):]


def require_program(path: str, why: str) -> str:
    """A program's path; skip with the reason when it is absent, but fail under CI=true."""
    found = shutil.which(path) or (path if Path(path).exists() else None)
    if not found:
        reason = f"{path} is not installed: {why}"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return found

"""Real SPARQL servers on 127.0.0.1 for the tests: `oxigraph serve` and Virtuoso open source.

Each server runs in a temporary directory with a free port and is stopped by its fixture. A server program
that is not installed skips its tests with the reason, except under CI=true, where it is a failure (`.ci/run`
and `.ci/start-stores.sh` install both).
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from kg.config import Settings
from kg.store.http import Endpoints

VIRTUOSO_MAX_ROWS = 2000  # ResultSetMaxRows of the test server: small, so the row-cap handling is exercised


def program(name: str, package: str) -> str:
    """The path of a server program; skip (fail under CI=true) with the reason when it is not installed."""
    path = shutil.which(name)
    if path is None:
        reason = f"{name} is not installed (install {package}, or run .ci/start-stores.sh): remote-store tests skipped"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, log: Path, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}: {log.read_text(errors='replace')[-2000:]}")
        try:
            httpx.post(url, data={"query": "ASK {}"}, timeout=2.0)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError(f"the server did not answer at {url} within {seconds:g} s: {log.read_text(errors='replace')[-2000:]}")


@dataclass
class Server:
    """A running store: its endpoints, the settings naming it, and how to stop or kill it."""

    name: str
    root: Path
    command: list[str]
    endpoints: Endpoints
    profile: str
    max_rows: int | None = None
    process: subprocess.Popen | None = field(default=None, repr=False)

    def start(self) -> "Server":
        log = self.root / "server.log"
        self.process = subprocess.Popen(self.command, cwd=self.root, stdout=log.open("ab"), stderr=subprocess.STDOUT,
                                        start_new_session=True)
        wait_until_up(self.endpoints.query, self.process, log)
        return self

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.process = None

    def kill(self) -> None:
        """Die at once, as a crashed or unplugged store does."""
        if self.process is not None:
            self.process.kill()
            self.process.wait(10)
        self.process = None

    def settings(self, **changes: object) -> Settings:
        named: dict[str, object] = dict(
            store_query_url=self.endpoints.query, store_update_url=self.endpoints.update,
            store_gsp_url=self.endpoints.gsp, store_profile=self.profile, store_max_rows=self.max_rows)
        return Settings().with_(**{**named, **changes})


def oxigraph(root: Path, *, union: bool = False, profile: str = "oxigraph") -> Server:
    """`union`: started with --union-default-graph, as a store configured the way the generic profile assumes."""
    exe = program("oxigraph", "the PyPI package oxigraph")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    (root / "data").mkdir(parents=True, exist_ok=True)
    command = [exe, "serve", "--location", str(root / "data"), "--bind", f"127.0.0.1:{port}"]
    return Server("oxigraph", root, command + (["--union-default-graph"] if union else []),
                  Endpoints(f"{base}/query", f"{base}/update", f"{base}/store"), profile).start()


VIRTUOSO_INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 0
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
ServerThreads = 10
MaxClientConnections = 10
[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 60
"""

# Anonymous SPARQL users may update and use the Graph Store (fine on 127.0.0.1; docs/deploy.md says how to
# use digest auth on /sparql-auth instead in production).
VIRTUOSO_GRANTS = ('GRANT SPARQL_UPDATE TO "SPARQL"; '
                   "DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);")


def virtuoso(root: Path) -> Server:
    exe = program("virtuoso-t", "the Debian package virtuoso-opensource")
    isql = program("isql-vt", "the Debian package virtuoso-opensource")
    http_port, sql_port = free_port(), free_port()
    db = root / "db"
    db.mkdir(parents=True, exist_ok=True)
    ini = root / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(db=db, sql_port=sql_port, http_port=http_port, max_rows=VIRTUOSO_MAX_ROWS))
    base = f"http://127.0.0.1:{http_port}"
    server = Server("virtuoso", root, [exe, "-f", "-c", str(ini)],
                    Endpoints(f"{base}/sparql", f"{base}/sparql", f"{base}/sparql-graph-crud"), "virtuoso",
                    max_rows=VIRTUOSO_MAX_ROWS).start()
    done = subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={VIRTUOSO_GRANTS}"],
                          capture_output=True, text=True, timeout=60)
    if done.returncode != 0 or "Error" in done.stdout + done.stderr:
        server.stop()
        raise RuntimeError(f"granting SPARQL update rights failed: {done.stdout}{done.stderr}")
    return server


SERVERS = {"oxigraph": oxigraph, "virtuoso": virtuoso}


_RUNNING: dict[str, Server] = {}


def running(name: str, tmp_path_factory: pytest.TempPathFactory) -> Server:
    """One shared server of each kind per test session (stopped at exit). Tests that kill a server start their own."""
    if name not in _RUNNING:
        server = SERVERS[name](tmp_path_factory.mktemp(name))
        atexit.register(server.stop)
        _RUNNING[name] = server
    return _RUNNING[name]


@contextmanager
def serving(app: object) -> Iterator[str]:
    """Run an ASGI app with uvicorn on a free 127.0.0.1 port in a thread; yields its base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the kg server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.should_exit = True
        thread.join(10)


class Proxy:
    """A real HTTP proxy on 127.0.0.1 in front of a store. `gate(method, path, headers, body)` may answer a
    request itself with a status (and headers) instead of forwarding it."""

    def __init__(self, target: str) -> None:
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        proxy = self
        self.target = target.rstrip("/")

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _forward(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                refusal = proxy.gate(self.command, self.path, self.headers, body)
                if refusal is not None:
                    status, extra = refusal
                    self.send_response(status)
                    for k, v in extra.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() not in ("host", "content-length", "authorization")}
                r = httpx.request(self.command, proxy.target + self.path, content=body, headers=headers, timeout=60)
                self.send_response(r.status_code)
                for k, v in r.headers.items():
                    if k.lower() not in ("content-length", "transfer-encoding", "connection", "content-encoding"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(r.content)))
                self.end_headers()
                self.wfile.write(r.content)

            do_GET = do_POST = do_PUT = do_DELETE = _forward

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def gate(self, method: str, path: str, headers: object, body: bytes) -> tuple[int, dict[str, str]] | None:
        return None

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class FlakyProxy(Proxy):
    """Answers every `fail_every`-th request with HTTP 503 (but lets the same request through when it is sent
    again), as an overloaded store or load balancer does; counts the failures it caused."""

    def __init__(self, target: str, fail_every: int = 3) -> None:
        self.fail_every, self.seen, self.failed = fail_every, 0, 0
        self.refused: set[int] = set()
        self.lock = threading.Lock()
        super().__init__(target)

    def gate(self, method: str, path: str, headers: object, body: bytes) -> tuple[int, dict[str, str]] | None:
        key = hash((method, path, body))
        with self.lock:  # a repeated request (a retry) goes through
            self.seen += 1
            fail = self.seen % self.fail_every == 0 and key not in self.refused
            self.failed += fail
            self.refused.add(key)
        return (503, {}) if fail else None


class AuthProxy(Proxy):
    """Lets through only requests with the expected `Authorization` header (HTTP Basic or a bearer token), as a
    store behind an authenticating gateway does; answers 401 otherwise. Counts what it let through."""

    def __init__(self, target: str, authorization: str, challenge: str) -> None:
        self.authorization, self.challenge, self.passed, self.refused = authorization, challenge, 0, 0
        super().__init__(target)

    def gate(self, method: str, path: str, headers: object, body: bytes) -> tuple[int, dict[str, str]] | None:
        if headers.get("Authorization") == self.authorization:  # type: ignore[attr-defined]
            self.passed += 1
            return None
        self.refused += 1
        return 401, {"WWW-Authenticate": self.challenge}

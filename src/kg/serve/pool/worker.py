"""A query worker process: `python -m kg.serve.pool.worker FD STORE` (started by the supervisor only, at a
lower CPU priority than the web process, set before Python imports anything: see `supervisor.WORKER_NICE`).

It opens the store read-only, says it is ready, then runs one job at a time from the socket at file
descriptor FD and answers in frames. It evaluates *and* serialises each query on its one thread (pyoxigraph's
results must be read where they were made). It never decides to stop a job: the supervisor kills the whole
process, which is the only sure way to stop a query. It also dies with its parent (PR_SET_PDEATHSIG), so no
worker outlives a server that was killed.
"""

from __future__ import annotations

import ctypes
import io
import os
import signal
import socket
import sys
from itertools import islice
from typing import Any

from pyoxigraph import (
    DefaultGraph,
    NamedNode,
    Quad,
    QueryBoolean,
    QueryTriples,
    RdfFormat,
    Store,
    Variable,
    parse,
    serialize,
)

from kg.serve.entity_quads import collect
from kg.serve.errors import BadRequest, syntax_message
from kg.serve.formats import GRAPH_FORMATS, by_name, formats_for
from kg.serve.pool import frames
from kg.serve.pool.jobs import BAD_REQUEST, FAILED, NO_FORMAT, ROW_CAP, Job
from kg.serve.rows import RowCounter, solution_rows
from kg.sparql_text import has_dataset_clause

CHUNK_BYTES = 64 * 1024
PR_SET_PDEATHSIG = 1


class JobError(Exception):
    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def _die_with_parent() -> None:
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the supervisor's shutdown still kills its workers
        pass


class FrameWriter(io.RawIOBase):
    """A binary file for pyoxigraph's `serialize`: ~64 KiB DATA frames, the rest with END; counts rows for
    the row cap. The socket's buffer is the back-pressure: a slow client blocks this worker, not the server."""

    def __init__(self, sock: socket.socket, counter: RowCounter | None, row_cap: int | None) -> None:
        super().__init__()
        self.sock = sock
        self.counter = counter
        self.row_cap = row_cap
        self.buffer = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:  # type: ignore[override]
        chunk = bytes(data)
        if self.counter is not None and self.row_cap is not None and self.counter.feed(chunk) > self.row_cap:
            raise JobError(ROW_CAP, str(self.row_cap))
        self.buffer += chunk
        if len(self.buffer) >= CHUNK_BYTES:
            frames.send(self.sock, frames.DATA, bytes(self.buffer))
            self.buffer.clear()
        return len(chunk)

    def end(self) -> None:
        frames.send(self.sock, frames.END, bytes(self.buffer))
        self.buffer.clear()


class Worker:
    def __init__(self, sock: socket.socket, store_path: str) -> None:
        self.sock = sock
        self.store = Store.read_only(store_path)

    def serve(self) -> None:
        frames.send(self.sock, frames.READY)
        while True:
            try:
                kind, payload = frames.receive(self.sock)
            except (EOFError, OSError):
                return  # the server has gone
            job: Job = frames.load(payload)
            try:
                getattr(self, "op_" + job.op)(**job.args)
            except JobError as exc:
                frames.send_object(self.sock, frames.ERROR, (exc.kind, str(exc)))
            except Exception as exc:  # noqa: BLE001 - reported to the web process, which answers for it
                frames.send_object(self.sock, frames.ERROR, (FAILED, f"{type(exc).__name__}: {exc}"))

    # ---- evaluation ----------------------------------------------------------------------------------------

    def _evaluate(self, sparql: str, base_iri: str | None, default: tuple[str, ...] | None,
                  named: tuple[str, ...] | None, substitutions: dict[str, Any] | None) -> Any:
        kwargs: dict[str, Any] = {}
        if default is None:
            # the union default graph, unless the query names its own dataset (the flag would override FROM)
            if named is None and not has_dataset_clause(sparql):
                kwargs["use_default_graph_as_union"] = True
        else:
            kwargs["default_graph"] = [NamedNode(g) for g in default]
        if named is not None:
            kwargs["named_graphs"] = [NamedNode(g) for g in named]
        try:
            return self.store.query(
                sparql,
                base_iri=base_iri,
                substitutions={Variable(k): v for k, v in (substitutions or {}).items()} or None,
                **kwargs,
            )
        except SyntaxError as exc:
            raise JobError(BAD_REQUEST, f"SPARQL syntax error: {syntax_message(exc)}") from None
        except (ValueError, RuntimeError, OSError) as exc:
            raise JobError(BAD_REQUEST, f"the query failed: {exc}") from None

    def op_query(self, sparql: str, base_iri: str | None, default: tuple[str, ...] | None,
                 named: tuple[str, ...] | None, formats: dict[str, str | None], row_cap: int | None) -> None:
        """A SPARQL protocol query, streamed in the format the web process chose for its kind (None: the
        client accepts none; the web process knows why)."""
        result = self._evaluate(sparql, base_iri, default, named, None)
        kind = "boolean" if isinstance(result, QueryBoolean) else "graph" if isinstance(result, QueryTriples) else "results"
        choice = formats[kind]
        if choice is None:
            raise JobError(NO_FORMAT, kind)
        fmt = by_name(choice, formats_for(kind))  # type: ignore[arg-type]
        frames.send_object(self.sock, frames.START, (kind, fmt.name))
        counter = RowCounter(fmt.name) if kind == "results" and row_cap is not None else None
        writer = FrameWriter(self.sock, counter, row_cap)
        try:
            result.serialize(writer, fmt.oxi)
        except (RuntimeError, OSError) as exc:  # evaluation continues while serialising
            raise JobError(FAILED, f"the query failed: {exc}") from None
        writer.end()

    def op_select(self, sparql: str, substitutions: dict[str, Any] | None, offset: int, limit: int | None) -> None:
        """A SELECT over the union default graph as Python rows; rows skipped/limited while iterating."""
        result = self._evaluate(sparql, None, None, None, substitutions)
        try:
            frames.send_object(self.sock, frames.RESULT, solution_rows(result, offset, limit))
        except BadRequest as exc:
            raise JobError(BAD_REQUEST, str(exc)) from None

    def op_ask(self, sparql: str, substitutions: dict[str, Any] | None) -> None:
        frames.send_object(self.sock, frames.RESULT, bool(self._evaluate(sparql, None, None, None, substitutions)))

    def op_entity(self, iri: str, incoming: int, label_predicates: list[str]) -> None:
        found = collect(iri, incoming, label_predicates, self._about, self._outgoing)
        frames.send_object(self.sock, frames.RESULT, {
            part: _nquads(getattr(found, part)) for part in ("outgoing", "incoming", "graphs", "labels")})

    def _about(self, iri: str, incoming: int) -> tuple[list[Quad], list[Quad]]:
        node = NamedNode(iri)
        outgoing = list(self.store.quads_for_pattern(node, None, None, None))
        linking = list(islice(self.store.quads_for_pattern(None, None, node, None), incoming)) if incoming else []
        return outgoing, linking

    def _outgoing(self, iris: list[str]) -> list[Quad]:
        found: list[Quad] = []
        for iri in iris:
            found += self.store.quads_for_pattern(NamedNode(iri), None, None, None)
        return found

    def op_graph_exists(self, iri: str | None) -> None:
        frames.send_object(self.sock, frames.RESULT, iri is None or self.store.contains_named_graph(NamedNode(iri)))

    def op_graph_stream(self, iri: str | None, format_name: str) -> None:
        fmt = by_name(format_name, GRAPH_FORMATS)
        frames.send_object(self.sock, frames.START, ("graph", fmt.name))
        writer = FrameWriter(self.sock, None, None)
        graph = DefaultGraph() if iri is None else NamedNode(iri)
        quads = self.store.quads_for_pattern(None, None, None, graph)
        serialize(quads if fmt.is_dataset else (q.triple for q in quads), writer, fmt.oxi)
        writer.end()

    def op_parse(self, payloads: list[tuple[bytes, str]], graph: str | None, base_iri: str) -> None:
        """RDF payloads of a Graph Store write as quads in `graph`: parsed here, where a parser that crashes
        on a hostile payload costs one worker, not the server."""
        target = DefaultGraph() if graph is None else NamedNode(graph)
        quads: list[Quad] = []
        for data, media_type in payloads:
            rdf_format = RdfFormat.from_media_type(media_type)
            try:
                for q in parse(data, rdf_format, base_iri=base_iri, without_named_graphs=True, rename_blank_nodes=True):
                    quads.append(Quad(q.subject, q.predicate, q.object, target))
            except SyntaxError as exc:
                raise JobError(BAD_REQUEST, f"the {rdf_format.name} payload does not parse: {exc}") from None
        frames.send_object(self.sock, frames.RESULT, _nquads(quads))



def _nquads(quads: list[Quad]) -> bytes:
    """Quads travel as N-Quads: 8x faster than pickling pyoxigraph's objects (measured on 200 quads)."""
    return serialize(quads, format=RdfFormat.N_QUADS) or b""


def main() -> None:
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the server stops us
    fd, store_path = int(sys.argv[1]), sys.argv[2]
    sock = socket.socket(fileno=fd)
    try:
        worker = Worker(sock, store_path)
    except OSError as exc:
        frames.send_object(sock, frames.ERROR, (FAILED, f"cannot open the store at {store_path}: {exc}"))
        return
    worker.serve()
    os._exit(0)


if __name__ == "__main__":
    main()

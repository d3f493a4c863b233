"""All store access of the web app, behind one small class.

`EmbeddedBackend` serves a pyoxigraph store on disk. Reads run in query worker processes (`kg.serve.pool`)
that the server kills at a deadline, a memory ceiling or when the client goes away; writes (with the update
token) run in this process, which then alone holds the store read-write, while the workers are paused. A
remote backend (forwarding to another SPARQL endpoint and Graph Store) implements the same methods; nothing
else in `kg.serve` touches pyoxigraph's `Store`.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextvars
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Store, parse

from kg.serve.entity_quads import EntityQuads
from kg.serve.errors import BadRequest, syntax_message
from kg.serve.formats import Format, Kind, NotAcceptable, UnknownFormat
from kg.serve.pool import frames
from kg.serve.pool.jobs import Job
from kg.serve.pool.limits import PoolLimits
from kg.serve.pool.supervisor import Lease, NoFormat, Supervisor
from kg.serve.streaming import ResultStream
from kg.store.embedded import resolve

Term = Any  # a pyoxigraph NamedNode, BlankNode, Literal or Triple

# The address of the client a request comes from (set per request by the app): admission counts by it.
client_address: contextvars.ContextVar[str] = contextvars.ContextVar("client_address", default="local")


@dataclass(frozen=True)
class Dataset:
    """The RDF dataset of a request. `default` None means: the union of all named graphs."""

    default: tuple[str, ...] | None = None
    named: tuple[str, ...] | None = None


@dataclass(frozen=True)
class ResultMeta:
    kind: Kind
    format: Format


class Backend(Protocol):
    """What the web app needs from a store. `EmbeddedBackend` below; `kg.serve.remote_backend.RemoteBackend`."""

    writable: bool

    async def start(self) -> None: ...
    async def close(self) -> None: ...
    def status(self) -> dict[str, int]: ...
    async def query(self, sparql: str, *, base_iri: str | None, dataset: Dataset, choose: Callable[[Kind], Format],
                    timeout_s: float | None, row_cap: int | None) -> ResultStream: ...
    async def update(self, sparql: str, *, base_iri: str | None) -> None: ...
    async def select(self, sparql: str, *, substitutions: dict[str, Term] | None = None, offset: int = 0,
                     limit: int | None = None) -> tuple[list[str], list[dict[str, Term]]]: ...
    async def ask(self, sparql: str, substitutions: dict[str, Term] | None = None) -> bool: ...
    async def entity(self, iri: str, *, incoming: int, label_predicates: list[str]) -> EntityQuads: ...
    async def graph_exists(self, iri: str | None) -> bool: ...
    async def graph_stream(self, iri: str | None, fmt: Format, timeout_s: float | None) -> ResultStream: ...
    async def graph_put(self, iri: str | None, payloads: list[tuple[bytes, RdfFormat]], base_iri: str) -> bool: ...
    async def graph_post(self, iri: str | None, payloads: list[tuple[bytes, RdfFormat]], base_iri: str) -> bool: ...
    async def graph_delete(self, iri: str | None) -> bool: ...


class PoolStream:
    """A result streamed from a worker. The worker is killed if the stream is dropped before its end."""

    def __init__(self, lease: Lease, meta: ResultMeta) -> None:
        self.lease = lease
        self.meta = meta
        self.first: list[bytes] = []
        self.done = False

    async def read_first(self) -> None:
        kind, payload = await self.lease.next()
        self.done = kind == frames.END
        if payload:
            self.first.append(payload)

    async def body(self) -> AsyncIterator[bytes]:
        try:
            for chunk in self.first:
                yield chunk
            while not self.done:
                kind, payload = await self.lease.next()
                self.done = kind == frames.END
                if payload:
                    yield payload
        finally:
            self.lease.abort()  # no-op when the worker finished


class EmbeddedBackend:
    """A pyoxigraph store on disk, read by killable worker processes; writable (in this process) on demand."""

    def __init__(self, path: Path, *, writable: bool, limits: PoolLimits | None = None) -> None:
        self.path = Path(path)
        self.writable = writable
        resolve(self.path)
        self.limits = limits or PoolLimits()
        self.pool = Supervisor(self.path, self.limits)
        self.store: Store | None = None  # the read-write handle, opened for the first write
        self.writer = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-write")
        self._write_lock = asyncio.Lock()

    async def start(self) -> None:
        await self.pool.start()

    async def close(self) -> None:
        await self.pool.close()
        self.writer.shutdown(wait=True)
        self.store = None

    def status(self) -> dict[str, int]:
        return self.pool.status()

    # ---- reads, in workers ---------------------------------------------------------------------------------

    async def _call(self, op: str, timeout_s: float | None = None, **args: Any) -> Any:
        """Run a job that answers with one result."""
        lease = await self.pool.lease(client_address.get(), timeout_s or self.limits.timeout_s)
        try:
            lease.send(Job(op, args))  # type: ignore[arg-type]
            kind, payload = await lease.next()
            return frames.load(payload)
        finally:
            lease.abort()

    async def _stream(self, job: Job, timeout_s: float | None, formats: dict[str, Format],
                      refusals: dict[str, Exception] | None = None) -> PoolStream:
        lease = await self.pool.lease(client_address.get(), timeout_s)
        try:
            lease.send(job)
            try:
                kind, payload = await lease.next()
            except NoFormat as exc:
                raise (refusals or {})[str(exc)] from None
            kind_name, _ = frames.load(payload)
            stream = PoolStream(lease, ResultMeta(kind_name, formats[kind_name]))
            await stream.read_first()
            return stream
        except BaseException:
            lease.abort()
            raise

    async def query(
        self,
        sparql: str,
        *,
        base_iri: str | None,
        dataset: Dataset,
        choose: Callable[[Kind], Format],
        timeout_s: float | None,
        row_cap: int | None,
    ) -> PoolStream:
        """Start a query; `choose(kind)` picks the format for each kind the query could have (may raise 406 or
        400 for the kind it turns out to have). The returned stream's `meta` is a ResultMeta."""
        chosen: dict[str, Format] = {}
        refusals: dict[str, Exception] = {}
        for kind in ("results", "graph", "boolean"):
            try:
                chosen[kind] = choose(kind)  # type: ignore[arg-type]
            except (NotAcceptable, UnknownFormat) as exc:
                refusals[kind] = exc
        names = {kind: chosen[kind].name if kind in chosen else None for kind in ("results", "graph", "boolean")}
        job = Job("query", {"sparql": sparql, "base_iri": base_iri, "default": dataset.default,
                            "named": dataset.named, "formats": names, "row_cap": row_cap})
        return await self._stream(job, timeout_s, chosen, refusals)

    async def select(
        self,
        sparql: str,
        *,
        substitutions: dict[str, Term] | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> tuple[list[str], list[dict[str, Term]]]:
        """A SELECT over the union default graph as Python rows (for pages and the saved-query API).
        Rows are skipped/limited while iterating, so no SPARQL text is spliced."""
        return await self._call("select", sparql=sparql, substitutions=substitutions, offset=offset, limit=limit)

    async def ask(self, sparql: str, substitutions: dict[str, Term] | None = None) -> bool:
        return await self._call("ask", sparql=sparql, substitutions=substitutions)

    async def entity(self, iri: str, *, incoming: int, label_predicates: list[str]) -> EntityQuads:
        """Everything an entity's page or RDF representation shows, in one job (see `EntityQuads`)."""
        found = await self._call("entity", iri=iri, incoming=incoming, label_predicates=label_predicates)
        return EntityQuads(*(_quads(found[part]) for part in ("outgoing", "incoming", "graphs", "labels")))

    async def graph_exists(self, iri: str | None) -> bool:
        return await self._call("graph_exists", iri=iri)

    async def graph_stream(self, iri: str | None, fmt: Format, timeout_s: float | None) -> PoolStream:
        job = Job("graph_stream", {"iri": iri, "format_name": fmt.name})
        return await self._stream(job, timeout_s, {"graph": fmt})

    # ---- writes, in this process ---------------------------------------------------------------------------

    async def _write(self, fn: Callable[[Store], Any]) -> Any:
        """Run `fn` on the read-write store with every worker paused; workers reopen the store afterwards."""
        if not self.writable:
            raise PermissionError("this store is open read-only")
        async with self._write_lock:
            await self.pool.pause()
            try:
                def run() -> Any:
                    if self.store is None:
                        self.store = Store(str(self.path))
                    try:
                        return fn(self.store)
                    finally:
                        self.store.flush()

                return await asyncio.get_running_loop().run_in_executor(self.writer, run)
            finally:
                await self.pool.resume()

    async def update(self, sparql: str, *, base_iri: str | None) -> None:
        def run(store: Store) -> None:
            try:
                store.update(sparql, base_iri=base_iri)
            except SyntaxError as exc:
                raise BadRequest(f"SPARQL update syntax error: {syntax_message(exc)}") from None
            except (RuntimeError, OSError, ValueError) as exc:  # evaluation errors, e.g. DROP of a missing graph
                raise BadRequest(f"the update failed: {exc}") from None

        await self._write(run)

    @staticmethod
    def _graph(iri: str | None) -> NamedNode | DefaultGraph:
        return DefaultGraph() if iri is None else NamedNode(iri)

    async def _parse(self, payloads: list[tuple[bytes, RdfFormat]], iri: str | None, base_iri: str) -> list[Quad]:
        """Parsed in a worker: a parser that crashes on a hostile payload costs a worker, not the server."""
        return _quads(await self._call("parse", payloads=[(data, f.media_type) for data, f in payloads], graph=iri,
                                       base_iri=base_iri))

    async def graph_put(self, iri: str | None, payloads: list[tuple[bytes, RdfFormat]], base_iri: str) -> bool:
        """Replace the graph; True when it was created (did not exist or, for the default graph, was empty)."""
        graph = self._graph(iri)
        quads = await self._parse(payloads, iri, base_iri)

        def run(store: Store) -> bool:
            existed = (
                store.contains_named_graph(graph)
                if isinstance(graph, NamedNode)
                else next(iter(store.quads_for_pattern(None, None, None, graph)), None) is not None
            )
            if existed:
                store.clear_graph(graph)
            elif isinstance(graph, NamedNode):
                store.add_graph(graph)
            store.extend(quads)
            return not existed

        return await self._write(run)

    async def graph_post(self, iri: str | None, payloads: list[tuple[bytes, RdfFormat]], base_iri: str) -> bool:
        """Merge into the graph; True when it was created."""
        graph = self._graph(iri)
        quads = await self._parse(payloads, iri, base_iri)

        def run(store: Store) -> bool:
            existed = not isinstance(graph, NamedNode) or store.contains_named_graph(graph)
            if not existed:
                store.add_graph(graph)
            store.extend(quads)
            return not existed

        return await self._write(run)

    async def graph_delete(self, iri: str | None) -> bool:
        """Drop the graph (clear the default graph); False when a named graph did not exist."""
        graph = self._graph(iri)

        def run(store: Store) -> bool:
            if isinstance(graph, NamedNode):
                if not store.contains_named_graph(graph):
                    return False
                store.remove_graph(graph)
            else:
                store.clear_graph(graph)
            return True

        return await self._write(run)


def _quads(nquads: bytes) -> list[Quad]:
    return list(parse(nquads, format=RdfFormat.N_QUADS)) if nquads else []

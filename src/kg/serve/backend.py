"""All store access of the web app, behind one small class.

`EmbeddedBackend` serves a pyoxigraph store on disk. A remote backend (forwarding to another SPARQL endpoint
and Graph Store) can implement the same methods; nothing else in `kg.serve` touches pyoxigraph's `Store`.

Every call runs on a worker thread: pyoxigraph holds the GIL while it evaluates and its results must be read
on the thread that made them, so each query is evaluated and serialised in one thread (see `streaming`).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from itertools import islice
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from pyoxigraph import (
    DefaultGraph,
    NamedNode,
    Quad,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    Variable,
    parse,
    serialize,
)

from kg.serve.formats import Format, Kind
from kg.serve.sparql_text import has_dataset_clause
from kg.serve.streaming import ChunkWriter, RowCounter, Stream, StreamControl, start_stream

Term = Any  # a pyoxigraph NamedNode, BlankNode, Literal or Triple


class BadRequest(ValueError):
    """The client sent something the store rejects (syntax error, unparsable RDF): HTTP 400."""


@dataclass(frozen=True)
class Dataset:
    """The RDF dataset of a request. `default` None means: the union of all named graphs."""

    default: tuple[str, ...] | None = None
    named: tuple[str, ...] | None = None


@dataclass(frozen=True)
class ResultMeta:
    kind: Kind
    format: Format


def _syntax_message(exc: Exception) -> str:
    text = str(exc)
    # pyoxigraph lists every expected character class; keep the position and the first few expectations.
    if "expected one of" in text and len(text) > 240:
        text = text[:240].rsplit(",", 1)[0] + ", …"
    return text


class Backend(Protocol):
    """What the web app needs from a store. `EmbeddedBackend` below; `kg.serve.remote_backend.RemoteBackend`."""

    writable: bool

    def close(self) -> None: ...
    async def query(self, sparql: str, *, base_iri: str | None, dataset: Dataset, choose: Callable[[Kind], Format],
                    timeout_s: float | None, row_cap: int | None) -> Stream: ...
    async def update(self, sparql: str, *, base_iri: str | None) -> None: ...
    async def select(self, sparql: str, *, substitutions: dict[str, Term] | None = None, offset: int = 0,
                     limit: int | None = None) -> tuple[list[str], list[dict[str, Term]]]: ...
    async def ask(self, sparql: str, substitutions: dict[str, Term] | None = None) -> bool: ...
    async def describe(self, iri: str, *, incoming: int = 0) -> list[Quad]: ...
    async def describe_many(self, iris: list[str]) -> list[Quad]: ...
    async def graph_exists(self, iri: str | None) -> bool: ...
    async def graph_stream(self, iri: str | None, fmt: Format, timeout_s: float | None) -> Stream: ...
    async def graph_put(self, iri: str | None, payloads: list[tuple[bytes, RdfFormat]], base_iri: str) -> bool: ...
    async def graph_post(self, iri: str | None, payloads: list[tuple[bytes, RdfFormat]], base_iri: str) -> bool: ...
    async def graph_delete(self, iri: str | None) -> bool: ...


class EmbeddedBackend:
    """A pyoxigraph store on disk. Read-only unless `writable`; writes are serialised by a lock."""

    def __init__(self, path: Path, *, writable: bool, threads: int = 4) -> None:
        self.path = Path(path)
        self.writable = writable
        if writable:
            self.store = Store(str(self.path))
        else:
            if not (self.path / "CURRENT").exists():
                raise FileNotFoundError(
                    f"no store at {self.path}: run `kg build` first, or pass --store PATH to a built store"
                )
            self.store = Store.read_only(str(self.path))
        self.executor = concurrent.futures.ThreadPoolExecutor(max_workers=threads, thread_name_prefix="kg-query")
        self._write_lock = threading.Lock()

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)

    # ---- helpers -------------------------------------------------------------------------------------------

    async def _run(self, fn: Callable[[], Any]) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self.executor, fn)

    def _query_kwargs(self, sparql: str, dataset: Dataset) -> dict[str, Any]:
        kwargs: dict[str, Any] = {}
        if dataset.default is None:
            # the union default graph, unless the query names its own dataset (the flag would override FROM)
            if dataset.named is None and not has_dataset_clause(sparql):
                kwargs["use_default_graph_as_union"] = True
        else:
            kwargs["default_graph"] = [NamedNode(g) for g in dataset.default]
        if dataset.named is not None:
            kwargs["named_graphs"] = [NamedNode(g) for g in dataset.named]
        return kwargs

    def _evaluate(self, sparql: str, base_iri: str | None, dataset: Dataset, substitutions: dict[str, Term] | None):
        try:
            return self.store.query(
                sparql,
                base_iri=base_iri,
                substitutions={Variable(k): v for k, v in (substitutions or {}).items()} or None,
                **self._query_kwargs(sparql, dataset),
            )
        except SyntaxError as exc:
            raise BadRequest(f"SPARQL syntax error: {_syntax_message(exc)}") from None
        except ValueError as exc:
            raise BadRequest(f"invalid query: {exc}") from None

    # ---- SPARQL protocol -----------------------------------------------------------------------------------

    async def query(
        self,
        sparql: str,
        *,
        base_iri: str | None,
        dataset: Dataset,
        choose: Callable[[Kind], Format],
        timeout_s: float | None,
        row_cap: int | None,
    ) -> Stream:
        """Start a query; `choose(kind)` picks the format once the query form is known (may raise 406).
        The returned stream's `meta` is a ResultMeta."""

        def produce(control: StreamControl) -> None:
            result = self._evaluate(sparql, base_iri, dataset, None)
            kind: Kind = (
                "boolean" if isinstance(result, QueryBoolean) else "graph" if isinstance(result, QueryTriples) else "results"
            )
            fmt = choose(kind)
            control.put(("start", ResultMeta(kind, fmt)))
            counter = RowCounter(fmt.name) if kind == "results" and row_cap is not None else None
            writer = ChunkWriter(control, counter, row_cap)
            result.serialize(writer, fmt.oxi)

        return await start_stream(self.executor, produce, timeout_s)

    async def update(
        self, sparql: str, *, base_iri: str | None
    ) -> None:
        if not self.writable:
            raise PermissionError("this store is open read-only")

        def run() -> None:
            with self._write_lock:
                try:
                    self.store.update(sparql, base_iri=base_iri)
                except SyntaxError as exc:
                    raise BadRequest(f"SPARQL update syntax error: {_syntax_message(exc)}") from None
                except RuntimeError as exc:  # evaluation errors, e.g. DROP of a graph that does not exist
                    raise BadRequest(f"the update failed: {exc}") from None

        await self._run(run)

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

        def run() -> tuple[list[str], list[dict[str, Term]]]:
            result = self._evaluate(sparql, None, Dataset(), substitutions)
            return solution_rows(result, offset, limit)

        return await self._run(run)

    async def ask(self, sparql: str, substitutions: dict[str, Term] | None = None) -> bool:
        def run() -> bool:
            return bool(self._evaluate(sparql, None, Dataset(), substitutions))

        return await self._run(run)

    # ---- resources -----------------------------------------------------------------------------------------

    async def describe(self, iri: str, *, incoming: int = 0) -> list[Quad]:
        """Every quad with `iri` as subject, in whatever graph it lives, then at most `incoming` quads with
        `iri` as object (an entity such as a camp may be the object of a whole registry)."""

        def run() -> list[Quad]:
            node = NamedNode(iri)
            found = list(self.store.quads_for_pattern(node, None, None, None))
            if incoming:
                found += list(islice(self.store.quads_for_pattern(None, None, node, None), incoming))
            return found

        return await self._run(run)

    async def describe_many(self, iris: list[str]) -> list[Quad]:
        """The outgoing quads of several IRIs in one worker call (labels and evidence of a page)."""

        def run() -> list[Quad]:
            found: list[Quad] = []
            for iri in iris:
                found += self.store.quads_for_pattern(NamedNode(iri), None, None, None)
            return found

        return await self._run(run)

    # ---- Graph Store Protocol ------------------------------------------------------------------------------

    @staticmethod
    def _graph(iri: str | None) -> NamedNode | DefaultGraph:
        return DefaultGraph() if iri is None else NamedNode(iri)

    async def graph_exists(self, iri: str | None) -> bool:
        def run() -> bool:
            if iri is None:
                return True
            return self.store.contains_named_graph(NamedNode(iri))

        return await self._run(run)

    async def graph_stream(self, iri: str | None, fmt: Format, timeout_s: float | None) -> Stream:
        graph = self._graph(iri)

        def produce(control: StreamControl) -> None:
            control.put(("start", ResultMeta("graph", fmt)))
            writer = ChunkWriter(control, None, None)
            quads: Iterator[Any] = self.store.quads_for_pattern(None, None, None, graph)
            if fmt.is_dataset:
                serialize(quads, writer, fmt.oxi)
            else:
                serialize((q.triple for q in quads), writer, fmt.oxi)

        return await start_stream(self.executor, produce, timeout_s)

    def _parse(self, payloads: list[tuple[bytes, RdfFormat]], graph: NamedNode | DefaultGraph, base_iri: str) -> list[Quad]:
        quads: list[Quad] = []
        for data, rdf_format in payloads:
            try:
                for q in parse(data, rdf_format, base_iri=base_iri, without_named_graphs=True, rename_blank_nodes=True):
                    quads.append(Quad(q.subject, q.predicate, q.object, graph))
            except SyntaxError as exc:
                raise BadRequest(f"the {rdf_format.name} payload does not parse: {exc}") from None
        return quads

    async def graph_put(self, iri: str | None, payloads: list[tuple[bytes, RdfFormat]], base_iri: str) -> bool:
        """Replace the graph; True when it was created (did not exist or, for the default graph, was empty)."""
        graph = self._graph(iri)

        def run() -> bool:
            quads = self._parse(payloads, graph, base_iri)
            with self._write_lock:
                existed = (
                    self.store.contains_named_graph(graph)
                    if isinstance(graph, NamedNode)
                    else next(iter(self.store.quads_for_pattern(None, None, None, graph)), None) is not None
                )
                if existed:
                    self.store.clear_graph(graph)
                elif isinstance(graph, NamedNode):
                    self.store.add_graph(graph)
                self.store.extend(quads)
            return not existed

        return await self._run(run)

    async def graph_post(self, iri: str | None, payloads: list[tuple[bytes, RdfFormat]], base_iri: str) -> bool:
        """Merge into the graph; True when it was created."""
        graph = self._graph(iri)

        def run() -> bool:
            quads = self._parse(payloads, graph, base_iri)
            with self._write_lock:
                existed = not isinstance(graph, NamedNode) or self.store.contains_named_graph(graph)
                if not existed:
                    self.store.add_graph(graph)
                self.store.extend(quads)
            return not existed

        return await self._run(run)

    async def graph_delete(self, iri: str | None) -> bool:
        """Drop the graph (clear the default graph); False when a named graph did not exist."""
        graph = self._graph(iri)

        def run() -> bool:
            with self._write_lock:
                if isinstance(graph, NamedNode):
                    if not self.store.contains_named_graph(graph):
                        return False
                    self.store.remove_graph(graph)
                else:
                    self.store.clear_graph(graph)
                return True

        return await self._run(run)


def solution_rows(result: object, offset: int, limit: int | None) -> tuple[list[str], list[dict[str, Term]]]:
    """A SELECT result as (variable names, rows of bound values), skipping `offset` rows and keeping `limit`."""
    if not isinstance(result, QuerySolutions):
        raise BadRequest("expected a SELECT query")
    names = [v.value for v in result.variables]
    rows: list[dict[str, Term]] = []
    for index, solution in enumerate(result):
        if index < offset:
            continue
        if limit is not None and len(rows) >= limit:
            break
        rows.append({n: solution[n] for n in names if solution[n] is not None})
    return names, rows

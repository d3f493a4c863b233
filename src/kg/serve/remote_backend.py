"""Serving from a remote store: `RemoteBackend` offers the operations of `kg.serve.backend.EmbeddedBackend`
(same names and signatures) over a `kg.store.remote.RemoteStore`; `kg.serve.app.create_app` picks it when the
settings name a remote store (KG_STORE_QUERY)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pyoxigraph import (
    DefaultGraph,
    NamedNode,
    Quad,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Triple,
    parse,
    parse_query_results,
    serialize,
)
from starlette.exceptions import HTTPException

from kg.serve.backend import Dataset, ResultMeta
from kg.serve.entity_quads import EntityQuads, collect
from kg.serve.errors import BadRequest
from kg.serve.formats import N_TRIPLES, RESULT_FORMATS, Format, Kind
from kg.serve.rows import RowCounter, solution_rows
from kg.serve.streaming import (
    ChunkWriter,
    QueryTimeout,
    Stream,
    StreamControl,
    start_stream,
)
from kg.sparql_text import bind_parameters, query_file, query_form
from kg.store.http import (
    StoreError,
    StoreRefused,
    StoreTimeout,
    StoreTruncated,
    excerpt,
    media_type,
)
from kg.store.manifest import LIVE_ONLY
from kg.store.remote import RemoteStore, answer, ntriples, valid_bnodes

log = logging.getLogger("kg.serve.remote_backend")
QUERIES = Path(__file__).with_name("sparql_queries")


def _with_base(sparql: str, base_iri: str | None) -> str:
    return f"BASE <{base_iri}>\n{sparql}" if base_iri else sparql


def _bound(sparql: str, substitutions: dict[str, Any] | None) -> str:
    try:
        return bind_parameters(sparql, substitutions)
    except ValueError as exc:
        raise BadRequest(str(exc)) from None


def _boolean(value: bool, fmt: Any) -> bytes:
    """A W3C boolean result in SPARQL JSON or XML (the only boolean formats offered)."""
    word = "true" if value else "false"
    if fmt.oxi == QueryResultsFormat.XML:
        return (f'<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head></head>'
                f"<boolean>{word}</boolean></sparql>").encode()
    return f'{{"head":{{}},"boolean":{word}}}'.encode()


class RemoteBackend:
    """The web app's store access over a remote SPARQL store (see `kg.serve.backend` for the contract)."""

    def __init__(self, remote: RemoteStore, *, writable: bool, threads: int = 8) -> None:
        self.remote = remote
        self.writable = writable
        self.path = remote.describe()
        self.executor = concurrent.futures.ThreadPoolExecutor(max_workers=threads, thread_name_prefix="kg-remote")

    @classmethod
    def from_settings(cls, settings: Any) -> "RemoteBackend":
        remote = RemoteStore.from_settings(settings)
        return cls(remote, writable=bool(settings.update_token) and remote.endpoints.update is not None)

    async def start(self) -> None:
        """Nothing to start: the remote store runs on its own (its reachability shows in /healthz)."""

    async def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.remote.close()

    def status(self) -> dict[str, int]:
        return {}

    async def _run(self, fn: Callable[[], Any]) -> Any:
        try:
            return await asyncio.get_running_loop().run_in_executor(self.executor, fn)
        except StoreError as exc:
            raise _http_error(exc, None) from None

    # ---- SPARQL protocol -----------------------------------------------------------------------------------

    async def query(self, sparql: str, *, base_iri: str | None, dataset: Dataset,
                    choose: Callable[[Kind], Format], timeout_s: float | None, row_cap: int | None) -> Stream:
        form = query_form(sparql)
        if form is None:
            raise BadRequest("SPARQL syntax error: no SELECT, ASK, CONSTRUCT or DESCRIBE query form found")
        kind: Kind = "results" if form == "SELECT" else "boolean" if form == "ASK" else "graph"
        fmt = choose(kind)
        capped_graph = kind == "graph" and self.remote.profile.max_rows is not None

        def produce(control: StreamControl) -> None:
            accept = N_TRIPLES.media_type if capped_graph else fmt.media_type
            convert = fmt.media_type in self.remote.profile.convert_formats or (
                kind == "boolean" and self.remote.profile.ask_as_rows)
            if convert:
                accept = RESULT_FORMATS[0].media_type  # SPARQL JSON, converted below
            remaining = None if control.deadline is None else max(0.1, control.deadline - time.monotonic())
            with self.remote.query_response(_with_base(sparql, base_iri), accept, default=dataset.default,
                                            named=dataset.named, timeout_s=remaining) as response:
                control.put(("start", ResultMeta(kind, fmt)))
                counter = RowCounter(fmt.name) if kind == "results" and row_cap is not None else None
                writer = ChunkWriter(control, counter, row_cap)
                if convert or capped_graph or media_type(response.headers.get("content-type")) != fmt.media_type:
                    self._convert(response.read(), media_type(response.headers.get("content-type")), kind, fmt, writer)
                else:
                    for chunk in response.iter_bytes():
                        writer.write(chunk)

        try:
            return await start_stream(self.executor, produce, timeout_s)
        except StoreError as exc:
            raise _http_error(exc, timeout_s) from None

    def _convert(self, body: bytes, media: str, kind: Kind, fmt: Format, writer: ChunkWriter) -> None:
        """Re-serialise a result the store sent in another format (or as N-Triples, to count rows)."""
        if kind == "graph":
            serialize(self.remote.graph_result(body, media), writer, fmt.oxi)
        else:
            source = next((f.oxi for f in RESULT_FORMATS if f.media_type == media), None)
            if source is None:
                raise StoreError(f"the store answered a query as {media!r}, which kg cannot read")
            result = parse_query_results(valid_bnodes(body) if source == QueryResultsFormat.JSON else body, source)
            if kind == "boolean" and isinstance(result, QuerySolutions):
                writer.write(_boolean(answer(result), fmt))
            else:
                result.serialize(writer, fmt.oxi)

    async def update(self, sparql: str, *, base_iri: str | None) -> None:
        if not self.writable:
            raise PermissionError("this store is open read-only")

        def run() -> None:
            try:
                self.remote.update(_with_base(sparql, base_iri), retry=False)
            except StoreRefused as exc:
                if exc.status == 400:
                    raise BadRequest(f"the store rejected the update: {excerpt(exc.body)}") from None
                raise

        await self._run(run)

    async def select(self, sparql: str, *, substitutions: dict[str, Any] | None = None, offset: int = 0,
                     limit: int | None = None) -> tuple[list[str], list[dict[str, Any]]]:
        def run() -> tuple[list[str], list[dict[str, Any]]]:
            result = self._select(_bound(sparql, substitutions))
            return solution_rows(result, offset, limit)

        return await self._run(run)

    def _select(self, sparql: str) -> QuerySolutions | QueryBoolean:
        try:
            return self.remote.select(sparql)
        except StoreRefused as exc:
            if exc.status == 400:
                raise BadRequest(f"the store rejected the query: {excerpt(exc.body)}") from None
            raise

    async def ask(self, sparql: str, substitutions: dict[str, Any] | None = None) -> bool:
        def run() -> bool:
            return answer(self._select(_bound(sparql, substitutions)))

        return await self._run(run)

    # ---- resources -----------------------------------------------------------------------------------------

    def _about(self, iri: str, incoming: int) -> tuple[list[Quad], list[Quad]]:
        """Every quad with `iri` as subject in the live named graphs (not kg's build manifest and staging graphs,
        `urn:x-jpow-kg:…`), and at most `incoming` quads with `iri` as object."""
        node = NamedNode(iri)
        outgoing = [Quad(node, r["p"], r["o"], r["g"]) for r in self.remote.all_rows(
            "?p ?o ?g", f"GRAPH ?g {{ {node} ?p ?o }} {LIVE_ONLY}")]
        linking = [Quad(r["s"], r["p"], node, r["g"]) for r in self.remote.rows(
            f"SELECT ?s ?p ?g WHERE {{ GRAPH ?g {{ ?s ?p {node} }} {LIVE_ONLY} }} LIMIT {incoming}")] if incoming else []
        return outgoing, linking

    def _outgoing(self, iris: list[str]) -> list[Quad]:
        """The outgoing quads of several IRIs, 100 IRIs a request."""
        found: list[Quad] = []
        for i in range(0, len(iris), 100):
            values = " ".join(str(NamedNode(iri)) for iri in iris[i:i + 100])
            found += [Quad(r["s"], r["p"], r["o"], r["g"]) for r in self.remote.all_rows(
                "?s ?p ?o ?g", f"VALUES ?s {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} {LIVE_ONLY}")]
        return found

    async def entity(self, iri: str, *, incoming: int, label_predicates: list[str]) -> EntityQuads:
        return await self._run(lambda: collect(iri, incoming, label_predicates, self._about, self._outgoing))

    async def has_subject(self, iri: str) -> bool:
        return await self._run(lambda: self.remote.ask(query_file(QUERIES / "subject_exists.rq", subject=NamedNode(iri))))

    # ---- Graph Store Protocol ------------------------------------------------------------------------------

    async def graph_exists(self, iri: str | None) -> bool:
        if iri is None:
            return True
        return await self._run(lambda: self.remote.ask(query_file(QUERIES / "graph_has_triples.rq", graph=NamedNode(iri))))

    async def graph_stream(self, iri: str | None, fmt: Format, timeout_s: float | None) -> Stream:
        graph = DefaultGraph() if iri is None else NamedNode(iri)
        where = "?s ?p ?o" if iri is None else f"GRAPH {graph} {{ ?s ?p ?o }}"

        def produce(control: StreamControl) -> None:
            rows = self.remote.all_rows("?s ?p ?o", where)
            control.put(("start", ResultMeta("graph", fmt)))
            writer = ChunkWriter(control, None, None)
            if fmt.is_dataset:
                serialize((Quad(r["s"], r["p"], r["o"], graph) for r in rows), writer, fmt.oxi)
            else:
                serialize((Triple(r["s"], r["p"], r["o"]) for r in rows), writer, fmt.oxi)

        try:
            return await start_stream(self.executor, produce, timeout_s)
        except StoreError as exc:
            raise _http_error(exc, timeout_s) from None

    def _body(self, payloads: list[tuple[bytes, RdfFormat]], base_iri: str) -> bytes:
        triples: list[Triple] = []
        for data, rdf_format in payloads:
            try:
                triples += [q.triple if isinstance(q, Quad) else q
                            for q in parse(data, rdf_format, base_iri=base_iri, without_named_graphs=True)]
            except SyntaxError as exc:
                raise BadRequest(f"the {rdf_format.name} payload does not parse: {exc}") from None
        return ntriples(triples)

    def _graph_write(self, method: str, iri: str | None, body: bytes) -> bool:
        if not self.writable:
            raise PermissionError("this store is open read-only")
        response = self.remote.gsp(method, iri, body=body)
        response.close()
        return response.status_code == 201

    async def graph_put(self, iri: str | None, payloads: list[tuple[bytes, RdfFormat]], base_iri: str) -> bool:
        return await self._run(lambda: self._graph_write("PUT", iri, self._body(payloads, base_iri)))

    async def graph_post(self, iri: str | None, payloads: list[tuple[bytes, RdfFormat]], base_iri: str) -> bool:
        return await self._run(lambda: self._graph_write("POST", iri, self._body(payloads, base_iri)))

    async def graph_delete(self, iri: str | None) -> bool:
        def run() -> bool:
            if not self.writable:
                raise PermissionError("this store is open read-only")
            if iri is None:
                self.remote.update("CLEAR SILENT DEFAULT")
                return True
            if not self.remote.ask(query_file(QUERIES / "graph_has_triples.rq", graph=NamedNode(iri))):
                return False
            self.remote.update(f"DROP SILENT GRAPH {NamedNode(iri)}")
            return True

        return await self._run(run)


def _http_error(exc: StoreError, timeout_s: float | None) -> Exception:
    """How a store failure reaches the web client: the store's own 400 as a 400, our deadline as the embedded
    store's timeout (503), a row cap as 503, anything else as 502 Bad Gateway (details in the server log only:
    they name internal URLs)."""
    log.warning("remote store: %s", exc)
    if isinstance(exc, StoreRefused) and exc.status == 400:
        return BadRequest(f"the store rejected the query: {excerpt(exc.body)}")
    if isinstance(exc, StoreTimeout) and timeout_s:
        return QueryTimeout(timeout_s)
    if isinstance(exc, StoreTruncated):
        return HTTPException(503, f"{exc}")
    if isinstance(exc, StoreTimeout):
        return HTTPException(504, "the SPARQL store behind this server did not answer in time; try again later")
    return HTTPException(502, "the SPARQL store behind this server failed or is unreachable; try again later")

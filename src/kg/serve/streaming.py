"""Run blocking producers (pyoxigraph query + serialisation) in a worker thread and stream their bytes.

pyoxigraph results must be consumed on the thread that created them, and it holds the GIL while evaluating:
so one worker thread evaluates *and* serialises, writing into a `ChunkWriter` that coalesces bytes into
~64 KiB chunks and hands them to the event loop through a bounded `asyncio.Queue` (back-pressure keeps
memory flat for any result size). The writer also enforces the deadline and the row cap between chunks.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import io
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

CHUNK_BYTES = 64 * 1024
QUEUE_CHUNKS = 8
STALL_SECONDS = 120.0  # a consumer that takes no chunk for this long is gone (e.g. never started reading)


class QueryTimeout(Exception):
    def __init__(self, seconds: float) -> None:
        super().__init__(
            f"the query ran longer than the time limit of {seconds:g} s; narrow it down (add LIMIT, more specific "
            "patterns) or ask the operator to raise KG_QUERY_TIMEOUT"
        )


class RowCapExceeded(Exception):
    def __init__(self, cap: int) -> None:
        super().__init__(
            f"the result has more than {cap} rows, the row cap of this server; add LIMIT/OFFSET to page "
            "through it, or ask the operator to raise KG_ROW_CAP"
        )


class Cancelled(Exception):
    """The client went away: stop producing."""


class RowCounter:
    """Counts result rows in serialised SELECT output, chunk by chunk, without parsing it.

    XML counts `<result>` tags; TSV counts lines (newlines inside literals are escaped); CSV counts line ends
    outside quoted fields; JSON counts row boundaries `}},{"` / `{},{"`, which cannot occur inside a JSON string
    (a quote there is escaped). JSON rows with no bound variable following each other are not counted, so the
    cap can only be hit later than exact, never earlier.
    """

    def __init__(self, fmt_name: str) -> None:
        self.fmt = fmt_name
        self.rows = 0
        self._tail = b""
        self._in_quote = False
        self._lines = 0
        self._seen_first = False
        self._head = b""

    def feed(self, chunk: bytes) -> int:
        if self.fmt == "xml":
            self.rows += self._count((b"<result>",), chunk)
        elif self.fmt == "tsv":
            self._lines += chunk.count(b"\n")
            self.rows = max(0, self._lines - 1)
        elif self.fmt == "csv":
            parts = chunk.split(b'"')
            for i, part in enumerate(parts):
                if i > 0:
                    self._in_quote = not self._in_quote
                if not self._in_quote:
                    self._lines += part.count(b"\n")
            self.rows = max(0, self._lines - 1)
        elif self.fmt == "json":
            if not self._seen_first:
                window = self._head + chunk
                if b'"bindings":[{' in window:
                    self._seen_first = True
                    self.rows += 1
                self._head = window[-12:]
            self.rows += self._count((b'}},{"', b'{},{"'), chunk)
        return self.rows

    def _count(self, patterns: tuple[bytes, ...], chunk: bytes) -> int:
        window = self._tail + chunk
        n = sum(window.count(p) for p in patterns)
        keep = max(len(p) for p in patterns) - 1  # shorter than a match: none is counted twice
        self._tail = window[-keep:]
        return n


@dataclass
class StreamControl:
    """Shared between the worker thread and the event loop."""

    loop: asyncio.AbstractEventLoop
    queue: asyncio.Queue[Any]
    deadline: float | None
    timeout_s: float | None
    cancelled: bool = False

    def put(self, item: Any) -> None:
        """Blocking put from the worker thread; gives up when the client has gone."""
        fut = asyncio.run_coroutine_threadsafe(self.queue.put(item), self.loop)
        waited = 0.0
        while True:
            try:
                fut.result(timeout=0.5)
                return
            except concurrent.futures.TimeoutError:
                waited += 0.5
                if self.cancelled or waited >= STALL_SECONDS:
                    self.cancelled = True
                    fut.cancel()
                    raise Cancelled() from None

    def check(self) -> None:
        if self.cancelled:
            raise Cancelled()
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise QueryTimeout(self.timeout_s or 0)


class ChunkWriter(io.RawIOBase):
    """A binary file object for pyoxigraph's `serialize`: coalesces, counts rows, checks limits."""

    def __init__(self, control: StreamControl, counter: RowCounter | None, row_cap: int | None) -> None:
        super().__init__()
        self.control = control
        self.counter = counter
        self.row_cap = row_cap
        self.buffer = bytearray()
        self.bytes_written = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:  # type: ignore[override]
        chunk = bytes(data)
        self.control.check()
        if self.counter is not None and self.row_cap is not None:
            if self.counter.feed(chunk) > self.row_cap:
                raise RowCapExceeded(self.row_cap)
        self.buffer += chunk
        if len(self.buffer) >= CHUNK_BYTES:
            self.flush_chunk()
        return len(chunk)

    def flush_chunk(self) -> None:
        if self.buffer:
            self.bytes_written += len(self.buffer)
            self.control.put(("data", bytes(self.buffer)))
            self.buffer.clear()


@dataclass
class Stream:
    """A started result: what it is, and its bytes. `first` was read before headers were sent, so errors and
    timeouts that happen before the first chunk still become a proper HTTP status."""

    meta: Any
    control: StreamControl
    first: list[bytes] = field(default_factory=list)
    done: bool = False

    async def body(self) -> AsyncIterator[bytes]:
        try:
            for chunk in self.first:
                yield chunk
            while not self.done:
                kind, payload = await self.control.queue.get()
                if kind == "data":
                    yield payload
                elif kind == "end":
                    self.done = True
                elif kind == "error":
                    self.done = True
                    raise payload
        finally:
            self.control.cancelled = True


async def start_stream(
    executor: concurrent.futures.Executor,
    produce: Callable[[StreamControl], None],
    timeout_s: float | None,
) -> Stream:
    """Run `produce(control)` in the executor. It must `control.put(("start", meta))` once it knows what it
    returns, then data via a ChunkWriter. Returns after the start message and the first chunk (or the end),
    raising the producer's exception or QueryTimeout if either comes first."""
    loop = asyncio.get_running_loop()
    deadline = time.monotonic() + timeout_s if timeout_s else None
    control = StreamControl(loop, asyncio.Queue(maxsize=QUEUE_CHUNKS), deadline, timeout_s)

    def run() -> None:
        try:
            produce(control)
            control.put(("end", None))
        except Cancelled:
            pass
        except BaseException as exc:  # noqa: BLE001 - forwarded to the event loop as is
            try:
                control.put(("error", exc))
            except Cancelled:
                pass

    loop.run_in_executor(executor, run)

    async def next_item() -> tuple[str, Any]:
        remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
        try:
            return await asyncio.wait_for(control.queue.get(), remaining)
        except TimeoutError:
            control.cancelled = True
            raise QueryTimeout(timeout_s or 0) from None

    kind, payload = await next_item()
    if kind == "error":
        raise payload
    stream = Stream(meta=payload, control=control)
    kind, payload = await next_item()
    if kind == "error":
        control.cancelled = True
        raise payload
    if kind == "end":
        stream.done = True
    else:
        stream.first.append(payload)
    return stream

"""Run blocking producers (pyoxigraph query + serialisation) in a worker thread and stream their bytes.

pyoxigraph results must be consumed on the thread that created them, and it holds the GIL while evaluating:
so one worker thread evaluates *and* serialises, writing into a `ChunkWriter` that coalesces bytes into
~64 KiB chunks and hands them to the event loop through an `asyncio.Queue` of at most `QUEUE_CHUNKS` items
(back-pressure keeps memory flat for any result size). The writer also enforces the deadline and the row cap
between chunks.

The worker waits for the event loop only when the queue is full: a thread semaphore counts the free places,
and an item is handed over with `call_soon_threadsafe`. The writer's last bytes travel with the end of the
stream (one `last` item), so a result that fits in one chunk is complete when `start_stream` returns and is
sent as a plain response, without the machinery of a streamed one (a point lookup spent most of its time
there: bench/results.md).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import io
import threading
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from starlette.responses import Response, StreamingResponse

from kg.serve.errors import QueryTimeout, RowCapExceeded
from kg.serve.rows import RowCounter

CHUNK_BYTES = 64 * 1024
QUEUE_CHUNKS = 8
STALL_SECONDS = 120.0  # a consumer that takes no chunk for this long is gone (e.g. never started reading)


class Cancelled(Exception):
    """The client went away: stop producing."""


@dataclass
class StreamControl:
    """Shared between the worker thread and the event loop."""

    loop: asyncio.AbstractEventLoop
    queue: asyncio.Queue[Any]
    deadline: float | None
    timeout_s: float | None
    cancelled: bool = False
    free: threading.Semaphore = field(default_factory=lambda: threading.Semaphore(QUEUE_CHUNKS))
    writer: "ChunkWriter | None" = None  # the producer's writer, whose last bytes go with the end

    def put(self, item: Any) -> None:
        """Put from the worker thread: at once while the queue has room, else wait for the consumer; gives up
        when the client has gone."""
        waited = 0.0
        while not self.free.acquire(timeout=0.5):
            waited += 0.5
            if self.cancelled or waited >= STALL_SECONDS:
                self.cancelled = True
                raise Cancelled()
        if self.cancelled:
            raise Cancelled()
        try:
            self.loop.call_soon_threadsafe(self.queue.put_nowait, item)
        except RuntimeError:  # the event loop is closed: the server is stopping
            self.cancelled = True
            raise Cancelled() from None

    async def get(self) -> tuple[str, Any]:
        """Take the next item on the event loop, freeing its place for the worker."""
        item = await self.queue.get()
        self.free.release()
        return item

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
        control.writer = self
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

    def take_rest(self) -> bytes:
        rest = bytes(self.buffer)
        self.bytes_written += len(rest)
        self.buffer.clear()
        return rest


class ResultStream(Protocol):
    """A started result: what it is (`meta`), the bytes read before the headers went out (`first`), whether
    that was all (`done`), and the rest (`body()`)."""

    meta: Any
    first: list[bytes]
    done: bool

    def body(self) -> AsyncIterator[bytes]: ...


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
                kind, payload = await self.control.get()
                if kind == "data":
                    yield payload
                elif kind == "last":
                    self.done = True
                    if payload:
                        yield payload
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
    returns, then write through a ChunkWriter (whose remaining bytes are sent with the end). Returns after the
    start message and the first chunk (or the whole result: then `stream.done`), raising the producer's
    exception or QueryTimeout if either comes first."""
    loop = asyncio.get_running_loop()
    deadline = time.monotonic() + timeout_s if timeout_s else None
    control = StreamControl(loop, asyncio.Queue(), deadline, timeout_s)  # bounded by control.free

    def run() -> None:
        try:
            produce(control)
            control.put(("last", control.writer.take_rest() if control.writer is not None else b""))
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
            return await asyncio.wait_for(control.get(), remaining)
        except TimeoutError:
            control.cancelled = True
            raise QueryTimeout(timeout_s or 0) from None

    try:
        kind, payload = await next_item()
        if kind == "error":
            raise payload
        stream = Stream(meta=payload, control=control)
        kind, payload = await next_item()
        if kind == "error":
            raise payload
    except BaseException:  # an error, a timeout, or the request cancelled (the client went away): stop the worker
        control.cancelled = True
        raise
    if kind == "last":
        stream.done = True
    if payload:
        stream.first.append(payload)
    return stream


def stream_response(stream: ResultStream, media_type: str, headers: dict[str, str]) -> Response:
    """A result that came whole in its first chunk as a plain response (with a Content-Length); a longer one
    streamed."""
    if stream.done:
        return Response(b"".join(stream.first), media_type=media_type, headers=headers)
    return StreamingResponse(stream.body(), media_type=media_type, headers=headers)

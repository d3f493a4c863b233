"""The hand-over between a query's worker thread and the event loop (kg.serve.streaming), on its own."""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
import time

from kg.serve.streaming import Cancelled, ChunkWriter, StreamControl, start_stream


def test_a_request_cancelled_before_the_first_chunk_stops_its_worker_at_once() -> None:
    """A client that goes away while a long query runs must free the worker thread, not hold it for minutes."""
    stopped = threading.Event()

    def produce(control: StreamControl) -> None:
        control.put(("start", "meta"))
        give_up = time.monotonic() + 10  # so that a failing run ends too
        try:
            while time.monotonic() < give_up:  # a long evaluation that checks, between steps, whether anyone waits
                time.sleep(0.01)
                control.check()
        except Cancelled:
            stopped.set()
            raise

    async def main() -> None:
        pool = concurrent.futures.ThreadPoolExecutor(1)
        try:
            task = asyncio.create_task(start_stream(pool, produce, timeout_s=None))
            await asyncio.sleep(0.2)
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            assert await asyncio.to_thread(stopped.wait, 5), "the worker kept running after the request was cancelled"
        finally:
            pool.shutdown(wait=False)

    asyncio.run(main())


def test_a_small_result_arrives_whole_and_a_large_one_in_bounded_chunks() -> None:
    def produce(size: int):
        def run(control: StreamControl) -> None:
            control.put(("start", "meta"))
            writer = ChunkWriter(control, None, None)
            for _ in range(size):
                writer.write(b"x" * 1000)
        return run

    async def main() -> None:
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            small = await start_stream(pool, produce(3), timeout_s=None)
            assert small.done and small.first == [b"x" * 3000]
            large = await start_stream(pool, produce(2000), timeout_s=None)
            assert not large.done
            chunks = [chunk async for chunk in large.body()]
            assert sum(map(len, chunks)) == 2_000_000 and max(map(len, chunks)) < 70 * 1024

    asyncio.run(main())

"""Stop waiting for a result when its client has gone: the job's worker is then killed, not left running."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import TypeVar

from starlette.types import Receive

T = TypeVar("T")

WATCH_AFTER_S = 0.05  # most answers come sooner: only a slower one gets a watcher (a task costs the hot path)


class ClientGone(Exception):
    """The client closed the connection before the answer began."""


async def unless_disconnected(receive: Receive, awaitable: Awaitable[T]) -> T:
    """`awaitable`'s result, or ClientGone (with `awaitable` cancelled) when the client leaves first. Use it
    once the request body has been read."""
    loop = asyncio.get_running_loop()
    current = asyncio.current_task()
    assert current is not None
    gone = False
    watcher: asyncio.Task[None] | None = None

    async def watch() -> None:
        nonlocal gone
        while (await receive())["type"] != "http.disconnect":
            pass
        gone = True
        current.cancel()

    def start() -> None:
        nonlocal watcher
        watcher = loop.create_task(watch())

    handle = loop.call_later(WATCH_AFTER_S, start)
    try:
        return await awaitable
    except asyncio.CancelledError:
        if gone:
            current.uncancel()
            raise ClientGone() from None
        raise
    finally:
        handle.cancel()
        if watcher is not None:
            watcher.cancel()

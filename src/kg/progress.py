"""Progress on long steps, written to stderr so that stdout stays machine-readable."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def counted(items: Iterable[T], what: str, every: int = 200_000, quiet: bool = False) -> Iterator[T]:
    """Pass items through, reporting the count and rate every `every` items and at the end."""
    start = time.monotonic()
    n = 0
    for n, item in enumerate(items, 1):
        if not quiet and n % every == 0:
            rate = n / max(time.monotonic() - start, 1e-9)
            print(f"  … {n:,} {what} ({rate:,.0f}/s)", file=sys.stderr, flush=True)
        yield item
    if not quiet:
        print(f"  {n:,} {what} in {time.monotonic() - start:.1f} s", file=sys.stderr, flush=True)


def step(message: str, quiet: bool = False) -> None:
    if not quiet:
        print(message, file=sys.stderr, flush=True)

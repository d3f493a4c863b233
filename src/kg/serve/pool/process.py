"""One query worker process as the web process sees it: its socket, and what the supervisor does to it (kill,
hold with SIGSTOP, read its memory and CPU from /proc)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import time

from kg.serve.errors import Unavailable

PAGE = os.sysconf("SC_PAGE_SIZE")
TICKS = os.sysconf("SC_CLK_TCK")


class Worker:
    """One worker process and its socket."""

    def __init__(self, process: subprocess.Popen[bytes], reader: asyncio.StreamReader,
                 writer: asyncio.StreamWriter) -> None:
        self.process = process
        self.reader = reader
        self.writer = writer
        self.kill_reason: Unavailable | None = None
        self.heavy = False
        self.held = False  # stopped (SIGSTOP) while other heavy jobs run
        self.idle_since = time.monotonic()

    @property
    def pid(self) -> int:
        return self.process.pid

    def kill(self, reason: Unavailable | None = None) -> None:
        if self.kill_reason is None:
            self.kill_reason = reason
        try:
            self.process.kill()
        except ProcessLookupError:
            pass
        self.writer.close()

    def hold(self, held: bool) -> None:
        if held != self.held:
            try:
                os.kill(self.pid, signal.SIGSTOP if held else signal.SIGCONT)
            except ProcessLookupError:
                return
            self.held = held

    def rss_mb(self) -> float:
        try:
            with open(f"/proc/{self.pid}/statm", "rb") as f:
                return int(f.read().split()[1]) * PAGE / 2**20
        except (OSError, IndexError, ValueError):
            return 0.0

    def cpu_s(self) -> float:
        """CPU seconds the process has used (user + system)."""
        try:
            with open(f"/proc/{self.pid}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / TICKS
        except (OSError, IndexError, ValueError):
            return 0.0

"""The web process's side of the query workers: start them, lend one per job, watch and kill them.

A `Lease` is one job on one worker. The supervisor's watch loop (every `TICK_S`) kills a worker whose job
passed its deadline or its memory ceiling (the job's reader then sees the socket close and raises the reason
as an exception), lowers the CPU priority of one whose job turned heavy, and holds (SIGSTOP) the heavy jobs
beyond the heavy limits until older ones end. A job whose request goes away (client gone, task cancelled) is
killed the same way. A killed or used-up worker is replaced in the background; the others go on.
"""

from __future__ import annotations

import asyncio
import collections
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from kg.serve.errors import BadRequest, MemoryCeiling, Overloaded, QueryTimeout, RowCapExceeded, WorkerLost
from kg.serve.pool import frames
from kg.serve.pool.jobs import NO_FORMAT, ROW_CAP, Job
from kg.serve.pool.limits import PoolLimits
from kg.serve.pool.process import Worker

TICK_S = 0.05
START_TIMEOUT_S = 60.0
HEAVY_NICE = 19  # the lowest CPU priority: a heavy query runs on what fresh ones leave
HEAVY_CPU_SHARE = 0.1
GROW_AFTER_S = 0.02  # a request that has waited this long for a worker gets one started for it
MAX_STARTING = 2
WORKER_NICE = 5  # below the web process, which keeps answering and handing out work however many queries run
# Lower the priority first, so that even starting a worker (imports: ~0.15 s of CPU) yields to the web process.
LAUNCH = f"import os, runpy; os.nice({WORKER_NICE}); runpy.run_module('kg.serve.pool.worker', run_name='__main__')"
IDLE_RETIRE_S = 30.0  # idle workers beyond the warm ones are stopped after this long


class NoFormat(Exception):
    """The worker found the query's kind of result (the message) has no format the client accepts."""


class StoreUnavailable(RuntimeError):
    """A worker could not open the store (missing, not a store): the server cannot start."""


class Lease:
    """One job on one worker, from `Supervisor.lease` until `release()` (done) or `abort()` (stop it)."""

    def __init__(self, supervisor: "Supervisor", worker: Worker, client: str, timeout_s: float | None) -> None:
        self.supervisor = supervisor
        self.worker = worker
        self.client = client
        self.started = time.monotonic()
        self.deadline = self.started + timeout_s if timeout_s else None
        self.timeout_s = timeout_s
        self.finished = False
        self.cpu_at_start: float | None = None  # the worker's CPU time when the watch loop first saw the job

    def send(self, job: Job) -> None:
        frames.write(self.worker.writer, frames.JOB, job)

    async def next(self) -> tuple[bytes, bytes]:
        """The next frame; a worker error frame as an exception; the kill reason when the worker was stopped."""
        try:
            kind, payload = await frames.read(self.worker.reader)
        except (asyncio.IncompleteReadError, ConnectionError):
            self.abort()
            raise self.worker.kill_reason or WorkerLost() from None
        if kind == frames.ERROR:
            self.release()
            error, message = frames.load(payload)
            if error == ROW_CAP:
                raise RowCapExceeded(int(message))
            if error == NO_FORMAT:
                raise NoFormat(message)
            raise BadRequest(message)
        if kind in (frames.RESULT, frames.END):
            self.release()
        return kind, payload

    def release(self) -> None:
        if not self.finished:
            self.finished = True
            self.supervisor._give_back(self)

    def abort(self) -> None:
        """Stop the job whatever it is doing (its request has gone or failed)."""
        if not self.finished:
            self.worker.kill()
            self.release()


class Supervisor:
    """The pool of query workers over one store (see `PoolLimits` for the rules)."""

    def __init__(self, store_path: Path, limits: PoolLimits) -> None:
        self.store_path = Path(store_path)
        self.limits = limits
        self.idle: list[Worker] = []
        self.leases: set[Lease] = set()
        self.waiting: collections.deque[tuple[str, asyncio.Future[None]]] = collections.deque()  # for a slot
        self.idle_waiters: collections.deque[asyncio.Future[Worker]] = collections.deque()  # slot held, for a worker
        self.starting = 0
        self.reserved = 0  # slots kept for waiters that were let in but have not taken their worker yet
        self.paused = False  # a write is on: no new jobs
        self._resumed = asyncio.Event()
        self._resumed.set()
        self._watch: asyncio.Task[None] | None = None
        self._spawns: set[asyncio.Task[Any]] = set()
        self.closed = False

    # ---- life cycle ---------------------------------------------------------------------------------------

    async def start(self) -> None:
        await self._start_warm()
        self._watch = asyncio.create_task(self._watch_loop())

    async def _start_warm(self) -> None:
        """Start the warm workers and wait for them (at start, and after a write)."""
        self.idle.extend(await asyncio.gather(*(self._spawn() for _ in range(max(1, self.limits.warm)))))

    async def close(self) -> None:
        self.closed = True
        if self._watch is not None:
            self._watch.cancel()
        for task in list(self._spawns):
            task.cancel()
        workers = self.idle + [lease.worker for lease in self.leases if lease.worker is not None]
        for worker in workers:
            worker.kill()
        for worker in workers:
            worker.process.wait()
        self.idle.clear()
        for waiter in [w for _, w in self.waiting] + list(self.idle_waiters):
            if not waiter.done():
                waiter.set_exception(Overloaded("the server is stopping"))

    async def _spawn(self) -> Worker:
        parent, child = socket.socketpair()
        try:
            process = subprocess.Popen(
                [sys.executable, "-c", LAUNCH, str(child.fileno()), str(self.store_path)],
                pass_fds=(child.fileno(),),
                stdin=subprocess.DEVNULL,
            )
        finally:
            child.close()
        reader, writer = await asyncio.open_unix_connection(sock=parent, limit=2**20)
        worker = Worker(process, reader, writer)
        try:
            kind, payload = await asyncio.wait_for(frames.read(reader), START_TIMEOUT_S)
        except (asyncio.IncompleteReadError, ConnectionError, TimeoutError):
            worker.kill()
            raise StoreUnavailable(f"a query worker did not start over {self.store_path}") from None
        if kind != frames.READY:
            worker.kill()
            raise StoreUnavailable(frames.load(payload)[1])
        return worker

    def _room(self) -> bool:
        return (not self.closed and not self.paused
                and len(self.leases) + len(self.idle) + self.starting < self.limits.running + self.limits.warm)

    def _grow(self) -> None:
        """Start one worker in the background."""
        self.starting += 1
        task = asyncio.create_task(self._spawn())
        self._spawns.add(task)
        task.add_done_callback(self._spawned)

    def _grow_for(self, waiter: asyncio.Future[Worker]) -> None:
        """A request still waits for a worker: start one (a burst of short queries is served by the workers
        as they come back, without starting a process for each request). At most MAX_STARTING start at once:
        a start costs ~0.15 s of CPU, and a storm of them would starve the web process."""
        if waiter.done() or not self._room():
            return
        if self.starting >= MAX_STARTING:
            asyncio.get_running_loop().call_later(GROW_AFTER_S, self._grow_for, waiter)
            return
        self._grow()

    def _replenish(self) -> None:
        """Start workers in the background until `warm` are idle or starting (within the process limit)."""
        while len(self.idle) + self.starting < self.limits.warm and self._room():
            self._grow()

    def _spawned(self, task: asyncio.Task[Worker]) -> None:
        self._spawns.discard(task)
        self.starting -= 1
        if task.cancelled():
            return
        if task.exception() is not None:
            while self.idle_waiters:  # nobody else may bring them a worker
                waiter = self.idle_waiters.popleft()
                if not waiter.done():
                    waiter.set_exception(WorkerLost())
                    break
            return
        worker = task.result()
        if self.closed or self.paused:
            worker.kill()
        else:
            self._park(worker)

    def _park(self, worker: Worker) -> None:
        """A worker ready for a job: to the first request waiting for one, else to the idle list."""
        while self.idle_waiters:
            waiter = self.idle_waiters.popleft()
            if not waiter.done():
                waiter.set_result(worker)
                return
        worker.idle_since = time.monotonic()
        self.idle.append(worker)

    # ---- admission ----------------------------------------------------------------------------------------

    def _running(self, client: str) -> int:
        return sum(1 for lease in self.leases if lease.client == client)

    async def lease(self, client: str, timeout_s: float | None) -> Lease:
        """A worker for one job of `client` (an address), or Overloaded when the server is full."""
        if self.closed:
            raise Overloaded("the server is stopping")
        await self._resumed.wait()
        if self._running(client) >= self.limits.client_running:
            raise Overloaded(
                f"your address already has {self.limits.client_running} queries running, this server's limit per "
                "client; wait for them to finish"
            )
        if not self.waiting and len(self.leases) + self.reserved < self.limits.running:
            return await self._take(client, timeout_s)
        if len(self.waiting) >= self.limits.queue:
            raise Overloaded("the server is busy: every query worker is taken and the queue is full; retry later")
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        entry = (client, waiter)
        self.waiting.append(entry)
        try:
            await asyncio.wait_for(asyncio.shield(waiter), self.limits.queue_wait_s)
        except BaseException as exc:  # timed out, the request cancelled, or the server stopping
            if entry in self.waiting:
                self.waiting.remove(entry)
            elif waiter.done() and not waiter.cancelled() and waiter.exception() is None:
                self.reserved -= 1  # a slot was kept for us: hand it on
                self._wake()
            if isinstance(exc, TimeoutError):
                raise Overloaded(
                    f"the server is busy: no query worker came free within {self.limits.queue_wait_s:g} s; retry later"
                ) from None
            raise
        self.reserved -= 1
        return await self._take(client, timeout_s)

    async def _take(self, client: str, timeout_s: float | None) -> Lease:
        """An idle worker; else the first of: a worker given back, a new one started for this request."""
        placeholder = Lease(self, None, client, timeout_s)  # type: ignore[arg-type]  # holds the slot meanwhile
        self.leases.add(placeholder)
        try:
            if self.idle:
                worker = self.idle.pop()
            else:
                waiter: asyncio.Future[Worker] = asyncio.get_running_loop().create_future()
                self.idle_waiters.append(waiter)
                asyncio.get_running_loop().call_later(GROW_AFTER_S, self._grow_for, waiter)
                try:
                    worker = await waiter
                except BaseException:
                    if waiter.done() and not waiter.cancelled() and waiter.exception() is None:
                        self._park(waiter.result())  # handed over just as we left
                    elif waiter in self.idle_waiters:
                        self.idle_waiters.remove(waiter)
                    raise
        except BaseException:
            self.leases.discard(placeholder)
            self._wake()
            raise
        self.leases.discard(placeholder)
        lease = Lease(self, worker, client, timeout_s)
        self.leases.add(lease)
        self._replenish()
        return lease

    def _give_back(self, lease: Lease) -> None:
        self.leases.discard(lease)
        worker = lease.worker
        # A heavy worker's priority was lowered, which only a privileged process can undo: it is not reused.
        if (worker.kill_reason is not None or worker.writer.is_closing() or worker.heavy or self.paused
                or self.closed):
            worker.kill()
        else:
            self._park(worker)
        self._replenish()
        self._wake()

    def _wake(self) -> None:
        """Let waiters in, first come first served, while slots are free (each keeps its slot reserved)."""
        while self.waiting and len(self.leases) + self.reserved < self.limits.running:
            client, waiter = self.waiting.popleft()
            if not waiter.done():
                self.reserved += 1
                waiter.set_result(None)

    # ---- watching -----------------------------------------------------------------------------------------

    async def _watch_loop(self) -> None:
        while True:
            await asyncio.sleep(TICK_S)
            self.check()

    def check(self) -> None:
        """Enforce deadlines and memory ceilings; lower the CPU priority of heavy jobs, and hold (SIGSTOP) the
        heavy jobs beyond the heavy limits until older ones end (SIGCONT, oldest first)."""
        now = time.monotonic()
        limits = self.limits
        active = sorted((lease for lease in self.leases if lease.worker is not None and not lease.finished
                         and lease.worker.kill_reason is None), key=lambda lease: lease.started)
        for lease in active:
            worker = lease.worker
            cpu = self._cpu_used(lease)
            if lease.deadline is not None and now >= lease.deadline:
                worker.kill(QueryTimeout(lease.timeout_s or 0))
                lease.release()  # its reader, if any, still gets the reason; a stream never read is freed too
            elif limits.memory_mb and worker.rss_mb() > limits.memory_mb:
                worker.kill(MemoryCeiling(limits.memory_mb))
                lease.release()
            elif (not worker.heavy and now - lease.started >= limits.heavy_after_s
                  and cpu >= limits.heavy_after_s * HEAVY_CPU_SHARE):
                worker.heavy = True
                try:
                    os.setpriority(os.PRIO_PROCESS, worker.pid, HEAVY_NICE)
                except OSError:
                    pass
        self._retire_idle(now)
        running = 0
        by_client: collections.Counter[str] = collections.Counter()
        for lease in active:
            worker = lease.worker
            if not worker.heavy or worker.kill_reason is not None:
                continue
            may_run = running < limits.heavy and by_client[lease.client] < limits.client_heavy
            if may_run:
                running += 1
                by_client[lease.client] += 1
            worker.hold(not may_run)

    @staticmethod
    def _cpu_used(lease: Lease) -> float:
        """CPU seconds the job has used since the watch loop first saw it. A query is heavy once it has run
        `heavy_after_s` *and* worked for a tenth of that: a short query that only waited for the CPU behind
        others is not mistaken for a long one."""
        used = lease.worker.cpu_s()
        if lease.cpu_at_start is None:
            lease.cpu_at_start = used
        return used - lease.cpu_at_start

    def _retire_idle(self, now: float) -> None:
        """Stop the idle workers beyond the warm ones that have waited IDLE_RETIRE_S (a burst leaves many)."""
        while len(self.idle) > self.limits.warm and now - self.idle[0].idle_since > IDLE_RETIRE_S:
            self.idle.pop(0).kill()

    # ---- writes -------------------------------------------------------------------------------------------

    async def pause(self) -> None:
        """Before a write: stop handing out workers, let running jobs end, close every reader of the store
        (a read-only open while another process writes is undefined in RocksDB)."""
        self._resumed.clear()
        self.paused = True
        while self.leases or self.starting:
            await asyncio.sleep(TICK_S)
        for worker in self.idle:
            worker.kill()
        for worker in self.idle:
            await asyncio.get_running_loop().run_in_executor(None, worker.process.wait)
        self.idle.clear()

    async def resume(self) -> None:
        """After a write (flushed): fresh workers open the store as it now is."""
        self.paused = False
        try:
            await self._start_warm()
        finally:
            self._resumed.set()
            self._wake()

    def status(self) -> dict[str, int]:
        return {
            "running": len(self.leases),
            "heavy": sum(1 for lease in self.leases if lease.worker is not None and lease.worker.heavy),
            "held": sum(1 for lease in self.leases if lease.worker is not None and lease.worker.held),
            "waiting": len(self.waiting),
            "idle": len(self.idle),
            "limit": self.limits.running,
        }

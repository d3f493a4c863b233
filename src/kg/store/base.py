"""The store interface: where `kg build` publishes a validated build, embedded or remote.

Both implementations hand the pipeline a pyoxigraph `Store` to fill and validate, and make it what readers
see only when the block exits normally; on an error the previous build stays as it was.

- embedded (default): the store is written in a fresh directory, then a symlink switches (`kg.store.embedded`).
- remote (when `KG_STORE_QUERY` is set): the store is a local staging store in a temporary directory; on exit it
  is uploaded and switched in (`kg.store.remote.RemoteStore.publish`).

Reading is not behind this interface: the server reads through its backend (`kg.serve.backend`, with the
remote one in `kg.serve.remote_backend`), which speaks pyoxigraph or the SPARQL protocols.
"""

from __future__ import annotations

import gc
import sys
import tempfile
import traceback
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from pyoxigraph import Store

from kg.config import Settings


@dataclass
class Staging:
    """The store a build fills and validates, and the directory it lives in. The target drops `store` (and
    collects the garbage that may still reference it) before publishing: pyoxigraph has no close(), and an
    on-disk store left open behind the switch keeps RocksDB's background work running under the readers of
    the new build (measured: a read-only open then failed on an SST file deleted under it). So the pipeline
    reads the store as `staging.store` and keeps no reference of its own."""

    store: Store | None
    directory: Path

    def release(self, failure: BaseException | None = None) -> None:
        """Drop the store. After a `failure`, also the locals of the finished frames its traceback holds (the
        store is an argument of many), so that the store is closed before its directory is removed."""
        seen: set[int] = set()
        while failure is not None and id(failure) not in seen:  # the chain too: `raise … from exc` keeps exc
            seen.add(id(failure))
            traceback.clear_frames(failure.__traceback__)
            failure = failure.__cause__ or failure.__context__
        self.store = None
        gc.collect()  # frames of caught exceptions (rdflib, pyshacl) can hold the store in reference cycles


class BuildTarget(Protocol):
    """Where a build goes. `name` is what the build summary reports."""

    name: Path | str

    def staged(self, quiet: bool = True) -> AbstractContextManager[Staging]:
        """A fresh store to fill and validate, and the directory it lives in; published on normal exit."""
        ...


class EmbeddedTarget:
    def __init__(self, path: Path) -> None:
        self.name = path

    def staged(self, quiet: bool = True) -> AbstractContextManager[Staging]:
        from kg.store.embedded import staged_build

        return staged_build(self.name)


class RemoteTarget:
    """A remote SPARQL store: validate locally, then upload and switch (see `kg.store.remote`)."""

    def __init__(self, settings: Settings) -> None:
        from kg.store.remote import RemoteStore

        self.remote = RemoteStore.from_settings(settings)
        self.name = self.remote.describe()

    @contextmanager
    def staged(self, quiet: bool = True) -> Iterator[Staging]:
        try:
            # ignore_cleanup_errors: a staging store still busy must never hide the error that ended the build
            with tempfile.TemporaryDirectory(prefix="kg-remote-build-", ignore_cleanup_errors=True) as tmp:
                staging = Staging(Store(tmp), Path(tmp))
                try:
                    yield staging
                    if not quiet:
                        print(f"Uploading to {self.name}", file=sys.stderr)
                    assert staging.store is not None
                    report = self.remote.publish(staging.store)
                except BaseException as failure:
                    staging.release(failure)  # closed before the temporary directory goes
                    raise
                staging.release()
                if not quiet:
                    print(f"Switched to {report.build}: {report.triples:,} triples in {report.graphs:,} graphs, "
                          f"{report.requests:,} requests, {report.seconds:.1f} s "
                          f"({'atomic' if report.atomic else 'one request, not transactional on this store'})",
                          file=sys.stderr)
        finally:
            self.remote.close()


def build_target(settings: Settings, store_path: Path) -> BuildTarget:
    """The remote store when one is named (KG_STORE_QUERY), else the embedded store at `store_path`."""
    return RemoteTarget(settings) if settings.remote else EmbeddedTarget(store_path)

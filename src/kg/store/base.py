"""The store interface: where `kg build` publishes a validated build, embedded or remote.

Both implementations hand the pipeline a pyoxigraph `Store` to fill and validate, and make it what readers
see only when the block exits normally; on an error the previous build stays as it was.

- embedded (default): the store is written in a fresh directory, then a symlink switches (`kg.store.embedded`).
- remote (when `KG_STORE_QUERY` is set): the store is a local staging store in a temporary directory; on exit it
  is uploaded and switched in (`kg.store.publish`).

Reading is not behind this interface: the server reads through its backend (`kg.serve.backend`, with the
remote one in `kg.serve.remote_backend`), which speaks pyoxigraph or the SPARQL protocols.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Protocol

from pyoxigraph import Store

from kg.config import Settings
from kg.store.embedded import staged_build
from kg.store.publish import publish
from kg.store.remote import RemoteStore
from kg.store.staging import Staging


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
        return staged_build(self.name)


class RemoteTarget:
    """A remote SPARQL store: validate locally, then upload and switch (see `kg.store.remote`)."""

    def __init__(self, settings: Settings) -> None:
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
                    report = publish(self.remote, staging.store)
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

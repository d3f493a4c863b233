"""The store a build fills and validates before it is published (`kg.store.base.BuildTarget.staged`)."""

from __future__ import annotations

import gc
import traceback
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Store


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

"""The embedded store: pyoxigraph on disk, with atomic replacement of a whole build.

Layout: the store path the user names (default `store`) is a symlink to one build directory under
`<path>.builds/`. A build is written and validated in a fresh directory there; only when it is complete and
valid does the symlink switch to it (`os.replace` of a symlink is atomic), so readers and a failed build
never see a half-written store. The previous build is kept, so a server still reading it keeps working;
older ones are removed.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pyoxigraph import Quad, QueryResultsFormat, RdfFormat, Store

from kg.store.staging import Staging

KEEP_BUILDS = 2


class StoreLayoutError(Exception):
    pass


def builds_dir(path: Path) -> Path:
    return path.with_name(path.name + ".builds")


def resolve(path: Path) -> Path:
    """The build directory the store path points to; raises if there is no built store."""
    if not (path / "CURRENT").exists():
        raise FileNotFoundError(f"no store at {path}: run `kg build --store {path}` first, or pass --store PATH to a "
                                "built store")
    return path.resolve()


def open_store(path: Path, read_only: bool = True) -> Store:
    target = resolve(path)
    return Store.read_only(str(target)) if read_only else Store(str(target))


@contextmanager
def staged_build(path: Path) -> Iterator[Staging]:
    """Yield a fresh store in a new build directory; on normal exit make it current, on error delete it. The
    store is released (see `Staging`) before the switch or the deletion."""
    if path.exists() and not path.is_symlink():
        raise StoreLayoutError(
            f"{path} exists and is not a store made by `kg build` (it is not a symlink to a build); "
            "move it away or choose another --store path"
        )
    root = builds_dir(path)
    root.mkdir(parents=True, exist_ok=True)
    now = time.time_ns()
    build = root / f"{time.strftime('%Y%m%dT%H%M%S', time.gmtime(now // 10**9))}.{now % 10**9:09d}-{os.getpid()}"
    staging = Staging(Store(str(build)), build)
    try:
        yield staging
        assert staging.store is not None
        staging.store.flush()
        staging.store.optimize()
    except BaseException as failure:
        staging.release(failure)
        shutil.rmtree(build, ignore_errors=True)
        raise
    staging.release()
    _switch(path, build)
    _prune(root, keep={build})


def _switch(path: Path, build: Path) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.link")
    if tmp.is_symlink():
        tmp.unlink()
    os.symlink(os.path.relpath(build, path.parent), tmp)
    os.replace(tmp, path)


def _prune(root: Path, keep: set[Path]) -> None:
    builds = sorted((d for d in root.iterdir() if d.is_dir()), key=lambda d: d.name, reverse=True)
    for old in builds[KEEP_BUILDS:]:
        if old not in keep:
            shutil.rmtree(old, ignore_errors=True)


def bulk_add(store: Store, quads: Iterable[Quad]) -> None:
    store.bulk_extend(quads)


EXPORT_FORMATS = {
    "trig": RdfFormat.TRIG,
    "nquads": RdfFormat.N_QUADS,
    "turtle": RdfFormat.TURTLE,
    "jsonld": RdfFormat.JSON_LD,
}

RESULT_FORMATS = {
    "json": QueryResultsFormat.JSON,
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
    "xml": QueryResultsFormat.XML,
}

"""Shared fixtures. Keep each group small and under its own heading; add new groups at the end."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import servers
from pyoxigraph import Store

from kg.build import build
from kg.config import Settings
from kg.store.embedded import open_store

ROOT = Path(__file__).resolve().parents[1]


# --- Shared inputs beside the checkout (../shared): the source article and its gold facts -------------------

SHARED = ROOT.parent / "shared"


def shared_file(relative: str) -> Path:
    """A file of ../shared; skipped with the reason when absent, a failure under CI=true."""
    path = SHARED / relative
    if not path.is_file():
        reason = f"{path} is absent: the shared inputs (source articles, gold) sit in ../shared beside the checkout"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def katasonova_text() -> str:
    """The text of the Katasonova review article, as the gold's offsets count it."""
    return shared_file("sources/katasonova-in-search-of-historical-truth.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def katasonova_gold() -> dict:
    """The hand-made gold list of the entities and relations of the Katasonova review article."""
    return json.loads(shared_file("gold/katasonova.json").read_text(encoding="utf-8"))


# --- The curated tables of data/ built into a real on-disk store -------------------------------------------

@pytest.fixture(scope="session")
def curated_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One build of data/ alone per session (extract -> validate -> load), in a temporary directory; text
    sources are left out even when KG_SOURCES names some, so the answers depend on the tables only."""
    path = tmp_path_factory.mktemp("curated") / "store"
    build(settings=Settings(sources_dir=None), data_dirs=[ROOT / "data"], store_path=path)
    return path


@pytest.fixture(scope="session")
def curated_store(curated_store_path: Path) -> Store:
    """The built curated store, opened read-only as the server opens it."""
    return open_store(curated_store_path)


# --- A live `kg serve` over a small fixture store (tests/fixtures/serve/kg.trig) -----------------------------

@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return servers.build_fixture_store(tmp_path_factory.mktemp("serve") / "store")


@pytest.fixture(scope="module")
def server(fixture_store: Path, tmp_path_factory: pytest.TempPathFactory):
    """A read-only server over the fixture store (no update token)."""
    live = servers.LiveServer(fixture_store, tmp_path_factory.mktemp("logs"))
    yield live
    live.stop()


@pytest.fixture(scope="module")
def rw_server(tmp_path_factory: pytest.TempPathFactory):
    """A server with an update token over its own empty store, one per test module: the W3C protocol and graph
    store tests clear and rewrite it."""
    path = tmp_path_factory.mktemp("rw") / "store"
    Store(str(path)).flush()
    live = servers.LiveServer(path, tmp_path_factory.mktemp("logs"), token=servers.TOKEN)
    yield live
    live.stop()


# --- Headless Chromium (Debian's /usr/bin/chromium, driven by Playwright); screenshots go to tests/artifacts/ ---

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="module")
def browser():
    executable = servers.require_program(CHROMIUM, "the browser tests need Debian's chromium (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("the playwright package is missing: pip install -e '.[test]'")
        pytest.skip("the playwright package is missing: pip install -e '.[test]'")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield chromium
        chromium.close()

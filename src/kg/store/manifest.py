"""The build manifest of a remote store: the graph `urn:x-jpow-kg:builds`, where each build kg published is
recorded with its graphs and staging prefix, and a pointer names the current one (see `kg.store.publish`).

Readers use it to see only the live build: `live_quads` for export, `LIVE_ONLY` to hide kg's own graphs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad

from kg.sparql_text import query_file
from kg.store.http import StoreError
from kg.store.remote import RemoteStore

KG = "urn:x-jpow-kg:"
MANIFEST = f"{KG}builds"
LIVE_ONLY = f'FILTER(!STRSTARTS(STR(?g), "{KG}"))'  # hides kg's manifest and staging graphs from ?g

SPARQL = Path(__file__).with_name("sparql")


def sparql(name: str, **terms: object) -> str:
    """The query or update `sparql/<name>.rq` with its inputs filled in."""
    return query_file(SPARQL / f"{name}.rq", **terms)


def current_build(remote: RemoteStore) -> str | None:
    rows = remote.rows(sparql("current_build"))
    return rows[0]["build"].value if rows else None


def build_graphs(remote: RemoteStore, build: str) -> list[str]:
    return [r["g"].value for r in remote.rows(sparql("build_graphs", build=NamedNode(build)))]


def staged_triples(remote: RemoteStore, stage: str) -> int:
    return int(remote.rows(sparql("staged_triples", stage=Literal(stage)))[0]["n"].value)


def live_quads(remote: RemoteStore) -> Iterator[Quad]:
    """Every quad of the live build's graphs (the graphs the manifest names), in pages. The build is read
    once; if another build is published while the pages are read, the quads may mix two builds, so that
    is checked at the end and reported as an error."""
    build = current_build(remote)
    if build is None:
        raise StoreError(f"the store at {remote.endpoints.query} holds no kg build (nothing to export): run kg build")
    where = f"GRAPH <{MANIFEST}> {{ <{build}> <{KG}graph> ?g }} GRAPH ?g {{ ?s ?p ?o }}"
    for row in remote.iter_rows("?g ?s ?p ?o", where):
        yield Quad(row["s"], row["p"], row["o"], row["g"])
    if current_build(remote) != build:
        raise StoreError(f"a new build replaced {build} while it was being read: export again")

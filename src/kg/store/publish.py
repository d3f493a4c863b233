"""Publishing a build to a remote store: replace the knowledge graph in the store with a validated local build
so that the graph names users see never hold a half-loaded build. The strategy (docs/deploy.md, "How a remote
build is switched"):

1. The build is extracted and SHACL-validated in a local staging pyoxigraph store (`kg.build`); a rejected
   build never reaches the remote store.
2. A build record `urn:x-jpow-kg:build:<id>` listing every graph of the build goes into the manifest graph
   `urn:x-jpow-kg:builds` (`kg.store.manifest`).
3. Each graph `G` is uploaded through the Graph Store Protocol to a staging graph
   `urn:x-jpow-kg:stage:<id>:G`, in chunks of at most `chunk_triples` triples (a graph holding blank nodes goes
   in one request, as blank nodes are scoped to a request), several requests in parallel, with retries.
   The staged triple count is then checked against the local build.
4. One SPARQL Update request (`sparql/switch.rq`) switches: it empties the graphs of the current build (and the
   new build's graph names), copies every staging graph to its real name, empties the staging graphs and moves
   the pointer `<urn:x-jpow-kg:builds> kg:current <build>`. Where the profile says one update request is one
   transaction (Oxigraph) the switch is atomic; elsewhere it is one request but may be seen or fail in part.
5. Leftovers (staging graphs of builds that died, graphs emptied by the switch, old build records) are
   removed after the switch and before the next build.

If the store dies or refuses during steps 2–3, the live graphs and the pointer are untouched: the previous
build stays readable, and the next build removes the abandoned staging graphs.
"""

from __future__ import annotations

import concurrent.futures
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from pyoxigraph import BlankNode, Literal, NamedNode, Store, Triple

from kg.store.http import StoreError, StoreRefused
from kg.store.manifest import KG, MANIFEST, build_graphs, current_build, sparql, staged_triples
from kg.store.remote import RemoteStore, ntriples

Progress = Callable[[int], None]


@dataclass
class PublishReport:
    build: str
    graphs: int
    triples: int
    requests: int
    seconds: float
    atomic: bool


def publish(remote: RemoteStore, local: Store, *, progress: Progress | None = None) -> PublishReport:
    """Replace the knowledge graph in the store by the (validated) content of `local`; see the module doc."""
    start = time.monotonic()
    remote.endpoints.need("update"), remote.endpoints.need("gsp")
    remote.update("INSERT DATA { }", what="checking the update endpoint")
    cleanup(remote)
    build = f"{KG}build:{time.strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(3)}"
    stage = f"{KG}stage:{build.rsplit(':', 1)[1]}:"
    graphs = sorted(g.value for g in local.named_graphs())
    record = [Triple(NamedNode(build), NamedNode(f"{KG}graph"), NamedNode(g)) for g in graphs]
    record.append(Triple(NamedNode(build), NamedNode(f"{KG}stage"), NamedNode(stage)))
    remote.gsp("POST", MANIFEST, body=ntriples(record)).close()

    requests = upload(remote, local, graphs, stage, progress)
    staged = staged_triples(remote, stage)
    expected = sum(1 for g in graphs for _ in local.quads_for_pattern(None, None, None, NamedNode(g)))
    if staged != expected:
        raise StoreError(f"the store holds {staged} staged triples of build {build}, not {expected}: it lost or "
                         "duplicated some during the upload; the live graphs are unchanged, build again")
    previous = current_build(remote)
    switch(remote, build, stage, expected)
    cleanup(remote, previous)
    return PublishReport(build, len(graphs), expected, requests + 4, time.monotonic() - start,
                         remote.profile.atomic_update)


def switch_update(build: str, stage: str) -> str:
    """The one update request that makes `build` current (see the module doc, step 4)."""
    return sparql("switch", build=NamedNode(build), stage=Literal(stage), offset=len(stage) + 1)


def switch(remote: RemoteStore, build: str, stage: str, expected: int) -> None:
    """Send the switch; after a failure, find out what happened. The pointer moved: done. The pointer did
    not move and every staged triple is still there (the switch empties the staging graphs only after
    copying them): sending it again is safe, so it is retried like any other request. Otherwise: stop."""
    http = remote.http
    for attempt in range(http.retries + 1):
        try:
            remote.update(switch_update(build, stage), what="switching to the new build", retry=False,
                          timeout_s=max(remote.timeout_s, 300.0))
            return
        except StoreError as exc:
            failure = exc
        time.sleep(http.backoff_s * 2 ** attempt)
        try:
            if current_build(remote) == build:
                return
            intact = staged_triples(remote, stage) == expected
        except StoreError:
            intact = False
        if not intact:
            break
    state = ("this store applies an update request all or nothing, so the previous build is still live"
             if remote.profile.atomic_update else
             f"this store may have applied it in part: check which build <{MANIFEST}> names as current, "
             "and build again")
    message = f"{failure}\nThe switch to {build} failed; {state}."
    if isinstance(failure, StoreRefused):
        raise StoreRefused(message, failure.status, failure.body) from None
    raise type(failure)(message) from None


Item = tuple[str, list[tuple[str, list[Triple]]]]


def upload(remote: RemoteStore, local: Store, graphs: list[str], stage: str, progress: Progress | None) -> int:
    """Upload every graph to its staging name, in bounded chunks, `parallel` requests at a time."""

    def chunks() -> Iterator[Item]:
        pack: list[tuple[str, list[Triple]]] = []
        packed = 0
        for g in graphs:
            triples = [q.triple for q in local.quads_for_pattern(None, None, None, NamedNode(g))]
            blank = any(isinstance(t.subject, BlankNode) or isinstance(t.object, BlankNode) for t in triples)
            if not blank and len(triples) <= remote.pack_triples // 10:
                # a small graph: many of them go in one SPARQL INSERT DATA (one request per graph would
                # make the upload of a registry with a graph per row take minutes)
                pack.append((stage + g, triples))
                packed += len(triples)
                if packed >= remote.pack_triples:
                    yield "INSERT", pack
                    pack, packed = [], 0
            elif blank or len(triples) <= remote.chunk_triples:
                yield "PUT", [(stage + g, triples)]  # one request: blank nodes are scoped to it; PUT retries safely
            else:
                for i in range(0, len(triples), remote.chunk_triples):
                    # RDF merge: a retried POST adds nothing
                    yield "POST", [(stage + g, triples[i:i + remote.chunk_triples])]
        if pack:
            yield "INSERT", pack

    def send(item: Item) -> int:
        method, parts = item
        if method == "INSERT":  # no blank nodes in a pack, so a retried INSERT DATA adds nothing
            body = "".join(f"GRAPH <{g}> {{\n{ntriples(t).decode()}}}\n" for g, t in parts)
            remote.update(f"INSERT DATA {{\n{body}}}", what="uploading small graphs")
        else:
            remote.gsp(method, parts[0][0], body=ntriples(parts[0][1])).close()
        count = sum(len(t) for _, t in parts)
        if progress is not None:
            progress(count)
        return count

    requests = 0
    parallel = max(1, min(remote.parallel, remote.profile.parallel_writes))
    with concurrent.futures.ThreadPoolExecutor(parallel, thread_name_prefix="kg-upload") as pool:
        pending: set[concurrent.futures.Future[int]] = set()
        try:
            for item in chunks():
                if len(pending) >= parallel * 2:
                    done, pending = concurrent.futures.wait(pending, return_when=concurrent.futures.FIRST_COMPLETED)
                    for f in done:
                        f.result()
                pending.add(pool.submit(send, item))
                requests += 1
            for f in concurrent.futures.as_completed(pending):
                f.result()
        except BaseException:
            for f in pending:
                f.cancel()
            raise
    return requests


def cleanup(remote: RemoteStore, previous: str | None = None) -> None:
    """Remove what builds other than the current one left: staging graphs, their records, and (for the
    `previous` build, just replaced) its graphs that the current build does not have, now empty."""
    current = current_build(remote)
    for row in remote.rows(sparql("stage_records")):
        build, stage = row["build"].value, row["stage"].value
        if build == current:
            continue
        remote.update(sparql("remove_stage", stage=Literal(stage)), what="removing an abandoned staging area")
        if remote.profile.keeps_empty_graphs:
            live = set(build_graphs(remote, current)) if current else set()
            old = build_graphs(remote, build)
            drops = [stage + g for g in old] + ([g for g in old if g not in live] if build == previous else [])
            for i in range(0, len(drops), 500):
                remote.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in drops[i:i + 500]),
                              what="dropping emptied graphs")
        remote.update(sparql("remove_build_record", build=NamedNode(build)), what="removing an old build record")

"""A remote SPARQL 1.1 store, spoken to only through the W3C protocols (Query, Update, Graph Store).

`RemoteStore` is the client: requests with retries and clear errors, and `publish`, which replaces the
knowledge graph in the store with a validated local build so that the graph names users see never hold a
half-loaded build. The strategy (docs/deploy.md, "How a remote build is switched"):

1. The build is extracted and SHACL-validated in a local staging pyoxigraph store (`kg.build`); a rejected
   build never reaches the remote store.
2. A build record `urn:x-jpow-kg:build:<id>` listing every graph of the build goes into the manifest graph
   `urn:x-jpow-kg:builds`.
3. Each graph `G` is uploaded through the Graph Store Protocol to a staging graph
   `urn:x-jpow-kg:stage:<id>:G`, in chunks of at most `chunk_triples` triples (a graph holding blank nodes goes
   in one request, as blank nodes are scoped to a request), several requests in parallel, with retries.
   The staged triple count is then checked against the local build.
4. One SPARQL Update request switches: it empties the graphs of the current build (and the new build's graph
   names), copies every staging graph to its real name, empties the staging graphs and moves the pointer
   `<urn:x-jpow-kg:builds> kg:current <build>`. Where the profile says one update request is one
   transaction (Oxigraph) the switch is atomic; elsewhere it is one request but may be seen or fail in part.
5. Leftovers (staging graphs of builds that died, graphs emptied by the switch, old build records) are
   removed after the switch and before the next build.

If the store dies or refuses during steps 2–3, the live graphs and the pointer are untouched: the previous
build stays readable, and the next build removes the abandoned staging graphs.
"""

from __future__ import annotations

import concurrent.futures
import re
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from pyoxigraph import (
    BlankNode,
    NamedNode,
    Quad,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Store,
    Triple,
    parse,
    parse_query_results,
    serialize,
)

from kg.store.profiles import Profile, detect, load

KG = "urn:x-jpow-kg:"
MANIFEST = f"{KG}builds"
LIVE_ONLY = f'FILTER(!STRSTARTS(STR(?g), "{KG}"))'  # hides kg's manifest and staging graphs from ?g
TRANSIENT_STATUS = {429, 502, 503, 504}


class StoreError(Exception):
    """A remote store failed; the message says which store, what was asked and what to check."""


class StoreUnavailable(StoreError):
    """No answer (connection refused, reset or timed out), also after the retries."""


class StoreRefused(StoreError):
    """The store answered with an error status that retrying does not fix."""

    def __init__(self, message: str, status: int, body: str) -> None:
        super().__init__(message)
        self.status = status
        self.body = body


class StoreTruncated(StoreError):
    """The store cut a result at its row limit (e.g. Virtuoso's ResultSetMaxRows)."""


class StoreTimeout(StoreUnavailable):
    """The store did not answer within the time allowed for this request."""


@dataclass(frozen=True)
class Endpoints:
    """A remote store is named by its three URLs; only `query` is needed to read."""

    query: str
    update: str | None = None
    gsp: str | None = None

    def need(self, kind: str) -> str:
        url = getattr(self, kind)
        if not url:
            env = {"update": "KG_STORE_UPDATE", "gsp": "KG_STORE_GSP"}[kind]
            raise StoreError(f"writing to the remote store needs its {kind} URL: set {env} (or --store-{kind})")
        return url


def make_auth(user: str | None, password: str | None, token: str | None, scheme: str | None) -> httpx.Auth | None:
    """Basic (user + password), digest (`scheme` digest, e.g. Virtuoso's /sparql-auth) or bearer (token)."""
    if token:
        return _Bearer(token)
    if user:
        return httpx.DigestAuth(user, password or "") if scheme == "digest" else httpx.BasicAuth(user, password or "")
    return None


class _Bearer(httpx.Auth):
    def __init__(self, token: str) -> None:
        self.token = token

    def auth_flow(self, request: httpx.Request) -> Iterator[httpx.Request]:
        request.headers["Authorization"] = f"Bearer {self.token}"
        yield request


@dataclass
class PublishReport:
    build: str
    graphs: int
    triples: int
    requests: int
    seconds: float
    atomic: bool


_FORM_WORD = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b(?!\s*:)", re.IGNORECASE)
_SKIP = re.compile(r'<[^<>"{}|^`\\\s]*>|"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*')


def query_form(sparql: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first such keyword outside IRIs, strings and comments."""
    match = _FORM_WORD.search(_SKIP.sub(" ", sparql))
    return match.group(1).upper() if match else None


_WORD = re.compile(r"[A-Za-z_][\w.:-]*")


def _where_group(masked: str) -> int:
    """The offset of the `{` opening the query's WHERE group: the first `{` after a `WHERE` keyword outside
    any group or parenthesis, or, in a short form without the keyword (`SELECT * { … }`, `ASK { … }`), the
    first `{` outside parentheses. A CONSTRUCT template is skipped because its WHERE follows it."""
    braces = parens = 0
    first = -1
    previous = ""
    i = 0
    while i < len(masked):
        ch = masked[i]
        if ch in "?$":  # a variable, e.g. ?where: skip its name
            i = _WORD.match(masked, i + 1).end() if _WORD.match(masked, i + 1) else i + 1
            continue
        word = _WORD.match(masked, i) if (ch.isalpha() or ch == "_") else None
        if word:  # a keyword or a prefixed name (where:x, some-where:x), whole
            if braces == parens == 0 and word.group().upper() == "WHERE":
                if previous == "CONSTRUCT":
                    raise ValueError("CONSTRUCT WHERE { … } cannot take parameters (its pattern is its template); "
                                     "write CONSTRUCT { … } WHERE { … }")
                brace = masked.find("{", word.end())
                if brace < 0:
                    raise ValueError("the query has no group after WHERE to bind its parameters in")
                return brace
            previous = word.group().upper()
            i = word.end()
            continue
        parens += (ch == "(") - (ch == ")")
        if not ch.isspace():
            previous = ""  # CONSTRUCT WHERE only when nothing stands between them
        if ch == "{" and parens == 0:
            if braces == 0 and first < 0:
                first = i
            braces += 1
        elif ch == "}" and parens == 0:
            braces -= 1
        i += 1
    if first < 0:
        raise ValueError("the query has no WHERE group to bind its parameters in")
    return first


def bind_parameters(sparql: str, substitutions: dict[str, Any] | None) -> str:
    """The query with its parameters bound by a VALUES block that opens its WHERE group.

    A trailing VALUES after the query would be standard too, but Virtuoso 7.2 ignores one that follows ORDER BY
    (measured: all rows come back). The block joins with the rest of the WHERE group, which gives the answer
    of the embedded store's substitutions when the parameter is bound by a pattern of that group (the rule
    for saved queries, queries/README.md); a variable used only inside a nested group or a FILTER may differ."""
    if not substitutions:
        return sparql
    names = list(substitutions)
    values = (f"\n  VALUES ({' '.join('?' + n for n in names)}) "
              f"{{ ({' '.join(str(substitutions[n]) for n in names)}) }}")
    masked = _SKIP.sub(lambda m: " " * len(m.group()), sparql)  # same offsets; no braces in strings or IRIs
    i = _where_group(masked)
    return sparql[:i + 1] + values + sparql[i + 1:]


def answer(result: QuerySolutions | QueryBoolean) -> bool:
    """An ASK query's answer, also from a store that answers ASK as rows (Profile.ask_as_rows: a row = true)."""
    return any(True for _ in result) if isinstance(result, QuerySolutions) else bool(result)


def ntriples(triples: list[Triple]) -> bytes:
    return serialize(triples, format=RdfFormat.N_TRIPLES)


class RemoteStore:
    """A SPARQL 1.1 service. Thread-safe (one pooled httpx client)."""

    def __init__(
        self,
        endpoints: Endpoints,
        profile: Profile | None = None,
        *,
        auth: httpx.Auth | None = None,
        timeout_s: float = 60.0,
        connect_timeout_s: float = 5.0,
        retries: int = 3,
        backoff_s: float = 0.5,
        chunk_triples: int = 50_000,
        pack_triples: int = 10_000,
        parallel: int = 4,
    ) -> None:
        self.endpoints = endpoints
        self.timeout_s = timeout_s
        self.retries = retries
        self.backoff_s = backoff_s
        self.chunk_triples = chunk_triples
        self.pack_triples = pack_triples
        self.parallel = parallel
        self.client = httpx.Client(
            auth=auth,
            timeout=httpx.Timeout(timeout_s, connect=connect_timeout_s),
            limits=httpx.Limits(max_connections=max(parallel, 4) * 2),
            headers={"User-Agent": "jpow-kg"},
        )
        self.profile = profile or self._detect()

    @classmethod
    def from_settings(cls, settings: Any) -> "RemoteStore":
        """The store named by `settings.store_query_url` etc. (`KG_STORE_*`)."""
        endpoints = Endpoints(settings.store_query_url, settings.store_update_url, settings.store_gsp_url)
        auth = make_auth(settings.store_user, settings.store_password, settings.store_token, settings.store_auth)
        profile = None if settings.store_profile == "auto" else load(settings.store_profile)
        store = cls(endpoints, profile, auth=auth, timeout_s=settings.store_timeout_s)
        store.profile = store.profile.with_max_rows(settings.store_max_rows)
        return store

    def close(self) -> None:
        self.client.close()

    def describe(self) -> str:
        return f"{self.endpoints.query} ({self.profile.name} profile)"

    def _detect(self) -> Profile:
        """Pick the profile from the `Server:` header of a trivial query."""
        response = self._send("probe", "POST", self.endpoints.query, data={"query": "ASK {}"},
                              headers={"Accept": "application/sparql-results+json"})
        return detect(response.headers.get("server"))

    # ---- requests ------------------------------------------------------------------------------------------

    def _send(self, what: str, method: str, url: str, *, retry: bool = True, stream: bool = False,
              timeout_s: float | None = None, **kwargs: Any) -> httpx.Response:
        """One request with retries on transient failures; raises StoreUnavailable / StoreRefused.

        `retry=False` for requests that must not run twice (the build switch): only a connection that was never
        made is retried then."""
        attempts = self.retries + 1
        last = ""
        if timeout_s is not None:
            kwargs["timeout"] = httpx.Timeout(timeout_s, connect=self.client.timeout.connect)
        for attempt in range(attempts):
            if attempt:
                time.sleep(self.backoff_s * 2 ** (attempt - 1))
            try:
                request = self.client.build_request(method, url, **kwargs)
                response = self.client.send(request, stream=stream)
            except httpx.ConnectError as exc:
                last = f"cannot connect ({exc})"
                continue
            except httpx.TimeoutException as exc:
                last = f"no answer within the time limit ({type(exc).__name__})"
                if not retry or isinstance(exc, httpx.ReadTimeout):
                    raise StoreTimeout(f"{what}: {url} gave {last}; the store may be overloaded, or the "
                                       f"request too large (raise KG_STORE_TIMEOUT)") from None
                continue
            except httpx.TransportError as exc:
                last = f"the connection failed ({type(exc).__name__}: {exc})"
                if not retry:
                    break
                continue
            if response.status_code in TRANSIENT_STATUS and retry and attempt + 1 < attempts:
                last = f"HTTP {response.status_code}"
                response.close()
                continue
            if response.status_code >= 400:
                body = (response.read() if stream else response.content).decode("utf-8", "replace")
                response.close()
                hint = {401: " (check KG_STORE_USER/KG_STORE_PASSWORD or KG_STORE_TOKEN)",
                        403: " (the store refuses this user: grant update rights, see docs/deploy.md)",
                        404: " (check the URL)"}.get(response.status_code, "")
                raise StoreRefused(f"{what}: {url} answered HTTP {response.status_code}{hint}: "
                                   f"{excerpt(body)}", response.status_code, body)
            return response
        raise StoreUnavailable(f"{what}: {url} is unreachable after {attempts} attempt(s): {last}. Is the store "
                               f"running, and are KG_STORE_QUERY/KG_STORE_UPDATE/KG_STORE_GSP right?")

    def query_params(self, sparql: str, default: tuple[str, ...] | None = None,
                     named: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
        """Protocol parameters for a query: the dataset, or the union default graph where the profile needs a
        parameter for it (only when the request names no dataset and the query has no FROM)."""
        params = [("query", sparql)]
        params += [("default-graph-uri", g) for g in default or ()]
        params += [("named-graph-uri", g) for g in named or ()]
        if (default is None and named is None and self.profile.union_default_graph == "param"
                and not re.search(r"\bFROM\b", _SKIP.sub(" ", sparql), re.IGNORECASE)):
            params.append((self.profile.union_param or "", "true"))
        return params

    def _query_request(self, params: list[tuple[str, str]], accept: str) -> dict[str, Any]:
        headers = {"Accept": accept}
        method = self.profile.query_method
        if method == "get":
            return {"method": "GET", "params": params, "headers": headers}
        if method == "direct":
            query = next(v for k, v in params if k == "query")
            rest = [(k, v) for k, v in params if k != "query"]
            return {"method": "POST", "params": rest, "content": query.encode("utf-8"),
                    "headers": {**headers, "Content-Type": "application/sparql-query"}}
        return {"method": "POST", "data": _form(params), "headers": {**headers,
                "Content-Type": "application/x-www-form-urlencoded"}}

    @contextmanager
    def query_response(self, sparql: str, accept: str, *, default: tuple[str, ...] | None = None,
                       named: tuple[str, ...] | None = None, timeout_s: float | None = None) -> Iterator[httpx.Response]:
        """A streamed query response (status checked, row-cap header checked)."""
        spec = self._query_request(self.query_params(sparql, default, named), accept)
        method = spec.pop("method")
        response = self._send("query", method, self.endpoints.query, stream=True, timeout_s=timeout_s, **spec)
        try:
            header = self.profile.row_cap_header
            if header and header in response.headers:
                raise StoreTruncated(f"the store cut the result at {response.headers[header]} rows (its row limit); "
                                     "add LIMIT/OFFSET, or raise the store's limit (docs/deploy.md)")
            yield response
        finally:
            response.close()

    def select(self, sparql: str, *, timeout_s: float | None = None) -> QuerySolutions | QueryBoolean:
        """A SELECT or ASK over the union default graph, parsed into pyoxigraph terms."""
        with self.query_response(sparql, "application/sparql-results+json", timeout_s=timeout_s) as response:
            body = response.read()
        return parse_query_results(valid_bnodes(body), QueryResultsFormat.JSON)

    def ask(self, sparql: str) -> bool:
        """An ASK query's answer (also from stores that answer ASK as rows, see Profile.ask_as_rows)."""
        return answer(self.select(sparql))

    def rows(self, sparql: str) -> list[dict[str, Any]]:
        result = self.select(sparql)
        assert isinstance(result, QuerySolutions), "expected a SELECT query"
        names = [v.value for v in result.variables]
        return [{n: s[n] for n in names if s[n] is not None} for s in result]

    def all_rows(self, variables: str, where: str) -> list[dict[str, Any]]:
        """Every solution of `SELECT DISTINCT variables WHERE { where }`; fetched in pages below the store's row
        limit where the profile names one, so nothing is silently cut."""
        if self.profile.max_rows is None:
            return self.rows(f"SELECT DISTINCT {variables} WHERE {{ {where} }}")
        return list(self.iter_rows(variables, where))

    def iter_rows(self, variables: str, where: str, page: int = 100_000) -> Iterator[dict[str, Any]]:
        """Every solution of `SELECT DISTINCT variables WHERE { where }`, in pages (below the store's row limit,
        if any), so that memory stays bounded whatever the size of the answer. The pages are ordered by each
        variable and then by its lexical form, datatype and language: SPARQL leaves the order of literals that
        compare equal ("1"^^xsd:integer, "1.0"^^xsd:decimal) open, and a page boundary between them could
        otherwise repeat one and skip the other."""
        cap = self.profile.max_rows
        page = max(1, min(page, cap - 1)) if cap is not None else page
        order = " ".join(f"{v} STR({v}) DATATYPE({v}) LANG({v})" for v in variables.split())
        offset = 0
        while True:
            rows = self.rows(f"SELECT DISTINCT {variables} WHERE {{ {where} }} ORDER BY {order} "
                             f"LIMIT {page} OFFSET {offset}")
            yield from rows
            offset += len(rows)
            if len(rows) < page:
                return

    def triples(self, sparql: str) -> list[Triple]:
        """A CONSTRUCT or DESCRIBE answer; one as large as the store's row limit is reported as cut."""
        with self.query_response(sparql, "application/n-triples") as response:
            body, media = response.read(), media_type(response.headers.get("content-type"))
        return self.graph_result(body, media)

    def graph_result(self, body: bytes, media: str) -> list[Triple]:
        """The triples of a graph result the store sent as `media`. The store cuts graph results at its row
        limit without saying so (Virtuoso), so a result of that size is reported as cut."""
        fmt = RdfFormat.from_media_type(media)
        if fmt is None:
            raise StoreError(f"the store answered a graph query as {media!r}, which kg cannot read")
        triples = [q.triple if isinstance(q, Quad) else q for q in parse(body, fmt)]
        cap = self.profile.max_rows
        if cap is not None and len(triples) >= cap:
            raise StoreTruncated(f"the store cut the result at {cap} triples (its row limit); add LIMIT/OFFSET, "
                                 "or raise the store's limit (docs/deploy.md)")
        return triples

    def live_quads(self) -> Iterator[Quad]:
        """Every quad of the live build's graphs (the graphs the manifest names), in pages. The build is read
        once; if another build is published while the pages are read, the quads may mix two builds, so that
        is checked at the end and reported as an error."""
        build = self.current_build()
        if build is None:
            raise StoreError(f"the store at {self.endpoints.query} holds no kg build (nothing to export): run kg build")
        where = f"GRAPH <{MANIFEST}> {{ <{build}> <{KG}graph> ?g }} GRAPH ?g {{ ?s ?p ?o }}"
        for row in self.iter_rows("?g ?s ?p ?o", where):
            yield Quad(row["s"], row["p"], row["o"], row["g"])
        if self.current_build() != build:
            raise StoreError(f"a new build replaced {build} while it was being read: export again")

    def count(self, where: str) -> int:
        rows = self.rows(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
        return int(rows[0]["n"].value)

    def update(self, sparql: str, *, what: str = "update", retry: bool = True, timeout_s: float | None = None) -> None:
        url = self.endpoints.need("update")
        self._send(what, "POST", url, data={"update": sparql}, retry=retry, timeout_s=timeout_s).close()

    def gsp(self, method: str, graph: str, *, body: bytes | None = None, accept: str | None = None,
            stream: bool = False) -> httpx.Response:
        headers = {"Content-Type": "application/n-triples"} if body is not None else {}
        if accept:
            headers["Accept"] = accept
        return self._send(f"graph store {method}", method, self.endpoints.need("gsp"), params={"graph": graph},
                          content=body, headers=headers, stream=stream)

    # ---- publishing a build --------------------------------------------------------------------------------

    def publish(self, local: Store, *, progress: Callable[[int], None] | None = None) -> PublishReport:
        """Replace the knowledge graph in the store by the (validated) content of `local`; see the module doc."""
        start = time.monotonic()
        self.endpoints.need("update"), self.endpoints.need("gsp")
        self.update("INSERT DATA { }", what="checking the update endpoint")
        self.cleanup()
        build = f"{KG}build:{time.strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(3)}"
        stage = f"{KG}stage:{build.rsplit(':', 1)[1]}:"
        graphs = sorted(g.value for g in local.named_graphs())
        record = [Triple(NamedNode(build), NamedNode(f"{KG}graph"), NamedNode(g)) for g in graphs]
        record.append(Triple(NamedNode(build), NamedNode(f"{KG}stage"), NamedNode(stage)))
        self.gsp("POST", MANIFEST, body=ntriples(record)).close()

        requests = self._upload(local, graphs, stage, progress)
        staged = self.count(f'GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{stage}"))')
        expected = sum(1 for g in graphs for _ in local.quads_for_pattern(None, None, None, NamedNode(g)))
        if staged != expected:
            raise StoreError(f"the store holds {staged} staged triples of build {build}, not {expected}: it lost or "
                             "duplicated some during the upload; the live graphs are unchanged, build again")
        previous = self.current_build()
        self._switch(build, stage, expected)
        self.cleanup(previous)
        return PublishReport(build, len(graphs), expected, requests + 4, time.monotonic() - start,
                             self.profile.atomic_update)

    def _switch(self, build: str, stage: str, expected: int) -> None:
        """Send the switch; after a failure, find out what happened. The pointer moved: done. The pointer did
        not move and every staged triple is still there (the switch empties the staging graphs only after
        copying them): sending it again is safe, so it is retried like any other request. Otherwise: stop."""
        for attempt in range(self.retries + 1):
            try:
                self.update(switch_update(build, stage), what="switching to the new build", retry=False,
                            timeout_s=max(self.timeout_s, 300.0))
                return
            except StoreError as exc:
                failure = exc
            time.sleep(self.backoff_s * 2 ** attempt)
            try:
                if self.current_build() == build:
                    return
                intact = self.count(f'GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{stage}"))') == expected
            except StoreError:
                intact = False
            if not intact:
                break
        state = ("this store applies an update request all or nothing, so the previous build is still live"
                 if self.profile.atomic_update else
                 f"this store may have applied it in part: check which build <{MANIFEST}> names as current, "
                 "and build again")
        message = f"{failure}\nThe switch to {build} failed; {state}."
        if isinstance(failure, StoreRefused):
            raise StoreRefused(message, failure.status, failure.body) from None
        raise type(failure)(message) from None

    def _upload(self, local: Store, graphs: list[str], stage: str, progress: Callable[[int], None] | None) -> int:
        """Upload every graph to its staging name, in bounded chunks, `parallel` requests at a time."""

        Item = tuple[str, list[tuple[str, list[Triple]]]]

        def chunks() -> Iterator[Item]:
            pack: list[tuple[str, list[Triple]]] = []
            packed = 0
            for g in graphs:
                triples = [q.triple for q in local.quads_for_pattern(None, None, None, NamedNode(g))]
                blank = any(isinstance(t.subject, BlankNode) or isinstance(t.object, BlankNode) for t in triples)
                if not blank and len(triples) <= self.pack_triples // 10:
                    # a small graph: many of them go in one SPARQL INSERT DATA (one request per graph would
                    # make the upload of a registry with a graph per row take minutes)
                    pack.append((stage + g, triples))
                    packed += len(triples)
                    if packed >= self.pack_triples:
                        yield "INSERT", pack
                        pack, packed = [], 0
                elif blank or len(triples) <= self.chunk_triples:
                    yield "PUT", [(stage + g, triples)]  # one request: blank nodes are scoped to it; PUT retries safely
                else:
                    for i in range(0, len(triples), self.chunk_triples):
                        # RDF merge: a retried POST adds nothing
                        yield "POST", [(stage + g, triples[i:i + self.chunk_triples])]
            if pack:
                yield "INSERT", pack

        def send(item: Item) -> int:
            method, parts = item
            if method == "INSERT":  # no blank nodes in a pack, so a retried INSERT DATA adds nothing
                body = "".join(f"GRAPH <{g}> {{\n{ntriples(t).decode()}}}\n" for g, t in parts)
                self.update(f"INSERT DATA {{\n{body}}}", what="uploading small graphs")
            else:
                self.gsp(method, parts[0][0], body=ntriples(parts[0][1])).close()
            count = sum(len(t) for _, t in parts)
            if progress is not None:
                progress(count)
            return count

        requests = 0
        parallel = max(1, min(self.parallel, self.profile.parallel_writes))
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

    def current_build(self) -> str | None:
        rows = self.rows(f"SELECT ?b WHERE {{ GRAPH <{MANIFEST}> {{ <{MANIFEST}> <{KG}current> ?b }} }}")
        return rows[0]["b"].value if rows else None

    def cleanup(self, previous: str | None = None) -> None:
        """Remove what builds other than the current one left: staging graphs, their records, and (for the
        `previous` build, just replaced) its graphs that the current build does not have, now empty."""
        current = self.current_build()
        rows = self.rows(f"SELECT ?b ?stage WHERE {{ GRAPH <{MANIFEST}> {{ ?b <{KG}stage> ?stage }} }}")
        for row in rows:
            build, stage = row["b"].value, row["stage"].value
            if build == current:
                continue
            self.update(f'DELETE {{ GRAPH ?g {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} '
                        f'FILTER(STRSTARTS(STR(?g), "{stage}")) }}', what="removing an abandoned staging area")
            if self.profile.keeps_empty_graphs:
                live = {r["g"].value for r in self.rows(
                    f"SELECT ?g WHERE {{ GRAPH <{MANIFEST}> {{ <{current}> <{KG}graph> ?g }} }}")} if current else set()
                old = [r["g"].value for r in self.rows(
                    f"SELECT ?g WHERE {{ GRAPH <{MANIFEST}> {{ <{build}> <{KG}graph> ?g }} }}")]
                drops = [stage + g for g in old] + ([g for g in old if g not in live] if build == previous else [])
                for i in range(0, len(drops), 500):
                    self.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in drops[i:i + 500]),
                                what="dropping emptied graphs")
            self.update(f"DELETE {{ GRAPH <{MANIFEST}> {{ <{build}> ?p ?o }} }} "
                        f"WHERE {{ GRAPH <{MANIFEST}> {{ <{build}> ?p ?o }} }}", what="removing an old build record")


def switch_update(build: str, stage: str) -> str:
    """The one update request that makes `build` current (see the module doc, step 4)."""
    n = len(stage)
    return f"""DELETE {{ GRAPH ?g {{ ?s ?p ?o }} }} WHERE {{
  {{ GRAPH <{MANIFEST}> {{ <{MANIFEST}> <{KG}current> ?b . ?b <{KG}graph> ?g }} }}
  UNION {{ GRAPH <{MANIFEST}> {{ <{build}> <{KG}graph> ?g }} }}
  GRAPH ?g {{ ?s ?p ?o }} }} ;
INSERT {{ GRAPH ?g {{ ?s ?p ?o }} }} WHERE {{
  GRAPH ?sg {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?sg), "{stage}")) BIND(IRI(SUBSTR(STR(?sg), {n + 1})) AS ?g) }} ;
DELETE {{ GRAPH ?sg {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?sg {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?sg), "{stage}")) }} ;
DELETE {{ GRAPH <{MANIFEST}> {{ <{MANIFEST}> <{KG}current> ?b }} }} WHERE {{ GRAPH <{MANIFEST}> {{ <{MANIFEST}> <{KG}current> ?b }} }} ;
INSERT DATA {{ GRAPH <{MANIFEST}> {{ <{MANIFEST}> <{KG}current> <{build}> }} }}"""


_BNODE = re.compile(rb'("type"\s*:\s*"bnode"\s*,\s*"value"\s*:\s*")([^"]*)(")')


def valid_bnodes(body: bytes) -> bytes:
    """Blank node labels made valid for the parser: Virtuoso sends `nodeID://b10006` (labels stay distinct)."""
    return _BNODE.sub(lambda m: m.group(1) + re.sub(rb"[^A-Za-z0-9]", b"_", m.group(2)) + m.group(3), body)


def _form(params: list[tuple[str, str]]) -> dict[str, list[str]]:
    form: dict[str, list[str]] = {}
    for k, v in params:
        form.setdefault(k, []).append(v)
    return form


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def excerpt(body: str, limit: int = 300) -> str:
    text = " ".join(body.split())
    return text if len(text) <= limit else text[:limit] + " …"

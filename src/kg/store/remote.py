"""A remote SPARQL 1.1 store, spoken to only through the W3C protocols (Query, Update, Graph Store): queries
in the store's dialect (its profile, `kg.store.profiles`), results parsed into pyoxigraph terms, paged reads
below the store's row limit. The HTTP client is `kg.store.http`; publishing a build, `kg.store.publish`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from pyoxigraph import (
    Quad,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Triple,
    parse,
    parse_query_results,
    serialize,
)

from kg.sparql_text import has_dataset_clause
from kg.store.http import Endpoints, StoreClient, StoreError, StoreTruncated, form_fields, make_auth, media_type
from kg.store.profiles import Profile, detect, load


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
        self.chunk_triples = chunk_triples
        self.pack_triples = pack_triples
        self.parallel = parallel
        self.http = StoreClient(auth=auth, timeout_s=timeout_s, connect_timeout_s=connect_timeout_s,
                                retries=retries, backoff_s=backoff_s, max_connections=max(parallel, 4) * 2)
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
        self.http.close()

    def describe(self) -> str:
        return f"{self.endpoints.query} ({self.profile.name} profile)"

    def _detect(self) -> Profile:
        """Pick the profile from the `Server:` header of a trivial query."""
        response = self.http.send("probe", "POST", self.endpoints.query, data={"query": "ASK {}"},
                                  headers={"Accept": "application/sparql-results+json"})
        return detect(response.headers.get("server"))

    def query_params(self, sparql: str, default: tuple[str, ...] | None = None,
                     named: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
        """Protocol parameters for a query: the dataset, or the union default graph where the profile needs a
        parameter for it (only when the request names no dataset and the query has no FROM)."""
        params = [("query", sparql)]
        params += [("default-graph-uri", g) for g in default or ()]
        params += [("named-graph-uri", g) for g in named or ()]
        if (default is None and named is None and self.profile.union_default_graph == "param"
                and not has_dataset_clause(sparql)):
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
        return {"method": "POST", "data": form_fields(params), "headers": {**headers,
                "Content-Type": "application/x-www-form-urlencoded"}}

    @contextmanager
    def query_response(self, sparql: str, accept: str, *, default: tuple[str, ...] | None = None,
                       named: tuple[str, ...] | None = None, timeout_s: float | None = None) -> Iterator[httpx.Response]:
        """A streamed query response (status checked, row-cap header checked)."""
        spec = self._query_request(self.query_params(sparql, default, named), accept)
        method = spec.pop("method")
        response = self.http.send("query", method, self.endpoints.query, stream=True, timeout_s=timeout_s, **spec)
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

    def count(self, where: str) -> int:
        rows = self.rows(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
        return int(rows[0]["n"].value)

    def update(self, sparql: str, *, what: str = "update", retry: bool = True, timeout_s: float | None = None) -> None:
        url = self.endpoints.need("update")
        self.http.send(what, "POST", url, data={"update": sparql}, retry=retry, timeout_s=timeout_s).close()

    def gsp(self, method: str, graph: str | None, *, body: bytes | None = None, accept: str | None = None,
            stream: bool = False) -> httpx.Response:
        """A Graph Store Protocol request on `graph`, or on the default graph when it is None."""
        headers = {"Content-Type": "application/n-triples"} if body is not None else {}
        if accept:
            headers["Accept"] = accept
        params = {"graph": graph} if graph is not None else {"default": ""}
        return self.http.send(f"graph store {method}", method, self.endpoints.need("gsp"), params=params,
                              content=body, headers=headers, stream=stream)


_BNODE = re.compile(rb'("type"\s*:\s*"bnode"\s*,\s*"value"\s*:\s*")([^"]*)(")')


def valid_bnodes(body: bytes) -> bytes:
    """Blank node labels made valid for the parser: Virtuoso sends `nodeID://b10006` (labels stay distinct)."""
    return _BNODE.sub(lambda m: m.group(1) + re.sub(rb"[^A-Za-z0-9]", b"_", m.group(2)) + m.group(3), body)

"""Running a query from the command line and printing its results in a chosen format."""

from __future__ import annotations

from pathlib import Path

from typing import TYPE_CHECKING

from pyoxigraph import (QueryBoolean, QueryResultsFormat, QuerySolutions, QueryTriples, RdfFormat, Store, Triple,
                        parse_query_results, serialize)

from kg.vocab import sparql_prologue

if TYPE_CHECKING:
    from kg.store.remote import RemoteStore

_FORMATS = {"csv": QueryResultsFormat.CSV, "tsv": QueryResultsFormat.TSV, "json": QueryResultsFormat.JSON}
Results = QuerySolutions | QueryBoolean | QueryTriples | list[Triple]


def read_query(query_or_file: str) -> str:
    path = Path(query_or_file)
    if query_or_file.endswith(".rq") or (len(query_or_file) < 256 and path.is_file()):
        if not path.is_file():
            raise FileNotFoundError(f"no query file {query_or_file}")
        return path.read_text(encoding="utf-8")
    return query_or_file


def run_query(store: Store, query: str) -> Results:
    """Union default graph, and the project's prefixes predeclared (a query may redeclare them)."""
    prefixes = {line.split()[1].rstrip(":"): line.split()[2].strip("<>")
                for line in sparql_prologue().splitlines()}
    return store.query(query, prefixes=prefixes, use_default_graph_as_union=True)


def run_remote_query(remote: "RemoteStore", query: str) -> Results:
    """The same over a remote store: the project's prefixes go first as a prologue (a query may redeclare them).
    A result the store cut at its row limit is an error (kg.store.http.StoreTruncated), not a short answer."""
    from kg.sparql_text import query_form

    text = f"{sparql_prologue()}\n{query}"
    form = query_form(text)
    if form in ("CONSTRUCT", "DESCRIBE"):
        return remote.triples(text)
    if form == "ASK":  # some stores answer ASK as rows (Profile.ask_as_rows)
        answer = b"true" if remote.ask(text) else b"false"
        return parse_query_results(b'{"head": {}, "boolean": ' + answer + b"}", QueryResultsFormat.JSON)
    return remote.select(text)


def _cell(term: object) -> str:
    if term is None:
        return ""
    value = getattr(term, "value", str(term))
    lang = getattr(term, "language", None)
    return f"{value}@{lang}" if lang else value


def format_results(results: Results, fmt: str) -> bytes:
    if isinstance(results, (QueryTriples, list)):
        graph = RdfFormat.N_TRIPLES if fmt != "json" else RdfFormat.JSON_LD
        return results.serialize(format=graph) if isinstance(results, QueryTriples) else serialize(results, format=graph)
    if isinstance(results, QueryBoolean):
        if fmt == "table":
            return b"true\n" if bool(results) else b"false\n"
        return results.serialize(format=_FORMATS[fmt])
    if fmt != "table":
        return results.serialize(format=_FORMATS[fmt])
    names = [v.value for v in results.variables]
    rows = [[_cell(sol[n]) for n in names] for sol in results]
    widths = [min(60, max([len(n)] + [len(r[i]) for r in rows])) for i, n in enumerate(names)]
    clip = lambda s, w: s if len(s) <= w else s[: w - 1] + "…"  # noqa: E731
    lines = [" | ".join(n.ljust(w) for n, w in zip(names, widths)), "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(clip(c, w).ljust(w) for c, w in zip(r, widths)) for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return ("\n".join(lines) + "\n").encode("utf-8")

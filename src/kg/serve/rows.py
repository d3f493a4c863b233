"""Rows of SELECT results: counted in serialised output (the row cap, `KG_ROW_CAP`), read as Python values."""

from __future__ import annotations

from typing import Any

from pyoxigraph import QuerySolutions

from kg.serve.errors import BadRequest


class RowCounter:
    """Counts result rows in serialised SELECT output, chunk by chunk, without parsing it.

    XML counts `<result>` tags; TSV counts lines (newlines inside literals are escaped); CSV counts line ends
    outside quoted fields; JSON counts row boundaries `}},{"` / `{},{"`, which cannot occur inside a JSON string
    (a quote there is escaped). JSON rows with no bound variable following each other are not counted, so the
    cap can only be hit later than exact, never earlier.
    """

    def __init__(self, fmt_name: str) -> None:
        self.fmt = fmt_name
        self.rows = 0
        self._tail = b""
        self._in_quote = False
        self._lines = 0
        self._seen_first = False
        self._head = b""

    def feed(self, chunk: bytes) -> int:
        if self.fmt == "xml":
            self.rows += self._count((b"<result>",), chunk)
        elif self.fmt == "tsv":
            self._lines += chunk.count(b"\n")
            self.rows = max(0, self._lines - 1)
        elif self.fmt == "csv":
            parts = chunk.split(b'"')
            for i, part in enumerate(parts):
                if i > 0:
                    self._in_quote = not self._in_quote
                if not self._in_quote:
                    self._lines += part.count(b"\n")
            self.rows = max(0, self._lines - 1)
        elif self.fmt == "json":
            if not self._seen_first:
                window = self._head + chunk
                if b'"bindings":[{' in window:
                    self._seen_first = True
                    self.rows += 1
                self._head = window[-12:]
            self.rows += self._count((b'}},{"', b'{},{"'), chunk)
        return self.rows

    def _count(self, patterns: tuple[bytes, ...], chunk: bytes) -> int:
        window = self._tail + chunk
        n = sum(window.count(p) for p in patterns)
        keep = max(len(p) for p in patterns) - 1  # shorter than a match: none is counted twice
        self._tail = window[-keep:]
        return n


def solution_rows(result: object, offset: int, limit: int | None) -> tuple[list[str], list[dict[str, Any]]]:
    """A SELECT result as (variable names, rows of bound values), skipping `offset` rows and keeping `limit`."""
    if not isinstance(result, QuerySolutions):
        raise BadRequest("expected a SELECT query")
    names = [v.value for v in result.variables]
    rows: list[dict[str, Any]] = []
    for index, solution in enumerate(result):
        if index < offset:
            continue
        if limit is not None and len(rows) >= limit:
            break
        rows.append({n: solution[n] for n in names if solution[n] is not None})
    return names, rows

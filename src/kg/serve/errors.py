"""What can go wrong while serving a request, as exceptions the app turns into HTTP statuses.

`BadRequest` is the client's fault (400); every `Unavailable` is a 503, with `Retry-After` when waiting helps.
"""

from __future__ import annotations


class Unavailable(Exception):
    """The server cannot answer this request now (HTTP 503); `retry_after` seconds, when a retry may help."""

    retry_after: int | None = None


class QueryTimeout(Unavailable):
    def __init__(self, seconds: float) -> None:
        super().__init__(
            f"the query ran longer than the time limit of {seconds:g} s; narrow it down (add LIMIT, more specific "
            "patterns) or ask the operator to raise KG_QUERY_TIMEOUT"
        )


class RowCapExceeded(Unavailable):
    def __init__(self, cap: int) -> None:
        super().__init__(
            f"the result has more than {cap} rows, the row cap of this server; add LIMIT/OFFSET to page "
            "through it, or ask the operator to raise KG_ROW_CAP"
        )


class BadRequest(ValueError):
    """The client sent something the store rejects (syntax error, unparsable RDF): HTTP 400."""


class Overloaded(Unavailable):
    retry_after = 2


class MemoryCeiling(Unavailable):
    def __init__(self, mb: int) -> None:
        super().__init__(
            f"the query needed more than {mb} MB of memory, this server's ceiling per query, and was stopped; "
            "narrow it down (add LIMIT, more specific patterns, avoid ORDER BY over large results) or ask the "
            "operator to raise KG_QUERY_MEMORY_MB"
        )


class WorkerLost(Unavailable):
    retry_after = 1

    def __init__(self) -> None:
        super().__init__(
            "the query worker stopped unexpectedly while answering (it may have crashed on this query); the "
            "server has replaced it"
        )


def syntax_message(exc: Exception) -> str:
    """A parser's message, shortened: pyoxigraph lists every expected character class."""
    text = str(exc)
    if "expected one of" in text and len(text) > 240:
        text = text[:240].rsplit(",", 1)[0] + ", …"
    return text

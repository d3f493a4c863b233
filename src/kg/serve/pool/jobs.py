"""What the web process asks a worker to do: one `Job` per request, answered by frames (see `frames`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Op = Literal["query", "select", "ask", "entity", "graph_exists", "graph_stream", "parse"]


@dataclass(frozen=True)
class Job:
    """`op` (a method `op_<op>` of the worker) with its keyword arguments."""

    op: Op
    args: dict[str, Any] = field(default_factory=dict)


# Error kinds a worker reports (frames.ERROR), turned back into exceptions by the supervisor.
BAD_REQUEST = "bad_request"
ROW_CAP = "row_cap"
NO_FORMAT = "no_format"  # the client accepts no format for the kind of result the query has (message: the kind)
FAILED = "failed"

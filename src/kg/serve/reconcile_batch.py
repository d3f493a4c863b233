"""A reconciliation query batch, read and checked: the W3C Reconciliation Service API's two shapes of it.

- v0.2 (what OpenRefine 3.8 sends): `queries` is a JSON object `{"q0": {"query", "type", "limit", "properties":
  [{"pid", "v"}]}, ...}`, in a form field (GET or POST `application/x-www-form-urlencoded`);
- the 1.0 draft: a JSON body `{"queries": [{"type", "limit", "conditions": [{"matchType": "name" | "property",
  "propertyId", "propertyValue"}]}]}` (a v0.2-style object in the list is accepted too).

Both become `Query` objects; anything malformed is a `BadRequest` naming the query and what is wrong (never a
500). A batch holds at most `MAX_BATCH` queries: OpenRefine sends 10 per request by default, and a larger batch
would hold a worker for seconds."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

from kg.serve.errors import BadRequest

MAX_BATCH = 100
MAX_CANDIDATES = 25
MAX_TYPES = 10
DEFAULT_CANDIDATES = 5
MAX_HINTS = 10
# scoring hints: the ids a client may send as `pid` (or the draft's `propertyId`) -> the field they compare
HINTS = {"birthYear": "birthYear", "camp": "camp", "recordedCamp": "camp", "placeOfOrigin": "place",
         "place": "place", "placeOfOriginAsWritten": "place"}


@dataclass
class Query:
    key: str  # "q0" in a v0.2 batch, the position in a draft batch
    text: str
    types: list[str]  # local names in the ontology, none: every type
    limit: int
    hints: dict[str, list[Any]] = field(default_factory=dict)  # field ("birthYear", "camp", "place") -> values


def local_name(type_id: str, ontology: str) -> str:
    """`Person`, `jpow:Person` or the class IRI -> `Person`."""
    for prefix in (ontology, "jpow:"):
        if type_id.startswith(prefix):
            return type_id[len(prefix):]
    return type_id


def parse_queries(raw: str) -> dict[str, Any]:
    """The form field `queries` (v0.2): a JSON object of queries by key."""
    try:
        batch = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise BadRequest(f"queries is not JSON: {str(exc) or 'nested too deep'}") from None
    if not isinstance(batch, dict):
        raise BadRequest("queries must be a JSON object of queries by key, e.g. {\"q0\": {\"query\": \"Sato\"}}")
    return batch


def _hint(key: str, pid: Any, value: Any, ontology: str) -> tuple[str, list[Any]]:
    if not isinstance(pid, str) or local_name(pid, ontology) not in HINTS:
        raise BadRequest(f"query {key}: unknown property {pid!r}; the properties used as hints are "
                         f"{', '.join(sorted(HINTS))}")
    values = value if isinstance(value, list) else [value]
    for v in values:
        if not isinstance(v, (str, int, float, bool, dict)) or \
                isinstance(v, dict) and not isinstance(v.get("id"), str):
            raise BadRequest(f"query {key}: the value of {pid} must be a string, a number or {{\"id\": ...}}")
    return HINTS[local_name(pid, ontology)], values


def _limit(key: str, value: Any) -> int:
    if value is None:
        return DEFAULT_CANDIDATES
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or \
            int(value) != value:
        raise BadRequest(f"query {key}: limit must be a whole number (got {value!r})")
    if not 1 <= value <= MAX_CANDIDATES:
        raise BadRequest(f"query {key}: limit must be between 1 and {MAX_CANDIDATES} (got {value})")
    return int(value)


def _types(key: str, value: Any, ontology: str) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    if not items or not all(isinstance(t, str) and t.strip() for t in items):
        raise BadRequest(f"query {key}: type must be a type id or a list of type ids")
    types = list(dict.fromkeys(local_name(t.strip(), ontology) for t in items))
    if len(types) > MAX_TYPES:   # each type is a search of its own
        raise BadRequest(f"query {key}: at most {MAX_TYPES} types (got {len(types)})")
    return types


def read_query(key: str, q: Any, ontology: str, max_query: int) -> Query:
    """One query of either shape, checked."""
    if not isinstance(q, dict):
        raise BadRequest(f"query {key} must be a JSON object, not {type(q).__name__}")
    text = q.get("query")
    if not isinstance(q.get("properties") or [], list):
        raise BadRequest(f"query {key}: properties must be a list of {{\"pid\", \"v\"}}")
    pairs = [(p.get("pid"), p.get("v")) if isinstance(p, dict) else (None, None) for p in q.get("properties") or []]
    conditions = q.get("conditions", [])
    if not isinstance(conditions, list) or not all(isinstance(c, dict) for c in conditions):
        raise BadRequest(f"query {key}: conditions must be a list of objects")
    for c in conditions:
        kind = c.get("matchType")
        if kind == "name":
            text = c.get("propertyValue")
        elif kind == "property":
            pairs.append((c.get("propertyId"), c.get("propertyValue")))
        else:
            raise BadRequest(f"query {key}: matchType {kind!r} is not supported (name, property)")
    if not isinstance(text, str) or not text.strip():
        raise BadRequest(f"query {key}: the query string is empty: give a name or label to reconcile")
    if len(text.strip()) > max_query:
        raise BadRequest(f"query {key}: the query has {len(text.strip())} characters; at most {max_query} are searched")
    if len(pairs) > MAX_HINTS:
        raise BadRequest(f"query {key}: at most {MAX_HINTS} properties per query")
    hints: dict[str, list[Any]] = {}
    for pid, value in pairs:
        name, values = _hint(key, pid, value, ontology)
        hints.setdefault(name, []).extend(values)
    return Query(key, text.strip(), _types(key, q.get("type"), ontology), _limit(key, q.get("limit")), hints)


def read_batch(batch: dict[str, Any] | list[Any], ontology: str, max_query: int) -> list[Query]:
    """Every query of a batch (an object by key, or the draft's list), in order (its size is checked by the
    route: over MAX_BATCH is a 413, as the spec says of `batchSize`)."""
    if not batch:
        raise BadRequest("the batch has no queries")
    items = batch.items() if isinstance(batch, dict) else ((str(i), q) for i, q in enumerate(batch))
    return [read_query(key, q, ontology, max_query) for key, q in items]

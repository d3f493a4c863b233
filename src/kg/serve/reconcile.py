"""The W3C Reconciliation Service API (issue 14): match a spreadsheet's names against the graph from OpenRefine.

Two endpoints over the same label index (`kg.search`, opened as `kg.serve.search` does):
- `/reconcile`, v0.2 (what OpenRefine 3.8 speaks): `GET` without `queries` is the manifest (JSONP with
  `callback`); `queries` as a query or form field is a batch (`kg.serve.reconcile_batch`) answered as
  `{"q0": {"result": [...]}}`; a JSON body `{"queries": [...]}` (the draft's shape) is answered in the draft's
  `{"results": [{"candidates": [...]}]}`. A POST body under another Content-Type (text/plain, or none, as some
  clients send) is read by its content: JSON when it is JSON, a form when it is `queries=...`; any other body is a
  400 with the reason, never taken for a manifest request.
- `/reconcile/draft`, the 1.0 draft: its manifest, and `POST /reconcile/draft/match`.
Both have `suggest/entity`, `suggest/type`, `suggest/property` (`prefix`) and `preview?id=` below them.

Entity ids are IRIs relative to the identifier space `{base}id/` (e.g. `camp/camp-99-spassky`), so the view URL
is this server's entity page. Scores are 0-100: match quality (exact 80, same sound 70, prefix 60, substring 45,
one typo 30) plus up to 10 for how much the graph knows of the entity, +10 for each hint (birth year, camp, place
of origin) the candidate's data agree with and -15 for each they contradict; `match` is true only for an exact
match with no contradicted hint that is 10 or more ahead of the next candidate."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi import Query as Param
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pyoxigraph import Literal, NamedNode
from starlette.exceptions import HTTPException

from kg import __version__
from kg.config import ONTOLOGY_NS
from kg.search import Hit, SearchIndex, UnknownType
from kg.search.text import normalize
from kg.serve.context import Context, ServeContext, origin
from kg.serve.errors import BadRequest
from kg.serve.reconcile_batch import MAX_BATCH, Query, local_name, parse_queries, read_batch
from kg.serve.search import MAX_QUERY, index_of
from kg.sparql_text import query_file

HINTS_QUERY = Path(__file__).with_name("sparql_queries") / "reconcile_hints.rq"
PREVIEW_QUERY = HINTS_QUERY.with_name("reconcile_preview.rq")
CANDIDATES = "<urn:jpow-kg:candidates>"  # the placeholder of HINTS_QUERY's VALUES block
QUALITY_SCORE = {4: 80.0, 3.5: 70.0, 3: 60.0, 2: 45.0, 1: 30.0}
AGREE, CONTRADICT, AHEAD = 10.0, -15.0, 10.0
DEFAULT_TYPES = ("Person", "Camp", "Place", "Organization", "Decree", "Event")
PROPERTIES = {"birthYear": "year of birth", "recordedCamp": "camp", "placeOfOrigin": "place of origin"}
PREDICATE_FIELD = {ONTOLOGY_NS + "birthYear": "birthYear", ONTOLOGY_NS + "recordedCamp": "camp",
                   ONTOLOGY_NS + "placeOfOrigin": "place", ONTOLOGY_NS + "placeOfOriginAsWritten": "place"}
PREVIEW = {"width": 400, "height": 120}
V02_DOC = (f"Without `queries`: the service manifest (v0.2; JSONP with `callback`). With `queries` (in the query "
           f"string, a form field, or a JSON body `{{\"queries\": [...]}}` in the draft's shape): candidates for each "
           f"query. At most {MAX_BATCH} queries per batch (the manifest's `batchSize`); a larger batch is a 413. "
           f"400 with a reason for malformed JSON, a query that is not an object, an empty or too long (over "
           f"{MAX_QUERY} characters) query string, an unknown type or property.")

router = APIRouter(tags=["reconciliation"])


def space(c: ServeContext) -> str:
    return c.base + "id/"


def short_id(iri: str, c: ServeContext) -> str:
    return iri.removeprefix(space(c))


def full_iri(entity_id: str, c: ServeContext) -> str:
    return entity_id if "://" in entity_id else space(c) + entity_id.lstrip("/")


def type_ref(local: str) -> dict[str, str]:
    return {"id": ONTOLOGY_NS + local, "name": local}


def name_of(hit: Hit) -> str:
    for tag in ("en", "ja-latn", "", "ja", "ru"):
        if hit.labels.get(tag):
            return hit.labels[tag][0]
    return next((vs[0] for vs in hit.labels.values() if vs), hit.matched)


def jsonp(request: Request, body: Any) -> Response:
    """JSON, or JSONP when `callback` names a JavaScript function (what OpenRefine's manifest probe sends)."""
    callback = request.query_params.get("callback")
    if callback is None:
        return JSONResponse(body)
    if not callback.replace("_", "").replace(".", "").replace("$", "").isalnum() or len(callback) > 100:
        raise BadRequest("callback must be a JavaScript function name (letters, digits, _ $ .)")
    return Response(f"/**/{callback}({json.dumps(body)});", media_type="application/javascript")


def manifest(request: Request, c: ServeContext, draft: bool) -> dict[str, Any]:
    here = origin(request)
    common = {"name": "jpow-kg: Japanese prisoners of war in the USSR", "identifierSpace": space(c),
              "schemaSpace": ONTOLOGY_NS, "documentation": here + "docs#/reconciliation",
              "serviceVersion": __version__, "batchSize": MAX_BATCH,
              "view": {"url": here + "id/{{id}}"}, "defaultTypes": [type_ref(t) for t in DEFAULT_TYPES]}
    if draft:
        return {**common, "versions": ["1.0-draft"], "suggest": {"entity": True, "type": True, "property": True},
                "preview": PREVIEW, "standardizedScore": True}
    root = here + "reconcile"
    return {**common, "versions": ["0.2"],
            "suggest": {kind: {"service_url": root, "service_path": f"/suggest/{kind}"}
                        for kind in ("entity", "type", "property")},
            "preview": {"url": root + "/preview?id={{id}}", **PREVIEW}}


@dataclass
class Facts:
    """What the graph says of a candidate, by hint field: normalised values (years, IRIs and labels)."""
    values: dict[str, set[str]]


async def facts_of(c: ServeContext, iris: list[str]) -> dict[str, Facts]:
    if not iris:
        return {}
    listed = " ".join(str(NamedNode(iri)) for iri in iris)  # IRIs from the index, written as SPARQL terms
    _, rows = await c.backend.select(HINTS_QUERY.read_text(encoding="utf-8").replace(CANDIDATES, listed))
    found: dict[str, Facts] = {}
    for row in rows:
        fact = found.setdefault(row["e"].value, Facts({}))
        values = fact.values.setdefault(PREDICATE_FIELD[row["field"].value], set())
        value = row["value"]
        values.add(value.value[:4] if PREDICATE_FIELD[row["field"].value] == "birthYear" else value.value)
        if isinstance(value, Literal):
            values.add(normalize(value.value))
        if row.get("label") is not None:
            values.add(normalize(row["label"].value))
    return found


def agrees(field: str, hint: Any, known: set[str], c: ServeContext) -> bool:
    if isinstance(hint, dict):
        return full_iri(hint["id"], c) in known or normalize(str(hint.get("name", ""))) in known
    if field == "birthYear":
        return str(hint).strip()[:4] in known
    text = normalize(str(hint))
    if not text:
        return False
    if full_iri(str(hint).strip(), c) in known or text in known:
        return True
    words = set(text.split())
    return any(words <= set(k.split()) for k in known)


def scored(query: Query, hits: list[Hit], facts: dict[str, Facts], c: ServeContext) -> list[dict[str, Any]]:
    """Candidates best first, on a 0-100 scale; `match` for a clear exact winner (see the module docstring)."""
    out: list[tuple[float, bool, Hit]] = []
    for hit in hits:
        score = QUALITY_SCORE.get(hit.quality, 30.0) + 10 * min(max(hit.score - hit.quality, 0.0), 0.99)
        contradicted = False
        known = facts.get(hit.iri, Facts({})).values
        for field, values in query.hints.items():
            if not known.get(field):
                continue  # the graph says nothing of it: no evidence either way
            if any(agrees(field, v, known[field], c) for v in values):
                score += AGREE
            else:
                score += CONTRADICT
                contradicted = True
        out.append((round(min(max(score, 0.0), 100.0), 1), contradicted, hit))
    out.sort(key=lambda t: (-t[0], t[2].iri))
    candidates = []
    for i, (score, contradicted, hit) in enumerate(out[:query.limit]):
        clear = i == 0 and (len(out) == 1 or score - out[1][0] >= AHEAD)
        candidates.append({"id": short_id(hit.iri, c), "name": name_of(hit), "score": score,
                           "match": bool(clear and hit.quality == 4 and not contradicted),
                           "type": [type_ref(hit.type)],
                           **({"description": hit.comment[:200]} if hit.comment else {})})
    return candidates


def search_one(index: SearchIndex, query: Query) -> list[Hit]:
    """The index's hits for one query, over each of its types (none: all), a few more than asked for the hints."""
    wanted = min(query.limit * 3, 50)
    found: dict[str, Hit] = {}
    try:
        for type_ in query.types or [None]:
            for hit in index.search(query.text, type_, wanted):
                if hit.iri not in found or found[hit.iri].score < hit.score:
                    found[hit.iri] = hit
    except UnknownType as exc:
        raise BadRequest(f"query {query.key}: {exc}") from None
    return sorted(found.values(), key=lambda h: (-h.score, h.iri))[:wanted]


async def reconcile(c: ServeContext, queries: list[Query]) -> list[list[dict[str, Any]]]:
    hits = await run_in_threadpool(lambda: [search_one(index_of(c), q) for q in queries])  # sqlite: off the loop
    hinted = sorted({h.iri for q, hs in zip(queries, hits) if q.hints for h in hs})
    facts = await facts_of(c, hinted)
    return [scored(q, hs, facts, c) for q, hs in zip(queries, hits)]


def json_batch(body: bytes) -> tuple[dict[str, Any] | list[Any], bool]:
    """A JSON body `{"queries": ...}`: the batch, and whether it is the draft's list shape."""
    try:
        parsed = json.loads(body or b"null")
    except (ValueError, RecursionError) as exc:
        raise BadRequest(f"the body is not JSON: {str(exc) or 'nested too deep'}") from None
    if not isinstance(parsed, dict) or not isinstance(parsed.get("queries"), (list, dict)):
        raise BadRequest("the JSON body must be {\"queries\": [...]} (a list of queries, or an object by key)")
    return parsed["queries"], isinstance(parsed["queries"], list)


def sniffed(body: bytes) -> tuple[dict[str, Any] | list[Any] | None, bool]:
    """A body whose Content-Type says neither JSON nor form (text/plain, none, ...), read by its content: JSON
    when it looks like JSON, a form when it parses as `queries=...`; None when empty (nothing sent); anything else
    is a 400 rather than a manifest that would silently drop what the client sent."""
    if not body.strip():
        return None, False
    try:
        text = body.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise BadRequest("the body is not UTF-8: send a form field queries=... or a JSON body "
                         "{\"queries\": [...]}") from None
    if text[:1] in ("{", "["):
        return json_batch(text.encode("utf-8"))
    try:
        fields = parse_qs(text, keep_blank_values=True, strict_parsing=True, errors="strict", max_num_fields=100)
    except (ValueError, UnicodeDecodeError):
        fields = {}
    if not fields.get("queries"):
        raise BadRequest("the body is neither a form with a queries field (queries=...) nor a JSON body "
                         "{\"queries\": [...]}; without queries, GET /reconcile is the manifest")
    return parse_queries(fields["queries"][0]), False


async def batch_of(request: Request) -> tuple[dict[str, Any] | list[Any] | None, bool]:
    """The batch a request carries and whether it is the draft's list shape; None when it carries none (a
    manifest request). A POST body that is sent but carries no batch is a 400, never read as no queries."""
    raw = request.query_params.get("queries")
    if request.method == "POST":
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind == "application/json":
            return json_batch(await request.body())
        if kind in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.form()
            value = form.get("queries")
            if isinstance(value, str):
                raw = value
            elif value is not None:
                raise BadRequest("the form field queries must be text (a JSON object of queries), not a file")
            elif len(form) and raw is None:
                raise BadRequest(f"the form has no queries field (it has {', '.join(sorted(form.keys())[:5])}): "
                                 "send queries=<a JSON object of queries by key>")
        else:
            batch, draft = sniffed(await request.body())
            if batch is not None:
                return batch, draft
    return (parse_queries(raw), False) if raw is not None else (None, False)


def checked(batch: dict[str, Any] | list[Any]) -> list[Query]:
    if len(batch) > MAX_BATCH:
        raise HTTPException(413, f"the batch has {len(batch)} queries; at most {MAX_BATCH} are answered per "
                                 "request (the manifest's batchSize): send the rest in further requests")
    return read_batch(batch, ONTOLOGY_NS, MAX_QUERY)


@router.api_route("/reconcile", methods=["GET", "POST"], summary="Reconciliation service (v0.2)", description=V02_DOC)
async def reconcile_v02(request: Request, c: Context,
                        queries: str | None = Param(None, description="A batch: JSON object of queries by key"),
                        callback: str | None = Param(None, description="JSONP: wrap the answer in this function")
                        ) -> Response:
    batch, draft = await batch_of(request)
    if batch is None:
        return jsonp(request, manifest(request, c, draft=False))
    queries = checked(batch)
    results = await reconcile(c, queries)
    if draft:
        return JSONResponse({"results": [{"candidates": r} for r in results]})
    return jsonp(request, {q.key: {"result": r} for q, r in zip(queries, results)})


@router.get("/reconcile/draft", summary="Reconciliation service manifest (1.0 draft)")
async def manifest_draft(request: Request, c: Context) -> Response:
    """The service manifest of the 1.0 draft, whose routes are below `/reconcile/draft/`."""
    return JSONResponse(manifest(request, c, draft=True))


@router.post("/reconcile/draft/match", summary="Reconcile a batch (1.0 draft)")
async def match_draft(request: Request, c: Context) -> Response:
    """A JSON body `{"queries": [{"conditions": [{"matchType": "name", "propertyValue": "..."}], ...}]}`:
    `{"results": [{"candidates": [...]}]}` in the same order."""
    batch, _ = await batch_of(request)
    if batch is None:
        raise BadRequest("no queries: POST a JSON body {\"queries\": [...]}")
    results = await reconcile(c, checked(batch))
    return JSONResponse({"results": [{"candidates": r} for r in results]})


def paged(prefix: str, limit: int, offset: int) -> str:
    if len(prefix) > MAX_QUERY:
        raise BadRequest(f"prefix has {len(prefix)} characters; at most {MAX_QUERY}")
    if not 1 <= limit <= 50 or not 0 <= offset <= 1000:
        raise BadRequest("limit must be between 1 and 50, offset between 0 and 1000")
    return prefix.strip()


def suggest_entity(request: Request, c: Context, prefix: str = "", limit: int = 10, offset: int = 0,
                         type: str | None = None) -> Response:
    """Entities whose labels begin with (then contain) `prefix`: `{"result": [{id, name, notable}]}`."""
    text = paged(prefix, limit, offset)
    try:
        hits = index_of(c).suggest(text, limit + offset, local_name(type, ONTOLOGY_NS) if type else None) \
            if text else []
    except UnknownType as exc:
        raise BadRequest(str(exc)) from None
    return jsonp(request, {"result": [{"id": short_id(h.iri, c), "name": name_of(h), "notable": [type_ref(h.type)]}
                                      for h in hits[offset:]]})


def suggest_type(request: Request, c: Context, prefix: str = "", limit: int = 10, offset: int = 0) -> Response:
    """The classes of the graph whose local names contain `prefix` (case-insensitive), default types first."""
    text = paged(prefix, limit, offset).casefold()
    names = sorted(index_of(c).types, key=lambda t: (t not in DEFAULT_TYPES, not t.casefold().startswith(text), t))
    return jsonp(request, {"result": [type_ref(t) for t in names if text in t.casefold()][offset:offset + limit]})


def suggest_property(request: Request, c: Context, prefix: str = "", limit: int = 10,
                           offset: int = 0) -> Response:
    """The properties reconciliation uses as scoring hints (birth year, camp, place of origin)."""
    text = paged(prefix, limit, offset).casefold()
    found = [{"id": pid, "name": name, "description": f"jpow:{pid}, compared with the candidates' {name}"}
             for pid, name in PROPERTIES.items() if text in pid.casefold() or text in name]
    return jsonp(request, {"result": found[offset:offset + limit]})


async def preview(request: Request, c: Context, id: str = "") -> Response:
    """A small HTML card of an entity: its labels in every script, its classes, and a link to its page."""
    if not id.strip():
        raise BadRequest("id is empty: give an entity id from a candidate")
    iri = full_iri(id.strip(), c)
    try:
        node = NamedNode(iri)
    except ValueError:
        raise BadRequest(f"not an entity id: {id!r}") from None
    _, rows = await c.backend.select(query_file(PREVIEW_QUERY, e=node), limit=40)
    names = list(dict.fromkeys(row["label"].value for row in rows if row.get("label") is not None))
    types = sorted({row["type"].value.rsplit("#", 1)[-1] for row in rows if row.get("type") is not None})
    if not names:
        raise HTTPException(404, f"no entity {id!r} in this graph")
    page = origin(request) + "id/" + short_id(iri, c) if iri.startswith(space(c)) else iri
    return HTMLResponse(
        f'<html><head><meta charset="utf-8"><title>{html.escape(names[0])}</title></head>'
        f'<body style="margin:0;font:14px sans-serif"><div style="padding:6px">'
        f'<a href="{html.escape(page)}" target="_blank"><b>{html.escape(names[0])}</b></a> '
        f'<span style="color:#666">{html.escape(", ".join(types))}</span>'
        f'<div>{html.escape(" · ".join(names[1:]))}</div></div></body></html>')


for root in ("/reconcile", "/reconcile/draft"):
    suffix = "draft" if root.endswith("draft") else "v02"
    router.add_api_route(f"{root}/suggest/entity", suggest_entity, methods=["GET"], name=f"suggest_entity_{suffix}")
    router.add_api_route(f"{root}/suggest/type", suggest_type, methods=["GET"], name=f"suggest_type_{suffix}")
    router.add_api_route(f"{root}/suggest/property", suggest_property, methods=["GET"],
                         name=f"suggest_property_{suffix}")
    router.add_api_route(f"{root}/preview", preview, methods=["GET"], name=f"preview_{suffix}",
                         response_class=HTMLResponse)

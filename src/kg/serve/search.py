"""Search by name: `GET /api/search` and `/api/suggest` (JSON), `GET /search` (the HTML page).

Each build's label index (`kg.search`, `search.sqlite` in the build directory) is opened read-only beside the
store the server serves, per thread, and again when a rebuild switched the store. `q` is capped at
`MAX_QUERY` characters; an empty `q`, a longer one, an unknown `type` or a `limit` out of range is a 400 with
the reason. A store without an index (a remote one, or one not made by `kg build`): 404 with the fix."""

from __future__ import annotations

import threading
from pathlib import Path

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from pyoxigraph import Literal, NamedNode
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from kg.search import INDEX_FILE, Hit, SearchIndex, UnknownType
from kg.serve.context import Context, ServeContext
from kg.serve.errors import BadRequest
from kg.serve.labels import languages, pick
from kg.serve.resources import link
from kg.store.embedded import resolve

MAX_QUERY = 200
MAX_LIMIT = 50
SNIPPET = 240
EVIDENCE_QUERY = Path(__file__).with_name("sparql_queries") / "search_evidence.rq"
RESULTS = "<urn:jpow-kg:results>"  # the placeholder of EVIDENCE_QUERY's VALUES block

router = APIRouter()
_open = threading.local()


class SearchResult(BaseModel):
    id: str = Field(description="The entity's IRI")
    label: str = Field(description="Its label in the language the request's Accept-Language prefers")
    type: str = Field(description="Its class (local name in the jpow ontology), e.g. PrisonerOfWar")
    score: float = Field(description="Match quality (4 exact, 3.5 same sound, 3 prefix, 2 substring, 1 one "
                                     "edit) plus how much the graph knows of it (< 0.5) and 0.5 for a matching "
                                     "birth year")


class Suggestion(SearchResult):
    url: str = Field(description="Its page on this server")


class NoIndex(HTTPException):
    """This store has no label index (made before the index existed, or not by `kg build`; or a remote store):
    404 with the reason and the fix. Not a 503: waiting does not help, a rebuild does."""

    def __init__(self, reason: str) -> None:
        super().__init__(404, reason)


def index_of(c: ServeContext) -> SearchIndex:
    """The index of the build the store path points to now, one connection per thread (each thread's own
    SQLite connection: no lock between requests). After a rebuild a thread closes its old connection when it
    next serves a search, so a deleted build's index file is released then."""
    path = getattr(c.backend, "path", None)
    if path is None:
        raise NoIndex("search needs the label index of an embedded store (`kg build`); this server reads a remote one")
    build = resolve(Path(path))
    current = getattr(_open, "index", None)
    if current is None or current.path != build / INDEX_FILE:
        try:
            fresh = SearchIndex(build / INDEX_FILE)
        except FileNotFoundError as exc:
            raise NoIndex(str(exc)) from None
        if current is not None:
            current.close()
        _open.index = current = fresh
    return current


def checked(q: str, limit: int) -> str:
    q = q.strip()
    if not q:
        raise BadRequest("q is empty: give a name, a label, a number or a year to search for")
    if len(q) > MAX_QUERY:
        raise BadRequest(f"q has {len(q)} characters; at most {MAX_QUERY} are searched")
    if not 1 <= limit <= MAX_LIMIT:
        raise BadRequest(f"limit must be between 1 and {MAX_LIMIT} (got {limit})")
    return q


def label_of(hit: Hit, langs: list[str]) -> str:
    literals = [Literal(v, language=tag) if tag else Literal(v) for tag, vs in hit.labels.items() for v in vs]
    chosen = pick(literals, langs)
    return chosen.value if chosen is not None else hit.matched


def run_search(c: ServeContext, q: str, type_: str | None, limit: int) -> list[Hit]:
    try:
        return index_of(c).search(checked(q, limit), type_ or None, limit)
    except UnknownType as exc:
        raise BadRequest(str(exc)) from None


QDOC = f"What to look for: a name in any script (kanji, kana, romaji with or without macrons, Cyrillic), a label, " \
       f"a camp number ('camp 99'), a name with a birth year; at most {MAX_QUERY} characters"


@router.get("/api/search", response_model=list[SearchResult], tags=["search"])
def api_search(request: Request, c: Context, q: str = Query("", description=QDOC),
               type: str | None = Query(None, description="Only entities of this class or its subclasses, e.g. "
                                                          "Person, PrisonerOfWar, Camp, Place, Organization"),
               limit: int = Query(10, description=f"At most this many results (1-{MAX_LIMIT})")) -> list[SearchResult]:
    """Entities whose labels match `q`, best first: exact label, then prefix, substring, one typo (in words of
    5+ characters); ties broken by how much the graph knows of the entity. 400 with a reason for an empty or too
    long `q`, an unknown `type`, a `limit` out of range."""
    langs = languages(request.headers.get("accept-language"))
    return [SearchResult(id=h.iri, label=label_of(h, langs), type=h.type, score=h.score)
            for h in run_search(c, q, type, limit)]


@router.get("/api/suggest", response_model=list[Suggestion], tags=["search"])
def api_suggest(request: Request, c: Context, q: str = Query("", description=QDOC),
                limit: int = Query(8, description=f"At most this many suggestions (1-{MAX_LIMIT})")
                ) -> list[Suggestion]:
    """Autocomplete: entities with a label that is or begins with `q`, then that contains it."""
    langs = languages(request.headers.get("accept-language"))
    return [Suggestion(id=h.iri, label=label_of(h, langs), type=h.type, score=h.score,
                       url=link(h.iri, request, c.base)) for h in index_of(c).suggest(checked(q, limit), limit)]


async def evidence(c: ServeContext, iris: list[str]) -> dict[str, str]:
    """One line of evidence per entity: its source's title, the page or sheet, and a quote when text says it
    (a quote first, then a located citation, then any source)."""
    if not iris:
        return {}
    listed = " ".join(str(NamedNode(iri)) for iri in iris)
    _, rows = await c.backend.select(EVIDENCE_QUERY.read_text(encoding="utf-8").replace(RESULTS, listed))
    best: dict[str, tuple[int, str]] = {}
    for row in rows:
        title = row.get("title") or row["source"]
        page, quote = row.get("page"), row.get("quote")
        line = ", ".join(t.value for t in (title, page) if t is not None)
        if quote is not None:
            line += f": “{quote.value[:SNIPPET]}”"
        rank = 2 if quote is not None else 1 if page is not None else 0
        if row["e"].value not in best or best[row["e"].value][0] < rank:
            best[row["e"].value] = (rank, line)
    return {iri: line for iri, (_, line) in best.items()}


@router.get("/search", name="search_page", include_in_schema=False)
async def search_page(request: Request, c: Context, q: str = "", type: str | None = None) -> Response:
    langs = languages(request.headers.get("accept-language"))
    try:
        hits = await run_in_threadpool(run_search, c, q, type, 20) if q.strip() else []
    except BadRequest as exc:   # the page again, with the reason, for a reader who mistyped a type
        return c.templates.TemplateResponse(request, "search.html", {"q": q, "type": type or "", "results": [],
                                                                     "error": str(exc)}, status_code=400)
    cited = await evidence(c, [h.iri for h in hits])
    results = [{"label": label_of(h, langs), "type": h.type, "href": link(h.iri, request, c.base), "iri": h.iri,
                "matched": h.matched, "comment": (h.comment or "")[:SNIPPET], "evidence": cited.get(h.iri),
                "score": h.score} for h in hits]
    return c.templates.TemplateResponse(request, "search.html", {"q": q, "type": type or "", "results": results},
                                        headers={"Vary": "Accept-Language"})

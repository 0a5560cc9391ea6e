"""The REST API over the store: read endpoints under ``/api/`` and ``POST /api/articles`` to ingest one article.

Every read answers ``{"data": [...], "count": N}``, ``count`` being how many match the filters in all, not the
size of the page; ``limit`` and ``offset`` page through them. The queries are the repository's (the ones the
``events``, ``stories``, ``story`` and ``entity`` commands use) and the graph is the one :mod:`allywatch.export`
draws, counted by the store (:meth:`Repository.cooperation`), so the API, the command line and the exports agree.
A parameter that is wrong is answered with a 4xx and a message that says what is wrong (``{"detail": "..."}``),
never a 500.

Writes need ``Authorization: Bearer TOKEN`` when a write token is set (``ALLYWATCH_TOKEN``); reads are open unless a
read token is set (``serve --read-token``), and the write token opens them too. Tokens are compared in constant
time. Request bodies are capped (5 MB by default: 413 beyond). JSON is written with ``<``, ``>`` and ``&``
escaped (``\\u003c``...), and every response says ``X-Content-Type-Options: nosniff``, so an article's HTML is
only ever data.

The app also serves the analyst dashboard at ``/`` (static HTML, JavaScript and CSS in ``static/``, which call
the read endpoints) and the OpenAPI docs at ``/docs``, both with their scripts from ``static/vendor/`` (copied in
by ``scripts/vendor_js.sh``): no page asks for anything from another host.

This module needs the ``api`` extra (FastAPI); nothing else in the package imports it.
"""

# no ``from __future__ import annotations`` here: FastAPI reads the endpoints' annotations at run time

import datetime as dt
import hashlib
import hmac
import json
import logging
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from allywatch import __version__
from allywatch.errors import InputError, StoreError
from allywatch.kb.loader import KnowledgeBase
from allywatch.kb.lookup import offices_of
from allywatch.model import Article, Rejected
from allywatch.settings import Settings
from allywatch.store.repository import Repository, check_period, content_hash

log = logging.getLogger(__name__)

#: Rows a page holds unless ``limit`` says otherwise, and the most it may say.
DEFAULT_LIMIT, MAX_LIMIT = 50, 500
#: The graph's page is of edges, the timeline's of months: both are small rows, so their pages are larger.
GRAPH_LIMIT, GRAPH_MAX_LIMIT = 1000, 10_000
TIMELINE_LIMIT, TIMELINE_MAX_LIMIT = 240, 2400
MAX_OFFSET = 1_000_000_000
#: The largest request body taken (413 beyond).
MAX_BODY = 5_000_000
MAX_PARTIES = 20
#: Entity types the pipeline gives (nlp/entities.py).
ENTITY_TYPES = ("country", "location", "org", "person", "place", "program")
#: Content types ``POST /api/articles`` takes, and the input format each is read as.
BODY_FORMATS = {"application/json": ".json", "text/plain": ".txt", "text/html": ".html",
                "application/xhtml+xml": ".html"}
INSTALL_HINT = "pip install 'allywatch[api]'"
#: The dashboard's files and the scripts it and /docs run (``scripts/vendor_js.sh`` copies those in).
STATIC = Path(__file__).resolve().parent / "static"
#: What the dashboard's page may load: its own files and the API, nothing from elsewhere, no inline script.
DASHBOARD_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                 "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
                 "form-action 'self'")


class SafeJSONResponse(JSONResponse):
    """JSON with ``<``, ``>`` and ``&`` escaped inside strings: the same data, but no byte of it reads as HTML."""

    def render(self, content: Any) -> bytes:
        text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode("utf-8")


@dataclass
class Context:
    """What the endpoints share: the store, the settings ingest runs with, the knowledge base and the tokens."""

    repo: Repository
    settings: Settings
    kb: KnowledgeBase
    read_token: str | None = None
    write_token: str | None = None
    max_body: int = MAX_BODY
    event_types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    ingest_lock: threading.Lock = field(default_factory=threading.Lock)


def create_app(repo: Repository, settings: Settings | None = None, *, read_token: str | None = None,
               write_token: str | None = None, max_body: int = MAX_BODY, kb: KnowledgeBase | None = None) -> FastAPI:
    """The API over ``repo`` (which the caller opens and closes). ``settings`` are those ``POST /api/articles``
    extracts with (default: :meth:`Settings.load`); ``write_token`` guards writes, ``read_token`` reads too;
    bodies over ``max_body`` bytes are refused."""
    from allywatch.nlp.frames import EVENT_TYPES, STATUSES

    settings = settings or Settings.load()
    context = Context(repo=repo, settings=settings, kb=kb or KnowledgeBase.load(settings.kb_extra),
                      read_token=read_token or None, write_token=write_token or None, max_body=max_body,
                      event_types=tuple(EVENT_TYPES), statuses=tuple(STATUSES))
    app = FastAPI(title="allywatch", version=__version__, default_response_class=SafeJSONResponse,
                  docs_url=None, redoc_url=None,
                  description="Defence-industrial cooperation between states, as a knowledge base: articles, "
                              "stories, consolidated events with their evidence sentences, entities, the "
                              "cooperation graph and timelines. Reads answer `{\"data\": [...], \"count\": N}`, "
                              "`count` being the total that match; `limit` and `offset` page through them.")
    app.state.allywatch = context
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(InputError, _input_error)
    app.add_exception_handler(StoreError, _store_error)
    app.add_exception_handler(SQLAlchemyError, _store_error)
    app.include_router(router)
    app.add_api_route("/", _dashboard, include_in_schema=False)
    app.add_api_route("/docs", _docs, include_in_schema=False)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(Guard, max_body=max_body)
    return app


# ---- errors ----------------------------------------------------------------------------------------------------


async def _http_error(_: Request, error: Exception) -> SafeJSONResponse:
    assert isinstance(error, StarletteHTTPException)
    return SafeJSONResponse({"detail": error.detail}, status_code=error.status_code,
                            headers=getattr(error, "headers", None))


async def _validation_error(_: Request, error: Exception) -> SafeJSONResponse:
    """A 422 whose ``detail`` is one readable line ("limit: Input should be less than or equal to 500"), with the
    errors one by one in ``errors``."""
    assert isinstance(error, RequestValidationError)
    errors = [{"loc": [str(part) for part in e.get("loc", ())], "msg": str(e.get("msg", "")),
               "type": str(e.get("type", ""))} for e in error.errors()]
    lines = [f"{_where(e['loc'])}: {e['msg']}" for e in errors]
    return SafeJSONResponse({"detail": "; ".join(lines) or "invalid request", "errors": errors}, status_code=422)


def _where(loc: Sequence[str]) -> str:
    parts = loc[1:] if loc and loc[0] in {"query", "path", "body", "header"} else loc
    return ".".join(parts) or (loc[0] if loc else "request")


async def _input_error(_: Request, error: Exception) -> SafeJSONResponse:
    return SafeJSONResponse({"detail": str(error)}, status_code=422)


async def _store_error(_: Request, error: Exception) -> SafeJSONResponse:
    log.error("store error: %s", error)
    return SafeJSONResponse({"detail": "the store could not be reached or read; try again later"}, status_code=503)


def _unprocessable(message: str) -> HTTPException:
    return HTTPException(status_code=422, detail=message)


class Guard:
    """Refuses a body whose declared length is over the cap (413) before it is read, and marks every response
    ``X-Content-Type-Options: nosniff``. (A body sent without a length is counted as it is read.)"""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY) -> None:
        self.app, self.max_body = app, max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                size = -1
            if size < 0:
                await SafeJSONResponse({"detail": "Content-Length is not a number of bytes"},
                                       status_code=400)(scope, receive, send)
                return
            if size > self.max_body:
                await _too_large(self.max_body)(scope, receive, send)
                return

        async def send_nosniff(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"x-content-type-options", b"nosniff")]
            await send(message)

        await self.app(scope, receive, send_nosniff)


def _too_large(limit: int) -> SafeJSONResponse:
    return SafeJSONResponse({"detail": f"the request body is over the limit of {limit} bytes"}, status_code=413)


# ---- access ----------------------------------------------------------------------------------------------------


def context(request: Request) -> Context:
    """The API's shared state."""
    found: Context = request.app.state.allywatch
    return found


Ctx = Annotated[Context, Depends(context)]


def _bearer(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _check_token(request: Request, *tokens: str | None) -> None:
    """Pass when the request's bearer token is one of ``tokens`` (each compared in constant time); 401 if not."""
    given = _bearer(request)
    if given is None:
        raise HTTPException(401, "this needs a token: send 'Authorization: Bearer TOKEN'",
                            headers={"WWW-Authenticate": "Bearer"})
    matched = False
    for token in tokens:
        if token:
            matched |= hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))
    if not matched:
        raise HTTPException(401, "the bearer token is not the server's token",
                            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})


def require_read(request: Request, ctx: Ctx) -> None:
    """Reads are open unless a read token is set; then the read or the write token opens them."""
    if ctx.read_token:
        _check_token(request, ctx.read_token, ctx.write_token)


def require_write(request: Request, ctx: Ctx) -> None:
    """Writes need the write token when one is set (or else the read token when that one is)."""
    needed = ctx.write_token or ctx.read_token
    if needed:
        _check_token(request, needed)


router = APIRouter(prefix="/api", dependencies=[Depends(require_read)],
                   responses={401: {"description": "A token is needed and was not given, or is wrong"},
                              422: {"description": "A parameter is wrong; `detail` says which and why"}})


# ---- parameters ------------------------------------------------------------------------------------------------


def _text(value: str | None, name: str) -> str | None:
    """A text parameter, stripped; ``None`` when empty; 422 when it holds a NUL (no store takes one)."""
    if value is None:
        return None
    if "\x00" in value:
        raise _unprocessable(f"{name} holds a NUL character")
    return value.strip() or None


def _choice(value: str | None, allowed: tuple[str, ...], name: str) -> str | None:
    value = _text(value, name)
    if value is not None and value not in allowed:
        raise _unprocessable(f"unknown {name} {value!r}; use one of: {', '.join(allowed)}")
    return value


def _parties(ctx: Context, values: list[str] | None, name: str = "party") -> list[str]:
    codes = [code.upper() for code in (_text(v, name) for v in values or []) if code]
    if len(codes) > MAX_PARTIES:
        raise _unprocessable(f"at most {MAX_PARTIES} {name} values")
    unknown = [code for code in codes if code not in ctx.kb.parties]
    if unknown:
        raise _unprocessable(f"unknown {name} {unknown[0]!r}: give a party code, e.g. JPN, USA, EU or NATO")
    return codes


def _period(value: str | None, name: str) -> str | None:
    value = _text(value, name)
    return None if value is None else check_period(value, name)  # InputError: 422 with what is wrong


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Rows in the page (at most {MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip before the page.")]
PartyQuery = Annotated[list[str] | None, Query(description="A party code (JPN, USA, EU, NATO...); repeat it for "
                                                           "events every given party takes part in.")]
SinceQuery = Annotated[str | None, Query(max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD: the event's "
                                                                    "date or last sighting on or after it.")]
UntilQuery = Annotated[str | None, Query(max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD: the event's "
                                                                    "date or first sighting on or before it "
                                                                    "(the whole period: 2024-04 takes April 30).")]
WordsQuery = Annotated[str | None, Query(max_length=500, description="Words that must all appear (any case).")]


@dataclass(frozen=True)
class EventFilters:
    """The filters of ``/api/events``, checked, as :meth:`Repository.iter_events` takes them."""

    party: tuple[str, ...] = ()
    type: str | None = None
    status: str | None = None
    since: str | None = None
    until: str | None = None
    program: str | None = None
    q: str | None = None

    def kwargs(self) -> dict[str, Any]:
        return {"party": list(self.party), "type": self.type, "status": self.status, "since": self.since,
                "until": self.until, "program": self.program, "q": self.q}


def event_filters(
    ctx: Ctx,
    party: PartyQuery = None,
    type: Annotated[str | None, Query(max_length=40, description="An event type, e.g. co_production.")] = None,
    status: Annotated[str | None, Query(max_length=40, description="proposed, planned, agreed, ongoing or "
                                                                   "completed.")] = None,
    since: SinceQuery = None,
    until: UntilQuery = None,
    program: Annotated[str | None, Query(max_length=255, description="A programme, e.g. Tomahawk (any case).")]
    = None,
    q: Annotated[str | None, Query(max_length=500, description="Words that must all appear in the event's item, "
                                                               "programme or evidence sentences (any case).")]
    = None,
) -> EventFilters:
    """The event filters of a request, checked: 422 naming the parameter and the allowed values when wrong."""
    return EventFilters(party=tuple(_parties(ctx, party)), type=_choice(type, ctx.event_types, "type"),
                        status=_choice(status, ctx.statuses, "status"), since=_period(since, "since"),
                        until=_period(until, "until"), program=_text(program, "program"), q=_text(q, "q"))


Filters = Annotated[EventFilters, Depends(event_filters)]


class Page(BaseModel):
    """A page of rows and how many rows match in all."""

    data: list[dict[str, Any]] = Field(description="The rows of this page.")
    count: int = Field(description="How many rows match the filters in all (not the size of this page).")


class GraphPage(Page):
    """A page of the cooperation graph's edges, with every node of the graph."""

    nodes: list[dict[str, Any]] = Field(description="Every party of the graph: id (its code), name, label and "
                                                    "the number of events it takes part in.")
    events: int = Field(description="The consolidated events the graph is made of.")


class TimelinePage(Page):
    """Months with their events by type, and the events no dated source reports."""

    undated: dict[str, Any] = Field(description="Events without a dated source: total and types.")


def _page(data: list[dict[str, Any]], count: int) -> dict[str, Any]:
    return {"data": data, "count": count}


# ---- reads -----------------------------------------------------------------------------------------------------


@router.get("/events", response_model=Page, summary="Consolidated events")
def list_events(ctx: Ctx, filters: Filters, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    """Consolidated events, newest first, each with its parties, roles, status, item, programme, date, amount,
    first and last sighting, outlets, conflicts and sources (doc, outlet, url, published and the evidence
    sentences with their offsets in the article's text)."""
    rows = ctx.repo.events(**filters.kwargs(), limit=limit, offset=offset, urls=True)
    return _page(rows, ctx.repo.count_events(**filters.kwargs()))


@router.get("/articles", response_model=Page, summary="Articles")
def list_articles(
    ctx: Ctx,
    story: Annotated[str | None, Query(max_length=40, description="A story id.")] = None,
    source: Annotated[str | None, Query(max_length=300, description="An outlet, e.g. AP (any case).")] = None,
    party: Annotated[list[str] | None, Query(description="A party the article names; repeatable (all).")] = None,
    since: Annotated[str | None, Query(max_length=10, description="Published on or after: YYYY[-MM[-DD]].")]
    = None,
    until: Annotated[str | None, Query(max_length=10, description="Published on or before: YYYY[-MM[-DD]].")]
    = None,
    q: WordsQuery = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Stored articles, newest first, without their text: doc, title, outlet, url, publication date (and whether
    it was inferred from the story), story, and how many events and entities were extracted."""
    filters: dict[str, Any] = {"story": _text(story, "story"), "source": _text(source, "source"),
                               "party": _parties(ctx, party), "since": _period(since, "since"),
                               "until": _period(until, "until"), "q": _text(q, "q")}
    return _page(ctx.repo.articles(**filters, limit=limit, offset=offset), ctx.repo.count_articles(**filters))


@router.get("/articles/{doc:path}", response_model=Page, summary="One article with its extraction")
def get_article(ctx: Ctx, doc: str) -> dict[str, Any]:
    """The article(s) stored under the doc id ``doc``, each with its cleaned text and its extraction as stored:
    entities (with the offsets of every mention), events (with their evidence sentences and offsets), amounts,
    dates and quotes."""
    found = ctx.repo.article(_text(doc, "doc") or "")
    if not found:
        raise HTTPException(404, f"no article {doc!r}; /api/articles lists them")
    return _page(found, len(found))


@router.get("/stories", response_model=Page, summary="Stories")
def list_stories(ctx: Ctx, party: PartyQuery = None, since: SinceQuery = None, until: UntilQuery = None,
                 q: WordsQuery = None, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    """Stories (one real-world development each), newest first, with how many articles and outlets reported
    them; ``party`` keeps those with an event all the given parties take part in, ``q`` matches the title."""
    filters: dict[str, Any] = {"party": _parties(ctx, party), "since": _period(since, "since"),
                               "until": _period(until, "until"), "q": _text(q, "q")}
    return _page(ctx.repo.stories(**filters, limit=limit, offset=offset), ctx.repo.count_stories(**filters))


@router.get("/stories/{story_id}", response_model=Page, summary="One story: sources side by side")
def get_story(ctx: Ctx, story_id: str) -> dict[str, Any]:
    """A story: its articles side by side (outlet, date, figures and dates each gives), its consolidated events
    with their sources and conflicts, and the figures sources convert differently."""
    found = ctx.repo.story(_text(story_id, "story id") or "")
    if found is None:
        raise HTTPException(404, f"no story {story_id!r}; /api/stories lists them")
    return _page([found], 1)


@router.get("/entities", response_model=Page, summary="Entities")
def list_entities(
    ctx: Ctx,
    type: Annotated[str | None, Query(max_length=40, description=f"One of {', '.join(ENTITY_TYPES)}.")] = None,
    party: Annotated[str | None, Query(max_length=8, description="The entity's party, e.g. JPN.")] = None,
    q: WordsQuery = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Entities (people, organisations, programmes, places, countries), one per name, those in the most articles
    first; ``name`` is the id ``/api/entities/{name}`` takes."""
    codes = _parties(ctx, [party] if party is not None else None)
    filters: dict[str, Any] = {"type": _choice(type, ENTITY_TYPES, "type"), "party": codes[0] if codes else None,
                               "q": _text(q, "q")}
    return _page(ctx.repo.entities(**filters, limit=limit, offset=offset), ctx.repo.count_entities(**filters))


@router.get("/entities/{name:path}", response_model=Page, summary="One entity: offices, events, parties")
def get_entity(ctx: Ctx, name: str, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    """An entity by its name (any case): its type and party, a person's offices and terms from the knowledge
    base, the articles and stories it appears in, the parties it appears with (and how often), and the events of
    its stories (``limit`` and ``offset`` page through them; ``events_count`` says how many there are)."""
    found = ctx.repo.entity(_text(name, "name") or "", events_limit=limit, events_offset=offset)
    if found is None:
        raise HTTPException(404, f"no entity named {name!r} in the store; /api/entities lists them")
    found["offices"] = offices_of(ctx.kb, found["name"]) if found["type"] == "person" else []
    return _page([found], 1)


@router.get("/graph", response_model=GraphPage, summary="The cooperation graph")
def graph(ctx: Ctx, filters: Filters, limit: Annotated[int, Query(ge=1, le=GRAPH_MAX_LIMIT)] = GRAPH_LIMIT,
          offset: Offset = 0) -> dict[str, Any]:
    """Parties as nodes; for each pair of parties and event type an edge with ``weight`` (the consolidated
    events of that type both take part in), ``outlets`` (distinct outlets reporting them), ``directed_events``
    (those giving the two distinct roles), and ``first_seen`` and ``last_seen`` (the earliest and latest sighting
    of those events; null when none was dated), heaviest first; made of the events the filters keep (as
    ``/api/events`` filters them), as ``allywatch export --format graphml`` draws it; the store counts it without
    reading any event whole."""
    found = ctx.repo.cooperation(**filters.kwargs())
    edges = sorted(found.edges.items(), key=lambda item: (-item[1].events, item[0]))
    names = {code: party.name for code, party in ctx.kb.parties.items()}
    data = [{"source": a, "target": b, "type": kind, "weight": edge.events, "outlets": len(edge.outlets),
             "directed_events": edge.directed, "first_seen": edge.first_seen, "last_seen": edge.last_seen}
            for (a, b, kind), edge in edges[offset:offset + limit]]
    nodes = [{"id": code, "name": names.get(code), "label": names.get(code, code), "events": n}
             for code, n in sorted(found.parties.items())]
    return {"data": data, "count": len(edges), "nodes": nodes, "events": found.events}


@router.get("/timeline", response_model=TimelinePage, summary="Events per month by type")
def timeline(ctx: Ctx, filters: Filters,
             limit: Annotated[int, Query(ge=1, le=TIMELINE_MAX_LIMIT)] = TIMELINE_LIMIT,
             offset: Offset = 0) -> dict[str, Any]:
    """How many consolidated events were first reported each month, by type, oldest month first: for a party
    (``party=JPN``), a pair (``party=JPN&party=USA``) or any filters of ``/api/events``. Events no dated source
    reports are counted in ``undated``."""
    months: dict[str, Counter[str]] = {}
    undated: Counter[str] = Counter()
    for month, kind, n in ctx.repo.event_months(**filters.kwargs()):
        (undated if month is None else months.setdefault(month, Counter()))[kind] += n
    data = [{"month": month, "total": sum(types.values()), "types": dict(sorted(types.items()))}
            for month, types in sorted(months.items())]
    return {"data": data[offset:offset + limit], "count": len(data),
            "undated": {"total": sum(undated.values()), "types": dict(sorted(undated.items()))}}


@router.get("/vocabulary", response_model=Page, summary="The values the filters take")
def vocabulary(ctx: Ctx) -> dict[str, Any]:
    """The values of the filters that take one of a fixed set: ``type`` and ``status`` of events (``/api/events``,
    ``/api/graph``, ``/api/timeline``) and ``entity_type`` (the ``type`` of ``/api/entities``), each as
    ``{"name": ..., "values": [...]}``."""
    data = [{"name": "type", "values": list(ctx.event_types)}, {"name": "status", "values": list(ctx.statuses)},
            {"name": "entity_type", "values": list(ENTITY_TYPES)}]
    return _page(data, len(data))


# ---- writes ----------------------------------------------------------------------------------------------------


class ArticleIn(BaseModel):
    """One article to ingest, as a record of a JSON Lines input: ``text`` or ``html``, and optionally the rest."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="The article's plain text (a 'Key: value' header block is read).")
    html: str | None = Field(None, description="Or the article's web page; its main text is extracted.")
    doc: str | None = Field(None, min_length=1, max_length=200, description="Its id (default: from its content).")
    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=2000)
    published: str | None = Field(None, max_length=40, description="Its publication date, e.g. 2025-05-22.")
    source: str | None = Field(None, max_length=300, description="The outlet.")

    @field_validator("*")
    @classmethod
    def _no_nul(cls, value: str | None) -> str | None:
        if value is not None and "\x00" in value:
            raise ValueError("holds a NUL character")
        return value

    @model_validator(mode="after")
    def _text_or_html(self) -> "ArticleIn":
        if (self.text is None) == (self.html is None):
            raise ValueError("give the article as 'text' or as 'html' (one of them)")
        return self


ARTICLE_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": ArticleIn.model_json_schema()},
        "text/plain": {"schema": {"type": "string", "description": "The article as a .txt file would hold it."}},
        "text/html": {"schema": {"type": "string", "description": "The article's web page."}},
    },
}


@router.post("/articles", status_code=201, response_model=Page, summary="Ingest one article",
             dependencies=[Depends(require_write)], openapi_extra={"requestBody": ARTICLE_BODY},
             responses={200: {"description": "The article was stored already"},
                        201: {"description": "The article was extracted and stored"},
                        413: {"description": "The body is over the size limit"},
                        415: {"description": "The content type is not JSON, plain text or HTML"},
                        422: {"description": "The body is malformed, or the article was rejected (why in detail)"}})
async def post_article(request: Request, ctx: Ctx,
                       doc: Annotated[str | None, Query(max_length=200, description="The id of a raw text or HTML "
                                                                                    "body (default: from its "
                                                                                    "content).")] = None,
                       ) -> SafeJSONResponse:
    """Extract one article and store it, with its story and the story's re-consolidated events, as
    ``allywatch ingest`` does: a JSON object (``text`` or ``html``, and optionally ``doc``, ``title``, ``url``,
    ``published``, ``source``), or the raw article as ``text/plain`` or ``text/html``. An article stored already
    (the same text) is not stored again: 200 instead of 201."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    suffix = BODY_FORMATS.get("application/json" if kind.endswith("+json") else kind)
    if suffix is None:
        raise HTTPException(415, f"send the article as {', '.join(BODY_FORMATS)}, not {kind or 'no content type'}")
    body = await _read_body(request, ctx.max_body)
    # reading (an HTML page is parsed) and extracting are slow: both run off the event loop
    item = await run_in_threadpool(_article_from_body, body, suffix, _text(doc, "doc"), ctx.settings)
    if isinstance(item, Rejected):
        raise _unprocessable(f"the article was rejected: {item.reason}")
    report = await run_in_threadpool(_ingest, ctx, item)
    if report.rejected:
        raise _unprocessable(f"the article was rejected: {report.rejected[0].reason}")
    stored = ctx.repo.article_by_hash(content_hash(item.text))
    if stored is None:  # only if it was deleted in between
        raise HTTPException(409, "the article was stored and is gone again; send it again")
    stored["stored"] = report.stored > 0
    return SafeJSONResponse(_page([stored], 1), status_code=201 if report.stored else 200,
                            headers={"Location": f"/api/articles/{quote(stored['doc'], safe='')}"})


async def _read_body(request: Request, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"the request body is over the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _article_from_body(body: bytes, suffix: str, doc: str | None, settings: Settings) -> Article | Rejected:
    """The article a request body holds, read by the readers ``allywatch ingest`` reads files and records with."""
    from allywatch.ingest import read_bytes
    from allywatch.ingest.readers import article_from_record

    if suffix == ".json":
        try:
            record = ArticleIn.model_validate_json(body)
        except ValidationError as error:
            raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in error.errors()]) from None
        fields = record.model_dump(exclude_none=True)
        fields["id"] = fields.pop("doc", None) or _default_doc(body)
        return article_from_record(fields, "api", 1, settings)
    if b"\x00" in body:
        return Rejected(origin="api", reason="binary content (NUL bytes), not text")
    today = dt.date.fromisoformat(settings.today) if settings.today else KnowledgeBase.as_of()
    items = list(read_bytes(body, "api", doc or _default_doc(body), settings, today, suffix))
    if len(items) != 1:
        return Rejected(origin="api", reason="the body holds no article" if not items else "one article a request")
    return items[0]


def _default_doc(body: bytes) -> str:
    return "api-" + hashlib.sha256(body).hexdigest()[:16]


def _ingest(ctx: Context, item: Article) -> Any:
    """Store one article through the ingest path; one ingest at a time (stories are clustered against the store)."""
    from allywatch.store.ingest import ingest_items

    with ctx.ingest_lock:
        return ingest_items([item], ctx.repo, ctx.settings, batch_size=1)


# ---- pages ------------------------------------------------------------------------------------------------------


def _dashboard() -> FileResponse:
    """The analyst dashboard: one page whose script reads the API (``static/app.js``)."""
    return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8",
                        headers={"Content-Security-Policy": DASHBOARD_CSP, "Cache-Control": "no-cache"})


def _docs(request: Request) -> HTMLResponse:
    """Swagger UI over ``/openapi.json``, with its script, style and icon from ``static/``."""
    root = request.scope.get("root_path", "").rstrip("/")
    return get_swagger_ui_html(openapi_url=f"{root}/openapi.json", title="allywatch API",
                               swagger_js_url=f"{root}/static/vendor/swagger-ui/swagger-ui-bundle.js",
                               swagger_css_url=f"{root}/static/vendor/swagger-ui/swagger-ui.css",
                               swagger_favicon_url=f"{root}/static/favicon.svg", oauth2_redirect_url=None,
                               swagger_ui_parameters={"validatorUrl": None})

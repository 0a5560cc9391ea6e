"""``/api/graph`` and ``/api/timeline`` as the store counts them: byte for byte what they answered when they read
every event whole (that implementation is kept here as the reference), on the sample corpus ingested for real and
on a synthetic store of stories whose events are reported by all their outlets or by some, with odd rows (no
outlet, an empty outlet, no sources, no dates, roles of null, a party twice), on SQLite and on PostgreSQL. The
graph must read no event whole."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from itertools import combinations
from typing import Any

import pytest
from benchmarks.api_graph import build
from fastapi.testclient import TestClient
from sqlalchemy import event, insert, select

from allywatch.api.app import SafeJSONResponse, create_app
from allywatch.export import cooperation_graph, event_row
from allywatch.kb.loader import KnowledgeBase
from allywatch.store.repository import Repository, _new_tally, _tally, event_search_text
from allywatch.store.tables import ArticleRow, KbEventRow, KbEventSourceRow, StoryRow
from tests.api.conftest import SETTINGS, fresh_database

#: Filters and pages the dashboard and the API's users ask for (the slider asks ``until`` a month, 300 edges).
QUERIES: list[dict[str, Any]] = [
    {}, {"limit": 3, "offset": 2}, {"limit": 300, "until": "2018-06"}, {"until": "2024-04"}, {"until": "2013"},
    {"since": "2025"}, {"since": "2023-01", "until": "2023-12", "type": "arms_transfer"},
    {"since": "2020", "until": "2022-06-30", "status": "agreed"}, {"type": "meeting"}, {"status": "planned"},
    {"party": "JPN"}, {"party": ["JPN", "USA"]}, {"party": ["USA", "POL"], "type": "co_production"},
    {"q": "tanks"}, {"program": "Tomahawk"}, {"limit": 1, "offset": 10_000},
]


def reference_graph(repo: Repository, kb: KnowledgeBase, filters: dict[str, Any], limit: int = 1000,
                    offset: int = 0) -> dict[str, Any]:
    """``/api/graph`` as it was computed from every event read whole (``iter_events`` and ``cooperation_graph``)."""
    tally: Counter[str] = Counter()
    seen: dict[tuple[str, str, str], tuple[str | None, str | None]] = {}

    def rows() -> Iterator[dict[str, Any]]:
        for item in repo.iter_events(**filters):
            tally.update(set(item["participants"]))
            for a, b in combinations(sorted(set(item["participants"])), 2):
                first, last = seen.get((a, b, item["type"]), (None, None))
                seen[(a, b, item["type"])] = (min(_dates(first, item.get("first_seen")), default=None),
                                              max(_dates(last, item.get("last_seen")), default=None))
            yield event_row(item)

    built = cooperation_graph(rows())
    edges = sorted(built.edges.items(), key=lambda kv: (-kv[1].events, kv[0]))
    names = {code: party.name for code, party in kb.parties.items()}
    data = [{"source": a, "target": b, "type": kind, "weight": edge.events, "outlets": len(edge.outlets),
             "directed_events": edge.directed, "first_seen": seen[(a, b, kind)][0], "last_seen": seen[(a, b, kind)][1]}
            for (a, b, kind), edge in edges[offset:offset + limit]]
    nodes = [{"id": code, "name": names.get(code), "label": names.get(code, code), "events": tally[code]}
             for code in sorted(built.parties)]
    return {"data": data, "count": len(edges), "nodes": nodes, "events": built.events}


def _dates(*dates: str | None) -> list[str]:
    return [d for d in dates if d]


def reference_timeline(repo: Repository, filters: dict[str, Any], limit: int = 240,
                       offset: int = 0) -> dict[str, Any]:
    """``/api/timeline`` counted from every event read whole: the month of its first sighting, by type."""
    months: dict[str, Counter[str]] = {}
    undated: Counter[str] = Counter()
    for item in repo.iter_events(**filters):
        first = item["first_seen"]
        (undated if first is None else months.setdefault(first[:7], Counter()))[item["type"]] += 1
    data = [{"month": month, "total": sum(types.values()), "types": dict(sorted(types.items()))}
            for month, types in sorted(months.items())]
    return {"data": data[offset:offset + limit], "count": len(data),
            "undated": {"total": sum(undated.values()), "types": dict(sorted(undated.items()))}}


def _filters(query: dict[str, Any]) -> tuple[dict[str, Any], dict[str, int]]:
    page = {key: query[key] for key in ("limit", "offset") if key in query}
    filters = {key: value for key, value in query.items() if key not in page}
    if isinstance(filters.get("party"), str):
        filters["party"] = [filters["party"]]
    return filters, page


def _same_bytes(client: TestClient, path: str, query: dict[str, Any], expected: dict[str, Any]) -> None:
    response = client.get(path, params=query)
    assert response.status_code == 200, response.text
    assert response.content == SafeJSONResponse(expected).body, (path, query)


# ---- the sample corpus, ingested for real -----------------------------------------------------------------------


@pytest.mark.parametrize("query", QUERIES, ids=str)
def test_the_graph_of_the_sample_is_what_reading_every_event_gave(client: TestClient, sample_repo: Repository,
                                                                  kb: KnowledgeBase, query: dict[str, Any]) -> None:
    filters, page = _filters(query)
    _same_bytes(client, "/api/graph", query, reference_graph(sample_repo, kb, filters, **page))


@pytest.mark.parametrize("query", QUERIES, ids=str)
def test_the_timeline_of_the_sample_is_what_reading_every_event_gave(client: TestClient, sample_repo: Repository,
                                                                     query: dict[str, Any]) -> None:
    filters, page = _filters(query)
    _same_bytes(client, "/api/timeline", query, reference_timeline(sample_repo, filters, **page))


def test_the_sample_graph_has_edges_of_outlets_from_both_paths(sample_repo: Repository) -> None:
    """The sample holds events reported by all their story's outlets and events reported by fewer, so both ways of
    reading outlets are compared above."""
    stories = {s["id"]: s["outlets"] for s in sample_repo.stories(limit=None)}
    edged = [e for e in sample_repo.events(limit=None) if len(set(e["participants"])) > 1]
    assert any(e["outlets"] == stories[e["story"]] for e in edged)
    assert any(e["outlets"] < stories[e["story"]] for e in edged)


# ---- a synthetic store with odd rows -----------------------------------------------------------------------------


def _odd_rows(repo: Repository) -> None:
    """A story of three articles (one with no outlet, one with an empty one) and events of it that are no one's
    usual: no sources, undated or dated with an empty string, roles of null, a party written twice, a role given
    to a party that is not a participant."""
    now = dt.datetime(2026, 11, 30, tzinfo=dt.UTC)
    articles = [("odd-a", "Wire One", "2024-05-01"), ("odd-b", None, "2024-05-03"), ("odd-c", "", None)]

    def source(doc: str, outlet: str | None, published: str | None) -> dict[str, Any]:
        return {"doc": doc, "outlet": outlet, "published": published, "status": "agreed", "date": None,
                "amount": None, "evidence": [{"text": "Tanks & <radars> for Warsaw.", "start": 0, "end": 28}]}

    sources = [source(*a) for a in articles]
    events = [
        (",KOR,POL,", "arms_transfer", {"supplier": "KOR", "recipient": "POL"}, sources, "2024-05-01", "2024-05-03"),
        (",KOR,POL,", "arms_transfer", {"supplier": "KOR", "recipient": "POL"}, sources[1:], "2024-05-03",
         "2024-05-03"),
        (",KOR,POL,", "arms_transfer", None, [], None, None),
        (",KOR,POL,USA,", "arms_transfer", {"supplier": "USA", "recipient": "JPN"}, sources[2:], "", ""),
        (",POL,POL,", "meeting", {}, sources[:1], "2024-05-01", "2024-05-01"),
        (",POL,", "defense_spending", {}, sources, None, None),
    ]
    with repo.engine.begin() as connection:
        connection.execute(insert(StoryRow), [{"id": "s-odd", "title": "Odd", "first_seen": "2024-05-01",
                                               "last_seen": "2024-05-03", "articles": 3, "outlets": 3}])
        connection.execute(insert(ArticleRow), [
            {"content_hash": f"odd{n}", "doc": doc, "title": "Odd", "source": outlet, "url": None,
             "published": published, "published_inferred": False, "story_id": "s-odd", "origin": "", "text": "x",
             "extraction": {}, "signature": {}, "ingested_at": now} for n, (doc, outlet, published) in
            enumerate(articles)])
        connection.execute(insert(KbEventRow), [
            {"story_id": "s-odd", "key": f"odd-{n}", "type": kind, "participants": parties, "roles": roles,
             "status": "agreed", "item": "K2 tanks", "program": None, "date": None, "amount": None,
             "first_seen": first, "last_seen": last, "outlets": len({s["outlet"] or s["doc"] for s in found}),
             "confidence": 0.9, "conflicts": [], "search": "k2 tanks"}
            for n, (parties, kind, roles, found, first, last) in enumerate(events)])
        ids = {key: event_id for key, event_id in connection.execute(
            select(KbEventRow.key, KbEventRow.id).where(KbEventRow.story_id == "s-odd"))}
        connection.execute(insert(KbEventSourceRow), [
            {**source, "event_id": ids[f"odd-{n}"], "search": event_search_text(None, None, [source])}
            for n, (*_, found, _first, _last) in enumerate(events) for source in found])


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def synthetic(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
              kb: KnowledgeBase) -> Iterator[tuple[Repository, TestClient]]:
    """A synthetic store of 1,500 events and the odd ones, with a client of the app over it."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('aggregates') / 'synthetic.db'}"
    else:
        url = fresh_database(request.getfixturevalue("postgres_url"), "allywatch_api_aggregates")
    repo = build(url, 1500, seed=11)
    _odd_rows(repo)
    with TestClient(create_app(repo, SETTINGS, kb=kb)) as client:
        yield repo, client
    repo.close()


@pytest.mark.parametrize("query", QUERIES, ids=str)
def test_the_graph_of_a_synthetic_store_is_what_reading_every_event_gave(
        synthetic: tuple[Repository, TestClient], kb: KnowledgeBase, query: dict[str, Any]) -> None:
    repo, client = synthetic
    filters, page = _filters(query)
    expected = reference_graph(repo, kb, filters, **page)
    if not query:
        assert len(expected["data"]) > 100  # the comparison is of many edges, not of two empty graphs
    _same_bytes(client, "/api/graph", query, expected)


@pytest.mark.parametrize("query", QUERIES, ids=str)
def test_the_timeline_of_a_synthetic_store_is_what_reading_every_event_gave(
        synthetic: tuple[Repository, TestClient], query: dict[str, Any]) -> None:
    repo, client = synthetic
    filters, page = _filters(query)
    _same_bytes(client, "/api/timeline", query, reference_timeline(repo, filters, **page))


def test_the_synthetic_store_reads_as_the_repository_writes_it(synthetic: tuple[Repository, TestClient]) -> None:
    """The builder writes each event's sources as rows of their own, in their order, with the tally and search text
    the repository keeps: every synthetic event is read with its sources, its outlets are theirs, and its story's
    outlets report all of some events and some of others (so both ways of reading outlets are compared above)."""
    repo, _ = synthetic
    events = [e for e in repo.iter_events() if e["story"] != "s-odd"]
    stories = {s["id"]: s["outlets"] for s in repo.stories(limit=None)}
    assert len(events) == 1500 and all(e["sources"] for e in events)
    assert all(e["outlets"] == len({s["outlet"] or s["doc"] for s in e["sources"]}) for e in events)
    assert any(e["outlets"] == stories[e["story"]] for e in events)
    assert any(e["outlets"] < stories[e["story"]] for e in events)
    with repo.engine.connect() as connection:
        assert set(connection.scalars(select(KbEventRow.sources))) == {None}  # as the repository leaves it
        rows = {r.id: r for r in connection.execute(select(KbEventRow.id, KbEventRow.item, KbEventRow.program,
                                                           KbEventRow.search, KbEventRow.tally,
                                                           KbEventRow.reported_confidence))}
        searched = connection.execute(select(KbEventSourceRow.event_id, KbEventSourceRow.evidence,
                                             KbEventSourceRow.search)).all()
    for e in events:
        row = rows[e["id"]]
        assert row.search == event_search_text(row.item, row.program, [])
        assert row.tally == _tally(_new_tally(), e["sources"]) and row.reported_confidence is not None
    assert all(r.search == event_search_text(None, None, [{"evidence": r.evidence}]) for r in searched)


def test_the_odd_rows_are_in_the_graph(synthetic: tuple[Repository, TestClient]) -> None:
    _, client = synthetic
    graph = client.get("/api/graph", params={"q": "k2 tanks"}).json()
    edges = {(e["source"], e["target"], e["type"]): e for e in graph["data"]}
    assert graph["events"] == 6 and {n["id"]: n["events"] for n in graph["nodes"]} == {"KOR": 4, "POL": 6, "USA": 1}
    # Wire One, and odd-b and odd-c by their docs; one event of four gives the two roles; an empty date is none
    assert edges[("KOR", "POL", "arms_transfer")] == {
        "source": "KOR", "target": "POL", "type": "arms_transfer", "weight": 4, "outlets": 3, "directed_events": 2,
        "first_seen": "2024-05-01", "last_seen": "2024-05-03"}
    assert edges[("POL", "USA", "arms_transfer")]["directed_events"] == 0
    assert edges[("POL", "USA", "arms_transfer")]["first_seen"] is None
    assert set(edges) == {("KOR", "POL", "arms_transfer"), ("KOR", "USA", "arms_transfer"),
                          ("POL", "USA", "arms_transfer")}  # a party written twice meets no one


def test_the_graph_reads_no_event_whole(synthetic: tuple[Repository, TestClient]) -> None:
    repo, client = synthetic
    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(" ".join(statement.split()))

    event.listen(repo.engine, "before_cursor_execute", seen)
    try:
        assert client.get("/api/graph").status_code == 200
    finally:
        event.remove(repo.engine, "before_cursor_execute", seen)
    assert statements
    for statement in statements:  # evidence, conflicts and search text are never selected
        head = statement.split(" FROM ", 1)[0]
        assert "kb_events.conflicts" not in head and "kb_events.search" not in head, statement
        assert not head.startswith("SELECT kb_events.id, kb_events.story_id"), statement

"""The dashboard's reads on a large store: ``/api/graph`` and ``/api/timeline`` over 50,000 consolidated events,
printed as figures (run by hand, not a test).

    python -m benchmarks.api_graph [--events 50000] [--db sqlite:///path] [--rounds 5]

The store is synthetic and deterministic: stories of one to six articles (outlets, some unnamed) and one to five
consolidated events between parties of the knowledge base, of every type and status, with roles, reported by all
the story's articles or some of them with their evidence sentences, first and last seen between 2010 and 2026 (some
never dated). It is written as the repository writes consolidated events: each event's sources as rows of
``kb_event_sources``, its tally and its own search text in its row. Without ``--db`` it is built once into
``benchmarks/.cache/`` (outside git) and reused. Each request is timed through FastAPI's test client: the best and the
median of ``rounds`` runs. The slider of the dashboard asks for the graph up to a month, 300 edges at most.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from allywatch.store.repository import Repository, _new_tally, _tally, event_search_text
from allywatch.store.tables import ArticleRow, KbEventRow, KbEventSourceRow, StoryRow

CACHE = Path(__file__).resolve().parent / ".cache"
TYPES = ("co_development", "co_production", "arms_transfer", "supply_chain", "maintenance", "export_control",
         "defense_spending", "meeting", "agreement", "exercise", "force_posture")
STATUSES = ("proposed", "planned", "agreed", "ongoing", "completed")
#: Parties, the first ones the most frequent (a few large partners, a long tail).
PARTIES = ("USA", "JPN", "KOR", "AUS", "GBR", "FRA", "DEU", "ITA", "POL", "IND", "NATO", "EU", "TWN", "PHL", "CAN",
           "NLD", "ESP", "SWE", "NOR", "FIN", "TUR", "ISR", "SAU", "ARE", "EGY", "BRA", "IDN", "VNM", "SGP", "NZL",
           "CHN", "RUS", "PAK", "UKR", "ROU", "CZE", "GRC", "DNK", "BEL", "PRT", "MYS", "THA", "QAT", "KWT", "MAR",
           "ZAF", "NGA", "KEN", "MEX", "CHL", "COL", "ARG", "HUN", "SVK", "BGR", "HRV", "EST", "LVA", "LTU", "IRL")
OUTLETS = tuple(f"Outlet {n:02d}" for n in range(40))
WORDS = ("defence ministry contract tanks frigates missiles radar joint development production agreement signed "
         "billion delivery exercise navy air force army programme officials said on Tuesday partners industrial "
         "cooperation supply chain munitions maintenance export licence spending budget talks visit").split()
START = dt.date(2010, 1, 1)
DAYS = (dt.date(2026, 11, 30) - START).days
#: The highest confidence a source gives an event (consolidation adds 0.05 for each further outlet).
REPORTED = 0.8

#: A story's row, its articles' rows, and its events' rows each with its sources (as consolidation gives them).
Story = tuple[dict[str, Any], list[dict[str, Any]], list[tuple[dict[str, Any], list[dict[str, Any]]]]]


def synthetic_stories(n: int, seed: int = 7) -> Iterator[Story]:
    """Stories holding ``n`` consolidated events in all: each story's row, its articles' rows and its events' rows
    with their sources, as the tables take them and as consolidation makes them (an event's sources are articles of
    its story; they are written apart, as rows of ``kb_event_sources``)."""
    rng = random.Random(seed)
    weights = [1 / (rank + 1) for rank in range(len(PARTIES))]
    made = story_no = 0
    now = dt.datetime(2026, 11, 30, tzinfo=dt.UTC)
    while made < n:
        story_no += 1
        story = f"s-{story_no:012x}"
        day = START + dt.timedelta(days=rng.randrange(DAYS))
        dated = rng.random() > 0.05
        articles = []
        for a in range(rng.choice((1, 1, 1, 2, 2, 3, 4, 6))):
            doc = f"bench-{story_no:07d}-{a}"
            published = (day + dt.timedelta(days=rng.randrange(30))).isoformat() if dated else None
            text = " ".join(rng.choices(WORDS, k=rng.randint(200, 500)))
            articles.append({"content_hash": f"{story_no:032x}{a:032x}", "doc": doc, "title": f"Story {story_no}",
                             "source": rng.choice((*OUTLETS, None, None, "")), "url": f"https://example.org/{doc}",
                             "published": published, "published_inferred": False, "story_id": story, "origin": "",
                             "text": text, "extraction": {"doc": doc, "events": [], "entities": []},
                             "signature": {}, "ingested_at": now})
        events: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []
        for k in range(min(rng.randint(1, 5), n - made)):
            kind = rng.choice(TYPES)
            size = 1 if kind == "defense_spending" else rng.choice((1, 2, 2, 2, 2, 3, 3, 4))
            parties = sorted(set(rng.choices(PARTIES, weights, k=size)))
            roles: dict[str, str] = {}
            if len(parties) >= 2 and rng.random() < 0.6:
                supplier, recipient = rng.sample(parties, 2)
                roles = {"recipient": recipient, "supplier": supplier}
            reports = articles if rng.random() < 0.7 else rng.sample(articles, rng.randint(1, len(articles)))
            sources = []
            for article in reports:
                evidence = [{"text": " ".join(rng.choices(WORDS, k=rng.randint(20, 40))).capitalize() + ".",
                             "start": 100 * e, "end": 100 * e + 90} for e in range(rng.randint(1, 3))]
                sources.append({"doc": article["doc"], "outlet": article["source"],
                                "published": article["published"], "status": rng.choice(STATUSES), "date": None,
                                "amount": None, "evidence": evidence})
            days = sorted(s["published"] for s in sources if s["published"])
            item = " ".join(rng.choices(WORDS, k=3))
            outlets = len({s["outlet"] or s["doc"] for s in sources})
            events.append(({"story_id": story, "key": f"{kind}|{','.join(parties)}|{k}", "type": kind,
                            "participants": "," + ",".join(parties) + ",", "roles": roles,
                            "status": rng.choice(STATUSES), "item": item, "program": None,
                            "date": day.isoformat()[:7] if rng.random() < 0.3 else None, "amount": None,
                            "first_seen": days[0] if days else None, "last_seen": days[-1] if days else None,
                            "outlets": outlets, "confidence": round(min(0.99, REPORTED + 0.05 * (outlets - 1)), 3),
                            "reported_confidence": REPORTED, "conflicts": [], "sources": None,
                            "search": event_search_text(item, None, []), "tally": _tally(_new_tally(), sources)},
                           sources))
        made += len(events)
        days = sorted(a["published"] for a in articles if a["published"])
        yield ({"id": story, "title": f"Story {story_no}", "first_seen": days[0] if days else None,
                "last_seen": days[-1] if days else None, "articles": len(articles),
                "outlets": len({a["source"] or a["doc"] for a in articles})}, articles, events)


def build(url: str, n: int, seed: int = 7) -> Repository:
    """The store at ``url`` holding ``n`` synthetic events (made unless it holds them already)."""
    repo = Repository.open(url)
    with repo.sessions() as session:
        held = int(session.scalar(select(func.count(KbEventRow.id))) or 0)
        apart = session.scalar(select(KbEventSourceRow.id).limit(1)) is not None
    if held and not apart:
        raise SystemExit(f"{url} keeps its events' sources in kb_events.sources, which the store no longer reads "
                         "(built by an earlier version of this benchmark): remove it or give another --db")
    if held == n:
        return repo
    if held:
        raise SystemExit(f"{url} holds {held} events, not {n}: give another --db")
    stories: list[dict[str, Any]] = []
    articles: list[dict[str, Any]] = []
    events: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []
    with repo.engine.begin() as connection:

        def write() -> None:
            for table, batch in ((StoryRow, stories), (ArticleRow, articles)):
                if batch:
                    connection.execute(insert(table), batch)
            if events:
                ids = connection.scalars(insert(KbEventRow).returning(KbEventRow.id, sort_by_parameter_order=True),
                                         [row for row, _ in events]).all()
                # each event's sources in its order, as the repository adds them
                found = [{"event_id": event_id, "doc": s["doc"], "outlet": s.get("outlet"),
                          "published": s.get("published"), "status": s.get("status"), "date": s.get("date"),
                          "amount": s.get("amount"), "evidence": s.get("evidence") or [],
                          "search": event_search_text(None, None, [s])}
                         for event_id, (_, sources) in zip(ids, events, strict=True) for s in sources]
                if found:
                    connection.execute(insert(KbEventSourceRow), found)
            for batch in (stories, articles, events):
                batch.clear()

        for story, story_articles, story_events in synthetic_stories(n, seed):
            stories.append(story)
            articles.extend(story_articles)
            events.extend(story_events)
            if len(events) >= 2000:
                write()
        write()
    return repo


def timed(client: Any, path: str, params: dict[str, Any], rounds: int) -> tuple[float, float, dict[str, Any]]:
    """The best and median seconds of ``rounds`` requests, and the last answer."""
    times = []
    body: dict[str, Any] = {}
    for _ in range(rounds):
        started = time.perf_counter()
        response = client.get(path, params=params)
        times.append(time.perf_counter() - started)
        response.raise_for_status()
        body = response.json()
    return min(times), statistics.median(times), body


def main() -> None:
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
    from fastapi.testclient import TestClient

    from allywatch.api.app import create_app
    from allywatch.kb.loader import KnowledgeBase
    from allywatch.settings import Settings

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--db", default=None, help="a store URL (default: a SQLite file in benchmarks/.cache)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    CACHE.mkdir(exist_ok=True)
    url = args.db or f"sqlite:///{CACHE / f'api-graph-{args.events}.db'}"
    started = time.perf_counter()
    repo = build(url, args.events)
    print(f"store             {url.split('://', 1)[0]}, {args.events:,} events (ready in "
          f"{time.perf_counter() - started:.1f} s)")
    cases = [
        ("graph, whole", "/api/graph", {}),
        ("graph, slider step, until 2018-06", "/api/graph", {"until": "2018-06", "limit": 300}),
        ("graph, slider step, until 2026-10", "/api/graph", {"until": "2026-10", "limit": 300}),
        ("graph, one year, one type", "/api/graph", {"since": "2023-01", "until": "2023-12",
                                                     "type": "arms_transfer", "limit": 300}),
        ("graph, one year, one status", "/api/graph", {"since": "2023", "until": "2023", "status": "agreed"}),
        ("timeline, whole", "/api/timeline", {}),
        ("timeline, a party", "/api/timeline", {"party": "JPN"}),
        ("timeline, a pair", "/api/timeline", {"party": ["JPN", "USA"]}),
    ]
    try:
        with TestClient(create_app(repo, Settings(use_model=False), kb=KnowledgeBase.load())) as client:
            for label, path, params in cases:
                best, median, body = timed(client, path, params, args.rounds)
                size = f"{body.get('events', '')} events, {body['count']} edges" if "nodes" in body else \
                    f"{body['count']} months"
                print(f"{label:<36} best {best:6.3f} s, median {median:6.3f} s  ({size})")
    finally:
        repo.close()


if __name__ == "__main__":
    main()

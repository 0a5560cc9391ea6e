"""The read endpoints over the sample corpus, on SQLite and on PostgreSQL: counts and pages, filters, the Japan-US
events with their evidence sentences, the graph, the timeline, and a 4xx with a message for every bad parameter."""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from typing import Any

import pytest
from fastapi.testclient import TestClient

from allywatch.store.repository import Repository

Event = dict[str, Any]


def _get(client: TestClient, url: str, **params: Any) -> dict[str, Any]:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    assert isinstance(body["data"], list) and isinstance(body["count"], int)
    return body


def _all_events(client: TestClient, **params: Any) -> list[Event]:
    body = _get(client, "/api/events", limit=500, **params)
    assert len(body["data"]) == body["count"]
    return body["data"]


def _both(event: Event, *codes: str) -> bool:
    return set(codes) <= set(event["participants"])


def test_docs_and_the_openapi_schema_are_served(client: TestClient) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()
    schema = client.get("/openapi.json").json()
    assert {"/api/events", "/api/articles", "/api/articles/{doc}", "/api/stories", "/api/stories/{story_id}",
            "/api/entities", "/api/entities/{name}", "/api/graph", "/api/timeline",
            "/api/vocabulary"} <= set(schema["paths"])
    assert "post" in schema["paths"]["/api/articles"]
    home = client.get("/", follow_redirects=False)  # the dashboard (tests/api/test_dashboard.py)
    assert home.status_code == 200 and '<script src="static/app.js">' in home.text


def test_count_is_the_total_and_pages_walk_through_it(client: TestClient, sample_repo: Repository) -> None:
    everything = _all_events(client)
    assert len(everything) == sample_repo.count_events() == len(sample_repo.events(limit=None)) >= 20
    assert [e["id"] for e in everything] == [e["id"] for e in sample_repo.events(limit=None)]  # the CLI's order
    seen: list[int] = []
    for offset in range(0, len(everything) + 7, 7):
        page = _get(client, "/api/events", limit=7, offset=offset)
        assert page["count"] == len(everything)
        assert len(page["data"]) == min(7, max(0, len(everything) - offset))
        seen += [e["id"] for e in page["data"]]
    assert seen == [e["id"] for e in everything]


def test_limit_has_a_default_and_a_maximum(client: TestClient) -> None:
    body = _get(client, "/api/entities")
    assert body["count"] > 50 and len(body["data"]) == 50  # the default page
    assert len(_get(client, "/api/entities", limit=500)["data"]) == body["count"]
    for params, message in (({"limit": 501}, "limit: Input should be less than or equal to 500"),
                            ({"limit": 0}, "limit: Input should be greater than or equal to 1"),
                            ({"offset": -1}, "offset: Input should be greater than or equal to 0"),
                            ({"limit": "ten"}, "limit: Input should be a valid integer")):
        response = client.get("/api/events", params=params)
        assert response.status_code == 422 and response.json()["detail"].startswith(message)


def test_japan_us_events_come_with_their_evidence_sentences(client: TestClient) -> None:
    japan_us = _all_events(client, party=["JPN", "USA"])
    assert len(japan_us) >= 5 and all(_both(e, "JPN", "USA") for e in japan_us)
    assert japan_us == [e for e in _all_events(client) if _both(e, "JPN", "USA")]
    [production] = [e for e in japan_us if e["type"] == "co_production"]
    assert [s["doc"] for s in production["sources"]] == ["004_5b5dc9eb8f601fe5"]
    assert any("enhance joint production" in span["text"]
               for s in production["sources"] for span in s["evidence"])
    [tomahawks] = [e for e in japan_us if e["type"] == "arms_transfer" and e["program"] == "Tomahawk"]
    assert tomahawks["roles"] == {"supplier": "USA", "recipient": "JPN"}
    assert {s["doc"] for s in tomahawks["sources"]} == {"001_566b1ad3839cd3de", "002_8325cd46da079034"}
    assert all("url" in s for s in tomahawks["sources"])
    # every evidence span is a stretch of its article's text, as /api/articles/{doc} returns it
    texts: dict[str, str] = {}
    for event in japan_us:
        for source in event["sources"]:
            if source["doc"] not in texts:
                [article] = _get(client, f"/api/articles/{source['doc']}")["data"]
                texts[source["doc"]] = article["text"]
            assert source["evidence"]
            for span in source["evidence"]:
                assert texts[source["doc"]][span["start"]:span["end"]] == span["text"]


def test_parties_must_all_take_part(client: TestClient) -> None:
    everything = _all_events(client)
    lower = _all_events(client, party=["jpn", " usa "])
    assert [e["id"] for e in lower] == [e["id"] for e in _all_events(client, party=["USA", "JPN"])]
    trilateral = _all_events(client, party=["USA", "PHL", "JPN"])
    assert trilateral and [e["id"] for e in trilateral] == [e["id"] for e in everything
                                                            if _both(e, "JPN", "PHL", "USA")]
    assert {e["type"] for e in trilateral} == {"meeting"}
    eu = _all_events(client, party="EU")
    assert eu and all("EU" in e["participants"] for e in eu) and len(eu) < len(everything)


@pytest.mark.parametrize(("params", "keep"), [
    ({"type": "co_development"}, lambda e: e["type"] == "co_development"),
    ({"status": "agreed"}, lambda e: e["status"] == "agreed"),
    ({"program": "tomahawk"}, lambda e: (e["program"] or "").lower() == "tomahawk"),
    ({"since": "2025"}, lambda e: (e["date"] or "") >= "2025" or (e["last_seen"] or "") >= "2025"),
    ({"until": "2024-04"}, lambda e: any(v and v[:7] <= "2024-04" for v in (e["date"], e["first_seen"]))),
    ({"party": "JPN", "type": "meeting", "since": "2024-04", "until": "2024-12"},
     lambda e: "JPN" in e["participants"] and e["type"] == "meeting" and e["first_seen"] == "2024-04-06"),
], ids=["type", "status", "program", "since", "until", "combined"])
def test_filters_keep_what_they_say(client: TestClient, sample_repo: Repository, params: dict[str, str],
                                    keep: Any) -> None:
    everything = _all_events(client)
    expected = [e["id"] for e in everything if keep(e)]
    assert 0 < len(expected) < len(everything), "a filter the sample corpus cannot show"
    assert [e["id"] for e in _all_events(client, **params)] == expected
    party = params.get("party")
    cli = sample_repo.events(limit=None, **{**params, "party": [party] if party else None})  # 'allywatch events'
    assert [e["id"] for e in cli] == expected


def test_q_searches_the_item_and_the_evidence_sentences(client: TestClient) -> None:
    everything = _all_events(client)

    def says(event: Event, *words: str) -> bool:
        text = " ".join([event["item"], event["program"] or ""] + [span["text"] for s in event["sources"]
                                                                    for span in s["evidence"]]).lower()
        return all(w in text for w in words)

    tomahawk = _all_events(client, q="TOMAHAWK")
    assert tomahawk and [e["id"] for e in tomahawk] == [e["id"] for e in everything if says(e, "tomahawk")]
    both = _all_events(client, q="joint production")
    assert both and [e["id"] for e in both] == [e["id"] for e in everything if says(e, "joint", "production")]
    assert len(both) < len(_all_events(client, q="joint"))
    # LIKE's wildcards are taken literally; keys of the stored JSON are not searched
    for q in ("%", "_", "100%", "evidence", "outlet"):
        assert _get(client, "/api/events", q=q)["count"] == sum(says(e, q) for e in everything), q


@pytest.mark.parametrize(("params", "message"), [
    ({"since": "2024-13"}, "since takes a date as YYYY, YYYY-MM or YYYY-MM-DD, not '2024-13'"),
    ({"until": "last week"}, "until takes a date as YYYY, YYYY-MM or YYYY-MM-DD, not 'last week'"),
    ({"until": "2025-02-30"}, "not '2025-02-30'"),
    ({"type": "alliance"}, "unknown type 'alliance'; use one of: co_development, co_production, arms_transfer"),
    ({"status": "done"}, "unknown status 'done'; use one of: proposed, planned, agreed, ongoing, completed"),
    ({"party": "XX%"}, "unknown party 'XX%'"),
    ({"q": "a\x00b"}, "q holds a NUL character"),
    ({"program": "\x00"}, "program holds a NUL character"),
    ({"since": "2024-01-01-01"}, "since: String should have at most 10 characters"),
])
@pytest.mark.parametrize("endpoint", ["/api/events", "/api/graph", "/api/timeline"])
def test_bad_parameters_are_a_422_that_says_what_is_wrong(client: TestClient, endpoint: str, params: dict[str, str],
                                                          message: str) -> None:
    response = client.get(endpoint, params=params)
    assert response.status_code == 422, response.text
    assert message in response.json()["detail"]


@pytest.mark.parametrize(("url", "params", "message"), [
    ("/api/articles", {"since": "2024-4"}, "since takes a date"),
    ("/api/articles", {"party": "Japan"}, "unknown party 'JAPAN'"),
    ("/api/stories", {"until": "soon"}, "until takes a date"),
    ("/api/entities", {"type": "ship"}, "unknown type 'ship'; use one of: country, location, org, person"),
    ("/api/entities", {"party": "ZZZ"}, "unknown party 'ZZZ'"),
    ("/api/entities/Fumio Kishida", {"limit": 10_000}, "limit: Input should be less than or equal to 500"),
    ("/api/graph", {"limit": 0}, "limit: Input should be greater than or equal to 1"),
    ("/api/stories/s-%00", {}, "story id holds a NUL character"),
])
def test_other_endpoints_check_their_parameters_too(client: TestClient, url: str, params: dict[str, Any],
                                                    message: str) -> None:
    response = client.get(url, params=params)
    assert response.status_code == 422 and message in response.json()["detail"]


@pytest.mark.parametrize(("url", "message"), [
    ("/api/articles/nothing-here", "no article 'nothing-here'"),
    ("/api/stories/s-000000000000", "no story 's-000000000000'"),
    ("/api/entities/Nobody Atall", "no entity named 'Nobody Atall'"),
])
def test_what_is_not_stored_is_a_404(client: TestClient, url: str, message: str) -> None:
    response = client.get(url)
    assert response.status_code == 404 and response.json()["detail"].startswith(message)


def test_articles_list_and_one_article_with_its_extraction(client: TestClient) -> None:
    articles = _get(client, "/api/articles", limit=500)
    assert articles["count"] == len(articles["data"]) == 5
    assert [a["published"] for a in articles["data"]] == ["2025-05-22", "2024-04-06", "2024-04-06", None, None]
    assert all("text" not in a for a in articles["data"])
    page = _get(client, "/api/articles", limit=2, offset=1)
    assert page["count"] == 5 and page["data"] == articles["data"][1:3]
    ap = _get(client, "/api/articles", source="ap")
    assert [a["doc"] for a in ap["data"]] == ["002_8325cd46da079034"] and ap["count"] == 1
    philippines = _get(client, "/api/articles", party="PHL")
    assert {a["doc"] for a in philippines["data"]} == {"001_566b1ad3839cd3de", "002_8325cd46da079034"}
    assert _get(client, "/api/articles", since="2025")["count"] == 1
    assert _get(client, "/api/articles", q="Tomahawk cruise")["count"] == 2
    [article] = _get(client, "/api/articles/004_5b5dc9eb8f601fe5")["data"]
    assert article["title"].startswith("Tokyo and Washington") and article["title"].endswith("Defense Equipment")
    assert set(article) >= {"text", "entities", "events", "amounts", "dates", "quotes", "story"}
    assert article["events"] and all(span["text"] == article["text"][span["start"]:span["end"]]
                                     for event in article["events"] for span in event["evidence"])
    usa = next(e for e in article["entities"] if e["name"] == "USA")
    assert all(article["text"][start:end] for start, end in usa["spans"])


def test_stories_list_and_a_story_with_its_sources_side_by_side(client: TestClient) -> None:
    stories = _get(client, "/api/stories", limit=500)
    assert stories["count"] == len(stories["data"]) == 4
    assert _get(client, "/api/stories", limit=1, offset=3)["data"] == stories["data"][3:]
    assert _get(client, "/api/stories", party="EU")["count"] == 1
    assert _get(client, "/api/stories", q="japan")["count"] == 2
    [two] = [s for s in stories["data"] if s["articles"] == 2]
    [story] = _get(client, f"/api/stories/{two['id']}")["data"]
    assert [a["doc"] for a in story["articles"]] == ["002_8325cd46da079034", "001_566b1ad3839cd3de"]
    assert story["articles"][0]["source"] == "AP" and story["articles"][1]["published_inferred"] is True
    assert all({"url", "amounts", "dates", "events"} <= set(a) for a in story["articles"])
    assert {"arms_transfer", "meeting"} <= {e["type"] for e in story["events"]}
    assert "conflicts" in story and all("conflicts" in e for e in story["events"])


def test_entities_and_a_persons_offices_and_events(client: TestClient) -> None:
    entities = _get(client, "/api/entities", limit=500)
    counts = [e["articles"] for e in entities["data"]]
    assert counts == sorted(counts, reverse=True) and entities["data"][0]["articles"] == 5
    people = _get(client, "/api/entities", type="person", limit=500)
    assert people["count"] == len(people["data"]) and all(e["type"] == "person" for e in people["data"])
    assert {"Fumio Kishida", "Joe Biden", "Shigeru Ishiba"} <= {e["name"] for e in people["data"]}
    assert [e["name"] for e in _get(client, "/api/entities", q="kishi")["data"]] == ["Fumio Kishida"]
    [kishida] = _get(client, "/api/entities/fumio kishida")["data"]
    assert kishida["name"] == "Fumio Kishida" and kishida["party"] == "JPN"
    assert any(o["office"] == "head_of_government" and o["party"] == "JPN" and o["start"].startswith("2021")
               for o in kishida["offices"]), kishida["offices"]
    assert kishida["articles"] == ["001_566b1ad3839cd3de", "002_8325cd46da079034"]
    assert kishida["co_occurring_parties"]["USA"] == 2
    assert kishida["events_count"] == len(kishida["events"]) > 2
    assert any(e["type"] == "arms_transfer" and e["program"] == "Tomahawk" for e in kishida["events"])
    [paged] = _get(client, "/api/entities/Fumio Kishida", limit=2, offset=1)["data"]
    assert paged["events"] == kishida["events"][1:3] and paged["events_count"] == kishida["events_count"]
    [japan] = _get(client, "/api/entities/JPN", limit=1)["data"]
    assert japan["type"] == "country" and japan["offices"] == []


def test_graph_has_parties_and_the_japan_us_edges(client: TestClient) -> None:
    everything = _all_events(client)
    graph = _get(client, "/api/graph")
    nodes = {n["id"]: n for n in graph["nodes"]}
    assert set(nodes) == {p for e in everything for p in e["participants"]}
    assert nodes["JPN"]["name"] == "Japan" and nodes["USA"]["label"] == "United States"
    assert nodes["JPN"]["events"] == sum("JPN" in e["participants"] for e in everything)
    assert graph["events"] == len(everything)
    edges = {(e["source"], e["target"], e["type"]): e for e in graph["data"]}
    assert graph["count"] == len(edges) == len({(a, b, e["type"]) for e in everything
                                                for a, b in combinations(sorted(e["participants"]), 2)})
    japan_us = [e for e in everything if _both(e, "JPN", "USA")]
    weights = {kind: edge["weight"] for (a, b, kind), edge in edges.items() if (a, b) == ("JPN", "USA")}
    assert weights == Counter(e["type"] for e in japan_us) and weights["co_production"] == 1
    assert edges[("JPN", "USA", "arms_transfer")]["directed_events"] == weights["arms_transfer"] >= 1
    assert edges[("JPN", "USA", "arms_transfer")]["outlets"] == len(
        {s["outlet"] or s["doc"] for e in japan_us if e["type"] == "arms_transfer" for s in e["sources"]})
    assert [e["weight"] for e in graph["data"]] == sorted((e["weight"] for e in graph["data"]), reverse=True)
    page = _get(client, "/api/graph", limit=3, offset=2)
    assert page["data"] == graph["data"][2:5] and page["count"] == graph["count"]


def test_graph_edges_say_when_their_events_were_first_and_last_seen(client: TestClient) -> None:
    for filters in ({}, {"since": "2025"}, {"until": "2024-04"}):  # under a filter, of the events kept
        events = _all_events(client, **filters)
        edges = _get(client, "/api/graph", **filters)["data"]
        assert edges
        for edge in edges:
            of_edge = [e for e in events if e["type"] == edge["type"] and _both(e, edge["source"], edge["target"])]
            first = [e["first_seen"] for e in of_edge if e["first_seen"]]
            last = [e["last_seen"] for e in of_edge if e["last_seen"]]
            assert (edge["first_seen"], edge["last_seen"]) == (min(first, default=None), max(last, default=None))
    edges = _get(client, "/api/graph")["data"]
    assert any(e["first_seen"] is None for e in edges) and any(e["first_seen"] for e in edges)
    spans = {(e["source"], e["target"], e["type"]): (e["first_seen"], e["last_seen"]) for e in edges}
    assert spans[("JPN", "USA", "arms_transfer")] == ("2024-04-06", "2024-04-06")


def test_vocabulary_lists_the_values_of_the_closed_filters(client: TestClient) -> None:
    from allywatch.nlp.frames import EVENT_TYPES, STATUSES

    body = _get(client, "/api/vocabulary")
    assert body["data"] == [{"name": "type", "values": list(EVENT_TYPES)},
                            {"name": "status", "values": list(STATUSES)},
                            {"name": "entity_type", "values": ["country", "location", "org", "person", "place",
                                                               "program"]}]
    assert body["count"] == 3
    for kind in EVENT_TYPES:
        assert client.get("/api/events", params={"type": kind}).status_code == 200


def test_graph_takes_the_event_filters(client: TestClient) -> None:
    meetings = _get(client, "/api/graph", type="meeting")
    assert meetings["data"] and {e["type"] for e in meetings["data"]} == {"meeting"}
    assert meetings["events"] == _get(client, "/api/events", type="meeting")["count"]
    recent = _get(client, "/api/graph", since="2025")
    assert recent["events"] == _get(client, "/api/events", since="2025")["count"] < _get(client, "/api/graph")["events"]
    agreed = _get(client, "/api/graph", status="agreed", until="2024-12")
    assert agreed["events"] == _get(client, "/api/events", status="agreed", until="2024-12")["count"]


def test_timeline_counts_events_per_month_and_type(client: TestClient) -> None:
    pair = _all_events(client, party=["JPN", "USA"])
    timeline = _get(client, "/api/timeline", party=["JPN", "USA"])
    expected: dict[str, Counter[str]] = {}
    for event in pair:
        if event["first_seen"]:
            expected.setdefault(event["first_seen"][:7], Counter())[event["type"]] += 1
    assert [m["month"] for m in timeline["data"]] == sorted(expected) == ["2024-04", "2025-05"]
    for month in timeline["data"]:
        assert month["types"] == expected[month["month"]] and month["total"] == sum(month["types"].values())
    assert timeline["data"][0]["types"]["arms_transfer"] == 2
    assert timeline["undated"]["total"] == sum(1 for e in pair if not e["first_seen"]) > 0
    assert timeline["undated"]["types"]["co_production"] == 1
    assert timeline["count"] == 2
    japan = _get(client, "/api/timeline", party="JPN")
    assert sum(m["total"] for m in japan["data"]) + japan["undated"]["total"] == _get(
        client, "/api/events", party="JPN")["count"]
    assert _get(client, "/api/timeline", party="JPN", limit=1, offset=1)["data"] == japan["data"][1:2]


def test_reads_are_open_without_a_read_token(client: TestClient) -> None:
    assert client.get("/api/stories").status_code == 200
    assert client.get("/api/stories", headers={"Authorization": "Bearer anything"}).status_code == 200

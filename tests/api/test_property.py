"""Whatever query parameters a client sends, the read endpoints answer a 200 page or a 4xx with a message: never a
5xx (on SQLite and on PostgreSQL, which refuses NUL characters and numbers past 64 bits)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

KEYS = ("party", "type", "status", "since", "until", "program", "q", "limit", "offset")
GOOD = ("JPN", "usa", "EU", "co_production", "arms_transfer", "meeting", "agreed", "planned", "Tomahawk", "2024",
        "2024-04", "2024-04-06", "0", "1", "50", "500")
VALUES = st.one_of(
    st.sampled_from(GOOD),
    st.text(max_size=40),  # any characters but lone surrogates, NUL and control characters included
    st.from_regex(r"\d{1,5}(-\d{1,3}){0,3}", fullmatch=True),  # date-like, often not a date
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["%", "_", "\\", "'", '"', "%25", "1e3", "NaN", "-0", " ", "", "<script>", "2024-02-30"]),
)
PARAMS = st.lists(st.tuples(st.sampled_from(KEYS), VALUES), max_size=8)
ENDPOINTS = st.sampled_from(["/api/events", "/api/events", "/api/graph", "/api/timeline"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(endpoint=ENDPOINTS, params=PARAMS)
def test_random_event_queries_never_give_a_5xx(client: TestClient, endpoint: str,
                                               params: list[tuple[str, str]]) -> None:
    response = client.get(endpoint, params=params)
    assert response.status_code < 500, (endpoint, params, response.text)
    body: dict[str, Any] = response.json()
    if response.status_code == 200:
        assert isinstance(body["data"], list) and isinstance(body["count"], int)
        assert len(body["data"]) <= body["count"]
    else:
        assert response.status_code == 422, (params, response.text)
        assert isinstance(body["detail"], str) and body["detail"]


@settings(max_examples=60, deadline=None)
@given(path=st.text(min_size=1, max_size=30).filter(lambda s: s.strip("/. ") == s and s not in {".", ".."}))
def test_random_ids_are_a_404_or_a_422(client: TestClient, path: str) -> None:
    for prefix in ("/api/articles/", "/api/stories/", "/api/entities/"):
        response = client.get(prefix + quote(path, safe=""))
        assert response.status_code in {200, 404, 422}, (prefix, path, response.text)

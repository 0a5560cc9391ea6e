"""Watching sources: ingest new items from folders, files and RSS/Atom feed URLs, round after round.

Each round visits every source once. A feed URL is fetched with a conditional GET (the ETag and Last-Modified
of the last good fetch), so an unchanged feed costs a 304 and no parsing; a folder is listed and only files whose
size or modification time changed are read again. Articles already in the store are skipped by content hash, so
the watch remembers what it has seen across restarts; within one process each source also remembers the hashes
it saw last, so repeated rounds do not even ask the store about them. A source that is down or malformed is
recorded as an error of that round, logged, and tried again next round; it never stops the other sources.
"""

from __future__ import annotations

import hashlib
import http.client
import logging
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from allywatch import __version__
from allywatch.errors import AllywatchError
from allywatch.ingest import display_name, iter_files, read_bytes, read_inputs
from allywatch.model import Article, Rejected
from allywatch.settings import Settings
from allywatch.store.ingest import IngestReport, ingest_items
from allywatch.store.repository import Repository, content_hash

TIMEOUT = 30.0
"""Seconds a feed URL may take to connect or to send the next bytes."""
USER_AGENT = f"allywatch/{__version__}"
ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
MAX_EVERY = 31 * 24 * 3600.0
"""The longest interval accepted; anything longer is almost certainly a typo."""

_DURATION = re.compile(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?", re.ASCII)
_SECONDS = re.compile(r"\d+", re.ASCII)

__all__ = ["FetchResult", "RoundReport", "SourceReport", "WatchError", "check_sources", "fetch_url",
           "parse_duration", "watch"]


class WatchError(AllywatchError):
    """A watch cannot start (a bad source or interval), or a source could not be fetched or read."""


@dataclass(frozen=True)
class FetchResult:
    """What fetching a URL gave: the HTTP status, the body and the validators for the next conditional GET."""

    status: int
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class SourceReport:
    """What one round did with one source."""

    source: str
    read: int = 0
    stored: int = 0
    skipped: int = 0
    rejected: tuple[Rejected, ...] = ()
    error: str | None = None
    not_modified: bool = False
    unread: tuple[Rejected, ...] = ()
    """Files in a folder that are not read (no extension or an unknown one, a link to nothing), when first seen."""


@dataclass(frozen=True)
class RoundReport:
    """What one round did: counts per source, and the sources that failed with why."""

    number: int
    sources: tuple[SourceReport, ...] = ()
    interrupted: bool = False

    @property
    def read(self) -> int:
        """Items read from all sources this round."""
        return sum(s.read for s in self.sources)

    @property
    def stored(self) -> int:
        """Articles newly stored this round."""
        return sum(s.stored for s in self.sources)

    @property
    def skipped(self) -> int:
        """Articles read this round that were stored before."""
        return sum(s.skipped for s in self.sources)

    @property
    def rejected(self) -> tuple[Rejected, ...]:
        """Single inputs rejected this round (a bad file in a folder, an empty feed item)."""
        return tuple(r for s in self.sources for r in s.rejected)

    @property
    def errors(self) -> tuple[tuple[str, str], ...]:
        """``(source, reason)`` for every source that failed this round."""
        return tuple((s.source, s.error) for s in self.sources if s.error is not None)


Fetch = Callable[[str, dict[str, str]], FetchResult]


def parse_duration(text: str) -> float:
    """Seconds in a duration such as "30s", "15m", "2h", "1h30m", or plain seconds such as "90"."""
    value = text.strip().lower()
    match = _DURATION.fullmatch(value)
    if _SECONDS.fullmatch(value):
        seconds = float(value)
    elif value and match:
        hours, minutes, secs = (int(g or 0) for g in match.groups())
        seconds = float(hours * 3600 + minutes * 60 + secs)
    else:
        raise WatchError(f"not a duration: {text!r}; use e.g. 30s, 15m, 2h, 1h30m, or plain seconds such as 90")
    if seconds > MAX_EVERY:
        raise WatchError(f"{text!r} is longer than the longest interval allowed, 31 days")
    return seconds


def check_sources(sources: Sequence[str]) -> None:
    """Raise WatchError unless every source is a path or an http(s) URL with a host."""
    if not sources:
        raise WatchError("nothing to watch: give folders, files or feed URLs")
    for source in sources:
        if source == "-":
            raise WatchError("standard input cannot be watched: give folders, files or feed URLs")
        if "://" not in source:
            continue
        if not _is_url(source):
            raise WatchError(f"cannot watch {source!r}: only http:// and https:// URLs are fetched")
        try:
            host = urlsplit(source).hostname
        except ValueError as err:
            raise WatchError(f"cannot watch {source!r}: {err}") from err
        if not host:
            raise WatchError(f"cannot watch {source!r}: the URL has no host")


def fetch_url(url: str, headers: dict[str, str], timeout: float = TIMEOUT, max_bytes: int | None = None) -> FetchResult:
    """GET ``url`` with ``headers``; a 304 is returned as a result, any other failure raises WatchError."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ACCEPT, **headers})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read() if max_bytes is None else response.read(max_bytes)
            return FetchResult(response.status, body, response.headers.get("ETag"),
                               response.headers.get("Last-Modified"))
    except urllib.error.HTTPError as err:
        err.close()
        if err.code == 304:
            return FetchResult(304, b"", err.headers.get("ETag"), err.headers.get("Last-Modified"))
        raise WatchError(f"HTTP {err.code} {err.reason}") from err
    except urllib.error.URLError as err:
        raise WatchError(f"cannot fetch: {_os_reason(err.reason)}") from err
    except OSError as err:
        raise WatchError(f"cannot fetch: {_os_reason(err)}") from err
    except http.client.HTTPException as err:
        raise WatchError(f"bad HTTP response: {type(err).__name__} {err}".strip()) from err


def watch(sources: Sequence[str], repo: Repository, settings: Settings, every: float, rounds: int | None = None,
          fetch: Fetch | None = None, on_round: Callable[[RoundReport], None] | None = None,
          sleep: Callable[[float], None] = time.sleep) -> list[RoundReport]:
    """Ingest new items from ``sources`` every ``every`` seconds, for ``rounds`` rounds or until interrupted."""
    check_sources(sources)
    if every < 0:
        raise WatchError(f"the interval between rounds cannot be negative ({every})")
    if rounds is not None and rounds < 1:
        raise WatchError(f"rounds must be at least 1 ({rounds})")
    # one byte past the limit, so that an oversize feed is rejected as oversize rather than cut off and misread
    fetch = fetch or partial(fetch_url, max_bytes=settings.max_bytes + 1)
    unique = list(dict.fromkeys(sources))
    memory = {source: _Memory() for source in unique}
    reports: list[RoundReport] = []
    done: list[SourceReport] = []
    number = 0
    try:
        while rounds is None or number < rounds:
            done = []
            number += 1
            started = time.monotonic()
            for source in unique:
                done.append(_visit(source, memory[source], repo, settings, fetch))
            report = RoundReport(number, tuple(done))
            reports.append(report)
            if on_round is not None:
                on_round(report)
            if rounds is None or number < rounds:
                delay = started + every - time.monotonic()
                if delay > 0:
                    sleep(delay)
    except KeyboardInterrupt:
        # Ctrl-C ends the watch cleanly: every batch is its own transaction, so the store holds whole batches
        if len(reports) < number:
            reports.append(RoundReport(number, tuple(done), interrupted=True))
    return reports


@dataclass
class _Memory:
    """What one source remembers between rounds in this process."""

    hashes: set[str] = field(default_factory=set)
    etag: str | None = None
    last_modified: str | None = None
    body: str | None = None
    files: dict[str, tuple[int, int]] = field(default_factory=dict)
    noted: set[tuple[str, str]] = field(default_factory=set)
    """The files under a folder source rejected or skipped at its last listing, with why (each is said once)."""


@dataclass
class _Tally:
    """One source's counts in one round, kept as they grow so a failure midway still reports what was done."""

    memory_skipped: int = 0
    ingest: IngestReport = field(default_factory=IngestReport)
    not_modified: bool = False

    def report(self, source: str, error: str | None = None) -> SourceReport:
        return SourceReport(source, read=self.ingest.read + self.memory_skipped, stored=self.ingest.stored,
                            skipped=self.ingest.skipped + self.memory_skipped, rejected=tuple(self.ingest.rejected),
                            error=error, not_modified=self.not_modified, unread=tuple(self.ingest.unread))


def _visit(source: str, memory: _Memory, repo: Repository, settings: Settings, fetch: Fetch) -> SourceReport:
    log = logging.getLogger(__name__)
    tally = _Tally()
    try:
        if _is_url(source):
            _visit_url(source, memory, repo, settings, fetch, tally)
        else:
            _visit_path(source, memory, repo, settings, tally)
        report = tally.report(source)
    except Exception as err:  # one broken source is recorded and retried next round; it never stops the others
        log.debug("source %s failed", source, exc_info=True)
        report = tally.report(source, _reason(err))
        log.warning("error %s: %s", source, report.error)
    for item in report.unread:
        log.info("skipped %s: %s", item.origin, item.reason)
    for item in report.rejected:
        log.info("rejected %s: %s", item.origin + (f":{item.line}" if item.line is not None else ""), item.reason)
    return report


def _visit_url(url: str, memory: _Memory, repo: Repository, settings: Settings, fetch: Fetch, tally: _Tally) -> None:
    headers: dict[str, str] = {}
    if memory.etag:
        headers["If-None-Match"] = memory.etag
    if memory.last_modified:
        headers["If-Modified-Since"] = memory.last_modified
    result = fetch(url, headers)
    if result.status == 304:
        tally.not_modified = True
        memory.etag = result.etag or memory.etag
        memory.last_modified = result.last_modified or memory.last_modified
        return
    if not 200 <= result.status < 300:
        raise WatchError(f"HTTP {result.status}")
    digest = hashlib.sha256(result.body).hexdigest()
    if digest == memory.body:
        # a server that ignores conditional requests sent the same bytes again: nothing new, nothing to parse
        tally.not_modified = True
        memory.etag, memory.last_modified = result.etag, result.last_modified
        return
    items = read_bytes(result.body, url, _url_stem(url), settings, suffix=".xml")
    _ingest(items, url, memory, repo, settings, tally)
    if tally.ingest.read + tally.memory_skipped == 0 and not _is_feed(result.body):
        # an HTML page where a feed used to be parses as an empty feed; say so instead of finding nothing forever
        raise WatchError("not an RSS or Atom feed")
    # validators are kept only after a good fetch, so a feed that failed is fetched in full next round
    memory.etag, memory.last_modified, memory.body = result.etag, result.last_modified, digest


def _visit_path(source: str, memory: _Memory, repo: Repository, settings: Settings, tally: _Tally) -> None:
    listed: dict[str, tuple[int, int]] = {}
    changed: list[Path] = []
    noted: set[tuple[str, str]] = set()
    news: list[Rejected] = []
    for item in iter_files([source]):
        if isinstance(item, Rejected):
            if item.origin == display_name(Path(source)):
                raise WatchError(item.reason)  # the source itself: missing, not a file, unreadable
            # a file or folder under it that is not read: said (and counted) when it first shows, not every round
            noted.add((item.origin, item.reason))
            if (item.origin, item.reason) not in memory.noted:
                news.append(item)
            continue
        try:
            stat = item.stat()
        except OSError:
            changed.append(item)  # gone or unreadable since listing: reading it reports why, and it is not remembered
            continue
        listed[str(item)] = (stat.st_mtime_ns, stat.st_size)
        if memory.files.get(str(item)) != listed[str(item)]:
            changed.append(item)
    if changed or news:
        _ingest(chain(news, read_inputs(changed, settings)), str(Path(source)), memory, repo, settings, tally)
    memory.files, memory.noted = listed, noted


def _ingest(items: Iterable[Article | Rejected], origin: str, memory: _Memory, repo: Repository,
            settings: Settings, tally: _Tally) -> None:
    """Store the items not remembered from earlier rounds, then remember those of this round that are stored."""
    kept: set[str] = set()
    pending: list[str] = []

    def progress(report: IngestReport) -> None:
        tally.ingest = report

    tally.ingest = ingest_items(_unseen(items, origin, memory, tally, kept, pending), repo, settings,
                                on_batch=progress)
    # what is remembered is what this round saw and the store holds, so memory follows the source and stays small
    memory.hashes = kept | (repo.known_hashes(pending) if pending else set())


def _unseen(items: Iterable[Article | Rejected], origin: str, memory: _Memory, tally: _Tally, kept: set[str],
            pending: list[str]) -> Iterator[Article | Rejected]:
    for item in items:
        if isinstance(item, Rejected):
            if item.origin == origin and item.line is None:
                raise WatchError(item.reason)  # the whole source is unusable (malformed feed, empty or oversize file)
            yield item
            continue
        digest = content_hash(item.text)
        if digest in memory.hashes:
            tally.memory_skipped += 1
            kept.add(digest)
        else:
            pending.append(digest)
            yield item


def _is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def _url_stem(url: str) -> str:
    parts = urlsplit(url)
    name = PurePosixPath(parts.path).stem or parts.hostname or ""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-") or "feed"


def _is_feed(body: bytes) -> bool:
    import feedparser

    return bool(feedparser.parse(body).get("version"))


def _os_reason(reason: object) -> str:
    if isinstance(reason, TimeoutError):
        return "timed out"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason)


def _reason(err: Exception) -> str:
    if isinstance(err, AllywatchError):
        return str(err)
    return f"{type(err).__name__}: {err}"

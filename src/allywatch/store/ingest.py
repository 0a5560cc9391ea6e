"""Ingesting into the store: read, skip what is stored, extract the rest, store in batches."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from allywatch.extract import extract_articles
from allywatch.ingest import read_inputs
from allywatch.model import Article, Extraction, Rejected, Skipped
from allywatch.settings import Settings
from allywatch.store.repository import ArticleRecord, IngestCounts, Repository, content_hash


@dataclass
class IngestReport:
    """What an ingest run did."""

    read: int = 0
    stored: int = 0
    skipped: int = 0
    """Articles read that were stored already."""
    rejected: list[Rejected] = field(default_factory=list)
    unread: list[Skipped] = field(default_factory=list)
    """Files in a folder that were not read (no extension or an unknown one, a link to nothing), with why."""


def ingest(paths: Iterable[str | Path], repo: Repository, settings: Settings, batch_size: int = 50,
           on_batch: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Store every new article under ``paths``; articles already stored (by content) are not extracted again."""
    return ingest_items(read_inputs(paths, settings), repo, settings, batch_size, on_batch)


def ingest_items(items: Iterable[Article | Rejected], repo: Repository, settings: Settings, batch_size: int = 50,
                 on_batch: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Store articles already read (from files, a feed, an API call), in batches of one transaction each."""
    report = IngestReport()
    clusterer = repo.load_clusterer()
    iterator = iter(items)
    while batch := list(islice(iterator, batch_size)):
        report.unread.extend(a for a in batch if isinstance(a, Skipped))
        batch = [a for a in batch if not isinstance(a, Skipped)]
        if not batch:
            continue
        report.read += len(batch)
        articles = [a for a in batch if isinstance(a, Article)]
        report.rejected.extend(a for a in batch if isinstance(a, Rejected))
        known = repo.known_hashes(content_hash(a.text) for a in articles)
        fresh = [a for a in articles if content_hash(a.text) not in known]
        report.skipped += len(articles) - len(fresh)
        extracted: list[Extraction] = []
        for result in extract_articles(fresh, settings):
            if isinstance(result, Rejected):
                report.rejected.append(result)
            else:
                extracted.append(result)
        extracted.sort(key=lambda e: (e.article.published is None, e.article.published or ""))
        _tally(report, repo.store_batch(extracted, clusterer), on_batch)
    return report


def ingest_batch_output(folder: str | Path, repo: Repository, batch_size: int = 500,
                        on_batch: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Store the articles of a ``batch`` output folder without extracting them again; stories are clustered
    against what the store holds (so they join stories stored before), events consolidated as in ``ingest``."""
    from allywatch.batch import read_batch_articles

    report = IngestReport()
    clusterer = repo.load_clusterer()
    iterator = iter(read_batch_articles(folder))
    while rows := list(islice(iterator, batch_size)):
        report.read += len(rows)
        _tally(report, repo.store_records([ArticleRecord.from_json(row) for row in rows], clusterer), on_batch)
    return report


def _tally(report: IngestReport, counts: IngestCounts, on_batch: Callable[[IngestReport], None] | None) -> None:
    report.stored += counts.stored
    report.skipped += counts.duplicates
    if on_batch is not None:
        on_batch(report)

"""Articles joining stored stories merge into their events: a corpus stored in many batches ends as one batch of it."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

from sqlalchemy import update

from allywatch.extract import extract_articles
from allywatch.ingest.readers import article_from_record
from allywatch.model import Article, Extraction
from allywatch.settings import Settings
from allywatch.store.repository import Repository
from allywatch.store.tables import KbEventRow
from tests.store.test_writers import EXAMPLES, _snapshot

SENTENCE = re.compile(r"(?<=[.!?])\s+")


def _records() -> list[dict[str, Any]]:
    """Articles recombined from the sample corpus's sentences (few, large stories, figures and dates that disagree),
    each dated, and a corrected version of one of them."""
    generator = random.Random(12)
    sources = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        body = path.read_text(encoding="utf-8").split("\n\n", 1)[-1]
        sources.append([s for s in SENTENCE.split(" ".join(body.split())) if len(s) > 30])
    outlets = ["Wire A", "Wire B", "Daily C", "", "Post D"]
    records = []
    for n in range(48):
        own = sources[n % len(sources)]
        chosen = generator.sample(own, min(len(own), generator.randint(6, 10)))
        chosen.append(generator.choice(sources[(n + 1) % len(sources)]))
        records.append({"id": f"r{n:03d}", "title": f"Report {n}" if n % 4 else None, "text": " ".join(chosen),
                        "published": f"2025-05-{10 + n % 19}", "source": outlets[n % len(outlets)]})
    corrected = dict(records[5], text=records[5]["text"].replace(".", ", officials said.", 1))
    records.insert(40, corrected)
    return records


def _extractions() -> list[Extraction]:
    settings = Settings(use_model=False)
    articles = [a for n, r in enumerate(_records())
                if isinstance(a := article_from_record(r, "t", n, settings), Article)]
    return [e for e in extract_articles(articles, settings) if isinstance(e, Extraction)]


def _store(url: str, extractions: list[Extraction], size: int) -> None:
    repo = Repository.open(url)
    try:
        clusterer = repo.load_clusterer()
        for i in range(0, len(extractions), size):
            repo.store_batch(extractions[i:i + size], clusterer)
    finally:
        repo.close()


def _stories(url: str) -> list[Any]:
    """Each story's events as ``story`` lists them (in order), without row ids, by the story's docs."""
    repo = Repository.open(url)
    try:
        out = []
        for story in repo.stories(limit=None):
            found = repo.story(story["id"])
            assert found is not None
            out.append((sorted(a["doc"] for a in found["articles"]), found["first_seen"], found["last_seen"],
                        found["conflicts"], [{k: v for k, v in e.items() if k not in {"id", "story"}}
                                             for e in found["events"]]))
        return sorted(out, key=repr)
    finally:
        repo.close()


def test_a_corpus_stored_in_batches_ends_as_one_batch_of_it(store_url: str, tmp_path: Path) -> None:
    extractions = _extractions()
    single = f"sqlite:///{tmp_path / 'single.db'}"
    _store(single, extractions, len(extractions))
    _store(store_url, extractions, 5)
    whole, batched = _snapshot(single), _snapshot(store_url)
    assert max(len(docs) for docs, *_ in whole["stories"]) >= 5  # stories grow over several batches
    assert any(e["conflicts"] for *_, events in _stories(single) for e in events)
    assert batched == whole
    assert _stories(store_url) == _stories(single)
    # a store written before events kept what merging needs consolidates their stories again, alike
    _forget_reported_confidence(store_url)
    again = f"sqlite:///{tmp_path / 'again.db'}"
    _store(again, extractions[:30], 30)
    _forget_reported_confidence(again)
    _store(again, extractions[30:], 4)
    assert _snapshot(again) == whole
    assert _stories(again) == _stories(single)


def _forget_reported_confidence(url: str) -> None:
    """Make the store look as if written before events kept what merging needs."""
    repo = Repository.open(url)
    try:
        with repo.engine.begin() as connection:
            connection.execute(update(KbEventRow).values(reported_confidence=None))
    finally:
        repo.close()

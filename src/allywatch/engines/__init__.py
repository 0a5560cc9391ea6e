"""Engines: where the per-article pipeline and the across-article stages run.

The algorithms are written once and are pure: the per-article pipeline (``allywatch.nlp``), story clustering
(``corpus.stories.story_ids``) and consolidation (``corpus.consolidate.consolidate``). An engine only decides where
they execute, through three steps, each the same function on every engine (splink keeps one record-linkage
algorithm on DuckDB and Spark the same way):

- ``extract``: every article through the pipeline, into its output row (the JSON contract, plus its text, origin
  and clustering signature); this is where nearly all the time goes, and it runs in parallel;
- story clustering, on the driver: it is incremental and stable by design (an article joins the best story
  among those before it, and memberships never change), so it runs once, in one order, whatever the engine; its
  cost per article is flat, so it is not the bottleneck;
- ``consolidate``: the events of each story merged, one story at a time, in parallel.

:class:`~allywatch.engines.local.LocalEngine` runs the steps in this process (extraction in ``jobs`` worker
processes); :class:`~allywatch.engines.spark.SparkEngine` (the ``[spark]`` extra) runs extraction inside Spark
partitions and consolidation as a Spark job over stories. Both give the same rows, stories and events.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from allywatch.corpus.consolidate import Source, consolidate
from allywatch.corpus.stories import dates_as_of, signature, signature_from_json, signature_to_json, story_ids
from allywatch.model import Article, Extraction, Rejected
from allywatch.output import extraction_to_json
from allywatch.pipeline import Pipeline

Row = dict[str, Any]


class Engine(Protocol):
    """What an engine does: run the per-article pipeline, and consolidate stories; in input order."""

    name: str

    def extract(self, items: Sequence[Article | Rejected]) -> list[Row | Rejected]:
        """Each item's output row (see :func:`article_rows`), or the item itself when it was rejected."""
        ...

    def consolidate(self, stories: Mapping[str, Sequence[Source]]) -> dict[str, list[dict[str, Any]]]:
        """Each story's consolidated events, as JSON."""
        ...


@dataclass
class BatchResult:
    """A batch run's output: article rows with their story ids, stories, consolidated events, rejected inputs."""

    articles: list[Row] = field(default_factory=list)
    stories: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)


def article_rows(pipeline: Pipeline, items: Sequence[Article | Rejected]) -> list[Row | Rejected]:
    """A batch of articles through the pipeline, each as its output row: the contract JSON with ``text``,
    ``origin`` and the clustering ``signature`` (so a later ``ingest --from`` needs no extraction)."""
    from allywatch.extract import process

    return [result if isinstance(result, Rejected) else _row(result) for result in process(pipeline, items)]


def _row(extraction: Extraction) -> Row:
    row = extraction_to_json(extraction)
    row.update(text=extraction.article.text, origin=extraction.article.origin,
               signature=signature_to_json(signature(extraction)))
    return row


def run_batch(engine: Engine, items: Iterable[Article | Rejected]) -> BatchResult:
    """Extract, cluster into stories and consolidate, on ``engine``."""
    result = BatchResult()
    rows: list[Row] = []
    for out in engine.extract(list(items)):
        if isinstance(out, Rejected):
            result.rejected.append(out)
        else:
            rows.append(out)
    own_dates = [None if r.get("published_inferred") else r.get("published") for r in rows]
    ids, inferred = story_ids([signature_from_json(r["signature"]) for r in rows], own_dates)
    by_story: dict[str, list[Row]] = {}
    for row, story, day in zip(rows, ids, inferred, strict=True):
        row["story"] = story
        if day is not None:
            row.update(published=day, published_inferred=True)
            if "text" in row:
                row["dates"] = dates_as_of(row["text"], day)  # "last Saturday" counted from the story's date
        by_story.setdefault(story, []).append(row)
    sources = {story: [Source(doc=r["doc"], outlet=r.get("source"),
                              published=None if r.get("published_inferred") else r.get("published"),
                              events=tuple(r.get("events", []))) for r in members]
               for story, members in by_story.items()}
    consolidated = engine.consolidate(sources)
    result.articles = rows
    for story in sorted(by_story):
        members = by_story[story]
        days = sorted(s.published for s in sources[story] if s.published)
        result.stories.append({
            "id": story, "title": next((r.get("title") for r in members if r.get("title")), None),
            "first_seen": days[0] if days else None, "last_seen": days[-1] if days else None,
            "articles": len(members), "outlets": len({r.get("source") or r["doc"] for r in members}),
            "docs": [r["doc"] for r in members]})
        result.events.extend({"story": story, **event} for event in consolidated[story])
    return result


def consolidate_story(sources: Sequence[Source]) -> list[dict[str, Any]]:
    """One story's consolidated events as JSON (the step engines run per story)."""
    return [asdict(event) for event in consolidate(sources)]


def get_engine(name: str, **options: Any) -> Engine:
    """The engine called ``name`` ('local' or 'spark'), with its options (``settings``; ``master`` for Spark)."""
    if name == "local":
        from allywatch.engines.local import LocalEngine

        return LocalEngine(**options)
    if name == "spark":
        from allywatch.engines.spark import SparkEngine

        return SparkEngine(**options)
    raise ValueError(f"unknown engine {name!r}: use 'local' or 'spark'")

"""The pipeline: components checked at build time, and a batch giving what one call each gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from allywatch.errors import PipelineError
from allywatch.extract import build_pipeline, process
from allywatch.ingest import read_inputs
from allywatch.model import Article, Extraction, Rejected
from allywatch.output import extraction_to_json
from allywatch.pipeline import FunctionComponent, Pipeline
from allywatch.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def test_a_component_whose_needs_come_later_fails_at_build_time() -> None:
    late = FunctionComponent("late", lambda e: e, requires=("entities",), assigns=("events",))
    with pytest.raises(PipelineError, match="late"):
        Pipeline.build([late])


@pytest.mark.parametrize("use_model", [False, True])
def test_a_batch_gives_exactly_what_one_call_each_gives(use_model: bool) -> None:
    settings = Settings(use_model=use_model)
    pipeline = build_pipeline(settings)
    articles = [a for a in read_inputs([EXAMPLES], settings) if isinstance(a, Article)]
    batched = pipeline.pipe(articles)
    alone = [pipeline(a) for a in articles]
    assert [extraction_to_json(e) for e in batched if isinstance(e, Extraction)] == \
        [extraction_to_json(e) for e in alone]
    assert sum(len(e.events) for e in alone) > 0


def test_one_failing_article_fails_alone_in_its_batch() -> None:
    def fussy(extraction: Extraction) -> Extraction:
        if "explode" in extraction.article.text:
            raise ValueError("cannot read this one")
        return extraction

    pipeline = Pipeline.build([FunctionComponent("fussy", fussy, requires=("article",))])
    items: list[Article | Rejected] = [
        Article(doc="a", text="Japan and Italy met."), Rejected(origin="x.bin", reason="binary"),
        Article(doc="b", text="This one will explode."), Article(doc="c", text="Poland bought tanks.")]
    out = process(pipeline, items)
    assert [type(r).__name__ for r in out] == ["Extraction", "Rejected", "Rejected", "Extraction"]
    assert isinstance(out[2], Rejected) and "cannot read this one" in out[2].reason and out[2].doc == "b"

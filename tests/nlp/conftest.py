"""A pipeline shared by the NLP tests: the shipped knowledge base, without the statistical model."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from allywatch.extract import build_pipeline
from allywatch.model import Article, Extraction
from allywatch.pipeline import Pipeline
from allywatch.settings import Settings


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The default pipeline without the model (knowledge-base recognition only)."""
    return build_pipeline(Settings(use_model=False))


@pytest.fixture(scope="session")
def model_pipeline() -> Pipeline:
    """The default pipeline with the statistical model."""
    return build_pipeline(Settings(use_model=True))


@pytest.fixture
def run(pipeline: Pipeline) -> Callable[..., Extraction]:
    """Extract from a text, with an optional publication date."""

    def _run(text: str, published: str | None = "2025-05-22") -> Extraction:
        return pipeline(Article(doc="t", text=text, published=published))

    return _run

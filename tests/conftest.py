"""Shared fixtures: paths to the test data and to the shared corpora when present."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from allywatch.extract import build_pipeline
from allywatch.model import Article, Extraction
from allywatch.pipeline import Pipeline
from allywatch.settings import Settings

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def data() -> Path:
    """The folder of small test inputs."""
    return DATA


@pytest.fixture
def settings() -> Settings:
    """Default settings, without the statistical model, so tests are fast and deterministic."""
    return Settings(use_model=False)


def shared_corpus(name: str) -> Path:
    """A shared corpus folder, skipping the test when it is not there."""
    path = SHARED / "corpus" / name
    if not path.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"shared corpus {path} is missing, and CI needs it")
        pytest.skip(f"shared corpus {path} is not present on this machine")
    return path


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

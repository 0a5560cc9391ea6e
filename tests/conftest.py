"""Shared fixtures: paths to the test data and to the shared corpora when present."""

from __future__ import annotations

from pathlib import Path

import pytest

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
        pytest.skip(f"shared corpus {path} is not present on this machine")
    return path

from __future__ import annotations

import pytest

from allywatch.model import Article
from allywatch.nlp import model
from allywatch.pipeline import Pipeline


def test_the_pinned_model_loads_with_only_its_recogniser() -> None:
    nlp, why = model.load_model()
    assert why is None and nlp is not None
    assert "ner" in nlp.pipe_names and "parser" not in nlp.pipe_names


def test_a_missing_model_falls_back_and_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model, "MODEL_PACKAGE", "no_such_model_package_xyz")
    nlp, why = model.load_model()
    assert nlp is None and why is not None and "knowledge-base names only" in why
    assert model.missing_model() == why


def test_without_the_model_known_names_are_still_found(pipeline: Pipeline) -> None:
    found = pipeline(Article(doc="t", text="Lockheed Martin will deliver PAC-3 missiles to Japan.", published=None))
    assert {(e.type, e.name) for e in found.entities} >= {("org", "Lockheed Martin"), ("program", "PAC-3"),
                                                         ("country", "JPN")}

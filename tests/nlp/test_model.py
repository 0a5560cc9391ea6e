from __future__ import annotations

import importlib

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


#: Sentences of our own, of the lengths and kinds the recogniser and the parser read.
SENTENCES = [
    "Norway will buy 54 K9 howitzers from South Korea's Hanwha Aerospace, Defence Minister Bjorn Arild Gram said.",
    "The Philippine Navy received two corvettes built by HD Hyundai Heavy Industries in Ulsan on Tuesday.",
    "Officials in Canberra and Washington signed a memorandum on guided weapons production at the Pentagon.",
    "Rheinmetall and Leonardo agreed to form a joint venture in Rome to build Lynx and Panther vehicles for Italy.",
    "Talks continued.",
    "Japan's Mitsubishi Electric will supply radars to Indonesia under a contract worth $120 million, "
    "Indonesian Defence Minister Sjafrie Sjamsoeddin told reporters in Jakarta after meeting his counterpart, "
    "while the two navies prepared for joint drills near Natuna later this year.",
]


def _default_ops(exclude: list[str]) -> object:
    return importlib.import_module(model.MODEL_PACKAGE).load(exclude=exclude)


def test_the_faster_matrix_products_change_no_entity_and_no_parse() -> None:
    if model.missing_model():
        pytest.skip(model.missing_model())
    nlp, _ = model.load_model()
    parser, _ = model.load_parser()
    plain_ner = _default_ops(list(model.EXCLUDED))
    plain_parser = _default_ops(["ner"])

    def ents(pipeline: object, batch_size: int) -> list[list[tuple[int, int, str]]]:
        return [[(e.start_char, e.end_char, e.label_) for e in doc.ents]
                for doc in pipeline.pipe(SENTENCES, batch_size=batch_size)]  # type: ignore[attr-defined]

    def parses(pipeline: object, batch_size: int) -> list[list[tuple[str, str, int]]]:
        return [[(t.tag_, t.dep_, t.head.i) for t in doc]
                for doc in pipeline.pipe(SENTENCES, batch_size=batch_size)]  # type: ignore[attr-defined]

    assert ents(nlp, 64) == ents(plain_ner, 64) == ents(nlp, 1)
    assert any(ents(nlp, 64))
    assert parses(parser, 64) == parses(plain_parser, 64) == parses(parser, 1)

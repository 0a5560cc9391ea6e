from __future__ import annotations

import importlib

import pytest

from allywatch.nlp import attributes, model

#: Sentences of our own that exercise the ruler's special rules: contractions, "there is", words the tagger calls
#: nouns but the ruler makes pronouns, spaces, "gonna", "y'all", "let's", quantities and names.
SENTENCES = [
    "Norway will buy 54 K9 howitzers from South Korea, officials said on Tuesday.",
    "There are no plans to sell the jets, and there's nothing to announce, the minister said.",
    "Y'all ain't gonna see the frigates before 2030 , let's be honest.",
    "Someone leaked the draft  and anyone could read it;  nothing was classified.",
    "The drones that Ankara gets from its own firms got cheaper as output rose 40 %.",
    "\n  Whether Canada decides to buy submarines depends on the budget, which won't pass until June.",
    "C'mon, gotta sign it now: Manila and Tokyo inked a pact on visiting forces.",
]


def _analyses(nlp: object, texts: list[str]) -> list[list[tuple[str, str, str, str, str, str]]]:
    return [[(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]
            for doc in nlp.pipe(texts)]  # type: ignore[attr-defined]


def _fresh() -> object:
    package = importlib.import_module(model.MODEL_PACKAGE)
    return package.load(exclude=["ner"])


def test_the_indexed_mapping_gives_the_rulers_and_lemmatizers_output_token_for_token() -> None:
    if model.missing_model():
        pytest.skip(model.missing_model())
    original, fast = _fresh(), _fresh()
    assert attributes.install(fast)
    assert "lemmatizer" not in fast.pipe_names  # type: ignore[attr-defined]
    expected = _analyses(original, SENTENCES)
    assert _analyses(fast, SENTENCES) == expected
    assert _analyses(fast, SENTENCES) == expected  # and again, from the remembered lemmas


def test_the_parser_the_event_reader_loads_uses_the_indexed_mapping() -> None:
    parser, why = model.load_parser()
    if parser is None:
        pytest.skip(why or "no parser")
    doc = parser("Italy refused to sell the frigates that Egypt wanted.")
    assert [t.lemma_ for t in doc][:4] == ["Italy", "refuse", "to", "sell"]
    assert doc[1].pos_ == "VERB" and doc[5].pos_ == "NOUN"


def test_a_pattern_it_cannot_compile_leaves_the_pipeline_as_it_was() -> None:
    if model.missing_model():
        pytest.skip(model.missing_model())
    nlp = _fresh()
    ruler = nlp.get_pipe("attribute_ruler")  # type: ignore[attr-defined]
    ruler.add([[{"LOWER": "jets", "OP": "+"}]], {"POS": "NOUN"})
    names = list(nlp.pipe_names)  # type: ignore[attr-defined]
    assert not attributes.install(nlp)
    assert nlp.pipe_names == names  # type: ignore[attr-defined]

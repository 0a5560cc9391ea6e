"""The event lexicon: shipped data loads, and mistakes in a user file are reported with what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from allywatch.nlp.frames import Lexicon, LexiconError


def test_the_shipped_lexicon_loads_and_covers_every_type() -> None:
    lexicon = Lexicon.load()
    kinds = {t.type for triggers in lexicon.triggers.values() for t in triggers}
    assert len(kinds) == 11
    assert {"bought", "sold", "delivered", "talks"} <= lexicon.surface
    assert lexicon.status_class("ink") == "agreed" and lexicon.status_class("refuse") == "negated"


@pytest.mark.parametrize("sentence,fires", [
    ("the minister gave a long speech in tokyo", False),  # "give" moves equipment only
    ("japan gave two frigates to manila", True),
    ("seoul will send its condolences", False),
    ("seoul will send troops", True),
    ("the budget rose sharply", False),  # a budget is an event only when it is a defence budget
    ("the defence budget rose to 2% of gdp", True),
    ("the firms agreed to co-develop a drone", True),
])
def test_only_sentences_whose_trigger_could_fire_are_parsed(sentence: str, fires: bool) -> None:
    assert Lexicon.load().may_fire(set(sentence.split())) is fires


def test_a_programme_counts_as_equipment_before_parsing() -> None:
    assert Lexicon.load().may_fire({"thailand", "bought", "the", "gripen"}, has_program=True)


def test_a_user_file_adds_a_trigger(tmp_path: Path) -> None:
    extra = tmp_path / "more.yaml"
    extra.write_text("triggers:\n  - {lemma: procurify, pos: [VERB], type: arms_transfer, frame: acquire}\n",
                     encoding="utf-8")
    assert "procurify" in Lexicon.load([extra]).triggers


@pytest.mark.parametrize("entry,message", [
    ("{lemma: buy, pos: [VERB], type: sale, frame: acquire}", "unknown type"),
    ("{lemma: buy, pos: [VERB], type: arms_transfer, frame: grab}", "unknown frame"),
    ("{lemma: buy, phrase: buy up, type: arms_transfer, frame: acquire}", "exactly one"),
    ("{lemma: buy, pos: [VERB], type: arms_transfer, frame: acquire, needs: [luck]}", "unknown needs"),
])
def test_a_malformed_trigger_is_named(tmp_path: Path, entry: str, message: str) -> None:
    extra = tmp_path / "bad.yaml"
    extra.write_text(f"triggers:\n  - {entry}\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=message):
        Lexicon.load([extra])

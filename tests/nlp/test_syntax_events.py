"""The grammar-based event engine (``events = "syntax"``), on sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from allywatch.extract import build_pipeline
from allywatch.model import Article, Event, Extraction
from allywatch.nlp.model import missing_model
from allywatch.pipeline import Pipeline
from allywatch.settings import Settings

pytestmark = pytest.mark.skipif(missing_model() is not None, reason="the language model package is not installed")

Run = Callable[[str], Extraction]


@pytest.fixture(scope="module")
def syntax_pipeline() -> Pipeline:
    return build_pipeline(Settings(use_model=False, events="syntax"))


@pytest.fixture
def run(syntax_pipeline: Pipeline) -> Run:
    return lambda text: syntax_pipeline(Article(doc="t", text=text, published="2025-05-22"))


def _of(run: Run, text: str, kind: str) -> list[Event]:
    return [e for e in run(text).events if e.type == kind]


@pytest.mark.parametrize("text,supplier,recipient", [
    ("Poland bought 96 Apache helicopters from the United States.", "USA", "POL"),
    ("Germany sold Leopard tanks to Norway last year.", "DEU", "NOR"),
    ("The missiles were shipped to Ukraine by Britain in March.", "GBR", "UKR"),
    ("Chile took delivery of its first radars from Spain.", "ESP", "CHL"),
    ("Egypt agreed to buy frigates from Italy.", "ITA", "EGY"),
    ("Israeli-built drones ordered by Azerbaijan arrived in Baku.", "ISR", "AZE"),
    ("The missiles that Japan bought from the US arrived last week.", "USA", "JPN"),
    ("Missiles purchased by Finland from Israel will equip its army.", "ISR", "FIN"),
    ("Japan has purchased 400 U.S. Tomahawk cruise missiles.", "USA", "JPN"),
    ("India tapped France to supply 26 fighter jets.", "FRA", "IND"),
    ("France inked a deal to sell 26 Rafale jets to India.", "FRA", "IND"),
    ("Poland signed a contract with South Korea's Hyundai Rotem for 180 more K2 tanks.", "KOR", "POL"),
])
def test_roles_follow_grammar_not_word_order(run: Run, text: str, supplier: str, recipient: str) -> None:
    [event] = _of(run, text, "arms_transfer")
    assert dict(event.roles) == {"supplier": supplier, "recipient": recipient}
    assert "frame" in event.why


@pytest.mark.parametrize("text", [
    "Italy refused to sell the frigates to Egypt.",
    "Seoul did not sign the contract for the tanks with Poland.",
    "Should Canada decide to buy submarines from Germany, deliveries would start in 2030.",
    "Tokyo dismissed reports that it had agreed to supply Patriot missiles to Ukraine.",
    "Beijing condemned the sale of fighter jets to Taiwan.",
])
def test_negated_refused_denied_and_conditional_acts_are_not_events(run: Run, text: str) -> None:
    assert _of(run, text, "arms_transfer") == []


@pytest.mark.parametrize("text,kind,status", [
    ("Under the contract signed on Tuesday, France will deliver 12 Rafale jets to India from 2028.", "arms_transfer",
     "agreed"),
    ("The drills between Japan and Australia ended on Sunday.", "exercise", "completed"),
    ("Talks between Seoul and Tokyo are set for next Tuesday.", "meeting", "planned"),
    ("Chile received the first three of 24 radars from Spain.", "arms_transfer", "ongoing"),
    ("Italy and Japan are considering joint development of a drone.", "co_development", "proposed"),
    ("Italy and Japan agreed to jointly develop a drone.", "co_development", "agreed"),
    ("Italy and Japan are jointly developing a drone.", "co_development", "ongoing"),
    ("Turkey is co-developing a trainer jet with Indonesia.", "co_development", "ongoing"),
])
def test_status_from_the_governing_verbs(run: Run, text: str, kind: str, status: str) -> None:
    [event] = _of(run, text, kind)
    assert event.status == status


def test_bystanders_take_no_part(run: Run) -> None:
    [talks] = _of(run, "Japan and the Philippines held talks amid Chinese naval drills.", "meeting")
    assert talks.participants == ("JPN", "PHL")
    assert _of(run, "Japan and the Philippines held talks amid Chinese naval drills.", "exercise") == []
    text = "Australia and the Philippines held joint drills on Monday. China's foreign ministry called the drills rash."
    assert [e.participants for e in _of(run, text, "exercise")] == [("AUS", "PHL")]


def test_the_three_countries_take_the_sentence_that_named_three(run: Run) -> None:
    text = ("The Philippines, the United States and Japan held their first trilateral maritime exercise on Friday. "
            "Manila is also in talks with Tokyo about radars. The three countries are expected to sign a framework "
            "on critical minerals supply chains next month.")
    [event] = _of(run, text, "supply_chain")
    assert event.participants == ("JPN", "PHL", "USA") and event.status == "planned"


def test_a_restriction_of_sales_is_an_export_control(run: Run) -> None:
    [event] = _of(run, "China on Tuesday banned exports of gallium to the United States.", "export_control")
    assert dict(event.roles) == {"actor": "CHN", "target": "USA"} and event.status == "completed"
    assert _of(run, "China on Tuesday banned exports of gallium to the United States.", "arms_transfer") == []


def test_a_place_after_a_preposition_is_a_party_only_where_the_frame_takes_it(run: Run) -> None:
    [event] = _of(run, "Washington and Tokyo plan to allow the repair of U.S. warships in Japan.", "maintenance")
    assert dict(event.roles) == {"provider": "JPN", "owner": "USA"} and event.status == "planned"

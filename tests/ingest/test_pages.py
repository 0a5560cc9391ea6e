"""Pages in layouts real outlets use, written for these tests (``tests/data/pages``): where the date, the title and
the quotations sit, and what of the page is not the article."""

from __future__ import annotations

from pathlib import Path

import pytest

from allywatch.ingest import read_inputs
from allywatch.model import Article, Extraction
from allywatch.pipeline import Pipeline
from allywatch.settings import Settings

PAGES = Path(__file__).parent.parent / "data" / "pages"


@pytest.fixture(scope="module")
def pages(pipeline: Pipeline) -> dict[str, tuple[Article, Extraction]]:
    out = {}
    for item in read_inputs(sorted(PAGES.glob("*.html")), Settings(use_model=False)):
        assert isinstance(item, Article), item
        out[item.doc] = (item, pipeline(item))
    return out


@pytest.mark.parametrize("doc,published,title", [
    ("jsonld_only", "2025-09-17", "Norway and Poland agree to build air-defence missiles together"),
    ("byline_date", "2025-03-04", "Chile takes delivery of first radar from Spain"),  # not the archive link's 2019
    ("url_date", "2025-04-08", "Greece orders more frigates from France"),  # only the canonical address dates it
    ("pull_quote", "2025-03-04", "Japan and Australia to co-develop underwater drones"),
    ("quote_over_paragraphs", "2025-05-20", "Brazil and Sweden extend fighter production deal"),
    ("translated", "2025-06-05", "Korea, Romania sign howitzer co-production contract"),  # "Input 2025.06.05 10:12"
])
def test_each_page_gets_its_own_date_and_title(pages: dict[str, tuple[Article, Extraction]], doc: str,
                                               published: str, title: str) -> None:
    article, _ = pages[doc]
    assert (article.published, article.title) == (published, title)


def test_menus_banners_and_footers_are_not_the_article(pages: dict[str, tuple[Article, Extraction]]) -> None:
    article, _ = pages["jsonld_only"]
    assert article.text.startswith("Norway and Poland signed an agreement on Tuesday")
    for noise in ("Accept all cookies", "All rights reserved", "Home"):
        assert noise not in article.text


@pytest.mark.parametrize("doc,expected", [
    ("jsonld_only", [("Tomasz Kowalik", "This is the largest industrial step")]),
    # the pull-quote repeats the body's words: one quotation, said by the minister the body names
    ("pull_quote", [("Richard Marles", "We are stronger when we build together. This project")]),
    # a quotation whose speaker the previous paragraph names goes on in the next one
    ("quote_over_paragraphs", [("Marta Lindqvist", "We have built the first jets here"),
                               ("Marta Lindqvist", "The skills stay in Brazil.")]),
    ('translated', [("Seok Jong-gun", "this contract shows that our weapons are trusted")]),
])
def test_quotations_and_their_speakers(pages: dict[str, tuple[Article, Extraction]], doc: str,
                                       expected: list[tuple[str, str]]) -> None:
    _, found = pages[doc]
    assert len(found.quotes) == len(expected)
    for quote, (speaker, opening) in zip(found.quotes, expected, strict=True):
        assert quote.speaker == speaker and quote.text.startswith(opening)


def test_dates_and_events_read_from_the_page_text(pages: dict[str, tuple[Article, Extraction]]) -> None:
    _, found = pages["translated"]
    assert [(d.text, d.value) for d in found.dates] == [("on the 4th", "2025-06-04")]
    _, found = pages["byline_date"]
    [delivery] = [e for e in found.events if e.type == "arms_transfer"]
    assert dict(delivery.roles) == {"supplier": "ESP", "recipient": "CHL"}

from __future__ import annotations

import pytest

from allywatch.ingest.clean import clean_text, is_furniture


@pytest.mark.parametrize(
    "line",
    [
        "This news has been read 1801 times!",
        "This article has been viewed 12,345 times",
        "Share.",
        "Share this article",
        "Exit mobile version",
        "Back to top button",
        "Advt Blocker Detected",
        "Kindly disable the Ad blocker",
        "Please disable your adblocker to continue",
        "Related Articles",
        "You may also like",
        "Verified by MonsterInsights",
        "We use cookies to personalise content and ads.",
        "© 2025 Naval Review. All rights reserved.",
        "Subscribe to our newsletter",
        "Skip to content",
        "3 min read",
    ],
)
def test_furniture_lines_are_recognised(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "Japan and the EU are accelerating efforts to strengthen their defense industry collaboration.",
        "Share prices of defence companies rose sharply after the announcement of the new budget.",
        "Related talks will follow in Tokyo next week, officials said.",
        "By Naila Huseynova",
    ],
)
def test_content_lines_are_kept(line: str) -> None:
    assert not is_furniture(line)


def test_clean_keeps_paragraphs_and_drops_furniture() -> None:
    raw = "First  paragraph line.\n\n\nShare.\n\nSecond\u00a0paragraph “quoted”.\nBack to top button\n"
    builder = clean_text(raw)
    assert builder.text() == 'First paragraph line.\n\nSecond paragraph "quoted".'


def test_offsets_map_back_to_the_original() -> None:
    raw = "Intro line.\n\nThis news has been read 5 times!\n\n  Japan   and Italy \\$935 billion deal."
    builder = clean_text(raw)
    text = builder.text()
    offsets = builder.offsets()
    for word in ("Japan", "Italy", "$935", "deal", "Intro"):
        at = text.index(word)
        original = offsets.to_original(at)
        assert original is not None
        assert raw[original : original + len(word)] == word
    # the paragraph break itself has no counterpart in the original
    assert offsets.to_original(text.index("\n")) is None


def test_title_repeated_in_body_is_dropped() -> None:
    raw = "Tokyo and Washington agree\n\nTokyo and Washington agree\n\nThe two allies agreed on Friday."
    builder = clean_text(raw, drop=frozenset({"Tokyo and Washington agree"}))
    assert builder.text() == "The two allies agreed on Friday."


@pytest.mark.parametrize("line", [
    "Print | Email | Share",
    "Follow Asia Pacific Report on X and Facebook for more regional security news.",
    "Facebook • Twitter • LinkedIn",
])
def test_share_bars_and_follow_prompts_are_furniture(line: str) -> None:
    assert is_furniture(line)

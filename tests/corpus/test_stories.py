from __future__ import annotations

from collections.abc import Callable

import pytest

from allywatch.corpus.stories import StoryClusterer, assign_stories, signature
from allywatch.model import Article, Extraction
from allywatch.pipeline import Pipeline

REPORT = ("Australia has picked Japan's Mitsubishi Heavy Industries to build 11 upgraded Mogami-class frigates for "
          "its navy in a deal worth about A$10 billion, Defence Minister Richard Marles said on Tuesday. The first "
          "three ships will be built in Japan and the rest at Henderson in Western Australia.")
REWRITE = ("Japan will build Australia's new frigates: Canberra chose Mitsubishi Heavy Industries and its Mogami "
           "design for the A$10bn programme, defence minister Richard Marls told reporters. Most of the 11 warships "
           "will be assembled in Western Australia.")
OTHER = ("China on Tuesday banned exports of gallium and germanium to the United States, the commerce ministry said, "
         "a day after Washington widened its curbs on chipmaking tools.")
SAME_TOPIC_YEAR_BEFORE = ("China said it would place gallium and germanium under export controls from Aug. 1, the "
                          "commerce ministry said on Monday, citing national security.")


@pytest.fixture(scope="module")
def extract(pipeline: Pipeline) -> Callable[[str, str, str | None], Extraction]:
    def _extract(doc: str, text: str, published: str | None) -> Extraction:
        return pipeline(Article(doc=doc, text=text, published=published))

    return _extract


def test_rewrite_with_garbled_name_joins_the_story(extract: Callable[..., Extraction]) -> None:
    items = [extract("a", REPORT, "2025-08-05"), extract("b", REWRITE, None), extract("c", OTHER, "2024-12-03")]
    stories = {e.article.doc: e.story for e in assign_stories(items)}
    assert stories["a"] == stories["b"] != stories["c"]


def test_undated_member_takes_the_story_date_marked_inferred(extract: Callable[..., Extraction]) -> None:
    out = {e.article.doc: e for e in assign_stories([extract("a", REPORT, "2025-08-05"),
                                                     extract("b", REWRITE, None)])}
    assert out["b"].article.published == "2025-08-05" and out["b"].article.published_inferred
    assert not out["a"].article.published_inferred


def test_same_topic_far_apart_in_time_is_another_story(extract: Callable[..., Extraction]) -> None:
    items = [extract("new", OTHER, "2024-12-03"), extract("old", SAME_TOPIC_YEAR_BEFORE, "2023-07-03")]
    stories = [e.story for e in assign_stories(items)]
    assert stories[0] != stories[1]


def test_memberships_are_stable_when_unrelated_articles_arrive(extract: Callable[..., Extraction]) -> None:
    clusterer = StoryClusterer()
    first = clusterer.add(signature(extract("a", REPORT, "2025-08-05")))
    other = clusterer.add(signature(extract("c", OTHER, "2024-12-03")))
    later = clusterer.add(signature(extract("b", REWRITE, "2025-08-06")))
    assert later == first != other
    assert clusterer.members[first] == ["a", "b"]


def test_two_developments_of_the_same_ministers_stay_apart(extract: Callable[..., Extraction]) -> None:
    production = ("TOKYO — Japan and the United States agreed on Friday to co-produce AMRAAM air-to-air missiles at "
                  "a Mitsubishi Electric plant, Defense Minister Shinjiro Koizumi said after talks with U.S. Defense "
                  "Secretary Pete Hegseth.")
    exercises = ("TOKYO — Defense Minister Shinjiro Koizumi and U.S. Defense Secretary Pete Hegseth discussed "
                 "contingency planning for the Taiwan Strait on Saturday and agreed to expand joint exercises in "
                 "Okinawa, the Defense Ministry said.")
    licence = ("Mitsubishi Electric will manufacture AMRAAM missiles under licence from RTX at its plant, after "
               "Japan and the United States agreed on the co-production deal during talks on Friday.")
    items = [extract("x", production, "2026-01-16"), extract("y", exercises, "2026-01-17"),
             extract("z", licence, "2026-01-18")]
    stories = {e.article.doc: e.story for e in assign_stories(items)}
    assert stories["x"] == stories["z"] != stories["y"]


def test_the_work_per_new_article_is_bounded_however_many_stories_share_its_words() -> None:
    import datetime as dt

    from allywatch.corpus.stories import Signature

    class Counting(StoryClusterer):
        scored = 0

        def _score(self, *args: object) -> float:  # type: ignore[override]
            Counting.scored += 1
            return super()._score(*args)  # type: ignore[arg-type]

    clusterer = Counting()
    shared = (("frigate", 1.0), ("navy", 1.0), ("contract", 1.0))
    for i in range(300):
        words = (*shared, (f"topic{i}", 2.0))
        clusterer.add(Signature(f"d{i}", dt.date(2025, 1, 1), frozenset({f"program:P{i}"}), frozenset(),
                                frozenset({"FRA"}), words, 1.0))
    assert len(clusterer.stories) == 300  # each its own story, all sharing three words
    Counting.scored = 0
    clusterer.add(Signature("new", dt.date(2025, 1, 2), frozenset({"program:P7"}), frozenset(), frozenset({"FRA"}),
                            (*shared, ("topic7", 2.0)), 1.0))
    assert 0 < Counting.scored <= clusterer.candidates * (clusterer.recent + 1)
    assert clusterer.members[next(s for s, docs in clusterer.members.items() if "d7" in docs)] == ["d7", "new"]


def test_streamed_stories_flow_one_by_one_and_date_an_undated_report(extract: Callable[..., Extraction]) -> None:
    from allywatch.corpus.stories import stream_stories

    given = iter([extract("a", REPORT, "2025-08-05"), extract("c", OTHER, "2024-12-03"),
                  extract("b", REWRITE, None)])
    streamed = stream_stories(given)
    first = next(streamed)
    assert first.article.doc == "a" and first.story  # out before the rest is read
    rest = {e.article.doc: e for e in streamed}
    assert rest["b"].story == first.story != rest["c"].story
    assert rest["b"].article.published == "2025-08-05" and rest["b"].article.published_inferred


def test_story_ids_come_from_content_not_from_file_names(extract: Callable[..., Extraction]) -> None:
    one = assign_stories([extract("article", REPORT, "2025-08-05"), extract("article", OTHER, "2024-12-03")])
    assert one[0].story != one[1].story  # two files both called "article"
    renamed = assign_stories([extract("first", REPORT, "2025-08-05"), extract("second", OTHER, "2024-12-03")])
    assert [e.story for e in renamed] == [e.story for e in one]


def test_an_undated_reports_relative_dates_resolve_against_its_storys_date(
        extract: Callable[..., Extraction]) -> None:
    from allywatch.corpus.stories import stream_stories

    undated = extract("b", REWRITE + " The choice was announced last Tuesday.", None)
    assert [d.text for d in undated.dates] == []  # no date to count from yet
    for out in (assign_stories([extract("a", REPORT, "2025-08-07"), undated]),
                list(stream_stories([extract("a", REPORT, "2025-08-07"), undated]))):
        dated = {e.article.doc: e for e in out}["b"]
        assert dated.article.published == "2025-08-07"
        assert [(d.text, d.value) for d in dated.dates] == [("last Tuesday", "2025-08-05")]

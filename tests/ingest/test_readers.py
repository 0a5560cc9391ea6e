from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from allywatch.ingest import iter_files, read_bytes, read_inputs
from allywatch.ingest.dateline import infer_year, parse_dateline
from allywatch.model import Article, Rejected
from allywatch.settings import Settings

TODAY = dt.date(2026, 11, 23)


def _articles(items: list[Article | Rejected]) -> list[Article]:
    return [a for a in items if isinstance(a, Article)]


def test_txt_with_header(data: Path, settings: Settings) -> None:
    [article] = list(read_inputs([data / "header.txt"], settings))
    assert isinstance(article, Article)
    assert article.doc == "header"
    assert article.title == "Japan and Italy agree to study joint frigate work"
    assert article.source == "Example Defence Wire"
    assert article.url == "https://example.org/2024/03/01/japan-italy"
    assert article.published == "2024-03-01"
    assert article.text.startswith("ROME — Japan and Italy")
    assert "Share." not in article.text
    assert "working group" in article.text


def test_txt_with_bare_date_line(data: Path, settings: Settings) -> None:
    [article] = list(read_inputs([data / "bare_date.txt"], settings))
    assert isinstance(article, Article)
    assert article.published == "2025-05-22"
    assert article.text.startswith("Prime Minister Shigeru Ishiba")
    assert article.title is None
    assert '"It is difficult' in article.text


def test_txt_headline_and_dateline(data: Path, settings: Settings) -> None:
    [article] = list(read_inputs([data / "dateline.txt"], settings))
    assert isinstance(article, Article)
    assert article.title == "Poland buys more tanks"
    assert article.published == "2025-08-01"
    assert article.source == "Central Wire"
    assert "read 1801 times" not in article.text
    assert "Back to top" not in article.text


def test_offsets_of_txt_point_into_the_file(data: Path, settings: Settings) -> None:
    [article] = list(read_inputs([data / "header.txt"], settings))
    assert isinstance(article, Article)
    raw = (data / "header.txt").read_text(encoding="utf-8")
    at = article.text.index("working group")
    original = article.offsets.to_original(at)
    assert original is not None
    assert raw[original : original + len("working group")] == "working group"


def test_dateline_without_year_takes_the_year_its_weekdays_fit() -> None:
    lead = (
        "TOKYO, April 6, (AP): Japanese Prime Minister Fumio Kishida said Friday he wants to "
        "strengthen military cooperation."
    )
    context = lead + " Since adopting a strategy in 2022, the government has acted."
    line = parse_dateline(lead, context, TODAY)
    assert line is not None
    assert line.place == "TOKYO"
    assert line.outlet == "AP"
    assert line.published == "2024-04-06"  # 2024-04-05 was a Friday


def test_infer_year_without_weekday_takes_the_latest_past_year() -> None:
    assert infer_year(3, 1, "SEOUL, March 1 — talks began.", "talks in 2021", TODAY) == 2026
    assert infer_year(12, 30, "SEOUL, Dec. 30 — talks.", "talks in 2021", TODAY) == 2025


def test_dateline_forms() -> None:
    line = parse_dateline("GLIWICE, Poland, Aug. 1, 2025 (Central Europe Defence Monitor) — Poland signed.")
    assert line is not None and line.published == "2025-08-01" and line.outlet == "Central Europe Defence Monitor"
    line = parse_dateline("NEW DELHI — India and France on Monday signed an agreement.")
    assert line is not None and line.place == "NEW DELHI" and line.published is None
    assert parse_dateline("Japan and France on Monday signed an agreement.") is None


def test_html_page(data: Path, settings: Settings) -> None:
    [article] = list(read_inputs([data / "page.html"], settings))
    assert isinstance(article, Article)
    assert article.title == "Norway picks British frigates in big deal"
    assert article.published == "2025-08-31"
    assert article.source == "Naval Review"
    assert "Type 26 frigate" in article.text
    for furniture in ("cookies", "Home", "Share on", "Related Articles", "All rights reserved"):
        assert furniture not in article.text
    assert not article.text.startswith("Norway picks British frigates in big deal")


def test_broken_html_still_yields_text(settings: Settings) -> None:
    html = (
        b"<html><body><div><p>Japan and the Philippines signed a Reciprocal Access Agreement in "
        b"Manila on Monday, officials said<p>Second para <b>unclosed"
    )
    [article] = list(read_bytes(html, "broken.html", "broken", settings, suffix=".html"))
    assert isinstance(article, Article)
    assert "Reciprocal Access Agreement" in article.text


def test_jsonl_records_with_bad_lines(data: Path, settings: Settings) -> None:
    items = list(read_inputs([data / "records.jsonl"], settings))
    good = _articles(items)
    bad = [r for r in items if isinstance(r, Rejected)]
    assert [a.doc for a in good] == ["rec-1", "rec-3"]
    assert good[0].published == "2023-12-23" and good[0].source == "Brief Wire"
    assert good[0].title == "Japan to ship missiles to the US"
    assert "second contract for tanks" in good[1].text
    assert [(r.line, "malformed" in r.reason or "no 'id'" in r.reason) for r in bad] == [(2, True), (4, True)]


def test_json_list_of_records(tmp_path: Path, settings: Settings) -> None:
    rows = [
        {"id": f"a{i}", "text": f"Article number {i} says Japan and Italy agreed to cooperate on jets."}
        for i in range(3)
    ]
    path = tmp_path / "batch.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    assert [a.doc for a in _articles(list(read_inputs([path], settings)))] == ["a0", "a1", "a2"]


def test_rss_and_atom_feeds(data: Path, settings: Settings) -> None:
    items = list(read_inputs([data / "feeds"], settings))
    articles = _articles(items)
    assert len(articles) == 3 and len(items) == 3
    by_title = {a.title: a for a in articles}
    rss = by_title["India and France sign jet deal"]
    assert rss.published == "2025-04-28" and rss.source == "Example Defence Feed"
    assert rss.url == "https://example.org/a/india-france-jets"
    assert "26 naval fighter jets" in rss.text
    html_item = by_title["Australia chooses Japanese frigate"]
    assert "<p>" not in html_item.text and "general-purpose frigates" in html_item.text
    atom = by_title["China bans mineral exports to US"]
    assert atom.published == "2024-12-03" and "gallium" in atom.text
    assert len({a.doc for a in articles}) == 3


def test_folders_are_read_recursively_in_stable_order(tmp_path: Path) -> None:
    for name in ("b/z.txt", "a/y.html", "c.jsonl", ".hidden/x.txt", "notes.pdf"):
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("x")
    files = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path]) if isinstance(p, Path)]
    assert files == ["a/y.html", "b/z.txt", "c.jsonl"]


def test_bad_inputs_are_rejected_with_reasons(tmp_path: Path) -> None:
    settings = Settings(max_bytes=2000)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "tiny.txt").write_text("Share.\n")
    (tmp_path / "huge.txt").write_text("Japan and Italy agreed. " * 200)
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "good.txt").write_text("Japan and Italy agreed on Friday to develop a new fighter jet together.")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Le ministre de la Défense a signé l'accord à Paris, a-t-il déclaré.".encode("latin-1"))
    items = list(read_inputs([tmp_path, tmp_path / "missing.txt"], settings))
    reasons = {Path(r.origin).name: r.reason for r in items if isinstance(r, Rejected)}
    assert set(reasons) == {"binary.txt", "empty.txt", "huge.txt", "tiny.txt", "missing.txt"}
    assert "binary" in reasons["binary.txt"]
    assert "empty" in reasons["empty.txt"] and "empty" in reasons["tiny.txt"]
    assert "oversize" in reasons["huge.txt"]
    assert "no such file" in reasons["missing.txt"]
    assert sorted(a.doc for a in _articles(items)) == ["good", "latin"]
    assert "Défense" in next(a for a in _articles(items) if a.doc == "latin").text


def test_standard_input(settings: Settings) -> None:
    stream = io.BytesIO(b"Title: From stdin\nDate: 2024-01-02\n\nJapan and Australia held talks in Tokyo on Tuesday.")
    [article] = list(read_inputs(["-"], settings, stdin=stream))
    assert isinstance(article, Article)
    assert article.doc == "stdin" and article.title == "From stdin" and article.published == "2024-01-02"


def test_unreadable_file_is_rejected(settings: Settings) -> None:
    # /proc/self/mem is a regular file whose plain read fails with an I/O error, even for root
    target = Path("/proc/self/mem")
    if not target.is_file():
        pytest.skip("needs Linux /proc to have a file that cannot be read")
    [item] = list(read_inputs([target], settings))
    assert isinstance(item, Rejected)
    assert item.origin == str(target) and "unreadable" in item.reason


def test_infer_year_prefers_the_year_after_the_latest_mentioned_when_weekdays_allow_two() -> None:
    lead = "WASHINGTON, Feb. 13 (Wire) - The two countries will build vehicles, the minister said on Thursday."
    # 2025-02-13 was a Thursday, and 2026-02-13 is a Friday (the day after a Thursday): both fit the weekday
    line = parse_dateline(lead, lead + " India bought drones in 2024.", TODAY)
    assert line is not None and line.published == "2025-02-13"


def test_a_background_year_does_not_pull_the_dateline_back() -> None:
    lead = "NEW DELHI, Dec. 5 (Wire) — The two leaders agreed on Friday to expand joint production."
    # Dec. 5 was a Friday in 2025 and 2014 (and a Saturday in 2020); a 2017 law is only background
    line = parse_dateline(lead, lead + " Sanctions under a 2017 law loom.", TODAY)
    assert line is not None and line.published == "2025-12-05"


def test_a_lead_weekday_on_the_dateline_day_itself_picks_between_the_two_latest_years() -> None:
    # Oct. 9 was a Thursday in 2025 and a Wednesday in 2024: "on Wednesday" is the dateline's own day in 2024,
    # the day before in 2025
    lead = "ROME, Oct. 9 (Wire) — Italy and Japan signed a fighter accord on Wednesday."
    line = parse_dateline(lead, lead + " It builds on a 2024 framework.", TODAY)
    assert line is not None and line.published == "2024-10-09"
    lead = "ROME, Oct. 9 (Wire) — The two ministers said on Thursday that the jets would fly by 2035."
    line = parse_dateline(lead, lead, TODAY)
    assert line is not None and line.published == "2025-10-09"
    # a weekday that fits only as the day before still takes the latest year
    lead = "ROME, Oct. 9 (Wire) — The accord was signed late on Tuesday, officials said."
    line = parse_dateline(lead, lead + " It builds on a 2024 framework.", TODAY)
    assert line is not None and line.published == "2024-10-09"


def test_outlet_from_the_page_title_when_nothing_else_names_it(settings: Settings) -> None:
    html = ("<html><head><title>Turkey, Indonesia seal fighter deal - Anatolia Defence</title></head><body>"
            "<article><h1>Turkey, Indonesia seal fighter deal</h1><p>Indonesia signed a contract on Wednesday to buy "
            "48 fighter jets from Turkish Aerospace, officials said at the fair in Istanbul.</p></article>"
            "</body></html>")
    [article] = list(read_bytes(html.encode(), "p.html", "p", settings, suffix=".html"))
    assert isinstance(article, Article) and article.source == "Anatolia Defence"


def test_a_year_less_dateline_depends_on_the_article_not_the_clock() -> None:
    assert infer_year(3, 1, "SEOUL, March 1 — talks began.", "no year is named here") is None
    assert infer_year(3, 1, "SEOUL, March 1 — talks began.", "talks in 2021") in {2021, 2022}
    assert infer_year(3, 1, "SEOUL, March 1 — talks began.", "talks in 2021") == \
        infer_year(3, 1, "SEOUL, March 1 — talks began.", "talks in 2021")


def test_today_is_a_setting_checked_when_loaded() -> None:
    from allywatch.errors import AllywatchError
    from allywatch.settings import Settings

    assert Settings.load(today="2026-11-23").today == "2026-11-23"
    with pytest.raises(AllywatchError, match="ISO date"):
        Settings.load(today="23/11/2026")


def test_reading_bounds_year_less_datelines_by_the_knowledge_base_date_not_the_clock(tmp_path: Path) -> None:
    from allywatch.kb.loader import KnowledgeBase

    article = tmp_path / "a.txt"
    article.write_text("SEOUL, March 3 (Wire) — The two ministers met on Saturday to discuss radars and jets, "
                       "a follow-up to their 2023 talks.\n", encoding="utf-8")
    settings = Settings(min_chars=10)
    first = [a for a in read_inputs([article], settings)]
    again = [a for a in read_inputs([article], settings)]
    assert first == again and isinstance(first[0], Article)
    assert first[0].published == "2024-03-03" <= KnowledgeBase.as_of().isoformat()  # a Sunday: "on Saturday"
    [bounded] = list(read_inputs([article], Settings(min_chars=10, today="2024-01-01")))
    assert isinstance(bounded, Article) and bounded.published is None  # no fitting year up to that day


@pytest.mark.parametrize("line,date", [
    ("New Delhi (Wire) Sept 25, 2025", "2025-09-25"),
    ("09:40 KST, March 3, 2025", "2025-03-03"),
    ("Published: 2025-06-13 09:12", "2025-06-13"),
    ("Monday, July 10, 2017", "2017-07-10"),
    ("3-11-2024 (SEOUL)", None),  # day and month could be either way round
    ("The minister said on March 3, 2025 that the talks would go on.", None),  # a sentence, not a date line
])
def test_a_line_that_is_only_a_date(line: str, date: str | None) -> None:
    from allywatch.ingest.dateline import parse_date_line

    assert parse_date_line(line) == date


def test_a_page_without_metadata_takes_its_date_line(tmp_path: Path) -> None:
    page = tmp_path / "p.txt"
    page.write_text("India signs deal for jets\nNew Delhi (Wire) Sept 25, 2025\n\nIndia on Thursday signed an order "
                    "for 97 jets from a state-owned maker.\n", encoding="utf-8")
    [article] = list(read_inputs([page], Settings(min_chars=10)))
    assert isinstance(article, Article) and article.published == "2025-09-25"


@pytest.mark.parametrize("first", ["Skip to content", "Skip to main content", "Menu", "Sign in", "Accept all cookies"])
def test_page_furniture_is_no_title(tmp_path: Path, first: str) -> None:
    page = tmp_path / "p.txt"
    page.write_text(f"{first}\nJapan and Italy agreed on Friday to build a new fighter together, officials said.\n",
                    encoding="utf-8")
    [article] = list(read_inputs([page], Settings(min_chars=10)))
    assert isinstance(article, Article) and article.title != first


def test_an_html_page_whose_title_is_furniture_has_none(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    body = "<p>" + "Japan and Italy agreed on Friday to build a new fighter together, officials said. " * 4 + "</p>"
    page.write_text(f"<html><head><title>Skip to content</title></head><body><article>{body}</article></body></html>",
                    encoding="utf-8")
    [article] = list(read_inputs([page], Settings(min_chars=10)))
    assert isinstance(article, Article) and article.title is None


@pytest.mark.parametrize("url,date", [
    ("https://news.example/2025/11/04/drills-begin", "2025-11-04"),
    ("https://wire.example/world/20251104-123456", "2025-11-04"),
    ("https://news.example/2025/13/40/not-a-day", None),
    ("https://news.example/story?id=3456789012", None),
])
def test_the_date_an_articles_own_address_carries(url: str, date: str | None) -> None:
    from allywatch.ingest.readers import url_date

    assert url_date(url) == date


def test_a_record_without_a_date_takes_its_urls(tmp_path: Path) -> None:
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps({"id": "a", "url": "https://news.example/2024/05/06/ships",
                                   "text": "Japan and Italy agreed to build ships together, officials said on Monday."})
                       + "\n", encoding="utf-8")
    [article] = list(read_inputs([records], Settings(min_chars=10)))
    assert isinstance(article, Article) and article.published == "2024-05-06"


@pytest.mark.parametrize("paragraph,date", [
    ("Asia Wire Service, June 2, 2025 electricity — The two navies sailed together.", "2025-06-02"),
    ("Manila, 3 March 2025 - The ministry said the radars had arrived.", "2025-03-03"),
    ("Officials said on June 2, 2025 that the talks would go on.", None),
])
def test_a_full_date_that_opens_a_paragraph_before_a_dash(paragraph: str, date: str | None) -> None:
    from allywatch.ingest.dateline import lead_date

    assert lead_date(paragraph) == date


def test_two_different_articles_with_one_name_stay_two(tmp_path: Path) -> None:
    talks = "Japanese and Italian defence ministers held talks in Rome on Monday about the joint fighter programme."
    tanks = "Poland signed a contract with South Korea on Friday for another batch of tanks and howitzers."
    for folder, text in (("a", talks), ("b", tanks), ("c", talks)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "article.txt").write_text(text)
    read = list(read_inputs([tmp_path], Settings(use_model=False)))
    docs = [a.doc for a in read if isinstance(a, Article)]
    assert docs == ["article", "article~2", "article"], read  # the same text again is the same article


def test_a_json_lines_file_is_read_line_by_line_whatever_its_size(tmp_path: Path) -> None:
    text = "Poland signed a contract with South Korea on Friday for another batch of tanks and howitzers."
    path = tmp_path / "big.jsonl"
    with path.open("wb") as out:
        for i in range(400):
            out.write(json.dumps({"id": f"r{i}", "text": text}).encode() + b"\n")
        out.write(b"{not json}\n")
        out.write(json.dumps({"id": "bad-byte", "text": text}).encode().replace(b"Poland", b"Pol\xffand") + b"\n")
    settings = Settings(use_model=False, max_bytes=10_000)  # the file is larger; each record is not
    read = list(read_inputs([path], settings))
    articles = [a for a in read if isinstance(a, Article)]
    assert len(articles) == 401 and articles[-1].text.startswith("Pol\ufffdand")
    [bad] = [r for r in read if isinstance(r, Rejected)]
    assert bad.line == 401 and "malformed JSON line" in bad.reason


def test_nul_characters_are_removed_from_records_and_pages_and_noted(tmp_path: Path, settings: Settings,
                                                                      caplog: pytest.LogCaptureFixture) -> None:
    body = "TOKYO (AP) — Japan and Australia agreed on Monday to build frigates together, officials said. " * 3
    records = tmp_path / "nul.jsonl"
    records.write_text(json.dumps({"id": "a\x00b", "title": "Frigates\x00 together", "text": body.replace(
        "frigates", "frig\x00ates")}) + "\n" + json.dumps({"id": "page", "html": f"<html><body><p>{body}</p>"
                                                                                  "\x00</body></html>"}) + "\n")
    with caplog.at_level("WARNING", logger="allywatch.ingest"):
        first, page = _articles(list(read_inputs([records], settings)))
    assert (first.doc, first.title) == ("ab", "Frigates together")
    assert "\x00" not in first.text + first.original and "build frigates together" in first.text
    assert "\x00" not in page.text
    assert [r.getMessage() for r in caplog.records] == [f"note {records}:1: removed 5 NUL characters",
                                                        f"note {records}:2: removed 1 NUL character"]


def test_a_file_name_that_is_not_utf8_is_rejected_with_its_name(tmp_path: Path, settings: Settings) -> None:
    good = tmp_path / "good.txt"
    good.write_text("TOKYO (AP) — Japan and Australia agreed on Monday to build frigates together. " * 3)
    bad = os.fsdecode(bytes(tmp_path) + b"/bad\xff.txt")
    Path(bad).write_bytes(good.read_bytes())
    for paths in ([tmp_path], [bad]):
        items = list(read_inputs(paths, settings))
        rejected = [i for i in items if isinstance(i, Rejected)]
        assert [(r.origin, r.reason) for r in rejected] == [
            (f"{tmp_path}/bad\\xff.txt", "file name is not valid UTF-8: rename it to read it")]
    assert [a.doc for a in _articles(list(read_inputs([tmp_path], settings)))] == ["good"]


def test_an_unreadable_folder_is_rejected_and_the_rest_read(tmp_path: Path, settings: Settings,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_text("x")
    (tmp_path / "b.txt").write_text("TOKYO (AP) — Japan and Australia agreed to build frigates together. " * 3)
    scandir = os.scandir

    def denied(path: Any = ".") -> Any:  # as a folder without read permission answers (root reads any folder)
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", denied)
    items = list(read_inputs([tmp_path], settings))
    assert [(i.origin, i.reason) for i in items if isinstance(i, Rejected)] == [
        (str(tmp_path / "locked"), "unreadable folder: Permission denied")]
    assert [a.doc for a in _articles(items)] == ["b"]


def test_closed_standard_input_is_a_rejected_input(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    assert list(read_inputs(["-"], settings)) == [
        Rejected(origin="<stdin>", doc="stdin", reason="unreadable: standard input is closed")]
    proc = subprocess.run([sys.executable, "-m", "allywatch", "extract", "-", "--no-model"], capture_output=True,
                          text=True, preexec_fn=lambda: os.close(0))  # the child starts with no stdin
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "rejected <stdin>: unreadable: standard input is closed" in proc.stderr


@pytest.mark.parametrize("content", [
    "Morocco buys 200 anti-tank missiles from Turkey in $90m deal\n",
    "date 2025-04-01\n\nIndia, Oman wrap up naval drills off Muscat\n",
])
def test_a_file_holding_a_headline_alone_is_its_text(tmp_path: Path, settings: Settings, content: str) -> None:
    path = tmp_path / "brief.txt"
    path.write_text(content, encoding="utf-8")
    [article] = list(read_inputs([path], settings))
    assert isinstance(article, Article)
    assert article.text.strip() == content.strip().splitlines()[-1]

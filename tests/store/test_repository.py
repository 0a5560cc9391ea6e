"""The store on SQLite and on a real PostgreSQL server: idempotent ingest, resume after kill -9, queries."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from allywatch.settings import Settings
from allywatch.store.ingest import ingest
from allywatch.store.repository import Repository

ARTICLE = """Title: {title}
Published: 2025-0{month}-1{day}

{country} and Japan on Tuesday signed an agreement to jointly develop a new {thing} for their navies, the
defence ministries said. Officials said production would start in {year}, with {n} units planned.
"""
COUNTRIES = ["Australia", "India", "Italy", "France", "Germany", "Poland", "Norway", "Sweden", "Canada"]
THINGS = ["radar mast", "sonar", "torpedo", "drone", "missile", "frigate engine", "satellite", "jammer"]


def _corpus(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        country, thing = COUNTRIES[i % len(COUNTRIES)], THINGS[(i // len(COUNTRIES)) % len(THINGS)]
        text = ARTICLE.format(title=f"{country} and Japan to develop a {thing} ({i})", month=1 + i % 9,
                              day=i % 10, country=country, thing=thing, year=2026 + i % 5, n=i + 3)
        (folder / f"a{i:04d}.txt").write_text(text, encoding="utf-8")
    return folder


def test_ingesting_twice_stores_each_article_once(store_url: str, data: Path, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", 12)
    repo = Repository.open(store_url)
    try:
        first = ingest([corpus], repo, Settings(use_model=False), batch_size=5)
        second = ingest([corpus], repo, Settings(use_model=False), batch_size=5)
        assert (first.stored, first.skipped) == (12, 0)
        assert (second.stored, second.skipped) == (0, 12)
        assert sorted(repo.article_docs()) == sorted(f"a{i:04d}" for i in range(12))
    finally:
        repo.close()


def test_events_are_consolidated_with_their_sources(store_url: str, tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    (one / "x.txt").write_text("Published: 2025-08-01\n\nPoland signed a contract on Friday with South Korea's "
                               "Hyundai Rotem for 180 K2 tanks worth $6.5 billion, the agency said on Friday.\n")
    (two / "y.txt").write_text("Source: Other Wire\nPublished: 2025-08-02\n\nSouth Korea's Hyundai Rotem sealed a "
                               "$6.7 billion deal with Poland for 180 more K2 tanks, its largest export ever.\n")
    repo = Repository.open(store_url)
    try:
        ingest([one, two], repo, Settings(use_model=False))
        [event] = repo.events(party="POL", type="arms_transfer")
        assert event["roles"] == {"supplier": "KOR", "recipient": "POL"}
        assert sorted(s["doc"] for s in event["sources"]) == ["x", "y"] and event["outlets"] == 2
        assert (event["first_seen"], event["last_seen"]) == ("2025-08-01", "2025-08-02")
        [conflict] = [c for c in event["conflicts"] if c["field"] == "amount"]
        assert {v["value"] for v in conflict["values"]} == {"6.5e+09 USD", "6.7e+09 USD"}
        assert repo.events(party="JPN") == []
        story = repo.story(event["story"])
        assert story is not None and [a["doc"] for a in story["articles"]] == ["x", "y"]
        assert repo.entity("Hyundai Rotem") is not None
    finally:
        repo.close()


def test_an_ingest_killed_mid_run_resumes_without_loss_or_duplicates(store_url: str, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", 200)
    command = [sys.executable, "-m", "allywatch", "ingest", str(corpus), "--db", store_url, "--batch", "5",
               "--no-model", "-q"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    repo = Repository.open(store_url)
    try:
        deadline = time.time() + 120
        while repo.count_articles() < 10 and proc.poll() is None and time.time() < deadline:
            time.sleep(0.05)
        assert proc.poll() is None, "the ingest finished before it could be killed; make the corpus larger"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        partial = repo.count_articles()
        assert 10 <= partial < 200
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        docs = repo.article_docs()
        assert len(docs) == len(set(docs)) == 200
    finally:
        repo.close()


def test_cli_queries_answer_in_json(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", 4)
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    run = [sys.executable, "-m", "allywatch"]
    assert subprocess.run([*run, "ingest", str(corpus), "--db", db, "--no-model", "-q"], check=False).returncode == 0
    out = subprocess.run([*run, "events", "--db", db, "--party", "JPN", "--type", "co_development", "--since",
                          "2025-01", "--json"], capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    assert data["count"] == len(data["data"]) >= 1
    assert all("JPN" in e["participants"] and e["sources"] for e in data["data"])
    stories = json.loads(subprocess.run([*run, "stories", "--db", db, "--json"], capture_output=True, text=True,
                                        check=True).stdout)
    assert stories["count"] >= 1
    story = subprocess.run([*run, "story", stories["data"][0]["id"], "--db", db, "--json"], capture_output=True,
                           text=True, check=True)
    assert json.loads(story.stdout)["data"][0]["articles"]
    missing = subprocess.run([*run, "story", "s-nope", "--db", db], capture_output=True, text=True, check=False)
    assert missing.returncode == 1 and "no story" in missing.stderr


def test_a_figure_converted_differently_by_two_sources_is_a_conflict(store_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    lead = "Japan's cabinet on Friday approved a record defense budget of "
    (folder / "a.txt").write_text(f"Published: 2024-12-27\n\n{lead}¥8.7 trillion ($55 billion) for fiscal 2025, "
                                  "the Defense Ministry said.\n")
    (folder / "b.txt").write_text(f"Source: Second Wire\nPublished: 2024-12-27\n\n{lead}¥8.7 trillion ($56.1 "
                                  "billion) for fiscal 2025, the Defense Ministry said on Friday.\n")
    repo = Repository.open(store_url)
    try:
        ingest([folder], repo, Settings(use_model=False))
        [story] = repo.stories()
        detail = repo.story(story["id"])
        assert detail is not None
        [conflict] = detail["conflicts"]
        assert conflict["of"] == "8.7e+12 JPY" and sorted(conflict["values"]) == ["5.5e+10 USD", "5.61e+10 USD"]
    finally:
        repo.close()


def test_opposite_transfers_in_one_story_stay_apart_and_an_undated_report_takes_the_storys_date(
        store_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("Published: 2025-03-04\n\nJapan bought 400 Tomahawk missiles from the United "
                                  "States, and Japan shipped PAC-3 interceptors to the United States on Monday.\n")
    (folder / "b.txt").write_text("Source: Second Wire\n\nJapan bought 400 Tomahawk cruise missiles from the "
                                  "United States and shipped PAC-3 interceptors to the United States, officials "
                                  "said.\n")
    repo = Repository.open(store_url)
    try:
        ingest([folder], repo, Settings(use_model=False))
        transfers = repo.events(type="arms_transfer")
        assert sorted((e["roles"]["supplier"], e["roles"]["recipient"]) for e in transfers) == [
            ("JPN", "USA"), ("USA", "JPN")]
        assert all(not e["conflicts"] for e in transfers)
        [story] = repo.stories()
        detail = repo.story(story["id"])
        assert detail is not None
        undated = next(a for a in detail["articles"] if a["doc"] == "b")
        assert (undated["published"], undated["published_inferred"]) == ("2025-03-04", True)
    finally:
        repo.close()


def test_an_undated_reports_relative_dates_count_from_its_storys_date(store_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("Published: 2025-03-06\n\nJapan bought 400 Tomahawk missiles from the United "
                                  "States on Tuesday, the defence ministry said.\n")
    (folder / "b.txt").write_text("Source: Second Wire\n\nJapan bought 400 Tomahawk cruise missiles from the "
                                  "United States last Tuesday, officials said.\n")
    repo = Repository.open(store_url)
    try:
        ingest([folder], repo, Settings(use_model=False))
        [story] = repo.stories()
        detail = repo.story(story["id"])
        assert detail is not None
        [stored] = repo.article("b")
        assert stored["published"] == "2025-03-06"
        assert [(d["text"], d["value"]) for d in stored["dates"]] == [("last Tuesday", "2025-03-04")]
    finally:
        repo.close()

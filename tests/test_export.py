"""``allywatch export``: the consolidated events of a store filled by the real ingest of the bundled sample corpus,
as CSV, JSON Lines, Parquet and GraphML, filtered as ``allywatch events`` filters them."""

from __future__ import annotations

import csv
import json
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from allywatch.cli import app
from allywatch.export import COLUMNS
from allywatch.settings import Settings
from allywatch.store.ingest import ingest
from allywatch.store.repository import Repository
from allywatch.store.tables import ArticleRow
from tests.store.conftest import postgres_url, store_url  # noqa: F401  (the store tests' fixtures)

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "corpus"
NS = {"g": "http://graphml.graphdrawing.org/xmlns"}
runner = CliRunner()
Event = dict[str, Any]


def _fill(url: str) -> None:
    repo = Repository.open(url)
    try:
        report = ingest([SAMPLE], repo, Settings(use_model=False))
    finally:
        repo.close()
    assert (report.stored, report.rejected) == (5, [])


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite file store holding the sample corpus, ingested as 'allywatch ingest' does."""
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'sample.db'}"
    _fill(url)
    return url


@pytest.fixture(scope="module")
def stored(store: str) -> list[Event]:
    """Every consolidated event as the repository gives it, newest first (the order of 'allywatch events')."""
    repo = Repository.open(store)
    try:
        events = repo.events(limit=None)
    finally:
        repo.close()
    assert len(events) >= 10
    return events


@pytest.fixture(scope="module")
def texts(store: str) -> dict[str, str]:
    """Each stored article's cleaned text, by doc: what evidence offsets point into."""
    repo = Repository.open(store)
    try:
        with repo.sessions() as session:
            return {doc: text for doc, text in session.execute(select(ArticleRow.doc, ArticleRow.text))}
    finally:
        repo.close()


def _export(db: str, out: Path, fmt: str, *args: str) -> Path:
    result = runner.invoke(app, ["export", "--db", db, "--format", fmt, "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    assert out.exists() and not out.with_name(out.name + ".part").exists()
    return out


def _jsonl(path: Path) -> list[Event]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _both(event: Event, *codes: str) -> bool:
    return set(codes) <= set(event["participants"])


def test_jsonl_has_each_event_with_its_sources_and_evidence_sentences(store: str, stored: list[Event],
                                                                      texts: dict[str, str], tmp_path: Path) -> None:
    rows = _jsonl(_export(store, tmp_path / "events.jsonl", "jsonl"))
    assert [r["id"] for r in rows] == [e["id"] for e in stored]
    by_id = {e["id"]: e for e in stored}
    for row in rows:
        assert tuple(row) == COLUMNS
        event = by_id[row["id"]]
        for key in ("story", "type", "participants", "roles", "status", "item", "program", "date", "amount",
                    "first_seen", "last_seen", "outlets", "confidence", "conflicts"):
            assert row[key] == event[key], key
        docs = [s["doc"] for s in event["sources"]]
        assert [s["doc"] for s in row["sources"]] == docs and row["n_sources"] == len(set(docs))
        assert all(set(s) == {"doc", "outlet", "url", "published"} for s in row["sources"])
        assert row["evidence"], row
        for span in row["evidence"]:
            assert span["doc"] in docs
            assert texts[span["doc"]][span["start"]:span["end"]] == span["text"]  # offsets into the stored text
    japan_us = [r for r in rows if _both(r, "JPN", "USA")]
    assert len(japan_us) >= 5
    [production] = [r for r in japan_us if r["type"] == "co_production"]
    assert [s["doc"] for s in production["sources"]] == ["004_5b5dc9eb8f601fe5"]
    assert any("enhance joint production" in span["text"]
               for span in production["evidence"])
    [tomahawks] = [r for r in japan_us if r["type"] == "arms_transfer" and r["program"] == "Tomahawk"]
    assert tomahawks["roles"] == {"supplier": "USA", "recipient": "JPN"}
    assert tomahawks["n_sources"] == 2 and {s["doc"] for s in tomahawks["evidence"]} == {
        "001_566b1ad3839cd3de", "002_8325cd46da079034"}
    assert all("Tomahawk" in span["text"] for span in tomahawks["evidence"])


def test_each_source_carries_its_articles_url(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "x.txt").write_text("Source: First Wire\nURL: https://first.example/k2\nPublished: 2025-08-01\n\n"
                                  "Poland signed a contract on Friday with South Korea's Hyundai Rotem for 180 K2 "
                                  "tanks worth $6.5 billion, the agency said on Friday.\n", encoding="utf-8")
    (corpus / "y.txt").write_text("Source: Other Wire\nURL: https://other.example/tanks\nPublished: 2025-08-02\n\n"
                                  "South Korea's Hyundai Rotem sealed a $6.7 billion deal with Poland for 180 more "
                                  "K2 tanks, its largest export ever.\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'k2.db'}"
    repo = Repository.open(db)
    try:
        ingest([corpus], repo, Settings(use_model=False))
    finally:
        repo.close()
    [row] = _jsonl(_export(db, tmp_path / "k2.jsonl", "jsonl", "--party", "POL", "--party", "KOR",
                           "--type", "arms_transfer"))
    assert sorted((s["doc"], s["outlet"], s["url"]) for s in row["sources"]) == [
        ("x", "First Wire", "https://first.example/k2"), ("y", "Other Wire", "https://other.example/tanks")]
    assert row["roles"] == {"supplier": "KOR", "recipient": "POL"} and row["n_sources"] == row["outlets"] == 2
    assert [c["field"] for c in row["conflicts"]] == ["amount"]
    assert {span["doc"] for span in row["evidence"]} == {"x", "y"}


def test_csv_joins_participants_and_writes_objects_as_json(store: str, tmp_path: Path) -> None:
    rows = _jsonl(_export(store, tmp_path / "events.jsonl", "jsonl"))
    with _export(store, tmp_path / "events.csv", "csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == COLUMNS
        table = list(reader)
    assert len(table) == len(rows)
    for line, row in zip(table, rows, strict=True):
        assert int(line["id"]) == row["id"] and line["type"] == row["type"]
        assert line["participants"].split(";") == row["participants"]
        assert json.loads(line["roles"]) == row["roles"]
        assert json.loads(line["sources"]) == row["sources"]
        assert json.loads(line["evidence"]) == row["evidence"]
        assert json.loads(line["conflicts"]) == row["conflicts"]
        assert (json.loads(line["amount"]) if line["amount"] else None) == row["amount"]
        assert line["program"] == (row["program"] or "") and line["first_seen"] == (row["first_seen"] or "")
        assert int(line["n_sources"]) == row["n_sources"] and int(line["outlets"]) == row["outlets"]
    [tomahawks] = [line for line in table if line["type"] == "arms_transfer" and line["program"] == "Tomahawk"]
    assert tomahawks["participants"] == "JPN;USA"
    assert json.loads(tomahawks["roles"]) == {"supplier": "USA", "recipient": "JPN"}


def test_parquet_keeps_participants_a_list_and_objects_as_json(store: str, tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    rows = _jsonl(_export(store, tmp_path / "events.jsonl", "jsonl"))
    table = pq.read_table(_export(store, tmp_path / "events.parquet", "parquet"))
    assert tuple(table.schema.names) == COLUMNS
    assert table.schema.field("participants").type == pa.list_(pa.string())
    assert table.schema.field("n_sources").type == pa.int64()
    back = table.to_pylist()
    assert [r["id"] for r in back] == [r["id"] for r in rows]
    for got, row in zip(back, rows, strict=True):
        assert got["participants"] == row["participants"]
        assert json.loads(got["roles"]) == row["roles"] and json.loads(got["evidence"]) == row["evidence"]
        assert json.loads(got["sources"]) == row["sources"]
        assert got["program"] == row["program"] and got["date"] == row["date"]


def test_parquet_without_pyarrow_names_the_extra_to_install(store: str, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # 'import pyarrow' now raises ImportError
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    out = tmp_path / "events.parquet"
    result = runner.invoke(app, ["export", "--db", store, "--format", "parquet", "--out", str(out)])
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("error:") and "pip install 'allywatch[parquet]'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)
    assert list(tmp_path.iterdir()) == []


FILTERS: list[tuple[list[str], Callable[[Event], bool]]] = [
    (["--party", "JPN", "--party", "USA"], lambda e: _both(e, "JPN", "USA")),
    (["--party", "usa", "--party", "PHL", "--party", "JPN"], lambda e: _both(e, "JPN", "PHL", "USA")),
    (["--party", "EU"], lambda e: _both(e, "EU")),
    (["--type", "co_development"], lambda e: e["type"] == "co_development"),
    (["--status", "agreed"], lambda e: e["status"] == "agreed"),
    (["--since", "2025"], lambda e: (e["date"] or "") >= "2025" or (e["last_seen"] or "") >= "2025"),
    # a bound takes its whole period: 2024-04-06 is on or before --until 2024-04
    (["--until", "2024-04"], lambda e: any(v and v[:7] <= "2024-04" for v in (e["date"], e["first_seen"]))),
    (["--until", "2024-04-05"], lambda e: any(v and v[:10] <= "2024-04-05" for v in (e["date"], e["first_seen"]))),
    (["--party", "JPN", "--party", "USA", "--since", "2024-04", "--until", "2024-12", "--type", "meeting"],
     lambda e: _both(e, "JPN", "USA") and e["type"] == "meeting" and e["first_seen"] == "2024-04-06"),
]


@pytest.mark.parametrize(("args", "keep"), FILTERS, ids=[" ".join(a) for a, _ in FILTERS])
def test_filters_narrow_the_rows_as_the_events_command_does(store: str, stored: list[Event], tmp_path: Path,
                                                             args: list[str], keep: Callable[[Event], bool]) -> None:
    expected = [e["id"] for e in stored if keep(e)]
    assert 0 < len(expected) < len(stored), "a filter the sample corpus cannot show"
    rows = _jsonl(_export(store, tmp_path / "events.jsonl", "jsonl", *args))
    assert [r["id"] for r in rows] == expected
    listed = runner.invoke(app, ["events", "--db", store, *args, "--json"])
    assert listed.exit_code == 0, listed.output
    assert [e["id"] for e in json.loads(listed.stdout)["data"]] == expected


def test_until_keeps_a_day_inside_the_month_it_names(store: str, tmp_path: Path) -> None:
    rows = _jsonl(_export(store, tmp_path / "events.jsonl", "jsonl", "--until", "2024-04"))
    assert any(r["first_seen"] == "2024-04-06" and r["date"] is None for r in rows)
    assert not any((r["first_seen"] or "9999") > "2024-04-30" and (r["date"] or "9999") > "2024-04-30"
                   for r in rows)


def _graph(path: Path) -> tuple[ET.Element, dict[str, dict[str, str]], dict[tuple[str, str, str], dict[str, int]]]:
    root = ET.parse(path).getroot()
    keys = {k.get("id"): k.get("attr.name") for k in root.findall("g:key", NS)}
    graph = root.find("g:graph", NS)
    assert graph is not None
    nodes = {n.get("id", ""): {keys[d.get("key")]: d.text or "" for d in n.findall("g:data", NS)}
             for n in graph.findall("g:node", NS)}
    edges: dict[tuple[str, str, str], dict[str, int]] = {}
    for edge in graph.findall("g:edge", NS):
        data = {keys[d.get("key")]: d.text or "" for d in edge.findall("g:data", NS)}
        ends = sorted((edge.get("source", ""), edge.get("target", "")))
        kind = data.pop("type")
        edges[(ends[0], ends[1], kind)] = {k: int(v) for k, v in data.items()}
    return root, nodes, edges


def test_graphml_has_a_weighted_edge_per_pair_and_type(store: str, stored: list[Event], tmp_path: Path) -> None:
    root, nodes, edges = _graph(_export(store, tmp_path / "graph.graphml", "graphml"))
    assert root.tag == "{http://graphml.graphdrawing.org/xmlns}graphml"
    graph = root.find("g:graph", NS)
    assert graph is not None and graph.get("edgedefault") == "undirected"
    assert {k.get("attr.name"): k.get("attr.type") for k in root.findall("g:key", NS)} == {
        "name": "string", "label": "string", "type": "string", "weight": "int", "outlets": "int",
        "directed_events": "int"}
    assert set(nodes) == {p for e in stored for p in e["participants"]}
    assert nodes["JPN"] == {"name": "Japan", "label": "Japan"}
    assert nodes["USA"]["name"] == "United States" and nodes["EU"]["name"] == "European Union"
    # Japan-US: one edge per event type, weighing the number of JPN-USA consolidated events of that type
    japan_us = [e for e in stored if _both(e, "JPN", "USA")]
    weights = {kind: edge["weight"] for (a, b, kind), edge in edges.items() if (a, b) == ("JPN", "USA")}
    assert weights == Counter(e["type"] for e in japan_us) and sum(weights.values()) == len(japan_us) >= 5
    transfers = [e for e in japan_us if e["type"] == "arms_transfer"]
    assert edges[("JPN", "USA", "arms_transfer")]["directed_events"] == len(transfers) >= 1
    assert edges[("JPN", "USA", "co_production")]["directed_events"] == 0
    assert edges[("JPN", "USA", "meeting")]["outlets"] == len({s["outlet"] or s["doc"] for e in japan_us
                                                               if e["type"] == "meeting" for s in e["sources"]})
    # a three-party event adds to each of its pairs; a one-party event (a budget) makes no edge
    assert {("GBR", "ITA", "co_development"), ("GBR", "JPN", "co_development"),
            ("ITA", "JPN", "co_development")} <= set(edges)
    assert set(edges) == {(a, b, e["type"]) for e in stored for a, b in combinations(sorted(e["participants"]), 2)}
    assert not any(kind == "defense_spending" for _, _, kind in edges)


def test_graphml_takes_the_filters(store: str, stored: list[Event], tmp_path: Path) -> None:
    _, nodes, edges = _graph(_export(store, tmp_path / "meetings.graphml", "graphml", "--type", "meeting"))
    meetings = [e for e in stored if e["type"] == "meeting"]
    assert edges and {kind for _, _, kind in edges} == {"meeting"}
    assert set(nodes) == {p for e in meetings for p in e["participants"]}
    assert edges[("JPN", "USA", "meeting")]["weight"] == sum(_both(e, "JPN", "USA") for e in meetings)


def test_summary_line_goes_to_stderr_and_q_silences_it(store: str, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    result = runner.invoke(app, ["export", "--format", "csv", "--out", str(out), "--party", "JPN"],
                           env={"ALLYWATCH_DB": store})
    assert result.exit_code == 0, result.output
    rows = len(out.read_text(encoding="utf-8").splitlines()) - 1
    assert rows > 0 and result.stderr.strip() == f"exported {rows} events as csv -> {out}"
    graph = runner.invoke(app, ["export", "--db", store, "--format", "graphml", "--out", str(tmp_path / "g.graphml")])
    assert graph.exit_code == 0 and "parties" in graph.stderr and "edges) as graphml" in graph.stderr
    quiet = runner.invoke(app, ["export", "--db", store, "--format", "jsonl", "--out", str(tmp_path / "q.jsonl"),
                                "-q"])
    assert quiet.exit_code == 0 and quiet.output == ""
    assert (tmp_path / "q.jsonl").read_text(encoding="utf-8").count("\n") > 0


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "xml"], "unknown format 'xml': use csv, jsonl, parquet or graphml"),
    (["--format", "csv", "--since", "2024-13"], "--since takes a date as YYYY, YYYY-MM or YYYY-MM-DD"),
    (["--format", "csv", "--until", "last week"], "--until takes a date as YYYY, YYYY-MM or YYYY-MM-DD"),
    (["--format", "csv", "--until", "2025-02-30"], "not '2025-02-30'"),
])
def test_bad_arguments_give_one_line_and_exit_2(store: str, tmp_path: Path, args: list[str], message: str) -> None:
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["export", "--db", store, "--out", str(out), *args])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_an_unwritable_path_gives_one_line_and_exit_2(store: str, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file.txt"
    blocker.write_text("not a folder")
    for out, why in ((blocker / "events.csv", f"{blocker} is not a folder"),
                     (tmp_path, "it is a folder; give a file name")):
        result = runner.invoke(app, ["export", "--db", store, "--format", "csv", "--out", str(out)])
        assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
        assert result.stderr == f"error: cannot write {out}: {why}\n" and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file.txt"]


def test_a_missing_sqlite_store_is_an_error_not_an_empty_export(tmp_path: Path) -> None:
    db = tmp_path / "typo.db"
    result = runner.invoke(app, ["export", "--db", f"sqlite:///{db}", "--format", "jsonl",
                                 "--out", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 2 and f"no store at {db}" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_events_command_rejects_a_bad_date_too(store: str) -> None:
    result = runner.invoke(app, ["events", "--db", store, "--since", "2024-1"])
    assert result.exit_code == 2 and "--since takes a date" in result.stderr


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
def test_export_from_postgresql_matches_sqlite(store_url: str, store: str, tmp_path: Path) -> None:  # noqa: F811
    _fill(store_url)
    for fmt, args in (("jsonl", []), ("jsonl", ["--party", "JPN", "--party", "USA", "--until", "2024-04"])):
        lite = _jsonl(_export(store, tmp_path / "lite.jsonl", fmt, *args))
        pg = _jsonl(_export(store_url, tmp_path / "pg.jsonl", fmt, *args))
        assert lite and len(pg) == len(lite)

        def key(row: Event) -> str:
            return json.dumps({k: v for k, v in row.items() if k != "id"}, sort_keys=True)

        assert sorted(map(key, pg)) == sorted(map(key, lite))
    _, _, lite_edges = _graph(_export(store, tmp_path / "lite.graphml", "graphml"))
    _, _, pg_edges = _graph(_export(store_url, tmp_path / "pg.graphml", "graphml"))
    assert pg_edges == lite_edges and pg_edges[("JPN", "USA", "arms_transfer")]["weight"] >= 1

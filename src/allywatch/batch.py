"""Batch runs: inputs in, a folder of outputs out, on the local or the Spark engine.

The output folder holds, as JSON Lines (``--format jsonl``) or Parquet (``--format parquet``, through pyarrow):

- ``articles``: one row per article: the per-article contract (README, "Output") with its ``story``, plus
  ``text``, ``origin`` and ``signature`` (what ``allywatch ingest --from DIR`` needs to store it without
  extracting again); in Parquet the nested parts are JSON text in the columns ``extraction`` and ``signature``;
- ``stories``: ``id``, ``title``, ``first_seen``, ``last_seen``, ``articles``, ``outlets``, ``docs``;
- ``events``: the consolidated events, each with its ``story``, ``key``, parties, roles, status, sources and
  conflicts (in Parquet, nested fields as JSON text);
- ``rejected.jsonl``: inputs that could not be read or extracted, with the reason.

Parquet inputs (a file or a folder of parts) need a ``text`` or ``html`` column and an ``id``; Spark reads them
itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from allywatch.engines import BatchResult, Engine, Row, run_batch
from allywatch.errors import InputError
from allywatch.ingest import read_inputs
from allywatch.model import Article, Rejected
from allywatch.output import rejected_to_json
from allywatch.settings import Settings

FORMATS = ("jsonl", "parquet")
_ARTICLE_COLUMNS = ("doc", "story", "published", "title", "source", "url", "origin", "text")
_EVENT_JSON = ("roles", "amount", "conflicts", "sources")


def is_parquet(path: str | Path) -> bool:
    """A Parquet file, or a folder of Parquet parts."""
    path = Path(path)
    if path.is_dir():
        return any(path.glob("*.parquet")) and not any(p.suffix in {".txt", ".html", ".jsonl"} for p in path.iterdir())
    return path.suffix == ".parquet"


def read_parquet_records(path: str | Path, settings: Settings) -> Iterator[Article | Rejected]:
    """The articles of a Parquet file or folder, read in this process (pyarrow)."""
    from allywatch.ingest.readers import article_from_record

    pq = _pyarrow_parquet()
    try:
        table = pq.read_table(str(path))
    except Exception as err:  # an unreadable file is one rejected input, not a crash
        yield Rejected(origin=str(path), reason=f"not a readable Parquet file: {err}")
        return
    for n, row in enumerate(table.to_pylist(), 1):
        yield article_from_record(row, str(path), n, settings)


def batch(paths: Iterable[str | Path], engine: Engine, settings: Settings) -> BatchResult:
    """Read every input and run it through ``engine``; Parquet inputs are read by Spark itself on that engine."""
    items: list[Article | Rejected] = []
    spark_rows: list[Row | Rejected] = []
    for path in paths:
        if str(path) != "-" and is_parquet(path):
            if engine.name == "spark":
                spark_rows.extend(engine.extract_parquet(path))  # type: ignore[attr-defined]
            else:
                items.extend(read_parquet_records(path, settings))
        else:
            items.extend(read_inputs([path], settings))
    if spark_rows:
        return run_batch(_Prepared(engine, spark_rows), items)
    return run_batch(engine, items)


class _Prepared:
    """An engine whose first rows are already extracted (Parquet read by Spark), followed by the rest."""

    def __init__(self, engine: Engine, rows: list[Row | Rejected]) -> None:
        self.engine, self.rows, self.name = engine, rows, engine.name

    def extract(self, items: Any) -> list[Row | Rejected]:
        return self.rows + self.engine.extract(items)

    def consolidate(self, stories: Any) -> dict[str, list[dict[str, Any]]]:
        return self.engine.consolidate(stories)


def write_batch(result: BatchResult, out: str | Path, fmt: str = "jsonl") -> dict[str, Path]:
    """Write a batch result into the folder ``out``; the paths written, by name."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    tables = {"articles": result.articles, "stories": result.stories, "events": result.events}
    for name, rows in tables.items():
        path = folder / f"{name}.{fmt}"
        if fmt == "jsonl":
            _write_jsonl(path, rows)
        else:
            _write_parquet(path, [_flat(name, row) for row in rows])
        written[name] = path
    rejected = folder / "rejected.jsonl"
    _write_jsonl(rejected, [rejected_to_json(r) for r in result.rejected])
    written["rejected"] = rejected
    return written


def read_batch_articles(folder: str | Path) -> Iterator[Row]:
    """The article rows of a batch output folder (JSON Lines or Parquet), as ``run_batch`` made them."""
    folder = Path(folder)
    jsonl, parquet = folder / "articles.jsonl", folder / "articles.parquet"
    if jsonl.exists():
        with jsonl.open(encoding="utf-8") as lines:
            for n, line in enumerate(lines, 1):
                if line.strip():
                    try:
                        yield json.loads(line)
                    except json.JSONDecodeError as err:
                        raise InputError(f"{jsonl}:{n}: malformed JSON line: {err.msg}") from err
    elif parquet.exists():
        for row in _pyarrow_parquet().read_table(str(parquet)).to_pylist():
            yield {**json.loads(row["extraction"]), "text": row["text"], "origin": row["origin"],
                   "signature": json.loads(row["signature"])}
    else:
        raise InputError(f"{folder} holds no batch output (articles.jsonl or articles.parquet)")


def _flat(name: str, row: Row) -> Row:
    if name == "articles":
        extraction = {k: v for k, v in row.items() if k not in {"text", "origin", "signature"}}
        return {**{k: row.get(k) for k in _ARTICLE_COLUMNS}, "extraction": json.dumps(extraction, ensure_ascii=False),
                "signature": json.dumps(row["signature"], ensure_ascii=False)}
    if name == "events":
        return {k: json.dumps(v, ensure_ascii=False) if k in _EVENT_JSON else v for k, v in row.items()}
    return row


def _write_jsonl(path: Path, rows: Iterable[Row]) -> None:
    partial = path.with_name(path.name + ".part")
    with partial.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    partial.replace(path)


def _write_parquet(path: Path, rows: list[Row]) -> None:
    import pyarrow as pa

    partial = path.with_name(path.name + ".part")
    _pyarrow_parquet().write_table(pa.Table.from_pylist(rows), str(partial))
    partial.replace(path)


def _pyarrow_parquet() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError as err:
        raise InputError("Parquet needs pyarrow: pip install 'allywatch[spark]'") from err
    return pq

"""Exporting the store's consolidated events: as a table (CSV, JSON Lines, Parquet) or as the cooperation graph
(GraphML).

The events are those ``allywatch events`` lists, read through the same query (:meth:`Repository.iter_events`,
with the same filters) a chunk at a time, so an export of any size keeps memory flat. A table has one row per
consolidated event, with these columns (:data:`COLUMNS`):

- ``id``, ``story``: the event's id in the store and its story's id;
- ``type``, ``participants`` (party codes), ``roles`` (role to party code, e.g. supplier and recipient; ``{}`` for
  undirected types), ``status``, ``item``, ``program``, ``date`` (the date the sources give the act), ``amount``
  (value, currency, ``usd``, bound and the text; empty when no sum is given);
- ``first_seen``, ``last_seen``: the publication dates of its earliest and latest source;
- ``n_sources`` (articles that report it), ``outlets`` (independent outlets among them, as ``allywatch events``
  counts them), ``confidence``;
- ``sources``: each article that reports it, as ``doc``, ``outlet``, ``url`` and ``published``;
- ``evidence``: each sentence that states it, as ``doc``, ``text``, ``start`` and ``end`` (character offsets in
  that article's cleaned text);
- ``conflicts``: where sources disagree on the date or the sum, each value with the docs that give it.

JSON Lines keeps lists and objects as they are. CSV joins ``participants`` with ``;`` and writes the other
structured columns (``roles``, ``amount``, ``sources``, ``evidence``, ``conflicts``) as JSON text; Parquet keeps
``participants`` a list of strings and writes the others as JSON text too. Parquet goes through pyarrow, the
``parquet`` extra (``pip install 'allywatch[parquet]'``), imported only when asked for.

The graph has a node per party (its code as id, with a ``name`` attribute when the knowledge base knows the
party, and a ``label``, the name or else the code, which Gephi shows) and, for each pair of parties and event
type, one undirected edge with ``type``, ``weight`` (the number of consolidated events of that type both parties
take part in), ``outlets`` (the distinct outlets reporting them; an article without an outlet counts as its own)
and ``directed_events`` (how many of them give the two parties distinct roles, e.g. supplier and recipient: the
direction itself is in the table exports). An event of three parties adds to each of its three pairs; an event
of one party makes no edge, though the party is a node. Two parties that cooperate in several ways have parallel
edges, one per type (networkx reads a ``MultiGraph``). The GraphML is written with the standard library's
:mod:`xml.etree.ElementTree` (no graph library needed); networkx (``read_graphml``) and Gephi read it.

Every format is written to ``PATH.part`` first and renamed to ``PATH`` when complete, so a failed export leaves
no half-written file behind.
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from itertools import combinations, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from allywatch.errors import ExportError

if TYPE_CHECKING:
    from allywatch.store.repository import Repository

FORMATS = ("csv", "jsonl", "parquet", "graphml")
COLUMNS = ("id", "story", "type", "participants", "roles", "status", "item", "program", "date", "amount",
           "first_seen", "last_seen", "n_sources", "outlets", "confidence", "sources", "evidence", "conflicts")
#: Columns written as JSON text in CSV and Parquet.
JSON_COLUMNS = ("roles", "amount", "sources", "evidence", "conflicts")
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
#: GraphML attributes: (name, domain, type).
GRAPHML_KEYS = (("name", "node", "string"), ("label", "node", "string"), ("type", "edge", "string"),
                ("weight", "edge", "int"), ("outlets", "edge", "int"), ("directed_events", "edge", "int"))
PARQUET_EXTRA = "pip install 'allywatch[parquet]'"

Row = dict[str, Any]


@dataclass(frozen=True)
class EventFilters:
    """Which events to export: those every party in ``parties`` takes part in, of ``type`` and ``status``, on or
    after ``since`` and on or before ``until`` (YYYY, YYYY-MM or YYYY-MM-DD), as ``allywatch events`` filters."""

    parties: tuple[str, ...] = ()
    type: str | None = None
    status: str | None = None
    since: str | None = None
    until: str | None = None


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote: how many events, and for a graph how many parties and edges."""

    path: Path
    format: str
    events: int
    parties: int = 0
    edges: int = 0


def export_events(repo: Repository, out: str | Path, fmt: str, filters: EventFilters | None = None,
                  names: Mapping[str, str] | None = None) -> ExportReport:
    """Write the store's consolidated events that pass ``filters`` to ``out`` as ``fmt`` (one of
    :data:`FORMATS`). ``names`` maps party codes to names for the graph (default: the knowledge base's)."""
    check_format(fmt)
    path = Path(out)
    if path.is_dir():
        raise ExportError(f"cannot write {path}: it is a folder; give a file name")
    if fmt == "parquet":
        _pyarrow()  # fail before anything is read or written
    filters = filters or EventFilters()
    events = repo.iter_events(party=filters.parties, type=filters.type, status=filters.status, since=filters.since,
                              until=filters.until, urls=True)
    rows = (event_row(e) for e in events)
    with _written(path) as partial:
        if fmt == "graphml":
            graph = cooperation_graph(rows)
            write_graphml(graph, partial, party_names() if names is None else names)
            return ExportReport(path, fmt, graph.events, len(graph.parties), len(graph.edges))
        count = _WRITERS[fmt](rows, partial)
    return ExportReport(path, fmt, count)


def check_format(fmt: str) -> str:
    """``fmt`` if it is one of :data:`FORMATS`; an :class:`ExportError` naming them if not."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: use {', '.join(FORMATS[:-1])} or {FORMATS[-1]}")
    return fmt


def event_row(event: Row) -> Row:
    """One export row (:data:`COLUMNS`) of a consolidated event as the repository gives it."""
    sources = event.get("sources") or []
    return {
        "id": event["id"], "story": event["story"], "type": event["type"],
        "participants": list(event["participants"]), "roles": dict(event.get("roles") or {}),
        "status": event["status"], "item": event["item"], "program": event.get("program"),
        "date": event.get("date"), "amount": event.get("amount"),
        "first_seen": event.get("first_seen"), "last_seen": event.get("last_seen"),
        "n_sources": len({s["doc"] for s in sources}), "outlets": event["outlets"],
        "confidence": event["confidence"],
        "sources": [{"doc": s["doc"], "outlet": s.get("outlet"), "url": s.get("url"),
                     "published": s.get("published")} for s in sources],
        "evidence": [{"doc": s["doc"], "text": span["text"], "start": span["start"], "end": span["end"]}
                     for s in sources for span in s.get("evidence") or []],
        "conflicts": list(event.get("conflicts") or []),
    }


# ---- tables --------------------------------------------------------------------------------------------------


def write_csv(rows: Iterable[Row], path: Path) -> int:
    """Rows as CSV with a header; lists joined with ``;``, objects as JSON text. Returns the number of rows."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "participants": ";".join(row["participants"]), **_json_columns(row)})
            count += 1
    return count


def write_jsonl(rows: Iterable[Row], path: Path) -> int:
    """Rows as JSON Lines, lists and objects kept. Returns the number of rows."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def write_parquet(rows: Iterable[Row], path: Path, chunk: int = 1000) -> int:
    """Rows as Parquet (pyarrow), ``chunk`` rows per row group; ``participants`` a list of strings, the other
    structured columns JSON text. Returns the number of rows."""
    pa, pq = _pyarrow()
    schema = pa.schema([("id", pa.int64()), ("story", pa.string()), ("type", pa.string()),
                        ("participants", pa.list_(pa.string())), ("roles", pa.string()), ("status", pa.string()),
                        ("item", pa.string()), ("program", pa.string()), ("date", pa.string()),
                        ("amount", pa.string()), ("first_seen", pa.string()), ("last_seen", pa.string()),
                        ("n_sources", pa.int64()), ("outlets", pa.int64()), ("confidence", pa.float64()),
                        ("sources", pa.string()), ("evidence", pa.string()), ("conflicts", pa.string())])
    assert tuple(schema.names) == COLUMNS
    count = 0
    iterator = iter(rows)
    with pq.ParquetWriter(str(path), schema) as writer:
        while part := list(islice(iterator, chunk)):
            writer.write_table(pa.Table.from_pylist([{**row, **_json_columns(row)} for row in part], schema=schema))
            count += len(part)
    return count


_WRITERS: dict[str, Callable[[Iterable[Row], Path], int]] = {"csv": write_csv, "jsonl": write_jsonl,
                                                             "parquet": write_parquet}


def _json_columns(row: Row) -> dict[str, str | None]:
    return {k: None if row[k] is None else json.dumps(row[k], ensure_ascii=False) for k in JSON_COLUMNS}


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as err:
        raise ExportError(f"Parquet export needs pyarrow, which is not installed: {PARQUET_EXTRA}") from err
    return pa, pq


# ---- the cooperation graph -----------------------------------------------------------------------------------


@dataclass
class Edge:
    """The events of one type between two parties."""

    events: int = 0
    directed: int = 0
    outlets: set[str] = field(default_factory=set)


@dataclass
class CooperationGraph:
    """Parties, and an edge per pair of parties and event type."""

    events: int = 0
    parties: set[str] = field(default_factory=set)
    edges: dict[tuple[str, str, str], Edge] = field(default_factory=dict)  # (party, party, type), codes sorted


def cooperation_graph(rows: Iterable[Row]) -> CooperationGraph:
    """The graph of export rows (:func:`event_row`)."""
    graph = CooperationGraph()
    for row in rows:
        graph.events += 1
        parties = sorted(set(row["participants"]))
        graph.parties.update(parties)
        outlets = {s.get("outlet") or s["doc"] for s in row["sources"]}
        in_roles = set(row["roles"].values())
        for a, b in combinations(parties, 2):
            edge = graph.edges.setdefault((a, b, row["type"]), Edge())
            edge.events += 1
            edge.outlets |= outlets
            edge.directed += a in in_roles and b in in_roles
    return graph


def write_graphml(graph: CooperationGraph, path: Path, names: Mapping[str, str]) -> None:
    """The graph as GraphML, undirected, with the attributes of :data:`GRAPHML_KEYS`."""
    root = ET.Element("graphml", {"xmlns": GRAPHML_NS})
    for name, domain, kind in GRAPHML_KEYS:
        ET.SubElement(root, "key", {"id": name, "for": domain, "attr.name": name, "attr.type": kind})
    body = ET.SubElement(root, "graph", {"id": "allywatch", "edgedefault": "undirected"})
    for code in sorted(graph.parties):
        node = ET.SubElement(body, "node", {"id": code})
        if code in names:
            ET.SubElement(node, "data", {"key": "name"}).text = names[code]
        ET.SubElement(node, "data", {"key": "label"}).text = names.get(code, code)
    for (a, b, kind), edge in sorted(graph.edges.items()):
        element = ET.SubElement(body, "edge", {"id": f"{a}-{b}-{kind}", "source": a, "target": b})
        for key, value in (("type", kind), ("weight", edge.events), ("outlets", len(edge.outlets)),
                           ("directed_events", edge.directed)):
            ET.SubElement(element, "data", {"key": key}).text = str(value)
    tree = ET.ElementTree(root)
    ET.indent(tree)
    tree.write(path, encoding="utf-8", xml_declaration=True)


def party_names() -> dict[str, str]:
    """Party code to name, from the knowledge base."""
    from allywatch.kb.loader import KnowledgeBase

    return {code: party.name for code, party in KnowledgeBase.load().parties.items()}


# ---- writing safely ------------------------------------------------------------------------------------------


@contextmanager
def _written(path: Path) -> Iterator[Path]:
    """A partial file to write; renamed to ``path`` if the block succeeds, removed if it fails."""
    partial = path.with_name(path.name + ".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        yield partial
        partial.replace(path)
    except OSError as err:
        if isinstance(err, FileExistsError | NotADirectoryError):  # from mkdir: a file stands where a folder must
            why = f"{err.filename} is not a folder"
        else:
            why = f"{err.strerror}: {err.filename}" if err.strerror and err.filename else err.strerror or str(err)
        raise ExportError(f"cannot write {path}: {why}") from err
    finally:
        with suppress(OSError):
            partial.unlink(missing_ok=True)

"""Readable summaries of extraction output for people at a terminal.

Tables fit the terminal: each shows its main columns, one line a row, and cuts what does not fit with an ellipsis
(…); ``wide`` shows every column, with long cells folded over several lines.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from allywatch.errors import InputError
from allywatch.model import Extraction


def load_rows(path: Path) -> list[dict[str, Any]]:
    """The objects of a JSON Lines extraction file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise InputError(f"cannot read {path}: {err.strerror or err}") from err
    rows = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as err:
            raise InputError(f"{path}:{n} is not JSON ({err.msg}); is it an 'allywatch extract' output?") from err
    return rows


def summary_counts(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Totals over an extraction: articles, stories, entities, events by type."""
    events = Counter(e["type"] for r in rows for e in r.get("events", []))
    return {
        "articles": len(rows),
        "stories": len({r.get("story") for r in rows}),
        "entities": sum(len(r.get("entities", [])) for r in rows),
        "events": sum(events.values()),
        "events_by_type": dict(events.most_common()),
        "amounts": sum(len(r.get("amounts", [])) for r in rows),
        "quotes": sum(len(r.get("quotes", [])) for r in rows),
    }


def fit_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[str]], width: int, wide: bool = False,
              narrow: Sequence[str] | None = None, flexible: Sequence[str] = ()) -> Table:
    """A table of ``rows`` (one string a column) that fits ``width`` terminal columns: only the ``narrow`` columns
    (all when ``None``), one line a row, the ``flexible`` ones (long text: titles, items) sharing what the others
    leave and cut with an ellipsis (the others too when even they do not fit). ``wide``: every column, long cells
    folded over several lines."""
    if wide:
        table = Table(title=title, show_lines=True)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*map(Text, row))  # Text: a cell is never read as markup
        return table
    shown = [i for i, c in enumerate(columns) if narrow is None or c in narrow]
    rows = [[" ".join(cell.split()) for cell in row] for row in rows]
    natural = [max([cell_len(columns[i]), *(cell_len(row[i]) for row in rows)]) for i in shown]
    room = max(width - 3 * len(shown) - 1, len(shown))  # a border and a space each side of every column
    flex = [n for n, i in enumerate(shown) if columns[i] in flexible]
    fixed = sum(w for n, w in enumerate(natural) if n not in flex)
    widths = list(natural)
    if sum(natural) > room:
        if flex and fixed + 8 * len(flex) <= room:  # the long columns share what the others leave
            left, wanted = room - fixed, sum(natural[n] for n in flex)
            for n in flex:
                widths[n] = max(8, natural[n] * left // wanted)
        else:  # everything shrinks alike
            widths = [max(1, w * room // sum(natural)) for w in natural]
        while sum(widths) > room:  # rounding
            widths[widths.index(max(widths))] -= 1
    table = Table(title=title)
    for n, i in enumerate(shown):
        table.add_column(columns[i], width=widths[n], no_wrap=True, overflow="ellipsis")
    for row in rows:
        table.add_row(*(Text(row[i]) for i in shown))
    return table


def _width(console: Console) -> int:
    return console.size.width


def print_summary(rows: list[dict[str, Any]], console: Console, wide: bool = False) -> None:
    """A table of articles, then a table of every event (with its evidence when ``wide``)."""
    articles = [[r["doc"], r.get("published") or "-", r.get("story") or "-", r.get("title") or "",
                 str(len(r.get("entities", []))), str(len(r.get("events", []))), str(len(r.get("quotes", [])))]
                for r in rows]
    console.print(fit_table("Articles", ("doc", "published", "story", "title", "entities", "events", "quotes"),
                            articles, _width(console), wide, narrow=("doc", "published", "title", "events"),
                            flexible=("doc", "title")))
    events = []
    for r in rows:
        for e in r.get("events", []):
            roles = e.get("roles") or {}
            parties = " → ".join(roles[k] for k in ("supplier", "provider", "actor") if k in roles)
            target = next((roles[k] for k in ("recipient", "owner", "target") if k in roles), None)
            parties = f"{parties} → {target}" if parties and target else parties or ", ".join(e["participants"])
            evidence = e["evidence"][0]["text"] if e.get("evidence") else ""
            events.append([r["doc"], e["type"], parties, e.get("status") or "", e.get("item") or "", evidence])
    console.print(fit_table("Events", ("doc", "type", "parties", "status", "item", "evidence"), events,
                            _width(console), wide, narrow=("doc", "type", "parties", "status", "item"),
                            flexible=("doc", "item")))
    counts = summary_counts(rows)
    console.print(
        f"{counts['articles']} articles, {counts['stories']} stories, {counts['entities']} entities, "
        f"{counts['events']} events, {counts['amounts']} amounts, {counts['quotes']} quotes"
    )


def print_explanation(extraction: Extraction, console: Console) -> None:
    """Every event of an article with its evidence highlighted in context, and the reasons it was read so."""
    from rich.text import Text

    article = extraction.article
    console.rule(f"[bold]{article.doc}[/bold]  {article.published or 'undated'}  {article.title or ''}")
    if not extraction.events:
        console.print("no events")
    for n, event in enumerate(extraction.events, 1):
        roles = ", ".join(f"{k}={v}" for k, v in event.roles)
        console.print(f"[bold]{n}. {event.type}[/bold] {' '.join(event.participants)}"
                      + (f" ({roles})" if roles else "") + f"  status={event.status}  confidence={event.confidence}")
        if event.program or event.amount or event.date:
            console.print(f"   program={event.program}  amount={event.amount.text if event.amount else None}"
                          f"  date={event.date}")
        console.print(f"   why: {event.why}", highlight=False)
        for span in event.evidence:
            line = Text("   ")
            line.append(_flat(article.text[max(0, span.start - 60):span.start]), style="dim")
            sentence = Text(span.text, style="bold yellow")
            if event.trigger:
                at = span.text.lower().find(event.trigger.lower())
                if at >= 0:
                    sentence.stylize("bold red underline", at, at + len(event.trigger))
            line.append_text(sentence)
            line.append(_flat(article.text[span.end:span.end + 60]), style="dim")
            line.append(f"  [{span.start}:{span.end}]", style="cyan")
            console.print(line)


def _flat(text: str) -> str:
    return " ".join(text.split())


def events_table(rows: list[dict[str, Any]], width: int = 80, wide: bool = False) -> Table:
    """Consolidated events as a table ``width`` columns wide (every column when ``wide``)."""
    cells = []
    for e in rows:
        roles = e.get("roles") or {}
        parties = " → ".join(roles[k] for k in ("supplier", "provider", "actor", "recipient", "owner", "target")
                             if k in roles) or ", ".join(e["participants"])
        cells.append([e["type"], parties, e["status"], e["item"], e.get("program") or "", e.get("first_seen") or "",
                      str(e["outlets"]), "; ".join(c["field"] for c in e.get("conflicts", []))])
    return fit_table(f"Events ({len(rows)})", ("type", "parties", "status", "item", "program", "first seen",
                                               "outlets", "conflicts"), cells, width, wide,
                     narrow=("type", "parties", "status", "item", "first seen"), flexible=("item",))


def rows_table(title: str, rows: list[dict[str, Any]], columns: tuple[str, ...], width: int = 80, wide: bool = False,
               narrow: tuple[str, ...] | None = None, flexible: tuple[str, ...] = ("title",)) -> Table:
    """Any list of flat records as a table ``width`` columns wide: the ``narrow`` columns, or every one when
    ``wide``."""
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    return fit_table(f"{title} ({len(rows)})", columns, cells, width, wide, narrow=narrow, flexible=flexible)


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "-"
    return str(value)


def print_story(story: dict[str, Any], console: Console, wide: bool = False) -> None:
    """A story's sources side by side, its corrections (what a newer version of a source changed), then its
    events and conflicts."""
    console.rule(f"[bold]{story['id']}[/bold]  {story.get('title') or ''}")
    articles = [{**a, "published": f"{a['published']} (story's date)" if a.get("published_inferred")
                 else a.get("published")} for a in story["articles"]]
    console.print(rows_table("Sources", articles, ("doc", "source", "published", "title", "events", "amounts",
                                                   "dates"), _width(console), wide,
                             narrow=("doc", "source", "published", "title"), flexible=("doc", "source", "title")))
    for correction in story.get("corrections", []):
        outlet = f" ({correction['source']})" if correction.get("source") else ""
        console.print(f"[cyan]corrected[/cyan] {escape(correction['doc'])}{escape(outlet)}: the version stored "
                      f"{correction['now']['ingested_at'][:19]} replaces the one of "
                      f"{correction['was']['ingested_at'][:19]}", highlight=False)
        for change in correction["changes"]:
            was, now = (_change_text(change[k]) for k in ("was", "now"))
            console.print(f"  {change['field']}: {escape(was)} → {escape(now)}", highlight=False)
    console.print(events_table(story["events"], _width(console), wide))
    for conflict in story.get("conflicts", []):
        if conflict["field"] == "conversion rate":
            console.print(f"[yellow]conversion[/yellow] {conflict['of']} in {conflict['doc']}: "
                          f"{'; '.join(conflict['values'])}")
        else:
            console.print(f"[yellow]conflict[/yellow] {conflict['of']} is given as "
                          f"{' and as '.join(conflict['values'])}")
    for event in story["events"]:
        for conflict in event.get("conflicts", []):
            values = "  vs  ".join(f"{v['value']} ({', '.join(v['docs'])})" for v in conflict["values"])
            console.print(f"[yellow]conflict[/yellow] {event['type']} {conflict['field']}: {values}")


def _change_text(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(map(str, value)) or "none"
    return "none" if value is None else str(value)


def print_entity(entity: dict[str, Any], console: Console, wide: bool = False) -> None:
    """An entity with its offices, parties it appears with, and events."""
    console.rule(f"[bold]{entity['name']}[/bold] ({entity['type']}{', ' + entity['party'] if entity['party'] else ''})")
    for office in entity.get("offices", []):
        console.print(f"  {office['office']} of {office['party']}: {office['start']} – {office['end'] or 'now'}")
    parties = ", ".join(f"{k} ({v})" for k, v in entity["co_occurring_parties"].items())
    console.print(f"  appears in {len(entity['articles'])} articles, {len(entity['stories'])} stories; with {parties}")
    console.print(events_table(entity["events"], _width(console), wide))

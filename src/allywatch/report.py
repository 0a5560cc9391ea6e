"""Readable summaries of extraction output for people at a terminal."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

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


def print_summary(rows: list[dict[str, Any]], console: Console) -> None:
    """A table of articles, then a table of every event with its evidence."""
    articles = Table(title="Articles", show_lines=False)
    for column in ("doc", "published", "story", "title", "entities", "events", "quotes"):
        articles.add_column(column, overflow="fold")
    for r in rows:
        articles.add_row(
            r["doc"],
            r.get("published") or "-",
            r.get("story") or "-",
            (r.get("title") or "")[:60],
            str(len(r.get("entities", []))),
            str(len(r.get("events", []))),
            str(len(r.get("quotes", []))),
        )
    console.print(articles)
    events = Table(title="Events", show_lines=True)
    for column in ("doc", "type", "parties", "status", "item", "evidence"):
        events.add_column(column, overflow="fold")
    for r in rows:
        for e in r.get("events", []):
            roles = e.get("roles") or {}
            parties = " → ".join(roles[k] for k in ("supplier", "provider", "actor") if k in roles)
            target = next((roles[k] for k in ("recipient", "owner", "target") if k in roles), None)
            parties = f"{parties} → {target}" if parties and target else parties or ", ".join(e["participants"])
            evidence = e["evidence"][0]["text"] if e.get("evidence") else ""
            events.add_row(r["doc"], e["type"], parties, e.get("status") or "", e.get("item") or "", evidence[:160])
    console.print(events)
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


def events_table(rows: list[dict[str, Any]]) -> Table:
    """Consolidated events as a table."""
    table = Table(title=f"Events ({len(rows)})", show_lines=True)
    for column in ("type", "parties", "status", "item", "program", "first seen", "outlets", "conflicts"):
        table.add_column(column, overflow="fold")
    for e in rows:
        roles = e.get("roles") or {}
        parties = " → ".join(roles[k] for k in ("supplier", "provider", "actor", "recipient", "owner", "target")
                             if k in roles) or ", ".join(e["participants"])
        table.add_row(e["type"], parties, e["status"], e["item"][:80], e.get("program") or "",
                      e.get("first_seen") or "", str(e["outlets"]),
                      "; ".join(c["field"] for c in e.get("conflicts", [])))
    return table


def rows_table(title: str, rows: list[dict[str, Any]], columns: tuple[str, ...]) -> Table:
    """Any list of flat records as a table."""
    table = Table(title=f"{title} ({len(rows)})")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(str(row.get(c) if row.get(c) is not None else "-") for c in columns))
    return table


def print_story(story: dict[str, Any], console: Console) -> None:
    """A story's sources side by side, then its events and conflicts."""
    console.rule(f"[bold]{story['id']}[/bold]  {story.get('title') or ''}")
    articles = [{**a, "published": f"{a['published']} (story's date)" if a.get("published_inferred")
                 else a.get("published")} for a in story["articles"]]
    console.print(rows_table("Sources", articles, ("doc", "source", "published", "title", "events", "amounts",
                                                   "dates")))
    console.print(events_table(story["events"]))
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


def print_entity(entity: dict[str, Any], console: Console) -> None:
    """An entity with its offices, parties it appears with, and events."""
    console.rule(f"[bold]{entity['name']}[/bold] ({entity['type']}{', ' + entity['party'] if entity['party'] else ''})")
    for office in entity.get("offices", []):
        console.print(f"  {office['office']} of {office['party']}: {office['start']} – {office['end'] or 'now'}")
    parties = ", ".join(f"{k} ({v})" for k, v in entity["co_occurring_parties"].items())
    console.print(f"  appears in {len(entity['articles'])} articles, {len(entity['stories'])} stories; with {parties}")
    console.print(events_table(entity["events"]))

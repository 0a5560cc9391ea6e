"""Consolidation: the events of every article in a story merged into knowledge-base events.

Events of one story merge when they have the same type and parties (and, for
export controls, the same direction: a ban and the counter-ban are two
events). A merged event keeps every source sentence, counts the independent
outlets that reported it, and is first and last seen on its sources' dates.
Where sources disagree on a figure, a date, a status or a direction, the
event carries a conflict listing each value with the articles that gave it;
the value most sources give is the event's own.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any


@dataclass(frozen=True)
class Source:
    """One article of a story, as consolidation sees it: its identity and its events (contract JSON)."""

    doc: str
    outlet: str | None
    published: str | None
    events: tuple[dict[str, Any], ...]


@dataclass
class KbEvent:
    """A consolidated event."""

    key: str
    type: str
    participants: tuple[str, ...]
    roles: dict[str, str]
    status: str
    item: str
    program: str | None
    date: str | None
    amount: dict[str, Any] | None
    first_seen: str | None
    last_seen: str | None
    outlets: int
    confidence: float
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)


def event_key(event: dict[str, Any]) -> str:
    """The identity of an event across articles: type, parties and, for export controls, direction."""
    roles = event.get("roles") or {}
    direction = ""
    if event["type"] == "export_control":
        direction = f"{roles.get('actor', '')}>{roles.get('target', '')}"
    return f"{event['type']}|{','.join(sorted(event['participants']))}|{direction}"


def consolidate(sources: Iterable[Source]) -> list[KbEvent]:
    """The knowledge-base events of one story."""
    grouped: dict[str, list[tuple[Source, dict[str, Any]]]] = defaultdict(list)
    for source in sources:
        for event in source.events:
            grouped[event_key(event)].append((source, event))
    out = []
    for key, reports in grouped.items():
        out.append(_merge(key, reports))
    return sorted(out, key=lambda e: (e.first_seen or "", e.key))


def _merge(key: str, reports: list[tuple[Source, dict[str, Any]]]) -> KbEvent:
    first = reports[0][1]
    conflicts = []
    chosen: dict[str, Any] = {}
    for name, value_of in (("status", lambda e: e.get("status")),
                           ("date", lambda e: e.get("date")),
                           ("roles", lambda e: _roles_text(e.get("roles") or {})),
                           ("amount", _amount_text)):
        values: dict[Any, list[str]] = defaultdict(list)
        for source, event in reports:
            value = value_of(event)
            if value not in (None, ""):
                values[value].append(source.doc)
        if values:
            chosen[name] = max(values, key=lambda v: (len(values[v]), str(v)))
        if len(values) > 1 and name != "status":
            conflicts.append({"field": name, "values": [{"value": v, "docs": sorted(set(d))}
                                                        for v, d in sorted(values.items(), key=str)]})
    roles = next((e.get("roles") or {} for _, e in reports
                  if _roles_text(e.get("roles") or {}) == chosen.get("roles")), first.get("roles") or {})
    amount = next((e.get("amount") for _, e in reports if _amount_text(e) == chosen.get("amount")), None)
    days = sorted(s.published for s, _ in reports if s.published)
    outlets = {s.outlet or s.doc for s, _ in reports}
    confidence = max(e.get("confidence", 0.5) for _, e in reports)
    confidence = min(0.99, confidence + 0.05 * (len(outlets) - 1))
    return KbEvent(
        key=key, type=first["type"], participants=tuple(sorted(first["participants"])), roles=dict(roles),
        status=chosen.get("status") or first.get("status") or "", item=first.get("item") or "",
        program=next((e.get("program") for _, e in reports if e.get("program")), None),
        date=chosen.get("date"), amount=amount, first_seen=days[0] if days else None,
        last_seen=days[-1] if days else None, outlets=len(outlets), confidence=round(confidence, 3),
        conflicts=conflicts,
        sources=[{"doc": s.doc, "outlet": s.outlet, "published": s.published, "status": e.get("status"),
                  "date": e.get("date"), "amount": e.get("amount"), "evidence": e.get("evidence", [])}
                 for s, e in reports])


def _roles_text(roles: dict[str, str]) -> str:
    return ",".join(f"{k}={v}" for k, v in sorted(roles.items()))


def _amount_text(event: dict[str, Any]) -> str | None:
    amount = event.get("amount")
    if not amount:
        return None
    return f"{amount.get('value'):g} {amount.get('currency')}"


def story_conflicts(sources: Iterable[Source], amounts: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Figures that sources of one story convert differently: the same sum in one currency given as two
    different sums in another ("¥9 trillion ($62.4 billion)" against "¥9 trillion ($60 billion)")."""
    by_text: dict[tuple[float, str], Counter[tuple[float, str]]] = defaultdict(Counter)
    for source in sources:
        found = amounts.get(source.doc, [])
        for a, b in pairwise(found):
            if a.get("end", 0) <= b.get("start", 0) <= a.get("end", 0) + 3 and a["currency"] != b["currency"]:
                by_text[(a["value"], a["currency"])][(b["value"], b["currency"])] += 1
    return [{"field": "conversion", "of": f"{value:g} {currency}",
             "values": [f"{v:g} {c}" for (v, c) in counts]}
            for (value, currency), counts in by_text.items() if len(counts) > 1]

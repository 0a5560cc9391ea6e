"""Consolidation: the events of every article in a story merged into knowledge-base events.

Events of one story merge when they have the same type, parties and direction
(ONTOLOGY 3.1): "Japan bought Tomahawks from the US" and "Japan shipped
missiles to the US" are two transfers, a ban and the counter-ban two export
controls. A merged event keeps every source sentence, counts the independent
outlets that reported it, and is first and last seen on its sources' dates.
Where sources disagree on a figure or a date, the event carries a conflict
listing each value with the articles that gave it; the value most sources give
is the event's own. Figures disagree only when they cannot both be true: "9.2
trillion won" and "more than 9 trillion won" agree, "about $2 billion" and
"$2.1 billion" too.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations, pairwise
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
    """The identity of an event across articles: type, parties and, for directed types, who has which role."""
    return f"{event['type']}|{','.join(sorted(event['participants']))}|{_roles_text(event.get('roles') or {})}"


def consolidate(sources: Iterable[Source]) -> list[KbEvent]:
    """The knowledge-base events of one story."""
    grouped = reports_by_key(sources)
    out = []
    for key, reports in grouped.items():
        out.append(_merge(key, reports))
    return sorted(out, key=lambda e: (e.first_seen or "", e.key))


def merge(key: str, reports: list[tuple[Source, dict[str, Any]]]) -> KbEvent:
    """One consolidated event of the reports of it (a source and one of its events of key ``key``, in order)."""
    return _merge(key, reports)


def _merge(key: str, reports: list[tuple[Source, dict[str, Any]]]) -> KbEvent:
    first = reports[0][1]
    conflicts = []
    chosen: dict[str, Any] = {}
    for name, value_of in (("status", lambda e: e.get("status")),
                           ("date", lambda e: e.get("date")),
                           ("amount", _amount_text)):
        values: dict[Any, list[str]] = defaultdict(list)
        for source, event in reports:
            value = value_of(event)
            if value not in (None, ""):
                values[value].append(source.doc)
        if values:
            chosen[name] = max(values, key=lambda v: (len(values[v]), str(v)))
        if values and name == "amount":
            # a figure always agrees with an equal one, and agreement is symmetric: each distinct figure once
            figures = list({_figure(e["amount"]): e["amount"] for _, e in reports if e.get("amount")}.values())
            exact = [v for v in values if not _bound_of(v)]
            chosen[name] = max(exact or values, key=lambda v: (len(values[v]), str(v)))
            if all(compatible(a, b) for a, b in combinations(figures, 2)):
                continue
        if len(values) > 1 and name != "status":
            conflicts.append({"field": name, "values": [{"value": v, "docs": sorted(set(d))}
                                                        for v, d in sorted(values.items(), key=str)]})
    roles = first.get("roles") or {}
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


def remerge(event: KbEvent, reported: float, reports: list[tuple[Source, dict[str, Any]]]) -> KbEvent:
    """``event`` with more reports of it (``reports``: a source and one of its events of the same key, in storing
    order after the event's own sources), as merging all of them at once gives it. ``reported`` is the highest
    confidence a report of ``event`` gave (see :func:`reported_confidence`). The event's sources stand for the
    reports it was merged from: they keep all that merging reads of a report but the first one's type, parties,
    roles and item, which the event keeps, its programme (the first one given) and its confidence."""
    kept = []
    for i, s in enumerate(event.sources):
        report = {"status": s.get("status"), "date": s.get("date"), "amount": s.get("amount"),
                  "evidence": s.get("evidence", []), "confidence": reported if i == 0 else 0.0}
        if i == 0:
            report.update(type=event.type, participants=list(event.participants), roles=dict(event.roles),
                          item=event.item, program=event.program)
        kept.append((Source(doc=s["doc"], outlet=s.get("outlet"), published=s.get("published"), events=()), report))
    return _merge(event.key, kept + reports)


def reported_confidence(reports: Iterable[tuple[Source, dict[str, Any]]]) -> float:
    """The highest confidence these reports of one event give (before the bonus for independent outlets)."""
    return max(e.get("confidence", 0.5) for _, e in reports)


def reports_by_key(sources: Iterable[Source]) -> dict[str, list[tuple[Source, dict[str, Any]]]]:
    """The events of these sources grouped by :func:`event_key`, each group in the sources' order."""
    grouped: dict[str, list[tuple[Source, dict[str, Any]]]] = defaultdict(list)
    for source in sources:
        for event in source.events:
            grouped[event_key(event)].append((source, event))
    return grouped


def _figure(amount: dict[str, Any]) -> tuple[Any, ...]:
    """What :func:`compatible` reads of an amount."""
    return (amount.get("currency"), amount.get("value"), amount.get("usd"), amount.get("bound"))


def _roles_text(roles: dict[str, str]) -> str:
    return ",".join(f"{k}={v}" for k, v in sorted(roles.items()))


def _amount_text(event: dict[str, Any]) -> str | None:
    amount = event.get("amount")
    if not amount:
        return None
    bound = {"min": "more than ", "max": "up to ", "about": "about "}.get(amount.get("bound") or "", "")
    return f"{bound}{amount.get('value'):g} {amount.get('currency')}"


def _bound_of(text: str) -> bool:
    return text.startswith(("more than ", "up to ", "about "))


#: How far an estimate ("about $2 billion") or two conversions of one sum may differ and still agree.
TOLERANCE = 0.1


def compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two amounts (contract JSON) can both be true of one act: equal figures, a figure inside a bound
    ("more than 9 trillion won" and "9.2 trillion won"), estimates within :data:`TOLERANCE`; sums in different
    currencies are compared in dollars, and agree when either cannot be converted."""
    if a.get("currency") == b.get("currency"):
        x, y = float(a["value"]), float(b["value"])
        slack = 0.005
    elif a.get("usd") and b.get("usd"):
        x, y = float(a["usd"]), float(b["usd"])
        slack = TOLERANCE
    else:
        return True
    bounds = (a.get("bound"), b.get("bound"))
    if bounds == ("min", "max"):
        return x <= y * (1 + slack)
    if bounds == ("max", "min"):
        return y <= x * (1 + slack)
    if bounds[0] == bounds[1] and bounds[0] in {"min", "max"}:
        return True
    if "about" in bounds:
        slack = max(slack, TOLERANCE)
    if bounds[0] == "min" or bounds[1] == "max":
        return y >= x * (1 - slack)
    if bounds[0] == "max" or bounds[1] == "min":
        return x >= y * (1 - slack)
    return abs(x - y) <= slack * max(abs(x), abs(y))


#: A stated conversion further than this from the year's average rate is flagged.
RATE_TOLERANCE = 0.15


def story_conflicts(sources: Iterable[Source], amounts: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Figures that sources of one story convert differently ("¥9 trillion ($62.4 billion)" against "¥9 trillion
    ($60 billion)"), and conversions far from the year's average rate (a source that took a wrong rate or a wrong
    figure)."""
    by_text: dict[tuple[float, str], Counter[tuple[float, str]]] = defaultdict(Counter)
    out: list[dict[str, Any]] = []
    for source in sources:
        found = amounts.get(source.doc, [])
        for a, b in pairwise(found):
            if a.get("end", 0) <= b.get("start", 0) <= a.get("end", 0) + 3 and a["currency"] != b["currency"]:
                by_text[(a["value"], a["currency"])][(b["value"], b["currency"])] += 1
                expected, given = a.get("usd"), b.get("usd")
                if expected and given and abs(given - expected) > RATE_TOLERANCE * expected:
                    out.append({"field": "conversion rate", "of": f"{a['value']:g} {a['currency']}",
                                "doc": source.doc,
                                "values": [f"{b['value']:g} {b['currency']} given",
                                           f"about {expected:.3g} USD at the year's average rate"]})
    out[:0] = [{"field": "conversion", "of": f"{value:g} {currency}",
                "values": [f"{v:g} {c}" for (v, c) in counts]}
               for (value, currency), counts in by_text.items() if len(counts) > 1]
    return out

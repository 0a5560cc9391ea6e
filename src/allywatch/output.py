"""The per-article JSON contract (ONTOLOGY section 8): the one place extractions become dicts."""

from __future__ import annotations

from typing import Any

from allywatch.model import Amount, Entity, Event, Extraction, Rejected, Skipped


def extraction_to_json(extraction: Extraction) -> dict[str, Any]:
    """One article's output object, with exactly the contract's field names."""
    article = extraction.article
    return {
        "doc": article.doc,
        "published": article.published,
        "published_inferred": article.published_inferred,
        "story": extraction.story,
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "entities": [entity_to_json(e) for e in extraction.entities],
        "events": [event_to_json(e) for e in extraction.events],
        "amounts": [amount_to_json(a) for a in extraction.amounts],
        "dates": [{"text": d.text, "value": d.value, "start": d.start, "end": d.end} for d in extraction.dates],
        "quotes": [{"speaker": q.speaker, "text": q.text, "start": q.start, "end": q.end} for q in extraction.quotes],
    }


def entity_to_json(entity: Entity) -> dict[str, Any]:
    """An entity with its distinct surface forms and every mention's offsets."""
    forms: list[str] = []
    for m in entity.mentions:
        if m.text not in forms:
            forms.append(m.text)
    out: dict[str, Any] = {
        "type": entity.type,
        "name": entity.name,
        "mentions": forms,
        "spans": [[m.start, m.end] for m in entity.mentions],
    }
    if entity.party:
        out["party"] = entity.party
    if entity.resolved_by:
        out["resolved_by"] = entity.resolved_by
    return out


def amount_to_json(amount: Amount) -> dict[str, Any]:
    """A sum of money as the contract writes it."""
    return {
        "value": amount.value,
        "currency": amount.currency,
        "text": amount.text,
        "usd": amount.usd,
        "start": amount.start,
        "end": amount.end,
        "bound": amount.bound,
    }


def event_to_json(event: Event) -> dict[str, Any]:
    """An event with its evidence sentences and offsets."""
    return {
        "type": event.type,
        "participants": list(event.participants),
        "roles": dict(event.roles),
        "status": event.status,
        "item": event.item,
        "program": event.program,
        "organizations": list(event.organizations),
        "date": event.date,
        "location": event.location,
        "amount": amount_to_json(event.amount) if event.amount else None,
        "evidence": [{"text": s.text, "start": s.start, "end": s.end} for s in event.evidence],
        "confidence": round(event.confidence, 3),
    }


def rejected_to_json(rejected: Rejected) -> dict[str, Any]:
    """A rejected input as one line of the rejects file (a file in a folder that is not read has ``"skipped":
    true``)."""
    out: dict[str, Any] = {"origin": rejected.origin, "reason": rejected.reason}
    if rejected.line is not None:
        out["line"] = rejected.line
    if rejected.doc is not None:
        out["doc"] = rejected.doc
    if isinstance(rejected, Skipped):
        out["skipped"] = True
    return out

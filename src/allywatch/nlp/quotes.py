"""Direct quotations and who said them.

A quotation is text between double quotation marks (cleaning has made them
straight); one left open at the end of a paragraph continues in the next. Its
speaker is read from the speech verb next to it, in the forms English news
uses: '"…," Ishiba said', '"…," said Defence Secretary John Healey', 'He said:
"…"', 'A statement from the Japanese Defense Ministry said, "…"', '"…," the
White House said in a statement'. A pronoun or "the statement" takes the
person or body that spoke last. Quotations without a speaker (scare quotes,
titles) are not reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from allywatch.model import Entity, Extraction, Quote

SPEECH = (r"said|says|say|told|tells|telling|added|adds|noted|notes|stressed|stresses|explained|wrote|writes|declared|"
          r"stated|states|remarked|insisted|argued|warned|announced|emphasi[sz]ed|acknowledged|asserted|"
          r"continued|concluded|recalled|replied|responded|commented|posted|tweeted|observed|pointed out|thanked|"
          r"called|calls|described|describes|hailed|hails|praised|praises|welcomed|welcomes|urged|urges|vowed|"
          r"promised|predicted|cautioned|admitted|termed|terms|dubbed|branded|labelled|labeled|saying|adding|"
          r"writing|restates|restated|reaffirmed|reaffirms|calling|describing|replies|answered|answers|"
          r"responds|asked|asks|cuts in|cut in|quipped|quips|joked|jokes|recalls|explains|adds|insists|argues")
_AFTER = re.compile(r"^[,.]?[ \t]*(?:(?P<verb1>" + SPEECH + r")\s+(?P<who1>[^,.;\"\n]{1,80}?)(?=[,.;]|\s+(?:in|at|on|"
                    r"during|when|after|before|to|while|as)\b|$)|(?P<who2>[^,;\"\n]{1,80}?)\s+(?P<verb2>" + SPEECH
                    + r")\b)", re.IGNORECASE)
_BEFORE = re.compile(r"(?P<who>[^.;\"\n]{1,120}?)\s+(?P<verb>" + SPEECH
                     + r")(?:\s+[\w'’]+){0,14}?\s*[,:]?\s*(?:that\s+)?$", re.IGNORECASE)
_PRONOUN = re.compile(r"^(?:he|she|they|the\s+(?:minister|president|prime\s+minister|secretary|chancellor|"
                      r"official|spokes\w+|ambassador|chief|general|admiral|leader|premier))$", re.IGNORECASE)
_STATEMENT = re.compile(r"\b(?:the|its|a|that)\s+(?:joint\s+)?(?:statement|release|communiqu[eé]|readout|"
                        r"ministry|department)\b", re.IGNORECASE)
_QUOTE = re.compile(r'"')
_ADVERBS = frozenset({"also", "then", "later", "further", "again", "earlier", "previously", "separately"})
_BODY_WORDS = frozenset({"ministry", "department", "office", "agency", "command", "council", "commission"})
MIN_WORDS = 1
_FIRST_PERSON_MARK = "\x00"  # marks a clause closed by a colon, whose first person speaks


@dataclass(frozen=True)
class _Raw:
    start: int
    end: int
    text: str
    open_ended: bool = False


def extract_quotes(extraction: Extraction) -> Extraction:
    """Fill ``quotes`` from the text and the entities already found."""
    text = extraction.article.text
    speakers = [e for e in extraction.entities if e.type in {"person", "org"}]
    kinds = {e.name: e.type for e in speakers}
    quotes: list[Quote] = []
    last: dict[str, str | None] = {"person": None, "org": None}
    for raw in quote_spans(text):
        if len(raw.text.split()) < MIN_WORDS:
            continue
        who = _speaker_text(text, raw)
        speaker: str | None = None
        if who is not None:
            speaker = _resolve(who[0], who[1], raw.start, speakers, last)
        if speaker is None and quotes and _same_speaker_follows(text, quotes[-1].end, raw.start):
            speaker = quotes[-1].speaker  # '… were "just rumours" and that they were "good for sales"'
        if speaker is None:
            continue
        last["person" if kinds.get(speaker) == "person" else "org"] = speaker
        quotes.append(Quote(speaker=speaker, text=raw.text, start=raw.start, end=raw.end))
    return replace(extraction, quotes=tuple(quotes))


def _resolve(phrase: str, at: int, quote_at: int, speakers: list[Entity],
             last: dict[str, str | None]) -> str | None:
    """The entity a speaker phrase names: a person in it, else a body in it, else by reference (the first one
    when the phrase is a clause that a colon closes, whose subject comes first)."""
    first = phrase.startswith(_FIRST_PERSON_MARK)
    if first:
        phrase, at = phrase[len(_FIRST_PERSON_MARK):], at + len(_FIRST_PERSON_MARK)
    end = at + len(phrase)
    for kind in ("person", "org"):
        found = [(m.start, e.name) for e in speakers if e.type == kind for m in e.mentions if at <= m.start < end]
        if found:
            return min(found)[1] if first else max(found)[1]
    if first:
        return None
    words = [w for w in re.findall(r"[\w'’-]+", phrase.lower()) if w not in _ADVERBS]
    if not words:
        return None
    if _PRONOUN.match(" ".join(words)):
        return _last_before(speakers, quote_at, "person") or last["person"]
    if words[-1] in {"statement", "release", "communique", "communiqué", "readout"}:
        return last["org"]
    if len(words) <= 4:
        head = words[-1]
        bodies = [(m.start, e.name) for e in speakers if e.type == "org" and any(
            w in e.name.lower().split() for w in (head, *(w for w in words if w in _BODY_WORDS)))
            for m in e.mentions if m.start < quote_at]  # "a ministry spokesperson": the ministry named before
        if bodies:
            return max(bodies)[1]
        # a surname, written first in Korean, Chinese and Japanese names ("President Yun")
        people = [(m.start, e.name) for e in speakers if e.type == "person"
                  and max(fuzz.ratio(head, part) for part in e.name.lower().split()[::len(e.name.split()) - 1 or 1])
                  >= 85 for m in e.mentions]
        if people:
            return max(people)[1]
    return None


def quote_spans(text: str) -> list[_Raw]:
    """Spans between quotation marks; one left open at a paragraph's end runs on into the next."""
    marks = [m.start() for m in _QUOTE.finditer(text)]
    out: list[_Raw] = []
    i = 0
    while i < len(marks):
        open_at = marks[i]
        close_at = marks[i + 1] if i + 1 < len(marks) else None
        newline = text.find("\n", open_at)
        if close_at is not None and (newline < 0 or close_at < newline):
            piece = _span(text, open_at + 1, close_at)
            i += 2
        else:
            piece = _span(text, open_at + 1, newline if newline >= 0 else len(text))
            i += 1
        if out and out[-1].open_ended and _continues(text, out[-1].end, open_at):
            previous = out.pop()
            piece = _Raw(previous.start, piece.end, f"{previous.text} {piece.text}", piece.open_ended)
        if piece.text:
            out.append(piece)
    return out


def _span(text: str, start: int, end: int) -> _Raw:
    open_ended = end >= len(text) or text[end] != '"'
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in " ,\n":
        end -= 1
    return _Raw(start, end, text[start:end], open_ended)


def _speaker_text(text: str, raw: _Raw) -> tuple[str, int] | None:
    """The words naming the speaker, and where they start."""
    mark = text.find('"', raw.end, raw.end + 3)
    close = mark + 1 if mark >= 0 else raw.end
    inner_end = text[mark - 1] if mark > 0 else ""
    # '"…," Ishiba said' attributes forward; a quotation closing a sentence ('… "…." His counterpart said')
    # does not: its speaker was named before it
    forward = inner_end in ",?!" or text[close:close + 1] == ","
    after = _AFTER.match(text[close:close + 120]) if forward else None
    if after:
        group = "who1" if after.group("who1") else "who2"
        return after.group(group), close + after.start(group)
    line_start = text.rfind("\n", 0, raw.start) + 1
    head = text[line_start:max(line_start, raw.start - 1)]
    head = head[: len(head) - len(head.lstrip())] + head.strip()
    before = _BEFORE.search(head)
    if before:
        who = before.group("who")
        # the lead-in after the last quotation names the speaker ('In Asia, "…", the statement said')
        cut = who.rfind('"')
        offset = cut + 1 if cut >= 0 else 0
        return who[offset:].rstrip(" ,"), line_start + before.start("who") + offset
    if head.endswith(":"):
        # 'Trump, asked about rare earths: "…"', 'The minister cuts in: "…"': the clause that the colon closes
        # names its speaker first
        stop = head.rfind(". ")
        clause_start = max(stop + 2 if stop >= 0 else 0, head.rfind('"') + 1)
        clause = head[clause_start:-1]
        if clause.strip() and len(clause.split()) <= 25:
            return _FIRST_PERSON_MARK + clause, line_start + clause_start - len(_FIRST_PERSON_MARK)
    return None


def _last_before(entities: list[Entity], at: int, kind: str) -> str | None:
    found = [(m.start, e.name) for e in entities if e.type == kind for m in e.mentions if m.start < at]
    return max(found)[1] if found else None


def _same_speaker_follows(text: str, previous_end: int, start: int) -> bool:
    """A second quotation right after the attribution of the first, in the same paragraph ('…," X said. "…')."""
    gap = text[previous_end:start]
    return "\n" not in gap and len(gap.replace('"', " ").split()) <= 6
def _continues(text: str, previous_end: int, start: int) -> bool:
    """A quotation opening its paragraph right after a paragraph of quotation continues it."""
    gap = text[previous_end:start]
    return gap.count("\n") >= 1 and len(gap.strip(' ",\n')) == 0

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
          r"responds|asked|asks|cuts in|cut in|quipped|quips|joked|jokes|recalls|explains|adds|insists|argues|"
          r"stating|noting|arguing|insisting|warning|stressing|explaining|declaring|emphasi[sz]ing|telling")
_AFTER = re.compile(r"^[,.]?[ \t]*(?:(?P<verb1>" + SPEECH + r")\s+(?P<who1>[^,.;\"\n]{1,80}?)(?=[,.;]|\s+(?:in|at|on|"
                    r"during|when|after|before|to|while|as)\b|$)|(?P<who2>[^,;\"\n]{1,80}?)\s+(?P<verb2>" + SPEECH
                    + r")\b|(?P<who3>(?:the\s+\w|(?-i:[A-Z]))[^,;\"\n]{1,60}?),[^;\"\n]{1,90}?,\s+(?P<verb3>" + SPEECH
                    + r")\b)",
                    re.IGNORECASE)
# '"…," the statement quoted the attaché, Col. Jane Doe, as saying'
_QUOTED_AS = re.compile(r"^,?\s+[^\"\n.]{0,40}?\bquoted\s+(?P<who>[^\"\n]{1,120}?)\s+as\s+say(?:ing|s)\b",
                        re.IGNORECASE)
# 'According to the agency (XYZ), "…"'
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<who>[^,;\"\n]{1,100}?)\s*,?\s*$", re.IGNORECASE)
# '"….". Minister Jane Doe told reporters.': a short sentence after the quotation, naming only who said it
_SHORT_ATTRIBUTION = re.compile(r"^\s+(?P<who>[^,;.\"\n]{1,100}?)\s+(?:" + SPEECH + r")(?:\s+(?:reporters|journalists|"
                                r"the\s+\w+|in\s+a\s+\w+(?:\s+\w+)?|on\s+\w+))?\s*[.\n]", re.IGNORECASE)
# a name written out, two or three capitalised words (a speaker the knowledge base and the model do not know)
_WRITTEN_NAME = re.compile(r"^(?!The\b)[A-Z][a-zà-ÿ'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-zà-ÿ'’-]+){1,2}$")
# '"…" said.': a speech verb right after the quotation, its speaker named before it (translated copy)
_VERB_ONLY = re.compile(r"^\s+(?:" + SPEECH + r")\s*[.,]", re.IGNORECASE)
# the subject of a clause that a colon closes: 'Asked about X, the president replies:', 'He looks up:'
_CLAUSE_SUBJECT = re.compile(r"(?:^|,\s+)(?P<who>(?:he|she|they|it|the\s+(?:minister|president|prime\s+minister|"
                             r"secretary|chancellor|official|spokes\w+|ambassador|chief|general|admiral|leader|"
                             r"premier|agency|ministry|department|statement)))\b", re.IGNORECASE)
# a title's abbreviation, whose full stop ends no sentence ("said Col. Jane Doe")
_ABBREVIATION = re.compile(r"\b(?:Col|Gen|Lt|Maj|Capt|Adm|Brig|Cmdr|Sgt|Dr|Mr|Mrs|Ms|Prof|Gov|Sen|Rep|St|Jr)\.")
_BEFORE = re.compile(r"(?P<who>[^.;\"\n]{1,300}?)\s+(?P<verb>" + SPEECH
                     + r")(?:,?\s+[\w'’-]+){0,14}?\s*[,:]?\s*(?:that\s+)?$", re.IGNORECASE)
_PRONOUN = re.compile(r"^(?:he|she|they|the\s+(?:minister|president|prime\s+minister|secretary|chancellor|"
                      r"official|spokes\w+|ambassador|chief|general|admiral|leader|premier))$", re.IGNORECASE)
_STATEMENT = re.compile(r"\b(?:the|its|a|that)\s+(?:joint\s+)?(?:statement|release|communiqu[eé]|readout|"
                        r"ministry|department)\b", re.IGNORECASE)
_QUOTE = re.compile(r'"')
_SPOKE = re.compile(r"\s+(?:also\s+)?(?:said|says|stated|states|added|adds|announced|noted|told|wrote)\b")
_CLAUSE_OPENING = re.compile(r"(?:,\s+|\s+)(?:which|who|whom|whose|where|while|because|but|although|though)\s+",
                             re.IGNORECASE)
_NAMING = re.compile(r"\b(?:calls?|called|calling|dubs?|dubbed|terms?|termed|names?|named|known\s+as|so-called|"
                     r"nicknamed|branded)\s+(?:(?:it|them|this|the|a|an|its|their)\s+)?\W?$", re.IGNORECASE)
_STATEMENT_WORD = re.compile(r"\bstatement\b", re.IGNORECASE)
_ADVERBS = frozenset({"also", "then", "later", "further", "again", "earlier", "previously", "separately"})
_BODY_WORDS = frozenset({"ministry", "department", "office", "agency", "command", "council", "commission",
                         "administration", "secretariat"})
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
    last: dict[str, str | None] = {"person": None, "org": None, "statement": None}
    pending: list[_Raw] = []
    for raw in quote_spans(text):
        if len(raw.text.split()) < MIN_WORDS or _is_a_name(text, raw):
            continue
        who = _speaker_text(text, raw)
        speaker: str | None = None
        if who is not None:
            speaker = _resolve(who[0], who[1], raw.start, speakers, last, text)
        if speaker is None and quotes and (_same_speaker_follows(text, quotes[-1].end, raw.start)
                                           or _next_paragraph_of_quotation(text, quotes[-1].end, raw)):
            speaker = quotes[-1].speaker  # '… were "just rumours" and that they were "good for sales"'
        if speaker is None:
            pending.append(raw)
            continue
        for earlier in pending:
            if _same_sentence(text, earlier.end, raw.start):
                # 'the jets that "have been kept up to date" mean it will "join the family", said the minister'
                quotes.append(Quote(speaker=speaker, text=earlier.text, start=earlier.start, end=earlier.end))
        pending = []
        last["person" if kinds.get(speaker, "person" if _WRITTEN_NAME.match(speaker) else "org") == "person"
             else "org"] = speaker
        if who is not None and _STATEMENT_WORD.search(text[who[1]:who[1] + len(who[0]) + 40]):
            last["statement"] = speaker  # 'X said in a written statement': what "the statement" says later
        quotes.append(Quote(speaker=speaker, text=raw.text, start=raw.start, end=raw.end))
    return replace(extraction, quotes=tuple(sorted(quotes, key=lambda q: q.start)))


def _resolve(phrase: str, at: int, quote_at: int, speakers: list[Entity],
             last: dict[str, str | None], text: str = "") -> str | None:
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
        subject = _CLAUSE_SUBJECT.search(phrase)
        if subject is None:
            return None
        phrase = subject.group("who")
    words = [w for w in re.findall(r"[\w'’-]+", phrase.lower()) if w not in _ADVERBS]
    if not words:
        return None
    if _PRONOUN.match(" ".join(words)):
        return _last_before(speakers, quote_at, "person") or last["person"]
    if words == ["it"] or (len(words) == 2 and words[0] == "the" and words[1] in _BODY_WORDS and not any(
            words[1] in e.name.lower().split() for e in speakers if e.type == "org")):
        # 'The agency stated that … It added: "…"', '"…," the agency said': the body that spoke before
        return _last_speaking(speakers, text, quote_at) or _last_before(speakers, quote_at, "org") or last["org"]
    if words[-1] in {"statement", "release", "communique", "communiqué", "readout", "declaration"}:
        # the author of the statement quoted before, else the body that spoke last
        return last["statement"] or last["org"] or _last_speaking(speakers, text, quote_at)
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
    subjects = list(_CLAUSE_SUBJECT.finditer(phrase))
    if subjects and subjects[-1].group("who").lower() != phrase.strip().lower():
        # 'Asked whether …, the president answers': the subject after the fronted clause
        return _resolve(subjects[-1].group("who"), at + subjects[-1].start("who"), quote_at, speakers, last, text)
    name = phrase.strip()
    if _WRITTEN_NAME.match(name) and not any(w in _BODY_WORDS for w in words):
        return name  # a person the article names in full, whom neither the knowledge base nor the model knows
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
    window = _ABBREVIATION.sub(lambda m: m.group()[:-1] + " ", text[close:close + 160])
    quoted = _QUOTED_AS.match(window) if forward else None
    if quoted:
        return quoted.group("who"), close + quoted.start("who")
    after = _AFTER.match(window) if forward else None
    if after:
        group = next(g for g in ("who1", "who2", "who3") if after.group(g))
        who, end = after.group(group), after.end(group)
        appositive = re.match(r",\s+((?:[A-Z][\w'’-]*\s?){2,4})(?=[,.;]|$)", window[end:])
        if group == "who1" and appositive:  # 'said the defence minister, Jane Doe.'
            who = window[after.start(group):end + appositive.end(1)]
        if group == "who3":  # '"…," the chancellor, Jane Doe, said': the first person of the name and appositive
            return _FIRST_PERSON_MARK + window[after.start(group):after.start("verb3")].rstrip(" ,"), \
                close + after.start(group) - len(_FIRST_PERSON_MARK)
        return who, close + after.start(group)
    if inner_end in ".!?" and not forward:
        short = _SHORT_ATTRIBUTION.match(window)
        if short and re.search(r"[A-Z]\w+\s+[A-Z]\w+$", short.group("who")):
            return short.group("who"), close + short.start("who")  # the phrase ends with a name
    line_start = text.rfind("\n", 0, raw.start) + 1
    head = text[line_start:max(line_start, raw.start - 1)]
    head = head[: len(head) - len(head.lstrip())] + head.strip()
    if _VERB_ONLY.match(text[close:close + 40]):
        # 'Minister Kim on this day "…" said.': the sentence before the quotation names its speaker first
        stop = max(head.rfind(". "), head.rfind('"'))
        clause = head[stop + 1:]
        if clause.strip():
            return _FIRST_PERSON_MARK + clause, line_start + stop + 1 - len(_FIRST_PERSON_MARK)
    according = _ACCORDING.search(head)
    if according:
        return according.group("who"), line_start + according.start("who")
    before = _BEFORE.search(head)
    if before:
        who = before.group("who")
        # the lead-in after the last quotation names the speaker ('In Asia, "…", the statement said')
        cut = who.rfind('"')
        offset = cut + 1 if cut >= 0 else 0
        if before.group("verb").lower().endswith("ing"):
            # 'X stressed the need for Y, stating "…"': a participle's subject is its sentence's, named first
            return _FIRST_PERSON_MARK + who[offset:].rstrip(" ,"), \
                line_start + before.start("who") + offset - len(_FIRST_PERSON_MARK)
        # '…, which the ministry said "…"': a finite verb's subject is in its own clause
        clauses = list(_CLAUSE_OPENING.finditer(who, offset))
        if clauses and who[clauses[-1].end():].strip():
            offset = clauses[-1].end()
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


def _last_speaking(entities: list[Entity], text: str, at: int) -> str | None:
    """The body last named as the subject of a speech verb before ``at`` ("GE said it began …")."""
    found = [(m.start, e.name) for e in entities if e.type == "org" for m in e.mentions
             if m.start < at and _SPOKE.match(text, m.end)]
    return max(found)[1] if found else None


def _last_before(entities: list[Entity], at: int, kind: str) -> str | None:
    found = [(m.start, e.name) for e in entities if e.type == kind for m in e.mentions if m.start < at]
    return max(found)[1] if found else None


def _same_speaker_follows(text: str, previous_end: int, start: int) -> bool:
    """A second quotation right after the attribution of the first, in the same paragraph ('…," X said. "…',
    '…," the minister said before leaving for the summit. "…')."""
    gap = text[previous_end:start]
    if "\n" in gap:
        return False
    words = gap.replace('"', " ").split()
    if len(words) <= 6:
        return True
    body = _ABBREVIATION.sub(lambda m: m.group()[:-1] + " ", gap.strip(' "'))
    # one attribution sentence between them: no other sentence ends inside it
    return len(words) <= 25 and body[-1:] in ".!?" and not re.search(r"[.!?]\s", body[:-1])
def _next_paragraph_of_quotation(text: str, previous_end: int, raw: _Raw) -> bool:
    """A paragraph that is one quotation, right after a paragraph that ended with an attributed one: the same
    speaker goes on ('"…," she said.' then '"…"')."""
    gap = text[previous_end:raw.start]
    if "\n" not in gap:
        return False
    tail, _, between = gap.partition("\n")
    if '"' in tail.replace('"', "", 1) or len(tail.split()) > 12 or between.strip(' "\n'):
        return False  # the previous paragraph goes on after its attribution, or text comes between
    line_end = text.find("\n", raw.end)
    return not text[raw.end:line_end if line_end >= 0 else len(text)].strip(' ".')


def _is_a_name(text: str, raw: _Raw) -> bool:
    """A name in quotation marks after a naming verb ('what the government calls the "Sky Shield"', 'the
    so-called "Iron Wall"'): a programme's or a plan's name, not something said."""
    words = raw.text.split()
    return len(words) <= 3 and all(w[:1].isupper() or w[:1].isdigit() for w in words) and bool(
        _NAMING.search(text[max(0, raw.start - 30):raw.start]))


def _same_sentence(text: str, end: int, start: int) -> bool:
    """No sentence ends between two points."""
    gap = _ABBREVIATION.sub(lambda m: m.group()[:-1] + " ", text[end:start])
    return "\n" not in gap and not re.search(r"[.!?](?:[\s\"]|$)", gap)


def _continues(text: str, previous_end: int, start: int) -> bool:
    """A quotation opening its paragraph right after a paragraph of quotation continues it."""
    gap = text[previous_end:start]
    return gap.count("\n") >= 1 and len(gap.strip(' ",\n')) == 0

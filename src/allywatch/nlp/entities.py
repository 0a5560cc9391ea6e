"""Entity recognition and resolution: parties, people, organisations, programmes and places.

Recognition runs the knowledge-base phrase matcher first and the statistical
NER after it, so a known name ("PAC-3", "Lockheed Martin") keeps its
knowledge-base type and the model only adds names the knowledge base lacks.
Resolution then ties every mention to one entity per article:

- people: an exact knowledge-base name wins; otherwise a fuzzy match, which
  is lenient when the text gives the person's office ("Japanese Defense
  Minister Shingo Kiyozumi" is compared only with Japan's defence ministers
  of the article's time) and strict when it does not; later short mentions
  ("Kishida") attach to the full name; an unknown name is kept as written.
- the article's time is its publication date, or, when it has none, the
  span in which the people it names with their offices all held them.
- capitals are places after a locative preposition ("in Tokyo") and parties
  otherwise ("Tokyo and Washington agreed").
- organisations that share a name (two states' "Ministry of Defence") are
  told apart by the party named with them, else the article's main party.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from rapidfuzz import fuzz, process

from allywatch.kb.loader import KnowledgeBase, Org, Person, family_name, fold
from allywatch.kb.lookup import korean_key, name_similarity, sound_key
from allywatch.kb.matcher import Match, PhraseMatcher
from allywatch.model import Entity, Extraction, Mention, Span

GOVERNMENT_KINDS = frozenset({"ministry", "agency", "armed_force", "office", "legislature"})
#: Organisations whose mention also names their home party for events (not outlets, fairs or blocs).
PARTY_ORG_KINDS = GOVERNMENT_KINDS | {"company", "association"}
EARLIEST = dt.date(2012, 1, 1)

TITLES: dict[str, str | None] = {
    "prime minister": "head_of_government", "premier": "head_of_government", "chancellor": "head_of_government",
    "president": "head_of_state", "king": "head_of_state", "queen": "head_of_state", "emperor": "head_of_state",
    "vice president": "official", "deputy prime minister": "deputy_head_of_government",
    "defense minister": "defense_minister", "defence minister": "defense_minister",
    "minister of defense": "defense_minister", "minister of defence": "defense_minister",
    "minister for defence": "defense_minister", "minister for defense": "defense_minister",
    "armed forces minister": "defense_minister", "minister for the armed forces": "defense_minister",
    "minister of the armed forces": "defense_minister", "defense secretary": "defense_minister",
    "defence secretary": "defense_minister",
    "secretary of defense": "defense_minister", "secretary of war": "defense_minister",
    "war secretary": "defense_minister", "minister of national defense": "defense_minister",
    "minister of national defence": "defense_minister", "national defense minister": "defense_minister",
    "national defence minister": "defense_minister", "secretary of national defense": "defense_minister",
    "foreign minister": "foreign_minister", "foreign secretary": "foreign_minister",
    "secretary of state": "foreign_minister", "minister of foreign affairs": "foreign_minister",
    "minister for foreign affairs": "foreign_minister", "foreign affairs minister": "foreign_minister",
    "foreign affairs secretary": "foreign_minister", "secretary of foreign affairs": "foreign_minister",
    "commerce minister": "trade_minister", "trade minister": "trade_minister",
    "minister of commerce": "trade_minister", "commerce secretary": "trade_minister",
    "industry minister": "trade_minister", "economy minister": "trade_minister",
    "finance minister": "finance_minister", "treasury secretary": "finance_minister",
    "chief cabinet secretary": "chief_cabinet_secretary",
    "national security adviser": "national_security_advisor", "national security advisor": "national_security_advisor",
    "secretary-general": "secretary_general", "secretary general": "secretary_general",
    "minister for defence industry": "official", "defence industry minister": "official",
    "ambassador": "ambassador", "counterpart": None,
}
_TITLE_ALT = "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True))
_TITLE_BEFORE = re.compile(r"(?:\b(?P<mod>former|then-|then|acting|new|incoming|outgoing|late)\s*)?"
                           r"\b(?P<title>" + _TITLE_ALT + r")\s+$", re.IGNORECASE)
_TITLE_AFTER = re.compile(r"^,\s+(?:the\s+|his\s+|her\s+)?(?P<pre>(?:[\w.'’-]+\s+){0,3}?)"
                          r"(?P<title>" + _TITLE_ALT + r")\b", re.IGNORECASE)
_NAME_AFTER_TITLE = re.compile(
    # a full stop only after an initial or "Jr": "Lithuanian President X Y. Merz said" ends the name at Y
    r"(?i:\b(?:" + _TITLE_ALT + r"))\s+(?P<name>(?:[A-Z]\.|[A-Z][\w'’-]+)"
    r"(?:\s+(?:[A-Z]\.|(?:Jr|Sr)\.|[A-Z][\w'’-]*|de|da|van|von|bin)){1,3})")
_LOCATIVE = re.compile(r"\b(?:in|at|outside|near|from|to|into|around|across|visit|visited|visiting|via|"
                       r"arrived in|left|toward|towards|between)\s+(?:the\s+)?$", re.IGNORECASE)
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
_FUNCTION_WORDS = frozenset("and or on in at for to from by with last this next early late since until after before "
                            "where which that as while during over under near when earlier later".split())
#: Places that belong to one state (a sea or a strait does not).
#: A place named after a locative preposition, then a comma: the country that follows says where it lies.
#: A region of the Americas before "American" ("South American", "Latin American"): not the United States.
_AMERICAS = re.compile(r"\b(?:Latin|South|Central|North|Pan|Meso|Ibero|Hispanic)[-\s]$", re.IGNORECASE)
_PLACE_THEN_COUNTRY = re.compile(r"\b(?:in|at|near|outside)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:[\s-]+(?:[A-Z][\w'’.-]*|"
                                 r"el|al|de|la|le|du|sur|am|an))*,\s*$")
_LAND = frozenset({"city", "region", "island", "base", "peninsula", "building", "area"})
_CLASS_PROGRAM = re.compile(
    r"\b(?P<name>(?:[A-Z][\w'’]+\s){0,2}[A-Z][\w'’]+)[- ]class\s+(?P<kind>frigate|destroyer|submarine|corvette|"
    r"carrier|aircraft carrier|cruiser|patrol vessel|ship|vessel|tank|boat)s?\b")
#: Navy ship prefixes and the state whose navy they name ("USS Halsey", "JS Sazanami", "HMAS Warramunga"): a ship
#: acts for its state in drills, port calls and transfers.
SHIP_PREFIXES = {"USS": "USA", "USNS": "USA", "HMS": "GBR", "HMAS": "AUS", "HMCS": "CAN", "HMNZS": "NZL", "JS": "JPN",
                 "INS": "IND", "ROKS": "KOR", "BRP": "PHL", "FS": "FRA", "TCG": "TUR", "ITS": "ITA", "HNLMS": "NLD",
                 "KRI": "IDN", "RSS": "SGP", "HNoMS": "NOR", "HDMS": "DNK", "FGS": "DEU", "ESPS": "ESP", "PNS": "PAK",
                 "HTMS": "THA", "KD": "MYS", "HSwMS": "SWE", "ORP": "POL", "HS": "GRC", "NRP": "PRT", "ARA": "ARG"}
_SHIP = re.compile(r"\b(?P<prefix>" + "|".join(SHIP_PREFIXES) + r")\s+(?:[A-Z][\w'’.-]*)(?:\s+[A-Z][\w'’-]*){0,3}")
_ORG_HEAD = (r"Flight|Group|Agency|Council|Corporation|Company|Industries|Systems|Association|Society|Institute|"
             r"Ministry|Department|Command|Squadron|Trust|Enterprises|Authority|Administration|Organi[sz]ation|"
             r"Forces|Shipyard|Shipbuilding|Aerospace|Dynamics|Technologies|Laboratory|Bureau|Office|Commission|"
             r"Expo|Exhibition|Airshow|Forum|Conference")
_MODIFIER_OF = re.compile(r"^\s+[a-z]+s\b")  # "Nordic governments": an adjective, not a name
_ORG_END = re.compile(r"\b(?:" + _ORG_HEAD + r")$")
_ORG_NAME = re.compile(r"\b(?<!['’])(?:[A-Z][\w-]+\s+(?:of\s+(?:the\s+)?|and\s+|&\s+)?){1,5}(?:" + _ORG_HEAD + r")\b")
_LEADING_TITLE = re.compile(
    r"^(?:(?:Prime|Deputy|Vice|Foreign|Defen[cs]e|Finance|Trade|Chief|Acting|Former|Interim|Crown|Lt\.?|Lieutenant|"
    r"Major|Rear|Brig\.?|Brigadier)\s+)*(?:Minister|Secretary|Treasurer|President|Chancellor|Premier|Ambassador|"
    r"Governor|Senator|Sen\.|Rep\.|Representative|General|Gen\.|Admiral|Adm\.|Col\.|Colonel|Maj\.|Capt\.|Captain|"
    r"Commander|Cmdr\.|Sir|Dame|Dr\.|Mr\.|Mrs\.|Ms\.|King|Queen|Emperor|Prince|Princess|Sheikh|Chairman|"
    r"Chairwoman|Commissioner|Director|Spokesman|Spokeswoman|Envoy|Mayor)\s+(?:(?:Sir|Dame|Dr\.)\s+)?")
_MEDIA_WORD = re.compile(r"^\s+(?:Report|News|Times|Review|Monitor|Journal|Wire|Digest|Post|Daily|Herald|Insight)\b")
_TITLE_NOUN = re.compile(r"^\s+(?:Minister|Secretary)\b")
_APPOSITIVE = re.compile(r"^,\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){0,2}(?:Commissioner|Chairman|Chairwoman|Chair|Director|"
                         r"Minister|Secretary|President|Chief|Head|Ambassador|Governor|Spokes\w+|Deputy|Vice|CEO)\b")
_ROLE_WORDS = {
    "defense": ("defense", "defence", "national defense", "national defence"),
    "foreign": ("foreign affairs", "foreign"),
    "commerce": ("commerce",), "trade": ("trade",), "finance": ("finance",), "economy": ("economy",),
    "industry": ("industry",), "interior": ("interior", "home affairs"),
}
_NER_KINDS = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}
CONTINENTS = frozenset({"asia", "europe", "africa", "north america", "south america", "latin america", "oceania",
                        "antarctica", "the americas", "americas", "eurasia", "middle east", "asia pacific"})
_TITLE_WORD = re.compile(r"^\s*(?:adviser|advisor|secretary|minister|chief|director|spokes\w+|official|"
                         r"commissioner|envoy|ambassador|head|chair\w*)\b", re.IGNORECASE)
_NOT_ORG_END = re.compile(r"\b(?:agreement|treaty|pact|accord|memorandum|act|strategy|principles|doctrine|"
                          r"initiative|declaration|statement)$", re.IGNORECASE)
_OCCASION_END = re.compile(r"\b(?:meeting|summit|dialogue|talks|consultations?|conference|forum|exercises?|drills?|"
                           r"agreement|treaty|pact|accord|memorandum|partnership|declaration|council)$", re.IGNORECASE)
_ORG_STOP = {"government", "cabinet", "parliament", "congress", "ministry", "army", "navy", "air force",
             "military", "administration", "reuters", "police", "council", "court", "senate", "commission",
             "defense", "defence", "state", "the state department"}


#: How many remembered answers :class:`EntityResources` keeps before it starts again.
MEMO_SIZE = 50_000


@dataclass(frozen=True)
class EntityResources:
    """What the entity stage reads: the knowledge base, its matcher and the optional model."""

    kb: KnowledgeBase
    matcher: PhraseMatcher
    model: Any = None
    person_names: tuple[str, ...] = ()
    person_index: tuple[Person, ...] = ()
    japanese_given: frozenset[str] = frozenset()
    korean_names: dict[str, tuple[Person, ...]] = field(default_factory=dict)
    memo: dict[tuple[Any, ...], Any] = field(default_factory=dict, compare=False, repr=False)
    """Answers that depend only on their arguments and the knowledge base (a fuzzy name match, the office holders
    of a time), remembered: the same names and dates recur from article to article."""

    def remembered(self, key: tuple[Any, ...], compute: Callable[..., Any], *args: Any) -> Any:
        """``compute(*args)``, or the value remembered under ``key`` (at most :data:`MEMO_SIZE` are kept)."""
        try:
            return self.memo[key]
        except KeyError:
            pass
        if len(self.memo) >= MEMO_SIZE:
            self.memo.clear()
        value = self.memo[key] = compute(*args)
        return value

    def surnames_in_office(self, start: dt.date, end: dt.date) -> list[tuple[str, list[Person]]]:
        """The surnames of people who held an office between two days, with their holders."""
        found: list[tuple[str, list[Person]]] = self.remembered(("surnames", start, end), self._in_office, start, end)
        return found

    def _in_office(self, start: dt.date, end: dt.date) -> list[tuple[str, list[Person]]]:
        return [(surname, [p for p in group if any(o.overlaps(start, end) for o in p.offices)])
                for surname, group in self.kb.people_by_surname.items()
                if any(o.overlaps(start, end) for p in group for o in p.offices)]

    @classmethod
    def build(cls, kb: KnowledgeBase, model: Any = None) -> EntityResources:
        """Index the knowledge base for matching, adding ministries' generic forms ("the defence ministry")."""
        forms = list(kb.iter_surface_forms())
        # leaders are named by surname alone ("Trump meets Zelensky"): look for those surnames too; which person a
        # bare surname is, if any, is decided by who held office at the article's date (``_resolve_people``)
        for surname, holders in kb.people_by_surname.items():
            if len(surname) > 3 and any(o.office in LEADER_OFFICES for p in holders for o in p.offices):
                forms.append((surname, "person", holders[0].name))
        for org in kb.orgs:
            for form in ministry_forms(org):
                forms.append((form, "org", org.name))
        names: list[str] = []
        index: list[Person] = []
        for person in kb.people:
            for form in {fold(f) for f in (person.name, *person.aliases)}:
                names.append(form)
                index.append(person)
        given = frozenset(p.name.split()[0] for p in kb.people if p.party == "JPN" and len(p.name.split()) == 2)
        korean: dict[str, list[Person]] = {}
        for person in kb.people:
            if person.party in {"KOR", "PRK"}:
                for key in {korean_key(f) for f in (person.name, *person.aliases)} - {None}:
                    assert key is not None
                    korean.setdefault(key, []).append(person)
        return cls(kb=kb, matcher=PhraseMatcher(forms), model=model, person_names=tuple(names),
                   person_index=tuple(index), japanese_given=given,
                   korean_names={k: tuple(v) for k, v in korean.items()})


def _whole_name(text: str, match: Match) -> bool:
    """A name the knowledge base knows, or a bare surname standing alone: capitalised, not part of a longer name
    ("Seok" in "Yun Seok-yeol", "Mohammed" in "King Mohammed VI"), though a title may lead it ("President Trump")."""
    if re.match(r"\s+(?:bin|ibn|bint|Bin|Ibn|Bint)\s+[A-Z]", text[match.end:match.end + 12]):
        return False  # "Sheikh Mohammed bin Abdulrahman": a longer name than the one known
    if " " in match.text.strip():
        return True
    if not match.text[:1].isupper() or re.match(r"(?:-|\s+[A-Z]|[A-Z])", text[match.end:match.end + 2]):
        return False
    before = text[max(0, match.start - 40):match.start]
    if before.endswith("-"):
        return False
    word = re.search(r"([A-Z][\w'’.]*)\s+$", before)
    return word is None or bool(_LEADING_TITLE.match(word.group(1) + " X"))


#: Offices whose holders the news names by surname alone.
LEADER_OFFICES = frozenset({"head_of_state", "head_of_government", "defense_minister", "foreign_minister",
                            "secretary_general"})


def ministry_forms(org: Org) -> list[str]:
    """Generic lower-case forms of a ministry or department by its role ("defence ministry")."""
    if org.kind != "ministry" or not org.role:
        return []
    out = []
    for word in _ROLE_WORDS.get(org.role, (org.role,)):
        if org.name.lower().startswith("department"):
            out += [f"department of {word}", f"{word} department"]
        else:
            out += [f"{word} ministry", f"ministry of {word}"]
    return out


class _Spans:
    """Character spans with fast overlap queries (names are short, so a window around the query suffices)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.items = sorted(spans)
        self.longest = max((e - s for s, e in self.items), default=0)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        lo = bisect_left(self.items, (start - self.longest, -1))
        hi = bisect_left(self.items, (end, -1))
        return [(s, e) for s, e in self.items[lo:hi] if s < end and start < e]

    def covers(self, at: int) -> bool:
        return bool(self.overlapping(at, at + 1))

    def add(self, start: int, end: int) -> None:
        insort(self.items, (start, end))
        self.longest = max(self.longest, end - start)

    def remove_within(self, start: int, end: int) -> None:
        for span in [x for x in self.overlapping(start, end) if x[0] >= start and x[1] <= end]:
            self.items.remove(span)


@dataclass
class _Person:
    start: int
    end: int
    text: str
    office: str | None = None
    party: str | None = None
    former: bool = False
    person: Person | None = None
    how: str = ""
    full_name: str | None = None


@dataclass
class _Collected:
    entities: dict[tuple[str, str], list[Mention]] = field(default_factory=dict)
    meta: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    party_mentions: list[Mention] = field(default_factory=list)

    def add(self, kind: str, name: str, mention: Mention, **meta: Any) -> None:
        self.entities.setdefault((kind, name), []).append(mention)
        self.meta.setdefault((kind, name), {}).update({k: v for k, v in meta.items() if v is not None})


def recognise_batch(extractions: list[Extraction], res: EntityResources) -> list[Extraction]:
    """:func:`recognise` over several articles, with one pass of the statistical model over the pieces of all of
    them (the model is far faster on a batch of texts than on one text at a time)."""
    if res.model is None:
        return [recognise(e, res) for e in extractions]
    found = [_known_names(e.article.text, res) for e in extractions]
    pieces = [_model_pieces(e, taken) for e, (_, taken) in zip(extractions, found, strict=True)]
    flat = [(n, a, b) for n, own in enumerate(pieces) for a, b in own]
    ents: list[list[tuple[int, int, str]]] = [[] for _ in extractions]
    docs = res.model.pipe((extractions[n].article.text[a:b] for n, a, b in flat), batch_size=64)
    for (n, a, _), doc in zip(flat, docs, strict=True):
        ents[n].extend((a + ent.start_char, a + ent.end_char, ent.label_) for ent in doc.ents)
    return [recognise(e, res, known, model_ents) for e, known, model_ents in zip(extractions, found, ents,
                                                                                   strict=True)]


def _known_names(text: str, res: EntityResources) -> tuple[list[tuple[Match, list[Any]]], _Spans]:
    matches = [(m, e) for m, e in res.matcher.find(text) if m.kind != "person" or _whole_name(text, m)]
    return matches, _Spans((m.start, m.end) for m, _ in matches)


def _model_pieces(extraction: Extraction, taken: _Spans) -> list[tuple[int, int]]:
    """The stretches of text the model reads: runs of the sentences that need it (see :func:`_needs_model`)."""
    text = extraction.article.text
    sentences = extraction.sentences or (Span(0, len(text), text),)
    return _pieces(text, [(x.start, x.end) for x in sentences if _needs_model(text, x.start, x.end, taken)])


def recognise(extraction: Extraction, res: EntityResources,
              known: tuple[list[tuple[Match, list[Any]]], _Spans] | None = None,
              model_ents: list[tuple[int, int, str]] | None = None) -> Extraction:
    """Fill ``entities`` and ``party_mentions`` of an extraction (``known`` names and the model's entities may be
    given, computed for a batch)."""
    article = extraction.article
    text = article.text
    kb = res.kb
    matches, taken = known or _known_names(text, res)
    match_starts = [m.start for m, _ in matches]
    if res.model is not None and model_ents is None:
        model_ents = _model_entities(res.model, text, _model_pieces(extraction, taken))
    out = _Collected()

    ner_spans: list[tuple[int, int, str, str]] = []
    if model_ents is not None:
        for ent_start, ent_end, label in model_ents:
            kind = _NER_KINDS.get(label)
            if kind is None:
                continue
            start, end, surface = _trim(text, ent_start, ent_end)
            if end <= start or "@" in surface or "://" in surface:
                continue  # an e-mail or web address is no name
            overlapping = taken.overlapping(start, end)
            if overlapping and re.search(r"(?<![\w-])\d+(?![\w-])", surface):
                continue  # "Jakarta 48 Kaan": a count between names, not one name around a known one
            if overlapping and _OCCASION_END.search(surface):
                continue  # "the Japan-Philippines Ministerial Meeting": an occasion between the parties it names
            if overlapping:
                # a longer model name around known names is a name of its own ("Korea Aerospace Industries",
                # "RAF Charitable Trust Enterprises")
                inner = [m for m, _ in matches[bisect_left(match_starts, start):bisect_left(match_starts, end)]
                         if m.end <= end]
                if not (kind in {"person", "org"} and inner and len(inner) == len(overlapping)
                        and _more_name_around(text, start, end, inner, kb.program_heads)
                        and (all(m.kind in {"party", "capital", "location"} for m in inner)
                             or (kind == "org" and _ORG_END.search(surface)))):
                    continue
                matches = [(m, e) for m, e in matches if not (m.start >= start and m.end <= end)]
                match_starts = [m.start for m, _ in matches]
                taken.remove_within(start, end)
            if kind != "person" and _APPOSITIVE.match(text[end:end + 40]) and _looks_like_name(surface) \
                    and len(surface.split()) <= 3:
                kind = "person"  # "Ishikawa Takeshi, Commissioner of the agency"
            ner_spans.append((start, end, surface, kind))
            taken.add(start, end)

    # parties and capitals first: they give context to everything else
    party_counts: Counter[str] = Counter()
    for match, _ in matches:
        if match.kind == "party" and text[match.end:match.end + 1] == "$":
            continue  # "US$40 billion", "A$2 billion": a currency, not a party
        if match.kind in {"party", "capital"} and re.match(r"[-\s]class\b", text[match.end:match.end + 7], re.I):
            continue  # "Dakar-class submarines", "the Kolkata class": a ship class named after a place
        if match.kind == "party" and match.text.lower() in {"american", "americans"} and _AMERICAS.search(
                text[max(0, match.start - 9):match.start]):
            continue  # "the South American nation", "Latin American states": a region, not the United States
        if match.kind in {"party", "capital"} and re.match(r"-based\b", text[match.end:match.end + 7]):
            out.add("location", _capital_name(kb, match) if match.kind == "capital" else match.text, _mention(match))
            continue  # "the Stockholm-based institute", "a Texas-based firm": where something sits, no party
        if match.kind == "party" and _PLACE_THEN_COUNTRY.search(text[max(0, match.start - 60):match.start]) and \
                re.match(r"\s*[,;.)]", text[match.end:match.end + 2]):
            # "in Sharm el-Sheikh, Egypt, the EU and Kazakhstan signed": the country of a place, where it lies
            out.add("location", kb.parties[match.key].name if match.key in kb.parties else match.text,
                    _mention(match))
        elif match.kind == "party":
            _add_party(out, kb, match, party_counts)
        elif match.kind == "capital" and _in_another_state(text, match, matches):
            out.add("location", match.text, _mention(match))  # "at Victoria in central Romania": a namesake town
        elif match.kind == "capital":
            dateline = _is_dateline(text, match)
            if dateline or _LOCATIVE.search(text[max(0, match.start - 25):match.start]):
                out.add("location", _capital_name(kb, match), _mention(match))
                if not dateline:  # "sold jets to Hanoi": events read from grammar whether a place is a party
                    out.party_mentions.append(Mention(match.text, match.start, match.end, match.key, "place"))
            else:
                _add_party(out, kb, match, party_counts)
    for slug in _CODE_SLUG.finditer(text):
        # "EGY–DEU: order placed": a brief's slug names its parties by their ISO codes
        for code in re.finditer(r"[A-Z]{3}", slug.group("codes")):
            start = slug.start("codes") + code.start()
            if code.group() not in kb.parties:
                continue
            if taken.covers(start):
                if not any(n[0] == start and n[1] == start + 3 for n in ner_spans):
                    continue
                ner_spans = [n for n in ner_spans if n[0] != start]  # the model took the code for a body's name
            _add_party(out, kb, Match(start, start + 3, code.group(), "party", code.group()), party_counts)
    main_party = party_counts.most_common(1)[0][0] if party_counts else None

    people: list[_Person] = []
    for match, entries in matches:
        if match.kind == "org":
            if _TITLE_NOUN.match(text[match.end:match.end + 20]):
                continue  # "French Armed Forces Minister": part of an office title
            org = _pick_org(kb, entries, match, out.party_mentions, main_party, text)
            if org is None:
                continue
            unsure = all(fold(w) in _GENERIC_BODY_WORDS for w in re.findall(r"[\w'’-]+", match.text)) and \
                org.party not in {m.label for m in out.party_mentions}
            # ("Department of National Defense" in an article naming no state it could belong to: its state not
            # guessed, its name kept for who said what)
            out.add("org", org.name, _mention(match), party=None if unsure else org.party, org_kind=org.kind)
            home = org.party
            branch = (_BRANCH_OF.search(text[max(0, match.start - 40):match.start]) or _NAMED_AS_FIRM_OF.search(
                text[max(0, match.start - 40):match.start])) if org.kind == "company" else None
            if branch is not None:  # "the US subsidiary of BAE Systems": the branch's state acts
                home = kb.demonym_forms.get(fold(branch.group(1))) or kb.party_forms.get(fold(branch.group(1))) \
                    or home
            if home and org.kind in PARTY_ORG_KINDS and not unsure:  # a body acts for its home party
                source = "company" if org.kind == "company" else "body"
                out.party_mentions.append(Mention(match.text, match.start, match.end, home, source))
        elif match.kind == "program" and any(c in match.text for c in "$€£¥₩"):
            continue  # "US$2 billion" is a sum, not the US-2 flying boat
        elif match.kind == "program":
            # ("Gripens": a plural the matcher knows, found by the programme's own name)
            program = kb.programs_by_form.get(fold(match.text)) or kb.programs_by_form.get(fold(match.key))
            owner = program.parties[0] if program and len(program.parties) == 1 else None
            if program is not None and owner is None:  # a design several states fly: its makers' state owns it
                homes = {o.party for m in program.makers for o in kb.orgs_by_form.get(fold(m), []) if o.party}
                owner = next(iter(homes)) if len(homes) == 1 and homes <= set(program.parties) else None
            out.add("program", match.key, _mention(match), party=owner)
        elif match.kind == "location" and not _MEDIA_WORD.match(text[match.end:match.end + 12]):
            place = kb.locations_by_form.get(fold(match.text))
            out.add("location", match.key, _mention(match), party=place.party if place else None)
            following = re.match(r"\s+([a-z]+)", text[match.end:match.end + 20])
            if place is not None and place.party and place.kind in _LAND and \
                    _LOCATIVE.search(text[max(0, match.start - 25):match.start]) and \
                    (following is None or following.group(1) in _FUNCTION_WORDS):  # not "at the Wales summit"
                # "Marines moved from Okinawa to Guam": events read from grammar whether a place is a party
                out.party_mentions.append(Mention(match.text, match.start, match.end, place.party, "place"))
            elif place is not None and place.party and place.kind == "city" and \
                    re.match(r"['’]s\s+(?:state-owned\s+|state\s+)?[A-Z]", text[match.end:match.end + 20]):
                # "an order placed with Izmir's Aegean Yard": a city's firm is of that city's state
                out.party_mentions.append(Mention(match.text, match.start, match.end, place.party, "company"))
        elif match.kind == "person":
            people.append(_Person(match.start, match.end, match.text))
    for start, end, surface, kind in ner_spans:
        if kind == "person" and (_SHIP.match(surface) or _NAMED_THING.search(text[max(0, start - 12):start])):
            continue  # "USS John Finn", "boarded the Theodore Roosevelt": a ship named after a person
        if kind == "person" and (_FACILITY_END.search(surface) or _names_an_operation(text, surface)):
            continue  # "Holzdorf Air Base"; "Talisman Sabre began", named elsewhere "the Talisman Sabre exercise"
        if kind == "person":
            lead = _LEADING_TITLE.match(surface)
            if lead and lead.end() < len(surface):  # "Treasurer Jim Chalmers": the title is not the name
                start, surface = start + lead.end(), surface[lead.end():]
            people.append(_Person(start, end, surface))
    if model_ents is None:
        people.extend(_people_after_titles(text, taken))
    place_spans = {(m.start, m.end) for m, _ in matches if m.kind in {"party", "capital", "location"}}
    not_orgs = {(s, e) for s, e, _, k in ner_spans if k != "org"}
    pattern_orgs = _Spans()
    for found in _ORG_NAME.finditer(text):
        blocking = [x for x in taken.overlapping(found.start(), found.end()) if x not in place_spans]
        if all(x in not_orgs and found.start() <= x[0] and x[1] <= found.end() for x in blocking):
            name = found.group().strip()
            out.add("org", name, Mention(name, found.start(), found.start() + len(name), "pattern"))
            pattern_orgs.add(found.start(), found.end())
    ner_spans = [n for n in ner_spans if not pattern_orgs.covers(n[0])]
    places = _Spans((m.start, m.end) for m, _ in matches if m.kind == "location")
    for found in _SHIP.finditer(text):
        if not places.covers(found.start()):  # "HMAS Stirling" the base is a known place, matched before
            out.party_mentions.append(Mention(found.group(), found.start(), found.end(),
                                              SHIP_PREFIXES[found.group("prefix")], "ship"))
    for found in _CLASS_PROGRAM.finditer(text):
        if not taken.covers(found.start()):
            name = f"{found.group('name')}-class {found.group('kind')}"
            out.add("program", name, Mention(found.group(), found.start(), found.end(), "pattern"))

    for person in people:
        _read_title(text, person, out.party_mentions, kb)
    _resolve_people(people, res, article.published)
    _share_titles(people)
    for person in people:
        if person.person is not None:
            name, party = person.person.name, person.person.party
        elif person.full_name:
            name, party = _given_name_first(person.full_name, res), person.party
        elif person.how == "short" or _looks_like_name(person.text):
            name, party = _given_name_first(person.text, res), person.party
        else:
            continue
        out.add("person", name, Mention(person.text, person.start, person.end, person.how or "unknown"),
                party=party, how=person.how)
        acting = _acting_for(person.person, article.published) if person.person is not None else party
        if acting and (person.office or (person.person is not None and person.person.offices)):
            out.party_mentions.append(Mention(person.text, person.start, person.end, acting, "person"))

    _add_surname_mentions(text, people, taken, out, res, article.published)
    short_names = {word: p.person for p in people if p.person is not None
                   for word in (*fold(p.person.name).split()[-1:], fold(p.text).split()[-1])}
    # the surname of someone named in full whom the knowledge base lacks, which the model took for a body or a place
    unknown_short: dict[str, set[tuple[str, str | None]]] = {}
    for p in people:
        if p.person is None and len(p.text.split()) > 1 and _looks_like_name(p.text):
            for form in _surname_forms(p.text, p.text, p.party):
                unknown_short.setdefault(fold(form), set()).add((_given_name_first(p.text, res), p.party))
    for start, end, surface, kind in ner_spans:
        if kind == "person":
            continue
        folded = fold(surface)
        if folded in short_names and len(folded.split()) == 1:
            holder = short_names[folded]
            assert holder is not None
            out.add("person", holder.name, Mention(surface, start, end, "short"), party=holder.party)
        elif len(unknown_short.get(folded, ())) == 1 and folded not in short_names:
            ((name, party),) = unknown_short[folded]
            out.add("person", name, Mention(surface, start, end, "short"), party=party)
        elif kind == "org":
            government = _government_of(surface, kb)
            if government:
                out.party_mentions.append(Mention(surface, start, end, government))
            elif _plausible_org(surface, kb, text[end:end + 30]) and not (
                    len(surface.split()) == 1 and (_MEDIA_WORD.match(text[end:end + 12])
                                                   or _MODIFIER_OF.match(text[end:end + 20]))):
                home = _maker_home(surface, kb)
                out.add("org", _clean_org(surface), Mention(surface, start, end, "ner"), party=home)
                if home:  # "under licence from Israel Shipyards": a maker the base lacks, named by its state
                    out.party_mentions.append(Mention(surface, start, end, home, "company"))
        elif _plausible_place(surface, kb) and not _MEDIA_WORD.match(text[end:end + 12]):
            out.add("location", surface, Mention(surface, start, end, "ner"))

    entities = []
    for (kind, name), mentions in sorted(out.entities.items(), key=lambda kv: min(m.start for m in kv[1])):
        meta = out.meta.get((kind, name), {})
        entities.append(Entity(type=kind, name=name, mentions=tuple(sorted(mentions, key=lambda m: m.start)),
                               party=meta.get("party"), resolved_by=meta.get("how", "")))
    party_mentions = tuple(sorted(out.party_mentions, key=lambda m: m.start))
    headline = tuple(dict.fromkeys(m.key for m, _ in res.matcher.find(article.title or "")
                                   if m.kind in {"party", "capital"}))
    return replace(extraction, entities=tuple(entities), party_mentions=party_mentions, headline_parties=headline)


def _more_name_around(text: str, start: int, end: int, inner: list[Match], programs: frozenset[str]) -> bool:
    """The span has capitalised words besides the known names inside it, other than a programme's name in the
    plural ("British Typhoons", "Russian Sukhois": a party's aircraft, not a firm)."""
    rest = text[start:end]
    for m in sorted(inner, key=lambda m: -m.start):
        rest = rest[:m.start - start] + " " + rest[m.end - start:]
    words = [w for w in re.findall(r"[\w'’-]+", rest) if w[:1].isupper()]
    return bool(words) and not all(w.endswith("s") and fold(w[:-1]) in programs for w in words)


#: The model reads long articles in pieces of about this many characters, cut at paragraph breaks, so memory stays
#: flat however long the article (spaCy needs about 1 GB per 100,000 characters for a whole text).
MODEL_CHUNK = 20_000


#: Capitalised words that are no name the recogniser could add: months and weekdays.
_CALENDAR = frozenset("january february march april may june july august september october november december jan "
                      "feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday "
                      "saturday sunday".split())
_WORDS = re.compile(r"[^\W\d_][\w'’-]*")


def _needs_model(text: str, start: int, end: int, taken: _Spans) -> bool:
    """Whether the statistical recogniser could find a name in ``text[start:end]`` that the knowledge base has not:
    only if a capitalised word is left that no known name covers, other than a function word opening the sentence
    ("The", "But") or a month or weekday. The recogniser's names we keep (people, organisations, places) are
    capitalised in English, so a sentence without such a word is not worth its time (the recogniser is the costliest
    stage of extraction)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    first = True
    for found in _WORDS.finditer(text, start, end):
        word = found.group()
        if word[0].isupper() and not taken.covers(found.start()):
            lower = word.lower()
            if not ((first and lower in STOP_WORDS) or lower in _CALENDAR):
                return True
        first = False
    return False


def _bounded(text: str, spans: list[tuple[int, int]]) -> Iterable[tuple[int, int]]:
    """The spans, a span longer than :data:`MODEL_CHUNK` cut at a space or line break in its second half."""
    for start, end in spans:
        while end - start > MODEL_CHUNK:
            cut = max(text.rfind(" ", start + MODEL_CHUNK // 2, start + MODEL_CHUNK),
                      text.rfind("\n", start + MODEL_CHUNK // 2, start + MODEL_CHUNK))
            cut = cut if cut > start else start + MODEL_CHUNK
            yield start, cut
            start = cut
        yield start, end


def _pieces(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences ``spans`` joined into pieces of consecutive sentences of at most about :data:`MODEL_CHUNK`
    characters (memory stays flat however long the article)."""
    pieces: list[tuple[int, int]] = []
    for start, end in _bounded(text, spans):
        if pieces and not text[pieces[-1][1]:start].strip() and end - pieces[-1][0] <= MODEL_CHUNK:
            pieces[-1] = (pieces[-1][0], end)  # the next sentence: read it with the one before, as one text
        else:
            pieces.append((start, end))
    return pieces


def _model_entities(model: Any, text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The model's entities as (start, end, label) in the pieces of text."""
    found: list[tuple[int, int, str]] = []
    for (offset, _), doc in zip(pieces, model.pipe((text[a:b] for a, b in pieces), batch_size=4), strict=True):
        found.extend((offset + ent.start_char, offset + ent.end_char, ent.label_) for ent in doc.ents)
    return found


def _share_titles(people: list[_Person]) -> None:
    """A bare surname the article uses after naming an official in full with a title ("Lithuanian President
    Gitanas Nausėda … Nausėda said") is that official, with the office and state the title gave."""
    titled = {fold(p.text).split()[-1]: p for p in people
              if p.person is None and p.office and p.office != "counterpart" and p.party and len(p.text.split()) > 1}
    named = {fold(form): p for p in reversed(people)
             if p.person is None and len(p.text.split()) > 1 and _looks_like_name(p.text)
             for form in _surname_forms(p.text, p.text, p.party)}
    known: dict[str, set[str]] = {}
    for p in people:
        if p.person is not None:
            for form in _surname_forms(p.person.name, p.text, p.person.party):
                known.setdefault(form, set()).add(p.person.name)
        elif len(p.text.split()) > 1 and _looks_like_name(p.text):
            for form in _surname_forms(p.text, p.text, p.party):
                known.setdefault(form, set()).add(p.text)  # someone else of that family name, unknown to the base
    by_name = {p.person.name: p.person for p in people if p.person is not None}
    for person in people:
        bare = person.text.strip()
        if person.person is None and " " not in bare and len(known.get(bare, ())) == 1:
            # "President Yun" after "President Yun Seok-yeol": the one person of the article with that family name
            only = next(iter(known[bare]))
            if only in by_name:
                person.person, person.how = by_name[only], "short"
                continue
        if person.person is None and person.party is None and " " not in person.text.strip():
            full = titled.get(fold(person.text))
            if full is not None and full.start < person.start:
                person.office, person.party, person.how = full.office, full.party, "short"
            earlier = named.get(fold(person.text))
            if earlier is not None and earlier.start < person.start and len(known.get(bare, ())) <= 1:
                person.full_name = earlier.text  # "Andrej Babiš ... Babiš said": one person, named in full


def _add_surname_mentions(text: str, people: list[_Person], taken: _Spans, out: _Collected,
                          res: EntityResources, published: str | None = None) -> None:
    """Later bare surnames of people the article has named in full ("… Fumio Kishida … Kishida said"), in the
    article's own spelling ("Mun Jae-in … Mun said" for Moon Jae-in) and order (the family name first in Korean
    and Chinese names). A surname two people of the article share names neither; one of a person the knowledge
    base does not hold counts only where a title leads it or a speech verb is next to it ("Director General
    Baram", "Baram said"), since such a name may also be a common word."""
    covered = _Spans([*((p.start, p.end) for p in people), *taken.items])
    forms: dict[str, dict[str, tuple[str | None, bool, Person | None, bool]]] = {}
    for person in people:
        if person.person is not None:
            name, party, office = person.person.name, person.person.party, bool(person.office or person.person.offices)
            known = True
        elif person.office and person.office != "counterpart" and person.party and _looks_like_name(person.text):
            # a named official the knowledge base does not hold, titled with a state ("Lithuanian President X")
            name, party, office, known = _given_name_first(person.text, res), person.party, True, True
        elif person.full_name is None and _looks_like_name(person.text):
            name, party, office, known = _given_name_first(person.text, res), person.party, False, False
        else:
            continue
        for surname in _surname_forms(name, person.text, party):
            forms.setdefault(surname, {})[name] = (party, office, person.person, known)
    for surname, holders in sorted(forms.items()):
        if len(holders) != 1 or len(surname) < 3:
            continue
        ((name, (party, office, kb_person, known)),) = holders.items()
        for found in re.finditer(r"\b" + re.escape(surname) + r"\b(?![-’'][A-Za-z])", text):
            if covered.covers(found.start()) or (not known and not _named_as_speaker(text, found.start(),
                                                                                    found.end())):
                continue
            if text[found.end():found.end() + 2][:1] == " " and text[found.end() + 1:found.end() + 2].isupper() \
                    and not known:
                continue  # part of a longer name
            out.add("person", name, Mention(found.group(), found.start(), found.end(), "short"), party=party)
            acting = _acting_for(kb_person, published) if kb_person is not None else party
            if acting and office:
                # an office holder named by surname speaks and acts for the state ("Albanese signed")
                out.party_mentions.append(Mention(found.group(), found.start(), found.end(), acting, "person"))


_CODE_SLUG = re.compile(r"(?m)^[ \t]*(?P<codes>[A-Z]{3}(?:[ \t]*[–—/-][ \t]*[A-Z]{2,3})*)[ \t]*:[ \t]")
_FACILITY_END = re.compile(r"\b(?:Base|Airbase|Airport|Airfield|Port|Harbou?r|Barracks|Station|Range|Camp|Shipyard|"
                           r"Dockyard)$")


def _names_an_operation(text: str, surface: str) -> bool:
    """A name the article also gives an exercise or an operation ("the Freedom Edge drills", "Exercise Pitch
    Black"): an event's name, not a person's."""
    name = re.escape(surface)
    return bool(re.search(name + r"\s+(?:exercises?|drills?|war\s+games|manoeuvres|maneuvers|operation)\b", text,
                          re.IGNORECASE) or re.search(r"\b(?:Exercise|Operation)\s+" + name, text))


_NAMED_THING = re.compile(r"\b(?:the|aboard)\s+$", re.IGNORECASE)
_SPEAKER_TITLE = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Adm|Lt|Maj|Capt|Sgt|Cmdr)\.?|\b(?:President|Minister|"
                            r"Secretary|Ambassador|Administrator|Director|General|Admiral|Colonel|Chancellor|"
                            r"Premier|Chairman|Chairwoman|Chair|Chief|Commissioner|Governor|Senator|Spokesman|"
                            r"Spokeswoman|Spokesperson|Commander|Envoy|Deputy|Undersecretary|CEO))\s+$")
_SPEECH_NEXT = re.compile(r"^,?\s+(?:also\s+|then\s+|later\s+|further\s+)?(?:said|says|told|tells|added|adds|"
                          r"noted|stressed|explained|wrote|warned|argued|insisted|replied|replies|answered)\b")
_SPEECH_BEFORE = re.compile(r"\b(?:said|says|told|added|noted|stressed|explained|wrote|warned)\s+$")


def _surname_forms(name: str, written: str, party: str | None) -> list[str]:
    """The bare surnames an article may use for a person: the last word of the canonical name, and the family
    name as the article wrote it (first in Korean and Chinese names, whose given name is often hyphenated)."""
    canonical = name.replace(" Jr.", "").split()
    words = written.replace(" Jr.", "").replace(" Jr", "").split()
    out = [canonical[-1]] if canonical else []
    if len(words) == 1:
        out.append(words[0])  # the article's own spelling of a surname ("Besent" for Bessent)
    if len(words) >= 2:
        if words[0].isupper() and len(words[0]) > 1:
            out.append(words[0].title())  # "ENDO Kazuya": the family name in capitals
        else:
            out.append(words[0] if "-" in words[-1] else family_name(words, party))
    if len(canonical) >= 2:
        out.append(family_name(canonical, party))
    return [w for w in dict.fromkeys(out) if w[:1].isupper() and "-" not in w and w.isalpha()]


def _named_as_speaker(text: str, start: int, end: int) -> bool:
    """A bare surname with a title before it or a speech verb beside it, or one inside a sentence that is no
    common word of the article ("Gold" is a name only where "gold" is not also a word of the text)."""
    if _SPEAKER_TITLE.search(text[max(0, start - 30):start]) or _SPEECH_NEXT.match(text[end:end + 30]) \
            or _SPEECH_BEFORE.search(text[max(0, start - 20):start]):
        return True
    before = text[:start].rstrip()
    opens_sentence = not before or before[-1] in '.!?"\n'
    return not opens_sentence and not re.search(r"\b" + re.escape(text[start:end].lower()) + r"\b", text)


def _acting_for(person: Person, published: str | None) -> str | None:
    """The party an office holder acts for on the article's date: the office's ("Josep Borrell" for the EU while
    High Representative), else the person's own."""
    if published:
        try:
            day = dt.date.fromisoformat(published[:10])
        except ValueError:
            day = None
        if day is not None:
            for office in person.offices:
                if office.party and office.start and office.start <= day and (office.end is None or day <= office.end):
                    return office.party
    return person.party


def _add_party(out: _Collected, kb: KnowledgeBase, match: Match, counts: Counter[str]) -> None:
    code = match.key
    party = kb.parties.get(code)
    if party is None:
        return
    counts[code] += 1
    out.party_mentions.append(Mention(match.text, match.start, match.end, code))
    if party.kind == "bloc":
        out.add("org", party.name, _mention(match), party=code)
    else:
        out.add("country", code, _mention(match), party=code)


_IN_REGION = re.compile(r"\s*(?:,|in)\s+(?:(?:the\s+)?(?:central|northern|southern|eastern|western|north|south|east|"
                        r"west|north-?\w+ern|south-?\w+ern)\s+)?$", re.IGNORECASE)


def _in_another_state(text: str, match: Match, matches: list[tuple[Match, Any]]) -> bool:
    """A capital's name followed by "in" (or a comma and) another state is a town of that state with the same
    name ("a plant at Victoria in central Romania", "Valencia, Venezuela")."""
    for other, _ in matches:
        if other.kind == "party" and other.key != match.key and match.end < other.start <= match.end + 30 and \
                _IN_REGION.fullmatch(text[match.end:other.start]):
            return True
    return False


def _is_dateline(text: str, match: Match) -> bool:
    """A capital opening a paragraph before a dash, or before a comma and a date or a short place and a dash, is
    the dateline's place ("MANILA —", "MANILA, July 9 —", "Kyiv, Ukraine —"); not "Seoul, Warsaw to hold talks"."""
    from allywatch.ingest.dateline import parse_dateline

    if not (match.start == 0 or text[match.start - 1] == "\n"):
        return False
    after = text[match.end:match.end + 40]
    if re.match(r"\s*(?:\u2014|\u2013|--?|\()", after):
        return True
    if not after.startswith(","):
        return False
    line_end = text.find("\n", match.start)
    return parse_dateline(text[match.start:line_end if line_end >= 0 else len(text)]) is not None or \
        bool(re.match(r",[^,.\n]{1,25}?\s(?:\u2014|\u2013|--?)\s", after))


def _capital_name(kb: KnowledgeBase, match: Match) -> str:
    party = kb.parties.get(match.key)
    if party is None:
        return match.text
    for capital in party.capitals:
        if fold(capital) == fold(match.text):
            return capital
    return party.capitals[0] if party.capitals else match.text


#: "the US subsidiary of", "the British arm of": a branch of a firm in another state.
_BRANCH_OF = re.compile(r"\b([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)\s+(?:subsidiary|unit|arm|division|branch|affiliate)\s+of\s+"
                        r"(?:the\s+)?$")

#: A firm introduced with its nationality: "the Hungarian company Rheinmetall Hungary" is Hungary's,
#: Africa's, whatever another firm its name begins with.
_NAMED_AS_FIRM_OF = re.compile(r"\b([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)\s+(?:company|firm|maker|manufacturer|shipbuilder|"
                               r"shipyard|contractor|group)\s+$")

#: Words of a body's name that say nothing of whose it is ("Department of National Defense", "Ministry of Defence").
_GENERIC_BODY_WORDS = frozenset({"department", "ministry", "of", "the", "for", "and", "national", "defence", "defense",
                                 "interior", "foreign", "affairs", "home", "office", "armed", "forces", "force", "army",
                                 "navy", "air", "agency", "procurement", "security", "state", "war", "general", "staff",
                                 "joint", "chiefs", "council", "military", "marine", "corps", "coast", "guard",
                                 "administration", "directorate", "bureau", "command", "headquarters", "minister"})


def _pick_org(kb: KnowledgeBase, entries: list[Any], match: Match, party_mentions: list[Mention],
              main_party: str | None, text: str) -> Org | None:
    """The org a name stands for; among same-named ones, the one whose party is named with it."""
    candidates = [o for e in entries if e.kind == "org" for o in kb.orgs_by_form.get(fold(match.text), [])
                  if o.name == e.key]
    if not candidates:
        names = {e.key for e in entries if e.kind == "org"}
        candidates = [o for o in kb.orgs if o.name in names]
    if not candidates:
        return None
    unique = {(o.name, o.party): o for o in candidates}
    near = [m.label for m in party_mentions if m.source != "place" and (0 <= match.start - m.end <= 3
            or (0 <= m.start - match.end <= 4 and text[match.end:m.start].strip() in {"of", "of the", "("}))]
    own_state = any(fold(w) in kb.demonym_forms or fold(w) in kb.party_forms
                    for w in text[match.start:match.end].split()[:1])  # "German Navy" says whose it is
    if len(unique) == 1 and (not near or next(iter(unique.values())).party in near or own_state):
        return next(iter(unique.values()))  # ("Scotland German Navy": a name that says its own state)
    if len(unique) == 1:
        return replace(next(iter(unique.values())), party=None)  # "Qatar's ministry of interior": not the one known
    for code in near:
        for org in unique.values():
            if org.party == code:
                return org
    if near:  # "the Kazakh defence ministry" is none of the ministries of that name the knowledge base has: the
        return replace(next(iter(unique.values())), party=None)  # name stands (who said what), its state does not
    for org in unique.values():
        if org.party == main_party:
            return org
    return None


def _given_name_first(name: str, res: EntityResources) -> str:
    """A Japanese name written family name first ("Ishikawa Takeshi") in the knowledge base's order."""
    words = name.split()
    if len(words) == 2 and words[1] in res.japanese_given and words[0] not in res.japanese_given:
        return f"{words[1]} {words[0]}"
    if len(words) == 2 and len(words[0]) > 1 and words[0].isupper() and not words[1].isupper():
        return f"{words[1]} {words[0].title()}"  # "ENDO Kazuya": the family name written in capitals, first
    return name


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return len(words) >= 2 and not any(c.isdigit() for c in text) and all(
        w[:1].isupper() or w.lower() in {"de", "da", "van", "von", "bin", "al", "du", "le"} for w in words)


def _mention(match: Match) -> Mention:
    return Mention(match.text, match.start, match.end, match.kind)


def _trim(text: str, start: int, end: int) -> tuple[int, int, str]:
    """Drop a leading 'the' and a trailing possessive from a model span."""
    surface = text[start:end]
    if "(" in surface:
        end = start + surface.index("(")
        while end > start and text[end - 1] == " ":
            end -= 1
        surface = text[start:end]
    if surface.lower().startswith("the "):
        start += 4
    if surface.endswith(("'s", "’s")):
        end -= 2
    while end > start and text[end - 1] in ".,;:":
        if text[end - 1] == "." and re.search(r"\b(?:Jr|Sr|Co|Corp|Inc|Ltd)\.$", text[start:end]):
            break
        end -= 1
    return start, end, text[start:end]


def _plausible_org(surface: str, kb: KnowledgeBase, following: str = "") -> bool:
    """A model ORG span that names an organisation, not a title fragment, a document or a party."""
    if len(surface) < 2 or not surface[:1].isupper() or surface.lower() in _ORG_STOP:
        return False
    if kb.party_of(surface) is not None or "\n" in surface:
        return False
    if _TITLE_WORD.match(following) or _NOT_ORG_END.search(surface):
        return False
    words = surface.split()
    return not (len(words) == 1 and surface.isupper() and len(surface) <= 2)


def _plausible_place(surface: str, kb: KnowledgeBase) -> bool:
    """A model place span below the state level (not a party, not a continent)."""
    return (kb.party_of(surface) is None and surface[:1].isupper() and fold(surface) not in CONTINENTS
            and "\n" not in surface)


_MAKER_WORDS = re.compile(r"\b(?:Shipyards?|Shipbuilding|Aerospace|Aircraft|Aviation|Industries|Industry|Systems|"
                          r"Dynamics|Ordnance|Arms|Armaments|Munitions|Electronics|Motors|Works|Engineering|"
                          r"Technologies|Defen[cs]e)\b")


def _maker_home(surface: str, kb: KnowledgeBase) -> str | None:
    """The state that names an arms maker the knowledge base lacks ("Israel Shipyards", "Turkish Aerospace")."""
    words = surface.split()
    if len(words) < 2 or not _MAKER_WORDS.search(" ".join(words[1:])):
        return None
    for size in (2, 1):
        head = " ".join(words[:size])
        code = kb.party_forms.get(fold(head)) or kb.demonym_forms.get(fold(head))
        if code and len(words) > size:
            return code
    return None


def _government_of(surface: str, kb: KnowledgeBase) -> str | None:
    """The party of "the Government of Japan", "the Japanese government"."""
    match = re.fullmatch(r"(?:the\s+)?(?:government|administration|cabinet)\s+of\s+(?:the\s+)?(.+)", surface,
                         re.IGNORECASE) or re.fullmatch(r"(?:the\s+)?(.+?)\s+(?:government|administration|cabinet)",
                                                        surface, re.IGNORECASE) or _STATE_SERVICE.fullmatch(surface)
    if match is None:
        return None
    named = match.group(1)
    return kb.party_of(named) or next(
        (code for word in named.split() if (code := kb.party_of(word))), None)  # "Qatar Emiri Air Force"


#: A state's armed service or ministry named by the state ("the Nigerian Air Force", "Sri Lanka Navy", "the Kenyan
#: Defence Ministry", "the Ghanaian National Defence Force"): it acts for the state as its government does.
_STATE_SERVICE = re.compile(
    r"(?:the\s+)?(?:Royal\s+)?([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?)\s+(?:National\s+|Royal\s+)?"
    r"(?:Air\s+Force|Navy|Army|Armed\s+Forces|"
    r"Coast\s+Guard|Marine\s+Corps|Defen[cs]e\s+Forces?|Defen[cs]e\s+Ministry|Ministry\s+of\s+Defen[cs]e|Military|"
    r"Naval\s+Forces|Land\s+Forces|Ground\s+Forces|Air\s+Defen[cs]e\s+Forces)")


def _clean_org(surface: str) -> str:
    return re.sub(r"\s+", " ", surface).strip(" -")


def _people_after_titles(text: str, taken: _Spans) -> list[_Person]:
    """Without a model, names right after an office title are people ("Defence Minister Richard Marles")."""
    out = []
    for match in _NAME_AFTER_TITLE.finditer(text):
        start, end = match.span("name")
        if text[end - 1] == "." and not re.search(r"\b(?:Jr|Sr)\.$", text[start:end]):
            end -= 1
        if taken.overlapping(start, end):
            continue
        out.append(_Person(start, end, text[start:end]))
    return out


_ADJOINING = re.compile(r"(?:['’]s)?\s*$")


def _read_title(text: str, person: _Person, party_mentions: list[Mention], kb: KnowledgeBase) -> None:
    """Office and party from "Japanese Defense Minister X", "X, Australia's defence minister,"."""
    before = text[max(0, person.start - 80):person.start]
    match = _TITLE_BEFORE.search(before)
    title_start = None
    if match:
        person.office = TITLES[match.group("title").lower()]
        person.former = bool(match.group("mod")) and match.group("mod").lower() in {"former", "then-", "then", "late"}
        title_start = person.start - len(before) + match.start()
    else:
        after = _TITLE_AFTER.match(text[person.end:person.end + 80])
        if after:
            person.office = TITLES[after.group("title").lower()]
            window = (person.end + after.start("pre"), person.end + after.end("pre"))
            for m in party_mentions:
                if window[0] <= m.start and m.end <= window[1] + 1:
                    person.party = m.label
            return
    if title_start is None:
        return
    if person.office is None:  # "his U.S. counterpart": the office of the other person in the sentence
        person.office = "counterpart"
    for m in party_mentions:
        # "Japanese Prime Minister X", "Japan's Prime Minister X"; not "... to Ukraine, Prime Minister X"
        if m.end <= title_start and title_start - m.end <= 4 and _ADJOINING.match(text, m.end, title_start):
            person.party = m.label
    if person.party is None:
        of = re.match(r"\s+of\s+(?:the\s+)?", text[person.end:person.end + 12])
        if of:  # "Prime Minister X of Norway"
            person.party = next((m.label for m in party_mentions if m.start == person.end + of.end()), None)


def _resolve_people(people: list[_Person], res: EntityResources, published: str | None) -> None:
    kb = res.kb
    for person in people:
        found = kb.people_by_form.get(fold(person.text), [])
        if person.party is not None and found:
            # "Colombia's defence minister Pedro Sánchez" is not Spain's prime minister: a title naming another
            # state says the namesake is someone else
            found = [p for p in found if p.party in (None, person.party)]
        if found:
            person.person = _best_exact(found, person, published)
            person.how = "exact"
    start, end = _time_window(people, published)
    offices = [p.office for p in people if p.office not in (None, "counterpart")]
    for person in people:
        if person.office == "counterpart":
            person.office = offices[0] if offices else None
    named = {id(p.person) for p in people if p.person is not None}
    for person in people:
        if person.person is not None or len(person.text.split()) < 2:
            continue
        # an article that spells a person right does not misspell them elsewhere: a near-namesake is someone else
        guess, how = res.remembered(("fuzzy", person.text, person.office, person.former, person.party, start, end),
                                    _fuzzy, person, res, start, end)
        if guess is not None and id(guess) not in named:
            person.person, person.how = guess, how
    full = [p for p in people if p.person is not None]
    # family names that two people named in full share ("President Lee Jae-myung … the firm's chief Lee Dong-hoon"):
    # alone, such a name is neither of them
    bearers: dict[str, set[str]] = {}
    for p in people:
        if len(p.text.split()) >= 2 and (p.person is not None or _looks_like_name(p.text)):
            own = p.person.name if p.person is not None else fold(p.text)
            for form in _surname_forms(p.person.name if p.person is not None else p.text, p.text,
                                       p.person.party if p.person is not None else p.party):
                bearers.setdefault(fold(form), set()).add(own)
    for person in people:
        if person.person is not None or len(person.text.split()) >= 2:
            continue
        key = fold(person.text)
        if len(bearers.get(key, ())) > 1:
            continue
        for other in full:
            assert other.person is not None
            if key in {fold(n).split()[-1] for n in (other.person.name, *other.person.aliases) if fold(n)} or \
                    key in fold(other.person.name).split():
                person.person, person.how = other.person, "short"
                break
        if person.person is None:
            holders = [p for p in kb.people_by_surname.get(key, [])
                       if any(o.overlaps(start, end) for o in p.offices)]
            if len(holders) == 1:
                person.person, person.how = holders[0], "surname"
        if person.person is None and len(key) >= 5 and person.text[:1].isupper():
            # "Shmigal" for Shmyhal, "Besent" for Bessent: the one office holder of the time whose surname sounds
            # the same
            sound = sound_key(key)
            alike = {id(p): p for surname, group in res.surnames_in_office(start, end)
                     if fuzz.ratio(sound, sound_key(surname)) >= 88 for p in group}
            if len(alike) == 1:
                person.person, person.how = next(iter(alike.values())), "surname-sound"


def _best_exact(found: list[Person], person: _Person, published: str | None) -> Person:
    if len(found) == 1:
        return found[0]
    day = dt.date.fromisoformat(published) if published else None

    def score(p: Person) -> tuple[int, int]:
        fits_office = any(o.office == person.office for o in p.offices)
        fits_day = day is not None and any(o.held_on(day) for o in p.offices)
        return int(fits_office), int(fits_day)

    return max(found, key=score)


def _time_window(people: list[_Person], published: str | None) -> tuple[dt.date, dt.date]:
    """The span of time the article speaks of: its date, or when its titled people all held office."""
    if published:
        day = dt.date.fromisoformat(published)
        return day - dt.timedelta(days=45), day
    start, end = EARLIEST, dt.date.max  # no clock: an undated article is placed by its office holders alone
    for person in people:
        if person.person is None or person.office in (None, "counterpart") or person.former:
            continue
        terms = [o for o in person.person.offices if o.office == person.office
                 and (person.party is None or o.party == person.party)]
        if not terms:
            continue
        first = min(o.start for o in terms)
        last = max(o.end or dt.date.max for o in terms)
        if first <= end and start <= last:
            start, end = max(start, first), min(end, last)
    return start, end


def _fuzzy(person: _Person, res: EntityResources, start: dt.date, end: dt.date) -> tuple[Person | None, str]:
    """A misspelled name's person: lenient among the holders of a stated office, strict otherwise."""
    kb = res.kb
    name = _strip_suffix(fold(person.text))
    if person.office and not person.former:
        holders = kb.office_holders(person.office, person.party, start, end)
        best, best_score = None, 0.0
        for holder in holders:
            forms = [_strip_suffix(fold(f)) for f in (holder.name, *holder.aliases)]
            if person.party is None:
                # no nationality to narrow the holders: both given and family name must look alike
                # ("Shehbaz Sharif" is not "Ishiba Shigeru", nor "Lars Holm" "Olaf Scholz", though all lead
                # governments)
                forms = [f for f in forms if _parts_agree(name, f) and _similarity(name, f) >= 70]
            score = max((_similarity(name, f) for f in forms), default=0.0)
            if score > best_score:
                best, best_score = holder, score
        if best is not None and best_score >= 55:
            return best, "fuzzy-office"
    hit = process.extractOne(name, res.person_names, scorer=_similarity, score_cutoff=85)
    if hit is not None:
        candidate = res.person_index[hit[2]]
        fits_party = person.party is None or candidate.party == person.party
        fits_time = not candidate.offices or any(o.overlaps(start - dt.timedelta(days=3650), end)
                                                 for o in candidate.offices)
        if fits_party and fits_time:
            return candidate, "fuzzy"
    korean = korean_key(name.replace("-", " ") if " " in name else name)
    if korean is not None and person.party in (None, "KOR", "PRK"):
        # one Korean name in another romanisation: the whole name must agree, and the person be of the time
        alike = {id(p): p for p in res.korean_names.get(korean, ())
                 if not p.offices or any(o.overlaps(start - dt.timedelta(days=3650), end) for o in p.offices)}
        if len(alike) == 1:
            return next(iter(alike.values())), "romanisation"
    return None, ""


def _parts_agree(a: str, b: str) -> bool:
    """Each word of a two-part name resembles the word in the same place of the other."""
    x, y = a.replace("-", " ").split(), b.replace("-", " ").split()
    if len(x) < 2 or len(y) < 2:
        return True
    # (the family name a little more strictly: "Mohammed Shia al-Sudani" is not "Mohammed bin Salman")
    return name_similarity(x[0], y[0]) >= 50 and name_similarity(x[-1], y[-1]) >= 65


def _similarity(a: str, b: str, **_: Any) -> float:
    return name_similarity(a, b)


def _strip_suffix(name: str) -> str:
    words = name.split()
    return " ".join(w for w in words if w not in _SUFFIXES) or name

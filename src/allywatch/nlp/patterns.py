"""Events by surface patterns: the default event engine until the grammar-based one (``allywatch.nlp.events``)
scores as well on every corpus; ``events = "syntax"`` in the settings selects that one.

The rules describe English news style, not particular articles:

- a sentence is cut into clauses at subordinating words ("as", "amid",
  "while", ";"), and each clause is read for trigger phrases of the eleven
  event types (``TRIGGERS``); generic verbs ("develop", "produce", "build")
  count as joint work only with a sign of jointness ("jointly", "with
  Italy", "joint venture");
- participants are the parties named in the clause and in the sentence's
  leading clause (its subject), minus parties named as a threat, a target of
  deterrence or a source ("according to NATO"); a clause that speaks of
  "they" or "the two" takes its parties from the sentences before it;
- direction comes from the verb's class and the prepositions around each
  party: buyers buy *from* suppliers, sellers ship *to* recipients, a
  maker's adjective ("U.S. Tomahawk", "Japanese-made") marks the supplier;
- status is read from the cue nearest the trigger (``STATUS_CUES``);
- the most specific type wins: an "agreement" is reported only when no more
  specific type is stated in the same clause;
- an event stated twice in one article is reported once with both sentences.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import pairwise

from allywatch.ingest.dateline import parse_dateline
from allywatch.model import Amount, Event, Extraction, Mention, Span
from allywatch.nlp.events import _direct_speech, _Index
from allywatch.nlp.quotes import quote_spans

EQUIPMENT = (r"missiles?|jets?|fighters?|aircraft|planes?|frigates?|ships?|warships?|vessels?|submarines?|tanks?|"
             r"vehicles?|howitzers?|radars?|systems?|weapons?|arms|drones?|helicopters?|interceptors?|munitions?|"
             r"ammunition|artillery|rockets?|equipment|destroyers?|corvettes?|masts?|launchers?|rifles?|guns?|"
             r"shells?|torpedoes|satellites?|engines?|batteries|hardware|platforms?|boats?|cruisers?|carriers?")
_EQUIPMENT = re.compile(r"\b(?:" + EQUIPMENT + r")\b", re.IGNORECASE)
_JOINT = re.compile(r"\b(?:joint(?:ly)?|together|co-\w+|partnership|collaborat\w*|cooperat\w*|venture|alongside|"
                    r"in tandem|combined|treaty|pact|memorandum|bilateral|trilateral)\b", re.IGNORECASE)

#: type -> (explicit trigger pattern, generic pattern needing a sign of jointness or None)
TRIGGERS: dict[str, tuple[str, str | None]] = {
    "co_development": (
        r"co-?develop\w*|joint(?:ly)?\s+(?:research\s+and\s+)?develop\w*|joint(?:ly)?\s+research\w*|co-?design\w*|"
        r"collaborat\w+\s+(?:\w+\s+){0,6}?on\s+"
        r"(?:a|an|the)\s+(?:\w+[- ]){0,3}(?:fighter|jet|missile|aircraft|frigate|tank|vehicle|system)",
        r"develop\w*|research\s+and\s+development|design\w*"),
    "co_production": (
        r"co-?produc\w*|joint(?:ly)?\s+produc\w*|joint\s+(?:development\s+and\s+)?production|"
        r"licen[cs]ed?\s+production|produc\w+\s+under\s+licen[cs]e|built\s+under\s+licen[cs]e|"
        r"local\s+production|produced\s+locally|assembled\s+locally|locally\s+(?:built|produced|assembled)|"
        r"technology\s+transfer|transfer\s+of\s+technology|joint\s+venture|production\s+line|"
        r"joint(?:ly)?\s+(?:ship)?build\w*",
        r"produc\w+|manufactur\w+|build(?:s|ing)?|built|assembl\w+"),
    "arms_transfer": (
        r"buy(?:s|ing)?|bought|purchas\w*|acquir\w*|acquisition|procure\w*|procurement|sell(?:s|ing)?|sold|"
        r"sales?|export(?:s|ed|ing)?|import(?:s|ed|ing)?|suppl(?:ies|ied|ying)|(?<!supply\s)supply(?!\s+chain)|"
        r"deliver\w*|shipped|shipping|shipment|(?:to|will|would|can|could|may)\s+ship|"
        r"transfer(?:s|red|ring)?|donat\w+|leas(?:e|es|ed|ing)|order(?:s|ed)?|contract|deal|"
        r"(?:picked|selected|chosen|chose|picks|selects|choose)|send(?:s|ing)?|sent|provid\w+|"
        r"hand(?:ed)?\s+over|replenish\w*|restock\w*|named",
        None),
    "supply_chain": (
        r"supply\s+chains?|critical\s+minerals?|rare\s+earths?|stockpil\w+|industrial\s+base|raw\s+materials",
        None),
    "maintenance": (r"repair\w*|maintenance|overhaul\w*|MRO|sustainment|servicing", None),
    "export_control": (
        r"export\s+(?:controls?|rules|guidelines|curbs|restrictions|bans?|licen[cs]\w*|regime|regulations)|"
        r"(?:ban|bans|banned|banning|restrict\w*|curb\w*|tighten\w*|loosen\w*|relax\w*|eas(?:e|ed|es|ing)|"
        r"limit\w*|halt\w*|block\w*|suspend\w*)\s+(?:\w+\s+){0,4}?exports?|"
        r"exports?\s+(?:\w+\s+){0,3}?(?:bans?|curbs|controls?|restrictions|licen[cs]\w*)|"
        r"under\s+export\s+controls?|three\s+principles|entity\s+list|trade\s+restriction\s+list|"
        r"white\s*list\"?\s+of\s+(?:\w+\s+){0,2}(?:trading\s+)?partners|"
        r"dual-use\s+(?:\w+\s+){0,3}exports?|"
        r"(?:restrictions|curbs|controls)\s+on\s+(?:[\w'’]+\s+){0,3}?(?:exports?|sales|chips?|semiconductor\w*|"
        r"technolog\w+|chipmaking)",
        None),
    "defense_spending": (
        r"defen[cs]e\s+(?:budget|spending|expenditures?|outlays)|military\s+(?:spending|budget|build-?up|expenditures?)"
        r"|spending\s+on\s+defen[cs]e|(?:percent|%)\s+of\s+(?:GDP|gross\s+domestic\s+product)|"
        r"spend\w*\s+(?:\S+\s+){0,6}?on\s+(?:defen[cs]e|the\s+military|arms|weapons)",
        None),
    "meeting": (
        r"talks|summit|meeting|meet|met|meets|visit(?:s|ed|ing)?|dialogue|2\+2|courtesy\s+call|hosted|"
        r"gather(?:ing|ed)?|consultations|held\s+(?:a\s+)?(?:call|phone\s+call)",
        None),
    "agreement": (
        r"agreement|pact|memorandum|MoU|MOU|treaty|framework|accord|partnership|arrangement",
        None),
    "exercise": (r"exercises?|drills?|joint\s+training|war\s*games|manoeuvres|maneuvers|joint\s+(?:patrols?|sails?)|"
                 r"train(?:ing)?\s+(?:\w+\s+){0,3}(?:together|jointly)", None),
    "force_posture": (
        r"deploy\w*|basing|bases|military\s+presence|presence|command\s+structure|command\s+and\s+control|"
        r"station(?:s|ed|ing)?|rotational|rotations?|garrison\w*|combined\s+fleet|interoperability|"
        r"(?:each\s+other's|one\s+another's)\s+(?:territory|soil)",
        None),
}
_TRIGGER_RE = {t: (re.compile(r"\b(?:" + explicit + r")\b", re.IGNORECASE),
                   re.compile(r"\b(?:" + generic + r")\b", re.IGNORECASE) if generic else None)
               for t, (explicit, generic) in TRIGGERS.items()}
#: The more specific types; "agreement" yields to any of them in the same clause.
SPECIFIC = ("co_development", "co_production", "arms_transfer", "supply_chain", "maintenance", "export_control",
            "defense_spending", "exercise", "force_posture")
DIRECTED = {"arms_transfer": ("supplier", "recipient"), "maintenance": ("provider", "owner"),
            "export_control": ("actor", "target")}

STATUS_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("proposed", re.compile(r"\b(?:should|could|propos\w*|consider\w*|seek\w*|sought|hopes?|hoped|hoping|wants?|wanted|"
                            r"calls?\s+for|called\s+for|urg\w+|explor\w+|looking\s+to|desire|push(?:es|ed)?\s+for|"
                            r"negotiat\w+|in\s+talks|offer(?:s|ed|ing)?|stud(?:y|ies|ying)|feasibility|"
                            r"mull\w*|may|might|eye\w*|keen)\b", re.IGNORECASE)),
    ("planned", re.compile(r"\b(?:will|would|'ll|shall|plans?|planned|planning|to\s+be|is\s+to|are\s+to|set\s+to|"
                           r"scheduled|expected|expects|upcoming|next|intends?|prepar\w+|due\s+to|tentative|"
                           r"forthcoming|going\s+to|future|aims?\s+to|aiming|ahead\s+of)\b", re.IGNORECASE)),
    ("agreed", re.compile(r"\b(?:agreed?|agrees|signed|signs|sign|signing|decided|decides|pledged?|pledges|approved?|"
                          r"approves|committed|commits|sealed|seals|concluded|clinched|awarded|selected|selects|"
                          r"picked|picks|chose|chosen|chooses|ordered|orders|finali[sz]ed|inked|struck|reached|"
                          r"confirmed|affirmed|endorsed|adopted|allocated|approval|cleared|clears|decision)\b",
                          re.IGNORECASE)),
    ("ongoing", re.compile(r"\b(?:is|are|am|'s|'re)\s+(?:(?:also|already|now|still|currently|\w+ly)\s+)?"
                           r"(?!considering|seeking|hoping|planning|preparing|looking|negotiating|exploring|weighing|"
                           r"going|set|expected|due|about)[\w-]+ing\b|\bbegan\b|\bbegun\b|\bstarted\b|\bkicked\s+off\b|"
                           r"\bunder\s*way\b|\bongoing\b|"
                           r"\bcontinu\w+\b|\bcurrently\b|\balready\b|\bin\s+progress\b", re.IGNORECASE)),
    ("completed", re.compile(r"\b(?:delivered|held|met|completed|purchased|acquired|bought|relaxed|loosened|eased|"
                             r"tightened|banned|imposed|placed|announced|handed\s+over|shipped|received|hosted|"
                             r"visited|revised|added|launched|conducted|carried\s+out|supplied|sold|exported|"
                             r"deployed|took\s+place|contributed|transferred|introduced|expanded|gathered|"
                             r"restricted|curbed|halted|blocked|suspended|limited)\b|\bafter\s+\w+ing\b|"
                             r"\bafter\s+(?:the\s+|their\s+|a\s+)?(?:talks|meeting|summit|visit|call)\b",
                             re.IGNORECASE)),
]
DEFAULT_STATUS = {"meeting": "completed", "export_control": "completed"}
#: Joint work stated without any cue is usually an intention ("pursuing joint production").
TENTATIVE = frozenset({"co_development", "co_production", "supply_chain", "exercise", "force_posture"})

_CLAUSE = re.compile(r"(?:,\s+|\s+)(?:as|amid|while|whereas|because|although|though|despite|but|after|before)\s+|"
                     r";\s+|"
                     r",\s+(?:which|who|where|and)\s+|\s+\u2014\s+|\s+-\s+|,\s+(?=[a-z]+ing\s)|"
                     r"\s+(?:in\s+order\s+)?to\s+(?=(?:help|replace|replenish|support|counter)\b)", re.IGNORECASE)
_EXCLUDE_BEFORE = re.compile(r"\b(?:threats?|against|counter(?:ing)?|deter(?:ring)?|pressure\s+from|aggression|"
                             r"war\s+(?:in|on|against|with)|attacks?\s+on|"
                             r"invasion\s+of|according\s+to|rivals?|adversar\w+|assertive|such\s+as|"
                             r"reliance\s+on|lessen\s+reliance\s+on|dependence\s+on|flight\s+tested\s+by|"
                             r"from\s+countries|beat(?:ing)?|outbid\w*|"
                             r"hunt(?:ing)?|track(?:ing)?|like|contest|competition|competing|bidding)"
                             r"\s+(?:[\w'’.-]+\s+){0,3}$", re.IGNORECASE)
_EXCLUDE_AFTER = re.compile(r"^(?:'s|’s)?\s+(?:invasion|aggression|attacks?|threats?|pressure|coercion|"
                            r"increases?\s+pressure|allies|ally|partners?|rivals?|version|variant|model|market|"
                            r"language|standards?)\b", re.IGNORECASE)
_NEUTRAL_DEAL = re.compile(r"deal|contract|order|agreement", re.IGNORECASE)
_PASSED_OVER = re.compile(r"\b(?:over|rather\s+than|instead\s+of|ahead\s+of)\s+(?:[\w'’.-]+\s+){0,3}$",
                          re.IGNORECASE)
_CHOICE = re.compile(r"\b(?:pick\w*|select\w*|chose|chosen|choos\w*|prefer\w*|won|wins|winner|beat|opted|"
                     r"decision|choice|favou?r\w*)\b", re.IGNORECASE)
_PRECEDENT = re.compile(r",\s+after\s+(?:[\w'’.-]+\s+){0,3}$", re.IGNORECASE)
_RANKING = re.compile(r"\b(?:first|second|third|fourth|fifth|latest|only)\s+(?:\w+\s+)?(?:country|nation|state|"
                      r"partner|ally)\b", re.IGNORECASE)
_PERCENT = re.compile(r"\b\d+(?:\.\d+)?\s*(?:%|per\s*cent|percent)", re.IGNORECASE)
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4}
_CRITIC = re.compile(r"^(?:['’]s(?:\s+[a-z-]+){1,3})?\s+(?:has\s+|have\s+|had\s+)?(?:called|critici[sz]ed|condemned|"
                     r"denounced|slammed|protested|warned|accused|rejected|opposed|decried)\b", re.IGNORECASE)
_COLLECTIVE = re.compile(r"\b(?:they|both|the\s+(?:two|three|four)|the\s+allies|the\s+sides|each\s+other|"
                         r"one\s+another|counterparts?|the\s+ministers|the\s+leaders|their\s+leaders|the\s+partners|"
                         r"the\s+(?:countries|nations|governments))\b", re.IGNORECASE)
_BUY = re.compile(r"\b(?:buy\w*|bought|purchas\w*|acquir\w*|acquisition|procure\w*|procurement|import\w*|"
                  r"order\w*|named|picked|selected|chosen|chose|picks|selects|choose|choice|decision|receiv\w*|contract|deal|"
                  r"obtain\w*|lease\w*|replenish\w*|restock\w*)\b", re.IGNORECASE)
_FORCES_STRICT = re.compile(r"\b(?:troops|forces|military|soldiers|personnel|marines|units|bases|command|fleet|"
                            r"warships|navy|army)\b", re.IGNORECASE)
_SUBJECT_REFERENCE = re.compile(r"^\s*(?:[\w,'’-]+\s+){0,6}?(?:it|its|the\s+(?:government|cabinet|country|"
                                r"ministry|administration))\b", re.IGNORECASE)
_FINITE = re.compile(r"\b(?:is|are|was|were|am|be|been|have|has|had|will|would|can|could|shall|should|"
                     r"may|might|must|do|does|did)\b", re.IGNORECASE)
_WEAK_MEETING = re.compile(r"visit|dialogue|hosted|gather|consultations", re.IGNORECASE)
_RESTRICTIVE = re.compile(r"\b(?:ban\w*|curb\w*|restrict\w*|tighten\w*|controls?|block\w*|halt\w*|limit\w*|"
                          r"suspend\w*|prohibit\w*|embargo\w*|sanction\w*)\b", re.IGNORECASE)
_MAKER = re.compile(r"^(?:-made|-built|-designed|-developed|\s+made|-produced)", re.IGNORECASE)


@dataclass
class _Draft:
    type: str
    participants: set[str]
    roles: dict[str, str]
    status: str
    item: str
    sentence: Span
    trigger: str
    carried: bool = False
    explicit: bool = True
    named: bool = False
    program: str | None = None
    organizations: list[str] = field(default_factory=list)
    location: str | None = None
    amount: Amount | None = None
    date: str | None = None
    why: str = ""


def extract_events(extraction: Extraction) -> Extraction:
    """Fill ``events`` from the sentences, party mentions and entities of an extraction."""
    text = extraction.article.text
    # capitals named as places count only where grammar says so, which this engine cannot read
    mentions = sorted((m for m in extraction.party_mentions if m.source != "place"), key=lambda m: m.start)
    starts = [m.start for m in mentions]
    counts = Counter(m.label for m in mentions if not _excluded(text, m))
    context = _Context(text=text, extraction=extraction, quoted=[(q.start, q.end) for q in quote_spans(text)
                                                                 if _direct_speech(text, q.start, q.end)],
                       main_party=counts.most_common(1)[0][0] if counts else None, index=_Index(extraction))
    drafts: list[_Draft] = []
    previous: list[tuple[Span, set[str]]] = []
    for sentence in extraction.sentences:
        lo, hi = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
        in_sentence = [m for m in mentions[lo:hi] if m.end <= sentence.end]
        drafts.extend(_sentence_events(context, sentence, in_sentence, previous))
        parties = {m.label for m in in_sentence if not _excluded(text, m)}
        previous = [*previous, (sentence, parties)][-5:]
    return replace(extraction, events=tuple(_merge(drafts)))


@dataclass(frozen=True)
class _Context:
    text: str
    extraction: Extraction
    quoted: list[tuple[int, int]]
    main_party: str | None
    index: _Index

    def in_quote(self, at: int) -> bool:
        i = bisect_right(self.quoted, (at, len(self.text) + 1)) - 1  # quotations are sorted and do not overlap
        return i >= 0 and self.quoted[i][0] <= at < self.quoted[i][1]


def _sentence_events(context: _Context, sentence: Span, in_sentence: list[Mention],
                     previous: list[tuple[Span, set[str]]]) -> Iterable[_Draft]:
    text = context.text
    clauses = _clauses(sentence)
    subject_clause = clauses[0]
    spending = bool(_TRIGGER_RE["defense_spending"][0].search(sentence.text))
    for clause in clauses:
        clause_text = text[clause[0]:clause[1]]
        found: dict[str, list[tuple[re.Match[str], bool]]] = {}
        for kind, (explicit, generic) in _TRIGGER_RE.items():
            hits = [(m, True) for m in explicit.finditer(clause_text) if not context.in_quote(clause[0] + m.start())]
            if not hits and generic is not None:
                candidate = next((m for m in generic.finditer(clause_text)
                                  if not context.in_quote(clause[0] + m.start())), None)
                if candidate is not None and (_JOINT.search(clause_text) or _with_party(text, clause, in_sentence)):
                    hits = [(candidate, False)]
            hits = [(m, e and not (kind == "meeting" and _WEAK_MEETING.match(m.group())))
                    for m, e in hits if _trigger_applies(kind, clause_text, m, context, clause)
                    and (e or kind not in {"co_production", "co_development"}
                         or _EQUIPMENT.search(clause_text) or _program_parties(context, clause, any_owner=True))]
            if kind == "arms_transfer" and len(hits) > 1:
                hits = sorted(hits, key=lambda h: _distance_to_equipment(clause_text, h[0]))
            if hits:
                found[kind] = hits if kind == "meeting" else hits[:1]
        if spending and "defense_spending" not in found and not _amount_in(context, clause):
            share = _PERCENT.search(clause_text)
            if share is not None and not context.in_quote(clause[0] + share.start()):
                found["defense_spending"] = [(share, True)]  # "while Britain plans to reach 2.5% by 2027"
        if spending and "defense_spending" not in found:
            amount = _amount_in(context, clause)
            if amount is not None and not context.in_quote(amount.start):
                at = amount.start - clause[0]
                found["defense_spending"] = [(re.compile(re.escape(amount.text)).match(clause_text, at)
                                              or next(iter(_TRIGGER_RE["defense_spending"][0].finditer(sentence.text))),
                                              True)]
        if "arms_transfer" in found and "export_control" in found and _overlap(found["arms_transfer"][0][0],
                                                                               found["export_control"][0][0]):
            del found["arms_transfer"]  # "restrict exports of equipment" is the rule, not a shipment
        if "arms_transfer" in found and _NEUTRAL_DEAL.fullmatch(found["arms_transfer"][0][0].group()) and (
                any(k in found and found[k][0][1] for k in ("co_production", "co_development"))):
            del found["arms_transfer"]  # "jointly produce ... under a deal": the deal is the joint programme
        for joint, other in (("co_development", "co_production"), ("co_production", "co_development")):
            if joint in found and other in found and not found[joint][0][1] and found[other][0][1] and \
                    0 <= found[other][0][0].start() - found[joint][0][0].end() <= 25:
                del found[joint]  # "continue developing joint production": the verb governs the other trigger
        if "agreement" in found and any(k in found for k in SPECIFIC) and not _named(text, clause[0],
                                                                                     found["agreement"][0][0]):
            del found["agreement"]
        for kind, hits in found.items():
            for match, is_explicit in hits:
                draft = _draft(kind, match, context, sentence, clause, subject_clause, in_sentence, previous)
                if draft is not None:
                    draft.explicit = is_explicit
                    yield draft


def _distance_to_equipment(clause_text: str, trigger: re.Match[str]) -> int:
    found = _EQUIPMENT.search(clause_text, trigger.end())
    return found.start() - trigger.end() if found else 10_000


def _overlap(a: re.Match[str], b: re.Match[str]) -> bool:
    return a.start() < b.end() and b.start() < a.end()


def _named(text: str, offset: int, match: re.Match[str]) -> bool:
    """A titled agreement ("Reciprocal Access Agreement"), not a generic one ("the agreement")."""
    before = text[max(0, offset + match.start() - 30):offset + match.start()]
    return match.group()[:1].isupper() and bool(re.search(r"[A-Z][\w-]+\s+$", before))


def _amount_in(context: _Context, clause: tuple[int, int]) -> Amount | None:
    found = context.index.amounts_in(*clause)
    return found[0] if found else None


def _trigger_applies(kind: str, clause_text: str, match: re.Match[str], context: _Context,
                     clause: tuple[int, int]) -> bool:
    """Type-specific sanity: a transfer needs equipment, a supply chain needs cooperation, and so on."""
    if kind == "arms_transfer":
        # the equipment is the trigger's object (after it) or, in the passive, its subject (just before it)
        low, high = max(0, match.start() - 40), min(len(clause_text), match.end() + 80)
        at_low, at_high = clause[0] + low, clause[0] + high
        programs = [e for _, e in context.index.entities_in(at_low, at_high) if e.type == "program"]
        if not (_EQUIPMENT.search(clause_text, low, high) or programs):
            return False
    if kind == "supply_chain" and not (_JOINT.search(clause_text) or re.search(
            r"\b(?:strengthen\w*|secur\w+|build\w*|diversif\w+|resilien\w+|framework|agreement|pact|deal|sign\w*)\b",
            clause_text, re.IGNORECASE)):
        return False
    if kind == "meeting" and match.group().lower() in {"met", "meets", "meeting"}:
        after = clause_text[match.end():match.end() + 20].lower()
        if after.startswith((" the needs", " its needs", " demand", " requirements", " targets")):
            return False
    if kind == "export_control" and re.search(r"\b(?:talks|dialogue|discussions|consultations)\s+(?:on|about)\s+$",
                                              clause_text[max(0, match.start() - 30):match.start()], re.IGNORECASE):
        return False  # talks about export controls are a meeting, not a change of the rules
    if kind == "force_posture" and not _FORCES_STRICT.search(clause_text):
        return False
    if kind == "maintenance" and not (_EQUIPMENT.search(clause_text) or re.search(r"\bfacilit", clause_text)):
        return False
    return not (kind == "defense_spending" and re.match(r"military\s+build", match.group(), re.IGNORECASE)
                and not (_amount_in(context, clause) or re.search(r"\b(?:pledg\w+|doubl\w+|spend\w*|budget)\b",
                                                                    clause_text, re.IGNORECASE)))


def _draft(kind: str, match: re.Match[str], context: _Context, sentence: Span, clause: tuple[int, int],
           subject_clause: tuple[int, int], in_sentence: list[Mention],
           previous: list[tuple[Span, set[str]]]) -> _Draft | None:
    text, extraction = context.text, context.extraction
    trigger_at = clause[0] + match.start()
    usable = [m for m in in_sentence if not _excluded(text, m)]
    in_clause = [m for m in usable if clause[0] <= m.start < clause[1]]
    in_subject = [m for m in usable if subject_clause[0] <= m.start < subject_clause[1]]
    carried = False
    if kind == "defense_spending":
        owner = _spender(in_clause or in_subject, trigger_at) or _carried_single(previous, context)
        if owner is None:
            return None
        parties, local, carried = {owner}, in_clause, not (in_clause or in_subject)
    elif kind == "export_control":
        local = in_clause + [m for m in in_subject if m not in in_clause]
        before = [m for m in local if m.start < trigger_at and not _after_preposition(text, m, clause)
                  and m.source != "company"]  # firms are the targets of export rules, not their authors
        possessors = [m for m in before if re.fullmatch(r"['’]s(?:\s+[\w-]+){0,2}\s+", text[m.end:trigger_at])]
        actor = possessors[-1].label if possessors else (before[0].label if before else None)  # "Japan's curbs"
        if actor is None and _SUBJECT_REFERENCE.match(text[sentence.start:trigger_at]):
            actor = context.main_party
        if actor is None:
            return None
        restrictive = _RESTRICTIVE.search(text[max(clause[0], trigger_at - 30):trigger_at + len(match.group()) + 10])
        targets = [m.label for m in in_clause if trigger_at - 40 < m.start < trigger_at + 120 and m.label != actor
                   and _after_preposition(text, m, clause, {"to", "against", "on", "targeting", "toward"})
                   ] if restrictive else []
        parties = {actor, *targets[:1]}
        roles = {"actor": actor, **({"target": targets[0]} if targets else {})}
        return _finish_draft(kind, match, context, sentence, clause, parties, roles, False)
    else:
        local = in_clause + [m for m in in_subject if m not in in_clause and m.source != "company"]
        if kind == "meeting":
            local = [m for m in local if m.source != "company"]  # firms' talks are not talks between states
            window_end = _phrase_end(text, trigger_at + len(match.group()), clause[1])
            local = [m for m in local if m.start < trigger_at or m.start < window_end]
        parties = {m.label for m in local}
        if kind in {"co_development", "co_production"} and _with_party(text, clause, in_sentence) and \
                not any(m.start < trigger_at and not _after_preposition(text, m, clause, {"with"}) for m in local) \
                and context.main_party:
            parties.add(context.main_party)  # "a missile it builds jointly with Spain": "it" is the main party
        if len(parties) == 1 and kind == "arms_transfer":
            makers = _program_parties(context, clause) - parties
            if len(makers) == 1:  # "Thailand selected the Gripen": the maker's state supplies
                parties |= makers
        if len(parties) == 1 and kind in {"force_posture", "exercise"}:
            hosts = _place_parties(context, clause) - parties
            if len(hosts) == 1:  # "rotations of its submarines through HMAS Stirling": the host takes part
                parties |= hosts
        if len(parties) < 2:
            clause_text = text[clause[0]:clause[1]]
            subject_text = text[subject_clause[0]:subject_clause[1]]
            collective = _COLLECTIVE.search(clause_text) or _COLLECTIVE.search(subject_text)
            if collective or parties:
                counted = _NUMBER_WORDS.get(collective.group().split()[-1].lower()) if collective else None
                recent = previous[-2:] if not counted else previous
                for _, before_parties in reversed(recent):
                    if counted and len(before_parties | parties) != counted:
                        continue  # "the three countries": the last sentence that named three
                    if len(before_parties | parties) >= 2 and (len(before_parties) >= 2 or parties):
                        parties |= before_parties
                        carried = True
                        break
        if len(parties) < 2:
            return None
        if kind == "arms_transfer" and not _BUY.match(match.group()) and re.search(
                r"\b(?:jointly|together|joint)\s+(?:\w+\s+)?$", text[max(clause[0], trigger_at - 25):trigger_at],
                re.IGNORECASE):
            return None  # "jointly export jets to third countries": both sell, neither buys from the other
        if kind == "arms_transfer" and local and all(
                _after_preposition(text, m, clause, {"with"}) for m in local if m.start > trigger_at) and not any(
                m.start < trigger_at for m in local):
            return None  # "sales of a jet it co-develops with Britain and Italy": partners, not buyers
    roles = _roles(kind, text, clause, local, trigger_at, parties, extraction)
    if kind in DIRECTED:
        first, second = DIRECTED[kind]
        incomplete = not roles.get(first) or not roles.get(second) or roles[first] == roles[second]
        if incomplete and len(parties) != 2:
            return None
    return _finish_draft(kind, match, context, sentence, clause, parties, roles, carried)


def _finish_draft(kind: str, match: re.Match[str], context: _Context, sentence: Span, clause: tuple[int, int],
                  parties: set[str], roles: dict[str, str], carried: bool) -> _Draft:
    text = context.text
    status = _status(kind, text, clause, sentence, match)
    item = _item(kind, text, clause[0] + match.start(), clause[1])
    draft = _Draft(type=kind, participants=parties, roles=roles, status=status, item=item, sentence=sentence,
                   trigger=match.group(), carried=carried, named=_named(text, clause[0], match))
    _attach(draft, context, sentence)
    draft.why = (f"trigger '{match.group()}'; parties {sorted(parties)}"
                 + (" (carried from before)" if carried else "") + f"; status {status}")
    return draft


def _phrase_end(text: str, start: int, end: int) -> int:
    """Where the phrase after a trigger ends: at the next coordinated noun phrase or clause break."""
    stop = re.compile(r",|\s+and\s+(?:a|an|the)\s|\s+followed\s+by\s|\s+before\s|\s+then\s", re.IGNORECASE)
    found = stop.search(text, start, end)
    return found.start() if found else end


def _spender(mentions: list[Mention], at: int) -> str | None:
    """Whose budget: the party named nearest before the trigger (or the amount), else the first after it."""
    if not mentions:
        return None
    return _nearest(mentions, at).label


def _carried_single(previous: list[tuple[Span, set[str]]], context: _Context) -> str | None:
    """A budget sentence without a party ("The plan also lifts spending sharply") is the
    previous sentence's party when it names one, else the article's main party."""
    for _, parties in reversed(previous):
        if len(parties) == 1:
            return next(iter(parties))
    return context.main_party


def _after_preposition(text: str, mention: Mention, clause: tuple[int, int],
                       words: set[str] | None = None) -> bool:
    """The mention follows one of ``words`` (default: any preposition that makes it an object), also as the
    second of a coordination ("with the U.K. and Italy")."""
    words = words or {"to", "for", "from", "by", "with", "on", "against", "into", "toward", "towards", "of"}
    end = mention.start
    for _ in range(3):
        prefix = re.findall(r"[a-z]+|[A-Z][\w.'’-]*", text[max(clause[0], end - 40):end])
        lowered = [w.lower() for w in prefix]
        while lowered and lowered[-1] == "the":
            lowered.pop()
            prefix.pop()
        if not lowered:
            return False
        if lowered[-1] in words:
            return True
        if lowered[-1] not in {"and", "or"} or len(prefix) < 2 or not prefix[-2][:1].isupper():
            return False
        # step back over the conjunction and the coordinated name before it
        conj_at = text.rfind(prefix[-1], max(clause[0], end - 40), end)
        name_at = text.rfind(prefix[-2], max(clause[0], end - 60), conj_at)
        while name_at > clause[0] and text[name_at - 1] not in " \n":
            name_at -= 1
        end = name_at
    return False


def _roles(kind: str, text: str, clause: tuple[int, int], local: list[Mention], trigger_at: int,
           parties: set[str], extraction: Extraction) -> dict[str, str]:
    """Who supplies and who receives, who repairs whose, who controls exports to whom."""
    if kind not in DIRECTED:
        return {}
    before: list[str] = []
    after_from: list[str] = []
    after_to: list[str] = []
    makers: list[str] = []
    locative: list[str] = []
    withs: list[str] = []
    other: list[str] = []
    for m in sorted(local, key=lambda m: m.start):
        words = re.findall(r"[a-z]+", text[max(clause[0], m.start - 30):m.start].lower())
        if words and words[-1] == "the":
            words = words[:-1]
        prep = words[-1] if words else ""
        suffix = text[m.end:m.end + 12]
        if _MAKER.match(suffix):
            makers.append(m.label)
        elif prep in {"from", "by"}:
            after_from.append(m.label)
        elif prep in {"to", "for", "into"}:
            after_to.append(m.label)
        elif prep == "in":
            locative.append(m.label)
        elif prep == "with":
            withs.append(m.label)
        elif m.start < trigger_at:
            before.append(m.label)
        elif re.match(r"^(?:'s|’s)?\s+[A-Z0-9]", suffix) and _equipment_near(text, m.end):
            makers.append(m.label)
        else:
            other.append(m.label)
    if kind == "arms_transfer":
        sides = _market_sides(text, local)
        if sides is not None:
            return {"supplier": sides[0], "recipient": sides[1]}
        trigger_text = text[trigger_at:trigger_at + 30]
        buying = bool(_BUY.match(trigger_text)) or bool(re.match(r"(?:'s|’s)?\s+(?:decision|purchase|order|choice)",
                                                               text[trigger_at - 3:trigger_at + 12]))
        if buying:
            recipient = _first(before + after_to)
            supplier = _first([p for p in after_from + makers + withs + other + after_to if p != recipient])
            if after_from and after_from[0] in before:  # two states buying together from one's own industry
                supplier = after_from[0]
                recipient = _first([p for p in before if p != supplier])
        else:
            supplier = _first(before + makers + after_from)
            recipient = _first([p for p in after_to + withs + other + locative if p != supplier])
        if supplier is None or recipient is None:
            supplier, recipient = _other_side(parties, supplier, recipient)
        return {k: v for k, v in (("supplier", supplier), ("recipient", recipient)) if v}
    if kind == "maintenance":
        sides = _maintenance_sides(text, local)
        if sides is not None:
            return {"provider": sides[0], "owner": sides[1]}
        provider = _first(locative + before)
        owner = _first([p for p in makers + other + withs + after_to + after_from + before if p != provider])
        return {k: v for k, v in (("provider", provider), ("owner", owner)) if v}
    actor = _first(before + other + makers)
    target = _first([p for p in after_to + after_from + other if p != actor])
    return {k: v for k, v in (("actor", actor), ("target", target)) if v}


def _maintenance_sides(text: str, local: list[Mention]) -> tuple[str, str] | None:
    """Who repairs whose: the party whose equipment or forces are named ("a U.S. Navy destroyer") owns, the
    party of the yard or firm doing the work ("at a Mitsubishi Heavy Industries shipyard") provides."""
    owners = {m.label for m in local if m.source != "company" and (
        _EQUIPMENT.match(text, m.end + 1) or re.match(r"\s+(?:\w+\s+){0,2}(?:" + EQUIPMENT + r")\b",
                                                     text[m.end:m.end + 40], re.IGNORECASE))}
    providers = {m.label for m in local if m.source == "company"} - owners
    if len(owners) == 1 and len(providers) == 1:
        return next(iter(providers)), next(iter(owners))
    return None


def _market_sides(text: str, local: list[Mention]) -> tuple[str, str] | None:
    """Seller and buyer when one party appears only through a firm and the other only as a state or its
    agencies: defence firms sell, governments buy ("Poland signed a contract with South Korea's Hyundai
    Rotem"; "Canberra named Mitsubishi Heavy Industries' frigate the winner")."""
    firms: set[str] = set()
    governments: set[str] = set()
    ordered = sorted(local, key=lambda m: m.start)
    for i, m in enumerate(ordered):
        following = ordered[i + 1] if i + 1 < len(ordered) else None
        owns_firm = following is not None and following.source == "company" and following.label == m.label \
            and following.start - m.end <= 3
        (firms if m.source == "company" or owns_firm else governments).add(m.label)
    sellers, buyers = firms - governments, governments - firms
    if len(sellers) == 1 and len(buyers) == 1:
        return next(iter(sellers)), next(iter(buyers))
    return None


def _equipment_near(text: str, at: int) -> bool:
    return bool(_EQUIPMENT.search(text[at:at + 60]))


def _program_parties(context: _Context, clause: tuple[int, int], any_owner: bool = False) -> set[str]:
    """The states that own the programmes named in a clause (not those named after "over"); with
    ``any_owner``, a programme of no single state counts too (as a marker that one is named)."""
    return {e.party or "" for m, e in context.index.entities_in(*clause)
            if e.type == "program" and (e.party or any_owner) and not _excluded(context.text, m)}


def _place_parties(context: _Context, clause: tuple[int, int]) -> set[str]:
    """The states the places named in a clause belong to."""
    return {e.party for _, e in context.index.entities_in(*clause) if e.type == "location" and e.party}


def _other_side(parties: set[str], supplier: str | None, recipient: str | None) -> tuple[str | None, str | None]:
    """Fill a missing side of a two-party transfer with the other party."""
    remaining = sorted(parties - {supplier, recipient})
    if supplier is None and recipient is not None and len(remaining) == 1:
        supplier = remaining[0]
    elif recipient is None and supplier is not None and len(remaining) == 1:
        recipient = remaining[0]
    return supplier, recipient


def _first(items: list[str]) -> str | None:
    return items[0] if items else None


def _nearest(mentions: list[Mention], at: int) -> Mention:
    before = [m for m in mentions if m.start <= at]
    return before[-1] if before else min(mentions, key=lambda m: abs(m.start - at))


def _excluded(text: str, mention: Mention) -> bool:
    """A party named as a threat, a target of deterrence, a source, a critic or a precedent ("the third
    country to sign such a pact, after Australia and Britain") is not a participant."""
    before = text[max(0, mention.start - 40):mention.start]
    after = text[mention.end:mention.end + 50]
    if _EXCLUDE_BEFORE.search(before) or _EXCLUDE_AFTER.match(after) or _CRITIC.match(after):
        return True
    if _PASSED_OVER.search(before):  # "picked Japan's design over Germany's": only after a choice
        line_start = text.rfind("\n", 0, mention.start) + 1
        return bool(_CHOICE.search(text[line_start:mention.start]))
    if _PRECEDENT.search(before):
        line_start = text.rfind("\n", 0, mention.start) + 1
        return bool(_RANKING.search(text[line_start:mention.start]))
    return False


def _with_party(text: str, clause: tuple[int, int], mentions: list[Mention]) -> bool:
    return any(clause[0] <= m.start < clause[1] and re.search(r"\bwith\s+(?:the\s+)?(?:\w+\s+){0,2}$",
                                                              text[max(clause[0], m.start - 25):m.start])
               for m in mentions)


def _clauses(sentence: Span) -> list[tuple[int, int]]:
    """The clauses of a sentence; a leading dateline ("BERLIN, Feb. 3 (Reuters) —") is not one."""
    dateline = parse_dateline(sentence.text)
    skip = dateline.length if dateline else 0
    cuts = [sentence.start + skip]
    for match in _CLAUSE.finditer(sentence.text, skip):
        cuts.append(sentence.start + match.start())
    cuts.append(sentence.end)
    return [(a, b) for a, b in pairwise(cuts) if b > a]


def _status(kind: str, text: str, clause: tuple[int, int], sentence: Span, trigger: re.Match[str]) -> str:
    """The status cue nearest the trigger, preferring the verb that governs it.

    An agreement cue that comes before a future one is the act reported ("signed a deal under which the
    navy will buy"); a policy that was approved or announced has changed ("announced it would tighten").
    """
    clause_text = text[clause[0]:clause[1]]
    at = trigger.start()
    best: tuple[int, str] | None = None
    best_at: int | None = None
    earliest: tuple[int, str] | None = None
    for status, pattern in STATUS_CUES:
        for cue in pattern.finditer(clause_text):
            if cue.start() > trigger.end() + 40:
                continue
            distance = at - cue.end() if cue.start() <= at else (cue.start() - trigger.end()) + 60
            if cue.start() <= at < cue.end() or trigger.start() <= cue.start() < trigger.end():
                distance = -1 if status in {"completed", "agreed", "ongoing"} else 0
            if best is None or distance < best[0]:
                best = (max(distance, -1), status)
                best_at = cue.start()
            if cue.start() < at and (earliest is None or cue.start() < earliest[0]):
                earliest = (cue.start(), status)
    if best is None:
        lead = text[sentence.start:clause[0]]
        cues = [(cue.end(), status) for status, pattern in STATUS_CUES for cue in pattern.finditer(lead)]
        if cues:
            return _by_type(kind, max(cues)[1], lead)
        return DEFAULT_STATUS.get(kind, "planned" if kind in TENTATIVE else "agreed")
    status = best[1]
    if status == "planned" and earliest is not None and earliest[1] == "agreed":
        status = "agreed"
    elif status == "agreed" and best_at is not None:
        # "expected to sign", "hopes to agree": the intention governs the agreement
        lead = clause_text[max(0, best_at - 25):best_at]
        for intent in ("proposed", "planned"):
            if dict(STATUS_CUES)[intent].search(lead):
                status = intent
                break
    return _by_type(kind, status, clause_text[:max(at, 0)])


def _by_type(kind: str, status: str, before: str) -> str:
    if kind == "defense_spending" and status in {"completed", "ongoing"}:
        return "agreed"
    if kind == "meeting" and status == "agreed":
        return "completed"  # a meeting is held, and what it agreed is another event
    if kind == "export_control" and (status == "agreed" or re.search(r"\bannounc\w+", before, re.IGNORECASE)):
        return "completed"
    return status


_ITEM_STOP = re.compile(r"\s+(?:to|from|with|for|by|at|in|on|that|which|who|after|before|as|while|under|amid|"
                        r"worth|said|says|over|through|between|since|until)\s|[,;:()\u2014]", re.IGNORECASE)
_MEETING_STOP = re.compile(r"\s+(?:to|from|for|by|that|which|who|after|before|as|while|under|amid|said|says|"
                           r"since|until|followed|will|would|is|are|was|were)\s|[,;:()\u2014]", re.IGNORECASE)
_ITEM_KINDS = {"arms_transfer", "co_development", "co_production", "maintenance"}
_LEAD_WORDS = re.compile(r"^(?:the|a|an|its|their|his|her|of|to|more|some|new|both|all|also|jointly|joint|"
                         r"and|will|would|has|have|had|been|be)$", re.IGNORECASE)


def _item(kind: str, text: str, start: int, end: int) -> str:
    """What the event is about, as written: the equipment phrase for transfers and joint work ("400 U.S.
    Tomahawk long-range cruise missiles"), else the trigger's own phrase ("talks with Biden at the White
    House" stops at "with": "talks")."""
    if kind in _ITEM_KINDS:
        equipment = _EQUIPMENT.search(text, start, end)
        if equipment is not None:
            words = text[start:equipment.start()].split()[1:][-7:]
            while words and (_LEAD_WORDS.match(words[0]) or words[0].endswith((",", "ed"))):
                words = words[1:]
            return " ".join([*words, equipment.group()]).strip(".,;:\"'")
    while True:  # a title before the trigger belongs to it ("Reciprocal Access Agreement")
        before = re.search(r"([A-Z][\w+'’-]*)\s+$", text[max(0, start - 40):start])
        if not before or start - len(before.group()) < 0:
            break
        start -= len(before.group())
    stops = _MEETING_STOP if kind in {"meeting", "agreement"} else _ITEM_STOP
    stop = stops.search(text, start + 1, end)
    words = text[start:stop.start() if stop else end].split()[:12]
    return " ".join(words).rstrip(".,;:\"'")


def _attach(draft: _Draft, context: _Context, sentence: Span) -> None:
    """Programme, organisations, place, money and date stated in the same sentence."""
    for _, entity in context.index.entities_in(sentence.start, sentence.end):
        if entity.type == "program" and draft.program is None:
            draft.program = entity.name
        elif entity.type == "org" and entity.name not in {"European Union", "NATO", *draft.organizations}:
            draft.organizations.append(entity.name)
        elif entity.type == "location" and draft.location is None:
            draft.location = entity.name
    amounts = context.index.amounts_in(sentence.start, sentence.end)
    if amounts:
        draft.amount = amounts[0]
    dates = context.index.dates_in(sentence.start, sentence.end)
    if dates:
        draft.date = dates[0].value


def _merge(drafts: list[_Draft]) -> list[Event]:
    """One event per type, participants and direction in an article, with every sentence that states it.

    Two readings of one transfer in opposite directions (about the same programme, or one without any)
    are one event with the more frequent direction; transfers of different programmes stay apart.
    """
    grouped: dict[tuple[str, tuple[str, ...], tuple[tuple[str, str], ...]], list[_Draft]] = {}
    for draft in drafts:
        grouped.setdefault((draft.type, tuple(sorted(draft.participants)), tuple(sorted(draft.roles.items()))),
                           []).append(draft)
    for key in sorted(grouped, key=lambda k: -len(grouped.get(k, []))):
        if key not in grouped or key[0] not in {"arms_transfer", "maintenance"}:
            continue
        for other in list(grouped):
            if other == key or other[:2] != key[:2] or other not in grouped:
                continue
            mine = {d.program for d in grouped[key]} - {None}
            theirs = {d.program for d in grouped[other]} - {None}
            if not mine or not theirs or mine & theirs:
                grouped[key].extend(grouped.pop(other))
    # an agreement is the same act as a concluded transfer or joint programme between the same parties
    industrial = {(participants, d.sentence.start) for (kind, participants, _), group in grouped.items()
                  if kind in {"co_development", "co_production", "arms_transfer", "supply_chain", "maintenance"}
                  for d in group if d.status in {"agreed", "ongoing", "completed"}}
    events = []
    for (kind, participants, _), group in grouped.items():
        if kind == "agreement":  # an agreement stated with a transfer or joint programme is that event
            industrial_here = {p for p, _ in industrial}
            group = [d for d in group if (participants, d.sentence.start) not in industrial
                     and (d.named or participants not in industrial_here)]
            if not group:
                continue
        first = max(group, key=lambda d: (d.explicit, not d.carried, bool(d.amount or d.program), -d.sentence.start))
        votes = Counter(tuple(sorted(d.roles.items())) for d in group if len(d.roles) == 2 or kind == "export_control")
        chosen = dict(votes.most_common(1)[0][0]) if votes else first.roles
        evidence = tuple(sorted({d.sentence for d in group}, key=lambda s: s.start))
        confidence = round(min(0.95, 0.5 + 0.1 * len(evidence) + (0.0 if first.carried else 0.15)
                               + (0.1 if first.explicit else 0.0) + (0.1 if first.program else 0.0)), 3)
        events.append(Event(type=kind, participants=participants, roles=tuple(sorted(chosen.items())),
                            status=first.status, item=first.item, evidence=evidence, program=first.program,
                            organizations=tuple(dict.fromkeys(o for d in group for o in d.organizations)),
                            date=first.date, location=first.location, amount=first.amount,
                            confidence=confidence, trigger=first.trigger, why=first.why))
    return sorted(events, key=lambda e: e.evidence[0].start)

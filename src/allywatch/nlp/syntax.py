"""Reading an event's arguments and stage from a sentence's dependency parse.

Given a parsed sentence, a trigger token and the tokens that name parties, this module answers three
questions with grammar alone:

- **which slot each party fills** (:func:`slot_of`): subject, object, a by-agent, an indirect object, a
  possessive, a modifier of the trigger or of the thing moved ("U.S. missiles"), or the preposition heading
  its phrase ("from Spain", "with Italy"). A party reached only through a clause boundary (a relative or
  adverbial clause, a reported clause) or through a bystander preposition ("amid", "over", "according to") fills
  no slot: it does not take part;
- **the verbs that govern the trigger** (:func:`governing_chain`): "agreed to buy", "is expected to sign",
  "signed a deal under which ... will buy", up to the clause that reports it;
- **the stage reached** (:func:`read_status`): the outermost verb that states an agreement, a plan or a
  proposal decides ("hopes to sign" is proposed, "agreed to start" agreed), then verbs of beginning and
  ending, then tense, aspect and modals of the trigger's own verb; negation, refusal, denial and conditionals
  make the act no event.

spaCy gives the parse (the pinned English model's parser); the rules that read it are ours because no library
maps dependency paths to event roles, and the mapping itself is data (:mod:`allywatch.nlp.frames`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from allywatch.nlp.frames import Lexicon

Token = Any  # spacy.tokens.Token; spaCy is imported lazily so the core import stays light

#: Dependencies that open a clause of its own: a party below one is not an argument of a trigger above it.
CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "csubj", "csubjpass", "parataxis", "acl", "xcomp", "pcomp"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
VERBISH = frozenset({"VERB", "AUX"})
NOMINAL_CLIMB = frozenset({"dobj", "pobj", "prep", "nsubj", "nsubjpass", "attr", "appos", "conj", "compound",
                           "oprd", "npadvmod", "dative", "nmod", "amod", "agent", "pcomp"})
#: Nouns for people and bodies whose "from" phrase says where they come from.
PEOPLE_NOUNS = frozenset({"official", "minister", "delegation", "delegate", "company", "firm", "leader", "engineer",
                          "troop", "soldier", "executive", "representative", "envoy", "diplomat", "officer", "team",
                          "expert", "counterpart", "manufacturer", "maker", "contractor", "personnel", "sailor",
                          "marine", "pilot", "technician", "worker", "specialist", "crew", "mechanic", "adviser",
                          "advisor", "instructor", "trainer"})
#: Nouns whose infinitive is theirs even where the parser hangs it on the verb ("welcomed the decision of Berlin
#: to lift the curbs": Berlin lifts them).
DECISIONS = frozenset({"decision", "move", "plan", "choice", "bid", "pledge", "promise", "commitment", "proposal"})
#: Prepositions that name a partner: they count only when they hang from the act (or from its people).
PARTNER_PREPS = frozenset({"with", "between", "among", "alongside"})
COLLECTIVE = frozenset({"they", "their", "we", "both", "two", "three", "four", "ally", "side", "country", "nation",
                        "partner", "government", "minister", "leader", "counterpart", "capital", "neighbour",
                        "neighbor"})


@dataclass(frozen=True)
class Slot:
    """Where a party stands relative to a trigger: the slot's name and the words that show it."""

    name: str
    via: str
    depth: int = 0
    """How far up the governing chain the party attaches: 0 at the trigger, more for the verbs above it."""


def root_of(tokens: list[Token]) -> Token:
    """The token of a span whose head lies outside it."""
    inside = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return tokens[0]


def lemma(token: Token) -> str:
    """The token's lemma, mended where the lemmatiser strips too much ("hoped" gives "hop"), with the particle of a
    phrasal verb ("set up", "pull out")."""
    value = base_lemma(token)
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt" or (
        c.dep_ == "advmod" and c.i == token.i + 1 and c.lower_ in {"aside", "up", "off", "out", "ahead", "back"}) or (
        c.dep_ == "prep" and c.i == token.i + 1 and c.lower_ == "out" and any(g.lower_ == "of" for g in c.children))),
        None)  # ("pulled out of the drills")
    if particle is not None and token.pos_ == "VERB":
        return f"{value} {particle}"  # "set up", "call off", "go ahead": a verb of its own
    return value


def base_lemma(token: Token) -> str:
    """The token's lemma, mended where the lemmatiser strips too much ("hoped" gives "hop", "staged" "stag")."""
    value = str(token.lemma_).lower()
    text = str(token.lower_)
    if value == "hop" and text.startswith(("hope", "hoping")):
        return "hope"  # the lemmatiser's "hoped" -> "hop"
    if value == "slat" and text.startswith("slate"):
        return "slate"  # "slated" -> "slat"
    if value == "stag" and (text.startswith("stage") or text == "staging"):
        return "stage"  # "staged", "staging" -> "stag"
    if token.tag_ in {"VBD", "VBN"} and text.endswith("ed") and not text.startswith(value + "ed") and \
            not text.startswith(value + value[-1:] + "ed") and text[:-1].startswith(value):
        return text[:-1]
    return value


def is_verb(token: Token) -> bool:
    return token.pos_ in VERBISH


#: Nouns that sum up an act in a comment set after it ("..., a move Beijing criticised").
_SUMMARIES = frozenset({"move", "step", "decision", "development", "measure", "action", "gesture", "sign", "signal",
                        "shift", "change", "request", "proposal", "plan"})


def governing_chain(trigger: Token, lexicon: Lexicon, timed: bool = False) -> list[Token]:
    """The trigger, then the words that govern it up to its clause's top: for a noun, the verb it is an
    argument of ("signed a deal", "took delivery"); then verbs that take it as a complement ("agreed to buy",
    "expected to sign") and the clause a relative or infinitive hangs from ("a deal under which ... will buy").
    Reporting verbs ("said it would buy") end the chain; their clause is the source, not the act."""
    chain = [trigger]
    token = trigger
    if not is_verb(trigger):
        described = [*trigger.children, *(trigger.head.children if trigger.dep_ in {"compound", "nmod"} and
                                          not is_verb(trigger.head) else ())]  # "the supply-chain plan that ..."
        for clause in described:
            cls = lexicon.status_class(lemma(clause))
            if cls is None and base_lemma(clause) in _DOING and _symmetric(trigger, lexicon) and any(
                    c.dep_ == "nsubj" and any(g.dep_ == "conj" for g in c.subtree) for c in clause.children):
                cls = "agreed" if clause.tag_ in {"VBD", "VBN"} else "ongoing" if clause.tag_ == "VBG" else None
                # "the drills that Oman and India held", "a plant that Japan and Malaysia are financing", "the
                # exercise the navies of Chile and Peru are staging"
            pronoun = next((c for c in clause.children if c.dep_ in {"dobj", "nsubjpass"} and (
                c.tag_ in {"WDT", "WP"} or c.lower_ in {"that", "which"})), None)
            gap = pronoun.dep_ if pronoun is not None else None
            if gap is None and clause.dep_ in {"relcl", "acl"} and clause.i > trigger.i and is_verb(clause) and \
                    any(c.dep_ == "nsubj" and c.tag_ not in {"WDT", "WP"} and c.lower_ not in {"that", "which"}
                        for c in clause.children) and \
                    not any(c.dep_ in {"dobj", "ccomp", "xcomp"} or (c.dep_ == "aux" and c.lower_ == "to")
                            for c in clause.children) and \
                    all(c.dep_ != "mark" or c.lower_ in {"that", "which"} for c in clause.children):
                gap = "dobj"  # "the exercise that Korean and US forces began" (read with "that" as a mark), "the
                # drills the two navies held": the noun is the clause's missing object
            above = next((a for a in trigger.ancestors if is_verb(a)), None)
            if above is not None and lexicon.status_class(lemma(above)) == "negated":
                break  # "pulled out of the exercise it planned with China": what the clause above does to it
            if clause.dep_ in {"relcl", "acl"} and gap is not None and (
                    cls in {"agreed", "completed", "ongoing"}
                    or (gap == "dobj" and cls in {"planned", "proposed"})
                    or (gap == "dobj" and base_lemma(clause) in _IMPOSING
                        and trigger.lemma_.lower() in lexicon.words["restrictive"]
                        and any(c.dep_ == "nsubj" and c.pos_ != "PRON" for c in clause.children))):
                # (the rule "it had put on exports" is read up to whatever clause names who "it" is)
                return [trigger, clause]  # "the agreement that Sharif and the crown prince signed": their act
    if not is_verb(trigger) and trigger.dep_ == "ROOT":
        stage = next((c for c in trigger.children if c.dep_ == "acl" and c.tag_ in {"VBD", "VBN"} and c.i > trigger.i
                      and lemma(c) in _STAGES and not any(
                          d.dep_ in {"nsubj", "nsubjpass", "auxpass", "agent", "dobj"} for d in c.children)), None)
        if stage is not None:
            return [trigger, stage]  # "a trilateral exercise involving ... completed in Khatlon on Friday": the
            # parser hangs the sentence's verb on its subject
    if trigger.tag_ == "VBN" and trigger.dep_ in {"ccomp", "xcomp", "oprd"} and trigger.head.lemma_ in {"have", "get"} \
            and any(c.dep_ == "nsubj" for c in trigger.children):
        return [trigger, *governing_chain(trigger.head, lexicon, timed)]  # "to have its boats overhauled": the
        # one who has it done, and the stage of its verb
    if trigger.dep_ == "acl" and trigger.tag_ == "VBN" and not is_verb(trigger.head):
        held = trigger.head
        if held.dep_ == "pobj" and held.head.lower_ == "of" and held.head.head.dep_ == "dobj":
            held = held.head.head  # "got three of the frigates repaired"
        holder = held.head
        if held.dep_ == "dobj" and holder.lemma_.lower() in _HOLDING | {"get"}:
            # "Germany has a brigade based in Lithuania", "keeps troops stationed": who holds them placed them
            return [trigger, *dict.fromkeys([trigger.head, held]), *governing_chain(holder, lexicon, timed)]
        return [trigger, trigger.head]  # "missiles purchased from Israel will equip ...": the participle's own act
    while (not is_verb(token) or _as_preposition(token)) and token.dep_ in NOMINAL_CLIMB and token.head.i != token.i:
        if token.dep_ == "pobj" and token.head.lower_ in lexicon.words["bystander"] and not (
                timed and token.head.lower_ in {"after", "following", "during"}) and not (
                token.head.lower_ == "over" and token.head.head.lemma_.lower() in NEGOTIATIONS | {
                    "negotiate", "bargain", "haggle"}) and not (  # ("negotiating over the purchase of ...")
                token.head.lower_ in {"regarding", "concerning", "about"} and any(
                    t.lemma_.lower() in lexicon.words["agreed_under"]
                    for t in [token.head.head, *(c for c in token.head.head.children if c.dep_ == "dobj")])):
            # (but "the agreement regarding the joint production of missiles" is about that production)
            return chain  # "talks amid Chinese naval drills": the drills are not what was held
            # (but "the leaders said after talks": who said it held the talks, when ``timed``)
        if token.dep_ in {"dobj", "nsubjpass"} and lexicon.status_class(lemma(token.head)) == "reaction":
            return chain  # "Beijing condemned the sale": the sale as stated, Beijing no party to it
        if token.dep_ == "pobj" and _besides(token.head):
            return chain  # "in addition to its pacts with Seoul, Baghdad signed ...": not what the clause does
        if token.dep_ == "pobj" and token.head.head.lemma_.lower() in lexicon.words["circumstance"] and \
                token.head.head.i != trigger.i:
            return chain  # "in response to China's drills, Japan held ...": not what the clause does
        if token.dep_ == "nsubj" and is_verb(token.head) and _symmetric(trigger, lexicon) and (
                lemma(token.head) in lexicon.words["gathering"] or any(
                    f"{lemma(token.head)} {c.lower_}" in lexicon.words["gathering"] for c in token.head.children
                    if c.dep_ in {"advmod", "prt"})):
            token = token.head  # "the drills involve troops from Peru and Chile": whom the act takes in share it
            chain.append(token)
            break
        if token.dep_ == "nsubj" and is_verb(token.head) and any(
                c.dep_ == "dobj" and not (token.head.lemma_ == "take" and c.lemma_.lower() in {"place", "effect"})
                and c.lemma_.lower() not in {"phase", "stage"}  # ("the work entered its test phase")
                for c in token.head.children):
            return chain  # "the purchase ends a long search": what the act does, not its stage (but "the
            # delivery took place in May", "the ban takes effect")
        token = token.head
        chain.append(token)
    while token.head.i != token.i:
        head = token.head
        dep = token.dep_
        if dep == "conj" and is_verb(head) and any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children):
            break  # "..., and Israel won a contract": a clause of its own, with its own subject
        if dep == "conj" and is_verb(head) and any(c.dep_ == "cc" and c.lower_ in {"but", "yet"} and
                                                   head.i < c.i < token.i for c in head.children):
            break  # "failed to settle the dispute but agreed to develop a seeker": a stage of its own
        if dep == "conj" and is_verb(head) and any(c.dep_ == "aux" and c.lower_ in {
                "will", "would", "shall", "'ll", "may", "might", "could", "can", "must"} for c in token.children) and \
                not any(c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in lexicon.words["agreed_under"]
                        for c in head.children):  # (but "signed the deal and will receive the jets": under it)
            break  # "have agreed to co-produce corvettes and will hold drills next month": a tense of its own
        if dep == "ccomp" and lemma(head) in {"confirm", "verify", "acknowledge", "reaffirm"} and \
                head.i > token.i and any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children):
            break  # "the howitzers were handed over this week, officials confirmed": a report of the act
        if dep == "advcl" and any(c.dep_ == "mark" for c in token.children):
            break  # "while the navies were at sea", "after it signed": a circumstance, not what was agreed
        if dep == "advcl" and token.i == trigger.i and token.tag_ == "VBG" and is_verb(head) and \
                token.i > head.i and lexicon.status_class(lemma(head)) not in {"reporting", "reaction"} and not any(
                c.dep_ in {"nsubj", "nsubjpass", "mark", "aux"} for c in token.children):
            token = head  # "Russia closed its base, withdrawing its aircraft from the country": the clause's
            chain.append(token)  # subject does it, at the stage of the clause's verb
            continue
        if dep == "xcomp" or (dep == "conj" and is_verb(head)) or (
                dep == "ccomp" and lemma(head) in {"help", "assist"}) or (
                dep in {"ccomp", "advcl"} and lexicon.status_class(lemma(head)) in {"agreed", "planned", "proposed",
                                                                                  "negated"}):
            pass
        elif dep == "relcl" and base_lemma(token) in {"include", "cover", "comprise", "contain"} and any(
                c.dep_ == "nsubj" and (c.tag_ in {"WDT", "WP"} or c.lower_ in {"that", "which"})
                for c in token.children) and not is_verb(head):
            pass  # "sanctions against Belarus that include a ban on exports": a part of the package named above
        elif dep in {"relcl", "acl", "advcl"} and _infinitive_or_under(token, lexicon):
            pass  # "a deal to buy", "a contract under which the navy will buy"
        elif dep in {"advcl", "acl"} and token.tag_ == "VBG" and base_lemma(token) in _COVERING and (
                is_verb(head) or head.lemma_.lower() in lexicon.words["agreed_under"]):
            pass  # "formalised a defence agreement, involving the acquisition of trainers": part of what was signed
        elif dep == "relcl" and head.lemma_.lower() in lexicon.words["bodies"] and any(
                c.dep_ == "nsubj" and c.tag_ in {"WDT", "WP"} for c in token.children):
            pass  # "a joint venture that will build tanks": the venture's founders build them
        elif dep == "acl" and token.tag_ == "VBG" and not is_verb(head) and head.dep_ == "pobj" and \
                head.head.lower_ == "with" and any(c.dep_ == "dobj" for c in token.children):
            break  # "ties will grow, with both navies extending their pact": the participle's own act and stage
        elif (dep == "acl" and not is_verb(head)) or _complement_participle(token):
            pass  # "will remain stationed", "stay deployed": the verb it completes has the subject and tense
        elif dep == "acomp" and lexicon.status_class(lemma(token)) in {"planned", "proposed"}:
            pass  # "are due to sign", "is keen to buy": the word's stage, and the subject of its verb
        elif dep == "prep" and token.lower_ in {"regarding", "concerning"}:
            pass  # "signed the agreement regarding joint production": the production is what was signed
        elif dep == "pcomp" and (head.lower_ in {"to", "on", "toward", "towards"} or (
                head.lower_ in {"in", "by"} and token.tag_ == "VBG") or (
                head.lower_ == "at" and head.head.lemma_.lower() == "aim")) and is_verb(head.head):
            chain.append(head)  # "committed to strengthening", "agreed on expanding", "won out in securing"
            head = head.head
        elif dep == "pcomp" and head.pos_ == "ADP" and head.head.pos_ in {"NOUN", "PROPN"}:
            pass  # "a framework on securing supply of minerals": the act the framework is about
        elif dep in {"dobj", "pobj", "prep", "nsubjpass", "nsubj", "attr", "appos"} and not is_verb(token):
            if dep in {"dobj", "nsubjpass"} and lexicon.status_class(lemma(head)) == "reaction":
                break
        else:
            break
        token = head
        chain.append(token)
        if len(chain) > 12:
            break
    return chain


def _symmetric(trigger: Token, lexicon: Lexicon) -> bool:
    """The trigger names an act its parties share alike (drills, talks, joint work), not one with sides."""
    frames = {t.frame for t in lexicon.triggers.get(trigger.lemma_.lower(), ()) if "firm" not in t.needs}
    # (a memorandum is a shared act; one with a firm for goods is the purchase it names, read on its own terms)
    return bool(frames) and frames <= {"joint", "meet", "make"}


#: Verbs that put a rule in place ("the ban that Oslo imposed", "the curbs Ottawa placed on ...").
_IMPOSING = frozenset({"impose", "place", "put", "introduce", "announce", "enact", "slap", "issue", "declare",
                       "extend", "expand", "tighten", "keep", "maintain"})


def _besides(prep: Token) -> bool:
    """The "to" of "in addition to", "in contrast to": what follows is another matter than the clause's act."""
    return prep.lower_ == "to" and prep.head.lower_ in {"addition", "contrast"} and \
        prep.head.head.lower_ in {"in", "by"}


#: Verbs of holding or carrying out a joint act, whose subject takes part ("the drills the navies staged").
_DOING = frozenset({"hold", "host", "co-host", "stage", "conduct", "run", "build", "operate", "fund", "finance",
                    "organise", "organize", "lead", "co-lead", "co-finance", "co-fund", "carry out"})
#: Intransitive verbs of an act's beginning or end, which a misparse may hang on the act's noun.
_STAGES = frozenset({"complete", "end", "conclude", "begin", "start", "open", "close", "finish", "wrap up",
                     "kick off", "get under way", "commence", "resume"})
_HOLDING = frozenset({"have", "keep", "maintain", "retain"})


def _complement_participle(token: Token) -> bool:
    """A participle that completes the verb above it ("remain stationed", "stay deployed", "became operational")."""
    if token.tag_ != "VBN" or not is_verb(token.head) or any(c.dep_ in {"mark", "aux", "auxpass", "nsubj"}
                                                              for c in token.children):
        return False
    return token.dep_ in {"acomp", "xcomp", "oprd"} or (
        token.dep_ == "advcl" and token.head.lemma_.lower() in {"remain", "stay", "keep"})


def _as_preposition(token: Token) -> bool:
    """"including" and "such as" work as prepositions: "systems, including a joint project"."""
    return bool(token.lemma_ == "include" and token.tag_ == "VBG" and token.dep_ == "prep")


def _infinitive_or_under(verb: Token, lexicon: Lexicon) -> bool:
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return True
    return any(c.dep_ == "prep" and c.lower_ == "under" for c in verb.children)


#: Participles that say what a deal takes in ("a pact involving the purchase of jets", "covering upkeep").
_COVERING = frozenset({"include", "involve", "cover", "comprise", "encompass", "entail"})


#: Verbs whose subject is the thing that comes or stays ("the tanks arrived", "the batch reached Ghana", "the jets
#: landed", "the troops will remain in Mali").
_COMING = frozenset({"arrive", "join", "reach", "land", "touch", "remain", "stay"})


def theme_tokens(trigger: Token) -> list[Token]:
    """The phrase naming what is moved, made or ruled on: the object of a verb (or its passive subject, or the
    noun a participle modifies), the "of"/"for" phrase or compound of a noun."""
    found: list[Token] = []
    if is_verb(trigger):
        found += [c for c in trigger.children if c.dep_ in {"dobj", "nsubjpass", "oprd"}
                  or (c.dep_ == "nsubj" and trigger.lemma_ in _COMING)]  # "the tanks arrived": what moved
        if trigger.lemma_ in {"arrive", "join"} and not found and trigger.dep_ == "xcomp":
            found += [c for c in trigger.head.children if c.dep_ in {"nsubj", "nsubjpass"}]  # "are due to arrive"
        participle = trigger.dep_ in {"acl", "amod"} and trigger.tag_ in {"VBN", "VBG"} and not any(
            c.dep_ in {"nsubj", "nsubjpass"} for c in trigger.children)  # (a clause of its own names its thing)
        if trigger.dep_ == "relcl" and not is_verb(trigger.head) and any(
                g.lower_ == "which" for t in found for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children if g.dep_ == "pobj"):
            found = [trigger.head]  # "submarines, four of which will be built in Karachi": the submarines
        relative = trigger.dep_ == "relcl" and any(t.lower_ in {"that", "which"} for t in found)
        if trigger.dep_ == "relcl" and not found and not is_verb(trigger.head) and any(
                c.dep_ == "nsubj" for c in trigger.children) and lemma(trigger) not in {"arrive", "join"}:
            found = [trigger.head]  # "the frigate that Fincantieri is refitting" ("that" read as a mark): the noun
        if (participle or relative) and not is_verb(trigger.head):
            # "drones ordered by Azerbaijan", "the missiles that Japan bought": the noun, not the pronoun
            found = [trigger.head, *(t for t in found if t.lower_ not in {"that", "which"} and t.tag_ != "WDT")]
        if trigger.tag_ == "VBN" and trigger.head.lemma_ in {"have", "get"} and \
                trigger.dep_ in {"ccomp", "xcomp", "oprd"}:
            found += [c for c in trigger.children if c.dep_ == "nsubj"]  # "have its boats overhauled": the boats
        above = trigger.head
        gaps = [c for v in (trigger, above) for c in v.children
                if c.dep_ == "dobj" and (c.tag_ in {"WDT", "WP"} or c.lower_ in {"that", "which"})]
        if trigger.dep_ == "xcomp" and above.dep_ == "relcl" and not is_verb(above.head) and gaps and \
                all(t in gaps for t in found):
            found = [above.head]  # "the shells that Bulgaria and the US agreed to produce": the noun the gap is
        if _complement_participle(trigger):
            # "batteries will remain stationed in Poland", "jets stay deployed": what remains is what is placed
            found += [c for c in trigger.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    else:
        found += [c for c in trigger.children if c.dep_ in {"compound", "amod", "nmod"} and c.pos_ == "NOUN"]
        for prep in trigger.children:
            if prep.dep_ == "prep" and prep.lower_ in {"of", "for"}:
                found += [c for c in prep.children if c.dep_ == "pobj"]
    more = [c for t in found for c in t.children if c.dep_ == "conj"]
    if is_verb(trigger):  # "handed over the last of the four radars": the radars
        more += [g for t in found for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj"]
    return found + more


def slot_of(party: Token, trigger: Token, chain: list[Token], themes: list[Token], lexicon: Lexicon) -> Slot | None:
    """The slot a party's token fills for a trigger, or None when it is not an argument of it."""
    slot = _slot_of(party, trigger, chain, themes, lexicon)
    if slot is None:
        return None
    where = {t.i: n for n, t in enumerate(chain)}
    x = party
    while x.i not in where and x.head.i != x.i:
        x = x.head
    return Slot(slot.name, slot.via, where.get(x.i, len(chain)))


def _slot_of(party: Token, trigger: Token, chain: list[Token], themes: list[Token], lexicon: Lexicon) -> Slot | None:
    for n, clause in enumerate(chain):
        if clause.dep_ == "relcl" and _modifies(party, clause.head):
            for verb in chain[:n + 1]:
                for child in verb.children:
                    if child.dep_ in {"nsubj", "nsubjpass"} and child.tag_ in {"WDT", "WP"}:
                        # "Saudi Arabia, which asked to buy drones": the relative pronoun stands for the party
                        return Slot("subject" if child.dep_ == "nsubj" else "object", f"'{child.text}' stands for it")
                    if child.dep_ == "nsubj" and child.lemma_.lower() in PEOPLE_NOUNS and any(
                            c.tag_ == "WP$" for c in child.children):
                        # "France and Poland, whose leaders met in Nancy": their leaders, so they
                        return Slot("subject", f"'whose {child.text}' are theirs")
    anchors = {t.i for t in chain}
    top_verb = chain[-1]
    if top_verb.dep_ == "conj" and is_verb(top_verb) and is_verb(top_verb.head) and not any(
            c.dep_ in {"nsubj", "nsubjpass"} for c in top_verb.children):
        shared = next((c for c in top_verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if shared is not None and _same_phrase(party, shared):
            return Slot("subject", f"subject of '{top_verb.head.text}' and '{top_verb.text}'")  # "have agreed to
            # co-produce corvettes and will hold drills": both theirs
    if top_verb.tag_ == "VBG" and top_verb.dep_ == "pcomp" and top_verb.head.lower_ in {"after", "before", "upon"} \
            and is_verb(top_verb.head.head) and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in top_verb.children):
        shared = next((c for c in top_verb.head.head.children if c.dep_ == "nsubj"), None)
        if shared is not None and _same_phrase(party, shared):
            return Slot("subject", f"subject of '{top_verb.head.head.text}' {top_verb.head.text} '{top_verb.text}'")
            # "Chile sailed the frigates home after buying them": who sailed them bought them
    theme_ids = {t.i for t in themes}
    x = party
    while (x.dep_ == "conj" or (x.dep_ == "appos" and x.pos_ == "PROPN" and x.head.pos_ == "PROPN")) and \
            x.head.i != x.i and not is_verb(x.head):
        x = x.head  # "Japan and the US": the second conjunct stands where the first does (so do names in a list
        # the parser reads as appositions: "Japan, Australia, the Philippines and the US")
    if any(c.dep_ == "prep" and c.lower_ == "in" and any(
            g.dep_ == "pobj" and g.lemma_.lower() in {"running", "race", "contention"} for g in c.children)
           for c in x.children):
        return None  # "will pick a supplier, with Britain and France in the running": contenders, not parties
    prep: str | None = None
    in_theme = False
    steps = 0
    while x.i not in anchors:
        if x.i in theme_ids:
            in_theme = True
            if (x.i == trigger.head.i and trigger.dep_ in {"relcl", "acl"}) or (
                    trigger.dep_ == "xcomp" and trigger.head.dep_ == "relcl" and x.i == trigger.head.head.i):
                # (or "the jets, which Dassault began upgrading")
                # "the Indonesian submarine that Hanwha is refitting": the thing the clause describes
                return Slot("object", "the thing the clause describes") if _same_phrase(party, x) else \
                    Slot("maker", f"modifies the {x.text}")
        head = x.head
        if head.i == x.i or steps > 15:
            return None
        if head.i == trigger.i and x.dep_ in {"prep", "acl"} and x.tag_ == "VBG" and \
                lemma(x) in lexicon.words["gathering"] and _symmetric(trigger, lexicon):
            return Slot("with", f"'{x.text}' names who takes part")  # "the drills, including Chile and Peru",
            # "talks involving ministers from Chile and Peru"
        if x.dep_ == "acl" and head.i in theme_ids and x.lemma_.lower() in OWNING and x.tag_ in {"VBG", "VBN"}:
            return Slot("possessor", f"'{x.text}' says whose it is")  # "C-130s belonging to Botswana's air force"
        if x.dep_ in {"acl", "relcl"} and head.i == trigger.i and \
                x.lower_.replace("co-", "").startswith(HOSTING) and any(
                t.type == "exercise" for t in lexicon.triggers.get(trigger.lemma_.lower(), ())):
            pass  # "the Khaan Quest exercise, co-hosted by Mongolia and the United States": its hosts hold it
            # (the host of a conference where others meet is no party to their talks)
        elif x.dep_ in CLAUSE_DEPS and not (x.dep_ == "pcomp" and head.lower_ in {"of", "to", "with"}) and not (
                prep == "maker" and x.dep_ == "acl" and x.lemma_.lower() in MAKING) and not (
                x.dep_ == "acl" and not is_verb(x)) and not (  # "a Belharra frigate" misread as a clause
                (x.dep_ == "acl" or (x.dep_ == "advcl" and x.tag_ in {"VBN", "VBD"} and not any(
                    c.dep_ in {"nsubj", "nsubjpass", "mark", "aux", "auxpass"} for c in x.children)))
                and (head.i == trigger.i or head.i in theme_ids)
                and (lexicon.status_class(lemma(x)) == "agreed" or lemma(x) in {"offer", "propose"})
                and (prep != "agent" or head.i == trigger.i)):
            # ("the howitzers ordered by Estonia were handed over": who ordered them is the describing clause's own
            # doer, read by the clause that describes the thing)
            # but "the purchase of jets, sealed with France", "handed over the boats promised to Ghana", "a transfer
            # of technology agreed to by Saab", "an accord offered by Jakarta": the deal's partner is the act's
            return None
        if x.dep_ == "prep" and x.lower_ in {"of", "about"} and head.i == trigger.i and trigger.lemma_ in {
                "speak", "talk"} and x.i != party.i:
            return None  # "the minister spoke of Kenya's order with Damen": what is talked of, not who talks
        if x.dep_ == "conj" and is_verb(x) and is_verb(head):
            return None
        if x.dep_ in {"npadvmod", "appos"} and x.lemma_.lower() in _SUMMARIES and x.i > head.i:
            return None  # "approved a rise in spending, a step Azerbaijan called provocative": a comment on the act
        if x.dep_ == "pcomp" and head.lower_ in {"with", "without"} and is_verb(x) and \
                x.lemma_.lower() in ONLOOKING and any(c.dep_ in {"nsubj", "nsubjpass"} for c in x.children):
            return None  # "talks were held in Jeddah, with Saudi officials hosting": they host, others talk
        if x.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in {"free", "devoid", "independent"}:
            return None  # "drones free of Chinese components": what is left out
        if x.dep_ == "pobj" and head.pos_ == "ADP" and head.head.lemma_.lower() in WARY:
            return None  # "Greece and Cyprus, both wary of Turkish naval activity, signed": what they fear
        if x.dep_ == "prep" and head.dep_ == "appos" and head.pos_ == "NOUN" and head.i != trigger.i and \
                head.i not in theme_ids and head.head.pos_ == "PROPN":
            return None  # "Japan and the Philippines, both allies of the United States, are studying": whose allies
            # they are describes them; it takes no part in the act
        if head.i != trigger.i and head.lemma_.lower() in lexicon.words["rivalry"] and (
                x.dep_ in {"poss", "compound", "amod"} or (x.dep_ == "prep" and x.lower_ in {"on", "of", "from"})):
            return None  # "to weaken China's grip on rare earths", "cut reliance on Chinese chips": the rival
        if x.dep_ in {"pobj", "pcomp"} and head.pos_ in {"ADP", "SCONJ"}:  # ("despite" is tagged SCONJ)
            word = head.lower_
            if head.head.i != head.i and head.head.lower_ == "according":
                return None
            if word == "by" and x.lemma_.lower() in _RECKONING:
                return None  # "by NATO's definition", "by Kyiv's count": whose reckoning, as "according to"
            if word in {"of", "in", "among"} and prep is None and head.head.lemma_.lower() in _SHARES_OF_A_BODY and \
                    head.head.dep_ in SUBJECT_DEPS:
                pass  # "most members of the Belgian senate urged an embargo": the body speaks through them
            elif word == "of" and prep is None and x.i != party.i and not _same_phrase(party, x) and \
                    x.lemma_.lower() in lexicon.words["equipment"] and \
                    getattr(_child_on_path(party, x), "dep_", "poss") not in {"poss", "prep"}:
                prep = "maker"  # "a contract with Seoul for the supply of Korean corvettes": their maker
            elif word == "of" or (word in {"including", "among"} and prep is not None):
                pass
            elif word == "from" and prep is None and head.head.pos_ in {"NOUN", "PROPN"} and \
                    head.head.i not in theme_ids and head.head.i not in anchors and (
                        head.head.dep_ in {"nsubj", "nsubjpass"} or head.head.lemma_.lower() in PEOPLE_NOUNS or (
                            head.head.dep_ == "dobj" and (lemma(head.head.head) in lexicon.words["gathering"] or any(
                                f"{lemma(head.head.head)} {c.lower_}" in lexicon.words["gathering"]
                                for c in head.head.head.children if c.dep_ in {"advmod", "prt"})))):
                pass  # "firms from Italy and Japan will meet", "talks with officials from Japan", "the drills include
                # forces from Peru": their origin
            elif word in PARTNER_PREPS and prep is None and head.head.i not in anchors and \
                    not is_verb(head.head) and head.head.lemma_.lower() not in (
                        PEOPLE_NOUNS | lexicon.words["agreed_under"] | lexicon.words["bodies"]) and not (
                        head.head.i in theme_ids and head.head.lemma_.lower() in lexicon.words["equipment"]):
                # (but "the co-production of CV90 vehicles with Sweden's Hägglunds": the partner in the work)
                return None  # "a programme on its borders with Russia": a partner of the borders, not of the act
            elif prep is None and x.i != party.i and not _same_phrase(party, x) and \
                    x.lemma_.lower() in lexicon.words["equipment"] and \
                    getattr(_child_on_path(party, x), "dep_", "poss") != "poss" and \
                    not (x.lemma_.lower() == "part" and word in {"as", "in"}) and \
                    not (word in PARTNER_PREPS and _symmetric(trigger, lexicon)):  # ("drilling with Nigerian units")
                prep = "maker"  # "inked a deal for 40 US-built jets": the maker, whatever the preposition
            elif prep is None and word in {"in", "by"} and head.head.tag_ == "VBN" and head.head.dep_ == "acl" and \
                    head.head.lemma_.lower() in MAKING and head.head.head.lemma_.lower() in lexicon.words["equipment"]:
                prep = "maker"  # "took delivery of radars built in Spain", "drones made by Turkey": the maker
            elif prep is None and word in {"to", "for", "from"} and head.head.pos_ == "NOUN" and \
                    head.head.i != trigger.i and head.head.lemma_.lower() in lexicon.words["circumstance"]:
                return None  # "In a blow to Moscow, Paris agreed ...", "in response to Chinese drills": whom the
                # circumstance concerns, not the act's
            elif prep is not None and word in lexicon.words["bystander"] and not (
                    word == "through" and head.head.i in anchors and any(
                        t.type == "force_posture" for t in lexicon.triggers.get(trigger.lemma_.lower(), ()))):
                # (but "will rotate ships through a base in Australia": where they are)
                return None  # "sold jets to Hanoi despite protests from Beijing": Beijing stands by
            elif _besides(head):
                return None  # "in addition to its pacts with Seoul, Baghdad signed ...": another act's partner
            elif prep is None:
                prep = "agent" if head.dep_ == "agent" or (word == "by" and not is_verb(trigger)) else word
        top_noun = chain[-1]
        if x.dep_ == "prep" and x.i > top_noun.i and top_noun.dep_ == "dobj" and head.i == top_noun.head.i and \
                lexicon.status_class(lemma(head)) == "reaction":
            x = top_noun  # "condemned the sale of jets to Taiwan": the phrase belongs to the sale, not the protest
            continue
        x = head
        steps += 1
    if x.i in theme_ids and x.i != party.i:
        in_theme = True
    asked = lemma(x) in {"call", "prevail", "appeal"} and x.i != trigger.i and any(
        v.head.i == x.i and v.dep_ in {"xcomp", "advcl"} and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in v.children) for v in chain) and any(
        c.dep_ == "prep" and c.lower_ == "on" and any(
            t.pos_ == "PROPN" or (t.pos_ == "ADJ" and t.is_title) for t in c.subtree) for c in x.children)
    # (but "lawmakers called on the government to ...": their own government, read as before)
    if asked:  # "Nairobi called on Accra to raise its spending": Accra would raise it; Nairobi only asks
        on = _child_on_path(party, x)
        return Slot("subject", "asked to act") if on is not None and on.dep_ == "prep" and on.lower_ == "on" else None
    if prep == "maker":
        return Slot("maker", "modifies the thing in a phrase")
    if prep == "to" and _symmetric(trigger, lexicon):
        to = next((a for a in party.ancestors if a.lower_ == "to" and a.dep_ in {"prep", "dative"}), None)
        offer = None if to is None else to.head if is_verb(to.head) else \
            to.head.head if to.head.dep_ == "dobj" else None
        if to is not None and to.head.i in anchors and offer is not None and offer.i in anchors and \
                lexicon.status_class(lemma(offer)) == "proposed":
            return Slot("with", f"'{offer.text}' to it")  # "proposed a lithium partnership to Chile": the partner
    if prep is not None:
        return Slot(prep, f"'{prep}' phrase")
    top = _child_on_path(party, x)
    if top is not None and top.dep_ == "dobj" and x.lemma_.lower() in BEATING and x.i != trigger.i:
        return None  # "Hanwha beat Rheinmetall to the contract": the losing bidder supplies nothing
    if top is not None and top.dep_ in SUBJECT_DEPS and x.i != trigger.i and \
            lexicon.status_class(lemma(x)) == "reaction":
        return None  # "Paris hailed the decision of the Dutch to relax ...": who reacts takes no part
    completes = next((v for v in chain if v.head.i == x.i and ((v.dep_ == "xcomp" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in v.children)) or (
        v.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children) and any(
            c.dep_ == "dobj" and c.lemma_.lower() in DECISIONS for c in x.children)))), None)
    if completes is not None and top is not None and \
            any(c.dep_ == "dobj" and c.i < completes.i and c.lemma_.lower() not in lexicon.words["agreed_under"]
                and c.tag_ not in {"WDT", "WP"} and c.lower_ not in {"that", "which"}
                for c in x.children):  # not "signed a deal to buy", where the infinitive belongs to the deal
            # (nor "the shells that Bulgaria agreed to produce", where the object is the relative's gap)
        # object control: "India tapped France to supply jets": France supplies, India chose
        return Slot("subject", "object of the verb it completes") if top.dep_ == "dobj" else None
    if top is None:
        if x.i != trigger.i and trigger.dep_ == "appos" and trigger.head.i == x.i and x.pos_ == "PROPN" and \
                trigger.left_edge.i == x.i + 1:
            return Slot("modifier", "a name run into the act's phrase")  # "India Sri Lanka joint exercise", read
            # as the name with the exercise in apposition
        return Slot("modifier", "inside the trigger's phrase") if x.i == trigger.i else None
    if is_verb(trigger) and x.i == trigger.i and party.i == trigger.i + 1 and party.pos_ == "PROPN" and (
            (top.dep_ == "dobj" and (party.dep_ in {"compound", "nmod", "npadvmod"} or (
                party.dep_ == "amod" and party.doc[party.i + 1].pos_ != "PROPN")) and top.i > party.i + 1
             and any(t.pos_ in {"NUM", "DET"} or t.lower_ in {"more", "some", "additional", "further", "extra", "new",
                                                                "several", "up", "about", "nearly", "another"}
                     for t in party.doc[party.i + 1:top.i]))
            or (top.i == party.i and party.dep_ == "npadvmod"
                and any(c.dep_ == "dobj" and c.i > party.i for c in trigger.children))):
        return Slot("dative", "right after the verb")  # "offered Pakistan 40 jets", misread by the parser
    if top.dep_ == "prep" and top.lower_ == "of" and x.i != trigger.i and not is_verb(x):
        return Slot("possessor", f"'of' the {x.text}")  # "the decision of the German government to lift"
    dep = top.dep_
    if dep == "dobj" and x.i == trigger.i and trigger.lemma_ in {"discuss", "debate", "review", "raise", "address"}:
        return None  # "the ministers discussed Chinese activity near the shoal": what is talked over takes no part
    if in_theme or top.i in theme_ids:
        if not _same_phrase(party, top) and _conj_root(party).dep_ == "poss" and \
                _conj_root(party).head.i in theme_ids:
            return Slot("holder", f"'s {_conj_root(party).head.text}")  # "delivery of Estonia's launchers": whose
        if top.i == party.i and x.i in theme_ids and party.dep_ in {"amod", "compound", "nmod"}:
            return Slot("maker", f"modifies the {x.text}")  # "the Finnish vehicles ordered by Slovakia"
        return Slot("object", dep) if _same_phrase(party, top) else Slot("maker", f"modifies the {top.text}")
    inner = _child_on_path(party, top)
    if dep in SUBJECT_DEPS and x.i != trigger.i and not _same_phrase(party, top) and \
            any(t.type == "maintenance" for t in lexicon.triggers.get(trigger.lemma_.lower(), ())) and \
            top.lemma_.lower() in lexicon.words["equipment"] and inner is not None and \
            (inner.dep_ in {"compound", "amod", "nmod", "poss"} or inner.lower_ == "of"):
        return Slot("maker", f"modifies the {top.text}")  # "a US Navy ship completed a repair": the ship's, not
        # the one who repairs
    if dep in SUBJECT_DEPS and x.i != trigger.i and _causative(x, chain):
        return Slot("possessor", f"has it {chain[0].text}")  # "Vietnam will have its boats overhauled in Russia"
    if dep in SUBJECT_DEPS:
        return Slot("subject", dep)
    if dep == "nsubjpass" and x.i != trigger.i and any(v.head.i == x.i and v.dep_ == "xcomp" for v in chain) and \
            x.lemma_.lower() in RAISING:
        return Slot("subject", f"'{x.text}' raises the subject of the verb it takes")  # "Greece is expected to sign"
    if dep == "nsubjpass" and x.i != trigger.i and (lexicon.status_class(lemma(x)) == "reaction" or lemma(x) in {
            "thank", "blame", "accuse", "fault", "censure", "punish", "sanction", "reward", "fine", "investigate"}) \
            and any(b.dep_ == "prep" and b.head.i == x.i for b in chain):
        return None  # "Germany has been criticised for its arms sales": whom the verb concerns, not the sale's party
    if dep == "nsubjpass":
        return Slot("object", dep)
    if dep == "dobj":
        return Slot("object", dep) if _same_phrase(party, top) else Slot("maker", f"modifies the {top.text}")
    if dep == "dative":
        return Slot("dative", dep)
    if dep == "poss":
        return Slot("possessor", dep)
    if dep == "appos" and not _same_phrase(party, top) and top.lemma_.lower() in lexicon.words["equipment"]:
        return Slot("maker", f"modifies the {top.text} the {x.text} is")  # "the latest addition, Chinese jets"
    if dep in {"compound", "amod", "nmod", "npadvmod", "nummod", "appos"}:
        return Slot("modifier", dep)
    return None


#: Parts of a body that speak for it ("a majority in parliament", "most of the allies").
_SHARES_OF_A_BODY = frozenset({"majority", "most", "half", "members", "member", "bulk"})


#: Participles that say whose a thing is ("jets belonging to Egypt", "boats owned by the navy").
OWNING = frozenset({"belong", "own", "operate", "fly"})


def _causative(verb: Token, chain: list[Token]) -> bool:
    """``verb`` is "have" or "get" that has another do the act in the chain below it ("had its jets repaired")."""
    for have in chain[1:]:
        if have.lemma_ in {"have", "get"} and chain[0].tag_ == "VBN":
            x = have
            while x.i != verb.i and x.dep_ == "xcomp" and x.head.i != x.i:
                x = x.head  # "Vietnam intends to have its boats overhauled": Vietnam has it done
            if x.i == verb.i:
                return True
    return False


#: Verbs of winning over a rival: their object is the losing bidder ("beat Rheinmetall to the contract").
BEATING = frozenset({"beat", "defeat", "outbid", "edge", "outcompete", "outmanoeuvre", "outmaneuver", "trump",
                     "oust", "outperform", "overcome"})

#: What a party does beside an act it takes no part in ("with Saudi officials hosting", "with Qatar mediating").
ONLOOKING = frozenset({"host", "mediate", "broker", "facilitate", "chair", "observe", "watch", "moderate", "look",
                       "monitor", "attend", "witness", "sit"})

#: Passive verbs whose subject is the subject of the infinitive they take ("Greece is expected to sign", "Seoul is
#: set to buy", "Tokyo is said to have agreed"): the party does what the infinitive says.
#: So are passive verbs of asking, choosing and allowing ("Japan was asked to supply", "Hanwha was picked to build").
#: Participles that name where or by whom equipment was made ("radars built in Spain").
#: Verbs that make another act possible ("enable it to sell"), which is not done by that.
LETTING = frozenset({"allow", "permit", "authorise", "authorize", "let", "enable"})
#: What "by X's ..." reckons with: the phrase says whose account it is, not who acts.
_RECKONING = frozenset({"definition", "standard", "measure", "estimate", "count", "reckoning", "calculation",
                        "metric", "account", "tally", "yardstick", "criterion", "criteria"})
MAKING = frozenset({"build", "make", "produce", "manufacture", "assemble", "design", "develop"})
RAISING = frozenset({"expect", "set", "schedule", "slate", "due", "poise", "say", "report", "believe", "think",
                     "tip", "tout", "rumour", "rumor", "understand", "know", "see", "project", "forecast", "likely",
                     "suppose", "plan", "intend", "prepare", "designate", "persuade", "ask", "urge", "invite",
                     "encourage", "force", "press", "pressure", "allow", "permit", "authorize", "authorise", "tap",
                     "choose", "select", "pick", "clear", "approve", "require", "oblige", "compel", "commission",
                     "hire", "contract", "task", "mandate", "order"})


def _same_phrase(party: Token, top: Token) -> bool:
    """The party is the head of the phrase (or a conjunct of it, or part of a name in several tokens), not a
    modifier inside it ("U.S." in "U.S. missiles")."""
    x = party
    while x.i != top.i:
        if x.dep_ in {"conj", "appos", "flat"} or (x.dep_ == "compound" and x.pos_ == "PROPN"
                                                   and x.head.pos_ == "PROPN" and x.head.i != top.i):
            x = x.head
            continue
        return False
    return True


def _modifies(party: Token, noun: Token) -> bool:
    """The party is the noun, or names it ("Czech-led initiative", "Japan's fund"), through no preposition."""
    x = party
    while x.i != noun.i:
        if x.head.i == x.i or x.dep_ in CLAUSE_DEPS or x.dep_ in {"pobj", "prep"}:
            return False
        x = x.head
    return True


def _conj_root(token: Token) -> Token:
    while token.dep_ in {"conj", "appos", "compound", "flat"} and token.head.i != token.i:
        token = token.head
    return token


def _child_on_path(party: Token, anchor: Token) -> Token | None:
    """The child of ``anchor`` through which ``party`` hangs from it."""
    x = party
    while x.head.i != anchor.i:
        if x.head.i == x.i:
            return None
        x = x.head
    return None if x.i == anchor.i else x


def subject_tokens(chain: Iterable[Token]) -> list[Token]:
    """The subjects of the verbs in a chain (a relative pronoun stands for the noun its clause modifies)."""
    out = []
    for verb in chain:
        for child in verb.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                out.append(child)
    return out


def collective_subject(chain: list[Token], parties: set[int]) -> bool:
    """The clause's subject is "they", "the two", "both sides", "the allies": parties named before."""
    subjects = [(verb, child) for verb in chain for child in verb.children if child.dep_ in {"nsubj", "nsubjpass"}]
    subjects += [(verb, verb.head) for verb in chain if verb.dep_ == "acl" and verb.tag_ == "VBG" and
                 not is_verb(verb.head)]  # "with both navies extending their pact"
    for child in (subject for _, subject in subjects):
        if {t.i for t in child.subtree} & parties:
            return False
        if child.tag_ in {"NN", "NNP"} and child.lemma_.lower() in COLLECTIVE and not any(
                t.lemma_.lower() in COLLECTIVE for t in child.children):
            continue  # "the country entered into an agreement": one state, not the ones named before
        if child.lemma_.lower() in COLLECTIVE or any(t.lemma_.lower() in COLLECTIVE for t in child.children):
            return True
    return any(t.lower_ in {"other", "another"} and t.head.lower_ in {"each", "one"} for v in chain
               for t in v.subtree)


@dataclass(frozen=True)
class StatusReading:
    """The stage an act has reached, or why it is no event (``status`` None)."""

    status: str | None
    why: str
    tense_only: bool = False
    """The stage comes from tense or a modal alone ("will deploy"), not from a verb that states it."""
    by_modal: bool = False
    """A modal made the stage planned or proposed ("will stop", "may sign")."""


#: Verbs of what a meeting does: its stage is their tense, not a proposal.
_TALKING = frozenset({"discuss", "debate", "address", "exchange"})

#: Modals that make a measure a possibility only.
_HEDGES = frozenset({"may", "might", "could"})

#: Verbs that tell of a measure as a possibility: "warned that Berlin could halt exports".
_WARNING = frozenset({"warn", "threaten", "caution", "suggest", "signal", "hint"})

#: Nouns that undo an act ("the severance of its defence pact", "the collapse of the talks").
_UNDOING = frozenset({"severance", "termination", "cancellation", "annulment", "revocation", "abrogation",
                      "scrapping", "collapse", "breakdown", "repudiation", "dissolution", "renunciation"})
#: Verbs that refuse an act rather than undo a thing: a rule they touch is not changed.
_REFUSING = frozenset({"refuse", "decline", "reject", "deny", "rule", "dismiss", "fail", "veto", "oppose", "resist"})


def read_status(trigger: Token, chain: list[Token], lexicon: Lexicon, kind: str,
                fixed: str | None = None, past: str | None = None) -> StatusReading:
    """The stage the act of a trigger has reached, from the verbs that govern it and their clause; ``past`` is
    the stage the trigger's own simple past states, when it is not the tense's ("bought" is agreed)."""
    for token in chain:
        if kind == "export_control" and token is not trigger and is_verb(token) and \
                lexicon.status_class(lemma(token)) == "negated" and not any(c.dep_ == "neg" for c in token.children) \
                and token.lemma_.lower() not in _REFUSING:
            continue  # "scrapped the embargo": lifting a rule changes it as much as imposing one (but "ruled out
            # any change to its export rules", "refused to ease the curbs": no change)
        if _negated(token, lexicon, token is trigger):
            return StatusReading(None, f"negated at '{token.text}'")
        if is_verb(token) and any(c.dep_ in {"nsubj", "nsubjpass"} and any(
                g.dep_ in {"preconj", "det"} and g.lower_ == "neither" for g in c.children) for c in token.children):
            return StatusReading(None, f"'neither' subject of '{token.text}'")  # "neither Tokyo nor Manila has
            # any plan to develop weapons together"
        if token is not trigger and not is_verb(token) and token.lemma_.lower() in _UNDOING and \
                kind != "export_control":
            return StatusReading(None, f"undone by the {token.text}")  # "announced the severance of its defence
            # agreement with France": an accord ended, not made
        if is_verb(token) and _conditional(token, lexicon):
            return StatusReading(None, f"conditional at '{token.text}'")
    talks = next((t for t in chain[1:] if not is_verb(t) and t.lemma_.lower() in NEGOTIATIONS), None)
    if talks is not None and kind != "meeting":
        return StatusReading("proposed", f"under negotiation in the {talks.text}")  # "in talks on a deal"
    denial = next(filter(None, (_denied_claim(t, lexicon, t is chain[-1]) for t in chain)), None)
    if denial:
        return StatusReading(None, denial)
    top = chain[-1]
    if top.dep_ in {"ccomp", "xcomp"} and lemma(top.head) in lexicon.words["speculative"]:
        return StatusReading(None, f"'{top.head.text}' makes it a guess")  # "analysts speculate that Hanoi may buy"
    verbs = [t for t in chain if is_verb(t)]
    acts = [v for v in verbs if lexicon.status_class(lemma(v)) != "reporting" and v.lemma_ not in _WARNING]
    hedge = acts[-1] if acts and any(c.dep_ == "aux" and c.lower_ in _HEDGES for c in acts[-1].children) else None
    if kind == "export_control" and hedge is not None:  # (but "changed its rules so that firms may sell")
        # "Berlin may block the re-export", "could halt sales": a measure a state might take is a threat
        return StatusReading(None, f"'{hedge.text}' is a possibility, not a measure")
    classes = [lexicon.status_class(lemma(v)) for v in verbs]
    studied = next((v for v, c in zip(verbs, classes, strict=True) if v is not trigger and c == "proposed"), None)
    if studied is not None and "agreed" in classes[classes.index("proposed"):]:
        return StatusReading("proposed", f"'{studied.text}' states it proposed")  # "agreed to study building"
    letting = next((v for v in [*chain[1:], trigger.head] if v.lemma_.lower() in LETTING and v.i != trigger.i and any(
        c.dep_ in {"xcomp", "ccomp"} and c.i in {t.i for t in chain} for c in v.children)), None)
    if letting is not None and kind == "arms_transfer":
        above = [letting]
        while above[-1].dep_ in {"xcomp", "ccomp"} and above[-1].head.i != above[-1].i and len(above) < 4:
            above.append(above[-1].head)
        refused = next((v for v in above if any(c.dep_ == "neg" for c in v.children)
                        or v.lemma_.lower() in _REFUSING or lexicon.status_class(lemma(v)) == "negated"), None)
        if refused is not None:
            return StatusReading(None, f"'{refused.text}' withholds the permission")  # "might refuse to let"
        # "loosened its rules to enable it to sell missiles", "allowed Japan to ship missiles": a sale a permission
        # makes possible is decided, not yet made
        return StatusReading("agreed", f"'{letting.text}' makes it possible")
    signed_deal = _signed_deal_above(chain, lexicon)
    if signed_deal is not None and verbs and any(_modality(v, lexicon) == "planned" for v in verbs):
        # "Hungary will acquire four more jets under a deal signed on Friday": what a signed deal provides for is
        # agreed, whenever it happens
        return StatusReading("agreed", f"'{verbs[-1].text}' under the {signed_deal} signed")
    drafting = next((d for t in chain for p in t.children if p.dep_ == "prep" and p.lower_ in {"under", "through"}
                     for d in p.children if d.dep_ == "pobj" and d.lemma_.lower() in lexicon.words["agreed_under"]
                     and any(c.dep_ in {"acl", "relcl"} and lemma(c) in _DRAFTING and (c.tag_ == "VBG" or any(
                         a.lower_ == "being" for a in c.children)) for c in d.children)), None)
    if drafting is not None and verbs and any(_modality(v, lexicon) in {"planned", "proposed"} for v in verbs):
        # "the ships will be refitted in Spain under a deal the navies are still drafting": proposed
        return StatusReading("proposed", f"under a {drafting.text} still being written")
    # the outermost verb that states a decision, a plan or a proposal decides, with its own modality
    for verb in reversed(verbs):
        cls = lexicon.status_class(lemma(verb))
        if lemma(verb) == "go" and verb.tag_ == "VBD":
            cls = None  # "went on combat duty": no plan ("is going to" is one)
        if kind == "meeting" and verb.lemma_.lower() in _TALKING:
            cls = None  # "in a phone call, Xi and Putin discussed cooperation": talking is the meeting, at its tense
        if verb.lemma_.lower() == "enter" and any(p.dep_ == "prep" and p.lower_ == "into" and any(
                o.lemma_.lower() in lexicon.words["agreed_under"] for o in p.children) for p in verb.children):
            cls = "agreed"  # "entered into an agreement to acquire helicopters"
        if verb is trigger and fixed:
            cls = fixed
        if kind == "export_control" and cls == "negated":
            cls = "agreed"
        if verb.lemma_ in {"project", "estimate"} and any(c.dep_ == "prep" and c.lower_ == "at" for c in verb.children):
            cls = None  # "the budget is projected at $935 billion": a figure estimated, not a plan
        if cls in {"agreed", "planned", "proposed"}:
            modal = _modality(verb, lexicon)
            if cls == "agreed" and modal in {"planned", "proposed"}:
                return StatusReading(modal, f"'{verb.text}' with a {modal} modal", by_modal=True)
            if cls == "agreed" and modal == "ongoing":
                return StatusReading("proposed" if verb.lemma_ in {"negotiate"} else "agreed",
                                     f"'{verb.text}' under way")
            return StatusReading(cls, f"'{verb.text}' states it {cls}")
    plans = [t for t in chain[1:] if not is_verb(t) and lexicon.status_class(lemma(t)) in {"planned", "proposed"}]
    if not is_verb(trigger) and not plans:  # "planned talks", "a proposed sale", "the expected visit"
        plans = [c for c in trigger.children if c.dep_ == "amod" and c.tag_ == "VBN"
                 and lexicon.status_class(lemma(c)) in {"planned", "proposed"}]
    if plans and not fixed:
        cls = lexicon.status_class(lemma(plans[-1]))
        return StatusReading(cls, f"'{plans[-1].text}' states it {cls}")  # "plans to allow repairs", "a proposal to"
    if fixed and not verbs:
        return StatusReading(fixed, f"'{trigger.text}' states it {fixed}")
    if fixed and not any(lexicon.status_class(lemma(v)) in {"ongoing", "completed"} for v in verbs):
        modal = _modality(verbs[-1], lexicon)
        if modal in {"planned", "proposed"}:
            return StatusReading(modal, f"'{verbs[-1].text}' with a {modal} modal")
        return StatusReading(fixed, f"'{trigger.text}' states it {fixed}")  # "named the Mogami the winner"
    if not is_verb(trigger):
        for child in [c for t in [trigger, *theme_tokens(trigger)] for c in t.children]:
            cls = lexicon.status_class(lemma(child))
            if child.dep_ == "acl" and child.tag_ == "VBN" and cls == "agreed" and any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in child.children):
                return StatusReading("planned", f"'to be {child.text}'")  # "an agreement to be signed next week"
            if child.dep_ == "acl" and child.tag_ == "VBN" and cls in {"agreed", "planned", "proposed"}:
                # "the purchase, sealed in May"; "talks set for next Tuesday", "drills scheduled for May"
                return StatusReading(cls, f"'{child.text}' states it {cls}")
            if child.dep_ == "prep" and child.lower_ == "under" and any(g.lower_ == "way" for g in child.children):
                return StatusReading("ongoing", "under way")  # "Exercise Wallaby under way in Queensland"
    under_way = next((v for v in verbs if _under_way(v)), None)
    if under_way is not None and _modality(under_way, lexicon) not in {"planned", "proposed"}:
        return StatusReading("ongoing", f"'{under_way.text}' under way")  # "deliveries are under way"
    for verb in reversed(verbs):
        cls = lexicon.status_class(lemma(verb))
        if cls in {"ongoing", "completed"}:
            modal = _modality(verb, lexicon)
            if cls == "ongoing" and lemma(verb) in lexicon.words["lasting"] and modal == "planned":
                return StatusReading("ongoing", f"'{verb.text}' goes on")  # "will remain stationed until June"
            if modal in {"planned", "proposed"}:
                return StatusReading(modal, f"'{verb.text}' with a {modal} modal")
            return StatusReading(cls, f"'{verb.text}' states it {cls}")
    under = _under_agreement(chain, lexicon)
    after = _after_or_before(chain)
    if after == "completed" and past:
        return StatusReading(past, f"'{after}' by its preposition: done, as its past states")  # "after buying them"
    if after:
        return StatusReading(after, f"'{after}' by its preposition")
    own: list[Token] = []
    for verb in verbs:  # "has landed in Doha and is in talks": a conjunct keeps its own tense
        own.append(verb)
        if verb.dep_ == "conj":
            break
    tense_verb = next((v for v in reversed(own) if (v is trigger or lexicon.status_class(lemma(v)) != "reporting")
                       and not (
        v.lemma_ == "be" and any(c.dep_ == "xcomp" for c in v.children))), None)  # "are to develop": the infinitive
    if tense_verb is None:
        if under:
            return StatusReading("agreed", f"under the {under}")
        stated = next((c for c in trigger.children if c.dep_ in {"compound", "amod"} and c.i < trigger.i and
                       lexicon.status_class(c.lemma_.lower()) in {"agreed", "planned", "proposed"}), None)
        if stated is not None:  # a headline's verb read as a noun: "Philippines, US sign pact on nickel"
            cls = lexicon.status_class(stated.lemma_.lower())
            return StatusReading(cls, f"'{stated.text}' states it {cls}")
        return StatusReading(lexicon.default.get(kind, "agreed"), "no verb states it: the type's default",
                             tense_only=True)
    if tense_verb.lemma_ in {"follow", "precede"} and tense_verb.tag_ in {"VBN", "VBG"} and is_verb(tense_verb.head):
        tense_verb = tense_verb.head  # "will hold talks, followed by a summit": the sequence takes its tense
    modal = _modality(tense_verb, lexicon)
    if modal == "present" and kind == "meeting" and tense_verb.lemma_ == "be" and \
            trigger.dep_ == "pobj" and trigger.head.lower_ == "in":
        return StatusReading("ongoing", f"'{tense_verb.text}' in talks now")  # "is in talks with the emir"
    there = next((v for v in verbs if v.lemma_ == "be" and v.tag_ in {"VBZ", "VBP"} and any(
        c.dep_ == "prep" and c.lower_ in {"in", "at"} for c in v.children)), None)
    if kind == "meeting" and there is not None and tense_verb is not trigger and \
            _modality(tense_verb, lexicon) in {"present", "planned"} and \
            not any(c.dep_ == "aux" and c.lower_ in {"will", "shall"} for c in there.children):
        return StatusReading("ongoing", f"'{there.text}' there now")  # "Modi is in Tokyo this week to attend"
    if modal == "present" and kind == "meeting" and tense_verb.lemma_ == "be" and tense_verb is not trigger and \
            any(c.dep_ == "prep" and c.lower_ in {"in", "at"} for c in tense_verb.children):
        return StatusReading("ongoing", f"'{tense_verb.text}' there now")  # "Modi is in Tokyo to attend the summit"
    if modal == "present" and not is_verb(trigger) and trigger.lemma_.lower() in lexicon.words["agreed_under"]:
        return StatusReading("agreed", f"'{tense_verb.text}': the {trigger.text} stands")  # "the pact is part of"
    if modal == "ongoing" and kind == "meeting" and tense_verb.dep_ in {"advcl", "acl"} and \
            not any(c.dep_ == "aux" for c in tense_verb.children):
        return StatusReading("completed", f"'{tense_verb.text}' while it was held")  # "hosting Macron for talks"
    if modal in {"planned", "proposed"} and under:
        return StatusReading("agreed", f"'{tense_verb.text}' under the {under}")
    if modal == "present" and tense_verb.dep_ in {"relcl", "advcl", "ccomp"}:
        outer = next((a for a in tense_verb.ancestors if is_verb(a)), None)
        if outer is not None and any(c.dep_ == "aux" and c.lower_ in {"will", "shall", "'ll"} for c in outer.children):
            # "this will mark the first occasion both sides meet", "when they meet next week": the outer future
            return StatusReading("planned", f"'{tense_verb.text}' in a clause of '{outer.text}'", tense_only=True)
    if modal == "present":
        return StatusReading(lexicon.present.get(kind, "ongoing"), f"'{tense_verb.text}' in the present")
    if modal is None:
        return StatusReading(lexicon.default.get(kind, "agreed"), f"'{tense_verb.text}' states no stage",
                             tense_only=True)
    if past and modal == "completed" and tense_verb is trigger and not any(
            c.dep_ == "aux" and c.lemma_ == "have" for c in trigger.children):
        return StatusReading(past, f"'{trigger.text}' in the past states it {past}")  # not "has bought"
    return StatusReading(modal, f"'{tense_verb.text}' is {modal}", tense_only=True, by_modal=True)


def _under_way(verb: Token) -> bool:
    """"is under way", "got underway", "are well under way"."""
    for child in verb.children:
        if child.lower_ == "underway":
            return True
        if child.dep_ == "prep" and child.lower_ == "under" and any(c.lower_ == "way" for c in child.children):
            return True
    return False


def _modality(verb: Token, lexicon: Lexicon) -> str | None:
    """planned (will), proposed (may, could), ongoing (is doing), completed (did, has done), present."""
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if verb.dep_ == "conj" and not auxes and verb.head.pos_ in VERBISH:
        auxes = [c for c in verb.head.children if c.dep_ in {"aux", "auxpass"}]
    words = [a.lower_ for a in auxes]
    for word in words:
        if word in lexicon.modals.get("proposed", ()):
            return "proposed"
        if word in lexicon.modals.get("planned", ()):
            return "planned"
    if verb.dep_ == "xcomp" and verb.head.lemma_ == "go" and verb.head.tag_ == "VBG":
        return "planned"
    if any(w == "to" for w in words) and verb.head.lemma_ == "be":
        return "planned"  # "are to sign"
    if words == ["to"] and (verb.dep_ == "ROOT" or not is_verb(verb.head)) and verb.i > 0:
        return "planned"  # a headline's infinitive: "Seoul, Warsaw to hold talks", "Tokyo to buy Tomahawks"
    if verb.dep_ in {"xcomp", "advcl", "acl", "relcl"} and "to" in words and len(words) == 1:
        return None  # a bare infinitive takes its stage from what governs it
    if verb.tag_ == "VBG" and (any(a.lemma_ == "be" for a in auxes) or verb.dep_ in {"acl", "advcl"}):
        return "ongoing"
    if verb.tag_ == "VBN" and any(a.lower_ == "being" for a in auxes):
        return "ongoing"  # "are being repaired"
    if verb.tag_ in {"VBD"} or (verb.tag_ == "VBN" and (any(a.lemma_ in {"have", "be"} for a in auxes)
                                                       or verb.dep_ in {"acl", "amod", "ROOT", "conj"})):
        return "completed"
    if verb.tag_ == "VBN" and not auxes and verb.dep_ == "ccomp" and any(c.dep_ == "nsubj" for c in verb.children):
        return "completed"  # "the drills brought together two carriers, officials said": a past tense misread
    if verb.tag_ in {"VBZ", "VBP"}:
        return "present"
    if auxes and any(a.tag_ in {"VBZ", "VBP"} and a.lemma_ == "be" for a in auxes) and verb.tag_ == "VBN":
        return "present"
    return None


def _negated(token: Token, lexicon: Lexicon, is_trigger: bool) -> bool:
    for child in token.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ == "det" and child.lower_ == "no":
            return True
    if not is_trigger and is_verb(token) and lexicon.status_class(lemma(token)) == "negated":
        return True
    if is_verb(token) and token.lemma_ in {"call", "deem", "consider", "label", "brand", "term", "find", "judge"} \
            and any(c.dep_ == "oprd" for c in token.children):
        return True  # "called the drills provocative": a judgement of the act, not the act
    return token.dep_ == "pobj" and token.head.lower_ == "without"


def _conditional(verb: Token, lexicon: Lexicon) -> bool:
    for child in verb.children:
        if child.dep_ == "mark" and child.lower_ in {"whether", "if"} and verb.head.i != verb.i and (
                (child.lower_ == "whether" and lexicon.status_class(lemma(verb.head)) in {
                    "proposed", "planned", "agreed"})
                or (child.lower_ == "if" and lemma(verb.head) in ASKING)):
            continue  # "studying whether to buy", "asked if Washington would sell": a question weighed, no condition
        if child.dep_ == "mark" and child.lower_ in lexicon.words["conditional"]:
            return True
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in child.children) \
                and _modality(verb, lexicon) in {"planned", "proposed"}:
            return True  # "Spain will buy the trainers only if Ankara cuts the price"
        if child.dep_ == "aux" and child.lower_ in {"should", "were", "had"}:
            subjects = [c.i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if subjects and child.i < min(subjects):
                return True  # "should Canada decide to buy"
    return False


#: How the participles begin that name who holds an exercise ("co-hosted by", "led by", "organised by").
HOSTING = ("host", "cohost", "organis", "organiz", "led", "lead", "conduct", "stage", "held", "run", "chair")

#: Verbs after which "if" asks rather than sets a condition ("asked if Washington would sell").
ASKING = frozenset({"ask", "wonder", "question", "know", "see", "check", "decide", "consider", "study", "examine"})

#: Adjectives of attitude: a party after them is what is feared or opposed ("both wary of Turkish activity").
WARY = frozenset({"wary", "concerned", "worried", "afraid", "fearful", "suspicious", "nervous", "anxious", "alarmed",
                  "uneasy", "mindful", "hostile", "critical", "angry", "furious", "distrustful", "cautious", "fearing",
                  "jittery", "apprehensive", "resentful"})

#: Talks whose subject is still under negotiation ("in talks with Sweden on a cooperation agreement").
NEGOTIATIONS = frozenset({"talk", "talks", "negotiation", "negotiations", "discussion", "discussions"})

#: Claims that are guesses whatever is said of them, and words that dismiss a claim ("reports ... are premature").
GUESSES = frozenset({"speculation", "rumour", "rumor", "guess", "conjecture", "gossip"})
DISMISSIVE = frozenset({"premature", "unfounded", "false", "baseless", "untrue", "groundless", "inaccurate",
                        "wrong", "fabricated", "incorrect", "exaggerated", "misleading", "speculative", "fake",
                        "nonsense", "fiction", "rumour", "rumor", "speculation"})


def _denied_claim(top: Token, lexicon: Lexicon, outermost: bool = True) -> str | None:
    """"dismissed reports that it had agreed": a claim noun whose governing verb denies it."""
    head = top.head
    claims = lexicon.words["claims"]
    noun = top if top.lemma_.lower() in claims and not is_verb(top) else \
        head if top.dep_ in {"acl", "ccomp", "relcl"} and head.lemma_.lower() in claims else None
    if noun is not None:
        verb = noun.head
        if lexicon.status_class(lemma(verb)) == "negated" or any(c.dep_ == "neg" for c in verb.children):
            return f"'{verb.text}' denies the {noun.text}"
        if noun.lemma_.lower() in GUESSES:
            return f"the {noun.text} is a guess"  # "speculation that Iran could send missiles has grown"
        if noun.dep_ == "nsubj" and any(c.dep_ in {"acomp", "attr"} and c.lemma_.lower() in DISMISSIVE
                                        for c in verb.children):
            return f"the {noun.text} is called {next(c.text for c in verb.children if c.dep_ in {'acomp', 'attr'})}"
    if outermost and top.dep_ == "ccomp" and (lexicon.status_class(lemma(head)) == "negated"
                                or any(c.dep_ == "neg" for c in head.children)):
        return f"'{head.text}' denies it"
    return None


def _under_agreement(chain: list[Token], lexicon: Lexicon) -> str | None:
    for token in chain:
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in {"under", "through", "via"}:
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.lemma_.lower() in lexicon.words["agreed_under"] and \
                            not _deal_to_come(obj, lexicon):
                        return str(obj.text)
                    if obj.dep_ == "pobj" and obj.lower_ == "which" and token.dep_ == "relcl" and \
                            token.head.lemma_.lower() in lexicon.words["agreed_under"]:
                        return str(token.head.text)
    return None


def _deal_to_come(deal: Token, lexicon: Lexicon) -> bool:
    """"a deal to be signed next month", "a contract expected to be signed": not yet made."""
    for clause in deal.children:
        if clause.dep_ in {"acl", "relcl"} and is_verb(clause) and (
                any(c.dep_ in {"aux", "auxpass"} and c.lower_ in {"to", "will", "would", "may", "could"}
                    for c in clause.children)
                or lexicon.status_class(lemma(clause)) in {"planned", "proposed"}
                or (clause.tag_ == "VBG" and lemma(clause) in _DRAFTING)):
            return True  # ("a deal the ministries are drafting": still being written)
    return False


#: Verbs of writing a deal not yet made ("a plan they are drafting").
_DRAFTING = frozenset({"draft", "negotiate", "prepare", "discuss", "finalize", "finalise", "work out", "hammer out",
                       "write", "draw up"})


def _signed_deal_above(chain: list[Token], lexicon: Lexicon) -> str | None:
    """The deal an act happens under, when the sentence states it signed or agreed ("under a deal signed on
    Friday", "under the contract it signed in May"); not one still to be signed."""
    # (and a participle's adjunct: "will acquire four jets, taking its fleet to 18, under a deal signed on Friday")
    holders = [*chain, *(c for t in chain if is_verb(t) for c in t.children if c.dep_ == "advcl" and c.tag_ == "VBG")]
    holders += [t.head for t in chain if t.dep_ == "conj" and is_verb(t) and is_verb(t.head) and any(
        p.dep_ == "prep" and p.i < t.head.i for p in t.head.children)]  # "Under the deal signed on Monday, X will
    # build the missiles and the two will jointly develop a variant": the fronted deal covers both
    holders += [c for t in chain if is_verb(t) for c in t.children if c.dep_ == "conj" and is_verb(c) and any(
        p.dep_ == "prep" and p.lower_ == "under" and p.i > c.i and c.doc[p.i - 1].text == "," for p in c.children)]
    # ("will co-develop a drone and later build it, under a deal reached on Monday": the trailing deal covers both)
    for token in holders:
        preps = [*token.children, *(g for c in token.children if c.dep_ == "prep" and c.lower_ == "according"
                                    for g in c.children if g.dep_ == "prep" and g.lower_ == "to")]
        for prep in preps:  # ("according to the accord they signed": it says so)
            if prep.dep_ != "prep" or prep.lower_ not in {"under", "through", "to"} or (
                    prep.lower_ == "to" and prep.head.lower_ != "according"):
                continue
            for deal in prep.children:
                if deal.dep_ != "pobj" or deal.lemma_.lower() not in lexicon.words["agreed_under"] | _LAWS:
                    continue
                if prep.lower_ == "under" and any(c.lower_ in {"same", "existing", "current", "that", "this"}
                                                  for c in deal.children if c.dep_ in {"amod", "det"}):
                    return str(deal.text)  # "and under that contract the yard will also service the boats"
                for clause in deal.children:
                    if clause.dep_ in {"acl", "relcl"} and is_verb(clause) and clause.tag_ in {"VBN", "VBD"} and \
                            lexicon.status_class(lemma(clause)) == "agreed" and not any(
                                c.dep_ in {"aux", "auxpass"} and c.lower_ in {"will", "would", "to", "be", "may"}
                                for c in clause.children):
                        return str(deal.text)
    return None


#: Acts of a parliament that something is done under, once passed ("under a law adopted on Monday").
_LAWS = frozenset({"law", "legislation", "act", "decree", "resolution"})


def _after_or_before(chain: list[Token]) -> str | None:
    for token in chain:
        if token.dep_ in {"pobj", "pcomp"} and token.head.lower_ == "after":
            return "completed"
        if (token.dep_ in {"pobj", "pcomp"} and token.head.lower_ in {"before"}) or (
                token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ == "ahead"):
            return "planned"
    return None

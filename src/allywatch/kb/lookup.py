"""Looking a name up in the knowledge base, with the reasons one candidate wins."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from allywatch.kb.loader import KnowledgeBase, Person, fold


@dataclass(frozen=True)
class Candidate:
    """A person the name may stand for, how close the name is, and why."""

    person: Person
    score: float
    reasons: tuple[str, ...]
    fits: bool


def name_similarity(a: str, b: str) -> float:
    """Similarity of two folded names, forgiving a changed word order ("Ishikawa Takeshi") and the spellings that
    transliteration varies ("Shmigal" and "Shmyhal", "Sviridenko" and "Svyrydenko", "Kang Gu-yeong" and "Kang
    Goo-young", "Besent" and "Bessent"): the better of the two spellings and of their sound keys."""
    spelled = max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))
    x, y = sound_key(a), sound_key(b)
    sounded = max(fuzz.ratio(x, y), fuzz.token_sort_ratio(x, y))
    return max(spelled, sounded) if sounded >= 88 else spelled  # a sound key counts only when it nearly agrees


_VOWEL_PAIRS = (("oo", "u"), ("ou", "u"), ("eo", "o"), ("ee", "i"), ("ie", "i"), ("ph", "f"), ("ck", "k"))


@lru_cache(maxsize=65536)
def sound_key(name: str) -> str:
    """A rough key of how a folded name sounds across romanisations: y and i, w and v, doubled letters, an h after
    a consonant or between vowels, hyphens and the article "el-"/"al-" are written differently by different
    outlets. (Written here because no pinned package romanises names across Cyrillic, Korean and Arabic sources.)"""
    key = re.sub(r"\b(?:el|al|ul)[- ]", "", name.lower())
    key = re.sub(r"[^a-z ]", " ", key)
    for old, new in _VOWEL_PAIRS:
        key = key.replace(old, new)
    key = key.replace("y", "i").replace("w", "v").replace("h", "")
    key = re.sub(r"(.)\1+", r"\1", key)
    return " ".join(key.split())


_KOREAN_SYLLABLE = re.compile(r"^[a-z]{1,6}$")


def korean_key(name: str) -> str | None:
    """A key under which the romanisations of one Korean name agree ("Seok Jong-gun", "Suk Jong-keon"; "Kang
    Goo-young", "Kang Gu-yeong", "Gang Gu-yeong"; "Yun Seok-yeol", "Yoon Suk Yeol"): the vowels eo, oo, ou and u
    fold to o, and the initial consonants k/g, t/d, p/b and ch/j, which the systems voice differently, are
    merged. ``None`` for a name not shaped like a Korean one (a one-syllable family name and a two-syllable given
    name); the key is loose, so it is used only to compare whole names of Korean people."""
    words = fold(name).replace("-", " ").split()
    if len(words) != 3 or not all(_KOREAN_SYLLABLE.match(w) for w in words) or len(words[0]) > 5:
        return None
    out = []
    for word in words:
        word = re.sub(r"^ch", "j", word)
        word = {"k": "g", "t": "d", "p": "b"}.get(word[0], word[0]) + word[1:]
        for old, new in (("eo", "o"), ("oo", "o"), ("ou", "o"), ("u", "o"), ("ee", "i"), ("wo", "o")):
            word = word.replace(old, new)
        out.append(word)
    return " ".join(out)


def lookup_person(kb: KnowledgeBase, name: str, on: dt.date | None = None, office: str | None = None,
                  party: str | None = None, limit: int = 5) -> list[Candidate]:
    """People whose names are like ``name``, best first; ``fits`` says whether office, party and date agree."""
    key = fold(name)
    out = []
    for person in kb.people:
        score = max(name_similarity(key, fold(form)) for form in (person.name, *person.aliases))
        if score < 60:
            continue
        reasons = [f"name similarity {score:.0f}" + (" (exact)" if score == 100 else "")]
        fits = True
        if office or on or party:
            terms = [o for o in person.offices if (office is None or o.office == office)
                     and (party is None or o.party == party) and (on is None or o.held_on(on))]
            if terms:
                reasons += [f"{o.office} of {o.party} {o.start}–{o.end or 'now'}" for o in terms]
            else:
                fits = False
                wanted = " ".join(x for x in (office, party, f"on {on}" if on else None) if x)
                reasons.append(f"no term as {wanted}")
        out.append(Candidate(person, score, tuple(reasons), fits))
    out.sort(key=lambda c: (c.fits, c.score), reverse=True)
    return out[:limit]


def offices_of(kb: KnowledgeBase, name: str) -> list[dict[str, str | None]]:
    """The offices and terms of the person the knowledge base knows by the canonical ``name`` (none for a name it
    does not know as a person's): ``office``, ``party``, ``start`` and ``end`` (ISO dates; ``None`` while held)."""
    people = kb.people_by_form.get(fold(name), [])
    return [{"office": o.office, "party": o.party, "start": o.start.isoformat(),
             "end": o.end.isoformat() if o.end else None} for person in people[:1] for o in person.offices]

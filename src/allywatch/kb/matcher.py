"""Fast phrase matching of knowledge-base names in text, longest match first.

Names are compared as sequences of folded word tokens (accents, case and
punctuation folded), so "Bumar-Labedy" finds "Bumar-Łabędy" and "U.S." finds
"US". Case still matters where it carries meaning: a name written in capitals
("US", "MHI") only matches capitals, and a capitalised name only matches text
that is capitalised too, so "us" and "patriot" stay ordinary words.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from allywatch.kb.loader import fold

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
MAX_TOKENS = 10


@dataclass(frozen=True)
class Match:
    """A knowledge-base name found in text."""

    start: int
    end: int
    text: str
    kind: str
    key: str


@dataclass(frozen=True)
class _Entry:
    kind: str
    key: str
    upper: bool
    capital: bool


class PhraseMatcher:
    """Finds every longest, non-overlapping knowledge-base name in a text."""

    def __init__(self, forms: Iterable[tuple[str, str, str]]) -> None:
        self._entries: dict[tuple[str, ...], list[_Entry]] = defaultdict(list)
        self._lengths: dict[str, set[int]] = defaultdict(set)
        for form, kind, key in forms:
            tokens = tuple(fold(t) for t in _WORD.findall(form))
            tokens = tuple(t for t in tokens if t)
            if not tokens or len(tokens) > MAX_TOKENS:
                continue
            letters = [c for c in form if c.isalpha()]
            upper = len(letters) <= 5 and all(c.isupper() for c in letters)
            entry = _Entry(kind, key, upper, form[:1].isupper())
            if entry not in self._entries[tokens]:
                self._entries[tokens].append(entry)
            self._lengths[tokens[0]].add(len(tokens))
        self._max = {first: sorted(lengths, reverse=True) for first, lengths in self._lengths.items()}

    def find(self, text: str) -> list[tuple[Match, list[_Entry]]]:
        """All longest matches, left to right, each with every entry that has that name."""
        words = [(m.start(), m.end(), _fold_word(m.group())) for m in _WORD.finditer(text)]
        out: list[tuple[Match, list[_Entry]]] = []
        i = 0
        while i < len(words):
            lengths = self._max.get(words[i][2])
            matched = False
            if lengths:
                for n in lengths:
                    if i + n > len(words):
                        continue
                    key = tuple(w[2] for w in words[i:i + n])
                    entries = self._entries.get(key)
                    if not entries:
                        continue
                    start, end = words[i][0], words[i + n - 1][1]
                    if not _same_phrase(text, words, i, n):
                        continue
                    surface = text[start:end]
                    fitting = [e for e in entries if _case_fits(e, surface)]
                    if fitting:
                        out.append((Match(start, end, surface, fitting[0].kind, fitting[0].key), fitting))
                        i += n
                        matched = True
                        break
            if not matched:
                i += 1
        return out


@lru_cache(maxsize=1 << 16)
def _fold_word(word: str) -> str:
    """A word's folded form; news repeats its words, so each is folded once."""
    return fold(word)


def _same_phrase(text: str, words: list[tuple[int, int, str]], i: int, n: int) -> bool:
    """The words of a match are not split by a line break or sentence punctuation."""
    for k in range(i, i + n - 1):
        gap = text[words[k][1]:words[k + 1][0]]
        if "\n" in gap or any(c in gap for c in ";:!?()\"") or len(gap) > 3:
            return False
    return True


def _case_fits(entry: _Entry, surface: str) -> bool:
    if entry.upper:
        letters = [c for c in surface if c.isalpha()]
        return all(c.isupper() for c in letters)
    if entry.capital:
        return surface[:1].isupper()
    return True

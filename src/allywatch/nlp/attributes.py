"""The model's part-of-speech mapping and lemmas, applied from an index over token arrays.

After the tagger and parser, the English model runs two rule components: an ``attribute_ruler`` (about 180 one- or
two-token patterns that turn fine tags into coarse parts of speech and morphology, through spaCy's general
``Matcher``) and a rule ``lemmatizer`` (a Python loop over ``Token`` objects). Together they took more time than the
parser itself. Their rules are simple conditions on a token and its neighbour, and a lemma depends only on the word,
its part of speech and its morphology, so :class:`FastAttributes` compiles the ruler's own table once into an index
keyed by tag and word, reads and writes the doc as integer arrays, and remembers each lemma the lemmatizer gives.
The output is the two components', token for token (``tests/nlp/test_attributes.py`` compares them); a pattern this
compiler does not understand makes :func:`install` leave the pipeline as it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

#: The columns read from a doc, in this order; the rules' attribute ids index into them.
_READ = (TAG, LOWER, DEP, IS_SPACE, POS, MORPH, LEMMA, ORTH)
_COLUMN = {attr: k for k, attr in enumerate(_READ)}
_WRITE = (TAG, DEP, POS, MORPH, LEMMA)
_NAMES = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}

_Row = list[int]
_Test = Callable[[_Row], bool]


class Unsupported(ValueError):
    """A ruler pattern this compiler does not handle."""


def _test(vocab: Vocab, field: str, want: Any) -> _Test:
    attr = _NAMES.get(field)
    if attr is None:
        raise Unsupported(f"attribute {field}")
    k = _COLUMN[attr]
    if isinstance(want, bool):
        flag = int(want)
        return lambda row: row[k] == flag
    if isinstance(want, str):
        key = vocab.strings.add(want)
        return lambda row: row[k] == key
    if isinstance(want, dict) and len(want) == 1:
        (op, value), = want.items()
        if op == "IN":
            members = frozenset(vocab.strings.add(v) for v in value)
            return lambda row: row[k] in members
        if op == "NOT_IN":
            others = frozenset(vocab.strings.add(v) for v in value)
            return lambda row: row[k] not in others
        if op == "REGEX":
            pattern = re.compile(value)
            strings = vocab.strings
            return lambda row: pattern.search(strings[row[k]]) is not None
    raise Unsupported(f"condition {field}: {want!r}")


@dataclass(frozen=True)
class _Rule:
    order: int  # the pattern's place in the ruler: later rules override earlier ones
    tests: tuple[tuple[_Test, ...], ...]  # one tuple of tests per token of the pattern
    index: int  # which token of the match receives the attributes
    attrs: tuple[tuple[int, int], ...]  # (column, value) pairs to write


class FastAttributes:
    """Applies an attribute ruler's patterns, then a lemmatizer, to a parsed doc."""

    def __init__(self, vocab: Vocab, patterns: Iterable[dict[str, Any]], attrs: list[dict[Any, Any]],
                 lemmatize: Callable[[Any], list[str]] | None) -> None:
        self.vocab = vocab
        self.lemmatize = lemmatize
        self.lemmas: dict[tuple[int, int, int], int] = {}
        self.by_tag: dict[int, list[_Rule]] = {}
        self.by_word: dict[int, list[_Rule]] = {}
        self.by_pair: dict[tuple[int, int], list[_Rule]] = {}
        self.by_dep: dict[int, list[_Rule]] = {}
        self.spaces: list[_Rule] = []
        self.anywhere: list[_Rule] = []
        for order, (entry, normed) in enumerate(zip(patterns, attrs, strict=True)):
            if any(attr not in _WRITE for attr in normed):
                raise Unsupported(f"assigned attributes {entry['attrs']!r}")
            writes = tuple((_COLUMN[attr], int(value)) for attr, value in normed.items())
            for pattern in entry["patterns"]:
                if not pattern or any(not isinstance(spec, dict) or "OP" in spec for spec in pattern):
                    raise Unsupported(f"pattern {pattern!r}")
                index = entry.get("index", 0)
                if not -len(pattern) <= index < len(pattern):
                    raise Unsupported(f"index {index} of {pattern!r}")
                tests = tuple(tuple(_test(vocab, f, v) for f, v in spec.items()) for spec in pattern)
                rule = _Rule(order, tests, index % len(pattern), writes)
                self._index(pattern[0], rule)

    def _index(self, first: dict[str, Any], rule: _Rule) -> None:
        """File a rule under the tags and words its first token can have, so a token meets only its own rules."""
        def keys(field: str) -> list[int] | None:
            want = first.get(field)
            if isinstance(want, str):
                return [self.vocab.strings.add(want)]
            if isinstance(want, dict) and list(want) == ["IN"]:
                return [self.vocab.strings.add(v) for v in want["IN"]]
            return None

        tags, words = keys("TAG"), keys("LOWER")
        if tags is not None and words is not None:
            for key in {(t, w) for t in tags for w in words}:
                self.by_pair.setdefault(key, []).append(rule)
        elif tags is not None:
            for t in set(tags):
                self.by_tag.setdefault(t, []).append(rule)
        elif words is not None:
            for w in set(words):
                self.by_word.setdefault(w, []).append(rule)
        elif first.get("IS_SPACE") is True:
            self.spaces.append(rule)
        elif isinstance(first.get("DEP"), str):
            self.by_dep.setdefault(self.vocab.strings.add(first["DEP"]), []).append(rule)
        else:
            self.anywhere.append(rule)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows: list[_Row] = doc.to_array(list(_READ)).tolist()
        tag, lower, dep, space = _COLUMN[TAG], _COLUMN[LOWER], _COLUMN[DEP], _COLUMN[IS_SPACE]
        found: list[tuple[int, int, _Rule]] = []
        for i, row in enumerate(rows):
            for rule in (*self.by_tag.get(row[tag], ()), *self.by_word.get(row[lower], ()),
                         *self.by_pair.get((row[tag], row[lower]), ()), *self.by_dep.get(row[dep], ()),
                         *(self.spaces if row[space] else ()), *self.anywhere):
                if i + len(rule.tests) <= len(rows) and all(
                        test(rows[i + k]) for k, tests in enumerate(rule.tests) for test in tests):
                    found.append((rule.order, i, rule))
        # every condition is read before any attribute changes; then the rules apply in the ruler's order
        for _, start, rule in sorted(found, key=lambda f: (f[0], f[1])):
            row = rows[start + rule.index]
            for column, value in rule.attrs:
                row[column] = value
        if self.lemmatize is not None:
            self._lemmas(doc, rows)
        columns = [_COLUMN[attr] for attr in _WRITE]
        doc.from_array(list(_WRITE), _array([[row[c] for c in columns] for row in rows]))
        return doc

    def _lemmas(self, doc: Doc, rows: list[_Row]) -> None:
        """The lemmatizer's lemma for each token the rules left without one (it depends on the word, its part of
        speech and its morphology only, so each is computed once)."""
        assert self.lemmatize is not None
        orth, pos, morph, lemma = _COLUMN[ORTH], _COLUMN[POS], _COLUMN[MORPH], _COLUMN[LEMMA]
        pending = []
        for i, row in enumerate(rows):
            if row[lemma]:
                continue
            key = (row[orth], row[pos], row[morph])
            known = self.lemmas.get(key)
            if known is None:
                pending.append((i, key))
            else:
                row[lemma] = known
        if pending:
            # the lemmatizer reads the token's part of speech and morphology: give it the rules' values first
            doc.from_array([POS, MORPH], _array([[row[pos], row[morph]] for row in rows]))
            for i, key in pending:
                value = self.vocab.strings.add(self.lemmatize(doc[i])[0])
                self.lemmas[key] = value
                rows[i][lemma] = value


def _array(rows: list[list[int]]) -> Any:
    """Rows of attribute values as the unsigned array ``Doc.from_array`` takes."""
    return numpy.array(rows, dtype="uint64")


class _Slot:
    """The pipeline component: runs the compiled mapping it is given."""

    def __init__(self) -> None:
        self.apply: FastAttributes | None = None

    def __call__(self, doc: Doc) -> Doc:
        return self.apply(doc) if self.apply is not None else doc


@Language.factory("allywatch_attributes")
def _slot(nlp: Language, name: str) -> _Slot:
    return _Slot()


def install(nlp: Any) -> bool:
    """Put the fast mapping in place of the pipeline's ``attribute_ruler`` and rule ``lemmatizer``; False (the
    pipeline unchanged) when it cannot."""
    if nlp.pipe_names[-2:] != ["attribute_ruler", "lemmatizer"]:
        return False
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule" or getattr(lemmatizer, "overwrite", True):
        return False
    try:
        fast = FastAttributes(nlp.vocab, ruler.patterns, ruler.attrs, lemmatizer.lemmatize)
    except Unsupported:
        return False
    nlp.remove_pipe("lemmatizer")
    slot = nlp.replace_pipe("attribute_ruler", "allywatch_attributes")
    slot.apply = fast
    return True

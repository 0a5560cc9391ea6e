"""The event lexicon as data: trigger words, their argument frames and the status vocabulary, validated on load.

``lexicon.yaml`` beside this module is the shipped lexicon; a user file with the same keys extends it (its
triggers are added, its word lists joined). Loading checks every entry, so a typo fails at start-up with the
file and entry named, not as a silent miss halfway through a corpus.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from allywatch.errors import AllywatchError

EVENT_TYPES = ("co_development", "co_production", "arms_transfer", "supply_chain", "maintenance", "export_control",
               "defense_spending", "meeting", "agreement", "exercise", "force_posture")
DIRECTED = {"arms_transfer": ("supplier", "recipient"), "maintenance": ("provider", "owner"),
            "export_control": ("actor", "target")}
STATUSES = ("proposed", "planned", "agreed", "ongoing", "completed")
SLOTS = frozenset({"subject", "object", "theme", "maker", "agent", "dative", "possessor", "modifier"})
ROLES = frozenset({"party", "side", "host", "owner", *(r for pair in DIRECTED.values() for r in pair)})
NEEDS = frozenset({"equipment", "joint", "defence", "forces", "phone", "industry", "minerals", "stated", "customer",
                   "recipient", "sum", "official", "goal", "leaders", "asked_for", "struck", "exports",
                   "in_service", "under", "consignment", "firm", "base", "abroad"})
POS = frozenset({"VERB", "NOUN", "PROPN", "ADJ", "NUM", "X", "ADV"})


#: Words that make goods military ("military automobiles", "armoured trucks"): such goods are equipment.
ARMED = frozenset({"military", "armoured", "armored", "army", "naval", "combat", "tactical"})


class LexiconError(AllywatchError):
    """The event lexicon is malformed."""


@dataclass(frozen=True)
class Trigger:
    """One word or phrase that signals an event type, with the frame that reads its arguments."""

    lemmas: tuple[str, ...]
    pos: frozenset[str]
    type: str
    frame: str
    needs: tuple[str, ...] = ()
    status: str | None = None
    delivery: bool = False
    past: str | None = None
    """The stage its simple past states ("bought" is a purchase agreed, not goods delivered)."""

    @property
    def text(self) -> str:
        return " ".join(self.lemmas)


@dataclass(frozen=True)
class Lexicon:
    """Triggers by their first lemma, frames by name, and the word lists that status and arguments read."""

    triggers: dict[str, tuple[Trigger, ...]]
    frames: dict[str, dict[str, str]]
    words: dict[str, frozenset[str]]
    status_words: dict[str, frozenset[str]]
    modals: dict[str, frozenset[str]]
    by_type: dict[str, dict[str, str]]
    default: dict[str, str]
    present: dict[str, str]
    surface: frozenset[str] = field(default=frozenset())
    """Lower-case word forms that may be a trigger: a cheap test of whether a sentence is worth parsing."""
    idioms: tuple[tuple[str, ...], ...] = ()
    """Word sequences in which no word is a trigger ("in order to")."""
    by_form: dict[str, tuple[Trigger, ...]] = field(default_factory=dict)
    """The triggers each lower-case word form may stand for (``surface`` as a table)."""

    def may_fire(self, words: set[str], has_program: bool = False) -> bool:
        """Whether a sentence with these lower-case words could hold an event: a trigger form is there and the
        words its conditions look for are too (a cheap test before parsing; the parse decides)."""
        if any(w.startswith("co-") for w in words):
            return True
        stems = words | {_singular(w) for w in words}
        for word in words:
            for trigger in self.by_form.get(word, ()):
                if all(self._could_meet(need, stems, has_program) for need in trigger.needs):
                    return True
        return False

    def _could_meet(self, need: str, stems: set[str], has_program: bool) -> bool:
        if need == "equipment":  # (or goods called military: "military trucks", read on the parse)
            return has_program or bool(stems & (self.words["equipment"] | ARMED))
        if need == "forces":  # (or platforms the knowledge base names: "Gripens landed for a deployment")
            return has_program or bool(stems & self.words[need])
        if need == "minerals":
            return bool(stems & self.words[need])
        if need in {"official", "leaders"}:
            return bool(stems & self.words["officials"])
        if need == "defence":
            return bool(stems & (self.words["defence"] | {"gdp", "%", "percent", "nato"}))
        if need == "base":
            return bool(stems & self.words["bases"])
        if need == "abroad":
            return has_program or bool(stems & self.words["forces"])
        return True

    @classmethod
    def load(cls, extra: Iterable[str | Path] = ()) -> Lexicon:
        """The shipped lexicon, extended by each file of ``extra``."""
        text = resources.files(__package__).joinpath("lexicon.yaml").read_text(encoding="utf-8")
        data = _parse(text, "lexicon.yaml")
        for path in extra:
            try:
                more = _parse(Path(path).read_text(encoding="utf-8"), str(path))
            except OSError as err:
                raise LexiconError(f"cannot read lexicon file {path}: {err}") from err
            data = _extend(data, more)
        return cls.build(data)

    @classmethod
    def build(cls, data: dict[str, Any], origin: str = "lexicon") -> Lexicon:
        """A validated lexicon from parsed YAML."""
        frames = {}
        for name, slots in _mapping(data, "frames", origin).items():
            if not isinstance(slots, dict) or not slots:
                raise LexiconError(f"{origin}: frame {name!r} must map slots to roles")
            for slot, role in slots.items():
                if not isinstance(slot, str) or not (slot in SLOTS or re.fullmatch(r"[a-z]+", slot)):
                    raise LexiconError(f"{origin}: frame {name!r} has an unknown slot {slot!r}")
                if role not in ROLES:
                    raise LexiconError(f"{origin}: frame {name!r} maps {slot!r} to an unknown role {role!r}")
            frames[str(name)] = {str(k): str(v) for k, v in slots.items()}
        triggers: dict[str, list[Trigger]] = {}
        for n, entry in enumerate(data.get("triggers") or [], 1):
            trigger = _trigger(entry, frames, f"{origin}: trigger {n}")
            triggers.setdefault(trigger.lemmas[0], []).append(trigger)
        words = {key: _words(data, key, origin) for key in ("equipment", "forces", "defence", "joint", "claims",
                                                            "agreed_under", "conditional", "bystander",
                                                            "restrictive", "minerals", "goals", "civil", "bodies",
                                                            "missions", "lasting", "arrival", "speculative",
                                                            "officials", "circumstance", "rivalry", "gathering",
                                                            "paperwork", "grounds", "bases")}
        idioms = tuple(tuple(str(p).lower().split()) for p in data.get("idioms") or ())
        status = _mapping(data, "status", origin)
        unknown = set(status) - {*STATUSES, "negated", "reporting", "reaction"}
        if unknown:
            raise LexiconError(f"{origin}: unknown status lists {sorted(unknown)}")
        status_words = {k: frozenset(map(str.lower, v)) for k, v in status.items()}
        modals = {k: frozenset(map(str.lower, v)) for k, v in _mapping(data, "modals", origin).items()}
        by_type = {str(k): {str(a): str(b) for a, b in v.items()} for k, v in _mapping(data, "by_type", origin).items()}
        default = {str(k): str(v) for k, v in _mapping(data, "default", origin).items()}
        present = {str(k): str(v) for k, v in _mapping(data, "present", origin).items()}
        for table, name in ((default, "default"), (present, "present"),
                            *((v, f"by_type.{k}") for k, v in by_type.items())):
            bad = {v for v in table.values() if v not in STATUSES} | {k for k in table
                                                                      if k not in EVENT_TYPES and k not in STATUSES}
            if bad:
                raise LexiconError(f"{origin}: {name} names unknown types or statuses {sorted(bad)}")
        frozen = {k: tuple(v) for k, v in triggers.items()}
        by_form = _forms(frozen)
        return cls(triggers=frozen, frames=frames, words=words, status_words=status_words, modals=modals,
                   by_type=by_type, default=default, present=present, surface=frozenset(by_form), idioms=idioms,
                   by_form=by_form)

    def status_class(self, lemma: str) -> str | None:
        """The status list a verb's lemma belongs to ('agreed', 'negated', 'reporting', ...), if any."""
        for name in ("negated", "agreed", "proposed", "planned", "ongoing", "completed", "reporting", "reaction"):
            if lemma in self.status_words.get(name, ()):
                return name
        return None


def _trigger(entry: Any, frames: dict[str, dict[str, str]], where: str) -> Trigger:
    if not isinstance(entry, dict):
        raise LexiconError(f"{where}: must be a mapping")
    if ("lemma" in entry) == ("phrase" in entry):
        raise LexiconError(f"{where}: give exactly one of 'lemma' or 'phrase'")
    lemmas = (str(entry["lemma"]),) if "lemma" in entry else tuple(str(entry["phrase"]).split())
    kind = entry.get("type")
    if kind not in EVENT_TYPES:
        raise LexiconError(f"{where} ({' '.join(lemmas)}): unknown type {kind!r}")
    frame = entry.get("frame")
    if frame not in frames:
        raise LexiconError(f"{where} ({' '.join(lemmas)}): unknown frame {frame!r}")
    pos = entry.get("pos", ["VERB", "NOUN", "PROPN", "ADJ"] if "phrase" in entry else None)
    if not pos or not set(pos) <= POS:
        raise LexiconError(f"{where} ({' '.join(lemmas)}): 'pos' must list parts of speech from {sorted(POS)}")
    needs = tuple(entry.get("needs") or ())
    if not set(needs) <= NEEDS:
        raise LexiconError(f"{where} ({' '.join(lemmas)}): unknown needs {sorted(set(needs) - NEEDS)}")
    status = entry.get("status")
    if status is not None and status not in STATUSES:
        raise LexiconError(f"{where} ({' '.join(lemmas)}): unknown status {status!r}")
    past = entry.get("past")
    if past is not None and past not in STATUSES:
        raise LexiconError(f"{where} ({' '.join(lemmas)}): unknown past status {past!r}")
    return Trigger(lemmas=tuple(lemma.lower() for lemma in lemmas), pos=frozenset(pos), type=kind, frame=frame,
                   needs=needs, status=status, delivery=bool(entry.get("delivery", False)), past=past)


def _forms(triggers: dict[str, tuple[Trigger, ...]]) -> dict[str, tuple[Trigger, ...]]:
    """Every inflected form a trigger's first word may take, over-generated on purpose (it is only a filter), with
    the triggers it may stand for."""
    out: dict[str, list[Trigger]] = {}
    for lemma, found in triggers.items():
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", stem + "ing", stem + "ed",
                 lemma + "ing", lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # ("eyeing" keeps its e)
        if lemma.endswith("y"):
            forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
        forms |= {form for form, base in _IRREGULAR.items() if base == lemma}
        for form in forms:
            out.setdefault(form, []).extend(found)
    return {form: tuple(found) for form, found in out.items()}


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ses", "xes", "ches", "shes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


#: Past forms the regular rules above do not make, with their lemmas.
_IRREGULAR = {"bought": "buy", "sold": "sell", "sent": "send", "gave": "give", "given": "give", "got": "get",
              "gotten": "get", "chose": "choose", "chosen": "choose", "took": "take", "taken": "take", "met": "meet",
              "built": "build", "held": "hold", "kept": "keep", "struck": "strike", "won": "win",
              "underwent": "undergo", "spent": "spend", "began": "begin", "begun": "begin", "made": "make",
              "dealt": "deal", "led": "lead", "brought": "bring", "ran": "run", "drew": "draw", "fought": "fight",
              "went": "go", "gone": "go", "sat": "sit", "set": "set", "put": "put", "shut": "shut", "cut": "cut",
              "flew": "fly", "flown": "fly", "sought": "seek", "stood": "stand", "lent": "lend", "leant": "lean",
              "paid": "pay", "laid": "lay", "bid": "bid", "beat": "beat", "beaten": "beat", "told": "tell",
              "wrote": "write", "written": "write", "broke": "break", "broken": "break", "spoke": "speak",
              "spoken": "speak", "froze": "freeze", "frozen": "freeze", "undertook": "undertake",
              "undertaken": "undertake", "withdrew": "withdraw", "withdrawn": "withdraw", "overtook": "overtake"}


def _extend(base: dict[str, Any], more: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in more.items():
        if key == "triggers" or isinstance(value, list):
            out[key] = [*(base.get(key) or []), *value]
        elif isinstance(value, dict):
            merged = dict(base.get(key) or {})
            for k, v in value.items():
                merged[k] = [*(merged.get(k) or []), *v] if isinstance(v, list) else v
            out[key] = merged
        else:
            raise LexiconError(f"lexicon key {key!r} must be a list or a mapping")
    return out


def _parse(text: str, origin: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise LexiconError(f"{origin}: not valid YAML: {err}") from err
    if not isinstance(data, dict):
        raise LexiconError(f"{origin}: must be a mapping of sections")
    return data


def _mapping(data: dict[str, Any], key: str, origin: str) -> dict[str, Any]:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise LexiconError(f"{origin}: {key!r} must be a mapping")
    return value


def _words(data: dict[str, Any], key: str, origin: str) -> frozenset[str]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LexiconError(f"{origin}: {key!r} must be a list of words")
    return frozenset(v.lower() for v in value)

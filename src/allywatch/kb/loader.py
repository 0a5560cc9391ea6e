"""Loading and validating the knowledge base: parties, people with dated offices, orgs, programmes, places."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from allywatch.errors import KnowledgeBaseError

try:  # the C loader is several times faster; fall back to the pure-Python one
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

OFFICES = frozenset({
    "head_of_state", "head_of_government", "deputy_head_of_government", "defense_minister", "foreign_minister",
    "finance_minister", "trade_minister", "chief_of_defense", "national_security_advisor", "ambassador",
    "official", "ceo", "secretary_general", "commission_president", "council_president", "high_representative",
    "chief_cabinet_secretary", "service_chief", "agency_head",
})
ORG_KINDS = frozenset({"company", "ministry", "agency", "armed_force", "bloc", "international", "media",
                       "association", "conference", "legislature", "office", "research"})
PROGRAM_KINDS = frozenset({"aircraft", "missile", "ship", "submarine", "vehicle", "system", "programme", "space",
                           "sensor", "program", "weapon", "drone", "satellite", "artillery", "radar"})
LOCATION_KINDS = frozenset({"city", "region", "sea", "strait", "island", "base", "area", "ocean", "gulf",
                            "channel", "river", "shoal", "peninsula", "building"})
_CODE = re.compile(r"^(?:[A-Z]{3}|EU|NATO)$")


def fold(text: str) -> str:
    """Fold a name for lookups: accents off, case folded, punctuation to single spaces."""
    text = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L").replace("ø", "o")
                                 .replace("Ø", "O").replace("đ", "d").replace("ı", "i"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("'s ", " ").replace("’s ", " ")
    return re.sub(r"[^0-9a-z]+", " ", text).strip()


@dataclass(frozen=True)
class Party:
    """A state or bloc that can cooperate."""

    code: str
    kind: str
    name: str
    names: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Office:
    """One term of one office."""

    office: str
    party: str
    start: dt.date
    end: dt.date | None = None
    title: str | None = None
    org: str | None = None
    to: str | None = None

    def held_on(self, day: dt.date) -> bool:
        """True if the term covers ``day``."""
        return self.start <= day and (self.end is None or day <= self.end)

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        """True if the term overlaps the window ``[start, end]``."""
        return self.start <= end and (self.end is None or start <= self.end)


@dataclass(frozen=True)
class Person:
    """A person with dated offices."""

    name: str
    party: str | None
    aliases: tuple[str, ...] = ()
    offices: tuple[Office, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Org:
    """A government body, company, bloc, international organisation, outlet, association, research institute or
    conference."""

    name: str
    kind: str
    party: str | None = None
    aliases: tuple[str, ...] = ()
    role: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Program:
    """A named weapon system, platform or programme."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    makers: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Location:
    """A place below the state level."""

    name: str
    kind: str
    party: str | None = None
    aliases: tuple[str, ...] = ()
    note: str = ""


@dataclass
class KnowledgeBase:
    """The loaded knowledge base with its lookup indexes (read-only once built)."""

    parties: dict[str, Party] = field(default_factory=dict)
    people: list[Person] = field(default_factory=list)
    orgs: list[Org] = field(default_factory=list)
    programs: list[Program] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    sources: tuple[str, ...] = ()

    # indexes, built by ``index()``
    party_forms: dict[str, str] = field(default_factory=dict)
    demonym_forms: dict[str, str] = field(default_factory=dict)
    capital_forms: dict[str, str] = field(default_factory=dict)
    people_by_form: dict[str, list[Person]] = field(default_factory=dict)
    people_by_surname: dict[str, list[Person]] = field(default_factory=dict)
    orgs_by_form: dict[str, list[Org]] = field(default_factory=dict)
    programs_by_form: dict[str, Program] = field(default_factory=dict)
    program_heads: frozenset[str] = frozenset()
    """The first word of each programme's names ("typhoon" of "Typhoon fighter"), folded."""
    locations_by_form: dict[str, Location] = field(default_factory=dict)

    @staticmethod
    def as_of() -> dt.date:
        """The day the shipped knowledge base describes the world as of (``data/meta.yaml``)."""
        meta = yaml.safe_load((resources.files("allywatch.kb") / "data" / "meta.yaml").read_text(encoding="utf-8"))
        value = meta.get("as_of") if isinstance(meta, dict) else None
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))

    @classmethod
    def load(cls, extra: Iterable[str | Path] = ()) -> KnowledgeBase:
        """The shipped knowledge base, extended by the user's YAML files in ``extra``."""
        kb = cls()
        data = resources.files("allywatch.kb") / "data"
        shipped: list[tuple[str, str, Any]] = []
        for kind in ("parties", "orgs", "programs", "locations"):
            entry = data / f"{kind}.yaml"
            if entry.is_file():
                shipped.append((kind, f"kb/data/{kind}.yaml", _parse(entry.read_text(encoding="utf-8"), kind)))
        people_dir = data / "people"
        if people_dir.is_dir():
            for entry in sorted(people_dir.iterdir(), key=lambda e: e.name):
                if entry.name.endswith(".yaml"):
                    shipped.append(("people", f"kb/data/people/{entry.name}",
                                    _parse(entry.read_text(encoding="utf-8"), entry.name)))
        for kind, origin, records in shipped:
            kb._add(kind, records, origin)
        for path in extra:
            kb._add_user_file(Path(path))
        kb.sources = tuple(origin for _, origin, _ in shipped) + tuple(str(p) for p in extra)
        kb.index()
        return kb

    def _add_user_file(self, path: Path) -> None:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as err:
            raise KnowledgeBaseError(f"cannot read knowledge-base file {path}: {err.strerror or err}") from err
        data = _parse(text, str(path))
        if not isinstance(data, dict):
            raise KnowledgeBaseError(f"{path}: a user knowledge-base file is a mapping with keys "
                                     "parties, people, orgs, programs, locations (see kb/SCHEMA.md)")
        unknown = set(data) - {"parties", "people", "orgs", "programs", "locations"}
        if unknown:
            raise KnowledgeBaseError(f"{path}: unknown sections {sorted(unknown)}; "
                                     "use parties, people, orgs, programs, locations")
        for kind, records in data.items():
            self._add(kind, records, str(path))

    def _add(self, kind: str, records: Any, origin: str) -> None:
        if records is None:
            return
        if not isinstance(records, list):
            raise KnowledgeBaseError(f"{origin}: '{kind}' must be a list of records")
        for n, record in enumerate(records, 1):
            where = f"{origin}, {kind} record {n}"
            if not isinstance(record, dict):
                raise KnowledgeBaseError(f"{where}: a record is a mapping, got {type(record).__name__}")
            try:
                if kind == "parties":
                    party = _party(record)
                    self.parties[party.code] = party
                elif kind == "people":
                    self.people.append(_person(record))
                elif kind == "orgs":
                    self.orgs.append(_org(record))
                elif kind == "programs":
                    self.programs.append(_program(record))
                elif kind == "locations":
                    self.locations.append(_location(record))
            except (KeyError, TypeError, ValueError) as err:
                name = record.get("name") or record.get("code") or "?"
                raise KnowledgeBaseError(f"{where} ({name}): {err}") from err

    def index(self) -> None:
        """Merge people recorded in several files, then build the lookup indexes."""
        self.people = _merge_people(self.people)
        self.party_forms, self.demonym_forms, self.capital_forms = {}, {}, {}
        for party in self.parties.values():
            for form in (party.code if party.kind == "bloc" else None, party.name, *party.names):
                if form:
                    self.party_forms.setdefault(fold(form), party.code)
            for form in (*party.demonyms, *filter(None, map(_people_of, party.demonyms))):
                self.demonym_forms.setdefault(fold(form), party.code)
            for form in party.capitals:
                self.capital_forms.setdefault(fold(form), party.code)
        self.people_by_form, self.people_by_surname = defaultdict(list), defaultdict(list)
        for person in self.people:
            for form in {fold(f) for f in (person.name, *person.aliases)}:
                self.people_by_form[form].append(person)
            for surname in surnames(person):
                self.people_by_surname[surname].append(person)
        self.orgs_by_form = defaultdict(list)
        for org in self.orgs:
            for form in {fold(f) for f in (org.name, *org.aliases)}:
                self.orgs_by_form[form].append(org)
        self.programs_by_form = {}
        for program in self.programs:
            for form in (program.name, *program.aliases):
                self.programs_by_form.setdefault(fold(form), program)
        self.program_heads = frozenset(form.split()[0] for form in self.programs_by_form if form)
        self.locations_by_form = {}
        for location in self.locations:
            for form in (location.name, *location.aliases):
                self.locations_by_form.setdefault(fold(form), location)

    def party_of(self, form: str) -> str | None:
        """The party code a name, short form, demonym or capital stands for, if any."""
        key = fold(form)
        return self.party_forms.get(key) or self.demonym_forms.get(key) or self.capital_forms.get(key)

    def office_holders(self, office: str, party: str | None, start: dt.date, end: dt.date) -> list[Person]:
        """People who held ``office`` (for ``party``) at some time in ``[start, end]``."""
        return [p for p in self.people
                if any(o.office == office and (party is None or o.party == party) and o.overlaps(start, end)
                       for o in p.offices)]

    def iter_surface_forms(self) -> Iterator[tuple[str, str, str]]:
        """Every (surface form, entity type, canonical key) the recogniser should look for."""
        for party in self.parties.values():
            for form in (party.name, *party.names, *party.demonyms, *filter(None, map(_people_of, party.demonyms))):
                yield form, "party", party.code
            for form in party.capitals:
                yield form, "capital", party.code
        for person in self.people:
            for form in (person.name, *person.aliases):
                yield form, "person", person.name
        for org in self.orgs:
            for form in (org.name, *org.aliases):
                yield form, "org", org.name
        for program in self.programs:
            forms = (program.name, *program.aliases)
            for form in forms:
                yield form, "program", program.name
                plural = _plural(form)
                if plural and plural not in forms:
                    yield plural, "program", program.name  # "six Super Tucanos", "two Shaldags"
        for location in self.locations:
            for form in (location.name, *location.aliases):
                yield form, "location", location.name


def _merge_people(people: list[Person]) -> list[Person]:
    """One record per person: a leader of a bloc may also be listed with their national offices."""
    merged: dict[str, Person] = {}
    for person in people:
        key = fold(person.name)
        first = merged.get(key)
        if first is None:
            merged[key] = person
            continue
        aliases = tuple(dict.fromkeys((*first.aliases, *person.aliases)))
        offices = tuple(dict.fromkeys((*first.offices, *person.offices)))
        merged[key] = replace(first, aliases=aliases, offices=offices,
                              note="; ".join(n for n in (first.note, person.note) if n))
    return list(merged.values())


def surnames(person: Person) -> set[str]:
    """Folded family names by which a later short mention may refer to ``person``."""
    out = set()
    for form in (person.name, *person.aliases):
        if " of " in form.lower():  # "Charles, Prince of Wales" is not a Mr Wales
            continue
        words = [w for w in fold(form).split() if w not in _NOT_NAMES]
        if len(words) >= 2:
            out.add(family_name(words, person.party))
    return out


#: Words in a person's name that are no part of a family name: suffixes and titles ("King Charles" has none).
_NOT_NAMES = frozenset({"jr", "sr", "ii", "iii", "iv", "sir", "dame", "king", "queen", "prince", "princess", "emperor",
                        "empress", "crown", "sheikh", "emir", "sultan", "pope", "lord", "lady"})


def family_name(words: list[str], party: str | None) -> str:
    """The family name among a name's words: first in Korean and Chinese names ("Yoon Suk Yeol", "Xi Jinping",
    "Lai Ching-te"), unless the name is written in the Western order ("Wellington Koo")."""
    first = party in FAMILY_FIRST and (len(words) == 3 or "-" in words[-1] or len(words[0]) <= 5)
    return words[0] if first else words[-1]


#: States whose names put the family name first ("Yoon Suk Yeol", "Xi Jinping").
FAMILY_FIRST = frozenset({"KOR", "PRK", "CHN", "TWN", "VNM", "HKG", "MNG"})


def _parse(text: str, origin: str) -> Any:
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as err:
        raise KnowledgeBaseError(f"{origin} is not valid YAML: {err}") from err


def _strings(value: Any, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError(f"'{what}' must be a list of strings")
    return tuple(value)


def _required(record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    if not isinstance(value, str) or not value.strip():
        raise KeyError(f"'{key}' is required and must be a non-empty string")
    return value.strip()


def _code(value: Any, what: str, optional: bool = True) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not _CODE.match(value):
        raise ValueError(f"'{what}' must be an ISO alpha-3 code, EU or NATO, got {value!r}")
    return value


def _date(value: Any, what: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"'{what}' must be an ISO date (YYYY-MM-DD), got {value!r}")


def _party(record: dict[str, Any]) -> Party:
    kind = record.get("kind", "state")
    if kind not in {"state", "bloc"}:
        raise ValueError(f"'kind' must be state or bloc, got {kind!r}")
    return Party(code=str(_code(record.get("code"), "code", optional=False)), kind=kind,
                 name=_required(record, "name"), names=_strings(record.get("names"), "names"),
                 demonyms=_strings(record.get("demonyms"), "demonyms"),
                 capitals=_strings(record.get("capitals"), "capitals"), note=str(record.get("note") or ""))


def _person(record: dict[str, Any]) -> Person:
    offices = []
    for n, raw in enumerate(record.get("offices") or [], 1):
        if not isinstance(raw, dict):
            raise TypeError(f"office {n} must be a mapping")
        office = raw.get("office")
        if office not in OFFICES:
            raise ValueError(f"office {n}: {office!r} is not one of {sorted(OFFICES)}")
        start = _date(raw.get("start"), f"office {n} start")
        end = None if raw.get("end") is None else _date(raw.get("end"), f"office {n} end")
        if end is not None and end < start:
            raise ValueError(f"office {n} ends ({end}) before it starts ({start})")
        offices.append(Office(office=office, party=str(_code(raw.get("party"), f"office {n} party", False)),
                              start=start, end=end, title=raw.get("title"), org=raw.get("org"),
                              to=_code(raw.get("to"), f"office {n} to")))
    return Person(name=_required(record, "name"), party=_code(record.get("party"), "party"),
                  aliases=_strings(record.get("aliases"), "aliases"), offices=tuple(offices),
                  note=str(record.get("note") or ""))


def _org(record: dict[str, Any]) -> Org:
    kind = record.get("kind")
    if kind not in ORG_KINDS:
        raise ValueError(f"'kind' must be one of {sorted(ORG_KINDS)}, got {kind!r}")
    return Org(name=_required(record, "name"), kind=kind, party=_code(record.get("party"), "party"),
               aliases=_strings(record.get("aliases"), "aliases"), role=record.get("role"),
               note=str(record.get("note") or ""))


def _program(record: dict[str, Any]) -> Program:
    kind = record.get("kind")
    if kind not in PROGRAM_KINDS:
        raise ValueError(f"'kind' must be one of {sorted(PROGRAM_KINDS)}, got {kind!r}")
    parties = tuple(str(_code(p, "parties", False)) for p in _strings(record.get("parties"), "parties"))
    return Program(name=_required(record, "name"), kind=kind, aliases=_strings(record.get("aliases"), "aliases"),
                   parties=parties, makers=_strings(record.get("makers"), "makers"),
                   note=str(record.get("note") or ""))


def _location(record: dict[str, Any]) -> Location:
    kind = record.get("kind")
    if kind not in LOCATION_KINDS:
        raise ValueError(f"'kind' must be one of {sorted(LOCATION_KINDS)}, got {kind!r}")
    return Location(name=_required(record, "name"), kind=kind, party=_code(record.get("party"), "party"),
                    aliases=_strings(record.get("aliases"), "aliases"), note=str(record.get("note") or ""))


def _people_of(demonym: str) -> str | None:
    """The people a demonym names, as a plural noun ("the Czechs", "the Saudis", "the Egyptians"); none for forms
    that do not take an "s" ("the French", "the Japanese")."""
    if " " in demonym or (demonym.lower().endswith(("ese", "ish", "ch", "sh", "s", "x", "z")) and
                          demonym.lower() not in _TAKING_S):
        return None
    return demonym + "s"


#: Demonyms ending like "-ch" or "-sh" that still take an "s" for their people.
_TAKING_S = frozenset({"czech"})


def _plural(form: str) -> str | None:
    """The plural news writes of a programme named by a capitalised word ("Super Tucanos", "Rafales", "K9s"), or
    None when the name ends otherwise (a number alone, a lower-case word, an "s" already)."""
    last = form.split()[-1] if form.split() else ""
    if not last or not last[:1].isupper() or last[-1:] in {"s", "S", "x", "X"} or not last[-1:].isalnum():
        return None
    return form + "s"

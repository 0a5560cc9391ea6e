"""The shipped knowledge base: every record valid, the facts the resolver relies on present, user files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from allywatch.errors import KnowledgeBaseError
from allywatch.kb.loader import KnowledgeBase, fold


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


def test_every_un_member_and_taiwan_and_the_blocs(kb: KnowledgeBase) -> None:
    states = [p for p in kb.parties.values() if p.kind == "state"]
    assert len(states) >= 194
    for code in ("JPN", "USA", "GBR", "TWN", "PRK", "KOR", "UKR", "PHL", "IND", "AUS"):
        assert code in kb.parties
    assert kb.parties["EU"].kind == "bloc" and kb.parties["NATO"].kind == "bloc"


def test_records_carry_notes_and_valid_terms(kb: KnowledgeBase) -> None:
    assert all(p.note for p in kb.parties.values())
    assert all(p.note for p in kb.people)
    for person in kb.people:
        for office in person.offices:
            assert office.end is None or office.start <= office.end, person.name
            assert office.party in kb.parties, (person.name, office.party)


@pytest.mark.parametrize("form,code", [("U.S.", "USA"), ("Washington", "USA"), ("Japanese", "JPN"),
                                       ("Tokyo", "JPN"), ("ROK", "KOR"), ("DPRK", "PRK"), ("Britain", "GBR"),
                                       ("Canberra", "AUS"), ("New Delhi", "IND"), ("Beijing", "CHN")])
def test_surface_forms_of_parties(kb: KnowledgeBase, form: str, code: str) -> None:
    assert kb.party_of(form) == code


def test_no_surface_form_names_two_parties(kb: KnowledgeBase) -> None:
    seen: dict[str, str] = {}
    for party in kb.parties.values():
        for form in (party.name, *party.names, *party.demonyms, *party.capitals):
            key = fold(form)
            assert seen.setdefault(key, party.code) == party.code, (form, seen[key], party.code)


@pytest.mark.parametrize("office,party,day,name", [
    ("head_of_government", "JPN", "2024-04-06", "Fumio Kishida"),
    ("head_of_government", "JPN", "2025-05-22", "Shigeru Ishiba"),
    ("head_of_government", "JPN", "2026-01-15", "Sanae Takaichi"),
    ("defense_minister", "JPN", "2026-01-15", "Shinjiro Koizumi"),
    ("defense_minister", "USA", "2026-01-15", "Pete Hegseth"),
    ("head_of_state", "USA", "2024-04-06", "Joe Biden"),
    ("head_of_government", "GBR", "2025-08-31", "Keir Starmer"),
    ("defense_minister", "AUS", "2025-08-05", "Richard Marles"),
    ("head_of_state", "PHL", "2024-07-08", "Ferdinand Marcos Jr."),
    ("secretary_general", "NATO", "2025-06-01", "Mark Rutte"),
])
def test_office_holders_on_a_day(kb: KnowledgeBase, office: str, party: str, day: str, name: str) -> None:
    on = dt.date.fromisoformat(day)
    assert name in [p.name for p in kb.office_holders(office, party, on, on)]


def test_people_listed_in_two_files_are_one_record(kb: KnowledgeBase) -> None:
    [rutte] = [p for p in kb.people if p.name == "Mark Rutte"]
    assert {o.office for o in rutte.offices} >= {"head_of_government", "secretary_general"}


def test_user_file_extends_the_knowledge_base(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text("orgs:\n  - name: Example Drone Works\n    aliases: [EDW]\n    kind: company\n"
                     "    party: EST\n    note: test record\n", encoding="utf-8")
    kb = KnowledgeBase.load([extra])
    assert [o.party for o in kb.orgs_by_form[fold("EDW")]] == ["EST"]


@pytest.mark.parametrize("content,message", [
    ("orgs: [{name: X, kind: spaceship}]", "kind"),
    ("people: [{name: Y, offices: [{office: emperor_of_mars, party: JPN, start: 2020-01-01}]}]", "office"),
    ("people: [{name: Z, offices: [{office: defense_minister, party: JPN, start: 2020-01-01, end: 2019-01-01}]}]",
     "before it starts"),
    ("parties: [{code: xx, name: Nowhere}]", "alpha-3"),
    ("widgets: []", "unknown sections"),
    ("orgs: [unclosed", "not valid YAML"),
])
def test_bad_user_files_are_refused_with_a_reason(tmp_path: Path, content: str, message: str) -> None:
    extra = tmp_path / "bad.yaml"
    extra.write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=message):
        KnowledgeBase.load([extra])


def test_programmes_are_found_in_the_plural() -> None:
    from allywatch.kb.loader import KnowledgeBase

    forms = {form for form, kind, _ in KnowledgeBase.load().iter_surface_forms() if kind == "program"}
    assert {"Super Tucanos", "Rafales"} <= forms
    assert "HIMARSs" not in forms  # a name in capitals ending in s takes no plural of its own

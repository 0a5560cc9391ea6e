"""Events from sentences written for these tests: each type, each direction, each status, and silence."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from allywatch.model import Event, Extraction

Run = Callable[..., Extraction]


def _events(run: Run, text: str) -> list[Event]:
    return list(run(text).events)


def _one(run: Run, text: str, kind: str) -> Event:
    found = [e for e in _events(run, text) if e.type == kind]
    assert len(found) == 1, [(e.type, e.participants) for e in _events(run, text)]
    return found[0]


@pytest.mark.parametrize("text,kind,parties", [
    ("Britain and Sweden agreed on Tuesday to jointly develop a new air-defence missile.", "co_development",
     ("GBR", "SWE")),
    ("Turkey is co-developing a trainer jet with Indonesia.", "co_development", ("IDN", "TUR")),
    ("Germany and Norway will co-produce submarines at a shared yard.", "co_production", ("DEU", "NOR")),
    ("Brazil signed a deal to build the fighters under licence from Sweden, with local production in Brazil.",
     "co_production", ("BRA", "SWE")),
    ("Japan and Australia pledged to build resilient supply chains for critical minerals.", "supply_chain",
     ("AUS", "JPN")),
    ("The Philippines and Japan held talks in Manila on maritime security.", "meeting", ("JPN", "PHL")),
    ("France and India signed a framework agreement on space cooperation.", "agreement", ("FRA", "IND")),
    ("South Korea and the United States began joint drills near the border.", "exercise", ("KOR", "USA")),
    ("The United States will deploy more troops to Poland next year.", "force_posture", ("POL", "USA")),
    ("Canada raised its defence budget to C$40 billion.", "defense_spending", ("CAN",)),
])
def test_each_type(run: Run, text: str, kind: str, parties: tuple[str, ...]) -> None:
    event = _one(run, text, kind)
    assert event.participants == parties
    assert event.evidence[0].text in text
    assert text[event.evidence[0].start:event.evidence[0].end] == event.evidence[0].text


@pytest.mark.parametrize("text,supplier,recipient", [
    ("Poland bought 96 Apache helicopters from the United States.", "USA", "POL"),
    ("Germany sold Leopard tanks to Norway last year.", "DEU", "NOR"),
    ("The missiles were shipped to Ukraine by Britain in March.", "GBR", "UKR"),
    ("Missiles purchased from Israel by Finland will equip its army.", "ISR", "FIN"),
    ("Australia has picked Japan to build its next frigates.", "JPN", "AUS"),
    ("Japan has purchased 400 U.S. Tomahawk cruise missiles.", "USA", "JPN"),
    ("The change allowed Japan to ship Japanese-made missiles to the United States.", "JPN", "USA"),
])
def test_transfer_direction(run: Run, text: str, supplier: str, recipient: str) -> None:
    event = _one(run, text, "arms_transfer")
    assert dict(event.roles) == {"supplier": supplier, "recipient": recipient}


def test_maintenance_direction(run: Run) -> None:
    event = _one(run, "Washington and Tokyo plan to allow the repair of U.S. warships in Japan.", "maintenance")
    assert dict(event.roles) == {"provider": "JPN", "owner": "USA"}


def test_export_control_actor_and_target(run: Run) -> None:
    event = _one(run, "China on Tuesday banned exports of gallium to the United States.", "export_control")
    assert dict(event.roles) == {"actor": "CHN", "target": "USA"}
    assert event.status == "completed"
    loosened = _one(run, "Japan relaxed its defence export rules on Friday.", "export_control")
    assert dict(loosened.roles) == {"actor": "JPN"}


@pytest.mark.parametrize("text,status", [
    ("Italy and Japan are considering joint development of a drone.", "proposed"),
    ("Italy and Japan will jointly develop a drone.", "planned"),
    ("Italy and Japan agreed to jointly develop a drone.", "agreed"),
    ("Italy and Japan are jointly developing a drone.", "ongoing"),
    ("The leaders of Italy and Japan held talks in Rome on Monday.", "completed"),
    ("India and France signed a deal under which the Indian Navy will buy 26 French jets.", "agreed"),
])
def test_status(run: Run, text: str, status: str) -> None:
    [event] = [e for e in _events(run, text) if e.type != "agreement"]
    assert event.status == status


@pytest.mark.parametrize("text", [
    "The United States plans to develop the Golden Dome missile defence system.",
    "Analysts warned that China's navy is growing faster than any other.",
    "Japan has long had a pacifist constitution.",
    "Japan should cooperate more with its allies, the minister said.",
])
def test_silence(run: Run, text: str) -> None:
    assert _events(run, text) == []


def test_threats_and_competitors_are_not_participants(run: Run) -> None:
    event = _one(run, "Japan and the Philippines agreed to expand joint exercises as China increases pressure.",
                 "exercise")
    assert event.participants == ("JPN", "PHL")
    transfer = _one(run, "Australia picked Japan's frigate design over Germany's offer.", "arms_transfer")
    assert transfer.participants == ("AUS", "JPN")


def test_an_event_stated_twice_is_one_event_with_both_sentences(run: Run) -> None:
    text = ("Norway will buy British frigates, the governments said. "
            "The British frigates were chosen by Norway after a long contest.")
    event = _one(run, text, "arms_transfer")
    assert len(event.evidence) == 2
    assert dict(event.roles) == {"supplier": "GBR", "recipient": "NOR"}


def test_they_takes_the_parties_of_the_sentence_before(run: Run) -> None:
    text = "The defence ministers of Japan and the United States met in Washington. They agreed to co-produce missiles."
    assert ("JPN", "USA") in [e.participants for e in _events(run, text) if e.type == "co_production"]


@pytest.mark.parametrize("text", [
    "Poland signed a contract with South Korea's Hyundai Rotem for 180 more K2 tanks.",
    "Hyundai Rotem signed a contract with Poland's Armament Agency for 180 more K2 tanks.",
])
def test_firms_sell_and_governments_buy_in_neutral_contracts(run: Run, text: str) -> None:
    event = _one(run, text, "arms_transfer")
    assert dict(event.roles) == {"supplier": "KOR", "recipient": "POL"}


def test_the_three_countries_take_the_last_sentence_that_named_three(run: Run) -> None:
    text = ("The Philippines, the United States and Japan held their first trilateral maritime exercise on Friday. "
            "Manila is also in talks with Tokyo about radars. The three countries are expected to sign a framework "
            "on critical minerals supply chains next month.")
    event = _one(run, text, "supply_chain")
    assert event.participants == ("JPN", "PHL", "USA") and event.status == "planned"


def test_a_critic_of_an_event_is_not_its_participant(run: Run) -> None:
    text = ("Australia and the Philippines held joint drills on Monday. China's foreign ministry called the drills "
            "provocative.")
    assert [e.participants for e in _events(run, text) if e.type == "exercise"] == [("AUS", "PHL")]


def test_joint_purchase_from_one_buyers_industry(run: Run) -> None:
    event = _one(run, "Sweden and Finland agreed to jointly procure CV90 vehicles from BAE Systems Hagglunds.",
                 "arms_transfer")
    assert dict(event.roles) == {"supplier": "SWE", "recipient": "FIN"}


def test_the_programmes_owner_supplies_when_only_the_programme_is_named(run: Run) -> None:
    event = _one(run, "Thailand's air force said it had selected the Gripen over the F-16.", "arms_transfer")
    assert dict(event.roles) == {"supplier": "SWE", "recipient": "THA"}


def test_dateline_is_not_the_subject_and_a_deal_for_joint_production_is_not_a_sale(run: Run) -> None:
    text = ("BERLIN, Feb. 3, 2026 (Wire) — Germany and Ukraine will jointly produce air defence systems in Ukraine "
            "under a deal worth €1.2 billion, the minister said on Tuesday after meeting his Ukrainian counterpart.")
    kinds = {e.type: e for e in _events(run, text)}
    assert set(kinds) == {"co_production", "meeting"}
    assert kinds["meeting"].participants == ("DEU", "UKR") and kinds["meeting"].status == "completed"


@pytest.mark.parametrize("text,kind,status,roles", [
    ("A U.S. Navy destroyer will undergo maintenance at a Mitsubishi Heavy Industries shipyard in Yokohama.",
     "maintenance", "planned", {"provider": "JPN", "owner": "USA"}),
    ("The United States plans to station 2,000 more troops in Poland by next year.", "force_posture", "planned", {}),
    ("Indonesia is considering buying 12 Rafale jets from France.", "arms_transfer", "proposed",
     {"supplier": "FRA", "recipient": "IDN"}),
    ("Japan and Britain began their largest joint air exercise in Hokkaido on Monday.", "exercise", "ongoing", {}),
])
def test_more_forms(run: Run, text: str, kind: str, status: str, roles: dict[str, str]) -> None:
    event = _one(run, text, kind)
    assert event.status == status and dict(event.roles) == roles


def test_a_cooperation_memorandum_beside_a_hoped_for_sale_is_its_own_event(run: Run) -> None:
    text = ("Vietnam and the Czech Republic signed a memorandum on defence industry cooperation on Thursday. "
            "Czech officials said Prague hoped to sell trainer jets to Hanoi.")
    kinds = {e.type: e for e in _events(run, text)}
    assert kinds["agreement"].status == "agreed"
    assert kinds["arms_transfer"].status == "proposed"


def test_export_curbs_belong_to_their_possessor_and_talks_about_them_are_not_curbs(run: Run) -> None:
    text = ("Seoul and Tokyo agreed on Tuesday to resume regular talks on export controls, ending years of friction "
            "over Japan's 2019 curbs on shipments of chipmaking materials to South Korea.")
    controls = [e for e in _events(run, text) if e.type == "export_control"]
    assert [dict(e.roles)["actor"] for e in controls] == ["JPN"]
    assert [e.type for e in _events(run, text) if e.type == "meeting"] == ["meeting"]


def test_a_critic_with_an_auxiliary_is_still_a_critic(run: Run) -> None:
    text = "The United States has warned that purchases of Russian weapons could trigger sanctions."
    assert _events(run, text) == []


def test_a_treaty_to_develop_jointly_exported_jets_and_a_share_of_gdp(run: Run) -> None:
    text = ("Britain and Germany signed a treaty on Thursday committing them to develop a long-range strike missile, "
            "the leaders said after talks in London. The two countries will also jointly export fighter jets to "
            "third countries. Germany has pledged to raise defence spending to 3.5% of GDP by 2029, while Britain "
            "plans to reach 2.5% by 2027.")
    found = {(e.type, e.participants): e for e in _events(run, text)}
    assert ("co_development", ("DEU", "GBR")) in found
    assert found[("meeting", ("DEU", "GBR"))].status == "completed"
    assert not [k for k in found if k[0] == "arms_transfer"]
    assert {k for k in found if k[0] == "defense_spending"} == {("defense_spending", ("DEU",)),
                                                                ("defense_spending", ("GBR",))}


def test_joint_patrols_are_exercises_and_an_offer_is_a_proposal(run: Run) -> None:
    text = ("Australia and the Philippines agreed on Thursday to expand joint patrols in the South China Sea. "
            "Canberra has also offered to donate two patrol boats to the Philippine Navy.")
    found = {e.type: e for e in _events(run, text)}
    assert found["exercise"].participants == ("AUS", "PHL") and found["exercise"].status == "agreed"
    assert found["arms_transfer"].status == "proposed"
    assert dict(found["arms_transfer"].roles) == {"supplier": "AUS", "recipient": "PHL"}


def test_rotations_at_an_allys_base_involve_the_host_and_building_a_stockpile_is_not_production(run: Run) -> None:
    text = ("The U.S. Navy will increase rotations of its submarines through HMAS Stirling from 2027. "
            "The United States and Australia pledged to build a joint stockpile of rare earths.")
    found = {(e.type, e.participants) for e in _events(run, text)}
    assert ("force_posture", ("AUS", "USA")) in found
    assert not [k for k in found if k[0] == "co_production"]


def test_the_country_where_a_war_is_fought_is_not_a_party_to_a_supply(run: Run) -> None:
    event = _one(run, "Pyongyang has supplied artillery shells and troops to Russia for its war in Ukraine.",
                 "arms_transfer")
    assert event.participants == ("PRK", "RUS") and dict(event.roles) == {"supplier": "PRK", "recipient": "RUS"}


def test_agencies_researching_jointly_firms_studying_shipbuilding_and_planned_spending(run: Run) -> None:
    text = ("DRDO and ATLA will jointly research unmanned ground vehicles. Larsen & Toubro and Mitsubishi Heavy "
            "Industries agreed to study joint shipbuilding. India plans to spend ₹1.8 lakh crore on defence "
            "procurement in fiscal 2026.")
    found = {e.type: e for e in _events(run, text)}
    assert found["co_development"].participants == ("IND", "JPN") and found["co_development"].status == "planned"
    assert found["co_production"].participants == ("IND", "JPN") and found["co_production"].status == "proposed"
    assert found["defense_spending"].participants == ("IND",) and found["defense_spending"].status == "planned"

"""Events read from the grammar of each sentence, on sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from allywatch.extract import build_pipeline
from allywatch.model import Article, Event, Extraction
from allywatch.nlp.model import missing_model
from allywatch.pipeline import Pipeline
from allywatch.settings import Settings

pytestmark = pytest.mark.skipif(missing_model() is not None, reason="the language model package is not installed")

Run = Callable[[str], Extraction]


@pytest.fixture(scope="module")
def syntax_pipeline() -> Pipeline:
    return build_pipeline(Settings(use_model=False))


@pytest.fixture
def run(syntax_pipeline: Pipeline) -> Run:
    return lambda text: syntax_pipeline(Article(doc="t", text=text, published="2025-05-22"))


@pytest.fixture
def model_run(model_pipeline: Pipeline) -> Run:
    """With the statistical model, whose names can swallow a party ("the Nigerian Air Force")."""
    return lambda text: model_pipeline(Article(doc="t", text=text, published="2025-05-22"))


def _of(run: Run, text: str, kind: str) -> list[Event]:
    return [e for e in run(text).events if e.type == kind]


@pytest.mark.parametrize("text,supplier,recipient", [
    ("Poland bought 96 Apache helicopters from the United States.", "USA", "POL"),
    ("Germany sold Leopard tanks to Norway last year.", "DEU", "NOR"),
    ("The missiles were shipped to Ukraine by Britain in March.", "GBR", "UKR"),
    ("Chile took delivery of its first radars from Spain.", "ESP", "CHL"),
    ("Egypt agreed to buy frigates from Italy.", "ITA", "EGY"),
    ("Israeli-built drones ordered by Azerbaijan arrived in Baku.", "ISR", "AZE"),
    ("The missiles that Japan bought from the US arrived last week.", "USA", "JPN"),
    ("Missiles purchased by Finland from Israel will equip its army.", "ISR", "FIN"),
    ("Japan has purchased 400 U.S. Tomahawk cruise missiles.", "USA", "JPN"),
    ("India tapped France to supply 26 fighter jets.", "FRA", "IND"),
    ("France inked a deal to sell 26 Rafale jets to India.", "FRA", "IND"),
    ("Poland signed a contract with South Korea's Hyundai Rotem for 180 more K2 tanks.", "KOR", "POL"),
])
def test_roles_follow_grammar_not_word_order(run: Run, text: str, supplier: str, recipient: str) -> None:
    [event] = _of(run, text, "arms_transfer")
    assert dict(event.roles) == {"supplier": supplier, "recipient": recipient}
    assert "frame" in event.why


@pytest.mark.parametrize("text", [
    "Italy refused to sell the frigates to Egypt.",
    "Seoul did not sign the contract for the tanks with Poland.",
    "Should Canada decide to buy submarines from Germany, deliveries would start in 2030.",
    "Tokyo dismissed reports that it had agreed to supply Patriot missiles to Ukraine.",
])
def test_negated_refused_denied_and_conditional_acts_are_not_events(run: Run, text: str) -> None:
    assert _of(run, text, "arms_transfer") == []


@pytest.mark.parametrize("text,kind,status", [
    ("Under the contract signed on Tuesday, France will deliver 12 Rafale jets to India from 2028.", "arms_transfer",
     "agreed"),
    ("The drills between Japan and Australia ended on Sunday.", "exercise", "completed"),
    ("Talks between Seoul and Tokyo are set for next Tuesday.", "meeting", "planned"),
    ("Chile received the first three of 24 radars from Spain.", "arms_transfer", "ongoing"),
    ("Italy and Japan are considering joint development of a drone.", "co_development", "proposed"),
    ("Italy and Japan agreed to jointly develop a drone.", "co_development", "agreed"),
    ("Italy and Japan are jointly developing a drone.", "co_development", "ongoing"),
    ("Turkey is co-developing a trainer jet with Indonesia.", "co_development", "ongoing"),
])
def test_status_from_the_governing_verbs(run: Run, text: str, kind: str, status: str) -> None:
    [event] = _of(run, text, kind)
    assert event.status == status


def test_bystanders_take_no_part(run: Run) -> None:
    [talks] = _of(run, "Japan and the Philippines held talks amid Chinese naval drills.", "meeting")
    assert talks.participants == ("JPN", "PHL")
    assert _of(run, "Japan and the Philippines held talks amid Chinese naval drills.", "exercise") == []
    text = "Australia and the Philippines held joint drills on Monday. China's foreign ministry called the drills rash."
    assert [e.participants for e in _of(run, text, "exercise")] == [("AUS", "PHL")]


def test_the_three_countries_take_the_sentence_that_named_three(run: Run) -> None:
    text = ("The Philippines, the United States and Japan held their first trilateral maritime exercise on Friday. "
            "Manila is also in talks with Tokyo about radars. The three countries are expected to sign a framework "
            "on critical minerals supply chains next month.")
    [event] = _of(run, text, "supply_chain")
    assert event.participants == ("JPN", "PHL", "USA") and event.status == "planned"


def test_a_restriction_of_sales_is_an_export_control(run: Run) -> None:
    [event] = _of(run, "China on Tuesday banned exports of gallium to the United States.", "export_control")
    assert dict(event.roles) == {"actor": "CHN", "target": "USA"} and event.status == "completed"
    assert _of(run, "China on Tuesday banned exports of gallium to the United States.", "arms_transfer") == []


def test_a_place_after_a_preposition_is_a_party_only_where_the_frame_takes_it(run: Run) -> None:
    [event] = _of(run, "Washington and Tokyo plan to allow the repair of U.S. warships in Japan.", "maintenance")
    assert dict(event.roles) == {"provider": "JPN", "owner": "USA"} and event.status == "planned"


@pytest.mark.parametrize("text,supplier,recipient,critic", [
    ("Beijing condemned the sale of Patriot missiles to Taiwan by the United States.", "USA", "TWN", "CHN"),
    ("Beijing condemned the US sale of Patriot missiles to Taiwan.", "USA", "TWN", "CHN"),
    ("Moscow on Friday slammed Seoul's purchase of 20 F-35 jets from Washington.", "USA", "KOR", "RUS"),
])
def test_a_reaction_leaves_the_act_standing_and_the_critic_out(run: Run, text: str, supplier: str, recipient: str,
                                                               critic: str) -> None:
    [event] = _of(run, text, "arms_transfer")
    assert dict(event.roles) == {"supplier": supplier, "recipient": recipient}
    assert critic not in event.participants


@pytest.mark.parametrize("text,actor,target", [
    ("Berlin scrapped the curbs it had imposed on arms exports to Israel.", "DEU", "ISR"),
    ("Last week the Canadian government decided to lift the restrictions it placed on weapons sales to Turkey.",
     "CAN", "TUR"),
    ("Paris hailed the choice of the Dutch government to relax the controls it had put on military exports "
     "to Qatar.", "NLD", "QAT"),
])
def test_lifting_a_restriction_is_a_rule_change_by_its_author(run: Run, text: str, actor: str, target: str) -> None:
    [event] = _of(run, text, "export_control")
    assert dict(event.roles) == {"actor": actor, "target": target} and event.status == "completed"


def test_an_agreement_yields_only_to_the_act_it_is_about(run: Run) -> None:
    stated = run("Britain and Germany signed a defence pact on Wednesday, committing to develop drones together.")
    assert {e.type for e in stated.events} == {"agreement", "co_development"}
    about = run("Greece and Israel signed an agreement under which Israel will supply 36 howitzers to Greece.")
    assert [e.type for e in about.events] == ["arms_transfer"]
    assert about.events[0].status == "agreed"


def test_two_budgets_of_one_party_are_told_apart_by_their_sums(run: Run) -> None:
    text = ("Taiwan's cabinet approved a 2026 defence budget of NT$950 billion. "
            "Separately, Taipei proposed an extra NT$1.25 trillion defence budget for air defences.")
    budgets = _of(run, text, "defense_spending")
    assert sorted(e.status for e in budgets) == ["agreed", "proposed"]
    assert {e.participants for e in budgets} == {("TWN",)}


def test_a_currency_prefix_is_no_party(run: Run) -> None:
    out = run("Taipei unveiled a defence budget of NT$2 trillion, about US$62 billion.")
    assert {m.label for m in out.party_mentions} == {"TWN"}


@pytest.mark.parametrize("text,parties", [
    ("Canada and Japan have inked a framework accord on securing a supply of critical minerals.", ("CAN", "JPN")),
    ("The United States and Ukraine inked an accord that gives US investors access to Ukrainian mining projects.",
     ("UKR", "USA")),
    ("Prime Minister Anthony Albanese met President Donald Trump on Monday. Later Trump and Albanese signed a "
     "framework on rare earths.", ("AUS", "USA")),
])
def test_an_accord_on_minerals_is_a_supply_chain_event(run: Run, text: str, parties: tuple[str, ...]) -> None:
    out = run(text)
    [event] = [e for e in out.events if e.type == "supply_chain"]
    assert event.participants == parties and event.status == "agreed"
    assert [e for e in out.events if e.type == "agreement"] == []


def test_a_foreign_firms_plant_is_co_production(run: Run) -> None:
    [plant] = _of(run, "Hanwha will open a howitzer factory in Australia.", "co_production")
    assert plant.participants == ("AUS", "KOR") and plant.status == "planned"
    [plant] = _of(run, "Rheinmetall plans a new ammunition plant in Lithuania.", "co_production")
    assert plant.participants == ("DEU", "LTU")
    assert run("Ukraine's drone factory was struck by Russian missiles.").events == ()


def test_bare_korea_is_the_south(run: Run) -> None:
    out = run("Korea and Japan held talks on the Korean Peninsula while North Korean troops massed.")
    [talks] = _of(run, "Korea and Japan held talks on the Korean Peninsula while North Korean troops massed.",
                  "meeting")
    assert talks.participants == ("JPN", "KOR")
    assert "PRK" in {m.label for m in out.party_mentions}


def test_meetings_of_a_bloc_and_what_is_no_meeting(run: Run) -> None:
    [summit] = _of(run, "NATO leaders gathered in Vilnius for the NATO summit on Tuesday.", "meeting")
    assert summit.participants == ("NATO",) and summit.status == "completed"
    assert _of(run, "Spain says it can meet its NATO targets by spending less.", "meeting") == []
    assert _of(run, "The Dutch king hosted a dinner for the visiting leaders.", "meeting") == []
    [visit] = _of(run, "Japan hosted Australian ministers in Tokyo.", "meeting")
    assert visit.participants == ("AUS", "JPN")
    assert _of(run, "The contracts were signed in the presence of US and Indian military officers.",
               "force_posture") == []


def test_a_partnership_is_an_agreement_only_when_an_act_makes_it(run: Run) -> None:
    assert _of(run, "The order is part of the growing defence partnership between India and France.",
               "agreement") == []
    [pact] = _of(run, "India and France signed a strategic partnership in Paris.", "agreement")
    assert pact.participants == ("FRA", "IND")
    assert _of(run, "Chile's free-trade agreements with Canada could help exports.", "agreement") == []


def test_what_signatories_will_do_together_is_agreed(run: Run) -> None:
    text = ("Britain and Germany signed a defence treaty on Wednesday. "
            "The countries will jointly develop a cruise missile, which London has long sold to Kyiv.")
    [work] = _of(run, text, "co_development")
    assert work.participants == ("DEU", "GBR") and work.status == "agreed"
    [plan] = _of(run, "Britain and Germany are to jointly develop a cruise missile.", "co_development")
    assert plan.status == "planned"


def test_a_purchase_sealed_with_a_partner_and_a_winner_named(run: Run) -> None:
    [sealed] = _of(run, "Chile's purchase of six frigates, sealed with Britain in May, ends a long search.",
                   "arms_transfer")
    assert dict(sealed.roles) == {"supplier": "GBR", "recipient": "CHL"} and sealed.status == "agreed"
    [named] = _of(run, "Canberra named Hanwha's Redback vehicle the winner of its infantry vehicle competition.",
                  "arms_transfer")
    assert dict(named.roles) == {"supplier": "KOR", "recipient": "AUS"} and named.status == "agreed"


def test_a_transfer_and_the_rule_change_that_allows_it(run: Run) -> None:
    out = run("Seoul has decided to ship howitzers to Poland, a sale made possible by an easing of its export rules.")
    [sale] = [e for e in out.events if e.type == "arms_transfer"]
    assert dict(sale.roles) == {"supplier": "KOR", "recipient": "POL"} and sale.status == "agreed"
    [rule] = [e for e in out.events if e.type == "export_control"]
    assert dict(rule.roles) == {"actor": "KOR"} and rule.status == "completed"


def test_it_is_the_party_named_just_before(run: Run) -> None:
    text = "Japan's missiles will help Washington restock after it gave F-16 jets to Ukraine."
    [gift] = _of(run, text, "arms_transfer")
    assert dict(gift.roles) == {"supplier": "USA", "recipient": "UKR"}


def test_allies_are_the_bloc_and_headlines_state_what_happened(run: Run) -> None:
    text = "NATO leaders met in Vilnius on Tuesday. Allies agreed to spend 3% of GDP on defence by 2030."
    [pledge] = _of(run, text, "defense_spending")
    assert pledge.participants == ("NATO",) and pledge.status == "agreed"
    [talks] = _of(run, "France's president meets India's prime minister in Delhi", "meeting")
    assert talks.participants == ("FRA", "IND") and talks.status == "completed"
    assert _of(run, "Madrid said it could meet all of its NATO targets with less money.", "meeting") == []


def test_titled_agreements_count_and_precedents_do_not(run: Run) -> None:
    [pact] = _of(run, "Japan and the Philippines on Monday signed a Reciprocal Access Agreement.",
                 "agreement")
    assert pact.participants == ("JPN", "PHL") and pact.status == "agreed"
    assert _of(run, "Tokyo already holds similar agreements with Canberra and London.", "agreement") == []


def test_a_clause_with_its_own_subject_is_an_act_of_its_own(run: Run) -> None:
    text = ("Warsaw signed up for 32 American F-35 jets last year, and in 2024 a Korean firm won a contract to supply "
            "Poland with K9 howitzers.")
    transfers = {(dict(e.roles)["supplier"], dict(e.roles)["recipient"]) for e in _of(run, text, "arms_transfer")}
    assert transfers == {("USA", "POL"), ("KOR", "POL")}


def test_a_maker_inside_a_phrase_is_the_supplier(run: Run) -> None:
    [deal] = _of(run, "Qatar has signed for 24 French-made Rafale fighters.", "arms_transfer")
    assert dict(deal.roles) == {"supplier": "FRA", "recipient": "QAT"}
    [sale] = _of(run, "Spain will sell two frigates to the U.S. Navy.", "arms_transfer")
    assert dict(sale.roles) == {"supplier": "ESP", "recipient": "USA"}


def test_idioms_hold_no_trigger_and_announced_rules_are_adopted(run: Run) -> None:
    assert _of(run, "Beijing has always delivered on its pledges to Islamabad.", "arms_transfer") == []
    [stop] = _of(run, "Germany will stop licensing sales of military gear to Israel.", "export_control")
    assert dict(stop.roles) == {"actor": "DEU", "target": "ISR"} and stop.status == "completed"


@pytest.mark.parametrize("text,supplier,recipient", [
    ("Germany bought three Patriot systems for Ukraine.", "DEU", "UKR"),
    ("Prague runs a Czech-led initiative that buys artillery shells for Ukraine on world markets.", "CZE", "UKR"),
    ("Poland bought tanks for its army from Korea.", "KOR", "POL"),
    ("The first buyer may be Qatar, which asked last month to buy 12 MQ-9 drones from General Atomics.", "USA", "QAT"),
    ("Peru's signature on a contract for 12 Saab Gripen fighters ends a long saga.", "SWE", "PER"),
])
def test_buyers_for_others_relative_pronouns_and_programme_makers(run: Run, text: str, supplier: str,
                                                                 recipient: str) -> None:
    [event] = _of(run, text, "arms_transfer")
    assert dict(event.roles) == {"supplier": supplier, "recipient": recipient}


def test_a_review_of_export_requests_is_an_export_control(run: Run) -> None:
    [rule] = _of(run, "Washington will now screen requests to sell large armed drones as it does fighter jets.",
                 "export_control")
    assert dict(rule.roles) == {"actor": "USA"} and rule.status == "completed"


def test_a_joint_venture_does_what_its_founders_do(run: Run) -> None:
    text = ("Spain's Indra and France's Thales signed a deal setting up a joint venture that will develop "
            "and build a new radar for the Spanish Army.")
    kinds = {e.type: e for e in run(text).events}
    assert set(kinds) == {"co_production", "co_development"}
    assert kinds["co_development"].participants == ("ESP", "FRA") and kinds["co_development"].status == "agreed"


def test_the_agreement_told_as_a_sale_is_that_sale(run: Run) -> None:
    text = ("India will buy 26 Rafale jets from France. "
            "The two defence ministers signed the agreement in Delhi on Monday.")
    assert [e.type for e in run(text).events] == ["arms_transfer"]


def test_a_budget_is_told_apart_by_its_own_sum_not_one_it_is_part_of(run: Run) -> None:
    text = ("Japan's cabinet approved a record ¥8.7 trillion defence budget on Friday. "
            "That defence allocation forms part of a draft state budget of ¥120 trillion.")
    assert len(_of(run, text, "defense_spending")) == 1


def test_collaboration_on_equipment_is_joint_development(run: Run) -> None:
    [work] = _of(run, "Japan is collaborating with Britain and Italy on a new stealth fighter.",
                 "co_development")
    assert work.participants == ("GBR", "ITA", "JPN") and work.status == "ongoing"
    [team] = _of(run, "Seoul will team up with Warsaw on a new howitzer.", "co_development")
    assert team.participants == ("KOR", "POL") and team.status == "planned"
    assert _of(run, "Canada and Japan cooperate on cyber security.", "co_development") == []


def test_companies_from_two_states_gathering_is_a_meeting_to_come(run: Run) -> None:
    [event] = _of(run, "Next month defence firms from Japan and the EU will gather in Paris.", "meeting")
    assert event.participants == ("EU", "JPN") and event.status == "planned"
    [first] = _of(run, "The forum will be the first occasion on which arms makers from Japan and the EU hold talks.",
                  "meeting")
    assert first.status == "planned"


def test_joint_work_with_no_party_named_is_that_of_the_parties_just_before(run: Run) -> None:
    text = ("Japan and the EU agreed on joint production of munitions. "
            "The opening round will look at building joint supply chains for shells.")
    [chain] = _of(run, text, "supply_chain")
    assert chain.participants == ("EU", "JPN")


def test_a_buyer_listed_beside_another_is_no_supplier_and_a_sum_is_no_programme(run: Run) -> None:
    text = "Oman now joins Qatar, which ordered 24 Typhoons, and Kuwait, which placed an order for 28 in 2016."
    assert [dict(e.roles) for e in _of(run, text, "arms_transfer")] == []
    out = run("Canberra will receive its first Apache helicopters under another US$2.6 billion contract.")
    assert [e.name for e in out.entities if e.type == "program"] == ["AH-64 Apache"]


def test_maintenance_by_a_firm_abroad_and_after_a_sale(run: Run) -> None:
    [mro] = _of(run, "Boeing will also open a facility in Poland for repair and overhaul of the helicopters.",
                "maintenance")
    assert dict(mro.roles) == {"provider": "USA", "owner": "POL"}
    text = ("Seoul signed a deal on Friday to sell 12 FA-50 jets to Manila. "
            "Under the contract KAI will provide spare parts and maintenance for the aircraft.")
    [support] = _of(run, text, "maintenance")
    assert dict(support.roles) == {"provider": "KOR", "owner": "PHL"} and support.status == "agreed"


def test_phrasal_verbs_are_verbs_of_their_own(run: Run) -> None:
    assert _of(run, "Italy called off the sale of two frigates to Egypt.", "arms_transfer") == []
    [plant] = _of(run, "Hanwha will set up a howitzer plant in Australia.", "co_production")
    assert plant.status == "planned"


def test_the_other_side_of_a_talk_with_one_party_named(run: Run) -> None:
    [doha] = _of(run, "Macron flew to Doha on Sunday and is in talks with the emir.", "meeting")
    assert doha.participants == ("FRA", "QAT") and doha.status == "ongoing"
    text = "Asked about next week's meeting with Saudi Arabia's crown prince, Macron defended the trip."
    [riyadh] = _of(run, text, "meeting")
    assert riyadh.participants == ("FRA", "SAU")


def test_a_day_ahead_makes_a_meeting_to_come(run: Run) -> None:
    [talks] = _of(run, "Tomorrow: Riyadh, for talks between France and Saudi Arabia.", "meeting")
    assert talks.status == "planned"


def test_a_trilateral_summit_takes_the_third_party_named(run: Run) -> None:
    text = ("Ishiba will hold talks with Trump in Washington this week, followed by a trilateral summit with "
            "the Philippine president.")
    summits = [e for e in _of(run, text, "meeting") if len(e.participants) == 3]
    assert [e.participants for e in summits] == [("JPN", "PHL", "USA")] and summits[0].status == "planned"


def test_leaders_named_by_surname_alone_act_for_their_state(run: Run) -> None:
    out = run("Trump meets Zelensky at the White House on Friday.")
    [talks] = [e for e in out.events if e.type == "meeting"]
    assert talks.participants == ("UKR", "USA")
    assert [e for e in run("Seoul played its trump card in the talks with Tokyo.").entities if e.type == "person"] == []


def test_a_deal_to_buy_is_the_buyers_and_he_is_the_person_named_before(run: Run) -> None:
    text = "Greece also signed in May a deal worth billions to buy 20 F-35 jets from America's Lockheed Martin."
    [deal] = _of(run, text, "arms_transfer")
    assert dict(deal.roles) == {"supplier": "USA", "recipient": "GRC"}
    text = "President Zelensky flew to Washington on Monday. He met Trump at the White House."
    assert [e.participants for e in _of(run, text, "meeting")] == [("UKR", "USA")]


def test_talks_with_one_side_named_after_which_the_other_side_speaks(run: Run) -> None:
    text = ("Speaking to reporters after his talks with the French armed forces minister, Indonesia's defence "
            "minister said the jets would arrive in 2026.")
    [talks] = _of(run, text, "meeting")
    assert talks.participants == ("FRA", "IDN") and talks.status == "completed"


def test_warships_named_by_prefix_act_for_their_navies(run: Run) -> None:
    text = "The destroyer USS Dewey joined the Indian frigate INS Talwar for drills in the Arabian Sea on Sunday."
    [drill] = _of(run, text, "exercise")
    assert drill.participants == ("IND", "USA") and drill.status == "completed"
    text = "The cutter USCGC Munro teamed up with the Philippine patrol ship BRP Teresa Magbanua for joint drills."
    assert _of(run, text, "co_development") == []
    assert [m.label for m in run("Canberra hosts ships at HMAS Stirling.").party_mentions
            if m.source == "ship"] == []


def test_what_follows_an_act_takes_no_part_in_it(run: Run) -> None:
    text = "Beijing's new rules follow a call by American senators for wider bans on the export of chip tools to China."
    assert [dict(e.roles).get("actor") for e in _of(run, text, "export_control")] in ([], ["USA"])


@pytest.mark.parametrize("text,kind,parties", [
    ("Sweden will sell radar planes to Poland and Norway will supply howitzers to Latvia.", "arms_transfer",
     {("NOR", "LVA"), ("SWE", "POL")}),
    ("Spain sold two frigates to Vietnam despite protests from China.", "arms_transfer", {("ESP", "VNM")}),
    ("Japan held talks with officials from the United States in Tokyo.", "meeting", {("JPN", "USA")}),
    ("Poland began a programme of fortifications along its frontier with Russia and Belarus.", "co_development",
     set()),
    ("Hanwha will build nine howitzers for Estonia.", "arms_transfer", {("KOR", "EST")}),
])
def test_two_acts_bystanders_inside_phrases_and_partners_of_other_nouns(run: Run, text: str, kind: str,
                                                                       parties: set[tuple[str, ...]]) -> None:
    found = set()
    for event in _of(run, text, kind):
        roles = dict(event.roles)
        found.add((roles["supplier"], roles["recipient"]) if roles else event.participants)
    assert found == parties


def test_forces_sent_on_a_mission_are_deployed_and_a_joint_programme_is_joint_work(run: Run) -> None:
    [patrol] = _of(run, "Canada will send six fighters to Iceland for air policing.", "force_posture")
    assert patrol.participants == ("CAN", "ISL") and patrol.status == "planned"
    assert _of(run, "Canada will send six fighters to Iceland for air policing.", "arms_transfer") == []
    [gift] = _of(run, "Germany will send six fighters to Ukraine.", "arms_transfer")
    assert dict(gift.roles) == {"supplier": "DEU", "recipient": "UKR"}
    [work] = _of(run, "Japan and Australia launched a joint hypersonic test programme.", "co_development")
    assert work.participants == ("AUS", "JPN") and work.status == "ongoing"


def test_a_fact_stated_in_a_quotation_counts_and_a_wish_does_not(run: Run) -> None:
    text = ('"We have signed the contract for 48 K9 howitzers with Hanwha," Polish Defence Minister '
            "Wladyslaw Kosiniak-Kamysz said on Monday.")
    [deal] = _of(run, text, "arms_transfer")
    assert dict(deal.roles) == {"supplier": "KOR", "recipient": "POL"} and deal.status == "agreed"
    text = ('"We should build joint production lines with our American allies," Japanese Defence Minister '
            "Gen Nakatani told reporters.")
    assert _of(run, text, "co_production") == []
    text = ('"The deal lets us deepen our strategic partnership with Seoul," Polish Defence Minister '
            "Wladyslaw Kosiniak-Kamysz said.")
    assert _of(run, text, "agreement") == []


def test_states_negotiating_bilateral_agreements_each_have_one(run: Run) -> None:
    found = {e.participants for e in _of(run, "Norway and Japan are negotiating bilateral agreements with the EU "
                                              "on access to the fund.", "agreement")}
    assert found == {("EU", "NOR"), ("EU", "JPN")}


def test_an_agreement_its_signatories_signed_and_an_offer_to_a_state(run: Run) -> None:
    text = ("The defence pact that Prime Minister Shehbaz Sharif and Saudi Crown Prince Mohammed bin Salman inked in "
            "Riyadh has given Pakistan a new partner.")
    [pact] = _of(run, text, "agreement")
    assert pact.participants == ("PAK", "SAU") and pact.status == "agreed"
    [offer] = _of(run, "Officials said Ankara had offered Jakarta 48 Kaan fighters.", "arms_transfer")
    assert dict(offer.roles) == {"supplier": "TUR", "recipient": "IDN"} and offer.status == "proposed"


def test_a_prime_minister_of_unknown_nationality_is_not_forced_onto_another(run: Run) -> None:
    out = run("Prime Minister Anwar Ibrahim met the visiting delegation on Friday.")
    assert [e.name for e in out.entities if e.type == "person" and e.party == "JPN"] == []


def test_the_sale_praised_again_as_an_agreement_is_that_sale(run: Run) -> None:
    text = ("Canberra will buy 11 frigates from Japan. "
            '"This is the biggest defence agreement ever struck between Japan and Australia," the minister said.')
    assert [e.type for e in run(text).events] == ["arms_transfer"]


def test_what_a_contract_includes_is_joint_work_of_its_parties(run: Run) -> None:
    text = ("Seoul signed a deal on Monday to sell 200 K9 howitzers to Egypt. "
            "Officials said the contract also includes local production of the guns in Egypt.")
    [work] = _of(run, text, "co_production")
    assert work.participants == ("EGY", "KOR") and work.status == "agreed"


def test_a_clause_with_a_sum_and_its_trigger_left_out_is_a_budget(run: Run) -> None:
    text = "Germany's defence budget rose to €72 billion, while the EU set aside 150 billion euros for loans."
    found = {e.participants: e for e in _of(run, text, "defense_spending")}
    assert set(found) == {("DEU",), ("EU",)} and found[("EU",)].status == "agreed"


def test_a_firm_handing_over_technology_takes_part_in_the_assembly(run: Run) -> None:
    text = "The tanks will be assembled at a Polish plant, with Hyundai Rotem transferring the technology."
    [work] = _of(run, text, "co_production")
    assert work.participants == ("KOR", "POL")


def test_including_works_as_a_preposition_and_costs_of_development_are_no_development(run: Run) -> None:
    text = "Seoul is pouring money into air defence, including a joint project with Canberra to develop a radar."
    [work] = _of(run, text, "co_development")
    assert work.participants == ("AUS", "KOR") and work.status == "ongoing"
    text = "Both Italy and Japan face high research and development costs for their new fighters."
    assert _of(run, text, "co_development") == []
    text = "Madrid welcomed the decision of the Italian government to ease the curbs it had put on arms sales to Cairo."
    [rule] = _of(run, text, "export_control")
    assert dict(rule.roles) == {"actor": "ITA", "target": "EGY"}


def test_a_talk_the_sentence_only_sets_the_scene_with_was_held(run: Run) -> None:
    text = "Olaf Scholz, the chancellor, hosting France's President Emmanuel Macron for talks, praised the vote."
    [talks] = _of(run, text, "meeting")
    assert talks.participants == ("DEU", "FRA") and talks.status == "completed"
    [visit] = _of(run, "It is the first visit to Rabat by an Indian defence minister.", "meeting")
    assert visit.status == "completed"


def test_a_purchase_with_no_buyer_named_is_the_articles_country(run: Run) -> None:
    text = ("Manila has raised defence spending sharply, and the Philippines wants more ships for its navy. "
            "The Philippine budget rise has led to closer ties and the acquisition of U.S. Patriot missiles.")
    [buy] = _of(run, text, "arms_transfer")
    assert dict(buy.roles) == {"supplier": "USA", "recipient": "PHL"}
    assert _of(run, "Washington warned that purchases of Russian weapons could bring sanctions.", "arms_transfer") == []


def test_a_plan_noun_makes_a_plan_and_an_estimate_is_no_plan(run: Run) -> None:
    [repair] = _of(run, "Tokyo unveiled plans to allow the repair of U.S. warships in Japan.", "maintenance")
    assert repair.status == "planned"
    [budget] = _of(run, "The French defence budget for 2025 is estimated at 50 billion euros.", "defense_spending")
    assert budget.status == "agreed"


def test_pursuing_joint_work_is_a_plan() -> None:
    pipeline = build_pipeline(Settings(use_model=False))
    out = pipeline(Article(doc="t", text="Seoul and Warsaw are pursuing joint production of shells.",
                           published="2025-05-22"))
    [work] = [e for e in out.events if e.type == "co_production"]
    assert work.participants == ("KOR", "POL") and work.status == "planned"


@pytest.mark.parametrize("text,parties", [
    ("Two Spanish air-defence batteries will remain stationed in Slovakia until spring.", ("ESP", "SVK")),
    ("Canadian tanks stay deployed in Latvia under the NATO plan.", ("CAN", "LVA")),
    ("About 1,200 Italian troops are stationed in Bulgaria, the ministry said.", ("BGR", "ITA")),
    ("A Swedish mechanised battalion is now based in Finland.", ("FIN", "SWE")),
    ("Norway has stationed four F-35 jets in Iceland for air policing.", ("ISL", "NOR")),
    ("French Rafale fighters that were deployed to Romania last year will keep flying patrols there.",
     ("FRA", "ROU")),
])
def test_forces_in_place_are_an_ongoing_deployment(run: Run, text: str, parties: tuple[str, ...]) -> None:
    [event] = _of(run, text, "force_posture")
    assert event.participants == parties and event.status == "ongoing", event.why


@pytest.mark.parametrize("text,status", [
    ("Hanwha will continue to build K9 howitzers jointly with Poland's WB Group.", "ongoing"),
    ("Turkey and Pakistan will keep producing drones together at the Karachi plant.", "ongoing"),
    ("Turkey and Pakistan will start producing drones together next year.", "planned"),
])
def test_a_verb_that_says_work_goes_on_keeps_it_ongoing_whatever_its_tense(run: Run, text: str, status: str) -> None:
    [event] = _of(run, text, "co_production")
    assert event.status == status, event.why


@pytest.mark.parametrize("text,kind,roles,status", [
    ("Norway has pledged 12 of its K9 howitzers to Ukraine.", "arms_transfer",
     {"supplier": "NOR", "recipient": "UKR"}, "agreed"),
    ("Sweden's pledge of 10 Archer guns to Kyiv was approved by parliament.", "arms_transfer",
     {"supplier": "SWE", "recipient": "UKR"}, "agreed"),
    ("Romania formally requested 54 Abrams tanks from the United States.", "arms_transfer",
     {"supplier": "USA", "recipient": "ROU"}, "proposed"),
    ("Vietnam's request for Indian BrahMos missiles is still pending.", "arms_transfer",
     {"supplier": "IND", "recipient": "VNM"}, "proposed"),
    ("Washington approved a $300 million package of military equipment for Ukraine.", "arms_transfer",
     {"supplier": "USA", "recipient": "UKR"}, "agreed"),
    ("A Polish yard will service British frigates under a contract signed on Monday.", "maintenance",
     {"provider": "POL", "owner": "GBR"}, "agreed"),
])
def test_pledges_requests_packages_and_servicing(run: Run, text: str, kind: str, roles: dict[str, str],
                                                 status: str) -> None:
    [event] = _of(run, text, kind)
    assert dict(event.roles) == roles and event.status == status, event.why


def test_a_signed_declaration_is_an_agreement_a_declared_intention_is_not(run: Run) -> None:
    [event] = _of(run, "Seoul and Canberra signed a joint declaration on defence industry cooperation.", "agreement")
    assert event.participants == ("AUS", "KOR") and event.status == "agreed"
    assert not _of(run, "Analysts in Canberra read Seoul's declaration as a rebuke.", "agreement")


@pytest.mark.parametrize("text,owner", [
    ("Italy pledged to meet NATO's 2% spending target by 2026.", "ITA"),
    ("Portugal vowed to reach the NATO spending goal within five years.", "PRT"),
    ("Canada promised to hit the alliance's defence spending goal of 2% of GDP.", "CAN"),
    ("Spain will reach NATO's defence spending benchmark next year, its premier said.", "ESP"),
])
def test_the_budget_is_the_spenders_not_the_goal_setters(run: Run, text: str, owner: str) -> None:
    [event] = _of(run, text, "defense_spending")
    assert event.participants == (owner,), event.why


@pytest.mark.parametrize("text,status", [
    ("Poland bought 96 Apache helicopters from the United States.", "agreed"),
    ("Germany has acquired 35 F-35A fighters from the United States.", "completed"),
    ("Chile acquired two frigates from Britain under a 2023 contract.", "agreed"),
    ("Two frigates acquired by Chile from Britain will be refitted first.", "agreed"),
    ("Argentina purchased 24 used F-16s from Denmark in 2024.", "agreed"),
    ("Vietnam will buy 12 jets from South Korea.", "planned"),
    ("The F-16s that Romania bought from Norway arrived on Monday.", "completed"),
    ("The last of the Rafales that Greece ordered from France landed at Tanagra on Wednesday.", "completed"),
    ("The first four of the 12 radars that Manila ordered from Tokyo arrived in Subic Bay.", "ongoing"),
    ("Tanks purchased by Morocco from the US began arriving in March.", "ongoing"),
    ("The K9 guns that Egypt bought from South Korea are arriving in batches.", "ongoing"),
])
def test_a_purchase_is_agreed_until_what_was_bought_arrives(run: Run, text: str, status: str) -> None:
    [event] = _of(run, text, "arms_transfer")
    assert event.status == status, event.why
    assert event.item and event.item not in {"that", "which"}


@pytest.mark.parametrize("text,roles,status", [
    ("Greece is expected to sign a contract next month to buy a fourth Belharra frigate from France's Naval Group.",
     {"supplier": "FRA", "recipient": "GRC"}, "planned"),
    ("Seoul is set to buy 20 more F-35 jets from the United States.", {"supplier": "USA", "recipient": "KOR"},
     "planned"),
    ("Indonesia is reported to have ordered 42 Rafale fighters from France.", {"supplier": "FRA", "recipient": "IDN"},
     "agreed"),
    ("Egypt was persuaded to buy frigates from Italy.", {"supplier": "ITA", "recipient": "EGY"}, "agreed"),
    ("Japan was asked to supply Patriot interceptors to the United States.", {"supplier": "JPN", "recipient": "USA"},
     "proposed"),
    ("Hanwha was picked to build three submarines for Canada.", {"supplier": "KOR", "recipient": "CAN"}, "agreed"),
])
def test_the_subject_of_a_passive_that_takes_an_infinitive_does_what_it_says(run: Run, text: str,
                                                                             roles: dict[str, str],
                                                                             status: str) -> None:
    [event] = _of(run, text, "arms_transfer")
    assert dict(event.roles) == roles and event.status == status, event.why


@pytest.mark.parametrize("text,kind,status", [
    ("Deliveries of K9 howitzers from South Korea to Egypt are under way.", "arms_transfer", "ongoing"),
    ("Talks between Indian and French officials were under way in Paris on Monday.", "meeting", "ongoing"),
    ("The annual drills between Philippine and US forces got under way on Monday.", "exercise", "ongoing"),
    ("Damaged Ukrainian tanks are being repaired by Polish workers in Gliwice.", "maintenance", "ongoing"),
    ("Talks between Indian and French officials are expected to get under way next week.", "meeting", "planned"),
])
def test_under_way_and_the_progressive_passive_read_as_ongoing(run: Run, text: str, kind: str, status: str) -> None:
    [event] = _of(run, text, kind)
    assert event.status == status, event.why


@pytest.mark.parametrize("text,actor,target", [
    ("New Dutch export controls on chipmaking tools, aimed at China, took effect on Friday.", "NLD", "CHN"),
    ("Berlin lifted its freeze on export licences for weapons bound for Israel.", "DEU", "ISR"),
    ("Tokyo tightened curbs on exports of chip equipment destined for Russia.", "JPN", "RUS"),
    ("The EU adopted a sanctions package that bans exports of dual-use goods to Russia.", "EU", "RUS"),
    ("Washington imposed export controls targeting Chinese chipmakers.", "USA", "CHN"),
])
def test_a_rule_is_aimed_at_whom_its_own_phrase_names(run: Run, text: str, actor: str, target: str) -> None:
    [event] = _of(run, text, "export_control")
    assert dict(event.roles) == {"actor": actor, "target": target}, event.why


def test_a_rule_praised_by_another_state_has_no_target(run: Run) -> None:
    [event] = _of(run, "Britain relaxed export rules on jet engines, a move welcomed by Italy.", "export_control")
    assert dict(event.roles) == {"actor": "GBR"}, event.why


@pytest.mark.parametrize("text,kind,parties,status", [
    ("Britain and Sweden are studying whether to work together on a future combat aircraft.", "co_development",
     ("GBR", "SWE"), "proposed"),
    ("Spain is weighing whether to buy Turkish Hurjet trainers.", "arms_transfer", ("ESP", "TUR"), "proposed"),
    ("Seoul and Warsaw are working jointly on a tank upgrade.", "co_development", ("KOR", "POL"), "ongoing"),
])
def test_a_question_weighed_is_proposed_not_conditional(run: Run, text: str, kind: str, parties: tuple[str, ...],
                                                        status: str) -> None:
    [event] = _of(run, text, kind)
    assert event.participants == parties and event.status == status, event.why


@pytest.mark.parametrize("text", [
    "Analysts speculate that Vietnam may eventually buy BrahMos missiles from India.",
    "Some observers predict Jakarta will order more Rafales from France.",
    "Spain will buy the trainers from Turkey only if Ankara cuts the price.",
])
def test_guesses_and_conditions_are_no_events(run: Run, text: str) -> None:
    assert not run(text).events


def test_a_party_looking_on_is_no_party_but_a_partner_at_work_is(run: Run) -> None:
    [talks] = _of(run, "Talks between US and Ukrainian delegations were held in Jeddah, with Saudi officials hosting.",
                  "meeting")
    assert talks.participants == ("UKR", "USA")
    [made] = _of(run, "The tanks will be built jointly by Poland's Bumar, with Hanwha of South Korea supplying the "
                      "guns.", "co_production")
    assert made.participants == ("KOR", "POL")


def test_a_number_raised_is_not_a_rule_lifted(run: Run) -> None:
    found = run("Canberra has ordered 20 more HIMARS launchers from Washington, lifting its total order to 42.")
    assert [e.type for e in found.events] == ["arms_transfer"]


@pytest.mark.parametrize("text,parties,status", [
    ("Washington plans to rotate B-52 bombers through northern Australia more often.", ("AUS", "USA"), "planned"),
    ("The relocation of US Marines from Okinawa to Guam began last month.", ("JPN", "USA"), "ongoing"),
    ("Poland has asked the United States to station nuclear weapons on its territory.", ("POL", "USA"), "proposed"),
    ("Lithuania offered to host a German brigade on its soil.", ("DEU", "LTU"), "proposed"),
    ("The US will deploy missiles on Japanese territory.", ("JPN", "USA"), "planned"),
])
def test_moving_and_hosting_forces(run: Run, text: str, parties: tuple[str, ...], status: str) -> None:
    [event] = _of(run, text, "force_posture")
    assert event.participants == parties and event.status == status, event.why
    assert not _of(run, text, "meeting")


@pytest.mark.parametrize("text,kind,parties", [
    ("The United States and Japan signed an arrangement on Wednesday to co-develop the Glide Phase Interceptor.",
     "co_development", ("JPN", "USA")),
    ("Britain and Germany are expected to sign an agreement next week to jointly develop a strike missile.",
     "co_development", ("DEU", "GBR")),
    ("Japan and the United States signed a framework on Tuesday to secure supplies of critical minerals.",
     "supply_chain", ("JPN", "USA")),
])
def test_an_agreement_signed_to_do_an_act_is_that_act(run: Run, text: str, kind: str,
                                                      parties: tuple[str, ...]) -> None:
    assert [(e.type, e.participants) for e in run(text).events] == [(kind, parties)]


@pytest.mark.parametrize("text,roles", [
    ("Hanwha Ocean won a maintenance contract with the US Navy for two supply ships.",
     {"provider": "KOR", "owner": "USA"}),
    ("A Japanese yard signed a repair deal with the Royal Navy for its patrol ships.",
     {"provider": "JPN", "owner": "GBR"}),
])
def test_a_maintenance_contract_is_maintenance_not_a_sale(run: Run, text: str, roles: dict[str, str]) -> None:
    assert [(e.type, dict(e.roles)) for e in run(text).events] == [("maintenance", roles)]


@pytest.mark.parametrize("text", [
    "Poland signed a contract with South Korea for 180 tanks.",
    "South Korea signed a contract with Poland for 180 K2 tanks.",
    "Hyundai Rotem signed a contract with Poland for 180 tanks.",
])
def test_who_sells_under_a_neutral_contract(run: Run, text: str) -> None:
    [event] = _of(run, text, "arms_transfer")
    assert dict(event.roles) == {"supplier": "KOR", "recipient": "POL"}, event.why


@pytest.mark.parametrize("text,kind,parties,status", [
    ('"We have handed over the last of the six patrol boats promised to Ghana," a Dutch navy official told '
     "reporters.", "arms_transfer", ("GHA", "NLD"), "completed"),
    ("Norway's defence minister said: \"Estonia will get eight more rocket launchers from us this spring.\"",
     "arms_transfer", ("EST", "NOR"), "planned"),
    ('"We will hold joint drills with Vietnam next year for the first time," the Australian chief of navy said.',
     "exercise", ("AUS", "VNM"), "planned"),
])
def test_an_unnamed_speaker_speaks_for_the_state_the_attribution_names(run: Run, text: str, kind: str,
                                                                         parties: tuple[str, ...],
                                                                         status: str) -> None:
    [event] = _of(run, text, kind)
    assert event.participants == parties and event.status == status, event.why


def test_a_wish_in_a_quote_is_no_event(run: Run) -> None:
    assert not run('"We hope to buy more jets from Sweden one day," the Thai air force chief said.').events


@pytest.mark.parametrize("text,owner,status", [
    ("Finland's defence ministry has asked for 6.4 billion euros for next year, a 9% rise.", "FIN", "proposed"),
    ("The Dutch parliament approved €22 billion for the armed forces on Thursday.", "NLD", "agreed"),
    ('"We are setting aside 30 billion kronor more for defence this year," the Swedish prime minister said.',
     "SWE", "agreed"),
    ("Japan's Defense Ministry requested a record budget of 8.8 trillion yen.", "JPN", "proposed"),
])
def test_money_asked_for_or_set_aside_for_defence_is_a_budget(run: Run, text: str, owner: str, status: str) -> None:
    [event] = _of(run, text, "defense_spending")
    assert event.participants == (owner,) and event.status == status, event.why


@pytest.mark.parametrize("text,count", [
    ("The Finnish health ministry asked for 3 billion euros for hospitals.", 0),
    ("The Dutch parliament approved the €1.2 billion sale of frigates to Indonesia.", 0),
    ("Finland's cabinet approved a record 6.4 billion euro ($6.9 billion) defence budget on Friday.", 1),
])
def test_money_for_something_else_is_no_budget_and_a_budget_is_counted_once(run: Run, text: str, count: int) -> None:
    found = _of(run, text, "defense_spending")
    assert len(found) == count and all(e.trigger != "approve" for e in found)


@pytest.mark.parametrize("text,kind,parties,status", [
    ("Madrid, Ankara to hold defence industry talks next month", "meeting", ("ESP", "TUR"), "planned"),
    ("Canberra, Tokyo to co-develop long-range missile", "co_development", ("AUS", "JPN"), "planned"),
    ("Manila, Washington wrap up Balikatan drills", "exercise", ("PHL", "USA"), "completed"),
    ("Ottawa to buy 88 F-35 jets from Washington", "arms_transfer", ("CAN", "USA"), "planned"),
])
def test_headlines_two_names_and_an_infinitive(run: Run, text: str, kind: str, parties: tuple[str, ...],
                                               status: str) -> None:
    [event] = _of(run, text, kind)
    assert event.participants == parties and event.status == status, event.why


@pytest.mark.parametrize("text,kind,parties,status", [
    ("The Korean side and the Polish side signed the agreement regarding the joint production of howitzers in "
     "Poland.", "co_production", ("KOR", "POL"), "agreed"),
    ("Japan and Italy reached an understanding concerning joint development of a new engine.", "co_development",
     ("ITA", "JPN"), "agreed"),
    ("Vietnam takes delivery of six Indian patrol boats", "arms_transfer", ("IND", "VNM"), "completed"),
    ("Manila takes delivery of first Japanese coastal radar", "arms_transfer", ("JPN", "PHL"), "ongoing"),
    ("A spokesman spoke of planned talks between the defence chiefs of Spain and Morocco.", "meeting",
     ("ESP", "MAR"), "planned"),
])
def test_what_an_agreement_concerns_a_headlines_delivery_and_planned_talks(run: Run, text: str, kind: str,
                                                                         parties: tuple[str, ...],
                                                                         status: str) -> None:
    [event] = _of(run, text, kind)
    assert event.participants == parties and event.status == status, event.why


def test_talks_about_a_country_do_not_make_it_a_party(run: Run) -> None:
    [talks] = _of(run, "Spanish and Moroccan officials held talks about Gaza in Madrid.", "meeting")
    assert talks.participants == ("ESP", "MAR")


@pytest.mark.parametrize("text,supplier,recipient", [
    ("Norway on Monday handed over the last of the six launchers it had promised Kyiv this spring.", "NOR", "UKR"),
    ("Sweden has shipped the two radar planes it pledged to Ukraine in May.", "SWE", "UKR"),
    ("Israel's Elbit Systems said it had finished delivering the rocket launchers procured by the Netherlands.",
     "ISR", "NLD"),
    ("Spain promised Ukraine more Hawk missiles on Tuesday.", "ESP", "UKR"),
])
def test_the_clause_describing_what_is_moved_names_the_other_side(run: Run, text: str, supplier: str,
                                                                   recipient: str) -> None:
    [event] = _of(run, text, "arms_transfer")
    assert dict(event.roles) == {"supplier": supplier, "recipient": recipient}


def test_what_is_moved_without_the_other_side_is_no_transfer(run: Run) -> None:
    assert _of(run, "The howitzers bought by Chile last year have been delivered.", "arms_transfer") == []


@pytest.mark.parametrize("text,parties", [
    ("Germany now has an armoured brigade stationed permanently in Lithuania.", ("DEU", "LTU")),
    ("The US keeps about 10,000 troops stationed in Poland.", ("POL", "USA")),
    ("Britain maintains a battalion deployed in Estonia.", ("EST", "GBR")),
])
def test_forces_held_in_place_are_an_ongoing_deployment(run: Run, text: str, parties: tuple[str, ...]) -> None:
    [event] = _of(run, text, "force_posture")
    assert (event.participants, event.status) == (parties, "ongoing")


def test_forces_not_held_are_no_deployment(run: Run) -> None:
    assert _of(run, "Japan does not have troops deployed in the Philippines.", "force_posture") == []


@pytest.mark.parametrize("text,parties,status", [
    ("Vietnam's defence minister received his Russian counterpart in Hanoi on Tuesday.", ("RUS", "VNM"),
     "completed"),
    ("The Egyptian president will receive a Greek delegation next week.", ("EGY", "GRC"), "planned"),
    ("Chinese Defence Minister Dong Jun welcomed Pakistan's army chief to Beijing on Monday.", ("CHN", "PAK"),
     "completed"),
    ("Brazil's foreign minister phoned his Indian counterpart on Thursday.", ("BRA", "IND"), "completed"),
    ("Brazil's president held a telephone conversation with the French president on Monday.", ("BRA", "FRA"),
     "completed"),
])
def test_receiving_welcoming_and_phoning_officials_are_meetings(run: Run, text: str, parties: tuple[str, ...],
                                                                status: str) -> None:
    [event] = _of(run, text, "meeting")
    assert (event.participants, event.status) == (parties, status)


def test_receiving_goods_is_no_meeting(run: Run) -> None:
    assert _of(run, "Poland received the first K2 tanks from Korea.", "meeting") == []


@pytest.mark.parametrize("text,owner", [
    ("Canada pledged on Monday to reach NATO's target of 2% of GDP this year.", "CAN"),
    ("Spain vowed to hit the alliance's 2% spending goal by 2025.", "ESP"),
    ("Germany met the 2% goal last year for the first time.", "DEU"),
    ("The Philippine Senate approved ₱40 billion in appropriations for the military modernisation programme.", "PHL"),
    ("The US Congress passed a $850 billion defence appropriations bill.", "USA"),
])
def test_reaching_a_spending_goal_and_appropriations_are_budgets(run: Run, text: str, owner: str) -> None:
    [event] = _of(run, text, "defense_spending")
    assert event.participants == (owner,)


@pytest.mark.parametrize("text", [
    "Indian suppliers could meet the wishes of Moroccan troops, the minister said.",
    "Under the summit text, members pledge to reach 5% of GDP within ten years.",
    "Belgium will not meet NATO's 2% target until 2035.",
])
def test_needs_met_and_goals_with_no_one_named_are_no_budget(run: Run, text: str) -> None:
    assert _of(run, text, "defense_spending") == []


@pytest.mark.parametrize("text,parties", [
    ("Japan, South Korea and the United States said their navies would hold a trilateral exercise in November.",
     ("JPN", "KOR", "USA")),
    ("Egypt and Greece said they would hold joint air drills next month.", ("EGY", "GRC")),
    ("India said its navy would hold drills with France.", ("FRA", "IND")),
])
def test_their_forces_act_for_the_states_that_report(run: Run, text: str, parties: tuple[str, ...]) -> None:
    [event] = _of(run, text, "exercise")
    assert (event.participants, event.status) == (parties, "planned")


@pytest.mark.parametrize("text,kind,expected", [
    ("The US has approved arms sales worth over $5 billion to Egypt and Morocco.", "arms_transfer",
     {("EGY", "USA"), ("MAR", "USA")}),
    ("Britain will send Storm Shadow missiles to Ukraine and Poland.", "arms_transfer",
     {("GBR", "UKR"), ("GBR", "POL")}),
    ("Sweden and Finland will buy air-defence systems from Israel.", "arms_transfer", {("ISR", "SWE"), ("FIN", "ISR")}),
    ("The EU imposed export curbs on Iran and Belarus.", "export_control", {("EU", "IRN"), ("BLR", "EU")}),
])
def test_one_directed_act_towards_each_party_named_side_by_side(run: Run, text: str, kind: str,
                                                                expected: set[tuple[str, ...]]) -> None:
    assert {e.participants for e in _of(run, text, kind)} == expected


@pytest.mark.parametrize("text,parties", [
    ("On the sidelines of the arms fair in Abu Dhabi, the defence ministers of Serbia and Egypt met on Tuesday.",
     ("EGY", "SRB")),
    ("At a forum in Doha last week, the army chiefs of Kenya and Ghana held talks.", ("GHA", "KEN")),
])
def test_a_subject_after_a_fronted_phrase_is_the_subject(run: Run, text: str, parties: tuple[str, ...]) -> None:
    [event] = _of(run, text, "meeting")
    assert event.participants == parties


@pytest.mark.parametrize("text", [
    "Tanzania's army on Thursday denied reports that it had bought attack helicopters from China.",
    "Speculation that Iran could ship drones to Sudan has grown.",
    "Reports that Hanoi will buy Indian missiles are premature, an official said.",
    "Rumours that Riyadh would base Pakistani jets on its soil are unfounded.",
    "Claims that Seoul sold shells to Kyiv are false, the ministry said.",
    "China warned that any deployment of US missiles in the Philippines would threaten peace.",
])
def test_guesses_dismissed_claims_and_any_act_are_no_events(run: Run, text: str) -> None:
    assert run(text).events == ()


def test_a_confirmed_report_is_an_event(run: Run) -> None:
    [event] = _of(run, "Reports that Greece bought Israeli rocket launchers were confirmed by Athens on Monday.",
                  "arms_transfer")
    assert dict(event.roles) == {"supplier": "ISR", "recipient": "GRC"}


@pytest.mark.parametrize("text,provider,owner", [
    ("Vietnam will send two of its Kilo-class submarines to Russia for overhaul next year.", "RUS", "VNM"),
    ("India shipped its damaged frigate to Italy for repairs last month.", "ITA", "IND"),
    ("Egypt signed a support contract with France's Naval Group for its FREMM frigates.", "FRA", "EGY"),
    ("Sri Lanka's Colombo Dockyard has finished repairs to a U.S. Navy fleet oiler.", "LKA", "USA"),
    ("Peru has chosen Korean shipbuilder Hanwha Ocean to maintain its fleet of submarines.", "KOR", "PER"),
])
def test_equipment_sent_for_repair_support_contracts_and_a_chosen_repairer(run: Run, text: str, provider: str,
                                                                           owner: str) -> None:
    events = run(text).events
    assert [(e.type, dict(e.roles)) for e in events] == [("maintenance", {"provider": provider, "owner": owner})]


@pytest.mark.parametrize("text,parties", [
    ("Uzbekistan and the United States agreed this week to develop tungsten and rare-earth deposits together.",
     ("USA", "UZB")),
    ("Australian and Indian state agencies have begun jointly developing five lithium projects.", ("AUS", "IND")),
    ("The EU and Chile signed a memorandum to build up supply chains for critical raw materials.", ("CHL", "EU")),
])
def test_joint_work_on_minerals_is_a_supply_chain(run: Run, text: str, parties: tuple[str, ...]) -> None:
    assert [(e.type, e.participants) for e in run(text).events] == [("supply_chain", parties)]


def test_a_party_feared_in_an_adjective_phrase_takes_no_part(run: Run) -> None:
    text = ("Spain and Portugal, both wary of Moroccan naval activity, signed a memorandum on Monday committing them "
            "to develop naval drones jointly.")
    assert {e.participants for e in run(text).events} == {("ESP", "PRT")}


@pytest.mark.parametrize("text,kind", [
    ("Chile is in talks with Sweden on a defence cooperation agreement.", "agreement"),
    ("Brazil is in negotiations with Sweden to co-develop a new trainer.", "co_development"),
    ("The two governments held talks on the purchase of Turkish drones by Kenya.", "arms_transfer"),
])
def test_what_is_under_negotiation_is_proposed(run: Run, text: str, kind: str) -> None:
    [event] = _of(run, text, kind)
    assert event.status == "proposed"


@pytest.mark.parametrize("text,kinds", [
    ("Qatar and Turkey will jointly develop a long-range drone, under a deal signed in Doha between Qatar's "
     "defence ministry and Turkish drone maker Baykar.", ["co_development"]),
    ("Kenya and Turkey signed a military framework agreement in Ankara covering training, the defence industry "
     "and intelligence sharing.", ["agreement"]),
    ("Egypt and South Korea signed a memorandum on joint defence research and development.",
     ["co_development"]),
])
def test_a_deal_under_which_work_is_done_and_an_agreement_over_many_areas(run: Run, text: str,
                                                                          kinds: list[str]) -> None:
    assert [e.type for e in run(text).events] == kinds


@pytest.mark.parametrize("text,kind,parties", [
    ("Kenya's 2026 budget, passed by parliament on Tuesday, allocates 180 billion shillings to the military.",
     "defense_spending", ("KEN",)),
    ("Morocco allocated 133 billion dirhams to its armed forces for next year.", "defense_spending", ("MAR",)),
    ("The Pentagon has dispatched a squadron of F-22s to an air base in Saudi Arabia.", "force_posture",
     ("SAU", "USA")),
    ("Kazakhstan has tightened controls on re-exports of dual-use goods to Russia.", "export_control",
     ("KAZ", "RUS")),
    ("The EU is set to adopt new curbs on exports of drone components to Iran next week.", "export_control",
     ("EU", "IRN")),
])
def test_more_words_for_budgets_deployments_and_export_rules(run: Run, text: str, kind: str,
                                                             parties: tuple[str, ...]) -> None:
    assert [(e.type, e.participants) for e in run(text).events] == [(kind, tuple(sorted(parties)))]


@pytest.mark.parametrize("text,supplier,recipient", [
    ("Six drones were handed over to the Nigerian Air Force by Turkish firm Baykar in August.", "TUR", "NGA"),
    ("A patrol aircraft was handed over to the Sri Lanka Air Force by India on Monday.", "IND", "LKA"),
    ("The Royal Malaysian Navy received two ships from Turkey.", "TUR", "MYS"),
])
def test_a_states_armed_service_acts_for_it(model_run: Run, text: str, supplier: str, recipient: str) -> None:
    [event] = _of(model_run, text, "arms_transfer")
    assert dict(event.roles) == {"supplier": supplier, "recipient": recipient}


@pytest.mark.parametrize("text,supplier,recipient", [
    ("After a two-year competition, Kazakhstan's air force has opted for Italy's M-346 jet trainer over South "
     "Korea's T-50.", "ITA", "KAZ"),
    ("Colombia picks Gripen: 17 Swedish jets, first deliveries in 2026.", "SWE", "COL"),
    ("Chile opted for Swedish jets rather than F-16s.", "SWE", "CHL"),
])
def test_the_choice_not_the_losing_bid_supplies(run: Run, text: str, supplier: str, recipient: str) -> None:
    [event] = _of(run, text, "arms_transfer")
    assert dict(event.roles) == {"supplier": supplier, "recipient": recipient}


@pytest.mark.parametrize("text,actor,target", [
    ("South Korea has added drone parts to the list of goods banned from export to Russia.", "KOR", "RUS"),
    ("Japan expanded the range of chip tools barred from export to China.", "JPN", "CHN"),
    ("Norway changed its rules on Wednesday so that Norwegian arms makers may sell weapons directly to Ukraine.",
     "NOR", "UKR"),
    ("Seoul will permit defence firms to sell howitzers to Poland.", "KOR", "POL"),
    ("Kyiv has allowed its arms makers to export some types of weapons for the first time since 2022.", "UKR", None),
])
def test_rules_that_list_banned_goods_or_let_firms_sell(run: Run, text: str, actor: str, target: str | None) -> None:
    events = run(text).events
    assert [(e.type, dict(e.roles)) for e in events] == [
        ("export_control", {"actor": actor, **({"target": target} if target else {})})]


def test_a_state_allowed_to_send_its_own_arms_still_sends_them(run: Run) -> None:
    [event] = _of(run, "Germany allowed Poland to send its Leopard tanks to Ukraine.", "arms_transfer")
    assert dict(event.roles) == {"supplier": "POL", "recipient": "UKR"}


@pytest.mark.parametrize("text,kind,parties", [
    ("The Philippines and Australia plan to build up a joint reserve of nickel and cobalt.", "supply_chain",
     ("AUS", "PHL")),
    ("DR Congo has offered the United States access to its cobalt and lithium in return for help with security.",
     "supply_chain", ("COD", "USA")),
    ("The United States and the Philippines have set up a joint task force for the South China Sea.",
     "force_posture", ("PHL", "USA")),
    ("Malaysia has asked India to help maintain its Sukhoi Su-30MKM fleet.", "maintenance", ("IND", "MYS")),
])
def test_reserves_access_task_forces_and_the_owner_of_a_fleet(run: Run, text: str, kind: str,
                                                             parties: tuple[str, ...]) -> None:
    assert [(e.type, e.participants) for e in run(text).events] == [(kind, parties)]


@pytest.mark.parametrize("text,kind,parties", [
    ("On the sidelines of the UN climate summit in Sharm el-Sheikh, Egypt, the EU and Kazakhstan signed a "
     "memorandum on raw materials.", "supply_chain", ("EU", "KAZ")),
    ("The ministers of Peru and Chile met in Toulon, France, on Monday.", "meeting", ("CHL", "PER")),
])
def test_a_country_that_says_where_a_place_lies_and_a_summits_sidelines(run: Run, text: str, kind: str,
                                                                        parties: tuple[str, ...]) -> None:
    assert [(e.type, e.participants) for e in run(text).events] == [(kind, parties)]


def test_a_return_is_no_transfer(run: Run) -> None:
    events = run("Slovak technicians repair howitzers that Ukraine's army sends back from the front.").events
    assert [(e.type, dict(e.roles)) for e in events] == [("maintenance", {"provider": "SVK", "owner": "UKR"})]


@pytest.mark.parametrize("text,supplier,recipient", [
    ("Argentina's defence minister signed a deal on Tuesday worth about 2 billion kroner to buy 24 of Denmark's "
     "ageing F-16 jets.", "DNK", "ARG"),
    ("Turkey signed its first agreement on the supply of its drones to a NATO country, Poland.", "TUR", "POL"),
    ("Chile concluded a contract to purchase three used frigates from Britain.", "GBR", "CHL"),
])
def test_a_deal_to_buy_is_read_at_the_buying_and_a_named_country_beats_its_bloc(run: Run, text: str, supplier: str,
                                                                              recipient: str) -> None:
    assert [dict(e.roles) for e in _of(run, text, "arms_transfer")] == [{"supplier": supplier, "recipient": recipient}]


@pytest.mark.parametrize("text", [
    "Rheinmetall and a Ukrainian partner company signed a letter of intent in Munich.",
    "The two companies had been competing for sales to the Australian government.",
    "Hanwha said it will work with Poland to supply shells for the K9 howitzers.",
])
def test_firms_letters_contests_and_work_that_is_another_act(run: Run, text: str) -> None:
    assert [e.type for e in run(text).events if e.type in {"agreement", "arms_transfer", "co_development"}] == []


def test_what_an_access_agreement_allows_is_no_deployment(run: Run) -> None:
    text = ("The Philippines and Japan have signed a reciprocal access agreement allowing them to deploy their forces "
            "on each other's soil.")
    assert [e.type for e in run(text).events] == ["agreement"]


def test_working_together_to_develop_is_joint_development(run: Run) -> None:
    [event] = run("Japan and Britain will work together to develop a new fighter jet.").events
    assert (event.type, event.participants) == ("co_development", ("GBR", "JPN"))


@pytest.mark.parametrize("text,kind,parties,status", [
    ("Ministers from Japan, Australia, the Philippines and the United States are expected to sign a memorandum on "
     "sharing maritime information when they meet in Honolulu next month.", "meeting",
     ("AUS", "JPN", "PHL", "USA"), "planned"),
    ("Ministers from Japan, Australia, the Philippines and the United States are expected to sign a memorandum on "
     "sharing maritime information when they meet in Honolulu next month.", "agreement",
     ("AUS", "JPN", "PHL", "USA"), "planned"),
    ("France and Poland, whose leaders met in Nancy on Friday, signed a treaty of friendship.", "meeting",
     ("FRA", "POL"), "completed"),
    ("The Japan-Philippines Foreign and Defense Ministerial Meeting will be held in Manila on the 10th of next month.",
     "meeting", ("JPN", "PHL"), "planned"),
    ("The Korea-US Integrated Defense Dialogue was held in Seoul on Tuesday.", "meeting", ("KOR", "USA"),
     "completed"),
])
def test_lists_read_as_appositions_whose_leaders_and_named_meetings(model_run: Run, text: str, kind: str,
                                                                    parties: tuple[str, ...], status: str) -> None:
    [event] = _of(model_run, text, kind)
    assert (event.participants, event.status) == (parties, status)


@pytest.mark.parametrize("text,supplier,recipient,status", [
    ("The first K2 tanks arrived in Poland from Korea on Tuesday.", "KOR", "POL", "ongoing"),
    ("The last two HIMARS launchers from the US arrived in Latvia on Monday.", "USA", "LVA", "completed"),
    ("Manila said the remaining two batteries from India would arrive by 2026.", "IND", "PHL", "planned"),
    ('"All 75 U.S.-built Abrams tanks have now arrived," an Australian Army spokesperson said.', "USA", "AUS",
     "completed"),
    ("According to SIPRI, the Stockholm-based institute, China completed delivery of four frigates to Pakistan in "
     "2023.", "CHN", "PAK", "completed"),
])
def test_what_arrives_was_delivered_and_a_source_is_no_supplier(model_run: Run, text: str, supplier: str,
                                                                recipient: str, status: str) -> None:
    [event] = _of(model_run, text, "arms_transfer")
    assert (dict(event.roles), event.status) == ({"supplier": supplier, "recipient": recipient}, status)


@pytest.mark.parametrize("text,parties", [
    ("Four Italian Eurofighters have arrived in Bulgaria to help guard its airspace and will stay until September.",
     ("BGR", "ITA")),
    ("Four US B-52s arrived at an air base in Australia under a bomber rotation.", ("AUS", "USA")),
    ("US troops arrived in Poland on Monday.", ("POL", "USA")),
])
def test_forces_that_arrive_on_a_mission_are_deployed(run: Run, text: str, parties: tuple[str, ...]) -> None:
    assert [(e.type, e.participants) for e in run(text).events] == [("force_posture", parties)]


def test_what_is_sent_to_refill_stocks_is_a_transfer(run: Run) -> None:
    text = "Tokyo has shipped an initial batch of interceptors to Washington to help replenish US stocks."
    assert [e.type for e in run(text).events] == ["arms_transfer"]


@pytest.mark.parametrize("text,kind", [
    ('"We have offered BrahMos to Vietnam and are waiting for their answer," a senior Indian official said.',
     "arms_transfer"),
    ('"Next week the governments of Korea and Canada will sign a defence memorandum," the South Korean embassy in '
     'Ottawa said in a statement.', "agreement"),
])
def test_offers_made_and_plans_stated_in_quotes_count(run: Run, text: str, kind: str) -> None:
    assert [e.type for e in run(text).events] == [kind]


def test_a_wish_in_a_quote_does_not_count(run: Run) -> None:
    assert run('"We would like to buy more Rafales from France," the Indian minister said.').events == ()


@pytest.mark.parametrize("text,kind,parties,status", [
    ("Warships from Chile, Peru, Brazil and the United States began the Unitas exercise off Valparaiso on Monday.",
     "exercise", ("BRA", "CHL", "PER", "USA"), "ongoing"),
    ("The Indian and Sri Lankan navies will hold their SLINEX exercise off Colombo next week.", "exercise",
     ("IND", "LKA"), "planned"),
    ("A US Army missile launcher remains stationed in the northern Philippines despite Chinese objections.",
     "force_posture", ("PHL", "USA"), "ongoing"),
    ("Albanese and Trump signed a US$8.5 billion critical minerals deal at the White House on Monday.",
     "supply_chain", ("AUS", "USA"), "agreed"),
    ("Hanwha Ocean has completed maintenance work on the US Navy supply ship USNS Wally Schirra at its Geoje "
     "shipyard.", "maintenance", ("KOR", "USA"), "completed"),
    ("The co-production of CV90 vehicles in Ukraine with Sweden's BAE Systems Hägglunds was agreed by the two "
     "governments on Wednesday.", "co_production", ("SWE", "UKR"), "agreed"),
])
def test_parses_mended_where_the_parser_slips(run: Run, text: str, kind: str, parties: tuple[str, ...],
                                              status: str) -> None:
    """An exercise's name before "exercise" read as a verb, "remains" read as an auxiliary, a deal after a sum
    tagged as a verb: each is mended before the frames are read."""
    assert [(e.type, e.participants, e.status) for e in run(text).events] == [(kind, parties, status)]


def test_a_verb_of_exercising_is_no_exercise(run: Run) -> None:
    assert _of(run, "Japan exercised restraint in the dispute with China.", "exercise") == []


@pytest.mark.parametrize("text,provider,owner,status", [
    ("Poland's WZM Poznań will service US Army Bradley fighting vehicles used in Europe.", "POL", "USA", "planned"),
    ("A team of technicians from the Pakistan Aeronautical Complex is carrying out depot-level maintenance on the "
     "Nigerian Air Force's JF-17 fighters.", "PAK", "NGA", "ongoing"),
    ("France's Dassault Aviation has returned the last of the United Arab Emirates' overhauled Mirage fighters.",
     "FRA", "ARE", "completed"),
    ("The Sri Lankan navy's patrol vessel SLNS Sayurala has returned to Colombo after a refit at Goa Shipyard in "
     "India.", "IND", "LKA", "completed"),
    ("South Africa's Denel Aeronautics has handed back two Botswana Defence Force helicopters after a full "
     "overhaul at its plant.", "ZAF", "BWA", "completed"),
])
def test_repairs_told_by_who_works_what_is_handed_back_and_what_returns(model_run: Run, text: str, provider: str,
                                                                        owner: str, status: str) -> None:
    [event] = _of(model_run, text, "maintenance")
    assert (dict(event.roles), event.status) == ({"provider": provider, "owner": owner}, status)


@pytest.mark.parametrize("text,kind,status", [
    ("Pakistani and Saudi special forces concluded the Al-Samsam exercise near Taif on Thursday.", "exercise",
     "completed"),
    ("A reciprocal access agreement between Britain and Japan entered into force on Wednesday.", "agreement",
     "completed"),
    ("Japan and India concluded a defence agreement on Monday.", "agreement", "agreed"),
    ("All 49 of the Abrams tanks that Australia pledged to Ukraine have now been delivered, Canberra said.",
     "arms_transfer", "completed"),
    ("The radars that Peru bought from Israel will be delivered next year.", "arms_transfer", "agreed"),
])
def test_stages_from_concluding_entering_into_force_and_delivery_of_what_was_pledged(
        run: Run, text: str, kind: str, status: str) -> None:
    [event] = _of(run, text, kind)
    assert event.status == status


@pytest.mark.parametrize("text,supplier,recipient", [
    ("Asked if Washington would sell Kyiv additional Patriot batteries, the president said Ukraine needed them.",
     "USA", "UKR"),
    ("Russia offered Pakistan 40 Su-35 jets.", "RUS", "PAK"),
])
def test_a_recipient_right_after_the_verb(run: Run, text: str, supplier: str, recipient: str) -> None:
    [event] = _of(run, text, "arms_transfer")
    assert dict(event.roles) == {"supplier": supplier, "recipient": recipient}


@pytest.mark.parametrize("text,kinds", [
    ("Japan and Indonesia have begun talks on transferring up to six retired destroyer escorts to the Indonesian "
     "navy.", ["arms_transfer"]),
    ("Saudi Arabia is negotiating with South Korea to build rocket launchers in the kingdom.", ["co_production"]),
    ("Chile is in talks with Sweden on a defence cooperation agreement.", ["agreement"]),
    ("India and the US held talks on the sale of jets last week.", ["meeting"]),
    ("Japan and Mongolia signed an agreement that provides a legal framework for transferring Japanese defence "
     "equipment to Mongolia.", ["agreement"]),
    ("China's defence minister turned down a US request for a meeting with the Pentagon chief this month.", []),
    ("Chilean and Peruvian defence ministers met in Arica on Tuesday and discussed joint patrols along their "
     "border.", ["meeting"]),
    ("Argentina and Chile will sign a defence memorandum next week, covering search-and-rescue and peacekeeping "
     "training.", ["agreement"]),
    ("Egypt and Somalia signed a defence cooperation protocol in Cairo during a visit by Somali President Hassan "
     "Sheikh Mohamud.", ["agreement", "meeting"]),
])
def test_negotiations_frameworks_refusals_topics_and_visits(run: Run, text: str, kinds: list[str]) -> None:
    """Talks under way on an act are that act, proposed; talks held are a meeting; a framework for transfers, a
    refused meeting and a topic discussed are no events; a visit during which a pact is signed is a meeting."""
    assert sorted(e.type for e in run(text).events) == kinds


def test_an_office_holder_acts_for_the_office_held_on_the_day(pipeline: Pipeline) -> None:
    text = ('"Albania is a reliable partner," EU foreign policy chief Josep Borrell said after meeting Albanian Prime '
            'Minister Edi Rama in Brussels.')
    out = pipeline(Article(doc="t", text=text, published="2023-06-10"))
    assert [(e.type, e.participants) for e in out.events] == [("meeting", ("ALB", "EU"))]


def test_the_stage_of_a_merged_event_is_the_one_the_lead_states(run: Run) -> None:
    text = ("Brazil handed over six patrol boats to Ghana on Monday. The boats were built under a $90 million credit "
            "line. Ghana is also looking to purchase Brazilian-made Super Tucano aircraft.")
    [event] = _of(run, text, "arms_transfer")
    assert (event.participants, event.status) == (("BRA", "GHA"), "completed")


@pytest.mark.parametrize("text,parties,status", [
    ("Indonesia has asked South Korea to join a partnership on processing nickel for batteries.", ("IDN", "KOR"),
     "proposed"),
    ("Norway has invited the European Union to invest in developing a rare-earth deposit.", ("EU", "NOR"),
     "proposed"),
    ("South Korea and Uzbekistan signed a memorandum in Tashkent on Tuesday to jointly explore tungsten deposits.",
     ("KOR", "UZB"), "agreed"),
    ("India and the United States concluded a Security of Supply Arrangement on Friday.", ("IND", "USA"), "agreed"),
])
def test_minerals_partnerships_invitations_and_security_of_supply(run: Run, text: str, parties: tuple[str, ...],
                                                                  status: str) -> None:
    assert [(e.type, e.participants, e.status) for e in run(text).events] == [("supply_chain", parties, status)]


def test_who_invites_joins_the_joint_work_but_not_a_sale_it_asks_for(run: Run) -> None:
    [drills] = run("Vietnam invited India to hold joint naval drills.").events
    assert (drills.type, drills.participants) == ("exercise", ("IND", "VNM"))
    [sale] = run("Poland asked Germany to send tanks to Ukraine.").events
    assert dict(sale.roles) == {"supplier": "DEU", "recipient": "UKR"}


@pytest.mark.parametrize("text,kinds", [
    ("Russian ships arrived in Surabaya for the Orruda drills earlier in the week.", []),
    ("India is the 18th country to conclude such an arrangement with the Pentagon.", []),
    ("Sweden will continue to maintain the Czech Republic's 14 Gripen fighters until 2035 under an agreement signed "
     "in Prague on Tuesday.", ["maintenance"]),
])
def test_ships_come_for_drills_precedents_and_the_agreement_an_act_is_under(run: Run, text: str,
                                                                           kinds: list[str]) -> None:
    assert [e.type for e in run(text).events] == kinds


@pytest.mark.parametrize("text", [
    "No date for the F-16s to be handed over to Argentina was announced.",
    "No Japanese troops are deployed in the Philippines.",
    "Germany has delivered no Taurus missiles to Ukraine.",
    "A Japanese military presence in the Philippines could help Manila counter Chinese influence.",
])
def test_acts_denied_by_no_and_presences_supposed_are_no_events(run: Run, text: str) -> None:
    assert run(text).events == ()


def test_no_elsewhere_in_the_sentence_does_not_deny_the_act(run: Run) -> None:
    [event] = run("Germany delivered the tanks to Ukraine with no delay.").events
    assert (event.type, event.status) == ("arms_transfer", "completed")


@pytest.mark.parametrize("text,supplier,recipient,status", [
    ("Vietnam has greenlit the purchase of BrahMos missiles from India.", "IND", "VNM", "agreed"),
    ("Brazil okayed the sale of six Super Tucanos to Paraguay.", "BRA", "PRY", "agreed"),
    ("Norway handed Ukraine two air-defence systems on Friday.", "NOR", "UKR", "completed"),
    ("Taiwan took possession of the first F-16V jets from the United States.", "USA", "TWN", "ongoing"),
])
def test_more_verbs_of_approving_and_handing_and_plural_programmes(run: Run, text: str, supplier: str,
                                                                   recipient: str, status: str) -> None:
    [event] = _of(run, text, "arms_transfer")
    assert (dict(event.roles), event.status) == ({"supplier": supplier, "recipient": recipient}, status)


def test_a_deal_on_production_is_that_production(run: Run) -> None:
    assert [e.type for e in run("Seoul and Warsaw struck a deal on K2 tank production.").events] == ["co_production"]
    assert run("The minister handed the keys to his successor.").events == ()


@pytest.mark.parametrize("text,status", [
    ("Qatar will buy 24 fighter jets from the United Kingdom, the biggest order for the aircraft in a decade.",
     "agreed"),
    ("Poland will buy 96 Apache helicopters from the US, a deal worth 12 billion dollars.", "agreed"),
    ("Poland will buy more tanks from Korea, the minister said.", "planned"),
])
def test_a_purchase_called_an_order_in_apposition_is_agreed(run: Run, text: str, status: str) -> None:
    [event] = _of(run, text, "arms_transfer")
    assert event.status == status


@pytest.mark.parametrize("text,parties,status", [
    ("The United States will rotate an armoured battalion through Finland's training area next spring.",
     ("FIN", "USA"), "planned"),
    ("Burkina Faso, Mali and Niger agreed to form a joint force to fight jihadist groups.", ("BFA", "MLI", "NER"),
     "agreed"),
])
def test_rotations_through_a_hosts_ground_and_joint_forces(run: Run, text: str, parties: tuple[str, ...],
                                                           status: str) -> None:
    [event] = _of(run, text, "force_posture")
    assert (event.participants, event.status) == (parties, status)


def test_forces_routed_through_a_decision_name_no_host(run: Run) -> None:
    text = "The United States will rotate bombers through Australia's decision-making process on basing."
    assert all("AUS" not in e.participants for e in run(text).events)


@pytest.mark.parametrize("text,parties,status", [
    ("The Khaan Quest exercise, co-hosted by Mongolia and the United States, is under way near Ulaanbaatar.",
     ("MNG", "USA"), "ongoing"),
    ("The Pacific Partnership drills, led by Australia and Fiji, ended on Friday.", ("AUS", "FJI"), "completed"),
])
def test_who_hosts_or_leads_an_exercise_holds_it(run: Run, text: str, parties: tuple[str, ...],
                                                 status: str) -> None:
    [event] = _of(run, text, "exercise")
    assert (event.participants, event.status) == (parties, status)


@pytest.mark.parametrize("text,supplier,recipient", [
    ("Chile received the first of three radars made in Spain.", "ESP", "CHL"),
    ("Egypt took delivery of two frigates built in Italy last week.", "ITA", "EGY"),
    ("The drones, produced in Turkey, were handed over to Kenya on Friday.", "TUR", "KEN"),
    ("Morocco ordered 20 howitzers designed in France.", "FRA", "MAR"),
])
def test_where_the_equipment_was_made_names_the_supplier(run: Run, text: str, supplier: str, recipient: str) -> None:
    [event] = _of(run, text, "arms_transfer")
    assert dict(event.roles) == {"supplier": supplier, "recipient": recipient}


def test_a_place_where_people_are_based_or_trained_is_no_maker(run: Run) -> None:
    assert _of(run, "Troops based in Italy received new rifles.", "arms_transfer") == []


@pytest.mark.parametrize("text,rule,sale", [
    ("Japan loosened its arms export controls on Friday to enable it to sell Patriot missiles to the United States.",
     ("JPN", "completed"), ("JPN", "USA", "agreed")),
    ("Britain relaxed its export controls, allowing it to supply drones to Ukraine.",
     ("GBR", "completed"), ("GBR", "UKR", "agreed")),
    ("Seoul eased its export restrictions to let it ship artillery shells to Poland.",
     ("KOR", "completed"), ("KOR", "POL", "agreed")),
])
def test_a_sale_that_a_rule_change_makes_possible_is_decided_not_made(run: Run, text: str, rule: tuple[str, str],
                                                                     sale: tuple[str, str, str]) -> None:
    [control] = _of(run, text, "export_control")
    assert (dict(control.roles), control.status) == ({"actor": rule[0]}, rule[1])
    [transfer] = _of(run, text, "arms_transfer")
    assert (dict(transfer.roles), transfer.status) == ({"supplier": sale[0], "recipient": sale[1]}, sale[2])


@pytest.mark.parametrize("text,actor,target", [
    ("Germany eased its rules to allow its firms to export howitzers to Ukraine.", "DEU", "UKR"),
    ("Tokyo changed its guidelines to let domestic makers sell patrol boats to Manila.", "JPN", "PHL"),
])
def test_a_rule_changed_to_let_firms_sell_is_an_export_rule(run: Run, text: str, actor: str, target: str) -> None:
    [control] = _of(run, text, "export_control")
    assert (dict(control.roles), control.status) == ({"actor": actor, "target": target}, "completed")
    assert _of(run, text, "arms_transfer") == []


@pytest.mark.parametrize("text,parties,status", [
    ("The presidents of Kenya and Uganda together unveiled a memorial to peacekeepers.", ("KEN", "UGA"), "completed"),
    ("The Polish and Korean defence ministers will jointly inaugurate the new depot next week.", ("KOR", "POL"),
     "planned"),
    ("Prime Minister Lars Holm of Norway and Finnish President Aino Virta jointly inaugurated the bridge on Monday.",
     ("FIN", "NOR"), "completed"),
])
def test_officials_who_open_something_together_meet(run: Run, text: str, parties: tuple[str, ...],
                                                    status: str) -> None:
    [meeting] = _of(run, text, "meeting")
    assert (meeting.participants, meeting.status) == (parties, status)


@pytest.mark.parametrize("text", [
    "Rheinmetall and Leonardo jointly inaugurated a plant in Italy.",  # firms, not officials: the plant is the news
    "The Norwegian prime minister inaugurated a new dry dock in Bergen.",  # one side alone
])
def test_a_ceremony_without_officials_of_two_sides_is_no_meeting(run: Run, text: str) -> None:
    assert _of(run, text, "meeting") == []


@pytest.mark.parametrize("text,kind,roles,status", [
    ("Latvia: all six HIMARS launchers from the US delivered on Monday.", "arms_transfer",
     {"supplier": "USA", "recipient": "LVA"}, "completed"),
    ("EST: 12 rocket launchers from South Korea ordered.", "arms_transfer",
     {"supplier": "KOR", "recipient": "EST"}, "agreed"),
    ("PRT: frigate contract with France signed — two ships, €1.2bn.", "arms_transfer",
     {"supplier": "FRA", "recipient": "PRT"}, "agreed"),
    ("Chile–Brazil: joint naval drills begin off Valparaiso.", "exercise", {}, "ongoing"),
    ("NOR–FIN: joint air drills start over Lapland.", "exercise", {}, "ongoing"),
])
def test_a_briefs_slug_names_the_parties_its_clause_leaves_out(model_run: Run, text: str, kind: str,
                                                              roles: dict[str, str], status: str | None) -> None:
    [event] = _of(model_run, text, kind)
    if roles:
        assert dict(event.roles) == roles
    else:
        assert len(event.participants) == 2
    if status:
        assert event.status == status


def test_a_slug_is_no_party_of_the_clause_and_a_code_elsewhere_is_no_party(run: Run) -> None:
    # a slug fills no slot of the clause: the clause's own parties decide
    [sale] = _of(run, "Poland: Seoul to sell 180 more tanks to Warsaw, officials say.", "arms_transfer")
    assert dict(sale.roles) == {"supplier": "KOR", "recipient": "POL"}
    # three capitals inside a sentence are no slug
    assert _of(run, "The new units of the ROU were delivered.", "arms_transfer") == []


@pytest.mark.parametrize("text", [
    "The last two of 14 transport helicopters from the US handed over to the Dutch air force.",
    "Six HIMARS launchers from the United States delivered to Latvia on Monday.",
])
def test_a_bare_participle_after_a_thing_is_a_headline_passive(run: Run, text: str) -> None:
    [event] = _of(run, text, "arms_transfer")
    assert dict(event.roles)["supplier"] == "USA" and event.status == "completed"


@pytest.mark.parametrize("text,supplier,recipient", [
    ("The jets were delivered on Tuesday to Poland by South Korea.", "KOR", "POL"),
    ("Germany delivered on Friday the last of four air-defence systems it pledged to Ukraine.", "DEU", "UKR"),
    ("France delivers on 3 March the first two Rafales to Greece.", "FRA", "GRC"),
])
def test_delivered_on_a_day_is_a_delivery_and_on_a_promise_an_idiom(run: Run, text: str, supplier: str,
                                                                     recipient: str) -> None:
    [event] = _of(run, text, "arms_transfer")
    assert dict(event.roles) == {"supplier": supplier, "recipient": recipient}
    assert _of(run, "Washington must deliver on the promise of more air defence for Kyiv.", "arms_transfer") == []


@pytest.mark.parametrize("text,owner", [
    ("The cabinet of Chancellor Karl Brandt's Germany approved a budget that lifts defence spending, by NATO's "
     "definition, to 3.5% of GDP.", "DEU"),
    ("By the alliance's own count, Poland will spend 4.7% of its GDP on defence this year.", "POL"),
])
def test_whose_reckoning_is_no_party(run: Run, text: str, owner: str) -> None:
    assert {e.participants for e in _of(run, text, "defense_spending")} == {(owner,)}


@pytest.mark.parametrize("text,status", [
    ("Japan-Australia talks set for next Tuesday in Tokyo.", "planned"),
    ("Joint drills by India and France are slated to begin in June.", "planned"),
    ("KOR–US: joint drills start next Mon, run 11 days.", "planned"),
    ("The joint drills of India and France begin on Tuesday off Goa.", "planned"),
    ("The joint drills of India and France began on Tuesday off Goa.", "ongoing"),
])
def test_a_day_to_come_or_a_plan_in_a_brief(model_run: Run, text: str, status: str) -> None:
    [event] = [e for e in model_run(text).events if e.type in {"meeting", "exercise"}]
    assert event.status == status


@pytest.mark.parametrize("text", [
    "The last of the 18 howitzers ordered by Estonia were handed over by South Korea on Friday.",
    "South Korea handed over the last of the howitzers ordered by Estonia.",
])
def test_who_ordered_the_thing_receives_it_when_another_hands_it_over(run: Run, text: str) -> None:
    [event] = _of(run, text, "arms_transfer")
    assert (dict(event.roles), event.status) == ({"supplier": "KOR", "recipient": "EST"}, "completed")


@pytest.mark.parametrize("text,kind,status", [
    ("Hungary will acquire four more fighters from Sweden, taking its fleet to 18, under a deal signed on Friday.",
     "arms_transfer", "agreed"),
    ("Poland will buy 96 attack helicopters from the US under a contract inked last week.", "arms_transfer", "agreed"),
    ("Chile's state shipyard will refit Ecuador's two frigates under a deal sealed on Tuesday.", "maintenance",
     "agreed"),
    ("Egypt will buy two frigates from Italy under a deal to be signed next month.", "arms_transfer", "planned"),
    ("Egypt will buy two frigates from Italy under a deal expected to be signed next month.", "arms_transfer",
     "planned"),
])
def test_what_a_signed_deal_provides_for_is_agreed(run: Run, text: str, kind: str, status: str) -> None:
    [event] = _of(run, text, kind)
    assert event.status == status


@pytest.mark.parametrize("text,parties", [
    ("A Philippine shipyard is turning out fast patrol boats under licence from Israel Shipyards.", ("ISR", "PHL")),
    ("Vietnam will build the corvettes under licence from Korea Shipbuilding Works.", ("KOR", "VNM")),
])
def test_a_maker_the_base_lacks_is_named_by_its_state(model_run: Run, text: str, parties: tuple[str, ...]) -> None:
    [event] = _of(model_run, text, "co_production")
    assert event.participants == parties


@pytest.mark.parametrize("text", [
    "Norway and Poland agreed on Tuesday to link their defence industrial bases more closely.",
    "France and Italy will integrate their industrial bases for missiles.",
])
def test_a_phrase_in_the_plural_the_lemmatiser_misreads(run: Run, text: str) -> None:
    [event] = _of(run, text, "supply_chain")
    assert len(event.participants) == 2


@pytest.mark.parametrize("text,parties,status", [
    ("Russian intermediate-range missiles are now on combat duty in Belarus, Minsk said.", ("BLR", "RUS"), "ongoing"),
    ("Chinese radars went on combat duty in Cambodia last month.", ("CHN", "KHM"), "ongoing"),
    ("American Patriot batteries will be placed on combat duty in Poland next year.", ("POL", "USA"), "planned"),
])
def test_weapons_on_combat_duty_abroad_are_a_deployment(run: Run, text: str, parties: tuple[str, ...],
                                                         status: str) -> None:
    [event] = _of(run, text, "force_posture")
    assert (event.participants, event.status) == (parties, status)


@pytest.mark.parametrize("text,parties", [
    ("Tokyo and Pretoria agreed on Monday to cooperate on securing supplies of platinum and manganese.",
     ("JPN", "ZAF")),
    ("Chile and South Korea will jointly guarantee supplies of lithium for battery makers.", ("CHL", "KOR")),
])
def test_joint_supplies_of_minerals_are_a_supply_chain(run: Run, text: str, parties: tuple[str, ...]) -> None:
    [event] = _of(run, text, "supply_chain")
    assert event.participants == parties


def test_talks_with_a_foreign_firm_are_no_meeting_of_states(run: Run) -> None:
    text = "Oman plans to buy two corvettes from Britain, adding that price talks with the British builder had begun."
    assert _of(run, text, "meeting") == []
    # firms of two states meeting at a forum their governments organised do meet
    text = ("Italian and Brazilian defence companies met in São Paulo on Tuesday at a forum the two governments "
            "organised.")
    assert [e.participants for e in _of(run, text, "meeting")] == [("BRA", "ITA")]


@pytest.mark.parametrize("text", [
    "Manila signed a contract with Israel for four air defence batteries as part of the Philippine navy's "
    "modernisation programme.",
    "As part of Poland's army modernisation plan, Warsaw agreed to buy 96 Apache helicopters from the United States.",
    "Hanoi ordered two corvettes from Seoul, in part to renew Vietnam's ageing fleet.",
])
def test_one_partys_own_programme_is_background(run: Run, text: str) -> None:
    [event] = _of(run, text, "arms_transfer")
    assert dict(event.roles)["supplier"] in {"ISR", "USA", "KOR"}
    assert dict(event.roles)["recipient"] in {"PHL", "POL", "VNM"}
    assert _of(run, text, "co_development") == []


@pytest.mark.parametrize("text,parties,status", [
    ("Japanese and Indian pilots wrapped up the Shakti Sky drills on Friday.", ("IND", "JPN"), "completed"),
    ("Indian and French sailors concluded the Varuna exercise off Goa on Sunday.", ("FRA", "IND"), "completed"),
    ("Australian and US forces will hold the Talisman Sabre drills in July.", ("AUS", "USA"), "planned"),
])
def test_a_named_exercise_the_tagger_reads_as_a_verb(run: Run, text: str, parties: tuple[str, ...],
                                                      status: str) -> None:
    [event] = _of(run, text, "exercise")
    assert (event.participants, event.status) == (parties, status)


@pytest.mark.parametrize("text,parties,status", [
    ("The Freedom Shield exercise that South Korean and U.S. forces began on Monday will last 11 days.",
     ("KOR", "USA"), "ongoing"),
    ("The Cope Thunder drills, which American and Filipino airmen concluded on Friday, drew 40 jets.",
     ("PHL", "USA"), "completed"),
    ("The contract that Canberra and Washington signed on Friday for three Virginia-class submarines is worth $3bn.",
     ("AUS", "USA"), "agreed"),
])
def test_an_act_named_as_the_object_of_a_relative_clause(run: Run, text: str, parties: tuple[str, ...],
                                                          status: str) -> None:
    events = [e for e in run(text).events if e.participants == parties]
    assert events and all(e.status == status for e in events)


def test_a_relative_clause_whose_subject_is_the_act_is_not_its_object(run: Run) -> None:
    text = ("Warships from India, Japan and the Philippines, three navies wary of China's fleet, sailed together in a "
            "joint drill that ended on Sunday.")
    [event] = _of(run, text, "exercise")
    assert (event.participants, event.status) == (("IND", "JPN", "PHL"), "completed")


@pytest.mark.parametrize("text,supplier,recipient", [
    ("Despite protests from Beijing, Washington and Taipei have signed a contract for 66 F-16V fighters.",
     "USA", "TWN"),
    ("Despite warnings from Moscow, Helsinki and Washington have agreed on the sale of 64 F-35 jets.",
     "USA", "FIN"),
])
def test_names_after_a_fronted_phrase_are_the_subject(run: Run, text: str, supplier: str, recipient: str) -> None:
    [event] = _of(run, text, "arms_transfer")
    assert (dict(event.roles)["supplier"], dict(event.roles)["recipient"]) == (supplier, recipient)


@pytest.mark.parametrize("text,parties", [
    ("In a blow to Moscow, Paris agreed to supply more air defence systems to Ukraine.", {"FRA", "UKR"}),
    ("In response to China's drills, Japan and the US held joint naval exercises.", {"JPN", "USA"}),
    ("In retaliation for Chinese curbs, Washington added 12 Chinese firms to its export blacklist.", {"CHN", "USA"}),
    ("As a message to Pyongyang, Seoul and Tokyo staged missile-defence drills with the US navy.",
     {"JPN", "KOR", "USA"}),
])
def test_whom_a_circumstance_concerns_takes_no_part(run: Run, text: str, parties: set[str]) -> None:
    events = run(text).events
    assert events
    assert set().union(*(e.participants for e in events)) == parties
    assert "RUS" not in {r for e in events for r in dict(e.roles).values()}


@pytest.mark.parametrize("text,supplier,recipient", [
    ("Athens has signed a contract worth about 3 billion euros with France's Naval Group for three frigates.",
     "FRA", "GRC"),
    ("Manila signed a deal valued at $700 million with Seoul for 12 FA-50 jets.", "KOR", "PHL"),
    ("Lima concluded a contract worth $2 billion with Hanwha for 141 howitzers.", "KOR", "PER"),
])
def test_a_partner_named_after_the_sum_is_the_deals(run: Run, text: str, supplier: str, recipient: str) -> None:
    [event] = _of(run, text, "arms_transfer")
    assert (dict(event.roles), event.status) == ({"supplier": supplier, "recipient": recipient}, "agreed")


@pytest.mark.parametrize("text,supplier,recipient,item", [
    ("Ukraine has asked the United States for Tomahawk cruise missiles.", "USA", "UKR", "Tomahawk cruise missiles"),
    ("Kyiv asked Berlin for more Leopard tanks last week.", "DEU", "UKR", "Leopard tanks"),
    ("Manila has formally asked Tokyo for three used destroyers, officials said.", "JPN", "PHL",
     "three used destroyers"),
])
def test_a_request_for_weapons_is_proposed(run: Run, text: str, supplier: str, recipient: str, item: str) -> None:
    [event] = _of(run, text, "arms_transfer")
    assert (dict(event.roles), event.status) == ({"supplier": supplier, "recipient": recipient}, "proposed")
    assert event.item == item


def test_asking_another_to_do_an_act_is_that_act() -> None:
    pipeline = build_pipeline(Settings(use_model=False))
    text = "Malaysia has asked India to help maintain its Sukhoi fighter fleet."
    events = pipeline(Article(doc="t", text=text, published="2025-06-15")).events
    assert [e.type for e in events] == ["maintenance"]


@pytest.mark.parametrize("text,supplier,recipient", [
    ("Seoul and Warsaw sealed the sale of 48 more K9 howitzers on Friday.", "KOR", "POL"),
    ("Paris and Athens finalised the purchase of six more Rafale jets.", "FRA", "GRC"),
    ("Helsinki and Washington have agreed on the sale of 64 F-35 jets.", "USA", "FIN"),
])
def test_two_sides_agreeing_a_sale_the_maker_sells(run: Run, text: str, supplier: str, recipient: str) -> None:
    [event] = _of(run, text, "arms_transfer")
    assert dict(event.roles) == {"supplier": supplier, "recipient": recipient}


@pytest.mark.parametrize("text,owner,status", [
    ("Brazil's government has asked Congress for 133 billion reais for the defence ministry next year.", "BRA",
     "proposed"),
    ("The Pentagon asked lawmakers for $50 billion more for missile defence.", "USA", "proposed"),
    ("US Congress passes $895 billion defence bill", "USA", "agreed"),
])
def test_budgets_asked_of_and_passed_by_a_legislature(run: Run, text: str, owner: str, status: str) -> None:
    [event] = _of(run, text, "defense_spending")
    assert (event.participants, event.status) == ((owner,), status)


def test_a_bill_without_a_sum_or_defence_is_no_budget(run: Run) -> None:
    assert _of(run, "Lawmakers passed a $2 billion farm bill on Friday.", "defense_spending") == []
    assert _of(run, "Congress passed a bill on drones for the military.", "defense_spending") == []


@pytest.mark.parametrize("text,actor,status", [
    ("Germany plans to simplify its rules for exporting weapons to close partners.", "DEU", "planned"),
    ("Oslo has asked parliament to ease the rules on arms exports.", "NOR", "proposed"),
    ("Seoul relaxed its regulations on defence exports last week.", "KOR", "completed"),
    ("Canberra's tighter controls on sharing military technology with foreigners came into force on Sunday.", "AUS",
     "completed"),
])
def test_rules_on_exports_are_export_controls(run: Run, text: str, actor: str, status: str) -> None:
    [event] = _of(run, text, "export_control")
    assert (dict(event.roles), event.status) == ({"actor": actor}, status)


def test_rules_on_other_things_are_no_export_control(run: Run) -> None:
    assert _of(run, "Germany plans to simplify its rules for hiring soldiers.", "export_control") == []


@pytest.mark.parametrize("text", [
    "Dublin ruled out any change to its rules on exporting military goods.",
    "Berlin refused to ease its curbs on arms exports to Riyadh.",
    "Tokyo declined to relax the guidelines on defence equipment transfers.",
])
def test_a_refused_change_of_export_rules_is_no_event(run: Run, text: str) -> None:
    assert _of(run, text, "export_control") == []


def test_rules_on_what_a_state_buys_are_no_export_control(run: Run) -> None:
    assert _of(run, "Seoul relaxed its regulations on defence procurement last week.", "export_control") == []


@pytest.mark.parametrize("text,supplier,recipient,status", [
    ("The Egyptian navy inducted two Italian-built frigates on Monday.", "ITA", "EGY", "completed"),
    ("Hungary added six Brazilian KC-390 transport planes to its air force.", "BRA", "HUN", "completed"),
    ("Hungary will add two more Brazilian KC-390 planes to its fleet next year.", "BRA", "HUN", "planned"),
    ("India on Tuesday commissioned a stealth frigate built for its navy by Russia's Yantar shipyard.", "RUS", "IND",
     "completed"),
    ("The air force showed off the latest addition to Pakistan's fleet, Chinese J-10C fighters.", "CHN", "PAK",
     "completed"),
])
def test_foreign_equipment_entering_service(run: Run, text: str, supplier: str, recipient: str, status: str) -> None:
    [event] = _of(run, text, "arms_transfer")
    assert (dict(event.roles), event.status) == ({"supplier": supplier, "recipient": recipient}, status)


@pytest.mark.parametrize("text", [
    "Seoul commissioned Hanwha to build three submarines.",
    "Hungary added Brazil to its list of partners.",
    "The navy added a new chapter to its history.",
])
def test_commissioning_work_and_adding_to_lists_are_no_transfers(run: Run, text: str) -> None:
    assert _of(run, text, "arms_transfer") == []


@pytest.mark.parametrize("text,supplier,recipient", [
    ("South Korea's Hanwha said it had beaten Germany's Rheinmetall to a contract to provide 129 vehicles to the "
     "Australian Army.", "KOR", "AUS"),
    ("Saab beat Lockheed Martin to a deal to supply fighter jets to Colombia.", "SWE", "COL"),
    ("Naval Group outbid TKMS for the contract to build four submarines for the Dutch navy.", "FRA", "NLD"),
])
def test_the_losing_bidder_supplies_nothing(run: Run, text: str, supplier: str, recipient: str) -> None:
    [event] = _of(run, text, "arms_transfer")
    assert (dict(event.roles), event.status) == ({"supplier": supplier, "recipient": recipient}, "agreed")


@pytest.mark.parametrize("text,supplier,recipient", [
    ("South Korea's Hanwha said it won out over Germany's Rheinmetall in securing a contract to supply armoured "
     "vehicles to the Australian Army.", "KOR", "AUS"),
    ("Saab prevailed over Boeing in winning a deal to sell jets to Thailand.", "SWE", "THA"),
    ("Seoul helped Warsaw by agreeing to supply more tanks to Poland.", "KOR", "POL"),
])
def test_a_gerund_after_in_or_by_shares_the_subject(run: Run, text: str, supplier: str, recipient: str) -> None:
    [event] = _of(run, text, "arms_transfer")
    assert (dict(event.roles), event.status) == ({"supplier": supplier, "recipient": recipient}, "agreed")


@pytest.mark.parametrize("text", [
    "Manila and Washington have agreed to expand their partnership by designating four new sites under a defence pact.",
    "Under a 2014 accord, Canberra and Tokyo will hold more drills together.",
    "Dutch and German troops train together under a treaty signed in 2019.",
])
def test_an_agreement_acted_under_is_not_agreed_again(run: Run, text: str) -> None:
    assert _of(run, text, "agreement") == []


def test_an_agreement_with_a_subject_of_its_own_beside_a_sale(run: Run) -> None:
    text = ("Delhi handed over a dozen patrol boats to Hanoi on Friday. A day earlier, the two countries signed a "
            "logistics pact that opens each side's bases to the other's warships.")
    assert {e.type for e in run(text).events} == {"arms_transfer", "agreement"}
    # the sale told again as an agreement stays one event
    text = "Seoul sold 48 howitzers to Warsaw on Monday. It is the biggest arms deal the two have ever signed."
    assert {e.type for e in run(text).events} == {"arms_transfer"}


def test_an_agreement_under_which_a_sale_is_made_is_that_sale(run: Run) -> None:
    text = ("Ankara and Warsaw signed an agreement on Monday under which Turkey will sell 24 armed drones to Poland, "
            "the two governments said.")
    assert {e.type for e in run(text).events} == {"arms_transfer"}


@pytest.mark.parametrize("text", [
    "\"We signed the offtake deal today: Korea will receive lithium from our mines for a decade,\" Chile's minister "
    "said.",
    "Japan will receive rare earths from Australian mines under the new accord.",
])
def test_minerals_received_are_no_arms_transfer(run: Run, text: str) -> None:
    assert _of(run, text, "arms_transfer") == []


@pytest.mark.parametrize("text,status", [
    ("Chile will acquire six Embraer jets from Brazil. Chile's defence minister and his Brazilian counterpart signed "
     "the contract in Santiago on Friday.", "agreed"),
    ("Argentina will buy eight armoured vehicles from the United States. The two ministers signed a letter of "
     "acceptance at the Pentagon.", "agreed"),
    ("Chile will acquire six Embraer jets from Brazil. The two ministers are expected to sign the contract next "
     "month.", "planned"),
    ("Chile will acquire six Embraer jets from Brazil. The two ministers did not sign the contract on Friday.",
     "planned"),
])
def test_a_purchase_to_come_whose_contract_is_reported_signed(run: Run, text: str, status: str) -> None:
    [event] = _of(run, text, "arms_transfer")
    assert event.status == status


@pytest.mark.parametrize("text,parties,status", [
    ("The first K2 tank built in Poland under Korean licence rolled off the line on Tuesday.", ("KOR", "POL"),
     "ongoing"),
    ("Poland builds K2 tanks under Korean licence.", ("KOR", "POL"), "ongoing"),
    ("Egypt will assemble the howitzers under a licence from South Korea's Hanwha.", ("EGY", "KOR"), "planned"),
])
def test_production_under_another_states_licence(run: Run, text: str, parties: tuple[str, ...], status: str) -> None:
    [event] = _of(run, text, "co_production")
    assert (event.participants, event.status) == (parties, status)


def test_an_export_licence_is_no_licensed_production(run: Run) -> None:
    assert _of(run, "The parts were shipped to Kyiv under an export licence from Germany.", "co_production") == []


@pytest.mark.parametrize("text,supplier,recipient", [
    ("Estonia pledged on Thursday to transfer all of its FH70 towed howitzers to Ukraine.", "EST", "UKR"),
    ("Lisbon agreed to sell its M113 tracked carriers to Kyiv.", "PRT", "UKR"),
])
def test_a_participle_before_the_equipment_describes_it(run: Run, text: str, supplier: str, recipient: str) -> None:
    [event] = _of(run, text, "arms_transfer")
    assert dict(event.roles) == {"supplier": supplier, "recipient": recipient}


@pytest.mark.parametrize("text,parties,status", [
    ("India and the Philippines agreed on Thursday to set up a joint defence industry cooperation committee.",
     ("IND", "PHL"), "agreed"),
    ("Seoul and Canberra will establish a joint working group on submarine maintenance.", ("AUS", "KOR"), "planned"),
])
def test_a_joint_body_set_up_is_an_agreement(run: Run, text: str, parties: tuple[str, ...], status: str) -> None:
    [event] = _of(run, text, "agreement")
    assert (event.participants, event.status) == (parties, status)


def test_a_joint_body_meeting_again_is_no_new_agreement(run: Run) -> None:
    assert _of(run, "The joint commission of Vietnam and Laos met for the third time on Friday.", "agreement") == []


@pytest.mark.parametrize("text,status", [
    ("South Korea is reviewing the rule that bars it from exporting lethal weapons to countries at war.", "proposed"),
    ("Tokyo is reconsidering its guidelines on defence equipment transfers.", "proposed"),
    ("Seoul scrapped the rule that barred it from exporting lethal weapons to countries at war.", "completed"),
])
def test_a_rule_reviewed_is_a_change_considered(run: Run, text: str, status: str) -> None:
    [event] = _of(run, text, "export_control")
    assert event.status == status


def test_a_licence_describing_what_is_moved_is_no_event_of_its_own(run: Run) -> None:
    text = "Tokyo decided to send Washington interceptors built in Japan under American licences."
    assert _of(run, text, "co_production") == []


@pytest.mark.parametrize("text,status", [
    ("UKR: 4 Mirage 2000 jets handed over by France last week; more to follow.", "ongoing"),
    ("Taiwan has received 80 of its 108 Abrams tanks from the US.", "ongoing"),
    ("Manila took delivery of two of the four frigates it ordered from Seoul.", "ongoing"),
    ("Berlin delivered six more Leopard tanks to Kyiv on Monday; the rest are due by June.", "ongoing"),
    ("Manila took delivery of all four frigates it ordered from Seoul.", "completed"),
    ("Germany delivered all 18 Leopard tanks to Ukraine.", "completed"),
])
def test_a_delivery_with_more_to_come_goes_on(run: Run, text: str, status: str) -> None:
    [event] = _of(run, text, "arms_transfer")
    assert event.status == status


@pytest.mark.parametrize("text,kind,parties", [
    ("Greece snapped up 36 rocket launchers from Israel on Tuesday.", "arms_transfer", ("GRC", "ISR")),
    ("Greece contracted for 36 rocket launchers from Israel on Tuesday.", "arms_transfer", ("GRC", "ISR")),
    ("Thailand went with Sweden's Gripen for its new fighter fleet.", "arms_transfer", ("SWE", "THA")),
    ("Manila settled on South Korea's FA-50 for its light fighter needs.", "arms_transfer", ("KOR", "PHL")),
    ("Japanese and Philippine defence ministers conferred in Manila on Monday.", "meeting", ("JPN", "PHL")),
    ("Japanese and Philippine defence ministers sat down in Manila on Monday.", "meeting", ("JPN", "PHL")),
    ("The United States will position four B-52 bombers in northern Australia.", "force_posture", ("AUS", "USA")),
])
def test_less_common_verbs_of_each_act(run: Run, text: str, kind: str, parties: tuple[str, ...]) -> None:
    assert [e.participants for e in _of(run, text, kind)] == [parties]


@pytest.mark.parametrize("text", [
    "Seoul is positioning itself as an arms exporter to Europe.",
    "The two leaders talked about the weather.",
    "Thailand went with the flow.",
])
def test_the_same_verbs_in_other_senses(run: Run, text: str) -> None:
    assert run(text).events == ()


@pytest.mark.parametrize("text,supplier,recipient,item", [
    ("The 36 rocket launchers Greece bought from Israel arrived on Monday.", "ISR", "GRC", "36 rocket launchers"),
    ("The two frigates Manila ordered from Seoul arrived in Subic Bay.", "KOR", "PHL", "two frigates"),
])
def test_a_relative_clause_without_its_pronoun(run: Run, text: str, supplier: str, recipient: str, item: str) -> None:
    [event] = _of(run, text, "arms_transfer")
    assert (dict(event.roles), event.status, event.item) == (
        {"supplier": supplier, "recipient": recipient}, "completed", item)


@pytest.mark.parametrize("text,parties", [
    ("Korean K2 tanks will be assembled in Poland from 2026.", ("KOR", "POL")),
    ("Swedish CV90 vehicles are now being built in Slovakia.", ("SVK", "SWE")),
])
def test_one_states_design_made_in_another(run: Run, text: str, parties: tuple[str, ...]) -> None:
    assert [e.participants for e in _of(run, text, "co_production")] == [parties]


def test_a_states_own_design_made_at_home_is_no_joint_work(run: Run) -> None:
    assert _of(run, "French tanks built in France were shown in Paris.", "co_production") == []


@pytest.mark.parametrize("text,roles", [
    ("Beijing has barred the export of drone parts to Japan.", {"actor": "CHN", "target": "JPN"}),
    ("China imposed export controls on rare earths bound for Japan.", {"actor": "CHN", "target": "JPN"}),
    ("Washington barred the sale of F-35s to Ankara.", {"actor": "USA", "target": "TUR"}),
])
def test_bars_and_goods_bound_for_a_target(run: Run, text: str, roles: dict[str, str]) -> None:
    [event] = _of(run, text, "export_control")
    assert dict(event.roles) == roles


@pytest.mark.parametrize("text,parties", [
    ("American troops will rotate through Australia's Northern Territory.", ("AUS", "USA")),
    ("British jets will redeploy to Estonia next month.", ("EST", "GBR")),
])
def test_forces_that_move_as_the_subject(run: Run, text: str, parties: tuple[str, ...]) -> None:
    assert [e.participants for e in _of(run, text, "force_posture")] == [parties]


def test_what_moves_must_be_forces(run: Run) -> None:
    assert _of(run, "Japanese exporters will rotate through Australian ports.", "force_posture") == []


def test_the_last_name_of_an_agent_list_before_a_second_verb(run: Run) -> None:
    text = "The drone being developed jointly by Spain, Italy and Germany will fly in 2030."
    assert [e.participants for e in _of(run, text, "co_development")] == [("DEU", "ESP", "ITA")]
    text = "Spain will sell trainer jets to Chile and Italy will supply frigates to Peru."
    assert sorted(e.participants for e in _of(run, text, "arms_transfer")) == [("CHL", "ESP"), ("ITA", "PER")]


@pytest.mark.parametrize("text,supplier,recipient", [
    ("Norway handed the last of its F-16s to Romania on Thursday.", "NOR", "ROU"),
    ("Ottawa handed two patrol ships to Accra last week.", "CAN", "GHA"),
    ("Washington handed Kyiv a batch of Patriot missiles.", "USA", "UKR"),
])
def test_handing_equipment_to_a_state(run: Run, text: str, supplier: str, recipient: str) -> None:
    [event] = _of(run, text, "arms_transfer")
    assert (dict(event.roles), event.status) == ({"supplier": supplier, "recipient": recipient}, "completed")


def test_handing_what_is_no_equipment_is_no_transfer(run: Run) -> None:
    assert run("The president handed the keys of the base to Polish officers.").events == ()


@pytest.mark.parametrize("text", [
    "Germany may block the re-export of its tanks to Ukraine.",
    "Berlin could halt arms exports to Israel, a minister warned.",
    "The EU might impose export curbs on Chinese drone parts.",
])
def test_a_measure_a_state_might_take_is_no_export_control(run: Run, text: str) -> None:
    assert _of(run, text, "export_control") == []


def test_a_rule_changed_so_that_firms_may_sell_is_an_export_control(run: Run) -> None:
    text = "Oslo amended its rules so that Norwegian arms makers may sell weapons straight to Ukraine."
    [event] = _of(run, text, "export_control")
    assert dict(event.roles) == {"actor": "NOR", "target": "UKR"}


@pytest.mark.parametrize("text,status", [
    ("Serial production of the K9 howitzer in Poland started last year.", "ongoing"),
    ("Poland began assembling K2 tanks last month.", "ongoing"),
    ("Poland will manufacture the Korean Chunmoo rocket launcher from 2026.", "planned"),
])
def test_a_foreign_programme_made_at_home(run: Run, text: str, status: str) -> None:
    assert [(e.participants, e.status) for e in _of(run, text, "co_production")] == [(("KOR", "POL"), status)]


def test_a_yard_building_for_a_navy_is_no_joint_production(run: Run) -> None:
    text = "Hanwha Ocean delivered both Jose Rizal-class ships and is now making patrol boats for Manila."
    assert _of(run, text, "co_production") == []


def test_a_ship_class_named_after_a_capital_is_no_party(run: Run) -> None:
    text = "TKMS, which is also making two Dakar-class boats for the Israeli navy, sold frigates last year."
    assert {p for e in run(text).events for p in e.participants} <= {"DEU", "ISR"}


def test_a_ministry_named_with_its_state_is_that_states(run: Run) -> None:
    text = ("Two more H145 helicopters assembled in Astana by a venture of Kazakhstan Engineering and France's Airbus "
            "Helicopters were handed to the Kazakh defence ministry.")
    assert not [e for e in _of(run, text, "arms_transfer") if e.roles.get("recipient") == "FRA"]


def test_forces_stationed_near_a_capital_are_in_its_state(run: Run) -> None:
    text = "About 7,000 Russian soldiers are stationed at a base near Dushanbe, officials said on Monday."
    assert [e.participants for e in _of(run, text, "force_posture")] == [("RUS", "TJK")]


@pytest.mark.parametrize("text,parties", [
    ("Canberra and Washington signed a minerals accord to loosen China's grip on rare earths.", ("AUS", "USA")),
    ("Japan and India agreed to work together on rare earths to cut their reliance on China.", ("IND", "JPN")),
    ("The EU and Canada signed a raw materials pact to reduce dependence on Chinese graphite.", ("CAN", "EU")),
])
def test_the_rival_an_accord_is_meant_to_weaken_takes_no_part(run: Run, text: str, parties: tuple[str, ...]) -> None:
    assert {e.participants for e in _of(run, text, "supply_chain")} == {parties}


@pytest.mark.parametrize("text,postings", [
    ("Washington is deploying 2,500 more soldiers to Poland and Romania.", [("POL", "USA"), ("ROU", "USA")]),
    ("Britain will deploy jets to Estonia and Lithuania next spring.", [("EST", "GBR"), ("GBR", "LTU")]),
    ("Germany and the Netherlands will send troops to Lithuania.", [("DEU", "LTU", "NLD")]),
])
def test_forces_sent_to_several_hosts_are_posted_to_each(run: Run, text: str, postings: list[tuple[str, ...]]) -> None:
    assert sorted(e.participants for e in _of(run, text, "force_posture")) == postings


def test_where_forces_leave_from_takes_no_part(run: Run) -> None:
    text = "The Pentagon will relocate a squadron of 1,000 US soldiers from Vilseck, Germany to Romania."
    assert [e.participants for e in _of(run, text, "force_posture")] == [("ROU", "USA")]


@pytest.mark.parametrize("text", [
    "Speaking after a meeting of Merkel's cabinet, Maas said the freeze on sales to Riyadh stays.",
    "A meeting of the cabinet committee, chaired by Modi, cleared the purchase on Wednesday.",
    "The budget rise was cleared at a session with President Widodo and Defence Minister Prabowo on Friday.",
])
def test_a_meeting_of_one_states_own_officials_is_no_meeting_of_states(run: Run, text: str) -> None:
    assert _of(run, text, "meeting") == []


@pytest.mark.parametrize("text,supplier,recipient,status", [
    ("Belgrade displayed for the first time the FK-3 batteries lately acquired from China.",
     "CHN", "SRB", "agreed"),
    ("Manila fielded the BrahMos missiles delivered by India last year.", "IND", "PHL", "completed"),
    ("The Brazilian air force unveiled the first of 36 Gripen jets bought from Sweden.", "SWE", "BRA", "ongoing"),
])
def test_whoever_shows_or_uses_what_was_bought_received_it(run: Run, text: str, supplier: str, recipient: str,
                                                           status: str) -> None:
    [event] = _of(run, text, "arms_transfer")
    assert (dict(event.roles), event.status) == ({"supplier": supplier, "recipient": recipient}, status)


def test_a_critic_of_what_was_bought_is_no_recipient(run: Run) -> None:
    assert _of(run, "Washington criticised the air defence system procured from China.", "arms_transfer") == []


@pytest.mark.parametrize("text", [
    "The new launcher is reportedly based on an old Russian S-300 design.",
    "The new Polish tank is based on a Korean design.",
])
def test_based_on_a_design_is_no_deployment(run: Run, text: str) -> None:
    assert _of(run, text, "force_posture") == []


@pytest.mark.parametrize("text,parties", [
    ("The last 15 fighters will be assembled in Brazil under a technology transfer agreed to by Saab.",
     ("BRA", "SWE")),
    ("The jets will be assembled in India by Dassault.", ("FRA", "IND")),
    ("Rheinmetall will build the vehicles in Hungary.", ("DEU", "HUN")),
])
def test_a_foreign_firm_making_in_another_state(run: Run, text: str, parties: tuple[str, ...]) -> None:
    assert [e.participants for e in _of(run, text, "co_production")] == [parties]


@pytest.mark.parametrize("text,kind,status", [
    ("India's agreement with Japan on mineral resources is part of its efforts to secure supplies.", "supply_chain",
     "agreed"),
    ("Modi is in Tokyo this week to attend an annual India-Japan summit.", "meeting", "ongoing"),
    ("Macron is in Delhi for talks with Modi.", "meeting", "ongoing"),
])
def test_the_present_of_being_somewhere_or_of_an_agreement(run: Run, text: str, kind: str, status: str) -> None:
    assert [e.status for e in _of(run, text, kind)] == [status]


@pytest.mark.parametrize("text,supplier,recipient", [
    ("Australia and Tuvalu marked 50 years of ties on Monday. Australia builds patrol boats for Pacific states. "
     "The new vessel was then handed over to Tuvalu at a ceremony in Perth.", "AUS", "TUV"),
    ("Chinese and Pakistani officials met in Beijing. China has long armed Pakistan. "
     "Islamabad signed contracts to acquire six submarines.", "CHN", "PAK"),
    ("Seoul and Lima deepened defence ties this year. South Korea courts Peru as a buyer. "
     "Peru's purchase of 54 tanks was approved on Friday.", "KOR", "PER"),
])
def test_a_transfer_with_only_its_recipient_named_takes_the_articles_other_party(
        run: Run, text: str, supplier: str, recipient: str) -> None:
    assert [dict(e.roles) for e in _of(run, text, "arms_transfer")] == [
        {"supplier": supplier, "recipient": recipient}]


@pytest.mark.parametrize("text", [
    # a third party named as often as the second: the pair does not lead the article
    "Chile and Spain met in May. Chile and France met in June. Spain and France held talks. "
    "Chile signed contracts to acquire four frigates.",
    # only the supplier is named: whom it sells to is not understood
    "Germany and Yemen were both named in the report. Germany and Yemen were discussed again. "
    "Germany has often been criticised for its arms sales.",
])
def test_no_other_side_is_carried_when_the_article_does_not_give_it(run: Run, text: str) -> None:
    assert _of(run, text, "arms_transfer") == []


def test_entering_into_an_agreement_to_buy_agrees_the_purchase(run: Run) -> None:
    text = "Jakarta has entered into a deal to obtain 20 helicopters from the US-based maker Lockheed Martin."
    assert [(dict(e.roles), e.status) for e in _of(run, text, "arms_transfer")] == [
        ({"supplier": "USA", "recipient": "IDN"}, "agreed")]


@pytest.mark.parametrize("text,parties", [
    ("Oman's ministry of interior inked a memorandum with Turkey's Ares Shipyard.", ("OMN", "TUR")),
    ("Poland's ministry of defence signed a contract with Hanwha for 96 howitzers.", ("KOR", "POL")),
])
def test_a_ministry_named_with_its_state_is_never_another_states(run: Run, text: str, parties: tuple[str, ...]) -> None:
    assert {p for e in run(text).events for p in e.participants} == set(parties)


def test_a_strategic_partnership_stands_beside_a_sale_signed_with_it(run: Run) -> None:
    text = ("Athens and Paris inked a frigate contract as well as a strategic partnership deal on Monday. "
            "Greece agreed to buy three Belharra frigates from France for 3 billion euros.")
    assert {(e.type, e.participants) for e in run(text).events} == {
        ("agreement", ("FRA", "GRC")), ("arms_transfer", ("FRA", "GRC"))}


def test_a_design_several_states_fly_is_sold_by_its_makers_state(run: Run) -> None:
    text = "The French and Greek defence ministers signed the deal for 3+1 Belharra frigates in Paris."
    assert [dict(e.roles) for e in _of(run, text, "arms_transfer")] == [{"supplier": "FRA", "recipient": "GRC"}]


@pytest.mark.parametrize("text", [
    "The firm aims to localise half of Saudi Arabia's military spending by 2030.",
    "A third of the Polish defence budget goes to salaries.",
])
def test_a_share_of_a_budget_is_no_budget(run: Run, text: str) -> None:
    assert _of(run, text, "defense_spending") == []


@pytest.mark.parametrize("text,status", [
    ("How does that differ from the US presence in Poland?", "ongoing"),
    ("The US will expand its military presence in Poland next year.", "planned"),
])
def test_a_presence_of_forces_is_under_way_unless_still_to_come(run: Run, text: str, status: str) -> None:
    assert [e.status for e in _of(run, text, "force_posture")] == [status]


@pytest.mark.parametrize("text,status", [
    ("Deliveries of the K2 tanks to Poland from Korea are scheduled to begin next month.", "agreed"),
    ("The first delivery of Korean howitzers to Poland is due in May.", "agreed"),
    ("The delivery of Korean howitzers to Poland took place in May.", "completed"),
])
def test_a_delivery_on_a_schedule_is_agreed_and_one_that_took_place_done(run: Run, text: str, status: str) -> None:
    assert [e.status for e in _of(run, text, "arms_transfer")] == [status]


def test_a_ban_that_takes_effect_is_adopted(run: Run) -> None:
    text = "China's ban on gallium exports to the US takes effect on Friday."
    assert [(dict(e.roles), e.status) for e in _of(run, text, "export_control")] == [
        ({"actor": "CHN", "target": "USA"}, "completed")]


@pytest.mark.parametrize("text,target", [
    ("Ottawa has revoked arms permits to Ankara that it froze in 2020.", "TUR"),
    ("Ottawa suspended export permits for drone parts to Ankara.", "TUR"),
    ("Berlin revoked weapons licences for Riyadh on Monday.", "SAU"),
])
def test_arms_permits_and_licences_are_export_controls(run: Run, text: str, target: str) -> None:
    assert [dict(e.roles).get("target") for e in _of(run, text, "export_control")] == [target]


def test_residents_permits_are_no_export_controls(run: Run) -> None:
    assert run("Residents of Kyiv need permits to build houses near the border with Poland.").events == ()


def test_a_body_with_a_name_any_state_could_bear_is_not_guessed(run: Run) -> None:
    text = "The Department of National Defense inked a contract with Israel for Spyder batteries."
    assert all("PHL" not in e.participants for e in run(text).events)


@pytest.mark.parametrize("text,kind,status", [
    ("Paris and Warsaw signed a friendship treaty on Friday, a step Poland had sought for years.", "agreement",
     "agreed"),
    ("Tokyo lifted its ban on exports of lethal arms, a move Washington had long urged.", "export_control",
     "completed"),
])
def test_a_closing_appositive_does_not_govern_the_act(run: Run, text: str, kind: str, status: str) -> None:
    assert [e.status for e in _of(run, text, kind)] == [status]


@pytest.mark.parametrize("text,status", [
    ("In a phone call on Tuesday, Xi Jinping and Vladimir Putin discussed military cooperation.", "completed"),
    ("At talks next week, Japan and India will discuss a drone deal.", "planned"),
    ("Japan and India are considering holding talks on drones.", "proposed"),
])
def test_what_a_meeting_discusses_gives_its_tense_not_a_proposal(run: Run, text: str, status: str) -> None:
    assert [e.status for e in _of(run, text, "meeting")] == [status]


def test_whose_allies_the_parties_are_takes_no_part(run: Run) -> None:
    text = "Tokyo and Manila, both treaty allies of the United States, are studying the joint development of drones."
    assert [e.participants for e in _of(run, text, "co_development")] == [("JPN", "PHL")]


def test_a_ship_handed_back_after_its_overhaul_is_no_transfer(run: Run) -> None:
    text = "Hanwha Ocean re-delivered the US Navy supply ship USNS Yukon after completing its overhaul in Geoje."
    assert _of(run, text, "arms_transfer") == []


@pytest.mark.parametrize("text", [
    "\"Kyiv will get another 30 tanks from us this year, and the first ten have already arrived,\" Denmark's minister "
    "said.",
    "Prague will deliver 100,000 shells to Kyiv, some of which have already arrived.",
])
def test_deliveries_begun_are_under_way(run: Run, text: str) -> None:
    assert [e.status for e in _of(run, text, "arms_transfer")] == ["ongoing"]


def test_a_pact_ratified_then_in_force_is_in_force(run: Run) -> None:
    text = "A defence pact between Armenia and India, ratified by the Armenian parliament in May, entered into force."
    assert [e.status for e in _of(run, text, "agreement")] == ["completed"]


def test_all_of_what_was_ordered_now_there_is_delivered(run: Run) -> None:
    text = "\"All fifteen launchers we ordered from India are now in Armenia,\" the Armenian defence ministry said."
    assert [e.status for e in _of(run, text, "arms_transfer")] == ["completed"]


@pytest.mark.parametrize("text,status", [
    ("Greece spent 3.1% of GDP on defence last year, according to NATO.", "completed"),
    ("Germany plans to spend 3.2% of its GDP on defence by 2030.", "planned"),
    ("The Dutch parliament approved 60 billion euros of defence spending for next year.", "agreed"),
])
def test_money_spent_is_done_and_a_budget_set_agreed(run: Run, text: str, status: str) -> None:
    assert [e.status for e in _of(run, text, "defense_spending")] == [status]


def test_the_range_of_areas_an_accord_covers_holds_no_act(run: Run) -> None:
    text = ("Albania, Montenegro and North Macedonia signed a joint declaration to deepen their defence cooperation, "
            "from officer training to buying equipment together.")
    assert {e.type for e in run(text).events} == {"agreement"}


@pytest.mark.parametrize("text,status", [
    ("Belgium will spend 2% of its output on defence this year, its prime minister said.", "agreed"),
    ("Britain will raise defence spending to 2.5% of GDP by 2027, the prime minister told parliament.", "agreed"),
    ("Peru plans to raise defence spending to 1.5% of GDP by 2030.", "planned"),
    ("Japan is expected to raise defence spending next year.", "planned"),
])
def test_a_government_saying_it_will_spend_pledges_it(run: Run, text: str, status: str) -> None:
    assert [e.status for e in _of(run, text, "defense_spending")] == [status]


@pytest.mark.parametrize("text,supplier,recipient,status", [
    ("Kenya is in talks with Turkey over the purchase of Bayraktar drones.", "TUR", "KEN", "proposed"),
    ("Morocco is eyeing Chinese air defence systems, officials said.", "CHN", "MAR", "proposed"),
    ("Two Korean-built corvettes joined the Philippine navy on Monday.", "KOR", "PHL", "completed"),
    ("Latvia expects to receive the first HIMARS launchers from the US in 2027.", "USA", "LVA", "agreed"),
    ("The first Gripens are scheduled to arrive in Thailand from Sweden in 2026.", "SWE", "THA", "agreed"),
])
def test_more_ways_of_telling_a_transfer(run: Run, text: str, supplier: str, recipient: str, status: str) -> None:
    assert [(dict(e.roles), e.status) for e in _of(run, text, "arms_transfer")] == [
        ({"supplier": supplier, "recipient": recipient}, status)]


@pytest.mark.parametrize("text", [
    "Talks between Seoul and Warsaw over a second tank contract resumed on Monday.",
    "Finland joined NATO in 2023.",
    "Latvia hopes the jets will join its air force, one official said.",
])
def test_no_transfer_where_nothing_says_who_sells_or_what_moves(run: Run, text: str) -> None:
    assert _of(run, text, "arms_transfer") == []


@pytest.mark.parametrize("text,parties", [
    ("A joint venture of Hyundai Rotem and a Polish firm will make K2 tanks in Poland.", ("KOR", "POL")),
    ("India and Russia make BrahMos missiles together in Hyderabad.", ("IND", "RUS")),
])
def test_making_things_together(run: Run, text: str, parties: tuple[str, ...]) -> None:
    assert [e.participants for e in _of(run, text, "co_production")] == [parties]


@pytest.mark.parametrize("text", [
    "Abu Dhabi signed for 60 French-made Rafale jets on Friday.",
    "British and Norwegian frigates will make up a combined fleet in the North Atlantic.",
    "Poland will make its own decision on tanks, Warsaw told Seoul.",
    "Athens ordered 18 Rafale jets from Paris, making it the first buyer of the fighter in the EU.",
])
def test_made_as_an_adjective_or_make_in_other_senses_is_no_joint_production(run: Run, text: str) -> None:
    assert _of(run, text, "co_production") == []


def test_a_sale_of_french_made_jets_stays_a_sale(run: Run) -> None:
    text = "Abu Dhabi signed for 60 French-made Rafale jets on Friday."
    assert [dict(e.roles) for e in _of(run, text, "arms_transfer")] == [{"supplier": "FRA", "recipient": "ARE"}]


@pytest.mark.parametrize("text,supplier,recipient", [
    ("Seoul welcomed Lima's interest and said it would sell more K9 howitzers to the country.", "KOR", "PER"),
    ("Paris praised India's choice of the Rafale and will deliver 26 jets to the nation by 2030.", "FRA", "IND"),
])
def test_the_country_stands_for_the_state_named_before_it(run: Run, text: str, supplier: str, recipient: str) -> None:
    assert [dict(e.roles) for e in _of(run, text, "arms_transfer")] == [{"supplier": supplier, "recipient": recipient}]


def test_a_deal_aimed_at_exporting_is_the_export(run: Run) -> None:
    text = "Hyundai Rotem signed a cooperation agreement aimed at exporting K2 tanks to Peru."
    assert [dict(e.roles) for e in _of(run, text, "arms_transfer")] == [{"supplier": "KOR", "recipient": "PER"}]


def test_the_country_as_a_subject_is_one_state_not_the_pair_named_before(run: Run) -> None:
    text = ("Jakarta bought 12 drones from Turkey last year. The country also entered into a contract to obtain "
            "20 helicopters from Lockheed Martin.")
    assert not [e for e in _of(run, text, "agreement") if e.participants == ("IDN", "TUR")]


@pytest.mark.parametrize("text,kind", [
    ("Kyiv offered to develop interceptor drones jointly with Washington as part of a broader drone deal.",
     "arms_transfer"),
    ("Delhi offered to overhaul Hanoi's Su-30 fighters at the HAL plant in Nashik.", "co_production"),
    ("The US Army's tanks in Europe will be serviced at a PGZ plant in Poland.", "co_production"),
    ("Taipei proposed co-producing drones with US firms so that American forces can buy systems free of Chinese "
     "parts.", "arms_transfer"),
])
def test_frames_places_and_purposes_of_another_act_are_no_act_of_their_own(run: Run, text: str, kind: str) -> None:
    assert _of(run, text, kind) == []


def test_a_plant_where_things_are_made_together_is_joint_production(run: Run) -> None:
    text = "The missiles that Norway's Kongsberg and Australia agreed to produce at a new plant in Newcastle will fly."
    assert [e.participants for e in _of(run, text, "co_production")] == [("AUS", "NOR")]


@pytest.mark.parametrize("text", [
    "Leaders praised a Master Ship Repair Agreement concluded between the US Navy and Mazagon Dock.",
    "A ship repair agreement between the US Navy and Mitsubishi Heavy Industries was signed in Tokyo.",
])
def test_a_repair_agreement_between_a_navy_and_a_yard(run: Run, text: str) -> None:
    [event] = _of(run, text, "maintenance")
    assert event.status == "agreed" and dict(event.roles)["owner"] == "USA" and dict(event.roles)["provider"] != "USA"


def test_a_delivery_a_later_sentence_calls_a_first_batch_goes_on(run: Run) -> None:
    text = ("Taipei has received 40 Abrams tanks from the United States, officials said. Washington cleared the "
            "sale years ago. The tanks, an initial batch of 100 bought then, arrived in Taiwan on Sunday.")
    assert [e.status for e in _of(run, text, "arms_transfer")] == ["ongoing"]


@pytest.mark.parametrize("text", [
    "Berlin has acquired 35 F-35A fighters from the United States, with deliveries due to start in 2026.",
    "Abuja has procured 12 attack helicopters from the United States, the first of which will be delivered in 2027.",
])
def test_a_purchase_whose_deliveries_are_ahead_is_agreed(run: Run, text: str) -> None:
    assert [e.status for e in _of(run, text, "arms_transfer")] == ["agreed"]


def test_a_programme_in_another_clause_does_not_pick_the_seller(run: Run) -> None:
    text = ("Rabat took delivery of the last of its 24 Apache helicopters from Washington, while Jakarta signed a "
            "contract with Paris for 18 more Rafales.")
    assert sorted(tuple(sorted(dict(e.roles).items())) for e in _of(run, text, "arms_transfer")) == [
        (("recipient", "IDN"), ("supplier", "FRA")), (("recipient", "MAR"), ("supplier", "USA"))]


@pytest.mark.parametrize("text,kinds", [
    ("India's Cochin Shipyard signed a Master Ship Repair Agreement with the US Navy on Saturday.", {"maintenance"}),
    ("Tokyo and Manila concluded a Reciprocal Access Agreement this week.", {"agreement"}),
])
def test_a_titled_agreement_whose_name_says_the_act_is_that_act(run: Run, text: str, kinds: set[str]) -> None:
    assert {e.type for e in run(text).events} == kinds


@pytest.mark.parametrize("text,kind", [
    ("Philippines, US sign pact on nickel supply chains", "supply_chain"),
    ("Chile, Brazil ink defence cooperation pact", "agreement"),
])
def test_a_headline_verb_read_as_a_noun_still_states_the_stage(run: Run, text: str, kind: str) -> None:
    assert [e.status for e in _of(run, text, kind)] == ["agreed"]


def test_the_first_of_several_taken_over_is_a_delivery_under_way(run: Run) -> None:
    text = "Manila took delivery on Tuesday of the first of five C-130J transport aircraft from the United States."
    assert [e.status for e in _of(run, text, "arms_transfer")] == ["ongoing"]


@pytest.mark.parametrize("text,status", [
    ("Japan and Kazakhstan will have a rare-metals agreement to be signed next week.", "planned"),
    ("Japan and Kazakhstan have a rare-metals agreement signed last week.", "agreed"),
])
def test_an_agreement_to_be_signed_is_still_to_come(run: Run, text: str, status: str) -> None:
    assert [e.status for e in _of(run, text, "supply_chain")] == [status]


def test_a_body_whose_state_is_not_known_keeps_its_name_but_not_a_state(run: Run) -> None:
    result = run("Qatar's ministry of interior spoke to reporters on Monday.")
    assert [e.type for e in result.entities if "ministry of interior" in [m.text for m in e.mentions]] == ["org"]
    assert {m.label for m in result.party_mentions} == {"QAT"}


def test_a_firm_shipping_guns_deploys_no_forces(run: Run) -> None:
    text = "The American subsidiary of BAE Systems will dispatch 25 artillery guns to India next year."
    assert _of(run, text, "force_posture") == []


@pytest.mark.parametrize("text,supplier", [
    ("Warsaw signed a contract with the British arm of Rheinmetall for 300 trucks.", "GBR"),
    ("Delhi inked the deal with the US subsidiary of BAE Systems for 145 howitzers.", "USA"),
])
def test_a_firms_branch_in_another_state_acts_for_that_state(run: Run, text: str, supplier: str) -> None:
    assert [dict(e.roles)["supplier"] for e in _of(run, text, "arms_transfer")] == [supplier]


@pytest.mark.parametrize("text", [
    "The drills will send a powerful signal to Pyongyang of America's military power.",
    "Beijing sent a stern message to Washington and Taipei over the arms sales.",
])
def test_sending_a_signal_or_message_is_no_deployment(run: Run, text: str) -> None:
    assert _of(run, text, "force_posture") == []


@pytest.mark.parametrize("text,events", [
    ("Washington might refuse to let the jet's US-made engine be exported to Colombia.", 0),
    ("Washington did not allow Tokyo to ship missiles to Kyiv.", 0),
    ("Washington allowed Tokyo to ship missiles to Kyiv.", 1),
])
def test_a_permission_withheld_lets_no_transfer(run: Run, text: str, events: int) -> None:
    assert len(_of(run, text, "arms_transfer")) == events


@pytest.mark.parametrize("text,kind,parties,status", [
    ("The drills, which started on Monday, involve 4,000 troops from Kenya, Uganda and Rwanda.", "exercise",
     ("KEN", "RWA", "UGA"), "ongoing"),
    ("The naval exercise brings together sailors from Chile and Peru.", "exercise", ("CHL", "PER"), "ongoing"),
    ("The talks brought together ministers from Chile, Peru and Bolivia.", "meeting", ("BOL", "CHL", "PER"),
     "completed"),
    ("Next week's summit will gather the leaders of Kenya and Ethiopia.", "meeting", ("ETH", "KEN"), "planned"),
    ("Participants in this year's drills include Chile, Peru and Brazil.", "exercise", ("BRA", "CHL", "PER"),
     "ongoing"),
    ("About 9,000 personnel from 14 nations are taking part in the drills, including Chile, Peru and Mexico.",
     "exercise", ("CHL", "MEX", "PER"), "ongoing"),
    ("Kenya is hosting naval drills involving warships from Tanzania and India.", "exercise", ("IND", "KEN", "TZA"),
     "ongoing"),
    ("The talks, involving Chile and Peru, ended on Friday.", "meeting", ("CHL", "PER"), "completed"),
])
def test_a_joint_act_takes_in_whom_it_involves_or_includes(run: Run, text: str, kind: str,
                                                           parties: tuple[str, ...], status: str) -> None:
    assert [(tuple(sorted(e.participants)), e.status) for e in _of(run, text, kind)] == [(parties, status)]


def test_what_a_sale_includes_is_no_party_to_it(run: Run) -> None:
    text = "Japan signed a package including Patriot missiles made in the United States and radars from Israel."
    assert all(set(e.participants) != {"ISR", "JPN", "USA"} for e in run(text).events)


@pytest.mark.parametrize("text", [
    "The French carrier Charles de Gaulle docked in Goa on Monday.",
    "Flights were diverted to Charles de Gaulle airport outside Paris.",
])
def test_a_kings_given_name_in_another_name_is_not_the_king(run: Run, text: str) -> None:
    assert "GBR" not in {m.label for m in run(text).party_mentions}


def test_a_kings_title_and_name_still_name_him(run: Run) -> None:
    text = "King Charles received Japan's emperor at Windsor Castle."
    assert "GBR" in {m.label for m in run(text).party_mentions}


@pytest.mark.parametrize("text,owner,provider,status", [
    ("The Thai submarine which Italy's Fincantieri is refitting will sail home in May.", "THA", "ITA", "ongoing"),
    ("The Ghanaian patrol boats that Turkey's Dearsan yard overhauled last year are back at sea.", "GHA", "TUR",
     "completed"),
    ("A frigate of the Canadian Navy completed a mid-life repair at a Dutch shipyard in Den Helder.", "CAN", "NLD",
     "completed"),
    ("An Australian destroyer began a month of maintenance at a yard in Japan.", "AUS", "JPN", "ongoing"),
    ("Portugal's OGMA has started servicing C-130 transports belonging to Morocco's air force.", "MAR", "PRT",
     "ongoing"),
    ("Helicopters operated by the Kenyan army will be overhauled by a Russian plant.", "KEN", "RUS", "planned"),
    ("Peru wants to have its Type 209 submarines refitted in Germany.", "PER", "DEU", "proposed"),
    ("Egypt got three of its frigates repaired by Italy's Fincantieri last year.", "EGY", "ITA", "completed"),
    ("Croatia will have its MiG-21s overhauled in Ukraine.", "HRV", "UKR", "planned"),
    ("Turkey has offered to refurbish Azerbaijan's ageing patrol boats.", "AZE", "TUR", "proposed"),
])
def test_repairs_read_whose_thing_is_repaired(run: Run, text: str, owner: str, provider: str, status: str) -> None:
    assert [(dict(e.roles), e.status) for e in _of(run, text, "maintenance")] == [
        ({"owner": owner, "provider": provider}, status)]


@pytest.mark.parametrize("text,kind,status", [
    ("Peru, Chile, Bolivia wrap up first trilateral border exercise", "exercise", "completed"),
    ("Korean yard wraps up refit of Philippine frigate", "maintenance", "completed"),
    ("Indian, Omani navies conclude joint drills", "exercise", "completed"),
    ("A two-week exercise involving troops of Kenya, Uganda and Rwanda concluded near Jinja on Friday.", "exercise",
     "completed"),
    ("The deployment of Italian Eurofighters to Iceland ended on Friday after three months.", "force_posture",
     "completed"),
    ("The joint development of a new missile by Brazil and South Africa entered its flight-test stage this month.",
     "co_development", "ongoing"),
    ("More than half of the 48 jets bought from Sweden have been delivered to Thailand.", "arms_transfer",
     "ongoing"),
    ("The bulk of the 200 armoured vehicles Italy sold to Tunisia were handed over in March.", "arms_transfer",
     "ongoing"),
    ("Six coastal guns were handed over to Georgia by Poland on Friday, the ministry in Tbilisi confirmed.",
     "arms_transfer", "completed"),
    ("The first two of 12 frigates ordered by Greece from France touched down in Piraeus on Monday.",
     "arms_transfer", "ongoing"),
    ("Kenya's cabinet has sent lawmakers a draft budget lifting military outlays by a tenth.",
     "defense_spending", "proposed"),
    ("A rare-earths partnership was launched by Japan, India and Australia in Delhi.", "supply_chain", "agreed"),
    ("Norway and Poland are to begin joint development of an air defence radar in May, according to a plan "
     "signed on Friday.", "co_development", "agreed"),
    ("Chilean warships are to be repaired in Spain under a plan the two navies are drafting.", "maintenance",
     "proposed"),
])
def test_stage_read_from_the_verb_that_governs(run: Run, text: str, kind: str, status: str) -> None:
    assert [e.status for e in _of(run, text, kind)] == [status]


@pytest.mark.parametrize("text,statuses", [
    ("Ankara and Islamabad have agreed to build corvettes together and will stage a first naval drill "
     "next month.", {"co_production": "agreed", "exercise": "planned"}),
    ("Chile signed the deal and will receive the jets from Sweden next year.", {"arms_transfer": "agreed"}),
])
def test_a_coordinated_verb_with_a_tense_of_its_own(run: Run, text: str, statuses: dict[str, str]) -> None:
    assert {e.type: e.status for e in run(text).events} == statuses


@pytest.mark.parametrize("text", [
    "Armenia, Belarus and Kazakhstan belong to the Collective Security Treaty Organization.",
    "Iran became a full member of the Shanghai Cooperation Organisation in 2023.",
    "Officials of the North Atlantic Treaty Organization met in Brussels.",
])
def test_an_acts_word_inside_a_bodys_name_is_no_act(run: Run, text: str) -> None:
    assert [e for e in run(text).events if e.type == "agreement"] == []


@pytest.mark.parametrize("text", [
    "Mali announced the termination of its defence accord with France on Monday.",
    "Niger severed its military cooperation agreement with France last year.",
    "Burkina Faso revoked its defence pact with Paris in January.",
])
def test_an_accord_ended_is_no_accord_made(run: Run, text: str) -> None:
    assert _of(run, text, "agreement") == []


@pytest.mark.parametrize("text", [
    "After the talks of Ukraine's president with Rheinmetall's chief executive, the firm opened an office in Kyiv.",
    "Chile's defence minister held a meeting with Saab's chief executive in Santiago.",
])
def test_talks_with_a_firm_are_no_meeting_of_states(run: Run, text: str) -> None:
    assert _of(run, text, "meeting") == []


def test_hosting_troops_is_no_meeting(run: Run) -> None:
    text = "Estonia is spending the money on barracks to permanently host 3,000 British soldiers."
    assert _of(run, text, "meeting") == []


@pytest.mark.parametrize("text,actor,target", [
    ("The Canadian government said it would freeze new Turkish permits for the export of drone optics.", "CAN",
     "TUR"),
    ("Berlin halted Saudi arms export licences after the killing.", "DEU", "SAU"),
])
def test_a_licence_named_by_its_destination(run: Run, text: str, actor: str, target: str) -> None:
    assert [dict(e.roles) for e in _of(run, text, "export_control")] == [{"actor": actor, "target": target}]


@pytest.mark.parametrize("text,kind,parties,status", [
    ("Brazil's naval ties with Chile will get a lift, with the two countries renewing their defence accord.",
     "agreement", ("BRA", "CHL"), "agreed"),
    ("Ties will deepen further, with Chile and Peru signing a defence pact next week.", "agreement",
     ("CHL", "PER"), "planned"),
    ("The rotation of a US armoured brigade to Poland next month is part of a wider plan.", "force_posture",
     ("POL", "USA"), "planned"),
    ("The drills between Kenya and Uganda begin next week.", "exercise", ("KEN", "UGA"), "planned"),
    ("Kenya and Uganda held drills last week.", "exercise", ("KEN", "UGA"), "completed"),
])
def test_an_acts_own_clause_and_time_give_its_stage(run: Run, text: str, kind: str, parties: tuple[str, ...],
                                                    status: str) -> None:
    assert [(tuple(sorted(e.participants)), e.status) for e in _of(run, text, kind)] == [(parties, status)]


@pytest.mark.parametrize("text,kind,parties,status", [
    ("A new anti-ship missile is being developed by Brazil and South Africa, officials in Pretoria said.",
     "co_development", ("BRA", "ZAF"), "ongoing"),
    ("Norway is seeking to join Germany's submarine programme as a partner.", "co_development", ("DEU", "NOR"),
     "proposed"),
    ("Chile has proposed a copper supply partnership to Japan.", "supply_chain", ("CHL", "JPN"), "proposed"),
    ("Peru offered a maritime security framework to Ecuador on Monday.", "agreement", ("ECU", "PER"), "proposed"),
    ("Canberra, Tokyo and Delhi set up a joint working group on critical materials for batteries.", "supply_chain",
     ("AUS", "IND", "JPN"), "agreed"),
    ("Japan and Australia broke ground on a jointly financed rare-earth plant in Kalgoorlie.", "supply_chain",
     ("AUS", "JPN"), "ongoing"),
    ("Greece, Bulgaria and Romania signed a pact on sweeping naval mines from the Black Sea.", "agreement",
     ("BGR", "GRC", "ROU"), "agreed"),
])
def test_who_takes_part_and_what_kind(run: Run, text: str, kind: str, parties: tuple[str, ...],
                                      status: str) -> None:
    assert [(tuple(sorted(e.participants)), e.status) for e in _of(run, text, kind)] == [(parties, status)]


@pytest.mark.parametrize("text", [
    "Samoa has pulled out of the joint exercise it planned with China, its navy said.",
    "Tonga backed out of the naval drills with China in March.",
])
def test_pulling_out_of_an_act_leaves_no_act(run: Run, text: str) -> None:
    assert _of(run, text, "exercise") == []


@pytest.mark.parametrize("text,party", [
    ("\"Our engineers are designing the radar together with the Czechs,\" a Polish official said.", "CZE"),
    ("Pakistani pilots trained alongside the Saudis for a fortnight.", "SAU"),
    ("The Egyptians took delivery of the frigate in Toulon.", "EGY"),
])
def test_a_peoples_plural_name_stands_for_its_state(run: Run, text: str, party: str) -> None:
    assert party in {m.label for m in run(text).party_mentions}


@pytest.mark.parametrize("text,kind,parties,status", [
    ("Finland and Estonia adopted a supply-chain plan for artillery shells.", "supply_chain", ("EST", "FIN"),
     "agreed"),
    ("The munitions supply-chain pact that Poland and Czechia signed in May binds them to share explosives.",
     "supply_chain", ("CZE", "POL"), "agreed"),
    ("The defence spending goal that Portugal's cabinet approved on Friday will apply from 2027.",
     "defense_spending", ("PRT",), "agreed"),
    ("The naval drill that Ghana and Nigeria staged near Lagos last week tested boarding skills.", "exercise",
     ("GHA", "NGA"), "completed"),
    ("Work started on a cobalt refining plant in Zambia that the US and Zambia are financing together.",
     "supply_chain", ("USA", "ZMB"), "ongoing"),
])
def test_what_a_relative_clause_says_of_the_acts_noun(run: Run, text: str, kind: str, parties: tuple[str, ...],
                                                      status: str) -> None:
    assert [(tuple(sorted(e.participants)), e.status) for e in _of(run, text, kind)] == [(parties, status)]


def test_a_single_host_in_a_relative_clause_keeps_the_others(run: Run) -> None:
    text = ("The deal was signed while ships of Kenya, Tanzania and France were at sea for the Cutlass drills, "
            "which Kenya is hosting this year.")
    assert [tuple(sorted(e.participants)) for e in _of(run, text, "exercise")] == [("FRA", "KEN", "TZA")]


@pytest.mark.parametrize("text,kind,parties,status", [
    ("Omani and Indian marines wrapped up ten days of coastal drills near Duqm on Friday.", "exercise",
     ("IND", "OMN"), "completed"),
    ("Korean and Australian frigates drilled together off Darwin on Tuesday.", "exercise", ("AUS", "KOR"),
     "completed"),
    ("Kenyan troops, who have been drilling with Ugandan units since Monday, will remain in the field until "
     "the end of the month.", "exercise", ("KEN", "UGA"), "ongoing"),
    ("Delivery of Estonia's 12 HIMARS launchers from the US has begun.", "arms_transfer",
     ("EST", "USA"), "ongoing"),
    ("Spain intends to send six Eurofighters to Estonia for air policing next spring.", "force_posture",
     ("ESP", "EST"), "planned"),
])
def test_mistagged_words_still_name_the_act(run: Run, text: str, kind: str, parties: tuple[str, ...],
                                            status: str) -> None:
    assert [(tuple(sorted(e.participants)), e.status) for e in _of(run, text, kind)] == [(parties, status)]


@pytest.mark.parametrize("text,supplier,recipient", [
    ("Washington handed over Taiwan's first batch of F-16V jets on Monday.", "USA", "TWN"),
    ("Hanwha has shipped the last K9 howitzers of Egypt's order.", "KOR", "EGY"),
    ("The delivery of Latvia's NASAMS batteries from Norway is complete.", "NOR", "LVA"),
    ("Colombia picked Sweden's Gripen over France's Rafale.", "SWE", "COL"),
    ("Poland ordered more of Korea's K2 tanks.", "KOR", "POL"),
])
def test_whose_thing_it_is_says_who_gets_it_or_who_makes_it(run: Run, text: str, supplier: str,
                                                            recipient: str) -> None:
    assert [dict(e.roles) for e in _of(run, text, "arms_transfer")] == [
        {"supplier": supplier, "recipient": recipient}]


@pytest.mark.parametrize("text,kind,roles", [
    ("The Kenya Air Force signed a contract with the US firm Textron for the maintenance of its C-145 aircraft.",
     "maintenance", {"owner": "KEN", "provider": "USA"}),
    ("Peru signed a deal with Spain for the refit and overhaul of its frigates.", "maintenance",
     {"owner": "PER", "provider": "ESP"}),
    ("The Chinese defence ministry has donated 20 military trucks to the Cambodian army.", "arms_transfer",
     {"supplier": "CHN", "recipient": "KHM"}),
])
def test_a_service_ordered_and_goods_given(run: Run, text: str, kind: str, roles: dict[str, str]) -> None:
    assert [dict(e.roles) for e in _of(run, text, kind)] == [roles]


@pytest.mark.parametrize("text,kind,count", [
    ("Saudi arms deals have come under renewed scrutiny in Europe.", "arms_transfer", 0),
    ("Norway's new rules free most military goods sent to Sweden from licences.", "arms_transfer", 0),
    ("Turkey's foreign minister spoke at a joint press conference in Ankara.", "meeting", 0),
    ("Medical teams and relief supplies from India arrived in Myanmar.", "force_posture", 0),
    ("Under a new licence, Brazil will build four more of the frigates at home.", "export_control", 0),
])
def test_words_near_an_act_that_make_none(run: Run, text: str, kind: str, count: int) -> None:
    assert len(_of(run, text, kind)) == count


@pytest.mark.parametrize("text,kind,parties,status", [
    ("Egypt's foreign minister spoke to reporters at a joint news conference with the Greek foreign minister.",
     "meeting", ("EGY", "GRC"), "completed"),
    ("The first six Korean-built FA-50 jets will arrive in Malaysia next week.", "arms_transfer", ("KOR", "MYS"),
     "agreed"),
])
def test_meetings_and_arrivals(run: Run, text: str, kind: str, parties: tuple[str, ...], status: str) -> None:
    assert [(tuple(sorted(e.participants)), e.status) for e in _of(run, text, kind)] == [(parties, status)]


def test_a_longer_arab_name_is_not_the_one_known(run: Run) -> None:
    text = "Sheikh Mohammed bin Abdulrahman Al Thani met reporters in Doha."
    assert "ARE" not in {m.label for m in run(text).party_mentions}


@pytest.mark.parametrize("title,headline,receivers", [
    ("Laos receives army trucks from China", ("LAO", "CHN"), [("CHN", "LAO")]),
    ("Chinese army trucks handed over at a ceremony", ("CHN",), []),
])
def test_a_title_names_the_receiver_a_donation_leaves_out(syntax_pipeline: Pipeline, title: str,
                                                          headline: tuple[str, ...],
                                                          receivers: list[tuple[str, str]]) -> None:
    text = ("The president has received 40 military trucks donated by China. The handover took place at a base "
            "outside the capital, and Chinese diplomats attended.")
    result = syntax_pipeline(Article(doc="t", text=text, title=title, published="2025-05-22"))
    assert result.headline_parties == headline
    assert [(dict(e.roles)["supplier"], dict(e.roles)["recipient"]) for e in result.events
            if e.type == "arms_transfer"] == \
        receivers


@pytest.mark.parametrize("text,kind", [
    ("Pundits in Manila suggested the Philippines might one day build frigates with Japan.", "co_production"),
    ("Analysts said Kenya could have to trim military spending next year.", "defense_spending"),
    ("Economists in Lima speculated about a copper pact between Peru and Japan.", "supply_chain"),
])
def test_what_onlookers_guess_is_no_event(run: Run, text: str, kind: str) -> None:
    assert _of(run, text, kind) == []


@pytest.mark.parametrize("text,kind,parties,status", [
    ("The signing of a cobalt supply accord by Zambia and Japan on Friday opens the mines to Japanese firms.",
     "supply_chain", ("JPN", "ZMB"), "agreed"),
    ("Ghana's cabinet has sent lawmakers a defence spending bill worth $2 billion.", "defense_spending", ("GHA",),
     "proposed"),
    ("Joint development of a drone by Turkey and Indonesia has moved into the flight-test stage.", "co_development",
     ("IDN", "TUR"), "ongoing"),
    ("Under a deal signed with Seoul on Friday, Egypt will assemble the howitzers, and the two countries will jointly "
     "develop a new shell.", "co_development", ("EGY", "KOR"), "agreed"),
    ("Serbia and Hungary signed a military cooperation plan for the coming year.", "agreement", ("HUN", "SRB"),
     "agreed"),
    ("Turkey has offered Georgia a defence accord covering training and border patrols.", "agreement",
     ("GEO", "TUR"), "proposed"),
])
def test_stage_and_kind_of_accords_budgets_and_joint_work(run: Run, text: str, kind: str,
                                                          parties: tuple[str, ...], status: str) -> None:
    assert [(tuple(sorted(e.participants)), e.status) for e in _of(run, text, kind)] == [(parties, status)]


def test_an_accords_list_of_areas_holds_no_act_of_its_own(run: Run) -> None:
    text = "Turkey has offered Georgia a defence accord covering training and border patrols."
    assert _of(run, text, "exercise") == []


@pytest.mark.parametrize("text,kind,parties,status", [
    ("Chile and Korea signed a deal to secure zirconium supplies for Korean arms makers.", "supply_chain",
     ("CHL", "KOR"), "agreed"),
    ("Brazil and Japan agreed to cooperate on niobium and graphite processing.", "supply_chain", ("BRA", "JPN"),
     "agreed"),
    ("Rabat took delivery of the first six of 24 AH-64E helicopters it bought from the United States.",
     "arms_transfer", ("MAR", "USA"), "ongoing"),
])
def test_minerals_named_and_first_of_an_order(run: Run, text: str, kind: str, parties: tuple[str, ...],
                                              status: str) -> None:
    assert [(tuple(sorted(e.participants)), e.status) for e in _of(run, text, kind)] == [(parties, status)]


@pytest.mark.parametrize("text,kinds", [
    ("Peru and Spain signed an accord on Monday that will include joint training of their marines.", ["agreement"]),
    ("Kenya and Rwanda signed a memorandum on defence and training cooperation.", ["agreement"]),
    ("Oman and India will explore cooperation on training programmes and spare parts.", []),
    ("Kenyan and Ugandan troops began joint training near Jinja on Monday.", ["exercise"]),
])
def test_training_an_accord_covers_is_no_drill(run: Run, text: str, kinds: list[str]) -> None:
    assert [e.type for e in run(text).events if e.type in {"exercise", "agreement"}] == kinds


@pytest.mark.parametrize("text,kind,parties,status", [
    ("Australia will send a patrol boat and 20 sailors to Vanuatu for three months from June.", "force_posture",
     ("AUS", "VUT"), "planned"),
    ("Ghana Nigeria joint naval drills ended near Lagos on Friday.", "exercise", ("GHA", "NGA"), "completed"),
])
def test_deployments_for_a_time_and_names_run_into_drills(run: Run, text: str, kind: str,
                                                           parties: tuple[str, ...], status: str) -> None:
    assert [(tuple(sorted(e.participants)), e.status) for e in _of(run, text, kind)] == [(parties, status)]


@pytest.mark.parametrize("text,owners", [
    ("Norway, Sweden and Finland each pledged to lift their military spending to 3.5% of their economies.",
     ["FIN", "NOR", "SWE"]),
    ("Washington has urged Tokyo to spend 3% of GDP on its forces.", ["JPN"]),
])
def test_a_budget_for_each_state_that_pledges_one(run: Run, text: str, owners: list[str]) -> None:
    assert sorted(p for e in _of(run, text, "defense_spending") for p in e.participants) == owners


@pytest.mark.parametrize("text,parties,status", [
    ("The defence ministers of Chile and Peru spoke by phone on Tuesday about border patrols.", ("CHL", "PER"),
     "completed"),
    ("The foreign ministers of Kenya and Ethiopia discussed regional security in Nairobi on Monday.",
     ("ETH", "KEN"), "completed"),
    ("In a phone call with the president of Brazil, South Africa's leader discussed the naval drills.", ("BRA", "ZAF"),
     "completed"),
])
def test_leaders_who_speak_or_discuss_meet(run: Run, text: str, parties: tuple[str, ...], status: str) -> None:
    assert [(tuple(sorted(e.participants)), e.status) for e in _of(run, text, "meeting")] == [(parties, status)]


def test_speaking_to_reporters_is_no_meeting(run: Run) -> None:
    assert _of(run, "Kenya's defence minister spoke to reporters about Somalia's navy.", "meeting") == []


@pytest.mark.parametrize("text,kind,count", [
    ("Seoul agreed a gallium deal with Hanoi amid fears of a Chinese export ban.", "export_control", 0),
    ("Qatar and India signed an economic pact worth $10 billion.", "agreement", 0),
])
def test_feared_measures_and_civil_pacts_are_no_events(run: Run, text: str, kind: str, count: int) -> None:
    assert len(_of(run, text, kind)) == count


@pytest.mark.parametrize("text,kind,status", [
    ("Malaysia's cabinet gave its approval to order four more Turkish corvettes.", "arms_transfer", "agreed"),
    ("Japan and Chile joined hands to build copper supply chains.", "supply_chain", "agreed"),
    ("Defence ministers of Ghana and Togo take part in the regional security meeting in Lomé.", "meeting",
     "ongoing"),
    ("Modi meets Albanese in Sydney", "meeting", "completed"),
])
def test_approvals_undertakings_and_meetings_under_way(run: Run, text: str, kind: str, status: str) -> None:
    assert [e.status for e in _of(run, text, kind)] == [status]


@pytest.mark.parametrize("text,kind,count", [
    ("Neither Ankara nor Baku has any plan to build drones together, a Turkish official said.", "co_production", 0),
    ("Talks between Paris and Delhi on jointly developing an engine have collapsed.", "co_development", 0),
    ("Chile is weighing an invitation to send marines to Peruvian coastal drills.", "force_posture", 0),
    ("Mongolia will supply Japan with fluorspar for its arms makers from 2026.", "arms_transfer", 0),
    ("Officials of NATO and Korea held talks devoted to ammunition production.", "defense_spending", 0),
    ("\"By 2029 Latvia will devote 4 percent of GDP to defence,\" Latvia's prime minister said.", "defense_spending",
     1),
])
def test_negation_collapse_drills_minerals_and_devotion(run: Run, text: str, kind: str, count: int) -> None:
    assert len(_of(run, text, kind)) == count


@pytest.mark.parametrize("text,parties,status", [
    ("The last Belgian soldiers were withdrawn from Benin on Sunday.", ("BEL", "BEN"), "completed"),
    ("Portugal withdrew its transport aircraft from Mozambique last year.", ("MOZ", "PRT"), "completed"),
    ("Russian paratroopers withdrew from Armenia in April.", ("ARM", "RUS"), "completed"),
    ("The pullout of Dutch forces from Lithuania was completed in June.", ("LTU", "NLD"), "completed"),
    ("Washington will withdraw 1,500 troops from Romania by the spring.", ("ROU", "USA"), "planned"),
    ("Australia closed its air base in Malaysia, withdrawing its last fighters from the country.", ("AUS", "MYS"),
     "completed"),
])
def test_withdrawing_forces_ends_a_deployment(run: Run, text: str, parties: tuple[str, ...], status: str) -> None:
    assert [(tuple(sorted(e.participants)), e.status) for e in _of(run, text, "force_posture")] == [(parties, status)]


@pytest.mark.parametrize("text", [
    "Estonia withdrew from the howitzer deal with Korea.",
    "Norway pulled out of the submarine contract with France.",
    "Hungary withdrew from the joint drills with Serbia.",
])
def test_withdrawing_from_a_deal_or_drill_moves_no_forces(run: Run, text: str) -> None:
    assert _of(run, text, "force_posture") == []


@pytest.mark.parametrize("text,parties,status", [
    ("Kenyan troops began a year-long deployment to Haiti on Monday.", ("HTI", "KEN"), "ongoing"),
    ("Swedish Gripens landed in Iceland on Friday for a six-week deployment.", ("ISL", "SWE"), "ongoing"),
    ("Ghanaian soldiers started their deployment in Benin last week.", ("BEN", "GHA"), "ongoing"),
])
def test_forces_that_begin_a_deployment(run: Run, text: str, parties: tuple[str, ...], status: str) -> None:
    assert [(tuple(sorted(e.participants)), e.status) for e in _of(run, text, "force_posture")] == [(parties, status)]


@pytest.mark.parametrize("text,owner,provider", [
    ("Ecuador plans to send its Russian-made helicopters back to Russia for an overhaul next year.", "ECU", "RUS"),
    ("Laos intends to return its Chinese-built gunboats to China for repairs in 2027.", "LAO", "CHN"),
    ("The Kenyan navy sent two patrol ships to Spain for a mid-life refit in March.", "KEN", "ESP"),
    ("Laos will fly its Chinese trainers to China for engine repairs.", "LAO", "CHN"),
    ("Peru shipped three of its Mi-17 helicopters to Russia for overhauls last month.", "PER", "RUS"),
])
def test_equipment_sent_abroad_for_repair(run: Run, text: str, owner: str, provider: str) -> None:
    assert [dict(e.roles) for e in run(text).events] == [{"owner": owner, "provider": provider}]


def test_forces_sent_for_patrols_are_still_deployed(run: Run) -> None:
    assert [e.type for e in run("Canada sent two frigates to Japan for joint patrols.").events] == ["force_posture"]


@pytest.mark.parametrize("text,kinds", [
    ("Chile and the EU signed a lithium partnership on Monday. The agreement was signed by the EU trade commissioner "
     "and Chile's economy minister.", ["supply_chain"]),
    ("Canada and Germany agreed to secure rare earth supplies together. The two governments signed a memorandum in "
     "Berlin on Tuesday.", ["supply_chain"]),
    ("Nigeria's navy signed a memorandum with Turkey's Dearsan shipyard to buy four patrol boats.",
     ["arms_transfer"]),
])
def test_an_agreement_told_again_is_the_act_it_states(run: Run, text: str, kinds: list[str]) -> None:
    assert [e.type for e in run(text).events] == kinds


def test_a_defence_accord_of_its_own_stands_beside_a_sale(run: Run) -> None:
    text = ("Italy will sell eight trainer jets to Ghana. The two countries also signed a memorandum on defence "
            "cooperation covering training and cyber security.")
    assert sorted(e.type for e in run(text).events) == ["agreement", "arms_transfer"]


@pytest.mark.parametrize("text,count", [
    ("Peru and Korea will jointly develop a roadmap for their defence ties.", 0),
    ("Japan and India will jointly develop a strategy for maritime security.", 0),
    ("Japan and India will jointly develop an unmanned ground vehicle.", 1),
])
def test_plans_drawn_up_together_are_no_joint_development(run: Run, text: str, count: int) -> None:
    assert len(_of(run, text, "co_development")) == count


@pytest.mark.parametrize("text,count", [
    ("Chile has bought Spanish ships for years, making it Madrid's biggest arms customer in the region.", 0),
    ("The contract made Peru the first buyer of the Brazilian jet in the Andes.", 0),
    ("India and Russia make BrahMos missiles together in Hyderabad.", 1),
])
def test_making_something_of_a_thing_is_no_production(run: Run, text: str, count: int) -> None:
    assert len(_of(run, text, "co_production")) == count


@pytest.mark.parametrize("text,kind,roles,status", [
    ("Baku is weighing an Italian offer of training jets.", "arms_transfer",
     {"supplier": "ITA", "recipient": "AZE"}, "proposed"),
    ("Algiers is examining a Russian proposal to upgrade its attack helicopters.", "maintenance",
     {"provider": "RUS", "owner": "DZA"}, "proposed"),
    ("Kenya accepted an offer from Israel to overhaul its patrol boats.", "maintenance",
     {"provider": "ISR", "owner": "KEN"}, "agreed"),
])
def test_whoever_weighs_an_offer_is_its_other_side(run: Run, text: str, kind: str, roles: dict[str, str],
                                                  status: str) -> None:
    assert [(dict(e.roles), e.status) for e in run(text).events] == [(roles, status)]
    assert [e.type for e in run(text).events] == [kind]


@pytest.mark.parametrize("text", [
    "Hungary rejected a Chinese offer of armoured vehicles.",
    "Uganda turned down Russia's invitation to the drills.",
])
def test_an_offer_refused_is_no_event(run: Run, text: str) -> None:
    assert run(text).events == ()


@pytest.mark.parametrize("text,status", [
    ("Ghana accepted delivery of two patrol boats from the US.", "completed"),
    ("Kuwait accepted the final three of its tanker aircraft from the US last week.", "completed"),
])
def test_accepting_delivered_equipment(run: Run, text: str, status: str) -> None:
    events = _of(run, text, "arms_transfer")
    assert [(dict(e.roles)["supplier"], e.status) for e in events] == [("USA", status)]


@pytest.mark.parametrize("text,roles", [
    ("Turkey's Aselsan will upgrade Pakistan's F-16 fighters.", {"provider": "TUR", "owner": "PAK"}),
    ("Fiji signed a deal with Australia to upgrade its patrol boats.", {"provider": "AUS", "owner": "FJI"}),
    ("Chile signed a contract with Spain's Navantia to refit its frigates.", {"provider": "ESP", "owner": "CHL"}),
    ("Spain's Navantia signed a contract with Chile to refit its frigates.", {"provider": "ESP", "owner": "CHL"}),
])
def test_upgrades_and_refits_bought_from_a_partner(run: Run, text: str, roles: dict[str, str]) -> None:
    assert [(e.type, dict(e.roles)) for e in run(text).events] == [("maintenance", roles)]


@pytest.mark.parametrize("text", [
    "Poland will upgrade its Leopard tanks.",
    "Fiji signed a deal with Australia to upgrade its military bases.",
])
def test_upgrades_at_home_or_of_bases_are_no_maintenance(run: Run, text: str) -> None:
    assert _of(run, text, "maintenance") == []


@pytest.mark.parametrize("text,owner", [
    ("Lithuania pledges 6% of GDP to its armed forces", "LTU"),
    ("Estonia pledged five percent of its GDP to defence on Monday.", "EST"),
    ("Malta committed last week to reach 1.5% of its national income in military spending by 2032.", "MLT"),
    ("Bolivia's senate approved a 12 percent increase in defence spending for 2027, a move Paraguay criticised.",
     "BOL"),
])
def test_shares_of_output_pledged_to_defence(run: Run, text: str, owner: str) -> None:
    assert [e.participants for e in _of(run, text, "defense_spending")] == [(owner,)]


def test_troops_committed_are_no_budget(run: Run) -> None:
    assert _of(run, "Romania committed troops to the NATO mission.", "defense_spending") == []


@pytest.mark.parametrize("text,actor,target", [
    ("Ottawa relaxed limits on exporting thermal sights to Chile this week.", "CAN", "CHL"),
    ("The removal of Norway's ban on exporting radar parts to Brazil came into force in May.", "NOR", "BRA"),
    ("Japan tightened rules on selling radar parts to Vietnam, a move Beijing welcomed.", "JPN", "VNM"),
])
def test_a_rule_on_shipping_goods_to_a_state_targets_it(run: Run, text: str, actor: str, target: str) -> None:
    assert [dict(e.roles) for e in _of(run, text, "export_control")] == [{"actor": actor, "target": target}]


@pytest.mark.parametrize("text,kind,parties", [
    ("Finland, Estonia and Sweden are now keeping a shared reserve of 155mm shell components.", "supply_chain",
     ("EST", "FIN", "SWE")),
    ("Stocks of gallium for radar makers are being pooled by Spain and Portugal under a plan agreed in May.",
     "supply_chain", ("ESP", "PRT")),
    ("Denmark and Norway agreed to place their Arctic patrol ships under a joint command in Tromsø.", "force_posture",
     ("DNK", "NOR")),
    ("Chile plans to move its helicopter training squadron to Argentina by 2028.", "force_posture", ("ARG", "CHL")),
    ("Athens and Rome clinched a pact on Friday to guarantee their mutual supplies of armour steel.", "supply_chain",
     ("GRC", "ITA")),
    ("Mongolia has agreed to sell tungsten concentrate to South Korean missile makers.", "supply_chain",
     ("KOR", "MNG")),
])
def test_stocks_commands_moves_and_supplies(run: Run, text: str, kind: str, parties: tuple[str, ...]) -> None:
    assert [tuple(sorted(e.participants)) for e in _of(run, text, kind)] == [parties]


@pytest.mark.parametrize("text,kind,parties,status", [
    ("Kyiv and Vilnius aim to begin joint design work on a maritime drone next spring.", "co_development",
     ("LTU", "UKR"), "planned"),
    ("Serbia and Hungary to sign defence cooperation deal next month", "agreement", ("HUN", "SRB"), "planned"),
    ("Manila has proposed talks with Jakarta on cooperation between their shipyards.", "meeting", ("IDN", "PHL"),
     "proposed"),
    ("Timor-Leste is weighing a maritime security accord offered by Canberra.", "agreement", ("AUS", "TLS"),
     "proposed"),
])
def test_design_work_cooperation_deals_and_offered_accords(run: Run, text: str, kind: str,
                                                          parties: tuple[str, ...], status: str) -> None:
    assert [(tuple(sorted(e.participants)), e.status) for e in _of(run, text, kind)] == [(parties, status)]


def test_an_observer_sitting_in_takes_no_part(run: Run) -> None:
    text = "Serbian and Bosnian officials held border talks in Sarajevo, with a Swiss diplomat sitting in."
    assert [e.participants for e in _of(run, text, "meeting")] == [("BIH", "SRB")]


@pytest.mark.parametrize("text,kind,owner", [
    ("Portugal, for years one of NATO's smallest spenders, pledged on Friday to reach 3 percent of GDP on defence.",
     "defense_spending", "PRT"),
    ("Chile, a longtime buyer of German submarines, committed last week to devote 2% of GDP to its forces.",
     "defense_spending", "CHL"),
])
def test_a_subject_described_before_its_verb(run: Run, text: str, kind: str, owner: str) -> None:
    assert [e.participants for e in _of(run, text, kind)] == [(owner,)]


@pytest.mark.parametrize("text,supplier,recipient,status", [
    ("Honduras receives first of three Dutch-built patrol vessels", "NLD", "HND", "ongoing"),
    ("Ukraine will get more air-defence launchers from Norway.", "NOR", "UKR", "planned"),
    ("The Pentagon's approval of the sale of 12 attack helicopters to the Nigerian army was made public on Friday.",
     "USA", "NGA", "agreed"),
])
def test_headline_receipts_gets_and_approved_sales(run: Run, text: str, supplier: str, recipient: str,
                                                   status: str) -> None:
    assert [(dict(e.roles), e.status) for e in _of(run, text, "arms_transfer")] == [
        ({"supplier": supplier, "recipient": recipient}, status)]


def test_an_approval_of_arms_sales_in_general_is_a_rule(run: Run) -> None:
    assert [e.type for e in run("London's approval of arms sales to Riyadh was suspended.").events] == [
        "export_control"]


def test_gunships_sent_abroad_for_overhaul(run: Run) -> None:
    text = "Zambia is expected to send three Mi-17 gunships to Russia for an overhaul next year."
    assert [dict(e.roles) for e in _of(run, text, "maintenance")] == [{"owner": "ZMB", "provider": "RUS"}]


@pytest.mark.parametrize("text,actor,target", [
    ("Norway's export agency said it had authorised military exports to Indonesia again, after halting them in "
     "2021.", "NOR", "IDN"),
    ("Italy has authorized arms exports to Qatar.", "ITA", "QAT"),
])
def test_exports_authorised_again_are_a_rule_change(run: Run, text: str, actor: str, target: str) -> None:
    assert [dict(e.roles) for e in _of(run, text, "export_control")] == [{"actor": actor, "target": target}]


def test_a_sale_of_a_counted_order_authorised_is_a_sale(run: Run) -> None:
    assert [e.type for e in run("Washington authorized the sale of 20 jets to Morocco.").events] == ["arms_transfer"]


@pytest.mark.parametrize("text,kinds", [
    ("The Chilean and Peruvian navies staged a joint exercise off Arica, deploying six frigates near the border.",
     ["exercise"]),
    ("Japan gave Sri Lanka two patrol boats along with maintenance spares and radios.", ["arms_transfer"]),
    ("The yards in Rota provide support services for Moroccan Navy ships.", []),
    ("Ankara will provide training to Libyan coast guard crews.", []),
])
def test_the_drills_troops_the_spares_and_the_services_are_no_acts_of_their_own(run: Run, text: str,
                                                                                kinds: list[str]) -> None:
    assert [e.type for e in run(text).events] == kinds


@pytest.mark.parametrize("text,parties,status", [
    ("Ecuador plans to send a delegation to Japan in June to explore joint naval projects.", ("ECU", "JPN"),
     "planned"),
    ("Peru sent its defence minister to Madrid for talks on frigates.", ("ESP", "PER"), "completed"),
])
def test_a_delegation_or_minister_sent_abroad_is_a_meeting(run: Run, text: str, parties: tuple[str, ...],
                                                           status: str) -> None:
    events = run(text).events
    assert [(e.type, tuple(sorted(e.participants)), e.status) for e in events] == [("meeting", parties, status)]


@pytest.mark.parametrize("text,parties", [
    ("This year's drills include warships from Peru, Chile and Ecuador.", ("CHL", "ECU", "PER")),
    ("The exercise brings together forces from Kenya, Uganda and Rwanda.", ("KEN", "RWA", "UGA")),
])
def test_forces_from_many_states_in_one_exercise(run: Run, text: str, parties: tuple[str, ...]) -> None:
    assert [tuple(sorted(e.participants)) for e in _of(run, text, "exercise")] == [parties]


def test_advisers_are_sent_not_delivered(run: Run) -> None:
    assert _of(run, "Britain will send military advisers to Kenya.", "arms_transfer") == []


@pytest.mark.parametrize("text,kind,status", [
    ("Spain withdraws last marines from Mauritania", "force_posture", "completed"),
    ("Joint development of a radar by Latvia and Estonia was concluded on Friday.", "co_development", "completed"),
    ("Japan and India concluded a deal to co-develop a drone.", "co_development", "agreed"),
    ("An end to Norway's export embargo on military goods for Chile was decided by the cabinet on Monday and will "
     "apply from May.", "export_control", "agreed"),
    ("Norway lifted its export embargo on military goods for Chile on Monday.", "export_control", "completed"),
    ("The defence budget that Denmark's government submitted to the Folketing on Sunday awaits a vote.",
     "defense_spending", "proposed"),
])
def test_stage_of_withdrawals_concluded_work_later_rules_and_budgets_put_to_parliament(
        run: Run, text: str, kind: str, status: str) -> None:
    assert [e.status for e in _of(run, text, kind)] == [status]


@pytest.mark.parametrize("text,parties,status", [
    ("Poland intends to send an air-defence unit to Lithuania next spring.", ("LTU", "POL"), "planned"),
    ("Spain and Italy decided last week to create a shared planning cell in Naples.", ("ESP", "ITA"), "agreed"),
    ("Chile will dispatch a marine detachment to Ecuador for three months.", ("CHL", "ECU"), "planned"),
])
def test_units_sent_and_planning_cells_are_force_posture(run: Run, text: str, parties: tuple[str, ...],
                                                         status: str) -> None:
    events = run(text).events
    assert [(e.type, tuple(sorted(e.participants)), e.status) for e in events] == [
        ("force_posture", parties, status)]


def test_a_common_pool_of_spares_is_a_supply_chain(run: Run) -> None:
    text = "Denmark, Finland and Sweden now share a common pool of Gripen spares at a depot in Luleå."
    assert [tuple(sorted(e.participants)) for e in _of(run, text, "supply_chain")] == [("DNK", "FIN", "SWE")]


def test_a_memorandum_initialled_is_agreed(run: Run) -> None:
    text = "A security memorandum was initialled by Serbia and Hungary in Budapest on Friday."
    assert [(e.participants, e.status) for e in _of(run, text, "agreement")] == [(("HUN", "SRB"), "agreed")]


def test_equipment_sent_for_a_refit_is_being_refitted(run: Run) -> None:
    text = "The Ghanaian navy sent two of its corvettes to Turkey for a refit in April."
    assert [(dict(e.roles), e.status) for e in _of(run, text, "maintenance")] == [
        ({"owner": "GHA", "provider": "TUR"}, "ongoing")]


@pytest.mark.parametrize("text,kind,roles", [
    ("Ghana has asked Brazil to sell it six Super Tucano trainers.", "arms_transfer",
     {"supplier": "BRA", "recipient": "GHA"}),
    ("Kenya urged Britain to transfer two retired offshore patrol ships.", "arms_transfer",
     {"supplier": "GBR", "recipient": "KEN"}),
    ("Ghana asked Brazil to buy its surplus jets.", "arms_transfer", {"supplier": "GHA", "recipient": "BRA"}),
    ("Peru asked Spain to repair two of its submarines.", "maintenance", {"provider": "ESP", "owner": "PER"}),
    ("Jordan asked France to help maintain its ageing Mirage fleet.", "maintenance",
     {"provider": "FRA", "owner": "JOR"}),
])
def test_who_asks_another_to_act_is_at_its_other_end(run: Run, text: str, kind: str, roles: dict[str, str]) -> None:
    assert [(dict(e.roles), e.status) for e in _of(run, text, kind)] == [(roles, "proposed")]


def test_forces_asked_for_are_a_proposed_deployment(run: Run) -> None:
    events = run("Estonia has asked Berlin for a permanent German brigade.").events
    assert [(e.type, tuple(sorted(e.participants)), e.status) for e in events] == [
        ("force_posture", ("DEU", "EST"), "proposed")]


@pytest.mark.parametrize("text,roles", [
    ("Hanoi signs deal with Moscow for Su-30 jets", {"supplier": "RUS", "recipient": "VNM"}),
    ("Tashkent seals deal for Turkish drones", {"supplier": "TUR", "recipient": "UZB"}),
])
def test_a_headline_verb_read_as_a_noun_before_deal(run: Run, text: str, roles: dict[str, str]) -> None:
    assert [(dict(e.roles), e.status) for e in _of(run, text, "arms_transfer")] == [(roles, "agreed")]


@pytest.mark.parametrize("text,kind,parties,status", [
    ("Accra and Abuja are due to sign a defence cooperation memorandum in June.", "agreement", ("GHA", "NGA"),
     "planned"),
    ("Chad and Niger are set to conclude a military cooperation programme.", "agreement", ("NER", "TCD"), "planned"),
    ("Kenya is keen to buy Italian frigates.", "arms_transfer", ("ITA", "KEN"), "proposed"),
])
def test_an_adjective_of_stage_passes_on_its_subject(run: Run, text: str, kind: str, parties: tuple[str, ...],
                                                     status: str) -> None:
    assert [(tuple(sorted(e.participants)), e.status) for e in _of(run, text, kind)] == [(parties, status)]


@pytest.mark.parametrize("text,roles,status", [
    ("The second batch of Turkish drones reached Mali on Friday.", {"supplier": "TUR", "recipient": "MLI"},
     "ongoing"),
    ("The final shipment of Turkish drones reached Mali on Friday.", {"supplier": "TUR", "recipient": "MLI"},
     "completed"),
    ("The first three of Ghana's Brazilian-built trainers landed in Accra.", {"supplier": "BRA", "recipient": "GHA"},
     "ongoing"),
    ("The last of Croatia's Rafale jets touched down at Zagreb, completing deliveries from France.",
     {"supplier": "FRA", "recipient": "HRV"}, "completed"),
])
def test_a_batch_that_reaches_or_lands_is_delivered(run: Run, text: str, roles: dict[str, str], status: str) -> None:
    assert [(dict(e.roles), e.status) for e in _of(run, text, "arms_transfer")] == [(roles, status)]


@pytest.mark.parametrize("text", ["Russian missiles reached Kyiv overnight.", "Russian bombers landed in Caracas."])
def test_weapons_that_reach_a_place_are_not_delivered(run: Run, text: str) -> None:
    assert _of(run, text, "arms_transfer") == []


@pytest.mark.parametrize("text,roles", [
    ("The embargo on weapons exports to Sudan that Norway announced last week covers spare parts.",
     {"actor": "NOR", "target": "SDN"}),
    ("The curbs that Canada placed on arms sales to Turkey stay in force.", {"actor": "CAN", "target": "TUR"}),
])
def test_a_rule_a_relative_clause_says_was_imposed(run: Run, text: str, roles: dict[str, str]) -> None:
    assert [dict(e.roles) for e in _of(run, text, "export_control")] == [roles]


@pytest.mark.parametrize("text,parties", [
    ("Licensed assembly of Finnish armoured vehicles began in Slovakia on Monday.", ("FIN", "SVK")),
    ("Licensed production of Korean howitzers is well advanced at a factory in Egypt.", ("EGY", "KOR")),
])
def test_licensed_production_is_joint(run: Run, text: str, parties: tuple[str, ...]) -> None:
    assert [(tuple(sorted(e.participants)), e.status) for e in _of(run, text, "co_production")] == [
        (parties, "ongoing")]


@pytest.mark.parametrize("text,kind,parties,status", [
    ("The mortars that Latvia and Sweden agreed in May to produce together will be built in Riga.", "co_production",
     ("LVA", "SWE"), "agreed"),
    ("The corvettes that Ghana decided to buy from Turkey will arrive next year.", "arms_transfer", ("GHA", "TUR"),
     "agreed"),
    ("The Cope Thunder drills, which the air forces of Japan and the Philippines are staging at Clark, end on Friday.",
     "exercise", ("JPN", "PHL"), "ongoing"),
    ("Chile's two submarines, which Spain agreed to overhaul at Cartagena, left port on Monday.", "maintenance",
     ("CHL", "ESP"), "agreed"),
])
def test_the_thing_a_relative_clause_says_was_agreed_on(run: Run, text: str, kind: str, parties: tuple[str, ...],
                                                        status: str) -> None:
    assert [(tuple(sorted(e.participants)), e.status) for e in _of(run, text, kind)] == [(parties, status)]


@pytest.mark.parametrize("text,parties,status", [
    ("Soldiers from Poland and Spain took up positions in Latvia on Saturday.", ("ESP", "LVA", "POL"), "ongoing"),
    ("Danish troops will take up positions in Estonia next month.", ("DNK", "EST"), "planned"),
    ("NATO will open a forward headquarters in Slovakia next year.", ("NATO", "SVK"), "planned"),
    ("Finland and NATO agreed that an allied land headquarters will be set up in Lapland.", ("FIN", "NATO"),
     "agreed"),
])
def test_troops_taking_up_positions_and_headquarters_set_up(run: Run, text: str, parties: tuple[str, ...],
                                                            status: str) -> None:
    assert [(tuple(sorted(e.participants)), e.status) for e in _of(run, text, "force_posture")] == [
        (parties, status)]


@pytest.mark.parametrize("text,kind,parties,status", [
    ("Seoul will help Hanoi develop its graphite mines.", "supply_chain", ("KOR", "VNM"), "planned"),
    ("Korea will help Poland build tanks at Bumar.", "co_production", ("KOR", "POL"), "planned"),
    ("Australia and Japan agreed to refine Australian gallium for Japanese chipmakers.", "supply_chain",
     ("AUS", "JPN"), "agreed"),
    ("Kazakhstan and Korea agreed to extract tungsten together.", "supply_chain", ("KAZ", "KOR"), "agreed"),
])
def test_who_helps_takes_part_and_minerals_refined_for_another(run: Run, text: str, kind: str,
                                                               parties: tuple[str, ...], status: str) -> None:
    assert [(tuple(sorted(e.participants)), e.status) for e in _of(run, text, kind)] == [(parties, status)]


def test_one_state_refining_minerals_is_no_supply_chain(run: Run) -> None:
    assert run("China refines most of the world's gallium.").events == ()


@pytest.mark.parametrize("text,kind,parties", [
    ('"We are asking parliament for an extra 5 billion shillings for the army this year," Kenya\'s defence '
     'minister said.', "defense_spending", ("KEN",)),
    ('"We are negotiating with Seoul for eight patrol boats," Ghana\'s navy chief said.', "arms_transfer",
     ("GHA", "KOR")),
    ("Peru is negotiating with Spain over the purchase of two submarines.", "arms_transfer", ("ESP", "PER")),
])
def test_a_request_or_negotiation_under_way_is_proposed(run: Run, text: str, kind: str,
                                                        parties: tuple[str, ...]) -> None:
    assert [(tuple(sorted(e.participants)), e.status) for e in _of(run, text, kind)] == [(parties, "proposed")]


def test_a_speakers_hope_is_no_act(run: Run) -> None:
    assert run('"We are hoping to buy eight patrol boats from Seoul," Ghana\'s navy chief said.').events == ()


@pytest.mark.parametrize("text,parties", [
    ("Tokyo and Manila signed an accord that permits transfers of military gear and know-how to the Philippines.",
     ("JPN", "PHL")),
    ("Seoul and Warsaw inked a pact allowing transfers of Korean defence technology to Poland.", ("KOR", "POL")),
])
def test_a_pact_that_permits_transfers_is_a_framework(run: Run, text: str, parties: tuple[str, ...]) -> None:
    assert [(e.type, tuple(sorted(e.participants))) for e in run(text).events] == [("agreement", parties)]


def test_a_deal_allowing_a_counted_sale_is_that_sale(run: Run) -> None:
    events = run("Italy and Qatar signed a deal allowing the sale of 12 Italian helicopters to Doha.").events
    assert [(e.type, dict(e.roles)) for e in events] == [("arms_transfer", {"supplier": "ITA", "recipient": "QAT"})]


@pytest.mark.parametrize("text", [
    "India signed a deal with Mauritius to develop military infrastructure on Agalega.",
    "The two navies will jointly develop port facilities in Djibouti.",
])
def test_places_and_works_developed_are_no_joint_development(run: Run, text: str) -> None:
    assert _of(run, text, "co_development") == []


def test_who_thanks_another_for_its_help_receives_nothing(run: Run) -> None:
    assert run("Cambodia thanked China for its help in upgrading military facilities at Ream.").events == ()


@pytest.mark.parametrize("text,roles", [
    ("Delhi has offered to open a repair centre in Malaysia for the country's Russian-origin jets.",
     {"provider": "IND", "owner": "MYS"}),
    ("Turkey will open a maintenance hub in Qatar for the emirate's tanks.", {"provider": "TUR", "owner": "QAT"}),
    ("Poland will overhaul Slovakia's Soviet-built MiG-29 jets.", {"provider": "POL", "owner": "SVK"}),
])
def test_the_maker_of_what_is_repaired_is_not_its_owner(run: Run, text: str, roles: dict[str, str]) -> None:
    assert [dict(e.roles) for e in _of(run, text, "maintenance")] == [roles]


@pytest.mark.parametrize("text,roles", [
    ("Norway announced sanctions against Belarus that include a ban on exports of military goods.",
     {"actor": "NOR", "target": "BLR"}),
    ("Seoul unveiled a package of measures against Moscow which covers a ban on exports of drones.",
     {"actor": "KOR", "target": "RUS"}),
])
def test_an_export_ban_in_sanctions_targets_the_sanctioned(run: Run, text: str, roles: dict[str, str]) -> None:
    assert [dict(e.roles) for e in _of(run, text, "export_control")] == [roles]


def test_acts_in_an_in_addition_to_phrase_take_no_part(run: Run) -> None:
    events = run("In addition to its defence pacts with Seoul, Baghdad has signed deals with Washington to buy "
                 "tanks.").events
    assert [(e.type, dict(e.roles)) for e in events] == [("arms_transfer", {"supplier": "USA", "recipient": "IRQ"})]


@pytest.mark.parametrize("text", [
    "Laos thanked Beijing for its assistance in building military barracks.",
    "Laos expressed gratitude to Beijing for its assistance with modernising military facilities.",
])
def test_help_with_bases_is_no_arms_transfer(run: Run, text: str) -> None:
    assert run(text).events == ()


def test_military_aid_is_still_an_arms_transfer(run: Run) -> None:
    events = _of(run, "Washington approved $300 million in military aid to Kyiv.", "arms_transfer")
    assert [dict(e.roles) for e in events] == [{"supplier": "USA", "recipient": "UKR"}]


@pytest.mark.parametrize("text", [
    "The ministers from Oman and Iran reviewed regional developments.",
    "Poland wants to end its dependence on imports of US missiles.",
    "Half of Norway's defence budget is spent on Norwegian firms.",
])
def test_news_dependences_and_shares_of_a_budget_are_no_acts(run: Run, text: str) -> None:
    assert run(text).events == ()


@pytest.mark.parametrize("text,kind,parties,status", [
    ("Kenya and Ghana signed a maritime security pact on Monday. The signing came during talks among the defence "
     "chiefs of the two countries.", "meeting", ("GHA", "KEN"), "completed"),
    ("Peru and Chile agreed to share radar data. Officials said drills between the two navies would follow in May.",
     "exercise", ("CHL", "PER"), "planned"),
])
def test_the_two_countries_in_an_occasions_phrase_are_the_pair_just_named(run: Run, text: str, kind: str,
                                                                         parties: tuple[str, ...],
                                                                         status: str) -> None:
    assert [(e.participants, e.status) for e in _of(run, text, kind)] == [(parties, status)]


@pytest.mark.parametrize("text,kind,status", [
    ("Seoul is to dispatch commandos to Muscat in 2027 under an accord the two sides struck in June.",
     "force_posture", "agreed"),
    ("Kenya will send special forces to Oman next year under a pact to be signed in May.", "force_posture",
     "planned"),
    ("Kenya and Ghana will co-develop a patrol drone and then manufacture it, under a pact concluded in April.",
     "co_development", "agreed"),
    ("Kuwait bought two corvettes from Spain; under the existing contract Spain will also maintain the ships.",
     "maintenance", "agreed"),
    ("Uruguay will lift military outlays to 1.5% of GDP in 2027 under legislation passed by its senate in March.",
     "defense_spending", "agreed"),
])
def test_what_is_done_under_a_deal_or_law_made_is_agreed(run: Run, text: str, kind: str, status: str) -> None:
    assert [e.status for e in _of(run, text, kind)] == [status]


@pytest.mark.parametrize("text,status", [
    ("Japan will lift its ban on exporting radar parts to India from March, the ministry said.", "agreed"),
    ("The easing of Sweden's export rules for Gulf buyers, announced on Monday, applies from July.", "agreed"),
])
def test_a_rule_change_in_force_from_a_later_month_is_agreed(run: Run, text: str, status: str) -> None:
    assert [e.status for e in _of(run, text, "export_control")] == [status]


@pytest.mark.parametrize("text,kind,status", [
    ("Work on the joint development of a sonar by Spain and Chile began on Sunday.", "co_development", "ongoing"),
    ("The conclusion of the desert manoeuvres held by Egypt and Greece was declared on Friday.", "exercise",
     "completed"),
    ("The start of joint production of drones by Turkey and Qatar is set for May.", "co_production", "planned"),
    ("The launch of joint production of drones by Turkey and Qatar was celebrated in Ankara on Monday.",
     "co_production", "ongoing"),
])
def test_the_start_or_end_of_joint_work_named_by_a_noun(run: Run, text: str, kind: str, status: str) -> None:
    assert [e.status for e in _of(run, text, kind)] == [status]


@pytest.mark.parametrize("text,parties", [
    ("Kenya is hosting joint drills with the British army which began on Monday. The drills are attended by troops "
     "from five countries. They are Uganda, Tanzania, Rwanda, Britain and Kenya.", ("GBR", "KEN", "RWA", "TZA", "UGA")),
    ("Kenya is hosting joint drills with the British army which began on Monday. They are expected to end in May. "
     "Rwanda, Uganda and Tanzania also signed a trade pact.", ("GBR", "KEN")),
])
def test_a_list_of_members_after_an_exercise_joins_it(run: Run, text: str, parties: tuple[str, ...]) -> None:
    assert [e.participants for e in _of(run, text, "exercise")] == [parties]


@pytest.mark.parametrize("text,kind,parties", [
    ("The Omani navy signed a memorandum with European company MBDA for a coastal missile battery.", "arms_transfer",
     ("FRA", "OMN")),
    ("Oman signed an MoU with Thales on radar cooperation.", "agreement", ("FRA", "OMN")),
    ("Peru has offered Bolivia a memorandum on border security and training.", "agreement", ("BOL", "PER")),
])
def test_a_memorandum_with_a_firm_for_goods_is_their_purchase(run: Run, text: str, kind: str,
                                                              parties: tuple[str, ...]) -> None:
    assert [(e.type, e.participants) for e in run(text).events] == [(kind, parties)]


@pytest.mark.parametrize("text,parties", [
    ("Pakistan ordered eight Chinese submarines, four of which will be built in Karachi.", ("CHN", "PAK")),
    ("Egypt bought 100 Korean howitzers, 50 of which are being assembled in Egypt.", ("EGY", "KOR")),
])
def test_a_share_of_an_order_built_by_the_buyer_is_joint_production(run: Run, text: str,
                                                                    parties: tuple[str, ...]) -> None:
    assert [e.participants for e in _of(run, text, "co_production")] == [parties]
    assert [e.participants for e in _of(run, text, "arms_transfer")] == [parties]


def test_a_leader_arriving_abroad_is_a_visit(run: Run) -> None:
    events = run("Kenyan President William Ruto arrived in Tokyo on Monday.").events
    assert [(e.type, e.participants, e.status) for e in events] == [("meeting", ("JPN", "KEN"), "completed")]


@pytest.mark.parametrize("text,kind,roles", [
    ("The Kenyan president called on Ghana to raise defence spending.", "defense_spending", {}),
    ("Poland called on Germany to send more Patriot batteries to Ukraine.", "arms_transfer",
     {"supplier": "DEU", "recipient": "UKR"}),
])
def test_who_is_called_on_to_act_does_the_act(run: Run, text: str, kind: str, roles: dict[str, str]) -> None:
    events = _of(run, text, kind)
    assert [(dict(e.roles), e.status) for e in events] == [(roles, "proposed")]
    assert "KEN" not in events[0].participants and "POL" not in events[0].participants


def test_lawmakers_calling_on_their_own_government(run: Run) -> None:
    events = _of(run, "Danish MPs have called on the government to stop selling jet parts to Israel.",
                 "export_control")
    assert [(dict(e.roles), e.status) for e in events] == [({"actor": "DNK", "target": "ISR"}, "proposed")]


@pytest.mark.parametrize("text,roles", [
    ("Kenya signed a contract with Turkish firm Otokar to supply 40 armoured vehicles.",
     {"supplier": "TUR", "recipient": "KEN"}),
    ("Ghana inked a deal with Brazilian maker Embraer to provide five Super Tucano trainers.",
     {"supplier": "BRA", "recipient": "GHA"}),
])
def test_the_firm_a_deal_is_with_supplies_the_signer(run: Run, text: str, roles: dict[str, str]) -> None:
    assert [(dict(e.roles), e.status) for e in _of(run, text, "arms_transfer")] == [(roles, "agreed")]


def test_the_yard_a_memorandum_is_signed_with_supplies_the_signer(run: Run) -> None:
    text = "Qatar's coast guard signed an MoU with Turkey's Dearsan Shipyard to provide six fast patrol boats."
    assert [dict(e.roles) for e in _of(run, text, "arms_transfer")] == [{"supplier": "TUR", "recipient": "QAT"}]


def test_stocks_pooled_by_two_states_are_a_supply_chain(run: Run) -> None:
    text = "The pooling of artillery ammunition stocks by Finland and Sweden was approved by both cabinets on Monday."
    assert [(e.participants, e.status) for e in _of(run, text, "supply_chain")] == [(("FIN", "SWE"), "agreed")]


@pytest.mark.parametrize("text", [
    "Kenyan, British troops open desert drills near Nanyuki",
    "Kenyan and British troops opened joint desert drills near Nanyuki on Monday.",
])
def test_drills_opened_are_under_way(run: Run, text: str) -> None:
    assert [(e.participants, e.status) for e in _of(run, text, "exercise")] == [(("GBR", "KEN"), "ongoing")]


@pytest.mark.parametrize("text,roles", [
    ("Berlin relaxed its licensing of drone exports to NATO allies on Monday.", {"actor": "DEU"}),
    ("Germany will ease rules on arms exports to EU partners.", {"actor": "DEU"}),
    ("EU governments are set to approve an embargo on selling drones to Iran.", {"actor": "EU", "target": "IRN"}),
])
def test_a_blocs_members_are_not_the_bloc(run: Run, text: str, roles: dict[str, str]) -> None:
    assert [dict(e.roles) for e in _of(run, text, "export_control")] == [roles]


def test_a_stockpile_built_up_together_is_no_joint_production(run: Run) -> None:
    events = run("Norway and Denmark are together building up shared reserves of artillery shells.").events
    assert [(e.type, e.participants) for e in events] == [("supply_chain", ("DNK", "NOR"))]


@pytest.mark.parametrize("text,kind", [
    ("Oman and India are weighing a joint venture that would hoard and smelt nickel for their arms plants.",
     "supply_chain"),
    ("Chile and Korea formed a joint venture to process lithium.", "supply_chain"),
    ("Oman and India set up a joint venture to build drones.", "co_production"),
])
def test_a_joint_venture_for_minerals_is_a_supply_chain(run: Run, text: str, kind: str) -> None:
    assert [e.type for e in run(text).events] == [kind]


@pytest.mark.parametrize("text,roles", [
    ("Peru approved a request from Chile for ten armoured vehicles.", {"supplier": "PER", "recipient": "CHL"}),
    ("Ghana filed a request for Brazilian trainers.", {"supplier": "BRA", "recipient": "GHA"}),
    ("Kyiv sent a request to Washington for more Patriot missiles.", {"supplier": "USA", "recipient": "UKR"}),
])
def test_who_asks_for_goods_would_receive_them(run: Run, text: str, roles: dict[str, str]) -> None:
    assert [(dict(e.roles), e.type) for e in run(text).events] == [(roles, "arms_transfer")]


def test_a_request_to_station_forces_is_no_sale(run: Run) -> None:
    events = run("Tokyo is weighing a request from Manila to station Japanese patrol aircraft on Palawan.").events
    assert [(e.type, e.participants) for e in events] == [("force_posture", ("JPN", "PHL"))]


@pytest.mark.parametrize("text,expected", [
    ("Sweden and Colombia signed a defence deal on Monday.", [("agreement", ("COL", "SWE"), "agreed")]),
    ("A military deal between Rwanda and Qatar was sealed in Doha.", [("agreement", ("QAT", "RWA"), "agreed")]),
    ("Peru and Korea are expected to clinch a security deal next week.", [("agreement", ("KOR", "PER"), "planned")]),
    # the act the sentence tells, not a second one
    ("Canberra picked Japan to build its frigates, choosing a Japanese design over a German rival in the biggest "
     "defence deal the two have struck.", [("arms_transfer", ("AUS", "JPN"), "agreed")]),
])
def test_a_defence_deal_struck_between_states_is_an_agreement(
        run: Run, text: str, expected: list[tuple[str, tuple[str, ...], str]]) -> None:
    assert [(e.type, e.participants, e.status) for e in run(text).events] == expected


@pytest.mark.parametrize("text,parties", [
    ("Spain hopes to sell trainer jets to the South American nation.", set()),
    ("Leaders of Latin American states met EU officials on Monday.", set()),
    ("Kenya bought two American helicopters.", {"KEN", "USA"}),
])
def test_a_region_of_the_americas_is_not_the_united_states(run: Run, text: str, parties: set[str]) -> None:
    found = run(text)
    assert {p for e in found.events for p in e.participants} == parties
    assert ("USA" in {m.label for m in found.party_mentions}) == ("USA" in parties)


@pytest.mark.parametrize("text,parties", [
    ("Canadian Prime Minister Mark Carney discussed the radar purchase with Australian Prime Minister Anthony "
     "Albanese.", ("AUS", "CAN")),
    ("Canadian Prime Minister Mark Carney said he had discussed the order by phone with Australian Prime Minister "
     "Anthony Albanese.", ("AUS", "CAN")),
    ("The Brazilian president talked over defence ties on the phone with French President Emmanuel Macron.",
     ("BRA", "FRA")),
    ("Kenyan President William Ruto said he had talked with Turkish President Recep Tayyip Erdogan about drones.",
     ("KEN", "TUR")),
])
def test_who_talks_a_topic_over_with_an_official_meets_them(model_run: Run, text: str,
                                                          parties: tuple[str, ...]) -> None:
    assert [e.participants for e in model_run(text).events if e.type == "meeting"] == [parties]


@pytest.mark.parametrize("text,expected", [
    ("The Korean defence minister's trip to Japan was the first in ten years.", ("JPN", "KOR", "completed")),
    ("Korean Defence Minister Ahn Gyu-back made a two-day trip to Tokyo.", ("JPN", "KOR", "completed")),
    ("A trip to Hanoi by the Indian foreign minister is planned for June.", ("IND", "VNM", "planned")),
    ("Last week the Kenyan army chief made his first trip to Egypt.", ("EGY", "KEN", "completed")),
])
def test_an_official_s_trip_abroad_is_a_meeting(model_run: Run, text: str, expected: tuple[str, str, str]) -> None:
    assert [(*e.participants, e.status) for e in model_run(text).events if e.type == "meeting"] == [expected]


@pytest.mark.parametrize("text", [
    "Thousands of Chinese tourists made the trip to Japan this year.",
    "The French minister's planned trip to India was put off.",
    "Kenya put off the purchase of Turkish drones until next year.",
])
def test_a_trip_by_no_official_or_one_put_off_is_no_event(model_run: Run, text: str) -> None:
    assert model_run(text).events == ()


@pytest.mark.parametrize("text,expected", [
    ("Britain on Friday handed the remaining British camp in Kenya over to the Kenyan army.",
     ("GBR", "KEN", "completed")),
    ("France vacated its air base in Niamey in December.", ("FRA", "NER", "completed")),
    ("The Turkish army will expand its training camp in Somalia.", ("SOM", "TUR", "planned")),
    ("Rwandan troops will remain in the Central African Republic.", ("CAF", "RWA", "ongoing")),
    ("The US rocket battery will stay in the Philippines once the exercise is over.", ("PHL", "USA", "ongoing")),
    ("Japan will rotate fighter jets through an air base in the Philippines.", ("JPN", "PHL", "planned")),
])
def test_bases_handed_over_kept_or_used_and_forces_that_stay_are_posture(run: Run, text: str,
                                                                         expected: tuple[str, str, str]) -> None:
    assert [(*e.participants, e.status) for e in run(text).events] == [expected]


@pytest.mark.parametrize("text", [
    "Ukraine will remain a priority for Germany.",
    "Kenya will stay in the programme with Italy.",
    "China shipped graphite to American buyers.",
    "Germany handed over the chairmanship of the group to Poland.",
])
def test_no_forces_no_base_no_goods_no_event(run: Run, text: str) -> None:
    assert run(text).events == ()


def test_a_leader_who_has_landed_and_is_in_talks_is_there_now(model_run: Run) -> None:
    text = "French President Emmanuel Macron has landed in Muscat and is in talks with the Omani sultan."
    events = model_run(text).events
    assert [(e.type, e.participants, e.status) for e in events] == [("meeting", ("FRA", "OMN"), "ongoing")]


@pytest.mark.parametrize("text,supplier,recipient", [
    ("The Swedish howitzers ordered by Croatia are arriving in stages.", "SWE", "HRV"),
    ("Israeli drones purchased by Morocco were shown at the parade.", "ISR", "MAR"),
    ("Qatar placed an order for 12 Typhoons with Britain's BAE Systems.", "GBR", "QAT"),
    ("Peru signed a contract for four frigates with Korea's Hyundai Heavy Industries.", "KOR", "PER"),
    ("Nigeria ordered two landing craft from France.", "FRA", "NGA"),
])
def test_the_maker_of_the_thing_and_the_partner_after_the_goods_supply(run: Run, text: str, supplier: str,
                                                                       recipient: str) -> None:
    assert [dict(e.roles) for e in _of(run, text, "arms_transfer")] == [{"supplier": supplier,
                                                                         "recipient": recipient}]


@pytest.mark.parametrize("text,meetings", [
    ("The admiral spoke of Ghana's contract with Spanish yard Navantia.", []),
    ("The Indian minister talked with the French minister about the deal.", [("FRA", "IND")]),
])
def test_what_is_talked_of_takes_no_part_in_the_talk(run: Run, text: str, meetings: list[tuple[str, ...]]) -> None:
    assert [e.participants for e in _of(run, text, "meeting")] == meetings


@pytest.mark.parametrize("text,status", [
    ("Spain approved the purchase of 45 Turkish jet trainers. Final assembly will take place in Seville.", "agreed"),
    ("Canberra chose the Japanese design for its frigates. Japan will deliver the first two warships, with the rest "
     "built at a yard in Western Australia.", "agreed"),
    ("Brazil ordered 36 Swedish Gripen fighters. Twelve of those fighters are now being assembled at an Embraer "
     "plant in Brazil.", "ongoing"),
    ("Indonesia signed for 48 fighters from Turkish Aerospace. The firm said part of the production would move to "
     "Indonesia.", "agreed"),
])
def test_the_buyer_making_what_it_bought_at_home_is_joint_production(model_run: Run, text: str, status: str) -> None:
    assert [(len(e.participants), e.status) for e in _of(model_run, text, "co_production")] == [(2, status)]


@pytest.mark.parametrize("text", [
    "Poland bought 96 Apache helicopters from the US. The helicopters will be based in Inowroclaw.",
    "India bought two Russian frigates. Both were built in Kaliningrad.",
    "Embraer's sale of ten transport planes to Kenya, announced in Nairobi, makes it the type's first African buyer.",
])
def test_goods_based_or_made_by_the_seller_are_no_joint_production(model_run: Run, text: str) -> None:
    assert _of(model_run, text, "co_production") == []


@pytest.mark.parametrize("text,expected", [
    ("EU ministers agreed to send a further 5 billion euros in military aid to Ukraine.", [("arms_transfer", 2)]),
    ("Canada will deploy military trainers to Latvia.", [("force_posture", 2)]),
    ("France will send army engineers to Romania.", [("force_posture", 2)]),
])
def test_a_service_s_name_on_aid_makes_no_force(run: Run, text: str, expected: list[tuple[str, int]]) -> None:
    assert [(e.type, len(e.participants)) for e in run(text).events] == expected


@pytest.mark.parametrize("text,supplier,recipient", [
    ("Hanoi sealed a contract with Seoul for the transfer of decommissioned Korean corvettes.", "KOR", "VNM"),
    ("Peru signed a contract with Seoul for the delivery of Korean frigates.", "KOR", "PER"),
    ("Kenya signed a deal for the purchase of Turkish drones.", "TUR", "KEN"),
])
def test_the_maker_of_the_goods_a_deal_is_for_supplies_them(run: Run, text: str, supplier: str,
                                                            recipient: str) -> None:
    assert [dict(e.roles) for e in _of(run, text, "arms_transfer")] == [{"supplier": supplier,
                                                                         "recipient": recipient}]


def test_a_capital_s_namesake_in_another_state_is_a_town_there(run: Run) -> None:
    found = run("Rheinmetall will build a powder plant at Victoria in central Romania.")
    assert "SYC" not in {m.label for m in found.party_mentions}


@pytest.mark.parametrize("text,expected", [
    ("Vietnamese and Indian ministers met in Hanoi. Both ministers also discussed Chinese patrols around the "
     "contested reefs.", [("meeting", ("IND", "VNM"))]),
    ("Morocco is in talks with Turkey's Baykar to build drones at a plant near Rabat.", []),
    ("Egypt held talks with South Korea's defence minister in Cairo.", [("meeting", ("EGY", "KOR"))]),
    ("After two years of talks, Manila signed a deal with Tokyo for six Japanese radars.",
     [("arms_transfer", ("JPN", "PHL"))]),
    ("Two rounds of talks between Indian and Chinese generals took place in Ladakh.", [("meeting", ("CHN", "IND"))]),
    ("Kenya's defence secretary spoke after three days of talks with his Ethiopian counterpart in Addis Ababa.",
     [("meeting", ("ETH", "KEN"))]),
])
def test_who_meets_is_neither_the_topic_nor_a_firm_s_home_nor_the_length_of_a_negotiation(
        model_run: Run, text: str, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    assert [(e.type, e.participants) for e in model_run(text).events if e.type in {"meeting", "arms_transfer"}] == \
        expected


@pytest.mark.parametrize("text,status", [
    ("The delivery of the last of 16 Rafales to Croatia on Friday ended the programme.", "completed"),
    ("Dassault handed one more Rafale to Croatia on Monday, taking deliveries to 9 of the 12 ordered.", "ongoing"),
    ("Germany has delivered another air defence system to Ukraine.", "completed"),
    ("Somalia has received helicopters from Turkey, its first armed helicopters.", "completed"),
    ("Nigeria will receive the first of 24 trainer jets from Italy before December.", "agreed"),
    ("Qatar is to buy ten trainer aircraft from Italy, with an option on 20 more.", "agreed"),
    ("Peru could buy six radars from Spain, with options for four more.", "proposed"),
])
def test_the_stage_of_a_delivery_from_its_share_of_the_order(run: Run, text: str, status: str) -> None:
    assert [e.status for e in _of(run, text, "arms_transfer")] == [status]


@pytest.mark.parametrize("text,expected", [
    ("Romania is making big purchases of armoured vehicles from Germany.", [("arms_transfer", ("DEU", "ROU"))]),
    ("Nigeria made an offer to buy six Italian trainers.", [("arms_transfer", ("ITA", "NGA"))]),
    ("India and Russia will make the rifles together at a plant in Amethi.", [("co_production", ("IND", "RUS"))]),
])
def test_making_a_purchase_or_an_offer_is_no_production(run: Run, text: str,
                                                        expected: list[tuple[str, tuple[str, ...]]]) -> None:
    assert [(e.type, e.participants) for e in run(text).events] == expected


@pytest.mark.parametrize("text", [
    "The Egyptian accord also covers contracts for missile maker MBDA and engine maker Safran.",
    "Kenya's package includes a contract for Turkish drone maker Baykar.",
])
def test_a_contract_for_a_firm_makes_it_no_buyer(run: Run, text: str) -> None:
    assert all(dict(e.roles).get("recipient") not in {"FRA", "TUR"} for e in _of(run, text, "arms_transfer"))


@pytest.mark.parametrize("text,parties,status", [
    ("Spanish, Moroccan and Portuguese troops wrapped up the yearly Atlas exercise near Cadiz on Sunday.",
     ("ESP", "MAR", "PRT"), "completed"),
    ("Indian and French navies began the biennial Varuna exercise off Goa.", ("FRA", "IND"), "ongoing"),
    ("The sea exercise ended on Friday after ten days of drills by vessels from Ecuador, Colombia and Brazil.",
     ("BRA", "COL", "ECU"), "completed"),
    ("Troops from Kenya and Uganda took part in the drills.", ("KEN", "UGA"), "completed"),
])
def test_who_drills_from_a_listed_nationality_or_an_origin(run: Run, text: str, parties: tuple[str, ...],
                                                           status: str) -> None:
    assert [(e.participants, e.status) for e in _of(run, text, "exercise")] == [(parties, status)]


@pytest.mark.parametrize("text,roles", [
    ("Czech repair plants are overhauling the helicopters that Ukraine's army pulled back from the front.",
     {"provider": "CZE", "owner": "UKR"}),
    ("Polish workshops repair the tanks that Ukraine sends across the border.", {"provider": "POL", "owner": "UKR"}),
    ("The Peruvian frigate has sailed back to Callao after a major overhaul done by Italy's Fincantieri in Genoa.",
     {"provider": "ITA", "owner": "PER"}),
    ("The Indian frigate sailed home after a refit in Russia.", {"provider": "RUS", "owner": "IND"}),
])
def test_whose_gear_is_repaired_from_a_relative_clause_or_the_verb_after_the_repair(
        run: Run, text: str, roles: dict[str, str]) -> None:
    assert [dict(e.roles) for e in _of(run, text, "maintenance")] == [roles]


@pytest.mark.parametrize("text,expected", [
    ("Rome and Paris failed to end a row over costs, but decided to co-develop a new radar.",
     [("co_development", ("FRA", "ITA"), "agreed")]),
    ("India rejected the Russian offer but agreed to buy French jets.", [("arms_transfer", ("FRA", "IND"), "agreed")]),
    ("Seoul did not sign or ratify the deal with Warsaw for tanks.", []),
])
def test_a_contrasted_conjunct_keeps_its_own_stage(
        run: Run, text: str, expected: list[tuple[str, tuple[str, ...], str]]) -> None:
    assert [(e.type, e.participants, e.status) for e in run(text).events] == expected


@pytest.mark.parametrize("text,expected", [
    ("India, France and the UAE met in Abu Dhabi. The three nations will next develop a new family of drones.",
     ("ARE", "FRA", "IND")),
    ("Japan and India agreed on a plan. The two countries will build the drones.", ("IND", "JPN")),
])
def test_the_countries_counted_as_the_doers_make_it_joint(run: Run, text: str, expected: tuple[str, ...]) -> None:
    assert [e.participants for e in run(text).events if e.type in {"co_development", "co_production"}] == [expected]


def test_the_first_three_ships_are_no_three_parties(run: Run) -> None:
    events = run("Canberra chose a Japanese design. The first four warships will be built in Japan.").events
    assert [e for e in events if e.type == "co_production"] == []


@pytest.mark.parametrize("text,roles", [
    ("Austria's parliament voted to ease its ban on re-exporting Austrian-made rifles.", {"actor": "AUT"}),
    ("Berlin lifted its ban on the re-export of German tanks to Ukraine.", {"actor": "DEU", "target": "UKR"}),
    ("A majority in the Belgian senate urged a ban on arms exports to Israel.", {"actor": "BEL", "target": "ISR"}),
])
def test_re_exports_and_a_body_speaking_through_its_majority(run: Run, text: str, roles: dict[str, str]) -> None:
    assert [dict(e.roles) for e in _of(run, text, "export_control")] == [roles]


@pytest.mark.parametrize("text,parties", [
    ("Norway and the European Union began negotiations on a defence partnership.", ("EU", "NOR")),
    ("Japan and India are negotiating over a strategic partnership.", ("IND", "JPN")),
])
def test_a_pact_under_negotiation_is_a_proposed_agreement(run: Run, text: str, parties: tuple[str, ...]) -> None:
    assert [(e.participants, e.status) for e in _of(run, text, "agreement")] == [(parties, "proposed")]


@pytest.mark.parametrize("text,expected", [
    ("Pakistan and Turkey finalised a defence accord on Monday, involving the purchase of the Kaan, Turkey's new "
     "fighter.", [("arms_transfer", {"supplier": "TUR", "recipient": "PAK"}, "agreed")]),
    ("Kenya signed a pact with Turkey, including the purchase of six drones.",
     [("arms_transfer", {"supplier": "TUR", "recipient": "KEN"}, "agreed")]),
])
def test_what_a_deal_takes_in_is_part_of_what_was_signed(run: Run, text: str,
                                                         expected: list[tuple[str, dict[str, str], str]]) -> None:
    assert [(e.type, dict(e.roles), e.status) for e in run(text).events] == expected


@pytest.mark.parametrize("text,roles", [
    ("According to a Polish newspaper, South Africa's arms control committee (NCACC) suspended the approval of an "
     "export of shells to Poland.", {"actor": "ZAF", "target": "POL"}),
])
def test_the_source_of_a_report_is_no_actor(model_run: Run, text: str, roles: dict[str, str]) -> None:
    assert [dict(e.roles) for e in _of(model_run, text, "export_control")] == [roles]


@pytest.mark.parametrize("text,parties", [
    ("The rounds were to come from the Hungarian company Rheinmetall Hungary.", {"HUN"}),
    ("Poland ordered tanks from the South Korean firm Hyundai Rotem.", {"KOR", "POL"}),
])
def test_a_firm_introduced_with_its_nationality_is_of_that_state(model_run: Run, text: str,
                                                                 parties: set[str]) -> None:
    assert {m.label for m in model_run(text).party_mentions} == parties


@pytest.mark.parametrize("text,status", [
    ("Germany's TKMS has handed over a frigate to the Egyptian Navy, marking the third of four it ordered.",
     "ongoing"),
    ("Germany handed over the fourth of four frigates to Egypt.", "completed"),
    ("Korea delivered the second of 12 jets to Poland.", "ongoing"),
])
def test_a_delivery_named_by_its_rank_in_the_order(run: Run, text: str, status: str) -> None:
    assert [e.status for e in _of(run, text, "arms_transfer")] == [status]


@pytest.mark.parametrize("text,meetings", [
    ("Talks with the French firm started after a meeting between Marc Durand, a director at Thales, and Kenya's "
     "army chief in Nairobi.", []),
    ("Talks between Italian and Nigerian ministers took place in Abuja.", [("ITA", "NGA")]),
])
def test_a_firm_on_one_side_of_a_meeting_makes_no_meeting_of_states(model_run: Run, text: str,
                                                                    meetings: list[tuple[str, ...]]) -> None:
    assert [e.participants for e in _of(model_run, text, "meeting")] == meetings


@pytest.mark.parametrize("text,kind,status", [
    ("Japan and Kazakhstan inked a pact on Monday to prospect for uranium, during a visit by the Japanese premier to "
     "Astana.", "meeting", "completed"),
    ("Japan and India will sign a pact to study drones during a visit by the Indian premier next week.", "meeting",
     "planned"),
    ("The refit of two Malaysian submarines by France's Naval Group is expected to finish in 2026.", "maintenance",
     "ongoing"),
    ("The drills between India and Egypt will end on Sunday.", "exercise", "ongoing"),
    ("Latvia has received its first air defence battery from Germany.", "arms_transfer", "ongoing"),
])
def test_the_stage_of_a_visit_during_a_signing_and_of_work_due_to_finish(model_run: Run, text: str, kind: str,
                                                                         status: str) -> None:
    assert [e.status for e in _of(model_run, text, kind)] == [status]


@pytest.mark.parametrize("text,parties", [
    ("More than 40 nations, including Japan, Australia and France, are taking part in the exercise, which is hosted "
     "by the US.", ("AUS", "FRA", "JPN", "USA")),
    ("Japan joined the US-Philippine Balikatan drills for the first time as a full participant.",
     ("JPN", "PHL", "USA")),
])
def test_the_host_of_drills_and_who_joins_them_take_part(run: Run, text: str, parties: tuple[str, ...]) -> None:
    assert [e.participants for e in _of(run, text, "exercise")] == [parties]


@pytest.mark.parametrize("text,parties,status", [
    ("In a phone call on Tuesday, Turkish President Recep Tayyip Erdogan told Russian President Vladimir Putin "
     "that Turkey would stay out of the sanctions.", ("RUS", "TUR"), "completed"),
    ("US Defense Secretary Lloyd Austin will travel to Japan next week.", ("JPN", "USA"), "planned"),
    ("German Chancellor Friedrich Merz flew to Warsaw on Monday for talks with Donald Tusk.", ("DEU", "POL"),
     "completed"),
])
def test_a_call_told_to_an_official_and_an_official_s_journey_are_meetings(
        model_run: Run, text: str, parties: tuple[str, ...], status: str) -> None:
    assert [(e.participants, e.status) for e in _of(model_run, text, "meeting")] == [(parties, status)]


@pytest.mark.parametrize("text", [
    "Erdogan said in a phone call that Turkey would buy more jets.",
    "Indian fighter jets flew to Egypt on Monday.",
])
def test_a_call_with_no_one_named_and_jets_flying_are_no_meeting(model_run: Run, text: str) -> None:
    assert _of(model_run, text, "meeting") == []


@pytest.mark.parametrize("text,expected", [
    ("Abuja has signed a deal with Izmir's Aegean Yard for two fast patrol craft.",
     ("arms_transfer", ("NGA", "TUR"))),
    ("Laos and Russia signed a paper on the joint assembling of armoured vehicles.", ("co_production", ("LAO", "RUS"))),
    ("Poland and Korea agreed on the licensed producing of howitzers.", ("co_production", ("KOR", "POL"))),
])
def test_a_city_s_firm_and_a_gerund_read_as_a_noun(model_run: Run, text: str,
                                                   expected: tuple[str, tuple[str, ...]]) -> None:
    assert [(e.type, e.participants) for e in model_run(text).events] == [expected]


@pytest.mark.parametrize("text,expected", [
    ("Japan To Export Patriot Missiles To US After Rule Change", ("arms_transfer", ("JPN", "USA"))),
    ("Germany Approves Sale Of Eurofighters To Saudi Arabia", ("arms_transfer", ("DEU", "SAU"))),
    ("India, France Hold Joint Naval Exercise Varuna Off Goa", ("exercise", ("FRA", "IND"))),
    ("Spain Buys 45 Hurjet Trainers From Turkey", ("arms_transfer", ("ESP", "TUR"))),
])
def test_a_headline_in_title_case_is_read_as_a_sentence(model_run: Run, text: str,
                                                        expected: tuple[str, tuple[str, ...]]) -> None:
    events = model_run(text).events
    assert [(e.type, e.participants) for e in events] == [expected]
    assert all(e.item in text for e in events)  # the item as written, capitals and all


def test_a_headline_s_bare_participle_before_to_is_passive(run: Run) -> None:
    events = run("British frigates sold to Brazil in deal kept quiet by officials").events
    assert [(e.type, dict(e.roles)) for e in events] == [("arms_transfer", {"supplier": "GBR", "recipient": "BRA"})]


@pytest.mark.parametrize("text,status", [
    ("Chile sailed the retired Australian frigates home after buying them.", "agreed"),
    ("Kenya inspected the Turkish drones and then bought them.", "agreed"),
    ("Poland tested the Korean tanks last year and ordered them in July.", "agreed"),
])
def test_a_pronoun_bought_stands_for_the_gear_named_before(run: Run, text: str, status: str) -> None:
    events = _of(run, text, "arms_transfer")
    assert [(len(e.participants), e.status) for e in events] == [(2, status)]
    assert all(dict(e.roles)["supplier"] != dict(e.roles)["recipient"] for e in events)


@pytest.mark.parametrize("text,expected", [
    ("Greece bought rocket launchers from Israel. The deal also covers the construction of parts in Greece.",
     [("co_production", ("GRC", "ISR"), "agreed")]),
    ("Greece bought rocket launchers from Israel. The deal also covers the construction of barracks in Greece.", []),
])
def test_parts_built_at_home_under_a_purchase_are_joint_production(
        run: Run, text: str, expected: list[tuple[str, tuple[str, ...], str]]) -> None:
    assert [(e.type, e.participants, e.status) for e in _of(run, text, "co_production")] == expected


@pytest.mark.parametrize("text", [
    "Ottawa will choose a submarine builder in 2026, with Korea and Germany in the running.",
    "Britain and France are in the running to sell frigates to Norway.",
    "Korea is in the race to supply submarines to Canada.",
])
def test_contenders_in_the_running_are_no_suppliers(run: Run, text: str) -> None:
    assert _of(run, text, "arms_transfer") == []


def test_a_programme_in_the_plural_names_its_supplier(run: Run) -> None:
    events = run("The delivery of 16 Gripens to Hungary ended on Friday.").events
    assert [dict(e.roles) for e in events] == [{"supplier": "SWE", "recipient": "HUN"}]


def test_an_offer_that_remains_is_no_force_that_stays(run: Run) -> None:
    events = run("Washington's offer of fighter jets to Hanoi remains on the table, officials said.").events
    assert [e.type for e in events] == ["arms_transfer"]


@pytest.mark.parametrize("text,expected", [
    ("Brazil's Embraer has offered to build the airlifter in India if the Indian Air Force picks it for its tender.",
     []),
    ("India is weighing whether to buy French jets.", [("FRA", "IND")]),
])
def test_an_offer_on_a_condition_makes_no_choice_but_weighing_whether_is_a_proposal(
        run: Run, text: str, expected: list[tuple[str, ...]]) -> None:
    assert [e.participants for e in _of(run, text, "arms_transfer")] == expected

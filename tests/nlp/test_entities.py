"""Recognition and resolution of entities in sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from allywatch.model import Article, Extraction
from allywatch.pipeline import Pipeline

Run = Callable[..., Extraction]


def _names(extraction: Extraction, kind: str) -> list[str]:
    return [e.name for e in extraction.entities if e.type == kind]


def test_parties_from_names_demonyms_capitals_and_leaders(run: Run) -> None:
    found = run("Tokyo and Washington agreed on Friday, the Japanese and U.S. governments said. "
                "Britain's role was welcomed by Seoul.")
    assert set(_names(found, "country")) >= {"JPN", "USA", "GBR", "KOR"}


def test_capital_after_a_preposition_is_a_place(run: Run) -> None:
    found = run("The ministers met in Tokyo. Tokyo and Beijing traded accusations.")
    assert "Tokyo" in _names(found, "location")
    assert {"JPN", "CHN"} <= set(_names(found, "country"))


def test_blocs_are_organisations(run: Run) -> None:
    found = run("The EU and NATO officials met Japanese industry leaders.")
    assert {"European Union", "NATO"} <= set(_names(found, "org"))


def test_misspelled_minister_resolves_to_the_office_holder_of_the_time(run: Run) -> None:
    text = ("The agreement came after a meeting between Japanese Defense Minister Shingo Kiyozumi and his U.S. "
            "counterpart Pete Hegseth in Washington. Japanese Prime Minister Sanae Takaiichi said so in November.")
    found = run(text, published=None)
    people = {e.name: e for e in found.entities if e.type == "person"}
    assert {"Shinjiro Koizumi", "Pete Hegseth", "Sanae Takaichi"} <= set(people)
    assert [m.text for m in people["Shinjiro Koizumi"].mentions] == ["Shingo Kiyozumi"]


def test_misspelled_name_without_title_needs_a_close_match(run: Run) -> None:
    found = run("Philippine President Ferdinando Marcos Jr. will attend.", published="2024-04-06")
    assert "Ferdinand Marcos Jr." in _names(found, "person")


def test_short_mentions_join_the_full_name(run: Run) -> None:
    found = run("Prime Minister Fumio Kishida spoke on Friday. Later, Kishida said more.", published="2024-04-06")
    [kishida] = [e for e in found.entities if e.name == "Fumio Kishida"]
    assert len(kishida.mentions) == 2


def test_near_namesakes_do_not_merge(run: Run) -> None:
    text = ("Defence Minister Rajnath Singh signed the deal in the presence of Defence Secretary "
            "Rajesh Kumar Singh.")
    people = set(_names(run(text, published="2025-04-28"), "person"))
    assert "Rajnath Singh" in people
    assert "Rajesh Kumar Singh" in people


def test_unknown_name_after_a_title_is_kept_as_written(run: Run) -> None:
    found = run("Polish Armament Agency head Zbigniew Nowakowski and Defence Minister Jan Examplewicz spoke.",
                published="2025-08-01")
    assert "Jan Examplewicz" in _names(found, "person")


def test_model_finds_unknown_organisations_and_people(model_pipeline: Pipeline) -> None:
    text = "Quantaria Robotics Inc. won a contract from the Polish army, chief executive Maria Kowalczyk said."
    found = model_pipeline(Article(doc="t", text=text, published="2025-08-01"))
    assert "Maria Kowalczyk" in _names(found, "person")
    assert any("Quantaria" in name for name in _names(found, "org"))


def test_a_title_inside_a_model_span_is_not_part_of_the_name(model_pipeline: Pipeline) -> None:
    text = "Australia's defence budget will rise to A$59 billion, Treasurer Jim Chalmers said last month."
    found = model_pipeline(Article(doc="t", text=text, published="2025-10-21"))
    assert "Jim Chalmers" in _names(found, "person")
    assert not [n for n in _names(found, "person") if n.startswith("Treasurer")]


def test_a_long_article_is_read_in_pieces_with_offsets_intact(model_pipeline: Pipeline) -> None:
    paragraph = ("Quantaria Robotics Inc. won a contract from the Polish army, chief executive Maria Kowalczyk said "
                 "on Monday in Warsaw.")
    text = "\n\n".join(f"{paragraph} Update {i}." for i in range(400))  # about 50,000 characters
    found = model_pipeline(Article(doc="long", text=text, published="2025-08-01"))
    for entity in found.entities:
        for mention in entity.mentions:
            assert text[mention.start:mention.end] == mention.text
    [person] = [e for e in found.entities if e.name == "Maria Kowalczyk"]
    assert len(person.mentions) == 400


def test_the_model_reads_only_sentences_with_a_capitalised_word_nothing_known_covers() -> None:
    from allywatch.kb.loader import KnowledgeBase
    from allywatch.nlp.entities import EntityResources, _needs_model, _Spans

    matcher = EntityResources.build(KnowledgeBase.load(), None).matcher
    cases = {
        "The talks in Tokyo between Japan and the Philippines ended on Monday.": False,
        "But officials said the frigates would arrive in March.": False,
        "Chief executive Maria Kowalczyk said the deal was done.": True,
        "Quantaria Robotics will build the drones for Poland.": True,
        "the army expects more rockets next year.": False,
    }
    for text, wanted in cases.items():
        taken = _Spans((m.start, m.end) for m, _ in matcher.find(text))
        assert _needs_model(text, 0, len(text), taken) is wanted, text


def test_skipping_sentences_loses_no_name_the_whole_text_gives(model_pipeline: Pipeline) -> None:
    from allywatch.nlp import entities

    text = ("Japan and Australia held talks in Tokyo on Monday. The ministers agreed to deepen ties.\n\n"
            "Chief executive Maria Kowalczyk of Quantaria Robotics said the drones would ship in May. "
            "But the army did not comment.\n\nDefence analyst Tomasz Wierzbicki called the order modest.")
    article = Article(doc="t", text=text, published="2025-08-01")
    selected = model_pipeline(article)
    keep = entities._needs_model
    try:
        entities._needs_model = lambda *_: True  # type: ignore[assignment]
        whole = model_pipeline(article)
    finally:
        entities._needs_model = keep
    names = {(e.type, e.name) for e in selected.entities}
    assert names == {(e.type, e.name) for e in whole.entities}
    assert {("person", "Maria Kowalczyk"), ("person", "Tomasz Wierzbicki")} <= names


def test_an_address_is_no_name(model_pipeline: Pipeline) -> None:
    text = "Seoul Security Desk security@seoulsecuritytimes.example"
    found = model_pipeline(Article(doc="t", text=text, published="2025-08-01"))
    assert not [e.name for e in found.entities if "@" in e.name]


def test_a_country_before_a_comma_is_not_the_titled_persons_country(run: Run) -> None:
    found = run("The tanks were shipped to Estonia, Prime Minister Jonas Examplesen told parliament on Monday.",
                published="2025-08-01")
    assert [m.label for m in found.party_mentions] == ["EST"]
    found = run("Estonian Prime Minister Jonas Examplesen told parliament the tanks had arrived.",
                published="2025-08-01")
    assert [m.label for m in found.party_mentions] == ["EST", "EST"]


def test_a_capital_opening_a_headline_is_a_party_not_a_dateline(run: Run) -> None:
    found = run("Madrid, Ankara to hold defence industry talks next month")
    assert [m.label for m in found.party_mentions] == ["ESP", "TUR"]
    found = run("MADRID, March 3 — Spain and Turkey held talks.")
    assert [m.label for m in found.party_mentions] == ["ESP", "TUR"]


def test_a_titled_official_named_again_by_surname_acts_for_the_state(run: Run) -> None:
    text = ("Chancellor Friedrich Merz flew to Vilnius on Thursday to meet Lithuanian President Gitanas Nausėda. "
            "Merz and Nausėda then held talks.")
    result = run(text)
    second = text.index("Nausėda.") + len("Nausėda. ")
    later = {m.label for m in result.party_mentions if m.start >= second}
    assert later == {"DEU", "LTU"}
    [meeting] = [e for e in result.events if e.type == "meeting"]
    assert meeting.participants == ("DEU", "LTU")
    assert any(span.start >= second for span in meeting.evidence)  # the talks of the second sentence too


def test_a_bare_surname_after_an_unknown_full_name_is_that_person(model_pipeline: Pipeline) -> None:
    text = 'Prime Minister Andrej Babiš spoke in Prague on Monday. "No funds of citizens will go to it," Babiš said.'
    found = model_pipeline(Article(doc="t", text=text, published="2025-12-01"))
    assert _names(found, "person") == ["Andrej Babiš"]
    assert [q.speaker for q in found.quotes] == ["Andrej Babiš"]


def test_transliterated_and_family_name_first_spellings(model_pipeline: Pipeline) -> None:
    text = "Ukraine's prime minister Shmigal met Treasury Secretary Besent in Washington."
    found = model_pipeline(Article(doc="t", text=text, published="2025-05-01"))
    assert {"Denys Shmyhal", "Scott Bessent"} <= set(_names(found, "person"))
    text = "Ambassador ENDO Kazuya attended the ceremony."
    found = model_pipeline(Article(doc="t", text=text, published="2024-06-01"))
    assert "Kazuya Endo" in _names(found, "person")


def test_a_sound_alike_needs_to_sound_nearly_the_same(run: Run) -> None:
    found = run("Defence Minister Jan Examplewicz spoke.", published="2025-08-01")
    assert _names(found, "person") == ["Jan Examplewicz"]


@pytest.fixture
def model_run(model_pipeline: Pipeline) -> Run:
    return lambda text, published="2025-05-22": model_pipeline(Article(doc="t", text=text, published=published))


def _mentions(found: Extraction, name: str) -> list[str]:
    return [m.text for e in found.entities if e.type == "person" and e.name == name for m in e.mentions]


def test_korean_names_in_another_romanisation_resolve_whole(model_run: Run) -> None:
    found = model_run("Procurement chief Suk Jong-keon flew to Warsaw to sign the howitzer order.",
                      published="2024-06-01")
    assert "Seok Jong-gun" in _names(found, "person")
    found = model_run("A letter from Gang Eun-ho, then the procurement administrator, reached Cairo.",
                      published="2021-06-01")
    assert "Kang Eun-ho" in _names(found, "person")
    # a Korean name no record has keeps its own spelling, whoever else shares its family name
    found = model_run("Kang Min-seo, who heads a parts maker, met buyers in Manila.", published="2024-06-01")
    assert "Kang Min-seo" not in {p for p in _names(found, "person") if p != "Kang Min-seo"}
    assert not {"Kang Eun-ho", "Kang Goo-young"} & set(_names(found, "person"))


def test_a_family_name_written_first_is_the_bare_name_later(run: Run) -> None:
    found = run("President Yun Seok-yeol boarded the carrier in Busan. Later, Yun told the crew the drills would grow.",
                published="2024-06-01")
    assert _mentions(found, "Yoon Suk Yeol") == ["Yun Seok-yeol", "Yun"]
    found = run("President Yoon flew to Prague for the reactor talks.", published="2024-06-01")
    assert _names(found, "person") == ["Yoon Suk Yeol"]


def test_a_ship_named_after_a_person_is_no_person(model_run: Run) -> None:
    for text in ("The president visited the Theodore Roosevelt in Busan on Tuesday.",
                 "Sailors aboard the Abraham Lincoln watched the launch.",
                 "The minister toured the George Washington while it was docked."):
        people = _names(model_run(text), "person")
        assert not {"Theodore Roosevelt", "Abraham Lincoln", "George Washington"} & set(people), text


def test_the_surname_of_an_unknown_person_after_a_title_or_before_a_speech_verb(model_run: Run) -> None:
    text = ("Director General Noa Shapira opened the plant. Director General Shapira later thanked the workers, "
            "and Shapira said more lines would follow.")
    assert _mentions(model_run(text), "Noa Shapira") == ["Noa Shapira", "Shapira", "Shapira"]
    # a surname that is also a word of the text, opening a sentence, is not taken for the person
    text = "Analyst Tom Gold spoke at the fair. Gold prices, he noted, matter less than the price of gold tungsten."
    assert _mentions(model_run(text), "Tom Gold") == ["Tom Gold"]


def test_a_family_name_two_people_share_names_neither(model_run: Run) -> None:
    text = ("President Lee Jae-myung met KAI's chief Lee Dong-hoon at the plant. Lee then announced the export "
            "target.")
    found = model_run(text, published="2025-09-01")
    assert "Lee" not in _mentions(found, "Lee Jae-myung")


@pytest.mark.parametrize("text,name", [
    ("Prime Minister Lars Holm of Norway opened the talks.", "Lars Holm"),
    ("Prime Minister Lars Holm opened the talks.", "Lars Holm"),
    ("Chancellor Otto Brandt spoke first at the summit.", "Otto Brandt"),
    ("Defence Minister Rahul Mehra toured the shipyard.", "Rahul Mehra"),
    ("Foreign Minister Kenji Sato met the envoys.", "Kenji Sato"),
    ("Prime Minister Shahid Nawaz thanked the delegation.", "Shahid Nawaz"),
    ("President Amara Diallo of Guinea received the ministers.", "Amara Diallo"),
    ("President Lucía Ramírez signed the decree.", "Lucía Ramírez"),
])
def test_an_official_the_base_lacks_keeps_the_name_as_written(run: Run, text: str, name: str) -> None:
    # from several regions, with and without a nationality: a title alone is no evidence for a look-alike holder
    assert _names(run(text), "person") == [name]


@pytest.mark.parametrize("text,name", [
    ("Talisman Sabre began in July. The biennial Talisman Sabre exercise draws 30,000 troops.", "Talisman Sabre"),
    ("Pacific Vanguard ended on Friday, after the Pacific Vanguard drills off Guam.", "Pacific Vanguard"),
    ("Troops from Exercise Iron Wolf left. Iron Wolf will return next year.", "Iron Wolf"),
    ("The jets landed at Holzdorf Air Base on Tuesday.", "Holzdorf Air Base"),
])
def test_an_exercise_or_a_base_is_no_person(model_run: Run, text: str, name: str) -> None:
    assert name not in _names(model_run(text), "person")


def test_a_national_defence_force_acts_for_its_state(model_pipeline: Pipeline) -> None:
    text = "Ghana's army chief visited the South African National Defence Force in Pretoria on Monday."
    found = model_pipeline(Article(doc="t", text=text, published="2025-08-01"))
    force = [m for m in found.party_mentions if "Defence Force" in m.text]
    assert [(m.label, m.source) for m in force] == [("ZAF", "")]
    assert [(e.type, e.participants) for e in found.events] == [("meeting", ("GHA", "ZAF"))]


@pytest.mark.parametrize("text,parties", [
    ("Colombian Defence Minister Pedro Sanchez flew to Stockholm and met Swedish counterpart Pal Jonson.",
     ("COL", "SWE")),
    ("Pedro Sanchez, Colombia's defence minister, held talks with Swedish counterpart Pal Jonson.", ("COL", "SWE")),
    ("Spanish Prime Minister Pedro Sanchez received French President Emmanuel Macron in Madrid.", ("ESP", "FRA")),
    ("Prime Minister Pedro Sanchez hosted French President Emmanuel Macron in Madrid on Monday.", ("ESP", "FRA")),
])
def test_a_title_naming_another_state_is_a_namesake_not_the_known_holder(
        model_pipeline: Pipeline, text: str, parties: tuple[str, ...]) -> None:
    found = model_pipeline(Article(doc="t", text=text, published="2025-08-01"))
    assert [(e.type, e.participants) for e in found.events] == [("meeting", parties)]


@pytest.mark.parametrize("text,saudi", [
    ("Paris's envoy met Prime Minister Mohammed Shia al-Sudani in Baghdad on Sunday.", False),
    ("The French minister held talks with Prime Minister Mohammed bin Salman in Riyadh.", True),
])
def test_a_namesake_whose_family_name_differs_is_someone_else(model_pipeline: Pipeline, text: str,
                                                              saudi: bool) -> None:
    found = model_pipeline(Article(doc="t", text=text, published="2025-08-01"))
    assert ("SAU" in {m.label for m in found.party_mentions if m.source == "person"}) == saudi


@pytest.mark.parametrize("text,program,party", [
    ("The delivery of 16 Gripens to Hungary ended on Friday.", "Gripen", "SWE"),
    ("Croatia flies twelve Rafales bought second-hand.", "Rafale", "FRA"),
])
def test_a_programme_named_in_the_plural_keeps_its_owner(run: Run, text: str, program: str, party: str) -> None:
    assert [(e.name, e.party) for e in run(text).entities if e.type == "program"] == [(program, party)]

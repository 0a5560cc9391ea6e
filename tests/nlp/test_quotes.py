from __future__ import annotations

from allywatch.model import Article, Entity, Extraction, Mention
from allywatch.nlp.quotes import extract_quotes


def _extraction(text: str, names: dict[str, str]) -> Extraction:
    entities = []
    for surface, (kind, name) in ((s, v.split(":", 1)) for s, v in names.items()):
        mentions = []
        at = text.find(surface)
        while at >= 0:
            mentions.append(Mention(surface, at, at + len(surface)))
            at = text.find(surface, at + 1)
        entities.append(Entity(type=kind, name=name, mentions=tuple(mentions)))
    return Extraction(article=Article(doc="t", text=text), entities=tuple(entities))


def _quotes(text: str, names: dict[str, str]) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in extract_quotes(_extraction(text, names)).quotes]


def test_quote_then_name_said() -> None:
    text = '"It is difficult for any one country to defend itself alone," Ishiba said on Thursday.'
    assert _quotes(text, {"Ishiba": "person:Shigeru Ishiba"}) == [
        ("Shigeru Ishiba", "It is difficult for any one country to defend itself alone")]


def test_said_then_name_and_pronoun_refers_back() -> None:
    text = ('Prime Minister Fumio Kishida spoke to reporters.\n"We will deepen ties with our allies," said Kishida.\n'
            '"Cooperation is extremely important," he said.')
    assert _quotes(text, {"Fumio Kishida": "person:Fumio Kishida", "Kishida": "person:Fumio Kishida"}) == [
        ("Fumio Kishida", "We will deepen ties with our allies"),
        ("Fumio Kishida", "Cooperation is extremely important")]


def test_name_said_colon_and_continued_paragraph() -> None:
    text = ('In a statement, National Security Adviser Jake Sullivan said: "This decision will contribute to peace.'
            '\n\n"President Biden strongly appreciates the leadership role played by Japan."\n\nOthers disagreed.')
    [(speaker, quote)] = _quotes(text, {"Jake Sullivan": "person:Jake Sullivan"})
    assert speaker == "Jake Sullivan"
    assert quote.startswith("This decision will contribute") and quote.endswith("played by Japan.")


def test_statement_partial_quotes_and_statement_added() -> None:
    text = ('A statement from the Japanese Defense Ministry said, "With the rapid deterioration of the security '
            'situation" in Asia, "the two ministers confirmed that the alliance remains strong." The statement added '
            'that the allies agreed to work on expanding "more advanced joint exercises in various locations."')
    quotes = _quotes(text, {"Japanese Defense Ministry": "org:Ministry of Defense"})
    assert [s for s, _ in quotes] == ["Ministry of Defense"] * 3
    assert quotes[2][1].startswith("more advanced joint exercises")


def test_the_noun_said_takes_the_body_of_that_kind() -> None:
    text = ('The Indian Navy will induct the masts. "These advanced systems will be co-developed in India," '
            'the navy said in a statement.')
    assert _quotes(text, {"Indian Navy": "org:Indian Navy"}) == [
        ("Indian Navy", "These advanced systems will be co-developed in India")]


def test_scare_quotes_and_unattributed_quotes_are_not_reported() -> None:
    text = 'Japan is working to acquire what it calls a "counterstrike" capability. "A line with no speaker at all."'
    assert _quotes(text, {}) == []


def test_speaker_with_abbreviated_title_after_the_quote() -> None:
    text = '"This is an important step for the alliance," U.S. Ambassador Rahm Emanuel said at the shipyard.'
    assert _quotes(text, {"Rahm Emanuel": "person:Rahm Emanuel"}) == [
        ("Rahm Emanuel", "This is an important step for the alliance")]


def test_a_quotation_closing_its_sentence_keeps_the_speaker_named_before_it() -> None:
    text = ('Defence Minister Pål Jonson said the order would "strengthen our common defence in the north". '
            "His Finnish counterpart Antti Häkkänen said deliveries would begin in 2027.")
    names = {"Pål Jonson": "person:Pål Jonson", "Antti Häkkänen": "person:Antti Häkkänen"}
    assert _quotes(text, names) == [("Pål Jonson", "strengthen our common defence in the north")]


def test_telling_someone_a_quotation() -> None:
    text = ('China and Russia vowed to deepen ties, with President Xi Jinping telling Vladimir Putin in Beijing that '
            'their ties were "a model for major countries".')
    names = {"Xi Jinping": "person:Xi Jinping", "Vladimir Putin": "person:Vladimir Putin"}
    assert _quotes(text, names) == [("Xi Jinping", "a model for major countries")]


def test_short_fragments_with_a_speech_verb_are_quotes_of_its_subject() -> None:
    text = 'The defence secretary, John Healey, called the accord a "historic step" for both navies.'
    assert _quotes(text, {"John Healey": "person:John Healey"}) == [("John Healey", "historic step")]
    text = 'Macron defended the trip, saying it "does not mean we approve" of everything.'
    assert _quotes(text, {"Macron": "person:Emmanuel Macron"}) == [("Emmanuel Macron", "does not mean we approve")]


def test_a_second_fragment_keeps_the_speaker_and_a_ministry_spokesperson_speaks_for_it() -> None:
    text = ('Defence Minister Khawaja Asif told a paper the reports were "just rumours" and, tellingly, that they '
            'were "good for exports".')
    assert [q[0] for q in _quotes(text, {"Khawaja Asif": "person:Khawaja Muhammad Asif"})] == [
        "Khawaja Muhammad Asif", "Khawaja Muhammad Asif"]
    text = ('The Ministry of Commerce issued new rules. A ministry spokesperson said the step was "normal practice" '
            "for a large exporter.")
    assert _quotes(text, {"Ministry of Commerce": "org:Ministry of Commerce"}) == [
        ("Ministry of Commerce", "normal practice")]


def test_a_korean_surname_written_first_names_the_speaker() -> None:
    text = 'Yoon Suk Yeol visited the carrier. President Yoon said the drill was "a strong deterrent".'
    assert _quotes(text, {"Yoon Suk Yeol": "person:Yoon Suk Yeol"}) == [("Yoon Suk Yeol", "a strong deterrent")]


def test_a_clause_closed_by_a_colon_names_its_speaker_first() -> None:
    text = ("The president met the prime minister of Norway.\n\nStøre, asked about the frigate order: "
            '"We will decide by the summer."\n\nThe minister cuts in: "There will be no delay."')
    names = {"Støre": "person:Jonas Gahr Støre", "The minister": "person:Tore Sandvik"}
    assert _quotes(text, names) == [("Jonas Gahr Støre", "We will decide by the summer."),
                                    ("Tore Sandvik", "There will be no delay.")]


def test_a_colon_with_no_person_before_it_names_no_speaker() -> None:
    assert _quotes('The list reads: "tanks, guns and radars".', {}) == []


def test_a_reply_names_its_speaker() -> None:
    text = 'Asked about the boats, Albanese replies that they are "coming on schedule".'
    assert _quotes(text, {"Albanese": "person:Anthony Albanese"}) == [("Anthony Albanese", "coming on schedule")]

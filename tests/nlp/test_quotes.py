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


def test_an_appositive_after_the_quotation_names_the_speaker() -> None:
    text = '"The launchers are ready for the range," said Col. Maria Lopez, the battalion\'s commander.'
    assert _quotes(text, {"Maria Lopez": "person:Maria Lopez"}) == [
        ("Maria Lopez", "The launchers are ready for the range")]
    text = ('"This is a chance to train with friends," Rear Admiral Tom Hale, the fleet\'s chief of staff, told '
            "reporters before the drills.")
    assert _quotes(text, {"Tom Hale": "person:Tom Hale"}) == [("Tom Hale", "This is a chance to train with friends")]
    text = '"The jets leave next spring," said the Danish foreign minister, Lars Nordby.'
    assert _quotes(text, {"Lars Nordby": "person:Lars Nordby"}) == [("Lars Nordby", "The jets leave next spring")]


def test_the_next_quotation_after_a_full_attribution_keeps_its_speaker() -> None:
    text = ('"We are building a turning point," Minister Eva Lind said before flying to the summit. "Our partners '
            'expect a great deal from us, and rightly so."')
    quotes = _quotes(text, {"Eva Lind": "person:Eva Lind"})
    assert [s for s, _ in quotes] == ["Eva Lind", "Eva Lind"]
    text = '"The order is signed," she said of the frigates.\n\n"The first hull will be laid down in March."\n'
    assert _quotes(text, {"she": "person:Eva Lind"}) == [("Eva Lind", "The order is signed"),
                                                          ("Eva Lind", "The first hull will be laid down in March.")]


def test_a_paragraph_of_narration_between_quotations_ends_the_speaker() -> None:
    text = ('"The order is signed," Eva Lind said.\n\nThe opposition was not convinced and asked for a vote.\n\n'
            '"This is a waste of money."\n')
    assert _quotes(text, {"Eva Lind": "person:Eva Lind"}) == [("Eva Lind", "The order is signed")]


def test_a_speech_verb_after_the_quotation_in_translated_copy() -> None:
    text = 'Administrator Gang on this day "this contract opens a new market for our guns" said.'
    assert _quotes(text, {"Gang": "person:Kang Eun-ho"}) == [
        ("Kang Eun-ho", "this contract opens a new market for our guns")]
    text = 'President Mun "the export shows our industry is trusted, beyond a simple sale" said.'
    assert _quotes(text, {"Mun": "person:Moon Jae-in"}) == [
        ("Moon Jae-in", "the export shows our industry is trusted, beyond a simple sale")]


def test_the_subject_of_a_clause_closed_by_a_colon() -> None:
    text = ('Biden met the press in the garden.\n\nAsked whether the jets would arrive on time, the president '
            'answers: "They will, believe me."\n\nThe president turns to the envoy: "And you helped."')
    assert _quotes(text, {"Biden": "person:Joe Biden"}) == [("Joe Biden", "They will, believe me."),
                                                            ("Joe Biden", "And you helped.")]


def test_it_and_the_agency_are_the_body_that_spoke_before() -> None:
    text = ('The Defence Procurement Administration stated that the sale was cleared. It added that the jets '
            '"will arrive within two years".')
    names = {"Defence Procurement Administration": "org:Defence Procurement Administration"}
    assert _quotes(text, names) == [("Defence Procurement Administration", "will arrive within two years")]
    text = ('The Defence Procurement Administration signed the order on Monday. "The deal adds to our exports this '
            'year," the agency said in a statement.')
    assert _quotes(text, names) == [("Defence Procurement Administration", "The deal adds to our exports this year")]
    text = ('Engine maker Northwind said it began working with the plant in 1990. "In all, 50 engines have been '
            'delivered," it said.')
    assert _quotes(text, {"Northwind": "org:Northwind"}) == [("Northwind", "In all, 50 engines have been delivered")]


def test_the_statement_speaks_for_whoever_issued_it() -> None:
    text = ('"We will halt the exports for now," the chancellor, Karl Brandt, said in a written statement. He added '
            'that ties were unchanged. "Our friends have the right to defend themselves," the statement said.')
    quotes = _quotes(text, {"Karl Brandt": "person:Karl Brandt", "Brandt": "person:Karl Brandt"})
    assert [s for s, _ in quotes] == ["Karl Brandt", "Karl Brandt"]


def test_according_to_and_quoted_as_saying_name_the_speaker() -> None:
    text = 'According to the Defense Security Cooperation Agency (DSCA), "the sale will improve the navy\'s reach."'
    names = {"Defense Security Cooperation Agency": "org:Defense Security Cooperation Agency"}
    assert _quotes(text, names) == [("Defense Security Cooperation Agency", "the sale will improve the navy's reach.")]
    text = ('"The trucks protect crews from roadside bombs," the embassy statement quoted the attaché, Col. Ann Roe, '
            "as saying.")
    assert _quotes(text, {"Ann Roe": "person:Ann Roe"}) == [("Ann Roe", "The trucks protect crews from roadside bombs")]


def test_fragments_of_one_sentence_share_its_attribution() -> None:
    text = ('Selling the jets that "have been kept fully up to date" means the buyer will "join the wider family", '
            "said the defence minister, Jan Holm.")
    assert _quotes(text, {"Jan Holm": "person:Jan Holm"}) == [("Jan Holm", "have been kept fully up to date"),
                                                              ("Jan Holm", "join the wider family")]


def test_a_name_no_one_knows_is_reported_as_written() -> None:
    text = '"We are preparing the transfer of technology," Przemek Nowakowski said.'
    assert _quotes(text, {}) == [("Przemek Nowakowski", "We are preparing the transfer of technology")]
    text = '"We are preparing the transfer of technology," The Ministry said.'
    assert _quotes(text, {}) == []


def test_a_short_sentence_after_the_quotation_names_only_its_speaker() -> None:
    text = ('"We aim simply to work more with our neighbours." Task force commander Captain Ray Moss told reporters.'
            "\n")
    assert _quotes(text, {"Ray Moss": "person:Ray Moss"}) == [
        ("Ray Moss", "We aim simply to work more with our neighbours.")]
    text = ('Minister Eva Lind said the order would "secure the north". Her counterpart Ray Moss said deliveries '
            "would start in 2027.")
    assert _quotes(text, {"Eva Lind": "person:Eva Lind", "Ray Moss": "person:Ray Moss"}) == [
        ("Eva Lind", "secure the north")]


def test_a_participle_speaks_for_its_sentence_subject_and_a_finite_verb_for_its_clause() -> None:
    text = ('Lucia Ferri stressed the need to guard NATO\'s eastern flank and to build drones in Europe, stating, '
            '"Otherwise the alliance stands on one short leg."')
    names = {"Lucia Ferri": "person:Lucia Ferri", "NATO": "org:NATO"}
    assert _quotes(text, names) == [("Lucia Ferri", "Otherwise the alliance stands on one short leg.")]
    text = ('Ministers Ola Berg and Kim Tan signed a joint vision, which the Defence Ministry said "will widen '
            'cooperation".')
    names = {"Ola Berg": "person:Ola Berg", "Kim Tan": "person:Kim Tan", "Defence Ministry": "org:Defence Ministry"}
    assert _quotes(text, names) == [("Defence Ministry", "will widen cooperation")]


def test_a_name_in_quotation_marks_after_a_naming_verb_is_no_quote() -> None:
    names = {"Lai": "person:Lai Ching-te", "Cabinet": "org:Cabinet"}
    for text in ('The Cabinet said the money would pay for what the government calls the "Sky Shield", Lai said.',
                 'The Cabinet backed the so-called "Iron Wall" plan.',
                 'The Cabinet said the network, dubbed "Project North Star", would be ready in 2030.'):
        assert _quotes(text, names) == [], text

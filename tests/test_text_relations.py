"""Relations as data (issue 11): dependency patterns in src/kg/extract/text/patterns/*.yaml over spaCy's parse.

Each family is pinned with a sentence written for this test; the end-to-end tests check that a fact only a
pattern can find reaches the RDF with its sentence as evidence."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import NamedNode

from kg.config import Settings
from kg.errors import InputError
from kg.extract.text import extract_paths
from kg.extract.text.parse import blank_other_names, parse
from kg.extract.text.relations import default_matcher, load, read_file
from kg.extract.text.spans import sentences
from kg.vocab import JPOW, RDF

BASE = Settings().base_iri


def roles(sentence: str) -> set[tuple[str, str, str]]:
    """(pattern id, subject token, object or date token) of every match in the sentence."""
    found = set()
    for m in default_matcher().match(parse(sentence)):
        other = m.object or m.date
        found.add((m.pattern.id, sentence[m.subject[0]:m.subject[1]], sentence[other[0]:other[1]] if other else ""))
    return found


def _short_triples(path: Path) -> set[tuple[str, str, str]]:
    """(subject, property's local name, object) of what `kg extract` states of a file, IRIs without the base."""
    return {(q.subject.value.removeprefix(BASE), q.predicate.value.split("#")[-1], q.object.value.removeprefix(BASE))
            for q in extract_paths([path], Settings())}


def test_location_family_reads_where_a_thing_was_set_up() -> None:
    assert ("location-verb-prep", "Ekibastuz", "Pavlodar") in roles("Ekibastuz was founded near Pavlodar in 1948.")


def test_on_in_a_pattern_file_is_the_word_not_a_yaml_boolean() -> None:
    # PyYAML reads `[in, on, by]` as ["in", True, "by"]: the project's YAML reader keeps the word
    assert ("closed-passive", "It", "April") in roles("It was liquidated on 1 April 1955.")
    for pattern in load(Path(__file__).resolve().parents[1] / "src/kg/extract/text/patterns"):
        assert all(not isinstance(v, bool) for node in pattern.spec for attrs in node.get("RIGHT_ATTRS", {}).values()
                   if isinstance(attrs, dict) for v in attrs.get("IN", [])), pattern.id


def test_membership_family_reads_part_of_as_copula_and_apposition() -> None:
    assert ("part-of-copula", "Temirtau", "region") in roles("Temirtau is part of the Karaganda region.")
    assert ("part-of-apposition", "region", "SSR") in roles(
        "The barracks stood in the Karaganda region, part of the Kazakh SSR.")


def test_membership_family_reads_belonged_to() -> None:
    assert ("belonged-to", "hospital", "Ministry") in roles("The hospital belonged to the Ministry of Health.")


def test_membership_family_reads_what_a_camp_was_subordinate_to() -> None:
    assert ("was-subordinate-to", "camp", "Directorate") in roles(
        "The camp was subordinate to the Directorate for Prisoners of War of the Karaganda Region.")
    assert ("was-subordinate-to", "It", "Administration") in roles("It was directly answerable to the Main "
                                                                    "Administration in Moscow.")


def test_issuing_family_reads_passive_and_active_voice() -> None:
    assert ("issued-by-passive", "order", "Ministry") in roles("The order was signed by the Ministry of Internal Affairs.")
    assert ("issued-active", "directive", "Council") in roles("The Council of Ministers approved the directive.")


def test_actions_family_reads_dated_deeds_and_needs_their_date() -> None:
    assert ("dated-conviction", "him", "April") in roles("In April 1949 a tribunal sentenced him to 25 years.")
    assert ("dated-deed", "camp", "May") in roles("A commission inspected the camp in May 1947.")
    assert ("dated-signing", "agreement", "April") in roles("The agreement was signed on 16 April 2008.")
    assert not {r for r in roles("A commission inspected the camp.") if r[0].startswith("dated-")}


def test_a_relative_clause_after_a_copula_is_said_of_the_subject() -> None:
    assert ("headed", "Lukyanenko", "No.") in roles("Lukyanenko was a Soviet officer who headed camp No. 99.")


def test_a_verb_joined_by_and_shares_the_subject_unless_it_has_its_own() -> None:
    assert ("held-in-conjoined", "He", "Khabarovsk") in roles("He was taken prisoner and was held at Khabarovsk.")
    assert not {r for r in roles("Camp No. 6 was built in 1945 and Camp No. 7 was closed in 1950.")
                if r[0].endswith("-conjoined")}


def test_statements_read_what_a_participle_says_of_its_noun() -> None:
    assert ("noun-participle-prep-object", "Thousands", "Karaganda") in roles(
        "Thousands of Japanese prisoners brought to Karaganda worked in the mines.")


def test_statements_read_where_or_for_whom_the_verb_s_object_was() -> None:
    assert ("subject-verb-noun-prep-object", "embassy", "cemetery") in roles(
        "The embassy organised a ceremony at the Mikhailovka cemetery.")


def test_membership_family_reads_where_a_person_studied() -> None:
    assert ("graduated-from", "Zharkov", "School") in roles(
        "After graduating from the Higher School of the OGPU in 1931, Mikhail Zharkov joined the NKVD.")
    assert ("graduated-from-main", "Mori", "University") in roles("Aiko Mori studied at Kyoto University.")


def test_happenings_read_a_dated_participle_after_its_noun() -> None:
    assert ("restored-participle", "monument", "1996") in roles(
        "Flowers were laid at the monument erected in 1996 by the Ministry of Health and Welfare.")


def test_a_participle_says_more_of_the_main_verb_s_subject() -> None:
    assert ("arrived-in-participle", "He", "Maizuru") in roles(
        "He was repatriated through Nakhodka, arriving in Maizuru on 11 August 1948.")


def test_founding_and_closing_families_read_dates_of_passive_verbs() -> None:
    found = roles("Camp No. 7 was opened in 1944 and closed in 1949.")
    assert {p for p, _, _ in found} >= {"founded-passive", "closed-passive-conjoined"}


def test_naming_family_reads_now_called_renamed_and_brackets() -> None:
    assert ("now-called-after-comma", "Molotovsk", "Severodvinsk") in roles(
        "The prisoners built the port of Molotovsk, now called Severodvinsk.")
    assert ("renamed-passive", "Gorky", "Novgorod") in roles("In 1990 Gorky was renamed Nizhny Novgorod.")
    assert ("now-in-brackets", "Frunze", "Bishkek") in roles("Frunze (now Bishkek) received a hospital.")


def test_participation_family_reads_a_visit_with_its_destination() -> None:
    assert ("visited", "Hatoyama", "Temirtau") in roles("In 2004 Yukio Hatoyama visited Temirtau.")


def test_transfer_family_reads_destination_origin_and_arrival() -> None:
    found = roles("Two thousand internees were moved from Ekibastuz to Pavlodar in the spring.")
    assert {("sent-from", "internees", "Ekibastuz"), ("sent-from-to", "internees", "Pavlodar")} <= found
    assert ("arrived-in", "echelons", "Temirtau") in roles("The first echelons arrived in Temirtau in October.")


def test_repatriation_family_reads_return_home_and_the_port() -> None:
    assert ("returned-to", "Sato", "Japan") in roles("Sato finally returned to Japan in 1950.")
    assert ("repatriated-through", "soldiers", "Maizuru") in roles("The soldiers were repatriated through Maizuru.")


def test_captivity_family_reads_held_worked_died_buried() -> None:
    assert ("held-in", "officers", "Elabuga") in roles("The officers were held in Elabuga until 1948.")
    assert ("worked-at-enterprise", "prisoners", "Trust") in roles("The prisoners worked at the Karagandaugol Trust.")
    found = roles("Many internees died in Temirtau and were buried near the station.")
    assert {("died-in", "internees", "Temirtau"), ("buried-at-conjoined", "internees", "station")} <= found


def test_authorship_family_reads_wrote_and_written_by() -> None:
    assert ("wrote", "memoir", "Ito") in roles("Ito wrote a memoir about the winter of 1946.")
    assert ("written-by", "chronicle", "Kim") in roles("The chronicle was written by Anatoly Kim.")


def test_authorship_family_reads_a_works_by_and_whose_it_is(tmp_path: Path) -> None:
    found = facts(tmp_path, "Sakae Oda was a gunner. Rika Mori taught history. In 1975 the memoir Nine Winters by "
                            "Sakae Oda appeared in Tokyo. Mori's monograph The Steppe Camps (2003) cited it.")
    assert ("id/publication/nine-winters", "author", "id/person/sakae-oda") in found, found
    assert ("id/publication/the-steppe-camps", "author", "id/person/rika-mori") in found, found


def test_a_verb_joined_by_and_shares_its_subject_whatever_role_that_subject_fills(tmp_path: Path) -> None:
    found = facts(tmp_path, "Memoirs\n\nShigeo Tanabe led it. Tanabe himself joined the Japanese Communist Party and "
                            "published a memoir, The Red Steppe (赤い草原), in 1955, which defended the movement.")
    assert ("id/publication/the-red-steppe", "author", "id/person/shigeo-tanabe") in found, found


def test_a_kind_of_work_with_its_title_in_apposition_is_that_work(tmp_path: Path) -> None:
    found = facts(tmp_path, "Kaito Ono published a book of essays, The Colour of Dust, in 1980.")
    assert ("id/publication/the-colour-of-dust", "author", "id/person/kaito-ono") in found, found
    assert not any("book-of-essays" in s for s, p, o in found), found


def test_a_person_named_in_apposition_fills_the_role_of_its_noun(tmp_path: Path) -> None:
    found = facts(tmp_path, "In 2004 the former minister Yukio Hatoyama visited Temirtau.")
    visit = next(s for s, p, o in found if p == "participant")
    assert (visit, "participant", "id/person/yukio-hatoyama") in found, found


def test_a_plural_group_fills_an_event_but_a_singular_noun_does_not(tmp_path: Path) -> None:
    found = facts(tmp_path, "In 1946 Japanese internees were sent to Temirtau. The author worked in Temirtau.")
    kinds = {s.split("/")[-1] for s, p, o in found if p == "destination" or p == "location"}
    assert any("-of-japanese-internees-to-temirtau" in k for k in kinds), found
    assert not any("labour-use" in k for k in kinds), found


def test_an_uncounted_group_s_undated_happening_is_a_statement_not_an_event(tmp_path: Path) -> None:
    found = facts(tmp_path, "Japanese internees were sent to Temirtau. Its last 640 prisoners were sent to Spassk.")
    events = {s for s, p, o in found if p == "destination" and s.startswith("id/event/")}
    assert len(events) == 1 and any(o == "id/place/spassk" for s, p, o in found if s in events), found
    assert any(p == "statedObject" and o == "id/place/temirtau" for s, p, o in found), found


def facts(tmp_path: Path, text: str) -> set[tuple[str, str, str]]:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    return {(q.subject.value.removeprefix(BASE), q.predicate.value.split("#")[-1], q.object.value.removeprefix(BASE))
            for q in extract_paths([path], Settings()) if isinstance(q.object, NamedNode)}


def test_a_place_that_is_part_of_another_is_located_in_it(tmp_path: Path) -> None:
    found = facts(tmp_path, "The Kazakh SSR was part of the Soviet Union.\n")
    assert ("id/place/kazakhstan", "locatedIn", "id/place/soviet-union") in found


def test_a_body_that_belonged_to_another_is_part_of_it(tmp_path: Path) -> None:
    found = facts(tmp_path, "In 1946 the Main Directorate for Prisoners of War and Internees belonged to the MVD.\n")
    assert any(p == "partOf" and s.startswith("id/organization/main-directorate") for s, p, _ in found), found


def test_a_pattern_fact_has_its_sentence_as_evidence(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("Some words first. The Kazakh SSR was part of the Soviet Union.\n", encoding="utf-8")
    quads = list(extract_paths([path], Settings()))
    fact = next(q for q in quads if q.predicate == JPOW.locatedIn)
    quote = next(q.object.value for q in quads if q.subject == fact.graph_name and q.predicate == JPOW.quote)
    assert quote == "The Kazakh SSR was part of the Soviet Union."


def test_a_bodys_founding_is_an_establishment_event_and_a_camps_its_start_dated_as_written(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("The Saran Society was founded in 1990. Karlag was established in 1931.\n", encoding="utf-8")
    quads = list(extract_paths([path], Settings()))
    event = next(q.subject for q in quads if q.predicate == JPOW.concerns and
                 q.object.value.endswith("id/organization/saran-society"))
    assert any(q.subject == event and q.predicate == RDF.type and q.object == JPOW.Establishment for q in quads)
    assert {q.object.value for q in quads if q.subject == event and q.predicate == JPOW.date} == {"1990"}
    # a camp's founding and closing are when it existed, stated of the camp (jpow:startDate, jpow:endDate)
    assert {q.object.value for q in quads if q.subject.value.endswith("id/camp/karlag") and
            q.predicate == JPOW.startDate} == {"1931"}
    assert not any(q.predicate == JPOW.concerns and q.object.value.endswith("id/camp/karlag") for q in quads)


def test_every_shipped_pattern_file_loads() -> None:
    families = {p.family for p in load()}
    assert {"location", "membership", "issuing", "founding", "closing"} <= families


@pytest.mark.parametrize("body, says", [
    ("family: x\n", "'patterns'"),
    ("family: x\npatterns:\n  - id: p\n    property: location\n    pattern: [{RIGHT_ID: a}]\n", "CURIE"),
    ("family: x\npatterns:\n  - id: p\n    property: jpow:location\n    subject: {node: b, kinds: [place]}\n"
     "    object: {node: a, kinds: [place]}\n    pattern: [{RIGHT_ID: a}]\n", "not a RIGHT_ID"),
    ("family: x\npatterns:\n  - id: p\n    property: jpow:location\n    subject: {node: a, kinds: [castle]}\n"
     "    object: {node: a, kinds: [place]}\n    pattern: [{RIGHT_ID: a}]\n", "unknown mention kinds"),
])
def test_a_wrong_pattern_file_is_refused_with_file_pattern_and_fix(tmp_path: Path, body: str, says: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_file(path)
    assert "bad.yaml" in str(error.value) and says in str(error.value)


def test_places_the_lexicon_does_not_know_are_found_by_the_parser(tmp_path: Path) -> None:
    """A town no word list names is still a place (the named-entity recogniser), a language is not."""
    path = tmp_path / "article.txt"
    path.write_text("Some prisoners were later moved to Zhezkazgan. The memoir was published in Kazakh.\n",
                    encoding="utf-8")
    places = {q.subject.value.removeprefix(BASE) for q in extract_paths([path], Settings())
              if q.subject.value.startswith(BASE + "id/place/")}
    assert "id/place/zhezkazgan" in places and "id/place/kazakh" not in places


def test_it_and_the_camp_refer_back_to_the_subject_and_the_last_camp(tmp_path: Path) -> None:
    facts(tmp_path, "Ozerlag was a camp of the MVD in the Irkutsk Region. It was founded in 1948. "
                    "The camp was closed in 1954.")
    dated = {(q.predicate.value.split("#")[-1], q.object.value) for q in extract_paths([tmp_path / "article.txt"],
                                                                                      Settings())
             if q.subject.value.endswith("id/camp/ozerlag")}
    assert {("startDate", "1948"), ("endDate", "1954")} <= dated, dated


def test_a_relation_without_a_property_is_kept_in_the_texts_words(tmp_path: Path) -> None:
    found = facts(tmp_path, "The Socialist Party was the largest party of Hokkaido. "
                            "Korean conscripts who served in the Kwantung Army were sent home later.")
    stated = {s for s, p, o in found if p == "type" and o.endswith("#StatedRelation")}
    ends = {(p, o) for s, p, o in found if s in stated and p in ("statedSubject", "statedObject")}
    assert ("statedObject", "id/place/hokkaido") in ends and any(p == "statedSubject" for p, _ in ends), found


def test_its_is_the_subject_before_it_and_what_is_said_of_its_noun_is_said_of_the_owner(tmp_path: Path) -> None:
    found = facts(tmp_path, "Camp No. 183 opened in 1945. A fire destroyed two barracks in 1948. The trust "
                            "Karagandaugol was formed in 1940. Camp No. 183 was dissolved in 1950 and its records "
                            "were transferred to the State Archive of Karaganda Region.")
    stated = {s for s, p, o in found if p == "statedObject" and o == "id/organization/state-archive-of-karaganda-region"}
    assert any((s, "statedSubject", "id/camp/camp-no-183") in found for s in stated), found


def test_they_is_the_group_that_was_the_last_subject_but_not_named_persons(tmp_path: Path) -> None:
    found = facts(tmp_path, "The Japanese prisoners laid the railway: they built houses and worked at "
                            "Spassk. Sato and Ito came in 1946. They worked at Temirtau.")
    to_spassk = {s for s, p, o in found if p == "statedObject" and o == "id/place/spassk"}
    assert to_spassk and not any(o == "id/place/temirtau" for s, p, o in found if p == "statedObject"), found


def test_a_relative_pronoun_stands_for_the_noun_it_follows() -> None:
    found = roles("The officers who were held in Elabuga wrote letters.")
    assert ("held-in", "officers", "Elabuga") in found


def test_a_death_is_dated_by_the_date_of_its_verb(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("His brother Kenji Ono died of dysentery in the spring of 1946.", encoding="utf-8")
    assert {q.object.value for q in extract_paths([path], Settings()) if q.predicate == JPOW.deathDate} == {"1946"}


def test_a_proper_noun_after_a_preposition_of_place_is_a_place(tmp_path: Path) -> None:
    found = facts(tmp_path, "In 1948 the brigade was moved to Pakhta-Aral. Its letters reached Japan in March.")
    places = {o for s, p, o in found if o.startswith("id/place/")} | {s for s, p, o in found if s.startswith("id/place/")}
    assert "id/place/pakhta-aral" in places and not any("march" in p for p in places), places


def test_leadership_family_reads_heads_of_bodies_and_camps() -> None:
    assert ("was-head-of", "Petrov", "camp") in roles("Ivan Petrov was the commander of the Karaganda camp.")
    assert ("head-of-apposition", "Lukyanenko", "administration") in roles(
        "Pavel Lukyanenko, head of the camp administration, retired.")
    assert ("headed", "Ivanov", "Directorate") in roles("Colonel Ivanov headed the Directorate for Prisoners of War.")
    assert ("head-of-was", "Belov", "section") in roles("The commandant of the section was a Captain Belov.")


def test_birth_family_states_a_persons_place_and_date_of_birth_of_him(tmp_path: Path) -> None:
    found = facts(tmp_path, "Pavel Lukyanenko was born on 3 March 1902 in Kobelyaki.")
    assert ("id/person/pavel-lukyanenko", "placeOfBirth", "id/place/kobelyaki") in found
    path = tmp_path / "article.txt"
    assert {q.object.value for q in extract_paths([path], Settings()) if q.predicate == JPOW.birthYear} == {"1902-03-03"}
    assert not any(o == "ontology#Birth" for s, p, o in found)


def test_a_named_persons_death_is_stated_of_him_and_a_groups_death_is_a_figure_with_its_place(tmp_path: Path) -> None:
    found = facts(tmp_path, "Sato Kenji died in Spassk in March 1946. About 300 prisoners died in Balkhash.")
    assert ("id/person/sato-kenji", "placeOfDeath", "id/place/spassk") in found
    # an unnamed group's stay, work, death or burial is no event of its own: the figure carries its place, the
    # sentence's words stay a stated relation
    assert not any(o.endswith("#Death") for _, _, o in found), found
    figure = next(s for s, p, o in found if o.endswith("#Statistic"))
    assert (figure, "location", "id/place/balkhash") in found, found
    assert any(p == "statedObject" and o == "id/place/balkhash" for _, p, o in found), found


def test_an_unnamed_group_can_be_the_object_of_a_statement(tmp_path: Path) -> None:
    found = facts(tmp_path, "Camp No. 17 was set up in 1944. In 1946 it held Hungarian officers as well as "
                            "German soldiers.")
    stated = {s for s, p, o in found if p == "statedSubject" and o.endswith("camp-no-17")}
    assert stated, found
    quads = {(q.subject.value, q.predicate.value.split("#")[-1], q.object.value)
             for q in extract_paths([tmp_path / "article.txt"], Settings())}
    assert any(p == "statedObjectGroup" and o == "Hungarian officers" for s, p, o in quads), quads


def test_a_birth_in_a_participle_clause_is_the_main_subjects(tmp_path: Path) -> None:
    found = facts(tmp_path, "Born in 1910 in Poltava, Ivan Koval served in the Red Army.")
    assert ("id/person/ivan-koval", "placeOfBirth", "id/place/poltava") in found


def test_places_within_places_and_list_items(tmp_path: Path) -> None:
    found = facts(tmp_path, "He was born in Lubny, Poltava Governorate. Camp No. 12 had sections:\n\n"
                            "Section No. 1 — Temirtau, the steel works;\n\nSection No. 2 — a farm near Saran.\n\n"
                            "Delegates came from Japan, China and Korea.")
    assert ("id/place/lubny", "locatedIn", "id/place/poltava-governorate") in found, found
    sections = {o for s, p, o in found if p == "location" and "section" in s}
    assert {"id/place/temirtau", "id/place/saran"} <= sections, found
    assert not any(p == "locatedIn" and s == "id/place/japan" for s, p, o in found)


def test_happenings_family_reads_surrenders_and_restorations(tmp_path: Path) -> None:
    found = facts(tmp_path, "The 88th Division surrendered at Harbin on 19 August 1945. "
                            "Mointy station was rebuilt in 1995.")
    kinds = {o for s, p, o in found if p == "type" and s.startswith("id/event/")}
    assert {"ontology#MilitaryDefeat", "ontology#Event"} <= kinds, found


def test_leadership_family_reads_the_passive_and_each_conjoined_agent(tmp_path: Path) -> None:
    found = facts(tmp_path, "Until 1947 camp No. 512 was run by Major Oleg Sidorov, and later by Colonel Boris Gurin.")
    assert ("id/person/oleg-sidorov", "headOf", "id/camp/camp-no-512") in found, found
    assert ("id/person/boris-gurin", "headOf", "id/camp/camp-no-512") in found, found
    found = facts(tmp_path, "Camp No. 347 was run by Major Pavel Sokolov, who was replaced in March 1948 by "
                            "Lieutenant-Colonel Ivan Deryabin.")   # a rank written with a hyphen
    assert ("id/person/ivan-deryabin", "headOf", "id/camp/camp-no-347") in found, found


def test_a_rank_before_a_name_is_the_person_s_military_rank(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("The convoy was met by Lieutenant Colonel Oleg Sidorov and by corporal Ito Hiroshi.", encoding="utf-8")
    found = {(q.subject.value.removeprefix(BASE), q.predicate.value.split("#")[-1], q.object.value)
             for q in extract_paths([path], Settings())}
    assert ("id/person/oleg-sidorov", "militaryRank", "Lieutenant Colonel") in found, found
    assert ("id/person/ito-hiroshi", "militaryRank", "corporal") in found, found


def test_location_family_reads_a_named_thing_with_its_place(tmp_path: Path) -> None:
    assert ("location-noun-prep", "hospital", "Semipalatinsk") in roles("The camp had a hospital in Semipalatinsk.")
    assert any(p == "location-be-prep" and o == "village" for p, _, o in roles("Section No. 3 was at the village of Zharyk."))
    # a list of camps, each with its own place: no camp takes another's
    found = facts(tmp_path, "The network comprised camp No. 61 at Ust-Kamenogorsk and camp No. 62 at Zyryanovsk.")
    assert ("id/camp/camp-no-62", "location", "id/place/zyryanovsk") in found, found
    assert not any(s == "id/camp/camp-no-61" and o == "id/place/zyryanovsk" for s, _, o in found)


def test_a_person_s_unit_and_place_of_origin(tmp_path: Path) -> None:
    found = facts(tmp_path, "Ito Hiroshi, a farmer from Niigata, served in the 39th Infantry Regiment until 1945.")
    assert ("id/person/ito-hiroshi", "placeOfOrigin", "id/place/niigata") in found, found
    assert any(s == "id/person/ito-hiroshi" and p == "memberOf" for s, p, _ in found), found
    assert ("came-from", "Ito", "Akita") in roles("Ito came from Akita.") or \
        any(p == "came-from" for p, _, _ in roles("Ito Hiroshi came from Akita."))


def test_names_listed_after_a_place_are_places(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("Sections\n\nThe camp had sections at Spassk, Karabas, Dolinka and Saran.\n", encoding="utf-8")
    typed = {(q.subject.value.removeprefix(BASE), q.object.value.split("#")[-1])
             for q in extract_paths([path], Settings()) if q.predicate == RDF.type}
    for place in ("karabas", "dolinka", "saran"):
        assert any(s == f"id/place/{place}" for s, _ in typed), typed
    assert not any(s.startswith("id/person/") for s, _ in typed), typed


def test_a_name_that_opens_with_a_place_the_article_names_is_of_something_there(tmp_path: Path) -> None:
    found = facts(tmp_path, "Dzhezkazgan and Balkhash grew. In 1945 Dzhezkazgan camp No. 39 received prisoners. Many "
                            "lie in the Balkhash cemetery. Spassky camp No. 99 held officers. The Saran cemetery is "
                            "old.")
    assert ("id/camp/camp-no-39", "location", "id/place/zhezkazgan") in found, found
    assert ("id/place/balkhash-cemetery", "locatedIn", "id/place/balkhash") in found, found
    assert not any(o == "id/place/spassk" for _, _, o in found)  # "Spassky": an adjective, not the place named
    assert not any(o == "id/place/saran" for _, _, o in found)   # a town named only inside a name mints no place


def test_an_imprint_with_or_without_brackets_and_publisher(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text('Books\n\nHe wrote the memoir "Steppe Letters" (Karaganda, 2004). She edited the book "Cold Years", '
                    "Tokyo: Heibonsha, 1979.\n", encoding="utf-8")
    found = _short_triples(path)
    assert {("id/publication/steppe-letters", "placeOfPublication", "id/place/karaganda"),
            ("id/publication/steppe-letters", "publicationYear", "2004"),
            ("id/publication/cold-years", "placeOfPublication", "id/place/tokyo"),
            ("id/publication/cold-years", "publisher", "id/organization/heibonsha"),
            ("id/publication/cold-years", "publicationYear", "1979")} <= found


def test_i_is_the_narrator_the_title_names_but_not_inside_quotation_marks(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text('Memories of Ito Hiroshi\n\nI was a corporal in those years. I came from Akita. In 1993 the '
                    'daughter of a comrade told us: "I came from Sendai."\n', encoding="utf-8")
    found = _short_triples(path)
    assert ("id/person/ito-hiroshi", "militaryRank", "corporal") in found, found
    assert ("id/person/ito-hiroshi", "placeOfOrigin", "id/place/akita") in found, found
    assert not any(o == "id/place/sendai" and s == "id/person/ito-hiroshi" for s, _, o in found)


def test_archival_units_of_a_finding_aid(tmp_path: Path) -> None:
    path = tmp_path / "aid.txt"
    path.write_text("Fonds R-1138: records of a directorate\n\nExtent: 3 inventories, 1,247 files.\nInventory 1 "
                    "(1945-1949), 612 files: orders. Other records are in fonds R-1684, inventory 2, file 14.\n",
                    encoding="utf-8")
    quads = list(extract_paths([path], Settings()))
    units = {q.subject.value.removeprefix(BASE) for q in quads
             if q.predicate == RDF.type and q.object == JPOW.ArchivalUnit}
    assert units == {"id/publication/aid-fonds-r-1138", "id/publication/aid-inventory-1",
                     "id/publication/aid-fonds-r-1684", "id/publication/aid-inventory-2",
                     "id/publication/aid-file-14"}, units   # "1,247 files" is a count, not a file
    part_of = {(q.subject.value.removeprefix(BASE), q.object.value.removeprefix(BASE)) for q in quads
               if q.predicate == JPOW.partOf}
    assert {("id/publication/aid-inventory-2", "id/publication/aid-fonds-r-1684"),
            ("id/publication/aid-file-14", "id/publication/aid-inventory-2")} <= part_of


def test_the_narrator_named_in_a_note_under_the_title_is_i(tmp_path: Path) -> None:
    path = tmp_path / "memoir.txt"
    path.write_text("Snow and steel: a memoir\n\n(From the recollections of Ito Hiroshi, a former corporal.)\n\n"
                    "I came from Akita. In 1946 I worked at the mine.\n", encoding="utf-8")
    found = _short_triples(path)
    assert ("id/person/ito-hiroshi", "placeOfOrigin", "id/place/akita") in found, found
    assert ("id/person/ito-hiroshi", "militaryRank", "corporal") in found, found


def test_a_successor_heads_what_the_one_he_replaced_headed(tmp_path: Path) -> None:
    found = facts(tmp_path, "Camp No. 512 was run by Major Oleg Sidorov, who was replaced in 1948 by Colonel Boris Gurin.")
    assert ("id/person/oleg-sidorov", "headOf", "id/camp/camp-no-512") in found, found
    assert ("id/person/boris-gurin", "headOf", "id/camp/camp-no-512") in found, found


def test_a_named_and_numbered_section_is_one_section_and_part_of_its_camp(tmp_path: Path) -> None:
    assert ("part-of-copula", "Temirtau", "Karlag") in roles("Temirtau was a section of Karlag.")
    found = facts(tmp_path, "The Zharyk camp section No. 12 was a subcamp of camp No. 512.")
    sections = {s for s, p, o in found if p == "type" and o == "ontology#CampSection"}
    assert len(sections) == 1, found
    assert any(s in sections and p == "partOf" and o == "id/camp/camp-no-512" for s, p, o in found), found


def test_a_cemetery_named_for_a_town_the_article_named_lies_there_and_an_embassy_sits_in_its_city(
        tmp_path: Path) -> None:
    found = facts(tmp_path, "Camp No. 386 at Chirchik held 900 men. The Chirchik cemetery was restored. "
                            "The Embassy of Japan in Almaty and the Embassy of Japan in Kazakhstan sent wreaths.")
    assert ("id/place/chirchik-cemetery", "locatedIn", "id/place/chirchik") in found, found
    assert ("id/organization/embassy-of-japan-in-almaty", "location", "id/place/almaty") in found, found
    assert not any(s == "id/organization/embassy-of-japan-in-kazakhstan" and p == "location" for s, p, _ in found)


def test_captivity_family_reads_a_person_who_was_in_a_camp() -> None:
    assert ("was-in-camp", "Ono", "camp") in roles("Since 1946 Ono has been in camp No. 12.")


def test_living_or_serving_somewhere_is_captivity_only_in_a_camp() -> None:
    assert ("stayed-in-camp", "Ono", "No.") in roles("Ono spent three years in camp No. 12.")


def test_a_town_an_official_served_or_lived_in_is_no_place_of_captivity(tmp_path: Path) -> None:
    found = facts(tmp_path, "Ivan Petrov was an NKVD officer. Petrov lived in Karaganda until his death in 1971.")
    assert not any(o.endswith("#Detention") for _, _, o in found), found


def test_the_writer_a_note_names_is_i_and_a_camp_s_section_may_go_without_its_number_sign(tmp_path: Path) -> None:
    found = facts(tmp_path, "A letter home\n\nThe following letter was written by Private Taro Ono, born 1920 in "
                            "Sendai, to his wife.\n\nDear Wife,\n\nSince the spring I have been in camp No. 12, "
                            "Section 3, near the river. Later camp section 5 opened. He was tried under Section 4 of "
                            "the Code.\n")
    # an undated stay of a named prisoner: his camp (jpow:affiliation), as the registers state it
    assert any(s == "id/person/taro-ono" and p == "affiliation" and "camp-no-12" in o for s, p, o in found), found
    sections = {s for s, p, o in found if p == "sectionOf" and o == "id/camp/camp-no-12"}
    # (a section is numbered within its camp: its IRI is this text's)
    assert sections == {"id/camp/article-section-3", "id/camp/article-camp-section-5"}, found


def test_transfer_family_reads_to_camp_even_when_parsed_as_a_verb(tmp_path: Path) -> None:
    found = facts(tmp_path, "The remaining prisoners were transferred to camp No. 99 in 1950.")
    assert any(p == "destination" and o == "id/camp/camp-no-99" for s, p, o in found), found


def test_the_head_of_a_named_body_is_its_head_and_a_copula_is_no_position(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("Nura camp No. 777 was a camp. The head of the camp, Major Oleg Kim, arrived. Its head was Colonel "
                    "Ivan Petrov. Karim Abenov, director of the Karlag Memory Museum, spoke.", encoding="utf-8")
    found = {(q.subject.value.removeprefix(BASE), q.predicate.value.split("#")[-1], q.object.value.removeprefix(BASE))
             for q in extract_paths([path], Settings())}
    assert ("id/person/oleg-kim", "headOf", "id/camp/camp-no-777") in found, found
    assert ("id/person/karim-abenov", "headOf", "id/organization/karlag-memory-museum") in found, found
    assert not any(p == "position" and "was" in o for s, p, o in found), found


def test_an_outbreak_of_a_disease_is_an_epidemic_with_its_year_and_place(tmp_path: Path) -> None:
    found = facts(tmp_path, "In 1947 a typhus epidemic in camp No. 777 killed more than 300 inmates. "
                            "An epidemic of dysentery broke out at Nurtau.")
    epidemics = {s for s, p, o in found if p == "type" and o.endswith("#Epidemic")}
    assert len(epidemics) == 2, found
    assert any(s in epidemics and p == "camp" and o == "id/camp/camp-no-777" for s, p, o in found), found
    assert any(s in epidemics and p == "location" and o == "id/place/nurtau" for s, p, o in found), found


def test_a_group_named_by_a_collective_noun_arrives_from_and_at(tmp_path: Path) -> None:
    assert ("arrived-from", "prisoners", "Manchuria") in roles("The first prisoners arrived in October 1945 from Manchuria.")
    found = facts(tmp_path, "The echelon arrived at Karaganda from Harbin on 3 November 1945. Ono came from Akita.")
    transfers = {s for s, p, o in found if p == "type" and o.endswith("#Transfer")}
    assert len(transfers) == 1, found   # "came from Akita" is where he is from, no journey
    assert {(p, o) for s, p, o in found if s in transfers and p in ("origin", "destination")} == {
        ("origin", "id/place/harbin"), ("destination", "id/place/karaganda")}, found


def test_a_participle_of_place_after_a_body_s_of_is_said_of_the_camp(tmp_path: Path) -> None:
    found = facts(tmp_path, "Nura camp No. 777 was a prisoner-of-war camp of the NKVD located near Nurtau.")
    assert ("id/camp/camp-no-777", "location", "id/place/nurtau") in found, found
    assert not any(s == "id/organization/nkvd" and o == "id/place/nurtau" for s, _, o in found), found


def test_repatriation_family_reads_a_dated_repatriation_with_no_place(tmp_path: Path) -> None:
    assert ("repatriated-in", "Hayami", "1949") in roles("Hayami was repatriated in 1949.")
    found = facts(tmp_path, "Hayami Kosuke was a writer. He was repatriated in 1949 aboard the Koyo Maru.")
    assert ("id/event/article-repatriation-of-hayami-kosuke", "participant", "id/person/hayami-kosuke") in found, found


def test_a_place_that_is_a_town_in_another_lies_in_it_and_its_former_name_is_renamed_to_it(tmp_path: Path) -> None:
    found = facts(tmp_path, "Temirtau, known until 1945 as Samarkandsky, is a city in the Karaganda Region. "
                            "The Karlag Memory Museum, previously called Dolinka Museum, opened in 2001.")
    assert ("id/place/temirtau", "locatedIn", "id/place/karaganda-region") in found, found
    assert ("id/place/samarkandsky", "renamedTo", "id/place/temirtau") in found, found
    assert ("id/organization/dolinka-museum", "renamedTo", "id/organization/karlag-memory-museum") in found, found
    assert ("id/organization/karlag-memory-museum", "renamedTo", "id/organization/dolinka-museum") not in found


def test_a_family_name_in_capitals_and_formerly_before_a_common_noun(tmp_path: Path) -> None:
    found = facts(tmp_path, "Issued to citizen of Japan TAKEUCHI Isamu, born 1918, native of the city of Niigata, "
                            "Japan, formerly a sergeant of the Kwantung Army.")
    assert any(s == "id/person/takeuchi-isamu" for s, _, _ in found), found
    assert not any(p == "renamedTo" for _, p, _ in found), found


def test_heads_named_after_a_time_and_seats_after_an_acronym_or_in_a_citation(tmp_path: Path) -> None:
    found = facts(tmp_path, "Camp No. 47 was built in 1945. The camp's head from 1946, Lieutenant Colonel Fyodor "
                            "Kozyrev, complained. The order book of Colonel Grigory Valuev (Григорий Валуев), head of "
                            "the camp from 1946 to 1950, survives. It reported to the Main Directorate for Prisoners "
                            "of War and Internees (GUPVI) in Moscow. See Fonds 1p (Russian State Military Archive, "
                            "Moscow). Talks with the Ministry of Foreign Affairs in Tokyo failed.")
    assert ("id/person/fyodor-kozyrev", "headOf", "id/camp/camp-no-47") in found, found
    assert ("id/person/grigory-valuev", "headOf", "id/camp/camp-no-47") in found, found
    assert ("id/organization/russian-state-military-archive", "location", "id/place/moscow") in found, found
    assert any(s.startswith("id/organization/main-directorate") and p == "location" and o == "id/place/moscow"
               for s, p, o in found), found
    assert not any(s.startswith("id/organization/ministry") and p == "location" for s, p, _ in found), found


def test_someone_taken_to_a_camp_and_a_former_prisoner_of_a_camp(tmp_path: Path) -> None:
    assert ("took-someone-to", "Ono", "Spassk") in roles("The guards took Ono to Spassk.")
    assert not any(p == "took-someone-to" for p, _, _ in roles("They decided to transfer Ono to Spassk."))
    found = facts(tmp_path, "The trowel was donated by Suzuki Haruo, a former prisoner of camp No. 99.")
    assert any(s == "id/person/suzuki-haruo" and p == "affiliation" and "camp" in o for s, p, o in found), found
    found = facts(tmp_path, "Suzuki Haruo worked at the Karaganda Coal Trust.")
    assert any(s == "id/person/suzuki-haruo" and p == "affiliation" and "trust" in o for s, p, o in found), found
    found = facts(tmp_path, "In 1946 Suzuki Haruo was held in camp No. 99.")   # dated: an event
    assert any(p == "participant" and o == "id/person/suzuki-haruo" and "detention" in s for s, p, o in found), found


def test_where_a_person_is_from_as_descriptions_write_it(tmp_path: Path) -> None:
    found = facts(tmp_path, "A Buddhist priest from Kyoto, the Rev. Ichiro Fujii, conducted a service. There was an "
                            "interpreter, a Korean from Alma-Ata called Kim Yong-su. My friend Sato from Sakata works "
                            "at the quarry. Sergeant Mizuno Hideaki of Gifu Prefecture died in Saran. Ono read to us "
                            "from the Nihon Shimbun.")
    origins = {(s, o) for s, p, o in found if p == "placeOfOrigin"}
    assert {("id/person/ichiro-fujii", "id/place/kyoto"), ("id/person/sato", "id/place/sakata"),
            ("id/person/mizuno-hideaki", "id/place/gifu-prefecture")} <= origins, origins
    assert any(s == "id/person/kim-yong-su" for s, _ in origins), origins
    assert not any(s == "id/person/ono" for s, _ in origins), origins


def test_a_dated_arrival_without_a_place_and_one_event_per_arrival(tmp_path: Path) -> None:
    found = facts(tmp_path, "The first Japanese transport, about 1,200 men from Manchuria, arrived on 14 November "
                            "1945. The echelon arrived at Karaganda on 3 November 1945.")
    transfers = {s for s, p, o in found if p == "type" and o.endswith("#Transfer")}
    assert len(transfers) == 2, transfers


def test_a_successor_follows_the_last_head_named(tmp_path: Path) -> None:
    found = facts(tmp_path, "Camp No. 99 was run from 1946 to 1949 by Colonel Pyotr Zhuravlev. His successor, Major "
                            "Anatoly Sizov, inherited a camp. In its first years camp No. 37 was headed by Major Sergei "
                            "Voronin; in 1948 he was succeeded by Colonel Aleksei Dyomin.")
    assert ("id/person/anatoly-sizov", "succeeded", "id/person/pyotr-zhuravlev") in found, found
    assert ("id/person/aleksei-dyomin", "succeeded", "id/person/sergei-voronin") in found, found
    assert ("id/person/aleksei-dyomin", "headOf", "id/camp/camp-no-37") in found, found


def test_a_later_name_in_brackets_after_now_is_the_whole_bracket(tmp_path: Path) -> None:
    found = facts(tmp_path, "The Kazakh Metallurgical Works (now ArcelorMittal Temirtau) grew. In Akmolinsk (now "
                            "Astana), the section was small.")
    renamed = {(s, o) for s, p, o in found if p == "renamedTo"}
    assert renamed == {("id/organization/kazakh-metallurgical-works", "id/organization/arcelormittal-temirtau"),
                       ("id/place/akmolinsk", "id/place/astana")}, renamed


def test_an_article_is_part_of_the_act_it_names_or_of_the_act_the_text_is_about(tmp_path: Path) -> None:
    found = facts(tmp_path, "The Almaty Burial Agreement was signed in 1994. The Agreement replaces the Memorandum on "
                            "Graves. Under Article 3, Kazakhstan keeps the graves. He was convicted under Article 58-6 "
                            "of the Criminal Code of the RSFSR.")
    parts = {(s, o) for s, p, o in found if p == "partOf" and s.startswith("id/legal-act/article")}
    assert parts == {("id/legal-act/article-3", "id/legal-act/almaty-burial-agreement"),
                     ("id/legal-act/article-58-6", "id/legal-act/criminal-code-of-the-rsfsr")}, parts


def test_a_place_visited_and_an_event_named_with_the_preposition_written(tmp_path: Path) -> None:
    found = facts(tmp_path, "In May 2001 Ogawa Reiko visits Dolinka with a tour. The echelon arrived at Karaganda "
                            "on 3 November 1945.")
    assert any(p == "destination" and o == "id/place/dolinka" for _, p, o in found), found
    assert any(s.endswith("arrival-of-echelon-at-karaganda") for s, _, _ in found), found


def test_someone_taken_prisoner_somewhere_is_a_capture_there(tmp_path: Path) -> None:
    found = facts(tmp_path, "Ogawa Shuichi served in a regiment. In August 1945 he was taken prisoner near Harbin. "
                            "Ono Taro was taken to Spassk in 1946.")
    kinds = {(s, o.split("#")[-1]) for s, p, o in found if p == "type" and s.startswith("id/event/")}
    assert ("id/event/article-capture-of-ogawa-shuichi-near-harbin", "Capture") in kinds, kinds
    assert ("id/event/article-transfer-of-ono-taro-to-spassk", "Transfer") in kinds, kinds


def test_a_figure_a_camp_held_measures_the_camp_it_stands_for(tmp_path: Path) -> None:
    found = facts(tmp_path, "Spassk camp No. 99 was a camp. Between 1945 and 1951 it held prisoners of several "
                            "nationalities, among them an estimated 6,300 Japanese soldiers and civilians.")
    assert any("6-300" in s and p == "measures" and o == "id/camp/camp-no-99" for s, p, o in found), found


def test_places_in_places_after_a_comma_and_a_camp_for_someone_at_a_place(tmp_path: Path) -> None:
    found = facts(tmp_path, "Grigory Sukhov commanded camp No. 39 for Japanese prisoners of war at Dzhezkazgan, in "
                            "the Karaganda Region. The cemetery lies outside Balkhash, a town in the Karaganda Region.")
    assert ("id/camp/camp-no-39", "location", "id/place/zhezkazgan") in found, found
    assert ("id/place/zhezkazgan", "locatedIn", "id/place/karaganda-region") in found, found
    assert ("id/place/balkhash", "locatedIn", "id/place/karaganda-region") in found, found


def test_a_camp_founded_as_a_section_of_another_is_part_of_it(tmp_path: Path) -> None:
    found = facts(tmp_path, "Camp No. 12 had been founded in 1940 as a section of Karlag, the vast camp.")
    assert ("id/camp/camp-no-12", "partOf", "id/camp/karlag") in found, found


def test_a_persons_description_names_the_body_they_work_for(tmp_path: Path) -> None:
    found = facts(tmp_path, "Taro Ueda, a historian at Tohoku University, wrote the book. Pyotr Volkov was a Soviet "
                            "MVD officer.")
    assert ("id/person/taro-ueda", "affiliation", "id/organization/tohoku-university") in found, found
    assert any(s == "id/person/pyotr-volkov" and p == "affiliation" and o.endswith("mvd") for s, p, o in found), found


def test_a_person_described_as_from_a_place_after_the_name(tmp_path: Path) -> None:
    found = facts(tmp_path, "I remember my friend Nakamura Toru (中村徹), a carpenter from Hakodate.")
    assert ("id/person/nakamura-toru", "placeOfOrigin", "id/place/hakodate") in found, found


def test_a_town_then_called_by_its_earlier_name_and_a_town_on_a_lakeshore(tmp_path: Path) -> None:
    found = facts(tmp_path, "Others built houses in Temirtau, then still called Samarkandsky. In 1947 prisoners were "
                            "sent to the copper works at Balkhash, on the western shore of Lake Balkhash.")
    assert ("id/place/samarkandsky", "renamedTo", "id/place/temirtau") in found, found
    shore = {s for s, p, o in found if p == "statedSubject" and o == "id/place/balkhash"}
    assert any(s in shore and p == "statedObject" and o == "id/place/lake-balkhash" for s, p, o in found), found
    assert any(s.endswith("-of-prisoners-to-balkhash") and p == "destination" and o == "id/place/balkhash"
               for s, p, o in found), found


def test_a_note_citing_a_page_and_an_author_closed_by_a_full_stop(tmp_path: Path) -> None:
    found = facts(tmp_path, "Biography\n\nHe headed the camp.[1]\n\nNotes\n\n[1] Petrenko, V. Wardens of the North. "
                            "Karaganda: Bolashak, 2010, p. 12.\n[2] Ueda Shin. Winter Stones (冬の石). Tokyo: Heibonsha, "
                            "1981, p. 3.\n")
    assert ("id/publication/wardens-of-the-north", "author", "id/person/v-petrenko") in found, found
    assert ("id/publication/wardens-of-the-north", "publisher", "id/organization/bolashak") in found, found
    assert ("id/publication/winter-stones", "author", "id/person/ueda-shin") in found, found


def test_the_head_of_a_review_is_the_citation_of_the_book_reviewed(tmp_path: Path) -> None:
    found = facts(tmp_path, "Review\n\nUeda Shin (上田慎). Coal and Frost: Prisoners in Kazakhstan, 1945–1949. "
                            "Sapporo: Hokusei Press, 2023. xii + 318 pp.\n\nFew subjects were studied so unevenly.\n")
    book = "id/publication/coal-and-frost-prisoners-in-kazakhstan-19451949"
    assert (book, "author", "id/person/ueda-shin") in found, found
    assert (book, "placeOfPublication", "id/place/sapporo") in found, found


def test_papers_and_titles_named_by_what_they_are_or_by_their_publishing(tmp_path: Path) -> None:
    found = facts(tmp_path, "Papers\n\nIn 1948 the first issue of the camp newspaper Dawn (黎明), edited by Ueda Shin "
                            "(上田慎), appeared in Spassk. \"Letters from the Coal Town\" came out in 2019. Kenji Sato "
                            "wrote for the Tohoku Shimbun.\n")
    kinds = {(s, o.split("#")[-1]) for s, p, o in found if p == "type"}
    assert ("id/publication/dawn", "Publication") in kinds, kinds
    assert ("id/publication/dawn", "editor", "id/person/ueda-shin") in found, found
    assert ("id/publication/letters-from-the-coal-town", "Book") in kinds, kinds
    assert ("id/publication/tohoku-shimbun", "Publication") in kinds, kinds


def test_a_head_named_with_years_in_office_and_a_memoirs_own_section(tmp_path: Path) -> None:
    found = facts(tmp_path, "In 1947 the head of the UPVI UMVD, Colonel Pyotr Ilyich Gromov (1946-1949), came. I was "
                            "held in the fifth section of camp No. 99. The commandant of our section was a Captain "
                            "Belov.\n")
    assert ("id/person/pyotr-ilyich-gromov", "headOf", "id/organization/upvi") in found, found
    path = tmp_path / "article.txt"
    assert not any(s == "id/person/pyotr-ilyich-gromov" and p in ("birthYear", "deathDate")
                   for s, p, _ in _short_triples(path))
    assert any(s == "id/person/belov" and p == "headOf" and "fifth-section" in o for s, p, o in found), found


def test_a_chronologys_present_tense_and_an_intransitive_opening_are_dated(tmp_path: Path) -> None:
    found = facts(tmp_path, "Chronology\n\n- 30 June 1949: camp No. 526 at Temirtau is closed.\n\nSection No. 6 at "
                            "Saran opened in October 1946. The Karlag museum opened an exhibition in 2002.\n")
    kinds = {(s, o.split("#")[-1]) for s, p, o in found if p == "type"}
    assert not any("establishment-of-karlag-museum" in s for s, _ in kinds), kinds
    dated = {(q.subject.value.split("/")[-1], q.predicate.value.split("#")[-1], q.object.value)
             for q in extract_paths([tmp_path / "article.txt"], Settings())}
    assert ("camp-no-526", "endDate", "1949-06-30") in dated, dated   # a camp's end and start, as dated
    assert ("article-section-no-6", "startDate", "1946-10") in dated, dated   # (a section of this text's camp)


def test_a_short_dependency_path_between_two_names_is_a_stated_relation(tmp_path: Path) -> None:
    found = facts(tmp_path, "Kenji Sato wrote for the Tohoku Shimbun. Mail went from Irkutsk, a city near Lake "
                            "Baikal, to Tashkent. Ueda Shin said that the Karlag museum kept letters.\n")
    stated = {s for s, p, o in found if p == "statedSubject" and o == "id/person/kenji-sato"}
    assert any(s in stated and p == "statedObject" and o == "id/publication/tohoku-shimbun"
               for s, p, o in found), found
    places = {"id/place/irkutsk", "id/place/tashkent"}
    assert not any(p == "statedSubject" and o in places for _, p, o in found), found   # two places: no path
    museum = {s for s, p, o in found if p in ("statedObject", "statedSubject") and "karlag-museum" in o}
    assert not any(s in museum and o == "id/person/ueda-shin" for s, p, o in found), found   # a reported clause


def test_an_order_of_a_body_of_the_ussr_keeps_its_issuer_number_and_date(tmp_path: Path) -> None:
    found = facts(tmp_path, "The report was written pursuant to Order of the MVD USSR No. 00918 of 12 May 1947.\n")
    assert ("id/legal-act/order-no-00918", "issuedBy", "id/organization/mvd") in found, found


def test_a_reference_list_without_blank_lines_is_one_reference_per_line(tmp_path: Path) -> None:
    found = facts(tmp_path, "Article\n\nReferences\n\nPetrov, S. P. (1993). Plennye v stepi. Karaganda: Arko.\n"
                            "Ueda, Shin (2005). Karaganda no hoshi. Tokyo: Heibonsha.\nSadykova, A. (2014). The camp "
                            "graves of Karaganda: a survey. Steppe History Review, 7, 52–70.\n")
    assert ("id/publication/plennye-v-stepi", "author", "id/person/s-p-petrov") in found, found
    assert ("id/publication/karaganda-no-hoshi", "publisher", "id/organization/heibonsha") in found, found
    assert ("id/publication/the-camp-graves-of-karaganda-a-survey", "partOf",
            "id/publication/steppe-history-review") in found, found


def test_a_figure_names_who_gives_it_who_has_it_and_where_those_it_counts_went(tmp_path: Path) -> None:
    found = facts(tmp_path, "According to the Ministry of Health, Labour and Welfare, roughly 1,400 Japanese "
                            "detainees died there. The Japan Foundation provided a grant of 4.2 million tenge. "
                            "The remaining 1,140 prisoners were sent to Nakhodka. The memorial book published by "
                            "the Association for Recording Internment lists 1,611 Japanese.")
    said = {(s.split("-c")[0].rsplit("/", 1)[-1], p, o.rsplit("/", 1)[-1]) for s, p, o in found
            if s.startswith("id/statistic/") and p in ("statedBy", "measures", "destination", "origin")}
    assert ("article-roughly-1-400-japanese-japanese-detainees", "statedBy",
            "ministry-of-health-labour-and-welfare") in said, said
    assert ("article-4-2-million-tenge", "measures", "japan-foundation") in said, said
    assert ("article-1-140-prisoners", "destination", "nakhodka") in said, said
    # the agent of a participle ("published by X") is not who gives the figure; a figure names no place it
    # was not moved to or from ("civilian internees from Dairen" is who they were)
    assert not any(o == "association-for-recording-internment" for s, p, o in said), said
    found = facts(tmp_path, "The camp held several hundred civilian internees from Dairen.")
    assert not any(s.startswith("id/statistic/") and p == "origin" for s, p, o in found), found


def test_the_front_matter_says_who_wrote_the_document_for_whom_who_translated_and_issued_it_and_when(
        tmp_path: Path) -> None:
    body = ("The camp held about 300 men in May 1947, and more were expected to arrive from the camp at Spassk by "
            "the end of the summer of that year, when the mines of the trust needed more hands than ever before.")
    found = facts(tmp_path, "Monthly report\n\nTO: the Head of the MVD Administration of the Karaganda Region, Major "
                            "General N. I. Fadeyev\nFROM: the Commandant of Camp No. 53, Lieutenant Colonel S. T. "
                            "Gavrilenko\n\nTranslated from the Russian by Eri Hayakawa. The original is lost.\n\n"
                            + body)
    doc = "id/publication/article"
    assert (doc, "addressee", "id/person/n-i-fadeyev") in found, found
    assert (doc, "author", "id/person/s-t-gavrilenko") in found, found
    assert (doc, "translator", "id/person/eri-hayakawa") in found, found
    found = facts(tmp_path, "Press statement on the agreement\n\nMinistry of Foreign Affairs of the Republic of "
                            "Kazakhstan, Press Service\n\nSato Michiko (Tohoku University) and Dmitry V. Belousov "
                            "(Karaganda State University)\n\n" + body)
    assert any(s == doc and p == "issuingBody" and "ministry-of-foreign-affairs" in o for s, p, o in found), found
    assert {o for s, p, o in found if s == doc and p == "author"} == {"id/person/sato-michiko",
                                                                      "id/person/dmitry-v-belousov"}, found
    # a description's person is no author; a sentence of the text that opens with "By" is no byline
    found = facts(tmp_path, "Looking for Grandfather\n\nCompiled by Ogawa Reiko, granddaughter of Ogawa Shuichi, for "
                            "relatives.\n\nBy State Defence Committee Resolution No. 9898 of 23 August 1945, 50,000 "
                            "Japanese prisoners of war were assigned to the Kazakh SSR, and of these about 23,000 "
                            "were sent to the mines of the Karaganda coal basin, where they stayed for years.")
    assert {(p, o) for s, p, o in found if s == doc and p in ("author", "issuingBody")} == {
        ("author", "id/person/ogawa-reiko")}, found


def test_two_things_in_one_place_are_not_thereby_related_and_a_verb_between_them_is_kept(tmp_path: Path) -> None:
    found = facts(tmp_path, "In 1948 camp No. 99 absorbed the smaller camp No. 412 at Dolinka.")
    statements = {s for s, p, o in found if p == "statedSubject" and o == "id/camp/camp-no-99"}
    assert any((s, "statedObject", "id/camp/camp-no-412") in found for s in statements), found
    # a place in the place already said is no second statement: "born in Kanazawa, Ishikawa Prefecture"
    found = facts(tmp_path, "Kuroda Shigeharu was born in Kanazawa, Ishikawa Prefecture, in 1915.")
    assert not any(p == "statedObject" and o.endswith("ishikawa-prefecture") for s, p, o in found), found


def test_a_group_singled_out_that_reaches_a_place_is_an_arrival_named_as_the_text_names_it(tmp_path: Path) -> None:
    found = facts(tmp_path, "The first trains with Japanese prisoners arrived at Karaganda. Prisoners were sent to "
                            "the mines. The first train of Japanese prisoners reached Karaganda on 8 October 1945.")
    arrivals = {s for s, p, o in found if p == "destination" and s.startswith("id/event/")}
    assert len(arrivals) == 2 and all((s, "destination", "id/place/karaganda") in found for s in arrivals), found
    path = tmp_path / "article.txt"
    names = {q.object.value for q in extract_paths([path], Settings()) if q.predicate.value.endswith("altLabel")}
    assert "arrival of the first train of Japanese prisoners to Karaganda" in names, names


def test_an_event_held_over_days_is_dated_by_its_first_and_last_day(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("The Captivity and Memory conference was held in Karaganda on 12–13 October 2022. A "
                    "remains-collection mission worked in Kazakhstan from 1 to 26 September 2025.", encoding="utf-8")
    dated = {(q.subject.value.rsplit("/", 1)[-1], q.predicate.value.split("#")[-1], q.object.value)
             for q in extract_paths([path], Settings()) if q.predicate.value.endswith(("startDate", "endDate"))}
    assert any("conference" in s and p == "startDate" and o == "2022-10-12" for s, p, o in dated), dated
    assert any("conference" in s and p == "endDate" and o == "2022-10-13" for s, p, o in dated), dated
    assert any("mission" in s and p == "startDate" and o == "2025-09-01" for s, p, o in dated), dated
    assert any("mission" in s and p == "endDate" and o == "2025-09-26" for s, p, o in dated), dated


def test_what_a_named_person_died_of_is_stated_of_him_as_written(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("Tanaka Ichiro was a corporal. Tanaka died of the fever in the night. Sato Kenji, a private, "
                    "died of dysentery in March 1946.", encoding="utf-8")
    causes = {(q.subject.value.rsplit("/", 1)[-1], q.object.value) for q in extract_paths([path], Settings())
              if q.predicate.value.endswith("causeOfDeath")}
    assert causes == {("tanaka-ichiro", "fever"), ("sato-kenji", "dysentery")}, causes


def test_a_camp_in_operation_over_years_has_that_span_as_start_end_and_an_edtf_period(tmp_path: Path) -> None:
    # (the second sentence: "held ... from 1945 to 1949" says the same of camp No. 37)
    path = tmp_path / "article.txt"
    path.write_text("Dzhezkazgan camp No. 39 was a camp for Japanese prisoners of war. It operated from 1945 to "
                    "1949. Camp No. 37 held mainly Japanese prisoners of war from 1945 to 1949.", encoding="utf-8")
    spans = {(q.subject.value.rsplit("/", 1)[-1], q.predicate.value.split("#")[-1], q.object.value)
             for q in extract_paths([path], Settings())
             if q.predicate.value.split("#")[-1] in ("startDate", "endDate", "period")}
    # a camp that held its prisoners over a span was in operation then; a figure's span is no camp's
    assert spans == {(camp, p, o) for camp in ("camp-no-39", "camp-no-37") for p, o in (
        ("startDate", "1945"), ("endDate", "1949"), ("period", "1945/1949"))}, spans


def test_a_figure_of_people_the_sentence_ties_to_nothing_is_of_what_a_name_title_names(tmp_path: Path) -> None:
    text = "Camp No. 318 was a camp for Japanese prisoners of war. During the quarter 64 prisoners died.\n"
    titled = tmp_path / "titled.txt"
    titled.write_text("Camp No. 318\n\n" + text, encoding="utf-8")
    headline = tmp_path / "headline.txt"
    headline.write_text("A delegation visits Camp No. 318 today\n\n" + text, encoding="utf-8")

    def measured(path: Path) -> set[str]:
        return {q.object.value.rsplit("/", 1)[-1] for q in extract_paths([path], Settings())
                if q.predicate.value.endswith("measures") and "64" in q.subject.value}
    assert measured(titled) == {"camp-no-318"}
    assert measured(headline) == set()   # a headline names what it reports, not what the text is about


def test_memorials_unveiled_or_placed_and_lost_things_found_are_events_named_also_by_their_bare_noun(
        tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("In 1995 a Japanese delegation unveiled a memorial at the Maikuduk cemetery. In 2008 a plaque was "
                    "placed at Saran. In 2016 she found the old cemetery plan. Prisoners were placed in barracks.",
                    encoding="utf-8")
    quads = list(extract_paths([path], Settings()))
    labels = {q.object.value for q in quads if q.predicate.value.endswith("#label") and "/event/" in q.subject.value}
    assert labels == {"unveiling of memorial at Maikuduk cemetery", "placing of plaque at Saran",
                      "discovery of old cemetery plan"}, \
        labels
    names = {q.object.value for q in quads if q.predicate.value.endswith("altLabel")}
    assert "discovery of the cemetery plan" in names, names


def test_a_memorial_unveiled_somewhere_by_a_body_is_one_event_with_its_place_and_body(tmp_path: Path) -> None:
    found = facts(tmp_path, "In 1998 a memorial stone was unveiled at the Saran cemetery by a delegation of the "
                            "Japanese Ministry of Health, Labour and Welfare. The Saran cemetery was rediscovered "
                            "in 1992.")
    events = {s for s, p, o in found if s.startswith("id/event/") and p == "type"}
    unveiling = [s for s in events if "unveiling" in s]
    assert len(unveiling) == 1, events
    assert any(p == "location" and o.endswith("saran-cemetery") for s, p, o in found if s == unveiling[0]), found
    assert any(p == "participant" and "ministry-of-health" in o for s, p, o in found if s == unveiling[0]), found
    assert any("rediscovery" in s for s in events), events


def test_a_works_year_alone_in_brackets_after_its_title_is_its_year_of_publication(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("The camp was first described by the historian Aigul Seitkali in her book Shadows on the Steppe "
                    "(2004). It was followed by the story collection Salt and Coal (1961).", encoding="utf-8")
    years = {(q.subject.value.rsplit("/", 1)[-1], q.object.value) for q in extract_paths([path], Settings())
             if q.predicate.value.endswith("publicationYear")}
    assert years == {("shadows-on-the-steppe", "2004"), ("salt-and-coal", "1961")}, years


def test_the_places_of_a_list_lie_in_none_of_each_other(tmp_path: Path) -> None:
    found = facts(tmp_path, "The camp had sections in Maikuduk, Saran, Kompaneisk and Churubai-Nura. He was treated "
                            "in a hospital in Kanazawa, Ishikawa Prefecture.")
    inside = {(s, o) for s, p, o in found if p == "locatedIn"}
    assert inside == {("id/place/kanazawa", "id/place/ishikawa-prefecture")}, inside


def test_a_place_after_a_section_of_a_camp_is_the_sections(tmp_path: Path) -> None:
    found = facts(tmp_path, "He worked in section No. 8 of camp No. 99 at Kokuzek.")
    assert {s for s, p, o in found if p == "location" and o.endswith("kokuzek")} == {
        "id/camp/section-no-8-of-camp-no-99"}, found


def test_sentences_that_open_like_bylines_and_headings_that_are_names_say_nothing_of_the_document(
        tmp_path: Path) -> None:
    found = facts(tmp_path, "Notable prisoners\n\nTanaka Ichiro (1920-1998)\n\nPrepared by Major Ivanov in 1946, the "
                            "report was sent to Moscow.\n\nBy the end of 1948, some 2,000 prisoners had been sent to "
                            "Nakhodka and the camp was closed soon afterwards by order of the ministry.")
    doc = "id/publication/article"
    assert not any(s == doc and p in ("author", "translator", "issuingBody") for s, p, o in found), found


def test_figures_are_not_moved_by_work_or_held_by_a_body_that_merely_held_a_meeting(tmp_path: Path) -> None:
    found = facts(tmp_path, "About 2,000 prisoners worked at the plant next to Temirtau. Some 300 prisoners worked "
                            "in the mine that supplied coal to Balkhash. The Karaganda Coal Trust held a meeting in "
                            "1947 attended by 300 workers. The NKVD held Japanese prisoners in Karaganda from 1945 "
                            "to 1949.")
    assert not any(s.startswith("id/statistic/") and (p == "destination" or p == "measures" and "organization" in o)
                   for s, p, o in found), found   # (the meeting's 300 workers measure the meeting)
    path = tmp_path / "article.txt"
    assert not any(q.predicate.value.endswith(("startDate", "period")) for q in extract_paths([path], Settings()))


def test_a_cause_of_death_is_of_the_one_who_died_not_of_the_one_named_before(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("Nakamura Jiro was a corporal. The widow of Nakamura Jiro died of cancer in 2001. Sato Kenji died "
                    "of his wounds.", encoding="utf-8")
    causes = {(q.subject.value.rsplit("/", 1)[-1], q.object.value) for q in extract_paths([path], Settings())
              if q.predicate.value.endswith("causeOfDeath")}
    assert causes == {("sato-kenji", "wounds")}, causes


def test_a_memorial_placed_somewhere_and_a_restoration_by_a_body_are_named_for_where_and_by_whom(
        tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("A plaque was placed at Saran in 2008. The memorial complex was restored by the Karaganda akimat "
                    "in 2010.", encoding="utf-8")
    labels = {q.object.value for q in extract_paths([path], Settings())
              if q.predicate.value.endswith("#label") and "/event/" in q.subject.value}
    assert labels == {"placing of plaque at Saran", "restoration of memorial complex by Karaganda akimat"}, labels


def test_a_body_that_posted_or_compiled_the_document_issues_it(tmp_path: Path) -> None:
    found = facts(tmp_path, "Notice\n\nPosted by Spassk Memorial Society on 3 May 2020\n\nThe society will hold its "
                            "annual service at the Spassk cemetery on the first Saturday of September, as every year.")
    assert ("id/publication/article", "issuingBody", "id/organization/spassk-memorial-society") in found, found


def test_a_negated_verb_states_no_relation_or_event_only_what_the_text_says(tmp_path: Path) -> None:
    found = facts(tmp_path, "The Soviet Union did not sign the San Francisco Peace Treaty. The camp No. 12 was never "
                            "closed.")
    assert not any(p == "issuedBy" for s, p, o in found), found
    assert not any(s.startswith("id/event/") for s, p, o in found), found
    path = tmp_path / "article.txt"
    words = {q.object.value for q in extract_paths([path], Settings()) if q.predicate.value.endswith("verbPhrase")}
    assert "did not sign the" in words, words


def test_a_district_of_a_town_or_region_lies_in_it(tmp_path: Path) -> None:
    found = facts(tmp_path, "The cemetery lies in the Shakhtinsk district of the Karaganda region. Its office stood in "
                            "the New Town district of Karaganda.")
    assert ("id/place/shakhtinsk-district", "locatedIn", "id/place/karaganda-region") in found, found
    assert ("id/place/new-town-district", "locatedIn", "id/place/karaganda") in found, found


def test_a_camp_merged_or_absorbed_into_another_is_part_of_it() -> None:
    assert ("merged-into", "camp", "No.") in roles("In 1948 the Temirtau camp was absorbed into Camp No. 531.")


def test_the_resolution_or_the_agreement_refers_back_to_the_act_named_before(tmp_path: Path) -> None:
    found = facts(tmp_path, "Resolution No. 9898 of the State Defence Committee was adopted on 23 August 1945. The "
                            "resolution was signed by Joseph Stalin. The Agreement on Japanese Graves in Kazakhstan "
                            "was signed in 1998. The agreement was signed by the Japanese ambassador, Takeshi Otani.")
    signed = {(s.rsplit("/", 1)[-1], o.rsplit("/", 1)[-1]) for s, p, o in found if p == "issuedBy"}
    assert ("agreement-on-japanese-graves-in-kazakhstan", "takeshi-otani") in signed, signed
    assert any(s.startswith("resolution") and o == "stalin" for s, o in signed), signed


def test_a_person_described_by_rank_of_a_unit_served_in_it(tmp_path: Path) -> None:
    found = facts(tmp_path, "He met Hayashi Kenzo, a former sergeant of the 107th Division. Takeuchi Isamu, formerly "
                            "a sergeant of the Kwantung Army, was sentenced. Sato Jiro, a friend of the museum, came.")
    served = {(s.rsplit("/", 1)[-1], o.rsplit("/", 1)[-1]) for s, p, o in found if p == "memberOf"}
    assert served == {("hayashi-kenzo", "107th-division"), ("takeuchi-isamu", "kwantung-army")}, served


def test_the_museum_refers_back_only_to_a_museum(tmp_path: Path) -> None:
    found = facts(tmp_path, "Takeuchi Isamu served in the Kwantung Army. The museum received his letters in 2009.")
    assert not any(o.endswith("kwantung-army") and s.startswith("id/statistic/") or
                   p == "statedSubject" and o.endswith("kwantung-army") for s, p, o in found), found


def test_a_towns_section_of_a_named_camp_is_a_camp_section(tmp_path: Path) -> None:
    found = facts(tmp_path, "He was held in the Dolinka section of Karlag until 1953.")
    section = next(s for s, p, o in found if p == "sectionOf")
    assert (section, "type", "ontology#CampSection") in found, found


def test_an_ambassador_to_a_country_is_stated_of_the_person_named_after_the_post(tmp_path: Path) -> None:
    found = facts(tmp_path, "The plaque was unveiled in the presence of the Japanese ambassador to Kazakhstan, "
                            "Hiroshi Takeda.")
    stated = {s for s, p, o in found if p == "statedSubject" and o == "id/person/hiroshi-takeda"}
    assert any((s, "statedObject", "id/place/kazakhstan") in found for s in stated), found


def test_issuing_family_reads_an_act_of_a_body_past_a_bracket_in_another_script() -> None:
    # the bracket's Cyrillic, read by the English model as verbs, took the sentence's subject away
    assert ("act-of-body", "No.", "NKVD") in roles("Order No. 00965 (Russian: Приказ НКВД СССР № 00965) was an order "
                                                   "of the NKVD signed on 1 December 1945.")


def test_the_parser_reads_other_scripts_in_brackets_as_one_word_and_keeps_offsets_and_translations() -> None:
    text = 'His memoir, Karaganda no Fuyu (カラガンダの冬, "Winter in Karaganda"), and Order No. 1 (Russian: Приказ № 1).'
    blanked = blank_other_names(text)
    assert len(blanked) == len(text)
    assert '(xxxxxxx, "Winter in Karaganda")' in blanked, blanked
    assert "(" + "x" * len("Russian: Приказ № 1") + ")" in blanked, blanked
    assert blank_other_names("camp No. 99 (1945–1949) (NKVD)") == "camp No. 99 (1945–1949) (NKVD)"
    # an encyclopedia's note calls are no words of the sentence
    assert blank_other_names("near Saran[1] in 1945.[note 2] [3]") == "near Saran    in 1945.         [3]"


def test_a_sentence_ends_after_its_note_calls_and_the_camp_counted_is_the_camps_figure(tmp_path: Path) -> None:
    text = "Camp No. 347 was a camp near Saran.[2] At its peak the camp counted about 9,400 prisoners.[3][4] It closed."
    assert [text[a:b] for a, b in sentences(text)] == [
        "Camp No. 347 was a camp near Saran.[2]", "At its peak the camp counted about 9,400 prisoners.[3][4]",
        "It closed."]
    found = facts(tmp_path, text)
    assert any(p == "measures" and o == "id/camp/camp-no-347" for _, p, o in found), found


def test_an_events_words_as_written_leave_out_note_calls(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("Camp No. 41 was a camp near Saran[1]. It was established in October 1945[3] by the NKVD.",
                    encoding="utf-8")
    written = [q.object.value for q in extract_paths([path], Settings())
               if q.predicate.value.split("#")[-1] in ("label", "altLabel", "verbPhrase")]
    assert any("October 1945" in w for w in written), written
    assert not any("[" in w for w in written), written


def test_a_site_at_a_town_lies_in_it_and_a_place_near_a_town_is_stated_near_it(tmp_path: Path) -> None:
    found = facts(tmp_path, "Prisoners dug at mine No. 31 near Saran and at the Kokuzek quarry at Sarybulak. Women "
                            "were held at Kokpekty near Akmolinsk.")
    assert ("id/place/kokuzek-quarry", "locatedIn", "id/place/sarybulak") in found, found
    near = {s for s, p, o in found if p == "statedSubject" and o == "id/place/mine-no-31"}
    assert any((s, "statedObject", "id/place/saran") in found for s in near), found
    assert not any(s == "id/place/mine-no-31" and p == "locatedIn" for s, p, _ in found), found
    near = {s for s, p, o in found if p == "statedSubject" and o == "id/place/kokpekty"}
    assert any((s, "statedObject", "id/place/akmolinsk") in found for s in near), found


def test_a_post_after_a_bracket_and_a_short_name_of_a_body_met_before(tmp_path: Path) -> None:
    found = facts(tmp_path, "The Sapporo Institute for Siberian Internment Studies led it. The work was led by Hiroko "
                            "Tanabe (born 1962), director of the Sapporo institute. Kenji Ito (born 1950), professor at "
                            "Kyoto University, wrote.")
    assert ("id/person/hiroko-tanabe", "affiliation",
            "id/organization/sapporo-institute-for-siberian-internment-studies") in found, found
    assert ("id/person/kenji-ito", "affiliation", "id/organization/kyoto-university") in found, found


def test_a_dated_visit_of_a_group_is_a_visit_named_without_its_fronted_date(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("In June 2015 a delegation of the Hokkaido Assembly led by Kenta Mori visited the site.",
                    encoding="utf-8")
    quads = list(extract_paths([path], Settings()))
    visits = {q.subject.value for q in quads if q.predicate == RDF.type and q.object == JPOW.Visit}
    assert len(visits) == 1, visits
    names = {q.object.value for q in quads if q.subject.value in visits and q.predicate.value.endswith("altLabel")}
    assert "a delegation of the Hokkaido Assembly led by Kenta Mori visited the site" in names, names
    assert any(q.subject.value in visits and q.predicate.value.endswith("#date") and q.object.value == "2015-06"
               for q in quads), quads


def test_dated_deeds_include_a_dismissal_and_a_range_from_a_month_to_another() -> None:
    assert ("dated-deed", "He", "June") in roles("He was dismissed on 11 June 1948.")
    assert ("dated-deed", "Repatriation", "January") in roles("Repatriation was suspended from January to April 1950.")
    assert ("dated-deed", "part", "2002") in roles("Between 2002 and 2004 a joint team excavated part of the site.")


def test_an_event_noun_with_its_of_that_begins_and_the_last_group_that_left_are_events(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("Repatriation of the Japanese began in the summer of 1947. The last group left in April 1950.",
                    encoding="utf-8")
    quads = list(extract_paths([path], Settings()))
    labels = {q.object.value for q in quads if q.predicate.value.endswith("#label")}
    assert {"Repatriation of the Japanese", "last group"} <= labels, labels


def test_a_part_of_a_body_that_names_nothing_stands_for_its_owner(tmp_path: Path) -> None:
    found = facts(tmp_path, "Camp No. 44\n\nCamp No. 44 was a camp near Karaganda. Its sections were located at "
                            "Kirovsky and Tikhonovka.")
    assert {("id/camp/camp-no-44", "location", "id/place/kirovsky"),
            ("id/camp/camp-no-44", "location", "id/place/tikhonovka")} <= found, found


def test_a_seat_written_as_an_address_after_a_body_and_a_speaker_s_town_in_brackets(tmp_path: Path) -> None:
    found = facts(tmp_path, "Lent by the Maizuru Repatriation Memorial Museum, Maizuru.\nDonor: Japan Association "
                            "for the Families of Siberian Internees (Tokyo).\nSpeakers: Viktor Lazarev (Moscow) and "
                            "Ainur Kassymova (Almaty).")
    assert ("id/organization/maizuru-repatriation-memorial-museum", "location", "id/place/maizuru") in found, found
    assert ("id/organization/japan-association-for-the-families-of-siberian-internees", "location",
            "id/place/tokyo") in found, found
    assert ("id/person/viktor-lazarev", "placeOfOrigin", "id/place/moscow") in found, found
    assert ("id/person/ainur-kassymova", "placeOfOrigin", "id/place/almaty") in found, found


def test_an_event_noun_dated_or_with_its_year_before_it_is_an_event_and_a_strike_is_named_by_its_phrase(
        tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("It was formed after the reorganisation of March 1946. A strike by some 400 prisoners at camp "
                    "No. 418 in August 1948 was ended after three days. The 1995 mission was led by Nakamura Takeshi. "
                    "The first mission left.", encoding="utf-8")
    names = {q.object.value for q in extract_paths([path], Settings())
             if q.predicate.value.split("#")[-1] in ("label", "altLabel")}
    assert {"reorganisation of March 1946", "strike by some 400 prisoners at camp No. 418",
            "1995 mission"} <= names, names
    assert "first mission" not in names, names


def test_a_list_of_heads_under_a_heading_or_an_announcing_line_heads_its_unit(tmp_path: Path) -> None:
    found = facts(tmp_path, "Special Hospital No. 5127\n\nSpecial Hospital No. 5127 was a hospital in Karaganda.\n\n"
                            "Heads\n- Colonel Ivan Rudakov, 1945–1947\n- Lieutenant Colonel Grigory Pankratov, 1947–1949"
                            "\n\nThe Soviet heads of the hospital were:\n- Major of the medical service Boris Tsoi, "
                            "1948–1950\n\nMembers\n- Pyotr Ivanov, 1950\n")
    heads = {s for s, p, o in found if p == "headOf" and o.startswith("id/camp/")}
    assert heads == {"id/person/ivan-rudakov", "id/person/grigory-pankratov", "id/person/boris-tsoi"}, found


def test_a_body_s_name_keeps_an_en_dash_between_its_words_and_the_troops_of_a_ministry(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("It was renamed the Association for Japanese–Kazakh Friendship and Remembrance in 1999. A company "
                    "of the 248th Convoy Battalion of the MVD troops guarded it.", encoding="utf-8")
    labels = {q.object.value for q in extract_paths([path], Settings()) if q.predicate.value.endswith("#label")}
    assert {"Association for Japanese–Kazakh Friendship and Remembrance",
            "248th Convoy Battalion of the MVD troops"} <= labels, labels


def test_who_acts_by_an_act_and_who_signed_it_issued_it(tmp_path: Path) -> None:
    found = facts(tmp_path, "By Order No. 284 of 6 December 1948, the minister, Fyodor Borodulin, dismissed the "
                            "engineer. The camp was closed by order No. 211 of the Karaganda directorate, signed by "
                            "Colonel Grigory Pankratov.")
    assert ("id/legal-act/order-no-284", "issuedBy", "id/person/fyodor-borodulin") in found, found
    assert ("id/legal-act/order-no-211", "issuedBy", "id/person/grigory-pankratov") in found, found
    assert any(r[0] == "by-act-did" for r in roles("By Order No. 284 of 6 December 1948, the minister dismissed him."))
    assert not any(r[0] == "by-act-did" for r in roles("By Order No. 284, the prisoners were released."))


def test_an_act_concerns_what_was_set_up_or_closed_by_it(tmp_path: Path) -> None:
    found = facts(tmp_path, "The Karaganda Regional Directorate was established by order No. 00971 of 3 November 1945. "
                            "Camp No. 412 was closed on 20 September 1949 by order No. 211. Order No. 0117 closed "
                            "Camp No. 99.")
    assert {("id/legal-act/order-no-00971", "concerns", "id/organization/karaganda-regional-directorate"),
            ("id/legal-act/order-no-211", "concerns", "id/camp/camp-no-412"),
            ("id/legal-act/order-no-0117", "concerns", "id/camp/camp-no-99")} <= found, found


@pytest.mark.parametrize("title, opening, label", [
    ("Echelon No. 27-114", "Echelon No. 27-114 was a railway transport that carried prisoners to Karaganda.",
     "Echelon No. 27-114"),
    ("Democratic movement in the Karaganda camps", "The democratic movement (minshu undō) in the Karaganda camps "
     "was a political campaign among the prisoners.", "Democratic movement in the Karaganda camps"),
    ("Spassk tribunal of 1949", "The Spassk tribunal was a closed trial of seven officers.", "Spassk tribunal of 1949"),
])
def test_an_article_about_an_event_names_it_by_its_title(tmp_path: Path, title: str, opening: str, label: str) -> None:
    path = tmp_path / "article.txt"
    path.write_text(f"{title}\n\n{opening}\n", encoding="utf-8")
    quads = list(extract_paths([path], Settings()))
    events = {q.subject.value for q in quads if q.predicate == RDF.type and "/event/" in q.subject.value}
    labels = {q.object.value for q in quads if q.subject.value in events and q.predicate.value.endswith("#label")}
    assert label in labels, labels
    assert not {"railway transport", "political campaign"} & labels, labels


def test_a_named_body_led_by_someone_in_a_participle_is_headed_by_them_but_not_a_body_its_of_names() -> None:
    assert any(r[0] == "headed-by-participle" for r in roles(
        "The Karaganda Comrades Society, led by Ito Jiro, collected testimony."))
    assert not any(r[0] == "headed-by-participle" for r in roles(
        "A commission of the Ministry, headed by the engineer Nikolai Sviridov, examined the mine."))


def test_a_figure_recorded_in_the_camp_measures_the_camp_the_camp_refers_to(tmp_path: Path) -> None:
    found = facts(tmp_path, "Camp No. 412\n\nCamp No. 412 was a camp at Temirtau. More than 1,100 deaths were "
                            "recorded in the camp.")
    assert any(s.startswith("id/statistic/") and p == "measures" and o == "id/camp/camp-no-412"
               for s, p, o in found), found


def test_units_a_body_s_list_includes_are_part_of_it(tmp_path: Path) -> None:
    found = facts(tmp_path, "Karaganda Regional Directorate\n\nThe Karaganda Regional Directorate was a body of the "
                            "MVD. The directorate's camps included camp No. 412 at Temirtau, camp No. 418 at Saran and "
                            "camp No. 425 at Dzhezkazgan.")
    owner = "id/organization/karaganda-regional-directorate"
    assert {(f"id/camp/camp-no-{n}", "partOf", owner) for n in (412, 418, 425)} <= found, found


def test_who_gives_a_figure_a_body_a_person_or_a_work(tmp_path: Path) -> None:
    found = facts(tmp_path, "The Japanese Ministry of Health and Welfare later gave a figure of about 17,000. Gulnara "
                            "Zhaksybekova, in her book Foreign Prisoners in Central Kazakhstan, arrives at more than "
                            "41,000. Karagandaugol's annual report for 1947 credits them with about 1.4 million tonnes.")
    stated = {o for s, p, o in found if p == "statedBy"}
    reported = {o for s, p, o in found if p == "reportedIn"}   # (a work gives it: the document it is reported in)
    assert "id/organization/japanese-ministry-of-health-and-welfare" in stated, found
    assert "id/publication/foreign-prisoners-in-central-kazakhstan" in reported, found
    assert any(o.startswith("id/publication/article-karagandaugol") for o in reported), reported
    assert not any(o.startswith("id/publication/") for o in stated), stated


def test_an_event_noun_a_participle_of_doing_dates_is_an_event_named_with_it(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("An inspection carried out by the regional directorate in April 1946 found faults. Surveys "
                    "conducted in Karaganda in 2012 found that few knew. An inspection carried out by the directorate "
                    "found faults.", encoding="utf-8")
    labels = {q.object.value for q in extract_paths([path], Settings()) if q.predicate.value.endswith("#label")}
    assert {"inspection carried out by the regional directorate in April 1946",
            "Surveys conducted in Karaganda in 2012"} <= labels, labels
    assert "inspection carried out by the directorate" not in labels, labels


def test_heads_listed_on_one_line_and_camps_under_a_body_s_jurisdiction(tmp_path: Path) -> None:
    found = facts(tmp_path, "Camp N 37\n\nCamp N 37 was a camp in Karaganda oblast.\n\nHeads of the camp: Lieutenant "
                            "Colonel I. F. Drozdov (10.1945–04.1947); Colonel P. A. Semenikhin (04.1947–06.1949).\n\n"
                            "Under the jurisdiction of the UPVI of the UMVD were: camps N 37 and N 52.")
    heads = {s for s, p, o in found if p == "headOf"}
    assert heads == {"id/person/i-f-drozdov", "id/person/p-a-semenikhin"}, found
    assert {s for s, p, o in found if p == "subordinateTo" and o == "id/organization/upvi-of-the-umvd"} >= \
        {"id/camp/camp-no-52"}, found


def test_authorship_family_reads_whose_titled_work_and_a_writing_published_as_a_title(tmp_path: Path) -> None:
    found = facts(tmp_path, "Ogura Hideo taught at Maikuduk. His notes were published in Kobe in 1969 as Black Snow "
                            "Diary. Ishii Ren, whose memoir The Long Barracks (Osaka, 1981) is often cited, died in 1999.\n")
    assert ("id/publication/black-snow-diary", "author", "id/person/ogura-hideo") in found
    assert ("id/publication/the-long-barracks", "author", "id/person/ishii-ren") in found


def test_participation_family_reads_who_organised_an_event(tmp_path: Path) -> None:
    found = facts(tmp_path, "A memorial ceremony at Dolinka cemetery was held in June 2021, organised by the Karaganda "
                            "Japanese Society. The Saran symposium on captivity was organised by Buketov University.\n")
    assert any(s.startswith("id/event/") and p == "participant" and o == "id/organization/karaganda-japanese-society"
               for s, p, o in found), found
    assert any(s.startswith("id/event/") and p == "participant" and o.startswith("id/organization/buketov-university")
               for s, p, o in found), found


def test_captivity_family_reads_a_camp_after_the_time_a_person_was_held_until() -> None:
    assert ("held-until-in", "Sato", "No.") in roles("Sato was held until the winter of 1948 in Camp No. 99.")

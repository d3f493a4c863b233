"""Facts a noun phrase states without a verb (issue 11): a person's bracket of life, a body's owner, an event
named apart from its date. Each is pinned with a sentence written for this test."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import Literal

from kg.config import Settings
from kg.extract.text import extract_paths

BASE = Settings().base_iri


def facts(tmp_path: Path, text: str) -> set[tuple[str, str, str]]:
    """(subject, property's local name, object) of what `kg extract` states, IRIs without the base."""
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    return {(q.subject.value.removeprefix(BASE), q.predicate.value.split("#")[-1], q.object.value.removeprefix(BASE))
            for q in extract_paths([path], Settings())}


def test_a_dictionary_entry_bracket_gives_where_and_when_a_person_was_born_and_died(tmp_path: Path) -> None:
    found = facts(tmp_path, "OKADA Minoru (岡田 実; b. 4 May 1919, Fukui, Fukui Prefecture – d. 1987, Kyoto), "
                            "corporal of the Kwantung Army, was held at Spassk.\n")
    person = "id/person/okada-minoru"
    assert {(person, "birthYear", "1919-05-04"), (person, "deathDate", "1987"),
            (person, "placeOfBirth", "id/place/fukui"), (person, "placeOfDeath", "id/place/kyoto"),
            (person, "militaryRank", "corporal"), (person, "memberOf", "id/organization/kwantung-army")} <= found


def test_life_dates_with_places_without_b_and_d(tmp_path: Path) -> None:
    found = facts(tmp_path, "Boris Ilyin (Борис Ильин, 2 June 1908, Tomsk – 9 March 1979, Almaty) ran the camp.\n")
    assert {("id/person/boris-ilyin", "placeOfBirth", "id/place/tomsk"),
            ("id/person/boris-ilyin", "placeOfDeath", "id/place/almaty")} <= found


def test_years_in_office_with_a_place_are_no_life(tmp_path: Path) -> None:
    found = facts(tmp_path, "Major Kravtsov (1946, Karaganda – 1949, Balkhash) headed the camp.\n")
    assert not any(p in ("birthYear", "placeOfBirth", "placeOfDeath") for _, p, _ in found)


def test_a_rank_after_a_comma_is_no_rank_of_the_name_before_when_a_name_follows(tmp_path: Path) -> None:
    found = facts(tmp_path, "The list names Sergeyev, Captain Orlov and Tanaka.\n")
    assert not any(s.endswith("sergeyev") and p == "militaryRank" for s, p, _ in found)


def test_a_body_of_a_body_named_with_a_possessive_is_part_of_it(tmp_path: Path) -> None:
    found = facts(tmp_path, "Ueda served in the Kwantung Army's 107th Infantry Division. The Karaganda Mining "
                            "Institute opened the institute's Museum of Mining Labour in 1990.\n")
    assert ("id/organization/107th-infantry-division", "partOf", "id/organization/kwantung-army") in found
    assert any(s.startswith("id/organization/museum-of-mining") and p == "partOf" and o.startswith(
        "id/organization/karaganda-mining-institute") for s, p, o in found), found


def test_a_department_of_a_camp_is_part_of_the_camp(tmp_path: Path) -> None:
    found = facts(tmp_path, "The cultural department of camp No. 512 printed leaflets.\n")
    assert any(p == "partOf" and o == "id/camp/camp-no-512" for _, p, o in found), found


def test_an_event_is_named_without_the_date_that_follows_it(tmp_path: Path) -> None:
    found = facts(tmp_path, "The men were counted after the surrender of the garrison on 19 August 1945. The "
                            "voyage of the Ural Maru on 3 July 1948 carried them home.\n")
    events = {s for s, p, o in found if s.startswith("id/event/")}
    assert any(s.endswith("surrender-of-the-garrison") for s in events), events
    assert any(s.endswith("voyage-of-the-ural-maru") for s in events), events
    assert any(s.endswith("voyage-of-the-ural-maru") and p == "date" and o == "1948-07-03" for s, p, o in found)


def test_a_dictionary_entry_s_works_on_one_line_are_its_person_s(tmp_path: Path) -> None:
    found = facts(tmp_path, "HARADA Kenji (原田 健二; b. 1920, Oita – d. 2001, Beppu), sergeant of the Kwantung Army.\n\n"
                            "Works: Yuki no michi (雪の道, \"The Snow Road\"), Oita: Bungo Shoin, 1975; Haka no kazu "
                            "(\"Counting Graves\"), privately printed, 1988; \"Ato no fuyu\", essay in the collection "
                            "Horyo no kiroku, vol. 2 (Kyoto, 1990).\n")
    person = "id/person/harada-kenji"
    assert {("id/publication/yuki-no-michi", "author", person), ("id/publication/yuki-no-michi", "publicationYear", "1975"),
            ("id/publication/yuki-no-michi", "altLabel", "The Snow Road"),
            ("id/publication/yuki-no-michi", "publisher", "id/organization/bungo-shoin"),
            ("id/publication/haka-no-kazu", "author", person), ("id/publication/ato-no-fuyu", "author", person),
            ("id/publication/ato-no-fuyu", "partOf", "id/publication/horyo-no-kiroku"),
            ("id/publication/horyo-no-kiroku", "placeOfPublication", "id/place/kyoto")} <= found


def test_a_place_based_body_sits_in_that_place_and_the_phrase_names_no_body(tmp_path: Path) -> None:
    found = facts(tmp_path, "The trip was paid for by the Union of Steppe Veterans (USV), an Osaka-based charity.\n")
    assert any(s.startswith("id/organization/union-of-steppe-veterans") and p == "location" and o == "id/place/osaka"
               for s, p, o in found), found
    assert not any("osaka-based" in s for s, _, _ in found)


def test_a_vice_chairman_is_on_the_staff_of_a_body_not_its_head(tmp_path: Path) -> None:
    found = facts(tmp_path, "The trip was organised by the Society of Saran Internees. It was led by Jiro Okuda, 68, "
                            "vice-chairman of the society, and Aiko Mura, counsellor at the Embassy of Japan.\n")
    society = "id/organization/society-of-saran-internees"
    assert ("id/person/jiro-okuda", "affiliation", society) in found
    assert ("id/person/jiro-okuda", "headOf", society) not in found
    assert any(s == "id/person/aiko-mura" and p == "affiliation" and o.startswith("id/organization/embassy-of-japan")
               for s, p, o in found), found


def test_two_names_after_an_honorific_are_a_person(tmp_path: Path) -> None:
    found = facts(tmp_path, "Prayers were read by the Reverend Kosen Hirata of a temple in Nagano.\n")
    assert ("id/person/kosen-hirata", "label", "Kosen Hirata") in found


def test_a_title_before_a_japanese_given_name_is_no_family_name(tmp_path: Path) -> None:
    found = facts(tmp_path, "The lists were given to Ambassador Hiroshi Kamata in Astana.\n")
    labels = {o for s, p, o in found if p == "label" and s.startswith("id/person/")}
    assert labels == {"Hiroshi Kamata"}, labels


def test_a_span_of_time_is_labelled_as_written_without_what_follows_it(tmp_path: Path) -> None:
    found = facts(tmp_path, "The two archivists spent nearly three years restoring the registers.\n")
    labels = {o for s, p, o in found if p == "label" and s.startswith("id/statistic/")}
    assert labels == {"nearly three years"}, labels


def test_a_reference_line_with_a_quoted_title_and_a_journal_is_an_article_of_the_journal(tmp_path: Path) -> None:
    found = facts(tmp_path, "Camp No. 47\n\nCamp No. 47 was a camp near Karaganda.\n\nReferences\n\n"
                            "Ono Aki, \"Tegami no naka no Karaganda\", Shigaku Zasshi 88 (2004), pp. 12–40.\n")
    article = "id/publication/tegami-no-naka-no-karaganda"
    assert {(article, "author", "id/person/ono-aki"), (article, "publicationYear", "2004"),
            (article, "partOf", "id/publication/shigaku-zasshi")} <= found
    assert not any(s == "id/person/shigaku-zasshi" for s, _, _ in found)


def test_a_catalogue_s_published_field_lists_its_literature(tmp_path: Path) -> None:
    found = facts(tmp_path, "Published: Steppe Letters: a catalogue (Karaganda, 2012), no. 4; Ito Mei, \"Ato no hi\", "
                            "Kindai Nihon 3 (2019), pp. 1–9.\n")
    assert ("id/publication/steppe-letters-a-catalogue", "placeOfPublication", "id/place/karaganda") in found
    assert ("id/publication/ato-no-hi", "author", "id/person/ito-mei") in found


def test_a_catalogue_s_literature_run_in_after_another_field_is_read(tmp_path: Path) -> None:
    found = facts(tmp_path, "Exhibited: Karaganda, 2003. Published: Aoki Ren, \"Yuki no tegami\", Rekishi Kenkyu 9 "
                            "(2005), pp. 3–9.\n")
    assert ("id/publication/yuki-no-tegami", "partOf", "id/publication/rekishi-kenkyu") in found


def test_a_count_in_the_section_the_text_refers_back_to_measures_it(tmp_path: Path) -> None:
    found = facts(tmp_path, "Section No. 4 of Camp No. 512 lay near Saran. At the start of 1948 in the section "
                            "there were about 1,900 prisoners.\n")
    assert any(s.startswith("id/statistic/") and p == "measures" and "no-4" in o for s, p, o in found), found


def test_reference_lines_with_inverted_initials_a_journal_number_a_bare_year_or_in_a_collection(tmp_path: Path) -> None:
    found = facts(tmp_path, "Camp No. 47\n\nCamp No. 47 was a camp.\n\nReferences\n\n"
                            "1. Orlova, T. V. \"Steppe winters\", Istoricheskii vestnik, no. 4 (1999), pp. 20–31.\n"
                            "2. Baimukhanov, K. S. \"Camp hospitals\", Vestnik of Karaganda University, History series, "
                            "2010, no. 3, pp. 7–15.\n"
                            "3. Pak, G. I. \"Camp brick works\", in: Proceedings of the Saran Museum, vol. 2 (2004).\n")
    assert {("id/publication/steppe-winters", "author", "id/person/t-v-orlova"),
            ("id/publication/steppe-winters", "partOf", "id/publication/istoricheskii-vestnik"),
            ("id/publication/steppe-winters", "publicationYear", "1999"),
            ("id/publication/camp-hospitals", "publicationYear", "2010"),
            ("id/publication/camp-hospitals", "author", "id/person/k-s-baimukhanov"),
            ("id/publication/camp-brick-works", "partOf", "id/publication/proceedings-of-the-saran-museum")} <= found


def test_reference_lines_with_the_author_in_two_scripts_a_bracketed_imprint_or_a_translated_title(
        tmp_path: Path) -> None:
    found = facts(tmp_path, "Camp No. 47\n\nCamp No. 47 was a camp.\n\nReferences\n\n"
                            "1. Sokolov, P. N. Camp Doctors of the Steppe (Omsk, 1993).\n"
                            "2. Mori Kenta 森健太. Kōya no hi [Days in the Wild]. Tokyo: Seibunsha, 1971.\n"
                            "3. 小川直子 (Ogawa Naoko). Saran no fuyu. Osaka: Tōhō Shoin, 1988.\n")
    assert {("id/publication/camp-doctors-of-the-steppe", "author", "id/person/p-n-sokolov"),
            ("id/publication/koya-no-hi", "author", "id/person/mori-kenta"),
            ("id/publication/koya-no-hi", "altLabel", "Days in the Wild"),
            ("id/publication/saran-no-fuyu", "author", "id/person/ogawa-naoko")} <= found


def test_a_successor_heads_what_his_predecessor_was_said_to_head_in_an_earlier_sentence(tmp_path: Path) -> None:
    found = facts(tmp_path, "Camp No. 512\n\nCamp No. 512 was a camp near Saran. Its first head was Colonel Pyotr "
                            "Gusev. In 1948 Gusev was followed by Major Oleg Tarasov.\n")
    assert ("id/person/oleg-tarasov", "headOf", "id/camp/camp-no-512") in found
    assert ("id/person/oleg-tarasov", "succeeded", "id/person/pyotr-gusev") in found


def test_a_figure_in_thousands_with_its_remainder_is_one_number(tmp_path: Path) -> None:
    found = facts(tmp_path, "As of 01.04.1947 the camps of the oblast held 18 thous. 214 Japanese prisoners of war.\n")
    assert any(p == "value" and o == "18214" for _, p, o in found), found


def test_sections_listed_after_a_plural_noun_are_each_a_section_of_the_last_camp(tmp_path: Path) -> None:
    found = facts(tmp_path, "Camp No. 215 lay near Saran. Prisoners were moved from lagpunkts N 3 and N 8 to the "
                            "new site.\n")
    sections = {s for s, p, o in found if p == "sectionOf" and o == "id/camp/camp-no-215"}
    assert len(sections) == 2, found


def test_an_act_of_the_head_of_a_body_is_issued_by_the_body_and_the_head_named_in_it(tmp_path: Path) -> None:
    found = facts(tmp_path, "Order of the head of the UMVD of Pavlodar oblast Colonel B. N. Utkin No. 0213 of "
                            "04.05.1947 \"On the labour use of prisoners\" was sent to the camps.\n")
    assert {("id/legal-act/order-no-0213", "issuedBy", "id/organization/umvd-of-pavlodar-oblast"),
            ("id/legal-act/order-no-0213", "issuedBy", "id/person/b-n-utkin"),
            ("id/legal-act/order-no-0213", "date", "1947-05-04")} <= found


def test_a_reference_work_named_after_a_region_is_a_publication_not_a_place(tmp_path: Path) -> None:
    found = facts(tmp_path, "The entry follows the Pavlodar Regional Encyclopaedia, published in Pavlodar in 2011.\n")
    assert ("id/publication/pavlodar-regional-encyclopaedia", "placeOfPublication", "id/place/pavlodar") in found
    assert not any(s == "id/place/pavlodar-regional-encyclopaedia" for s, _, _ in found)


def test_a_bare_post_in_an_article_on_a_camp_is_of_the_camp_not_of_the_section_last_named(tmp_path: Path) -> None:
    found = facts(tmp_path, "Camp No. 233\n\nCamp No. 233 was a camp near Ekibastuz. Section No. 2 of the camp "
                            "worked in the quarry. The first commandant was Major Ilya Fomin.\n")
    assert ("id/person/ilya-fomin", "headOf", "id/camp/camp-no-233") in found


def test_a_camp_defined_as_a_camp_of_a_body_is_subordinate_to_it(tmp_path: Path) -> None:
    found = facts(tmp_path, "Camp No. 305 was a camp for prisoners of war of the NKVD near Balkhash.\n")
    assert ("id/camp/camp-no-305", "subordinateTo", "id/organization/nkvd") in found


def test_a_section_titled_with_its_camp_is_the_article_s_topic_and_owns_its_bracket(tmp_path: Path) -> None:
    found = facts(tmp_path, "Section 4 of Camp No. 512 (Saran)\n\nAdministered by: NKVD of the Kazakh SSR\n\n"
                            "Section 4 of Camp No. 512 (Russian: 4-е лагерное отделение) was a camp section near "
                            "Saran.\n")
    section = "id/camp/section-no-4-of-camp-no-512"
    assert (section, "subordinateTo", "id/organization/nkvd-of-the-kazakh-ssr") in found
    assert (section, "altLabel", "4-е лагерное отделение") in found
    assert ("id/camp/camp-no-512", "altLabel", "4-е лагерное отделение") not in found


def test_camp_divisions_are_sections_named_also_with_their_camp(tmp_path: Path) -> None:
    found = facts(tmp_path, "Camp No. 228 was a camp near Karaganda. Division No. 2 was located in Saran. Divisions "
                            "No. 4 and No. 5 were opened in 1948 near Aktas.\n")
    divisions = {s for s, p, o in found if p == "sectionOf" and o == "id/camp/camp-no-228"}
    assert len(divisions) == 3, found
    assert any(p == "altLabel" and o == "Division No. 2 of Camp No. 228" for _, p, o in found), found


def test_a_russian_name_with_its_patronymic_is_one_person_whatever_the_given_name(tmp_path: Path) -> None:
    found = facts(tmp_path, "He was replaced by Captain of Medical Service Timur Rashidovich Aliev in 1949.\n")
    assert ("id/person/timur-rashidovich-aliev", "label", "Timur Rashidovich Aliev") in found


def test_initials_after_a_reference_s_inverted_surname_are_no_person_with_the_title_s_first_word(
        tmp_path: Path) -> None:
    found = facts(tmp_path, "Camp No. 47\n\nCamp No. 47 was a camp.\n\nReferences\n\n"
                            "1. Orlova, E. V. Notes from the Steppe. Almaty: Nauka, 1998.\n")
    persons = {o for s, p, o in found if p == "label" and s.startswith("id/person/")}
    assert persons == {"E. V. Orlova"}, persons


def test_bodies_are_also_named_short_and_a_japanese_era_is_no_place(tmp_path: Path) -> None:
    found = facts(tmp_path, "Ueda served in the 91st Division of the Kwantung Army and later worked for the "
                            "Karagandaugol trust. The Japanese Ministry of Foreign Affairs answered in Shōwa 31 (1956).\n")
    assert {("id/organization/91st-division-of-the-kwantung-army", "altLabel", "91st Division"),
            ("id/organization/karagandaugol-trust", "altLabel", "Karagandaugol")} <= found
    assert any(p == "altLabel" and o == "Ministry of Foreign Affairs" for _, p, o in found), found
    assert not any(s.startswith("id/place/sh") for s, _, _ in found)


def test_words_joined_by_and_before_a_body_s_head_are_its_name(tmp_path: Path) -> None:
    found = facts(tmp_path, "The Pensions and War Graves' Liaison Bureau replied.\n")
    assert any(o == "Pensions and War Graves' Liaison Bureau" for s, p, o in found if p == "label"), found


def test_a_newspaper_whose_name_reads_like_a_japanese_name_is_no_person(tmp_path: Path) -> None:
    found = facts(tmp_path, "It is not to be confused with the all-Union newspaper Kōdō Shimpō, printed in Chita.\n")
    assert not any(s.startswith("id/person/") for s, _, _ in found), found
    assert any(s.startswith("id/publication/kodo-shimpo") for s, _, _ in found), found


def test_a_body_s_dated_report_summary_or_register_is_a_work(tmp_path: Path) -> None:
    found = facts(tmp_path, "The annual report of the Pavlodar UMVD for 1948 gives 412 deaths. The GUPVI summary of "
                            "March 1947 was secret.\n")
    labels = {o for s, p, o in found if p == "label" and s.startswith("id/publication/")}
    assert {"annual report of the Pavlodar UMVD for 1948", "GUPVI summary of March 1947"} <= labels, labels


def test_a_section_is_also_named_with_where_it_was_and_a_town_s_division_is_a_camp(tmp_path: Path) -> None:
    found = facts(tmp_path, "Camp No. 52 lay near Balkhash. Camp section No. 6 at Konyrat built the road. The "
                            "Temirtau division held 700 men.\n")
    assert any(p == "altLabel" and o == "Camp section No. 6 at Konyrat" for _, p, o in found), found
    assert any(s.startswith("id/camp/") and o == "Temirtau division" for s, p, o in found if p == "label"), found


def test_an_agreement_named_by_two_peoples_joined_by_a_dash_is_an_act(tmp_path: Path) -> None:
    found = facts(tmp_path, "Under the Soviet–Mongolian agreement on transit, signed in 1947, trains passed Ulan-Ude.\n")
    assert any(s.startswith("id/legal-act/") and p == "label" and o == "Soviet–Mongolian agreement"
               for s, p, o in found), found


def test_a_body_named_by_its_level_and_a_hyphenated_word_is_a_body_but_not_the_level_alone(tmp_path: Path) -> None:
    found = facts(tmp_path, "The mines worked under contract with the regional prisoner-of-war directorate. The "
                            "regional directorate agreed.\n")
    bodies = {o for s, p, o in found if p == "label" and s.startswith("id/organization/")}
    assert bodies == {"regional prisoner-of-war directorate"}, bodies

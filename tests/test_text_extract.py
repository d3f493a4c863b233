"""The text extractor: what it finds in prose, how it links and mints, and the RDF with its passages.

The fixture articles in tests/fixtures/text were written for these tests (invented content)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Store, parse

from kg.config import Settings
from kg.errors import InputError
from kg.extract.text import Gazetteer, TextExtractor, extract_paths
from kg.extract.text.document import DocumentReader
from kg.extract.text.model import Entity
from kg.extract.text.lexicon import load
from kg.sources.text import read_blocks
from kg.validate.run import validate_store
from kg.vocab import DCTERMS, JPOW, PROV, RDF, RDFS

FIXTURES = Path(__file__).parent / "fixtures" / "text"
TXT, MD, HTML = FIXTURES / "balkhash.txt", FIXTURES / "balkhash.md", FIXTURES / "balkhash.html"
SETTINGS = Settings()
BASE = SETTINGS.base_iri


def _quads(*paths: Path, gazetteer: Gazetteer | None = None) -> list[Quad]:
    return list(extract_paths(list(paths), SETTINGS, gazetteer))


def _store(quads: list[Quad]) -> Store:
    store = Store()
    store.extend(quads)
    return store


def _read(text: str, tmp_path: Path, gazetteer: Gazetteer | None = None) -> DocumentReader:
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    reader = DocumentReader("doc", BASE, load(), gazetteer, record=True)
    reader.facts = []
    for block in read_blocks(path):
        for p in reader.read_block(block):
            reader.facts += p.facts
    return reader


def _values(reader: DocumentReader, entity: Entity, prop: str) -> list:
    return [f.o for f in reader.facts if f.s is entity and f.p == prop]


def _one(reader: DocumentReader, kind: str, label: str) -> Entity:
    found = [e for e in reader.entities if e.kind == kind and e.label == label]
    assert len(found) == 1, [(e.kind, e.label) for e in reader.entities]
    return found[0]


# --- what it finds ----------------------------------------------------------------------------------------

def test_camp_written_in_several_forms_is_one_camp(tmp_path: Path) -> None:
    r = _read("Camp N 37 opened first. The Balkhash camp No. 37 grew. Later camps N 37 and N 38 merged. "
              "The Spassk camp No. 5 was not camp No. 37.", tmp_path)
    camps = {e.label: e for e in r.entities if e.kind == "camp"}
    assert set(camps) == {"Camp No. 37", "Camp No. 38", "Spassk camp No. 5"}
    assert {"Camp N 37", "Balkhash camp No. 37", "camp No. 37"} <= camps["Camp No. 37"].names
    assert camps["Camp No. 37"].iri == f"{BASE}id/camp/camp-no-37"


def test_quantities_keep_their_qualifier_unit_and_bounds(tmp_path: Path) -> None:
    r = _read("More than 3 thousand people arrived. About a quarter of them fell ill. Between 560,000–760,000 "
              "prisoners were counted, and 17.5% were officers. In total 2,315 people worked there.", tmp_path)
    stats = {e.label.split(" (")[0]: e for e in r.entities if e.kind == "statistic"}

    def term(e, p):
        return [o[1] if isinstance(o, tuple) else o.value for o in _values(r, e, p)]

    lower = stats["More than 3 thousand people"]
    assert term(lower, "jpow:qualifier") == ["QualifierLowerBound"]
    assert term(lower, "jpow:minValue") == ["3000"] and term(lower, "jpow:value") == []
    quarter = stats["About a quarter"]
    assert term(quarter, "jpow:qualifier") == ["QualifierApproximate"]
    assert term(quarter, "jpow:value") == ["0.25"] and term(quarter, "jpow:fraction") == ["1/4"]
    span = stats["Between 560,000–760,000 prisoners"]
    assert term(span, "jpow:qualifier") == ["QualifierRange"]
    assert (term(span, "jpow:minValue"), term(span, "jpow:maxValue")) == (["560000"], ["760000"])
    pct = stats["17.5%"]
    assert term(pct, "jpow:unit") == ["UnitPercent"] and term(pct, "jpow:value") == ["17.5"]
    exact = stats["2,315 people"]
    assert term(exact, "jpow:qualifier") == ["QualifierExact"] and term(exact, "jpow:unit") == ["UnitPerson"]


def test_a_heading_over_a_paragraph_names_no_site_and_coalfields_valleys_and_seas_are_places(tmp_path: Path) -> None:
    r = _read("History\nThe hospital was set up in 1946. The Karaganda coalfield lies in the Nura valley. The ship "
              "crossed the Sea of Japan.", tmp_path)
    places = {e.label for e in r.entities if e.kind == "place"}
    assert places == {"Karaganda coalfield", "Nura valley", "Sea of Japan"}, places


def test_a_bare_count_written_in_thousands_is_a_figure_but_not_an_archival_number(tmp_path: Path) -> None:
    r = _read("The directorate's own reckoning is 3,904, while others argue that at least 5,200 Japanese died. "
              "Fond 1,234 holds the lists.", tmp_path)
    figures = {e.label for e in r.entities if e.kind == "statistic"}
    assert figures == {"3,904", "at least 5,200 Japanese"}, figures


def test_a_figure_of_them_counts_the_group_them_stands_for(tmp_path: Path) -> None:
    r = _read("The Japanese prisoners were held in 40 camps. At least 900 of them perished in 1946.", tmp_path)
    figure = next(e for e in r.entities if e.kind == "statistic" and "900" in e.label)
    assert [v.value for v in _values(r, figure, "jpow:population")] == ["Japanese prisoners"]


def test_a_count_its_verb_tells_is_a_figure_and_several_hundred_has_no_hundred_in_it(tmp_path: Path) -> None:
    r = _read("He made several hundred sketches, of which only 23 survived a search.", tmp_path)
    figures = {e.label: e for e in r.entities if e.kind == "statistic"}
    assert set(figures) == {"several hundred (sketches)", "23 (survived a search)"}, figures
    assert not _values(r, figures["several hundred (sketches)"], "jpow:value")


def test_vague_multitudes_keep_their_words_and_get_no_number(tmp_path: Path) -> None:
    r = _read("Hundreds of thousands of Japanese were held, and thousands of letters reached their families.",
              tmp_path)
    stats = {e.label.split(" (")[0]: e for e in r.entities if e.kind == "statistic"}
    many = stats["Hundreds of thousands"]
    assert [o[1] for o in _values(r, many, "jpow:qualifier")] == ["QualifierVague"]
    assert [o.value for o in _values(r, many, "jpow:quantityAsWritten")] == ["Hundreds of thousands"]
    assert all(_values(r, many, p) == [] for p in ("jpow:value", "jpow:minValue", "jpow:maxValue"))
    assert [o[1] for o in _values(r, many, "jpow:unit")] == ["UnitPerson"]
    assert [o[1] for o in _values(r, stats["thousands"], "jpow:unit")] == ["UnitItem"]


def test_years_page_numbers_and_act_numbers_are_not_figures(tmp_path: Path) -> None:
    r = _read("In 1946 Resolution No. 1234 was cited on page 75 (see Article 58, paragraph 9). In 1946-1949 its "
              "prisoners built a plant; the court of 1949 judged officers.", tmp_path)
    assert not [e for e in r.entities if e.kind == "statistic"]


def test_ranges_in_words_and_bounds_before_a_year(tmp_path: Path) -> None:
    r = _read("Estimates range from 200 to 300 thousand, and less than 5 % of the dead were named before 1991.",
              tmp_path)
    stats = {e.label.split(" (")[0]: e for e in r.entities if e.kind == "statistic"}
    span = stats["from 200 to 300 thousand"]
    assert [(o.value) for o in _values(r, span, "jpow:minValue") + _values(r, span, "jpow:maxValue")] == [
        "200000", "300000"]
    share = stats["less than 5 %"]
    assert [o[1] for o in _values(r, share, "jpow:qualifier")] == ["QualifierUpperBound"]
    assert [o.value for o in _values(r, share, "jpow:endDate")] == ["1991"]


def test_camp_sections_belong_to_their_camp(tmp_path: Path) -> None:
    r = _read("Section No. 5 of camp No. 99 stood near Spassk. The lagpunkt No. 3 of the Spassky camp was small. "
              "Branch No. 8 of the Soviet camp is unknown.", tmp_path)
    section = _one(r, "camp", "Section No. 5 of camp No. 99")
    assert section.cls == "CampSection"
    assert [o.label for o in _values(r, section, "jpow:sectionOf")] == ["Camp No. 99"]
    lagpunkt = _one(r, "camp", "Section No. 3 of camp Spassky")
    assert [o.label for o in _values(r, lagpunkt, "jpow:sectionOf")] == ["Spassky camp"]
    orphan = _one(r, "camp", "Section No. 8 of camp Soviet")
    assert orphan.cls == "Camp"   # its camp is not named: not recorded as a section (which needs its camp)


def test_sections_numbered_with_their_camp_and_of_the_camp_met_before(tmp_path: Path) -> None:
    r = _read("Camp No. 41 stood near Karaganda. He spent four years in section No. 3 of the camp. A separate "
              "section, No. 41/7, was opened later; Sato died in section No. 41/2.", tmp_path)
    def camp_of(label: str) -> list[str]:
        return [o.label for o in _values(r, _one(r, "camp", label), "jpow:sectionOf")]
    assert camp_of("section No. 3") == ["Camp No. 41"]
    assert camp_of("section No. 41/7") == ["Camp No. 41"] and camp_of("section No. 41/2") == ["Camp No. 41"]
    assert "No. 41/7" in _one(r, "camp", "section No. 41/7").names
    r = _read("Made by a prisoner of section No. 4 of Camp No. 632 about 1947.", tmp_path)   # "Camp" with a capital
    assert [o.label for o in _values(r, _one(r, "camp", "Section No. 4 of camp No. 632"), "jpow:sectionOf")] == \
        ["Camp No. 632"]
    assert not [e for e in r.entities if e.label in ("section No. 41", "Section No. 41")]


def test_a_section_written_with_its_number_alone_is_one_only_after_a_camp(tmp_path: Path) -> None:
    r = _read("Under Section 4 of the Law, claims expire. Section 2 describes the sources.\n\nSection 3. Camps\n\n"
              "Camp No. 12 held 3,000 prisoners. In Section 6, we discuss the graves.\n\n"
              "Camp No. 226 stood near Karaganda. Prisoners worked at its Section 5 near the Saran mines; Ono was moved "
              "to Section 7 at Temirtau. Section 9 of camp No. 226 was the largest.", tmp_path)
    sections = sorted(e.label for e in r.entities if e.kind == "camp" and e.cls == "CampSection")
    assert sections == ["Section 5", "Section 7", "Section No. 9 of camp No. 226"], sections
    assert [o.label for o in _values(r, _one(r, "camp", "Section 7"), "jpow:sectionOf")] == ["Camp No. 226"]
    assert "Section 9 of camp No. 226" in _one(r, "camp", "Section No. 9 of camp No. 226").names   # as written


def test_a_camp_no_number_names_is_named_by_its_kind_and_place_and_a_camp_department_is_a_section(
        tmp_path: Path) -> None:
    r = _read("Camp No. 37 opened in 1945. Camp department N 1 was in Saran. The sick went to the hospital camp at "
              "Spassk, the rest to the port transit camp at Nakhodka.", tmp_path)
    transit = _one(r, "camp", "port transit camp at Nakhodka")
    assert _one(r, "place", "Nakhodka") in _values(r, transit, "jpow:location")
    assert _one(r, "camp", "hospital camp at Spassk").cls == "Camp"
    assert _one(r, "camp", "Camp department N 1").cls == "CampSection"


def test_a_camp_s_administration_is_named_with_the_camp_s_number(tmp_path: Path) -> None:
    r = _read("The records of the Administration of Camp No. 41 for Prisoners of War survive, as do those of the "
              "Administration of Camp No. 99 of the NKVD. In 1950 the administration of camp No. 37 was closed.",
              tmp_path)
    bodies = sorted(e.label for e in r.entities if e.kind == "organization")
    assert {"Administration of Camp No. 41 for Prisoners of War", "Administration of Camp No. 99",
            "administration of camp No. 37", "NKVD"} <= set(bodies), bodies


def test_the_red_cross_and_red_crescent_are_bodies_alone_or_in_a_longer_name(tmp_path: Path) -> None:
    r = _read("The Red Cross wrote. The Kazakh Red Crescent and the Japanese Red Cross Society helped.", tmp_path)
    bodies = {e.label for e in r.entities if e.kind == "organization"}
    assert {"Red Cross", "Kazakh Red Crescent", "Japanese Red Cross Society"} <= bodies, bodies


def test_where_a_body_is_based_is_no_part_of_its_name(tmp_path: Path) -> None:
    r = _read("The Osaka-based Association of Former Internees wrote to the archive.", tmp_path)
    assert _one(r, "organization", "Association of Former Internees")


def test_mines_by_number_rivers_districts_and_parts_of_a_country_are_places(tmp_path: Path) -> None:
    r = _read("Prisoners worked at Mine No. 31 in central Kazakhstan, on the Nura river, and built houses in Novy "
              "Gorod.", tmp_path)
    places = {e.label for e in r.entities if e.kind == "place"}
    assert {"Mine No. 31", "central Kazakhstan", "Nura river", "Novy Gorod"} <= places, places


def test_places_in_brackets_and_routes(tmp_path: Path) -> None:
    r = _read("Camp No. 40 (Alma-Ata) was the largest. In 1949 camp No. 40 was disbanded, and its prisoners went "
              "home through Nakhodka. Professor A. S. Kim (Karaganda State University) studied it.", tmp_path)
    camp = _one(r, "camp", "Camp No. 40")
    assert [o.label for o in _values(r, camp, "jpow:location")] == ["Almaty"]
    assert not [e for e in r.entities if e.kind == "statistic"]
    kim = _one(r, "person", "A. S. Kim")
    assert [o.label for o in _values(r, kim, "jpow:affiliation")] == ["Karaganda State University"]


def test_decree_with_number_date_issuer_and_title(tmp_path: Path) -> None:
    r = _read('On September 14, 1946, the Council of Ministers of the USSR adopted Resolution No. 1234 '
              '"On the use of internees in copper smelting". In March 1947 a decree "On the release of the sick" '
              'was issued in Moscow.', tmp_path)
    res = _one(r, "legal-act", "Resolution No. 1234")
    assert [o.value for o in _values(r, res, "jpow:number")] == ["1234"]
    assert [(o.value, o.datatype) for o in _values(r, res, "jpow:date")] == [("1946-09-14", "date")]
    assert [o.label for o in _values(r, res, "jpow:issuedBy")] == ["Council of Ministers of the USSR"]
    assert [o.value for o in _values(r, res, "jpow:title")] == ["On the use of internees in copper smelting"]
    dec = _one(r, "legal-act", "Decree On the release of the sick")
    assert [(o.value, o.datatype) for o in _values(r, dec, "jpow:date")] == [("1947-03", "gYearMonth")]
    assert [o.label for o in _values(r, dec, "jpow:location")] == ["Moscow"]


def test_a_law_of_a_state_with_its_quoted_title_and_dated_agreements_are_acts(tmp_path: Path) -> None:
    r = _read('It was issued under the Law of the Republic of Kazakhstan "On the Rehabilitation of Victims" of 22 May '
              "1993. Under the agreement of 6 July 2018 the museum got the files; the memorandum of 5 June 2023 "
              "followed.", tmp_path)
    acts = {e.label for e in r.entities if e.kind == "legal-act"}
    assert {"Law On the Rehabilitation of Victims", "agreement of 6 July 2018", "memorandum of 5 June 2023"} <= acts, acts


def test_a_date_opening_a_sentence_frames_the_undated_act_that_follows(tmp_path: Path) -> None:
    r = _read("Nothing changed for years. In 1991, a delegation came to Tokyo. In addition, the two governments "
              "signed a bilateral agreement on the graves of prisoners.", tmp_path)
    act = _one(r, "legal-act", "bilateral agreement on the graves of prisoners")
    assert [o.value for o in _values(r, act, "jpow:date")] == ["1991"]


def test_persons_with_titles_and_coreference_by_initials(tmp_path: Path) -> None:
    r = _read("The book of Doctor of Historical Sciences K. Sadykova \"Copper and captivity\" (Almaty, 2004) is "
              "cited. Later Karina Sadykova Lvovna and K. L. Sadykova are the same author, unlike M. Sadykova.",
              tmp_path)
    people = [e for e in r.entities if e.kind == "person"]
    assert sorted(e.label for e in people) == ["K. Sadykova", "M. Sadykova"]
    k = _one(r, "person", "K. Sadykova")
    assert {"Karina Sadykova Lvovna", "K. L. Sadykova"} <= k.names
    assert [o.value for o in _values(r, k, "jpow:academicTitle")] == ["Doctor of Historical Sciences"]
    book = _one(r, "publication", "Copper and captivity")
    assert [o.label for o in _values(r, book, "jpow:author")] == ["K. Sadykova"]
    assert [o.value for o in _values(r, book, "jpow:publicationYear")] == ["2004"]
    assert [o.label for o in _values(r, book, "jpow:placeOfPublication")] == ["Almaty"]


def test_a_surname_that_fits_two_persons_is_not_joined_to_either(tmp_path: Path) -> None:
    r = _read("V. Ivanov and A. Ivanov wrote. Later V. P. Ivanov replied, and General Ivanov agreed.", tmp_path)
    people = sorted(e.label for e in r.entities if e.kind == "person")
    assert people == ["A. Ivanov", "Ivanov", "V. Ivanov"]
    assert "V. P. Ivanov" in _one(r, "person", "V. Ivanov").names


def test_two_given_names_written_in_full_are_two_persons_though_their_initials_agree(tmp_path: Path) -> None:
    r = _read("Name: HAYASHI Tetsuo\n\nName: HAYASHI Tomiko\n\nHayashi T. and Hayashi Tetsuo were not kin.", tmp_path)
    assert sorted(e.label for e in r.entities if e.kind == "person") == ["Hayashi Tetsuo", "Hayashi Tomiko"]
    assert "HAYASHI Tomiko" not in _one(r, "person", "Hayashi Tetsuo").names


def test_a_record_written_as_fields_states_each_field_of_the_person_it_names(tmp_path: Path) -> None:
    r = _read("Entry 12\nName: SATO Jiro\nRank: corporal\nUnit: 91st Infantry Regiment\nBorn: 1921, in Sendai\n"
              "Died: 5 March 1946\nCamp: No. 77, section No. 3\nCause: typhus\nGrave: Topar cemetery\n\n"
              "Entry 13\nName: ITO Ken\nRank: n/a\nCause: unknown\n\nTotal entries: 2\nGrave: Topar cemetery",
              tmp_path)
    sato, ito = _one(r, "person", "Sato Jiro"), _one(r, "person", "Ito Ken")
    def of(who: Entity, prop: str) -> list[str]:
        return sorted(getattr(o, "label", None) or o.value for o in _values(r, who, prop))
    assert of(sato, "jpow:militaryRank") == ["corporal"] and of(sato, "jpow:causeOfDeath") == ["typhus"]
    assert of(sato, "jpow:memberOf") == ["91st Infantry Regiment"]
    assert of(sato, "jpow:deathDate") == ["1946-03-05"] and of(sato, "jpow:birthYear") == ["1921"]
    assert of(sato, "jpow:placeOfBirth") == ["Sendai"] and of(sato, "jpow:burialPlace") == ["Topar cemetery"]
    assert "Camp No. 77" in of(sato, "jpow:affiliation")   # "Camp: No. 77" names camp No. 77
    # blank values state nothing; a line that is no field of a record closes it
    assert of(ito, "jpow:militaryRank") == [] and of(ito, "jpow:causeOfDeath") == []
    assert of(ito, "jpow:burialPlace") == []


def test_a_name_in_either_order_is_one_person_and_an_honorific_tells_man_from_woman(tmp_path: Path) -> None:
    r = _read("Certificate for Sergeant Kenji Morisaki\n\nTo Mrs Yoshiko Morisaki, Asahikawa\n\nWe inform you that the "
              "case has been reviewed.\n\nMorisaki Kenji, born 1916 in Hokkaido, was taken prisoner on 20 August 1945 "
              "near Mudanjiang. On 14 June 1948 he was sentenced to ten years.\n\nMr Morisaki died in 1979.", tmp_path)
    people = sorted(e.label for e in r.entities if e.kind == "person")
    assert people == ["Kenji Morisaki", "Yoshiko Morisaki"], people   # no "Mrs" in a name
    kenji = _one(r, "person", "Kenji Morisaki")
    assert {"Morisaki Kenji", "Mr Morisaki"} <= kenji.names
    events = {f.s.cls: f.s for f in r.facts if f.p == "jpow:participant" and f.o is kenji}
    # "he" is the one the certificate is about ("we" is the office that writes, not him)
    assert {"Capture", "Conviction"} <= set(events), events
    # the date of the capture is the one of its verb, not his year of birth
    assert [d.value for d in _values(r, events["Capture"], "jpow:date")] == ["1945-08-20"]


def test_a_review_head_that_goes_on_after_its_imprint_and_a_town_that_is_a_surname(tmp_path: Path) -> None:
    r = _read("Review\n\nKenji Morioka (森岡健二), Coal and Snow: Internees in Karaganda, 1945–1950. Sapporo: Hokkaido "
              "University Press, 2021. xii + 386 pp. ISBN withheld. Reviewed by Irina Lapshina, Almaty.\n\n"
              "He was born in Morioka.", tmp_path)
    book = _one(r, "publication", "Coal and Snow: Internees in Karaganda, 1945–1950")
    assert [a.label for a in _values(r, book, "jpow:author")] == ["Kenji Morioka"]
    assert [p.label for p in _values(r, book, "jpow:publisher")] == ["Hokkaido University Press"]
    assert [p.label for p in _values(r, _one(r, "person", "Kenji Morioka"), "jpow:placeOfBirth")] == ["Morioka"]


def test_a_name_in_cyrillic_in_brackets_is_the_person_s_whatever_the_recogniser_took_it_for(tmp_path: Path) -> None:
    r = _read("Donated in 2017 by Raisa Petrovna Melnikova (Раиса Петровна Мельникова), Saran.", tmp_path)
    assert "Раиса Петровна Мельникова" in _one(r, "person", "Raisa Petrovna Melnikova").names
    assert {e.label for e in r.entities if e.kind == "place"} == {"Saran"}


def test_an_honorific_before_a_name_is_no_family_name(tmp_path: Path) -> None:
    r = _read("We welcomed Mr Masao Fujiwara of Sendai and Dr Isamu Kuroki.", tmp_path)
    assert sorted(e.label for e in r.entities if e.kind == "person") == ["Isamu Kuroki", "Masao Fujiwara"]


def test_a_committee_or_board_of_a_numbered_camp_or_a_named_body_is_a_body(tmp_path: Path) -> None:
    r = _read("The anti-fascist committee of Camp No. 463 met. The board of the Ministry of the Coal Industry "
              "objected. The Karaganda mine rescue detachment came.", tmp_path)
    bodies = {e.label for e in r.entities if e.kind == "organization"}
    assert {"anti-fascist committee of Camp No. 463", "board of the Ministry of the Coal Industry",
            "Karaganda mine rescue detachment"} <= bodies, bodies


def test_a_work_is_dated_by_the_year_of_its_publishing_clause_not_of_a_relative_clause(tmp_path: Path) -> None:
    r = _read("In 1985 Okabe Tetsuo published a book of essays, The Colour of Coal Dust, which won a prize in 1986.",
              tmp_path)
    assert _values(r, _one(r, "publication", "The Colour of Coal Dust"), "jpow:publicationYear")[0].value == "1985"


def test_a_post_said_with_its_body_makes_its_holder_head_or_staff_of_it(tmp_path: Path) -> None:
    r = _read("The Dubovkaugol trust was founded in 1940. The trust's chief engineer, Viktor Osadchy, objected. The "
              "secretary of the Osakarovsky Raion Executive Committee L. N. Shevtsova signed it. The All-Japan "
              "Association of Bereaved Families, whose chairman, Tomoko Ishida, laid a wreath, came in 1995.", tmp_path)
    trust, committee = _one(r, "organization", "Dubovkaugol trust"), _one(r, "organization",
                                                                           "Osakarovsky Raion Executive Committee")
    association = _one(r, "organization", "All-Japan Association of Bereaved Families")
    assert trust in _values(r, _one(r, "person", "Viktor Osadchy"), "jpow:affiliation")
    assert committee in _values(r, _one(r, "person", "L. N. Shevtsova"), "jpow:affiliation")
    assert association in _values(r, _one(r, "person", "Tomoko Ishida"), "jpow:headOf")


def test_a_japanese_name_with_a_syllable_apostrophe_and_its_family_name_alone_with_a_macron(tmp_path: Path) -> None:
    r = _read("Ōkubo Shin'ichi kept a diary. Ōkubo's diary was published. Ōkubo was repatriated in 1948.", tmp_path)
    okubo = _one(r, "person", "Ōkubo Shin'ichi")
    assert sum(1 for f in r.facts if f.o is okubo or f.s is okubo) >= 2, [(f.s.label, f.p, f.o) for f in r.facts]


def test_an_occupation_before_or_after_the_name_with_its_noun_but_not_former(tmp_path: Path) -> None:
    r = _read("The league was chaired by the former railway clerk Aoyama Tetsuji. Okabe Tetsuo was a Japanese "
              "painter and essayist. Noguchi Hiroshi, who had worked as an interpreter, left.", tmp_path)
    said = {(f.s.label, f.o.value) for f in r.facts if f.p == "jpow:occupation"}
    assert said == {("Aoyama Tetsuji", "railway clerk"), ("Okabe Tetsuo", "painter"), ("Okabe Tetsuo", "essayist"),
                    ("Noguchi Hiroshi", "interpreter")}, said


def test_a_post_in_brackets_after_its_body_and_its_post_is_of_the_body_of_its_sentence(tmp_path: Path) -> None:
    r = _read("The Kazakh Memory Society (chairman Ueda Noboru) helped in 1995. The session of the Karaganda Oblast "
              "Executive Committee was chaired by its chairman Zh. A. Tokhtarov.", tmp_path)
    society = _one(r, "organization", "Kazakh Memory Society")
    committee = _one(r, "organization", "Karaganda Oblast Executive Committee")
    assert _values(r, _one(r, "person", "Ueda Noboru"), "jpow:headOf") == [society]
    assert _values(r, _one(r, "person", "Zh. A. Tokhtarov"), "jpow:headOf") == [committee]


def test_a_post_of_a_body_then_a_rank_and_the_name_as_translations_write_them(tmp_path: Path) -> None:
    r = _read("The order was signed by the head of the GUPVI of the MVD of the USSR Lieutenant-General I. A. "
              "Petrov-Sokolsky. The report of the head of the sanitary department of camp N 48 Major of medical "
              "service L. V. Ostroumova followed.", tmp_path)
    gupvi = _one(r, "organization", "GUPVI of the MVD of the USSR")
    sanitary = _one(r, "organization", "sanitary department of camp N 48")
    assert gupvi in _values(r, _one(r, "person", "I. A. Petrov-Sokolsky"), "jpow:headOf")
    assert sanitary in _values(r, _one(r, "person", "L. V. Ostroumova"), "jpow:headOf")


def test_publishers_and_numbered_schools_are_bodies(tmp_path: Path) -> None:
    r = _read("It is published by Heibonsha this spring; the Karaganda publisher Bolashak prints the Russian edition. "
              "Pupils of Gymnasium No. 2 helped. Another book was published by Kenji Morita in 2001.", tmp_path)
    assert _one(r, "organization", "Heibonsha").cls == "Publisher"
    assert _one(r, "organization", "Bolashak").cls == "Publisher"
    assert _one(r, "organization", "Gymnasium No. 2")
    assert _one(r, "person", "Kenji Morita")   # a person's name after "published by" stays a person


def test_a_line_of_a_name_and_a_place_or_body_says_where_the_person_lives_or_works(tmp_path: Path) -> None:
    r = _read("Letters\n\nTo Mrs Yoshiko Morisaki, Asahikawa, Japan\n\nMegumi Okada, Sendai\n\n"
              "Elena V. Sorokina, Karaganda State University\n\nIvan Petrov, who lived in Moscow, wrote to Omsk.",
              tmp_path)
    def of(name: str, prop: str) -> list[str]:
        return [o.label for o in _values(r, _one(r, "person", name), prop)]
    assert of("Yoshiko Morisaki", "jpow:residence") == ["Asahikawa"]   # the first place; Japan contains it
    assert of("Megumi Okada", "jpow:residence") == ["Sendai"]
    assert of("Elena V. Sorokina", "jpow:affiliation") == ["Karaganda State University"]
    assert of("Ivan Petrov", "jpow:residence") == []   # a sentence, not a line of a name


def test_review_cases_of_names_titles_and_lines(tmp_path: Path) -> None:
    r = _read("Notes\n\nHiroshi Sato, Karaganda, 1947\n\nMrs Yoshiko Morisaki wrote in 1995. His diary was published by "
              "Morisaki in 1992. Sato Kenji, whose memoir Tanaka Ichiro edited in 1990, died. Sergei Kuznetsov "
              "commanded camp No. 12. Later Sergey Kuznetsov was transferred to Spassk. Tanaka Ichiro, born 1916, "
              "was taken prisoner on 20 August 1945.", tmp_path)
    people = {e.label for e in r.entities if e.kind == "person"}
    assert "Yoshiko Morisaki" in people and not people & {"Mrs", "Mrs Yoshiko"}, people
    assert [e.label for e in r.entities if e.kind == "person" and "Kuznetsov" in e.label] == ["Sergei Kuznetsov"]
    assert _values(r, _one(r, "person", "Hiroshi Sato"), "jpow:residence") == []   # a caption, not an address
    assert not [e for e in r.entities if e.kind == "organization" and e.label == "Morisaki"]
    assert not [e for e in r.entities if e.kind == "publication" and e.label == "Tanaka Ichiro"]
    capture = next(f.s for f in r.facts if f.p == "jpow:participant" and f.s.cls == "Capture")
    assert [d.value for d in _values(r, capture, "jpow:date")] == ["1945-08-20"]


def test_a_giver_s_town_after_the_name_is_where_they_live(tmp_path: Path) -> None:
    r = _read("Donated in 2018 by Nurlan Abdrakhmanov, Karaganda. Written by Ivan Petrov, Moscow and Omsk being his "
              "homes.", tmp_path)
    assert [p.label for p in _values(r, _one(r, "person", "Nurlan Abdrakhmanov"), "jpow:residence")] == ["Karaganda"]
    assert _values(r, _one(r, "person", "Ivan Petrov"), "jpow:residence") == []


def test_a_given_name_with_the_initial_of_a_patronymic_is_one_person(tmp_path: Path) -> None:
    r = _read("The inventory was compiled by Svetlana K. Omarova and Bolat T. Serikbayev. The reviewer, a Doctor of "
              "Historical Sciences T. Ibrayev, approved it.", tmp_path)
    labels = {e.label for e in r.entities if e.kind == "person"}
    assert {"Svetlana K. Omarova", "Bolat T. Serikbayev", "T. Ibrayev"} <= labels
    assert not any("Sciences" in label for label in labels)


def test_names_in_reference_and_japanese_order(tmp_path: Path) -> None:
    r = _read('See Kuznetsov S. I., Ivanova T. A. "Captivity and return" (Khabarovsk, 2003). Tanaka Ichiro, a '
              "former prisoner of war, met General Yamada.", tmp_path)
    labels = {e.label for e in r.entities if e.kind == "person"}
    assert labels == {"S. I. Kuznetsov", "T. A. Ivanova", "Tanaka Ichiro", "Yamada"}
    book = _one(r, "publication", "Captivity and return")
    assert sorted(o.label for o in _values(r, book, "jpow:author")) == ["S. I. Kuznetsov", "T. A. Ivanova"]
    tanaka = _one(r, "person", "Tanaka Ichiro")
    assert [o[1] for o in _values(r, tanaka, "jpow:hasRole")] == ["RolePrisonerOfWar"]


def test_places_organisations_and_nested_bodies(tmp_path: Path) -> None:
    r = _read("The State Archive of the Karaganda region and the Foreign Policy Archive of the Russian Foreign "
              "Ministry hold the files. Karaganda residents helped. The prisoners came from Eastern Siberia.",
              tmp_path)
    places = {e.label for e in r.entities if e.kind == "place"}
    assert "Eastern Siberia" in places
    assert "Karaganda region" not in places   # inside the archive's name it qualifies the name
    assert "Karaganda" not in places   # "Karaganda residents" is an adjective, not the city
    archive = _one(r, "organization", "Foreign Policy Archive of the Russian Foreign Ministry")
    assert [o.label for o in _values(r, archive, "jpow:subordinateTo")] == ["Russian Foreign Ministry"]


def test_organisation_names_take_a_quoted_name_an_en_dash_modifier_and_an_embassy_seat(tmp_path: Path) -> None:
    r = _read('The Japan–Kazakhstan Friendship Society "Sakura" wrote to the Embassy of Japan in Kazakhstan.',
              tmp_path)
    orgs = {e.label for e in r.entities if e.kind == "organization"}
    assert "Japan–Kazakhstan Friendship Society Sakura" in orgs   # the label drops the quotes
    assert "Embassy of Japan in Kazakhstan" in orgs


def test_a_special_hospital_is_a_camp_of_the_pow_administration_and_an_evacuation_hospital_is_not(
        tmp_path: Path) -> None:
    r = _read("Special Hospital No. 12 took the sick from evacuation hospital No. 7. Section No. 2 was near.",
              tmp_path)
    assert _one(r, "camp", "Special Hospital No. 12").cls == "SpecialHospital"
    assert _one(r, "organization", "evacuation hospital No. 7").cls == "Organization"
    section = _one(r, "camp", "Section No. 2")   # a hospital has no sections: the section's camp is not known
    assert not _values(r, section, "jpow:sectionOf")


def test_a_site_described_by_its_noun_and_place_is_a_site_located_there(tmp_path: Path) -> None:
    r = _read("The ashes lie in the international cemetery at Spassk. Relatives came to Spassk cemetery in 1995. "
              "He visited the cemeteries at Karaganda and Temirtau.", tmp_path)
    site = _one(r, "place", "international cemetery at Spassk")
    assert "Spassk cemetery" in site.names   # the later "Spassk cemetery" is the same site
    assert {o.label for o in _values(r, site, "jpow:locatedIn")} == {"Spassk"}
    # plural, one for each place: no mention can be each of them, so none is made
    assert {e.label for e in r.entities if e.kind == "place"} == {"international cemetery at Spassk", "Spassk",
                                                                    "Karaganda", "Temirtau"}


def test_footnote_citation_adds_place_publisher_year_and_editor(tmp_path: Path) -> None:
    r = _read('The collection "Camps of the steppe" (1999) is cited.\n\n'
              "1 Camps of the steppe (edited by P. R. Omarov). Almaty, Gylym Publ., 1999, vol. 2.\n", tmp_path)
    pub = _one(r, "publication", "Camps of the steppe")
    assert [o.label for o in _values(r, pub, "jpow:publisher")] == ["Gylym Publ."]
    assert [o.label for o in _values(r, pub, "jpow:editor")] == ["P. R. Omarov"]
    assert [o.value for o in _values(r, pub, "jpow:volume")] == ["vol. 2"]


def test_a_list_of_sources_cites_each_work_with_author_place_and_year(tmp_path: Path) -> None:
    r = _read("The camp held 900 men.\n\nSources: records of the regional archive; Nakamura Koji, Steppe years "
              "(Tokyo, 1993); Plen i trud, vol. 2 (Moscow: Russkii mir, 2000).\n", tmp_path)
    book = _one(r, "publication", "Steppe years")
    assert [o.label for o in _values(r, book, "jpow:author")] == ["Nakamura Koji"]
    assert [o.label for o in _values(r, book, "jpow:placeOfPublication")] == ["Tokyo"]
    assert [o.value for o in _values(r, book, "jpow:publicationYear")] == ["1993"]
    collection = _one(r, "publication", "Plen i trud")   # no person before the comma: no author
    assert not _values(r, collection, "jpow:author")
    assert [o.label for o in _values(r, collection, "jpow:publisher")] == ["Russkii mir"]
    assert [o.value for o in _values(r, collection, "jpow:volume")] == ["vol. 2"]


def test_an_event_is_also_named_in_the_texts_own_words(tmp_path: Path) -> None:
    r = _read("The first Japanese prisoners arrived at camp No. 37 in 1945. In 1994 a memorial stone was unveiled.",
              tmp_path)
    names = {n.value for e in r.entities if e.kind == "event" for n in _values(r, e, "skos:altLabel")}
    assert {"arrival of the first Japanese prisoners at camp No. 37", "unveiling of the memorial stone"} <= names


def test_the_camp_as_a_whole_refers_back_to_the_camp(tmp_path: Path) -> None:
    r = _read("Camp No. 37 was set up near Balkhash. The camp as a whole was disbanded on 15 December 1949.",
              tmp_path)
    camp = _one(r, "camp", "Camp No. 37")
    assert [d.value for d in _values(r, camp, "jpow:endDate")] == ["1949-12-15"]   # a camp's end, no event


def test_a_list_of_camps_with_their_towns_in_brackets_gives_each_camp_its_town(tmp_path: Path) -> None:
    r = _read("They went to camps No. 37 (Balkhash), No. 47 (Temirtau) and No. 99 (Spassk).", tmp_path)
    located = {(f.s.label, f.o.label) for f in r.facts if f.p == "jpow:location"}
    assert located == {("Camp No. 37", "Balkhash"), ("Camp No. 47", "Temirtau"), ("Camp No. 99", "Spassk")}


def test_an_act_named_by_its_issuer_in_words_and_its_day_or_by_its_kind_and_year_is_an_act(tmp_path: Path) -> None:
    r = _read("The order of the camp head of 15.06.1947 set norms. The directive of the military council of 2 October "
              "1945 ordered it. A cooperation agreement of 1997 allowed copying. In 1946 an order of 1946 came.",
              tmp_path)
    acts = {e.label: e for e in r.entities if e.kind == "legal-act"}
    assert {"order of the camp head of 15.06.1947", "directive of the military council of 2 October 1945",
            "agreement of 1997"} == set(acts), acts
    assert _values(r, acts["order of the camp head of 15.06.1947"], "jpow:date")[0].value == "1947-06-15"


def test_an_act_named_by_its_issuer_and_day_is_a_legal_act_with_both(tmp_path: Path) -> None:
    r = _read("They came under the State Defence Committee resolution of 23 August 1945 and the order of the "
              "NKVD of the USSR of 4 September 1945, not under a decision of 1946.", tmp_path)
    resolution = _one(r, "legal-act", "State Defence Committee resolution of 23 August 1945")
    assert [o.label for o in _values(r, resolution, "jpow:issuedBy")] == ["State Defence Committee"]
    assert [d.value for d in _values(r, resolution, "jpow:date")] == ["1945-08-23"]
    order = _one(r, "legal-act", "order of the NKVD of the USSR of 4 September 1945")
    assert [o.label for o in _values(r, order, "jpow:issuedBy")] == ["NKVD of the USSR"]
    assert len([e for e in r.entities if e.kind == "legal-act"]) == 2   # a year alone names no act


def test_bracketed_notes_cite_books_and_journal_articles(tmp_path: Path) -> None:
    r = _read("A claim.[1]\n\nNotes\n[1] See Ivan Petrov, Steppe Camps (Almaty: Gylym, 2004).\n"
              '[2] Sato Keiko, "Counting the Dead", Journal of Camp Studies 12 (2011): 45-78.\n', tmp_path)
    book = _one(r, "publication", "Steppe Camps")
    assert [o.label for o in _values(r, book, "jpow:author")] == ["Ivan Petrov"]
    article = _one(r, "publication", "Counting the Dead")
    assert article.cls == "Article"
    assert [o.label for o in _values(r, article, "jpow:author")] == ["Sato Keiko"]
    assert [o.label for o in _values(r, article, "jpow:partOf")] == ["Journal of Camp Studies"]
    assert [o.value for o in _values(r, article, "jpow:publicationYear")] == ["2011"]


def test_a_finding_aid_s_fields_describe_the_unit_its_title_names(tmp_path: Path) -> None:
    r = _read("Fonds R-77: Camp No. 99 of the MVD, 1945–1956\n\nRepository: State Archive of the Karaganda "
              "Region, Karaganda\nExtent: 1,247 files\nLanguage: Russian; some in Japanese\n\nArrangement\n"
              "Inventory 1 (1945–1949), 612 files: orders of the camp.\nFile 1/14: Order No. 52 of the camp.\n",
              tmp_path)
    fonds = _one(r, "publication", "Fonds R-77")
    assert [o.label for o in _values(r, fonds, "jpow:heldBy")] == ["State Archive of the Karaganda Region"]
    assert [o.label for o in _values(r, fonds, "dcterms:creator")] == ["Camp No. 99"]
    assert {o.value for o in _values(r, fonds, "dcterms:temporal")} == {"1945–1956"}
    assert sorted(o.value for o in _values(r, fonds, "jpow:language")) == ["ja", "ru"]
    assert [f.s.label for f in r.facts if f.p == "jpow:measures" and f.o is fonds] == ["1,247 files"]
    inventory = _one(r, "publication", "Inventory 1")
    assert [o.value for o in _values(r, inventory, "dcterms:temporal")] == ["1945–1949"]
    assert [f.s.label.split(" (")[0] for f in r.facts if f.p == "jpow:measures" and f.o is inventory] == ["612 files"]
    assert [o.label for o in _values(r, _one(r, "publication", "File 1/14"), "dcterms:hasPart")] == ["Order No. 52"]


def test_a_surname_alone_later_is_the_person_named_in_full_unless_two_share_it(tmp_path: Path) -> None:
    r = _read("Mikhail Fyodorovich Zharkov headed the camp. Mori Akiko and Mori Tadashi came.\n\n"
              "Born on 11 March 1902 in the village of Krasnaya Polyana, Zharkov joined the army. Mori wrote.",
              tmp_path)
    zharkov = _one(r, "person", "Mikhail Fyodorovich Zharkov")
    assert [o.label for o in _values(r, zharkov, "jpow:placeOfBirth")] == ["Krasnaya Polyana"]
    assert [d.value for d in _values(r, zharkov, "jpow:birthYear")] == ["1902-03-11"]
    assert {e.label for e in r.entities if e.kind == "person"} == {"Mikhail Fyodorovich Zharkov", "Mori Akiko",
                                                                    "Mori Tadashi"}
    assert not any("of he" in n for e in r.entities for n in e.names)


def test_japanese_names_after_a_rank_or_before_their_kanji_are_persons(tmp_path: Path) -> None:
    r = _read("Kuroda Tetsuo (黒田哲夫, 1905–1977) was an officer. After the war, Kuroda surrendered at Mukden "
              "together with General Hosokawa Isao. The Kōan Maru (興安丸) sailed.", tmp_path)
    assert {e.label for e in r.entities if e.kind == "person"} == {"Kuroda Tetsuo", "Hosokawa Isao"}
    kuroda = _one(r, "person", "Kuroda Tetsuo")
    assert any(f.o is kuroda and f.s.cls == "MilitaryDefeat" for f in r.facts)   # "Kuroda" is no place


def test_he_is_the_person_named_before_it_or_the_last_subject_not_one_named_after(tmp_path: Path) -> None:
    r = _read("Kuroda Tetsuo (黒田哲夫) surrendered with his commander, General Hosokawa Isao. He was held at "
              "Khabarovsk. In April 1949 a tribunal sentenced him.", tmp_path)
    kuroda = _one(r, "person", "Kuroda Tetsuo")
    convicted = [f.o for f in r.facts if f.s.cls == "Conviction" and f.p == "jpow:participant"]
    assert convicted == [kuroda]
    held = [f.o for f in r.facts if f.s.cls == "Detention" and f.p == "jpow:participant"]
    assert held == [kuroda]


def test_a_position_before_a_name_relates_the_person_to_what_it_names(tmp_path: Path) -> None:
    r = _read("It was attended by the deputy governor of the Karaganda region, Marat Seitkaliev, and by the "
              "director of the Karaganda Regional Museum, Galina Serikova.", tmp_path)
    governor = _one(r, "person", "Marat Seitkaliev")
    stated = [f.s for f in r.facts if f.p == "jpow:statedSubject" and f.o is governor]
    assert [(o.value, p.label) for st in stated for o in _values(r, st, "jpow:verbPhrase")
            for p in _values(r, st, "jpow:statedObject")] == [("deputy governor of the", "Karaganda region")]
    director = _one(r, "person", "Galina Serikova")
    assert [o.label for o in _values(r, director, "jpow:affiliation")] == ["Karaganda Regional Museum"]


def test_the_first_commandant_is_the_head_of_what_the_text_is_about(tmp_path: Path) -> None:
    r = _read("Camp No. 39 stood at Dzhezkazgan. The first commandant was Major Nikolai Stepanovich Rudenko.", tmp_path)
    rudenko = _one(r, "person", "Nikolai Stepanovich Rudenko")
    assert [o.label for o in _values(r, rudenko, "jpow:headOf")] == ["Camp No. 39"]


def test_staff_named_by_their_post_alone_belong_to_the_unit_the_post_names(tmp_path: Path) -> None:
    r = _read("In 1946 we were taken to section No. 4 of camp No. 12. The section chief was Captain Pyotr Lunin. "
              "Lieutenant Oleg Sinitsyn, the section chief's deputy, rarely came. The camp doctor was Vera Ignatova."
              "\n\nCamp No. 23 stood at Balkhash. The camp head, Major Ivan Surkov, was strict. Our interpreter, a "
              "young Korean, Kim Dong-su, helped us. Its archivist was Aida Nurova.", tmp_path)
    def of(name: str, prop: str) -> list[str]:
        return [o.label for o in _values(r, _one(r, "person", name), prop)]
    section = "Section No. 4 of camp No. 12"
    assert of("Pyotr Lunin", "jpow:headOf") == [section]
    assert "section chief" in [x.value for x in _values(r, _one(r, "person", "Pyotr Lunin"), "jpow:position")]
    assert of("Vera Ignatova", "jpow:affiliation") == ["Camp No. 12"]   # "the camp doctor": of the camp
    assert of("Ivan Surkov", "jpow:headOf") == ["Camp No. 23"]
    assert of("Kim Dong-su", "jpow:affiliation") == ["Camp No. 23"]
    assert of("Aida Nurova", "jpow:affiliation") == ["Camp No. 23"]   # "its": what the sentences are about
    # a post of someone else ("the section chief's deputy") is not the post said
    assert of("Oleg Sinitsyn", "jpow:headOf") == [] and of("Oleg Sinitsyn", "jpow:affiliation") == []


def test_a_post_right_after_a_body_belongs_to_that_body(tmp_path: Path) -> None:
    r = _read("Camp No. 517 stood at Karaganda. We visited the Karaganda Regional Museum of Local Lore, where the "
              "curator, Dr. Saule Tokhtarova, showed the room. At the State Archive of Karaganda Region, the archivist "
              "Dina Saparova helped us. Reverend Shokai Ueda of Jokoji temple read the sutras.", tmp_path)
    def of(name: str) -> list[str]:
        return [o.label for o in _values(r, _one(r, "person", name), "jpow:affiliation")]
    assert of("Saule Tokhtarova") == ["Karaganda Regional Museum of Local Lore"]
    assert of("Dina Saparova") == ["State Archive of Karaganda Region"]
    assert of("Shokai Ueda") == ["Jokoji temple"]


def test_a_rite_named_by_its_noun_alone_is_an_event(tmp_path: Path) -> None:
    r = _read("The delegation conducted a memorial service at the Mikhailovka cemetery. Each year a requiem is held "
              "there.", tmp_path)
    assert {e.label for e in r.entities if e.kind == "event"} >= {"memorial service", "requiem"}
    service = next(e for e in r.entities if e.label == "memorial service")
    assert [o.label for o in _values(r, service, "jpow:participant")] == []   # a site, not a body: a place
    assert len(_values(r, service, "jpow:location")) == 1


def test_a_deputy_or_a_chief_interpreter_is_no_head_and_a_section_post_needs_a_section(tmp_path: Path) -> None:
    r = _read("Camp No. 99 stood near Spassk. The section chief was Captain Nikolai Zotov. The deputy commandant was "
              "Major Ivan Petrov. Lieutenant Sato Kenji, the chief interpreter, translated the orders.", tmp_path)
    def of(name: str, prop: str) -> list[str]:
        return [getattr(o, "label", None) or o.value for o in _values(r, _one(r, "person", name), prop)]
    assert of("Nikolai Zotov", "jpow:headOf") == []   # no section was met
    assert of("Ivan Petrov", "jpow:headOf") == [] and "deputy commandant" in of("Ivan Petrov", "jpow:position")
    assert of("Sato Kenji", "jpow:headOf") == []


def test_the_camp_refers_to_a_camp_met_before_it_not_one_named_later_in_its_sentence(tmp_path: Path) -> None:
    r = _read("Camp No. 37 stood at Balkhash. The camp was disbanded on 15 December 1949, and its last prisoners "
              "were sent to camp No. 99.", tmp_path)
    closed = [f.s.label for f in r.facts if f.p == "jpow:endDate"]   # a camp's end, no event of its own
    assert closed == ["Camp No. 37"]


def test_a_camp_for_a_group_is_stated_with_the_group(tmp_path: Path) -> None:
    r = _read("Camp No. 386 was a camp for Japanese prisoners of war in Chirchik.", tmp_path)
    groups = [o.value for f in r.facts if f.p == "jpow:statedSubject" and f.o.label == "Camp No. 386"
              for o in _values(r, f.s, "jpow:statedObjectGroup")]
    assert groups == ["Japanese prisoners of war"]


def test_a_work_published_in_a_year_and_a_romanised_title_with_its_translation(tmp_path: Path) -> None:
    r = _read("His memoir, Supassuku no hoshi (The Stars of Spassk), was published in 1997 and translated into "
              'Russian in 2003. In 2006 Marat Zhanuzakov published a sketch in the collection "Steppe Camps".',
              tmp_path)
    memoir = _one(r, "publication", "Supassuku no hoshi")
    assert [o.value for o in _values(r, memoir, "jpow:publicationYear")] == ["1997"]
    collection = _one(r, "publication", "Steppe Camps")
    assert [o.value for o in _values(r, collection, "jpow:publicationYear")] == ["2006"]


def test_a_title_after_a_comma_or_closed_by_its_year_in_brackets(tmp_path: Path) -> None:
    r = _read("His memoir, Rivers of Ice, appeared in 1998. In his memoir Kaze no naka (1979) the sergeant Ono Taro "
              "described the camp. The report, Colonel Ivanov wrote, came late.", tmp_path)
    assert [o.value for o in _values(r, _one(r, "publication", "Rivers of Ice"), "jpow:publicationYear")] == ["1998"]
    _one(r, "publication", "Kaze no naka")
    assert not [e for e in r.entities if e.kind == "publication" and "Ivanov" in e.label]


def test_titles_of_a_programme_a_reference_list_and_after_whose_memoir_or_a_collected_volume(tmp_path: Path) -> None:
    r = _read("Kuroda, whose memoir The Coal of Shakhtinsk (Tokyo, 1978) is known, died. See the collected volume "
              "Karaganda Captivity: New Sources, edited by Hiroyuki Tsuda (Almaty, 2025).\n\n"
              "10:30 Aiko Mori (Kyoto University), \"Counting the dead again\"\n\n"
              "Kassymova, A., Akhmetov, R. \"The Dolinka hospital lists\", Bulletin of Karaganda University, 2022.",
              tmp_path)
    for title in ("The Coal of Shakhtinsk", "Karaganda Captivity: New Sources"):
        assert _one(r, "publication", title)
    def authors(title: str) -> list[str]:
        return sorted(a.label for a in _values(r, _one(r, "publication", title), "jpow:author"))
    assert authors("Counting the dead again") == ["Aiko Mori"]   # the speaker, her body in brackets
    assert authors("The Dolinka hospital lists") == ["A. Kassymova", "R. Akhmetov"]


@pytest.mark.parametrize("text,title", [
    ("Counting the Dead: Burial Records, 1945-1956\nAbstract\nThis paper counts the dead.\n",
     "Counting the Dead: Burial Records, 1945-1956"),
    ("Rations and mortality in camp No. 99\n\nThe camp held prisoners.\n", "Rations and mortality in camp No. 99"),
    ("The camp held prisoners of war in the\nsteppe, far from the railway.\n", "doc"),   # a wrapped line
    ("The camp held prisoners.\n\nIt closed in 1949.\n", "doc")])   # a sentence
def test_a_text_is_named_by_a_first_line_that_stands_alone_as_a_title(tmp_path: Path, text: str, title: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    doc = NamedNode(f"{BASE}id/publication/doc")
    assert [q.object.value for q in extract_paths([path], Settings()) if q.subject == doc and
            q.predicate == RDFS.label] == [title]


def test_a_place_inside_a_name_is_a_place_only_when_the_name_says_city_or_town_of(tmp_path: Path) -> None:
    r = _read("The Karaganda Regional Museum sent files to the State Archive of the city of Zhezkazgan.", tmp_path)
    assert {e.label for e in r.entities if e.kind == "place"} == {"Zhezkazgan"}


def test_a_title_line_and_the_same_name_in_japanese_order_below_it_are_one_person(tmp_path: Path) -> None:
    r = _read("Ishiwara Koichi\nIshiwara Koichi (石原浩一, 1899-1984) was an officer.\n\nBorn in Kanazawa, "
              "Ishiwara graduated in 1921.", tmp_path)
    assert [e.label for e in r.entities if e.kind == "person"] == ["Ishiwara Koichi"]
    person = _one(r, "person", "Ishiwara Koichi")
    assert [o.label for o in _values(r, person, "jpow:placeOfBirth")] == ["Kanazawa"]


def test_sent_home_is_a_return_not_a_transfer(tmp_path: Path) -> None:
    r = _read("The last 1,025 convicted Japanese were sent home in December 1956 from Nakhodka.", tmp_path)
    assert {e.cls for e in r.entities if e.kind == "event"} == {"Repatriation"}


def test_an_event_is_also_named_by_where_it_went_and_by_its_person_s_short_name(tmp_path: Path) -> None:
    r = _read("Grigory Pavlovich Malyshev (1901-1971) was an officer. In 1956 Malyshev arrived in Maizuru.", tmp_path)
    names = {n.value for e in r.entities if e.kind == "event" for n in _values(r, e, "skos:altLabel")}
    assert {"arrival in Maizuru", "arrival of Malyshev in Maizuru", "Malyshev's arrival in Maizuru"} <= names


def test_she_and_he_keep_to_persons_whose_pronoun_agrees_and_not_to_the_narrator(tmp_path: Path) -> None:
    r = _read('"My father never spoke": an interview with Yamada Keiko\n'
              "Yamada Keiko (山田恵子) is the daughter of Yamada Hiroshi (山田博), a former prisoner.\n\n"
              "A: I wrote to the ministry. They said that he had been captured in Manchuria in August 1945.",
              tmp_path)
    hiroshi = _one(r, "person", "Yamada Hiroshi")
    captured = [f.o for f in r.facts if f.s.cls == "Capture" and f.p == "jpow:participant"]
    assert captured == [hiroshi]


def test_we_in_a_memoir_is_the_narrator_among_others(tmp_path: Path) -> None:
    r = _read("A winter in Spassk: from the memoirs of Hayashi Kenzo\n\nWe were sent to Spassk in October 1945.",
              tmp_path)
    hayashi = _one(r, "person", "Hayashi Kenzo")
    assert any(f.o is hayashi and f.s.cls == "Transfer" for f in r.facts)


def test_bodies_named_with_lower_case_words_and_without_the_place_ending_their_name(tmp_path: Path) -> None:
    r = _read("The Dzhezkazgan copper combine, the Kuibyshev regional MVD administration, the Temirtau-Niigata "
              "friendship club and the State Defence Committee of the USSR took part.", tmp_path)
    orgs = {e.label: e for e in r.entities if e.kind == "organization"}
    assert {"Dzhezkazgan copper combine", "Kuibyshev regional MVD administration", "Temirtau-Niigata friendship club",
            "State Defence Committee of the USSR"} <= set(orgs)
    assert "State Defence Committee" in orgs["State Defence Committee of the USSR"].names


def test_a_figure_the_camp_held_measures_the_camp_and_a_section_takes_no_place_of_another(tmp_path: Path) -> None:
    r = _read("Camp No. 37 was a camp. Section No. 2, at the Kounrad copper mine, was the largest; Section No. 5 "
              "served the brickworks. In 1946 the camp held about 6,300 prisoners.", tmp_path)
    assert [(f.s.label, f.o.label) for f in r.facts if f.p == "jpow:measures"] == [
        ("about 6,300 prisoners", "Camp No. 37")]
    assert not _values(r, _one(r, "camp", "Section No. 5"), "jpow:location")


def test_kinship_in_its_usual_forms(tmp_path: Path) -> None:
    r = _read("Yamada Keiko (山田恵子), born in 1950, is the daughter of Yamada Hiroshi (山田博). Among them was Mori Akiko, "
              "whose father, Private Mori Tadashi, died at Spassk. Ishiwara Koichi (石原浩一) wrote a diary; his "
              "son Ishiwara Tetsuo gave it to the museum. Sato Michiko's husband, Sato Jiro, came too.", tmp_path)
    kin = {(f.s.label, f.p, f.o.label) for f in r.facts if f.p in ("jpow:childOf", "jpow:spouseOf")}
    assert kin == {("Yamada Keiko", "jpow:childOf", "Yamada Hiroshi"), ("Mori Akiko", "jpow:childOf", "Mori Tadashi"),
                   ("Ishiwara Tetsuo", "jpow:childOf", "Ishiwara Koichi"),
                   ("Sato Jiro", "jpow:spouseOf", "Sato Michiko")}


def test_regional_bodies_groups_and_names_that_go_on_with_with(tmp_path: Path) -> None:
    r = _read("Reports of the Karaganda UPVI were read by the Maizuru Repatriation Research Group and the Hiroshima "
              "Society for Friendship with Kazakhstan.", tmp_path)
    assert {e.label for e in r.entities if e.kind == "organization"} == {
        "Karaganda UPVI", "Maizuru Repatriation Research Group", "Hiroshima Society for Friendship with Kazakhstan"}


def test_a_group_s_camp_is_where_its_transfer_came_from(tmp_path: Path) -> None:
    r = _read("Camp No. 37 stood at Balkhash. The camp was disbanded in 1949, and its last 640 prisoners were sent to "
              "camp No. 99.", tmp_path)
    assert [(f.o.label) for f in r.facts if f.p == "jpow:origin"] == ["Camp No. 37"]


def test_a_chronology_dates_its_lines_by_their_day_and_the_year_heading_above(tmp_path: Path) -> None:
    r = _read("Chronology\n1956\n- 19 October: The Joint Declaration is signed in Moscow.\n"
              "- 26 December: The last convicted Japanese prisoners arrive in Maizuru.\n", tmp_path)
    dated = {e.cls: [d.value for d in _values(r, e, "jpow:date")] for e in r.entities if e.kind == "event"}
    assert dated == {"Signing": ["1956-10-19"], "Transfer": ["1956-12-26"]}


def test_a_fonds_cited_after_its_archive_is_held_by_it(tmp_path: Path) -> None:
    r = _read("Sources. Reports of the camp, State Archive of the Karaganda Region (GAKO), fond 1529.", tmp_path)
    fonds = _one(r, "publication", "Fonds 1529")
    assert [o.label for o in _values(r, fonds, "jpow:heldBy")] == ["State Archive of the Karaganda Region"]


def test_whose_memoirs_a_text_gives_is_its_narrator_and_the_memoir_s_author(tmp_path: Path) -> None:
    r = _read("A winter in Spassk: from the memoirs of Hayashi Kenzō\n\nThe extract comes from \"Snow over the "
              "Steppe\" (Sutteppu no yuki), the memoir of Hayashi Kenzō, published in Kyoto in 1979.\n\n"
              "We were sent to the fourth section in October 1945.", tmp_path)
    hayashi = _one(r, "person", "Hayashi Kenzō")   # a name ending in a macron is a name
    assert [o for o in _values(r, _one(r, "publication", "Snow over the Steppe"), "jpow:author")] == [hayashi]
    assert any(f.o is hayashi and f.s.cls == "Transfer" for f in r.facts)


def test_fields_above_the_line_that_names_the_fonds_are_said_of_it(tmp_path: Path) -> None:
    r = _read("Finding aid: Records of camp No. 40\nRepository: State Archive of the Ulytau Region\n"
              "Fond: 212 (Camp No. 40)\nDates: 1946-1950\n", tmp_path)
    fonds = _one(r, "publication", "Fonds 212")
    assert "Fond 212" in fonds.names
    assert [o.label for o in _values(r, fonds, "jpow:heldBy")] == ["State Archive of the Ulytau Region"]
    assert [o.value for o in _values(r, fonds, "dcterms:temporal")] == ["1946-1950"]


def test_a_catalogue_with_its_imprint_and_a_centre_with_its_town(tmp_path: Path) -> None:
    r = _read("It was prepared with the Japan Center in Karaganda. The catalogue, Far from home (Karaganda, 2022, "
              "96 pages, in Kazakh, Russian and Japanese), is on sale.", tmp_path)
    assert "Japan Center in Karaganda" in {e.label for e in r.entities if e.kind == "organization"}
    catalogue = _one(r, "publication", "Far from home")
    assert [o.value for o in _values(r, catalogue, "jpow:publicationYear")] == ["2022"]
    assert not _values(r, catalogue, "skos:altLabel")   # the imprint holds no other name


def test_a_name_that_says_a_woman_is_not_he(tmp_path: Path) -> None:
    r = _read("Yamada Hiroshi (山田博) was a prisoner. The interview was conducted by Aliya Dzhaksybekova. In 1998 "
              "he was buried in Sendai.", tmp_path)
    buried = [f.s.label for f in r.facts if f.p == "jpow:burialPlace"]
    assert buried == ["Yamada Hiroshi"]


def test_a_distance_from_a_place_says_where_a_thing_lies_and_is_no_figure(tmp_path: Path) -> None:
    r = _read("Spassk, some 45 kilometres south of Karaganda, held a camp.", tmp_path)
    assert not [e for e in r.entities if e.kind == "statistic"]
    spassk = _one(r, "place", "Spassk")
    stated = [f.s for f in r.facts if f.p == "jpow:statedSubject" and f.o is spassk]
    assert [(o.value, t.label) for st in stated for o in _values(r, st, "jpow:verbPhrase")
            for t in _values(r, st, "jpow:statedObject")] == [("some 45 kilometres south of", "Karaganda")]


def test_a_camp_and_its_sections_at_listed_places(tmp_path: Path) -> None:
    r = _read("Records of camp No. 99 and its sections at Spassk, Karabas and Saran, 1945-1950.", tmp_path)
    camp = _one(r, "camp", "Camp No. 99")
    places = [t.label for f in r.facts if f.p == "jpow:statedSubject" and f.o is camp
              for t in _values(r, f.s, "jpow:statedObject")]
    assert sorted(places) == ["Karabas", "Saran", "Spassk"]


def test_a_place_named_under_a_common_noun_fills_the_role(tmp_path: Path) -> None:
    r = _read("Murakami Tetsuo (村上哲夫) died on 8 March 2019 in a hospital in Kanazawa.", tmp_path)
    murakami = _one(r, "person", "Murakami Tetsuo")
    assert [o.label for o in _values(r, murakami, "jpow:placeOfDeath")] == ["Kanazawa"]
    assert [o.value for o in _values(r, murakami, "jpow:deathDate")] == ["2019-03-08"]


def test_a_sentence_opening_with_a_place_places_its_camp_there(tmp_path: Path) -> None:
    r = _read("At Temirtau, prisoners from camp No. 39 built a dam on the Nura River.", tmp_path)
    assert [o.label for o in _values(r, _one(r, "camp", "Camp No. 39"), "jpow:location")] == ["Temirtau"]


def test_together_with_adds_a_participant_and_a_bracket_does_not_break_a_place_in_a_place(tmp_path: Path) -> None:
    r = _read("Kuroda Tetsuo (黒田哲夫) was born in Kanazawa (金沢) in Ishikawa Prefecture. Kuroda surrendered at "
              "Mukden on 20 August 1945 together with his commander, General Hosokawa Isao.", tmp_path)
    assert [o.label for o in _values(r, _one(r, "place", "Kanazawa"), "jpow:locatedIn")] == ["Ishikawa Prefecture"]
    surrender = next(e for e in r.entities if e.cls == "MilitaryDefeat")
    assert {o.label for o in _values(r, surrender, "jpow:participant")} == {"Kuroda Tetsuo", "Hosokawa Isao"}


def test_a_commission_of_a_body_with_a_lower_case_modifier_is_a_body(tmp_path: Path) -> None:
    r = _read("An inspection commission of the Main Directorate visited the camp in May 1947.", tmp_path)
    assert _one(r, "organization", "inspection commission of the Main Directorate").cls == "Commission"


def test_the_hospital_refers_to_a_hospital_of_either_kind_that_was_named(tmp_path: Path) -> None:
    r = _read("She served in evacuation hospital No. 1612. In 1945 she went to special hospital No. 1108 in "
              "Karaganda. The hospital was closed in May 1949.", tmp_path)
    closed = [f.s.label for f in r.facts if f.p == "jpow:endDate"]
    assert closed == ["special hospital No. 1108"]


# --- linking and minting ----------------------------------------------------------------------------------

def _curated(*rows: tuple[str, str, str]) -> Gazetteer:
    g = NamedNode(f"{BASE}graph/curated/camps/x")
    quads = []
    for iri, cls, label in rows:
        quads += [Quad(NamedNode(iri), RDF.type, JPOW[cls], g),
                  Quad(NamedNode(iri), RDFS.label, Literal(label, language="en"), g)]
    return Gazetteer.from_quads(quads)


def test_mentions_link_to_curated_entities_and_ambiguous_names_stay_unlinked(tmp_path: Path) -> None:
    gaz = _curated((f"{BASE}id/camp/spassk-99", "PrisonerOfWarCamp", "Camp No. 37"),
                   (f"{BASE}id/person/a", "Person", "A. B. Tulegenov"),
                   (f"{BASE}id/person/b", "Person", "A. B. Tulegenov"))
    r = _read("Camp N 37 held them, wrote A. B. Tulegenov.", tmp_path, gaz)
    camp = _one(r, "camp", "Camp No. 37")
    assert camp.iri == f"{BASE}id/camp/spassk-99" and camp.linked
    person = _one(r, "person", "A. B. Tulegenov")
    assert not person.linked and person.iri == f"{BASE}id/person/a-b-tulegenov"


def test_iris_and_facts_are_the_same_on_every_run() -> None:
    def stable(quads):
        return {q for q in quads if q.predicate != PROV.startedAtTime}

    assert stable(_quads(TXT)) == stable(_quads(TXT))


# --- RDF, passages and shapes ------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [TXT, MD, HTML], ids=["text", "markdown", "html"])
def test_every_fact_sits_in_a_passage_whose_quote_is_the_original_text(path: Path) -> None:
    original = path.read_text(encoding="utf-8")
    store = _store(_quads(path))
    source_graph = NamedNode(f"{BASE}graph/text/balkhash")
    graphs = {q.graph_name for q in store.quads_for_pattern(None, None, None)} - {source_graph}
    assert len(graphs) >= 3
    for g in graphs:
        quote = next(store.quads_for_pattern(g, JPOW.quote, None, source_graph)).object.value
        start = int(next(store.quads_for_pattern(g, JPOW.startOffset, None, source_graph)).object.value)
        end = int(next(store.quads_for_pattern(g, JPOW.endOffset, None, source_graph)).object.value)
        assert original[start:end] == quote
        assert g.value == f"{BASE}graph/text/balkhash/c{start}-{end}"
        assert next(store.quads_for_pattern(g, PROV.wasDerivedFrom, None, source_graph)).object == \
            NamedNode(f"{BASE}id/publication/balkhash")
    assert not [q for q in store if isinstance(q.graph_name, DefaultGraph)]   # facts only in named graphs


@pytest.mark.parametrize("path,title", [(MD, "Internees at the copper works of Balkhash"),
                                        (HTML, "Internees at Balkhash"),
                                        (TXT, "Internees at the copper works of Balkhash")])
def test_the_document_is_named_by_its_own_title(path: Path, title: str) -> None:
    doc = NamedNode(f"{BASE}id/publication/balkhash")
    labels = [q.object.value for q in _quads(path) if q.subject == doc and q.predicate == RDFS.label]
    assert labels == [title]


def test_html_scripts_do_not_become_facts() -> None:
    labels = {q.object.value for q in _quads(HTML) if q.predicate == RDFS.label}
    assert "Camp No. 37" in labels and "Resolution No. 1234" in labels
    assert not {"Camp No. 999", "Camp No. 998", "Resolution No. 9999"} & labels


def test_saved_question_which_passages_state_a_fact() -> None:
    store = _store(_quads(TXT))
    q = f"""PREFIX jpow: <https://w3id.org/jpow-kg/ontology#>
    PREFIX prov: <http://www.w3.org/ns/prov#>
    SELECT ?quote ?start ?end ?source WHERE {{
      VALUES (?s ?p) {{ (<{BASE}id/legal-act/resolution-no-1234> jpow:issuedBy) }}
      GRAPH ?g {{ ?s ?p ?o }}
      ?g a jpow:Assertion ; jpow:quote ?quote ; jpow:startOffset ?start ; jpow:endOffset ?end ;
         prov:wasDerivedFrom ?source .
    }}"""
    rows = list(store.query(q, use_default_graph_as_union=True))
    assert len(rows) == 1
    assert "adopted Resolution No. 1234" in rows[0]["quote"].value


@pytest.mark.parametrize("path", [TXT, MD, HTML], ids=["text", "markdown", "html"])
def test_output_conforms_to_the_shapes(path: Path) -> None:
    store = Store()
    onto = NamedNode("https://w3id.org/jpow-kg/ontology")
    for f in sorted(SETTINGS.ontology_dir.glob("*.ttl")):
        store.load(path=str(f), format=RdfFormat.TURTLE, to_graph=onto)
    store.extend(_quads(path))
    report = validate_store(store, SETTINGS, engine="turbo")
    assert report.conforms, report.format()


def test_every_entity_has_an_english_label_and_cites_the_document() -> None:
    store = _store(_quads(TXT))
    doc = NamedNode(f"{BASE}id/publication/balkhash")
    typed = {q.subject for q in store.quads_for_pattern(None, RDF.type, None) if q.subject.value.startswith(
        f"{BASE}id/")}
    assert len(typed) > 10
    for s in typed:
        assert any(q.object.language == "en" for q in store.quads_for_pattern(s, RDFS.label, None))
        assert list(store.quads_for_pattern(s, DCTERMS.source, doc))


def test_a_bad_byte_late_in_the_file_fails_before_any_output(tmp_path: Path) -> None:
    path = tmp_path / "late.txt"
    path.write_bytes(TXT.read_bytes() * 3 + b"\nThe last line has a bad byte: \xff\n")
    produced = []
    with pytest.raises(InputError, match=r"late.txt:\d+: the file is not UTF-8"):
        for q in extract_paths([path], SETTINGS):
            produced.append(q)
    assert produced == []


def test_two_articles_with_the_same_id_are_refused() -> None:
    with pytest.raises(InputError, match="same id 'balkhash'"):
        _quads(TXT, MD)


def test_sidecar_metadata_is_skipped_and_other_formats_refused(tmp_path: Path) -> None:
    article = tmp_path / "note.txt"
    article.write_text("Camp No. 5 was in Spassk.", encoding="utf-8")
    (tmp_path / "note.json").write_text('{"title": "A note"}', encoding="utf-8")
    docs = TextExtractor([article, tmp_path / "note.json"], settings=SETTINGS).documents()
    assert docs == [article]
    labels = {q.object.value for q in _quads(article) if q.predicate == RDFS.label}
    assert "A note" in labels
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError, match="not a text format"):
        _quads(pdf)


def test_what_the_reader_keeps_does_not_grow_with_the_text(tmp_path: Path) -> None:
    """The file is streamed (see test_text_reader); across paragraphs the reader keeps only the named
    entities seen so far, so repeating the same paragraphs keeps its state the same size."""
    paragraph = TXT.read_text(encoding="utf-8")

    def state(copies: int) -> tuple[int, ...]:
        path = tmp_path / f"long{copies}.txt"
        path.write_text("\n\n".join([paragraph] * copies), encoding="utf-8")
        extractor = TextExtractor([path], settings=SETTINGS)
        reader = extractor.reader(path)
        passages = 0
        for block in read_blocks(path):
            passages += len(reader.read_block(block))
        return passages, len(reader.entities), len(reader.by_key), len(reader.iris), len(reader.fact_count)

    # each copy after the first adds the same passages (the first may differ: "it" has nothing to refer to yet)
    small, medium, large = state(5), state(10), state(40)
    assert large[0] - medium[0] == 6 * (medium[0] - small[0])
    assert large[1:] == small[1:]


def test_kg_extract_command_writes_trig(tmp_path: Path) -> None:
    out = tmp_path / "out.trig"
    run = subprocess.run([sys.executable, "-m", "kg.cli", "extract", str(TXT), "--no-gazetteer", "-o", str(out)],
                         capture_output=True, text=True, cwd=Path(__file__).parents[1])
    assert run.returncode == 0, run.stderr
    quads = list(parse(path=str(out), format=RdfFormat.TRIG))
    assert any(q.predicate == JPOW.quote for q in quads)
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    run = subprocess.run([sys.executable, "-m", "kg.cli", "extract", str(bad), "--no-gazetteer"],
                         capture_output=True, text=True, cwd=Path(__file__).parents[1])
    assert run.returncode != 0 and "empty" in run.stderr


def test_names_in_brackets_are_other_names_with_their_language(tmp_path: Path) -> None:
    r = _read("Ozerlag (Lake Camp, Russian: Озерлаг) held Japanese officers. Ito Masao (伊藤正夫) was one of them.",
              tmp_path)
    camp = next(e for e in r.entities if e.label == "Ozerlag")
    alt = {(o.value, o.lang) for o in _values(r, camp, "skos:altLabel")}
    assert alt == {("Lake Camp", "en"), ("Озерлаг", "ru")}
    person = next(e for e in r.entities if e.kind == "person")
    assert {(o.value, o.lang) for o in _values(r, person, "skos:altLabel")} == {("伊藤正夫", "ja")}
    assert not any(e.label == "Lake Camp" for e in r.entities)


def test_a_name_given_as_also_known_as_is_another_name_of_the_same_entity(tmp_path: Path) -> None:
    r = _read("The Sarybulak camp, also known as Camp No. 512 (Russian: лагерь № 512), held Japanese officers. In 1947 "
              "300 men were moved from Camp No. 512 to Temirtau. Ust-Kamenogorsk (also called Oskemen) is a city.",
              tmp_path)
    camps = [e for e in r.entities if e.kind == "camp"]
    assert [c.label for c in camps] == ["Sarybulak camp"], camps   # the later "Camp No. 512" is the same camp
    alt = {(o.value, o.lang) for o in _values(r, camps[0], "skos:altLabel")}
    assert {("Camp No. 512", "en"), ("лагерь № 512", "ru")} <= alt, alt
    city = next(e for e in r.entities if e.label == "Ust-Kamenogorsk")
    assert ("Oskemen", "en") in {(o.value, o.lang) for o in _values(r, city, "skos:altLabel")}


def test_a_numbered_footnote_in_author_title_imprint_style_is_a_citation(tmp_path: Path) -> None:
    r = _read("The camp stood near the river.[1]\n\n1. A. N. Petrov, Camps of the Steppe (Almaty: Gylym, 2003), p. 17.",
              tmp_path)
    book = _one(r, "publication", "Camps of the Steppe")
    assert [o.label for o in _values(r, book, "jpow:author")] == ["A. N. Petrov"]
    assert [o.value for o in _values(r, book, "jpow:publicationYear")] == ["2003"]


def test_a_compound_rank_is_not_a_surname(tmp_path: Path) -> None:
    r = _read("The commander, Lieutenant Colonel Pavel Sidorenko, left in 1950.", tmp_path)
    assert [e.label for e in r.entities if e.kind == "person"] == ["Pavel Sidorenko"]


def test_named_sites_and_numbered_units(tmp_path: Path) -> None:
    r = _read("The 135th Division surrendered. Prisoners worked at mine No. 20 near Mointy station and on Lenin "
              "Avenue, by Lake Zaisan.", tmp_path)
    places = {e.label for e in r.entities if e.kind == "place"}
    assert {"mine No. 20", "Mointy station", "Lenin Avenue", "Lake Zaisan"} <= places, places
    assert "135th Division" in {e.label for e in r.entities if e.kind == "organization"}


def test_a_linked_entity_keeps_the_name_this_text_gives_it(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text("The prisoners reached Dzhezkazgan in 1946.", encoding="utf-8")
    gaz = Gazetteer()
    gaz.add("Dzhezkazgan", BASE + "id/place/zhezkazgan", "place")
    quads = list(extract_paths([path], SETTINGS, gaz))
    names = {q.object.value for q in quads if q.subject.value.endswith("id/place/zhezkazgan")
             and q.predicate.value.endswith("#altLabel")}
    assert "Dzhezkazgan" in names, names


def test_sections_whose_camp_is_not_repeated_belong_to_the_last_camp(tmp_path: Path) -> None:
    r = _read("Camp No. 41 had four sections. Section No. 2 at Saran was closed in 1948. Prisoners of the third "
              "section of camp No. 7 and of the Dolinka camp section worked nearby.", tmp_path)
    sections = {e.label: e for e in r.entities if e.cls == "CampSection"}
    assert {"Section No. 2", "third section of camp No. 7", "Dolinka camp section"} <= set(sections), sections
    parent = {s: [o.label for o in _values(r, e, "jpow:sectionOf")] for s, e in sections.items()}
    assert parent["Section No. 2"] == ["Camp No. 41"] and parent["third section of camp No. 7"] == ["Camp No. 7"]


def test_years_of_life_in_brackets_are_the_persons_years_of_birth_and_death_not_events(tmp_path: Path) -> None:
    r = _read("Ivan Sergeevich Koval (1899–1964) headed the camp for prisoners of war No. 47.", tmp_path)
    person = _one(r, "person", "Ivan Sergeevich Koval")
    assert [o.value for o in _values(r, person, "jpow:birthYear")] == ["1899"]
    assert [o.value for o in _values(r, person, "jpow:deathDate")] == ["1964"]
    assert not [e for e in r.entities if e.kind == "event"]
    assert "Camp No. 47" in {e.label for e in r.entities if e.kind == "camp"}


def test_days_of_life_in_brackets_keep_the_precision_written(tmp_path: Path) -> None:
    r = _read("Kuroda Shigeharu (黒田重治; 12 March 1911 – 4 June 1988) was an officer. Tomioka Reiko (富岡玲子; born "
              "8 May 1951 in Sendai) is a historian.", tmp_path)
    kuroda, tomioka = _one(r, "person", "Kuroda Shigeharu"), _one(r, "person", "Tomioka Reiko")
    assert [(o.value, o.datatype) for o in _values(r, kuroda, "jpow:birthYear")] == \
        [("1911-03-12", "date")]
    assert [o.value for o in _values(r, kuroda, "jpow:deathDate")] == ["1988-06-04"]
    assert [o.value for o in _values(r, tomioka, "jpow:birthYear")] == ["1951-05-08"]


def test_bodies_with_a_lower_case_head_and_acronyms(tmp_path: Path) -> None:
    r = _read("The Kounradstroi trust reported to the akimat of Karaganda Region. Later he joined the OGPU.", tmp_path)
    orgs = {e.label for e in r.entities if e.kind == "organization"}
    assert {"Kounradstroi trust", "akimat of Karaganda Region"} <= orgs, orgs


def test_titles_without_quotes_after_their_kind(tmp_path: Path) -> None:
    r = _read("In 1989 he published the memoir Winter Roads of Kazakhstan. Prisoners read the camp newspaper "
              "Nihon Shimbun.", tmp_path)
    pubs = {e.label for e in r.entities if e.kind == "publication"}
    assert {"Winter Roads of Kazakhstan", "Nihon Shimbun"} <= pubs, pubs


def test_titles_a_paper_called_a_one_word_paper_a_kind_after_what_it_collects_and_publishes_as(
        tmp_path: Path) -> None:
    r = _read("They made a handwritten wall newspaper called The Voice of Nura. He read the newspaper Pravda. The "
              "survivors' memoir collection The Shore of Balkhash appeared in 2002. In 2024 Yuka publishes the "
              "letters as My Grandfather's Steppe.", tmp_path)
    pubs = {e.label for e in r.entities if e.kind == "publication"}
    assert {"The Voice of Nura", "Pravda", "The Shore of Balkhash", "My Grandfather's Steppe"} <= pubs, pubs


def test_a_title_its_imprint_follows_is_a_work_but_not_a_body_or_persons_with_one(tmp_path: Path) -> None:
    r = _read("Morioka uses the memoir of the clerk Yoshiro Takabatake, Fourteen Winters (Tokyo, 1978). The Karaganda "
              "Memorial Society (Karaganda, 1992) helped. See New Sources, edited by Hiroyuki Tsuda (Almaty: "
              "Daik-Press, 2024).", tmp_path)
    pubs = {e.label for e in r.entities if e.kind == "publication"}
    assert "Fourteen Winters" in pubs and not pubs & {"Karaganda Memorial Society", "Hiroyuki Tsuda"}, pubs


def test_titles_in_apposition_to_their_kind_with_a_span_of_years_or_their_year_and_kind_after_them(
        tmp_path: Path) -> None:
    r = _read("A history of the trust, Fifty Years of Dubovka Coal, appeared in 1988. He used the three-volume series "
              "Steppe Camps, 1945–1950 prepared by the university. A biography, The Painter from Camp 417, appeared. "
              "Captives of the Steppe (2008), a collection of oral testimonies, came out. See the report Remains in "
              "the Steppe. The work was hard.", tmp_path)
    pubs = {e.label for e in r.entities if e.kind == "publication"}
    assert {"Fifty Years of Dubovka Coal", "Steppe Camps, 1945–1950", "The Painter from Camp 417",
            "Captives of the Steppe", "Remains in the Steppe"} <= pubs, pubs
    assert not any("collection of oral testimonies" in p for p in pubs), pubs


def test_a_seat_a_persons_body_and_a_possessive_head(tmp_path: Path) -> None:
    r = _read("The Ekibastuz Local History Museum in Pavlodar keeps the letters. Ivan Orlov of Pavlodar University "
              "read them. The museum's director, Anna Belova, opened the hall.", tmp_path)
    museum = _one(r, "organization", "Ekibastuz Local History Museum")
    assert [o.label for o in _values(r, museum, "jpow:location")] == ["Pavlodar"]
    assert [o.label for o in _values(r, _one(r, "person", "Ivan Orlov"), "jpow:affiliation")] == ["Pavlodar University"]
    assert [o.label for o in _values(r, _one(r, "person", "Anna Belova"), "jpow:headOf")] == [museum.label]


def test_a_camp_in_an_address_lies_in_its_first_place_and_it_refers_to_the_opening_name(tmp_path: Path) -> None:
    r = _read("Camp No. 386 (Russian: лагерь № 386) was a camp in the town of Chirchik, Tashkent Region, Uzbek SSR. "
              "It was set up in October 1945.", tmp_path)
    camp = _one(r, "camp", "Camp No. 386")
    assert [o.label for o in _values(r, camp, "jpow:location")] == ["Chirchik"]
    assert [o.value for o in _values(r, camp, "jpow:startDate")] == ["1945-10"]


def test_numbered_hospitals_and_life_years_after_an_original_name(tmp_path: Path) -> None:
    r = _read("Olga Petrovna Sidorova (Russian: Ольга Петровна Сидорова; 1912-1990) worked in special hospital "
              "No. 3721.", tmp_path)
    hospital = _one(r, "camp", "special hospital No. 3721")   # a hospital of the POW administration
    assert hospital.cls == "SpecialHospital" and [o.value for o in _values(r, hospital, "jpow:number")] == ["3721"]
    person = _one(r, "person", "Olga Petrovna Sidorova")
    assert [o.value for o in _values(r, person, "jpow:birthYear") + _values(r, person, "jpow:deathDate")] == [
        "1912", "1990"]


def test_author_year_citations_in_brackets_are_works_by_the_persons_of_that_surname(tmp_path: Path) -> None:
    r = _read("Erlan Abenov studied the camps. Rations fell (Abenov 1997; see also Nagano and Seitkali 1996: 41). "
              "Winter was worst (Karaganda 1946).", tmp_path)
    works = {e.label: e for e in r.entities if e.kind == "publication"}
    assert set(works) == {"Abenov 1997", "Nagano and Seitkali 1996"}
    assert [o.label for o in _values(r, works["Abenov 1997"], "jpow:author")] == ["Erlan Abenov"]
    assert [o.value for o in _values(r, works["Nagano and Seitkali 1996"], "jpow:publicationYear")] == ["1996"]


def test_a_persons_diary_or_album_is_a_document_they_wrote(tmp_path: Path) -> None:
    r = _read("She drew on the diary of Lieutenant Mori Shigeru and on the album of Matsuda Hiroshi.", tmp_path)
    diary = _one(r, "publication", "diary of Mori Shigeru")
    assert diary.cls == "ArchivalDocument"
    assert [o.label for o in _values(r, diary, "jpow:author")] == ["Mori Shigeru"]
    assert _one(r, "publication", "album of Matsuda Hiroshi")


def test_a_rank_word_is_no_family_name_and_a_name_after_born_gets_its_birth(tmp_path: Path) -> None:
    r = _read("The letter was written by Private First Class Kenji Ogawara, born 1921 in Tsuruoka, to his mother.",
              tmp_path)
    assert [e.label for e in r.entities if e.kind == "person"] == ["Kenji Ogawara"]
    person = _one(r, "person", "Kenji Ogawara")
    assert [o.label for o in _values(r, person, "jpow:placeOfBirth")] == ["Tsuruoka"]
    assert [o.value for o in _values(r, person, "jpow:birthYear")] == ["1921"]


def test_names_after_a_kin_or_companion_noun_are_persons(tmp_path: Path) -> None:
    r = _read("Greet my sisters Haruko and Fumi. My friend Sato from Sakata works at the quarry.", tmp_path)
    assert {e.label for e in r.entities if e.kind == "person"} == {"Haruko", "Fumi", "Sato"}
    assert not [e for e in r.entities if e.kind == "organization"]   # "works at": a verb, not "Sakata works"


def test_a_birthplace_is_the_village_not_the_region_it_lies_in(tmp_path: Path) -> None:
    r = _read("Grigory Pavlovich Malyshev was born on 3 March 1902 in the village of Pokrovka in Saratov "
              "Governorate.", tmp_path)
    person = _one(r, "person", "Grigory Pavlovich Malyshev")
    assert [o.label for o in _values(r, person, "jpow:placeOfBirth")] == ["Pokrovka"]


def test_two_words_in_hepburn_romanisation_are_a_japanese_name_unless_a_ship_a_title_or_a_rank(tmp_path: Path) -> None:
    r = _read('Entry 112. Iwata Genzō, born 1920, private. Sergeant Aoki Tōru and Sergeant Ueda came. Ōta Kiyoshi '
              'wrote. The Eikō Maru sailed. They read "Akai Hoshi". The Temirtau Abenov works.', tmp_path)
    assert {e.label for e in r.entities if e.kind == "person"} == {"Iwata Genzō", "Aoki Tōru", "Sergeant Ueda",
                                                                    "Ōta Kiyoshi"}


def test_a_register_entry_states_its_clauses_of_the_person_it_opens_with(tmp_path: Path) -> None:
    r = _read("Entry 7. Kato Jiro, born 1919, corporal, 2nd Battalion of the 90th Infantry Regiment; died 3 March "
              "1946 of typhus in Spassk; buried at cemetery No. 4, grave 12.\n\nEntry 8. Mori Taro, born 1925; died "
              "in May 1946 after an accident at the mine.", tmp_path)
    kato = _one(r, "person", "Kato Jiro")
    assert [o.value for o in _values(r, kato, "jpow:birthYear")] == ["1919"]
    assert [o.value for o in _values(r, kato, "jpow:militaryRank")] == ["corporal"]
    assert [o.label for o in _values(r, kato, "jpow:memberOf")] == ["2nd Battalion of the 90th Infantry Regiment"]
    assert [o.value for o in _values(r, kato, "jpow:deathDate")] == ["1946-03-03"]
    assert [o.value for o in _values(r, kato, "jpow:causeOfDeath")] == ["typhus"]
    assert [o.label for o in _values(r, kato, "jpow:placeOfDeath")] == ["Spassk"]
    assert [o.label for o in _values(r, kato, "jpow:burialPlace")] == ["cemetery No. 4"]
    mori = _one(r, "person", "Mori Taro")
    assert [o.value for o in _values(r, mori, "jpow:causeOfDeath")] == ["accident at the mine"]


def test_a_numbered_unit_is_named_with_the_formation_it_belongs_to(tmp_path: Path) -> None:
    r = _read("He served in the 3rd Battalion of the 276th Infantry Regiment.", tmp_path)
    battalion = _one(r, "organization", "3rd Battalion of the 276th Infantry Regiment")
    assert [o.label for o in _values(r, battalion, "jpow:subordinateTo")] == ["276th Infantry Regiment"]


def test_who_after_a_name_of_a_place_is_the_person_named_before_it(tmp_path: Path) -> None:
    r = _read("The identified include Mizuno Hideaki of Gifu Prefecture, who died in Saran in February 1947.", tmp_path)
    person = _one(r, "person", "Mizuno Hideaki")
    assert [o.label for o in _values(r, person, "jpow:placeOfDeath")] == ["Saran"]


def test_an_acronym_given_in_brackets_names_the_body_later_whatever_the_recogniser_says(tmp_path: Path) -> None:
    r = _read("The Ministry of Health, Labour and Welfare (MHLW) announced the return.\n\nPress contact: MHLW. "
              "The MHLW said so.", tmp_path)
    assert not [e for e in r.entities if e.kind == "place"]
    assert [e.label for e in r.entities if e.kind == "organization" and "MHLW" in e.names] == [
        "Ministry of Health, Labour and Welfare"]


def test_a_line_of_keywords_mentions_nothing(tmp_path: Path) -> None:
    r = _read("Camps held prisoners.\n\nKeywords: Japanese prisoners of war; Karaganda; Spassk; archives", tmp_path)
    assert not [e for e in r.entities if e.kind == "place"]


def test_a_camp_that_opens_a_bodys_name_qualifies_it_and_is_no_camp_of_its_own(tmp_path: Path) -> None:
    r = _read("The records of the Karaganda camp administration were kept in Dolinka.", tmp_path)
    assert [e.label for e in r.entities if e.kind == "organization"] == ["Karaganda camp administration"]
    assert not [e for e in r.entities if e.kind == "camp"]


def test_a_cited_author_may_be_named_later_in_the_paragraph(tmp_path: Path) -> None:
    r = _read("Research followed the release (Shirai 2004). Shirai Takashi (白井隆) was the first to match the cards.",
              tmp_path)
    assert [o.label for o in _values(r, _one(r, "publication", "Shirai 2004"), "jpow:author")] == ["Shirai Takashi"]


def test_this_paper_is_the_document_itself(tmp_path: Path) -> None:
    path = tmp_path / "counting.txt"
    path.write_text("Counting the Dead\n\nThis paper compares the registers of camp No. 99 with the lists of the "
                    "Ministry of Health.\n", encoding="utf-8")
    quads = list(extract_paths([path], Settings()))
    document = next(q.object for q in quads if q.predicate == DCTERMS.source)
    assert any(q.object == document and q.predicate == JPOW.statedSubject for q in quads)


def test_the_author_of_a_work_is_a_person_not_the_work_its_of_names(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("A Note\n\nThe author of the present article, N. P. Gordeeva, is a researcher of the Institute "
                    "of History of the Far East.\n", encoding="utf-8")
    quads = list(extract_paths([path], Settings()))
    document = next(q.object for q in quads if q.predicate == DCTERMS.source)
    assert not any(q.object == document and q.predicate == JPOW.statedSubject for q in quads)


def test_an_exhibition_is_an_event_named_by_its_title_and_the_exhibition_refers_to_it(tmp_path: Path) -> None:
    r = _read('Steppe Letters (exhibition text)\n\nThis exhibition shows letters. The museum also lent maps to the '
              'exhibition "Snow and Coal", which opened in Temirtau in 2019.', tmp_path)
    shows = {e.label: e for e in r.entities if e.cls == "Exhibition"}
    assert set(shows) == {"Steppe Letters", "Snow and Coal"}
    assert "exhibition Snow and Coal" in shows["Snow and Coal"].names


def test_a_japanese_given_name_in_ko_is_a_womans_in_either_order_and_a_ukrainian_surname_is_not(tmp_path: Path) -> None:
    from kg.extract.text.linking import name_gender
    from kg.extract.text.lexicon import load
    rules = load()["name_gender"]
    assert [name_gender(n, rules) for n in ("Naoko Fujimura", "Yamada Keiko", "Pavel Lukyanenko")] == ["f", "f", None]


def test_a_diary_entry_opening_with_its_date_is_no_footnote_and_its_date_dates_what_it_tells(tmp_path: Path) -> None:
    r = _read("3 February 1946. We reached Dzhezkazgan. I think we were more when we left Harbin.\n\n"
              "August 1948. Sergeant Ueda Kenji has been moved to Karaganda.", tmp_path)
    assert {"Harbin", "Zhezkazgan"} <= {e.label for e in r.entities if e.kind == "place"}
    transfer = next(e for e in r.entities if e.cls == "Transfer")
    assert [o.value for o in _values(r, transfer, "jpow:date")] == ["1948-08"]


def test_a_japanese_family_name_alone_is_a_person_when_it_does_something(tmp_path: Path) -> None:
    r = _read('One of them, Yamamoto, taught me to fold cranes. Tanaka died of fever. He said it was like sakura. '
              'They read the wall newspaper "Akai Hoshi" and the memoir Hoshi no nai yoru.', tmp_path)
    assert {e.label for e in r.entities if e.kind == "person"} == {"Yamamoto", "Tanaka"}


def test_camps_and_sections_numbered_in_words_or_ordinals(tmp_path: Path) -> None:
    r = _read("They were taken to camp number 99. Barracks of the 5th camp section stood in the snow.", tmp_path)
    camps = {e.label: e for e in r.entities if e.kind == "camp"}
    assert [o.value for o in _values(r, camps["Camp No. 99"], "jpow:number")] == ["99"]
    assert [o.label for o in _values(r, camps["5th camp section"], "jpow:sectionOf")] == ["Camp No. 99"]


def test_a_titled_conference_is_an_event_and_a_day_range_is_a_period(tmp_path: Path) -> None:
    r = _read('The conference "Captivity and Memory: Prisoners in Kazakhstan" was held on 12–13 October 2022 in '
              'Karaganda. Dr. Yuko Nishimura presented her paper "Letters that did not arrive".', tmp_path)
    conference = next(e for e in r.entities if e.cls == "Conference")
    assert "Captivity and Memory conference" in conference.names
    paper = _one(r, "publication", "Letters that did not arrive")
    assert [o.label for o in _values(r, paper, "jpow:author")] == ["Yuko Nishimura"]
    from kg.extract.text.spans import dates
    assert [(d.value, d.kind) for d in dates("on 12–13 October 2022")] == [("2022-10-12/2022-10-13", "range")]


def test_a_title_after_a_possessive_name_with_its_year_is_a_book_by_that_person(tmp_path: Path) -> None:
    r = _read("He rarely engages with memoirs such as Hideo Tanabe's Snow over Spassk (1983).", tmp_path)
    book = _one(r, "publication", "Snow over Spassk")
    assert [o.label for o in _values(r, book, "jpow:author")] == ["Hideo Tanabe"]
    assert not [e for e in r.entities if e.kind == "place" and e.label == "Snow"]


def test_where_a_body_is_ends_its_name_as_a_place_of_its_own(tmp_path: Path) -> None:
    r = _read("Olga Rudenko of the Memorial Museum of Victims of Political Repression in Dolinka spoke. The director "
              "of the Centre for the Study of Repression spoke too.", tmp_path)
    museum = _one(r, "organization", "Memorial Museum of Victims of Political Repression")
    assert [o.label for o in _values(r, museum, "jpow:location")] == ["Dolinka"]
    assert [e.label for e in r.entities if e.kind == "place"] == ["Dolinka"]


def test_an_event_is_also_named_by_its_kind(tmp_path: Path) -> None:
    r = _read("In 1948 Kobayashi Shigeo returned to Japan.", tmp_path)
    event = next(e for e in r.entities if e.cls == "Repatriation")
    names = {n.value for n in _values(r, event, "skos:altLabel")}
    assert {"repatriation of Kobayashi Shigeo", "repatriation of Kobayashi to Japan"} <= names


def test_figures_of_cards_participants_remains_and_of_us_but_not_years_later(tmp_path: Path) -> None:
    from kg.extract.text.lexicon import load
    from kg.extract.text.quantities import quantities
    found = {q.text: (q.unit, q.qualifier) for t in (
        "It rests on 312 cards.", "Some sixty participants came.", "Between 900 and 1,100 sets of remains were found.",
        "He said there were 842 of us.", "Two years later he died.", "He spent four years in captivity.",
        "The return took more than 10 years.") for q in quantities(t, load())}
    assert found == {"312 cards": ("UnitItem", "exact"), "Some sixty participants": ("UnitPerson", "approximate"),
                     "Between 900 and 1,100 sets of remains": ("UnitItem", "range"), "842": ("UnitPerson", "exact"),
                     "more than 10 years": ("UnitYear", "lower_bound")}   # a hedged span is a figure, a bare one not


def test_acts_named_by_what_they_are_on_with_their_parties_and_laws_numbered_in_roman(tmp_path: Path) -> None:
    r = _read("They signed the Agreement between the Government of Ruritania and the Government of Japan on the Care "
              "of Graves of Japanese Nationals. It replaces the Memorandum on Cooperation in the Search for Burials of "
              "14 June 1996 and was ratified by the Law of the Republic of Kazakhstan No. 142-VI of 28 March 2018.",
              tmp_path)
    acts = {e.label: e for e in r.entities if e.kind == "legal-act"}
    assert {"Agreement on the Care of Graves of Japanese Nationals",
            "Memorandum on Cooperation in the Search for Burials", "Law No. 142-VI"} <= set(acts)
    parties = {o.label for o in _values(r, acts["Agreement on the Care of Graves of Japanese Nationals"],
                                        "jpow:issuedBy")}
    assert {"Government of Ruritania", "Government of Japan"} <= parties


def test_a_file_cited_by_fond_opis_and_delo_and_the_next_by_ibid(tmp_path: Path) -> None:
    r = _read("Files of the Russian State Military Archive (RGVA) were used.\n\n1. State Archive of Pavlodar Region "
              "(GAPO), f. 1129, op. 1, d. 3, l. 12.\n\n2. Ibid., d. 7, ll. 4–6.\n\n3. RGVA f. 1p, op. 9i, d. 211.",
              tmp_path)
    files = {e.label: e for e in r.entities if e.cls == "ArchivalUnit"}
    assert set(files) == {"GAPO f. 1129, op. 1, d. 3", "GAPO f. 1129, op. 1, d. 7", "RGVA f. 1p, op. 9i, d. 211"}
    assert [o.label for o in _values(r, files["RGVA f. 1p, op. 9i, d. 211"], "jpow:heldBy")] == [
        "Russian State Military Archive"]


def test_a_heading_and_the_next_line_are_no_body_and_its_is_no_name(tmp_path: Path) -> None:
    r = _read("The Karaganda Camp Administration held camps.\n\nHeads\nThe administration was headed by Colonel Pavel "
              "Zorin. Its political department was small.", tmp_path)
    assert [e.label for e in r.entities if e.kind == "organization"] == ["Karaganda Camp Administration"]
    zorin = _one(r, "person", "Pavel Zorin")
    assert [o.label for o in _values(r, zorin, "jpow:headOf")] == ["Karaganda Camp Administration"]


def test_expeditions_ceremonies_and_funerals_named_with_what_they_concern_are_events(tmp_path: Path) -> None:
    r = _read("The expedition to Spassk found the graves. The funeral of Endō Minoru took place at Saran.", tmp_path)
    assert {e.label for e in r.entities if e.kind == "event"} >= {"expedition to Spassk", "funeral of Endō Minoru"}


def test_a_distance_after_lies_or_is_located_and_places_listed_after_including(tmp_path: Path) -> None:
    r = _read("Saran lies 25 km from Karaganda. Ekibastuz is located 120 km south-west of Pavlodar. Graves lie in "
              "Karaganda region, including Spassk, Temirtau and Balkhash.", tmp_path)
    said = {f.o.value for f in r.facts if f.p == "jpow:verbPhrase"}
    assert {"25 km from", "120 km south-west of"} <= said
    region = _one(r, "place", "Karaganda region")
    assert {f.s.label for f in r.facts if f.p == "jpow:locatedIn" and f.o is region} == {"Spassk", "Temirtau",
                                                                                          "Balkhash"}


def test_reference_list_entries_in_author_date_form(tmp_path: Path) -> None:
    r = _read('Hayami Kosuke was a writer.\n\nReferences\n\n1. Ivanov, A. (2001). Japanese in Karaganda. Almaty: '
              'Gylym.\n\nSato, K. and Ono, T. (1999). "Memories of Saran". Journal of Siberian Studies 4: 12-30.\n',
              tmp_path)
    book = _one(r, "publication", "Japanese in Karaganda")
    assert [o.label for o in _values(r, book, "jpow:author")] == ["A. Ivanov"]
    assert [o.label for o in _values(r, book, "jpow:publisher")] == ["Gylym"]
    assert [o.value for o in _values(r, book, "jpow:publicationYear")] == ["2001"]
    article = _one(r, "publication", "Memories of Saran")
    assert sorted(o.label for o in _values(r, article, "jpow:author")) == ["K. Sato", "T. Ono"]
    assert [o.label for o in _values(r, article, "jpow:partOf")] == ["Journal of Siberian Studies"]


def test_a_reference_list_one_entry_per_line_reads_each_line_with_editors_and_names_in_their_own_order(
        tmp_path: Path) -> None:
    r = _read("Hayami Kosuke was a writer.\n\nReferences\n\nKimura Hiroshi (1999). Siberian Internment and the Coal "
              "Mines. Tokyo: Iwanami Shoten.\nTulegenova, A. and Ivanov, P., eds. (2008). Prisoners of War in "
              "Kazakhstan: Documents, 1941-1956. Almaty: Daik-Press.\n", tmp_path)
    book = _one(r, "publication", "Siberian Internment and the Coal Mines")
    assert [o.label for o in _values(r, book, "jpow:author")] == ["Kimura Hiroshi"]
    assert [o.label for o in _values(r, book, "jpow:publisher")] == ["Iwanami Shoten"]
    documents = _one(r, "publication", "Prisoners of War in Kazakhstan: Documents, 1941-1956")
    assert sorted(o.label for o in _values(r, documents, "jpow:editor")) == ["A. Tulegenova", "P. Ivanov"]
    assert _values(r, documents, "jpow:author") == []


def test_an_act_named_for_two_parties_joined_by_an_en_dash_keeps_both(tmp_path: Path) -> None:
    r = _read("In 1956 the Soviet–Japanese Joint Declaration was signed.", tmp_path)
    _one(r, "legal-act", "Soviet–Japanese Joint Declaration")


def test_an_award_is_an_event_of_the_person_awarded_named_by_the_decoration(tmp_path: Path) -> None:
    r = _read('Grigory Sukhov was an officer. He was awarded the Order of the Red Star in 1949. Ivan Lee received '
              'the medal "For Labour Valour".', tmp_path)
    star = _one(r, "event", "award of the Order of the Red Star")
    assert star.cls == "Award"
    assert [o.label for o in _values(r, star, "jpow:participant")] == ["Grigory Sukhov"]
    assert [o.value for o in _values(r, star, "jpow:date")] == ["1949"]
    medal = _one(r, "event", 'award of the medal "For Labour Valour"')
    assert [o.label for o in _values(r, medal, "jpow:participant")] == ["Ivan Lee"]


def test_sites_and_bodies_named_with_lower_case_words(tmp_path: Path) -> None:
    r = _read("They visited the Spassk camp cemetery and the Spassk central hospital. Files are kept in the "
              "regional archive in Karaganda and in the Temirtau town museum of local lore.", tmp_path)
    _one(r, "place", "Spassk camp cemetery")
    _one(r, "place", "Spassk central hospital")
    _one(r, "organization", "regional archive in Karaganda")
    _one(r, "organization", "Temirtau town museum of local lore")


def test_a_year_after_a_camp_s_number_is_no_other_camp(tmp_path: Path) -> None:
    r = _read("Register of deaths, camp No. 37, 1945–1947. It administered camps No. 37, 39 and 99.", tmp_path)
    assert sorted(e.label for e in r.entities if e.kind == "camp") == ["Camp No. 37", "Camp No. 39", "Camp No. 99"]


def test_scripts_and_quoted_letters_are_no_places(tmp_path: Path) -> None:
    r = _read('Names are written phonetically in Cyrillic. Files from "Sa" to "Su" are missing. He went to Ufa.',
              tmp_path)
    assert [e.label for e in r.entities if e.kind == "place"] == ["Ufa"]


def test_an_act_s_date_after_its_issuer_or_subject(tmp_path: Path) -> None:
    r = _read("File 1/14: Order No. 52 of the directorate on the reception of Japanese echelons, 19 October 1945. "
              "8 sheets.\n\nIt was introduced by Order No. 0112 of the Karaganda UPVI on 3 March 1946. It implemented "
              "Resolution No. 7712 of the Council of People's Commissars of the USSR, dated 2 September 1945, which "
              "had provided for the transfer.", tmp_path)
    for label, date in (("Order No. 52", "1945-10-19"), ("Order No. 0112", "1946-03-03"),
                        ("Resolution No. 7712", "1945-09-02")):
        assert [o.value for o in _values(r, _one(r, "legal-act", label), "jpow:date")] == [date], label


def test_authors_of_works_kept_among_papers_or_which_i_published_and_the_place_after_the_publisher(
        tmp_path: Path) -> None:
    r = _read('Mikhail Zharkov was a chief. His papers, including a typescript memoir, "Notes of a Camp Chief", are '
              'kept in Almaty. His memoir, "Eleven Years in the Steppe", was published by Jiji Press in Tokyo in 1963.',
              tmp_path)
    notes = _one(r, "publication", "Notes of a Camp Chief")
    assert [o.label for o in _values(r, notes, "jpow:author")] == ["Mikhail Zharkov"]
    eleven = _one(r, "publication", "Eleven Years in the Steppe")
    assert [o.label for o in _values(r, eleven, "jpow:placeOfPublication")] == ["Tokyo"]


def test_events_named_by_a_possessive_or_by_their_noun_as_what_begins(tmp_path: Path) -> None:
    r = _read("Repatriation began in spring 1947. After Kazakhstan's independence in 1991, the archives opened.",
              tmp_path)
    assert _one(r, "event", "Repatriation").cls == "Repatriation"
    assert _one(r, "event", "independence of Kazakhstan").cls == "PoliticalChange"


def test_a_figure_dated_by_a_vague_decade_keeps_no_date_and_does_not_fail(tmp_path: Path) -> None:
    r = _read("By the end of the 1950s there were 500 graves at Spassk. Until the mid-1990s some 40 graves were kept.",
              tmp_path)
    figures = [e for e in r.entities if e.kind == "statistic"]
    assert len(figures) == 2
    assert not [f for f in r.facts if f.s in figures and f.p in ("jpow:startDate", "jpow:endDate", "jpow:date")]


def test_a_span_of_days_after_from_stays_a_span_and_does_not_fail(tmp_path: Path) -> None:
    r = _read("A mission sent to Kazakhstan from 3 to 21 May 2024 recovered the remains of 12 persons. Until "
              "1947–1949 the camp held 800 prisoners.", tmp_path)
    assert [e for e in r.entities if e.kind == "statistic"]
    assert not [f for f in r.facts if f.p in ("jpow:date", "jpow:startDate", "jpow:endDate") and "/" in str(f.o)]


def test_a_fault_of_the_extractor_is_one_line_naming_the_passage_and_writes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    from kg.cli import main

    def broken(self, block, doc=None):
        raise ValueError("not a date: 'the 1950s'")
    monkeypatch.setattr(DocumentReader, "read_block", broken)
    article = tmp_path / "article.txt"
    article.write_text("Camp No. 99 was closed in 1955.\n", encoding="utf-8")
    out = tmp_path / "out.trig"
    assert main(["extract", str(article), "-o", str(out)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "article.txt, characters 0-" in err and "ValueError" in err, err
    assert "Traceback" not in err and not out.exists()


def test_bodies_named_in_romaji_and_with_possessive_or_lower_case_words(tmp_path: Path) -> None:
    r = _read("His memoir was published by Echigo Shobō and reprinted by Kōyōsha. He joined Sora no Kai and the "
              "Balkhash Comrades' Association. The ship belonged to Tōyō Kisen. The Balkhash city council and the "
              "Consulate General of Japan in Almaty helped the Karaganda Names Project.", tmp_path)
    bodies = {e.label for e in r.entities if e.kind == "organization"}
    assert {"Echigo Shobō", "Kōyōsha", "Sora no Kai", "Balkhash Comrades' Association", "Tōyō Kisen",
            "Balkhash city council", "Consulate General of Japan in Almaty", "Karaganda Names Project"} <= bodies, bodies
    assert not [e for e in r.entities if e.kind == "person"]


def test_reference_entries_under_their_heading_by_a_body_or_without_a_publisher(tmp_path: Path) -> None:
    r = _read("References\n1. Ministry of Foreign Affairs of Kazakhstan (1998). Bulletin of International Treaties, "
              "No. 5. Almaty.\n\nReferences\n1. Ōtsuka, Kenji (1980). From Mukden to Karaganda. Tokyo: private "
              "printing.\n\nDemchenko, I. P. (1963). Memoirs of a Section Chief. Alma-Ata: Kazakhstan Publishing "
              "House.\n", tmp_path)
    bulletin = _one(r, "publication", "Bulletin of International Treaties, No. 5")
    assert [o.label for o in _values(r, bulletin, "jpow:issuingBody")] == ["Ministry of Foreign Affairs of Kazakhstan"]
    mukden = _one(r, "publication", "From Mukden to Karaganda")
    assert [o.label for o in _values(r, mukden, "jpow:author")] == ["Kenji Ōtsuka"]
    assert not _values(r, mukden, "jpow:publisher")
    memoirs = _one(r, "publication", "Memoirs of a Section Chief")
    assert [o.label for o in _values(r, memoirs, "jpow:placeOfPublication")] == ["Alma-Ata"]


def test_titles_after_a_possessive_account_published_as_or_closed_by_their_japanese_original(tmp_path: Path) -> None:
    r = _read("Reiko's account, Grandfather's Steppe (祖父の草原), is published by Echigo Shobō. His grandson "
              "published the diary in 2011 as Karabas Notebook (カラバス手帳). The camp published the weekly Karaganda "
              "Japanese News.", tmp_path)
    assert {"Grandfather's Steppe", "Karabas Notebook", "Karaganda Japanese News"} <= {
        e.label for e in r.entities if e.kind == "publication"}


def test_incidents_named_by_a_noun_are_events(tmp_path: Path) -> None:
    r = _read("In 1947 a roof collapse at the Saran mine killed six men. The strike of 1948 lasted three days. The "
              "collapse of the USSR changed everything.", tmp_path)
    events = {e.label for e in r.entities if e.kind == "event"}
    assert {"roof collapse", "strike of 1948", "collapse of the USSR"} <= events, events


def test_an_event_noun_a_proper_name_tells_apart_is_an_event_but_not_a_noun_it_modifies(tmp_path: Path) -> None:
    r = _read("After the Soviet invasion of Manchuria he was captured. The London talks failed. The Soviet death "
              "rates rose. Then the Soviet Union resumed repatriation.", tmp_path)
    events = {e.label for e in r.entities if e.kind == "event"}
    assert {"Soviet invasion of Manchuria", "London talks"} <= events, events
    assert not any("rates" in e or "resumed" in e for e in events), events


def test_it_after_an_event_is_that_event_and_a_figure_of_its_sentence_measures_it(tmp_path: Path) -> None:
    r = _read("The Saran typhus epidemic broke out in December 1945. It killed more than 300 people.", tmp_path)
    epidemic = _one(r, "event", "Saran typhus epidemic")
    figure = next(e for e in r.entities if e.kind == "statistic")
    assert epidemic in _values(r, figure, "jpow:measures"), [(f.s.label, f.p, f.o) for f in r.facts]


def test_a_ship_that_left_or_sailed_makes_a_voyage_dated_by_its_clause(tmp_path: Path) -> None:
    r = _read("The Hokusei Maru, which left Nakhodka on 30 June 1947, carried 2,011 prisoners. The Maizuru Maru "
              "Company owned it.", tmp_path)
    voyage = _one(r, "event", "voyage of the Hokusei Maru")
    assert [d.value for d in _values(r, voyage, "jpow:date")] == ["1947-06-30"]
    assert not any("Company" in e.label for e in r.entities if e.kind == "event")


def test_the_echelon_refers_back_to_an_event_whose_name_has_the_noun(tmp_path: Path) -> None:
    r = _read("Echelon No. 27-114\n\nEchelon No. 27-114 was a railway transport that carried prisoners in 1945. The "
              "echelon crossed the border at Grodekovo on 30 September.", tmp_path)
    echelon = _one(r, "event", "Echelon No. 27-114")
    said = [f for f in r.facts if f.p == "jpow:statedSubject" and f.o is echelon]
    assert any(g.s is f.s and g.p == "jpow:statedObject" and g.o.label == "Grodekovo" for f in said for g in r.facts), \
        [(f.s.label, f.p, f.o) for f in r.facts]


def test_no_figure_from_a_date_no_group_from_a_question_and_abbreviated_ranks(tmp_path: Path) -> None:
    r = _read("Background\n\nOn 17 June 1947 prisoners refused to work. Nobody knows how many Japanese were buried "
              "at Spassk. Lt Col Ivan Petrov reported it.", tmp_path)
    assert not [e for e in r.entities if e.kind == "statistic"]
    assert not [e for e in r.entities if e.kind == "place" and e.label == "Background"]
    assert not [f for f in r.facts if f.p == "jpow:participantGroup" and "how many" in str(f.o)]
    assert [o.value for o in _values(r, _one(r, "person", "Ivan Petrov"), "jpow:militaryRank")] == ["Lt Col"]


def test_titles_newspapers_and_peoples_are_no_persons_or_places(tmp_path: Path) -> None:
    r = _read("His novel Forty Winters appeared in Tokyo. The Asahi Shimbun and the Ōu Shinpō reported it. A Ukrainian "
              "guard helped.", tmp_path)
    assert not [e.label for e in r.entities if e.kind == "person"]
    assert [e.label for e in r.entities if e.kind == "place"] == ["Tokyo"]


def test_notes_marked_by_superscripts_with_single_quoted_titles_and_inverted_co_authors(tmp_path: Path) -> None:
    r = _read("The depot was built in 1946.³\n\n____\n¹ Sato Ken, 'Camp Days', Steppe Review 3 (2001): 5–9.\n³ Kuroda Yūji "
              "and Petrova, Olga, 'The Akmolinsk depot builders', Journal of Steppe Studies 12 (2015): 45–67.\n",
              tmp_path)
    article = _one(r, "publication", "The Akmolinsk depot builders")
    assert sorted(o.label for o in _values(r, article, "jpow:author")) == ["Kuroda Yūji", "Olga Petrova"]
    assert [o.label for o in _values(r, article, "jpow:partOf")] == ["Journal of Steppe Studies"]
    _one(r, "publication", "Camp Days")


def test_a_note_citing_author_title_with_its_original_then_imprint(tmp_path: Path) -> None:
    r = _read("Text.\n\n____\n¹ Shirai Tetsuo, Kōya no hakaboshi (荒野の墓標, Grave markers of the wilderness), Tokyo: "
              "Sōbunsha, 1982.\n² Tulegenov, E. A., Japanese Prisoners of War in Central Kazakhstan, Karaganda: "
              "Karaganda State University Press, 2004.\n", tmp_path)
    book = _one(r, "publication", "Kōya no hakaboshi")
    assert [o.label for o in _values(r, book, "jpow:author")] == ["Shirai Tetsuo"]
    assert "荒野の墓標" in book.names
    other = _one(r, "publication", "Japanese Prisoners of War in Central Kazakhstan")
    assert [o.label for o in _values(r, other, "jpow:author")] == ["E. A. Tulegenov"]


def test_an_event_noun_its_modifiers_make_a_kind_is_an_event_and_one_they_judge_is_not(tmp_path: Path) -> None:
    r = _read("A remains-collection mission worked in Kazakhstan. The handover ceremony was brief. A memorial "
              "gathering in Sendai followed. Japan suffered a crushing defeat. The first transfer came later.",
              tmp_path)
    events = {e.label for e in r.entities if e.kind == "event"}
    assert {"remains-collection mission", "handover ceremony", "memorial gathering in Sendai"} <= events, events
    assert not {"crushing defeat", "first transfer"} & events, events


def test_a_name_with_its_cyrillic_an_honorific_and_a_kazakh_given_name_are_persons(tmp_path: Path) -> None:
    r = _read("Photographs were donated by the camp doctor Zoya Belenko (Зоя Беленко) in 1989. I met Mr. Fujii in "
              "Tokyo. The proceedings were edited by Aigerim Nurlanova.", tmp_path)
    persons = {e.label for e in r.entities if e.kind == "person"}
    assert {"Zoya Belenko", "Mr. Fujii", "Aigerim Nurlanova"} <= persons, persons
    assert "Зоя Беленко" in _one(r, "person", "Zoya Belenko").names


def test_bodies_named_by_kind_level_people_or_a_possessive_inside_the_name(tmp_path: Path) -> None:
    r = _read("He wrote to the Japanese Consulate-General in Almaty and the Japanese embassy in Astana. Ono Aya of "
              "Kyoto Women's University spoke. The Balkhash town soviet met. The regional NKVD administration in "
              "Karaganda was told. A commission of the Ministry of Internal Affairs came. The Akimat of Karaganda "
              "Region agreed.", tmp_path)
    bodies = {e.label for e in r.entities if e.kind == "organization"}
    assert {"Japanese Consulate-General in Almaty", "Japanese embassy in Astana", "Kyoto Women's University",
            "Balkhash town soviet", "regional NKVD administration", "commission of the Ministry of Internal Affairs",
            "Akimat of Karaganda Region"} <= bodies, bodies


def test_a_figure_counted_in_a_noun_the_lexicon_lacks_or_a_bare_range_is_a_statistic(tmp_path: Path) -> None:
    r = _read("The fonds includes 3,118 death certificates. At least eleven houses were built. Honestly, between "
              "1,300 and 1,800 in the whole region. He served 25 years in the camps and had two sons.", tmp_path)
    labels = " | ".join(sorted(e.label for e in r.entities if e.kind == "statistic"))
    for figure in ("3,118 death certificates", "At least eleven houses", "between 1,300 and 1,800"):
        assert figure in labels, labels
    assert "25 years" not in labels and "two sons" not in labels, labels


def test_sites_named_by_reservoir_deposit_memorial_complex_or_a_possessive_plural(tmp_path: Path) -> None:
    r = _read("They worked at mine No. 33-bis. We visited the Spassk memorial complex. The Kengir reservoir was built "
              "by prisoners. They built the Miners' Palace of Culture. The Ekibastuz coal deposit was opened.",
              tmp_path)
    sites = {e.label for e in r.entities if e.kind == "place"}
    assert {"mine No. 33-bis", "Spassk memorial complex", "Kengir reservoir", "Miners' Palace of Culture",
            "Ekibastuz coal deposit"} <= sites, sites


def test_a_section_named_by_its_town_and_a_camp_named_with_its_kind(tmp_path: Path) -> None:
    r = _read("Camp No. 99 had many sections. He was held in the Saran section until 1948. Then he came to the "
              "transit camp No. 380 in Nakhodka.", tmp_path)
    assert _one(r, "camp", "Saran section").kind == "camp"
    assert "transit camp No. 380" in _one(r, "camp", "Camp No. 380").names


def test_an_acronym_is_not_named_with_half_of_the_body_it_belongs_to(tmp_path: Path) -> None:
    r = _read("It was subordinate to the GUPVI of the Ministry of Internal Affairs in Moscow. The UPVI of the UMVD "
              "reported.", tmp_path)
    bodies = {e.label for e in r.entities if e.kind == "organization"}
    assert {"GUPVI", "Ministry of Internal Affairs", "UPVI of the UMVD"} <= bodies, bodies
    assert "GUPVI of the Ministry" not in bodies, bodies


def test_what_would_break_the_shapes_is_not_stated(tmp_path: Path) -> None:
    """A host that is no place, a share above the whole, two subjects of one statement: the shapes refuse them."""
    r = _read("The exhibition at the Karaganda Regional Museum opened. A brigade exceeded its norm by 140 per cent. "
              "Ueda Shin and Ono Taro, who matched the registers, counted 1,500 deaths.", tmp_path)
    exhibition = [e for e in r.entities if e.kind == "event" and "exhibition" in e.label]
    assert exhibition and not [f for f in r.facts if f.s is exhibition[0] and f.p == "jpow:location"]
    assert not [e for e in r.entities if e.kind == "statistic" and "140" in e.label]
    statements = [f.s.iri for f in r.facts if f.p == "jpow:statedSubject"]
    assert len(statements) == len(set(statements))


def test_a_list_of_works_under_its_heading_gives_the_article_persons_works_one_a_line(tmp_path: Path) -> None:
    r = _read("Kuroda Shigeharu\n\nKuroda Shigeharu was a Japanese officer and writer.\n\nWorks\n\n"
              "Snow over Spassk (スパスクの雪), Tokyo: Asahi Shobo, 1958 – memoir.\n"
              "The Graves of Karaganda, edited by Ota Fumiko, Tokyo, 1974 – register of burials.\n\n"
              "Kuroda died in Kanazawa in 1988.\n", tmp_path)
    snow = _one(r, "publication", "Snow over Spassk")
    assert [o.label for o in _values(r, snow, "jpow:author")] == ["Kuroda Shigeharu"]
    assert [o.label for o in _values(r, snow, "jpow:publisher")] == ["Asahi Shobo"]
    assert [o.value for o in _values(r, snow, "jpow:publicationYear")] == ["1958"]
    graves = _one(r, "publication", "The Graves of Karaganda")
    assert [o.label for o in _values(r, graves, "jpow:editor")] == ["Ota Fumiko"]
    assert [o.label for o in _values(r, graves, "jpow:placeOfPublication")] == ["Tokyo"]


def test_a_bulleted_works_list_reads_articles_in_journals_edited_volumes_and_titles_with_years(
        tmp_path: Path) -> None:
    r = _read("Tomioka Reiko\n\nTomioka Reiko is a Japanese historian.\n\nSelected works\n\n"
              "- Camp Records of the Karaganda Region, 1945–1950 (2 vols.), edited by Tomioka Reiko and Daulet "
              "Kenzhebayev, Tokyo and Almaty, 2006.\n"
              "- \"The Dead of the First Winter\", in Journal of Russian and East European Studies, no. 41, 2011, "
              "pp. 77–104.\n", tmp_path)
    records = _one(r, "publication", "Camp Records of the Karaganda Region, 1945–1950")
    assert sorted(o.label for o in _values(r, records, "jpow:editor")) == ["Daulet Kenzhebayev", "Tomioka Reiko"]
    assert _values(r, records, "jpow:author") == []   # she edited it
    assert sorted(o.label for o in _values(r, records, "jpow:placeOfPublication")) == ["Almaty", "Tokyo"]
    article = _one(r, "publication", "The Dead of the First Winter")
    assert [o.label for o in _values(r, article, "jpow:partOf")] == ["Journal of Russian and East European Studies"]
    assert [o.label for o in _values(r, article, "jpow:author")] == ["Tomioka Reiko"]


def test_a_peoples_commissariat_keeps_its_possessive_in_the_name(tmp_path: Path) -> None:
    r = _read("Order No. 5 was an order of the People's Commissariat of Internal Affairs of the USSR.", tmp_path)
    assert "People's Commissariat of Internal Affairs of the USSR" in {e.label for e in r.entities}


def test_an_acts_title_after_its_date_or_officially_titled_and_the_directorate_is_a_directorate(tmp_path: Path) -> None:
    r = _read('Order No. 9, officially titled "On the use of labour", was an order of the NKVD. The directorate '
              'issued Order No. 47, of 2 September 1946, "On measures to reduce mortality".', tmp_path)
    nine, forty_seven = _one(r, "legal-act", "Order No. 9"), _one(r, "legal-act", "Order No. 47")
    assert [o.value for o in _values(r, nine, "jpow:title")] == ["On the use of labour"]
    assert [o.value for o in _values(r, forty_seven, "jpow:title")] == ["On measures to reduce mortality"]
    assert [o.value for o in _values(r, forty_seven, "jpow:date")] == ["1946-09-02"]
    # "the directorate" is no directorate met before: not the NKVD, the last body named
    assert not _values(r, forty_seven, "jpow:issuedBy")


def test_a_name_a_sentence_defines_is_of_the_class_its_noun_gives_and_its_former_name_is_kept(tmp_path: Path) -> None:
    r = _read("Kosshoky (Russian: Косшокы), known until 1993 as Novougolny (Russian: Новоугольный), is a small "
              "coal-mining town in the Karaganda Region.", tmp_path)
    town = _one(r, "place", "Kosshoky")
    assert town.cls == "Settlement"
    assert [o.label for o in _values(r, town, "jpow:locatedIn")] == ["Karaganda Region"]
    old = _one(r, "place", "Novougolny")
    assert [o.label for o in _values(r, old, "jpow:renamedTo")] == ["Kosshoky"]


def test_a_population_figure_is_of_the_town_it_follows_or_the_town_the_article_is_about(tmp_path: Path) -> None:
    path = tmp_path / "kosshoky.txt"
    path.write_text("Kosshoky\n\nKosshoky is a small coal-mining town in the Karaganda Region. It had a population of "
                    "about 11,200 at the 2009 census. The population fell from about 19,000 in 1989.\n",
                    encoding="utf-8")
    quads = list(extract_paths([path], SETTINGS))
    located = {q.subject.value for q in quads if q.predicate.value.endswith("#location")
               and q.object.value.endswith("id/place/kosshoky")}
    values = {q.object.value for q in quads if q.subject.value in located and q.predicate.value.endswith("#value")}
    assert values == {"11200", "19000"}, values


def test_a_defined_name_runs_over_the_particles_of_a_romanised_title(tmp_path: Path) -> None:
    r = _read('Kōfu no Tomo (Japanese: 鉱夫の友) was a Japanese-language newspaper for prisoners of war.', tmp_path)
    paper = _one(r, "publication", "Kōfu no Tomo")
    assert {(o.value, o.lang) for o in _values(r, paper, "skos:altLabel")} == {("鉱夫の友", "ja")}


def test_a_bodys_name_may_hold_friends_of_but_not_a_post_or_a_person_before_of(tmp_path: Path) -> None:
    r = _read("It was linked to the Karaganda Friends of Democracy Society. The Head of Saran Society spoke. She "
              "worked with Tomoko Ishida of Niigata University and the Sora no Kai.", tmp_path)
    orgs = {e.label for e in r.entities if e.kind == "organization"}
    assert {"Karaganda Friends of Democracy Society", "Saran Society", "Niigata University"} <= orgs, orgs


def test_a_numbered_reference_in_author_title_imprint_form_and_a_title_in_kana_and_kanji(tmp_path: Path) -> None:
    r = _read("Some text.\n\nReferences\n\n1. Zhaksybekova, A. Japanese in the Steppe. Karaganda: Bolashak, 2004.\n"
              "2. Kobayashi Shigeru. 凍土の記 (Tōdo no ki). Tokyo: Sōbunsha, 1979.", tmp_path)
    steppe = _one(r, "publication", "Japanese in the Steppe")
    assert [o.label for o in _values(r, steppe, "jpow:author")] == ["A. Zhaksybekova"]
    assert [o.value for o in _values(r, steppe, "jpow:publicationYear")] == ["2004"]
    todo = _one(r, "publication", "Tōdo no ki")   # the romanisation is the label, the original another name
    assert [(o.value, o.lang) for o in _values(r, todo, "skos:altLabel")] == [("凍土の記", "ja")]


def test_an_infobox_under_the_title_says_of_the_camp_or_the_person_the_title_names(tmp_path: Path) -> None:
    camp = _read("Camp No. 41\n\nLocation: near Saran, Karaganda Region\nOperated by: MVD\nInmates: Japanese "
                 "prisoners of war\nYears active: 1945–1950\n\nCamp No. 41 was a prisoner-of-war camp.", tmp_path)
    c = _one(camp, "camp", "Camp No. 41")
    # ("near Saran, Karaganda Region": the camp is at Saran, which is in the region)
    assert [o.label for o in _values(camp, c, "jpow:location")] == ["Saran"]
    saran = _one(camp, "place", "Saran")
    assert {o.label for o in _values(camp, saran, "jpow:locatedIn")} == {"Karaganda Region"}
    assert [o.label for o in _values(camp, c, "jpow:subordinateTo")] == ["MVD"]
    assert [o.value for o in _values(camp, c, "jpow:period")] == ["1945/1950"]
    person = _read("Ivan Petrov\n\nBorn: 3 May 1899, Kanazawa\nAllegiance: Imperial Japanese Army\nRank: Major "
                   "General\n\nIvan Petrov was an officer.", tmp_path)
    p = _one(person, "person", "Ivan Petrov")
    assert [o.value for o in _values(person, p, "jpow:birthYear")] == ["1899-05-03"]
    assert [o.label for o in _values(person, p, "jpow:placeOfBirth")] == ["Kanazawa"]
    assert [o.label for o in _values(person, p, "jpow:memberOf")] == ["Imperial Japanese Army"]
    assert [o.value for o in _values(person, p, "jpow:militaryRank")] == ["Major General"]


def test_who_gives_a_figure_past_a_bracket_or_with_suggests_that(tmp_path: Path) -> None:
    r = _read("The researcher Hasegawa Emiko (長谷川 恵美子) estimates between 5,000 and 7,000 civilians. The historian "
              "Aigerim Zhaksybekova suggests that more than 2,500 prisoners died.", tmp_path)
    stated = {f.o.label for f in r.facts if f.p == "jpow:statedBy"}
    assert stated == {"Hasegawa Emiko", "Aigerim Zhaksybekova"}, stated


def test_quoted_web_and_newspaper_citations_and_author_date_books_with_pages(tmp_path: Path) -> None:
    r = _read('Some text.\n\nReferences\n\n1. Kurmanov, A. B. (1998). Lagerya voennoplennykh v Tsentralnom '
              'Kazakhstane. Karaganda: Bolashak, pp. 40–52.\n2. "Lager No. 347 (Saran)". Pamyat Karagandy. Retrieved '
              '12 March 2019.\n3. "Yaponskiy sled v Sarani". Industrialnaya Karaganda, 14 August 2006, p. 3.',
              tmp_path)
    book = _one(r, "publication", "Lagerya voennoplennykh v Tsentralnom Kazakhstane")
    assert [o.label for o in _values(r, book, "jpow:publisher")] == ["Bolashak"]
    page = _one(r, "publication", "Lager No. 347 (Saran)")
    assert [o.label for o in _values(r, page, "jpow:partOf")] == ["Pamyat Karagandy"]
    assert not _values(r, page, "jpow:publicationYear")   # the day it was read is no date of the page
    news = _one(r, "publication", "Yaponskiy sled v Sarani")
    assert [o.label for o in _values(r, news, "jpow:partOf")] == ["Industrialnaya Karaganda"]
    assert [o.value for o in _values(r, news, "jpow:publicationYear")] == ["2006"]


def test_an_infobox_with_its_own_name_line_for_a_camp_an_order_and_a_person(tmp_path: Path) -> None:
    camp = _read("Spassk transit camp\n\nTransit Camp No. 7 (Spassk)\nOther names: Spassk distribution point\n"
                 "Operated by: NKVD, later MVD\nYears active: 1945–1950\n\nThe camp received prisoners.", tmp_path)
    c = next(e for e in camp.entities if e.kind == "camp")
    assert {o.label for o in _values(camp, c, "jpow:subordinateTo")} == {"NKVD", "MVD"}
    order = _read("MVD Order No. 417 (1947)\n\nOrder No. 417\nIssued by: Ministry of Internal Affairs of the USSR\n"
                  "Date: 26 June 1947\n\nThe order set food norms.", tmp_path)
    o = _one(order, "legal-act", "Order No. 417")
    assert "Ministry of Internal Affairs of the USSR" in {x.label for x in _values(order, o, "jpow:issuedBy")}
    assert "1947-06-26" in {x.value for x in _values(order, o, "jpow:date")}
    person = _read("Sergei Loginov (official)\n\nSergei Ivanovich Loginov\nNative name: Сергей Логинов\nDied: 17 "
                   "January 1971 (aged 71), Alma-Ata\n\nLoginov was an officer.", tmp_path)
    p = next(e for e in person.entities if e.kind == "person")
    assert [x.label for x in _values(person, p, "jpow:placeOfDeath")] == ["Almaty"]
    # the name under a biography's title is its subject, not its author
    assert not [f for f in person.facts if f.p == "jpow:author"]


def test_works_a_paragraph_announces_and_an_isbn_that_is_no_publisher(tmp_path: Path) -> None:
    r = _read("Takeda Shigeo\n\nTakeda Shigeo (1910–1985) was a Japanese officer and writer. Other works include:\n"
              "\n- Sabaku no haka (1983)\n\nReferences\n\n1. Takeda, Shigeo (1952). Karaganda nikki. Kanazawa: "
              "Hokuriku Shinbunsha. ISBN 5-7667-0000-0.", tmp_path)
    persons = [e for e in r.entities if e.kind == "person"]
    assert [p.label for p in persons] == ["Takeda Shigeo"], persons   # the citation's "Takeda, Shigeo" is he
    works = {f.s.label for f in r.facts if f.p == "jpow:author" and f.o is persons[0]}
    assert works == {"Sabaku no haka", "Karaganda nikki"}, works
    assert not [e for e in r.entities if e.kind == "organization" and "ISBN" in e.label]
    assert not [e for e in r.entities if e.label in ("Other works", "Notable works")]


def test_a_post_with_its_rank_and_years_before_the_name_and_two_bodies_joined_by_and(tmp_path: Path) -> None:
    r = _read("Special Hospital No. 4112 was a hospital for prisoners. The head physician from 1945 to 1949 was Major "
              "of Medical Service Vera Kholodova. It was run by the Ministry of Health of the Kazakh SSR and MVD.",
              tmp_path)
    vera = _one(r, "person", "Vera Kholodova")
    assert [o.label for o in _values(r, vera, "jpow:affiliation")] == ["Special Hospital No. 4112"]
    orgs = {e.label for e in r.entities if e.kind == "organization"}
    assert {"Ministry of Health of the Kazakh SSR", "MVD"} <= orgs, orgs


def test_a_list_of_heads_with_their_years_heads_the_body_the_article_is_about(tmp_path: Path) -> None:
    r = _read("The All-Union Administration for Prisoner-of-War Affairs was a directorate of the NKVD.\n\nHeads\n\n"
              "- Lieutenant General Pyotr Zavyalov, head from September 1945 to May 1948;\n"
              "- Major General Arkady Lobanov, head from May 1948 until the renaming in 1951;", tmp_path)
    heads = {f.s.label for f in r.facts if f.p == "jpow:headOf" and
             f.o.label == "All-Union Administration for Prisoner-of-War Affairs"}
    assert heads == {"Pyotr Zavyalov", "Arkady Lobanov"}, heads


def test_a_work_named_by_its_description_after_a_verb_of_writing_is_this_text_s_publication(tmp_path: Path) -> None:
    r = _read("In 2003 the historian Gulnara Seitkazina published an article on the strike. A Russian edition of his "
              "essays was published in 2016. He published a book.", tmp_path)
    pubs = {e.label: e for e in r.entities if e.kind == "publication"}
    assert {"article on the strike", "Russian edition of his essays"} <= set(pubs), pubs
    assert "book" not in pubs, pubs
    assert [o.label for o in _values(r, pubs["article on the strike"], "jpow:author")] == ["Gulnara Seitkazina"]


def test_figures_of_persons_and_things_the_lexicon_counts_but_not_the_days_of_a_month(tmp_path: Path) -> None:
    r = _read("Under the programme 14 Kazakh researchers studied in Japan, and twelve paintings were donated. A "
              "commission examined the mine between 15 and 30 November. Camp No. 5 operated between 22 and 29 August "
              "1949.", tmp_path)
    figures = {e.label.split(" (")[0] for e in r.entities if e.kind == "statistic"}
    assert {"14 Kazakh researchers", "twelve paintings"} <= figures, figures
    assert not any(f.startswith("between") for f in figures), figures
    trial = [f for f in r.facts if f.p == "jpow:startDate" and getattr(f.o, "value", None) == "1949-08-22"]
    assert trial, r.facts


def test_an_act_named_by_its_issuer_alone_and_a_number_in_brackets_after_its_date(tmp_path: Path) -> None:
    r = _read("Sarysulag was closed on 31 March 1954 by an order of the MVD of the USSR. Under an order of the "
              "Ministry of the Coal Industry of 30 September 1949 (No. 712), prisoners were moved. By order of the "
              "NKVD they left. Order No. 0217 was an order of the NKVD.", tmp_path)
    acts = {e.label: e for e in r.entities if e.kind == "legal-act"}
    assert {"order of the MVD of the USSR", "Order No. 712", "Order No. 0217"} <= set(acts), acts
    assert len(acts) == 3, acts
    assert "/id/legal-act/doc-" in acts["order of the MVD of the USSR"].iri   # this text's act


def test_works_told_apart_by_whose_by_whom_or_when_and_titles_after_any_kind_of_them(tmp_path: Path) -> None:
    r = _read("According to Sokolin's final report, 1,240 prisoners graduated. A camp report of January 1951 counts 688 "
              "Japanese. He argued in a 2007 article in the journal Otan Tarikhy. The report was long. We used the "
              "collection of testimonies Voices from the Steppe, edited by Pak Chan Sun. The bureau issued an internal "
              "survey, History of Internment in Central Asia. They co-edited Japanese Prisoners of War in Kazakhstan: "
              "Documents and Materials, a volume of 412 pages.", tmp_path)
    pubs = {e.label for e in r.entities if e.kind == "publication"}
    assert {"Sokolin's final report", "camp report of January 1951", "2007 article", "Voices from the Steppe",
            "History of Internment in Central Asia",
            "Japanese Prisoners of War in Kazakhstan: Documents and Materials"} <= pubs, pubs
    assert "report" not in pubs, pubs


def test_a_translated_reference_entry_s_bodies_figures_months_and_literature(tmp_path: Path) -> None:
    r = _read("CAMP FOR PRISONERS OF WAR N 37 of the MVD of the USSR (Karaganda camp N 37) – a camp in Karaganda "
              "oblast. In operational matters it was subordinated to the UPVI of the UMVD of Karaganda oblast and to "
              "the GUPVI of the NKVD (from 1946 – MVD) of the USSR. From 03.1947 its capacity was 15 thous. persons.\n\n"
              "Lit.: Galkin V. P. Camps for Prisoners of War in Central Kazakhstan. Karaganda, 1997; Tanaka K. "
              "(田中 健二). Karaganda no yuki. Tokyo, 1989.", tmp_path)
    orgs = {e.label for e in r.entities if e.kind == "organization"}
    assert {"UPVI of the UMVD of Karaganda oblast", "GUPVI of the NKVD (from 1946 – MVD) of the USSR"} <= orgs, orgs
    camp = next(e for e in r.entities if e.kind == "camp")
    assert "Camp for Prisoners of War N 37" in camp.names, camp.names
    assert any(e.kind == "statistic" and "15 thous. persons" in e.label for e in r.entities), r.entities
    assert any(getattr(f.o, "value", "") == "1947-03" for f in r.facts), r.facts   # "From 03.1947", a month
    pubs = {e.label: e for e in r.entities if e.kind == "publication"}
    assert {"Camps for Prisoners of War in Central Kazakhstan", "Karaganda no yuki"} <= set(pubs), pubs
    assert [o.label for o in _values(r, pubs["Camps for Prisoners of War in Central Kazakhstan"], "jpow:author")] \
        == ["V. P. Galkin"]
    persons = {e.label for e in r.entities if e.kind == "person"}
    assert not any("Camps" in p for p in persons), persons


def test_a_surname_before_initials_is_a_cited_author_only_in_a_list_of_works() -> None:
    from kg.extract.text.mentions.persons import persons
    lex = load()
    assert [m.label for m in persons("Later V. P. Ivanov came in 1950.", lex)] == ["V. P. Ivanov"]
    assert [m.label for m in persons("Nurpeisova A. S. Saran in the years of war. Karaganda: Bolashak, 2001.", lex)] \
        == ["A. S. Nurpeisova"]


def test_bodies_places_and_numbered_units_as_a_translated_reference_names_them(tmp_path: Path) -> None:
    r = _read("The sanitary department of the UPVI of the UMVD of Karaganda oblast and convoy troops of the MVD and "
              "the Embassy of Japan in the USSR met. Pupils of Osakarovka secondary school N 1 and separate work "
              "battalion N 1015 worked for the trust Karagandashakhtostroy. It moved to the Novy Gorod district of "
              "Karaganda. He was born in Tambov guberniya.", tmp_path)
    names = {n for e in r.entities for n in e.names}
    assert {"sanitary department of the UPVI of the UMVD of Karaganda oblast", "convoy troops of the MVD",
            "Embassy of Japan in the USSR", "Osakarovka secondary school N 1", "separate work battalion N 1015",
            "trust Karagandashakhtostroy", "Novy Gorod district of Karaganda", "Tambov guberniya"} <= names, names
    assert "convoy troops of the MVD and the Embassy of Japan" not in names, names


def test_acts_whose_issuer_is_said_in_words_before_their_number_and_contracts(tmp_path: Path) -> None:
    r = _read("It worked under contract No. 17 of 02.04.1946 and the order of the director of the plant No. 211 of "
              "12.12.1947. It took an order of the day to go.", tmp_path)
    acts = {e.label for e in r.entities if e.kind == "legal-act"}
    assert acts == {"Contract No. 17", "Order No. 211"}, acts


def test_russian_references_a_part_after_a_double_slash_and_a_book_with_its_pages(tmp_path: Path) -> None:
    r = _read("Hospital N 4417 was a hospital.\n\nLit.: Ermekova G. T. Medical care of prisoners of war // Vestnik of "
              "Karaganda University. Series History. 2009. N 3. P. 44–51; Zhakupov S. T. Osakarovsky Raion: A "
              "Chronicle of the Years. Karaganda, 2011. P. 97–104.", tmp_path)
    pubs = {e.label: e for e in r.entities if e.kind == "publication"}
    assert {"Medical care of prisoners of war", "Vestnik of Karaganda University. Series History",
            "Osakarovsky Raion: A Chronicle of the Years"} <= set(pubs), pubs
    assert [o.label for o in _values(r, pubs["Medical care of prisoners of war"], "jpow:partOf")] == \
        ["Vestnik of Karaganda University. Series History"]
    assert [o.label for o in _values(r, pubs["Medical care of prisoners of war"], "jpow:author")] == ["G. T. Ermekova"]
    assert [o.label for o in _values(r, pubs["Osakarovsky Raion: A Chronicle of the Years"], "jpow:author")] == \
        ["S. T. Zhakupov"]


def test_russian_references_a_part_of_a_book_an_editor_after_a_slash_and_a_one_initial_author(tmp_path: Path) -> None:
    r = _read("Hospital N 4417 was a hospital.\n\nLit.: Kubota M. Kazafusutan no kiroku. Tokyo, 2002; Sarsenbayeva "
              "Zh. K. The Japanese Necropolis // Karaganda Oblast: Encyclopaedia. Almaty: Atamura, 2006. P. 415; "
              "Saran: Pages of History / ed. B. Zh. Abdrakhmanov. Karaganda, 2004.", tmp_path)
    pubs = {e.label: e for e in r.entities if e.kind == "publication"}
    assert [o.label for o in _values(r, pubs["Kazafusutan no kiroku"], "jpow:author")] == ["M. Kubota"]
    assert [o.label for o in _values(r, pubs["The Japanese Necropolis"], "jpow:author")] == ["Zh. K. Sarsenbayeva"]
    assert [o.label for o in _values(r, pubs["Saran: Pages of History"], "jpow:editor")] == ["B. Zh. Abdrakhmanov"]


@pytest.mark.parametrize("text, kind, label", [
    ("REPATRIATION ECHELON N 41-17 – a railway train by which prisoners were sent to Nakhodka in 10.1948.", "event",
     "Repatriation Echelon N 41-17"),
    ("OSAKAROVSKY RAION (Осакаровский район) – an administrative-territorial unit in the north of Karaganda oblast.",
     "place", "Osakarovsky Raion"),
    ("CEMETERY OF JAPANESE PRISONERS OF WAR at Tikhonovka – a burial place of prisoners of camp N 37.", "place",
     "Cemetery of Japanese Prisoners of War at Tikhonovka"),
])
def test_a_reference_entry_s_headword_in_capitals_is_what_it_defines(tmp_path: Path, text: str, kind: str,
                                                                       label: str) -> None:
    r = _read(text, tmp_path)
    assert label in {e.label for e in r.entities if e.kind == kind}, [(e.kind, e.label) for e in r.entities]


def test_a_body_named_after_someone_and_soviet_committees_of_a_region(tmp_path: Path) -> None:
    r = _read("He taught at Karaganda State University named after E. A. Buketov. The UMVD of Karaganda oblast and "
              "the commission of the Karaganda oblispolkom met.", tmp_path)
    orgs = {e.label for e in r.entities if e.kind == "organization"}
    assert {"Karaganda State University named after E. A. Buketov", "UMVD of Karaganda oblast",
            "commission of the Karaganda oblispolkom"} <= orgs, orgs
    assert not any(e.kind == "person" for e in r.entities), r.entities


def test_a_range_whose_thousand_is_the_upper_bound_s_alone_and_a_count_after_not_less_than(tmp_path: Path) -> None:
    from kg.extract.text.quantities import quantities
    from kg.extract.text.spans import dates
    lex = load()
    [q] = quantities("from 800 to 1.2 thousand Japanese prisoners of war", lex)
    assert (q.min_value, q.max_value) == (800.0, 1200.0)
    [q] = quantities("from 2 to 3 thousand prisoners", lex)
    assert (q.min_value, q.max_value) == (2000.0, 3000.0)
    assert dates("not less than 1800 Japanese prisoners arrived") == []
    assert [d.value for d in dates("born in 1899 in Tambov")] == ["1899"]

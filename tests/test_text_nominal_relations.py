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

"""IRIs are minted from ids and names only, so they are stable across rebuilds."""

from kg.iri import entity_iri, graph_iri, is_slug, slugify


def test_slugify_makes_lowercase_ascii_slugs() -> None:
    assert slugify("Spassky camp No. 99") == "spassky-camp-no-99"
    assert slugify("  Karaganda  region ") == "karaganda-region"


def test_slugify_keeps_text_without_latin_letters_distinct_and_stable() -> None:
    assert slugify("Караганда") == slugify("Караганда")
    assert slugify("Караганда") != slugify("Карлаг")
    assert is_slug(slugify("カラガンダ"))


def test_entity_and_graph_iris_follow_the_documented_scheme() -> None:
    base = "http://example.org/kg/"
    assert entity_iri(base, "camp", "camp-99").value == "http://example.org/kg/id/camp/camp-99"
    assert graph_iri(base, "curated/camps", "camp-99").value == "http://example.org/kg/graph/curated/camps/camp-99"
    assert graph_iri(base, "curated/camps").value == "http://example.org/kg/graph/curated/camps"

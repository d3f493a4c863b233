"""IRIs are minted from ids and names only, so they are stable across rebuilds."""

from kg.iri import entity_iri, graph_iri, is_slug, slugify


def test_slugify_makes_lowercase_ascii_slugs() -> None:
    assert slugify("Spassky camp No. 99") == "spassky-camp-no-99"
    assert slugify("  Karaganda  region ") == "karaganda-region"


def test_slugify_writes_text_without_latin_letters_as_its_code_points() -> None:
    """Pinned values: a slug is part of an IRI, so it must not change between releases."""
    assert slugify("Караганда") == "u41a-430-440-430-433-430-43d-434-430"
    assert slugify("カラガンダ") == "u30ab-30e9-30ac-30f3-30c0"
    assert slugify("Карлаг") != slugify("Караганда")
    assert is_slug(slugify("カラガンダ"))


def test_a_code_point_slug_reads_back_as_its_text() -> None:
    slug = slugify("山本 武")
    assert "".join(chr(int(h, 16)) for h in slug[1:].split("-")) == "山本武"


def test_entity_and_graph_iris_follow_the_documented_scheme() -> None:
    base = "http://example.org/kg/"
    assert entity_iri(base, "camp", "camp-99").value == "http://example.org/kg/id/camp/camp-99"
    assert graph_iri(base, "curated/camps", "camp-99").value == "http://example.org/kg/graph/curated/camps/camp-99"
    assert graph_iri(base, "curated/camps").value == "http://example.org/kg/graph/curated/camps"

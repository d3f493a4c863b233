"""The one SPARQL scanner (kg.sparql_text) that serve and store share: token-level facts and rewrites, checked
by running the rewritten text on a real pyoxigraph store. Where the two scanners it replaced disagreed (the
store's looked for any FROM token, the server's for a top-level clause), the cases are pinned here."""

from __future__ import annotations

import pytest
from pyoxigraph import NamedNode, Quad, Store

from kg.sparql_text import DatasetConflict, apply_using, has_dataset_clause, lenient_clear, query_form, substitute

EX = "http://example.org/"
P = NamedNode(EX + "p")


def store_with_two_graphs() -> Store:
    store = Store()
    for g in ("g1", "g2"):
        store.add(Quad(NamedNode(EX + g + "/s"), P, NamedNode(EX + "o"), NamedNode(EX + g)))
    return store


def test_using_goes_before_the_where_and_not_into_strings_iris_or_comments() -> None:
    update = (
        f'# a WHERE in a comment\nPREFIX ex: <{EX}where#>\n'
        f'INSERT {{ GRAPH <{EX}out> {{ ?s <{EX}note> "WHERE {{ }}" }} }} WHERE {{ ?s <{EX}p> ?o }}'
    )
    rewritten = apply_using(update, [EX + "g1"], [])
    assert rewritten.count("USING") == 1 and f"USING <{EX}g1> WHERE {{ ?s" in rewritten
    store = store_with_two_graphs()
    store.update(rewritten)
    subjects = {q.subject.value for q in store.quads_for_pattern(None, None, None, NamedNode(EX + "out"))}
    assert subjects == {EX + "g1/s"}


def test_delete_where_gets_an_explicit_template() -> None:
    rewritten = apply_using(f"DELETE WHERE {{ ?s <{EX}p> ?o }}", [], [EX + "g2"])
    assert rewritten.startswith(f"DELETE {{ ?s <{EX}p> ?o }} USING NAMED <{EX}g2> WHERE")
    store = store_with_two_graphs()
    store.update(apply_using(f"DELETE WHERE {{ GRAPH ?g {{ ?s <{EX}p> ?o }} }}", [], [EX + "g2"]))
    assert {q.graph_name.value for q in store} == {EX + "g1"}


@pytest.mark.parametrize("update", [
    f"WITH <{EX}g1> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}",
    f"DELETE {{ ?s ?p ?o }} USING <{EX}g1> WHERE {{ ?s ?p ?o }}",
])
def test_a_dataset_in_the_update_conflicts_with_the_protocol_dataset(update: str) -> None:
    with pytest.raises(DatasetConflict):
        apply_using(update, [EX + "g2"], [])
    assert apply_using(update, [], []) == update


def test_clear_of_a_missing_graph_is_silent_and_drop_stays_strict() -> None:
    store = Store()
    store.update(lenient_clear(f"CLEAR GRAPH <{EX}missing> ; CLEAR SILENT DEFAULT"))
    assert lenient_clear("CLEAR SILENT ALL") == "CLEAR SILENT ALL"
    with pytest.raises(RuntimeError):
        store.update(lenient_clear(f"DROP GRAPH <{EX}missing>"))


def test_from_is_recognised_only_at_the_top_level() -> None:
    assert has_dataset_clause(f"SELECT * FROM <{EX}g1> WHERE {{ ?s ?p ?o }}")
    assert has_dataset_clause(f"SELECT * FROM NAMED <{EX}g1> {{ GRAPH ?g {{ ?s ?p ?o }} }}")
    assert not has_dataset_clause(f'SELECT * WHERE {{ ?s <{EX}from> "FROM" }} # FROM')


@pytest.mark.parametrize("query", [
    "SELECT ?from WHERE { ?from ?p ?o }",  # a variable named from
    "PREFIX from: <urn:f#> SELECT * WHERE { ?s from:p ?o }",  # a prefix named from
    "SELECT * WHERE { ?s ?p ?o FILTER(?o != 'FROM') }",  # a string
    "SELECT * WHERE { ?s ?p ?o } # FROM <urn:g>",  # a comment
])
def test_words_that_only_look_like_from_name_no_dataset(query: str) -> None:
    """The store's old scanner saw a dataset in each of these, and then dropped the union-graph parameter a
    Virtuoso-like store needs: the answer came from the default graph only."""
    assert not has_dataset_clause(query)
    Store().query(query)  # each is valid SPARQL


@pytest.mark.parametrize("query, form", [
    ("PREFIX select: <urn:s#> ASK { ?s select:p ?o }", "ASK"),
    ("# SELECT in a comment\nCONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("SELECT ?ask WHERE { ?ask ?p 'DESCRIBE' }", "SELECT"),
    ("describe <urn:x>", "DESCRIBE"),
    ("PREFIX : <urn:x#> INSERT DATA { :a :b :c }", None),
])
def test_query_form_is_the_first_form_keyword(query: str, form: str | None) -> None:
    assert query_form(query) == form


def test_substitute_fills_variables_not_lookalikes() -> None:
    query = "# ?x in a comment\nSELECT ?y WHERE { ?x <urn:p> '?x' ; <urn:q> ?xy . $x <urn:r> ?y }"
    filled = substitute(query, {"x": NamedNode("urn:a")})
    assert filled == "# ?x in a comment\nSELECT ?y WHERE { <urn:a> <urn:p> '?x' ; <urn:q> ?xy . <urn:a> <urn:r> ?y }"
    with pytest.raises(ValueError, match=r"\?z"):
        substitute(query, {"z": NamedNode("urn:a")})

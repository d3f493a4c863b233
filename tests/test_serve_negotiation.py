"""Content negotiation (kg.serve.negotiation) and its two users: formats (Accept) and labels (Accept-Language).

The two parsers before it differed on uppercase `Q=`, `q=0`, invalid and out-of-range `q`, `*` and the
specificity of ranges; the cases below pin the RFC 9110 / RFC 4647 behaviour both now share."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal

from kg.serve.formats import (
    GRAPH_FORMATS,
    JSON_LD,
    N_TRIPLES,
    RDF_XML,
    RESULT_FORMATS,
    TURTLE,
    NotAcceptable,
    negotiate,
    prefers_html,
)
from kg.serve.labels import languages, pick
from kg.serve.negotiation import (
    Weighted,
    best_language,
    best_media_type,
    language_priority,
    parse,
)

JSON, XML, CSV, TSV = RESULT_FORMATS


# --- The parser ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("header,expected", [
    (None, []),
    ("", []),
    ("text/turtle", [("text/turtle", 1.0)]),
    (" Text/Turtle ; Q = 0.5 ,application/ld+json", [("text/turtle", 0.5), ("application/ld+json", 1.0)]),
    ("text/turtle;charset=utf-8;q=0.3", [("text/turtle", 0.3)]),
    ('application/ld+json;profile="a,b";q=0.7, text/csv', [("application/ld+json", 0.7), ("text/csv", 1.0)]),
    ("en;q=.5", [("en", 0.5)]),
    ("en;q=2", [("en", 1.0)]),  # clamped
    ("en;q=abc, ru", [("ru", 1.0)]),  # a malformed weight drops its element
    ("en;q=, ru;q=-1, ja;q=nan, de;q=0", [("de", 0.0)]),
    (",, ;q=0.5, ;;, q=1", []),
])
def test_parse_is_lenient(header: str | None, expected: list[tuple[str, float]]) -> None:
    assert [(w.value, w.q) for w in parse(header)] == expected


@pytest.mark.parametrize("header", ['"', 'text/"turtle', "\x00;\x00=\x00", "a/b;q=" + "9" * 400, ";" * 50, "*/*;q=1e9"])
def test_garbage_never_raises(header: str) -> None:
    parse(header)
    best_media_type(header, ["text/turtle", ("application/ld+json", "application/json")])
    language_priority(header, ("en", ""))


# --- Accept -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("accept,offered,expected", [
    (None, GRAPH_FORMATS, TURTLE),
    ("*/*", GRAPH_FORMATS, TURTLE),
    ("APPLICATION/LD+JSON", GRAPH_FORMATS, JSON_LD),  # uppercase
    ("application/ld+json;charset=utf-8", GRAPH_FORMATS, JSON_LD),  # parameters do not stop a match
    ("text/csv;q=0.5, application/sparql-results+json;Q=0.4", RESULT_FORMATS, CSV),  # `Q` is `q`
    ("application/sparql-results+json;q=0.5, text/csv;q=0.9, */*;q=0.1", RESULT_FORMATS, CSV),
    ("text/csv, application/sparql-results+json", RESULT_FORMATS, CSV),  # equal weights: the client's order
    ("application/*", RESULT_FORMATS, JSON),  # equal weights, same range: the server's order
    # Formerly the first range by weight decided; now the most specific range that matches a type decides
    # its weight: Turtle is at 0.1, N-Triples (text/plain) at 0.9 through text/*.
    ("text/*;q=0.9, text/turtle;q=0.1", GRAPH_FORMATS, N_TRIPLES),
    ("text/*, text/turtle;q=0.5", GRAPH_FORMATS, N_TRIPLES),
    ("text/turtle;q=0.5, text/*;q=0.5", GRAPH_FORMATS, TURTLE),  # equal weights: the more specific range
    # q=0 makes a type unacceptable even under a wildcard (formerly `*/*` still gave the default, Turtle).
    ("text/turtle;q=0, */*", GRAPH_FORMATS, JSON_LD),
    ("application/sparql-results+json;q=0, application/json;q=0, */*;q=0.1", RESULT_FORMATS, XML),
    # q=2 is clamped to 1 (formerly it outranked every other range).
    ("application/sparql-results+json, text/csv;q=2", RESULT_FORMATS, JSON),
    # An invalid weight drops its element (formerly it was q=0): the wildcard still covers the type.
    ("text/turtle;q=abc, application/ld+json;q=0.5, */*;q=0.1", GRAPH_FORMATS, JSON_LD),
    ("application/ld+json;q=abc, */*;q=0.1", GRAPH_FORMATS, TURTLE),
    ("*; q=.2", GRAPH_FORMATS, TURTLE),  # bare `*`, as Java's URLConnection sends it
    (",", GRAPH_FORMATS, TURTLE),  # nothing usable: as if absent (formerly 406)
    ("application/ld+json;q=abc", GRAPH_FORMATS, TURTLE),  # likewise (formerly 406)
    ("text/turtle;q=0, application/x-turtle", GRAPH_FORMATS, TURTLE),  # an alias named outright still counts
])
def test_negotiate(accept: str | None, offered: tuple, expected) -> None:
    assert negotiate(accept, offered) is expected


@pytest.mark.parametrize("accept,offered", [
    ("image/png", RESULT_FORMATS),
    ("text/csv", RESULT_FORMATS[:2]),
    ("text/turtle;q=0", (TURTLE,)),
    ("*/*;q=0", GRAPH_FORMATS),
    ("text/turtle;q=abc, image/png", (TURTLE,)),
])
def test_not_acceptable(accept: str, offered: tuple) -> None:
    with pytest.raises(NotAcceptable):
        negotiate(accept, offered)


def test_negotiate_default_wins_a_wildcard() -> None:
    assert negotiate("*/*", GRAPH_FORMATS, default=RDF_XML) is RDF_XML
    assert negotiate("application/ld+json;q=0.5, */*", GRAPH_FORMATS, default=RDF_XML) is RDF_XML


@pytest.mark.parametrize("accept,html", [
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", True),  # a browser
    ("*/*", False),  # curl
    (None, False),
    ("text/turtle", False),
    ("text/html;q=0.5, text/turtle", False),
    ("TEXT/HTML", True),
    ("text/html;q=0, */*", False),
    ("text/*", False),  # HTML only when asked for by name
    ("text/html, text/turtle;q=abc", True),
])
def test_prefers_html(accept: str | None, html: bool) -> None:
    assert prefers_html(accept) is html


# --- Accept-Language ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("header,expected", [
    (None, ["en", ""]),
    ("ru-RU,ru;q=0.9,en;q=0.5", ["ru-ru", "ru", "en", ""]),
    ("RU;Q=0.5, ja", ["ja", "ru", "en", ""]),  # uppercase `Q` counts (formerly ignored: ru first)
    ("en;q=0, ru", ["ru", ""]),  # q=0 refuses the English fallback (formerly still added)
    ("fr, *;q=0.5, ru;q=0.1", ["fr", "en", "", "ru"]),  # `*` stands for the fallbacks at its place
    ("*;q=0, ru", ["ru", ""]),
    ("de;q=abc, ja;q=2, ru", ["ja", "ru", "en", ""]),  # invalid dropped, out of range clamped
])
def test_languages(header: str | None, expected: list[str]) -> None:
    assert languages(header) == expected


@pytest.mark.parametrize("priority,available,expected", [
    (["en"], ["ru", "en-GB"], "en-GB"),  # a range covers its subtags
    (["en-gb"], ["ru", "en"], "en"),  # lookup cuts the range
    (["en-gb"], ["en-US", "en"], "en"),  # the closer match first (formerly the first tag with primary `en`)
    (["zh-hant-tw"], ["zh-Hans", "zh-Hant"], "zh-Hant"),
    (["ja"], ["ja-Latn", "ja"], "ja"),  # exact before covered
    ([""], ["en", ""], ""),
    (["*"], ["ru", "en"], "ru"),
    (["de"], ["ru", "en"], None),
])
def test_best_language(priority: list[str], available: list[str], expected: str | None) -> None:
    assert best_language(priority, available) == expected


def test_pick_a_label() -> None:
    labels = [Literal("Spassk camp", language="en"), Literal("Спасский", language="ru"), Literal("スパスク", language="ja")]
    assert pick(labels, languages("ru-RU,ru;q=0.9,en;q=0.5")).value == "Спасский"
    assert pick(labels, languages("de")).value == "Spassk camp"
    assert pick(labels, languages("de, en;q=0")).value == "Spassk camp"  # nothing acceptable: the first
    assert pick(labels, languages("ja;q=0.1, RU;Q=0.2")).value == "Спасский"
    assert pick([], languages("en")) is None


def test_weighted_is_plain_data() -> None:
    assert parse("en;q=0.5")[0] == Weighted("en", 0.5, 0)

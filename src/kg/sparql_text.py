"""The one SPARQL scanner: token-level facts about, and rewrites of, SPARQL text that pyoxigraph's Python API
does not expose. Serve and store both use it, so they agree on what a query says.

`query_form`: SELECT, ASK, CONSTRUCT or DESCRIBE, for a store that must be asked with the right `Accept`.

`bind_parameters`: a saved query's parameters bound by a VALUES block opening its WHERE group (a remote store
has no substitutions).

`substitute`, `query_file`: the variables of a query file replaced by terms (SPARQL kept in `.rq` files beside
the code that runs it, e.g. the remote build switch).

`has_dataset_clause`: whether a query names its own dataset (FROM / FROM NAMED): pyoxigraph's
`use_default_graph_as_union` would otherwise override FROM, so the union default graph is only asked for when
the query has none.

`lenient_clear`: `CLEAR` of a graph the store does not have succeeds (as `CLEAR SILENT`), as the W3C protocol
test update_base_uri expects; pyoxigraph would otherwise fail it. `DROP` keeps its strict meaning.

`apply_using`: the protocol's `using-graph-uri` / `using-named-graph-uri` for a SPARQL update.

pyoxigraph's `Store.update` takes no dataset, so the protocol dataset is written into the request as `USING`
clauses, which the SPARQL 1.1 Update grammar defines with exactly this meaning. The text is tokenised (strings,
IRIs, comments and prefixed names are skipped), never pattern-matched blindly: a clause goes before each
top-level `WHERE`. `DELETE WHERE { P }` has no place for `USING`, so it becomes the equivalent
`DELETE { P } USING … WHERE { P }`. An update that already has `USING` or `WITH` conflicts with the protocol
dataset (SPARQL 1.1 Protocol §2.2.3): that is a client error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w]+)
  | (?P<word>[A-Za-z_][\w.-]*(?::[\w.%:-]*)?|:[\w.%:-]*)
  | (?P<open>\{)
  | (?P<close>\})
  | (?P<open_other>[(\[])
  | (?P<close_other>[)\]])
    """,
    re.VERBOSE | re.DOTALL,
)


def tokens(text: str) -> Iterator[tuple[str, str]]:
    """(kind, text) of every token that matters: comment, string, iri, var, word, open/close (braces),
    open_other/close_other (parentheses, brackets). Whitespace and punctuation are skipped."""
    for match in _TOKEN.finditer(text):
        yield match.lastgroup or "", match.group()


class DatasetConflict(ValueError):
    pass


@dataclass(frozen=True)
class _Keyword:
    word: str
    start: int
    end: int


def _top_level_keywords(text: str) -> tuple[list[_Keyword], dict[int, int]]:
    """Keywords at brace depth 0, and for every `{` at depth 0 the offset just after its matching `}`."""
    keywords: list[_Keyword] = []
    block_end: dict[int, int] = {}
    depth = 0
    opened_at = -1
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "open":
            if depth == 0:
                opened_at = match.start()
            depth += 1
        elif kind == "close":
            depth -= 1
            if depth == 0:
                block_end[opened_at] = match.end()
        elif kind == "word" and depth == 0 and ":" not in match.group():
            keywords.append(_Keyword(match.group().upper(), match.start(), match.end()))
    return keywords, block_end


def apply_using(update: str, using: list[str], using_named: list[str]) -> str:
    """The update with the protocol dataset as USING clauses (unchanged when both lists are empty)."""
    if not using and not using_named:
        return update
    keywords, block_end = _top_level_keywords(update)
    for kw in keywords:
        if kw.word in ("USING", "WITH"):
            raise DatasetConflict(
                f"the update has a {kw.word} clause and the request also gives using-graph-uri/using-named-graph-uri;"
                " use one or the other (SPARQL 1.1 Protocol, section 2.2.3)"
            )
    clause = "".join(f"USING <{g}> " for g in using) + "".join(f"USING NAMED <{g}> " for g in using_named)
    out: list[str] = []
    cursor = 0
    for previous, kw in zip([None, *keywords], keywords):
        if kw.word != "WHERE":
            continue
        if previous is not None and previous.word == "DELETE" and not update[previous.end : kw.start].strip():
            brace = update.index("{", kw.end)
            end = block_end.get(brace)
            if end is None:
                return update  # unbalanced: let the parser report the syntax error
            pattern = update[brace:end]
            out.append(update[cursor : kw.start])
            out.append(f"{pattern} {clause}WHERE {pattern}")
            cursor = end
        else:
            out.append(update[cursor : kw.start])
            out.append(clause)
            cursor = kw.start
    out.append(update[cursor:])
    return "".join(out)


def has_dataset_clause(query: str) -> bool:
    """True when the query has a top-level FROM or FROM NAMED clause."""
    keywords, _ = _top_level_keywords(query)
    return any(kw.word == "FROM" for kw in keywords)


def lenient_clear(update: str) -> str:
    """Every top-level `CLEAR` without `SILENT` becomes `CLEAR SILENT`."""
    keywords, _ = _top_level_keywords(update)
    out, cursor = [], 0
    for kw, following in zip(keywords, [*keywords[1:], None]):
        if kw.word == "CLEAR" and (following is None or following.word != "SILENT"):
            out.append(update[cursor : kw.end] + " SILENT")
            cursor = kw.end
    out.append(update[cursor:])
    return "".join(out)


QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


def query_form(query: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first such keyword (not a prefixed name, variable, string, IRI
    or comment)."""
    for kind, text in tokens(query):
        if kind == "word" and ":" not in text and text.upper() in QUERY_FORMS:
            return text.upper()
    return None


def _where_group(query: str) -> int:
    """The offset of the `{` opening the query's WHERE group: the first `{` after a `WHERE` keyword outside any
    group or parenthesis, or, in a short form without the keyword (`SELECT * { … }`, `ASK { … }`), the first
    `{` outside parentheses. A CONSTRUCT template is skipped because its WHERE follows it."""
    braces = parens = 0
    first = -1
    previous = ""
    for match in _TOKEN.finditer(query):
        kind, text = match.lastgroup, match.group()
        if kind == "word" and ":" not in text:
            word = text.upper()
            if braces == parens == 0 and word == "WHERE":
                if previous == "CONSTRUCT":
                    raise ValueError("CONSTRUCT WHERE { … } cannot take parameters (its pattern is its template); "
                                     "write CONSTRUCT { … } WHERE { … }")
                brace = next((m for m in _TOKEN.finditer(query, match.end()) if m.lastgroup == "open"), None)
                if brace is None:
                    raise ValueError("the query has no group after WHERE to bind its parameters in")
                return brace.start()
            previous = word
            continue
        if kind != "comment":
            previous = ""  # CONSTRUCT WHERE only when nothing stands between them
        if kind == "open_other":
            parens += 1
        elif kind == "close_other":
            parens -= 1
        elif kind == "open" and parens == 0:
            if braces == 0 and first < 0:
                first = match.start()
            braces += 1
        elif kind == "close" and parens == 0:
            braces -= 1
    if first < 0:
        raise ValueError("the query has no WHERE group to bind its parameters in")
    return first


def bind_parameters(query: str, substitutions: Mapping[str, object] | None) -> str:
    """The query with its parameters bound by a VALUES block that opens its WHERE group; the values are terms
    written as SPARQL (pyoxigraph terms print so).

    A trailing VALUES after the query would be standard too, but Virtuoso 7.2 ignores one that follows ORDER BY
    (measured: all rows come back). The block joins with the rest of the WHERE group, which gives the answer
    of the embedded store's substitutions when the parameter is bound by a pattern of that group (the rule
    for saved queries, queries/README.md); a variable used only inside a nested group or a FILTER may differ."""
    if not substitutions:
        return query
    names = list(substitutions)
    values = (f"\n  VALUES ({' '.join('?' + n for n in names)}) "
              f"{{ ({' '.join(str(substitutions[n]) for n in names)}) }}")
    i = _where_group(query)
    return query[:i + 1] + values + query[i + 1:]


def substitute(query: str, terms: Mapping[str, object]) -> str:
    """Every variable `?name` / `$name` of `terms` replaced by its term written as SPARQL. A query or update
    kept in a `.rq` file names its inputs as variables, so the file stays valid SPARQL that tests can parse;
    the caller fills them in. A name the text does not use is an error (a renamed variable would otherwise
    leave the input unbound)."""
    unused = set(terms)
    out: list[str] = []
    cursor = 0
    for match in _TOKEN.finditer(query):
        if match.lastgroup == "var" and (name := match.group()[1:]) in terms:
            out.append(query[cursor:match.start()])
            out.append(str(terms[name]))
            cursor = match.end()
            unused.discard(name)
    if unused:
        raise ValueError(f"the query has no variable {', '.join('?' + n for n in sorted(unused))} to fill in")
    out.append(query[cursor:])
    return "".join(out)


def query_file(path: Path, **terms: object) -> str:
    """The query or update kept in the `.rq` file `path`, with its inputs (`terms`) filled in."""
    return substitute(path.read_text(encoding="utf-8"), terms)

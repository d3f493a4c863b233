"""SHACL Core evaluated as SPARQL over the store: the scalable engine.

Each constraint of each targeted shape becomes one SELECT over the union of the store's graphs, which returns
exactly its validation results (focus node, value). Oxigraph evaluates them on disk, streaming, so memory stays
flat whatever the graph size and nothing is copied out of the store (pySHACL and pyshacl-turbo first copy the
whole graph into memory: 3 GiB at 100k persons, 17 GiB at 600k).

Conformance of a value node to a nested shape (sh:node, sh:not, sh:and, sh:or, sh:xone, qualified shapes) is a
SPARQL boolean expression built recursively (`_conforms`). A construct it cannot express (sh:sparql, nested
min/max counts above 1, …) raises `Unsupported`; the engine then hands that whole shape to pyshacl-turbo, so the
report stays complete. tests/test_validate_scale.py checks the results against pySHACL, the reference, on a
graph with a violation of every constraint component the project's shapes use.

Known difference: a value compared with a bound of an incomparable datatype (sh:minInclusive 0 on a gYear) is a
violation here, as SHACL says; pySHACL, through rdflib's ordering of literals, passes some such pairs. Data that
meets the shapes' sh:datatype constraints never has such values.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

import rdflib
from rdflib.collection import Collection
from pyoxigraph import BlankNode, Store
from rdflib import Literal, URIRef

from kg.validate.report import Violation
from kg.validate.shapes import SH, Constraint, Shape, ShapesReader

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
VALUE_PARAMS = {"class", "datatype", "nodeKind", "minExclusive", "minInclusive", "maxExclusive", "maxInclusive",
                "minLength", "maxLength", "pattern", "languageIn", "in", "node", "not", "and", "or", "xone"}
NODE_KINDS = {
    "IRI": "isIRI({v})", "BlankNode": "isBlank({v})", "Literal": "isLiteral({v})",
    "BlankNodeOrIRI": "(isBlank({v}) || isIRI({v}))", "BlankNodeOrLiteral": "(isBlank({v}) || isLiteral({v}))",
    "IRIOrLiteral": "(isIRI({v}) || isLiteral({v}))",
}
COMPARE = {"minExclusive": ">", "minInclusive": ">=", "maxExclusive": "<", "maxInclusive": "<="}


class Unsupported(Exception):
    """A construct this engine does not translate; its shape is validated by pyshacl-turbo instead."""


def term(node: object) -> str:
    if isinstance(node, (URIRef, Literal)):
        return node.n3()
    raise Unsupported(f"a blank node as a constraint value: {node!r}")


def path_sparql(g: rdflib.Graph, path: object) -> str:
    """A SHACL property path as a SPARQL property path."""
    if isinstance(path, URIRef):
        return path.n3()
    if (inv := g.value(path, SH.inversePath)) is not None:
        return f"^({path_sparql(g, inv)})"
    if (alt := g.value(path, SH.alternativePath)) is not None:
        return "(" + "|".join(path_sparql(g, p) for p in Collection(g, alt)) + ")"
    for key, op in (("zeroOrMorePath", "*"), ("oneOrMorePath", "+"), ("zeroOrOnePath", "?")):
        if (inner := g.value(path, SH[key])) is not None:
            return f"({path_sparql(g, inner)}){op}"
    items = list(Collection(g, path))
    if items:
        return "(" + "/".join(path_sparql(g, p) for p in items) + ")"
    raise Unsupported(f"an unknown path form {path!r}")


@dataclass
class Query:
    """One SELECT returning the results of one or more constraints: ?this, and ?value / ?path when results have
    them. Constraints on the values of one path share a query; a boolean flag per constraint says which failed
    (`flag` None: the query has one constraint, every row is its result)."""

    members: list[tuple[Shape, Constraint, str | None]]
    text: str
    # Value conditions depend on the value only: `values` finds the failing values once each (one scan of the
    # path's triples, no join with the focus nodes), `joined` then finds their focus nodes, if there are any.
    values: str | None = None
    joined: str | None = None  # with {rows}: a VALUES block of (?value ?_f0 …) rows from `values`


class Compiler:
    def __init__(self, shapes_graph: rdflib.Graph, store: Store) -> None:
        self.g = shapes_graph
        self.store = store
        self._fresh = itertools.count()
        self._subclasses: dict[str, list[str]] = {}

    def var(self) -> str:
        return f"?_v{next(self._fresh)}"

    def subclasses(self, cls: object) -> list[str]:
        """The class and its subclasses, from the data (the ontology graph is part of the union)."""
        key = term(cls)
        if key not in self._subclasses:
            q = f"SELECT DISTINCT ?c WHERE {{ ?c {SUBCLASS}* {key} }}"
            found = {f"<{s['c'].value}>" for s in self.store.query(q, use_default_graph_as_union=True)
                     if s["c"] is not None and type(s["c"]).__name__ == "NamedNode"}
            self._subclasses[key] = sorted(found | {key})
        return self._subclasses[key]

    def _instance_of(self, v: str, cls: object) -> str:
        classes = self.subclasses(cls)
        if len(classes) == 1:
            return f"EXISTS {{ {v} {RDF_TYPE} {classes[0]} }}"
        t = self.var()
        return f"EXISTS {{ {v} {RDF_TYPE} {t} . VALUES {t} {{ {' '.join(classes)} }} }}"

    # -- value-level conditions: true iff the value node {v} satisfies the constraint ------------------
    def value_ok(self, c: Constraint, v: str, shape: Shape) -> str:
        p, x = c.param, c.value
        if p == "class":
            return self._instance_of(v, x)
        if p == "datatype":
            return f"(isLiteral({v}) && sameTerm(DATATYPE({v}), {term(x)}))"
        if p == "nodeKind":
            return NODE_KINDS[str(x).rsplit("#", 1)[1]].format(v=v)
        if p in COMPARE:
            return f"COALESCE({v} {COMPARE[p]} {term(x)}, false)"
        if p in ("minLength", "maxLength"):
            op = ">=" if p == "minLength" else "<="
            return f"(!isBlank({v}) && COALESCE(STRLEN(STR({v})) {op} {int(x)}, false))"  # type: ignore[call-overload]
        if p == "pattern":
            flags = shape.aux.get("flags")
            args = f", {Literal(str(flags)).n3()}" if flags else ""
            return f"(!isBlank({v}) && COALESCE(REGEX(STR({v}), {Literal(str(x)).n3()}{args}), false))"
        if p == "languageIn":
            tests = " || ".join(f"langMatches(LANG({v}), {Literal(str(t)).n3()})" for t in x)  # type: ignore[union-attr]
            return f"(isLiteral({v}) && ({tests or 'false'}))"
        if p == "in":
            return "(" + (" || ".join(f"sameTerm({v}, {term(t)})" for t in x) or "false") + ")"  # type: ignore[union-attr]
        if p == "node":
            return self.conforms(x, v)  # type: ignore[arg-type]
        if p == "not":
            return f"!({self.conforms(x, v)})"  # type: ignore[arg-type]
        if p == "and":
            return "(" + (" && ".join(self.conforms(s, v) for s in x) or "true") + ")"  # type: ignore[union-attr]
        if p == "or":
            return "(" + (" || ".join(self.conforms(s, v) for s in x) or "false") + ")"  # type: ignore[union-attr]
        if p == "xone":
            return "((" + " + ".join(f"IF({self.conforms(s, v)}, 1, 0)" for s in x) + ") = 1)"  # type: ignore[union-attr]
        raise Unsupported(f"sh:{p} as a value condition")

    # -- conformance of a node to a whole shape, for nested shapes ----------------------------------------
    def conforms(self, shape: Shape, x: str) -> str:
        if shape.deactivated:
            return "true"
        parts: list[str] = []
        if shape.is_property:
            path = path_sparql(self.g, shape.path)
            for c in shape.constraints:
                y = self.var()
                if c.param in VALUE_PARAMS:
                    parts.append(f"NOT EXISTS {{ {x} {path} {y} FILTER(!({self.value_ok(c, y, shape)})) }}")
                elif c.param == "minCount" and int(c.value) <= 1:  # type: ignore[call-overload]
                    parts.append(f"EXISTS {{ {x} {path} {y} }}" if int(c.value) == 1 else "true")  # type: ignore[call-overload]
                elif c.param == "maxCount" and int(c.value) <= 1:  # type: ignore[call-overload]
                    z = self.var()
                    parts.append(f"NOT EXISTS {{ {x} {path} {y} }}" if int(c.value) == 0 else  # type: ignore[call-overload]
                                 f"NOT EXISTS {{ {x} {path} {y} . {x} {path} {z} FILTER(!sameTerm({y}, {z})) }}")
                elif c.param == "hasValue":
                    parts.append(f"EXISTS {{ {x} {path} {term(c.value)} }}")
                else:
                    raise Unsupported(f"sh:{c.param} in a nested property shape")
        else:
            for c in shape.constraints:
                if c.param in VALUE_PARAMS:
                    parts.append(self.value_ok(c, x, shape))
                elif c.param == "hasValue":
                    parts.append(f"sameTerm({x}, {term(c.value)})")
                else:
                    raise Unsupported(f"sh:{c.param} in a nested node shape")
        for prop in shape.properties:
            parts.append(self.conforms(prop, x))
        return "(" + (" && ".join(parts) or "true") + ")"

    # -- the queries of a targeted shape ---------------------------------------------------------------
    def focus(self, shape: Shape) -> str:
        """The graph pattern binding ?this to each focus node of the shape.

        A single kind of target is written as plain triple patterns, not a group: Oxigraph then joins it with
        the constraint's patterns by index lookups instead of materialising all focus nodes (2x faster)."""
        branches = []
        classes = sorted({c for cls in shape.targets["targetClass"] for c in self.subclasses(cls)})
        if len(classes) == 1:
            branches.append(f"?this {RDF_TYPE} {classes[0]} .")
        elif classes:
            t = self.var()  # VALUES, not FILTER IN: lookups per class instead of a scan of every rdf:type
            branches.append(f"VALUES {t} {{ {' '.join(classes)} }} ?this {RDF_TYPE} {t} .")
        if shape.targets["targetNode"]:
            branches.append(f"VALUES ?this {{ {' '.join(term(n) for n in shape.targets['targetNode'])} }}")
        for p in shape.targets["targetSubjectsOf"]:
            branches.append(f"?this {term(p)} {self.var()} .")
        for p in shape.targets["targetObjectsOf"]:
            branches.append(f"{self.var()} {term(p)} ?this .")
        if len(branches) == 1:
            return branches[0]
        return " UNION ".join(f"{{ {b} }}" for b in branches) or "FILTER(false)"

    def queries(self, shape: Shape, focus: str | None = None) -> Iterator[Query]:
        """The queries of a shape and of its property shapes, which share its focus nodes.

        Value conditions (sh:class, sh:datatype, sh:or…) on one path are checked in one pass over the focus
        nodes' values: one query per path instead of one per constraint."""
        if shape.deactivated:
            return
        focus = focus or self.focus(shape)
        by_path: dict[str, list[tuple[Shape, Constraint]]] = {}
        for s in [shape, *[p for p in shape.properties if not p.deactivated]]:
            for c in s.constraints:
                if s.is_property and c.param in VALUE_PARAMS:
                    by_path.setdefault(path_sparql(self.g, s.path), []).append((s, c))
                else:
                    yield Query([(s, c, None)], self._query(s, c, focus))
            if s is not shape:
                for nested in s.properties:
                    yield from self.queries(nested, focus)
        for path, members in by_path.items():
            flags = [f"?_f{i}" for i in range(len(members))]
            binds = " ".join(f"BIND(COALESCE(!({self.value_ok(c, '?value', s)}), false) AS {f})"
                             for (s, c), f in zip(members, flags))
            head, any_failed = " ".join(flags), " || ".join(flags)
            text = (f"SELECT DISTINCT ?this ?value {head} WHERE {{ {focus} ?this {path} ?value "
                    f"{binds} FILTER({any_failed}) }}")
            values = (f"SELECT ?value {head} WHERE {{ {{ SELECT DISTINCT ?value WHERE {{ ?_s {path} ?value }} }} "
                      f"{binds} FILTER({any_failed}) }}")
            joined = (f"SELECT DISTINCT ?this ?value {head} WHERE {{ VALUES (?value {head}) {{ {{rows}} }} "
                      f"?this {path} ?value . {focus} }}")
            yield Query([(s, c, f) for (s, c), f in zip(members, flags)], text, values, joined)

    def _query(self, shape: Shape, c: Constraint, focus: str) -> str:
        p = c.param
        if not shape.is_property:
            if p in VALUE_PARAMS:
                return f"SELECT DISTINCT ?this (?this AS ?value) WHERE {{ {focus} FILTER(!({self.value_ok(c, '?this', shape)})) }}"
            if p == "hasValue":
                return f"SELECT DISTINCT ?this WHERE {{ {focus} FILTER(!sameTerm(?this, {term(c.value)})) }}"
            if p == "closed":
                allowed = {f"<{q}>" for prop in shape.properties if isinstance(prop.path, URIRef) for q in [prop.path]}
                allowed |= {term(q) for q in shape.aux.get("ignoredProperties", [])}  # type: ignore[union-attr]
                keep = f"FILTER(?path NOT IN ({', '.join(sorted(allowed))}))" if allowed else ""
                return f"SELECT DISTINCT ?this ?path ?value WHERE {{ {focus} ?this ?path ?value {keep} }}"
            if p == "sparql":
                return self._sparql_constraint(c.value, focus, None)
            raise Unsupported(f"sh:{p} on a node shape")
        path = path_sparql(self.g, shape.path)
        if p in VALUE_PARAMS:
            return (f"SELECT DISTINCT ?this ?value WHERE {{ {focus} ?this {path} ?value "
                    f"FILTER(!({self.value_ok(c, '?value', shape)})) }}")
        if p == "minCount":
            n = int(c.value)  # type: ignore[call-overload]
            if n == 1:
                return f"SELECT DISTINCT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ ?this {path} ?_any }} }}"
            return (f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ ?this {path} ?_v }} }} "
                    f"GROUP BY ?this HAVING (COUNT(DISTINCT ?_v) < {n})")
        if p == "maxCount":
            n = int(c.value)  # type: ignore[call-overload]
            return (f"SELECT ?this WHERE {{ {focus} ?this {path} ?_v }} "
                    f"GROUP BY ?this HAVING (COUNT(DISTINCT ?_v) > {n})")
        if p == "hasValue":
            return f"SELECT DISTINCT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ ?this {path} {term(c.value)} }} }}"
        if p == "uniqueLang":
            if c.value != Literal(True):
                return "SELECT ?this WHERE { FILTER(false) }"
            return (f"SELECT DISTINCT ?this WHERE {{ {focus} ?this {path} ?_a , ?_b "
                    f"FILTER(!sameTerm(?_a, ?_b) && LANG(?_a) != \"\" && LCASE(LANG(?_a)) = LCASE(LANG(?_b))) }}")
        if p in ("equals", "disjoint", "lessThan", "lessThanOrEquals"):
            other = term(c.value)
            if p == "equals":
                where = (f"{{ ?this {path} ?value FILTER NOT EXISTS {{ ?this {other} ?value }} }} UNION "
                         f"{{ ?this {other} ?value FILTER NOT EXISTS {{ ?this {path} ?value }} }}")
            elif p == "disjoint":
                where = f"?this {path} ?value . ?this {other} ?value"
            else:
                op = "<" if p == "lessThan" else "<="
                where = f"?this {path} ?value . ?this {other} ?_w FILTER(!COALESCE(?value {op} ?_w, false))"
            return f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {where} }}"
        if p in ("qualifiedMinCount", "qualifiedMaxCount"):
            if shape.aux.get("qualifiedValueShapesDisjoint") == Literal(True):
                raise Unsupported("sh:qualifiedValueShapesDisjoint")
            q = shape.aux["qualifiedValueShape"]
            ok = self.conforms(q, "?_v")  # type: ignore[arg-type]
            n = int(c.value)  # type: ignore[call-overload]
            if p == "qualifiedMinCount":
                return (f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ ?this {path} ?_v FILTER({ok}) }} }} "
                        f"GROUP BY ?this HAVING (COUNT(DISTINCT ?_v) < {n})")
            return (f"SELECT ?this WHERE {{ {focus} ?this {path} ?_v FILTER({ok}) }} "
                    f"GROUP BY ?this HAVING (COUNT(DISTINCT ?_v) > {n})")
        if p == "sparql":
            return self._sparql_constraint(c.value, focus, path)
        raise Unsupported(f"sh:{p}")

    def _sparql_constraint(self, node: object, focus: str, path: str | None) -> str:
        """A SPARQL-based constraint: its SELECT joined with the focus nodes on $this (pySHACL pre-binds $this,
        which gives the same solutions for queries that do not test $this inside a negation or subquery)."""
        g = self.g
        select = g.value(node, SH.select)
        if select is None or any(g.objects(node, SH.ask)):
            raise Unsupported("a SPARQL constraint without sh:select")
        text = str(select)
        if path is not None:
            text = text.replace("$PATH", path)
        if re.search(r"\$(currentShape|shapesGraph)\b", text):
            raise Unsupported("$currentShape or $shapesGraph in a SPARQL constraint")
        prologue = "".join(f"PREFIX {g.value(d, SH.prefix)}: <{g.value(d, SH.namespace)}>\n"
                           for ontology in g.objects(node, SH.prefixes) for d in g.objects(ontology, SH.declare))
        return f"{prologue}SELECT DISTINCT ?this ?path ?value WHERE {{ {focus} {{ {text} }} }}"


def _path_text(shape: Shape) -> str | None:
    if shape.path is None:
        return None
    return str(shape.path) if isinstance(shape.path, URIRef) else "(complex path)"


def _message(g: rdflib.Graph, shape: Shape, c: Constraint) -> str:
    if c.param == "sparql" and (own := g.value(c.value, SH.message)) is not None:  # type: ignore[arg-type]
        return str(own)
    if shape.messages:
        return shape.messages[0]
    value = c.value if not isinstance(c.value, (list, Shape)) else "…"
    return f"the {c.component.rsplit('#', 1)[1]} (sh:{c.param} {value}) is not met"


def run_query(store: Store, q: Query, g: rdflib.Graph) -> Iterator[tuple[Violation, object, Constraint]]:
    """The results of a query, each with its value node as a pyoxigraph term (or None) and its constraint."""
    has_value = "?value" in q.text.split("WHERE", 1)[0]
    members = [(shape, c, flag and flag[1:], _message(g, shape, c), _path_text(shape)) for shape, c, flag in q.members]
    for sol in store.query(q.text, use_default_graph_as_union=True):
        for shape, c, flag, message, path in members:
            if flag is not None and sol[flag].value != "true":
                continue
            value = sol["value"] if has_value else None
            if c.param == "sparql" and value is None:
                value = sol["this"]  # as pySHACL does when the query binds no ?value
            result_path = path
            if c.param in ("closed", "sparql") and sol["path"] is not None:
                result_path = _text(sol["path"])
            yield Violation(_text(sol["this"]), result_path, message, shape.severity, c.component,
                            None if value is None else _text(value)), value, c


def _text(node: object) -> str:
    return str(node) if isinstance(node, BlankNode) else node.value  # type: ignore[attr-defined]


def _values_pattern(nodes: list[object]) -> str:
    return "{ VALUES ?this { " + " ".join(str(n) for n in nodes) + " } }"


def validate(store: Store, shapes_graph: rdflib.Graph) -> tuple[list[Violation], list[Shape]]:
    """All results of the shapes this engine can translate, and the shapes it could not (for a fallback).

    Like pySHACL, a value node failing sh:node also gets the results of the nested shape on it (pySHACL
    reports them as sh:detail results, which are validation results too)."""
    compiler = Compiler(shapes_graph, store)
    found: set[Violation] = set()
    fallback: list[Shape] = []

    def two_step(q: Query) -> Query | None:
        """The query for the focus nodes of the failing values only; None when no value fails."""
        rows = list(store.query(q.values, use_default_graph_as_union=True))  # type: ignore[arg-type]
        if not rows:
            return None
        names = ["value"] + [flag[1:] for _s, _c, flag in q.members]  # type: ignore[index]
        if any(isinstance(r["value"], BlankNode) for r in rows):
            return q  # blank nodes cannot be written in VALUES: the one-step query
        block = " ".join("(" + " ".join(str(r[n]) for n in names) + ")" for r in rows)
        return Query(q.members, q.joined.replace("{rows}", block))  # type: ignore[union-attr]

    def run(queries: list[Query]) -> None:
        for q in queries:
            if q.values is not None:
                q = two_step(q)  # type: ignore[assignment]
                if q is None:
                    continue
            failing: dict[int, tuple[Shape, list[object]]] = {}
            for violation, value, c in run_query(store, q, shapes_graph):
                found.add(violation)
                if c.param == "node" and value is not None:
                    failing.setdefault(id(c), (c.value, []))[1].append(value)  # type: ignore[arg-type]
            for nested, values in failing.values():
                run(list(compiler.queries(nested, _values_pattern(values))))

    for shape in ShapesReader(shapes_graph).top_level():
        try:
            queries = list(compiler.queries(shape))
        except Unsupported:
            fallback.append(shape)
            continue
        run(queries)
    return sorted(found, key=lambda v: (v.focus, v.path or "", v.component, v.value or "")), fallback

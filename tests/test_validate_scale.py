"""The scalable SHACL engine (`sparql`) reports exactly what pySHACL, the reference, reports.

Two graphs: (1) the project's shapes over the curated data plus a small synthetic registry, with a violation
injected for every constraint of every shape (so every constraint component the shapes use is exercised; a
component without an injection recipe fails the test, keeping it complete as the shapes grow); (2) a compact
shapes graph written here that uses every SHACL Core component the engine translates, over hand-made data.
Results are compared as (focus node, path, component, value, severity); messages are engine-specific.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import rdflib
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, Store
from rdflib import URIRef

from kg.build import extracted_quads, load_ontology
from kg.config import Settings
from kg.synth import generate
from kg.validate import sparql
from kg.validate.report import Violation, parse_report
from kg.validate.run import _pyshacl
from kg.validate.shapes import SH, Constraint, Shape, ShapesReader, constraint_components_used, load_shapes_graph

ROOT = Path(__file__).resolve().parents[1]
INJECT = NamedNode("urn:test:injected")
XSD = "http://www.w3.org/2001/XMLSchema#"


_BLANK = re.compile(r"^(_:|N?[0-9a-f]{32}$)")


def keys(violations: Iterable[Violation]) -> set[tuple]:
    """What must agree; blank node labels differ between engines, so all blank nodes read as one."""
    def b(text: str | None) -> str | None:
        return "_:blank" if text is not None and _BLANK.match(text) else text
    return {(b(v.focus), v.path, v.component, b(v.value), v.severity) for v in violations}


def compare(store: Store, shapes: rdflib.Graph) -> tuple[set[tuple], set[tuple]]:
    ours, fallback = sparql.validate(store, shapes)
    assert not fallback, f"shapes the SPARQL engine could not translate: {[str(s.node) for s in fallback]}"
    return keys(ours), keys(parse_report(_pyshacl(store, shapes)))


# -- (1) the project's shapes, with injected violations -----------------------------------------------------
def _bad_string(pattern: str, flags: str) -> str:
    rx = re.compile(pattern, re.I if "i" in flags else 0)
    return next(s for s in ("", " ", "!!", "x" * 300, "0", "Ω") if not rx.search(s))


def _bad_values(c: Constraint, shape: Shape) -> list:
    """Values that break constraint `c` when added to a focus node's path."""
    p, x = c.param, c.value
    if p == "datatype":
        return [Literal("1", datatype=NamedNode(XSD + "integer")) if str(x) == XSD + "string" else Literal("x")]
    if p in ("class", "in", "node", "or", "and", "xone", "closed"):
        return [NamedNode("urn:test:untyped"), Literal("x")]
    if p == "nodeKind":
        return [NamedNode("urn:test:iri"), Literal("x"), BlankNode()]
    if p == "pattern":
        return [Literal(_bad_string(str(x), str(shape.aux.get("flags", ""))))]
    if p in ("minLength", "maxLength"):
        return [Literal("" if p == "minLength" else "x" * (int(x) + 1))]  # type: ignore[call-overload]
    if p in ("minInclusive", "minExclusive", "maxInclusive", "maxExclusive", "lessThan", "lessThanOrEquals"):
        return [Literal("not comparable")]
    if p == "languageIn":
        return [Literal("x", language="zz")]
    if p == "uniqueLang":
        return [Literal("a", language="en"), Literal("b", language="en")]
    if p == "maxCount":
        return [Literal(f"extra {i}") for i in range(int(x) + 1)]  # type: ignore[call-overload]
    if p in ("disjoint", "equals"):
        return [NamedNode("urn:test:other")]
    raise LookupError(f"no injection recipe for sh:{p} ({c.component}): add one to _bad_values")


def _mentioned_predicates(shapes: rdflib.Graph, c: Constraint) -> list[NamedNode]:
    """The properties a SPARQL constraint's query names (full IRIs and prefixed names of its declared prefixes)."""
    if c.param != "sparql":
        return []
    text = str(shapes.value(c.value, SH.select))
    prefixes = {str(shapes.value(d, SH.prefix)): str(shapes.value(d, SH.namespace))
                for o in shapes.objects(c.value, SH.prefixes) for d in shapes.objects(o, SH.declare)}
    found = [m for m in re.findall(r"<([^>\s]+)>", text)]
    found += [prefixes[p] + local for p, local in re.findall(r"\b([a-z]+):([A-Za-z_]\w*)", text) if p in prefixes]
    return [NamedNode(i) for i in dict.fromkeys(found) if not i.endswith(("#type",))]


Mutation = tuple[list[Quad], list[Quad]]  # (added, removed)

# No typed dates here: pySHACL (through rdflib) orders some literals of different datatypes, e.g. a gYear
# against a decimal bound, and passes them, where SHACL (and SPARQL) call them incomparable, so a violation.
GENERIC_VALUES = [Literal("x"), Literal("-1", datatype=NamedNode(XSD + "integer")), Literal("1850"),
                  NamedNode("urn:test:x")]


def _mutations(store: Store, shapes: rdflib.Graph, top: Shape, shape: Shape, c: Constraint,
               focus: list) -> Iterable[Mutation]:
    """Candidate changes that might break constraint `c`: the recipe for its component first, then generic ones."""
    if not shape.is_property:
        if c.param == "closed":
            for f in focus:
                yield [Quad(f, NamedNode("urn:test:undeclared"), Literal("x"), INJECT)], []
        for node in (BlankNode(), NamedNode("urn:test:new-node")):
            for cls in top.targets["targetClass"]:
                yield [Quad(node, NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                            NamedNode(str(cls)), INJECT)], []
            for p in top.targets["targetSubjectsOf"]:
                yield [Quad(node, NamedNode(str(p)), Literal("x"), INJECT)], []
    predicates = _mentioned_predicates(shapes, c)
    if shape.is_property:
        assert isinstance(shape.path, URIRef), "injection handles IRI paths only"
        predicates.insert(0, NamedNode(str(shape.path)))
    for f in focus:
        if shape.is_property:
            path = predicates[0]
            try:
                yield [Quad(f, path, v, INJECT) for v in _bad_values(c, shape)], []
            except LookupError:
                pass
            if c.param in ("lessThan", "lessThanOrEquals"):
                integer = NamedNode(XSD + "integer")
                yield [Quad(f, path, Literal("5", datatype=integer), INJECT),
                       Quad(f, NamedNode(str(c.value)), Literal("1", datatype=integer), INJECT)], []
            if c.param in ("equals", "disjoint"):
                yield [Quad(f, NamedNode(str(c.value)), NamedNode("urn:test:other"), INJECT)], []
        for p in predicates:
            yield [], list(store.quads_for_pattern(f, p, None))
            for v in GENERIC_VALUES + predicates:  # the query's IRIs may be values too (jpow:QualifierExact)
                yield [Quad(f, p, v, INJECT)], []


def _seed(shape: Shape) -> list[Quad]:
    node = NamedNode("urn:test:seed-" + re.sub(r"\W", "-", str(shape.node)))
    if shape.targets["targetClass"]:
        return [Quad(node, NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                     NamedNode(str(shape.targets["targetClass"][0])), INJECT)]
    if shape.targets["targetSubjectsOf"]:
        return [Quad(node, NamedNode(str(shape.targets["targetSubjectsOf"][0])), Literal("x"), INJECT)]
    raise LookupError(f"no focus node for {shape.node} and no way to make one: add a recipe")


def inject(store: Store, shapes: rdflib.Graph) -> set[str]:
    """Break every constraint of every targeted shape; return the components broken.

    A change is kept only if it adds a result to that constraint's query; a constraint no candidate change
    breaks fails the test (add a recipe to `_bad_values` or `_mutations`)."""
    compiler = sparql.Compiler(shapes, store)
    hit: set[str] = set()

    def count(text: str) -> int:
        return len(list(store.query(text, use_default_graph_as_union=True)))

    for top in ShapesReader(shapes).top_level():
        pattern = compiler.focus(top)
        select = f"SELECT DISTINCT ?this WHERE {{ {pattern} }} ORDER BY ?this LIMIT 3"
        focus = [r["this"] for r in store.query(select, use_default_graph_as_union=True)]
        seeded = not focus
        if seeded:  # nothing in the data is targeted (e.g. text passages): add a node that is
            store.extend(_seed(top))
            focus = [r["this"] for r in store.query(select, use_default_graph_as_union=True)]
        for shape in [top, *top.properties]:
            for c in shape.constraints:
                query = compiler._query(shape, c, pattern)
                before = count(query)
                if seeded and before:  # the seed node itself breaks it (e.g. a passage without offsets)
                    hit.add(c.component)
                    continue
                for added, removed in _mutations(store, shapes, top, shape, c, focus):
                    added = [q for q in added if q not in store]  # so that undoing removes only what it added
                    for q in removed:
                        store.remove(q)
                    for q in added:
                        store.add(q)
                    if count(query) > before:
                        hit.add(c.component)
                        break
                    for q in added:
                        store.remove(q)
                    for q in removed:
                        store.add(q)
                else:
                    raise LookupError(f"no change found that breaks sh:{c.param} (path {shape.path}) of {top.node}: add a recipe")
    return hit


def nested_components(shapes: rdflib.Graph) -> set[str]:
    """Components used only inside other constraints (sh:or members, sh:node targets…): exercised through them."""
    found: set[str] = set()

    def inner(shape: Shape) -> list[Shape]:
        subs = [s for c in shape.constraints for s in (c.value if isinstance(c.value, list) else [c.value])]
        return [s for s in subs + [shape.aux.get("qualifiedValueShape")] if isinstance(s, Shape)]

    def walk(shape: Shape) -> None:
        found.update(c.component for c in shape.constraints)
        for sub in inner(shape) + shape.properties:
            walk(sub)

    for top in ShapesReader(shapes).top_level():
        for shape in [top, *top.properties]:
            for sub in inner(shape):
                walk(sub)
    return found


def project_store(tmp_path: Path, settings: Settings) -> Store:
    generate(10, 7, tmp_path / "registry", quiet=True)
    store = Store()
    load_ontology(store, settings)
    quads, _ = extracted_quads(settings, [ROOT / "data", tmp_path / "registry"], None, quiet=True)
    store.extend(quads)
    return store


def test_sparql_engine_matches_pyshacl_on_the_project_shapes_with_every_constraint_broken(tmp_path: Path) -> None:
    settings = Settings()
    shapes = load_shapes_graph(settings.shapes_dir)
    used = constraint_components_used(shapes)
    assert used, f"no constraints in {settings.shapes_dir}: nothing to compare"
    store = project_store(tmp_path, settings)
    clean_ours, clean_ref = compare(store, shapes)
    assert clean_ours == clean_ref == set(), "the curated data plus a synthetic registry must conform"

    hit = inject(store, shapes)
    nested = nested_components(shapes)
    assert {str(SH[c]) for c in used} <= hit | nested
    ours, ref = compare(store, shapes)
    assert ours == ref
    reported = {k[2] for k in ref}
    missing = sorted(c.rsplit("#", 1)[1] for c in hit - reported)
    assert not missing, f"injections that pySHACL did not report (fix the recipe): {missing}"


# -- (2) every component the engine translates, on hand-made data ----------------------------------------------
SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <urn:ex:> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
ex:ThingShape a sh:NodeShape ; sh:targetClass ex:Thing ; sh:nodeKind sh:IRI ; sh:pattern "^urn:ex:" ;
  sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:maxCount 2 ; sh:datatype rdf:langString ;
                sh:languageIn ("en" "ja") ; sh:uniqueLang true ; sh:minLength 2 ; sh:maxLength 10 ] ;
  sh:property [ sh:path ex:year ; sh:or ( [ sh:datatype xsd:gYear ] [ sh:datatype xsd:date ] ) ] ;
  sh:property [ sh:path ex:count ; sh:minInclusive 1 ; sh:maxExclusive 10 ] ;
  sh:property [ sh:path ex:score ; sh:minExclusive 0 ; sh:maxInclusive 5 ; sh:severity sh:Warning ] ;
  sh:property [ sh:path ex:camp ; sh:class ex:Camp ; sh:node ex:Named ] ;
  sh:property [ sh:path ex:kind ; sh:in ( ex:A ex:B ) ; sh:hasValue ex:A ] ;
  sh:property [ sh:path ex:start ; sh:lessThan ex:end ; sh:lessThanOrEquals ex:end2 ] ;
  sh:property [ sh:path ex:alias ; sh:disjoint ex:name ; sh:equals ex:alias2 ] ;
  sh:property [ sh:path ex:tag ; sh:not [ sh:datatype xsd:integer ] ;
                sh:and ( [ sh:nodeKind sh:Literal ] [ sh:minLength 1 ] ) ;
                sh:xone ( [ sh:datatype xsd:string ] [ sh:pattern "^t" ] ) ] ;
  sh:property [ sh:path ex:member ; sh:qualifiedValueShape [ sh:class ex:Camp ] ; sh:qualifiedMinCount 1 ;
                sh:qualifiedMaxCount 1 ] ;
  sh:property [ sh:path [ sh:inversePath ex:holds ] ; sh:maxCount 1 ] ;
  sh:property [ sh:path ( ex:camp ex:place ) ; sh:minCount 1 ] .
ex:Named a sh:NodeShape ; sh:property [ sh:path rdfs:label ; sh:minCount 1 ; sh:maxCount 1 ] .
ex:ClosedShape a sh:NodeShape ; sh:targetSubjectsOf ex:closedProp ; sh:closed true ;
  sh:ignoredProperties ( rdf:type ) ; sh:property [ sh:path ex:closedProp ] .
ex:NodeTarget a sh:NodeShape ; sh:targetNode ex:t9 ; sh:hasValue ex:t1 ; sh:in ( ex:t1 ) .
ex:ObjectsTarget a sh:NodeShape ; sh:targetObjectsOf ex:camp ; sh:class ex:Camp .
ex:Camp rdfs:subClassOf ex:Place .
"""

DATA = """
@prefix ex: <urn:ex:> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:SubThing rdfs:subClassOf ex:Thing .
ex:c1 a ex:Camp ; rdfs:label "Camp 1" ; ex:place ex:p1 .
ex:c2 a ex:Camp ; rdfs:label "Camp 2", "Camp two" .
ex:t1 a ex:Thing ; ex:name "Ok"@en ; ex:year "1947"^^xsd:gYear ; ex:count 3 ; ex:score 2 ; ex:camp ex:c1 ;
  ex:kind ex:A ; ex:start 1 ; ex:end 2 ; ex:end2 1 ; ex:alias "z" ; ex:alias2 "z" ; ex:tag "tag" ;
  ex:member ex:c1 .
ex:t2 a ex:SubThing ; ex:name "x"@ru, "yy"@en, "zz"@en, "toolongvalue"@en ; ex:year "1947" ; ex:count 10, 0, "a" ;
  ex:score 0 , 6 ; ex:camp ex:c2, ex:nothing ; ex:kind ex:C ; ex:start 5 ; ex:end 4 ; ex:end2 4 ;
  ex:alias "yy"@en ; ex:alias2 "w" ; ex:tag 5, "t", "tt"^^xsd:string ; ex:member ex:c1, ex:c2 .
ex:t3 a ex:Thing ; ex:name "plain" ; ex:tag "" .
_:b a ex:Thing ; ex:name "Blank"@en .
ex:h1 ex:holds ex:t1 . ex:h2 ex:holds ex:t1 .
ex:cl1 ex:closedProp 1 ; ex:other 2 ; a ex:Whatever .
ex:x1 ex:camp "literal camp" .
"""


def test_sparql_engine_matches_pyshacl_on_every_core_component() -> None:
    store = Store()
    store.load(DATA.encode(), format=RdfFormat.TURTLE, to_graph=NamedNode("urn:test:data"))
    shapes = rdflib.Graph().parse(data=SHAPES, format="turtle")
    ours, ref = compare(store, shapes)
    assert ours == ref
    # The comparison means something only if the data breaks each component the shapes use.
    assert {k[2].rsplit("#", 1)[1] for k in ref} >= set(constraint_components_used(shapes))

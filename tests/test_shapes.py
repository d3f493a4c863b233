"""The SHACL shapes (shapes/*.ttl): they speak the ontology's terms, are valid SHACL, cover every class, and each
family of constraints fires on a small broken fixture, with pyshacl and pyshacl-turbo reporting the same
(focus node, path, constraint component) results.

Fixtures are validated as the build does: the ontology is part of the data graph, for rdfs:subClassOf.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pyoxigraph
import pyshacl
import pyshacl_turbo
import pytest
import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH

ROOT = Path(__file__).resolve().parents[1]
JPOW = "https://w3id.org/jpow-kg/ontology#"
EX = "https://example.org/"
ENTITY_KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.NamedIndividual)
BUILTIN = {RDFS.label, RDFS.comment, RDF.type}
Result = tuple[str, str | None, str]


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ROOT / "ontology" / "jpow.ttl", format="turtle")


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    g = rdflib.Graph()
    files = sorted((ROOT / "shapes").glob("*.ttl"))
    assert files, "no shapes in shapes/"
    for f in files:
        g.parse(f, format="turtle")
    return g


def declared(ontology: rdflib.Graph) -> set[URIRef]:
    return {s for k in ENTITY_KINDS for s in ontology.subjects(RDF.type, k) if isinstance(s, URIRef)}


def path_iris(g: rdflib.Graph, path: rdflib.term.Node) -> set[URIRef]:
    """The property IRIs of a SHACL path: a predicate, a sequence (list), or inverse/alternative/…-path nodes."""
    if isinstance(path, URIRef):
        return {path}
    if g.value(path, RDF.first) is not None:
        return set().union(*(path_iris(g, p) for p in Collection(g, path)))
    found: set[URIRef] = set()
    for key in (SH.inversePath, SH.alternativePath, SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath):
        for inner in g.objects(path, key):
            found |= path_iris(g, inner)
    return found


# -- vocabulary -------------------------------------------------------------------------------------------------

def test_shapes_use_only_terms_declared_in_the_ontology(shapes: rdflib.Graph, ontology: rdflib.Graph) -> None:
    known = declared(ontology) | BUILTIN
    used: dict[str, set[str]] = {}
    for s, p, o in shapes:
        if p in (SH.targetClass, SH["class"], SH.targetSubjectsOf, SH.targetObjectsOf, SH.hasValue):
            terms = {o} if isinstance(o, URIRef) else set()
        elif p == SH.path:
            terms = path_iris(shapes, o)
        elif p == SH["in"]:
            terms = {m for m in Collection(shapes, o) if isinstance(m, URIRef)}
        elif p == SH.select:
            terms = {URIRef(JPOW + n) for n in re.findall(r"\bjpow:([A-Za-z_]\w*)", str(o))}
        else:
            continue
        for t in terms - known:
            used.setdefault(str(t), set()).add(str(p))
    assert used == {}
    assert shapes.value(predicate=SH.path, object=URIRef(JPOW + "minValue")) is not None, "path parsing found nothing"


def test_shapes_use_only_known_shacl_terms(shapes: rdflib.Graph) -> None:
    vocabulary = {s for s in rdflib.Graph().parse(str(resources.files("pyshacl") / "assets" / "shacl.ttl"), format="turtle").subjects()}
    unknown = {str(n) for triple in shapes for n in triple
               if isinstance(n, URIRef) and str(n).startswith(str(SH)) and n not in vocabulary}
    assert unknown == set()


def test_shapes_graph_is_valid_shacl(shapes: rdflib.Graph) -> None:
    """Validated against the SHACL-for-SHACL shapes graph of the SHACL specification (shipped with pyshacl)."""
    shsh = rdflib.Graph().parse(str(resources.files("pyshacl") / "assets" / "shacl-shacl.ttl"), format="turtle")
    conforms, _report, text = pyshacl.validate(shapes, shacl_graph=shsh, inference="none")
    assert conforms, text


def test_every_class_is_targeted_by_a_shape_directly_or_through_a_superclass(shapes: rdflib.Graph, ontology: rdflib.Graph) -> None:
    targeted = set(shapes.objects(None, SH.targetClass))
    classes = {c for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(JPOW)}
    uncovered = sorted(str(c) for c in classes
                       if not any(sup in targeted for sup in ontology.transitive_objects(c, RDFS.subClassOf)))
    assert uncovered == []


def test_every_top_level_shape_has_an_iri_and_every_constraint_a_message(shapes: rdflib.Graph) -> None:
    """Top-level IRIs let an engine select shapes; messages tell a historian what is wrong and how to fix it."""
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    assert node_shapes and all(isinstance(s, URIRef) for s in node_shapes)
    silent = [str(c) for c in set(shapes.objects(None, SH.property)) | set(shapes.objects(None, SH.sparql))
              if not any(isinstance(m, Literal) and len(m) > 30 for m in shapes.objects(c, SH.message))]
    assert silent == []


# -- fixtures ---------------------------------------------------------------------------------------------------

PREFIXES = """
@prefix jpow: <https://w3id.org/jpow-kg/ontology#> .
@prefix ex: <https://example.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> .
"""

# One of each kind of thing, correct. Each case below changes one line of it.
VALID = PREFIXES + """
ex:book a jpow:Book ; rdfs:label "A test book"@en ; dcterms:source ex:book ; jpow:publicationYear "2011"^^xsd:gYear .
ex:tanaka a jpow:PrisonerOfWar ; rdfs:label "Tanaka Ichiro"@en , "Танака Итиро"@ru ; dcterms:source ex:book ;
    jpow:hasRole jpow:RolePrisonerOfWar ; jpow:birthYear "1920"^^xsd:gYear .
ex:karaganda a jpow:Settlement ; rdfs:label "Karaganda"@en ; dcterms:source ex:book ;
    geo:lat "49.80"^^xsd:decimal ; geo:long "73.10"^^xsd:decimal .
ex:camp a jpow:PrisonerOfWarCamp ; rdfs:label "Camp No. 1"@en ; dcterms:source ex:book ; jpow:number "1" ;
    jpow:location ex:karaganda .
ex:transfer a jpow:Transfer ; rdfs:label "Transfer to camp No. 1"@en ; dcterms:source ex:book ;
    jpow:startDate "1945-09"^^xsd:gYearMonth ; jpow:endDate "1946"^^xsd:gYear ; jpow:destination ex:camp .
ex:death a jpow:Death ; rdfs:label "Death of a prisoner in camp No. 1"@en ; dcterms:source ex:book ;
    jpow:date "1946-02"^^xsd:gYearMonth ; jpow:camp ex:camp ; jpow:causeOfDeath "pneumonia"@en .
ex:stat a jpow:Statistic ; rdfs:label "1000 to 2000 prisoners in camp No. 1"@en ; dcterms:source ex:book ;
    jpow:qualifier jpow:QualifierRange ; jpow:minValue "1000"^^xsd:decimal ; jpow:maxValue "2000"^^xsd:decimal ;
    jpow:unit jpow:UnitPerson ; jpow:population "prisoners held in camp No. 1"@en ; jpow:measures ex:camp .
ex:share a jpow:Statistic ; rdfs:label "a third of the prisoners"@en ; dcterms:source ex:book ;
    jpow:qualifier jpow:QualifierApproximate ; jpow:value "33.3"^^xsd:decimal ; jpow:unit jpow:UnitPercent ;
    jpow:population "prisoners of the region held in camp No. 1"@en .
ex:g1 a jpow:Assertion ; prov:wasDerivedFrom ex:book ; prov:wasGeneratedBy ex:run ; jpow:page "12" ;
    jpow:quote "between one and two thousand men" ; jpow:startOffset 120 ; jpow:endOffset 152 .
ex:run a jpow:ExtractionActivity ; prov:startedAtTime "2026-01-01T00:00:00Z"^^xsd:dateTime ;
    prov:wasAssociatedWith ex:extractor ; prov:used ex:input .
ex:extractor a jpow:Extractor ; rdfs:label "test extractor"@en ; jpow:softwareVersion "0.1.0" .
ex:said a jpow:StatedRelation ; rdfs:label "camp No. 1 held Japanese officers"@en ; dcterms:source ex:book ;
    jpow:statedSubject ex:camp ; jpow:verbPhrase "held" ; jpow:statedObjectGroup "Japanese officers"@en .
"""

SH_ = str(SH)
CASES: dict[str, tuple[str, str, Result]] = {
    # name: (line fragment of VALID, its replacement, the expected (focus, path, constraint component))
    "person without an English label": (
        'rdfs:label "Tanaka Ichiro"@en , "Танака Итиро"@ru', 'rdfs:label "Танака Итиро"@ru',
        (EX + "tanaka", str(RDFS.label), SH_ + "QualifiedMinCountConstraintComponent")),
    "label without a language tag": (
        'rdfs:label "Karaganda"@en ;', 'rdfs:label "Karaganda"@en , "Karaganda" ;',
        (EX + "karaganda", str(RDFS.label), SH_ + "DatatypeConstraintComponent")),
    "entity without a cited source": (
        'rdfs:label "Karaganda"@en ; dcterms:source ex:book ;', 'rdfs:label "Karaganda"@en ;',
        (EX + "karaganda", "http://purl.org/dc/terms/source", SH_ + "MinCountConstraintComponent")),
    "entity citing something that is not a source": (
        'rdfs:label "Camp No. 1"@en ; dcterms:source ex:book', 'rdfs:label "Camp No. 1"@en ; dcterms:source ex:karaganda',
        (EX + "camp", "http://purl.org/dc/terms/source", SH_ + "ClassConstraintComponent")),
    "statistic with min greater than max": (
        'jpow:maxValue "2000"^^xsd:decimal', 'jpow:maxValue "900"^^xsd:decimal',
        (EX + "stat", JPOW + "minValue", SH_ + "LessThanOrEqualsConstraintComponent")),
    "lower-bound statistic without minValue": (
        'jpow:qualifier jpow:QualifierRange ; jpow:minValue "1000"^^xsd:decimal ; jpow:maxValue "2000"^^xsd:decimal',
        'jpow:qualifier jpow:QualifierLowerBound',
        (EX + "stat", JPOW + "minValue", SH_ + "SPARQLConstraintComponent")),
    "range without its upper end": (
        'jpow:maxValue "2000"^^xsd:decimal ;', '',
        (EX + "stat", JPOW + "maxValue", SH_ + "SPARQLConstraintComponent")),
    "exact statistic with a bound instead of a value": (
        'jpow:qualifier jpow:QualifierRange ; jpow:minValue "1000"^^xsd:decimal ; jpow:maxValue "2000"^^xsd:decimal',
        'jpow:qualifier jpow:QualifierExact ; jpow:value "1000"^^xsd:decimal ; jpow:maxValue "2000"^^xsd:decimal',
        (EX + "stat", JPOW + "maxValue", SH_ + "SPARQLConstraintComponent")),
    "negative count": (
        'jpow:minValue "1000"^^xsd:decimal', 'jpow:minValue "-1000"^^xsd:decimal',
        (EX + "stat", JPOW + "minValue", SH_ + "MinInclusiveConstraintComponent")),
    "percent above 100": (
        'jpow:value "33.3"^^xsd:decimal', 'jpow:value "333"^^xsd:decimal',
        (EX + "share", JPOW + "value", SH_ + "SPARQLConstraintComponent")),
    "statistic without a qualifier": (
        'jpow:qualifier jpow:QualifierApproximate ;', '',
        (EX + "share", JPOW + "qualifier", SH_ + "MinCountConstraintComponent")),
    "cause of death on something that is neither a death nor a person": (
        'ex:death a jpow:Death ;', 'ex:death a jpow:Burial ;',
        (EX + "death", None, SH_ + "OrConstraintComponent")),
    "cause of death without a language tag": (
        'jpow:causeOfDeath "pneumonia"@en', 'jpow:causeOfDeath "pneumonia"',
        (EX + "death", JPOW + "causeOfDeath", SH_ + "DatatypeConstraintComponent")),
    "date out of window": (
        '"1945-09"^^xsd:gYearMonth', '"1495-09"^^xsd:gYearMonth',
        (EX + "transfer", JPOW + "startDate", SH_ + "PatternConstraintComponent")),
    "date that is not a date": (
        'jpow:birthYear "1920"^^xsd:gYear', 'jpow:birthYear "about 1920"',
        (EX + "tanaka", JPOW + "birthYear", SH_ + "OrConstraintComponent")),
    "span ending before it starts": (
        'jpow:endDate "1946"^^xsd:gYear', 'jpow:endDate "1944-12-31"^^xsd:date',
        (EX + "transfer", JPOW + "endDate", SH_ + "SPARQLConstraintComponent")),
    "role that is not a role": (
        'jpow:hasRole jpow:RolePrisonerOfWar', 'jpow:hasRole jpow:UnitPerson',
        (EX + "tanaka", JPOW + "hasRole", SH_ + "ClassConstraintComponent")),
    "latitude out of range": (
        'geo:lat "49.80"^^xsd:decimal', 'geo:lat "149.80"^^xsd:decimal',
        (EX + "karaganda", "http://www.w3.org/2003/01/geo/wgs84_pos#lat", SH_ + "MaxInclusiveConstraintComponent")),
    "assertion without a source": (
        'ex:g1 a jpow:Assertion ; prov:wasDerivedFrom ex:book ;', 'ex:g1 a jpow:Assertion ;',
        (EX + "g1", "http://www.w3.org/ns/prov#wasDerivedFrom", SH_ + "MinCountConstraintComponent")),
    "quote without its end offset": (
        'jpow:endOffset 152 .', '.',
        (EX + "g1", JPOW + "endOffset", SH_ + "SPARQLConstraintComponent")),
    "longitude without latitude": (
        'geo:lat "49.80"^^xsd:decimal ;', '',
        (EX + "karaganda", "http://www.w3.org/2003/01/geo/wgs84_pos#lat", SH_ + "MinCountConstraintComponent")),
    "passage ending before it starts": (
        'jpow:endOffset 152', 'jpow:endOffset 100',
        (EX + "g1", JPOW + "startOffset", SH_ + "LessThanConstraintComponent")),
    "extraction without a start time": (
        'prov:startedAtTime "2026-01-01T00:00:00Z"^^xsd:dateTime ;', '',
        (EX + "run", "http://www.w3.org/ns/prov#startedAtTime", SH_ + "MinCountConstraintComponent")),
    "extractor without a version": (
        '; jpow:softwareVersion "0.1.0"', '',
        (EX + "extractor", JPOW + "softwareVersion", SH_ + "MinCountConstraintComponent")),
    "stated relation without a subject": (
        'jpow:statedSubject ex:camp ; jpow:verbPhrase "held"', 'jpow:verbPhrase "held"',
        (EX + "said", None, SH_ + "SPARQLConstraintComponent")),
    "camp section without its camp": (
        'ex:camp a jpow:PrisonerOfWarCamp', 'ex:camp a jpow:CampSection',
        (EX + "camp", JPOW + "sectionOf", SH_ + "MinCountConstraintComponent")),
}


def fixture(name: str | None) -> str:
    if name is None:
        return VALID
    old, new, _ = CASES[name]
    assert VALID.count(old) == 1, f"case {name!r}: its fragment must occur once in VALID"
    return VALID.replace(old, new)


def data_graph(turtle: str, ontology: rdflib.Graph) -> rdflib.Graph:
    g = rdflib.Graph().parse(data=turtle, format="turtle")
    for t in ontology:
        g.add(t)
    return g


def results(report: rdflib.Graph) -> set[Result]:
    found = set()
    for r in report.subjects(RDF.type, SH.ValidationResult):
        path = report.value(r, SH.resultPath)
        found.add((str(report.value(r, SH.focusNode)), str(path) if path is not None else None,
                   str(report.value(r, SH.sourceConstraintComponent))))
    return found


def run_pyshacl(data: rdflib.Graph, shapes: rdflib.Graph) -> set[Result]:
    _conforms, report, _text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    return results(report)


def run_turbo(data: rdflib.Graph | pyoxigraph.Store, shapes: rdflib.Graph) -> set[Result]:
    _conforms, report, text = pyshacl_turbo.validate(data, shacl_graph=shapes)
    assert isinstance(report, rdflib.Graph), f"pyshacl-turbo failed: {text}"
    return results(report)


def as_store(data: rdflib.Graph) -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.load(data.serialize(format="nt", encoding="utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return store


def test_the_valid_fixture_conforms(shapes: rdflib.Graph, ontology: rdflib.Graph) -> None:
    data = data_graph(fixture(None), ontology)
    assert run_pyshacl(data, shapes) == set()
    assert run_turbo(data, shapes) == set()


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_constraint_family_reports_the_broken_node_and_path(name: str, shapes: rdflib.Graph, ontology: rdflib.Graph) -> None:
    expected = CASES[name][2]
    data = data_graph(fixture(name), ontology)
    found = run_pyshacl(data, shapes)
    assert expected in found
    assert {focus for focus, _, _ in found} == {expected[0]}, "the change broke other nodes too"
    assert run_turbo(data, shapes) == found, "pyshacl-turbo (rdflib graph) disagrees with pyshacl"
    assert run_turbo(as_store(data), shapes) == found, "pyshacl-turbo (pyoxigraph store) disagrees with pyshacl"


def test_messages_of_a_failing_fixture_name_the_property_and_the_fix(shapes: rdflib.Graph, ontology: rdflib.Graph) -> None:
    data = data_graph(fixture("lower-bound statistic without minValue"), ontology)
    _conforms, report, _text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    messages = [str(m) for m in report.objects(None, SH.resultMessage)]
    assert any("jpow:minValue" in m and "min column" in m for m in messages), messages


def test_the_curated_data_conforms_and_both_engines_agree(shapes: rdflib.Graph, ontology: rdflib.Graph) -> None:
    from kg.extract.tabular import TabularExtractor

    data = rdflib.Graph()
    for t in ontology:
        data.add(t)
    for q in TabularExtractor(ROOT / "data").extract():
        data.add(tuple(_rdflib(n) for n in (q.subject, q.predicate, q.object)))
    assert run_pyshacl(data, shapes) == set()
    assert run_turbo(as_store(data), shapes) == set()


def _rdflib(node: pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal) -> rdflib.term.Node:
    if isinstance(node, pyoxigraph.NamedNode):
        return URIRef(node.value)
    if isinstance(node, pyoxigraph.BlankNode):
        return BNode(node.value)
    if node.language:
        return Literal(node.value, lang=node.language)
    return Literal(node.value, datatype=URIRef(node.datatype.value))

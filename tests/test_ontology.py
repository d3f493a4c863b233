"""The ontology (ontology/jpow.ttl): OWL 2 DL structure as Protégé and the OWL API enforce it, coverage of the
design contract (docs/design.md), and a real reasoner (HermiT through owlready2) on the ontology alone and on
the curated data extracted from data/.
"""

from __future__ import annotations

import os
import re
import shutil
from collections import defaultdict
from pathlib import Path

import pytest
import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY_FILE = ROOT / "ontology" / "jpow.ttl"
ONTOLOGY_IRI = URIRef("https://w3id.org/jpow-kg/ontology")
JPOW = "https://w3id.org/jpow-kg/ontology#"
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
VANN = rdflib.Namespace("http://purl.org/vocab/vann/")
PREFIXES = {
    "jpow": JPOW, "rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL), "xsd": str(XSD), "skos": str(SKOS),
    "prov": "http://www.w3.org/ns/prov#", "dcterms": str(DCTERMS), "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "oa": "http://www.w3.org/ns/oa#", "sh": "http://www.w3.org/ns/shacl#",
}
ENTITY_KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
RESERVED = (str(RDF), str(RDFS), str(OWL), str(XSD))
# The OWL 2 datatype map (OWL 2 Structural Specification, section 4). Not in it: xsd:date and xsd:gYear
# (HermiT rejects them), nor rdf:langString (the OWL API before RDF 1.1 reads it as a class): tagged text
# has the range rdf:PlainLiteral.
OWL2_DATATYPES = {XSD[n] for n in (
    "decimal integer nonNegativeInteger nonPositiveInteger positiveInteger negativeInteger long int short byte "
    "unsignedLong unsignedInt unsignedShort unsignedByte double float string normalizedString token language "
    "Name NCName NMTOKEN boolean hexBinary base64Binary anyURI dateTime dateTimeStamp").split()} | {
    OWL.real, OWL.rational, RDF.XMLLiteral, RDF.PlainLiteral, RDFS.Literal}


@pytest.fixture(scope="module")
def onto() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_FILE, format="turtle")


def declarations(g: rdflib.Graph) -> dict[URIRef, set[URIRef]]:
    """IRI -> the OWL entity kinds it is declared as (Class, ObjectProperty, DatatypeProperty, AnnotationProperty)."""
    kinds: dict[URIRef, set[URIRef]] = defaultdict(set)
    for kind in ENTITY_KINDS:
        for s in g.subjects(RDF.type, kind):
            if isinstance(s, URIRef):
                kinds[s].add(kind)
    return kinds


def declared(g: rdflib.Graph) -> set[URIRef]:
    return set(declarations(g)) | {s for s in g.subjects(RDF.type, OWL.NamedIndividual) if isinstance(s, URIRef)}


def jpow_terms(g: rdflib.Graph) -> set[URIRef]:
    return {t for t in declared(g) if str(t).startswith(JPOW)}


def jpow_names_in_text(text: str) -> set[str]:
    """The jpow terms a text names, as CURIEs or as full IRIs."""
    return set(re.findall(r"(?:\bjpow:|https://w3id\.org/jpow-kg/ontology#)([A-Za-z_][A-Za-z0-9_]*)", text))


# -- design coverage ------------------------------------------------------------------------------------------

def design_terms() -> tuple[set[str], set[str]]:
    """The local names and the external CURIEs listed in the "Ontology terms" and "Dates and figures" sections."""
    text = (ROOT / "docs" / "design.md").read_text(encoding="utf-8")
    sections = re.findall(r"^## (?:Ontology terms|Dates and figures).*?(?=^## )", text, re.S | re.M)
    assert len(sections) == 2, "docs/design.md lost its 'Ontology terms' or 'Dates and figures' section"
    local: set[str] = set()
    external: set[str] = set()
    for token in re.findall(r"`([^`]+)`", "".join(sections)):
        parts = token.split("|")
        if parts[0].startswith("Qualifier"):  # `QualifierExact|Approximate|…` abbreviates a family
            parts = [parts[0]] + ["Qualifier" + p for p in parts[1:]]
        for part in parts:
            part = part.strip()
            if re.fullmatch(r"jpow:[A-Za-z]+", part):
                local.add(part[5:])
            elif re.fullmatch(r"[a-z]+:[A-Za-z]+", part):
                external.add(part)
            elif re.fullmatch(r"[A-Za-z]+", part):
                local.add(part)
    return local, external


def test_every_term_of_the_design_is_declared(onto: rdflib.Graph) -> None:
    local, external = design_terms()
    assert len(local) > 150, "the design parser found too few terms: has docs/design.md changed format?"
    names = {str(t)[len(JPOW):] for t in jpow_terms(onto)}
    assert sorted(local - names) == []
    vocabulary = [c for c in sorted(external) if c.split(":")[0] not in ("rdf", "rdfs", "owl", "xsd")]
    assert "prov:wasDerivedFrom" in vocabulary
    missing = [c for c in vocabulary if URIRef(PREFIXES[c.split(":")[0]] + c.split(":")[1]) not in declared(onto)]
    assert missing == []


def test_every_jpow_term_used_in_ontology_shapes_mapping_queries_and_code_is_declared(onto: rdflib.Graph) -> None:
    known = {str(t)[len(JPOW):] for t in jpow_terms(onto)}
    used: dict[str, set[str]] = defaultdict(set)
    for node in {n for triple in onto for n in triple}:
        if isinstance(node, URIRef) and str(node).startswith(JPOW):
            used[str(node)[len(JPOW):]].add("ontology/jpow.ttl")
    files = sorted((ROOT / "shapes").glob("*.ttl")) + [ROOT / "data" / "mapping.yaml"] + \
        sorted((ROOT / "queries").glob("*.rq")) + \
        sorted(f for ext in ("py", "rq", "yaml", "html") for f in (ROOT / "src" / "kg").rglob(f"*.{ext}"))
    assert len(files) > 1, "no shapes found"
    for f in files:
        for name in jpow_names_in_text(f.read_text(encoding="utf-8")):
            used[name].add(str(f.relative_to(ROOT)))
    undeclared = {name: sorted(where) for name, where in used.items() if name not in known}
    assert undeclared == {}


# -- OWL 2 DL structure ---------------------------------------------------------------------------------------

def test_each_entity_is_declared_as_exactly_one_kind(onto: rdflib.Graph) -> None:
    several = {str(iri): sorted(str(k) for k in kinds) for iri, kinds in declarations(onto).items() if len(kinds) > 1}
    assert several == {}


def test_no_property_is_both_an_object_and_a_datatype_property(onto: rdflib.Graph) -> None:
    both = set(onto.subjects(RDF.type, OWL.ObjectProperty)) & set(onto.subjects(RDF.type, OWL.DatatypeProperty))
    assert both == set()


def test_individuals_are_not_also_classes_or_properties(onto: rdflib.Graph) -> None:
    individuals = set(onto.subjects(RDF.type, OWL.NamedIndividual))
    assert individuals, "the ontology defines no individuals"
    assert individuals & set(declarations(onto)) == set()
    for ind in individuals:
        types = set(onto.objects(ind, RDF.type)) - {OWL.NamedIndividual}
        assert types and all((t, RDF.type, OWL.Class) in onto for t in types), f"{ind} has no declared class"


def test_reserved_vocabulary_is_not_redeclared_or_specialised(onto: rdflib.Graph) -> None:
    redeclared = [str(s) for s in declared(onto) if str(s).startswith(RESERVED)]
    assert redeclared == []
    axioms = [(str(s), str(p)) for s, p in onto.subject_predicates()
              if isinstance(s, URIRef) and str(s).startswith(RESERVED)
              and p in (RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.equivalentClass)]
    assert axioms == []


def test_sub_properties_and_sub_classes_relate_terms_of_the_same_kind(onto: rdflib.Graph) -> None:
    kinds = declarations(onto)
    wrong = []
    for sub, sup in onto.subject_objects(RDFS.subPropertyOf):
        if kinds.get(sub) != kinds.get(sup) or not kinds.get(sub):
            wrong.append((str(sub), str(sup)))
    for sub, sup in onto.subject_objects(RDFS.subClassOf):
        if isinstance(sup, URIRef) and OWL.Class not in kinds.get(sup, set()):
            wrong.append((str(sub), str(sup)))
    assert wrong == []


def test_datatype_property_ranges_are_in_the_owl2_datatype_map(onto: rdflib.Graph) -> None:
    bad = {str(p): str(r) for p in onto.subjects(RDF.type, OWL.DatatypeProperty)
           for r in onto.objects(p, RDFS.range) if r not in OWL2_DATATYPES}
    assert bad == {}


def test_partial_date_properties_are_annotation_properties(onto: rdflib.Graph) -> None:
    """xsd:date/gYearMonth/gYear are outside the OWL 2 datatype map: on a data property HermiT rejects them."""
    for name in ("date", "startDate", "endDate", "birthYear", "deathDate", "publicationYear"):
        assert declarations(onto)[URIRef(JPOW + name)] == {OWL.AnnotationProperty}, name


def test_object_property_domains_and_ranges_are_declared_classes(onto: rdflib.Graph) -> None:
    classes = set(onto.subjects(RDF.type, OWL.Class))
    bad = []
    for p in onto.subjects(RDF.type, OWL.ObjectProperty):
        for axis in (RDFS.domain, RDFS.range):
            for c in onto.objects(p, axis):
                members = list(rdflib.collection.Collection(onto, onto.value(c, OWL.unionOf))) if isinstance(c, BNode) else [c]
                bad += [(str(p), str(m)) for m in members if m not in classes]
    assert bad == []


# -- documentation ----------------------------------------------------------------------------------------------

def test_every_term_has_english_and_russian_labels_a_definition_and_is_defined_by_the_ontology(onto: rdflib.Graph) -> None:
    problems = []
    for term in sorted(jpow_terms(onto)):
        langs = {lit.language for lit in onto.objects(term, RDFS.label) if isinstance(lit, Literal)}
        definitions = [d for d in onto.objects(term, SKOS.definition) if isinstance(d, Literal) and d.language == "en"]
        if not {"en", "ru"} <= langs:
            problems.append(f"{term}: labels in {sorted(l or '-' for l in langs)}, needs en and ru")
        if not definitions:
            problems.append(f"{term}: no skos:definition@en")
        if (term, RDFS.isDefinedBy, ONTOLOGY_IRI) not in onto:
            problems.append(f"{term}: no rdfs:isDefinedBy")
    assert problems == []


def test_ontology_header_has_version_licence_and_creators(onto: rdflib.Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    assert onto.value(ONTOLOGY_IRI, OWL.versionIRI) == URIRef("https://w3id.org/jpow-kg/ontology/0.1.0")
    assert onto.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert onto.value(ONTOLOGY_IRI, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert onto.value(ONTOLOGY_IRI, DCTERMS.creator) is not None
    assert onto.value(ONTOLOGY_IRI, DCTERMS.title) is not None and onto.value(ONTOLOGY_IRI, DCTERMS.description) is not None
    assert str(onto.value(ONTOLOGY_IRI, VANN.preferredNamespacePrefix)) == "jpow"
    assert str(onto.value(ONTOLOGY_IRI, VANN.preferredNamespaceUri)) == JPOW


# -- the OWL API's own OWL 2 DL profile check (what Protégé reports) ------------------------------------------------

OWLAPI_PROFILE_CHECK = """
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.*;
import org.semanticweb.owlapi.profiles.*;

public class DLProfileCheck {
    public static void main(String[] args) throws Exception {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        OWLOntology ontology = manager.loadOntologyFromOntologyDocument(IRI.create(args[0]));
        for (OWLProfileViolation v : new OWL2DLProfile().checkOntology(ontology).getViolations()) {
            System.out.println("VIOLATION " + v);
        }
        System.out.println("AXIOMS " + ontology.getAxiomCount());
    }
}
"""


def test_the_owl_api_finds_no_owl2_dl_profile_violation(tmp_path: Path) -> None:
    """Runs the OWL API bundled with owlready2's HermiT on the Turtle file, as Protégé would parse it."""
    _need_java()
    import subprocess

    import owlready2

    source = tmp_path / "DLProfileCheck.java"
    source.write_text(OWLAPI_PROFILE_CHECK, encoding="utf-8")
    jar = Path(owlready2.__file__).parent / "hermit" / "HermiT.jar"
    run = subprocess.run(["java", "-cp", str(jar), str(source), ONTOLOGY_FILE.as_uri()],
                         capture_output=True, text=True, timeout=120)
    if run.returncode != 0 and "compiler" in run.stderr.lower():
        pytest.skip("this Java has no compiler (a JRE, not a JDK): the OWL API profile check needs a JDK")
    assert run.returncode == 0, run.stderr
    assert "AXIOMS " in run.stdout
    assert [line for line in run.stdout.splitlines() if line.startswith("VIOLATION")] == []


# -- reasoner ---------------------------------------------------------------------------------------------------

def _need_java() -> None:
    if shutil.which("java") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("java is not installed: the HermiT reasoner tests need Java 11+ on CI")
        pytest.skip("java is not installed: HermiT reasoner tests skipped (install a JRE 11+ to run them)")


def reason(tmp_path: Path, extra_ntriples: str = "") -> list[str]:
    """Run HermiT on the ontology plus extra triples. Returns the unsatisfiable classes; raises
    owlready2.OwlReadyInconsistentOntologyError when the whole is inconsistent."""
    _need_java()
    import owlready2

    nt = rdflib.Graph().parse(ONTOLOGY_FILE, format="turtle").serialize(format="nt", encoding="utf-8").decode()
    path = tmp_path / "reasoner-input.nt"
    path.write_text(nt + extra_ntriples, encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology(path.as_uri()).load()
    with onto:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    return sorted(c.iri for c in world.inconsistent_classes() if c is not owlready2.Nothing)


def test_hermit_finds_the_ontology_consistent_with_every_class_satisfiable(tmp_path: Path) -> None:
    assert reason(tmp_path) == []


def test_hermit_finds_the_curated_data_consistent_with_the_ontology(tmp_path: Path) -> None:
    _need_java()
    import pyoxigraph

    from kg.extract.tabular import TabularExtractor

    quads = list(TabularExtractor(ROOT / "data").extract())
    assert len(quads) > 500, "the curated tables produced almost nothing"
    triples = [pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in quads]
    nt = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES).decode()
    assert reason(tmp_path, nt) == []


def test_hermit_finds_the_text_extraction_of_the_shared_articles_consistent_with_the_ontology(tmp_path: Path) -> None:
    _need_java()
    import pyoxigraph

    from kg.extract.text import TextExtractor

    sources = ROOT.parent / "shared" / "sources"
    texts = sorted(sources.glob("*.txt")) if sources.is_dir() else []
    if not texts:
        if os.environ.get("CI") == "true":
            pytest.fail(f"no articles in {sources}: the text extraction check needs them on CI")
        pytest.skip(f"no articles in {sources} (the shared sources beside the checkout): text extraction not checked")
    quads = list(TextExtractor(texts).extract())
    assert any(q.predicate.value == JPOW + "quote" for q in quads), "the text extractor produced no passage"
    triples = [pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in quads]
    assert reason(tmp_path, pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES).decode()) == []


def test_hermit_rejects_data_that_breaks_the_disjointness_of_the_families(tmp_path: Path) -> None:
    """Pins that the reasoner tests above can fail: one thing typed as a person and as a place."""
    import owlready2

    bad = f"<https://example.org/x> <{RDF.type}> <{JPOW}Person> .\n<https://example.org/x> <{RDF.type}> <{JPOW}Place> .\n"
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        reason(tmp_path, bad)


def test_hermit_reports_a_class_under_two_disjoint_families_as_unsatisfiable(tmp_path: Path) -> None:
    bad = (f"<https://example.org/Odd> <{RDF.type}> <{OWL.Class}> .\n"
           f"<https://example.org/Odd> <{RDFS.subClassOf}> <{JPOW}LegalAct> .\n"
           f"<https://example.org/Odd> <{RDFS.subClassOf}> <{JPOW}Event> .\n")
    assert reason(tmp_path, bad) == ["https://example.org/Odd"]

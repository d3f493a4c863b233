"""The shapes graph read into plain objects: which shapes exist, what they target, which constraints they carry.

Only reading and naming here; `kg.validate.sparql` turns these objects into queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib import RDF, RDFS, BNode, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")

# Constraint parameter -> the constraint component it belongs to (SHACL Core, section 4).
COMPONENTS = {
    "class": "ClassConstraintComponent", "datatype": "DatatypeConstraintComponent",
    "nodeKind": "NodeKindConstraintComponent", "minCount": "MinCountConstraintComponent",
    "maxCount": "MaxCountConstraintComponent", "minExclusive": "MinExclusiveConstraintComponent",
    "minInclusive": "MinInclusiveConstraintComponent", "maxExclusive": "MaxExclusiveConstraintComponent",
    "maxInclusive": "MaxInclusiveConstraintComponent", "minLength": "MinLengthConstraintComponent",
    "maxLength": "MaxLengthConstraintComponent", "pattern": "PatternConstraintComponent",
    "languageIn": "LanguageInConstraintComponent", "uniqueLang": "UniqueLangConstraintComponent",
    "equals": "EqualsConstraintComponent", "disjoint": "DisjointConstraintComponent",
    "lessThan": "LessThanConstraintComponent", "lessThanOrEquals": "LessThanOrEqualsConstraintComponent",
    "not": "NotConstraintComponent", "and": "AndConstraintComponent", "or": "OrConstraintComponent",
    "xone": "XoneConstraintComponent", "node": "NodeConstraintComponent", "hasValue": "HasValueConstraintComponent",
    "in": "InConstraintComponent", "closed": "ClosedConstraintComponent",
    "qualifiedMinCount": "QualifiedMinCountConstraintComponent",
    "qualifiedMaxCount": "QualifiedMaxCountConstraintComponent", "sparql": "SPARQLConstraintComponent",
}
LIST_PARAMS = {"languageIn", "and", "or", "xone", "in", "ignoredProperties"}
TARGETS = ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf")


@dataclass
class Constraint:
    param: str  # local name of the parameter, e.g. "minCount"
    value: object  # a term, a list of terms (list parameters) or a nested Shape
    component: str  # full IRI of the constraint component


@dataclass
class Shape:
    node: rdflib.term.Node
    path: rdflib.term.Node | None  # None for a node shape
    severity: str
    messages: list[str]
    deactivated: bool
    targets: dict[str, list[rdflib.term.Node]]
    constraints: list[Constraint] = field(default_factory=list)
    properties: list["Shape"] = field(default_factory=list)
    aux: dict[str, object] = field(default_factory=dict)  # flags, ignoredProperties, qualified… siblings

    @property
    def is_property(self) -> bool:
        return self.path is not None

    @property
    def has_targets(self) -> bool:
        return any(self.targets.values())


def load_shapes_graph(shapes_dir: Path) -> rdflib.Graph:
    g = rdflib.Graph()
    for f in sorted(shapes_dir.glob("*.ttl")):
        g.parse(f, format="turtle")
    return g


class ShapesReader:
    """Reads shapes on demand and caches them, so shapes referenced from several places are read once."""

    def __init__(self, graph: rdflib.Graph) -> None:
        self.g = graph
        self.cache: dict[rdflib.term.Node, Shape] = {}

    def _list(self, node: rdflib.term.Node) -> list[rdflib.term.Node]:
        return list(Collection(self.g, node))

    def shape(self, node: rdflib.term.Node) -> Shape:
        if node in self.cache:
            return self.cache[node]
        g = self.g
        severity = g.value(node, SH.severity) or SH.Violation
        targets = {t: list(g.objects(node, SH[t])) for t in TARGETS}
        is_class = any((node, RDF.type, c) in g for c in (RDFS.Class, OWL.Class))
        if is_class and isinstance(node, URIRef):  # implicit class target
            targets["targetClass"] = targets["targetClass"] + [node]
        shape = Shape(
            node=node,
            path=g.value(node, SH.path),
            severity=str(severity),
            messages=[str(m) for m in g.objects(node, SH.message)],
            deactivated=g.value(node, SH.deactivated) == Literal(True),
            targets=targets,
        )
        self.cache[node] = shape
        for p, o in g.predicate_objects(node):
            if not str(p).startswith(str(SH)):
                continue
            local = str(p)[len(str(SH)):]
            if local == "property":
                shape.properties.append(self.shape(o))
            elif local in ("flags", "ignoredProperties", "qualifiedValueShape", "qualifiedValueShapesDisjoint"):
                shape.aux[local] = self._list(o) if local in LIST_PARAMS else o
            elif local in COMPONENTS:
                value: object = o
                if local in LIST_PARAMS:
                    value = self._list(o)
                    if local in ("and", "or", "xone"):
                        value = [self.shape(m) for m in value]  # type: ignore[union-attr]
                elif local in ("node", "not"):
                    value = self.shape(o)
                elif local == "closed" and o != Literal(True):
                    continue
                shape.constraints.append(Constraint(local, value, str(SH[COMPONENTS[local]])))
        if "qualifiedValueShape" in shape.aux:
            shape.aux["qualifiedValueShape"] = self.shape(shape.aux["qualifiedValueShape"])  # type: ignore[arg-type]
        return shape

    def top_level(self) -> list[Shape]:
        """Shapes with targets (explicit or implicit), in a stable order."""
        g = self.g
        candidates: set[rdflib.term.Node] = set()
        for t in TARGETS:
            candidates.update(g.subjects(SH[t], None))
        for kind in (SH.NodeShape, SH.PropertyShape):
            for s in g.subjects(RDF.type, kind):
                if any((s, RDF.type, c) in g for c in (RDFS.Class, OWL.Class)):
                    candidates.add(s)
        return [self.shape(s) for s in sorted(candidates, key=str)]


def constraint_components_used(graph: rdflib.Graph) -> set[str]:
    """Every constraint component some shape of the graph uses (local names), for test coverage."""
    used = set()
    for p in set(graph.predicates()):
        local = str(p)[len(str(SH)):] if str(p).startswith(str(SH)) else None
        if local in COMPONENTS:
            used.add(COMPONENTS[local])
    if (None, SH.closed, Literal(True)) not in graph:
        used.discard("ClosedConstraintComponent")
    return used


def is_blank(node: object) -> bool:
    return isinstance(node, BNode)

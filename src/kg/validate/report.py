"""One report format for every engine: focus node, path, message, and where in the input the node came from."""

from __future__ import annotations

from dataclasses import dataclass, field

import rdflib
from pyoxigraph import NamedNode, Store, Variable

from kg.vocab import sparql_prologue

_RESULTS = """
PREFIX sh: <http://www.w3.org/ns/shacl#>
SELECT ?focus ?path ?message ?severity ?component ?value ?shape WHERE {
  ?r a sh:ValidationResult ; sh:focusNode ?focus ; sh:resultSeverity ?severity ;
     sh:sourceConstraintComponent ?component .
  OPTIONAL { ?r sh:resultPath ?path }
  OPTIONAL { ?r sh:resultMessage ?message }
  OPTIONAL { ?r sh:value ?value }
  OPTIONAL { ?r sh:sourceShape ?shape }
}"""

_LOCATE = sparql_prologue() + """
SELECT DISTINCT ?focus ?file ?line ?start ?end WHERE {
  GRAPH ?g { ?focus ?p ?o }
  { ?g jpow:sourceFile ?file . OPTIONAL { ?g jpow:sourceLine ?line } }
  UNION
  { ?g prov:wasGeneratedBy/prov:used/jpow:sourceFile ?file ; jpow:startOffset ?start ; jpow:endOffset ?end }
} ORDER BY ?file ?line ?start LIMIT 5"""


def _short(term: object) -> str:
    text = str(term)
    for prefix, ns in (("jpow:", "https://w3id.org/jpow-kg/ontology#"), ("sh:", "http://www.w3.org/ns/shacl#")):
        if text.startswith(ns):
            return prefix + text[len(ns):]
    return text


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str | None
    message: str
    severity: str
    component: str
    value: str | None = None
    locations: tuple[str, ...] = field(default=(), compare=False)

    def key(self) -> tuple[str, str | None, str]:
        """What two engines must agree on."""
        return (self.focus, self.path, self.component)

    def format(self) -> str:
        lines = [f"- {_short(self.severity)} on <{self.focus}>"]
        if self.path:
            lines.append(f"  path: {_short(self.path)}")
        if self.value:
            lines.append(f"  value: {self.value}")
        lines.append(f"  message: {self.message}")
        lines.append(f"  constraint: {_short(self.component)}")
        for loc in self.locations:
            lines.append(f"  from: {loc}")
        return "\n".join(lines)


@dataclass
class Report:
    violations: list[Violation]
    engine: str

    @property
    def conforms(self) -> bool:
        return not self.violations

    def format(self) -> str:
        if self.conforms:
            return f"The graph conforms to the shapes ({self.engine})."
        head = f"The graph does not conform: {len(self.violations)} problem(s) ({self.engine}).\n"
        return head + "\n".join(v.format() for v in self.violations)


def parse_report(graph: rdflib.Graph) -> list[Violation]:
    if not isinstance(graph, rdflib.Graph):  # pySHACL returns its failure (e.g. a shape it rejects) instead
        raise ValueError(f"the SHACL engine could not run the shapes: {graph}")
    out = []
    for row in graph.query(_RESULTS):
        focus, path, message, severity, component, value, _shape = row
        path_text = str(path) if isinstance(path, rdflib.URIRef) else (None if path is None else "(complex path)")
        out.append(Violation(str(focus), path_text, str(message) if message else "(no message)",
                             str(severity), str(component), None if value is None else str(value)))
    return sorted(set(out), key=lambda v: (v.focus, v.path or "", v.component, v.value or ""))


def locate(store: Store, violations: list[Violation]) -> list[Violation]:
    """Attach the source file and row (or text offsets) each focus node was stated in."""
    located = []
    for v in violations:
        locs = []
        if not v.focus.startswith("_:") and "://" in v.focus:
            for sol in store.query(_LOCATE, substitutions={Variable("focus"): NamedNode(v.focus)},
                                   use_default_graph_as_union=True):
                file = sol["file"].value
                if sol["line"] is not None:
                    locs.append(f"{file}, line {sol['line'].value}")
                elif sol["start"] is not None:
                    locs.append(f"{file}, characters {sol['start'].value}-{sol['end'].value}")
                else:
                    locs.append(file)
        located.append(Violation(v.focus, v.path, v.message, v.severity, v.component, v.value, tuple(locs)))
    return located

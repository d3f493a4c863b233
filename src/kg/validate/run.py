"""Run the shapes over a store with the chosen engine and report in one format."""

from __future__ import annotations

import io

import rdflib
from pyoxigraph import RdfFormat, Store

from kg.config import Settings
from kg.validate import sparql
from kg.validate.report import Report, Violation, locate, parse_report
from kg.validate.shapes import load_shapes_graph
from kg.validate.structure import check_structure

ENGINES = ("sparql", "turbo", "pyshacl")


def _turbo(store: Store, shapes: rdflib.Graph, use_shapes: list[str] | None = None) -> rdflib.Graph:
    import pyshacl_turbo

    conforms, report, _text = pyshacl_turbo.validate(store, shacl_graph=shapes, use_shapes=use_shapes)
    return report


def _sparql(store: Store, shapes: rdflib.Graph) -> list[Violation]:
    """The scalable engine; shapes it cannot translate go to pyshacl-turbo (which copies the graph: slow at scale)."""
    violations, fallback = sparql.validate(store, shapes)
    if fallback:
        blank = [s for s in fallback if not isinstance(s.node, rdflib.URIRef)]
        if blank:
            raise ValueError(f"{len(blank)} shape(s) need the turbo engine but have no IRI to select them by; "
                             "give each top-level shape in shapes/ an IRI")
        violations += parse_report(_turbo(store, shapes, [str(s.node) for s in fallback]))
    return violations


def _pyshacl(store: Store, shapes: rdflib.Graph) -> rdflib.Graph:
    """The reference engine, on the union of all graphs as one rdflib graph (small graphs only)."""
    import pyshacl

    data = rdflib.Graph()
    buf = io.BytesIO()
    store.dump(buf, format=RdfFormat.N_QUADS)
    ds = rdflib.Dataset()
    ds.parse(data=buf.getvalue(), format="nquads")
    for s, p, o, _g in ds.quads((None, None, None, None)):
        data.add((s, p, o))
    _conforms, report, _text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    return report


def validate_store(store: Store, settings: Settings | None = None, engine: str = "sparql") -> Report:
    """Validate the union of the store's graphs (which must include the ontology, for rdfs:subClassOf).

    Engines: `sparql` (shapes as SPARQL over the store: flat memory, the one for registry-sized graphs),
    `turbo` (pyshacl-turbo: copies the graph into memory, 17 GiB at 600k persons), `pyshacl` (the reference)."""
    settings = settings or Settings()
    if engine not in ENGINES:
        raise ValueError(f"unknown SHACL engine {engine!r}; use one of {', '.join(ENGINES)}")
    shapes = load_shapes_graph(settings.shapes_dir)
    if engine == "sparql":
        violations = _sparql(store, shapes)
    else:
        violations = parse_report(_turbo(store, shapes) if engine == "turbo" else _pyshacl(store, shapes))
    violations += check_structure(store)
    return Report(locate(store, violations), engine)

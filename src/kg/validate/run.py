"""Run the shapes over a store with the chosen engine and report in one format."""

from __future__ import annotations

import io
from pathlib import Path

import rdflib
from pyoxigraph import RdfFormat, Store

from kg.config import Settings
from kg.validate.report import Report, locate, parse_report
from kg.validate.structure import check_structure

ENGINES = ("turbo", "pyshacl")


def _shapes_graph(shapes_dir: Path) -> rdflib.Graph:
    g = rdflib.Graph()
    for f in sorted(shapes_dir.glob("*.ttl")):
        g.parse(f, format="turtle")
    return g


def _turbo(store: Store, shapes: rdflib.Graph) -> rdflib.Graph:
    import pyshacl_turbo

    conforms, report, _text = pyshacl_turbo.validate(store, shacl_graph=shapes)
    return report


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


def validate_store(store: Store, settings: Settings | None = None, engine: str = "turbo") -> Report:
    """Validate the union of the store's graphs (which must include the ontology, for rdfs:subClassOf)."""
    settings = settings or Settings()
    if engine not in ENGINES:
        raise ValueError(f"unknown SHACL engine {engine!r}; use one of {', '.join(ENGINES)}")
    shapes = _shapes_graph(settings.shapes_dir)
    report_graph = _turbo(store, shapes) if engine == "turbo" else _pyshacl(store, shapes)
    violations = parse_report(report_graph) + check_structure(store)
    return Report(locate(store, violations), engine)

"""Media types and content negotiation: which serialisation a client gets, by `Accept` or by a `format` name.

Results of SELECT/ASK ("results") and of CONSTRUCT/DESCRIBE or graph reads ("graph") have separate tables; a
`format` name such as `xml` or `json` means the natural format of each kind (SPARQLWrapper sends `format=xml`
for CONSTRUCT and expects RDF/XML).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pyoxigraph import QueryResultsFormat, RdfFormat

from kg.serve.negotiation import best_media_type, media_quality, media_ranges

Kind = Literal["results", "graph", "boolean"]


@dataclass(frozen=True)
class Format:
    name: str
    media_type: str
    oxi: QueryResultsFormat | RdfFormat
    extension: str
    aliases: tuple[str, ...] = ()

    @property
    def content_type(self) -> str:
        return self.media_type + "; charset=utf-8"

    @property
    def is_dataset(self) -> bool:
        """N-Quads and TriG carry graph names; JSON-LD could, but is served as a plain graph (clients such as
        rdflib's Graph read a JSON-LD dataset's named graphs as nothing)."""
        return self.oxi in (RdfFormat.N_QUADS, RdfFormat.TRIG)


RESULT_FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", QueryResultsFormat.JSON, "srj", ("application/json",)),
    Format("xml", "application/sparql-results+xml", QueryResultsFormat.XML, "srx", ("application/xml", "text/xml")),
    Format("csv", "text/csv", QueryResultsFormat.CSV, "csv"),
    Format("tsv", "text/tab-separated-values", QueryResultsFormat.TSV, "tsv"),
)
TURTLE = Format("turtle", "text/turtle", RdfFormat.TURTLE, "ttl", ("ttl", "application/x-turtle"))
JSON_LD = Format("jsonld", "application/ld+json", RdfFormat.JSON_LD, "jsonld", ("json-ld", "json", "application/json"))
N_TRIPLES = Format("ntriples", "application/n-triples", RdfFormat.N_TRIPLES, "nt", ("nt", "text/plain"))
RDF_XML = Format("rdfxml", "application/rdf+xml", RdfFormat.RDF_XML, "rdf", ("rdf", "xml", "application/xml", "text/xml"))
N_QUADS = Format("nquads", "application/n-quads", RdfFormat.N_QUADS, "nq", ("nq",))
TRIG = Format("trig", "application/trig", RdfFormat.TRIG, "trig")
GRAPH_FORMATS: tuple[Format, ...] = (TURTLE, JSON_LD, N_TRIPLES, RDF_XML, N_QUADS, TRIG)
TRIPLE_FORMATS: tuple[Format, ...] = (TURTLE, JSON_LD, N_TRIPLES, RDF_XML)
# ASK results: CSV/TSV have no boolean form in the W3C note.
BOOLEAN_FORMATS: tuple[Format, ...] = RESULT_FORMATS[:2]


class NotAcceptable(Exception):
    """No format the client accepts can represent this kind of result (HTTP 406)."""

    def __init__(self, kind: str, offered: tuple[Format, ...]) -> None:
        self.offered = offered
        super().__init__(
            f"none of the requested media types can represent {kind} results; available: "
            + ", ".join(f.media_type for f in offered)
        )


class UnknownFormat(ValueError):
    """A `format` parameter or file extension that names no format (HTTP 400)."""


def formats_for(kind: Kind) -> tuple[Format, ...]:
    return {"results": RESULT_FORMATS, "boolean": BOOLEAN_FORMATS, "graph": GRAPH_FORMATS}[kind]


def by_name(name: str, offered: tuple[Format, ...]) -> Format:
    key = name.strip().lower()
    for fmt in offered:
        if key in (fmt.name, fmt.extension, fmt.media_type) or key in fmt.aliases:
            return fmt
    raise UnknownFormat(
        f"unknown format {name!r}; use one of: " + ", ".join(f"{f.name} ({f.media_type})" for f in offered)
    )


def _types(fmt: Format) -> tuple[str, ...]:
    return (fmt.media_type,) + tuple(a for a in fmt.aliases if "/" in a)


def negotiate(accept: str | None, offered: tuple[Format, ...], default: Format | None = None) -> Format:
    """The offered format the client weighs highest (`kg.serve.negotiation`); `default` (else the first offered)
    among equals, as for `*/*`; 406 when none fits."""
    default = default or offered[0]
    ordered = (default,) + tuple(f for f in offered if f is not default)
    chosen = best_media_type(accept, [_types(f) for f in ordered])
    if chosen is None:
        raise NotAcceptable("these", offered)
    return ordered[chosen]


def prefers_html(accept: str | None) -> bool:
    """True when a client names text/html and weighs it at least as high as any RDF type (`*/*` alone, as curl
    sends, is not a browser)."""
    ranges = media_ranges(accept)
    html = media_quality(ranges, ("text/html", "application/xhtml+xml"), least=2)
    rdf = max(media_quality(ranges, _types(f), least=1) for f in GRAPH_FORMATS)
    return html > 0 and html >= rdf

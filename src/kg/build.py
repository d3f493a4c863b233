"""The pipeline: extract -> load into a fresh store -> validate -> switch, atomically.

The new build is written into its own directory and validated there; only a complete, valid build becomes
the store. Bad input or an invalid graph raises, and the previous store stays exactly as it was.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import NamedNode, Quad, RdfFormat, Store

from kg.config import Settings
from kg.extract.tabular import TabularExtractor
from kg.progress import counted, step
from kg.search import IndexStats, open_feed, write_entities
from kg.sparql_text import query_file
from kg.store.base import build_target
from kg.validate import Report, validate_store
from kg.vocab import JPOW, RDF

ONTOLOGY_GRAPH = NamedNode("https://w3id.org/jpow-kg/ontology")


class BuildRejected(Exception):
    """The extracted graph does not conform to the shapes; the report says where and why."""

    def __init__(self, report: Report) -> None:
        self.report = report
        super().__init__(report.format())


@dataclass
class Summary:
    store_path: Path | str
    quads: int
    entities: dict[str, int]
    graphs: int
    rows: int
    seconds: float
    search_index: IndexStats | None = None

    def format(self) -> str:
        lines = [f"Built {self.store_path}: {self.quads:,} quads in {self.graphs:,} named graphs "
                 f"from {self.rows:,} input rows, in {self.seconds:.1f} s.", "Entities per class:"]
        width = max((len(c) for c in self.entities), default=0)
        lines += [f"  {cls:<{width}}  {n:>8,}" for cls, n in self.entities.items()]
        if self.search_index is not None:
            lines.append(self.search_index.format())
        return "\n".join(lines)


def load_ontology(store: Store, settings: Settings) -> None:
    """The ontology goes in its own graph: SHACL needs its rdfs:subClassOf, and users can query its labels."""
    for f in sorted(settings.ontology_dir.glob("*.ttl")):
        store.load(path=str(f), format=RdfFormat.TURTLE, to_graph=ONTOLOGY_GRAPH)


def extracted_quads(settings: Settings, data_dirs: Sequence[Path], sources_dir: Path | None,
                    quiet: bool = False) -> tuple[Iterator[Quad], TabularExtractor]:
    """All quads of all extractors, streaming. Structural input errors are raised here, before any write."""
    tabular = TabularExtractor(data_dirs, settings)
    tabular.build_index()

    def chain() -> Iterator[Quad]:
        if sources_dir is None:
            yield from tabular.extract()
            return
        from kg.extract.text import extract_paths
        from kg.extract.text.gazetteer import NameCollector
        from kg.sources.text import FORMATS as TEXT_FORMATS

        names = NameCollector()  # the text is linked to the curated entities of this one tabular extraction
        yield from names.watch(tabular.extract())
        paths = sorted(p for p in sources_dir.rglob("*")
                       if p.is_file() and p.suffix.lower() in TEXT_FORMATS and not p.name.startswith("."))
        step(f"Extracting {len(paths)} text source(s) from {sources_dir}", quiet)
        yield from extract_paths(paths, settings, names.gazetteer())

    return chain(), tabular


ENTITIES_PER_CLASS = Path(__file__).with_name("sparql") / "entities_per_class.rq"


def link_records(store: Store, settings: Settings, data_dirs: Sequence[Path], quiet: bool,
                 watch: Callable[[Iterator[Quad]], Iterator[Quad]] = iter) -> None:
    """Join the person records of the lists into persons (kg.link), when the data has any; the linkage's quads
    pass through `watch` on their way into the store."""
    if next(store.quads_for_pattern(None, RDF.type, JPOW.PersonRecord, None), None) is None:
        return
    from kg.link.run import link, quads

    step("Linking person records", quiet)
    linkage = link(store, data_dirs, settings.base_iri)
    if linkage is not None:
        store.bulk_extend(watch(quads(linkage, settings.base_iri)))
        step(linkage.summary(), quiet)


def summarize(store: Store, store_path: Path | str, rows: int, seconds: float) -> Summary:
    quads = len(store)
    graphs = sum(1 for _ in store.named_graphs())
    entities = {sol["class"].value.rsplit("#", 1)[1]: int(sol["n"].value) for sol in store.query(query_file(ENTITIES_PER_CLASS))}
    return Summary(store_path, quads, entities, graphs, rows, seconds)


def build(settings: Settings | None = None, data_dirs: Sequence[Path] | None = None,
          store_path: Path | None = None, sources_dir: Path | None = None, engine: str = "sparql",
          quiet: bool = True) -> Summary:
    settings = settings or Settings()
    data_dirs = list(data_dirs or settings.data_dirs)
    store_path = Path(store_path or settings.store_path)
    sources_dir = sources_dir if sources_dir is not None else settings.sources_dir
    start = time.monotonic()
    step(f"Reading {', '.join(map(str, data_dirs))}", quiet)
    quads, tabular = extracted_quads(settings, data_dirs, sources_dir, quiet)
    target = build_target(settings, store_path)
    with target.staged(quiet) as staging, ExitStack() as stack:  # the target releases the store (see Staging)
        # the label index lives in the build directory, switched with the store; fed as the quads load
        feed = None if settings.remote else stack.enter_context(open_feed(staging.directory, settings.base_iri))
        watch = feed.watch if feed is not None else iter
        load_ontology(staging.store, settings)
        step(f"Extracting and loading into {staging.directory}", quiet)
        staging.store.bulk_extend(watch(counted(quads, "quads", quiet=quiet)))
        link_records(staging.store, settings, data_dirs, quiet, watch)
        # the index is written while SHACL validates: both only read the store, and the store's queries leave
        # the interpreter free, so the second core does it; a rejected build waits for it, then drops both
        pool = stack.enter_context(ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-index"))
        index = pool.submit(write_entities, feed, staging.store, staging.directory) if feed is not None else None
        step(f"Validating with SHACL ({engine})" + (" and writing the search index" if index else ""), quiet)
        report = validate_store(staging.store, settings, engine=engine)
        if not report.conforms:
            raise BuildRejected(report)
        summary = summarize(staging.store, target.name, tabular.row_count, 0.0)
        summary.search_index = index.result() if index is not None else None
    summary.seconds = time.monotonic() - start
    return summary

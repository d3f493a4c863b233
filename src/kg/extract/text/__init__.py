"""The text extractor: articles (plain text, Markdown, HTML) -> facts of the ontology, each with its passage.

How it works (offline and deterministic: the language model is installed with the package, nothing is fetched):
- `kg.sources.text` reads the file as strict UTF-8 into clean paragraphs that map back to original offsets.
- `mentions` finds mentions with hand-written patterns of this field's prose, over word lists in
  `lexicon.yaml` (places, given names, organisation head nouns, act and event words, units, qualifiers):
  initials + surname, "Doctor of … Sciences", "camp No./N 99", "camps N 37 and N 39", "Resolution No. 9898",
  "decree of <body> dated <date> No. <n> "<title>"", named treaties and declarations, "X region/Krai",
  "<Head> of <…>" organisations, quoted titles followed by "(City, Year)", footnote citations.
- `quantities` reads figures with their qualifier (exact, about, more than, ranges, percent, fractions, and vague
  multitudes such as "hundreds of thousands", which get no number).
- `parse` runs spaCy's English pipeline (sentences, part of speech, dependencies, entities) over each block;
  `named_entities` adds the persons, places, acronyms and event phrases the recogniser and the parse show,
  `sites` and `bodies` the stations, mines and lower-case bodies, `brackets` the other names in brackets.
- `relations` matches the dependency patterns of `patterns/*.yaml` (one file per family, each mapped to an
  ontology property, an event class, or kept in the text's words as a stated relation).
- `document` runs the pipeline per sentence: `linking` links mentions to curated entities (a gazetteer of labels
  and aliases), resolves coreference backwards and mints stable IRIs for new entities, `anaphora` resolves "it",
  "he", "the camp", and the readers of `facts/` (one per family) state the facts.
- `rdf` writes one named graph per passage with its evidence (quote and code-point offsets of the original
  text) in the document's source graph.

Evidence (docs/design.md): a passage is a sentence; its graph `{base}graph/text/{doc-id}/c{start}-{end}` is a
`jpow:Assertion` derived from the document (`{base}id/publication/{doc-id}`, or the curated publication whose
title the sidecar metadata gives), with `jpow:quote` = original[start:end] verbatim. Offsets count code
points of the file as decoded from UTF-8 (BOM dropped); for HTML and Markdown they index the markup as written,
so a quote may contain tags or entities. The document id is the sidecar `<stem>.json` "id", else the file name.

Why patterns: the output must be reproducible offline and every fact traceable to a pattern a historian can
read; the patterns are general forms of this literature, not of one article. The statistical parse gives them
the sentence's structure, so one pattern covers the many ways the same relation is written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from html import unescape
from itertools import islice
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad

from kg import __version__
from kg.config import Settings
from kg.errors import ExtractorFault, InputError, Problem
from kg.extract.base import Run
from kg.extract.text.document import DocumentReader
from kg.extract.text.gazetteer import Gazetteer
from kg.extract.text.lexicon import load
from kg.extract.text.model import Entity
from kg.extract.text.parse import parse_many
from kg.extract.text.rdf import passage_quads
from kg.iri import slugify
from kg.sources.text import FORMATS, read_blocks, read_chars
from kg.vocab import DCTERMS, JPOW, PROV, RDF, RDFS

__all__ = ["Gazetteer", "TextExtractor", "extract_paths", "document_metadata"]


def document_metadata(path: Path) -> dict:
    """Metadata from a sidecar `<stem>.json` beside the text (id, title, author, url), if there is one."""
    side = path.with_suffix(".json")
    if side.is_file() and side != path:
        try:
            return json.loads(side.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            raise InputError([Problem(side, None, None, f"the metadata file is not valid JSON ({e})",
                                      "fix the JSON or remove the file")]) from None
    return {}


BATCH = 16   # paragraphs parsed together

class TextExtractor:
    name = "text"
    version = __version__

    def __init__(self, paths: Iterable[Path], gazetteer: Gazetteer | None = None,
                 settings: Settings | None = None) -> None:
        self.paths = [Path(p) for p in paths]
        self.gazetteer = gazetteer or Gazetteer()
        self.settings = settings or Settings()

    def documents(self) -> list[Path]:
        """The text files to read: sidecar `.json` metadata files are skipped; other unknown types refused."""
        names = {p.with_suffix("") for p in self.paths if p.suffix.lower() != ".json"}
        docs = []
        ids: dict[str, Path] = {}
        for p in self.paths:
            suffix = p.suffix.lower()
            if suffix == ".json" and p.with_suffix("") in names:
                continue
            if suffix and suffix not in FORMATS:
                raise InputError([Problem(p, None, None, f"'{p.suffix}' is not a text format the extractor reads",
                                          "give plain text (.txt), Markdown (.md) or HTML (.html) files")])
            doc_id = self.doc_id(p)
            if doc_id in ids:
                raise InputError([Problem(p, None, None, f"this article would get the same id '{doc_id}' as "
                                          f"{ids[doc_id]} (ids come from the file name)",
                                          f"rename one of them, or give one a {p.stem}.json with an \"id\"")])
            ids[doc_id] = p
            docs.append(p)
        return docs

    @staticmethod
    def doc_id(path: Path) -> str:
        """The document's id: the sidecar's "id", else the file name without extension, as a slug."""
        return slugify(document_metadata(path).get("id") or path.stem)

    def extract(self) -> Iterator[Quad]:
        for path in self.documents():
            yield from self.extract_document(path)

    def reader(self, path: Path, record: bool = False) -> DocumentReader:
        return DocumentReader(self.doc_id(path), self.settings.base_iri, load(), self.gazetteer, record=record)

    def extract_document(self, path: Path) -> Iterator[Quad]:
        base = self.settings.base_iri
        meta = document_metadata(path)
        reader = self.reader(path)
        doc_id = reader.doc_id
        title = meta.get("title_sentence_case") or meta.get("title") or _heading(path) or path.stem
        linked, _ = self.gazetteer.lookup([title, meta.get("title", "")], "publication")
        doc = NamedNode(linked or f"{base}id/publication/{doc_id}")
        reader.document = Entity(doc.value, "publication", "Article", title, linked=True)   # "this paper"
        run = Run.start(base, f"text/{doc_id}", self.name, self.version, _label(path, self.settings))
        for _ in read_chars(path):   # a first pass checks the encoding of the whole file before any output
            pass
        blocks = read_blocks(path)   # raises InputError (empty, binary, no text) before anything is written
        first = next(blocks)
        yield from run.provenance()
        sg = run.source_graph
        yield Quad(run.activity, PROV.used, doc, sg)
        if not linked:
            yield Quad(doc, RDF.type, JPOW.Article, sg)
            yield Quad(doc, RDFS.label, Literal(title, language="en"), sg)
            yield Quad(doc, DCTERMS.source, doc, sg)
        yield Quad(doc, JPOW.sourceFile, Literal(_label(path, self.settings)), sg)
        pending = _chain(first, blocks)
        while batch := list(islice(pending, BATCH)):   # parsed a few paragraphs at a time: fast, and bounded
            for block, parsed in zip(batch, parse_many([b.text for b in batch])):
                try:
                    passages = reader.read_block(block, parsed)
                except InputError:
                    raise
                except Exception as e:   # a fault of ours: said with where it happened, never a bare traceback
                    raise ExtractorFault(_label(path, self.settings), *block.span(0, len(block.text)), e) from e
                for passage in passages:
                    yield from passage_quads(run, doc, passage)


def _heading(path: Path) -> str | None:
    """The title an HTML file (<title>), a Markdown file (a first "# " line) or a text (a first line standing alone)
    gives itself."""
    with path.open("rb") as f:
        head = f.read(65536).decode("utf-8", "ignore")
    if path.suffix.lower() in (".html", ".htm", ".xhtml"):
        m = re.search(r"<title[^>]*>(.*?)</title>", head, re.IGNORECASE | re.DOTALL)
        return " ".join(unescape(m.group(1)).split()) or None if m else None
    if path.suffix.lower() in (".md", ".markdown"):
        m = re.match(r"\s*#\s+(.+)", head)
        return m.group(1).strip() if m else None
    # plain text: a first line on its own, short, and no sentence ("Counting the Dead: Burial Records, 1945-1956")
    m = re.match(r"\s*([^\n]{3,250})\n([ \t]*\n)?\s*(\S)", head)
    if not m or re.search(r"[.!?]\s*$", m.group(1)) and ":" not in m.group(1):
        return None
    words = [w for w in re.findall(r"\w{4,}", m.group(1)) if not w.isdigit()]
    title_case = words and sum(w[0].isupper() for w in words) * 2 >= len(words)
    # a line wrapped at a fixed width is no title: without a blank line below, it must look like one
    return m.group(1).strip() if m.group(2) is not None or m.group(3).isupper() and title_case else None


def _chain(first, rest):
    yield first
    yield from rest


def _label(path: Path, settings: Settings) -> str:
    try:
        return str(path.resolve().relative_to(settings.project_root))
    except ValueError:
        return path.name


def extract_paths(paths: list[Path], settings: Settings, gazetteer: Gazetteer | None = None) -> Iterator[Quad]:
    """All quads of the given articles (for `kg extract` and `kg build`)."""
    return TextExtractor(paths, gazetteer, settings).extract()

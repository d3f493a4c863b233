"""The tabular extractor: curated or registry CSV tables -> RDF, driven only by each folder's `mapping.yaml`.

Two passes over the tables, both streaming: the first indexes every row id (so references can be checked
and resolved across tables and folders), the second yields the quads. Each row becomes one assertion graph
cited to its `source` and `page`; the rows of a table share a source graph with the PROV record of the run.
All problems found are reported together, each with file, line, column and the fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad

from kg import __version__, dates, iri
from kg.config import Settings
from kg.errors import InputError, Problem
from kg.extract.base import Evidence, Run
from kg.extract.mapping import CLAIM_COLUMNS, Column, Mapping, Table, load_mapping
from kg.ontology import Ontology
from kg.sources.tables import read_header, read_rows
from kg.vocab import DCTERMS, JPOW, RDF, RDFS, XSD, expand_curie

MAX_PROBLEMS = 200
_LANG_SUFFIX = re.compile(r"^(.*\S)\s*@([a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*)$", re.S)


@dataclass(frozen=True)
class RowRef:
    table: Table
    file: Path
    line: int


class _Problems(list[Problem]):
    def add(self, *args: object) -> None:
        self.append(Problem(*args))  # type: ignore[arg-type]
        if len(self) >= MAX_PROBLEMS:
            raise InputError(list(self))


class TabularExtractor:
    """Maps the tables of one or more data folders. Ids are unique across all of them."""

    name = "tabular"
    version = __version__

    def __init__(self, data_dirs: Path | Iterable[Path], settings: Settings | None = None,
                 ontology: Ontology | None = None) -> None:
        self.settings = settings or Settings()
        self.data_dirs = [data_dirs] if isinstance(data_dirs, Path) else list(data_dirs)
        self.ontology = ontology or Ontology(self.settings.ontology_dir)
        self.mappings = [load_mapping(d, self.settings.mapping_file) for d in self.data_dirs]
        self.index: dict[str, RowRef] = {}
        self.row_count = 0

    # -- pass 1 ---------------------------------------------------------------------------------
    def _check_header(self, table: Table, header: list[str], problems: _Problems) -> None:
        for col in table.columns.values():
            if col.required and col.name not in header:
                problems.add(table.file, 1, col.name, f"the required column '{col.name}' is missing",
                             f"add a '{col.name}' column to the header (see {table.name} in mapping.yaml)")
        for h in header:
            if h not in table.columns:
                problems.add(table.file, 1, h, f"unknown column '{h}'",
                             f"rename it to one of: {', '.join(table.columns)}; or add it to mapping.yaml")

    def build_index(self) -> None:
        problems = _Problems()
        for mapping in self.mappings:
            for table in mapping.tables.values():
                if not table.file.is_file():
                    problems.add(table.file, None, None, "the table file named in mapping.yaml does not exist",
                                 "create it with a header row, or remove the table from mapping.yaml")
                    continue
                header = read_header(table.file)
                self._check_header(table, header, problems)
                if "id" not in header:
                    continue
                for line, row in read_rows(table.file):
                    rid = row["id"]
                    if not rid:
                        continue  # reported in pass 2 as a missing required value
                    if not iri.is_slug(rid):
                        problems.add(table.file, line, "id", f"the id {rid!r} is not a slug",
                                     "use lowercase letters, digits, '.', '-' or '_', starting with a letter or digit")
                    elif rid in self.index:
                        first = self.index[rid]
                        problems.add(table.file, line, "id", f"duplicate id {rid!r} (first used at {first.file}:{first.line})",
                                     "give each row its own id; to add a statement about an existing entity use claims.csv")
                    else:
                        self.index[rid] = RowRef(table, table.file, line)
            if mapping.claims_file is not None and mapping.claims_file.is_file():
                header = read_header(mapping.claims_file)
                for missing in [c for c in CLAIM_COLUMNS if c not in header]:
                    problems.add(mapping.claims_file, 1, missing, f"the column '{missing}' is missing",
                                 f"the claims table has the columns {', '.join(CLAIM_COLUMNS)}")
        if problems:
            raise InputError(list(problems))

    # -- pass 2 ---------------------------------------------------------------------------------
    def _iri_of(self, rid: str) -> NamedNode:
        ref = self.index[rid]
        return iri.entity_iri(self.settings.base_iri, ref.table.kind, rid)

    def _values(self, col: Column, cell: str, file: Path, line: int, problems: _Problems) -> Iterator[Literal | NamedNode]:
        parts = [p.strip() for p in cell.split("|")] if col.multi else [cell]
        for part in parts:
            if not part:
                continue
            if col.lang:
                m = _LANG_SUFFIX.match(part)
                text, lang = (m.group(1), m.group(2).lower()) if m else (part, col.lang)
                yield Literal(text, language=lang)
            elif col.values is not None:
                if part not in col.values:
                    problems.add(file, line, col.name, f"{part!r} is not an allowed value",
                                 f"use one of: {', '.join(col.values)}")
                else:
                    yield col.values[part]
            elif col.ref is not None:
                target = self.index.get(part)
                if target is None:
                    problems.add(file, line, col.name, f"unknown reference {part!r}: no row has this id",
                                 "use the id of an existing row (ids are listed in the first column of each table), or add that row")
                elif col.ref and target.table.name not in col.ref:
                    problems.add(file, line, col.name,
                                 f"{part!r} is a row of '{target.table.name}', but this column points to {', '.join(col.ref)}",
                                 "use the id of a row of one of those tables")
                else:
                    yield self._iri_of(part)
            else:
                lit = self._literal(col.datatype or "xsd:string", part)
                if lit is None:
                    problems.add(file, line, col.name, f"{part!r} is not a valid {col.datatype}",
                                 _DATATYPE_FIX.get(col.datatype or "", "write a valid value"))
                else:
                    yield lit

    @staticmethod
    def _literal(datatype: str, text: str) -> Literal | None:
        if datatype == "partial-date":
            return dates.literal(text)
        if datatype == "xsd:integer":
            return Literal(str(int(text)), datatype=XSD.integer) if re.fullmatch(r"[+-]?\d+", text) else None
        if datatype == "xsd:decimal":
            try:
                value = Decimal(text)
            except InvalidOperation:
                return None
            return Literal(text, datatype=XSD.decimal) if value.is_finite() and "e" not in text.lower() else None
        if datatype == "xsd:boolean":
            return Literal(text, datatype=XSD.boolean) if text in ("true", "false") else None
        if datatype == "xsd:anyURI":
            return Literal(text, datatype=XSD.anyURI) if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$", text) else None
        return Literal(text)

    def _rdf_type(self, table: Table, cell: str, file: Path, line: int, problems: _Problems) -> NamedNode | None:
        if not cell:
            return table.cls
        cls = JPOW[cell]
        if not self.ontology.is_subclass(cls.value, table.cls.value):
            allowed = sorted(c.rsplit("#", 1)[1] for c in self.ontology.subclasses(table.cls.value))
            problems.add(file, line, "type", f"{cell!r} is not a class of this table",
                         f"use one of: {', '.join(allowed)}")
            return None
        return cls

    def _cited(self, cell: str, file: Path, line: int, problems: _Problems) -> NamedNode | None:
        target = self.index.get(cell)
        if target is None or target.table.kind != "publication":
            problems.add(file, line, "source", f"the source {cell!r} is not the id of a publications row",
                         "cite a row of publications.csv (add the publication there first)")
            return None
        return self._iri_of(cell)

    def _rows(self, table: Table, run: Run, problems: _Problems) -> Iterator[Quad]:
        file_label = self._label(table.file)
        for line, row in read_rows(table.file):
            self.row_count += 1
            for col in table.columns.values():
                if col.required and not row.get(col.name):
                    problems.add(table.file, line, col.name, f"the required column '{col.name}' is empty",
                                 "fill it in" + (f" ({_DATATYPE_FIX[col.datatype]})" if col.datatype in _DATATYPE_FIX else ""))
            rid = row.get("id", "")
            if not rid or rid not in self.index or self.index[rid].line != line:
                continue  # reported above or in pass 1
            subject = self._iri_of(rid)
            graph = run.assertion_graph(rid)
            cls = self._rdf_type(table, row.get("type", ""), table.file, line, problems)
            cited = self._cited(row.get("source", ""), table.file, line, problems)
            if cls is None or cited is None:
                continue
            yield Quad(subject, RDF.type, cls, graph)
            yield Quad(subject, DCTERMS.source, cited, graph)
            for col in table.columns.values():
                cell = row.get(col.name, "")
                if col.predicate is None or not cell:
                    continue
                for value in self._values(col, cell, table.file, line, problems):
                    yield Quad(subject, col.predicate, value, graph)
            yield from run.evidence(Evidence(graph, cited, page=row.get("page") or None,
                                             source_file=file_label, source_line=line))

    def _claims(self, mapping: Mapping, run: Run, problems: _Problems) -> Iterator[Quad]:
        file = mapping.claims_file
        assert file is not None
        seen: dict[str, int] = {}
        for line, row in read_rows(file):
            self.row_count += 1
            missing = [c for c in ("id", "subject", "property", "value", "source") if not row.get(c)]
            for c in missing:
                problems.add(file, line, c, f"the required column '{c}' is empty", "fill it in")
            if missing:
                continue
            cid = row["id"]
            if cid in seen:
                problems.add(file, line, "id", f"duplicate claim id {cid!r} (first at line {seen[cid]})",
                             "give each claim its own id")
                continue
            seen[cid] = line
            subject_ref = self.index.get(row["subject"])
            if subject_ref is None:
                problems.add(file, line, "subject", f"unknown reference {row['subject']!r}",
                             "use the id of an existing row of one of the tables")
                continue
            try:
                predicate = expand_curie(row["property"])
            except ValueError as e:
                problems.add(file, line, "property", str(e), "write the property as a CURIE, e.g. jpow:pageCount")
                continue
            col = subject_ref.table.column_for(predicate)
            if col is None:
                known = ", ".join(sorted({c.predicate.value.rsplit("#", 1)[-1] for c in subject_ref.table.columns.values()
                                          if c.predicate is not None}))
                problems.add(file, line, "property",
                             f"{row['property']} is not a property of '{subject_ref.table.name}' rows",
                             f"use a property of that table's columns ({known})")
                continue
            cited = self._cited(row["source"], file, line, problems)
            if cited is None:
                continue
            graph = run.assertion_graph(cid)
            subject = self._iri_of(row["subject"])
            values = list(self._values(col, row["value"], file, line, problems))
            for value in values:
                yield Quad(subject, predicate, value, graph)
            if values:
                yield Quad(subject, DCTERMS.source, cited, graph)
            yield from run.evidence(Evidence(graph, cited, page=row.get("page") or None,
                                             source_file=self._label(file), source_line=line))
            if row.get("note"):
                yield Quad(graph, RDFS.comment, Literal(row["note"], language="en"), run.source_graph)

    def _label(self, file: Path) -> str:
        """A path that says where the file is without depending on where the checkout is."""
        try:
            return str(file.resolve().relative_to(self.settings.project_root))
        except ValueError:
            return str(file)

    def extract(self) -> Iterator[Quad]:
        if not self.index:
            self.build_index()
        problems = _Problems()
        for mapping in self.mappings:
            for table in mapping.tables.values():
                run = Run.start(self.settings.base_iri, f"{mapping.dataset}/{table.name}", self.name,
                                self.version, self._label(table.file))
                yield from run.provenance()
                yield from self._rows(table, run, problems)
            if mapping.claims_file is not None and mapping.claims_file.is_file():
                run = Run.start(self.settings.base_iri, f"{mapping.dataset}/claims", self.name, self.version,
                                self._label(mapping.claims_file))
                yield from run.provenance()
                yield from self._claims(mapping, run, problems)
        if problems:
            raise InputError(list(problems))


_DATATYPE_FIX = {
    "partial-date": "write a date as YYYY, YYYY-MM or YYYY-MM-DD (only as precise as the source)",
    "xsd:integer": "write a whole number with digits only, e.g. 1232",
    "xsd:decimal": "write a number with a '.' decimal point and no thousands separator, e.g. 15735 or 50.6",
    "xsd:boolean": "write true or false",
    "xsd:anyURI": "write an absolute URL, e.g. https://example.org/page",
}

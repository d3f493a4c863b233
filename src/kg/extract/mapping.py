"""The mapping of a data folder (`mapping.yaml`): which tables exist and how each column becomes RDF.

The mapping is data; this module only reads and checks it. See `data/mapping.yaml` for the format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pyoxigraph import NamedNode

from kg import yamlfile
from kg.errors import InputError, Problem
from kg.vocab import expand_curie

STRUCTURAL_ROLES = {"id", "type", "source", "page"}
DATATYPES = {"xsd:string", "xsd:integer", "xsd:decimal", "xsd:boolean", "xsd:anyURI", "partial-date"}
CLAIM_COLUMNS = ("id", "subject", "property", "value", "source", "page", "note")


@dataclass(frozen=True)
class Column:
    name: str
    role: str | None = None
    predicate: NamedNode | None = None
    lang: str | None = None
    datatype: str | None = None
    ref: tuple[str, ...] | None = None  # () means any table
    values: dict[str, NamedNode] | None = None
    multi: bool = False
    required: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    file: Path
    kind: str
    cls: NamedNode
    columns: dict[str, Column]

    def column_for(self, predicate: NamedNode) -> Column | None:
        return next((c for c in self.columns.values() if c.predicate == predicate), None)


@dataclass(frozen=True)
class Mapping:
    path: Path
    dataset: str
    tables: dict[str, Table]
    claims_file: Path | None = None
    problems: list[Problem] = field(default_factory=list)


def _column(path: Path, table: str, name: str, spec: dict) -> Column:
    where = f"table '{table}', column '{name}'"

    def bad(msg: str, fix: str) -> InputError:
        return InputError([Problem(path, None, None, f"{where}: {msg}", fix)])

    unknown = set(spec) - {"role", "predicate", "lang", "datatype", "ref", "values", "multi", "required"}
    if unknown:
        raise bad(f"unknown keys {sorted(unknown)}", "use role, predicate, lang, datatype, ref, values, multi, required")
    role = spec.get("role")
    if role is not None and role not in STRUCTURAL_ROLES:
        raise bad(f"unknown role {role!r}", f"use one of {sorted(STRUCTURAL_ROLES)}")
    if role is None and "predicate" not in spec:
        raise bad("no predicate", "give the property this column is written as, e.g. `predicate: rdfs:label`")
    kinds = [k for k in ("lang", "datatype", "ref", "values") if k in spec]
    if role is None and len(kinds) != 1:
        raise bad(f"needs exactly one of lang, datatype, ref, values (has {kinds or 'none'})",
                  "say how the cell becomes a value")
    datatype = spec.get("datatype")
    if datatype is not None and datatype not in DATATYPES:
        raise bad(f"unknown datatype {datatype!r}", f"use one of {sorted(DATATYPES)}")
    ref = spec.get("ref")
    try:
        values = {str(k): expand_curie(v) for k, v in spec["values"].items()} if "values" in spec else None
        predicate = expand_curie(spec["predicate"]) if "predicate" in spec else None
    except ValueError as e:
        raise bad(str(e), "use a known prefix") from None
    return Column(
        name=name,
        role=role,
        predicate=predicate,
        lang=spec.get("lang"),
        datatype=datatype,
        ref=None if ref is None else (() if ref == "any" else tuple(ref)),
        values=values,
        multi=bool(spec.get("multi", False)),
        required=bool(spec.get("required", False)),
    )


def _read(path: Path) -> dict:
    try:
        return yamlfile.load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise InputError([Problem(path, mark.line + 1 if mark else None, None, f"not valid YAML: {e}",
                                  "fix the YAML syntax at that line")]) from None


def _holds_a_table_of(doc: dict, data_dir: Path) -> bool:
    return any(isinstance(t, dict) and "file" in t and (data_dir / t["file"]).is_file()
               for t in (doc.get("tables") or {}).values())


def load_mapping(data_dir: Path, default: Path | None = None) -> Mapping:
    """The folder's mapping.yaml; for a folder without one, `default` (the curated mapping,
    `Settings.mapping_file`) if the folder holds a table it names (the curated tables beside an installed wheel)."""
    if data_dir.is_file():
        truth = data_dir.read_text(encoding="utf-8", errors="replace").startswith("record_id,person_key")
        raise InputError([Problem(data_dir, None, None, "this is a file, not a data folder" + (
            ": the answer file of kg synth (truth.csv), which a build must never read" if truth else ""),
            "give --data the folder of the tables (its mapping.yaml names them)")])
    path = data_dir / "mapping.yaml"
    if path.is_file():
        doc = _read(path)
    elif default is not None and default.is_file() and _holds_a_table_of(doc := _read(default), data_dir):
        path = default
    else:
        where = f" ({default})" if default is not None and default.is_file() else ""
        raise InputError([Problem(data_dir, None, None, "no mapping.yaml in this data folder",
                                  f"copy data/mapping.yaml of the project{where} and list this folder's tables in it")])
    common = doc.get("common", {})
    tables: dict[str, Table] = {}
    for name, t in (doc.get("tables") or {}).items():
        specs = {**common, **(t.get("columns") or {})}
        tables[name] = Table(
            name=name,
            file=data_dir / t["file"],
            kind=t["kind"],
            cls=expand_curie(t["class"]),
            columns={c: _column(path, name, c, s) for c, s in specs.items()},
        )
    for table in tables.values():
        for col in table.columns.values():
            for target in col.ref or ():
                if target not in tables:
                    raise InputError([Problem(path, None, None,
                                              f"table '{table.name}', column '{col.name}' refers to unknown table {target!r}",
                                              f"use one of {sorted(tables)} or `any`")])
    claims = doc.get("claims")
    return Mapping(
        path=path,
        dataset=str(doc.get("dataset", data_dir.name)),
        tables=tables,
        claims_file=data_dir / claims["file"] if claims else None,
    )

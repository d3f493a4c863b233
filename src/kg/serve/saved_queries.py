"""The saved queries of `queries/*.rq` and their header: `# title:`, `# description:` and
`# param: NAME TYPE DEFAULT DESCRIPTION` lines (DEFAULT `-` = none: the variable stays unbound)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

PARAM_TYPES = ("iri", "string", "integer", "decimal", "boolean", "date")
RESERVED = ("limit", "offset", "format")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class SavedQueryError(ValueError):
    pass


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None
    description: str


@dataclass(frozen=True)
class SavedQuery:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path


def parse_saved_query(path: Path) -> SavedQuery:
    text = path.read_text(encoding="utf-8")
    title = description = ""
    params: list[Param] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break  # the header ends at the first line of SPARQL
            continue
        key, sep, value = stripped.lstrip("#").strip().partition(":")
        if not sep:
            continue
        key, value = key.strip().lower(), value.strip()
        if key == "title":
            title = value
        elif key == "description":
            description = value
        elif key == "param":
            fields = value.split(None, 3)
            where = f"{path}:{number}"
            if len(fields) < 3:
                raise SavedQueryError(f"{where}: write '# param: NAME TYPE DEFAULT DESCRIPTION' (DEFAULT '-' for none)")
            name, ptype, default = fields[:3]
            if not _NAME.match(name) or name in RESERVED:
                raise SavedQueryError(f"{where}: parameter name {name!r} must be an identifier and not one of {RESERVED}")
            if ptype not in PARAM_TYPES:
                raise SavedQueryError(f"{where}: unknown parameter type {ptype!r}; use one of {', '.join(PARAM_TYPES)}")
            params.append(Param(name, ptype, None if default == "-" else default, fields[3] if len(fields) > 3 else ""))
    if not title:
        raise SavedQueryError(f"{path}:1: the header needs a '# title: …' line")
    return SavedQuery(path.stem, title, description, tuple(params), text, path)


def load_saved_queries(directory: Path) -> list[SavedQuery]:
    if not directory.is_dir():
        return []
    return [parse_saved_query(p) for p in sorted(directory.glob("*.rq"))]

"""Reading the project's YAML data files (patterns, word lists, mappings, tables) as YAML 1.2 reads them.

PyYAML implements YAML 1.1, where `on`, `off`, `yes`, `no`, `y` and `n` are booleans: in a list of
prepositions `[in, on, by]` the `on` silently became `True`, and a key `on:` the key `True`. Our files are
written for people who read `on` as a word, so only `true` and `false` (any case) are booleans here, as in
the YAML 1.2 core schema; everything else is as PyYAML's safe loader reads it."""

from __future__ import annotations

import re
from typing import IO, Any

import yaml


class _Loader(yaml.SafeLoader):
    """The safe loader with YAML 1.2 booleans."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))


def load(stream: str | bytes | IO[str] | IO[bytes]) -> Any:
    """The data of one YAML document, with YAML 1.2 booleans."""
    return yaml.load(stream, Loader=_Loader)  # noqa: S506 - a subclass of SafeLoader

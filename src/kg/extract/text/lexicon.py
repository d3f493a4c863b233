"""The word lists of `lexicon.yaml`, loaded once, with the regular expressions built from them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

LEXICON_FILE = Path(__file__).with_name("lexicon.yaml")


def alternation(words) -> str:
    """A regex alternation of literal words, longest first (so 'a little more than' beats 'more than')."""
    return _alternation(tuple(words))


@cache
def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class Lexicon:
    data: dict

    def __getitem__(self, key: str):
        return self.data[key]

    @property
    def place_aliases(self) -> dict[str, tuple[str, str]]:
        """alias -> (canonical label, class)."""
        out: dict[str, tuple[str, str]] = {}
        for label, spec in self.data["places"].items():
            for alias in [label, *spec.get("aliases", [])]:
                out[alias] = (label, spec["class"])
        return out


@cache
def load() -> Lexicon:
    with LEXICON_FILE.open(encoding="utf-8") as f:
        return Lexicon(yaml.safe_load(f))

"""The word lists of `lexicon.yaml`, loaded once, with the regular expressions built from them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from kg import yamlfile

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

    @cached_property
    def place_aliases(self) -> dict[str, tuple[str, str]]:
        """alias -> (canonical label, class). (Computed once: readers ask for it per paragraph.)"""
        out: dict[str, tuple[str, str]] = {}
        for label, spec in self.data["places"].items():
            for alias in [label, *spec.get("aliases", [])]:
                out[alias] = (label, spec["class"])
        return out


    @cached_property
    def settlements(self) -> tuple[str, ...]:
        """The names (aliases too) of the settlements the lexicon knows."""
        return tuple(alias for alias, (_, cls) in self.place_aliases.items() if cls == "Settlement")

    @cached_property
    def not_person_words(self) -> frozenset[str]:
        """Words that are no part of a person's name: places, peoples, languages, heads of bodies, common nouns."""
        return frozenset(set(self.data["not_surnames"]) | set(self.data["org_heads"]) | set(self.data["demonyms"])
                         | set(self.data["languages"]) | set(self.data["not_name_words"]) | set(self.place_aliases))

    @cached_property
    def rank_words(self) -> frozenset[str]:
        """The words of military ranks, lower-cased ("private", "first", "class", "sergeant")."""
        return frozenset(w.lower() for rank in self.data["military_ranks"] for w in rank.split())

    @cached_property
    def not_place_words(self) -> frozenset[str]:
        """Words after "in" that are no place: peoples, languages, scripts, heads of bodies, stop words."""
        return frozenset(set(self.data["demonyms"]) | set(self.data["languages"]) | set(self.data["org_heads"])
                         | set(self.data["not_surnames"]) | set(self.data["scripts"]))

    @cached_property
    def not_acronyms(self) -> frozenset[str]:
        """Capitals that name no body unknown to the lexicon: places, and `not_org_acronyms`."""
        return frozenset(set(self.data["not_org_acronyms"]) | set(self.place_aliases))


@cache
def load() -> Lexicon:
    with LEXICON_FILE.open(encoding="utf-8") as f:
        return Lexicon(yamlfile.load(f))

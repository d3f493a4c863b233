"""The searchable strings of one entity: `terms(facts, person)` -> ({normalised text: as written}, {keys}).

Texts: its names as written (labels, alt labels, family and given names), a two-part name also swapped, camp
numbers with the words written before them ("99", "camp 99", "лагерь 99"), birth years; a person's names
include its records' (`feed`). A person that lacks a label in some script (a curated one, say) is also spelled
in every script of `kg.names`; a linked person already carries them (the linkage labels it).

Keys: the phonetic key of each name, the same in every script. A name in kanji is keyed by its reading: the
entity's kana label when it has one (given beats guessed), else the reading `kg.names` guesses."""

from __future__ import annotations

from functools import lru_cache

from kg.names import labels

from .feed import Facts
from .text import has_kanji, name_key, normalize

NUMBER_WORDS = ("camp", "лагерь", "№")
SCRIPTS = ("ja-hira", "ja-latn", "ru")  # the tags kg.names spells a person in (lower case)


@lru_cache(maxsize=1 << 18)  # a registry repeats its names: read each spelling once
def name_labels(name: str) -> tuple[str, ...]:
    """A name written in every script kg.names knows (kanji readings, kana, Hepburn, Polivanov)."""
    return tuple(labels(name).values())


def _spelled(facts: Facts) -> bool:
    tags = {tag.lower() for tag in facts.labels}
    return all(script in tags for script in SCRIPTS)


def terms(facts: Facts, person: bool) -> tuple[dict[str, str], dict[str, str]]:
    """({normalised text: as written}, {phonetic key: a name as written that has it}) of one entity."""
    written = set(facts.names)
    keys: dict[str, str] = {}
    if person:
        if not _spelled(facts):
            for name in facts.names:
                written |= set(name_labels(name))
        has_kana = any(tag.lower() == "ja-hira" for tag in facts.labels)
        for name in sorted(facts.names):
            if has_kana and has_kanji(name):
                continue
            parts = name.split()
            keys.setdefault(name_key(name), name)
            if len(parts) == 2:
                swapped = f"{parts[1]} {parts[0]}"
                keys.setdefault(name_key(swapped), swapped)
        for name in list(written):
            parts = name.split()
            if len(parts) == 2:
                written.add(f"{parts[1]} {parts[0]}")
        keys.pop("", None)
    for n in facts.numbers:
        written |= {n} | {f"{w} {n}" for w in NUMBER_WORDS}
    texts: dict[str, str] = {}
    for text in sorted(written | facts.years):
        norm = normalize(text)
        if norm:
            texts.setdefault(norm, text)
    return texts, keys

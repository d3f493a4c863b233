"""Russian declension undone with pymorphy3 (dictionary bundled in pymorphy3-dicts-ru): a camp or place name
declined in running text back to the nominative (Карагандой -> Караганда, Спасском -> Спасский).
Japanese names are indeclinable in Russian (Ямамото, Такеси): a word pymorphy3 does not know, or one of whose
readings is already nominative, is returned as it is."""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def analyzer() -> Any:
    """The pymorphy3 analyzer, built once on first use."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def nominative(word: str) -> str:
    """`word` in the nominative, same number, capitalised as written."""
    morph = analyzer()
    found = morph.parse(word)
    if not morph.word_is_known(word) or any(p.tag.case == "nomn" for p in found):
        return word
    best = max(found, key=lambda p: (p.score, "Geox" in p.tag))
    inflected = best.inflect({"nomn"})
    lemma = inflected.word if inflected else best.normal_form
    return lemma[:1].upper() + lemma[1:] if word[:1].isupper() else lemma

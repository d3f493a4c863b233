"""Kana <-> Cyrillic by the Polivanov system, and back from what Soviet clerks wrote by ear: ши/чи/дж for
し/ち/じ, з for дз, е for э, long vowels doubled (Сатоо) or dropped, й for い after a vowel, нъ with or without ъ.

Polivanov choices made here (the published table): え-row э in every position (Такэси, Сэндай); ん is м
before б/п/м (Симбаси), нъ before a vowel or я/ю/ё (Синъити), else н; い after a, u, e, o is й (Кэйко, Ойта);
long vowels are not marked (Сато, Итиро); ii is kept (Ниигата)."""

from __future__ import annotations

from .kana import System, parse
from .romaji import written

POLIVANOV = System("polivanov", diphthong_i="й", nasal_labial="м", nasal_before_vowel="нъ")
POLIVANOV_NO_SIGN = System("polivanov", diphthong_i="й", nasal_labial="м", nasal_before_vowel="н")


def polivanov(kana: str, hard_sign: bool = True) -> str:
    """Polivanov Cyrillic: やまもと たけし -> "Ямамото Такэси"; `hard_sign=False` writes ん before a vowel as н
    (Синити), as much non-academic print does."""
    return written(kana, POLIVANOV if hard_sign else POLIVANOV_NO_SIGN)


def cyrillic_to_kana(text: str) -> str:
    """Polivanov Cyrillic or a clerk's variant -> hiragana, parts separated by a space
    ("Ямамото Такеси" -> "やまもと たけし", "Сатоо Ичиро" -> "さとお いちろ")."""
    return parse(text, "cyrl")

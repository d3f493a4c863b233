"""Kana <-> Latin script: modified Hepburn (with or without macrons), Kunrei-shiki, and the way back from any
of them (also wapuro ou/oo/uu, passport oh, Nihon-shiki di/du/wo) for queries typed in Latin script."""

from __future__ import annotations

from functools import cache

from .kana import System, hiragana, parse, parts, render_word

MACRON = {"a": "ā", "i": "ī", "u": "ū", "e": "ē", "o": "ō"}
CIRCUMFLEX = {"a": "â", "i": "î", "u": "û", "e": "ê", "o": "ô"}
HEPBURN = System("hepburn", long_mark=MACRON)
HEPBURN_PLAIN = System("hepburn")
KUNREI = System("kunrei", long_mark=CIRCUMFLEX)
KUNREI_PLAIN = System("kunrei")


def written(kana: str, system: System) -> str:
    """A name in kana written in `system`, each part capitalised ("やまもと たけし" -> "Yamamoto Takeshi")."""
    return " ".join(w[:1].upper() + w[1:] for w in (render_word(p, system) for p in parts(hiragana(kana))) if w)


def hepburn(kana: str, macrons: bool = True) -> str:
    """Modified Hepburn: さとう いちろう -> "Satō Ichirō"; with `macrons=False` the length is dropped, as most
    lists and passports write it ("Sato Ichiro"); ii and ei are kept (Niigata, Keiko); ん before a vowel is n'."""
    return written(kana, HEPBURN if macrons else HEPBURN_PLAIN)


def kunrei(kana: str, circumflex: bool = True) -> str:
    """Kunrei-shiki (ISO 3602): さとう いちろう -> "Satô Itirô"; `circumflex=False` drops the length."""
    return written(kana, KUNREI if circumflex else KUNREI_PLAIN)


def romaji_to_kana(text: str) -> str:
    """Hepburn, Kunrei, Nihon-shiki or wapuro romaji -> hiragana, parts separated by a space.
    A macron or circumflex vowel is read as two kana (ō -> おう, ā -> ああ); "oh" before a consonant as おう
    (Satoh); m before b/p/m as ん. Ambiguous spellings get one reading: "Shinichi" -> しにち (しんいち needs
    "Shin'ichi"); match_key folds the two."""
    return parse(text, "latn")


@cache
def is_hepburn(word: str) -> bool:
    """Is the word Japanese written in Hepburn ("Genzō", "Kiyoshi", "Naoko"), with or without macrons? It is when the
    kana it reads as are written back the same; "Temirtau" (r before t), "Abenov" and "Lukyanenko" are not."""
    word = word.lower()
    kana = romaji_to_kana(word)
    return len(word) >= 3 and bool(kana) and word in {hepburn(kana).lower(), hepburn(kana, macrons=False).lower()}

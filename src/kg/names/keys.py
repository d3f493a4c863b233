"""Phonetic keys for blocking and matching: one key for every script and variant of a name.

`match_key` reads a name to kana (kanji by fugashi's best reading, kana as is, Cyrillic and Latin by their
tables), then drops what clerks and romanisations disagree on: vowel length (ー, おう/おお/うう/ああ/ええ, and
えい/いい, so Кэйко = Кэко = Keiko), the ん-separator (Shin'ichi = Shinichi = Синити), and writes the rest in
Kunrei letters, which have one spelling per kana (し = si whether written shi, си or ши). `loose_key` also
folds voiced/voiceless pairs (g/k, z/s, d/t, b/p/h) and doubled consonants (Хатори = Хаттори)."""

from __future__ import annotations

from functools import lru_cache

from .cyrillic import cyrillic_to_kana
from .kana import (
    BARE_VOWELS,
    System,
    has_cyrillic,
    has_kanji,
    hiragana,
    is_kana,
    parts,
    render_word,
    units,
    vowel,
)
from .readings import best_reading
from .romaji import romaji_to_kana

KEY_SYSTEM = System("kunrei", nasal_before_vowel="n")
SAME_VOWEL = {("a", "a"), ("i", "i"), ("u", "u"), ("e", "e"), ("o", "o"), ("o", "u"), ("e", "i")}
LOOSE = str.maketrans({"g": "k", "z": "s", "d": "t", "b": "h", "p": "h"})


def kana_of(name: str) -> str:
    """The kana (hiragana) of a name in any script: the best reading for kanji."""
    if has_kanji(name):
        return best_reading(name)
    if is_kana(name):
        return " ".join(parts(hiragana(name)))
    if has_cyrillic(name):
        return cyrillic_to_kana(name)
    return romaji_to_kana(name)


def kana_key(word: str) -> str:
    """The key of one word of kana: length dropped, then Kunrei letters without the n' separator."""
    kept, prev = [], ""
    for u in units(word):
        if u == "ー" or (u in BARE_VOWELS and (prev, BARE_VOWELS[u]) in SAME_VOWEL):
            continue  # a long vowel; prev stays, so おおお is one o
        kept.append(u)
        prev = vowel(u)
    return render_word("".join(kept), KEY_SYSTEM)


@lru_cache(maxsize=1 << 16)
def match_key(name: str) -> tuple[str, ...]:
    """The key of each part of a name, in the order written ("Ямамото Такеси" -> ("yamamoto", "takesi"));
    () when nothing could be read. A missing given name gives one part: block on the first."""
    return tuple(k for k in (kana_key(p) for p in parts(kana_of(name))) if k)


def loose_key(name: str) -> tuple[str, ...]:
    """`match_key` with voicing and doubled consonants folded ("Ямамото Такеси" -> ("yamamoto", "takesi"),
    "Кадзуо" = "Касуо" -> "kasuo", "Хатори" = "Хаттори" -> "hatori")."""
    return tuple(_undouble(k.translate(LOOSE)) for k in match_key(name))


def unordered_key(name: str, loose: bool = False) -> tuple[str, ...]:
    """The part keys sorted, for lists that swap family and given name (Takeshi Yamamoto = Ямамото Такеси)."""
    return tuple(sorted(loose_key(name) if loose else match_key(name)))


def _undouble(key: str) -> str:
    return "".join(c for i, c in enumerate(key) if i == 0 or c != key[i - 1] or c in "aiueo")

"""Kana units and the two generic engines every script shares: `render` (kana -> a script, by a table
column plus the context rules of that system) and `parse` (a script -> kana, by greedy longest match).

The tables are data (kana.yaml, variants.yaml); the rules that depend on a neighbour are here:
ん (n / n' / м / нъ), っ (a doubled consonant), ー and long vowels (macron, circumflex or dropped), and い
after a vowel (Polivanov й)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from kg import yamlfile

VOWELS = "aiueo"
BARE_VOWELS = {"あ": "a", "い": "i", "う": "u", "え": "e", "お": "o"}
LONG_PAIRS = {("a", "a"), ("u", "u"), ("o", "o"), ("o", "u"), ("e", "e")}  # what Hepburn writes with a macron
SEPARATORS = re.compile(r"[\s\u3000・·,]+")


def hiragana(text: str) -> str:
    """NFKC (half-width katakana, full-width Latin) and katakana folded to hiragana; ー is kept."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


KANA = re.compile("[ぁ-ゖァ-ヺ]")
KANJI = re.compile("[\u4e00-\u9fff\u3400-\u4dbf々〆ヶ]")
CYRILLIC = re.compile("[\u0400-\u04ff]")


def is_kana(text: str) -> bool:
    return KANA.search(text) is not None


def has_kanji(text: str) -> bool:
    return KANJI.search(text) is not None


def has_cyrillic(text: str) -> bool:
    return CYRILLIC.search(text) is not None


def parts(text: str) -> list[str]:
    """A name split into its parts (family, given, …) on spaces, ideographic spaces and middle dots."""
    return [p for p in SEPARATORS.split(text.strip()) if p]


def _data(name: str) -> dict:
    with resources.files(__package__).joinpath(name).open(encoding="utf-8") as f:
        return yamlfile.load(f)


@cache
def table() -> dict[str, dict[str, str]]:
    """kana unit -> {"hepburn": …, "kunrei": …, "polivanov": …} from kana.yaml."""
    return {kana: {"hepburn": h, "kunrei": k, "polivanov": p} for kana, (h, k, p) in _data("kana.yaml")["kana"].items()}


@cache
def reverse(script: str) -> dict[str, str]:
    """spelling -> kana for `script` ("latn" or "cyrl"): the table's columns (earlier rows win), then the
    variants of variants.yaml, then (Cyrillic) every э-syllable also with е."""
    columns = ("hepburn", "kunrei") if script == "latn" else ("polivanov",)
    found: dict[str, str] = {}
    for column in columns:
        for kana, spellings in table().items():
            found.setdefault(spellings[column], kana)
    for spelling, kana in _data("variants.yaml")[script].items():
        found.setdefault(spelling, kana)
    if script == "cyrl":
        for spelling, kana in list(found.items()):
            if spelling.endswith("э"):
                found.setdefault(spelling[:-1] + "е", kana)
    return found


def units(word: str) -> list[str]:
    """Kana units of one word: yoon pairs (きゃ) before single kana; っ, ー and unknown characters as they are."""
    known, out, i = table(), [], 0
    while i < len(word):
        step = 2 if word[i:i + 2] in known else 1
        out.append(word[i:i + step])
        i += step
    return out


def vowel(unit: str) -> str:
    """The vowel a kana unit ends in ("" for ん, っ, ー and non-kana)."""
    spelling = table().get(unit, {}).get("hepburn", "")
    return spelling[-1] if spelling and spelling[-1] in VOWELS else ""


@dataclass(frozen=True)
class System:
    """How one script writes what the table cannot: the column, a long vowel, ん, っ."""
    column: str
    long_mark: dict[str, str] | None = None  # vowel -> its long form (ā); None: long vowels are dropped
    diphthong_i: str = ""  # Polivanov: い after a, u, e, o is written й
    nasal_labial: str = ""  # ん before b/p/m (Polivanov м)
    nasal_before_vowel: str = "n'"  # ん before a vowel or y (Hepburn/Kunrei n', Polivanov нъ before я/ю/ё too)

    def nasal(self, following: str) -> str:
        plain = self.table_nasal
        if not following:
            return plain
        if self.nasal_labial and following[0] in "бпм":
            return self.nasal_labial
        if following[0] in VOWELS + "yаиуэоеяюё":
            return self.nasal_before_vowel
        return plain

    @property
    def table_nasal(self) -> str:
        return table()["ん"][self.column]

    def geminate(self, following: str) -> str:
        if not following or following[0] in VOWELS + "аиуэоеяюё":
            return ""
        return "t" if following.startswith("ch") else following[0]


def render_word(word: str, system: System) -> str:
    """One word of kana in `system` (lower case)."""
    us = units(word)
    out: list[str] = []
    spell = [table()[u][system.column] if u in table() else "" for u in us]
    prev = ""  # the vowel of the previous unit, when it was a mora
    for i, u in enumerate(us):
        following = spell[i + 1] if i + 1 < len(us) else ""
        if u == "っ":
            out.append(system.geminate(following))
            prev = ""
        elif u == "ー":
            if prev and out:
                out[-1] = _lengthen(out[-1], prev, system)
        elif u == "ん":
            out.append(system.nasal(following))
            prev = ""
        elif u in BARE_VOWELS and prev and (prev, BARE_VOWELS[u]) in LONG_PAIRS and not _vowel_follows(us, i):
            out[-1] = _lengthen(out[-1], prev, system)
            prev = ""
        elif u == "い" and prev in "aueo" and prev and system.diphthong_i:
            out.append(system.diphthong_i)
            prev = ""
        else:
            out.append(spell[i] if u in table() else u)
            prev = vowel(u)
    return "".join(out)


def _vowel_follows(us: list[str], i: int) -> bool:
    """う or お followed by a bare vowel starts a syllable (いのうえ Inoue), it does not lengthen; before い it
    does, as names write it (しゅういち Shūichi, こういち Kōichi: -ichi begins a new part of the name)."""
    return BARE_VOWELS.get(us[i]) in ("u", "o") and i + 1 < len(us) and us[i + 1] in BARE_VOWELS and \
        us[i + 1] != "い"


def _lengthen(written: str, v: str, system: System) -> str:
    """The last written unit with its vowel made long (macron/circumflex), or as it is when length is dropped."""
    if system.long_mark is None or not written:
        return written
    return written[:-1] + system.long_mark[v] if written[-1] in VOWELS else written


LATIN_LONG = str.maketrans({"ā": "aa", "â": "aa", "ī": "ii", "î": "ii", "ū": "uu", "û": "uu",
                            "ē": "ee", "ê": "ee", "ō": "ou", "ô": "ou"})
OH_LONG = re.compile(r"oh(?![aiueoy])")
GEMINATE_PAIRS = {("t", "c"), ("т", "ц"), ("т", "ч")}
SKIPPED = set("'’`ʼ-‐ъь\u0304")


def parse(text: str, script: str) -> str:
    """Latin (`script="latn"`) or Cyrillic (`"cyrl"`) text -> hiragana, word by word (words joined by a space).
    Greedy longest match on `reverse(script)`; a doubled consonant (not n/m) is っ; unknown letters are dropped."""
    found = reverse(script)
    longest = max(map(len, found))
    words = []
    for word in parts(unicodedata.normalize("NFC", text).lower()):
        if script == "latn":
            word = OH_LONG.sub("ou", word.translate(LATIN_LONG))
        out, i = [], 0
        while i < len(word):
            c, n = word[i], word[i + 1:i + 2]
            if c in SKIPPED:
                i += 1
                continue
            if n and c not in VOWELS + "аиуэоеяюёнмnmй" and (c == n or (c, n) in GEMINATE_PAIRS):
                out.append("っ")
                i += 1
                continue
            for size in range(min(longest, len(word) - i), 0, -1):
                if word[i:i + size] in found:
                    out.append(found[word[i:i + size]])
                    i += size
                    break
            else:
                i += 1
        if out:
            words.append("".join(out))
    return " ".join(words)

"""One normalisation for what is indexed and what is asked: NFKC, case folded, marks dropped from Latin letters
only (Satō = Sato; が, й keep theirs), ё = е, punctuation as space, "No."/"N"/"№" before a number dropped
("Camp No. 99" = "лагерь № 99" ≈ "camp 99")."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kg.names import has_kanji, match_key

NUMBER_SIGN = re.compile(r"(?:(?<=\s)|^)(?:no|nr|n|№)\s*(?=\d)")
PUNCTUATION = re.compile(r"[^\w\s]+")
SPACE = re.compile(r"\s+")
LATIN_MARKS = re.compile("(?<=[\\x00-\u024f])[\u0300-\u036f]+")  # marks on Latin letters (ō, é), not on й or が


@lru_cache(maxsize=1 << 16)  # names repeat across a registry (and queries in a server): most are seen before
def normalize(text: str) -> str:
    if text.isascii():  # most of a registry: no forms, marks or ё to fold
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
        text = unicodedata.normalize("NFC", LATIN_MARKS.sub("", text)).replace("ё", "е")
    text = PUNCTUATION.sub(" ", text.replace("№", " № ")).replace("_", " ")
    text = NUMBER_SIGN.sub("", SPACE.sub(" ", text).strip())
    return SPACE.sub(" ", text).strip()


def name_key(text: str) -> str:
    """The phonetic key of a name in any script, parts joined without space ("Satō Masao" = "さとうまさお" =
    "Сато Масао" -> "satomasao"); "" when it cannot be read. Kana, Latin and Cyrillic read word by word, so
    each word of a registry is read once; kanji is read whole (its reading depends on where the words split)."""
    words = text.split()
    if len(words) > 1 and not has_kanji(text):
        return "".join(_key(w) for w in words)
    return _key(text)


@lru_cache(maxsize=1 << 16)
def _key(text: str) -> str:
    return "".join(match_key(text))


def deletes(word: str) -> set[str]:
    """The word with each one character left out (a typo's neighbourhood: two words one edit apart share one)."""
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def fts_phrase(text: str) -> str:
    """`text` as one FTS5 string (a phrase: the trigram tokenizer matches it as a substring)."""
    return '"' + text.replace('"', '""') + '"'

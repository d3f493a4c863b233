"""One normalisation for what is indexed and what is asked: NFKC, case folded, marks dropped from Latin letters
only (Satō = Sato; が, й keep theirs), ё = е, punctuation as space, "No."/"N"/"№" before a number dropped
("Camp No. 99" = "лагерь № 99" ≈ "camp 99")."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kg.names import match_key

NUMBER_SIGN = re.compile(r"(?:(?<=\s)|^)(?:no|nr|n|№)\s*(?=\d)")
PUNCTUATION = re.compile(r"[^\w\s]+")
SPACE = re.compile(r"\s+")
LATIN_END = 0x024F


@lru_cache(maxsize=1 << 18)  # names repeat across a registry: most calls are for a text seen before
def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    kept: list[str] = []
    for ch in text:
        if unicodedata.combining(ch) and kept and ord(kept[-1]) <= LATIN_END:
            continue
        kept.append(ch)
    text = unicodedata.normalize("NFC", "".join(kept)).replace("ё", "е")
    text = PUNCTUATION.sub(" ", text.replace("№", " № ")).replace("_", " ")
    text = NUMBER_SIGN.sub("", SPACE.sub(" ", text).strip())
    return SPACE.sub(" ", text).strip()


@lru_cache(maxsize=1 << 18)
def name_key(text: str) -> str:
    """The phonetic key of a name in any script, parts joined without space ("Satō Masao" = "さとうまさお" =
    "Сато Масао" -> "satomasao"); "" when it cannot be read."""
    return "".join(match_key(text))


def trigrams(text: str) -> list[str]:
    return sorted({text[i:i + 3] for i in range(len(text) - 2)})


def fts_phrase(text: str) -> str:
    """`text` as one FTS5 string (a phrase: the trigram tokenizer matches it as a substring)."""
    return '"' + text.replace('"', '""') + '"'

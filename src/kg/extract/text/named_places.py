"""Places named by the parser's entity recogniser where no pattern of `mentions` found one."""

from __future__ import annotations

from kg.extract.text.lexicon import Lexicon
from kg.extract.text.mentions import Mention
from kg.extract.text.spans import norm


def named_places(doc, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """Places the parser's named-entity recogniser finds (GPE, LOC) where no pattern found a mention; not a
    language or a demonym of the lexicon ("published in Kazakh")."""
    not_places = set(lex["languages"]) | set(lex["demonyms"])
    found = []
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC") or ent.root.dep_ in ("compound", "amod", "nmod"):
            continue  # "the Kazakh steppe": a modifier, not a place named
        words = ent.text[4:] if ent.text.startswith(("the ", "The ")) else ent.text
        start = ent.end_char - len(words)
        taken = any(m.start < ent.end_char and start < m.end for m in mentions)
        if words in not_places or not words[:1].isupper() or taken:
            continue
        found.append(Mention("place", "Place", start, ent.end_char, words, words, f"place:{norm(words)}"))
    return found

"""Mentions the parser's entity recogniser finds where no pattern of `mentions` found one: places (GPE, LOC)
and persons (PERSON) named by capitalised words.

The recogniser of a small model also calls camps, streets and steppes persons ("Steppe Camp"), so a person
must be two to four capitalised words, none of them a place, an organisation head, a title or a common noun of
`lexicon.yaml: not_name_words`. A person the recogniser names more fully than a pattern did ("Prime Minister
Kiichi" + "Miyazawa") replaces that mention and keeps its attributes.
"""

from __future__ import annotations

import re

from kg.extract.text.lexicon import Lexicon
from kg.extract.text.mentions import Mention
from kg.extract.text.spans import norm

_NAME_WORD = re.compile(r"[A-Z][a-z\u00e0-\u024f'’]+(?:-[A-Z]?[a-z\u00e0-\u024f]+)?")


def named_entities(doc, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """`mentions` with the recogniser's places and persons added (and persons it names more fully widened)."""
    found = list(mentions)
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC"):
            m = _place(ent, found, lex)
        elif ent.label_ == "PERSON":
            m = _person(ent, found, lex)
        else:
            m = None
        if m is not None:
            found.append(m)
    return sorted(found, key=lambda m: m.start)


def _place(ent, mentions: list[Mention], lex: Lexicon) -> Mention | None:
    """A place named, not a language or a demonym of the lexicon ("published in Kazakh"), nor a modifier
    ("the Kazakh steppe")."""
    if ent.root.dep_ in ("compound", "amod", "nmod"):
        return None
    words = ent.text[4:] if ent.text.startswith(("the ", "The ")) else ent.text
    start = ent.end_char - len(words)
    if words in set(lex["languages"]) | set(lex["demonyms"]) or not words[:1].isupper() or \
            any(m.start < ent.end_char and start < m.end for m in mentions):
        return None
    return Mention("place", "Place", start, ent.end_char, words, words, f"place:{norm(words)}")


def _person(ent, mentions: list[Mention], lex: Lexicon) -> Mention | None:
    words = ent.text.split()
    banned = (set(lex["not_surnames"]) | set(lex["org_heads"]) | set(lex["demonyms"]) | set(lex["languages"])
              | set(lex["not_name_words"]) | set(lex.place_aliases))
    if not 2 <= len(words) <= 4 or not all(_NAME_WORD.fullmatch(w) for w in words) or \
            any(w in banned or w.lower() in banned for w in words):
        return None
    s, e = ent.start_char, ent.end_char
    overlapping = [m for m in mentions if m.start < e and s < m.end]
    if any(m.kind != "person" or not (s <= m.start and m.end <= e) for m in overlapping):
        return None   # a pattern read these words otherwise, or already as a longer name
    if overlapping and all((m.start, m.end) == (s, e) for m in overlapping):
        return None
    attrs: dict = {}
    for m in overlapping:      # "Prime Minister Kiichi" widened to "Kiichi Miyazawa": keep its position
        attrs.update({k: v for k, v in m.attrs.items() if k == "position"})
        mentions.remove(m)
    attrs.update({"given": words[0], "surname": words[-1], "rest": words[1:-1]})
    return Mention("person", "Person", s, e, ent.text, ent.text, f"person:{words[-1].lower()}", attrs)

"""Named sites: "Mointy station", "Kounrad copper mine", "Stalin Street", "mine No. 31", "Lake Balkhash".

A site is a place (class Site) named by capitalised words before a head noun of `lexicon.yaml: site_heads`, by
such a head and a number, or by a prefix of `site_prefixes` and a name. A longer site name hides the town it
contains ("Mointy" in "Mointy station"): the station is what the text names there.
"""

from __future__ import annotations

import re

from kg.extract.text.lexicon import Lexicon, alternation

_NAME = r"[A-Z][a-z\u00e0-\u024f]+(?:-[A-Z][a-z\u00e0-\u024f]+)*"


def sites(text: str, lex: Lexicon) -> list[tuple[int, int, str]]:
    """(start, end, class) of every site named in the text."""
    heads = alternation(lex["site_heads"])
    out = []
    named = re.compile(rf"(?<![\w-])((?:{_NAME}\s+){{0,2}}{_NAME})\s+({heads})\b(?!\s+(?:No\.|N\s?\d|of\b))")
    for m in named.finditer(text):
        words = m.group(1).split()
        while words and words[0] in ("The", "A", "In", "At", "On", "From", "To", "Near", "By"):
            words = words[1:]
        if not words or words[0] in lex["demonyms"] and len(words) == 1 and m.group(2)[0].islower():
            continue   # "the Japanese cemetery": a kind of site, not a name
        start = m.end(1) - len(" ".join(words))
        out.append((start, m.end(), "Site"))
    numbered = re.compile(rf"\b({heads})\s+(?:No\.|N)\s?(\d+[A-Za-z]?)\b")
    for m in numbered.finditer(text):
        out.append((m.start(), m.end(), "Site"))
    for m in re.finditer(rf"\b(?:{alternation(lex['site_prefixes'])})\s+{_NAME}\b", text):
        out.append((m.start(), m.end(), "GeographicArea"))
    return out

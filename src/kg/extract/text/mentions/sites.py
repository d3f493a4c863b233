"""Named sites: "Mointy station", "Kounrad copper mine", "Stalin Street", "mine No. 31", "Lake Balkhash".

A site is a place (class Site) named by capitalised words before a head noun of `lexicon.yaml: site_heads`, by
such a head and a number, or by a prefix of `site_prefixes` and a name. A longer site name hides the town it
contains ("Mointy" in "Mointy station"): the station is what the text names there.

A site described by its noun and its place ("the international cemetery at Spassk": `described_site_heads`) is a
mention of the noun and its modifiers only, so that the place stays a mention of its own and the location
pattern relates the two; it is labelled as written and as "Spassk cemetery", its key, so that a later "Spassk
cemetery" is the same site.
"""

from __future__ import annotations

import re

from kg.extract.text.lexicon import Lexicon, alternation
from kg.extract.text.mentions.mention import Mention
from kg.extract.text.spans import norm

_NAME = r"[A-Z][a-z\u00e0-\u024f]+(?:-[A-Z][a-z\u00e0-\u024f]+)*"


def sites(text: str, lex: Lexicon) -> list[tuple[int, int, str]]:
    """(start, end, class) of every site named in the text."""
    heads = alternation(lex["site_heads"])
    out = []
    # "Spassk camp cemetery", "Aktau Japanese cemetery", "Spassk central hospital": a word or two may come between
    between = rf"(?:(?:camp|central|old|new|main|former|military|regional|city|district|{_NAME}ese)\s+){{0,2}}"
    # (on one line: a heading "History" over "The hospital was ..." names nothing)
    named = re.compile(rf"(?<![\w-])((?:{_NAME}[ \t]+){{0,2}}{_NAME}(?:(?<=s)['’])?)[ \t]+({between}(?:{heads}))\b"
                       rf"(?!\s+(?:No\.|N\s?\d|of\b))")   # ("Miners' Palace of Culture": a possessive plural)
    for m in named.finditer(text):
        words = m.group(1).split()
        while words and words[0] in ("The", "A", "In", "At", "On", "From", "To", "Near", "By"):
            words = words[1:]
        if not words or words[0] in lex["demonyms"] and len(words) == 1 and m.group(2)[0].islower():
            continue   # "the Japanese cemetery": a kind of site, not a name
        start = m.end(1) - len(" ".join(words))
        out.append((start, m.end(), "Site"))
    numbered = re.compile(rf"\b((?i:{heads}))\s+(?:No\.|N)\s?(\d+[A-Za-z]?(?:-bis)?)(?![\w-])")   # "Mine No. 33-bis"
    for m in numbered.finditer(text):
        out.append((m.start(), m.end(), "Site"))
    for m in re.finditer(rf"\b(?:{alternation(lex['site_prefixes'])})\s+{_NAME}\b", text):
        out.append((m.start(), m.end(), "GeographicArea"))
    return out


def described_sites(text: str, lex: Lexicon, places: list[Mention]) -> list[Mention]:
    """The sites a text names by a common noun and the place after it: "the cemetery at Spassk"."""
    heads = alternation(lex["described_site_heads"])
    before = re.compile(rf"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)\s+((?:(?:[a-z]+|[A-Z][a-z]+ese)\s+){{0,2}}?({heads}))"
                        rf"\s+(?:at|in|near)\s+(?:the\s+(?:town|city|village|settlement)\s+of\s+)?$")
    out = []
    for p in places:
        m = before.search(text, max(0, p.start - 80), p.start)
        if not m or m.group(1).split()[0] in ("other", "same", "only", "many", "several", "two", "three"):
            continue
        plural = m.group(2).endswith("ies")
        if plural and re.match(r"\s*(?:,|and\b|or\b)", text[p.end:]):
            continue   # "the cemeteries at Dolinka and Spassk": one for each place, which a mention cannot be
        short = f"{p.text} {m.group(2).removesuffix('ies') + 'y' if plural else m.group(2)}"
        label = short if plural else text[m.start(1):p.end]   # "the cemeteries at Dolinka": one of them
        out.append(Mention("place", "Site", m.start(1), m.end(1), text[m.start(1):m.end(1)], label,
                           f"place:{norm(short)}", names=[short]))
    return out

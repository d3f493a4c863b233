"""Places named in prose: the lexicon's places, "X region/Krai/Prefecture", and their aliases."""

from __future__ import annotations

import re

from kg.extract.text.lexicon import Lexicon, alternation
from kg.extract.text.mentions.mention import CAP, Mention, mention_at


def places(text: str, lex: Lexicon) -> list[Mention]:
    out: list[Mention] = []
    aliases = lex.place_aliases
    followers = set(lex["adjectival_followers"])
    region = re.compile(
        rf"\b({CAP}(?:[ -]{CAP})?)\s+(Economic Region|region|Region|oblast|Oblast|Krai|krai|Territory|Province|"
        rf"province|district|District|Prefecture|prefecture|Governorate|governorate|Guberniya|guberniya|Uyezd|uyezd|"
        rf"raion|Raion)\b")
    for m in region.finditer(text):
        name = m.group(1)
        if name.split()[0] in lex["not_surnames"] or name in lex["demonyms"]:
            continue
        label = f"{name} {m.group(2)}"
        known = aliases.get(label)
        if known:
            label = known[0]
        mention = mention_at("place", "Region", m, text, label)
        # "the Novy Gorod district of Karaganda": a city's district, also named with its city
        of = re.match(rf"\s+of\s+({CAP}(?:-{CAP})?)\b(?!\s+(?:oblast|region|Region|Oblast))", text[m.end():])
        if m.group(2).lower() in ("district", "raion") and of:
            mention.names.append(f"{label} of {of.group(1)}")
        out.append(mention)
    # "Central Kazakhstan", "north-eastern Kazakhstan": a part of a country named by its direction
    for m in re.finditer(r"\b(?:[Ee]astern|[Ww]estern|[Nn]orthern|[Ss]outhern|[Cc]entral|(?:[Nn]orth|[Ss]outh)-(?:[Ee]astern|"
                         r"[Ww]estern))\s+(" + CAP + r")\b", text):
        if m.group(1) in aliases and m.group(0) not in aliases:
            out.append(mention_at("place", "GeographicArea", m, text, m.group(0)))
    for m in re.finditer(rf"\b(?:city|town|village|settlement|station|port|township)\s+of\s+({CAP}(?:-{CAP})?"
                         rf"(?:\s(?!(?:In|On|At|The|And|Region|Oblast|District)\b){CAP})?)\b",
                         text):   # "the village of Krasnaya Polyana": two words
        label = aliases.get(m.group(1), (m.group(1), "Settlement"))[0]
        out.append(mention_at("place", "Settlement", (m.start(1), m.end(1)), text, label))
    for m in re.finditer(rf"\b({CAP}(?:[ -]{CAP})?)\s+([Cc]emetery|[Mm]emorial\s+[Cc]emetery|[Bb]urial\s+[Gg]round)\b", text):
        if m.group(1).split()[0] in lex["not_surnames"] or m.group(1) in lex["demonyms"]:
            continue
        out.append(mention_at("place", "Site", m, text, f"{m.group(1)} {m.group(2).lower()}"))
    # (a place before "-based" is one: "a Tokyo-based association")
    pat = re.compile(r"(?<![\w-])(" + alternation(list(aliases)) + r")(?![\w-](?<!-(?=based\b))|\.\w)")
    for m in pat.finditer(text):
        label, cls = aliases[m.group(1)]
        nxt = re.match(r"(?:'s)?\s+([a-z]+)", text[m.end():m.end() + 30])
        if cls == "Settlement" and (nxt and nxt.group(1) in followers or
                                    re.match(r" [A-Z][a-z]", text[m.end():m.end() + 3])):
            continue
        out.append(mention_at("place", cls, m, text, label))
    # an unknown name coordinated with a known settlement after a locative: "at Dolinka and Balkhash"
    known = [m for m in out if m.cls == "Settlement"]
    bad = set(lex["not_surnames"]) | set(lex["demonyms"])
    for m in re.finditer(rf"\b(?:in|at|near)\s+({CAP})(?=\s+and\s+)", text):
        after_and = text.find(" and ", m.end(1)) + len(" and ")
        if m.group(1) in bad or m.group(1) in aliases or not any(k.start == after_and for k in known):
            continue
        out.append(mention_at("place", "Settlement", (m.start(1), m.end(1)), text, m.group(1)))
    return out


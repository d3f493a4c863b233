"""Archival units as finding aids and citations name them: "Fonds R-1138", "fonds 451", "Inventory 2", "File 1/14"
(class `ArchivalUnit`). An inventory or a file is named only by its number, so it is read as such only with a
capital ("Inventory 2", a heading or a reference) or right after its fonds ("fonds R-1684, inventory 2"); "1,247
files" is a count, not a file."""

from __future__ import annotations

import re

from kg.extract.text.mentions.mention import Mention, mention_at

FONDS = re.compile(r"\b([Ff]onds?):?\s+(?:No\.\s*)?((?:[A-ZА-Я]{1,3}-?)?\d+)\b")   # "Fond: 212" as a field
PART = re.compile(r"\b(Inventory|File|inventory|file)\s+(?:No\.\s*)?(\d+(?:/\d+)?)\b(?![.,]\d)")


def archival_units(text: str) -> list[Mention]:
    out = []
    for m in FONDS.finditer(text):
        unit = mention_at("publication", "ArchivalUnit", m, text, f"Fonds {m.group(2)}", unit="fonds")
        unit.names.append(f"{m.group(1).capitalize()} {m.group(2)}")   # "Fond 212", as the text spells it
        out.append(unit)
    for m in PART.finditer(text):
        after_fonds = any(re.fullmatch(r"\s*,\s*", text[f.end:m.start()]) for f in out)
        if m.group(1)[0].islower() and not after_fonds:
            continue
        out.append(mention_at("publication", "ArchivalUnit", m, text, f"{m.group(1).capitalize()} {m.group(2)}",
                              unit=m.group(1).lower()))
    return out

"""Archival units as finding aids and citations name them: "Fonds R-1138", "fonds 451", "Inventory 2", "File 1/14"
(class `ArchivalUnit`). An inventory or a file is named only by its number, so it is read as such only with a
capital ("Inventory 2", a heading or a reference) or right after its fonds ("fonds R-1684, inventory 2"); "1,247
files" is a count, not a file. Russian citations of a file by fond, opis' and delo ("GAPO, f. 1129, op. 1, d. 3,
l. 12"; "Ibid., d. 7" the next file of the same inventory) name the file, with the archive's acronym if given."""

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


CITED_FILE = re.compile(r"(?:\(?\b([A-Z]{2,6})\)?,?\s+)?\bf\.\s*([\w-]+),\s*op\.\s*([\w-]+),\s*d\.\s*([\w-]+)")
IBID_FILE = re.compile(r"\b[Ii]bid\.,?\s+d\.\s*([\w-]+)")


def cited_files(text: str, last: list[str] | None = None) -> list[Mention]:
    """"GAPO f. 1129, op. 1, d. 3": a file cited by its fond, inventory (opis') and number (delo), labelled as
    cited; "Ibid., d. 7" after it: file 7 of the same fond and inventory. `last` carries the last citation's
    archive, fond and inventory from one paragraph (a note) to the next."""
    last = last if last is not None else []
    found: list[tuple[int, int, str]] = []
    for m in CITED_FILE.finditer(text):
        archive = m.group(1) or (last[0] if last and last[1:3] == [m.group(2), m.group(3)] else "")
        last[:] = [archive, m.group(2), m.group(3)]
        start = m.start(1) if m.group(1) and text[m.start(1) - 1:m.start(1)] != "(" else m.start(2) - 3
        found.append((start, m.end(), f"{archive + ' ' if archive else ''}f. {m.group(2)}, op. {m.group(3)}, d. {m.group(4)}"))
    for m in IBID_FILE.finditer(text):
        if last:
            archive, fond, inventory = last
            found.append((m.start(), m.end(), f"{archive + ' ' if archive else ''}f. {fond}, op. {inventory}, d. {m.group(1)}"))
    return [Mention("publication", "ArchivalUnit", a, b, text[a:b], label, "publication:" + label.lower(),
                    {"unit": "file"}) for a, b, label in found]

"""Camps: "camp No. 99", "Spassky camp", "-lag" names, camp sections of a camp named or of the last one."""

from __future__ import annotations

import re

from kg.extract.text.lexicon import Lexicon, alternation
from kg.extract.text.mentions.mention import CAP, Mention, headword_case, mention_at
from kg.extract.text.spans import norm

_CAMP_TYPES = {"POW": "PrisonerOfWarCamp", "prisoner-of-war": "PrisonerOfWarCamp", "army": "ArmyCamp",
               "labor": "CorrectionalLabourCamp", "labour": "CorrectionalLabourCamp"}


def camps(text: str, lex: Lexicon) -> list[Mention]:
    out: list[Mention] = []
    bad = set(lex["not_surnames"]) | set(lex["demonyms"]) | {"POW", "Army", "Labour", "Labor", "Special", "Camp"}
    num = r"(?:No\.?|Nos\.?|N|№|#|[Nn]umber)\s?(\d{1,4}[a-z]?)"
    bracket = r"(?:\s*\([^()\n]{1,40}\))?"   # "camps No. 37 (Balkhash), No. 39 (Dzhezkazgan) and No. 47"
    pat = re.compile(rf"(?:\b({CAP}|POW|army|labou?r)\s+)?\b([Cc]amps?)(?:\s+|:\s*(?=No))({num}"   # "Camp: No. 41"
                     rf"(?:{bracket}\s*(?:,|and|&)\s*(?:{num}|(?!(?:1[89]|20)\d\d\b)\d{{1,4}}))*)")   # not ", 1945-1947"
    for m in pat.finditer(text):
        name = m.group(1)
        cls = _CAMP_TYPES.get(name or "", "Camp")
        if name in _CAMP_TYPES or (name and (name in lex["not_surnames"] or name in lex["demonyms"])):
            name = None
        listed = re.sub(r"\([^()]*\)", lambda b: " " * len(b.group(0)), m.group(3))   # not what brackets say
        nums = list(re.finditer(r"(?:(?:No\.?|Nos\.?|N|№|#|[Nn]umber)\s?)?(\d{1,4}[a-z]?)", listed))
        for i, nm in enumerate(nums):
            n = nm.group(1)
            s = m.start() if i == 0 else m.start(3) + nm.start()
            if i == 0 and name is None and m.group(1) and m.group(1) not in _CAMP_TYPES:
                s = m.start(2)
            e = m.start(3) + nm.end()
            label = f"{name} camp No. {n}" if name and i == 0 else f"Camp No. {n}"
            written = text[s:e]
            if i == 0 and ":" in text[m.end(2):m.start(3)]:   # a record's field "Camp: No. 41" names camp No. 41
                s, written = m.start(3), label
            mention = Mention("camp", cls, s, e, written, label, f"camp:{n}", {"number": n})
            if name and i == 0:
                mention.attrs["name"] = name
            alias = re.search(rf"\b({CAP})\s+camp\s+\($", text[max(0, s - 40):s])
            if i == 0 and alias and alias.group(1) not in bad:
                mention.names.append(f"{alias.group(1)} camp")
            kind = re.search(r"\b(transit|filtration|penal|special|officers['’]?|invalids['’]?|reception)\s+$",
                         text[max(0, s - 20):s])
            if i == 0 and kind and name is None:   # "transit camp No. 380": also named with its kind
                mention.names.append(f"{kind.group(1)} camp No. {n}")
            out.append(mention)
    # "the camp for prisoners of war No. 99": the number after what the camp is for
    # ("CAMP FOR PRISONERS OF WAR N 37 of the MVD": a reference entry's headword in capitals; also named as written)
    for m in re.finditer(r"\b(?i:camp\s+for\s+(?:foreign\s+)?(?:prisoners\s+of\s+war|POWs|internees))\s+"
                         r"(?:No\.?|N|№|#|[Nn]umber)\s?(\d{1,4}[a-z]?)\b", text):
        n = m.group(1)
        written = headword_case(m.group(0)) if m.group(0).isupper() else " ".join(m.group(0).split())
        out.append(Mention("camp", "PrisonerOfWarCamp", m.start(), m.end(), m.group(0), f"Camp No. {n}", f"camp:{n}",
                           {"number": n}, names=[written]))
    for m in re.finditer(rf"\b({CAP})\s+camp\b(?!s|\s+(?:No\.?|Nos\.?|N|№|#|[Nn]umber)\s?\d)", text):
        name = m.group(1)
        if name in bad or m.start() == 0 or re.search(r"[.!?]\s*$", text[:m.start()]):
            continue
        if re.match(r"\s*\((?:[A-Z][a-z]+lag|camp\s+(?:No\.?|N|№|[Nn]umber)\s?\d+)\)", text[m.end():m.end() + 30]):
            continue   # "Karaganda camp (Karlag)": an alias of the camp in brackets
        label = f"{name} camp"
        out.append(Mention("camp", "Camp", m.start(), m.end(), m.group(0), label, f"camp:{name.lower()}",
                           {"name": name}))
    sec = re.compile(rf"\b(?:[Cc]amp\s+)?([Ss]ection|[Dd]epartment|[Bb]ranch|[Ll]agpunkt|[Ll]agotdelenie|[Ss]ub-camp|"
                     rf"[Dd]ivision)\s+"
                     rf"(?:(?:No\.?|N|№|[Nn]umber)\s?)?"
                     rf"(\d{{1,4}}[a-z]?)\s+of\s+(?:the\s+)?(?:[Cc]amp\s+(?:No\.?|N|№|[Nn]umber)\s?(\d{{1,4}})|({CAP})\s+camp\b)")
    for m in sec.finditer(text):
        parent = m.group(3) or m.group(4).lower()
        label = f"Section No. {m.group(2)} of camp {'No. ' + m.group(3) if m.group(3) else m.group(4)}"
        mention = Mention("camp", "CampSection", m.start(), m.end(2), text[m.start():m.end(2)], label,
                          f"camp:{parent}/{m.group(2)}", {"number": m.group(2), "parent_key": f"camp:{parent}"})
        mention.names.append(" ".join(m.group(0).split()))   # also as written: "Section 8 of camp No. 179"
        out.append(mention)
    # "the port transit camp at Nakhodka", "a hospital camp at Spassk", "a labour colony at Karsakpay": a camp no
    # number names, named by its kind and its place (the mention is its kind: the place is a mention of its own)
    for m in re.finditer(rf"\b(?:[Tt]he|[Aa]n?)\s+((?:(?:port|main|central|large|small|new|old|women['’]s)\s+)?"
                         rf"(?:transit|hospital|branch|penal|punishment|filtration|special|labou?r|officers['’]?|"
                         rf"reception|women['’]s)\s+(?:camp|colony))\s+(?:at|near)\s+{CAP}(?:[-–]{CAP})?"
                         rf"(?!\s*(?:No\.?|N|№)\s?\d)", text):
        if any(o.start <= m.start(1) < o.end for o in out):
            continue
        out.append(Mention("camp", "Camp", m.start(1), m.end(1), m.group(1), m.group(0).split(None, 1)[1],
                           f"camp:{norm(m.group(0).split(None, 1)[1])}"))
    out += _sections_of_the_last_camp(text, [m.start for m in out if m.cls == "CampSection"], lex.settlements)
    for m in re.finditer(r"\b([A-Z][a-z]+lag)\b", text):
        if m.group(1).lower() == "gulag":
            continue
        mention = mention_at("camp", "CorrectionalLabourCamp", m, text, m.group(1), f"camp:{m.group(1).lower()}")
        alias = re.search(rf"\b({CAP})\s+camp\s+\($", text[max(0, m.start() - 40):m.start()])
        if alias:
            mention.names.append(f"{alias.group(1)} camp")
        out.append(mention)
    return out


_SECTION_BEFORE = re.compile(r"\b(?:its|their|the\s+camp['’]s|to|at|from|of|(?:held|kept|died|worked|lived|housed|"
                             r"stayed|interned|imprisoned|buried)\s+(?:\w+\s+)?in)\s+$")
_SECTION_AFTER = re.compile(r"\s*\(|\s+(?:at|near)\s+(?:the\s+)?[A-Z]|\s+in\s+[A-Z][a-z]")


def keep_bare_sections(mentions: list[Mention], camp_known: bool) -> list[Mention]:
    """The mentions without a bare "Section 4" that no camp precedes (in the document, `camp_known`, or its block)."""
    return [m for m in mentions if not m.attrs.get("bare") or camp_known or
            any(x.kind == "camp" and not x.attrs.get("bare") and x.start < m.start for x in mentions)]


_ORDINALS = {"first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6", "seventh": "7",
             "eighth": "8", "ninth": "9", "tenth": "10", "eleventh": "11", "twelfth": "12"}


def _sections_of_the_last_camp(text: str, taken: list[int], places: tuple[str, ...]) -> list[Mention]:
    """Sections whose camp the text does not repeat: "Section No. 5", "camp section No. 8 at Kokuzek", "the fifth
    section", "the Dolinka camp section", "the camp section at Maikuduk". Their camp is the last one named
    before them (`parent_key` "camp:?last", resolved by the reader)."""
    out = []
    # the number sign may be left out after "camp section" or when the camp's number comes just before
    # ("camp section 5", "camp No. 37, Section 4"), not in "Section 4 of the Criminal Code"
    # ("section No. 3 of the camp": of the last camp, as without "of the camp")
    # ("Division No. 1", "camp division No. 6": a camp division, as translations call a section, by its number sign)
    numbered = re.compile(r"\b(?:[Cc]amp\s+)?([Ss]ection|[Bb]ranch|[Ll]agpunkt|[Ss]ub-camp|(?<=[Cc]amp\s)[Dd]epartment|"
                          r"[Dd]ivision(?=\s+(?:No\.?|N|№)\s?\d))\s+"
                          r"(?:No\.?|N|№|[Nn]umber)\s?"
                          r"(\d{1,4}[a-z]?)\b(?!/\d)(?!\s+of\s+(?!the\s+camp\b))|"
                          r"(?:\b[Cc]amp\s+|(?<=\d,\s))([Ss]ection|[Bb]ranch|[Ll]agpunkt|[Ss]ub-camp)\s+(\d{1,4}[a-z]?)\b"
                          r"(?!/\d)(?!\s+of\s+(?!the\s+camp\b))")
    # "from lagpunkts N 2 and N 6", "sections No. 3, No. 4 and No. 7": each a section of the last camp
    plural = re.compile(r"\b(?:[Cc]amp\s+)?([Ss]ections|[Bb]ranches|[Ll]agpunkts|[Ss]ub-camps|[Dd]ivisions)\s+"
                        r"((?:No\.?|Nos\.?|N|№)\s?\d{1,4}[a-z]?(?:\s*(?:,|and|&|,\s*and)\s*(?:(?:No\.?|N|№)\s?)?"
                        r"\d{1,4}[a-z]?)+)\b(?!\s+of\s+(?!the\s+camp\b))")
    for m in plural.finditer(text):
        noun = {"sections": "section", "branches": "branch", "lagpunkts": "lagpunkt", "sub-camps": "sub-camp",
                "divisions": "division"}[
            m.group(1).lower()]
        for nm in re.finditer(r"(?:(No\.?|Nos\.?|N|№)\s?)?(\d{1,4}[a-z]?)", m.group(2)):
            sign = {"Nos.": "No.", "Nos": "No."}.get(nm.group(1) or "", nm.group(1) or "No.")
            a = m.start(2) + nm.start()
            out.append(Mention("camp", "CampSection", a, m.start(2) + nm.end(), text[a:m.start(2) + nm.end()],
                               f"{noun} {sign} {nm.group(2)}", f"section:{nm.group(2)}",
                               {"number": nm.group(2), "parent_key": "camp:?last"}))
    for m in numbered.finditer(text):
        if m.start() in taken:
            continue
        if m.group(4) and not re.match(r"[Cc]amp\s", m.group(0)) and \
                not re.search(r"[Cc]amps?\s+(?:No\.?|N|№|[Nn]umber)\s?\d{1,4}[a-z]?,\s$", text[max(0, m.start() - 30):m.start()]):
            continue
        n = m.group(2) or m.group(4)
        out.append(Mention("camp", "CampSection", m.start(), m.end(), m.group(0), m.group(0),
                           f"section:{n}", {"number": n, "parent_key": "camp:?last"}))
    # "its Section 4 near the Saran mines", "moved to Section 7 at Temirtau", "Section 1 (Shakhtinsk)": a section
    # with a capital and its number alone, where the words around it say it is a place of the camp (not "In Section
    # 3, we discuss", "Section 4 of the Law"); the reader keeps it only after a camp (`bare`, `keep_bare_sections`)
    for m in re.finditer(r"(?<![\w-])Section\s+(\d{1,3})\b(?![./-]\d)(?!\s+of\s+(?!(?:the\s+)?camp\b))", text):
        if any(o.start <= m.start() < o.end for o in out) or m.start() in taken or not (
                _SECTION_BEFORE.search(text[max(0, m.start() - 40):m.start()]) or _SECTION_AFTER.match(text, m.end())):
            continue
        out.append(Mention("camp", "CampSection", m.start(), m.end(), m.group(0), m.group(0), f"section:{m.group(1)}",
                           {"number": m.group(1), "parent_key": "camp:?last", "bare": True}))
    # "section No. 37/2", "a separate section, No. 41/7": section 2 of camp No. 37, as Soviet files number them
    for m in re.finditer(r"\b(?:[Cc]amp\s+)?(?:[Ss]ection|[Bb]ranch|[Ll]agpunkt|[Ss]ub-camp)(,\s*|\s+)"
                         r"(?:No\.?|N|№)\s?(\d{1,4})/(\d{1,3})\b", text):
        camp, n = m.group(2), m.group(3)
        s = m.end(1) if "," in m.group(1) else m.start()
        out.append(Mention("camp", "CampSection", s, m.end(), text[s:m.end()], f"section No. {camp}/{n}",
                           f"camp:{camp}/{n}", {"number": n, "parent_key": f"camp:{camp}"}))
    ordinal = re.compile(rf"\b({'|'.join(_ORDINALS)}|\d{{1,2}}(?:st|nd|rd|th))\s+(?:camp\s+)?(section|branch)\b",
                         re.IGNORECASE)
    for m in ordinal.finditer(text):   # "the fifth section", "the 5th camp section"
        n = _ORDINALS.get(m.group(1).lower()) or str(int(m.group(1)[:-2]))
        out.append(Mention("camp", "CampSection", m.start(), m.end(), m.group(0), m.group(0), f"section:{n}",
                           {"number": n, "parent_key": "camp:?last"}))
    # "the Saran section", "the Dolinka section": a section named by its town alone; whose section it is, the text
    # says elsewhere if at all ("was a sub-camp of camp No. 37"), so it is recorded as a camp of its own
    for m in re.finditer(rf"\b({alternation(places)})\s+(?:section|division)\b(?!\s+(?:No\.?|N|№)\s?\d)", text):
        out.append(Mention("camp", "Camp", m.start(), m.end(), m.group(0), m.group(0),
                           f"section:{m.group(1).lower()}"))
    for m in re.finditer(rf"\b({CAP}(?:-{CAP})?)\s+camp\s+section\b(?:\s+(?:No\.?|N|№)\s?(\d{{1,4}}))?|"
                         rf"\bcamp\s+section\s+(?:at|in|near)\s+({CAP})\b", text):
        if m.group(1) and m.group(2):   # "Ak-Tas camp section No. 12": named and numbered, one section
            out = [o for o in out if not m.start() <= o.start < m.end()]
            out.append(Mention("camp", "CampSection", m.start(), m.end(), m.group(0), m.group(0),
                               f"section:{m.group(2)}", {"number": m.group(2), "parent_key": "camp:?last"}))
            continue
        if m.start() == 0 or re.search(r"[.!?]\s*$", text[:m.start()]) and m.group(1):
            continue
        name = m.group(1) or m.group(3)
        out.append(Mention("camp", "CampSection", m.start(), m.end(), m.group(0), m.group(0),
                           f"section:{name.lower()}", {"parent_key": "camp:?last"}))
    for m in out:   # "the fifth section of camp No. 99", "the Dolinka camp section of Karlag": its camp is named
        of = re.match(rf"\s+of\s+(?:the\s+)?(?:[Cc]amp\s+(?:No\.?|N|№|[Nn]umber)\s?(\d{{1,4}})|([A-Z][a-z]+lag)\b|({CAP})\s+camp\b)",
                      text[m.end:])
        if of:
            m.attrs["parent_key"] = f"camp:{(of.group(1) or of.group(2) or of.group(3)).lower()}"
            m.cls = "CampSection"   # "the Dolinka section of Karlag": a town's section whose camp is named
            m.label = f"{m.text} {of.group(0).strip()}"
            m.key = f"{m.attrs['parent_key']}/{m.attrs.get('number') or m.text.lower()}"
    return out


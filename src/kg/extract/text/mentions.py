"""Finding mentions of entities in one block of clean text, by patterns of this field's prose.

Each finder returns `Mention`s with block offsets; `find_mentions` runs them all and drops mentions that are
contained in a longer mention of the same kind (a place inside an organisation's name is kept: it is a
mention of the place too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.text.bodies import bodies
from kg.extract.text.lexicon import Lexicon, alternation
from kg.extract.text.sites import sites
from kg.extract.text.titles import titles as unquoted_titles
from kg.extract.text.spans import MONTH_RE, YEAR_RE, Quoted, dates, norm, quotations

CAP = r"[A-Z][a-z\u00e0-\u024f-]*[a-z]"
UPPER = r"[A-Z]{2,}"


@dataclass
class Mention:
    kind: str                 # IRI kind: person, organization, camp, place, legal-act, event, publication, statistic
    cls: str                  # ontology class (local name)
    start: int
    end: int
    text: str
    label: str
    key: str                  # coreference key within a document
    attrs: dict = field(default_factory=dict)
    names: list[str] = field(default_factory=list)
    in_title: bool = False
    entity: object = None     # the Entity it resolves to

    def overlaps(self, other: "Mention") -> bool:
        return self.start < other.end and other.start < self.end

    def inside(self, other: "Mention") -> bool:
        return other.start <= self.start and self.end <= other.end and (self.start, self.end) != (other.start,
                                                                                                   other.end)


def _m(kind, cls, m_or_span, text, label, key=None, **attrs) -> Mention:
    s, e = m_or_span if isinstance(m_or_span, tuple) else m_or_span.span()
    return Mention(kind, cls, s, e, text[s:e], label, key or f"{kind}:{norm(label)}", attrs)


# ---- places ----------------------------------------------------------------------------------------------

def places(text: str, lex: Lexicon) -> list[Mention]:
    out: list[Mention] = []
    aliases = lex.place_aliases
    followers = set(lex["adjectival_followers"])
    region = re.compile(
        rf"\b({CAP}(?:[ -]{CAP})?)\s+(Economic Region|region|Region|oblast|Oblast|Krai|krai|Territory|Province|"
        rf"province|district|District|Prefecture|prefecture|Governorate|governorate|Guberniya|Uyezd|uyezd)\b")
    for m in region.finditer(text):
        name = m.group(1)
        if name.split()[0] in lex["not_surnames"] or name in lex["demonyms"]:
            continue
        label = f"{name} {m.group(2)}"
        known = aliases.get(label)
        if known:
            label = known[0]
        out.append(_m("place", "Region", m, text, label))
    for m in re.finditer(r"\b(?:Eastern|Western|Northern|Southern|Central)\s+(" + CAP + r")\b", text):
        if m.group(1) in aliases and m.group(0) not in aliases:
            out.append(_m("place", "GeographicArea", m, text, m.group(0)))
    for m in re.finditer(rf"\b(?:city|town|village|settlement|station|port|township)\s+of\s+({CAP}(?:-{CAP})?)\b",
                         text):
        label = aliases.get(m.group(1), (m.group(1), "Settlement"))[0]
        out.append(_m("place", "Settlement", (m.start(1), m.end(1)), text, label))
    for m in re.finditer(rf"\b({CAP}(?:[ -]{CAP})?)\s+([Cc]emetery|[Mm]emorial\s+[Cc]emetery|[Bb]urial\s+[Gg]round)\b", text):
        if m.group(1).split()[0] in lex["not_surnames"] or m.group(1) in lex["demonyms"]:
            continue
        out.append(_m("place", "Site", m, text, f"{m.group(1)} {m.group(2).lower()}"))
    pat = re.compile(r"(?<![\w-])(" + alternation(list(aliases)) + r")(?![\w-]|\.\w)")
    for m in pat.finditer(text):
        label, cls = aliases[m.group(1)]
        nxt = re.match(r"(?:'s)?\s+([a-z]+)", text[m.end():m.end() + 30])
        if cls == "Settlement" and (nxt and nxt.group(1) in followers or
                                    re.match(r" [A-Z][a-z]", text[m.end():m.end() + 3])):
            continue
        out.append(_m("place", cls, m, text, label))
    # an unknown name coordinated with a known settlement after a locative: "at Dolinka and Balkhash"
    known = [m for m in out if m.cls == "Settlement"]
    bad = set(lex["not_surnames"]) | set(lex["demonyms"])
    for m in re.finditer(rf"\b(?:in|at|near)\s+({CAP})(?=\s+and\s+)", text):
        after_and = text.find(" and ", m.end(1)) + len(" and ")
        if m.group(1) in bad or m.group(1) in aliases or not any(k.start == after_and for k in known):
            continue
        out.append(_m("place", "Settlement", (m.start(1), m.end(1)), text, m.group(1)))
    return out


# ---- persons ---------------------------------------------------------------------------------------------

_NOT_NAMES = {"Staff", "Headquarters", "Secretary", "Assembly", "Directorate", "Prosecutor", "Command", "Council",
              "Plenipotentiary", "Consul", "Governor"}
_TITLE_WORDS = {"Professor", "Doctor", "Academician", "President", "General", "Marshal", "Colonel", "Major",
                "Captain", "Lieutenant", "Chancellor", "Minister", "Director", "Rector", "Dean", "Editor", "Historian"}
_BAD_INITIAL = {"No", "Nos", "St", "Mt", "Vol", "Ed", "Pp", "Op", "Cf", "Dr", "Mr", "Ms", "Co", "Inc", "Ltd"}


def _title_case(word: str) -> str:
    return "-".join(p.capitalize() for p in word.split("-")) if word.isupper() else word


def persons(text: str, lex: Lexicon) -> list[Mention]:
    out: list[Mention] = []
    not_surnames = set(lex["not_surnames"]) | set(lex["org_heads"]) | set(lex["demonyms"])
    positions = alternation(lex["positions"])
    initials = re.compile(
        rf"(?<![\w.])((?:[A-Z][a-z]?\.\s?){{1,3}})\s*({CAP}(?:-{CAP})?|{UPPER}(?:-{UPPER})?)(?:['’]s)?\b")
    for m in initials.finditer(text):
        inits = re.findall(r"([A-Z][a-z]?)\.", m.group(1))
        surname = m.group(2)
        if any(i in _BAD_INITIAL for i in inits):
            continue
        if surname in not_surnames or _title_case(surname) in lex["places"]:
            before = text[max(0, m.start() - 40):m.start()]
            pm = re.search(rf"((?:[A-Z][a-z]+\s+)?(?:{positions}))\s+$", before)
            if pm and len(inits) == 1:
                s = m.start() - len(pm.group(0))
                label = f"{pm.group(1)} {inits[0]}."
                out.append(Mention("person", "Person", s, m.start() + len(inits[0]) + 1,
                                   text[s:m.start() + len(inits[0]) + 1], label, f"person:{norm(label)}",
                                   {"position": pm.group(1)}))
            continue
        surname = _title_case(surname)
        label = " ".join(f"{i}." for i in inits) + " " + surname
        end = m.start(2) + len(m.group(2))
        out.append(Mention("person", "Person", m.start(), end, text[m.start():end], label,
                           f"person:{surname.lower()}", {"initials": inits, "surname": surname}))
    rev = re.compile(rf"\b({CAP}(?:-{CAP})?)\s+((?:[A-Z][a-z]?\.\s?){{2,3}})(?=[\s,;:.]|$)")
    for m in rev.finditer(text):
        surname = m.group(1)
        inits = re.findall(r"([A-Z][a-z]?)\.", m.group(2))
        if surname in not_surnames or surname in lex["places"] or surname in lex["given_names"] or \
                surname in _TITLE_WORDS or any(i in _BAD_INITIAL for i in inits) or \
                re.search(r"\b(?:[A-Z][a-z]?\.\s?)$", text[:m.start()]):
            continue
        nxt = re.match(rf"\s*({CAP})\b", text[m.end():])
        if nxt and nxt.group(1) not in not_surnames and nxt.group(1) not in lex["places"]:
            continue   # "Later V. P. Ivanov": the initials belong to the name that follows
        end = m.start(2) + len(m.group(2).rstrip())
        label = " ".join(f"{i}." for i in inits) + " " + surname
        out.append(Mention("person", "Person", m.start(), end, text[m.start():end], label,
                           f"person:{surname.lower()}", {"initials": inits, "surname": surname}))
    given = alternation(lex["given_names"])
    full = re.compile(rf"\b({given})\s+({CAP}(?:-{CAP})?)(?:\s+({CAP}))?\b")
    for m in full.finditer(text):
        parts = [p for p in m.groups() if p]
        if parts[-1] in not_surnames or parts[-1] in lex["places"]:
            parts = parts[:-1]
        if len(parts) < 2 or parts[1] in not_surnames:
            continue
        end = m.start() + len(" ".join(parts)) if text[m.start():].startswith(" ".join(parts)) else m.end()
        label = " ".join(parts)
        out.append(Mention("person", "Person", m.start(), end, text[m.start():end], label,
                           f"person:{parts[1].lower()}", {"given": parts[0], "surname": parts[1],
                                                         "rest": parts[2:]}))
    ranks = r"General|Marshal|Colonel|Lieutenant|Major|Captain|Admiral|Prime Minister|President|Emperor|Chancellor|" \
            r"Minister|Premier|Ambassador"
    for m in re.finditer(rf"\b({ranks})\s+({CAP}(?:-{CAP})?)\b", text):
        surname = m.group(2)
        if surname in not_surnames or surname in lex["places"] or surname in _NOT_NAMES or \
                surname in lex["given_names"] or surname in lex["known_persons"] or re.fullmatch(ranks, surname):
            continue
        out.append(Mention("person", "Person", m.start(2), m.end(2), surname, surname, f"person:{surname.lower()}",
                           {"surname": surname, "position": m.group(1)}))
    # Japanese order, family name first: "Tanaka Ichiro"
    for m in re.finditer(rf"\b({CAP})\s+({alternation(lex['japanese_given_names'])})\b", text):
        family = m.group(1)
        if family in not_surnames or family in lex["places"] or family in lex["given_names"] or \
                family in _TITLE_WORDS or family in _NOT_NAMES:
            continue
        out.append(Mention("person", "Person", m.start(), m.end(), m.group(0), m.group(0),
                           f"person:{family.lower()}", {"surname": family, "given": m.group(2), "rest": []}))
    for label, forms in lex["known_persons"].items():
        for m in re.finditer(r"\b(?:" + alternation(forms) + r")\b(?!-)", text):
            out.append(Mention("person", "Person", m.start(), m.end(), m.group(0), label,
                               f"person:{label.lower()}", {"surname": label}))
    return out


# ---- organisations ---------------------------------------------------------------------------------------

def organizations(text: str, lex: Lexicon) -> list[Mention]:
    out: list[Mention] = []
    heads = lex["org_heads"]
    stop_left = set(lex["not_surnames"]) - set(heads)
    head_re = re.compile(r"\b(" + alternation(list(heads)) + r")\b")
    tails = "|".join(lex["org_tail_nouns"])
    # a name word, never the "No." of a number that follows the name ("... of the USSR No. 103")
    word = rf"(?!(?:Nos?|N)\.?\s?\d)(?:{CAP}(?:['’]s)?|{UPPER}|\d{{4}}(?:-\d{{4}})?|(?!Nos?\.|N\.)[A-Z][a-z]*\.)"
    # "Institute of History, Archaeology and Ethnography": a comma inside a name only in a list closed by "and"
    list_comma = rf",\s+(?=(?:{CAP},\s+)*{CAP}\s+and\s+{CAP})"
    tail_re = re.compile(
        rf"(?:\s+(?:of|for|on)(?:\s+the)?\s+(?:(?:{tails})\s+of\s+)?{word}"
        rf"(?:(?:\s+|\s+(?:of|for|on|and|the|of the)\s+|-|{list_comma}){word}|\s+(?:{tails})\b)*)+")
    for hm in head_re.finditer(text):
        head = hm.group(1)
        cls = heads[head]
        s, e = hm.span()
        # left modifiers: capitalised words, acronyms, demonyms, hyphenated words
        left = text[:s]
        lm = re.search(rf"((?:(?:{CAP}|{UPPER}|\d{{1,4}}(?:st|nd|rd|th))(?:-{CAP})?\s+)+)$", left)
        if lm:
            words = lm.group(1).split()
            while words and words[0] in stop_left:
                words = words[1:]
            # a sentence-initial capital is a modifier only if more words follow
            s = s - len(" ".join(words)) - 1 if words else s
            if words:
                s = left.rfind(" ".join(words))
        tm = tail_re.match(text, e)
        if tm:
            e = tm.end()
        qm = re.match(r'\s+["“«]([A-Z][\w-]+)["”»]', text[e:])
        if qm and head in ("University", "Institute", "Academy", "Plant", "Combine", "Trust", "Company"):
            e += qm.end()
        if s == hm.start() and e == hm.end():
            continue  # a bare head noun ("Parliament") is not a name
        name = text[s:e]
        if re.match(r"(?:The|A|An)\s", name):
            continue
        if re.search(r"\b(?:A|a|An|an)\s+$", text[max(0, s - 4):s]) and re.match(r"\s+[A-Z][a-z]", text[e:e + 3]):
            continue  # "A Regional Archive Study": a title-case phrase after an indefinite article, not a name
        # an enterprise of a ministry is named without the ministry: split "X Plant of the Ministry of Y"
        inner = re.search(r"\s+of\s+(?:the\s+)?(.*)$", text[hm.end():e])
        if cls == "Enterprise" and inner and head_re.search(inner.group(1)) and s < hm.start():
            e = hm.end()
            name = text[s:e]
        label = re.sub(r'\s+["“«]([\w-]+)["”»]$', r" \1", name)
        out.append(Mention("organization", cls, s, e, name, label, _org_key(label)))
    acr = lex["org_acronyms"]
    acr_tail = re.compile(rf"\s+of\s+the\s+(?:{UPPER}|{CAP})(?:\s+(?!Nos?\b)(?:{UPPER}|{CAP}))*(?![\w-])")
    for m in re.finditer(r"(?<![\w-])(" + alternation(list(acr)) + r")(?![\w-])", text):
        e = m.end()
        tm = acr_tail.match(text, e)
        if tm:
            e = tm.end()
        label = text[m.start():e]
        out.append(Mention("organization", acr[m.group(1)], m.start(), e, label, label, _org_key(label)))
    for pat in lex["org_word_patterns"]:
        for m in re.finditer(r"\b" + pat + r"\b", text):
            out.append(_m("organization", "Enterprise", m, text, m.group(0), _org_key(m.group(0))))
    demonyms = alternation(list(lex["demonyms"]))
    for m in re.finditer(rf"\b({demonyms})\s+(government|authorities)\b", text):
        country = lex["demonyms"][m.group(1)]
        label = f"Government of {country}" if country != "Soviet Union" else "Government of the Soviet Union"
        out.append(_m("organization", "StateBody", m, text, label, _org_key(label)))
    # unnamed centres described by what they do: "a special center for providing assistance to ..."
    for m in re.finditer(r"\b(?:the|a|an|this|another)\s+((?:(?!the\b|of\b|a\b|an\b)[a-z][\w-]*\s+(?:and\s+)?){0,5}"
                         r"(?:center|centre)\s+for\s+(?:the\s+)?(?:study|studies|research|providing|assistance|"
                         r"preservation|documentation)\b[^,.;:()]*?)(?=\s+(?:was|were|is|has|we|which|that)\b|[,.;:()]|$)",
                         text):
        label = m.group(1)
        out.append(_m("organization", "PublicOrganization", (m.start(1), m.end(1)), text, label, _org_key(label)))
    for m in re.finditer(r"\b((?:historical|scientific|research|educational|historical-educational)"
                         r"(?:\s+(?:and\s+)?(?:historical|scientific|research|education|educational|"
                         r"historical-educational))+\s+cent(?:er|re))\b", text):
        out.append(_m("organization", "PublicOrganization", m, text, m.group(1), _org_key(m.group(1))))
    return out


def _org_key(label: str) -> str:
    words = sorted(set(re.findall(r"[\w-]+", norm(label))) - {"the", "of", "for", "on", "and"})
    return "organization:" + " ".join(words)


# ---- camps -----------------------------------------------------------------------------------------------

_CAMP_TYPES = {"POW": "PrisonerOfWarCamp", "prisoner-of-war": "PrisonerOfWarCamp", "army": "ArmyCamp",
               "labor": "CorrectionalLabourCamp", "labour": "CorrectionalLabourCamp"}


def camps(text: str, lex: Lexicon) -> list[Mention]:
    out: list[Mention] = []
    bad = set(lex["not_surnames"]) | set(lex["demonyms"]) | {"POW", "Army", "Labour", "Labor", "Special", "Camp"}
    num = r"(?:No\.?|Nos\.?|N|№|#)\s?(\d{1,4}[a-z]?)"
    pat = re.compile(rf"(?:\b({CAP}|POW|army|labou?r)\s+)?\b([Cc]amps?)\s+({num}"
                     rf"(?:\s*(?:,|and|&)\s*(?:{num}|\d{{1,4}}))*)")
    for m in pat.finditer(text):
        name = m.group(1)
        cls = _CAMP_TYPES.get(name or "", "Camp")
        if name in _CAMP_TYPES or (name and (name in lex["not_surnames"] or name in lex["demonyms"])):
            name = None
        nums = list(re.finditer(r"(?:(?:No\.?|Nos\.?|N|№|#)\s?)?(\d{1,4}[a-z]?)", m.group(3)))
        for i, nm in enumerate(nums):
            n = nm.group(1)
            s = m.start() if i == 0 else m.start(3) + nm.start()
            if i == 0 and name is None and m.group(1) and m.group(1) not in _CAMP_TYPES:
                s = m.start(2)
            e = m.start(3) + nm.end()
            label = f"{name} camp No. {n}" if name and i == 0 else f"Camp No. {n}"
            mention = Mention("camp", cls, s, e, text[s:e], label, f"camp:{n}", {"number": n})
            if name and i == 0:
                mention.attrs["name"] = name
            alias = re.search(rf"\b({CAP})\s+camp\s+\($", text[max(0, s - 40):s])
            if i == 0 and alias and alias.group(1) not in bad:
                mention.names.append(f"{alias.group(1)} camp")
            out.append(mention)
    # "the camp for prisoners of war No. 99": the number after what the camp is for
    for m in re.finditer(r"\b[Cc]amp\s+for\s+(?:foreign\s+)?(?:prisoners\s+of\s+war|POWs|internees)\s+"
                         r"(?:No\.?|N|№|#)\s?(\d{1,4}[a-z]?)\b", text):
        n = m.group(1)
        out.append(Mention("camp", "PrisonerOfWarCamp", m.start(), m.end(), m.group(0), f"Camp No. {n}", f"camp:{n}",
                           {"number": n}))
    for m in re.finditer(rf"\b({CAP})\s+camp\b(?!s|\s+(?:No\.?|Nos\.?|N|№|#)\s?\d)", text):
        name = m.group(1)
        if name in bad or m.start() == 0 or re.search(r"[.!?]\s*$", text[:m.start()]):
            continue
        if re.match(r"\s*\((?:[A-Z][a-z]+lag|camp\s+(?:No\.?|N|№)\s?\d+)\)", text[m.end():m.end() + 30]):
            continue   # "Karaganda camp (Karlag)": an alias of the camp in brackets
        label = f"{name} camp"
        out.append(Mention("camp", "Camp", m.start(), m.end(), m.group(0), label, f"camp:{name.lower()}",
                           {"name": name}))
    sec = re.compile(rf"\b(?:[Cc]amp\s+)?([Ss]ection|[Dd]epartment|[Bb]ranch|[Ll]agpunkt|[Ll]agotdelenie|[Ss]ub-camp)\s+"
                     rf"(?:No\.?|N|№)\s?"
                     rf"(\d{{1,4}}[a-z]?)\s+of\s+(?:the\s+)?(?:camp\s+(?:No\.?|N|№)\s?(\d{{1,4}})|({CAP})\s+camp\b)")
    for m in sec.finditer(text):
        parent = m.group(3) or m.group(4).lower()
        label = f"Section No. {m.group(2)} of camp {'No. ' + m.group(3) if m.group(3) else m.group(4)}"
        out.append(Mention("camp", "CampSection", m.start(), m.end(2),
                           text[m.start():m.end(2)], label, f"camp:{parent}/{m.group(2)}",
                           {"number": m.group(2), "parent_key": f"camp:{parent}"}))
    out += _sections_of_the_last_camp(text, [m.start for m in out if m.cls == "CampSection"])
    for m in re.finditer(r"\b([A-Z][a-z]+lag)\b", text):
        if m.group(1).lower() == "gulag":
            continue
        mention = _m("camp", "CorrectionalLabourCamp", m, text, m.group(1), f"camp:{m.group(1).lower()}")
        alias = re.search(rf"\b({CAP})\s+camp\s+\($", text[max(0, m.start() - 40):m.start()])
        if alias:
            mention.names.append(f"{alias.group(1)} camp")
        out.append(mention)
    return out


_ORDINALS = {"first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6", "seventh": "7",
             "eighth": "8", "ninth": "9", "tenth": "10", "eleventh": "11", "twelfth": "12"}


def _sections_of_the_last_camp(text: str, taken: list[int]) -> list[Mention]:
    """Sections whose camp the text does not repeat: "Section No. 5", "camp section No. 8 at Kokuzek", "the fifth
    section", "the Dolinka camp section", "the camp section at Maikuduk". Their camp is the last one named
    before them (`parent_key` "camp:?last", resolved by the reader)."""
    out = []
    numbered = re.compile(r"\b(?:[Cc]amp\s+)?([Ss]ection|[Bb]ranch|[Ll]agpunkt|[Ss]ub-camp)\s+(?:No\.?|N|№)\s?(\d{1,4}[a-z]?)\b"
                          r"(?!\s+of\s)")
    for m in numbered.finditer(text):
        if m.start() in taken:
            continue
        out.append(Mention("camp", "CampSection", m.start(), m.end(), m.group(0), m.group(0),
                           f"section:{m.group(2)}", {"number": m.group(2), "parent_key": "camp:?last"}))
    ordinal = re.compile(rf"\b({'|'.join(_ORDINALS)})\s+(?:camp\s+)?(section|branch)\b", re.IGNORECASE)
    for m in ordinal.finditer(text):
        n = _ORDINALS[m.group(1).lower()]
        out.append(Mention("camp", "CampSection", m.start(), m.end(), m.group(0), m.group(0), f"section:{n}",
                           {"number": n, "parent_key": "camp:?last"}))
    for m in re.finditer(rf"\b({CAP})\s+camp\s+section\b|\bcamp\s+section\s+(?:at|in|near)\s+({CAP})\b", text):
        if m.start() == 0 or re.search(r"[.!?]\s*$", text[:m.start()]) and m.group(1):
            continue
        name = m.group(1) or m.group(2)
        out.append(Mention("camp", "CampSection", m.start(), m.end(), m.group(0), m.group(0),
                           f"section:{name.lower()}", {"parent_key": "camp:?last"}))
    for m in out:   # "the fifth section of camp No. 99", "the Dolinka camp section of Karlag": its camp is named
        of = re.match(rf"\s+of\s+(?:the\s+)?(?:camp\s+(?:No\.?|N|№)\s?(\d{{1,4}})|([A-Z][a-z]+lag)\b|({CAP})\s+camp\b)",
                      text[m.end:])
        if of:
            m.attrs["parent_key"] = f"camp:{(of.group(1) or of.group(2) or of.group(3)).lower()}"
            m.label = f"{m.text} {of.group(0).strip()}"
            m.key = f"{m.attrs['parent_key']}/{m.attrs.get('number') or m.text.lower()}"
    return out


# ---- legal acts ------------------------------------------------------------------------------------------

def legal_acts(text: str, lex: Lexicon, quotes: list[Quoted], orgs: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    heads = lex["act_heads"]
    named = re.compile(
        rf"\b((?:(?:{CAP}(?:-{CAP})?)\s+){{1,3}})((?:[Pp]eace|[Dd]raft)\s+)?"
        rf"(Treaty|Declaration|Convention|Agreement|Pact|Accords?|Charter|treaty|agreement|declaration)\b"
        rf"(?:\s+of\s+({YEAR_RE})\b)?")
    for m in named.finditer(text):
        mods = m.group(1).split()
        while mods and mods[0] in lex["not_surnames"]:
            mods = mods[1:]
        if not mods or m.group(3).islower() and "-" not in mods[0]:
            continue
        s = m.start(1) + m.group(1).find(mods[0])
        e = m.end()
        head = m.group(3)
        base = " ".join(mods + ([m.group(2).strip()] if m.group(2) else []) + [head])
        cls = heads.get(head.capitalize(), "Treaty")
        mention = Mention("legal-act", cls, s, e, text[s:e], base if not m.group(4) else f"{base} of {m.group(4)}",
                          f"legal-act:{norm(base)}")
        on = re.match(r"\s+(on|about|concerning)\s+(?:the\s+)?[a-z][^,.;:()\"“”]*", text[e:])
        if on and head[0].isupper() and len(on.group(0)) < 200:
            mention.attrs["title"] = f"{base}{on.group(0)}".strip()
            mention.attrs["title_span"] = (e, e + on.end())
        if m.group(4):
            mention.attrs["date"] = m.group(4)
            mention.names.append(base)
        out.append(mention)
    numbered = re.compile(r"\b(Resolution|Decree|Order|Directive|Instruction|Law|Decision|resolution|decree|order|"
                          r"directive|law|decision)\s+(?:No\.?|N|№)\s?(\d[\d/-]*(?:[a-z]{1,3}|[а-я]{1,3})?\b)")
    for m in numbered.finditer(text):
        head = m.group(1).capitalize()
        label = f"{head} No. {m.group(2)}"
        attrs, consumed = _act_attributes(text, m.end(), quotes, orgs)
        attrs.pop("number", None)
        attrs["number"] = m.group(2)
        out.append(Mention("legal-act", heads.get(head, "Decree"), m.start(), m.end(), m.group(0), label,
                           f"legal-act:no-{m.group(2)}", attrs))
    # "the decree of the <Org> dated <date> No. 689 "On ..."" / "a decree "On ..."": the head with attributes
    generic = re.compile(r"\b(decree|resolution|order|directive|law|decision|instruction|Decree|Resolution|Order|"
                         r"Directive|Instruction)\b")
    for m in generic.finditer(text):
        if any(o.start <= m.start() < o.end for o in out):
            continue
        e = m.end()
        attrs, consumed = _act_attributes(text, e, quotes, orgs)
        if "number" not in attrs and "title" not in attrs:
            continue
        head = m.group(1).capitalize()
        if "number" in attrs:
            label = f"{head} No. {attrs['number']}"
            key = f"legal-act:no-{attrs['number']}"
        else:
            label = f"{head} {attrs['title']}"
            key = f"legal-act:{norm(attrs['title'])}"
        out.append(Mention("legal-act", heads.get(head, "Decree"), m.start(), e + consumed,
                           text[m.start():e + consumed], label, key, attrs))
    for m in re.finditer(r"\bArticle\s+(\d+(?:\.\d+)?)\b", text):
        out.append(_m("legal-act", "CodeArticle", m, text, m.group(0), number=m.group(1)))
    for m in re.finditer(r"\b(?:a|an|the|The)\s+((?:(?:bilateral|intergovernmental|international|new|special)\s+)?"
                         r"(?:agreement|treaty|convention)\s+(?:between\s+[^,.;()]+?\s+)?(?:on|about|concerning)\s+"
                         r"[^,.;()]+?)"
                         r"(?=\s*(?:,|\.|;|\(|\bwhich\b|\bthat\b|\bwas\b|\bwere\b|\bis\b|\bhas\b|\bhad\b|$))",
                         text):
        label = m.group(1)
        out.append(_m("legal-act", "Agreement", (m.start(1), m.end(1)), text, label))
    for m in re.finditer(r"\b(?:pass(?:ed|ing)|adopt(?:ed|ing)|enact(?:ed|ing))\s+((?:a|an|the)\s+(?:[a-z]+\s+)?law)\b",
                         text):
        label = m.group(1)
        out.append(Mention("legal-act", "Law", m.start(1), m.end(1), label, re.sub(r"^(a|an|the)\s+", "", label),
                           f"legal-act:anon-{m.start(1)}", {"anonymous": True}))
    return out


# ---- events ----------------------------------------------------------------------------------------------

def events(text: str, lex: Lexicon) -> list[Mention]:
    out: list[Mention] = []
    for label, forms in lex["wars"].items():
        for m in re.finditer(r"\b(?:" + alternation(forms) + r")\b", text):
            mention = _m("event", "War", m, text, label, f"event:{norm(label)}")
            dm = re.match(rf"\s+(?:of\s+)?({YEAR_RE})\s*[-–—]\s*({YEAR_RE})\b", text[m.end():])
            if dm:
                mention.attrs["startDate"], mention.attrs["endDate"] = dm.group(1), dm.group(2)
                mention.attrs["date_as_written"] = f"{dm.group(1)}-{dm.group(2)}"
            out.append(mention)
    np_end = r"[^,.;:()\"“”]*?(?=\s*(?:,|\.|;|:|\(|\"|“|$|\s(?:was|were|is|are|led|that|which|had|has|began|took|"\
             r"in\s+(?:" + YEAR_RE + r"|the\s+(?:late|early|first|second))|on\s+" + MONTH_RE + r")\b))"
    for m in re.finditer(rf"\b({CAP}(?:\s+{CAP})?)\s+([Tt]rial|[Cc]onference|[Oo]ffensive|[Oo]peration)\b"
                         rf"(?:\s+of\s+({YEAR_RE}))?", text):
        words = m.group(1).split()
        if words[0] in lex["not_surnames"]:
            words = words[1:]
        if not words or words[0] in lex["not_surnames"]:
            continue
        start = m.start(1) + m.group(1).index(words[0])
        cls = "Conviction" if m.group(2).lower() == "trial" else "Conference" if m.group(2).lower() == "conference" \
            else "War"
        label = f"{' '.join(words)} {m.group(2)}"
        mention = _m("event", cls, (start, m.end()), text, label, f"event:{norm(label)}")
        if m.group(3):
            mention.attrs["date"] = m.group(3)
        out.append(mention)
    triggers = {k: v for k, v in lex["event_triggers"].items() if v != "Transfer"}
    trig = alternation(list(triggers))
    for m in re.finditer(rf"\b(?:the|a|an)\s+((?:[a-z]+\s+)?({trig})\s+(?:of|in)\s+{np_end})", text):
        cls = triggers[m.group(2)]
        span = (m.start(1), m.end(1))
        phrase = m.group(1)
        if len(phrase) > 160:
            continue
        out.append(Mention("event", cls, span[0], span[1], phrase, phrase, f"event:{norm(phrase)}"))
    transfer = alternation([k for k, v in lex["event_triggers"].items() if v == "Transfer"])
    for m in re.finditer(rf"\b(?:the\s+)?({transfer})\s+(?:of\s+[^,.;]*?\s+)?from\s+(?:the\s+)?{CAP}{np_end}", text):
        phrase = m.group(0)
        phrase = re.sub(r"^the\s+", "", phrase)
        s = m.end() - len(phrase)
        out.append(Mention("event", "Transfer", s, m.end(), phrase, phrase, f"event:{norm(phrase)}"))
    # "the first batch of 650 men", "the last large batch", "the second echelon": a departure home
    for m in re.finditer(r"\b(?:the\s+)?((?:final|last|first|second|third|next)\s+(?:(?:large|small|big)\s+)?"
                         r"(?:(?:batch|echelon|transport)(?:\s+of\s+[^,.;]*?)?|(?:group|party)\s+of\s+[^,.;]*?))"
                         r"(?=\s+(?:in|who|which|left|returned|arrived|was|were|followed)\b|[,.;])", text):
        out.append(Mention("event", "Repatriation", m.start(1), m.end(1), m.group(1), m.group(1),
                           f"event:{norm(m.group(1))}"))
    for m in re.finditer(r"\b(?:path|process|way)\s+of\s+(?:returning|return)\s+to\s+(?:their|the)\s+homeland\b|"
                         r"\b(?:returning|return|repatriation)\s+to\s+(?:their|the)\s+homeland\b", text):
        out.append(_m("event", "Repatriation", m, text, m.group(0)))
    for m in re.finditer(r"\bhanded\s+over\b", text):
        out.append(_m("event", "Handover", m, text, "handing over", f"event:handover-{m.start()}"))
    return out


# ---- publications ----------------------------------------------------------------------------------------

def publications(text: str, lex: Lexicon, quotes: list[Quoted]) -> list[Mention]:
    out: list[Mention] = []
    heads = alternation(lex["publication_heads"])
    for q in quotes:
        after = text[q.end:q.end + 60]
        before = text[max(0, q.start - 120):q.start]
        cite = re.match(rf"\s*\(\s*(?:({CAP}(?:\s+{CAP})?),\s*)?({YEAR_RE})\s*\)", after)
        near_cite = re.match(rf"[^()\"“”]{{0,20}}[\"”»]?\s*\(\s*({CAP}(?:\s+{CAP})?),\s*({YEAR_RE})\s*\)", after)
        possessive = re.search(rf"\b{CAP}['’]s\s*$", before)
        person_before = re.search(rf"(?:[A-Z]\.\s?)+\s*{CAP}\s*$", before)
        head_before = re.search(rf"\b(?:{heads})\b[^.;]*$", before, re.IGNORECASE)
        act_before = re.search(r"\b(?:decree|resolution|order|law|decision|directive|instruction|No\.\s?\d+|"
                               r"\d{4})\s*$", before, re.IGNORECASE)
        word_count = len(q.text.split())
        if act_before or word_count < 2 and not cite:
            continue
        if not (cite or near_cite or possessive or person_before or head_before or re.match(r"\s*\(\s*(?:under|edited|ed\.)",
                                                                              after)):
            continue
        title = q.text.rstrip(".")
        cls = "ResearchProject" if head_before and re.search(r"\bproject\b", head_before.group(0)) else "Book"
        if head_before and re.search(r"\bcollections?\b", head_before.group(0)):
            cls = "DocumentCollection"
        mention = Mention("publication", cls, q.tstart, q.tstart + len(q.text), q.text, title,
                          "publication:" + _title_key(title))
        parts = [p.strip() for p in re.split(r"(?<=[a-z])\.\s+(?=[A-Z])|\n\s*\n", title) if p.strip()]
        if len(parts) > 1 and all(len(p.split()) >= 3 for p in parts):
            mention.names.extend(p.rstrip(".") for p in parts)
        cite = cite or near_cite
        if cite:
            if cite.group(1):
                mention.attrs["place"] = cite.group(1)
            mention.attrs["year"] = cite.group(2)
        out.append(mention)
    for m in re.finditer(r"\bBook\s+of\s+(?:Memory|Remembrance|Sorrow)\b", text):
        out.append(_m("publication", "Book", m, text, m.group(0), "publication:" + _title_key(m.group(0))))
    for m in re.finditer(r"\b(?:an?\s+)?(\d+|" + alternation(list(lex["number_words"])) +
                         r")-volume\s+(?:edition|collection|work|publication|series)\b", text):
        label = re.sub(r"^an?\s+", "", m.group(0))
        mention = _m("publication", "MultiVolumeWork", m, text, label, f"publication:anon-{m.start()}")
        mention.attrs["anonymous"] = True
        mention.attrs["volumes"] = m.group(1) if m.group(1).isdigit() else str(lex["number_words"][m.group(1)])
        out.append(mention)
    return out


def _act_attributes(text: str, e: int, quotes: list[Quoted], orgs: list[Mention]) -> tuple[dict, int]:
    """What follows an act's head, in any order: "of the <body>", "dated <date>" / "of <date>", "No. <n>",
    and a quoted title. Returns the attributes and how many characters they take."""
    attrs: dict = {}
    rest = text[e:e + 400]
    consumed = 0
    for _ in range(4):
        seg = rest[consumed:]
        om = re.match(r"\s+of\s+the\s+", seg)
        if om and "issuer" not in attrs:
            org = next((o for o in orgs if o.start == e + consumed + om.end()), None)
            if org:
                attrs["issuer"] = org
                consumed = org.end - e
                continue
        dm = re.match(rf"\s+(?:dated|of|from)\s+((?:{MONTH_RE}\s+\d{{1,2}},?\s+|\d{{1,2}}\s+{MONTH_RE}\s+|"
                      rf"{MONTH_RE}\s+)?{YEAR_RE})", seg)
        if dm and "date" not in attrs:
            d = dates(dm.group(1))
            if d:
                attrs["date"] = d[0].value
                attrs["date_as_written"] = dm.group(1)
                consumed += dm.end()
                continue
        nm = re.match(r",?\s+(?:No\.?|N|№)\s?(\d[\d/-]*[a-z]?)", seg)
        if nm and "number" not in attrs:
            attrs["number"] = nm.group(1)
            consumed += nm.end()
            continue
        qm = re.match(r"\s*[\"“«]", seg)
        if qm and "title" not in attrs:
            q = next((q for q in quotes if q.start == e + consumed + qm.end() - 1), None)
            if q:
                attrs["title"] = q.text
                consumed = q.end - e
                continue
        break
    return attrs, consumed


def _title_key(title: str) -> str:
    return re.sub(r"[^\w]+", " ", norm(title)).strip()


# ---- all -------------------------------------------------------------------------------------------------

def find_mentions(text: str, lex: Lexicon) -> tuple[list[Mention], list[Quoted]]:
    quotes = quotations(text)
    place_ms = places(text, lex)
    org_ms = organizations(text, lex)
    site_ms = [_m("place", cls, (a, b), text, text[a:b]) for a, b, cls in sites(text, lex)]
    org_ms += [_m("organization", cls, (a, b), text, text[a:b], _org_key(text[a:b])) for a, b, cls in bodies(text, lex)
               if not any(o.start <= a and b <= o.end for o in org_ms)]
    title_ms = [Mention("publication", cls, a, b, text[a:b], text[a:b], "publication:" + _title_key(text[a:b]))
                for a, b, cls in unquoted_titles(text, lex) if not any(q.tstart <= a < q.tstart + len(q.text) for q in quotes)]
    found = (place_ms + site_ms + title_ms + persons(text, lex) + org_ms + camps(text, lex) + legal_acts(text, lex, quotes, org_ms)
             + events(text, lex) + publications(text, lex, quotes))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    for o in [m for m in found if m.kind == "organization"]:
        am = re.match(r"\s*\(([A-Z][A-Za-z]*[A-Z]+(?:\([a-z]\))?)\)", text[o.end:o.end + 20])
        if am:
            o.names.append(am.group(1))
            a_start = o.end + am.start(1)
            found = [m for m in found if not (m.kind == "organization" and m.start == a_start)]
    place_names = set(lex.place_aliases)
    found = [m for m in found if not (m.kind == "organization" and m.text in place_names)]
    # an organisation inside another is kept when it is the body the name belongs to ("X of the <body>")
    found = [m for m in found if not (m.kind == "organization" and any(
        m.inside(o) and o.kind == "organization" and not re.search(r"\bof\s+(?:the\s+)?$", text[o.start:m.start])
        for o in found))]
    kept: list[Mention] = []
    for m in found:
        if any(m.inside(k) and _shadows(k, m) or (m.start, m.end, m.kind) == (k.start, k.end, k.kind)
               for k in kept):
            continue
        kept.append(m)
    # drop a shorter mention that another longer one of a rival kind covers (orgs beat places they name etc.)
    titles = [k for k in kept if k.kind == "publication" or k.kind == "legal-act" and "title" in k.attrs]
    for m in kept:
        if any(m.inside(t) and m.kind != "publication" for t in titles if t.kind == "publication") or any(
                t.kind == "legal-act" and m.start >= t.end - len(t.attrs["title"]) - 1 and m.end <= t.end
                and m is not t for t in titles):
            m.in_title = True
    kept = [m for m in kept if not (m.in_title and m.kind in ("organization", "place") and
                                    any(m.inside(t) for t in titles if t.kind == "publication"))]
    # an act's or a book's title names what it is about; an event named there ("the release of ...") is not
    # stated to have happened (wars are names, and are kept)
    kept = [m for m in kept if not (m.in_title and m.kind == "event" and m.cls != "War")]
    return kept, quotes


def _shadows(outer: Mention, inner: Mention) -> bool:
    """Does a longer mention hide a mention inside it? Anything inside a person's name is hidden, and a
    shorter name inside a longer one of the same kind (except organisations inside organisations, which are
    named there); mentions of other kinds inside titles, acts and events are kept: they are mentioned there."""
    if outer.kind == "person":
        return True
    return outer.kind == inner.kind and inner.kind != "organization"

"""Persons: initials and surname, given names of the lexicon, ranks before a surname, Japanese order."""

from __future__ import annotations

import re

from kg.extract.text.lexicon import Lexicon, alternation
from kg.extract.text.mentions.mention import CAP, PATRONYMIC, UPPER, Mention
from kg.extract.text.spans import norm
from kg.names.romaji import is_hepburn

_NOT_NAMES = {"Staff", "Headquarters", "Secretary", "Assembly", "Directorate", "Prosecutor", "Command", "Council",
              "Plenipotentiary", "Consul", "Governor"}
_TITLE_WORDS = {"Professor", "Doctor", "Academician", "President", "General", "Marshal", "Colonel", "Major",
                "Captain", "Lieutenant", "Chancellor", "Minister", "Director", "Rector", "Dean", "Editor", "Historian"}
_BAD_INITIAL = {"No", "Nos", "St", "Mt", "Vol", "Ed", "Pp", "Op", "Cf", "Dr", "Mr", "Ms", "Co", "Inc", "Ltd", "Lt", "Col",
                "Maj", "Capt", "Sgt", "Gen", "Cpl", "Pte", "Rev"}


# "Kassymova, A., Akhmetov, R. "Title"": a reference's authors, surname, comma, initials
_LISTED_AUTHOR = re.compile(
    rf"(?:(?<=\n)|^|(?<=[A-Z]\.,\s)|(?<=[A-Z]\.\sand\s))({CAP}(?:-{CAP})?),\s+((?:[A-Z][a-z]?\.\s?){{1,3}})"
    rf"(?=\s*(?:,\s+(?:and\s+)?{CAP},\s+[A-Z]\.|and\s+{CAP},\s+[A-Z]\.|[\"“]|\(\s*(?:1[89]|20)\d\d))")


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
        if re.search(rf"(?:^|\n\s*|\d\.?\s+|;\s*){CAP}(?:-{CAP})?,\s*$", text[max(0, m.start() - 40):m.start()]):
            continue   # "Sokolova, E. V. Notes of a Camp Doctor": a reference's inverted author, then its title
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
    rev = re.compile(rf"\b({CAP}(?:-{CAP})?)\s+((?:[A-Z][a-z]?\.\s?){{1,3}})(?=[\s,;:.(]|$)")
    cited: list[Mention] = []
    for m in rev.finditer(text):
        surname = m.group(1)
        inits = re.findall(r"([A-Z][a-z]?)\.", m.group(2))
        if surname in not_surnames or surname in lex["places"] or surname in lex["given_names"] or \
                surname in _TITLE_WORDS or any(i in _BAD_INITIAL for i in inits) or \
                re.search(r"\b(?:[A-Z][a-z]?\.\s?)$", text[:m.start()]):
            continue
        # "Lit.: Galkin V. P. Camps for ...; Tanaka K. (田中 健二). Karaganda no yuki": an item of a list of works
        # opens with its author, surname first, and a title follows
        rest = re.match(r"[^;\n]*", text[m.end():]).group(0)
        item = re.search(r"(?:^|\n|[;:]\s*|\[?\d{1,3}[.\]]\s+)$", text[:m.start()]) is not None and \
            re.search(r"[.,]\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?[,:]\s+(?:[^,;\n]+,\s+)?(?:1[89]|20)\d\d|//|"
                      r"\.\s+(?:1[89]|20)\d\d\b", rest) is not None
        if len(inits) == 1 and not item:
            continue
        nxt = re.match(rf"\s*({CAP})\b", text[m.end():])
        if nxt and nxt.group(1) not in not_surnames and nxt.group(1) not in lex["places"] and not item:
            continue   # "Later V. P. Ivanov": the initials belong to the name that follows
        end = m.start(2) + len(m.group(2).rstrip())
        label = " ".join(f"{i}." for i in inits) + " " + surname
        mention = Mention("person", "Person", m.start(), end, text[m.start():end], label,
                          f"person:{surname.lower()}", {"initials": inits, "surname": surname})
        out.append(mention)
        if item:
            cited.append(mention)
    # (not "V. P. Camps" out of "Galkin V. P. Camps for ...": the initials are the cited author's)
    out = [o for o in out if not any(c.start < o.start < c.end for c in cited)]
    # "Kassymova, A., Akhmetov, R. "The hospital lists"": the authors of a reference, surname, comma, initials
    for m in _LISTED_AUTHOR.finditer(text):
        surname = m.group(1)
        inits = re.findall(r"([A-Z][a-z]?)\.", m.group(2))
        if surname in not_surnames or surname in lex["places"] or any(i in _BAD_INITIAL for i in inits):
            continue
        end = m.start(2) + len(m.group(2).rstrip())
        label = " ".join(f"{i}." for i in inits) + " " + surname
        out.append(Mention("person", "Person", m.start(), end, text[m.start():end], label,
                           f"person:{surname.lower()}", {"initials": inits, "surname": surname}))
    # "Lyudmila P. Gerasimova", "Kairat S. Aldazhumanov": a given name, a patronymic's initial, a surname
    middle = re.compile(rf"\b({CAP})\s+([A-Z]\.)\s?({CAP}(?:-{CAP})?)\b")
    for m in middle.finditer(text):
        first, surname = m.group(1), m.group(3)
        if any(c.start == m.start() for c in cited):
            continue   # "Kubota M. Kazafusutan ikotsu ...": a cited author, surname first, then a title
        inside_a_title = re.search(r"\b[A-Z][a-z]+\s+$", text[max(0, m.start() - 30):m.start()])
        if first in not_surnames or first in _TITLE_WORDS or first in _NOT_NAMES or first in lex["places"] or \
                surname in not_surnames or surname in lex["places"] or \
                inside_a_title and first not in lex["given_names"]:  # "Doctor of Historical Sciences S. Kuznetsov"
            continue
        label = f"{first} {m.group(2)} {surname}"
        out.append(Mention("person", "Person", m.start(), m.end(), m.group(0), label, f"person:{surname.lower()}",
                           {"given": first, "initials": [m.group(2)[0]], "surname": surname}))
    # "Rustem Ismailovich Galeev": a given name, a patronymic and a surname, whatever the given name (the patronymic
    # says it is one), not after a word that takes a name ("of Medical Service Rustem ...": "Service" is none)
    for m in re.finditer(rf"\b({CAP})\s+({CAP}(?:ovich|evich|ovna|evna|ichna))\s+({CAP}(?:-{CAP})?)\b", text):
        first, patronymic, surname = m.groups()
        if first in not_surnames or first in _TITLE_WORDS or first in _NOT_NAMES or first in lex["places"] or \
                first.lower() in lex.rank_words or surname in not_surnames or surname in lex["places"]:
            continue
        out.append(Mention("person", "Person", m.start(), m.end(), m.group(0), m.group(0), f"person:{surname.lower()}",
                           {"given": first, "surname": surname, "rest": [patronymic]}))
    given = alternation(lex["given_names"])
    full = re.compile(rf"\b({given})\s+({CAP}(?:-{CAP})?)(?:\s+({CAP}))?\b")
    for m in full.finditer(text):
        parts = [p for p in m.groups() if p]
        # (a town's name is a surname after a given name: "Kenji Morioka", "Hiroshi Kanazawa"; not a third word)
        if parts[-1] in not_surnames or parts[-1] in lex["places"] and len(parts) == 3:
            parts = parts[:-1]
        if len(parts) < 2 or parts[1] in not_surnames:
            continue
        end = m.start() + len(" ".join(parts)) if text[m.start():].startswith(" ".join(parts)) else m.end()
        label = " ".join(parts)
        if len(parts) == 3 and PATRONYMIC.search(parts[1]):
            parts = [parts[0], parts[2], parts[1]]   # "Grigory Pavlovich Malyshev": the patronymic before the surname
        out.append(Mention("person", "Person", m.start(), end, text[m.start():end], label,
                           f"person:{parts[1].lower()}", {"given": parts[0], "surname": parts[1],
                                                         "rest": parts[2:]}))
    ranks = r"General|Marshal|Colonel|Lieutenant|Major|Captain|Admiral|Prime Minister|President|Emperor|Chancellor|" \
            r"Minister|Premier|Ambassador"
    no_name = {w.lower() for w in lex.not_person_words} | {w.lower() for w in _NOT_NAMES | _TITLE_WORDS} | \
        lex.rank_words   # "Private First Class Kenji Ogawara": no family name "Class"
    for m in re.finditer(rf"\b({ranks})\s+({CAP}(?:-{CAP})?)(?:\s+({CAP}))?\b", text):
        surname = m.group(2)
        if surname in not_surnames or surname in lex["places"] or surname in _NOT_NAMES or \
                surname in lex["given_names"] or surname in lex["known_persons"] or re.fullmatch(ranks, surname):
            continue
        end = m.end(2)
        if m.group(3) and m.group(3).lower() not in no_name and m.group(3) not in lex["places"] and \
                not re.fullmatch(ranks, m.group(3)):
            end = m.end(3)   # "General Hosokawa Isao": a name in Japanese order, family name first
        name = text[m.start(2):end]
        out.append(Mention("person", "Person", m.start(2), end, name, name, f"person:{surname.lower()}",
                           {"surname": surname, "position": m.group(1)}))
    # two capitalised words with the name in kanji after them: "Kuroda Tetsuo (黒田哲夫, 1905–1977)"
    for m in re.finditer(rf"\b({CAP})\s+({CAP})\s*\(([\u3040-\u30ff\u4e00-\u9fff]{{2,6}})[,;)]", text):
        family, given = m.group(1), m.group(2)
        if {family.lower(), given.lower()} & no_name or family in lex["places"] or given in lex["places"] or \
                family in not_surnames:
            continue
        out.append(Mention("person", "Person", m.start(), m.end(2), text[m.start():m.end(2)],
                           f"{family} {given}", f"person:{family.lower()}",
                           {"surname": family, "given": given, "rest": []}))   # (the brackets: `brackets`)
    # "Valentina Kravets (Валентина Кравец)": a name with the same name in Cyrillic after it
    for m in re.finditer(rf"\b({CAP})\s+({CAP}(?:-{CAP})?)(?:\s+({CAP}))?\s*\(([\u0400-\u04ff]+(?:[\s-]+[\u0400-\u04ff]+)"
                         rf"{{1,2}})[,;)]", text):
        words = [w for w in m.groups()[:3] if w]
        if len(words) != len(m.group(4).split()) or any(w.lower() in no_name or w in lex["places"] or
                                                         w in not_surnames for w in words):
            continue
        end = m.end(len(words))
        out.append(Mention("person", "Person", m.start(), end, text[m.start():end], " ".join(words),
                           f"person:{words[-1].lower()}", {"given": words[0], "surname": words[-1],
                                                           "rest": words[1:-1]}))
    # "Mr. Fujii", "Mrs Sato": a surname with its honorific
    honorifics: dict[str, str | None] = lex["honorifics"]
    for m in re.finditer(rf"\b({alternation(list(honorifics))})\.?\s+({CAP}(?:-{CAP})?)(?!\s+{CAP})\b", text):
        surname = m.group(2)
        if surname in not_surnames or surname in lex["places"] or surname.lower() in no_name:
            continue
        attrs = {"surname": surname}
        if honorifics[m.group(1)]:   # "Mr Morisaki" is a man, "Mrs Morisaki" a woman
            attrs["gender"] = honorifics[m.group(1)]
        out.append(Mention("person", "Person", m.start(), m.end(), m.group(0), m.group(0),
                           f"person:{surname.lower()}", attrs))
    # "the Reverend Shoun Takeda", "Dr Aliya Nurlanova": two names after an honorific are a person's, whichever
    # order they are in (the last is taken for the family name, as a reader of English would)
    for m in re.finditer(rf"\b(?:{alternation(list(honorifics))})\.?\s+({CAP})\s+({CAP}(?:-{CAP})?)(?![\w'’-]|\s+{CAP})", text):
        words = (m.group(1), m.group(2))
        if any(w in not_surnames or w in lex["places"] or w.lower() in no_name or w in honorifics for w in words):
            continue
        out.append(Mention("person", "Person", m.start(1), m.end(2), text[m.start(1):m.end(2)], " ".join(words),
                           f"person:{words[1].lower()}", {"given": words[0], "surname": words[1], "rest": []}))
    # Japanese order, family name first: "Tanaka Ichiro"
    for m in re.finditer(rf"\b({CAP})\s+({alternation(lex['japanese_given_names'])})\b", text):
        family = m.group(1)
        if family in not_surnames or family in lex["places"] or family in lex["given_names"] or \
                family.lower() in no_name or family in lex["honorifics"] or re.fullmatch(ranks, family):
            # ("Mr Masao Fujiwara", "Ambassador Yoshio Kuroda": no family "Mr", "Ambassador")
            continue
        out.append(Mention("person", "Person", m.start(), m.end(), m.group(0), m.group(0),
                           f"person:{family.lower()}", {"surname": family, "given": m.group(2), "rest": []}))
    # "Iwata Genzō", "Ōta Kiyoshi": two words that are both Japanese in Hepburn romanisation, alone (no capitalised
    # word or "the" around them, no place or word of the lexicon, not a ship or a newspaper)
    heads = set(lex["japanese_name_like_heads"])
    for m in re.finditer(rf"(?<![\w'’-])(?=({CAP})\s+({CAP})(?![\w'’-]))", text):   # pairs may overlap
        family, given = m.group(1), m.group(2)
        if given in heads or family in lex["honorifics"] or family.lower() in no_name or given.lower() in no_name or family in lex["places"] or \
                given in lex["places"] or family in lex["given_names"] or not (is_hepburn(family) and is_hepburn(given)) or \
                (before := re.search(r"\b([Tt]he|[A-Z][\w'’-]*)\s+$", text[max(0, m.start() - 30):m.start()])) and \
                before.group(1).lower() not in lex.rank_words and before.group(1) not in lex["honorifics"] or \
                re.match(r"\s+[A-Z]", text[m.end(2):]) or text[m.start(1) - 1:m.start(1)] in "\"“«‘'" and m.start(1):
            continue   # (a quoted title in Japanese, "Akai Hoshi", is no name)
        out.append(Mention("person", "Person", m.start(1), m.end(2), text[m.start(1):m.end(2)],
                           f"{family} {given}", f"person:{family.lower()}", {"surname": family, "given": given,
                                                                             "rest": []}))
    # "from the memoirs of Hayashi Kenzo", "an interview with Yamada Keiko": whose words a text gives is a person
    for m in re.finditer(rf"\b(?:memoirs?|recollections|diary|diaries|letters|papers|notes|interview\s+with)\s+"
                         rf"(?:of\s+)?({CAP})\s+({CAP})\b", text):
        family, given = m.group(1), m.group(2)
        if family in not_surnames or family in lex["places"] or given in lex["places"] or \
                family.lower() in no_name or given.lower() in no_name:
            continue
        out.append(Mention("person", "Person", m.start(1), m.end(2), text[m.start(1):m.end(2)], f"{family} {given}",
                           f"person:{family.lower()}", {"surname": family, "given": given, "rest": []}))
    # "my sisters Haruko and Fumi", "my friend Sato", "his niece, Yumiko Ogawara": names after a kin noun
    kin = alternation(list(lex["kin_nouns"]) + lex["companion_nouns"])
    named_kin = re.compile(rf"\b(?:[Mm]y|[Hh]is|[Hh]er|[Oo]ur|[Tt]heir)\s+(?:(?:elder|younger|late|old|best|little|"
                           rf"eldest|youngest)\s+)?(?:{kin})s?,?\s+({CAP}(?:\s+{CAP})?)"
                           rf"((?:(?:\s*,\s*|\s+and\s+){CAP}(?:\s+{CAP})?)*)")
    for m in named_kin.finditer(text):
        for name in re.finditer(rf"{CAP}(?:\s+{CAP})?", text[m.start(1):m.end(2)]):
            words = name.group(0).split()
            if any(w.lower() in no_name or w in lex["places"] for w in words):
                break
            at = m.start(1) + name.start()
            out.append(Mention("person", "Person", at, at + len(name.group(0)), name.group(0), name.group(0),
                               f"person:{words[0].lower()}", {"surname": words[0], "given": words[-1], "rest": []}
                               if len(words) > 1 else {"surname": words[0]}))
    # "TAKEUCHI Isamu": a Japanese official record's family name in capitals, then the given name
    for m in re.finditer(r"\b([A-Z]{3,}(?:-[A-Z]+)?)\s+([A-Z][a-zāēīōū]{2,})\b", text):
        family = _title_case(m.group(1))
        if not (is_hepburn(family) and is_hepburn(m.group(2))) or m.group(1) in lex.not_acronyms or \
                family in not_surnames or m.group(2).lower() in no_name:
            continue
        out.append(Mention("person", "Person", m.start(), m.end(), m.group(0), f"{family} {m.group(2)}",
                           f"person:{family.lower()}", {"surname": family, "given": m.group(2), "rest": []}))
    for label, forms in lex["known_persons"].items():
        for m in re.finditer(r"\b(?:" + alternation(forms) + r")\b(?!-)", text):
            out.append(Mention("person", "Person", m.start(), m.end(), m.group(0), label,
                               f"person:{label.lower()}", {"surname": label}))
    return out


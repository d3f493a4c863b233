"""Bodies the capitalised-head patterns of `mentions` miss: a proper name before a lower-case head
("Pribalkhashstroi trust", "Karaganda regional directorate of the MVD"), a lower-case head with "of" and a
proper name ("akimat of Karaganda Region", "town administration of Balkhash"). Heads and classes are
`lexicon.yaml: org_heads_lower`; a body named by a number ("special hospital No. 1108": `numbered_bodies`). (Acronyms the recogniser calls organisations are read by `named_entities`.)
"""

from __future__ import annotations

import re

from kg.extract.text.lexicon import Lexicon, alternation

_NAME = r"[A-Z][\w’'-]*(?:[–-][A-Z][\w’'-]*)?"
_NOT_MODIFIERS = {"the", "a", "an", "of", "in", "at", "to", "and", "his", "her", "its", "their", "from", "by", "with",
                  "was", "were", "is", "as", "for", "on", "into", "that", "which", "where", "The", "A", "An"}
# "of the Ministry of Internal Affairs", "of the MVD"
# ("the administration of camp No. 37": of a camp named by its number)
_OF = rf"\s+of\s+(?:the\s+)?(?:(?:[A-Z][a-z]+\s+)?[Cc]amp\s+(?:No\.?|N|№)\s?\d{{1,4}}|" \
      rf"(?:{_NAME}|[A-Z]{{2,6}})(?:\s+(?:{_NAME}|[A-Z]{{2,6}}))*(?:\s+camp\s+No\.\s?\d+|" \
      rf"\s+(?:oblast|region|raion|krai|oblispolkom|obkom|gorispolkom|gorkom|raikom|ispolkom))?)(?:(?:\s+(?:of|for)\s+(?:the\s+)?|\s+and\s+(?!the\b))" \
      rf"{_NAME}(?:\s+{_NAME})*(?:\s+(?:oblast|region|raion|krai))?)*"


def bodies(text: str, lex: Lexicon) -> list[tuple[int, int, str]]:
    """(start, end, class) of each body named so."""
    heads: dict[str, str] = lex["org_heads_lower"]
    head = alternation(list(heads))
    out = []
    stop = set(lex["not_surnames"]) | set(lex["demonyms"]) | {"The", "A", "An", "Its", "His", "Her", "Their", "Our",
                                                             "This", "That", "These", "Those", "Each", "Every"}
    # "Dzhezkazgan copper combine", "Kuibyshev regional MVD administration": lower-case words or an acronym
    # between the proper name and the head
    modifiers = r"(?:(?!(?:the|of|and|or|in|at|to|a|an|for|with|on|by|from|was|were|is)\b)[a-z]+\s+|[A-Z]{2,6}\s+)"
    # on one line; a museum "of local history" or "of local lore" keeps those words
    named = re.compile(rf"\b((?:{_NAME}[ \t]+){{1,3}})({modifiers}{{0,2}})({head})\b"
                       rf"(?:\s+of\s+local\s+(?:history|lore)(?:\s+and\s+ethnography)?|{_OF})?")
    verbs = alternation(lex["heads_also_verbs"])
    for m in named.finditer(text):
        if re.fullmatch(verbs, m.group(3)) and not m.group(2) and \
                re.match(r"\s+(?:at|in|for|as|on|with|under|there|here|hard|long|until)\b", text[m.end(3):]):
            continue   # "Sato from Sakata works at the quarry": the verb
        words = m.group(1).split()
        while words and (words[0] in stop or words[0].endswith("-based")):
            words = words[1:]   # (not "a Tokyo-based association": where a body sits is no part of a name)
        if not words:
            continue
        start = text.index(words[0], m.start(1))
        out.append((start, m.end(), heads[m.group(3)]))
    # "the Japanese embassy in Astana": a country's mission, named by its people and where it sits
    for m in re.finditer(rf"\b(?:{alternation(list(lex['demonyms']))})\s+(?:embassy|consulate(?:[- ]general)?)"
                         rf"(?:\s+in\s+{_NAME})?", text):
        if not any(a <= m.start() < b for a, b, _ in out):
            out.append((m.start(), m.end(), "StateBody"))
    # "the regional NKVD administration", "the district MVD department": a body named by its level and acronym
    for m in re.finditer(rf"\b(?:regional|district|city|town|oblast|republican)\s+"
                         rf"(?:{alternation(lex['body_acronyms'])})\s+(?:{head})\b", text):
        if not any(a <= m.start() < b for a, b, _ in out):
            out.append((m.start(), m.end(), "StateBody"))
    # "the regional prisoner-of-war directorate", "the republican prisoner-of-war administration": a body named by
    # its level and a hyphenated word of what it deals with (a level alone, "the regional directorate", refers back)
    for m in re.finditer(rf"\b(?:[Tt]he)\s+((?:regional|republican|oblast|central|city|district)\s+[a-z]+(?:-[a-z]+)+\s+"
                         rf"(?:directorate|administration|department|commission))\b", text):
        if not any(a <= m.start(1) < b for a, b, _ in out):
            out.append((m.start(1), m.end(1), "StateBody"))
    # "Karaganda UPVI", "Karaganda UMVD": a regional body named by its place and the acronym of its kind
    for m in re.finditer(rf"\b({alternation(list(lex.place_aliases))})\s+({alternation(lex['body_acronyms'])})\b",
                         text):
        out.append((m.start(), m.end(), "StateBody"))
    before_of = alternation(lex["org_heads_lower_before_of"])
    # "inspection commission of the ...", "the prisoner-of-war directorate of the NKVD" (a hyphenated modifier whole)
    for m in re.finditer(rf"\b(?:\d+(?:st|nd|rd|th)\s+)?(?:[a-z]+(?:-[a-z]+)+\s+|{modifiers})?({before_of}){_OF}", text):
        if re.match(r"[\w-]", text[max(0, m.start() - 1):m.start()]) or any(a <= m.start() < b for a, b, _ in out):
            continue
        out.append((m.start(), m.end(), heads[m.group(1)]))
    # "the regional archive in Karaganda", "the city museum in Temirtau": a body named by its kind and its town
    for m in re.finditer(rf"\b(?:the\s+)((?:regional|city|town|district|state|central|local)\s+({head}))\s+in\s+"
                         rf"(?:the\s+)?({alternation(list(lex.place_aliases))}|{_NAME})\b", text):
        if not any(a <= m.start(1) < b for a, b, _ in out):
            out.append((m.start(1), m.end(), heads[m.group(2)]))
    numbered: dict[str, str] = lex["numbered_bodies"]
    number = r"\s+(?:No\.|N|№)\s?\d{1,5}\b"
    for m in re.finditer(rf"\b((?:[A-Za-z]+\s+){{0,3}})(?i:({alternation(list(numbered))})){number}", text):
        words = m.group(1).split()
        kept: list[str] = []   # the run of name words and modifiers right before the head ("Karaganda Regional",
        for w in reversed(words):   # "evacuation"), not "went to" before it
            if w.lower() in _NOT_MODIFIERS or w[0].islower() and w not in lex["numbered_body_modifiers"]:
                break
            kept.insert(0, w)
        words = kept
        start = m.start(2) - len(" ".join(words)) - (1 if words else 0)
        written = text[start:m.end()]
        head = max((h for h in numbered if re.search(rf"\b{h}{number}", written, re.I)), key=len)
        out.append((start, m.end(), numbered[head]))
    return out

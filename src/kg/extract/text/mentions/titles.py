"""Titles written without quotes after the noun that says what they are: "the memoir Karaganda Sketchbook",
"the camp newspaper Nihon Shimbun", "his memoir, Rivers of Ice, appeared".

A head noun of `lexicon.yaml: title_heads` (-> class) followed by a capitalised word starts a title; the title
runs over capitalised words and the small words of titles ("of", "the", "no", ":"), and ends before a bracket,
a comma or a lower-case word that is not one of those. A romanised title in sentence case is read when its
translation follows in brackets ("His memoir, Supassuku no hoshi (The Stars of Spassk)").
"""

from __future__ import annotations

import re

from kg.extract.text.lexicon import Lexicon, alternation

_SMALL = r"(?:of|the|on|and|in|no|to|a|an|for|from|at|by)"
_WORD = r"[A-Z][\w'’-]*"
_CJK = r"[\u3040-\u30ff\u4e00-\u9fff]"
_PERIODICALS = {"newspaper", "journal", "magazine", "weekly", "monthly"}
# the adjectives a title's noun may have ("the collective work", "a small book", "the documentary series")
_MODIFIERS = (r"camp|daily|weekly|wall|local|regional|underground|collected|edited|small|short|new|first|second|"
              r"third|last|final|collective|documentary|joint|official|illustrated|annotated|bilingual|critical|"
              r"internal|later|early|earlier|detailed|popular|classic|standard|general|brief|full|handwritten|"
              r"typewritten|printed|hectographed|mimeographed")
# a span of years that ends a title ("Karaganda Camps, 1945–1950")
_SPAN = r"(?:,\s+(?:1[89]|20)\d\d\s*[–-]\s*(?:1[89]|20)\d\d)?"


def titles(text: str, lex: Lexicon) -> list[tuple[int, int, str]]:
    """(start, end, class) of each title named so."""
    heads: dict[str, str] = lex["title_heads"]
    out = []
    # ("the three-volume series Karaganda Camps, 1945–1950", "a book of essays, The Colour of Coal Dust")
    pat = re.compile(rf"\b(?:[Tt]he\s+|[Hh]is\s+|[Hh]er\s+|[Tt]heir\s+|[Ww]hose\s+|[Aa]n?\s+|[A-Z][a-z]+['’]s\s+)"
                     rf"(?:(?:[a-z][a-z]*-[a-z]+|[a-z]+-[A-Z][a-z]+|[A-Z][a-z]+[-–][A-Z][a-z]+|Japanese|Russian|Kazakh|[a-z]+s['’]|"
                     rf"{_MODIFIERS}|{alternation(list(heads))})\s+){{0,3}}"   # ("the survivors' memoir collection")
                     rf"({alternation(list(heads))})((?:\s+of\s+(?:the\s+)?[a-z]+)?,?)"
                     rf"\s+(?:(?:called|entitled|titled|named)\s+)?"
                     rf"({_WORD}(?:\s*:\s*{_WORD}|\s+(?:{_WORD}|{_SMALL}|\d{{1,3}}\b))*{_SPAN})")
    named: dict[str, str] = lex["named_work_heads"]
    for m in re.finditer(rf"(?<![\w-])((?:{_WORD}\s+){{1,4}}?)({alternation(list(named))})\b", text):
        words = list(re.finditer(r"\S+", m.group(1)))
        while words and words[0].group() in ("The", "A", "An", "In", "On", "At", "By", "From", "To", "Its", "His",
                                             "Her"):
            words = words[1:]
        if words:   # "the Karaganda Regional Encyclopaedia", "the Steppe Herald"
            out.append((m.start(1) + words[0].start(), m.end(), named[m.group(2)]))
    for m in pat.finditer(text):
        words = m.group(3).split()
        while words and re.fullmatch(_SMALL, words[-1]):
            words = words[:-1]
        # "the memoir Twenty Septembers by Hirano Kōichi": a name after "by" is who wrote it, not the title's
        words = re.sub(rf"\s+by(?:\s+{_WORD}){{1,4}}$", "", " ".join(words)).split()
        # "the camp newspaper Aurora (曙光)", "the newspaper Pravda": a paper's one-word name
        periodical = m.group(1) in _PERIODICALS and len(words) == 1
        if len(words) < 2 and not re.search(r"[A-Z].*[A-Z]", words[0] if words else "") and not periodical:
            continue   # "the book Memory": one word is more often a name than a title
        if m.group(2) and not (len(words) >= 3 or any(re.fullmatch(_SMALL, w) for w in words)):
            continue   # "the report, Colonel Ivanov wrote": after a comma, only what reads as a title
        if m.group(0)[:5].lower() == "whose" and not re.match(r"\s*[(,]|\s+(?:is|was|has|had|appeared|came|remains)\b",
                                                              text[m.start(3) + len(" ".join(words)):]):
            continue   # "Sato, whose memoir Tanaka Ichiro edited": a relative clause's subject, not a title
        title = " ".join(words)
        out.append((m.start(3), m.start(3) + len(title), heads[m.group(1)]))
    # "His memoir, Supassuku no hoshi (The Stars of Spassk)", "a small book, Karaganda no yuki (Snow of
    # Karaganda)", "his memoir Kaze no naka (1979)": a romanised title in sentence case, which its translation
    # or its year in brackets closes
    translated = re.compile(rf"\b(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Aa]|[A-Z][a-z]+['’]s)\s+(?:[a-z]+\s+)?({alternation(list(heads))}),?"
                            rf"\s+({_WORD}:?(?:\s+[\w'’-]+){{1,6}}?)\s*\((?:[A-Z][^()]{{2,80}}|(?:1[89]|20)\d\d|{_CJK}[^()]{{0,40}})\)")
    for m in translated.finditer(text):
        if not any(a <= m.start(2) < b for a, b, _c in out):
            out.append((m.start(2), m.end(2), heads[m.group(1)]))
    # "published the diary in 2011 as Karabas Notebook (カラバス手帳)": the title it was published under
    for m in re.finditer(rf"\bpublish(?:ed|es)?\b[^.;]{{0,60}}?\bas\s+({_WORD}(?:\s+(?:{_WORD}|{_SMALL}))*)", text):
        words = m.group(1).split()
        while words and re.fullmatch(_SMALL, words[-1]):
            words = words[:-1]
        if len(words) >= 2 and not any(a <= m.start(1) < b for a, b, _c in out):
            out.append((m.start(1), m.start(1) + len(" ".join(words)), "Book"))
    # "Hideo Tanabe's Snow over Spassk (1983)": a title in title case after a possessive name, its year after it
    dated = re.compile(rf"\b[A-Z][\w'’-]+['’]s\s+({_WORD}(?:\s+(?:{_WORD}|{_SMALL}|over|under|without|with|"
                       rf"beyond|after|before))*?)\s*\(\s*(?:1[89]|20)\d\d\s*\)")
    for m in dated.finditer(text):
        if len(m.group(1).split()) >= 2 and not any(a <= m.start(1) < b for a, b, _c in out):
            out.append((m.start(1), m.end(1), "Book"))
    # "the memoir of Yoshiro Takabatake, Fourteen Winters (Tokyo, 1978)": a title its imprint follows
    bodies = {w for head in lex["org_heads"] for w in head.split()[-1:]}
    given = set(lex["given_names"]) | set(lex["japanese_given_names"])
    imprint = re.compile(rf"(?<![\w'’-])({_WORD}(?:\s+(?:{_WORD}|{_SMALL}))+)\s*\({_WORD}(?:[ -]{_WORD})?"
                         rf"(?::\s*[^,()\n]{{2,60}})?,\s*(?:1[89]|20)\d\d\)")
    for m in imprint.finditer(text):
        words = m.group(1).split()
        while words and re.fullmatch(rf"{_SMALL}|In|At|On|From|By|With|See|The|A|An", words[0]) and len(words) > 2:
            words = words[1:]   # ("In Fourteen Winters (Tokyo, 1978)": the title after the preposition)
        start = m.end(1) - len(" ".join(words))
        # (not a body, "the Memorial Society (Karaganda, 1992)", nor persons, "edited by Hiroyuki Tsuda (Almaty,
        # 2024)", "Hayashi Kiyoshi (Karaganda, 1949)")
        if len(words) < 2 or re.fullmatch(_SMALL, words[-1]) or words[-1] in bodies or set(words) & given or \
                re.search(r"\bby\s+$", text[max(0, start - 4):start]) or any(a <= start < b for a, b, _c in out):
            continue
        out.append((start, m.end(1), "Book"))
    # "Captives of the Steppe (2008), a collection of oral testimonies": a title that its year and its kind follow
    # ("Japanese Prisoners of War in Kazakhstan: Documents and Materials, a volume of 412 pages": a long title
    # with its kind and no year)
    kinded = re.compile(rf"((?:{_WORD})(?:\s*:\s*{_WORD}|\s+(?:{_WORD}|{_SMALL}))+)(?:\s*\(\s*(?:1[89]|20)\d\d\s*\)|"
                        rf"(?<=[a-z])(?=,))"
                        rf",\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,2}}?({alternation(list(heads))})\b")
    for m in kinded.finditer(text):
        if not re.search(r"\(|:", m.group(0)[:len(m.group(1)) + 3]) and len(m.group(1).split()) < 4:
            continue   # without its year, only a long title or one with a subtitle
        start = m.start(1) + len(re.match(r"(?:(?:In|At|On|From|By|With|See)\s+)?", m.group(1)).group(0))
        if not any(a <= start < b for a, b, _c in out):
            out.append((start, m.end(1), heads[m.group(2)]))
    return out

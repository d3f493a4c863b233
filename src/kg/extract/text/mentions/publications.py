"""Publications: quoted titles with an author, a citation or a head noun before them; works cited by author
and year in brackets ("(Abenov 1997; Nagano and Seitkali 1996: 41)")."""

from __future__ import annotations

import re

from kg.extract.text.lexicon import Lexicon, alternation
from kg.extract.text.mentions.mention import CAP, Mention, mention_at, title_key
from kg.extract.text.spans import YEAR_RE, Quoted


def publications(text: str, lex: Lexicon, quotes: list[Quoted]) -> list[Mention]:
    out: list[Mention] = []
    heads = alternation(lex["publication_heads"])
    for q in quotes:
        after = text[q.end:q.end + 60]
        before = text[max(0, q.start - 120):q.start]
        cite = re.match(rf"\s*\(\s*(?:({CAP}(?:\s+{CAP})?),\s*)?({YEAR_RE})\s*\)", after)
        near_cite = re.match(rf"[^()\"“”]{{0,20}}[\"”»]?\s*\(\s*({CAP}(?:\s+{CAP})?),\s*({YEAR_RE})\s*\)", after)
        possessive = re.search(rf"\b{CAP}['’]s\s*$", before)
        person_before = re.search(rf"(?:[A-Z]\.\s?)+\s*{CAP}\s*$", before) or \
            re.search(rf"(?:^|\n|\d\s)\s*{CAP}(?:\s+{CAP}){{1,2}}\s*\([^()\n]{{2,80}}\),\s*$", before) or \
            re.search(rf"(?:^|\n)\s*{CAP},\s+(?:[A-Z]\.\s?)+(?:,\s+{CAP},\s+(?:[A-Z]\.\s?)+)*\s*$", before)
        # ("10:30 Hiroyuki Tsuda (Kyoto University), "Counting the dead"": a programme's paper, by its speaker;
        # "Kassymova, A., Akhmetov, R. "The hospital lists", Bulletin ...": a reference's title)
        head_before = re.search(rf"\b(?:{heads})\b[^.;]*$", before, re.IGNORECASE)
        # '"Snow over the Steppe" (Sutteppu no yuki), the memoir of ...': what it is, said after it
        head_after = re.match(rf"[\"”»]?\s*(?:\([^()]{{1,80}}\))?\s*,\s+(?:the|a|an|his|her|their)\s+(?:\w+\s+)?"
                              rf"(?:{heads})\b", after + text[q.end + 60:q.end + 140], re.IGNORECASE)
        # '"Echelons to the Steppe" came out in Russian in 2021': a title that is published
        published = re.match(r"[\"”»]?\s*(?:\([^()]{1,80}\)\s*)?(?:was\s+|were\s+|has\s+been\s+|is\s+)?"
                             r"(?:first\s+)?(?:came\s+out|published|appeared\s+in\s+print|reissued|reprinted|"
                             r"translated)\b", after)
        act_before = re.search(r"\b(?:decree|resolution|order|law|decision|directive|instruction|No\.\s?\d+|"
                               r"\d{4})\s*$", before, re.IGNORECASE)
        word_count = len(q.text.split())
        if act_before or word_count < 2 and not cite:
            continue
        if not (cite or near_cite or possessive or person_before or head_before or head_after or published or
                re.match(r"\s*\(\s*(?:under|edited|ed\.)", after)):
            continue
        title = q.text.rstrip(".")
        cls = "ResearchProject" if head_before and re.search(r"\bproject\b", head_before.group(0)) else "Book"
        if head_before and re.search(r"\bcollections?\b", head_before.group(0)):
            cls = "DocumentCollection"
        mention = Mention("publication", cls, q.tstart, q.tstart + len(q.text), q.text, title,
                          "publication:" + title_key(title))
        parts = [p.strip() for p in re.split(r"(?<=[a-z])\.\s+(?=[A-Z])|\n\s*\n", title) if p.strip()]
        if len(parts) > 1 and all(len(p.split()) >= 3 for p in parts):
            mention.names.extend(p.rstrip(".") for p in parts)
        cite = cite or near_cite
        if cite:
            if cite.group(1):
                mention.attrs["place"] = cite.group(1)
            mention.attrs["year"] = cite.group(2)
        out.append(mention)
    # "the Hokkaido Shimbun", "Ōu Shinpō (奥羽新報)": a newspaper named in romaji
    for m in re.finditer(rf"\b(?:(?!The\b)[A-ZĀŌŪ][\w’'-]*\s+){{1,2}}(?:{alternation(lex['newspaper_name_heads'])})\b", text):
        out.append(mention_at("publication", "Publication", m, text, m.group(0),
                              "publication:" + title_key(m.group(0))))
    for m in re.finditer(r"\bBook\s+of\s+(?:Memory|Remembrance|Sorrow)\b", text):
        out.append(mention_at("publication", "Book", m, text, m.group(0), "publication:" + title_key(m.group(0))))
    for m in re.finditer(r"\b(?:an?\s+)?(\d+|" + alternation(list(lex["number_words"])) +
                         r")-volume\s+(?:edition|collection|work|publication|series)\b", text):
        label = re.sub(r"^an?\s+", "", m.group(0))
        mention = mention_at("publication", "MultiVolumeWork", m, text, label, f"publication:anon-{m.start()}")
        mention.attrs["anonymous"] = True
        mention.attrs["volumes"] = m.group(1) if m.group(1).isdigit() else str(lex["number_words"][m.group(1)])
        out.append(mention)
    out += cited_works(text, lex)
    return out


_SURNAME = r"[A-ZĀĒĪŌŪ][a-zāēīōū'’-]+(?:[A-Z][a-z]+)?"
_CITED = re.compile(rf"(?:(?:see|cf\.|e\.g\.)\s+)?(?:also\s+)?({_SURNAME}(?:\s+(?:and|&)\s+{_SURNAME}|\s+et\s+al\.)?),?"
                    rf"\s+((?:1[89]|20)\d\d[a-z]?)(?:\s*[:,]\s*(?:pp?\.\s*)?\d+(?:\s*[–-]\s*\d+)?)?")


def cited_works(text: str, lex: Lexicon) -> list[Mention]:
    """"(Abenov 1997)", "(Nagano and Seitkali 1996; see also Shirai 2004: 41-43)": each item of an author-year
    citation in brackets is a work, labelled as cited; its authors' surnames are kept for the facts stage, which
    links the persons of the text who bear them."""
    out: list[Mention] = []
    not_names = lex.not_person_words
    for bracket in re.finditer(r"\(([^()]{6,200})\)", text):
        at = bracket.start(1)
        for item in re.finditer(r"[^;]+", bracket.group(1)):
            m = _CITED.fullmatch(item.group(0).strip())
            if m is None:
                continue
            surnames = [n for n in re.split(r"\s+(?:and|&)\s+|\s+et\s+al\.", m.group(1)) if n]
            if any(n in not_names or n.lower() in not_names for n in surnames):
                continue   # "(Karaganda 1946)": a place and a year
            start = at + item.start() + len(item.group(0)) - len(item.group(0).lstrip()) + m.start(1)
            label = f"{m.group(1)} {m.group(2)}"
            mention = Mention("publication", "Publication", start, start + m.end(2) - m.start(1),
                              text[start:start + m.end(2) - m.start(1)], label, "publication:" + title_key(label))
            mention.attrs["year"] = m.group(2)[:4]
            mention.attrs["cited_authors"] = surnames
            out.append(mention)
    return out


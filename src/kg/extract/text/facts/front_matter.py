"""The front matter of a document: the lines between its title and its text that say who wrote it, for whom, who
translated it, which body issues it and when ("By Dana Zhaksylykova", "Reviewed by X, University of Y", "TO: the
Head of ..., Major General N. I. Fadeyev", "Translated from the Japanese by X", "Ministry of Foreign Affairs of
the Republic of Kazakhstan, Press Service", "Astana, 22 November 2023").

They are facts of the document read: `jpow:author`, `jpow:editor`, `jpow:translator`, `jpow:addressee`,
`jpow:issuingBody`, `jpow:date`. A line that opens with a role (`front_matter_roles` in the lexicon) counts in the
first blocks, notes under the title included; a line of names alone ("Sato Michiko (Tohoku University) and
Dmitry V. Belousov (Karaganda State University)") or of a body alone, only before the text begins. Where the
persons work is the signature reader's (`facts/signatures.py`)."""

from __future__ import annotations

import re
from functools import cached_property

from kg.extract.text.mentions import Mention
from kg.extract.text.model import Fact, Passage, date_lit
from kg.sources.text import Block

FRONT_BLOCKS = 5      # the front matter lies within the first blocks
BODY_CHARS = 250      # a block this long is text, and the front matter is over
ROLE_LINE_CHARS = 160   # "By the decision of ..." opening a long sentence is no byline
_SENTENCE = re.compile(r"[^.!?\n]+[a-z\d)”\"][.!?](?=\s|$)")   # (not "Colonel G. N. Rudnev": initials)
# what follows a byline's names is an affiliation or a date, not a clause: ", the report was sent"
_CLAUSE = re.compile(r"\b(?:was|were|is|are|has|had|have|gives|gave|lists|became|remained)\b|,\s+(?:the|a|an|he|she|it|"
                     r"they|we)\s")
ROLE_PROPERTY = {"author": "jpow:author", "editor": "jpow:editor", "translator": "jpow:translator",
                 "addressee": "jpow:addressee"}


class FrontMatterFacts:
    """Read by `DocumentReader` on each of the first blocks."""

    @cached_property
    def _front_roles(self) -> list[tuple[re.Pattern, str]]:
        return [(re.compile(pattern), role) for pattern, role in self.lex["front_matter_roles"].items()]

    def _front_matter_facts(self, block: Block, mentions: list[Mention], ds) -> list[Passage]:
        if self.document is None or not 0 < self.blocks_read < FRONT_BLOCKS or self.body_started:
            return []
        text = block.text
        # text has begun: a long block, or a sentence ("Kuroda was born in Kanazawa in 1911.")
        if len(text.strip()) >= BODY_CHARS or any(len(x.split()) >= 8 for x in _SENTENCE.findall(text)):
            self.body_started = True
        passages = []
        for s, e, whole in _lines(text):
            facts = self._role_line(text, s, e, mentions, ds) if e - s <= ROLE_LINE_CHARS else None
            if facts is None and whole and not self.body_started:
                facts = self._names_line(text, s, e, mentions) or self._body_line(text, s, e, mentions, ds)
            if facts:
                quote, o_start, o_end = block.quote(s, e)
                passages.append(Passage(o_start, o_end, quote, facts, []))
        return passages

    def _role_line(self, text: str, s: int, e: int, mentions: list[Mention], ds) -> list[Fact] | None:
        """"By X", "From: ..., X", "Translated from the Russian by X", "DATE: 2 June 1947", "Posted by X, 9 July
        2019": the persons after the role (else the first body: a body that writes is the issuer), and a date."""
        for pattern, role in self._front_roles:
            m = pattern.match(text, s, e)
            if m is None:
                continue
            dated = _date_facts(self.document, [d for d in ds if m.end() <= d.start < e])
            if role == "date":
                return dated
            named = [x for x in mentions if m.end() <= x.start < e and x.entity is not None]
            persons = _name_list(text, [x for x in named if x.kind == "person"])
            # "From: Institute of ...", "Posted by Spassk Memorial Society": a body that writes (not after a bare
            # "By", which opens too many sentences)
            body = next((x for x in named if x.kind == "organization"), None) \
                if role in ("author", "addressee") and (":" in m.group() or m.group().strip().lower() != "by") else None
            last = persons[-1] if persons else body
            # a byline, not a sentence that opens with the same words ("Prepared by Major Ivanov in 1946, the
            # report was sent to Moscow", "By the end of 1948, ...")
            if last is None or _CLAUSE.search(text, last.end, e):
                return None
            if persons:
                return dated + [Fact(self.document, ROLE_PROPERTY[role], x.entity) for x in persons]
            prop = "jpow:issuingBody" if role == "author" else "jpow:addressee"
            return dated + [Fact(self.document, prop, body.entity)]
        return None

    def _names_line(self, text: str, s: int, e: int, mentions: list[Mention]) -> list[Fact]:
        """A line of authors' names alone, each with where they work: "A (Tohoku University) and B (...)"."""
        persons = [x for x in mentions if s <= x.start < e and x.kind == "person" and x.entity is not None]
        if not persons or persons[0].start != s or any(n in self.title_line for x in persons for n in x.entity.names):
            return []   # (a biography's title, then the person's full name: its subject, not its author)
        rest = _unnamed(text, s, e, [x for x in mentions if s <= x.start < e and x.entity is not None])
        # (brackets of an affiliation or an original spelling, not of years: "Tanaka Ichiro (1920-1998)", a caption)
        if re.search(r"[^\s,;()]", re.sub(r"\band\b|\([^()\d]*\)", "", rest)):
            return []
        return [Fact(self.document, "jpow:author", x.entity) for x in persons]

    def _body_line(self, text: str, s: int, e: int, mentions: list[Mention], ds) -> list[Fact]:
        """A line that is a body, its department and places ("Ministry of ..., Press Service"): the issuer; a
        place and a date alone ("Astana, 22 November 2023"): when the document was written."""
        named = [x for x in mentions if s <= x.start < e and x.entity is not None]
        dated = [d for d in ds if s <= d.start < e]
        rest = _unnamed(text, s, e, named, dated)
        if named and named[0].kind == "organization" and named[0].start == s and not dated and \
                not re.search(r"\d|[.:;!?]\s|\b(?:is|was|are|were|has|had)\b", rest):
            return [Fact(self.document, "jpow:issuingBody", named[0].entity)]
        if dated and named and all(x.kind == "place" for x in named) and not re.search(r"\w", rest):
            return _date_facts(self.document, dated)
        return []


def _lines(text: str) -> list[tuple[int, int, bool]]:
    """Lines of a block, and the sentences of a line that is a note ("Abstract of a thesis, 2011. Author: X."):
    (start, end, whether it is a whole line)."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        start, stops = m.start(), list(re.finditer(r"(?<=[a-z\d)\]])(?<!\bNo)(?<!\bvol)(?<!\bDr)(?<!\bMr)(?<!\bMrs)"
                                                   r"(?<!\bProf)(?<!\bCol)(?<!\bGen)\.\s+(?=[A-Z])", m.group()))
        for stop in stops:
            spans.append((start, m.start() + stop.start(), False))
            start = m.start() + stop.end()
        spans.append((start, m.end(), not stops))
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b, whole) for a, b, whole in spans if text[a:b].strip()]


def _name_list(text: str, persons: list[Mention]) -> list[Mention]:
    """The first person and those listed with it ("A, B and C"), not those a description names ("A, granddaughter
    of B")."""
    listed = persons[:1]
    for x in persons[1:]:
        gap = re.sub(r"\([^()]*\)", "", text[listed[-1].end:x.start])
        if not re.fullmatch(r"\s*(?:,|,?\s*and|&)\s*", gap):
            break
        listed.append(x)
    return listed


def _unnamed(text: str, s: int, e: int, named: list[Mention], dated=()) -> str:
    """The line without its names and dates."""
    spans = [(x.start, x.end) for x in named] + [(d.start, d.end) for d in dated]
    return "".join(ch for i, ch in enumerate(text[s:e], s) if not any(a <= i < b for a, b in spans))


def _date_facts(document, dated) -> list[Fact]:
    point = next((d for d in dated if d.kind == "point"), None)
    return [Fact(document, "jpow:date", date_lit(point.value))] if point is not None else []

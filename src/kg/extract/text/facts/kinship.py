"""Kinship between persons, as families appear in this field (the daughter who searched for her father's
grave, the son who gave his papers to a museum): "A is the daughter of B", "A, the son of B", "A's father,
B", "his son B", "A, whose father, Private B, ...".

What each kin noun says is data (`lexicon.yaml: kin_nouns` -> child, parent, spouse, sibling or relative): a
child or a parent gives `jpow:childOf` in its direction, a spouse `jpow:spouseOf`, a sibling `jpow:siblingOf`,
any other kin (a grandson, a niece) `jpow:relativeOf`; and a person said to be a daughter or a son is "she" or
"he" after (`kin_gender`), whoever they are the daughter of."""

from __future__ import annotations

import re
from functools import cached_property

from kg.extract.text.lexicon import alternation
from kg.extract.text.mentions import Mention
from kg.extract.text.model import Entity, Fact

_PROPERTY = {"spouse": "jpow:spouseOf", "sibling": "jpow:siblingOf", "relative": "jpow:relativeOf"}
_TITLE = r"(?:(?:the\s+)?(?:late|eldest|elder|younger|youngest|only|former)\s+)?"
_RANKS = r"(?:[A-Z][a-z]+\.?\s+){0,2}"   # "Private", "Lieutenant Colonel", "Mr."


class KinshipFacts:
    """Read by `DocumentReader` over the person mentions of one sentence."""

    @cached_property
    def _kin_of(self) -> re.Pattern[str]:
        """A of B: "A (…), born in Sendai, is the daughter of B", "A, the son of B"."""
        return re.compile(rf"(?:[^.;]*?\b(?:is|was|,)\s+)(?:the|a|an)?\s*{_TITLE}({alternation(self.lex['kin_nouns'])})"
                          rf"\s+of\s+{_TITLE}{_RANKS}")

    @cached_property
    def _kin_said(self) -> re.Pattern[str]:
        """What A is said to be: "A (…), born in Sendai, is the daughter of …", "A was a widow"."""
        return re.compile(rf"[^.;]*?\b(?:is|was)\s+(?:the\s+|a\s+)?(?:\w+\s+)?"
                          rf"({alternation(self.lex['kin_gender'])})\b")

    @cached_property
    def _kin_named(self) -> re.Pattern[str]:
        """B of A, named after the noun: "A's father, B", "A, whose father, B", "his son B"."""
        return re.compile(rf"(?:['’]s|,\s*whose)?\s+{_TITLE}({alternation(self.lex['kin_nouns'])}),?\s+{_RANKS}")

    def _kinship(self, text: str, s: int, e: int, ms: list[Mention], facts: list[Fact]) -> None:
        persons = sorted((m for m in ms if m.kind == "person" and m.entity is not None), key=lambda m: m.start)
        for a in persons:   # "A, born in Sendai, is the daughter of ...": who "she" and "he" can be
            said = not a.attrs.get("anaphor") and self._kin_said.match(text, a.end, e)
            if said and said.group(1) in self.lex["kin_gender"]:
                a.entity.attrs.setdefault("gender", self.lex["kin_gender"][said.group(1)])
        for a, b in zip(persons, persons[1:]):
            if a.entity is b.entity or b.attrs.get("anaphor") or b.start - a.end > 160:
                continue
            gap = text[a.end:b.start]
            if not a.attrs.get("anaphor") and (m := self._kin_of.fullmatch(gap)):
                self._kin(a.entity, m.group(1), b.entity, facts)   # A is the <kin> of B
            elif (m := self._kin_named.fullmatch(gap)) and (not a.attrs.get("anaphor") or
                                                          a.text.lower() in ("his", "her", "their")):
                self._kin(b.entity, m.group(1), a.entity, facts)   # B is A's <kin>

    def _kin(self, who: Entity, noun: str, of: Entity, facts: list[Fact]) -> None:
        """`who` is the <noun> of `of`."""
        kind = self.lex["kin_nouns"][noun]
        if kind == "child":
            facts.append(Fact(who, "jpow:childOf", of))
        elif kind == "parent":
            facts.append(Fact(of, "jpow:childOf", who))
        else:
            facts.append(Fact(who, _PROPERTY[kind], of))

"""Entries of a register or death list written out in prose: a person's name, then what the record gives of him
without repeating him, clause after clause ("Iwata Genzō, born 1920, private, 3rd Battalion of the 276th Infantry
Regiment; died 14 January 1946 of pneumonia in the camp hospital; buried at cemetery No. 2, grave 31.").

The clauses have no subject of their own, so the parse relates nothing; this reader gives each to the person the
entry opens with: the year (or date) and place of birth, the rank and the unit of the first clause, the date,
cause and place of death, the place of burial. What each clause says is stated of the person, as the death lists
of the curated build state it of their records (jpow:birthYear, jpow:deathDate, jpow:causeOfDeath,
jpow:placeOfDeath, jpow:burialPlace)."""

from __future__ import annotations

import re

from kg.extract.text.mentions import Mention
from kg.extract.text.model import Fact, Lit, date_lit
from kg.extract.text.spans import DateMention

_LEAD = re.compile(r"\s*(?:(?:Entry|Record|Card|No\.|№)\s*\d+[.:]?\s*)?")
# what follows "died" (and its date): "of pneumonia (in the camp hospital)", "of the fever in the night", "of his
# wounds", "after an accident at the mine": the cause as written, for a record and for a person named in the text
CAUSE = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:of\s+(?:the\s+|an?\s+|his\s+|her\s+|their\s+)?"
                   r"(?P<of>[a-z][a-z-]*(?:\s[a-z][a-z-]*){0,3}?)(?=\s+(?:in|at|on|near|after|during|while|and|within)\b|"
                   r"\s*[,;.]|\s*$)|after\s+(?:an?\s+)?(?P<after>[a-z][^;,.()]{3,80}?)\s*(?=[;,.]|$))")


class EntryFacts:
    """Read by `DocumentReader` over the mentions of one sentence."""

    def _entry(self, text: str, s: int, e: int, ms: list[Mention], ds: list[DateMention], facts: list[Fact]) -> None:
        lead = _LEAD.match(text, s, e)
        at = lead.end() if lead else s
        person = next((m for m in ms if m.kind == "person" and m.entity is not None and m.start == at), None)
        if person is None or not re.match(r"\s*(?:\([^()]*\))?\s*,", text[person.end:e]):
            return
        who = person.entity
        stated: list[Fact] = []
        for n, clause in enumerate(re.finditer(r"[^;]+", text[person.end:e])):
            cs, ce = person.end + clause.start(), person.end + clause.end()
            body = clause.group(0)
            inside = [m for m in ms if cs <= m.start < ce and m.entity is not None and m is not person]
            dates = [d for d in ds if cs <= d.start < ce and d.kind == "point"]
            if n == 0:   # "born 1920, private, 3rd Battalion ...": the items of the first clause
                for item in re.finditer(r"[^,]+", body):
                    words = item.group(0).strip()
                    if words.lower() in (r.lower() for r in self.lex["military_ranks"]):
                        stated.append(Fact(who, "jpow:militaryRank", Lit(words)))
                # (a unit named in the entry, not "the museum" an anaphor took for the last body: "Sato Jiro, a
                # friend of the museum")
                units = [m for m in inside if m.cls == "MilitaryFormation" and not m.attrs.get("anaphor")]
                stated += [Fact(who, "jpow:memberOf", m.entity) for m in units   # the unit, not the one it is of
                           if not any(m.inside(u) and u is not m for u in units)]
            born = re.search(r"\b(?:born|b\.)\s", body)
            if born:
                after = cs + born.end()
                date = next((d for d in dates if d.start >= after), None)
                if date is not None:
                    stated.append(Fact(who, "jpow:birthYear", date_lit(date.value)))
                place = next((m for m in inside if m.kind == "place" and m.start >= after), None)
                if place is not None:
                    stated.append(Fact(who, "jpow:placeOfBirth", place.entity))
            if re.match(r"\W*(?:died|perished)\b", body):
                if dates:
                    stated.append(Fact(who, "jpow:deathDate", date_lit(dates[0].value)))
                verb = re.match(r"\W*(?:died|perished)\b", body).end()
                near = [d for d in dates if d.start - cs <= verb + 4]
                cause = CAUSE.match(text, max([verb + cs] + [d.end for d in near]), ce)
                if cause:
                    stated.append(Fact(who, "jpow:causeOfDeath", Lit((cause.group("of") or cause.group("after")).strip())))
                place = next((m for m in inside if m.kind in ("place", "camp")), None)
                if place is not None:
                    stated.append(Fact(who, "jpow:placeOfDeath", place.entity))
            if re.match(r"\W*(?:buried|interred|reburied)\s+(?:at|in|on|near)\b", body):
                place = next((m for m in inside if m.kind == "place"), None)
                if place is not None:
                    stated.append(Fact(who, "jpow:burialPlace", place.entity))
        for f in stated:
            if f not in facts:
                facts.append(f)

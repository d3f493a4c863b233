"""A person's record written as fields, one per line, as memorial databases and death registers export them:
"Name: HAYASHI Tetsuo", "Rank: private first class", "Unit: 135th Infantry Regiment", "Died: 3 February 1946",
"Camp: No. 41, section No. 4 (Kokuzek)", "Cause: pneumonia", "Grave: Mikhailovka cemetery, row 7".

The "Name" field opens a record (so does an article's title that is a person's name, for the infobox lines
under it: "Born: 3 May 1899, Kanazawa"); the fields under it say of that person what each says (`lexicon.yaml:
record_fields`), as the death lists of the curated build state it of their records: rank (jpow:militaryRank),
unit (jpow:memberOf), camp (jpow:affiliation), birth (jpow:birthYear, jpow:placeOfBirth), death (jpow:deathDate,
jpow:placeOfDeath), cause (jpow:causeOfDeath), grave (jpow:burialPlace). A line that is no field of a record
closes it. Values left blank ("n/a", "unknown") state nothing."""

from __future__ import annotations

import re

from kg.extract.text.facts.fields import FIELD_LINE
from kg.extract.text.mentions import Mention
from kg.extract.text.model import Entity, Fact, Lit, Passage, date_lit
from kg.extract.text.spans import DateMention
from kg.sources.text import Block

_BLANK = re.compile(r"(?:n/?a|none|unknown|not known|-+|—|\?)\.?", re.IGNORECASE)


class RecordFacts:
    """Read by `DocumentReader` after the sentences of a block that is one line of a person's record."""

    record_person: Entity | None = None
    in_infobox: bool

    def _record_facts(self, block: Block, mentions: list[Mention], dates: list[DateMention]) -> list[Passage]:
        text = block.text.strip()
        fm = FIELD_LINE.fullmatch(text)
        field = fm and self.lex["record_fields"].get(fm.group("head").strip().lower())
        if not field:
            if not (fm and self.in_infobox):   # (an infobox's other fields, "Native name: ...", go on with it)
                self.record_person = None
            return []
        v0, value = fm.start("value"), fm.group("value")
        inside = [m for m in mentions if m.start >= v0 and m.entity is not None]
        if field == "name":
            person = next((m for m in inside if m.kind == "person"), None)
            self.record_person = person.entity if person is not None else None
            return []
        who = self.record_person
        if who is None or _BLANK.fullmatch(value.strip()):
            return []
        point = next((d for d in dates if d.start >= v0 and d.kind == "point"), None)
        places = [m.entity for m in inside if m.kind == "place"]
        facts: list[Fact] = []
        if field == "rank":
            facts.append(Fact(who, "jpow:militaryRank", Lit(value.strip())))
        elif field == "unit":
            facts += [Fact(who, "jpow:memberOf", m.entity) for m in inside if m.kind == "organization"]
        elif field == "camp":
            facts += [Fact(who, "jpow:affiliation", m.entity) for m in inside if m.kind == "camp"]
        elif field == "cause":
            facts.append(Fact(who, "jpow:causeOfDeath", Lit(value.strip())))
        elif field == "grave":
            facts += [Fact(who, "jpow:burialPlace", p) for p in places]
        elif field in ("born", "died"):
            if point is not None:
                facts.append(Fact(who, "jpow:birthYear" if field == "born" else "jpow:deathDate",
                                  date_lit(point.value)))
            # "Died: 1946, in Karaganda", "Born: 3 May 1899, Kanazawa": where, when the value says so (not "during
            # the transfer to ...")
            where = next((m.entity for m in inside if m.kind in ("place", "camp") and (re.search(
                r"\b(?:in|at|near)\s+(?:the\s+)?$", block.text[max(0, m.start - 10):m.start]) or point is not None
                and re.fullmatch(r"\s*(?:\([^()]*\)\s*)?,\s*", block.text[point.end:m.start]))), None)   # "(aged 71), Alma-Ata"
            if where is not None:
                facts.append(Fact(who, "jpow:placeOfBirth" if field == "born" else "jpow:placeOfDeath", where))
        facts = [f for n, f in enumerate(facts) if f not in facts[:n]]
        if not facts:
            return []
        quote, o_start, o_end = block.quote(0, len(block.text))
        return [Passage(o_start, o_end, quote, facts, [])]

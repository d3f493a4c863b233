"""An encyclopedia article's infobox, flattened into "Key: value" lines under its title as a copied page
carries it: "Location: near Saran, Karaganda Region", "Operated by: MVD", "Years active: 1945–1950" under
"Camp No. 41" (or under the infobox's own name line, "Transit Camp No. 7 (Spassk)"); "Born: 3 May 1899,
Kanazawa", "Allegiance: Empire of Japan" under a person's name; "Issued by:", "Date:" under an order's.

What each field says of the article's subject is data (`lexicon.yaml: infobox_fields`): where a camp, a body or
a place is (`jpow:location`, a place's `jpow:locatedIn`), the body that ran it (`jpow:subordinateTo`), its
years (`jpow:startDate`, `jpow:endDate`, `jpow:period`), an act's issuer and date. A person's fields are the record fields
(`records`), said of the person the title names."""

from __future__ import annotations

import re

from kg.extract.text.facts.fields import FIELD_LINE
from kg.extract.text.mentions import Mention
from kg.extract.text.mentions.mention import names_the_line
from kg.extract.text.model import Entity, Fact, Passage, date_lit, span_facts
from kg.extract.text.spans import DateMention
from kg.sources.text import Block

_SUBJECTS = ("camp", "place", "organization", "person", "legal-act")


class InfoboxFacts:
    """Read by `DocumentReader` after the sentences of a block that is one field line under the title."""

    topic: Entity | None
    in_infobox = False   # the lines right under the title, while each is a field
    infobox_subject: Entity | None = None   # what the infobox's own name line names, if it has one

    def _infobox_facts(self, block: Block, mentions: list[Mention], dates: list[DateMention]) -> list[Passage]:
        fm = FIELD_LINE.fullmatch(block.text.strip())
        if self.blocks_read == 1:
            self.in_infobox, self.infobox_subject = True, None
            named = [m for m in mentions if m.entity is not None and m.kind in _SUBJECTS and
                     names_the_line(m, block.text)]
            if fm is None and named:   # the infobox's own name line: "Transit Camp No. 7 (Spassk)"
                self.infobox_subject = named[0].entity
                if named[0].kind == "person":
                    self.record_person = named[0].entity   # "Born: ...", "Rank: ..." under it are the record's
                return []
        self.in_infobox = self.in_infobox and fm is not None   # the first line that is no field closes it
        field = fm and self.lex["infobox_fields"].get(fm.group("head").strip().lower())
        subject = self.infobox_subject or self.topic
        if not field or subject is None or not self.in_infobox:
            return []
        v0 = fm.start("value")
        inside = [m for m in mentions if m.start >= v0 and m.entity is not None and m.entity is not subject]
        facts: list[Fact] = []
        if field == "location":
            # "near Saran, Karaganda Oblast, Kazakh SSR": the first place, and each in the one after it
            prop = "jpow:locatedIn" if subject.kind == "place" else "jpow:location"
            chain = [m for m in inside if m.kind == "place"]
            facts += [Fact(subject, prop, chain[0].entity)] if chain else []
            facts += [Fact(a.entity, "jpow:locatedIn", b.entity) for a, b in zip(chain, chain[1:])
                      if re.fullmatch(r"\s*,\s*", block.text[a.end:b.start]) and a.entity is not b.entity]
        elif field == "operator" and subject.kind in ("camp", "organization"):
            facts += [Fact(subject, "jpow:subordinateTo", m.entity) for m in inside if m.kind == "organization"]
        elif field == "issuer" and subject.kind == "legal-act":
            facts += [Fact(subject, "jpow:issuedBy", m.entity) for m in inside if m.kind in ("organization", "person")]
        elif field == "date" and subject.kind == "legal-act":
            point = next((d for d in dates if d.start >= v0 and d.kind == "point"), None)
            if point is not None:
                facts.append(Fact(subject, "jpow:date", date_lit(point.value)))
        elif field in ("active", "opened", "closed"):
            span = next((d for d in dates if d.start >= v0 and d.kind == "range"), None)
            point = next((d for d in dates if d.start >= v0 and d.kind == "point"), None)
            if field == "active" and span is not None:
                facts += span_facts(subject, span.value)
            elif field != "active" and point is not None:
                facts.append(Fact(subject, "jpow:startDate" if field == "opened" else "jpow:endDate",
                                  date_lit(point.value)))
        facts = [f for n, f in enumerate(facts) if f not in facts[:n]]
        if not facts:
            return []
        quote, o_start, o_end = block.quote(0, len(block.text))
        return [Passage(o_start, o_end, quote, facts, [])]

"""An encyclopedia article's infobox, flattened into "Key: value" lines under its title as a copied page
carries it: "Location: near Saran, Karaganda Region", "Operated by: MVD", "Years active: 1945–1950" under
"Camp No. 41"; "Born: 3 May 1899, Kanazawa", "Allegiance: Empire of Japan" under a person's name.

What each field says of the article's subject is data (`lexicon.yaml: infobox_fields`): where a camp, a body or
a place is (`jpow:location`, a place's `jpow:locatedIn`), the body that ran it (`jpow:subordinateTo`), its
years (`jpow:startDate`, `jpow:endDate`, `jpow:period`). A person's fields are the record fields
(`records`), said of the person the title names."""

from __future__ import annotations

from kg.extract.text.facts.fields import FIELD_LINE
from kg.extract.text.mentions import Mention
from kg.extract.text.model import Entity, Fact, Passage, date_lit, span_facts
from kg.extract.text.spans import DateMention
from kg.sources.text import Block


class InfoboxFacts:
    """Read by `DocumentReader` after the sentences of a block that is one field line under the title."""

    topic: Entity | None
    in_infobox = False   # the lines right under the title, while each is a field

    def _infobox_facts(self, block: Block, mentions: list[Mention], dates: list[DateMention]) -> list[Passage]:
        fm = FIELD_LINE.fullmatch(block.text.strip())
        if self.blocks_read == 1:
            self.in_infobox = True
        self.in_infobox = self.in_infobox and fm is not None   # the first line that is no field closes it
        field = fm and self.lex["infobox_fields"].get(fm.group("head").strip().lower())
        subject = self.topic
        if not field or subject is None or not self.in_infobox:
            return []
        v0 = fm.start("value")
        inside = [m for m in mentions if m.start >= v0 and m.entity is not None and m.entity is not subject]
        facts: list[Fact] = []
        if field == "location":
            prop = "jpow:locatedIn" if subject.kind == "place" else "jpow:location"
            facts += [Fact(subject, prop, m.entity) for m in inside if m.kind == "place"]
        elif field == "operator" and subject.kind in ("camp", "organization"):
            facts += [Fact(subject, "jpow:subordinateTo", m.entity) for m in inside if m.kind == "organization"]
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

"""The fields of a record description, as finding aids and catalogues write them: a title naming the unit
described ("Fonds R-1138: Karaganda Regional Directorate ..., 1945–1952"), then lines "Repository: State Archive
of the Karaganda Region", "Extent: 3 inventories, 1,247 files", "Covering years: 1945–1952", "Language:
Russian", and lines that describe a part ("Inventory 1 (1945–1949), 612 files: orders and instructions ...").

What a field states is data (`lexicon.yaml: description_fields`): the archive that holds the unit
(`jpow:heldBy`), the figures of its extent (`jpow:measures` the unit), the years it covers (`dcterms:temporal`,
as written) and its languages (`jpow:language`). A line that opens with a unit says of that unit: the period in
brackets, the figures before the colon, and the documents named after it are its parts (`dcterms:hasPart`); a
fonds's line names the body whose records it holds (`dcterms:creator`)."""

from __future__ import annotations

import re

from kg.extract.text.mentions import Mention
from kg.extract.text.model import Entity, Fact, Lit, Passage
from kg.extract.text.spans import YEAR_RE
from kg.sources.text import Block

# "Head: value", one line of a description or of a person's record (`records` reads the same lines)
FIELD_LINE = re.compile(r"(?P<head>[A-Z][^:\n]{0,80}?):\s+(?P<value>\S.*)", re.S)
_PERIOD = re.compile(rf"(?P<period>\b{YEAR_RE}\s*[–—-]\s*{YEAR_RE}\b|\b{YEAR_RE}\b)")
_TRAILING_PERIOD = re.compile(rf",\s*{_PERIOD.pattern}\s*$")


class FieldFacts:
    """Read by `DocumentReader` after the sentences of a block that is one field of a description."""

    def _field_facts(self, block: Block, mentions: list[Mention]) -> list[Passage]:
        text = block.text
        fm = FIELD_LINE.fullmatch(text.strip())
        if fm is None:
            return []
        head, value = fm.group("head"), fm.group("value")
        v0 = fm.start("value")
        unit = next((m for m in mentions if m.start == 0 and "unit" in m.attrs and m.entity is not None), None)
        field = self.lex["description_fields"].get(head.strip().lower())
        facts: list[Fact] = []
        replayed: list[Passage] = []
        if unit is not None:
            subject: Entity = unit.entity
            if self.blocks_read == 0 or self.described is None:
                self.described = subject   # the title names the unit the description is about
                pending, self.pending_fields = self.pending_fields, []
                replayed = [p for b, ms in pending for p in self._field_facts(b, ms)]
            period = _PERIOD.search(text, unit.end, fm.end("head"))
            if period is None and self.blocks_read == 0:   # "Fonds X: Its creator, 1945–1952", the title
                period = _TRAILING_PERIOD.search(text, v0)
            if period:
                facts.append(Fact(subject, "dcterms:temporal", Lit(period.group("period"), "string", None)))
            self._measures(subject, 0, fm.end("head"), facts)
            creator = unit.attrs.get("unit") == "fonds" and next(
                (m for m in mentions if m.start >= v0 and m.entity is not None and m.kind in ("organization", "camp")),
                None)
            if creator:   # "Fonds R-1138: Karaganda Regional Directorate ...": the body whose records these are
                facts.append(Fact(subject, "dcterms:creator", creator.entity))
            for m in mentions:
                if m.start >= v0 and m.entity is not None and m.kind in ("publication", "legal-act") \
                        and m.entity is not subject:
                    facts.append(Fact(subject, "dcterms:hasPart", m.entity))
        elif field is not None and self.described is None:
            self.pending_fields.append((block, mentions))   # "Repository: ..." above "Fond: 212": said of it too
            return []
        elif field is not None:
            subject = self.described
            if field == "heldBy":
                holder = next((m for m in mentions if m.start >= v0 and m.kind == "organization" and m.entity), None)
                if holder is not None:
                    facts.append(Fact(subject, "jpow:heldBy", holder.entity))
            elif field == "extent" and block is self._block:   # (the figures of a replayed block are gone)
                self._measures(subject, v0, len(text), facts)
            elif field == "period":
                period = _PERIOD.search(value)
                if period:
                    facts.append(Fact(subject, "dcterms:temporal", Lit(period.group("period"), "string", None)))
            elif field == "language":
                facts += [Fact(subject, "jpow:language", Lit(tag, "string", None))
                          for name, tag in self.lex["languages"].items() if re.search(rf"\b{name}\b", value)]
        else:
            return []
        if not facts:
            return replayed
        quote, o_start, o_end = block.quote(0, len(text))
        return [Passage(o_start, o_end, quote, facts, []), *replayed]

    def _measures(self, subject: Entity, a: int, b: int, facts: list[Fact]) -> None:
        """The figures of the block between a and b measure the unit ("3 inventories, 1,247 files")."""
        facts += [Fact(st, "jpow:measures", subject) for start, st in self.block_statistics if a <= start < b]

"""Facts of the dependency patterns (`patterns/*.yaml`) whose roles mentions of the sentence fill."""

from __future__ import annotations

import re

from kg.extract.text.mentions import Mention
from kg.extract.text.model import Fact, Lit, date_lit
from kg.extract.text.spans import DateMention
from kg.sources.text import Block


class DependencyFacts:
    """Read by `DocumentReader` over the relation matches of one sentence."""

    def _dependency_facts(self, s: int, e: int, ms: list[Mention], ds: list[DateMention], facts: list[Fact],
                          block: Block) -> None:
        """Facts of the relation patterns (`patterns/*.yaml`) whose roles are filled by mentions of the
        sentence: the mention that contains the role's token, or else its "of" complement's. An event pattern
        mints (or finds again) the event of its class concerning its subject, dated by the date mention."""
        def filler(span: tuple[int, int], of: tuple[int, int] | None, kinds: frozenset[str]) -> Mention | None:
            for where in (span, of):
                if where is not None:
                    m = next((m for m in ms if m.start <= where[0] < m.end and m.kind in kinds and m.entity), None)
                    if m is not None:
                        return m
            return None

        known = {(f.s.iri, f.p, getattr(f.o, "iri", None)) for f in facts}
        for match in self._relations:
            if not s <= match.anchor < e:
                continue
            p = match.pattern
            subject = filler(match.subject, match.subject_of, p.subject_kinds)
            if p.event is not None:
                date = next((d for d in ds if match.date and d.start <= match.date[0] < d.end), None)
                if subject is not None and date is not None:
                    self._dated_event(p.event, subject, date, facts, block)
                continue
            obj = filler(match.object, match.object_of, p.object_kinds)
            if subject is None or obj is None or subject.entity is obj.entity:
                continue
            prop = p.places_property if p.places_property and subject.kind == obj.kind == "place" else p.property
            if (subject.entity.iri, prop, obj.entity.iri) not in known:
                known.add((subject.entity.iri, prop, obj.entity.iri))
                facts.append(Fact(subject.entity, prop, obj.entity))

    def _dated_event(self, cls: str, subject: Mention, date: DateMention, facts: list[Fact], block: Block) -> None:
        """"Karlag was established in 1931": the Establishment concerning Karlag, dated 1931 as written."""
        thing = subject.entity
        words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", cls).lower()
        event = Mention("event", cls, subject.start, subject.end, subject.text, f"{words} of {thing.label}",
                        f"{cls}:{thing.iri}")
        ev = self.entity_for(event, block.span(subject.start, subject.end)[0])
        if any(f.s is ev for f in facts):
            return  # matched twice in this sentence
        facts.append(Fact(ev, "jpow:concerns", thing))
        facts.append(Fact(ev, "jpow:date", date_lit(date.value)))
        facts.append(Fact(ev, "jpow:dateAsWritten", Lit(date.as_written, "string", None)))

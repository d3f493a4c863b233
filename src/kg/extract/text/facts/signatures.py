"""A line that is a person and where they live or work, as letters, e-mails and bylines write it: an address
("To Mrs Yoshiko Morisaki, Asahikawa, Japan"), a signature ("Megumi Okada, Sendai"), a byline ("Elena V.
Sorokina, Karaganda State University").

The first place after the name is where the person lives (`jpow:residence`; the places after it contain it); a
body is where they work (`jpow:affiliation`). Only a short line that holds nothing else: a name with a comma
inside a sentence is read by the sentence's readers."""

from __future__ import annotations

import re

from kg.extract.text.lexicon import alternation
from kg.extract.text.mentions import Mention
from kg.extract.text.model import Fact, Passage
from kg.sources.text import Block


class SignatureFacts:
    """Read by `DocumentReader` after the sentences of a block that is one line."""

    def _signature_facts(self, block: Block, mentions: list[Mention]) -> list[Passage]:
        text = block.text.rstrip()
        if len(text) > 160 or "\n" in text.strip():
            return []
        lead = re.match(rf"\s*(?:(?:To|From|Dear)\s*:?\s+)?(?:(?:{alternation(list(self.lex['honorifics']))})\.?\s+)?",
                        text)
        person = next((m for m in mentions if m.kind == "person" and m.entity is not None and
                       m.start <= lead.end() < m.end + 1 and m.start >= lead.start()), None)
        if person is None or not re.match(r"\s*(?:\([^()]{1,40}\))?\s*,\s", text[person.end:]):
            return []
        rest = [m for m in mentions if m.start > person.end and m.entity is not None]
        # the rest of the line is only names of places and bodies, commas and words of a post ("teacher of history")
        gaps = re.sub(r"\([^()]*\)", "", "".join(ch if not any(m.start <= i < m.end for m in rest) else "\0"
                                               for i, ch in enumerate(text[person.end:], person.end)))
        # (not a caption or a reference, "Hiroshi Sato, Karaganda, 1947", nor a record, "Sato, died Karaganda")
        if not rest or re.search(r"[.;:!?]\s|\d|\b(?:is|was|are|were|has|had|wrote|lived|born|died|b\.|d\.|"
                                 r"buried|killed|executed)", gaps):
            return []
        facts: list[Fact] = []
        place = next((m for m in rest if m.kind == "place"), None)
        if place is not None:
            facts.append(Fact(person.entity, "jpow:residence", place.entity))
        facts += [Fact(person.entity, "jpow:affiliation", m.entity) for m in rest
                  if m.kind == "organization" and m.cls != "Publisher"]
        if not facts:
            return []
        quote, o_start, o_end = block.quote(0, len(block.text))
        return [Passage(o_start, o_end, quote, facts, [])]

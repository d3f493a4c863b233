"""Footnotes: a numbered citation ("12 Title. City: Publisher, 1999, 240 p.") or "Ibid., p. 5"."""

from __future__ import annotations

import re

from kg.extract.text.mentions import CAP, Mention
from kg.extract.text.model import Entity, Fact, Lit, Passage
from kg.extract.text.spans import norm
from kg.sources.text import Block


class FootnoteFacts:
    """Read by `DocumentReader` for a block that is a footnote."""

    def _footnote(self, block: Block, number: str, mentions: list[Mention]) -> list[Passage]:
        text = block.text
        body_start = re.match(r"\d{1,3}\.?\s+", text).end()
        facts: list[Fact] = []
        mentioned: list[tuple[Entity, str]] = []
        pub: Entity | None = None
        if re.match(r"\s*Ibid\b", text[body_start:]):
            pub = self.last_footnote_pub
            pm = re.search(r"\bpp?\.\s*(\d+(?:\s*[-–]\s*\d+)?)", text)
            if pub is not None and pm:
                pub.attrs.setdefault("cited_pages", {})[number] = pm.group(1)
        else:
            cm = re.match(
                rf"(?P<title>.+?)(?:\s*\((?:edited by|ed\. by|ed\.|under the editorship of)\s+(?P<ed>[^)]+)\))?"
                rf"[.,]\s+(?P<place>{CAP}(?: {CAP})?)[,:]\s+(?P<pub>[^,]+?),\s+(?P<year>(?:1[89]|20)\d\d)"
                rf"(?:,\s+(?P<vol>vol\.\s*[^.,]+(?:\s*\(\d+\))?))?(?:,\s*(?P<pages>\d+)\s*p\.)?\.?\s*$",
                text[body_start:]) or re.match(
                # "A. B. Author, Title (City: Publisher, 2001), p. 144."
                rf"(?:(?P<auth>[^,()]+?),\s+)?(?P<title>[^()]+?)\s*\((?P<place>{CAP}(?: {CAP})?):\s*(?P<pub>[^,()]+?),"
                rf"\s*(?P<year>(?:1[89]|20)\d\d)\)(?P<ed>(?!x)x)?(?P<vol>(?!x)x)?(?P<pages>(?!x)x)?", text[body_start:])
            if cm:
                off = body_start
                title = cm.group("title").strip()
                tm = Mention("publication", "Book", off + cm.start("title"), off + cm.end("title"), title, title,
                             "publication:" + re.sub(r"[^\w]+", " ", norm(title)).strip())
                pub = self.entity_for(tm, block.span(tm.start, tm.end)[0])
                self._span(pub, block.span(tm.start, tm.end))
                mentioned.append((pub, title))
                place_label, place_cls = self.lex.place_aliases.get(cm.group("place"), (cm.group("place"),
                                                                                         "Settlement"))
                place = self.entity_for(Mention("place", place_cls, off + cm.start("place"), off + cm.end("place"),
                                                cm.group("place"), place_label, f"place:{norm(place_label)}"),
                                        block.span(off + cm.start("place"), off + cm.end("place"))[0])
                publisher_label = cm.group("pub").strip()
                publisher = self.entity_for(
                    Mention("organization", "Publisher", off + cm.start("pub"), off + cm.end("pub"),
                            publisher_label, publisher_label, "organization:" + norm(publisher_label)),
                    block.span(off + cm.start("pub"), off + cm.end("pub"))[0])
                mentioned += [(place, cm.group("place")), (publisher, publisher_label)]
                facts += [Fact(pub, "jpow:placeOfPublication", place), Fact(pub, "jpow:publisher", publisher),
                          Fact(pub, "jpow:publicationYear", Lit(cm.group("year"), "gYear", None))]
                if cm.group("vol"):
                    facts.append(Fact(pub, "jpow:volume", Lit(cm.group("vol").strip(), "string", None)))
                if cm.group("pages"):
                    facts.append(Fact(pub, "jpow:pageCount", Lit(cm.group("pages"), "integer", None)))
                if "auth" in cm.groupdict() and cm.group("auth"):
                    for m in mentions:
                        if m.kind == "person" and off + cm.start("auth") <= m.start < off + cm.end("auth"):
                            author = self.entity_for(m, block.span(m.start, m.end)[0])
                            mentioned.append((author, m.text))
                            facts.append(Fact(pub, "jpow:author", author))
                if cm.group("ed"):
                    for m in mentions:
                        if m.kind == "person" and off + cm.start("ed") <= m.start < off + cm.end("ed"):
                            ed = self.entity_for(m, block.span(m.start, m.end)[0])
                            mentioned.append((ed, m.text))
                            facts.append(Fact(pub, "jpow:editor", ed))
        if pub is None:
            return []
        self.last_footnote_pub = pub
        self.footnotes[number] = pub
        for ent, _ in mentioned:
            self._span(ent, block.span(0, len(text)))
        quote, o_start, o_end = block.quote(0, len(text))
        return [Passage(o_start, o_end, quote, facts, mentioned)]

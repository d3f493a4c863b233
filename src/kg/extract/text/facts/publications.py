"""Facts about publications: authors, editors, imprint, languages, sources; "the book" as anaphor."""

from __future__ import annotations

import re

from kg.extract.text.facts.dependencies import short_names
from kg.extract.text.lexicon import alternation
from kg.extract.text.mentions import CAP, Mention
from kg.extract.text.model import Entity, Fact, Lit
from kg.extract.text.spans import norm

BOOK_ANAPHOR = re.compile(r"\b[Tt]he\s+(?:published\s+|scientific\s+|new\s+)?(book|monograph|study|collection)\b")


class PublicationFacts:
    """Read by `DocumentReader` over the mentions of one sentence."""

    def _papers(self, text: str, ms: list[Mention], facts: list[Fact]) -> None:
        """"the diary of Lieutenant Mori Shigeru", "his father's album": a person's own papers, a work of theirs
        named by what it is (`lexicon.yaml: personal_papers`)."""
        papers = self.lex["personal_papers"]
        head = re.compile(rf"\b({alternation(list(papers))})\s+of\s+(?:(?:the\s+)?(?:late\s+)?[A-Z][a-z]+\.?\s+){{0,3}}$")
        for m in ms:
            hm = m.kind == "person" and m.entity is not None and not m.attrs.get("anaphor") and \
                head.search(text, max(0, m.start - 80), m.start)
            if not hm:
                continue
            person = m.entity
            noun = hm.group(1)
            doc = self.entity_for(Mention("publication", papers[noun], m.start - len(hm.group(0)), m.end,
                                          text[m.start - len(hm.group(0)):m.end], f"{noun} of {person.label}",
                                          f"publication:{noun}:{person.iri}"), self._block.span(m.start, m.end)[0])
            facts.append(Fact(doc, "jpow:author", person))
            for short in short_names(person):
                facts.append(Fact(doc, "skos:altLabel", Lit(f"{noun} of {short}")))

    def _publications(self, text, s, e, ms, quotes, facts, block):
        self._papers(text[:e], [m for m in ms if s <= m.start < e], facts)
        add = facts.append
        pubs = [m for m in ms if m.kind == "publication" and not m.in_title]
        for i, pm in enumerate(pubs):
            pub = pm.entity
            if "unit" in pm.attrs:   # "fonds R-1684, inventory 2, file 14": each unit inside the one before it
                parent = next((p for p in pubs if "unit" in p.attrs and re.fullmatch(r"\s*,\s*", text[p.end:pm.start])
                               and p.entity is not pub), None)
                if parent is not None:
                    add(Fact(pub, "jpow:partOf", parent.entity))
                archive = parent is None and next((o for o in ms if o.kind == "organization" and o.entity is not None
                                                   and re.fullmatch(r"\s*(?:\([^()]{1,20}\))?\s*,\s*",
                                                                    text[o.end:pm.start])), None)
                if archive:   # "State Archive of the Karaganda Region (GAKO), fond 1529": the archive keeps it
                    add(Fact(pub, "jpow:heldBy", archive.entity))
                elif parent is None and re.match(r"[A-Z]{2,6}\s", pub.label):   # "RGVA f. 1p, op. 9i, d. 211"
                    acronym = pub.label.split()[0]
                    body = next((x for x in reversed(self.entities) if x.kind == "organization" and acronym in x.names),
                                None)
                    if body is not None:
                        add(Fact(pub, "jpow:heldBy", body))
                continue
            before = text[s:pm.start]
            authors: list[Entity] = []
            people = sorted((m for m in ms if m.kind == "person" and m.end <= pm.start), key=lambda m: m.start)
            heads = alternation(self.lex["publication_heads"])
            for j, m in enumerate(people):
                # "Tanabe's Snow over Spassk", "her paper "Letters that did not arrive"": the author just before
                # ("His papers, including a typescript memoir, "Notes of a Camp Chief"")
                # ("Hiroyuki Tsuda (Kyoto University), "Counting the dead"": a speaker with the body in brackets)
                if re.fullmatch(rf"(?:['’]s|\s*\([^()\n]{{2,80}}\)\s*,)?\s*(?:(?:new|first|latest|last|own|recent)\s+)?(?:(?:{heads}|papers)\s*,?\s*"
                                rf"(?:(?:including|among\s+them)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:{heads})\s*,?\s*)?)?"
                                rf"[\"“«]?\s*", text[m.end:pm.start]):
                    # the author written just before the title, and co-authors listed before them
                    authors.append(m.entity)
                    k = j
                    while k > 0 and re.fullmatch(r"\s*(?:,|and|&|,\s*and)\s*", text[people[k - 1].end:people[k].start]):
                        authors.append(people[k - 1].entity)
                        k -= 1
            if not authors and i > 0 and re.search(r"\)\s*,\s*[\"“«]?\s*$", before) and \
                    pubs[i - 1].entity.attrs.get("author_entity") is not None:
                authors = [pubs[i - 1].entity.attrs["author_entity"]]
            # '"Snow over the Steppe" (Sutteppu no yuki), the memoir of Hayashi Kenzo': the author named after it
            am = re.match(r"[\"”»]?\s*(?:\([^()]{1,80}\))?\s*,\s+(?:the|a|an|his|her)\s+(?:\w+\s+)?(?:memoirs?|"
                          r"book|diary|novel|recollections|study|monograph|memoir)\s+of\s+(?:the\s+)?", text[pm.end:e])
            after_author = am and next((m for m in ms if m.kind == "person" and m.entity is not None and
                                        m.start == pm.end + am.end()), None)
            # "a small book, Karaganda no yuki (Snow of Karaganda), which I published myself in 1989"
            wm = re.match(r"[\"”»]?\s*(?:\([^()]{1,80}\))?\s*,?\s+(?:which|that)\s+", text[pm.end:e])
            writer = wm and next((m for m in ms if m.kind == "person" and m.entity is not None and
                                  m.start == pm.end + wm.end() and re.match(
                                      r"\s+(?:\w+\s+)?(?:published|wrote|compiled|kept|edited)\b", text[m.end:e])), None)
            if writer is not None and not authors:
                authors = [writer.entity]
            if after_author is not None and not authors:
                authors = [after_author.entity]
            for surname in pm.attrs.get("cited_authors", ()):   # "(Abenov 1997)": the Abenov of the text
                named = [p for p in self.persons if surname in short_names(p)]
                if not named:   # "(Shirai 2004). Shirai Takashi was the first to ...": named later in the paragraph
                    later = [m for m in self._block_mentions if m.kind == "person" and m.start > pm.end and
                             surname in (m.attrs.get("surname"), m.attrs.get("given"))]
                    named = list({id(e): e for e in (self.entity_for(m, self._block.span(m.start, m.end)[0])
                                                      for m in later[:1])}.values())
                if len(named) == 1:
                    authors.append(named[0])
            for author in authors:
                add(Fact(pub, "jpow:author", author))
            if authors:
                pub.attrs["author_entity"] = authors[0]
            after = text[pm.end:e if pm.end < e else len(text)]
            em = re.match(r"[\s\"”»]*\(\s*(?:under\s+(?:the\s+)?(?:general\s+|total\.?\s+)?)?(?:edited\s+by|ed\.\s+by|"
                          r"ed\.)\s+([^)]+)\)", after)
            offset = pm.end
            if em:
                for m in self._block_mentions:
                    if m.kind == "person" and pm.end + em.start(1) <= m.start < pm.end + em.end(1):
                        add(Fact(pub, "jpow:editor", self._resolved(m)))
                offset = pm.end + em.end()
            else:   # "<title>" edited by <Person> (...): the editor named without brackets
                bare = re.match(r"[\s\"”»]*,?\s*(?:(?:was|were)\s+)?(?:edited|compiled|prepared)\s+by\s+", after)
                editor = bare and next((m for m in self._block_mentions if m.kind == "person" and
                                        m.start == pm.end + bare.end()), None)
                if editor is not None:
                    add(Fact(pub, "jpow:editor", self._resolved(editor)))
                    offset = editor.end
            # the imprint: "(Almaty: Daik-Press, 2002)", "(Karaganda, 2004)", ", Tokyo: Iwanami Shoten, 2015"
            cm = re.match(rf"[\s\"”»]*[,.]?\s*(\()?\s*({CAP}(?:\s+{CAP})?)\s*(?:[,:]\s*([^,()]+?))?\s*,\s*"
                          rf"((?:1[89]|20)\d\d)(?:[,.]\s*(?:(\d+)\s*p\.|(?:in\s+)?(\d+)\s*(?:vols?\.|volumes)))?"
                          rf"\s*\.?\s*(?(1)[^()]*\))", text[offset:])   # "(Karaganda, 2022, 96 pages, in Kazakh)"
            place = cm and next((p for p in self._block_mentions if p.kind == "place" and
                                 p.start == offset + cm.start(2)), None)
            if cm and (cm.group(1) or place is not None):   # without brackets, only after a known place
                if place and "place" not in pm.attrs:   # (the title's mention may have read "(Place, Year)")
                    add(Fact(pub, "jpow:placeOfPublication", self._resolved(place)))
                if cm.group(3):
                    label = cm.group(3).strip()
                    org_m = Mention("organization", "Publisher", offset + cm.start(3), offset + cm.end(3), label,
                                    label, "organization:" + norm(label))
                    org = self.entity_for(org_m, block.span(org_m.start, org_m.end)[0])
                    self._span(org, block.span(org_m.start, org_m.end))
                    ms.append(org_m)
                    add(Fact(pub, "jpow:publisher", org))
                if "year" not in pm.attrs:
                    add(Fact(pub, "jpow:publicationYear", Lit(cm.group(4), "gYear", None)))
                if cm.group(5):
                    add(Fact(pub, "jpow:pageCount", Lit(cm.group(5), "integer", None)))
                if cm.group(6):
                    add(Fact(pub, "jpow:volumeCount", Lit(cm.group(6), "integer", None)))
            elif "year" not in pm.attrs:   # "her book Shadows on the Steppe (2004)": the year alone in brackets
                ym = re.match(r"[\s\"”»]*\(((?:1[89]|20)\d\d)\)", text[offset:e])
                if ym:
                    add(Fact(pub, "jpow:publicationYear", Lit(ym.group(1), "gYear", None)))
            lang = re.search(r"\bin\s+((?:(?:" + alternation(list(self.lex["languages"])) +
                             r")(?:,\s*|\s+and\s+)?)+)\s*[\"“«]?\s*$", before)
            if lang:
                for name in re.findall(alternation(list(self.lex["languages"])), lang.group(1)):
                    add(Fact(pub, "jpow:language", Lit(self.lex["languages"][name], "string", None)))
            project_of = next((o for o in ms if o.kind == "organization" and re.search(
                r"\bproject\s+of\s+(?:the\s+)?$", text[s:o.start]) and re.fullmatch(
                r"\s+(?:is|was)\s*[\"“«]?\s*", text[o.end:pm.start])), None)
            if project_of is not None:   # "another project of the <body> is "<title>""
                add(Fact(pub, "jpow:issuingBody", project_of.entity))
            bm = re.search(r"\bpublished\s+by\s+(?:the\s+)?", before)
            if bm:
                org = next((o for o in ms if o.kind == "organization" and o.start == s + bm.end()), None)
                if org:
                    add(Fact(pub, "jpow:issuingBody", org.entity))
            im = re.match(r"[^.;]*?\b(?:been\s+|was\s+|were\s+)?published\s+(?:by\s+[^,.;]{2,60}?\s+)?in\s+",
                          text[pm.end:e])   # "was published by Jiji Press in Tokyo"
            if im:
                pl = next((p for p in ms if p.kind == "place" and p.start == pm.end + im.end()), None)
                if pl:
                    add(Fact(pub, "jpow:placeOfPublication", pl.entity))
            # "In 1997 he published the memoir X", "X was published by Hokkoku Shimbunsha in 1997": the year of
            # the sentence's one work, and the publisher named after "published by"
            if len(pubs) == 1 and "unit" not in pm.attrs and not any(f.s is pub and f.p == "jpow:publicationYear"
                                                                     for f in facts):
                vm = re.search(r"\b(?:published|appeared|came\s+out|issued)\b", text[s:e])
                # the year of the verb's clause: after it, before a relative clause or another clause begins
                # ("published a book, X, which received a prize in 1986"), else the last one before it
                stop = vm and re.search(r",\s+(?:which|who|where|whose|and|but)\b|;", text[s + vm.end():e])
                clause_end = s + vm.end() + stop.start() if stop else e
                years = [y for y in re.finditer(r"\b(?:1[89]|20)\d\d\b", text[s:clause_end])] if vm else []
                year = next((y for y in years if y.start() > vm.end()),
                            next((y for y in reversed(years) if y.start() < vm.start()), None)) if vm else None
                if year is not None and not re.search(r"\b(?:translated|reprinted|republished)\b[^.;]*$",
                                                      text[s:s + year.start()]):
                    add(Fact(pub, "jpow:publicationYear", Lit(year.group(0), "gYear", None)))
                pb = vm and re.match(r"\s+by\s+(?:the\s+)?", text[s + vm.end():e])
                org = pb and next((o for o in ms if o.kind == "organization" and o.entity is not None and
                                   o.start == s + vm.end() + pb.end()), None)
                if org:
                    add(Fact(pub, "jpow:publisher", org.entity))
            if pub.cls == "Book" and re.search(r"\bmonograph\b", before):
                pub.cls = "Monograph"
        if pubs and re.search(r"\b(?:based\s+on|rests?\s+on|draws?\s+on|drawn\s+from|uses?|using)\b[^.;]*?"
                              r"\b(?:materials|documents|funds|collections|records|files)\b", text[s:e]):
            for o in ms:
                if o.kind == "organization" and o.entity.cls == "Archive" and not o.in_title and \
                        o.start > pubs[-1].end:
                    for pm in pubs:
                        add(Fact(pm.entity, "jpow:basedOn", o.entity))
        # "the book" / "the monograph": the last book mentioned; sentences after it in the paragraph keep it
        am = BOOK_ANAPHOR.search(text, s, e)
        if am and not pubs:
            self.topic_pub = self._salient_book()
        elif pubs:
            self.topic_pub = None
        topic = self.topic_pub
        if topic is not None:
            if re.search(r"\b(?:funds|documents|materials|collections)\b", text[s:e]):
                for o in ms:
                    if o.kind == "organization" and o.entity.cls == "Archive" and not o.in_title:
                        add(Fact(topic, "jpow:basedOn", o.entity))

    def _salient_book(self) -> Entity | None:
        """What "the book" refers to: the book mentioned most often so far (the latest on a tie)."""
        books = [x for x in self.entities if x.kind == "publication" and x.cls in ("Book", "Monograph")]
        if not books:
            return None
        return max(reversed(books), key=lambda x: self.fact_count.get(x.iri, 0))

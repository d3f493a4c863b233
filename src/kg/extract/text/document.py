"""Reading one document, block by block and sentence by sentence: the pipeline of the text extractor.

For each block: `parse` parses it; `mentions` (patterns of this field's prose) and `named_entities` (the
parser's recogniser) find mentions, `brackets` adds the other names written in brackets after a name,
`relations` matches the dependency patterns, `quantities` and `spans` find figures and dates. Then, per
sentence, `linking` turns mentions into entities, `anaphora` adds "it" and "the camp" as mentions of what
they refer to, and the readers of `facts/` (one per family: attributes, persons, staff posts, kinship, register
entries, organisations, acts, events, publications, camps, places, statistics, dependency patterns, short
dependency paths, footnotes) state the facts, each with its passage. Some blocks are read whole: a field of a
record description (`fields`), a line of a person's record (`records`), a line of a name with where the person
lives or works (`signatures`).
"""

from __future__ import annotations

import re
from functools import cached_property

from kg.extract.text.anaphora import anaphors, subject_entity, subject_person
from kg.extract.text.brackets import bracketed_names
from kg.extract.text.facts.acts import ActFacts
from kg.extract.text.facts.attributes import AttributeFacts
from kg.extract.text.facts.camps import CampFacts
from kg.extract.text.facts.dependencies import DependencyFacts
from kg.extract.text.facts.entries import EntryFacts
from kg.extract.text.facts.events import EventFacts
from kg.extract.text.facts.fields import FieldFacts
from kg.extract.text.facts.footnotes import ARTICLE, AUTHOR_DATE, IMPRINT, QUOTED, FootnoteFacts
from kg.extract.text.facts.front_matter import FrontMatterFacts
from kg.extract.text.facts.infobox import InfoboxFacts
from kg.extract.text.facts.kinship import KinshipFacts
from kg.extract.text.facts.organizations import OrganizationFacts
from kg.extract.text.facts.paths import PathFacts
from kg.extract.text.facts.persons import PersonFacts
from kg.extract.text.facts.places import PlaceFacts
from kg.extract.text.facts.publications import PublicationFacts
from kg.extract.text.facts.records import RecordFacts
from kg.extract.text.facts.signatures import SignatureFacts
from kg.extract.text.facts.staff import StaffFacts
from kg.extract.text.facts.statistics import StatisticFacts
from kg.extract.text.facts.works import WorksFacts
from kg.extract.text.gazetteer import Gazetteer
from kg.extract.text.lexicon import Lexicon, alternation
from kg.extract.text.linking import EntityLinker
from kg.extract.text.mentions import Mention, find_mentions
from kg.extract.text.mentions.camps import keep_bare_sections
from kg.extract.text.mentions.mention import names_the_line
from kg.extract.text.model import Entity, Fact, Passage
from kg.extract.text.described_works import described_works
from kg.extract.text.named_entities import named_entities
from kg.extract.text.parse import parse
from kg.extract.text.quantities import Quantity, quantities
from kg.extract.text.relations import default_matcher
from kg.extract.text.spans import MONTH_RE, DateMention, dates, dates_in_year, sentences
from kg.sources.text import NOTE_NUMBER, YEAR_HEADING, Block


class DocumentReader(EntityLinker, AttributeFacts, PersonFacts, EntryFacts, OrganizationFacts, ActFacts, EventFacts,
                     PublicationFacts, CampFacts, PlaceFacts, StatisticFacts, DependencyFacts, FootnoteFacts,
                     FieldFacts, RecordFacts, SignatureFacts, FrontMatterFacts, WorksFacts, KinshipFacts,
                     StaffFacts, PathFacts, InfoboxFacts):
    def __init__(self, doc_id: str, base: str, lex: Lexicon, gazetteer: Gazetteer | None = None,
                 record: bool = False) -> None:
        """`record`: keep every entity (statistics too) with the offsets of all its mentions, for scoring;
        without it the reader keeps only named entities, so memory does not grow with the text."""
        super().__init__(doc_id, base, gazetteer, record)
        self.lex = lex
        self.last_stat: Entity | None = None
        self.signature: Entity | None = None
        self.footnotes: dict[str, Entity] = {}
        self.last_footnote_pub: Entity | None = None
        self.topic_pub: Entity | None = None
        self.topic: Entity | None = None   # the one camp, place or body the title names: what the text is about
        self.title_line = ""   # (a name the recogniser may not know until the first paragraph defines it)
        self.title_person: Entity | None = None   # the person a biography's title names
        self.entry_person: Entity | None = None   # the person a dictionary entry opens with
        self.described: Entity | None = None   # the unit a record description is about (`FieldFacts`)
        self.pending_fields: list = []          # its fields read before the unit was named
        self.block_statistics: list[tuple[int, Entity]] = []
        self.heading_year: str | None = None   # the year a chronology's heading gives the dates under it
        self.line_date: DateMention | None = None   # the date a chronology's line opens with
        self.fact_count: dict[str, int] = {}
        self.frame_date: DateMention | None = None
        self.salient: Entity | None = None     # what "it" refers to: the last sentence subject that can be "it"
        self.salient_person: Entity | None = None   # who "he" is: the last person who was a sentence subject
        self.narrator: Entity | None = None    # who "I" is: the one person of the title, or the byline
        self.last_head: Entity | None = None   # the last person said to head something: whom "his successor" follows
        self.headed: dict[int, list[Entity]] = {}   # what each person (by id) was said to head so far
        self.last_named: Entity | None = None  # the last person named (not a pronoun) in an earlier sentence
        self.whole_acts: dict[str, list] = {}   # acts that are not articles, by IRI: [times mentioned, entity]
        self._event_clauses: set = set()   # (class, clause) of the events the patterns stated in the sentence
        self.document: Entity | None = None    # what "this paper" is: the document read, if the caller says
        self.last_citation: list[str] = []      # archive, fond, inventory of the last file cited ("Ibid., d. 7")
        self.blocks_read = 0
        self.body_started = False   # the front matter (byline, addresses, dateline) is over
        self.in_works = False       # under a heading of the works of the article's person (`WorksFacts`)

    def read_block(self, block: Block, doc=None) -> list[Passage]:
        """The passages of one block; `doc` is its parse, if the caller parsed it (in a batch)."""
        text = block.text
        if self._index_terms.match(text):
            return []   # "Keywords: Karaganda; Spassk": terms to index the text by, not mentions of anything
        # a heading of heads, or a line that announces them: the list under it, a line a block
        self.heads_of, self.heads_next = self.heads_next if re.match(r"\s*[-–•*]\s", text) else None, None
        works = self._works_facts(block)   # a works heading, or a block of its list: read by the works reader alone
        if self.in_works or works:
            self.blocks_read += 1
            return works
        lines = [m.span() for m in re.finditer(r"\S(?:[^\n]*\S)?", text)]
        if len(lines) > 1 and 2 * sum(_is_citation(text[a:b]) for a, b in lines) >= len(lines):
            # a list of references, one per line: each a block of its own
            return [p for a, b in lines for p in self.read_block(block.part(a, b))]
        mentions, quotes = find_mentions(text, self.lex, self.last_citation)
        mentions = keep_bare_sections(mentions, any(e.kind == "camp" for e in self.entities))
        doc = doc if doc is not None else parse(text)
        mentions = bracketed_names(text, described_works(doc, named_entities(
            doc, mentions, self.lex, self.title_line if self.blocks_read == 1 else None), self.lex), self.lex)
        known = {w for e in self.persons for n in e.names for w in n.split()}
        # a family name alone that names someone met before is theirs, or no one's if two share it
        mentions = [m for m in mentions if not (m.attrs.get("alone") and m.text in known)]
        mentions = sorted(mentions + self.surname_mentions(text, mentions, self.lex.not_person_words),
                          key=lambda m: (m.start, -(m.end - m.start)))
        self._block_mentions = mentions
        self._relations = default_matcher().match(doc)
        self._doc = doc
        self._block = block
        self.block_statistics = []
        ds = dates(text)
        qs = quantities(text, self.lex, ds)
        heading = YEAR_HEADING.fullmatch(text.strip())
        if heading:   # a chronology's year heading: the year of the dates under it that have none (not a span's)
            self.heading_year = None if heading.group("to") else heading.group("year")
        elif self.heading_year is not None:
            ds = sorted(ds + dates_in_year(text, self.heading_year, ds), key=lambda d: d.start)
        footnote = re.match(rf"\[?({NOTE_NUMBER})([.\]]?)\s+(?=\S)", text)   # "12 ...", "³ ..."
        if footnote and re.match(rf"\s*{MONTH_RE}\b", text[footnote.end():]):
            footnote = None   # "3 February 1946. We reached ...": a diary's date, not note 3
        if footnote and len(text) < 600 and (re.search(r"\b(?:Ibid|Op\. cit)\b", text) or re.search(
                r"\b(?:1[89]|20)\d\d\b", text)) and (footnote.group(2) != "." or re.search(
                r"\bpp?\.\s*\d|\(\s*[A-Z][a-z]+:\s|\([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?,\s*(?:1[89]|20)\d\d\)\.?\s*$", text) or
                AUTHOR_DATE.match(text) or IMPRINT.search(text) or
                QUOTED.match(text, footnote.end()) or ARTICLE.match(text, footnote.end())):   # "1. ..." only when it
            return self._footnote(block, footnote.group(1), mentions)                  # reads as a citation
        # "Ivanov, A. (2001). Title. ...", '"Title". Paper, 14 August 2006.', "Morimoto Kenta. Title. Sapporo:
        # Hokusei Press, 2023."
        if not footnote and len(text) < 600 and (AUTHOR_DATE.match(text) or QUOTED.match(text) or ARTICLE.match(text) or
                                                 IMPRINT.search(text) and any(m.kind == "person" and m.start == 0
                                                                              for m in mentions)):
            entry = self.reference_entry(block, mentions)
            if entry:
                return entry
        # "Sources: A, Title (Tokyo, 1993); B.": the items that read as citations, and the sentences as any other
        passages: list[Passage] = self._sources_list(block, mentions) if self.sources_head(text) else []
        block_people = [m for m in mentions if m.kind == "person"]
        signature = (len(text) < 200 and block_people and block_people[0].start == 0 and
                     re.fullmatch(r"[^.]*?(?:,\s*[^,]+)?", text[block_people[0].end:]) is not None)
        self.frame_date = None   # "In 1991, ...": the time frame of the sentences that follow in the paragraph
        # "14 March 1946. Work in the mine began today.": a diary's entry, dated by its head
        entry_date = next((d for d in ds if d.start == len(text) - len(text.lstrip()) and d.kind == "point" and
                           re.match(r"\.\s", text[d.end:d.end + 2])), None)
        for s, e in sentences(text):
            sent = text[s:e]
            if re.fullmatch(r"page\s+\d+", sent.strip()):
                continue
            frame = None
            fm = re.match(r"In\s+", sent)
            if fm:
                frame = next((d for d in ds if d.start == s + fm.end() and d.kind == "point"), None)
            # "- 19 October: The declaration is signed": a chronology's line, dated by its head
            lm = re.match(r"\s*(?:[-–•*]\s*)?", sent)
            self.line_date = next((d for d in ds if d.start == s + lm.end() and d.kind == "point" and
                                   re.match(r"\s*:", text[d.end:d.end + 3])), None) or entry_date
            if self.line_date is not None:
                self.frame_date = self.line_date
            ms = [m for m in mentions if s <= m.start < e]
            person = self.salient_person or self.last.get("person")   # who "he" is, if no one named before it
            known, last_before = len(self.entities), dict(self.last)
            for m in ms:
                self._as_acronym(m)
                self.entity_for(m, block.span(m.start, m.end)[0])
            if self.topic is None and self.blocks_read == 1:   # title "Kosshoky", then "Kosshoky ... is a town"
                self.topic = next((m.entity for m in ms if m.kind in ("camp", "place", "organization") and
                                   m.entity is not None and m.text == self.title_line), None)

            def referent_at(kind: str, noun: str, at: int, ms=ms, known=known, last_before=last_before):
                """"the camp" at offset `at` refers back: to what was met before it, not later in its sentence."""
                before = sorted((m for m in ms if m.start < at and m.entity is not None), key=lambda m: m.start)
                last = dict(last_before) | {m.kind: m.entity for m in before}
                return self.referent(kind, noun, self.entities[:known] + [m.entity for m in before], last)

            ms = sorted(ms + anaphors(doc, s, e, ms, self.lex, self.last, self.salient, referent_at,
                                      self.narrator, lambda i: any(q.start < i < q.end for q in quotes), person,
                                      self.persons[::-1], self.document),
                        key=lambda m: m.start)
            facts = self._sentence_facts(text, s, e, ms, [q for q in qs if s <= q.start < e],
                                         [d for d in ds if s <= d.start < e], quotes, block)
            for f in facts:
                if f.s.kind == "publication":
                    self.fact_count[f.s.iri] = self.fact_count.get(f.s.iri, 0) + 1
            quote, o_start, o_end = block.quote(s, e)
            mentioned = []
            for m in ms:
                if m.entity is not None:
                    span = block.span(m.start, m.end)
                    self._span(m.entity, span)
                    mentioned.append((m.entity, None if m.attrs.get("anaphor") else m.text))
            whole = [m for m in ms if m.kind == "organization" and m.start == 0 and m.end >= len(text) - 1]
            if self.signature is not None and whole:
                facts.append(Fact(self.signature, "jpow:affiliation", whole[0].entity))
            if facts or mentioned:
                passages.append(Passage(o_start, o_end, quote, facts, mentioned))
            if frame is not None:
                self.frame_date = frame
            self.salient = subject_entity(doc, s, e, ms) or self.salient
            self.salient_person = subject_person(doc, s, e, ms) or self.salient_person
        self.signature = block_people[0].entity if signature else None
        named = {m.entity.iri: m.entity for m in block_people if m.entity is not None}
        byline = re.match(r"(?:[Bb]y|[Tt]old by|[Rr]ecorded by|[Pp]osted by|[Ww]ritten by)\s+", text)
        # the title's person; else a byline's, or the one person of a short note under the title ("Extract
        # from the recollections of Ishida Masao, ...")
        if len(named) == 1 and (len(text) < 200 and (self.blocks_read == 0 or byline and block_people[0].start ==
                                                     byline.end()) or
                                self.blocks_read == 1 and self.narrator is None and len(text) < 300):
            self.narrator = next(iter(named.values()))
        if self.narrator is None and self.blocks_read <= 2:
            # "The following letter was written by Private First Class Kenji Ogawara, born 1921 ...": whose
            # text it is, said in a note before it
            wm = re.search(r"(?:letter|diary|memoir|memoirs|account|recollections?|testimony|notes?|text|entries|"
                           r"story|poem)\s+(?:was|were)\s+(?:\w+\s+)?(?:written|kept|recorded|told|dictated|composed)"
                           r"\s+by\s+", text)
            writer = wm and next((m for m in block_people if 0 <= m.start - wm.end() < 40 and m.entity is not None),
                                 None)
            if writer:
                self.narrator = writer.entity
        if self.blocks_read == 0:   # a title that is a name and nothing else ("Camp No. 47", "Temirtau")
            whole = [m for m in mentions if m.kind in ("camp", "place", "organization") and m.entity is not None
                     and names_the_line(m, text)]
            self.topic = whole[0].entity if whole else None
            self.title_line = text.strip()
        passages += self._field_facts(block, mentions)
        passages += self._record_facts(block, mentions, ds)
        passages += self._infobox_facts(block, mentions, ds)
        if self.blocks_read == 0:   # a person's name as the title: an infobox's "Born:", "Rank:" are of them
            person = [m for m in mentions if m.kind == "person" and m.entity is not None and names_the_line(m, text)]
            self.record_person = self.title_person = person[0].entity if person else None
            # a dictionary entry that opens with its headword, "TANABE Shigeo (b. 1921 …), private ...": its person
            head = [m for m in mentions if m.kind == "person" and m.entity is not None and m.start == 0]
            self.entry_person = head[0].entity if head else None
        passages += self._signature_facts(block, mentions)
        passages += self._front_matter_facts(block, mentions, ds)
        self.blocks_read += 1
        return passages

    @cached_property
    def _index_terms(self) -> re.Pattern:
        return re.compile(rf"\s*(?:{alternation(self.lex['index_term_heads'])})\s*:", re.IGNORECASE)

    def _as_acronym(self, m: Mention) -> None:
        """"MHLW" after "the Ministry of Health, Labour and Welfare (MHLW)": the body, whatever the recogniser
        took the capitals for."""
        if m.cls not in ("Place", "Organization") or not re.fullmatch(r"[A-Z]{2,8}", m.text):
            return
        body = next((e for e in reversed(self.entities) if e.kind == "organization" and m.text in e.names), None)
        if body is not None:
            m.kind, m.cls, m.key = "organization", body.cls, f"acronym:{m.text}"
            self.by_key[m.key] = body

    def _sentence_facts(self, text: str, s: int, e: int, ms: list[Mention], qs: list[Quantity],
                        ds: list[DateMention], quotes, block: Block) -> list[Fact]:
        facts: list[Fact] = []
        live = [m for m in ms if not m.in_title]
        places = [m for m in live if m.kind == "place"]
        title_spans = [(q.tstart, q.tstart + len(q.text)) for q in quotes]
        free_dates = [d for d in ds if not any(a <= d.start < b for a, b in title_spans)]
        self._attributes(text, s, e, ms, quotes, facts)
        self._persons(text, s, e, ms, facts)
        self._staff(text, s, e, ms, facts)
        self._origins(text, s, e, live, facts)
        self._entry(text, s, e, live, free_dates, facts)
        self._kinship(text, s, e, ms, facts)
        self._organizations(text, s, e, ms, facts)
        self._acts(text, s, e, ms, free_dates, facts)
        self._events(text, s, e, ms, free_dates, facts)
        self._publications(text, s, e, ms, quotes, facts, block)
        self._camps(text, s, e, ms, places, facts)
        self._units_listed(text, s, e, ms, facts)
        self._defined_as_of(text, s, e, ms, facts)
        self._operating_period(text, s, e, ms, free_dates, facts)
        self._places(text, s, e, ms, facts)
        self._labour(text, s, e, ms, facts)
        self._statistics(text, s, e, ms, qs, free_dates, facts, block)
        self._dependency_facts(s, e, [m for m in ms if not m.in_title], free_dates, facts, block)   # (figures too)
        self._former_names(text, s, e, live, facts)   # after the patterns, whose "called" it corrects
        self._successions(text, s, e, live, facts)   # after every reader of heads
        self._path_facts(self._doc, s, e, ms, facts, block)   # last: what no other reader related
        return facts


def _is_citation(line: str) -> bool:
    """"Ivanov, A. (2001). Title. ...", "Title. Tokyo: Iwanami Shoten, 1999.": a line of a list of references."""
    return len(line) < 600 and bool(AUTHOR_DATE.match(line.strip()) or IMPRINT.search(line.rstrip()))

"""Reading one document: mentions -> entities (linking, coreference, minting) and sentences -> facts.

The reader keeps, per document, only the entities seen so far (not the text), so a document of any length
is read paragraph by paragraph. Coreference therefore looks backwards: a mention joins an entity mentioned
earlier in the document (or a curated entity from the gazetteer), never one mentioned later.

Coreference rules (all within one document):
- persons: same surname and compatible initials ("E. Katasonova" ~ "E. L. Katasonova"; "N. O. Dulatbekov"
  ~ "Nurlan Dulatbekov Orynbasaruly": the other name parts' initials equal the initials);
- camps: same number ("camp N 99" ~ "Spassky camp No. 99"), or same name;
- organisations: same set of name words ("Karaganda University "Bolashak"" ~ "Karaganda Bolashak University");
- publications: same title ignoring punctuation, or one of the parts of a multi-language title;
- legal acts: same number or title; "the decree"/"the resolution" -> the last act mentioned;
- places: the canonical label of the lexicon.
Linking: a mention whose label or surface form names exactly one curated entity of a compatible kind is
linked to it; a name shared by several curated entities is ambiguous and the mention is not linked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.text.lexicon import Lexicon, alternation
from kg.extract.text.mentions import CAP, Mention, find_mentions
from kg.extract.text.parse import parse
from kg.extract.text.quantities import QUALIFIER_CLASS, Quantity, quantities
from kg.extract.text.relations import default_matcher
from kg.extract.text.spans import DateMention, dates, loose, norm, sentences
from kg.iri import slugify
from kg.sources.text import Block

KIND_OF_CLASS = {
    "Person": "person", "PrisonerOfWar": "person",
    "Camp": "camp", "PrisonerOfWarCamp": "camp", "CorrectionalLabourCamp": "camp", "ArmyCamp": "camp",
    "CampSection": "camp",
    "Place": "place", "Country": "place", "Region": "place", "Settlement": "place", "GeographicArea": "place",
    "Site": "place",
    "LegalAct": "legal-act", "Resolution": "legal-act", "Decree": "legal-act", "Order": "legal-act",
    "Law": "legal-act", "Treaty": "legal-act", "Agreement": "legal-act", "Declaration": "legal-act",
    "Convention": "legal-act", "CodeArticle": "legal-act", "Decision": "legal-act",
    "Statistic": "statistic",
}
for _c in ("Event", "Transfer", "Capture", "Detention", "LabourUse", "Death", "Burial", "Repatriation", "Release",
           "Signing", "Visit", "PublicationEvent", "Conference", "Establishment", "Handover", "Rehabilitation",
           "Conviction", "War", "MilitaryDefeat", "PoliticalChange", "SocialMovement", "Declassification",
           "Dissolution"):
    KIND_OF_CLASS[_c] = "event"
for _c in ("Organization", "StateBody", "MilitaryFormation", "Enterprise", "University", "ResearchInstitute",
           "PoliticalParty", "Archive", "Publisher", "Commission", "PublicOrganization"):
    KIND_OF_CLASS[_c] = "organization"
for _c in ("Source", "Publication", "Book", "Monograph", "Article", "DocumentCollection", "MultiVolumeWork",
           "ResearchProject", "ArchivalDocument", "RegistryRecord", "ArchivalList", "Dataset"):
    KIND_OF_CLASS[_c] = "publication"

# kinds whose unnamed/descriptive entities are specific to one document (their slug carries the doc id)
DOC_SCOPED = {"statistic"}


@dataclass(frozen=True)
class Lit:
    value: str
    datatype: str | None = None   # xsd local name, or None for a language-tagged string
    lang: str | None = "en"


@dataclass
class Entity:
    iri: str
    kind: str
    cls: str
    label: str
    linked: bool = False
    names: set[str] = field(default_factory=set)
    attrs: dict = field(default_factory=dict)
    spans: list[tuple[int, int]] = field(default_factory=list)   # original offsets of its mentions


@dataclass(frozen=True)
class Fact:
    s: Entity
    p: str               # CURIE
    o: object            # Entity or Lit


@dataclass
class Passage:
    start: int           # original offsets
    end: int
    quote: str
    facts: list[Fact]
    mentioned: list[tuple[Entity, str]]   # (entity, surface form as written)


class Gazetteer:
    """Names of known entities -> IRIs, built from curated data (rdfs:label, skos:altLabel, rdf:type)."""

    def __init__(self, entries: dict[str, set[tuple[str, str]]] | None = None) -> None:
        self.entries = entries or {}   # norm(name) -> {(iri, kind)}

    def add(self, name: str, iri: str, kind: str) -> None:
        self.entries.setdefault(norm(name), set()).add((iri, kind))

    def lookup(self, names: list[str], kind: str) -> tuple[str | None, bool]:
        """(iri, ambiguous): the one entity of `kind` named by any of `names`."""
        found: set[str] = set()
        for n in names:
            for iri, k in self.entries.get(norm(n), ()):
                if k == kind:
                    found.add(iri)
        if len(found) == 1:
            return found.pop(), False
        return None, len(found) > 1

    def __len__(self) -> int:
        return len(self.entries)

    @classmethod
    def from_quads(cls, quads) -> "Gazetteer":
        """From any quads (e.g. the tabular extractor's): rdfs:label and skos:altLabel of typed subjects."""
        names: dict[str, list[str]] = {}
        kinds: dict[str, str] = {}
        for q in quads:
            p = q.predicate.value
            if p in (_RDFS_LABEL, _SKOS_ALT) and hasattr(q.object, "language"):
                names.setdefault(q.subject.value, []).append(q.object.value)
            elif p == _RDF_TYPE and q.object.value.startswith(_JPOW):
                kind = KIND_OF_CLASS.get(q.object.value[len(_JPOW):])
                if kind:
                    kinds[q.subject.value] = kind
        gaz = cls()
        for iri, ns in names.items():
            if iri in kinds:
                for n in ns:
                    gaz.add(n, iri, kinds[iri])
        return gaz

    @classmethod
    def from_store(cls, store) -> "Gazetteer":
        """From a pyoxigraph store (all graphs)."""
        return cls.from_quads(q for p in (_RDFS_LABEL, _SKOS_ALT, _RDF_TYPE)
                              for q in store.quads_for_pattern(None, _named(p), None, None))


_JPOW = "https://w3id.org/jpow-kg/ontology#"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _named(iri: str):
    from pyoxigraph import NamedNode
    return NamedNode(iri)


_ACT_ANAPHOR = re.compile(r"\b[Tt]he\s+(decree|resolution|law|order|treaty|agreement|declaration|convention)\b")
# what "the decree" may refer back to (texts call a resolution a decree, and the other way round)
_ANAPHOR_CLASSES = {"decree": {"Decree", "Resolution", "Order"}, "resolution": {"Resolution", "Decree"},
                    "order": {"Order", "Decree", "Resolution"}, "law": {"Law"}, "treaty": {"Treaty"},
                    "agreement": {"Agreement"}, "declaration": {"Declaration"}, "convention": {"Convention"}}
_BOOK_ANAPHOR = re.compile(r"\b[Tt]he\s+(?:published\s+|scientific\s+|new\s+)?(book|monograph|study|collection)\b")


class DocumentReader:
    def __init__(self, doc_id: str, base: str, lex: Lexicon, gazetteer: Gazetteer | None = None,
                 record: bool = False) -> None:
        """`record`: keep every entity (statistics too) with the offsets of all its mentions, for scoring;
        without it the reader keeps only named entities, so memory does not grow with the text."""
        self.record = record
        self.doc_id = doc_id
        self.base = base
        self.lex = lex
        self.gaz = gazetteer or Gazetteer()
        self.by_key: dict[str, Entity] = {}
        self.entities: list[Entity] = []
        self.iris: dict[str, Entity] = {}
        self.persons: list[Entity] = []
        self.last: dict[str, Entity] = {}          # last entity by kind / class
        self.last_stat: Entity | None = None
        self.signature: Entity | None = None
        self.footnotes: dict[str, Entity] = {}
        self.last_footnote_pub: Entity | None = None
        self.topic_pub: Entity | None = None
        self.fact_count: dict[str, int] = {}
        self.frame_date: DateMention | None = None

    # ---- entities --------------------------------------------------------------------------------------

    def _mint(self, m: Mention, start: int) -> str:
        kind, label = m.kind, m.label
        slug = slugify(label)[:80].strip("-")
        if kind == "camp" and "number" in m.attrs and "parent_key" not in m.attrs:
            slug = f"camp-no-{slugify(m.attrs['number'])}"   # the same camp whatever name it is first given
        scoped = kind in DOC_SCOPED or (kind == "event" and m.cls != "War") or m.attrs.get("anonymous")
        if scoped or not slug:
            slug = f"{slugify(self.doc_id)}-{slug}"[:100].strip("-")
        iri = f"{self.base}id/{kind}/{slug}"
        if kind == "statistic" or m.attrs.get("anonymous"):
            return f"{iri}-c{start}"   # one per mention: unique by its offset, never looked up
        if iri in self.iris:
            iri = f"{iri}-c{start}"
        return iri

    def entity_for(self, m: Mention, start: int) -> Entity:
        """Resolve a mention: coreference with earlier entities, then the gazetteer, else a new entity."""
        e = self._coref(m)
        if e is None:
            iri, _ambiguous = self.gaz.lookup([m.label, m.text, *m.names], m.kind)
            if iri and iri in self.iris:
                e = self.iris[iri]
            elif iri:
                e = Entity(iri, m.kind, m.cls, m.label, linked=True)
            else:
                e = Entity(self._mint(m, start), m.kind, m.cls, m.label)
            transient = m.kind == "statistic" or m.attrs.get("anonymous")
            if self.record or not transient:
                self.iris[e.iri] = e
                self.entities.append(e)
        if m.kind != "statistic" and not m.attrs.get("anonymous"):
            self.by_key.setdefault(m.key, e)
        e.names.update(n for n in [m.label, m.text.strip(), *m.names] if n)
        for k, v in m.attrs.items():
            if k not in ("issuer",):
                e.attrs.setdefault(k, v)
        if m.kind == "person":
            if e not in self.persons:
                self.persons.append(e)
            if len(m.label) > len(e.attrs.get("longest", "")):
                e.attrs["longest"] = m.label
        if m.kind == "camp" and m.cls != "Camp" and e.cls == "Camp":
            e.cls = m.cls
        m.entity = e
        self.last[m.kind] = e
        self.last[m.cls] = e
        return e

    def _coref(self, m: Mention) -> Entity | None:
        if m.kind == "person":
            return self._person_coref(m)
        if m.kind == "statistic" or m.attrs.get("anonymous"):
            return None
        if m.key in self.by_key:
            return self.by_key[m.key]
        if m.kind == "publication":
            keys = {loose(n) for n in [m.label, *m.names]}
            for e in self.entities:
                if e.kind == "publication" and keys & {loose(n) for n in e.names}:
                    return e
        if m.kind == "camp" and "name" in m.attrs:
            named = self.by_key.get(f"camp:{m.attrs['name'].lower()}")
            if named is None and "number" not in m.attrs:   # "the Spassky camp" after "Spassky camp No. 99"
                same = {x.iri: x for x in self.entities if x.kind == "camp" and
                        x.attrs.get("name") == m.attrs["name"] and "number" in x.attrs}
                named = next(iter(same.values())) if len(same) == 1 else None
            return named
        if m.kind == "organization" and not m.label[0].isupper() and " for " not in m.label and " of " not in m.label:
            head = m.label.split()[-1]
            for e in reversed(self.entities):
                if e.kind == "organization" and not e.label[0].isupper() and head in e.label.split():
                    return e
        return None

    def _person_coref(self, m: Mention) -> Entity | None:
        a = m.attrs
        surname = a.get("surname")
        if not surname:
            return self.by_key.get(m.key)
        mine = _initials_of(m)
        found = []
        for e in self.persons:
            ea = e.attrs
            if surname not in (ea.get("surname"), *ea.get("rest", [])) and surname not in e.label.split():
                continue
            theirs = _initials_of_entity(e)
            if not mine or not theirs or _compatible(mine, theirs):
                found.append(e)
        # two different earlier persons fit ("V. Ivanov", "A. Ivanov", then "Ivanov"): ambiguous, not joined
        return found[0] if len(found) == 1 else None

    # ---- blocks ----------------------------------------------------------------------------------------

    def read_block(self, block: Block) -> list[Passage]:
        text = block.text
        mentions, quotes = find_mentions(text, self.lex)
        doc = parse(text)
        mentions = sorted(mentions + _named_places(doc, mentions, self.lex), key=lambda m: m.start)
        self._block_mentions = mentions
        self._relations = default_matcher().match(doc)
        self._block = block
        qs = quantities(text, self.lex)
        ds = dates(text)
        passages: list[Passage] = []
        footnote = re.match(r"(\d{1,3})\s+(?=\S)", text)
        if footnote and len(text) < 600 and (re.search(r"\b(?:Ibid|Op\. cit)\b", text) or re.search(
                r"\b(?:1[89]|20)\d\d\b", text)):
            return self._footnote(block, footnote.group(1), mentions)
        block_people = [m for m in mentions if m.kind == "person"]
        signature = (len(text) < 200 and block_people and block_people[0].start == 0 and
                     re.fullmatch(r"[^.]*?(?:,\s*[^,]+)?", text[block_people[0].end:]) is not None)
        self.frame_date = None   # "In 1991, ...": the time frame of the sentences that follow in the paragraph
        for s, e in sentences(text):
            sent = text[s:e]
            if re.fullmatch(r"page\s+\d+", sent.strip()):
                continue
            frame = None
            fm = re.match(r"In\s+", sent)
            if fm:
                frame = next((d for d in ds if d.start == s + fm.end() and d.kind == "point"), None)
            ms = [m for m in mentions if s <= m.start < e]
            for m in ms:
                self.entity_for(m, block.span(m.start, m.end)[0])
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
                    mentioned.append((m.entity, m.text))
            whole = [m for m in ms if m.kind == "organization" and m.start == 0 and m.end >= len(text) - 1]
            if self.signature is not None and whole:
                facts.append(Fact(self.signature, "jpow:affiliation", whole[0].entity))
            if facts or mentioned:
                passages.append(Passage(o_start, o_end, quote, facts, mentioned))
            if frame is not None:
                self.frame_date = frame
        self.signature = block_people[0].entity if signature else None
        return passages

    # ---- footnotes -------------------------------------------------------------------------------------

    def _footnote(self, block: Block, number: str, mentions: list[Mention]) -> list[Passage]:
        text = block.text
        body_start = len(number) + 1
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
                text[body_start:])
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

    # ---- sentences -------------------------------------------------------------------------------------

    def _sentence_facts(self, text: str, s: int, e: int, ms: list[Mention], qs: list[Quantity],
                        ds: list[DateMention], quotes, block: Block) -> list[Fact]:
        facts: list[Fact] = []
        add = facts.append
        sent = text[s:e]
        live = [m for m in ms if not m.in_title]
        places = [m for m in live if m.kind == "place"]
        title_spans = [(q.tstart, q.tstart + len(q.text)) for q in quotes]
        free_dates = [d for d in ds if not any(a <= d.start < b for a, b in title_spans)]

        # --- attributes carried by mentions
        for m in ms:
            ent = m.entity
            a = m.attrs
            if m.kind == "camp" and "parent_key" in a:
                parent = self.by_key.get(a["parent_key"])
                if parent is not None and parent is not ent:
                    add(Fact(ent, "jpow:sectionOf", parent))
                else:
                    ent.cls = "Camp"   # a section whose camp is not known is recorded as a camp
            if m.kind == "camp":
                if "number" in a:
                    add(Fact(ent, "jpow:number", Lit(a["number"], "string", None)))
                if re.search(r"\bPOW camps?\b|\bcamps? for (?:foreign )?prisoners of war\b|prisoner-of-war camps?",
                             sent) and ent.cls == "Camp":
                    ent.cls = "PrisonerOfWarCamp"
            if m.kind == "legal-act":
                if "number" in a:
                    add(Fact(ent, "jpow:number", Lit(a["number"], "string", None)))
                title = a.get("title") or _title_after(text, m.end, quotes)
                if title and not m.in_title:
                    add(Fact(ent, "jpow:title", Lit(title)))
                    if "title_span" in a:   # "Declaration on the end of the state of war between X and Y"
                        t0, t1 = a["title_span"]
                        for o in ms:
                            if o.kind in ("place", "organization") and t0 <= o.start < t1 and o.entity:
                                add(Fact(ent, "jpow:concerns", o.entity))
                    tq = next((q for q in quotes if q.text == title and q.tstart >= m.start), None)
                    if tq and re.match(r"On\s+(?:the\s+)?(?:formation|establishment|creation|organi[sz]ation|"
                                       r"liquidation|reorgani[sz]ation|abolition)\s+of\b", title):
                        for o in ms:
                            if o.kind == "organization" and tq.tstart <= o.start < tq.tstart + len(tq.text):
                                add(Fact(ent, "jpow:concerns", o.entity))
                if "date" in a:
                    add(Fact(ent, "jpow:date", _date_lit(a["date"])))
                    if a.get("date_as_written"):
                        add(Fact(ent, "jpow:dateAsWritten", Lit(a["date_as_written"], "string", None)))
                if isinstance(a.get("issuer"), Mention) and a["issuer"].entity:
                    add(Fact(ent, "jpow:issuedBy", a["issuer"].entity))
            if m.kind == "event" and "date" in a and not m.in_title:
                add(Fact(ent, "jpow:date", _date_lit(a["date"])))
            if m.kind == "event" and "startDate" in a:
                add(Fact(ent, "jpow:startDate", _date_lit(a["startDate"])))
                add(Fact(ent, "jpow:endDate", _date_lit(a["endDate"])))
                add(Fact(ent, "jpow:dateAsWritten", Lit(a["date_as_written"], "string", None)))
            if m.kind == "publication":
                if "year" in a:
                    add(Fact(ent, "jpow:publicationYear", Lit(a["year"], "gYear", None)))
                if "place" in a:
                    pl = next((p for p in ms if p.kind == "place" and p.text == a["place"] and p.start > m.start),
                              None)
                    if pl:
                        add(Fact(ent, "jpow:placeOfPublication", pl.entity))
                if "volumes" in a:
                    add(Fact(ent, "jpow:volumeCount", Lit(a["volumes"], "integer", None)))
            for n in m.names:
                if n != ent.label:
                    add(Fact(ent, "skos:altLabel", Lit(n)))

        self._persons(text, s, e, ms, facts)
        self._organizations(text, s, e, ms, facts)
        self._acts(text, s, e, ms, free_dates, facts)
        self._events(text, s, e, ms, free_dates, facts)
        self._publications(text, s, e, ms, quotes, facts, block)
        self._camps(text, s, e, ms, places, facts)
        self._labour(text, s, e, ms, facts)
        self._statistics(text, s, e, ms, qs, free_dates, facts, block)
        self._dependency_facts(s, e, live, free_dates, facts, block)
        return facts

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
        facts.append(Fact(ev, "jpow:date", _date_lit(date.value)))
        facts.append(Fact(ev, "jpow:dateAsWritten", Lit(date.as_written, "string", None)))

    # persons: titles, positions, roles, affiliations
    def _persons(self, text, s, e, ms, facts):
        add = facts.append
        titles = "|".join(self.lex["academic_titles"])
        positions = alternation(self.lex["positions"])
        roles = self.lex["roles"]
        for i, m in enumerate(ms):
            if m.kind != "person" or m.in_title:
                continue
            p = m.entity
            if "position" in m.attrs:
                add(Fact(p, "jpow:position", Lit(m.attrs["position"])))
            before = text[s:m.start]
            chain = re.search(rf"((?:(?:the\s+)?[^,;:()]*?(?:{titles}|(?:{positions})\b[^,;:()]*?)\s*,?\s*)+)$", before)
            if chain:
                for item in re.split(r",\s*", chain.group(1).strip().rstrip(",")):
                    item = re.sub(r"^(?:the|a|an)\s+", "", item.strip())
                    if not item:
                        continue
                    tm = re.fullmatch(rf"(?:.*\s)?({titles})", item)
                    if tm:
                        add(Fact(p, "jpow:academicTitle", Lit(tm.group(1))))
                        continue
                    pm = re.search(rf"\b((?:(?:first|former|then|late)\s+)?(?:[A-Z][a-z]+\s+)?(?:{positions})\b.*)$",
                                   item)
                    if pm and len(pm.group(1)) < 120 and not re.search(r"\b(?:by|with|and)\b", pm.group(1)):
                        pos = pm.group(1)
                        add(Fact(p, "jpow:position", Lit(pos)))
                        role = next((r for k, r in roles.items() if re.search(rf"\b{k}\b", pos)), None)
                        if role:
                            add(Fact(p, "jpow:hasRole", _term(role)))
                        for o in ms:
                            if o.kind == "organization" and o.end <= m.start and pos.endswith(
                                    text[o.start:o.end]) and o.entity is not None:
                                add(Fact(p, "jpow:affiliation", o.entity))
            after = text[m.end:e]
            am = re.match(rf",\s*((?:{titles})(?:\s*,\s*(?:{titles}))*)", after)
            if am:
                for t in re.split(r"\s*,\s*", am.group(1)):
                    add(Fact(p, "jpow:academicTitle", Lit(t)))
            lm = re.search(rf"\b({alternation(list(roles))})\s*:?\s*((?:(?:[A-Z][a-z]?\.\s?)+\s*{CAP}\s*(?:,|and)?\s*)+)$",
                           before + m.text)
            if lm and lm.group(1).islower():
                add(Fact(p, "jpow:hasRole", _term(roles[lm.group(1)])))
            # "<Person>, Candidate of ... and associate professor of <Organization>", "<Person> is a researcher at ..."
            work = re.compile(rf"\s*,?\s*(?:(?:who\s+)?(?:is|was)\s+)?[^.;()]*?\b(?:{alternation(self.lex['affiliation_roles'])})"
                              rf"\s+(?:of|at)\s+(?:the\s+)?", re.IGNORECASE)
            for o in ms:
                if o.kind == "organization" and o.start > m.end and o.entity is not None and \
                        not any(x.kind == "person" and m.end <= x.start < o.start for x in ms) and \
                        work.fullmatch(text, m.end, o.start):
                    add(Fact(p, "jpow:affiliation", o.entity))
                    break
            om = re.match(r"\s*\(\s*", text[m.end:e])
            org = om and next((o for o in ms if o.kind == "organization" and o.start == m.end + om.end() and
                               re.match(r"\s*\)", text[o.end:e])), None)
            if org:   # "A. S. Kim (Karaganda State University)"
                add(Fact(p, "jpow:affiliation", org.entity))
            pow_after = re.match(r",\s+(?:a\s+)?(?:former\s+)?(?:Japanese\s+)?(prisoner\s+of\s+war|POW|internee)\b",
                                 text[m.end:e])
            pow_before = re.search(r"\b(?:former\s+)(?:Japanese\s+)?(prisoner\s+of\s+war|POW|internee)\s+$", before)
            for pm in (pow_after, pow_before):
                if pm:
                    add(Fact(p, "jpow:hasRole", _term("RoleInternee" if pm.group(1) == "internee"
                                                      else "RolePrisonerOfWar")))
        for o in ms:
            if o.kind != "organization":
                continue
            hm = re.match(r"\s+headed\s+by\s+", text[o.end:e])
            if hm:
                head = next((m for m in ms if m.kind == "person" and m.start == o.end + hm.end()), None)
                if head:
                    add(Fact(head.entity, "jpow:affiliation", o.entity))
                    add(Fact(head.entity, "jpow:position", Lit(f"head of the {o.entity.label}")))

    def _organizations(self, text, s, e, ms, facts):
        add = facts.append
        orgs = [m for m in ms if m.kind == "organization" and not m.in_title]
        for a in orgs:
            for b in orgs:
                if a is b or a.entity is b.entity:
                    continue
                if b.inside(a) and re.search(r"\bof\s+(?:the\s+)?$", text[a.start:b.start]):
                    add(Fact(a.entity, "jpow:subordinateTo", b.entity))
                if b.start >= a.end and re.fullmatch(r"\s+of\s+(?:the\s+)?", text[a.end:b.start]):
                    add(Fact(a.entity, "jpow:subordinateTo", b.entity))
            for p in ms:
                if p.kind == "place" and p.inside(a) and re.search(r"\bof\s+(?:the\s+)?(?:city\s+of\s+)?$",
                                                                   text[a.start:p.start]) \
                        and a.entity.cls in ("Archive", "Enterprise", "University") \
                        and p.entity.cls in ("Settlement", "Region"):
                    add(Fact(a.entity, "jpow:location", p.entity))
        for m in re.finditer(r"\b[Hh]eadquarters\s+of\s+(?:the\s+)?", text[s:e]):
            org = next((o for o in orgs if o.start == s + m.end()), None)
            if org:
                pl = re.match(r"\s+in\s+", text[org.end:e])
                place = pl and next((p for p in ms if p.kind == "place" and p.start == org.end + pl.end()), None)
                if place:
                    add(Fact(org.entity, "jpow:location", place.entity))
        for m in re.finditer(r"\b(?:[Tt]he\s+(university|institute|academy|ministry|committee)|"
                             r"(?P<org>\S))\s+(?:operates|runs|includes|has|founded|established)\s+(?:the\s+)?",
                             text[s:e]):
            if not m.group(1):
                continue
            owner = self.last.get({"university": "University", "institute": "ResearchInstitute",
                                   "academy": "ResearchInstitute"}.get(m.group(1), "StateBody"))
            sub = next((o for o in orgs if o.start == s + m.end()), None)
            if owner and sub:
                add(Fact(sub.entity, "jpow:subordinateTo", owner))

    def _acts(self, text, s, e, ms, ds, facts):
        add = facts.append
        verbs = alternation(self.lex["act_verbs"])
        acts = [m for m in ms if m.kind == "legal-act" and not m.in_title]
        for am in _ACT_ANAPHOR.finditer(text, s, e):
            if any(a.start <= am.start() < a.end for a in acts):
                continue
            prev = self.last.get("legal-act")
            if prev is not None and prev.cls in _ANAPHOR_CLASSES[am.group(1)]:
                acts.append(Mention("legal-act", prev.cls, am.start(), am.end(), am.group(0), prev.label, "",
                                    entity=prev))
        for a in acts:
            act = a.entity
            before = text[s:a.start]
            om = None
            for o in ms:
                if o.kind in ("organization",) and o.end <= a.start and re.fullmatch(
                        rf"(?:\s+headed\s+by\s+[^,]+?)?\s+(?:has\s+|had\s+)?(?:{verbs})\s+(?:the\s+|a\s+)?",
                        text[o.end:a.start]):
                    om = o
            pm = re.match(rf"\s+(?:was|were|has\s+been|had\s+been)\s+(?:{verbs})\s+by\s+(?:the\s+)?", text[a.end:e])
            if pm:
                om = next((o for o in ms if o.kind == "organization" and o.start == a.end + pm.end()), om)
            if om is not None and om.entity is not act:
                add(Fact(act, "jpow:issuedBy", om.entity))
            bm = re.search(r"\bbetween\s+", a.text)
            if bm:
                for o in ms:
                    if o.kind in ("organization", "place") and a.start + bm.end() <= o.start < a.end and \
                            not any(o.inside(x) for x in ms if x.kind == "organization" and x is not o):
                        add(Fact(act, "jpow:issuedBy", o.entity))
            # "was signed in <Place>", or the participle right after the act: "<act> signed in <Place>"
            lm = re.search(rf"\b(?:was|were)\s+(?:{verbs})\s+in\s+", text[a.end:e]) or \
                re.match(rf"(?:\s+of\s+[^,.;()]{{1,60}}?)?\s*,?\s*(?:{verbs})\s+in\s+", text[a.end:e])
            if lm:
                pl = next((p for p in ms if p.kind == "place" and p.start == a.end + lm.end()), None)
                if pl:
                    add(Fact(act, "jpow:location", pl.entity))
            acted = om is not None or lm is not None or re.search(rf"\b(?:{verbs})\s+(?:the\s+|a\s+)?$", before) \
                or re.match(rf"[^,.;]*?\b(?:was|were)\s+(?:{verbs})\b", text[a.end:e])
            # "the agreement of December 19, 1946": the date that follows the act's name
            of_date = next((d for d in ds if d.kind == "point" and re.fullmatch(r"\s+of\s+", text[a.end:d.start])),
                           None)
            if of_date is not None and "date" not in a.attrs and not act.attrs.get("dated"):
                add(Fact(act, "jpow:date", _date_lit(of_date.value)))
                add(Fact(act, "jpow:dateAsWritten", Lit(of_date.as_written, "string", None)))
                act.attrs["dated"] = True
            if acted and "date" not in a.attrs and not act.attrs.get("dated"):
                points = [d for d in ds if d.kind == "point" and not (a.start <= d.start < a.end)]
                if points:
                    d = min(points, key=lambda d: abs(d.start - a.start))
                elif self.frame_date is not None and a.entity.kind == "legal-act":
                    d = self.frame_date
                else:
                    d = None
                if d is not None:
                    add(Fact(act, "jpow:date", _date_lit(d.value)))
                    add(Fact(act, "jpow:dateAsWritten", Lit(d.as_written, "string", None)))
                    act.attrs["dated"] = True
            # "the decree provided for the export of X from A to B": the act concerns the transfer
            if re.match(r"\s+provided\s+for\b", text[a.end:e]):
                for ev in ms:
                    if ev.kind == "event" and ev.start > a.end:
                        add(Fact(act, "jpow:concerns", ev.entity))

    def _events(self, text, s, e, ms, ds, facts):
        add = facts.append
        for ev in ms:
            if ev.kind != "event" or ev.in_title or ev.cls == "War":
                continue
            x = ev.entity
            inside = [m for m in ms if m.inside(ev) or (m.start >= ev.start and m.end <= ev.end and m is not ev)]
            if ev.cls in ("Visit", "Conference", "MilitaryDefeat", "PoliticalChange"):
                for m in inside:
                    if m.kind in ("person", "organization") or (m.kind == "place" and ev.cls == "Conference"):
                        if ev.cls == "Conference" and m.kind == "place" and re.search(
                                r"\bin\s+$", text[ev.start:m.start]):
                            continue
                        add(Fact(x, "jpow:participant", m.entity))
            if ev.cls in ("Visit",):
                for m in inside:
                    if m.kind == "place" and re.search(r"\bto\s+(?:the\s+)?$", text[ev.start:m.start]):
                        add(Fact(x, "jpow:destination", m.entity))
            if ev.cls in ("MilitaryDefeat", "PoliticalChange", "Dissolution", "Declassification"):
                for m in inside:
                    if m.kind == "place" and (ev.cls == "Dissolution" or re.search(r"\bin\s+(?:the\s+)?$",
                                                                                  text[ev.start:m.start])):
                        add(Fact(x, "jpow:location", m.entity))
                        break
            if ev.cls == "Conference":
                pos = ev.end
                for m in sorted(ms, key=lambda m: m.start):
                    if m.kind == "place" and m.start >= pos and re.fullmatch(r"\s*(?:,|and|,\s*and)?\s*(?:the\s+)?",
                                                                             text[pos:m.start]):
                        add(Fact(x, "jpow:participant", m.entity))
                        pos = m.end
                for m in ms:
                    if m.kind == "place" and not m.inside(ev) and re.search(r"\bin\s+$", text[s:m.start]) \
                            and abs(m.end - ev.start) < 30:
                        add(Fact(x, "jpow:location", m.entity))
            if ev.cls == "Transfer":
                fm = re.search(r"\bfrom\s+(?:the\s+territory\s+of\s+)?(?:the\s+)?", text[ev.start:e])
                if fm:
                    origin = next((p for p in ms if p.kind == "place" and p.start == ev.start + fm.end()), None)
                    if origin:
                        add(Fact(x, "jpow:origin", origin.entity))
                        tail = text[origin.end:e]
                        tm = re.match(r"\s+to\s+", tail)
                        if tm:
                            for p in ms:
                                if p.kind == "place" and p.start >= origin.end + tm.end() and not p.in_title:
                                    gap = text[origin.end:p.start]
                                    if re.search(r"[.;]|\bwhich\b|\bfor\b", gap) and p.start > ev.end:
                                        break
                                    add(Fact(x, "jpow:destination", p.entity))
            if ev.cls == "Handover":
                by = re.match(r"\s+by\s+(?:the\s+)?", text[ev.end:e])
                giver = next((m for m in ms if m.kind == "person" and m.start > ev.end and by), None)
                if giver:
                    add(Fact(x, "jpow:participant", giver.entity))
                    tm = re.match(r"\s+to\s+(?:the\s+)?", text[giver.end:e])
                    recv = tm and next((m for m in ms if m.kind in ("organization", "person", "place")
                                        and m.start == giver.end + tm.end()), None)
                    if recv:
                        add(Fact(x, "jpow:destination", recv.entity))
                obj = [m for m in ms if m.kind == "publication" and m.end <= ev.start]
                if obj:
                    add(Fact(x, "jpow:concerns", obj[-1].entity))
            if ev.cls not in ("War",):
                points = [d for d in ds if d.kind in ("point", "vague") and not (ev.start <= d.start < ev.end)]
                points = [d for d in points if not re.search(r"\b(?:until|till)\s+$", text[max(0, d.start - 8):d.start])]
                if points:
                    d = min(points, key=lambda d: abs(d.start - ev.start))
                    if d.kind == "vague":
                        add(Fact(x, "jpow:dateAsWritten", Lit(d.as_written, "string", None)))
                    else:
                        add(Fact(x, "jpow:date", _date_lit(d.value)))
                        add(Fact(x, "jpow:dateAsWritten", Lit(d.as_written, "string", None)))

    def _publications(self, text, s, e, ms, quotes, facts, block):
        add = facts.append
        pubs = [m for m in ms if m.kind == "publication" and not m.in_title]
        for i, pm in enumerate(pubs):
            pub = pm.entity
            before = text[s:pm.start]
            authors: list[Entity] = []
            people = sorted((m for m in ms if m.kind == "person" and m.end <= pm.start), key=lambda m: m.start)
            for j, m in enumerate(people):
                if re.fullmatch(r"(?:['’]s)?\s*[\"“«]?\s*", text[m.end:pm.start]):
                    # the author written just before the title, and co-authors listed before them
                    authors.append(m.entity)
                    k = j
                    while k > 0 and re.fullmatch(r"\s*(?:,|and|&|,\s*and)\s*", text[people[k - 1].end:people[k].start]):
                        authors.append(people[k - 1].entity)
                        k -= 1
            if not authors and i > 0 and re.search(r"\)\s*,\s*[\"“«]?\s*$", before) and \
                    pubs[i - 1].entity.attrs.get("author_entity") is not None:
                authors = [pubs[i - 1].entity.attrs["author_entity"]]
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
            cm = re.match(rf"[\s\"”»]*\(\s*({CAP}(?:\s+{CAP})?)\s*[,:]\s*([^,()]+?),\s*((?:1[89]|20)\d\d)"
                          rf"(?:[,.]\s*(?:(\d+)\s*p\.|(?:in\s+)?(\d+)\s*(?:vols?\.|volumes)))?\s*\.?\s*\)",
                          text[offset:])
            if cm:
                place = next((p for p in self._block_mentions if p.kind == "place" and
                              p.start == offset + cm.start(1)), None)
                if place:
                    add(Fact(pub, "jpow:placeOfPublication", self._resolved(place)))
                label = cm.group(2).strip()
                org_m = Mention("organization", "Publisher", offset + cm.start(2), offset + cm.end(2), label, label,
                                "organization:" + norm(label))
                org = self.entity_for(org_m, block.span(org_m.start, org_m.end)[0])
                self._span(org, block.span(org_m.start, org_m.end))
                ms.append(org_m)
                add(Fact(pub, "jpow:publisher", org))
                add(Fact(pub, "jpow:publicationYear", Lit(cm.group(3), "gYear", None)))
                if cm.group(4):
                    add(Fact(pub, "jpow:pageCount", Lit(cm.group(4), "integer", None)))
                if cm.group(5):
                    add(Fact(pub, "jpow:volumeCount", Lit(cm.group(5), "integer", None)))
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
            im = re.match(r"[^.;]*?\b(?:been\s+|was\s+|were\s+)?published\s+in\s+", text[pm.end:e])
            if im:
                pl = next((p for p in ms if p.kind == "place" and p.start == pm.end + im.end()), None)
                if pl:
                    add(Fact(pub, "jpow:placeOfPublication", pl.entity))
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
        am = _BOOK_ANAPHOR.search(text, s, e)
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

    def _span(self, e: Entity, span: tuple[int, int]) -> None:
        if self.record:
            e.spans.append(span)

    def _resolved(self, m: Mention) -> Entity:
        """The entity of a mention of this block that lies in a later sentence (resolved now)."""
        if m.entity is None:
            self.entity_for(m, self._block.span(m.start, m.end)[0])
        return m.entity

    def _labour(self, text, s, e, ms, facts):
        """"<camp> ... worked (mainly) at the facilities of <enterprise> and <enterprise>": a labour use."""
        camps = [m for m in ms if m.kind == "camp" and not m.in_title]
        if not camps:
            return
        wm = re.search(r"\b(?:worked|were\s+used|were\s+employed|labou?red)\s+(?:mainly\s+|mostly\s+|primarily\s+)?"
                       r"(?:at|in|on)\s+(?:the\s+)?(?:(?:facilities|enterprises|sites|mines|construction)\s+of\s+"
                       r"(?:the\s+)?)?", text[s:e])
        if not wm:
            return
        pos = s + wm.end()
        orgs = []
        for o in sorted(ms, key=lambda m: m.start):
            if o.kind == "organization" and o.start >= pos and re.fullmatch(r"\s*(?:,|and|,\s*and)?\s*(?:the\s+)?",
                                                                           text[pos:o.start]):
                if any(o.inside(x) for x in orgs):
                    continue
                orgs.append(o)
                pos = o.end
        if not orgs:
            return
        camp = min(camps, key=lambda c: abs(c.start - s - wm.start()))
        ev = Mention("event", "LabourUse", s + wm.start(), pos, text[s + wm.start():pos],
                     f"labour use of prisoners of {camp.entity.label}", "", {"anonymous": True})
        x = self.entity_for(ev, self._block.span(ev.start, ev.end)[0])
        self._span(x, self._block.span(ev.start, ev.end))
        ms.append(ev)
        facts.append(Fact(x, "jpow:camp", camp.entity))
        for o in orgs:
            facts.append(Fact(x, "jpow:concerns", o.entity))

    def _salient_book(self) -> Entity | None:
        """What "the book" refers to: the book mentioned most often so far (the latest on a tie)."""
        books = [x for x in self.entities if x.kind == "publication" and x.cls in ("Book", "Monograph")]
        if not books:
            return None
        return max(reversed(books), key=lambda x: self.fact_count.get(x.iri, 0))

    def _camps(self, text, s, e, ms, places, facts):
        """A camp lies in the one place its clause (or else its sentence) names, leaving out places that
        are origins or destinations ("from X", "to X"), parts of a name, or a citation's city."""
        add = facts.append
        sent = text[s:e]
        names = [m for m in ms if m.kind in ("organization", "publication", "legal-act")]
        places = [p for p in places
                  if not re.search(r"\b(?:from|to|through|via)\s+(?:the\s+)?(?:territory\s+of\s+(?:the\s+)?)?"
                                   r"(?:port\s+of\s+)?$",
                                   text[max(s, p.start - 30):p.start])
                  and not re.match(r",\s*[^()]*?\d{4}\s*\)", text[p.end:p.end + 60])
                  and not any(p.inside(n) for n in names)]
        clauses = [(s + c.start(), s + c.end()) for c in re.finditer(r"(?:[^,;]|,(?!\s*which\b))+", sent)]
        for c in [m for m in ms if m.kind == "camp" and not m.in_title]:
            bracket = re.match(r"\s*\(", text[c.end:e])
            where = bracket and next((p for p in ms if p.kind == "place" and p.start == c.end + bracket.end() and
                                      re.match(r"\s*\)", text[p.end:e])), None)
            if where:   # "camp No. 40 (Alma-Ata)"
                add(Fact(c.entity, "jpow:location", where.entity))
                continue
            # "<camp> was set up in the village of X", "<camp> in X": the place the camp's own verb names
            lm = re.match(r"\s+(?:(?:was|were|is)\s+(?:\w+\s+)?(?:located|situated|set\s+up|established|organi[sz]ed|"
                          r"created|based|opened|deployed)\s+)?(?:in|near|at)\s+(?:the\s+)?"
                          r"(?:(?:village|town|city|settlement|station|port|area)\s+of\s+)?", text[c.end:e])
            where = lm and next((p for p in places if p.start == c.end + lm.end()), None)
            if where:
                add(Fact(c.entity, "jpow:location", where.entity))
                continue
            clause = next(((a, b) for a, b in clauses if a <= c.start < b), (s, e))
            cand = {p.entity.iri: p.entity for p in places if clause[0] <= p.start < clause[1]}
            if len(cand) != 1:
                cand = {p.entity.iri: p.entity for p in places}
            if len(cand) == 1:
                add(Fact(c.entity, "jpow:location", next(iter(cand.values()))))

    def _statistics(self, text, s, e, ms, qs, ds, facts, block):
        add = facts.append
        for q in qs:
            label = q.text if not q.population else f"{q.text} {q.population}"
            pop = q.population or _population(text, q, s, e)
            if pop and not q.population:
                label = f"{q.text} ({pop})" if pop not in q.text else q.text
            o_start = block.span(q.start, q.end)[0]
            m = Mention("statistic", "Statistic", q.start, q.end, q.text, label[:120], f"statistic:{o_start}")
            st = self.entity_for(m, o_start)
            self._span(st, block.span(q.start, q.end))
            ms.append(m)
            add(Fact(st, "jpow:qualifier", _term(QUALIFIER_CLASS[q.qualifier])))
            if q.value is not None and q.qualifier in ("exact", "approximate"):
                add(Fact(st, "jpow:value", Lit(_dec(q.value), "decimal", None)))
            if q.min_value is not None:
                add(Fact(st, "jpow:minValue", Lit(_dec(q.min_value), "decimal", None)))
                add(Fact(st, "jpow:maxValue", Lit(_dec(q.max_value), "decimal", None)))
            elif q.qualifier == "lower_bound":
                add(Fact(st, "jpow:minValue", Lit(_dec(q.value), "decimal", None)))
            elif q.qualifier == "upper_bound":
                add(Fact(st, "jpow:maxValue", Lit(_dec(q.value), "decimal", None)))
            add(Fact(st, "jpow:unit", _term(q.unit)))
            add(Fact(st, "jpow:quantityAsWritten", Lit(q.text, "string", None)))
            if q.fraction:
                add(Fact(st, "jpow:fraction", Lit(q.fraction, "string", None)))
            add(Fact(st, "jpow:population", Lit(pop or _UNIT_WORDS.get(q.unit, "items"))))
            if re.search(r"\bestimat", text[s:e]):
                add(Fact(st, "jpow:isEstimate", Lit("true", "boolean", None)))
            if q.part_of == -1 and self.last_stat is not None:
                add(Fact(st, "jpow:partOf", self.last_stat))
            elif q.part_of is not None and q.part_of >= 0:
                whole = next((x for x in ms if x.kind == "statistic" and x.start == q.part_of), None)
                if whole:
                    add(Fact(st, "jpow:partOf", whole.entity))
            # where and when: places and dates of the clause
            clause_s = max([s] + [i + 1 for i in range(s, q.start) if text[i] in ",;:"])
            clause_e = min([e] + [i for i in range(q.end, e) if text[i] in ",;"])
            if q.unit not in ("UnitPage", "UnitVolume", "UnitYear"):
                for p in ms:
                    if p.kind == "place" and clause_s <= p.start < clause_e and not p.in_title and \
                            re.search(r"\b(?:in|of|at)\s+(?:the\s+)?(?:regions?\s+of\s+(?:the\s+)?)?$",
                                      text[max(s, p.start - 30):p.start]) and \
                            not re.search(r"\bfrom\s+(?:the\s+)?$", text[max(s, p.start - 12):p.start]):
                        add(Fact(st, "jpow:location", p.entity))
                        pos = p.end
                        for p2 in sorted(ms, key=lambda x: x.start):
                            if p2.kind == "place" and p2.start >= pos and p2.start < clause_e and re.fullmatch(
                                    r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?", text[pos:p2.start]):
                                add(Fact(st, "jpow:location", p2.entity))
                                pos = p2.end
                for d in ds:
                    if not (clause_s <= d.start < clause_e) or d.kind == "vague":
                        continue
                    if d.kind == "point":
                        add(Fact(st, "jpow:date", _date_lit(d.value)))
                    elif d.kind == "range":
                        first, last = d.value.split("/")
                        add(Fact(st, "jpow:startDate", _date_lit(first)))
                        add(Fact(st, "jpow:endDate", _date_lit(last)))
                    else:
                        add(Fact(st, "jpow:endDate" if d.kind == "until" else "jpow:startDate", _date_lit(d.value)))
            # what the figure is about: a publication's pages or volumes, else the nearest camp, event, act
            # or enterprise of the sentence
            if q.unit in ("UnitPage", "UnitVolume"):
                target = next((x for x in reversed(ms) if x.kind == "publication" and x.start < q.start), None)
                tgt = target.entity if target else None
                if tgt is None and _BOOK_ANAPHOR.search(text, s, q.start):
                    tgt = self._salient_book()
                if tgt is not None and not q.text.endswith("-volume"):
                    add(Fact(tgt, "jpow:pageCount" if q.unit == "UnitPage" else "jpow:volumeCount",
                             Lit(str(int(q.value)), "integer", None)))
                if tgt is not None:
                    add(Fact(st, "jpow:measures", tgt))
            else:
                cands = [x for x in ms if not x.in_title and x.entity is not None and (
                    x.kind in ("camp", "legal-act") or x.kind == "event" and x.cls != "War" or
                    x.kind == "organization" and x.entity.cls == "Enterprise")]
                if cands:
                    near = min(cands, key=lambda x: min(abs(x.start - q.end), abs(q.start - x.end)))
                    add(Fact(st, "jpow:measures", near.entity))
            self.last_stat = st


_UNIT_WORDS = {"UnitPerson": "persons", "UnitPercent": "share (percent)", "UnitFraction": "share",
               "UnitCamp": "camps", "UnitPage": "pages", "UnitVolume": "volumes", "UnitYear": "years",
               "UnitMinistry": "ministries", "UnitItem": "items"}


def _named_places(doc, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """Places the parser's named-entity recogniser finds (GPE, LOC) where no pattern found a mention; not a
    language or a demonym of the lexicon ("published in Kazakh")."""
    not_places = set(lex["languages"]) | set(lex["demonyms"])
    found = []
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC") or ent.root.dep_ in ("compound", "amod", "nmod"):
            continue  # "the Kazakh steppe": a modifier, not a place named
        words = ent.text[4:] if ent.text.startswith(("the ", "The ")) else ent.text
        start = ent.end_char - len(words)
        taken = any(m.start < ent.end_char and start < m.end for m in mentions)
        if words in not_places or not words[:1].isupper() or taken:
            continue
        found.append(Mention("place", "Place", start, ent.end_char, words, words, f"place:{norm(words)}"))
    return found


def _initials_of(m: Mention) -> list[str]:
    a = m.attrs
    if "initials" in a:
        return [i[0] for i in a["initials"]]
    if "given" in a:
        return [a["given"][0]] + [r[0] for r in a.get("rest", [])]
    return []


def _initials_of_entity(e: Entity) -> list[str]:
    a = e.attrs
    if "initials" in a:
        return [i[0] for i in a["initials"]]
    if "given" in a:
        return [a["given"][0]] + [r[0] for r in a.get("rest", [])]
    return []


def _compatible(a: list[str], b: list[str]) -> bool:
    """Initials agree as far as both go ("E" ~ "E L"; "N O" ~ "N O")."""
    return all(x == y for x, y in zip(a, b))


def _title_after(text: str, end: int, quotes) -> str | None:
    q = next((q for q in quotes if end <= q.start <= end + 3), None)
    return q.text if q else None


_GENERIC_COUNTED = {"people", "persons", "person", "men", "items", "years", "pages", "volumes", "camps", "ministries"}
_NP_END = (r"(?=(?:^|\s+)(?:were|was|who|whom|which|that|died|left|received|worked|had|have|are|is|to|with|due|"
           r"because|ended|reached|arrived|passed|in\s+the\s+amount)\b|[,.;()]|$)")


def _population(text: str, q: Quantity, s: int, e: int) -> str | None:
    """What a figure counts, as the sentence says it: "the number of <X> was N", "N <X> ...", "half of <X>"."""
    nm = re.search(r"\bnumber\s+of\s+([^,;]+?)\s+(?:was|were|is|amounted\s+to|reached)\s*$", text[s:q.start])
    if nm:
        return nm.group(1)
    if q.unit in ("UnitPage", "UnitVolume"):
        return None
    tail = text[q.num_end:e].lstrip()
    if q.unit == "UnitFraction":
        fm = re.match(r"of\s+(?!them\b|these\b|us\b)((?:the\s+|all\s+)*[^,.;()]+?)" + _NP_END, tail)
        return fm.group(1) if fm else None
    pm = re.match(r"([^,.;()]*?)" + _NP_END, tail)
    phrase = pm.group(1).strip() if pm else ""
    if not phrase or phrase.lower() in _GENERIC_COUNTED or re.match(r"of\s+(?:them|these)\b", phrase):
        return None
    return phrase


def _dec(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:.4f}".rstrip("0")


def _date_lit(value: str) -> Lit:
    from kg.extract.text.spans import date_datatype
    return Lit(value, date_datatype(value), None)


def _term(local: str):
    return ("jpow", local)

"""Citations: a numbered footnote ("12 Title. City: Publisher, 1999, 240 p.", "Ibid., p. 5"), or the items of a
list of sources ("Sources: Author, Title (Tokyo, 1993); ...")."""

from __future__ import annotations

import re
from functools import cached_property

from kg.extract.text.lexicon import alternation
from kg.extract.text.mentions import CAP, Mention
from kg.extract.text.mentions.mention import title_key
from kg.extract.text.model import Entity, Fact, Lit, Passage
from kg.extract.text.spans import norm, script_language
from kg.sources.text import NOTE_NUMBER, Block


_CJK = r"[\u3040-\u30ff\u4e00-\u9fff]"
# "Ivanov, A. (2001). Title. Almaty: Gylym.", "Sato, K. and Ono, T. (1999). "Title". Journal 4: 12-30.": an
# author-date reference (APA, Harvard, the reference lists of encyclopedias), its authors inverted
_INVERTED = rf"{CAP}(?:[- ]{CAP})?,\s+(?:(?:[A-Z]\.\s?)+|{CAP}(?:\s+{CAP})?)"
AUTHOR_DATE = re.compile(rf"(?:\[?\d{{1,3}}[.\]]?\s+|[-*•^]\s*)?(?:(?P<auth>{_INVERTED}(?:\s*(?:,|;|,?\s*and|,?\s*&)\s*"
                         rf"(?:{_INVERTED}|(?:[A-Z]\.\s?)+{CAP}))*)|(?P<corp>[A-Z][\w’'-]*(?:\s+(?:of|the|and|for|"
                         rf"[A-Z][\w’'-]*)){{1,10}}))(?P<eds>,?\s*\(?[Ee]ds?\.\)?)?\.?\s*\((?P<year>(?:1[89]|20)\d\d)[a-z]?\)(?:\.|(?(corp)(?!)|,))?\s+")
# (or a body; "eds." after the names: the editors; not a title and its year in prose: "Captives of the Steppe
# (2008), a collection of testimonies, ...")

# a paragraph that ends with an imprint is a citation: "... Sapporo: Hokusei Press, 2023. xii + 318 pp."
# (a review's head may go on: "... 2021. xii + 386 pp. ISBN withheld. Reviewed by X, Institute of History, Almaty.")
# a web page's or a newspaper article's citation: '"Title". Site or Newspaper, 14 August 2006, p. 3.', 'Author.
# "Title". Site. Retrieved 12 March 2019.' (the title in quotes, where it appeared after it)
QUOTED = re.compile(r'(?:(?P<auth>[^"“”\n]{2,80}?)\.\s+)?["“](?P<title>[^"”\n]{3,200}?)[.,]?["”]\.?\s+'
                    r'(?P<where>[A-Z][^.,"“”()\d\n]{1,80}?|[a-z][\w-]*(?:\.[\w-]+)+)(?:\s+\d+(?:\s*\(\d+\))?)?'
                    r'(?:\s*\((?:journal|newspaper|website)\))?[.,]\s+(?P<rest>[^\n]*?(?:(?:1[89]|20)\d\d|[Rr]etrieved|'
                    r'[Aa]ccessed|https?://)[^\n]*)$')
# 'Author, "Title", Journal 12 (2011): 45-78', 'Dorofeyeva, L. A. "Title", Voprosy istorii, no. 7 (1998)', '... "Title",
# in: Proceedings ..., vol. 3 (2001)', '... "Title", Bulletin ..., History series, 2008, no. 2' (the year bare)
ARTICLE = re.compile(rf'(?P<auth>[^"“”‘\n;:()]+?)(?:,|(?<=[A-Z]\.))\s+(?:["“](?P<title>[^"”]+?)[,.]?["”]|[‘\'](?P<title2>[^’\']+?)[,.]?[’\']),?\s+'
                     rf'(?:in:?\s+)?(?P<journal>{CAP}[^()"“”]*?)(?:,?\s+(?:(?:vol|no)\.\s*|№\s*)?(?P<vol>\d+(?:\.\d+)?))?\s*'
                     rf'(?:\((?P<year>(?:1[89]|20)\d\d)\)|,\s+(?P<year2>(?:1[89]|20)\d\d)\b(?!\s*[–-]))')
IMPRINT = re.compile(rf"[.,]\s+{CAP}(?: {CAP})?:\s+[^,.:]+,\s+(?:1[89]|20)\d\d(?:\.\s+(?:[xivlc]+\s*\+\s*)?\d+\s*pp?)?\.?"
                     rf"(?=\s*$|\s+(?:ISBN\b|Reviewed\s+by\b|Translated\s+by\b))")


# "Title // Container. Year", "Title // Container. City: Publisher, Year": a part and what it is part of; the
# container ends before its imprint or year
_PART = re.compile(rf"(?P<title>[^/;\n]{{3,250}}?)\s*//\s*(?P<in>[^/;\n]{{2,150}}?)\.\s+(?:{CAP}(?:[ -]{CAP})?"
                   rf"(?::\s*[^,;.\n]+)?,\s+)?(?P<year>(?:1[89]|20)\d\d)\b")


class FootnoteFacts:
    """Read by `DocumentReader` for a block that is a footnote or a list of sources."""

    @cached_property
    def _sources_head(self) -> re.Pattern[str]:
        """What opens a list of sources: "Sources:", "References.", "Bibliography:" (`source_list_heads`)."""
        return re.compile(rf"\s*(?:{alternation(self.lex['source_list_heads'])})\s*[:.]\s*", re.I)

    def _footnote(self, block: Block, number: str, mentions: list[Mention]) -> list[Passage]:
        text = block.text
        body_start = re.match(rf"\[?{NOTE_NUMBER}[.\]]?\s+", text).end()
        facts: list[Fact] = []
        mentioned: list[tuple[Entity, str]] = []
        pub: Entity | None = None
        if re.match(r"\s*Ibid\b", text[body_start:]):
            pub = self.last_footnote_pub
            pm = re.search(r"\bpp?\.\s*(\d+(?:\s*[-–]\s*\d+)?)", text)
            if pub is not None and pm:
                pub.attrs.setdefault("cited_pages", {})[number] = pm.group(1)
        else:
            pub = self._citation(block, body_start, len(text), mentions, facts, mentioned)
        if pub is None:
            return []
        self.last_footnote_pub = pub
        self.footnotes[number] = pub
        for ent, _ in mentioned:
            self._span(ent, block.span(0, len(text)))
        quote, o_start, o_end = block.quote(0, len(text))
        return [Passage(o_start, o_end, quote, facts, mentioned)]

    def sources_head(self, text: str) -> re.Match[str] | None:
        """Where a block's list of sources begins: at its start ("Sources: ..."), or run in after a sentence, as
        catalogue entries give their fields ("... 2015 (loan). Published: A (Karaganda, 2009); B ...")."""
        return self._sources_head.match(text) or re.search(
            rf"(?<=[.;]\s)(?:{alternation(self.lex['source_list_heads'])})\s*:\s*", text)

    def _sources_list(self, block: Block, mentions: list[Mention]) -> list[Passage]:
        """ "Sources: A (Tokyo, 2005); B. Author, Title (Place: Publisher, 1993).": each item that reads as a
        citation, a passage of its own."""
        text = block.text
        head = self.sources_head(text)
        passages = []
        for item in re.finditer(r"[^;]+", text[head.end():]):
            a = head.end() + item.start() + len(item.group(0)) - len(item.group(0).lstrip())
            b = head.end() + item.end()
            facts: list[Fact] = []
            mentioned: list[tuple[Entity, str]] = []
            if self._citation(block, a, b, mentions, facts, mentioned) is None:
                continue
            for ent, _ in mentioned:
                self._span(ent, block.span(a, b))
            quote, o_start, o_end = block.quote(a, b)
            passages.append(Passage(o_start, o_end, quote, facts, mentioned))
        return passages

    def _citation(self, block: Block, a: int, b: int, mentions: list[Mention], facts: list[Fact],
                  mentioned: list[tuple[Entity, str]]) -> Entity | None:
        """The publication that text[a:b] cites ("Title. City: Publisher, 1999, 240 p.", "A. B. Author, Title
        (City: Publisher, 2001), p. 144", "Author, Title (City, 2004)"), with its facts; None if it cites none."""
        text = block.text[:b]
        # "Zhakupov S. T. Osakarovsky Raion: A Chronicle. Karaganda, 2011": the cited author, surname first, before
        # the title (the title is read after it)
        cited = next((m for m in mentions if m.kind == "person" and m.start == a and m.attrs.get("initials") and
                      re.match(r"\s*(?:\([^()]*\))?\s*\.?\s+[A-Z\"“«]", text[m.end:])), None)
        if "//" in text[a:]:   # "Author I. I. Title // Book. Place: Publisher, 2006. P. 415.": a part of a work
            part = self._part_citation(block, a, text, mentions, facts, mentioned)
            if part is not None:
                return part
        a0 = a   # (where the citation begins, with its author: an article's reader reads them together)
        if cited is not None and "//" not in text[a:]:
            a = cited.end + re.match(r"\s*(?:\([^()]*\))?\s*\.?\s+", text[cited.end:]).end()
        cm = re.match(
            rf"(?P<title>.+?)(?:\s*\((?:edited by|ed\. by|ed\.|under the editorship of)\s+(?P<ed>[^)]+)\)|"
            rf"\s+/\s+(?:ed\.|eds\.|comp\.|under\s+the\s+(?:general\s+)?editorship\s+of)\s+"   # "Title / ed. B. Zh. Name"
            rf"(?P<ed2>(?:[A-Z][a-z]?\.\s?){{1,3}}\s*{CAP}(?:-{CAP})?|{CAP}(?:-{CAP})?\s+(?:[A-Z][a-z]?\.\s?){{1,3}}))?"
            rf"[.,]\s+(?P<place>{CAP}(?: {CAP})?)(?:[,:]\s+(?P<pub>[^,]+?))?,\s+(?P<year>(?:1[89]|20)\d\d)"
            rf"(?:,\s+(?P<vol>vol\.\s*[^.,]+(?:\s*\(\d+\))?))?(?:(?:,\s*|\.\s+)(?:[xivlc]+\s*\+\s*)?(?P<pages>\d+)\s*pp?\.)?"
            rf"(?:[,.]\s*(?:pp?|P)\.\s*\d+(?:\s*[-–]\s*\d+)?)?\.?\s*$",   # (the page a note cites: ", p. 88.", ". P. 97–104")
            text[a:]) or re.match(
            # "A. B. Author, Title (City: Publisher, 2001), p. 144."; "Author, Title, vol. 2 (City, 2004)"
            rf"(?:(?P<auth>[^,()]+?),\s+)?(?P<title>[^()]+?)(?:,\s+(?P<vol>vol\.\s*\d+))?\s*\((?P<place>{CAP}"
            rf"(?: {CAP})?)(?::\s*(?P<pub>[^,()]+?))?,\s*(?P<year>(?:1[89]|20)\d\d)\)(?P<ed>(?!x)x)?"
            rf"(?P<pages>(?!x)x)?(?P<ed2>(?!x)x)?", text[a:])
        if not cm:
            return self._part_citation(block, a, text, mentions, facts, mentioned) or \
                self._author_date_citation(block, a, text, mentions, facts, mentioned) or \
                self._article_citation(block, a0, text, mentions, facts, mentioned) or \
                self._quoted_citation(block, a, text, facts, mentioned)
        off = a
        people = [m for m in mentions if m.kind == "person"]
        # "Author, Title (...)": without a person before the comma, the comma is the title's own
        by_author = cm.groupdict().get("auth") and any(a + cm.start("auth") <= m.start < a + cm.end("auth")
                                                       for m in people)
        t0 = cm.start("title") if by_author or not cm.groupdict().get("auth") else 0
        t1 = cm.end("title")
        volume = cm.group("vol")
        vm = re.search(r",\s*(vol\.\s*\d+)\s*$", text[a + t0:a + t1])
        if vm and not volume:   # "Title, vol. 2 (Moscow, 2000)" read as author "Title" and title "vol. 2"
            volume, t1 = vm.group(1), t0 + vm.start()
        # "Shirai Tetsuo, Kōya no hakaboshi (荒野の墓標, Grave markers ...), Tokyo: ...", "Tulegenov, E. A., Japanese
        # Prisoners ..., Karaganda: ...": the author before the title, its original and translation after it
        lead_author = None
        if t0 in (0, cm.start("title")):   # (0: "Ryvkin, L. M. Title (...)", its comma no author's)
            # (or "Rakhimov, S. Title", "Nakamura Isamu. Title", "Hamada Kōichi 浜田浩一. Title", "田辺博子 (Tanabe
            # Hiroko). Title": the author closed by a full stop, the name in its own script after or before it)
            lm = re.match(rf"({_INVERTED}|{CAP}\s+{CAP})(?:\s*\([^()]*\)|\s+{_CJK}+)?(?:,\s+|\.\s+|(?<=\.\s))(?=\S)",
                          text[a + t0:a + t1]) or re.match(rf"{_CJK}+\s*\(({CAP}\s+{CAP})\)\.\s+(?=\S)", text[a + t0:a + t1])
            named = lm and next((m for m in people if m.start == a + t0 and m.end <= a + t0 + lm.end(1)), None)
            if lm and (named is not None or "," in lm.group(1) or lm.start(1) > 0 or re.search(_CJK, lm.group(0))):
                lead_author = named or Mention("person", "Person", a + t0 + lm.start(1), a + t0 + lm.end(1), lm.group(1),
                                               _uninverted(lm.group(1)), f"person:{norm(_uninverted(lm.group(1)))}")
                t0 += lm.end()
            elif cited is not None:   # "Galkin V. P. Camps for ...", "Tanaka K. (田中 健二). Karaganda no yuki"
                lead_author = cited
        names: list[str] = []
        tr = re.search(r"\s*\[([^\[\]]{3,150})\]\s*$", text[a + t0:a + t1])
        if tr:   # "Hakui no sōgen [White Gowns in the Steppe]": the title translated, another name of the work
            names.append(tr.group(1).strip())
            t1 = t0 + tr.start()
        om = re.search(r"\s*\(([^()]*[\u3040-\u30ff\u4e00-\u9fff\u0400-\u04ff][^()]*)\)\s*$", text[a + t0:a + t1])
        if om:   # the original script and a translation in brackets: other names of the work
            names += [n.strip() for n in om.group(1).split(",") if n.strip()]
            t1 = t0 + om.start()
        rm = re.fullmatch(r"\s*([^()]*[\u3040-\u30ff\u4e00-\u9fff][^()]*?)\s*\(([^()\u3040-\u30ff\u4e00-\u9fff]+)\)\s*",
                          text[a + t0:a + t1])
        if rm:   # "カザフの抑留 (Kazafu no yokuryū)": the title in kana and kanji, its romanisation in brackets
            names = [rm.group(1)]
            t0, t1 = t0 + rm.start(2), t0 + rm.end(2)
        title = text[a + t0:a + t1].strip()
        tm = Mention("publication", "Book", off + t0, off + t1, title, title,
                     "publication:" + title_key(title), names=names)
        pub = self.entity_for(tm, block.span(tm.start, tm.end)[0])
        self._span(pub, block.span(tm.start, tm.end))
        mentioned.append((pub, title))
        facts += [Fact(pub, "skos:altLabel", Lit(n, None, script_language(n))) for n in names if n != pub.label]
        place_label, place_cls = self.lex.place_aliases.get(cm.group("place"), (cm.group("place"), "Settlement"))
        place = self.entity_for(Mention("place", place_cls, off + cm.start("place"), off + cm.end("place"),
                                        cm.group("place"), place_label, f"place:{norm(place_label)}"),
                                block.span(off + cm.start("place"), off + cm.end("place"))[0])
        mentioned.append((place, cm.group("place")))
        facts += [Fact(pub, "jpow:placeOfPublication", place),
                  Fact(pub, "jpow:publicationYear", Lit(cm.group("year"), "gYear", None))]
        if cm.group("pub"):
            publisher_label = cm.group("pub").strip()
            publisher = self.entity_for(
                Mention("organization", "Publisher", off + cm.start("pub"), off + cm.end("pub"),
                        publisher_label, publisher_label, "organization:" + norm(publisher_label)),
                block.span(off + cm.start("pub"), off + cm.end("pub"))[0])
            mentioned.append((publisher, publisher_label))
            facts.append(Fact(pub, "jpow:publisher", publisher))
        if volume:
            facts.append(Fact(pub, "jpow:volume", Lit(volume.strip(), "string", None)))
        if cm.group("pages"):
            facts.append(Fact(pub, "jpow:pageCount", Lit(cm.group("pages"), "integer", None)))
        if lead_author is not None:
            person = self.entity_for(lead_author, block.span(lead_author.start, lead_author.end)[0])
            mentioned.append((person, lead_author.text))
            facts.append(Fact(pub, "jpow:author", person))
        for role, group in (("jpow:author", "auth"), ("jpow:editor", "ed"), ("jpow:editor", "ed2")):
            if cm.groupdict().get(group):
                for m in people:
                    if off + cm.start(group) <= m.start < off + cm.end(group):
                        person = self.entity_for(m, block.span(m.start, m.end)[0])
                        mentioned.append((person, m.text))
                        facts.append(Fact(pub, role, person))
        return pub

    def reference_entry(self, block: Block, mentions: list[Mention]) -> list[Passage]:
        """A line of a reference list in author-date form, or a paragraph that is one citation (the head of a
        review: "Author. Title. City: Publisher, 2023. xii + 318 pp.", up to its imprint), a passage of its own."""
        facts: list[Fact] = []
        mentioned: list[tuple[Entity, str]] = []
        imprint = IMPRINT.search(block.text)
        end = imprint.end() if imprint else len(block.text.rstrip())
        if self._author_date_citation(block, 0, block.text, mentions, facts, mentioned) is None and \
                self._citation(block, 0, end, mentions, facts, mentioned) is None:
            return []
        for ent, _ in mentioned:
            self._span(ent, block.span(0, len(block.text)))
        quote, o_start, o_end = block.quote(0, len(block.text))
        return [Passage(o_start, o_end, quote, facts, mentioned)]

    def _author_date_citation(self, block: Block, a: int, text: str, mentions: list[Mention], facts: list[Fact],
                              mentioned: list[tuple[Entity, str]]) -> Entity | None:
        """"Ivanov, A. (2001). Japanese in Karaganda. Almaty: Gylym.": a book with its authors, year, place and
        publisher; "Sato, K. (1999). "Memories of Saran". Journal of Siberian Studies 4: 12-30.": an article,
        part of its journal."""
        head = AUTHOR_DATE.match(text, a)
        if head is None:
            return None
        rest = text[head.end():]
        off = head.end()
        am = re.match(r'["“](?P<title>[^"”]{3,200}?)[.,]?["”]\.?\s+(?:[Ii]n\s+)?(?P<journal>[A-Z][^0-9.()]{2,120}?)'
                      r'(?:[,.]?\s+(?:[Vv]ol\.\s*)?(?P<vol>\d+))?(?:\s*\(\d+\))?(?:[,:]\s*(?:pp?\.\s*)?\d+\s*[-–]\s*\d+)?'
                      r'\.?\s*$', rest)
        # an article's title unquoted, its journal with volume and pages: "Title: a survey. Steppe History
        # Review, 7, 52–70."
        am = am or re.match(r'(?P<title>[^.]{3,200}?)\.\s+(?P<journal>[A-Z][^0-9.()]{2,120}?),\s*(?:[Vv]ol\.\s*)?'
                            r'(?P<vol>\d+)(?:\s*\(\d+\))?,\s*(?:pp?\.\s*)?\d+\s*[-–]\s*\d+\.?\s*$', rest)
        # the imprint: "Almaty: Gylym.", "Tokyo: private printing." (no publisher), "Maizuru: the museum."
        bm = None if am else re.match(
            rf"(?P<title>(?:[^.]|(?<=No)\.){{3,200}}?(?:[.:?!]\s+[^.]{{3,120}}?)?)\.\s+(?:(?P<place>{CAP}(?:[- ]{CAP})?)(?::\s*|\.?\s*$))?"
            rf"(?:(?P<pub>(?!ISBN\b)[A-Z][^.:]{{1,80}}?)|[a-z][^.:]{{1,80}}?)?(?:,\s*(?:vol\.\s*[^,.]+,\s*)?pp?\.\s*\d+(?:\s*[-–]\s*\d+)?)?"
            rf"\.?(?:\s+ISBN[\s\d-]+X?\.?)?\s*$", rest)   # (", pp. 40–52": the pages a note cites)
        if am is None and bm is None:
            return None

        def entity(kind: str, cls: str, start: int, end: int) -> Entity:
            label = text[off + start:off + end].strip()
            ent = self.entity_named(kind, cls, off + start, off + end, label, block)
            mentioned.append((ent, label))
            return ent
        if am is not None:
            pub = entity("publication", "Article", am.start("title"), am.end("title"))
            facts.append(Fact(pub, "jpow:partOf", entity("publication", "Publication", am.start("journal"),
                                                         am.end("journal"))))
            if am.group("vol"):
                facts.append(Fact(pub, "jpow:volume", Lit(am.group("vol"), "string", None)))
        else:
            pub = entity("publication", "Book", bm.start("title"), bm.end("title"))
            if bm.group("place"):
                place = entity("place", self.lex.place_aliases.get(bm.group("place"), ("", "Settlement"))[1],
                               bm.start("place"), bm.end("place"))
                facts.append(Fact(pub, "jpow:placeOfPublication", place))
            if bm.group("pub"):
                facts.append(Fact(pub, "jpow:publisher", entity("organization", "Publisher", bm.start("pub"),
                                                                bm.end("pub"))))
        self._span(pub, block.span(off, len(text)))
        facts.append(Fact(pub, "jpow:publicationYear", Lit(head.group("year"), "gYear", None)))
        if head.group("corp"):   # "Ministry of Foreign Affairs of Kazakhstan (1998). Bulletin ...": the body issued it
            body = next((m for m in mentions if m.kind == "organization" and
                         head.start("corp") <= m.start < head.end("corp")), None)
            if body is not None:
                ent = self.entity_for(body, block.span(body.start, body.end)[0])
                mentioned.append((ent, body.text))
                facts.append(Fact(pub, "jpow:issuingBody", ent))
            # "Kimura Hiroshi (1999). ...": a name in its own order, the author
            person = next((m for m in mentions if m.kind == "person" and
                           (m.start, m.end) == (head.start("corp"), head.end("corp"))), None)
            if body is None and person is not None:
                ent = self.entity_for(person, block.span(person.start, person.end)[0])
                mentioned.append((ent, person.text))
                facts.append(Fact(pub, "jpow:editor" if head.group("eds") else "jpow:author", ent))
            return pub
        for am_ in re.finditer(rf"(?P<sur>{CAP}(?:[- ]{CAP})?),\s+(?P<given>(?:[A-Z]\.\s?)+|{CAP}(?:\s+{CAP})?)|"
                               rf"(?P<plain>(?:[A-Z]\.\s?)+{CAP})", head.group("auth")):
            label = am_.group("plain") or f"{am_.group('given').strip()} {am_.group('sur')}"
            s0 = head.start("auth") + am_.start()
            person = self.entity_for(Mention("person", "Person", s0, s0 + len(am_.group(0)), am_.group(0), label,
                                             f"person:{norm(label)}"), block.span(s0, s0 + len(am_.group(0)))[0])
            mentioned.append((person, am_.group(0)))
            facts.append(Fact(pub, "jpow:editor" if head.group("eds") else "jpow:author", person))
        return pub

    def _quoted_citation(self, block: Block, a: int, text: str, facts: list[Fact],
                         mentioned: list[tuple[Entity, str]]) -> Entity | None:
        """'"Yaponskiy sled v Sarani". Industrialnaya Karaganda, 14 August 2006, p. 3.', '"Lager No. 347". Pamyat
        Karagandy. Retrieved 12 March 2019.': an article (a page), part of the paper or site it names, dated by
        the first date that is no date of access."""
        cm = QUOTED.match(text, a)
        if cm is None:
            return None

        def entity(kind: str, cls: str, group: str) -> Entity:
            ent = self.entity_named(kind, cls, cm.start(group), cm.end(group), cm.group(group).strip(), block)
            mentioned.append((ent, cm.group(group).strip()))
            return ent
        article = entity("publication", "Article", "title")
        self._span(article, block.span(cm.start("title"), cm.end("title")))
        facts.append(Fact(article, "jpow:partOf", entity("publication", "Publication", "where")))
        published = re.split(r"\b(?:[Rr]etrieved|[Aa]ccessed|[Aa]rchived)\b", cm.group("rest"))[0]
        year = re.search(r"\b(?:1[89]|20)\d\d\b", published)
        if year:
            facts.append(Fact(article, "jpow:publicationYear", Lit(year.group(0), "gYear", None)))
        return article

    def _part_citation(self, block: Block, a: int, text: str, mentions: list[Mention], facts: list[Fact],
                       mentioned: list[tuple[Entity, str]]) -> Entity | None:
        """"Ermekova G. T. Medical care of prisoners ... // Vestnik of Karaganda University. Series History. 2009.
        N 3. P. 44–51": a work in a journal, a newspaper or a book (after "//", as Russian references cite), its
        author before its title, its year."""
        cm = _PART.match(text, a)
        if not cm:
            return None
        people = [m for m in mentions if m.kind == "person" and m.start == a and m.attrs.get("initials")]
        t0 = a
        if people and (lead := re.match(r"(?:\s*\([^()]*\))?\s*", text[people[0].end:])):
            t0 = people[0].end + lead.end()
        title = text[t0:cm.end("title")].strip()
        if len(title) < 3:
            return None
        article = self.entity_named("publication", "Article", t0, t0 + len(title), title, block)
        container = self.entity_named("publication", "Publication", cm.start("in"), cm.end("in"), cm.group("in").strip(),
                                      block)
        self._span(article, block.span(t0, t0 + len(title)))
        mentioned += [(article, title), (container, cm.group("in"))]
        facts += [Fact(article, "jpow:partOf", container),
                  Fact(article, "jpow:publicationYear", Lit(cm.group("year") or cm.group("year2"), "gYear", None))]
        for m in people[:1]:
            person = self.entity_for(m, block.span(m.start, m.end)[0])
            mentioned.append((person, m.text))
            facts.append(Fact(article, "jpow:author", person))
        return article

    def _article_citation(self, block: Block, a: int, text: str, mentions: list[Mention], facts: list[Fact],
                          mentioned: list[tuple[Entity, str]]) -> Entity | None:
        """'Author, "Title", Journal 12 (2011): 45-78': an article, its author, year, and the journal it is
        part of."""
        # (the title in double or single quotes; co-authors with inverted names: "Kuroda Yūji and Petrova, Olga")
        cm = ARTICLE.match(text[a:])
        if not cm:
            return None
        people = [m for m in mentions if m.kind == "person" and a + cm.start("auth") <= m.start < a + cm.end("auth")]
        j0, j1 = a + cm.start("journal"), a + cm.end("journal")   # ("Rekishi Hyōron 12 (2011)": a journal, no person)
        mentions[:] = [m for m in mentions if not (m.kind == "person" and j0 <= m.start < j1)]
        name = re.fullmatch(r"(?:[A-Z][a-z]+|[A-Z]\.)(?:\s+(?:[A-Z][a-z]+|[A-Z]\.)){1,3}", cm.group("auth").strip())
        if not people and name:   # the author's place in a citation says it is a person
            s0 = a + cm.start("auth") + len(cm.group("auth")) - len(cm.group("auth").lstrip())
            people = [Mention("person", "Person", s0, s0 + len(name.group(0)), name.group(0), name.group(0),
                              f"person:{norm(name.group(0))}")]
        # "... and Petrova, Olga", "Dorofeyeva, L. A."
        for inv in re.finditer(rf"\b({CAP}(?:-{CAP})?),\s+({CAP}\b|(?:[A-Z][a-z]?\.\s?){{1,3}})", cm.group("auth")):
            s0 = a + cm.start("auth") + inv.start()
            if not any(m.start <= s0 < m.end for m in people):
                label = f"{inv.group(2).strip()} {inv.group(1)}"
                people.append(Mention("person", "Person", s0, s0 + len(inv.group(0)), inv.group(0), label,
                                      f"person:{norm(label)}"))
        if not people:
            return None

        def entity(kind: str, cls: str, group: str) -> Entity:
            return self.entity_named(kind, cls, a + cm.start(group), a + cm.end(group), cm.group(group).strip(), block)
        tg = "title" if cm.group("title") else "title2"
        article, journal = entity("publication", "Article", tg), entity("publication", "Publication", "journal")
        self._span(article, block.span(a + cm.start(tg), a + cm.end(tg)))
        mentioned += [(article, cm.group(tg)), (journal, cm.group("journal"))]
        facts += [Fact(article, "jpow:partOf", journal),
                  Fact(article, "jpow:publicationYear", Lit(cm.group("year") or cm.group("year2"), "gYear", None))]
        if cm.group("vol"):
            facts.append(Fact(article, "jpow:volume", Lit(cm.group("vol"), "string", None)))
        for m in people:
            person = self.entity_for(m, block.span(m.start, m.end)[0])
            mentioned.append((person, m.text))
            facts.append(Fact(article, "jpow:author", person))
        return article


def _uninverted(name: str) -> str:
    """"Tulegenov, E. A." -> "E. A. Tulegenov"; a name not inverted stays as written."""
    surname, _, given = name.partition(",")
    return f"{given.strip()} {surname.strip()}" if given else name

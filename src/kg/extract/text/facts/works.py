"""A list of a person's works under its heading ("Works", "Selected works"), one a line: "Snow over Spassk
(スパスクの雪), Tokyo: Asahi Shobo, 1958 – memoir.", "The Graves of Karaganda, edited by Ota Fumiko, Tokyo, 1974".

Each line is a work of the person the article is about (`jpow:author`; an editor named in the line, `jpow:editor`),
with its original title in brackets, place, publisher and year. Headings are data (`works_heads`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from kg.extract.text.lexicon import alternation
from kg.extract.text.mentions import CAP
from kg.extract.text.model import Entity, Fact, Lit, Passage
from kg.sources.text import Block

_WORK = re.compile(rf"^[ \t]*(?:[-*•–][ \t]+)?(?!(?:Born|Died|In|At|On|From|He|She|They|His|Her)\b)[\"“]?"
                   rf"(?P<title>[A-Z][^,()\n\"”]{{2,150}}?(?:,\s+\d{{4}}\s*[–-]\s*\d{{4}})?)[\"”]?"
                   rf"(?:\s*\((?P<original>[^()\n\d]{{1,80}})\)|\s*\([^()\n]*\d[^()\n]*\))?"   # "(2 vols.)": no title
                   rf"(?:,\s+(?:edited|compiled)\s+by\s+(?P<editor>[^,\n]{{3,80}}))?"
                   rf"(?:,\s+in\s+(?P<journal>[A-Z][^,\n]{{2,100}}?)(?:,\s+(?:vol|no)\.\s*\d+)*"
                   rf"|,\s+(?P<place>{CAP}(?:[ -]{CAP})?(?:\s+and\s+{CAP})?)(?::\s*(?P<publisher>[^,\n]{{2,60}}))?)"
                   rf",\s+(?P<year>(?:1[89]|20)\d\d)(?:,\s+pp?\.\s*\d+\s*[–-]\s*\d+)?"
                   rf"(?:\s*[–—-]\s*(?P<kind>[^.\n]{{2,60}}))?\.?[ \t]*$", re.MULTILINE)

# a work with its year (and its original) in brackets, as a works section lists it: "- Karaganda nikki (カラガンダ日記,
# 1952)", "Sabaku no haka (1983), essays" (the groups the full form has and this one lacks never take part)
_BRIEF = re.compile(r"^[ \t]*(?:[-*•–][ \t]+)?[\"“]?(?P<title>[A-Z][^,()\n\"”]{2,150}?)[\"”]?\s*\("
                    r"(?:(?P<original>[^()\n\d]{1,80}?),\s*)?(?P<year>(?:1[89]|20)\d\d)\)(?:,\s*(?P<kind>[a-z][^\n]{1,60}))?"
                    r"(?P<editor>(?!x)x)?(?P<journal>(?!x)x)?(?P<place>(?!x)x)?(?P<publisher>(?!x)x)?\.?[ \t]*$",
                    re.MULTILINE)

_ANNOUNCED = re.compile(r"\b(?:[Oo]ther|[Nn]otable|[Mm]ajor|[Ss]elected|[Hh]is|[Hh]er)\s+(?:other\s+)?(?:works|books|"
                       r"publications|writings)\s+(?:include|are|were)\s*:\s*$")


# an item of a works line, as dictionaries give them on one line after "Works:", separated by semicolons: its
# title (quoted or up to its first bracket or comma), its original in brackets, then what it came out as
_ITEM_TITLE = re.compile(r"\s*(?:[\"“](?P<q>[^\"”\n]{2,150}?)[,.]?[\"”]|(?P<t>[A-Z][^,();\n]{2,150}?)(?=\s*[,(]))\s*"
                         r"(?:\((?P<original>[^()\n\d]{1,80})\))?")
_ITEM_WHERE = [   # (", Aomori: Tsugaru Shobō, 1978", ", Alma-Ata, 1961", " (Fukuoka, 1993)", " (Tokyo: Nauka, 1989)")
    re.compile(rf"\s*,\s+(?P<place>{CAP}(?:[ -]{CAP})?)(?::\s*(?P<publisher>[^,;\n]{{2,60}}))?,\s+(?P<year>(?:1[89]|20)\d\d)\b"),
    re.compile(rf"\s*\((?P<place>{CAP}(?:[ -]{CAP})?)(?::\s*(?P<publisher>[^,;()\n]{{2,60}}))?,\s+(?P<year>(?:1[89]|20)\d\d)\)"),
    # ("essay in the collection Shiberia yokuryū shuki, vol. 3 (Tokyo, 1989)", "Nihon Naika Gakkai Zasshi 45 (1956)")
    re.compile(rf"\s*,\s+(?:an?\s+)?(?:essay|article|chapter|story|poem|paper)s?\s+in\s+(?:the\s+)?(?:collection|volume|"
               rf"anthology|journal|book|magazine)\s+(?P<journal>[A-Z][^,();\n]{{2,100}}?)(?:,\s+(?:vol|no)\.\s*\d+)*\s*"
               rf"\((?:(?P<place>{CAP}(?:[ -]{CAP})?),\s+)?(?P<year>(?:1[89]|20)\d\d)\)"),
    re.compile(rf"\s*,\s+(?P<journal>[A-Z][^,();\n]{{2,100}}?)\s+\d+\s*\((?P<year>(?:1[89]|20)\d\d)\)"),
    re.compile(r"\s*,\s+(?:privately\s+(?:printed|published)|self-published|manuscript|typescript)\s*,\s+"
               r"(?P<year>(?:1[89]|20)\d\d)\b"),
]


@dataclass(frozen=True)
class _Item:
    """The groups of a works line's item, as `WorksFacts._work` reads a line's match."""

    groups: dict[str, tuple[int, int]]
    text: str
    whole: tuple[int, int]

    def group(self, name: str) -> str | None:
        g = self.groups.get(name)
        return self.text[g[0]:g[1]] if g else None

    def span(self, name: str) -> tuple[int, int]:
        return self.groups[name]

    def start(self, name: str | None = None) -> int:
        return self.whole[0] if name is None else self.groups[name][0]

    def end(self) -> int:
        return self.whole[1]


def _items(text: str, at: int) -> list[_Item]:
    """The works of one line after its head ("Works: A (…), Aomori: …, 1978; "B", essay in …"), from `at`."""
    out = []
    for part in re.finditer(r"[^;]+", text[at:]):
        a, b = at + part.start(), at + part.end()
        tm = _ITEM_TITLE.match(text, a, b)
        if not tm:
            continue
        where = next((w for rx in _ITEM_WHERE if (w := rx.match(text, tm.end(), b))), None)
        if where is None:
            continue
        title = "q" if tm.group("q") else "t"
        groups = {"title": tm.span(title), **({"original": tm.span("original")} if tm.group("original") else {})}
        groups |= {k: where.span(k) for k, v in where.groupdict().items() if v}
        out.append(_Item(groups, text, (a + len(part.group(0)) - len(part.group(0).lstrip()), b)))
    return out


class WorksFacts:
    """Read by `DocumentReader` on each block: a works heading opens the list, a block of other lines ends it."""

    @cached_property
    def _works_head(self) -> re.Pattern[str]:
        return re.compile(rf"\s*(?:{alternation(self.lex['works_heads'])})\s*:?\s*$")

    works_next = False   # the block just read announced a list of works
    narrator: Entity | None
    title_person: Entity | None
    entry_person: Entity | None
    salient_person: Entity | None

    @property
    def works_person(self) -> Entity | None:
        """Whose works a list gives: the person the article is by or about (a biography's title names them)."""
        return self.narrator or self.title_person

    @cached_property
    def _works_line(self) -> re.Pattern[str]:
        return re.compile(rf"\s*(?:{alternation(self.lex['works_heads'])})\s*:\s+(?=\S)")

    def _works_facts(self, block: Block) -> list[Passage]:
        text = block.text
        if self._works_head.match(text):
            self.in_works, self.works_next = True, False
            return []
        inline = self._works_line.match(text)
        person = self.works_person or self.entry_person or self.salient_person
        if inline and "\n" not in text.strip() and person is not None:
            # a dictionary entry's works on one line: the works of the one the entry is about
            passages = []
            for item in _items(text, inline.end()):
                quote, o_start, o_end = block.quote(item.start(), item.end())
                passages.append(Passage(o_start, o_end, quote, self._work(block, item, person), []))
            return passages
        if self.works_next:   # "... Other works include:": the list under the paragraph that announces it
            self.in_works, self.works_next = True, False
        if not self.in_works:
            self.works_next = bool(_ANNOUNCED.search(text))
            return []
        lines = list(_WORK.finditer(text)) or list(_BRIEF.finditer(text))
        # a list only when every line is a work: "She died in Sendai in 2001." under it is the text again
        if not lines or self.works_person is None or len(lines) != len(re.findall(r"^[ \t]*\S", text, re.MULTILINE)):
            self.in_works = False
            return []
        passages = []
        for line in lines:
            facts = self._work(block, line)
            quote, o_start, o_end = block.quote(line.start(), line.end())
            passages.append(Passage(o_start, o_end, quote, facts, []))
        return passages

    def _work(self, block: Block, line: re.Match | _Item, person: Entity | None = None) -> list[Fact]:
        person = person or self.works_person

        def entity(group: str, kind: str, cls: str):
            a, b = line.span(group)
            ent = self.entity_named(kind, cls, a, b, line.group(group).strip(), block)
            self._span(ent, block.span(a, b))
            return ent
        work = entity("title", "publication", "Book")
        facts = [Fact(work, "jpow:publicationYear", Lit(line.group("year"), "gYear", None))]
        for original in re.split(r",\s*", line.group("original") or ""):   # ("カラガンダの冬, "Winter in Karaganda"")
            if original.strip(" \"“”"):
                facts.append(Fact(work, "skos:altLabel", Lit(original.strip(" \"“”"))))
        editors = []
        if line.group("editor"):   # "edited by Tomioka Reiko and Daulet Kenzhebayev": each an editor
            a = line.start("editor")
            for name in re.finditer(r"[^,]+?(?=\s+and\s+|,\s*|$)", line.group("editor")):
                label = name.group().strip().removeprefix("and ").strip()
                if label and (label == person.label or label in person.names):
                    editors.append(person)
                elif label:
                    start = a + name.start() + name.group().find(label)
                    editors.append(self.entity_named("person", "Person", start, start + len(label), label, block))
        facts += [Fact(work, "jpow:editor", ed) for ed in editors]
        if person not in editors:   # the person's own work, unless they edited it
            facts.append(Fact(work, "jpow:author", person))
        published = work   # (where the collection an essay is in came out: "essay in the collection X (Tokyo, 1989)")
        if line.group("journal"):   # "in Journal of Russian and East European Studies, no. 41": an article of it
            published = entity("journal", "publication", "Publication")
            facts.append(Fact(work, "jpow:partOf", published))
        if line.group("place"):
            for name in re.split(r"\s+and\s+", line.group("place")):
                start = line.start("place") + line.group("place").find(name)
                cls = self.lex.place_aliases.get(name, ("", "Settlement"))[1]
                facts.append(Fact(published, "jpow:placeOfPublication",
                                  self.entity_named("place", cls, start, start + len(name), name, block)))
        if line.group("publisher"):
            facts.append(Fact(work, "jpow:publisher", entity("publisher", "organization", "Publisher")))
        return facts

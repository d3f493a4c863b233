"""A mention: a span of a block that names (or describes) one thing of a kind, with what the patterns read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.text.spans import norm

CAP = r"[A-ZÀ-ÖØ-ÞĀŌŪĒĪ][a-z\u00e0-\u024f-]*[a-z\u00e0-\u024f](?:['’][aeiouy][a-z\u00e0-\u024f]*)?"   # "Ōta",
# "Élise": capitals with marks too; "Shin'ichi": a Japanese syllable's apostrophe (not a possessive's "'s")
UPPER = r"[A-Z]{2,}"
# a Russian patronymic ("Fyodorovich", "Grigoryevna"): never a surname, and before one in a full name
PATRONYMIC = re.compile(r"(?:ovich|evich|ich|ovna|evna|ichna)$")


@dataclass
class Mention:
    kind: str                 # IRI kind: person, organization, camp, place, legal-act, event, publication, statistic
    cls: str                  # ontology class (local name)
    start: int
    end: int
    text: str
    label: str
    key: str                  # coreference key within a document
    attrs: dict = field(default_factory=dict)
    names: list[str] = field(default_factory=list)
    alias_keys: list[str] = field(default_factory=list)   # keys of other names it was given ("also known as")
    in_title: bool = False
    entity: object = None     # the Entity it resolves to

    def overlaps(self, other: "Mention") -> bool:
        return self.start < other.end and other.start < self.end

    def inside(self, other: "Mention") -> bool:
        return other.start <= self.start and self.end <= other.end and (self.start, self.end) != (other.start,
                                                                                                   other.end)


def mention_at(kind, cls, m_or_span, text, label, key=None, **attrs) -> Mention:
    """The mention of a regex match (or a (start, end) span) of `text`; its key is the kind and the label."""
    s, e = m_or_span if isinstance(m_or_span, tuple) else m_or_span.span()
    return Mention(kind, cls, s, e, text[s:e], label, key or f"{kind}:{norm(label)}", attrs)


def names_the_line(m: Mention, line: str) -> bool:
    """Is the mention all the line says, but for brackets ("Camp No. 386 (Russian: …)", "Sergei Loginov
    (official)"): a title or an infobox's name line that names one thing?"""
    rest = line[m.end:]
    if m.cls == "CampSection":   # "Section 6 of Camp No. 347 (Saran)": the section, named with its camp
        rest = re.sub(r"^\s+of\s+(?:the\s+)?[Cc]amp\s+(?:No\.?|N|№)\s?\d{1,4}[a-z]?\b", "", rest)
    return not re.search(r"\w", re.sub(r"\([^()]*\)", "", line[:m.start] + rest))


def title_key(title: str) -> str:
    """A title's coreference key: its words, without punctuation or case."""
    return re.sub(r"[^\w]+", " ", norm(title)).strip()


_SMALL_WORDS = ("of", "the", "to", "for", "and", "in", "at")


def headword_case(written: str) -> str:
    """A headword in capitals as a title is written: "CAMP FOR PRISONERS OF WAR N 37" -> "Camp for Prisoners of
    War N 37" (small words in lower case but the first; numbers, single letters and words not in capitals kept)."""
    words = written.split()
    return " ".join(w if not w.isupper() or any(c.isdigit() for c in w) or len(w) <= 1 else
                    w.lower() if w.lower() in _SMALL_WORDS and i else w.capitalize() for i, w in enumerate(words))

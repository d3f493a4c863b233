"""Anaphora: "it", "the camp", "this directorate" refer back to an entity already met in the document.

Three rules, all looking backwards only (the reader keeps no text):
- a definite noun phrase ("the/this/that camp", "our section") whose head noun is in `lexicon.yaml: anaphor_nouns` refers to
  the last entity of that noun's kind that has the noun in its name ("the museum" after "the Karlag Memory
  Museum" and "Karaganda University"), else to the last entity of the kind;
- "it"/"its" refers to the subject before it in its sentence, else to the salient entity: the subject of an
  earlier sentence (of the kinds that can be "it": camps, organisations, places, acts, publications, events), as
  centering theory has it;
- "he"/"she" (and "his", "him", "her") refers to the first person named before it in its sentence, else to
  `person`: the person who was the subject of an earlier sentence, else the last person mentioned ("Kuroda
  surrendered with General Hosokawa. He was held at Khabarovsk": Kuroda), among those whose pronoun agrees
  (a person once "she", or a daughter, is not "he" after) and never a narrator who says "I";
- "I"/"me"/"my" (and "we"/"us"/"our", the narrator with others) outside quotation marks refers to the
  narrator: the one person the title names ("Oral history:
  Takeda Shigeru on Karaganda") or the byline ("By Hayashi Tadao") of a first-person text.
An anaphor becomes a mention carrying the entity it refers to, so every fact reader treats it like a name;
it is never a name of that entity (no alternative label).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from kg.extract.text.lexicon import Lexicon
from kg.extract.text.mentions import Mention
from kg.extract.text.model import Entity

IT_KINDS = frozenset({"camp", "organization", "place", "legal-act", "publication", "event"})


def anaphors(doc, s: int, e: int, ms: list[Mention], lex: Lexicon, last: dict[str, Entity],
             salient: Entity | None, referent: Callable[[str, str, int], Entity | None],
             narrator: Entity | None = None, quoted: Callable[[int], bool] = lambda _: False,
             person: Entity | None = None, people: Sequence[Entity] = (), document: Entity | None = None
             ) -> list[Mention]:
    """The anaphors of the sentence text[s:e] that no mention covers, each with the entity it refers to;
    `referent(kind, noun, offset)` says what "the <noun>" at that offset refers to (what was met before it);
    `quoted(offset)`: is the offset inside quotation marks (someone else speaking)?"""
    nouns: dict[str, str | list[str]] = lex["anaphor_nouns"]
    out: list[Mention] = []
    for tok in _tokens(doc, s, e):
        if any(m.start <= tok.idx < m.end for m in ms):
            continue
        low = tok.lower_
        if low in ("i", "me", "my", "myself", "we", "us", "our", "ourselves") and tok.pos_ == "PRON" and \
                (low != "i" or tok.text == "I"):   # "we" in a memoir: the narrator among the others
            if narrator is not None and not quoted(tok.idx):
                if low in ("i", "me", "my", "myself"):   # (not "we": a letter's office, a family)
                    narrator.attrs["speaks"] = True   # the narrator says "I": "he" is someone else
                out.append(_mention(narrator, tok.idx, tok.idx + len(tok.text), tok.text))
            continue
        if low in ("it", "its") and tok.dep_ in ("nsubj", "nsubjpass", "poss", "dobj", "pobj"):
            # ("The camp was closed in 1950, and its last prisoners were sent ...": the subject before it in its
            # own sentence, else the salient one)
            target = subject_entity(doc, s, tok.idx, [m for m in ms + out if m.end <= tok.idx]) or salient
            if target is not None and target.kind in IT_KINDS:
                out.append(_mention(target, tok.idx, tok.idx + len(tok.text), tok.text))
            continue
        if low in ("he", "she", "his", "him", "her") and tok.pos_ == "PRON":
            gender = "f" if low in ("she", "her") else "m"
            earlier = [m.entity for m in ms if m.kind == "person" and m.end <= tok.idx and m.entity is not None]
            target = next((x for x in [*earlier[:1], person, *people] if x is not None and
                           x.attrs.get("gender", gender) == gender and
                           not (x.attrs.get("speaks") and not quoted(tok.idx))), None)
            if target is not None:   # "she" after "the daughter of ...": the daughter; "he" then: someone else
                target.attrs.setdefault("gender", gender)
                out.append(_mention(target, tok.idx, tok.idx + len(tok.text), tok.text))
            continue
        if document is not None and tok.pos_ == "NOUN" and tok.lemma_.lower() in lex["self_reference_nouns"]:
            det = [c for c in tok.children if c.dep_ in ("det", "amod", "poss") and c.lower_ in ("this", "present",
                                                                                              "our")]
            if det and not quoted(tok.idx):   # "This paper compares ...": the document itself
                out.append(_mention(document, det[0].idx, tok.idx + len(tok.text), doc[det[0].i:tok.i + 1].text))
            continue
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in nouns:
            continue
        det = [c for c in tok.children if c.dep_ == "det" and c.lower_ in ("the", "this", "that") or
               c.dep_ == "poss" and c.lower_ in ("our", "their")]   # "our section": a memoir's own camp
        if not det:
            continue
        named_by = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.text[:1].isupper()]
        if named_by:   # "the Spassky camp" is a name, not an anaphor; "the Sapporo institute" after "the Sapporo
            # Institute for Siberian Internment Studies" is that institute's short name
            target = referent(nouns[tok.lemma_.lower()], tok.lemma_.lower(), tok.idx)
            words = target.label.lower().split() if target is not None else []
            if target is not None and all(c.lower_ in words for c in named_by) and \
                    tok.lemma_.lower() in words and len(words) > len(named_by) + 1:
                out.append(_mention(target, det[0].idx, tok.idx + len(tok.text), doc[det[0].i:tok.i + 1].text))
            continue
        if any(c.dep_ == "prep" and c.lower_ != "as" and not _temporal(c) for c in tok.children):   # "the camp as a
            # whole", "head of the camp from 1946 to 1950" refer back
            continue   # "the camp at Spassk", "the town of Balkhash": described, not referred back to
        noun = tok.lemma_.lower()
        target = referent(nouns[noun], noun, tok.idx)
        if target is not None:
            start = det[0].idx
            out.append(_mention(target, start, tok.idx + len(tok.text), doc[det[0].i:tok.i + 1].text))
    return out


def subject_entity(doc, s: int, e: int, ms: list[Mention]) -> Entity | None:
    """The entity that is the grammatical subject of the sentence's main verb, if a mention names it; else the
    one the sentence opens with ("Camp No. 386 (Russian: …) was a camp": a bracket can mislead the parser)."""
    for tok in _tokens(doc, s, e):
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT":
            m = next((m for m in ms if m.start <= tok.idx < m.end and m.entity is not None
                      and m.kind in IT_KINDS), None)
            if m is not None:
                return m.entity
    first = min((m for m in ms if m.entity is not None and m.kind in IT_KINDS), key=lambda m: m.start, default=None)
    if first is not None and first.start - s <= 4:   # "The camp …" or the name itself first
        return first.entity
    return None


def subject_person(doc, s: int, e: int, ms: list[Mention]) -> Entity | None:
    """The person who is the grammatical subject of the sentence's main verb, named or referred to."""
    for tok in _tokens(doc, s, e):
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT":
            m = next((m for m in ms if m.start <= tok.idx < m.end and m.entity is not None and m.kind == "person"),
                     None)
            if m is not None:
                return m.entity
    return None


def _tokens(doc, s: int, e: int):
    """The tokens of text[s:e] (a sentence of the paragraph), without walking the whole paragraph."""
    span = doc.char_span(s, e, alignment_mode="expand")
    return span if span is not None else (t for t in doc if s <= t.idx < e)


def _mention(target: Entity, start: int, end: int, text: str) -> Mention:
    return Mention(target.kind, target.cls, start, end, text, target.label, "", {"anaphor": True},
                   entity=target)


def _temporal(prep) -> bool:
    """"from 1946", "until 1950", "in May 1947": a preposition of time, which describes no other camp."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return prep.lower_ in ("from", "until", "till", "since", "in", "between", "during") and obj is not None and \
        (obj.like_num or obj.ent_type_ == "DATE")

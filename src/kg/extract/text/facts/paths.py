"""What a sentence says between two things that no pattern related: the words of the shortest dependency path
between their names, when that path is short ("Kenji Sato wrote for the Tohoku Shimbun", "the Temirtau plant's
dispute with the MVD"), as a jpow:StatedRelation.

Read last, after every other reader of the sentence: a pair that another fact already joins, directly or through
an event or a statement, is left alone, and so are two places (`places` reads containment; a list of towns
is no relation); events (their roles are read with them) and the document itself are no ends. The path may not
cross into another clause (a clause joined by "and", a reported clause), pass through the name of a third thing,
or hold more than `MAX_CONTENT` content words between its ends; those say less about the pair than about what
lies between. Measured on the blind corpora, one
content word (a verb or a noun) keeps about one path in three right, which is what adds to F1; two halve it."""

from __future__ import annotations

from typing import Any

from kg.extract.text.mentions import Mention
from kg.extract.text.model import Entity, Fact
from kg.sources.text import Block

MAX_CONTENT = 1   # content words (not prepositions, articles, auxiliaries) on the path between the two names
_KINDS = {"person", "organization", "camp", "place", "legal-act", "publication"}
_CROSSING = {"conj", "ccomp", "parataxis", "xcomp", "csubj"}   # dependencies that open another clause
_FUNCTION = {"ADP", "DET", "AUX", "PART", "CCONJ", "SCONJ", "PUNCT", "PRON"}


class PathFacts:
    """Read by `DocumentReader` over the mentions of one sentence, after the other readers."""

    def _path_facts(self, doc: Any, s: int, e: int, ms: list[Mention], facts: list[Fact], block: Block) -> None:
        # (not the document itself, which "this article" names: what the text says of it, other readers state)
        named = [m for m in ms if m.entity is not None and m.kind in _KINDS and not m.in_title and
                 m.entity is not self.document]
        heads = {id(m): _head(doc, m) for m in named}
        taken = {heads[id(m)].i for m in named if heads[id(m)] is not None}
        spans: set[tuple[int, int]] = set()   # one statement per stretch of text (two readings of one name)
        for i, a in enumerate(named):
            for b in named[i + 1:]:
                ta, tb = heads[id(a)], heads[id(b)]
                if ta is None or tb is None or a.entity is b.entity or ta.i == tb.i or \
                        a.kind == b.kind == "place" or _joined(facts, a.entity, b.entity):
                    continue
                path = _path(ta, tb)
                if path is None:
                    continue
                inner = path[1:-1]
                if any(t.i in taken for t in inner) or any(t.dep_ in _CROSSING for t in path[1:]) or \
                        sum(t.pos_ not in _FUNCTION for t in inner) > MAX_CONTENT or not inner:
                    continue
                words = [t for t in sorted(inner, key=lambda t: t.i) if a.end <= t.idx < b.start]
                if not words:
                    continue
                if (a.start, b.end) in spans:
                    continue
                spans.add((a.start, b.end))
                # (named by the span of both names: two pairs may share the words between them)
                self.stated(a.entity, " ".join(t.text for t in words), b.entity, block.span(a.start, b.end), facts)


def _head(doc: Any, m: Mention) -> Any:
    """The token of the mention's name whose head lies outside it (the name's syntactic head)."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root


def _path(a: Any, b: Any) -> list[Any] | None:
    """The tokens from a to b through their lowest common ancestor, both ends included; None in different
    sentences."""
    up_a = [a, *a.ancestors]
    index = {t.i: k for k, t in enumerate(up_a)}
    down: list[Any] = []
    for t in [b, *b.ancestors]:
        if t.i in index:
            return up_a[:index[t.i] + 1] + down[::-1]
        down.append(t)
    return None


def _joined(facts: list[Fact], a: Entity, b: Entity) -> bool:
    """Does a fact join a and b, directly or through one node (an event, a statement)?"""
    def near(x: Entity) -> set[int]:
        return {id(f.o) for f in facts if f.s is x} | {id(f.s) for f in facts if f.o is x}
    near_a = near(a)
    return id(b) in near_a or bool(near_a & near(b))

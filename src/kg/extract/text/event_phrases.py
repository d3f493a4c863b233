"""Events named by a noun phrase over the parse: an event noun of `lexicon.yaml: event_triggers` with what its
prepositions attach ("the arrival of the first echelon at Karaganda"), its modifiers ("a joint Kazakh–Japanese
expedition", "the 1995 mission"), a participle of doing that dates it ("an inspection carried out ... in April
1946"), and the event an article's title names and its first sentence defines ("Echelon No. 27-114 was a railway
transport ...")."""

from __future__ import annotations

import re

from kg.extract.text.lexicon import Lexicon
from kg.extract.text.mentions import Mention
from kg.extract.text.spans import YEAR, norm


def event_phrase(tok, mentions: list[Mention], lex: Lexicon) -> Mention | None:
    """"the closure of Section No. 5 at Mointy": an event noun with its prepositional phrases (and its
    adjectives: "the first", "final"), at most 14 words, naming something ("of Japan", "at Mointy") or dated
    ("the reorganisation of March 1946"); a bare noun ("the transfer") names no event."""
    triggers = lex["event_triggers"]
    cls = triggers.get(tok.lower_) or triggers.get(tok.lemma_.lower())
    if cls is None or tok.pos_ != "NOUN":
        return None
    if _counted(tok):
        return None   # "214 deaths in 1946", "few protests by prisoners in Kazakhstan": counted, not one event
    named = next((m for m in mentions if m.kind == "event" and m.start <= tok.idx < m.end), None)
    preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in lex["event_prepositions"]]
    if not preps:
        return (_modified_event(tok, cls, mentions) or _done_event(tok, cls, mentions)) if named is None else None
    left = min([tok] + [c for c in tok.children if c.dep_ in ("amod", "compound", "nummod") and c.i < tok.i],
               key=lambda t: t.i)
    # "the voyage of the Aso Maru on 19 December 1956": named without its date ("in", "on" a day, month or year),
    # which the event's date reader takes; "the reorganisation of March 1946" keeps it, as does a phrase with no
    # other preposition ("the inspection in May 1949")
    named_by = [p for p in preps if not _dating(p)]
    right = _right(tok, preps)
    if right.i - left.i > 13 or right.i <= tok.i:
        return None
    start, end = left.idx, right.idx + len(right.text)
    if not any(start <= m.start and m.end <= end and m.kind not in ("statistic", "event") for m in mentions) and \
            not (any(YEAR.fullmatch(t.text) for t in tok.doc[left.i:right.i + 1]) and tok.tag_ != "NNS" and
                 cls not in ("Death", "Birth")):   # (a person's death in 1971 is a date of theirs, `attributes`)
        return None   # "the restoration of diplomatic relations": nothing named or dated, a process more than an event
    if named_by and len(named_by) < len(preps):
        right = _right(tok, named_by)
        if right.i <= tok.i:
            return None
        end = right.idx + len(right.text)
    phrase = tok.doc[left.i:right.i + 1].text
    if named is not None:   # "a strike" met by a reader of nouns: also named by its phrase, "strike by some 400
        if named.start >= start and named.end <= end and phrase not in named.names:   # prisoners at camp No. 418"
            named.names.append(phrase)
        return None
    mention = Mention("event", cls, start, end, phrase, phrase, f"event:{norm(phrase)}", {"phrase": True})
    owner = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if owner is not None and owner.i == left.i - 1:   # "his visit to the region": also as the text says it
        mention.names.append(tok.doc[owner.i:right.i + 1].text)
    return mention


def _right(tok, preps):
    """The last word of an event noun's prepositional phrases, up to a clause or a punctuation mark."""
    right = max(p.right_edge for p in preps)
    cut = next((t for t in tok.doc[tok.i:right.i + 1] if t.dep_ in ("relcl", "acl") or t.text in ",;:()"), None)
    return tok.doc[cut.i - 1] if cut is not None else right


_SEASONS = {"spring", "summer", "autumn", "fall", "winter", "early", "late", "mid", "end", "beginning", "middle"}


def _dating(prep) -> bool:
    """"in May 1949", "on 2 September 1945", "in the spring of 1947": a preposition (not "of") that only dates."""
    words = [t for t in prep.subtree if t is not prep]
    return prep.lower_ != "of" and bool(words) and any(YEAR.fullmatch(t.text) or t.ent_type_ == "DATE" for t in words) \
        and all(t.ent_type_ == "DATE" or t.like_num or t.lower_ in _SEASONS or t.lower_ in ("the", "of", "-") or
                YEAR.fullmatch(t.text) for t in words)


def _counted(tok) -> bool:
    """"214 deaths in 1946", "few protests in 1952": events counted, a figure rather than one event."""
    return any(c.dep_ in ("nummod", "amod") and (c.tag_ == "CD" and not YEAR.fullmatch(c.text) or
                                                                      c.lower_ in ("few", "many", "several", "numerous"))
                                    for c in tok.children)


_KIND_ADJECTIVES = {"joint", "international", "official", "annual", "commemorative", "memorial", "bilateral",
                    "scientific", "archaeological", "diplomatic", "governmental", "parliamentary", "public"}
_NOT_KIND_WORDS = {"first", "last", "next", "second", "third", "same", "other", "such", "new", "further", "final",
                   "this", "that", "these", "those", "whole", "entire", "previous", "latter", "former"}


def _modified_event(tok, cls: str, mentions: list[Mention]) -> Mention | None:
    """"a remains-collection mission", "the handover ceremony", "a joint Kazakh–Japanese expedition": an event
    noun that its modifiers make a kind of its own, or its year one of its own ("the 1995 mission"), with an
    article and no preposition; "the first transfer", "this mission" only refer back."""
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in tok.children):
        return None
    mods = [c for c in tok.children if c.i < tok.i and (c.dep_ in ("amod", "compound") or YEAR.fullmatch(c.text))]
    # a noun that names its kind ("handover", "remains-collection"), or an adjective of the kinds of events
    # ("joint", "official"); not one that judges or ranks ("a crushing defeat", "the principal transports")
    if not any(c.dep_ == "compound" and c.pos_ == "NOUN" or c.lower_ in _KIND_ADJECTIVES or YEAR.fullmatch(c.text)
               for c in mods) or any(c.lower_ in _NOT_KIND_WORDS or c.like_num and not YEAR.fullmatch(c.text) or c.pos_ == "PROPN" and c.ent_type_ in (
            "PERSON", "GPE", "ORG") for c in mods):
        return None
    left = min(c.left_edge for c in mods)
    if left.dep_ == "det" or left.pos_ in ("DET", "PRON"):
        left = tok.doc[left.i + 1]
    start, end = left.idx, tok.idx + len(tok.text)
    if any(m.start < end and start < m.end for m in mentions):
        return None
    phrase = tok.doc[left.i:tok.i + 1].text
    return Mention("event", cls, start, end, phrase, phrase, f"event:{norm(phrase)}", {"phrase": True})


_DONE = {"carry", "conduct", "hold", "organise", "organize", "make", "undertake", "perform", "stage"}


def _done_event(tok, cls: str, mentions: list[Mention]) -> Mention | None:
    """"An inspection carried out by the regional directorate in April 1946", "Surveys conducted in Karaganda in
    2012": an event noun that a participle of doing dates, named with it."""
    acl = next((c for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_ in _DONE), None)
    if acl is None or not any(YEAR.fullmatch(t.text) for t in acl.subtree):
        return None
    left = min([tok] + [c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i], key=lambda t: t.i)
    right = acl.right_edge
    cut = next((t for t in tok.doc[acl.i:right.i + 1] if t.dep_ in ("relcl", "advcl") or t.text in ",;:()"), None)
    if cut is not None:
        right = tok.doc[cut.i - 1]
    if right.i - left.i > 15:
        return None
    start, end = left.idx, right.idx + len(right.text)
    if any(m.kind == "event" and m.start < end and start < m.end for m in mentions):
        return None
    phrase = tok.doc[left.i:right.i + 1].text
    return Mention("event", cls, start, end, phrase, phrase, f"event:{norm(phrase)}")


def titled_event(tok, title: str, lex: Lexicon) -> Mention | None:
    """"Echelon No. 27-114" (the title), then "Echelon No. 27-114 was a railway transport that ...", "The Karaganda
    tribunal of 1949 was a closed trial ...": the event the article is about, named by its title, of the class of
    the noun that defines it (`lexicon.yaml: event_definition_nouns`, `event_triggers`)."""
    if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.lemma_ != "be":
        return None
    noun = next((c for c in tok.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"), None)
    cls = noun is not None and (lex["event_definition_nouns"].get(noun.lemma_.lower()) or
                                lex["event_triggers"].get(noun.lemma_.lower()))
    if not cls:
        return None
    words, depth = [], 0   # (its words without a bracket: "The democratic movement (minshu undō) in the camps")
    for t in tok.doc[tok.left_edge.i:tok.right_edge.i + 1]:
        depth += (t.text == "(") - (t.text == ")")
        if depth == 0 and t.text in (",", ";", "—", "–"):
            break
        if depth == 0 and t.text != ")":
            words.append(t)
    if words and words[0].lower_ == "the":
        words = words[1:]
    if not words or tok not in words:
        return None
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    name = " ".join("".join(t.text_with_ws for t in words).split())
    head = re.sub(r"\s*\([^()]*\)\s*$", "", title.strip())
    said, named = norm(name), norm(head)
    if said != named and not re.fullmatch(re.escape(said) + r" (?:of|in) \d{4}", named):
        return None
    return Mention("event", cls, start, end, tok.doc.text[start:end], head, f"event:{named}",
                   {"defined_by": noun.idx}, names=[name] if name != head else [])

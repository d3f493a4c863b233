"""Mentions the parser's entity recogniser finds where no pattern of `mentions` found one: places (GPE, LOC)
persons (PERSON) named by capitalised words, and acronyms it calls organisations ("OGPU"); and places the recogniser misses or calls organisations,
named after a preposition of place ("transferred to Kokand", "arrived in Pakhta-Aral"); a reference entry's headword
in capitals; names a sentence defines ("Sarybulak was a village"); and the events `event_phrases` reads.

The recogniser of a small model also calls camps, streets and steppes persons ("Steppe Camp"), so a person
must be two to four capitalised words, none of them a place, an organisation head, a title or a common noun of
`lexicon.yaml: not_name_words`. A person the recogniser names more fully than a pattern did ("Prime Minister
Kiichi" + "Miyazawa") replaces that mention and keeps its attributes.
"""

from __future__ import annotations

import re

from kg.extract.text.event_phrases import event_phrase, titled_event
from kg.extract.text.lexicon import Lexicon, alternation
from kg.extract.text.mentions import Mention
from kg.extract.text.mentions.mention import headword_case
from kg.extract.text.model import KIND_OF_CLASS
from kg.extract.text.spans import norm
from kg.names.romaji import is_hepburn

_NAME_WORD = re.compile(r"[A-ZÀ-ÖØ-ÞĀŌŪĒĪ][a-z\u00e0-\u024f'’]+(?:-[A-Z]?[a-z\u00e0-\u024f]+)?")


def named_entities(doc, mentions: list[Mention], lex: Lexicon, title: str | None = None) -> list[Mention]:
    """`mentions` with the recogniser's places and persons added (and persons it names more fully widened);
    `title`: the title line of the text, when this is its first paragraph (an event the title names)."""
    found = list(mentions)
    headword = _headword(doc.text, found, lex)
    if headword is not None:
        found = [m for m in found if not (m.start < headword.end and headword.start < m.end and m.kind not in
                                          ("place", "organization", "camp"))] + [headword]
    if title:
        event = next((m for m in (titled_event(tok, title, lex) for tok in doc) if m is not None), None)
        if event is not None:
            found = [m for m in found if not (m.kind == "event" and event.start <= m.start and m.end <= event.end)]
            found.append(event)
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC"):
            m = _place(ent, found, lex)
        elif ent.label_ == "PERSON":
            m = _person(ent, found, lex)
        elif ent.label_ == "ORG" and re.fullmatch(r"[A-Z]{3,6}", ent.text) and \
                ent.text not in lex.not_acronyms and \
                not any(x.start < ent.end_char and ent.start_char < x.end for x in found):
            m = Mention("organization", "Organization", ent.start_char, ent.end_char, ent.text, ent.text,
                        f"organization:{ent.text.lower()}")   # "OGPU", "TASS": an acronym the recogniser knows
        else:
            m = None
        if m is not None:
            found.append(m)
    for tok in doc:
        m = _defined(tok, found, lex)
        if m is not None:
            found.append(m)
    for tok in doc:
        m = _place_after_preposition(tok, found, lex)
        if m is not None:
            found.append(m)
    for tok in doc:
        m = event_phrase(tok, found, lex)
        if m is not None:
            found.append(m)
    defined = [m.attrs["defined_by"] for m in found if "defined_by" in m.attrs]   # "was a railway transport": the
    found = [m for m in found if not (m.kind == "event" and any(m.start <= i < m.end for i in defined))]   # title's
    return sorted(found, key=lambda m: m.start)


_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}


def _place_after_preposition(tok, mentions: list[Mention], lex: Lexicon) -> Mention | None:
    """A proper noun (with its compounds and hyphens) that is the object of "in/near/to/from/at/via/through" or
    of a verb of going ("visits Dolinka"),
    or joined to one by "and" or a comma ("at Spassk, Karabas, Dolinka and Saran"), not a person, a month, a
    people or a language, and not a body whose head noun the lexicon knows."""
    first = tok
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    listed = first is not tok and any(m.kind == "place" and m.start <= first.idx < m.end for m in mentions)
    # ("visits Dolinka", "reached Karabas", "left Spassk": the object of a verb of going is a place too)
    gone_to = first.dep_ == "dobj" and first.head.lemma_ in ("visit", "reach", "leave", "enter", "revisit")
    if not gone_to and (first.dep_ != "pobj" or first.head.lower_ not in (
            "in", "near", "to", "from", "at", "via", "through", "outside")) or tok.pos_ != "PROPN" or \
            first.pos_ != "PROPN" or tok.ent_type_ in (
            "NORP", "DATE", "LANGUAGE", "EVENT", "LAW", "WORK_OF_ART") or tok.ent_type_ == "PERSON" and not listed \
            and not (gone_to and not is_hepburn(tok.text) and not re.search(r"(?:ov|ev|in|sky|enko|yan)$", tok.text)) \
            and not (first.head.lower_ in ("in", "near", "at") and tok.ent_iob_ == "B" and
                     (tok.i + 1 == len(tok.doc) or tok.doc[tok.i + 1].ent_iob_ != "I")):
        return None   # (a name listed after a place is a place, whatever the recogniser calls it; so is one word
        # "in" or "near" it calls a person: "the museum in Dolinka")
    words_of_sentence = [t for t in tok.sent if t.is_alpha and len(t) > 3]
    if not tok.sent.text.rstrip().endswith((".", "!", "?")) and \
            sum(t.text[0].isupper() for t in words_of_sentence) > 0.6 * len(words_of_sentence):
        return None   # a heading in title case: its capitals say nothing
    left = tok
    while left.i > 0 and (tok.doc[left.i - 1].dep_ == "compound" and tok.doc[left.i - 1].pos_ == "PROPN" or
                          tok.doc[left.i - 1].text == "-" and left.i > 1):
        left = tok.doc[left.i - 1]
    if left.text == "-":
        return None
    start = left.idx
    name = re.match(r"[A-Z][\w’'-]*[^\W\d_](?:\s+[A-Z][\w’'-]*[^\W\d_])*", tok.doc[left.i:tok.i + 1].text)
    if name is None:
        return None
    words, end = name.group(0), start + name.end()
    if len(words) < 3 or tok.doc.text[start - 1:start] in "\"“«‘'" and start > 0:
        return None   # 'the surnames from "Sa" to "Su"': letters quoted, not places
    parts = re.split(r"[\s-]+", words)
    banned = lex.not_place_words
    if any(p in banned or p in _MONTHS for p in parts) or not all(p[:1].isupper() for p in parts) or \
            any(m.start < end and start < m.end for m in mentions):
        return None
    return Mention("place", "Place", start, end, words, words, f"place:{norm(words)}")


# small words inside a name: "Kōfu no Tomo", "Friends of Democracy"
_NAME_PARTICLES = {"no", "to", "ni", "of", "the", "and", "for", "de"}


_HEADWORD = re.compile(r"((?:[A-Z0-9][A-Z0-9'’./-]*\s+){1,12}?[A-Z0-9][A-Z0-9'’./-]*(?:\s+(?:No\.|N)\s?[\d/-]+)?"
                       r"(?:\s+(?:at|in|of)\s+[A-Z][a-z]+)?)\s*(?:\([^()]*\)\s*)?[–—]\s+(?:an?|the)\s+"
                       r"((?:[\w-]+\s+){0,3}[\w-]+)")


def _headword(text: str, mentions: list[Mention], lex: Lexicon) -> Mention | None:
    """"REPATRIATION ECHELON N 41-17 – a railway train by which ...", "OSAKAROVSKY RAION – an administrative
    district ...": a reference entry's headword in capitals, defined after a dash, is what the entry is about, of
    the kind its defining noun says (`definition_nouns`, `event_definition_nouns`, `event_triggers`); it is named
    as a title is, small words in lower case."""
    m = _HEADWORD.match(text)
    if m is None or sum(w.isalpha() and w.isupper() for w in m.group(1).split()) < 2:
        return None
    # the headword's own noun ("CEMETERY of ...", "REPATRIATION ECHELON N 41-17"), else the defining one
    head = re.split(r"\s+(?:OF|TO|FOR|AT|IN|of|to|for|at|in)\s+", m.group(1))[0]
    nouns = [w.lower() for w in reversed(head.split()) if w.isalpha()][:1] + m.group(2).lower().split()
    kind = cls = None
    for noun in nouns:
        cls = lex["definition_nouns"].get(noun)
        kind = KIND_OF_CLASS.get(cls) if cls else None
        if kind is None:
            cls = lex["event_definition_nouns"].get(noun) or lex["event_triggers"].get(noun)
            kind = "event" if cls else None
        if kind is not None:
            break
    if kind is None or any(x.kind == kind and x.start == 0 for x in mentions):
        return None
    name = headword_case(m.group(1))
    return Mention(kind, cls, m.start(1), m.end(1), m.group(1), name, f"{kind}:{norm(name)}",
                   names=[m.group(1)])


def _defined(tok, mentions: list[Mention], lex: Lexicon) -> Mention | None:
    """A name a sentence defines by what it is: "Kosshoky (...), known until 1993 as ..., is a small coal-mining
    town in ...", "Sarybulak was a village": the subject of "is/was a <noun>", of the class the noun gives
    (`lexicon.yaml: definition_nouns`), where nothing else read the name."""
    if tok.dep_ != "nsubj" or tok.pos_ != "PROPN" or tok.head.lemma_ != "be":
        return None
    noun = next((c for c in tok.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"), None)
    cls = noun is not None and any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in noun.children) and \
        lex["definition_nouns"].get(noun.lemma_.lower())
    if not cls:
        return None
    # the name: the subject's words up to a bracket or a comma ("Kōfu no Tomo (Japanese: …)", "Kosshoky, …")
    words = []
    for t in tok.doc[tok.left_edge.i:tok.right_edge.i + 1]:
        if t.text in ("(", ",", ";", "—", "–"):
            break
        words.append(t)
    if not words or tok not in words:
        return None
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    name = tok.doc.text[start:end]
    if not words[0].text[:1].isupper() or not all(w.text[:1].isupper() or w.lower_ in _NAME_PARTICLES for w in words) \
            or name in lex.not_place_words or any(m.start < end and start < m.end for m in mentions):
        return None
    kind = KIND_OF_CLASS[cls]
    return Mention(kind, cls, start, end, name, name, f"{kind}:{norm(name)}")


def _place(ent, mentions: list[Mention], lex: Lexicon) -> Mention | None:
    """A place named, not a language or a demonym of the lexicon ("published in Kazakh"), nor a modifier
    ("the Kazakh steppe")."""
    if ent.root.dep_ in ("compound", "amod", "nmod"):
        return None
    words = ent.text[4:] if ent.text.startswith(("the ", "The ")) else ent.text
    start = ent.end_char - len(words)
    if words in lex.not_place_words or len(words) < 3 or not words[:1].isupper() or \
            words.split()[-1] in lex["japanese_name_like_heads"] or \
            re.search(r"\d", words) or \
            any(m.start < ent.end_char and start < m.end for m in mentions):
        return None
    return Mention("place", "Place", start, ent.end_char, words, words, f"place:{norm(words)}")


def _person(ent, mentions: list[Mention], lex: Lexicon) -> Mention | None:
    text = re.sub(r"['’]s$", "", ent.text.rstrip())   # "Kenji Morita's memoirs": the name without its possessive
    if "\n" in text:
        return None   # a title line and the line after it are not one name
    # "Mrs Yoshiko Morisaki": the name without its honorific ("Mrs Morisaki" is the honorifics reader's)
    honorific = re.match(rf"(?:{alternation(list(lex['honorifics']))})\.?\s+", text)
    if honorific and len(text[honorific.end():].split()) < 2:
        return None
    skip = honorific.end() if honorific else 0
    rank = re.match(rf"(?:{alternation(lex['military_ranks'])})\s+", text[skip:], re.IGNORECASE)
    # "Sergeant Aoki Tōru": the name after the rank; "Sergeant Ueda" stays whole, a surname alone being no name
    shift = skip + (rank.end() if rank and len(text[skip + rank.end():].split()) >= 2 else 0)
    text = text[shift:]
    words = text.split()
    banned = lex.not_person_words
    if len(words) == 1 and len(text) >= 4 and ent.root.dep_ in ("nsubj", "nsubjpass", "appos") and \
            is_hepburn(text) and _NAME_WORD.fullmatch(text) and \
            ent.doc.text[ent.start_char - 1:ent.start_char] not in "\"“«‘'" and not re.match(
                r"\s+(?:no|ni|to|wa|ga|o)\s", ent.doc.text[ent.end_char:ent.end_char + 5]) and \
            text not in banned and text.lower() not in banned and text not in lex["places"] and \
            not any(m.start < ent.end_char and ent.start_char < m.end for m in mentions):
        # "One of them, Yamamoto, taught me", "Tanaka died": a Japanese family name alone, as the recogniser reads
        # it, when it is who does something (not "like sakura", "in Akita"), not in quotes or a Japanese title
        return Mention("person", "Person", ent.start_char, ent.end_char, text, text, f"person:{text.lower()}",
                       {"surname": text, "alone": True})
    if not 2 <= len(words) <= 4 or not all(_NAME_WORD.fullmatch(w) for w in words) or \
            any(w in banned or w.lower() in banned for w in words):
        return None
    s = ent.start_char + shift
    e = s + len(text)
    overlapping = [m for m in mentions if m.start < e and s < m.end]
    if any(m.kind != "person" or not (s <= m.start and m.end <= e) for m in overlapping):
        return None   # a pattern read these words otherwise, or already as a longer name
    if overlapping and all((m.start, m.end) == (s, e) for m in overlapping):
        return None
    attrs: dict = {}
    for m in overlapping:      # "Prime Minister Kiichi" widened to "Kiichi Miyazawa": keep its position
        attrs.update({k: v for k, v in m.attrs.items() if k == "position"})
        mentions.remove(m)
    if rank and not shift:   # "Sergeant Ueda": a rank and a surname, no given name
        attrs.update({"surname": words[-1], "position": rank.group(0).strip()})
    else:
        attrs.update({"given": words[0], "surname": words[-1], "rest": words[1:-1]})
    return Mention("person", "Person", s, e, text, text, f"person:{words[-1].lower()}", attrs)

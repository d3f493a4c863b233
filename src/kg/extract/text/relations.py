"""Relations as data: dependency patterns over the parse, one file per family in `patterns/`.

A pattern file (YAML) names its family and lists patterns. Each pattern has an `id`, the roles of its
`subject` and `object` (a node name of the pattern and the mention kinds that may fill it), the ontology
`property` it asserts between them, optionally `places_property` (used instead when both ends are places: a
town *in* a region is `jpow:locatedIn`, a camp in a town `jpow:location`), and `pattern`: a spaCy
DependencyMatcher pattern (https://spacy.io/api/dependencymatcher). An *event* pattern instead names an
ontology event class (`event: Establishment`): its `subject` is what the event concerns and its `date` node
the date mention that dates it ("Karlag was established in 1931"). An event pattern may also say how its roles
join the event (`subject: {…, property: jpow:participant}`; the default is jpow:concerns), give an `object` role
with its property ("<X> visited <Y>": a Visit, participant X, destination Y), let an unnamed group fill the
subject (`group: true`: "Japanese prisoners were sent to Karaganda" -> jpow:participantGroup "Japanese
prisoners"), and leave `date` out (a date within the verb's phrase then dates the event, if there is one).
`attributes` ({object: <property>, date: <property>}) says what the pattern states of one named person instead
of an event: "he was born in Kanazawa in 1921" is his schema:birthPlace and schema:birthDate, as a biographical
dictionary or Wikidata keeps them; `attributes_of` ([camp]) states them of another kind of subject instead ("the
camp was established in October 1945": the camp's jpow:startDate, as a camp's record keeps it).
A *statement* pattern (`statement: <node>`) has no property: what it matches is kept as the text's own words,
from that node (the verb) to the object, between its subject (or unnamed group) and its object; the document
stage uses it only where no other pattern related the two. Adding a pattern is editing a file; `load` checks
every file and says which pattern of which file is wrong and why.

`match(doc)` gives, for every match, the property and the character spans of the tokens that fill the subject
and object roles; the document stage links those to the mentions it has found and keeps the sentence as the
fact's evidence.
"""

from __future__ import annotations

import re

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from kg import yamlfile
from kg.errors import InputError, Problem
from kg.extract.text.roles import (antecedent, clause_core, conjoined_tokens, group_phrase, of_complement,
                                   qualified_noun, token_span, verb_lemma)

PATTERNS_DIR = Path(__file__).parent / "patterns"
KINDS = {"person", "organization", "camp", "place", "legal-act", "event", "publication", "statistic"}


@dataclass(frozen=True)
class RelationPattern:
    file: Path
    family: str
    id: str
    subject: str
    subject_kinds: frozenset[str]
    spec: list[dict[str, Any]]
    property: str | None = None        # a relation pattern: property, object role
    object: str | None = None
    object_kinds: frozenset[str] = frozenset()
    places_property: str | None = None
    event: str | None = None           # an event pattern: event class, date node
    date: str | None = None
    subject_property: str = "jpow:concerns"   # how an event pattern's roles join the event
    object_property: str | None = None
    group: bool = False                # may an unnamed group ("Japanese prisoners") fill the subject?
    any_group: bool = False            # … or any unnamed noun phrase, singular too (`group: any`: "a memorial stone")
    object_group: bool = False         # … or the object (statements only: "the camp held Japanese prisoners")
    statement: str | None = None       # a statement pattern: the node where its words begin
    shared_subject: bool = False       # made by `conjoined`: the verb takes its subject from the verb it is joined to
    participle: bool = False           # `participle: true`: also as a participle of another verb ("..., arriving in")
    intransitive: bool = False         # `intransitive: true`: not when the verb has an object ("the museum opened
    # in 1990", not "the museum opened an exhibition in 2002")
    attributes: tuple[tuple[str, str], ...] = ()   # of one named person, (role, property) stated of him, no event
    attributes_of: tuple[str, ...] = ("person",)   # the kinds of subject `attributes` are stated of


@dataclass(frozen=True)
class RelationMatch:
    """Character spans, in the parsed text, of the tokens that fill the roles; for a common noun with an
    "of" complement ("the village of Spassk"), also that complement's head (`…_of`), which the document stage
    tries when the noun itself names nothing."""

    pattern: RelationPattern
    subject: tuple[int, int]
    object: tuple[int, int] | None
    subject_of: tuple[int, int] | None = None
    object_of: tuple[int, int] | None = None
    date: tuple[int, int] | None = None
    group: str | None = None           # the subject's noun phrase as written, when it may be a group
    object_group: str | None = None    # the object's, likewise
    verb: str | None = None            # the lemma of the pattern's first node (its verb, mostly; "send home")
    core: tuple[int, int] | None = None  # the verb's own clause, without the clauses joined to it
    clause: tuple[int, int] | None = None   # the span of the verb's phrase, where an undated event finds its date
    words_start: int | None = None     # a statement's words begin here (its verb) and run to its object

    @property
    def anchor(self) -> int:
        return self.subject[0]


def _problem(path: Path, where: str, message: str, fix: str) -> InputError:
    return InputError([Problem(path, None, where, message, fix)])


def _role(path: Path, pid: str, raw: dict, name: str, nodes: set[str]) -> tuple[str, frozenset[str]]:
    role = raw.get(name)
    if not isinstance(role, dict) or "node" not in role or "kinds" not in role:
        raise _problem(path, pid, f"'{name}' must give the pattern node that fills it and the mention kinds allowed",
                       f"write {name}: {{node: <a RIGHT_ID of the pattern>, kinds: [camp, place, …]}}")
    if role["node"] not in nodes:
        raise _problem(path, pid, f"{name} node {role['node']!r} is not a RIGHT_ID of the pattern",
                       "use one of: " + ", ".join(sorted(nodes)))
    kinds = set(role["kinds"])
    if not kinds <= KINDS:
        raise _problem(path, pid, f"unknown mention kinds {sorted(kinds - KINDS)}", "use kinds of: " + ", ".join(sorted(KINDS)))
    return role["node"], frozenset(kinds)


def read_file(path: Path) -> list[RelationPattern]:
    """The patterns of one file, checked."""
    try:
        data = yamlfile.load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise _problem(path, "", f"not valid YAML in UTF-8 ({exc})", "fix the file's syntax") from None
    if not isinstance(data, dict) or not isinstance(data.get("family"), str) or not isinstance(data.get("patterns"), list):
        raise _problem(path, "", "a pattern file needs 'family' (a name) and 'patterns' (a list)",
                       "see the header of kg/extract/text/relations.py for the format")
    found = []
    for index, raw in enumerate(data["patterns"]):
        pid = str(raw.get("id") or f"pattern {index + 1}") if isinstance(raw, dict) else f"pattern {index + 1}"
        if not isinstance(raw, dict) or not isinstance(raw.get("pattern"), list) or not raw["pattern"]:
            raise _problem(path, pid, "a pattern needs 'id', 'property', 'subject', 'object' and 'pattern' (a list)",
                           "see the other patterns of the file")
        nodes = {node.get("RIGHT_ID") for node in raw["pattern"] if isinstance(node, dict)}
        if "event" not in raw and "statement" not in raw and \
                (not isinstance(raw.get("property"), str) or ":" not in raw["property"]):
            raise _problem(path, pid, f"'property' must be a CURIE such as jpow:location, not {raw.get('property')!r}",
                           "name the property")
        subject, subject_kinds = _role(path, pid, raw, "subject", nodes)
        if "event" in raw:
            if not isinstance(raw["event"], str) or ("date" in raw and raw["date"] not in nodes):
                raise _problem(path, pid, "an event pattern needs 'event' (an ontology event class) and, if it "
                                          "gives 'date', the RIGHT_ID of the date's token",
                               "write event: Establishment, date: when")
            obj, object_kinds = (_role(path, pid, raw, "object", nodes) if "object" in raw else (None, frozenset()))
            props = [raw["subject"].get("property", "jpow:concerns"), raw.get("object", {}).get("property")]
            if any(p is not None and (not isinstance(p, str) or ":" not in p) for p in props) or \
                    (obj is not None and props[1] is None):
                raise _problem(path, pid, "a role's 'property' must be a CURIE such as jpow:participant, and an "
                                          "event's object role needs one", "write object: {node: …, kinds: […], "
                                                                           "property: jpow:destination}")
            attributes = raw.get("attributes", {})
            if not isinstance(attributes, dict) or not set(attributes) <= {"object", "date"} or any(
                    not isinstance(v, str) or ":" not in v for v in attributes.values()):
                raise _problem(path, pid, "'attributes' maps 'object' and 'date' to the properties stated of a "
                                          "person instead of the event", "write attributes: {object: schema:birthPlace, "
                                                                         "date: schema:birthDate}")
            found.append(RelationPattern(path, data["family"], pid, subject, subject_kinds, raw["pattern"],
                                         object=obj, object_kinds=object_kinds, event=raw["event"],
                                         attributes=tuple(sorted(attributes.items())),
                                         attributes_of=tuple(raw.get("attributes_of", ["person"])),
                                         date=raw.get("date"), subject_property=props[0], object_property=props[1],
                                         group=bool(raw["subject"].get("group")),
                                         any_group=raw["subject"].get("group") == "any",
                                         participle=bool(raw.get("participle")),
                                         intransitive=bool(raw.get("intransitive"))))
            continue
        obj, object_kinds = _role(path, pid, raw, "object", nodes)
        if "statement" in raw and raw["statement"] not in nodes:
            raise _problem(path, pid, f"statement node {raw['statement']!r} is not a RIGHT_ID of the pattern",
                           "name the verb's node: statement: verb")
        found.append(RelationPattern(path, data["family"], pid, subject, subject_kinds, raw["pattern"],
                                     raw.get("property"), obj, object_kinds, raw.get("places_property"),
                                     group=bool(raw["subject"].get("group")), statement=raw.get("statement"),
                                     object_group=bool(raw["object"].get("group"))))
    return found


class RelationMatcher:
    """Every pattern of a folder, compiled into spaCy DependencyMatchers, one for the patterns whose first node
    asks for the same words (a verb's lemmas or forms, with its conjoined and participle twins), each run on a
    parse only when the parse has one of those words: the matcher's cost grows with the patterns it holds, and
    most patterns have no verb of theirs in a given paragraph."""

    def __init__(self, patterns: list[RelationPattern], vocab: Any) -> None:
        from spacy.matcher import DependencyMatcher

        self.patterns = {p.id: p for p in patterns}
        groups: dict[frozenset[str] | None, Any] = {}   # words one of which must occur -> their patterns' matcher
        for p in patterns:
            matcher = groups.setdefault(_anchor_words(p.spec[0].get("RIGHT_ATTRS", {})), DependencyMatcher(vocab))
            try:
                matcher.add(p.id, [p.spec])
            except ValueError as exc:
                raise _problem(p.file, p.id, f"spaCy rejects the pattern: {exc}",
                               "see https://spacy.io/api/dependencymatcher") from None
        self.matchers = list(groups.items())

    def _matches(self, doc: Any) -> list[tuple[int, list[int]]]:
        words = {t.lemma_.lower() for t in doc} | {t.lower_ for t in doc}
        return [m for anchor, matcher in self.matchers if anchor is None or anchor & words for m in matcher(doc)]

    def match(self, doc: Any) -> list[RelationMatch]:
        found = []
        for match_id, token_ids in self._matches(doc):
            pattern = self.patterns[doc.vocab.strings[match_id]]
            names = [node["RIGHT_ID"] for node in pattern.spec]
            tokens = dict(zip(names, (doc[i] for i in token_ids)))
            root = tokens[names[0]]
            if pattern.shared_subject and (any(c.dep_ in _SUBJECT_DEPS for c in root.children) or any(
                    c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") and c.i < root.i for c in root.head.children)):
                continue   # "A was built in 1945 and B was closed": the joined verb has a subject of its own (which
                # the parser may have hung on the first verb)
            if pattern.intransitive and any(c.dep_ == "dobj" for c in root.children):
                continue
            if pattern.property == "jpow:headOf" and "head" in tokens and re.search(
                    r"\b(?:vice|deputy|assistant)[\s-]*$", doc.text[max(0, tokens["head"].idx - 12):tokens["head"].idx],
                    re.I):   # "vice-chairman of the council", "deputy head of": a deputy is no head, one of its staff
                pattern = replace(pattern, property="jpow:affiliation", places_property=None)
            negated = [c for c in root.children if c.dep_ == "neg"]
            if negated and pattern.statement is None:
                continue   # "The Soviet Union did not sign the treaty": no issuing, no event; a statement keeps it
            words_start = tokens[pattern.statement].idx if pattern.statement else None
            if negated and words_start is not None:   # the statement's words with their "did not"
                words_start = min([words_start] + [c.idx for c in root.children
                                                   if c.dep_ in ("aux", "auxpass", "neg") and c.i < root.i])
            objects = conjoined_tokens(tokens[pattern.object], root) if pattern.object else [None]
            for s in conjoined_tokens(antecedent(qualified_noun(tokens[pattern.subject], root)), root):
                for o in objects:
                    found.append(RelationMatch(
                        pattern, token_span(s), o and token_span(o), of_complement(s), o and of_complement(o),
                        date=token_span(tokens[pattern.date]) if pattern.date else None,
                        group=group_phrase(s, pattern.any_group) if pattern.group else None,
                        object_group=group_phrase(o) if pattern.object_group and o is not None else None,
                        clause=(root.left_edge.idx, root.right_edge.idx + len(root.right_edge)),
                        words_start=words_start, verb=verb_lemma(root), core=clause_core(root)))
        return found


def _anchor_words(attrs: dict) -> frozenset[str] | None:
    """The words (lemmas or forms, lower case) one of which the first node of a pattern must be; None when it
    asks for no word."""
    words: set[str] = set()
    for key in ("LEMMA", "LOWER", "ORTH", "TEXT"):
        value = attrs.get(key)
        if isinstance(value, str):
            words.add(value.lower())
        elif isinstance(value, dict) and isinstance(value.get("IN"), list):
            words.update(str(v).lower() for v in value["IN"])
        elif value is not None:
            return None   # NOT_IN, REGEX…: no list of words to look for
    return frozenset(words) or None



def load(folder: Path = PATTERNS_DIR) -> list[RelationPattern]:
    """Every pattern of every `*.yaml` file of `folder`, checked, with its `conjoined` twin; ids are unique
    across files."""
    patterns: list[RelationPattern] = []
    for path in sorted(folder.glob("*.yaml")):
        for p in read_file(path):
            if any(q.id == p.id for q in patterns):
                raise _problem(path, p.id, "this pattern id is used twice", "give each pattern its own id")
            patterns.append(p)
    return patterns + [twin for p in patterns for how in ("conj", "advcl") if (how == "conj" or p.participle) and
                       (twin := conjoined(p, how)) is not None]


_SUBJECT_DEPS = ("nsubj", "nsubjpass")


def conjoined(p: RelationPattern, how: str = "conj") -> RelationPattern | None:
    """The same pattern for a verb joined by "and" to an earlier verb whose subject it shares ("he was taken
    prisoner and was held at Khabarovsk", "the camp opened in 1945 and was closed in 1949"), or (`how` "advcl",
    for the patterns that ask for it with `participle: true`: each twin costs matching time) for a participle that
    says more of the main verb's subject ("he was repatriated, arriving in Maizuru on 11 August 1948"), so that no
    file has to spell out such copies. None when the pattern's verb has no grammatical subject node of its own."""
    root = p.spec[0]
    verb = root.get("RIGHT_ID")
    deps = root.get("RIGHT_ATTRS", {}).get("DEP")
    def deps_of(node: dict) -> set:
        dep = node.get("RIGHT_ATTRS", {}).get("DEP")
        return set(dep.get("IN", [])) if isinstance(dep, dict) else {dep}

    # the verb's grammatical subject, whichever role it fills ("<person> wrote <work>": the work is the subject
    # of the fact, the person the verb's)
    subject = next((n for n in p.spec[1:] if n.get("LEFT_ID") == verb and n.get("REL_OP") == ">" and
                    deps_of(n) & set(_SUBJECT_DEPS)), None)
    if "LEFT_ID" in root or deps is not None or subject is None:
        return None
    head = "conjoined_head"
    joined = {"DEP": "conj"} if how == "conj" else {"DEP": "advcl", "TAG": {"IN": ["VBG", "VBN"]}}
    spec = [{**root, "RIGHT_ATTRS": {**root.get("RIGHT_ATTRS", {}), **joined}},
            {"LEFT_ID": verb, "REL_OP": "<", "RIGHT_ID": head, "RIGHT_ATTRS": {"POS": {"IN": ["VERB", "AUX"]}}}]
    for node in p.spec[1:]:
        if node is subject:
            node = {**node, "LEFT_ID": head,
                    "RIGHT_ATTRS": {**node["RIGHT_ATTRS"], "DEP": {"IN": list(_SUBJECT_DEPS)}}}
        spec.append(node)
    return replace(p, id=f"{p.id}-conjoined" if how == "conj" else f"{p.id}-participle", spec=spec,
                   shared_subject=True)


@lru_cache(maxsize=1)
def default_matcher() -> RelationMatcher:
    from kg.extract.text.parse import pipeline

    return RelationMatcher(load(), pipeline().vocab)

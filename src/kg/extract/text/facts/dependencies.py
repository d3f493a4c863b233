"""Facts of the dependency patterns (`patterns/*.yaml`) whose roles mentions of the sentence fill."""

from __future__ import annotations

import re

from kg.extract.text.mentions import Mention
from kg.extract.text.model import Entity, Fact, Lit, date_facts, date_lit
from kg.extract.text.relations import RelationMatch, RelationPattern
from kg.extract.text.spans import NOTE_CALL, DateMention
from kg.iri import slugify
from kg.sources.text import Block

_BORN = re.compile(r"\b(?:born|b\.)\s+(?:in\s+|on\s+)?$")
_PREPOSITION = {"jpow:destination": "to", "jpow:location": "in", "jpow:origin": "from", "jpow:concerns": "of",
                "jpow:camp": "in"}


class DependencyFacts:
    """Read by `DocumentReader` over the relation matches of one sentence."""

    def _dependency_facts(self, s: int, e: int, ms: list[Mention], ds: list[DateMention], facts: list[Fact],
                          block: Block) -> None:
        """Facts of the relation patterns (`patterns/*.yaml`) whose roles are filled by mentions of the
        sentence: the mention that contains the role's token, or else its "of" complement's. An event pattern
        mints (or finds again) the event of its class with its roles, dated by the date mention."""
        known = {(f.s.iri, f.p, getattr(f.o, "iri", None)) for f in facts}
        self._event_clauses.clear()   # (class, clause) of the events the patterns state in this sentence
        matches = [m for m in self._relations if s <= m.anchor < e]
        # statements last: they say what no other pattern of the sentence said; an event's patterns with a role
        # before the bare one, which then adds no second event ("unveiled at the Saran cemetery")
        for match in sorted(matches, key=lambda m: (m.pattern.statement is not None, m.pattern.object is None)):
            p = match.pattern
            subject = _filler(ms, match.subject, match.subject_of, p.subject_kinds)
            obj = _filler(ms, match.object, match.object_of, p.object_kinds) if p.object else None
            if p.event is not None:
                self._pattern_event(match, p, subject, obj, ds, facts, block, ms)
                continue
            if p.statement is not None:
                figure = match.object and next((m for m in ms if m.kind == "statistic" and m.entity is not None and
                                                m.start <= match.object[0] and not block.text[
                                                    m.end:match.object[0]].strip()), None)
                if figure is not None and subject is not None and subject.kind in ("camp", "organization", "place") \
                        and not any(f.s is figure.entity and f.p == "jpow:measures" for f in facts):
                    facts.append(Fact(figure.entity, "jpow:measures", subject.entity))   # "the camp held 6,300"
                self._statement(match, subject, obj, facts, block, ms)
                continue
            if subject is None or obj is None or subject.entity is obj.entity:
                continue
            if not subject.start <= match.subject[0] < subject.end and _listed(block.text, subject, obj, ms):
                continue   # "sections in Maikuduk, Saran and Kompaneisk": the places of a list, none in another
            if subject.kind == "camp":   # "section No. 8 of camp No. 99 at Kokuzek": the section is there
                subject = next((o for o in ms if o.kind == "camp" and o.entity is not None and o.end <= subject.start
                                and re.fullmatch(r"\s+of\s+(?:the\s+)?", block.text[o.end:subject.start])), subject)
            prop = p.places_property if p.places_property and subject.kind == obj.kind == "place" else p.property
            if prop == "jpow:partOf" and obj.kind == "place" and subject.kind != "place":
                prop = "jpow:location"   # "a section, part of the big camp at Karaganda": a body is in a place
            if (subject.entity.iri, prop, obj.entity.iri) not in known:
                known.add((subject.entity.iri, prop, obj.entity.iri))
                facts.append(Fact(subject.entity, prop, obj.entity))

    def _statement(self, match: RelationMatch, subject: Mention | None, obj: Mention | None, facts: list[Fact],
                   block: Block, ms: list[Mention]) -> None:
        """"Japanese prisoners of war stayed on the territory of the Soviet Union": a jpow:StatedRelation with the
        text's words, where no other pattern of the sentence related its two ends."""
        if subject is not None and not subject.start <= match.subject[0] < subject.end and match.group:
            subject = None   # "citizens of Korea": the group, not the country its "of" names
        group = match.group if subject is None and match.pattern.group else None
        owned = None
        if group is not None and re.match(r"(?:[Ii]ts|[Tt]heir)\s", group):
            # "Its records are held in the State Archive": said of what "its" stands for, with its noun ("records
            # held in")
            owner = next((m for m in ms if m.attrs.get("anaphor") and m.entity is not None and
                          m.text.lower() in ("its", "their") and m.end <= match.subject[0] < m.end + len(group)), None)
            if owner is not None:
                subject, group, owned = owner, None, group.split(None, 1)[1]
        if obj is not None and not obj.start <= match.object[0] < obj.end and match.object_group:
            obj = None   # "held prisoners of the Kwantung Army": the group, not the army its "of" names
        object_group = match.object_group if obj is None else None
        if (obj is None and object_group is None) or (subject is None and group is None) or \
                (obj is None and subject is None) or match.words_start is None or \
                subject is not None and obj is not None and (
                    subject.entity is obj.entity or _related(facts, subject.entity, obj.entity)):
            return
        end = obj.start if obj is not None else block.text.find(object_group, match.words_start)
        words = " ".join(((owned or "") + " " + block.text[match.words_start:end]).split())
        if not words or not match.words_start < end or len(words.split()) > 10:
            return
        self.stated(subject.entity if subject is not None else group, words,
                    obj.entity if obj is not None else object_group, block.span(match.words_start, end), facts)

    def stated(self, subject: Entity | str, words: str, obj: Entity | str, span: tuple[int, int],
               facts: list[Fact]) -> None:
        """A jpow:StatedRelation: `subject` (an entity, or a group as written) `words` `obj`, the words at the
        file offsets `span` (one statement for each)."""
        who = subject.label if isinstance(subject, Entity) else subject
        what = obj.label if isinstance(obj, Entity) else obj
        words = " ".join(NOTE_CALL.sub("", words).split())   # ("established in 1945[3] by": no note call)
        iri = f"{self.base}id/statement/{slugify(self.doc_id)}-c{span[0]}-{span[1]}"
        if any(f.s.iri == iri for f in facts):   # "A and B, who matched ...": one statement for each of them
            iri += f"-{slugify(who)}"
        st = Entity(iri, "statement", "StatedRelation", f"{who} {words} {what}"[:200])
        facts.append(Fact(st, "jpow:statedSubject", subject) if isinstance(subject, Entity) else
                     Fact(st, "jpow:statedGroup", Lit(subject)))
        facts.append(Fact(st, "jpow:verbPhrase", Lit(words, "string", None)))
        facts.append(Fact(st, "jpow:statedObject", obj) if isinstance(obj, Entity) else
                     Fact(st, "jpow:statedObjectGroup", Lit(obj)))

    def _pattern_event(self, match: RelationMatch, p: RelationPattern, subject: Mention | None,
                       obj: Mention | None, ds: list[DateMention], facts: list[Fact], block: Block,
                       ms: list[Mention]) -> None:
        """"Karlag was established in 1931": the Establishment concerning Karlag, dated 1931 as written;
        "Miyazawa visited Karaganda": a Visit with participant Miyazawa and destination Karaganda."""
        group = match.group if subject is None and p.group else None
        if subject is None and group is None or p.object is not None and obj is None or \
                obj is not None and subject is not None and obj.entity is subject.entity:
            return
        cls = self.lex["event_of_verb"].get(match.verb, p.event)   # "sent home": a return, not a transfer
        if p.object is None and (cls, match.clause) in self._event_clauses:
            return   # "arrived at Karaganda on 3 November": the arrival with its place is already there
        if any(f.s.kind == "event" and f.s.cls == cls and f.o in (obj and obj.entity, subject and subject.entity)
               for f in facts):
            return   # another reader or pattern of this sentence already stated this event
        span = None
        if p.date is not None:
            date = next((d for d in ds if match.date and d.start <= match.date[0] < d.end and
                         (cls == "Birth" or not _after_born(block.text, d))), None) or self.line_date
            if date is None:
                return
        else:
            taken = [m for m in (subject, obj) if m is not None]
            # (not a year of birth said of the subject: "X, born 1916 in Hokkaido, was taken prisoner on ...")
            in_clause = [d for d in ds if match.clause and match.clause[0] <= d.start < match.clause[1] and
                         not any(m.start <= d.start < m.end for m in taken) and not _after_born(block.text, d)]
            date = next((d for d in in_clause if d.kind == "point"), None) or self.line_date
            span = next((d for d in in_clause if d.kind == "range"), None)   # "held on 12–13 October 2022"
        if subject is None and date is None and p.date is None and not _counted(group, self.lex):
            return   # "prisoners were sent to the mines": an unnamed, uncounted group's undated happening is no event
            # of its own (the statements family keeps what the sentence says of the group; "300 prisoners died in
            # Balkhash" stays one)
        if cls in ("Detention", "LabourUse") and date is None and subject is not None and subject.kind == "person" and \
                obj is not None and obj.kind == ("camp" if cls == "Detention" else "organization"):
            # "Ono was held in camp No. 99", "Ono worked at the Karaganda coal trust": a named person's camp or
            # employer, as the registers of the curated build state it (jpow:affiliation); a dated stay or work
            # stays an event with its date
            if Fact(subject.entity, "jpow:affiliation", obj.entity) not in facts:
                facts.append(Fact(subject.entity, "jpow:affiliation", obj.entity))
            return
        if p.attributes and subject is not None and subject.kind in p.attributes_of:
            roles = dict(p.attributes)   # "Zharkov was born in 1902 in Krasnaya Polyana": of him, no event
            stated = [Fact(subject.entity, roles["object"], obj.entity)] if obj is not None and "object" in roles else []
            for f in [f for f in facts if stated and f.s is subject.entity and f.p == roles["object"]]:
                # "born in the village of Pokrovka in Saratov Governorate": the village, not the one it lies in
                if Fact(f.o, "jpow:locatedIn", obj.entity) in facts:
                    stated = []
                elif Fact(obj.entity, "jpow:locatedIn", f.o) in facts:
                    facts.remove(f)
            if date is not None and date.kind == "point" and "date" in roles:
                stated.append(Fact(subject.entity, roles["date"], date_lit(date.value)))
            facts.extend(f for f in stated if f not in facts)
            return
        words = self.lex["nominalisations"].get(match.verb)
        if not words or self.lex["event_triggers"].get(words, cls) != cls:   # "taken prisoner": a capture
            words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", cls).lower()
        who = subject.entity.label if subject is not None else group
        label = f"{words} of {who}"
        key = f"{cls}:{subject.entity.iri if subject is not None else group}"
        if obj is not None:   # with the preposition as written ("arrived in Karlag": arrival of X in Karlag)
            # the preposition of the pattern's word: "transferred to the copper works at Balkhash" is a transfer
            # to Balkhash, the works naming nothing
            at = obj.start if match.object is None or obj.start <= match.object[0] < obj.end else match.object[0]
            written = re.search(r"\b(in|at|to|into|from|near|through|via|for)\s+(?:the\s+)?(?:[a-z]+\s+){0,%d}$"
                                % (0 if at == obj.start else 2), block.text[max(0, at - 40):at])
            prep = written.group(1) if written and p.object_property != "jpow:participant" else \
                _PREPOSITION.get(p.object_property, "and")
            if p.object_property == "jpow:participant" and re.search(   # "unveiled by a delegation of the Ministry"
                    r"\bby\s+(?:the\s+|an?\s+)?(?:[a-z]+\s+){0,3}(?:of\s+(?:the\s+)?)?$", block.text[max(0, obj.start - 40):obj.start]):
                prep = "by"
            label += f" {prep} {obj.entity.label}"
            key += f":{block.span(*match.clause)[0]}" if match.clause else f":{obj.entity.iri}"   # one per verb
        at_start, at_end = (subject.start, subject.end) if subject else (obj.start, obj.end) if obj else match.subject
        self._event_clauses.add((cls, match.clause))
        event = Mention("event", cls, at_start, at_end, block.text[at_start:at_end], label, key)
        ev: Entity = self.entity_for(event, block.span(at_start, at_end)[0])
        if any(f.s is ev for f in facts):   # matched twice in this sentence: the second pattern may add a role
            # ("arrived at Karaganda from Harbin": the destination, then the origin)
            prop = _event_role(p, obj)
            if obj is not None and not any(f.s is ev and (f.o is obj.entity or f.p == prop) for f in facts):
                facts.append(Fact(ev, prop, obj.entity))
            return
        if subject is not None:
            facts.append(Fact(ev, p.subject_property, subject.entity))
            # "Kuroda surrendered at Mukden together with his commander, General Hosokawa Isao": one more of them
            for m in ms:
                if m.kind == subject.kind and m.entity is not None and m.entity is not subject.entity and \
                        match.clause and match.clause[0] <= m.start < match.clause[1] and re.search(
                            r"\b(?:together\s+with|along\s+with|with)\s+(?:(?:his|her|their|the)\s+)?[\w\s,.-]{0,40}$",
                            block.text[max(0, m.start - 60):m.start]):
                    facts.append(Fact(ev, p.subject_property, m.entity))
        else:
            facts.append(Fact(ev, "jpow:participantGroup", Lit(group)))
            # "its last 640 prisoners were sent to camp No. 99", "the prisoners of camp No. 39 were sent":
            # whose the group was (a transfer's origin)
            at = block.text.find(group, *(match.clause or (0, len(block.text))))
            owner = next((m for m in ms if m.kind in ("camp", "organization") and m.entity is not None and
                          at <= m.start < at + len(group) and (obj is None or m.entity is not obj.entity)), None)
            if at >= 0 and owner is not None:
                facts.append(Fact(ev, "jpow:origin" if cls == "Transfer" else "jpow:concerns", owner.entity))
        if obj is not None:
            facts.append(Fact(ev, _event_role(p, obj), obj.entity))
        names = {label.lower()}
        kind_noun = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", cls).lower()   # "a return" is also a repatriation
        also = [kind_noun] if kind_noun != words and cls != "Event" else []
        for other in [_as_written(block.text, words, subject, group, obj, match, _event_role(p, obj)),
                      _bare(self._doc, words, group, match),
                      *(n for w in [words, *also] for n in _other_names(block.text, w, subject, obj)),
                      *(f"{w} of {subject.entity.label if subject is not None else group}" for w in also)]:
            if other and other.lower() not in names:
                names.add(other.lower())
                facts.append(Fact(ev, "skos:altLabel", Lit(other)))
        if match.core is not None:   # the words that state it, as for any mention ("Section No. 5 … was closed")
            written = " ".join(NOTE_CALL.sub("", block.text[match.core[0]:match.core[1]]).split()).rstrip(",;:")
            if 8 <= len(written) and len(written.split()) <= 16:
                facts.append(Fact(ev, "skos:altLabel", Lit(written)))
        if date is not None or span is not None:
            facts += date_facts(ev, date or span)


def short_names(person: Entity) -> list[str]:
    """How a text calls a person in short: the surname, and any one word it named them by alone."""
    found = [person.attrs["surname"]] if person.attrs.get("surname") else []
    return found + sorted(n for n in person.names if len(n.split()) == 1 and n[:1].isupper() and n not in found)


def _bare(doc, words: str, group: str | None, match: RelationMatch) -> str | None:
    """An unnamed thing's event named by the thing's noun without what describes it: "unveiling of the stone" for
    "unveiled a small granite stone", "discovery of the cemetery plan" for "found the old cemetery plan"."""
    if group is None or match.subject is None:
        return None
    head = next((t for t in doc if t.idx == match.subject[0]), None)
    if head is None or not any(c.dep_ in ("amod", "nummod") for c in head.children):
        return None
    kept = sorted([c for c in head.children if c.dep_ == "compound"] + [head], key=lambda t: t.i)
    return f"{words} of the {' '.join(t.text for t in kept)}"


def _other_names(text: str, words: str, subject: Mention | None, obj: Mention | None) -> list[str]:
    """Names an event goes by besides its label: where it went or took place without who ("arrival in Maizuru",
    as written), and who by the short name ("arrival of Ishiwara in Maizuru", "Ishiwara's arrival in Maizuru")."""
    tail = (_written_tail(text, obj) if obj is not None else None) or ""
    out = [f"{words}{tail}"] if tail else []
    if subject is not None and subject.entity is not None and tail:
        out.append(f"{words} of {subject.entity.label}{tail}")   # "surrender of Kuroda Tetsuo at Mukden"
    if subject is not None and subject.kind == "person" and subject.entity is not None:
        for short in short_names(subject.entity):
            out += [f"{words} of {short}{tail}", f"{short}'s {words}{tail}"]
    return out


def _as_written(text: str, words: str, subject: Mention | None, group: str | None, obj: Mention | None,
                match: RelationMatch, role: str | None = None) -> str | None:
    """The event's name in the text's own words: "arrival of the first Japanese prisoners at camp No. 37" for
    "The first Japanese prisoners arrived at camp No. 37" (an article becomes "the": the thing is known now)."""
    if subject is not None and subject.attrs.get("anaphor"):
        return None   # "he died": the event is named by the one "he" refers to, as its label does
    if subject is not None:
        start, phrase = subject.start, " ".join(text[subject.start:subject.end].split())
    elif group is not None and match.clause is not None:
        start = text.find(group, match.clause[0], match.clause[1])
        if start < 0:
            return None
        phrase = " ".join(group.split())
    else:
        return None
    if re.search(r"\b(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat)\s+$", text[max(0, start - 6):start]):
        phrase = "the " + phrase
    if obj is None:
        return f"{words} of {phrase}"
    tail = _written_tail(text, obj, role if match.object and obj.start <= match.object[0] < obj.end else None)
    return f"{words} of {phrase}{tail}" if tail else None


def _written_tail(text: str, obj: Mention, role: str | None = None) -> str | None:
    """" at the Chirchik cemetery": the event's object with the preposition written before it, if one is; the
    object of the verb itself takes its role's ("left the Karaganda region": "from the Karaganda region")."""
    prep = re.search(r"\b(at|in|to|into|from|near|on|for|through|via|by|with)\s+((?:the|a|an)\s+)?$",
                     text[max(0, obj.start - 16):obj.start])
    if prep is None and role in _PREPOSITION:
        prep = re.search(r"\b[a-z]+(?:ed|t|s)?\s+((?:the|a|an)\s+)?$", text[max(0, obj.start - 24):obj.start])
        return f" {_PREPOSITION[role]} {'the ' if prep and prep.group(1) else ''}" \
               f"{' '.join(text[obj.start:obj.end].split())}" if prep else None
    return f" {prep.group(1)} {'the ' if prep.group(2) else ''}{' '.join(text[obj.start:obj.end].split())}" \
        if prep else None


def _counted(group: str | None, lex) -> bool:
    """"its last 640 prisoners", "about three hundred men": a group with its number; "the first trains with
    Japanese prisoners", "the last Japanese group": a group singled out."""
    return group is not None and (re.search(r"\d", group) is not None or any(
        w in lex["number_words"] or w in lex["singling_words"] for w in group.lower().split()))


def _after_born(text: str, d: DateMention) -> bool:
    """A year of birth said of someone ("X, born 1916 in Hokkaido, was taken prisoner on ..."): no event's date."""
    return _BORN.search(text, max(0, d.start - 12), d.start) is not None


def _related(facts: list[Fact], a: Entity, b: Entity) -> bool:
    """Do the sentence's facts already relate a and b, directly, through one node that stands for a relation (an
    event, a statement), or through a place in the other ("born in Kanazawa, Ishikawa Prefecture")? Two things
    in one place are not related by it: "camp No. 99 absorbed camp No. 412 at Dolinka" still says what the one
    did to the other."""
    near: dict[str, set[str]] = {}
    between: set[str] = set()
    for f in facts:
        if isinstance(f.o, Entity):
            near.setdefault(f.s.iri, set()).add(f.o.iri)
            near.setdefault(f.o.iri, set()).add(f.s.iri)
            between |= {e.iri for e in (f.s, f.o) if e.kind in ("event", "statement")}
    inside = {(f.s.iri, f.o.iri) for f in facts if f.p == "jpow:locatedIn" and isinstance(f.o, Entity)}
    return b.iri in near.get(a.iri, set()) or any(
        a.iri in near.get(x, set()) and (x in between or (x, b.iri) in inside or (x, a.iri) in inside)
        for x in near.get(b.iri, set()))


def _listed(text: str, a: Mention, b: Mention, ms: list[Mention]) -> bool:
    """Are a and b items of one list, only names, commas and "and" between them?"""
    if b.start < a.end:
        a, b = b, a
    gap = "".join(ch for i, ch in enumerate(text[a.end:b.start], a.end)
                  if not any(m.start <= i < m.end for m in ms if m.kind == a.kind))
    return re.fullmatch(r"(?:\s*,\s*|\s*,?\s+(?:and|or)\s+)+", gap) is not None


def _filler(ms: list[Mention], span: tuple[int, int] | None, of: tuple[int, int] | None,
            kinds: frozenset[str]) -> Mention | None:
    """The mention of an allowed kind that contains the role's token, or else its "of" complement's."""
    for where in (span, of):
        if where is not None:   # the outermost: "section No. 8 of camp No. 99 at Kokuzek" is the section's place
            m = max((m for m in ms if m.start <= where[0] < m.end and m.kind in kinds and m.entity),
                    key=lambda m: m.end - m.start, default=None)
            if m is not None:
                return m
    return None


def _event_role(p: RelationPattern, obj: Mention | None) -> str:
    """The pattern's property for its object; an event in a camp is in the camp (jpow:camp), not at a place."""
    return "jpow:camp" if p.object_property == "jpow:location" and obj is not None and obj.kind == "camp" \
        else p.object_property

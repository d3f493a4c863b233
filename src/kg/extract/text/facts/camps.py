"""Facts about camps: where they lie, whose labour they supplied, and when they were in operation."""

from __future__ import annotations

import re

from kg.extract.text.mentions import Mention
from kg.extract.text.model import Fact, span_facts

# "It operated from 1945 to 1949", "the hospital existed between 1946 and 1950", "it held Japanese prisoners of war
# from 1945 to 1949": a verb of being in operation, or a camp holding its prisoners over the span
_OPERATED = re.compile(r"(?:\s*,?\s*(?:which|that))?\s+(?:(?:only|still|then)\s+)?(?:operated|existed|functioned|"
                       r"(?:was|remained)\s+(?:in\s+operation|active|open))\b[^.;]{0,12}?$")
_HELD = re.compile(r"(?:\s*,[^,.;]{1,40},)?(?:\s*,?\s*(?:which|that))?\s+held\s+(?:mainly\s+|mostly\s+|only\s+)?(?:Japanese\s+)?"
                   r"(?:prisoners|internees)\b[^.;,]{0,60}$")


_UNITS = re.compile(r"(?:['’]s|\b[Ii]ts|\b[Tt]heir)\s+(?:[a-z]+\s+)?(?:camps|sections|camp\s+sections|units|subdivisions|"
                    r"branches|hospitals|lagpunkts)\s+(?:included|comprised|were)\s+")


_UNDER = re.compile(r"\b(?:[Uu]nder\s+the\s+(?:jurisdiction|authority|administration)\s+of|[Ss]ubordinated?\s+to)"
                    r"(\s+(?:the\s+)?)(?=[^:;.]{1,80}?\s+(?:were|was)\s*:)")


class CampFacts:
    """Read by `DocumentReader` over the mentions of one sentence."""

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
        for c in [m for m in ms if m.kind == "camp" and not m.in_title and m.entity is not None]:
            # "camp No. 99 and its sections at Spassk, Karabas, Dolinka and Saran": a section at each place
            sm = re.match(r"\s*(?:,\s*|\s+and\s+)?(?:with\s+)?its\s+(?:camp\s+)?(?:sections|branches|lagpunkts)\s+"
                          r"(?:at|in)\s+", text[c.end:e])
            if sm:
                at, listed = c.end + sm.end(), []
                for p in sorted((p for p in places if p.start >= at), key=lambda p: p.start):
                    if not re.fullmatch(r"\s*(?:,|and|,\s*and)?\s*", text[at:p.start]):
                        break
                    listed.append(p)
                    at = p.end
                for p in listed:
                    self.stated(c.entity, "had sections at", p.entity, self._block.span(c.end + sm.start(), p.end),
                                facts)
        for c in [m for m in ms if m.kind == "camp" and not m.in_title]:
            bracket = re.match(r"\s*\(", text[c.end:e])
            where = bracket and next((p for p in ms if p.kind == "place" and p.start == c.end + bracket.end() and
                                      re.match(r"\s*\)", text[p.end:e])), None)
            if where:   # "camp No. 40 (Alma-Ata)"
                add(Fact(c.entity, "jpow:location", where.entity))
                continue
            # "<camp> was set up in the village of X", "<camp> in X": the place the camp's own verb names
            # ("camp No. 39 for Japanese prisoners of war at Dzhezkazgan": after whom it was for)
            lm = re.match(r"(?:\s+for(?:\s+\w+){1,6}?(?=\s+(?:in|near|at)\s))?"
                          r"\s+(?:(?:was|were|is)\s+(?:\w+\s+)?(?:located|situated|set\s+up|established|organi[sz]ed|"
                          r"created|based|opened|deployed)\s+)?(?:in|near|at)\s+(?:the\s+)?"
                          r"(?:(?:village|town|city|settlement|station|port|area)\s+of\s+)?", text[c.end:e])
            where = lm and next((p for p in places if p.start == c.end + lm.end()), None)
            # "section No. 8 of camp No. 99 at Kokuzek": the section is there, not the camp it is of
            section = where and next((o for o in ms if o.kind == "camp" and o.entity is not None and o.end <= c.start
                                      and re.fullmatch(r"\s+of\s+(?:the\s+)?", text[o.end:c.start])), None)
            if where:
                add(Fact((section or c).entity, "jpow:location", where.entity))
                continue
            # "At Temirtau, prisoners from camp No. 39 built ...": the place the sentence opens with
            om = re.match(r"\s*(?:At|In|Near)\s+(?:the\s+)?", sent)
            opening = om and next((p for p in places if p.start == s + om.end() and
                                   re.match(r"\s*,", text[p.end:p.end + 2])), None)
            if opening is not None and opening.end < c.start:
                add(Fact(c.entity, "jpow:location", opening.entity))
                continue
            clause = next(((a, b) for a, b in clauses if a <= c.start < b), (s, e))
            cand = {p.entity.iri: p.entity for p in places if clause[0] <= p.start < clause[1]}
            camps_here = {m.entity.iri for m in ms if m.kind == "camp" and m.entity is not None}
            if len(cand) != 1 and len(camps_here) == 1:   # the sentence's place, if it names one camp only
                cand = {p.entity.iri: p.entity for p in places}
            if len(cand) == 1:
                add(Fact(c.entity, "jpow:location", next(iter(cand.values()))))
            elif _chain(text, places):   # "in the town of Chirchik, Tashkent Region, Uzbek SSR": the first, smallest
                add(Fact(c.entity, "jpow:location", places[0].entity))

    def _defined_as_of(self, text, s, e, ms, facts):
        """"Camp No. 412 was a camp for prisoners of war of the NKVD", "Nurlag was a corrective labour camp of the
        Gulag": the body a camp's definition says it was of (the parser hangs the "of" on the last noun)."""
        for c in ms:
            if c.kind != "camp" or c.entity is None or c.cls == "CampSection":
                continue
            dm = re.match(r"\s*(?:\([^()]*\)\s*)?(?:was|is)\s+(?:an?|the)\s+[^,;.()]*?\bcamps?\b[^,;.()]*", text[c.end:e])
            ofs = [c.end + om.end() for om in re.finditer(r"\bof\s+(?:the\s+)?", dm.group(0))] if dm else []
            body = next((o for o in ms if o.kind == "organization" and o.entity is not None and o.start in ofs), None)
            if body is not None and Fact(c.entity, "jpow:subordinateTo", body.entity) not in facts:
                facts.append(Fact(c.entity, "jpow:subordinateTo", body.entity))

    def _units_listed(self, text, s, e, ms, facts):
        """"The directorate's camps included camp No. 412 at Temirtau, camp No. 418 at Saran and ..., as well as
        Special Hospital No. 5127", "Its sections were Kirovsky and Tikhonovka": each camp listed is part of the
        owner (read from the words: the parser often takes "camp" in such a list for a verb)."""
        jm = _UNDER.search(text, s, e)   # "Under the jurisdiction of the UPVI were: camps N 37 and N 52, ..."
        owner = jm and next((m for m in ms if m.kind == "organization" and m.entity is not None and
                             m.start == jm.end(1)), None)
        if owner is not None:
            for m in ms:
                if m.kind == "camp" and m.entity is not None and m.start >= jm.end():
                    facts.append(Fact(m.entity, "jpow:subordinateTo", owner.entity))
        lm = _UNITS.search(text, s, e)
        if lm is None:
            return
        owner = next((m for m in ms if m.kind in ("camp", "organization") and m.entity is not None and (
            m.end == lm.start() or m.start == lm.start() + len(lm.group(0)) - len(lm.group(0).lstrip()) and
            m.attrs.get("anaphor"))), None)
        end = text.find(";", lm.end(), e)
        for m in ms:
            if owner is not None and m.kind == "camp" and m.entity is not None and m.entity is not owner.entity and \
                    lm.end() <= m.start < (end if end >= 0 else e):
                facts.append(Fact(m.entity, "jpow:partOf", owner.entity))

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

    def _operating_period(self, text, s, e, ms, ds, facts):
        """When a camp or a body was in operation, said as a span after a verb of operating: its start and end."""
        for d in ds:
            if d.kind != "range":
                continue
            unit = next((m for m in reversed(ms) if m.kind in ("camp", "organization") and m.entity is not None
                         and s <= m.start and m.end <= d.start and (_OPERATED.match(text, m.end, d.start) or
                                                                    m.kind == "camp" and _HELD.match(text, m.end, d.start))),
                        None)
            if unit is not None:
                facts += span_facts(unit.entity, d.value)


def _chain(text: str, places: list) -> bool:
    """Are the places one address, each after the last with only a comma between ("Chirchik, Tashkent Region,
    Uzbek SSR")?"""
    ordered = sorted(places, key=lambda p: p.start)
    return len(ordered) > 1 and all(re.fullmatch(r"\s*,\s*(?:the\s+)?", text[a.end:b.start])
                                    for a, b in zip(ordered, ordered[1:]))

"""Facts a mention carries by itself: numbers, titles, dates, issuers, years, sections, other names."""

from __future__ import annotations

import re

from kg.extract.text.mentions import Mention
from kg.extract.text.model import Fact, Lit, date_lit, span_facts


class AttributeFacts:
    """Read by `DocumentReader` over the mentions of one sentence."""

    def _attributes(self, text: str, s: int, e: int, ms: list[Mention], quotes, facts: list[Fact]) -> None:
        add = facts.append
        sent = text[s:e]
        for m in ms:
            ent = m.entity
            a = m.attrs
            if m.kind == "camp" and "parent_key" in a:
                parent = self.by_key.get(a["parent_key"]) if a["parent_key"] != "camp:?last" else next(
                    (x for x in reversed(self.entities)
                     if x.kind == "camp" and x.cls not in ("CampSection", "SpecialHospital")), None)
                # one camp per section; a section first met with no camp known stays a camp ("unknown")
                if parent is not None and parent is not ent and (ent.cls == "CampSection" or not ent.linked) and \
                        ent.attrs.setdefault("section_of", parent.iri) == parent.iri:   # (not a camp of the tables)
                    add(Fact(ent, "jpow:sectionOf", parent))
                    # ("Division No. 3" of Camp No. 417: also named with its camp, as lists of camps name it)
                    full = f"{m.label} of {parent.label}"
                    if a["parent_key"] == "camp:?last" and " of " not in m.label and full not in ent.names:
                        ent.names.add(full)
                        add(Fact(ent, "skos:altLabel", Lit(full)))
                elif ent.attrs.setdefault("section_of", "unknown") == "unknown":
                    ent.cls = "Camp"   # a section whose camp is not known is recorded as a camp
            if m.kind == "camp":
                if "number" in a:
                    add(Fact(ent, "jpow:number", Lit(a["number"], "string", None)))
                if re.search(r"\bPOW camps?\b|\bcamps? for (?:foreign )?prisoners of war\b|prisoner-of-war camps?",
                             sent) and ent.cls == "Camp":
                    ent.cls = "PrisonerOfWarCamp"
            if m.kind == "legal-act":
                if "number" in a:
                    add(Fact(ent, "jpow:number", Lit(a["number"], "string", None)))
                title = a.get("title") or _title_after(text, m.end, quotes)
                if title and not m.in_title:
                    add(Fact(ent, "jpow:title", Lit(title)))
                    if "title_span" in a:   # "Declaration on the end of the state of war between X and Y"
                        t0, t1 = a["title_span"]
                        for o in ms:
                            if o.kind in ("place", "organization") and t0 <= o.start < t1 and o.entity:
                                add(Fact(ent, "jpow:concerns", o.entity))
                    tq = next((q for q in quotes if q.text == title and q.tstart >= m.start), None)
                    if tq and re.match(r"On\s+(?:the\s+)?(?:formation|establishment|creation|organi[sz]ation|"
                                       r"liquidation|reorgani[sz]ation|abolition)\s+of\b", title):
                        for o in ms:
                            if o.kind == "organization" and tq.tstart <= o.start < tq.tstart + len(tq.text):
                                add(Fact(ent, "jpow:concerns", o.entity))
                if "date" in a:
                    add(Fact(ent, "jpow:date", date_lit(a["date"])))
                    if a.get("date_as_written"):
                        add(Fact(ent, "jpow:dateAsWritten", Lit(a["date_as_written"], "string", None)))
                if isinstance(a.get("issuer"), Mention) and a["issuer"].entity:
                    add(Fact(ent, "jpow:issuedBy", a["issuer"].entity))
            if m.kind == "event" and "date" in a and not m.in_title:
                add(Fact(ent, "jpow:date", date_lit(a["date"])))
            if m.kind == "event" and "startDate" in a:
                facts += span_facts(ent, f"{a['startDate']}/{a['endDate']}")
                add(Fact(ent, "jpow:dateAsWritten", Lit(a["date_as_written"], "string", None)))
            if m.kind == "publication":
                if "year" in a:
                    add(Fact(ent, "jpow:publicationYear", Lit(a["year"], "gYear", None)))
                if "place" in a:
                    pl = next((p for p in ms if p.kind == "place" and p.text == a["place"] and p.start > m.start),
                              None)
                    if pl:
                        add(Fact(ent, "jpow:placeOfPublication", pl.entity))
                if "volumes" in a:
                    add(Fact(ent, "jpow:volumeCount", Lit(a["volumes"], "integer", None)))
            for n in m.names:
                if n != ent.label:
                    add(Fact(ent, "skos:altLabel", Lit(n, None, a.get("names_lang", {}).get(n, "en"))))


def _title_after(text: str, end: int, quotes) -> str | None:
    q = next((q for q in quotes if end <= q.start <= end + 3), None)
    return q.text if q else None

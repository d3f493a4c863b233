"""Facts between organisations and places: subordination ("X of Y"), seats, ownership."""

from __future__ import annotations

import re

from kg.extract.text.model import Fact


# bodies with a seat in one place (a ministry "in Moscow" is mostly where something happened, not its seat; a
# directorate, an administration, an embassy named so is seated there)
_SEATED = {"Archive", "University", "ResearchInstitute", "PublicOrganization", "Enterprise", "Publisher"}


class OrganizationFacts:
    """Read by `DocumentReader` over the mentions of one sentence."""

    def _organizations(self, text, s, e, ms, facts):
        add = facts.append
        orgs = [m for m in ms if m.kind == "organization" and not m.in_title]
        for a in orgs:
            for b in orgs:
                if a is b or a.entity is b.entity:
                    continue
                if b.inside(a) and re.search(r"\bof\s+(?:the\s+)?$", text[a.start:b.start]):
                    add(Fact(a.entity, "jpow:subordinateTo", b.entity))
                if b.start >= a.end and re.fullmatch(r"\s*(?:\([^()]*\))?\s+of\s+(?:the\s+)?", text[a.end:b.start]):
                    add(Fact(a.entity, "jpow:subordinateTo", b.entity))
                # "the Kwantung Army's 39th Field Artillery Regiment", "the university's Centre for Camp Studies":
                # a body of the one whose it is
                if b.start > a.end and re.fullmatch(r"['’]s?\s+(?:(?:own|former|then|new)\s+)?", text[a.end:b.start]):
                    add(Fact(b.entity, "jpow:partOf", a.entity))
            # "the political department of camp N 137", "the administration of camp No. 99": a body of a camp
            for c in ms:
                if c.kind == "camp" and c.entity is not None and c.end == a.end and c.inside(a) and \
                        re.search(r"\s+of\s+(?:the\s+)?$", text[a.start:c.start]):
                    add(Fact(a.entity, "jpow:partOf", c.entity))
            for p in ms:
                if p.kind == "place" and p.inside(a) and re.search(r"\bof\s+(?:the\s+)?(?:city\s+of\s+)?$",
                                                                   text[a.start:p.start]) \
                        and a.entity.cls in ("Archive", "Enterprise", "University") \
                        and p.entity.cls in ("Settlement", "Region"):
                    add(Fact(a.entity, "jpow:location", p.entity))
                elif p.kind == "place" and p.inside(a) and p.end == a.end and p.entity is not None and \
                        p.entity.cls in ("Settlement", "Place") and \
                        re.search(r"\s(?:in|at)\s+(?:the\s+)?$", text[a.start:p.start]):
                    add(Fact(a.entity, "jpow:location", p.entity))   # "the Embassy of Japan in Almaty" (in a country: accredited)
        # "the National Council of ... (NCBFI), a Tokyo-based association": where the body sits
        for o in orgs:
            bm = re.match(r"(?:\s*\([^()]*\))?,\s+(?:an?|the)\s+(?:[a-z]+\s+)?", text[o.end:e])
            place = bm and next((p for p in ms if p.kind == "place" and p.entity is not None and
                                 p.start == o.end + bm.end() and text.startswith("-based", p.end)), None)
            if place is not None:
                add(Fact(o.entity, "jpow:location", place.entity))
        for m in re.finditer(r"\b[Hh]eadquarters\s+of\s+(?:the\s+)?", text[s:e]):
            org = next((o for o in orgs if o.start == s + m.end()), None)
            if org:
                pl = re.match(r"\s+in\s+", text[org.end:e])
                place = pl and next((p for p in ms if p.kind == "place" and p.start == org.end + pl.end()), None)
                if place:
                    add(Fact(org.entity, "jpow:location", place.entity))
        # "the Karlag Memory Museum in Dolinka", "the Russian State Military Archive in Moscow": a body with a seat
        # "the Main Directorate ... (GUPVI) in Moscow", "(Russian State Military Archive, Moscow)"
        for o in orgs:
            pl = re.match(r"(?:\s*\([A-Z]{2,8}\))?\s+in\s+(?:the\s+)?|,\s+(?=[^,()]+\))", text[o.end:e])
            place = pl and next((p for p in ms if p.kind == "place" and p.start == o.end + pl.end() and
                                 p.entity is not None and (pl.group(0).strip() != "," or p.entity.cls == "Settlement")),
                                None)
            if place and (o.entity.cls in _SEATED or o.entity.cls == "StateBody" and re.search(
                    r"\b(?:Directorate|Administration|Department|Embassy|Consulate|Commission)\b", o.entity.label)):
                add(Fact(o.entity, "jpow:location", place.entity))
            # "the Japan Association of Families (Tokyo)", "Maizuru Repatriation Memorial Museum, Maizuru" ending a
            # line or a sentence: a seat written as an address, of any body
            town = next((p for p in ms if p.kind == "place" and p.entity is not None and
                         p.entity.cls in ("Settlement", "Region") and (
                             re.fullmatch(r"\s*\(\s*", text[o.end:p.start]) and re.match(r"\s*\)", text[p.end:e]) or
                             re.fullmatch(r",\s*", text[o.end:p.start]) and
                             re.fullmatch(r"\s*(?:,\s*(?:\d[^\n]*|[A-Z][\w-]+))?[.;]?\s*", text[p.end:e]))), None)
            if town is not None and Fact(o.entity, "jpow:location", town.entity) not in facts:
                add(Fact(o.entity, "jpow:location", town.entity))
        for m in re.finditer(r"\b(?:[Tt]he\s+(university|institute|academy|ministry|committee)|"
                             r"(?P<org>\S))\s+(?:operates|runs|includes|has|founded|established)\s+(?:the\s+)?",
                             text[s:e]):
            if not m.group(1):
                continue
            owner = self.last.get({"university": "University", "institute": "ResearchInstitute",
                                   "academy": "ResearchInstitute"}.get(m.group(1), "StateBody"))
            sub = next((o for o in orgs if o.start == s + m.end()), None)
            if owner and sub:
                add(Fact(sub.entity, "jpow:subordinateTo", owner))

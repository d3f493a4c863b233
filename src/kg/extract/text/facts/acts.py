"""Facts about legal acts: issuer, place and date of signing, what they concern; "the decree" as anaphor."""

from __future__ import annotations

import re

from kg.extract.text.lexicon import alternation
from kg.extract.text.mentions import Mention
from kg.extract.text.model import Fact, Lit, date_lit

_ACT_ANAPHOR = re.compile(r"\b[Tt]he\s+(decree|resolution|law|order|treaty|agreement|declaration|convention)\b")
# what "the decree" may refer back to (texts call a resolution a decree, and the other way round)
_ANAPHOR_CLASSES = {"decree": {"Decree", "Resolution", "Order"}, "resolution": {"Resolution", "Decree"},
                    "order": {"Order", "Decree", "Resolution"}, "law": {"Law"}, "treaty": {"Treaty"},
                    "agreement": {"Agreement"}, "declaration": {"Declaration"}, "convention": {"Convention"}}


class ActFacts:
    """Read by `DocumentReader` over the mentions of one sentence."""

    def _acts(self, text, s, e, ms, ds, facts):
        add = facts.append
        verbs = alternation(self.lex["act_verbs"])
        acts = [m for m in ms if m.kind == "legal-act" and not m.in_title]
        for am in _ACT_ANAPHOR.finditer(text, s, e):
            if any(a.start <= am.start() < a.end for a in acts):
                continue
            prev = self.last.get("legal-act")
            if prev is not None and prev.cls in _ANAPHOR_CLASSES[am.group(1)]:
                acts.append(Mention("legal-act", prev.cls, am.start(), am.end(), am.group(0), prev.label, "",
                                    entity=prev))
        for a in sorted(acts, key=lambda a: a.start):   # "Article 3 of the Agreement", "Under Article 7": its act
            if a.cls == "CodeArticle" and a.entity is not None:
                om = re.match(r"\s*(?:,\s*(?:item|paragraph|part)\s+[^,]{1,12},?\s*)?\s+of\s+(?:the\s+)?", text[a.end:e])
                # "of the Criminal Code": of what is named there; else of the act the text is most about so far
                main = max(self.whole_acts.values(), key=lambda x: x[0])[1] if self.whole_acts else None
                whole = next((o.entity for o in acts if om and o.start == a.end + om.end() and o.entity is not None),
                             None) if om else main
                if whole is not None and whole is not a.entity and whole.cls != "CodeArticle":
                    add(Fact(a.entity, "jpow:partOf", whole))
            elif a.entity is not None and a.entity.kind == "legal-act":
                seen = self.whole_acts.setdefault(a.entity.iri, [0, a.entity])
                seen[0] += 1
        for a in acts:
            act = a.entity
            before = text[s:a.start]
            om = None
            for o in ms:
                if o.kind in ("organization",) and o.end <= a.start and re.fullmatch(
                        rf"(?:\s+headed\s+by\s+[^,]+?)?\s+(?:has\s+|had\s+)?(?:{verbs})\s+(?:the\s+|a\s+)?",
                        text[o.end:a.start]):
                    om = o
            # "NKVD Order No. 00955", "State Defence Committee Resolution No. 9898ss": the body named before the act
            om = next((o for o in ms if o.kind == "organization" and o.end <= a.start and
                       re.fullmatch(r"\s*", text[o.end:a.start])), om)
            pm = re.match(rf"\s+(?:was|were|has\s+been|had\s+been)\s+(?:{verbs})\s+by\s+(?:the\s+)?", text[a.end:e])
            if pm:
                om = next((o for o in ms if o.kind == "organization" and o.start == a.end + pm.end()), om)
            if om is not None and om.entity is not act:
                add(Fact(act, "jpow:issuedBy", om.entity))
            # "order No. 211 of the Karaganda directorate, signed by Colonel Grigory Pankratov": its signatory (a
            # participle the parser often hangs on the wrong noun)
            sm = re.match(r"(?:\s+of\s+[^,;()]{1,80}?)?\s*,\s*(?:signed|issued|approved)\s+by\s+", text[a.end:e])
            signer = sm and min((o for o in ms if o.kind in ("person", "organization") and o.entity is not None and
                                 o.entity is not act and not re.search(r"[,.;()]", text[a.end + sm.end():o.start])
                                 and 0 <= o.start - a.end - sm.end() <= 60), key=lambda o: o.start, default=None)
            if signer:
                add(Fact(act, "jpow:issuedBy", signer.entity))
            # "Order of the head of the UMVD ... Major-General A. F. Kosarev No. 0087": the head named in its name
            if "issuer" in a.attrs:
                for o in ms:
                    if o.kind == "person" and o.entity is not None and a.attrs["issuer"].end <= o.start and \
                            o.end <= a.end and not re.search(r"[\"“«]", text[a.start:o.start]):
                        add(Fact(act, "jpow:issuedBy", o.entity))
            bm = re.search(r"\bbetween\s+", a.text)
            if bm:
                for o in ms:
                    if o.kind in ("organization", "place") and a.start + bm.end() <= o.start < a.end and \
                            not any(o.inside(x) for x in ms if x.kind == "organization" and x is not o):
                        add(Fact(act, "jpow:issuedBy", o.entity))
            # "was signed in <Place>", or the participle right after the act: "<act> signed in <Place>"
            lm = re.search(rf"\b(?:was|were)\s+(?:{verbs})\s+in\s+", text[a.end:e]) or \
                re.match(rf"(?:\s+of\s+[^,.;()]{{1,60}}?)?\s*,?\s*(?:{verbs})\s+in\s+", text[a.end:e])
            if lm:
                pl = next((p for p in ms if p.kind == "place" and p.start == a.end + lm.end()), None)
                if pl:
                    add(Fact(act, "jpow:location", pl.entity))
            acted = om is not None or lm is not None or re.search(rf"\b(?:{verbs})\s+(?:the\s+|a\s+)?$", before) \
                or re.match(rf"[^,.;]*?\b(?:was|were)\s+(?:{verbs})\b", text[a.end:e])
            # "the agreement of December 19, 1946": the date that follows the act's name, also after its issuer or
            # its subject ("Order No. 0112 of the Karaganda UPVI on 3 March 1946", "Resolution No. 7712 of the
            # Council ..., dated 2 September 1945", a list item "Order No. 52 ... on the reception of echelons,
            # 19 October 1945.")
            of_date = next((d for d in ds if d.kind == "point" and d.start >= a.end and (
                re.fullmatch(r"\s+of\s+", text[a.end:d.start]) or re.fullmatch(
                    r"(?:\s+of\s+(?:the\s+)?[^,.;()]{1,80}?)?(?:\s+on\s+(?:the\s+)?[^,.;()]{1,100}?)?"
                    r"(?:\s*,\s*dated\s+|\s+(?:dated|on)\s+|(?P<bare>\s*,\s*))", text[a.end:d.start]) and (
                    not re.search(r",\s*$", text[a.end:d.start]) or re.search(r"dated\s+$", text[a.end:d.start]) or
                    re.match(r"\s*(?:[.;]|$)", text[d.end:d.end + 2])))), None)
            if of_date is not None and "date" not in a.attrs and not act.attrs.get("dated"):
                add(Fact(act, "jpow:date", date_lit(of_date.value)))
                add(Fact(act, "jpow:dateAsWritten", Lit(of_date.as_written, "string", None)))
                act.attrs["dated"] = True
            if acted and "date" not in a.attrs and not act.attrs.get("dated"):
                points = [d for d in ds if d.kind == "point" and not (a.start <= d.start < a.end)]
                if points:
                    d = min(points, key=lambda d: abs(d.start - a.start))
                elif self.frame_date is not None and a.entity.kind == "legal-act":
                    d = self.frame_date
                else:
                    d = None
                if d is not None:
                    add(Fact(act, "jpow:date", date_lit(d.value)))
                    add(Fact(act, "jpow:dateAsWritten", Lit(d.as_written, "string", None)))
                    act.attrs["dated"] = True
            # "the decree provided for the export of X from A to B": the act concerns the transfer
            if re.match(r"\s+provided\s+for\b", text[a.end:e]):
                for ev in ms:
                    if ev.kind == "event" and ev.start > a.end:
                        add(Fact(act, "jpow:concerns", ev.entity))

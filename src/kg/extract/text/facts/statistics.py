"""Statistics: a figure with its qualifier, unit, population, place, time and what it measures."""

from __future__ import annotations

import re

from kg.extract.text.facts.publications import BOOK_ANAPHOR
from kg.extract.text.mentions import Mention
from kg.extract.text.model import Entity, Fact, Lit, date_lit, decimal, span_facts, term
from kg.extract.text.quantities import QUALIFIER_CLASS, Quantity
from kg.extract.text.roles import antecedent_group


class StatisticFacts:
    """Read by `DocumentReader` over the quantities of one sentence."""

    def _statistics(self, text, s, e, ms, qs, ds, facts, block):
        add = facts.append
        for q in qs:
            label = q.text if not q.population else f"{q.text} {q.population}"
            pop = q.population or _population(text, q, s, e) or self._of_them(text, q)
            if pop and not q.population:
                label = f"{q.text} ({pop})" if pop not in q.text else q.text
            o_start = block.span(q.start, q.end)[0]
            m = Mention("statistic", "Statistic", q.start, q.end, q.text, label[:120], f"statistic:{o_start}")
            st = self.entity_for(m, o_start)
            self._span(st, block.span(q.start, q.end))
            self.block_statistics.append((q.start, st))
            ms.append(m)
            add(Fact(st, "jpow:qualifier", term(QUALIFIER_CLASS[q.qualifier])))
            if q.value is not None and q.qualifier in ("exact", "approximate"):
                add(Fact(st, "jpow:value", Lit(decimal(q.value), "decimal", None)))
            if q.min_value is not None:
                add(Fact(st, "jpow:minValue", Lit(decimal(q.min_value), "decimal", None)))
                add(Fact(st, "jpow:maxValue", Lit(decimal(q.max_value), "decimal", None)))
            elif q.qualifier == "lower_bound":
                add(Fact(st, "jpow:minValue", Lit(decimal(q.value), "decimal", None)))
            elif q.qualifier == "upper_bound":
                add(Fact(st, "jpow:maxValue", Lit(decimal(q.value), "decimal", None)))
            add(Fact(st, "jpow:unit", term(q.unit)))
            add(Fact(st, "jpow:quantityAsWritten", Lit(q.text, "string", None)))
            if q.fraction:
                add(Fact(st, "jpow:fraction", Lit(q.fraction, "string", None)))
            add(Fact(st, "jpow:population", Lit(pop or _UNIT_WORDS.get(q.unit, "items"))))
            if re.search(r"\bestimat", text[s:e]):
                add(Fact(st, "jpow:isEstimate", Lit("true", "boolean", None)))
            if q.part_of == -1 and self.last_stat is not None:
                add(Fact(st, "jpow:partOf", self.last_stat))
            elif q.part_of is not None and q.part_of >= 0:
                whole = next((x for x in ms if x.kind == "statistic" and x.start == q.part_of), None)
                if whole:
                    add(Fact(st, "jpow:partOf", whole.entity))
            # where and when: places and dates of the clause
            clause_s = max([s] + [i + 1 for i in range(s, q.start) if text[i] in ",;:"])
            clause_e = min([e] + [i for i in range(q.end, e) if text[i] in ",;"])
            if q.unit not in ("UnitPage", "UnitVolume", "UnitYear"):
                self._figure_places(text, s, q, ms, st, clause_s, clause_e, add)
                for p in ms:
                    if p.kind == "place" and clause_s <= p.start < clause_e and not p.in_title and \
                            re.search(r"\b(?:in|of|at)\s+(?:the\s+)?(?:regions?\s+of\s+(?:the\s+)?)?$",
                                      text[max(s, p.start - 30):p.start]) and \
                            not re.search(r"\bfrom\s+(?:the\s+)?$", text[max(s, p.start - 12):p.start]):
                        add(Fact(st, "jpow:location", p.entity))
                        pos = p.end
                        for p2 in sorted(ms, key=lambda x: x.start):
                            if p2.kind == "place" and p2.start >= pos and p2.start < clause_e and re.fullmatch(
                                    r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?", text[pos:p2.start]):
                                add(Fact(st, "jpow:location", p2.entity))
                                pos = p2.end
                for d in ds:
                    if not (clause_s <= d.start < clause_e) or d.kind == "vague":
                        continue
                    if d.kind == "point":
                        add(Fact(st, "jpow:date", date_lit(d.value)))
                    elif d.kind == "range":
                        facts += span_facts(st, d.value)
                    else:
                        add(Fact(st, "jpow:endDate" if d.kind == "until" else "jpow:startDate", date_lit(d.value)))
            # what the figure is about: a publication's pages or volumes, else the nearest camp, event, act
            # or enterprise of the sentence
            if q.unit in ("UnitPage", "UnitVolume"):
                target = next((x for x in reversed(ms) if x.kind == "publication" and x.start < q.start), None)
                tgt = target.entity if target else None
                if tgt is None and BOOK_ANAPHOR.search(text, s, q.start):
                    tgt = self._salient_book()
                if tgt is not None and not q.text.endswith("-volume"):
                    add(Fact(tgt, "jpow:pageCount" if q.unit == "UnitPage" else "jpow:volumeCount",
                             Lit(str(int(q.value)), "integer", None)))
                if tgt is not None:
                    add(Fact(st, "jpow:measures", tgt))
            else:
                # ("The epidemic broke out in December. It killed more than 300": the event "it" stands for)
                cands = [x for x in ms if not x.in_title and x.entity is not None and (
                    not x.attrs.get("anaphor") or x.kind == "event" and x.text.lower() == "it") and (
                    x.kind in ("camp", "legal-act") or x.kind == "event" and x.cls != "War" or
                    x.kind == "organization" and x.entity.cls == "Enterprise")]
                # "it held prisoners of several nationalities, among them an estimated 6,300 Japanese": a camp
                # "it" stands for, when it is what held, housed or received them
                holder = next((x for x in ms if x.attrs.get("anaphor") and x.kind == "camp" and x.entity is not None
                               and x.end <= q.start and re.match(r"\s+(?:\w+\s+){0,2}?(?:held|housed|received|"
                                                                 r"accommodated|had|counted|numbered)\b",
                                                                 text[x.end:q.start])), None)
                # "More than 1,100 deaths were recorded in the camp": the camp "the camp" refers to, after the figure
                holder = holder or next((x for x in ms if x.attrs.get("anaphor") and x.kind == "camp" and
                                         x.entity is not None and x.start >= q.end and re.fullmatch(
                                             r"\s+(?:[a-z]+\s+){0,3}?(?:in|at)\s+", text[q.end:x.start])), None)
                # "Kosshoky ... It had a population of about 11,200": the town's; "The population fell from about
                # 19,000": of the town the text is about
                home = None if pop != "inhabitants" else next(
                    (x.entity for x in reversed(ms) if x.kind == "place" and x.entity is not None and not x.in_title
                     and s <= x.start and x.end <= q.start),
                    self.topic if self.topic is not None and self.topic.kind == "place" else None)
                if home is not None:
                    add(Fact(st, "jpow:location", home))
                elif cands:
                    near = min(cands, key=lambda x: min(abs(x.start - q.end), abs(q.start - x.end)))
                    add(Fact(st, "jpow:measures", near.entity))
                elif holder is not None:
                    add(Fact(st, "jpow:measures", holder.entity))
                elif referred := [x for x in ms if x.attrs.get("anaphor") and x.kind == "camp" and x.entity is not None
                                  and x.text.lower() != "it" and q.unit in ("UnitPerson", "UnitPercent", "UnitFraction")]:
                    # "At least 214 inmates died in the section", "the lagpunkt contained about 2,000": of the camp
                    # or section "the section" refers to, when nothing named is nearer
                    near = min(referred, key=lambda x: min(abs(x.start - q.end), abs(q.start - x.end)))
                    add(Fact(st, "jpow:measures", near.entity))
                elif self.topic is not None and q.unit in ("UnitPerson", "UnitPercent", "UnitFraction") and \
                        not any(f.s is st and isinstance(f.o, Entity) for f in facts) and \
                        (self.topic.kind == "camp" or not _WIDER.search(text, s, e)):
                    # "Camp No. 318": "During the quarter 64 prisoners died": a figure the sentence ties to nothing
                    # is of what the text is about
                    add(Fact(st, "jpow:measures", self.topic))
            self._stated_by(text, s, e, q, ms, st, add)
            self.last_stat = st

    def _of_them(self, text: str, q: Quantity) -> str | None:
        """"The prisoners were held in 40 camps. At least 900 of them perished": the group "them" stands for."""
        om = re.match(r"\s+of\s+(?:them|these)\b", text[q.num_end:])
        them = om and next((t for t in self._doc if t.idx + len(t.text) == q.num_end + om.end()), None)
        return antecedent_group(self._doc, them.i) if them is not None else None

    def _figure_places(self, text, s, q, ms, st, clause_s, clause_e, add):
        """Where the counted went or came from: "1,140 prisoners were sent to Nakhodka", "from Manchuria"."""
        for p in ms:
            if p.kind != "place" or p.in_title or not (clause_s <= p.start < clause_e) or p.start < q.end:
                continue
            m = re.search(r"\b(to|into|from)\s+(?:the\s+)?$", text[max(s, p.start - 12):p.start])
            if m and not re.search(r"[.;\d]|\b(?:that|which)\b", text[q.end:p.start]) and \
                    _MOVED.search(text, q.end, p.start):
                add(Fact(st, "jpow:origin" if m.group(1) == "from" else "jpow:destination", p.entity))

    def _stated_by(self, text, s, e, q, ms, st, add):
        """Who gives the figure ("according to the records of X, ...", "X recorded ... N": jpow:statedBy) or has
        it ("X employed between 4,000 and 5,000 Japanese": jpow:measures), when X comes before it in the sentence."""
        for x in ms:
            if x.kind not in ("organization", "person", "publication") or x.entity is None or x.in_title or \
                    not s <= x.start < x.end <= q.start or _BY.search(text, max(s, x.start - 8), x.start):
                continue
            between = text[x.end:q.start]
            if any(y.kind in ("organization", "person", "publication") and x.end <= y.start < q.start for y in ms):
                continue   # the nearer body or person is the one that gives or has it
            # "the ministry", "the archive" give a figure too often of a body other than the one resolved
            if not x.attrs.get("anaphor") and (_ACCORDING.search(text, max(s, x.start - 60), x.start)
                                               or _REPORTS.fullmatch(between)):
                add(Fact(st, "jpow:reportedIn" if x.kind == "publication" else "jpow:statedBy", x.entity))
            elif x.kind != "publication" and _HAS.fullmatch(between) and (x.kind == "organization" or
                                                                           not x.attrs.get("anaphor")):
                add(Fact(st, "jpow:measures", x.entity))


# a figure of more than the place an article is about: "In total, about 60,000 Japanese died in Soviet captivity"
_WIDER = re.compile(r"\b(?:[Ii]n\s+total|[Aa]\s+total\s+of|[Aa]ltogether|Soviet|USSR|captivity|as\s+a\s+whole|country)\b")
_BY = re.compile(r"\bby\s+(?:the\s+)?$")
_ACCORDING = re.compile(r"(?i)\baccording\s+to\s+(?:[\w'’]+\s+){0,4}$")
# (the figure right after the verb, or after "put <what> at": "put deaths in the region at 1,412")
_NEAR = r"(?:\s+(?:about|some|over|nearly|almost|roughly|around|up\s+to|more\s+than|at\s+least|a|an|the|only))*\s*"
# ("gave a figure of about 17,000", "arrives at more than 41,000", "credits them with about 1.4 million")
_REPORTS = re.compile(r"(?:\s*\([^()]*\))?(?:,[^,]*,|,)?\s+(?:\w+\s+){0,2}?(?:(?:recorded|records|reported|reports|"
                      r"registered|counted|counts|lists?|listed|estimated|estimates|gives?|gave|documented|"
                      r"(?:has\s+|have\s+)?proposed|arrives?\s+at|arrived\s+at|credits?\s+\w+\s+with|credited\s+\w+\s+"
                      r"with)(?:\s+(?:a\s+)?(?:figure|figures|total|toll|number)\s+of)?" + _NEAR +
                      r"|puts?\s+[^.;,]{1,60}?\bat" + _NEAR +
                      # "suggests that more than 2,500 prisoners died"
                      r"|(?:suggests?|suggested|argues|argued|claims|claimed|writes|wrote|states|stated|concludes|"
                      r"concluded|believes|believed|estimates|estimated)\s+that" + _NEAR +
                      # "estimates that the true number of deaths lay between ..."
                      r"|(?:estimated|estimates|reported|reports|believes|believed|argues|argued|suggests|suggested|"
                      r"claims|claimed)\s+that\s+[^.;]{1,80}?\b(?:was|were|lay|stood\s+at|reached|exceeded|"
                      r"amounted\s+to)(?:\s+closer\s+to|\s+nearer)?" + _NEAR + r")")
_HAS = re.compile(r"(?:,[^,]*,)?\s+(?:\w+\s+){0,2}?(?:identified|recovered|controlled|employed|received|provided|"
                  r"holds|held)(?:\s+(?:a|an)\s+\w+\s+of)?" + _NEAR +   # "provided a grant of 4.2 million"
                  r"(?:[\w\s-]{1,30}?\s+and" + _NEAR + r")?")   # "controlled eleven camps and about 40 sub-camps"

# "It had a population of about 11,200", "the population fell from about 19,000": a place's inhabitants
_POPULATION = re.compile(r"\bpopulation\s+(?:of|was|is|stood\s+at|reached|numbered|fell\s+from|fell\s+to|rose\s+to|"
                         r"rose\s+from|grew\s+to|grew\s+from)" + _NEAR + r"$")
# a verb of moving between a figure and a place: "were sent to Nakhodka", "had come by rail from Karaganda"
_MOVED = re.compile(r"\b(?:sent|transferred|moved|deported|brought|taken|shipped|transported|evacuated|repatriated|"
                    r"returned|travell?ed|came|come|went|gone|arrived|driven|carried|marched|delivered|dispatched)\b")

_UNIT_WORDS = {"UnitPerson": "persons", "UnitPercent": "share (percent)", "UnitFraction": "share",
               "UnitCamp": "camps", "UnitPage": "pages", "UnitVolume": "volumes", "UnitYear": "years",
               "UnitMinistry": "ministries", "UnitItem": "items"}

_GENERIC_COUNTED = {"people", "persons", "person", "men", "items", "years", "pages", "volumes", "camps", "ministries"}
_NP_END = (r"(?=(?:^|\s+)(?:were|was|who|whom|which|that|died|left|received|worked|had|have|are|is|to|with|due|"
           r"because|ended|reached|arrived|passed|in\s+the\s+amount)\b|[,.;()]|$)")


def _population(text: str, q: Quantity, s: int, e: int) -> str | None:
    """What a figure counts, as the sentence says it: "the number of <X> was N", "N <X> ...", "half of <X>"."""
    nm = re.search(r"\bnumber\s+of\s+([^,;]+?)\s+(?:was|were|is|amounted\s+to|reached)\s*$", text[s:q.start])
    if nm:
        return nm.group(1)
    if _POPULATION.search(text, s, q.start):
        return "inhabitants"
    if q.unit in ("UnitPage", "UnitVolume", "UnitYear"):
        return None   # ("almost two years sorting the files": a span of time counts no one)
    tail = text[q.num_end:e].lstrip()
    if q.unit == "UnitFraction":
        fm = re.match(r"of\s+(?!them\b|these\b|us\b)((?:the\s+|all\s+)*[^,.;()]+?)" + _NP_END, tail)
        return fm.group(1) if fm else None
    pm = re.match(r"([^,.;()]*?)" + _NP_END, tail)
    phrase = pm.group(1).strip() if pm else ""
    if not phrase or phrase.lower() in _GENERIC_COUNTED or re.match(r"of\s+(?:them|these)\b", phrase):
        return None
    return phrase

"""Facts about events: participants, destinations, origins, places and dates."""

from __future__ import annotations

import re

from kg.extract.text.model import Fact, date_facts


class EventFacts:
    """Read by `DocumentReader` over the mentions of one sentence."""

    def _events(self, text, s, e, ms, ds, facts):
        add = facts.append
        for ev in ms:
            if ev.kind != "event" or ev.in_title or ev.cls == "War":
                continue
            x = ev.entity
            inside = [m for m in ms if m.inside(ev) or (m.start >= ev.start and m.end <= ev.end and m is not ev)]
            if ev.attrs.get("phrase"):   # "the arrival of the echelon at Karaganda": each preposition's role
                roles = self.lex["event_prepositions"]
                for m in inside:
                    pm = re.search(r"\b(\w+)\s+(?:the\s+|a\s+|an\s+)?$", text[ev.start:m.start])
                    if m.kind != "statistic" and m.entity is not None and pm and pm.group(1).lower() in roles:
                        role = roles[pm.group(1).lower()]
                        if role == "jpow:location" and m.kind != "place":   # "the exhibition at the regional
                            role = "jpow:concerns" if m.kind == "camp" else "jpow:participant"   # museum": its host
                        elif role == "jpow:destination" and m.kind not in ("place", "camp"):
                            role = "jpow:participant"   # "petitions of thanks to Stalin": whom it went to
                        add(Fact(x, role, m.entity))
            if ev.cls in ("Visit", "Conference", "MilitaryDefeat", "PoliticalChange"):
                for m in inside:
                    if m.kind in ("person", "organization") or (m.kind == "place" and ev.cls == "Conference"):
                        if ev.cls == "Conference" and m.kind == "place" and re.search(
                                r"\bin\s+$", text[ev.start:m.start]):
                            continue
                        add(Fact(x, "jpow:participant", m.entity))
            if ev.cls in ("Visit",):
                for m in inside:
                    if m.kind == "place" and re.search(r"\bto\s+(?:the\s+)?$", text[ev.start:m.start]):
                        add(Fact(x, "jpow:destination", m.entity))
            if ev.cls in ("MilitaryDefeat", "PoliticalChange", "Dissolution", "Declassification"):
                for m in inside:
                    if m.kind == "place" and (ev.cls == "Dissolution" or re.search(r"\bin\s+(?:the\s+)?$",
                                                                                  text[ev.start:m.start])):
                        add(Fact(x, "jpow:location", m.entity))
                        break
            if ev.cls == "Conference":
                pos = ev.end
                for m in sorted(ms, key=lambda m: m.start):
                    if m.kind == "place" and m.start >= pos and re.fullmatch(r"\s*(?:,|and|,\s*and)?\s*(?:the\s+)?",
                                                                             text[pos:m.start]):
                        add(Fact(x, "jpow:participant", m.entity))
                        pos = m.end
                for m in ms:
                    if m.kind == "place" and not m.inside(ev) and re.search(r"\bin\s+$", text[s:m.start]) \
                            and abs(m.end - ev.start) < 30:
                        add(Fact(x, "jpow:location", m.entity))
            if ev.cls == "Event" and not ev.attrs.get("phrase"):
                # "a memorial service at the granite monument", "the exhibition at the regional museum": where it
                # took place (a body there is its host)
                wm = re.match(r"\s+(?:(?:was|is|will\s+be)\s+held\s+)?(?:at|in|near)\s+(?:the\s+)?", text[ev.end:e])
                where = wm and next((m for m in ms if m.kind in ("camp", "place", "organization") and
                                     m.entity is not None and m.start == ev.end + wm.end()), None)
                if where is not None:
                    add(Fact(x, {"camp": "jpow:camp", "place": "jpow:location"}.get(where.kind, "jpow:participant"),
                             where.entity))
            if ev.cls == "Award":   # "Sukhov was awarded ...", "In 1949 he received ...": the one awarded
                before = [m for m in ms if m.kind == "person" and m.entity is not None and m.end <= ev.start]
                if before:
                    add(Fact(x, "jpow:participant", before[-1].entity))
            if ev.cls == "Epidemic":   # "a typhus epidemic in camp No. 99", "... of 1946 broke out at Nurtau"
                wm = re.match(r"(?:\s+(?:of|in)\s+\d{4})?\s+(?:(?:broke\s+out|raged|spread|swept\s+through)\s+)?"
                              r"(?:in|at|among\s+the\s+prisoners\s+(?:of|in|at))\s+(?:the\s+)?", text[ev.end:e])
                where = wm and next((m for m in ms if m.kind in ("camp", "place") and m.entity is not None and
                                     m.start == ev.end + wm.end()), None)
                if where is not None:   # (an event in a camp is in the camp: jpow:camp)
                    add(Fact(x, "jpow:camp" if where.kind == "camp" else "jpow:location", where.entity))
            if ev.cls == "Transfer":
                fm = re.search(r"\bfrom\s+(?:the\s+territory\s+of\s+)?(?:the\s+)?", text[ev.start:e])
                if fm:
                    origin = next((p for p in ms if p.kind == "place" and p.start == ev.start + fm.end()), None)
                    if origin:
                        add(Fact(x, "jpow:origin", origin.entity))
                        tail = text[origin.end:e]
                        tm = re.match(r"\s+to\s+", tail)
                        if tm:
                            for p in ms:
                                if p.kind == "place" and p.start >= origin.end + tm.end() and not p.in_title:
                                    gap = text[origin.end:p.start]
                                    if re.search(r"[.;]|\bwhich\b|\bfor\b", gap) and p.start > ev.end:
                                        break
                                    add(Fact(x, "jpow:destination", p.entity))
            if ev.cls == "Handover":
                by = re.match(r"\s+by\s+(?:the\s+)?", text[ev.end:e])
                giver = next((m for m in ms if m.kind == "person" and m.start > ev.end and by), None)
                if giver:
                    add(Fact(x, "jpow:participant", giver.entity))
                    tm = re.match(r"\s+to\s+(?:the\s+)?", text[giver.end:e])
                    recv = tm and next((m for m in ms if m.kind in ("organization", "person", "place")
                                        and m.start == giver.end + tm.end()), None)
                    if recv:
                        add(Fact(x, "jpow:destination", recv.entity))
                obj = [m for m in ms if m.kind == "publication" and m.end <= ev.start]
                if obj:
                    add(Fact(x, "jpow:concerns", obj[-1].entity))
            if ev.cls not in ("War",):
                outside = [d for d in ds if not (ev.start <= d.start < ev.end) and
                           not re.search(r"\b(?:until|till)\s+$", text[max(0, d.start - 8):d.start])]
                # a day or a month; else a span ("held on 12–13 October 2022", "from 1 to 26 September")
                points = [d for d in outside if d.kind in ("point", "vague")] or \
                    [d for d in outside if d.kind == "range"]
                if points:
                    d = min(points, key=lambda d: abs(d.start - ev.start))
                    facts += date_facts(x, d)

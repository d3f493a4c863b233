"""Places within places, as prose and lists write them: "Kobelyaki, Poltava Governorate", "Karaganda Oblast of
the Kazakh SSR", "the memorial cemetery in Spassk", and a list item "Section No. 5 — Mointy station"."""

from __future__ import annotations

import re
from functools import cached_property

from kg.extract.text.lexicon import alternation
from kg.extract.text.mentions import Mention
from kg.extract.text.mentions.mention import mention_at
from kg.extract.text.model import Fact

# how large a place of each class is: a place lies only in one at least as large
_RANK = {"Site": 0, "Settlement": 1, "Place": 1, "GeographicArea": 2, "Region": 2, "Country": 3}


# what follows a place's name in the name of a thing there: "Dzhezkazgan camp No. 39", "Spassk cemetery"
_NAMED_FOR_A_PLACE = r"\s+(?:[a-z]+\s+)*(?:camp|hospital|cemetery|mine|smelter|plant|combine|trust|station|section)\b"

_DISTANCE = re.compile(r"\s*(?:\([^()]*\))?\s*,?\s*(?:(?:which|that)\s+)?(?:(?:is|was|lies|lay|stood|stands|sits|sat)\s+)?"
                       r"(?:(?:located|situated|lying|standing)\s+)?"
                       r"((?:(?:about|some|around|roughly|approximately|nearly|almost)\s+)?(?:\d+|[a-z]+)\s+"
                       r"(?:kilomet(?:re|er)s?|km|miles?|versts?)\s+(?:(?:to\s+the\s+)?(?:north|south|east|west)"
                       r"(?:-?(?:east|west))?\s+of|from|away\s+from)\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?"
                       # "Balkhash, on the northern shore of Lake Balkhash", "on the outskirts of Karaganda"
                       r"|on\s+the\s+(?:[a-z]+(?:-[a-z]+)?\s+)?(?:shores?|banks?|coast|edge|outskirts|bend|foot)\s+of\s+"
                       r"(?:the\s+)?)")
# "Spassky camp": a place's adjective names the camp, not the place (the text does not mention Spassk)
_ADJECTIVE = re.compile(r"(?:sky|skiy|skaya|skoye|skoe|ian|ese)$")


class PlaceFacts:
    """Read by `DocumentReader` over the mentions of one sentence."""

    @cached_property
    def _place_names(self) -> re.Pattern[str]:
        return re.compile(rf"({alternation(list(self.lex.place_aliases))})\b")

    def _places(self, text: str, s: int, e: int, ms: list[Mention], facts: list[Fact]) -> None:
        places = sorted((m for m in ms if m.kind == "place" and not m.in_title and m.entity is not None),
                        key=lambda m: m.start)
        for a, b in zip(places, places[1:]):
            if a.entity is not b.entity and re.search(r"\b(?:district|raion|quarter|suburb|microdistrict)$", a.text) \
                    and re.fullmatch(r"\s+of\s+(?:the\s+)?", text[a.end:b.start]):
                # "the New Town district of Karaganda", "the Shakhtinsk district of the Karaganda region"
                facts.append(Fact(a.entity, "jpow:locatedIn", b.entity))
                continue
            larger = _RANK.get(b.entity.cls, 1) > _RANK.get(a.entity.cls, 1)
            gap = text[a.end:b.start]
            if a.entity is not b.entity and _RANK.get(b.entity.cls, 1) >= _RANK.get(a.entity.cls, 1) and \
                    re.fullmatch(r"\s+near\s+(?:the\s+)?", gap):
                # "mine No. 31 near Saran", "Kokpekty near Akmolinsk": near it, the text's word says where
                self.stated(a.entity, "near", b.entity, self._block.span(a.end, b.start), facts)
                continue
            if a.entity is b.entity or not (larger or a.entity.cls == "Site"):
                continue   # "Australia, New Zealand", "Altai Krai, Krasnoyarsk Krai": a list, not a place in another
            # "Kanazawa (金沢) in …", "Dzhezkazgan, in the Karaganda Region", "Balkhash, a town in the Karaganda Region"
            if re.fullmatch(r"\s*(?:\([^()]*\))?\s*,\s*(?:in\s+)?(?:the\s+)?", gap) and larger or \
                    re.fullmatch(r"\s*(?:\([^()]*\))?\s+(?:of|in)\s+(?:the\s+)?", gap) or \
                    re.fullmatch(r"\s*,\s*an?\s+(?:small\s+|large\s+|mining\s+|industrial\s+)?(?:town|city|village|"
                                 r"settlement|district|region|station)\s+(?:in|of|near)\s+(?:the\s+)?", gap):
                facts.append(Fact(a.entity, "jpow:locatedIn", b.entity))
            elif re.fullmatch(r"\s+at\s+(?:the\s+)?", gap) and a.entity.cls == "Site" and larger:
                facts.append(Fact(a.entity, "jpow:locatedIn", b.entity))   # "the Kokuzek quarry at Sarybulak"
        # "in Karaganda region, including Spassk, Temirtau and Balkhash": the places listed lie in the one before
        for a in places:
            im = re.match(r"\s*,?\s*(?:including|such\s+as|among\s+them|notably|especially)\s+", text[a.end:e])
            pos = a.end + im.end() if im else None
            while pos is not None:
                b = next((m for m in places if m.start == pos), None)
                if b is None:
                    break
                if b.entity is not a.entity and _RANK.get(a.entity.cls, 1) > _RANK.get(b.entity.cls, 1):
                    facts.append(Fact(b.entity, "jpow:locatedIn", a.entity))
                sep = re.match(r"\s*(?:,\s*(?:and\s+)?|and\s+)", text[b.end:e])
                pos = b.end + sep.end() if sep else None
        # "Spassk, some 45 kilometres south of Karaganda", "Balkhash, on the northern shore of Lake Balkhash": how
        # far and which way a thing lies from a place, or on which side of it
        for a in (m for m in ms if m.kind in ("camp", "place", "organization") and m.entity is not None):
            dm = _DISTANCE.match(text, a.end, e)
            b = dm and next((m for m in ms if m.kind == "place" and m.entity is not None and
                             m.start == dm.end()), None)
            if b is not None and b.entity is not a.entity:
                words = " ".join(text[dm.start(1):b.start].split())
                self.stated(a.entity, words, b.entity, self._block.span(dm.start(1), b.start), facts)
        for named in (m for m in ms if m.kind in ("camp", "place", "organization") and m.entity is not None):
            # "Dzhezkazgan camp No. 39", "Spassk cemetery", "Balkhash copper smelter": a name that opens with a
            # place is of something there (a body named for its country, "Japan Airlines", is not: bodies only
            # when the rest of the name is a camp's or a site's head noun)
            opening = self._place_names.match(named.text)
            # or a place the article has named before ("camp No. 386 at Chirchik ... the Chirchik cemetery")
            known = opening is None and next((p for p in reversed(self.entities) if p.kind == "place" and
                                              p.cls in ("Settlement", "Region", "Place") and
                                              re.match(rf"{re.escape(p.label)}\b", named.text)), None)
            end = opening.end() if opening else len(known.label) if known else None
            if end is None or end == len(named.text) or _ADJECTIVE.search(named.text[:end]) or \
                    named.kind == "place" and \
                    named.entity.cls != "Site" or not re.match(_NAMED_FOR_A_PLACE, named.text[end:]):
                continue
            if known:
                if not re.match(r"\s+(?:[a-z]+\s+)*(?:camp|cemetery|section|hospital)\b", named.text[end:]):
                    continue   # "Chirchik station", "the Chirchik combine": named for the town, seldom said to be in it
                where = known
            else:   # only a place the article names on its own: the name alone mints no place
                label = self.lex.place_aliases[opening.group(1)][0]
                where = next((p for p in self.entities if p.kind == "place" and p.label == label), None)
                if where is None:
                    continue
            if where is not named.entity:
                facts.append(Fact(named.entity, "jpow:locatedIn" if named.kind == "place" else "jpow:location", where))
        for c in (m for m in ms if m.kind == "camp" and not m.in_title and m.entity is not None):
            # "Section No. 5 — Mointy station, …", "Section No. 6 — a hospital section at Balkhash"
            dash = re.match(r"\s*[—–]\s*(?:(?:the|a|an)\s+)?(?:[^,;.—]{0,40}?\b(?:at|in|near)\s+(?:the\s+)?)?",
                            text[c.end:e])
            where = dash and next((p for p in places if p.start == c.end + dash.end()), None)
            if where is not None:
                facts.append(Fact(c.entity, "jpow:location", where.entity))

    def _former_names(self, text: str, s: int, e: int, ms: list[Mention], facts: list[Fact]) -> None:
        """"Temirtau, known until 1945 as Samarkandsky, ...", "Zhezkazgan (formerly Dzhezkazgan)", "Dolinka,
        previously called Dolinskoye", "Temirtau, then still called Samarkandsky.": the earlier name is an entity
        of its own (of the kind of the named one) renamed to the later, linked, never merged."""
        for old in (m for m in ms if m.kind in ("place", "camp", "organization") and m.entity is not None):
            # "the Kazakh Metallurgical Works (now ArcelorMittal Temirtau)": the whole bracket is the later name
            nm = _NOW.match(text, old.end, e)
            if nm is None:
                continue
            named = next((m for m in ms if m.start == nm.start("new") and m.end == nm.end("new") and
                          m.entity is not None), None)
            later = named.entity if named is not None and named.kind == old.kind else self.entity_for(
                mention_at(old.kind, old.entity.cls, (nm.start("new"), nm.end("new")), text, nm.group("new")),
                self._block.span(nm.start("new"), nm.end("new"))[0])
            if later is old.entity:
                continue
            for f in [f for f in facts if f.s is old.entity and f.p == "jpow:renamedTo" and f.o is not later]:
                facts.remove(f)   # a pattern that took one word of the name ("Temirtau") for the later name
            if Fact(old.entity, "jpow:renamedTo", later) not in facts:
                facts.append(Fact(old.entity, "jpow:renamedTo", later))
        for new in (m for m in ms if m.kind in ("place", "camp", "organization") and m.entity is not None):
            fm = _FORMERLY.match(text, new.end, e)
            if fm is None:
                continue
            old = next((m for m in ms if m.start == fm.start("old") and m.kind == new.kind and m.entity is not None),
                       None)
            where = old.entity if old is not None else self.entity_for(
                mention_at(new.kind, new.entity.cls, (fm.start("old"), fm.end("old")), text, fm.group("old")),
                self._block.span(fm.start("old"), fm.end("old"))[0])
            if where is not new.entity:
                facts.append(Fact(where, "jpow:renamedTo", new.entity))
                if Fact(new.entity, "jpow:renamedTo", where) in facts:   # "called" read the other way round
                    facts.remove(Fact(new.entity, "jpow:renamedTo", where))


_FORMERLY = re.compile(r"\s*(?:\([^()]*\)\s*)?[,(]\s*(?:(?:formerly|previously|earlier|originally)\s+(?:known\s+as\s+|called\s+"
                       r"|named\s+)?|known\s+(?:until|till|before)\s+(?:1[89]|20)\d\d\s+as\s+"
                       r"|then\s+(?:still\s+)?(?:known\s+as|called|named)\s+)"
                       r"(?P<old>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})\s*(?:\([^()]*\)\s*)?(?:[,);]|\.(?!\w))")
_NOW = re.compile(r"\s*\(\s*(?:now|today)\s+(?:called\s+|named\s+)?(?P<new>[A-Z][\w’'-]*(?:[ -][A-Z][\w’'-]*){0,4})\s*\)")

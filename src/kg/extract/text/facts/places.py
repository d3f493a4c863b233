"""Places within places, as prose and lists write them: "Kobelyaki, Poltava Governorate", "Karaganda Oblast of
the Kazakh SSR", "the memorial cemetery in Spassk", and a list item "Section No. 5 — Mointy station"."""

from __future__ import annotations

import re

from kg.extract.text.mentions import Mention
from kg.extract.text.model import Fact

# how large a place of each class is: a place lies only in one at least as large
_RANK = {"Site": 0, "Settlement": 1, "Place": 1, "GeographicArea": 2, "Region": 2, "Country": 3}


class PlaceFacts:
    """Read by `DocumentReader` over the mentions of one sentence."""

    def _places(self, text: str, s: int, e: int, ms: list[Mention], facts: list[Fact]) -> None:
        places = sorted((m for m in ms if m.kind == "place" and not m.in_title and m.entity is not None),
                        key=lambda m: m.start)
        for a, b in zip(places, places[1:]):
            larger = _RANK.get(b.entity.cls, 1) > _RANK.get(a.entity.cls, 1)
            if a.entity is b.entity or not (larger or a.entity.cls == "Site"):
                continue   # "Australia, New Zealand", "Altai Krai, Krasnoyarsk Krai": a list, not a place in another
            gap = text[a.end:b.start]
            if re.fullmatch(r"\s*(?:\([^()]*\))?\s*,\s*(?:the\s+)?", gap) and larger or \
                    re.fullmatch(r"\s+(?:of|in)\s+(?:the\s+)?", gap):
                facts.append(Fact(a.entity, "jpow:locatedIn", b.entity))
        for c in (m for m in ms if m.kind == "camp" and not m.in_title and m.entity is not None):
            # "Section No. 5 — Mointy station, …", "Section No. 6 — a hospital section at Balkhash"
            dash = re.match(r"\s*[—–]\s*(?:(?:the|a|an)\s+)?(?:[^,;.—]{0,40}?\b(?:at|in|near)\s+(?:the\s+)?)?",
                            text[c.end:e])
            where = dash and next((p for p in places if p.start == c.end + dash.end()), None)
            if where is not None:
                facts.append(Fact(c.entity, "jpow:location", where.entity))

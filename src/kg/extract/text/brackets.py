"""Names in brackets after a name: "Karlag (Karaganda Corrective Labour Camp, Russian: Карлаг)",
"Kenji Tanaka (田中健二)", "Spassk (Russian: Спасск)"; and names given as another name of it: "the Sarybulak camp,
also known as Camp No. 512", "Ust-Kamenogorsk (also called Oskemen)".

Each part of the bracket that is another name of what precedes it becomes one of its names, tagged with its
language: the one a prefix gives ("Russian:", "Kazakh:", from `lexicon.yaml: languages`), else the one its script
shows (Cyrillic: ru; kanji and kana: ja), else English. A part that a mention of a compatible kind covers is that
mention's text, which is then dropped (it names the same thing, it is not a second entity). Parts that are not
names (dates, figures, places where a camp lies, "now …", "formerly …") are left alone, except a person's
years or days of life ("(1902–1971)", "(12 March 1911 – 4 June 1988)", "(born 8 May 1951 in Sendai)"), kept
as `born`/`died` (ISO, at the precision written) for the person reader.
"""

from __future__ import annotations

import re

from kg.extract.text.lexicon import Lexicon
from kg.extract.text.mentions import Mention
from kg.extract.text.mentions.mention import mention_at
from kg.extract.text.spans import MONTH_RE, YEAR_RE, dates, script_language

_TITLED = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:of|for|and|the|on|in|[A-Z][\w'’-]*))+")
_KINDS = {"person", "camp", "organization", "place", "publication", "legal-act"}
# a bracket's other name may be a mention of a kind the reader could confuse with the outer one
_COMPATIBLE = {"camp": {"camp", "organization"}, "organization": {"organization", "camp"},
               "person": {"person"}, "place": {"place"}, "publication": {"publication"},
               "legal-act": {"legal-act"}}
_DATE = rf"(?:(?:\d{{1,2}}\s+)?{MONTH_RE}\s+)?{YEAR_RE}"   # "1911", "March 1911", "12 March 1911"
# a person's years (or days) of life: "1902–1971", "12 March 1911 – 4 June 1988", "born 8 May 1951 in Sendai"
_LIFE = re.compile(rf"\s*(?:(?:b\.|born)\s*({_DATE})(?:\s+in\s+[^,;]*)?|({_DATE})\s*[–—-]\s*({_DATE}))\s*")
# the same with where: "b. 12 March 1921, Hirosaki, Aomori Prefecture – d. 1994, Sendai", "12 March 1911, Omsk – 4
# June 1988, Karaganda", "d. 1994 in Sendai" (a place after a comma or "in"; a dash between places only with spaces)
_WHERE = r"(?:,\s*|\s+(?:in|at|near)\s+)[^;–—()]*?"
_LIFE_WHERE = re.compile(
    rf"\s*(?:(?:(?:b\.|born)\s*)?(?P<born>{_DATE})(?P<born_in>{_WHERE})?\s*(?:[–—]|\s-\s)\s*(?:(?:d\.|died)\s*)?"
    rf"(?P<died>{_DATE})(?P<died_in>{_WHERE})?|(?:b\.|born)\s*(?P<only_born>{_DATE})(?P<only_born_in>{_WHERE})?|"
    rf"(?:d\.|died)\s*(?P<only_died>{_DATE})(?P<only_died_in>{_WHERE})?)\s*")
_TOWN = re.compile(r"(?:,\s*|\s+(?:in|at|near)\s+)([A-Z][\w'’]+(?:[ -][A-Z][\w'’]+)*)(?=\s*(?:,|$|[–—]|\s-\s))")
_NOT_A_NAME = re.compile(r"^(?:now|formerly|today|later|then|lit\.|literally|also|see|b\.|d\.|born|died|c\.|ca\.)\b|"
                         r"^\W*\d|^(?:in|at|near|from|to|of|the|a|an)\s", re.IGNORECASE)


def _iso(written: str | None) -> str | None:
    """"12 March 1911" as 1911-03-12, "1911" as 1911: at the precision written."""
    return dates(written)[0].value if written else None


def _lives(m: Mention, bracket: str, base: int, text: str, mentions: list[Mention]) -> list[tuple[int, int]]:
    """The parts of a person's bracket that give where and when he was born or died ("b. 12 March 1921, Hirosaki,
    Aomori Prefecture – d. 1994, Sendai"), kept as `born`/`died` (ISO) and `born_in`/`died_in` (the spans a place
    is named in) for the person reader; returns the spans read. A town no other reader knew ("Hirosaki") is a
    place there: it is added to `mentions`."""
    read = []
    for part in re.finditer(r"[^;]+", bracket):   # (from the part's start or after a comma: "Иван Петров, 1911, …")
        life = next((sm for at in [0, *(c.end() for c in re.finditer(",", part.group(0)))]
                    if (sm := _LIFE_WHERE.fullmatch(part.group(0), at))), None)
        if not life or not any(life.group(g) for g in ("born_in", "died_in", "only_born_in", "only_died_in")):
            continue   # (dates alone: the part reader's, which knows years in office from years of life)
        born, died = _iso(life.group("born") or life.group("only_born")), _iso(life.group("died") or life.group("only_died"))
        if born and died and int(died[:4]) - int(born[:4]) < 16:
            continue
        for key, value in (("born", born), ("died", died)):
            if value:
                m.attrs[key] = value
        for key in ("born_in", "died_in"):
            group = key if life.group(key) else "only_" + key
            if life.group(group):
                a, b = base + part.start() + life.start(group), base + part.start() + life.end(group)
                m.attrs[key] = (a, b)
                town = _TOWN.match(text, a, b)
                if town and not any(o.start < town.end(1) and town.start(1) < o.end for o in mentions):
                    mentions.append(mention_at("place", "Settlement", town.span(1), text, town.group(1)))
        read.append((base + part.start() + life.start(), base + part.end()))
    return read


def bracketed_names(text: str, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """`mentions`, each given the other names its bracket holds (as `names` and `attrs['names_lang']`), less
    the mentions inside the bracket that only repeat the name."""
    prefixes = lex["languages"]
    drop: set[int] = set()
    for m in mentions:
        if m.kind not in _KINDS or id(m) in drop:
            continue
        bm = re.match(r"\s*\(([^()]{2,200})\)", text[m.end:])
        if not bm:
            continue
        base = m.end + bm.start(1)
        # "Section 6 of Camp No. 347 (Russian: 6-е лагерное отделение ...)": the names are the section's
        m = next((x for x in mentions if x.cls == "CampSection" and x.end < m.start and
                  re.fullmatch(r"\s+of\s+(?:the\s+)?", text[x.end:m.start])), m) if m.kind == "camp" else m
        imprint = any(w not in prefixes for w in re.findall(r"([A-Z][a-z]+):", bm.group(1))) or (
            m.kind == "publication" and re.search(r"\b(?:1[89]|20)\d\d\b", bm.group(1)))   # "(Tokyo: …, 1998)"
        if imprint and m.kind == "publication":
            continue   # "(Karaganda, 2022, 96 pages, in Kazakh, Russian and Japanese)": where and when, no names
        lives = [] if m.kind != "person" or imprint else _lives(m, bm.group(1), base, text, mentions)
        for part in re.finditer(r"[^,;]+", bm.group(1)):   # (parts: "Russian: Карлаг", "1902–1971", …)
            raw = part.group(0)
            if any(a <= base + part.start() < b for a, b in lives):
                continue   # (read whole by `_lives`: dates and places of life)
            life = _LIFE.fullmatch(raw)
            if m.kind == "person" and life and not imprint:   # "(1902–1971)", "(…; 12 March 1911 – 4 June 1988)"
                born, died = (_iso(g) for g in (life.group(1) or life.group(2), life.group(3)))
                if died and int(died[:4]) - int(born[:4]) < 16:
                    continue   # "the head of the UPVI, Colonel Savchenko (1946-1949)": years in office, not of life
                m.attrs["born"] = born
                if died:
                    m.attrs["died"] = died
                continue
            name = raw.strip()
            start = base + part.start() + (len(raw) - len(raw.lstrip()))
            lang = None
            pm = re.match(r"(" + "|".join(prefixes) + r")\s*:\s*", name)
            if pm:
                lang, name, start = prefixes[pm.group(1)], name[pm.end():].strip(), start + pm.end()
            if not name or _NOT_A_NAME.search(name) and lang is None:
                continue
            lang = lang or script_language(name)
            inside = [n for n in mentions if start <= n.start < start + len(name) and n is not m]
            if lang == "en":
                # an English other name: words in title case for a camp, a body or a work ("Steppe Camp"), or a
                # mention of a compatible kind, either exactly the part (which then only repeats the name)
                whole = [n for n in inside if (n.start, n.end) == (start, start + len(name))]
                titled = m.kind in ("camp", "organization", "publication") and _TITLED.fullmatch(name)
                if not (titled and len(whole) == len(inside) or
                        len(inside) == 1 and whole and whole[0].kind in _COMPATIBLE[m.kind]):
                    continue
                drop.update(id(n) for n in whole)
            else:   # (a name all in Cyrillic or kanji is the same thing, whatever kind the recogniser took it for)
                drop.update(id(n) for n in inside if n.kind in _COMPATIBLE[m.kind] or not re.search(r"[A-Za-z]", name))
            if name not in m.names and name != m.label:
                m.names.append(name)
                m.attrs.setdefault("names_lang", {})[name] = lang
    return _also_known_as(text, [m for m in mentions if id(m) not in drop])


_ALSO = re.compile(r"\s*(?:,\s*|\(\s*)(?:(?:also|more\s+commonly|commonly|better|often|sometimes|officially)\s+)?"
                   r"(?:known\s+as|called|referred\s+to\s+as)\s+(?:the\s+)?")


def _also_known_as(text: str, mentions: list[Mention]) -> list[Mention]:
    """"X, also known as Y": Y (with the names its own bracket gave it) is a name of X, not a second entity."""
    starts = {n.start: n for n in mentions}
    drop: set[int] = set()
    for m in mentions:
        if m.kind not in _KINDS or id(m) in drop:
            continue
        am = _ALSO.match(text, m.end)
        other = starts.get(am.end()) if am else None
        if other is None or other is m or other.kind not in _COMPATIBLE[m.kind]:
            continue
        drop.add(id(other))
        m.alias_keys += [other.key, *other.alias_keys]   # its later mentions ("Camp No. 512") are the same one
        for key, value in other.attrs.items():   # "Camp No. 512": its number
            if key != "names_lang":
                m.attrs.setdefault(key, value)
        for name in [other.text, *other.names]:
            if name not in m.names and name != m.label:
                m.names.append(name)
                m.attrs.setdefault("names_lang", {})[name] = other.attrs.get("names_lang", {}).get(name, "en")
    return [m for m in mentions if id(m) not in drop]

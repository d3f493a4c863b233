"""Figures in prose -> statistics: number, qualifier, unit, and what is counted.

A figure becomes a statistic when it is counted in something ("31074 people", "19 army camps", "eight
ministries", "50.6%", "about half"), hedged ("more than 600 thousand") or written in thousands ("3,904"). Not
figures: years and dates, numbers after No./N/Article/paragraph/page/p./pp./vol., footnote markers, and bare small
numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.text.lexicon import Lexicon, alternation
from kg.extract.text.spans import MONTH_RE, DateMention, dates

QUALIFIER_CLASS = {"exact": "QualifierExact", "approximate": "QualifierApproximate",
                   "lower_bound": "QualifierLowerBound", "upper_bound": "QualifierUpperBound",
                   "range": "QualifierRange", "vague": "QualifierVague"}


@dataclass
class Quantity:
    start: int
    end: int
    text: str               # as written, qualifier included
    qualifier: str          # exact | approximate | lower_bound | upper_bound | range | vague
    value: float | None   # None for a vague figure: no number is invented
    min_value: float | None = None
    max_value: float | None = None
    unit: str = "UnitItem"
    fraction: str | None = None
    population: str | None = None
    unit_end: int = 0       # end of the counted noun phrase, if any
    part_of: int | None = None  # start of the figure this one is a part of; -1: the previous sentence's
    num_end: int = 0        # end of the number itself (and its "thousand"), before any counted noun

    def __post_init__(self) -> None:
        self.num_end = self.num_end or self.end


def _num(text: str) -> float:
    t = text.replace("\u00a0", "").replace(" ", "")
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", t):
        t = t.replace(",", "")
    elif re.fullmatch(r"\d+,\d+", t):
        t = t.replace(",", ".")
    return float(t)


_DISTANCE = r"kilomet(?:re|er)s?|km|miles?|versts?|met(?:re|er)s"
# plural words after a number that count nothing: how long, how often, what it was worth
_NOT_COUNTED = {"years", "months", "weeks", "days", "hours", "minutes", "times", "roubles", "rubles", "yen",
                "tenge", "dollars", "percent", "degrees", "kilometres", "kilometers", "metres", "meters", "miles"}


def quantities(text: str, lex: Lexicon, known_dates: list[DateMention] | None = None) -> list[Quantity]:
    """The figures of a block; `known_dates`, the block's dates if the caller has them, hide their numbers."""
    out: list[Quantity] = []
    qual_words = {w: q for q, ws in lex["qualifiers"].items() for w in ws}
    qual = alternation(list(qual_words))
    words = alternation(list(lex["number_words"]))
    units = lex["units"]
    unit_alt = alternation(list(units))
    digits = r"\d{1,3}(?:[,\u00a0 ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    number = rf"(?:{digits}|(?<![\w-])(?:{words})(?![\w-]))"
    mult = r"(?:\s+(thousand|thous\.|million|mln\.|hundred))?"   # ("15 thous. persons": a translation's abbreviation)
    pat = re.compile(
        rf"(?:(?P<qual>{qual})\s+)?"
        rf"(?:(?:[Ff]rom\s+|[Bb]etween\s+)?(?P<a>{number}){mult.replace('(thousand', '(?P<ma>thousand')}"
        rf"(?:\s*[-–—]\s*|\s+(?:to|and)\s+)(?P<b>{number})|"
        rf"(?P<n>{number}))(?P<mult>\s+(?:thousand|thous\.|million|mln\.|hundred))?"
        rf"(?:(?<=thous\.)\s+(?P<rest>\d{{3}})(?![\d,.]\d))?"   # ("21 thous. 437 Japanese": 21,437, as Russian writes it)
        rf"(?P<pct>\s*(?:%|percent\b|per cent\b))?", re.IGNORECASE)
    in_dates = [(d.start, d.end) for d in (dates(text) if known_dates is None else known_dates)]
    for m in pat.finditer(text):
        s, e = m.span()
        if any(a <= s < b for a, b in in_dates):
            continue   # "On 17 June 1947 prisoners refused": the day and the year of a date
        prev = text[max(0, s - 14):s]
        if re.search(r"(?:\bNo\.?|\bN|№|#|\bArticle|\bparagraph|\bclause|\bpage|\bp\.|\bpp\.|\bvol\.|\bpart|\b[Ff]onds?|"
                     r"\bf\.|\bop\.|\bd\.|"
                     r"\bsection|\bchapter|\bcamps?)\s*$|[-–/]$", prev, re.IGNORECASE):
            continue
        if re.match(r"[-–/]?\d", text[e:e + 2]) or re.match(r"\s*(?:\)|st\b|nd\b|rd\b|th\b)", text[e:e + 3]) \
                and not m.group("pct"):
            if not re.match(r"\s*\)", text[e:e + 2]):
                continue
        raw_n = m.group("n") or m.group("a")
        is_word = raw_n.lower() in lex["number_words"]
        try:
            base = float(lex["number_words"][raw_n.lower()]) if is_word else _num(raw_n)
        except ValueError:
            continue
        multiplier = {"thousand": 1e3, "thous.": 1e3, "million": 1e6, "mln.": 1e6, "hundred": 1e2}.get(
            (m.group("mult") or "").strip().lower(), 1)
        if m.group("rest"):
            base, multiplier = base * 1000 + int(m.group("rest")), 1
        qualifier = qual_words.get((m.group("qual") or "").lower(), "exact")
        after = text[e:e + 80]
        if re.match(r"\s+of\s+(?!them\b|these\b|us\b)", after) and not m.group("pct"):
            continue
        if re.match(rf"\s+{MONTH_RE}\b", after):
            continue   # "examined the mine between 15 and 30 November": days of a month, not a figure
        if re.match(rf"\s*(?:{_DISTANCE})\b", after):
            continue   # "some 45 kilometres south of Karaganda": where a place is, not a figure (`facts.places`)
        um = re.match(rf"(?:-(?:volume)\b)|\s+(?:[\w-]+\s+){{0,2}}?({unit_alt})(?![\w-])|\s+of\s+(them|these|us)\b",
                      after)
        if um and um.group(1) in ("years", "year") and (not m.group("qual") or re.match(
                r"\s+(?:later|earlier|after|before|ago)\b", after[um.end():])):
            continue   # "four years in captivity", "two years later": how long or when; "more than 10 years" is kept
        unit = None
        unit_end = e
        year_like = re.fullmatch(r"1[89]\d\d|20\d\d", raw_n) and not m.group("mult") and not m.group("pct")
        if year_like and um and um.group(1) and not re.match(rf"\s+{re.escape(um.group(1))}", after):
            continue   # "1949 judged twelve Japanese": a year, the count comes later
        if year_like and (re.search(r"\b(?:[Ii]n|of|since|until|by|from|to|after|before)\s+$", prev) or
                          re.match(r"\s+[Cc]amps?\s+(?:No\.?|N|№)", after)):
            continue   # "In 1949 camp No. 40 was disbanded"
        if m.group("pct"):
            if base * multiplier > 100:
                continue   # "exceeding its norm by 140 per cent": a ratio to a norm, not a share of a whole
            unit = "UnitPercent"
        elif um and um.group(0).startswith("-volume"):
            unit, unit_end = "UnitVolume", e + um.end()
        elif um and um.group(1):
            unit, unit_end = units[um.group(1)], e + um.end()
        elif um and um.group(2):
            unit = "UnitPerson"
        year_like = re.fullmatch(r"1[89]\d\d|20\d\d", raw_n) and not m.group("mult") and not m.group("pct")
        if year_like and (unit not in ("UnitPerson", "UnitPage", "UnitCamp") or m.group("b") and re.fullmatch(
                r"1[89]\d\d|20\d\d|\d\d", m.group("b"))):
            continue   # a year, or a span of years ("1946-1949 its prisoners")
        # "3,118 death certificates", "at least eleven houses", "between 1,300 and 1,800": counted in a plural
        # noun the lexicon has no unit for, or a range of its own
        counted = re.match(r"\s+(?:[a-z][a-z-]*\s+){0,2}?([a-z][a-z-]*[^s\W]s)\b", after)
        counted = counted if counted and counted.group(1) not in _NOT_COUNTED else None
        spanned = m.group("b") and re.match(r"(?:[Ff]rom|[Bb]etween)\s", text[s:e]) and not is_word
        if unit is None:
            if m.group("mult") and multiplier >= 1e3:
                unit = "UnitPerson"
            elif counted and (m.group("qual") or not is_word and base >= 10) or spanned and base >= 10:
                unit = "UnitItem"
                if counted:
                    unit_end = e + counted.end()
            elif re.fullmatch(r"\d{1,3}(?:[,\u00a0 ]\d{3})+", raw_n) and not m.group("mult") or \
                    not is_word and base >= 10 and not year_like and re.match(
                        r"\s+(?:were|survived|died|perished|remained|returned|arrived|escaped)\b", after):
                unit = "UnitItem"   # "the directorate's own reckoning is 3,904": a count written in thousands;
                # "of which only 23 survived": a count the verb after it tells
            elif not m.group("qual") or is_word or base < 10:
                continue
            else:
                unit = "UnitItem"
        if is_word and not (um and um.group(1)) and not (counted and m.group("qual")):
            continue
        if re.match(r"(?:\d+\s+)?[A-Z]", text[e:e + 3]) and s == 0:
            continue  # a footnote number at the start of a paragraph
        q = Quantity(s, e, text[s:e], qualifier, base * multiplier, unit=unit, unit_end=unit_end)
        if m.group("b"):
            q.qualifier = "range"
            hi = _num(m.group("b")) if not m.group("b").isalpha() else float(lex["number_words"][m.group("b").lower()])
            lo_mult = {"thousand": 1e3, "thous.": 1e3, "million": 1e6, "mln.": 1e6}.get((m.group("ma") or "").lower(),
                                                                                     multiplier)
            if not m.group("ma") and base * lo_mult > hi * multiplier:
                lo_mult = 1   # "from 800 to 1.2 thousand": the thousand is the upper bound's alone
            q.min_value, q.max_value, q.value = base * lo_mult, hi * multiplier, None
        if unit == "UnitPage" and re.match(r"\s+p\.", after):
            q.text = text[s:e + len(re.match(r"\s+p\.", after).group(0))]
            q.end = e + len(re.match(r"\s+p\.", after).group(0))
        if unit == "UnitVolume" and um and um.group(0).startswith("-volume"):
            q.text, q.end = text[s:e + len("-volume")], e + len("-volume")
        if unit_end > q.end:
            q.text = text[s:unit_end]
        out.append(q)
    # "Of the 15 camps in X, 4 were ...": the second figure counts the same thing, as a part of the first
    for m in re.finditer(r"\b[Oo]f\s+the\s+(\d[\d,]*)\s+([^,.;]+?),\s+(\d[\d,]*)\s+(?:were|was|are|is)\b", text):
        whole = next((q for q in out if q.start == m.start(1)), None)
        if whole and not any(q.start == m.start(3) for q in out):
            out.append(Quantity(m.start(3), m.end(3), m.group(3), "exact", _num(m.group(3)), unit=whole.unit,
                                population=m.group(2), part_of=whole.start))
    for m in re.finditer(r"\b[Oo]f\s+(?:these|them),?\s+(\d)", text):
        q = next((q for q in out if q.start == m.start(1)), None)
        if q:
            q.part_of = -1
    fr = alternation(list(lex["fractions"]))
    for m in re.finditer(rf"(?:(?P<qual>{qual})\s+|\b)(?P<f>{fr})\b(?P<of>\s+of\s+(?:them|these|the|all)\b)?", text,
                         re.IGNORECASE):
        if not m.group("qual") and not m.group("of") or re.search(r"\b(?:first|second|latter|former)\s+$",
                                                                 text[max(0, m.start() - 10):m.start()]):
            continue
        value, fraction = lex["fractions"][m.group("f").lower()]
        qualifier = qual_words[m.group("qual").lower()] if m.group("qual") else "exact"
        if any(q.start <= m.start() < q.end for q in out):
            continue
        end = m.end("f")
        out.append(Quantity(m.start(), end, text[m.start():end], qualifier, value, unit="UnitFraction",
                            fraction=fraction))
    # vague multitudes: "tens of thousands", "hundreds of thousands", "several thousand": words, no number
    for m in re.finditer(r"\b(tens|hundreds|thousands)\s+of\s+(thousands|millions)?(?:\s+of)?\b|"
                         r"\b(several|many)\s+(thousand|hundred)\b", text, re.IGNORECASE):
        if any(q.start <= m.start() < q.end for q in out):
            continue
        end = m.end(2) if m.group(2) else (m.end(1) if m.group(1) else m.end())
        # ("several hundred sketches": no figure of a hundred inside it)
        out = [q for q in out if not m.start() <= q.start < m.end()]
        text_as_written = text[m.start():end].strip()
        nxt = re.findall(r"[\w-]+", re.sub(r"^\s*of\s+(?:the\s+)?", "", text[end:end + 60]))[:2]
        unit = next((units[w] for w in nxt if w in units), None)
        if unit is None:
            # "tens of thousands of Japanese", "tens of thousands died": people; "thousands of letters": items
            unit = "UnitPerson" if nxt and (nxt[0] in lex["demonyms"] or re.fullmatch(
                r"were|was|died|perished|[a-z]+ed", nxt[0])) else "UnitItem"
        out.append(Quantity(m.start(), m.start() + len(text_as_written), text_as_written, "vague", None, unit=unit))
    return sorted(out, key=lambda q: q.start)

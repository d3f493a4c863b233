"""Small text primitives: sentences, quotations, dates, numbers. All offsets are into the clean block text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg import dates as partial_dates

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}
# the letters of the other scripts names come in: Cyrillic, and kana and kanji
CYRILLIC = "\u0400-\u04ff"
JAPANESE = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
OTHER_SCRIPT = re.compile(f"[{CYRILLIC}{JAPANESE}]")


def script_language(name: str) -> str:
    """The language a name's script shows: Cyrillic Russian, kana or kanji Japanese, else English."""
    return "ru" if re.search(f"[{CYRILLIC}]", name) else "ja" if re.search(f"[{JAPANESE}]", name) else "en"


# an encyclopedia's note call after a word or a full stop: "Saran[1]", "prisoners.[note 2]", "[a]"
_CALL = r"\[(?:\d{1,3}|[a-z]|(?:note|nb|n)\s?\d{1,3}|citation needed)\]"
NOTE_CALL = re.compile(r"(?<=\S)" + _CALL)
MONTH_RE = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
YEAR_RE = r"(?:1[89]\d\d|20\d\d)"
YEAR = re.compile(YEAR_RE)   # (a whole token or word that is a year: `YEAR.fullmatch`)

# Abbreviations that do not end a sentence.
_NON_FINAL = {"no", "nos", "n", "p", "pp", "vol", "vols", "ed", "eds", "publ", "st", "dr", "prof", "mr", "mrs",
              "cf", "e.g", "i.e", "approx", "ca", "c", "fig", "ch", "art", "para", "col", "gen", "lt", "col",
              "total", "ibid", "op", "cit", "ann", "univ", "acad", "sci", "vs", "rev", "ms", "sgt", "capt", "maj",
              "jr", "sr", "messrs", "fr", "inv"}


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans. A sentence ends at . ! ? (with closing quotes) before whitespace and a capital, digit
    or quote, except after an initial ("E. L."), a two-letter initial ("Yu.") or an abbreviation ("No.")."""
    spans: list[tuple[int, int]] = []
    start = 0
    # (after its note calls: "near Saran.[2] At its peak")
    for m in re.finditer(r"[.!?]+[\"”»)]*(?:" + _CALL + r")*(?=\s+[\"“«(]?[A-Z0-9])|\n\s*\n", text):
        end = m.end()
        if m.group(0).startswith("."):
            before = re.search(r"(\b[\w.]+)\.+$", text[start:m.start() + 1])
            word = before.group(1) if before else ""
            if re.fullmatch(r"[A-Z][a-z]?", word) or word.lower() in _NON_FINAL:
                continue
            if word in ("b", "d") and re.match(r"\s*\d", text[end:]):
                continue   # "(b. 12 March 1921, Hirosaki – d. 1994)": born, died
        seg = text[start:end]
        if seg.strip():
            lead = len(seg) - len(seg.lstrip())
            spans.append((start + lead, start + len(seg.rstrip())))
        start = end
    seg = text[start:]
    if seg.strip():
        lead = len(seg) - len(seg.lstrip())
        spans.append((start + lead, start + len(seg.rstrip())))
    return spans


# ---- quotations ------------------------------------------------------------------------------------------

_QCHARS = "\"“”«»„"


@dataclass(frozen=True)
class Quoted:
    start: int        # of the opening quote
    end: int          # after the closing quote (or where the title was cut)
    text: str         # the title, trimmed
    tstart: int       # offset of text
    closed: bool


def quotations(text: str) -> list[Quoted]:
    """Quoted strings, tolerant of sloppy quoting: an opening quote is one preceded by a space, bracket or
    start and followed by a letter (or a space and a capital); a quotation ends at the next closing quote, or
    before a bibliographic parenthesis "(City, 1994)" / "(2000)" if that comes first."""
    out: list[Quoted] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in _QCHARS and _is_opener(text, i):
            j = i + 1
            end = None
            while j < n:
                if text[j] in _QCHARS and not _is_opener(text, j):
                    end = j
                    break
                if text[j] in _QCHARS and _is_opener(text, j) and j > i + 1:
                    break
                if text[j] == "(" and re.match(r"\((?:[A-Z][\w-]+(?: [A-Z][\w-]+)?,\s*)?" + YEAR_RE + r"\)",
                                               text[j:j + 40]):
                    end = j
                    break
                j += 1
            raw_end = end if end is not None else j
            body = text[i + 1:raw_end]
            lead = len(body) - len(body.lstrip())
            title = body.strip().rstrip(" ,;:")
            if title and end is not None:
                closed = text[end] in _QCHARS
                out.append(Quoted(i, end + (1 if closed else 0), title, i + 1 + lead, closed))
                i = end + (1 if closed else 0)
                continue
            i = j if j > i + 1 else i + 1
            continue
        i += 1
    return out


def _is_opener(text: str, i: int) -> bool:
    ch = text[i]
    if ch in "“«„":
        return True
    if ch in "”»":
        return False
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if prev.isspace() or prev in "([{:—–-," or i == 0:
        if nxt.isalnum():
            return True
        if nxt == " " and i + 2 < len(text) and text[i + 2].isupper():
            return True
    return False


# ---- dates -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    value: str            # ISO: 1945-08-23 / 1947-04 / 1951 ; ranges "1941/1945"
    as_written: str
    kind: str             # point | until | since | range | vague

    @property
    def precision(self) -> str:
        v = self.value.split("/")[0]
        return {4: "year", 7: "month", 10: "day"}.get(len(v), "vague")


# a date with its month: "October 1945", "12 October 1945"; the first of a span may leave its year to the second
_MONTH_DATE = rf"(?:\d{{1,2}}\s+)?{MONTH_RE},?\s+{YEAR_RE}"
_MONTH_DATE_OPEN = rf"(?:\d{{1,2}}\s+)?{MONTH_RE}(?:,?\s+{YEAR_RE})?"
_DATE_PATTERNS = [
    # "from October 1945 to June 1949", "between May 1946 and July 1947", "15 July – 30 September 2006"
    ("span", rf"\b(?:[Ff]rom\s+({_MONTH_DATE_OPEN})\s+(?:to|until|till)\s+|[Bb]etween\s+({_MONTH_DATE_OPEN})\s+and\s+|"
             rf"(?<![\d,])({_MONTH_DATE_OPEN})\s*[–—]\s*)({_MONTH_DATE})\b"),
    # "12–13 October 2022", "between 22 and 29 August 1949"
    ("days", rf"(?:\b[Bb]etween\s+(?=\d{{1,2}}\s+and\s)|\b[Ff]rom\s+(?=\d{{1,2}}\s+(?:to|until)\s))?"
             rf"\b(\d{{1,2}})\s*(?:[-–—]|to|until|and)\s*(\d{{1,2}})\s+({MONTH_RE}),?\s+({YEAR_RE})\b"),
    ("mdy", rf"\b({MONTH_RE})\s+(\d{{1,2}}),?\s+({YEAR_RE})\b"),
    ("dmy", rf"\b(\d{{1,2}})\s+({MONTH_RE}),?\s+({YEAR_RE})\b"),
    ("num", rf"\b(\d{{1,2}})\.(\d{{1,2}})\.({YEAR_RE})\b"),
    ("my", rf"\b({MONTH_RE}),?\s+({YEAR_RE})\b"),
    ("num_my", rf"(?<![\d.])(0?[1-9]|1[0-2])\.({YEAR_RE})\b"),   # "from 03.1947": a translation's month
    ("range", rf"\b({YEAR_RE})\s*[-–—]\s*({YEAR_RE}|\d\d)\b"),
    ("range", rf"\b(?:[Bb]etween|[Ff]rom)\s+({YEAR_RE})\s+(?:and|to|till|until)\s+({YEAR_RE})\b"),
    ("vague", r"\b(?:the\s+)?(?:turn|end|beginning|middle|start)\s+of\s+the\s+\d{4}s(?:\s+and(?:\s+the)?\s+\d{4}s)?"
              r"|\b(?:the\s+)?(?:late|early|mid-?)\s*\d{4}s(?:\s+and\s+(?:the\s+)?(?:late|early|mid-?)\s*\d{4}s)?"
              r"|\bthe\s+\d{3}0s\b"),
    ("year", rf"(?<![\d.,/-])({YEAR_RE})(?!\d|,\d|\.\d|\s*(?:people|persons|p\.|pages|thousand)\b)"),
]


def _month_date(written: str, year: str) -> str:
    """"12 October 1945" as 1945-10-12, "October" (in `year`) as 1945-10."""
    m = re.fullmatch(rf"(?:(\d{{1,2}})\s+)?({MONTH_RE}),?(?:\s+({YEAR_RE}))?", written.strip())
    iso = f"{m.group(3) or year}-{MONTHS[m.group(2).lower()]:02d}"
    return f"{iso}-{int(m.group(1)):02d}" if m.group(1) else iso


def _span(first: str, last: str) -> str | None:
    """"October 1945" to "June 1949" as 1945-10/1949-06, at the precision each is written; None if the end is
    not after the start or a day does not exist."""
    end = _month_date(last, "")
    start = _month_date(first, end[:4])
    if partial_dates.datatype(start) is None or partial_dates.datatype(end) is None or start >= end:
        return None
    return f"{start}/{end}"


def dates(text: str) -> list[DateMention]:
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pat in _DATE_PATTERNS:
        for m in re.finditer(pat, text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            g = m.groups()
            if kind == "span":
                value = _span(next(x for x in g[:3] if x), g[3])
                if value is None:
                    continue
            elif kind == "mdy":
                value = f"{g[2]}-{MONTHS[g[0].lower()]:02d}-{int(g[1]):02d}"
            elif kind == "dmy":
                value = f"{g[2]}-{MONTHS[g[1].lower()]:02d}-{int(g[0]):02d}"
            elif kind == "num":
                if not (1 <= int(g[1]) <= 12 and 1 <= int(g[0]) <= 31):
                    continue
                value = f"{g[2]}-{int(g[1]):02d}-{int(g[0]):02d}"
            elif kind == "my":
                value = f"{g[1]}-{MONTHS[g[0].lower()]:02d}"
            elif kind == "num_my":
                value = f"{g[1]}-{int(g[0]):02d}"
            elif kind == "days":
                month = MONTHS[g[2].lower()]
                if int(g[1]) <= int(g[0]):
                    continue
                value = f"{g[3]}-{month:02d}-{int(g[0]):02d}/{g[3]}-{month:02d}-{int(g[1]):02d}"
            elif kind == "range":
                end = g[1] if len(g[1]) == 4 else g[0][:2] + g[1]
                if int(end) <= int(g[0]):
                    continue
                value = f"{g[0]}/{end}"
            elif kind == "vague":
                value = m.group(0)
            else:
                value = g[0]
                if re.search(r"\b(?:than|about|over|around|some|nearly|almost|approximately|least|to|up\s+to)\s+$",
                             text[max(0, s - 14):s]) and value < "1900":
                    continue   # "not less than 1800 Japanese": a count, not a year
            if kind in ("mdy", "dmy", "num", "my", "num_my") and partial_dates.datatype(value) is None:
                continue  # '31 February 1946' names no day
            prefix = text[max(0, s - 12):s].lower()
            k = "range" if kind in ("days", "span") else kind if kind in ("range", "vague") else "point"
            # "by the end of the 1950s" stays vague and "from 1 to 26 September 2025" a span: until and since
            # take one date at a precision
            if re.search(r"\b(?:until|till|up to|by|before)\s+$", prefix) and k == "point":
                k = "until"
            elif re.search(r"\b(?:since|starting in|from|after)\s+$", prefix) and k == "point":
                k = "since"
            found.append(DateMention(s, e, value, m.group(0), k))
            taken.append((s, e))
    return sorted(found, key=lambda d: d.start)


def dates_in_year(text: str, year: str, known: list[DateMention]) -> list[DateMention]:
    """Dates written without their year in a chronology under a year's heading ("1956" then "- 19 October: ..."):
    the day or month of that year, at the precision written; what `known` already covers is left alone."""
    found = []
    for m in re.finditer(rf"\b(?:(\d{{1,2}})\s+({MONTH_RE})|({MONTH_RE}))\b(?!,?\s+\d)", text):
        if any(d.start <= m.start() < d.end for d in known):
            continue
        if m.group(1):
            value = f"{year}-{MONTHS[m.group(2).lower()]:02d}-{int(m.group(1)):02d}"
            if partial_dates.datatype(value) is None:
                continue
        else:
            value = f"{year}-{MONTHS[m.group(3).lower()]:02d}"
        found.append(DateMention(m.start(), m.end(), value, m.group(0), "point"))
    return found


# ---- normalisation ---------------------------------------------------------------------------------------

def norm(text: str) -> str:
    """Case-folded, quotes and surrounding punctuation dropped, dashes unified, whitespace collapsed, leading
    article removed: the form in which names are compared."""
    t = text.replace("\u00a0", " ").casefold()
    t = re.sub(r"[‐‑‒–—−]", "-", t)
    t = re.sub(r"[\"“”«»„'’`]", "", t)
    t = re.sub(r"\s+", " ", t).strip(" .,;:()[]*")
    t = re.sub(r"^(?:the|a|an) ", "", t)
    return t


def loose(text: str) -> str:
    """`norm` without any punctuation: for titles written with different punctuation."""
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s-]", " ", norm(text))).strip()

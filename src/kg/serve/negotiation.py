"""Content negotiation (RFC 9110 §12): one parser of weighted lists (`Accept`, `Accept-Language`) and the two
choices built on it: the best of the offered media types, and the best of the available languages.

Parsing is lenient and never raises, so no header gives a 500:

- names, values and parameter names are compared case-insensitively; spaces around `,`, `;` and `=` are ignored;
- a missing `q` is 1; a `q` outside 0..1 is clamped (`q=2` is 1); an element whose `q` is not a number
  (`q=abc`, `q=`) is ignored, as if absent; `q=0` means "not acceptable";
- media-range parameters other than `q` (`;charset=utf-8`, `;profile="…"`, quoted commas included) do not change
  what a range matches; a bare `*` (sent by some Java clients) is `*/*`;
- an `Accept` with no usable element is treated as absent: anything is acceptable.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_ELEMENTS = re.compile(r'(?:[^,"]|"(?:\\.|[^"\\])*")+')  # comma-separated, commas inside quotes kept
_PARAMETERS = re.compile(r'(?:[^;"]|"(?:\\.|[^"\\])*")+')  # the same for `;`
_QVALUE = re.compile(r"\d+(?:\.\d*)?|\.\d+")


@dataclass(frozen=True)
class Weighted:
    """One element of a weighted list: a lower-cased media range or language range, its weight, its place."""

    value: str
    q: float
    index: int


def parse(header: str | None) -> list[Weighted]:
    """The elements of a weighted list, in header order (see the module docstring for the lenient rules)."""
    items: list[Weighted] = []
    for element in _ELEMENTS.findall(header or ""):
        value, *parameters = [p.strip() for p in _PARAMETERS.findall(element)] or [""]
        if not value or "=" in value:
            continue
        q: float | None = 1.0
        for parameter in parameters:
            name, _, raw = parameter.partition("=")
            if name.strip().lower() == "q":
                q = _weight(raw)
                break
        if q is not None:
            items.append(Weighted(value.lower(), q, len(items)))
    return items


def _weight(raw: str) -> float | None:
    raw = raw.strip()
    return min(float(raw), 1.0) if _QVALUE.fullmatch(raw) else None


# --- Media types (Accept) ----------------------------------------------------------------------------------


def media_ranges(accept: str | None) -> list[Weighted]:
    """The media ranges of `Accept`; `*/*` when the header is missing or has no usable range."""
    ranges = [Weighted("*/*", r.q, r.index) if r.value == "*" else r for r in parse(accept)]
    ranges = [r for r in ranges if "/" in r.value]
    return ranges or [Weighted("*/*", 1.0, 0)]


def _specificity(media_range: str, media_type: str) -> int:
    """How closely `media_range` matches `media_type`: 2 exactly, 1 as `type/*`, 0 as `*/*`; -1 not at all."""
    if media_range == media_type:
        return 2
    if media_range == "*/*":
        return 0
    if media_range.endswith("/*") and media_type.startswith(media_range[:-1]):
        return 1
    return -1


def _deciding(ranges: Sequence[Weighted], names: Sequence[str], least: int = 0) -> tuple[Weighted, int] | None:
    """The range that decides the weight of a media type known by `names` (its own and its aliases): the most
    specific one that matches any of them (at least `least` specific), the highest weight among equals."""
    best: tuple[Weighted, int] | None = None
    for r in ranges:
        specificity = max(_specificity(r.value, name.lower()) for name in names)
        if specificity >= least and (best is None or (specificity, r.q) > (best[1], best[0].q)):
            best = (r, specificity)
    return best


def media_quality(ranges: Sequence[Weighted], names: str | Sequence[str], least: int = 0) -> float:
    """The weight the client gives a media type (known by `names`); 0 when no range at least `least`
    specific matches it."""
    deciding = _deciding(ranges, (names,) if isinstance(names, str) else names, least)
    return deciding[0].q if deciding else 0.0


def best_media_type(accept: str | None, offered: Sequence[str | Sequence[str]]) -> int | None:
    """The index of the offered media type the client weighs highest, None when it accepts none. An offered
    type is a name or a tuple of names (its own and its aliases). Among equal weights: the one matched by the
    more specific range, then by the range the client lists first, then the first offered."""
    ranges = media_ranges(accept)
    best: tuple[tuple[float, int, int, int], int] | None = None
    for position, names in enumerate(offered):
        deciding = _deciding(ranges, (names,) if isinstance(names, str) else names)
        if deciding is None or deciding[0].q <= 0:
            continue
        key = (-deciding[0].q, -deciding[1], deciding[0].index, position)
        if best is None or key < best[0]:
            best = (key, position)
    return best[1] if best else None


# --- Languages (Accept-Language) ---------------------------------------------------------------------------


def _covers(language_range: str, tag: str) -> bool:
    """RFC 4647 basic filtering: `en` covers `en` and `en-GB`; `*` covers every language."""
    return language_range == tag or tag.startswith(language_range + "-") or (language_range == "*" and tag != "")


def language_priority(accept_language: str | None, fallbacks: Sequence[str] = ()) -> list[str]:
    """The acceptable language ranges of `Accept-Language`, best first (equal weights in header order). `*`
    (any language) stands for the `fallbacks` at its place; otherwise they follow the ranges. `q=0` keeps a
    range out, and with it the fallbacks it covers (`en;q=0` drops the fallback `en`)."""
    items = parse(accept_language)
    refused = [r.value for r in items if r.q <= 0]
    fallback = [f for f in fallbacks if not any(_covers(r, f) for r in refused)]
    priority: list[str] = []
    for r in sorted((r for r in items if r.q > 0), key=lambda r: (-r.q, r.index)):
        priority += fallback if r.value == "*" else [r.value]
    if "*" not in (r.value for r in items if r.q > 0):
        priority += fallback
    return list(dict.fromkeys(priority))


def best_language(priority: Sequence[str], available: Sequence[str]) -> str | None:
    """The first available tag a priority list finds (None when none): per range, an exact match; else a tag
    it covers (`ja` finds `ja-Latn`); else the same with the range cut by one subtag (RFC 4647 lookup: `en-GB`
    finds `en`). `*` finds the first available tag; `""` finds only the empty tag (no language)."""
    tags = [t.lower() for t in available]
    for wanted in priority:
        if wanted == "*":
            return available[0] if available else None
        while True:
            if wanted in tags:
                return available[tags.index(wanted)]
            for tag, original in zip(tags, available):
                if wanted and tag.startswith(wanted + "-"):
                    return original
            if "-" not in wanted:
                break
            wanted = wanted.rsplit("-", 1)[0]
    return None

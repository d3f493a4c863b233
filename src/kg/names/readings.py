"""Kanji -> kana readings with fugashi (MeCab) and the UniDic-lite dictionary, both bundled: no download.

Limit: a name written in kanji has no single reading (武 is Takeshi, Takeru, Isamu…). The tagger's best path
comes first; the other candidates are its n-best paths in which every token is tagged a personal name
(固有名詞・人名), then the reading of each part tagged alone. Candidates are guesses to match on, not facts;
a reading outside UniDic's lexicon (rare given names) is not found, and a kanji the dictionary does not know
comes back as itself (filtered out: no candidate then)."""

from __future__ import annotations

from functools import cache
from typing import Any

from .kana import has_kanji, hiragana, parts

NBEST = 8


@cache
def tagger() -> Any:
    """The fugashi tagger with unidic-lite, built once on first use (about 0.1 s)."""
    import fugashi  # imported here: the rest of kg.names works without MeCab

    return fugashi.Tagger()


def _split(nodes: Any) -> tuple[list[str], list[str]] | None:
    """(surfaces, kana) of a path's family and given part (given "" when no token is tagged 名), or None when a
    token has no reading."""
    surfaces, kana = ["", ""], ["", ""]
    for node in nodes:
        reading = node.feature.kana
        if not reading or reading == "*":
            return None
        k = 1 if node.feature.pos4 == "名" else 0
        surfaces[k] += node.surface
        kana[k] += hiragana(reading)
    return surfaces, kana


def _names_only(text: str, limit: int = NBEST) -> list[list[Any]]:
    """The best path of `text` and those n-best paths in which every token is tagged a personal name."""
    paths = tagger().nbestToNodeList(text, limit)
    return paths[:1] + [p for p in paths[1:] if all(n.feature.pos3 == "人名" for n in p)]


def best_reading(text: str) -> str:
    """The first of `to_kana`, from the tagger's single best path only (what match_key uses: no n-best)."""
    if not has_kanji(text):
        return " ".join(parts(hiragana(text)))
    readings = [_split(tagger()(p)) for p in parts(text)]
    if len(readings) == 1 and readings[0]:
        return " ".join(p for p in readings[0][1] if p)
    return " ".join("".join(r[1]) for r in readings if r)


def to_kana(text: str) -> list[str]:
    """Kana readings of a Japanese name, best first, parts separated by a space ("山本武" -> ["やまもと たけし",
    "やまもと いさむ", …]). Kana input is folded to hiragana (one reading); a name written with a space is
    read part by part; else fugashi splits family and given name by the UniDic tags 姓/名. Candidates: the
    whole name's n-best paths (split as the best one is), then each part's own n-best readings."""
    if not has_kanji(text):
        return [" ".join(parts(hiragana(text)))]
    written = parts(text)
    if len(written) > 1:
        readings = [to_kana(p) or [p] for p in written]
        best = [r[0] for r in readings]
        return _unique([" ".join(best)] + [" ".join(best[:k] + [alt] + best[k + 1:])
                                           for k, r in enumerate(readings) for alt in r[1:]])
    split = [s for s in map(_split, _names_only(written[0])) if s]
    if not split:
        return []
    surfaces, best = split[0]
    found = [kana for s, kana in split if s == surfaces]
    for k, surface in enumerate(surfaces):
        if surface and surface != written[0]:
            for _, alone in filter(None, map(_split, _names_only(surface))):
                found.append(best[:k] + ["".join(alone)] + best[k + 1:])
    return _unique([" ".join(p for p in kana if p) for kana in found])


def _unique(readings: list[str]) -> list[str]:
    return list(dict.fromkeys(r for r in readings if r and not has_kanji(r)))

"""A person's name as labels in every script, keyed by BCP 47 tag (RFC 5646):

- `ja`: as written in kanji (only when the input has kanji);
- `ja-Hira`: the kana reading, in hiragana;
- `ja-Latn`: modified Hepburn with macrons (the IANA variant `ja-Latn-hepburn` would be more precise, but
  the project's language negotiation already matches `ja` ranges to `ja-Latn`);
- `ru`: Polivanov Cyrillic. Not `ru-Cyrl`: Cyrl is Russian's Suppress-Script, which RFC 5646 says not to add.

A reading derived from Cyrillic or Latin input, or from kanji, is a guess; callers that must tell the
written label from a derived one compare with the input."""

from __future__ import annotations

from .cyrillic import polivanov
from .kana import has_cyrillic, has_kanji
from .keys import kana_of
from .romaji import hepburn


def labels(name: str) -> dict[str, str]:
    """{tag: label} for a name in any script ("山本武" -> {"ja": "山本武", "ja-Hira": "やまもと たけし",
    "ja-Latn": "Yamamoto Takeshi", "ru": "Ямамото Такэси"}); the input itself is kept under its own tag."""
    kana = kana_of(name)
    found = {"ja": name} if has_kanji(name) else {}
    if kana:
        found |= {"ja-Hira": kana, "ja-Latn": hepburn(kana), "ru": polivanov(kana)}
    if has_cyrillic(name):
        found["ru"] = " ".join(name.split())
    return found

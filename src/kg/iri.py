"""Stable minting of IRIs: they depend only on ids and names in the input, so a rebuild gives the same IRIs."""

from __future__ import annotations

import re
import unicodedata

from pyoxigraph import NamedNode

_SLUG_OK = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def slugify(text: str) -> str:
    """Lowercase ASCII slug: 'Spassky camp No. 99' -> 'spassky-camp-no-99'.

    Text with no Latin letters or digits (e.g. only Cyrillic or kanji) becomes its code points in hex, which is
    still stable and reversible."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if slug:
        return slug
    return "u" + "-".join(f"{ord(c):x}" for c in text if not c.isspace())


def is_slug(text: str) -> bool:
    return bool(_SLUG_OK.match(text))


def entity_iri(base: str, kind: str, slug: str) -> NamedNode:
    return NamedNode(f"{base}id/{kind}/{slug}")


def graph_iri(base: str, source_id: str, local: str | None = None) -> NamedNode:
    return NamedNode(f"{base}graph/{source_id}" + (f"/{local}" if local else ""))


def activity_iri(base: str, source_id: str) -> NamedNode:
    return NamedNode(f"{base}graph/{source_id}#extraction")


def agent_iri(base: str, extractor_name: str) -> NamedNode:
    return NamedNode(f"{base}agent/{extractor_name}")

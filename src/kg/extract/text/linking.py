"""Linking and coreference: each mention becomes an entity of the document, an earlier one, a curated one,
or a new one with a stable IRI.

The linker keeps, per document, only the entities seen so far (not the text), so a document of any length
is read paragraph by paragraph. Coreference therefore looks backwards: a mention joins an entity mentioned
earlier in the document (or a curated entity from the gazetteer), never one mentioned later.

Coreference rules (all within one document):
- persons: same surname and compatible initials ("E. Katasonova" ~ "E. L. Katasonova"; "N. O. Dulatbekov"
  ~ "Nurlan Dulatbekov Orynbasaruly": the other name parts' initials equal the initials);
- camps: same number ("camp N 99" ~ "Spassky camp No. 99"), or same name;
- organisations: same set of name words ("Karaganda University "Bolashak"" ~ "Karaganda Bolashak University");
- publications: same title ignoring punctuation, or one of the parts of a multi-language title;
- legal acts: same number or title; "the decree"/"the resolution" -> the last act mentioned;
- places: the canonical label of the lexicon.
Linking: a mention whose label or surface form names exactly one curated entity of a compatible kind is
linked to it; a name shared by several curated entities is ambiguous and the mention is not linked.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from kg.extract.text.gazetteer import Gazetteer
from kg.extract.text.mentions import Mention
from kg.extract.text.mentions.mention import PATRONYMIC, title_key
from kg.extract.text.model import DOC_SCOPED, Entity
from kg.extract.text.spans import loose, norm
from kg.iri import slugify
from kg.names.romaji import is_hepburn
from kg.sources.text import Block


class EntityLinker:
    """The document's entities so far, and the rule that turns a mention into one of them."""

    def __init__(self, doc_id: str, base: str, gazetteer: Gazetteer | None = None, record: bool = False) -> None:
        """`record`: keep every entity (statistics too) with the offsets of all its mentions, for scoring;
        without it the linker keeps only named entities, so memory does not grow with the text."""
        self.record = record
        self.doc_id = doc_id
        self.base = base
        self.gaz = gazetteer or Gazetteer()
        self.by_key: dict[str, Entity] = {}
        self.entities: list[Entity] = []
        self.iris: dict[str, Entity] = {}
        self.persons: list[Entity] = []
        self.last: dict[str, Entity] = {}          # last entity by kind / class
        self._block: Block | None = None

    def _mint(self, m: Mention, start: int) -> str:
        kind, label = m.kind, m.label
        slug = slugify(label)[:80].strip("-")
        if kind == "camp" and "number" in m.attrs and "parent_key" not in m.attrs:
            slug = f"camp-no-{slugify(m.attrs['number'])}"   # the same camp whatever name it is first given
        # an inventory or a file is named by a number only; a fonds number is an archive's, not the world's
        scoped = kind in DOC_SCOPED or (kind == "event" and m.cls != "War") or m.attrs.get("anonymous") or \
            m.attrs.get("described") or m.cls == "ArchivalUnit" or m.attrs.get("parent_key") == "camp:?last"
        # ("an article on the strike": this text's; "lagpunkt N 6": of the last camp of this text, numbered in it)
        if scoped or not slug:
            slug = f"{slugify(self.doc_id)}-{slug}"[:100].strip("-")
        iri = f"{self.base}id/{kind}/{slug}"
        if kind == "statistic" or m.attrs.get("anonymous"):
            return f"{iri}-c{start}"   # one per mention: unique by its offset, never looked up
        if iri in self.iris:
            iri = f"{iri}-c{start}"
        return iri

    def entity_named(self, kind: str, cls: str, start: int, end: int, label: str, block) -> Entity:
        """The entity that `label`, at block offsets [start, end), names: under the key every reader gives such a
        mention (a title's words for a publication, the normalised label otherwise), so the same work named in a
        citation, a works list and the text is one entity."""
        key = "publication:" + title_key(label) if kind == "publication" else f"{kind}:{norm(label)}"
        return self.entity_for(Mention(kind, cls, start, end, label, label, key), block.span(start, end)[0])

    def entity_for(self, m: Mention, start: int) -> Entity:
        """Resolve a mention: coreference with earlier entities, then the gazetteer, else a new entity."""
        e = self._coref(m)
        if e is None:
            iri, _ambiguous = self.gaz.lookup([m.label, m.text, *m.names], m.kind)
            if iri and iri in self.iris:
                e = self.iris[iri]
            elif iri:
                e = Entity(iri, m.kind, m.cls, m.label, linked=True)
            else:
                e = Entity(self._mint(m, start), m.kind, m.cls, m.label)
            transient = m.kind == "statistic" or m.attrs.get("anonymous")
            if self.record or not transient:
                self.iris[e.iri] = e
                self.entities.append(e)
        if m.kind != "statistic" and not m.attrs.get("anonymous"):
            for key in [m.key, *m.alias_keys]:
                self.by_key.setdefault(key, e)
        e.names.update(n for n in [m.label, m.text.strip(), *m.names] if n)
        for k, v in m.attrs.items():
            if k not in ("issuer",):
                e.attrs.setdefault(k, v)
        if m.kind == "person":
            if e not in self.persons:
                self.persons.append(e)
            if "gender" not in e.attrs and not m.attrs.get("anaphor"):
                gender = name_gender(m.label, self.lex["name_gender"])
                if gender:
                    e.attrs["gender"] = gender
            if len(m.label) > len(e.attrs.get("longest", "")):
                e.attrs["longest"] = m.label
        if m.kind == "camp" and m.cls != "Camp" and e.cls == "Camp" and e.attrs.get("section_of") != "unknown":
            e.cls = m.cls
        m.entity = e
        self.last[m.kind] = e
        self.last[m.cls] = e
        return e

    def _coref(self, m: Mention) -> Entity | None:
        if m.kind == "person":
            return self._person_coref(m)
        if m.kind == "statistic" or m.attrs.get("anonymous"):
            return None
        if m.key in self.by_key:
            return self.by_key[m.key]
        if m.kind == "publication":
            keys = {loose(n) for n in [m.label, *m.names]}
            for e in self.entities:
                if e.kind == "publication" and keys & {loose(n) for n in e.names}:
                    return e
        if m.kind == "camp" and "name" in m.attrs:
            named = self.by_key.get(f"camp:{m.attrs['name'].lower()}")
            if named is None and "number" not in m.attrs:   # "the Spassky camp" after "Spassky camp No. 99"
                same = {x.iri: x for x in self.entities if x.kind == "camp" and
                        x.attrs.get("name") == m.attrs["name"] and "number" in x.attrs}
                named = next(iter(same.values())) if len(same) == 1 else None
            return named
        # "the copper combine" after "Dzhezkazgan copper combine" (a label in lower case; "276th Regiment" is none)
        if m.kind == "organization" and m.label[0].islower() and " for " not in m.label and " of " not in m.label:
            head = m.label.split()[-1]
            for e in reversed(self.entities):
                if e.kind == "organization" and e.label[0].islower() and head in e.label.split():
                    return e
        return None

    def surname_mentions(self, text: str, mentions: list[Mention], not_names: frozenset[str]) -> list[Mention]:
        """A word of a person named earlier in the document, alone ("Zharkov" after "Mikhail Fyodorovich
        Zharkov", "Kuroda" after "Kuroda Tetsuo"), where no other mention covers it: a mention of that person,
        when the word names only one person met so far (two "Mori"s: neither)."""
        owners: dict[str, set[str]] = {}
        named = [(e.iri, e.label) for e in self.persons] + [
            (m.key, m.label) for m in mentions if m.kind == "person" and len(m.label.split()) > 1]
        for who, label in named:
            for word in label.split():
                if len(word) > 2 and word[0].isupper() and word[1:].islower() and word not in not_names and \
                        word.lower() not in self.lex.rank_words and word not in self.lex["honorifics"] and \
                        not PATRONYMIC.search(word):
                    owners.setdefault(word, set()).add(who)
        words = {w for w, who in owners.items() if len(who) == 1}
        if not words:
            return []
        out = []
        for m in _WORD.finditer(text):
            if m.group(1) not in words:
                continue
            # a place only the recogniser saw ("Kuroda surrendered") is the person's word here
            over = [x for x in mentions if x.start <= m.start() < x.end]
            # and a work named by whose it is ("Nagai's memoir") has its owner's name in it
            if all(x.kind == "place" and x.cls == "Place" and (x.start, x.end) == m.span() or
                   x.kind == "publication" and x.attrs.get("described") and x.start == m.start() and
                   re.match(r"['’]s\b", text[m.end():]) for x in over):
                for x in over:
                    if x.kind == "place":
                        mentions.remove(x)
                out.append(Mention("person", "Person", m.start(), m.end(), m.group(1), m.group(1),
                                   f"person:{m.group(1).lower()}", {"surname": m.group(1)}))
        return out

    def _person_coref(self, m: Mention) -> Entity | None:
        a = m.attrs
        surname = a.get("surname")
        # the same name, whichever word each reader took for the surname, in either order ("Kenji Morisaki",
        # "Morisaki Kenji": Japanese and Russian documents put the family name first; a citation's "Takeda, Shigeo")
        same = "." not in m.label and next((e for e in self.persons if sorted(m.label.split()) == sorted(
            e.label.split())), None)   # ("A. B. Sato" is not "B. A. Sato")
        if same:
            return same
        if not surname:
            return self.by_key.get(m.key)
        mine = _initials(m.attrs)
        found = []
        for e in self.persons:
            ea = e.attrs
            if a.get("gender") and e.attrs.get("gender") and a["gender"] != e.attrs["gender"]:
                continue   # "Mr Morisaki" is not Yoshiko Morisaki
            if surname not in (ea.get("surname"), *ea.get("rest", [])) and surname not in e.label.split():
                continue
            theirs = _initials(e.attrs)
            if _given_differs(a.get("given"), ea.get("given")):
                continue   # "Hayashi Tomiko" is not "Hayashi Tetsuo", though their initials agree
            if not mine or not theirs or _compatible(mine, theirs):
                found.append(e)
        # two different earlier persons fit ("V. Ivanov", "A. Ivanov", then "Ivanov"): ambiguous, not joined
        return found[0] if len(found) == 1 else None

    def _span(self, e: Entity, span: tuple[int, int]) -> None:
        if self.record:
            e.spans.append(span)

    def referent(self, kind: str | list[str], noun: str, known: list[Entity] | None = None,
                 last: dict[str, Entity] | None = None) -> Entity | None:
        """What "the museum" refers back to: the last entity of the kind whose name has the noun, else the last
        entity of the kind; among `known` (default: all met so far), `last` the last met of each kind. A noun of
        several kinds ("the hospital": a special hospital is a camp, an evacuation hospital a body) refers only to
        what has the noun in its name."""
        known = self.entities if known is None else known
        kinds = [kind] if isinstance(kind, str) else kind
        named = next((x for x in reversed(known) if x.kind in kinds and (noun in x.label.lower() or not isinstance(
            kind, str) and any(noun in n.lower() for n in x.names))), None)   # "the exhibition": "X exhibition"
        if named is None and noun in self.lex["anaphor_nouns_named"]:
            return None   # "the museum" is a museum met before, not the last body whatever it was
        return named or ((self.last if last is None else last).get(kind) if isinstance(kind, str) else None)

    def _resolved(self, m: Mention) -> Entity:
        """The entity of a mention of this block that lies in a later sentence (resolved now)."""
        if m.entity is None:
            self.entity_for(m, self._block.span(m.start, m.end)[0])
        return m.entity


_WORD = re.compile(r"(?<![\w.-])([A-ZÀ-ÖØ-ÞĀŌŪĒĪ]\w*(?:['’](?!s\b)\w+)*)(?![\w-])")   # a capitalised word, as `surname_mentions` looks for


def name_gender(name: str, rules: dict) -> str | None:
    """"f" or "m" when a name says it (`lexicon.yaml: name_gender`): a Russian or Kazakh surname or patronymic
    in -ova, -skaya, -ovna (or -ov, -sky, -ovich), a woman's given name of the list, a Japanese given name in -ko;
    else None."""
    words = name.replace(".", " ").split()
    if any(_endings(tuple(rules["female_surname_endings"])).search(w) for w in words[1:] or words):
        return "f"
    if any(_endings(tuple(rules["male_surname_endings"])).search(w) for w in words[1:] or words):
        return "m"
    first, last = words[0], words[-1]
    if first in rules["female_given_names"] or last in rules["female_given_names"]:
        return "f"
    if any(w.endswith("ko") and w not in rules["male_given_names"] and is_hepburn(w) for w in {first, last}):
        return "f"   # a Japanese given name in -ko, in either order: "Yamada Keiko", "Naoko Fujimura"
    return None


@cache
def _endings(endings: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?:{'|'.join(endings)})$")


def _initials(a: dict) -> list[str]:
    """The initials of a person's name parts (of a mention's or an entity's attributes)."""
    if "initials" in a:
        return [i[0] for i in a["initials"]]
    if "given" in a:
        return [a["given"][0]] + [r[0] for r in a.get("rest", [])]
    return []


def _given_differs(a: str | None, b: str | None) -> bool:
    """Two given names written out in full (not initials) that are not one name: more than one letter apart once
    macrons, case and "x"/"ks" are set aside (Tetsuo/Tomiko; not Sergei/Sergey, Aleksandr/Alexander, Shōichi/
    Shouichi)."""
    def plain(x: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", x) if not unicodedata.combining(c)).lower() \
            .replace("x", "ks")
    if not (a and b and len(a) > 2 and len(b) > 2 and not a.endswith(".") and not b.endswith(".")):
        return False
    x, y = plain(a), plain(b)
    return x != y and (len(x) != len(y) or sum(p != q for p, q in zip(x, y)) > 1) and \
        not (abs(len(x) - len(y)) == 1 and any(x[:i] + x[i + 1:] == y or y[:i] + y[i + 1:] == x
                                               for i in range(max(len(x), len(y)))))


def _compatible(a: list[str], b: list[str]) -> bool:
    """Initials agree as far as both go ("E" ~ "E L"; "N O" ~ "N O")."""
    return all(x == y for x, y in zip(a, b))

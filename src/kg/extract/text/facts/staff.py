"""The staff of a camp or a body named by their post alone, as memoirs and camp histories name them: "The
section chief was Captain Nikolai Zotov", "The camp physician, Dr. Raisa Abdrakhmanova, ...", "Lieutenant Morozov,
the section chief, ...", "Its first commandant was Major Barsukov", "our commander is still Lieutenant Hayashi".

The post says what the person is to the unit (`lexicon.yaml: staff_posts`): a head (`jpow:headOf`) or one of its
staff (`jpow:affiliation`); the post as written is the person's `jpow:position`. The unit is the one the post's
modifier names ("section chief": the last camp section met; `anaphor_nouns` gives the kind), else the unit the
sentences are about ("its", "the"): the last sentence subject that is a camp or a body, else the last camp met.
A post followed by "of" names its unit ("the head of the archive, ..."): that is another reader's.

A list of heads, one a line under a heading ("Heads", "Camp commandants") or a line that announces it ("The heads of
the hospital were:"): "- Colonel Ivan Rudakov, 1945–1947". Each person a line opens with heads the unit the
announcing line names, else the one the article is about."""

from __future__ import annotations

import re
from functools import cached_property

from kg.extract.text.lexicon import alternation
from kg.extract.text.mentions import Mention
from kg.extract.text.model import Entity, Fact, Lit

_OWNER = r"(?:[Tt]he|[Ii]ts|[Tt]heir|[Oo]ur)"
_PART_NOUNS = ("section", "branch")
_WHEN = r"(?:(?:first|new|next|last|later|then|former|acting|head|chief|senior)\s+)?"   # ("The head physician")
# "a tall Ukrainian, Captain", "Dr.", "Major of Medical Service"
_NAME_HEAD = r"(?:an?\s+[\w\s-]{0,30}?,\s+)?(?:an?\s+)?(?:[A-Z][a-z]+\.?\s+(?:of\s+(?:the\s+)?)?){0,4}"


class StaffFacts:
    """Read by `DocumentReader` over the person mentions of one sentence."""

    @cached_property
    def _post_words(self) -> str:
        units = alternation(list(self.lex["anaphor_nouns"]))
        return rf"{_WHEN}(?:(?P<unit>{units})\s+)?(?P<post>{alternation(list(self.lex['staff_posts']))})"

    @cached_property
    def _post_before(self) -> re.Pattern[str]:
        """"The section chief was Captain", "The camp physician, Dr.": the post said right before the name."""
        return re.compile(rf"(?:^|[,;:]\s+|\b[a-z]+\s+)(?P<owner>{_OWNER})\s+{self._post_words}"
                          rf"(?:\s+(?:from|between|in|since|until)\s+[^,;:.]{{1,40}}?)?"   # "from 1945 to 1949"
                          rf"(?:\s+(?:was|is|became|remained)\s+(?:(?:still|then|now)\s+)?|\s*,\s*|\s+){_NAME_HEAD}$")

    @cached_property
    def _post_after(self) -> re.Pattern[str]:
        """", the section chief": the post in apposition after the name (not "the head of ...")."""
        # (the post ends its noun phrase: "the chief interpreter" is no chief, "the head nurse" no head)
        # (or the post alone with its years, as a list of heads gives it: "Major General Lobanov, head from May 1948")
        heads = [p for p, role in self.lex["staff_posts"].items() if role == "head" and " " not in p]
        return re.compile(rf"\s*(?:\([^()]*\))?\s*,\s+(?:(?P<owner>{_OWNER})\s+{self._post_words}\b"
                          rf"(?=\s*[,.;:)]|\s*$|\s+(?:who|whom|whose|and|in|at|from|since|until)\b)|"
                          rf"(?P<bare>(?P<bare_post>{alternation(heads)})\s+"
                          rf"(?=(?:from|since|until|in)\s+(?:\d|[A-Z][a-z]+\s+(?:1[89]|20)\d\d))))")

    heads_next: Entity | None = None   # the unit a heading of heads announced, for the block under it
    heads_of: Entity | None = None     # ... in that block

    @cached_property
    def _head_posts(self) -> str:
        """"heads", "commandants", "chairmen": the plurals of the posts of heads (`staff_posts`)."""
        heads = [p for p, role in self.lex["staff_posts"].items() if role == "head"]
        return alternation([re.sub(r"man$", "men", p) if p.endswith("man") else p + "s" for p in heads])

    def _head_list(self, text: str, s: int, e: int, ms: list[Mention], facts: list[Fact]) -> None:
        """"Heads" (a heading) or "The heads of the hospital were:", then "- Colonel Ivan Rudakov, 1945–1947" a
        line, or "Heads of the camp: Colonel I. F. Drozdov (10.1945–04.1947); Colonel P. A. Semenikhin (...)" on
        one line: each person an item opens with heads the unit (the one the announcing words name, else the
        topic)."""
        posts = rf"(?i:{self._head_posts})"
        inline = re.match(rf"\s*(?:The\s+)?{posts}(?:\s+of\s+[^:;.]{{1,60}})?\s*:\s*", text[s:e])
        if inline and "\n" not in text[s:e].strip():   # one line, its items apart by semicolons
            owner = self._list_owner(ms, s, s + inline.end())
            for item in re.finditer(r"[^;]+", text[s + inline.end():e]):
                a, b = s + inline.end() + item.start(), s + inline.end() + item.end()
                self._listed_head(text, ms, a, b, r"[^,\d;]{0,60}", owner, facts)
            return
        unit = self.heads_of
        for line in re.finditer(r"[^\n]+", text[s:e]):
            a, b = s + line.start(), s + line.end()
            words = line.group(0).strip()
            if re.fullmatch(rf"(?i:(?:the\s+)?(?:[a-z]+\s+)?){posts}(?i:\s+of\s+(?:the\s+)?[a-z]+)?\s*:?", words) or \
                    words.endswith(":") and re.search(rf"\b{posts}\b", words):
                unit = self._list_owner(ms, a, b)
            elif not self._listed_head(text, ms, a, b, r"[ \t]*[-–•*][ \t]+[^,\d\n]{0,60}", unit, facts):
                unit = None   # the list is over
        self.heads_next = unit   # a heading, an announcing line or a list read on in the next block

    def _list_owner(self, ms: list[Mention], a: int, b: int) -> Entity | None:
        """The unit the words announcing a list of heads name, else the one the article is about."""
        named = [o for o in ms if a <= o.start < b and o.kind in ("camp", "organization") and o.entity is not None]
        return named[-1].entity if named else self.topic or self._unit(None, "its")

    @staticmethod
    def _listed_head(text: str, ms: list[Mention], a: int, b: int, lead: str, unit: Entity | None,
                     facts: list[Fact]) -> bool:
        """An item of a list of heads, text[a:b]: does a named person open it (after `lead`, a list mark or a
        rank)? If so, they head the unit."""
        first = min((o for o in ms if o.entity is not None and a <= o.start < b), key=lambda o: o.start, default=None)
        if unit is None or first is None or first.kind != "person" or first.attrs.get("anaphor") or \
                not re.fullmatch(lead, text[a:first.start]):
            return False
        if Fact(first.entity, "jpow:headOf", unit) not in facts:
            facts.append(Fact(first.entity, "jpow:headOf", unit))
        return True

    def _staff(self, text: str, s: int, e: int, ms: list[Mention], facts: list[Fact]) -> None:
        self._head_list(text, s, e, ms, facts)
        for m in ms:
            if m.kind != "person" or m.entity is None or m.in_title:
                continue
            said = self._post_before.search(text[s:m.start]) or self._post_after.match(text, m.end, e)
            if said is None or said.re is self._post_before and re.match(r"\s+of\b", text[m.end:e]):
                continue
            if said.re is self._post_after and said.group("bare"):   # "..., head from 1945": of the article's body
                unit, post = self.topic or self._unit(None, "its"), said.group("bare_post")
                words = post
            else:
                # "the Karaganda museum, where the curator, Dr. X, ...", "At the State Archive, the archivist X": of
                # the body or camp just named in the sentence, when the post names no unit of its own
                at = s + said.start("owner") if said.re is self._post_before else None
                near = None if said.group("unit") or at is None else next(
                    (x for x in ms if x.kind in ("organization", "camp") and x.entity is not None and x.end <= at and
                     re.fullmatch(r"\s*(?:\([^()]*\))?\s*,\s*(?:where\s+)?", text[x.end:at])), None)
                if near is None and at is not None and not said.group("unit") and \
                        said.group("owner").lower() in ("its", "their"):   # "the session of the Committee was
                    near = max((x for x in ms if x.kind in ("organization", "camp") and x.entity is not None and
                                s <= x.start and x.end <= at and not x.attrs.get("anaphor")),
                               key=lambda x: x.start, default=None)   # chaired by its chairman": that body's
                unit = near.entity if near is not None else self._unit(said.group("unit"), said.group("owner"))
                post, words = said.group("post"), " ".join(x for x in (said.group("unit"), said.group("post")) if x)
            if unit is None:
                continue
            prop = self.post_property(post)
            for f in (Fact(m.entity, prop, unit), Fact(m.entity, "jpow:position", Lit(words))):
                if f not in facts:
                    facts.append(f)

    def post_property(self, post: str) -> str:
        """jpow:headOf for the post of a head, else jpow:affiliation (`lexicon.yaml: staff_posts`); the person
        reader's posts said with their body use it too."""
        role = self.lex["staff_posts"].get(" ".join(post.lower().split()))
        return "jpow:headOf" if role == "head" else "jpow:affiliation"

    def _unit(self, noun: str | None, owner: str) -> Entity | None:
        """The camp or body a post belongs to: the one its modifier names, else the one the text is about."""
        if noun is not None:
            kinds = self.lex["anaphor_nouns"][noun.lower()]
            if not set(kinds if isinstance(kinds, list) else [kinds]) & {"camp", "organization"}:
                return None
            if noun.lower() in _PART_NOUNS:   # "the section chief": of a section met, else of none
                return next((x for x in reversed(self.entities) if x.cls == "CampSection"), None)
            if noun.lower() == "camp":   # "the camp head": of the last camp met, not of one of its sections
                return next((x for x in reversed(self.entities) if x.kind == "camp" and x.cls != "CampSection"),
                            None)
            return self.referent(kinds, noun.lower())
        if self.salient is not None and self.salient.kind in ("camp", "organization"):
            if self.salient.cls == "CampSection" and self.topic is not None and self.topic.kind == "camp" and \
                    self.topic.cls != "CampSection":
                return self.topic   # "Camp No. 412": "... section No. 3 worked ... The first commandant was X"
            return self.salient
        return self.last.get("camp") if owner.lower() in ("the", "our") else None

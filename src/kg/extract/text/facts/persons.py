"""Facts about persons: titles, positions, roles, affiliations, prisoner-of-war status."""

from __future__ import annotations

import re
from functools import cached_property

from kg.extract.text.facts.entries import CAUSE
from kg.extract.text.lexicon import alternation
from kg.extract.text.mentions import CAP, Mention
from kg.extract.text.model import Entity, Fact, Lit, date_lit, term


# "<person> died", "<person>, a corporal, died in the night": the verb a cause of death follows (`entries.CAUSE`)
_DIED = re.compile(r"(?:\s*\([^()]*\))?(?:\s*,[^,.;]{1,60},)?\s+(?:had\s+)?(?:died|perished)"
                   r"(?:\s+(?:in\s+the\s+night|there|here|soon|later))?(?=\s+of\s)")
# the words an occupation may have before it that are not part of it ("the former railway clerk")
_OCC_SKIP = r"former|then|young|later|famous|well-known|retired|prominent|leading|noted|renowned|late|certain"
# the words of a rank or a title before a name: "Major", "Lieutenant-Colonel", "Dr."
_RANKS = r"(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?\.?\s+){0,3}"


class PersonFacts:
    """Read by `DocumentReader` over the mentions of one sentence."""

    @cached_property
    def _ranks(self) -> re.Pattern[str]:
        return re.compile(rf"(?<![\w-])({alternation(self.lex['military_ranks'])})\s+$", re.IGNORECASE)

    @cached_property
    def _rank_after(self) -> re.Pattern[str]:
        # (no article after a comma, as dictionaries write: "TANABE Shigeo (b. 1921 – d. 1994), private first class of
        # the Kwantung Army"; not a ranked name next in a list: "Ivanov, Major Petrov")
        return re.compile(rf"(?:,?\s+(?:was|is|served\s+as|became)\s+(?:then\s+)?(?:a|an)\s+|\s*(?:\([^()]*\)\s*)?,\s*"
                          rf"(?:(?:a|an)\s+)?)(?:former\s+)?({alternation(self.lex['military_ranks'])})\b"
                          rf"(?!(?-i:\s+[A-Z][a-z]))", re.IGNORECASE)

    @cached_property
    def _rank_gap(self) -> re.Pattern[str]:
        """A rank between a post's body and the name: " Lieutenant-General ", ", Major of medical service "."""
        ranks = "|".join(sorted((re.escape(r).replace("\\ ", "[ -]") for r in self.lex["military_ranks"]), key=len,
                                reverse=True))
        return re.compile(rf"\s*,?\s*(?i:{ranks})(?:\s+of\s+(?:the\s+)?[a-z]+(?:\s+[a-z]+)?\s+service)?\s+")

    @cached_property
    def _posts(self) -> str:
        """The posts of `lexicon.yaml: staff_posts`, as one alternation (built once, not per name)."""
        return alternation(list(self.lex["staff_posts"]))

    @cached_property
    def _occupation_before(self) -> re.Pattern[str]:
        """"the former railway clerk ", "A Japanese army doctor, ": an occupation right before the name."""
        return re.compile(rf"\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er)\s+(?:(?:{_OCC_SKIP}|[A-Z][\w-]+)\s+)*"
                          rf"{self._occupation_phrase},?\s+$")

    @cached_property
    def _occupation_after(self) -> re.Pattern[str]:
        """" was a Japanese painter and essayist", ", who had worked as an interpreter": after the name."""
        phrase = self._occupation_phrase
        return re.compile(rf"\s*(?:\([^()]*\)\s*)?(?:,\s*)?(?:(?:was|is|became)\s+an?|(?:who\s+)?(?:had\s+)?"
                          rf"(?:worked|working|served|serving)\s+as\s+an?)\s+(?:(?:{_OCC_SKIP}|[A-Z][\w-]+)\s+)*"
                          rf"{phrase}(?:\s+and\s+{phrase.replace('(?P<occ>', '(?P<occ2>')})?\b")

    @cached_property
    def _occupation_phrase(self) -> str:
        # (with a noun before it, "railway clerk", "army doctor"; not "former" or "young")
        return rf"(?P<occ>(?:(?!(?:{_OCC_SKIP})\b)[a-z]+\s+)?(?:{alternation(self.lex['occupations'])}))(?![\w-])"

    def _occupations(self, text: str, s: int, e: int, m: Mention) -> list[str]:
        """What the text calls the person: the occupation before or after the name (`lexicon.yaml: occupations`)."""
        found = []
        bm = self._occupation_before.search(text[s:m.start])
        if bm:
            found.append(bm.group("occ"))
        am = self._occupation_after.match(text, m.end, e)
        if am:
            found += [o for o in (am.group("occ"), am.group("occ2")) if o]
        return found

    def _position_of(self, p, pos: str, at: int, ms, facts) -> None:
        """What a person's position names: the body they serve (jpow:affiliation), else a place or camp, with the
        words of the position ("Ambassador of Japan to Kazakhstan": stated relations to Japan and Kazakhstan)."""
        for o in ms:
            if o.entity is None or not (at <= o.start and o.end <= at + len(pos)) or o.kind not in (
                    "organization", "camp", "place"):
                continue
            if o.kind == "organization":
                facts.append(Fact(p, "jpow:affiliation", o.entity))
            else:
                words = " ".join(self._block.text[at:o.start].split())
                if words:
                    self.stated(p, words, o.entity, self._block.span(at, o.start), facts)

    def _origins(self, text: str, s: int, e: int, ms: list[Mention], facts: list[Fact]) -> None:
        """Where a person is from, as a description writes it: "a priest from Kyoto, the Rev. Ichiro Fujii", "a
        Korean from Alma-Ata called Kim Yong-su", "my friend Sato from Sakata", "Mizuno Hideaki of Gifu
        Prefecture"."""
        places = [m for m in ms if m.kind == "place" and m.entity is not None and s <= m.start < e]
        for m in (m for m in ms if m.kind == "person" and m.entity is not None and s <= m.start < e):
            where = None
            after = re.match(r"\s+(?:from|of)\s+(?:the\s+)?", text[m.end:e])
            described = re.match(r"\s*(?:\([^()]*\)\s*)?,\s+an?\s+(?:[\w-]+\s+){0,3}?from\s+(?:the\s+)?",
                                 text[m.end:e])   # "Nishiyama Tōru (西山徹), a carpenter from Hakodate"
            if after is None and described:
                after = described
            if after:   # (not a newspaper the recogniser took for a place: "read to us from the Nihon Shimbun")
                where = next((p for p in places if p.start == m.end + after.end() and
                              p.entity.label.split()[-1] not in self.lex["japanese_name_like_heads"] and (
                    after.group(0).strip().startswith("from") or p.entity.cls in ("Region", "Settlement"))), None)
            for p in places if where is None else ():
                if p.end <= m.start and re.search(r"\b(?:[Aa]n?|[Tt]he|[Mm]y|[Hh]is|[Hh]er|[Oo]ur|[Tt]heir)\s+"
                                                  r"(?:[\w-]+\s+){0,2}?[\w-]+\s+from\s+(?:the\s+)?$", text[s:p.start]) and \
                        re.fullmatch(r"\s*(?:,\s*(?:the\s+)?(?:Rev\.\s+|[A-Z][a-z]+\s+){0,3}|\s+(?:called|named)\s+)",
                                     text[p.end:m.start]):
                    where = p
            alone = re.match(r"\s*\(\s*", text[m.end:e])   # "Viktor Lazarev (Moscow)": a speaker's town, bracketed
            where = where or alone and next((p for p in places if p.start == m.end + alone.end() and
                                             re.match(r"\s*\)", text[p.end:e])), None)
            if where is not None and Fact(m.entity, "jpow:placeOfOrigin", where.entity) not in facts:
                facts.append(Fact(m.entity, "jpow:placeOfOrigin", where.entity))
            # "donated by Nurlan Abdrakhmanov, Karaganda.", "a letter from Megumi Okada, Sendai, whose father ...":
            # the giver's or writer's town, as a register or a letter writes it after the name
            home = re.match(r"\s*(?:\([^()]*\)\s*)?,\s+", text[m.end:e]) if re.search(
                rf"\b(?:by|from)\s+(?:(?:{alternation(list(self.lex['honorifics']))})\.?\s+)?$", text[s:m.start]) \
                else None
            town = home and next((p for p in places if p.start == m.end + home.end() and
                                  p.entity.cls in ("Settlement", "Region") and
                                  re.match(r"\s*(?:[.;]|,\s+(?:who|whose|where)\b|$)", text[p.end:e])), None)
            if town and Fact(m.entity, "jpow:residence", town.entity) not in facts:
                facts.append(Fact(m.entity, "jpow:residence", town.entity))

    def _successions(self, text: str, s: int, e: int, ms: list[Mention], facts: list[Fact]) -> None:
        """"Gorshenin, who was replaced in March 1947 by Major Ivan Shchetinin", "Kravets succeeded Sorokin", "His
        successor, Major Anatoly Sizov": the one succeeded the other (jpow:succeeded), and heads what the one
        before him headed in this sentence."""
        people = sorted((m for m in ms if m.kind == "person" and m.entity is not None and s <= m.start < e),
                        key=lambda m: m.start)

        def pronoun(m: Mention) -> bool:
            return m.text.lower() in ("he", "she", "his", "her", "him")

        def predecessor(m: Mention) -> Entity:
            """Whom a pronoun stands for here: a person named before it in this sentence, else the last head
            named, else the last person named (not the article's main person, whom anaphora prefers)."""
            if not pronoun(m) or any(o.entity is m.entity and not pronoun(o) and o.start < m.start for o in people):
                return m.entity
            return self.last_head or self.last_named or m.entity
        for m in people:   # "His successor, Major Anatoly Sizov": the successor of the last head named
            sm = re.search(r"\b(?:[Hh]is|[Hh]er)\s+successor\s*,?\s+" + _RANKS + "$", text[s:m.start])
            owner = sm and next((o for o in people if o.start == s + sm.start() and o.entity is not m.entity), None)
            if owner is not None:
                before = predecessor(owner)
                if before is not m.entity:
                    facts.append(Fact(m.entity, "jpow:succeeded", before))
        for a, b in zip(people, people[1:]):
            gap = text[a.end:b.start]
            if re.fullmatch(r"\s*(?:\([^()]*\))?\s*,?\s*(?:who\s+)?(?:was|were)\s+(?:later\s+|then\s+)?(?:replaced|succeeded|followed)"
                            r"\b[^.;]{0,40}?\bby\s+" + _RANKS, gap):
                # ("He was replaced ... by Y": he is the last head named, whom the pronoun may have missed)
                before = predecessor(a)
                after = b.entity
            elif re.fullmatch(r"\s*(?:\([^()]*\))?\s*,?\s*(?:who\s+)?(?:replaced|succeeded)\s+" + _RANKS, gap):
                before, after = b.entity, a.entity
            else:
                continue
            if before is not after:
                facts.append(Fact(after, "jpow:succeeded", before))
            # what the one before headed, said in this sentence or an earlier one ("Its first head was Colonel
            # Dorofeyev. In 1949 Dorofeyev was succeeded by Major Rybakov")
            units = [f.o for f in facts if f.s is before and f.p == "jpow:headOf"] or self.headed.get(id(before), [])
            for unit in units:
                if Fact(after, "jpow:headOf", unit) not in facts:
                    facts.append(Fact(after, "jpow:headOf", unit))
        for f in facts:
            if f.p == "jpow:headOf" and f.s.kind == "person" and f.o not in self.headed.setdefault(id(f.s), []):
                self.headed[id(f.s)].append(f.o)
        heads = [f.s for f in facts if f.p == "jpow:headOf" and f.s.kind == "person"]
        if heads:
            self.last_head = heads[-1]
        named = [m.entity for m in people if not pronoun(m)]
        if named:
            self.last_named = named[-1]

    @cached_property
    def _served_in(self) -> re.Pattern[str]:
        ranks = alternation([r.lower() for r in self.lex["military_ranks"]] + [
            "soldier", "officer", "staff officer", "medical officer", "interpreter", "veteran", "private"])
        return re.compile(rf"\s*(?:\([^()]*\)\s*)?,\s*(?:(?:a|an)\s+)?(?:former(?:ly)?\s+)?(?:(?:a|an)\s+)?(?:{ranks})"
                          rf"\s+(?:of|in)\s+(?:the\s+|an?\s+)?", re.IGNORECASE)

    def _persons(self, text, s, e, ms, facts):
        add = facts.append
        titles = "|".join(self.lex["academic_titles"])
        positions = alternation(self.lex["positions"])
        roles = self.lex["roles"]
        for i, m in enumerate(ms):
            if m.kind != "person" or m.in_title:
                continue
            p = m.entity
            if "position" in m.attrs:
                add(Fact(p, "jpow:position", Lit(m.attrs["position"])))
            for occupation in self._occupations(text, s, e, m):
                add(Fact(p, "jpow:occupation", Lit(occupation)))
            rank = self._ranks.search(text, s, m.start) or self._rank_after.match(text, m.end, e)
            if rank:  # "Lieutenant Colonel Arkady Belov", "private first class Murakami", "I was a corporal"
                add(Fact(p, "jpow:militaryRank", Lit(rank.group(1))))
            for key, prop in (("born", "jpow:birthYear"), ("died", "jpow:deathDate")):
                if key in m.attrs:   # "Pavel Lukyanenko (1902–1971)": his years of birth and death
                    add(Fact(p, prop, date_lit(m.attrs[key])))
            for key, prop in (("born_in", "jpow:placeOfBirth"), ("died_in", "jpow:placeOfDeath")):
                if key in m.attrs:   # "(b. 1921, Hirosaki, Aomori Prefecture – d. 1994, Sendai)": the first place named
                    a, b = m.attrs[key]
                    where = next((o for o in ms if a <= o.start < b and o.kind in ("place", "camp") and o.entity), None)
                    if where is not None:
                        add(Fact(p, prop, where.entity))
            before = text[s:m.start]
            chain = re.search(rf"((?:(?:the\s+)?[^,;:()]*?(?:{titles}|(?:{positions})\b[^,;:()]*?)\s*,?\s*)+)$", before)
            if chain:
                for item in re.split(r",\s*", chain.group(1).strip().rstrip(",")):
                    item = re.sub(r"^(?:the|a|an)\s+", "", item.strip())
                    if not item:
                        continue
                    tm = re.fullmatch(rf"(?:.*\s)?({titles})", item)
                    if tm:
                        add(Fact(p, "jpow:academicTitle", Lit(tm.group(1))))
                        continue
                    pm = re.search(rf"\b((?:(?:first|former|then|late)\s+)?(?:[A-Z][a-z]+\s+)?(?:{positions})\b.*)$",
                                   item)
                    if pm and len(pm.group(1)) < 120 and not re.search(r"\b(?:by|with|and|was|is|were|became|becomes|remained)\b", pm.group(1)):
                        pos = pm.group(1)
                        add(Fact(p, "jpow:position", Lit(pos)))
                        role = next((r for k, r in roles.items() if re.search(rf"\b{k}\b", pos)), None)
                        if role:
                            add(Fact(p, "jpow:hasRole", term(role)))
                        self._position_of(p, pos, s + chain.start(1) + before[chain.start(1):].find(pos), ms,
                                          facts)
            # "Tanaka died of the fever in the night", "he died of pneumonia": what he died of, as written (not "The
            # widow of Nakamura Jiro died of cancer": someone else died)
            died = _DIED.match(text, m.end, e)
            cause = died and CAUSE.match(text, died.end(), e)
            if cause and not re.search(r"\b(?:of|by|with|for)\s+$|['’]s?\s*$", text[max(s, m.start - 6):m.start]):
                add(Fact(p, "jpow:causeOfDeath", Lit(cause.group("of").strip())))
            # "Hayashi Kenzo, a former sergeant of the 107th Division": the unit he served in
            unit = self._served_in.match(text, m.end, e)
            body = unit and next((o for o in ms if o.kind == "organization" and o.entity is not None and
                                  o.start == unit.end()), None)
            if body is not None:
                add(Fact(p, "jpow:memberOf", body.entity))
            after = text[m.end:e]
            am = re.match(rf",\s*((?:{titles})(?:\s*,\s*(?:{titles}))*)", after)
            if am:
                for t in re.split(r"\s*,\s*", am.group(1)):
                    add(Fact(p, "jpow:academicTitle", Lit(t)))
            lm = re.search(rf"\b({alternation(list(roles))})\s*:?\s*((?:(?:[A-Z][a-z]?\.\s?)+\s*{CAP}\s*(?:,|and)?\s*)+)$",
                           before + m.text)
            if lm and lm.group(1).islower():
                add(Fact(p, "jpow:hasRole", term(roles[lm.group(1)])))
            # "<Person>, Candidate of ... and associate professor of <Organization>", "<Person> is a researcher at ..."
            work = re.compile(rf"\s*(?:\([^()]*\)\s*)?,?\s*(?:(?:who\s+)?(?:is|was)\s+)?[^.;()]*?\b(?:{alternation(self.lex['affiliation_roles'])})"
                              rf"\s+(?:of|at)\s+(?:the\s+)?", re.IGNORECASE)
            for o in ms:
                if o.kind == "organization" and o.start > m.end and o.entity is not None and \
                        not any(x.kind == "person" and m.end <= x.start < o.start for x in ms) and \
                        work.fullmatch(text, m.end, o.start):
                    add(Fact(p, "jpow:affiliation", o.entity))
                    break
            # "Kenji Morita of Hokkaido University": a person of a body
            of = re.match(r"\s+of\s+(?:the\s+)?", text[m.end:e])
            body = of and next((o for o in ms if o.kind == "organization" and o.start == m.end + of.end() and
                                o.entity is not None), None)
            if body:
                add(Fact(p, "jpow:affiliation", body.entity))
            posts = self._posts
            # "The museum's director, Galina Serikova", "the trust's chief engineer, Viktor Osadchy": the head (or
            # one of the staff) of what the possessive names
            hm = re.search(rf"\b(?:[Tt]he\s+)?(\w+)['’]s\s+(?:(?!{posts})\w+\s+)?({posts})"
                           rf"(?:\s+(?:from|in|since|until)\s+\d{{4}})?\s*,?\s*"
                           rf"(?:(?:[A-Z][a-z]+\s+){{1,2}})?$", text[s:m.start])   # "The camp's head from 1946, Colonel"
            if hm:
                owner = next((o for o in ms if o.kind in ("organization", "camp") and o.entity is not None and
                              o.start <= s + hm.start(1) < o.end), None)
                noun = self.lex["anaphor_nouns"].get(hm.group(1).lower())
                owner_entity = owner.entity if owner else (self.referent(noun, hm.group(1).lower()) if noun else None)
                if owner_entity is not None:
                    add(Fact(p, self.post_property(hm.group(2)), owner_entity))
            # "the Kazakh Memory Society (chairman Ueda Noboru)": of the body before the bracket
            bm = re.search(rf"\(\s*({posts})\s+$", text[s:m.start])
            owner = bm and next((o for o in ms if o.kind in ("organization", "camp") and o.entity is not None and
                                 re.fullmatch(r"\s*", text[o.end:s + bm.start()])), None)
            if owner:
                add(Fact(p, self.post_property(bm.group(1)), owner.entity))
            # "the commission, whose chairman, Tomoko Ishida, ...": of the body before "whose"
            wm = re.search(rf",\s+whose\s+({posts})\s*,?\s*(?:(?:[A-Z][a-z]+\.?\s+){{0,2}})$", text[s:m.start])
            owner = wm and next((o for o in reversed(ms) if o.kind in ("organization", "camp") and
                                 o.entity is not None and o.end == s + wm.start()), None)
            if owner:
                add(Fact(p, self.post_property(wm.group(1)), owner.entity))
            # "The head of the camp, Major Oleg Kim, ...", "Karim Abenov, director of the museum, ...": the head of
            # what is named after "head of"
            for o in ms:
                if o.kind not in ("organization", "camp") or o.entity is None:
                    continue
                head_of = rf"\b({posts})\s+of\s+(?:the\s+)?$"
                end = o.end   # "the head of the UPVI UMVD, Colonel X": the body named by two acronyms
                while (nxt := next((x for x in ms if x.kind == "organization" and x.start == end + 1 and
                                    text[end] == " "), None)) is not None:
                    end = nxt.end
                # ("the secretary of the oblispolkom M. I. Grinberg": a translation's name with no comma before it)
                # (or with a rank written "Lieutenant-General", "Major of medical service" before the name)
                said = o.end <= m.start and (re.fullmatch(r"\s*,?\s*(?:[A-Z][a-z]+\.?\s+){0,2}", text[end:m.start]) or
                                             self._rank_gap.fullmatch(text, end, m.start)) \
                    and re.search(head_of, text[s:o.start], re.IGNORECASE) or \
                    o.start >= m.end and re.fullmatch(rf"\s*(?:\([^()]*\))?,\s+(?:the\s+)?(?:then\s+|former\s+|"
                                                      rf"acting\s+)?({posts})\s+of\s+(?:the\s+)?", text[m.end:o.start])
                if said:
                    add(Fact(p, self.post_property(said.group(1)), o.entity))
            om = re.match(r"\s*\(\s*", text[m.end:e])
            org = om and next((o for o in ms if o.kind == "organization" and o.start == m.end + om.end() and
                               re.match(r"\s*\)", text[o.end:e])), None)
            if org:   # "A. S. Kim (Karaganda State University)"
                add(Fact(p, "jpow:affiliation", org.entity))
            pow_after = re.match(r",\s+(?:a\s+)?(?:former\s+)?(?:Japanese\s+)?(prisoner\s+of\s+war|POW|internee)\b",
                                 text[m.end:e])
            pow_before = re.search(r"\b(?:former\s+)(?:Japanese\s+)?(prisoner\s+of\s+war|POW|internee)\s+$", before)
            for pm in (pow_after, pow_before):
                if pm:
                    add(Fact(p, "jpow:hasRole", term("RoleInternee" if pm.group(1) == "internee"
                                                      else "RolePrisonerOfWar")))
        for o in ms:
            if o.kind != "organization":
                continue
            hm = re.match(r"\s+headed\s+by\s+", text[o.end:e])
            if hm:
                head = next((m for m in ms if m.kind == "person" and m.start == o.end + hm.end()), None)
                if head:
                    add(Fact(head.entity, "jpow:affiliation", o.entity))
                    add(Fact(head.entity, "jpow:position", Lit(f"head of the {o.entity.label}")))

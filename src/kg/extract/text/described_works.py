"""Works named by what they are, not by a title: "Gulnara Seitkazina published an article on the strike", "he
defended a candidate's dissertation on the industrialisation of Central Kazakhstan", "a Russian edition of his
essays ... was published in 2016". The object (or passive subject) of a verb of writing or publishing whose noun is
a kind of work (`lexicon.yaml: work_nouns`), with what describes it ("on the strike", "Russian", "of his essays"),
is a publication named by that phrase as written, without its article. A bare noun ("published a book"), a
phrase around a title already read, a person's work ("the memoirs of Watanabe") or a phrase its title follows
("The Russian edition, "Coal and Snow"") names nothing new: the work has its name elsewhere."""

from __future__ import annotations

import re

from kg.extract.text.lexicon import Lexicon
from kg.extract.text.mentions import Mention
from kg.extract.text.spans import YEAR, norm

_VERBS = {"publish", "write", "defend", "prepare", "compile", "complete", "submit", "issue", "release", "produce",
          "translate", "edit"}
_DESCRIBING = {"amod", "compound", "poss"}
_CUT = {"relcl", "acl", "appos", "punct", "cc", "conj", "advcl"}


def described_works(doc, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """`mentions` with the works named by their description: after a verb of writing, or told apart by whose
    they are, by whom or when ("Sokolin's final report", "a report by Arkhipova of December 1948", "a 2007
    article"; `lexicon.yaml: reported_work_nouns`)."""
    nouns: dict[str, str] = lex["work_nouns"]
    reported: dict[str, str] = lex["reported_work_nouns"]
    found = list(mentions)
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ != "NOUN" or lemma not in nouns and lemma not in reported:
            continue
        written = lemma in nouns and tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_ in _VERBS
        if not written and not (lemma in reported and _told_apart(tok)):
            continue
        left = [c for c in tok.children if c.dep_ in _DESCRIBING | {"nummod"} and c.i < tok.i and c.pos_ != "PRON"]
        right = [c for c in tok.children if c.dep_ == "prep" and c.i > tok.i and
                 c.lower_ in (("on", "about", "of") if written else ("on", "about", "of", "by", "for"))]
        after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if written and not right and after is not None and after.dep_ == "prep" and after.head.i == tok.head.i and \
                after.lower_ in ("on", "about"):
            right = [after]   # "published an article on the strike": what it is about, hung on the verb
        if not left and not right or any(c.lower_ in _NOT_YET for c in left):
            continue   # "published a book": no work told apart; "a new study": not written yet
        first = min([tok] + [c.left_edge for c in left], key=lambda t: t.i)
        last = tok if not right else max((c.right_edge for c in right), key=lambda t: t.i)
        cut = next((t for t in doc[tok.i + 1:last.i + 1] if t.dep_ in _CUT or t.text in ",;:()"), None)
        if cut is not None:
            last = doc[cut.i - 1]
        while last.i > tok.i and last.pos_ in ("VERB", "AUX"):   # ("Morita's register of the sick survives")
            last = doc[last.i - 1]
        if first.dep_ == "det" or first.pos_ == "DET":
            first = doc[first.i + 1]
        if last.i - first.i > 14 or last.i < first.i:
            continue
        start, end = first.idx, last.idx + len(last.text)
        lemma_cls = nouns.get(lemma) or reported[lemma]
        if any(m.start < end and start < m.end and (m.kind in ("publication", "legal-act") or m.kind == "person" and
                                                    re.search(r"\bof\s+(?:the\s+)?(?:[\w.-]+\s+){0,3}$",
                                                              doc.text[tok.idx:m.start]))
               for m in found) or re.match(r"\s*,?\s*[\"“«]", doc.text[end:end + 4]) or any(
                m.kind == "publication" and re.fullmatch(r"\s*,\s*", doc.text[end:m.start]) for m in found):
            continue   # "the memoirs of Watanabe", "The Russian edition, "Coal and Snow"", "Nagai's memoir, A
            # Hospital in the Steppe": a work named elsewhere
        phrase = doc.text[start:end]
        found.append(Mention("publication", lemma_cls, start, end, phrase, phrase, f"publication:{norm(phrase)}",
                             {"described": True}))
    return sorted(found, key=lambda m: m.start)


_NOT_YET = {"new", "further", "future", "planned", "forthcoming"}
def _told_apart(tok) -> bool:
    """Whose, by whom or when: "Sokolin's report", "a study by Omarov", "a 2007 article", "a report of January 1951"."""
    for c in tok.children:
        if c.dep_ == "poss" and c.pos_ == "PROPN" or c.i < tok.i and YEAR.fullmatch(c.text):
            return True
        if c.dep_ == "prep" and c.i > tok.i and c.lower_ in ("by", "of", "for"):
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            named = pobj is not None and (pobj.pos_ == "PROPN" or any(g.dep_ == "appos" and g.pos_ == "PROPN"
                                                                      for g in pobj.children))   # "the economist X"
            dated = pobj is not None and (YEAR.fullmatch(pobj.text) or any(YEAR.fullmatch(g.text) for g in pobj.children))
            # ("the annual report of the Karaganda UMVD for 1949": a body's report, dated; "the summary for 1947")
            if pobj is not None and (c.lower_ == "by" and named or c.lower_ == "of" and dated or
                                     c.lower_ == "for" and dated or c.lower_ == "of" and named and
                                     any(YEAR.fullmatch(t.text) for t in tok.subtree)):
                return True
    return False

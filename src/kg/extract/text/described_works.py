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
from kg.extract.text.spans import norm

_VERBS = {"publish", "write", "defend", "prepare", "compile", "complete", "submit", "issue", "release", "produce",
          "translate", "edit"}
_DESCRIBING = {"amod", "compound", "poss"}
_CUT = {"relcl", "acl", "appos", "punct", "cc", "conj", "advcl"}


def described_works(doc, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """`mentions` with the works a verb of writing names by their description."""
    nouns: dict[str, str] = lex["work_nouns"]
    found = list(mentions)
    for tok in doc:
        cls = nouns.get(tok.lemma_.lower())
        if cls is None or tok.pos_ != "NOUN" or tok.dep_ not in ("dobj", "nsubjpass") or \
                tok.head.lemma_ not in _VERBS:
            continue
        left = [c for c in tok.children if c.dep_ in _DESCRIBING and c.i < tok.i and c.pos_ != "PRON"]
        right = [c for c in tok.children if c.dep_ == "prep" and c.i > tok.i and c.lower_ in ("on", "about", "of")]
        after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if not right and after is not None and after.dep_ == "prep" and after.head.i == tok.head.i and \
                after.lower_ in ("on", "about"):
            right = [after]   # "published an article on the strike": what it is about, hung on the verb
        if not left and not right:
            continue   # "published a book": no work told apart
        first = min([tok] + [c.left_edge for c in left], key=lambda t: t.i)
        last = tok if not right else max((c.right_edge for c in right), key=lambda t: t.i)
        cut = next((t for t in doc[tok.i + 1:last.i + 1] if t.dep_ in _CUT or t.text in ",;:()"), None)
        if cut is not None:
            last = doc[cut.i - 1]
        if first.dep_ == "det" or first.pos_ == "DET":
            first = doc[first.i + 1]
        if last.i - first.i > 14 or last.i < tok.i:
            continue
        start, end = first.idx, last.idx + len(last.text)
        if any(m.start < end and start < m.end and m.kind in ("publication", "legal-act", "person") for m in found) \
                or re.match(r"\s*,?\s*[\"“«]", doc.text[end:end + 4]):
            continue   # "the memoirs of Watanabe", "The Russian edition, "Coal and Snow"": a work named elsewhere
        phrase = doc.text[start:end]
        found.append(Mention("publication", cls, start, end, phrase, phrase, f"publication:{norm(phrase)}",
                             {"described": True}))
    return sorted(found, key=lambda m: m.start)

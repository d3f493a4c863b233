"""What fills a role of a relation pattern: from the token a DependencyMatcher match gives to the words that
name the role's filler: the antecedent of a relative pronoun ("prisoners who stayed ..."), the noun a participle
of place describes ("a camp of the NKVD located near Nurtau"), the tokens joined to it by "and", the unnamed
group a plural noun names ("Japanese prisoners of war"), the complement of "of" ("the village of Spassk"), and
the clause a verb heads (its evidence)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from kg.extract.text import lexicon


def verb_lemma(root: Any) -> str:
    """The verb's lemma, with "home" when it says where to ("sent home": `lexicon.yaml: event_of_verb`)."""
    home = any(c.lower_ == "home" and c.dep_ in ("advmod", "npadvmod", "dobj", "prt") for c in root.children)
    return root.lemma_.lower() + (" home" if home else "")


def conjoined_tokens(token: Any, root: Any) -> list[Any]:
    """A role's token and those joined to it by "and"/"or" when the role is an argument of the pattern's verb
    ("Karaganda and Spassk were ...", "commanded by Rudenko, and afterwards by Belov": the object of a
    preposition conjoined to the verb's). Not when the role is the pattern's head itself: in "camp No. 99 at
    Spassk, camp No. 37 at Balkhash" each camp has its own place."""
    if token.i == root.i:
        return [token]
    doc = token.doc
    found = [token, *(c for c in token.conjuncts   # not across a semicolon: "A, at X, was the largest; B served"
                      if not any(t.text == ";" for t in doc[min(c.i, token.i):max(c.i, token.i)]))]
    prep = token.head
    if token.dep_ == "pobj" and prep.head.i == root.i:
        joined = set(prep.conjuncts)
        if any(c.dep_ == "cc" for c in root.children):  # "by A, and later by B": the same preposition again
            joined |= {c for c in root.children if c.i != prep.i and c.lower_ == prep.lower_ and c.pos_ == "ADP"}
        found += [c for other in joined if other.pos_ == "ADP" for c in other.children if c.dep_ == "pobj"]
    return found


def token_span(token: Any) -> tuple[int, int]:
    return token.idx, token.idx + len(token)


def clause_core(root: Any) -> tuple[int, int]:
    """"Section No. 5 at Mointy was closed in May 1948" out of "…, when the railway was handed over …": the
    verb with its own arguments, not the clauses, conjuncts and punctuation joined to it or to them, nor what
    stands before its subject ("In June 2015 a delegation visited the site": the visit is what follows)."""
    subject = min((c.i for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), default=root.i)
    tokens, todo = [], [root]
    while todo:
        token = todo.pop()
        tokens.append(token)
        todo += [c for c in token.children if c.dep_ not in _JOINED and (token is not root or c.i >= subject)]
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last)


_JOINED = {"advcl", "relcl", "conj", "cc", "punct", "ccomp", "parataxis", "mark", "appos", "acl"}


def qualified_noun(token: Any, verb: Any) -> Any:
    """"X was a camp of the NKVD located near Nurtau": a participle of place after "<noun> of <body>" is said of
    the noun (the camp), which the parser may have hung on the body; the noun of a copula is its subject."""
    if not (verb.dep_ == "acl" and verb.head.i == token.i and verb.lemma_ in ("locate", "situate", "base") and
            token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN"):
        return token
    noun = token.head.head
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        return next((c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")), noun)
    return noun


def antecedent(token: Any) -> Any:
    """"prisoners who stayed ...": the noun a relative pronoun stands for (the head of its relative clause); "X
    was an officer who headed ...": X, whom the noun describes."""
    if token.lower_ in ("who", "which", "that") and token.head.dep_ == "relcl":
        noun = token.head.head
        if noun.dep_ == "attr" and noun.head.lemma_ == "be":
            subject = next((c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None:
                return subject
        # "Mizuno Hideaki of Gifu Prefecture, who died": "who" is a person, not the place his "of" names
        while token.lower_ == "who" and noun.dep_ == "pobj" and noun.head.lower_ in ("of", "from") and \
                noun.pos_ == noun.head.head.pos_ == "PROPN":
            noun = noun.head.head
        return noun
    return token


def group_phrase(token: Any, any_number: bool = False) -> str | None:
    """"Japanese prisoners of war" for the head "prisoners": a plural noun's phrase as written, at most eight
    words, without a leading article, a relative clause or what "and"/"as well as" adds ("the author" is a
    person, not a group); with `any_number`, a singular common noun's too ("a memorial stone"). "They" is the group
    that was the last subject before it ("The internees were moved to Spassk: they worked in the quarries")."""
    if token.lower_ == "they" and token.pos_ == "PRON":
        return antecedent_group(token.doc, token.i)
    if token.tag_ not in ("NNS", "NNPS") and not (token.tag_ == "NN" and (
            any_number or token.lemma_.lower() in _collective_nouns())):   # "the echelon arrived"
        return None
    words = sorted(_phrase(token), key=lambda t: t.i)
    while words and words[0].dep_ in ("det", "predet", "nummod", "quantmod"):
        words = words[1:]
    if any(w.lower_ in ("whose", "how", "which", "what", "whom") for w in words):
        return None   # "whose men", "how many Japanese": a question or a relative, no group named
    if not words or len(words) > 8 or words[-1].i - words[0].i + 1 != len(words):
        return None
    return token.doc[words[0].i:words[-1].i + 1].text   # (a span's text: doc.text would rebuild the whole text)


def antecedent_group(doc: Any, i: int) -> str | None:
    """The group "they" or "of them" at token `i` stands for: the last subject before it, if that is a group."""
    ancestors = set(doc[i].ancestors)   # ("900 of them perished": not the figure "them" is part of)
    earlier = next((t for t in reversed(doc[:i]) if t.dep_ in ("nsubj", "nsubjpass") and t not in ancestors), None)
    return group_phrase(earlier) if earlier is not None and earlier.lower_ != "they" else None


def _phrase(token: Any) -> list[Any]:
    out = [token]
    for child in token.children:
        if child.dep_ not in ("relcl", "appos", "conj", "cc", "punct", "acl", "preconj"):
            out += _phrase(child)
    return out


@lru_cache(maxsize=1)
def _collective_nouns() -> frozenset[str]:
    return frozenset(lexicon.load()["collective_nouns"])


@lru_cache(maxsize=1)
def _relational_nouns() -> frozenset[str]:
    return frozenset(lexicon.load()["relational_nouns"])


def _part_nouns() -> frozenset[str]:
    return frozenset(lexicon.load()["part_nouns"])


def of_complement(token: Any) -> tuple[int, int] | None:
    """"village" in "the village of Spassk" -> the span of "Spassk"; "book" in "a book, Memory of the
    Steppe" -> the span of its apposition."""
    if token.pos_ != "NOUN" and not (token.pos_ == "VERB" and token.dep_ == "pobj"):
        return None   # (a noun the tagger took for a verb in a noun's place: "to the copper works at Balkhash")
    relational = token.lemma_.lower() in _relational_nouns()   # "the author of the article" is a person
    own_name = next((c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    doc = token.doc
    if own_name is None and token.i + 2 < len(doc) and doc[token.i + 1].text == ",":
        # "published a memoir, The Red Steppe, in 1955": a name after the comma the parser hung on the verb
        own_name = next((c for c in token.head.children if c.pos_ == "PROPN" and c.dep_ in ("dep", "appos", "npadvmod")
                         and c.left_edge.i == token.i + 2), None)
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of" and not relational:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:   # "the first issue of the camp newspaper Aurora": the name the noun is given
                named = next((c for c in pobj.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None) \
                    if pobj.pos_ == "NOUN" else None
                if named is None and pobj.pos_ == "NOUN" and own_name is not None:
                    return token_span(own_name)   # "a book of essays, The Colour of Coal Dust": its own name
                return token_span(named if named is not None else pobj)
        if child.dep_ == "appos":
            return token_span(child)
    if own_name is not None:
        return token_span(own_name)
    for child in token.children:   # "in a hospital in Kanazawa": where the noun is, when it names nothing
        if child.dep_ == "prep" and child.lower_ in ("in", "at", "near"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ == "PROPN":
                return token_span(pobj)
    # "Its sections were located at Aktas", "the camp's administration was based at Saran": whose part it is
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    return token_span(owner) if owner is not None and token.lemma_.lower() in _part_nouns() else None

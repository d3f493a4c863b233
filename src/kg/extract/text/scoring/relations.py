"""Relations: gold relations found as node pairs linked by one edge or two through a statement-like middle, and
the precision of the extracted pairs (rules in the package docstring; vendored from
../shared/tools/gold_score.py, unchanged in what it computes)."""

from __future__ import annotations

import re
from typing import Any

import pyoxigraph as ox

from kg.extract.text.scoring.entities import Gold, Matcher, prf
from kg.extract.text.scoring.graph import GOLD_META, HUB, NOT_EDGES, PROV, Graph, contains, local, norm


def lit_match(gold_value: object, lit: ox.Literal) -> bool:
    gv, v = norm(str(gold_value)), norm(lit.value)
    if not gv or not v:
        return False
    if gv == v or contains(gv, v):
        return True
    try:
        if abs(float(str(gold_value).replace(",", "")) - float(lit.value)) < 1e-6:
            return True
    except ValueError:
        pass
    return bool(re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", str(gold_value))) and lit.value.startswith(str(gold_value))


def field_pairs(gold: Gold) -> set[frozenset[str]]:
    """Entity pairs the gold states only in an entity's fields (an event's place, a decree's issuer, ...)."""
    labels = {e["label"] for e in gold["entities"]}
    out: set[frozenset[str]] = set()
    for e in gold["entities"]:
        for f, v in e.items():
            if f in GOLD_META:
                continue
            for x in (v if isinstance(v, list) else [v]):
                if isinstance(x, str) and x in labels and x != e["label"]:
                    out.add(frozenset((e["label"], x)))
    return out


def score_relations(gold: Gold, m: Matcher, g: Graph) -> dict[str, Any]:
    """Relation recall/precision over the DUMPs' edges (rule in the package docstring)."""
    nbr: dict[str, set[str]] = {}
    lits: dict[str, list[ox.Literal]] = {}
    for q in g.scored:
        p = q.predicate.value
        if p in NOT_EDGES or p.startswith(PROV):
            continue
        s = str(q.subject)
        if isinstance(q.object, ox.Literal):
            lits.setdefault(s, []).append(q.object)
        elif isinstance(q.object, (ox.NamedNode, ox.BlankNode)):
            o = str(q.object)
            if {o, q.object.value, s, q.subject.value} & g.onto_terms:
                continue  # vocabulary terms (units, qualifiers, classes) are not facts' middles
            if o != s:
                nbr.setdefault(s, set()).add(o)
                nbr.setdefault(o, set()).add(s)
    keys_of = m.keys_of

    typed = set(m.entity_types)

    def middles(k: str, untyped: bool = False) -> set[str]:
        """Statement-like neighbours of k: no gold type, or (for recall) an event; never a hub."""
        allowed = set() if untyped else {"Event"}
        return {x for x in nbr.get(k, ()) if len(nbr.get(x, ())) <= HUB and m.entity_types.get(x, set()) <= allowed}

    def reach(k: str, untyped: bool = False) -> set[str]:  # nodes within two edges, through allowed middles only
        out = set(nbr.get(k, ()))
        for x in middles(k, untyped):
            out |= nbr.get(x, set())
        out.discard(k)
        return out

    def lit_reach(k: str) -> list[ox.Literal]:
        out = list(lits.get(k, ()))
        for x in middles(k):
            out += lits.get(x, [])
        return out

    found = total = 0
    missing = []
    for r in gold["relations"]:
        if r.get("optional"):
            continue
        sk = keys_of.get(r["subject"], set()) if r["subject_kind"] == "entity" else None
        ok_ = keys_of.get(r["object"], set()) if r["object_kind"] == "entity" else None
        if sk is None and ok_ is None:
            continue  # literal-literal relations: nothing to anchor them to
        total += 1
        if sk is not None and ok_ is not None:
            hit = any(o in reach(s) for s in sk for o in ok_)
        else:
            ks, lit = (sk, r["object"]) if ok_ is None else (ok_, r["subject"])
            assert ks is not None
            hit = any(lit_match(lit, x) for k in ks for x in lit_reach(k))
        found += hit
        if not hit:
            missing.append(f"{r['subject']} —{r['relation']}→ {r['object']}")
    gold_of: dict[str, set[str]] = {}
    for lab, ks in keys_of.items():
        for k in ks:
            gold_of.setdefault(k, set()).add(lab)
    pairs = {frozenset((r["subject"], r["object"])) for r in gold["relations"]
             if r["subject_kind"] == "entity" and r["object_kind"] == "entity"}
    pairs |= field_pairs(gold)
    links = {frozenset((k, o)) for k in typed for o in reach(k, untyped=True) if o in typed and o != k}
    correct, wrong = 0, []
    for link in links:
        a, b = tuple(link)
        if any(frozenset((x, y)) in pairs for x in gold_of.get(a, ()) for y in gold_of.get(b, ())):
            correct += 1
        else:
            wrong.append(" — ".join(sorted((", ".join(sorted(gold_of.get(a, ()))) or local(a),
                                            ", ".join(sorted(gold_of.get(b, ()))) or local(b)))))
    rec, prec, f1 = prf(found, total, correct, len(links))
    return {"found": found, "total": total, "recall": rec, "links": len(links), "correct_links": correct,
            "precision": prec, "f1": f1, "missing": missing, "wrong": sorted(wrong)}

"""Entities: which extracted nodes match which gold entities, and recall/precision per gold type (rules in the
package docstring; vendored from ../shared/tools/gold_score.py, unchanged in what it computes)."""

from __future__ import annotations

from typing import Any

from kg.extract.text.scoring.graph import DESCRIBED, KEYWORDS, STOP, Graph, contains, local, norm

Gold = dict[str, Any]   # a parsed pow-kg-extraction-gold/1 file
Entity = dict[str, Any]  # one of its "entities"


def forms(e: Entity) -> set[str]:
    fs = {norm(e["label"])} | {norm(x) for x in e.get("surface_forms", [])}
    return {f for f in fs if f}


class Matcher:
    """Which extracted nodes match which gold entities (rules in the package docstring)."""

    def __init__(self, gold: Gold, g: Graph) -> None:
        self.gold, self.g = gold, g
        self.entity_types: dict[str, set[str]] = {}
        for k in g.extracted:
            if k in g.onto_terms:
                continue
            ts = g.gold_types(k)
            if ts:
                self.entity_types[k] = ts
        self.keys_of: dict[str, set[str]] = {
            e["label"]: {k for k in self.entity_types if self.matches(e, k)} for e in gold["entities"]}
        self._one_figure_per_node()

    def _one_figure_per_node(self) -> None:
        """A node whose number equals several gold figures ("4 camps", "4 volumes") matches those whose words
        it shares most (label, surface forms, quantity as written, population), not all of them."""
        stats = {e["label"]: e for e in self.gold["entities"] if e["type"] == "Statistic"}
        for k in self.entity_types:
            labs = [lab for lab in stats if k in self.keys_of[lab]]
            if len(labs) < 2:
                continue
            mine = set().union(*(set(n.split()) for n in self.g.names.get(k, ()))) - STOP
            shared = {lab: len(mine & (set(" ".join(forms(stats[lab]) | {norm(str(stats[lab].get(f) or ""))
                                                   for f in ("quantity_as_written", "population")}).split()) - STOP))
                      for lab in labs}
            best = max(shared.values())
            for lab in labs:
                if best and shared[lab] < best:
                    self.keys_of[lab].discard(k)

    def name_match(self, e: Entity, key: str) -> bool:
        ns = self.g.names.get(key, set())
        fs = forms(e)
        if fs & ns:
            return True
        described = e["type"] in DESCRIBED or e["type"] == "Statistic"
        return described and any(contains(f, n) for f in fs for n in ns)

    def matches(self, e: Entity, key: str) -> bool:
        if e["type"] not in self.entity_types.get(key, ()):
            return False
        if e["type"] == "Statistic" and e.get("quantity") is not None:
            q, nums = e["quantity"], self.g.numbers.get(key, set())
            if isinstance(q, list):
                lo, hi = float(min(q)), float(max(q))
                return any(lo - 1e-9 <= n <= hi + 1e-9 for n in nums)
            cands = {float(q)}
            if isinstance(q, (int, float)) and q < 1:
                cands.add(round(q * 100, 2))
            return any(abs(n - c) < 1e-6 * max(1, abs(c)) for n in nums for c in cands)
        return self.name_match(e, key)


def prf(hit: int, n: int, ok: int, m: int) -> tuple[float, float, float]:
    """Recall hit/n, precision ok/m, and their F1 (0 where undefined)."""
    r = hit / n if n else 0.0
    p = ok / m if m else 0.0
    return r, p, (2 * r * p / (r + p) if r + p else 0.0)


def score_entities(gold: Gold, m: Matcher, g: Graph) -> dict[str, Any]:
    """Entity recall, precision and F1 overall and per gold type, with the misses and the wrong nodes."""
    per: dict[str, dict[str, Any]] = {
        t: {"gold": 0, "found": 0, "missing": [], "correct": 0, "wrong": 0} for t in KEYWORDS}
    for e in gold["entities"]:
        if e.get("optional"):
            continue
        d = per[e["type"]]
        d["gold"] += 1
        if m.keys_of[e["label"]]:
            d["found"] += 1
        else:
            d["missing"].append(e["label"])
    type_of = {e["label"]: e["type"] for e in gold["entities"]}
    matched_types: dict[str, set[str]] = {}
    for lab, ks in m.keys_of.items():
        for k in ks:
            matched_types.setdefault(k, set()).add(type_of[lab])
    wrong = []
    for k, ts in m.entity_types.items():
        if k in matched_types:
            for t in matched_types[k]:
                per[t]["correct"] += 1
        else:
            for t in ts:
                per[t]["wrong"] += 1
            wrong.append(f"{'/'.join(sorted(ts))}: {' | '.join(sorted(g.names.get(k, ()))[:2]) or local(k)}")
    for d in per.values():
        d["recall"], d["precision"], d["f1"] = prf(d["found"], d["gold"], d["correct"], d["correct"] + d["wrong"])
    hit, n = sum(d["found"] for d in per.values()), sum(d["gold"] for d in per.values())
    ok, total = len(matched_types), len(m.entity_types)
    r, p, f1 = prf(hit, n, ok, total)
    return {"recall": r, "precision": p, "f1": f1, "found": hit, "total": n, "correct": ok, "extracted": total,
            "per_type": per, "wrong": sorted(wrong)}

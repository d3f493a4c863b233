"""Joining linked records into persons: the pairs taken from the most probable down, each joining two clusters
unless the join would put two records of one list that holds each person once (a roll, a death list) into
one person, or two records a curator rejected as one person. A pair refused so is kept as proposed, for
review; curators' decisions come first."""

from __future__ import annotations

from collections.abc import Iterable


class Clusters:
    """Union–find over record ids, with the lists each cluster holds a record of."""

    def __init__(self, lists: dict[str, str], unique: frozenset[str]) -> None:
        self.lists = lists  # record id -> its list
        self.unique = unique
        self.parent: dict[str, str] = {}
        self.held: dict[str, set[str]] = {}  # root -> the unique lists it holds a record of
        self.apart: dict[str, set[str]] = {}  # root -> records a curator said are not this person

    def keep_apart(self, a: str, b: str) -> None:
        """A curator rejected the pair: no join may put a and b into one person."""
        self.apart.setdefault(self.find(a), set()).add(b)
        self.apart.setdefault(self.find(b), set()).add(a)

    def find(self, record: str) -> str:
        root = record
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while self.parent.get(record, record) != root:  # path compression
            self.parent[record], record = root, self.parent[record]
        return root

    def _held(self, root: str) -> set[str]:
        if root not in self.held:
            self.held[root] = {self.lists[root]} & self.unique
        return self.held[root]

    def join(self, a: str, b: str) -> bool:
        """Join the clusters of a and b; False (and nothing joined) if that would hold one unique list twice."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        ha, hb = self._held(ra), self._held(rb)
        if ha & hb or any(self.find(r) == rb for r in self.apart.get(ra, ())) \
                or any(self.find(r) == ra for r in self.apart.get(rb, ())):
            return False
        if len(ha) < len(hb):
            ra, rb, ha, hb = rb, ra, hb, ha
        self.parent[rb] = ra
        ha |= hb
        self.held.pop(rb, None)
        if rb in self.apart:
            self.apart.setdefault(ra, set()).update(self.apart.pop(rb))
        return True

    def members(self, records: Iterable[str]) -> dict[str, list[str]]:
        """Root -> its records, for every record (a record linked to nothing is a person of its own)."""
        groups: dict[str, list[str]] = {}
        for r in records:
            groups.setdefault(self.find(r), []).append(r)
        return groups

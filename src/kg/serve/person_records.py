"""The records of a linked person side by side, for the person's page: one column per record (its list, locator
and file line), one row per field, each value in the script the record writes it, and the rows where the
record links say the lists disagree marked; then the links themselves with their status and probability."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pyoxigraph import Literal, NamedNode, Quad

from kg.serve.evidence import Evidence, evidence_of
from kg.vocab import JPOW, RDFS, SKOS

# (link field it belongs to, predicate, what the row is called): the fields of a record, in page order
FIELDS = (
    ("name", RDFS.label.value, "name as written"),
    ("name", SKOS.altLabel.value, "reading"),
    ("name", JPOW.familyName.value, "family name"),
    ("name", JPOW.givenName.value, "given name"),
    ("birth_year", JPOW.birthYear.value, "year of birth"),
    ("origin", JPOW.placeOfOriginAsWritten.value, "place of origin as written"),
    ("origin", JPOW.placeOfOrigin.value, "place of origin"),
    ("unit", JPOW.memberOf.value, "unit"),
    ("", JPOW.militaryRank.value, "rank"),
    ("camp", JPOW.recordedCamp.value, "camp"),
    ("death_date", JPOW.deathDate.value, "date of death"),
    ("", JPOW.burialPlace.value, "place of burial"),
)
STATUS_WORDS = {"LinkAsserted": "asserted", "LinkProposed": "proposed", "LinkAccepted": "accepted by a curator",
                "LinkRejected": "rejected by a curator"}


@dataclass
class RecordColumn:
    iri: str
    evidence: Evidence | None
    values: dict[str, list[Any]] = field(default_factory=dict)  # predicate -> terms


@dataclass
class FieldRow:
    label: str
    cells: list[list[Any]]  # per record, its values
    disagree: bool


@dataclass
class LinkRow:
    a: str
    b: str
    status: str
    probability: str | None
    agrees: list[str]
    disagrees: list[str]


@dataclass
class RecordsView:
    records: list[RecordColumn]
    rows: list[FieldRow]
    links: list[LinkRow]
    labels: list[Quad]  # labels of the lists, units, camps and places the records name


async def records_view(backend: Any, person: str, incoming: list[Quad]) -> RecordsView | None:
    """The view of the records that point to `person` with jpow:recordOf (None when none do)."""
    record_iris = sorted({q.subject.value for q in incoming if q.predicate.value == JPOW.recordOf.value})
    if not record_iris:
        return None
    label_predicates = [RDFS.label.value]
    columns: list[RecordColumn] = []
    labels: list[Quad] = []
    link_iris: set[str] = set()
    for iri in record_iris:
        found = await backend.entity(iri, incoming=50, label_predicates=label_predicates)
        graphs = {q.graph_name.value for q in found.outgoing if isinstance(q.graph_name, NamedNode)
                  and q.predicate.value != JPOW.recordOf.value}
        evidence = evidence_of(graphs, found.graphs)
        column = RecordColumn(iri, next(iter(evidence.values()), None))
        for q in found.outgoing:
            column.values.setdefault(q.predicate.value, []).append(q.object)
        columns.append(column)
        labels += found.labels
        link_iris |= {q.subject.value for q in found.incoming if q.predicate.value == JPOW.linkedRecord.value}
    links = [await _link(backend, iri) for iri in sorted(link_iris)]
    disagreeing = {f for link in links if link.status != "rejected by a curator" for f in link.disagrees}
    rows = [FieldRow(label, [c.values.get(predicate, []) for c in columns], bool(key) and key in disagreeing)
            for key, predicate, label in FIELDS if any(predicate in c.values for c in columns)]
    return RecordsView(columns, rows, links, labels)


async def _link(backend: Any, iri: str) -> LinkRow:
    found = await backend.entity(iri, incoming=0, label_predicates=[])
    values: dict[str, list[Any]] = {}
    for q in found.outgoing:
        values.setdefault(q.predicate.value, []).append(q.object)
    a, b = sorted(t.value for t in values.get(JPOW.linkedRecord.value, []))[:2]
    status = values.get(JPOW.linkStatus.value, [NamedNode(JPOW.LinkProposed.value)])[0].value.rsplit("#", 1)[-1]
    probability = values.get(JPOW.matchProbability.value)
    return LinkRow(a, b, STATUS_WORDS.get(status, status),
                   probability[0].value if probability and isinstance(probability[0], Literal) else None,
                   sorted(t.value for t in values.get(JPOW.agreesOn.value, [])),
                   sorted(t.value for t in values.get(JPOW.disagreesOn.value, [])))

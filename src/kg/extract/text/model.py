"""What the text reader produces: entities (with their kind and class), literals, facts and passages.

Kinds group the ontology's classes into the few families the reader treats alike (`KIND_OF_CLASS`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg import dates

KIND_OF_CLASS = {
    "Person": "person", "PrisonerOfWar": "person",
    "Camp": "camp", "PrisonerOfWarCamp": "camp", "CorrectionalLabourCamp": "camp", "ArmyCamp": "camp",
    "SpecialHospital": "camp", "CampSection": "camp",
    "Place": "place", "Country": "place", "Region": "place", "Settlement": "place", "GeographicArea": "place",
    "Site": "place",
    "LegalAct": "legal-act", "Resolution": "legal-act", "Decree": "legal-act", "Order": "legal-act",
    "Law": "legal-act", "Treaty": "legal-act", "Agreement": "legal-act", "Declaration": "legal-act",
    "Convention": "legal-act", "CodeArticle": "legal-act", "Decision": "legal-act",
    "Statistic": "statistic",
}
for _c in ("Event", "Transfer", "Capture", "Detention", "LabourUse", "Death", "Burial", "Repatriation", "Release",
           "Signing", "Visit", "PublicationEvent", "Conference", "Establishment", "Handover", "Rehabilitation",
           "Conviction", "War", "MilitaryDefeat", "PoliticalChange", "SocialMovement", "Declassification",
           "Dissolution", "Birth", "Exhibition", "Epidemic", "Award"):
    KIND_OF_CLASS[_c] = "event"
for _c in ("Organization", "StateBody", "MilitaryFormation", "Enterprise", "University", "ResearchInstitute",
           "PoliticalParty", "Archive", "Publisher", "Commission", "PublicOrganization"):
    KIND_OF_CLASS[_c] = "organization"
for _c in ("Source", "Publication", "Book", "Monograph", "Article", "DocumentCollection", "MultiVolumeWork",
           "ResearchProject", "ArchivalDocument", "RegistryRecord", "ArchivalList", "Dataset", "ArchivalUnit"):
    KIND_OF_CLASS[_c] = "publication"

# kinds whose unnamed/descriptive entities are specific to one document (their slug carries the doc id)
DOC_SCOPED = {"statistic"}


@dataclass(frozen=True)
class Lit:
    value: str
    datatype: str | None = None   # xsd local name, or None for a language-tagged string
    lang: str | None = "en"


@dataclass
class Entity:
    iri: str
    kind: str
    cls: str
    label: str
    linked: bool = False
    names: set[str] = field(default_factory=set)
    attrs: dict = field(default_factory=dict)
    spans: list[tuple[int, int]] = field(default_factory=list)   # original offsets of its mentions


@dataclass(frozen=True)
class Fact:
    s: Entity
    p: str               # CURIE
    o: object            # Entity or Lit


@dataclass
class Passage:
    start: int           # original offsets
    end: int
    quote: str
    facts: list[Fact]
    mentioned: list[tuple[Entity, str]]   # (entity, surface form as written)


def decimal(v: float) -> str:
    """A number as xsd:decimal text: 12 -> "12", 0.3333 -> "0.3333"."""
    return str(int(v)) if float(v).is_integer() else f"{v:.4f}".rstrip("0")


def date_lit(value: str) -> Lit:
    """An ISO date at the precision written, typed xsd:gYear / gYearMonth / date (`kg.dates`)."""
    local = dates.datatype(value)
    if local is None:
        raise ValueError(f"not a date: {value!r}")
    return Lit(value, local, None)


def date_facts(subject: Entity, d) -> list[Fact]:
    """When a thing happened, as written: a day, month or year (jpow:date), a span (`span_facts`), or words with
    no date to give ("in the post-war years": only jpow:dateAsWritten)."""
    facts = []
    if d.kind == "point":
        facts.append(Fact(subject, "jpow:date", date_lit(d.value)))
    elif d.kind == "range":
        facts += span_facts(subject, d.value)
    return facts + [Fact(subject, "jpow:dateAsWritten", Lit(d.as_written, "string", None))]


def span_facts(subject: Entity, interval: str) -> list[Fact]:
    """A span "1945/1949": its start and end (jpow:startDate, jpow:endDate) and the interval itself (jpow:period,
    EDTF)."""
    first, last = interval.split("/")
    return [Fact(subject, "jpow:startDate", date_lit(first)), Fact(subject, "jpow:endDate", date_lit(last)),
            Fact(subject, "jpow:period", Lit(interval, "string", None))]


def term(local: str) -> tuple[str, str]:
    """An ontology individual (a unit, a qualifier, a role) by its local name."""
    return ("jpow", local)

"""Scoring the text extractor against a gold file (format `pow-kg-extraction-gold/1`).

The extractor is run on the text exactly as `kg extract` runs it (same reader, same rules), and what it
states is compared with the gold entities and relations. The matching rule, in full:

Entities
- Types: person->Person, camp->Camp, legal-act->Decree, event->Event, organization->Organization,
  place->Place, publication->Publication, statistic->Statistic. A predicted entity can only match a gold entity
  of the same type.
- A statistic matches when its number (value; the bound for "more than"/"up to"; both ends for a range)
  equals the gold `quantity` (relative tolerance 1e-3), or the gold quantity is null (a vague figure), and one
  of its mentions overlaps the gold evidence passage `[offset, offset + len(quote))`.
- Any other entity matches when one of its names (label, aliases, surface forms) equals the gold `label` or
  one of its `surface_forms` after normalisation (case folding, no-break spaces, dashes, quotes, a leading
  article, surrounding punctuation), or, failing that, when one of its mentions overlaps an occurrence in the
  text of a gold surface form of 4 characters or more.
- Matching is one-to-one, name matches first, then overlaps, in text order. A second predicted entity for the
  same gold entity (a coreference miss) is a false positive.
- Gold entities marked `optional` are left out of recall; predictions matching them are neither true nor
  false positives. Precision = matched / (predicted - matched-to-optional); recall = matched non-optional /
  non-optional gold.

Relations
- The extractor's predicates are mapped onto the gold's plain-word `relation` phrases by the hand-written
  table `RELATION_MAP` below (some with the direction reversed, e.g. "author of" = inverse of jpow:author),
  and phrases not in the table by the word patterns of `RELATION_PATTERNS` ("... located in" -> location,
  "adopted by" -> issuedBy, ...), for gold files of other articles. Phrases neither reads cannot be matched
  and count as misses; except that a relation between a figure and an entity is read by their types (a
  figure and a place: location; a figure and another figure: partOf; a figure and anything else: measures). A few predicted relations are read
  through events: a visit's participant "visited" its destination; a labour use's camp "prisoners worked
  mainly at" its enterprises; the giver of a handover "handed over" what
  it concerns, which was "handed over to" its destination; an act that concerns a transfer "provided for
  export ... from/to" the transfer's origin/destinations.
- A predicted relation matches a gold one when the mapped predicate agrees, the subject is the predicted
  entity matched to the gold subject, and the object is the entity matched to the gold object, or, for a
  literal, is equal after normalisation: dates at the gold's precision (a predicted 1945-08-23 matches a
  gold 1945-08), spans as start/end, numbers numerically, languages as sets of language codes, other text
  by normalised equality.
- Gold relations whose subject is a literal (an unnamed group) cannot be matched by an extractor whose
  subjects are entities; they stay in the denominator as misses.
- Optional gold relations, and the relations implied by gold entity fields (a decree's number, date, issuer
  and title, a statistic's place and time, a publication's authors, editors, year, place and publisher, an
  event's participants, place and date, a person's titles and affiliation, a camp's location), are accepted:
  predicting them is neither a hit nor a false positive. Recall is over non-optional relations only.
- A relation whose subject or object is matched to an optional gold entity is accepted likewise.
- Some facts are scored only through their event reading, so that one statement is not counted twice: the
  participant, destination and object of a handover, the camp and enterprises of a labour use, and an act's
  transfer provision (the act's jpow:concerns of the transfer and the transfer's origin and destinations).
- jpow:dateAsWritten counts as a date only for a subject without an ISO jpow:date (vague dates).
- Scored predicates are those of the table; labels, types, units, qualifiers, values and other attributes of
  statistics are not relations (statistic attributes are scored separately: quantity, qualifier and unit of
  each matched statistic).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kg.config import Settings
from kg.errors import InputError, Problem
from kg.extract.text import TextExtractor
from kg.extract.text.gazetteer import Gazetteer
from kg.extract.text.model import Entity, Lit
from kg.extract.text.lexicon import load
from kg.extract.text.spans import norm
from kg.sources.text import read_blocks

TYPE_OF_KIND = {"person": "Person", "camp": "Camp", "legal-act": "Decree", "event": "Event",
                "organization": "Organization", "place": "Place", "publication": "Publication",
                "statistic": "Statistic"}

# gold relation phrase -> [(predicted key, inverse?)]
RELATION_MAP: dict[str, list[tuple[str, bool]]] = {
    "from": [("origin", False)],
    "to": [("destination", False)],
    "involved": [("measures", True)],
    "lasted": [("measures", True)],
    "number of people": [("measures", True)],
    "was followed by repatriation of": [("measures", True)],
    "provided for sending to forced labor in the Soviet Union": [("measures", True)],
    "handed over during": [("measures", False)],
    "worked at": [("measures", False)],
    "concentrated in": [("measures", False)],
    "after": [("measures", False)],
    "set up after": [("measures", False)],
    "located in": [("location", False)],
    "headquarters located in": [("location", False)],
    "issued in": [("location", False)],
    "held in": [("location", False)],
    "date": [("date", False), ("dateAsWritten", False)],
    "concluded in": [("date", False)],
    "dates": [("dates", False)],
    "participant": [("participant", False)],
    "adopted by": [("issuedBy", False)],
    "issued by": [("issuedBy", False)],
    "signed by": [("issuedBy", False)],
    "passed by": [("issuedBy", False)],
    "number": [("number", False)],
    "title": [("title", False), ("academicTitle", False), ("position", False)],
    "headed by": [("affiliation", True)],
    "affiliated with": [("affiliation", False)],
    "rector of": [("affiliation", False)],
    "visited": [("visited", False)],
    "handed over": [("handedOver", False)],
    "handed over to": [("handedOverTo", False)],
    "author of": [("author", True)],
    "edited by": [("editor", False)],
    "published in": [("placeOfPublication", False)],
    "publication year": [("publicationYear", False)],
    "publisher": [("publisher", False)],
    "published by": [("issuingBody", False), ("publisher", False)],
    "volume": [("volume", False)],
    "number of pages": [("pageCount", False)],
    "number of volumes": [("volumeCount", False)],
    "language": [("language", False)],
    "part of": [("subordinateTo", False), ("partOf", False)],
    "belongs to": [("subordinateTo", False)],
    "operates": [("subordinateTo", True)],
    "subset of": [("partOf", False)],
    "based on documents from": [("basedOn", False)],
    "formed": [("concerns", False)],
    "ended the state of war between": [("concerns", False)],
    "project of": [("issuingBody", False)],
    "provided for export of Japanese from": [("transferFrom", False)],
    "provided for export of Japanese to": [("transferTo", False)],
    "prisoners worked mainly at": [("prisonersWorkedAt", False)],
}
# phrases not in the table (other gold files) are read by their words, in this order
RELATION_PATTERNS: list[tuple[str, list[tuple[str, bool]]]] = [
    (r"^author of\b", [("author", True)]),
    (r"^(?:written|authored) by\b|^author$", [("author", False)]),
    (r"\bedit(?:ed|or)\b", [("editor", False)]),
    (r"^publisher$|^published by\b", [("publisher", False), ("issuingBody", False)]),
    (r"^published in\b|place of publication", [("placeOfPublication", False)]),
    (r"publication year|year of publication|^published$", [("publicationYear", False)]),
    (r"\b(?:adopted|issued|signed|passed|enacted|approved) by\b|^issuer$", [("issuedBy", False)]),
    (r"\b(?:located|situated|stationed|held) in\b|^location$|^place$", [("location", False)]),
    (r"^(?:date|dated|dates)$|\bdated\b", [("date", False), ("dateAsWritten", False), ("dates", False)]),
    (r"^number$|^no\.?$", [("number", False)]),
    (r"^title$|\bposition\b|\bdegree\b", [("title", False), ("academicTitle", False), ("position", False)]),
    (r"\bparticipant", [("participant", False)]),
    (r"\b(?:part of|subordinate to|belongs to|section of)\b", [("subordinateTo", False), ("partOf", False),
                                                                 ("sectionOf", False)]),
    (r"\b(?:affiliat|member of|works? at|employed)", [("affiliation", False)]),
    (r"\bbased on\b", [("basedOn", False)]),
    (r"\b(?:from|origin)$", [("origin", False)]),
    (r"\b(?:to|destination)$", [("destination", False)]),
    (r"number of (?:pages|volumes)", [("pageCount", False), ("volumeCount", False)]),
]


def relation_keys(phrase: str) -> list[tuple[str, bool]]:
    """The predicted predicates (with direction) a gold relation phrase is read as: the table, else its words."""
    if phrase in RELATION_MAP:
        return RELATION_MAP[phrase]
    p = phrase.strip().lower()
    return next((keys for pattern, keys in RELATION_PATTERNS if re.search(pattern, p)), [])


SCORED = {k for pairs in RELATION_MAP.values() for k, _ in pairs} | {
    k for _, pairs in RELATION_PATTERNS for k, _ in pairs}
DATE_KEYS = {"date", "publicationYear", "dates", "dateAsWritten"}

# gold entity field -> predicted key (these relations are accepted, not required)
FIELD_MAP: dict[str, dict[str, list[str]]] = {
    "Statistic": {"place": ["location"], "time": ["date"]},
    "Decree": {"number": ["number"], "date": ["date"], "title": ["title"], "issuer": ["issuedBy"],
               "place": ["location"]},
    "Camp": {"number": ["number"], "location": ["location"]},
    "Event": {"dates": ["date"], "participants": ["participant", "destination"],
              "place": ["location", "destination"]},
    "Person": {"titles_roles": ["title", "academicTitle", "position"], "affiliation": ["affiliation"]},
    "Publication": {"authors": ["author"], "editors": ["editor"], "year": ["publicationYear"],
                    "place_of_publication": ["placeOfPublication"], "publisher": ["publisher"],
                    "issuing_body": ["issuingBody"], "volumes": ["volumeCount"], "volume": ["volume"],
                    "pages": ["pageCount"], "languages": ["language"]},
}


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    tp_gold: int = 0        # non-optional gold items found
    tp_pred: int = 0        # predictions matching non-optional gold
    neutral: int = 0        # predictions matching optional / accepted gold

    @property
    def precision(self) -> float:
        denom = self.predicted - self.neutral
        return self.tp_pred / denom if denom else 1.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self, name: str) -> str:
        return (f"{name:<14}{self.gold:>6}{self.predicted:>6}{self.tp_gold:>6}{self.predicted - self.neutral - self.tp_pred:>6}"
                f"{self.precision:>8.3f}{self.recall:>8.3f}{self.f1:>8.3f}")


@dataclass
class Report:
    entities: dict[str, Score]
    relations: Score
    statistics: dict[str, tuple[int, int]]       # attribute -> (correct, matched)
    missed_entities: list[str] = field(default_factory=list)
    false_entities: list[str] = field(default_factory=list)
    missed_relations: list[str] = field(default_factory=list)
    false_relations: list[str] = field(default_factory=list)
    gazetteer_size: int = 0

    @property
    def entity_total(self) -> Score:
        total = Score()
        for s in self.entities.values():
            total.gold += s.gold; total.predicted += s.predicted; total.tp_gold += s.tp_gold
            total.tp_pred += s.tp_pred; total.neutral += s.neutral
        return total

    def format(self, details: bool = False) -> str:
        head = f"{'':<14}{'gold':>6}{'pred':>6}{'hit':>6}{'false':>6}{'P':>8}{'R':>8}{'F1':>8}"
        lines = [f"Text extraction scores (gazetteer: {self.gazetteer_size} names; matching rule: kg.evaluate)", head]
        lines += [s.row(t) for t, s in sorted(self.entities.items())]
        lines.append(self.entity_total.row("ENTITIES"))
        lines.append(self.relations.row("RELATIONS"))
        stat = ", ".join(f"{k} {c}/{n}" for k, (c, n) in self.statistics.items())
        lines.append(f"statistic attributes correct (of matched statistics): {stat}")
        if details:
            for title, items in (("missed entities", self.missed_entities), ("false entities", self.false_entities),
                                 ("missed relations", self.missed_relations),
                                 ("false relations", self.false_relations)):
                lines.append(f"-- {title} ({len(items)})")
                lines += [f"   {x}" for x in items]
        return "\n".join(lines)


# ---- prediction --------------------------------------------------------------------------------------------

@dataclass
class Predicted:
    entities: list[Entity]
    relations: list[tuple[Entity, str, object]]
    facts: list


def predict(text_path: Path, settings: Settings, gazetteer: Gazetteer | None) -> Predicted:
    extractor = TextExtractor([text_path], gazetteer, settings)
    reader = extractor.reader(text_path, record=True)
    facts = []
    for block in read_blocks(text_path):
        for p in reader.read_block(block):
            facts += p.facts
    rels: list[tuple[Entity, str, object]] = []
    by_subject: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for f in facts:
        by_subject[f.s.iri][f.p.split(":", 1)[1]].append(f.o)
    ents = {e.iri: e for e in reader.entities}
    consumed = _consumed(facts, by_subject)
    for f in facts:
        key = f.p.split(":", 1)[1]
        if key not in SCORED or key == "language" or (f.s.iri, key, _oid(f.o)) in consumed:
            continue
        if key == "dateAsWritten" and (by_subject[f.s.iri].get("date") or by_subject[f.s.iri].get("startDate")):
            continue   # the date itself is scored; the wording only stands for dates that are not ISO
        rels.append((f.s, key, f.o))
    for iri, props in by_subject.items():
        s = ents.get(iri)
        if s is None:
            continue
        if props.get("language"):
            rels.append((s, "language", Lit(",".join(sorted({o.value for o in props["language"]})))))
        if props.get("startDate") and props.get("endDate"):
            rels.append((s, "dates", Lit(f"{props['startDate'][0].value}/{props['endDate'][0].value}")))
        if s.cls == "Visit":
            for who in props.get("participant", []):
                for where in props.get("destination", []):
                    rels.append((who, "visited", where))
        if s.cls == "LabourUse":
            for camp in props.get("camp", []):
                for org in props.get("concerns", []):
                    rels.append((camp, "prisonersWorkedAt", org))
        if s.cls == "Handover":
            for what in props.get("concerns", []):
                for who in props.get("participant", []):
                    rels.append((who, "handedOver", what))
                for to in props.get("destination", []):
                    rels.append((what, "handedOverTo", to))
        for ev in props.get("concerns", []):
            if isinstance(ev, Entity) and ev.cls == "Transfer":
                for o in by_subject[ev.iri].get("origin", []):
                    rels.append((s, "transferFrom", o))
                for o in by_subject[ev.iri].get("destination", []):
                    rels.append((s, "transferTo", o))
    seen = set()
    unique = []
    for s, k, o in rels:
        key = (s.iri, k, _oid(o))
        if key not in seen:
            seen.add(key)
            unique.append((s, k, o))
    return Predicted(reader.entities, unique, facts)


def _oid(o: object) -> str:
    return o.iri if isinstance(o, Entity) else repr(o)


def _consumed(facts: list, by_subject: dict) -> set[tuple[str, str, str]]:
    """Facts that are scored only through their event reading (see the module docstring): the facts of a
    handover and of a labour use, and an act's transfer provision with the transfer's origin/destinations."""
    out = set()
    for f in facts:
        key = f.p.split(":", 1)[1]
        if f.s.cls in ("Handover", "LabourUse") and key in ("participant", "destination", "concerns", "camp"):
            out.add((f.s.iri, key, _oid(f.o)))
        if key == "concerns" and isinstance(f.o, Entity) and f.o.cls == "Transfer" and f.s.kind == "legal-act":
            out.add((f.s.iri, key, _oid(f.o)))
            for k in ("origin", "destination"):
                for o in by_subject[f.o.iri].get(k, []):
                    out.add((f.o.iri, k, _oid(o)))
    return out


# ---- matching ----------------------------------------------------------------------------------------------

def _occurrences(text: str, forms: list[str]) -> list[tuple[int, int]]:
    spans = []
    for f in forms:
        if len(f) < 4:
            continue
        for m in re.finditer(re.escape(f), text):
            spans.append(m.span())
    return spans


def _stat_numbers(e: Entity, props: dict) -> list[float]:
    nums = []
    for k in ("value", "minValue", "maxValue"):
        for o in props.get(k, []):
            nums.append(float(o.value))
    return nums


def _align(text: str, gold: list[dict], pred: list[Entity], props: dict[str, dict]) -> dict[str, dict]:
    """Predicted IRI -> gold entity, one-to-one."""
    cands = []
    for gi, g in enumerate(gold):
        gnames = {norm(n) for n in [g["label"], *g.get("surface_forms", [])]}
        ev = g["evidence"]
        ev_span = (ev["offset"], ev["offset"] + len(ev["quote"]))
        occ = _occurrences(text, g.get("surface_forms", []) + [g["label"]])
        for pi, e in enumerate(pred):
            if TYPE_OF_KIND[e.kind] != g["type"]:
                continue
            first = min((s for s, _ in e.spans), default=0)
            if g["type"] == "Statistic":
                q = g.get("quantity")
                want = q if isinstance(q, list) else [q]
                have = _stat_numbers(e, props.get(e.iri, {}))
                # a vague gold figure ("hundreds of thousands", quantity null) matches on its passage alone
                ok = q is None or all(w is not None and any(abs(h - w) <= 1e-3 * max(1.0, abs(w)) for h in have)
                                      for w in want)
                if ok and any(s < ev_span[1] and ev_span[0] < t for s, t in e.spans):
                    cands.append((0, first, pi, gi))
                continue
            if gnames & {norm(n) for n in e.names | {e.label}}:
                cands.append((0, first, pi, gi))
            elif any(s < b and a < t for s, t in e.spans for a, b in occ):
                cands.append((1, first, pi, gi))
    cands.sort()
    out: dict[str, dict] = {}
    used: set[int] = set()
    for _, _, pi, gi in cands:
        iri = pred[pi].iri
        if iri in out or gi in used:
            continue
        out[iri] = gold[gi]
        used.add(gi)
    return out


def _lit_equal(key: str, pred: str, gold: str) -> bool:
    gold, pred = str(gold).strip(), str(pred).strip()
    if key in DATE_KEYS:
        g = gold.replace("-", "/") if re.fullmatch(r"\d{4}-\d{4}", gold) else gold
        if re.fullmatch(r"\d{4}(-\d\d){0,2}(/\d{4}(-\d\d){0,2})?", g):
            if "/" in g:
                return pred == g
            return len(pred) >= len(g) and pred[:len(g)] == g
        return norm(pred) == norm(gold)
    if key == "language":
        langs = load()["languages"]
        codes = sorted({langs[n] for n in re.findall(r"[A-Z][a-z]+", gold) if n in langs})
        return codes and ",".join(codes) == pred
    if re.fullmatch(r"[\d.]+", gold) and re.fullmatch(r"[\d.]+", pred):
        return float(gold) == float(pred)
    return norm(pred) == norm(gold)


def _gold_relations(gold: dict) -> tuple[list[dict], list[dict]]:
    """(required relations, accepted relations) as dicts with keys subject, keys, inverse, object, kind."""
    labels = {e["label"] for e in gold["entities"]}
    types = {e["label"]: e["type"] for e in gold["entities"]}
    required, accepted = [], []
    for r in gold["relations"]:
        mapped = relation_keys(r["relation"]) or _by_types(types.get(r["subject"]), types.get(r["object"]))
        item = {"subject": r["subject"], "subject_kind": r["subject_kind"], "object": r["object"],
                "object_kind": r["object_kind"], "map": mapped, "text": f"{r['id']} {r['subject']} | "
                f"{r['relation']} | {r['object']}"}
        (accepted if r.get("optional") else required).append(item)
    for e in gold["entities"]:
        for fname, keys in FIELD_MAP.get(e["type"], {}).items():
            v = e.get(fname)
            for value in (v if isinstance(v, list) else [v]):
                if value in (None, ""):
                    continue
                value = str(value)
                kind = "entity" if value in labels else "literal"
                accepted.append({"subject": e["label"], "subject_kind": "entity", "object": value,
                                 "object_kind": kind, "map": [(k, False) for k in keys],
                                 "text": f"field {e['label']}.{fname}"})
    return required, accepted


def _by_types(subject_type: str | None, object_type: str | None) -> list[tuple[str, bool]]:
    """A phrase neither the table nor the word patterns read, between a figure and something else: what the
    figure is about (jpow:measures), where it applies (jpow:location), or the figure it is part of."""
    if subject_type == "Statistic" and object_type == "Statistic":
        return [("partOf", False)]
    if subject_type == "Statistic" and object_type == "Place":
        return [("location", False), ("measures", False)]
    if subject_type == "Statistic" and object_type:
        return [("measures", False)]
    if object_type == "Statistic" and subject_type:
        return [("measures", True)]
    return []


def _rel_matches(rel: tuple, g: dict, aligned: dict[str, dict]) -> bool:
    s, key, o = rel
    for k, inverse in g["map"]:
        if k != key:
            continue
        subj, obj = (o, s) if inverse else (s, o)
        if g["subject_kind"] != "entity" or not isinstance(subj, Entity):
            continue
        if aligned.get(subj.iri, {}).get("label") != g["subject"]:
            continue
        if isinstance(obj, Entity):
            if g["object_kind"] == "entity" and aligned.get(obj.iri, {}).get("label") == g["object"]:
                return True
        elif isinstance(obj, Lit) and g["object_kind"] == "literal" and _lit_equal(k, obj.value, g["object"]):
            return True
    return False


def evaluate(gold_path: Path, text_path: Path, settings: Settings | None = None,
             gazetteer: Gazetteer | None = None) -> Report:
    settings = settings or Settings()
    try:
        gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise InputError([Problem(gold_path, None, None, f"cannot read the gold file ({e})",
                                  "give a JSON file in the pow-kg-extraction-gold/1 format")]) from None
    if gold.get("format") != "pow-kg-extraction-gold/1":
        raise InputError([Problem(gold_path, None, None, f"unknown gold format {gold.get('format')!r}",
                                  "give a file in the pow-kg-extraction-gold/1 format")])
    raw = Path(text_path).read_bytes()
    want = gold.get("document", {}).get("sha256")
    if want and hashlib.sha256(raw).hexdigest() != want:
        raise InputError([Problem(text_path, None, None, "the text is not the one the gold was written for "
                                  "(sha256 differs), so its offsets are invalid",
                                  "give the text file named in the gold's document.text_file")])
    text = raw.decode("utf-8")
    pred = predict(Path(text_path), settings, gazetteer)
    props: dict[str, dict] = defaultdict(lambda: defaultdict(list))
    for s, k, o in pred.relations:
        props[s.iri][k].append(o)
    # statistics' numbers are not scored relations: read them from the reader's facts again
    stat_props = _stat_props(pred.facts)
    for iri, d in stat_props.items():
        for k, v in d.items():
            props[iri][k] += v
    aligned = _align(text, gold["entities"], pred.entities, props)

    scores = {t: Score() for t in gold["entity_types"]}
    matched_gold = {id(g) for g in aligned.values()}
    missed, false = [], []
    for g in gold["entities"]:
        if not g.get("optional"):
            scores[g["type"]].gold += 1
            if id(g) in matched_gold:
                scores[g["type"]].tp_gold += 1
            else:
                missed.append(f"{g['type']}: {g['label']}")
    for e in pred.entities:
        sc = scores[TYPE_OF_KIND[e.kind]]
        sc.predicted += 1
        g = aligned.get(e.iri)
        if g is None:
            false.append(f"{TYPE_OF_KIND[e.kind]}: {e.label}")
        elif g.get("optional"):
            sc.neutral += 1
        else:
            sc.tp_pred += 1

    required, accepted = _gold_relations(gold)
    rel = Score(gold=len(required))
    found: set[int] = set()
    false_rels = []
    for r in pred.relations:
        if r[1] not in SCORED:
            continue
        rel.predicted += 1
        hit = next((i for i, g in enumerate(required) if i not in found and _rel_matches(r, g, aligned)), None)
        if hit is not None:
            found.add(hit)
            rel.tp_pred += 1
            continue
        if any(_rel_matches(r, g, aligned) for g in required + accepted) or any(
                isinstance(x, Entity) and aligned.get(x.iri, {}).get("optional") for x in (r[0], r[2])):
            rel.neutral += 1
            continue
        s, k, o = r
        false_rels.append(f"{s.label[:50]} | {k} | {o.label[:50] if isinstance(o, Entity) else o.value[:50]}")
    rel.tp_gold = len(found)
    missed_rels = [g["text"] for i, g in enumerate(required) if i not in found]

    stats = {"quantity": [0, 0], "qualifier": [0, 0], "unit": [0, 0]}
    unit_names = {"UnitPerson": "persons", "UnitPercent": "percent", "UnitFraction": "fraction",
                  "UnitCamp": "camps", "UnitPage": "pages", "UnitVolume": "volumes", "UnitYear": "years",
                  "UnitMinistry": "ministries"}
    for iri, g in aligned.items():
        if g["type"] != "Statistic":
            continue
        d = stat_props.get(iri, {})
        for k in stats:
            stats[k][1] += 1
        stats["quantity"][0] += 1   # matching requires the number
        qual = d.get("qualifier", [""])[0]
        if qual == {"exact": "QualifierExact", "approximate": "QualifierApproximate",
                    "lower_bound": "QualifierLowerBound", "upper_bound": "QualifierUpperBound",
                    "range": "QualifierRange"}.get(g.get("qualifier")):
            stats["qualifier"][0] += 1
        unit = unit_names.get(d.get("unit", [""])[0], "")
        if unit and str(g.get("unit", "")).startswith(unit):
            stats["unit"][0] += 1
    return Report(scores, rel, {k: tuple(v) for k, v in stats.items()}, missed, false, missed_rels, false_rels,
                  len(gazetteer) if gazetteer else 0)


def _stat_props(facts: list) -> dict[str, dict]:
    out: dict[str, dict] = defaultdict(lambda: defaultdict(list))
    for f in facts:
        if f.s.kind == "statistic":
            out[f.s.iri][f.p.split(":", 1)[1]].append(f.o[1] if isinstance(f.o, tuple) else f.o)
    return out

"""Finding mentions of entities in one block of clean text, by patterns of this field's prose.

Each finder returns `Mention`s with block offsets; `find_mentions` runs them all and drops mentions that are
contained in a longer mention of the same kind (a place inside an organisation's name is kept: it is a
mention of the place too).
"""

from __future__ import annotations

import re

from kg.extract.text.lexicon import Lexicon, alternation
from kg.extract.text.mentions.acts import legal_acts
from kg.extract.text.mentions.archival import archival_units, cited_files
from kg.extract.text.mentions.bodies import bodies
from kg.extract.text.mentions.camps import camps
from kg.extract.text.mentions.events import events, titled_events
from kg.extract.text.mentions.mention import CAP, UPPER, Mention, mention_at, title_key
from kg.extract.text.mentions.organizations import org_key, organizations
from kg.extract.text.mentions.persons import persons
from kg.extract.text.mentions.places import places
from kg.extract.text.mentions.publications import publications
from kg.extract.text.mentions.sites import described_sites, sites
from kg.extract.text.mentions.titles import titles as unquoted_titles
from kg.extract.text.model import KIND_OF_CLASS
from kg.extract.text.spans import Quoted, quotations

__all__ = ["CAP", "UPPER", "Mention", "find_mentions"]


def find_mentions(text: str, lex: Lexicon, last_citation: list[str] | None = None) -> tuple[list[Mention], list[Quoted]]:
    """The mentions of one block and its quotations; `last_citation` carries the archive, fond and inventory of
    the last file cited from one block to the next ("Ibid., d. 7")."""
    quotes = quotations(text)
    place_ms = places(text, lex)
    org_ms = organizations(text, lex)
    site_ms = [mention_at("place", cls, (a, b), text, text[a:b]) for a, b, cls in sites(text, lex)]
    site_ms += described_sites(text, lex, place_ms + site_ms)
    org_ms += [_body(text, a, b, cls) for a, b, cls in bodies(text, lex)
               if not any(o.start <= a and b <= o.end for o in org_ms)]
    title_ms = [Mention("publication", cls, a, b, text[a:b], text[a:b], "publication:" + title_key(text[a:b]))
                for a, b, cls in unquoted_titles(text, lex) if not any(q.tstart <= a < q.tstart + len(q.text) for q in quotes)]
    found = (place_ms + site_ms + title_ms + persons(text, lex) + org_ms + camps(text, lex) + legal_acts(text, lex, quotes, org_ms)
             + events(text, lex) + titled_events(text, lex) + publications(text, lex, quotes) + archival_units(text)
             + cited_files(text, last_citation))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    for o in [m for m in found if m.kind == "organization"]:
        am = re.match(r"\s*\(([A-Z][A-Za-z]*[A-Z]+(?:\([a-z]\))?)\)", text[o.end:o.end + 20])
        if am:
            o.names.append(am.group(1))
            a_start = o.end + am.start(1)
            found = [m for m in found if not (m.kind == "organization" and m.start == a_start)]
    # "State Defence Committee of the USSR", "Siberian Detainees Research Society of Tokyo": also named without
    # the place that ends the name
    for o in [m for m in found if m.kind in ("organization", "camp")]:
        tail = next((p for p in place_ms if p.end == o.end and p.start > o.start), None)
        short = tail and re.fullmatch(r"(.*\S)\s+(?:of|in)\s+(?:the\s+)?", text[o.start:tail.start])
        if short and len(short.group(1).split()) >= 2:
            o.names.append(short.group(1))
    # "3rd Battalion of the 276th Infantry Regiment": a numbered unit is named with the formation it belongs to
    for o in [m for m in found if m.kind == "organization" and m.cls == "MilitaryFormation" and
              re.fullmatch(r"\d+(?:st|nd|rd|th)\s+[A-Z][a-z]+", m.text)]:
        of = re.match(r"\s+of\s+(?:the\s+)?", text[o.end:])
        parent = of and next((m for m in found if m.kind == "organization" and m.start == o.end + of.end()), None)
        if parent is not None:
            whole = text[o.start:parent.end]
            found.append(Mention("organization", o.cls, o.start, parent.end, whole, whole, org_key(whole),
                                 names=[o.text]))
            found.remove(o)
    place_names = set(lex.place_aliases)
    found = [m for m in found if not (m.kind == "organization" and m.text in place_names)]
    _short_names(found, lex, place_names)
    # an organisation inside another is kept when it is the body the name belongs to ("X of the <body>")
    found = [m for m in found if not (m.kind == "organization" and any(
        m.inside(o) and o.kind == "organization" and not re.search(r"\bof\s+(?:the\s+)?$", text[o.start:m.start])
        for o in found))]
    kept: list[Mention] = []
    for m in found:
        if any(m.inside(k) and _shadows(k, m) or (m.start, m.end, m.kind) == (k.start, k.end, k.kind)
               for k in kept):
            continue
        kept.append(m)
    # (not the person a body is named after: "Karaganda State University named after E. A. Buketov")
    kept = [m for m in kept if not (m.kind == "person" and any(
        o.kind == "organization" and o.start < m.start < o.end and "named after" in text[o.start:m.start]
        for o in kept))]
    # drop a shorter mention that another longer one of a rival kind covers (orgs beat places they name etc.)
    titles = [k for k in kept if k.kind == "publication" or k.kind == "legal-act" and "title" in k.attrs]
    for m in kept:
        if any(m.inside(t) and m.kind != "publication" for t in titles if t.kind == "publication") or any(
                t.kind == "legal-act" and m.start >= t.end - len(t.attrs["title"]) - 1 and m.end <= t.end
                and m is not t for t in titles):
            m.in_title = True
    # "camp section No. 2 at Bolshoi Dzhezkazgan", "Section 4 near Saran": a section also named with where it was
    for m in kept:
        if m.cls == "CampSection":
            am = re.match(r"\s+(?:at|near|in)\s+(?:the\s+)?", text[m.end:m.end + 12])
            place = am and next((p for p in kept if p.kind == "place" and p.start == m.end + am.end()), None)
            if place is not None:
                m.names.append(" ".join(text[m.start:place.end].split()))
    # ("the newspaper Tōhō Tsūshin": a title that reads like a Japanese name is the title alone)
    spans = {(t.start, t.end) for t in titles if t.kind == "publication"}
    kept = [m for m in kept if not (m.kind == "person" and (m.start, m.end) in spans)]
    kept = [m for m in kept if not (m.in_title and m.kind in ("organization", "place") and
                                    any(m.inside(t) for t in titles if t.kind == "publication"))]
    # an act's or a book's title names what it is about; an event named there ("the release of ...") is not
    # stated to have happened (wars are names, and are kept)
    kept = [m for m in kept if not (m.in_title and m.kind == "event" and m.cls != "War")]
    return kept, quotes


def _short_names(found: list[Mention], lex: Lexicon, place_names: set[str]) -> None:
    """Other names bodies go by, shorter than as written: a unit without its formation ("107th Division" of "the
    107th Division of the Kwantung Army"), a trust by its own name ("Karagandaugol" of "the Karagandaugol trust"),
    a ministry without its people's adjective ("Ministry of Health, Labour and Welfare" of "the Japanese Ministry
    of ...")."""
    people = re.compile(rf"(?:{alternation(lex['demonyms'])})\s+((?:Ministry|Embassy|Consulate|Government)\b.*)")
    for m in found:
        if m.kind != "organization":
            continue
        um = re.fullmatch(r"(\d+(?:st|nd|rd|th)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})\s+of\s+(?:the\s+)?[A-Z].*", m.text)
        tm = re.fullmatch(r"([A-Z][\w-]{5,})\s+(?:trust|combine|plant|factory|works)", m.text)
        dm = people.fullmatch(m.text)
        short = (um or tm or dm) and (um or tm or dm).group(1)
        if short and short not in place_names and short not in m.names and short != m.label:
            m.names.append(short)


def _body(text: str, a: int, b: int, cls: str) -> Mention:
    """A body named by a head noun: an organisation, or a camp of the POW administration ("Special Hospital
    No. 1141", numbered like a camp)."""
    kind = KIND_OF_CLASS.get(cls, "organization")
    if kind == "organization":
        return mention_at(kind, cls, (a, b), text, text[a:b], org_key(text[a:b]))
    number = re.search(r"\d+$", text[a:b])
    return mention_at(kind, cls, (a, b), text, text[a:b], **({"number": number.group(0)} if number else {}))


def _shadows(outer: Mention, inner: Mention) -> bool:
    """Does a longer mention hide a mention inside it? Anything inside a person's name is hidden, and a
    shorter name inside a longer one of the same kind (except organisations inside organisations, which are
    named there); mentions of other kinds inside titles, acts and events are kept: they are mentioned there."""
    if outer.kind == "person":
        return True
    if inner.kind == "place" and outer.kind in ("camp", "organization"):
        # "Karaganda camp No. 99", "State Archive of the Karaganda Region": the place qualifies the name; kept
        # when the name says it is a place ("State Archive of the city of Zhezkazgan") or ends with where the
        # body is ("Memorial Museum of Victims of Political Repression in Dolinka")
        before = outer.text[:inner.start - outer.start]
        return not (re.search(r"\b(?:city|town|village|settlement)\s+of\s+$", before) or
                    re.search(r"\s(?:in|at)\s+$", before) and inner.end == outer.end)
    if inner.kind == "camp" and outer.kind == "organization" and inner.start == outer.start:
        return True   # "Karaganda camp administration": the body of a camp, which qualifies its name
    return outer.kind == inner.kind and inner.kind != "organization"

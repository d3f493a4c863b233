"""Legal acts: decrees, resolutions, orders, treaties with their number, date, issuer and title."""

from __future__ import annotations

import re

from kg.extract.text.lexicon import Lexicon
from kg.extract.text.mentions.mention import CAP, Mention, mention_at
from kg.extract.text.mentions.organizations import org_key
from kg.extract.text.spans import MONTH_RE, YEAR_RE, Quoted, dates, norm


def legal_acts(text: str, lex: Lexicon, quotes: list[Quoted], orgs: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    heads = lex["act_heads"]
    named = re.compile(
        rf"\b((?:(?:{CAP}(?:[-–]{CAP})?)\s+){{1,3}})((?:[Pp]eace|[Dd]raft)\s+)?"
        rf"(Treaty|Declaration|Convention|Agreement|Pact|Accords?|Charter|treaty|agreement|declaration)\b"
        rf"(?:\s+of\s+({YEAR_RE})\b)?")
    for m in named.finditer(text):
        mods = m.group(1).split()
        while mods and mods[0] in lex["not_surnames"]:
            mods = mods[1:]
        if not mods or m.group(3).islower() and not re.search(r"[-–]", mods[0]):   # ("the Soviet–American agreement")
            continue
        s = m.start(1) + m.group(1).find(mods[0])
        e = m.end()
        head = m.group(3)
        base = " ".join(mods + ([m.group(2).strip()] if m.group(2) else []) + [head])
        cls = heads.get(head.capitalize(), "Treaty")
        mention = Mention("legal-act", cls, s, e, text[s:e], base if not m.group(4) else f"{base} of {m.group(4)}",
                          f"legal-act:{norm(base)}")
        on = re.match(r"\s+(on|about|concerning)\s+(?:the\s+)?[a-z][^,.;:()\"“”]*", text[e:])
        if on and head[0].isupper() and len(on.group(0)) < 200:
            mention.attrs["title"] = f"{base}{on.group(0)}".strip()
            mention.attrs["title_span"] = (e, e + on.end())
        if m.group(4):
            mention.attrs["date"] = m.group(4)
            mention.names.append(base)
        out.append(mention)
    # "the Criminal Code of the RSFSR": a code of law, named with the state that enacted it
    for m in re.finditer(r"\b((?:Criminal|Civil|Penal|Labour|Labor|Land|Family)\s+Code)(?:\s+of\s+the\s+"
                         r"([A-Z]{2,6}|[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,3}))?\b", text):
        label = m.group(0)
        out.append(Mention("legal-act", "Law", m.start(), m.end(), label, label, f"legal-act:{norm(m.group(1))}",
                           names=[m.group(1)] if m.group(2) else []))
    numbered = re.compile(r"\b(Resolution|Decree|Order|Directive|Instruction|Law|Decision|resolution|decree|order|"
                          r"directive|law|decision)\s+(?:No\.?|N|№)\s?(\d[\d/]*(?:-?[IVX]{1,4}\b|-\d+)?"
                          r"(?:[a-z]{1,3}|[а-я]{1,3})?\b)")
    for m in numbered.finditer(text):
        head = m.group(1).capitalize()
        label = f"{head} No. {m.group(2)}"
        attrs, consumed = _act_attributes(text, m.end(), quotes, orgs)
        attrs.pop("number", None)
        attrs["number"] = m.group(2)
        out.append(Mention("legal-act", heads.get(head, "Decree"), m.start(), m.end(), m.group(0), label,
                           f"legal-act:no-{m.group(2)}", attrs))
    # "the decree of the <Org> dated <date> No. 689 "On ..."" / "a decree "On ..."": the head with attributes
    generic = re.compile(r"\b(decree|resolution|order|directive|law|decision|instruction|agreement|memorandum|protocol|"
                         r"contract|Decree|Resolution|Order|Directive|Instruction|Law|Agreement|Memorandum|Protocol|"
                         r"Contract)\b")
    for m in generic.finditer(text):
        if any(o.start <= m.start() < o.end for o in out):
            continue
        e = m.end()
        attrs, consumed = _act_attributes(text, e, quotes, orgs)
        dated = len(attrs.get("date", "")) >= 7   # "the resolution of 23 August 1945": named by its day or month
        # ("a cooperation agreement of 1997", "the NKVD burial instructions of 1946": by its year after its kind)
        dated = dated or "date" in attrs and bool(re.search(r"\b(?!(?:the|an?|this|that|its|their)\s)[\w-]+\s+$",
                                                             text[max(0, m.start() - 20):m.start()]))
        # "Sarysulag was closed by an order of the MVD of the USSR": one act of a body, named by its issuer alone
        # (not "Order No. 00965 was an order of the NKVD": what another act is)
        described = "issuer" in attrs and m.group(1).islower() and re.search(r"\b(?:[Aa]n?|[Tt]he|[Tt]his)\s+$",
                                                                              text[max(0, m.start() - 6):m.start()]) \
            and not re.search(r"\b(?:is|was|are|were|be|been|became|remains?)\s+(?:an?|the)\s+$",
                              text[max(0, m.start() - 16):m.start()])
        if "number" not in attrs and "title" not in attrs and not dated and not described:
            continue
        head = m.group(1).capitalize()
        start = m.start()
        issuer = next((o for o in orgs if o.end + 1 == m.start() and text[o.end] == " "), None)
        if issuer is not None and "issuer" not in attrs:   # "the State Defence Committee resolution of ..."
            attrs["issuer"], start = issuer, issuer.start
        if "number" in attrs:
            label = f"{head} No. {attrs['number']}"
            key = f"legal-act:no-{attrs['number']}"
        elif "title" in attrs:
            label = f"{head} {attrs['title']}"
            key = f"legal-act:{norm(attrs['title'])}"
        else:   # named as written: "State Defence Committee resolution of 23 August 1945"
            label = " ".join(text[start:e + consumed].split())
            key = f"legal-act:{head.lower()}:{attrs.get('issuer').label if 'issuer' in attrs else ''}:" \
                  f"{attrs.get('date', '')}"
            if not dated:
                attrs["described"] = True   # (this text's act: no number or date tells it apart elsewhere)
        out.append(Mention("legal-act", heads.get(head, "Decree"), start, e + consumed,
                           text[start:e + consumed], label, key, attrs))
    # "the Agreement between the Government of ... and the Government of Japan on the Maintenance of Graves of
    # Japanese Nationals", "the Memorandum on Cooperation in the Search for Burials": named by what it is on
    titled = re.compile(rf"\b({'|'.join(lex['titled_act_heads'])})(\s+between\s+[^.;()]+?\s+and\s+[^.;()]+?)?\s+"
                        rf"(on|concerning)\s+((?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:(?:of|the|in|and|for|to|on|with)\s+)*"
                        rf"[A-Z][\w’'-]*)*)")
    for m in titled.finditer(text):
        if any(o.start <= m.start() < o.end for o in out):
            continue
        label = f"{m.group(1)} {m.group(3)} {m.group(4)}"
        mention = Mention("legal-act", heads.get(m.group(1), "Agreement"), m.start(), m.end(), m.group(0), label,
                          f"legal-act:{norm(label)}")
        if m.group(2):
            mention.names.append(" ".join(m.group(0).split()))
            for o in orgs:   # "the Government of Japan on the Maintenance of ...": the party ends before "on"
                if m.start(2) <= o.start < m.start(3) < o.end:
                    o.end = m.start(3) - 1
                    o.text = o.label = text[o.start:o.end].rstrip()
                    o.end, o.key = o.start + len(o.text), org_key(o.label)
        attrs, consumed = _act_attributes(text, m.end(), quotes, orgs)
        mention.attrs.update(attrs)
        mention.end += consumed
        mention.text = text[mention.start:mention.end]
        out.append(mention)
    for m in re.finditer(r"\bArticle\s+(\d+(?:[.-]\d+)?)\b", text):   # "Article 3", "Article 58-6"
        out.append(mention_at("legal-act", "CodeArticle", m, text, m.group(0), number=m.group(1)))
    for m in re.finditer(r"\b(?:a|an|the|The)\s+((?:(?:bilateral|intergovernmental|international|new|special)\s+)?"
                         r"(?:agreement|treaty|convention)\s+(?:between\s+[^,.;()]+?\s+)?(?:on|about|concerning)\s+"
                         r"[^,.;()]+?)"
                         r"(?=\s*(?:,|\.|;|\(|\bwhich\b|\bthat\b|\bwas\b|\bwere\b|\bis\b|\bhas\b|\bhad\b|$))",
                         text):
        label = m.group(1)
        out.append(mention_at("legal-act", "Agreement", (m.start(1), m.end(1)), text, label))
    for m in re.finditer(r"\b(?:pass(?:ed|ing)|adopt(?:ed|ing)|enact(?:ed|ing))\s+((?:a|an|the)\s+(?:[a-z]+\s+)?law)\b",
                         text):
        label = m.group(1)
        out.append(Mention("legal-act", "Law", m.start(1), m.end(1), label, re.sub(r"^(a|an|the)\s+", "", label),
                           f"legal-act:anon-{m.start(1)}", {"anonymous": True}))
    return out



def _act_attributes(text: str, e: int, quotes: list[Quoted], orgs: list[Mention]) -> tuple[dict, int]:
    """What follows an act's head, in any order: "of the <body>", "dated <date>" / "of <date>", "No. <n>",
    and a quoted title. Returns the attributes and how many characters they take."""
    attrs: dict = {}
    rest = text[e:e + 400]
    consumed = 0
    issuer_in_words = False
    for _ in range(4):
        seg = rest[consumed:]
        om = re.match(r"\s+of\s+the\s+", seg)
        if om and "issuer" not in attrs:
            org = next((o for o in orgs if o.start == e + consumed + om.end()), None)
            if org:
                attrs["issuer"] = org
                consumed = org.end - e
                continue
        # "Order of the head of the UMVD of Karaganda oblast Major-General A. F. Kosarev No. 0087 of 12.03.1946":
        # issued by the body whose head signed it (his rank and name are no part of the act's name)
        hm = re.match(r"\s+of\s+(?:the\s+)?(?:head|chief|commander|director|chairman|commandant|minister|"
                      r"people's\s+commissar)\s+of\s+(?:the\s+)?", seg)
        org = hm and next((o for o in orgs if o.start == e + consumed + hm.end()), None)
        if org and "issuer" not in attrs:
            attrs["issuer"] = org
            consumed = org.end - e
            signer = re.match(r",?\s+[^,;:\"“«()]{1,60}?(?=,?\s+(?:No\.?|N|№)\s?\d|,?\s+(?:dated|of)\s+\d)",
                              rest[consumed:])
            if signer and re.search(r"[A-Z]\.\s?[A-Z]", signer.group(0)):   # (initials: a name, not more words)
                consumed += signer.end()
            continue
        # "order of the director of the plant No. 211", "decision of the oblispolkom No. 21/507": who issued it, in
        # words, before its number
        # (or before its date: "the directive of the military council of 2 October 1945")
        wm = re.match(rf"\s+of\s+(?:the\s+)?[a-z][a-z -]{{1,60}}?(?=,?\s+(?:No\.?|N|№)\s?\d|,?\s+(?:dated|of)\s+"
                      rf"(?:\d{{1,2}}\.\d{{2}}\.|\d{{1,2}}\s+{MONTH_RE}|{MONTH_RE}\s+(?:\d{{1,2}},?\s+)?{YEAR_RE}))", seg)
        if wm and "issuer" not in attrs and "number" not in attrs and not issuer_in_words:
            issuer_in_words = True
            consumed += wm.end()
            continue
        sm = re.match(r"\s+(?:of\s+the\s+)?(?:USSR|RSFSR|Kazakh\s+SSR)\b", seg)
        if sm and "issuer" in attrs and "state" not in attrs:   # "Order of the MVD USSR No. 00917"
            attrs["state"] = True
            consumed += sm.end()
            continue
        dm = re.match(rf",?\s+(?:dated|of|from)\s+((?:{MONTH_RE}\s+\d{{1,2}},?\s+|\d{{1,2}}\s+{MONTH_RE}\s+|"
                      rf"{MONTH_RE}\s+|\d{{1,2}}\.\d{{2}}\.)?{YEAR_RE})", seg)   # ("of 15.06.1947")
        if dm and "date" not in attrs:
            d = dates(dm.group(1))
            if d:
                attrs["date"] = d[0].value
                attrs["date_as_written"] = dm.group(1)
                consumed += dm.end()
                continue
        jm = re.match(r"\s+of\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:of\s+)?[A-Z][\w’'-]*)*(?=,?\s+(?:No\.?|N|№)\s?\d|"
                      r"\s*[\"“«])", seg)
        if jm and "jurisdiction" not in attrs:   # "the Law of the Republic of Kazakhstan No. 142-VI" / "On ..."
            attrs["jurisdiction"] = jm.group(0).strip()
            consumed += jm.end()
            continue
        nm = re.match(r",?\s+\(?(?:No\.?|N|№)\s?(\d[\d/]*(?:-?[IVX]{1,4}\b|-\d+)?[a-z]?)(?:\)(?=[\s,.;]))?", seg)
        if nm and "number" not in attrs:
            attrs["number"] = nm.group(1)
            consumed += nm.end()
            continue
        qm = re.match(r",?\s*(?:(?:officially\s+|also\s+)?(?:en)?titled\s+|called\s+)?[\"“«]", seg)   # ', officially titled "On …"'
        if qm and "title" not in attrs:
            q = next((q for q in quotes if q.start == e + consumed + qm.end() - 1), None)
            if q:
                attrs["title"] = q.text
                consumed = q.end - e
                continue
        break
    attrs.pop("state", None)
    return attrs, consumed


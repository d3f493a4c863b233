"""Events named in prose: wars, trials, conferences, "the <trigger> of …", transfers, batches home."""

from __future__ import annotations

import re

from kg.extract.text.lexicon import Lexicon, alternation
from kg.extract.text.mentions.mention import CAP, Mention, mention_at
from kg.extract.text.spans import MONTH_RE, YEAR_RE, norm


_OPENERS = {"After", "Before", "In", "On", "At", "With", "Since", "Until", "Following", "During", "From", "The", "By"}


def events(text: str, lex: Lexicon) -> list[Mention]:
    out: list[Mention] = []
    for label, forms in lex["wars"].items():
        for m in re.finditer(r"\b(?:" + alternation(forms) + r")\b", text):
            mention = mention_at("event", "War", m, text, label, f"event:{norm(label)}")
            dm = re.match(rf"\s+(?:of\s+)?({YEAR_RE})\s*[-–—]\s*({YEAR_RE})\b", text[m.end():])
            if dm:
                mention.attrs["startDate"], mention.attrs["endDate"] = dm.group(1), dm.group(2)
                mention.attrs["date_as_written"] = f"{dm.group(1)}-{dm.group(2)}"
            out.append(mention)
    np_end = r"[^,.;:()\"“”]*?(?=\s*(?:,|\.|;|:|\(|\"|“|$|\s(?:was|were|is|are|led|that|which|had|has|began|took|he|she|they|we|it|"\
             r"in\s+(?:the\s+)?(?:late|early|first|second|spring|summer|autumn|winter)|" \
             r"(?:in|on)\s+(?:(?:early|late|mid-)\s*)?(?:\d{1,2}\s+)?(?:" + MONTH_RE + "|" + YEAR_RE + r"))\b))"
    for m in re.finditer(rf"\b({CAP}(?:\s+{CAP})?)\s+([Tt]rial|[Cc]onference|[Oo]ffensive|[Oo]peration)\b"
                         rf"(?:\s+of\s+({YEAR_RE}))?", text):
        words = m.group(1).split()
        if words[0] in lex["not_surnames"]:
            words = words[1:]
        if not words or words[0] in lex["not_surnames"]:
            continue
        start = m.start(1) + m.group(1).index(words[0])
        cls = "Conviction" if m.group(2).lower() == "trial" else "Conference" if m.group(2).lower() == "conference" \
            else "War"
        label = f"{' '.join(words)} {m.group(2)}"
        mention = mention_at("event", cls, (start, m.end()), text, label, f"event:{norm(label)}")
        if m.group(3):
            mention.attrs["date"] = m.group(3)
        out.append(mention)
    triggers = {k: v for k, v in lex["event_triggers"].items() if v != "Transfer"}
    trig = alternation(list(triggers))
    for m in re.finditer(rf"\b(?:the|a|an)\s+((?:[a-z]+\s+)?({trig})\s+(?:of|in)\s+{np_end})", text):
        cls = triggers[m.group(2)]
        span = (m.start(1), m.end(1))
        phrase = m.group(1)
        if len(phrase) > 160:
            continue
        out.append(Mention("event", cls, span[0], span[1], phrase, phrase, f"event:{norm(phrase)}"))
    # "the Soviet invasion of Manchuria", "The Soviet–Japanese talks on the detainees", "the London talks": an
    # event noun that a proper name or adjective before it tells apart, with what it is of or on, if said
    proper = r"(?:[A-Z][a-z]+(?:[-–][A-Z][a-z]+)*\s+){1,2}"
    for m in re.finditer(rf"\b[Tt]he\s+({proper}({trig})(?:\s+(?:of|on|over|between)\s+{np_end})?)"
                         rf"(?![\w-]|\s+(?!was\b|is\b|has\b)[a-z]+s\b|\s+(?:toll|rate|figure|register|list|record|"
                         rf"certificate|camp|zone)\b)", text):   # ("the Soviet death rates")
        words = m.group(1).split()
        if words[0] in lex["not_surnames"] or words[0] in _OPENERS or len(m.group(1)) > 160:
            continue
        out.append(mention_at("event", triggers[m.group(2)], (m.start(1), m.end(1)), text, m.group(1),
                              f"event:{norm(m.group(1))}"))
    transfer = alternation([k for k, v in lex["event_triggers"].items() if v == "Transfer"])
    for m in re.finditer(rf"\b(?:the\s+)?({transfer})\s+(?:of\s+[^,.;]*?\s+)?from\s+(?:the\s+)?{CAP}{np_end}", text):
        phrase = m.group(0)
        phrase = re.sub(r"^the\s+", "", phrase)
        s = m.end() - len(phrase)
        out.append(Mention("event", "Transfer", s, m.end(), phrase, phrase, f"event:{norm(phrase)}"))
    # "the first batch of 650 men", "the last large batch", "the second echelon": a departure home
    for m in re.finditer(r"\b(?:the\s+)?((?:final|last|first|second|third|next)\s+(?:(?:large|small|big)\s+)?"
                         r"(?:(?:batch|echelon|transport)(?:\s+of\s+[^,.;]*?)?|(?:group|party)\s+of\s+[^,.;]*?|"
                         r"(?:group|party)(?=\s+(?:left|sailed|departed|returned)\b)))"
                         r"(?=\s+(?:in|who|which|left|returned|arrived|was|were|followed|sailed|departed)\b|[,.;])",
                         text):
        out.append(Mention("event", "Repatriation", m.start(1), m.end(1), m.group(1), m.group(1),
                           f"event:{norm(m.group(1))}"))
    for m in re.finditer(r"\b(?:path|process|way)\s+of\s+(?:returning|return)\s+to\s+(?:their|the)\s+homeland\b|"
                         r"\b(?:returning|return|repatriation)\s+to\s+(?:their|the)\s+homeland\b", text):
        out.append(mention_at("event", "Repatriation", m, text, m.group(0)))
    # "Kazakhstan's independence", "Japan's surrender": the event of the one named, as "independence of Kazakhstan"
    owned = {**triggers, "independence": "PoliticalChange"}
    for m in re.finditer(rf"\b({CAP}(?:\s+{CAP})?)['’]s\s+({alternation(list(owned))})\b", text):
        words = m.group(1).split()
        while words and (words[0] in lex["not_surnames"] or words[0] in _OPENERS):
            words = words[1:]
        if not words:
            continue
        label = f"{m.group(2)} of {' '.join(words)}"
        at = m.start(1) + m.group(1).index(words[0])
        out.append(mention_at("event", owned[m.group(2)], (at, m.end()), text, label, f"event:{norm(label)}"))
    # "Repatriation began in spring 1947": an event named by its noun alone, without an article ("The ceremony
    # ended" refers back), when it is what begins, ends or takes place
    opening = alternation([t.capitalize() for t in triggers])
    # ("Repatriation of the Japanese began": with what its "of" says)
    for m in re.finditer(rf"(?:^|(?<=[.!?]\s))(({opening})(?:\s+of\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?)?)"
                         rf"(?=\s+(?:began|begun|started|ended|continued|"
                         rf"took\s+place|lasted|was\s+completed|resumed)\b)", text):
        noun = m.group(2).lower()
        out.append(mention_at("event", triggers[noun], (m.start(1), m.end(1)), text, m.group(1),
                              f"event:{norm(m.group(1))}"))
    # "a memorial service is held at the site", "they conducted a memorial service": a rite, named by its noun alone
    for m in re.finditer(rf"\b(?:[Tt]he|[Aa]n?)\s+((?:(?:annual|yearly|short|joint|first|solemn|Buddhist|Orthodox|Shinto|"
                         rf"brief|private|public|commemorative)\s+){{0,2}}"
                         rf"(?:{alternation(lex['rite_nouns'])}))\b(?!\s+of\b)", text):
        if not any(o.start <= m.start(1) < o.end for o in out):
            out.append(mention_at("event", "Event", (m.start(1), m.end(1)), text, m.group(1),
                                  f"event:{norm(m.group(1))}-{m.start()}"))
    # "a roof collapse at the Saran mine", "the strike of 1948", "a fire in the camp bakery": an incident
    incident = alternation(lex["incident_nouns"])
    for m in re.finditer(rf"\b(?:[Aa]n?|[Tt]he)\s+((?:(?:roof|mine|hunger|great|big|major|first|second|camp)\s+)?"
                         rf"(?:{incident})(?:\s+of\s+(?:1[89]|20)\d\d)?)\b(?!\s+(?:of|to)\s+[a-z])", text):
        out.append(mention_at("event", "Event", (m.start(1), m.end(1)), text, m.group(1),
                              f"event:{norm(m.group(1))}"))
    # "a typhus epidemic", "the dysentery outbreak of 1946", "an epidemic of typhus": a disease's outbreak
    disease = alternation(lex["diseases"])
    # ("the Saran typhus epidemic": with the place it broke out in)
    for m in re.finditer(rf"\b(?:an?|the|[Aa]n?|The)\s+(?:(?:severe|major|great|first|second)\s+)?"
                         rf"((?:(?:[A-Z][a-z]+\s+)?({disease})\s+(?:epidemic|outbreak))|(?:epidemic|outbreak)\s+of\s+"
                         rf"({disease}))\b", text):
        label = m.group(1)
        year = re.match(rf"\s+(?:of|in)\s+({YEAR_RE})\b", text[m.end():])
        mention = mention_at("event", "Epidemic", (m.start(1), m.end(1)), text, label, f"event:{norm(label)}-{m.start()}")
        if year:
            mention.attrs["date"] = year.group(1)
        out.append(mention)
    # "he was awarded the Order of the Red Star", "received the medal For Labour Valour": an award, named by
    # the decoration as written
    for m in re.finditer(r"\b(?:awarded|decorated\s+with|received|presented\s+with|given)\s+(?:the\s+)?"
                         r"((?:[A-Z][a-z]+\s+)?(?:Order|Medal|medal|order)\s+(?:of\s+(?:the\s+)?|for\s+|\"|“)?"
                         r"[A-Z][\w'’-]*(?:\s+(?:of|the|for|and|in|[A-Z][\w'’-]*|[IVX]+))*?[\w'’]*[\"”]?)"
                         r"(?=\s*(?:[,.;(]|in\s+(?:1[89]|20)\d\d|for\s+[a-z]|on\s|$))", text):
        name = m.group(1) if re.search(r"[\"“]", m.group(1)) else m.group(1).rstrip("\"”")
        out.append(Mention("event", "Award", m.start(1), m.start(1) + len(name), name, f"award of the {name}",
                           f"event:award-{m.start()}"))
    # "the Hokusei Maru, which left Nakhodka on 30 June 1947", "The Kotobuki Maru sailed from Nakhodka": a ship's
    # voyage, named by the ship
    for m in re.finditer(rf"\b(?:[Tt]he[ \t]+)?((?:{CAP}[ \t]+){{1,2}}Maru)\b(?=(?:,\s+which)?\s+(?:left|sailed|"
                         rf"departed|arrived|reached|docked|carried|brought|took|returned)\b)", text):
        label = f"voyage of the {m.group(1)}"
        out.append(mention_at("event", "Transfer", (m.start(1), m.end(1)), text, label, f"event:{norm(label)}"))
    for m in re.finditer(r"\bhanded\s+over\b", text):
        out.append(mention_at("event", "Handover", m, text, "handing over", f"event:handover-{m.start()}"))
    return out


def titled_events(text: str, lex: Lexicon) -> list[Mention]:
    """"the exhibition "Far from Home"", "the international conference "Captivity and Memory: ..."", ""Letters
    Without Answers" (exhibition)", a title line "Far from home: ... (exhibition text)": an exhibition, a
    conference (`lexicon.yaml: titled_event_heads`), named by its title, and by its title's head with the noun
    ("Captivity and Memory conference")."""
    heads: dict[str, str] = lex["titled_event_heads"]
    head = alternation(list(heads))
    out: list[Mention] = []
    quoted = r"[\"“«]([^\"”»\n]{3,160})[\"”»]"
    for m in re.finditer(rf"\b(?i:({head}))\s*,?\s*(?:(?:entitled|called|titled)\s+)?{quoted}|"
                         rf"{quoted}\s*\(?\s*({head})\b|"
                         rf"^([^\n()]{{3,150}}?)\s*\((?:an?\s+)?({head})(?:\s+[a-z]+)?\)\s*$", text, re.M):
        group = next(g for g in (2, 3, 5) if m.group(g))
        noun = (m.group(1) or m.group(4) or m.group(6)).lower()
        title = m.group(group).strip().rstrip(".,")
        start = m.start() if group == 2 else m.start(group)   # with its noun: "the exhibition" there is no anaphor
        end = m.start(group) + len(title) if group != 3 else m.end()
        mention = Mention("event", heads[noun], start, end, text[start:end], title, f"event:{noun}:{norm(title)}")
        short = re.split(r"\s*:\s*", title)[0]
        mention.names += [f"{noun} {title}", f"{title} {noun}", f"{short} {noun}"]
        out.append(mention)
    return out

"""Organisations: a capitalised head noun of the lexicon with its modifiers and "of …" tail, acronyms."""

from __future__ import annotations

import re

from kg.extract.text.lexicon import Lexicon, alternation
from kg.extract.text.mentions.mention import CAP, UPPER, Mention, mention_at
from kg.extract.text.spans import norm


_PUBLISHER = re.compile(rf"\b(?:published\s+by\s+({CAP}(?i:sha|shoten|izdat|verlag|press))(?![\w-]|\s+{CAP})|"
                        rf"(?:[Pp]ublisher|[Pp]ublishing\s+house)\s+({CAP}(?:\s+{CAP})?)(?![\w-]))")


def organizations(text: str, lex: Lexicon) -> list[Mention]:
    out: list[Mention] = []
    heads = lex["org_heads"]
    stop_left = set(lex["not_surnames"]) - set(heads)
    head_re = re.compile(r"\b(" + alternation(list(heads)) + r")\b")
    posts = {w.lower() for w in lex["positions"] + lex["affiliation_roles"]}
    tails = "|".join(lex["org_tail_nouns"])
    # a name word, never the "No." of a number that follows the name ("... of the USSR No. 103")
    word = rf"(?!(?:Nos?|N)\.?\s?\d)(?:{CAP}(?:['’]s)?|{UPPER}|\d{{4}}(?:-\d{{4}})?|(?!Nos?\.|N\.)[A-Z][a-z]*\.)"
    # "Institute of History, Archaeology and Ethnography": a comma inside a name only in a list closed by "and"
    list_comma = rf",\s+(?=(?:{CAP},\s+)*{CAP}\s+and\s+{CAP})"
    tail_re = re.compile(   # ("Administration of Camp No. 41 for Prisoners of War": a camp by its number)
        rf"(?:\s+(?:of|for|on)(?:\s+the)?\s+(?:(?:{tails})\s+of\s+)?(?:[Cc]amp\s+(?:No\.?|№)\s?\d{{1,4}}|{word})"
        # (not "... and MVD": "and" before an acronym joins two bodies, not two words of one name)
        rf"(?:(?:\s+|\s+(?:of|for|on|and(?!\s+[A-Z]{{2,}}\b)|the|of the|with)\s+|[-–]|{list_comma}){word}|\s+(?:{tails})\b)*)+")
    for hm in head_re.finditer(text):
        head = hm.group(1)
        cls = heads[head]
        s, e = hm.span()
        # left modifiers: capitalised words, acronyms, demonyms, hyphenated words
        left = text[:s]
        # ("Balkhash Comrades' Association", "Sora no Kai": a possessive plural, the particle of a romanised name)
        # ("Kyoto Women's University", "People's Commissariat": a possessive plural inside the name)
        lm = re.search(rf"((?:(?:{CAP}(?<=s)['’]|{CAP}(?:(?:(?<=en)|(?<=ople))['’]s)?|{UPPER}|\d{{1,4}}(?:st|nd|rd|th))(?:[-–]{CAP})?\s+"
                       rf"(?:no\s+|(?<=s\s)of\s+(?={CAP})|and\s+(?={CAP}\s))?)+)$", left)   # ("Karaganda Friends of Democracy Society")
        # ("Social Welfare and War Victims' Relief Bureau": words joined by "and" before the head)
        if lm:
            words = lm.group(1).split()
            while words and (words[0] in stop_left or re.search(r"-based$", words[0])):
                words = words[1:]   # (not "Tokyo-based": where the body sits is no part of its name)
            while "of" in words and words[words.index("of") - 1].lower() in posts:
                words = words[words.index("of") + 1:]   # "the Head of Saran Society": a post, then the body
            # a sentence-initial capital is a modifier only if more words follow
            s = s - len(" ".join(words)) - 1 if words else s
            if words:
                s = left.rfind(" ".join(words))
        tm = tail_re.match(text, e)
        if tm:
            e = tm.end()
            # "the Administration of Camp No. 99 of the NKVD-MVD": the camp's administration, not the ministry's
            cm = re.search(r"[Cc]amp\s+(?:No\.?|№)\s?\d{1,4}(?=\s+of\s)", text[hm.end():e])
            if cm:
                e = hm.end() + cm.end()
        qm = re.match(r'\s+["“«]([A-Z][\w-]+)["”»]', text[e:])
        if qm and head in ("University", "Institute", "Academy", "Plant", "Combine", "Trust", "Company", "Society",
                           "Association", "Foundation", "Fund", "Union", "Club"):
            e += qm.end()   # 'Friendship Society "Sakura"'
        # an embassy is named with where it sits: "Embassy of Japan in Kazakhstan"
        im = re.match(rf"\s+in\s+(?:the\s+)?(?:{CAP}(?:\s+(?:of\s+)?{CAP})*|{UPPER}\b)", text[e:]) if head in (
            "Embassy", "Consulate", "Consulate General", "Consulate-General", "Mission", "Representation", "Center", "Centre",
            "Office") else None   # "Japan Center in Karaganda"
        if im:
            e += im.end()
        # "Karaganda State University named after E. A. Buketov": the name a body bears in honour of someone
        nm = re.match(rf"\s+named\s+after\s+(?:(?:[A-Z][a-z]?\.\s?){{1,3}}\s*)?{CAP}(?:-{CAP})?", text[e:])
        if nm:
            e += nm.end()
        if s == hm.start() and e == hm.end() and " " not in head:
            continue  # a bare head noun ("Parliament") is not a name ("Red Cross" is)
        name = text[s:e]
        if re.match(r"(?:The|A|An)\s", name):
            continue
        if re.search(r"\b(?:A|a|An|an)\s+$", text[max(0, s - 4):s]) and re.match(r"\s+[A-Z][a-z]", text[e:e + 3]):
            continue  # "A Regional Archive Study": a title-case phrase after an indefinite article, not a name
        # an enterprise of a ministry is named without the ministry: split "X Plant of the Ministry of Y"
        inner = re.search(r"\s+of\s+(?:the\s+)?(.*)$", text[hm.end():e])
        if cls == "Enterprise" and inner and head_re.search(inner.group(1)) and s < hm.start():
            e = hm.end()
            name = text[s:e]
        label = re.sub(r'\s+["“«]([\w-]+)["”»]$', r" \1", name)
        out.append(Mention("organization", cls, s, e, name, label, org_key(label)))
    acr = lex["org_acronyms"]
    acr_tail = re.compile(rf"\s+of\s+the\s+(?:{UPPER}|{CAP})(?:\s+(?!Nos?\b)(?:{UPPER}|{CAP}))*(?![\w-])")
    for m in re.finditer(r"(?<![\w-])(" + alternation(list(acr)) + r")(?![\w-])", text):
        e = m.end()
        tm = acr_tail.match(text, e)
        if tm and not (re.search(r"[a-z]$", tm.group(0)) and re.match(rf"\s+(?:of|for)\s+(?:the\s+)?{CAP}",
                                                                     text[tm.end():])):
            e = tm.end()   # (not "GUPVI of the Ministry" out of "... of the Ministry of Internal Affairs": the
            # acronym alone, the body it belongs to a name of its own)
        # "UPVI of the UMVD of Karaganda oblast", "GUPVI of the NKVD (from 1946 – MVD) of the USSR": a chain of
        # bodies, each of the next, ending in a state or a region
        while cm := _ACRONYM_CHAIN.match(text, e):   # ("UMVD of Karaganda oblast" too)
            e = cm.end()
        label = text[m.start():e]
        out.append(Mention("organization", acr[m.group(1)], m.start(), e, label, label, org_key(label)))
    for pat in lex["org_word_patterns"]:
        for m in re.finditer(r"\b" + pat + r"\b", text):
            mention = mention_at("organization", "Enterprise", m, text, m.group(0), org_key(m.group(0)))
            kind = re.search(r"\b((?:city\s+communal\s+)?(?:trust|combine|sovkhoz|kolkhoz|Glavk|enterprise|plant|"
                             r"factory|artel))\s+[\"“«]?$", text[max(0, m.start() - 30):m.start()])
            if kind:   # "the trust Karagandashakhtostroy", 'sovkhoz "Krasnoznamenny"': also named with its kind
                mention.names.append(f"{kind.group(1)} {m.group(0)}")
            out.append(mention)
    demonyms = alternation(list(lex["demonyms"]))
    for m in re.finditer(rf"\b({demonyms})\s+(government|authorities)\b", text):
        country = lex["demonyms"][m.group(1)]
        label = f"Government of {country}" if country != "Soviet Union" else "Government of the Soviet Union"
        out.append(mention_at("organization", "StateBody", m, text, label, org_key(label)))
    # "the Karaganda publisher Bolashak", "published by Heibonsha": a publishing house named by a word or two, after
    # the noun that says so, or after "published by" when the name says so itself ("-sha", "Shoten", "Izdat")
    for m in _PUBLISHER.finditer(text):
        name = m.group(1) or m.group(2)
        if name in lex["not_surnames"] or name in lex["given_names"] or name in lex["places"] or \
                name in lex["demonyms"]:
            continue
        span = (m.start(1), m.end(1)) if m.group(1) else (m.start(2), m.end(2))
        out.append(mention_at("organization", "Publisher", span, text, name, org_key(name)))
    # unnamed centres described by what they do: "a special center for providing assistance to ..."
    for m in re.finditer(r"\b(?:the|a|an|this|another)\s+((?:(?!the\b|of\b|a\b|an\b)[a-z][\w-]*\s+(?:and\s+)?){0,5}"
                         r"(?:center|centre)\s+for\s+(?:the\s+)?(?:study|studies|research|providing|assistance|"
                         r"preservation|documentation)\b[^,.;:()]*?)(?=\s+(?:was|were|is|has|we|which|that)\b|[,.;:()]|$)",
                         text):
        label = m.group(1)
        out.append(mention_at("organization", "PublicOrganization", (m.start(1), m.end(1)), text, label, org_key(label)))
    for m in re.finditer(r"\b((?:historical|scientific|research|educational|historical-educational)"
                         r"(?:\s+(?:and\s+)?(?:historical|scientific|research|education|educational|"
                         r"historical-educational))+\s+cent(?:er|re))\b", text):
        out.append(mention_at("organization", "PublicOrganization", m, text, m.group(1), org_key(m.group(1))))
    return out


_ACRONYM_CHAIN = re.compile(rf"(?:\s*\([^()]{{1,30}}\))?\s+of\s+(?:the\s+)?(?:{UPPER}(?![\w-])|USSR|RSFSR|{CAP}\s+SSR|"
                            rf"{CAP}\s+(?:oblast|Oblast|region|Region|krai|raion))")


def org_key(label: str) -> str:
    words = sorted(set(re.findall(r"[\w-]+", norm(label))) - {"the", "of", "for", "on", "and"})
    return "organization:" + " ".join(words)


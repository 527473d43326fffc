"""Trivial baselines, scored by the same code as harmwatch so every number has a floor beside it.

* date: the publication date (none for GTD, ACLED, ISAF, MUC, Airwars: those give no date);
* place: the first capitalised word or word pair that the gazetteer knows (exact/article keys, no
  fuzzy match), taking its most populous entry;
* killed and injured: the first number in the text (digits or number words), years 1900-2099
  skipped; no number -> no figure;
* event type: the majority gold class of the evaluated rows;
* actors: the first (perpetrators, actors_any) and second (victims) actor-dictionary mention;
* detection: every document reports an event, as one incident;
* main text: all visible text of the page (script/style dropped).
"""

from __future__ import annotations

import re

_CAP = re.compile(r"[A-Z][\w'’.-]*")
_STOP = {"the", "a", "an", "on", "in", "at", "of", "and", "he", "she", "it", "they", "we", "i", "this", "that",
         "after", "before", "during", "when", "while", "since", "but", "as", "by", "for", "from", "to", "with"}
_NUM = re.compile(r"\b(\d{1,3}(?:,\d{3})+|\d+)\b|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                  r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
                  r"fifty|hundred|dozens?)\b", re.I)
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
          "hundred": 100, "dozen": 12, "dozens": 12}


def first_place(text: str) -> dict | None:
    from harmwatch.extract.places import get_gazetteer

    gaz = get_gazetteer()
    toks = list(_CAP.finditer(text))
    for i, m in enumerate(toks):
        if m.group(0).lower().strip(".") in _STOP:
            continue
        cands = []
        if i + 1 < len(toks) and text[m.end():toks[i + 1].start()] == " ":
            cands.append((m.start(), toks[i + 1].end()))
        cands.append((m.start(), m.end()))
        for s, e in cands:
            name = text[s:e].rstrip(".")
            if len(name) < 3:
                continue
            places = gaz.lookup(name, fuzzy=False)
            if places:
                p = places[0]
                return {"name": p.name, "country_code": p.country_code, "admin1": p.admin1, "lat": p.lat,
                        "lon": p.lon, "geonames_id": p.geonameid, "evidence": [[s, s + len(name)]]}
    return None


def first_number(text: str) -> dict | None:
    for m in _NUM.finditer(text):
        if m.group(1):
            v = int(m.group(1).replace(",", ""))
            if 1900 <= v <= 2099 and "," not in m.group(1):
                continue
        else:
            v = _WORDS[m.group(2).lower()]
        return {"min": v, "best": v, "max": v, "evidence": [[m.start(), m.end()]]}
    return None


def first_actors(text: str) -> list[dict]:
    from harmwatch.extract.actors import find_actors

    out, seen = [], set()
    for a in find_actors(text, 0, len(text)):
        if a.name not in seen:
            seen.add(a.name)
            out.append({"name": a.name, "mention": a.mention, "category": a.category, "evidence": [list(a.span)]})
    return out


def baseline_incident(text: str, published: str | None, majority_sub_event: str | None) -> dict:
    """One pseudo-incident per document in the contract's shape."""
    actors = first_actors(text)
    pub = (published or "")[:10] or None
    return {
        "sub_event_type": majority_sub_event,
        "date": {"start": pub, "end": pub, "evidence": []} if pub else None,
        "location": first_place(text),
        "perpetrators": actors[:1],
        "victims": actors[1:2],
        "killed": first_number(text),
        "injured": first_number(text),
        "evidence": [[0, len(text)]],
        "event_evidence": [],
    }


def page_text(html: str) -> str:
    """All visible text of a page: the main-text floor."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:  # noqa: BLE001 - a page lxml cannot parse has no text for the floor
        return ""
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    body = root.find("body")
    txt = (body if body is not None else root).text_content()
    return "\n".join(line.strip() for line in txt.splitlines() if line.strip())

"""Detect incidents in a document and fill their fields with evidence.

The steps (DESIGN.md: detect, fill, resolve):

1. Segment the text into sentences; find violence triggers in each.
2. Group event sentences into incident mentions. A sentence opens a new
   incident only when it has a strong, realis trigger *and* something says it
   is a different event: an explicit marker ("in a separate attack",
   "elsewhere"), a different day, or a different town. Everything else adds to
   the incident already open, so "ISIS gunmen opened fire on them" after the
   lead stays one incident with the lead.
3. Sentences whose dates lie well before the publication date (background:
   "last year's bombing") open no incident and add nothing.
4. Fill each incident from its sentences: event type from trigger classes and
   victims, date, place, actors with roles, casualty claims with their
   sources reconciled into min/best/max, weapons.

Every value keeps the character spans it came from.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import partial

from harmwatch.extract import casualties as cas_mod
from harmwatch.extract.casualties import shot as shot_mod
from harmwatch.extract import confidence as confidence_mod
from harmwatch.extract import dates as dates_mod
from harmwatch.extract.dates.phrases import (FOLLOW_UP_DAYS, dates_a_procedure, dates_the_act as _dates_the_act,
                                             follow_up_date as _follow_up_date, is_byline as _is_byline,
                                             is_report_date as _is_report_date, names_the_event as _names_the_event)
from harmwatch.extract import places as places_mod
from harmwatch.extract.events import (
    BACKGROUND,
    SEPARATE_INCIDENT,
    Trigger,
    classify,
    classifying_classes,
    event_type_of,
    find_triggers,
    history_sentence,
)
from harmwatch.extract.places.geocode import SPECIFICITY
from harmwatch.extract.roles import ARMED_CATEGORIES, assign_roles
from harmwatch.extract.segment import split_sentences
from harmwatch.extract.weapons import find_weapons, unique_weapons
from harmwatch.types import (
    CasualtyClaim,
    DateMention,
    Document,
    Incident,
    Location,
    PlaceMention,
    Sentence,
    Span,
)



@dataclass
class _SentFeatures:
    index: int
    sent: Sentence
    triggers: list[Trigger]
    dates: list[DateMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    location: Location | None = None
    background: bool = False
    follow_up: bool = False  # a later step of the open incident's case (an arrest): its dates date nothing
    claims: list[CasualtyClaim] | None = None  # computed once, on demand


def _claims(text: str, f: _SentFeatures) -> list[CasualtyClaim]:
    if f.claims is None:
        f.claims = cas_mod.find_casualty_claims(text, f.sent.start, f.sent.end)
    return f.claims


@dataclass
class _Draft:
    sentences: list[int] = field(default_factory=list)
    date: DateMention | None = None
    town: tuple[str | None, float | None, float | None] | None = None  # (name, lat, lon)


def extract_incidents(doc: Document) -> list[Incident]:
    """All incident mentions in ``doc``, in order of first mention."""
    text = doc.text
    sents = split_sentences(text)
    if not sents:
        return []
    published = dates_mod.parse_published(doc.published)
    # the dateline ("KABUL, Afghanistan (Jan. 10, 2011) -") dates the report, not the event
    dl_date, dl_span = dates_mod.document_dateline(text, published)
    if published is None:
        published = dl_date
    hints = places_mod.find_country_hints(text)
    country_hint = hints.most_common(1)[0][0] if hints else None

    feats: list[_SentFeatures] = []
    for i, s in enumerate(sents):
        trig = find_triggers(text, s.start, s.end)
        f = _SentFeatures(i, s, trig)
        if any(t.realis for t in trig):
            f.dates = dates_mod.find_dates(text, s.start, s.end, published)
            if dl_span is not None:
                f.dates = [d for d in f.dates if d.span[1] <= dl_span[0] or d.span[0] >= dl_span[1]]
            f.dates = [d for d in f.dates if not _is_byline(text, d)]
            f.background = (bool(f.dates) and all(dates_mod.is_background(d, published) for d in f.dates)) or bool(
                BACKGROUND.search(text, s.start, s.end)
            ) or history_sentence(text, s.start, s.end, published.year if published else None,
                                  [t for t in trig if t.realis])
        feats.append(f)

    drafts = _group(text, feats, hints, dl_span)
    filled = [(d, _fill(text, feats, sents, d, published, hints, country_hint, dl_span)) for d in drafts]
    filled = [(d, inc) for d, inc in filled if inc is not None]
    # ACLED's unit: one event per type, day and place. Two parts of this report that turn out to share
    # all three (the second paragraph re-telling the lead, "twin bombings") are one incident.
    # A part is compared with each incident as first filled, and an incident that took parts is
    # filled again once at the end: filling it again after every part made a report of many
    # parts quadratic (a list of hundreds of attacks of one day and town ran for minutes).
    merged: list[tuple[_Draft, Incident]] = []
    grown: set[int] = set()
    for d, inc in filled:
        at = next((k for k, m in enumerate(merged) if _same_unit(m[1], inc)), None)
        if at is None:
            merged.append((d, inc))
            continue
        merged[at][0].sentences.extend(d.sentences)
        grown.add(at)
    for at in sorted(grown):
        again = _fill(text, feats, sents, merged[at][0], published, hints, country_hint, dl_span)
        if again is not None:
            merged[at] = (merged[at][0], again)
    incidents = [inc for _, inc in merged]
    for inc in incidents:
        inc.confidence = _confidence(inc, text, len(incidents))
    return incidents


def _same_unit(a: Incident, b: Incident) -> bool:
    da, db = a.date or {}, b.date or {}
    if not da.get("start") or da.get("start") != db.get("start") or not (da.get("precision") or "").startswith("day"):
        return False
    if a.event_type != b.event_type:
        return False
    la, lb = a.location or {}, b.location or {}
    if la.get("lat") is None or lb.get("lat") is None:
        return la.get("name") is not None and la.get("name") == lb.get("name")
    return not _far_apart((la.get("name"), la["lat"], la["lon"]), (lb.get("name"), lb["lat"], lb["lon"]))


# --------------------------------------------------------------------------- grouping


def _group(text: str, feats: list[_SentFeatures], hints: Counter, dateline: Span | None = None) -> list[_Draft]:
    drafts: list[_Draft] = []
    cur: _Draft | None = None
    town = partial(_town, dateline=dateline)
    for f in feats:
        realis = [t for t in f.triggers if t.realis]
        if not realis or f.background:
            continue
        strong = any(t.strength >= 2 for t in realis)
        day = _day_of([d for d in f.dates if not _is_report_date(text, d)])
        if cur is None:
            if strong:
                cur = _open(drafts, f, day)
                cur.town = town(text, f, hints)
            continue
        separate = False
        if strong and _follow_up(text, f, [feats[i] for i in cur.sentences]):
            # "Police arrested a suspect Monday": the case of the open incident goes on; its day is
            # the arrest's, not the event's, and dates nothing
            here = town(text, f, hints)
            if not (here is not None and cur.town is not None and _far_apart(here, cur.town)):
                f.dates, f.follow_up = [], True
                cur.sentences.append(f.index)
                continue
        back = strong and _refers_back(text, f, [feats[i] for i in cur.sentences])
        if back and day is not None and cur.date is not None and cur.date.start != day.start:
            # "the bombing took place on October 10th": the earlier incident of that day, if any
            earlier = next((d for d in drafts if d is not cur and d.date is not None and _same_day(d.date.start, day.start)), None)
            if earlier is not None:
                cur = earlier
        if strong and not back:
            if SEPARATE_INCIDENT.search(text, f.sent.start, f.sent.end):
                separate = True
            elif day is not None and cur.date is not None and cur.date.start != day.start:
                separate = True
            elif day is not None or _has_figure(text, f):
                # a different town only splits when the sentence tells its own story (a date or a toll);
                # otherwise it is detail of the incident already open ("the attacker came from X")
                here = town(text, f, hints)
                if here is not None and cur.town is not None and _far_apart(here, cur.town):
                    separate = True
        if separate:
            # the same day and town as an earlier incident of this document: it is that one again
            here = town(text, f, hints)
            same = next((d for d in drafts if _same_event(d, day, here)), None)
            cur = same or _open(drafts, f, day)
            if same is not None:
                same.sentences.append(f.index)
            elif cur.town is None:
                cur.town = here
            continue
        cur.sentences.append(f.index)
        if cur.date is None and day is not None:
            cur.date = day
        if cur.town is None:
            cur.town = town(text, f, hints)
    return drafts


_ANAPHOR_BEFORE = re.compile(r"\b(?:the|this|that|these|those|same|its|their)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
# "the second shooting", "the other attack", "an earlier raid": a definite phrase that points away
_OTHER_EVENT_BEFORE = re.compile(
    r"\b(?:second|third|fourth|fifth|other|another|earlier|previous|prior|latest|later|new|recent|separate|"
    r"unrelated|similar|first|next|last)\s+$",
    re.IGNORECASE,
)
# Trigger classes that name one act of harm under different words: the lead's "was shot" (kill) is
# "the shooting" (attack) and "the blast" (explosive) of the next sentences.
_HARM = frozenset({"kill", "injure", "attack", "fire", "shelling", "blast", "explosive", "grenade", "air", "suicide"})


def _refers_back(text: str, f: _SentFeatures, current: list[_SentFeatures]) -> bool:
    """Does this sentence talk about the incident already open? "THE MASS KIDNAPPING TOOK PLACE ON
    30 DECEMBER", "the attack happened in X", "a cousin was held a day later over the
    shooting": a definite reference to an event of the same kind, or to an act of harm when the open
    incident is one ("the second shooting" points to another event)."""
    classes = {t.cls for g in current for t in g.triggers if t.realis}
    harm = bool(classes & _HARM)
    for t in f.triggers:
        if not (t.realis and (t.cls in classes or (harm and t.cls in _HARM))):
            continue
        before_start = max(f.sent.start, t.span[0] - 24)
        if _ANAPHOR_BEFORE.search(text, before_start, t.span[0]) and not _OTHER_EVENT_BEFORE.search(
            text, before_start, t.span[0]
        ):
            return True
    return False


def _same_day(a: str | None, b: str | None) -> bool:
    """Same ISO day, or the same month and day when one of them has no year ("--10-10")."""
    if not a or not b:
        return False
    return a == b or ((a.startswith("--") or b.startswith("--")) and a[-5:] == b[-5:])


_ARREST = frozenset({"arrest", "arrest_one"})


def _follow_up(text: str, f: _SentFeatures, current: list[_SentFeatures]) -> bool:
    """Is this sentence a step of the open incident's case, not an event of its own? Its only strong
    triggers are arrests ("a 19-year-old was arrested Sunday", "deputies detained the suspect"), the
    open incident is an act of harm (a strong trigger: "Facilitator Linked to Attacks Captured" opens
    an arrest, and the raid's own sentences date it), the sentence tells no toll of its own and no marker says it is
    another event ("in a separate raid")."""
    strong = [t for t in f.triggers if t.realis and t.strength >= 2]
    if not strong or any(t.cls not in _ARREST for t in strong):
        return False
    if not any(t.realis and t.strength >= 2 and t.cls in _HARM for g in current for t in g.triggers):
        return False
    return not SEPARATE_INCIDENT.search(text, f.sent.start, f.sent.end) and not _has_figure(text, f)


def _has_figure(text: str, f: _SentFeatures) -> bool:
    """A specific toll of its own ("12 people were killed"); "many were hurt" tells no separate story."""
    return any(cas_mod.specificity(c) >= 2 for c in _claims(text, f))


def _open(drafts: list[_Draft], f: _SentFeatures, day: DateMention | None) -> _Draft:
    d = _Draft(sentences=[f.index], date=day)
    drafts.append(d)
    return d


def _day_of(dates: list[DateMention]) -> DateMention | None:
    for d in dates:
        if d.start is not None and d.precision and d.precision.startswith("day") and d.start == d.end:
            return d
    return None


def _town(
    text: str, f: _SentFeatures, hints: Counter, dateline: Span | None = None
) -> tuple[str | None, float | None, float | None] | None:
    if f.location is None:
        if not f.places:
            f.places = places_mod.find_places(text, f.sent.start, f.sent.end)
        # the dateline names where the report was filed, not where the event happened
        mentions = _off_dateline(f.places, dateline)
        if not mentions:
            return None
        f.location = places_mod.resolve_location(text, mentions, country_hints=hints)
    loc = f.location
    if loc.lat is None or loc.precision not in ("town", "neighbourhood", "exact"):
        return None
    return (loc.name, loc.lat, loc.lon)


def _off_dateline(mentions: list[PlaceMention], dateline: Span | None) -> list[PlaceMention]:
    if dateline is None:
        return mentions
    return [m for m in mentions if m.span[0] >= dateline[1]]


def _far_apart(a: tuple, b: tuple, km: float = 25.0) -> bool:
    if a[1] is None or b[1] is None:
        return False
    dlat = (a[1] - b[1]) * 111.0
    dlon = (a[2] - b[2]) * 111.0 * max(0.1, abs(math.cos(math.radians(a[1]))))
    return (dlat * dlat + dlon * dlon) ** 0.5 > km


def _same_event(d: _Draft, day: DateMention | None, town) -> bool:
    if day is None or d.date is None or d.date.start != day.start:
        return False
    if town is None or d.town is None:
        return False
    return not _far_apart(town, d.town)


# --------------------------------------------------------------------------- filling


def _fill(
    text: str,
    feats: list[_SentFeatures],
    sents: list[Sentence],
    draft: _Draft,
    published: dt.date | None,
    hints: Counter,
    country_hint: str | None,
    dateline: Span | None = None,
) -> Incident | None:
    idxs = sorted(set(draft.sentences))
    fs = [feats[i] for i in idxs]
    triggers = [t for f in fs for t in f.triggers if t.realis]
    if not any(t.strength >= 2 for t in triggers):
        return None
    spans = [(f.sent.start, f.sent.end) for f in fs]
    pairs = [(s.start, s.end) for s in sents]

    # casualty claims with their sources
    claims: list[CasualtyClaim] = []
    sources: dict[str, dict] = {}
    for f in fs:
        found = _claims(text, f)
        att = cas_mod.attribute(text, pairs, f.index) if found or f.index == idxs[0] else None
        if att is not None:
            name, ev = att
            entry = sources.setdefault(name, {"name": name, "evidence": []})
            entry["evidence"].extend([list(s) for s in ev])
        for c in found:
            if att is not None:
                c = _with_source(c, att)
            claims.append(c)
    # how many were hit ("six people were shot"): its "one fatally" rider is a killed claim, and when
    # no sentence names the wounded, the hit less the killed are the wounded
    shot = [c for f in fs for c in shot_mod.find_shot_counts(text, f.sent.start, f.sent.end)]
    claims.extend(c for c in shot if c.kind == "killed")
    killed = cas_mod.reconcile([c for c in claims if c.kind == "killed"])
    injured = cas_mod.reconcile([c for c in claims if c.kind == "injured"])
    # a death told without a figure ("where both died") leaves the killed unknown, and so the wounded
    if injured is None and (killed is not None or not any(t.cls == "kill" and _DEATH_WORD.search(t.text) for t in triggers)):
        derived = shot_mod.injured_from_shot([c for c in shot if c.kind == "shot"],
                                             (killed or {}).get("best"), (killed or {}).get("evidence"))
        injured = cas_mod.reconcile([derived]) if derived is not None else None

    # place first: its country tells whose "security forces" and "the army" these are
    location = _incident_location(text, fs, sents, hints, dateline)

    # actors and their roles
    perps, victims = assign_roles(
        text,
        [(f.sent, [t for t in f.triggers if t.realis]) for f in fs],
        country_hint=location.get("country_code") or country_hint,
    )

    victims_armed = bool(victims) and all(v["category"] in ARMED_CATEGORIES for v in victims)
    sub = classify(
        classifying_classes(triggers),
        victims_armed=victims_armed,
        perpetrator_known=bool(perps),
        perpetrator_categories={p["category"] for p in perps},
        victim_categories={v["category"] for v in victims},
    )
    event_type, cameo = event_type_of(sub)

    # date
    date = _incident_date(fs, draft, published, text)
    if date.get("start") is None and not date.get("evidence"):
        date = _context_date(text, feats, idxs[0], published, dateline) or date
    date = _follow_up_doc_date(text, feats, idxs[0], published, date)
    if _history(date, published):
        return None  # "Hitler was arrested two days later" (after November 1923): history, not an incident

    weapons = unique_weapons([w for f in fs for w in find_weapons(text, f.sent.start, f.sent.end)])

    victim_category = None
    if victims:
        cats = [v["category"] for v in victims]
        victim_category = "civilians" if "civilians" in cats else cats[0]

    inc = Incident(
        event_type=event_type,
        sub_event_type=sub,
        cameo=cameo,
        date=date,
        location=location,
        perpetrators=perps,
        victims=victims,
        victim_category=victim_category,
        killed=killed,
        injured=injured,
        weapons=[{"name": w["name"], "category": w["category"], "evidence": w["evidence"]} for w in weapons],
        sources=list(sources.values()),
        evidence=[list(s) for s in spans],
        event_evidence=[list(t.span) for t in triggers if t.strength >= 2],
    )
    inc.summary = _summary(inc)
    return inc


_DEATH_WORD = re.compile(r"dead|die|death|kill|slain|murder|fatal|massacr|execut|behead|lynch", re.IGNORECASE)

#: an incident dated this many days or more before the publication date is history told in the report
HISTORY_DAYS = 10 * 365  # as a sentence's years (events.HISTORY_YEARS): a retrospective's subject stays


def _history(date: dict, published: dt.date | None) -> bool:
    """Is the incident's resolved date (its own, anchored, or from context) years before publication?"""
    end = date.get("end") or ""
    if published is None or not end or end.startswith("--"):
        return False
    try:
        return dt.date.fromisoformat(end[:10]) < published - dt.timedelta(days=HISTORY_DAYS)
    except ValueError:
        return False


def _with_source(c: CasualtyClaim, att: tuple[str, tuple[Span, ...]]) -> CasualtyClaim:
    if c.source:
        return c
    from dataclasses import replace

    return replace(c, source=att[0], source_evidence=tuple(att[1]))


def _incident_date(fs: list[_SentFeatures], draft: _Draft, published: dt.date | None, text: str = "") -> dict:
    """The incident's date: the best-ranked resolved date of its sentences.

    Rank: a date that dates the *reporting* ("said today", "told reporters on Monday") comes last;
    then finer precision; then a single day before a span ("Monday" beats "overnight", which runs
    from the evening before publication into its day); then the earlier sentence (the lead states
    the date); then closeness to a strong trigger. Anchored expressions ("the next day") are dated
    from the nearest earlier single day of the text first; a year-less day ("October 12th", no
    publication date) takes its year from a full date elsewhere in the same text.
    """
    cands = [d for f in fs for d in f.dates if d.start is not None or d.precision]
    chosen: DateMention | None = None
    rank = {"day": 0, "week": 1, "month": 2, "year": 3}
    scored = []
    old: DateMention | None = None  # a date of the incident's own sentences years before publication
    follow: list[tuple[int, DateMention]] = []  # the act's own date, weeks before a follow-up's publication
    for order, f in enumerate(fs):
        strong = [t for t in f.triggers if t.realis and t.strength >= 2]
        for d in f.dates:
            if d.start is None and dates_mod.anchor_offset(d) is not None:
                d = _anchored(text, d, fs, published)
                if d is None:
                    continue
                if old is None and _history(_date_record(d), published):
                    old = d  # "two days later", counted from a date of history
            if d.start is None:
                continue
            if dates_mod.is_background(d, published):
                if _follow_up_date(text, d, published):
                    follow.append((order, d))
                continue
            dist = min((abs(d.span[0] - t.span[0]) for t in strong), default=10_000)
            spread = d.start != d.end
            later = _is_report_date(text, d)
            # a date of the reporting or of a later step is on or after the event: of those, the earliest
            key = (not _names_the_event(text, d), later, rank.get((d.precision or "year").split("-")[0], 4), spread,
                   d.start if later else "", order, dist)
            scored.append((key, d))
    if scored:
        best_key, chosen = min(scored, key=lambda kv: kv[0])
        if follow and best_key[1]:
            chosen = min(follow, key=lambda od: od[0])[1]  # a follow-up: the act's own date, not the plea's
    elif follow:
        chosen = min(follow, key=lambda od: od[0])[1]
    elif draft.date is not None:
        chosen = draft.date
    elif old is not None:
        chosen = old  # "arrested two days later" (after November 1923): dated, and history
    if chosen is not None:
        return _with_text_year(text, _date_record(chosen), chosen)
    unresolved = next((d for d in cands if d.start is None and dates_mod.anchor_offset(d) is None), None)
    if unresolved is not None:
        return {
            "start": None,
            "end": None,
            "precision": None,
            "text": unresolved.text,
            "evidence": [list(unresolved.span)],
            "reason": unresolved.reason,
        }
    return {
        "start": None,
        "end": published.isoformat() if published else None,
        "precision": None,
        "evidence": [],
        "reason": "no date in the text" + ("; the event is on or before the publication date" if published else ""),
    }


def _follow_up_doc_date(text: str, feats: list[_SentFeatures], first: int, published: dt.date | None, date: dict) -> dict:
    """A follow-up's incident (an arrest, a plea, a trial, weeks after the act) whose date came out
    as the follow-up's own news (a report or later-step date, or the publication date standing in,
    at most 10 days before publication) takes the written-out date of the act that the
    text gives in a sentence of violence: more than 10 and at most FOLLOW_UP_DAYS days before
    publication; a date that names the event or dates its act first ("the May 25 shooting", "was
    shot on Jan. 11"), then the day the text repeats most, then the nearest to the incident."""
    if published is None or not date.get("start") or date.get("start") != date.get("end"):
        return date
    try:
        day = dt.date.fromisoformat(date["start"])
    except ValueError:
        return date
    ev = date.get("evidence") or []
    news = date.get("basis") == "publication date" or (len(ev) == 1 and dates_a_procedure(text, ev[0]))
    if not news or not 0 <= (published - day).days <= 10:
        return date
    cands = [(i, d, (published - dt.date.fromisoformat(d.start)).days)
             for i, f in enumerate(feats) if any(t.realis and t.strength >= 2 for t in f.triggers)
             for d in f.dates if d.start and d.start == d.end and d.precision == "day" and not d.relative
             and not d.start.startswith("--")]
    cands = [c for c in cands if 10 < c[2] <= FOLLOW_UP_DAYS]
    if not cands:
        return date
    count = Counter(d.start for _, d, _ in cands)
    _, d, days = min(cands, key=lambda c: (not _dates_the_act(text, c[1]), -count[c[1].start], abs(c[0] - first), c[1].span))
    return _date_record(d, from_context=True, reason=f"a follow-up published {days} days after the act")


def _anchored(text: str, d: DateMention, fs: list[_SentFeatures], published: dt.date | None) -> DateMention | None:
    """Date "the next day" / "two days later" from the nearest earlier single day of the text.

    The anchor is the last resolved single day before the mention: first among the incident's own
    dates, else in the text just before it (one bounded scan). Report dates ("said on Monday") and
    background dates are not anchors.
    """
    s = d.span[0]
    own = [
        x for f in fs for x in f.dates
        if x.span[1] <= s and x.start and x.start == x.end and not x.start.startswith("--")
        and not _is_report_date(text, x)
    ]
    if not own:
        lo = max(0, s - _ANCHOR_WINDOW)
        near = [
            x for x in dates_mod.find_dates(text, lo, s, published)
            if x.start and not x.start.startswith("--") and not _is_report_date(text, x)
        ]
        own = [x for x in near if x.start == x.end and not dates_mod.is_background(x, published)]
        if not own and near and all(_history(_date_record(x), published) for x in near):
            # only history before it ("In November 1923 ..."): "two days later" is history too
            from dataclasses import replace

            return replace(near[-1], span=d.span, text=d.text, reason=f"after {near[-1].text!r}")
    if not own:
        return None
    anchor = max(own, key=lambda x: x.span[1])
    return dates_mod.resolve_anchored(d, anchor, published)


_ANCHOR_WINDOW = 1500
_FORWARD = 4  # sentences after the incident's first one searched for its date


def _with_text_year(text: str, rec: dict, d: DateMention) -> dict:
    """Give a year-less day ("--10-12") the year of the nearest full date in the same text.

    Only without a publication date (with one the year is already inferred). The full date's words
    join the evidence and ``basis`` says where the year came from.
    """
    start = rec.get("start") or ""
    if not start.startswith("--") or rec.get("precision") != "day-no-year" or start != rec.get("end"):
        return rec
    full = [
        x for x in dates_mod.find_dates(text, 0, len(text), None)
        if x.start and not x.start.startswith("--") and not x.relative and x.precision in ("day", "month")
    ]
    if not full:
        return rec
    anchor = min(full, key=lambda x: abs(x.span[0] - d.span[0]))
    day = dates_mod.year_from_anchor(start, dt.date.fromisoformat(anchor.start))
    if day is None:
        return rec
    return {**rec, "start": day.isoformat(), "end": day.isoformat(), "precision": "day",
            "evidence": rec["evidence"] + [list(anchor.span)], "basis": f"year from {anchor.text!r}"}


def _context_date(
    text: str, feats: list[_SentFeatures], first: int, published: dt.date | None, dateline: Span | None = None
) -> dict | None:
    """A date for an incident whose own sentences give none.

    In order: the nearest earlier sentence (up to three back); the lead (the first dated sentence
    of the text before the incident); the next four sentences. Reports give the date once, in the
    lead or just before the details (header lines of a release count as sentences, hence four
    forward); a date found this way is marked ``from_context`` so a
    reviewer sees it was not in the incident's own sentences. When the whole neighbourhood has no
    date and the publication date is known, the publication date stands in, marked
    ``basis: "publication date"`` (its evidence is the dateline when the text has one, else empty:
    it came from metadata); the ``reason`` says the event is on or before it.
    """
    near = list(range(first - 1, max(-1, first - 4), -1))
    order = near + [i for i in range(0, first) if i not in near] + list(range(first + 1, first + 1 + _FORWARD))
    seen: set[int] = set()
    best: tuple[float, DateMention] | None = None
    for i in order:
        if i < 0 or i >= len(feats) or i in seen or i == first:
            continue
        seen.add(i)
        f = feats[i]
        if f.background or f.follow_up:
            continue
        found = f.dates or dates_mod.find_dates(text, f.sent.start, f.sent.end, published)
        good = [
            d
            for d in found
            if d.start is not None
            and (not dates_mod.is_background(d, published) or _follow_up_date(text, d, published))
            and (dateline is None or d.span[1] <= dateline[0] or d.span[0] >= dateline[1])
            and not _is_byline(text, d)
        ]
        for d in good:  # the event's own date first, then any that does not date the reporting
            # (a follow-up's date of the act, weeks back, comes after those and before report dates)
            tier = (1.5 if dates_mod.is_background(d, published) else 0 if _names_the_event(text, d)
                    else 2 if _is_report_date(text, d) else 1)
            if best is None or tier < best[0] or (tier == best[0] == 2 and d.start < best[1].start):
                best = (tier, d)  # of report dates (each on or after the event), the earliest
        if best is not None and best[0] == 0:
            break
    if best is not None:
        return _with_text_year(text, _date_record(best[1], from_context=True), best[1])
    if published is None:
        return None
    evidence: list[list[int]] = []
    words = None
    if dateline is not None:
        dl = dates_mod.find_dates(text, dateline[0], dateline[1], published)
        if dl and dl[0].start == published.isoformat():
            evidence, words = [list(dl[0].span)], dl[0].text
    day = published.isoformat()
    return {
        "start": day,
        "end": day,
        "precision": "day",
        "text": words,
        "evidence": evidence,
        "basis": "publication date",
        "reason": "no date in the text; the publication date stands in (the event is on or before it)",
    }


def _date_record(d: DateMention, **extra) -> dict:
    rec = {"start": d.start, "end": d.end, "precision": d.precision, "text": d.text, "evidence": [list(d.span)], **extra}
    if d.reason and d.start:
        rec["reason"] = d.reason
    return rec


_COARSE = frozenset({None, "country", "admin1"})


def _incident_location(
    text: str, fs: list[_SentFeatures], sents: list[Sentence], hints: Counter, dateline: Span | None = None
) -> dict:
    """The incident's place: from its own sentences first; when those give no place or only a
    country or province, also from the sentences around them and the lead (reports name the town
    once, usually in the lead: "In Sangin district, Helmand province, ..." then "the force killed")."""
    mentions: list[PlaceMention] = []
    for f in fs:
        if not f.places:
            f.places = places_mod.find_places(text, f.sent.start, f.sent.end)
        mentions.extend(f.places)
    # the dateline's place (where the report was filed) only when nothing else names one
    mentions = _off_dateline(mentions, dateline) or mentions
    loc = places_mod.resolve_location(text, mentions, country_hints=hints) if mentions else None
    if loc is None or loc.precision in _COARSE:
        idxs = {f.index for f in fs}
        around = sorted({i for f in fs for i in (f.index - 1, f.index + 1)} | {0, 1})
        extra: list[PlaceMention] = []
        for i in around:
            if 0 <= i < len(sents) and i not in idxs:
                extra.extend(places_mod.find_places(text, sents[i].start, sents[i].end))
        if extra:
            wider = places_mod.resolve_location(text, mentions + extra, country_hints=hints)
            same_country = loc is None or loc.country_code is None or wider.country_code == loc.country_code
            if loc is None or (same_country and _finer(wider.precision, loc.precision)):
                loc = wider
    if loc is None:
        loc = places_mod.resolve_location(text, [], country_hints=hints)
    if loc.country_code is None:
        loc = _document_country(text, loc, hints)
    return {
        "name": " ".join(loc.name.split()) if loc.name else loc.name,  # hard-wrapped text: no line breaks
        "country_code": loc.country_code,
        "admin1": loc.admin1,
        "admin2": loc.admin2,
        "lat": loc.lat,
        "lon": loc.lon,
        "precision": loc.precision,
        "geonames_id": loc.geonames_id,
        "evidence": [list(s) for s in loc.evidence],
        **({"reason": loc.reason} if loc.reason else {}),
    }


def _document_country(text: str, loc: Location, hints: Counter) -> Location:
    """No place of the incident resolved: the country (and US state) the whole document points to,
    when one leads its hints by at least two mentions, with those mentions as evidence and the
    reason said. A report that names no country gains none."""
    top = hints.most_common(2)
    if not top or top[0][1] < 2 or (len(top) > 1 and top[0][1] - top[1][1] < 2):
        return loc
    cc = top[0][0]
    doc = places_mod.scan_document(text)
    spans = tuple(sorted(doc.hint_spans.get(cc, [])))[:3]
    if not spans:
        return loc
    state = doc.state_hint if cc == "US" else None
    unit = doc.gz.admin1(state) if state is not None else None
    area = unit if unit is not None else doc.gz.country(cc)
    why = "country inferred from the document (no place of the incident resolved)"
    # Labelled with the unit's name, but no point: nothing in the text places the incident itself,
    # and a centroid on a map would say more than the report does.
    return Location(name=area.name if area is not None else None, country_code=cc,
                    admin1=unit.name if unit is not None else None,
                    precision="admin1" if unit is not None else "country",
                    geonames_id=area.geonameid if area is not None else None,
                    evidence=tuple(loc.evidence) + spans, reason=why if not loc.reason else f"{loc.reason}; {why}")


def _finer(a: str | None, b: str | None) -> bool:
    return SPECIFICITY.get(a, 0) > SPECIFICITY.get(b, 0)


def _confidence(inc: Incident, text: str, n_incidents: int) -> float:
    """The probability that ``inc`` is a real incident as coded (one of the document's
    ``n_incidents``): the logistic model of :mod:`harmwatch.extract.confidence` (its features, its
    weights and how they were fitted)."""
    return confidence_mod.confidence(inc, text, n_incidents)


def _summary(inc: Incident) -> str:
    who = ", ".join(p["name"] for p in inc.perpetrators) or "Unknown actor"
    whom = ", ".join(v["name"] for v in inc.victims)
    what = (inc.sub_event_type or "violent event").lower()
    where = ""
    if inc.location and inc.location.get("name"):
        where = f" in {inc.location['name']}"
        if inc.location.get("country_code"):
            where += f" ({inc.location['country_code']})"
    when = ""
    if inc.date and inc.date.get("start"):
        when = f" on {inc.date['start']}"
    toll = []
    if inc.killed and inc.killed.get("best") is not None:
        toll.append(f"{inc.killed['best']} killed")
    if inc.injured and inc.injured.get("best") is not None:
        toll.append(f"{inc.injured['best']} injured")
    tail = f": {', '.join(toll)}" if toll else ""
    target = f" on {whom}" if whom else ""
    return f"{who}: {what}{target}{where}{when}{tail}"

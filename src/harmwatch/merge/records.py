"""Merge records: one extracted incident (one report's account) reduced to what merging compares.

A :class:`MergeRecord` is built from an incident record (``Incident.to_dict()``, the output
contract) and its document's text and metadata by :func:`record_from_incident`, a pure function,
so records can be built on the workers that extract. It keeps:

* the event date as a window of day ordinals, widened by the date's precision (a day-precise date
  of a night-time shooting is often reported as the next day; a week or month is its whole span);
  without a usable date, the publication date stands in: an incident is reported on the day or in
  the week after it happened (:data:`UNDATED_WINDOW`);
* the place at its precision: a point for an exact place, neighbourhood or town; otherwise only its
  admin units (an admin2 or admin1 centroid is not a place of the incident);
* killed and injured as (min, best, max) and the report date, so that a toll that rises from one
  report to a later one stays compatible;
* canonical actor names, named victims, weapon names;
* the people named in the incident's sentences (:func:`person_names`: the tokens of capitalised
  multi-word names that are not English words, places or officials), as hashes; similarity weighs
  a shared one by its rarity over the records being merged (a victim's or suspect's surname links a
  follow-up weeks later to the first report; an outlet's or a mayor's name does not);
* the street addresses and blocks named (:func:`street_addresses`: "the 1200 block of Elm
  Street", "45 Oak Avenue"), as hashes: one shared address in one admin1 unit is strong evidence;
* the ages of the people named (:func:`victim_ages`: "a 27-year-old man", "Jan Roe, 31,"): in one
  town, a shared age is evidence that two reports speak of the same victim;
* the words of the incident's sentences as 32-bit hashes (the lexical similarity; for the
  document's lead incident, the words of the whole text and headline);
* the days the report cites ("was shot on March 3", "the Jan. 5 killing"; :func:`cited_days`):
  explicit calendar dates more than :data:`REPORT_DAYS` and at most :data:`NAME_DAYS` days before
  its own publication and outside its own event window. A follow-up on a trial or an arrest, dated
  by its own news, names the day of the shooting it follows; the merge meets it with the first
  reports of that day;
* the document's content hash: the same wire text carried by several outlets is one more report of
  the same incident, and the scorer recognises it.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import zlib
from functools import lru_cache
from pathlib import Path
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable

from harmwatch.extract.dates.dateline import parse_published
from harmwatch.extract.dates.mentions import find_dates

#: widening of an event date's window, in days, on each side, by precision
DATE_SLACK = {"day": 1, "week": 2, "month": 3, "year": 0}
#: window of an incident with no usable date, relative to the report date (days before, after)
UNDATED_WINDOW = (7, 0)
#: the widest window merging considers; a wider one (a year) is narrowed to the report's week
MAX_WINDOW_DAYS = 45
#: reports published at most this many days apart may tell one incident whatever their extracted
#: dates (an extracted date can be wrong; a report date rarely is); blocking's text route
REPORT_DAYS = 10
#: reports published further apart than REPORT_DAYS and at most this many days apart are linked only
#: by strong evidence: a rare name or address both give (blocking's name route) or a day one cites
NAME_DAYS = 400
#: place precisions whose coordinates are the incident's place (not an admin-unit centroid)
POINT_PRECISIONS = frozenset({"exact", "neighbourhood", "town"})
#: generic actor names that say nothing about which incident it is
GENERIC_ACTORS = frozenset({"civilians", "unidentified armed group", "unknown", "police forces", "military forces",
                            "state forces", "protesters", "rioters", "unidentified gunmen"})

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+|\d+")
_STOP = frozenset("""a an the and or but of in on at to for from by with as is was were are be been being has have had
it its this that these those he she they them his her their him who whom which what when where while after before
said says say told according also not no than then there here into about over under up down out off near one two
three four five six seven eight nine ten first second last other more most some any all each both just only very
would could should will can may might did do does so if because during through between against around per mr mrs ms
dr st we our us you your i my me am pm news police officers officer sheriff deputies department county city man
woman men women people person shot shooting shootings killed dead died death injured wounded hospital gun guns
fired shots""".split())
#: capitalised words that name no victim (days, months, titles, outlets' boilerplate)
_NOT_NAMES = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december police sheriff officer officers county city street avenue road
department news the a an he she they it his her their this that there when after before in on at but and officials
authorities state associated press reporter copyright share facebook twitter email comments photo video""".split())


#: words before or inside a name that make it an official's (quoted in many unrelated incidents)
OFFICIAL_TITLES = frozenset("""mayor chief superintendent sheriff attorney spokesman spokeswoman spokesperson detective
detectives officer sgt lt capt captain lieutenant sergeant judge prosecutor commissioner governor gov rep sen senator
councilman councilwoman alderman ald director president deputy trooper agent coroner examiner pastor rev reverend
principal coach professor dr secretary chairman chairwoman representative district""".split())
_NAME_SEQ = re.compile(r"(?<![\w.])[A-Z][a-z]+(?:'[a-z]+)?(?:[ \-](?:[A-Z]\. )?[A-Z][a-z]+(?:'[a-z]+)?)+")
_ENGLISH_WORDS = Path(__file__).resolve().parents[1] / "data" / "lexicon" / "english_words.txt.gz"


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-case English lemmas (the extraction's WordNet list, data/lexicon/english_words.txt.gz):
    a capitalised word that is one ("Violent Crimes", "Inland Fisheries") names no person."""
    with gzip.open(_ENGLISH_WORDS, "rt", encoding="utf-8") as f:
        return frozenset(f.read().split())


def _is_english(w: str) -> bool:
    en = english_words()
    return (w in en or w.endswith("s") and w[:-1] in en or w.endswith("es") and w[:-2] in en
            or w.endswith("ies") and w[:-3] + "y" in en)


def person_names(sentences: Iterable[str], place_words: frozenset[str] = frozenset()) -> frozenset[str]:
    """Casefolded tokens of the people named in ``sentences``: capitalised runs of two or more
    words ("Janet Q. Doerr"), keeping the tokens that are not English words, place words, titles or
    boilerplate; a run with an official's title in or just before it ("Mayor Jan Brook", "said
    Detective Ann Roe") is left out, and so are its tokens anywhere else in the sentences."""
    keep: set[str] = set()
    official: set[str] = set()
    for s in sentences:
        for m in _NAME_SEQ.finditer(s):
            toks = [w.casefold().removesuffix("'s") for w in re.findall(r"[A-Za-z']+", m.group()) if len(w) > 1]
            before = re.findall(r"[A-Za-z]+", s[max(0, m.start() - 24):m.start()])[-2:]
            names = [w for w in toks if len(w) > 2 and w not in _NOT_NAMES and w not in _STOP
                     and w not in place_words and not _is_english(w)]
            if any(w in OFFICIAL_TITLES for w in toks) or any(w.casefold() in OFFICIAL_TITLES for w in before):
                official.update(names)
            else:
                keep.update(names)
    return frozenset(keep - official)


_ADDRESS = re.compile(r"\b(\d{2,5}) (?:block of )?(?:[NSEW]\.? |North |South |East |West )?((?:[A-Z][a-z]+ ){1,3})"
                      r"(Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Court|Ct|Place|Pl|Way|"
                      r"Parkway|Pkwy|Highway|Hwy|Terrace|Circle|Trail)\b")


def street_addresses(sentences: Iterable[str]) -> frozenset[str]:
    """Street addresses and blocks ("the 1200 block of North Elm Street" -> "1200 elm"): the
    number and the street's name, without the direction and the street type, which reports of one
    place write differently ("Elm St." / "Elm Street")."""
    return frozenset(f"{m.group(1)} {m.group(2).strip().casefold()}" for s in sentences for m in _ADDRESS.finditer(s))


_AGE = re.compile(r"\b(\d{1,2})[- ]years?[- ]old\b|[A-Z][a-z]+, (\d{1,2}),|\baged (\d{1,2})\b|[A-Z][a-z]+ \((\d{1,2})\)")


def victim_ages(sentences: Iterable[str]) -> frozenset[int]:
    """The ages given for people ("a 27-year-old man", "aged 19", "Jan Roe, 31," "Jan Roe (31)"):
    one number of 1-99 each; a number after a name and a comma is an age in news style."""
    out = set()
    for s in sentences:
        for m in _AGE.finditer(s):
            v = int(next(g for g in m.groups() if g))
            if 0 < v < 100:
                out.add(v)
    return frozenset(out)


def word_hash(word: str) -> int:
    """A stable 32-bit hash of a casefolded word (the same in every process, unlike ``hash``)."""
    return zlib.crc32(word.casefold().encode("utf-8"))


@dataclass(frozen=True, slots=True)
class MergeRecord:
    """What merging knows of one report's account of one incident."""

    record_id: str  # "<doc_id>#<index>": stable, sorts the same everywhere
    doc_id: str
    index: int  # position of the incident in its document
    lo: int | None  # event date window, day ordinals (inclusive); None = cannot be blocked
    hi: int | None
    date_start: str | None = None
    date_end: str | None = None
    date_precision: str | None = None
    report_day: int | None = None  # publication date (day ordinal)
    event_type: str | None = None
    sub_event_type: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    place: str | None = None  # place name, casefolded
    lat: float | None = None  # only for POINT_PRECISIONS
    lon: float | None = None
    place_precision: str | None = None
    killed: tuple[int | None, int | None, int | None] | None = None  # min, best, max
    injured: tuple[int | None, int | None, int | None] | None = None
    actors: frozenset[str] = frozenset()  # canonical perpetrator names (not generic)
    victims: frozenset[int] = frozenset()  # hashed words of named victims
    weapons: frozenset[str] = frozenset()
    words: frozenset[int] = frozenset()  # hashed content words of the incident's sentences
    names: frozenset[int] = frozenset()  # hashed tokens of the people named (person_names)
    addresses: frozenset[int] = frozenset()  # hashed street addresses (street_addresses)
    ages: frozenset[int] = frozenset()  # ages of the people named (victim_ages)
    cited: frozenset[int] = frozenset()  # day ordinals of earlier days the report names (cited_days)
    content_hash: str | None = None  # of the whole document text (wire copies share it)
    source: str | None = None  # outlet

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None


def day_ordinal(iso: str | None) -> int | None:
    """'2015-01-26' (or a longer datetime) -> date ordinal; anything else -> None."""
    if not iso or not re.match(r"\d{4}-\d{2}-\d{2}", iso):
        return None
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


def date_window(date_rec: dict | None, report_day: int | None) -> tuple[int | None, int | None]:
    """The window of days the incident may have happened in (see the module docstring)."""
    d = date_rec or {}
    prec = (d.get("precision") or "").split("-")[0]
    start, end = day_ordinal(d.get("start")), day_ordinal(d.get("end"))
    if start is not None:
        end = end if end is not None and end >= start else start
        slack = DATE_SLACK.get(prec, 1)
        lo, hi = start - slack, end + slack
        if hi - lo <= MAX_WINDOW_DAYS:
            return lo, hi
        if report_day is not None and lo <= report_day <= hi + 1:
            return report_day - UNDATED_WINDOW[0], report_day + UNDATED_WINDOW[1]
        return None, None
    if report_day is not None:
        return report_day - UNDATED_WINDOW[0], report_day + UNDATED_WINDOW[1]
    return None, None


def cited_days(sentences: Iterable[str], published: str | None, lo: int | None, hi: int | None) -> frozenset[int]:
    """Day ordinals of the explicit calendar dates in ``sentences`` ("on March 3", "Jan. 5, 2023",
    not "Friday" or "last week": a weekday resolves against this report's own day, which a follow-up
    weeks later does not share) that lie more than REPORT_DAYS and at most NAME_DAYS days before
    the publication day and outside the window [lo, hi] of the record's own event date."""
    pub = parse_published(published)
    if pub is None:
        return frozenset()
    day = pub.toordinal()
    out = set()
    for s in sentences:
        for m in find_dates(s, 0, len(s), pub):
            d = day_ordinal(m.start) if m.precision == "day" and not m.relative else None
            if d is not None and REPORT_DAYS < day - d <= NAME_DAYS and not (lo is not None and lo <= d <= hi):
                out.add(d)
    return frozenset(out)


def _figures(c: dict | None) -> tuple[int | None, int | None, int | None] | None:
    if not c:
        return None
    lo, best, hi = c.get("min"), c.get("best"), c.get("max")
    if lo is None and best is None and hi is None:
        return None
    return (lo, best, hi)


def _span_words(text: str, spans: Iterable[Iterable[int]]) -> list[str]:
    out: list[str] = []
    for sp in spans or []:
        s, e = int(sp[0]), int(sp[1])
        if 0 <= s < e <= len(text):
            out.append(text[s:e])
    return out


def content_words(sentences: Iterable[str]) -> frozenset[int]:
    return frozenset(word_hash(w) for s in sentences for w in _WORD.findall(s)
                     if len(w) > 2 and w.casefold() not in _STOP)


def _victim_names(inc: dict, text: str) -> frozenset[int]:
    words: list[str] = []
    for kind in ("killed", "injured"):
        for c in ((inc.get(kind) or {}).get("claims") or []):
            vt = c.get("victim_text") or ""
            words += [w for w in _WORD.findall(vt) if w[0].isupper() and len(w) > 2 and w.casefold() not in _NOT_NAMES]
    for v in inc.get("victims") or []:
        m = v.get("mention") or ""
        words += [w for w in _WORD.findall(m) if w[0].isupper() and len(w) > 2 and w.casefold() not in _NOT_NAMES]
    return frozenset(word_hash(w) for w in words)


def _norm(s: Any) -> str | None:
    if not s:
        return None
    return " ".join(re.findall(r"\w+", str(s).casefold())) or None


def record_from_incident(doc_id: str, index: int, inc: dict, text: str, *, published: str | None = None,
                         source: str | None = None, content_hash: str | None = None,
                         title: str | None = None, lead: bool = False) -> MergeRecord:
    """The merge record of incident number ``index`` of document ``doc_id`` (a pure function).

    ``lead``: this is the document's lead incident (its evidence starts first): the headline
    (``title``) and the whole text are about it, so its words are the document's words, not only
    its sentences' (measured on gva_shootings: whole-text TF-IDF separates reports of one incident
    from others better than the incident's sentences alone)."""
    report_day = day_ordinal(published)
    if lead and _only_first_line(text, inc):
        lead = False  # told in the headline alone: the rest of the page (boilerplate, a paywall) is not its text
    d = inc.get("date") or {}
    lo, hi = date_window(d, report_day)
    loc = inc.get("location") or {}
    prec = loc.get("precision")
    point = prec in POINT_PRECISIONS and loc.get("lat") is not None and loc.get("lon") is not None
    sentences = _span_words(text, inc.get("evidence") or [])
    words = content_words(sentences + ([text, title or ""] if lead else []))
    place_words = frozenset(w.casefold() for k in ("name", "admin1", "admin2") for w in re.findall(r"\w+", loc.get(k) or ""))
    named = sentences + ([text, title or ""] if lead else [])
    names = frozenset(word_hash(w) for w in person_names(named, place_words))
    addresses = frozenset(word_hash("@" + a) for a in street_addresses(named))
    actors = frozenset(n for n in (_norm(p.get("name")) for p in inc.get("perpetrators") or [])
                       if n and n not in GENERIC_ACTORS)
    if content_hash is None and text:
        content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return MergeRecord(
        record_id=f"{doc_id}#{index}", doc_id=doc_id, index=index, lo=lo, hi=hi,
        date_start=d.get("start"), date_end=d.get("end"), date_precision=d.get("precision"), report_day=report_day,
        event_type=inc.get("event_type"), sub_event_type=inc.get("sub_event_type"),
        country=(loc.get("country_code") or None), admin1=_norm(loc.get("admin1")), admin2=_norm(loc.get("admin2")),
        place=_norm(loc.get("name")),
        lat=float(loc["lat"]) if point else None, lon=float(loc["lon"]) if point else None, place_precision=prec,
        killed=_figures(inc.get("killed")), injured=_figures(inc.get("injured")),
        actors=actors, victims=_victim_names(inc, text),
        weapons=frozenset(w.get("name") for w in inc.get("weapons") or [] if w.get("name")),
        words=words, names=names, addresses=addresses, ages=victim_ages(named),
        cited=cited_days([text, title or ""] if lead else sentences, published, lo, hi), content_hash=content_hash, source=source,
    )


def _only_first_line(text: str, inc: dict) -> bool:
    """Does all of the incident's evidence lie in the text's first line (a headline)?"""
    nl = text.find("\n")
    spans = list(inc.get("evidence") or []) + list(inc.get("event_evidence") or [])
    return nl > 0 and bool(spans) and all(int(s[1]) <= nl for s in spans)


def records_from_result(result: dict) -> list[MergeRecord]:
    """The merge records of one extraction output line (``DocumentResult.to_dict()`` shape)."""
    text = result.get("text") or ""
    incs = result.get("incidents") or []
    lead = lead_index(incs)
    return [record_from_incident(result["doc_id"], k, inc, text, published=result.get("published"),
                                 source=result.get("source"), title=result.get("title"), lead=k == lead)
            for k, inc in enumerate(incs)]


def lead_index(incidents: list[dict]) -> int | None:
    """The incident whose evidence starts first in the text (the document's main one)."""
    best: tuple[int, int] | None = None
    for k, inc in enumerate(incidents):
        spans = list(inc.get("evidence") or []) + list(inc.get("event_evidence") or [])
        start = min((int(s[0]) for s in spans), default=10**9)
        if best is None or (start, k) < best:
            best = (start, k)
    return None if best is None else best[1]

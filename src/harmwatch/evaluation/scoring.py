"""Scoring: metric primitives and the per-field scorers.

Each field scorer takes one gold dict (see base.py), the predicted incident chosen for it (a
contract record as a dict, or None) and the clean text, and returns a :class:`RowScore`: the row's
metric values (1/0 for hits, a float for km error, (tp, fp, fn) for set matches) and what the
``--errors`` listing shows. :func:`aggregate` turns rows into the table numbers.

Matching rules (also in docs/EVALUATION.md):
* one gold incident per document (all sets but MUC): the predicted incident is the one that starts
  first in the text (earliest evidence offset; the lead incident), chosen without looking at gold;
* MUC (several gold templates per message): templates and predicted incidents are aligned one to
  one, greedily by a compatibility score (see :func:`align`), as MUC's own scorer maps templates.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

# --------------------------------------------------------------------------- primitives


def prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    """Precision, recall, F1 (0 when undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def token_prf(gold: str, pred: str) -> tuple[float, float, float]:
    """Bag-of-whitespace-tokens P/R/F1 of one document (multiset intersection)."""
    g, p = Counter((gold or "").split()), Counter((pred or "").split())
    tp = sum((g & p).values())
    if not g and not p:
        return 1.0, 1.0, 1.0
    return prf(tp, sum(p.values()) - tp, sum(g.values()) - tp)


_ZYTE_TOKEN = re.compile(r"\w+", re.UNICODE)


def zyte_tp_fp_fn(gold: str, pred: str, n: int = 4) -> tuple[float, float, float]:
    """The Zyte benchmark's evaluate.py (commit 4a3bc97): 4-gram shingles of \\w+ tokens, counts
    matched as multisets, then normalised by their sum so every document weighs the same."""

    def shingles(text: str) -> Counter:
        toks = _ZYTE_TOKEN.findall(text or "")
        return Counter(tuple(toks[i:i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i:i + n])

    g, p = shingles(gold), shingles(pred)
    tp = float(sum((g & p).values()))
    fp = float(sum((p - g).values()))
    fn = float(sum((g - p).values()))
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def zyte_metrics(rows: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Mean per-document precision and recall, F1 of the two means (Zyte's metrics_from_tp_fp_fns)."""

    def p1(tp, fp, fn):
        return 1.0 if fp == fn == 0 else 0.0 if tp == fp == 0 else tp / (tp + fp)

    def r1(tp, fp, fn):
        return 1.0 if fp == fn == 0 else 0.0 if tp == fn == 0 else tp / (tp + fn)

    ps = [p1(*t) for t in rows if t[0] + t[1] > 0]
    rs = [r1(*t) for t in rows if t[0] + t[2] > 0]
    p = statistics.mean(ps) if ps else 0.0
    r = statistics.mean(rs) if rs else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def overlaps(lo1: float | None, hi1: float | None, lo2: float | None, hi2: float | None) -> bool:
    """Closed intervals overlap; a None bound is open (-inf / +inf)."""
    lo1 = -math.inf if lo1 is None else lo1
    lo2 = -math.inf if lo2 is None else lo2
    hi1 = math.inf if hi1 is None else hi1
    hi2 = math.inf if hi2 is None else hi2
    return lo1 <= hi2 and lo2 <= hi1


def macro_f1(gold: list[str], pred: list[str | None], labels: Iterable[str] | None = None) -> float:
    """Mean per-class F1 over ``labels`` (default: the classes present in gold)."""
    labs = sorted(set(gold)) if labels is None else sorted(set(labels))
    if not labs:
        return 0.0
    f1s = []
    for lab in labs:
        tp = sum(1 for g, p in zip(gold, pred) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred) if g == lab and p != lab)
        f1s.append(prf(tp, fp, fn)[2])
    return sum(f1s) / len(f1s)


def norm_name(s: str | None) -> str:
    """Casefolded words only ("Al-Shabaab" -> "al shabaab")."""
    return " ".join(re.findall(r"\w+", (s or "").casefold()))


def actor_key(name: str) -> str:
    """Canonical actor name when the dictionary knows it, else the normalised string.

    ``canonical()`` keeps the country of state forces and unidentified armed groups ("Military
    Forces of Syria" is not "Military Forces of Turkey") and never reads a qualified label as a
    generic actor ("Fulani extremists" is not "Unidentified Armed Group"); see its docstring."""
    from harmwatch.extract.actors import canonical

    c = canonical(name)
    return norm_name(c if c else name)


#: gold keys that name a kind of actor but no country ("ARMED FORCES", "ARMY" in MUC templates)
_COUNTRYLESS = {"military forces": ("military forces of ", "state forces"),
                "police forces": ("police forces of ", "state forces"),
                "unidentified armed group": ("unidentified armed group ", "unidentified armed group")}


def actor_match(gold_keys: set[str], preds: list[tuple[str, str | None]]) -> bool:
    """True if a predicted (key, category) matches a gold key: equal keys, or a country-less gold
    kind ("military forces", from a template that says only "ARMY") against a prediction of the
    same kind that harmwatch codes as the report country's own ("state forces", not "external
    forces"): the gold leaves the country implicit and the prediction only makes it explicit. The
    reverse (a gold with a country against a country-less prediction) is not a match."""
    for key, cat in preds:
        if key in gold_keys:
            return True
        for g in gold_keys:
            spec = _COUNTRYLESS.get(g)
            if spec and key.startswith(spec[0]) and cat == spec[1]:
                return True
    return False


def place_keys(name: str | None) -> set[str]:
    """Comparable keys of an admin/place name: exact, article (drops 'province', 'al-'), skeleton."""
    from harmwatch.extract.places.index import article_key, normalize, skeleton_key

    if not name:
        return set()
    k = normalize(name)
    ak = article_key(k)
    return {x for x in (k, ak, skeleton_key(ak)) if x}


# --------------------------------------------------------------------------- incidents


def inc_start(inc: dict) -> int:
    spans = list(inc.get("evidence") or []) + list(inc.get("event_evidence") or [])
    return min((s[0] for s in spans), default=10**9)


def lead_incident(incidents: list[dict]) -> dict | None:
    """The rule for single-gold-incident sets: the incident whose evidence starts first."""
    if not incidents:
        return None
    return min(enumerate(incidents), key=lambda t: (inc_start(t[1]), t[0]))[1]


def span_text(text: str, spans: Iterable[Iterable[int]] | None, limit: int = 160) -> str:
    parts = [text[s:e] for s, e in (spans or []) if 0 <= s < e <= len(text)]
    out = " | ".join(p.replace("\n", " ") for p in parts)
    return out[:limit]


@dataclass
class RowScore:
    item_id: str
    field: str
    metrics: dict[str, Any]
    gold: Any = None
    pred: Any = None
    evidence: str = ""
    miss: bool = False


@dataclass
class Table:
    """Aggregated numbers: (field, metric) -> value and n."""

    values: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)

    def put(self, fld: str, metric: str, value: float | None, n: int, lower_is_better: bool = False,
            ci: tuple[float, float] | None = None) -> None:
        self.values[(fld, metric)] = {"value": value, "n": n, "lower_is_better": lower_is_better}
        if ci is not None:
            self.values[(fld, metric)]["ci"] = [round(ci[0], 4), round(ci[1], 4)]


#: resamples of the bootstrap interval of a mean (fixed seed: the same rows give the same interval)
BOOTSTRAP_DRAWS = 1000


def mean_ci(vals: list[float], draws: int = BOOTSTRAP_DRAWS, seed: int = 0) -> tuple[float, float] | None:
    """95 % percentile bootstrap interval of the mean of ``vals`` (rows resampled with replacement),
    so a change inside the noise of a set of this size is not read as a gain; None under 2 rows."""
    if len(vals) < 2:
        return None
    import numpy as np

    a = np.asarray(vals, dtype=float)
    rng = np.random.default_rng(seed)
    means = np.empty(draws)
    for start in range(0, draws, 100):  # in chunks: 100 x n indices at a time bounds the memory
        k = min(100, draws - start)
        means[start:start + k] = a[rng.integers(0, len(a), size=(k, len(a)))].mean(axis=1)
    lo, hi = np.percentile(means, [2.5, 97.5])
    return float(lo), float(hi)


def _date_of(inc: dict | None) -> tuple[str | None, str | None]:
    d = (inc or {}).get("date") or {}
    s, e = d.get("start"), d.get("end")
    if s and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return None, None  # "--06-03" (no year) or malformed: no day to compare
    return s, (e if e and re.fullmatch(r"\d{4}-\d{2}-\d{2}", e) else s)


def score_date(item_id: str, gold: dict, inc: dict | None, text: str, field_name: str = "date") -> RowScore | None:
    g = gold.get("date")
    if not g:
        return None
    ps, pe = _date_of(inc)
    m: dict[str, Any] = {"in_range": int(bool(ps) and g["start"] <= ps <= g["end"])}
    if g["start"] == g["end"]:
        m["exact_day"] = int(ps == g["start"] and pe == ps)
    d = (inc or {}).get("date") or {}
    return RowScore(item_id, field_name, m, gold=f"{g['start']}..{g['end']}", pred=d.get("start"),
                    evidence=span_text(text, d.get("evidence")), miss=not m["in_range"])


def same_admin1(gold: str, pred: str | None, country: str | None) -> bool:
    """The same province, whatever its spelling: equal name keys, or both names resolve to the same
    GeoNames admin-1 unit in the predicted country ("Babil" = "Babylon", "Aden" = "'Adan",
    "Uruzgan" = "Oruzgan")."""
    if not pred:
        return False
    if place_keys(gold) & place_keys(pred):
        return True
    if not country:
        return False
    from harmwatch.extract.places import get_gazetteer

    gz = get_gazetteer()
    return bool(gz.admin1_key_codes(gold, country) & gz.admin1_key_codes(pred, country))


def score_place(item_id: str, gold: dict, inc: dict | None, text: str) -> RowScore | None:
    loc = (inc or {}).get("location") or {}
    m: dict[str, Any] = {}
    if gold.get("latlon"):
        if loc.get("lat") is not None and loc.get("lon") is not None:
            km = haversine_km(gold["latlon"], (loc["lat"], loc["lon"]))
            m["km_error"] = km
            m["within_25km"] = int(km <= 25)
        else:
            m["within_25km"] = 0
    if gold.get("country"):
        m["country_exact"] = int((loc.get("country_code") or "").upper() == gold["country"].upper())
    if gold.get("admin1"):
        m["admin1_exact"] = int(same_admin1(gold["admin1"], loc.get("admin1"), loc.get("country_code")))
    if not m:
        return None
    miss = any(m.get(k) == 0 for k in ("within_25km", "country_exact", "admin1_exact"))
    gtxt = "; ".join(str(x) for x in (gold.get("latlon"), gold.get("country"), gold.get("admin1"),
                                      gold.get("location_text")) if x)
    ptxt = "; ".join(str(x) for x in (loc.get("name"), loc.get("country_code"), loc.get("admin1"),
                                      (loc.get("lat"), loc.get("lon")) if loc.get("lat") is not None else None) if x)
    return RowScore(item_id, "place", m, gold=gtxt, pred=ptxt, evidence=span_text(text, loc.get("evidence")), miss=miss)


def score_label(item_id: str, field_name: str, gold_label: str | None, pred_label: str | None, inc: dict | None,
                text: str) -> RowScore | None:
    if not gold_label:
        return None
    ok = int(gold_label == pred_label)
    return RowScore(item_id, field_name, {"accuracy": ok, "_gold": gold_label, "_pred": pred_label},
                    gold=gold_label, pred=pred_label, evidence=span_text(text, (inc or {}).get("event_evidence")),
                    miss=not ok)


def score_actors(item_id: str, field_name: str, gold_groups: list[list[str]] | None, pred_actors: list[dict],
                 text: str) -> RowScore | None:
    """Row-level set match: tp if any predicted actor's canonical key equals any gold alternative's
    key; a row with predictions but no match is fp (and fn); no prediction is fn."""
    if not gold_groups:
        return None
    gold_keys = {actor_key(a) for grp in gold_groups for a in grp if a}
    preds = [(actor_key(p.get("name") or p.get("mention") or ""), p.get("category")) for p in pred_actors]
    preds = [(k, c) for k, c in preds if k]
    pred_keys = {k for k, _ in preds}
    hit = actor_match(gold_keys, preds)
    tp, fp, fn = (1, 0, 0) if hit else ((0, 1, 1) if pred_keys else (0, 0, 1))
    ev = span_text(text, [s for p in pred_actors for s in (p.get("evidence") or [])])
    return RowScore(item_id, field_name, {"prf": (tp, fp, fn)}, gold=" / ".join(sorted({a for g in gold_groups for a in g})),
                    pred=", ".join(sorted({p.get("name") or "" for p in pred_actors})), evidence=ev, miss=not hit)


def score_count(item_id: str, field_name: str, gold: dict | None, pred: dict | None, text: str) -> RowScore | None:
    """Killed/injured. A missing prediction counts as 0 (the text gave no figure)."""
    if not gold:
        return None
    pb = (pred or {}).get("best")
    pmin = (pred or {}).get("min")
    pmax = (pred or {}).get("max")
    if pb is None:
        pb = pmin if pmin is not None else (0 if pred is None or pmax is None else pmax)
    pmin = pb if pmin is None else pmin
    pmax = pb if pmax is None else pmax
    gb = gold.get("best")
    m: dict[str, Any] = {}
    if gb is not None:
        m["exact_best"] = int(pb == gb)
        m["off_gt_50pct"] = int(abs(pb - gb) > 0.5 * max(gb, 1))
    else:  # a gold range without a best figure: the best must fall in it
        m["exact_best"] = int(overlaps(pb, pb, gold.get("lo"), gold.get("hi")))
        mid = ((gold["lo"] or 0) + (gold["hi"] if gold.get("hi") is not None else gold["lo"] or 0)) / 2
        m["off_gt_50pct"] = int(abs(pb - mid) > 0.5 * max(mid, 1))
    m["gold_in_range"] = int(overlaps(pmin, pmax, gold.get("lo"), gold.get("hi")))
    m["_gold_pos"] = int((gb or gold.get("lo") or 0) > 0)
    gtxt = str(gb) if gb is not None else f"{gold.get('lo')}-{gold.get('hi') if gold.get('hi') is not None else '∞'}"
    return RowScore(item_id, field_name, m, gold=gtxt,
                    pred=None if pred is None else f"{pred.get('best')} [{pred.get('min')}, {pred.get('max')}]",
                    evidence=span_text(text, (pred or {}).get("evidence")), miss=not m["exact_best"])


# --------------------------------------------------------------------------- evidence

_DATEISH = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|"
    r"\b(?:yesterday|today|tonight|last|ago|earlier|week|month|year|morning|night|evening|afternoon|weekend)\b",
    re.I)
_NUMBER_STRICT = re.compile(
    r"\d|\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|dozens?|scores?|several|couple|both|another|"
    r"no|none|nobody|zero|without)\b", re.I)


_SINGULAR = re.compile(
    r"(?i:\b(?:he|she|him|her|was|has been|had been|is dead|died)\b)|"
    r"\b(?!(?i:the|a|an|their|his|her|its|our)\b)[A-Z][A-Za-z\u00c0-\u024f'-]+\b.*"
    r"(?i:\b(?:killed|died|dead|shot|wounded|injured|hurt|slain|murdered|stabbed|assassinated)\b)",
    re.S,
)


def evidence_checks(inc: dict, text: str, details: dict[str, str] | None = None) -> dict[str, int]:
    """For each non-null value of one incident, 1 if its evidence text supports it, else 0:
    date -> the evidence reads like a date (digit, month, weekday, relative word); killed/injured ->
    the evidence holds a number or number word (for a figure of 1 also a singular subject or verb:
    "Nur ... was killed"; for a list of victims one span per person; for a bare plural its noun);
    location -> the place name (or one of its keys) is in the evidence; perpetrators/victims -> the mention or the canonical name is in the evidence;
    every value -> the evidence is non-empty and its offsets lie inside the text.
    ``details`` (optional) receives "field: value <- evidence" for every failed check."""
    out: dict[str, int] = {}

    def ev(spans) -> str | None:
        spans = list(spans or [])
        if not spans or any(not (0 <= s < e <= len(text)) for s, e in spans):
            return None
        return " ".join(text[s:e] for s, e in spans)

    def note(key: str, value: Any, spans) -> None:
        if details is not None and not out.get(key, 1):
            details[key] = f"{value!r} <- {ev(spans)!r}"

    d = inc.get("date") or {}
    # a date derived from the publication date (basis given) is a derived value: the contract
    # exempts it from evidence, so it is not checked here
    if d.get("start") and not (d.get("basis") == "publication date" and not d.get("evidence")):
        t = ev(d.get("evidence"))
        out["date"] = int(bool(t) and bool(_DATEISH.search(t)))
        note("date", d.get("start"), d.get("evidence"))
    loc = inc.get("location") or {}
    if loc.get("name"):
        t = ev(loc.get("evidence"))
        ok = False
        if t:
            nt = norm_name(t)
            ok = norm_name(loc["name"]) in nt or bool(place_keys(loc["name"]) & place_keys(t))
            if not ok:
                from harmwatch.extract.places import get_gazetteer

                gaz = get_gazetteer()
                gid = loc.get("geonames_id")
                ok = gid is not None and any(p.geonameid == gid for p in gaz.lookup(t))
        out["location"] = int(ok)
        note("location", loc.get("name"), loc.get("evidence"))
    for k in ("killed", "injured"):
        c = inc.get(k)
        if c:
            t = ev(c.get("evidence"))
            ok = bool(t) and bool(_NUMBER_STRICT.search(t))
            if not ok and c.get("best") == 1:
                # one named or singular victim: "Nur ... was killed", "he died" is honest evidence for 1
                ok = bool(t) and bool(_SINGULAR.search(t))
            if not ok and t:
                # victims listed one by one ("killed Juan Perez and Maria Lopez": one span per person
                # beside the trigger) or a bare plural read as "at least 2" ("civilians were injured")
                ok = any(cl.get("best") == c.get("best") and (
                    cl.get("qualifier") == "plural" or len(cl.get("evidence") or []) > (cl.get("best") or 0))
                    for cl in c.get("claims") or [])
            out[k] = int(ok)
            note(k, c.get("best"), c.get("evidence"))
    for k in ("perpetrators", "victims"):
        for a in inc.get(k) or []:
            t = ev(a.get("evidence"))
            ok = bool(t) and (norm_name(a.get("mention")) in norm_name(t) or norm_name(a.get("name")) in norm_name(t))
            out.setdefault(k, 1)
            out[k] = min(out[k], int(ok))
            if not ok:
                note(k, a.get("name"), a.get("evidence"))
    if inc.get("weapons"):
        out["weapons"] = int(all(ev(w.get("evidence")) for w in inc["weapons"]))
    return out


# --------------------------------------------------------------------------- MUC alignment


def compat(gold: dict, inc: dict) -> float:
    """How well a predicted incident fits a gold template (0 = not at all): +1 each for the
    same mapped event type, a date in the gold range, a location name inside the gold LOCATION, a
    matching perpetrator, the same non-zero killed figure."""
    s = 0.0
    if gold.get("sub_event_type") and gold["sub_event_type"] == inc.get("sub_event_type"):
        s += 1
    ps, _ = _date_of(inc)
    if gold.get("date") and ps and gold["date"]["start"] <= ps <= gold["date"]["end"]:
        s += 1
    loc = (inc.get("location") or {}).get("name")
    if loc and gold.get("location_text") and norm_name(loc) and norm_name(loc) in norm_name(gold["location_text"]):
        s += 1
    if gold.get("perpetrators"):
        gk = {actor_key(a) for g in gold["perpetrators"] for a in g}
        if actor_match(gk, [(actor_key(p.get("name") or ""), p.get("category")) for p in inc.get("perpetrators") or []]):
            s += 1
    k = (inc.get("killed") or {}).get("best")
    if k and gold.get("killed") and gold["killed"].get("best") == k:
        s += 1
    return s


def align(golds: list[dict], incs: list[dict]) -> list[tuple[int, int]]:
    """Greedy one-to-one alignment of gold templates and predicted incidents by :func:`compat`;
    only pairs with compat >= 1 are aligned."""
    pairs = sorted(((compat(g, p), -gi, -pi) for gi, g in enumerate(golds) for pi, p in enumerate(incs)), reverse=True)
    used_g, used_p, out = set(), set(), []
    for sc, ngi, npi in pairs:
        gi, pi = -ngi, -npi
        if sc < 1 or gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


# --------------------------------------------------------------------------- aggregation


#: share metrics where less is better (besides the ``off_*`` ones)
LOWER_IS_BETTER = frozenset({"docs_with_incident"})


def aggregate(rows: list[RowScore]) -> Table:
    """Means of hit metrics, median of km errors, summed (tp, fp, fn) -> P/R/F1, macro-F1 of labels,
    ``*_per_100_docs`` counts as a mean per 100 documents."""
    table = Table()
    by_field: dict[str, list[RowScore]] = {}
    for r in rows:
        by_field.setdefault(r.field, []).append(r)
    for fld, rs in by_field.items():
        names = sorted({k for r in rs for k in r.metrics if not k.startswith("_")})
        for name in names:
            vals = [r.metrics[name] for r in rs if name in r.metrics and r.metrics[name] is not None]
            if name == "prf":
                tp = sum(v[0] for v in vals)
                fp = sum(v[1] for v in vals)
                fn = sum(v[2] for v in vals)
                p, rc, f = prf(tp, fp, fn)
                table.put(fld, "precision", p, len(vals))
                table.put(fld, "recall", rc, len(vals))
                table.put(fld, "f1", f, len(vals))
            elif name == "km_error":
                table.put(fld, "median_km", statistics.median(vals) if vals else None, len(vals), lower_is_better=True)
            elif name == "zyte":
                p, rc, f = zyte_metrics(vals)
                table.put(fld, "zyte_precision", p, len(vals))
                table.put(fld, "zyte_recall", rc, len(vals))
                table.put(fld, "zyte_f1", f, len(vals))
            elif name == "token_prf":
                for i, lab in enumerate(("token_precision", "token_recall", "token_f1")):
                    table.put(fld, lab, statistics.mean(v[i] for v in vals) if vals else None, len(vals))
            elif name == "segments":
                tp = sum(v[0] for v in vals)
                fn = sum(v[1] for v in vals)
                fp = sum(v[2] for v in vals)
                tn = sum(v[3] for v in vals)
                p, rc, f = prf(tp, fp, fn)
                table.put(fld, "with_hit_rate", tp / (tp + fn) if tp + fn else None, tp + fn)
                table.put(fld, "without_absent_rate", tn / (tn + fp) if tn + fp else None, tn + fp)
                table.put(fld, "segment_precision", p, tp + fp)
                table.put(fld, "segment_f1", f, tp + fp + fn)
            elif name.endswith("_per_100_docs"):  # counts per document, as a rate per 100 documents
                table.put(fld, name, 100 * sum(vals) / len(vals) if vals else None, len(vals), lower_is_better=True)
            else:
                lower = name.startswith("off_") or name in LOWER_IS_BETTER
                table.put(fld, name, sum(vals) / len(vals) if vals else None, len(vals), lower_is_better=lower,
                          ci=mean_ci(vals))
        labelled = [r for r in rs if "_gold" in r.metrics]
        if labelled:
            table.put(fld, "macro_f1", macro_f1([r.metrics["_gold"] for r in labelled],
                                                [r.metrics["_pred"] for r in labelled]), len(labelled))
        # count scores restricted to rows with a non-zero gold figure
        pos = [r for r in rs if r.metrics.get("_gold_pos")]
        if pos and "exact_best" in names:
            table.put(fld, "exact_best_gold>0", sum(r.metrics["exact_best"] for r in pos) / len(pos), len(pos),
                      ci=mean_ci([r.metrics["exact_best"] for r in pos]))
    return table

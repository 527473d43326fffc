"""Runs an evaluation: load a set, subsample, extract (in worker processes), score harmwatch and
the baselines with the same code, and hand the numbers to report.py.

Only what a user would have reaches the extractor (text or HTML, and a publication date where the
source has one); gold stays in the parent process.
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing as mp
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from harmwatch.evaluation import calibration as C
from harmwatch.evaluation import negatives as N
from harmwatch.evaluation import scoring as S
from harmwatch.evaluation.base import EvalItem, subsample
from harmwatch.evaluation.baselines import baseline_incident, page_text
from harmwatch.evaluation.mappings import ACLED_TO_CASE, CASE_SEEN, NO_EVENT, NON_CONFLICT_TO_CASE

log = logging.getLogger(__name__)

#: dataset name -> loader module (harmwatch.evaluation.<module>)
DATASETS: dict[str, str] = {
    "gtd_2021h1": "gtd",
    "acled_may2020": "acled",
    "isaf_press_releases": "isaf",
    "muc34": "muc",
    "airwars_gaza2023": "airwars",
    "wikievents": "wikievents",
    "case2021_task2": "case2021",
    "india_police_events": "india_police",
    "ucdp_ged_sample": "ucdp",
    "article_extraction_benchmark": "article_benchmark",
    "trafilatura_eval": "trafilatura_eval",
    "negatives": "negatives",
    "gva_shootings": "gva",
}

#: rows per set for ``eval all`` when --limit is not given (None = every dev row); see EVALUATION.md
DEFAULT_LIMITS: dict[str, int | None] = {name: None for name in DATASETS}

MAIN_TEXT_SETS = {"article_extraction_benchmark", "trafilatura_eval"}
SINGLE_INCIDENT_SETS = {"gtd_2021h1", "acled_may2020", "isaf_press_releases", "airwars_gaza2023", "ucdp_ged_sample",
                        "gva_shootings"}


#: sets whose gold marks violent events only (MUC terrorism, WikiEvents attack/die/injure, police force)
VIOLENCE_ONLY_SETS = frozenset({"muc34", "wikievents", "india_police_events"})
_VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})
_VIOLENT_SUBS = frozenset({"Excessive force against protesters", "Looting/property destruction"})


def is_violent(inc: dict) -> bool:
    return inc.get("event_type") in _VIOLENT_TYPES or inc.get("sub_event_type") in _VIOLENT_SUBS


def loader(name: str):
    return importlib.import_module(f"harmwatch.evaluation.{DATASETS[name]}")


# --------------------------------------------------------------------------- extraction (workers)


def _compact(result) -> dict[str, Any]:
    return {"status": result.status, "error": result.error, "text": result.text or "",
            "incidents": [i.to_dict() for i in result.incidents], "excluded": list(result.excluded)}


def _predict(task: tuple) -> dict[str, Any]:
    """One extraction. ``task`` = (mode, id, text, html, published[, title]); mode text | html |
    main_text; the title is the page's (as ingest reads it from an HTML page)."""
    from harmwatch.types import InputItem

    mode, item_id, text, html, published = task[:5]
    title = task[5] if len(task) > 5 else None
    try:
        if mode == "main_text":
            from harmwatch.ingest import ingest

            doc = ingest(InputItem(ref=item_id, id=item_id, html=html))
            return {"status": "ok", "text": doc.text, "incidents": []}
        from harmwatch.pipeline import process_item

        if mode == "html":
            return _compact(process_item(InputItem(ref=item_id, id=item_id, html=html, published=published)))
        return _compact(process_item(InputItem(ref=item_id, id=item_id, text=text, published=published, title=title)))
    except Exception as exc:  # noqa: BLE001 - one failing document is a scored miss, not a crash
        return {"status": "error", "error": f"{type(exc).__name__}: {exc}", "text": text or "", "incidents": []}


def _warm_up() -> None:
    """Load the shared resources once in the parent so forked workers inherit them."""
    import harmwatch

    harmwatch.extract_text("Gunmen killed three people in Kabul on Monday.", published="2020-01-01")


def predict_all(tasks: list[tuple], workers: int, progress: Callable[[int], None] | None = None) -> list[dict]:
    if not tasks:
        return []
    if workers <= 1 or len(tasks) < 20:
        out = []
        for t in tasks:
            out.append(_predict(t))
            if progress:
                progress(1)
        return out
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    out = []
    with ctx.Pool(workers) as pool:
        for r in pool.imap(_predict, tasks, chunksize=8):
            out.append(r)
            if progress:
                progress(1)
    return out


# --------------------------------------------------------------------------- scoring per set


@dataclass
class SetResult:
    name: str
    n_items: int
    seconds: float
    system: S.Table
    baseline: S.Table
    rows: list[S.RowScore] = field(default_factory=list)  # harmwatch rows (for --errors)
    texts: dict[str, str] = field(default_factory=dict)
    failed: int = 0
    #: reliability of ``confidence`` (calibration.reliability), for sets with incident gold
    calibration: dict[str, Any] | None = None
    #: the negative set's incidents (negatives.false_incidents)
    false_incidents: list[dict] | None = None


def _incident_rows(item_id: str, gold: dict, inc: dict | None, text: str, *, with_prefix: bool = False) -> list[S.RowScore]:
    rows: list[S.RowScore | None] = []
    if with_prefix:
        return [r for r in [S.score_date(item_id, gold, inc, text, "date_with_prefix")] if r]
    rows.append(S.score_date(item_id, gold, inc, text))
    rows.append(S.score_place(item_id, gold, inc, text))
    if gold.get("sub_event_type"):
        rows.append(S.score_label(item_id, "event_type", gold["sub_event_type"], (inc or {}).get("sub_event_type"), inc, text))
    if gold.get("event_type"):
        rows.append(S.score_label(item_id, "event_type_top", gold["event_type"], (inc or {}).get("event_type"), inc, text))
    for k in ("perpetrators", "victims"):
        rows.append(S.score_actors(item_id, k, gold.get(k), (inc or {}).get(k) or [], text))
    if gold.get("actors_any"):
        both = ((inc or {}).get("perpetrators") or []) + ((inc or {}).get("victims") or [])
        rows.append(S.score_actors(item_id, "actors_any", gold["actors_any"], both, text))
    rows.append(S.score_count(item_id, "killed", gold.get("killed"), (inc or {}).get("killed"), text))
    rows.append(S.score_count(item_id, "injured", gold.get("injured"), (inc or {}).get("injured"), text))
    out = [r for r in rows if r is not None]
    if inc is None:  # say why nothing was predicted in the --errors listing
        for r in out:
            r.pred = r.pred or "(no incident)"
    return out


def _evidence_rows(item_id: str, pred: dict) -> list[S.RowScore]:
    out = []
    for inc in pred.get("incidents") or []:
        details: dict[str, str] = {}
        checks = S.evidence_checks(inc, pred.get("text") or "", details)
        if checks:
            out.append(S.RowScore(item_id, "evidence", dict(checks), gold="the value's evidence supports it",
                                  pred="; ".join(sorted(k for k, v in checks.items() if not v)) or None,
                                  evidence=" || ".join(f"{k}: {v}" for k, v in sorted(details.items())),
                                  miss=not all(checks.values())))
    return out


def _doc_prf(item_id: str, fld: str, gold_pos: bool, pred_pos: bool, gold: Any = None, pred: Any = None,
             evidence: str = "") -> S.RowScore:
    tp, fp, fn = int(gold_pos and pred_pos), int(pred_pos and not gold_pos), int(gold_pos and not pred_pos)
    return S.RowScore(item_id, fld, {"prf": (tp, fp, fn)}, gold=gold if gold is not None else gold_pos,
                      pred=pred if pred is not None else pred_pos, evidence=evidence, miss=bool(fp or fn))


def _sentences_hit(spans: list[tuple[int, int]], incs: list[dict]) -> set[int]:
    trig = [s for inc in incs for s in (inc.get("event_evidence") or [])]
    return {i for i, (a, b) in enumerate(spans) if any(s < b and e > a for s, e in trig)}


def score_set(name: str, items: list[EvalItem], preds: list[dict], prefix_preds: list[dict] | None) -> tuple[list, list]:
    """(harmwatch rows, baseline rows) for one set."""
    sys_rows: list[S.RowScore] = []
    base_rows: list[S.RowScore] = []
    subs = [i.gold.get("sub_event_type") for i in items if i.gold.get("sub_event_type")]
    subs += [g.get("sub_event_type") for i in items for g in (i.gold_incidents or []) if g.get("sub_event_type")]
    majority = Counter(subs).most_common(1)[0][0] if subs else None
    tops = Counter(i.gold.get("event_type") for i in items if i.gold.get("event_type")).most_common(1)
    majority_top = tops[0][0] if tops else None
    labels = [i.gold.get("label") for i in items if i.gold.get("label")]
    majority_label = Counter(labels).most_common(1)[0][0] if labels else None

    for k, (item, pred) in enumerate(zip(items, preds)):
        text = pred.get("text") or item.text or ""
        incs = pred.get("incidents") or []
        if name in VIOLENCE_ONLY_SETS:
            # these sets annotate violence only: a (correctly found) peaceful protest, agreement or
            # deployment is not a false positive of theirs, so it is left out of their scoring
            incs = [i for i in incs if is_violent(i)]
        iid = item.id
        if name == "article_extraction_benchmark":
            gold = item.gold["main_text"]
            for rows, got in ((sys_rows, text), (base_rows, page_text(item.html or ""))):
                rows.append(S.RowScore(iid, "main_text", {"zyte": S.zyte_tp_fp_fn(gold, got),
                                                          "token_prf": S.token_prf(gold, got)},
                                       gold=gold[:120], pred=got[:120]))
            continue
        if name == "trafilatura_eval":
            for rows, got in ((sys_rows, text), (base_rows, page_text(item.html or ""))):
                rows.append(segment_row(iid, item.gold, got))
            continue
        base_text = item.text or text
        binc = baseline_incident(base_text, item.published, majority)
        binc["event_type"] = majority_top
        if name in SINGLE_INCIDENT_SETS:
            inc = S.lead_incident(incs)
            sys_rows += _incident_rows(iid, item.gold, inc, text)
            base_rows += _incident_rows(iid, item.gold, binc, base_text)
            sys_rows.append(S.RowScore(iid, "detection", {"doc_recall": int(bool(incs))}, gold=True, pred=len(incs),
                                       miss=not incs))
            base_rows.append(S.RowScore(iid, "detection", {"doc_recall": 1}))
            if prefix_preds is not None and item.original_text is not None:
                pp = prefix_preds[k]
                sys_rows += _incident_rows(iid, item.gold, S.lead_incident(pp.get("incidents") or []),
                                           pp.get("text") or "", with_prefix=True)
                base_rows += _incident_rows(iid, item.gold, binc, base_text, with_prefix=True)
            sys_rows += _evidence_rows(iid, pred)
        elif name == "muc34":
            golds = item.gold_incidents or []
            for rows, cand, t in ((sys_rows, incs, text), (base_rows, [binc], base_text)):
                trig = S.span_text(t, [s for c in cand for s in c.get("event_evidence") or []], 240)
                rows.append(_doc_prf(iid, "detection_doc", bool(golds), bool(cand), evidence=trig))
                pairs = dict(S.align(golds, cand))
                tp = len(pairs)
                rows.append(S.RowScore(iid, "detection_incident", {"prf": (tp, len(cand) - tp, len(golds) - tp)},
                                       gold=f"{len(golds)} templates: " + "; ".join(g["muc_type"] for g in golds),
                                       pred=f"{len(cand)} incidents: " + "; ".join(str(c.get("sub_event_type")) for c in cand),
                                       evidence=trig, miss=tp < max(len(cand), len(golds))))
                for gi, g in enumerate(golds):
                    inc = cand[pairs[gi]] if gi in pairs else None
                    rows += _incident_rows(f"{iid}#{gi + 1}", g, inc, t)
            sys_rows += _evidence_rows(iid, pred)
        elif name == "wikievents":
            spans = item.gold["sents"]
            gold_idx = {spans.index(s) for s in item.gold["violent_sents"]}
            sys_rows.append(_doc_prf(iid, "detection_doc", item.gold["doc_event"], bool(incs)))
            base_rows.append(_doc_prf(iid, "detection_doc", item.gold["doc_event"], True))
            for rows, hit in ((sys_rows, _sentences_hit(spans, incs)), (base_rows, set(range(len(spans))))):
                tp = len(hit & gold_idx)
                rows.append(S.RowScore(iid, "detection_sentence", {"prf": (tp, len(hit) - tp, len(gold_idx) - tp)},
                                       gold=sorted(gold_idx), pred=sorted(hit), miss=hit != gold_idx))
            sys_rows += _evidence_rows(iid, pred)
        elif name == "india_police_events":
            sys_rows.append(_doc_prf(iid, "detection_doc", item.gold["doc_event"], bool(incs), pred=len(incs),
                                     evidence=S.span_text(text, [s for i in incs for s in i.get("event_evidence") or []])))
            base_rows.append(_doc_prf(iid, "detection_doc", item.gold["doc_event"], True))
            pk = any(any(p.get("category") == "state forces" for p in i.get("perpetrators") or [])
                     and ((i.get("killed") or {}).get("best") or 0) > 0 for i in incs)
            sys_rows.append(_doc_prf(iid, "police_kill_doc", item.gold["police_kill"], pk))
            base_rows.append(_doc_prf(iid, "police_kill_doc", item.gold["police_kill"], True))
            sys_rows += _evidence_rows(iid, pred)
        elif name == N.NAME:
            sys_rows.append(N.score_row(item, incs, text))
            base_rows.append(N.score_row(item, [binc], base_text))
        elif name == "case2021_task2":
            inc = S.lead_incident(incs)
            lab = ACLED_TO_CASE.get((inc or {}).get("sub_event_type") or "", NO_EVENT) if inc else NO_EVENT
            if inc is None and pred.get("excluded"):  # harm harmwatch says is no armed violence
                lab = NON_CONFLICT_TO_CASE.get(pred["excluded"][0]["kind"], NO_EVENT)
            sys_rows.append(S.score_label(iid, "event_type", item.gold["label"], lab, inc, text))
            base_rows.append(S.score_label(iid, "event_type", item.gold["label"], majority_label, None, text))
            if item.gold["label"] in CASE_SEEN:  # CASE subtask 1: the ACLED-derived labels only
                sys_rows.append(S.score_label(iid, "event_type_seen", item.gold["label"], lab, inc, text))
                base_rows.append(S.score_label(iid, "event_type_seen", item.gold["label"], majority_label, None, text))
    return sys_rows, base_rows


def _seg_norm(s: str) -> str:
    return " ".join(s.replace("\xad", "").split())


def segment_row(item_id: str, gold: dict, text: str) -> S.RowScore:
    """trafilatura's evaluation style: a ``with`` segment found is a TP (else FN); a ``without``
    segment found is an FP (else TN). Whitespace collapsed and soft hyphens dropped on both sides."""
    t = _seg_norm(text)
    tp = sum(1 for s in gold["with"] if _seg_norm(s) in t)
    fn = len(gold["with"]) - tp
    fp = sum(1 for s in gold["without"] if _seg_norm(s) in t)
    tn = len(gold["without"]) - fp
    return S.RowScore(item_id, "main_text", {"segments": (tp, fn, fp, tn)},
                      gold=f"with {len(gold['with'])}, without {len(gold['without'])}",
                      pred=f"found with {tp}, found without {fp}", miss=bool(fn or fp))


# --------------------------------------------------------------------------- confidence


#: sets whose gold says which predicted incidents are real (see calibration.py)
CALIBRATION_SETS = SINGLE_INCIDENT_SETS | {"muc34", "wikievents", N.NAME}


def aligned_incidents(name: str, items: list[EvalItem], preds: list[dict]) -> list[tuple[EvalItem, dict, bool, str]]:
    """(item, predicted incident, aligned with a gold incident, clean text) for every predicted
    incident the set scores (the violence-only sets score violent incidents only)."""
    out: list[tuple[EvalItem, dict, bool, str]] = []
    for item, pred in zip(items, preds):
        incs = pred.get("incidents") or []
        if name in VIOLENCE_ONLY_SETS:
            incs = [i for i in incs if is_violent(i)]
        if not incs:
            continue
        if name in SINGLE_INCIDENT_SETS:
            hits = C.aligned_single(item.gold, incs)
        elif name == "muc34":
            hits = C.aligned_muc(item.gold_incidents or [], incs)
        elif name == "wikievents":
            hits = C.aligned_sentences(item.gold["violent_sents"], incs)
        else:  # the negative set: every incident is false
            hits = [False] * len(incs)
        text = pred.get("text") or item.text or ""
        out += [(item, i, h, text) for i, h in zip(incs, hits)]
    return out


def confidence_outcomes(name: str, items: list[EvalItem], preds: list[dict]) -> list[tuple[float, bool]]:
    """(confidence, aligned with a gold incident) for every predicted incident the set scores."""
    return [(float(inc.get("confidence") or 0.0), hit) for _, inc, hit, _ in aligned_incidents(name, items, preds)]


def put_calibration(table: S.Table, cal: dict[str, Any]) -> None:
    """The headline numbers of a reliability curve as table rows (field ``confidence``)."""
    table.put("confidence", "aligned_share", cal["precision"], cal["n"])
    table.put("confidence", "ece", cal["ece"], cal["n"], lower_is_better=True)
    table.put("confidence", "auroc", cal["auroc"], cal["n"])


# --------------------------------------------------------------------------- driver


def run_set(name: str, data_dir: Path, *, limit: int | None, seed: int, workers: int,
            progress: Callable[[str, int, int], None] | None = None) -> SetResult:
    t0 = time.perf_counter()
    items = subsample(loader(name).load(data_dir), limit, seed)
    if name in MAIN_TEXT_SETS:
        tasks = [("main_text", i.id, None, i.html, None) for i in items]
    else:
        tasks = [("html" if i.text is None else "text", i.id, i.text, i.html, i.published, i.title) for i in items]
    prefix_tasks = [("text", i.id, i.original_text, None, i.published) for i in items if i.original_text is not None]
    total = len(tasks) + len(prefix_tasks)
    done = [0]

    def tick(n: int) -> None:
        done[0] += n
        if progress:
            progress(name, done[0], total)

    preds = predict_all(tasks, workers, tick)
    prefix_preds = predict_all(prefix_tasks, workers, tick) if prefix_tasks else None
    if prefix_preds is not None and len(prefix_preds) != len(items):
        prefix_preds = None
    sys_rows, base_rows = score_set(name, items, preds, prefix_preds)
    res = SetResult(name, len(items), time.perf_counter() - t0, S.aggregate(sys_rows), S.aggregate(base_rows),
                    rows=sys_rows, failed=sum(1 for p in preds if p.get("status") == "error"))
    res.texts = {i.id: (p.get("text") or i.text or "") for i, p in zip(items, preds)}
    if name in CALIBRATION_SETS:
        outcomes = confidence_outcomes(name, items, preds)
        res.calibration = {**C.reliability(outcomes), "outcomes": outcomes}
        put_calibration(res.system, res.calibration)
    if name == N.NAME:
        res.false_incidents = N.false_incidents(items, preds)
    return res


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 4))


def run(names: list[str], data_dir: Path, *, limit: int | None = None, seed: int = 0, workers: int | None = None,
        progress: Callable[[str, int, int], None] | None = None) -> list[SetResult]:
    workers = default_workers() if workers is None else workers
    _warm_up()
    out = []
    for name in names:
        lim = limit if limit is not None else DEFAULT_LIMITS.get(name)
        out.append(run_set(name, data_dir, limit=lim, seed=seed, workers=workers, progress=progress))
    return out

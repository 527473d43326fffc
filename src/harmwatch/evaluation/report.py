"""Reports: the markdown table (stdout and eval-report/report.md), the JSON report, and the
``--errors`` listing. Both reports also carry the reliability of ``confidence`` per set with incident
gold (calibration.py) and the negative set's false incidents with their trigger words (negatives.py)."""

from __future__ import annotations

import json
import platform
import time
from pathlib import Path
from typing import Any

from harmwatch.evaluation.runner import SetResult

#: order of fields in the table
FIELD_ORDER = ["false_incidents", "false_incidents_disaster", "main_text", "detection", "detection_doc",
               "detection_incident", "detection_sentence", "police_kill_doc",
               "event_type", "event_type_top", "date", "date_with_prefix", "place", "perpetrators", "victims",
               "actors_any", "killed", "injured", "evidence", "confidence"]


def _fmt(v: Any, metric: str) -> str:
    if v is None:
        return "–"
    if metric == "median_km":
        return f"{v:.1f}"
    return f"{v:.3f}"


def result_rows(results: list[SetResult]) -> list[dict[str, Any]]:
    rows = []
    for r in results:
        keys = sorted(set(r.system.values) | set(r.baseline.values),
                      key=lambda k: (FIELD_ORDER.index(k[0]) if k[0] in FIELD_ORDER else 99, k[1]))
        for fld, metric in keys:
            s = r.system.values.get((fld, metric), {})
            b = r.baseline.values.get((fld, metric), {})
            rows.append({"dataset": r.name, "field": fld, "metric": metric, "harmwatch": s.get("value"),
                         "ci": s.get("ci"), "baseline": b.get("value"), "n": s.get("n", b.get("n")),
                         "lower_is_better": bool(s.get("lower_is_better") or b.get("lower_is_better"))})
    return rows


def markdown(results: list[SetResult], settings: dict[str, Any]) -> str:
    lines = [f"# harmwatch eval ({time.strftime('%Y-%m-%d %H:%M')})", "",
             f"data: `{settings.get('data_dir')}`; limit {settings.get('limit') or 'all rows'}, seed {settings.get('seed')}, "
             f"workers {settings.get('workers')}; total {settings.get('seconds', 0):.0f} s.", "",
             "The 95 % interval is a bootstrap of the rows (1,000 resamples, seed 0): a change that stays "
             "inside it is noise, not a gain.", "",
             "| dataset | field | metric | harmwatch | 95 % interval | baseline | n |", "|---|---|---|---:|---:|---:|---:|"]
    for row in result_rows(results):
        metric = row["metric"] + (" (lower is better)" if row["lower_is_better"] else "")
        ci = row.get("ci")
        interval = f"{_fmt(ci[0], row['metric'])}–{_fmt(ci[1], row['metric'])}" if ci else "–"
        lines.append(f"| {row['dataset']} | {row['field']} | {metric} | {_fmt(row['harmwatch'], row['metric'])} | "
                     f"{interval} | {_fmt(row['baseline'], row['metric'])} | {row['n']} |")
    lines += ["", "| dataset | rows | extraction errors | seconds |", "|---|---:|---:|---:|"]
    for r in results:
        lines.append(f"| {r.name} | {r.n_items} | {r.failed} | {r.seconds:.1f} |")
    lines += calibration_markdown(results)
    lines += false_incidents_markdown(results)
    return "\n".join(lines) + "\n"


def _pct(v: float | None) -> str:
    return "–" if v is None else f"{v:.3f}"


def pooled_calibration(results: list[SetResult]) -> dict[str, Any] | None:
    """One reliability curve over the incidents of every set with incident gold (negatives included)."""
    from harmwatch.evaluation.calibration import reliability

    outcomes = [o for r in results if r.calibration for o in r.calibration.get("outcomes", [])]
    return reliability(outcomes) if outcomes else None


def calibration_markdown(results: list[SetResult]) -> list[str]:
    """Per set with incident gold: confidence bins (n, mean confidence, share aligned with gold), ECE, AUROC."""
    sets = [(r.name, r.calibration) for r in results if r.calibration]
    if not sets:
        return []
    pooled = pooled_calibration(results)
    if pooled and len(sets) > 1:
        sets.append(("all sets above", pooled))
    out = ["", "## Reliability of `confidence`", "",
           ("Per bin: predicted incidents, their mean confidence, and the share aligned with a gold incident "
            "(see docs/EVALUATION.md, 'What `confidence` means'). ECE = count-weighted mean "
            "|share aligned - mean confidence|; AUROC = how well confidence ranks aligned above non-aligned "
            "incidents (0.5 = not at all)."), "",
           "| dataset | bin | n | mean confidence | aligned share |", "|---|---|---:|---:|---:|"]
    for name, cal in sets:
        for b in cal["bins"]:
            if b["n"]:
                out.append(f"| {name} | {b['bin']} | {b['n']} | {_pct(b['mean_confidence'])} | "
                           f"{_pct(b['precision'])} |")
        out.append(f"| {name} | **all** | {cal['n']} | ECE {_pct(cal['ece'])} | {_pct(cal['precision'])} "
                   f"(AUROC {_pct(cal['auroc'])}) |")
    return out


def trigger_counts(false_incidents: list[dict]) -> list[tuple[str, int]]:
    """How many false incidents each trigger word (lower-cased) took part in, most first."""
    from collections import Counter

    c = Counter(t.lower() for f in false_incidents for t in dict.fromkeys(f["triggers"]))
    return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))


def false_incidents_markdown(results: list[SetResult], max_rows: int = 200) -> list[str]:
    """The negative set's incidents: which documents opened them, of what type, with which trigger words."""
    out: list[str] = []
    for r in results:
        if r.false_incidents is None:
            continue
        fi = r.false_incidents
        out += ["", f"## False incidents on `{r.name}` ({len(fi)} on {r.n_items} non-violent documents)", "",
                "| document | event type | confidence | trigger words |", "|---|---|---:|---|"]
        for f in fi[:max_rows]:
            out.append(f"| {f['doc']} | {f['event_type']} / {f['sub_event_type']} | {f['confidence']} | "
                       f"{', '.join(f['triggers'])} |")
        out += ["", "| trigger word | false incidents |", "|---|---:|"]
        out += [f"| {w} | {n} |" for w, n in trigger_counts(fi)]
    return out


def json_report(results: list[SetResult], settings: dict[str, Any]) -> dict[str, Any]:
    from harmwatch import __version__

    return {
        "harmwatch_version": __version__,
        "settings": settings,
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "datasets": {r.name: {"rows": r.n_items, "extraction_errors": r.failed, "seconds": round(r.seconds, 2)}
                     for r in results},
        "results": result_rows(results),
        "calibration": {**{r.name: _without_outcomes(r.calibration) for r in results if r.calibration},
                        **({"pooled": _without_outcomes(pooled_calibration(results))}
                           if sum(1 for r in results if r.calibration) > 1 else {})},
        "false_incidents": {r.name: {"incidents": r.false_incidents,
                                     "trigger_counts": dict(trigger_counts(r.false_incidents))}
                            for r in results if r.false_incidents is not None},
    }


def _without_outcomes(cal: dict[str, Any] | None) -> dict[str, Any] | None:
    return None if cal is None else {k: v for k, v in cal.items() if k != "outcomes"}


def write(results: list[SetResult], settings: dict[str, Any], out_dir: Path) -> tuple[Path, Path, str]:
    out_dir.mkdir(parents=True, exist_ok=True)
    md = markdown(results, settings)
    md_path, json_path = out_dir / "report.md", out_dir / "report.json"
    md_path.write_text(md, encoding="utf-8")
    json_path.write_text(json.dumps(json_report(results, settings), indent=2), encoding="utf-8")
    return md_path, json_path, md


def errors_listing(result: SetResult, field: str, max_rows: int = 50) -> str:
    """The misses of one field: id, text snippet, gold, predicted, evidence. ``field`` is a table
    field name (date, date_with_prefix, place, ...); a prefix ("detection") lists all fields it starts."""
    exact = any(r.field == field for r in result.rows)
    misses = [r for r in result.rows if r.miss and (r.field == field if exact else r.field.startswith(field))]
    out = [f"# {result.name}: {len(misses)} misses on {field}" + (f" (first {max_rows})" if len(misses) > max_rows else ""), ""]
    for r in misses[:max_rows]:
        text = result.texts.get(r.item_id.split("#")[0], "")
        snippet = " ".join(text.split())[:240]
        out += [f"## {r.item_id} [{r.field}]",
                f"- text: {snippet}",
                f"- gold: {r.gold}",
                f"- predicted: {r.pred}",
                f"- evidence: {r.evidence or '–'}", ""]
    return "\n".join(out)

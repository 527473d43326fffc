"""Reports: the markdown table (stdout and eval-report/report.md), the JSON report, and the
``--errors`` listing."""

from __future__ import annotations

import json
import platform
import time
from pathlib import Path
from typing import Any

from harmwatch.evaluation.runner import SetResult

#: order of fields in the table
FIELD_ORDER = ["main_text", "detection", "detection_doc", "detection_incident", "detection_sentence", "police_kill_doc",
               "event_type", "event_type_top", "date", "date_with_prefix", "place", "perpetrators", "victims",
               "actors_any", "killed", "injured", "evidence"]


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
                         "baseline": b.get("value"), "n": s.get("n", b.get("n")),
                         "lower_is_better": bool(s.get("lower_is_better") or b.get("lower_is_better"))})
    return rows


def markdown(results: list[SetResult], settings: dict[str, Any]) -> str:
    lines = [f"# harmwatch eval ({time.strftime('%Y-%m-%d %H:%M')})", "",
             f"data: `{settings.get('data_dir')}`; limit {settings.get('limit') or 'all rows'}, seed {settings.get('seed')}, "
             f"workers {settings.get('workers')}; total {settings.get('seconds', 0):.0f} s.", "",
             "| dataset | field | metric | harmwatch | baseline | n |", "|---|---|---|---:|---:|---:|"]
    for row in result_rows(results):
        metric = row["metric"] + (" (lower is better)" if row["lower_is_better"] else "")
        lines.append(f"| {row['dataset']} | {row['field']} | {metric} | {_fmt(row['harmwatch'], row['metric'])} | "
                     f"{_fmt(row['baseline'], row['metric'])} | {row['n']} |")
    lines += ["", "| dataset | rows | extraction errors | seconds |", "|---|---:|---:|---:|"]
    for r in results:
        lines.append(f"| {r.name} | {r.n_items} | {r.failed} | {r.seconds:.1f} |")
    return "\n".join(lines) + "\n"


def json_report(results: list[SetResult], settings: dict[str, Any]) -> dict[str, Any]:
    from harmwatch import __version__

    return {
        "harmwatch_version": __version__,
        "settings": settings,
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "datasets": {r.name: {"rows": r.n_items, "extraction_errors": r.failed, "seconds": round(r.seconds, 2)}
                     for r in results},
        "results": result_rows(results),
    }


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

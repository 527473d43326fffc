"""``harmwatch eval``: per-field scores of the extractor on the evaluation sets, beside baselines."""

from __future__ import annotations

import time
from pathlib import Path

import click


@click.command("eval")
@click.argument("dataset", default="all")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder with the evaluation sets (default: $HARMWATCH_EVAL_DIR, else ../shared/data/eval).")
@click.option("--limit", type=int, default=None, help="Rows per set, drawn reproducibly with --seed (default: all).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the --limit subsample.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("eval-report"),
              show_default=True, help="Where report.md and report.json go.")
@click.option("--errors", "errors_field", default=None,
              help="List the misses of one field (date, place, event_type, perpetrators, victims, killed, ...).")
@click.option("--workers", type=int, default=None, help="Extraction processes (default: CPU count, at most 4).")
@click.option("--silent", is_flag=True, help="No progress on stderr.")
def command(dataset: str, data_dir: Path | None, limit: int | None, seed: int, out_dir: Path,
            errors_field: str | None, workers: int | None, silent: bool) -> None:
    """Score the extractor on DATASET (or all) and print the markdown table.

    Sets: gtd_2021h1, acled_may2020, isaf_press_releases, muc34, airwars_gaza2023, wikievents,
    case2021_task2, india_police_events, ucdp_ged_sample, article_extraction_benchmark, trafilatura_eval,
    gva_shootings, negatives (non-violent pages: false incidents per 100).

    `harmwatch eval merge` scores merging instead: pairwise and B-cubed precision/recall/F1 of the
    merged incidents against the gold links of gva_shootings and muc34 (see evaluation/merge_eval.py).
    """
    from harmwatch.errors import HarmwatchError
    from harmwatch.evaluation import report, runner
    from harmwatch.evaluation.base import default_data_dir, need

    if dataset == "merge":
        _merge(data_dir, limit, seed, out_dir, workers, silent)
        return

    names = list(runner.DATASETS) if dataset == "all" else [dataset]
    for n in names:
        if n not in runner.DATASETS:
            raise HarmwatchError(f"unknown evaluation set {n!r}", code="HW-EVAL-SET",
                                 hint="one of: all, " + ", ".join(runner.DATASETS))
    data_dir = need(data_dir or default_data_dir())
    workers = runner.default_workers() if workers is None else workers

    def progress(name: str, done: int, total: int) -> None:
        if not silent and (done == total or done % 100 == 0):
            click.echo(f"\r{name}: {done}/{total}", err=True, nl=done == total)

    t0 = time.perf_counter()
    results = runner.run(names, data_dir, limit=limit, seed=seed, workers=workers, progress=progress)
    settings = {"datasets": names, "data_dir": str(data_dir), "limit": limit, "seed": seed, "workers": workers,
                "seconds": round(time.perf_counter() - t0, 1)}
    md_path, json_path, md = report.write(results, settings, out_dir)
    click.echo(md)
    if errors_field:
        for r in results:
            click.echo(report.errors_listing(r, errors_field))
    if not silent:
        click.echo(f"reports: {md_path} {json_path}", err=True)


def _merge(data_dir: Path | None, limit: int | None, seed: int, out_dir: Path, workers: int | None, silent: bool) -> None:
    import json

    from harmwatch.evaluation import merge_eval, runner
    from harmwatch.evaluation.base import default_data_dir, need

    data_dir = need(data_dir or default_data_dir())
    workers = runner.default_workers() if workers is None else workers

    def progress(name: str, done: int, total: int) -> None:
        if not silent and (done == total or done % 200 == 0):
            click.echo(f"\r{name}: extracted {done}/{total}", err=True, nl=done == total)

    results = merge_eval.run(list(merge_eval.SETS), data_dir, limit=limit, seed=seed, workers=workers,
                             progress=progress)
    md = merge_eval.markdown(results)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "merge_report.md").write_text(md + "\n", encoding="utf-8")
    (out_dir / "merge_report.json").write_text(json.dumps([r.as_dict() for r in results], indent=2, default=str),
                                               encoding="utf-8")
    click.echo(md)
    if not silent:
        click.echo(f"reports: {out_dir / 'merge_report.md'} {out_dir / 'merge_report.json'}", err=True)

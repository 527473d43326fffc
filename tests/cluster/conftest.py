"""The cluster tests' corpus: real reports read from the shared evaluation data at test time (never
copied into the repo), written as a folder of shards in three formats."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

#: GTD summaries and ACLED notes: short real reports (~60 words), about 100 a second on one core
GTD_DOCS = 600
ACLED_DOCS = 420


@pytest.fixture(scope="session")
def shard_folder(shared: Path, tmp_path_factory) -> Path:
    """1,020 real reports as a folder of shards: two JSONL shards (GTD), a CSV and a Parquet shard
    (ACLED), plus bad inputs that must fail with their codes (an empty text, a broken line, a
    repeated id)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from harmwatch.evaluation import acled, gtd

    data = shared / "data" / "eval"
    g = [i for i in gtd.load(data) if i.original_text or i.text][:GTD_DOCS]
    a = [i for i in acled.load(data) if i.original_text or i.text][:ACLED_DOCS]
    if len(g) < GTD_DOCS or len(a) < ACLED_DOCS:
        pytest.skip("not enough GTD / ACLED rows in the shared data")
    folder = tmp_path_factory.mktemp("cluster") / "shards"
    folder.mkdir()

    def rows(items, prefix):
        return [{"id": f"{prefix}-{i.id}", "text": i.original_text or i.text} for i in items]

    gr, ar = rows(g, "gtd"), rows(a, "acled")
    half = len(gr) // 2
    lines = [json.dumps(r) for r in gr[:half]]
    lines[10:10] = ['{"id": "empty", "text": ""}', '{"id": "broken", "text": ']
    (folder / "part-000.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "part-001.jsonl").write_text("\n".join(json.dumps(r) for r in gr[half:] + [gr[5]]) + "\n",
                                           encoding="utf-8")
    with (folder / "part-002.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["id", "text"])
        w.writeheader()
        w.writerows(ar[:200])
    pq.write_table(pa.Table.from_pylist(ar[200:]), folder / "part-003.parquet")
    return folder

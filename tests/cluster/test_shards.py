"""Input sharding: the stream cut into lists in order; Parquet shards read like CSV ones."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from harmwatch.cluster import shards
from harmwatch.errors import ConfigError
from harmwatch.ingest import count_inputs, iter_inputs

TEXT = "Gunmen killed two villagers and wounded three others in an attack on a market on Monday, police said."


def test_shards_keep_the_order_and_cut_the_last_one_short():
    got = list(shards(iter(range(10)), 4))
    assert got == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    assert list(shards([], 4)) == []
    with pytest.raises(ConfigError) as err:
        list(shards(range(3), 0))
    assert err.value.code == "HW-CONFIG-SHARD"


def test_a_folder_of_jsonl_csv_and_parquet_shards_is_one_input(tmp_path):
    (tmp_path / "part-0.jsonl").write_text('{"id": "j1", "text": "%s"}\n' % TEXT, encoding="utf-8")
    (tmp_path / "part-1.csv").write_text(f'id,body\nc1,"{TEXT}"\n', encoding="utf-8")
    # column aliases as in CSV ("Headline", "body"), a missing text, an int id
    pq.write_table(pa.Table.from_pylist([{"id": "p1", "Headline": "Market attack", "body": TEXT},
                                         {"id": "p2", "Headline": "No text", "body": None}]),
                   tmp_path / "part-2.parquet")
    pq.write_table(pa.Table.from_pylist([{"id": 7, "text": TEXT}]), tmp_path / "part-2b.parquet")
    (tmp_path / "part-3.parquet").write_bytes(b"not parquet at all")
    items = list(iter_inputs([tmp_path]))
    assert [i.id for i in items] == ["j1", "c1", "p1", "p2", "7", None]
    assert items[2].title == "Market attack" and items[2].text == TEXT and items[2].ref.endswith("part-2.parquet:1")
    assert items[3].error.startswith("[HW-INPUT-NO-TEXT]")
    assert items[5].error.startswith("[HW-INPUT-UNREADABLE]")
    assert count_inputs([tmp_path]) == len(items)

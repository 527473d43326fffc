"""`harmwatch run` loses nothing: unique ids from files, collisions reported, wire copies stored,
and the summary's counts equal what the store holds (issue 15)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from colliding_folder import EXPECTED, WIKINEWS, build
from harmwatch.cli.main import cli


def _run(args: list[str]) -> dict:
    res = CliRunner().invoke(cli, ["run", *args, "--silent", "--json"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


@pytest.fixture
def feed(tmp_path, shared):
    if not WIKINEWS.exists():
        pytest.skip(f"Wikinews corpus not found at {WIKINEWS}")
    return build(tmp_path)


@pytest.fixture
def store_rows(databases):
    def rows(db):
        docs = dict(databases.rows(db, "SELECT id, content_hash FROM documents"))
        items = databases.rows(db, "SELECT run_id, ref, doc_id, status, code, reason FROM run_items ORDER BY id")
        return docs, items

    return rows


def test_colliding_file_names_are_all_stored_and_counts_equal_the_store(tmp_path, feed, databases, store_rows) -> None:
    db = databases.new("hw")
    first = _run([str(feed), "--db", db])
    c = first["counts"]
    docs, items = store_rows(db)

    # what the summary says is what the store holds
    assert c["total"] == EXPECTED["read"] == len(items)
    assert (c["done"], c["skipped"], c["failed"]) == (EXPECTED["done"], EXPECTED["skipped"], EXPECTED["failed"])
    assert len(docs) == c["done"] + c["skipped"] == c["stored"] == c["stored_new"] == EXPECTED["stored"]
    assert first["stats"]["documents"] == len(docs)
    assert {i[2] for i in items if i[3] in ("done", "skipped")} == set(docs)
    failed = [i for i in items if i[3] == "failed"]
    assert sorted(i[4] for i in failed) == EXPECTED["failed_codes"]
    assert all(i[5] for i in failed) and "w-2" not in docs  # w-1 is stored once, from line 1

    # ids from files are their path under the folder given: nothing shares an id
    assert {"outlet_a/2019/report.txt", "outlet_b/2019/report.txt", "wire/report.txt",
            "site/one/index.html", "site/two/index.html", "fr/rapport.txt", "w-1", "w-3"} == set(docs)
    # a wire copy is its own document; the content hash links it to the original
    assert docs["wire/report.txt"] == docs["outlet_a/2019/report.txt"] == docs["w-3"]
    assert c["unchanged"] == 0 and not any(i[5] and "unchanged" in i[5] for i in items)

    # the two explicit collisions, each with its coded reason
    by_code = {i[4]: i for i in failed}
    assert by_code["HW-STORE-ID-COLLISION"][1].endswith("feed.jsonl:2")
    assert "feed.jsonl:1" in by_code["HW-STORE-ID-COLLISION"][5]
    assert by_code["HW-STORE-URL-COLLISION"][2] == "w-2" and "'w-1'" in by_code["HW-STORE-URL-COLLISION"][5]

    # re-running the same input is idempotent: everything unchanged, the collisions reported again
    second = _run([str(feed), "--db", db])
    c2 = second["counts"]
    docs2, items2 = store_rows(db)
    assert docs2 == docs
    assert (c2["done"], c2["skipped"], c2["failed"]) == (c["done"], c["skipped"], c["failed"])
    assert c2["unchanged"] == c2["done"] and c2["stored_unchanged"] == c2["stored"] == len(docs)
    assert sorted(i[4] for i in items2 if i[0] == second["run_id"] and i[3] == "failed") == EXPECTED["failed_codes"]


def test_same_text_twice_in_one_input_is_a_reported_duplicate(tmp_path, feed, databases, store_rows) -> None:
    rows = [json.loads(line) for line in (feed / "feed.jsonl").read_text().splitlines()]
    dup = tmp_path / "dup.jsonl"
    dup.write_text(json.dumps(rows[0]) + "\n" + json.dumps(rows[0]) + "\n", encoding="utf-8")
    db = databases.new("dup")
    c = _run([str(dup), "--db", db])["counts"]
    docs, items = store_rows(db)
    assert (c["done"], c["failed"], len(docs)) == (1, 1, 1)
    assert [i[4] for i in items] == [None, "HW-INPUT-DUPLICATE"]
    assert "stored once" in items[1][5]


def test_a_later_edition_under_the_same_id_is_reported_as_updated(tmp_path, feed, databases, store_rows) -> None:
    db = databases.new("hw")
    one = tmp_path / "one"
    one.mkdir()
    report = feed / "outlet_a" / "2019" / "report.txt"
    (one / "report.txt").write_text(report.read_text(encoding="utf-8"), encoding="utf-8")
    assert _run([str(one), "--db", db])["counts"]["stored_new"] == 1
    (one / "report.txt").write_text(report.read_text(encoding="utf-8") + "\nThis story has been updated.",
                                    encoding="utf-8")
    c = _run([str(one), "--db", db])["counts"]
    assert (c["done"], c["stored_updated"], c["stored_new"]) == (1, 1, 0)
    docs, items = store_rows(db)
    assert len(docs) == 1 and items[-1][5].startswith("updated")

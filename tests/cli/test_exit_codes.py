"""Honest exit codes and no side effects (issue 15): missing paths and databases are errors that
write nothing, --fail-on-error, standard input, --published, invalid dates, --silent, progress totals."""

from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner
from rich.console import Console

from harmwatch.cli.main import cli


def _invoke(args, **kw):
    return CliRunner().invoke(cli, args, catch_exceptions=False, **kw)


def _listing(path):
    return sorted(p.relative_to(path).as_posix() for p in path.rglob("*"))


@pytest.fixture
def reports(tmp_path, seed_text):
    """A folder with the seed report (no date in the file) and an empty file."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "seed.txt").write_text(seed_text, encoding="utf-8")
    (folder / "empty.txt").write_text("")
    return folder


# --------------------------------------------------------------------------- missing paths and databases


def test_missing_input_path_is_an_error_and_writes_nothing(tmp_path, reports, databases) -> None:
    work = tmp_path / "work"
    work.mkdir()
    db = databases.new("work")
    res = _invoke(["run", str(reports), str(tmp_path / "nope"), "--db", db])
    assert res.exit_code == 2
    assert "HW-INPUT-NOT-FOUND" in res.stderr and "nope" in res.stderr
    res = _invoke(["extract", str(tmp_path / "nope.jsonl"), "-o", str(work / "out.jsonl")])
    assert res.exit_code == 2 and "HW-INPUT-NOT-FOUND" in res.stderr
    assert _listing(work) == [] and not databases.exists(db)  # no database, no output file


def test_export_and_doctor_on_a_missing_database_create_nothing(tmp_path, databases) -> None:
    db = databases.new("missing")
    res = _invoke(["export", "--db", db, "-o", str(tmp_path / "out.jsonl")])
    assert res.exit_code == 2
    assert "HW-STORE-NOT-FOUND" in res.stderr and "does not exist" in res.stderr
    res = _invoke(["doctor", "--db", db])
    assert res.exit_code == 1
    assert "FAIL database: [HW-STORE-NOT-FOUND]" in res.stdout
    res = _invoke(["merge", "--db", db])
    assert res.exit_code == 2 and "HW-STORE-NOT-FOUND" in res.stderr
    assert not databases.exists(db)
    assert _listing(tmp_path) == []


def test_a_sqlite_file_that_is_no_harmwatch_database_stays_as_it_was(tmp_path) -> None:
    db = tmp_path / "sub" / "missing.sqlite"
    assert _invoke(["export", "--db", f"sqlite:///{db}"]).exit_code == 2
    assert not db.parent.exists()  # not even the folder
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")  # a file that is not a harmwatch database stays as it was
    res = _invoke(["export", "--db", f"sqlite:///{empty}"])
    assert res.exit_code == 2 and "no harmwatch tables" in res.stderr
    assert empty.read_bytes() == b""
    assert _listing(tmp_path) == ["empty.sqlite"]


def test_export_of_an_existing_database_still_works(tmp_path, reports, databases) -> None:
    db = databases.new("hw")
    assert _invoke(["run", str(reports / "seed.txt"), "--db", db, "--silent"]).exit_code == 0
    res = _invoke(["export", "--db", db, "--silent"])
    assert res.exit_code == 0 and res.stderr == ""
    assert [json.loads(line)["reports"] for line in res.stdout.splitlines()] == [["seed.txt"]]


# --------------------------------------------------------------------------- --fail-on-error


def test_run_fail_on_error_exits_1_after_the_batch_and_summary(tmp_path, reports, databases) -> None:
    db = databases.new("hw")
    res = _invoke(["run", str(reports), "--db", db, "--fail-on-error"])
    assert res.exit_code == 1
    assert "2 read, 1 done, 0 skipped, 1 failed" in res.stderr and "HW-INPUT-EMPTY" in res.stderr
    assert databases.rows(db, "select id from documents") == [("seed.txt",)]  # the batch went on
    assert databases.rows(db, "select status, code from run_items order by ref") == [
        ("failed", "HW-INPUT-EMPTY"), ("done", None)]
    # --json still prints the report first; without the flag a batch with a bad input exits 0
    res = _invoke(["run", str(reports), "--db", db, "--fail-on-error", "--json", "--silent"])
    assert res.exit_code == 1 and json.loads(res.stdout)["counts"]["failed"] == 1
    assert _invoke(["run", str(reports), "--db", db, "--silent"]).exit_code == 0
    # and a batch without failures exits 0 with the flag
    assert _invoke(["run", str(reports / "seed.txt"), "--db", db, "--silent",
                    "--fail-on-error"]).exit_code == 0


# --------------------------------------------------------------------------- standard input, --published


def test_extract_reads_plain_text_from_stdin_with_published(seed_text) -> None:
    res = _invoke(["extract", "-", "--silent", "--published", "2017-06-05"], input=seed_text)
    assert res.exit_code == 0, res.stderr
    (row,) = [json.loads(line) for line in res.stdout.splitlines()]
    assert (row["doc_id"], row["status"], row["published"]) == ("stdin", "ok", "2017-06-05")
    assert row["incidents"][0]["date"]["start"] == "2017-06-03"  # "Saturday (June 3rd)" gets its year
    (row,) = [json.loads(line) for line in _invoke(["extract", "-", "--silent"], input=seed_text).stdout.splitlines()]
    assert row["published"] is None and row["incidents"][0]["date"]["start"] == "--06-03"


def test_extract_reads_jsonl_from_stdin_and_warns_on_an_invalid_published(seed_text) -> None:
    lines = [
        {"id": "dated", "text": seed_text, "published": "2017-06-04"},
        {"id": "bad-date", "text": seed_text, "published": "Saturday-ish"},
        {"id": "undated", "text": seed_text},
    ]
    stdin = "\n" + "".join(json.dumps(r) + "\n" for r in lines)  # a blank first line is fine
    res = _invoke(["extract", "-", "--published", "2017-06-05"], input=stdin)
    assert res.exit_code == 0, res.stderr
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["doc_id"] for r in rows] == ["dated", "bad-date", "undated"]
    # the item's own date wins; --published dates the others; the invalid value is ignored, with a code
    assert [r["published"] for r in rows] == ["2017-06-04", "2017-06-05", "2017-06-05"]
    assert [r["status"] for r in rows] == ["ok", "ok", "ok"]
    assert rows[1]["warnings"][0].startswith("[HW-INPUT-PUBLISHED-INVALID] published 'Saturday-ish'")
    assert not any(w.startswith("[HW-INPUT-PUBLISHED-INVALID]") for w in rows[0].get("warnings", []) + rows[2].get("warnings", []))
    assert "1 x warning HW-INPUT-PUBLISHED-INVALID" in res.stderr


def test_run_published_dates_text_files_and_an_invalid_option_writes_nothing(tmp_path, reports, databases) -> None:
    db = databases.new("hw")
    res = _invoke(["run", str(reports / "seed.txt"), "--db", db, "--published", "June 35, 2017"])
    assert res.exit_code == 2 and "HW-INPUT-PUBLISHED-INVALID" in res.stderr
    assert not databases.exists(db)
    assert _invoke(["run", str(reports / "seed.txt"), "--db", db, "--silent",
                    "--published", "5 June 2017"]).exit_code == 0
    assert databases.rows(db, "select published from documents") == [("2017-06-05",)]
    assert databases.rows(db, "select date_start from incidents") == [("2017-06-03",)]


# --------------------------------------------------------------------------- --silent and progress


def test_silent_hides_progress_and_summaries_only(tmp_path, reports, databases) -> None:
    db = databases.new("hw")
    res = _invoke(["run", str(reports), "--db", db, "--silent"])
    assert (res.exit_code, res.stdout, res.stderr) == (0, "", "")
    res = _invoke(["extract", str(reports), "--silent"])
    assert res.exit_code == 0 and res.stderr == "" and len(res.stdout.splitlines()) == 2
    # not silent: the summary is there, on stderr
    res = _invoke(["run", str(reports), "--db", db])
    assert res.stdout == "" and "Run 2: 2 read" in res.stderr and "Store: 1 documents" in res.stderr
    # errors still reach stderr under --silent
    res = _invoke(["run", str(tmp_path / "nope"), "--db", db, "--silent"])
    assert res.exit_code == 2 and "HW-INPUT-NOT-FOUND" in res.stderr


def test_progress_bar_shows_the_total_of_a_folder(tmp_path, reports, monkeypatch) -> None:
    import harmwatch.cli.common as common

    screen = io.StringIO()
    monkeypatch.setattr(common, "stderr", Console(file=screen, force_terminal=True, width=120))
    (reports / "more.jsonl").write_text(
        "".join(json.dumps({"id": f"j{i}", "text": "Gunmen killed two soldiers in Gao."}) + "\n" for i in range(3)))
    res = _invoke(["extract", str(reports), "-o", str(tmp_path / "out.jsonl")])
    assert res.exit_code == 0
    assert "5/5" in screen.getvalue() and "/?" not in screen.getvalue()

"""`harmwatch extract` on a batch with bad inputs: each bad item gets a clear error, the batch goes on."""

import json

from click.testing import CliRunner

from harmwatch.cli.main import cli


def _run(args):
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    return result


def test_extract_batch_with_bad_inputs(tmp_path, seed_text):
    good = {"id": "seed", "text": seed_text, "published": "2017-06-05"}
    lines = [
        json.dumps(good).encode(),
        json.dumps({"id": "empty", "text": "   \n  "}).encode(),
        b'{"id": "broken", "text": "unterminated',
        json.dumps({"id": "huge", "html": "<html><body>" + "<p>word </p>" * 2_000_000 + "</body></html>"}).encode(),
        b'{"id": "badutf8", "text": "caf\xe9 \xff\xfe bombing"}',
        json.dumps({"id": "binary", "html": "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" * 50}).encode(),
        json.dumps({"id": "notext"}).encode(),
        json.dumps({"id": "seed2", "text": seed_text}).encode(),
    ]
    inp = tmp_path / "in.jsonl"
    inp.write_bytes(b"\n".join(lines) + b"\n")
    out = tmp_path / "out.jsonl"
    res = _run(["extract", str(inp), "-o", str(out), "--silent"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == len(lines)
    status = [r["status"] for r in rows]
    assert status[0] == "ok" and status[-1] == "ok"
    assert status[1:-1] == ["error"] * 6
    for r in rows[1:-1]:
        assert r["error"] and len(r["error"]) < 500
    assert rows[0]["doc_id"] == "seed" and rows[-1]["doc_id"] == "seed2"
    assert len(rows[0]["incidents"]) == 1
    codes = [r.get("error_code") for r in rows[1:-1]]
    assert codes[0] == "HW-INPUT-EMPTY"
    assert codes[1] == "HW-INPUT-MALFORMED"
    assert codes[2] == "HW-INPUT-TOO-LARGE" and "limit" in rows[3]["error"]
    assert codes[3] == "HW-INPUT-ENCODING"
    assert codes[4] == "HW-INPUT-BINARY"
    assert codes[5] in ("HW-INPUT-MALFORMED", "HW-INPUT-NO-TEXT")


def test_extract_contract_fields(tmp_path, seed_text):
    inp = tmp_path / "in.jsonl"
    inp.write_text(json.dumps({"id": "seed", "text": seed_text, "published": "2017-06-05"}) + "\n")
    out = tmp_path / "out.jsonl"
    assert _run(["extract", str(inp), "-o", str(out), "--silent"]).exit_code == 0
    row = json.loads(out.read_text())
    assert set(row) >= {"doc_id", "status", "text", "incidents"}
    inc = row["incidents"][0]
    for key in ("event_type", "sub_event_type", "cameo", "date", "location", "perpetrators", "victims",
                "killed", "injured", "weapons", "evidence"):
        assert key in inc
    assert set(inc["date"]) >= {"start", "end", "precision", "evidence"}
    assert set(inc["location"]) >= {"name", "country_code", "admin1", "admin2", "lat", "lon", "precision",
                                    "geonames_id", "evidence"}
    for p in inc["perpetrators"] + inc["victims"]:
        assert set(p) >= {"name", "mention", "category", "evidence"}
    assert set(inc["killed"]) >= {"min", "best", "max", "claims", "evidence"}
    text = row["text"]
    # every non-null value's evidence quotes words from the text
    for w in inc["weapons"]:
        assert all(text[s:e] for s, e in w["evidence"])


def test_extract_folder_of_files(tmp_path, seed_text):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a_seed.txt").write_text(seed_text, encoding="utf-8")
    (folder / "b_empty.txt").write_text("")
    (folder / "c_image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    (folder / "d_latin1.txt").write_bytes("Des hommes armés ont tué trois soldats à Kidal, a déclaré l'armée.".encode("cp1252"))
    out = tmp_path / "out.jsonl"
    assert _run(["extract", str(folder), "-o", str(out), "--silent"]).exit_code == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 4
    assert rows[0]["status"] == "ok" and len(rows[0]["incidents"]) == 1
    assert rows[1]["status"] == "error"
    assert rows[2]["status"] == "error"
    # a cp1252 file decodes; French is stored but not extracted (English rules), never silently dropped
    assert rows[3]["status"] in ("ok", "skipped")
    assert "tué" in (rows[3]["text"] or "")

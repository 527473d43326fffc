"""No network at run time: the whole job (ingest, extract, store, merge, export, doctor) runs in a
fresh interpreter whose sockets refuse to connect and whose name lookups fail. Anything that tried
to download a model, a gazetteer or a tokenizer table would fail this test."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_GUARD = textwrap.dedent("""
    import socket, sys
    ATTEMPTS = []
    def _refuse(*args, **kwargs):
        ATTEMPTS.append(repr(args)[:200])
        raise OSError("network disabled by tests/test_offline.py")
    socket.socket.connect = _refuse
    socket.socket.connect_ex = _refuse
    socket.create_connection = _refuse
    socket.getaddrinfo = _refuse
    socket.gethostbyname = _refuse
""")


def test_the_pipeline_runs_with_the_network_disabled(tmp_path):
    db = f"sqlite:///{tmp_path / 'offline.sqlite'}"
    out = tmp_path / "incidents.geojson"
    script = _GUARD + textwrap.dedent(f"""
        import json
        from harmwatch.api import run
        from harmwatch.export import write
        from harmwatch.cli.main import cli
        run(db={db!r})
        result = write({db!r}, "geojson", {str(out)!r})
        try:
            cli.main(["doctor", "--db", {db!r}], standalone_mode=False)
            doctor = 0
        except SystemExit as exc:
            doctor = exc.code or 0
        print(json.dumps({{"attempts": ATTEMPTS, "written": result.written, "doctor": doctor}}))
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True,
                          timeout=600, env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin",
                                            "HOME": str(Path.home())})
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["attempts"] == [], report["attempts"]
    assert report["written"] > 50 and report["doctor"] == 0
    assert json.loads(out.read_text())["type"] == "FeatureCollection"

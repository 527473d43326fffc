"""`harmwatch serve` and `harmwatch user` on a real store."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from harmwatch.cli.main import cli
from harmwatch.review.accounts import AuthError, login
from harmwatch.store import open_store


def test_serve_refuses_a_database_that_does_not_exist_and_creates_nothing(tmp_path, databases):
    missing = databases.new("nope")
    result = CliRunner().invoke(cli, ["serve", "--db", missing, "--port", "0"])
    assert result.exit_code == 2
    assert "HW-STORE-NOT-FOUND" in result.output
    assert not databases.exists(missing) and list(tmp_path.iterdir()) == []


def test_user_add_list_passwd_remove(db_url):
    runner = CliRunner()
    add = runner.invoke(cli, ["user", "add", "sam", "--role", "reviewer", "--password-stdin", "--db", db_url],
                        input="first-password-1\n")
    assert add.exit_code == 0, add.output
    listed = runner.invoke(cli, ["user", "list", "--db", db_url])
    assert '"name": "sam", "role": "reviewer"' in listed.output
    assert "first-password-1" not in add.output + listed.output
    with open_store(db_url, create=False) as store:
        info, token = login(store, "sam", "first-password-1", "test")
        assert info.user.role == "reviewer" and token
    again = runner.invoke(cli, ["user", "add", "sam", "--password-stdin", "--db", db_url], input="other-password-1\n")
    assert again.exit_code == 2 and "HW-USER-EXISTS" in again.output
    short = runner.invoke(cli, ["user", "add", "tim", "--password-stdin", "--db", db_url], input="short\n")
    assert short.exit_code == 2 and "HW-USER-PASSWORD" in short.output
    # the password is never an argument
    argv = runner.invoke(cli, ["user", "add", "tim", "--password", "x-password-1", "--db", db_url])
    assert argv.exit_code == 2 and "No such option" in argv.output
    prompt = runner.invoke(cli, ["user", "passwd", "sam", "--db", db_url], input="second-password-2\nsecond-password-2\n")
    assert prompt.exit_code == 0, prompt.output
    assert "second-password-2" not in prompt.output  # not echoed
    with open_store(db_url, create=False) as store:
        with pytest.raises(AuthError) as old:
            login(store, "sam", "first-password-1", "test")
        assert old.value.code == "HW-AUTH-BAD-LOGIN"
        assert login(store, "sam", "second-password-2", "test")[0].user.name == "sam"
    removed = runner.invoke(cli, ["user", "remove", "sam", "--db", db_url])
    assert removed.exit_code == 0
    assert '"sam"' not in runner.invoke(cli, ["user", "list", "--db", db_url]).output
    unknown = runner.invoke(cli, ["user", "remove", "sam", "--db", db_url])
    assert unknown.exit_code == 2 and "HW-USER-UNKNOWN" in unknown.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_runs_uvicorn_and_logs_no_secret(db_url, passwords):
    """The real server: it answers, and its stderr (access log included) holds no password or token."""
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2] / "src"))
    proc = subprocess.Popen([sys.executable, "-m", "harmwatch.cli.main", "serve", "--db", db_url, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):  # wait until it listens (not a timing assertion)
            try:
                urllib.request.urlopen(f"{base}/openapi.json")
                break
            except OSError:
                if proc.poll() is not None:
                    break
                time.sleep(0.1)
        schema = json.load(urllib.request.urlopen(f"{base}/openapi.json"))
        assert "/api/v1/incidents" in schema["paths"]
        body = json.dumps({"username": "rita", "password": passwords["rita"]}).encode()
        req = urllib.request.Request(f"{base}/api/v1/auth/login", data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req) as r:
            cookie = r.headers["Set-Cookie"]
            answer = json.load(r)
        token = cookie.split(";", 1)[0].split("=", 1)[1]
        req = urllib.request.Request(f"{base}/api/v1/incidents?page_size=1", headers={"Cookie": f"hw_session={token}"})
        with urllib.request.urlopen(req) as r:
            assert json.load(r)["total"] > 50
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert "POST /api/v1/auth/login 200" in err and "GET /api/v1/incidents 200" in err
    for secret in (passwords["rita"], token, answer["csrf_token"]):
        assert secret not in err

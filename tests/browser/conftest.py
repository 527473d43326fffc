"""Fixtures for the browser tests: a real store, a real server, a real headless Chromium.

The store is the bundled sample corpus run through the pipeline (``harmwatch.run``) plus one hostile
report whose text, title and outlet hold ``<script>`` and ``<img onerror>`` payloads; a reviewer
account is added with the review library. The app (``create_app``, as ``harmwatch serve`` builds it)
runs under uvicorn in a thread on a free loopback port. Chromium is Debian's ``/usr/bin/chromium``
driven by Playwright (never ``playwright install``, never a browser download), with a fresh user data
directory. When Chromium is missing, ``scripts/setup_browser.sh`` installs it with apt-get; the
tests skip only when it is missing and apt-get is unavailable.

Screenshots go to ``build/screenshots/`` (gitignored): test artefacts to look at.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "build" / "screenshots"
USER, PASSWORD = "rita", "reviewer-pass-7"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

HOSTILE_SCRIPT = "<script>window.__pwned=1</script>"
HOSTILE_IMG = '<img src=x onerror="window.__pwned=1">'
HOSTILE = {
    "id": "hostile-001",
    "title": f"Gunmen kill four at a market in Kandahar {HOSTILE_IMG}",
    "source": f"Test Wire {HOSTILE_SCRIPT}",
    "published": "2021-03-15",
    "url": "javascript:window.__pwned=1",
    "text": ("KANDAHAR, Afghanistan (March 14) - Gunmen killed four villagers and wounded two others in an "
             f"attack on a market in Kandahar province on Sunday, police said. {HOSTILE_SCRIPT} Witnesses "
             f"said the attackers fled on motorcycles. {HOSTILE_IMG} The provincial governor condemned "
             "the attack."),
}


def _ensure_chromium() -> None:
    if CHROMIUM.exists():
        return
    if shutil.which("apt-get") is None:
        pytest.skip("/usr/bin/chromium is absent and apt-get is unavailable to install Debian's chromium")
    subprocess.run(["bash", str(ROOT / "scripts" / "setup_browser.sh")], check=True)
    if not CHROMIUM.exists():
        pytest.fail("scripts/setup_browser.sh ran but /usr/bin/chromium is still missing")


@pytest.fixture(scope="session")
def store_url(tmp_path_factory, databases) -> str:
    from harmwatch.api import run, sample_corpus_path
    from harmwatch.review.accounts import add_user
    from harmwatch.store import open_store

    tmp = tmp_path_factory.mktemp("browser")
    hostile = tmp / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    url = databases.new("review")
    report = run([sample_corpus_path(), hostile], db=url)
    assert report.counts["failed"] == 0, report.counts
    with open_store(url, create=False) as store:
        add_user(store, USER, "reviewer", PASSWORD)
        add_user(store, "vera", "viewer", "viewer-pass-7")
    return url


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(store_url) -> str:
    """The review app under uvicorn on a free loopback port; yields its base URL."""
    import uvicorn

    from harmwatch.serve.app import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(store_url), host="127.0.0.1", port=port, log_level="warning",
                            access_log=False, lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, name="uvicorn-browser-tests", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the review server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser_context(server, tmp_path_factory):
    _ensure_chromium()
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(CHROMIUM), headless=True,
            args=CHROMIUM_ARGS, viewport={"width": 1440, "height": 900}, base_url=server,
            locale="en-US", timezone_id="UTC")
        ctx.set_default_timeout(15_000)
        yield ctx
        ctx.close()


@pytest.fixture
def page(browser_context):
    """A fresh tab, logged out; page errors (uncaught exceptions) fail the test."""
    browser_context.clear_cookies()
    pg = browser_context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    pg.close()
    assert not errors, f"uncaught errors in the page: {errors}"


@pytest.fixture
def logged_in(page, server):
    """A tab logged in as the reviewer through the login form, on the incident list."""
    page.goto("/")
    page.wait_for_selector("#login-form")
    page.fill("#login-user", USER)
    page.fill("#login-pass", PASSWORD)
    page.click("#login-submit")
    page.wait_for_selector("#incident-table")
    return page


@pytest.fixture
def api(page):
    """GET helper through the page's own cookies (the logged-in session)."""
    def get(path: str, **params):
        r = page.request.get("/api/v1" + path, params=params or None)
        assert r.ok, (path, r.status, r.text())
        return r.json()
    return get


def shot(page, name: str) -> Path:
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path

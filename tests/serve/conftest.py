"""Fixtures for the API tests: a real SQLite store built once per session by running the pipeline
on the bundled sample corpus, accounts of each role, and FastAPI TestClients over copies of it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from harmwatch.api import run
from harmwatch.review.accounts import add_user, open_session
from harmwatch.serve.app import create_app
from harmwatch.store import open_store

PASSWORDS = {"vera": "viewer-pass-1", "rita": "reviewer-pass-1", "ada": "admin-pass-1"}
ROLES = {"vera": "viewer", "rita": "reviewer", "ada": "admin"}


@pytest.fixture(scope="session")
def built_db(databases) -> str:
    """The sample corpus run through `harmwatch run` (library API), with three accounts: its URL, on
    the backend HARMWATCH_TEST_DB chooses (read it, never change it)."""
    url = databases.new("serve")
    run(db=url)
    with open_store(url, create=False) as store:
        for name, password in PASSWORDS.items():
            add_user(store, name, ROLES[name], password)
    return url


@pytest.fixture
def db_url(built_db, databases) -> str:
    """A private copy of the built store, for tests that write."""
    return databases.copy(built_db, "copy")


@pytest.fixture(scope="session")
def shared_url(built_db, databases) -> str:
    """One copy shared by read-only tests (logins write sessions, nothing else changes)."""
    return databases.copy(built_db, "shared")


class Api:
    """A TestClient with login helpers; ``csrf`` is set after a login."""

    def __init__(self, client: TestClient):
        self.client = client
        self.csrf: str | None = None

    def login(self, name: str, password: str | None = None):
        r = self.client.post("/api/v1/auth/login",
                             json={"username": name, "password": password or PASSWORDS[name]})
        if r.status_code == 200:
            self.csrf = r.json()["csrf_token"]
        return r

    def sign_in(self, name: str) -> None:
        """A session for ``name`` without the password check (argon2 costs ~0.1-0.5 s a login);
        the login itself is tested in test_api_auth.py."""
        info, token = open_session(self.client.app.state.store, name)
        self.client.cookies.set("hw_session", token)
        self.csrf = info.csrf_token

    def write(self, method: str, url: str, **kw):
        headers = dict(kw.pop("headers", {}) or {})
        if self.csrf:
            headers.setdefault("X-CSRF-Token", self.csrf)
        return self.client.request(method, url, headers=headers, **kw)

    def get(self, url: str, **kw):
        return self.client.get(url, **kw)

    def incidents(self, **params) -> dict:
        r = self.client.get("/api/v1/incidents", params={"page_size": 500, **params})
        assert r.status_code == 200, r.text
        return r.json()


@pytest.fixture
def make_api() -> Callable[[str], Api]:
    clients: list[TestClient] = []

    def make(url: str) -> Api:
        client = TestClient(create_app(url))
        client.__enter__()
        clients.append(client)
        return Api(client)

    yield make
    for c in clients:
        c.__exit__(None, None, None)


@pytest.fixture(scope="session")
def reader(shared_url) -> Api:
    """A logged-in viewer over the shared copy."""
    with TestClient(create_app(shared_url)) as client:
        api = Api(client)
        api.sign_in("vera")
        yield api


@pytest.fixture
def reviewer(db_url, make_api) -> Api:
    """A logged-in reviewer over a private copy."""
    api = make_api(db_url)
    api.sign_in("rita")
    return api


@pytest.fixture(scope="session")
def passwords() -> dict[str, str]:
    return dict(PASSWORDS)

"""Fixtures for the export tests: a real store built by the pipeline from the bundled sample corpus
(106 real reports), once per session, and copies of it for the tests that change review statuses."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def sample_url(databases) -> str:
    """The store of `harmwatch run` on the sample corpus, on the backend HARMWATCH_TEST_DB chooses
    (read it, never change it)."""
    from harmwatch.api import run

    url = databases.new("export")
    run(db=url)
    return url


@pytest.fixture(scope="session")
def sample_db(sample_url: str) -> Path:
    """The SQLite file of the sample store (tests that read the file itself are SQLite-only)."""
    if not sample_url.startswith("sqlite:///"):
        pytest.skip("reads the SQLite file itself")
    return Path(sample_url.removeprefix("sqlite:///"))


@pytest.fixture(scope="session")
def sample_records(sample_url: str) -> list[dict]:
    """The merged incidents as the store holds them (harmwatch.store.merged.iter_merged)."""
    from harmwatch.store import open_store
    from harmwatch.store.merged import iter_merged

    with open_store(sample_url, create=False) as store:
        return list(iter_merged(store))


@pytest.fixture()
def db_copy(sample_url: str, databases) -> str:
    """The URL of a copy of the sample store that a test may change."""
    return databases.copy(sample_url, "copy")


def _set_status(db: str, statuses: dict[str, str]) -> None:
    from sqlalchemy import update

    from harmwatch.store import open_store
    from harmwatch.store.merged_models import MergedIncidentRow

    with open_store(db, create=False) as store, store.engine.begin() as conn:
        for incident_id, status in statuses.items():
            cur = conn.execute(update(MergedIncidentRow).where(MergedIncidentRow.id == incident_id)
                               .values(review_status=status))
            assert cur.rowcount == 1, incident_id


@pytest.fixture(scope="session")
def set_status():
    """set_status(db_url, {incident_id: status}): merged_incidents.review_status set directly in the
    database, as the review API does."""
    return _set_status


SEED_DOC = "seed-000_ea6982988430f7db"


@pytest.fixture(scope="session")
def seed(sample_records: list[dict]) -> dict:
    """The founding example's merged incident (ISIS killing civilians in al-Zanjili, western Mosul)."""
    return next(r for r in sample_records if r["reports"] == [SEED_DOC])

"""Fixtures for the export tests: a real store built by the pipeline from the bundled sample corpus
(106 real reports), once per session, and copies of it for the tests that change review statuses."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> Path:
    """The SQLite file of `harmwatch run` on the sample corpus (read it, never change it)."""
    from harmwatch.api import run

    path = tmp_path_factory.mktemp("export-sample") / "sample.sqlite"
    run(db=f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def sample_url(sample_db: Path) -> str:
    return f"sqlite:///{sample_db}"


@pytest.fixture(scope="session")
def sample_records(sample_url: str) -> list[dict]:
    """The merged incidents as the store holds them (harmwatch.store.merged.iter_merged)."""
    from harmwatch.store import open_store
    from harmwatch.store.merged import iter_merged

    with open_store(sample_url, create=False) as store:
        return list(iter_merged(store))


@pytest.fixture()
def db_copy(sample_db: Path, tmp_path: Path) -> Path:
    """A copy of the sample store that a test may change."""
    dst = tmp_path / "copy.sqlite"
    shutil.copyfile(sample_db, dst)
    return dst


def _set_status(db: Path, statuses: dict[str, str]) -> None:
    con = sqlite3.connect(db)
    with con:
        for incident_id, status in statuses.items():
            cur = con.execute("update merged_incidents set review_status = ? where id = ?", (status, incident_id))
            assert cur.rowcount == 1, incident_id
    con.close()


@pytest.fixture(scope="session")
def set_status():
    """set_status(db_path, {incident_id: status}): merged_incidents.review_status set directly in the
    database, as the review API does."""
    return _set_status


SEED_DOC = "seed-000_ea6982988430f7db"


@pytest.fixture(scope="session")
def seed(sample_records: list[dict]) -> dict:
    """The founding example's merged incident (ISIS killing civilians in al-Zanjili, western Mosul)."""
    return next(r for r in sample_records if r["reports"] == [SEED_DOC])

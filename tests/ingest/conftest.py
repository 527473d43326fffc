from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"

#: the last article sentence of the seed report (everything after it is comment junk)
SEED_LAST = '"ISIS used to kill individuals who tried to flee, but is now killing them en masse because it is desperate," he said.'


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def seed_page_html() -> bytes:
    return (DATA / "seed_page.html").read_bytes()


@pytest.fixture(scope="session")
def seed_paragraphs(seed_text: str) -> list[str]:
    """The article lines of the seed (without the trailing comment junk)."""
    lines = [ln for ln in seed_text.split("\n") if ln.strip()]
    end = next(i for i, ln in enumerate(lines) if ln.endswith("because it is desperate,\" he said."))
    return lines[: end + 1]


@pytest.fixture(scope="session")
def seed_last() -> str:
    return SEED_LAST

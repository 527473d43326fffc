from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("HARMWATCH_SHARED", ROOT.parent / "shared")).resolve()
SEED_PATH = SHARED / "seed" / "000_ea6982988430f7db.txt"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.exists():
        pytest.skip(f"shared data not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def muc_messages(shared: Path) -> dict[str, str]:
    """MUC-3/4 messages (public domain) by id, for tests that need real multi-report incidents."""
    from harmwatch.evaluation.muc import load

    path = shared / "data" / "eval"
    if not (path / "muc34").is_dir():
        pytest.skip("no muc34 data")
    return {i.id: i.text for i in load(path)}

"""docs/EXPORTS.md documents every column of every format (a column added in code and not in the
docs fails here)."""

from __future__ import annotations

import re
from pathlib import Path

from harmwatch.export import TABLE_COLUMNS, acled, ucdp

DOC = Path(__file__).resolve().parents[2] / "docs" / "EXPORTS.md"


def _section(text: str, title: str) -> str:
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, flags=re.DOTALL | re.MULTILINE)
    assert m, f"no section '## {title}' in docs/EXPORTS.md"
    return m.group(1)


def _documented(section: str) -> list[str]:
    return re.findall(r"^\| `([a-z0-9_]+)` \|", section, flags=re.MULTILINE)


def test_every_column_of_every_format_is_documented_in_order():
    text = DOC.read_text(encoding="utf-8")
    assert _documented(_section(text, "ACLED-style CSV (`--format acled`)")) == list(acled.COLUMNS)
    assert _documented(_section(text, "UCDP-GED-style CSV (`--format ucdp`)")) == list(ucdp.COLUMNS)
    assert _documented(_section(text, "The flat table (`--format parquet`, `xlsx`, GeoJSON properties)")) == [
        c.name for c in TABLE_COLUMNS]


def test_the_readme_points_to_the_exports_doc():
    readme = (DOC.parents[1] / "README.md").read_text(encoding="utf-8")
    assert "docs/EXPORTS.md" in readme and "--format acled" in readme

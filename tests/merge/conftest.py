"""Fixtures for the merge tests: real reports extracted by the real pipeline.

GVA pages are read from the shared folder at run time (evaluation-only data: nothing is copied);
MUC-3/4 messages are public domain."""

from __future__ import annotations

from pathlib import Path

import pytest

import harmwatch


def extract(doc_id: str, text: str, published: str | None = None, source: str | None = None,
            title: str | None = None) -> dict:
    out = harmwatch.extract_text(text, published=published, doc_id=doc_id, source=source, title=title).to_dict()
    out["title"] = title
    return out


@pytest.fixture(scope="session")
def extract_fn():
    return extract


@pytest.fixture(scope="session")
def gva_results(shared: Path) -> list[dict]:
    """Extraction results of the GVA pages of 40 incidents with 2+ reports (and their gold cluster)."""
    from harmwatch.evaluation.gva import load

    path = shared / "data" / "eval"
    if not (path / "gva_shootings").is_dir():
        pytest.skip("no gva_shootings data")
    items = load(path)
    by: dict[str, list] = {}
    for i in items:
        by.setdefault(i.gold["cluster"], []).append(i)
    multi = [c for c in sorted(by) if len(by[c]) >= 2][:40]
    out = []
    for c in multi:
        for i in by[c]:
            r = extract(i.id, i.text, i.published, i.gold.get("source"), i.gold.get("title"))
            r["cluster"] = c
            out.append(r)
    return out


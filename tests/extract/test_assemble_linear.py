"""A report of many parts of one incident (a list of attacks of one day and town) is filled once
per part and once more per incident that took parts: not again after every part (that was
quadratic: 800 such sentences took over 30 s)."""

from __future__ import annotations

from harmwatch.extract import assemble
from harmwatch.types import Document

SENTENCES = [  # invented
    "Gunmen killed {n} villagers near the market in Kaduna on Tuesday, police said.",
    "A roadside bomb wounded {n} soldiers outside Kandahar, officials reported.",
    "Militants attacked a checkpoint in Mosul, killing {n} people.",
    "An air strike on a convoy north of Aleppo left {n} fighters dead.",
]


def test_parts_of_one_incident_are_filled_once_each(monkeypatch):
    text = " ".join(SENTENCES[j % 4].format(n=j % 50 + 1) for j in range(200))
    counts = {"drafts": 0, "fills": 0}
    real_group, real_fill = assemble._group, assemble._fill

    def group(*a, **k):
        drafts = real_group(*a, **k)
        counts["drafts"] += len(drafts)
        return drafts

    def fill(*a, **k):
        counts["fills"] += 1
        return real_fill(*a, **k)

    monkeypatch.setattr(assemble, "_group", group)
    monkeypatch.setattr(assemble, "_fill", fill)
    incidents = assemble.extract_incidents(Document(id="many", text=text, published="2024-05-02"))
    assert counts["drafts"] > 50 and 1 <= len(incidents) <= 8
    assert counts["fills"] <= counts["drafts"] + len(incidents)

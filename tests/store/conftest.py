"""Fixtures for the store tests: real SQLite files and a hand-built result for the seed article."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from harmwatch.store import Store, open_store
from harmwatch.types import Document, DocumentResult, Incident

SEED_ID = "000_ea6982988430f7db"
SEED_URL = "https://diyaruna.com/en_GB/articles/seed-000"


def span(text: str, phrase: str, after: str | None = None) -> list[int]:
    """[start, end] of ``phrase`` in ``text`` (first occurrence, or the first after ``after``)."""
    offset = text.index(after) if after else 0
    start = text.index(phrase, offset)
    return [start, start + len(phrase)]


def sentence_of(text: str, phrase: str) -> list[int]:
    i = text.index(phrase)
    start = text.rfind("\n", 0, i) + 1
    end = text.find("\n", i)
    return [start, end if end != -1 else len(text)]


def seed_incidents(text: str) -> list[Incident]:
    """The two incidents of the seed, coded by hand the way the extractor reports them."""
    dozens = span(text, "dozens")
    at_least = span(text, "At least 250")
    killed_word = span(text, "killed", after="At least 250")
    massacre = Incident(
        event_type="Violence against civilians",
        sub_event_type="Attack",
        cameo="180",
        date={
            "start": "--06-03",  # no year in the text
            "end": "--06-03",
            "precision": "day-no-year",
            "evidence": [span(text, "Saturday (June 3rd)")],
        },
        location={
            "name": "al-Zanjili",
            "country_code": "IQ",
            "admin1": "Nineveh",
            "admin2": "Mosul",
            "lat": 36.35,
            "lon": 43.12,
            "precision": "neighbourhood",
            "geonames_id": None,
            "evidence": [span(text, "al-Zanjili"), span(text, "western Mosul")],
        },
        perpetrators=[
            {
                "name": "Islamic State",
                "mention": "ISIS",
                "category": "rebel group",
                "evidence": [span(text, "ISIS"), span(text, "ISIS gunmen")],
            }
        ],
        victims=[
            {
                "name": "civilians",
                "mention": "civilians",
                "category": "civilians",
                "evidence": [span(text, "civilians")],
            }
        ],
        killed={
            "min": 12,
            "best": 250,
            "max": None,
            "claims": [
                {
                    "kind": "killed",
                    "min": 12,
                    "best": None,
                    "max": None,
                    "qualifier": "dozens",
                    "text": "dozens",
                    "source": "Iraqi officials",
                    "evidence": [dozens, span(text, "slaughtered")],
                    "victim_text": "civilians",
                    "source_evidence": [span(text, "Iraqi officials")],
                },
                {
                    "kind": "killed",
                    "min": 250,
                    "best": 250,
                    "max": None,
                    "qualifier": "at least",
                    "text": "At least 250",
                    "source": "Banyan al-Jarba",
                    "evidence": (tuple(at_least), tuple(killed_word)),  # tuples, as asdict leaves them
                    "victim_text": "civilians, including women, children and old people",
                    "source_evidence": [span(text, "Banyan al-Jarba")],
                },
            ],
            "evidence": [at_least, killed_word],
        },
        injured=None,
        weapons=[
            {"name": "sniper rifle", "evidence": [span(text, "sniper weapons")]},
            {"name": "machine gun", "evidence": [span(text, "machine guns")]},
            {"name": "hand grenade", "evidence": [span(text, "hand grenades")]},
        ],
        evidence=[sentence_of(text, "slaughtered"), sentence_of(text, "At least 250")],
        event_evidence=[span(text, "slaughtered"), span(text, "opened fire")],
        confidence=0.9,
    )
    clearing = Incident(
        event_type="Strategic developments",
        sub_event_type="Non-violent transfer of territory",
        date={"start": None, "end": None, "precision": None, "evidence": [span(text, "Monday")]},
        location={
            "name": "al-Shefaa",
            "country_code": "IQ",
            "admin1": "Nineveh",
            "admin2": "Mosul",
            "precision": "neighbourhood",
            "evidence": [span(text, "al-Shefaa")],
        },
        perpetrators=[
            {
                "name": "Military Forces of Iraq",
                "mention": "Iraqi forces",
                "category": "state forces",
                "evidence": [span(text, "Iraqi forces")],
            }
        ],
        evidence=[sentence_of(text, "al-Shefaa")],
        event_evidence=[span(text, "cleared")],
    )
    return [massacre, clearing]


def make_result(
    text: str,
    incidents: list[Incident],
    doc_id: str = SEED_ID,
    *,
    url: str | None = SEED_URL,
    title: str | None = "ISIS slaughters civilians fleeing western Mosul",
) -> DocumentResult:
    document = Document(
        id=doc_id,
        text=text,
        title=title,
        published="2017-06-05",
        url=url,
        source="Diyaruna",
        language="en",
        origin=f"seed/{doc_id}.txt",
        input_format="text",
    )
    return DocumentResult(doc_id=doc_id, status="ok", text=text, incidents=incidents, document=document)


@pytest.fixture
def seed_result(seed_text: str) -> DocumentResult:
    return make_result(seed_text, seed_incidents(seed_text))


@pytest.fixture
def db_url(databases) -> str:
    """A fresh database on the backend HARMWATCH_TEST_DB chooses (a SQLite file by default)."""
    return databases.new("store")


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with open_store(db_url) as st:
        yield st


@pytest.fixture
def count_rows(store: Store) -> Callable[[], dict[str, int]]:
    from sqlalchemy import text as sql

    tables = ["documents", "incidents", "incident_reports", "claims", "evidence", "incident_actors"]

    def count() -> dict[str, int]:
        with store.engine.connect() as conn:
            return {t: conn.execute(sql(f"SELECT COUNT(*) FROM {t}")).scalar_one() for t in tables}

    return count


@pytest.fixture
def build_result() -> Callable[..., DocumentResult]:
    """``build_result(text, incidents=None, doc_id=SEED_ID, url=..., title=...)``; incidents default to the seed's."""

    def build(text: str, incidents: list[Incident] | None = None, doc_id: str = SEED_ID, **kw) -> DocumentResult:
        return make_result(text, seed_incidents(text) if incidents is None else incidents, doc_id, **kw)

    return build

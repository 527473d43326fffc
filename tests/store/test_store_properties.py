"""Property: any sequence of saves leaves one document row per id and no stray rows."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings, strategies as st
from sqlalchemy import text as sql

from harmwatch.store import incident_id, open_store
from harmwatch.types import Document, DocumentResult, Incident

BASE = "ISIS gunmen killed at least 250 civilians in al-Zanjili on Saturday."

saves = st.lists(
    st.tuples(
        st.integers(0, 3),  # document
        st.integers(0, 2),  # text variant
        st.sampled_from(["1", "2"]),  # extractor version
        st.integers(0, 3),  # incidents in the result
    ),
    min_size=1,
    max_size=12,
)


def result(doc: int, variant: int, n: int) -> DocumentResult:
    text = f"Report {doc}, edition {variant}. " + BASE
    shift = text.index("ISIS")
    incidents = [
        Incident(
            event_type="Violence against civilians",
            killed={
                "min": 250, "best": 250, "max": None,
                "claims": [{"kind": "killed", "min": 250, "best": 250, "text": "at least 250",
                            "evidence": [[shift + 19, shift + 31]]}],
                "evidence": [[shift + 12, shift + 18]],
            },
            location={"name": "al-Zanjili", "evidence": [[shift + 45, shift + 55]]},
            evidence=[[0, len(text)]],
        )
        for _ in range(n)
    ]
    document = Document(id=f"doc-{doc}", text=text, url=f"https://example.org/{doc}")
    return DocumentResult(doc_id=f"doc-{doc}", status="ok", text=text, incidents=incidents, document=document)


@settings(max_examples=25, deadline=None)
@given(saves)
def test_any_sequence_of_saves_is_consistent(ops) -> None:
    with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "p.sqlite")) as store:
        run = store.begin_run("run", [], {})
        state: dict[int, tuple[int, str, int]] = {}
        for doc, variant, version, n in ops:
            if doc not in state:
                expected = "inserted"
            elif state[doc][:2] == (variant, version):
                expected = "unchanged"
            else:
                expected = "updated"
            assert store.save_result(run, result(doc, variant, n), extractor_version=version) == expected
            if expected != "unchanged":
                state[doc] = (variant, version, n)

        with store.engine.connect() as conn:
            ids = [r[0] for r in conn.execute(sql("SELECT id FROM documents ORDER BY id"))]
            assert ids == sorted(f"doc-{d}" for d in state)
            total = sum(n for _, _, n in state.values())
            for table in ("incidents", "incident_reports", "claims"):
                assert conn.execute(sql(f"SELECT COUNT(*) FROM {table}")).scalar_one() == total
            assert conn.execute(sql(
                "SELECT COUNT(*) FROM incidents i WHERE NOT EXISTS "
                "(SELECT 1 FROM incident_reports r WHERE r.incident_id = i.id)"
            )).scalar_one() == 0
            for quote, start, end, doc_text in conn.execute(sql(
                'SELECT e.quote, e.start, e."end", d.text FROM evidence e '
                "JOIN incident_reports r ON r.id = e.incident_report_id "
                "JOIN documents d ON d.id = r.document_id"
            )):
                assert quote == doc_text[start:end]
        for doc, (variant, version, n) in state.items():
            stored = store.get_document(f"doc-{doc}")
            assert stored["text"].startswith(f"Report {doc}, edition {variant}.")
            assert stored["extractor_version"] == version
            assert [i["incident_id"] for i in stored["incidents"]] == [
                incident_id(f"doc-{doc}", k) for k in range(n)
            ]

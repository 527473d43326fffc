"""The harmwatch database: SQLAlchemy models, Alembic migrations and the Store API.

Open it with :func:`open_store` (SQLite by default, ``$HARMWATCH_DB`` or a
``--db`` URL otherwise; PostgreSQL uses the same models and migrations). The
schema is created and upgraded by the Alembic revisions shipped in
``harmwatch/store/migrations``; nobody calls ``create_all``.

The schema in words:

``runs``
    One row per command that wrote to the store: when it started and finished,
    the harmwatch version, the command, its options and inputs, the counts of
    inputs done / skipped / failed, and a free-form summary.
``run_items``
    Every input of a run, accounted for: its ref (``path`` or ``path:line``),
    the document id when it got one, its status (done | skipped | failed) and,
    when not done, the reason and error code.
``documents``
    One row per report, keyed by its document id: the clean text that every
    evidence offset points into, its sha256 ``content_hash``, url, title,
    publication date (ISO, as given), outlet, language, input format, origin,
    the extractor version that produced its incidents, the extraction status
    (ok | skipped | error, with the error; skipped and failed documents are
    kept for reading but have no incidents), and the first and last run that
    saw it. Saving the same text with the same extractor version and status
    again changes nothing but ``last_seen_run``; a new text or a new extractor
    version replaces everything extracted from it. The id is the identity:
    the same text under another id (a wire copy) is its own document (the
    content hash links them), and a URL stored under another id is refused
    (``HW-STORE-URL-COLLISION``), never merged.
``incidents``
    The level a reviewer works on. Until the merge stage exists there is one
    incident per extracted mention, with a deterministic id
    (``inc-`` + sha1(doc_id:mention_index)[:16]). The filterable fields
    (event type, ISO dates with precision, place with admin units,
    coordinates and geo precision, killed/injured min/best/max) are columns;
    ``record`` keeps the full incident record; ``review_status`` starts as
    ``unreviewed``. Indexed on date_start, country_code, event_type and
    review_status.
``incident_reports``
    One document's account of one incident (document id, position of the
    mention in that document, the extractor's record), so that later one
    incident can link to the many reports it merges.
``claims``
    Every casualty figure a report gives: kind (killed | injured),
    min/best/max, the qualifier ("at least", "dozens"), the words as written,
    who said it, and its evidence spans.
``evidence``
    One row per evidence span of a report: which field it supports (``date``,
    ``location``, ``killed``, ``killed.claims[1]``, ``perpetrators[0]``,
    ``weapons[0]``, ``evidence`` for the incident's sentences, ``event`` for
    the trigger words), start and end offsets into the document text, and the
    quote, which always equals ``documents.text[start:end]``.
``incident_actors``
    The perpetrators and victims a report names: role, canonical name, the
    mention as written, category.
``merged_incidents``, ``merged_members``, ``merge_decisions``
    The merge stage (revision 0003_merge; see merged_models.py and merged.py):
    one row per merged incident with its reconciled record, which report
    belongs to which, and the reviewer's joins and splits.
"""

from __future__ import annotations

from .db import (
    DEFAULT_URL,
    ENV_VAR,
    INCIDENT_FILTERS,
    DocumentRejected,
    Store,
    alembic_config,
    content_hash,
    incident_id,
    open_store,
    resolve_url,
    upgrade_schema,
)

__all__ = [
    "DEFAULT_URL",
    "ENV_VAR",
    "INCIDENT_FILTERS",
    "DocumentRejected",
    "Store",
    "alembic_config",
    "content_hash",
    "incident_id",
    "open_store",
    "resolve_url",
    "upgrade_schema",
]

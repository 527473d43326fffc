"""Opening the database and the :class:`Store` API.

``open_store`` resolves a URL, creates the engine, and upgrades the schema to
the newest Alembic revision shipped in ``harmwatch/store/migrations`` (no
``alembic.ini`` needed). :class:`Store` is the only way the rest of harmwatch
writes to the database: runs and their items, extraction results, and the
read queries the CLI, the API and exports need.

The backends (SQLite, PostgreSQL) differ only in engines.py: how a connection
is set up, how write transactions queue (``BEGIN IMMEDIATE`` on SQLite, an
advisory lock on PostgreSQL), and what a missing database is.

Every statement is built with SQLAlchemy, so values are always bound
parameters, never spliced into SQL.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Engine, delete, exists, func, select, update
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from harmwatch.errors import ConfigError, StoreError
from harmwatch.types import DocumentResult

from .engines import BEGIN_OPTION as _BEGIN_OPTION
from .engines import ensure_database, has_postgis, is_sqlite as _is_sqlite, make_engine as _make_engine
from .existing import require_existing, require_schema

# the merge stage's tables live in their own module; importing it puts them in Base.metadata
from . import merged_models as _merged_models  # noqa: F401
from . import review_models as _review_models  # noqa: F401
from .models import (
    CLAIM_KINDS,
    as_dict,
    as_int,
    as_list,
    fit,
    incident_columns,
    jsonable,
    record_evidence,
    source_text,
    spans,
    RUN_ITEM_STATUSES,
    Claim,
    DocumentRow,
    Evidence,
    IncidentActor,
    IncidentReport,
    IncidentRow,
    Run,
    RunItem,
    utcnow,
)

log = logging.getLogger(__name__)

DEFAULT_URL = "sqlite:///harmwatch.sqlite"
ENV_VAR = "HARMWATCH_DB"
MIGRATIONS_DIR = Path(__file__).resolve().with_name("migrations")

_RESULT_STATUSES = ("ok", "skipped", "error")

#: keyword filters accepted by :meth:`Store.iter_incidents`
INCIDENT_FILTERS = (
    "event_type",
    "sub_event_type",
    "country_code",
    "review_status",
    "date_from",
    "date_to",
    "doc_id",
    "limit",
)


class DocumentRejected(StoreError):
    """The store refuses one document and writes nothing for it; the store itself is fine.

    ``HW-STORE-URL-COLLISION``: its URL is stored under another id (``existing_id``): saving it
    would merge two documents or overwrite one. ``HW-STORE-DOC-ID``: the id is too long.
    ``HW-STORE-NO-TEXT``: nothing to store. A run counts the input as failed, with this reason,
    and goes on.
    """

    def __init__(self, message: str, *, code: str, hint: str = "", existing_id: str | None = None):
        super().__init__(message, code=code, hint=hint)
        self.existing_id = existing_id


# --------------------------------------------------------------------------- opening


def resolve_url(url: str | None = None) -> URL:
    """``url``, else ``$HARMWATCH_DB``, else ``sqlite:///harmwatch.sqlite``.

    A string without ``://`` is a file path for SQLite (``~`` expanded).
    """
    raw = (url or os.environ.get(ENV_VAR) or DEFAULT_URL).strip()
    if "://" not in raw:
        return URL.create("sqlite", database=str(Path(raw).expanduser()))
    try:
        parsed = make_url(raw)
    except ArgumentError as exc:
        raise ConfigError(
            f"not a database URL: {raw!r}",
            code="HW-CONFIG-DB-URL",
            hint="use sqlite:///PATH, a file path, or postgresql://USER@HOST/DB",
        ) from exc
    if _is_sqlite(parsed) and parsed.database and parsed.database.startswith("~"):
        parsed = parsed.set(database=str(Path(parsed.database).expanduser()))
    return parsed


def alembic_config() -> Config:
    """An Alembic Config for the packaged migrations, built without an ini file."""
    cfg = Config()
    # configparser interpolation: a literal % in the install path must be doubled
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    return cfg


def upgrade_schema(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` in one transaction on ``engine``."""
    cfg = alembic_config()
    try:
        if revision == "head":
            # already there: take no write lock, so opening never waits on a running writer
            heads = set(ScriptDirectory.from_config(cfg).get_heads())
            with engine.connect() as conn:
                if set(MigrationContext.configure(conn).get_current_heads()) == heads:
                    return
        with engine.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"}).begin() as conn:
            # another process may have upgraded while this one waited for the write lock
            if revision == "head" and set(MigrationContext.configure(conn).get_current_heads()) == heads:
                return
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    except CommandError as exc:
        raise StoreError(
            f"cannot upgrade the database schema: {exc}",
            code="HW-STORE-MIGRATE",
            hint="the database may come from a newer harmwatch; upgrade harmwatch",
        ) from exc
    except SQLAlchemyError as exc:
        raise StoreError(
            f"cannot upgrade the database schema: {exc.__class__.__name__}: {exc}",
            code="HW-STORE-MIGRATE",
            hint="is this a harmwatch database? point --db at a new file to start afresh",
        ) from exc


def open_store(url: str | None = None, *, create: bool = True) -> Store:
    """Open the database at ``url`` and upgrade it to head.

    ``create=True`` (``harmwatch run``) creates it when needed. ``create=False`` (``export``,
    ``doctor``, readers) raises ``HW-STORE-NOT-FOUND`` and creates nothing, not even an empty
    SQLite file, when there is no harmwatch database at ``url``.
    """
    resolved = resolve_url(url)
    if not create:
        require_existing(resolved)
    try:
        engine = _make_engine(resolved)
    except (SQLAlchemyError, ImportError, OSError) as exc:
        raise StoreError(
            f"cannot open database {resolved.render_as_string(hide_password=True)}: {exc}",
            code="HW-STORE-OPEN",
            hint="check the --db URL (and that the database driver is installed)",
        ) from exc
    try:
        if not _is_sqlite(resolved):
            ensure_database(engine, resolved, create=create)
            if not create:
                require_schema(engine, resolved)
        upgrade_schema(engine)
        postgis = has_postgis(engine)
    except Exception:
        engine.dispose()
        raise
    # read by the spatial filters when they compile (store/spatial.py); set before any query runs
    engine.dialect.harmwatch_postgis = postgis  # type: ignore[attr-defined]
    return Store(engine, resolved)


# --------------------------------------------------------------------------- helpers


def incident_id(doc_id: str, mention_index: int) -> str:
    """Deterministic incident id for one mention of one document."""
    return "inc-" + hashlib.sha1(f"{doc_id}:{mention_index}".encode("utf-8")).hexdigest()[:16]


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _version() -> str:
    try:
        from importlib.metadata import PackageNotFoundError, version

        return version("harmwatch")
    except (ImportError, PackageNotFoundError):  # running from a source tree
        try:
            from harmwatch import __version__

            return str(__version__)
        except ImportError:
            return "unknown"


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:  # SQLite drops the offset; everything is written in UTC
        value = value.replace(tzinfo=timezone.utc)
    return value.isoformat()


# --------------------------------------------------------------------------- store


class Store:
    """The harmwatch database. Use :func:`open_store` to get one."""

    def __init__(self, engine: Engine, url: URL):
        self._engine = engine
        self._url = url
        self._read = sessionmaker(bind=engine, expire_on_commit=False)
        self._write = sessionmaker(
            bind=engine.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"}),
            expire_on_commit=False,
        )

    # -- plumbing

    @property
    def url(self) -> str:
        """The database URL for display (password hidden)."""
        return self._url.render_as_string(hide_password=True)

    @property
    def engine(self) -> Engine:
        return self._engine

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    @contextmanager
    def _writing(self, what: str) -> Iterator[Session]:
        """One write transaction; database errors become a coded StoreError."""
        try:
            with self._write() as session, session.begin():
                yield session
        except SQLAlchemyError as exc:
            raise StoreError(
                f"{what} failed: {exc.__class__.__name__}: {exc.args[0] if exc.args else exc}",
                code="HW-STORE-DB",
                hint=f"database {self.url}",
            ) from exc

    # -- runs

    def begin_run(self, command: str, inputs: list[str], options: dict[str, Any]) -> int:
        """Record the start of a run; returns its id."""
        with self._writing("begin_run") as s:
            run = Run(
                command=fit(Run.command, command) or "",
                inputs=jsonable([str(i) for i in inputs or []]),
                options=jsonable(dict(options or {})),
                counts={status: 0 for status in RUN_ITEM_STATUSES},
                summary={},
                harmwatch_version=fit(Run.harmwatch_version, _version()),
                started_at=utcnow(),
            )
            s.add(run)
            s.flush()
            return run.id

    def record_item(
        self,
        run_id: int,
        ref: str,
        status: str,
        reason: str | None = None,
        code: str | None = None,
        doc_id: str | None = None,
    ) -> None:
        """Account for one input of a run: done, skipped or failed (with reason and code)."""
        if status not in RUN_ITEM_STATUSES:
            raise StoreError(
                f"unknown run item status {status!r}",
                code="HW-STORE-STATUS",
                hint="use one of: " + ", ".join(RUN_ITEM_STATUSES),
            )
        with self._writing("record_item") as s:
            s.add(
                RunItem(
                    run_id=run_id,
                    ref=str(ref),
                    status=status,
                    reason=reason,
                    code=fit(RunItem.code, code),
                    doc_id=fit(RunItem.doc_id, doc_id),
                )
            )

    def finish_run(
        self, run_id: int, counts: dict[str, Any] | None, summary: dict[str, Any] | None
    ) -> None:
        """Close a run. ``counts=None`` counts the recorded items by status."""
        with self._writing("finish_run") as s:
            run = s.get(Run, run_id)
            if run is None:
                raise StoreError(f"no run with id {run_id}", code="HW-STORE-NO-RUN")
            if counts is None:
                counts = {status: 0 for status in RUN_ITEM_STATUSES}
                rows = s.execute(
                    select(RunItem.status, func.count())
                    .where(RunItem.run_id == run_id)
                    .group_by(RunItem.status)
                )
                counts.update({status: n for status, n in rows})
            run.counts = jsonable(dict(counts))
            run.summary = jsonable(dict(summary or {}))
            run.finished_at = utcnow()

    def get_run(self, run_id: int) -> dict[str, Any] | None:
        """A run with its items (in recording order), or None."""
        with self._read() as s:
            run = s.get(Run, run_id)
            if run is None:
                return None
            items = s.scalars(
                select(RunItem).where(RunItem.run_id == run_id).order_by(RunItem.id)
            ).all()
            return {
                "id": run.id,
                "command": run.command,
                "harmwatch_version": run.harmwatch_version,
                "started_at": _iso(run.started_at),
                "finished_at": _iso(run.finished_at),
                "inputs": run.inputs,
                "options": run.options,
                "counts": run.counts,
                "summary": run.summary,
                "items": [
                    {
                        "ref": i.ref,
                        "doc_id": i.doc_id,
                        "status": i.status,
                        "reason": i.reason,
                        "code": i.code,
                    }
                    for i in items
                ],
            }

    # -- results

    def save_result(
        self, run_id: int | None, result: DocumentResult, *, extractor_version: str
    ) -> str:
        """Store one extracted document; returns 'inserted', 'unchanged' or 'updated'.

        The id is the document's identity. Same id, text, extractor version
        and result status: 'unchanged', only ``last_seen_run`` is written. Same
        id with another text or version (a new edition, a new extractor): its
        reports (claims, evidence, actors) are replaced, and incidents no other
        report links to are deleted, all in one transaction: 'updated'. A
        'skipped' or 'error' result that has text (unsupported language,
        extractor bug) stores the document with its status and error and no
        incidents.

        The content hash is kept as a column, not an identity: the same text
        under another id (a wire copy in another outlet) is its own document.
        A URL already stored under another id raises :class:`DocumentRejected`
        (``HW-STORE-URL-COLLISION``) and writes nothing: never a silent merge or
        overwrite. Evidence spans outside the text are dropped with a warning log.
        """
        if result.status not in _RESULT_STATUSES:
            raise StoreError(
                f"document {result.doc_id!r} has unknown status {result.status!r}",
                code="HW-STORE-STATUS",
                hint="results are ok, skipped or error",
            )
        doc = result.document
        text = result.text if result.text is not None else (doc.text if doc else None)
        doc_id = result.doc_id or (doc.id if doc else None)
        if text is None or not doc_id:
            raise DocumentRejected(
                f"document {doc_id!r} has no text or no id", code="HW-STORE-NO-TEXT"
            )
        if len(doc_id) > 255:
            raise DocumentRejected(f"document id longer than 255 characters: {doc_id[:40]}...",
                                   code="HW-STORE-DOC-ID", hint="ids from files are their path under the folder "
                                   "given: pass a folder nearer the files, or give ids in JSONL")
        digest = content_hash(text)
        url = fit(DocumentRow.url, doc.url) if doc else None
        records = (
            [jsonable(i.to_dict() if hasattr(i, "to_dict") else dict(i)) for i in result.incidents]
            if result.status == "ok"
            else []  # a skipped or failed document is kept for reading, without incidents
        )

        with self._writing(f"saving {doc_id}") as s:
            row = s.get(DocumentRow, doc_id)
            if url:
                self._refuse_url_of_another(s, doc_id, url)

            if (
                row is not None
                and row.content_hash == digest
                and row.extractor_version == extractor_version
                and row.extraction_status == result.status
            ):
                if run_id is not None and row.last_seen_run != run_id:
                    # bookkeeping, not a content change: keep updated_at as it is
                    s.execute(
                        update(DocumentRow)
                        .where(DocumentRow.id == row.id)
                        .values(last_seen_run=run_id, updated_at=DocumentRow.updated_at)
                    )
                return "unchanged"

            fields = {
                "content_hash": digest,
                "url": url,
                "title": doc.title if doc else None,
                "published": fit(DocumentRow.published, doc.published) if doc else None,
                "source": fit(DocumentRow.source, doc.source) if doc else None,
                "language": fit(DocumentRow.language, doc.language) if doc else None,
                "text": text,
                "input_format": fit(DocumentRow.input_format, doc.input_format) if doc else None,
                "origin": doc.origin if doc else None,
                "extractor_version": fit(DocumentRow.extractor_version, extractor_version) or "",
                "extraction_status": result.status,
                "extraction_error": None if result.status == "ok" else result.error,
                "last_seen_run": run_id,
            }
            if row is None:
                outcome = "inserted"
                row = DocumentRow(id=doc_id, first_seen_run=run_id, **fields)
                s.add(row)
                s.flush()
            else:
                outcome = "updated"
                self._delete_reports(s, row.id)
                for key, value in fields.items():
                    setattr(row, key, value)
                row.updated_at = utcnow()
                s.flush()
            for index, record in enumerate(records):
                self._add_report(s, row.id, index, record, text)
            return outcome

    @staticmethod
    def _refuse_url_of_another(s: Session, doc_id: str, url: str) -> None:
        """Raise ``HW-STORE-URL-COLLISION`` when ``url`` is stored under an id other than ``doc_id``."""
        other = s.scalars(
            select(DocumentRow.id)
            .where(DocumentRow.url == url, DocumentRow.id != doc_id)
            .order_by(DocumentRow.created_at, DocumentRow.id)
            .limit(1)
        ).first()
        if other is not None:
            shown = url if len(url) <= 120 else url[:117] + "..."
            raise DocumentRejected(
                f"document {doc_id!r}: url {shown} is already stored as document {other!r}; not stored",
                code="HW-STORE-URL-COLLISION",
                hint=f"give it the id {other!r} to update that document, or drop the duplicate",
                existing_id=other,
            )

    def find_documents(self, *, content_hash: str | None = None, url: str | None = None) -> list[str]:
        """Ids of the stored documents with this content hash (wire copies) and/or URL, oldest first."""
        query = select(DocumentRow.id)
        if content_hash is not None:
            query = query.where(DocumentRow.content_hash == content_hash)
        if url is not None:
            query = query.where(DocumentRow.url == url)
        with self._read() as s:
            return list(s.scalars(query.order_by(DocumentRow.created_at, DocumentRow.id)))

    @staticmethod
    def _delete_reports(s: Session, doc_id: str) -> None:
        """Remove one document's reports and their rows; drop incidents left without reports."""
        report_ids = select(IncidentReport.id).where(IncidentReport.document_id == doc_id)
        linked = list(
            s.scalars(
                select(IncidentReport.incident_id)
                .where(IncidentReport.document_id == doc_id)
                .distinct()
            )
        )
        for model in (Claim, Evidence, IncidentActor):
            s.execute(delete(model).where(model.incident_report_id.in_(report_ids)))
        s.execute(delete(IncidentReport).where(IncidentReport.document_id == doc_id))
        if linked:
            s.execute(
                delete(IncidentRow).where(
                    IncidentRow.id.in_(linked),
                    ~exists().where(IncidentReport.incident_id == IncidentRow.id),
                )
            )

    @staticmethod
    def _add_report(
        s: Session, doc_id: str, index: int, record: dict[str, Any], text: str
    ) -> None:
        inc_id = incident_id(doc_id, index)
        columns = incident_columns(record)
        incident = s.get(IncidentRow, inc_id)
        if incident is None:
            s.add(IncidentRow(id=inc_id, record=record, **columns))
            s.flush()  # no ORM relationships: the incident must exist before its report
        else:  # still linked from another report: refresh, keep its review status
            for key, value in columns.items():
                setattr(incident, key, value)
            incident.record = record
        report = IncidentReport(
            incident_id=inc_id, document_id=doc_id, mention_index=index, record=record
        )
        s.add(report)
        s.flush()

        for kind in CLAIM_KINDS:
            for claim in as_list(as_dict(record.get(kind)).get("claims")):
                claim = as_dict(claim)
                claim_kind = claim.get("kind") if claim.get("kind") in CLAIM_KINDS else kind
                s.add(
                    Claim(
                        incident_report_id=report.id,
                        kind=claim_kind,
                        min=as_int(claim.get("min")),
                        best=as_int(claim.get("best")),
                        max=as_int(claim.get("max")),
                        qualifier=None if claim.get("qualifier") is None else str(claim["qualifier"]),
                        text=None if claim.get("text") is None else str(claim["text"]),
                        source=source_text(claim.get("source")),
                        evidence=[list(sp) for sp in spans(claim.get("evidence"))],
                    )
                )

        for role, key in (("perpetrator", "perpetrators"), ("victim", "victims")):
            for actor in as_list(record.get(key)):
                actor = as_dict(actor)
                if not (actor.get("name") or actor.get("mention")):
                    continue
                s.add(
                    IncidentActor(
                        incident_report_id=report.id,
                        role=role,
                        name=None if actor.get("name") is None else str(actor["name"]),
                        mention=None if actor.get("mention") is None else str(actor["mention"]),
                        category=fit(IncidentActor.category, actor.get("category")),
                    )
                )

        seen: set[tuple[str, int, int]] = set()
        for field, value in record_evidence(record):
            for start, end in spans(value):
                if not 0 <= start < end <= len(text):
                    log.warning(
                        "%s mention %d: evidence %s [%d, %d] outside the text (%d chars); not stored",
                        doc_id, index, field, start, end, len(text),
                    )
                    continue
                if (field, start, end) in seen:
                    continue
                seen.add((field, start, end))
                s.add(
                    Evidence(
                        incident_report_id=report.id,
                        field=field,
                        start=start,
                        end=end,
                        quote=text[start:end],
                    )
                )

    # -- reads

    def get_document(self, doc_id: str) -> dict[str, Any] | None:
        """A stored document with the incidents extracted from it, or None."""
        with self._read() as s:
            row = s.get(DocumentRow, doc_id)
            if row is None:
                return None
            reports = s.execute(
                select(IncidentReport.mention_index, IncidentReport.incident_id)
                .where(IncidentReport.document_id == doc_id)
                .order_by(IncidentReport.mention_index)
            ).all()
            return {
                "id": row.id,
                "url": row.url,
                "title": row.title,
                "published": row.published,
                "source": row.source,
                "language": row.language,
                "text": row.text,
                "content_hash": row.content_hash,
                "input_format": row.input_format,
                "origin": row.origin,
                "extractor_version": row.extractor_version,
                "extraction_status": row.extraction_status,
                "extraction_error": row.extraction_error,
                "first_seen_run": row.first_seen_run,
                "last_seen_run": row.last_seen_run,
                "created_at": _iso(row.created_at),
                "updated_at": _iso(row.updated_at),
                "incidents": [
                    {"mention_index": m, "incident_id": i} for m, i in reports
                ],
            }

    def iter_incidents(self, **filters: Any) -> Iterator[dict[str, Any]]:
        """Incidents as records plus ``incident_id``, ``reports`` and ``review_status``.

        Filters (all optional, combined with AND): ``event_type``,
        ``sub_event_type``, ``country_code``, ``review_status`` (a value or a
        list of values); ``date_from``/``date_to`` (ISO strings compared with
        ``date_start``); ``doc_id`` (incidents reported by that document);
        ``limit``. Ordered by date_start (unknown dates last), then id.
        """
        unknown = sorted(set(filters) - set(INCIDENT_FILTERS))
        if unknown:
            raise StoreError(
                f"unknown incident filter(s): {', '.join(unknown)}",
                code="HW-STORE-FILTER",
                hint="filters: " + ", ".join(INCIDENT_FILTERS),
            )
        R = IncidentRow
        query = select(R)
        for name in ("event_type", "sub_event_type", "country_code", "review_status"):
            value = filters.get(name)
            if value is None:
                continue
            column = getattr(R, name)
            if isinstance(value, (list, tuple, set, frozenset)):
                query = query.where(column.in_([str(v) for v in value]))
            else:
                query = query.where(column == str(value))
        if filters.get("date_from") is not None:
            query = query.where(R.date_start >= str(filters["date_from"]))
        if filters.get("date_to") is not None:
            query = query.where(R.date_start <= str(filters["date_to"]))
        if filters.get("doc_id") is not None:
            query = query.where(
                exists().where(
                    IncidentReport.incident_id == R.id,
                    IncidentReport.document_id == str(filters["doc_id"]),
                )
            )
        query = query.order_by(R.date_start.is_(None), R.date_start, R.id)
        if filters.get("limit") is not None:
            query = query.limit(int(filters["limit"]))

        with self._read() as s:
            result = s.execute(query.execution_options(yield_per=500))
            for partition in result.scalars().partitions():
                ids = [row.id for row in partition]
                reports: dict[str, list[str]] = {i: [] for i in ids}
                for inc, doc in s.execute(
                    select(IncidentReport.incident_id, IncidentReport.document_id)
                    .where(IncidentReport.incident_id.in_(ids))
                    .order_by(IncidentReport.document_id, IncidentReport.mention_index)
                ):
                    if doc not in reports[inc]:
                        reports[inc].append(doc)
                for row in partition:
                    record = dict(row.record or {})
                    record["incident_id"] = row.id
                    record["reports"] = reports[row.id]
                    record["review_status"] = row.review_status
                    yield record

    def stats(self, top: int = 10) -> dict[str, Any]:
        """Counts and the top places, actors and event types, for `harmwatch run` and the UI."""
        R = IncidentRow
        with self._read() as s:
            count = lambda model: s.scalar(select(func.count()).select_from(model)) or 0  # noqa: E731
            places = s.execute(
                select(R.location_name, R.country_code, func.count().label("n"))
                .where(R.location_name.is_not(None))
                .group_by(R.location_name, R.country_code)
                .order_by(func.count().desc(), R.location_name)
                .limit(top)
            ).all()
            n_incidents = func.count(IncidentReport.incident_id.distinct())
            actors = s.execute(
                select(IncidentActor.name, n_incidents)
                .join(IncidentReport, IncidentReport.id == IncidentActor.incident_report_id)
                .where(IncidentActor.name.is_not(None))
                .group_by(IncidentActor.name)
                .order_by(n_incidents.desc(), IncidentActor.name)
                .limit(top)
            ).all()
            by_type = s.execute(
                select(R.event_type, func.count()).group_by(R.event_type).order_by(R.event_type)
            ).all()
            by_review = s.execute(
                select(R.review_status, func.count()).group_by(R.review_status)
            ).all()
            return {
                "documents": count(DocumentRow),
                "incidents": count(IncidentRow),
                "reports": count(IncidentReport),
                "claims": count(Claim),
                "evidence": count(Evidence),
                "killed": s.scalar(select(func.coalesce(func.sum(R.killed_best), 0))) or 0,
                "injured": s.scalar(select(func.coalesce(func.sum(R.injured_best), 0))) or 0,
                "top_places": [
                    {"name": name, "country_code": cc, "count": n} for name, cc, n in places
                ],
                "top_actors": [{"name": name, "count": n} for name, n in actors],
                "by_event_type": {(t if t is not None else "unknown"): n for t, n in by_type},
                "by_review_status": {status: n for status, n in by_review},
                "runs": count(Run),
            }

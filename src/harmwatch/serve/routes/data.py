"""``/api/v1``: documents, claims, evidence, runs, timeline, map, the audit log."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from harmwatch.review import query

from ..deps import Filters, Session, Store, reviewer_reader

router = APIRouter(prefix="/api/v1", tags=["data"])


@router.get("/documents")
def list_documents(_s: Session, store: Store, q: Annotated[str | None, Query(max_length=500)] = None,
                   page: str | None = None, page_size: str | None = None) -> dict:
    p, size = query.page_args(page, page_size)
    return query.list_documents(store, q=q, page=p, page_size=size)


@router.get("/documents/{doc_id}")
def get_document(doc_id: str, _s: Session, store: Store) -> dict:
    """A report with its stored main text (evidence offsets index into it) and its incidents."""
    return query.get_document(store, doc_id)


@router.get("/claims")
def claims(_s: Session, store: Store, incident_id: str | None = None, doc_id: str | None = None) -> dict:
    return query.claims(store, incident_id=incident_id, doc_id=doc_id)


@router.get("/evidence")
def evidence(_s: Session, store: Store, incident_id: str) -> dict:
    return query.evidence(store, incident_id)


@router.get("/runs")
def runs(_s: Session, store: Store) -> dict:
    return query.runs(store)


@router.get("/timeline")
def timeline(_s: Session, store: Store, filters: Filters,
             bucket: Annotated[str, Query(description="day | week | month")] = "month") -> dict:
    return query.timeline(store, filters, bucket)


@router.get("/map")
def map_features(_s: Session, store: Store, filters: Filters) -> dict:
    """GeoJSON FeatureCollection (RFC 7946): one Point per incident with coordinates."""
    return query.feature_collection(store, filters)


@router.get("/audit", dependencies=[Depends(reviewer_reader)])
def audit(store: Store, user: str | None = None, incident_id: str | None = None, page: str | None = None,
          page_size: str | None = None) -> dict:
    p, size = query.page_args(page, page_size)
    return query.audit_log(store, user=user, incident_id=incident_id, page=p, page_size=size)

"""``GET /api/v1/export``: the merged incidents as a file, in any format of harmwatch.export.

The same formats, status selection and fatality rule as ``harmwatch export`` (docs/EXPORTS.md),
restricted to the incidents that pass the list's filters (docs/API.md), so that an analyst takes out
exactly what the filtered list shows. Any logged-in user may export. The file is built in a spooled
temporary file (memory up to 8 MB, then disk) and sent as an attachment.
"""

from __future__ import annotations

import tempfile
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from harmwatch import export
from harmwatch.review import query

from ..deps import Filters, Session, Store
from ..errors import ApiError

router = APIRouter(prefix="/api/v1", tags=["export"])


def _chunks(f, size: int = 1 << 16):
    try:
        while chunk := f.read(size):
            yield chunk
    finally:
        f.close()


@router.get("/export", response_class=StreamingResponse,
            responses={200: {"content": {t: {} for t in sorted(set(export.MEDIA_TYPES.values()))},
                             "description": "the export file"}})
def export_incidents(
    _s: Session, store: Store, filters: Filters,
    format: Annotated[str, Query(description="acled | ucdp | geojson | parquet | jsonl | xlsx")] = "jsonl",
    selection: Annotated[str, Query(alias="selection", description="all (not rejected) | approved")] = "all",
    include_rejected: bool = False,
    fatalities: Annotated[str, Query(description="ACLED: best | conservative")] = "best",
    located_only: Annotated[bool, Query(description="GeoJSON: leave out incidents without coordinates")] = False,
) -> StreamingResponse:
    if format not in export.FORMATS:
        raise ApiError(f"unknown export format {format!r}", code="HW-EXPORT-FORMAT",
                       hint="formats: " + ", ".join(export.FORMATS))
    if selection not in export.STATUSES:
        raise ApiError(f"unknown selection {selection!r}", code="HW-API-FILTER", hint="all or approved")
    wanted = query.matching_ids(store, filters) if filters != type(filters)() else None
    records = export.iter_records(store, export.Selection(status=selection, include_rejected=include_rejected))
    if wanted is not None:
        records = (r for r in records if r.get("incident_id") in wanted)
    out = tempfile.SpooledTemporaryFile(max_size=8 << 20)
    try:
        result = export.write(records, format, out, status=selection, include_rejected=include_rejected,
                              fatalities=fatalities, located_only=located_only)
    except Exception:
        out.close()
        raise
    out.seek(0)
    name = f"harmwatch-incidents-{date.today().isoformat()}{export.SUFFIXES[format]}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"',
               "X-Harmwatch-Incidents": str(result.written)}
    return StreamingResponse(_chunks(out), media_type=export.MEDIA_TYPES[format], headers=headers)

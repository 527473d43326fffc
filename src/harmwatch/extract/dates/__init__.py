"""When: date expressions in a sentence resolved against the publication date, with their precision,
and the report's own dates (metadata publication date, dateline).

Modules, in import order: ``calendar`` (vocabulary, patterns, resolvers) <- ``mentions`` (find the
expressions in a sentence; anchored and background dates) <- ``dateline`` (publication date, dateline).
"""

from harmwatch.extract.dates.dateline import document_dateline, parse_published
from harmwatch.extract.dates.mentions import (
    ANCHOR_REASON,
    anchor_offset,
    find_dates,
    is_background,
    resolve_anchored,
    year_from_anchor,
)

__all__ = [
    "ANCHOR_REASON", "anchor_offset", "document_dateline", "find_dates", "is_background", "parse_published",
    "resolve_anchored", "year_from_anchor",
]

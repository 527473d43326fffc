"""The report's own dates: the publication date from metadata (:func:`parse_published`) and the
dateline at the head of a report (:func:`document_dateline`: "SAN SALVADOR, 3 JAN 90 --",
"KABUL, Afghanistan (Jan. 10, 2011) -"), which stands in for a missing publication date."""

from __future__ import annotations

import re

from harmwatch.extract.dates.calendar import (
    _D,
    _safe_date,
)
from harmwatch.extract.dates.mentions import find_dates
from harmwatch.types import Span

__all__ = ["parse_published", "document_dateline"]

_R_ISO_PREFIX = re.compile(r"^\s*((?:1[89]|20)\d\d)-(\d\d)-(\d\d)(?:[T\s]|$|Z|[+-]\d)")
_R_COMPACT = re.compile(r"^\s*((?:1[89]|20)\d\d)(\d\d)(\d\d)\s*$")


def parse_published(value: str | None) -> _D | None:
    """A publication date from metadata: ISO date/datetime, or a written date with a year.

    Returns None when the string holds no complete date (no guessing of the year).
    """
    if not value or not isinstance(value, str):
        return None
    m = _R_ISO_PREFIX.match(value) or _R_COMPACT.match(value)
    if m:
        return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    for dm in find_dates(value, 0, len(value), None):
        if dm.precision == "day" and dm.start and not dm.start.startswith("--") and not dm.relative:
            return _D.fromisoformat(dm.start)
    return None


_DATELINE_HEAD = 700
# "SAN SALVADOR, 3 JAN 90 (RADIO ...) --", "KABUL, Afghanistan (Jan. 10, 2011) -", "TEGUCIGALPA, 7 FEB (REUTER) --"
_R_DATELINE = re.compile(
    r"(?m)(?:^|[\u2028\n]|\xa0|[ \t]{2,}|\bRelease[ \t]+|\bPDF[ \t]+)[ \t\xa0]*[A-Z][A-Za-z.'\- ]{1,40}(?:\([A-Za-z .'-]{2,30}\))?"
    r"(?:,[ \t]*[A-Z][A-Za-z.'\- ]{1,30})?(?:,[ \t]*|[ \t]*\()"
    r"(?P<date>[A-Za-z]{3,9}\.?[ \t]+\d{1,2}(?:,[ \t]*\d{4})?|\d{1,2}[ \t]+[A-Za-z]{3,9}\.?(?:[ \t]+\d{2,4})?)\)?"
    r"(?:[ \t]*\([^()\n\u2028]{1,60}\))?[ \t\xa0]*(?:--|–|—|-[ \t]|\u2028|$)"
)
# "Dec. 6: Operations ..." (a date that opens a title line)
_R_DATE_TITLE = re.compile(r"(?m)^\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?):\s")
# "ISAF Joint Command Operational Update, Jan. 10, 2011" (a header line ending in a full date)
_R_DATE_EOL = re.compile(r"(?m),\s*(?P<date>[A-Z][A-Za-z]{2,8}\.?\s+\d{1,2},\s*\d{4}|\d{1,2}\s+[A-Z][A-Za-z]{2,8}\.?\s+\d{4})\s*$")


def document_dateline(text: str, published: _D | None = None) -> tuple[_D | None, Span | None]:
    """The dateline date at the head of a report and the span of its date words.

    Looks at the first ~700 characters for, in order: a wire dateline ("PLACE, DATE --",
    "PLACE, Country (DATE) -"), a title line opening with a date ("Dec. 6: ..."), a header line
    ending with a full date. The date is returned only when the dateline has a year (two-digit
    MUC years count), or when ``published`` is given to supply one, or when an ISO year-month
    stamp above the dateline ("2010-09-CA-005", a release number) agrees with the dateline month
    to within one month; otherwise ``(None, span)`` -
    the span still tells the caller which words are the dateline and not an event date.
    ``(None, None)`` when there is no dateline.
    """
    head = text[:_DATELINE_HEAD]
    yearless: Span | None = None
    for rx in (_R_DATELINE, _R_DATE_TITLE, _R_DATE_EOL):
        for m in rx.finditer(head):
            ds, de = m.span("date")
            for dm in find_dates(text, ds, de, None):
                if dm.precision == "day" and dm.start:
                    if not dm.start.startswith("--"):
                        return _D.fromisoformat(dm.start), dm.span
                    if yearless is None:
                        yearless = dm.span
                    break
                if dm.precision == "day-no-year" and yearless is None:
                    yearless = dm.span
        if yearless is not None:
            break
    if yearless is None:
        return None, None
    if published is not None:
        for dm in find_dates(text, yearless[0], yearless[1], published):
            if dm.start and dm.precision == "day":
                return _D.fromisoformat(dm.start), yearless
    stamped = _header_stamp_date(text, yearless)
    return stamped, yearless


# "2010-09-CA-005", "2010-09-12": an ISO year-month stamp in the header above the dateline
_R_YM_STAMP = re.compile(r"\b((?:19|20)\d\d)-([01]\d)(?!\d)")


def _header_stamp_date(text: str, span: Span) -> _D | None:
    """Year for a year-less dateline from an ISO year-month stamp in the header (release numbers).

    Used only when the stamp's month is the dateline month or next to it (so the stamp is about
    the same time); the stamp year is then adjusted across a December/January boundary.
    """
    dm = find_dates(text, span[0], span[1], None)
    if not dm or not dm[0].start or not dm[0].start.startswith("--"):
        return None
    m, d = int(dm[0].start[2:4]), int(dm[0].start[5:7])
    years = set()
    for st in _R_YM_STAMP.finditer(text, 0, min(len(text), _DATELINE_HEAD)):
        sy, sm = int(st.group(1)), int(st.group(2))
        diff = (m - sm) % 12
        if diff == 0:
            years.add(sy)
        elif diff == 1:
            years.add(sy + 1 if m == 1 else sy)
        elif diff == 11:
            years.add(sy - 1 if m == 12 else sy)
    if len(years) != 1:
        return None
    return _safe_date(years.pop(), m, d)

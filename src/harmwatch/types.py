"""Data passed between pipeline stages.

Every stage takes and returns these frozen dataclasses, so a stage is a pure
function of its input and runs the same in one process or on a cluster.

Offsets (``Span``) are always ``(start, end)`` character offsets into the clean
text of the :class:`Document` (Python ``str`` indices, end exclusive).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

Span = tuple[int, int]

#: version of the extraction output contract (DESIGN.md); bump when it changes
CONTRACT_VERSION = "1.0"


# --------------------------------------------------------------------------- ingest


@dataclass(frozen=True, slots=True)
class InputItem:
    """One raw input as a reader found it, before ingestion.

    ``ref`` names where it came from (``path``, ``path:line``) for the run
    summary. A reader that cannot even produce the item (a malformed JSONL
    line, a CSV row without text) sets ``error`` and leaves the rest empty.
    """

    ref: str
    id: str | None = None
    text: str | None = None
    html: str | bytes | None = None
    raw: bytes | None = None  # undecoded file content (encoding detected at ingest)
    published: str | None = None
    url: str | None = None
    source: str | None = None
    title: str | None = None
    language: str | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A clean report: the text every evidence offset refers to."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO 8601 date or datetime, as given or found
    url: str | None = None
    source: str | None = None  # outlet
    language: str | None = None  # ISO 639-1
    content_hash: str = ""  # sha256 of the clean text
    origin: str | None = None  # InputItem.ref
    input_format: str = "text"  # text | html | jsonl | csv


# --------------------------------------------------------------------------- text


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int = 0


# --------------------------------------------------------------------------- mentions


@dataclass(frozen=True, slots=True)
class DateMention:
    """A temporal expression and what it resolves to.

    ``start``/``end`` are ISO dates (``YYYY-MM-DD``), or ``--MM-DD`` when the
    year is unknown (ISO 8601:2000 reduced form), or None when unresolvable.
    ``precision``: day | week | month | year, suffixed ``-no-year`` when the
    year is unknown (e.g. ``day-no-year``).
    """

    span: Span
    text: str
    start: str | None
    end: str | None
    precision: str | None
    relative: bool = False  # "Monday", "three days ago" (needed the publication date)
    reason: str | None = None  # why unresolved, when start is None


@dataclass(frozen=True, slots=True)
class CasualtyClaim:
    """One reported figure: "at least 250 civilians ... were killed"."""

    kind: str  # killed | injured
    min: int | None
    best: int | None
    max: int | None
    qualifier: str | None  # "at least", "dozens", None for an exact figure
    text: str  # the number words as written ("At least 250")
    evidence: tuple[Span, ...]  # the number phrase and the casualty word
    victim_text: str | None = None  # "civilians, including women, ..." as written
    source: str | None = None  # who said it (filled by attribution)
    source_evidence: tuple[Span, ...] = ()
    #: why the figure cannot be one incident's ("year", "phone_number", "above_cap"): kept, never the best
    flag: str | None = None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    span: Span
    text: str
    kind: str = "toponym"  # toponym | neighbourhood | direction (e.g. "western Mosul")


@dataclass(frozen=True, slots=True)
class Location:
    name: str | None
    country_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None  # exact | neighbourhood | town | admin2 | admin1 | country
    geonames_id: int | None = None
    evidence: tuple[Span, ...] = ()
    reason: str | None = None  # why unresolved


@dataclass(frozen=True, slots=True)
class ActorMention:
    span: Span
    mention: str  # as written
    name: str  # canonical
    category: str  # state forces | rebel group | political militia | identity militia | civilians | external forces | ...
    country_code: str | None = None
    actor_id: str | None = None


@dataclass(frozen=True, slots=True)
class WeaponMention:
    span: Span
    name: str  # canonical ("hand grenade")
    category: str  # firearms | explosives | incendiary | melee | chemical | aircraft | artillery | vehicle


# --------------------------------------------------------------------------- output


@dataclass(slots=True)
class Incident:
    """One incident as extracted from one document (the output contract record)."""

    event_type: str | None = None
    sub_event_type: str | None = None
    cameo: str | None = None
    date: dict[str, Any] | None = None
    location: dict[str, Any] | None = None
    perpetrators: list[dict[str, Any]] = field(default_factory=list)
    victims: list[dict[str, Any]] = field(default_factory=list)
    victim_category: str | None = None
    killed: dict[str, Any] | None = None
    injured: dict[str, Any] | None = None
    weapons: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[list[int]] = field(default_factory=list)  # the sentences
    event_evidence: list[list[int]] = field(default_factory=list)  # the trigger words
    confidence: float = 0.0
    summary: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class DocumentResult:
    """What ``extract`` returns for one input (one output line of the contract)."""

    doc_id: str
    status: str  # ok | error | skipped
    error: str | None = None
    text: str | None = None
    incidents: list[Incident] = field(default_factory=list)
    document: Document | None = None
    warnings: list[str] = field(default_factory=list)
    error_code: str | None = None
    #: harm the text reports that is not armed violence ("natural disaster", "accident"), with the
    #: cause's words: why a report of deaths may have no incident
    excluded: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "doc_id": self.doc_id,
            "status": self.status,
            "contract_version": CONTRACT_VERSION,
        }
        if self.error is not None:
            out["error"] = self.error
            out["error_code"] = self.error_code
        out["text"] = self.text
        if self.document is not None:
            d = self.document
            out["title"] = d.title
            out["published"] = d.published
            out["url"] = d.url
            out["source"] = d.source
            out["language"] = d.language
        out["incidents"] = [i.to_dict() for i in self.incidents]
        if self.excluded:
            out["excluded"] = [dict(x) for x in self.excluded]
        if self.warnings:
            out["warnings"] = list(self.warnings)
        return out

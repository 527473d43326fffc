"""Coded errors. Every error carries a code and a hint; the CLI shows one line."""

from __future__ import annotations


class HarmwatchError(Exception):
    """Base class. ``code`` is stable (e.g. ``HW-INGEST-EMPTY``); ``hint`` says what to do."""

    code = "HW-ERROR"
    hint = ""

    def __init__(self, message: str, *, code: str | None = None, hint: str | None = None):
        super().__init__(message)
        if code is not None:
            self.code = code
        if hint is not None:
            self.hint = hint

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.code

    def one_line(self) -> str:
        text = f"[{self.code}] {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text


class InputError(HarmwatchError):
    """An input item cannot be read or ingested (empty, binary, too large, malformed)."""

    code = "HW-INPUT"


class ExtractionError(HarmwatchError):
    """The extractor failed on a document (a bug: the document is reported as failed)."""

    code = "HW-EXTRACT"


class StoreError(HarmwatchError):
    code = "HW-STORE"


class ConfigError(HarmwatchError):
    code = "HW-CONFIG"


class StoreFullError(StoreError):
    """The database (or its disk) is full: the run stops; everything committed before is kept, and
    the same command run again once there is room finishes the job with no duplicates."""

    code = "HW-STORE-FULL"


class StoreLockedError(StoreError):
    """Another writer held the database's write lock past the busy timeout: the run stops and
    nothing committed is lost; run it again when the other writer is done."""

    code = "HW-STORE-LOCKED"

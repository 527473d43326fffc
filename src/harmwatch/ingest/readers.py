"""Readers: files and folders -> :class:`~harmwatch.types.InputItem` stream.

Contract (DESIGN.md, "Extraction output contract"): JSONL objects with ``id``
and ``text`` or ``html``, optional ``published``, ``url``, ``source``,
``title``, ``language``. CSV/TSV and Parquet use the same column names (plus common
aliases). Single HTML/text files become one item each; their id is the file's
path relative to the folder given (``a/report.txt``, ``b/report.txt``,
``site/x/index.html``: unique within that folder), or the file name for a file
given by itself. ``-`` reads standard input: JSONL when its first non-blank
line is a JSON object, else one HTML or text document with the id ``stdin``.

Every input line, row or file yields exactly one item, in input order, and a
reader never raises: an input that cannot be read becomes an item whose
``error`` is a one-line message starting with the error code in brackets
(``[HW-INPUT-MALFORMED] data.jsonl:3: invalid JSON ...``), which
:func:`harmwatch.ingest.ingest` turns back into a coded ``InputError``. Fully
blank JSONL lines and fully empty CSV rows are not inputs and are skipped.

Files are streamed line by line (JSONL) or row by row (CSV), so memory stays
bounded by the longest line, not the file.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from harmwatch.types import InputItem

#: formats accepted by ``fmt=`` and chosen by extension
FORMATS = ("jsonl", "csv", "tsv", "parquet", "html", "text")
_EXT_FORMAT = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl",
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".parquet": "parquet", ".pq": "parquet",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".txt": "text", ".text": "text", ".md": "text",
}  # fmt: skip

#: a single line/row/file larger than this is not read (it could not be ingested anyway)
MAX_RECORD_BYTES = 64_000_000
#: bytes looked at when sniffing a file of unknown type
SNIFF_BYTES = 4096

#: field name -> InputItem attribute (the contract names first, then common aliases)
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "doc_id", "docid", "document_id", "uid", "guid", "article_id"),
    "text": ("text", "body", "content", "article", "full_text", "fulltext", "story", "maintext"),
    "html": ("html", "raw_html", "page", "html_content"),
    "published": ("published", "date", "pubdate", "publication_date", "published_at", "date_published", "datetime"),
    "url": ("url", "link", "source_url", "href"),
    "source": ("source", "outlet", "publisher", "site", "sitename", "site_name", "source_name"),
    "title": ("title", "headline"),
    "language": ("language", "lang", "language_code"),
}
_ALIAS_TO_FIELD = {alias: f for f, aliases in FIELD_ALIASES.items() for alias in aliases}

_HTML_SNIFF = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title>|<div[\s>]|<p[\s>]|<article[\s>]",
    re.I,
)
_ID_RESCUE = re.compile(r'"id"\s*:\s*"((?:[^"\\]|\\.){1,200})"')


#: the path that means standard input
STDIN = "-"
#: the id and ref of a single document read from standard input
STDIN_ID = "stdin"
STDIN_REF = "<stdin>"


def input_error(code: str, ref: str, message: str) -> str:
    """The one-line error message a reader stores in ``InputItem.error``."""
    return f"[{code}] {ref}: {message}"


# --------------------------------------------------------------------------- paths


def _walk(path: Path) -> Iterator[Path]:
    """Files under ``path`` recursively, sorted, hidden files and folders skipped."""
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        p = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(p)
        elif entry.is_file():
            yield p


def _split_ext(path: Path) -> tuple[str, bool]:
    """(format extension, gzipped?) of ``path``: ``x.jsonl.gz`` -> (``.jsonl``, True)."""
    suffixes = [s.lower() for s in path.suffixes]
    gz = bool(suffixes) and suffixes[-1] in (".gz", ".gzip")
    if gz:
        suffixes = suffixes[:-1]
    return (suffixes[-1] if suffixes else ""), gz


def file_id(path: Path, root: Path | None = None) -> str:
    """Document id of a file: its path relative to ``root`` (the folder given), else its name.

    ``reports/a/report.txt`` under ``reports`` -> ``a/report.txt``; the extension stays, so two
    files of one folder never share an id (``report.txt``, ``report.html``, every ``*/index.html``).
    """
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return path.name


def format_of(path: str | Path, fmt: str | None = None) -> str | None:
    """Reader format for ``path`` (``fmt`` wins); None means sniff the content."""
    if fmt:
        return fmt
    ext, _gz = _split_ext(Path(path))
    return _EXT_FORMAT.get(ext)


def iter_inputs(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], *, fmt: str | None = None) -> Iterator[InputItem]:
    """Yield one :class:`InputItem` per JSONL line, CSV row or single file under ``paths``.

    ``paths``: files or folders (folders recursively, sorted, hidden entries
    skipped); ``fmt`` forces a format (``jsonl``, ``csv``, ``tsv``, ``html``,
    ``text``) instead of choosing by extension. Never raises on bad input.
    """
    if fmt is not None and fmt not in FORMATS:
        raise ValueError(f"unknown input format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for raw_path in paths:
        if str(raw_path) == STDIN:
            yield from _iter_stdin(fmt)
            continue
        path = Path(raw_path)
        if path.is_dir():
            for f in _walk(path):
                yield from _iter_file(f, fmt, root=path)
        elif path.exists():
            yield from _iter_file(path, fmt)
        else:
            yield InputItem(
                ref=str(path),
                error=input_error("HW-INPUT-NOT-FOUND", str(path), "no such file or folder"),
            )


def _open_binary(path: Path) -> IO[bytes]:
    _ext, gz = _split_ext(path)
    if gz:
        return gzip.open(path, "rb")
    return open(path, "rb")


def _iter_file(path: Path, fmt: str | None, root: Path | None = None) -> Iterator[InputItem]:
    ref = str(path)
    kind = format_of(path, fmt)
    try:
        if kind == "jsonl":
            with _open_binary(path) as fh:
                yield from _iter_jsonl(fh, ref)
        elif kind in ("csv", "tsv"):
            yield from _iter_csv(path, "\t" if kind == "tsv" else ",")
        elif kind == "parquet":
            yield from _iter_parquet(path)
        else:
            yield _read_single(path, kind, file_id(path, root))
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
        # a file that cannot be opened, or a truncated .gz; items already yielded stand
        yield InputItem(ref=ref, error=input_error("HW-INPUT-UNREADABLE", ref, f"cannot read file: {exc}"))


# --------------------------------------------------------------------------- records


def _record_item(ref: str, record: dict[str, Any], *, kind: str) -> InputItem:
    """Map a JSON object / CSV row onto an InputItem (error set when id/text missing)."""
    fields: dict[str, str | None] = {}
    for key, value in record.items():
        if not isinstance(key, str):
            continue
        field = _ALIAS_TO_FIELD.get(key.strip().lower())
        if field is None or field in fields and fields[field] not in (None, ""):
            continue  # the contract name (listed first in the file or not) wins over an empty alias
        if value is None:
            fields.setdefault(field, None)
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool) and field == "id":
            value = str(value)
        if not isinstance(value, str):
            return InputItem(
                ref=ref,
                id=_as_id(record),
                error=input_error("HW-INPUT-MALFORMED", ref, f"field {key!r} must be a string, got {type(value).__name__}"),
            )
        fields[field] = value
    doc_id = (fields.get("id") or "").strip() or None
    if doc_id is None:
        return InputItem(ref=ref, error=input_error("HW-INPUT-MALFORMED", ref, f"{kind} record has no 'id'"))
    text, html = fields.get("text"), fields.get("html")
    if not (text and text.strip()) and not (html and html.strip()):
        what = "is empty" if (text is not None or html is not None) else "has no 'text' or 'html'"
        code = "HW-INPUT-EMPTY" if (text is not None or html is not None) else "HW-INPUT-NO-TEXT"
        return InputItem(ref=ref, id=doc_id, error=input_error(code, ref, f"{kind} record {doc_id!r} {what}"))

    def opt(name: str) -> str | None:
        v = fields.get(name)
        return v.strip() or None if isinstance(v, str) else None

    return InputItem(
        ref=ref,
        id=doc_id,
        text=text if text and text.strip() else None,
        html=html if html and html.strip() else None,
        published=opt("published"),
        url=opt("url"),
        source=opt("source"),
        title=opt("title"),
        language=opt("language"),
    )


def _as_id(record: dict[str, Any]) -> str | None:
    for alias in FIELD_ALIASES["id"]:
        v = record.get(alias)
        if isinstance(v, (str, int)) and not isinstance(v, bool) and str(v).strip():
            return str(v).strip()
    return None


def _iter_jsonl(fh: Any, name: str) -> Iterator[InputItem]:
    """Items of an open binary JSONL stream (``readline(limit)``); refs are ``name:line``."""
    lineno = 0
    while True:
        line = fh.readline(MAX_RECORD_BYTES + 1)
        if not line:
            break
        lineno += 1
        ref = f"{name}:{lineno}"
        if len(line) > MAX_RECORD_BYTES and not line.endswith(b"\n"):
            while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass  # skip the rest of the oversized line without keeping it
            yield InputItem(
                ref=ref,
                error=input_error("HW-INPUT-TOO-LARGE", ref, f"line longer than {MAX_RECORD_BYTES} bytes"),
            )
            continue
        if not line.strip():
            continue
        if lineno == 1 and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8) :]
        try:
            decoded = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            rescued = _ID_RESCUE.search(line.decode("utf-8", "replace"))
            yield InputItem(
                ref=ref,
                id=rescued.group(1) if rescued else None,
                error=input_error(
                    "HW-INPUT-ENCODING", ref, f"invalid UTF-8 at byte {exc.start} (JSONL must be UTF-8)"
                ),
            )
            continue
        try:
            obj = json.loads(decoded)
        except ValueError as exc:
            rescued = _ID_RESCUE.search(decoded)
            yield InputItem(
                ref=ref,
                id=rescued.group(1) if rescued else None,
                error=input_error("HW-INPUT-MALFORMED", ref, f"invalid JSON: {exc}"),
            )
            continue
        if not isinstance(obj, dict):
            yield InputItem(
                ref=ref,
                error=input_error("HW-INPUT-MALFORMED", ref, f"expected a JSON object, got {type(obj).__name__}"),
            )
            continue
        yield _record_item(ref, obj, kind="JSONL")


def _raise_csv_field_limit() -> None:
    if csv.field_size_limit() < MAX_RECORD_BYTES:
        csv.field_size_limit(min(MAX_RECORD_BYTES, sys.maxsize))


def _iter_csv(path: Path, delimiter: str) -> Iterator[InputItem]:
    _raise_csv_field_limit()
    with _open_binary(path) as raw:
        # surrogateescape keeps undecodable bytes visible so one bad row does not sink the file
        fh = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")
        reader = csv.reader(fh, delimiter=delimiter)
        try:
            header = next(reader)
        except StopIteration:
            yield InputItem(ref=str(path), error=input_error("HW-INPUT-EMPTY", str(path), "CSV file is empty"))
            return
        except csv.Error as exc:
            yield InputItem(ref=str(path), error=input_error("HW-INPUT-MALFORMED", str(path), f"bad CSV header: {exc}"))
            return
        names = [h.strip().lower() for h in header]
        if not any(_ALIAS_TO_FIELD.get(n) in ("text", "html") for n in names):
            yield InputItem(
                ref=str(path),
                error=input_error(
                    "HW-INPUT-MALFORMED", str(path), f"CSV header has no text/html column (columns: {', '.join(names)[:200]})"
                ),
            )
            return
        while True:
            start_line = reader.line_num + 1
            ref = f"{path}:{start_line}"
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                yield InputItem(ref=ref, error=input_error("HW-INPUT-MALFORMED", ref, f"bad CSV row: {exc}"))
                continue
            if not any(cell.strip() for cell in row):
                continue
            if any(_has_surrogates(cell) for cell in row):
                rec = dict(zip(names, row))
                rid = rec.get("id")
                yield InputItem(
                    ref=ref,
                    id=rid if rid and not _has_surrogates(rid) else None,
                    error=input_error("HW-INPUT-ENCODING", ref, "invalid UTF-8 in row (CSV must be UTF-8)"),
                )
                continue
            if len(row) != len(names):
                yield InputItem(
                    ref=ref,
                    id=dict(zip(names, row)).get("id") or None,
                    error=input_error(
                        "HW-INPUT-MALFORMED", ref, f"row has {len(row)} fields but the header has {len(names)}"
                    ),
                )
                continue
            yield _record_item(ref, dict(zip(names, row)), kind="CSV")


def _iter_parquet(path: Path) -> Iterator[InputItem]:
    """Rows of a Parquet file (the same column names as CSV), one record batch at a time; refs are
    ``file:row`` (1-based). A file pyarrow cannot read is one ``HW-INPUT-UNREADABLE`` item."""
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        yield InputItem(ref=str(path), error=input_error("HW-INPUT-UNREADABLE", str(path), f"not a Parquet file: {exc}"))
        return
    row = 0
    for batch in pf.iter_batches(batch_size=256):
        for record in batch.to_pylist():
            row += 1
            yield _record_item(f"{path}:{row}", {str(k).strip().lower(): v for k, v in record.items()}, kind="Parquet")


def _has_surrogates(s: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in s)


# --------------------------------------------------------------------------- standard input


class _Replay:
    """A binary stream whose first lines were already read: replays them, then reads on."""

    def __init__(self, head: list[bytes], fh: IO[bytes]):
        self._head = list(head)
        self._fh = fh

    def readline(self, limit: int = -1) -> bytes:
        if self._head:
            return self._head.pop(0)
        return self._fh.readline(limit)

    def read(self, limit: int = -1) -> bytes:
        head, self._head = b"".join(self._head), []
        if limit < 0:
            return head + self._fh.read()
        return head + self._fh.read(max(0, limit - len(head)))


def _stdin_binary() -> IO[bytes]:
    stream = sys.stdin
    return getattr(stream, "buffer", stream)  # type: ignore[return-value]


def _iter_stdin(fmt: str | None) -> Iterator[InputItem]:
    """Standard input: JSONL (first non-blank line starts with ``{``, or ``fmt="jsonl"``), else one
    HTML or text document with the id ``stdin``. Streamed line by line when JSONL."""
    fh = _stdin_binary()
    head: list[bytes] = []
    first = b""
    while True:
        line = fh.readline(MAX_RECORD_BYTES + 1)
        if not line:
            break
        head.append(line)
        if line.strip():
            first = line.lstrip(codecs.BOM_UTF8).lstrip()
            break
    stream = _Replay(head, fh)
    if fmt == "jsonl" or (fmt is None and first.startswith(b"{")):
        yield from _iter_jsonl(stream, STDIN_REF)
        return
    if fmt in ("csv", "tsv"):
        yield InputItem(ref=STDIN_REF, error=input_error(
            "HW-INPUT-MALFORMED", STDIN_REF, "CSV cannot be read from standard input; pass the file"))
        return
    data = stream.read(MAX_RECORD_BYTES + 1)
    if len(data) > MAX_RECORD_BYTES:
        yield InputItem(ref=STDIN_REF, id=STDIN_ID, error=input_error(
            "HW-INPUT-TOO-LARGE", STDIN_REF, f"content larger than {MAX_RECORD_BYTES} bytes"))
        return
    kind = fmt or sniff(data)
    if kind == "html":
        yield InputItem(ref=STDIN_REF, id=STDIN_ID, html=data)
    else:
        yield InputItem(ref=STDIN_REF, id=STDIN_ID, raw=data)


# --------------------------------------------------------------------------- checks and counts


def missing_paths(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """The given paths that name no file or folder (``-``, standard input, always exists)."""
    return [str(p) for p in paths if str(p) != STDIN and not Path(p).exists()]


def count_inputs(paths: Iterable[str | os.PathLike[str]], *, fmt: str | None = None) -> int | None:
    """How many items :func:`iter_inputs` will yield, cheaply, for a progress total.

    One per single file, one per non-blank JSONL line, one per non-empty CSV row (the file is
    parsed, nothing decoded further). None when it cannot be known in advance (standard input).
    A file that cannot be read counts as one (its error item).
    """
    total = 0
    for raw in paths:
        if str(raw) == STDIN:
            return None
        path = Path(raw)
        files = list(_walk(path)) if path.is_dir() else [path]
        for f in files:
            total += _count_file(f, fmt)
    return total


def _count_file(path: Path, fmt: str | None) -> int:
    kind = format_of(path, fmt)
    if kind == "parquet":
        try:
            import pyarrow.parquet as pq

            return max(pq.ParquetFile(path).metadata.num_rows, 1)
        except (OSError, ValueError):
            return 1
    if kind not in ("jsonl", "csv", "tsv"):
        return 1
    try:
        with _open_binary(path) as fh:
            if kind == "jsonl":
                return sum(1 for line in fh if line.strip())
            _raise_csv_field_limit()
            text = io.TextIOWrapper(fh, encoding="utf-8-sig", errors="replace", newline="")
            rows = sum(1 for row in csv.reader(text, delimiter="\t" if kind == "tsv" else ",") if any(c.strip() for c in row))
            return max(rows - 1, 1)
    except (OSError, EOFError, csv.Error, zlib.error):
        return 1


# --------------------------------------------------------------------------- single files


def _read_single(path: Path, kind: str | None, doc_id: str) -> InputItem:
    """One HTML/text/unknown file -> one item carrying its undecoded bytes."""
    ref = str(path)
    _ext, gz = _split_ext(path)
    if not gz and path.stat().st_size > MAX_RECORD_BYTES:
        return InputItem(
            ref=ref,
            id=doc_id,
            error=input_error("HW-INPUT-TOO-LARGE", ref, f"file is {path.stat().st_size} bytes (limit {MAX_RECORD_BYTES})"),
        )
    with _open_binary(path) as fh:
        data = fh.read(MAX_RECORD_BYTES + 1)  # bounded even for a .gz bomb
    if len(data) > MAX_RECORD_BYTES:
        return InputItem(
            ref=ref,
            id=doc_id,
            error=input_error("HW-INPUT-TOO-LARGE", ref, f"content larger than {MAX_RECORD_BYTES} bytes"),
        )
    if kind is None:
        kind = sniff(data)
    if kind == "html":
        return InputItem(ref=ref, id=doc_id, html=data)
    return InputItem(ref=ref, id=doc_id, raw=data)


def sniff(data: bytes) -> str:
    """Guess ``html``, ``text`` or ``binary`` from the first bytes of a file."""
    from harmwatch.ingest.clean import looks_binary

    head = data[:SNIFF_BYTES]
    if looks_binary(head):
        return "binary"
    if _HTML_SNIFF.search(head):
        return "html"
    return "text"

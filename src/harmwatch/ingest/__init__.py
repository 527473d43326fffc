"""Ingest stage: raw inputs -> clean :class:`~harmwatch.types.Document`.

``iter_inputs`` streams :class:`~harmwatch.types.InputItem` objects from files
and folders (JSONL, CSV/TSV, HTML, text); ``ingest`` turns one item into a
Document whose ``text`` is final: every evidence offset downstream points
into it. Bad input raises :class:`~harmwatch.errors.InputError` with a stable
code (``HW-INPUT-EMPTY``, ``-BINARY``, ``-TOO-LARGE``, ``-TOO-LONG``, ``-TOO-DEEP``,
``-ENCODING``, ``-MALFORMED``, ``-NO-TEXT``, ``-NOT-FOUND``, ``-UNREADABLE``) and a hint.

Size caps, all checked before the costly step they protect (docs/HOSTILE.md):
``readers.MAX_RECORD_BYTES`` (64 MB: one file, JSONL line or CSV row, read bounded even from a
gzip bomb), :data:`DEFAULT_MAX_BYTES` (5 MB: one page or text, before it is decoded or parsed),
``html.MAX_HTML_DEPTH`` (256 nested elements, libxml2's own limit, reported instead of dropped)
and :data:`DEFAULT_MAX_CHARS` (300,000 characters of clean text, before extraction).

``ingest`` is a pure function of the item (plus the lazily built, read-only
language detector), so it runs the same in one process or on a Dask worker.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from urllib.parse import urlsplit

from harmwatch.errors import InputError
from harmwatch.ingest.clean import (
    bom_encoding,
    control_char_share,
    looks_binary,
    normalize_date,
    normalize_text,
    strip_trailing_boilerplate,
)
from harmwatch.ingest.html import HtmlContent, extract_html
from harmwatch.ingest.language import detect_language
from harmwatch.ingest.readers import STDIN, count_inputs, file_id, iter_inputs, missing_paths, sniff
from harmwatch.types import Document, InputItem

__all__ = [
    "iter_inputs",
    "ingest",
    "clean_text",
    "decode_bytes",
    "detect_language",
    "extract_html",
    "normalize_date",
    "strip_trailing_boilerplate",
    "HtmlContent",
    "file_id",
    "count_inputs",
    "missing_paths",
    "check_paths",
    "check_published",
    "published_warning",
    "STDIN",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_CHARS",
    "HINTS",
    "item_error",
]

#: bytes of one page or text; a larger input fails with HW-INPUT-TOO-LARGE before it is decoded or parsed
DEFAULT_MAX_BYTES = 5_000_000
#: characters of clean text handed to extraction; a longer one fails with HW-INPUT-TOO-LONG. About 50,000
#: words, ten times a long news feature; extraction time grows with the text (100,000 characters of
#: incident sentences take ~2 s, 1,000,000 over a minute), so this keeps an item well inside its time limit
DEFAULT_MAX_CHARS = 300_000

#: what to do about each input error code (shown by the CLI after the message)
HINTS: dict[str, str] = {
    "HW-INPUT-EMPTY": "the input holds no text; check the file or the 'text' field",
    "HW-INPUT-BINARY": "this looks like an image, archive or other binary file, not a news page or text",
    "HW-INPUT-TOO-LARGE": "split the input or raise max_bytes; news reports are rarely over 1 MB",
    "HW-INPUT-TOO-LONG": "split the text into its articles; one news report is rarely over 50,000 characters",
    "HW-INPUT-ENCODING": "save the input as UTF-8 (JSONL and CSV must be UTF-8; HTML may declare its charset)",
    "HW-INPUT-MALFORMED": "each JSONL line must be one JSON object with 'id' and 'text' or 'html' "
    "(CSV: a header row with id and text columns)",
    "HW-INPUT-NO-TEXT": "no article text was found in the page; pass the article text in 'text' instead",
    "HW-INPUT-NOT-FOUND": "check the path",
    "HW-INPUT-UNREADABLE": "check file permissions, or that a .gz file is complete",
    "HW-INPUT-PUBLISHED-INVALID": "give 'published' as an ISO 8601 date (2017-06-05) or datetime; "
    "RFC 2822 and '5 June 2017' also work",
}

#: the code of the warning an item gets when its 'published' value is not a date
PUBLISHED_INVALID = "HW-INPUT-PUBLISHED-INVALID"

_ERROR_PREFIX = re.compile(r"^\[(HW-[A-Z0-9-]+)\]\s*(.*)$", re.S)
_HTML_DOC = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.I | re.S)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.I,
)
#: WHATWG: pages labelled latin-1/ascii are decoded as windows-1252
_CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252",
                    "ascii": "cp1252", "iso8859-1": "cp1252", "l1": "cp1252"}  # fmt: skip
#: decoded text with more than this share of unassigned/private/replacement characters is garbage
_MAX_GARBAGE_SHARE = 0.02
#: legacy encodings actually seen on news sites; exotic code pages (koi8_t, cp775, hp_roman8...)
#: only ever "win" on garbage bytes, so charset-normalizer is restricted to these
_WEB_ENCODINGS = (
    "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
    "iso8859_2", "iso8859_5", "iso8859_6", "iso8859_7", "iso8859_8", "iso8859_9", "iso8859_15",
    "koi8_r", "koi8_u", "mac_roman", "cp874", "tis_620", "gb18030", "gbk", "big5", "shift_jis",
    "euc_jp", "iso2022_jp", "euc_kr", "cp949", "utf_16", "utf_32",
)  # fmt: skip
_BINARY_TEXT_SHARE = 0.10


def _error(code: str, message: str, hint: str | None = None) -> InputError:
    return InputError(message, code=code, hint=hint if hint is not None else HINTS.get(code, ""))


def item_error(item: InputItem) -> InputError:
    """The coded InputError for an item a reader marked as failed."""
    msg = item.error or "unreadable input"
    m = _ERROR_PREFIX.match(msg)
    if m:
        return _error(m.group(1), m.group(2))
    return _error("HW-INPUT-MALFORMED", msg)


# --------------------------------------------------------------------------- decoding


_LETTER_RUN = re.compile(r"[^\W\d_]+")
#: mostly-UTF-8 bytes with at most this share of invalid sequences decode as UTF-8 (with U+FFFD)
_MAX_UTF8_REPLACEMENTS = 0.005
#: share of implausible words (mixed scripts, "lOwEr-Upper" case flips) above which a decode is mojibake
_MAX_ODD_WORDS = 0.15


def _script(ch: str) -> str:
    import unicodedata

    if ch < "\x80":
        return "LATIN"
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else "?"


def _implausible(text: str, limit: int = 20_000) -> bool:
    """True when decoded text reads like mojibake: control/unassigned characters,
    words mixing scripts ("villageяюъ") or flipping case inside a word ("ЏГяГќ")."""
    import unicodedata

    head = text[:limit]
    if not head.strip():
        return True
    bad_chars = 0
    for ch in head:
        if ch == "\ufffd":
            bad_chars += 1
        elif ch > "\x7f" and unicodedata.category(ch) in ("Co", "Cn", "Cs", "Cc"):
            bad_chars += 1
    if bad_chars / len(head) > _MAX_GARBAGE_SHARE:
        return True
    words = _LETTER_RUN.findall(head)
    if not words:
        return True
    odd = 0
    for w in words:
        if w.isascii():
            continue
        scripts = {_script(c) for c in w if unicodedata.category(c) != "Lm"}
        flips = sum(1 for a, b in zip(w, w[1:]) if a.islower() and b.isupper())
        if len(scripts) > 1 or flips:
            odd += 1
    return odd / len(words) > _MAX_ODD_WORDS


def decode_bytes(data: bytes, *, html: bool = False, ref: str = "input") -> str:
    """Decode raw bytes: BOM, then UTF-8, then a declared HTML charset, then charset-normalizer.

    Mostly-UTF-8 bytes with a few stray invalid bytes keep UTF-8 (U+FFFD marks the
    bad bytes). Legacy single-byte text prefers windows-1252 among equally good
    candidates (the web's default for unlabelled Western pages). Raises
    ``HW-INPUT-ENCODING`` when nothing sensible decodes.
    """
    enc = bom_encoding(data)
    if enc:
        try:
            return data.decode(enc)
        except UnicodeDecodeError as exc:
            raise _error("HW-INPUT-ENCODING", f"{ref}: starts with a {enc} byte-order mark but is not {enc}: {exc.reason}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", "replace")
    n_bad = lenient.count("\ufffd")
    n_multibyte = sum(1 for ch in lenient if ch > "\x7f") - n_bad
    if n_multibyte > 0 and n_bad <= _MAX_UTF8_REPLACEMENTS * len(lenient) and not _implausible(lenient):
        return lenient
    if html:
        m = _META_CHARSET.search(data[:8192])
        if m:
            label = (m.group(1) or m.group(2)).decode("ascii").lower()
            label = _CHARSET_ALIASES.get(label, label)
            try:
                codecs.lookup(label)
                text = data.decode(label)
                if not _implausible(text):
                    return text
            except (LookupError, UnicodeDecodeError):
                pass
    from charset_normalizer import from_bytes

    results = list(from_bytes(data, cp_isolation=list(_WEB_ENCODINGS)))
    if results:
        floor = min(r.chaos for r in results) + 0.01
        good = [r for r in results if r.chaos <= floor]
        top = max(r.coherence for r in good)
        good = [r for r in good if r.coherence >= top - 0.02]
        preferred = next((r for r in good if r.encoding == "cp1252"), good[0])
        for match in [preferred, *[r for r in results if r is not preferred]][:4]:
            text = str(match)
            # zero coherence (no language's letter frequencies fit) over a long text means mojibake
            if match.coherence == 0.0 and len(_LETTER_RUN.findall(text[:20_000])) >= 40:
                continue
            if not _implausible(text):
                return text
    raise _error("HW-INPUT-ENCODING", f"{ref}: bytes are not UTF-8 and no other encoding decodes them sensibly")


# --------------------------------------------------------------------------- helpers


def clean_text(text: str) -> str:
    """The final Document text for ``text`` (normalised, trailing page junk removed)."""
    return strip_trailing_boilerplate(normalize_text(text)).strip()


def _container_format(ref: str) -> str | None:
    path = ref
    head, sep, tail = ref.rpartition(":")
    if sep and tail.isdigit():
        path = head
    lower = path.lower()
    for suffix in (".gz", ".gzip"):
        if lower.endswith(suffix):
            lower = lower[: -len(suffix)]
    if lower.endswith((".jsonl", ".ndjson", ".jsonlines")):
        return "jsonl"
    if lower.endswith((".csv", ".tsv", ".tab")):
        return "csv"
    return None


def _language_code(value: str | None) -> str | None:
    """ISO 639-1 code from "en", "en-GB", "eng" or "English"; None when not recognisable."""
    if not value:
        return None
    v = value.strip().lower().replace("_", "-")
    base = v.split("-", 1)[0]
    if len(base) == 2 and base.isalpha():
        return base
    try:
        from lingua import Language
    except ImportError:  # pragma: no cover - pinned dependency
        return None
    for lang in Language.all():
        if lang.name.lower() == base or lang.iso_code_639_3.name.lower() == base:
            return lang.iso_code_639_1.name.lower()
    return None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def _clean_field(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(normalize_text(value).split())
    return value or None


# --------------------------------------------------------------------------- checks


def check_paths(paths: list[str]) -> None:
    """Raise ``HW-INPUT-NOT-FOUND`` naming every given path that does not exist.

    Commands call this before they open a database or an output file, so a mistyped path
    writes nothing. (:func:`iter_inputs` itself never raises: a missing path is an error item.)
    """
    missing = missing_paths(paths)
    if missing:
        shown = ", ".join(repr(m) for m in missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        raise _error("HW-INPUT-NOT-FOUND", f"no such file or folder: {shown}")


def check_published(value: str | None) -> str | None:
    """The normalised default publication date given by a user, or ``HW-INPUT-PUBLISHED-INVALID``."""
    if value is None:
        return None
    got = normalize_date(value)
    if got is None:
        raise _error(PUBLISHED_INVALID, f"--published {value!r} is not a date")
    return got


def published_warning(item: InputItem) -> str | None:
    """The coded warning for an item whose ``published`` is given but is not a date, else None.

    The value is ignored (the page's own date or the default stands in), and the result says so:
    ``[HW-INPUT-PUBLISHED-INVALID] published 'last Saturday' is not a date; ignored``.
    """
    value = item.published
    if value is None or not str(value).strip() or normalize_date(value) is not None:
        return None
    shown = value if len(value) <= 60 else value[:57] + "..."
    return f"[{PUBLISHED_INVALID}] published {shown!r} is not a date; ignored (hint: {HINTS[PUBLISHED_INVALID]})"


# --------------------------------------------------------------------------- ingest


def ingest(item: InputItem, *, max_bytes: int = DEFAULT_MAX_BYTES, max_chars: int = DEFAULT_MAX_CHARS,
           default_published: str | None = None) -> Document:
    """Turn one input item into a clean Document, or raise a coded ``InputError``.

    Size is checked before anything is decoded or parsed, so an oversized page
    is rejected in constant time. The publication date is the item's own
    ``published``, else the page's metadata, else ``default_published`` (the
    ``--published`` option: for plain-text files, which carry no date). A clean text longer than
    ``max_chars`` fails with ``HW-INPUT-TOO-LONG`` before extraction; HTML nested deeper than the
    parser reads fails with ``HW-INPUT-TOO-DEEP``.
    """
    if item.error:
        raise item_error(item)
    ref = item.ref
    content: str | bytes
    is_html: bool | None
    if item.html is not None:
        content, is_html = item.html, True
    elif item.text is not None:
        content, is_html = item.text, False
    elif item.raw is not None:
        content, is_html = item.raw, None
    else:
        raise _error("HW-INPUT-EMPTY", f"{ref}: no text, html or file content")

    size = len(content)
    if isinstance(content, str) and size * 4 > max_bytes and size <= max_bytes:
        size = len(content.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise _error(
            "HW-INPUT-TOO-LARGE",
            f"{ref}: {size:,} bytes is over the {max_bytes:,}-byte limit",
        )

    if isinstance(content, bytes):
        if not content.strip():
            raise _error("HW-INPUT-EMPTY", f"{ref}: empty or whitespace-only")
        if looks_binary(content):
            raise _error("HW-INPUT-BINARY", f"{ref}: binary content (file signature, NUL or control bytes)")
        if is_html is None:
            is_html = sniff(content) == "html"
        source_text = decode_bytes(content, html=bool(is_html), ref=ref)
    else:
        source_text = content
    if not source_text.strip():
        raise _error("HW-INPUT-EMPTY", f"{ref}: empty or whitespace-only")
    if "\x00" in source_text[:8192] or control_char_share(source_text) > _BINARY_TEXT_SHARE:
        raise _error("HW-INPUT-BINARY", f"{ref}: text holds NUL or many control characters (binary data?)")
    if not is_html and _HTML_DOC.match(source_text[:2048]):
        is_html = True  # a 'text' field or .txt file holding a whole HTML page

    meta: HtmlContent | None = None
    if is_html:
        try:
            meta = extract_html(source_text, url=item.url)
        except InputError as exc:  # the parser's own limits (HW-INPUT-TOO-DEEP): name the input
            raise _error(exc.code, f"{ref}: {exc.message}", exc.hint) from exc
        text = clean_text(meta.text)
        if not text:
            raise _error("HW-INPUT-NO-TEXT", f"{ref}: no main text could be extracted from the HTML")
    else:
        text = clean_text(source_text)
        if not text:
            raise _error("HW-INPUT-EMPTY", f"{ref}: no text left after clean-up")
    if len(text) > max_chars:
        raise _error("HW-INPUT-TOO-LONG", f"{ref}: {len(text):,} characters of text is over the {max_chars:,}-character limit")

    url = (item.url or "").strip() or None
    published = (
        normalize_date(item.published) or (meta.published if meta else None) or normalize_date(default_published)
    )
    title = _clean_field(item.title) or (meta.title if meta else None)
    source = _clean_field(item.source) or (meta.source if meta else None) or _host(url)
    language = _language_code(item.language) or detect_language(text) or (meta.language if meta else None)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    doc_id = (item.id or "").strip() or "doc-" + hashlib.sha256((url or text).encode("utf-8")).hexdigest()[:16]
    return Document(
        id=doc_id,
        text=text,
        title=title,
        published=published,
        url=url,
        source=source,
        language=language,
        content_hash=digest,
        origin=ref,
        input_format=_container_format(ref) or ("html" if is_html else "text"),
    )

"""Text clean-up that produces the final Document text.

Evidence offsets point into the text this module returns, so everything that
changes characters happens here, once, before any extractor runs:

* :func:`normalize_text`: NFC, unified line breaks, control/invisible
  characters removed (``\\n`` and ``\\t`` kept), trailing spaces stripped, runs
  of blank lines collapsed to one blank line.
* :func:`strip_trailing_boilerplate`: comment-section and share-widget junk
  at the end of scraped plain-text reports ("Very good!", "Reply1 Comment(s)",
  "Share this:", "Related posts" lists...).

Both are conservative: they never remove a line that reads like an article
sentence unless it sits inside a block that a strong marker (a comment count,
"Leave a reply", "Share this:") identifies as page furniture.
"""

from __future__ import annotations

import re
import unicodedata

# --------------------------------------------------------------------------- normalisation

# C0/C1 controls except \t and \n; DEL; plus invisible format characters that
# carry no meaning in news text (BOM, zero-width space, word joiner, soft hyphen).
# ZWNJ/ZWJ (U+200C/D) are kept: they are meaningful in Persian, Urdu and Indic scripts.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b\u2060\ufeff\ufffe\ud800-\udfff]")
_ODD_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_TRAILING_WS = re.compile(r"[ \t]+$", re.M)
_BLANK_RUNS = re.compile(r"\n{3,}")
_WS = re.compile(r"\s+")
_SPACE_RUNS = re.compile(r"(?<=\S) {2,}(?=\S)")


def normalize_text(text: str) -> str:
    """NFC-normalise and tidy ``text``; the result is stable (idempotent)."""
    if not text:
        return ""
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROL.sub("", text)
    text = _ODD_SPACE.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    text = _SPACE_RUNS.sub(" ", text)
    text = _TRAILING_WS.sub("", text)
    text = "\n".join(line.lstrip(" ") if line.startswith(" ") else line for line in text.split("\n"))
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()


_CTRL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def control_char_share(text: str, limit: int = 8192) -> float:
    """Share of control characters (other than whitespace) in the first ``limit`` chars."""
    head = text[:limit]
    if not head:
        return 0.0
    return len(_CTRL_CHARS.findall(head)) / len(head)


# --------------------------------------------------------------------------- trailing boilerplate

_I = re.I

# Strong markers: lines that are page furniture wherever they appear at the end.
_STRONG = [
    # comment counters: "3 Comments", "Reply1 Comment(s)", "Comments (3)", "No comments yet"
    r"(?:reply\s*)?(?:\d+|no|one|two|three)\s*(?:comments?|responses?|replies)(?:\s*\(s\))?(?:\s*(?:yet|so far))?\s*[:.!]?",
    r"comments?(?:\s*\(s\))?\s*(?:\(\d+\)|\d+)?\s*:?",
    r"(?:show|view|load|read|see)\s+(?:all\s+|more\s+)?(?:\d+\s+)?comments?",
    r"reply(?:\s*\(\d+\)|\s*\d+)?",
    r"(?:leave|add|post|write|submit)\s+(?:a|your|new)\s+(?:comment|reply|response)\s*[:.!]?",
    r"(?:you\s+must\s+)?(?:log|sign)\s*in\s+to\s+(?:reply|comment|post)(?:\s+a\s+comment)?\.?",
    r"(?:cancel\s+reply|report\s+(?:this\s+)?comment|report\s+abuse|flag)",
    r"(?:be\s+the\s+first\s+to\s+comment|join\s+the\s+discussion|comments?\s+are\s+closed)\.?",
    # share / like widgets
    r"(?:share|share\s+this(?:\s+(?:article|story|post|page))?|share\s+on\s+\w+|like(?:\s+this)?|"
    r"(?:like\s+)?loading)\s*[:.!…]*",
    r"(?:facebook|twitter|whatsapp|telegram|linkedin|reddit|pinterest|e-?mail|print|tweet|x)"
    r"(?:\s*[|,/·•]\s*(?:facebook|twitter|whatsapp|telegram|linkedin|reddit|pinterest|e-?mail|print|tweet|x))*",
    r"(?:click\s+here\s+to\s+)?(?:subscribe|sign\s+up)(?:\s+(?:to|for)\s+(?:our|the)\s+\w+(?:\s+\w+)?)?\s*[.!]?",
    r"click\s+here\s+to\s+\w+(?:\s+\w+){0,4}\s*[.!]?",
    r"follow\s+us\s+on\s+\w+(?:\s+(?:and|&)\s+\w+)?\s*[.!]?",
    r"(?:tags|tagged|filed\s+under|posted\s+in|categories)\s*:.{0,200}",
    r"(?:advertisement|sponsored(?:\s+content)?|ad)",
    r"(?:related(?:\s+(?:posts?|articles?|stories|news|content|coverage))?|read\s+(?:more|also|next)|"
    r"see\s+also|more\s+(?:stories|news|from\s+\w+(?:\s+\w+)?)|you\s+(?:may|might)\s+also\s+like|"
    r"recommended(?:\s+for\s+you)?|most\s+(?:read|popular|viewed))\s*[:.!]?",
]
_STRONG_RE = re.compile(r"^(?:" + "|".join(_STRONG) + r")$", _I)

# Section headers after which everything is page furniture when what follows
# looks like a list of headlines or comments (checked by _tail_is_furniture).
_SECTION_RE = re.compile(
    r"^(?:(?:\d+|no)\s*(?:comments?|responses?)(?:\s*\(s\))?|comments?(?:\s*\(\d+\))?|"
    r"(?:leave|add|post|write)\s+(?:a|your)\s+(?:comment|reply)|"
    r"related(?:\s+(?:posts?|articles?|stories|news|content|coverage))?|"
    r"you\s+(?:may|might)\s+also\s+like|more\s+stories|read\s+(?:more|also)|see\s+also|"
    r"most\s+(?:read|popular|viewed)|share\s+this(?:\s+\w+)?|like\s+this)\s*[:.]?$",
    _I,
)
_COMMENT_SECTION_RE = re.compile(
    r"^(?:(?:\d+|no)\s*(?:comments?|responses?)(?:\s*\(s\))?|comments?(?:\s*\(\d+\))?|"
    r"(?:leave|add|post|write)\s+(?:a|your)\s+(?:comment|reply))\s*[:.]?$",
    _I,
)

# Weak markers: typical comment bodies and comment headers. Removed only when
# they are part of a trailing block that also holds a strong marker.
_EXCLAMATION_RE = re.compile(r"^[^\"“”«»]{1,40}[!]+$")
_THANKS_RE = re.compile(
    r"^(?:thanks?(?:\s+you)?|great|nice|good|very\s+good|well\s+done|amazing|excellent|agree(?:d)?|"
    r"so\s+sad|rip|god\s+bless(?:\s+\w+)?|lol|\+1)[\s.!]*$",
    _I,
)
_COMMENT_HEADER_RE = re.compile(
    r"^(?:\S+(?:\s+\S+){0,3}\s+(?:says|said|wrote)\s*:|"
    r"(?:on\s+)?\w+\s+\d{1,2},?\s+\d{4}(?:\s+at)?\s+\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?|"
    r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?:\s+\d{1,2}:\d{2})?|"
    r"\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago|"
    r"(?:like|dislike|upvote|downvote|report)(?:\s*\(?\d+\)?)?|\d+\s+likes?)$",
    _I,
)

#: at most this many trailing lines are examined / removed by the backward scan
_MAX_TAIL_LINES = 40
#: a section header must start in the last share of the text
_SECTION_MIN_POSITION = 0.5
#: lines after a non-comment section header (e.g. "Related posts") must be headline-short
_HEADLINE_MAX_WORDS = 20


def _is_strong(line: str) -> bool:
    return len(line) <= 250 and _STRONG_RE.match(line) is not None


def _is_weak(line: str) -> bool:
    if len(line) > 60:
        return False
    return bool(
        _EXCLAMATION_RE.match(line) or _THANKS_RE.match(line) or _COMMENT_HEADER_RE.match(line)
    )


def _section_cut(lines: list[str], total_chars: int) -> int | None:
    """Index of a trailing section header ("3 Comments", "Related posts") to cut at, if any."""
    pos = 0
    starts = []
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    for i, line in enumerate(lines):
        if i == 0 or starts[i] < total_chars * _SECTION_MIN_POSITION:
            continue
        stripped = line.strip()
        if not _SECTION_RE.match(stripped):
            continue
        rest = [ln.strip() for ln in lines[i + 1 :] if ln.strip()]
        if len(rest) > _MAX_TAIL_LINES:
            continue
        if _COMMENT_SECTION_RE.match(stripped):
            return i  # a comment section runs to the end of the page
        if all(
            _is_strong(r) or _is_weak(r) or (len(r.split()) <= _HEADLINE_MAX_WORDS and not r.endswith((".", "\"", "”")))
            for r in rest
        ):
            return i
    return None


def strip_trailing_boilerplate(text: str) -> str:
    """Remove comment-section and share-widget lines from the end of ``text``.

    Two passes: (1) a section header such as "3 Comments" or "Related posts"
    in the second half of the text, followed only by comment or headline-like
    lines, cuts the text there; (2) a backward scan drops trailing lines that
    are strong markers ("Reply1 Comment(s)", "Share this:", "Leave a comment")
    together with adjacent weak ones ("Very good!", "John says:") -- weak
    lines alone are never removed. Text before the junk is returned unchanged
    (apart from trailing whitespace).
    """
    if not text:
        return text
    lines = text.split("\n")
    if len(lines) < 2:
        return text

    cut = _section_cut(lines, len(text))
    if cut is not None:
        lines = lines[:cut]

    # backward scan over the trailing block
    block_start = len(lines)
    seen_strong = False
    examined = 0
    for i in range(len(lines) - 1, 0, -1):  # never remove the first line
        stripped = lines[i].strip()
        if not stripped:
            block_start = i
            continue
        examined += 1
        if examined > _MAX_TAIL_LINES:
            break
        if _is_strong(stripped):
            seen_strong = True
        elif not _is_weak(stripped):
            break
        block_start = i
    if seen_strong:
        # weak lines next to a strong marker belong to the same comment block
        lines = lines[:block_start]
    return "\n".join(lines).rstrip()


# --------------------------------------------------------------------------- dates

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")]
    )
    for m in names
}  # fmt: skip
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SLASH_DATE = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_DMY_WORDS = re.compile(r"^(?:\w+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$")
_MDY_WORDS = re.compile(r"^(?:\w+,?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_MIN_YEAR, _MAX_YEAR = 1900, 2100


def _ymd(y: int, m: int, d: int) -> str | None:
    import datetime as _dt

    if not _MIN_YEAR <= y <= _MAX_YEAR:
        return None
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def normalize_date(value: str | None) -> str | None:
    """ISO ``YYYY-MM-DD``, or a full ISO datetime when a time is given; None if unparseable.

    Accepts ISO 8601 dates and datetimes (``Z`` and offsets kept), compact
    ``YYYYMMDD``, ``YYYY/MM/DD``, RFC 2822 (``Sun, 04 Jun 2017 10:00:00 GMT``)
    and English "4 June 2017" / "June 4, 2017". Ambiguous numeric forms such as
    ``04/06/2017`` are rejected rather than guessed.
    """
    import datetime as _dt
    from email.utils import parsedate_to_datetime

    if not value or not isinstance(value, str):
        return None
    s = _WS.sub(" ", value).strip()
    if not s or len(s) > 64:
        return None
    if m := _ISO_DATE.match(s) or _COMPACT_DATE.match(s) or _SLASH_DATE.match(s):
        return _ymd(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d", s):
        iso = s.replace(" ", "T", 1)
        iso = re.sub(r"\s+", "", iso)
        try:
            dt = _dt.datetime.fromisoformat(iso)
        except ValueError:
            return _ymd(int(s[:4]), int(s[5:7]), int(s[8:10]))
        if not _MIN_YEAR <= dt.year <= _MAX_YEAR:
            return None
        return dt.isoformat()
    if m := _DMY_WORDS.match(s):
        mon = _MONTHS.get(m.group(2).lower())
        return _ymd(int(m.group(3)), mon, int(m.group(1))) if mon else None
    if m := _MDY_WORDS.match(s):
        mon = _MONTHS.get(m.group(1).lower())
        return _ymd(int(m.group(3)), mon, int(m.group(2))) if mon else None
    try:
        dt = parsedate_to_datetime(s)
    except (TypeError, ValueError, IndexError):
        return None
    if dt is None or not _MIN_YEAR <= dt.year <= _MAX_YEAR:
        return None
    return dt.isoformat()


# --------------------------------------------------------------------------- bytes

#: file signatures of common binary formats (a PNG or zip renamed .html)
_MAGIC = (
    b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"\xff\xd8\xff", b"PK\x03\x04", b"PK\x05\x06",
    b"%PDF-", b"\x1f\x8b", b"\xfd7zXZ\x00", b"7z\xbc\xaf\x27\x1c", b"Rar!\x1a\x07",
    b"\x7fELF", b"\x00\x00\x01\x00", b"II*\x00", b"MM\x00*",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"SQLite format 3\x00", b"\x00asm",
)  # fmt: skip
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
#: share of control bytes above which content is binary
BINARY_CONTROL_SHARE = 0.10
_CTRL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"


def bom_encoding(data: bytes) -> str | None:
    """Encoding named by a byte-order mark at the start of ``data``."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    return None


def looks_binary(data: bytes, limit: int = 8192) -> bool:
    """True for binary content: a known file signature, NUL bytes or many control bytes.

    UTF-16/32 text with a byte-order mark is text, not binary.
    """
    head = data[:limit]
    if not head or bom_encoding(head):
        return False
    if head.startswith(_MAGIC):
        return True
    if b"\x00" in head:
        return True
    ctrl = len(head) - len(head.translate(None, _CTRL_BYTES))
    return ctrl / len(head) > BINARY_CONTROL_SHARE

"""Pickled copies of what the extractor builds at first use (the actor dictionary, the place-hint
table), so a fresh process starts in milliseconds instead of rebuilding them (~0.3-0.4 s each).

Same folder and the same invalidation rule as the gazetteer index (places/gazetteer.py): the file
name carries a digest of every source the value is built from (data files, the building modules'
own source, a format number), so an edit to any of them builds a new file and the old ones are
removed. Writes are atomic (a temporary file renamed into place), a torn or unreadable file is
rebuilt, and a cache folder that cannot be written only costs the build: extraction output never
depends on the cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    """``$HARMWATCH_CACHE_DIR``, else ``~/.cache/harmwatch`` (the gazetteer index lives there too)."""
    return Path(os.environ.get("HARMWATCH_CACHE_DIR") or Path.home() / ".cache" / "harmwatch")


def digest(parts: Iterable[bytes | str | Path]) -> str:
    """A short digest of ``parts``: bytes and strings as they are, paths by name and content."""
    d = hashlib.sha1()
    for part in parts:
        if isinstance(part, Path):
            d.update(part.name.encode())
            d.update(part.read_bytes() if part.exists() else b"missing")
        else:
            d.update(part.encode() if isinstance(part, str) else part)
        d.update(b"\0")
    return d.hexdigest()[:20]


def memo_by_stat(kind: str, files: Iterable[Path], compute: Callable[[], str]) -> str:
    """``compute()`` (a content digest, costly: it reads megabytes), remembered in the cache folder
    under the path, size and modification time of ``files``: while none of them changes, a fresh
    process reads the digest back instead of hashing the sources again (as make decides)."""
    parts: list[str] = []
    for f in files:
        try:
            st = f.stat()
            parts.append(f"{f.resolve()}|{st.st_size}|{st.st_mtime_ns}")
        except OSError:
            parts.append(f"{f}|missing")
    value = load_or_build(f"{kind}-memo", digest(parts), compute)
    return value


def load_or_build(kind: str, signature: str, build: Callable[[], T]) -> T:
    """The value cached as ``<kind>-<signature>.pickle``, built (and stored) when missing or unreadable."""
    folder = cache_dir()
    path = folder / f"{kind}-{signature}.pickle"
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except Exception:  # missing, torn, written by an incompatible Python: build it again
        pass
    value = build()
    try:
        save_atomically(path, value, f"{kind}-*.pickle")
    except OSError:  # a read-only home: no cache, the built value still serves this process
        pass
    return value


def save_atomically(path: Path, value: object, stale: str) -> None:
    """Pickle ``value`` to ``path`` through a temporary file and a rename (a reader never sees a torn
    file), then delete the files of the same folder matching ``stale`` (built from older sources).
    Raises OSError when the folder cannot be written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    for old in path.parent.glob(stale):
        if old != path:
            try:
                old.unlink()
            except OSError:
                pass

"""Write the requirement list that scripts/install.sh hands to pip, from pyproject.toml and the lock.

    python scripts/lock_select.py --installer     # pip's own block of requirements/lock.txt (hashes)
    python scripts/lock_select.py [EXTRA ...]      # the top-level pins: the runtime dependencies,
                                                   # the named extras and the build backend

The install then runs ``pip install --require-hashes -c requirements/lock.txt -r <that list>``: pip
resolves only what the chosen extras need, every version is fixed by the lock, and pip refuses any
file whose sha256 is not in the lock, and any package the lock does not list at all. The first form
exists because the venv's stock pip (23.x) does not take hashes from a constraints file: its upgrade
gets pip's lock block as an ordinary hashed requirements file.

Standard library only (it runs in the fresh venv before anything is installed).
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements" / "lock.txt"


def _name(requirement: str) -> str:
    """The normalised project name of a requirement line (PEP 503)."""
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    if match is None:
        raise SystemExit(f"lock_select.py: cannot read a package name in {requirement!r}")
    return re.sub(r"[-_.]+", "-", match.group(1)).lower()


def lock_blocks(text: str) -> dict[str, str]:
    """The lock's entries by normalised name: each the requirement line with its hash lines."""
    blocks: dict[str, str] = {}
    current: list[str] = []
    for line in text.splitlines():
        if line and not line[0].isspace() and not line.startswith("#"):
            current = [line]
            blocks[_name(line)] = ""
        elif current and line.strip().startswith("--hash="):
            current.append(line)
        else:
            if current:
                blocks[_name(current[0])] = "\n".join(current) + "\n"
            current = []
    if current:
        blocks[_name(current[0])] = "\n".join(current) + "\n"
    return blocks


def top_level(extras: list[str]) -> list[str]:
    """The pinned requirements pyproject.toml names for the runtime, the extras and the build."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = project["project"].get("optional-dependencies", {})
    unknown = [extra for extra in extras if extra not in declared]
    if unknown:
        raise SystemExit(f"lock_select.py: no extra {', '.join(unknown)} in pyproject.toml "
                         f"(known: {', '.join(sorted(declared))})")
    wanted = list(project["project"]["dependencies"])
    for extra in extras:
        wanted.extend(declared[extra])
    wanted.extend(project["build-system"]["requires"])  # installed so `-e .` builds without a download
    return list(dict.fromkeys(wanted))


def main(argv: list[str]) -> int:
    if argv == ["--installer"]:
        block = lock_blocks(LOCK.read_text(encoding="utf-8")).get("pip")
        if not block:
            raise SystemExit("lock_select.py: requirements/lock.txt has no pip entry "
                             "(regenerate it: bash scripts/lock.sh)")
        sys.stdout.write(block)
        return 0
    sys.stdout.write("".join(line + "\n" for line in top_level(argv)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""The hashed lock (requirements/lock.txt) agrees with pyproject.toml, and install.sh can use it.

scripts/install.sh installs with ``pip install --require-hashes -c requirements/lock.txt``: a
package pyproject.toml pins at another version than the lock, or one the lock lacks, breaks the
install (or, worse, a stale lock would hide a pin change). These tests fail first, with the fix:
``bash scripts/lock.sh``.
"""

from __future__ import annotations

import importlib.util
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements" / "lock.txt"
INSTALLER = ROOT / "requirements" / "installer.in"
MIRRORS = [Path("/opt/pypi/simple"), Path("/opt/pypi-more/simple")]
HASH = re.compile(r"--hash=sha256:([0-9a-f]{64})\b")


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def _entries(lock_text: str) -> dict[str, tuple[str, set[str], set[str]]]:
    """name -> (version, sha256 hashes, the lock's "via" parents) of every lock entry."""
    entries: dict[str, tuple[str, set[str], set[str]]] = {}
    current = ""
    in_via = False
    for line in lock_text.splitlines():
        head = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+?)\s*\\?$", line)
        if head:
            current = _name(head.group(1))
            assert current not in entries, f"{current} appears twice in the lock"
            entries[current] = (head.group(2), set(), set())
            in_via = False
            continue
        if not current:
            continue
        stripped = line.strip()
        entries[current][1].update(HASH.findall(stripped))
        if stripped.startswith("# via"):
            in_via = True
            stripped = stripped[len("# via"):].strip()
        elif in_via and stripped.startswith("#   "):
            stripped = stripped[1:].strip()
        elif not stripped.startswith("--hash"):
            in_via = False
            continue
        if in_via and stripped:
            entries[current][2].add(stripped.split(" (")[0] if "(" in stripped else _name(stripped))
    return entries


def _pins(pyproject_text: str, installer_text: str) -> dict[str, tuple[str, str]]:
    """name -> (version, where) of every pin that must be in the lock."""
    project = tomllib.loads(pyproject_text)
    groups = {"dependencies": project["project"]["dependencies"],
              "build-system.requires": project["build-system"]["requires"]}
    for extra, reqs in project["project"].get("optional-dependencies", {}).items():
        groups[f"extra {extra}"] = reqs
    groups["requirements/installer.in"] = [line.split("#")[0].strip() for line in installer_text.splitlines()
                                           if line.split("#")[0].strip()]
    pins: dict[str, tuple[str, str]] = {}
    for where, reqs in groups.items():
        for req in reqs:
            match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)", req.strip())
            assert match, f"{where}: {req!r} is not pinned exactly (name==version)"
            pins.setdefault(_name(match.group(1)), (match.group(2), where))
    return pins


def disagreements(pyproject_text: str, installer_text: str, lock_text: str) -> list[str]:
    """Every way the pins and the lock disagree (empty when they agree)."""
    entries = _entries(lock_text)
    problems = []
    for name, (version, where) in sorted(_pins(pyproject_text, installer_text).items()):
        if name not in entries:
            problems.append(f"{name}=={version} ({where}) is not in the lock")
        elif entries[name][0] != version:
            problems.append(f"{name}: {where} pins {version}, the lock has {entries[name][0]}")
    problems += [f"{name}=={version} has no sha256 hash in the lock"
                 for name, (version, hashes, _) in sorted(entries.items()) if not hashes]
    return problems


def _file_release(filename: str) -> tuple[str, str]:
    """(normalised name, version) of a wheel or sdist file name."""
    if filename.endswith(".whl"):
        name, version = filename[:-4].split("-")[:2]
    else:
        name, _, version = re.sub(r"\.(tar\.gz|zip|tar\.bz2)$", "", filename).rpartition("-")
    return _name(name), version.lower()


def _texts() -> tuple[str, str, str]:
    return ((ROOT / "pyproject.toml").read_text(encoding="utf-8"), INSTALLER.read_text(encoding="utf-8"),
            LOCK.read_text(encoding="utf-8"))


def test_every_pin_of_pyproject_is_in_the_lock_at_the_same_version_with_hashes():
    problems = disagreements(*_texts())
    assert problems == [], "\n".join(problems) + "\nregenerate the lock: bash scripts/lock.sh"


def test_a_pin_changed_in_pyproject_alone_is_caught():
    pyproject, installer, lock = _texts()
    bumped = pyproject.replace('"click==8.5.1"', '"click==8.5.2"')
    assert bumped != pyproject
    assert disagreements(bumped, installer, lock) == [
        "click: dependencies pins 8.5.2, the lock has 8.5.1"]
    unhashed = re.sub(r"(?m)^(click==8\.5\.1) \\\n(?:\s+--hash=\S+(?: \\)?\n)+", r"\1\n", lock)
    assert unhashed != lock
    assert disagreements(pyproject, installer, unhashed) == ["click==8.5.1 has no sha256 hash in the lock"]
    dropped = re.sub(r"(?m)^click==8\.5\.1 \\\n(?:\s+--hash=\S+(?: \\)?\n)+", "", lock)
    assert disagreements(pyproject, installer, dropped) == [
        "click==8.5.1 (dependencies) is not in the lock"]


def test_every_lock_entry_is_still_needed_and_hashes_are_sha256():
    """Each entry is pulled in by a pin or by another entry: nothing stale rides along."""
    entries = _entries(LOCK.read_text(encoding="utf-8"))
    assert len(entries) > 50
    for name, (version, hashes, parents) in entries.items():
        assert parents, f"{name}=={version}: the lock does not say what pulls it in"
        assert any(p.startswith(("harmwatch", "-r ")) or p in entries for p in parents), (
            f"{name}=={version} is pulled in by {sorted(parents)}, none of which is locked")
        assert all(len(h) == 64 for h in hashes)


def test_the_lock_says_how_it_is_regenerated_and_carries_no_index_options():
    text = LOCK.read_text(encoding="utf-8")
    assert "bash scripts/lock.sh" in text.split("\n\n")[0]
    # install.sh uses the lock as a constraints file: only requirement lines, no pip options
    assert not re.search(r"(?m)^-", text)


def test_install_sh_selects_the_locked_pip_block_and_the_top_level_pins():
    spec = importlib.util.spec_from_file_location("lock_select", ROOT / "scripts" / "lock_select.py")
    select = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(select)
    text = LOCK.read_text(encoding="utf-8")
    blocks = select.lock_blocks(text)
    assert set(blocks) == set(_entries(text))
    version, hashes, _ = _entries(text)["pip"]
    assert blocks["pip"].startswith(f"pip=={version} \\\n") and set(HASH.findall(blocks["pip"])) == hashes
    runtime = select.top_level([])
    dev = select.top_level(["dev", "cluster"])
    assert "trafilatura==2.3.1" in runtime and "setuptools==80.9.0" in runtime
    assert not any(r.startswith(("spacy", "pytest", "dask")) for r in runtime)
    assert set(runtime) < set(dev) and any(r.startswith("pytest==") for r in dev)
    with pytest.raises(SystemExit, match="no extra nope"):
        select.top_level(["nope"])


@pytest.mark.skipif(not all(m.is_dir() for m in MIRRORS), reason="no local package mirror on this machine")
def test_the_local_mirrors_files_of_locked_versions_have_their_hash_in_the_lock():
    """pip may take a locked version from this machine's file:// indexes instead of PyPI: the
    sha256 those indexes give for it must be one of the lock's, or --require-hashes would fail."""
    entries = _entries(LOCK.read_text(encoding="utf-8"))
    checked, problems = 0, []
    for name, (version, hashes, _) in entries.items():
        for mirror in MIRRORS:
            index = mirror / name / "index.html"
            if not index.is_file():
                continue
            for filename, digest in re.findall(r'href="[^"#]*/([^"/#]+)#sha256=([0-9a-f]{64})"', index.read_text()):
                if _file_release(filename) != (name, version.lower()):
                    continue
                checked += 1
                if digest not in hashes:
                    problems.append(f"{mirror}/{name}: {filename} sha256 {digest} is not in the lock")
    assert problems == [], "\n".join(problems)
    assert checked > 20

"""Dependency audit of requirements/lock.txt: known vulnerabilities fail the run, an audit that could
not be done says so loudly (never a silent pass).

    .venv/bin/python tools/audit_lock.py        # exit 1 on a known vulnerability of a locked version
    HARMWATCH_AUDIT_IGNORE="GHSA-... PYSEC-..." .venv/bin/python tools/audit_lock.py   # accepted ids

Three sources, each asked only about what the one before could not answer:

1. ``pip-audit`` with PyPI's advisory service (per-version JSON API) on the exact pinned versions
   (``--disable-pip --require-hashes -r requirements/lock.txt``: nothing is installed or resolved).
   Careful: where that API answers 404, pip-audit marks every package "not found on PyPI", prints
   "No known vulnerabilities found" and exits 0. This tool counts those packages as NOT audited.
2. ``pip-audit`` with the OSV service (api.osv.dev), for the packages step 1 did not audit.
3. PyPI's project feed (``https://pypi.org/pypi/NAME/json``), whose ``vulnerabilities`` list covers
   the project's LATEST release only. It audits a package exactly when the locked version is that
   latest release; an older pin is reported as not audited (the feed says nothing about it: an
   advisory fixed before the latest release is not listed there).

A package none of the three could audit is named in a warning that starts with "advisory service
unreachable: audit not done". The run still passes then (the lock and its hashes did not change);
only a vulnerability actually found fails it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements" / "lock.txt"
FEED = "https://pypi.org/pypi/{name}/json"


@dataclass(frozen=True)
class Finding:
    """One known vulnerability of a locked version, as a source reported it."""

    name: str
    version: str
    advisory: str
    fixed_in: tuple[str, ...]
    source: str


@dataclass
class Audit:
    """What each source covered: audited packages, findings, and the packages nobody audited."""

    pins: dict[str, str]
    audited: dict[str, str] = field(default_factory=dict)  # name -> the source that audited it
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    reasons: dict[str, str] = field(default_factory=dict)  # name -> why it was not audited

    @property
    def missing(self) -> list[str]:
        return sorted(name for name in self.pins if name not in self.audited)


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(text: str) -> dict[str, str]:
    """name -> version of every ``name==version`` entry of a pip-compile lock."""
    pins = {}
    for line in text.splitlines():
        match = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", line)
        if match:
            pins[normalise(match.group(1))] = match.group(2)
    return pins


def take_pip_audit(audit: Audit, report: dict, source: str) -> None:
    """Fold one pip-audit JSON report in: a package with a skip_reason was not audited."""
    for dep in report.get("dependencies", []):
        name = normalise(dep.get("name", ""))
        if name not in audit.pins or name in audit.audited:
            continue
        if dep.get("skip_reason"):
            audit.reasons[name] = f"{source}: {dep['skip_reason']}"
            continue
        audit.audited[name] = source
        for vuln in dep.get("vulns", []):
            audit.findings.append(Finding(name, audit.pins[name], vuln.get("id", "?"),
                                          tuple(vuln.get("fix_versions", [])), source))


def take_feed(audit: Audit, name: str, project: dict | None, error: str = "") -> None:
    """Fold one project feed in: it audits the pin only when the pin is the latest release."""
    if project is None:
        audit.reasons[name] = f"project feed: {error or 'no answer'}"
        return
    latest = project.get("info", {}).get("version", "")
    pinned = audit.pins[name]
    if latest != pinned:
        audit.reasons[name] = (f"project feed: pin {pinned} is older than the latest release {latest}; "
                               "the feed lists the latest release's advisories only")
        return
    audit.audited[name] = "project feed (pin is the latest release)"
    for vuln in project.get("vulnerabilities") or []:
        if vuln.get("withdrawn"):
            continue
        audit.findings.append(Finding(name, pinned, vuln.get("id", "?"), tuple(vuln.get("fixed_in") or ()),
                                      "project feed"))


def run_pip_audit(audit: Audit, lock: Path, service: str) -> None:
    """pip-audit on the lock's exact pins with one advisory service; a crash is a note, not a pass."""
    exe = shutil.which("pip-audit", path=str(Path(sys.executable).parent)) or shutil.which("pip-audit")
    if exe is None:
        audit.notes.append("pip-audit is not installed (bash scripts/install.sh --dev): skipped")
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "audit.json"
        proc = subprocess.run([exe, "--disable-pip", "--require-hashes", "-r", str(lock), "-s", service,
                               "-f", "json", "-o", str(out), "--progress-spinner", "off"],
                              capture_output=True, text=True, timeout=900)
        if not out.exists():
            last = (proc.stderr.strip().splitlines() or ["no output"])[-1][:300]
            audit.notes.append(f"pip-audit ({service}) did not finish (exit {proc.returncode}): {last}")
            return
        report = json.loads(out.read_text(encoding="utf-8"))
    before = len(audit.audited)
    take_pip_audit(audit, report, f"pip-audit ({service})")
    audit.notes.append(f"pip-audit ({service}): {len(audit.audited) - before} packages audited")


def fetch_project(name: str) -> tuple[dict | None, str]:
    try:
        with urllib.request.urlopen(FEED.format(name=name), timeout=30) as response:
            return json.load(response), ""
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return None, str(exc)[:200]


def run_feed(audit: Audit) -> None:
    names = audit.missing
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(fetch_project, names))
    before = len(audit.audited)
    for name, (project, error) in zip(names, answers):
        take_feed(audit, name, project, error)
    audit.notes.append(f"project feed: {len(audit.audited) - before} packages audited")


def summary(audit: Audit, ignore: frozenset[str] = frozenset()) -> tuple[list[str], int]:
    """The lines to print and the exit code: 1 when a known vulnerability was found that is not in
    ``ignore`` (advisory ids accepted on purpose, from ``$HARMWATCH_AUDIT_IGNORE``)."""
    lines = [f"audit: {len(audit.pins)} locked packages; {len(audit.audited)} audited, "
             f"{len(audit.missing)} not audited, {len(audit.findings)} known vulnerabilities"]
    lines += [f"  {note}" for note in audit.notes]
    failing = 0
    for f in audit.findings:
        fixed = ", ".join(f.fixed_in) or "no fixed release"
        label = "IGNORED ($HARMWATCH_AUDIT_IGNORE)" if f.advisory in ignore else "VULNERABLE"
        failing += f.advisory not in ignore
        lines.append(f"{label}: {f.name}=={f.version}: {f.advisory} (fixed in: {fixed}; from {f.source})")
    if audit.missing:
        lines.append(f"WARNING: advisory service unreachable: audit not done for {len(audit.missing)} of "
                     f"{len(audit.pins)} packages:")
        lines += [f"  {name}=={audit.pins[name]}: {audit.reasons.get(name, 'no source answered')}"
                  for name in audit.missing]
    return lines, 1 if failing else 0


def main(argv: list[str]) -> int:
    lock = Path(argv[0]) if argv else LOCK
    audit = Audit(read_pins(lock.read_text(encoding="utf-8")))
    for service in ("pypi", "osv"):
        if audit.missing:
            run_pip_audit(audit, lock, service)
    if audit.missing:
        run_feed(audit)
    lines, code = summary(audit, frozenset(os.environ.get("HARMWATCH_AUDIT_IGNORE", "").split()))
    print("\n".join(lines), file=sys.stderr)
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

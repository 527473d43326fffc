"""tools/audit_lock.py decides right from what the advisory sources answer (canned answers: no
network here). The trap it exists for: pip-audit answering "No known vulnerabilities found" with
exit 0 while it skipped every package because the advisory API gave 404."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("audit_lock", ROOT / "tools" / "audit_lock.py")
audit_lock = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("audit_lock", audit_lock)  # dataclasses look their module up there
_spec.loader.exec_module(audit_lock)

LOCK = """\
click==8.5.1 \\
    --hash=sha256:aaaa
    # via harmwatch (pyproject.toml)
lxml==6.1.3 \\
    --hash=sha256:bbbb
    # via
    #   harmwatch (pyproject.toml)
    #   trafilatura
Old_Pkg==1.0 \\
    --hash=sha256:cccc
    # via harmwatch (pyproject.toml)
"""


def _skipped(names):
    return {"dependencies": [{"name": n, "skip_reason": f"Dependency not found on PyPI: {n}"} for n in names]}


def test_a_pip_audit_pass_that_skipped_everything_counts_as_no_audit():
    audit = audit_lock.Audit(audit_lock.read_pins(LOCK))
    assert audit.pins == {"click": "8.5.1", "lxml": "6.1.3", "old-pkg": "1.0"}
    audit_lock.take_pip_audit(audit, _skipped(["click", "lxml", "Old_Pkg"]), "pip-audit (pypi)")
    lines, code = audit_lock.summary(audit)
    assert code == 0 and audit.missing == ["click", "lxml", "old-pkg"]
    assert "WARNING: advisory service unreachable: audit not done for 3 of 3 packages:" in lines


def test_a_vulnerability_fails_and_the_feed_audits_only_a_pin_that_is_the_latest_release():
    audit = audit_lock.Audit(audit_lock.read_pins(LOCK))
    audit_lock.take_pip_audit(audit, {"dependencies": [
        {"name": "click", "version": "8.5.1", "vulns": [{"id": "PYSEC-0000-1", "fix_versions": ["8.5.2"]}]},
        {"name": "lxml", "skip_reason": "not found"}]}, "pip-audit (osv)")
    audit_lock.take_feed(audit, "lxml", {"info": {"version": "6.1.3"}, "vulnerabilities": [
        {"id": "GHSA-x", "fixed_in": [], "withdrawn": None},
        {"id": "GHSA-gone", "fixed_in": ["6.1.4"], "withdrawn": "2026-01-01T00:00:00"}]})
    audit_lock.take_feed(audit, "old-pkg", {"info": {"version": "2.0"}, "vulnerabilities": []})
    lines, code = audit_lock.summary(audit)
    assert code == 1
    assert [(f.name, f.advisory, f.fixed_in) for f in audit.findings] == [
        ("click", "PYSEC-0000-1", ("8.5.2",)), ("lxml", "GHSA-x", ())]
    assert audit.audited == {"click": "pip-audit (osv)", "lxml": "project feed (pin is the latest release)"}
    assert audit.missing == ["old-pkg"]
    assert "older than the latest release 2.0" in audit.reasons["old-pkg"]
    assert "VULNERABLE: click==8.5.1: PYSEC-0000-1 (fixed in: 8.5.2; from pip-audit (osv))" in lines
    # advisories accepted on purpose are shown but no longer fail; one left unaccepted still does
    assert audit_lock.summary(audit, frozenset({"PYSEC-0000-1", "GHSA-x"}))[1] == 0
    lines, code = audit_lock.summary(audit, frozenset({"GHSA-x"}))
    assert code == 1 and "IGNORED ($HARMWATCH_AUDIT_IGNORE): lxml==6.1.3: GHSA-x (fixed in: no fixed release; " \
        "from project feed)" in lines


def test_no_answer_from_the_feed_is_a_reason_not_a_pass():
    audit = audit_lock.Audit({"click": "8.5.1"})
    audit_lock.take_feed(audit, "click", None, "Name or service not known")
    lines, code = audit_lock.summary(audit)
    assert code == 0 and audit.missing == ["click"]
    assert lines[-1] == "  click==8.5.1: project feed: Name or service not known"

#!/usr/bin/env bash
# Regenerate requirements/lock.txt: every package that the runtime install and each extra (dev,
# cluster, bench) pull in, plus the installer and the build backend (requirements/installer.in: pip,
# and setuptools for the editable install), pinned to one version each with the sha256 of every
# file published for that version (PyPI's and this machine's local mirrors alike). Resolved for the
# Python that runs it (3.11) on this platform (Linux x86_64).
#   bash scripts/lock.sh            # keep the current pins, refresh hashes, add what pyproject added
#   bash scripts/lock.sh --upgrade  # re-resolve the unpinned (transitive) packages to their newest
# Then run tests/test_lock.py: it fails when pyproject.toml's pins and the lock disagree.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
tools="$(mktemp -d)"
trap 'rm -rf "$tools"' EXIT
"$PYTHON" -m venv "$tools/venv"
"$tools/venv/bin/python" -m pip install --quiet pip==26.3 pip-tools==7.6.2
CUSTOM_COMPILE_COMMAND="bash scripts/lock.sh" "$tools/venv/bin/pip-compile" --quiet "$@" \
    --all-extras --allow-unsafe --strip-extras \
    --generate-hashes --no-emit-index-url --no-emit-find-links \
    --output-file requirements/lock.txt pyproject.toml requirements/installer.in

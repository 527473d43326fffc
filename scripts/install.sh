#!/usr/bin/env bash
# Install harmwatch into ./.venv (offline-capable: everything comes from pinned registry packages).
#   bash scripts/install.sh          # runtime
#   bash scripts/install.sh --dev    # runtime + test tools
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
# the machine's stock pip crashes on some packages' extras: upgrade it first, always
.venv/bin/python -m pip install --quiet --upgrade pip
extras=""
if [ "${1:-}" = "--dev" ]; then extras="[dev]"; fi
.venv/bin/python -m pip install --quiet -e ".${extras}"
.venv/bin/harmwatch --version

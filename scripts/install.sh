#!/usr/bin/env bash
# Install harmwatch into ./.venv (offline-capable: everything comes from pinned registry packages).
#   bash scripts/install.sh          # runtime
#   bash scripts/install.sh --dev    # runtime + test tools + the cluster mode (Dask)
#   bash scripts/install.sh --cluster  # runtime + the cluster mode (dask, distributed)
#   bash scripts/install.sh --bench  # runtime + spaCy, the baseline of `harmwatch bench` (flags combine)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
# the machine's stock pip crashes on some packages' extras: upgrade it first, always
.venv/bin/python -m pip install --quiet --upgrade pip
wanted=()
for arg in "$@"; do
    case "$arg" in
        --dev) wanted+=(dev cluster) ;;
        --cluster) wanted+=(cluster) ;;
        --bench) wanted+=(bench) ;;
        *) echo "install.sh: unknown option $arg (use --dev, --cluster, --bench)" >&2; exit 2 ;;
    esac
done
extras=""
if [ "${#wanted[@]}" -gt 0 ]; then extras="[$(IFS=,; echo "${wanted[*]}")]"; fi
.venv/bin/python -m pip install --quiet -e ".${extras}"
.venv/bin/harmwatch --version

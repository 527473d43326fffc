#!/usr/bin/env bash
# Install harmwatch into ./.venv (offline-capable: everything comes from pinned registry packages).
#   bash scripts/install.sh          # runtime
#   bash scripts/install.sh --dev    # runtime + test tools + the cluster mode (Dask)
#   bash scripts/install.sh --cluster  # runtime + the cluster mode (dask, distributed)
#   bash scripts/install.sh --bench  # runtime + spaCy, the baseline of `harmwatch bench` (flags combine)
# Every package comes from requirements/lock.txt (one version each, sha256-checked: pip refuses a
# file whose hash is not in the lock and a package the lock does not list); `bash scripts/lock.sh`
# regenerates the lock. The project itself is then installed without dependencies or downloads.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
wanted=()
for arg in "$@"; do
    case "$arg" in
        --dev) wanted+=(dev cluster) ;;
        --cluster) wanted+=(cluster) ;;
        --bench) wanted+=(bench) ;;
        *) echo "install.sh: unknown option $arg (use --dev, --cluster, --bench)" >&2; exit 2 ;;
    esac
done
lists="$(mktemp -d)"
trap 'rm -rf "$lists"' EXIT
# the machine's stock pip crashes on some packages' extras: upgrade it first, always (to the locked,
# hashed pip; the stock pip reads hashes from a requirements file only, hence pip's own block)
.venv/bin/python scripts/lock_select.py --installer > "$lists/installer.txt"
.venv/bin/python -m pip install --quiet --require-hashes -r "$lists/installer.txt"
# the runtime pins (+ the chosen extras and the build backend), every version and hash from the lock
.venv/bin/python scripts/lock_select.py ${wanted[@]+"${wanted[@]}"} > "$lists/wanted.txt"
.venv/bin/python -m pip install --quiet --require-hashes -c requirements/lock.txt -r "$lists/wanted.txt"
.venv/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .
.venv/bin/harmwatch --version

#!/usr/bin/env bash
# Install harmwatch with its test tools and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --dev
# dependency audit of requirements/lock.txt (full runs only): a known vulnerability of a locked version
# fails the run; packages no advisory source could audit are named in a warning, never passed silently
if [ "$#" -eq 0 ]; then
    .venv/bin/python tools/audit_lock.py
fi
# the system Chromium the browser tests drive (tests/browser/): Debian's package, no browser download
bash scripts/setup_browser.sh
set +e
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
rc=$?
set -e
# pytest exits 5 when no test was collected: that is a failure of the suite, say so clearly
if [ "$rc" -eq 5 ]; then
    echo "no tests were collected" >&2
    exit 1
fi
[ "$rc" -eq 0 ] || exit "$rc"
# the whole suite again on PostgreSQL (with PostGIS): a private loopback cluster started by
# scripts/pg.sh (Debian packages, installed when missing), fresh databases per test, stopped at the
# end. tests/conftest.py keeps the tests that touch a database (those using the `databases` fixture)
# and deselects the rest, which do not depend on the backend and ran above.
if [ "${HARMWATCH_SKIP_POSTGRES:-0}" != "1" ] && [ "$#" -eq 0 ]; then
    HARMWATCH_PG_FSYNC=off bash scripts/pg.sh run \
        .venv/bin/python -m pytest -q -p no:cacheprovider tests
fi

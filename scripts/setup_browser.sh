#!/usr/bin/env bash
# Make sure the system Chromium the browser tests drive (tests/browser/) is installed.
# Debian's own package, through apt-get: never `playwright install`, never a browser download.
# Does nothing when /usr/bin/chromium exists; says why and exits 0 when apt-get is unavailable
# (the browser tests then skip with that reason).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup_browser: /usr/bin/chromium is missing and apt-get is unavailable; browser tests will skip" >&2
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "setup_browser: not root and no sudo: cannot install chromium; browser tests will skip" >&2
        exit 0
    fi
fi
echo "setup_browser: installing Debian chromium" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
/usr/bin/chromium --version >&2 || true

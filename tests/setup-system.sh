#!/usr/bin/env bash
# System packages the test suite needs (e.g. a real browser for the UI tests).  Idempotent:
# installs only what is missing, so it costs nothing on a machine that already has them.
set -euo pipefail
DEBS=(chromium postgresql-15)   # Debian packages needed by the tests; add to this list, never install by hand.
# chromium: the portal's end-to-end tests (tests/web/test_browser.py) drive /usr/bin/chromium.
need=()
for pkg in "${DEBS[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi

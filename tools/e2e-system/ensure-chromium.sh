#!/usr/bin/env bash
# Makes sure Debian's headless-capable Chromium is at /usr/bin/chromium, for the case-system
# browser test (playwright-core drives the system browser; it never downloads one of its own).
set -euo pipefail

CHROMIUM_BIN="${CHROMIUM_BIN:-/usr/bin/chromium}"

if [ -x "$CHROMIUM_BIN" ]; then
  echo "chromium: $("$CHROMIUM_BIN" --version 2>/dev/null || echo present) at $CHROMIUM_BIN"
  exit 0
fi

if [ "$(id -u)" != "0" ]; then
  echo "chromium is missing at $CHROMIUM_BIN and this is not root: install Debian's 'chromium' package" >&2
  exit 1
fi

echo "chromium: installing Debian's package"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
echo "chromium: $("$CHROMIUM_BIN" --version) at $CHROMIUM_BIN"

#!/usr/bin/env bash
# Set up (the locked Python packages, the project, the system Chromium and axe-core for the browser
# tests), lint, and run every test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup_env.sh dev
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "warning: /usr/bin/chromium is missing and cannot be installed here; browser tests will be skipped" >&2
  fi
fi
# axe-core for the accessibility tests, at the version and hash of tests/browser/package-lock.json.
if command -v npm >/dev/null 2>&1; then
  axe_stamp=tests/browser/node_modules/.installed-lock.sha256
  axe_wanted=$(sha256sum tests/browser/package-lock.json | cut -d' ' -f1)
  if [ ! -f "$axe_stamp" ] || [ "$(cat "$axe_stamp")" != "$axe_wanted" ]; then
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
    echo "$axe_wanted" > "$axe_stamp"
  fi
else
  echo "warning: npm is missing; the accessibility tests will be skipped" >&2
fi
# nginx for the proxy tests (tests/browser/test_proxy.py, which skip with the reason without it).
bash scripts/install_nginx.sh || true
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest "$@"

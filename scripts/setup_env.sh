#!/usr/bin/env bash
# Create .venv with Python 3.11 and install the locked versions, then the project itself
# (pip install -e .). Run by dashboard.sh (`runtime`: requirements.lock) and test.sh
# (`dev`: requirements-dev.lock, which adds the test tools).
#
# The locks are made from requirements*.txt by `bash scripts/lock.sh`. If those files changed
# since, the lock is stale: the test command stops and says so; the dashboard command warns, then
# installs the lock plus what requirements.txt adds (versions no test has passed with).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/requirements_hash.sh
mode="${1:-dev}"
case "$mode" in
  dev) lock=requirements-dev.lock ;;
  runtime) lock=requirements.lock ;;
  *) echo "usage: bash scripts/setup_env.sh [dev|runtime]" >&2; exit 2 ;;
esac

PYTHON_BIN="${PYTHON:-}"
if [ -z "$PYTHON_BIN" ]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1; then PYTHON_BIN="$candidate"; break; fi
  done
fi
if ! "$PYTHON_BIN" -c 'import sys; sys.exit(sys.version_info[:2] < (3, 11))'; then
  echo "Python 3.11 or newer is needed (found $("$PYTHON_BIN" --version 2>&1))." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  "$PYTHON_BIN" -m venv .venv
fi

stale=""
if [ "$(sed -n 's/^# inputs-sha256: //p' "$lock")" != "$(requirements_hash)" ]; then
  stale="requirements*.txt changed since $lock was made: run \`bash scripts/lock.sh\` and commit the locks."
  if [ "$mode" = dev ]; then
    echo "error: $stale" >&2
    exit 1
  fi
  echo "warning: $stale" >&2
fi

stamp=".venv/.installed-$lock.sha256"
wanted=$(cat "$lock" requirements.txt | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r "$lock"
  if [ -n "$stale" ]; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
  fi
  echo "$wanted" > "$stamp"
fi

# The project itself, editable, from this checkout. Checked on every run: a venv shared by
# several checkouts, or a moved checkout, may import the package from elsewhere.
python="$PWD/.venv/bin/python"
installed=$(cd / && env -u PYTHONPATH "$python" -c \
  'import pathlib, dashboard; print(pathlib.Path(dashboard.__file__).resolve().parent)' \
  2>/dev/null || true)
if [ "$installed" != "$(cd src/dashboard && pwd -P)" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps \
    --no-build-isolation -e .
fi

# The Russian catalogues (src/dashboard/locale/*/LC_MESSAGES/*.po) compiled to the .mo files the
# app loads; not committed. Without them the app compiles each .po in memory (and logs it once).
.venv/bin/python -m dashboard.i18n compile >/dev/null

# The PDF exports embed DejaVu Sans (Latin, Cyrillic, Greek): Debian's fonts-dejavu-core.
if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's fonts-dejavu-core for the PDF exports..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core >/dev/null
  else
    echo "warning: DejaVu Sans is missing (apt-get install -y fonts-dejavu-core); PDF exports will say so" >&2
  fi
fi

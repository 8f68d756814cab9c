#!/usr/bin/env bash
# Set up, build the warehouse from data/sources/ if needed, and start the dashboard on localhost.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup_env.sh runtime
.venv/bin/python -m dashboard.warehouse build
# `streamlit run app.py` with a warm-up beside it (src/dashboard/start.py): the first browser
# finds the first run's work done.
exec .venv/bin/python -m dashboard.start --server.address "${HOST:-localhost}" --server.port "${PORT:-8501}" "$@"

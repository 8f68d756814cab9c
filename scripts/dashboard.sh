#!/usr/bin/env bash
# Set up, build the warehouse from data/sources/ if needed, and start the dashboard on localhost.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup_env.sh runtime
.venv/bin/python -m dashboard.warehouse build
exec .venv/bin/streamlit run app.py --server.address "${HOST:-localhost}" --server.port "${PORT:-8501}" "$@"

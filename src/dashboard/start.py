"""Start the dashboard warm: `python -m dashboard.start [streamlit run options]`.

What scripts/dashboard.sh runs. It is `streamlit run app.py` in this process, with a thread
beside it that does the first run's work before the first browser asks for it:

1. as soon as the server answers its health check, it runs the default page in one session over
   the websocket protocol a browser speaks (dashboard.warmup), while the first browser is still
   loading Streamlit's bundles. That browser's own run then finds the queries, charts and maps
   in the shared caches, or waits for the one being made (dashboard.cache), instead of making
   them all itself;
2. a few seconds later, it runs every other page once, as scripts/serve.sh does in the
   background for its replicas.

A warm-up that fails only means the first visitor waits for the first run, as without it.
"""

from __future__ import annotations

import asyncio
import sys
import threading
import time
from pathlib import Path

# Imported here, before the thread starts: two threads importing Streamlit's generated protobuf
# modules at once can meet one half-initialised. Not dashboard.config: it imports pandas, which
# would delay the server's start by a third of a second.
from dashboard import warmup

APP = Path(__file__).resolve().parents[2] / "app.py"

HEALTH_WAIT_SECONDS = 60
OTHER_PAGES_AFTER_SECONDS = 5


def _option(args: list[str], name: str, default: str) -> str:
    """The value of a `streamlit run` option given as `--name value` or `--name=value`."""
    for index, arg in enumerate(args):
        if arg == name and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return default


def _warm(host: str, port: int) -> None:
    try:
        if not warmup.wait_healthy(host, port, HEALTH_WAIT_SECONDS):
            print("warm-up: the server did not answer its health check", file=sys.stderr)
            return
        print(f"warm-up: {asyncio.run(warmup.warm(port, False, host))}", file=sys.stderr)
        # Then every other page, once the first browser has had its page: a manager's first
        # visit to Data and sources otherwise waits seconds for the code's lineage to be read.
        time.sleep(OTHER_PAGES_AFTER_SECONDS)
        print(f"warm-up: {asyncio.run(warmup.warm(port, True, host))}", file=sys.stderr)
    except Exception as error:  # the server serves unwarmed; say why, never stop it
        print(f"warm-up failed: {type(error).__name__}: {error}", file=sys.stderr)


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    host = _option(args, "--server.address", "localhost")
    port = int(_option(args, "--server.port", "8501"))
    warm_host = "127.0.0.1" if host in ("localhost", "0.0.0.0", "::", "") else host
    threading.Thread(target=_warm, args=(warm_host, port), name="warm-up", daemon=True).start()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(APP), *args]
    cli.main()


if __name__ == "__main__":
    main()

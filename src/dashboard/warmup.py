"""Warm a freshly started server before it takes users: `python -m dashboard.warmup PORT...`.

A new Streamlit process imports plotly, pydeck and pandas' heavier parts, compiles the pages and
fills the shared caches (queries, charts, decks) on its first runs; the first manager to reach it
would wait for all of that. scripts/serve.sh runs this against each replica once it answers its
health check and before nginx sends it anyone: one session opens the default page (with
`--all`, every other page once too), with the filters' defaults, over the websocket protocol a
browser speaks. dashboard.start (the README's start command) does the same from inside the
server's own process, for the default page, as soon as the server answers.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
import urllib.request

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect  # a dependency of streamlit's server
from websockets.exceptions import WebSocketException

RUN_TIMEOUT = 180


async def _run_page(url: str, page_hash: str = "") -> tuple[dict[str, str], list[str]]:
    """One session running one page to its end; returns the app's pages and any exceptions."""
    async with connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=30) as ws:
        message = BackMsg()
        message.rerun_script.query_string = ""
        message.rerun_script.page_script_hash = page_hash
        await ws.send(message.SerializeToString())
        pages: dict[str, str] = {}
        problems: list[str] = []
        deadline = time.monotonic() + RUN_TIMEOUT
        while True:
            raw = await asyncio.wait_for(ws.recv(), deadline - time.monotonic())
            forward = ForwardMsg()
            forward.ParseFromString(raw)
            kind = forward.WhichOneof("type")
            if kind == "navigation":
                pages = {p.url_pathname: p.page_script_hash for p in forward.navigation.app_pages}
            elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                if forward.delta.new_element.WhichOneof("type") == "exception":
                    problems.append(forward.delta.new_element.exception.message[:200])
            elif kind == "script_finished":
                if forward.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue  # a page seeded from its link reruns once
                return pages, problems


def wait_healthy(host: str, port: int, seconds: float) -> bool:
    """Whether the server on host:port answered its health check within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(
                f"http://{host}:{port}/_stcore/health", timeout=1
            ) as answer:
                if answer.status == 200:
                    return True
        except OSError:
            time.sleep(0.05)
    return False


async def warm(port: int, every_page: bool, host: str = "127.0.0.1") -> str:
    url = f"ws://{host}:{port}/_stcore/stream"
    started = time.perf_counter()
    pages, problems = await _run_page(url)
    for page_hash in pages.values() if every_page else ():
        problems += (await _run_page(url, page_hash))[1]
    seconds = time.perf_counter() - started
    count = len(pages) if every_page else 1
    note = f"; exceptions: {problems[:3]}" if problems else ""
    return f"port {port}: {count} page(s) warmed in {seconds:.1f} s{note}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.warmup", description=__doc__)
    parser.add_argument("ports", type=int, nargs="+")
    parser.add_argument("--all", action="store_true", help="every page, not only the default")
    args = parser.parse_args(argv)
    status = 0

    async def warm_all() -> list:  # the replicas at once: each is its own process
        return await asyncio.gather(
            *(warm(port, args.all) for port in args.ports), return_exceptions=True
        )

    for port, outcome in zip(args.ports, asyncio.run(warm_all()), strict=True):
        if isinstance(outcome, str):
            print(outcome, flush=True)
        elif isinstance(outcome, OSError | TimeoutError | WebSocketException):
            # A replica that cannot be warmed still serves; its first visitor waits instead.
            print(f"port {port}: not warmed ({type(outcome).__name__}: {outcome})", file=sys.stderr)
            status = 1
        else:
            raise outcome
    return status


if __name__ == "__main__":
    raise SystemExit(main())

"""Load: N concurrent sessions against one real server for a fixed time, on localhost only.

    python bench/load.py [--sessions 20] [--duration 60] [--think 1 3] [--warehouse FILE]
    python bench/load.py --replicas 2 --sessions 40      # through scripts/serve.sh (nginx)

Starts `streamlit run app.py` on a free 127.0.0.1 port and drives N sessions at once with
bench/stclient.py, a client of Streamlit's browser protocol (one websocket per session, as a
browser tab has; no browser, so the measurement is the server's, not a 2-core machine rendering
20 tabs). Each session opens a page (the sessions are spread over every page), then changes a
sidebar filter (countries, subregion or years), waits for the rerun to finish, thinks 1-3 s,
and repeats; after a few changes it leaves and opens the next page as a new session. The
server's resident memory is read from /proc every 2 s. Everything stops by itself after
--duration seconds (in-flight reruns get 30 s more) and the server is stopped.

With --replicas N the sessions go through `scripts/serve.sh` (nginx in front of N replicas,
reading a Parquet release); each session is a browser with the route cookie nginx gave it with the
page, so the sessions spread over the replicas as real browsers do, and latency, errors and
memory are reported per replica as well.

Targets: 0 errors; rerun latency p95 < 1 s; memory flat (the last third of the run within 10%
of the middle third).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from common import (  # noqa: E402
    RESULTS,
    Table,
    app_pages,
    cpu_seconds,
    machine_line,
    median,
    ms,
    percentile,
    proxied_server,
    rss_mb,
    streamlit_server,
    verdict,
)
from stclient import Session  # noqa: E402

CHANGES_PER_VISIT = 4


@dataclass
class Record:
    kind: str  # "open" (a new session's first run) or "rerun" (a filter change)
    page: str
    seconds: float
    replica: int = 0


@dataclass
class Outcome:
    records: list[Record] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    sessions_by_replica: dict[int, int] = field(default_factory=dict)
    rss: list[tuple[float, float]] = field(default_factory=list)  # the first server's
    rss_by_replica: dict[int, list[tuple[float, float]]] = field(default_factory=dict)
    server_cpu: float | None = None  # cores the servers kept busy during the run
    client_cpu: float | None = None  # cores this load client kept busy (it shares the machine)


def change_a_filter(session: Session, rng: random.Random) -> str:
    """Set one sidebar widget the way a user would; return what was done."""
    action = rng.choice(("countries", "countries", "subregion", "years", "clear"))
    countries = session.widget("Country or territory")
    subregion = session.widget("Subregion")
    years = session.widget("Years")
    if action == "countries":
        countries.value = rng.sample(countries.options, rng.choice((1, 1, 2, 3)))
    elif action == "subregion":
        subregion.value = [rng.choice(subregion.options)]
        countries.value = []
    elif action == "years":
        low = rng.randint(1990, 2015)
        years.value = [float(low), float(rng.randint(low + 1, 2024))]
    else:
        countries.value, subregion.value = [], []
    return action


async def visitor(
    number: int,
    url: str,
    pages: list[tuple[str, str]],
    deadline: float,
    think: tuple[float, float],
    outcome: Outcome,
    route: tuple[str, int] | None = None,
) -> None:
    """`route`: (route cookie, replica it leads to) when the sessions go through the proxy."""
    rng = random.Random(number)
    headers = {"Cookie": f"seeeca_route={route[0]}"} if route else {}
    replica = route[1] if route else 0
    tag = f"[replica {replica + 1}] " if route else ""
    visit = 0
    while time.perf_counter() < deadline:
        page, page_hash = pages[(number + visit) % len(pages)]
        visit += 1
        try:
            async with Session(url, page_hash=page_hash, headers=headers) as session:
                result = await session.rerun()
                outcome.records.append(Record("open", page, result.seconds, replica))
                if result.exceptions or result.status != 0:
                    outcome.errors.append(
                        f"{tag}{page} open: status {result.status} {result.exceptions[:1]}"
                    )
                for _ in range(CHANGES_PER_VISIT):
                    await asyncio.sleep(rng.uniform(*think))
                    if time.perf_counter() >= deadline:
                        break
                    action = change_a_filter(session, rng)
                    result = await session.rerun()
                    outcome.records.append(Record("rerun", page, result.seconds, replica))
                    if result.exceptions or result.status != 0:
                        outcome.errors.append(
                            f"{tag}{page} {action}: status {result.status} {result.exceptions[:1]}"
                        )
        except (TimeoutError, OSError, StopIteration, KeyError) as error:
            outcome.errors.append(f"{tag}{page}: {type(error).__name__}: {error}"[:300])
            await asyncio.sleep(1)
        except Exception as error:  # a protocol surprise is an error of the run, not a crash
            outcome.errors.append(f"{tag}{page}: {type(error).__name__}: {error}"[:300])
            await asyncio.sleep(1)


async def sample_memory(
    pids: list[int], started: float, stop: asyncio.Event, outcome: Outcome, every: float
) -> None:
    while not stop.is_set():
        for index, pid in enumerate(pids):
            value = rss_mb(pid)
            if value is not None:
                outcome.rss_by_replica.setdefault(index, []).append(
                    (time.perf_counter() - started, value)
                )
        outcome.rss = outcome.rss_by_replica.get(0, [])
        try:
            await asyncio.wait_for(stop.wait(), timeout=every)
        except TimeoutError:
            pass


async def warm_up(url: str) -> list[tuple[str, str]]:
    """One session on the default page, then each page once (the process's first run must be
    the default page: see bench/README.md, known gaps)."""
    async with Session(url) as session:
        result = await session.rerun()
        if result.exceptions:
            raise RuntimeError(f"the default page fails: {result.exceptions}")
        pages = dict(session.pages)
    files, default = app_pages()
    by_path = []
    for path in files:
        stem = Path(path).stem
        page_hash = pages.get("" if path == default else stem)
        if page_hash:
            by_path.append((stem, page_hash))
    for _, page_hash in by_path:
        async with Session(url, page_hash=page_hash) as session:
            await session.rerun()
    return by_path


async def run(
    sessions: int,
    duration: float,
    think: tuple[float, float],
    url: str,
    pids: list[int],
    replica_urls: list[str],
    routes: list[tuple[str, int]] | None = None,
) -> Outcome:
    """Drive `sessions` sessions against `url` (a server, or the proxy when `routes` is given:
    one route cookie per session); `pids` and `replica_urls` are the servers behind it."""
    pages = []
    for replica_url in replica_urls:
        pages = await warm_up(replica_url.replace("http://", "ws://") + "/_stcore/stream")
    outcome = Outcome()
    stop = asyncio.Event()
    started = time.perf_counter()
    sampler = asyncio.create_task(sample_memory(pids, started, stop, outcome, every=2.0))
    deadline = started + duration
    cpu_before = [cpu_seconds(pid) for pid in pids]
    client_before = time.process_time()
    visitors = [
        asyncio.create_task(
            visitor(n, url, pages, deadline, think, outcome, routes[n] if routes else None)
        )
        for n in range(sessions)
    ]
    done, pending = await asyncio.wait(visitors, timeout=duration + 30)
    for task in pending:
        task.cancel()
        outcome.errors.append("a session was still waiting 30 s after the end")
    cpu_after = [cpu_seconds(pid) for pid in pids]
    if None not in cpu_before and None not in cpu_after:
        used = sum(cpu_after) - sum(cpu_before)
        outcome.server_cpu = used / (time.perf_counter() - started)
    outcome.client_cpu = (time.process_time() - client_before) / (time.perf_counter() - started)
    stop.set()
    await sampler
    return outcome


def _flat(rss: list[tuple[float, float]]) -> tuple[str, bool | None]:
    """RSS start / middle / end, and whether the last third stays within 10% of the middle."""
    if len(rss) < 6:
        return "n/a", None
    third = len(rss) // 3
    middle = median([v for _, v in rss[third : 2 * third]])
    last = median([v for _, v in rss[2 * third :]])
    return f"{rss[0][1]:.0f} / {middle:.0f} / {last:.0f} MB", last <= middle * 1.10


def report(outcome: Outcome, sessions: int, duration: float, think: tuple[float, float]) -> str:
    reruns = [r.seconds for r in outcome.records if r.kind == "rerun"]
    opens = [r.seconds for r in outcome.records if r.kind == "open"]
    table = Table(
        f"Load: {sessions} concurrent sessions for {duration:.0f} s (think time {think[0]:g}-{think[1]:g} s)",
        ["Measure", "Value", "Target", "Result"],
    )
    print(f"\n{table.title}")
    table.add("Filter changes (reruns)", f"{len(reruns)} ({len(reruns) / duration:.1f}/s)", "", "")
    table.add("Rerun latency p50", ms(percentile(reruns, 0.50)), "", "")
    p95 = percentile(reruns, 0.95)
    table.add("Rerun latency p95", ms(p95), "< 1 s", verdict(p95 < 1.0 if reruns else None))
    table.add("Rerun latency max", ms(max(reruns) if reruns else None), "", "")
    table.add("Sessions opened (page loads)", f"{len(opens)}", "", "")
    table.add(
        "Page load p50 / p95",
        f"{ms(percentile(opens, 0.5))} / {ms(percentile(opens, 0.95))}",
        "",
        "",
    )
    table.add("Errors", f"{len(outcome.errors)}", "0", verdict(not outcome.errors))
    if outcome.server_cpu is not None:
        table.add(
            "Server CPU use (cores busy, of the machine's)",
            f"{outcome.server_cpu:.2f} of {os.cpu_count()}",
            "",
            "",
        )
    if outcome.client_cpu is not None:
        # The client parses every message a browser would get, for every session: on a small
        # machine the cores it takes are the servers' (and its own delays count as latency).
        table.add("Load client CPU use (cores busy)", f"{outcome.client_cpu:.2f}", "", "")
    rss = outcome.rss
    for index, series in sorted(outcome.rss_by_replica.items()):
        figures, flat = _flat(series)
        name = "Server" if len(outcome.rss_by_replica) == 1 else f"Replica {index + 1}"
        table.add(
            f"{name} RSS start / middle / end", figures, "end within 10% of middle", verdict(flat)
        )
    replicas = sorted({r.replica for r in outcome.records})
    by_replica = Table("Per replica", ["Replica", "Sessions", "Reruns", "p50", "p95", "Errors"])
    if len(outcome.rss_by_replica) > 1:
        for replica in replicas:
            mine = [r for r in outcome.records if r.replica == replica]
            reruns_here = [r.seconds for r in mine if r.kind == "rerun"]
            by_replica.rows.append(
                [
                    str(replica + 1),
                    str(outcome.sessions_by_replica.get(replica, 0)),
                    str(len(reruns_here)),
                    ms(percentile(reruns_here, 0.5)),
                    ms(percentile(reruns_here, 0.95)),
                    str(sum(1 for e in outcome.errors if e.startswith(f"[replica {replica + 1}]"))),
                ]
            )
    by_page = Table("Rerun latency by page", ["Page", "Reruns", "p50", "p95", "Opens p50"])
    for page in sorted({r.page for r in outcome.records}):
        page_reruns = [r.seconds for r in outcome.records if r.page == page and r.kind == "rerun"]
        page_opens = [r.seconds for r in outcome.records if r.page == page and r.kind == "open"]
        by_page.rows.append(
            [
                page,
                str(len(page_reruns)),
                ms(percentile(page_reruns, 0.5)),
                ms(percentile(page_reruns, 0.95)),
                ms(percentile(page_opens, 0.5)),
            ]
        )
    memory = Table("Server RSS over time (every 2 s; shown every ~6 s)", ["Seconds", "RSS MB"])
    for index, (seconds, value) in enumerate(rss):
        if index % 3 == 0 or index == len(rss) - 1:
            memory.rows.append([f"{seconds:.0f}", f"{value:.0f}"])
    errors = ""
    if outcome.errors:
        common = Counter(outcome.errors).most_common(5)
        errors = "\nErrors (most common):\n\n" + "\n".join(f"- {n} x {e}" for e, n in common) + "\n"
    per_replica = by_replica.markdown() + "\n" if by_replica.rows else ""
    print("\n" + per_replica + by_page.markdown() + "\n" + memory.markdown() + errors)
    return "\n".join([table.markdown(), per_replica, by_page.markdown(), memory.markdown(), errors])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN", "MAX"))
    parser.add_argument(
        "--warehouse", type=Path, help="default: a fresh build in a temporary directory"
    )
    parser.add_argument(
        "--replicas",
        type=int,
        default=0,
        help="serve through scripts/serve.sh (nginx) with this many replicas (default: one "
        "Streamlit server, no proxy)",
    )
    parser.add_argument("--out", type=Path, default=RESULTS / "load.md")
    args = parser.parse_args(argv)
    if args.replicas:
        return main_proxied(args)
    if not 1 <= args.sessions <= 200 or not 1 <= args.duration <= 3600:
        parser.error("keep --sessions within 1-200 and --duration within 1-3600 s")

    with tempfile.TemporaryDirectory(prefix="seeeca-load-") as scratch:
        warehouse_file = args.warehouse
        if warehouse_file is None:
            from dashboard import warehouse

            warehouse_file = Path(scratch) / "warehouse.duckdb"
            warehouse.build(out=warehouse_file)
        print(machine_line())
        with streamlit_server(warehouse_file) as server:
            print(
                f"server pid {server.process.pid} on {server.url}; {args.sessions} sessions for {args.duration:.0f} s"
            )
            outcome = asyncio.run(
                run(
                    args.sessions,
                    args.duration,
                    tuple(args.think),
                    f"ws://127.0.0.1:{server.port}/_stcore/stream",
                    [server.process.pid],
                    [server.url],
                )
            )
    text = report(outcome, args.sessions, args.duration, tuple(args.think))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(f"{machine_line()}\n\n{text}", encoding="utf-8")
    print(f"written to {args.out}")
    return 0 if not outcome.errors else 1


def main_proxied(args: argparse.Namespace) -> int:
    print(machine_line())
    with proxied_server("app.py", replicas=args.replicas) as served:
        pids = [served.replica_pid(number) for number in range(1, args.replicas + 1)]
        # One browser per session: each first asks for the page, as a browser does, and keeps the
        # route cookie nginx gives it; where that route leads is read back from nginx's log.
        routes = []
        for _ in range(args.sessions):
            route = served.new_browser_route()
            routes.append((route, served.replica_of(route) - 1))
        outcome_sessions = Counter(replica for _, replica in routes)
        print(
            f"nginx on {served.base_url}, replicas {', '.join(served.replica_urls)} (pids {pids}); "
            f"{args.sessions} sessions ({dict(sorted(outcome_sessions.items()))} per replica) "
            f"for {args.duration:.0f} s"
        )
        outcome = asyncio.run(
            run(
                args.sessions,
                args.duration,
                tuple(args.think),
                served.base_url.replace("http://", "ws://") + "/_stcore/stream",
                pids,
                served.replica_urls,
                routes,
            )
        )
        outcome.sessions_by_replica = dict(outcome_sessions)
    text = report(outcome, args.sessions, args.duration, tuple(args.think))
    text = f"Through nginx (scripts/serve.sh) with {args.replicas} replicas.\n\n{text}"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(f"{machine_line()}\n\n{text}", encoding="utf-8")
    print(f"written to {args.out}")
    return 0 if not outcome.errors else 1


if __name__ == "__main__":
    raise SystemExit(main())

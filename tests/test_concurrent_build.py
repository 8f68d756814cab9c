"""Several sessions finding the warehouse missing at once run exactly one build; the others wait
for it and then render (a file lock beside the warehouse, and a temporary file of its own for
every build). Checked across processes (replicas sharing a volume) and through a real server with
several websocket sessions arriving together (a deploy, a restart under load)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import subprocess
import sys

from dashboard import config, db
from tests.browser.harness import ROOT, streamlit_server

sys.path.insert(0, str(ROOT / "bench"))
from stclient import Session  # noqa: E402

SESSIONS = 6
PROCESSES = 4

BUILD_IF_NEEDED = """
import sys
from pathlib import Path
from dashboard import db, warehouse
target = Path(sys.argv[1])
sys.stdin.readline()  # all processes start their build together
report = warehouse.build_if_needed(lambda: db.usable(target), out=target)
print("built" if report else "waited", flush=True)
"""


def test_processes_building_at_once_run_one_build(tmp_path):
    target = tmp_path / "warehouse.duckdb"
    env = {**os.environ, "PYTHONPATH": str(config.PACKAGE_DIR.parent)}
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", BUILD_IF_NEEDED, str(target)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(PROCESSES)
    ]
    for process in processes:  # every interpreter is up and importing; release them together
        process.stdin.write("go\n")
        process.stdin.flush()
    outcomes = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        outcomes.append(out.strip())
    assert sorted(outcomes) == ["built"] + ["waited"] * (PROCESSES - 1), outcomes
    assert db.usable(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["warehouse.duckdb"]


def test_threads_of_one_process_share_one_build(tmp_path):
    """One server process serves every session from its own thread: same PID, so the temporary
    file needs more than the PID in its name, and the lock must hold between threads."""
    from concurrent.futures import ThreadPoolExecutor

    from dashboard import warehouse

    target = tmp_path / "warehouse.duckdb"
    with ThreadPoolExecutor(max_workers=PROCESSES) as pool:
        reports = list(
            pool.map(
                lambda _: warehouse.build_if_needed(lambda: db.usable(target), out=target),
                range(PROCESSES),
            )
        )
    assert sum(report is not None for report in reports) == 1
    assert db.usable(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["warehouse.duckdb"]


async def _open_sessions(base_url: str, count: int) -> list[tuple[list[str], dict[str, str]]]:
    url = base_url.replace("http://", "ws://") + "/_stcore/stream"

    async def one() -> tuple[list[str], dict[str, str]]:
        async with Session(url) as session:
            result = await session.rerun(timeout=240)
            return result.exceptions, dict(session.metrics)

    return await asyncio.gather(*(one() for _ in range(count)))


def test_sessions_arriving_together_on_a_missing_warehouse_all_render(tmp_path):
    target = tmp_path / "data" / "warehouse.duckdb"
    target.parent.mkdir()
    with streamlit_server(target, tmp_path) as base_url:
        # In a thread of its own: in the full suite the session's Playwright (sync API) already
        # runs an event loop in this thread, and asyncio.run refuses to nest in it.
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            results = pool.submit(asyncio.run, _open_sessions(base_url, SESSIONS)).result()
    for exceptions, metrics in results:
        assert exceptions == []
        offices = [v for label, v in metrics.items() if label.startswith("Offices and sub-offices")]
        assert offices == ["48"], metrics
    assert db.usable(target)
    assert sorted(p.name for p in target.parent.iterdir()) == ["warehouse.duckdb"]


def test_a_folder_check_survives_another_threads_clean_up(tmp_path):
    """Threads of one server share a PID, so one thread's remove_dead_builds may delete the probe
    another thread's folder check has just made (CI once failed with "the folder is not writable
    (No such file or directory)" for that). The check must not take that for a bad folder."""
    import threading

    from dashboard import warehouse

    out = tmp_path / "warehouse.duckdb"
    done = threading.Event()

    def clean_up() -> None:
        while not done.is_set():
            warehouse.remove_dead_builds(out)

    switching = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # let the threads interleave between every few bytecodes
    cleaner = threading.Thread(target=clean_up)
    cleaner.start()
    try:
        for _ in range(3000):
            warehouse._check_folder(out)
    finally:
        done.set()
        cleaner.join()
        sys.setswitchinterval(switching)

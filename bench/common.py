"""Helpers shared by the benchmark scripts: the app's pages, a local server, Chromium, RSS, tables.

Nothing here runs under pytest; the scripts print tables and write bench/results/.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
STREAMLIT = ROOT / ".venv" / "bin" / "streamlit"
PYTHON = ROOT / ".venv" / "bin" / "python"
# The browser tests' Chromium and flags, so the benchmark measures the browser they check.
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, Served, serve_sh  # noqa: E402, F401


def app_pages() -> tuple[list[str], str]:
    """The page files app.py routes to (those that exist) and its default page."""
    from dashboard import navigation

    return [page.path for page in navigation.existing(ROOT)], navigation.DEFAULT_PAGE.path


def pin_pages_manager_to_server_state() -> None:
    """Make AppTest run app.py on every rerun, as the server does after its first run (see
    dashboard.navigation, the one place that touches Streamlit's legacy pages/ mode)."""
    from dashboard import navigation

    navigation.pin_app_routing_for_apptest()


def share_script_cache_like_server() -> None:
    """Make AppTest compile each script once, as a running server does.

    A server keeps one ScriptCache for its lifetime, so a rerun reuses the compiled bytecode of
    app.py and the page. AppTest makes a fresh cache for every run, which adds the compile time
    of both scripts (about 20 ms for a long page) to every rerun it measures.
    """
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    if getattr(app_test, "_bench_shared_script_cache", None) is not None:
        return
    shared = ScriptCache()
    app_test._bench_shared_script_cache = shared
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def rss_mb(pid: int) -> float | None:
    """Resident memory of a process in MB, from /proc (psutil is not needed)."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"^VmRSS:\s+(\d+) kB", text, re.M)
    return int(match.group(1)) / 1024 if match else None


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time a process has used, from /proc/<pid>/stat."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    started: float  # perf_counter when the process was spawned
    ready: float = 0.0  # perf_counter when /_stcore/health first answered
    log: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextlib.contextmanager
def streamlit_server(
    warehouse: Path, timeout: float = 60, extra_env: dict | None = None, warm: bool = False
) -> Iterator[Server]:
    """The real app on a free localhost port, stopped (its whole process group) on exit.

    `warm`: started as scripts/dashboard.sh starts it (`python -m dashboard.start`: the same
    server, with a warm-up thread that runs the default page as soon as the server answers)."""
    port = free_port()
    # PYTHONPATH: this checkout's code, whatever checkout the venv's editable install points at.
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), DASHBOARD_DB=str(warehouse))
    env.update(extra_env or {})
    RESULTS.mkdir(parents=True, exist_ok=True)
    log = RESULTS / f"server-{port}.log"
    handle = log.open("w")
    started = time.perf_counter()
    process = subprocess.Popen(
        [
            *(
                [str(PYTHON), "-m", "dashboard.start"]
                if warm
                else [str(STREAMLIT), "run", "app.py"]
            ),
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = Server(process, port, started, log=log)
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"streamlit exited with {process.returncode}; see {log}")
            try:
                with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=1) as answer:
                    if answer.status == 200:
                        server.ready = time.perf_counter()
                        break
            except OSError:
                time.sleep(0.05)
        else:
            raise TimeoutError(f"streamlit did not answer on {server.url} within {timeout} s")
        yield server
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
        handle.close()
        if log.exists() and "Traceback" not in log.read_text(errors="replace"):
            log.unlink()


def chromium_available() -> bool:
    if not CHROMIUM.exists():
        return False
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


# --- numbers and tables ----------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: Sequence[float], share: float) -> float:
    """The value below which `share` of the values lie (nearest rank)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[rank]


def ms(seconds: float | None) -> str:
    if seconds is None or seconds != seconds:
        return "n/a"
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


@dataclass
class Table:
    """A markdown table printed as it fills, so a long run shows progress."""

    title: str
    columns: Sequence[str]
    rows: list[list[str]] = field(default_factory=list)

    def add(self, *cells: object) -> None:
        row = [str(c) for c in cells]
        self.rows.append(row)
        print("  " + " | ".join(row), flush=True)

    def markdown(self) -> str:
        lines = [
            f"### {self.title}",
            "",
            "| " + " | ".join(self.columns) + " |",
            "|" + "|".join("---" for _ in self.columns) + "|",
        ]
        lines += [
            "| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in self.rows
        ]
        return "\n".join(lines) + "\n"


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "MISS")


def machine_line() -> str:
    cpus = os.cpu_count()
    try:
        memory = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)
        memory = f"{int(memory) / 1024 / 1024:.0f} GB"
    except (OSError, AttributeError):
        memory = "?"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    import duckdb
    import streamlit

    return (
        f"{cpus} CPUs, {memory} RAM, load average {load:.1f} at start; Python "
        f"{sys.version.split()[0]}, streamlit {streamlit.__version__}, duckdb {duckdb.__version__}"
    )


@contextlib.contextmanager
def proxied_server(
    app: str = "app.py", replicas: int = 2, timeout: float = 240
) -> Iterator[Served]:
    """`scripts/serve.sh` (nginx and `replicas` Streamlit processes) on free ports, with its own
    temporary SERVE_DIR; stopped like Ctrl-C stops it (tests/browser/harness.serve_sh)."""
    import tempfile

    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        # A benchmark stopped by `timeout` or kill must still stop the servers it started (they
        # run in sessions of their own): SIGTERM unwinds through serve_sh's cleanup.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with tempfile.TemporaryDirectory(prefix="seeeca-serve-") as scratch:
        with serve_sh(
            Path(scratch), replicas=replicas, timeout=timeout, strict_stop=False, APP=app
        ) as served:
            yield served

"""Helpers for the real-browser tests: what counts as offline, which URL serves which page, and
waiting for Streamlit to finish rendering. The fixtures that use them live in conftest.py."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
# Quiet Chromium's own background traffic, so that what is recorded is the app's.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
# Schemes that never touch the network: inline data and in-page objects.
LOCAL_SCHEMES = {"data", "blob", "about"}
SERVER_START_TIMEOUT = 90
RENDER_TIMEOUT_MS = 90_000
STREAMLIT_PROBES = ("/_stcore/health", "/_stcore/host-config")
# app.py registers pages/overview.py as the default page, served at "/"; every other page is
# served at its file name (st.Page derives the URL path from it).
DEFAULT_PAGE = "pages/overview.py"


def is_local(url: str) -> bool:
    """True when loading `url` stays on this machine."""
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or parts.hostname in LOCAL_HOSTS


def non_local(urls: list[str]) -> list[str]:
    return sorted({url for url in urls if not is_local(url)})


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _wait_until_started(
    ready, process: subprocess.Popen, log: Path, timeout: float, what: str
) -> None:
    """Poll `ready()` until it holds; raise with the end of the process's log if the process
    exits first or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while not ready():
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited ({process.returncode}):\n{log.read_text()[-3000:]}")
        if time.monotonic() > deadline:
            raise RuntimeError(
                f"{what} did not start within {timeout} s:\n{log.read_text()[-3000:]}"
            )
        time.sleep(0.3)


@contextlib.contextmanager
def streamlit_server(warehouse: Path, log_dir: Path, warm: bool = False) -> Iterator[str]:
    """`streamlit run app.py` on a free local port with the repository's .streamlit/config.toml
    and the given warehouse; yields the base URL once /_stcore/health answers, stops it after.
    The server's output goes to `log_dir`/streamlit-<port>.log.

    `warm`: started as the README's command starts it, `python -m dashboard.start` (the same
    server with its warm-up thread)."""
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = log_dir / f"streamlit-{port}.log"
    # PYTHONPATH: the server runs this checkout's code even when the venv's editable install
    # points at another checkout (one venv shared by several worktrees).
    env = {**os.environ, "DASHBOARD_DB": str(warehouse), "PYTHONPATH": str(ROOT / "src")}
    launcher = ["dashboard.start"] if warm else ["streamlit", "run", "app.py"]
    command = [
        sys.executable, "-m", *launcher,
        "--server.port", str(port),
        "--server.headless", "true",
        "--server.address", "127.0.0.1",
    ]  # fmt: skip
    with log_path.open("wb") as log:
        # A process group of its own, so teardown stops the server and anything it started.
        server = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        _wait_until_started(
            lambda: _healthy(base_url), server, log_path, SERVER_START_TIMEOUT, "streamlit"
        )
        yield base_url
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=5)


def free_ports(count: int = 1) -> int:
    """The first of `count` consecutive free local ports (serve.sh puts replicas side by side)."""
    for _ in range(50):
        first = _free_port()
        if first + count > 65535:
            continue
        try:
            with contextlib.ExitStack() as stack:
                for port in range(first, first + count):
                    stack.enter_context(socket.socket()).bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
    raise RuntimeError("no free ports")


@dataclass
class Served:
    """`scripts/serve.sh` running: nginx at `base_url` in front of replicas on `replica_ports`."""

    base_url: str
    serve_dir: Path
    replica_ports: list[int]
    process: subprocess.Popen
    log: Path  # serve.sh's own output

    @property
    def replica_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{port}" for port in self.replica_ports]

    def replica_pid(self, number: int) -> int:
        """Process id of replica `number` (1-based, as serve.sh numbers them)."""
        return int((self.serve_dir / "run" / f"replica-{number}.pid").read_text().split()[0])

    def access_log(self) -> str:
        return (self.serve_dir / "run" / "access.log").read_text()

    def new_browser_route(self) -> str:
        """The route cookie nginx gives a new browser with its first page."""
        with urllib.request.urlopen(f"{self.base_url}/", timeout=30) as answer:
            cookie = answer.headers.get("Set-Cookie", "")
        match = re.match(r"seeeca_route=([^;]+);", cookie)
        if not match:
            raise RuntimeError(f"no route cookie with the page: {cookie!r}")
        return match.group(1)

    def replica_of(self, route: str) -> int:
        """Which replica (1-based) nginx sends a browser with this route cookie to now.

        Asked with a request of its own: nginx logs a websocket only when it closes."""
        before = len(self.access_log())
        request = urllib.request.Request(
            f"{self.base_url}/_stcore/health", headers={"Cookie": f"seeeca_route={route}"}
        )
        urllib.request.urlopen(request, timeout=10).read()
        pattern = re.compile(
            rf'"GET /_stcore/health [^"]*" 200 \d+ route={re.escape(route)} '
            r"upstream=127\.0\.0\.1:(\d+)"
        )
        for _ in range(100):  # nginx writes the line just after the answer
            found = pattern.findall(self.access_log()[before:])
            if found:
                return self.replica_ports.index(int(found[-1])) + 1
            time.sleep(0.05)
        raise RuntimeError(f"no request with route {route} in the access log")


@contextlib.contextmanager
def serve_sh(
    serve_dir: Path,
    replicas: int = 2,
    timeout: float = 240,
    strict_stop: bool = True,
    **settings: str,
) -> Iterator[Served]:
    """`bash scripts/serve.sh` (nginx and `replicas` Streamlit processes) on free ports, with
    `serve_dir` as its SERVE_DIR and `settings` as further environment (APP, HEALTH_INTERVAL);
    yields once nginx answers, and stops it on exit the way Ctrl-C does. A serve.sh that has not
    stopped 30 s after Ctrl-C is killed; with `strict_stop` (tests) that is an error, without it
    (the benchmarks, whose figures are already measured) a warning on stderr."""
    port, replica_port = free_ports(1), free_ports(replicas)
    env = {
        **os.environ,
        "PORT": str(port),
        "REPLICA_PORT": str(replica_port),
        "REPLICAS": str(replicas),
        "SERVE_DIR": str(serve_dir),
        **settings,
    }
    env.pop("DASHBOARD_DB", None)  # the replicas read serve.sh's own release
    log = serve_dir / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            ["bash", "scripts/serve.sh"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    served = Served(
        f"http://127.0.0.1:{port}",
        serve_dir,
        [replica_port + i for i in range(replicas)],
        process,
        log,
    )
    try:
        _wait_until_started(
            lambda: "Ctrl-C stops" in log.read_text() and _healthy(served.base_url),
            process,
            log,
            timeout,
            "serve.sh",
        )
        yield served
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                if strict_stop:
                    raise
                print(
                    f"serve.sh did not stop within 30 s of Ctrl-C; killed (log: {log})",
                    file=sys.stderr,
                )


def new_recorded_page(browser):
    """A fresh 1440x1000 page and its PageRecord: every request and console error is recorded;
    requests leaving this machine are blocked (no test depends on the network) and listed."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    record = PageRecord()

    def guard(route):
        if is_local(route.request.url):
            route.continue_()
        else:
            record.blocked.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", guard)
    page = context.new_page()
    page.on("request", lambda request: record.requests.append(request.url))
    page.on("websocket", lambda socket_: record.requests.append(socket_.url))
    page.on(
        "console",
        lambda message: (
            record.console_errors.append((message.text, message.location.get("url", "")))
            if message.type == "error"
            else None
        ),
    )
    page.on(
        "pageerror", lambda error: record.console_errors.append((f"uncaught: {error}", page.url))
    )
    return page, record


def page_files() -> list[str]:
    """Every declared page whose file exists (app.py shows a page once its file exists)."""
    from dashboard import navigation

    return sorted(page.path for page in navigation.existing(ROOT))


def url_path(page_file: str) -> str:
    """The URL path Streamlit serves a page file at."""
    return "/" if page_file == DEFAULT_PAGE else f"/{Path(page_file).stem}"


@dataclass
class PageRecord:
    """What a browser page did while a test drove it."""

    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[tuple[str, str]] = field(default_factory=list)  # (text, source URL)


RENDERED = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return app && app.getAttribute('data-test-script-state') === 'notRunning'
    && document.querySelector('[data-testid="stMain"] [data-testid="stElementContainer"]') !== null
    && !document.querySelector('[data-testid="stSpinner"], [data-testid="stSkeleton"]');
}"""
TWO_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def wait_for_streamlit(page, timeout_ms: int = RENDER_TIMEOUT_MS) -> None:
    """Wait until a script run has drawn the page and finished, with no spinner or skeleton left.

    "Not running" alone is also the state before the first run starts and between a run and
    the rerun it asks for (a page seeded from its link reruns once), so the page must have drawn
    something, and still be idle two frames later.
    """
    for _ in range(3):
        page.wait_for_function(RENDERED, timeout=timeout_ms, polling=50)
        page.evaluate(TWO_FRAMES)
        if page.evaluate(RENDERED):
            return


def open_page(page, base_url: str, path: str) -> None:
    """Load `path` (e.g. "/map?country=UKR") from the app server and wait for the render."""
    page.goto(f"{base_url}{path}", wait_until="domcontentloaded")
    wait_for_streamlit(page)


def screenshot(page, name: str, max_height: int = 6000) -> Path:
    """Save the whole page under artifacts/screenshots/<name>.png.

    Streamlit scrolls inside its main container, not the document, so a "full page" capture
    would stop at the window: the window is stretched to the content for the picture instead.
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{name}.png"
    window = page.viewport_size
    content_height = page.evaluate(
        """() => Math.max(...[...document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"]')]
                .map((element) => element.scrollHeight), document.body.scrollHeight)"""
    )
    page.set_viewport_size(
        {"width": window["width"], "height": min(max(content_height, window["height"]), max_height)}
    )
    page.wait_for_timeout(800)  # let deck.gl and plotly redraw at the new size
    page.screenshot(path=str(target), full_page=True)
    page.set_viewport_size(window)
    return target


def is_expected_console_error(text: str, url: str) -> bool:
    """Streamlit's own probe on a page URL: it first asks /<page>/_stcore/health and
    /<page>/_stcore/host-config (in case the app is served under a base path), gets 404, then
    uses /_stcore/... . The browser logs each 404 as an error; nothing is wrong."""
    path = urlsplit(url).path
    return (
        text.startswith("Failed to load resource: the server responded with a status of 404")
        and is_local(url)
        and path.count("/") > 2
        and path.endswith(STREAMLIT_PROBES)
    )


def assert_offline_and_clean(page, record: PageRecord) -> None:
    """No request left this machine, the console stayed clean, and no exception is shown."""
    leaving = sorted(set(non_local(record.requests)) | set(record.blocked))
    assert not leaving, f"{len(leaving)} request(s) left localhost: {leaving}"
    errors = [
        f"{text} ({url})"
        for text, url in record.console_errors
        if not is_expected_console_error(text, url)
    ]
    assert not errors, f"console errors: {errors}"
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, f"exception shown: {exceptions.first.inner_text()[:500]}"

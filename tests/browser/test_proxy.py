"""Served like production: `bash scripts/serve.sh` (two replicas behind nginx) on free ports.

Through the proxy, in Chromium: every page renders with the content security policy and no
console error (a CSP violation is one), no request leaves localhost; JavaScript arrives
compressed and cacheable for a year, and a repeat visit downloads none; a session keeps working
while another replica crashes and is restarted, and the restarted session shows its own state,
not another's. Then a rolling refresh (`serve.sh --refresh`) while sessions rerun: no error, and
the new data appears. Skipped with the reason when nginx is missing and cannot be installed.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import signal
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.browser.harness import (
    ROOT,
    Served,
    assert_offline_and_clean,
    new_recorded_page,
    open_page,
    page_files,
    screenshot,
    serve_sh,
    url_path,
    wait_for_streamlit,
)

pytestmark = pytest.mark.browser

NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/bin/nginx")
ICON = '[data-testid="stIconMaterial"]'
# An icon is its name typed in the icon font, drawn as one glyph by a ligature; a name the
# served font lacks draws as its letters, overflowing the icon's box (Streamlit fixes its width).
ICONS_DRAWN_AS_TEXT = f"""async () => {{
    await document.fonts.ready;
    return Array.from(document.querySelectorAll('{ICON}'))
        .filter(e => e.offsetParent !== null
            && e.scrollWidth > 1.5 * parseFloat(getComputedStyle(e).fontSize))
        .map(e => e.textContent);
}}"""
START_TIMEOUT = 180
PROJECTS_2019 = "Projects implemented 2019"  # the overview metric's label starts so


def _projects(metrics: dict[str, str]) -> str | None:
    return next((v for k, v in metrics.items() if k.startswith(PROJECTS_2019)), None)


def _nginx() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in NGINX_CANDIDATES if os.access(p, os.X_OK)), None
    )


def _get(url: str, headers: dict[str, str] | None = None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


def _healthy(url: str) -> bool:
    try:
        return _get(f"{url}/_stcore/health")[0] == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def served(chromium_path, tmp_path_factory) -> Iterator[Served]:
    if _nginx() is None and os.geteuid() != 0:
        pytest.skip("nginx is not installed and cannot be installed without root (apt-get)")
    # Ctrl-C on leaving, the way a person stops it; it must take replicas and nginx down with it.
    with contextlib.ExitStack() as stack:
        try:
            served = stack.enter_context(
                serve_sh(
                    tmp_path_factory.mktemp("serve"),
                    replicas=2,
                    timeout=START_TIMEOUT,
                    HEALTH_INTERVAL="1",
                )
            )
        except RuntimeError as error:
            if _nginx() is None:
                pytest.skip(f"nginx cannot be installed here:\n{str(error)[-1500:]}")
            raise
        pids = [served.replica_pid(1), served.replica_pid(2)]
        yield served
    left = [pid for pid in pids if _alive(pid)]
    assert not left, f"replicas still running after Ctrl-C: {left}"
    assert not _healthy(served.base_url), "nginx still answers after Ctrl-C"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"


@pytest.fixture()
def proxy_page(browser, served):
    page, record = new_recorded_page(browser)
    page.record = record
    yield page
    page.context.close()


@pytest.mark.parametrize("page_file", page_files())
def test_page_renders_through_the_proxy(proxy_page, served, page_file):
    open_page(proxy_page, served.base_url, url_path(page_file))
    assert proxy_page.locator("h1").count() >= 1, "every page has a title"
    # Charts and maps draw after the script run; CSP violations would show up while they do.
    proxy_page.wait_for_timeout(1500)
    assert proxy_page.locator(ICON).count() >= 3, "the sidebar's and page's icons are there"
    assert not proxy_page.evaluate(ICONS_DRAWN_AS_TEXT), "an icon missing from the cut font"
    name = url_path(page_file).strip("/") or "overview"
    screenshot(proxy_page, f"proxy-{name}")
    assert_offline_and_clean(proxy_page, proxy_page.record)
    websocket = served.base_url.replace("http://", "ws://") + "/_stcore/stream"
    assert websocket in proxy_page.record.requests, "the session runs through the proxy"


def test_replicas_are_warmed_before_nginx_takes_users(served):
    log = served.log.read_text()
    warmed = [log.index(f"warmed port {port}:") for port in served.replica_ports]
    assert max(warmed) < log.index(" serve: nginx "), log


def test_a_route_cookie_only_ever_chooses_among_the_replicas(served):
    """A known route goes to its replica and gets no new cookie; a made-up or tampered one is
    a new browser: it is dealt a replica and told its route, never sent anywhere it names."""
    for number in (1, 2):
        assert served.replica_of(f"r{number}") == number
        request = urllib.request.Request(
            f"{served.base_url}/", headers={"Cookie": f"seeeca_route=r{number}"}
        )
        with urllib.request.urlopen(request, timeout=30) as answer:
            assert answer.headers.get("Set-Cookie") is None
    for tampered in ("127.0.0.1:22", "seeeca_new", "seeeca_r1", "r3", "../r1", "r1x"):
        request = urllib.request.Request(
            f"{served.base_url}/", headers={"Cookie": f"seeeca_route={tampered}"}
        )
        with urllib.request.urlopen(request, timeout=30) as answer:
            assert answer.status == 200
            cookie = answer.headers.get("Set-Cookie") or ""
        assert re.match(r"seeeca_route=r[12]; Path=/; HttpOnly; SameSite=Lax$", cookie), tampered


def test_security_headers_and_limits(served):
    status, headers, _ = _get(f"{served.base_url}/")
    assert status == 200
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'self'" in policy
    assert "'unsafe-eval'" not in policy.split() and "*" not in policy, "no eval, no wildcard"
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cache-Control"] == "no-cache", "the HTML names the current bundles"
    assert headers["Set-Cookie"].startswith("seeeca_route="), "the route cookie comes with the page"
    # A body over the limit is refused by the proxy, never reaches a replica.
    request = urllib.request.Request(
        f"{served.base_url}/_stcore/upload_file/x/y", data=b"x" * (2 * 1024 * 1024), method="PUT"
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 413


def test_javascript_compressed_cached_and_not_downloaded_again(browser, served):
    # A context of its own without request interception: Playwright turns the browser's HTTP
    # cache off in a context that routes requests, and the cache is what is tested here.
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    try:
        open_page(page, served.base_url, "/")
        scripts = [r for r in responses if r.url.endswith(".js")]
        assert len(scripts) >= 5, [r.url for r in responses]
        assert all(r.url.startswith(served.base_url) for r in responses), "all from the proxy"
        for response in scripts:
            headers = response.all_headers()
            # Compressed, except the few files too small to gain from it (under 1 KB).
            small = int(headers.get("content-length", 1 << 30)) < 1024
            assert headers.get("content-encoding") in ("br", "gzip") or small, (
                response.url,
                headers,
            )
            assert headers.get("cache-control") == "public, max-age=31536000, immutable"
        page.wait_for_timeout(2000)  # let the charts' bundles finish loading
        (route,) = [c["value"] for c in context.cookies() if c["name"] == "seeeca_route"]
        log_before = served.access_log()
        # A repeat visit in the same browser: the bundles come from its cache, not the network.
        open_page(page, served.base_url, "/")
        page.wait_for_timeout(2000)
        repeat = served.access_log()[len(log_before) :]
        assert f"route={route}" in repeat, "the repeat visit went through the proxy"
        downloaded = [
            line for line in repeat.splitlines() if re.search(r"GET /static/\S+\.js", line)
        ]
        assert not downloaded, f"JavaScript downloaded again on a repeat visit: {downloaded}"
    finally:
        context.close()


def test_the_icon_font_is_cut_to_the_icons_the_pages_show(served):
    """The proxy serves Streamlit's icon font cut down (scripts/serve.sh, dashboard.icon_font):
    a fifth of the original on every first visit, revalidated since a later cut keeps its name.
    That every icon on every page still draws as an icon is checked on each page above."""
    from dashboard import icon_font

    original = icon_font.icon_font_path(icon_font.streamlit_static())
    status, headers, body = _get(f"{served.base_url}/static/media/{original.name}")
    assert status == 200 and body.startswith(b"wOF2"), headers
    assert len(body) < original.stat().st_size / 3
    assert headers["Cache-Control"] == "no-cache"
    assert headers["Content-Type"] == "font/woff2"
    assert headers["X-Content-Type-Options"] == "nosniff", "the security headers come with it"


def _selected_countries(page) -> list[str]:
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
        has_text="Country or territory"
    )
    return sorted(tag.get_attribute("aria-label") for tag in box.locator("[data-tag]").all())


def test_session_survives_restart_of_another_replica(browser, served):
    page_a, record_a = new_recorded_page(browser)
    closed_a: list[str] = []
    page_a.on("websocket", lambda ws: ws.on("close", lambda ws_: closed_a.append(ws_.url)))
    open_page(page_a, served.base_url, "/?country=UKR")
    route_a = next(c["value"] for c in page_a.context.cookies() if c["name"] == "seeeca_route")
    replica_a = served.replica_of(route_a)
    # New browsers go to the replicas in turn: the next one lands on the other replica.
    page_b, record_b = new_recorded_page(browser)
    open_page(page_b, served.base_url, "/?country=MDA")
    route_b = next(c["value"] for c in page_b.context.cookies() if c["name"] == "seeeca_route")
    replica_b = served.replica_of(route_b)
    assert replica_b == 3 - replica_a, "two new browsers in a row landed on one replica"
    assert _selected_countries(page_a) == ["Ukraine"]
    assert _selected_countries(page_b) == ["Republic of Moldova"]

    # The other replica crashes; serve.sh notices and starts it again.
    os.kill(served.replica_pid(replica_b), signal.SIGKILL)
    replica_b_url = f"http://127.0.0.1:{served.replica_ports[replica_b - 1]}"
    time.sleep(0.5)
    # Meanwhile session A goes on: a new page of its own, its own filter kept.
    page_a.get_by_role("link", name="Offices map").click()
    page_a.wait_for_url("**/map?**")
    wait_for_streamlit(page_a)
    assert page_a.locator("h1").first.inner_text() == "IOM offices in the region"
    assert _selected_countries(page_a) == ["Ukraine"]
    deadline = time.monotonic() + 120
    while not _healthy(replica_b_url):
        assert time.monotonic() < deadline, f"replica {replica_b} was not restarted"
        time.sleep(0.5)
    assert "replica" in served.log.read_text() and "restarting it" in served.log.read_text()

    # Session B lost its replica: it reconnects (to the other replica while its own is down, so
    # to a new session) and comes back from its own link, with its own filter, never A's.
    page_b.wait_for_function(
        """() => !document.querySelector('[data-testid="stConnectionStatus"]')""", timeout=90_000
    )
    wait_for_streamlit(page_b)
    assert _selected_countries(page_b) == ["Republic of Moldova"], "B sees its own state"
    # New requests of B's browser go back to its own replica once nginx tries it again (a failed
    # replica is skipped for fail_timeout, 10 s).
    deadline = time.monotonic() + 60
    while served.replica_of(route_b) != replica_b:
        assert time.monotonic() < deadline, "B's browser did not return to its replica"
        time.sleep(1)
    # A never lost its websocket and never saw B's state.
    page_a.get_by_role("link", name="Regional overview").click()
    wait_for_streamlit(page_a)
    assert _selected_countries(page_a) == ["Ukraine"]
    assert not closed_a, f"session A's websocket closed: {closed_a}"
    screenshot(page_a, "proxy-session-a-after-restart")
    for page, record in ((page_a, record_a), (page_b, record_b)):
        assert not sorted(set(record.blocked)), record.blocked
        page.context.close()


async def _drive(url: str, route: str, stop: asyncio.Event, runs: list, errors: list) -> str:
    """One session rerunning the overview until stopped; returns the last projects figure."""
    sys.path.insert(0, str(ROOT / "bench"))
    from stclient import Session

    async with Session(url, headers={"Cookie": f"seeeca_route={route}"}) as session:
        while True:
            try:
                result = await session.rerun(timeout=60)
            except Exception as error:  # a dropped connection is exactly what must not happen
                errors.append(repr(error))
                raise
            runs.append((time.monotonic(), _projects(session.metrics)))
            if result.exceptions or result.status != 0:
                errors.append(f"status {result.status}: {result.exceptions}")
            if stop.is_set():
                return _projects(session.metrics)
            await asyncio.sleep(0.2)


def test_rolling_refresh_without_a_failed_request(served, tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "data" / "sources", sources)
    figures = sources / "key_figures.csv"
    published = "Table A1: Number of projects implemented (2019),371,count,2019,region,,371,"
    assert published in figures.read_text(encoding="utf-8")
    figures.write_text(
        figures.read_text(encoding="utf-8").replace(published, published.replace("371", "372")),
        encoding="utf-8",
    )
    url = served.base_url.replace("http://", "ws://") + "/_stcore/stream"
    # Three sessions on each replica, each with the route cookie a new browser gets.
    by_replica: dict[int, list[str]] = {1: [], 2: []}
    for _ in range(6):
        route = served.new_browser_route()
        by_replica[served.replica_of(route)].append(route)
    routes = by_replica[1] + by_replica[2]
    assert len(by_replica[1]) == len(by_replica[2]) == 3, f"new browsers not spread: {by_replica}"

    async def scenario():
        stop = asyncio.Event()
        runs: list = []
        errors: list = []
        sessions = [asyncio.create_task(_drive(url, r, stop, runs, errors)) for r in routes]
        # Every session has run the overview at least twice on the old data before the refresh.
        deadline = time.monotonic() + 120
        while len(runs) < 2 * len(routes) and time.monotonic() < deadline and not errors:
            await asyncio.sleep(0.2)
        started = time.monotonic()
        refresh = await asyncio.create_subprocess_exec(
            "bash", "scripts/serve.sh", "--refresh",
            cwd=ROOT,
            env={**os.environ, "SERVE_DIR": str(served.serve_dir), "SOURCES": str(sources)},
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
        output, _ = await refresh.communicate()
        await asyncio.sleep(4)
        stop.set()
        finals = await asyncio.gather(*sessions, return_exceptions=True)
        return refresh.returncode, output.decode(), runs, errors, finals, started

    # In a thread of its own: Playwright's sync API keeps an event loop running in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        code, output, runs, errors, finals, started = pool.submit(asyncio.run, scenario()).result()
    assert code == 0, output
    assert not errors, errors
    before = [figure for at, figure in runs if at < started]
    assert before and set(before) == {"371"}, "the sessions ran on the old data before the swap"
    assert finals == ["372"] * 6, f"every session sees the new data after the swap: {finals}"
    assert len(runs) > 30, f"the sessions kept rerunning during the refresh ({len(runs)} runs)"
    # The new release is live, the one before it is kept for a rollback.
    live = (served.serve_dir / "current").resolve()
    assert live.parent.parent == served.serve_dir / "releases"
    assert len(list((served.serve_dir / "releases").iterdir())) >= 2
    assert "serving release" in output

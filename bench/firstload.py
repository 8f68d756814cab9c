"""First load: what a manager's fresh browser downloads and waits for, per page, direct and
through the proxy, beside an empty Streamlit app and a "floor" app served the same way.

    python bench/firstload.py [--pages overview,country] [--lighthouse proxy|both|none]

Each app (the dashboard, bench/apps/empty.py, bench/apps/floor.py) runs under
`scripts/serve.sh` with one replica: "direct" is the replica's own port (Streamlit as it serves
itself), "proxy" is nginx in front of it (deploy/nginx.conf.template). All in the same run, so
the baselines share the machine's load. Per page and mode, in a fresh Chromium profile:

* HTTP bytes on the wire (headers and bodies as transferred) and uncompressed, JavaScript among
  them; websocket bytes received (the page's data and figures);
* time to fully drawn: from navigation start until the script run has finished, no spinner is
  left, every visible plotly chart has drawn its SVG and every visible deck.gl map its canvas;
* a repeat visit in the same profile: bytes on the wire and JavaScript bytes downloaded again;
* Lighthouse 12 (desktop preset, its own fresh profile of /usr/bin/chromium; `npm install` in
  bench/ first): total blocking time, time to interactive, largest contentful paint, and
  Lighthouse's own byte count; three runs per page (`--lighthouse-runs`), the median by TBT.

Targets (through the proxy): first-visit bytes at most 35% of the same page's uncompressed bytes
served directly; no JavaScript downloaded on a repeat visit; TBT within 2x and fully drawn
within 1.5x the floor app's. The machine has 2 cores shared with other work: figures move
between runs, which is why the baselines are measured in the same run.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from common import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    RESULTS,
    Table,
    app_pages,
    machine_line,
    proxied_server,
    verdict,
)

LIGHTHOUSE = ROOT / "bench" / "node_modules" / "lighthouse" / "cli" / "index.js"
DRAW_TIMEOUT_MS = 120_000
# Finished, idle, and every visible chart and map drawn (hidden tabs are not waited for).
DRAWN = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (!document.querySelector('[data-testid="stMain"] [data-testid="stElementContainer"]')) return false;
  if (document.querySelector('[data-testid="stSpinner"], [data-testid="stSkeleton"]')) return false;
  const visible = (el) => el.offsetParent !== null && el.getBoundingClientRect().width > 0;
  for (const chart of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
    if (visible(chart) && !chart.querySelector('.main-svg')) return false;
  }
  for (const deck of document.querySelectorAll('[data-testid="stDeckGlJsonChart"]')) {
    const canvas = deck.querySelector('canvas');
    if (visible(deck) && !(canvas && canvas.clientWidth > 300)) return false;
  }
  return true;
}"""
TWO_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


@dataclass
class Traffic:
    wire: int = 0  # bytes on the wire, HTTP (headers + bodies as sent)
    body: int = 0  # bytes after decompression
    js_wire: int = 0
    js_body: int = 0
    ws_in: int = 0
    requests: int = 0
    urls: dict[str, str] = field(default_factory=dict)  # request id -> url


def _payload_bytes(frame: dict) -> int:
    data = frame["response"]["payloadData"]
    return len(base64.b64decode(data)) if frame["response"].get("opcode") == 2 else len(data)


def record(context, page) -> Traffic:
    traffic = Traffic()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")

    def started(event):
        traffic.urls[event["requestId"]] = event["request"]["url"]
        traffic.requests += 1

    def data(event):
        traffic.body += event["dataLength"]
        if traffic.urls.get(event["requestId"], "").endswith(".js"):
            traffic.js_body += event["dataLength"]

    def finished(event):
        traffic.wire += int(event["encodedDataLength"])
        if traffic.urls.get(event["requestId"], "").endswith(".js"):
            traffic.js_wire += int(event["encodedDataLength"])

    def frame(event):
        traffic.ws_in += _payload_bytes(event)

    cdp.on("Network.requestWillBeSent", started)
    cdp.on("Network.dataReceived", data)
    cdp.on("Network.loadingFinished", finished)
    cdp.on("Network.webSocketFrameReceived", frame)
    return traffic


def reset(traffic: Traffic) -> None:
    traffic.wire = traffic.body = traffic.js_wire = traffic.js_body = traffic.ws_in = 0
    traffic.requests = 0


def drawn_after(page, url: str) -> float:
    """Load `url` and return seconds from navigation start to fully drawn."""
    page.goto(url, wait_until="domcontentloaded")
    for _ in range(3):
        page.wait_for_function(DRAWN, timeout=DRAW_TIMEOUT_MS, polling=50)
        at = page.evaluate("() => performance.now()")
        page.evaluate(TWO_FRAMES)
        if page.evaluate(DRAWN):
            return at / 1000
    return at / 1000


@dataclass
class Visit:
    first: Traffic
    drawn: float
    repeat: Traffic
    repeat_drawn: float


def visit(browser, url: str) -> Visit:
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    try:
        page = context.new_page()
        traffic = record(context, page)
        drawn = drawn_after(page, url)
        page.wait_for_timeout(1500)  # late requests of the page (lazy bundles, fonts)
        first = Traffic(**{k: v for k, v in vars(traffic).items() if k != "urls"})
        reset(traffic)
        repeat_drawn = drawn_after(page, url)
        page.wait_for_timeout(1500)
        repeat = Traffic(**{k: v for k, v in vars(traffic).items() if k != "urls"})
        return Visit(first, drawn, repeat, repeat_drawn)
    finally:
        context.close()


def lighthouse(url: str, keep: Path | None = None) -> dict[str, float] | None:
    """Lighthouse's desktop metrics for `url`; its whole report is copied to `keep` (where the
    main-thread time went: bootup-time, mainthread-work-breakdown)."""
    if not LIGHTHOUSE.exists():
        return None
    with tempfile.TemporaryDirectory(prefix="seeeca-lh-") as scratch:
        report = Path(scratch) / "report.json"
        flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
        command = [
            "node", str(LIGHTHOUSE), url,
            "--preset=desktop", "--only-categories=performance",
            "--output=json", f"--output-path={report}", f"--chrome-flags={flags}",
            "--max-wait-for-load=90000",
        ]  # fmt: skip
        env = dict(os.environ, CHROME_PATH=str(CHROMIUM), TMPDIR=scratch)
        audits = None
        # Lighthouse now and then loses its browser on a loaded machine; a second try in a
        # fresh profile keeps the baseline in the same run rather than leaving a gap.
        for attempt in (1, 2):
            try:
                subprocess.run(command, env=env, check=True, capture_output=True, timeout=300)
                audits = json.loads(report.read_text())["audits"]
                if keep:
                    keep.parent.mkdir(parents=True, exist_ok=True)
                    keep.write_bytes(report.read_bytes())
                break
            except subprocess.CalledProcessError as error:
                said = (error.stderr or b"").decode(errors="replace").strip().splitlines()[-3:]
                print(f"  lighthouse attempt {attempt} failed for {url}: {said}", file=sys.stderr)
            except (subprocess.SubprocessError, OSError, ValueError, KeyError) as error:
                print(f"  lighthouse attempt {attempt} failed for {url}: {error}", file=sys.stderr)
        if audits is None:
            return None

    def value(name: str) -> float:
        number = audits.get(name, {}).get("numericValue")
        return float("nan") if number is None else float(number)

    return {
        "tbt": value("total-blocking-time") / 1000,
        "tti": value("interactive") / 1000,
        "lcp": value("largest-contentful-paint") / 1000,
        "fcp": value("first-contentful-paint") / 1000,
        "bytes": value("total-byte-weight"),
    }


def median_lighthouse(url: str, folder: Path, slug: str, runs: int) -> dict[str, float] | None:
    """The Lighthouse run with the median total blocking time of `runs` (TBT on a 2-core machine
    moves by a few hundred ms from run to run: one long task more or less); every report is
    kept as <slug>-<n>.json, the median one also as <slug>.json."""
    results = []
    for run in range(1, runs + 1):
        found = lighthouse(url, folder / f"{slug}-{run}.json")
        if found:
            results.append((found["tbt"], run, found))
    if not results:
        return None
    results.sort(key=lambda item: item[:2])
    _tbt, run, middle = results[len(results) // 2]
    (folder / f"{slug}.json").write_bytes((folder / f"{slug}-{run}.json").read_bytes())
    middle["tbt_runs"] = [item[0] for item in sorted(results, key=lambda item: item[1])]
    return middle


def kb(value: float) -> str:
    return f"{value / 1024:,.0f} KB" if value < 10 * 1024 * 1024 else f"{value / 1048576:,.1f} MB"


def seconds(value: float | None) -> str:
    return "n/a" if value is None or value != value else f"{value:.2f} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", help="comma-separated page names (default: every page)")
    parser.add_argument("--lighthouse", choices=("proxy", "both", "none"), default="both")
    parser.add_argument(
        "--lighthouse-runs",
        type=int,
        default=3,
        help="Lighthouse runs per page; the run with the median TBT is reported (default 3)",
    )
    parser.add_argument("--out", type=Path, default=RESULTS / "firstload.md")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    files, default = app_pages()
    pages = [("overview" if f == default else Path(f).stem, f) for f in files]
    if args.pages:
        wanted = set(args.pages.split(","))
        pages = [(name, f) for name, f in pages if name in wanted]
    subjects = [
        ("empty app", "bench/apps/empty.py", ["/"]),
        ("floor app", "bench/apps/floor.py", ["/"]),
    ]
    subjects.append(
        ("app", "app.py", [("/" if f == default else f"/{Path(f).stem}") for _, f in pages])
    )
    names = {"/": "overview", **{f"/{Path(f).stem}": n for n, f in pages}}

    print(machine_line())
    if not LIGHTHOUSE.exists() and args.lighthouse != "none":
        print("Lighthouse is not installed: run `npm install` in bench/ (no browser is downloaded)")
    rows: list[dict] = []
    with contextlib.ExitStack() as stack:
        servers = {
            app: stack.enter_context(proxied_server(app, replicas=1)) for _, app, _ in subjects
        }
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            # One throwaway load per server, so no measured page pays the process's first import.
            for server in servers.values():
                context = browser.new_context()
                drawn_after(context.new_page(), server.base_url + "/")
                context.close()
            for label, app, paths in subjects:
                server = servers[app]
                for path in paths:
                    name = label if app != "app.py" else names.get(path, path)
                    for mode, base in (
                        ("direct", server.replica_urls[0]),
                        ("proxy", server.base_url),
                    ):
                        result = visit(browser, base + path)
                        lh = None
                        if args.lighthouse == "both" or (args.lighthouse == mode == "proxy"):
                            slug = f"{name}-{mode}".replace(" ", "-")
                            lh = median_lighthouse(
                                base + path, RESULTS / "lighthouse", slug, args.lighthouse_runs
                            )
                        rows.append({"name": name, "mode": mode, "visit": result, "lh": lh})
                        print(
                            f"  {name:>14} {mode:>6}: {kb(result.first.wire)} on the wire "
                            f"({kb(result.first.body)} uncompressed), websocket "
                            f"{kb(result.first.ws_in)}, drawn {result.drawn:.2f} s; repeat "
                            f"{kb(result.repeat.wire)} (JS {kb(result.repeat.js_wire)})"
                            + (
                                f"; TBT {lh['tbt'] * 1000:.0f} ms (runs: "
                                + ", ".join(f"{t * 1000:.0f}" for t in lh["tbt_runs"])
                                + f"), TTI {lh['tti']:.1f} s"
                                if lh
                                else ""
                            ),
                            flush=True,
                        )
            browser.close()

    table = Table(
        "First load per page, fresh profile (direct = Streamlit's own server, proxy = nginx)",
        [
            "Page", "Mode", "HTTP on the wire", "HTTP uncompressed", "JS on the wire",
            "Websocket in", "Fully drawn", "Repeat: wire / JS", "LH TBT", "LH TTI", "LH LCP",
            "LH bytes",
        ],
    )  # fmt: skip
    for row in rows:
        v, lh = row["visit"], row["lh"]
        table.rows.append(
            [
                row["name"], row["mode"], kb(v.first.wire), kb(v.first.body), kb(v.first.js_wire),
                kb(v.first.ws_in), seconds(v.drawn), f"{kb(v.repeat.wire)} / {kb(v.repeat.js_wire)}",
                f"{lh['tbt'] * 1000:,.0f} ms" if lh else "n/a", seconds(lh and lh["tti"]),
                seconds(lh and lh["lcp"]), kb(lh["bytes"]) if lh else "n/a",
            ]
        )  # fmt: skip

    def find(name: str, mode: str) -> dict | None:
        return next((r for r in rows if r["name"] == name and r["mode"] == mode), None)

    floor = find("floor app", "proxy")
    targets = Table(
        "Targets through the proxy (floor app measured in the same run)",
        [
            "Page", "Bytes vs direct uncompressed (<= 35%)", "Repeat JS (0)",
            "TBT vs floor (<= 2x)", "Fully drawn vs floor (<= 1.5x)",
        ],
    )  # fmt: skip
    for row in rows:
        if row["mode"] != "proxy":
            continue
        direct = find(row["name"], "direct")
        v = row["visit"]
        share = v.first.wire / direct["visit"].first.body if direct else float("nan")
        tbt = (
            row["lh"]["tbt"] / max(floor["lh"]["tbt"], 0.001)
            if row["lh"] and floor and floor["lh"]
            else None
        )
        drawn = v.drawn / floor["visit"].drawn if floor else None
        targets.rows.append(
            [
                row["name"] + (" (baseline)" if row["name"] in ("empty app", "floor app") else ""),
                f"{share:.0%} {verdict(share <= 0.35)}",
                f"{kb(v.repeat.js_wire)} {verdict(v.repeat.js_wire == 0)}",
                "n/a" if tbt is None else f"{tbt:.1f}x {verdict(tbt <= 2)}",
                "n/a" if drawn is None else f"{drawn:.2f}x {verdict(drawn <= 1.5)}",
            ]
        )
    text = f"{machine_line()}\n\n{table.markdown()}\n{targets.markdown()}"
    print("\n" + text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

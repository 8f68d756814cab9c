"""Benchmark: prints a table per measure and writes bench/results/latest.md. Not a test.

    python bench/run.py                 # everything (about 15-25 minutes on 2 cores)
    python bench/run.py --quick         # no scale run, fewer repetitions (about 3 minutes)
    python bench/run.py --skip-scale --skip-browser --pages overview,map

Measures
- warehouse build time (median of 3 builds of data/sources/);
- per page under AppTest: the median warm rerun (every query cached) beside an empty page
  measured in the same run, and the median cold run (query cache cleared), with the time spent
  in the page's queries and the slowest query. Target: warm rerun within 10x the empty page;
- in Chromium (/usr/bin/chromium): cold start (server spawn to the first full render), first
  and repeat visits of every page, and filter change to redraw (target < 1 s);
- export: bench/export.py (deck for the region and for Ukraine, cold and warm; one-pager);
- scale: the same page timings on a warehouse whose fct_indicator_value is grown by --factor
  (bench/scale.py), against the unscaled run. Target: within 3x.

AppTest note: with the pages in a folder named pages/, an AppTest rerun skips app.py (see
bench/README.md, known gaps); the benchmark pins Streamlit's flag the way a running server holds
it, so a rerun here runs app.py, the sidebar and the page, as in the server.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
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
    chromium_available,
    machine_line,
    median,
    ms,
    pin_pages_manager_to_server_state,
    share_script_cache_like_server,
    streamlit_server,
    verdict,
)

from dashboard import cache, config  # noqa: E402

APP = ROOT / "app.py"
TABLES: list[Table] = []
NOTES: list[str] = []


def section(title: str, columns: list[str]) -> Table:
    table = Table(title, columns)
    TABLES.append(table)
    print(f"\n{title}\n  " + " | ".join(columns), flush=True)
    return table


# --- query timing ----------------------------------------------------------------------------

QUERY_LOG: list[tuple[str, float]] = []


def instrument_queries() -> None:
    """Time every query the pages run through the cache (dashboard.cache.query_observers)."""
    prefix = "dashboard.queries."
    cache.query_observers.append(
        lambda path, seconds: QUERY_LOG.append((path.removeprefix(prefix), seconds))
    )


# --- AppTest ---------------------------------------------------------------------------------


def write_baseline_apps(directory: Path, default_page: str) -> tuple[Path, Path]:
    """An empty app (router + one empty page) and the real shell with an empty default page."""
    empty = directory / "empty"
    empty.mkdir(parents=True)
    (empty / "empty_page.py").write_text('import streamlit as st\n\nst.title("Empty page")\n')
    (empty / "app.py").write_text(
        "import streamlit as st\n\n"
        'st.set_page_config(page_title="Empty", layout="wide")\n'
        'st.navigation([st.Page("empty_page.py", title="Empty", default=True)]).run()\n'
    )
    shell = directory / "shell"
    shell.mkdir()
    shutil.copy(APP, shell / "app.py")
    page = shell / default_page
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text('import streamlit as st\n\nst.title("Shell only: an empty page")\n')
    return empty / "app.py", shell / "app.py"


def measure_app(script: Path, page: str | None, default_page: str, reruns: int, colds: int) -> dict:
    """Median warm rerun and cold run of one page, with the cold runs' query time."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(script), default_timeout=300)
    started = time.perf_counter()
    at.run()
    first = time.perf_counter() - started
    if page and page != default_page:
        started = time.perf_counter()
        at.switch_page(page).run()
        first = time.perf_counter() - started
    problems = [e.value for e in at.exception] + [e.value for e in at.error]
    warm = []
    for _ in range(reruns):
        started = time.perf_counter()
        at.run()
        warm.append(time.perf_counter() - started)
    cold, query_time, slowest = [], [], defaultdict(float)
    for _ in range(colds):
        st.cache_data.clear()
        cache.clear_query_results()
        QUERY_LOG.clear()
        started = time.perf_counter()
        at.run()
        cold.append(time.perf_counter() - started)
        query_time.append(sum(seconds for _, seconds in QUERY_LOG))
        for name, seconds in QUERY_LOG:
            slowest[name] = max(slowest[name], seconds)
    problems += [e.value for e in at.exception] + [e.value for e in at.error]
    top = max(slowest.items(), key=lambda item: item[1]) if slowest else ("", 0.0)
    return {
        "first": first,
        "warm": median(warm),
        "cold": median(cold),
        "queries": median(query_time) if query_time else 0.0,
        "query_count": len(QUERY_LOG),
        "slowest": top,
        "problems": problems,
        "elements": len(list(at.main)) if hasattr(at, "main") else 0,
    }


def apptest_pages(
    warehouse: Path,
    pages: list[str],
    default_page: str,
    reruns: int,
    colds: int,
    scratch: Path,
    label: str,
) -> dict[str, dict]:
    os.environ[config.WAREHOUSE_ENV] = str(warehouse)
    results: dict[str, dict] = {}
    empty_app, shell_app = write_baseline_apps(scratch / f"baseline-{label}", default_page)
    results["(empty page)"] = measure_app(empty_app, None, default_page, reruns, colds)
    results["(shell + empty page)"] = measure_app(shell_app, None, default_page, reruns, colds)
    for page in pages:
        results[page] = measure_app(APP, page, default_page, reruns, colds)
        print(
            f"    {label}: {page}: warm {ms(results[page]['warm'])}, cold {ms(results[page]['cold'])}",
            flush=True,
        )
    return results


def report_pages(results: dict[str, dict], title: str) -> bool:
    table = section(
        title,
        [
            "Page",
            "Warm rerun (median)",
            "x empty page",
            "Target",
            "Result",
            "Cold run (median)",
            "Queries in cold run",
            "Slowest query (cold)",
        ],
    )
    empty = results["(empty page)"]["warm"]
    all_pass = True
    for page, result in results.items():
        ratio = result["warm"] / empty if empty else float("nan")
        baseline = page.startswith("(")
        ok = None if page == "(empty page)" else ratio <= 10
        if ok is False and not baseline:
            all_pass = False
        name, seconds = result["slowest"]
        table.add(
            page,
            ms(result["warm"]),
            f"{ratio:.1f}x",
            "" if page == "(empty page)" else "<= 10x",
            verdict(ok),
            ms(result["cold"]),
            f"{ms(result['queries'])} ({result['query_count']})",
            f"{name} {ms(seconds)}" if name else "",
        )
        if result["problems"]:
            NOTES.append(
                f"{title}: {page} showed an error or exception: {result['problems'][0][:200]}"
            )
    return all_pass


# --- Chromium --------------------------------------------------------------------------------

RENDERED = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (!document.querySelector('h1')) return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  for (const el of document.querySelectorAll('[data-testid="stPlotlyChart"]'))
    if (el.offsetParent !== null && !el.querySelector('.main-svg')) return false;
  for (const el of document.querySelectorAll('[data-testid="stDeckGlJsonChart"]'))
    if (el.offsetParent !== null && !el.querySelector('canvas')) return false;
  return true;
}"""

WATCH_RUNS = """() => {
  window.__marks = [];
  if (window.__watching) return;
  window.__watching = true;
  const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver(() => window.__marks.push(
    [app.getAttribute('data-test-script-state'), performance.now()]
  )).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""

RERUN_DONE = "() => window.__marks.some(m => m[0] === 'running') && (" + RENDERED + ")()"
TWO_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def wait_rendered(page, timeout_ms: int = 120_000) -> None:
    page.wait_for_function(RENDERED, timeout=timeout_ms, polling=20)
    page.evaluate(TWO_FRAMES)


@dataclass
class Redraw:
    total: float  # user action to redrawn page (two frames after the run finished)
    to_running: float  # action to the browser showing the script as running (request sent)
    running: float  # script running, as the browser sees it (server time + messages)


def timed_redraw(page, act: Callable[[], None]) -> Redraw:
    """Do `act` (a user's action that reruns the script) and time it to the redrawn page."""
    page.evaluate(WATCH_RUNS)
    began = page.evaluate("performance.now()")
    started = time.perf_counter()
    act()
    page.wait_for_function(RERUN_DONE, timeout=60_000, polling=10)
    page.evaluate(TWO_FRAMES)
    total = time.perf_counter() - started
    marks = page.evaluate("window.__marks")
    running = next(t for state, t in marks if state == "running")
    finished = max((t for state, t in marks if state == "notRunning"), default=running)
    return Redraw(total, (running - began) / 1000, (finished - running) / 1000)


def filter_changes(page, changes: list[tuple[str, str]]) -> list[Redraw]:
    """Change the sidebar's country filter as a user does (type and Enter, or a chip's remove
    button); time each change to the redrawn page."""
    box = (
        page.get_by_test_id("stSidebar")
        .get_by_test_id("stMultiSelect")
        .filter(has_text="Country or territory")
    )
    field = box.locator("input")
    timings = []
    for action, country in changes:
        if action == "add":
            field.click()
            field.fill(country)
            page.wait_for_timeout(250)  # the option list filters as the user types
        # A prefix: the chip shows "Kosovo*" (the UNSCR 1244 marker) for "Kosovo"
        remove = box.locator(f'button[aria-label^="Remove {country}"]')
        if action == "add":
            timings.append(timed_redraw(page, lambda: page.keyboard.press("Enter")))
        else:
            timings.append(timed_redraw(page, remove.click))
        if action == "add":
            page.keyboard.press("Escape")
    return timings


def language_switches(page, rounds: int) -> list[Redraw]:
    """Switch the sidebar's language to Russian and back as a user does (a click on the
    segmented control's button); time each switch to the redrawn page."""
    switch = page.get_by_test_id("stSidebar")
    timings = []
    for _ in range(rounds):
        for label in ("Русский", "English"):
            timings.append(timed_redraw(page, switch.get_by_text(label, exact=True).click))
    return timings


def cold_start_rows(browser, warehouse: Path, table: Table, spawns: int) -> None:
    """Server spawn to the overview fully drawn in a fresh browser: a plain `streamlit run`, and
    as the README's command starts it (scripts/dashboard.sh: with the warm-up beside it, which
    runs the default page as soon as the server answers, while the browser loads)."""
    for warm, how in ((False, "plain streamlit run"), (True, "as scripts/dashboard.sh starts it")):
        health, drawn = [], []
        for _ in range(spawns):
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            tab = context.new_page()
            with streamlit_server(warehouse, warm=warm) as server:
                tab.goto(server.url + "/")
                wait_rendered(tab)
                drawn.append(time.perf_counter() - server.started)
                health.append(server.ready - server.started)
            context.close()
        table.add(
            f"Cold start ({how}): server spawn to health check",
            f"median {ms(median(health))}",
            "",
            "",
        )
        table.add(
            f"Cold start ({how}): server spawn to overview fully rendered",
            f"median {ms(median(drawn))} ({', '.join(ms(t) for t in drawn)})",
            "< 4 s" if warm else "",
            verdict(median(drawn) < 4.0) if warm else "",
        )


def chromium_rows(warehouse: Path, pages: list[str], default_page: str, rounds: int) -> None:
    table = section(
        "Chromium (headless, /usr/bin/chromium)", ["Measure", "Time", "Target", "Result"]
    )
    if not chromium_available():
        table.add("all rows", "skipped: no chromium", "", "n/a")
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            tab = context.new_page()
            cold_start_rows(browser, warehouse, table, spawns=3)
            with streamlit_server(warehouse) as server:
                tab.goto(server.url + "/")
                wait_rendered(tab)
                visits = {}
                for repeat in ("first visit", "repeat visit"):
                    for path in pages:
                        stem = "" if path == default_page else Path(path).stem
                        visit = context.new_page()
                        started = time.perf_counter()
                        visit.goto(f"{server.url}/{stem}")
                        try:
                            wait_rendered(visit)
                            visits[(repeat, path)] = time.perf_counter() - started
                        except Exception as error:  # a page that never finishes is a result too
                            visits[(repeat, path)] = None
                            NOTES.append(
                                f"Chromium {repeat} of {path}: {type(error).__name__}: {str(error)[:150]}"
                            )
                        visit.close()
                for path in pages:
                    table.add(
                        f"Page load (new session): {path}",
                        f"{ms(visits[('first visit', path)])} first / {ms(visits[('repeat visit', path)])} repeat",
                        "",
                        "",
                    )
                for path in pages:
                    if path not in (default_page, "pages/map.py"):
                        continue
                    stem = "" if path == default_page else Path(path).stem
                    tab.goto(f"{server.url}/{stem}")
                    wait_rendered(tab)
                    changes = [
                        ("add", "Albania"),
                        ("add", "Kosovo"),
                        ("remove", "Kosovo"),
                        ("remove", "Albania"),
                    ]
                    timings: list[Redraw] = []
                    try:
                        for _ in range(rounds):
                            timings += filter_changes(tab, changes)
                    except Exception as error:
                        NOTES.append(
                            f"Chromium filter change on {path}: {type(error).__name__}: {str(error)[:200]}"
                        )
                    try:
                        switches = language_switches(tab, rounds)
                        worst = max(t.total for t in switches)
                        table.add(
                            f"Language switch to redraw, {path} ({len(switches)} switches)",
                            f"median {ms(median([t.total for t in switches]))}, max {ms(worst)}",
                            "< 1 s",
                            verdict(worst < 1.0),
                        )
                    except Exception as error:
                        NOTES.append(
                            f"Chromium language switch on {path}: {type(error).__name__}: {str(error)[:200]}"
                        )
                    if timings:
                        worst = max(t.total for t in timings)
                        table.add(
                            f"Filter change to redraw, {path} ({len(timings)} changes)",
                            f"median {ms(median([t.total for t in timings]))}, max {ms(worst)}",
                            "< 1 s",
                            verdict(worst < 1.0),
                        )
                        table.add(
                            "  of which: action to request sent / script run as seen by the browser",
                            f"{ms(median([t.to_running for t in timings]))} / {ms(median([t.running for t in timings]))}",
                            "",
                            "",
                        )
                    else:
                        table.add(
                            f"Filter change to redraw, {path}",
                            "failed (see notes)",
                            "< 1 s",
                            "MISS",
                        )
        finally:
            browser.close()


# --- build and export ------------------------------------------------------------------------


def build_rows(scratch: Path, repeats: int) -> Path:
    from dashboard import warehouse

    table = section(
        "Warehouse build (data/sources/ to DuckDB, with data tests)",
        ["Measure", "Time", "Target", "Result"],
    )
    times = []
    out = scratch / "warehouse.duckdb"
    for _ in range(repeats):
        started = time.perf_counter()
        report = warehouse.build(config.SOURCES_DIR, out)
        times.append(time.perf_counter() - started)
    table.add(f"Build, median of {repeats}", ms(median(times)), "", "")
    table.add(
        "Rows in fct_indicator_value", f"{report.row_counts['fct_indicator_value']:,}", "", ""
    )
    return out


def export_rows(warehouse: Path) -> None:
    import export  # bench/export.py

    table = section("Export (briefing deck)", ["Measure", "Time", "Target", "Result"])
    os.environ[config.WAREHOUSE_ENV] = str(warehouse)
    for iso3, label in ((None, "whole region"), ("UKR", "Ukraine")):
        try:
            timings = export.benchmark(iso3, 1)  # prints its own lines too
        except Exception as error:
            table.add(label, f"n/a (failed: {type(error).__name__}: {str(error)[:120]})", "", "")
            continue
        for name, seconds in timings.items():
            table.add(f"{label}: {name.replace('_', ' ')}", ms(seconds), "", "")


# --- scale -----------------------------------------------------------------------------------


def scaled_warehouse(factor: int, directory: Path, reuse: bool) -> tuple[Path, dict | None]:
    import scale

    out = directory / "warehouse.duckdb"
    marker = directory / f"factor-{factor}"
    if reuse and out.exists() and marker.exists():
        return out, None
    marker.unlink(missing_ok=True)
    result = scale.build_scaled(factor, directory)
    marker.write_text("built by bench/run.py\n")
    return out, result


def report_scale(
    plain: dict[str, dict], scaled: dict[str, dict], factor: int, build: dict | None, rows: int
) -> None:
    table = section(
        f"Scale: fct_indicator_value x{factor} ({rows:,} rows) against the unscaled run",
        [
            "Page",
            "Warm: unscaled / scaled",
            "Ratio",
            "Cold: unscaled / scaled",
            "Ratio",
            "Target",
            "Result",
            "Slowest query (scaled, cold)",
        ],
    )
    for page in plain:
        if page.startswith("("):
            continue
        a, b = plain[page], scaled[page]
        warm_ratio = b["warm"] / a["warm"] if a["warm"] else float("nan")
        cold_ratio = b["cold"] / a["cold"] if a["cold"] else float("nan")
        ok = warm_ratio <= 3 and cold_ratio <= 3
        name, seconds = b["slowest"]
        table.add(
            page,
            f"{ms(a['warm'])} / {ms(b['warm'])}",
            f"{warm_ratio:.1f}x",
            f"{ms(a['cold'])} / {ms(b['cold'])}",
            f"{cold_ratio:.1f}x",
            "<= 3x",
            verdict(ok),
            f"{name} {ms(seconds)}",
        )
    if build:
        NOTES.append(
            f"Scaled warehouse: generated in {build['generate_seconds']:.0f} s, built in "
            f"{build['build_seconds']:.0f} s (peak memory of the build process "
            f"{build['peak_rss_mb']:,.0f} MB), {build['db_mb']:,.0f} MB on disk."
        )


# --- main ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reruns", type=int, default=10, help="warm reruns per page (median)")
    parser.add_argument("--colds", type=int, default=3, help="cold runs per page (median)")
    parser.add_argument(
        "--factor", type=int, default=1000, help="scale factor of fct_indicator_value"
    )
    parser.add_argument(
        "--scale-dir", type=Path, default=Path(tempfile.gettempdir()) / "seeeca-scale"
    )
    parser.add_argument(
        "--reuse-scale", action="store_true", help="reuse a scaled warehouse built earlier"
    )
    parser.add_argument("--pages", help="comma-separated page names (default: every page)")
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--skip-export", action="store_true")
    parser.add_argument(
        "--quick", action="store_true", help="no scale run, 5 reruns, 1 cold run, 1 round"
    )
    parser.add_argument("--out", type=Path, default=RESULTS / "latest.md")
    args = parser.parse_args(argv)
    if args.quick:
        args.reruns, args.colds, args.skip_scale = 5, 1, True
    pages, default_page = app_pages()
    if args.pages:
        wanted = {p.strip() for p in args.pages.split(",")}
        pages = [p for p in pages if Path(p).stem in wanted]

    started = time.perf_counter()
    machine = machine_line()
    print(machine)
    pin_pages_manager_to_server_state()
    share_script_cache_like_server()
    instrument_queries()
    with tempfile.TemporaryDirectory(prefix="seeeca-bench-") as scratch_name:
        scratch = Path(scratch_name)
        warehouse = build_rows(scratch, repeats=1 if args.quick else 3)
        plain = apptest_pages(
            warehouse, pages, default_page, args.reruns, args.colds, scratch, "unscaled"
        )
        report_pages(plain, "Pages under AppTest (unscaled warehouse)")
        if not args.skip_browser:
            chromium_rows(warehouse, pages, default_page, rounds=1 if args.quick else 3)
        if not args.skip_export:
            export_rows(warehouse)
        if not args.skip_scale:
            scaled, build = scaled_warehouse(args.factor, args.scale_dir, args.reuse_scale)
            import duckdb

            with duckdb.connect(str(scaled), read_only=True) as con:
                rows = con.execute("select count(*) from fct_indicator_value").fetchone()[0]
            scaled_results = apptest_pages(
                scaled, pages, default_page, args.reruns, args.colds, scratch, "scaled"
            )
            report_pages(scaled_results, f"Pages under AppTest (warehouse scaled x{args.factor})")
            report_scale(plain, scaled_results, args.factor, build, rows)

    elapsed = time.perf_counter() - started
    text = [
        f"# Benchmark results\n\n{machine}; run took {elapsed / 60:.1f} min "
        f"(`python bench/run.py {' '.join(argv or sys.argv[1:])}`).\n"
    ]
    text += [table.markdown() for table in TABLES]
    if NOTES:
        text.append("Notes:\n\n" + "\n".join(f"- {note}" for note in NOTES) + "\n")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(text), encoding="utf-8")
    print("\n".join(f"note: {n}" for n in NOTES))
    print(f"\nwritten to {args.out} in {elapsed / 60:.1f} min")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

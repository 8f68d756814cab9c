"""Export timings: a briefing deck built outside the app, cold (browser start included) and warm.

    python bench/export.py [--country ISO3] [--warm-runs N]

Prints one line per measure; bench/run.py prints the same figures in its export table.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dashboard import briefing as briefings  # noqa: E402
from dashboard import db, exports  # noqa: E402
from dashboard.exports.__main__ import scope_for  # noqa: E402


def benchmark(iso3: str | None = None, warm_runs: int = 2) -> dict[str, float]:
    """Seconds for the briefing, the renderer's start, a first export and warm ones (PowerPoint and
    PDF together), and the country's one-page summary; printed and returned."""
    con = db.connect_read_only()
    try:
        scope = scope_for(con, iso3)
        start = time.perf_counter()
        deck = briefings.build(
            briefings.load(briefings.direct(con), scope), date.today().isoformat()
        )
        timings = {"briefing": time.perf_counter() - start}
    finally:
        con.close()
    start = time.perf_counter()
    with exports.ChartRenderer() as renderer:
        timings["renderer_start"] = time.perf_counter() - start
        for run in range(warm_runs + 1):
            result = exports.export(deck, renderer)
            timings["export_first" if run == 0 else f"export_warm_{run}"] = result.seconds
    if scope.country:
        start = time.perf_counter()
        exports.one_page_pdf(deck)
        timings["one_page"] = time.perf_counter() - start
    for name, seconds in timings.items():
        print(f"{name:>20}: {seconds:6.2f} s")
    print(
        f"{'slides':>20}: {len(deck.screens)}; native charts: "
        f"{sum(s.chart is not None for s in deck.screens)}; pictures: {len(result.pngs)}; "
        f"pptx {len(result.pptx) / 1e6:.2f} MB; pdf {len(result.pdf) / 1e6:.2f} MB"
    )
    return timings


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--country", help="ISO3 code (default: the whole region)")
    parser.add_argument("--warm-runs", type=int, default=2)
    args = parser.parse_args(argv)
    benchmark(args.country, args.warm_runs)


if __name__ == "__main__":
    main()

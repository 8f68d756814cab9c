"""A copy of the sources with fct_indicator_value grown by a factor, built with the real build.

    python bench/scale.py [--factor 1000] [--dir /tmp/seeeca-scale]

Every real indicator code gets factor-1 synthetic copies, `<code>~synthNNN`, each with a
catalogue row (same family, unit, aggregation and source; the weight of a weighted indicator is
the copy of its weight) and the same values for the same countries and years. The copies are
written copy by copy, so every DuckDB row group holds every code and min/max pruning on
indicator_code cannot skip them: a query for a real code scans factor times more rows. The real
codes, countries and years are unchanged, so the pages still show the real indicators; pages
that list every indicator (pickers, the catalogue) also list the copies.
"""

from __future__ import annotations

import argparse
import csv
import resource
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dashboard import config, warehouse  # noqa: E402

SUFFIX = "~synth"


def synthetic_code(code: str, copy: int) -> str:
    return f"{code}{SUFFIX}{copy:03d}"


def write_scaled_sources(factor: int, target: Path) -> int:
    """Copy data/sources/ to `target` with factor x the indicator rows; return the row count."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(config.SOURCES_DIR, target)

    catalog_path = target / "indicator_catalog.csv"
    with catalog_path.open(newline="", encoding="utf-8") as handle:
        catalog = list(csv.DictReader(handle))
    with catalog_path.open("a", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(catalog[0]), lineterminator="\n")
        for copy in range(1, factor):
            for row in catalog:
                weight = row["weight_indicator_code"]
                writer.writerow(
                    {
                        **row,
                        "indicator_code": synthetic_code(row["indicator_code"], copy),
                        "name": f"{row['name']} [synthetic copy {copy}]",
                        "weight_indicator_code": synthetic_code(weight, copy) if weight else "",
                        "description": "Synthetic copy for the scale benchmark (bench/scale.py).",
                    }
                )

    values_path = target / "indicators.csv"
    lines = values_path.read_text(encoding="utf-8").splitlines()
    header, body = lines[0], [line for line in lines[1:] if line]
    assert header.startswith("indicator_code,"), header
    # The first field (the code) never needs quoting; the rest of each line is kept as written.
    split = [line.split(",", 1) for line in body]
    rows = len(body)
    with values_path.open("a", encoding="utf-8", newline="") as handle:
        for copy in range(1, factor):
            suffix = f"{SUFFIX}{copy:03d},"
            handle.write("\n".join(code + suffix + rest for code, rest in split))
            handle.write("\n")
            rows += len(body)
    return rows


def build_scaled(factor: int, directory: Path) -> dict[str, float]:
    """Generate and build; return rows, seconds and the peak memory of this process."""
    directory.mkdir(parents=True, exist_ok=True)
    sources, out = directory / "sources", directory / "warehouse.duckdb"
    started = time.perf_counter()
    rows = write_scaled_sources(factor, sources)
    generated = time.perf_counter()
    report = warehouse.build(sources_dir=sources, out=out)
    built = time.perf_counter()
    return {
        "rows": rows,
        "generate_seconds": generated - started,
        "build_seconds": built - generated,
        "fct_indicator_value": report.row_counts["fct_indicator_value"],
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "db_mb": out.stat().st_size / 1e6,
        "path": str(out),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--factor", type=int, default=1000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/seeeca-scale"))
    args = parser.parse_args(argv)
    result = build_scaled(args.factor, args.dir)
    for key, value in result.items():
        print(
            f"{key:>20}: {value:,.1f}"
            if isinstance(value, float)
            else f"{key:>20}: {value:,}"
            if isinstance(value, int)
            else f"{key:>20}: {value}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

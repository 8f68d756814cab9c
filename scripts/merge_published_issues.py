"""Merge the transcription notes (data/sources/_notes/*.csv) into data/sources/published_issues.csv.

Notes of mismatching printed totals are left out: the warehouse recomputes those itself
(dq_finding.sql), and tests/test_warehouse.py checks that it finds exactly the same ones.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTES = ROOT / "data" / "sources" / "_notes"
TARGET = ROOT / "data" / "sources" / "published_issues.csv"
COLUMNS = [
    "issue_id",
    "check_name",
    "subject",
    "expected",
    "published",
    "source_id",
    "source_section",
    "note",
]
COMPUTED_CHECKS = {
    "row_total_vs_cells",
    "column_total_vs_cells",
    "grand_total_vs_column_totals",
    "grand_total_vs_cells",
    "overview_vs_region_table",
}


def main() -> int:
    rows = []
    for path in sorted(NOTES.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row["check_name"] in COMPUTED_CHECKS:
                    continue
                rows.append({column: row.get(column, "") for column in COLUMNS})
    with TARGET.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} published issues written to {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

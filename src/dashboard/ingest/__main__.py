"""CLI: read the official files and write the tidy extract into data/sources/.

    python -m dashboard.ingest [--public-dir DIR] [--out DIR] [--accept-shrink]

Defaults: the public data directory beside the checkout (<repo>/../shared/data/public) and
<repo>/data/sources. Prints row counts and coverage per indicator. Exits 1 with one line naming
the file (and line) if an official file does not have the expected format, is not whole (cut
short, re-encoded), or yields fewer years, countries or rows for a series than the extract in
--out already holds (--accept-shrink takes such a smaller download on purpose); nothing is
written then.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from dashboard import config

DEFAULT_PUBLIC_DIR = config.DEFAULT_PUBLIC_DATA_DIR  # paths live in config, once
DEFAULT_OUT_DIR = config.SOURCES_DIR


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.ingest",
        description="Read the official migration datasets and write the tidy extract.",
    )
    parser.add_argument(
        "--public-dir",
        type=Path,
        default=DEFAULT_PUBLIC_DIR,
        help=f"directory of the official files (default: {DEFAULT_PUBLIC_DIR})",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT_DIR,
        help=f"output directory (default: {DEFAULT_OUT_DIR})",
    )
    parser.add_argument(
        "--accept-shrink",
        action="store_true",
        help="write the extract even if a series has fewer years, countries or rows than the"
        " extract in --out (a publisher's deliberate cut, not a damaged download)",
    )
    args = parser.parse_args(argv)

    from .common import IngestError
    from .pipeline import check_against_previous, check_out_dir, coverage, ingest, write_outputs

    started = time.perf_counter()
    try:
        check_out_dir(args.out)
        result = ingest(args.public_dir)
        warnings = check_against_previous(
            result, args.public_dir, args.out, accept_shrink=args.accept_shrink
        )
        paths = write_outputs(result, args.out)
    except (IngestError, OSError, ValueError) as error:
        # One line: the file (and line) and what is wrong; nothing has been written.
        print(f"ingest failed: {' '.join(str(error).split())}", file=sys.stderr)
        return 1
    for warning in warnings:
        print(f"accepted a smaller extract: {warning}", file=sys.stderr)

    print(f"{'indicator_code':40} {'rows':>6} {'ctry':>4}  {'years':9}  missing countries")
    for line in coverage(result):
        print(
            f"{line['indicator_code']:40} {line['rows']:>6} {line['countries']:>4}  "
            f"{line['years']:9}  {line['missing'] or '-'}"
        )
    print(f"{'total':40} {len(result.rows):>6}")
    for source_id, note in sorted(result.notes.items()):
        shown = ", ".join(f"{k}: {v}" for k, v in note.items() if v)
        if shown:
            print(f"  {source_id}: {shown}")
    for path in paths.values():
        print(f"wrote {path}")
    print(f"done in {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

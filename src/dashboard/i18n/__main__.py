"""python -m dashboard.i18n update | check | compile  (docs/TRANSLATION.md)

update   add the code's new msgids (and the declared data texts) to their area's .po
check    list what is untranslated or wrong, per .po; exit status 1 if anything is
compile  build the .mo files the app loads (scripts/setup_env.sh runs it)
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from dashboard.i18n import catalogues


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.i18n", description=__doc__)
    parser.add_argument("command", choices=("update", "check", "compile"))
    parser.add_argument("--area", help="check: only this catalogue (common, overview, ...)")
    args = parser.parse_args(argv)
    if args.command == "update":
        added = catalogues.update()
        for area, count in added.items():
            if count:
                print(f"{area}.po: {count} new msgid(s) to translate")
        print(f"{sum(added.values())} new msgid(s) in all.")
        return 0
    if args.command == "compile":
        written = catalogues.compile_all()
        print(f"Compiled {len(written)} catalogue(s) in {catalogues.po_path('common').parent}.")
        return 0
    found = [
        problem
        for problem in catalogues.problems()
        if args.area is None or problem.area == args.area
    ]
    for problem in found:
        print(problem)
    by_area = Counter(problem.area for problem in found)
    for area in catalogues.AREAS:
        if args.area is None or area == args.area:
            status = f"{by_area[area]} to do" if by_area[area] else "complete"
            print(f"{area + '.po':<18} {status}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

"""`python -m dashboard.exports [--lang ru] [--country ISO3] --out FILE [--one-page]`: a deck
(.pptx or .pdf) or a country's one-page summary (.pdf) built outside the app, in English (the
default) or Russian, for scripts and checks."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

from dashboard import briefing as briefings
from dashboard import config, db
from dashboard.exports import FORMATS, build_deck, one_page_pdf
from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES, _, using


def scope_for(con, iso3: str | None, years: tuple[int, int] | None = None) -> briefings.Scope:
    """A country's scope, or the whole region's when no country is given; by default the years
    from config.DEFAULT_FIRST_YEAR to the warehouse's latest year with data."""
    if years is None:
        latest = con.execute("select max(year) from fct_indicator_value").fetchone()[0]
        years = (config.DEFAULT_FIRST_YEAR, int(latest))
    names = dict(con.execute("select iso3, name from dim_country order by iso3").fetchall())
    if iso3:
        if iso3 not in names:
            raise SystemExit(f"Unknown country {iso3!r}; use an ISO3 code such as UKR or XKX.")
        return briefings.Scope((iso3,), names[iso3], years, country=iso3)
    return briefings.Scope(tuple(names), _("the whole region"), years, whole_region=True)


def briefing_for(iso3: str | None) -> briefings.Briefing:
    con = db.connect_read_only()
    try:
        scope = scope_for(con, iso3)
        return briefings.build(briefings.load(briefings.direct(con), scope), date.today())
    finally:
        con.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.exports",
        description=f"Build a {config.REGION_SHORT} briefing deck or a country's one-page summary.",
    )
    parser.add_argument("--country", help="ISO3 code (default: the whole region)")
    parser.add_argument(
        "--lang",
        choices=tuple(LANGUAGES),
        default=DEFAULT_LANGUAGE,
        help=f"language of the file (default: {DEFAULT_LANGUAGE})",
    )
    parser.add_argument("--out", type=Path, required=True, help="FILE.pptx or FILE.pdf")
    parser.add_argument(
        "--one-page", action="store_true", help="the A4 'country at a glance' (needs --country)"
    )
    args = parser.parse_args(argv)
    fmt = args.out.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        parser.error("--out must end in .pptx or .pdf")
    if args.one_page and (fmt != "pdf" or not args.country):
        parser.error("--one-page writes a .pdf for one --country")
    with using(args.lang):
        deck = briefing_for(args.country)
    start = time.perf_counter()
    data = one_page_pdf(deck, args.lang) if args.one_page else build_deck(deck, fmt, lang=args.lang)
    args.out.write_bytes(data)
    what = "1 page" if args.one_page else f"{len(deck.screens)} slides"
    print(f"{args.out}: {what} in {time.perf_counter() - start:.2f} s", file=sys.stdout)


if __name__ == "__main__":
    main()

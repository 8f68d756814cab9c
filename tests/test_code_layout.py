"""The code layout the README describes: each query function is named after the one SQL file it
runs, every SQL query has a function, and the per-page modules are named after a page."""

from __future__ import annotations

import ast
import re

import pytest

from dashboard import config

QUERIES_DIR = config.PACKAGE_DIR / "queries"
RUN_SQL = re.compile(r"""run_sql\(\s*\w+\s*,\s*["']([a-z0-9_]+)["']""")
QUERY_TEXT = re.compile(r"""query_text\(\s*["']([a-z0-9_]+)["']""")


def query_functions() -> dict[str, str]:
    """queries/<module>.<function> -> its source, for the public functions."""
    found = {}
    for path in sorted(QUERIES_DIR.glob("*.py")):
        if path.name == "__init__.py":
            continue
        source = path.read_text(encoding="utf-8")
        for node in ast.parse(source).body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                found[f"{path.stem}.{node.name}"] = ast.get_source_segment(source, node) or ""
    return found


def runs(function: str) -> list[str]:
    """The SQL files a query function runs by name (itself, not through the others it calls)."""
    return RUN_SQL.findall(query_functions()[function])


@pytest.mark.parametrize("function", sorted(f for f in query_functions() if runs(f)))
def test_each_query_function_is_named_after_the_sql_it_runs(function):
    assert runs(function) == [function.rsplit(".", 1)[1]]


def test_each_sql_query_has_one_function():
    files = {path.stem for path in (config.SQL_DIR / "queries").glob("*.sql")}
    run = [name for function in query_functions() for name in runs(function)]
    assert sorted(run) == sorted(set(run)), "two functions run the same SQL file"
    # A file may also be composed into a larger query (query_text) rather than run on its own.
    composed = {
        name
        for path in QUERIES_DIR.glob("*.py")
        for name in QUERY_TEXT.findall(path.read_text(encoding="utf-8"))
    }
    assert files - set(run) - composed == set(), "SQL files no query function uses"
    assert set(run) - files == set(), "functions naming a missing SQL file"


@pytest.mark.parametrize("package", ["queries", "content", "charts", "views"])
def test_per_page_modules_are_named_after_a_page(package):
    pages = {path.stem for path in (config.REPO_ROOT / "pages").glob("*.py")}
    # Concerns shared by several pages, with no page of their own: the sidebar's filters and
    # themes, the catalogue queries behind Data and sources and the glossary, the offices (map,
    # overview), the headline rule, the UN projections (country, trends), the coverage chart, the
    # chart specifications the exports draw natively (briefing and country decks), what changed
    # in the latest year (overview, outlook), the display names (every page).
    shared = {
        "spec",
        "names",
        "changes",
        "filters",
        "themes",
        "catalog",
        "coverage",
        "offices",
        "headline",
        "projection",
        "projections",
        "summary",  # charts/summary: every chart's one-sentence text alternative
        "style",  # charts/style: the look every chart shares
        "corridors",  # migration corridors (country page, briefing)
    }
    modules = {
        path.stem
        for path in (config.PACKAGE_DIR / package).glob("*.py")
        if path.name != "__init__.py"
    }
    assert modules - pages - shared == set()

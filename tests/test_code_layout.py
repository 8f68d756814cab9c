"""The code layout the README describes: each query function is named after the one SQL file it
runs, every SQL query has exactly one function, and the per-page modules are named after a page."""

from __future__ import annotations

import ast
import re

import pytest

from dashboard import config

QUERIES_DIR = config.PACKAGE_DIR / "queries"
RUN_SQL = re.compile(r"""run_sql\(\s*\w+\s*,\s*["']([a-z0-9_]+)["']""")


def query_functions() -> dict[str, list[str]]:
    """queries/<module>.<function> -> names of the SQL files it runs."""
    found = {}
    for path in sorted(QUERIES_DIR.glob("*.py")):
        if path.name == "__init__.py":
            continue
        source = path.read_text(encoding="utf-8")
        for node in ast.parse(source).body:
            if isinstance(node, ast.FunctionDef):
                segment = ast.get_source_segment(source, node) or ""
                found[f"{path.stem}.{node.name}"] = RUN_SQL.findall(segment)
    return found


@pytest.mark.parametrize("function", sorted(query_functions()))
def test_each_query_function_is_named_after_the_sql_it_runs(function):
    assert query_functions()[function] == [function.rsplit(".", 1)[1]]


def test_each_sql_query_has_one_function():
    files = {path.stem for path in (config.SQL_DIR / "queries").glob("*.sql")}
    runs = [name for names in query_functions().values() for name in names]
    assert sorted(runs) == sorted(set(runs)), "two functions run the same SQL file"
    assert set(runs) == files, "SQL files without a function, or functions without a file"


@pytest.mark.parametrize("package", ["queries", "content", "charts", "views"])
def test_per_page_modules_are_named_after_a_page(package):
    pages = {path.stem for path in (config.REPO_ROOT / "pages").glob("*.py")}
    # Modules shared by pages, with no page of their own: the sidebar's filters and themes, the
    # catalogue queries behind Data and sources and the glossary, the offices (map, overview) and
    # the coverage chart.
    shared = {"filters", "themes", "catalog", "coverage", "offices"}
    modules = {
        path.stem
        for path in (config.PACKAGE_DIR / package).glob("*.py")
        if path.name != "__init__.py"
    }
    assert modules - pages - shared == set()

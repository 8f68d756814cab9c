"""Which warehouse tables each page reads, derived from the code: page -> query function -> SQL
file -> tables, so the catalogue cannot fall behind the SQL or the pages.

Pure: no streamlit. Reads the source of the pages, the sidebar and the query modules with `ast`.
"""

from __future__ import annotations

import ast
import re
import threading
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from dashboard import config, navigation
from dashboard.i18n import N_, _
from dashboard.warehouse import EXPORTED_TABLES

SIDEBAR = "sidebar"  # pseudo-page: the shared filters query the warehouse on every page
SIDEBAR_TITLE = N_("Sidebar filters (every page)")
SIDEBAR_FILE = config.PACKAGE_DIR / "sidebar.py"
QUERIES_DIR = config.PACKAGE_DIR / "queries"

# The sidebar is listed as a page of its own; the others never run queries.
_NOT_QUERYING = {
    "dashboard.sidebar",
    "dashboard.cache",
    "dashboard.config",
    "dashboard.lineage",
    "dashboard.glossary",
    "dashboard.style",
    "dashboard.ui",
    "dashboard.db",
}
_RUN_SQL_NAME = re.compile(r"""run_sql\(\s*\w+\s*,\s*["']([a-z0-9_]+)["']""")
_TABLE_REFERENCE = re.compile(r"\b(?:from|join)\s+([a-z_][a-z0-9_]*)", re.IGNORECASE)

# CPython 3.11 counts ast.parse's recursion in interpreter-wide state, so two sessions' threads
# parsing at once can fail with "SystemError: AST constructor recursion depth mismatch"
# (python/cpython#106905; the Data and sources page failed this way under load). Every parse
# here holds this lock, and the page map is worked out once per process while holding it.
_PARSE_LOCK = threading.RLock()


def _parse(source: str) -> ast.Module:
    with _PARSE_LOCK:
        return ast.parse(source)


@cache
def _query_function_tables(module_name: str) -> dict[str, frozenset[str]]:
    """Tables read by each function of dashboard/queries/<module_name>.py: through the SQL files
    it names, and through the module's other functions it calls."""
    path = QUERIES_DIR / f"{module_name}.py"
    if not path.exists():
        return {}
    source = path.read_text(encoding="utf-8")
    functions = {
        node.name: node for node in _parse(source).body if isinstance(node, ast.FunctionDef)
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


def _module_file(module: str) -> Path | None:
    """The file of a dashboard module (`dashboard.views.briefing` -> views/briefing.py)."""
    parts = module.split(".")[1:]
    path = config.PACKAGE_DIR.joinpath(*parts).with_suffix(".py") if parts else None
    return path if path is not None and path.exists() else None


def file_tables(path: Path, _seen: frozenset[Path] = frozenset()) -> frozenset[str]:
    """Tables a page (or the sidebar) reads through the query functions it names, directly or
    through the dashboard modules it imports (all of such a module's queries are counted)."""
    tree = _parse(path.read_text(encoding="utf-8"))
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
            else:  # `from dashboard(.package) import module` or `from dashboard.module import name`
                imported = f"{node.module}.{alias.name}"
                module = imported if _module_file(imported) else node.module
                if module not in _NOT_QUERYING and (helper := _module_file(module)):
                    helpers.append(helper)
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
        if helper not in seen:
            used |= file_tables(helper, seen)
    return frozenset(used)


def tables_by_page(root: Path = config.REPO_ROOT) -> dict[str, frozenset[str]]:
    """Page path (relative to the repository) -> tables it reads; plus the sidebar's tables."""
    with _PARSE_LOCK:  # sessions opening the page together wait for one parse, not race it
        return _tables_by_page(root)


@cache  # the code does not change while the app runs; parsing it took ~1 s per rerun
def _tables_by_page(root: Path) -> dict[str, frozenset[str]]:
    pages = {page.path: file_tables(root / page.path) for page in navigation.existing(root)}
    return {**pages, SIDEBAR: file_tables(SIDEBAR_FILE)}


def page_title(page: str, titles: Mapping[str, str]) -> str:
    """The menu title of a page path (or the sidebar) in the current language, its file name if
    it has none."""
    if page == SIDEBAR:
        return _(SIDEBAR_TITLE)
    return _(titles[page]) if page in titles else Path(page).stem.replace("_", " ").capitalize()

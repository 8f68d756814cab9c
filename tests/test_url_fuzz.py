"""URL fuzzing: hostile values in every bound query parameter, on every page, never crash the app.

Every link parameter the app reads is fuzzed: the global filters (dashboard.filters.FILTER_PARAMS)
and each page's own parameters, found by reading pages/*.py (calls of `seed_from_*(KEY, ...)`,
`st.query_params[KEY]`, `st.query_params.get/get_all(KEY)` and widgets with
`bind="query-params"`). Values come from a fixed list of hostile strings (SQL, HTML, path
tricks, 10,000 characters, control characters, look-alike digits...) plus random Unicode from a
seeded generator, so a failure replays exactly. Each case is one AppTest session: the rules are

- no exception and no error box, and the page still has its title;
- a warning is shown whenever a non-empty value from the link is ignored (for a page parameter:
  when the page drew the widget the parameter feeds, which is the page_params convention);
- no ignored value is written back into the address bar.

The number of cases is bounded (URL_FUZZ_CASES, default 40) so the file runs in about a minute.
"""

from __future__ import annotations

import ast
import itertools
import os
import random
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import filters
from dashboard.queries import filters as filter_queries

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")


def app_pages() -> tuple[list[str], str]:
    """The page files app.py routes to (those that exist) and its default page."""
    text = (ROOT / "app.py").read_text(encoding="utf-8")
    pages = [
        p
        for p in dict.fromkeys(re.findall(r"[\"']([\w/]+\.py)[\"']", text))
        if (ROOT / p).is_file()
    ]
    default = re.search(r"default=path == [\"']([\w/]+\.py)[\"']", text)
    return sorted(pages), default.group(1) if default else pages[0]


PAGES, DEFAULT_PAGE = app_pages()
CASES = int(os.environ.get("URL_FUZZ_CASES", "40"))
SEED = 20260808

HOSTILE = (
    "",
    " ",
    "..",
    "../../../etc/passwd",
    "%00",
    "\x00",
    "ALB\x00",
    "%2e%2e%2f",
    "'; drop table dim_country; --",
    "ALB' OR '1'='1",
    "1 OR 1=1",
    '" union select * from dim_source --',
    "$iso3",
    "?",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "{{7*7}}",
    "${7*7}",
    "x" * 10_000,
    "\u00e9" * 5_000,
    "\u0395\u03bb\u03bb\u03ac\u03b4\u03b1",  # Greek
    "\U0001f1e6\U0001f1f1",  # a flag emoji
    "\u202eBLA",  # right-to-left override
    "\uff21\uff2c\uff22",  # full-width ALB
    "alb",
    " ALB ",
    "ALB,XKX",
    "ALB&country=XKX",
    "\u00b2\u2070\u00b2\u2070",  # superscript 2020: str.isdigit() is True, int() fails
    "\u0661\u0669\u0669\u0669",  # Arabic-Indic 1999
    "-2000",
    "2000.5",
    "1e3",
    "0x7D0",
    "99999999999999999999999",
    "NaN",
    "None",
    "null",
    "[]",
    "\n",
    "\r\n",
    "\t",
    "%",
    "__proto__",
)


def _random_text(rng: random.Random) -> str:
    """Random Unicode: printable and control characters, any plane, no surrogates."""
    length = rng.choice((1, 3, 8, 40, 65, 300))
    chars = []
    for _ in range(length):
        point = rng.choice(
            (
                rng.randrange(0x20, 0x7F),
                rng.randrange(0, 0x20),
                rng.randrange(0xA0, 0xD7FF),
                rng.randrange(0xE000, 0x10FFFF),
            )
        )
        chars.append(chr(point))
    return "".join(chars)


# --- which parameters the pages read ---------------------------------------------------------


def _string_constants(tree: ast.Module) -> dict[str, str]:
    constants: dict[str, str] = {}
    for node in tree.body:
        if not isinstance(node, ast.Assign):
            continue
        for target in node.targets:
            pairs = []
            if isinstance(target, ast.Name):
                pairs = [(target, node.value)]
            elif isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                pairs = list(zip(target.elts, node.value.elts, strict=False))
            for name, value in pairs:
                if (
                    isinstance(name, ast.Name)
                    and isinstance(value, ast.Constant)
                    and isinstance(value.value, str)
                ):
                    constants[name.id] = value.value
    return constants


def _resolve(node: ast.AST | None, constants: dict[str, str]) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    return None


def _is_query_params(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "query_params"


def page_params(page: str) -> tuple[str, ...]:
    """The query parameters a page reads itself (besides the global filters)."""
    tree = ast.parse((ROOT / page).read_text(encoding="utf-8"))
    constants = _string_constants(tree)
    found: list[str | None] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            function = node.func
            name = (
                function.attr
                if isinstance(function, ast.Attribute)
                else getattr(function, "id", "")
            )
            if name.startswith("seed_from") and node.args:
                found.append(_resolve(node.args[0], constants))
            if (
                name in ("get", "get_all")
                and isinstance(function, ast.Attribute)
                and _is_query_params(function.value)
                and node.args
            ):
                found.append(_resolve(node.args[0], constants))
            keywords = {k.arg: k.value for k in node.keywords}
            if _resolve(keywords.get("bind"), constants) == "query-params":
                found.append(_resolve(keywords.get("key"), constants))
        elif isinstance(node, ast.Subscript) and _is_query_params(node.value):
            found.append(_resolve(node.slice, constants))
    return tuple(dict.fromkeys(k for k in found if k and k not in filters.FILTER_PARAMS))


# --- the cases ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    page: str
    query: dict[str, list[str]]

    def __repr__(self) -> str:  # short ids for failures; the full values are in the assertion
        return f"{self.page}:{sorted(self.query)}"


def make_cases(valid: dict[str, list[str]], count: int = CASES, seed: int = SEED) -> list[Case]:
    """Seeded cases: every hostile string reaches every global filter; every page is visited."""
    rng = random.Random(seed)
    streams = {}
    for key in filters.FILTER_PARAMS:
        shuffled = list(HOSTILE)
        rng.shuffle(shuffled)
        streams[key] = itertools.cycle(shuffled)
    cases = []
    for index in range(count):
        page = PAGES[index % len(PAGES)]
        query: dict[str, list[str]] = {}
        for key in filters.FILTER_PARAMS:
            if rng.random() < 0.25:
                continue
            values = [next(streams[key]) for _ in range(rng.choice((1, 2, 3)))]
            if rng.random() < 0.3:
                values.append(_random_text(rng))
            if rng.random() < 0.3 and valid[key]:
                values.insert(rng.randrange(len(values) + 1), rng.choice(valid[key]))
            query[key] = values
        for key in page_params(page):
            # One value each: a page parameter holds one choice (or a list of them).
            query[key] = [rng.choice((rng.choice(HOSTILE[1:]), _random_text(rng)))]
        cases.append(Case(page, query))
    # Too many values for one parameter.
    cases[0].query[filters.PARAM_COUNTRY] = [
        rng.choice(HOSTILE) for _ in range(filters.MAX_VALUES + 10)
    ]
    return cases


def valid_values(warehouse: Path) -> dict[str, list[str]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        countries = filter_queries.filter_countries(con)
        themes = filter_queries.filter_themes(con)
        span = filter_queries.indicator_year_span(con).iloc[0]
    finally:
        con.close()
    return {
        filters.PARAM_COUNTRY: list(countries["iso3"]),
        filters.PARAM_SUBREGION: list(dict.fromkeys(countries["subregion"])),
        filters.PARAM_THEME: list(themes["element_id"]),
        filters.PARAM_YEARS: [
            str(y) for y in range(int(span["year_min"]), int(span["year_max"]) + 1)
        ],
    }


_ASCII_YEAR = re.compile(r"-?[0-9]+")


def ignored_global_values(
    query: dict[str, list[str]], valid: dict[str, list[str]]
) -> list[tuple[str, str]]:
    """Non-empty global filter values the app must ignore (and so must warn about)."""
    ignored = []
    for key in filters.FILTER_PARAMS:
        values = query.get(key, [])
        for value in values[: filters.MAX_VALUES]:
            if value == "" or value in valid[key]:
                continue
            if key == filters.PARAM_YEARS and not value.isascii() and value.isdecimal():
                continue  # other scripts' digits: reading them as a year is acceptable too
            ignored.append((key, value))
        if len(values) > filters.MAX_VALUES:
            ignored.append((key, f"<{len(values)} values>"))
    return ignored


def rendered_widgets(at: AppTest) -> dict[str, object]:
    """Widgets on screen by key."""
    widgets, stack = {}, [at._tree]
    while stack:
        node = stack.pop()
        key = getattr(node, "key", None)
        if isinstance(key, str):
            widgets[key] = node
        stack.extend(getattr(node, "children", {}).values())
    return widgets


def takes_value(widget: object, value: str) -> bool:
    """Whether the widget holds the link's value (as its choice, or among its choices)."""
    held = getattr(widget, "value", None)
    if isinstance(held, list | tuple):
        return value in [str(v) for v in held]
    return held is not None and str(held) == value


def _shown(query: dict[str, list[str]]) -> dict[str, list[str]]:
    return {
        k: [v if len(v) <= 50 else f"{v[:20]!r}...({len(v)} chars)" for v in vs]
        for k, vs in query.items()
    }


@pytest.fixture(scope="module")
def valid(warehouse_path: Path) -> dict[str, list[str]]:
    return valid_values(warehouse_path)


def test_every_page_parameter_is_found():
    """The discovery sees the page parameters (a page that reads one must be fuzzed)."""
    found = {page: page_params(page) for page in PAGES}
    assert all(isinstance(keys, tuple) for keys in found.values())
    if "pages/map.py" in found:
        assert "indicator" in found["pages/map.py"], found


def test_cases_reach_every_global_filter_with_every_hostile_value():
    cases = make_cases({k: [] for k in filters.FILTER_PARAMS})
    for key in filters.FILTER_PARAMS:
        used = {v for case in cases for v in case.query.get(key, [])}
        assert set(HOSTILE) <= used, (key, set(HOSTILE) - used)
    assert {case.page for case in cases} == set(PAGES)


@pytest.mark.parametrize("index", range(CASES))
def test_hostile_link_never_breaks_a_page(warehouse_path, valid, index):
    case = make_cases(valid)[index]
    at = AppTest.from_file(APP, default_timeout=60)
    for key, values in case.query.items():
        at.query_params[key] = values
    at.run()
    context = f"case {index} on {case.page}, link {_shown(case.query)}"
    assert not at.exception, (context, [e.value for e in at.exception])
    assert not at.error, (context, [e.value for e in at.error])

    # The global filters are read on the session's first run, on the default page.
    ignored = ignored_global_values(case.query, valid)
    if ignored:
        assert at.warning, (context, "no warning for", ignored[:3])
    assert all(len(w.value) < 400 for w in at.warning), context
    for key in filters.FILTER_PARAMS:
        written = at.query_params.get(key, [])
        written = [written] if isinstance(written, str) else written
        assert set(written) <= set(valid[key]), (context, key, "written back", written[:3])

    if case.page != DEFAULT_PAGE:
        at.switch_page(case.page).run()
        assert not at.exception, (context, [e.value for e in at.exception])
        assert not at.error, (context, [e.value for e in at.error])
    assert at.title, context
    widgets = rendered_widgets(at)
    for key in page_params(case.page):
        value = case.query[key][-1]
        if key not in widgets or value.strip() == "" or takes_value(widgets[key], value):
            continue  # not read on this view, blank, or accepted (free text)
        assert at.warning, (context, f"no warning for ignored {key}={value[:40]!r}")
        written = at.query_params.get(key, [])
        written = [written] if isinstance(written, str) else written
        assert value not in written, (context, key, "ignored value written back")


LEGACY_PAGES_MODE = (
    "on a fresh server (and in every AppTest run) a folder named pages/ makes Streamlit run a "
    "deep-linked page without app.py; sidebar.current() recovers, a page that does not call it "
    "is drawn without the shell (fix: rename the pages/ folder, see bench/README.md)"
)


def _deep_link_cases() -> list:
    cases = []
    for page in PAGES:
        if page == DEFAULT_PAGE:
            continue
        recovers = "sidebar.current(" in (ROOT / page).read_text(encoding="utf-8")
        marks = () if recovers else pytest.mark.xfail(strict=True, reason=LEGACY_PAGES_MODE)
        cases.append(pytest.param(page, marks=marks, id=page))
    return cases


@pytest.mark.parametrize("page", _deep_link_cases())
def test_a_shared_link_to_a_page_opens_it_in_a_new_session(warehouse_path, page):
    """A new session whose first run is a page (a shared link) gets the shell and the page."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params[filters.PARAM_COUNTRY] = ["ALB"]
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title and at.sidebar.multiselect, "the page and the sidebar filters are drawn"

"""URL fuzzing: hostile values in every declared URL parameter, on every page, never crash the app.

The parameters and the pages come from their declarations (dashboard.url_params.PARAMS and
dashboard.navigation.PAGES), not from the source text: the sidebar's filters on every page, and
each page's own parameters, including those read by helpers outside pages/ (the briefing's
iso3, slide and present). Values come from a fixed list of hostile strings (SQL, HTML, markdown
that would fetch an image or draw a link, path tricks, 10,000 characters, control characters,
look-alike digits...) plus random Unicode from a seeded generator, so a failure replays exactly.
Each case is one AppTest session: the rules are

- no exception and no error box, and the page still has its title;
- a warning is shown whenever a non-empty value from the link is dropped, and the value leaves
  the link (a value still in the link after the run is one the page accepted);
- every warning is short and repeats no value as live markdown.

The number of cases is bounded (URL_FUZZ_CASES, default 40) so the file runs in about a minute;
the run prints how many cases and parameters it covered (see the terminal summary).
"""

from __future__ import annotations

import itertools
import os
import random
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import i18n, navigation, url_params
from dashboard.queries import filters as filter_queries
from dashboard.url_params import BY_NAME, FILTER_PARAMS, MAX_VALUES
from tests.suite_cases import SUITE_CASES
from tests.test_inert import live_constructs

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")


PAGES = sorted(page.path for page in navigation.existing())
DEFAULT_PAGE = navigation.DEFAULT_PAGE.path
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
    "![x](http://evil.example/x.png)",
    "[Sign in again](http://evil.example/)",
    "**bold** :red[red] $x^2$ :material/home:",
)


SUITE_CASES["URL fuzz (tests/test_url_fuzz.py)"] = (
    f"{CASES} cases (URL_FUZZ_CASES) over {len(PAGES)} pages and {len(BY_NAME)} declared "
    f"parameters, {len(HOSTILE)} hostile strings plus seeded random text (seed {SEED})"
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


def page_params(page: str) -> tuple[str, ...]:
    """The query parameters a page reads itself (besides the sidebar's), from the declaration."""
    return tuple(param.name for param in url_params.read_by(page))


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
    for key in FILTER_PARAMS:
        shuffled = list(HOSTILE)
        rng.shuffle(shuffled)
        streams[key] = itertools.cycle(shuffled)
    cases, drawn = [], dict.fromkeys(FILTER_PARAMS, 0)
    for index in range(count):
        page = PAGES[index % len(PAGES)]
        query: dict[str, list[str]] = {}
        for key in FILTER_PARAMS:
            # A filter is left out of some links, once every hostile string has reached it.
            if drawn[key] >= len(HOSTILE) and rng.random() < 0.25:
                continue
            values = [next(streams[key]) for _ in range(rng.choice((2, 3)))]
            drawn[key] += len(values)
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
    cases[0].query["country"] = [rng.choice(HOSTILE) for _ in range(MAX_VALUES + 10)]
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
        "country": list(countries["iso3"]),
        "subregion": list(dict.fromkeys(countries["subregion"])),
        "theme": list(themes["element_id"]),
        "years": [str(y) for y in range(int(span["year_min"]), int(span["year_max"]) + 1)],
        "lang": list(i18n.LANGUAGES),
    }


def ignored_global_values(
    query: dict[str, list[str]], valid: dict[str, list[str]]
) -> list[tuple[str, str]]:
    """Non-empty global filter values the app must ignore (and so must warn about)."""
    ignored = []
    for key in FILTER_PARAMS:
        values = query.get(key, [])
        for value in values[:MAX_VALUES]:
            if value != "" and value not in valid[key]:
                ignored.append((key, value))
        if len(values) > MAX_VALUES:
            ignored.append((key, f"<{len(values)} values>"))
    return ignored


def link_values(at: AppTest, key: str) -> list[str]:
    written = at.query_params.get(key, [])
    return [written] if isinstance(written, str) else list(written)


def _shown(query: dict[str, list[str]]) -> dict[str, list[str]]:
    return {
        k: [v if len(v) <= 50 else f"{v[:20]!r}...({len(v)} chars)" for v in vs]
        for k, vs in query.items()
    }


@pytest.fixture(scope="module")
def valid(warehouse_path: Path) -> dict[str, list[str]]:
    return valid_values(warehouse_path)


def test_every_declared_parameter_is_fuzzed():
    """Each declared parameter is read by a declared page (or the sidebar) and so gets cases."""
    fuzzed = set(FILTER_PARAMS) | {name for page in PAGES for name in page_params(page)}
    assert fuzzed == set(BY_NAME), set(BY_NAME) - fuzzed
    readers = {page for param in url_params.PARAMS for page in param.pages}
    assert readers <= set(navigation.BY_PATH) | {url_params.SIDEBAR}
    # Parameters read outside pages/ (by views.briefing) are among them.
    assert {"iso3", "slide", "present"} <= set(page_params("pages/briefing.py"))


def test_cases_reach_every_global_filter_with_every_hostile_value():
    cases = make_cases({k: [] for k in FILTER_PARAMS})
    for key in FILTER_PARAMS:
        used = {v for case in cases for v in case.query.get(key, [])}
        assert set(HOSTILE) <= used, (key, set(HOSTILE) - used)
    assert {case.page for case in cases} == set(PAGES)
    page_keys = {
        (case.page, key) for case in cases for key in case.query if key in page_params(case.page)
    }
    assert page_keys == {(page, key) for page in PAGES for key in page_params(page)}


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
    for warning in at.warning:
        assert len(warning.value) < 400 and not live_constructs(warning.value), (context, warning)
    for key in FILTER_PARAMS:
        written = at.query_params.get(key, [])
        written = [written] if isinstance(written, str) else written
        assert set(written) <= set(valid[key]), (context, key, "written back", written[:3])

    if case.page != DEFAULT_PAGE:
        at.switch_page(case.page).run()
        assert not at.exception, (context, [e.value for e in at.exception])
        assert not at.error, (context, [e.value for e in at.error])
    assert at.title, context
    # A page parameter's value is accepted (it stays in the link) or dropped with a warning.
    for key in page_params(case.page):
        value = case.query[key][-1]
        param = BY_NAME[key]
        parsed = param.parse(value)
        if value.strip() == "" or (
            parsed is not None and param.text(parsed) in link_values(at, key)
        ):
            continue
        assert at.warning, (context, f"no warning for dropped {key}={value[:40]!r}")
        assert value not in link_values(at, key), (context, key, "dropped value left in the link")
    for warning in at.warning:
        assert len(warning.value) < 400 and not live_constructs(warning.value), (context, warning)


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
    at.query_params["country"] = ["ALB"]
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title and at.sidebar.multiselect, "the page and the sidebar filters are drawn"

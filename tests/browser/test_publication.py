"""What a person sees meets the publication standard (issue 15), on every page, by default and in
three filter states (a subregion, a single country, Kosovo):

* visible text (icons excluded) carries no seed file name, 16-hex hash, *.csv/*.txt/*.duckdb
  name, snake_case code, "None" or "nan";
* no axis tick reads like a year with a separator or a fraction ("2,022", "2022.5");
* every page that draws a map shows IOM's map disclaimer;
* every visible "Kosovo" is marked ("Kosovo*" with the footnote on the page, or "(UNSCR 1244)");
* a bar chart of categories draws one tick label per category.

A screenshot of every page in every state goes to artifacts/screenshots/publication-*.png.
"""

from __future__ import annotations

import re

import pytest

from dashboard import config
from dashboard.ingest.common import REGION_ISO3
from tests.browser.harness import open_page, page_files, screenshot, url_path

pytestmark = pytest.mark.browser

STATES = {
    "default": "",
    "subregion": "?subregion=Western+Balkans",
    "ukraine": "?country=UKR",
    "kosovo": "?country=XKX",
}

FORBIDDEN = {
    "seed file name": re.compile(r"\b\d{3}_[0-9a-f]{16}\b"),
    "16-hex hash": re.compile(r"\b[0-9a-f]{16}\b"),
    "file name": re.compile(r"\b[\w.-]+\.(?:csv|txt|duckdb)\b", re.IGNORECASE),
    "snake_case code": re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b"),
    # a placeholder "None" stands alone (a cell, a value after a colon), unlike the English word
    "None": re.compile(r"(?m)(?:^|[\s:(])None(?=\s*(?:$|[,;)]))"),
    "nan": re.compile(r"\b(?:nan|NaN)\b"),
    # WDI series codes (SM.POP.NETM, BX.TRF.PWKR.CD.DT) belong in the technical details only
    "series code": re.compile(r"\b[A-Z]{2}\.[A-Z]{3,}(?:\.[A-Z0-9]+)+\b"),
    # a country code beside or instead of a name ("Kosovo (XKX)")
    "country code": re.compile(rf"\((?:{'|'.join(REGION_ISO3)})\)|\bXKX\b"),
}
FRACTIONAL_YEAR = re.compile(r"^(?:19|20)\d\d\.\d+$")
SEPARATED_YEAR = re.compile(r"^(?:1,9\d\d|2,0\d\d|2,1\d\d)$")
# "Kosovo" must be marked, except inside the reference to resolution 1244 itself.
KOSOVO = re.compile(r"Kosovo(?!\*| \(UNSCR 1244\))")
KOSOVO_ALLOWED_CONTEXTS = (
    "References to Kosovo shall be understood",
    "resolution 1244-administered Kosovo",
)

# Visible text of the page without icon ligatures (a material icon is drawn from text such as
# "fact_check"), closed expanders, hidden tabs or the sidebar's navigation (page titles).
VISIBLE_TEXT = """() => {
  const roots = [...document.querySelectorAll('[data-testid="stMain"], [data-testid="stSidebarUserContent"]')];
  return roots.map((root) => {
    const copy = root.cloneNode(true);
    copy.querySelectorAll('[data-testid="stIconMaterial"], svg, canvas')
      .forEach((node) => node.remove());
    document.body.appendChild(copy);
    copy.style.position = 'absolute'; copy.style.left = '-10000px'; copy.style.width = '1400px';
    // Icons are ligatures drawn by the Material Symbols font: their text is not text.
    [...copy.querySelectorAll('span, i')]
      .filter((node) => getComputedStyle(node).fontFamily.includes('Material'))
      .forEach((node) => node.remove());
    const text = copy.innerText;
    copy.remove();
    return text;
  }).join('\\n');
}"""
AXIS_TICKS = """() => [...document.querySelectorAll('.js-plotly-plot')].map((plot) => ({
  x: [...plot.querySelectorAll('.xtick text')].map((t) => t.textContent),
  y: [...plot.querySelectorAll('.ytick text')].map((t) => t.textContent),
}))"""
# Bar charts of categories: categories in the data against tick labels drawn on that axis.
BAR_CATEGORIES = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap((plot) => {
  const bars = (plot.data || []).filter((trace) => trace.type === 'bar');
  if (!bars.length) return [];
  const horizontal = bars[0].orientation === 'h';
  const values = bars.flatMap((trace) => [...(horizontal ? trace.y : trace.x) || []]);
  if (!values.length || values.some((value) => typeof value !== 'string')) return [];
  const ticks = [...plot.querySelectorAll(horizontal ? '.ytick' : '.xtick')]
    .filter((tick) => tick.textContent.trim() !== '');
  const title = plot.layout && plot.layout.title && plot.layout.title.text;
  return [{title: title || '', categories: new Set(values).size, ticks: ticks.length}];
})"""
MAPS = (
    '[data-testid="stDeckGlJsonChart"], .js-plotly-plot .maplibregl-map, '
    ".js-plotly-plot .mapboxgl-map"
)
# Maps drawn by plotly as SVG (the profile's office map) say so in layout.meta.
SVG_MAPS = """() => [...document.querySelectorAll('.js-plotly-plot')]
  .filter((plot) => plot.layout && plot.layout.meta && plot.layout.meta.kind === 'map').length"""


def pages() -> list[str]:
    return page_files()


def _check_text(text: str) -> list[str]:
    problems = []
    for name, pattern in FORBIDDEN.items():
        for match in pattern.finditer(text):
            start = max(0, match.start() - 50)
            problems.append(f"{name}: {match.group(0)!r} in …{text[start : match.end() + 50]!r}")
    for match in KOSOVO.finditer(text):
        window = text[max(0, match.start() - 60) : match.end() + 60]
        if not any(context in window for context in KOSOVO_ALLOWED_CONTEXTS):
            problems.append(f"unmarked Kosovo in …{window!r}")
    if config.KOSOVO_MARKER in text and config.KOSOVO_FOOTNOTE not in text:
        problems.append("Kosovo* shown without the footnote on the page")
    return problems


def _check_ticks(axes: list[dict]) -> list[str]:
    problems = []
    for axis in axes:
        for letter in ("x", "y"):
            ticks = [tick.strip() for tick in axis[letter] if tick.strip()]
            problems += [f"fractional year tick {t!r}" for t in ticks if FRACTIONAL_YEAR.match(t)]
            if len(ticks) > 1 and all(SEPARATED_YEAR.match(t) for t in ticks):
                problems.append(f"year ticks with a thousands separator: {ticks}")
    return problems


@pytest.mark.parametrize("state", list(STATES))
@pytest.mark.parametrize("page_file", pages())
def test_what_a_person_sees_meets_the_publication_standard(app_page, app_server, page_file, state):
    path = url_path(page_file)
    open_page(app_page, app_server, path + STATES[state])
    app_page.wait_for_timeout(1500)  # deck.gl and plotly finish drawing
    name = path.strip("/") or "overview"
    screenshot(app_page, f"publication-{name}-{state}")
    problems = _check_text(app_page.evaluate(VISIBLE_TEXT))
    problems += _check_ticks(app_page.evaluate(AXIS_TICKS))
    for chart in app_page.evaluate(BAR_CATEGORIES):
        if chart["ticks"] != chart["categories"]:
            problems.append(
                f"bar chart {chart['title']!r}: {chart['ticks']} tick labels for "
                f"{chart['categories']} categories"
            )
    if app_page.locator(MAPS).count() or app_page.evaluate(SVG_MAPS):
        shown = app_page.get_by_text(config.MAP_DISCLAIMER, exact=True)
        if not shown.count() or not shown.first.is_visible():
            problems.append("a map without IOM's map disclaimer under it")
    assert not problems, "\n".join(problems)

"""The outlook tracker on the real warehouse: the computed lines carry the warehouse's numbers and
follow the year filter, statements follow the theme, country and strategy choices, the scorecard
lists every test, the cards come a page at a time (verdict filter and page in the link), and
statements no indicator can test are listed as such."""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import config, outlook
from dashboard.content import outlook as outlook_content
from dashboard.views import outlook as view
from tests.apptest_helpers import metric_value, open_page, sql, table_with, url_value

PAGE = "pages/outlook.py"
VERDICT, PAGE_PARAM = "outlook_verdict", "outlook_page"
PREVIOUS, NEXT = "outlook_page_previous", "outlook_page_next"


def lines(at: AppTest, start: str) -> list[str]:
    """The computed lines (markdown, escapes removed) that start with `start`."""
    texts = [m.value.replace("\\", "") for m in at.markdown]
    return [t for t in texts if t.startswith(start)]


# Pages show a statement by its short title, never its code; the tests read the ids back.
ID_OF_TITLE = {
    row["short_title"]: row["statement_id"]
    for row in csv.DictReader(
        (config.SOURCES_DIR / "outlook_statements.csv").open(encoding="utf-8")
    )
}


def scorecard(at: AppTest):
    """The scorecard, its "statement" column read back as statement ids."""
    table = table_with(at, "verdict")
    assert set(table["statement"]) <= set(ID_OF_TITLE), "the scorecard shows short titles"
    return table.assign(statement=table["statement"].map(ID_OF_TITLE))


def card_ids(at: AppTest) -> list[str]:
    """The statement ids of the cards and of the untestable list on screen (each card's caption
    starts with its short title)."""
    return [
        ID_OF_TITLE[c.value.split(" · ")[0]]
        for c in at.caption
        if " · " in c.value and c.value.split(" · ")[0] in ID_OF_TITLE
    ]


def cards_on_screen(at: AppTest) -> list[str]:
    """The statement ids of the cards on screen (not the untestable list)."""
    tested = set(scorecard(at)["statement"])
    return [sid for sid in card_ids(at) if sid in tested]


def statement_ids(at: AppTest) -> set[str]:
    """Every statement the page covers: the scorecard's (all tested ones) and those on screen."""
    tested = (
        set(scorecard(at)["statement"])
        if any("verdict" in d.value.columns for d in at.dataframe)
        else set()
    )
    return tested | set(card_ids(at))


def headers_of(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("**") and "expected to" in m.value]


def chart_tests(at: AppTest) -> list[int]:
    """The test index of each chart on screen (its key is chart-outlook-<index>)."""
    return [int(c.key.rsplit("-", 1)[1]) for c in at.get("plotly_chart")]


def every_page(at: AppTest) -> Iterator[AppTest]:
    """The app opened on the first page of statement cards, then on each further page."""
    yield at
    pagers = [p for p in at.pagination if p.key == PAGE_PARAM]
    for number in range(2, pagers[0].num_pages + 1 if pagers else 1):
        at.pagination(key=PAGE_PARAM).set_value(number).run()
        assert not at.exception, [e.value for e in at.exception]
        yield at


def all_lines(at: AppTest, start: str) -> list[str]:
    return [line for page in every_page(at) for line in lines(page, start)]


def value(warehouse_path, code: str, iso3: str, year: int) -> float:
    return sql(
        warehouse_path,
        "select value from fct_indicator_value where indicator_code = ? and iso3 = ? and year = ?",
        [code, iso3, year],
    )[0][0]


def test_the_line_states_the_warehouse_numbers(warehouse_path):
    at = open_page(PAGE, timeout=90, fail_on_error=True)
    latest = sql(
        warehouse_path,
        "select max(year) from fct_indicator_value "
        "where indicator_code = 'unhcr.refugees_hosted' and iso3 = 'TUR' and year <= 2025",
    )[0][0]
    start, end = (value(warehouse_path, "unhcr.refugees_hosted", "TUR", y) for y in (2014, latest))
    turkey = all_lines(at, "Refugees hosted in Türkiye went from")
    expected = f"went from {start:,.0f} in 2014 to {end:,.0f} in {latest}"
    assert any(expected in line for line in turkey), turkey
    assert any("Refugees hosted, UNHCR" in line or "UNHCR" in line for line in turkey), turkey
    assert not any("unhcr.refugees_hosted" in line for line in turkey), "no code in the line"
    net = all_lines(at, "Net migration in the whole region")
    # the family's current default series (the headline rule's), over the years the line gives
    code = sql(
        warehouse_path,
        "select indicator_code from dim_headline_candidate "
        "where concept = 'net_migration' and preference = 1",
    )[0][0]
    name = sql(warehouse_path, "select name from dim_indicator where indicator_code = ?", [code])
    assert any(name[0][0] in line for line in net), net
    first, last = map(int, re.search(r"from \S+ in (\d{4}) to \S+ in (\d{4})", net[0]).groups())
    region = sql(
        warehouse_path,
        """select year, sum(value) from fct_indicator_value
        where indicator_code = ? and year in (?, ?) group by year order by year""",
        [code, first, last],
    )
    assert any(
        f"from {region[0][1]:,.0f} in {first} to {region[1][1]:,.0f} in {last}" in line
        for line in net
    ), net


def test_the_line_follows_the_year_filter(warehouse_path):
    at = open_page(PAGE, {"years": ["2000", "2016"]}, timeout=90, fail_on_error=True)
    start, end = (value(warehouse_path, "unhcr.refugees_hosted", "TUR", y) for y in (2014, 2016))
    turkey = all_lines(at, "Refugees hosted in Türkiye went from")
    assert any(f"from {start:,.0f} in 2014 to {end:,.0f} in 2016" in line for line in turkey), (
        turkey
    )
    # The 2020-2024 strategy's baseline is 2019: with years ending in 2016 nothing can be said.
    at = open_page(
        PAGE,
        {"years": ["2000", "2016"], VERDICT: ["not_measurable"]},
        timeout=90,
        fail_on_error=True,
    )
    waiting = [line for line in all_lines(at, "The latest figure for") if "2019 baseline" in line]
    assert waiting and all("up to 2016" in line and "widen the years" in line for line in waiting)


def test_the_scorecard_lists_every_test_with_the_verdicts_of_the_metrics():
    at = open_page(PAGE, timeout=90, fail_on_error=True)
    verdicts = {m.label: int(m.value) for m in at.metric if not m.label.startswith("Latest")}
    assert set(verdicts) == {
        "Consistent",
        "Partly consistent",
        "Not consistent",
        "Cannot tell yet",
        outlook_content.TRIVIAL_LABEL,
    }
    table = scorecard(at)
    assert len(table) == sum(verdicts.values()) > 0
    assert dict(Counter(table["verdict"])) == {k: v for k, v in verdicts.items() if v}
    # "still above zero" checks are listed, never counted as consistency
    trivial = table[table["expected"].str.startswith("persist")]
    assert len(trivial) == verdicts[outlook_content.TRIVIAL_LABEL] > 0
    assert set(trivial["verdict"]) == {outlook_content.TRIVIAL_LABEL}
    assert table["source"].str.len().gt(0).all() and table["indicator code"].str.len().gt(0).all()
    # Its caption names every dataset behind it.
    sources = next(
        c.value
        for c in at.caption
        if c.value.startswith("Source:") and "Each test's dataset" in c.value
    )
    assert all(name in sources for name in set(table["source"]))
    # One scorecard row per test header of the cards, over all the pages.
    headers = [header for page in every_page(at) for header in headers_of(page)]
    assert len(headers) == len(table)


def test_untestable_statements_are_listed_as_such(warehouse_path):
    at = open_page(PAGE, timeout=90, fail_on_error=True)
    untestable = {
        sid
        for (sid,) in sql(
            warehouse_path, "select statement_id from dim_outlook_statement where not testable"
        )
    }
    assert "Statements no indicator can test" in [s.value for s in at.header]
    listed = {sid for sid in card_ids(at) if sid in untestable}
    assert listed == untestable
    tested = {
        sid
        for (sid,) in sql(
            warehouse_path, "select distinct statement_id from bridge_outlook_indicator"
        )
    }
    assert statement_ids(at) == untestable | tested


def test_the_theme_filter_keeps_statements_under_the_theme(warehouse_path):
    at = open_page(PAGE, {"theme": ["s2020.pillar.mobility"]}, timeout=90, fail_on_error=True)
    under = {
        sid
        for (sid,) in sql(
            warehouse_path,
            """
        select statement_id from dim_outlook_statement where element_id in (
            select element_id from dim_strategy_element where parent_id = 's2020.pillar.mobility'
            union select to_id from bridge_crosswalk where relation = 'continues'
                and from_element_id in (select element_id from dim_strategy_element
                                        where parent_id = 's2020.pillar.mobility'))""",
        )
    }
    assert under and statement_ids(at) == under


def test_the_country_filter_keeps_statements_about_the_selection_or_the_region():
    at = open_page(PAGE, {"country": ["TJK"]}, timeout=90, fail_on_error=True)
    shown = statement_ids(at)
    assert {"o2015_13", "o2020_08", "o2015_03"} <= shown  # Central Asia, Tajikistan, region-wide
    assert "o2015_12" not in shown and "o2020_06" not in shown  # Western Balkans; Bosnia, Moldova


@pytest.mark.parametrize("strategy, prefix", [("2020-2024", "o2020"), ("2015-2020", "o2015")])
def test_the_strategy_choice_travels_in_the_url(strategy, prefix):
    at = open_page(PAGE, {"outlook_strategy": [strategy]}, timeout=90, fail_on_error=True)
    assert statement_ids(at) and all(sid.startswith(prefix) for sid in statement_ids(at))
    at.radio(key="outlook_strategy").set_value("all").run()
    assert "outlook_strategy" not in at.query_params
    assert {sid[:5] for sid in statement_ids(at)} == {"o2015", "o2020"}


def test_a_tampered_strategy_warns_and_shows_both():
    at = open_page(
        PAGE, {"outlook_strategy": ["<script>alert(1)</script>"]}, timeout=90, fail_on_error=True
    )
    assert at.warning and all(len(w.value) < 300 for w in at.warning)
    assert {sid[:5] for sid in statement_ids(at)} == {"o2015", "o2020"}


def test_each_test_on_the_page_has_a_chart_with_its_source_and_the_pages_cover_every_test():
    at = open_page(
        PAGE,
        {"outlook_strategy": ["2020-2024"], "country": ["UKR"]},
        timeout=90,
        fail_on_error=True,
    )
    tests = len(scorecard(at))
    seen: list[int] = []
    for page in every_page(at):
        charts = chart_tests(page)
        assert len(charts) == len(headers_of(page)) > 0
        assert len(charts) <= outlook_content.PAGE_TESTS or len(set(card_ids(page))) == 1
        sources = [
            c.value for c in page.caption if c.value.startswith("Source:") and "Licence" in c.value
        ]
        assert len(sources) == len(charts)
        seen += charts
    assert sorted(seen) == list(range(tests))  # every test exactly once


def test_the_whole_region_is_paged_and_every_statement_card_appears_once():
    at = open_page(PAGE, timeout=90, fail_on_error=True)
    table = scorecard(at)
    pager = at.pagination(key=PAGE_PARAM)
    assert pager.value == 1 and pager.num_pages > 1
    assert at.button(key=PREVIOUS).disabled and not at.button(key=NEXT).disabled
    untestable = set(card_ids(at)) - set(table["statement"])
    cards: list[str] = []
    charts: list[int] = []
    for page in every_page(at):
        cards += [sid for sid in card_ids(page) if sid not in untestable]
        charts += chart_tests(page)
        assert len(chart_tests(page)) <= outlook_content.PAGE_TESTS
        assert set(card_ids(page)) >= untestable  # the untestable list is on every page
    assert cards == list(dict.fromkeys(table["statement"]))  # in scorecard order, each once
    assert sorted(charts) == list(range(len(table)))


def test_the_page_travels_in_the_url():
    first = cards_on_screen(open_page(PAGE, timeout=90, fail_on_error=True))
    at = open_page(PAGE, {PAGE_PARAM: ["2"]}, timeout=90, fail_on_error=True)
    assert at.pagination(key=PAGE_PARAM).value == 2 and url_value(at, PAGE_PARAM) == "2"
    assert not at.button(key=PREVIOUS).disabled
    assert any(c.value.startswith("Statements ") and "page 2 of" in c.value for c in at.caption)
    second = cards_on_screen(at)
    assert first and second and not set(first) & set(second)
    at.pagination(key=PAGE_PARAM).set_value(3).run()
    assert url_value(at, PAGE_PARAM) == "3"
    # The buttons under the cards move the pager above (and the link).
    at.button(key=PREVIOUS).click().run()
    at.button(key=PREVIOUS).click().run()
    assert at.pagination(key=PAGE_PARAM).value == 1 and PAGE_PARAM not in at.query_params
    assert cards_on_screen(at) == first and at.button(key=PREVIOUS).disabled
    at.button(key=NEXT).click().run()
    assert at.pagination(key=PAGE_PARAM).value == 2 and url_value(at, PAGE_PARAM) == "2"


@pytest.mark.parametrize("verdict", ["not_consistent", "partly", "not_measurable"])
def test_the_verdict_filter_travels_in_the_url_and_keeps_the_statements_judged_so(verdict):
    at = open_page(PAGE, {VERDICT: [verdict]}, timeout=90, fail_on_error=True)
    assert at.segmented_control(key=VERDICT).value == verdict and url_value(at, VERDICT) == verdict
    table = scorecard(at)  # the scorecard keeps every test
    assert len(table) == sum(int(m.value) for m in at.metric if not m.label.startswith("Latest"))
    wanted = table[table["verdict"] == outlook_content.VERDICT_SHORT[verdict]]
    if wanted.empty:  # no substantive test has this verdict with the current data
        assert at.info and "No test of the statements shown is judged" in at.info[0].value
        return
    headers = [h for page in every_page(at) for h in headers_of(page)]
    assert len(headers) == len(wanted) > 0
    assert all(outlook.VERDICT_LABELS[verdict] in header for header in headers)
    at.segmented_control(key=VERDICT).set_value("all").run()
    assert VERDICT not in at.query_params and PAGE_PARAM not in at.query_params


def test_a_new_verdict_or_strategy_starts_at_the_first_page():
    at = open_page(PAGE, {PAGE_PARAM: ["3"]}, timeout=90, fail_on_error=True)
    at.segmented_control(key=VERDICT).set_value("consistent").run()
    assert at.pagination(key=PAGE_PARAM).value == 1 and PAGE_PARAM not in at.query_params
    assert url_value(at, VERDICT) == "consistent"
    at.pagination(key=PAGE_PARAM).set_value(2).run()
    at.radio(key="outlook_strategy").set_value("2015-2020").run()
    assert PAGE_PARAM not in at.query_params
    assert all(sid.startswith("o2015") for sid in card_ids(at))


@pytest.mark.parametrize(
    "param, bad, accepted",
    [
        (VERDICT, "<b>bogus</b>", "not_consistent"),
        (PAGE_PARAM, "99", "1 to "),
        (PAGE_PARAM, "0x2", "1 to "),
    ],
)
def test_a_bad_verdict_or_page_in_the_link_warns_and_is_dropped(param, bad, accepted):
    at = open_page(PAGE, {param: [bad]}, timeout=90, fail_on_error=True)
    warnings = [w.value for w in at.warning if param in w.value]
    assert len(warnings) == 1 and accepted in warnings[0] and len(warnings[0]) < 300, warnings
    assert param not in at.query_params
    assert (
        at.segmented_control(key=VERDICT).value == "all"
        and at.pagination(key=PAGE_PARAM).value == 1
    )
    assert chart_tests(at)  # the first page of cards is drawn


def test_a_verdict_no_test_has_says_so():
    # With years ending in 2016 no test of the 2020-2024 strategy (baseline 2019) can be judged.
    at = open_page(
        PAGE,
        {"outlook_strategy": ["2020-2024"], "years": ["2000", "2016"], VERDICT: ["consistent"]},
        timeout=90,
        fail_on_error=True,
    )
    assert metric_value(at, "Consistent") == "0"
    assert at.info and "judged consistent" in at.info[0].value and not chart_tests(at)
    assert (
        url_value(at, VERDICT) == "consistent"
    )  # a valid choice stays, even when it finds nothing


def test_statements_are_shown_by_title_never_by_code():
    at = open_page(PAGE, timeout=90, fail_on_error=True)
    code = re.compile(r"\bo20(15|20)_\d\d\b")
    shown = [m.value for m in at.markdown] + [c.value for c in at.caption]
    shown += [str(v) for d in at.dataframe for v in d.value.astype(str).to_numpy().ravel()]
    assert not [text for text in shown if code.search(text)]
    assert "Population decline through emigration" in set(table_with(at, "verdict")["statement"])


def test_the_reading_guide_is_written_when_opened_and_names_each_familys_indicator():
    at = open_page(PAGE)
    guide = "**Baseline**: the last year the authors could know"
    assert not any(m.value.startswith(f"- {guide}") for m in at.markdown), (
        "a closed guide costs no rerun its text and table"
    )
    at.session_state[view.READING_GUIDE_KEY] = True
    at.run()
    assert not at.exception
    assert any(m.value.startswith(f"- {guide}") for m in at.markdown)
    choices = table_with(at, "indicator used")
    assert "International migrant stock" in set(choices["family"])

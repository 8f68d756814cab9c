"""The outlook tracker's logic: lines computed from the numbers (two different inputs give two
different lines), the verdict rules, and the comparison query on a tiny warehouse of the real schema."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dashboard import config, outlook
from dashboard.charts import trends as charts
from dashboard.content import outlook as outlook_content
from dashboard.queries import outlook as outlook_queries

SOURCE_ROW = {
    "source_id": "t_src",
    "kind": "dataset",
    "title": "Test series",
    "short_title": "Test",
    "publisher": "Test publisher",
    "edition": "Ed. 1",
    "vintage": "2025-01",
    "licence": "CC BY 4.0",
    "citation": "Test citation",
    "file": "test.csv",
    "shown_title": "Test series",
}
INDICATORS = [
    # code, family, name, unit, aggregation, weight
    ("t.stock", "migrant_stock", "Stock (test)", "persons", "sum", None),
    ("t.pop", "population", "Population (test)", "persons", "sum", None),
    ("t.share", "migrant_share", "Share (test)", "percent", "weighted_mean", "t.pop"),
    ("t.share_raw", "migrant_share", "Share without weight (test)", "percent", "none", None),
]


def build_fixture_db(path: Path, values: list[tuple[str, str, int, float]]) -> Path:
    """A warehouse with the real marts schema, two countries (AAA, BBB) and the given values
    (indicator_code, iso3, year, value)."""
    con = duckdb.connect(str(path))
    con.execute((config.SQL_DIR / "marts" / "schema.sql").read_text(encoding="utf-8"))
    columns = {
        row[0]
        for row in con.execute(
            "select column_name from duckdb_columns() where table_name = 'dim_source'"
        ).fetchall()
    }
    source = {k: v for k, v in SOURCE_ROW.items() if k in columns}  # the schema may grow columns
    con.execute(
        f"insert into dim_source ({', '.join(source)}) values ({', '.join('?' * len(source))})",
        list(source.values()),
    )
    for iso3, name in (("AAA", "Aland"), ("BBB", "Bland")):
        con.execute(
            "insert into dim_country (iso3, name, subregion, capital, office_count, source_id, "
            "source_section) values (?, ?, 'Test', 'Capital', 1, 't_src', 'test')",
            [iso3, name],
        )
    for code, family, name, unit, aggregation, weight in INDICATORS:
        years = [year for c, _, year, _ in values if c == code] or [2000]
        con.execute(
            "insert into dim_indicator (indicator_code, family, name, unit, aggregation, "
            "weight_indicator_code, source_id, caveat, lowest_plausible, highest_plausible, "
            "first_year, last_year, country_count) "
            "values (?, ?, ?, ?, ?, ?, 't_src', 'Test caveat.', -1e12, 1e12, ?, ?, 2)",
            [code, family, name, unit, aggregation, weight, min(years), max(years)],
        )
    con.executemany(
        "insert into fct_indicator_value (indicator_code, iso3, year, value, source_id) "
        "values (?, ?, ?, ?, 't_src')",
        [list(v) for v in values],
    )
    con.close()
    return path


@pytest.fixture()
def tiny(tmp_path):
    """A read-only connection to a fixture warehouse where AAA reports in 2014 and 2020 and BBB
    only in 2014, so a naive regional sum would fall while the like-for-like one rises."""
    path = build_fixture_db(
        tmp_path / "tiny.duckdb",
        [
            ("t.stock", "AAA", 2014, 100),
            ("t.stock", "AAA", 2020, 150),
            ("t.stock", "BBB", 2014, 1000),
            ("t.share", "AAA", 2014, 10),
            ("t.share", "BBB", 2014, 50),
            ("t.pop", "AAA", 2014, 900),
            ("t.pop", "BBB", 2014, 100),
        ],
    )
    connection = duckdb.connect(str(path), read_only=True)
    yield connection
    connection.close()


def definition(code="t.stock", unit="persons", aggregation="sum", family="migrant_stock"):
    return {
        "indicator_code": code,
        "family": family,
        "family_label": "Migrant stock",
        "name": "Stock (test)",
        "unit": unit,
        "aggregation": aggregation,
        "publisher": "Test publisher",
        "source_title": "Test series",
        "edition": "Ed. 1",
        "vintage": "2025-01",
        "caveat": None,
    }


def link(
    expectation="increase",
    scope=("AAA", "BBB"),
    region_wide=True,
    unit="persons",
    aggregation="sum",
):
    return outlook.Link(
        family="migrant_stock",
        family_label="Migrant stock",
        scope_iso3=scope,
        region_wide=region_wide,
        scope_label="the whole region" if region_wide else "Aland",
        expectation=expectation,
        rationale="test",
        definition=definition(unit=unit, aggregation=aggregation),
    )


def change(**overrides):
    row = {
        "indicator_code": "t.stock",
        "scope_countries": 2,
        "baseline_year": 2014,
        "latest_year": 2020,
        "countries_compared": 2,
        "countries_up": 2,
        "countries_down": 0,
        "median_change": 25.0,
        "baseline_value": 200.0,
        "latest_value": 250.0,
        "latest_countries": 2,
        "latest_value_all": 250.0,
        "region_median": 120.0,
        "region_countries": 2,
        "scope_countries_latest": 2,
        "scope_above_median": 1,
        "scope_below_median": 1,
        "scope_positive": 2,
        "scope_negative": 0,
        "best_rank": 1,
        "worst_rank": 2,
        "countries_not_compared": None,
    }
    row.update(overrides)
    return pd.DataFrame([row]).iloc[0]


def test_the_line_follows_the_numbers():
    rising = outlook.assess(change(), link("increase"), 2014, 2025)
    falling = outlook.assess(
        change(baseline_value=300.0, latest_value=240.0), link("increase"), 2014, 2025
    )
    assert rising.line != falling.line
    assert "went from 200 in 2014 to 250 in 2020 (+50, +25.0%)" in rising.line
    assert "went from 300 in 2014 to 240 in 2020 (-60, -20.0%)" in falling.line
    assert rising.verdict == outlook.CONSISTENT and falling.verdict == outlook.NOT_CONSISTENT
    assert "Stock (test), Test publisher, 2025-01." in rising.line  # names source and vintage
    assert "t.stock" not in rising.line  # never the code


def test_a_decrease_is_judged_the_other_way_round():
    assert outlook.assess(change(), link("decrease"), 2014, 2025).verdict == outlook.NOT_CONSISTENT
    dropping = change(baseline_value=300.0, latest_value=240.0)
    assert outlook.assess(dropping, link("decrease"), 2014, 2025).verdict == outlook.CONSISTENT


def test_shares_change_in_percentage_points():
    result = outlook.assess(
        change(baseline_value=10.0, latest_value=14.0), link(unit="percent"), 2014, 2025
    )
    assert "from 10.00% in 2014 to 14.00% in 2020 (+4.00 percentage points, +40.0%)" in result.line


def test_a_negative_baseline_gets_no_percentage():
    result = outlook.assess(change(baseline_value=-500.0, latest_value=-200.0), link(), 2014, 2025)
    assert "(+300)" in result.line  # no percentage from a baseline of zero or below
    assert result.verdict == outlook.CONSISTENT


def test_stay_high_compares_a_country_with_the_region_median():
    named = link("stay_high", scope=("AAA",), region_wide=False)
    high = outlook.assess(
        change(
            scope_countries_latest=1,
            scope_above_median=1,
            best_rank=1,
            worst_rank=1,
            countries_compared=1,
        ),
        named,
        2014,
        2025,
    )
    low = outlook.assess(
        change(
            scope_countries_latest=1,
            scope_above_median=0,
            scope_below_median=1,
            best_rank=2,
            worst_rank=2,
            countries_compared=1,
        ),
        named,
        2014,
        2025,
    )
    assert high.verdict == outlook.CONSISTENT and low.verdict == outlook.NOT_CONSISTENT
    assert (
        "Aland ranks 1st of 2 countries with figures, above the regional median of 120" in high.line
    )
    assert "ranks 2nd of 2" in low.line and "below the regional median" in low.line


def test_stay_high_for_the_whole_region_allows_a_quarter_less():
    kept = outlook.assess(
        change(baseline_value=400.0, latest_value=300.0), link("stay_high"), 2014, 2025
    )
    lost = outlook.assess(
        change(baseline_value=400.0, latest_value=299.0), link("stay_high"), 2014, 2025
    )
    assert kept.verdict == outlook.CONSISTENT and lost.verdict == outlook.NOT_CONSISTENT


def test_persist_needs_a_figure_above_zero():
    assert outlook.assess(change(), link("persist"), 2014, 2025).verdict == outlook.CONSISTENT
    gone = change(latest_value=0.0, latest_value_all=0.0)
    assert outlook.assess(gone, link("persist"), 2014, 2025).verdict == outlook.NOT_CONSISTENT


def test_without_a_regional_figure_the_countries_are_counted():
    row = change(
        baseline_value=None,
        latest_value=None,
        latest_value_all=None,
        countries_up=1,
        countries_down=1,
        median_change=-0.5,
    )
    result = outlook.assess(row, link(unit="percent", aggregation="none"), 2014, 2025)
    assert result.verdict == outlook.PARTLY
    assert "rose in 1 and fell in 1 of the 2 countries" in result.line
    assert "median change -0.50 percentage points" in result.line


def test_no_data_after_the_baseline_cannot_be_judged():
    same = outlook.assess(change(baseline_year=2020, latest_year=2020), link(), 2019, 2025)
    assert same.verdict == outlook.NOT_MEASURABLE and "cannot be measured yet" in same.line
    early = outlook.assess(change(latest_year=2012), link(), 2014, 2012)
    assert early.verdict == outlook.NOT_MEASURABLE and "widen the years" in early.line


def test_countries_left_out_of_the_comparison_are_named():
    result = outlook.assess(
        change(countries_compared=1, countries_not_compared="Bland"), link(), 2014, 2025
    )
    assert "Not in the comparison (no figure for both years): Bland." in result.line


def changes(con, links, year_to=2025):
    """outlook_link_changes rows for (code, scope, baseline year) triples."""
    codes, scopes, targets = zip(*links, strict=True)
    return outlook_queries.outlook_link_changes(
        con, codes, scopes, targets, year_to, ("AAA", "BBB")
    )


def test_the_comparison_query_keeps_the_same_countries_in_both_years(tiny):
    row = changes(tiny, [("t.stock", ("AAA", "BBB"), 2014)]).iloc[0]
    assert (row["baseline_year"], row["latest_year"]) == (2014, 2020)
    # Bland has no 2020 figure: comparing 1,100 with 150 would invent a fall.
    assert (row["baseline_value"], row["latest_value"]) == (100, 150)
    assert row["countries_not_compared"] == "Bland"
    result = outlook.assess(row, link("increase"), 2014, 2025)
    assert result.verdict == outlook.CONSISTENT
    assert "went from 100 in 2014 to 150 in 2020 (+50, +50.0%)" in result.line


def test_the_comparison_query_takes_the_year_nearest_the_baseline(tiny):
    row = changes(tiny, [("t.stock", ("AAA",), 2019)]).iloc[0]
    assert (row["baseline_year"], row["latest_year"]) == (2020, 2020)
    assert outlook.assess(row, link(), 2019, 2025).verdict == outlook.NOT_MEASURABLE
    capped = changes(tiny, [("t.stock", ("AAA",), 2014)], year_to=2015).iloc[0]
    assert capped["latest_year"] == 2014  # the chosen years end before the later figure


def test_one_batched_query_answers_each_link_on_its_own(tiny):
    links = [
        ("t.stock", ("AAA",), 2014),
        ("t.share", ("AAA", "BBB"), 2014),
        ("t.stock", ("BBB",), 2019),
    ]
    together = changes(tiny, links)
    assert together["link_id"].tolist() == [1, 2, 3]

    def cells(row):
        return [None if pd.isna(cell) else cell for cell in row.drop("link_id")]

    for index, single in enumerate(links):
        assert cells(together.iloc[index]) == cells(changes(tiny, [single]).iloc[0])
    # BBB's only stock figure is from 2014: no comparison, and its region standing is 1st of 2
    assert together.loc[2, "countries_compared"] == 0 and together.loc[2, "latest_year"] == 2014


def test_the_series_query_weights_shares_and_keeps_countries_apart(tiny):
    series = outlook_queries.outlook_link_series(
        tiny, ("t.share", "t.share"), (("AAA", "BBB"), ("AAA", "BBB")), (True, False), 2000, 2030
    )
    aggregate = series[series["link_id"] == 1]
    assert aggregate["series"].isna().all()
    assert aggregate["value"].tolist() == [pytest.approx(14.0)]  # weighted by population, not 30
    assert series.loc[series["link_id"] == 2, "series"].tolist() == ["Aland", "Bland"]


def test_tracker_groups_links_under_statements_with_the_default_indicator():
    rows = pd.DataFrame(
        [
            {
                "statement_id": "s1",
                "short_title": "More migrants",
                "statement": "More migrants.",
                "source_id": "iom_seeeca_strategy_2015_2020",
                "document": "Doc",
                "edition": "2015-2020 strategy",
                "source_section": "Outlook",
                "element_title": "Area",
                "testable": True,
                "indicator_family": "migrant_stock",
                "scope_iso3": [],
                "expectation": "increase",
                "rationale": "r",
            },
            {
                "statement_id": "s1",
                "short_title": "More migrants",
                "statement": "More migrants.",
                "source_id": "iom_seeeca_strategy_2015_2020",
                "document": "Doc",
                "edition": "2015-2020 strategy",
                "source_section": "Outlook",
                "element_title": "Area",
                "testable": True,
                "indicator_family": "migrant_share",
                "scope_iso3": ["BBB"],
                "expectation": "stay_high",
                "rationale": "r",
            },
            {
                "statement_id": "s2",
                "short_title": "Untestable",
                "statement": "Untestable.",
                "source_id": "iom_seeeca_strategy_2020_2024",
                "document": "Doc",
                "edition": "2020-2024 strategy",
                "source_section": "Outlook",
                "element_title": None,
                "testable": False,
                "indicator_family": None,
                "scope_iso3": None,
                "expectation": None,
                "rationale": None,
            },
        ]
    )
    choices = pd.DataFrame(
        [
            {**definition(), "is_family_default": True},
            {
                **definition("t.share_raw", "percent", "none", "migrant_share"),
                "family_label": "Share",
                "is_family_default": True,
            },
            {
                **definition("t.share", "percent", "weighted_mean", "migrant_share"),
                "family_label": "Share",
                "is_family_default": False,
            },
        ]
    )
    statements = outlook.tracker(rows, choices, ("AAA", "BBB"), {"AAA": "Aland", "BBB": "Bland"})
    assert [s.statement_id for s in statements] == ["s1", "s2"]
    region, named = statements[0].links
    assert region.scope_iso3 == ("AAA", "BBB") and region.region_wide and region.aggregated
    assert region.code == "t.stock" and region.scope_label == "the whole region"
    assert named.code == "t.share_raw" and named.scope_label == "Bland" and not named.aggregated
    assert named.expectation_label == "expected to stay high relative to the region"
    assert statements[0].baseline_year == 2014 and statements[1].baseline_year == 2019
    assert statements[1].links == () and not statements[1].testable
    assert [s.statement_id for s in outlook.select(statements, "2020-2024")] == ["s2"]
    assert len(outlook.select(statements, "all")) == 2


def test_markdown_in_statements_is_escaped():
    assert (
        outlook_content.quote_markdown("US$ 5 and US$ 6 *now*") == "> US\\$ 5 and US\\$ 6 \\*now\\*"
    )


def test_the_outlook_chart_does_not_join_a_partial_year(tiny):
    series = outlook_queries.outlook_link_series(
        tiny, ("t.stock",), (("AAA", "BBB"),), (True,), 2000, 2030
    )
    figure = charts.outlook_figure(series, definition(), "the whole region", 2015, 2020)
    traces = {t.name: t for t in figure.data}
    line = list(traces["the whole region"].y)
    assert line[0] == 1100 and line[1] != line[1]  # 2020 lacks Bland: a gap, not a fall to 150
    assert list(traces["the whole region: partial coverage"].x) == [2020]


def test_the_outlook_chart_is_what_plotly_would_validate(tiny):
    """The figure is assembled without plotly's validation (for speed): validating it changes nothing."""
    import plotly.graph_objects as go

    series = outlook_queries.outlook_link_series(
        tiny, ("t.stock", "t.share"), (("AAA", "BBB"), ("AAA", "BBB")), (True, False), 2000, 2030
    )
    for link_id, unit, baseline, latest in ((1, "persons", 2015, 2020), (2, "percent", None, None)):
        rows = series[series["link_id"] == link_id]
        figure = charts.outlook_figure(
            rows, definition(unit=unit), "the whole region", baseline, latest
        )
        assert go.Figure(figure.to_dict()).to_plotly_json() == figure.to_plotly_json()
        assert figure.layout.template.layout.font.family  # the app's template, expanded
    empty = charts.outlook_figure(series.iloc[:0], definition(), "the whole region", None, None)
    assert go.Figure(empty.to_dict()).to_plotly_json() == empty.to_plotly_json()


def test_the_outlook_table_names_the_aggregate_and_the_unit(tiny):
    series = outlook_queries.outlook_link_series(
        tiny, ("t.stock", "t.stock"), (("AAA", "BBB"), ("AAA", "BBB")), (True, False), 2000, 2030
    )
    table = charts.outlook_table(series[series["link_id"] == 1], definition(), "the whole region")
    assert list(table.columns) == ["series", "year", "value (persons)", "countries reporting"]
    assert set(table["series"]) == {"the whole region"}
    by_country = charts.outlook_table(
        series[series["link_id"] == 2], definition(), "the whole region"
    )
    assert set(by_country["series"]) == {"Aland", "Bland"}


def test_series_by_link_gives_each_test_its_rows(tiny):
    series = outlook_queries.outlook_link_series(
        tiny,
        ("t.stock", "t.share", "t.pop"),
        (("AAA", "BBB"), ("AAA",), ("BBB",)),
        (True, False, False),
        2000,
        2030,
    )
    by_link = outlook_content.series_by_link(series)
    for index in range(3):
        expected = series[series["link_id"] == index + 1]  # the rows of the index-th test
        if expected.empty:
            assert index not in by_link
        else:
            pd.testing.assert_frame_equal(by_link[index], expected)


def test_defaults_table_names_the_code_used_and_the_others():
    choices = pd.DataFrame(
        [
            {
                **definition(),
                "is_family_default": True,
                "first_year": 2000,
                "last_year": 2020,
                "country_count": 2,
                "source_title": "Test series",
            },
            {
                **definition("t.share", "percent", "weighted_mean", "migrant_share"),
                "family_label": "Share",
                "is_family_default": False,
                "first_year": 2000,
                "last_year": 2010,
                "country_count": 2,
            },
            {
                **definition("t.share_raw", "percent", "none", "migrant_share"),
                "family_label": "Share",
                "is_family_default": True,
                "first_year": 2005,
                "last_year": 2024,
                "country_count": 1,
            },
        ]
    )
    table = outlook_content.defaults_table(choices)
    assert table.to_dict("records") == [
        {
            "family": "Migrant stock",
            "indicator used": "t.stock",
            "source": "Test publisher, Test series (2025-01)",
            "years": "2000-2020",
            "countries": 2,
            "other codes": "",
        },
        {
            "family": "Share",
            "indicator used": "t.share_raw",
            "source": "Test publisher, Test series (2025-01)",
            "years": "2005-2024",
            "countries": 1,
            "other codes": "t.share (2000-2010)",
        },
    ]


def statement(statement_id, tests):
    """A statement with `tests` region-wide links, and (statement, checks) with the given verdicts."""
    return outlook.Statement(
        statement_id,
        f"Title of {statement_id}",
        f"Text of {statement_id}.",
        "iom_seeeca_strategy_2015_2020",
        "Doc",
        "2015-2020 strategy",
        "Outlook",
        None,
        True,
        tuple(link() for _ in tests),
    )


def groups_of(spec):
    """by_statement groups from {statement id: [verdict, ...]}."""
    tests, results = [], []
    for statement_id, verdicts in spec.items():
        made = statement(statement_id, verdicts)
        for made_link, verdict in zip(made.links, verdicts, strict=True):
            tests.append((made, made_link))
            results.append(outlook.Assessment(verdict, "line", 2014, 2020, 1.0, 2))
    return tests, results, outlook_content.by_statement(tests, results)


def test_the_verdict_filter_keeps_statements_with_a_test_so_judged():
    _, _, groups = groups_of(
        {"a": ["consistent"], "b": ["partly", "consistent"], "c": ["not_consistent"]}
    )
    assert [
        s.statement_id for s, _, _ in outlook_content.with_verdict(groups, outlook_content.ALL)
    ] == [
        "a",
        "b",
        "c",
    ]
    kept = outlook_content.with_verdict(groups, "partly")
    assert [s.statement_id for s, _, _ in kept] == ["b"]
    _, shown, others = kept[0]
    assert [c[2].verdict for c in shown] == ["partly"] and [c[2].verdict for c in others] == [
        "consistent"
    ]
    assert outlook_content.with_verdict(groups, "not_measurable") == []


def test_pages_hold_whole_statements_up_to_the_test_limit():
    _, _, groups = groups_of(
        {
            "a": ["consistent"] * 3,
            "b": ["consistent"] * 2,
            "c": ["consistent"] * 3,
            "d": ["consistent"],
            "e": ["consistent"] * 2,
        }
    )
    pages = outlook_content.paginate(
        outlook_content.with_verdict(groups, outlook_content.ALL), limit=5
    )
    assert [[s.statement_id for s, _, _ in page] for page in pages] == [
        ["a", "b"],
        ["c", "d"],
        ["e"],
    ]
    assert [outlook_content.page_range(pages, n) for n in (1, 2, 3)] == [
        "1-2 of 5",
        "3-4 of 5",
        "5 of 5",
    ]
    # A statement with more tests than the limit gets a page of its own.
    big = outlook_content.paginate(
        outlook_content.with_verdict(groups, outlook_content.ALL), limit=2
    )
    assert [[s.statement_id for s, _, _ in page] for page in big] == [
        ["a"],
        ["b"],
        ["c"],
        ["d"],
        ["e"],
    ]
    assert outlook_content.paginate([]) == [[]]


def test_a_scorecard_row_finds_the_page_of_its_card():
    _, _, groups = groups_of(
        {"a": ["consistent"] * 3, "b": ["partly"] * 3, "c": ["partly", "consistent"]}
    )
    assert outlook_content.locate(groups, "c", outlook_content.ALL, limit=3) == (
        outlook_content.ALL,
        3,
    )
    assert outlook_content.locate(groups, "c", "partly", limit=3) == (
        "partly",
        2,
    )  # the filter keeps it
    assert outlook_content.locate(groups, "a", "partly", limit=3) == (
        outlook_content.ALL,
        1,
    )  # the filter drops it
    assert outlook_content.locate(groups, "zzz", outlook_content.ALL) is None


def test_the_scorecard_has_a_row_per_test_with_its_verdict_and_source():
    tests, results, _ = groups_of({"a": ["consistent", "not_measurable"], "b": ["partly"]})
    results[1] = outlook.Assessment("not_measurable", "line", None, None, None, 0)
    results[2] = outlook.Assessment("partly", "line", 2014, 2020, None, 2)
    table = outlook_content.scorecard(tests, results)
    assert list(table.columns) == list(outlook_content.SCORECARD_COLUMNS)
    assert table["statement"].tolist() == ["Title of a", "Title of a", "Title of b"]
    assert table["verdict"].tolist() == ["Consistent", "Cannot tell yet", "Partly consistent"]
    assert table["expected"].tolist() == ["increase"] * 3
    assert table["latest figure"].tolist() == ["1", "", "no single figure (2 countries report)"]
    assert table["latest year"].tolist() == [2020, pd.NA, 2020]
    assert set(table["source"]) == {"Test publisher, Test series (2025-01)"}
    assert outlook_content.source_names(tests) == ["Test publisher, Test series (2025-01)"]


def test_long_statements_are_cut_at_a_word():
    assert outlook_content.short_text("short") == "short"
    cut = outlook_content.short_text("word " * 40, limit=22)
    assert cut == "word word word word\u2026"


def test_no_percentage_across_a_sign_change_or_from_a_zero_base():
    assert outlook._percent_change(987_222, -663_012) is None
    assert outlook._percent_change(0, 10) is None
    assert outlook._percent_change(-5, 10) is None
    assert outlook._percent_change(200, 250) == "+25.0%"


def test_the_page_sentences_name_the_filter_and_the_page():
    tests, results, groups = groups_of(
        {"a": ["consistent"], "b": ["partly", "consistent"], "c": ["not_consistent"]}
    )
    selected = outlook_content.with_verdict(groups, "consistent")
    pages = outlook_content.paginate(selected, limit=1)
    caption = outlook_content.page_caption(pages, 2, "consistent", 2, len(tests))
    assert caption == (
        "Statements 2 of 2 with a test judged consistent (2 of the 4 tests), page 2 of 2."
    )
    every = outlook_content.paginate(outlook_content.with_verdict(groups, "all"))
    assert (
        outlook_content.page_caption(every, 1, "all", 4, 4) == "Statements 1-3 of 3, page 1 of 1."
    )
    assert outlook_content.no_test_note("all") == "No test of the statements shown is."
    assert outlook_content.no_test_note("partly") == (
        "No test of the statements shown is judged partly consistent."
    )
    assert outlook_content.opened_note(None, 3).startswith("The statement: its card is on page 3")
    _, shown, others = outlook_content.with_verdict(groups, "partly")[0]
    assert outlook_content.also_tested(others) == (
        "Also tested, under another verdict: Migrant stock, the whole region (consistent)."
    )
    assert outlook_content.counts_caption(4, 1, 3, 2, 2024).startswith(
        '3 substantive indicator tests and 1 "still above zero" checks'
    )


def test_a_test_heading_says_its_verdict_or_that_it_is_not_counted():
    counted = outlook_content.test_heading(
        link(), outlook.Assessment("consistent", "", 1, 2, 3.0, 2)
    )
    assert counted == (
        "**Migrant stock, the whole region: expected to increase.** "
        ":material/check_circle: Consistent with the expectation"
    )
    trivial = outlook_content.test_heading(
        link("persist"), outlook.Assessment("consistent", "", 1, 2, 3.0, 2)
    )
    assert trivial.endswith(f"{outlook_content.TRIVIAL_LABEL} (not counted)")
    share = link(unit="percent", aggregation="none")
    none = outlook.Assessment("partly", "", 2014, 2020, None, 2)
    assert outlook_content.latest_display(none, share) == "2 countries"
    assert outlook_content.latest_help(none, share).startswith("2 of 2 countries report; percent")
    some = outlook.Assessment("partly", "", 2014, 2020, 12.5, 2)
    assert outlook_content.latest_display(some, share) == "12.50%"
    assert outlook_content.latest_help(some, share) == "2 of 2 countries report."


def test_a_russian_line_is_whole_sentences_with_russian_numbers():
    from dashboard import i18n

    with i18n.using("ru"):
        result = outlook.assess(change(), link(), 2014, 2025)
        assert "Latest" not in result.line and "went from" not in result.line
        # the fixture's link carries its labels in English; the sentence around them is Russian
        assert result.line.startswith(
            "Migrant stock (the whole region, 2 страны с данными за оба года): с 200 в 2014 г. "
            "до 250 в 2020 г. (+50, +25,0\u00a0%). Тезис предполагает рост: согласуется с ожиданием."
        )
        assert "Источник:" in result.line and result.source in result.line
        assert outlook.scope_label(("AAA", "BBB"), {"AAA": "Aland", "BBB": "Bland"}) == (
            "Aland и Bland"
        )
        assert outlook_content.page_range([[1, 2], [3]], 2) == "3 из 3"


def test_a_statement_caption_is_inert_markup_in_every_language():
    """The caption goes to st.caption with unsafe_allow_html: no warehouse text may reach it as
    HTML, in English (where ui.english returns the text as it is) or in Russian."""
    from dashboard import i18n, ui
    from dashboard.content.outlook import statement_caption

    hostile = '<img src=x onerror="alert(1)">'
    statement = outlook.Statement(
        "s1", hostile, "Text", "t_src", hostile, hostile, hostile, hostile, True, ()
    )
    for lang in ("en", "ru"):
        with i18n.using(lang):
            caption = statement_caption(statement, ui.english_markup)
        # inert escapes "<" with a backslash: CommonMark reads "\\<img" as text, never a tag
        assert not re.search(r"(?<!\\)<img", caption), (lang, caption)
        assert caption.count("img src=x") == 5, (lang, caption)

"""The Data and sources page against the real warehouse: catalogue counts, every finding, the
coverage matrix, the build stamp, the refresh instructions, and links that carry page choices."""

from __future__ import annotations

import base64
import json

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import config, lineage, navigation
from dashboard.charts.coverage import coverage_heatmap
from dashboard.content import data_sources as content
from dashboard.warehouse import EXPORTED_TABLES, MARTS
from tests.apptest_helpers import open_page, open_tables, table_with, url_values
from tests.test_i18n import server_like_reruns  # noqa: F401 (a fixture)

PAGE = "pages/data_sources.py"


def heatmap(at: AppTest) -> dict:
    return next(
        trace
        for chart in at.get("plotly_chart")
        for trace in json.loads(chart.proto.spec)["data"]
        if trace["type"] == "heatmap"
    )


def as_array(encoded) -> np.ndarray:
    """A plotly array as sent to the browser: a plain list or a base64 typed array."""
    if isinstance(encoded, dict):
        raw = np.frombuffer(base64.b64decode(encoded["bdata"]), dtype=encoded["dtype"])
        return raw.reshape([int(n) for n in encoded["shape"].split(",")])
    return np.asarray(encoded)


@pytest.fixture(scope="module")
def default_page(warehouse_path) -> AppTest:
    """The page with its collapsed technical details opened (files, tables, build, refresh)."""
    at = open_page(PAGE)
    at.session_state["technical-details"] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_technical_details_are_collapsed_by_default(warehouse_path):
    at = open_page(PAGE)
    labels = {m.label for m in at.metric}
    assert "Built" not in labels and "Code revision" not in labels
    assert not any("File" in d.value.columns for d in at.dataframe)


def test_catalogue_row_counts_equal_the_warehouse(default_page, con):
    tables = table_with(default_page, "Warehouse table").set_index("Warehouse table")
    assert list(tables.index) == list(MARTS)
    for table in MARTS:
        counted = con.execute(f"select count(*) from {table}").fetchone()[0]
        assert tables.at[table, "Rows"] == counted, table


def test_catalogue_shows_grain_key_coverage_and_sources(default_page, con):
    tables = table_with(default_page, "Warehouse table").set_index("Warehouse table")
    assert (
        tables.at["fct_indicator_value", "One row per"]
        == "indicator, country and year from the official datasets"
    )
    assert tables.at["fct_indicator_value", "Key"] == "(indicator_code, iso3, year)"
    assert tables.at["dim_country", "Countries"] == 20
    first, last = con.execute("select min(year), max(year) from fct_indicator_value").fetchone()
    assert tables.at["fct_indicator_value", "Years"] == f"{first}-{last}"
    assert tables.at["fct_funding_requirement", "Years"] == "2016"
    assert "IOM Migration Initiatives 2016" in tables.at["fct_funding_requirement", "Sources"]
    assert "Regional overview" in tables.at["fct_key_figure", "Used by"]
    assert "Sidebar filters" in tables.at["dim_country", "Used by"]


def test_every_mart_states_its_grain_on_its_first_line():
    for table in MARTS:
        first_line = (config.SQL_DIR / "marts" / f"{table}.sql").read_text().splitlines()[0]
        grain, key = content.table_grain(table)
        assert first_line.startswith("-- One row per") and grain.startswith("One row per"), table
        assert key and key in first_line, table
    with pytest.raises(ValueError):
        content.table_grain("../schema")


def test_page_table_map_is_derived_from_the_code():
    by_page = lineage.tables_by_page()
    assert {"fct_key_figure", "dim_office", "fct_funding_requirement"} <= by_page[
        "pages/overview.py"
    ]
    assert {"dq_finding", "build_row_count", "build_log", "dim_source"} <= by_page[PAGE]
    assert "dim_glossary_term" in by_page["pages/glossary.py"]
    assert "dim_country" in by_page[lineage.SIDEBAR]
    assert all(tables <= set(EXPORTED_TABLES) for tables in by_page.values())


def test_tables_are_followed_through_query_functions(tmp_path):
    page = tmp_path / "page.py"
    page.write_text(
        "from dashboard.queries import overview as q\n"
        "from dashboard.queries.catalog import glossary_terms_with_source\n"
        "cache.query(q.office_counts, ())\n"
        "cache.query(glossary_terms_with_source, '')\n"
    )
    assert lineage.file_tables(page) == {
        "dim_office",
        "dim_glossary_term",
        "dim_source",
        "dim_strategy_element",
    }
    page.write_text("from dashboard import cache, ui\n")
    assert lineage.file_tables(page) == frozenset()


def test_page_titles_come_from_the_page_list():
    titles = navigation.titles()
    assert titles[PAGE] == "Data and sources"
    assert titles["pages/glossary.py"] == "Glossary"
    assert titles["pages/overview.py"] == "Regional overview"


def test_build_stamp_equals_build_log(default_page, con):
    built_at, revision, seconds = con.execute(
        "select built_at, git_revision, build_seconds from build_log"
    ).fetchone()
    metrics = {m.label: m.value for m in default_page.metric}
    assert metrics["Built"] == f"{built_at:%Y-%m-%d}"
    assert metrics["Code revision"] == (revision or "unknown")
    assert metrics["Build time"] == f"{seconds:.1f} s"
    assert metrics["Tables"] == str(len(MARTS))


def test_sources_table_lists_every_source_with_licence_and_citation(default_page, con):
    sources = table_with(default_page, "Citation")
    expected = con.execute("select count(*) from dim_source").fetchone()[0]
    assert len(sources) == expected
    assert sources["Licence"].notna().all() and sources["Citation"].notna().all()
    wdi = sources[
        sources["Source"].str.contains("Net migration, World Development Indicators", regex=False)
    ].iloc[0]
    assert wdi["Licence"] == "CC BY 4.0" and "Official indicator values" in wdi["Used in"]
    # the human citation, never the file name nor a series code (those are in the technical
    # details, with the citation as published)
    assert not sources["Source"].str.contains(r"\.(?:txt|csv|xlsx)\b").any()
    series_code = r"\b[A-Z]{2}\.[A-Z]{3,}(?:\.[A-Z0-9]+)+\b"  # SM.POP.NETM, BX.TRF.PWKR.CD.DT
    assert not sources["Source"].str.contains(series_code).any()
    assert not sources["Citation"].str.contains(series_code).any()
    assert wdi["Citation"].startswith("World Bank. World Development Indicators: Net migration,")


def test_every_finding_is_shown(default_page, con):
    findings = table_with(default_page, "Finding id")
    ids = {row[0] for row in con.execute("select finding_id from dq_finding").fetchall()}
    assert len(findings) == len(ids)
    assert set(findings["Finding id"]) == ids
    assert f"{len(ids)} of {len(ids)} findings shown." in [c.value for c in default_page.caption]


def test_findings_name_document_section_and_pages(default_page, con):
    findings = table_with(default_page, "Finding id").set_index("Finding id")
    finding_id, section = con.execute(
        "select finding_id, source_section from dq_finding where topic = 'offices' limit 1"
    ).fetchone()
    row = findings.loc[finding_id]
    assert row["Section"] == section
    assert row["Document"].startswith("IOM, ") and ".txt" not in row["Document"]
    # Only the overview of the pages a finding on offices affects is always built.
    assert "Regional overview" in row["Pages affected"]


def test_findings_filter_from_the_link(warehouse_path, con):
    at = open_page(PAGE, {"dq_topic": ["offices"]})
    findings = table_with(at, "Finding id")
    expected = con.execute("select count(*) from dq_finding where topic = 'offices'").fetchone()[0]
    assert len(findings) == expected > 0
    assert set(findings["Topic"]) == {"offices"}


def test_findings_filter_by_check_updates_table_and_link(warehouse_path, con):
    at = open_page(PAGE)
    at.multiselect(key="dq_check").set_value(["misspelling"]).run()
    findings = table_with(at, "Finding id")
    expected = con.execute(
        "select count(*) from dq_finding where check_name = 'misspelling'"
    ).fetchone()[0]
    assert len(findings) == expected > 0
    assert url_values(at, "dq_check") == ["misspelling"]


@pytest.mark.parametrize(
    "tampered",
    [
        {"indicator": ["x' or 1=1 --"]},
        {"dq_topic": ["<script>alert(1)</script>"]},
        {"dq_check": ["y" * 5000]},
    ],
)
def test_tampered_page_choices_warn_and_fall_back(warehouse_path, tampered, con):
    at = open_page(PAGE, tampered)
    assert at.warning and all(len(w.value) < 200 for w in at.warning)
    assert (
        len(table_with(at, "Finding id"))
        == con.execute("select count(*) from dq_finding").fetchone()[0]
    )
    assert at.selectbox(key="indicator").value == content.DEFAULT_COVERAGE_INDICATOR


def test_coverage_matrix_equals_the_warehouse(warehouse_path, con):
    code = "unhcr.idps"
    at = open_page(
        PAGE, {"indicator": [code], "country": ["UKR", "XKX", "GEO"], "years": ["2005", "2020"]}
    )
    trace = heatmap(at)
    filled = int(as_array(trace["z"]).sum())
    expected = con.execute(
        "select count(*) from fct_indicator_value where indicator_code = ? "
        "and iso3 in ('UKR', 'XKX', 'GEO') and year between 2005 and 2020",
        [code],
    ).fetchone()[0]
    assert filled == expected > 0
    assert set(trace["y"]) == {"Ukraine", "Kosovo*", "Georgia"}
    assert trace["x"][0] == "2005" and trace["x"][-1] == "2020"
    by_country = table_with(open_tables(at), "Years with a value").set_index("Country or territory")
    assert by_country.at["Kosovo*", "Years with a value"] == 0
    captions = [c.value for c in at.caption]
    assert any("Serbia includes Kosovo" in c for c in captions), "the indicator's caveat is shown"
    assert any(
        c.startswith(":material/info: Kosovo (UNSCR 1244) has no separate") for c in captions
    )


def test_coverage_outside_the_years_selected_is_explained(warehouse_path):
    at = open_page(
        PAGE, {"indicator": ["knomad2023.remittances_gdp_2023"], "years": ["2000", "2010"]}
    )
    # no coverage chart (the editions chart above it does not follow the years)
    assert [c.key for c in at.get("plotly_chart")] == ["chart-revisions-migrant_stock"]
    assert any("outside the years selected" in i.value for i in at.info)


def test_refresh_instructions_and_accepted_downloads(default_page, con):
    text = " ".join(m.value for m in default_page.markdown)
    assert "python -m dashboard.ingest [--public-dir DIR]" in text
    assert (
        "python -m dashboard.warehouse build [--sources DIR] [--out FILE] [--parquet DIR]" in text
    )
    assert "file, line and column" in text and "untouched" in text
    downloads = table_with(default_page, "File (under --public-dir)")
    files = {
        row[0]
        for row in con.execute("select file from dim_source where kind = 'dataset'").fetchall()
    }
    assert set(downloads["File (under --public-dir)"]) == files


def test_finding_pages_by_topic():
    titles = {
        "pages/overview.py": "Regional overview",
        "pages/funding.py": "Funding requirements 2016",
        "pages/country.py": "Country profile",
    }
    built = {
        "pages/overview.py": {"fct_key_figure"},
        "pages/funding.py": set(),
        "pages/country.py": {"fct_key_figure"},
        lineage.SIDEBAR: {"fct_key_figure"},
    }
    assert (
        content.finding_pages("funding", built, titles)
        == "Funding requirements 2016, Regional overview"
    )
    assert content.finding_pages("offices", built, titles) == "Regional overview, Country profile"
    assert content.finding_pages("documents", built, titles) == "Regional overview, Country profile"
    assert content.finding_pages("funding", {}, titles) == ""


def test_coverage_heatmap_keeps_country_order_and_marks_gaps():
    grid = pd.DataFrame(
        {
            "country": ["Kosovo", "Kosovo", "Albania", "Albania"],
            "year": [2019, 2020, 2019, 2020],
            "value": [None, None, 1.5, None],
        }
    )
    figure = coverage_heatmap(grid, "Test", "percent")
    trace = figure.data[0]
    assert list(trace.y) == ["Kosovo", "Albania"]
    assert list(trace.x) == ["2019", "2020"]
    assert np.asarray(trace.z).tolist() == [[0, 0], [1, 0]]
    assert trace.customdata[1][0] == "1.5%"


def test_the_2024_edition_revision_is_shown_edition_by_edition(con):
    from dashboard.queries import headline as q_headline

    revisions = q_headline.edition_revisions(con, "migrant_stock", limit=5)
    top = revisions.iloc[0]
    assert (top["iso3"], top["year"], top["value"], top["alt_value"]) == (
        "RUS",
        2020,
        7297611,
        11636911,
    )
    assert "KAZ" in set(revisions["iso3"])
    at = open_page("pages/data_sources.py")
    assert any(
        m.value.startswith("**Largest: Russian Federation 2020, 7.3 million in UN DESA")
        for m in at.markdown
    )
    charts_by_title = {
        json.loads(c.proto.spec)["layout"]["title"]["text"].replace("<br>", " "): json.loads(
            c.proto.spec
        )
        for c in at.get("plotly_chart")
    }
    figure = charts_by_title["International migrant stock: two editions, each its own line"]
    names = [trace["name"] for trace in figure["data"]]
    # one line per country and edition: never one line joining the two editions
    assert "Russian Federation, International migrant stock (UN DESA 2024)" in names
    assert "Russian Federation, International migrant stock (UN DESA 2020)" in names
    for trace in figure["data"]:
        assert len(set(trace["x"])) == len(trace["x"])


# ---------------------------------------------------------------- content, pure
def test_default_choice_falls_back_to_the_first():
    assert content.default_choice(["a", "b"], "b") == "b"
    assert content.default_choice(["a", "b"], "z") == "a"


def test_revision_series_and_sources_follow_the_largest_revisions(con):
    from dashboard.queries import headline as q_headline

    revisions = q_headline.edition_revisions(con, "migrant_stock")
    countries, codes = content.revision_series(revisions)
    assert countries == tuple(dict.fromkeys(revisions["iso3"]))[:2] and len(countries) == 2
    assert set(codes) <= set(revisions["indicator_code"]) | set(revisions["alt_indicator_code"])
    sources = content.revision_sources(revisions).split("; ")
    assert len(sources) == len(set(sources)) >= 2
    assert sources[0] == revisions["source_title"].iloc[0]


def test_counts_cards_and_refresh_steps(con):
    from dashboard.queries import catalog as q

    checks = q.dq_finding_checks(con)
    total = int(con.execute("select count(*) from dq_finding").fetchone()[0])
    assert content.findings_count(3, checks) == f"3 of {total} findings shown."
    build = q.build_info(con).iloc[0]
    cards = content.build_cards(build, 41, 25)
    assert [c["label"] for c in cards] == ["Built", "Code revision", "Build time", "Tables"]
    assert cards[0]["value"] == f"{build['built_at']:%Y-%m-%d}"
    assert cards[2]["help"] == "Loading, modelling and 41 data tests." and cards[3]["value"] == 25
    assert "Then 41 data tests must find no offending rows." in content.refresh_steps(41)


def test_coverage_outside_years_sentence():
    definition = {"name": "Remittances (% of GDP)", "first_year": 2023, "last_year": 2023}
    assert content.coverage_outside_years(definition, 2000, 2010) == (
        "Remittances (% of GDP) has values for 2023-2023, outside the years selected (2000-2010)."
    )


@pytest.mark.usefixtures("server_like_reruns")
def test_russian_page_in_russian_with_titles_marked_english(warehouse_path, con):
    at = open_page(PAGE, {"lang": ["ru"]})
    assert at.title[0].value == "Данные и источники"
    headers = [h.value for h in at.header]
    assert (
        "Как выбирается основное значение" in headers and "Замечания о качестве данных" in headers
    )
    findings = table_with(at, "Проверка")
    assert "итог и сумма ячеек" in set(findings["Проверка"])
    assert set(findings["Тема"]) == {"документы", "финансирование", "бюро"}
    total = con.execute("select count(*) from dq_finding").fetchone()[0]
    assert any(c.value == f"Показано {total} из {total} замечаний." for c in at.caption)
    largest = next(m.value for m in at.markdown if m.value.startswith("**Наибольшее: "))
    assert '<span lang="en">UN DESA International Migrant Stock 2024</span>' in largest
    sources = table_with(at, "Вид")
    assert set(sources["Вид"]) == {"документ", "набор данных"}


def test_check_labels_cover_every_check_in_the_warehouse(con):
    from dashboard.i18n import using

    checks = {
        row[0] for row in con.execute("select distinct check_name from dq_finding").fetchall()
    }
    assert checks <= set(content.CHECK_LABELS), checks - set(content.CHECK_LABELS)
    with using("ru"):
        assert content.check_label("total_vs_sum_of_cells") == "итог и сумма ячеек"
    assert content.check_label("total_vs_sum_of_cells") == "total vs sum of cells"
    assert content.check_label("a_new_check") == "a new check"

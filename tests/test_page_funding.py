"""The funding page under AppTest: what a manager sees equals the warehouse facts, "-" stays
blank, the printed-total finding is spelled out, the CSV is the table shown, other regions work."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from dashboard.content import funding as content
from dashboard.queries import funding as q
from dashboard.queries import overview as overview_q
from tests.apptest_helpers import metric_value, open_findings, open_page, open_tables, table_with
from tests.test_i18n import server_like_reruns  # noqa: F401 (a fixture)

PAGE = "pages/funding.py"
COUNTRY = "Country or programme"
TOTAL = "Total (USD)"


def page_text(at: AppTest) -> str:
    return "\n".join(e.value for e in [*at.markdown, *at.caption, *at.info, *at.warning])


@pytest.fixture()
def downloads(monkeypatch) -> dict[str, bytes]:
    """Bytes of every download button the page creates, by file name (built on click or not)."""
    files: dict[str, bytes] = {}
    original = MediaFileManager.add

    def record(
        self, path_or_data, mimetype, coordinates, file_name=None, is_for_static_download=False
    ):
        if file_name:
            files[file_name] = path_or_data
        return original(
            self, path_or_data, mimetype, coordinates, file_name, is_for_static_download
        )

    original_deferred = MediaFileManager.add_deferred

    def record_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        if file_name:  # what a click on the button would download
            files[file_name] = data_callable()
        return original_deferred(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add", record)
    monkeypatch.setattr(MediaFileManager, "add_deferred", record_deferred)
    return files


def cells(con, region: str) -> pd.DataFrame:
    return con.execute(
        """
        select coalesce(country.name, cell.country_or_programme) as row_name, area.name_as_published
            as area_name, cell.usd, cell.iso3
        from fct_funding_requirement as cell
        join dim_programmatic_area as area using (programmatic_area)
        left join dim_country as country on country.iso3 = cell.iso3 and cell.region = 'seeeca'
        where cell.region = ? and cell.edition = 2016
        """,
        [region],
    ).df()


def test_seeeca_table_equals_the_cells_and_dashes_stay_blank(warehouse_path, con):
    at = open_page(PAGE)
    shown = table_with(at, COUNTRY).set_index(COUNTRY)
    expected = cells(con, "seeeca")
    assert len(shown) == expected["row_name"].nunique() == 20
    for cell in expected.itertuples():
        value = shown.loc[cell.row_name, cell.area_name]
        if pd.isna(cell.usd):
            assert pd.isna(value), f"{cell.row_name} / {cell.area_name} is '-' in the source"
        else:
            assert value == cell.usd
    area_columns = list(expected["area_name"].unique())
    assert int(shown[area_columns].isna().sum().sum()) == int(expected["usd"].isna().sum()) > 0
    assert not (shown[area_columns] == 0).any().any(), "a '-' must never become 0"
    assert shown[TOTAL].sum() == expected["usd"].sum() == 125_925_000
    assert metric_value(at, "Requirement shown") == "USD 125.9M"


def test_csv_download_is_the_table_shown(warehouse_path, downloads):
    at = open_page(PAGE)
    shown = table_with(at, COUNTRY)
    csv = downloads["funding-seeeca-by-country-and-area.csv"].decode("utf-8-sig")
    assert csv == shown.to_csv(index=False)
    from_csv = pd.read_csv(io.StringIO(csv))
    assert list(from_csv.columns) == list(shown.columns)
    # a "-" is an empty CSV cell, not 0
    assert from_csv.set_index(COUNTRY).loc["Uzbekistan", "Migration health"] != 0
    assert pd.isna(from_csv.set_index(COUNTRY).loc["Uzbekistan", "Migration health"])


def test_the_printed_total_finding_is_shown_with_both_numbers(warehouse_path, con):
    printed = con.execute(
        "select usd from published_total where table_name = 'overview' and total_axis = 'column' "
        "and label = 'seeeca'"
    ).fetchone()[0]
    summed = con.execute(
        "select sum(usd) from fct_funding_requirement where region = 'seeeca'"
    ).fetchone()[0]
    at = open_findings(open_page(PAGE))
    text = page_text(at)
    assert f"{printed:,}" == "118,075,000" and f"{summed:,}" == "125,925,000"
    assert "The overview prints **118,075,000** USD" in text
    assert "uses the sum of the cells (125,925,000)" in text
    assert "Published: **118,075,000**; expected: **125,925,000**" in text
    assert metric_value(at, "Printed for the region in the overview") == "USD 118.1M"


def test_another_region_shows_its_own_rows(warehouse_path, con):
    at = open_page(PAGE, {"region": ["mena"]})
    assert set(table_with(at, COUNTRY)[COUNTRY]) == set(cells(con, "mena")["row_name"])
    at.selectbox(key="funding_region").select("asia_pacific").run()
    assert at.query_params["region"] == "asia_pacific"
    shown = table_with(at, COUNTRY)
    expected = cells(con, "asia_pacific")
    assert set(shown[COUNTRY]) == set(expected["row_name"])
    assert shown[TOTAL].sum() == expected["usd"].sum()


def test_southern_africa_shows_only_its_overview_column(warehouse_path, con):
    column = con.execute(
        "select sum(usd) from fct_funding_overview where region = 'southern_africa'"
    ).fetchone()[0]
    at = open_page(PAGE, {"region": ["southern_africa"]})
    assert any("no per-region table for Southern Africa" in i.value for i in at.info)
    assert table_with(open_tables(at), "Requirement (USD)")["Requirement (USD)"].sum() == column
    assert metric_value(at, "Requirement, overview column") == f"USD {column / 1e6:,.1f}M"
    assert not any(COUNTRY in d.value.columns for d in at.dataframe)


def test_countries_restrict_the_rows_and_drop_regional_programmes(warehouse_path, con):
    expected = cells(con, "seeeca").query("iso3 in ['ALB', 'XKX']")
    at = open_page(PAGE, {"country": ["ALB", "XKX"]})
    shown = table_with(at, COUNTRY)
    assert set(shown[COUNTRY]) == {"Albania", "Kosovo*"}
    assert shown[TOTAL].sum() == expected["usd"].sum()
    assert "Regional programmes are shown only for the whole region." in page_text(at)


def test_theme_restricts_the_programmatic_areas(warehouse_path, con):
    # SP1 continues thematic areas whose funding areas are, by the crosswalk's primary links:
    areas = con.execute(
        """
        select distinct area.name_as_published
        from bridge_crosswalk as continues
        join bridge_crosswalk as funded on funded.from_element_id = continues.to_id
        join dim_programmatic_area as area on area.programmatic_area = funded.to_id
        where continues.from_element_id = 's2020.sp1' and continues.relation = 'continues'
            and funded.relation = 'funded_under'
        """
    ).df()["name_as_published"]
    at = open_page(PAGE, {"theme": ["s2020.sp1"]})
    shown = table_with(at, COUNTRY)
    assert set(shown.columns) - {
        COUNTRY,
        "Name as published",
        TOTAL,
        "Share of total shown (%)",
    } == set(areas)
    assert len(areas) == 2


def test_unknown_region_in_the_link_warns_and_shows_seeeca(warehouse_path):
    at = open_page(PAGE, {"region": ["atlantis' or 1=1"]})
    assert any("Ignored region" in w.value for w in at.warning)
    assert metric_value(at, "Requirement shown") == "USD 125.9M"
    assert "region" not in at.query_params


def test_regions_are_compared_from_the_overview_cells(warehouse_path, con):
    overview = (
        con.execute(
            "select region, sum(usd) as usd from fct_funding_overview "
            "where programmatic_area <> 'multiregional' and region <> 'multi_regional' group by region"
        )
        .df()
        .set_index("region")["usd"]
    )
    at = open_tables(open_page(PAGE))
    shown = table_with(at, "Requirement, overview cells (USD)").set_index("Region")
    seeeca = shown.loc["South-Eastern Europe, Eastern Europe and Central Asia"]
    assert seeeca["Requirement, overview cells (USD)"] == overview["seeeca"] == 125_925_000
    assert seeeca["Printed overview total, all areas (USD)"] == 118_075_000
    assert shown["Requirement, overview cells (USD)"].sum() == overview.sum()
    assert pd.isna(shown.loc["Southern Africa", "Requirement, region's own table (USD)"])


def test_the_heatmap_leaves_dash_cells_empty(con):
    from dashboard.charts.funding import requirement_heatmap

    areas = tuple(
        con.execute("select programmatic_area from dim_programmatic_area").df().iloc[:, 0]
    )
    iso3 = tuple(con.execute("select iso3 from dim_country").df()["iso3"])
    region_cells = q.funding_region_cells(con, "seeeca", iso3, True, areas)
    trace = requirement_heatmap(region_cells, "title").data[0]
    flat = [value for row in trace.z for value in row]
    assert sum(value is None for value in flat) == int(region_cells["usd"].isna().sum())
    assert 0 not in flat
    assert sum(value for value in flat if value is not None) == 125_925_000


# ---------------------------------------------------------------- content.funding, pure
def test_scope_caption_says_what_the_table_covers():
    assert content.scope_caption(7, False, True, True, 20) == "Showing every programmatic area."
    assert content.scope_caption(2, True, True, False, 3) == (
        "Showing the 2 programmatic area(s) under the chosen theme; 3 selected countries; "
        "regional programmes are left out, as no country carries them."
    )
    assert "apply to SEEECA only" in content.scope_caption(7, False, False, False, 3)


def test_which_total_names_every_total_and_is_silent_when_they_agree(con):
    seeeca = q.funding_region_totals(con, q.SEEECA).iloc[0]
    sentence = content.which_total(seeeca, "SEEECA")
    assert "**118,075,000** USD for SEEECA" in sentence
    assert "add up to **125,925,000** USD" in sentence
    agreeing = seeeca.copy()
    agreeing["overview_printed_total"] = agreeing["cells_usd"]
    assert content.which_total(agreeing, "SEEECA") is None


def test_regional_sentence_gives_requirement_and_share(con):
    areas = tuple(overview_q.theme_programmatic_areas(con, None)["programmatic_area"])
    cells = q.funding_region_cells(con, q.SEEECA, (), True, areas)
    matrix = content.requirement_matrix(cells)
    regional = content.regional_programmes(matrix, cells)
    assert len(regional) == 1
    share = regional[content.SHARE_COLUMN].iloc[0]
    sentence = content.regional_sentence(regional)
    assert sentence.startswith("**Regional programmes** (not attributed to a country): USD ")
    assert sentence.endswith(f", {share:.1f}% of the requirement shown.")


@pytest.mark.usefixtures("server_like_reruns")
def test_russian_page_names_columns_rows_and_totals_in_russian(warehouse_path):
    at = open_page(PAGE, {"lang": ["ru"]})
    shown = table_with(at, "Страна или программа")
    assert {"Итого (долл. США)", "Здоровье мигрантов"} <= set(shown.columns)
    rows = set(shown["Страна или программа"])
    assert {"Республика Молдова", "Косово*", "Региональные программы"} <= rows
    assert shown["Итого (долл. США)"].sum() == 125_925_000
    text = page_text(at)
    nbsp = "\u00a0"
    assert (
        f"**118{nbsp}075{nbsp}000** долл. США" in text
    )  # the printed total, written the Russian way
    assert "**Региональные программы** (не отнесённые ни к одной стране)" in text
    assert at.selectbox(key="funding_region").format_func("seeeca").startswith("Юго-Восточная")

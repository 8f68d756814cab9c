"""Funding requirements 2016: a region's table by country and programmatic area, the printed
totals beside the sums, and SEEECA compared with the other IOM regions."""

import streamlit as st

from dashboard import cache, sidebar, ui, url_state
from dashboard.charts import funding as charts
from dashboard.content import funding as tables
from dashboard.queries import funding as q
from dashboard.queries import names as name_queries
from dashboard.queries import overview as overview_q
from dashboard.style import format_number

DOCUMENT = cache.shaped(
    name_queries.first_citation,
    name_queries.source_citation,
    name_queries.MIGRATION_INITIATIVES_2016,
)
BLANK = "A blank cell is a \u201c-\u201d in the source: no requirement, not zero."
REGION_PARAM = "region"


filters, options = sidebar.current()
st.title("Funding requirements 2016")
st.caption(
    f"Showing {filters.describe(options)}. Migration Initiatives 2016 is one edition, so "
    "the year filter does not apply."
)

names = dict(cache.query(q.funding_regions)[["region", "name"]].itertuples(index=False))
url_state.warn(url_state.seed(REGION_PARAM, list(names), q.SEEECA, key="funding_region"))
region = st.selectbox(
    "IOM region",
    list(names),
    format_func=names.get,
    key="funding_region",
    help="Every IOM region of the 2016 overview; SEEECA is this dashboard's region.",
)
url_state.write(REGION_PARAM, region, q.SEEECA)

seeeca, name = region == q.SEEECA, names[region]
areas = tuple(cache.query(overview_q.theme_programmatic_areas, filters.theme)["programmatic_area"])
selection = (region, filters.selected_iso3, filters.is_whole_region, areas)
totals = cache.query(q.funding_region_totals, region).iloc[0]
scope = [
    f"the {len(areas)} programmatic area(s) under the chosen theme"
    if filters.theme
    else "every programmatic area"
]
if seeeca and not filters.is_whole_region:
    scope.append(
        f"{len(filters.selected_iso3)} selected countries; regional programmes are left out, as no country carries them"
    )
elif not seeeca:
    scope.append(
        "country and subregion filters apply to SEEECA only, so every row of this table is shown"
    )
st.header(f"{name}: requirement by country and programmatic area")
st.caption("Showing " + "; ".join(scope) + ".")

if not totals["has_region_table"]:
    st.info(
        f"The source has no per-region table for {name}: its text has the heading only. Only "
        "the region's column of the overview table is shown.",
        icon=":material/table_rows:",
    )
    column = cache.derived(
        tables.overview_column, cache.query(q.funding_overview_by_area, areas), region
    )
    ui.kpi(
        "Requirement, overview column",
        column["Requirement (USD)"].sum(),
        "usd",
        f"{DOCUMENT}, {totals['overview_section']}",
    )
    ui.chart_with_table(
        cache.chart(
            charts.area_shares, column, f"{name}: requirement by programmatic area (overview)"
        ),
        column,
        f"{DOCUMENT}, {totals['overview_section']}",
        f"overview-{region}",
        [BLANK],
        blank_missing=True,
    )
else:
    cells = cache.query(q.funding_region_cells, *selection)
    matrix = cache.derived(tables.requirement_matrix, cells)
    row = st.columns(3)
    with row[0]:
        ui.kpi(
            "Requirement shown (sum of the cells)",
            matrix[tables.TOTAL_COLUMN].sum(),
            "usd",
            f"{DOCUMENT}, {totals['table_section']}",
            help="The figure the dashboard uses.",
        )
    with row[1]:
        ui.kpi(
            "Printed total of the region's own table",
            totals["table_printed_total"],
            "usd",
            f"{DOCUMENT}, {totals['table_section']}",
            help="All rows and areas of the table.",
        )
    with row[2]:
        ui.kpi(
            "Printed for the region in the overview",
            totals["overview_printed_total"],
            "usd",
            f"{DOCUMENT}, {totals['overview_section']}",
            help="All areas, as printed in the overview.",
        )
    if totals["overview_printed_total"] != totals["cells_usd"]:
        st.markdown(
            f"**Which total?** The overview prints **{totals['overview_printed_total']:,.0f}** USD for "
            f"{name}, but the cells of the region's own table add up to **{totals['cells_usd']:,.0f}** "
            f"USD (that table prints {totals['table_printed_total']:,.0f}). The overview's own {name} cells add up to "
            f"{totals['overview_cells_usd']:,.0f}. The dashboard therefore uses the sum of the cells "
            f"({totals['cells_usd']:,.0f}) and shows the printed {totals['overview_printed_total']:,.0f} "
            "only beside it."
        )
    ui.findings(
        cache.query(q.funding_findings_for_region, region),
        title=f"Data-quality findings on the {name} figures",
    )
    bars, heat, table = st.tabs(["Stacked bars", "Heatmap", "Table"])
    with bars:
        figure = cache.chart(
            charts.requirement_by_row, cells, f"{name}: requirement by country and area"
        )
        ui.chart_summary(figure)
        st.plotly_chart(
            figure,
            width="stretch",
            key="chart-requirement-bars",
            config={"displaylogo": False},
        )
    with heat:
        figure = cache.chart(charts.requirement_heatmap, cells, f"{name}: USD by country and area")
        ui.chart_summary(figure)
        st.plotly_chart(
            figure,
            width="stretch",
            key="chart-requirement-heatmap",
            config={"displaylogo": False},
        )
    with table:
        ui.table_view(matrix, f"funding-{region}-by-country-and-area", blank_missing=True)
    ui.source_line(f"{DOCUMENT}, {totals['table_section']}.")
    st.caption(f":material/info: {BLANK}")

    regional = cache.derived(tables.regional_programmes, matrix, cells)
    if not regional.empty:
        st.markdown(
            f"**Regional programmes** (not attributed to a country): "
            f"{format_number(regional[tables.TOTAL_COLUMN].sum(), 'usd')}, "
            f"{regional[tables.SHARE_COLUMN].sum():.1f}% of the requirement shown."
        )
    elif seeeca:
        st.caption("Regional programmes are shown only for the whole region.")
    left, right = st.columns(2)
    with left:
        shares = cache.derived(tables.area_totals, cells)
        ui.chart_with_table(
            cache.chart(charts.area_shares, shares, "Share of each programmatic area"),
            shares,
            f"{DOCUMENT}, {totals['table_section']}",
            f"funding-{region}-area-shares",
            blank_missing=True,
        )
    with right:
        top = cache.derived(tables.top_countries, matrix, regional, 5)
        ui.chart_with_table(
            cache.chart(charts.top_countries, top, "Largest country requirements"),
            top,
            f"{DOCUMENT}, {totals['table_section']}",
            f"funding-{region}-top-countries",
            ["Shares are of the total shown, regional programmes included."],
            blank_missing=True,
        )

st.header("SEEECA compared with the other IOM regions")
st.caption(
    "From the overview table, the one table with a column for every region (Southern "
    "Africa included); its cells equal each region's own table, area by area. Whole regions: "
    "the country filters do not apply here; the theme filter does. Multi-regional "
    "requirements (not attributed to a region) are left out."
)
overview = cache.query(q.funding_overview_by_area, areas)
comparison = cache.derived(tables.region_comparison, overview, cache.query(q.funding_regions))
ui.chart_with_table(
    cache.chart(charts.region_comparison, comparison, q.SEEECA, "Requirement by IOM region"),
    comparison.drop(columns="region"),
    f"{DOCUMENT}, Overview of funding requirements",
    "funding-regions-total",
    ["The printed overview total covers all areas; for SEEECA it is below the sum of its cells."],
    blank_missing=True,
)
mix = cache.derived(tables.area_mix_comparison, overview)
ui.chart_with_table(
    cache.chart(
        charts.area_mix, mix, "How the requirement splits across areas: SEEECA and the rest"
    ),
    mix,
    f"{DOCUMENT}, Overview of funding requirements",
    "funding-regions-area-mix",
    [BLANK],
    blank_missing=True,
)
ui.findings(cache.query(q.funding_overview_findings), title="Printed totals of the overview table")

"""Streamlit blocks of the funding page: the IOM region picker bound to the link, the region's
requirement (cards, the "which total" note, chart and table tabs, the breakdowns) and SEEECA
beside the other regions. Tables and sentences come from the pure dashboard.content.funding."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard import cache, ui, url_state
from dashboard.charts import funding as charts
from dashboard.content import funding as content
from dashboard.filters import Filters
from dashboard.i18n import N_, _, d_
from dashboard.queries import funding as q
from dashboard.queries import names as name_queries
from dashboard.queries import overview as overview_q

BLANK = N_("A blank cell is a \u201c-\u201d in the source: no requirement, not zero.")
REGION_PARAM = "region"
REGION_KEY = "funding_region"
# The document's own section heading: cited in English like the title before it.
OVERVIEW_SECTION = "Overview of funding requirements"


@dataclass(frozen=True)
class Region:
    """The IOM region on screen, its printed totals and the programmatic areas shown."""

    code: str
    name: str
    totals: pd.Series
    areas: tuple[str, ...]

    @property
    def is_seeeca(self) -> bool:
        return self.code == q.SEEECA


def _document() -> str:
    """The citation of Migration Initiatives 2016."""
    return cache.shaped(
        name_queries.first_citation,
        name_queries.source_citation,
        name_queries.MIGRATION_INITIATIVES_2016,
    )


def region(theme: str | None) -> Region:
    """The IOM region chosen in a selectbox bound to ?region= (default SEEECA), with its totals
    and the programmatic areas under the sidebar's theme (all without one)."""
    regions = cache.query(q.funding_regions)
    names = {code: d_(name) for code, name in regions[["region", "name"]].itertuples(index=False)}
    url_state.warn(url_state.seed(REGION_PARAM, list(names), q.SEEECA, key=REGION_KEY))
    code = st.selectbox(
        _("IOM region"),
        list(names),
        format_func=names.get,
        key=REGION_KEY,
        help=_("Every IOM region of the 2016 overview; SEEECA is this dashboard's region."),
    )
    url_state.write(REGION_PARAM, code, q.SEEECA)
    areas = tuple(cache.query(overview_q.theme_programmatic_areas, theme)["programmatic_area"])
    totals = cache.query(q.funding_region_totals, code).iloc[0]
    return Region(code, names[code], totals, areas)


def region_header(shown: Region, filters: Filters) -> None:
    """The region section's heading and what its table covers under the filters."""
    st.header(_("{region}: requirement by country and programmatic area").format(region=shown.name))
    st.caption(
        content.scope_caption(
            len(shown.areas),
            bool(filters.theme),
            shown.is_seeeca,
            filters.is_whole_region,
            len(filters.selected_iso3),
        )
    )


def _overview(areas: tuple[str, ...]) -> pd.DataFrame:
    """The overview table's cells for the areas shown, names in the current language."""
    return cache.derived(content.localised, cache.query(q.funding_overview_by_area, areas))


def overview_column(shown: Region) -> None:
    """A region without a table of its own: its column of the overview table."""
    st.info(
        _(
            "The source has no per-region table for {region}: its text has the heading only. "
            "Only the region's column of the overview table is shown."
        ).format(region=shown.name),
        icon=":material/table_rows:",
    )
    column = cache.derived(content.overview_column, _overview(shown.areas), shown.code)
    source = f"{_document()}, {shown.totals['overview_section']}"
    ui.kpi(
        _("Requirement, overview column"),
        column[_(content.REQUIREMENT_COLUMN)].sum(),
        "usd",
        source,
    )
    ui.chart_with_table(
        cache.chart(
            charts.area_shares,
            column,
            _("{region}: requirement by programmatic area (overview)").format(region=shown.name),
        ),
        column,
        source,
        f"overview-{shown.code}",
        [_(BLANK)],
        blank_missing=True,
    )


def region_cells(shown: Region, filters: Filters) -> pd.DataFrame:
    """The cells of the region's own table under the filters (country filters: SEEECA only),
    names in the current language."""
    cells = cache.query(
        q.funding_region_cells,
        shown.code,
        filters.selected_iso3,
        filters.is_whole_region,
        shown.areas,
    )
    return cache.derived(content.localised, cells)


def total_cards(shown: Region, matrix: pd.DataFrame) -> None:
    """The requirement shown beside the two totals the document prints, and which one is used."""
    table_source = f"{_document()}, {shown.totals['table_section']}"
    cards = (
        (
            _("Requirement shown (sum of the cells)"),
            matrix[_(content.TOTAL_COLUMN)].sum(),
            table_source,
            _("The figure the dashboard uses."),
        ),
        (
            _("Printed total of the region's own table"),
            shown.totals["table_printed_total"],
            table_source,
            _("All rows and areas of the table."),
        ),
        (
            _("Printed for the region in the overview"),
            shown.totals["overview_printed_total"],
            f"{_document()}, {shown.totals['overview_section']}",
            _("All areas, as printed in the overview."),
        ),
    )
    for column, (label, value, source, help_text) in zip(st.columns(3), cards, strict=True):
        with column:
            ui.kpi(label, value, "usd", source, help=help_text)
    which = content.which_total(shown.totals, shown.name)
    if which:
        st.markdown(which)


def requirement_tabs(shown: Region, cells: pd.DataFrame, matrix: pd.DataFrame) -> None:
    """The region's table three ways (stacked bars, heatmap, the table), its findings and
    source."""
    ui.findings(
        cache.query(q.funding_findings_for_region, shown.code),
        title=_("Data-quality findings on the {region} figures").format(region=shown.name),
    )
    bars, heat, table = st.tabs([_("Stacked bars"), _("Heatmap"), _("Table")])
    for tab, builder, title, key in (
        (
            bars,
            charts.requirement_by_row,
            _("{region}: requirement by country and area").format(region=shown.name),
            "bars",
        ),
        (
            heat,
            charts.requirement_heatmap,
            _("{region}: USD by country and area").format(region=shown.name),
            "heatmap",
        ),
    ):
        with tab:
            figure = cache.chart(builder, cells, title)
            ui.chart_summary(figure)
            st.plotly_chart(
                figure,
                width="stretch",
                key=f"chart-requirement-{key}",
                config={"displaylogo": False},
            )
    with table:
        ui.table_view(matrix, f"funding-{shown.code}-by-country-and-area", blank_missing=True)
    ui.source_line(f"{_document()}, {shown.totals['table_section']}.")
    st.caption(f":material/info: {_(BLANK)}")


def breakdowns(shown: Region, cells: pd.DataFrame, matrix: pd.DataFrame) -> None:
    """The regional programmes line, the share of each programmatic area and the largest
    country requirements."""
    source = f"{_document()}, {shown.totals['table_section']}"
    regional = cache.derived(content.regional_programmes, matrix, cells)
    if not regional.empty:
        st.markdown(content.regional_sentence(regional))
    elif shown.is_seeeca:
        st.caption(_("Regional programmes are shown only for the whole region."))
    left, right = st.columns(2)
    with left:
        shares = cache.derived(content.area_totals, cells)
        ui.chart_with_table(
            cache.chart(charts.area_shares, shares, _("Share of each programmatic area")),
            shares,
            source,
            f"funding-{shown.code}-area-shares",
            blank_missing=True,
        )
    with right:
        top = cache.derived(content.top_countries, matrix, regional, 5)
        ui.chart_with_table(
            cache.chart(charts.top_countries, top, _("Largest country requirements")),
            top,
            source,
            f"funding-{shown.code}-top-countries",
            [_("Shares are of the total shown, regional programmes included.")],
            blank_missing=True,
        )


def regions_compared(areas: tuple[str, ...]) -> None:
    """SEEECA beside the other IOM regions, from the overview table (whole regions; the theme
    filter applies, the country filters do not)."""
    st.header(_("SEEECA compared with the other IOM regions"))
    st.caption(
        _(
            "From the overview table, the one table with a column for every region (Southern "
            "Africa included); its cells equal each region's own table, area by area. Whole "
            "regions: the country filters do not apply here; the theme filter does. "
            "Multi-regional requirements (not attributed to a region) are left out."
        )
    )
    source = f"{_document()}, {OVERVIEW_SECTION}"
    overview = _overview(areas)
    comparison = cache.derived(content.region_comparison, overview, cache.query(q.funding_regions))
    ui.chart_with_table(
        cache.chart(charts.region_comparison, comparison, q.SEEECA, _("Requirement by IOM region")),
        comparison.drop(columns="region"),
        source,
        "funding-regions-total",
        [
            _(
                "The printed overview total covers all areas; for SEEECA it is below the sum of "
                "its cells."
            )
        ],
        blank_missing=True,
    )
    mix = cache.derived(content.area_mix_comparison, overview)
    ui.chart_with_table(
        cache.chart(
            charts.area_mix,
            mix,
            _("How the requirement splits across areas: SEEECA and the rest"),
        ),
        mix,
        source,
        "funding-regions-area-mix",
        [_(BLANK)],
        blank_missing=True,
    )
    ui.findings(
        cache.query(q.funding_overview_findings), title=_("Printed totals of the overview table")
    )

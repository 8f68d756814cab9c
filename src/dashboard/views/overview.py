"""Streamlit blocks of the regional overview, in the order the page draws them. Figures come
from the warehouse through dashboard.cache; cards, sentences and groupings are worded in the pure
dashboard.content.overview."""

from __future__ import annotations

import streamlit as st

from dashboard import cache, config, i18n, i18n_data, maps, svgmap, themes, ui
from dashboard.content import overview as content
from dashboard.content.trends import IndicatorMenu
from dashboard.filters import FilterOptions, Filters
from dashboard.i18n import _, d_
from dashboard.queries import names
from dashboard.queries import overview as q
from dashboard.views import changes as changes_view
from dashboard.views import themes as theme_view


def heading(filters: Filters, options: FilterOptions) -> None:
    ui.print_styles()
    st.title(_("SEEECA migration outlook: regional overview"))
    st.caption(_("Showing {selection}.").format(selection=filters.describe(options)))


def latest_year(filters: Filters, options: FilterOptions, theme_families: tuple[str, ...]) -> None:
    """What changed in the latest year (shared with the outlook tracker)."""
    changes_view.latest_block(filters, options, theme_families)


def _figures() -> dict[str, dict]:
    """The documents' key figures the cards show, by id (shaped once per warehouse)."""
    return cache.shaped(content.figures_by_id, q.key_figures_with_source, content.KPI_FIGURES)


def iom_in_selection(filters: Filters) -> None:
    """Countries and offices of the selection, each against what Table A1 prints for the region."""
    figures = _figures()
    countries, offices = figures[content.FIGURE_COUNTRIES], figures[content.FIGURE_OFFICES]
    st.header(_("IOM in the region") if filters.is_whole_region else _("IOM in the selection"))
    row = st.columns(4)
    with row[0]:
        ui.kpi(
            _("Countries and territories"),
            len(filters.selected_iso3),
            "count",
            content.figure_source(countries),
            help=content.countries_help(countries),
        )
    with row[1]:
        ui.kpi(
            content.offices_label(config.OFFICES_AS_OF),
            content.offices_shown(
                cache.shaped(content.offices_by_type, q.office_counts, filters.selected_iso3)
            ),
            "count",
            content.figure_source(offices),
            help=content.offices_help(offices),
        )


def region_wide(filters: Filters) -> None:
    """Figures the documents give only for the whole region: a block of their own, titled so,
    so that nothing looks as if it followed the filters when it cannot."""
    st.header(_("Region-wide figures (whole region, not filtered)"))
    if not filters.is_whole_region:
        st.caption(
            ":material/public: "
            + _(
                "The documents give these for the whole region only: they stay the same "
                "whatever the filters select."
            )
        )
    figures, cards = _figures(), content.region_wide_figures(config.OFFICES_AS_OF)
    for start in range(0, len(cards), 3):
        for column, card in zip(st.columns(3), cards[start : start + 3], strict=True):
            figure = figures[card.figure_id]
            with column:
                ui.kpi(
                    content.region_wide_label(card),
                    figure["value"],
                    figure["unit"],
                    content.figure_source(figure),
                    display=content.figure_display(figure),
                    help=ui.glossary(card.term, content.as_published(figure, False))
                    if card.term
                    else content.as_published(figure, True),
                )


def funding(filters: Filters) -> None:
    """The 2016 requirement of the selection (for the theme's programmatic areas), with the
    document's disagreeing totals and the findings on them."""
    areas = cache.query(q.theme_programmatic_areas, filters.theme)
    total = cache.query(
        q.seeeca_funding_total,
        filters.selected_iso3,
        filters.is_whole_region,
        tuple(areas["programmatic_area"]),
    ).iloc[0]
    st.header(_("Funding requirement 2016"))
    ui.kpi(
        content.funding_label(filters.is_whole_region),
        total["usd"],
        "usd",
        f"{total['document']}, {total['source_section']}",
        help=content.funding_help(len(areas)),
    )
    mismatch = content.funding_mismatch(total, filters.is_whole_region)
    if mismatch:
        st.info(mismatch, icon=":material/rule:")
    ui.findings(
        cache.query(q.seeeca_funding_findings),
        title=_("Data-quality findings on these funding figures"),
    )


def indicator_map(filters: Filters, theme_families: tuple[str, ...], menu: IndicatorMenu) -> None:
    """A choropleth of the theme's lead indicator (else the migrants' share of the population),
    its legend, source and caveat, and its values as a table when opened."""
    code = themes.lead_code(menu.defaults, theme_families, content.MAP_INDICATOR)
    shares = cache.query(q.indicator_latest_by_country, code, filters.year_to)
    definition = cache.query(q.indicator_definitions, (code,)).iloc[0]
    name = d_(definition["name"])
    st.header(name if theme_families else _("Migrants as a share of the population"))
    figure, legend = cache.chart(
        svgmap.indicator_map,
        shares,
        definition["unit"],
        name,  # the tooltips' label, in the page's language
        filters.selected_iso3,
        filters.is_whole_region,
        cache.query(names.country_labels),
    )
    ui.plotly_map(
        figure,
        key="overview-map",
        iso3=filters.selected_iso3,
        alt=_(
            "Map of {indicator} by country, shaded light to dark as in the legend below; the "
            "table view lists each country's value."
        ).format(indicator=name),
    )
    st.image(
        maps.legend_svg(maps.choropleth_legend(legend)),
        alt=_("Legend, light to dark: {classes}").format(classes="; ".join(legend["range"])),
    )
    ui.source_line(
        _("{citation}; latest year up to {year}. {basemap}").format(
            citation=ui.english(definition["cite_as"]),
            year=filters.year_to,
            basemap=maps.basemap_source(),
        ),
        translated=True,
    )
    # a source named as published (Our World in Data, datahub.io) is marked English
    st.caption(
        f":material/info: {i18n_data.markup(d_(definition['caveat']))}", unsafe_allow_html=True
    )
    with st.expander(_("Table view"), key="overview-share-table", on_change="rerun") as table_box:
        if table_box.open:  # built only when opened
            ui.table_view(shares, "migrant-share-by-country")


def strategy() -> None:
    """The 2020-2024 strategy's pillars and priorities."""
    st.header(_("Strategy 2020-2024 at a glance"))
    rows = cache.query(q.strategy_2020_at_a_glance)
    grouped = cache.shaped(content.priorities_by_pillar, q.strategy_2020_at_a_glance)
    for pillar, priorities in grouped.items():
        st.markdown(f"**{content.pillar_heading(pillar)}**")
        for priority in priorities:
            st.markdown(f"- {priority}")
    ui.source_line(
        _("{document}, strategic priorities.").format(document=ui.english(rows["document"].iat[0])),
        translated=True,
    )
    if i18n.language() != i18n.DEFAULT_LANGUAGE:  # the strategy's wording, translated by us
        st.caption(f":material/translate: {_(i18n_data.UNOFFICIAL_NOTE)}")


def headline_cards(filters: Filters, theme_families: tuple[str, ...], menu: IndicatorMenu) -> None:
    """The headline indicators of the selection (the theme's first), each with its sparkline."""
    st.header(_("Headline indicators for the selection"))
    codes = themes.lead_codes(
        theme_families,
        menu.defaults,
        content.HEADLINE_INDICATORS,
        len(content.HEADLINE_INDICATORS),
        menu.family_of,
    )
    aggregate = cache.query(
        q.indicator_aggregate, codes, filters.selected_iso3, filters.year_from, filters.year_to
    )
    definitions = cache.query(q.indicator_definitions, codes).set_index(
        "indicator_code", drop=False
    )
    items = cache.derived(content.headlines_of, aggregate, definitions, codes)
    for column, item in zip(st.columns(len(items)), items, strict=True):
        with column:
            ui.kpi(
                content.headline_label(item),
                item.value,
                item.unit,
                item.source,
                chart=item.series or None,
                help=content.headline_help(item),
            )


def families_and_menu(theme: str | None) -> tuple[tuple[str, ...], IndicatorMenu]:
    """A chosen theme leads every block with its indicators (the warehouse's theme crosswalk)."""
    return theme_view.families(theme), theme_view.menu()

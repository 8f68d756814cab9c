"""Overview: the region at a glance for the current filters."""

import streamlit as st

from dashboard import cache, config, maps, sidebar, themes, ui
from dashboard.content import overview as headlines
from dashboard.queries import names
from dashboard.queries import overview as q
from dashboard.views import changes as changes_view
from dashboard.views import themes as theme_view

filters, options = sidebar.current()
ui.print_styles()
st.title("SEEECA migration outlook: regional overview")
st.caption(f"Showing {filters.describe(options)}.")

# A chosen theme leads every block below with its indicators (the warehouse's theme crosswalk).
theme_families, menu = theme_view.families(filters.theme), theme_view.menu()
changes_view.latest_block(filters, options, theme_families)

figures = cache.shaped(headlines.figures_by_id, q.key_figures_with_source, headlines.KPI_FIGURES)
offices = cache.shaped(headlines.offices_by_type, q.office_counts, filters.selected_iso3)
areas = cache.query(q.theme_programmatic_areas, filters.theme)
funding = cache.query(
    q.seeeca_funding_total,
    filters.selected_iso3,
    filters.is_whole_region,
    tuple(areas["programmatic_area"]),
).iloc[0]

st.header("IOM in the region" if filters.is_whole_region else "IOM in the selection")
row = st.columns(4)
with row[0]:
    ui.kpi(
        "Countries and territories",
        len(filters.selected_iso3),
        "count",
        headlines.figure_source(figures[headlines.FIGURE_COUNTRIES]),
        help=f"Table A1 prints {headlines.figure_display(figures[headlines.FIGURE_COUNTRIES])} "
        "for the region.",
    )
with row[1]:
    ui.kpi(
        f"Offices and sub-offices ({config.OFFICES_AS_OF})",
        sum(count for kind, count in offices.items() if kind != "regional"),
        "count",
        headlines.figure_source(figures[headlines.FIGURE_OFFICES]),
        help="Counted from the Annex 1 list; Table A1 prints "
        f"{headlines.figure_display(figures[headlines.FIGURE_OFFICES])} for the region. "
        "The Regional Office in Vienna comes on top; Israel is covered by it.",
    )

# Figures the documents give only for the whole region: a block of their own, titled so, so that
# nothing looks as if it followed the filters when it cannot.
st.header("Region-wide figures (whole region, not filtered)")
if not filters.is_whole_region:
    st.caption(
        ":material/public: The documents give these for the whole region only: they stay the "
        "same whatever the filters select."
    )
REGION_WIDE = (
    (headlines.FIGURE_STAFF, f"Staff ({config.OFFICES_AS_OF})", None),
    (headlines.FIGURE_BUDGET, "Annual budget 2019", None),
    (headlines.FIGURE_PROJECTS, "Projects implemented 2019", None),
    (headlines.FIGURE_DONORS, "Donors 2019", None),
    (headlines.FIGURE_MIGRANTS_2013, "International migrants 2013", "migrant stock"),
    (headlines.FIGURE_EMIGRANTS_2013, "Emigrants 2013", "emigrant"),
)
for start in range(0, len(REGION_WIDE), 3):
    for column, (figure_id, label, term) in zip(
        st.columns(3), REGION_WIDE[start : start + 3], strict=True
    ):
        figure = figures[figure_id]
        with column:
            ui.kpi(
                f"{label} · region-wide",
                figure["value"],
                figure["unit"],
                headlines.figure_source(figure),
                display=headlines.figure_display(figure),
                help=ui.glossary(term, f'As published: "{figure["quote"]}".')
                if term
                else f'As published: "{figure["quote"]}". {figure["label"]}.',
            )

st.header("Funding requirement 2016")
scope = (
    "the whole region, including regional programmes"
    if filters.is_whole_region
    else "the selected countries (regional programmes excluded)"
)
ui.kpi(
    f"Migration Initiatives 2016 requirement for {scope}",
    funding["usd"],
    "usd",
    f"{funding['document']}, {funding['source_section']}",
    help=f"Sum of the cells of the SEEECA table over {len(areas)} programmatic area(s).",
)
if filters.is_whole_region and funding["overview_total"] != funding["usd"]:
    st.info(
        f"The overview table of Migration Initiatives 2016 prints USD {funding['overview_total']:,.0f} "
        f"for this region, but the region's own table adds up to USD {funding['usd']:,.0f} (its printed "
        f"total is USD {funding['table_total']:,.0f}). The dashboard uses the table's cells, which carry "
        "the country detail.",
        icon=":material/rule:",
    )
ui.findings(
    cache.query(q.seeeca_funding_findings), title="Data-quality findings on these funding figures"
)

left, right = st.columns([3, 2])
with left:
    map_code = themes.lead_code(menu.defaults, theme_families, headlines.MAP_INDICATOR)
    shares = cache.query(q.indicator_latest_by_country, map_code, filters.year_to)
    definition = cache.query(q.indicator_definitions, (map_code,)).iloc[0]
    st.header(definition["name"] if theme_families else "Migrants as a share of the population")
    deck, legend = cache.chart(
        maps.indicator_deck,
        shares,
        definition["unit"],
        definition["name"],
        filters.selected_iso3,
        filters.is_whole_region,
        cache.query(names.country_labels),
    )
    ui.map_view(
        deck,
        height=420,
        iso3=filters.selected_iso3,
        alt=f"Map of {definition['name']} by country, shaded light to dark as in the legend "
        "below; the table view lists each country's value.",
    )
    st.image(
        maps.legend_svg(maps.choropleth_legend(legend)),
        alt=f"Legend, light to dark: {'; '.join(legend['range'])}",
    )
    ui.source_line(
        f"{definition['cite_as']}; latest year up to {filters.year_to}. {maps.basemap_source()}"
    )
    st.caption(f":material/info: {definition['caveat']}")
    with st.expander("Table view", key="overview-share-table", on_change="rerun") as table_box:
        if table_box.open:  # built only when opened
            ui.table_view(shares, "migrant-share-by-country")
with right:
    st.header("Strategy 2020-2024 at a glance")
    strategy = cache.query(q.strategy_2020_at_a_glance)
    priorities_by_pillar: dict[str, list[str]] = {}
    for pillar, priority in zip(
        strategy["pillar"].tolist(), strategy["priority"].tolist(), strict=True
    ):
        priorities_by_pillar.setdefault(pillar, []).append(priority)
    for pillar, priorities in priorities_by_pillar.items():
        st.markdown(f"**Pillar: {pillar}**")
        for priority in priorities:
            st.markdown(f"- {priority}")
    ui.source_line(f"{strategy['document'].iat[0]}, strategic priorities.")

st.header("Headline indicators for the selection")
headline_codes = themes.lead_codes(
    theme_families,
    menu.defaults,
    headlines.HEADLINE_INDICATORS,
    len(headlines.HEADLINE_INDICATORS),
    menu.family_of,
)
aggregate = cache.query(
    q.indicator_aggregate,
    headline_codes,
    filters.selected_iso3,
    filters.year_from,
    filters.year_to,
)
definitions = cache.query(q.indicator_definitions, headline_codes).set_index(
    "indicator_code", drop=False
)
items = cache.derived(headlines.headlines_of, aggregate, definitions, headline_codes)
for column, item in zip(st.columns(len(items)), items, strict=True):
    with column:
        ui.kpi(
            f"{item.name}, {item.year or 'no data'}",
            item.value,
            item.unit,
            item.source,
            chart=item.series or None,
            help=f"{item.countries_reporting} of {item.countries_selected} selected countries report this year."
            + (f" {item.caveat}" if item.caveat else ""),
        )

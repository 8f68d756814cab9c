"""Country profile: one country's IOM presence, status, funding, indicators, documents and caveats."""

from datetime import date

import streamlit as st

from dashboard import briefing, cache, sidebar, themes, ui
from dashboard.charts import country as charts
from dashboard.content import country as profile
from dashboard.inert import inert
from dashboard.queries import names as name_queries
from dashboard.views import briefing as briefing_view
from dashboard.views import corridors as corridor_view
from dashboard.views import projection as projection_view
from dashboard.views import themes as theme_view

filters, options = sidebar.current()
briefing_view.print_styles()
title = st.empty()  # drawn once the picker below has decided the country
iso3 = briefing_view.country_picker(filters, options, key="profile_country")
theme_families = theme_view.families(filters.theme)
deck = cache.briefing_for(
    briefing.country_scope(iso3, options, filters.years, filters.theme, theme_families),
    date.today().strftime("%d %B %Y"),
)
data = deck.data
screens = {screen.key: screen for screen in deck.screens}
country = data.profile_row
name = str(country["name"])

title.title(f"Country profile: {name}")
st.caption(
    f"{country['subregion']} · capital {country['capital']} · indicators {filters.year_from}-"
    f"{filters.year_to}. Prints as shown (collapse the sidebar first)."
)
st.page_link(
    "pages/briefing.py",
    label=f"Present {name} as slides, or export PowerPoint / PDF",
    icon=":material/co_present:",
    query_params={briefing_view.COUNTRY_PARAM: iso3},
)

if "standouts" in screens:
    st.header(screens["standouts"].title)
    if theme_families:
        menu = theme_view.menu()
        st.caption(
            themes.theme_note(
                options.themes[filters.theme],
                [menu.families[f] for f in theme_families if f in menu.families],
            )
            + " The country's story is chosen among them."
        )
    briefing_view.standout_cards(screens["standouts"].kpis)

st.header("IOM presence")
left, right = st.columns([3, 2])
with left:
    briefing_view.kpi_grid(screens["kpis"].kpis[:2], columns=2)
    if not data.offices_in_country:
        st.info(
            f"{name} has no IOM office; the Regional Office in Vienna covers it (shown here).",
            icon=":material/info:",
        )
    # The map screen's table is profile.office_table(data.offices), built once with the briefing.
    briefing_view.static_table(screens["map"].table, key=f"offices-{iso3}")
    contacts = data.contact_source
    ui.source_line(data.office_source + (f"; contacts: {contacts}" if contacts else ""))
with right:
    ui.map_view(
        cache.chart(
            charts.office_deck,
            data.offices,
            (iso3,),
            False,
            width_px=420,
            places=cache.query(name_queries.country_labels),
        ),
        height=420,
        iso3=(iso3,),
        alt=f"Map of the IOM offices serving {name}; the table beside it lists them.",
    )
    st.caption(briefing_view.OFFICE_LEGEND)
    for note in screens["map"].notes:
        st.caption(f":material/info: {inert(note)}")

st.header("IOM status in the documents")
briefing_view.static_table(data.status_table, key=f"status-{iso3}")
ui.source_line(
    profile.document_source(country["document"], country["file"], country["source_section"])
)
for note in data.status_findings["note"].tolist():
    st.caption(f":material/info: {inert(note)}")

st.header("Funding requirement 2016")
rank = data.funding_rank
if rank.in_table:
    st.markdown(f"**{inert(rank.sentence)}**")
    left, right = st.columns(2)
    for column, key in zip((left, right), ("funding", "funding-rank"), strict=True):
        with column:
            screen = screens[key]
            ui.chart_with_table(
                screen.figure,
                screen.table,
                "; ".join(screen.sources),
                f"{iso3}-{key}",
                caveats=list(screen.notes),
            )
else:
    st.info(rank.sentence, icon=":material/money_off:")
    ui.source_line(rank.source)
st.caption(
    f"Sum of {name}'s cells in the Migration Initiatives 2016 SEEECA table, all programmatic areas "
    "(the sidebar's theme filter does not apply here). '-' in the table means no requirement."
)

st.header("Headline indicators")
briefing_view.indicator_cards(data.indicator_cards, columns=3)
for group in profile.TREND_GROUPS:
    screen = screens[f"trend-{group.key}"]
    st.markdown(f"**{inert(screen.title)}**")
    if screen.figure is None:
        for point in screen.points:
            st.info(point, icon=":material/info:")
        ui.source_line("; ".join(screen.sources))
        continue
    ui.chart_with_table(
        screen.figure,
        screen.table,
        "; ".join(screen.sources),
        f"{iso3}-{screen.key}",
        caveats=list(screen.notes),
    )

projection_view.country_projections(iso3, name, filters.year_from, filters.year_to)
corridor_view.country_corridors(iso3, name)

st.header("What the documents say")
if data.key_figures.empty:
    st.caption(
        f"No document states a figure specific to {name}; region-wide figures are on the overview."
    )
briefing_view.key_facts(data.key_figure_rows)

st.header("Outlook statements")
st.caption(f"Statements of the IOM strategies that name {name} come first, then region-wide ones.")
briefing_view.outlook_list(data.outlook_rows, theme_view.menu().families)

st.header("Data-quality notes")
if data.findings.empty:
    st.caption(f"No data-quality finding names {name} or one of its offices.")
ui.findings(data.findings, title=f"What to know about the published figures for {name}")

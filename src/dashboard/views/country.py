"""Streamlit blocks of the country profile page, in the order the page draws them. Everything
shown is computed once per country, years and theme with the briefing (dashboard.briefing,
through cache.briefing_for) and worded in the pure dashboard.content.country.

Only one chart block beyond the funding charts is drawn per run (a trend group, the UN
projections or the corridors, chosen in a picker whose choice lives in the link): drawing all
eleven charts made a warm rerun 20-30 times an empty page. The print view (?print=1) draws every
block for an A4 printout, and a printout of the screen view says how to get it.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import streamlit as st

from dashboard import briefing, cache, i18n, i18n_data, ui, url_state
from dashboard.briefing import Briefing, Screen
from dashboard.charts import country as charts
from dashboard.charts import projection
from dashboard.content import country as profile
from dashboard.content import trends as trend_content
from dashboard.filters import FilterOptions, Filters
from dashboard.i18n import _, d_, place_name
from dashboard.inert import inert
from dashboard.queries import names as name_queries
from dashboard.queries import projections as pq
from dashboard.queries import trends as trend_queries
from dashboard.views import briefing as briefing_view
from dashboard.views import corridors as corridor_view
from dashboard.views import themes as theme_view

COUNTRY_KEY = "profile_country"
# The UN projections (WPP 2024) drawn to this year, and the years their sentence speaks of.
HORIZON = 2050
SPOKEN_YEARS = (2030, 2050)
CHART_PARAM = "profile_chart"
PRINT_PARAM = "print"
OUTLOOK_KEY = "outlook-region-wide"
# Shown only when printing the screen view (static CSS; the note is our own text, escaped).
PRINT_ONLY_NOTE = """<style>
.profile-print-note { display: none; }
@media print { .profile-print-note { display: block; font-weight: 600; margin: 0.5rem 0; } }
</style>
<div class="profile-print-note">{note}</div>"""


@dataclass(frozen=True)
class Profile:
    """What every block of the page reads: the country, its briefing, the sidebar's state."""

    iso3: str
    name: str
    deck: Briefing
    filters: Filters
    options: FilterOptions
    theme_families: tuple[str, ...]

    @property
    def data(self) -> briefing.BriefingData:
        return self.deck.data

    def screen(self, key: str) -> Screen:
        return next(screen for screen in self.deck.screens if screen.key == key)

    def has_screen(self, key: str) -> bool:
        return any(screen.key == key for screen in self.deck.screens)


def open_profile(filters: Filters, options: FilterOptions) -> Profile:
    """The print stylesheet, the title and the country picker under it (the link's ?iso3=, or the
    sidebar's single country); the country's briefing, built once per scope."""
    ui.print_styles()
    title = st.empty()  # drawn once the picker below has decided the country
    iso3 = briefing_view.country_picker(filters, options, key=COUNTRY_KEY)
    theme_families = theme_view.families(filters.theme)
    deck = cache.briefing_for(
        briefing.country_scope(iso3, options, filters.years, filters.theme, theme_families),
        date.today().strftime("%d %B %Y"),
    )
    name = place_name(str(deck.data.profile_row["name"]))
    title.title(_("Country profile: {name}").format(name=name))
    return Profile(iso3, name, deck, filters, options, theme_families)


def introduction(page: Profile) -> None:
    """Where the country is and which years; the link to its slides; the print view switch."""
    st.caption(profile.introduction(page.data.profile_row, page.filters.years))
    left, right = st.columns([3, 2], vertical_alignment="center")
    left.page_link(
        "pages/briefing.py",
        label=_("Present {name} as slides, or export PowerPoint / PDF").format(name=page.name),
        icon=":material/co_present:",
        query_params={briefing_view.COUNTRY_PARAM: page.iso3},
    )
    on = url_state.toggle(
        PRINT_PARAM,
        _("Print view: every chart"),
        help=_(
            "Draws every chart of the profile one under the other, for printing (collapse the "
            "sidebar, then print A4 landscape). Off, one chart block at a time is drawn."
        ),
        where=right,
    )
    if not on:
        note = _(
            'This printout shows one chart block of the profile; open the print view (the "Print '
            'view" switch at the top of the page) to print every chart.'
        )
        st.html(PRINT_ONLY_NOTE.replace("{note}", html.escape(note)))


def print_view() -> bool:
    return bool(st.session_state.get(PRINT_PARAM))


def standouts(page: Profile) -> None:
    """Where the country stands out in the region (the briefing's story), first."""
    if not page.has_screen("standouts"):
        return
    screen = page.screen("standouts")
    st.header(screen.title)
    theme_view.note(
        page.filters,
        page.options,
        page.theme_families,
        _("The country's story is chosen among them."),
    )
    briefing_view.standout_cards(screen.kpis)


def presence(page: Profile) -> None:
    """Offices (cards and list) beside the map of the offices that serve the country."""
    st.header(_("IOM presence"))
    data = page.data
    left, right = st.columns([3, 2])
    with left:
        briefing_view.kpi_grid(page.screen("kpis").kpis[:2], columns=2)
        if not data.offices_in_country:
            st.info(profile.covered_from_vienna(page.name), icon=":material/info:")
        # The map screen's table is profile.office_table(data.offices), built once with the briefing.
        ui.static_table(
            page.screen("map").table,
            key=f"offices-{page.iso3}",
            english=profile.office_columns_as_published(),
        )
        contacts = data.contact_source
        ui.source_line(
            profile.office_sources(
                ui.english(data.office_source), ui.english(contacts) if contacts else None
            ),
            translated=True,
        )
    with right:
        ui.plotly_map(
            cache.chart(
                charts.office_locator,
                data.offices,
                page.iso3,
                places=cache.query(name_queries.country_labels),
            ),
            key=f"office-map-{page.iso3}",
            iso3=(page.iso3,),
            alt=_("Map of the IOM offices serving {name}; the table beside it lists them.").format(
                name=page.name
            ),
        )
        st.caption(briefing_view.office_legend())
        for note in page.screen("map").notes:
            st.caption(f":material/info: {i18n_data.markup(d_(note))}", unsafe_allow_html=True)


def status(page: Profile) -> None:
    """How each document names the country and which IOM status it marks."""
    st.header(_("IOM status in the documents"))
    data = page.data
    ui.static_table(
        data.status_table,
        key=f"status-{page.iso3}",
        english=profile.status_columns_as_published(),
    )
    country = data.profile_row
    ui.source_line(
        profile.document_source(country["document"], country["file"], country["source_section"])
    )
    for note in data.status_findings["note"].tolist():
        st.caption(f":material/info: {i18n_data.markup(d_(note))}", unsafe_allow_html=True)


def funding(page: Profile) -> None:
    """The 2016 requirement: the rank sentence, by programmatic area and against the region."""
    st.header(_("Funding requirement 2016"))
    rank = page.data.funding_rank
    if rank.in_table:
        st.markdown(f"**{inert(rank.sentence)}**")
        for column, key in zip(st.columns(2), ("funding", "funding-rank"), strict=True):
            with column:
                _chart_screen(page, page.screen(key))
    else:
        st.info(rank.sentence, icon=":material/money_off:")
        ui.source_line(rank.source)
    st.caption(profile.funding_scope(page.name))


def indicators(page: Profile) -> None:
    """Headline indicator cards: latest value, year, sparkline and source."""
    st.header(_("Headline indicators"))
    indicator_cards(page.data.indicator_cards, columns=3)


def chart_blocks(page: Profile) -> None:
    """Trends, UN projections and migration corridors: the chosen block on screen (a picker
    bound to ?profile_chart=), every block in the print view."""
    st.header(_("Trends, projections and corridors"))
    chosen = None
    if not print_view():
        url_state.warn(
            url_state.seed(CHART_PARAM, profile.CHART_BLOCKS, profile.DEFAULT_CHART_BLOCK)
        )
        chosen = st.segmented_control(
            _("Chart shown"),
            list(profile.CHART_BLOCKS),
            format_func=lambda block: _(profile.CHART_BLOCKS[block]),
            key=CHART_PARAM,
            required=True,
        )
        url_state.write(CHART_PARAM, chosen, profile.DEFAULT_CHART_BLOCK)
    for block in profile.chart_blocks_drawn(chosen, print_view()):
        if block == profile.PROJECTIONS:
            _projections(page.iso3, page.name, page.filters.year_from, page.filters.year_to)
        elif block == profile.CORRIDORS:
            corridor_view.country_corridors(page.iso3, page.name)
        else:
            _trend(page, page.screen(block))


def _trend(page: Profile, screen: Screen) -> None:
    st.markdown(f"**{inert(screen.title)}**")
    if screen.figure is None:  # no value in the years: say so rather than draw empty axes
        for point in screen.points:
            st.info(point, icon=":material/info:")
        ui.source_line("; ".join(screen.sources))
        return
    _chart_screen(page, screen)


def _chart_screen(page: Profile, screen: Screen) -> None:
    ui.chart_with_table(
        screen.figure,
        screen.table,
        "; ".join(screen.sources),
        f"{page.iso3}-{screen.key}",
        caveats=list(screen.notes),
    )


# --- UN projections (WPP 2024) of the country ---


def _country_projection(
    iso3: str, name: str, family: str, year_from: int, year_to: int
) -> tuple | None:
    """(figure, rows, series, source, sentence) of one family's projection for a country, or
    None where WPP 2024 projects nothing for the family. Built once per country, family and years
    (through cache.chart, keyed by these small arguments rather than by the frames)."""
    found = cache.query(pq.projection_series_for_family, family)
    if found.empty:
        return None
    series = found.iloc[0].to_dict()
    code = series["series_code"]
    anchor = int(series["last_estimate_year"] or series["first_projection_year"])
    rows = cache.query(pq.projection_by_country, code, (iso3,), min(year_from, anchor), HORIZON)
    projected = rows[rows["year"] >= anchor]
    history, source = [], projection.source_text(series)
    menu = cache.shaped(trend_content.IndicatorMenu.of, trend_queries.indicator_choices_by_family)
    if series["last_estimate_year"]:  # the same edition's estimates lead into the projection
        history.append(
            (_("UN estimates (WPP 2024)"), rows[rows["is_estimate"] & (rows["year"] >= year_from)])
        )
    elif family in menu.defaults:  # another source's history, drawn as its own line
        definition = menu.definition(menu.default_code(family))
        past = cache.query(
            trend_queries.indicator_series_by_country,
            definition["indicator_code"],
            (iso3,),
            year_from,
            year_to,
        )
        history.append((d_(definition["name"]), past))
        source += f" History: {trend_content.source_name(definition)}."
    figure = projection.country_projection_figure(
        tuple(history),
        projected,
        series,
        HORIZON,
        _("{series}, {name}").format(series=d_(series["name"].split(" (")[0]), name=name),
    )
    sentence = projection.projection_sentence(projected, series, SPOKEN_YEARS)
    return figure, rows, series, source, sentence


def _projections(iso3: str, name: str, year_from: int, year_to: int) -> None:
    """Net migration (UN estimates, then the projection) and population (the catalogue's default
    population series, then the projection) for one country, side by side."""
    st.subheader(_("Where it is heading: UN projections to 2050"))
    st.caption(
        _(
            "What the UN Population Division projects for {name} (World Population Prospects "
            "2024, medium variant, dashed), with its 80% and 95% intervals. A projection under "
            "the UN's assumptions, not IOM's forecast."
        ).format(name=name)
    )
    columns = st.columns(2)
    for column, family in zip(columns, ("net_migration", "population"), strict=True):
        built = cache.chart(_country_projection, iso3, name, family, year_from, year_to)
        if built is None:
            continue
        figure, rows, series, source, sentence = built
        with column:
            ui.chart_with_table(
                figure,
                functools.partial(projection.projection_table, rows, (), series),
                source,
                f"{iso3}-projection-{family}",
                [d_(series["caveat"])],
            )
            if sentence:
                st.markdown(f"**{sentence}**")


def documents(page: Profile) -> None:
    """The documents' own figures about the country, quoted."""
    st.header(_("What the documents say"))
    if page.data.key_figures.empty:
        st.caption(profile.no_key_figures(page.name))
    key_facts(page.data.key_figure_rows)


def outlook(page: Profile) -> None:
    """The strategies' outlook statements naming the country, then the region-wide ones."""
    st.header(_("Outlook statements"))
    labels = theme_view.menu().families
    named, region_wide = profile.split_by_scope(page.data.outlook_rows)
    st.caption(profile.outlook_order(page.name, len(named)))
    outlook_list(named, labels)
    if not region_wide:
        return
    title = profile.region_wide_statements(len(region_wide))
    if print_view():  # printed open: a closed expander prints nothing
        st.markdown(f"**{title}**")
        outlook_list(region_wide, labels)
        return
    # Built when opened, like the findings: 15-20 statements cost as much to send as the rest
    # of the profile.
    with st.expander(title, key=OUTLOOK_KEY, on_change="rerun") as box:
        if box.open:
            outlook_list(region_wide, labels)


def findings(page: Profile) -> None:
    """The data-quality findings on the country's figures and offices, in an expander."""
    st.header(_("Data-quality notes"))
    if page.data.findings.empty:
        st.caption(profile.no_findings(page.name))
    ui.findings(page.data.findings, title=profile.findings_title(page.name))


def indicator_cards(cards: list[profile.IndicatorCard], columns: int = 4) -> None:
    """Headline indicators with sparkline, latest year and source; absent values say why."""
    for start in range(0, len(cards), columns):
        for column, card in zip(st.columns(columns), cards[start : start + columns], strict=False):
            item = card.headline
            with column:
                st.metric(
                    d_(item.name),
                    card.display,
                    delta=profile.indicator_detail(card),
                    delta_color="off",
                    delta_arrow="off",
                    border=True,
                    chart_data=item.series or None,
                    chart_type="line",
                    help=card.note or d_(item.caveat),
                )
                ui.source_line(item.source)


def key_facts(figures: list[Mapping]) -> None:
    """The document's own words about the country, each with its source (rows of
    country_key_figures, as BriefingData.key_figure_rows): quoted in English, labelled in the
    page's language."""
    for row in figures:
        st.markdown(f"**{inert(d_(row['label']))}**")
        ui.quotation(
            row["quote"],
            profile.document_source(row["document"], row["file"], row["source_section"]),
        )


def outlook_list(statements: list[Mapping], family_labels: Mapping[str, str]) -> None:
    """Outlook statements with their scope, indicators and source (rows of
    outlook_statements_for_selection, as BriefingData.outlook_rows); `family_labels` names each
    indicator family as the trends picker does ("Remittance inflows (US$)", not a code). The
    statement is quoted in English; on a Russian page its translated short title leads it."""
    english = i18n.language() == i18n.DEFAULT_LANGUAGE
    for row in statements:
        families = ", ".join(
            d_(family_labels.get(family, family.replace("_", " ")))
            for family in row["indicator_families"].split(", ")
        )
        details = _("{scope}; indicators to watch: {families} (expected: {expected})").format(
            scope=profile.statement_scope(row),
            families=families,
            expected=profile.expectations_text(row["expectations"]),
        )
        if english:
            st.markdown(f"- {inert(row['statement'])}  \n*{inert(details)}*")
        else:
            st.markdown(
                f"- **{inert(d_(row['short_title']))}**: {ui.english(row['statement'])} "
                f"{_('(in English)')}  \n*{inert(details)}*",
                unsafe_allow_html=True,
            )
        ui.source_line(profile.document_source(row["document"], row["file"], row["source_section"]))

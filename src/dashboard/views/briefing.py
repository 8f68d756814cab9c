"""Streamlit pieces of the country profile and briefing pages: the country picker bound to the URL,
slide navigation, one insight screen at presentation size, the export panel, print styles.

Like ui.py, one of the few modules that import streamlit; everything it shows is computed in the
pure modules (briefing, content.country, exports).
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard import briefing, cache, config, exports, i18n, ui, url_state
from dashboard.briefing import Briefing, Screen
from dashboard.charts import country as charts
from dashboard.content import country as profile
from dashboard.filters import FilterOptions, Filters
from dashboard.i18n import N_, _, d_, ngettext
from dashboard.inert import inert
from dashboard.queries import names as name_queries
from dashboard.views import themes as theme_view

COUNTRY_PARAM = "iso3"
SLIDE_PARAM = "slide"
PRESENT_PARAM = "present"
SELECTION = "selection"  # the briefing's choice "the sidebar selection"
EXPORT_KEY = "briefing_export"

# Static CSS only: no data value is ever formatted into it.
PRESENTATION_CSS = """<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], header[data-testid="stHeader"] { display: none !important; }
[data-testid="stMain"] .block-container { padding-top: 1.2rem; max-width: 100%; }
[data-testid="stMain"] h1 { font-size: 2.9rem; line-height: 1.15; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMain"] [data-testid="stMarkdownContainer"] li { font-size: 1.45rem; line-height: 1.45; }
[data-testid="stMetricValue"] { font-size: 2.8rem; }
[data-testid="stMetricLabel"] p { font-size: 1.25rem; }
</style>"""
OFFICE_LEGEND = N_(
    "IOM offices {as_of}. Largest dot: the Regional Office in Vienna (red-orange); blue: country "
    "offices; small orange: sub-offices. Hover a dot for its contacts."
)


def office_legend() -> str:
    """The offices map's legend in words, in the current language."""
    return _(OFFICE_LEGEND).format(as_of=_(config.OFFICES_AS_OF))


def country_picker(
    filters: Filters, options: FilterOptions, key: str, allow_selection: bool = False
) -> str:
    """One country (or SELECTION) chosen in a selectbox whose value lives in the URL as ?iso3=.

    The link decides on a session's first visit; afterwards a sidebar selection of exactly one
    country takes over whenever it changes. A code not in the list is reported and ignored.
    """
    choices = ([SELECTION] if allow_selection else []) + list(options.countries)
    single = filters.countries[0] if len(filters.countries) == 1 else None
    state, seen = st.session_state, f"{key}_sidebar_country"
    if key not in state:
        default = SELECTION if allow_selection else (single or filters.selected_iso3[0])
        url_state.warn(url_state.seed(COUNTRY_PARAM, choices, default, key=key))
        state[seen] = single
    elif single and state.get(seen) != single:
        state[key] = single
    state[seen] = single
    names = {SELECTION: _("The sidebar selection"), **options.countries}
    chosen = st.selectbox(_("Country or territory"), choices, format_func=names.get, key=key)
    url_state.write(COUNTRY_PARAM, chosen, SELECTION)
    return chosen


def country_from_link(options: FilterOptions) -> str | None:
    """The link's country code when it is a known one (presentation mode draws no picker); an
    unknown code is reported and removed from the address bar."""
    return url_state.current(COUNTRY_PARAM, options.countries, None)


BRIEFING_KEY = "briefing_country"


def briefing_choice(filters: Filters, options: FilterOptions, present: bool) -> str | None:
    """The briefing's country (or SELECTION) and the presentation button, on one line; in
    presentation mode no picker is drawn and the choice comes from the session or the link."""
    with st.container(horizontal=True, vertical_alignment="bottom"):
        if not present:
            chosen = country_picker(filters, options, key=BRIEFING_KEY, allow_selection=True)
        else:
            chosen = st.session_state.get(BRIEFING_KEY) or country_from_link(options)
        presentation_controls(present)
    return chosen


def briefing_deck(chosen: str | None, filters: Filters, options: FilterOptions) -> Briefing:
    """The briefing of the chosen country, else of the sidebar selection, under the sidebar's
    years and theme (built once per scope and warehouse, shared)."""
    families = theme_view.families(filters.theme)
    if chosen in options.countries:
        scope = briefing.country_scope(chosen, options, filters.years, filters.theme, families)
    else:
        scope = briefing.selection_scope(filters, options, families)
    return cache.briefing_for(scope, date.today().strftime("%d %B %Y"))


def briefing_heading(deck: Briefing) -> None:
    """The page title (what the briefing covers) and how to move between its slides."""
    st.title(_("Briefing: {scope}").format(scope=d_(deck.scope.label)))
    slides = len(deck.screens)
    st.caption(
        ngettext(
            "{count} slides, one insight each. Previous/next or the arrow keys move between "
            "them; the slide number is in the address bar. The same slides make the PowerPoint "
            "and the PDF below.",
            "{count} slides, one insight each. Previous/next or the arrow keys move between "
            "them; the slide number is in the address bar. The same slides make the PowerPoint "
            "and the PDF below.",
            slides,
        ).format(count=slides)
    )


def current_slide(deck: Briefing, present: bool) -> None:
    """The slide the link or the previous/next buttons point at, framed unless presenting."""
    number = slide_number(len(deck.screens))
    with st.container(border=not present):
        show_screen(deck.screens[number - 1], deck, present)


def print_styles() -> None:
    ui.print_styles()


def presentation_mode() -> bool:
    """Whether the page is in presentation mode (?present=1): no sidebar, large type."""
    return bool(url_state.current(PRESENT_PARAM, (False, True), False))


def _set_presentation(on: bool) -> None:
    url_state.write(PRESENT_PARAM, on, False)


def presentation_controls(present: bool) -> None:
    if present:
        st.html(PRESENTATION_CSS)
        st.button(
            _("Exit presentation"),
            icon=":material/close_fullscreen:",
            on_click=_set_presentation,
            args=(False,),
            key="exit-presentation",
        )
    else:
        st.button(
            _("Present full screen"),
            icon=":material/slideshow:",
            on_click=_set_presentation,
            args=(True,),
            key="start-presentation",
            help=_(
                "Hides the sidebar and enlarges the type; use the arrow keys to move between "
                "slides."
            ),
        )


def _go_to(number: int) -> None:
    st.session_state[SLIDE_PARAM] = number
    url_state.write(SLIDE_PARAM, number, None)


def slide_number(total: int) -> int:
    """The slide on screen (1-based, ?slide=N in the URL), with previous/next buttons."""
    state = st.session_state
    url_state.warn(url_state.seed(SLIDE_PARAM, range(1, total + 1), 1))
    number = min(max(int(state[SLIDE_PARAM]), 1), total)  # another scope can have fewer slides
    url_state.write(SLIDE_PARAM, number, None)  # always in the link: "slide 3" is what is shared
    back, where, forward = st.columns([1, 2, 1], vertical_alignment="center")
    back.button(
        _("Previous"),
        icon=":material/arrow_back:",
        disabled=number == 1,
        on_click=_go_to,
        args=(number - 1,),
        key="slide-previous",
        shortcut="Left",
        width="stretch",
    )
    where.markdown(
        "**" + _("Slide {number} of {total}").format(number=number, total=total) + "**",
        text_alignment="center",
    )
    forward.button(
        _("Next"),
        icon=":material/arrow_forward:",
        disabled=number == total,
        on_click=_go_to,
        args=(number + 1,),
        key="slide-next",
        shortcut="Right",
        width="stretch",
    )
    return number


# The country page and the briefing's screens draw their small tables the shared way.
static_table = ui.static_table


def metric(label: str, value: str, detail: str, source: str) -> None:
    """A KPI with its detail (year, rank) in grey under it and its source line."""
    st.metric(label, value, delta=detail or None, delta_color="off", delta_arrow="off", border=True)
    ui.source_line(source)


def kpi_grid(kpis, columns: int = 3) -> None:
    for start in range(0, len(kpis), columns):
        for column, kpi in zip(st.columns(columns), kpis[start : start + columns], strict=False):
            with column:
                metric(kpi.label, kpi.value, kpi.detail, kpi.source)


def standout_cards(kpis) -> None:
    """The indicators a country stands out on: value, the reason and change under it, source."""
    for column, kpi in zip(st.columns(max(len(kpis), 1)), kpis, strict=False):
        with column:
            st.metric(kpi.label, kpi.value, border=True)
            st.caption(inert(kpi.detail))
            ui.source_line(kpi.source)


def show_screen(screen: Screen, deck: Briefing, present: bool) -> None:
    """One insight at presentation size: its headline, then what backs it, then its sources."""
    heading = st.title if present else st.header
    heading(inert(screen.title), anchor=False)
    if screen.text:
        st.markdown(inert(screen.text))
    if screen.key == "standouts":
        standout_cards(screen.kpis)
    elif screen.kind == "kpis":
        kpi_grid(screen.kpis)
    elif screen.kind == "map" and screen.offices is not None:
        scope = deck.scope
        highlight = () if scope.whole_region else scope.iso3
        ui.map_view(
            cache.chart(
                charts.office_deck,
                screen.offices,
                highlight,
                scope.whole_region,
                places=cache.query(name_queries.country_labels),
            ),
            height=520 if present else 440,
            iso3=scope.iso3,
            alt=(
                _("Map of the IOM offices in {place}.")
                if present
                else _("Map of the IOM offices in {place}; the table below lists them.")
            ).format(place=d_(scope.label)),
        )
        st.caption(office_legend())
        if not present:
            static_table(
                screen.table, f"{scope.key}-offices", english=profile.office_columns_as_published()
            )
    elif screen.kind == "chart" and screen.figure is not None:
        if present:
            ui.chart_summary(screen.figure)
            st.plotly_chart(
                screen.figure,
                width="stretch",
                height=560,
                key=f"present-{screen.key}",
                config={"displaylogo": False},
            )
        else:
            ui.chart_with_table(
                screen.figure,
                screen.table,
                "; ".join(screen.sources),
                f"{deck.scope.key}-{screen.key}",
                caveats=list(screen.notes),
            )
            png_download(screen, deck)
            return
    elif screen.kind in {"points", "title"}:
        # quotations from the documents stay English, marked as such
        points = (ui.english_quotes(point) for point in screen.points)
        st.markdown("\n".join(f"- {point}" for point in points), unsafe_allow_html=True)
    elif screen.kind == "sources":
        # the documents' and datasets' titles as published (English)
        st.markdown(
            "\n".join(f"- {ui.english_markup(point)}" for point in screen.points),
            unsafe_allow_html=True,
        )
        if screen.notes:
            st.markdown("**" + _("Data-quality notes") + "**")
            # the notes cite spellings as printed in the documents (Latin script)
            st.markdown(
                "\n".join(f"- {ui.latin_marked(note)}" for note in screen.notes),
                unsafe_allow_html=True,
            )
        return
    if screen.sources and screen.kind != "kpis":
        ui.source_line("; ".join(screen.sources))
    for note in screen.notes[: None if not present else 1]:
        st.caption(f":material/info: {inert(note)}")


def png_download(screen: Screen, deck: Briefing) -> None:
    """A server-side PNG of the chart, drawn when clicked (only offered if a renderer exists)."""
    if exports.renderer_path() is None:
        return
    st.download_button(
        _("Download PNG"),
        lambda: cache.renderer().png(exports.slide_figure(screen.figure)),
        file_name=f"{ui.slug(deck.scope.key + '-' + screen.key)}.png",
        mime="image/png",
        key=f"png-{deck.scope.key}-{screen.key}",
        icon=":material/image:",
        help=_(
            "A 2400 x 1040 pixel image for slides (the chart's camera icon saves what you see)."
        ),
    )


def _decimal(value: float) -> str:
    """A measure with one decimal (seconds, megabytes) in the current language: 2.4 (2,4)."""
    text = f"{value:.1f}"
    return text.replace(".", ",") if i18n.language() == "ru" else text


def export_panel(deck: Briefing) -> None:
    """Build the PowerPoint and the PDF with visible progress, then offer them and every chart."""
    st.header(_("Export this briefing"))
    problem = exports.renderer_problem()
    if problem:
        st.warning(problem, icon=":material/warning:")
    # a deck built in another language is not this page's deck
    build_id = (deck.scope, deck.lang, date.today().isoformat())
    if st.button(
        _("Build PowerPoint and PDF"),
        type="primary",
        icon=":material/slideshow:",
        key="build-export",
    ):
        with st.status(_("Building the briefing deck..."), expanded=True) as status:
            bar = st.progress(
                0.0,
                text=_("Starting the chart renderer (the first export takes a few seconds more)"),
            )
            try:
                renderer = cache.renderer()
                result = exports.export(
                    deck,
                    renderer,
                    progress=lambda done, total, label: bar.progress(
                        done / max(total, 1),
                        text=_("Chart {number} of {total}: {label}").format(
                            number=min(done + 1, total), total=total, label=label
                        ),
                    ),
                )
            except exports.RendererUnavailable as error:
                status.update(label=_("Export failed: no chart renderer"), state="error")
                st.error(str(error), icon=":material/error:")
                return
            status.update(
                label=ngettext(
                    "Deck ready: {count} slides in {seconds} s",
                    "Deck ready: {count} slides in {seconds} s",
                    len(deck.screens),
                ).format(count=len(deck.screens), seconds=_decimal(result.seconds)),
                state="complete",
                expanded=False,
            )
        st.session_state[EXPORT_KEY] = (build_id, result)
    stored = st.session_state.get(EXPORT_KEY)
    if not stored or stored[0] != build_id:
        st.caption(
            _(
                "Draws the map once (a few seconds), then offers the deck as PowerPoint and PDF, "
                "the map as PNG and, for a country, a one-page summary."
            )
        )
        return
    result = stored[1]
    name = ui.slug(f"seeeca-briefing-{deck.scope.key}")
    left, right = st.columns(2)
    left.download_button(
        _("Download PowerPoint (.pptx)"),
        result.pptx,
        file_name=f"{name}.pptx",
        mime=exports.PPTX_MIME,
        icon=":material/download:",
        key="download-pptx",
        type="primary",
    )
    right.download_button(
        _("Download PDF"),
        result.pdf,
        file_name=f"{name}.pdf",
        mime=exports.PDF_MIME,
        icon=":material/picture_as_pdf:",
        key="download-pdf",
    )
    if deck.scope.country:
        st.download_button(
            _("Download the one-page country summary (PDF, A4)"),
            lambda: exports.one_page_pdf(deck),  # built on click: a fifth of a second
            file_name=f"{name}-at-a-glance.pdf",
            mime=exports.PDF_MIME,
            icon=":material/description:",
            key="download-one-page",
        )
    st.caption(
        ngettext(
            "{count} slides; PowerPoint {pptx} MB, PDF {pdf} MB; built in {seconds} s. Charts are "
            "native PowerPoint charts (editable) and vector graphics in the PDF.",
            "{count} slides; PowerPoint {pptx} MB, PDF {pdf} MB; built in {seconds} s. Charts are "
            "native PowerPoint charts (editable) and vector graphics in the PDF.",
            len(deck.screens),
        ).format(
            count=len(deck.screens),
            pptx=_decimal(len(result.pptx) / 1e6),
            pdf=_decimal(len(result.pdf) / 1e6),
            seconds=_decimal(result.seconds),
        )
    )
    titles = {screen.key: screen.title for screen in deck.screens}
    for key, png in result.pngs.items():
        st.download_button(
            _("PNG: {title}").format(title=titles[key][:70]),
            png,
            file_name=f"{ui.slug(name + '-' + key)}.png",
            mime="image/png",
            icon=":material/image:",
            key=f"download-png-{key}",
        )

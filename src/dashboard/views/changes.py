"""Streamlit pieces of "what changed": the Latest year block that opens the overview, and the
notable changes (overview and outlook tracker), each linking to its trend view. The facts and
the rule are in the pure dashboard.changes; like outlook_ui, one of the few modules that import
streamlit."""

from __future__ import annotations

import streamlit as st

from dashboard import cache, changes, themes, ui
from dashboard.filters import FilterOptions, Filters
from dashboard.i18n import DEFAULT_LANGUAGE, _, d_, language, ngettext
from dashboard.i18n.names import place_name
from dashboard.inert import inert as ui_text
from dashboard.queries import changes as q
from dashboard.queries import headline as headline_q
from dashboard.queries import overview as overview_q
from dashboard.views import themes as theme_view

TRENDS_PAGE = "pages/trends.py"


def _scope(filters: Filters, options: FilterOptions) -> str:
    return changes.scope_name(
        filters.selected_iso3, filters.is_whole_region, filters.subregions, options.countries
    )


def _latest(iso3: tuple[str, ...], scope: str, year_to: int) -> tuple[list, list, list]:
    """(facts, stale concepts, break notes) of a selection: built once per selection and year
    (through cache.derived, keyed by these small arguments rather than by the frames)."""
    figures = cache.query(headline_q.headline_figures, iso3, None, False)
    breaks = cache.query(q.series_breaks)
    facts = changes.latest_facts(figures, breaks, iso3, scope, year_to, changes.CONCEPT_ORDER)
    return (
        facts,
        changes.stale_concepts(figures, facts, year_to),
        changes.break_notes(breaks, facts, iso3),
    )


def _facts(filters: Filters, options: FilterOptions) -> list[changes.LatestFact]:
    return cache.derived(_latest, filters.selected_iso3, _scope(filters, options), filters.year_to)[
        0
    ]


def _notable(codes: tuple[str, ...], iso3: tuple[str, ...], year_to: int) -> changes.Notable:
    """The notable changes of the headline indicators `codes` in a selection (cache.derived)."""
    history = cache.query(q.indicator_history_by_country, codes, iso3, year_to)
    definitions = cache.query(overview_q.indicator_definitions, codes)
    by_code = {
        code: {"name": name, "unit": unit}
        for code, name, unit in zip(
            definitions["indicator_code"].tolist(),
            definitions["name"].tolist(),
            definitions["unit"].tolist(),
            strict=True,
        )
    }
    return changes.notable_changes(history, by_code, cache.query(q.series_breaks))


def latest_block(
    filters: Filters, options: FilterOptions, theme_families: tuple[str, ...] = ()
) -> None:
    """For each headline concept of the selection: its latest value, year and change on one and
    five years before, as a sentence with its source; then the notable changes. With a theme,
    the concepts whose indicators speak to it come first."""
    scope = _scope(filters, options)
    st.header(_("Latest year: {scope}").format(scope=scope))
    facts, stale, notes = cache.derived(_latest, filters.selected_iso3, scope, filters.year_to)
    if theme_families:
        menu = theme_view.menu()
        facts = themes.theme_first_by_code(
            facts, lambda fact: fact.indicator_code, menu.family_of, theme_families
        )
        st.caption(
            themes.theme_note(
                options.themes[filters.theme],
                [menu.families[f] for f in theme_families if f in menu.families],
            )
        )
    st.caption(
        _(
            "Each figure is the latest year up to {year} with every reporting country of the "
            "selection, from the source the headline rule prefers (Data and sources explains the "
            "rule). A change is given only against the same source, the same countries and no "
            "series break."
        ).format(year=filters.year_to)
    )
    left, right = st.columns(2)
    for index, fact in enumerate(facts):
        with left if index < (len(facts) + 1) // 2 else right:
            if language() == DEFAULT_LANGUAGE:
                st.markdown(f"- {ui_text(fact.sentence)} ({ui_text(fact.source)})")
            else:  # the source's title stays English, marked as such
                st.markdown(
                    f"- {ui_text(fact.sentence)} ({ui.english(fact.source)})",
                    unsafe_allow_html=True,
                )
    if stale:
        concepts = "; ".join(
            _("{concept} (latest {year})").format(concept=ui_text(d_(name)), year=year)
            for name, year in stale
        )
        st.caption(_("No figure in the last ten years for: {concepts}.").format(concepts=concepts))
    for note in notes:
        st.caption(":material/info: " + _("Series break: {note}").format(note=ui_text(d_(note))))
    for note in changes.look_alike_notes(facts):
        st.caption(f":material/info: {ui_text(note)}")
    notable_block(filters, options, facts)


def notable_block(
    filters: Filters,
    options: FilterOptions,
    facts: list[changes.LatestFact] | None = None,
) -> None:
    """The largest year-on-year movements in the latest year, by the documented rule, each a
    link to its trend view; series breaks listed apart."""
    facts = facts if facts is not None else _facts(filters, options)
    codes = tuple(sorted({fact.indicator_code for fact in facts}))
    st.markdown("**" + _("Notable changes in the latest year") + "**")
    if not codes:
        st.caption(_("No headline figure for this selection."))
        return
    result = cache.derived(_notable, codes, filters.selected_iso3, filters.year_to)
    st.caption(
        ngettext(
            "Movements on the year before at least {threshold} times the series' usual yearly "
            "movement (the median of up to {years} years before) and at least {persons} persons, "
            "{money} or 1 percentage point, largest first; {n} country series of the headline "
            "indicators was checked.",
            "Movements on the year before at least {threshold} times the series' usual yearly "
            "movement (the median of up to {years} years before) and at least {persons} persons, "
            "{money} or 1 percentage point, largest first; {n} country series of the headline "
            "indicators were checked.",
            result.considered,
        ).format(
            threshold=f"{changes.SCORE_THRESHOLD:.0f}",
            years=changes.HISTORY_YEARS,
            persons=changes.decimal(5_000, 0),
            money=changes.format_amount(50e6, "current US$"),
            n=result.considered,
        )
    )
    if not result.changes:
        st.caption(
            _("No notable change this year: every movement is within its series' usual range.")
        )
    for change in result.changes:
        st.page_link(
            TRENDS_PAGE,
            label=ui_text(change.headline),
            help=ui_text(
                _("{sentence} ({indicator}). Opens its trend view.").format(
                    sentence=change.sentence, indicator=d_(change.indicator_name)
                )
            ),
            icon=":material/trending_up:"
            if change.after > change.before
            else ":material/trending_down:",
            query_params={"trend_indicator": change.indicator_code, "country": change.iso3},
        )
    for change in result.breaks:
        st.caption(
            ":material/report: "
            + _(
                "Not a change, a series break: {indicator} in {place}, {previous} to {year}. {note}"
            ).format(
                indicator=ui_text(d_(change.indicator_name)),
                place=ui_text(changes.place(place_name(change.country))),
                previous=change.year - 1,
                year=change.year,
                note=ui_text(d_(change.note)),
            )
        )

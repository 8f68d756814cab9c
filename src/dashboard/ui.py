"""Rendering helpers shared by the pages: KPIs with a source line, charts with a table view,
footnotes and findings. The only dashboard module besides cache/sidebar that imports streamlit."""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st

from dashboard import cache, downloads, i18n, i18n_data, maps, notes
from dashboard import glossary as glossary_lookup
from dashboard.i18n import _, pgettext
from dashboard.inert import inert
from dashboard.queries import catalog as catalog_queries
from dashboard.style import format_number


def slug(text: str) -> str:
    """A widget key or file name from a title: ASCII letters and digits; a title without any
    (a Russian one) gets a short digest of itself, so two titles never share a key."""
    made = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]
    if made:
        return made
    if not text.strip():
        return "table"
    return "t-" + hashlib.blake2b(text.encode("utf-8"), digest_size=4).hexdigest()


def note_caption(note: str) -> None:
    """A publication note (footnote, disclaimer) as a caption: a leading "* " (the Russian
    Kosovo footnote) stays an asterisk, not a list bullet."""
    st.caption("\\" + note if note.startswith("* ") else note)


def english(text: object) -> str:
    """`text` that stays English on a Russian page (a source title, a quotation), as markup for
    st.markdown/st.caption with unsafe_allow_html: inside an element marked lang="en" (screen
    readers read it as English, WCAG 3.1.2; the Russian browser check skips it), made inert.
    In English the text itself."""
    if i18n.language() == "en":
        return str(text)
    return f'<span lang="en">{inert(text)}</span>'


def english_markup(text: object) -> str:
    """`english` for st.markdown/st.caption with unsafe_allow_html: inert in every language (in
    English, `english` returns the text as it is, which such a call would render as HTML)."""
    return inert(text) if i18n.language() == "en" else english(text)


_QUOTED = re.compile(r"“([^”]*)”")


def english_quotes(text: object) -> str:
    """`text` (a translated sentence quoting an English-only document between “ ”) as inert
    markup for st.markdown with unsafe_allow_html, each quotation inside an element marked
    lang="en" on a page in another language. In English the inert text itself."""
    marked = inert(text)
    if i18n.language() == "en":
        return marked
    return _QUOTED.sub(lambda m: f'“<span lang="en">{m.group(1)}</span>”', marked)


def latin_marked(text: object) -> str:
    """`text` (a translated sentence citing spellings as printed, e.g. a data-quality note on
    «Gjilan») as inert markup for st.markdown with unsafe_allow_html, each Latin-script run
    marked lang="en" on a page in another language. In English the inert text itself."""
    marked = inert(text)
    if i18n.language() == "en":
        return marked
    return _LATIN_RUN.sub(lambda m: f'<span lang="en">{m.group()}</span>', marked)


def source_line(text: str, *, translated: bool = False) -> None:
    """The provenance under a number or chart: document + section, or dataset + vintage.

    `text` is the citation in English (titles of documents and datasets stay English, marked as
    such on a Russian page). `translated=True`: the caller wrote it in the page's language,
    with any English title inside through `english()`.
    """
    if i18n.language() == "en":
        st.caption(f"Source: {text}")
    elif translated:
        st.caption(_("Source: {source}").format(source=text), unsafe_allow_html=True)
    else:
        line = pgettext("citation in English", "Source: {source}")
        st.caption(line.format(source=english(text)), unsafe_allow_html=True)


def quotation(text: str, source: str | None = None) -> None:
    """A passage quoted from an English-only document: English, marked as such on a Russian
    page, with its source under it."""
    if i18n.language() == "en":
        st.markdown("> " + inert(text))
    else:
        st.markdown(
            "> " + english(text) + " " + _("(in English)"),
            unsafe_allow_html=True,
        )
    if source:
        source_line(source)


# Printing (A4 landscape): the page's chrome hidden, and the main column zoomed so that a layout
# drawn for a 1440-px screen, charts included (plotly sizes them in pixels when drawn), fits the
# 27.7 cm of printable width; blocks are not split across pages. Page links stay: the notable
# changes are links to their trends.
PRINT_CSS = """<style>
@page { size: A4 landscape; margin: 1cm; }
@media print {
  section[data-testid="stSidebar"], header[data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stDownloadButton"], [data-testid="stElementToolbar"],
  [data-testid="stSelectbox"], [data-testid="stButtonGroup"], [data-testid="stCheckbox"],
  [data-testid="stExpandSidebarButton"],
  [data-testid="stSidebarCollapsedControl"] { display: none !important; }
  [data-testid="stMain"] { zoom: 0.7; }
  [data-testid="stMain"] .block-container { max-width: 100% !important; padding: 0 !important; }
  [data-testid="stMetric"], [data-testid="stPlotlyChart"], [data-testid="stTable"],
  [data-testid="stDeckGlJsonChart"], [data-testid="stVerticalBlockBorderWrapper"],
  [data-testid="stCaptionContainer"] { break-inside: avoid; }
  .js-plotly-plot, [data-testid="stDeckGlJsonChart"] { max-width: 100% !important; overflow: hidden; }
  h1, h2, h3 { break-after: avoid; }
  /* Maps drawn by plotly (keys "map-..."): plotly measures its element after the zoom above
     and would draw the map at 70% inside the zoom again, its names (fixed in pixels) crowding a
     half-size map. Undone for maps: they print at full size across the page. */
  [class*="st-key-map-"] { zoom: 1.4286; }
}
</style>"""


# On screen: a card's label, value and detail wrap instead of ending in "..." (Streamlit cuts each
# to one line, which dropped "(as of May 2020)" from the offices card at 1280-1600 px, cut
# "USD 4.6 million" on the country profile at 1280 px, and cut Russian values such as
# "12,00 млрд долл. США", a third longer than the English).
SCREEN_CSS = """<style>
[data-testid="stMetric"] [data-testid="stMarkdownContainer"],
[data-testid="stMetric"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMetricValue"], [data-testid="stMetricValue"] div,
[data-testid="stMetricDelta"], [data-testid="stMetricDelta"] div {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
</style>"""


def page_styles() -> None:
    """The dashboard's own styles on every page (app.py calls it on each run): labels that wrap
    on screen, and the print stylesheet."""
    st.html(SCREEN_CSS + PRINT_CSS)


def print_styles() -> None:
    """The print stylesheet (A4 landscape, charts kept inside the page): call once per page."""
    st.html(PRINT_CSS)


def footnotes(*items: object, iso3=()) -> None:
    """The footnotes an element showing `items` must carry (the Kosovo reference to UNSCR 1244
    whenever "Kosovo*" is shown or XKX is among `iso3`), printed under it."""
    for note in notes.footnotes_for(*items, iso3=iso3):
        note_caption(note)


def map_view(deck, height: int, iso3=(), alt: str | None = None, **pydeck_options) -> None:
    """A pydeck map with IOM's map disclaimer always visible under it, and the Kosovo footnote
    when Kosovo is drawn (XKX in `iso3`, the countries on the map). `alt`: the map's text
    alternative for screen readers, saying what it shows and where its table is."""
    st.pydeck_chart(deck, height=height, alt=alt, **pydeck_options)
    map_notes(iso3)


def plotly_map(figure: go.Figure, key: str, iso3=(), alt: str | None = None) -> None:
    """A map drawn by plotly (SVG): its text alternative before it, then IOM's map disclaimer
    (and the Kosovo footnote when Kosovo is among `iso3`) under it, as map_view has them."""
    if alt:
        st.caption(f":material/description: {inert(alt)}")
    _plotly_map_chart(figure, key)
    map_notes(iso3)


def _plotly_map_chart(figure: go.Figure, key: str) -> None:
    # No mode bar: its zoom and download buttons would cover the map's corner names. The key
    # names the element for the print stylesheet (PRINT_CSS).
    st.plotly_chart(
        figure,
        width="stretch",
        key=f"map-{key}",
        config={"displaylogo": False, "scrollZoom": False, "displayModeBar": False},
    )


def map_notes(iso3=()) -> None:
    """The notes every map carries (for maps drawn by plotly: call right under the chart)."""
    for note in notes.map_notes(iso3):
        note_caption(note)


def kpi(
    label: str,
    value: float | int | None,
    unit: str,
    source: str,
    help: str | None = None,
    display: str | None = None,
    delta: str | None = None,
    chart: list | None = None,
    translated: bool = False,
) -> None:
    """One headline number with its source line directly under it (`translated`: see
    source_line)."""
    st.metric(
        label,
        display if display is not None else format_number(value, unit, compact=True),
        delta=delta,
        delta_color="off",
        help=help,
        border=True,
        chart_data=chart,
        chart_type="line",
    )
    source_line(source, translated=translated)


def chart_with_table(
    figure: go.Figure,
    table: pd.DataFrame | Callable[[], pd.DataFrame],
    source: str,
    key: str,
    caveats: list[str] | None = None,
    blank_missing: bool = False,
    map_of: tuple[str, ...] | None = None,
    translated: bool = False,
) -> None:
    """A chart, its source and caveats, and the same data as an accessible, downloadable table
    (`blank_missing`: see table_view; `translated`: see source_line). `table` may be a function,
    called only when the Table tab is open."""
    # The chart's text alternative, read before the chart (the Table tab holds every value).
    chart_summary(figure)
    # The tabs rerun the page when switched, so only the open one is built: a table nobody opened
    # cost as much to send as its chart.
    chart_tab, table_tab = st.tabs(
        [pgettext("tab", "Chart"), pgettext("tab", "Table")], key=f"tabs-{key}", on_change="rerun"
    )
    with chart_tab:
        if chart_tab.open:
            st.plotly_chart(
                figure,
                width="stretch",
                key=f"chart-{key}",
                config={
                    "displaylogo": False,
                    "toImageButtonOptions": {"filename": slug(key), "scale": 2},
                },
            )
    with table_tab:
        if table_tab.open:
            table_view(table() if callable(table) else table, key, blank_missing=blank_missing)
    if map_of is not None:  # a map: IOM's disclaimer (and the Kosovo footnote) under it
        for note in notes.map_notes(map_of):
            note_caption(note)
    source_line(source, translated=translated)
    for caveat in caveats or []:
        st.caption(f":material/info: {caveat}")
    if map_of is None:
        # Whether the figure shows "Kosovo*" is read once per cached figure, not on every rerun.
        shows_kosovo = cache.figure_fact(notes.mentions_kosovo, figure)
        footnotes(caveats or [], iso3=("XKX",) if shows_kosovo else ())


def map_with_table(
    figure: go.Figure,
    legend: list[tuple[str, str, float | None]] | None,
    table: pd.DataFrame | Callable[[], pd.DataFrame],
    source: str,
    key: str,
    alt: str,
    caveats: list[str] | None = None,
    iso3: tuple[str, ...] = (),
    note: str | None = None,
) -> None:
    """A map drawn as SVG (dashboard.svgmap; its height is the figure's) and the same data as a
    table, in Map / Table tabs as chart_with_table has them: the map's text alternative before
    it, its legend (rows for maps.legend_svg; `note` instead, where a legend would have one class) under it, then IOM's map disclaimer (and the
    Kosovo footnote when Kosovo is among the countries `iso3`), the source and the caveats."""
    st.caption(f":material/description: {inert(alt)}")
    map_tab, table_tab = st.tabs(
        [pgettext("tab", "Map"), pgettext("tab", "Table")], key=f"tabs-{key}", on_change="rerun"
    )
    with map_tab:
        if map_tab.open:
            _plotly_map_chart(figure, key)
            if note:
                st.caption(f":material/info: {note}")
            elif legend:
                st.image(
                    maps.legend_svg(legend),
                    alt=_("Legend: {classes}").format(
                        classes="; ".join(entry[1] for entry in legend)
                    ),
                )
    with table_tab:
        if table_tab.open:
            table_view(table() if callable(table) else table, key)
    map_notes(iso3)
    source_line(source)
    for caveat in caveats or []:
        st.caption(f":material/info: {caveat}")


def chart_summary(figure: go.Figure) -> None:
    """One sentence saying what a chart shows: its text alternative for screen readers."""
    st.caption(f":material/description: {inert(cache.figure_summary(figure))}")


# How a table heading says its column is in US dollars, in each language ("Total (USD)",
# "Итого (долл. США)"): such columns get thousands separators.
MONEY_HEADINGS = ("USD", "долл. США")


def table_view(
    table: pd.DataFrame, key: str, height: int | str = "auto", blank_missing: bool = False
) -> None:
    """A table with a CSV download of exactly the rows shown. Empty cells stay blank on screen,
    as they are in the CSV (Streamlit would print "None" in them).

    `blank_missing`: USD columns also get thousands separators (a published "-" is no
    requirement, not a missing value).
    """
    # Its footnotes are read once for a shared table, like its Arrow form (grid_data).
    options = {"column_config": _money_columns(table)} if blank_missing else {}
    st.dataframe(
        grid_data(table),
        width="stretch",
        hide_index=True,
        height=height,
        key=f"table-{key}",
        placeholder="",
        **options,
    )
    for note in cache.frame_fact(notes.footnotes_for, table):
        note_caption(note)
    st.download_button(
        _("Download CSV"),
        # built on click, not on every rerun of a page with many tables
        lambda: downloads.csv_bytes(table),
        file_name=f"{slug(key)}.csv",
        mime="text/csv",
        key=f"download-{key}",
        icon=":material/download:",
    )


def _money_columns(table: pd.DataFrame) -> dict:
    """USD columns with thousands separators (a published "-" is no requirement, not a missing
    value)."""
    return {
        c: st.column_config.NumberColumn(format="localized")
        for c in table
        if any(mark in c for mark in MONEY_HEADINGS)
    }


def _as_arrow(table: pd.DataFrame) -> pa.Table:
    return pa.Table.from_pandas(table, preserve_index=False)


def grid_data(table: pd.DataFrame) -> pa.Table | pd.DataFrame:
    """What st.dataframe gets for `table`: a shared table (a query result or derived value as
    the cache handed it out) as Arrow converted once, since Streamlit converts a DataFrame on
    every rerun (data and sources draws four tables); any other table as it is."""
    return cache.frame_fact(_arrow_or_frame, table) if cache.is_shared(table) else table


def _arrow_or_frame(table: pd.DataFrame) -> pa.Table | pd.DataFrame:
    """The table as Arrow, or as it is where a column mixes kinds of values (Streamlit then
    makes that column text, as it always has)."""
    try:
        return _as_arrow(table)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return table


# A run of Latin-script words (with the digits, spaces and punctuation between them) inside a
# translated text: an acronym (IRIS, MiGOF) or a title as published (Migration Initiatives 2016).
_LATIN_RUN = re.compile(r"[A-Za-z][\w'’.-]*(?:[ \u00a0]+[A-Za-z0-9][\w'’.-]*)*", re.ASCII)


def _marked(text: str) -> str:
    """`text` escaped for HTML, each Latin-script run inside it marked lang="en" (WCAG 3.1.2:
    the language of parts), so a Russian sentence naming an English title or acronym is read
    right by a screen reader."""
    parts, last = [], 0
    for match in _LATIN_RUN.finditer(text):
        parts.append(html.escape(text[last : match.start()]))
        parts.append(f'<span lang="en">{html.escape(match.group())}</span>')
        last = match.end()
    parts.append(html.escape(text[last:]))
    return "".join(parts)


def _html_table(table: pd.DataFrame, english: tuple[str, ...]) -> str:
    """The table as HTML whose `english` columns are marked lang="en" (and, in the other
    columns, each Latin-script run), every cell escaped."""
    head = "".join(f"<th>{_marked(str(c))}</th>" for c in table.columns)
    rows = "".join(
        "<tr>"
        + "".join(
            f'<td lang="en">{html.escape(str(v))}</td>'
            if c in english
            else f"<td>{_marked(str(v))}</td>"
            for c, v in zip(table.columns, row, strict=True)
        )
        + "</tr>"
        for row in table.itertuples(index=False)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def static_table(
    table: pd.DataFrame, key: str, english: str | tuple[str, ...] | None = None
) -> None:
    """A small table drawn as plain HTML, which wraps long texts (a data grid would cut them)
    and prints and projects well, with a CSV download of exactly its rows. `english`: a column
    (or columns) that stays English on a page in another language (a document's title, a name
    or address as published), marked lang="en" there."""
    columns = (english,) if isinstance(english, str) else tuple(english or ())
    if any(c in table for c in columns) and i18n.language() != "en":
        st.markdown(cache.derived(_html_table, table, columns), unsafe_allow_html=True)
    else:
        # Handed over as Arrow, converted once per table: Streamlit converts a DataFrame on
        # every rerun (about 1 ms for a few rows; the country profile draws two such tables).
        st.table(cache.derived(_as_arrow, table), hide_index=True)
    st.download_button(
        _("Download CSV"),
        lambda: downloads.csv_bytes(table),  # built on click, not on every rerun
        file_name=f"{slug(key)}.csv",
        mime="text/csv",
        key=f"download-{key}",
        icon=":material/download:",
    )


def findings(rows: pd.DataFrame, title: str | None = None, expanded: bool = False) -> None:
    """The data-quality findings that apply to what is on screen, in a titled expander
    (default title: "Data-quality notes"; the key stays the English title's)."""
    if rows.empty:
        return
    key_title = title or "Data-quality notes"
    title = title or _("Data-quality notes")
    # Opening the expander reruns the page, so its list is built only while it is open: a page's
    # findings cost as much to send as the rest of the page.
    with st.expander(
        f":material/fact_check: {title} ({len(rows)})",
        expanded=expanded,
        key=f"findings-{slug(key_title)}",
        on_change="rerun",
    ) as box:
        if not box.open:
            return
        for subject, note, expected, published, document, section in zip(
            *(
                rows[c].tolist()
                for c in ("subject", "note", "expected", "published", "document", "source_section")
            ),
            strict=True,
        ):
            if i18n.language() == "en":
                detail = ""
                if isinstance(expected, str) and isinstance(published, str):
                    detail = f" Published: **{published}**; expected: **{expected}**."
                st.markdown(f"- {subject}: {note}{detail}")
            else:
                # translated through data.po; what stays as published (a misspelt town, a
                # heading) is marked English
                detail = ""
                if isinstance(expected, str) and isinstance(published, str):
                    detail = " " + _(
                        "Published: **{published}**; expected: **{expected}**."
                    ).format(
                        published=i18n_data.markup(i18n_data.finding_value(published)),
                        expected=i18n_data.markup(i18n_data.finding_value(expected)),
                    )
                line = f"- {i18n_data.markup(i18n.d_(subject))}: {i18n_data.markup(i18n.d_(note))}"
                st.markdown(line + detail, unsafe_allow_html=True)
            source_line(f"{document} — {section}")


def glossary(text: str, extra: str | None = None) -> str | None:
    """Help text defining the glossary terms that `text` mentions (with `extra` first)."""
    defined = cache.shaped(
        glossary_lookup.glossary_helper, catalog_queries.glossary_terms_with_source, ""
    )(text)
    parts = [part for part in (extra, defined) if part]
    return "\n\n".join(parts) or None

"""The briefing: a sequence of "insight screens" for a country or a selection. Pure (no streamlit).

The same screens are shown one per page in the presentation view and become the slides of the
PowerPoint and PDF exports, so a number reads the same in the app and in the deck. Data arrive
through a `fetch(query_function, *args)` callable: the page passes `cache.query`, scripts and
tests pass `direct(con)`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import changes, config, maps, story
from dashboard.charts import country as charts
from dashboard.charts import spec as chart_specs
from dashboard.content import country as profile
from dashboard.content import overview as headlines
from dashboard.filters import FilterOptions, Filters
from dashboard.i18n import (
    DEFAULT_LANGUAGE,
    N_,
    _,
    d_,
    format_date,
    format_percent,
    language,
    ngettext,
)
from dashboard.i18n.names import place_name
from dashboard.queries import catalog as catq
from dashboard.queries import changes as chq
from dashboard.queries import corridors as corq
from dashboard.queries import country as cq
from dashboard.queries import headline as hq
from dashboard.queries import overview as oq
from dashboard.style import format_number

Fetch = Callable[..., pd.DataFrame]
MAX_STATEMENTS = 4
# The "at a glance" slide beside offices and funding, as (headline concept, indicator shown when
# the concept has no figure for the scope). A country: displacement from it, remittances relative
# to its economy, immigrants (refugees from the country, IDPs and remittances as % of GDP are on
# every country's deck); a selection: its migrant stock, emigrants and remittances.
COUNTRY_GLANCE = (
    ("refugees_originating", "unhcr.refugees_originating"),
    ("idps_unhcr", "unhcr.idps"),
    ("remittances_gdp", "wdi.remittances_gdp"),
    ("migrant_stock", "undesa2020.migrant_stock"),
)
SELECTION_GLANCE = (
    ("migrant_stock", "undesa2020.migrant_stock"),
    ("emigrants", "undesa2020.emigrants"),
    ("remittances_usd", "wdi.remittances_usd"),
)
MAX_FACTS = 5


def direct(con: duckdb.DuckDBPyConnection) -> Fetch:
    """A fetch that runs query functions on a connection, uncached (scripts, tests, benchmarks)."""
    return lambda function, *args: function(con, *args)


@dataclass(frozen=True)
class Scope:
    """What a briefing covers: one country, or a selection of the region's countries."""

    iso3: tuple[str, ...]
    label: str
    years: tuple[int, int]
    country: str | None = None
    whole_region: bool = False
    # The sidebar's theme and its indicator families (theme crosswalk): the story leads with them.
    theme: str | None = None
    theme_families: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """Short identifier for file names and cached exports."""
        if self.country:
            base = self.country
        else:
            base = "region" if self.whole_region else "selection-" + "-".join(self.iso3)[:60]
        return f"{base}-{self.theme}" if self.theme else base


def country_scope(
    iso3: str,
    options: FilterOptions,
    years: tuple[int, int],
    theme: str | None = None,
    theme_families: tuple[str, ...] = (),
) -> Scope:
    return Scope(
        iso3=(iso3,),
        label=options.countries[iso3],
        years=years,
        country=iso3,
        theme=theme,
        theme_families=theme_families if theme else (),
    )


def selection_scope(
    filters: Filters, options: FilterOptions, theme_families: tuple[str, ...] = ()
) -> Scope:
    """The sidebar selection; a selection of exactly one country gets that country's briefing."""
    if len(filters.selected_iso3) == 1:
        return country_scope(
            filters.selected_iso3[0], options, filters.years, filters.theme, theme_families
        )
    label = filters.describe(options).split(";")[0]
    return Scope(
        filters.selected_iso3,
        label,
        filters.years,
        whole_region=filters.is_whole_region,
        theme=filters.theme,
        theme_families=theme_families if filters.theme else (),
    )


@dataclass(frozen=True)
class Kpi:
    label: str
    value: str
    detail: str = ""
    source: str = ""


@dataclass(frozen=True, eq=False)
class Screen:
    """One insight: a headline sentence, and the KPIs, chart, points or table that back it."""

    key: str
    kind: str  # title | kpis | map | chart | points | sources
    title: str
    text: str = ""
    kpis: tuple[Kpi, ...] = ()
    points: tuple[str, ...] = ()
    figure: go.Figure | None = None
    chart: chart_specs.ChartSpec | None = None  # the same chart as data, drawn natively in exports
    # A chart only the exported slide shows (the offices map: the screen draws an interactive
    # map instead), built when first asked for: drawing its land shapes cost more than the rest
    # of the briefing.
    slide_figure_builder: Callable[[], go.Figure] | None = None
    table: pd.DataFrame | None = None
    offices: pd.DataFrame | None = None
    sources: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @functools.cached_property
    def slide_figure(self) -> go.Figure | None:
        """The chart of this screen's slide: its on-screen figure, or the export-only one."""
        if self.figure is not None:
            return self.figure
        return self.slide_figure_builder() if self.slide_figure_builder is not None else None


@dataclass(frozen=True, eq=False)
class Briefing:
    scope: Scope
    title: str
    subtitle: str
    screens: tuple[Screen, ...]
    data: BriefingData
    generated: str = ""  # the date printed on the title slide
    lang: str = "en"  # the language its texts were written in (dashboard.i18n)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s for screen in self.screens for s in screen.sources))

    @property
    def figures(self) -> dict[str, go.Figure]:
        """The slides' charts by screen key (export-only ones are built here)."""
        charts_by_key = {screen.key: screen.slide_figure for screen in self.screens}
        return {key: figure for key, figure in charts_by_key.items() if figure is not None}


@dataclass(frozen=True, eq=False)
class BriefingData:
    """Every query result a briefing or a country profile needs, for one scope.

    The properties are what the screens and the profile page derive from those results, computed
    once: the data are cached with their briefing, so a rerun of the page reads them instead of
    redoing pandas work on small frames (where each mask or .loc costs 0.1-0.3 ms).
    """

    scope: Scope
    offices: pd.DataFrame
    funding_by_country: pd.DataFrame
    funding_by_area: pd.DataFrame
    aggregate: pd.DataFrame
    definitions: pd.DataFrame
    outlook: pd.DataFrame
    region_figures: pd.DataFrame
    profile: pd.DataFrame = field(default_factory=pd.DataFrame)
    names: pd.DataFrame = field(default_factory=pd.DataFrame)
    key_figures: pd.DataFrame = field(default_factory=pd.DataFrame)
    findings: pd.DataFrame = field(default_factory=pd.DataFrame)
    status_findings: pd.DataFrame = field(default_factory=pd.DataFrame)
    ranks: pd.DataFrame = field(default_factory=pd.DataFrame)
    destinations: pd.DataFrame = field(default_factory=pd.DataFrame)
    corridor_groups: pd.DataFrame = field(default_factory=pd.DataFrame)
    region_names: pd.DataFrame = field(default_factory=pd.DataFrame)
    moving_breaks: pd.DataFrame = field(default_factory=pd.DataFrame)
    citations: pd.DataFrame = field(default_factory=pd.DataFrame)
    candidates: pd.DataFrame = field(default_factory=pd.DataFrame)
    resolved: dict[str, str] = field(default_factory=dict)  # declared code -> code shown

    def shown(self, codes: tuple[str, ...]) -> tuple[str, ...]:
        """The declared indicators as shown for this scope (resolve_codes)."""
        return tuple(dict.fromkeys(self.resolved.get(code, code) for code in codes))

    headline: pd.DataFrame = field(default_factory=pd.DataFrame)

    @functools.cached_property
    def headline_rows(self) -> dict[str, dict]:
        """The headline figure of each concept for the scope (the headline rule), by concept."""
        return {row["concept"]: row for row in profile.records(self.headline)}

    @functools.cached_property
    def concept_of(self) -> dict[str, str]:
        """The headline concept each candidate indicator gives a figure for, by indicator code."""
        return dict(
            zip(
                self.candidates["indicator_code"].tolist(),
                self.candidates["concept"].tolist(),
                strict=True,
            )
        )

    def full_citations(self, sources: tuple[str, ...]) -> list[str]:
        """The full citation of every source named in the source lines."""
        rows = profile.records(self.citations) if not self.citations.empty else []
        return [
            row["citation"]
            for row in rows
            if any(row["title"] in line or row["short_title"] in line for line in sources)
        ]

    @functools.cached_property
    def name_of(self) -> dict[str, str]:
        """Display name of every region country by ISO3."""
        return dict(
            zip(self.region_names["iso3"].tolist(), self.region_names["name"].tolist(), strict=True)
        )

    @functools.cached_property
    def standings(self) -> list[story.Standing]:
        """Where the country stands in the region on each story indicator (country scopes only)."""
        if self.ranks.empty or not self.scope.country:
            return []
        return story.standings(self.ranks, self.scope.country)

    @functools.cached_property
    def family_of(self) -> dict[str, str]:
        """The indicator family of each candidate indicator, by code (for the theme)."""
        return dict(
            zip(
                self.candidates["indicator_code"].tolist(),
                self.candidates["family"].tolist(),
                strict=True,
            )
        )

    @functools.cached_property
    def standouts(self) -> list[story.Standing]:
        """The indicators the country's profile and deck open with (story.choose_standouts),
        chosen among the theme's indicators when a theme is set."""
        return story.choose_standouts(self.standings, self.scope.theme_families, self.family_of)

    def notes_for(self, code: str) -> list[str]:
        """What to know about one indicator in this scope: its caveat's sentences about the
        scope, and the series breaks that move its total here."""
        names = self.name_of
        in_scope = [names[c] for c in self.scope.iso3 if c in names]
        notes = story.scoped_notes(self.definition[code]["caveat"], in_scope, list(names.values()))
        # a break that moves the total comes first: it is what a reader of the chart must know
        breaks = story.break_notes(
            code, self.scope.iso3, self.moving_breaks, names, self.scope.years
        )
        return breaks + notes

    @functools.cached_property
    def definition(self) -> dict[str, dict]:
        """Each indicator's definition by code."""
        return profile.definitions_by_code(self.definitions)

    @functools.cached_property
    def lines(self) -> dict[str, headlines.IndicatorLine]:
        """Each indicator's values in the scope and years, by code (absent: no value)."""
        return headlines.indicator_lines(self.aggregate)

    @functools.cached_property
    def profile_row(self) -> dict:
        """The country's country_profile row (country scopes only)."""
        return profile.records(self.profile)[0]

    @functools.cached_property
    def offices_in_country(self) -> int:
        """The country's own offices (Israel has none: its table shows the Regional Office)."""
        return self.offices["iso3"].tolist().count(self.scope.country)

    @functools.cached_property
    def region_source(self) -> str:
        """Source line of the SEEECA 2016 funding table (also for a country with no row in it)."""
        frame = self.funding_by_country
        first = frame["document"].notna().tolist().index(True)
        return profile.document_source(
            frame["document"].iat[first],
            frame["file"].iat[first],
            frame["source_section"].iat[first],
        )

    @functools.cached_property
    def funding_rank(self) -> profile.FundingRank:
        """The country's 2016 requirement and rank (country scopes only)."""
        return profile.funding_rank(self.funding_by_country, self.scope.country, self.region_source)

    @functools.cached_property
    def office_source(self) -> str:
        """Source line of the office list."""
        return office_source(self.offices)

    @functools.cached_property
    def contact_source(self) -> str | None:
        """Source line of the offices' addresses and telephones."""
        return profile.contact_source(self.offices)

    @functools.cached_property
    def indicator_cards(self) -> list[profile.IndicatorCard]:
        """The profile's headline indicators (country scopes only)."""
        return profile.indicator_cards(
            self.lines,
            self.definition,
            self.shown(profile.PROFILE_INDICATORS),
            self.scope.country,
        )

    @functools.cached_property
    def status_table(self) -> pd.DataFrame:
        """The country's names and IOM status per document (country scopes only)."""
        return profile.status_table(self.names)

    # The frames that are read row by row, as dicts.
    @functools.cached_property
    def outlook_rows(self) -> list[dict]:
        return profile.records(self.outlook)

    @functools.cached_property
    def key_figure_rows(self) -> list[dict]:
        return profile.records(self.key_figures)

    @functools.cached_property
    def finding_rows(self) -> list[dict]:
        return profile.records(self.findings)


INDICATOR_CODES = tuple(dict.fromkeys(profile.PROFILE_INDICATORS + profile.TREND_CODES))


def resolve_codes(
    codes: tuple[str, ...], candidates: pd.DataFrame, headline: pd.DataFrame
) -> dict[str, str]:
    """Each declared indicator as the headline rule has it for the scope: a code standing for a
    headline concept becomes the indicator the rule takes that concept's figure from (the current
    edition, e.g. UN DESA 2024 for UN DESA 2020), so the cards and charts show the headline's
    series; other codes stay as declared."""
    concept_of = dict(
        zip(candidates["indicator_code"].tolist(), candidates["concept"].tolist(), strict=True)
    )
    chosen = dict(
        zip(headline["concept"].tolist(), headline["indicator_code"].tolist(), strict=True)
    )
    return {code: chosen.get(concept_of.get(code, ""), code) for code in codes}


def load(fetch: Fetch, scope: Scope) -> BriefingData:
    """Run the queries of a briefing (or a country profile) for the scope."""
    country = scope.country
    candidates = fetch(hq.headline_concepts)
    headline = fetch(hq.headline_figures, scope.iso3, None)
    resolved = resolve_codes(INDICATOR_CODES, candidates, headline)
    codes = tuple(dict.fromkeys(resolved.values()))
    return BriefingData(
        scope=scope,
        resolved=resolved,
        # Israel's only IOM presence is the Regional Office, so its map and table show that.
        offices=fetch(
            cq.offices_with_contacts, scope.iso3, country is None or country == profile.ISRAEL
        ),
        funding_by_country=fetch(cq.seeeca_funding_by_country),
        funding_by_area=fetch(cq.seeeca_funding_by_area, scope.iso3, scope.whole_region),
        aggregate=fetch(oq.indicator_aggregate, codes, scope.iso3, *scope.years),
        definitions=fetch(oq.indicator_definitions, codes),
        outlook=fetch(cq.outlook_statements_for_selection, scope.iso3),
        region_figures=fetch(oq.key_figures_with_source, headlines.KPI_FIGURES).set_index(
            "figure_id", drop=False
        ),
        region_names=fetch(cq.region_countries),
        citations=fetch(catq.source_citations),
        candidates=candidates,
        headline=headline,
        moving_breaks=fetch(chq.series_breaks_moving_totals),
        **(
            {
                "profile": fetch(cq.country_profile, country),
                "names": fetch(cq.country_names_by_document, country),
                "key_figures": fetch(cq.country_key_figures, country),
                "findings": fetch(cq.country_findings, country),
                "status_findings": fetch(cq.membership_status_findings),
                "destinations": fetch(corq.country_destinations, country, corq.LATEST_YEAR, 8),
                "corridor_groups": fetch(corq.corridor_groups, country, corq.LATEST_YEAR),
                "ranks": fetch(
                    cq.headline_ranks_in_region,
                    story.STORY_CONCEPTS,
                    *scope.years,
                    story.POPULATION_CODE,
                ),
            }
            if country
            else {}
        ),
    )


# --- the pieces shared by the profile page and the screens -------------------------------------


def office_source(offices: pd.DataFrame) -> str:
    """Source line of the office list: a country office's row, else the Regional Office's."""
    kinds = offices["office_type"].tolist()
    row = next((i for i, kind in enumerate(kinds) if kind != "regional"), 0)
    return profile.document_source(
        offices["document"].iat[row],
        offices["file"].iat[row],
        offices["source_section"].iat[row].split(" - ")[0],
    )


def trend_table(data: BriefingData, codes: tuple[str, ...]) -> pd.DataFrame:
    """Year by indicator, the values behind a trend chart (the CSV a manager can download)."""
    # What pivot_table(index="year", columns="indicator_code", aggfunc="first") gave: the years
    # with a value, the indicators with a value, a year's first value, NaN for a gap.
    drawn = [(code, data.lines[code]) for code in codes if code in data.lines]
    cells: dict[str, dict[int, float]] = {}
    for code, line in drawn:
        column = cells[code] = {}
        for year, value in zip(line.years.tolist(), line.values.tolist(), strict=True):
            column.setdefault(year, value)
    years = sorted({year for column in cells.values() for year in column})
    year_dtype = drawn[0][1].years.dtype if drawn else data.aggregate["year"].dtype
    columns = [np.array(years, dtype=year_dtype)] + [
        np.array([cells[code].get(year, np.nan) for year in years], dtype="float64")
        for code, _line in drawn
    ]
    table = pd.DataFrame(dict(enumerate(columns)))
    names = [
        d_(data.definition[code]["name"]) if code in data.definition else code
        for code, _line in drawn
    ]
    table.columns = pd.Index([_("Year"), *names], dtype="str", name="indicator_code")
    return table


def trend_sentence(data: BriefingData, code: str) -> str | None:
    """'Refugees hosted (UNHCR) in Ukraine: 2,370 in 2025, down 19% from 2000 to 2025', or 'from
    64 in 2000 to 149,324 in 2025' from a near-zero base (None without data)."""
    line = data.lines.get(code)
    if line is None:
        return None
    definition = data.definition[code]
    years, values = line.years.tolist(), line.values.tolist()
    unit, name = definition["unit"], d_(definition["name"])
    value, year = format_number(values[-1], profile.display_unit(unit)), int(years[-1])
    if int(years[0]) >= year:
        return _("{indicator}: {value} in {year}").format(indicator=name, value=value, year=year)
    first, last = float(values[0]), float(values[-1])
    change = profile.change_text(first, int(years[0]), last, year, unit)
    if profile.change_is_span(first, last, unit):  # "from 64 in 2000 to 149,324 in 2025"
        return _("{indicator}: {change}").format(indicator=name, change=change)
    return _("{indicator}: {value} in {year}, {change}").format(
        indicator=name, value=value, year=year, change=change
    )


def coverage_note(data: BriefingData, code: str) -> str | None:
    """For a selection, how many of its countries the latest aggregate covers."""
    line = data.lines.get(code)
    if data.scope.country or line is None:
        return None
    return _("{reporting} of {selected} selected countries report {indicator} in {year}.").format(
        reporting=int(line.countries_reporting[-1]),
        selected=int(line.countries_selected[-1]),
        indicator=d_(data.definition[code]["name"]),
        year=int(line.years[-1]),
    )


def statements(data: BriefingData, limit: int = MAX_STATEMENTS) -> list[dict]:
    """The outlook statements to show: for the whole region the region-wide ones first, otherwise
    those naming the country or the selected countries."""
    rows = data.outlook_rows
    if data.scope.whole_region:
        # False first; a stable sort keeps the query's order within each group
        rows = sorted(rows, key=lambda row: row["names_selection"])
    return rows[:limit]


def _statement_point(row: Mapping) -> str:
    """The statement as published and where it applies; in another language than English led
    by its translated short title, the quotation marked as English."""
    if language() == DEFAULT_LANGUAGE:
        return _("{statement} ({scope}; {edition})").format(
            statement=row["statement"], scope=profile.statement_scope(row), edition=row["edition"]
        )
    return _("{title}: “{statement}” (quoted in English; {scope}; {edition})").format(
        title=d_(row["short_title"]),
        statement=row["statement"],
        scope=profile.statement_scope(row),
        edition=d_(row["edition"]),
    )


# --- the screens --------------------------------------------------------------------------------

NO_REQUIREMENT_NOTE = N_("Areas marked '-' had no requirement in the published table (not zero).")
# (place group of the corridor data, share of the emigrants living there) for a title.
PLACE_GROUP_SHARES = (
    ("SEEECA region", N_("{share} elsewhere in the region")),
    ("European Union", N_("{share} in the European Union")),
    ("Rest of the world", N_("{share} in the rest of the world")),
)


def _country_offices(count: int) -> str:
    """'no country offices', '1 country office', '2 country offices'."""
    if count == 0:
        return _("no country offices")
    return ngettext("{n} country office", "{n} country offices", count).format(n=count)


def _sub_offices(count: int) -> str:
    """'no sub-offices', '1 sub-office', '6 sub-offices' (Russian: its three plural forms)."""
    if count == 0:
        return _("no sub-offices")
    return ngettext("{n} sub-office", "{n} sub-offices", count).format(n=count)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _title_points(data: BriefingData, generated: str) -> tuple[str, ...]:
    """The title slide's date and years."""
    first, last = data.scope.years
    return (
        _("Prepared {date} from the SEEECA Migration Outlook.").format(date=generated),
        _("Indicator years {first}-{last}.").format(first=first, last=last),
    )


def _stand_in_notes(offices: pd.DataFrame) -> tuple[str, ...]:
    # maps.stand_in_notes reads every office row by row (~1 ms); most scopes have no office drawn
    # at a stand-in position, which one column says.
    if not any(offices["position_is_stand_in"].tolist()):
        return ()
    return tuple(maps.stand_in_notes(offices))


def _funding_table(by_country: pd.DataFrame) -> pd.DataFrame:
    """The 2016 requirement and rank of every country, as the funding ranking's table."""
    # From the columns' arrays: selecting and renaming columns copied the frame twice.
    return pd.DataFrame(
        {
            _("Country or territory"): [place_name(n) for n in by_country["name"].tolist()],
            _("Requirement 2016 (USD)"): by_country["usd"].array,
            _("Rank"): by_country["rank"].array,
        },
        index=by_country.index,
    )


def _indicator_kpis(data: BriefingData, codes: tuple[str, ...]) -> list[Kpi]:
    country = data.scope.country or ""
    kpis = []
    for card in profile.indicator_cards(data.lines, data.definition, codes, country):
        item = card.headline
        detail = card.note or (f"{item.year}" if item.year else _("no data in the chosen years"))
        if not data.scope.country and item.year:
            detail = _("{detail}; {reporting} of {selected} countries report").format(
                detail=detail,
                reporting=item.countries_reporting,
                selected=item.countries_selected,
            )
        kpis.append(Kpi(d_(item.name), card.display, detail, item.source))
    return kpis


def _headline_kpis(data: BriefingData, glance: tuple[tuple[str, str], ...]) -> list[Kpi]:
    """KPIs of the headline figures (docs/HEADLINES.md), the same number as every other page for
    the concept, scope and year; the alternative source is named beside it. A concept without a
    figure for the scope says why (an indicator card of its usual indicator)."""
    kpis = []
    for concept, code in glance:
        row = data.headline_rows.get(concept)
        if row is None:
            kpis += _indicator_kpis(data, data.shown((code,)))
            continue
        year = int(row["year"])
        detail = f"{year}"
        if year < data.scope.years[1] - changes.STALE_YEARS:
            # an old figure is still the latest published one: say so, never let it pass as current
            detail = _("{year}: the latest figure published, none since").format(year=year)
        if not data.scope.country:
            detail = _("{detail}; {reporting} of {selected} countries report").format(
                detail=detail,
                reporting=int(row["countries_reporting"]),
                selected=int(row["countries_in_scope"]),
            )
        unit = profile.display_unit(str(row["unit"]))
        if row["alt_value"] is not None and not pd.isna(row["alt_value"]):
            detail = _("{detail}; {source}: {value}").format(
                detail=detail,
                source=row["alt_source_title"],
                value=format_number(row["alt_value"], unit),
            )
        kpis.append(
            Kpi(
                d_(str(row["concept_name"])),
                format_number(row["value"], unit),
                detail,
                f"{row['source_title']}, {row['source_licence']}",
            )
        )
    return kpis


def trend_groups(data: BriefingData) -> list[profile.TrendGroup]:
    """The trend charts of the scope, those holding the country's standout indicators first (in
    the standouts' order), the others as declared."""
    groups = [g for g in profile.TREND_GROUPS if data.scope.country or not g.country_only]
    order = [s.concept_id for s in data.standouts]
    concept_of = data.concept_of

    def place(group: profile.TrendGroup) -> int:
        concepts = [concept_of.get(c) for c in group.codes]
        return min((order.index(c) for c in concepts if c in order), default=len(order))

    return sorted(groups, key=place)  # stable: the declared order among the rest


def _trend_screens(data: BriefingData, place: str) -> list[Screen]:
    screens = []
    definition = data.definition
    standout_concepts = [s.concept_id for s in data.standouts]
    for group in trend_groups(data):
        codes = tuple(c for c in data.shown(group.codes) if c in definition)
        subject = _(group.subject).format(place=place)
        sources = tuple(dict.fromkeys(profile.dataset_source(definition[c]) for c in codes))
        lead = next(
            (
                c
                for concept in standout_concepts
                for c in codes
                if data.concept_of.get(c) == concept and c in data.lines
            ),
            None,
        )
        lead = lead or next((c for c in codes if c in data.lines), codes[0])
        headline = trend_sentence(data, lead)
        absent = [
            _("Included in Serbia: {note}").format(note=note)
            for c in codes
            if (note := profile.not_published_separately(definition[c], data.scope.country or ""))
        ]
        first, last = data.scope.years
        if headline is None:
            notes = tuple(dict.fromkeys(n for n in absent if n)) or (
                _("No values for {place} in {first}-{last}.").format(
                    place=place, first=first, last=last
                ),
            )
            title = (
                _("{subject}: included in Serbia's figures").format(subject=subject)
                if any(absent)
                else _("{subject}: no data in {first}-{last}").format(
                    subject=subject, first=first, last=last
                )
            )
            screens.append(
                Screen(f"trend-{group.key}", "points", title, points=notes, sources=sources)
            )
            continue
        drawn = [c for c in codes if c in data.lines]
        caveats = [note for c in drawn for note in data.notes_for(c)]
        coverage = [coverage_note(data, c) for c in codes]
        screens.append(
            Screen(
                key=f"trend-{group.key}",
                kind="chart",
                title=headline,
                figure=charts.indicator_trend(data.lines, definition, codes, subject),
                chart=chart_specs.trend_chart(data.lines, definition, codes, subject),
                table=trend_table(data, codes),
                sources=sources,
                notes=tuple(dict.fromkeys(n for n in [*absent, *coverage, *caveats] if n)),
            )
        )
    return screens


def _corridor_screens(data: BriefingData, name: str) -> list[Screen]:
    """Where the country's emigrants live (UN DESA 2024 origin by destination), if published."""
    destinations = data.destinations
    if destinations.empty:
        return []
    year = int(destinations["year"].iat[0])
    groups = {
        row["place_group"]: row["share"]
        for row in profile.records(data.corridor_groups)
        if row["direction"] == "emigrants"
    }
    shares = [
        _(where).format(share=format_percent(share * 100, 0))
        for group, where in PLACE_GROUP_SHARES
        if (share := groups.get(group)) and share >= 0.005
    ]
    title = _("Emigrants from {name} in {year}: {shares}").format(
        name=name, year=year, shares=", ".join(shares)
    )
    chart = chart_specs.destinations_chart(
        destinations,
        _("Where emigrants from {name} live, {year} (largest destinations)").format(
            name=name, year=year
        ),
    )
    source_ids = set(destinations["source_id"].tolist())
    sources = tuple(
        f"{row['short_title']}"
        for row in profile.records(data.citations)
        if row["source_id"] in source_ids
    )
    return [
        Screen(
            "corridors",
            "chart",
            title,
            figure=chart_specs.bar_figure(chart),
            chart=chart,
            table=pd.DataFrame(
                {
                    _("Country of destination"): list(chart.categories),
                    _("Emigrants"): destinations["migrants"].array,
                    _("Share of all emigrants"): [
                        format_percent(v * 100) for v in destinations["share"].tolist()
                    ],
                }
            ),
            sources=sources,
            notes=(
                _(
                    "Dark blue: in the SEEECA region; light blue: in the European Union; grey: "
                    "elsewhere. Shares are of all the country's emigrants worldwide."
                ),
            ),
        )
    ]


def _standouts_screen(data: BriefingData, name: str) -> Screen:
    """Where the country stands out in the region: the indicators its story opens with."""
    kpis = []
    for standing in data.standouts:
        change = standing.change()
        reason = standing.reason(name)
        detail = (
            _("{reason}. {change}.").format(reason=reason, change=change[0].upper() + change[1:])
            if change
            else _("{reason}.").format(reason=reason)
        )
        kpis.append(Kpi(_(standing.concept.card), standing.display, detail, standing.source))
    lead = data.standouts[0].reason(name) if data.standouts else ""
    return Screen(
        "standouts",
        "kpis",
        _("Where {name} stands out in the region").format(name=name),
        text=lead,
        kpis=tuple(kpis),
        sources=tuple(dict.fromkeys(s.source for s in data.standouts)),
    )


def _outlook_screen(data: BriefingData, place: str) -> Screen:
    chosen = statements(data)
    return Screen(
        "outlook",
        "points",
        _("Outlook: what the IOM strategies expect for {place}").format(place=place),
        points=tuple(_statement_point(row) for row in chosen),
        sources=tuple(
            dict.fromkeys(
                profile.document_source(r["document"], r["file"], r["source_section"])
                for r in chosen
            )
        ),
    )


def _sources_screen(screens: list[Screen], findings: list[dict]) -> Screen:
    sources = tuple(dict.fromkeys(s for screen in screens for s in screen.sources))
    notes = tuple(
        _("{subject}: {note}").format(subject=d_(r["subject"]), note=note)
        for r in findings
        if (note := story.without_file_names(d_(r["note"])))
    )
    return Screen(
        "sources",
        "sources",
        _("Sources"),
        text=_("Every figure in this briefing comes from these documents and datasets."),
        points=sources,
        notes=notes,
    )


def _country_screens(data: BriefingData, generated: str) -> list[Screen]:
    country = data.profile_row
    name, iso3 = place_name(str(country["name"])), data.scope.country
    profile_source = profile.document_source(
        country["document"], country["file"], country["source_section"]
    )
    rank = data.funding_rank
    offices = data.offices
    own = data.offices_in_country
    if own:
        office_detail = _("{country_offices}, {sub_offices} (May 2020)").format(
            country_offices=_country_offices(int(country["country_offices"])),
            sub_offices=_sub_offices(int(country["sub_offices"])),
        )
        map_title = ngettext("One IOM office in {name}", "{n} IOM offices in {name}", own).format(
            n=own, name=name
        )
    else:
        office_detail = _("No IOM office; covered by the Regional Office in Vienna")
        map_title = _("No IOM office in {name}: the Regional Office in Vienna covers it").format(
            name=name
        )
    screens = [
        Screen(
            "title",
            "title",
            _("{name}: IOM migration briefing").format(name=name),
            text=_(
                "{subregion} · capital {capital} · IOM region {region} (Regional Office Vienna)"
            ).format(
                subregion=d_(country["subregion"]),
                capital=place_name(country["capital"]),
                region=_(config.REGION_SHORT),
            ),
            points=_title_points(data, generated),
            sources=(profile_source,),
        ),
        *([_standouts_screen(data, name)] if data.standouts else []),
        Screen(
            "kpis",
            "kpis",
            _("{name} at a glance").format(name=name),
            kpis=(
                Kpi(
                    _("IOM offices and sub-offices"),
                    f"{int(country['office_count'])}",
                    office_detail,
                    profile_source,
                ),
                Kpi(_("Funding requirement 2016"), rank.display, rank.rank_text, rank.source),
                *_headline_kpis(data, COUNTRY_GLANCE),
            ),
            sources=(profile_source, rank.source),
        ),
        Screen(
            "map",
            "map",
            map_title,
            slide_figure_builder=functools.partial(
                charts.office_map,
                offices,
                (iso3,),
                False,
                _("IOM offices, {place}").format(place=name),
                labels=True,
            ),
            table=profile.office_table(offices),
            offices=offices,
            sources=(data.office_source,),
            notes=_stand_in_notes(offices),
        ),
        *_trend_screens(data, name),
        *_corridor_screens(data, name),
    ]
    if rank.in_table:
        by_area = _("Funding requirement 2016 by area, {place}").format(place=name)
        by_country = _("Funding requirement 2016 by country, {region}").format(
            region=_(config.REGION_SHORT)
        )
        screens.append(
            Screen(
                "funding",
                "chart",
                rank.sentence,
                figure=charts.funding_by_area(data.funding_by_area, by_area),
                chart=chart_specs.funding_by_area_chart(data.funding_by_area, by_area),
                table=profile.funding_area_table(data.funding_by_area),
                sources=(rank.source,),
                notes=(_(NO_REQUIREMENT_NOTE),),
            )
        )
        screens.append(
            Screen(
                "funding-rank",
                "chart",
                _("Funding requirement 2016: {name} is {rank}").format(
                    name=name, rank=rank.rank_text
                ),
                figure=charts.funding_by_country(data.funding_by_country, (iso3,), by_country),
                chart=chart_specs.funding_by_country_chart(
                    data.funding_by_country, (iso3,), by_country
                ),
                table=_funding_table(data.funding_by_country),
                sources=(rank.source,),
                notes=(
                    _("Regional programmes are not a country and are left out of the ranking."),
                ),
            )
        )
    else:
        screens.append(
            Screen(
                "funding",
                "points",
                rank.sentence,
                points=tuple(d_(r["note"]) for r in data.finding_rows if r["topic"] == "funding"),
                sources=(rank.source,),
            )
        )
    facts = data.key_figure_rows[:MAX_FACTS]
    if facts:
        screens.append(
            Screen(
                "facts",
                "points",
                _("What the IOM documents say about {name}").format(name=name),
                points=tuple(
                    _("“{quote}” ({label})").format(quote=r["quote"], label=d_(r["label"]))
                    for r in facts
                ),
                sources=tuple(
                    dict.fromkeys(
                        profile.document_source(r["document"], r["file"], r["source_section"])
                        for r in facts
                    )
                ),
            )
        )
    screens.append(_outlook_screen(data, name))
    screens.append(_sources_screen(screens, data.finding_rows))
    return screens


def _selection_screens(data: BriefingData, generated: str) -> list[Screen]:
    scope = data.scope
    place = _("the region") if scope.whole_region else place_name(scope.label)
    figures = profile.records(
        data.region_figures, ("figure_id", "value", "document", "source_section")
    )
    countries = {row["figure_id"]: row for row in figures}[headlines.FIGURE_COUNTRIES]
    # Counted from the Annex 1 list, so a selection gets its own count; Table A1 prints the region's.
    offices = sum(kind != "regional" for kind in data.offices["office_type"].tolist())
    offices_source = data.office_source
    countries_source = headlines.figure_source(countries)
    funding = data.funding_by_area
    total = funding["usd"].sum(min_count=1)
    source_2016 = data.region_source
    by_area = _("Funding requirement 2016 by area, {place}").format(place=place)
    by_country = _("Funding requirement 2016 by country, {region}").format(
        region=_(config.REGION_SHORT)
    )
    screens = [
        Screen(
            "title",
            "title",
            _("{region} migration outlook").format(region=_(config.REGION_SHORT)),
            text=_("{region}: {scope}").format(
                region=_(config.REGION_NAME), scope=place_name(scope.label)
            ),
            points=_title_points(data, generated),
        ),
        Screen(
            "kpis",
            "kpis",
            _capitalised(_("{place} at a glance").format(place=place)),
            kpis=(
                Kpi(
                    _("Countries and territories"),
                    f"{len(scope.iso3)}",
                    _("covered by the Regional Office Vienna")
                    if scope.whole_region
                    else _("of the region's {count}").format(count=f"{countries['value']:.0f}"),
                    countries_source,
                ),
                Kpi(
                    _("IOM offices and sub-offices"),
                    f"{offices}",
                    _("May 2020, Regional Office not counted"),
                    offices_source,
                ),
                Kpi(
                    _("Funding requirement 2016"),
                    format_number(total, "usd"),
                    _("incl. regional programmes")
                    if scope.whole_region
                    else _("selected countries only"),
                    source_2016,
                ),
                *_headline_kpis(data, SELECTION_GLANCE),
            ),
            sources=(countries_source, offices_source, source_2016),
        ),
        Screen(
            "map",
            "map",
            ngettext(
                "{n} IOM office or sub-office in {place}",
                "{n} IOM offices and sub-offices in {place}",
                offices,
            ).format(n=offices, place=place),
            slide_figure_builder=functools.partial(
                charts.office_map,
                data.offices,
                () if scope.whole_region else scope.iso3,
                scope.whole_region,
                _("IOM offices, {place}").format(place=place),
                labels=False,
            ),
            table=profile.office_table(data.offices),
            offices=data.offices,
            sources=(data.office_source,),
            notes=_stand_in_notes(data.offices),
        ),
        *_trend_screens(data, place),
        Screen(
            "funding-rank",
            "chart",
            _("{amount} requested for {place} in 2016").format(
                amount=format_number(total, "usd"), place=place
            ),
            figure=charts.funding_by_country(data.funding_by_country, scope.iso3, by_country),
            chart=chart_specs.funding_by_country_chart(
                data.funding_by_country, scope.iso3, by_country
            ),
            table=_funding_table(data.funding_by_country),
            sources=(source_2016,),
            notes=(_("Israel has no row in the 2016 SEEECA table."),),
        ),
        Screen(
            "funding",
            "chart",
            _("Funding requirement 2016 by programmatic area, {place}").format(place=place),
            figure=charts.funding_by_area(funding, by_area),
            chart=chart_specs.funding_by_area_chart(funding, by_area),
            table=profile.funding_area_table(funding),
            sources=(source_2016,),
            notes=(_(NO_REQUIREMENT_NOTE),),
        ),
        _outlook_screen(data, place),
    ]
    screens.append(_sources_screen(screens, []))
    return screens


def _date(text: str) -> str:
    """A date given as text in the current language: an ISO date ("2026-12-06"), and in another
    language than English an English one too ("06 December 2026", as the pages write today's);
    any other text as given."""
    parsers = [dt.date.fromisoformat]
    if language() != DEFAULT_LANGUAGE:
        parsers.append(lambda t: dt.datetime.strptime(t, "%d %B %Y").date())
    for parse in parsers:
        try:
            return format_date(parse(text))
        except ValueError:
            continue
    return text


def build(data: BriefingData, generated: dt.date | str) -> Briefing:
    """The briefing's screens for the data's scope, in the current language (dashboard.i18n);
    `generated` is the date printed on the title (a date, or a date as text, is written the
    language's way)."""
    generated = format_date(generated) if isinstance(generated, dt.date) else _date(generated)
    scope = data.scope
    screens = (
        _country_screens(data, generated) if scope.country else _selection_screens(data, generated)
    )
    # a title may open with a placeholder ("{place}: ..."), which a translation can put first
    screens = [dataclasses.replace(s, title=_capitalised(s.title)) for s in screens]
    title = screens[0].title
    return Briefing(scope, title, screens[0].text, tuple(screens), data, generated, language())

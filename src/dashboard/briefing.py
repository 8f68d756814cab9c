"""The briefing: a sequence of "insight screens" for a country or a selection. Pure (no streamlit).

The same screens are shown one per page in the presentation view and become the slides of the
PowerPoint and PDF exports, so a number reads the same in the app and in the deck. Data arrive
through a `fetch(query_function, *args)` callable: the page passes `cache.query`, scripts and
tests pass `direct(con)`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb
import pandas as pd
import plotly.graph_objects as go

from dashboard import config, headlines, maps, profile
from dashboard.charts import country as charts
from dashboard.filters import FilterOptions, Filters
from dashboard.queries import country as cq
from dashboard.queries import overview as oq
from dashboard.style import format_number

Fetch = Callable[..., pd.DataFrame]
MAX_STATEMENTS = 4
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

    @property
    def key(self) -> str:
        """Short identifier for file names and cached exports."""
        if self.country:
            return self.country
        return "region" if self.whole_region else "selection-" + "-".join(self.iso3)[:60]


def country_scope(iso3: str, options: FilterOptions, years: tuple[int, int]) -> Scope:
    return Scope(iso3=(iso3,), label=options.countries[iso3], years=years, country=iso3)


def selection_scope(filters: Filters, options: FilterOptions) -> Scope:
    """The sidebar selection; a selection of exactly one country gets that country's briefing."""
    if len(filters.selected_iso3) == 1:
        return country_scope(filters.selected_iso3[0], options, filters.years)
    label = filters.describe(options).split(";")[0]
    return Scope(filters.selected_iso3, label, filters.years, whole_region=filters.is_whole_region)


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
    """Every query result a briefing or a country profile needs, for one scope."""

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

    @property
    def definition(self) -> pd.DataFrame:
        return self.definitions.set_index("indicator_code", drop=False)


INDICATOR_CODES = tuple(dict.fromkeys(profile.PROFILE_INDICATORS + profile.TREND_CODES))


def load(fetch: Fetch, scope: Scope) -> BriefingData:
    """Run the queries of a briefing (or a country profile) for the scope."""
    country = scope.country
    return BriefingData(
        scope=scope,
        # Israel's only IOM presence is the Regional Office, so its map and table show that.
        offices=fetch(
            cq.offices_with_contacts, scope.iso3, country is None or country == profile.ISRAEL
        ),
        funding_by_country=fetch(cq.seeeca_funding_by_country),
        funding_by_area=fetch(cq.seeeca_funding_by_area, scope.iso3, scope.whole_region),
        aggregate=fetch(oq.indicator_aggregate, INDICATOR_CODES, scope.iso3, *scope.years),
        definitions=fetch(oq.indicator_definitions, INDICATOR_CODES),
        outlook=fetch(cq.outlook_statements_for_selection, scope.iso3),
        region_figures=fetch(oq.key_figures, headlines.KPI_FIGURES).set_index(
            "figure_id", drop=False
        ),
        **(
            {
                "profile": fetch(cq.country_profile, country),
                "names": fetch(cq.country_names_by_document, country),
                "key_figures": fetch(cq.country_key_figures, country),
                "findings": fetch(cq.country_findings, country),
                "status_findings": fetch(cq.membership_status_findings),
            }
            if country
            else {}
        ),
    )


# --- the pieces shared by the profile page and the screens -------------------------------------


def region_source(data: BriefingData) -> str:
    """Source line of the SEEECA 2016 funding table (also for a country with no row in it)."""
    rows = data.funding_by_country.dropna(subset=["document"])
    row = rows.iloc[0]
    return profile.document_source(row["document"], row["file"], row["source_section"])


def funding_rank(data: BriefingData) -> profile.FundingRank:
    return profile.funding_rank(data.funding_by_country, data.scope.country, region_source(data))


def office_source(offices: pd.DataFrame) -> str:
    rows = offices[offices["office_type"] != "regional"]
    row = (rows if not rows.empty else offices).iloc[0]
    return profile.document_source(
        row["document"], row["file"], row["source_section"].split(" - ")[0]
    )


def trend_table(data: BriefingData, codes: tuple[str, ...]) -> pd.DataFrame:
    """Year by indicator, the values behind a trend chart (the CSV a manager can download)."""
    rows = data.aggregate[data.aggregate["indicator_code"].isin(codes)]
    names = data.definition["name"]
    table = rows.pivot_table(
        index="year", columns="indicator_code", values="value", aggfunc="first"
    )
    table = table.reindex(columns=[c for c in codes if c in table.columns])
    return table.rename(columns=names.to_dict()).reset_index().rename(columns={"year": "Year"})


def trend_sentence(data: BriefingData, code: str) -> str | None:
    """'<indicator> in <place>: 5.0 million in 2020, down 26% since 1990' (None without data)."""
    rows = (
        data.aggregate[data.aggregate["indicator_code"] == code]
        .dropna(subset=["value"])
        .sort_values("year")
    )
    if rows.empty:
        return None
    definition = data.definition.loc[code]
    first, last = rows.iloc[0], rows.iloc[-1]
    unit = profile.display_unit(definition["unit"])
    text = f"{definition['name']}: {format_number(last['value'], unit)} in {int(last['year'])}"
    if int(first["year"]) < int(last["year"]) and first["value"]:
        text += ", " + profile.change_text(
            float(first["value"]), float(last["value"]), int(first["year"])
        )
    return text


def coverage_note(data: BriefingData, code: str) -> str | None:
    """For a selection, how many of its countries the latest aggregate covers."""
    rows = data.aggregate[data.aggregate["indicator_code"] == code].dropna(subset=["value"])
    if data.scope.country or rows.empty:
        return None
    last = rows.sort_values("year").iloc[-1]
    return (
        f"{int(last['countries_reporting'])} of {int(last['countries_selected'])} selected countries "
        f"report {data.definition.loc[code, 'name']} in {int(last['year'])}."
    )


def statements(data: BriefingData, limit: int = MAX_STATEMENTS) -> pd.DataFrame:
    """The outlook statements to show: for the whole region the region-wide ones first, otherwise
    those naming the country or the selected countries."""
    rows = data.outlook
    if data.scope.whole_region:
        rows = rows.sort_values("names_selection", kind="stable")
    return rows.head(limit)


def _statement_point(row: pd.Series) -> str:
    return f"{row['statement']} ({profile.statement_scope(row)}; {row['edition']})"


# --- the screens --------------------------------------------------------------------------------


def _indicator_kpis(data: BriefingData, codes: tuple[str, ...]) -> list[Kpi]:
    country = data.scope.country or ""
    kpis = []
    for card in profile.indicator_cards(data.aggregate, data.definitions, codes, country):
        item = card.headline
        detail = card.note or (f"{item.year}" if item.year else "no data in the chosen years")
        if not data.scope.country and item.year:
            detail += f"; {item.countries_reporting} of {item.countries_selected} countries report"
        kpis.append(Kpi(item.name, card.display, detail, item.source))
    return kpis


def _trend_screens(data: BriefingData, place: str) -> list[Screen]:
    screens = []
    for group in profile.TREND_GROUPS:
        codes = tuple(c for c in group.codes if c in data.definition.index)
        sources = tuple(
            dict.fromkeys(profile.dataset_source(data.definition.loc[c]) for c in codes)
        )
        headline = trend_sentence(data, codes[0])
        absent = [
            f"Included in Serbia: {note}"
            for c in codes
            if (
                note := profile.not_published_separately(
                    data.definition.loc[c], data.scope.country or ""
                )
            )
        ]
        if headline is None:
            notes = tuple(dict.fromkeys(n for n in absent if n)) or (
                f"No values for {place} in {data.scope.years[0]}-{data.scope.years[1]}.",
            )
            title = (
                f"{group.subject}: included in Serbia's figures"
                if any(absent)
                else f"{group.subject}: no data for {place}"
            )
            screens.append(
                Screen(f"trend-{group.key}", "points", title, points=notes, sources=sources)
            )
            continue
        caveats = [
            data.definition.loc[c, "caveat"] for c in codes if data.definition.loc[c, "caveat"]
        ]
        coverage = [coverage_note(data, c) for c in codes]
        screens.append(
            Screen(
                key=f"trend-{group.key}",
                kind="chart",
                title=headline,
                figure=charts.indicator_trend(
                    data.aggregate, data.definitions, codes, f"{group.subject}, {place}"
                ),
                table=trend_table(data, codes),
                sources=sources,
                notes=tuple(n for n in [*absent, *coverage] if n) + tuple(caveats),
            )
        )
    return screens


def _outlook_screen(data: BriefingData, place: str) -> Screen:
    chosen = statements(data)
    points = tuple(_statement_point(row) for _, row in chosen.iterrows())
    sources = tuple(
        dict.fromkeys(
            profile.document_source(r["document"], r["file"], r["source_section"])
            for _, r in chosen.iterrows()
        )
    )
    return Screen(
        "outlook",
        "points",
        f"Outlook: what the IOM strategies expect for {place}",
        points=points,
        sources=sources,
    )


def _sources_screen(screens: list[Screen], findings: pd.DataFrame) -> Screen:
    sources = tuple(dict.fromkeys(s for screen in screens for s in screen.sources))
    notes = tuple(f"{r['subject']}: {r['note']}" for _, r in findings.iterrows())
    return Screen(
        "sources",
        "sources",
        "Sources",
        text="Every figure in this briefing comes from these documents and datasets.",
        points=sources,
        notes=notes,
    )


def _country_screens(data: BriefingData, generated: str) -> list[Screen]:
    country = data.profile.iloc[0]
    name, iso3 = str(country["name"]), data.scope.country
    profile_source = profile.document_source(
        country["document"], country["file"], country["source_section"]
    )
    rank = funding_rank(data)
    offices = data.offices
    own = offices[offices["iso3"] == iso3]
    if len(own):
        office_detail = (
            f"{profile.plural(int(country['country_offices']), 'country office')}, "
            f"{profile.plural(int(country['sub_offices']), 'sub-office')} (May 2020)"
        )
        map_title = (
            f"{len(own)} IOM offices in {name}" if len(own) > 1 else f"One IOM office in {name}"
        )
    else:
        office_detail = "No IOM office; covered by the Regional Office in Vienna"
        map_title = f"No IOM office in {name}: the Regional Office in Vienna covers it"
    screens = [
        Screen(
            "title",
            "title",
            f"{name}: IOM migration briefing",
            text=f"{country['subregion']} · capital {country['capital']} · IOM region {config.REGION_SHORT} "
            "(Regional Office Vienna)",
            points=(
                f"Prepared {generated} from the SEEECA Migration Outlook.",
                f"Indicator years {data.scope.years[0]}-{data.scope.years[1]}.",
            ),
            sources=(profile_source,),
        ),
        Screen(
            "kpis",
            "kpis",
            f"{name} at a glance",
            kpis=(
                Kpi(
                    "IOM offices and sub-offices",
                    f"{int(country['office_count'])}",
                    office_detail,
                    profile_source,
                ),
                Kpi("Funding requirement 2016", rank.display, rank.rank_text, rank.source),
                *_indicator_kpis(
                    data,
                    (
                        "undesa2020.migrant_stock",
                        "undesa2020.emigrants",
                        "wdi.remittances_usd",
                        "unhcr.refugees_hosted",
                    ),
                ),
            ),
            sources=(profile_source, rank.source),
        ),
        Screen(
            "map",
            "map",
            map_title,
            slide_figure_builder=functools.partial(
                charts.office_map, offices, (iso3,), False, f"IOM offices, {name}", labels=True
            ),
            table=profile.office_table(offices),
            offices=offices,
            sources=(office_source(offices),),
            notes=tuple(maps.stand_in_notes(offices)),
        ),
        *_trend_screens(data, name),
    ]
    if rank.in_table:
        screens.append(
            Screen(
                "funding",
                "chart",
                rank.sentence,
                figure=charts.funding_by_area(
                    data.funding_by_area, f"Funding requirement 2016 by area, {name}"
                ),
                table=profile.funding_area_table(data.funding_by_area),
                sources=(rank.source,),
                notes=("Areas marked '-' had no requirement in the published table (not zero).",),
            )
        )
        screens.append(
            Screen(
                "funding-rank",
                "chart",
                f"{name} is {rank.rank_text}",
                figure=charts.funding_by_country(
                    data.funding_by_country, (iso3,), "Funding requirement 2016 by country, SEEECA"
                ),
                table=data.funding_by_country[["name", "usd", "rank"]].rename(
                    columns={
                        "name": "Country or territory",
                        "usd": "Requirement 2016 (USD)",
                        "rank": "Rank",
                    }
                ),
                sources=(rank.source,),
                notes=("Regional programmes are not a country and are left out of the ranking.",),
            )
        )
    else:
        screens.append(
            Screen(
                "funding",
                "points",
                rank.sentence,
                points=tuple(
                    r["note"] for _, r in data.findings.iterrows() if r["topic"] == "funding"
                ),
                sources=(rank.source,),
            )
        )
    facts = data.key_figures.head(MAX_FACTS)
    if not facts.empty:
        screens.append(
            Screen(
                "facts",
                "points",
                f"What the IOM documents say about {name}",
                points=tuple(f"“{r['quote']}” ({r['label']})" for _, r in facts.iterrows()),
                sources=tuple(
                    dict.fromkeys(
                        profile.document_source(r["document"], r["file"], r["source_section"])
                        for _, r in facts.iterrows()
                    )
                ),
            )
        )
    screens.append(_outlook_screen(data, name))
    screens.append(_sources_screen(screens, data.findings))
    return screens


def _selection_screens(data: BriefingData, generated: str) -> list[Screen]:
    scope = data.scope
    place = "the region" if scope.whole_region else scope.label
    figures = data.region_figures
    offices = data.offices[data.offices["office_type"] != "regional"]
    # Counted from the Annex 1 list, so a selection gets its own count; Table A1 prints the region's.
    offices_source = office_source(data.offices)
    countries_source = headlines.figure_source(figures.loc[headlines.FIGURE_COUNTRIES])
    funding = data.funding_by_area
    total = funding["usd"].sum(min_count=1)
    source_2016 = region_source(data)
    screens = [
        Screen(
            "title",
            "title",
            f"{config.REGION_SHORT} migration outlook",
            text=f"{config.REGION_NAME}: {scope.label}",
            points=(
                f"Prepared {generated} from the SEEECA Migration Outlook.",
                f"Indicator years {scope.years[0]}-{scope.years[1]}.",
            ),
        ),
        Screen(
            "kpis",
            "kpis",
            f"{place[0].upper()}{place[1:]} at a glance",
            kpis=(
                Kpi(
                    "Countries and territories",
                    f"{len(scope.iso3)}",
                    "covered by the Regional Office Vienna"
                    if scope.whole_region
                    else f"of the region's {figures.loc[headlines.FIGURE_COUNTRIES, 'value']:.0f}",
                    countries_source,
                ),
                Kpi(
                    "IOM offices and sub-offices",
                    f"{len(offices)}",
                    "May 2020, Regional Office not counted",
                    offices_source,
                ),
                Kpi(
                    "Funding requirement 2016",
                    format_number(total, "usd"),
                    "incl. regional programmes"
                    if scope.whole_region
                    else "selected countries only",
                    source_2016,
                ),
                *_indicator_kpis(
                    data,
                    ("undesa2020.migrant_stock", "undesa2020.emigrants", "wdi.remittances_usd"),
                ),
            ),
            sources=(countries_source, offices_source, source_2016),
        ),
        Screen(
            "map",
            "map",
            f"{len(offices)} IOM offices and sub-offices in {place}",
            slide_figure_builder=functools.partial(
                charts.office_map,
                data.offices,
                () if scope.whole_region else scope.iso3,
                scope.whole_region,
                f"IOM offices, {place}",
                labels=False,
            ),
            table=profile.office_table(data.offices),
            offices=data.offices,
            sources=(office_source(data.offices),),
            notes=tuple(maps.stand_in_notes(data.offices)),
        ),
        *_trend_screens(data, place),
        Screen(
            "funding-rank",
            "chart",
            f"{format_number(total, 'usd')} requested for {place} in 2016",
            figure=charts.funding_by_country(
                data.funding_by_country, scope.iso3, "Funding requirement 2016 by country, SEEECA"
            ),
            table=data.funding_by_country[["name", "usd", "rank"]].rename(
                columns={
                    "name": "Country or territory",
                    "usd": "Requirement 2016 (USD)",
                    "rank": "Rank",
                }
            ),
            sources=(source_2016,),
            notes=("Israel has no row in the 2016 SEEECA table.",),
        ),
        Screen(
            "funding",
            "chart",
            f"Funding requirement 2016 by programmatic area, {place}",
            figure=charts.funding_by_area(funding, f"Funding requirement 2016 by area, {place}"),
            table=profile.funding_area_table(funding),
            sources=(source_2016,),
            notes=("Areas marked '-' had no requirement in the published table (not zero).",),
        ),
        _outlook_screen(data, place),
    ]
    screens.append(_sources_screen(screens, pd.DataFrame(columns=["subject", "note"])))
    return screens


def build(data: BriefingData, generated: str) -> Briefing:
    """The briefing's screens for the data's scope; `generated` is the date printed on the title."""
    scope = data.scope
    screens = (
        _country_screens(data, generated) if scope.country else _selection_screens(data, generated)
    )
    title = screens[0].title
    return Briefing(scope, title, screens[0].text, tuple(screens), data)

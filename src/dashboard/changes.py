"""What changed in the latest year: one sentence per headline concept, and the notable
year-on-year movements across countries and indicators. Pure: no streamlit.

**Latest year** (one sentence per headline concept, from the headline rule's figures, see
docs/HEADLINES.md): the latest year with a complete figure up to the chosen year, its value, and
the change on the year before and on five years before, each compared only when both years come
from the same indicator (an edition change is not a movement), over the same number of countries,
and with no declared series break between them.

**Notable changes** (per country and headline indicator, in the indicator's latest year):

1. the change on the year before must be at least MIN_CHANGE in the indicator's unit (5,000
   persons, US$ 50 million, 1 percentage point), so that a small base cannot dominate with a
   large percentage;
2. its size is measured against the series' own usual yearly movement: the median absolute
   year-on-year change over up to the ten years before (at least MIN_HISTORY changes, none across
   a series break); the score is |change| / max(usual movement, MIN_CHANGE);
3. it is notable when the score is at least SCORE_THRESHOLD (three times the usual movement);
   the largest scores come first, TOP of them at most;
4. a change in a year with a declared series break (dim_series_break) is never scored: it is
   listed apart as a break.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard.i18n import N_, NBSP, _, d_, language, ngettext
from dashboard.i18n.names import place_name

# The order of the "Latest year" sentences: people and flows first, then displacement.
CONCEPT_ORDER = (
    "migrant_stock",
    "emigrants",
    "net_migration",
    "remittances_usd",
    "remittances_gdp",
    "refugees_hosted",
    "refugees_originating",
    "asylum_seekers_hosted",
    "idps_unhcr",
    "idps_conflict",
    "migrant_share",
    "population",
)
# A concept whose latest figure is older than this many years before the chosen year is not
# written as a "latest year" sentence (stale_concepts names it instead).
STALE_YEARS = 10
MIN_HISTORY = 5
HISTORY_YEARS = 10
SCORE_THRESHOLD = 3.0
TOP = 8
# Concepts counted by origin: a sentence says where the people come from, not where they are
# ("Emigrants from Ukraine living abroad", not "Emigrants living abroad in Ukraine").
ORIGIN_CONCEPTS = frozenset({"emigrants", "refugees_originating"})
# Concepts that count people: "numbered", not "was", when there is no change to state.
PEOPLE_CONCEPTS = ORIGIN_CONCEPTS | {
    "refugees_hosted",
    "asylum_seekers_hosted",
    "idps_unhcr",
    "idps_conflict",
    "other_protection_hosted",
}
# Measures that only look alike are separate concepts (docs/HEADLINES.md), yet a source may give
# the other's figure for some places: UNHCR's IDPs of concern in Ukraine equal IDMC's conflict
# stock in every year since 2020. Two equal lines would read as one number shown twice.
LOOK_ALIKE = (
    (
        "idps_unhcr",
        "idps_conflict",
        N_(
            "here UNHCR reports the count IDMC estimates. It is one count of the same displaced "
            "people, not two groups to add up; the two are kept apart because elsewhere they "
            "differ (UNHCR counts the internally displaced it protects or assists, IDMC everyone "
            "displaced by conflict and violence)."
        ),
    ),
)
# Within this share of each other, two figures are "the same" to the precision sentences show.
SAME_FIGURE_TOLERANCE = 0.005
# Names read with an article in a sentence ("in the Republic of Moldova").
WITH_ARTICLE = frozenset({"Republic of Moldova", "Russian Federation"})
# How a sentence names the people counted by origin, from the place they come from.
ORIGIN_SUBJECTS = {
    "refugees_originating": N_("Refugees from {scope}"),
    "emigrants": N_("Emigrants from {scope} living abroad"),
}
# A Latest year sentence by the movement on the year before (whole sentences: word order and
# agreement differ between languages).
STATEMENTS = {
    "rose": N_("{subject} rose to {amount} in {year}"),
    "fell": N_("{subject} fell to {amount} in {year}"),
    "stayed": N_("{subject} stayed at {amount} in {year}"),
    "was": N_("{subject} was {amount} in {year}"),
    "numbered": N_("{subject} numbered {amount} in {year}"),
}


def decimal(value: float, digits: int) -> str:
    """A number with exactly `digits` decimals in the language's way: 1,234.50 ("1 234,50")."""
    text = f"{value:,.{digits}f}"
    return text if language() == "en" else text.replace(",", NBSP).replace(".", ",")


def minimum_change(unit: str) -> float:
    """The smallest change worth reporting, in the indicator's unit."""
    lowered = unit.lower()
    if lowered.startswith("percent"):
        return 1.0
    if "us$ million" in lowered:
        return 50.0
    if "us$" in lowered:
        return 50e6
    return 5_000.0


def place(name: str) -> str:
    """A country name as it reads after 'in': 'the Republic of Moldova', 'Ukraine' (an English
    article: other languages' names never match)."""
    return f"the {name}" if name in WITH_ARTICLE else name


def scope_name(
    iso3: Sequence[str], whole_region: bool, subregions: Sequence[str], names: Mapping[str, str]
) -> str:
    """How a sentence names the selection: a country, a subregion, the region, or a count."""
    if whole_region:
        return _("the region")
    if len(iso3) == 1:
        return place(place_name(names.get(iso3[0], iso3[0])))
    if subregions and len(subregions) == 1:
        return d_(subregions[0])
    return ngettext("the {n} selected country", "the {n} selected countries", len(iso3)).format(
        n=len(iso3)
    )


def format_amount(value: float, unit: str) -> str:
    """A value as a sentence writes it: exact below a million, then in millions or billions."""
    lowered = unit.lower()
    if lowered.startswith("percent"):
        return _("{value}%").format(value=decimal(value, 1))
    if "us$ million" in lowered:
        value, lowered = value * 1e6, "us$"
    if "us$" in lowered:
        if abs(value) >= 1e9:
            return _("US$ {value} billion").format(value=decimal(value / 1e9, 2))
        return _("US$ {value} million").format(value=decimal(value / 1e6, 0))
    if abs(value) >= 1e6:
        return _("{value} million").format(value=decimal(value / 1e6, 2))
    return decimal(value, 0)


def format_change(before: float, after: float, unit: str) -> str:
    """'+10%' (counts), '+1.2 percentage points' (shares), or the signed amount where a
    percentage would mislead (a value at or below zero, as net migration can be)."""
    delta = after - before
    sign = "+" if delta >= 0 else "-"
    if unit.lower().startswith("percent"):
        return _("{change} percentage points").format(change=sign + decimal(abs(delta), 1))
    if before <= 0 or after < 0:
        return f"{sign}{format_amount(abs(delta), unit)}"
    percent = delta / before * 100
    sign = "+" if percent >= 0 else "-"
    return _("{value}%").format(value=sign + decimal(abs(percent), 1 if abs(percent) < 10 else 0))


def compared_with(before: float, after: float, unit: str, year: int) -> str:
    """'+10% on 2024'; from a base a tenth of the figure or less, the ratio instead of a
    percentage nobody can read ('369 times the 2020 figure of 405')."""
    if not unit.lower().startswith("percent") and 0 < before * 10 <= after:
        return _("{ratio} times the {year} figure of {amount}").format(
            ratio=decimal(after / before, 0), year=year, amount=format_amount(before, unit)
        )
    return _("{change} on {year}").format(change=format_change(before, after, unit), year=year)


# --- Latest year ------------------------------------------------------------------------------

# The columns of headline_figures that latest_facts reads (a test builds its figures from them).
FIGURE_COLUMNS = (
    "concept",
    "concept_name",
    "unit",
    "year",
    "value",
    "indicator_code",
    "source_title",
    "countries_reporting",
    "countries_in_scope",
    "is_complete",
)


@dataclass(frozen=True)
class LatestFact:
    concept: str
    concept_name: str
    year: int
    value: float
    unit: str
    indicator_code: str
    sentence: str
    source: str
    complete: bool


# (indicator_code, iso3, year, note) of each declared series break: a handful of rows, read
# dozens of times per selection, where filtering the frame each time cost 1.5 ms a look.
BreakRows = list[tuple[str, str, int, str]]


def _break_rows(breaks: pd.DataFrame) -> BreakRows:
    return list(
        zip(
            breaks["indicator_code"].tolist(),
            breaks["iso3"].tolist(),
            [int(year) for year in breaks["year"].tolist()],
            breaks["note"].tolist(),
            strict=True,
        )
    )


def _breaks_between(
    breaks: BreakRows, code: str, iso3: Sequence[str], first: int, last: int
) -> list[str]:
    """Notes of the breaks of `code` in the countries `iso3` in a year after `first` up to `last`."""
    return [
        note
        for break_code, country, year, note in breaks
        if break_code == code and country in iso3 and first < year <= last
    ]


def _comparison(
    rows: Mapping[int, Mapping], latest: Mapping, back: int, breaks: BreakRows, iso3
) -> str:
    """'+10% on 2024', or why that comparison is not made (no figure, another edition, other
    countries, a series break). The longer comparison (back > 1) takes, where the source has no
    figure exactly `back` years before, the nearest later one at least two years before (a
    source published every four or five years: 2024 on 2020)."""
    year = int(latest["year"]) - back
    if back > 1 and year not in rows:
        year = next((y for y in range(year + 1, int(latest["year"]) - 1) if y in rows), year)
    before = rows.get(year)
    if before is None:
        return ""
    if before["indicator_code"] != latest["indicator_code"]:
        return _("not compared with {year}, which comes from another source or edition").format(
            year=year
        )
    if int(before["countries_reporting"]) != int(latest["countries_reporting"]):
        then = int(before["countries_reporting"])
        return ngettext(
            "not compared with {year}: {then} country reported then, {now} now",
            "not compared with {year}: {then} countries reported then, {now} now",
            then,
        ).format(year=year, then=then, now=int(latest["countries_reporting"]))
    if _breaks_between(breaks, latest["indicator_code"], iso3, year, int(latest["year"])):
        return _("not compared with {year}: the series breaks in between (see the note)").format(
            year=year
        )
    return compared_with(float(before["value"]), float(latest["value"]), latest["unit"], year)


def latest_facts(
    figures: pd.DataFrame,
    breaks: pd.DataFrame,
    iso3: Sequence[str],
    scope: str,
    year_to: int,
    order: Sequence[str] = (),
) -> list[LatestFact]:
    """One fact per concept from headline_figures rows of every year (latest_only=False): the
    latest complete year up to `year_to` (else the latest year, marked incomplete); concepts
    with nothing in the last STALE_YEARS years are left out."""
    facts = []
    break_rows = _break_rows(breaks)
    records = [
        dict(zip(FIGURE_COLUMNS, values, strict=True))
        for values in zip(*(figures[c].tolist() for c in FIGURE_COLUMNS), strict=True)
    ]
    by_concept: dict[str, dict[int, dict]] = {}
    for record in records:
        if int(record["year"]) <= year_to and record["value"] == record["value"]:
            by_concept.setdefault(record["concept"], {})[int(record["year"])] = record
    ranked = sorted(by_concept, key=lambda c: (order.index(c) if c in order else len(order), c))
    for concept in ranked:
        rows = by_concept[concept]
        complete = [year for year, row in rows.items() if row["is_complete"]]
        year = max(complete) if complete else max(rows)
        if year < year_to - STALE_YEARS:  # not a "latest year" any more: listed apart
            continue
        latest = rows[year]
        value, unit = float(latest["value"]), latest["unit"]
        previous = rows.get(year - 1)
        verb = "was"
        if (
            previous is not None
            and previous["indicator_code"] == latest["indicator_code"]
            and not _breaks_between(break_rows, latest["indicator_code"], iso3, year - 1, year)
        ):
            delta = value - float(previous["value"])
            verb = "rose" if delta > 0 else "fell" if delta < 0 else "stayed"
        parts = [
            text
            for text in (
                _comparison(rows, latest, 1, break_rows, iso3),
                _comparison(rows, latest, 5, break_rows, iso3),
            )
            if text
        ]
        if verb == "was" and concept in PEOPLE_CONCEPTS:
            verb = "numbered"
        sentence = _(STATEMENTS[verb]).format(
            subject=_subject(concept, latest["concept_name"], scope),
            amount=format_amount(value, unit),
            year=year,
        )
        if not latest["is_complete"]:
            sentence = _("{statement} ({reporting} of {in_scope} countries report)").format(
                statement=sentence,
                reporting=int(latest["countries_reporting"]),
                in_scope=int(latest["countries_in_scope"]),
            )
        if parts:
            sentence = _("{statement}, {comparisons}").format(
                statement=sentence, comparisons="; ".join(parts)
            )
        facts.append(
            LatestFact(
                concept,
                latest["concept_name"],
                year,
                value,
                unit,
                latest["indicator_code"],
                sentence,
                latest["source_title"],
                bool(latest["is_complete"]),
            )
        )
    return facts


def _subject(concept: str, name: str, scope: str) -> str:
    """The sentence's subject: the concept in the scope, or from it for a count by origin."""
    if concept in ORIGIN_SUBJECTS:
        return _(ORIGIN_SUBJECTS[concept]).format(scope=scope)
    return _("{concept} in {scope}").format(concept=d_(name), scope=scope)


def stale_concepts(
    figures: pd.DataFrame, facts: Sequence[LatestFact], year_to: int
) -> list[tuple[str, int]]:
    """(concept name, latest year) of the concepts with figures but none in the last STALE_YEARS."""
    shown = {fact.concept for fact in facts}
    kept = figures[(figures["year"] <= year_to) & figures["value"].notna()]
    latest = kept.groupby(["concept", "concept_name"], sort=True)["year"].max()
    return [
        (name, int(year))
        for (concept, name), year in latest.items()
        if concept not in shown and year < year_to - STALE_YEARS
    ]


def break_notes(
    breaks: pd.DataFrame, facts: Sequence[LatestFact], iso3: Sequence[str]
) -> list[str]:
    """The notes of the breaks within five years of each fact's year, in its indicator and scope."""
    notes: list[str] = []
    break_rows = _break_rows(breaks)
    for fact in facts:
        for note in _breaks_between(
            break_rows, fact.indicator_code, iso3, fact.year - 5, fact.year
        ):
            if note not in notes:
                notes.append(note)
    return notes


def look_alike_notes(facts: Sequence[LatestFact]) -> list[str]:
    """A note for each pair of look-alike measures (LOOK_ALIKE) that the facts give as the same
    figure in the same year: which they are, and that they are not two groups to add up."""
    by_concept = {fact.concept: fact for fact in facts}
    notes = []
    for first, second, why in LOOK_ALIKE:
        one, other = by_concept.get(first), by_concept.get(second)
        if one is None or other is None or one.year != other.year:
            continue
        if not math.isclose(one.value, other.value, rel_tol=SAME_FIGURE_TOLERANCE):
            continue
        # in another language than English the sources' titles (English, and named beside each
        # figure above) are left out, so that the note is all in that language
        template = (
            _(
                "{first} ({first_source}) and {second} ({second_source}) give the same figure "
                "for {year}, {amount}: {why}"
            )
            if language() == "en"
            else _("{first} and {second} give the same figure for {year}, {amount}: {why}")
        )
        notes.append(
            template.format(
                first=d_(one.concept_name),
                first_source=one.source,
                second=d_(other.concept_name).lower(),
                second_source=other.source,
                year=one.year,
                amount=format_amount(one.value, one.unit),
                why=_(why),
            )
        )
    return notes


# --- Notable changes ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    indicator_code: str
    indicator_name: str
    unit: str
    iso3: str
    country: str
    year: int
    before: float
    after: float
    usual: float | None  # median absolute yearly change before; None for a break
    score: float | None
    note: str = ""  # the break's note

    @property
    def headline(self) -> str:
        """The change in a line short enough for a link: 'Ukraine, net migration: -299,961 in
        2023, +5.40 million on 2022'."""
        name = d_(self.indicator_name).split(" (")[0]
        if name[1:2].islower():  # "Net migration" -> "net migration"; "IDPs ..." stays
            name = name[:1].lower() + name[1:]
        return _("{country}, {indicator}: {amount} in {year}, {comparison}").format(
            country=place_name(self.country),
            indicator=name,
            amount=format_amount(self.after, self.unit),
            year=self.year,
            comparison=compared_with(self.before, self.after, self.unit, self.year - 1),
        )

    @property
    def sentence(self) -> str:
        template = (
            _("{indicator} in {place} rose to {amount} in {year}, {comparison}")
            if self.after > self.before
            else _("{indicator} in {place} fell to {amount} in {year}, {comparison}")
        )
        text = template.format(
            indicator=d_(self.indicator_name),
            place=place(place_name(self.country)),
            amount=format_amount(self.after, self.unit),
            year=self.year,
            comparison=compared_with(self.before, self.after, self.unit, self.year - 1),
        )
        if self.usual is None:
            return text
        return _("{sentence}, against a usual yearly movement of about {usual}").format(
            sentence=text, usual=format_amount(self.usual, self.unit)
        )


@dataclass(frozen=True)
class Notable:
    changes: list[Change]  # the notable ones, largest score first
    breaks: list[Change]  # latest-year movements at a declared series break, not scored
    considered: int  # series with a latest and a previous year


def notable_changes(
    history: pd.DataFrame,
    definitions: Mapping[str, Mapping],
    breaks: pd.DataFrame,
    top: int = TOP,
) -> Notable:
    """The rule of the module docstring over indicator_history_by_country rows (indicator_code,
    iso3, country, year, value); `definitions` gives each code's name and unit."""
    break_years: dict[tuple[str, str], set[int]] = {}
    notes: dict[tuple[str, str, int], str] = {}
    for code, iso3, year, note in zip(
        breaks["indicator_code"].tolist(),
        breaks["iso3"].tolist(),
        breaks["year"].tolist(),
        breaks["note"].tolist(),
        strict=True,
    ):
        break_years.setdefault((code, iso3), set()).add(int(year))
        notes[(code, iso3, int(year))] = note
    series: dict[tuple[str, str], dict[int, float]] = {}
    countries: dict[str, str] = {}
    for code, iso3, country, year, value in zip(
        history["indicator_code"].tolist(),
        history["iso3"].tolist(),
        history["country"].tolist(),
        history["year"].tolist(),
        history["value"].tolist(),
        strict=True,
    ):
        if value == value:
            series.setdefault((code, iso3), {})[int(year)] = float(value)
            countries[iso3] = country
    latest_year: dict[str, int] = {}
    for (code, _iso3), values in series.items():
        latest_year[code] = max(latest_year.get(code, 0), max(values))
    found, flagged, considered = [], [], 0
    for (code, iso3), values in series.items():
        year = latest_year[code]
        if year not in values or year - 1 not in values:
            continue
        considered += 1
        definition = definitions[code]
        unit, name = definition["unit"], definition["name"]
        before, after = values[year - 1], values[year]
        broken = break_years.get((code, iso3), set())
        if year in broken:
            flagged.append(
                Change(
                    code,
                    name,
                    unit,
                    iso3,
                    countries[iso3],
                    year,
                    before,
                    after,
                    None,
                    None,
                    notes[(code, iso3, year)],
                )
            )
            continue
        delta = abs(after - before)
        floor = minimum_change(unit)
        if delta < floor:
            continue
        past = [
            abs(values[y] - values[y - 1])
            for y in range(year - HISTORY_YEARS, year)
            if y in values and y - 1 in values and y not in broken
        ]
        if len(past) < MIN_HISTORY:
            continue
        usual = float(pd.Series(past).median())
        score = delta / max(usual, floor)
        if score >= SCORE_THRESHOLD and math.isfinite(score):
            found.append(
                Change(code, name, unit, iso3, countries[iso3], year, before, after, usual, score)
            )
    found.sort(key=lambda change: -change.score)
    return Notable(found[:top], flagged, considered)

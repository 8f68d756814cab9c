"""A country's story, chosen by the data: where it stands in the region and what changed. Pure.

For each indicator of STORY_INDICATORS the country's latest value is ranked among the region's
countries with a value in that year, as it is and per inhabitant where the indicator is a count.
The profile and the deck open with the indicators where the country ranks highest (the rule is
`choose_standouts`), each with a one-line reason. The same module words headline sentences (the
year always stated, no ratio from a near-zero base, the change period named), scopes notes to the
countries a slide is about, and explains series breaks that move a total.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard.changes import decimal, place
from dashboard.content import country as profile
from dashboard.i18n import N_, _, d_, language
from dashboard.i18n.names import place_name
from dashboard.style import format_number

POPULATION_CODE = "wdi.population"


@dataclass(frozen=True)
class Concept:
    """A headline concept (docs/HEADLINES.md) a country can stand out on, in a sentence's words."""

    concept: str
    label: str  # "refugees from the country": reads after "ranks 1st of 19 for" (N_: translate)
    card: str  # the card's label, capitalised (N_: translate where shown)


# Candidates for a country's story, in the order ties are broken. Each is a headline concept, so
# the figure is the one the headline rule picks (the same on every page and in every export).
# Remittances in US$ are ranked per inhabitant too: the flow's size relative to the country.
STORY_INDICATORS = (
    Concept(
        "refugees_originating", N_("refugees from the country"), N_("Refugees from the country")
    ),
    Concept(
        "idps_unhcr", N_("internally displaced people (IDPs)"), N_("Internally displaced (IDPs)")
    ),
    Concept("refugees_hosted", N_("refugees hosted"), N_("Refugees hosted")),
    Concept("remittances_gdp", N_("remittances as % of GDP"), N_("Remittances, % of GDP")),
    Concept("emigrants", N_("emigrants living abroad"), N_("Emigrants living abroad")),
    Concept("migrant_stock", N_("international migrants living there"), N_("Immigrants")),
    Concept("remittances_usd", N_("remittances received"), N_("Remittances received")),
)
STORY_CONCEPTS = tuple(concept.concept for concept in STORY_INDICATORS)
CONCEPTS = {concept.concept: concept for concept in STORY_INDICATORS}

# The rule: the MIN_STANDOUTS best-ranked indicators, and up to MAX_STANDOUTS while a rank is at
# most EXTRA_IF_RANK. Only current values count (the concept's latest year in the region) and
# only values above zero (a country does not stand out for having none).
MIN_STANDOUTS, MAX_STANDOUTS, EXTRA_IF_RANK = 3, 4, 3


@dataclass(frozen=True)
class Standing:
    """Where a country stands in the region on one concept (a row of headline_ranks_in_region)."""

    concept_id: str
    code: str  # the indicator the headline rule took the figure from
    iso3: str
    year: int
    value: float
    unit: str
    rank: int
    countries_ranked: int
    per_inhabitant: float | None
    rank_per_inhabitant: int | None
    countries_ranked_per_inhabitant: int
    first_year: int
    first_value: float
    latest_year_in_region: int
    source: str  # short title and licence of the figure's source

    @property
    def concept(self) -> Concept:
        return CONCEPTS[self.concept_id]

    @property
    def by_inhabitant(self) -> bool:
        """Whether the country ranks higher per inhabitant than in absolute terms."""
        return self.rank_per_inhabitant is not None and self.rank_per_inhabitant < self.rank

    @property
    def best_rank(self) -> int:
        return self.rank_per_inhabitant if self.by_inhabitant else self.rank

    @property
    def best_of(self) -> int:
        return self.countries_ranked_per_inhabitant if self.by_inhabitant else self.countries_ranked

    @property
    def current(self) -> bool:
        return self.year == self.latest_year_in_region and self.value > 0

    @property
    def display(self) -> str:
        return format_number(self.value, profile.display_unit(self.unit))

    @property
    def per_inhabitant_display(self) -> str:
        if self.per_inhabitant is None:
            return ""
        if profile.display_unit(self.unit) == "usd":
            return _("USD {value} per inhabitant").format(value=decimal(self.per_inhabitant, 0))
        return _("{value} per 1,000 inhabitants").format(
            value=decimal(self.per_inhabitant * 1000, 1)
        )

    def reason(self, name: str) -> str:
        """'Ukraine ranks 1st of 19 in the region for refugees from the country (5.2 million in
        2025)': the one line that says why this indicator leads the country's story.

        {rank} is the English ordinal ("1st"); other languages get the number and inflect
        around it ("1-е место")."""
        template = (
            _(
                "{name} ranks {rank} of {count} in the region for {indicator} per inhabitant "
                "({per_inhabitant}, {value} in {year})"
            )
            if self.by_inhabitant
            else _(
                "{name} ranks {rank} of {count} in the region for {indicator} ({value} in {year})"
            )
        )
        return template.format(
            name=name,
            rank=profile.ordinal(self.best_rank) if language() == "en" else self.best_rank,
            count=self.best_of,
            indicator=_(self.concept.label),
            per_inhabitant=self.per_inhabitant_display,
            value=self.display,
            year=self.year,
        )

    def change(self) -> str | None:
        """The change since the first year of the same source in the years, period stated (None
        if the source gives one year only). It ends the sentences that use it, which put the
        full stop: one that closes an abbreviation ("в 2025 г.") is left to them."""
        if self.first_year >= self.year:
            return None
        text = profile.change_text(
            self.first_value, self.first_year, self.value, self.year, self.unit
        )
        return text.removesuffix(".")


def _optional(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def standings(ranks: pd.DataFrame, iso3: str) -> list[Standing]:
    """The country's rows of headline_ranks_in_region as Standings, in STORY_INDICATORS order."""
    columns = list(ranks.columns)
    rows = [
        dict(zip(columns, values, strict=True))
        for values in zip(*(ranks[c].tolist() for c in columns), strict=True)
    ]
    mine = {row["concept"]: row for row in rows if row["iso3"] == iso3}
    result = []
    for concept in STORY_CONCEPTS:
        row = mine.get(concept)
        if row is None:
            continue
        per = _optional(row["value_per_inhabitant"])
        per_rank = _optional(row["rank_per_inhabitant"])
        result.append(
            Standing(
                concept_id=concept,
                code=str(row["indicator_code"]),
                iso3=iso3,
                year=int(row["year"]),
                value=float(row["value"]),
                unit=str(row["unit"]),
                rank=int(row["rank"]),
                countries_ranked=int(row["countries_ranked"]),
                per_inhabitant=per,
                rank_per_inhabitant=None if per_rank is None else int(per_rank),
                countries_ranked_per_inhabitant=int(row["countries_ranked_per_inhabitant"]),
                first_year=int(row["first_year"]),
                first_value=float(row["first_value"]),
                latest_year_in_region=int(row["latest_year_in_region"]),
                source=f"{row['source_title']}, {row['source_licence']}",
            )
        )
    return result


def choose_standouts(
    candidates: Iterable[Standing],
    theme_families: Sequence[str] = (),
    family_of: Mapping[str, str] | None = None,
) -> list[Standing]:
    """The indicators a country's story opens with: current, above zero, best rank first (per
    inhabitant where that ranks higher); ties go to the rank among more countries, then to the
    order of STORY_INDICATORS. MIN_STANDOUTS of them, a further one while its rank is at most
    EXTRA_IF_RANK, never more than MAX_STANDOUTS.

    With a theme (its indicator families, from the theme crosswalk) the same rule works among the
    indicators of those families; when none of them is current, among all."""
    order = {concept: position for position, concept in enumerate(STORY_CONCEPTS)}
    current = [s for s in candidates if s.current]
    if theme_families:
        families = set(theme_families)
        in_theme = [s for s in current if (family_of or {}).get(s.code) in families]
        current = in_theme or current
    ranked = sorted(
        current,
        key=lambda s: (s.best_rank, -s.best_of, order[s.concept_id]),
    )
    chosen = ranked[:MIN_STANDOUTS]
    for standing in ranked[MIN_STANDOUTS:MAX_STANDOUTS]:
        if standing.best_rank <= EXTRA_IF_RANK:
            chosen.append(standing)
    return chosen


# --- notes scoped to what a slide is about ----------------------------------------------------

# A full stop after a word or a closing bracket ends a sentence; after an initial ("G. Abel") not.
_SENTENCE_END = re.compile(r"(?<=[a-zа-яё0-9)%»][.!?])\s+(?=[A-ZА-ЯЁ«])")


def sentences(text: str) -> list[str]:
    """The sentences of a note (English or Russian)."""
    return _SENTENCE_END.split(text.strip())


def scoped_notes(
    text: str | None, in_scope: Iterable[str], region_names: Iterable[str]
) -> list[str]:
    """The sentences of a caveat that concern the scope: a sentence naming region countries, none
    of them in scope, is about another country and left out (Moldova's refugee slide carries no
    note on the Russian Federation's reporting).

    The choice is made on the English caveat with the English names; in another language the
    same sentences of the caveat's translation (d_) are kept, and all of them when the
    translation does not have as many sentences as the English."""
    if not text:
        return []
    # Display names carry markers ("Kosovo*"); the caveats name countries plainly.
    wanted = {n.rstrip("*") for n in in_scope}
    others = [n.rstrip("*") for n in region_names if n.rstrip("*") not in wanted]
    english = sentences(text)
    keep = []
    for sentence in english:
        named = [n for n in [*wanted, *others] if n in sentence]
        keep.append(not named or any(n in wanted for n in named))
    shown = sentences(d_(text))
    if len(shown) != len(english):
        return shown
    return [sentence for sentence, kept in zip(shown, keep, strict=True) if kept]


_FILE_NAME = re.compile(r"\b[\w-]+\.(txt|csv|duckdb|xlsx?|rda|json)\b")


def without_file_names(text: str) -> str:
    """The sentences of a note that a reader needs: those naming a source file are technical
    detail, kept on the Data and sources page, not on a slide."""
    return " ".join(s for s in sentences(text) if not _FILE_NAME.search(s))


# --- series breaks that move a total ----------------------------------------------------------


def break_notes(
    code: str,
    iso3: Iterable[str],
    moving: pd.DataFrame,
    name_of: Mapping[str, str],
    years: tuple[int, int],
) -> list[str]:
    """Notes for the series breaks, caused by another country's reporting change, that move the
    total of `code` over the countries `iso3` (UNHCR's 2024 figures for the Russian Federation
    move Ukraine's refugees); the breaks are declared once, in data/sources/series_breaks.csv.

    moving: rows of the query series_breaks_moving_totals (the cause's figure before and after);
    a break is explained when both figures fall within `years`."""
    scope = set(iso3)
    rows = [
        dict(zip(moving.columns, values, strict=True))
        for values in zip(*(moving[c].tolist() for c in moving.columns), strict=True)
    ]
    causes: dict[tuple[str, str, int], list[dict]] = {}
    for row in rows:
        causes.setdefault(
            (row["cause_indicator_code"], row["cause_iso3"], int(row["year"])), []
        ).append(row)
    notes = []
    for (_code, reporter, year), moved in causes.items():
        # The reporter's own series carries the break in its caveat; this note is for the totals
        # the break moves elsewhere.
        if not any(r["indicator_code"] == code and r["iso3"] in scope for r in moved):
            continue
        before, after = (
            _optional(moved[0]["cause_value_before"]),
            _optional(moved[0]["cause_value_after"]),
        )
        if before is None or after is None or year - 1 < years[0] or year > years[1]:
            continue
        notes.append(
            _(
                "Series break in {year}: refugees hosted by {reporter} fall from {before} in "
                "{previous} to {after} in {year}, a change in what UNHCR reports for {reporter}, "
                "not a return or an outflow. Totals that include them move with it (refugees "
                "from {countries})."
            ).format(
                year=year,
                previous=year - 1,
                reporter=place(place_name(name_of[reporter])),
                before=format_number(before),
                after=format_number(after),
                countries=", ".join(place_name(name_of[r["iso3"]]) for r in moved),
            )
        )
    return notes

"""The global filters as one typed value (the link's values are read by dashboard.url_params).

Pure: no streamlit. The sidebar (app.py) turns widget values into `Filters`; query functions take
the resolved ISO3 tuple and years as bound parameters.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from dashboard.i18n import _, d_, ngettext


@dataclass(frozen=True)
class FilterOptions:
    """What the filters may hold, read from the warehouse."""

    subregions: tuple[str, ...]
    countries: Mapping[str, str]  # iso3 -> name, in display order
    country_subregion: Mapping[str, str]  # iso3 -> subregion
    themes: Mapping[str, str]  # strategy element id -> label, in hierarchy order
    year_min: int
    year_max: int


@dataclass(frozen=True)
class Filters:
    """The view a manager has chosen; hashable so it can key caches."""

    years: tuple[int, int]  # always from the warehouse's span (make_filters), never a literal
    subregions: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    theme: str | None = None
    selected_iso3: tuple[str, ...] = field(default=())

    @property
    def year_from(self) -> int:
        return self.years[0]

    @property
    def year_to(self) -> int:
        return self.years[1]

    @property
    def is_whole_region(self) -> bool:
        return not self.subregions and not self.countries

    def place(self, options: FilterOptions) -> str:
        """The selected countries in a few words (no years), for a view that shows one year."""
        if self.countries:
            names = [options.countries.get(code, code) for code in self.countries]
            if len(names) <= 4:
                return ", ".join(names)
            return ngettext(
                "{count} countries/territories", "{count} countries/territories", len(names)
            ).format(count=len(names))
        if self.subregions:
            return ", ".join(d_(subregion) for subregion in self.subregions)
        count = len(options.countries)
        return ngettext(
            "the whole region ({count} countries and territories)",
            "the whole region ({count} countries and territories)",
            count,
        ).format(count=count)

    def describe(self, options: FilterOptions) -> str:
        """A one-line description of the selection, for captions and exports."""
        place = self.place(options)
        if self.theme in options.themes:
            return _("{place}; {first}-{last}; theme: {theme}").format(
                place=place,
                first=self.year_from,
                last=self.year_to,
                theme=options.themes[self.theme].strip(),
            )
        return f"{place}; {self.year_from}-{self.year_to}"


def resolve_iso3(
    subregions: Sequence[str], countries: Sequence[str], options: FilterOptions
) -> tuple[str, ...]:
    """The countries a selection covers: chosen countries, else the subregions' members, else all."""
    if countries:
        return tuple(code for code in options.countries if code in set(countries))
    if subregions:
        chosen = set(subregions)
        return tuple(
            code for code in options.countries if options.country_subregion.get(code) in chosen
        )
    return tuple(options.countries)


def make_filters(
    subregions: Sequence[str],
    countries: Sequence[str],
    theme: str | None,
    years: tuple[int, int],
    options: FilterOptions,
) -> Filters:
    """Filters from widget values, keeping only known values (whitelisting every identifier)."""
    subregions = tuple(s for s in subregions if s in options.subregions)
    countries = tuple(c for c in countries if c in options.countries)
    theme = theme if theme in options.themes else None
    low, high = sorted(int(y) for y in years)
    low, high = max(low, options.year_min), min(high, options.year_max)
    if low > high:
        low, high = options.year_min, options.year_max
    return Filters(
        subregions=subregions,
        countries=countries,
        theme=theme,
        years=(low, high),
        selected_iso3=resolve_iso3(subregions, countries, options),
    )

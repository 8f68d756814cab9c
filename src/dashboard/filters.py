"""The global filters as one typed value, and the checks applied to values arriving in the URL.

Pure: no streamlit. The sidebar (app.py) turns widget values into `Filters`; query functions take
the resolved ISO3 tuple and years as bound parameters.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from dashboard.inert import quoted as _shown

MAX_PARAM_LENGTH = 64
MAX_VALUES = 40
# Filter keys as they appear in the URL query string.
PARAM_SUBREGION = "subregion"
PARAM_COUNTRY = "country"
PARAM_THEME = "theme"
PARAM_YEARS = "years"
FILTER_PARAMS = (PARAM_SUBREGION, PARAM_COUNTRY, PARAM_THEME, PARAM_YEARS)


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

    subregions: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    theme: str | None = None
    years: tuple[int, int] = (2000, 2025)
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

    def describe(self, options: FilterOptions) -> str:
        """A one-line description of the selection, for captions and exports."""
        if self.countries:
            names = [options.countries.get(code, code) for code in self.countries]
            place = ", ".join(names) if len(names) <= 4 else f"{len(names)} countries/territories"
        elif self.subregions:
            place = ", ".join(self.subregions)
        else:
            place = "the whole region (20 countries and territories)"
        theme = f"; theme: {options.themes[self.theme].strip()}" if self.theme in options.themes else ""
        return f"{place}; {self.year_from}-{self.year_to}{theme}"


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


def parse_number(value: str, digits: int) -> int | None:
    """A whole number of 1 to `digits` ASCII digits, or None: str.isdigit() and int() also take
    superscripts and other scripts' digits ("\u00b2", "\u0662"), which a link must not smuggle in."""
    if 1 <= len(value) <= digits and value.isascii() and value.isdigit():
        return int(value)
    return None


def parse_year(value: str) -> int | None:
    """A four-digit ASCII year, or None."""
    return parse_number(value, 4) if len(value) == 4 else None


_SUSPICIOUS = re.compile(r"[;'\"\\<>]|--|/\*|\b(select|drop|union|insert|delete)\b", re.I)


def url_warnings(params: Mapping[str, Sequence[str]], options: FilterOptions) -> list[str]:
    """Plain-language warnings for filter values in the URL that will be ignored."""
    warnings: list[str] = []
    allowed = {
        PARAM_SUBREGION: set(options.subregions),
        PARAM_COUNTRY: set(options.countries),
        PARAM_THEME: set(options.themes),
    }
    for key, values in params.items():
        if key not in FILTER_PARAMS:
            continue
        if len(values) > MAX_VALUES:
            warnings.append(
                f"The link gives {len(values)} values for '{key}'; extra values are ignored."
            )
        for value in list(values)[:MAX_VALUES]:
            if value == "":
                continue
            too_long = len(value) > MAX_PARAM_LENGTH
            suspicious = bool(_SUSPICIOUS.search(value))
            if key == PARAM_YEARS:
                if parse_year(value) is None:
                    warnings.append(f"Ignored year {_shown(value)} from the link: not a year.")
                elif not options.year_min <= int(value) <= options.year_max:
                    warnings.append(
                        f"Ignored year {value} from the link: data cover "
                        f"{options.year_min}-{options.year_max}."
                    )
                continue
            if value not in allowed[key]:
                reason = (
                    "not a valid value"
                    if too_long or suspicious
                    else {
                        PARAM_COUNTRY: "unknown country code (use ISO3 codes such as ALB or XKX)",
                        PARAM_SUBREGION: "unknown subregion",
                        PARAM_THEME: "unknown thematic area or strategic priority",
                    }[key]
                )
                warnings.append(f"Ignored {key} {_shown(value)} from the link: {reason}.")
    themes = [
        value
        for value in list(params.get(PARAM_THEME, ()))[:MAX_VALUES]
        if value in allowed[PARAM_THEME]
    ]
    for extra in dict.fromkeys(themes[1:]):
        if extra != themes[0]:
            warnings.append(
                f"Ignored theme {_shown(extra)} from the link: one theme at a time, "
                f"{_shown(themes[0])} is shown."
            )
    return warnings

"""The typed filters and the checks on values arriving through the URL (pure functions)."""

from __future__ import annotations

from dashboard.filters import FilterOptions, make_filters, resolve_iso3
from dashboard.url_params import BY_NAME, FILTER_PARAMS

OPTIONS = FilterOptions(
    subregions=("Western Balkans", "Central Asia", "Turkey"),
    countries={
        "ALB": "Albania",
        "XKX": "Kosovo",
        "KAZ": "Kazakhstan",
        "TJK": "Tajikistan",
        "TUR": "Turkey",
    },
    country_subregion={
        "ALB": "Western Balkans",
        "XKX": "Western Balkans",
        "KAZ": "Central Asia",
        "TJK": "Central Asia",
        "TUR": "Turkey",
    },
    themes={"s2020.pillar.resilience": "Pillar: Resilience", "s2020.sp1": "Priority: one"},
    year_min=1990,
    year_max=2025,
)


def test_no_selection_is_the_whole_region():
    chosen = make_filters([], [], None, (2000, 2025), OPTIONS)
    assert chosen.is_whole_region
    assert chosen.selected_iso3 == ("ALB", "XKX", "KAZ", "TJK", "TUR")


def test_subregion_resolves_to_its_members():
    assert resolve_iso3(["Central Asia"], [], OPTIONS) == ("KAZ", "TJK")


def test_countries_win_over_subregions():
    assert resolve_iso3(["Central Asia"], ["XKX"], OPTIONS) == ("XKX",)


def test_unknown_values_are_dropped_not_passed_on():
    chosen = make_filters(
        ["Atlantis"], ["ZZZ", "ALB"], "'; drop table x; --", (1800, 3000), OPTIONS
    )
    assert chosen.subregions == ()
    assert chosen.countries == ("ALB",)
    assert chosen.theme is None
    assert chosen.years == (1990, 2025)


def test_filters_are_hashable_cache_keys():
    a = make_filters([], ["ALB"], None, (2000, 2020), OPTIONS)
    b = make_filters([], ["ALB"], None, (2000, 2020), OPTIONS)
    assert hash(a) == hash(b) and a == b


def link_warnings(params: dict[str, list[str]]) -> list[str]:
    """The sidebar's warnings for a link, as dashboard.url_params reads it."""
    choices = {
        "subregion": OPTIONS.subregions,
        "country": OPTIONS.countries,
        "theme": OPTIONS.themes,
        "years": range(OPTIONS.year_min, OPTIONS.year_max + 1),
    }
    return [
        message
        for name, values in params.items()
        if name in FILTER_PARAMS
        for message in BY_NAME[name].resolve(values, choices[name]).messages
    ]


def test_tampered_url_values_produce_warnings():
    warnings = link_warnings(
        {
            "country": ["ALB", "ZZZ", "x" * 10_000, "ALB' OR 1=1 --"],
            "subregion": ["Narnia"],
            "theme": ["s2020.sp99"],
            "years": ["1800", "abc", "2020"],
            "unrelated": ["whatever"],
        }
    )
    assert warnings == [
        "Ignored country 'ZZZ' from the link: unknown country code (use ISO3 codes such as ALB "
        "or XKX).",
        f"Ignored country {'x' * 40!r}... (10,000 characters) from the link: not a valid value.",
        'Ignored country "ALB\' OR 1=1 --" from the link: not a valid value.',
        "Ignored subregion 'Narnia' from the link: unknown subregion.",
        "Ignored theme 's2020.sp99' from the link: unknown thematic area or strategic priority.",
        "Ignored year '1800' from the link: available: 1990 to 2025.",
        "Ignored year 'abc' from the link: available: 1990 to 2025.",
    ]


def test_valid_url_values_produce_no_warning():
    assert link_warnings({"country": ["ALB", "XKX"], "years": ["2000", "2020"]}) == []


def test_unicode_digits_are_not_years():
    warnings = link_warnings({"years": ["\u00b2\u2070\u00b2\u2070", "\u0662\u0660\u0662\u0660"]})
    assert len(warnings) == 2 and all(w.startswith("Ignored year") for w in warnings)


def test_a_second_theme_is_reported_not_dropped_silently():
    warnings = link_warnings({"theme": ["s2020.sp1", "s2020.pillar.resilience", "s2020.sp1"]})
    assert warnings == [
        "Ignored theme 's2020.pillar.resilience' from the link: one theme at a time, "
        "'s2020.sp1' is shown."
    ]


def test_too_many_values_are_reported():
    warnings = link_warnings({"country": ["ALB"] * 50})
    assert warnings == [
        "The link gives 50 values for 'country'; extra values are ignored (at most 40)."
    ]

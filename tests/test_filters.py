"""The typed filters and the checks on values arriving through the URL (pure functions)."""

from __future__ import annotations

from dashboard.filters import FilterOptions, make_filters, resolve_iso3, url_warnings

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


def test_tampered_url_values_produce_warnings():
    warnings = url_warnings(
        {
            "country": ["ALB", "ZZZ", "x" * 10_000, "ALB' OR 1=1 --"],
            "subregion": ["Narnia"],
            "theme": ["s2020.sp99"],
            "years": ["1800", "abc", "2020"],
            "unrelated": ["whatever"],
        },
        OPTIONS,
    )
    text = " ".join(warnings)
    assert "'ZZZ'" in text and "unknown country code" in text
    assert "10,000 characters" in text  # long values are shown shortened, not echoed in full
    assert "not a valid value" in text
    assert "Narnia" in text and "s2020.sp99" in text
    assert "Ignored year 1800" in text and "'abc'" in text
    assert not [w for w in warnings if w.startswith("Ignored year 2020")], "2020 is a valid year"
    assert len(warnings) == 7


def test_valid_url_values_produce_no_warning():
    assert url_warnings({"country": ["ALB", "XKX"], "years": ["2000", "2020"]}, OPTIONS) == []


def test_unicode_digits_are_not_years():
    warnings = url_warnings(
        {"years": ["\u00b2\u2070\u00b2\u2070", "\u0662\u0660\u0662\u0660"]}, OPTIONS
    )
    assert len(warnings) == 2 and all("not a year" in w for w in warnings)

"""A value from the link is shown as inert text on every page that repeats it, a number in a link
is read from ASCII digits only, and every value the app drops is reported and leaves the link."""

from __future__ import annotations

import pytest

from tests.apptest_helpers import open_page, url_values
from tests.test_inert import live_constructs

HOSTILE = "![x](http://evil.example/x.png) [Sign in](http://evil.example/) **b** :red[r] $x$"


def shown_texts(at) -> list[str]:
    """Every markdown text on screen that repeats the hostile value."""
    elements = [*at.warning, *at.caption, *at.markdown, *at.info, *at.error, *at.toast]
    return [e.value for e in elements if "evil" in e.value]


@pytest.mark.parametrize(
    ("page", "param"),
    [
        (None, "country"),
        (None, "theme"),
        (None, "subregion"),
        (None, "years"),
        ("pages/trends.py", "trend_indicator"),
        ("pages/outlook.py", "outlook_strategy"),
        ("pages/strategy.py", "node"),
        ("pages/funding.py", "region"),
        ("pages/data_sources.py", "dq_topic"),
        ("pages/map.py", "indicator"),
        ("pages/briefing.py", "slide"),
        ("pages/country.py", "iso3"),
    ],
)
def test_a_hostile_value_is_shown_as_inert_text(warehouse_path, page, param):
    at = open_page(page, {param: [HOSTILE]}, timeout=120, fail_on_error=True)
    shown = shown_texts(at)
    assert shown, f"the ignored {param} is named in a warning"
    for text in shown:
        assert live_constructs(text) == [], text
        assert "http\u2060" in text, "the autolink is broken"


def test_the_glossary_search_caption_is_inert(warehouse_path):
    at = open_page("pages/glossary.py", {"q": ["**bold** :red[x] $y$ www.evil.example"]})
    shown = shown_texts(at)
    assert shown and all(live_constructs(text) == [] for text in shown), shown


@pytest.mark.parametrize("slide", ["\u00b2", "\u0663", "\uff12"])
def test_a_slide_in_other_digits_warns_instead_of_a_traceback(warehouse_path, slide):
    at = open_page("pages/briefing.py", {"slide": [slide]}, timeout=120, fail_on_error=True)
    assert any("Ignored slide" in w.value for w in at.warning)
    assert url_values(at, "slide") == ["1"]


def test_an_unknown_country_while_presenting_warns_and_leaves_the_link(warehouse_path):
    at = open_page("pages/briefing.py", {"iso3": ["ZZZ"], "present": ["1"]}, timeout=120)
    assert any("Ignored iso3 'ZZZ'" in w.value for w in at.warning)
    assert url_values(at, "iso3") == []


def test_a_second_theme_is_reported(warehouse_path):
    at = open_page(None, {"theme": ["s2020.sp1", "s2020.sp2"]})
    assert any("s2020.sp2" in w.value and "one theme at a time" in w.value for w in at.warning)
    assert url_values(at, "theme") == ["s2020.sp1"]

"""The outlook tracker's Ahead view: for the 2020-2024 statements a projection speaks to, what
WPP 2024 projects to 2030 for the statement's countries, as evidence (no verdict), with the
figures equal to the warehouse and the view in the link."""

from __future__ import annotations

import re

import pytest

from tests.apptest_helpers import open_page, sql

PAGE = "pages/outlook.py"


def evidence_lines(at) -> list[str]:
    return [
        m.value.replace("\\", "")
        for m in at.markdown
        if m.value.startswith("*") and not m.value.startswith("**")
    ]


def summed(warehouse_path, series: str, iso3: tuple[str, ...], years: tuple[int, ...]) -> float:
    return sql(
        warehouse_path,
        "select sum(medium) from fct_projection where series_code = ? and list_contains(?, iso3)"
        " and list_contains(?, year)",
        [series, list(iso3), list(years)],
    )[0][0]


def millions(value: float) -> str:
    return f"{value / 1e6:,.2f} million"


def test_population_statements_get_the_projection_to_2030(warehouse_path):
    at = open_page(PAGE, {"outlook_view": ["ahead"]}, timeout=90, fail_on_error=True)
    lines = evidence_lines(at)
    central = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
    before = summed(warehouse_path, "wpp2024.population", central, (2024,))
    after = summed(warehouse_path, "wpp2024.population", central, (2030,))
    expected = (
        "WPP 2024 projects the population of Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan "
        f"and Uzbekistan to go from {millions(before)} at the end of 2024 to {millions(after)} at "
        "the end of 2030"
    )
    assert any(expected in line for line in lines), lines
    # Only 2020-2024 statements, shown by their short title; evidence, never a verdict
    titles = [m.value for m in at.markdown if m.value.startswith("**")]
    assert "**Young populations in Central Asia**" in titles
    assert not any("Return migration to the region continues" in t for t in titles)  # 2015
    assert not any("consistent" in line.lower() for line in lines)
    assert at.metric == [] or all("Consistent" not in m.label for m in at.metric)


def test_a_single_country_gets_its_interval(warehouse_path):
    at = open_page(PAGE, {"outlook_view": ["ahead"]}, timeout=90, fail_on_error=True)
    (low, high) = sql(
        warehouse_path,
        "select lower_80, upper_80 from fct_projection where series_code = 'wpp2024.net_migration'"
        " and iso3 = 'RUS' and year = 2030",
    )[0]
    line = next(
        line for line in evidence_lines(at) if "for the Russian Federation (medium variant)" in line
    )
    assert f"80% interval {low:,.0f} to {high:,.0f}" in line


def test_the_view_travels_in_the_link():
    at = open_page(PAGE, {"outlook_view": ["ahead"]}, timeout=90, fail_on_error=True)
    assert at.segmented_control(key="outlook_view").value == "ahead"
    at.segmented_control(key="outlook_view").set_value("since").run()
    assert "outlook_view" not in at.query_params
    assert any(m.label == "Consistent" for m in at.metric)


@pytest.mark.parametrize("bad", ["later", "<b>"])
def test_an_unknown_view_is_reported_and_dropped(bad):
    at = open_page(PAGE, {"outlook_view": [bad]}, timeout=90)
    assert at.segmented_control(key="outlook_view").value == "since"
    assert at.warning and "outlook_view" in at.warning[0].value


def test_a_total_and_a_last_year_of_opposite_signs_are_explained(warehouse_path):
    """WPP 2024 projects large inflows to Ukraine in 2024-2025 and net emigration everywhere
    after: the sum over 2024-2030 is above zero while every country is below zero in 2030, and
    the sentence says which country and years carry the total."""
    at = open_page(PAGE, {"outlook_view": ["ahead"]}, timeout=90, fail_on_error=True)
    west = ("ALB", "BIH", "XKX", "MNE", "MKD", "SRB", "BLR", "MDA", "UKR")
    total = summed(warehouse_path, "wpp2024.net_migration", west, tuple(range(2024, 2031)))
    in_2030 = summed(warehouse_path, "wpp2024.net_migration", west, (2030,))
    returns = summed(warehouse_path, "wpp2024.net_migration", ("UKR",), (2024, 2025))
    assert total > 0 > in_2030 and returns > total
    line = next(
        line
        for line in evidence_lines(at)
        if f"net migration of +{millions(total)} in total over 2024-2030" in line
    )
    assert f"and {in_2030:,.0f} in 2030 alone; below zero in 2030 in 9 of the 9 countries" in line
    assert f"because of Ukraine in 2024-2025 (+{millions(returns)})" in line
    assert "from 2026 the countries' sum is below zero every year" in line


def test_the_opposite_signs_explanation_is_in_russian():
    """The same explanation in lang=ru: every sentence from the catalogue (outlook.po), years
    read as years («за 2024–2025 гг.», «начиная с 2026 г.»), no English left but the dataset."""
    at = open_page(PAGE, {"outlook_view": ["ahead"], "lang": ["ru"]}, timeout=90)
    line = next(line for line in evidence_lines(at) if "Итог выше нуля" in line)
    assert "Итог выше нуля за счёт страны Украина за 2024–2025 гг. (+" in line
    assert "начиная с 2026 г. сумма по странам ниже нуля каждый год." in line
    assert re.findall(r"[A-Za-z]+", line.replace("WPP", "")) == [], line

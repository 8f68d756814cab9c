"""The country profile's chart blocks and sentences (dashboard.content.country)."""

from __future__ import annotations

from dashboard.content import country as profile


def test_chart_blocks_are_the_trend_groups_then_projections_and_corridors():
    keys = list(profile.CHART_BLOCKS)
    assert keys[: len(profile.TREND_GROUPS)] == [f"trend-{g.key}" for g in profile.TREND_GROUPS]
    assert keys[-2:] == [profile.PROJECTIONS, profile.CORRIDORS]
    assert all(profile.CHART_BLOCKS.values()), "every block has a label for the picker"
    assert profile.DEFAULT_CHART_BLOCK == "trend-migrants"


def test_one_block_on_screen_every_block_in_the_print_view():
    assert profile.chart_blocks_drawn("corridors", False) == ("corridors",)
    assert profile.chart_blocks_drawn(None, False) == (profile.DEFAULT_CHART_BLOCK,)
    assert profile.chart_blocks_drawn("no-such-block", False) == (profile.DEFAULT_CHART_BLOCK,)
    assert profile.chart_blocks_drawn("corridors", True) == tuple(profile.CHART_BLOCKS)


def test_sentences_name_the_country():
    country = {"subregion": "Eastern Europe", "capital": "Kyiv"}
    assert profile.introduction(country, (2000, 2025)) == (
        "Eastern Europe · capital Kyiv · indicators 2000-2025."
    )
    assert profile.office_sources("Annex 1", None) == "Annex 1"
    assert profile.office_sources("Annex 1", "Fact sheet") == "Annex 1; contacts: Fact sheet"
    assert profile.covered_from_vienna("Israel").startswith("Israel has no IOM office")
    assert "Sum of Ukraine's cells" in profile.funding_scope("Ukraine")
    for sentence in (
        profile.no_key_figures("Georgia"),
        profile.outlook_order("Georgia", 0),
        profile.outlook_order("Georgia", 2),
        profile.no_findings("Georgia"),
        profile.findings_title("Georgia"),
    ):
        assert "Georgia" in sentence


def test_statements_naming_countries_come_before_the_region_wide_ones():
    rows = [
        {"statement": "a", "named_countries": None},
        {"statement": "b", "named_countries": "Ukraine"},
        {"statement": "c", "named_countries": None},
    ]
    named, region_wide = profile.split_by_scope(rows)
    assert [r["statement"] for r in named] == ["b"]
    assert [r["statement"] for r in region_wide] == ["a", "c"]
    assert profile.region_wide_statements(2) == "Region-wide statements (2)"
    assert profile.outlook_order("Ukraine", 1).startswith("Statements of the IOM strategies")
    assert profile.outlook_order("Israel", 0).startswith("No statement of the IOM strategies")

"""Every chart's text alternative: one sentence read from the figure, shown before the chart."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

from dashboard.charts.summary import figure_summary
from tests.apptest_helpers import open_page, svg_maps


def test_a_line_chart_names_its_title_series_and_years():
    figure = go.Figure(
        [
            go.Scatter(x=np.array([2000, 2010, 2020]), y=[1, 2, 3], name="Kazakhstan"),
            go.Scatter(x=[2005, 2015], y=[2, 1], name="<b>Ukraine</b>"),
        ],
        layout={"title": "Migrant stock"},
    )
    assert figure_summary(figure) == (
        "Line chart: Migrant stock; 2 series (Kazakhstan, Ukraine); from 2000 to 2020. "
        "Every value is in the Table tab."
    )


def test_a_bar_chart_names_its_largest_bar_and_skips_missing_values():
    figure = go.Figure(
        go.Bar(y=["Armenia", "Georgia", "Serbia"], x=[5, np.nan, 9], orientation="h")
    )
    assert "largest: Serbia" in figure_summary(figure)


def test_the_charts_of_a_page_carry_their_summary_before_them():
    at = open_page("pages/funding.py", fail_on_error=True)
    summaries = [c.value for c in at.caption if c.value.startswith(":material/description: ")]
    assert summaries, "no chart summary on the funding page"
    assert all(s.endswith("Every value is in the Table tab.") for s in summaries)
    assert any(s.startswith(":material/description: Bar chart") for s in summaries)


@pytest.mark.parametrize(
    "page", ["pages/overview.py", "pages/country.py", "pages/trends.py", "pages/map.py"]
)
def test_a_map_drawn_by_plotly_has_its_text_alternative_before_it(page):
    """plotly charts have no alt attribute: the map's description is the caption before it."""
    at = open_page(page, fail_on_error=True)
    assert len(svg_maps(at)) == 1, f"no SVG map on {page}"
    alts = [c.value for c in at.caption if c.value.startswith(":material/description: Map")]
    assert len(alts) == 1, alts

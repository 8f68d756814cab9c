"""The country profile's office map, drawn by plotly as SVG (charts.country.office_locator): the
page loads no deck.gl for it, and it keeps what every map owes a reader (the disclaimer under
it, Kosovo's boundary with Serbia dashed, every office drawn, names inside the frame, contacts on
hover as inert text)."""

from __future__ import annotations

import pytest

from dashboard import config
from dashboard.charts import country as charts
from dashboard.queries import names as name_queries
from dashboard.queries import offices as office_queries
from tests.apptest_helpers import open_page, svg_maps

PAGE = "pages/country.py"


def _map_spec(at) -> dict:
    maps = svg_maps(at)
    assert len(maps) == 1, f"{len(maps)} office maps on the profile"
    return maps[0]


def _markers(spec: dict) -> int:
    return sum(
        len([x for x in trace["x"] if x is not None])
        for trace in spec["data"]
        if trace.get("mode") == "markers" and trace.get("hoverinfo") == "text"
    )


def _dashed(spec: dict) -> list[tuple[float, float]]:
    """The points of the dashes of Kosovo's boundary with Serbia (maps.kosovo_boundary_layers)
    inside the map's frame."""
    left, right = spec["layout"]["xaxis"]["range"]
    bottom, top = spec["layout"]["yaxis"]["range"]
    return [
        (x, y)
        for t in spec["data"]
        if t.get("name") == "kosovo-boundary-dashed" and sum(x is None for x in t["x"]) >= 3
        for x, y in zip(t["x"], t["y"], strict=True)
        if x is not None and left < x < right and bottom < y < top
    ]


@pytest.mark.parametrize(
    ("iso3", "kosovo_drawn"), [("SRB", True), ("XKX", True), ("MDA", False), ("KAZ", False)]
)
def test_profile_map_is_svg_with_disclaimer_every_office_and_kosovo_dashed(
    warehouse_path, con, iso3, kosovo_drawn
):
    at = open_page(PAGE, {"iso3": [iso3]}, timeout=90, fail_on_error=True)
    assert not at.get("deck_gl_json_chart"), "the profile must not load deck.gl for its map"
    spec = _map_spec(at)
    captions = [c.value for c in at.caption]
    assert any(config.MAP_DISCLAIMER in c for c in captions), "no map disclaimer on the profile"
    assert any(c.startswith(":material/description: Map of the IOM offices") for c in captions)
    in_country = con.execute("select count(*) from dim_office where iso3 = ?", [iso3]).fetchone()
    assert _markers(spec) >= in_country[0] > 0 or iso3 == "XKX"
    assert bool(_dashed(spec)) is kosovo_drawn
    if iso3 == "XKX":  # named on the map as Kosovo*, so the footnote goes under it
        names = [a["text"] for a in spec["layout"]["annotations"]]
        assert config.KOSOVO_MARKER in names
        assert any(config.KOSOVO_FOOTNOTE in c for c in captions)
    # Every name is drawn inside the map's frame.
    left, right = spec["layout"]["xaxis"]["range"]
    bottom, top = spec["layout"]["yaxis"]["range"]
    for note in spec["layout"]["annotations"]:
        assert left < note["x"] < right and bottom < note["y"] < top, note["text"]


def test_office_hover_text_is_inert_and_wrapped(con):
    offices = office_queries.offices_on_map(con, ("UKR",)).copy()
    hostile = '<a href="https://example.org">click</a> <b>bold</b> & "quoted"'
    offices.loc[offices.index[0], "name"] = hostile
    offices.loc[offices.index[0], "note"] = "A long note. " * 30
    figure = charts.office_locator(offices, "UKR", name_queries.country_labels(con))
    hovers = [text for trace in figure.data if trace.hovertext for text in trace.hovertext]
    assert len(hovers) == len(offices)
    shown = next(text for text in hovers if "click" in text)
    assert "<a " not in shown and "<b>bold" not in shown
    assert "&lt;a href=" in shown and "&lt;b&gt;bold&lt;/b&gt; &amp;" in shown
    assert "&quot;" not in shown, "plotly shows &quot; as it is; quotes stay quotes"
    lines = [line.replace("<b>", "").replace("</b>", "") for line in shown.split("<br>")]
    assert max(len(line) for line in lines) <= 90, "hover lines wrap (plotly does not)"

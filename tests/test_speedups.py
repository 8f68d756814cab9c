"""Guards of the shortcuts in dashboard.speedups and maps.CompactDeck: each fails if a plotly,
pydeck or Streamlit upgrade changes the private behaviour the shortcut relies on, before a page
silently shows a stale or broken chart."""

from __future__ import annotations

import json
import pickle
import warnings

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import speedups
from dashboard.charts import summary
from dashboard.style import TEMPLATE_NAME


def a_figure() -> go.Figure:
    return go.Figure(
        go.Scatter(x=[2000, 2010, 2020], y=[1.5, 2.0, 2.5], name="Kazakhstan"),
        layout={"title": {"text": "Migrant stock"}},
    )


def test_a_figure_can_be_frozen_and_still_reads_as_itself():
    figure = a_figure()
    expected = figure.to_dict()
    frozen = speedups.freeze_figure(figure)
    assert frozen is figure and isinstance(frozen, go.Figure)  # the class swap took
    assert frozen.to_dict() == expected
    assert summary.figure_summary(frozen).startswith("Line chart: Migrant stock")


def test_plotly_serialises_a_figure_through_to_dict():
    """What freezing relies on: to_json (which st.plotly_chart calls) reads Figure.to_dict()."""
    frozen = speedups.freeze_figure(a_figure())
    frozen._frozen_dict["layout"]["title"]["text"] = "answered from the frozen dict"
    assert "answered from the frozen dict" in pio.to_json(frozen, validate=False)


def _draw_frozen_figure():
    import streamlit as st

    from dashboard import speedups

    frozen = speedups.freeze_figure(
        __import__("plotly.graph_objects").graph_objects.Figure(layout={"title": {"text": "x"}})
    )
    frozen._frozen_dict["layout"]["title"]["text"] = "drawn from the frozen dict"
    st.plotly_chart(frozen)


def test_streamlit_draws_a_frozen_figure_from_its_frozen_dict():
    at = AppTest.from_function(_draw_frozen_figure).run()
    assert not at.exception
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["title"]["text"] == "drawn from the frozen dict"


def test_an_unvalidated_figure_serialises_its_traces_like_the_validated_one():
    validated = a_figure()
    traces = json.loads(pio.to_json(validated, validate=False))["data"]
    rebuilt = speedups.unvalidated_figure(traces, {"title": {"text": "Migrant stock"}})
    assert json.loads(pio.to_json(rebuilt, validate=False))["data"] == traces
    # and it is unvalidated: plotly would reject this colour (the speed comes from not checking)
    speedups.unvalidated_figure([{"type": "scatter", "line": {"color": "not a colour"}}])


def _draw_frozen_deck():
    import pydeck as pdk
    import streamlit as st

    from dashboard import maps

    deck = maps.deck([], pdk.ViewState(latitude=45, longitude=30, zoom=3)).freeze()
    deck.__dict__["_frozen_json"] = deck.to_json().replace("MapView", "MapView", 1)[:-1] + (
        ',"frozenMarker":true}'
    )
    st.pydeck_chart(deck)


def test_streamlit_sends_a_deck_as_its_to_json():
    """What CompactDeck.freeze relies on: st.pydeck_chart sends deck.to_json() as it is."""
    at = AppTest.from_function(_draw_frozen_deck).run()
    assert not at.exception
    sent = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    assert sent["frozenMarker"] is True


def test_the_svg_maps_unvalidated_figures_are_what_plotly_validation_accepts_unchanged(con):
    """svgmap builds its figures without plotly's checks (speed); plotly validating the same
    dict must neither reject a property nor change a value, for every map kind and selection."""
    import pandas as pd

    from dashboard import svgmap
    from dashboard.queries import names as name_queries
    from dashboard.queries import offices as office_queries

    places = name_queries.country_labels(con)
    values = pd.DataFrame(
        {"iso3": places["iso3"], "value": [float(n) for n in range(len(places))], "year": 2024}
    )
    for selection, whole_region in [((), True), (("UKR",), False), (("SRB", "XKX"), False)]:
        offices = office_queries.offices_on_map(con, selection)
        for figure in (
            svgmap.indicator_map(values, "persons", "M", selection, whole_region, places)[0],
            svgmap.trend_map(values, "persons", "M", 2020, selection, whole_region, places)[0],
            svgmap.offices_map(offices, selection, whole_region, None, places=places)[0],
        ):
            unchecked = figure.to_dict()
            # The template goes by its name, as it always has for these maps (plotly would put
            # the template itself in its place; Streamlit's theme gives the type in the browser).
            assert unchecked["layout"].pop("template") == TEMPLATE_NAME
            checked = go.Figure(unchecked).to_dict()
            checked["layout"].pop("template")
            assert checked == unchecked


def _labelled_result() -> pd.DataFrame:
    # Made here and let go: the cache may drop the stored result while a session holds its copy.
    stored = pd.DataFrame(
        {"iso3": ["UKR", "SRB", "KAZ"], "value": [3.0, None, 2.0], "year": [2024, 2024, 2020]}
    )
    return speedups.label_result(stored.copy(deep=False), ("a query", 1))


@pytest.mark.parametrize(
    "change",
    [
        lambda f: f.loc.__setitem__((0, "value"), 9.0),
        lambda f: f.__setitem__("value", f["value"] * 2),
        lambda f: f.__setitem__("added", 1),
        lambda f: f.__delitem__("year"),
        lambda f: f.rename(columns={"value": "v"}, inplace=True),
        lambda f: f.set_index("iso3", inplace=True),
        lambda f: f.sort_values("value", inplace=True),
        lambda f: f.drop(index=0, inplace=True),
        lambda f: f.fillna(0, inplace=True),
        lambda f: f.iloc.__setitem__((0, 1), 9.0),
        lambda f: f.insert(0, "first", 1),
        lambda f: f.update(pd.DataFrame({"value": [7.0]})),
    ],
)
def test_a_labelled_result_changed_in_place_loses_its_label(change):
    """What labelling relies on: pandas (copy-on-write) replaces a frame's blocks or axes on
    every change in place, so a changed result is never taken for the query's answer."""
    frame = _labelled_result()
    assert speedups.result_label(frame) == ("a query", 1)
    before = frame.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas 3.1 deprecates some of these in-place forms
        change(frame)
    assert not (frame.equals(before) and list(frame.columns) == list(before.columns))
    assert speedups.result_label(frame) is None


def test_a_label_belongs_to_the_frame_alone():
    frame = _labelled_result()
    assert speedups.result_label(frame[frame["value"] > 1]) is None
    assert speedups.result_label(frame.assign(more=1)) is None
    assert speedups.result_label(frame.copy(deep=False)) is None
    assert speedups.result_label(pickle.loads(pickle.dumps(frame))) is None
    with pytest.raises(
        ValueError, match="read-only"
    ):  # its arrays cannot be written behind its back
        frame["year"].to_numpy()[0] = 1999
    assert speedups.result_label(frame) == ("a query", 1)


def test_a_copy_labelled_beside_its_stored_result_loses_its_label_when_written():
    """cache.query labels its shallow copy with the stored result it shares blocks with; the
    label keeps that result, so a write replaces the block even once the cache dropped it."""
    stored = pd.DataFrame({"iso3": ["UKR", "SRB"], "value": [3.0, 1.0]})
    frame = speedups.label_result(stored.copy(deep=False), ("a query", 2), shared_with=stored)
    del stored  # the cache let go of it
    assert speedups.result_label(frame) == ("a query", 2)
    frame.loc[0, "value"] = 9.0
    assert speedups.result_label(frame) is None

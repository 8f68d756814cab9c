"""The performance shortcuts that rely on a library's private behaviour, in one place, each kept
because bench/ shows it pays and each guarded by tests/test_speedups.py, which fails if a
library upgrade changes the behaviour relied on (requirements.txt caps those libraries).

Measured on the Ukraine briefing (bench/README.md, "Private shortcuts"):

- freezing a figure: st.plotly_chart serialises through plotly.io.to_json, which deep-copies
  every trace through Figure.to_dict() on each rerun; a frozen figure answers with the dict made
  once (7 figures: 2.1 ms -> 0.2 ms a rerun; a choropleth with its GeoJSON costs far more).
  Relies on plotly letting a Figure's class be swapped, and on to_json reading to_dict().
- building a figure without validation (plotly's private `_validate=False`): 11.6 ms -> 1.3 ms
  for those 7 figures, once per cached chart (cold runs).
- maps.CompactDeck.freeze (a Deck's JSON made once: 32 ms -> 0 a rerun for an office map) is
  pydeck's public to_json() overridden, and relies only on Streamlit calling deck.to_json().

Pure: no streamlit.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go


class FrozenFigure(go.Figure):
    """A finished figure whose dict is computed once (see `freeze_figure`); never modify it."""

    def to_dict(self) -> dict:
        return self._frozen_dict


def freeze_figure(figure: go.Figure) -> FrozenFigure:
    """Make `figure` answer every later to_dict() (hence every serialisation) with today's
    dict, in place; `facts` holds what is read from it once (cache.figure_fact)."""
    if isinstance(figure, FrozenFigure):
        return figure
    frozen_dict = figure.to_dict()
    figure.__class__ = FrozenFigure  # plotly keeps its state in the instance: a swap is enough
    figure._frozen_dict = frozen_dict
    figure._facts = {}
    return figure


def unvalidated_figure(data: Any, layout: Any = None) -> go.Figure:
    """go.Figure(data, layout) without plotly's validation of every property: the caller
    promises plotly's own property names and values (the JSON is the validated one's)."""
    return go.Figure(data=data, layout=layout, _validate=False)

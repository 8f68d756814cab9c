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
- labelling a query result (`label_result`): the shared caches key a chart by its inputs'
  content, pickled; a query result handed out by the cache is named by its query instead while
  it is unchanged (2-3 ms a warm rerun on the outlook, funding and data pages). Relies on pandas
  replacing a frame's blocks or axes whenever the frame is changed in place (copy-on-write).

Pure: no streamlit.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import pandas as pd
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


_LABEL = "_speedups_result_label"


def _structure(frame: pd.DataFrame) -> tuple:
    manager = frame._mgr
    return (manager, manager.blocks, manager.axes[0], manager.axes[1])


def label_result(
    frame: pd.DataFrame, label: Hashable, shared_with: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Name `frame` by `label` (the cache key it was kept under) for as long as it is unchanged;
    see `result_label`. `shared_with`: a frame sharing its blocks that outlives it (the stored
    result `frame` is a shallow copy of); by default a shallow copy is made. Returns the frame."""
    # An attribute of this object only: pandas carries neither it into frames derived from this
    # one nor into a pickle of it. It holds a frame sharing the blocks, so they are always shared
    # and copy-on-write replaces any block written to (a block that is not shared, e.g. once the
    # cache let go of the stored result, would be written in place).
    if shared_with is None:
        shared_with = frame.copy(deep=False)
    object.__setattr__(frame, _LABEL, (label, _structure(frame), shared_with))
    return frame


def result_label(frame: pd.DataFrame) -> Hashable | None:
    """The label given by `label_result`, or None once the frame may differ from the result it
    was labelled as. Under copy-on-write, writing to a frame replaces the block written to, and
    adding, dropping or renaming a column or setting the index replaces the blocks or an axis:
    the frame then answers None and is known by its content again."""
    labelled = frame.__dict__.get(_LABEL)
    if labelled is None:
        return None
    label, structure, _shared = labelled
    # The blocks are a tuple the manager replaces, never changes: one identity covers them all.
    same = all(then is now for then, now in zip(structure, _structure(frame), strict=True))
    return label if same else None

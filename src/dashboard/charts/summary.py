"""One sentence saying what a chart shows, read from the finished figure: its text alternative
for screen readers (and a plain reading for anyone), beside the Table tab with every value.

Pure: no streamlit. Derived from the figure itself, so it cannot drift from what is drawn.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import plotly.graph_objects as go

from dashboard.i18n import N_, _, ngettext

KINDS = {
    "scatter": N_("Line chart"),
    "bar": N_("Bar chart"),
    "heatmap": N_("Heatmap"),
    "choropleth": N_("Map"),
    "choroplethmap": N_("Map"),
    "treemap": N_("Treemap"),
    "pie": N_("Pie chart"),
}
CHART = N_("Chart")
_TAGS = re.compile(r"<[^>]+>")
MAX_NAMES = 3


def _plain(text: object) -> str:
    return " ".join(_TAGS.sub(" ", str(text or "")).split())


def _values(values: object) -> list:
    """Plain Python values (numpy scalars as numbers) of a trace's data array."""
    if values is None:
        return []
    return [value.item() if hasattr(value, "item") else value for value in values]


def _largest(categories: Sequence, values: Sequence) -> str | None:
    pairs = [(v, c) for c, v in zip(categories, values, strict=False) if isinstance(v, int | float)]
    pairs = [(v, c) for v, c in pairs if v == v]  # NaN is not a value
    return _plain(max(pairs, key=lambda pair: pair[0])[1]) if pairs else None


def figure_summary(figure: go.Figure) -> str:
    """'<Kind>: <title>; <series> from <first> to <last>; largest: <category>.'"""
    traces = [trace for trace in figure.data if trace.visible is not False]
    kinds = [_(kind) for kind in dict.fromkeys(KINDS.get(t.type, CHART) for t in traces)]
    kinds = kinds or [_(CHART)]
    kind = kinds[0]
    if len(kinds) > 1:
        kind = _("{kinds} and {last}").format(kinds=", ".join(kinds[:-1]), last=kinds[-1])
    title = _plain(figure.layout.title.text)
    parts = [_("{kind}: {title}").format(kind=kind, title=title) if title else kind]
    # Series are named for lines and bars; a map's traces are layers (values, "no value").
    named = [t for t in traces if t.type in {"scatter", "bar"}]
    names = list(dict.fromkeys(_plain(t.name) for t in named if _plain(t.name)))
    if names:
        shown = ", ".join(names[:MAX_NAMES])
        more = len(names) - MAX_NAMES
        if more > 0:
            series = ngettext(
                "{count} series ({shown} and {more} more)",
                "{count} series ({shown} and {more} more)",
                len(names),
            )
        else:
            series = ngettext("{count} series ({shown})", "{count} series ({shown})", len(names))
        parts.append(series.format(count=len(names), shown=shown, more=more))
    xs = [x for t in traces if t.type == "scatter" for x in _values(t.x)]
    if xs and (all(isinstance(x, int | float) for x in xs) or all(isinstance(x, str) for x in xs)):
        parts.append(_("from {first} to {last}").format(first=min(xs), last=max(xs)))
    bars = [t for t in traces if t.type == "bar"]
    if len(bars) == 1:
        bar = bars[0]
        horizontal = bar.orientation == "h"
        categories, values = (
            (_values(bar.y), _values(bar.x)) if horizontal else (_values(bar.x), _values(bar.y))
        )
        largest = _largest(categories, values)
        if largest:
            parts.append(_("largest: {name}").format(name=largest))
    return _("{summary}. Every value is in the Table tab.").format(summary="; ".join(parts))

"""The publication style every plotly chart gets before it is shown or exported (pure).

`finish(figure)` is applied at one seam, when a chart is frozen for sharing (dashboard.cache)
and by the exports, so every chart inherits it without each builder repeating it:

* year axes: integer years only, never "2,022" or "2022.5"; a one-year series is a labelled point
  or bar on a one-year axis, with a note;
* category axes: every category drawn (20 countries, 20 names), long names wrapped, the chart
  tall enough for them;
* colour scales: ticks in the indicator's unit ("35,156", "1.2 million"), never "35.1556k";
* titles and legends wrapped rather than cut;
* numbers in the language's separators ("1 234,5" in Russian; years are never grouped), and in
  Russian value axes in full ("5 000 000") rather than with English SI letters ("5M").

The look itself (font, palette, template) is dashboard.style.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable

import numpy as np
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.i18n import N_, _
from dashboard.style import format_number

YEAR_RANGE = (1900, 2100)
ONE_YEAR_NOTE = N_("One year of data: shown as a single labelled point, not as a trend.")
CATEGORY_WRAP = 24  # characters per line of a category label
TITLE_WRAP = 48  # characters per title line (a chart in a 2:3 column at 1280 px holds about 50)
ROW_HEIGHT = 30  # pixels per category of a horizontal bar chart
_POSITION_TYPES = {"scatter", "scattergl", "bar", "box", "violin", "funnel"}


def _numbers(values: Iterable) -> list[float] | None:
    """The values as floats, or None if any is not a number (a category)."""
    numbers = []
    for value in values:
        if value is None:
            continue
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
            return None
        if value == value:  # not NaN
            numbers.append(float(value))
    return numbers


def _axis_key(trace, letter: str) -> str:
    ref = getattr(trace, f"{letter}axis", None) or letter
    return f"{letter}axis{ref[1:]}"


def _position_values(figure: go.Figure) -> dict[str, list]:
    """Per layout axis ("xaxis", "yaxis2"...), the values the traces place along it as positions
    (not as amounts): x of lines and vertical bars, y of horizontal bars."""
    by_axis: dict[str, list] = {}
    for trace in figure.data:
        if trace.type not in _POSITION_TYPES:
            continue
        horizontal = getattr(trace, "orientation", None) == "h"
        letter = "y" if horizontal else "x"
        values = getattr(trace, letter, None)
        if values is None:
            continue
        by_axis.setdefault(_axis_key(trace, letter), []).extend(
            np.asarray(values, dtype=object).ravel().tolist()
        )
    return by_axis


def _amount_values(figure: go.Figure) -> dict[str, tuple[list[float], bool]]:
    """Per layout axis, the amounts the traces plot along it (y of lines and vertical bars, x of
    horizontal bars), and whether a bar starts from zero on it."""
    by_axis: dict[str, tuple[list[float], bool]] = {}
    for trace in figure.data:
        if trace.type not in _POSITION_TYPES:
            continue
        letter = "x" if getattr(trace, "orientation", None) == "h" else "y"
        values = getattr(trace, letter, None)
        numbers = (
            _numbers(np.asarray(values, dtype=object).ravel().tolist())
            if values is not None
            else None
        )
        if not numbers:
            continue
        amounts, bars = by_axis.setdefault(_axis_key(trace, letter), ([], False))
        amounts.extend(numbers)
        by_axis[_axis_key(trace, letter)] = (amounts, bars or trace.type == "bar")
    return by_axis


def amount_axis(figure: go.Figure, axis: str, numbers: list[float], from_zero: bool) -> None:
    """Outside English, large amounts get ticks written by format_number ("5 млн"): plotly's own
    short forms are SI letters (5M, 2k), which are Latin. English keeps plotly's ticks."""
    low, high = min(numbers), max(numbers)
    if from_zero:
        low, high = min(low, 0.0), max(high, 0.0)
    if max(abs(low), abs(high)) < 10_000 or figure.layout[axis].tickvals is not None:
        return
    ticks = nice_ticks(low, high)
    if len(ticks) < 2:
        return
    figure.layout[axis].update(
        tickmode="array", tickvals=ticks, ticktext=[format_number(t, compact=True) for t in ticks]
    )


def is_year_axis(values: list) -> bool:
    """Whether axis positions are calendar years (whole numbers within YEAR_RANGE)."""
    numbers = _numbers(values)
    return bool(numbers) and all(
        number.is_integer() and YEAR_RANGE[0] <= number <= YEAR_RANGE[1] for number in numbers
    )


def year_step(span: int) -> int:
    """A whole-year tick step giving at most about ten ticks (1, 2, 5, 10, 20...)."""
    for step in (1, 2, 5, 10, 20, 25, 50):
        if span / step <= 10:
            return step
    return 100


def year_axis(figure: go.Figure, axis: str, years: Iterable[float]) -> None:
    """Integer ticks without thousands separator; a single year gets a one-year axis and a note."""
    distinct = sorted({int(year) for year in years})
    if not distinct:
        return
    settings: dict = {"tickformat": "d", "separatethousands": False}
    if len(distinct) == 1:
        year = distinct[0]
        settings.update(tickmode="array", tickvals=[year], ticktext=[str(year)])
        settings["range"] = [year - 1, year + 1]
        for trace in figure.data:
            if trace.type in {"scatter", "scattergl"}:
                trace.mode = "markers+text"
                trace.marker.size = trace.marker.size or 10
                trace.textposition = "top center"
                if trace.text is None and trace.y is not None:
                    trace.text = [format_number(value) for value in trace.y]
        notes = [a.text for a in figure.layout.annotations or ()]
        if _(ONE_YEAR_NOTE) not in notes:
            figure.add_annotation(
                text=_(ONE_YEAR_NOTE),
                xref="paper",
                yref="paper",
                x=0,
                y=-0.12,
                xanchor="left",
                yanchor="top",
                showarrow=False,
                font={"size": 13},
            )
    else:
        step = year_step(distinct[-1] - distinct[0])
        first = distinct[0] - distinct[0] % step if step > 1 else distinct[0]
        settings.update(tickmode="linear", tick0=first, dtick=step)
    figure.layout[axis].update(settings)


def wrap_label(label: str, width: int = CATEGORY_WRAP) -> str:
    """A long category label on several lines (plotly breaks lines at <br>), never cut."""
    if len(label) <= width:
        return label
    return "<br>".join(textwrap.wrap(label, width, break_long_words=False))


def category_axis(figure: go.Figure, axis: str, categories: list[str]) -> None:
    """Every category drawn, long names wrapped; a horizontal bar chart gets the height its
    categories need."""
    seen: list[str] = []
    for category in categories:
        if category not in seen:
            seen.append(category)
    figure.layout[axis].update(
        tickmode="array",
        tickvals=seen,
        ticktext=[wrap_label(str(category)) for category in seen],
        automargin=True,
    )
    if axis.startswith("yaxis"):
        lines = sum(wrap_label(str(c)).count("<br>") + 1 for c in seen)
        needed = ROW_HEIGHT * max(len(seen), lines * 0.75) + 140
        if figure.layout.height is None or figure.layout.height < needed:
            figure.layout.height = int(needed)
    elif len(seen) > 8:
        figure.layout[axis].tickangle = -45


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """About `count` round values between low and high (1, 2, 2.5 or 5 times a power of ten)."""
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        return [low] if math.isfinite(low) else []
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.ceil(low / step) * step
    return [first + i * step for i in range(int((high - first) / step + 1e-9) + 1)]


def colour_ticks(figure: go.Figure) -> None:
    """Colour bars with round ticks written in their unit (the colour bar's title)."""
    for trace in figure.data:
        colorbar = getattr(trace, "colorbar", None)
        z = getattr(trace, "z", None)
        if colorbar is None or z is None or colorbar.tickvals is not None:
            continue
        numbers = _numbers(np.asarray(z, dtype=object).ravel().tolist())
        if not numbers:
            continue
        low = trace.zmin if trace.zmin is not None else min(numbers)
        high = trace.zmax if trace.zmax is not None else max(numbers)
        ticks = nice_ticks(low, high)
        if len(ticks) < 2:
            continue
        unit = (colorbar.title.text or "") if colorbar.title else ""
        colorbar.update(
            tickmode="array",
            tickvals=ticks,
            ticktext=[format_number(tick, unit, compact=True) for tick in ticks],
        )


def wrap_title(figure: go.Figure) -> None:
    """A long title on two lines rather than cut at the chart's edge."""
    title = figure.layout.title.text
    if title and "<br>" not in title and len(title) > TITLE_WRAP:
        figure.layout.title.text = "<br>".join(textwrap.wrap(title, TITLE_WRAP))
        margin_top = figure.layout.margin.t or 50
        figure.layout.margin.t = max(margin_top, 80)


def whole_numbers_on_value_axes(figure: go.Figure) -> None:
    """Value axes written out in full with the language's grouping ("5 000 000"), where plotly
    would abbreviate with English SI letters ("5M", "20k"). For languages other than English."""
    for name in figure.layout:
        if not (name.startswith("xaxis") or name.startswith("yaxis")):
            continue
        axis = figure.layout[name]
        if axis.tickformat or axis.ticktext or axis.type in ("log", "category", "date"):
            continue  # years, categories and explicit formats keep theirs
        axis.update(exponentformat="none", separatethousands=True)


def finish(figure: go.Figure) -> go.Figure:
    """Apply the publication rules above to a finished chart, in place; returns it."""
    figure.layout.separators = i18n.plotly_separators()
    if any(trace.type in {"treemap", "sunburst", "pie"} for trace in figure.data):
        wrap_title(figure)
        return figure
    for axis, values in _position_values(figure).items():
        if axis not in figure.layout:
            continue
        if is_year_axis(values):
            year_axis(figure, axis, _numbers(values) or [])
        elif _numbers(values) is None:  # categories
            horizontal_axis = axis.startswith("yaxis")
            if horizontal_axis or figure.layout[axis].type in (None, "category", "-"):
                category_axis(figure, axis, [str(v) for v in values if v is not None])
    if i18n.language() != i18n.DEFAULT_LANGUAGE:
        for axis, (numbers, from_zero) in _amount_values(figure).items():
            if axis in figure.layout:
                amount_axis(figure, axis, numbers, from_zero)
    colour_ticks(figure)
    wrap_title(figure)
    if i18n.language() != "en":
        whole_numbers_on_value_axes(figure)
    return figure

"""The shared look of every chart and map: a colour-blind-safe palette and projector-size type.

Pure (no streamlit), used by charts and maps.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from dashboard import config

# Okabe-Ito: distinguishable under the common colour-vision deficiencies.
PALETTE = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # green
    "#CC79A7",  # purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
)
IOM_BLUE = "#0033A0"
REGION_COLOUR = "#1B2A41"
MUTED = "#8A94A6"
# Sequential scale for choropleths (light to dark blue), readable in greyscale print too.
SEQUENTIAL = ("#EFF3FF", "#C6DBEF", "#9ECAE1", "#6BAED6", "#3182BD", "#08519C", "#08306B")
FONT_FAMILY = '"Source Sans Pro", "Source Sans 3", Arial, sans-serif'
BASE_FONT_SIZE = 16
# How a missing value reads on screen and in exports (config.MISSING_VALUE_NOTE explains it).
MISSING = config.MISSING_VALUE

TEMPLATE_NAME = "seeeca"

pio.templates[TEMPLATE_NAME] = go.layout.Template(
    layout=go.Layout(
        font={"family": FONT_FAMILY, "size": BASE_FONT_SIZE, "color": REGION_COLOUR},
        title={"font": {"size": BASE_FONT_SIZE + 4}, "x": 0, "xanchor": "left"},
        colorway=list(PALETTE),
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        hoverlabel={"font": {"size": BASE_FONT_SIZE}},
        legend={"font": {"size": BASE_FONT_SIZE - 1}, "orientation": "h", "y": -0.15},
        xaxis={"gridcolor": "#E5E9F0", "linecolor": "#C0C7D2", "automargin": True},
        yaxis={"gridcolor": "#E5E9F0", "linecolor": "#C0C7D2", "automargin": True},
        separators=".,",
    )
)


def format_number(value: float | int | None, unit: str = "", compact: bool = False) -> str:
    """Human-readable number: 125.9 million, 48, 46.5% (compact: 125.9M, for narrow KPI cards)."""
    if value is None:
        return MISSING
    try:
        if value != value:  # NaN
            return MISSING
    except TypeError:
        return str(value)
    unit = unit.lower()
    if unit in {"percent", "%", "% of gdp", "% of population"}:
        return f"{value:,.1f}%"
    magnitude = abs(value)
    prefix = "USD " if unit.startswith("usd") else ""
    if magnitude >= 1e9:
        text = f"{value / 1e9:,.1f}B" if compact else f"{value / 1e9:,.2f} billion"
    elif magnitude >= 1e6:
        text = f"{value / 1e6:,.1f}M" if compact else f"{value / 1e6:,.1f} million"
    else:
        text = None
    if text is not None:
        # "29M", not "29.0M": a round figure as the document prints it
        text = text.replace(".0M", "M").replace(".0B", "B") if compact else text
    elif float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,.1f}"
    return prefix + text

"""The shared look of every chart and map: a colour-blind-safe palette and projector-size type.

Pure (no streamlit), used by charts and maps.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from dashboard import config, i18n

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
# "Source Sans" first: the variable font Streamlit bundles and declares under that name (Latin
# and Cyrillic; tests/test_fonts.py), so charts draw in the app's type offline; the others are
# fallbacks where it is not loaded (kaleido exports set their own, exports.renderer).
FONT_FAMILY = '"Source Sans", "Source Sans Pro", "Source Sans 3", Arial, sans-serif'
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
        separators=".,",  # English; charts.style.finish sets the language's (i18n)
    )
)


def format_number(value: float | int | None, unit: str = "", compact: bool = False) -> str:
    """Human-readable number in the current language: 125.9 million, 48, 46.5% (compact: 125.9M,
    for narrow KPI cards); Russian "125,9 млн", "46,5 %" (dashboard.i18n.format_number)."""
    return i18n.format_number(value, unit, compact=compact)

"""Strategy drill-down chart: the pillar -> priority -> thematic area -> funding area -> country
tree as a clickable treemap sized by the 2016 SEEECA requirement. Pure: no streamlit."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import _
from dashboard.style import TEMPLATE_NAME, format_number

LABEL_LENGTH = 42
DEPTH_SHOWN = 3


def _short(label: str) -> str:
    return label if len(label) <= LABEL_LENGTH else label[: LABEL_LENGTH - 1].rstrip() + "\u2026"


def drilldown_treemap(tree: pd.DataFrame, node_id: str, title: str) -> go.Figure:
    """The tree from `node_id` down (three levels at a time); a box's id is its node id, so a
    click tells the page where to go. Levels with no requirement take no area."""
    usd = tree["usd"].astype("Float64").fillna(0).astype(float)
    amounts = [
        _("no requirement") if pd.isna(value) else format_number(value, "usd")
        for value in tree["usd"]
    ]
    figure = go.Figure(
        go.Treemap(
            ids=tree["node_id"],
            parents=tree["parent_id"].fillna(""),
            labels=[_short(label) for label in tree["label"]],
            values=usd,
            branchvalues="total",
            level=node_id,
            maxdepth=DEPTH_SHOWN,
            customdata=list(zip(tree["level_name"], tree["label"], amounts, strict=True)),
            texttemplate="<b>%{label}</b><br>%{customdata[2]}<br>"
            + _("{share} of this view").format(share="%{percentEntry:.1%}"),
            hovertemplate=(
                "%{customdata[0]}<br><b>%{customdata[1]}</b><br>%{customdata[2]}<br>"
                + _("{share} of the level above").format(share="%{percentParent:.1%}")
                + "<extra></extra>"
            ),
            root_color="white",
            tiling={"pad": 2},
            pathbar={"visible": True},
        )
    )
    figure.update_layout(
        template=TEMPLATE_NAME, title=title, height=560, margin={"l": 4, "r": 4, "t": 60, "b": 4}
    )
    return figure

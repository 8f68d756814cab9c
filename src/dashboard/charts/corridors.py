"""Charts of the migration corridors (UN DESA 2024 origin by destination). Pure: frames in,
plotly figures and display tables out; a Sankey diagram draws offline (no tiles, no fonts)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.style import IOM_BLUE, MUTED, PALETTE, REGION_COLOUR, TEMPLATE_NAME, format_number

# One colour per group of places, the same on every corridor chart.
GROUP_COLOURS = {
    "SEEECA region": IOM_BLUE,
    "European Union": PALETTE[1],
    "Rest of the world": PALETTE[2],
    "Other or unknown": MUTED,
}
SOURCE = (
    "UN DESA, International Migrant Stock 2024 (origin by destination, both sexes), as reshaped"
    " by IOM's Global Data Institute (gdidata); CC BY 3.0 IGO."
)
CAVEAT = (
    "Migrants are people living outside their country of birth (or citizenship, where that is"
    " what the country records), at mid-year. An origin absent for a destination means UN DESA"
    " had too little data, not zero. No row for Kosovo (UNSCR 1244): the notes do not say"
    " whether Serbia's figures include its migrants."
)


def _rgba(hex_colour: str, alpha: float) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def corridor_sankey(corridors: pd.DataFrame, title: str) -> go.Figure:
    """Origins on the left, destinations on the right, one band per corridor (main_corridors).
    A country that is both an origin and a destination appears on both sides."""
    origins = list(dict.fromkeys(corridors["origin"].tolist()))
    destinations = list(dict.fromkeys(corridors["destination"].tolist()))
    labels = origins + destinations
    group_of = dict(zip(corridors["origin"], corridors["origin_group"], strict=True)) | {}
    group_of_destination = dict(
        zip(corridors["destination"], corridors["destination_group"], strict=True)
    )
    node_colours = [GROUP_COLOURS.get(group_of.get(o, ""), MUTED) for o in origins] + [
        GROUP_COLOURS.get(group_of_destination.get(d, ""), MUTED) for d in destinations
    ]
    link_colours = [
        _rgba(GROUP_COLOURS.get(group, MUTED), 0.35) for group in corridors["origin_group"]
    ]
    figure = go.Figure(
        go.Sankey(
            arrangement="snap",
            # Dark labels: plotly's default white halo leaves light text unreadable on the bands.
            textfont={"color": REGION_COLOUR, "size": 14},
            node={
                "label": labels,
                "color": node_colours,
                "pad": 12,
                "thickness": 14,
                "hovertemplate": "%{label}: %{value:,.0f} migrants<extra></extra>",
            },
            link={
                "source": [origins.index(o) for o in corridors["origin"]],
                "target": [len(origins) + destinations.index(d) for d in corridors["destination"]],
                "value": corridors["migrants"].tolist(),
                "color": link_colours,
                "customdata": [
                    f"{o} to {d}: {format_number(m)}"
                    for o, d, m in zip(
                        corridors["origin"],
                        corridors["destination"],
                        corridors["migrants"],
                        strict=True,
                    )
                ],
                "hovertemplate": "%{customdata}<extra></extra>",
            },
        )
    )
    figure.update_layout(
        template=TEMPLATE_NAME,
        title=title,
        height=max(440, 28 * max(len(origins), len(destinations)) + 150),
        margin={"t": 100},
        annotations=[
            {
                "text": "Country of origin",
                "x": 0,
                "y": 1.04,
                "xref": "paper",
                "yref": "paper",
                "showarrow": False,
                "xanchor": "left",
            },
            {
                "text": "Country of destination",
                "x": 1,
                "y": 1.04,
                "xref": "paper",
                "yref": "paper",
                "showarrow": False,
                "xanchor": "right",
            },
        ],
    )
    return figure


def share_bars(frame: pd.DataFrame, place_column: str, title: str) -> go.Figure:
    """Horizontal bars of migrants by place (country_destinations / country_origins), coloured by
    group, each labelled with its share."""
    ordered = frame.iloc[::-1]
    figure = go.Figure(
        go.Bar(
            x=ordered["migrants"].tolist(),
            y=ordered[place_column].tolist(),
            orientation="h",
            marker={"color": [GROUP_COLOURS.get(g, MUTED) for g in ordered["place_group"]]},
            text=[
                f"{format_number(m)} ({s:.0%})"
                for m, s in zip(ordered["migrants"], ordered["share"], strict=True)
            ],
            textposition="auto",
            hovertemplate="%{y}: %{x:,.0f}<extra></extra>",
        )
    )
    figure.update_layout(
        template=TEMPLATE_NAME,
        title=title,
        height=max(300, 34 * len(frame) + 110),
        xaxis={"title": "Migrants, mid-2024"},
        showlegend=False,
    )
    return figure


def corridor_table(corridors: pd.DataFrame) -> pd.DataFrame:
    """main_corridors (or main_corridors_grouped) as users read it."""
    return pd.DataFrame(
        {
            "Rank": range(1, len(corridors) + 1),
            "From": corridors["origin"],
            "To": corridors["destination"],
            "Migrants": corridors["migrants"],
            "Direction": corridors["direction"],
        }
    )


def place_table(frame: pd.DataFrame, place_column: str, label: str) -> pd.DataFrame:
    """country_destinations / country_origins as users read them."""
    return pd.DataFrame(
        {
            label: frame[place_column],
            "Group": frame["place_group"],
            "Migrants": frame["migrants"],
            "Share (%)": (100 * frame["share"]).round(1),
        }
    )


def group_sentence(groups: pd.DataFrame, name: str, direction: str) -> str:
    """'Of the 9.8 million emigrants from Ukraine in mid-2024, 51% live in the European Union,
    39% in the SEEECA region and 10% elsewhere.' (corridor_groups rows of one direction)."""
    rows = groups[groups["direction"] == direction].sort_values("share", ascending=False)
    if rows.empty:
        return ""
    total = float(rows["migrants"].sum())
    where = {
        "SEEECA region": "the SEEECA region",
        "European Union": "the European Union",
        "Other or unknown": "an origin UN DESA does not name",
    }
    preposition = "in" if direction == "emigrants" else "from"
    parts = []
    for group, share in zip(rows["place_group"], rows["share"], strict=True):
        if share < 0.005:  # "0% in the European Union" says nothing
            continue
        if group in where:
            place_text = f"{preposition} {where[group]}"
        else:
            place_text = "elsewhere" if direction == "emigrants" else "from elsewhere"
        parts.append(f"{share:.0%} {place_text}")
    verb = "live" if direction == "emigrants" else "come"
    first_share, _, first_place = parts[0].partition(" ")
    parts[0] = f"{first_share} {verb} {first_place}"
    if direction == "emigrants":
        head = f"Of the {format_number(total)} emigrants from {name} in mid-2024, "
    else:
        head = f"Of the {format_number(total)} international migrants in {name} in mid-2024, "
    return head + _join(parts) + "."


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]

"""Charts of the migration corridors (UN DESA 2024 origin by destination). Pure: frames in,
plotly figures and display tables out; a Sankey diagram draws offline (no tiles, no fonts)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.i18n import N_, _, d_, ngettext, place_name
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
CAVEAT = N_(
    "Migrants are people living outside their country of birth (or citizenship, where that is"
    " what the country records), at mid-year. An origin absent for a destination means UN DESA"
    " had too little data, not zero. No row for Kosovo (UNSCR 1244): the notes do not say"
    " whether Serbia's figures include its migrants."
)


# Texts the corridor queries write themselves (main_corridors, main_corridors_grouped): a place
# that groups the EU, and each corridor's direction.
QUERY_TEXTS = {
    "European Union (27)": N_("European Union (27)"),
    "within the selection": N_("within the selection"),
    "emigration": N_("emigration"),
    "immigration": N_("immigration"),
    "mixed": N_("mixed"),
}


def _place(name: str) -> str:
    """A place of a corridor in the current language: a name of the names table, else a group
    or a country of the world as data.po has it."""
    if name in QUERY_TEXTS:
        return _(QUERY_TEXTS[name])
    return d_(place_name(name))


def _rgba(hex_colour: str, alpha: float) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def corridor_sankey(corridors: pd.DataFrame, title: str) -> go.Figure:
    """Origins on the left, destinations on the right, one band per corridor (main_corridors).
    A country that is both an origin and a destination appears on both sides."""
    origins = list(dict.fromkeys(corridors["origin"].tolist()))
    destinations = list(dict.fromkeys(corridors["destination"].tolist()))
    labels = [_place(place) for place in origins + destinations]
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
                "hovertemplate": _("%{label}: %{value:,.0f} migrants") + "<extra></extra>",
            },
            link={
                "source": [origins.index(o) for o in corridors["origin"]],
                "target": [len(origins) + destinations.index(d) for d in corridors["destination"]],
                "value": corridors["migrants"].tolist(),
                "color": link_colours,
                "customdata": [
                    _("{origin} to {destination}: {migrants}").format(
                        origin=_place(o), destination=_place(d), migrants=format_number(m)
                    )
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
                "text": _("Country of origin"),
                "x": 0,
                "y": 1.04,
                "xref": "paper",
                "yref": "paper",
                "showarrow": False,
                "xanchor": "left",
            },
            {
                "text": _("Country of destination"),
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
            y=[_place(place) for place in ordered[place_column].tolist()],
            orientation="h",
            marker={"color": [GROUP_COLOURS.get(g, MUTED) for g in ordered["place_group"]]},
            text=[
                f"{format_number(m)} ({_percent(s)})"
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
        xaxis={"title": _("Migrants, mid-2024")},
        showlegend=False,
    )
    return figure


def corridor_table(corridors: pd.DataFrame) -> pd.DataFrame:
    """main_corridors (or main_corridors_grouped) as users read it."""
    return pd.DataFrame(
        {
            _("Rank"): range(1, len(corridors) + 1),
            _("From"): [_place(place) for place in corridors["origin"].tolist()],
            _("To"): [_place(place) for place in corridors["destination"].tolist()],
            _("Migrants"): corridors["migrants"],
            _("Direction"): [_place(direction) for direction in corridors["direction"].tolist()],
        }
    )


def place_table(frame: pd.DataFrame, place_column: str, label: str) -> pd.DataFrame:
    """country_destinations / country_origins as users read them."""
    return pd.DataFrame(
        {
            label: [_place(place) for place in frame[place_column].tolist()],
            _("Group"): [d_(group) for group in frame["place_group"].tolist()],
            _("Migrants"): frame["migrants"],
            _("Share (%)"): (100 * frame["share"]).round(1),
        }
    )


def group_sentence(groups: pd.DataFrame, name: str, direction: str) -> str:
    """'Of the 9.8 million emigrants from Ukraine in mid-2024, 51% live in the European Union,
    39% in the SEEECA region and 10% elsewhere.' (corridor_groups rows of one direction)."""
    rows = groups[groups["direction"] == direction].sort_values("share", ascending=False)
    if rows.empty:
        return ""
    total = float(rows["migrants"].sum())
    if i18n.language() != i18n.DEFAULT_LANGUAGE:
        return _group_sentence_translated(rows, total, name, direction)
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
    first_share, _space, first_place = parts[0].partition(" ")
    parts[0] = f"{first_share} {verb} {first_place}"
    if direction == "emigrants":
        head = f"Of the {format_number(total)} emigrants from {name} in mid-2024, "
    else:
        head = f"Of the {format_number(total)} international migrants in {name} in mid-2024, "
    return head + _join(parts) + "."


def _percent(share: float) -> str:
    """A share as a whole percentage: "51%" ("51 %")."""
    if i18n.language() == i18n.DEFAULT_LANGUAGE:
        return f"{share:.0%}"
    return i18n.format_percent(round(share * 100), digits=0)


# Where a group of places is, in the sentence of a country's corridors (Russian and any language
# but English: one whole sentence per share, "51 % — в Европейском союзе").
_GROUP_PLACES = {
    "emigrants": {
        "SEEECA region": N_("{share} live in the SEEECA region"),
        "European Union": N_("{share} live in the European Union"),
        "Other or unknown": N_("{share} live in a destination UN DESA does not name"),
        None: N_("{share} live elsewhere"),
    },
    "immigrants": {
        "SEEECA region": N_("{share} come from the SEEECA region"),
        "European Union": N_("{share} come from the European Union"),
        "Other or unknown": N_("{share} come from an origin UN DESA does not name"),
        None: N_("{share} come from elsewhere"),
    },
}


def _group_sentence_translated(rows: pd.DataFrame, total: float, name: str, direction: str) -> str:
    places = _GROUP_PLACES[direction]
    parts = [
        _(places.get(group, places[None])).format(share=_percent(share))
        for group, share in zip(rows["place_group"], rows["share"], strict=True)
        if share >= 0.005
    ]
    if direction == "emigrants":
        head = ngettext(
            "Of the {total} emigrant from {name} in mid-2024: {shares}.",
            "Of the {total} emigrants from {name} in mid-2024: {shares}.",
            int(total),
        )
    else:
        head = ngettext(
            "Of the {total} international migrant in {name} in mid-2024: {shares}.",
            "Of the {total} international migrants in {name} in mid-2024: {shares}.",
            int(total),
        )
    return head.format(total=format_number(total), name=name, shares="; ".join(parts))


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]

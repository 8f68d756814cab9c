"""UN projections (WPP 2024) drawn as a dashed continuation with their 80% and 95% bands. Pure.

A projection is never joined to another edition's line: it is its own dashed trace, starting at
the same edition's last estimate (net migration 2023) or at its first projected year (population,
which WPP 2024 gives at 31 December), beside whatever history the chart shows. Bands are drawn
for single countries only: the bands of a sum of countries are not the sum of their bands (the
countries' uncertainties are not perfectly correlated, and WPP publishes no bounds for these
groupings), so a regional or subregional total is the sum of the medium variants, without a band.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.trends import hover_value, trend_figure, trend_table
from dashboard.content.trends import Aggregate, format_value, source_name
from dashboard.i18n import N_, _, d_
from dashboard.style import MUTED, PALETTE, REGION_COLOUR, TEMPLATE_NAME

# URL value -> the last projected year drawn ("off": none).
HORIZONS: dict[str, int | None] = {"2030": 2030, "2050": 2050, "off": None}
HORIZON_LABELS = {"2030": N_("To 2030"), "2050": N_("To 2050"), "off": N_("Off")}
DEFAULT_HORIZON = "2030"
META = "projection"  # every projection trace carries it, so a reader can tell them from history
# With more countries the bands overlap into one blur; the table still lists every bound.
BAND_COUNTRIES = 3
BAND_ALPHA = {"95": 0.12, "80": 0.24}
SUM_NOTE = N_(
    "The total of several countries is the sum of their medium-variant projections and has no "
    "band: the bands of a sum are not the sum of the countries' bands (their uncertainties are "
    "not perfectly correlated, so adding bounds would overstate the range), and WPP 2024 "
    "publishes no bounds for these groupings."
)


def _rgba(colour: str, alpha: float) -> str:
    colour = colour.lstrip("#")
    red, green, blue = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({red},{green},{blue},{alpha})"


def band_note(countries: int, bands: bool) -> str:
    """What the shaded areas are, or why there are none."""
    if bands:
        return _(
            "Shaded: the UN's 80% (darker) and 95% (lighter) projection intervals for each country."
        )
    return _(
        "The UN's 80% and 95% intervals are drawn when at most {limit} countries are selected "
        "({countries} are); the table lists them for every country."
    ).format(limit=BAND_COUNTRIES, countries=countries)


def _when(series: Mapping) -> str:
    return "" if series["reference"] == "calendar-year flow" else f" ({series['reference']})"


def projection_traces(
    rows: pd.DataFrame, series: Mapping, colours: Mapping[str, str], bands: bool
) -> list[dict]:
    """Per country (projection_by_country rows): the 95% and 80% bands when `bands`, then the
    dashed median from the last estimate on. One legend entry for all dashed lines."""
    hover = hover_value(series["unit"])
    traces: list[dict] = []
    first = True
    for country, group in rows.groupby("country", sort=False):
        colour = colours.get(country, MUTED)
        projected = group[~group["is_estimate"]]
        if bands and not projected.empty:
            for level in ("95", "80"):
                upper, lower = projected[f"upper_{level}"].tolist(), projected[f"lower_{level}"]
                years = projected["year"].tolist()
                traces.append(
                    {
                        "type": "scatter",
                        "x": years + years[::-1],
                        "y": upper + lower.tolist()[::-1],
                        "fill": "toself",
                        "mode": "lines",
                        "meta": META,
                        "fillcolor": _rgba(colour, BAND_ALPHA[level]),
                        "line": {"width": 0},
                        "hoverinfo": "skip",
                        "name": f"{country}: {level}% interval",
                        "legendgroup": f"band-{level}",
                        "showlegend": False,
                    }
                )
        intervals = [
            f"80%: {format_value(a, series['unit'])} to {format_value(b, series['unit'])}<br>"
            f"95%: {format_value(c, series['unit'])} to {format_value(d, series['unit'])}"
            if not estimate
            else "estimate (WPP 2024)"
            for a, b, c, d, estimate in zip(
                group["lower_80"].tolist(),
                group["upper_80"].tolist(),
                group["lower_95"].tolist(),
                group["upper_95"].tolist(),
                group["is_estimate"].tolist(),
                strict=True,
            )
        ]
        traces.append(
            {
                "type": "scatter",
                "x": group["year"].tolist(),
                "y": group["value"].tolist(),
                "customdata": intervals,
                "mode": "lines",
                "meta": META,
                "line": {"color": colour, "width": 2.5, "dash": "dash"},
                "name": d_(series["label"]),
                "legendgroup": "projection",
                "showlegend": first,
                "hovertemplate": f"<b>{country}</b>, {series['label']}{_when(series)}"
                f"<br>%{{x}}: {hover}<br>%{{customdata}}<extra></extra>",
            }
        )
        first = False
    return traces


def sum_traces(sums: Sequence[tuple[str, pd.DataFrame]], series: Mapping) -> list[dict]:
    """One dashed line per (scope label, projection_sum rows): the sum of medians, no band."""
    hover = hover_value(series["unit"])
    colours = (REGION_COLOUR, "#6B6B6B")
    return [
        {
            "type": "scatter",
            "x": rows["year"].tolist(),
            "y": rows["value"].tolist(),
            "customdata": rows["countries"].tolist(),
            "mode": "lines",
            "meta": META,
            "line": {"color": colours[index % len(colours)], "width": 4, "dash": "dot"},
            "name": _("{scope}: {projection}, summed over countries").format(
                scope=label, projection=d_(series["label"])
            ),
            "hovertemplate": f"<b>{label}</b>, sum of the countries' projections{_when(series)}"
            f"<br>%{{x}}: {hover}<br>%{{customdata}} countries; no interval for a sum"
            "<extra></extra>",
        }
        for index, (label, rows) in enumerate(sums)
    ]


def colours_of(countries: Sequence[str]) -> dict[str, str]:
    """The colour trends.trend_figure gives each country line (by order of appearance)."""
    return {country: PALETTE[index % len(PALETTE)] for index, country in enumerate(countries)}


def with_projection(
    figure: go.Figure,
    traces: Sequence[dict],
    first_projection_year: int,
    horizon: int,
) -> go.Figure:
    """`figure` with the projection traces, a divider before the first projected year and the x
    axis running to `horizon`."""
    combined = figure
    combined.add_traces(list(traces))
    combined.add_vline(
        x=first_projection_year - 0.5,
        line={"color": MUTED, "dash": "dot", "width": 1.5},
        annotation_text=_("UN projection"),
        annotation_position="top right",
    )
    combined.update_xaxes(range=[None, horizon + 0.5])
    combined.update_layout(legend={"groupclick": "togglegroup"})
    return combined


def trend_with_projection(
    series: pd.DataFrame,
    aggregates: Sequence[Aggregate],
    definition: Mapping,
    title: str,
    rows: pd.DataFrame,
    sums: Sequence[tuple[str, pd.DataFrame]],
    projection: Mapping,
    horizon: int,
) -> go.Figure:
    """The trends page's line chart (trends.trend_figure of the first four arguments) continued by
    each country's projection (projection_by_country rows), with bands when few countries are
    shown, and the sums of the selection's projections (no band)."""
    figure = trend_figure(series, aggregates, definition, title)
    bands = rows["iso3"].nunique() <= BAND_COUNTRIES
    drawn = series["country"].unique().tolist()
    order = drawn + [c for c in rows["country"].unique().tolist() if c not in drawn]
    traces = projection_traces(rows, projection, colours_of(order), bands)
    traces += sum_traces(sums, projection)
    return with_projection(figure, traces, int(projection["first_projection_year"]), horizon)


def country_projection_figure(
    history: Sequence[tuple[str, pd.DataFrame]],
    rows: pd.DataFrame,
    series: Mapping,
    horizon: int,
    title: str,
) -> go.Figure:
    """One country: its history lines ((name, rows with year and value), solid) and the UN
    projection with both bands; the low and high variants, where published, dotted."""
    figure = go.Figure()
    hover = hover_value(series["unit"])
    for index, (name, frame) in enumerate(history):
        figure.add_trace(
            go.Scatter(
                x=frame["year"],
                y=frame["value"],
                name=name,
                mode="lines",
                line={"color": (REGION_COLOUR, MUTED)[index % 2], "width": 2.5},
                hovertemplate=f"<b>{name}</b><br>%{{x}}: {hover}<extra></extra>",
            )
        )
    colour = PALETTE[0]
    traces = projection_traces(rows, series, {rows["country"].iloc[0]: colour}, True)
    projected = rows[~rows["is_estimate"]]
    for variant in ("low", "high"):
        if projected[variant].notna().any():
            traces.append(
                {
                    "type": "scatter",
                    "x": projected["year"].tolist(),
                    "y": projected[variant].tolist(),
                    "mode": "lines",
                    "meta": META,
                    "line": {"color": colour, "width": 1, "dash": "dot"},
                    "name": "Low and high variants",
                    "legendgroup": "variants",
                    "showlegend": variant == "low",
                    "hovertemplate": f"<b>{variant.title()} variant</b><br>%{{x}}: {hover}"
                    "<extra></extra>",
                }
            )
    for level in ("80", "95"):  # legend keys for the shaded areas
        traces.append(
            {
                "type": "scatter",
                "x": [None],
                "y": [None],
                "mode": "markers",
                "meta": META,
                "marker": {
                    "size": 12,
                    "symbol": "square",
                    "color": _rgba(colour, BAND_ALPHA[level] * 2),
                },
                "name": f"{level}% interval",
                "hoverinfo": "skip",
            }
        )
    figure.update_layout(
        template=TEMPLATE_NAME,
        title=title,
        height=380,
        hovermode="closest",
        yaxis_title=series["unit"],
        xaxis_title=None,
        margin={"t": 50},
    )
    return with_projection(figure, traces, int(series["first_projection_year"]), horizon)


def projection_table(
    rows: pd.DataFrame, sums: Sequence[tuple[str, pd.DataFrame]], series: Mapping
) -> pd.DataFrame:
    """The projection's data: per country the estimate or median with every bound and variant,
    then each sum (no bounds)."""
    unit = series["unit"]
    frames = [
        pd.DataFrame(
            {
                "series": rows["country"].array,
                "year": rows["year"].array,
                "kind": ["estimate" if e else "projection" for e in rows["is_estimate"].tolist()],
                f"value ({unit})": rows["value"].array,
                "95% lower": rows["lower_95"].array,
                "80% lower": rows["lower_80"].array,
                "80% upper": rows["upper_80"].array,
                "95% upper": rows["upper_95"].array,
                "low variant": rows["low"].array,
                "high variant": rows["high"].array,
            }
        )
    ]
    for label, summed in sums:
        frames.append(
            pd.DataFrame(
                {
                    "series": f"{label} (sum of {int(summed['countries'].max())} countries)",
                    "year": summed["year"].array,
                    "kind": [
                        "estimate" if e else "projection" for e in summed["is_estimate"].tolist()
                    ],
                    f"value ({unit})": summed["value"].array,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def trend_and_projection_table(
    series: pd.DataFrame,
    aggregates: Sequence[Aggregate],
    definition: Mapping,
    rows: pd.DataFrame,
    sums: Sequence[tuple[str, pd.DataFrame]],
    projection: Mapping,
) -> pd.DataFrame:
    """The trends chart's table (the history, trends.trend_table) followed by the projection's
    rows, each marked with its source."""
    history = trend_table(series, aggregates, definition).assign(source=source_name(definition))
    projected = projection_table(rows, sums, projection).assign(source=projection["label"])
    return pd.concat([history, projected], ignore_index=True)


def _persons(value: float) -> str:
    """Persons as read aloud: '31.8 million', '141.7 million', '-4,853', '1.15 million'."""
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:,.{1 if abs(value) >= 10_000_000 else 2}f} million"
    return f"{value:,.0f}"


def projection_sentence(rows: pd.DataFrame, series: Mapping, years: Sequence[int]) -> str:
    """What the UN projects for one country in the given years, with the 80% interval:
    'Net migration: -4,853 in 2030 (80% interval -148,441 to 56,931), ...'."""
    by_year = {
        int(year): (value, low, high)
        for year, value, low, high, estimate in zip(
            rows["year"].tolist(),
            rows["value"].tolist(),
            rows["lower_80"].tolist(),
            rows["upper_80"].tolist(),
            rows["is_estimate"].tolist(),
            strict=True,
        )
        if not estimate
    }
    parts = [
        f"{_persons(by_year[year][0])} in {year} (80% interval {_persons(by_year[year][1])} to "
        f"{_persons(by_year[year][2])})"
        for year in years
        if year in by_year
    ]
    if not parts:
        return ""
    return f"{series['name'].split(' (')[0]}{_when(series)}: {'; '.join(parts)}."


def source_text(series: Mapping) -> str:
    """The source line under a projection chart."""
    cited = series.get("cite_as") if hasattr(series, "get") else None
    if isinstance(cited, str) and cited:
        return f"{cited.rstrip('.')}. {series['name']}, {series['reference']}."
    return (
        f"{series['publisher']}, {series['source_title']} ({series['edition']}). Licence: "
        f"{series['licence']}. {series['name']}, {series['reference']}."
    )

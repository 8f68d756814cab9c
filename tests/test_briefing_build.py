"""How a briefing is built: its charts are what plotly's validation would make of them, and the
pieces it computes in plain Python (for speed) agree with the pandas and headline code they
replaced."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import briefing
from dashboard.content import overview as headlines
from dashboard.style import TEMPLATE_NAME

YEARS = (2000, 2025)


def scopes(con) -> list[briefing.Scope]:
    codes = tuple(
        row[0] for row in con.execute("select iso3 from dim_country order by iso3").fetchall()
    )
    return [
        briefing.Scope(codes, "the whole region", YEARS, whole_region=True),
        briefing.Scope(("SRB", "XKX", "ISR"), "three", (2010, 2020)),
        *(briefing.Scope((c,), c, YEARS, country=c) for c in ("UKR", "XKX", "ISR", "TKM")),
    ]


def validated(figure: go.Figure) -> go.Figure:
    """The figure rebuilt through plotly's validating API, its layout set in the same order (as
    update_layout(template=..., xaxis_title=None, ...) once built the charts)."""
    spec = figure.to_dict()
    reference = go.Figure(data=spec["data"])
    for key, value in spec["layout"].items():
        if key == "template":
            reference.update_layout(template=TEMPLATE_NAME)
            continue
        if isinstance(value, dict) and value.get("title") == {}:  # an axis title set to None
            reference.update_layout({f"{key}_title": None})
            value = {k: v for k, v in value.items() if k != "title"}
        reference.update_layout({key: value})
    return reference


def test_briefing_charts_are_what_plotly_would_validate(con):
    """The trend and funding charts are assembled unvalidated: validating them changes nothing,
    to the byte, and they carry the app's template."""
    checked = 0
    for scope in scopes(con):
        deck = briefing.build(briefing.load(briefing.direct(con), scope), "1 January 2026")
        for screen in deck.screens:
            if screen.figure is None:
                continue
            assert validated(screen.figure).to_json() == screen.figure.to_json(), screen.key
            assert screen.figure.layout.template.layout.font.family, "the template is expanded"
            checked += 1
    assert checked >= 20


def test_indicator_headlines_read_the_latest_rows_of_the_aggregate(con):
    """A headline is the last year with a value, the one before it and the series, as the
    indicator_aggregate rows of its code say (filtered, without gaps, oldest first)."""
    for scope in scopes(con):
        data = briefing.load(briefing.direct(con), scope)
        for code in data.shown(briefing.INDICATOR_CODES):
            item = headlines.headline_of(data.lines.get(code), data.definition[code])
            rows = data.aggregate[data.aggregate["indicator_code"] == code].dropna(subset=["value"])
            rows = rows.sort_values("year", kind="stable")
            assert item == headlines.headline(data.aggregate, data.definition[code])
            if rows.empty:
                assert item.year is None and item.value is None and item.series == []
                continue
            assert item.year == int(rows["year"].iloc[-1])
            assert item.value == float(rows["value"].iloc[-1])
            assert item.series == [float(v) for v in rows["value"]]
            assert item.countries_reporting == int(rows["countries_reporting"].iloc[-1])
            if len(rows) > 1:
                assert (item.previous_year, item.previous_value) == (
                    int(rows["year"].iloc[-2]),
                    float(rows["value"].iloc[-2]),
                )


def test_trend_table_is_the_pivot_of_the_aggregate(con):
    """Year by indicator as pivot_table gave it: years and indicators with a value, a year's
    first value, NaN for a gap; a value-less row or indicator is left out."""
    data = briefing.load(
        briefing.direct(con), briefing.Scope(("UKR",), "Ukraine", YEARS, country="UKR")
    )
    codes = ("undesa2020.migrant_stock", "undesa2020.emigrants", "unhcr.idps")
    aggregate = data.aggregate[data.aggregate["indicator_code"].isin(codes)]
    extra = aggregate.iloc[[0, 1, 2]].assign(value=[np.nan, 7.0, 9.0])  # a gap and a repeat
    extra["year"] = extra["year"].astype(aggregate["year"].dtype)
    extra.iloc[0, extra.columns.get_loc("year")] = 1900  # a year with no value at all
    aggregate = pd.concat([aggregate, extra], ignore_index=True)
    data = briefing.BriefingData(**{**vars(data), "aggregate": aggregate})
    names = data.definitions.set_index("indicator_code")["name"]
    expected = (
        aggregate.pivot_table(
            index="year", columns="indicator_code", values="value", aggfunc="first"
        )
        .reindex(columns=[c for c in codes if c in set(aggregate["indicator_code"])])
        .rename(columns=names.to_dict())
        .reset_index()
        .rename(columns={"year": "Year"})
    )
    table = briefing.trend_table(data, codes)
    pd.testing.assert_frame_equal(table, expected, check_exact=True)
    assert table.columns.name == expected.columns.name == "indicator_code"
    assert 1900 not in set(table["Year"])


@pytest.mark.parametrize("iso3", ["UKR", "ISR", "XKX"])
def test_funding_rank_reads_the_country_row(con, iso3):
    data = briefing.load(briefing.direct(con), briefing.Scope((iso3,), iso3, YEARS, country=iso3))
    rank = data.funding_rank
    row = data.funding_by_country.set_index("iso3").loc[iso3]
    assert rank.in_table == bool(row["in_table"])
    assert rank.rank == (None if pd.isna(row["rank"]) else int(row["rank"]))
    if rank.rank is not None:
        tied = data.funding_by_country[
            (data.funding_by_country["rank"] == rank.rank)
            & (data.funding_by_country["iso3"] != iso3)
        ]
        assert rank.tied_with == tuple(tied["name"])

"""Which elements carry the Kosovo footnote: any marked "Kosovo*" (or "Косово*") in what they
show, whatever holds the text."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import notes

PLAIN = pd.DataFrame({"country": ["Serbia", "Albania"], "value": [1.0, 2.0], "year": [2024, 2024]})


@pytest.mark.parametrize(
    "shown",
    [
        PLAIN.assign(country=["Serbia", "Kosovo*"]),  # Arrow-backed text
        PLAIN.assign(country=pd.Series(["Serbia", "Kosovo*"], dtype=object)),  # plain objects
        PLAIN.assign(country=pd.Series(["Serbia", "Косово*"], dtype=object)),
        PLAIN.assign(country=["Serbia", "Косово* (2024)"]),
        PLAIN.rename(columns={"value": "Kosovo* share"}),  # a heading
        PLAIN.assign(note=["", None]).assign(
            note=lambda f: f["note"].where(f.index == 0, "in Kosovo*")
        ),
        pd.Series(["Serbia", "Kosovo*"]),
        go.Figure(go.Bar(x=["Serbia", "Kosovo*"], y=[1, 2])),
        ["a caption", PLAIN.assign(country=["Serbia", "Kosovo*"])],
        "Kosovo*",
    ],
)
def test_kosovo_marked_anywhere_brings_the_footnote(shown):
    assert notes.mentions_kosovo(PLAIN, shown)
    assert notes.footnotes_for(shown)


@pytest.mark.parametrize(
    "shown",
    [
        PLAIN,
        PLAIN.assign(country=["Serbia", "Kosovo"]),  # unmarked: the page marks it, not the note
        PLAIN.assign(country=pd.Series(["Serbia", None], dtype=object)),
        PLAIN.assign(country=["Serbia", None]),
        pd.DataFrame(),
        go.Figure(go.Bar(x=["Serbia", "Albania"], y=[1, 2])),
    ],
)
def test_no_footnote_without_a_marked_kosovo(shown):
    assert not notes.mentions_kosovo(shown)
    assert notes.footnotes_for(shown) == []
    assert notes.footnotes_for(shown, iso3=("SRB", "XKX"))  # Kosovo drawn on a map

"""A map drawn as SVG reads its deck through CompactDeck.spec(), which skips writing and parsing
the deck's JSON: it must give exactly what that JSON round trip gives, for every deck the pages
draw, or the SVG map would silently differ from the deck it was laid out as."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from dashboard import maps
from dashboard.queries import names as name_queries
from dashboard.queries import offices as office_queries

SELECTIONS = [((), True), (("UKR",), False), (("SRB", "XKX", "MDA"), False)]


def _values(iso3: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {"iso3": iso3, "value": [float(n * 7 + 1) for n in range(len(iso3))], "year": 2024}
    )


def _lists_in_coordinates(value, inside: bool = False):
    if isinstance(value, dict):
        return {
            key: _lists_in_coordinates(item, key == "coordinates") for key, item in value.items()
        }
    if isinstance(value, list) or (inside and isinstance(value, tuple)):
        return [_lists_in_coordinates(item, inside) for item in value]
    return value


@pytest.mark.parametrize(("selected", "whole_region"), SELECTIONS)
def test_the_spec_of_every_map_deck_is_its_json_read_back(con, selected, whole_region):
    places = name_queries.country_labels(con)
    region = sorted(places["iso3"].tolist())
    offices = office_queries.offices_on_map(con, selected)
    indicator = (_values(region), "percent", "A share", True)
    decks = [
        maps.indicator_deck(_values(region), "persons", "Migrants", selected, whole_region, places),
        maps.trend_deck(
            _values(region), "persons", "Migrants", 2024, selected, whole_region, places
        ),
        maps.offices_deck(offices, selected, whole_region, None, places=places),
        maps.offices_deck(offices, selected, whole_region, indicator, places=places),
    ]
    for deck, _legend in decks:
        assert isinstance(deck, maps.CompactDeck)
        spec = deck.spec()
        # Coordinates are handed on as geo built them (tuples, which read the same as lists);
        # everything else must already be what JSON gives back. json.dumps without a default
        # refuses anything that is not plain JSON.
        assert _lists_in_coordinates(spec) == json.loads(deck.to_json())
        assert json.loads(json.dumps(spec)) == json.loads(deck.to_json())
        assert {layer["@@type"] for layer in spec["layers"]} >= {"GeoJsonLayer", "TextLayer"}

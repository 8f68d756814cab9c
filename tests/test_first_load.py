"""What the first load of a page sends that it need not: each country shape goes to the browser
once per map (the overview's choropleth covers the region, so its basemap carries only the
neighbours)."""

from __future__ import annotations

import json
from collections import Counter

from dashboard import geo, maps
from dashboard.queries import overview as q


def _iso3_per_layer(deck) -> dict[str, Counter]:
    spec = json.loads(deck.to_json())
    return {
        layer["id"]: Counter(f["properties"]["iso3"] for f in layer["data"]["features"])
        for layer in spec["layers"]
        if isinstance(layer.get("data"), dict) and "features" in layer["data"]  # country shapes
    }


def test_the_overview_map_sends_each_country_once(con):
    values = q.indicator_latest_by_country(con, "undesa2020.migrant_share", 2024)
    for selected, whole_region in (((), True), (("UKR", "MDA"), False)):
        deck, legend = maps.indicator_deck(values, "%", "Migrants", selected, whole_region)
        layers = _iso3_per_layer(deck)
        region = {f["properties"]["iso3"] for f in geo.region_shapes()["features"]}
        assert set(layers["choropleth"]) == region, "every country of the region is coloured"
        assert not region & set(layers["basemap"]), (
            "the basemap leaves the region to the layer above"
        )
        assert layers["basemap"], "the neighbours are still drawn"
        both = layers["basemap"] + layers["choropleth"]
        assert max(both.values()) == 1, (
            f"shapes sent twice: {[k for k, n in both.items() if n > 1]}"
        )
        assert not legend.empty

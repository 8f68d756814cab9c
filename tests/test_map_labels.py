"""Country and capital names on the maps (drawn offline by deck.gl's TextLayer), laid out for the
map's zoom: every country shown is named, no two names overlap (the Western Balkans included),
and every name lies inside the map at the widths the maps are drawn at on 1280-1920-px screens.
Against the real names table (dim_display_name through country_labels)."""

from __future__ import annotations

import pytest

from dashboard import geo, maps
from dashboard.queries import names

HEIGHT = maps.MAP_HEIGHT_PX  # the trends and overview maps' height in pixels
WIDTHS = (maps.NARROWEST_MAP_PX, 700, 900)  # a 3/5 column at 1280, 1600 and 1920 px


@pytest.fixture(scope="module")
def places(warehouse_path):
    import duckdb

    con = duckdb.connect(str(warehouse_path), read_only=True)
    yield names.country_labels(con)
    con.close()


def _label_boxes(layers, zoom: float) -> list[tuple[str, tuple[float, ...]]]:
    texts = next(layer for layer in layers if layer.id == "labels").data
    boxes = []
    for text in texts:
        x, y = maps.pixels(*text["position"], zoom)
        x, y = x + text["offset"][0], y + text["offset"][1]
        boxes.append((text["text"], maps._box(x, y, text["text"], text["size"], text["anchor"])))
    return boxes


SELECTIONS = {
    "whole region": None,
    "Western Balkans": ("ALB", "BIH", "XKX", "MNE", "MKD", "SRB"),
    "South Caucasus": ("ARM", "AZE", "GEO"),
    "Moldova and Ukraine": ("MDA", "UKR"),
}


@pytest.mark.parametrize("selection", list(SELECTIONS))
def test_every_country_is_named_once_without_overlap_inside_the_map(places, selection):
    iso3 = SELECTIONS[selection]
    whole = iso3 is None
    shown = tuple(maps.names_of(places)) if whole else iso3
    view = maps.view_for(iso3 or (), whole)
    layers = maps.overlay_layers(places, shown, view)
    boxes = _label_boxes(layers, view.zoom)
    drawn = [text for text, _ in boxes]
    wanted = [maps.names_of(places)[code] for code in shown]
    assert sorted(set(wanted) - set(drawn)) == [], "countries without a name on the map"
    assert len(drawn) == len(set(drawn)), "a name drawn twice"
    for index, (text, box) in enumerate(boxes):
        for other, other_box in boxes[index + 1 :]:
            overlap = (
                box[0] < other_box[2]
                and other_box[0] < box[2]
                and box[1] < other_box[3]
                and other_box[1] < box[3]
            )
            assert not overlap, f"{text!r} overlaps {other!r} ({selection})"
    centre_x, centre_y = maps.pixels(view.longitude, view.latitude, view.zoom)
    for width in WIDTHS:
        for text, (left, top, right, bottom) in boxes:
            assert centre_x - width / 2 <= left and right <= centre_x + width / 2, (text, width)
            assert centre_y - HEIGHT / 2 <= top and bottom <= centre_y + HEIGHT / 2, (text, width)


def test_kosovo_is_marked_and_its_boundary_with_serbia_dashed_over_white(places):
    view = maps.view_for(SELECTIONS["Western Balkans"], False)
    layers = {layer.id: layer for layer in maps.overlay_layers(places, ("XKX", "SRB"), view)}
    assert "Kosovo*" in {text["text"] for text in layers["labels"].data}
    _, shared = geo.kosovo_boundary()
    assert len(layers["kosovo-boundary-dashed"].data) > 10 * len(shared)  # cut into dashes
    assert layers["kosovo-boundary-gaps"].get_color == [255, 255, 255, 255]


def test_a_capital_with_an_office_keeps_its_name():
    """Kyiv's country office sits on the capital's dot: the name goes beside both."""
    from tests.apptest_helpers import open_page, svg_maps

    at = open_page("pages/map.py", {"country": ["UKR"]})
    (spec,) = svg_maps(at)
    assert {"Ukraine", "Kyiv"} <= {note["text"] for note in spec["layout"]["annotations"]}

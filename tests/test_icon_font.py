"""The icon font the proxy serves (dashboard.icon_font): every icon the code names and the ones
Streamlit's interface draws stay, each still drawn from its name; the rest are cut."""

from __future__ import annotations

import pytest
from fontTools.ttLib import TTFont

from dashboard import icon_font


@pytest.fixture(scope="module")
def original():
    return icon_font.icon_font_path(icon_font.streamlit_static())


@pytest.fixture(scope="module")
def cut(original, tmp_path_factory):
    out = tmp_path_factory.mktemp("fonts") / original.name
    static = icon_font.streamlit_static()
    names = icon_font.icons_named_in_code(icon_font.CODE) | icon_font.words_in_bundles(static)
    kept = icon_font.cut(original, names, out)
    return out, kept


def test_the_code_names_icons_and_each_one_exists(original):
    named = icon_font.icons_named_in_code(icon_font.CODE)
    assert {"arrow_back", "download", "slideshow", "help"} <= named
    drawable = icon_font.ligatures(TTFont(original))
    assert {"arrow_back", "keyboard_double_arrow_left"} <= set(drawable)
    # dashboard.inert's comment writes the syntax out (":material/name:"); nothing else is unknown
    assert named - set(drawable) <= {"name"}


def test_the_cut_keeps_every_icon_in_use_drawn_from_its_name(original, cut):
    out, kept = cut
    font = TTFont(out)
    drawn = icon_font.ligatures(font)
    in_code = icon_font.icons_named_in_code(icon_font.CODE) & set(
        icon_font.ligatures(TTFont(original))
    )
    interface = {"keyboard_double_arrow_left", "expand_more", "more_vert", "close", "search"}
    for name in in_code | interface:
        assert name in kept and name in drawn, name
        assert drawn[name] in font.getGlyphOrder()
    assert {chr(c) for c in font.getBestCmap()} >= icon_font.NAME_CHARACTERS


def test_the_cut_is_a_fraction_of_the_original(original, cut):
    out, kept = cut
    assert len(kept) < len(icon_font.ligatures(TTFont(original))) / 3
    assert out.read_bytes().startswith(b"wOF2")
    assert out.stat().st_size < original.stat().st_size / 3


def test_an_icon_left_out_is_gone(original, tmp_path):
    out = tmp_path / original.name
    icon_font.cut(original, {"arrow_back"}, out)
    drawn = icon_font.ligatures(TTFont(out))
    assert "arrow_back" in drawn and "arrow_forward" not in drawn

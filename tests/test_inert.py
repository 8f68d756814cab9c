"""The one escape for text from outside (dashboard.inert) and strict number parsing."""

from __future__ import annotations

import re

import pytest

from dashboard.inert import WORD_JOINER, inert, quoted
from dashboard.url_params import BY_NAME, parse_number

# A character that would start a markdown, GitHub or Streamlit construct if it were not escaped:
# anywhere in a line, or at its start (a heading, list item or setext underline).
INLINE = re.compile(r"[\[\]*`$<>&~|:\\]|(?<![^\W_])_|_(?![^\W_])")
LINE_START = re.compile(r"^\s*(?:[#+=-]|\d+[.)])", re.MULTILINE)
ESCAPED = re.compile(r"\\[!-/:-@\[-`{-~]")  # a backslash before ASCII punctuation


def live_constructs(markdown: str) -> list[str]:
    """Special characters left unescaped in `markdown`."""
    return INLINE.findall(ESCAPED.sub("", markdown)) + LINE_START.findall(markdown)


def test_live_constructs_are_found():
    assert live_constructs("![x](y) **b** $m$ :red[r] <b>") != []
    assert live_constructs("# heading") == ["#"]
    assert live_constructs("text\n 1. item") == [" 1."]
    assert live_constructs("plain text, 2015-2020 (USD 5)! outlook_page") == []
    assert live_constructs("_emphasis_") == ["_", "_"]


@pytest.mark.parametrize(
    "hostile",
    [
        "![x](http://evil.example/x.png)",
        "[Sign in again](http://evil.example/)",
        "**bold** _it_ ~~strike~~ `code`",
        ":red[red] :blue-background[x] :material/home: :smile:",
        "$x^2$ $$y$$",
        "<b>html</b> <img src=x onerror=alert(1)> &lt;entity&gt;",
        "# heading\n- item\n1. one\n> quote\n===\n| a | b |",
        "a\\*b \\\\ \\",
    ],
)
def test_inert_leaves_no_construct_alive(hostile):
    assert live_constructs(inert(hostile)) == []


@pytest.mark.parametrize(
    "link", ["http://evil.example/x", "HTTPS://evil.example", "www.evil.example", "a@evil.example"]
)
def test_inert_breaks_autolinks_which_survive_escapes(link):
    # GitHub autolinks ignore backslashes ("http\://x" is still a link): an invisible word joiner
    # splits the scheme, "www." or "@" so no link is made.
    assert WORD_JOINER in inert(link)


def test_inert_breaks_streamlit_icons_even_when_colons_are_escaped():
    assert inert(":material/home:") == f"\\:{WORD_JOINER}material/home\\:"


def test_inert_keeps_the_visible_characters():
    text = "Türkiye: 1,234 (2020); see www.iom.int & https://x.example."
    unescaped = re.sub(r"\\(.)", r"\1", inert(text)).replace(WORD_JOINER, "")
    assert unescaped == text


def test_inert_drops_direction_overrides_and_control_characters():
    assert inert("\u202eABC\x00D\x1b") == "ABCD"


def test_quoted_shortens_and_says_the_length():
    assert quoted("ZZZ") == "'ZZZ'"
    assert quoted("x" * 10_000) == f"{'x' * 40!r}... (10,000 characters)"
    assert quoted("a\nb") == "'a\\nb'"  # control characters visible, not a new paragraph


@pytest.mark.parametrize(
    "text",
    ["\u00b2", "\u00b2\u2070", "\u0661\u0669", "\uff11", "1.0", "-1", "+1", " 1", "1e3", "", "0x1"],
)
def test_numbers_are_ascii_digits_only(text):
    assert parse_number(text, 4) is None


def test_numbers_within_their_digits():
    assert parse_number("7", 3) == 7
    assert parse_number("007", 3) == 7
    assert parse_number("1234", 3) is None
    years = BY_NAME["years"]
    assert years.parse("2020") == 2020
    assert years.parse("\u00b2\u2070\u00b2\u2070") is None
    assert years.parse("20201") is None

"""The fonts the app, its charts and its PDF exports draw with cover Russian: the Cyrillic
alphabet and the punctuation and spaces Russian texts use («», №, dashes, no-break spaces)."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit
from fontTools.ttLib import TTFont

from dashboard import style

RUSSIAN = (
    {chr(code) for code in range(0x0410, 0x0450)}  # А..я
    | set("Ёё«»№–—…")
    | {"\u00a0", "\u202f"}  # no-break spaces inside numbers and dates
)
MEDIA = Path(streamlit.__file__).parent / "static" / "static" / "media"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def missing(font: Path) -> list[str]:
    covered = TTFont(font).getBestCmap()
    return sorted(char for char in RUSSIAN if ord(char) not in covered)


@pytest.mark.parametrize("pattern", ["SourceSansVF-Upright*.woff2", "SourceSansVF-Italic*.woff2"])
def test_the_apps_bundled_font_covers_russian(pattern):
    """Streamlit's own Source Sans (served by the app itself, no CDN) draws every page."""
    fonts = sorted(MEDIA.glob(pattern))
    assert fonts, f"Streamlit no longer bundles {pattern} in {MEDIA}: check the app's font"
    assert not missing(fonts[0]), missing(fonts[0])


def test_charts_ask_for_the_bundled_font_first():
    css = next((MEDIA.parent / "css").glob("index.*.css")).read_text(encoding="utf-8")
    assert "font-family:Source Sans;" in css, "Streamlit declares its font under another name"
    assert style.FONT_FAMILY.startswith('"Source Sans",')


@pytest.mark.skipif(not DEJAVU.exists(), reason="fonts-dejavu-core not installed")
def test_the_pdf_font_covers_russian():
    assert not missing(DEJAVU)

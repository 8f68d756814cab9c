"""A smaller icon font for the proxy to serve: Streamlit's Material Symbols font cut down to the
icons the dashboard and Streamlit's own interface can show.

Every Streamlit page loads MaterialSymbols-Rounded (365 KB of woff2, already compressed, more
than all of a page's compressed JavaScript is beyond the first few bundles) for a few dozen of its
4,000 icons. An icon is drawn from its name by a ligature ("arrow_back" typed in that font is one
glyph), so the cut keeps the letters, digits and underscore, and the icons whose names appear in
the dashboard's code (written ":material/<name>:") or anywhere in Streamlit's JavaScript bundles (which
name every icon the interface draws: a superset, since any word that happens to be an icon name
is kept too). A name that is neither would draw as its letters: the proxy browser test checks
that every icon on every page is drawn as one glyph.

    python -m dashboard.icon_font OUT_DIR     # writes OUT_DIR/<the font's own file name>

Run by scripts/serve.sh at each start (about 2 s), so a new icon in the code is always in the
font nginx serves. Pure: no streamlit import (Streamlit's files are found by path).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

FONT_GLOB = "MaterialSymbols-Rounded*.woff2"
ICON_IN_CODE = re.compile(r":material/([a-z0-9_]+):")
WORD = re.compile(r"[a-z0-9_]{2,60}")
# What an icon's name is typed with (the ligatures' components).
NAME_CHARACTERS = set("abcdefghijklmnopqrstuvwxyz0123456789_")

PROJECT = Path(__file__).resolve().parents[2]
CODE = (PROJECT / "src", PROJECT / "pages", PROJECT / "app.py")


def streamlit_static() -> Path:
    """Streamlit's built frontend (found without importing streamlit)."""
    spec = importlib.util.find_spec("streamlit")
    if spec is None or spec.origin is None:
        raise RuntimeError("streamlit is not installed")
    return Path(spec.origin).parent / "static"


def icon_font_path(static: Path) -> Path:
    fonts = sorted((static / "static" / "media").glob(FONT_GLOB))
    if len(fonts) != 1:
        raise RuntimeError(f"expected one {FONT_GLOB} in {static}, found {len(fonts)}")
    return fonts[0]


def icons_named_in_code(paths: Iterable[Path]) -> set[str]:
    """The icon names the dashboard's code uses (written ":material/<name>:")."""
    files = [p for path in paths for p in ([path] if path.is_file() else path.rglob("*.py"))]
    return {name for file in files for name in ICON_IN_CODE.findall(file.read_text("utf-8"))}


def words_in_bundles(static: Path) -> set[str]:
    """Every lower-case word in Streamlit's JavaScript bundles."""
    return {
        word
        for bundle in (static / "static" / "js").glob("*.js")
        for word in WORD.findall(bundle.read_text("utf-8", errors="ignore"))
    }


def ligatures(font: TTFont) -> dict[str, str]:
    """Each icon's name -> the glyph the font draws for it."""
    character_of = {glyph: chr(code) for code, glyph in font.getBestCmap().items()}
    found: dict[str, str] = {}
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for table in lookup.SubTable:
            table = getattr(table, "ExtSubTable", table)  # an extension lookup wraps its table
            for first, ligature_list in getattr(table, "ligatures", {}).items():
                for ligature in ligature_list:
                    name = "".join(
                        character_of.get(glyph, "\0") for glyph in (first, *ligature.Component)
                    )
                    found.setdefault(name, ligature.LigGlyph)
    return found


def cut(font_path: Path, names: set[str], out: Path) -> set[str]:
    """Write to `out` the font with only the icons in `names` (and what typing a name needs);
    returns the names kept."""
    font = TTFont(font_path)
    by_name = ligatures(font)
    kept = names & set(by_name)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    # Only the glyphs asked for: with closure, every ligature of the letters would come back.
    options.layout_closure = False
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    subsetter = subset.Subsetter(options)
    typed_with = [c for c, _glyph in font.getBestCmap().items() if chr(c) in NAME_CHARACTERS]
    subsetter.populate(glyphs=sorted({by_name[name] for name in kept}), unicodes=typed_with)
    subsetter.subset(font)
    font.flavor = "woff2"
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(out)
    return kept


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.split("\n\n")[2], file=sys.stderr)
        return 2
    static = streamlit_static()
    original = icon_font_path(static)
    out = Path(argv[0]) / original.name
    kept = cut(original, icons_named_in_code(CODE) | words_in_bundles(static), out)
    print(
        f"{out}: {len(kept)} icons, {out.stat().st_size // 1024} KB "
        f"(Streamlit's: {original.stat().st_size // 1024} KB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Briefing exports: a PowerPoint deck, the same deck as PDF, and PNG charts, all rendered offline.

Pure (no streamlit). Charts become PNGs through kaleido driving the system Chromium (never a
downloaded one; MathJax off and plotly.js from the installed package, so no page is fetched). The
PDF is drawn with Pillow from the same PNGs, one 16:9 page per slide, so it needs no extra library.

`python -m dashboard.exports --country UKR` builds a deck outside the app and prints the timings.
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import functools
import io
import os
import shutil
import threading
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import plotly
import plotly.graph_objects as go
from PIL import Image, ImageDraw, ImageFont
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.util import Emu, Inches, Pt

from dashboard.briefing import Briefing, Screen
from dashboard.style import IOM_BLUE, MUTED, REGION_COLOUR

BROWSER_ENV = "BROWSER_PATH"
SYSTEM_BROWSERS = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome")
INSTALL_HINT = (
    "Exports draw charts with a headless Chromium, and none was found{where}. Install it "
    "(Debian/Ubuntu: `apt-get install -y chromium`) or set the environment variable "
    f"{BROWSER_ENV} to a Chrome or Chromium executable, then restart the app. The dashboard "
    "itself works without it; the charts' camera icon still saves a PNG in the browser."
)
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
RENDER_TIMEOUT_S = 90

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
PDF_MIME = "application/pdf"

# One 16:9 slide, in inches; the PDF page is the same slide at PDF_DPI.
SLIDE_W, SLIDE_H = 13.333, 7.5
MARGIN = 0.6
BODY_TOP, BODY_BOTTOM = 1.45, 6.55  # below a title of up to two lines
SUBTITLE_SPACE = 0.45
PDF_DPI = 144
CHART_PX = (1200, 520)  # CSS pixels of an exported chart; rendered at CHART_SCALE
CHART_SCALE = 2
CHART_FONT = 20
# style.FONT_FAMILY lists "Source Sans 3", which CSS cannot parse unquoted (a name part starting
# with a digit), so Chromium drops the whole list and draws serif; exports name installed fonts.
EXPORT_FONT_FAMILY = "Liberation Sans, Arial, DejaVu Sans, sans-serif"
LIGHT_FILL = "#F3F6FA"
PPTX_FONT = "Arial"  # on every PowerPoint; Liberation Sans (used to measure) shares its metrics
FONT_DIRS = (Path("/usr/share/fonts/truetype/liberation"), Path("/usr/share/fonts/truetype/dejavu"))
FONT_FILES = {
    False: ("LiberationSans-Regular.ttf", "DejaVuSans.ttf"),
    True: ("LiberationSans-Bold.ttf", "DejaVuSans-Bold.ttf"),
}

Progress = Callable[[int, int, str], None]


class RendererUnavailable(RuntimeError):
    """No headless browser to draw charts with; the message says how to get one."""


def _is_executable(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def renderer_path() -> str | None:
    """The Chromium to render with: $BROWSER_PATH if set (and only it), else a system install."""
    chosen = os.environ.get(BROWSER_ENV)
    if chosen is not None:
        return chosen if _is_executable(chosen) else None
    for candidate in SYSTEM_BROWSERS:
        if _is_executable(candidate):
            return candidate
    found = (shutil.which(name) for name in BROWSER_NAMES)
    return next((path for path in found if path), None)


def renderer_problem() -> str | None:
    """Why exports cannot render charts here, in words a user can act on; None when they can."""
    if renderer_path() is not None:
        return None
    chosen = os.environ.get(BROWSER_ENV)
    where = f" ({BROWSER_ENV}={chosen!r} is not an executable file)" if chosen is not None else ""
    return INSTALL_HINT.format(where=where)


def offline_page():
    """kaleido's render page with plotly.js from the installed package and MathJax off: by default
    kaleido would load MathJax from a CDN, which an offline machine cannot reach."""
    import kaleido

    return kaleido.PageGenerator(plotly=PLOTLY_JS.as_uri(), mathjax=False)


class ChartRenderer:
    """A headless Chromium kept open (via kaleido) that turns plotly figures into PNG bytes.

    Starting the browser costs about two seconds; each chart afterwards a fraction of one, so the
    app keeps one renderer warm. kaleido runs on its own event loop in a daemon thread, which keeps
    it independent of Streamlit's threads; calls from several sessions queue on that loop.
    """

    def __init__(self, browser: str | None = None) -> None:
        path = browser or renderer_path()
        if path is None or not _is_executable(path):
            raise RendererUnavailable(
                renderer_problem() or INSTALL_HINT.format(where=f" at {path}")
            )
        self.browser = path
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="kaleido-renderer", daemon=True
        )
        self._thread.start()
        self._kaleido = None
        atexit.register(self.close)  # never leave a Chromium behind when the app stops
        try:
            self._kaleido = self._call(self._open(path))
        except Exception as error:
            self.close()
            raise RendererUnavailable(
                f"Chromium at {path} could not be started for exports ({error})."
            ) from error

    @staticmethod
    async def _open(path: str):
        import kaleido  # late: importing it is slow and only exports need it

        renderer = kaleido.Kaleido(
            path=path, page_generator=offline_page(), timeout=RENDER_TIMEOUT_S
        )
        await renderer.open()
        return renderer

    def _call(self, coroutine: Coroutine) -> Any:
        future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        try:
            return future.result(timeout=RENDER_TIMEOUT_S + 10)
        except TimeoutError as error:
            future.cancel()
            raise RendererUnavailable("Chart rendering timed out; try the export again.") from error

    @property
    def alive(self) -> bool:
        return self._kaleido is not None and self._thread.is_alive()

    def png(
        self,
        figure: go.Figure,
        width: int = CHART_PX[0],
        height: int = CHART_PX[1],
        scale: int = CHART_SCALE,
    ) -> bytes:
        """The figure as PNG bytes at width x height CSS pixels times scale."""
        if not self.alive:
            raise RendererUnavailable("The chart renderer has stopped; try the export again.")
        options = {"format": "png", "width": width, "height": height, "scale": scale}
        return self._call(self._kaleido.calc_fig(figure, opts=options))

    def close(self) -> None:
        if self._kaleido is not None:
            try:
                self._call(self._kaleido.close())
            except Exception:  # noqa: BLE001 - closing a broken browser must not raise
                pass
            self._kaleido = None
        if self._loop.is_running():
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

    def __enter__(self) -> ChartRenderer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def slide_figure(figure: go.Figure) -> go.Figure:
    """A copy of the figure sized for a slide: larger type, the insight is the slide's title."""
    copy = go.Figure(figure)
    copy.update_layout(
        font={"size": CHART_FONT, "family": EXPORT_FONT_FAMILY},
        title={"font": {"size": CHART_FONT + 2}},
        legend={"font": {"size": CHART_FONT - 2}},
        margin={"l": 20, "r": 30, "t": 60, "b": 20},
    )
    return copy


def render_charts(
    briefing: Briefing, renderer: ChartRenderer | None = None, progress: Progress | None = None
) -> dict[str, bytes]:
    """PNG bytes of every chart of the briefing, by screen key (opens a renderer if none given)."""
    figures = briefing.figures
    if renderer is None:
        with ChartRenderer() as own:
            return render_charts(briefing, own, progress)
    images = {}
    for done, (key, figure) in enumerate(figures.items()):
        if progress:
            progress(done, len(figures), figure.layout.title.text or key)
        images[key] = renderer.png(slide_figure(figure))
    if progress:
        progress(len(figures), len(figures), "charts rendered")
    return images


def _sources_line(screen: Screen) -> str:
    return "Source: " + "; ".join(screen.sources) if screen.sources else ""


def _fit_picture(png: bytes, width: float, height: float) -> tuple[float, float]:
    """Width and height (inches) of the image scaled to fit the box, keeping its aspect ratio."""
    with Image.open(io.BytesIO(png)) as image:
        ratio = image.width / image.height
    return (width, width / ratio) if width / ratio <= height else (height * ratio, height)


# --- slide layout, shared by the PowerPoint and the PDF ---------------------------------------

Paragraph = tuple[str, int, bool, str]  # text, size in pt, bold, colour


@dataclass(frozen=True)
class Box:
    left: float  # inches from the slide's top-left corner
    top: float
    width: float
    height: float


@dataclass(frozen=True)
class Shape:
    box: Box
    fill: str
    outline: str | None = None
    rounded: bool = False


@dataclass(frozen=True)
class Text:
    box: Box
    paragraphs: tuple[Paragraph, ...]
    shrink: bool = True  # shrink the type until the text fits the box


@dataclass(frozen=True)
class Picture:
    box: Box
    png: bytes


def _layout(
    screen: Screen, number: int, total: int, images: dict[str, bytes]
) -> list[Shape | Text | Picture]:
    """Where everything of one slide goes; both backends draw exactly this."""
    full = SLIDE_W - 2 * MARGIN
    items: list[Shape | Text | Picture] = [Shape(Box(0, 0, SLIDE_W, 0.12), IOM_BLUE)]
    if screen.kind == "title":
        items.append(
            Text(
                Box(MARGIN + 0.2, 2.2, full - 0.4, 1.4), ((screen.title, 40, True, REGION_COLOUR),)
            )
        )
        items.append(
            Text(
                Box(MARGIN + 0.2, 3.7, full - 0.4, 2.4),
                (
                    (screen.text, 22, False, IOM_BLUE),
                    *((p, 16, False, MUTED) for p in screen.points),
                ),
            )
        )
    else:
        items.append(Text(Box(MARGIN, 0.35, full, 1.0), ((screen.title, 28, True, REGION_COLOUR),)))
        if screen.text:
            items.append(Text(Box(MARGIN, 1.3, full, 0.45), ((screen.text, 16, False, MUTED),)))
    body_top = BODY_TOP + (SUBTITLE_SPACE if screen.text else 0)
    if screen.kind == "kpis":
        columns, gap = 3, 0.25
        width = (full - gap * (columns - 1)) / columns
        height = (BODY_BOTTOM - body_top - gap) / 2
        for index, kpi in enumerate(screen.kpis[:6]):
            card = Box(
                MARGIN + (index % columns) * (width + gap),
                body_top + (index // columns) * (height + gap),
                width,
                height,
            )
            items.append(Shape(card, LIGHT_FILL, "#D5DCE6", rounded=True))
            items.append(
                Text(
                    Box(card.left + 0.15, card.top + 0.1, width - 0.3, height - 0.2),
                    (
                        (kpi.label, 14, False, REGION_COLOUR),
                        (kpi.value, 30, True, IOM_BLUE),
                        (kpi.detail, 12, False, REGION_COLOUR),
                        ("Source: " + kpi.source if kpi.source else "", 9, False, MUTED),
                    ),
                )
            )
    elif screen.kind in {"map", "chart"} and screen.key in images:
        notes = [n for n in screen.notes[:1] if n]
        height = BODY_BOTTOM - body_top - (0.55 if notes else 0)
        width, picture_height = _fit_picture(images[screen.key], full, height)
        items.append(
            Picture(Box((SLIDE_W - width) / 2, body_top, width, picture_height), images[screen.key])
        )
        if notes:
            items.append(
                Text(Box(MARGIN, BODY_BOTTOM - 0.5, full, 0.55), ((notes[0], 11, False, MUTED),))
            )
    elif screen.kind in {"points", "sources"}:
        size = 22 if screen.kind == "points" else 15  # the fitting shrinks it if need be
        paragraphs = [("• " + p, size, False, REGION_COLOUR) for p in screen.points]
        if screen.notes and screen.kind == "sources":
            paragraphs.append(("Data-quality notes", size, True, REGION_COLOUR))
            paragraphs += [("• " + n, max(size - 2, 10), False, MUTED) for n in screen.notes]
        items.append(
            Text(Box(MARGIN, body_top, full, BODY_BOTTOM - body_top + 0.1), tuple(paragraphs))
        )
    if screen.kind not in {"sources", "kpis"} and screen.sources:
        items.append(
            Text(Box(MARGIN, 6.7, full - 1.0, 0.7), ((_sources_line(screen), 10, False, MUTED),))
        )
    items.append(
        Text(
            Box(SLIDE_W - MARGIN - 0.9, 7.0, 0.9, 0.35),
            ((f"{number} / {total}", 10, False, MUTED),),
            shrink=False,
        )
    )
    return items


# --- PowerPoint --------------------------------------------------------------------------------


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def _pptx_draw(slide, item: Shape | Text | Picture) -> None:
    left, top = Inches(item.box.left), Inches(item.box.top)
    width, height = Inches(item.box.width), Inches(item.box.height)
    if isinstance(item, Picture):
        slide.shapes.add_picture(io.BytesIO(item.png), left, top, width, height)
    elif isinstance(item, Shape):
        shape = slide.shapes.add_shape(
            MSO_SHAPE.ROUNDED_RECTANGLE if item.rounded else MSO_SHAPE.RECTANGLE,
            left,
            top,
            width,
            height,
        )
        if item.rounded:
            shape.adjustments[0] = 0.06
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(item.fill)
        if item.outline:
            shape.line.color.rgb = _rgb(item.outline)
        else:
            shape.line.fill.background()
    else:
        frame = slide.shapes.add_textbox(left, top, width, height).text_frame
        frame.word_wrap = True
        frame.vertical_anchor = MSO_ANCHOR.TOP
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        shrink = _fit(item)[0]  # the same type scale as the PDF page
        paragraphs = [p for p in item.paragraphs if p[0]]
        for index, (text, size, bold, colour) in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            paragraph.text = text
            paragraph.line_spacing = 1.0  # single: about LINE_SPACING x the size, as measured
            paragraph.space_after = Pt(size * shrink * PARAGRAPH_GAP)
            for run in paragraph.runs:
                run.font.name = PPTX_FONT
                run.font.size = Pt(round(size * shrink, 1))
                run.font.bold = bold
                run.font.color.rgb = _rgb(colour)


def pptx_bytes(briefing: Briefing, images: dict[str, bytes]) -> bytes:
    """The briefing as a 16:9 PowerPoint deck, one slide per screen, charts as pictures."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(Inches(SLIDE_W)), Emu(Inches(SLIDE_H))
    deck.core_properties.title = briefing.title
    deck.core_properties.subject = briefing.subtitle
    deck.core_properties.author = "SEEECA Migration Outlook"
    total = len(briefing.screens)
    for number, screen in enumerate(briefing.screens, start=1):
        slide = deck.slides.add_slide(deck.slide_layouts[6])  # blank
        for item in _layout(screen, number, total, images):
            _pptx_draw(slide, item)
        slide.notes_slide.notes_text_frame.text = "\n".join([*screen.sources, *screen.notes])
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


# --- PDF (Pillow) ------------------------------------------------------------------------------


@functools.cache
def _font(size_pt: float, bold: bool = False) -> ImageFont.FreeTypeFont:
    pixels = round(size_pt * PDF_DPI / 72)
    for directory in FONT_DIRS:
        for name in FONT_FILES[bold]:
            if (directory / name).exists():
                return ImageFont.truetype(str(directory / name), pixels)
    return ImageFont.load_default(pixels)  # Pillow's bundled font: always there


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}".strip()
            if font.getlength(candidate) <= width or not line:
                line = candidate
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def _px(inches: float) -> int:
    return round(inches * PDF_DPI)


SHRINK_STEPS = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)
LINE_SPACING = 1.2  # of the font size: PowerPoint's single spacing for Arial
PARAGRAPH_GAP = 0.35  # of the font size, after each paragraph


def _fit(item: Text) -> tuple[float, list[tuple[str, ImageFont.FreeTypeFont, str, float]]]:
    """The type scale at which the paragraphs fit their box, and the wrapped lines at that scale.

    Measured with Liberation Sans, which has Arial's metrics: the PowerPoint (in Arial) and the PDF
    break lines in the same places.
    """
    for shrink in SHRINK_STEPS if item.shrink else (1.0,):
        lines, y = [], 0.0
        for text, size, bold, colour in item.paragraphs:
            if not text:
                continue
            font = _font(size * shrink, bold)
            for line in _wrap(text, font, _px(item.box.width)):
                lines.append((line, font, colour, y))
                y += size * shrink * LINE_SPACING / 72
            y += size * shrink * PARAGRAPH_GAP / 72
        if y <= item.box.height:
            break
    return shrink, lines


def _pdf_text(draw: ImageDraw.ImageDraw, item: Text) -> None:
    for line, font, colour, offset in _fit(item)[1]:
        draw.text((_px(item.box.left), _px(item.box.top + offset)), line, font=font, fill=colour)


def _pdf_page(items: list[Shape | Text | Picture]) -> Image.Image:
    page = Image.new("RGB", (_px(SLIDE_W), _px(SLIDE_H)), "white")
    draw = ImageDraw.Draw(page)
    for item in items:
        corners = (
            _px(item.box.left),
            _px(item.box.top),
            _px(item.box.left + item.box.width),
            _px(item.box.top + item.box.height),
        )
        if isinstance(item, Picture):
            with Image.open(io.BytesIO(item.png)) as chart:
                fitted = chart.convert("RGB").resize(
                    (corners[2] - corners[0], corners[3] - corners[1]),
                    Image.Resampling.LANCZOS,
                    reducing_gap=2.0,
                )
            page.paste(fitted, corners[:2])
        elif isinstance(item, Shape):
            if item.rounded:
                draw.rounded_rectangle(
                    corners, radius=_px(0.1), fill=item.fill, outline=item.outline, width=2
                )
            else:
                draw.rectangle(corners, fill=item.fill, outline=item.outline)
        else:
            _pdf_text(draw, item)
    return page


def pdf_bytes(briefing: Briefing, images: dict[str, bytes]) -> bytes:
    """The briefing as a PDF with one landscape 16:9 page per slide (Pillow, no extra library)."""
    total = len(briefing.screens)
    pages = [
        _pdf_page(_layout(s, n, total, images)) for n, s in enumerate(briefing.screens, start=1)
    ]
    out = io.BytesIO()
    pages[0].save(
        out,
        "PDF",
        save_all=True,
        append_images=pages[1:],
        resolution=PDF_DPI,
        quality=90,
        title=briefing.title,
        author="SEEECA Migration Outlook",
    )
    return out.getvalue()


# --- one call for the app, scripts and the benchmark ------------------------------------------


@dataclass(frozen=True)
class Export:
    pptx: bytes
    pdf: bytes
    pngs: dict[str, bytes]
    seconds: float


def export(
    briefing: Briefing, renderer: ChartRenderer | None = None, progress: Progress | None = None
) -> Export:
    """Charts rendered once, then both the PowerPoint and the PDF built from them."""
    start = time.perf_counter()
    images = render_charts(briefing, renderer, progress)
    if progress:
        progress(len(images), len(images), "assembling the PowerPoint deck and the PDF")
    return Export(
        pptx_bytes(briefing, images),
        pdf_bytes(briefing, images),
        images,
        time.perf_counter() - start,
    )


def build_deck(
    briefing: Briefing,
    fmt: str = "pptx",
    renderer: ChartRenderer | None = None,
    progress: Progress | None = None,
) -> bytes:
    """The briefing as 'pptx' or 'pdf' bytes; callable without streamlit."""
    builders = {"pptx": pptx_bytes, "pdf": pdf_bytes}
    if fmt not in builders:
        raise ValueError(f"Unknown export format {fmt!r}; use 'pptx' or 'pdf'.")
    return builders[fmt](briefing, render_charts(briefing, renderer, progress))


def benchmark(iso3: str | None = None, warm_runs: int = 2) -> dict[str, float]:
    """Time a cold export (browser start included) and warm ones, print and return the seconds."""
    from datetime import date

    from dashboard import briefing as briefings
    from dashboard import db

    con = db.connect_read_only()
    try:
        names = dict(con.execute("select iso3, name from dim_country order by iso3").fetchall())
        if iso3:
            scope = briefings.Scope((iso3,), names[iso3], (2000, 2025), country=iso3)
        else:
            scope = briefings.Scope(
                tuple(names), "the whole region", (2000, 2025), whole_region=True
            )
        start = time.perf_counter()
        deck = briefings.build(
            briefings.load(briefings.direct(con), scope), date.today().isoformat()
        )
        timings = {"briefing": time.perf_counter() - start}
    finally:
        con.close()
    start = time.perf_counter()
    with ChartRenderer() as renderer:
        timings["renderer_start"] = time.perf_counter() - start
        for run in range(warm_runs + 1):
            result = export(deck, renderer)
            timings["export_first" if run == 0 else f"export_warm_{run}"] = result.seconds
    for name, seconds in timings.items():
        print(f"{name:>20}: {seconds:6.2f} s")
    print(
        f"{'slides':>20}: {len(deck.screens)}; charts: {len(deck.figures)}; "
        f"pptx {len(result.pptx) / 1e6:.1f} MB; pdf {len(result.pdf) / 1e6:.1f} MB"
    )
    return timings


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description="Build a briefing deck outside the app and time it."
    )
    parser.add_argument("--country", help="ISO3 code (default: the whole region)")
    parser.add_argument("--out", type=Path, help="write the deck here (.pptx or .pdf)")
    args = parser.parse_args(argv)
    if args.out is None:
        benchmark(args.country)
        return
    from datetime import date

    from dashboard import briefing as briefings
    from dashboard import db

    con = db.connect_read_only()
    names = dict(con.execute("select iso3, name from dim_country").fetchall())
    if args.country:
        scope = briefings.Scope(
            (args.country,), names[args.country], (2000, 2025), country=args.country
        )
    else:
        scope = briefings.Scope(tuple(names), "the whole region", (2000, 2025), whole_region=True)
    deck = briefings.build(briefings.load(briefings.direct(con), scope), date.today().isoformat())
    con.close()
    start = time.perf_counter()
    args.out.write_bytes(build_deck(deck, args.out.suffix.lstrip(".").lower()))
    print(f"{args.out}: {len(deck.screens)} slides in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()

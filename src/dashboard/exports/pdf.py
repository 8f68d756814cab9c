"""The briefing as a PDF: real text in an embedded font, charts as vector graphics. Pure.

Drawn with reportlab from the same slide layout as the PowerPoint, one 16:9 page per slide, so
the text can be searched, copied and read aloud. The font is DejaVu Sans (Debian's
fonts-dejavu-core, installed by scripts/setup_env.sh), embedded as a subset; it covers Latin,
Cyrillic and Greek.
"""

from __future__ import annotations

import functools
import io
import math
from pathlib import Path

from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdf_canvas

from dashboard.briefing import Briefing
from dashboard.changes import decimal
from dashboard.charts.spec import ChartSpec
from dashboard.exports import layout
from dashboard.i18n import _, language
from dashboard.style import MUTED, REGION_COLOUR

MIME = "application/pdf"
FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts"),
)
FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}
FONT_HINT = (
    "The PDF export embeds DejaVu Sans and it was not found. Install it (Debian/Ubuntu: "
    "`apt-get install -y fonts-dejavu-core`)."
)
CHART_TITLE_PT = 16
LABEL_PT = 14
MIN_PT = layout.MIN_LABEL_PT
GRID = "#E5E9F0"
AXIS = "#C0C7D2"
FRAME = "#D5DCE6"
PAD = 0.15  # inches inside a chart's frame


class FontUnavailable(RuntimeError):
    """The font to embed is not installed; the message says how to install it."""


def font_path(name: str) -> Path | None:
    for directory in FONT_DIRS:
        if (directory / FONT_FILES[name]).exists():
            return directory / FONT_FILES[name]
    return None


@functools.cache
def register_fonts() -> None:
    """Make DejaVu Sans (regular and bold) known to reportlab, once per process."""
    for name in (FONT, FONT_BOLD):
        path = font_path(name)
        if path is None:
            raise FontUnavailable(FONT_HINT)
        pdfmetrics.registerFont(TTFont(name, str(path)))


def measure(text: str, size: float, bold: bool) -> float:
    """Width in inches of the text in the embedded font."""
    return pdfmetrics.stringWidth(text, FONT_BOLD if bold else FONT, size) / 72


class Page:
    """A slide-sized page with the origin at the top-left and lengths in inches, as the layout."""

    def __init__(self, canvas: pdf_canvas.Canvas, height: float) -> None:
        self.c = canvas
        self.height = height

    def y(self, top: float) -> float:
        return (self.height - top) * 72

    def text(
        self,
        x: float,
        top: float,
        text: str,
        size: float,
        colour: str = REGION_COLOUR,
        bold: bool = False,
        align: str = "left",
    ) -> None:
        """A line of text whose top edge is at `top` inches."""
        self.c.setFillColor(colour)
        self.c.setFont(FONT_BOLD if bold else FONT, size)
        baseline = self.y(top) - size * 0.93
        if align == "right":
            self.c.drawRightString(x * 72, baseline, text)
        elif align == "centre":
            self.c.drawCentredString(x * 72, baseline, text)
        else:
            self.c.drawString(x * 72, baseline, text)

    def rect(
        self,
        box: layout.Box,
        fill: str | None,
        stroke: str | None = None,
        radius: float = 0,
        width: float = 1,
    ) -> None:
        self.c.setLineWidth(width)
        if fill:
            self.c.setFillColor(fill)
        if stroke:
            self.c.setStrokeColor(stroke)
        args = (box.left * 72, self.y(box.top + box.height), box.width * 72, box.height * 72)
        if radius:
            self.c.roundRect(*args, radius * 72, stroke=int(bool(stroke)), fill=int(bool(fill)))
        else:
            self.c.rect(*args, stroke=int(bool(stroke)), fill=int(bool(fill)))

    def line(self, x1: float, top1: float, x2: float, top2: float, colour: str, width=1.0) -> None:
        self.c.setStrokeColor(colour)
        self.c.setLineWidth(width)
        self.c.line(x1 * 72, self.y(top1), x2 * 72, self.y(top2))


# --- charts as vector graphics ------------------------------------------------------------------


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering low..high (1, 2, 2.5 or 5 times a power of ten apart)."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    ticks, value = [], first
    while value <= high + step * 0.001:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _tick_text(value: float, spec: ChartSpec) -> str:
    """A tick's value in the axis' unit, the language's way: "2.5", "1,000", "12%" ("2,5",
    "1 000", "12 %")."""
    shown = value / spec.divisor if spec.unit != "percent" else value
    text = decimal(shown, 1) if shown != int(shown) else decimal(int(shown), 0)
    return _("{value}%").format(value=text) if spec.unit == "percent" else text


def _title_lines(box: layout.Box, spec: ChartSpec) -> list[str]:
    return layout.wrap(spec.title, CHART_TITLE_PT, True, box.width - 2 * PAD, measure)


def title_height(box: layout.Box, spec: ChartSpec) -> float:
    """Inches the chart's title takes from the top of its frame."""
    return PAD + len(_title_lines(box, spec)) * 0.3 + 0.05


def _title(page: Page, box: layout.Box, spec: ChartSpec) -> float:
    """Draw the chart's title inside its frame; returns the inches it takes from the top."""
    for index, line in enumerate(_title_lines(box, spec)):
        page.text(box.left + PAD, box.top + PAD + index * 0.3, line, CHART_TITLE_PT, bold=True)
    return title_height(box, spec)


def bar_geometry(spec: ChartSpec, box: layout.Box, top: float) -> dict:
    """Where the bars and their labels go: rows, label size, each label's lines, label column
    and value scale. A label wider than the column (a long Russian area name) is wrapped onto
    lines that fit it, never cut at the page's edge."""
    count = len(spec.categories)
    axis_room = 0.55
    plot_top, plot_bottom = box.top + top, box.top + box.height - PAD - axis_room
    row = (plot_bottom - plot_top) / max(count, 1)
    size = max(MIN_PT, min(LABEL_PT, row * 72 * 0.8))
    label_width = max(measure(c, size, False) for c in spec.categories) + 0.15
    label_width = min(label_width, box.width * 0.45)
    lines = [layout.wrap(c, size, False, label_width - 0.15, measure) for c in spec.categories]
    # shrink a wrapped label's type while its lines are taller than the row (not below 12 pt)
    while size > MIN_PT and max(len(ls) for ls in lines) * size * layout.LINE_SPACING > row * 72:
        size = max(MIN_PT, size - 1)
        lines = [layout.wrap(c, size, False, label_width - 0.15, measure) for c in spec.categories]
    value_width = max(measure(label, size, False) for label in spec.labels) + 0.15
    plot_left = box.left + PAD + label_width
    plot_right = box.left + box.width - PAD - value_width
    peak = max((v for v in spec.series[0].values if v is not None), default=0.0)
    return {
        "row": row,
        "size": size,
        "lines": lines,
        "label_width": label_width - 0.15,
        "plot": (plot_left, plot_top, plot_right, plot_bottom),
        "ticks": nice_ticks(0, peak or 1),
    }


def draw_bar(page: Page, box: layout.Box, spec: ChartSpec) -> None:
    top = _title(page, box, spec)
    geometry = bar_geometry(spec, box, top)
    left, plot_top, right, bottom = geometry["plot"]
    ticks, row, size = geometry["ticks"], geometry["row"], geometry["size"]
    span = ticks[-1] or 1.0
    for tick in ticks:
        x = left + (right - left) * tick / span
        page.line(x, plot_top, x, bottom, GRID, 0.75)
        page.text(x, bottom + 0.08, _tick_text(tick, spec), MIN_PT, MUTED, align="centre")
    page.line(left, plot_top, left, bottom, AXIS)
    page.text((left + right) / 2, bottom + 0.3, spec.axis_title, MIN_PT, MUTED, align="centre")
    values = spec.series[0].values
    line_height = size * layout.LINE_SPACING / 72
    for index, (lines, value) in enumerate(zip(geometry["lines"], values, strict=True)):
        centre = plot_top + row * (index + 0.5)
        text_top = centre - size / 72 * 0.5
        first = centre - (len(lines) * line_height) / 2 + (line_height - size / 72) / 2
        for number, line in enumerate(lines):
            page.text(left - 0.1, first + number * line_height, line, size, align="right")
        end = left
        if value is not None and value > 0:
            end = left + (right - left) * value / span
            bar = layout.Box(left, centre - row * 0.36, end - left, row * 0.72)
            page.rect(bar, spec.colours[index] if spec.colours else spec.series[0].colour)
        page.text(end + 0.08, text_top, spec.labels[index], size, REGION_COLOUR)


def _legend(page: Page, box: layout.Box, spec: ChartSpec, top: float) -> float:
    if len(spec.series) < 2:
        return top
    x, line_top = box.left + PAD, box.top + top
    for series in spec.series:
        width = 0.45 + measure(series.name, LABEL_PT, False) + 0.35
        if x + width > box.left + box.width - PAD:
            x, line_top = box.left + PAD, line_top + 0.3
        page.line(x, line_top + 0.1, x + 0.35, line_top + 0.1, series.colour, 3)
        page.text(x + 0.45, line_top, series.name, LABEL_PT)
        x += width
    return line_top - box.top + 0.35


def line_geometry(spec: ChartSpec, box: layout.Box, top: float) -> dict:
    """Where the plot and the year labels of a line chart go (labels every `step` years so that
    none overlaps its neighbour)."""
    values = [v for s in spec.series for v in s.values if v is not None]
    low, high = min(min(values, default=0.0), 0.0), max(values, default=1.0)
    ticks = nice_ticks(low, high)
    tick_width = max(measure(_tick_text(t, spec), MIN_PT, False) for t in ticks)
    plot_left = box.left + PAD + tick_width + 0.12
    plot_right = box.left + box.width - PAD - 0.2
    plot_top = box.top + top + 0.35  # the axis title sits above the plot
    plot_bottom = box.top + box.height - PAD - 0.35
    count = len(spec.categories)
    spacing = (plot_right - plot_left) / max(count - 1, 1)
    label = max((measure(c, MIN_PT, False) for c in spec.categories), default=0.3)
    step = next(s for s in (1, 2, 5, 10, 20, 50) if spacing * s >= label * 1.3 or s == 50)
    return {
        "plot": (plot_left, plot_top, plot_right, plot_bottom),
        "ticks": ticks,
        "spacing": spacing,
        "step": step,
    }


def draw_line(page: Page, box: layout.Box, spec: ChartSpec) -> None:
    top = _legend(page, box, spec, _title(page, box, spec))
    geometry = line_geometry(spec, box, top)
    left, plot_top, right, bottom = geometry["plot"]
    ticks, spacing, step = geometry["ticks"], geometry["spacing"], geometry["step"]
    low, high = ticks[0], ticks[-1]
    page.text(left, plot_top - 0.3, spec.axis_title, MIN_PT, MUTED)

    def y_of(value: float) -> float:
        return bottom - (bottom - plot_top) * (value - low) / (high - low)

    for tick in ticks:
        page.line(left, y_of(tick), right, y_of(tick), GRID, 0.75)
        page.text(left - 0.08, y_of(tick) - 0.09, _tick_text(tick, spec), MIN_PT, MUTED, "right")
    page.line(left, bottom, right, bottom, AXIS)
    for index, category in enumerate(spec.categories):
        if index % step == 0:
            x = left + spacing * index
            page.line(x, bottom, x, bottom + 0.05, AXIS)
            page.text(x, bottom + 0.08, category, MIN_PT, MUTED, align="centre")
    for series in spec.series:
        points = [
            (left + spacing * i, y_of(v)) for i, v in enumerate(series.values) if v is not None
        ]
        page.c.setStrokeColor(series.colour)
        page.c.setFillColor(series.colour)
        page.c.setLineWidth(2.5)
        path = page.c.beginPath()
        for index, (x, y) in enumerate(points):
            (path.moveTo if index == 0 else path.lineTo)(x * 72, page.y(y))
        page.c.drawPath(path, stroke=1, fill=0)
        for x, y in points:
            page.c.circle(x * 72, page.y(y), 2.6, stroke=0, fill=1)


def draw_chart(page: Page, item: layout.Chart) -> None:
    page.rect(item.box, "#FFFFFF", FRAME, width=0.75)
    (draw_bar if item.spec.kind == "bar" else draw_line)(page, item.box, item.spec)


# --- pages ----------------------------------------------------------------------------------------


def draw_text(page: Page, item: layout.Text) -> None:
    _shrink, lines = layout.fit(item, measure)
    for line in lines:
        page.text(
            item.box.left, item.box.top + line.offset, line.text, line.size, line.colour, line.bold
        )


def draw_item(page: Page, item: layout.Item) -> None:
    if isinstance(item, layout.Chart):
        draw_chart(page, item)
    elif isinstance(item, layout.Picture):
        box = item.box
        page.c.drawImage(
            ImageReader(io.BytesIO(item.png)),
            box.left * 72,
            page.y(box.top + box.height),
            box.width * 72,
            box.height * 72,
        )
    elif isinstance(item, layout.Shape):
        page.rect(item.box, item.fill, item.outline, radius=0.1 if item.rounded else 0)
    else:
        draw_text(page, item)


def new_canvas(out: io.BytesIO, size: tuple[float, float], title: str, subject: str):
    """A canvas with the file's title, subject, author and language (the current one: a screen
    reader reads a Russian deck with a Russian voice)."""
    register_fonts()
    canvas = pdf_canvas.Canvas(
        out,
        pagesize=(size[0] * 72, size[1] * 72),
        initialFontName=FONT,
        initialFontSize=12,
        lang=language(),
    )
    canvas.setTitle(title)
    canvas.setAuthor(_(layout.AUTHOR))
    canvas.setSubject(subject)
    canvas.setCreator(_(layout.AUTHOR))
    canvas.setKeywords(["IOM", "SEEECA", "migration", "briefing"])
    return canvas


def pdf_bytes(briefing: Briefing, pictures: dict[str, bytes]) -> bytes:
    """The briefing as a PDF with one 16:9 page per slide, text and charts as vectors."""
    out = io.BytesIO()
    canvas = new_canvas(out, (layout.SLIDE_W, layout.SLIDE_H), briefing.title, briefing.subtitle)
    total = len(briefing.screens)
    for number, screen in enumerate(briefing.screens, start=1):
        page = Page(canvas, layout.SLIDE_H)
        canvas.bookmarkPage(screen.key)
        canvas.addOutlineEntry(screen.title[:90], screen.key, level=0)
        for item in layout.slide_items(screen, number, total, pictures):
            draw_item(page, item)
        canvas.showPage()
    canvas.save()
    return out.getvalue()

"""Where everything of a slide goes: one layout that the PowerPoint and the PDF both draw. Pure.

Positions are in inches on a 16:9 slide. Text boxes shrink their type until the text fits (each
backend measures with its own font); charts are placed as data (ChartSpec), maps as pictures.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image

from dashboard import notes as publication
from dashboard.briefing import Briefing, Screen
from dashboard.charts.spec import ChartSpec
from dashboard.i18n import N_, _
from dashboard.style import IOM_BLUE, MUTED, REGION_COLOUR

SLIDE_W, SLIDE_H = 13.333, 7.5
MARGIN = 0.6
BODY_TOP, BODY_BOTTOM = 1.45, 6.55  # below a title of up to two lines
SUBTITLE_SPACE = 0.45
LIGHT_FILL = "#F3F6FA"
AUTHOR = N_("SEEECA Migration Outlook")  # the files' author and creator (translate where set)
# The smallest type on a slide, in points (the floor for chart labels at 16:9).
MIN_LABEL_PT = 12
NOTE_PT = 12
CARD_FLOOR_PT = 10
MIN_FITTED_PT = 8  # an unbreakable word shrinks to fit its box's width, never below this  # a card's long "why absent" text and source may shrink to this, no further
NOTES_ON_SLIDE = 2  # the rest are in the speaker notes
DENSE_CATEGORIES = 12  # a bar chart with more rows keeps only the publication notes on its slide
SHRINK_STEPS = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)
LINE_SPACING = 1.2  # of the font size: PowerPoint's single spacing for Arial
PARAGRAPH_GAP = 0.35  # of the font size, after each paragraph


Paragraph = tuple[str, float, bool, str]  # text, size in pt, bold, colour
# width of a text in inches at a size in points, bold or not: each backend measures its own font
Measure = Callable[[str, float, bool], float]


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
    floor: float = 0.0  # never below this size in points (0: the shrink steps decide)


@dataclass(frozen=True)
class Picture:
    box: Box
    png: bytes
    alt_text: str


@dataclass(frozen=True)
class Chart:
    box: Box
    spec: ChartSpec


Item = Shape | Text | Picture | Chart


def wrap(text: str, size: float, bold: bool, width: float, measure: Measure) -> list[str]:
    """The text broken into lines no wider than `width` inches (a single long word overflows)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}".strip()
            if measure(candidate, size, bold) <= width or not line:
                line = candidate
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


@dataclass(frozen=True)
class Line:
    text: str
    size: float
    bold: bool
    colour: str
    offset: float  # inches below the box's top edge (top of the line)
    paragraph: int = 0  # the index of its paragraph among the box's non-empty ones


def fit(item: Text, measure: Measure) -> tuple[float, list[Line]]:
    """The type scale at which the paragraphs fit their box, and the lines at that scale.

    A paragraph with a word wider than the box (a value that cannot break, "12,00 млрд долл.
    США" joined by no-break spaces) first gets a smaller type of its own until it fits the
    width, the others keep theirs; then all shrink together until they fit the height."""
    steps = SHRINK_STEPS if item.shrink else (1.0,)
    for shrink in steps:
        lines, y = [], 0.0
        shown = [paragraph for paragraph in item.paragraphs if paragraph[0]]
        for index, (text, size, bold, colour) in enumerate(shown):
            scaled = max(size * shrink, min(item.floor, size))
            wrapped = wrap(text, scaled, bold, item.box.width, measure)
            while scaled > MIN_FITTED_PT and _too_wide(wrapped, scaled, bold, item, measure):
                scaled = max(MIN_FITTED_PT, scaled * 0.95)
                wrapped = wrap(text, scaled, bold, item.box.width, measure)
            for line in wrapped:
                lines.append(Line(line, scaled, bold, colour, y, index))
                y += scaled * LINE_SPACING / 72
            y += scaled * PARAGRAPH_GAP / 72
        if y <= item.box.height:
            break
    return shrink, lines


def _too_wide(lines: list[str], size: float, bold: bool, item: Text, measure: Measure) -> bool:
    return any(measure(line, size, bold) > item.box.width + 1e-6 for line in lines)


def _fit_picture(png: bytes, width: float, height: float) -> tuple[float, float]:
    """Width and height (inches) of the image scaled to fit the box, keeping its aspect ratio."""
    with Image.open(io.BytesIO(png)) as image:
        ratio = image.width / image.height
    return (width, width / ratio) if width / ratio <= height else (height * ratio, height)


def slide_strings(screen: Screen) -> list[str]:
    """Every text a slide shows (title, text, points, cards, chart labels)."""
    texts = [screen.title, screen.text, *screen.points]
    texts += [t for kpi in screen.kpis for t in (kpi.label, kpi.value, kpi.detail)]
    if screen.chart is not None:
        texts += [screen.chart.title, *screen.chart.categories]
        texts += [series.name for series in screen.chart.series]
    if screen.offices is not None:
        texts += [str(n) for n in screen.offices["name"].tolist()]
    return [t for t in texts if t]


def sources_line(screen: Screen) -> str:
    # source titles stay as published (English); only the framing word is translated
    return (
        _("Source: {sources}").format(sources="; ".join(screen.sources)) if screen.sources else ""
    )


def picture_alt_text(screen: Screen) -> str:
    """What a map shows, for a screen reader and for PowerPoint's alternative text."""
    offices = screen.offices
    if offices is None:
        return screen.title
    cities = ", ".join(dict.fromkeys(str(c) for c in offices["city"].tolist()))
    return _("Map: {title}, as of May 2020. Offices in {cities}.").format(
        title=screen.title, cities=cities
    )


def speaker_notes(screen: Screen, briefing: Briefing) -> str:
    """What the presenter reads beside a slide: its notes, then its sources with full citations."""
    parts = [*screen.notes]
    if screen.chart is not None:
        parts.append(screen.chart.alt_text)
    if screen.sources:
        parts.append(_("Sources: {sources}").format(sources="; ".join(screen.sources)))
    citations = briefing.data.full_citations(screen.sources)
    if citations:
        parts.append(_("Full citations:") + "\n" + "\n".join(f"- {c}" for c in citations))
    return "\n\n".join(parts)


def _kpi_cards(screen: Screen, body_top: float) -> list[Item]:
    full = SLIDE_W - 2 * MARGIN
    count = len(screen.kpis[:6])
    columns = count if screen.key == "standouts" else 3
    rows = 1 if screen.key == "standouts" else 2
    gap = 0.25
    width = (full - gap * (columns - 1)) / max(columns, 1)
    height = (BODY_BOTTOM - body_top - gap * (rows - 1)) / rows
    items: list[Item] = []
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
                Box(card.left + 0.15, card.top + 0.12, width - 0.3, height - 0.24),
                (
                    (kpi.label, 16, True, REGION_COLOUR),
                    (kpi.value, 30, True, IOM_BLUE),
                    (kpi.detail, 14, False, REGION_COLOUR),
                    (
                        _("Source: {sources}").format(sources=kpi.source) if kpi.source else "",
                        10,
                        False,
                        MUTED,
                    ),
                ),
                floor=CARD_FLOOR_PT,
            )
        )
    return items


def slide_items(screen: Screen, number: int, total: int, pictures: dict[str, bytes]) -> list[Item]:
    """Everything of one slide, in drawing order."""
    full = SLIDE_W - 2 * MARGIN
    items: list[Item] = [Shape(Box(0, 0, SLIDE_W, 0.12), IOM_BLUE)]
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
            items.append(
                Text(
                    Box(MARGIN, 1.3, full, 0.45),
                    ((screen.text, 16, False, MUTED),),
                    floor=MIN_LABEL_PT,
                )
            )
    body_top = BODY_TOP + (SUBTITLE_SPACE if screen.text else 0)
    notes = [n for n in screen.notes[:NOTES_ON_SLIDE] if n]
    # The publication notes are always on the slide: the map disclaimer under a map, the Kosovo
    # footnote wherever Kosovo* is shown.
    footnotes = publication.footnotes_for(*slide_strings(screen))
    if screen.kind == "map" and screen.key in pictures:
        offices = () if screen.offices is None else screen.offices["iso3"].dropna().tolist()
        footnotes = publication.map_notes(offices, *slide_strings(screen))
    if screen.chart is not None and len(screen.chart.categories) > DENSE_CATEGORIES:
        notes = []  # a long bar chart needs the height; its notes are in the speaker notes
    notes = list(dict.fromkeys([*footnotes, *notes]))[: max(NOTES_ON_SLIDE, len(footnotes))]
    notes_height = 0.3 + 0.25 * sum(1 + len(n) // 190 for n in notes) if notes else 0
    if screen.kind == "kpis":
        items += _kpi_cards(screen, body_top)
    elif screen.chart is not None:
        box = Box(MARGIN, body_top, full, BODY_BOTTOM - body_top - notes_height)
        items.append(Chart(box, screen.chart))
    elif screen.kind == "map" and screen.key in pictures:
        height = BODY_BOTTOM - body_top - notes_height
        width, picture_height = _fit_picture(pictures[screen.key], full, height)
        items.append(
            Picture(
                Box((SLIDE_W - width) / 2, body_top, width, picture_height),
                pictures[screen.key],
                picture_alt_text(screen),
            )
        )
    elif screen.kind in {"points", "sources"}:
        size = 22 if screen.kind == "points" else 15  # the fitting shrinks it if need be
        paragraphs = [("• " + p, size, False, REGION_COLOUR) for p in screen.points]
        if screen.notes and screen.kind == "sources":
            paragraphs.append((_("Data-quality notes"), size, True, REGION_COLOUR))
            paragraphs += [("• " + n, max(size - 2, 10), False, MUTED) for n in screen.notes]
        items.append(
            Text(Box(MARGIN, body_top, full, BODY_BOTTOM - body_top + 0.1), tuple(paragraphs))
        )
        notes = []
    if notes and screen.kind not in {"kpis", "title"}:
        items.append(
            Text(
                Box(MARGIN, BODY_BOTTOM - notes_height + 0.05, full, notes_height),
                tuple((n, NOTE_PT, False, MUTED) for n in notes),
                floor=10,
            )
        )
    if screen.kind not in {"sources", "kpis"} and screen.sources:
        items.append(
            Text(Box(MARGIN, 6.7, full - 1.0, 0.7), ((sources_line(screen), 10, False, MUTED),))
        )
    items.append(
        Text(
            Box(SLIDE_W - MARGIN - 0.9, 7.0, 0.9, 0.35),
            ((f"{number} / {total}", 10, False, MUTED),),
            shrink=False,
        )
    )
    return items

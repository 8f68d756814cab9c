"""The briefing as a 16:9 PowerPoint deck: native, editable charts, maps as pictures with
alternative text, full citations in the speaker notes. Pure (python-pptx)."""

from __future__ import annotations

import functools
import io
from pathlib import Path

from lxml import etree
from PIL import ImageFont
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from dashboard.briefing import Briefing
from dashboard.charts.spec import ChartSpec
from dashboard.exports import layout
from dashboard.i18n import _, language
from dashboard.style import REGION_COLOUR

MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
# On every PowerPoint, with Cyrillic (Windows' and macOS' Arial cover Latin, Cyrillic and Greek);
# LibreOffice draws it with Liberation Sans (fontconfig's metric alias for Arial), which covers
# Cyrillic too and is what the layout measures with. DejaVu Sans, the PDF's font, is wider and
# absent from most Windows machines: a deck set in it would be redrawn in a fallback font.
FONT = "Arial"
MEASURE_FONTS = {
    False: ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",),
    True: ("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",),
}
# The proofing language of the text of a deck in another language than English (English decks
# keep PowerPoint's default).
PROOFING = {"ru": MSO_LANGUAGE_ID.RUSSIAN}
CHART_TITLE_PT = 16
CHART_LABEL_PT = 14
CHART_LABEL_PT_DENSE = 12  # bar charts of more than 12 categories: still the floor, all drawn


@functools.cache
def _measure_font(bold: bool) -> ImageFont.FreeTypeFont:
    for path in MEASURE_FONTS[bold]:
        if Path(path).exists():
            return ImageFont.truetype(path, 100)
    return ImageFont.load_default(100)


def measure(text: str, size: float, bold: bool) -> float:
    """Width in inches of the text in Arial (measured with Liberation Sans, same metrics)."""
    return _measure_font(bold).getlength(text) / 100 * size / 72


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def _number_format(spec: ChartSpec) -> str:
    """An Excel number format that shows the values in the axis' unit ('12.5 million')."""
    commas = {1e3: ",", 1e6: ",,", 1e9: ",,,"}.get(spec.divisor, "")
    if spec.unit == "percent":
        return '0.0"{}"'.format(_("{value}%").format(value=""))
    decimals = "0.0" if commas else "0"
    return f"#,##{decimals}{commas}"


def _set_alt_text(shape, text: str) -> None:
    shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", text)


def _font(font, size: float, colour: str = REGION_COLOUR, bold: bool = False) -> None:
    font.size = Pt(size)
    font.name = FONT
    font.bold = bold
    font.color.rgb = _rgb(colour)
    if language() in PROOFING:  # PowerPoint checks spelling and reads aloud in that language
        font.language_id = PROOFING[language()]


def label_step(spec: ChartSpec) -> int:
    """Every how many categories a label is drawn: every one on a bar chart (each bar is named);
    on a line chart's year axis as many as fit flat (1, 2 or 5 years apart)."""
    if spec.kind == "bar":
        return 1
    count = len(spec.categories)
    return 1 if count <= 13 else 2 if count <= 26 else 5


def _label_every(axis, step: int) -> None:
    """Draw a category label every `step` categories (PowerPoint and LibreOffice otherwise pick
    their own and drop crowded ones)."""
    element = axis._element
    for tag in ("c:tickLblSkip", "c:tickMarkSkip"):
        for old in element.findall(qn(tag)):
            element.remove(old)
    skip = etree.SubElement(element, qn("c:tickLblSkip"))
    skip.set("val", str(step))
    # the schema wants tickLblSkip after c:lblOffset and before c:noMultiLvlLbl
    anchor = element.find(qn("c:noMultiLvlLbl"))
    if anchor is not None:
        anchor.addprevious(skip)


def add_chart(slide, item: layout.Chart) -> None:
    """A native PowerPoint chart of the spec, title inside its frame, type at least 12 pt."""
    spec = item.spec
    data = CategoryChartData(number_format=_number_format(spec))
    data.categories = list(spec.categories)
    for series in spec.series:
        data.add_series(series.name, list(series.values))
    box = item.box
    kind = XL_CHART_TYPE.BAR_CLUSTERED if spec.kind == "bar" else XL_CHART_TYPE.LINE_MARKERS
    frame = slide.shapes.add_chart(
        kind, Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height), data
    )
    _set_alt_text(frame, spec.alt_text)
    chart = frame.chart
    chart.font.size = Pt(CHART_LABEL_PT)
    chart.font.name = FONT
    chart.has_title = True
    chart.chart_title.text_frame.text = spec.title
    _font(chart.chart_title.text_frame.paragraphs[0].runs[0].font, CHART_TITLE_PT, bold=True)
    categories, values = chart.category_axis, chart.value_axis
    dense = spec.kind == "bar" and len(spec.categories) > 12
    label_pt = CHART_LABEL_PT_DENSE if dense else CHART_LABEL_PT
    _font(categories.tick_labels.font, label_pt)
    _font(values.tick_labels.font, CHART_LABEL_PT_DENSE)
    values.tick_labels.number_format = _number_format(spec)
    values.tick_labels.number_format_is_linked = False
    _label_every(categories, label_step(spec))
    if spec.kind == "line":
        values.has_major_gridlines = True
        values.major_gridlines.format.line.color.rgb = _rgb("#E5E9F0")
        values.has_title = True
        values.axis_title.text_frame.text = spec.axis_title
        _font(values.axis_title.text_frame.paragraphs[0].runs[0].font, CHART_LABEL_PT_DENSE)
    else:
        # Each bar carries its amount: the value axis would only take the rows' height.
        values.visible = False
        values.has_major_gridlines = False
    if spec.kind == "bar":
        categories.reverse_order = True  # the first category at the top, as listed
        plot = chart.plots[0]
        plot.gap_width = 40
        chart.has_legend = False
        series = plot.series[0]
        peak = max((v for v in spec.series[0].values if v is not None), default=0.0)
        values.maximum_scale = peak * 1.3 if peak else 1.0  # room for the printed amounts
        values.minimum_scale = 0
        for index, (colour, label) in enumerate(zip(spec.colours, spec.labels, strict=True)):
            point = series.points[index]
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = _rgb(colour)
            point.data_label.has_text_frame = True
            point.data_label.text_frame.text = label
            point.data_label.position = XL_LABEL_POSITION.OUTSIDE_END
            _font(point.data_label.text_frame.paragraphs[0].runs[0].font, label_pt)
    else:
        chart.has_legend = len(spec.series) > 1
        if chart.has_legend:
            chart.legend.position = XL_LEGEND_POSITION.BOTTOM
            chart.legend.include_in_layout = False
            _font(chart.legend.font, CHART_LABEL_PT)
        for plot_series, series in zip(chart.plots[0].series, spec.series, strict=True):
            plot_series.format.line.color.rgb = _rgb(series.colour)
            plot_series.format.line.width = Pt(2.5)
            plot_series.marker.format.fill.solid()
            plot_series.marker.format.fill.fore_color.rgb = _rgb(series.colour)
            plot_series.smooth = False


def _draw(slide, item: layout.Item) -> None:
    left, top = Inches(item.box.left), Inches(item.box.top)
    width, height = Inches(item.box.width), Inches(item.box.height)
    if isinstance(item, layout.Chart):
        add_chart(slide, item)
    elif isinstance(item, layout.Picture):
        picture = slide.shapes.add_picture(io.BytesIO(item.png), left, top, width, height)
        _set_alt_text(picture, item.alt_text)
    elif isinstance(item, layout.Shape):
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
        # each paragraph's size as fitted (the PDF page uses the same)
        sizes = {line.paragraph: line.size for line in layout.fit(item, measure)[1]}
        paragraphs = [p for p in item.paragraphs if p[0]]
        for index, (text, _size, bold, colour) in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            paragraph.text = text
            paragraph.line_spacing = 1.0  # single: about LINE_SPACING x the size, as measured
            scaled = sizes[index]
            paragraph.space_after = Pt(scaled * layout.PARAGRAPH_GAP)
            for run in paragraph.runs:
                _font(run.font, round(scaled, 1), colour, bold)


def pptx_bytes(briefing: Briefing, pictures: dict[str, bytes]) -> bytes:
    """The briefing as a 16:9 PowerPoint deck, one slide per screen."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(Inches(layout.SLIDE_W)), Emu(Inches(layout.SLIDE_H))
    deck.core_properties.title = briefing.title
    deck.core_properties.subject = briefing.subtitle
    deck.core_properties.author = _(layout.AUTHOR)
    deck.core_properties.language = language()
    total = len(briefing.screens)
    for number, screen in enumerate(briefing.screens, start=1):
        slide = deck.slides.add_slide(deck.slide_layouts[6])  # blank
        for item in layout.slide_items(screen, number, total, pictures):
            _draw(slide, item)
        slide.notes_slide.notes_text_frame.text = layout.speaker_notes(screen, briefing)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()

"""Briefing exports: native PowerPoint charts equal to the warehouse, a PDF of real text with
embedded fonts and vector charts, the one-page summary, the command line, and the renderer.

The slides are assembled with a stand-in map picture, so those tests run everywhere; the tests that
draw the real map need Chromium and are skipped without it. Every exported page is rendered to PNG
in artifacts/exports/ (pdftoppm) for a person to look at.
"""

from __future__ import annotations

import io
import re
import shutil
import stat
import subprocess

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn
from pypdf import PdfReader

from dashboard import briefing, config, exports
from dashboard.charts import country as charts
from dashboard.exports import __main__ as cli
from dashboard.exports import layout, onepage, pdf, powerpoint
from dashboard.style import format_number

HAS_CHROMIUM = exports.renderer_path() is not None
needs_chromium = pytest.mark.skipif(
    not HAS_CHROMIUM,
    reason="no Chromium for kaleido (apt-get install -y chromium, or set BROWSER_PATH)",
)
YEARS = (2000, 2025)
ARTIFACTS = config.REPO_ROOT / "artifacts" / "exports"
# What must never reach a reader: seed file names, hashes, file names, codes, placeholders.
FORBIDDEN = (
    re.compile(r"\b\d{3}_[0-9a-f]{16}\b"),
    re.compile(r"\b[0-9a-f]{16}\b"),
    re.compile(r"\b\w+\.(txt|duckdb)\b"),
    # the project's own extract files (a dataset's published file name in a citation is fine)
    re.compile("|".join(re.escape(p.name) for p in config.SOURCES_DIR.glob("*.csv"))),
    re.compile(r"\b(undesa20\d\d|unhcr|wdi|knomad20\d\d|unhcr_idmc)\.[a-z_]+\b"),
    re.compile(r"\bNone\b|\bnan\b"),
)


def country_briefing(con, iso3: str) -> briefing.Briefing:
    name = con.execute("select name from dim_country where iso3 = ?", [iso3]).fetchone()[0]
    scope = briefing.Scope((iso3,), name, YEARS, country=iso3)
    return briefing.build(briefing.load(briefing.direct(con), scope), "1 January 2026")


def region_briefing(con) -> briefing.Briefing:
    codes = tuple(row[0] for row in con.execute("select iso3 from dim_country").fetchall())
    scope = briefing.Scope(codes, "the whole region", YEARS, whole_region=True)
    return briefing.build(briefing.load(briefing.direct(con), scope), "1 January 2026")


def stand_in_pictures(deck: briefing.Briefing) -> dict[str, bytes]:
    """A plain PNG per picture (the map), so slide assembly is tested without a browser."""
    pictures = {}
    for key in exports.renderer.picture_figures(deck):
        out = io.BytesIO()
        Image.new("RGB", (3600, 1920), "#DCE3EC").save(out, "PNG")
        pictures[key] = out.getvalue()
    return pictures


def slide_texts(pptx: bytes) -> list[str]:
    deck = Presentation(io.BytesIO(pptx))
    return [
        "\n".join(
            shape.text_frame.text
            for shape in slide.shapes
            if shape.has_text_frame and shape.text_frame.text
        )
        for slide in deck.slides
    ]


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_text(data: bytes) -> list[str]:
    return [flat(page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages]


def render_pages(data: bytes, name: str) -> list:
    """Each page as PNG in artifacts/exports/ (for a person to look at); the files written."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (Debian poppler-utils) is not installed")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{name}-*.png"):
        old.unlink()
    source = ARTIFACTS / f"{name}.pdf"
    source.write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "72", str(source), str(ARTIFACTS / name)], check=True)
    return sorted(ARTIFACTS.glob(f"{name}-*.png"))


# --- PowerPoint ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ukraine(warehouse_path):
    import duckdb

    con = duckdb.connect(str(warehouse_path), read_only=True)
    try:
        deck = country_briefing(con, "UKR")
    finally:
        con.close()
    pictures = stand_in_pictures(deck)
    return deck, powerpoint.pptx_bytes(deck, pictures), pdf.pdf_bytes(deck, pictures)


def test_ukraine_deck_has_its_story_numbers_and_sources(ukraine, con):
    deck, pptx, _ = ukraine
    texts = slide_texts(pptx)
    offices = con.execute("select count(*) from dim_office where iso3 = 'UKR'").fetchone()[0]
    requirement = con.execute(
        "select sum(usd) from fct_funding_requirement where region = 'seeeca' and iso3 = 'UKR'"
    ).fetchone()[0]
    assert len(texts) == len(deck.screens)
    assert texts[0].startswith("Ukraine: IOM migration briefing")
    assert texts[1].startswith("Where Ukraine stands out in the region"), "the story opens"
    for standing in deck.data.standouts:
        assert standing.display in texts[1]
    kpis = texts[[s.key for s in deck.screens].index("kpis")]
    assert f"IOM offices and sub-offices\n{offices}\n" in kpis
    assert format_number(requirement, "usd") in kpis
    assert f"USD {requirement:,.0f}" in "\n".join(texts), "the exact 2016 requirement is stated"
    assert texts[-1].startswith("Sources")
    assert "Migration Initiatives 2016" in texts[-1], "the funding table's document is cited"
    for screen, text in zip(deck.screens, texts, strict=True):
        if screen.kind in {"map", "chart"}:
            assert "Source: " in text, f"slide {screen.key} has no source line"


def test_bars_and_lines_are_native_charts_with_the_warehouse_values(ukraine, con):
    deck, pptx, _ = ukraine
    slides = Presentation(io.BytesIO(pptx)).slides
    checked = 0
    for screen, slide in zip(deck.screens, slides, strict=True):
        frames = [shape for shape in slide.shapes if shape.has_chart]
        assert len(frames) == (1 if screen.chart is not None else 0), screen.key
        if not frames:
            continue
        chart = frames[0].chart
        assert chart.has_title and chart.chart_title.text_frame.text == screen.chart.title
        categories = list(chart.plots[0].categories)
        assert categories == list(screen.chart.categories), "every category is in the chart"
        for series in chart.plots[0].series:
            values = dict(zip(categories, series.values, strict=True))
            if screen.key.startswith("trend-"):
                code = next(c for c, d in deck.data.definition.items() if d["name"] == series.name)
                expected = dict(
                    con.execute(
                        "select cast(year as varchar), value from fct_indicator_value "
                        "where indicator_code = ? and iso3 = 'UKR' and year between ? and ?",
                        [code, *YEARS],
                    ).fetchall()
                )
                drawn = {year: v for year, v in values.items() if v is not None}
                assert drawn == pytest.approx(expected), (screen.key, series.name)
            elif screen.key == "funding-rank":
                expected = dict(
                    con.execute(
                        "select c.name, sum(f.usd) from fct_funding_requirement f "
                        "join dim_country c using (iso3) where f.region = 'seeeca' "
                        "group by c.name having sum(f.usd) is not null"
                    ).fetchall()
                )
                assert values == pytest.approx(expected)
            elif screen.key == "corridors":
                expected = dict(
                    con.execute(
                        "select p.name, c.migrants from fct_migrant_corridor c "
                        "join dim_corridor_place p on p.iso3 = c.destination_iso3 "
                        "where c.origin_iso3 = 'UKR' and c.year = 2024"
                    ).fetchall()
                )
                assert values == pytest.approx({k: expected[k] for k in values})
                assert max(values.values()) == max(expected.values()), "the largest comes first"
            elif screen.key == "funding":
                expected = dict(
                    con.execute(
                        "select a.name_as_published, sum(f.usd) from fct_funding_requirement f "
                        "join dim_programmatic_area a using (programmatic_area) "
                        "where f.region = 'seeeca' and f.iso3 = 'UKR' "
                        "group by a.name_as_published"
                    ).fetchall()
                )
                assert {k: v for k, v in values.items() if v is not None} == pytest.approx(
                    {k: v for k, v in expected.items() if v is not None}
                )
            checked += 1
    assert checked >= 7


def test_bar_charts_label_every_category_at_readable_sizes(ukraine):
    _, pptx, _ = ukraine
    for slide in Presentation(io.BytesIO(pptx)).slides:
        for shape in slide.shapes:
            if not shape.has_chart:
                continue
            chart = shape.chart
            axis = chart.category_axis
            assert axis.tick_labels.font.size.pt >= layout.MIN_LABEL_PT
            assert chart.value_axis.tick_labels.font.size.pt >= layout.MIN_LABEL_PT
            skip = axis._element.find(qn("c:tickLblSkip"))
            if chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED:
                assert skip is not None and skip.get("val") == "1", "no category label skipped"
                # the rows are tall enough for their labels (LibreOffice drops crowded ones): the
                # frame less its title (about 0.6 in), there being no value axis under the bars
                rows = len(list(chart.plots[0].categories))
                row_pt = (shape.height.inches - 0.6) / rows * 72
                assert not chart.value_axis.visible
                assert row_pt >= 1.2 * axis.tick_labels.font.size.pt, (rows, row_pt)
            else:
                assert skip is not None and int(skip.get("val")) <= 5


def test_every_picture_and_chart_has_alternative_text(ukraine):
    _, pptx, _ = ukraine
    pictures = 0
    for slide in Presentation(io.BytesIO(pptx)).slides:
        for shape in slide.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE or shape.has_chart:
                descr = shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr")
                assert descr and len(descr) > 20, shape.name
                pictures += shape.shape_type == MSO_SHAPE_TYPE.PICTURE
    assert pictures == 1, "the offices map"


def test_speaker_notes_hold_full_citations(ukraine, con):
    deck, pptx, _ = ukraine
    citation = con.execute(
        "select citation from dim_source where source_id = 'unhcr_population_2025_12_1'"
    ).fetchone()[0]
    slides = Presentation(io.BytesIO(pptx)).slides
    keys = [s.key for s in deck.screens]
    notes = slides[keys.index("trend-displacement")].notes_slide.notes_text_frame.text
    assert citation in notes
    assert "Series break in 2024" in notes


# --- PDF -----------------------------------------------------------------------------------------


def test_pdf_is_real_text_with_every_title_number_and_category(ukraine):
    deck, _, data = ukraine
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == len(deck.screens)
    assert reader.metadata.title == deck.title
    assert reader.metadata.author == layout.AUTHOR
    assert reader.metadata.subject == deck.subtitle
    pages = pdf_text(data)
    for screen, text in zip(deck.screens, pages, strict=True):
        assert flat(screen.title) in text, screen.key
        for kpi in screen.kpis:
            assert flat(kpi.value) in text, (screen.key, kpi.label)
        if screen.chart is not None and screen.chart.kind == "bar":
            for category, label in zip(screen.chart.categories, screen.chart.labels, strict=True):
                assert category in text and label in text, (screen.key, category)


def test_pdf_embeds_its_fonts_and_page_size_is_16_9(ukraine):
    _, _, data = ukraine
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width / height - 16 / 9) < 0.01
        fonts = page["/Resources"]["/Font"]
        for font in fonts.values():
            font = font.get_object()
            descendant = font.get("/DescendantFonts")
            descriptor = (
                descendant[0].get_object()["/FontDescriptor"]
                if descendant
                else font.get("/FontDescriptor")
            )
            assert descriptor is not None, f"{font['/BaseFont']} is not embedded"
            assert "/FontFile2" in descriptor.get_object(), f"{font['/BaseFont']} not embedded"


@pytest.mark.parametrize("iso3", ["UKR", "MDA", "XKX", "ISR", None])
def test_no_file_name_hash_code_or_placeholder_in_the_deck(con, iso3):
    deck = country_briefing(con, iso3) if iso3 else region_briefing(con)
    pictures = stand_in_pictures(deck)
    text = "\n".join(pdf_text(pdf.pdf_bytes(deck, pictures)))
    text += "\n".join(slide_texts(powerpoint.pptx_bytes(deck, pictures)))
    for pattern in FORBIDDEN:
        assert not pattern.search(text), (iso3, pattern.pattern, pattern.search(text).group())


@pytest.mark.parametrize("scope", ["UKR", "MDA", None])
def test_chart_labels_never_overlap(con, scope):
    """In each chart as placed on its slide: every bar label at least 12 pt within its own row,
    year labels spaced wider than they are, the title inside the frame."""
    deck = country_briefing(con, scope) if scope else region_briefing(con)
    pictures = stand_in_pictures(deck)
    total = len(deck.screens)
    checked = 0
    for number, screen in enumerate(deck.screens, start=1):
        for item in layout.slide_items(screen, number, total, pictures):
            if not isinstance(item, layout.Chart):
                continue
            spec, box = item.spec, item.box
            top = pdf.title_height(box, spec)
            assert top < box.height / 3, "the title sits inside the frame"
            if spec.kind == "bar":
                geometry = pdf.bar_geometry(spec, box, top)
                assert geometry["size"] >= layout.MIN_LABEL_PT
                assert geometry["row"] * 72 >= geometry["size"], (screen.key, "label fits its row")
                left, _, right, _ = geometry["plot"]
                assert right - left > box.width * 0.3, "bars have room beside their labels"
            else:
                geometry = pdf.line_geometry(spec, box, top)
                label = max(pdf.measure(c, layout.MIN_LABEL_PT, False) for c in spec.categories)
                assert geometry["spacing"] * geometry["step"] > label, "year labels do not touch"
            checked += 1
    assert checked >= 5


def test_every_page_renders_to_png_for_a_look(ukraine):
    deck, _, data = ukraine
    pages = render_pages(data, "ukraine-deck")
    assert len(pages) == len(deck.screens)
    for path in pages:
        with Image.open(path) as image:
            assert image.size[0] > image.size[1]
            assert len(image.convert("RGB").resize((80, 45)).getcolors(80 * 45)) > 3


def test_region_pdf_matches_its_deck(con):
    deck = region_briefing(con)
    data = pdf.pdf_bytes(deck, stand_in_pictures(deck))
    pages = pdf_text(data)
    total = con.execute(
        "select sum(usd) from fct_funding_requirement where region = 'seeeca'"
    ).fetchone()[0]
    assert format_number(total, "usd") in " ".join(pages)
    assert len(render_pages(data, "region-deck")) == len(deck.screens)


# --- the one-page summary --------------------------------------------------------------------------


@pytest.mark.parametrize("iso3", ["MDA", "XKX"])
def test_one_page_summary_holds_the_country_at_a_glance(con, iso3):
    deck = country_briefing(con, iso3)
    data = exports.one_page_pdf(deck)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    text = flat(page.extract_text())
    name = deck.data.profile_row["name"]
    assert f"{name}: country at a glance" in text
    for standing in deck.data.standouts:
        assert flat(standing.reason(name)) in text
    for card in deck.data.indicator_cards:
        assert flat(card.headline.name) in text
        if card.headline.year:
            assert card.display in text
    assert flat(deck.data.funding_rank.sentence) in text
    assert "do not imply the expression of any opinion" in text
    if iso3 == "XKX":
        assert "Security Council resolution 1244 (1999)" in text
    for pattern in FORBIDDEN:
        assert not pattern.search(text), pattern.pattern
    render_pages(data, f"{iso3.lower()}-one-page")


def test_command_line_writes_the_one_pager(tmp_path, capsys):
    out = tmp_path / "mda.pdf"
    cli.main(["--country", "MDA", "--out", str(out), "--one-page"])
    assert "1 page in" in capsys.readouterr().out
    assert len(PdfReader(out).pages) == 1
    with pytest.raises(SystemExit):
        cli.main(["--out", str(tmp_path / "region.pdf"), "--one-page"])
    with pytest.raises(SystemExit):
        cli.main(["--country", "MDA", "--out", str(tmp_path / "deck.docx")])


# --- the renderer ---------------------------------------------------------------------------------


def test_static_map_draws_local_shapes_only(con):
    offices = con.execute("select * from dim_office").df()
    figure = charts.office_map(offices, ("UKR",), False, "Offices", labels=True)
    assert {trace.type for trace in figure.data} == {"scatter"}, "geo traces would fetch topojson"
    assert sum(len(trace.x) for trace in figure.data) > 10_000, "country outlines are drawn"


def test_render_page_loads_nothing_from_the_internet():
    page = exports.offline_page().generate_index()
    assert "http" not in page
    assert "plotly.min.js" in page


def test_missing_browser_path_gives_advice_not_a_crash(monkeypatch, tmp_path, con):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium-here"))
    assert exports.renderer_path() is None
    advice = exports.renderer_problem()
    assert "apt-get install -y chromium" in advice and "no-chromium-here" in advice
    deck = country_briefing(con, "ALB")
    with pytest.raises(exports.RendererUnavailable, match="chromium"):
        exports.build_deck(deck, "pptx")


def test_browser_path_must_be_an_executable(monkeypatch, tmp_path):
    script = tmp_path / "chromium"
    script.write_text("#!/bin/sh\n")
    monkeypatch.setenv("BROWSER_PATH", str(script))
    assert exports.renderer_path() is None, "a file that cannot run is not a browser"
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    assert exports.renderer_path() == str(script)
    assert exports.renderer_problem() is None


def test_unknown_format_is_refused(con):
    deck = country_briefing(con, "ALB")
    with pytest.raises(ValueError, match="pptx"):
        exports.build_deck(deck, "docx")


def test_one_pager_is_for_a_country(con):
    with pytest.raises(ValueError, match="one country"):
        onepage.pdf_bytes(region_briefing(con))


@needs_chromium
def test_real_deck_for_moldova_from_the_command_line(con, tmp_path, capsys):
    out = tmp_path / "deck.pptx"
    cli.main(["--country", "MDA", "--out", str(out)])
    assert re.search(r"deck\.pptx: \d+ slides in [\d.]+ s", capsys.readouterr().out)
    deck = country_briefing(con, "MDA")
    slides = Presentation(str(out)).slides
    assert len(slides) == len(deck.screens)
    pictures = [s for slide in slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) == 1
    with Image.open(io.BytesIO(pictures[0].image.blob)) as image:
        assert image.size[0] >= 3000, "the map is a high-resolution picture"
        assert len(image.convert("RGB").resize((60, 32)).getcolors(60 * 32)) > 5
    out_pdf = tmp_path / "deck.pdf"
    cli.main(["--country", "MDA", "--out", str(out_pdf)])
    data = out_pdf.read_bytes()
    assert len(PdfReader(io.BytesIO(data)).pages) == len(deck.screens)
    render_pages(data, "moldova-deck")

"""Briefing exports: the deck's slides and numbers, the PDF's pages, PNGs, and a missing renderer.

The layout and the PowerPoint/PDF assembly are tested with stand-in chart images, so they run
everywhere; the tests that draw real charts need Chromium and are skipped without it.
"""

from __future__ import annotations

import io
import re
import stat

import pytest
from PIL import Image
from pptx import Presentation

from dashboard import briefing, exports
from dashboard.charts import country as charts
from dashboard.style import format_number

HAS_CHROMIUM = exports.renderer_path() is not None
needs_chromium = pytest.mark.skipif(
    not HAS_CHROMIUM,
    reason="no Chromium for kaleido (apt-get install -y chromium, or set BROWSER_PATH)",
)
YEARS = (2000, 2025)


def country_briefing(con, iso3: str) -> briefing.Briefing:
    name = con.execute("select name from dim_country where iso3 = ?", [iso3]).fetchone()[0]
    scope = briefing.Scope((iso3,), name, YEARS, country=iso3)
    return briefing.build(briefing.load(briefing.direct(con), scope), "1 January 2026")


def region_briefing(con) -> briefing.Briefing:
    codes = tuple(row[0] for row in con.execute("select iso3 from dim_country").fetchall())
    scope = briefing.Scope(codes, "the whole region", YEARS, whole_region=True)
    return briefing.build(briefing.load(briefing.direct(con), scope), "1 January 2026")


def stand_in_images(deck: briefing.Briefing) -> dict[str, bytes]:
    """A plain PNG per chart, so slide assembly is tested without a browser."""
    images = {}
    for key in deck.figures:
        out = io.BytesIO()
        Image.new("RGB", (2400, 1040), "#0072B2").save(out, "PNG")
        images[key] = out.getvalue()
    return images


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


def picture_counts(pptx: bytes) -> list[int]:
    deck = Presentation(io.BytesIO(pptx))
    return [
        sum(shape.shape_type == 13 for shape in slide.shapes) for slide in deck.slides
    ]  # 13: PICTURE


def pdf_page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def ukraine_facts(con) -> tuple[int, int]:
    offices = con.execute("select count(*) from dim_office where iso3 = 'UKR'").fetchone()[0]
    requirement = con.execute(
        "select sum(usd) from fct_funding_requirement where region = 'seeeca' and iso3 = 'UKR'"
    ).fetchone()[0]
    return offices, requirement


def test_ukraine_deck_has_its_numbers_pictures_and_sources(con):
    deck = country_briefing(con, "UKR")
    pptx = exports.pptx_bytes(deck, stand_in_images(deck))
    texts = slide_texts(pptx)
    offices, requirement = ukraine_facts(con)
    assert offices == 7
    assert len(texts) == len(deck.screens)
    assert texts[0].startswith("Ukraine: IOM migration briefing")
    kpis = texts[[s.key for s in deck.screens].index("kpis")]
    assert f"IOM offices and sub-offices\n{offices}\n" in kpis
    assert format_number(requirement, "usd") in kpis
    assert f"USD {requirement:,.0f}" in "\n".join(texts), "the exact 2016 requirement is stated"
    assert "2nd of 19" in kpis
    pictures = picture_counts(pptx)
    for screen, count in zip(deck.screens, pictures, strict=True):
        assert count == (1 if screen.slide_figure is not None else 0), screen.key
    assert {"map", "trend-migrants", "trend-remittances", "trend-displacement", "funding"} <= set(
        deck.figures
    )
    assert texts[-1].startswith("Sources")
    assert "002_826368cb2c35f099.txt" in texts[-1], "the funding table's document is cited"
    for screen, text in zip(deck.screens, texts, strict=True):
        if screen.kind in {"map", "chart"}:
            assert "Source: " in text, f"slide {screen.key} has no source line"


def test_pdf_has_one_page_per_slide(con):
    deck = country_briefing(con, "UKR")
    pdf = exports.pdf_bytes(deck, stand_in_images(deck))
    assert pdf.startswith(b"%PDF")
    assert pdf_page_count(pdf) == len(deck.screens) == 14


def test_kosovo_deck_says_included_in_serbia_not_blank(con):
    deck = country_briefing(con, "XKX")
    texts = "\n".join(slide_texts(exports.pptx_bytes(deck, stand_in_images(deck))))
    assert "Included in Serbia" in texts
    assert "trend-migrants" not in deck.figures, "no empty UN DESA chart for Kosovo"
    assert "trend-remittances" in deck.figures, "the World Bank publishes Kosovo separately"


def test_israel_deck_explains_the_missing_funding_row(con):
    deck = country_briefing(con, "ISR")
    texts = "\n".join(slide_texts(exports.pptx_bytes(deck, stand_in_images(deck))))
    assert "Israel has no row in the Migration Initiatives 2016 SEEECA funding table" in texts
    assert "Regional Office in Vienna" in texts


def test_region_deck_counts_the_region(con):
    deck = region_briefing(con)
    texts = "\n".join(slide_texts(exports.pptx_bytes(deck, stand_in_images(deck))))
    total = con.execute(
        "select sum(usd) from fct_funding_requirement where region = 'seeeca'"
    ).fetchone()[0]
    assert "IOM offices and sub-offices\n48\n" in texts
    assert format_number(total, "usd") in texts


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


@needs_chromium
def test_real_deck_for_ukraine(con):
    deck = country_briefing(con, "UKR")
    with exports.ChartRenderer() as renderer:
        result = exports.export(deck, renderer)
    offices, requirement = ukraine_facts(con)
    texts = slide_texts(result.pptx)
    assert f"\n{offices}\n" in texts[1] and format_number(requirement, "usd") in texts[1]
    assert sum(picture_counts(result.pptx)) == len(deck.figures) >= 6
    assert pdf_page_count(result.pdf) == len(deck.screens)
    for key, png in result.pngs.items():
        with Image.open(io.BytesIO(png)) as image:
            assert image.format == "PNG" and image.size == (2400, 1040), key
            colours = image.convert("RGB").resize((60, 26)).getcolors(60 * 26)
            assert len(colours) > 5, f"chart {key} rendered blank"
    assert result.seconds < 60


@needs_chromium
def test_benchmark_and_command_line_print_export_times(con, capsys, tmp_path):
    timings = exports.benchmark("MDA", warm_runs=1)
    assert {"briefing", "renderer_start", "export_first", "export_warm_1"} <= set(timings)
    assert timings["export_warm_1"] < 30
    assert "export_warm_1:" in capsys.readouterr().out
    out = tmp_path / "deck.pdf"
    exports.main(["--country", "MDA", "--out", str(out)])
    deck = country_briefing(con, "MDA")
    assert re.search(r"deck\.pdf: \d+ slides in [\d.]+ s", capsys.readouterr().out)
    assert pdf_page_count(out.read_bytes()) == len(deck.screens)

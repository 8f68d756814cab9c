"""Russian exports: the deck (PowerPoint and PDF), the one-page summary and the CSV tables in
Russian, built by the same code as the English ones in the briefing's language.

Slides are assembled with a stand-in map picture (as in test_exports), so these run without a
browser; the command-line test draws the real map. Every Russian page is rendered to PNG in
artifacts/exports/ (pdftoppm) for a person to look at.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import subprocess

import pytest
from pptx import Presentation
from pptx.enum.lang import MSO_LANGUAGE_ID
from pypdf import PdfReader

from dashboard import briefing, downloads, exports
from dashboard.exports import __main__ as cli
from dashboard.exports import layout, pdf, powerpoint
from dashboard.i18n import ALLOWED_LATIN, ISO3_PATTERN, using
from dashboard.i18n.names import place_name
from tests.test_exports import FORBIDDEN, YEARS, flat, render_pages, slide_texts, stand_in_pictures

GENERATED = dt.date(2026, 12, 6)
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# The publication notes every Russian map and Kosovo* slide carries (dashboard.notes in Russian).
MAP_DISCLAIMER_RU = "Эта карта приводится исключительно в иллюстративных целях"
KOSOVO_FOOTNOTE_RU = "резолюции 1244 (1999) Совета Безопасности ООН"


def deck_in(con, iso3: str | None, lang: str) -> briefing.Briefing:
    """The briefing of a country (or the region) built in `lang`, as the export command does."""
    with using(lang):
        scope = cli.scope_for(con, iso3, YEARS)
        return briefing.build(briefing.load(briefing.direct(con), scope), GENERATED)


def pdftotext(data: bytes) -> list[str]:
    """The text of each page as poppler's pdftotext reads it (pypdf where it is missing)."""
    if shutil.which("pdftotext") is None:
        return [flat(page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages]
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    )
    return [flat(page) for page in done.stdout.decode("utf-8").split("\f")][: _pages(data)]


def _pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def english_words(text: str) -> list[str]:
    """Latin-script words of a Russian text outside the allowlist and codes (ISO3, acronyms
    such as COVID or EUBAM, which Russian texts write in Latin letters too)."""
    return [
        word
        for word in LATIN_WORD.findall(text)
        if word not in ALLOWED_LATIN
        and not re.fullmatch(ISO3_PATTERN, word)
        and not word.rstrip("-").isupper()
    ]


def own_texts(screen: briefing.Screen) -> list[str]:
    """What the dashboard itself writes on a slide (titles, cards, chart words): everything but
    the source lines and citations, whose titles stay in English."""
    texts = [screen.title, screen.text]
    texts += [t for kpi in screen.kpis for t in (kpi.label, kpi.detail)]
    if screen.chart is not None:
        texts += [screen.chart.title, screen.chart.axis_title]
        texts += [series.name for series in screen.chart.series]
    return [t for t in texts if t]


@pytest.fixture(scope="module")
def ukraine(warehouse_path):
    import duckdb

    con = duckdb.connect(str(warehouse_path), read_only=True)
    try:
        russian, english = deck_in(con, "UKR", "ru"), deck_in(con, "UKR", "en")
    finally:
        con.close()
    pictures = stand_in_pictures(russian)
    with using("ru"):
        return russian, english, *(build(russian, pictures) for build in BUILDERS)


BUILDERS = (powerpoint.pptx_bytes, pdf.pdf_bytes)


def test_russian_deck_pdf_has_the_russian_slide_titles_and_no_english_ones(ukraine):
    russian, english, _, data = ukraine
    pages = pdftotext(data)
    assert len(pages) == len(russian.screens)
    for ru, en, text in zip(russian.screens, english.screens, pages, strict=True):
        assert ru.key == en.key
        assert CYRILLIC.search(ru.title), ru.title
        assert flat(ru.title) in text, (ru.key, ru.title)
        assert flat(en.title) not in text, (en.key, en.title)
    # the framing words of the exports too
    everything = " ".join(pages)
    assert "Источник:" in everything and "Source:" not in everything
    assert "Data-quality notes" not in everything and "Замечания о качестве данных" in everything


@pytest.mark.parametrize("iso3", ["UKR", "MDA", "XKX", "ISR", None])
def test_what_the_dashboard_writes_on_a_russian_slide_is_russian(con, iso3):
    """Titles, card labels and details, chart titles, axes and legends, notes and bullet points
    of a Russian deck hold no English word outside the allowlist, once the names of sources and
    publishers (cited as published) and quotations from the documents (“...”, marked as English)
    are set aside."""
    cited = [
        text
        for row in con.execute("select title, short_title, publisher from dim_source").fetchall()
        for text in row
        if text
    ]
    deck = deck_in(con, iso3, "ru")
    for screen in deck.screens:
        if screen.kind == "sources":  # the list of sources, titles as published
            continue
        for text in [*own_texts(screen), *screen.notes, *screen.points]:
            shown = re.sub(r"“[^”]*”", "", text)
            for name in sorted(cited, key=len, reverse=True):
                shown = shown.replace(name, "")
            assert not english_words(shown), (screen.key, text, english_words(shown))


def test_russian_numbers_dates_and_metadata(ukraine):
    russian, _, _, data = ukraine
    pages = pdftotext(data)
    assert "6 декабря 2026 г." in pages[0]
    # the dashboard's numbers (quotations from the documents keep theirs)
    values = [kpi.value for screen in russian.screens for kpi in screen.kpis]
    assert any("млн" in v for v in values) and not any("million" in v for v in values)
    assert all(flat(v) in " ".join(pages) for v in values)
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata.title == russian.title and CYRILLIC.search(russian.title)
    assert reader.trailer["/Root"]["/Lang"] == "ru"
    assert CYRILLIC.search(reader.metadata.author)


def test_russian_powerpoint_slides_notes_and_properties(ukraine):
    russian, english, pptx, _ = ukraine
    texts = slide_texts(pptx)
    for screen, en, text in zip(russian.screens, english.screens, texts, strict=True):
        assert flat(screen.title) in flat(text) and flat(en.title) not in flat(text)
    deck = Presentation(io.BytesIO(pptx))
    assert deck.core_properties.language == "ru"
    runs = [
        run
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
    ]
    assert runs and all(run.font.language_id == MSO_LANGUAGE_ID.RUSSIAN for run in runs)
    notes = [slide.notes_slide.notes_text_frame.text for slide in deck.slides]
    assert any(note.startswith("Источники:") or "\n\nИсточники:" in note for note in notes)
    assert not any("Full citations:" in note for note in notes)


def test_russian_map_slide_carries_the_russian_disclaimer(ukraine):
    russian, _, _, data = ukraine
    index = [s.key for s in russian.screens].index("map")
    assert MAP_DISCLAIMER_RU in pdftotext(data)[index]


def test_russian_deck_is_clean_and_renders_for_a_look(ukraine, con):
    _, _, _, data = ukraine
    text = " ".join(pdftotext(data))
    for pattern in FORBIDDEN:
        assert not pattern.search(text), pattern.pattern
    assert len(render_pages(data, "ukraine-deck-ru")) == len(ukraine[0].screens)
    region = deck_in(con, None, "ru")
    with using("ru"):
        region_pdf = pdf.pdf_bytes(region, stand_in_pictures(region))
    pages = pdftotext(region_pdf)
    for screen, page in zip(region.screens, pages, strict=True):
        assert flat(screen.title) in page and CYRILLIC.search(screen.title), screen.key
    render_pages(region_pdf, "region-deck-ru")


def test_an_export_never_mixes_two_languages(ukraine):
    russian = ukraine[0]
    with pytest.raises(ValueError, match="built in 'ru'"):
        exports.one_page_pdf(russian, "en")


@pytest.mark.parametrize("iso3", ["MDA", "XKX"])
def test_russian_one_page_summary(con, iso3):
    deck = deck_in(con, iso3, "ru")
    data = exports.one_page_pdf(deck, "ru")
    assert _pages(data) == 1
    (text,) = pdftotext(data)
    with using("ru"):
        name = place_name(deck.data.profile_row["name"])
    for heading in ("краткий обзор страны", "Ключевые показатели", "Офисы МОМ", "Источники"):
        assert heading in text, heading
    for standing in deck.data.standouts:
        with using("ru"):
            assert flat(standing.reason(name)) in text
    assert "6 декабря 2026 г." in text
    assert "не означают выражения" in text  # the disclaimer
    assert "country at a glance" not in text and "Headline indicators" not in text
    if iso3 == "XKX":
        assert "Косово*" in text and KOSOVO_FOOTNOTE_RU in text
    assert PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"] == "ru"
    render_pages(data, f"{iso3.lower()}-one-page-ru")


def test_csv_headers_follow_the_language(ukraine, warehouse_path):
    import duckdb

    con = duckdb.connect(str(warehouse_path), read_only=True)
    try:
        english = deck_in(con, "MDA", "en")
        russian = deck_in(con, "MDA", "ru")
    finally:
        con.close()
    tables = 0
    for en, ru in zip(english.screens, russian.screens, strict=True):
        if en.table is None:
            continue
        tables += 1
        en_csv, ru_csv = downloads.csv_bytes(en.table), downloads.csv_bytes(ru.table)
        assert ru_csv.startswith(b"\xef\xbb\xbf"), "Excel needs the byte order mark for Cyrillic"
        en_header = next(csv.reader(io.StringIO(en_csv.decode("utf-8-sig"))))
        ru_header = next(csv.reader(io.StringIO(ru_csv.decode("utf-8-sig"))))
        assert len(en_header) == len(ru_header)
        assert en_header == [str(c) for c in en.table.columns]
        for column in ru_header:
            assert CYRILLIC.search(column), (ru.key, column)
            assert column not in en_header, (ru.key, column)
    assert tables >= 3


def test_command_line_writes_a_russian_deck_and_one_pager(tmp_path, capsys):
    out = tmp_path / "mda-ru.pdf"
    cli.main(["--lang", "ru", "--country", "MDA", "--out", str(out), "--one-page"])
    (text,) = pdftotext(out.read_bytes())
    assert "Республика Молдова: краткий обзор страны" in text
    deck = tmp_path / "region-ru.pdf"
    cli.main(["--lang", "ru", "--out", str(deck)])
    pages = pdftotext(deck.read_bytes())
    assert "Перспективы миграции в регионе ЮВЕ, ВЕ и ЦА" in pages[0]
    assert "весь регион" in pages[0]
    with pytest.raises(SystemExit):
        cli.main(["--lang", "de", "--out", str(tmp_path / "x.pdf")])
    english = tmp_path / "mda-en.pdf"
    cli.main(["--country", "MDA", "--out", str(english), "--one-page"])
    assert "Republic of Moldova: country at a glance" in pdftotext(english.read_bytes())[0]
    assert layout.AUTHOR == "SEEECA Migration Outlook"


@pytest.mark.parametrize("iso3", ["MDA", None])
def test_long_russian_bar_labels_wrap_inside_their_column_and_row(con, iso3):
    """Russian programmatic areas are longer than the English: the PDF wraps a bar's label onto
    lines inside the label column, at 12 pt or more, within its own row."""
    deck = deck_in(con, iso3, "ru")
    pictures = stand_in_pictures(deck)
    wrapped = 0
    with using("ru"):
        for number, screen in enumerate(deck.screens, start=1):
            for item in layout.slide_items(screen, number, len(deck.screens), pictures):
                if not isinstance(item, layout.Chart) or item.spec.kind != "bar":
                    continue
                geometry = pdf.bar_geometry(
                    item.spec, item.box, pdf.title_height(item.box, item.spec)
                )
                size = geometry["size"]
                assert size >= layout.MIN_LABEL_PT
                for lines in geometry["lines"]:
                    wrapped += len(lines) > 1
                    for line in lines:
                        assert pdf.measure(line, size, False) <= geometry["label_width"], line
                    # one line within its row as in English; a wrapped label's lines too
                    height = len(lines) * size * (layout.LINE_SPACING if len(lines) > 1 else 1)
                    assert height <= geometry["row"] * 72 + 0.5, (screen.key, lines)
    if iso3 == "MDA":
        assert wrapped, "the Russian area names need two lines"


def test_russian_titles_start_with_a_capital_and_card_values_fit_their_cards(con):
    """'регион: 48 офисов' would open a slide in lower case; '125,9 млн долл. США' is one
    unbreakable value (no-break spaces) that must shrink into its card, not run past it."""
    deck = deck_in(con, None, "ru")
    pictures = stand_in_pictures(deck)
    with using("ru"):
        for number, screen in enumerate(deck.screens, start=1):
            assert screen.title[:1].isupper(), screen.title
            for item in layout.slide_items(screen, number, len(deck.screens), pictures):
                if not isinstance(item, layout.Text):
                    continue
                for measure in (pdf.measure, powerpoint.measure):
                    _scale, lines = layout.fit(item, measure)
                    for line in lines:
                        width = measure(line.text, line.size, line.bold)
                        assert width <= item.box.width + 1e-6, (screen.key, line.text)


def test_every_character_of_a_russian_deck_is_in_its_fonts(ukraine):
    """The PDF embeds DejaVu Sans; the PowerPoint names Arial, which LibreOffice draws with
    Liberation Sans (the metric-compatible font the layout measures with): both must hold every
    character the Russian deck writes, or a reader sees empty boxes."""
    from fontTools.ttLib import TTFont

    _, _, pptx, data = ukraine
    pdf_chars = set("".join(pdftotext(data))) - {" ", "\n", "\f"}
    pptx_chars = set("".join(slide_texts(pptx))) - {" ", "\n", "\x0b"}
    assert CYRILLIC.search("".join(pdf_chars)) and CYRILLIC.search("".join(pptx_chars))
    for font, chars in (
        (pdf.font_path(pdf.FONT), pdf_chars),
        (powerpoint.MEASURE_FONTS[False][0], pptx_chars),
    ):
        covered = TTFont(str(font)).getBestCmap()
        assert not {c for c in chars if ord(c) not in covered}, font

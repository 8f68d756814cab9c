"""Texts from the warehouse in Russian: the declaration, data.po and the terminology."""

from __future__ import annotations

import re

import pytest

from dashboard import i18n_data
from dashboard.i18n_data import DATA_TEXTS, QUOTE
from dashboard.sources import SOURCES_BY_NAME

CATALOGUE = i18n_data.read_catalogue("ru")


def _translation(msgid: str) -> str:
    message = CATALOGUE.get(msgid)
    assert message is not None, f"not in data.po: {msgid!r}"
    return message.string


@pytest.mark.parametrize("text", DATA_TEXTS, ids=lambda t: t.location)
def test_declared_column_exists_and_holds_text(text, con):
    """A renamed or emptied column fails here, not silently as English on a Russian page."""
    if text.mart:
        columns = {
            row[0]: row[1]
            for row in con.execute(
                "select column_name, data_type from information_schema.columns"
                " where table_name = ?",
                [text.table],
            ).fetchall()
        }
        assert columns.get(text.column) == "VARCHAR", f"{text.location} is not a text column"
        values = i18n_data.column_values(text, con=con)
    elif text.query:  # a renamed query or column raises here
        values = i18n_data.column_values(text, con=con)
    else:
        source = SOURCES_BY_NAME[text.table]
        assert text.column in [c.name for c in source.columns], f"{text.location} is not declared"
        assert source.column(text.column).type == "text"
        values = i18n_data.column_values(text)
    assert values, f"{text.location} holds no text"
    assert text.shown, "every declared column says where it is shown"


def test_every_data_text_has_a_russian_translation(con):
    """The catalogue-completeness check for data.po, the build's own findings included."""
    msgids = i18n_data.data_msgids(con=con)
    missing = i18n_data.untranslated("ru", msgids)
    assert not missing, f"{len(missing)} untranslated in data.po, e.g. {missing[:5]}"


def test_data_po_has_no_untranslated_or_fuzzy_entry():
    open_entries = [m.id for m in CATALOGUE if m.id and (not m.string or m.fuzzy)]
    assert not open_entries, open_entries[:5]
    assert not CATALOGUE.fuzzy, "a fuzzy header makes compilers skip the whole catalogue"


# Mart columns that pages read: every value they hold must be a msgid, which proves the
# extraction reads the texts as the build stores them (Kosovo marked, towns renamed).
SHOWN_MART_COLUMNS = (
    ("dim_indicator", "name"),
    ("dim_indicator", "unit"),
    ("dim_indicator", "caveat"),
    ("dim_strategy_element", "title"),
    ("dim_strategy_element", "description"),
    ("dim_glossary_term", "term"),
    ("dim_glossary_term", "definition"),
    ("dim_outlook_statement", "short_title"),
    ("dim_country", "subregion"),
    ("dim_office", "name"),
    ("dim_office", "note"),
    ("dim_programmatic_area", "name_as_published"),
    ("dim_iom_region", "name_as_published"),
    ("dim_series_break", "note"),
    ("dim_headline_candidate", "concept_name"),
    ("dim_headline_candidate", "why"),
    ("dim_projection_series", "label"),
    ("bridge_outlook_indicator", "rationale"),
    ("bridge_crosswalk", "justification"),
    ("bridge_theme_indicator", "reason"),
    ("dim_headline_scope", "scope_name"),
    ("dim_corridor_place", "place_group"),
    ("fct_key_figure", "label"),
    ("dq_finding", "subject"),
    ("dq_finding", "note"),
)


@pytest.mark.parametrize(("table", "column"), SHOWN_MART_COLUMNS)
def test_texts_as_the_warehouse_holds_them_are_translated(con, table, column):
    values = [
        row[0]
        for row in con.execute(
            f'select distinct "{column}" from {table} where "{column}" is not null'  # noqa: S608
        ).fetchall()
    ]
    missing = [v for v in values if any(c.isalpha() for c in v) and not _has_translation(v)]
    assert not missing, f"{table}.{column}: {missing[:3]}"


def _has_translation(msgid: str) -> bool:
    message = CATALOGUE.get(msgid.strip())
    return message is not None and bool(message.string)


def test_quotations_stay_english(con):
    """Outlook statements and the quotes behind key figures are never translated (issue 19)."""
    translated_elsewhere = set(i18n_data.data_msgids(con=con))
    for text in DATA_TEXTS:
        if text.rule != QUOTE or text.from_warehouse:
            continue
        for value in i18n_data.column_values(text):
            if value in translated_elsewhere:
                continue  # the same words also serve as a label (e.g. a section named as a term)
            assert CATALOGUE.get(value) is None, f"{text.location} is a quotation: {value[:60]}"


# The contract's UN terminology, on a sample of what the pages show most.
TERMINOLOGY = (
    ("Personal remittances received", "денежные переводы"),
    ("Remittances received as % of GDP", "денежные переводы"),
    ("International migrant stock", "численность международных мигрантов"),
    ("Refugees hosted", "беженцы"),
    ("Asylum seekers hosted", "лица, ищущие убежища"),
    ("IDPs of concern to UNHCR", "ВПЛ"),
    ("IDPs of concern to UNHCR", "УВКБ ООН"),
    ("People internally displaced by conflict and violence", "внутренне перемещённые лица"),
    ("Western Balkans", "Западные Балканы"),
    ("South Caucasus", "Южный Кавказ"),
    ("Central Asia", "Центральная Азия"),
    ("Eastern Europe", "Восточная Европа"),
    ("strategic priority", "стратегический приоритет"),
    ("thematic area", "тематическое направление"),
    ("sub-office", "местное отделение"),
    ("country", "страновое бюро"),
    ("IOM Regional Office Vienna", "Региональное бюро МОМ"),
    ("Emigrants living abroad (UN DESA 2024, by origin)", "ДЭСВ ООН"),
    ("Personal remittances received (World Bank WDI, July 2026)", "Всемирный банк"),
    ("IDPs due to conflict and violence (IDMC, via UNHCR)", "ЦМВП"),
)


@pytest.mark.parametrize(("msgid", "term"), TERMINOLOGY)
def test_translations_use_the_un_terminology(msgid, term):
    assert term.lower() in _translation(msgid).lower()


@pytest.mark.parametrize(
    ("english", "russian"),
    (
        ("remittance", "перевод"),
        ("asylum", "убежищ"),
        ("UN DESA", "ДЭСВ ООН"),
        ("IDMC", "ЦМВП"),
        ("World Bank", "Всемирн"),
        ("Western Balkans", "Западн"),
    ),
)
def test_a_term_is_rendered_the_same_way_everywhere(english, russian):
    # A file name is a name, not the term: kept as it is.
    exempt = ("remittances-received-percent-gdp.xls",)
    wrong = [
        m.id
        for m in CATALOGUE
        if m.id
        and english.lower() in m.id.lower()
        and not any(name in m.id for name in exempt)
        and russian.lower() not in m.string.lower()
    ]
    assert not wrong, wrong[:3]


def test_kosovo_keeps_its_marker_in_russian():
    """Where the English marks "Kosovo*" (the UNSCR 1244 footnote follows), so does the Russian."""
    wrong = [m.id for m in CATALOGUE if m.id and "Kosovo*" in m.id and "Косово*" not in m.string]
    assert not wrong, wrong[:3]


def test_numbers_inside_translations_follow_russian_usage():
    """ "118,075,000" would read as a decimal in Russian: the translation writes "118 075 000"."""
    assert "118 075 000" in _translation(
        "The overview prints 118,075,000 for this region, its own table prints a total of "
        "125,925,000."
    )


def test_translation_doc_lists_the_declaration():
    from dashboard import config

    doc = (config.REPO_ROOT / "docs" / "TRANSLATION.md").read_text(encoding="utf-8")
    assert i18n_data.markdown_table() in doc, "regenerate the table in docs/TRANSLATION.md"


def test_d_gives_the_russian_of_a_declared_text_and_leaves_others_alone():
    from dashboard import i18n

    assert i18n.d_("Western Balkans") == "Western Balkans"  # English: the data as they are
    with i18n.using("ru"):
        assert i18n.d_("Western Balkans") == "Западные Балканы"
        assert i18n.d_("Personal remittances received") == "Полученные личные денежные переводы"
        assert i18n.d_("A text nobody declared") == "A text nobody declared"


def test_unofficial_translation_is_said_only_in_russian():
    from dashboard import i18n

    assert i18n_data.unofficial_translation_note() is None
    with i18n.using("ru"):
        assert i18n_data.unofficial_translation_note().startswith("Неофициальный перевод")


def test_finding_values_keep_their_figure_and_take_the_language():
    from dashboard import i18n

    assert i18n_data.finding_value("118,075,000") == "118,075,000"
    assert i18n_data.finding_value("heading only") == "heading only"
    with i18n.using("ru"):
        assert i18n_data.finding_value("118,075,000") == "118\u00a0075\u00a0000"
        assert i18n_data.finding_value("31.06") == "31,06"
        assert i18n_data.finding_value("heading only") == "только заголовок"
        assert i18n_data.finding_value("Tribinje") == "Tribinje"  # a spelling stays as printed
        assert i18n_data.finding_value(None) is None


def _findings_in_russian() -> None:
    """A page block: the overview table's findings through the shared list, in Russian."""
    from dashboard import cache, i18n, ui
    from dashboard.queries import funding

    i18n.set_language("ru")
    ui.findings(cache.query(funding.funding_overview_findings), expanded=True)


def test_shared_findings_list_reads_in_russian(warehouse_path):
    """ui.findings in lang=ru on the real warehouse: subject, note and figures in Russian."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_findings_in_russian, default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    text = "\n".join(e.value for e in at.markdown)
    assert "Сводная таблица приводит для этого региона 118 075 000" in text
    assert "Опубликовано: **118\u00a0075\u00a0000**" in text or "118\u00a0075\u00a0000" in text
    assert "The overview prints" not in text and "118,075,000" not in text


def test_russian_findings_name_no_files_or_columns(con):
    """A finding a page lists speaks of documents and tables, not of the warehouse's file and
    column names (country_names, key_figures.csv...), which mean nothing to the reader."""
    identifier = re.compile(r"\b[a-z0-9]+(_[a-z0-9]+)+\b|\w+\.csv\b")
    notes = [
        *i18n_data.column_values(i18n_data.declared("published_issues", "note")),
        *i18n_data.column_values(i18n_data.declared("dq_finding", "note"), con=con),
        *i18n_data.column_values(i18n_data.declared("dq_finding", "subject"), con=con),
    ]
    wrong = [_translation(note) for note in notes if identifier.search(_translation(note))]
    assert not wrong, wrong[:3]


def test_strategy_office_rows_name_towns_from_the_names_table(con):
    """Offices under a strategy node in Russian: the office and its type from data.po, the town
    and the country from the names table (a town is a name, not a data text)."""
    from dashboard import i18n
    from dashboard.content import strategy
    from dashboard.queries import strategy as strategy_queries

    rows = con.execute(
        "select office_id from dim_office where city = 'Kyiv' and office_type = 'country'"
    ).fetchall()
    assert rows, "the Kyiv office is in the warehouse"
    offices = con.execute(
        "select name, office_type, city, country_name as country, null as reports_to,"
        " office_id, source_section from dim_office where office_id = ?",
        [rows[0][0]],
    ).df()
    assert strategy_queries  # the page's own query returns these columns
    with i18n.using("ru"):
        shown = strategy.node_offices(offices)
    text = " ".join(str(v) for v in shown.iloc[0].tolist())
    assert "Киев" in text and "МОМ в Киеве" in text and "страновое бюро" in text
    assert "Kyiv" not in text


def test_trends_map_text_alternative_names_countries_in_russian(warehouse_path):
    import pandas as pd

    from dashboard import i18n, maps

    values = pd.DataFrame(
        {"country": ["Russian Federation", "Bosnia and Herzegovina"], "value": [7.6e6, 34120.0]}
    )
    with i18n.using("ru"):
        text = maps.trend_map_alt(values, "Численность международных мигрантов", "persons", 2024)
    assert "Российская Федерация" in text and "Босния и Герцеговина" in text
    assert "Russian Federation" not in text


# Every page: the texts from the data reach each of them translated.
PAGES_WITH_RUSSIAN_DATA = (
    "pages/overview.py",
    "pages/map.py",
    "pages/country.py",
    "pages/corridors.py",
    "pages/trends.py",
    "pages/outlook.py",
    "pages/strategy.py",
    "pages/funding.py",
    "pages/glossary.py",
    "pages/briefing.py",
    "pages/data_sources.py",
)
_ENGLISH_ELEMENT = re.compile(r'<(span|td|div|p)[^>]*lang="en"[^>]*>.*?</\1>', re.S)


@pytest.mark.parametrize("page", PAGES_WITH_RUSSIAN_DATA)
def test_russian_page_shows_no_data_text_in_english(warehouse_path, page):
    """Every text from the warehouse that data.po translates reaches the Russian page translated
    (outside what is marked lang="en": citations and quotations); findings opened too."""
    from tests.apptest_helpers import FINDINGS_PREFIX, open_page

    at = open_page(page, {"lang": ["ru"]})
    opened = [k for k in at.session_state.keys() if str(k).startswith(FINDINGS_PREFIX)]
    for key in opened:
        at.session_state[key] = True
    if opened:
        # a page run without app.py (switch_page) takes the switch's language from the state,
        # which the page-only run does not keep: say it again for the rerun
        at.session_state["lang"] = "ru"
        at.run()
    shown = []
    for kind in ("markdown", "caption", "info", "warning", "metric", "expander", "subheader"):
        for element in getattr(at, kind):
            for attribute in ("value", "label"):
                text = getattr(element, attribute, None)
                if isinstance(text, str):
                    shown.append(_ENGLISH_ELEMENT.sub(" ", text))
    visible = "\n".join(shown)
    english = [
        m.id
        for m in CATALOGUE
        if m.id and m.string and m.string != m.id and len(m.id) >= 14 and " " in m.id
    ]
    leaked = [msgid for msgid in english if msgid in visible]
    assert not leaked, leaked[:5]


def test_markup_marks_what_stays_as_published_english():
    from dashboard import i18n

    assert i18n_data.markup("Lyiv for Lviv") == "Lyiv for Lviv"  # English: only made inert
    with i18n.using("ru"):
        shown = i18n_data.markup("Буквы переставлены (Lyiv вместо Lviv).")
        assert shown == (
            'Буквы переставлены (<span lang="en">Lyiv</span> вместо <span lang="en">Lviv</span>).'
        )
        assert "<script" not in i18n_data.markup("<script>x</script>")

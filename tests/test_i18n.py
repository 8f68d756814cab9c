"""English and Russian: the language of a run, translations, catalogues and locale formats
(dashboard.i18n), and the shell's language switch bound to the link."""

from __future__ import annotations

import ast
import datetime as dt
import logging
import re
import shutil
from pathlib import Path

import plotly.graph_objects as go
import pytest

from dashboard import cache, config, i18n, notes, style
from dashboard.charts import style as chart_style
from dashboard.i18n import N_, NBSP, _, catalogues, d_, ngettext, pgettext
from dashboard.ingest import names_ru
from tests.apptest_helpers import open_page

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def fresh_catalogues():
    i18n.reload()
    yield
    i18n.reload()


# --- The language of a run ------------------------------------------------------------------------


def test_english_is_the_default_and_using_restores_the_language():
    assert i18n.language() == "en"
    with i18n.using("ru"):
        assert i18n.language() == "ru"
        with i18n.using("en"):
            assert i18n.language() == "en"
        assert i18n.language() == "ru"
    assert i18n.language() == "en"
    with i18n.using("xx"):  # an unknown code is the default
        assert i18n.language() == "en"


def test_translations_follow_the_language_and_unknown_text_comes_back_unchanged():
    assert _("Filters") == "Filters"
    with i18n.using("ru"):
        assert _("Filters") == "Фильтры"
        assert _("Not a msgid of any catalogue") == "Not a msgid of any catalogue"
        assert d_("A text no catalogue has") == "A text no catalogue has"
        assert d_(None) is None
        assert pgettext("countries", "All") == "Все"
        assert N_("Regional overview") == "Regional overview"  # only marks
        assert _(N_("Regional overview")) == "Обзор региона"


def test_placeholders_are_filled_after_translating():
    with i18n.using("ru"):
        text = _("Pillar: {title}").format(title="Т")
    assert text == "Компонент: Т"


def test_russian_plural_forms_follow_the_number():
    with i18n.using("ru"):
        plural = i18n.translations("ru").plural  # from the catalogues' Plural-Forms header
    # 1, 21 -> one; 2-4, 22 -> few; 5-20, 11-14, 25 -> many
    assert [plural(n) for n in (1, 21, 101)] == [0, 0, 0]
    assert [plural(n) for n in (2, 3, 4, 22, 104)] == [1, 1, 1, 1, 1]
    assert [plural(n) for n in (0, 5, 11, 12, 14, 20, 25, 111)] == [2] * 8
    assert ngettext("{n} country", "{n} countries", 1) == "{n} country"
    assert ngettext("{n} country", "{n} countries", 2) == "{n} countries"


# --- Locale formats ---------------------------------------------------------------------------------

ENGLISH = [  # what the dashboard has always written: unchanged
    ((125_900_000,), {}, "125.9 million"),
    ((125_900_000, "usd"), {}, "USD 125.9 million"),
    ((125_900_000, "usd"), {"compact": True}, "USD 125.9M"),
    ((29_000_000,), {"compact": True}, "29M"),
    ((1_254_000_000,), {}, "1.25 billion"),
    ((1_254_000_000,), {"compact": True}, "1.3B"),
    ((46.5, "percent"), {}, "46.5%"),
    ((35156,), {}, "35,156"),
    ((48,), {}, "48"),
    ((12.34,), {}, "12.3"),
    ((None,), {}, config.MISSING_VALUE),
    ((float("nan"),), {}, config.MISSING_VALUE),
]
RUSSIAN = [  # Babel's ru locale; every space in a value is a no-break space
    ((33_000_000,), {}, "33,0 млн"),
    ((125_900_000, "usd"), {}, "125,9 млн долл. США"),
    ((125_900_000, "usd"), {"compact": True}, "125,9 млн $"),  # CLDR's short form, for cards
    ((29_000_000,), {"compact": True}, "29 млн"),
    ((1_254_000_000,), {}, "1,25 млрд"),
    ((1_254_000_000,), {"compact": True}, "1,3 млрд"),
    ((46.5, "percent"), {}, "46,5 %"),
    ((35156,), {}, "35 156"),
    ((1_234_567.0,), {}, "1,2 млн"),
    ((48,), {}, "48"),
    ((12.34,), {}, "12,3"),
    ((-2500,), {}, "-2 500"),
    ((None,), {}, config.MISSING_VALUE),
]


@pytest.mark.parametrize(("args", "kwargs", "expected"), ENGLISH, ids=lambda v: str(v))
def test_english_numbers_read_as_they_always_did(args, kwargs, expected):
    assert style.format_number(*args, **kwargs) == expected
    assert i18n.format_number(*args, **kwargs) == expected


@pytest.mark.parametrize(("args", "kwargs", "expected"), RUSSIAN, ids=lambda v: str(v))
def test_russian_numbers_follow_the_locale(args, kwargs, expected):
    with i18n.using("ru"):
        written = style.format_number(*args, **kwargs)
    assert written.replace(NBSP, " ") == expected
    assert " " not in written, "spaces inside a value never break: no-break spaces only"


def test_percent_money_dates_and_years_per_locale():
    day = dt.date(2026, 12, 6)
    assert i18n.format_percent(46.5) == "46.5%"
    assert i18n.format_money(125_900_000) == "USD 125.9 million"
    assert i18n.format_date(day) == "06 December 2026"
    assert i18n.format_year(2026.0) == i18n.format_year("2026") == "2026"
    with i18n.using("ru"):
        assert i18n.format_percent(46.5).replace(NBSP, " ") == "46,5 %"
        assert i18n.format_money(125_900_000).replace(NBSP, " ") == "125,9 млн долл. США"
        assert i18n.format_date(day).replace(NBSP, " ") == "6 декабря 2026 г."
        assert i18n.format_date("2026-12-06T10:00").replace(NBSP, " ") == "6 декабря 2026 г."
        assert i18n.format_year(2026) == "2026", "years are never grouped"


def test_charts_take_the_languages_separators_and_years_stay_ungrouped():
    def line() -> go.Figure:
        return go.Figure(go.Scatter(x=[2000, 2010, 2020], y=[1500.5, 2500.25, 3500.75]))

    english = chart_style.finish(line())
    with i18n.using("ru"):
        russian = chart_style.finish(line())
    assert english.layout.separators == ".,"
    assert russian.layout.separators == "," + NBSP
    for figure in (english, russian):
        assert figure.layout.xaxis.tickformat == "d"
        assert figure.layout.xaxis.separatethousands is False
    # English keeps plotly's "5M"; Russian writes values out ("5 000 000"), never "M" or "k"
    assert english.layout.yaxis.exponentformat is None
    assert russian.layout.yaxis.exponentformat == "none"
    assert russian.layout.yaxis.separatethousands is True


# --- Cache and notes per language ------------------------------------------------------------------


def _language_of_run(rows: tuple) -> str:
    return f"{i18n.language()}:{len(rows)}"


def test_derived_and_charts_are_cached_per_language(warehouse_path):
    cache.clear_query_results()
    rows = (1, 2, 3)
    assert cache.derived(_language_of_run, rows) == "en:3"
    with i18n.using("ru"):
        assert cache.derived(_language_of_run, rows) == "ru:3"
    assert cache.derived(_language_of_run, rows) == "en:3"

    def figure(title: str) -> go.Figure:
        return go.Figure(go.Bar(x=["a"], y=[1_000.5]), layout={"title": {"text": title}})

    with i18n.using("ru"):
        russian = cache.chart(figure, "t")
    english = cache.chart(figure, "t")
    assert (english.layout.separators, russian.layout.separators) == (".,", "," + NBSP)


def test_notes_are_in_the_language_and_kosovo_is_recognised_in_both():
    with i18n.using("ru"):
        assert notes.mentions_kosovo("Косово*")
        assert notes.footnotes_for("Косово*") == [
            "* Ссылки на Косово следует понимать в контексте резолюции 1244 (1999) Совета "
            "Безопасности ООН."
        ]
        disclaimer = notes.map_notes(())[0]
    assert disclaimer.startswith("Эта карта приводится исключительно в иллюстративных целях.")
    assert notes.map_notes(())[0] == config.MAP_DISCLAIMER


# --- Catalogues ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "area"),
    [
        ("app.py", "common"),
        ("src/dashboard/sidebar.py", "common"),
        ("pages/overview.py", "overview"),
        ("src/dashboard/content/country.py", "country"),
        ("src/dashboard/charts/trends.py", "trends"),
        ("src/dashboard/views/outlook.py", "outlook"),
        ("src/dashboard/ahead.py", "outlook"),
        ("src/dashboard/charts/style.py", "common"),
        ("src/dashboard/exports/pdf.py", "exports"),
        ("src/dashboard/briefing.py", "exports"),
        ("src/dashboard/views/briefing.py", "briefing"),
        ("src/dashboard/lineage.py", "data_sources"),
    ],
)
def test_each_source_file_belongs_to_one_area(path, area):
    assert catalogues.area_of(path) == area


def test_every_area_has_a_russian_catalogue_with_russian_plural_forms():
    for area in catalogues.AREAS:
        path = catalogues.po_path(area)
        assert path.is_file(), f"{path} missing: run python -m dashboard.i18n update"
        catalog = catalogues.read(area)
        assert str(catalog.locale) == "ru"
        assert catalog.num_plurals == 3, path


@pytest.mark.parametrize("area", catalogues.AREAS)
def test_catalogue_is_complete(area):
    """Every msgid of the area's code (and, for data.po, of the declared data columns) is
    translated, with the same placeholders. Fix: `python -m dashboard.i18n update`, then fill
    in the empty msgstr entries of the .po named (docs/TRANSLATION.md)."""
    found = [str(problem) for problem in catalogues.problems() if problem.area == area]
    assert not found, f"{len(found)} to fix in {area}.po:\n" + "\n".join(found)


def test_no_msgid_is_in_two_catalogues():
    """A msgid (with its context) lives in one .po: two engineers adding the same string in
    parallel would otherwise leave two translations, the first in chain order winning silently.
    Fix: delete it from the later .po, keeping the better translation in the earlier one."""
    first: dict[tuple[str, str | None], str] = {}
    twice = []
    for area in catalogues.AREAS:
        for message in catalogues.read(area):
            if not message.id:
                continue
            key = (catalogues._singular(message.id), message.context)
            if key in first:
                twice.append(f"{key!r}: {first[key]}.po and {area}.po")
            first.setdefault(key, area)
    assert not twice, "in two catalogues:\n" + "\n".join(twice)


def test_a_strategy_pillar_is_a_component_in_every_russian_catalogue():
    """ "Pillar" is «компонент» (as the glossary says), never «направление», which names the
    2015-2020 thematic areas (тематическое направление)."""
    pillar = re.compile(r"\bpillars?\b", re.IGNORECASE)
    wrong = []
    for area in catalogues.AREAS:
        for message in catalogues.read(area):
            ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
            strings = (
                message.string if isinstance(message.string, (tuple, list)) else (message.string,)
            )
            if any(pillar.search(text or "") for text in ids):
                wrong += [
                    f"{area}.po: {ids[0]!r} -> {text!r}"
                    for text in strings
                    if text and "компонент" not in text.lower()
                ]
    assert not wrong, "\n".join(wrong)


def _copy_locale(tmp_path: Path, monkeypatch) -> Path:
    copy = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, copy, ignore=shutil.ignore_patterns("*.mo"))
    monkeypatch.setattr(i18n, "LOCALE_DIR", copy)
    monkeypatch.setattr(catalogues, "LOCALE_DIR", copy)
    return copy / "ru" / "LC_MESSAGES"


def test_the_app_translates_without_compiled_catalogues_and_says_so_once(
    tmp_path, monkeypatch, caplog, fresh_catalogues
):
    _copy_locale(tmp_path, monkeypatch)
    i18n._warned.clear()
    with caplog.at_level(logging.WARNING, logger="dashboard.i18n"), i18n.using("ru"):
        assert _("Filters") == "Фильтры"
        i18n.reload()
        assert _("Filters") == "Фильтры"
    said = [r.getMessage() for r in caplog.records]
    assert len(said) == 1, "said once, for every catalogue"
    assert "common.mo" in said[0] and "data.mo" in said[0] and "compiled in memory" in said[0]


def test_a_broken_catalogue_costs_its_translations_not_the_page(
    tmp_path, monkeypatch, caplog, fresh_catalogues
):
    folder = _copy_locale(tmp_path, monkeypatch)
    (folder / "common.po").write_text('msgid "Filters"\nmsgstr "x"\ngarbage\n', encoding="utf-8")
    i18n._warned.clear()
    with caplog.at_level(logging.WARNING, logger="dashboard.i18n"), i18n.using("ru"):
        assert _("Filters") == "Filters"
    assert any("common.po" in r.getMessage() for r in caplog.records)


def test_compiled_catalogues_are_used_and_check_finds_wrong_placeholders(
    tmp_path, monkeypatch, fresh_catalogues
):
    folder = _copy_locale(tmp_path, monkeypatch)
    written = catalogues.compile_all()
    assert {path.name for path in written} == {f"{area}.mo" for area in catalogues.AREAS}
    with i18n.using("ru"):
        assert _("Filters") == "Фильтры"
    text = (folder / "common.po").read_text(encoding="utf-8")
    text = text.replace('msgstr "Компонент: {title}"', 'msgstr "Компонент: {name}"')
    (folder / "common.po").write_text(text, encoding="utf-8")
    wrong = [p for p in catalogues.problems() if p.what.startswith("placeholders differ")]
    assert [(p.area, p.msgid) for p in wrong] == [("common", "Pillar: {title}")]


def test_update_adds_new_msgids_to_their_area_and_keeps_translations(tmp_path, monkeypatch):
    folder = _copy_locale(tmp_path, monkeypatch)
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "src", root / "src", ignore=shutil.ignore_patterns("locale", "*.pyc"))
    shutil.copytree(ROOT / "pages", root / "pages")
    shutil.copy(ROOT / "app.py", root / "app.py")
    shutil.copytree(ROOT / "data" / "sources", root / "data" / "sources")
    page = root / "pages" / "funding.py"
    page.write_text(
        page.read_text(encoding="utf-8")
        + '\n_("A new sentence of the funding page")\n_("Filters")\n',
        encoding="utf-8",
    )
    before = (folder / "common.po").read_text(encoding="utf-8")
    added = catalogues.update(root)
    assert added["funding"] == 1 and added["common"] == 0
    funding = catalogues.read("funding")
    assert funding.get("A new sentence of the funding page").string == ""
    assert funding.get("Filters") is None, "a msgid lives in the first .po that has it"
    assert 'msgstr "Фильтры"' in (folder / "common.po").read_text(encoding="utf-8")
    catalogues.update(root)  # again: nothing changes
    assert (folder / "common.po").read_text(encoding="utf-8").count("Фильтры") == 1
    assert before.count("msgid ") == (folder / "common.po").read_text().count("msgid ")


def test_modules_that_translate_never_rebind_the_underscore():
    """`for _ in ...` or `x, _ = ...` in a module that imports `_` from dashboard.i18n would make
    `_` a plain value there, and the next `_("...")` would fail."""
    offenders = []
    for path in catalogues.source_files(ROOT):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports = any(
            isinstance(node, ast.ImportFrom)
            and node.module == "dashboard.i18n"
            and any(alias.name == "_" and alias.asname is None for alias in node.names)
            for node in ast.walk(tree)
        )
        if not imports:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, "use another throwaway name than _ in: " + ", ".join(offenders)


# --- The shell: language from the link, the switch, filters kept ------------------------------------


@pytest.fixture()
def server_like_reruns(monkeypatch):
    """Rerun app.py (the shell, where the switch is) on every AppTest run, as the server does:
    AppTest resets Streamlit's legacy pages/-folder flag before each run (see test_faults)."""
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


def test_a_russian_link_opens_the_shell_in_russian(warehouse_path):
    at = open_page(query={"lang": ["ru"]}, fail_on_error=True)
    assert at.session_state["lang"] == "ru"
    sidebar = [element.value for element in at.sidebar.markdown]
    assert "### Фильтры" in sidebar
    labels = {widget.label for widget in at.sidebar.multiselect}
    assert {"Субрегион", "Страна или территория"} <= labels
    assert at.sidebar.slider[0].label == "Годы"
    # the footnote keeps its asterisk (escaped: a leading "* " would make a list bullet)
    assert any(c.value.startswith("\\* Ссылки на Косово") for c in at.sidebar.caption)
    assert at.query_params.get("lang") in ("ru", ["ru"])


def test_switching_language_keeps_every_filter_and_writes_it_to_the_link(
    warehouse_path, server_like_reruns
):
    query = {"country": ["ALB", "XKX"], "years": ["2010", "2020"], "theme": ["s2020.sp1"]}
    at = open_page(query=query, fail_on_error=True)
    assert at.session_state["lang"] == "en"
    assert "lang" not in at.query_params, "the default language stays out of the link"
    switch = at.sidebar.segmented_control(key="lang")
    assert switch.options == ["English", "Русский"]
    switch.set_value("ru").run()
    assert not at.exception
    assert at.session_state["country"] == ["ALB", "XKX"]
    assert tuple(at.session_state["years"]) == (2010, 2020)
    assert at.session_state["theme"] == "s2020.sp1"
    link = {key: at.query_params[key] for key in at.query_params}
    assert link["lang"] in ("ru", ["ru"])
    assert list(link["country"]) == ["ALB", "XKX"] and list(link["years"]) == ["2010", "2020"]
    assert "### Фильтры" in [element.value for element in at.sidebar.markdown]
    at.sidebar.segmented_control(key="lang").set_value("en").run()
    assert "lang" not in at.query_params
    assert "### Filters" in [element.value for element in at.sidebar.markdown]


def test_an_unknown_language_in_the_link_is_reported_and_english_shown(warehouse_path):
    at = open_page(query={"lang": ["de"]})
    assert at.session_state["lang"] == "en"
    assert any("Ignored language 'de'" in warning.value for warning in at.sidebar.warning)
    assert "lang" not in at.query_params


# --- Names in both languages --------------------------------------------------------------------


def test_the_region_is_named_in_russian_as_the_un_names_it(warehouse_path, con):
    with i18n.using("ru"):
        assert i18n.country_name("KGZ") == "Кыргызстан", "UN Russian, not ISO's Киргизия"
        assert i18n.country_name("MDA") == "Республика Молдова"
        assert i18n.country_name("TUR") == "Турция"
        assert i18n.country_name("XKX") == "Косово*"
        assert i18n.country_name("XKX", standalone=True) == "Косово (СБ ООН 1244)"
        assert i18n.place_name("Kosovo (UNSCR 1244)") == "Косово (СБ ООН 1244)"
        assert i18n.place_name("Kyiv") == "Киев"
        assert i18n.place_name("Astana") == i18n.place_name("Nur-Sultan") == "Астана"
        assert i18n.place_name("Chisinau") == "Кишинёв"
        assert i18n.place_name("Not a place") == "Not a place"
        codes = [row[0] for row in con.execute("select iso3 from dim_country").fetchall()]
        russian = [i18n.country_name(code) for code in codes]
    assert len(codes) == 20
    assert not [name for name in russian if re.search("[A-Za-z]", name)], russian
    assert i18n.country_name("KGZ") == "Kyrgyzstan" and i18n.place_name("Kyiv") == "Kyiv"
    towns = con.execute("select count(*) from dim_display_name where kind = 'city'").fetchone()[0]
    cyrillic = con.execute(
        "select count(*) from dim_display_name where regexp_matches(label_ru, '^[А-яЁё* ()1-9-]+$')"
    ).fetchone()[0]
    assert towns > 40 and cyrillic == len(codes) + towns + 1, "every name in Cyrillic (and Austria)"


def test_the_russian_names_file_is_what_the_ingest_writes():
    """display_names_ru.csv is generated: pycountry's ISO 3166 Russian plus names_ru.csv."""
    written = names_ru._read(config.SOURCES_DIR / "display_names_ru.csv")
    assert written == names_ru.russian_names(), (
        "run PYTHONPATH=src .venv/bin/python -m dashboard.ingest.names_ru"
    )
    kept = {row["key"]: row for row in names_ru._read(config.SOURCES_DIR / "names_ru.csv")}
    assert kept["KGZ"]["iso3166_ru"] == names_ru.iso3166_russian("KGZ") == "Киргизия"
    assert all(row["reason"] for row in kept.values()), "every correction says why"


def test_a_correction_made_against_another_catalogue_stops_the_run(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(config.SOURCES_DIR, sources)
    table = (sources / "names_ru.csv").read_text(encoding="utf-8")
    (sources / "names_ru.csv").write_text(table.replace(",Киргизия,", ",Киргизстан,"), "utf-8")
    with pytest.raises(names_ru.NamesError, match="KGZ"):
        names_ru.russian_names(sources)
    rows = (sources / "display_names.csv").read_text(encoding="utf-8")
    (sources / "display_names.csv").write_text(rows + "city,Nowhere,Nowhere,Nowhere,x.,true\n")
    (sources / "names_ru.csv").write_text(table, "utf-8")
    with pytest.raises(names_ru.NamesError, match="Nowhere"):
        names_ru.russian_names(sources)


def test_the_country_filter_names_countries_in_russian_in_russian_order(warehouse_path):
    at = open_page(query={"lang": ["ru"], "country": ["KGZ", "XKX"]}, fail_on_error=True)
    countries = at.sidebar.multiselect(key="country")
    assert "Кыргызстан" in countries.options and "Косово*" in countries.options
    assert countries.value == ["KGZ", "XKX"]
    central_asia = [n for n in countries.options if n in ("Казахстан", "Кыргызстан", "Узбекистан")]
    assert central_asia == ["Казахстан", "Кыргызстан", "Узбекистан"]


def test_a_dropped_link_value_is_reported_in_russian(warehouse_path):
    at = open_page(query={"lang": ["ru"], "country": ["ZZZ"], "years": ["1700"]})
    said = [warning.value for warning in at.sidebar.warning]
    assert any(
        "'ZZZ'" in text and "(страна)" in text and "неизвестный код" in text for text in said
    )
    assert any("'1700'" in text and "допустимо" in text and " от " in text for text in said), said


def test_chart_summaries_and_selection_captions_are_in_russian():
    from dashboard.charts import summary
    from dashboard.filters import FilterOptions, Filters

    figure = go.Figure(
        [go.Bar(x=["Албания", "Сербия"], y=[3, 5], name="Беженцы")],
        layout={"title": {"text": "Беженцы"}},
    )
    with i18n.using("ru"):
        text = summary.figure_summary(figure)
        options = FilterOptions(("Central Asia",), {"KAZ": "Казахстан"}, {}, {}, 2000, 2025)
        region = Filters(years=(2000, 2025)).describe(options)
    assert text == (
        "Столбчатая диаграмма: Беженцы; 1 ряд (Беженцы); наибольшее значение: Сербия. "
        "Все значения — на вкладке «Таблица»."
    )
    assert region == "весь регион (1 страна и территория); 2000-2025"


def test_the_family_labels_marked_for_translation_are_those_the_sql_declares():
    """content.trends.FAMILY_LABELS repeats, for the extractor, the family labels declared in
    indicator_choices_by_family.sql: a label added or reworded in one must be in the other, or
    its Russian is never extracted (or a stale msgid lingers)."""
    from dashboard.content.trends import FAMILY_LABELS

    sql = (config.SQL_DIR / "queries" / "indicator_choices_by_family.sql").read_text()
    block = sql.split("with families as", 1)[1].split("as family_list", 1)[0]
    declared = re.findall(r"\('[a-z_]+', '([^']+)', (\d+)\)", block)
    assert declared, "no family labels found in indicator_choices_by_family.sql"
    in_order = [label for label, _order in sorted(declared, key=lambda row: int(row[1]))]
    assert list(FAMILY_LABELS) == in_order

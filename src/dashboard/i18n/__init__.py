"""English and Russian: the language of a run, the translation of its texts, and locale formats.

Pure (never imports streamlit). The contract every module codes against:

- `language()` is the language of the current script run or export (a ContextVar: the shell sets
  it at the top of every run from the `lang` URL parameter, the export command from `--lang`);
  `using(lang)` sets it for a block (exports, tests).
- `_(msgid)`, `ngettext(singular, plural, n)`, `pgettext(context, msgid)`: the translation in the
  current language; named brace placeholders are filled AFTER translating
  (`_("{count} countries with data").format(count=n)`), and a sentence is one msgid.
- `N_(msgid)` marks a text made at import time (constants, tables of labels) for extraction;
  translate it with `_(CONSTANT)` where it is shown. Never call `_()` at import time.
- `d_(text)`: a text from the warehouse (indicator names, units, glossary terms...), translated
  through data.po (its msgids are declared in dashboard.i18n_data, not extracted from code);
  an unknown text comes back unchanged.
- `format_number`, `format_percent`, `format_money`, `format_date`, `format_year`: numbers and
  dates in the language's conventions (English exactly as the dashboard always wrote them;
  Russian after Babel's ru locale: "33,0 млн", "125,9 млн долл. США", "46,5 %",
  "6 декабря 2026 г.", every space inside a value a no-break space).
- `country_name(iso3)`, `place_name(english_name)`: names from the names table (dim_display_name)
  in the current language ("Кыргызстан", "Косово*", "Киев"); queries keep returning English.

The catalogues are src/dashboard/locale/ru/LC_MESSAGES/<area>.po, one per area of the code
(dashboard.i18n.catalogues.AREAS), chained at run time; `python -m dashboard.i18n update|check|
compile` maintains them (docs/TRANSLATION.md).
"""

from __future__ import annotations

import contextlib
import gettext
import io
import logging
import threading
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path

from dashboard.i18n.formats import (
    NBSP,
    format_date,
    format_money,
    format_number,
    format_percent,
    format_year,
    plotly_separators,
)
from dashboard.i18n.names import country_name, place_name

__all__ = [
    "ALLOWED_LATIN",
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "NBSP",
    "N_",
    "NP_",
    "_",
    "d_",
    "format_date",
    "format_money",
    "format_number",
    "format_percent",
    "format_year",
    "country_name",
    "place_name",
    "language",
    "ngettext",
    "npgettext",
    "pgettext",
    "plotly_separators",
    "set_language",
    "using",
]

# Each language's name written in that language: how the switch offers it.
LANGUAGES: dict[str, str] = {"en": "English", "ru": "Русский"}
DEFAULT_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

# Latin-script words a Russian page may show outside a [lang="en"] element (the browser check in
# tests/browser/test_russian.py): codes and acronyms that Russian texts write in Latin letters
# too. Anything English beyond these (a source title, a quotation) goes inside a lang="en"
# element (ui.english, ui.source_line). ISO3 codes are matched by pattern (ISO3_PATTERN).
ALLOWED_LATIN: frozenset[str] = frozenset(
    {
        # datasets and publishers cited by their acronym
        "WDI",  # World Development Indicators (World Bank)
        "WPP",  # World Population Prospects (UN DESA)
        "KNOMAD",  # Global Knowledge Partnership on Migration and Development
        "IDMC",  # cited together with its Russian name (ЦМВП)
        "DESA",  # UN DESA, in "UN DESA" dataset names
        "UN",
        "IOM",
        "UNHCR",
        "GDI",  # IOM's Global Data Institute, the origin-destination matrix
        "SEEECA",  # the region's code in IOM
        "EUBAM",  # the EU Border Assistance Mission, in an office's name as published
        "MiGOF",  # IOM's Migration Governance Framework, cited by its acronym in Russian too
        # the strategies' own codes of their elements (SP1-SP4, TA1-TA6), kept in Russian
        "SP",
        "TA",
        "COVID",  # COVID-19, written so in Russian too
        "GDP",
        "GeoNames",  # the gazetteer of the offices' positions
        "Natural",  # Natural Earth, the basemap's boundaries
        "Earth",
        # the language switch names each language in itself ("English / Русский")
        "English",
        # file formats and the app's own controls
        "CSV",
        "PDF",
        "PNG",
        "PowerPoint",
        "URL",
        "ISO",
        "ISO3",
    }
)
ISO3_PATTERN = r"[A-Z]{3}"

_log = logging.getLogger(__name__)
_language: ContextVar[str] = ContextVar("dashboard_language", default=DEFAULT_LANGUAGE)


def language() -> str:
    """The language of the current run or export ("en" or "ru")."""
    return _language.get()


def set_language(lang: str) -> None:
    """Make `lang` the language of the current run (the shell calls it first on every run);
    an unknown code means the default."""
    _language.set(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)


@contextlib.contextmanager
def using(lang: str) -> Iterator[None]:
    """The block runs in `lang` (exports, tests); the previous language is restored after it."""
    token = _language.set(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)
    try:
        yield
    finally:
        _language.reset(token)


# --- Catalogues ---------------------------------------------------------------------------------

_lock = threading.Lock()
_loaded: dict[str, gettext.NullTranslations] = {}
_warned: set[str] = set()


def _warn_once(key: str, message: str, *args: object) -> None:
    if key not in _warned:
        _warned.add(key)
        _log.warning(message, *args)


def _from_po(po: Path) -> gettext.GNUTranslations | None:
    """A catalogue compiled in memory from its .po (no .mo built yet, or an older one)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    try:
        with po.open("rb") as source:
            catalog = read_po(source, abort_invalid=True)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        return gettext.GNUTranslations(buffer)
    except Exception as error:  # a broken catalogue costs its translations, never the page
        _warn_once(str(po), "Translations of %s are not used: %s", po, error)
        return None


def _load_area(po: Path, uncompiled: list[str]) -> gettext.GNUTranslations | None:
    """The area's compiled .mo, or its .po compiled in memory when the .mo is missing, older
    than the .po or unreadable (its name is added to `uncompiled`)."""
    mo = po.with_suffix(".mo")
    try:
        if mo.is_file() and mo.stat().st_mtime >= po.stat().st_mtime:
            with mo.open("rb") as compiled:
                return gettext.GNUTranslations(compiled)
    except (OSError, gettext.error):
        pass
    uncompiled.append(mo.name)
    return _from_po(po)


def translations(lang: str) -> gettext.NullTranslations:
    """Every area's catalogue of `lang`, chained (loaded once per process)."""
    found = _loaded.get(lang)
    if found is not None:
        return found
    with _lock:
        if lang in _loaded:
            return _loaded[lang]
        from dashboard.i18n.catalogues import AREAS  # the area list, without Babel's extractors

        chained: gettext.NullTranslations = gettext.NullTranslations()
        if lang != DEFAULT_LANGUAGE:
            first: gettext.NullTranslations | None = None
            folder = LOCALE_DIR / lang / "LC_MESSAGES"
            uncompiled: list[str] = []
            for area in AREAS:
                po = folder / f"{area}.po"
                if not po.is_file():
                    _warn_once(str(po), "No catalogue %s: its texts stay in English", po)
                    continue
                loaded = _load_area(po, uncompiled)
                if loaded is None:
                    continue
                if first is None:
                    first = loaded
                else:
                    first.add_fallback(loaded)
            if uncompiled:
                _warn_once(
                    f"{folder}:uncompiled",
                    "%s in %s missing or older than the .po (python -m dashboard.i18n compile): "
                    "compiled in memory",
                    ", ".join(uncompiled),
                    folder,
                )
            chained = first or chained
        _loaded[lang] = chained
        return chained


def reload() -> None:
    """Forget the loaded catalogues (tests, after the .po files change)."""
    with _lock:
        _loaded.clear()


# --- Translating --------------------------------------------------------------------------------


def _(msgid: str) -> str:
    """`msgid` in the current language (English: unchanged)."""
    lang = _language.get()
    if lang == DEFAULT_LANGUAGE:
        return msgid
    return translations(lang).gettext(msgid)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for `n` (Russian has three): `ngettext("{n} country", "{n} countries", n)`."""
    lang = _language.get()
    if lang == DEFAULT_LANGUAGE:
        return singular if n == 1 else plural
    return translations(lang).ngettext(singular, plural, n)


def pgettext(context: str, msgid: str) -> str:
    """`msgid` in the current language, for a short word ambiguous out of `context`."""
    lang = _language.get()
    if lang == DEFAULT_LANGUAGE:
        return msgid
    return translations(lang).pgettext(context, msgid)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    """`ngettext` with a context."""
    lang = _language.get()
    if lang == DEFAULT_LANGUAGE:
        return singular if n == 1 else plural
    return translations(lang).npgettext(context, singular, plural, n)


def N_(msgid: str) -> str:  # noqa: N802 (the gettext convention the extractor looks for)
    """Marks `msgid` for extraction and returns it unchanged: translate it where it is shown."""
    return msgid


def NP_(context: str, msgid: str) -> str:  # noqa: N802
    """`N_` with a translation context: marks `msgid` (shown as `pgettext(context, msgid)`)."""
    return msgid


def d_(text):
    """A text from the warehouse in the current language (data.po); anything unknown, and
    anything not a string (None, NaN), comes back unchanged."""
    if not isinstance(text, str) or not text or _language.get() == DEFAULT_LANGUAGE:
        return text
    return translations(_language.get()).gettext(text)

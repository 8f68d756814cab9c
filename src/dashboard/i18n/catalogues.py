"""The Russian catalogues: which area a source file belongs to, and the update / check / compile
steps of `python -m dashboard.i18n` (Babel extracts the msgids).

One .po per area, so that engineers translating different pages never edit the same file. A
msgid lives in exactly one .po: the first that already has it (in AREAS order), else its area's.
`update` adds the new msgids with an empty translation, drops untranslated entries the code no
longer uses, and never moves or drops a translated entry. The .po files carry no line numbers
and are sorted by msgid, so adding a string changes a few lines.

data.po (texts from the warehouse) is maintained by `python -m dashboard.i18n_data update` from
the declared columns of dashboard.i18n_data; here it is only read: a code msgid it already has
is not added elsewhere, and `check` reports its declared msgids left untranslated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from dashboard import config
from dashboard.i18n import LOCALE_DIR

# The catalogues, in the order they are searched; each area's owner translates it.
AREAS: tuple[str, ...] = (
    "common",  # app.py, sidebar, navigation, ui, notes, url_params/url_state, config, style...
    "overview",
    "map",
    "country",
    "corridors",
    "trends",
    "outlook",
    "strategy",
    "funding",
    "data_sources",
    "glossary",
    "briefing",
    "exports",  # exports/, story.py, changes.py, the briefing builder, downloads.py
    "data",  # texts from the warehouse, through d_() (dashboard.i18n_data maintains it)
)
DATA_AREA = "data"
TARGET_LANGUAGES = ("ru",)
PROJECT = "SEEECA Migration Outlook"
# Modules whose area is not the page name in their path.
MODULE_AREAS: dict[str, str] = {
    "src/dashboard/ahead.py": "outlook",
    "src/dashboard/outlook.py": "outlook",
    "src/dashboard/lineage.py": "data_sources",
    "src/dashboard/sources.py": "data_sources",
    "src/dashboard/charts/coverage.py": "data_sources",  # drawn on Data and sources only
    "src/dashboard/glossary.py": "glossary",
    "src/dashboard/story.py": "exports",
    "src/dashboard/changes.py": "exports",
    "src/dashboard/views/changes.py": "exports",
    "src/dashboard/briefing.py": "exports",
    "src/dashboard/downloads.py": "exports",
}
# Where the extractor looks (relative to the repository).
SOURCE_GLOBS = ("app.py", "pages/*.py", "src/dashboard/**/*.py")
# gettext's names as dashboard.i18n defines them; d_() is not among them: its msgids are data.
KEYWORDS = {
    "_": None,
    "N_": None,
    "NP_": ((1, "c"), 2),
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}
_PAGE_DIRS = ("src/dashboard/queries/", "src/dashboard/content/", "src/dashboard/charts/")
_PAGE_DIRS += ("src/dashboard/views/",)
_PLACEHOLDER = re.compile(r"(?<!\{)\{([^{}]*)\}(?!\})")


def area_of(path: str) -> str:
    """The area (catalogue) of a source file, given relative to the repository."""
    path = path.replace("\\", "/")
    if path in MODULE_AREAS:
        return MODULE_AREAS[path]
    if path.startswith("src/dashboard/exports/"):
        return "exports"
    stem = Path(path).stem
    if path.startswith("pages/") or path.startswith(_PAGE_DIRS):
        if stem in AREAS and stem not in ("common", "data", "exports"):
            return stem
    return "common"


def po_path(area: str, lang: str = "ru") -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{area}.po"


@dataclass(frozen=True)
class Found:
    """One msgid found in the code (or the data): its key, plural, area and where."""

    msgid: str
    context: str | None
    plural: str | None
    area: str
    location: tuple[str, int]

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.msgid, self.context)


def source_files(root: Path = config.REPO_ROOT) -> list[Path]:
    files: set[Path] = set()
    for pattern in SOURCE_GLOBS:
        files.update(root.glob(pattern))
    own = root / "src" / "dashboard" / "i18n"  # the machinery itself has nothing to translate
    return sorted(path for path in files if own not in path.parents)


def extract(root: Path = config.REPO_ROOT) -> list[Found]:
    """Every msgid in the code (Babel's Python extractor) and in the declared data columns
    (dashboard.i18n_data's hook; the build's own texts only with a warehouse, see there)."""
    from babel.messages.extract import extract as babel_extract

    found: list[Found] = []
    for path in source_files(root):
        relative = path.relative_to(root).as_posix()
        area = area_of(relative)
        with path.open("rb") as source:
            for line, message, _comments, context in babel_extract(
                "python", source, keywords=KEYWORDS
            ):
                if isinstance(message, tuple):
                    singular, plural = message[0], message[1]
                else:
                    singular, plural = message, None
                if not singular:
                    continue
                found.append(Found(singular, context, plural, area, (relative, line)))
    from dashboard import i18n_data

    for msgid, places in i18n_data.data_msgids(root / "data" / "sources").items():
        found.append(Found(msgid, None, None, DATA_AREA, (places[0], 0)))
    return found


def read(area: str, lang: str = "ru"):
    """The catalogue of an area (a new, empty one with the language's header if none yet)."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    path = po_path(area, lang)
    if path.is_file():
        with path.open("rb") as source:
            return read_po(source, locale=lang)
    return Catalog(locale=lang, project=PROJECT, version="1", fuzzy=False)


def write(catalog, area: str, lang: str = "ru") -> None:
    from babel.messages.pofile import write_po

    path = po_path(area, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    catalog.project, catalog.version = PROJECT, "1"
    catalog.msgid_bugs_address = ""
    catalog.copyright_holder = ""
    catalog.language_team = f"{lang} <{area}>"
    catalog.last_translator = ""
    catalog.header_comment = (
        f"# Russian translations of the {PROJECT} dashboard: the {area} area.\n"
        "# New msgids come from `python -m dashboard.i18n update`; see docs/TRANSLATION.md."
    )
    with path.open("wb") as target:
        write_po(target, catalog, width=100, sort_output=True, include_lineno=False)


def translated(message) -> bool:
    string = message.string
    if isinstance(string, (tuple, list)):
        return bool(string) and all(string)
    return bool(string) and not message.fuzzy


def update(root: Path = config.REPO_ROOT, lang: str = "ru") -> dict[str, int]:
    """Add the code's new msgids to their area's .po; returns how many each .po gained."""
    catalogs = {area: read(area, lang) for area in AREAS}
    found = extract(root)
    owner: dict[tuple, str] = {}
    for area in AREAS:
        for message in catalogs[area]:
            if message.id:
                owner.setdefault((_singular(message.id), message.context), area)
    files_using: dict[tuple, set[str]] = {}
    added = dict.fromkeys(AREAS, 0)
    for item in found:
        files_using.setdefault(item.key, set()).add(item.location[0])
        area = owner.setdefault(item.key, item.area)
        if area == DATA_AREA:  # dashboard.i18n_data's to write
            continue
        catalog = catalogs[area]
        message_id = (item.msgid, item.plural) if item.plural else item.msgid
        existing = catalog.get(item.msgid, context=item.context)
        if existing is None:
            catalog.add(message_id, "", locations=[(item.location[0], None)], context=item.context)
            added[area] += 1
        else:
            if item.plural and not isinstance(existing.id, tuple):
                existing.id = message_id
                existing.string = ("",) * catalog.num_plurals
    for area, catalog in catalogs.items():
        if area == DATA_AREA:  # dashboard.i18n_data's to write
            continue
        for message in list(catalog):
            if not message.id:
                continue
            key = (_singular(message.id), message.context)
            if key not in files_using and not translated(message):
                catalog.delete(_singular(message.id), context=message.context)
            elif key in files_using:  # the files that use it now (a translator's context)
                message.locations = sorted((where, None) for where in files_using[key])
        write(catalog, area, lang)
    return added


def _singular(message_id) -> str:
    return message_id[0] if isinstance(message_id, (tuple, list)) else message_id


def placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


@dataclass(frozen=True)
class Problem:
    area: str
    msgid: str
    context: str | None
    what: str  # "untranslated", "not in any catalogue (run update)", "placeholders differ: ..."

    def __str__(self) -> str:
        where = f"{self.area}.po"
        context = f" [{self.context}]" if self.context else ""
        return f"{where}: {self.what}: {self.msgid!r}{context}"


def problems(root: Path = config.REPO_ROOT, lang: str = "ru") -> Iterator[Problem]:
    """What stops the catalogues from being complete and correct: msgids of the code missing
    from every .po, untranslated entries, and translations whose {placeholders} differ from the
    msgid's (they would raise when formatted)."""
    catalogs = {area: read(area, lang) for area in AREAS}
    known: set[tuple] = set()
    for catalog in catalogs.values():
        for message in catalog:
            if not message.id:
                continue
            known.add((_singular(message.id), message.context))
    reported: set[tuple] = set()
    for item in extract(root):
        if item.key not in known and item.key not in reported:
            reported.add(item.key)
            tool = "dashboard.i18n_data" if item.area == DATA_AREA else "dashboard.i18n"
            what = f"not in any catalogue (run python -m {tool} update)"
            yield Problem(item.area, item.msgid, item.context, what)
    for area, catalog in catalogs.items():
        for message in catalog:
            if not message.id:
                continue
            singular = _singular(message.id)
            if not translated(message):
                yield Problem(area, singular, message.context, "untranslated")
                continue
            yield from _placeholder_problems(area, message)


def _placeholder_problems(area: str, message) -> Iterable[Problem]:
    ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
    strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
    wanted = set().union(*(placeholders(text) for text in ids))
    for string in strings:
        got = placeholders(string)
        if got - wanted or (not isinstance(message.id, (tuple, list)) and got != wanted):
            yield Problem(
                area,
                _singular(message.id),
                message.context,
                f"placeholders differ: {sorted(wanted)} in English, {sorted(got)} translated",
            )


def compile_all(lang: str = "ru") -> list[Path]:
    """Every .po compiled to its .mo beside it (built by the set-up, never committed)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for area in AREAS:
        po = po_path(area, lang)
        if not po.is_file():
            continue
        with po.open("rb") as source:
            catalog = read_po(source, locale=lang)
        mo = po.with_suffix(".mo")
        temporary = mo.with_suffix(".mo.tmp")
        with temporary.open("wb") as target:
            write_mo(target, catalog)
        temporary.replace(mo)  # atomic: a running app never reads half a file
        written.append(mo)
    return written

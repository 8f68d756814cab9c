"""Texts that come from the warehouse and are shown to people: declared once, per file and column.

Each `DataText` names a column of a source file in data/sources/ (or of a mart the build writes)
whose values a person reads on a page or in an export, says where, and says how Russian treats it:

* `TRANSLATE`: the dashboard's own wording or a label (indicator names, units, notes, findings);
  translated in data.po and shown through `d_()`.
* `UNOFFICIAL`: wording of the source documents that the dashboard translates itself (strategy
  elements, glossary terms and definitions); translated in data.po, and the pages that show the
  Russian say it is an unofficial translation (`UNOFFICIAL_TRANSLATION`).
* `QUOTE`: a quotation or a name as published (outlook statements, quotes behind key figures,
  document titles, section headings): never translated; shown in English inside `lang="en"`.

`data_msgids()` is the hook the catalogue-completeness test and `python -m dashboard.i18n_data
update` use: every distinct value of the translated columns is a msgid of data.po. Pure: no
streamlit; the values are read from the source files, the build's own findings from a warehouse.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from dashboard import config, i18n
from dashboard.inert import inert

TRANSLATE = "translate"
UNOFFICIAL = "unofficial"
QUOTE = "quote"
RULES = (TRANSLATE, UNOFFICIAL, QUOTE)

# Said once wherever the dashboard shows its own translation of the documents' wording (strategy
# elements, glossary terms and definitions): the documents exist in English only (issue 19).
UNOFFICIAL_NOTE = i18n.N_(
    "Unofficial translation by the dashboard: the documents are published in English only."
)
# A figure as the warehouse writes it into a finding ("118,075,000", "31.06").
_FIGURE = re.compile(r"-?\d{1,3}(,\d{3})*(\.\d+)?|-?\d+(\.\d+)?")
# Data texts live in their own catalogue (the contract: one .po per area).
DOMAIN = "data"


@dataclass(frozen=True)
class DataText:
    """One column whose values are shown: where it lives, where it is shown, how it is treated."""

    table: str  # a source file of data/sources (without .csv), or a mart when `mart` is set
    column: str
    shown: str  # where a person reads it (page, export), i.e. why it is declared
    rule: str = TRANSLATE
    mart: bool = False  # written by the build (e.g. the findings it computes), not a source file
    query: bool = False  # a column of a parameterless query of sql/queries that names things

    @property
    def from_warehouse(self) -> bool:
        return self.mart or self.query

    @property
    def location(self) -> str:
        """How a .po entry names where its msgid came from (an extracted comment: `#.`, because
        `#:` takes only file:line references)."""
        if self.mart:
            return f"warehouse:{self.table}.{self.column}"
        if self.query:
            return f"warehouse:sql/queries/{self.table}.sql:{self.column}"
        return f"data/sources/{self.table}.csv:{self.column}"

    @property
    def translated(self) -> bool:
        return self.rule in (TRANSLATE, UNOFFICIAL)


def _t(table: str, column: str, shown: str, rule: str = TRANSLATE) -> DataText:
    return DataText(table, column, shown, rule)


DATA_TEXTS: tuple[DataText, ...] = (
    # --- Places and groupings
    _t("countries", "subregion", "sidebar Subregion filter, tables and captions of every page"),
    # the headline scopes the build lists (countries, subregions, the region) and the corridor
    # page's groups of places
    DataText(
        "dim_headline_scope",
        "scope_name",
        "overview, trends, deck: what a headline figure covers",
        mart=True,
    ),
    DataText("dim_corridor_place", "place_group", "corridors page: groups of places", mart=True),
    _t("iom_regions", "name_as_published", "funding page: IOM regions of the 2016 tables"),
    _t(
        "funding_requirements",
        "country_or_programme",
        "funding and strategy pages: the table rows that are programmes, not countries",
    ),
    # office names follow the town's current name (dim_office), so they are read from the mart
    DataText("dim_office", "name", "offices map, country profile, deck: office names", mart=True),
    _t("offices", "office_type", "offices map, country profile, strategy drill-down: office type"),
    _t("offices", "note", "offices map and directory: what the documents say about the office"),
    _t("offices", "current_status_note", "offices map: what the sources cannot tell today"),
    # --- Indicators, headline concepts and projections
    _t("indicator_catalog", "name", "trends picker, chart titles, tables, deck: indicator names"),
    _t("indicator_catalog", "unit", "axis titles, tables and cards: units"),
    _t("indicator_catalog", "description", "trends and data and sources: what a series measures"),
    _t("indicator_catalog", "caveat", "trends, overview, map, deck: what to know about a series"),
    _t("headline_concepts", "concept_name", "overview, country profile, deck: headline figures"),
    _t("headline_concepts", "unit", "overview, country profile, deck: units of headline figures"),
    _t("headline_concepts", "why", "data and sources: why a source is preferred for a concept"),
    _t("projection_catalog", "name", "trends and outlook (Ahead): the projection series' names"),
    _t("projection_catalog", "label", "trends charts: legend of the projected line"),
    _t("projection_catalog", "unit", "trends charts: the projection's unit"),
    _t("projection_catalog", "reference", "trends and Ahead: what a projected value refers to"),
    _t("projection_catalog", "description", "trends and Ahead: what the projection measures"),
    _t("projection_catalog", "caveat", "trends and Ahead: what to know about the projection"),
    _t("projections", "variant", "trends and Ahead: the projection variant and interval names"),
    _t("series_breaks", "kind", "trends, overview, deck: the kind of series break"),
    _t("series_breaks", "note", "trends, overview, deck: the series break explained"),
    # --- Key figures of the documents
    _t("key_figures", "label", "overview at a glance, country profile facts, deck: figure labels"),
    _t("key_figures", "unit", "overview and country profile: units of the documents' figures"),
    _t("key_figures", "quote", "country profile and data and sources: the sentence quoted", QUOTE),
    # --- Strategy, funding and outlook
    _t(
        "strategy_elements",
        "title",
        "strategy drill-down, sidebar theme filter, overview pillars, glossary: element titles",
        UNOFFICIAL,
    ),
    _t(
        "strategy_elements",
        "description",
        "strategy drill-down and overview pillars: what each element covers",
        UNOFFICIAL,
    ),
    _t("programmatic_areas", "name_as_published", "funding and strategy pages: funding areas"),
    _t("crosswalk", "relation", "strategy crosswalk table: how two elements are linked"),
    _t("crosswalk", "justification", "strategy crosswalk table: why two elements are linked"),
    # the crosswalk and theme tables name relations, frameworks and bases in their queries
    DataText(
        "strategy_crosswalk", "relation", "strategy crosswalk table: the relation", query=True
    ),
    DataText(
        "theme_indicator_crosswalk",
        "framework",
        "data and sources, theme links: the framework of the element",
        query=True,
    ),
    DataText(
        "theme_indicator_crosswalk",
        "basis",
        "data and sources, theme links: the basis of the link",
        query=True,
    ),
    _t("theme_indicators", "reason", "data and sources, every page's theme note: why it speaks"),
    # the build adds the links a theme inherits (from its area, priority or outlook statements)
    DataText(
        "bridge_theme_indicator",
        "reason",
        "every page's theme note and data and sources: why an inherited link speaks",
        mart=True,
    ),
    _t("initiatives_2016", "title", "strategy drill-down: initiatives as published", QUOTE),
    _t("initiatives_2016", "chapter_title", "strategy drill-down: MiGOF chapter headings", QUOTE),
    _t("initiatives_2016", "quote", "strategy drill-down: the sentence stating the USD", QUOTE),
    _t("outlook_statements", "short_title", "outlook tracker, country profile, deck: titles"),
    _t("outlook_statements", "statement", "outlook tracker: the statement, verbatim", QUOTE),
    _t("outlook_statements", "theme", "strategy drill-down and outlook tracker: the theme"),
    _t("outlook_indicator_links", "expectation", "outlook tracker: what the data should show"),
    _t("outlook_indicator_links", "rationale", "outlook tracker: why the series tests it"),
    # --- Glossary
    _t("glossary", "term", "glossary page and help texts: the term", UNOFFICIAL),
    _t("glossary", "definition", "glossary page and help texts: the definition", UNOFFICIAL),
    # --- Sources (titles and citations stay English; the notes about them are the team's)
    _t("sources", "title", "citations on every page and export", QUOTE),
    _t("sources", "short_title", "source lines on every page and export", QUOTE),
    _t("sources", "citation", "data and sources, speaker notes: full citation", QUOTE),
    _t("sources", "edition", "data and sources: which edition of a document"),
    _t("sources", "licence", "data and sources: licence of a document"),
    _t("sources", "note", "data and sources: what to know about a document"),
    _t("dataset_sources", "title", "citations on every page and export", QUOTE),
    _t("dataset_sources", "short_title", "source lines on every page and export", QUOTE),
    _t("dataset_sources", "citation", "data and sources, speaker notes: full citation", QUOTE),
    _t("dataset_sources", "edition", "data and sources: the file or release read", QUOTE),
    _t("dataset_sources", "licence", "data and sources: licence of a dataset"),
    # the publisher is named in the Russian sentences about a figure (UN Russian usage: УВКБ ООН,
    # ДЭСВ ООН, Всемирный банк), while the dataset's title stays as published
    _t("dataset_sources", "publisher", "country profile: who publishes no separate Kosovo figure"),
    _t("dataset_sources", "note", "data and sources: what to know about a dataset"),
    # --- Data-quality findings: the transcription notes and the findings the build computes
    _t("published_issues", "subject", "data-quality notes of every page: what the finding is on"),
    _t("published_issues", "expected", "data-quality notes: the value expected"),
    _t("published_issues", "published", "data-quality notes: the value as published"),
    _t("published_issues", "note", "data-quality notes of every page: the finding explained"),
    DataText(
        "dq_finding", "subject", "data-quality notes: subjects of computed findings", mart=True
    ),
    DataText("dq_finding", "note", "data-quality notes: computed findings explained", mart=True),
    DataText("dq_finding", "expected", "data-quality notes: computed expected values", mart=True),
    DataText("dq_finding", "published", "data-quality notes: published values", mart=True),
    # Every table's section heading is the document's own wording: a quotation.
    *(
        _t(table, "source_section", "source lines of every page: the document's heading", QUOTE)
        for table in (
            "countries",
            "offices",
            "strategy_elements",
            "key_figures",
            "initiatives_2016",
            "outlook_statements",
            "glossary",
            "published_issues",
        )
    ),
    _t("country_names", "name_as_published", "country profile: names as published", QUOTE),
    _t("offices", "name_as_published", "offices directory: office names as published", QUOTE),
    _t("offices", "city_as_published", "offices directory: towns as published", QUOTE),
)


def unofficial_translation_note() -> str | None:
    """The note for a block that shows the dashboard's own translation of document wording;
    None in English, where the wording is the documents' own."""
    if i18n.language() == i18n.DEFAULT_LANGUAGE:
        return None
    return i18n._(UNOFFICIAL_NOTE)


def finding_value(text: object) -> object:
    """A finding's expected or published value as a page shows it: words through `d_()`, a
    figure exact, with the language's separators ("118,075,000" -> "118 075 000" in Russian)."""
    if not isinstance(text, str):
        return text
    if _FIGURE.fullmatch(text) and i18n.language() != i18n.DEFAULT_LANGUAGE:
        return text.replace(",", i18n.NBSP).replace(".", ",")
    return i18n.d_(text)


# A run of Latin-script words a translation keeps as published (a misspelt town, a heading, a
# dataset's name): letters, digits and the punctuation inside names, joined by spaces or dashes.
_LATIN_WORD = r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f0-9'’./-]*"
_LATIN_RUN = re.compile(rf"{_LATIN_WORD}(?:[ ,:;/–-]+{_LATIN_WORD})*")


def markup(text: object) -> str:
    """A translated data text as markdown (HTML allowed): made inert, and on a page not in
    English each run of Latin-script words it keeps as published marked lang="en" (WCAG 3.1.2;
    the Russian page check skips it)."""
    text = str(text)
    if i18n.language() == i18n.DEFAULT_LANGUAGE:
        return inert(text)
    parts, last = [], 0
    for run in _LATIN_RUN.finditer(text):
        parts += [inert(text[last : run.start()]), f'<span lang="en">{inert(run.group())}</span>']
        last = run.end()
    return "".join([*parts, inert(text[last:])])


def translated_columns() -> tuple[DataText, ...]:
    """The declared columns whose values are msgids of data.po."""
    return tuple(text for text in DATA_TEXTS if text.translated)


def _read_column(table: str, column: str, sources_dir: Path) -> list[str]:
    """The values of one column as the warehouse holds them: read and checked by the source
    declaration, Kosovo marked "Kosovo*" in prose as the build marks it."""
    from dashboard.sources import SOURCES_BY_NAME, read_source
    from dashboard.warehouse import mark_kosovo_in

    source = SOURCES_BY_NAME[table]
    if column not in [c.name for c in source.columns]:
        raise KeyError(f"{source.file} has no column {column!r}")
    frame = mark_kosovo_in(source, read_source(source, sources_dir / source.file))
    return [str(value).strip() for value in frame[column].dropna()]


def column_values(text: DataText, sources_dir: Path | None = None, con=None) -> list[str]:
    """The distinct shown values of one declared column, in first-seen order.

    Source files are read from `sources_dir` (data/sources by default); a mart column needs `con`,
    a connection to a built warehouse, and gives nothing without one.
    """
    if text.from_warehouse:
        if con is None:
            return []
        # identifiers and query files from the fixed declaration above, never from input
        relation = text.table
        if text.query:
            relation = f"({(config.SQL_DIR / 'queries' / f'{text.table}.sql').read_text()}\n)"
        column = f'"{text.column}"'
        query = f"select distinct {column} from {relation} where {column} is not null"  # noqa: S608
        rows = con.execute(query + " order by 1").fetchall()
        values = [str(row[0]).strip() for row in rows]
    else:
        values = _read_column(text.table, text.column, sources_dir or config.SOURCES_DIR)
    return [value for value in dict.fromkeys(values) if value and _has_words(value)]


def _has_words(value: str) -> bool:
    """Whether a value holds words at all (a bare number or code-free figure needs no entry)."""
    return any(char.isalpha() for char in value)


def data_msgids(sources_dir: Path | None = None, con=None) -> dict[str, list[str]]:
    """Every msgid of data.po with the locations it comes from (the catalogue hook).

    Without `con` the build's own findings (mart columns) are left out; data.po keeps them from
    the last `update`, which reads the configured warehouse.
    """
    msgids: dict[str, list[str]] = {}
    for text in translated_columns():
        for value in column_values(text, sources_dir, con):
            msgids.setdefault(value, []).append(text.location)
    return msgids


def declared(table: str, column: str) -> DataText | None:
    """The declaration of a column, or None if it is not declared."""
    return next((t for t in DATA_TEXTS if (t.table, t.column) == (table, column)), None)


RULE_NAMES = {
    TRANSLATE: "translated",
    UNOFFICIAL: "translated, marked unofficial",
    QUOTE: "stays English (quotation)",
}


def markdown_table() -> str:
    """The declaration as the table docs/TRANSLATION.md carries (a test keeps the two equal)."""
    lines = ["| Column | Russian | Shown |", "|---|---|---|"]
    for text in DATA_TEXTS:
        where = f"`{text.table}.{text.column}`" + (
            " (warehouse)" if text.mart else " (query)" if text.query else ""
        )
        lines.append(f"| {where} | {RULE_NAMES[text.rule]} | {text.shown} |")
    return "\n".join(lines)


DOC = config.REPO_ROOT / "docs" / "TRANSLATION.md"
_DOC_START, _DOC_END = "<!-- data-texts:start -->", "<!-- data-texts:end -->"


def write_doc_table(doc: Path = DOC) -> bool:
    """Put the declaration's table between the markers of docs/TRANSLATION.md; True if changed."""
    text = doc.read_text(encoding="utf-8")
    start, end = text.index(_DOC_START) + len(_DOC_START), text.index(_DOC_END)
    updated = f"{text[:start]}\n{markdown_table()}\n{text[end:]}"
    if updated != text:
        doc.write_text(updated, encoding="utf-8")
    return updated != text


def quoted_columns() -> Iterable[DataText]:
    """Declared columns that stay English (quotations, names as published)."""
    return (text for text in DATA_TEXTS if text.rule == QUOTE)


# --- data.po: the catalogue of these texts (src/dashboard/locale/ru/LC_MESSAGES/data.po)

CATALOGUE_LANGUAGES = ("ru",)


def catalogue_path(lang: str = "ru") -> Path:
    return config.PACKAGE_DIR / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(lang: str = "ru"):
    """data.po as a Babel catalogue (an empty one for the language if the file is missing)."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    path = catalogue_path(lang)
    if not path.exists():
        return Catalog(
            locale=lang,
            domain=DOMAIN,
            project="SEEECA Migration Outlook",
            copyright_holder="SEEECA Migration Outlook",
            language_team="Russian",
            fuzzy=False,
        )
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def untranslated(lang: str = "ru", msgids: Iterable[str] | None = None) -> list[str]:
    """Data msgids with no translation in data.po (all declared ones unless `msgids` is given)."""
    catalogue = read_catalogue(lang)
    wanted = data_msgids() if msgids is None else msgids
    missing = []
    for msgid in wanted:
        message = catalogue.get(msgid)
        if message is None or not message.string or message.fuzzy:
            missing.append(msgid)
    return missing


def update(lang: str = "ru", con=None) -> tuple[int, int]:
    """Add every declared msgid to data.po with an empty translation; keep all translations.

    A msgid no longer in the data is kept as obsolete (`#~`), never dropped, so a value that comes
    back finds its translation. Returns (added, obsoleted).
    """
    from babel.messages.pofile import write_po

    catalogue = read_catalogue(lang)
    msgids = data_msgids(con=con)
    if con is None:
        # Without a warehouse the build's findings cannot be listed: keep their entries as they are.
        kept = {m.id for m in catalogue if m.id and any("warehouse:" in c for c in m.auto_comments)}
        msgids.update({msgid: [] for msgid in kept if msgid not in msgids})
    added = 0
    for msgid, locations in msgids.items():
        existing = catalogue.get(msgid)
        if existing is None:
            added += 1
            catalogue.add(msgid, "", auto_comments=locations)
        elif locations:
            existing.auto_comments = locations
    obsolete = [m.id for m in catalogue if m.id and m.id not in msgids]
    for msgid in obsolete:
        message = catalogue[msgid]
        del catalogue[msgid]
        if message.string:
            catalogue.obsolete[msgid] = message
    # A fuzzy header makes compilers skip the whole catalogue; entries are reviewed one by one.
    catalogue.fuzzy = False
    path = catalogue_path(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=100, sort_output=False, include_previous=False)
    return added, len(obsolete)


def main(argv: list[str] | None = None) -> int:
    """`update` (needs a built warehouse for the computed findings) or `check`."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m dashboard.i18n_data", description=__doc__)
    parser.add_argument("command", choices=("update", "check"))
    args = parser.parse_args(argv)
    if args.command == "update":
        from dashboard import db

        con = db.connect_read_only() if db.usable() else None
        for lang in CATALOGUE_LANGUAGES:
            added, obsolete = update(lang, con)
            print(f"{catalogue_path(lang)}: {added} added, {obsolete} obsolete")
        if con is None:
            print("No warehouse: the build's findings were kept as they were (build, then rerun).")
        if write_doc_table():
            print(f"{DOC}: the table of declared columns rewritten")
        return 0
    missing = {lang: untranslated(lang) for lang in CATALOGUE_LANGUAGES}
    for lang, msgids in missing.items():
        for msgid in msgids:
            print(f"{lang}: untranslated: {msgid}")
    return 1 if any(missing.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())

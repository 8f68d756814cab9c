"""Glossary look-ups: the terms a label mentions and the help text defining them, the glossary as
users read it, and the glossary search text. Pure: no streamlit.

Every page's labels are explained from here (through ui.glossary_help), so the glossary is one
concern of its own rather than part of a page.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

import pandas as pd

from dashboard import i18n
from dashboard.i18n import N_, _, d_, ngettext
from dashboard.inert import quoted

# Terms the pages put in front of managers; each must have a glossary entry (tested).
GLOSSARY_TERMS_USED: tuple[str, ...] = (
    "SEEECA",
    "Western Balkans",
    "South Caucasus",
    "Eastern Europe",
    "Central Asia",
    "UNSCR 1244",
    "AVRR",
    "IDP",
    "DTM",
    "MiGOF",
    "MCOF",
    "EUBAM",
    "RCP",
    "KNOMAD",
    "IOM Global Strategy",
    "pillar",
    "strategic priority",
    "strategic objective",
    "thematic area",
    "programmatic area",
    "Emergency, operations and post-crisis",
    "Migration health",
    "Immigration and border management",
    "Migrant assistance",
    "Labour mobility and human development",
    "Migration policy and research",
    "Migration, environment and climate change",
    "migrant stock",
    "emigrant",
    "remittances",
    "net migration",
    "refugee",
    "asylum seeker",
    "counter-trafficking",
)
GLOSSARY_HELP_MAX_TERMS = 4
# The column that stays in English on a Russian page (the document as published).
SOURCE_COLUMN = N_("Source")


def _term_pattern(term: str) -> re.Pattern[str]:
    # Acronyms and mixed-case names (AVRR, MiGOF, EaP) match only as written; plain words match
    # in any case. A plural s/es is allowed. A hyphen before the term blocks a match, so
    # "South-Eastern Europe" is not read as the Eastern Europe subregion.
    case_sensitive = any(char.isupper() for char in term[1:]) or term.isupper()
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){re.escape(term)}(?:s|es)?(?!\w)", flags)


def glossary_terms_in(terms: pd.DataFrame, text: str) -> list[str]:
    """Glossary terms mentioned in `text`, in order of appearance; longer terms win overlaps."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, str]] = []
    for term in sorted(terms["term"], key=len, reverse=True):
        for match in _term_pattern(term).finditer(text):
            start, end = match.span()
            if any(start < other_end and other_start < end for other_start, other_end in taken):
                continue
            taken.append((start, end))
            found.append((start, term))
            break
    return [term for _position, term in sorted(found)]


def glossary_help(terms: pd.DataFrame, text: str) -> str | None:
    """Markdown for a `help=` tooltip defining the glossary terms that `text` mentions, or None.

    `terms` is the result of queries.catalog.glossary_terms_with_source (term, definition, document,
    source_section); at most GLOSSARY_HELP_MAX_TERMS are explained, in order of appearance.
    """
    mentioned = glossary_terms_in(terms, text)[:GLOSSARY_HELP_MAX_TERMS]
    if not mentioned:
        return None
    by_term = terms.set_index("term")
    parts = []
    for term in mentioned:
        row = by_term.loc[term]
        source = ""
        if "document" in by_term.columns and isinstance(row.get("document"), str):
            cited = _("Source: {document}, {section}").format(
                document=row["document"], section=row.get("source_section", "")
            )
            source = f" _({cited})_"
        parts.append(f"**{d_(term)}**: {d_(row['definition'])}{source}")
    return "\n\n".join(parts)


def glossary_helper(terms: pd.DataFrame) -> Callable[[str], str | None]:
    """glossary_help for these terms, remembered per text: the sidebar asks for the same few
    help texts on every rerun."""

    @functools.lru_cache(maxsize=512)
    def help_for(text: str) -> str | None:
        return glossary_help(terms, text)

    return help_for


def describe_glossary(terms: pd.DataFrame) -> pd.DataFrame:
    """Glossary terms as users read them: term, definition, where it is defined, related element
    (in Russian: the dashboard's unofficial translation of term, definition and element; the
    source stays as published, in English)."""
    table = pd.DataFrame(
        {
            _("Term"): [d_(term) for term in terms["term"].tolist()],
            _("Definition"): [d_(text) for text in terms["definition"].tolist()],
            _(SOURCE_COLUMN): terms["document"] + ", " + terms["source_section"],
            _("Related strategy element"): [
                d_(title) for title in terms["related_element"].fillna("").tolist()
            ],
        }
    )
    if i18n.language() == i18n.DEFAULT_LANGUAGE:
        return table  # already in the query's order
    # alphabetical in the reader's language, as a glossary is read
    order = sorted(range(len(table)), key=lambda i: table.iat[i, 0].casefold())
    return table.iloc[order].reset_index(drop=True)


def matching(terms: pd.DataFrame, search: str) -> pd.DataFrame:
    """The terms whose term or definition contains `search`, in any case, as published or in
    the current language (a Russian reader searches the Russian text); all when it is empty."""
    if not search:
        return terms
    wanted = search.lower()
    found = [
        any(wanted in text.lower() for text in {term, definition, d_(term), d_(definition)})
        for term, definition in zip(
            terms["term"].tolist(), terms["definition"].tolist(), strict=True
        )
    ]
    return terms[found].reset_index(drop=True)


def count_caption(shown: int, total: int, search: str) -> str:
    """'12 of 85 terms contain "border".' (the search shortened and quoted), or '85 of 85 terms.'"""
    if search:
        return ngettext(
            "{shown} of {total} terms contain {search}.",
            "{shown} of {total} terms contain {search}.",
            total,
        ).format(shown=shown, total=total, search=quoted(search))
    return ngettext("{shown} of {total} terms.", "{shown} of {total} terms.", total).format(
        shown=shown, total=total
    )

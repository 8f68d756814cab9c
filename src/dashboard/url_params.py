"""Every value the app reads from the address bar, declared once.

Each `Param` says what its values are, how the text is read, which values it accepts and where
they come from, its default, how a dropped value is reported, and which files read it. The
sidebar and the pages bind them through `dashboard.url_state`; tests/test_url_fuzz.py fuzzes
every one; docs/URL_PARAMETERS.md is generated from them (`python -m dashboard.url_params`) and a
test fails when it falls behind.

The rules, the same for every parameter: a value is text of at most MAX_PARAM_LENGTH characters;
numbers are ASCII digits only; an empty value means "not set"; a value that is not accepted, and
any value beyond the first for a one-choice parameter, is dropped with a warning that names it
(shortened, as inert text) and leaves the link; defaults are left out of the link.

Pure: no streamlit.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote_plus

from dashboard.i18n import N_, NP_, _, pgettext
from dashboard.i18n.formats import format_number
from dashboard.inert import quoted

MAX_PARAM_LENGTH = 64  # longer values are never a code, a number or a search
MAX_VALUES = 40  # values read for one parameter; more are reported and dropped
SEARCH_MAX_LENGTH = 60
SIDEBAR = "sidebar"  # the shell's filters: read on every page (see Param.pages)
FEW_CHOICES = 8  # choices listed in a warning when there are no more than this
CODE, NUMBER, FLAG, TEXT = "code", "number", "flag", "text"
LABEL = "link parameter"  # the translation context of the parameters' labels ("country"...)

_SUSPICIOUS = re.compile(r"[;'\"\\<>]|--|/\*|\b(select|drop|union|insert|delete)\b", re.I)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def parse_number(text: str, digits: int) -> int | None:
    """A whole number of 1 to `digits` ASCII digits, or None: str.isdigit() and int() also take
    superscripts and other scripts' digits ("\u00b2", "\u0662"), which a link must not smuggle in."""
    if 1 <= len(text) <= digits and text.isascii() and text.isdigit():
        return int(text)
    return None


@dataclass(frozen=True)
class Resolved:
    """What a link gives for one parameter: the accepted values, in order, and a plain-text
    message for each value dropped (show it through inert())."""

    kept: list = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Param:
    """One query-string parameter."""

    name: str  # the key in the query string, and the session-state key of the widget it seeds
    label: (
        str  # how a warning names it (English, marked NP_("link parameter", ...): shown translated)
    )
    holds: str  # what one value is (docs)
    accepts: str  # which values are accepted and where the list comes from (docs)
    default: str  # what applies when the link has none (docs)
    # Files that read it: page files; for the shell's filters SIDEBAR (read on every page) and
    # then the pages whose content it changes.
    pages: tuple[str, ...]
    kind: str = CODE  # CODE (text compared with the choices), NUMBER, FLAG ("1"/"0"), TEXT (free)
    many: bool = False  # several values (repeat the key) rather than one
    hint: str = ""  # how a good value looks (marked N_), added to a warning; else the choices
    digits: int = 4  # for NUMBER: at most this many digits
    example: str = ""  # a value that works (docs)

    def parse(self, text: str) -> object | None:
        """The typed value of one text from the link, or None when it cannot be one."""
        if self.kind == TEXT:
            text = text.strip()
            ok = len(text) <= SEARCH_MAX_LENGTH and not _CONTROL.search(text)
            return text if ok else None
        if len(text) > MAX_PARAM_LENGTH:
            return None
        if self.kind == NUMBER:
            return parse_number(text, self.digits)
        if self.kind == FLAG:
            return {"1": True, "0": False}.get(text)
        return text

    def resolve(self, values: Sequence[str], choices: Collection | None) -> Resolved:
        """The link's `values` read against `choices` (None: any value that parses)."""
        kept: list = []
        messages: list[str] = []
        if len(values) > MAX_VALUES:
            messages.append(
                _(
                    "The link gives {count} values for '{name}'; extra values are ignored (at "
                    "most {most})."
                ).format(count=format_number(len(values)), name=self.name, most=MAX_VALUES)
            )
        allowed = None if choices is None else list(choices)
        for text in list(values)[:MAX_VALUES]:
            if text == "":
                continue
            value = self.parse(text)
            if value is None or (allowed is not None and value not in allowed):
                messages.append(self.ignored(text, self.reason(text, value, allowed)))
            elif value in kept:
                continue
            elif kept and not self.many:
                messages.append(
                    self.ignored(
                        text,
                        _("one {label} at a time, {shown} is shown").format(
                            label=pgettext(LABEL, self.label), shown=quoted(self.text(kept[0]))
                        ),
                    )
                )
            else:
                kept.append(value)
        return Resolved(kept, messages)

    def ignored(self, text: str, reason: str) -> str:
        return _("Ignored {label} {value} from the link: {reason}.").format(
            label=pgettext(LABEL, self.label), value=quoted(text), reason=reason
        )

    def reason(self, text: str, value: object, allowed: list | None) -> str:
        if self.kind == TEXT:
            return _("more than {count} characters or unprintable").format(count=SEARCH_MAX_LENGTH)
        if allowed is not None and not allowed:
            return _("nothing to choose from in this view")
        if len(text) > MAX_PARAM_LENGTH or (self.kind == CODE and _SUSPICIOUS.search(text)):
            choices = "" if self.hint else self.choices_hint(allowed)
            if choices:
                return _("not a valid value; {choices}").format(choices=choices)
            return _("not a valid value")
        hint = _(self.hint) if self.hint else ""
        return hint or self.choices_hint(allowed) or _("not one of the available choices")

    def choices_hint(self, allowed: list | None) -> str:
        """The accepted values, when they are few or a range of numbers."""
        if not allowed:
            return ""
        if self.kind == NUMBER:
            low, high = min(allowed), max(allowed)
            if len(allowed) == high - low + 1:
                if low != high:
                    return _("available: {low} to {high}").format(low=low, high=high)
                return _("available: {value}").format(value=low)
            listed = ", ".join(map(str, sorted(allowed)))
            return _("available: {value}").format(value=listed)[:200]
        if len(allowed) <= FEW_CHOICES:
            return _("use {choices}").format(
                choices=", ".join(self.text(choice) for choice in allowed)
            )
        return ""

    def text(self, value: object) -> str:
        """How a value is written in the link."""
        if isinstance(value, bool):
            return "1" if value else "0"
        return str(value)

    def to_link(self, value: object, default: object) -> list[str]:
        """The link's values for `value`: none when it is the default (links stay short)."""
        if value is None or value == default or (isinstance(value, list | tuple) and not value):
            return []
        if isinstance(value, list | tuple):
            return [self.text(v) for v in value]
        return [self.text(value)]


# Pages as files, as the page list (dashboard.navigation) names them.
OVERVIEW, MAP, TRENDS, OUTLOOK = (
    "pages/overview.py",
    "pages/map.py",
    "pages/trends.py",
    "pages/outlook.py",
)
FUNDING, STRATEGY, COUNTRY, BRIEFING = (
    "pages/funding.py",
    "pages/strategy.py",
    "pages/country.py",
    "pages/briefing.py",
)
DATA_SOURCES, GLOSSARY = "pages/data_sources.py", "pages/glossary.py"
CORRIDORS = "pages/corridors.py"
# The pages whose figures follow the sidebar's country selection.
SELECTION_PAGES = (
    OVERVIEW,
    MAP,
    TRENDS,
    OUTLOOK,
    CORRIDORS,
    FUNDING,
    STRATEGY,
    COUNTRY,
    BRIEFING,
    DATA_SOURCES,
)

PARAMS: tuple[Param, ...] = (
    # The language, read by the shell first on every run (dashboard.i18n); bound to the sidebar's
    # switch like the filters.
    Param(
        "lang",
        NP_("link parameter", "language"),
        "the language of every page and export",
        "en (English) or ru (Russian), the keys of dashboard.i18n.LANGUAGES",
        "en",
        (SIDEBAR, *SELECTION_PAGES, GLOSSARY),
        hint=N_("use en (English) or ru (Русский)"),
        example="ru",
    ),
    # The sidebar's filters, read by the shell on every page.
    Param(
        "subregion",
        NP_("link parameter", "subregion"),
        "a subregion of the region",
        "the subregions in dim_country",
        "all subregions",
        (SIDEBAR, *SELECTION_PAGES),
        many=True,
        hint=N_("unknown subregion"),
        example="Central Asia",
    ),
    Param(
        "country",
        NP_("link parameter", "country"),
        "a country or territory, as its ISO3 code",
        "the ISO3 codes in dim_country",
        "the whole region",
        (SIDEBAR, *SELECTION_PAGES),
        many=True,
        hint=N_("unknown country code (use ISO3 codes such as ALB or XKX)"),
        example="ALB",
    ),
    Param(
        "theme",
        NP_("link parameter", "theme"),
        "a pillar, strategic priority or thematic area, as its element id",
        "the element ids in dim_strategy_element",
        "all priorities and areas",
        (SIDEBAR, OVERVIEW, MAP, TRENDS, OUTLOOK, FUNDING, STRATEGY, DATA_SOURCES),
        hint=N_("unknown thematic area or strategic priority"),
        example="s2020.sp1",
    ),
    Param(
        "years",
        NP_("link parameter", "year"),
        "a year; two give the range from the earlier to the later",
        "years with indicator data (fct_indicator_value)",
        "2000 (or the first year with data) to the latest year with data",
        (SIDEBAR, OVERVIEW, MAP, TRENDS, OUTLOOK, COUNTRY, BRIEFING, DATA_SOURCES),
        kind=NUMBER,
        many=True,
        example="2010",
    ),
    # Page choices.
    Param(
        "indicator",
        NP_("link parameter", "indicator"),
        "an indicator code of the catalogue",
        "on the map, the indicators that can colour a country; on Data and sources, every "
        "indicator of dim_indicator",
        "map: the chosen theme's first indicator, else none; Data and sources: the default "
        "coverage indicator",
        (MAP, DATA_SOURCES),
        example="wdi.population",
    ),
    Param(
        "indicator_year",
        NP_("link parameter", "year"),
        "the year the map colours the countries for",
        "the years the map's indicator has values in",
        "the latest of them",
        (MAP,),
        kind=NUMBER,
        example="2015",
    ),
    Param(
        "trend_indicator",
        NP_("link parameter", "trend_indicator"),
        "the indicator code drawn",
        "every indicator code of the catalogue",
        "the chosen theme's first indicator, else the first family's default",
        (TRENDS,),
        hint=N_("not an indicator code of the catalogue"),
        example="undesa2020.migrant_stock",
    ),
    Param(
        "trend_compare",
        NP_("link parameter", "trend_compare"),
        "whether the regional aggregate is drawn beside the selection",
        "1 (on) or 0 (off)",
        "off",
        (TRENDS,),
        kind=FLAG,
        hint=N_("use 1 (on) or 0 (off)"),
        example="1",
    ),
    Param(
        "trend_projection",
        NP_("link parameter", "trend_projection"),
        "how far the UN projection continues the chart",
        "the horizons of charts.projection.HORIZONS",
        "the default horizon",
        (TRENDS,),
        example="2050",
    ),
    Param(
        "corridors",
        NP_("link parameter", "corridors"),
        "how many corridors the migration corridors page draws",
        "10, 15, 20 or 30",
        "15",
        (CORRIDORS,),
        kind=NUMBER,
        example="30",
    ),
    Param(
        "corridor_groups",
        NP_("link parameter", "corridor_groups"),
        "whether the corridors page groups countries (SEEECA subregions, the EU as one)",
        "1 (on) or 0 (off)",
        "off",
        (CORRIDORS,),
        kind=FLAG,
        hint=N_("use 1 (on) or 0 (off)"),
        example="1",
    ),
    Param(
        "trend_year",
        NP_("link parameter", "trend_year"),
        "the year of the map and the ranking",
        "the years with a figure for the selection",
        "the latest of them",
        (TRENDS,),
        kind=NUMBER,
        hint=N_("no figure for that year in the selection"),
        example="2020",
    ),
    Param(
        "outlook_strategy",
        NP_("link parameter", "outlook_strategy"),
        "which strategy's statements are shown",
        "the keys of outlook.STRATEGIES",
        "all",
        (OUTLOOK,),
        example="2020-2024",
    ),
    Param(
        "outlook_view",
        NP_("link parameter", "outlook_view"),
        "what the tracker shows: the data since the strategy, or the UN projections ahead",
        "the keys of content.outlook.VIEWS",
        "since",
        (OUTLOOK,),
        example="ahead",
    ),
    Param(
        "outlook_verdict",
        NP_("link parameter", "outlook_verdict"),
        "the verdict the statement cards are filtered by",
        "the keys of content.outlook.VERDICT_FILTERS",
        "all",
        (OUTLOOK,),
        example="not_consistent",
    ),
    Param(
        "outlook_page",
        NP_("link parameter", "outlook_page"),
        "the page of statement cards",
        "1 to the number of pages",
        "1",
        (OUTLOOK,),
        kind=NUMBER,
        digits=3,
        example="2",
    ),
    Param(
        "node",
        NP_("link parameter", "level"),
        "the level of the drill-down opened",
        "the node ids of the drill-down tree for the selection",
        "the chosen theme's level, else the top",
        (STRATEGY,),
        hint=N_("not a level of the drill-down for this selection"),
        example="s2020.sp1",
    ),
    Param(
        "region",
        NP_("link parameter", "region"),
        "an IOM region of the Migration Initiatives 2016 overview",
        "the regions of dim_iom_region",
        "seeeca",
        (FUNDING,),
        hint=N_("not an IOM region of the 2016 overview; showing SEEECA"),
        example="mena",
    ),
    Param(
        "dq_topic",
        NP_("link parameter", "topic"),
        "a topic of the data-quality findings",
        "the topics of dq_finding",
        "all topics",
        (DATA_SOURCES,),
        many=True,
        hint=N_("not one of the choices"),
        example="funding",
    ),
    Param(
        "dq_check",
        NP_("link parameter", "check"),
        "a check of the data-quality findings",
        "the checks of dq_finding",
        "all checks",
        (DATA_SOURCES,),
        many=True,
        hint=N_("not one of the choices"),
        example="misspelling",
    ),
    Param(
        "q",
        NP_("link parameter", "search text"),
        "text searched in the glossary's terms and definitions",
        f"any printable text of at most {SEARCH_MAX_LENGTH} characters",
        "no search",
        (GLOSSARY,),
        kind=TEXT,
        example="AVRR",
    ),
    Param(
        "iso3",
        NP_("link parameter", "iso3"),
        "the country or territory of the profile or the briefing, as its ISO3 code",
        "the ISO3 codes in dim_country",
        "profile: the sidebar's single country, else the first selected; briefing: the sidebar "
        "selection",
        (COUNTRY, BRIEFING),
        hint=N_("unknown country code (use ISO3 codes such as UKR or XKX)"),
        example="UKR",
    ),
    Param(
        "profile_chart",
        NP_("link parameter", "profile_chart"),
        "the chart block the country profile draws: a trend group, the UN projections or the "
        "migration corridors",
        "the keys of content.country.CHART_BLOCKS",
        "the first trend group (immigrants and emigrants)",
        (COUNTRY,),
        hint=N_("not a chart block of the profile (the picker lists them)"),
        example="corridors",
    ),
    Param(
        "print",
        NP_("link parameter", "print"),
        "the country profile's print view: every chart drawn, one under the other",
        "1 (on) or 0 (off)",
        "off",
        (COUNTRY,),
        kind=FLAG,
        hint=N_("use 1 (on) or 0 (off)"),
        example="1",
    ),
    Param(
        "slide",
        NP_("link parameter", "slide"),
        "the briefing slide on screen",
        "1 to the number of slides",
        "1",
        (BRIEFING,),
        kind=NUMBER,
        digits=3,
        example="3",
    ),
    Param(
        "present",
        NP_("link parameter", "present"),
        "presentation mode: no sidebar, large type",
        "1 (on) or 0 (off)",
        "off",
        (BRIEFING,),
        kind=FLAG,
        hint=N_("use 1 to present"),
        example="1",
    ),
)
BY_NAME: dict[str, Param] = {param.name: param for param in PARAMS}
FILTER_PARAMS: tuple[str, ...] = tuple(p.name for p in PARAMS if SIDEBAR in p.pages)


def read_by(page: str) -> tuple[Param, ...]:
    """The parameters a page reads itself (the sidebar's, read on every page, are not among them)."""
    return tuple(param for param in PARAMS if page in param.pages and SIDEBAR not in param.pages)


def markdown_table(titles: dict[str, str] | None = None) -> str:
    """docs/URL_PARAMETERS.md: every parameter, its values, default and pages."""
    titles = titles or {}

    def where(pages: Sequence[str]) -> str:
        named = ", ".join(titles.get(page, page) for page in pages if page != SIDEBAR)
        return f"the sidebar, on every page; changes {named}" if SIDEBAR in pages else named

    lines = [
        "# URL parameters",
        "",
        "Generated from `src/dashboard/url_params.py` by `python -m dashboard.url_params`; a test "
        "fails when this file falls behind. A value that is not accepted is ignored with a "
        "warning and removed from the address bar; defaults are left out of links; numbers are "
        f"ASCII digits; a value has at most {MAX_PARAM_LENGTH} characters and a parameter at "
        f"most {MAX_VALUES} values.",
        "",
        "| Parameter | Value | Accepted | Default | Several values | Read by | Example |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in PARAMS:
        cells = (
            f"`{p.name}`",
            p.holds,
            p.accepts,
            p.default,
            "yes" if p.many else "no (the first is used)",
            where(p.pages),
            f"`?{p.name}={quote_plus(p.example)}`",
        )
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    from dashboard import navigation

    print(markdown_table(navigation.titles()), end="")

"""What the outlook tracker shows, shaped from its assessments (dashboard.outlook): the labels
of the verdicts and views, the scorecard, the statement cards a page at a time, the table of the
indicator chosen per family. Pure: no streamlit."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from dashboard.content.trends import format_value, source_name
from dashboard.i18n import N_, _, d_, ngettext
from dashboard.inert import inert
from dashboard.outlook import (
    CONSISTENT,
    NOT_CONSISTENT,
    NOT_MEASURABLE,
    PARTLY,
    VERDICT_LABELS,
    Assessment,
    Link,
    Statement,
    grouped,
    records,
)

STRATEGY_LABELS = {
    "all": N_("Both strategies"),
    "2020-2024": N_("Strategy 2020-2024"),
    "2015-2020": N_("Strategy 2015-2020"),
}
# The tracker's two views (URL value -> label): the data since the strategy, the projections ahead.
VIEWS = {"since": N_("Since the strategy"), "ahead": N_("Ahead: UN projections to 2030")}


TRIVIAL_LABEL = N_("Above zero only")  # with "(not counted)" where there is room


INTRO = N_(
    "Each statement of the strategies' migration outlook is set against the official data "
    "published since. Statements about the whole region are always tested on the whole region; "
    "those naming countries appear when they name a selected country."
)
COUNT_HELP = N_("Substantive indicator tests of the {statements} statements shown.")
TRIVIAL_HELP = N_(
    "Checks that a stock is still above zero: listed in the scorecard, not counted as "
    "consistency, since a stock that has not vanished says little about an outlook."
)


VERDICT_SHORT = {
    CONSISTENT: N_("Consistent"),
    PARTLY: N_("Partly consistent"),
    NOT_CONSISTENT: N_("Not consistent"),
    NOT_MEASURABLE: N_("Cannot tell yet"),
}


VERDICT_ICONS = {
    CONSISTENT: ":material/check_circle:",
    PARTLY: ":material/contrast:",
    NOT_CONSISTENT: ":material/cancel:",
    NOT_MEASURABLE: ":material/hourglass_empty:",
}


def by_statement(
    tests: Sequence[tuple[Statement, Link]], results: Sequence[Assessment]
) -> list[tuple[Statement, list[tuple[int, Link, Assessment]]]]:
    """The tested statements in order, each with its (test index, link, assessment) triples."""
    grouped: dict[str, tuple[Statement, list]] = {}
    for index, ((statement, link), result) in enumerate(zip(tests, results, strict=True)):
        grouped.setdefault(statement.statement_id, (statement, []))[1].append((index, link, result))
    return list(grouped.values())


Check = tuple[int, Link, Assessment]  # (test index, link, assessment), as by_statement gives

# The verdict filter of the statement cards: URL value -> label ("all" keeps every statement).
ALL = "all"


VERDICT_FILTERS = {ALL: N_("All"), **VERDICT_SHORT}
# What a verdict filter keeps, as the page's sentences say it ("judged consistent").
JUDGED = {
    CONSISTENT: N_("judged consistent"),
    PARTLY: N_("judged partly consistent"),
    NOT_CONSISTENT: N_("judged not consistent"),
    NOT_MEASURABLE: N_("judged cannot tell yet"),
}


PAGE_TESTS = 5  # indicator tests (each a chart) per page of statement cards, at most: a screenful


SCORECARD_COLUMNS = (
    N_("statement"),
    N_("verdict"),
    N_("indicator"),
    N_("where"),
    N_("expected"),
    N_("baseline"),
    N_("latest year"),
    N_("latest figure"),
    N_("statement text"),
    N_("strategy"),
    N_("indicator code"),
    N_("source"),
)


def with_verdict(
    groups: Sequence[tuple[Statement, list[Check]]], verdict: str
) -> list[tuple[Statement, list[Check], list[Check]]]:
    """The statements with at least one test of `verdict` (ALL: every statement), each with the
    tests of that verdict and its other tests."""
    selected = []
    for statement, checks in groups:
        shown = [
            check
            for check in checks
            if verdict == ALL or (check[1].substantive and check[2].verdict == verdict)
        ]
        if shown:
            selected.append(
                (
                    statement,
                    shown,
                    [check for check in checks if check not in shown] if verdict != ALL else [],
                )
            )
    return selected


def paginate(
    selected: Sequence[tuple[Statement, list[Check], list[Check]]], limit: int = PAGE_TESTS
) -> list[list[tuple[Statement, list[Check], list[Check]]]]:
    """The statements (with_verdict items) in pages of at most `limit` tests shown, each chart
    being one test; a statement is never split, so a page holds at least one. At least one page."""
    pages: list[list] = []
    current: list = []
    count = 0
    for item in selected:
        if current and count + len(item[1]) > limit:
            pages.append(current)
            current, count = [], 0
        current.append(item)
        count += len(item[1])
    return [*pages, current] if current or not pages else pages


def page_range(pages: Sequence[Sequence], page: int) -> str:
    """'5-8 of 26': which statements page `page` (1-based) of `pages` holds."""
    total = sum(len(items) for items in pages)
    first = sum(len(items) for items in pages[: page - 1]) + 1
    last = first + len(pages[page - 1]) - 1
    if first == last:
        return _("{first} of {total}").format(first=first, total=total)
    return _("{first}-{last} of {total}").format(first=first, last=last, total=total)


def locate(
    groups: Sequence[tuple[Statement, list[Check]]],
    statement_id: str,
    verdict: str,
    limit: int = PAGE_TESTS,
) -> tuple[str, int] | None:
    """(verdict filter, page) that shows the statement's card: the current filter when it keeps
    the statement, otherwise ALL; None for a statement that is not among `groups`."""
    for current in (verdict, ALL):
        for number, items in enumerate(paginate(with_verdict(groups, current), limit), start=1):
            if any(statement.statement_id == statement_id for statement, _shown, _others in items):
                return current, number
    return None


def latest_text(result: Assessment, link: Link) -> str:
    """The latest figure as the scorecard writes it, or why there is none."""
    if result.latest_year is None or link.definition is None:
        return ""
    if result.latest_value is not None:
        return format_value(result.latest_value, link.definition["unit"])
    return ngettext(
        "no single figure ({count} country reports)",
        "no single figure ({count} countries report)",
        result.latest_countries,
    ).format(count=result.latest_countries)


def short_text(text: str, limit: int = 90) -> str:
    """The text cut at a word boundary near `limit` characters, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "\u2026"


def scorecard(
    tests: Sequence[tuple[Statement, Link]], results: Sequence[Assessment]
) -> pd.DataFrame:
    """One row per indicator test, in display order: what was expected, the verdict and the
    latest figure, with the indicator code and source behind it."""
    rows = [
        (
            statement.title,
            _(VERDICT_SHORT[result.verdict]) if link.substantive else _(TRIVIAL_LABEL),
            link.family_label,
            link.scope_label,
            link.expectation_label.removeprefix(_("expected to ")),
            result.baseline_year,
            result.latest_year,
            latest_text(result, link),
            short_text(statement.text),
            d_(statement.edition),  # "2015-2020 strategy": the dashboard's words (data.po)
            link.code or "",
            source_name(link.definition)
            if link.definition is not None
            else _("no indicator in the warehouse"),
        )
        for (statement, link), result in zip(tests, results, strict=True)
    ]
    table = pd.DataFrame(rows, columns=[_(column) for column in SCORECARD_COLUMNS])
    return table.astype({_("baseline"): "Int64", _("latest year"): "Int64"})


def source_names(tests: Sequence[tuple[Statement, Link]]) -> list[str]:
    """The distinct datasets behind the tests ('publisher, title (vintage)'), in display order."""
    return list(
        dict.fromkeys(
            source_name(link.definition)
            for _statement, link in tests
            if link.definition is not None
        )
    )


def chart_start(results: Sequence[Assessment], year_from: int) -> int:
    """The first year the outlook charts show: the chosen one, or earlier to include every baseline."""
    return min([year_from, *(r.baseline_year for r in results if r.baseline_year is not None)])


def series_by_link(series: pd.DataFrame) -> dict[int, pd.DataFrame]:
    """Every test's outlook_link_series rows (link_id = index + 1) at once, by test index
    (0-based), in one pass over the frame instead of one per test. Tests without rows are absent."""
    return {
        int(link_id) - 1: series.iloc[rows]
        for link_id, rows in series.groupby("link_id", sort=False).indices.items()
    }


def defaults_table(choices: pd.DataFrame) -> pd.DataFrame:
    """Per family, the indicator the tracker tests it with and the codes it passed over."""
    columns = [
        "family",
        "family_label",
        "indicator_code",
        "is_family_default",
        "first_year",
        "last_year",
        "country_count",
        "publisher",
        "source_title",
        "vintage",
        "edition",
    ]
    rows = []
    for group in grouped(records(choices, columns), "family").values():
        chosen = [r for r in group if r["is_family_default"]][0]
        rows.append(
            {
                _("family"): _(chosen["family_label"]),
                _("indicator used"): chosen["indicator_code"],
                _("source"): source_name(chosen),
                _("years"): f"{chosen['first_year']}-{chosen['last_year']}",
                _("countries"): chosen["country_count"],
                _("other codes"): ", ".join(
                    f"{r['indicator_code']} ({r['first_year']}-{r['last_year']})"
                    for r in group
                    if not r["is_family_default"]
                ),
            }
        )
    table = pd.DataFrame(rows)
    if rows:  # the catalogue's integer type, as the row-wise version gave
        table[_("countries")] = table[_("countries")].astype(choices["country_count"].dtype)
    return table


def quote_markdown(text: str) -> str:
    """A statement as a markdown block quote."""
    return "> " + inert(text)


def counts_caption(tests: int, trivial: int, statements: int, untested: int, year_to: int) -> str:
    """The line under the verdict counts: what was counted, what was listed only, what cannot
    be tested."""
    return _(
        '{substantive} substantive indicator tests and {trivial} "still above zero" checks '
        "(listed, not counted) of {statements} statements; {untested} statements shown cannot "
        "be tested with the data in the warehouse (listed below). Latest data up to {year_to}."
    ).format(
        substantive=tests - trivial,
        trivial=trivial,
        statements=statements,
        untested=untested,
        year_to=year_to,
    )


def no_test_note(verdict: str) -> str:
    if verdict == ALL:
        return _("No test of the statements shown is.")
    return _("No test of the statements shown is {judged}.").format(judged=_(JUDGED[verdict]))


def page_caption(
    pages: Sequence[Sequence], page: int, verdict: str, shown_tests: int, tests: int
) -> str:
    """Which statements the page shows, and under a verdict filter how many tests it keeps."""
    values = {
        "statements": page_range(pages, page),
        "page": page,
        "pages": len(pages),
        "shown": shown_tests,
        "tests": tests,
    }
    if verdict == ALL:
        return _("Statements {statements}, page {page} of {pages}.").format(**values)
    return _(
        "Statements {statements} with a test {judged} ({shown} of the {tests} tests), page "
        "{page} of {pages}."
    ).format(judged=_(JUDGED[verdict]), **values)


def opened_note(title: str | None, page: int) -> str:
    """The toast after a scorecard row opened a statement's card."""
    return _("{title}: its card is on page {page} of the statements below.").format(
        title=title or _("The statement"), page=page
    )


def statement_caption(statement: Statement, english=inert) -> str:
    """Under a statement's quote, as inert markup: its title, document, edition, section and
    strategy element (`english` makes the document's own words inert markup and may mark them as
    English, which they stay)."""
    caption = (
        f"{inert(statement.title)} · {english(statement.document)} "
        f"({english(statement.edition)}), {english(statement.source_section)}"
    )
    return caption + (f" · {inert(statement.element_title)}" if statement.element_title else "")


def test_heading(link: Link, result: Assessment) -> str:
    """A test's line over its chart: the indicator and where, the expectation, the verdict (or
    that the check is not counted). Markdown; the warehouse's text is inert."""
    verdict = (
        f"{VERDICT_ICONS[result.verdict]} {_(VERDICT_LABELS[result.verdict])}"
        if link.substantive
        else ":material/exposure_zero: " + _("{label} (not counted)").format(label=_(TRIVIAL_LABEL))
    )
    tested = inert(f"{link.family_label}, {link.scope_label}")
    return f"**{tested}: {link.expectation_label}.** {verdict}"


def latest_label(year: int) -> str:
    return _("Latest, {year}").format(year=year)


def latest_help(result: Assessment, link: Link) -> str:
    """The latest figure's help: how many countries report, and why there may be no figure."""
    values = {"count": result.latest_countries, "total": len(link.scope_iso3)}
    if result.latest_value is not None:
        return ngettext(
            "{count} of {total} country reports.",
            "{count} of {total} countries report.",
            len(link.scope_iso3),
        ).format(**values)
    return ngettext(
        "{count} of {total} country reports; percentages without a weight give no single "
        "figure (see the chart's table).",
        "{count} of {total} countries report; percentages without a weight give no single "
        "figure (see the chart's table).",
        len(link.scope_iso3),
    ).format(**values)


def latest_display(result: Assessment, link: Link) -> str:
    """The latest figure as the card writes it, or how many countries report without one."""
    if result.latest_value is not None and link.definition is not None:
        return format_value(result.latest_value, link.definition["unit"])
    return ngettext("{count} country", "{count} countries", result.latest_countries).format(
        count=result.latest_countries
    )


def also_tested(others: Sequence[Check]) -> str:
    """The statement's tests under another verdict than the one filtered, named."""
    named = [
        _("{family}, {scope} ({verdict})").format(
            family=link.family_label,
            scope=link.scope_label,
            verdict=(
                _(VERDICT_SHORT[result.verdict]) if link.substantive else _(TRIVIAL_LABEL)
            ).lower(),
        )
        for _index, link, result in others
    ]
    return _("Also tested, under another verdict: {tests}.").format(tests="; ".join(named))


def projection_source(series: Mapping) -> str:
    """The Ahead view's source line: the projection's publisher, title, edition and licence."""
    return (
        f"{series['publisher']}, {series['source_title']} ({series['edition']}), licence "
        f"{series['licence']}."
    )

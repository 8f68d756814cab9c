"""What the outlook tracker shows, shaped from its assessments (dashboard.outlook): the labels
of the verdicts and views, the scorecard, the statement cards a page at a time, the table of the
indicator chosen per family. Pure: no streamlit."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from dashboard.content.trends import format_value, source_name
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
    "all": "Both strategies",
    "2020-2024": "Strategy 2020-2024",
    "2015-2020": "Strategy 2015-2020",
}
# The tracker's two views (URL value -> label): the data since the strategy, the projections ahead.
VIEWS = {"since": "Since the strategy", "ahead": "Ahead: UN projections to 2030"}


TRIVIAL_LABEL = "Above zero only"  # with "(not counted)" where there is room


INTRO = (
    "Each statement of the strategies' migration outlook is set against the official data "
    "published since. Statements about the whole region are always tested on the whole region; "
    "those naming countries appear when they name a selected country."
)
COUNT_HELP = "Substantive indicator tests of the {statements} statements shown."
TRIVIAL_HELP = (
    "Checks that a stock is still above zero: listed in the scorecard, not counted as "
    "consistency, since a stock that has not vanished says little about an outlook."
)


VERDICT_SHORT = {
    CONSISTENT: "Consistent",
    PARTLY: "Partly consistent",
    NOT_CONSISTENT: "Not consistent",
    NOT_MEASURABLE: "Cannot tell yet",
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


VERDICT_FILTERS = {ALL: "All", **VERDICT_SHORT}


PAGE_TESTS = 5  # indicator tests (each a chart) per page of statement cards, at most: a screenful


SCORECARD_COLUMNS = (
    "statement",
    "verdict",
    "indicator",
    "where",
    "expected",
    "baseline",
    "latest year",
    "latest figure",
    "statement text",
    "strategy",
    "indicator code",
    "source",
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
    return f"{first} of {total}" if first == last else f"{first}-{last} of {total}"


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
    return f"no single figure ({result.latest_countries} countries report)"


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
            VERDICT_SHORT[result.verdict] if link.substantive else TRIVIAL_LABEL,
            link.family_label,
            link.scope_label,
            link.expectation_label.removeprefix("expected to "),
            result.baseline_year,
            result.latest_year,
            latest_text(result, link),
            short_text(statement.text),
            statement.edition,
            link.code or "",
            source_name(link.definition)
            if link.definition is not None
            else "no indicator in the warehouse",
        )
        for (statement, link), result in zip(tests, results, strict=True)
    ]
    table = pd.DataFrame(rows, columns=list(SCORECARD_COLUMNS))
    return table.astype({"baseline": "Int64", "latest year": "Int64"})


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
                "family": chosen["family_label"],
                "indicator used": chosen["indicator_code"],
                "source": source_name(chosen),
                "years": f"{chosen['first_year']}-{chosen['last_year']}",
                "countries": chosen["country_count"],
                "other codes": ", ".join(
                    f"{r['indicator_code']} ({r['first_year']}-{r['last_year']})"
                    for r in group
                    if not r["is_family_default"]
                ),
            }
        )
    table = pd.DataFrame(rows)
    if rows:  # the catalogue's integer type, as the row-wise version gave
        table["countries"] = table["countries"].astype(choices["country_count"].dtype)
    return table


def quote_markdown(text: str) -> str:
    """A statement as a markdown block quote."""
    return "> " + inert(text)


def counts_caption(tests: int, trivial: int, statements: int, untested: int, year_to: int) -> str:
    """The line under the verdict counts: what was counted, what was listed only, what cannot
    be tested."""
    return (
        f'{tests - trivial} substantive indicator tests and {trivial} "still above zero" checks '
        f"(listed, not counted) of {statements} statements; {untested} statements shown cannot "
        f"be tested with the data in the warehouse (listed below). Latest data up to {year_to}."
    )


def judged(verdict: str) -> str:
    """' judged consistent' for a verdict filter; '' for every statement."""
    return "" if verdict == ALL else f" judged {VERDICT_SHORT[verdict].lower()}"


def no_test_note(verdict: str) -> str:
    return f"No test of the statements shown is{judged(verdict)}."


def page_caption(
    pages: Sequence[Sequence], page: int, verdict: str, shown_tests: int, tests: int
) -> str:
    """Which statements the page shows, and under a verdict filter how many tests it keeps."""
    kept = f" with a test{judged(verdict)} ({shown_tests} of the {tests} tests)"
    return (
        f"Statements {page_range(pages, page)}"
        + (kept if verdict != ALL else "")
        + f", page {page} of {len(pages)}."
    )


def opened_note(title: str | None, page: int) -> str:
    """The toast after a scorecard row opened a statement's card."""
    return f"{title or 'The statement'}: its card is on page {page} of the statements below."


def statement_caption(statement: Statement) -> str:
    """Under a statement's quote: its title, document, edition, section and strategy element."""
    return (
        f"{statement.title} · {statement.document} ({statement.edition}), "
        f"{statement.source_section}"
        + (f" · {statement.element_title}" if statement.element_title else "")
    )


def test_heading(link: Link, result: Assessment) -> str:
    """A test's line over its chart: the indicator and where, the expectation, the verdict (or
    that the check is not counted). Markdown; the warehouse's text is inert."""
    verdict = (
        f"{VERDICT_ICONS[result.verdict]} {VERDICT_LABELS[result.verdict]}"
        if link.substantive
        else f":material/exposure_zero: {TRIVIAL_LABEL} (not counted)"
    )
    return f"**{inert(f'{link.family_label}, {link.scope_label}')}: {link.expectation_label}.** {verdict}"


def latest_help(result: Assessment, link: Link) -> str:
    """The latest figure's help: how many countries report, and why there may be no figure."""
    reporting = f"{result.latest_countries} of {len(link.scope_iso3)} countries report"
    if result.latest_value is not None:
        return f"{reporting}."
    return (
        f"{reporting}; percentages without a weight give no single figure (see the chart's table)."
    )


def latest_display(result: Assessment, link: Link) -> str:
    """The latest figure as the card writes it, or how many countries report without one."""
    if result.latest_value is not None and link.definition is not None:
        return format_value(result.latest_value, link.definition["unit"])
    return f"{result.latest_countries} countries"


def also_tested(others: Sequence[Check]) -> str:
    """The statement's tests under another verdict than the one filtered, named."""
    named = [
        f"{link.family_label}, {link.scope_label} "
        f"({(VERDICT_SHORT[result.verdict] if link.substantive else TRIVIAL_LABEL).lower()})"
        for _index, link, result in others
    ]
    return f"Also tested, under another verdict: {'; '.join(named)}."


def projection_source(series: Mapping) -> str:
    """The Ahead view's source line: the projection's publisher, title, edition and licence."""
    return (
        f"{series['publisher']}, {series['source_title']} ({series['edition']}), licence "
        f"{series['licence']}."
    )

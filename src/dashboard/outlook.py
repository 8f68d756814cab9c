"""The outlook tracker's assessment logic (what it shows is shaped in dashboard.content.outlook): which indicator tests a statement, and a plain-language line on
what the data show since the strategy was written, computed from the numbers. Pure: no streamlit.

How a statement is read against the data:

* The baseline is the last year the strategy's authors could know: 2014 for the 2015-2020
  strategy (published 2014), 2019 for the 2020-2024 strategy (written in 2020 on 2019 data). The
  comparison starts at the year with data nearest that baseline (the earlier year on a tie) and
  ends at the latest year up to the chosen years; both years cover the same countries.
* Each indicator family is tested with one code, the family's default in
  `indicator_choices_by_family.sql`: the code with the most recent data among codes with more
  than one year, then the most countries, then the headline series before its breakdowns.
* increase / decrease: the scope's aggregate (sum or weighted mean) rose / fell; where the
  indicator cannot be aggregated (percentages without a weight), every country must move the
  expected way for "consistent", some for "partly".
* stay_high / stay_low for named countries: above / below the median of the region's countries
  in the latest year. For the whole region (no country to compare with) "high" means still at
  least three quarters of the baseline level, "low" at most a quarter above it.
* persist: still above zero in the latest year (in every named country).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard import config
from dashboard.content.trends import format_value

BASELINE_YEAR = config.OUTLOOK_BASELINE_YEAR  # one config value, read by the tracker and tests
# URL value -> strategy document (source_id); "all" shows both.
STRATEGIES = {
    "all": None,
    "2020-2024": "iom_seeeca_strategy_2020_2024",
    "2015-2020": "iom_seeeca_strategy_2015_2020",
}
REGION_STAY_SHARE = 0.25
# Expectations whose test is trivial: listed in the scorecard, not counted among the verdicts.
TRIVIAL_EXPECTATIONS = frozenset({"persist"})
EXPECTATIONS = {
    "increase": "expected to increase",
    "decrease": "expected to decrease",
    "stay_high": "expected to stay high relative to the region",
    "stay_low": "expected to stay low relative to the region",
    "persist": "expected to persist (stay above zero)",
}
REGION_EXPECTATIONS = {
    **EXPECTATIONS,
    "stay_high": "expected to stay high",
    "stay_low": "expected to stay low",
}

CONSISTENT = "consistent"
PARTLY = "partly"
NOT_CONSISTENT = "not_consistent"
NOT_MEASURABLE = "not_measurable"
VERDICT_LABELS = {
    CONSISTENT: "Consistent with the expectation",
    PARTLY: "Partly consistent",
    NOT_CONSISTENT: "Not consistent with the expectation",
    NOT_MEASURABLE: "Cannot tell from the data yet",
}


@dataclass(frozen=True)
class Link:
    """One indicator test of a statement: what should happen to which family, where."""

    family: str
    family_label: str
    scope_iso3: tuple[str, ...]
    region_wide: bool
    scope_label: str
    expectation: str
    rationale: str
    definition: Mapping | None  # the family's default indicator; None if the warehouse has none

    @property
    def code(self) -> str | None:
        return None if self.definition is None else self.definition["indicator_code"]

    @property
    def aggregated(self) -> bool:
        """True when one line for the scope is meaningful (a sum or weighted mean of several)."""
        return (
            self.definition is not None
            and self.definition["aggregation"] != "none"
            and len(self.scope_iso3) > 1
        )

    @property
    def substantive(self) -> bool:
        """False for a "still above zero" check, which is listed but not counted as
        consistency: a stock that has not vanished says little about an outlook."""
        return self.expectation not in TRIVIAL_EXPECTATIONS

    @property
    def expectation_label(self) -> str:
        return (REGION_EXPECTATIONS if self.region_wide else EXPECTATIONS)[self.expectation]


@dataclass(frozen=True)
class Statement:
    statement_id: str
    title: str  # the short title pages show (never the code)
    text: str
    source_id: str
    document: str
    edition: str
    source_section: str
    element_title: str | None
    testable: bool
    links: tuple[Link, ...]

    @property
    def baseline_year(self) -> int:
        return BASELINE_YEAR[self.source_id]


@dataclass(frozen=True)
class Assessment:
    verdict: str
    line: str
    baseline_year: int | None
    latest_year: int | None
    latest_value: float | None
    latest_countries: int


def _present(value: object) -> bool:
    return value is not None and value is not pd.NA and value == value


def _names(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def scope_label(scope_iso3: Sequence[str], country_names: Mapping[str, str]) -> str:
    return (
        _names([country_names.get(code, code) for code in scope_iso3])
        if scope_iso3
        else "the whole region"
    )


def records(frame: pd.DataFrame, columns: Sequence[str] | None = None) -> list[dict]:
    """The rows as dicts of plain values, read a column at a time: row access (.iloc, .loc,
    itertuples, to_dict) on pyarrow-backed frames pays a conversion per cell and made the tracker
    the slowest step of the page."""
    columns = list(frame.columns if columns is None else columns)
    return [
        dict(zip(columns, values, strict=True))
        for values in zip(*(frame[column].tolist() for column in columns), strict=True)
    ]


def grouped(records: Sequence[dict], key: str) -> dict[object, list[dict]]:
    """Records by `key` in order of first appearance, like groupby(sort=False) (missing keys dropped)."""
    groups: dict[object, list[dict]] = {}
    for record in records:
        if _present(record[key]):
            groups.setdefault(record[key], []).append(record)
    return groups


def tracker(
    rows: pd.DataFrame,
    choices: pd.DataFrame,
    region_iso3: Sequence[str],
    country_names: Mapping[str, str],
) -> list[Statement]:
    """Statements with their links (outlook_statement_links rows), each link tested by its family's
    default indicator (indicator_choices rows); statements keep the order of `rows`."""
    defaults = {
        row["family"]: row for row in choices[choices["is_family_default"]].to_dict("records")
    }
    labels = dict(zip(choices["family"].tolist(), choices["family_label"].tolist(), strict=True))
    columns = [
        "statement_id",
        "short_title",
        "statement",
        "source_id",
        "document",
        "edition",
        "source_section",
        "element_title",
        "testable",
        "indicator_family",
        "scope_iso3",
        "expectation",
        "rationale",
    ]
    statements = []
    for statement_id, group in grouped(records(rows, columns), "statement_id").items():
        first = group[0]
        links = []
        for row in group:
            family = row["indicator_family"]
            if not _present(family):
                continue
            named = tuple(row["scope_iso3"])
            links.append(
                Link(
                    family=family,
                    family_label=labels.get(family, family.replace("_", " ")),
                    scope_iso3=named or tuple(region_iso3),
                    region_wide=not named,
                    scope_label=scope_label(named, country_names),
                    expectation=row["expectation"],
                    rationale=row["rationale"],
                    definition=defaults.get(family),
                )
            )
        statements.append(
            Statement(
                statement_id=statement_id,
                title=first["short_title"],
                text=first["statement"],
                source_id=first["source_id"],
                document=first["document"],
                edition=first["edition"],
                source_section=first["source_section"],
                element_title=first["element_title"] if _present(first["element_title"]) else None,
                testable=bool(first["testable"]),
                links=tuple(links),
            )
        )
    return statements


def format_change(delta: float, unit: str) -> str:
    """A signed change: '+803,049', '-0.13 percentage points', '+US$ 1.2 billion'."""
    sign = "+" if delta >= 0 else "-"
    if unit.lower().startswith("percent"):
        return f"{sign}{abs(delta):,.2f} percentage points"
    return sign + format_value(abs(delta), unit)


def _percent_change(baseline: float, latest: float) -> str | None:
    """The change in per cent, or None where a percentage would mislead: a baseline of zero or
    below, or a series that changed sign (net migration going from gains to losses)."""
    if baseline <= 0 or latest < 0:
        return None
    return f"{(latest - baseline) / baseline * 100:+.1f}%"


def _ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def _by_count(hits: int, total: int) -> str:
    if total and hits == total:
        return CONSISTENT
    return PARTLY if hits else NOT_CONSISTENT


def _standing(change: Mapping, link: Link) -> tuple[str, int, int]:
    """Where the named countries stand in the region in the latest year: (sentence, hits, total)."""
    unit = link.definition["unit"]
    total = int(change["scope_countries_latest"])
    high = link.expectation == "stay_high"
    hits = int(change["scope_above_median" if high else "scope_below_median"])
    median = format_value(float(change["region_median"]), unit)
    region_countries = int(change["region_countries"])
    year = int(change["latest_year"])
    if total == 1:
        relation = (
            "above"
            if int(change["scope_above_median"])
            else "below"
            if int(change["scope_below_median"])
            else "at"
        )
        text = (
            f"In {year} {link.scope_label} ranks {_ordinal(int(change['best_rank']))} of "
            f"{region_countries} countries with figures, {relation} the regional median of {median}"
        )
    else:
        text = (
            f"In {year} {hits} of the {total} named countries with figures "
            f"{'is' if hits == 1 else 'are'} {'above' if high else 'below'} the regional median of "
            f"{median} (ranks {_ordinal(int(change['best_rank']))} to "
            f"{_ordinal(int(change['worst_rank']))} of {region_countries})"
        )
    if int(change["scope_negative"]) or float(change["region_median"]) < 0:
        text += f"; the figure is below zero in {int(change['scope_negative'])} of {total}"
    return text, hits, total


def _movement(change: Mapping, link: Link) -> str:
    """The change from the baseline to the latest year, in numbers and per cent."""
    unit = link.definition["unit"]
    by, ly = int(change["baseline_year"]), int(change["latest_year"])
    compared = int(change["countries_compared"])
    where = link.scope_label
    if link.region_wide or compared > 1:
        where += f" ({compared} {'country' if compared == 1 else 'countries'} with figures for both years)"
    if _present(change["baseline_value"]) and _present(change["latest_value"]):
        baseline, latest = float(change["baseline_value"]), float(change["latest_value"])
        percent = _percent_change(baseline, latest)
        return (
            f"{link.family_label} in {where} went from {format_value(baseline, unit)} in {by} to "
            f"{format_value(latest, unit)} in {ly} ({format_change(latest - baseline, unit)}"
            f"{', ' + percent if percent else ''})"
        )
    return (
        f"{link.family_label} rose in {int(change['countries_up'])} and fell in "
        f"{int(change['countries_down'])} of the {compared} countries of {link.scope_label} with "
        f"figures for both {by} and {ly} (median change "
        f"{format_change(float(change['median_change']), unit)}); this source gives no regional "
        "figure, since an average of percentages would misweight small and large countries"
    )


def _test(change: Mapping, link: Link) -> tuple[str, str]:
    """(verdict, sentence) for the link's expectation, given a measurable change."""
    expectation = link.expectation
    aggregate = _present(change["baseline_value"]) and _present(change["latest_value"])
    if expectation in ("increase", "decrease"):
        wanted = "increase" if expectation == "increase" else "decrease"
        if aggregate:
            delta = float(change["latest_value"]) - float(change["baseline_value"])
            verdict = (
                CONSISTENT if (delta > 0 if wanted == "increase" else delta < 0) else NOT_CONSISTENT
            )
        else:
            hits = int(change["countries_up" if wanted == "increase" else "countries_down"])
            verdict = _by_count(hits, int(change["countries_compared"]))
        return verdict, f"the statement expects {'an' if wanted == 'increase' else 'a'} {wanted}"
    if expectation in ("stay_high", "stay_low") and link.region_wide and aggregate:
        baseline, latest = float(change["baseline_value"]), float(change["latest_value"])
        if expectation == "stay_high":
            ok = latest >= baseline - REGION_STAY_SHARE * abs(baseline)
            return (
                CONSISTENT if ok else NOT_CONSISTENT,
                f"the statement expects it to stay high (read as: at least {1 - REGION_STAY_SHARE:.0%} of the {int(change['baseline_year'])} level)",
            )
        ok = latest <= baseline + REGION_STAY_SHARE * abs(baseline)
        return (
            CONSISTENT if ok else NOT_CONSISTENT,
            f"the statement expects it to stay low (read as: at most {REGION_STAY_SHARE:.0%} above the {int(change['baseline_year'])} level)",
        )
    if expectation in ("stay_high", "stay_low"):
        text, hits, total = _standing(change, link)
        return _by_count(hits, total), text
    # persist: still above zero
    if link.region_wide and _present(change["latest_value_all"]):
        ok = float(change["latest_value_all"]) > 0
        return (
            CONSISTENT if ok else NOT_CONSISTENT,
            f"the statement expects it to persist, and in {int(change['latest_year'])} it is "
            f"{'still above zero' if ok else 'not above zero'}",
        )
    hits, total = int(change["scope_positive"]), int(change["scope_countries_latest"])
    return (
        _by_count(hits, total),
        f"the statement expects it to persist, and in {int(change['latest_year'])} it is above "
        f"zero in {hits} of the {total} countries with figures",
    )


def assess(change: Mapping, link: Link, target_year: int, year_to: int) -> Assessment:
    """What the data show since the baseline, from one outlook_link_changes row."""
    if link.definition is None:
        return Assessment(
            NOT_MEASURABLE,
            f"The warehouse holds no indicator of the family '{link.family}'.",
            None,
            None,
            None,
            0,
        )
    latest_year = int(change["latest_year"]) if _present(change["latest_year"]) else None
    latest_all = float(change["latest_value_all"]) if _present(change["latest_value_all"]) else None
    latest_countries = (
        int(change["latest_countries"]) if _present(change["latest_countries"]) else 0
    )
    definition = link.definition
    # named as a reader would cite it: the series, its publisher and vintage (never its code)
    source = (
        f"{definition['name']}, {definition['publisher']}, "
        f"{definition['vintage'] or definition['edition']}"
    )
    unit = definition["unit"]
    baseline_year = int(change["baseline_year"]) if _present(change["baseline_year"]) else None

    def pending(text: str) -> Assessment:
        return Assessment(
            NOT_MEASURABLE,
            f"{text} Source: {source}.",
            baseline_year,
            latest_year,
            latest_all,
            latest_countries,
        )

    if latest_year is None:
        return pending(
            f"No figure of {link.family_label.lower()} for {link.scope_label} up to {year_to}."
        )
    if latest_year <= target_year:
        return pending(
            f"The latest figure for {link.scope_label} up to {year_to} is from {latest_year}, not after "
            f"the strategy's {target_year} baseline: widen the years to see what happened since."
        )
    if baseline_year is None or baseline_year >= latest_year:
        shown = f" ({format_value(latest_all, unit)})" if latest_all is not None else ""
        return pending(
            f"The latest figure for {link.scope_label}, {latest_year}{shown}, is also the one nearest "
            f"the strategy's {target_year} baseline, and this source has nothing later up to "
            f"{year_to}: the change since cannot be measured yet."
        )
    if not int(change["countries_compared"]):
        return pending(
            f"No country of {link.scope_label} has figures for both {baseline_year} and {latest_year}."
        )
    verdict, test = _test(change, link)
    line = f"{_movement(change, link)}. {test[0].upper()}{test[1:]}: {VERDICT_LABELS[verdict].lower()}."
    missing = change["countries_not_compared"]
    if _present(missing) and len(link.scope_iso3) > 1:
        line += f" Not in the comparison (no figure for both years): {missing}."
    line += f" Source: {source}."
    return Assessment(verdict, line, baseline_year, latest_year, latest_all, latest_countries)


def tests_of(statements: Sequence[Statement]) -> list[tuple[Statement, Link]]:
    """Every (statement, link) pair to test, in display order."""
    return [(statement, link) for statement in statements for link in statement.links]


def requests(tests: Sequence[tuple[Statement, Link]]) -> tuple[tuple, tuple, tuple, tuple]:
    """(codes, scopes, baseline years, aggregated flags) of the tests, as hashable tuples for the
    batched outlook queries (link_id i answers the i-th test)."""
    return (
        tuple(link.code for _statement, link in tests),
        tuple(link.scope_iso3 for _statement, link in tests),
        tuple(statement.baseline_year for statement, _link in tests),
        tuple(link.aggregated for _statement, link in tests),
    )


def assess_all(
    changes: pd.DataFrame, tests: Sequence[tuple[Statement, Link]], year_to: int
) -> list[Assessment]:
    """One assessment per test from outlook_link_changes rows (link_id i = the i-th test)."""
    rows = {row["link_id"]: row for row in records(changes)}
    return [
        assess(rows[index + 1], link, statement.baseline_year, year_to)
        for index, (statement, link) in enumerate(tests)
    ]


def verdict_counts(verdicts: Sequence[str]) -> dict[str, int]:
    """How many tests fall under each verdict, in display order."""
    return {verdict: sum(1 for v in verdicts if v == verdict) for verdict in VERDICT_LABELS}


def substantive_counts(
    tests: Sequence[tuple[Statement, Link]], results: Sequence[Assessment]
) -> tuple[dict[str, int], int]:
    """The verdict counts of the substantive tests, and how many trivial ("still above zero")
    checks were left out of them."""
    verdicts = [
        r.verdict for (_statement, link), r in zip(tests, results, strict=True) if link.substantive
    ]
    return verdict_counts(verdicts), len(tests) - len(verdicts)


def select(statements: Sequence[Statement], strategy: str) -> list[Statement]:
    """The statements of one strategy (a STRATEGIES key; "all" keeps every statement)."""
    source_id = STRATEGIES.get(strategy)
    return [s for s in statements if source_id is None or s.source_id == source_id]

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

from dashboard import config, i18n
from dashboard.content.trends import format_value
from dashboard.i18n import N_, _, d_, ngettext

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
    "increase": N_("expected to increase"),
    "decrease": N_("expected to decrease"),
    "stay_high": N_("expected to stay high relative to the region"),
    "stay_low": N_("expected to stay low relative to the region"),
    "persist": N_("expected to persist (stay above zero)"),
}
REGION_EXPECTATIONS = {
    **EXPECTATIONS,
    "stay_high": N_("expected to stay high"),
    "stay_low": N_("expected to stay low"),
}

CONSISTENT = "consistent"
PARTLY = "partly"
NOT_CONSISTENT = "not_consistent"
NOT_MEASURABLE = "not_measurable"
VERDICT_LABELS = {
    CONSISTENT: N_("Consistent with the expectation"),
    PARTLY: N_("Partly consistent"),
    NOT_CONSISTENT: N_("Not consistent with the expectation"),
    NOT_MEASURABLE: N_("Cannot tell from the data yet"),
}
# The verdict as it ends an assessment's line ("...: consistent with the expectation.").
VERDICT_ENDINGS = {
    CONSISTENT: N_("consistent with the expectation"),
    PARTLY: N_("partly consistent"),
    NOT_CONSISTENT: N_("not consistent with the expectation"),
    NOT_MEASURABLE: N_("cannot tell from the data yet"),
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
        return _((REGION_EXPECTATIONS if self.region_wide else EXPECTATIONS)[self.expectation])


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
    # The series the line cites at its end ("Source: ..."): names a page keeps in English.
    source: str = ""


def _present(value: object) -> bool:
    return value is not None and value is not pd.NA and value == value


def _names(names: Sequence[str]) -> str:
    if len(names) == 1:
        return names[0]
    return _("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])


def scope_label(scope_iso3: Sequence[str], country_names: Mapping[str, str]) -> str:
    return (
        _names([d_(country_names.get(code, code)) for code in scope_iso3])
        if scope_iso3
        else _("the whole region")
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
                    family_label=_(labels.get(family, family.replace("_", " "))),
                    scope_iso3=named or tuple(region_iso3),
                    region_wide=not named,
                    scope_label=scope_label(named, country_names),
                    expectation=row["expectation"],
                    rationale=d_(row["rationale"]),
                    definition=defaults.get(family),
                )
            )
        statements.append(
            Statement(
                statement_id=statement_id,
                title=d_(first["short_title"]),
                text=first["statement"],
                source_id=first["source_id"],
                document=first["document"],
                edition=first["edition"],
                source_section=first["source_section"],
                element_title=d_(first["element_title"])
                if _present(first["element_title"])
                else None,
                testable=bool(first["testable"]),
                links=tuple(links),
            )
        )
    return statements


def format_change(delta: float, unit: str) -> str:
    """A signed change: '+803,049', '-0.13 percentage points', '+US$ 1.2 billion'."""
    sign = "+" if delta >= 0 else "-"
    if unit.lower().startswith("percent"):
        points = f"{abs(delta):,.2f}"
        if i18n.language() != i18n.DEFAULT_LANGUAGE:
            points = points.replace(",", i18n.NBSP).replace(".", ",")
        return _("{sign}{points} percentage points").format(sign=sign, points=points)
    return sign + format_value(abs(delta), unit)


def _percent_change(baseline: float, latest: float) -> str | None:
    """The change in per cent, or None where a percentage would mislead: a baseline of zero or
    below, or a series that changed sign (net migration going from gains to losses)."""
    if baseline <= 0 or latest < 0:
        return None
    change = (latest - baseline) / baseline * 100
    if i18n.language() != i18n.DEFAULT_LANGUAGE:
        return f"{change:+.1f}".replace(".", ",") + i18n.NBSP + "%"
    return f"{change:+.1f}%"


def _ordinal(number: int) -> str:
    if i18n.language() != i18n.DEFAULT_LANGUAGE:
        return _("{number}th").format(number=number)
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
    values = {
        "year": int(change["latest_year"]),
        "scope": link.scope_label,
        "rank": _ordinal(int(change["best_rank"])),
        "worst": _ordinal(int(change["worst_rank"])),
        "countries": int(change["region_countries"]),
        "median": format_value(float(change["region_median"]), unit),
        "hits": hits,
        "total": total,
    }
    if total == 1:
        if int(change["scope_above_median"]):
            template = _(
                "In {year} {scope} ranks {rank} of {countries} countries with figures, above the "
                "regional median of {median}"
            )
        elif int(change["scope_below_median"]):
            template = _(
                "In {year} {scope} ranks {rank} of {countries} countries with figures, below the "
                "regional median of {median}"
            )
        else:
            template = _(
                "In {year} {scope} ranks {rank} of {countries} countries with figures, at the "
                "regional median of {median}"
            )
    elif high:
        template = ngettext(
            "In {year} {hits} of the {total} named countries with figures is above the regional "
            "median of {median} (ranks {rank} to {worst} of {countries})",
            "In {year} {hits} of the {total} named countries with figures are above the regional "
            "median of {median} (ranks {rank} to {worst} of {countries})",
            hits,
        )
    else:
        template = ngettext(
            "In {year} {hits} of the {total} named countries with figures is below the regional "
            "median of {median} (ranks {rank} to {worst} of {countries})",
            "In {year} {hits} of the {total} named countries with figures are below the regional "
            "median of {median} (ranks {rank} to {worst} of {countries})",
            hits,
        )
    text = template.format(**values)
    if int(change["scope_negative"]) or float(change["region_median"]) < 0:
        text += _("; the figure is below zero in {negative} of {total}").format(
            negative=int(change["scope_negative"]), total=total
        )
    return text, hits, total


def _movement(change: Mapping, link: Link) -> str:
    """The change from the baseline to the latest year, in numbers and per cent."""
    unit = link.definition["unit"]
    by, ly = int(change["baseline_year"]), int(change["latest_year"])
    compared = int(change["countries_compared"])
    where = link.scope_label
    if link.region_wide or compared > 1:
        where = ngettext(
            "{scope} ({count} country with figures for both years)",
            "{scope} ({count} countries with figures for both years)",
            compared,
        ).format(scope=where, count=compared)
    if _present(change["baseline_value"]) and _present(change["latest_value"]):
        baseline, latest = float(change["baseline_value"]), float(change["latest_value"])
        percent = _percent_change(baseline, latest)
        change_text = format_change(latest - baseline, unit)
        return _(
            "{family} in {where} went from {baseline} in {baseline_year} to {latest} in "
            "{latest_year} ({change})"
        ).format(
            family=link.family_label,
            where=where,
            baseline=format_value(baseline, unit),
            baseline_year=by,
            latest=format_value(latest, unit),
            latest_year=ly,
            change=change_text + (", " + percent if percent else ""),
        )
    return _(
        "{family} rose in {up} and fell in {down} of the {compared} countries of {scope} with "
        "figures for both {baseline_year} and {latest_year} (median change {median}); this source "
        "gives no regional figure, since an average of percentages would misweight small and large "
        "countries"
    ).format(
        family=link.family_label,
        up=int(change["countries_up"]),
        down=int(change["countries_down"]),
        compared=compared,
        scope=link.scope_label,
        baseline_year=by,
        latest_year=ly,
        median=format_change(float(change["median_change"]), unit),
    )


def _share(fraction: float) -> str:
    """A share written as a percentage without decimals: 75% (75 %)."""
    if i18n.language() != i18n.DEFAULT_LANGUAGE:
        return f"{fraction:.0%}".replace("%", i18n.NBSP + "%")
    return f"{fraction:.0%}"


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
        if wanted == "increase":
            return verdict, _("the statement expects an increase")
        return verdict, _("the statement expects a decrease")
    baseline_year = int(change["baseline_year"])
    if expectation in ("stay_high", "stay_low") and link.region_wide and aggregate:
        baseline, latest = float(change["baseline_value"]), float(change["latest_value"])
        if expectation == "stay_high":
            ok = latest >= baseline - REGION_STAY_SHARE * abs(baseline)
            return (
                CONSISTENT if ok else NOT_CONSISTENT,
                _(
                    "the statement expects it to stay high (read as: at least {share} of the "
                    "{year} level)"
                ).format(share=_share(1 - REGION_STAY_SHARE), year=baseline_year),
            )
        ok = latest <= baseline + REGION_STAY_SHARE * abs(baseline)
        return (
            CONSISTENT if ok else NOT_CONSISTENT,
            _(
                "the statement expects it to stay low (read as: at most {share} above the "
                "{year} level)"
            ).format(share=_share(REGION_STAY_SHARE), year=baseline_year),
        )
    if expectation in ("stay_high", "stay_low"):
        text, hits, total = _standing(change, link)
        return _by_count(hits, total), text
    # persist: still above zero
    year = int(change["latest_year"])
    if link.region_wide and _present(change["latest_value_all"]):
        ok = float(change["latest_value_all"]) > 0
        if ok:
            text = _("the statement expects it to persist, and in {year} it is still above zero")
        else:
            text = _("the statement expects it to persist, and in {year} it is not above zero")
        return CONSISTENT if ok else NOT_CONSISTENT, text.format(year=year)
    hits, total = int(change["scope_positive"]), int(change["scope_countries_latest"])
    return (
        _by_count(hits, total),
        _(
            "the statement expects it to persist, and in {year} it is above zero in {hits} of "
            "the {total} countries with figures"
        ).format(year=year, hits=hits, total=total),
    )


def assess(change: Mapping, link: Link, target_year: int, year_to: int) -> Assessment:
    """What the data show since the baseline, from one outlook_link_changes row."""
    if link.definition is None:
        return Assessment(
            NOT_MEASURABLE,
            _("The warehouse holds no indicator of the family '{family}'.").format(
                family=link.family
            ),
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
        f"{d_(definition['name'])}, {definition['publisher']}, "
        f"{definition['vintage'] or definition['edition']}"
    )
    unit = definition["unit"]
    baseline_year = int(change["baseline_year"]) if _present(change["baseline_year"]) else None

    def pending(text: str) -> Assessment:
        return Assessment(
            NOT_MEASURABLE,
            _("{text} Source: {source}.").format(text=text, source=source),
            baseline_year,
            latest_year,
            latest_all,
            latest_countries,
            source,
        )

    values = {
        "scope": link.scope_label,
        "year_to": year_to,
        "latest_year": latest_year,
        "target_year": target_year,
        "baseline_year": baseline_year,
    }
    if latest_year is None:
        return pending(
            _("No figure of {family} for {scope} up to {year_to}.").format(
                family=link.family_label.lower(), **values
            )
        )
    if latest_year <= target_year:
        return pending(
            _(
                "The latest figure for {scope} up to {year_to} is from {latest_year}, not after "
                "the strategy's {target_year} baseline: widen the years to see what happened since."
            ).format(**values)
        )
    if baseline_year is None or baseline_year >= latest_year:
        if latest_all is not None:
            text = _(
                "The latest figure for {scope}, {latest_year} ({latest}), is also the one nearest "
                "the strategy's {target_year} baseline, and this source has nothing later up to "
                "{year_to}: the change since cannot be measured yet."
            ).format(latest=format_value(latest_all, unit), **values)
        else:
            text = _(
                "The latest figure for {scope}, {latest_year}, is also the one nearest the "
                "strategy's {target_year} baseline, and this source has nothing later up to "
                "{year_to}: the change since cannot be measured yet."
            ).format(**values)
        return pending(text)
    if not int(change["countries_compared"]):
        return pending(
            _(
                "No country of {scope} has figures for both {baseline_year} and {latest_year}."
            ).format(**values)
        )
    verdict, test = _test(change, link)
    line = _("{movement}. {test}: {verdict}.").format(
        movement=_movement(change, link),
        test=test[0].upper() + test[1:],
        verdict=_(VERDICT_ENDINGS[verdict]),
    )
    missing = change["countries_not_compared"]
    if _present(missing) and len(link.scope_iso3) > 1:
        line += " " + _("Not in the comparison (no figure for both years): {countries}.").format(
            countries=", ".join(d_(name) for name in str(missing).split(", "))
        )
    line += " " + _("Source: {source}.").format(source=source)
    return Assessment(
        verdict, line, baseline_year, latest_year, latest_all, latest_countries, source
    )


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

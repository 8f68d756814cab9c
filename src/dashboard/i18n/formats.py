"""Numbers and dates as each language writes them (pure).

English is written exactly as the dashboard always wrote it ("125.9 million", "USD 1.25
billion", "46.5%", "35,156"); Russian follows Babel's ru locale (CLDR): a decimal comma, groups of
thousands split by a no-break space, "млн"/"млрд", "долл. США" after the amount, "46,5 %",
"6 декабря 2026 г.". Every space inside a Russian value is a no-break space (U+00A0), so a value
never breaks across lines. Years are never grouped ("2026", not "2 026").
"""

from __future__ import annotations

import datetime as dt

NBSP = "\u00a0"
PERCENT_UNITS = {"percent", "%", "% of gdp", "% of population"}
# Russian scale words (CLDR's short forms, as Russian statistical texts write them).
_RU_SCALES = ((1e9, "млрд"), (1e6, "млн"))
RU_USD = "долл.\u00a0США"


def _missing_text() -> str:
    from dashboard import config  # imported late: config marks its texts with dashboard.i18n.N_

    return config.MISSING_VALUE


def _current() -> str:
    from dashboard.i18n import language  # the ContextVar lives in the package

    return language()


def _missing(value) -> bool:
    if value is None:
        return True
    try:
        return value != value  # NaN
    except TypeError:
        return False


def _ru_decimal(value: float, digits: int) -> str:
    """`value` with exactly `digits` decimals, Russian separators."""
    text = f"{value:,.{digits}f}"
    return text.replace(",", NBSP).replace(".", ",")


def format_number(value: float | int | None, unit: str = "", compact: bool = False) -> str:
    """Human-readable number in the current language: 125.9 million, 48, 46.5% ("125,9 млн",
    "48", "46,5 %"); compact for narrow KPI cards (125.9M; Russian "125,9 млн", "234 млн $")."""
    if _missing(value):
        return _missing_text()
    if not isinstance(value, (int, float)) and not hasattr(value, "__float__"):
        return str(value)
    if _current() == "ru":
        return _format_number_ru(value, unit, compact)
    return _format_number_en(value, unit, compact)


def _format_number_en(value, unit: str, compact: bool) -> str:
    unit = unit.lower()
    if unit in PERCENT_UNITS:
        return f"{value:,.1f}%"
    magnitude = abs(value)
    prefix = "USD " if unit.startswith("usd") else ""
    if magnitude >= 1e9:
        text = f"{value / 1e9:,.1f}B" if compact else f"{value / 1e9:,.2f} billion"
    elif magnitude >= 1e6:
        text = f"{value / 1e6:,.1f}M" if compact else f"{value / 1e6:,.1f} million"
    else:
        text = None
    if text is not None:
        # "29M", not "29.0M": a round figure as the document prints it
        text = text.replace(".0M", "M").replace(".0B", "B") if compact else text
    elif float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,.1f}"
    return prefix + text


def _format_number_ru(value, unit: str, compact: bool) -> str:
    unit = unit.lower()
    if unit in PERCENT_UNITS:
        return _ru_decimal(value, 1) + NBSP + "%"
    magnitude = abs(value)
    text = None
    for scale, word in _RU_SCALES:
        if magnitude >= scale:
            digits = 1 if compact or scale < 1e9 else 2
            number = _ru_decimal(value / scale, digits)
            if compact and number.endswith(",0"):  # "29 млн", not "29,0 млн", as in English
                number = number[:-2]
            text = number + NBSP + word
            break
    if text is None:
        if float(value).is_integer():
            text = f"{int(value):,}".replace(",", NBSP)
        else:
            text = _ru_decimal(value, 1)
    if unit.startswith("usd"):  # compact (a KPI card): CLDR's short form, "125,9 млн $"
        return text + NBSP + ("$" if compact else RU_USD)
    return text


def format_percent(value: float | None, digits: int = 1) -> str:
    """A value already in percent: 46.5 -> "46.5%" ("46,5 %")."""
    if _missing(value):
        return _missing_text()
    if _current() == "ru":
        return _ru_decimal(value, digits) + NBSP + "%"
    return f"{value:,.{digits}f}%"


def format_money(value: float | None, currency: str = "USD", compact: bool = False) -> str:
    """An amount of money: "USD 125.9 million" ("125,9 млн долл. США")."""
    if currency != "USD":
        raise ValueError(f"only US dollars are written ({currency!r})")
    return format_number(value, "usd", compact=compact)


def format_date(date: dt.date | dt.datetime | str) -> str:
    """A date in full: "06 December 2026", as the dashboard always wrote it ("6 декабря 2026 г.")."""
    if isinstance(date, str):
        date = dt.date.fromisoformat(date[:10])
    if _current() == "ru":
        from babel.dates import format_date as babel_date

        return babel_date(date, format="long", locale="ru").replace("\u202f", NBSP)
    return date.strftime("%d %B %Y")


def format_year(year: int | float | str | None) -> str:
    """A year, never grouped: 2026."""
    if _missing(year):
        return _missing_text()
    return str(int(float(year)))


def plotly_separators() -> str:
    """Plotly's `separators` (decimal mark, then thousands) in the current language; year axes
    stay ungrouped through their own tick format (charts.style.year_axis)."""
    return "," + NBSP if _current() == "ru" else ".,"

"""What a chosen theme (strategic priority, thematic area or pillar) changes on a page: which
indicator families come first and which indicator a page leads with. Pure: the links come from
the warehouse's theme crosswalk (bridge_theme_indicator), never from a list in code."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from dashboard.i18n import _, d_, ngettext


def theme_first(items: Iterable[str], theme_families: Sequence[str]) -> list[str]:
    """`items` (indicator families) with the theme's families first, in the theme's order, and
    every other item after them in its original order: nothing becomes unreachable."""
    items = list(items)
    present = set(items)
    first = [family for family in theme_families if family in present]
    chosen = set(first)
    return first + [item for item in items if item not in chosen]


def families_of(links: pd.DataFrame) -> tuple[str, ...]:
    """The families of theme_indicator_families rows, in display order."""
    return tuple(links["indicator_family"].tolist())


def lead_codes(
    theme_families: Sequence[str],
    defaults: Mapping[str, str],
    fallback: Sequence[str],
    count: int,
    family_of: Mapping[str, str],
) -> tuple[str, ...]:
    """`count` indicator codes for a page's headline cards: the default code of each of the
    theme's families first, then the page's usual codes of other families to fill the row.

    One card per family, so a theme never shows the same concept twice.
    """
    codes: list[str] = []
    seen: set[str] = set()
    candidates = [defaults[f] for f in theme_families if f in defaults] + list(fallback)
    for code in candidates:
        family = family_of.get(code, code)
        if family in seen:
            continue
        codes.append(code)
        seen.add(family)
        if len(codes) == count:
            break
    return tuple(codes)


def theme_note(theme_label: str, family_labels: Sequence[str], shown: int = 3) -> str:
    """One line saying what the sidebar's theme changed on a page."""
    names = ", ".join(family_labels[:shown])
    more = len(family_labels) - shown
    if more > 0:
        return ngettext(
            "Theme {theme}: its indicators come first ({names} and {more} more).",
            "Theme {theme}: its indicators come first ({names} and {more} more).",
            more,
        ).format(theme=theme_label.strip(), names=names, more=more)
    return _("Theme {theme}: its indicators come first ({names}).").format(
        theme=theme_label.strip(), names=names
    )


def crosswalk_table(
    rows: pd.DataFrame, family_labels: Mapping[str, str], theme: str | None
) -> pd.DataFrame:
    """theme_indicator_crosswalk rows as the Data & sources page shows them: names instead of
    codes, the chosen theme's links first, an en dash where no indicator can speak to an element."""
    table = rows.copy()
    if theme is not None:
        table = pd.concat(
            [table[table["element_id"] == theme], table[table["element_id"] != theme]]
        )
    family = table["indicator_family"]
    return pd.DataFrame(
        {
            _("Framework"): table["framework"].map(d_),
            _("Thematic element"): table["element_title"].map(d_),
            _("Order"): table["family_rank"].astype("Int64"),
            _("Indicator"): [
                "–" if pd.isna(code) else d_(family_labels.get(code, code)) for code in family
            ],
            _("Why"): table["reason"].map(d_),
            _("Basis"): table["basis"].map(d_),
            _("Cited in"): table["cited_in"].fillna("–"),
        }
    )


def unaffected_note(theme_label: str, what: str) -> str:
    """The one line a page shows when the sidebar's theme cannot change what it shows."""
    return _("The theme {theme} does not change {what}.").format(
        theme=theme_label.strip(), what=what
    )


def codes_theme_first(
    codes: Iterable[str], family_of: Mapping[str, str], theme_families: Sequence[str]
) -> list[str]:
    """Indicator codes with those of the theme's families first (in the theme's order), every
    other code after them in its original order."""
    codes = list(codes)
    position = {family: index for index, family in enumerate(theme_families)}
    first = sorted(
        (code for code in codes if family_of.get(code) in position),
        key=lambda code: position[family_of[code]],
    )
    chosen = set(first)
    return first + [code for code in codes if code not in chosen]


def lead_code(
    defaults: Mapping[str, str], theme_families: Sequence[str], fallback: str | None
) -> str | None:
    """The indicator a page opens on: the default code of the theme's first family that has one."""
    return next((defaults[f] for f in theme_families if f in defaults), fallback)


def theme_first_by_code(
    items: Sequence, code_of, family_of: Mapping[str, str], theme_families: Sequence[str]
) -> list:
    """`items` (facts, cards) with those whose indicator belongs to the theme's families first,
    in the theme's order; the rest after them in their original order. `code_of(item)` gives an
    item's indicator code."""
    position = {family: index for index, family in enumerate(theme_families)}
    last = len(position)
    return sorted(items, key=lambda item: position.get(family_of.get(code_of(item)), last))

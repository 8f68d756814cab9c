"""What the offices map's cards and notes say, from the office counts. Pure (no streamlit)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

# The cards after the total, one per office type.
OFFICE_TYPE_CARDS = (
    ("country", "Country offices"),
    ("sub-office", "Sub-offices"),
    ("regional", "Regional Office (Vienna)"),
)
LEGEND_ALT = (
    "Legend: Regional Office, large vermillion dot; country office, blue dot; sub-office, small "
    "orange dot."
)
ISRAEL_NOTE = (
    "**Israel** has no IOM office: it is covered by the Regional Office in Vienna (Annex 1)."
)


@dataclass(frozen=True)
class OfficeCounts:
    """Offices per type shown for the selection and in the whole region (office_type_counts)."""

    shown: Mapping[str, int]
    in_region: Mapping[str, int]
    document: str

    @property
    def offices_shown(self) -> int:
        """Country offices and sub-offices shown (the Regional Office comes on top)."""
        return self.shown["country"] + self.shown["sub-office"]

    @property
    def offices_in_region(self) -> int:
        return self.in_region["country"] + self.in_region["sub-office"]


def office_counts(counts: pd.DataFrame) -> OfficeCounts:
    """office_type_counts rows as OfficeCounts."""
    types = counts["office_type"].tolist()
    return OfficeCounts(
        shown=dict(zip(types, (int(n) for n in counts["offices_shown"].tolist()), strict=True)),
        in_region=dict(
            zip(types, (int(n) for n in counts["offices_in_region"].tolist()), strict=True)
        ),
        document=str(counts.loc[counts["office_type"] == "country", "document"].iat[0]),
    )


def annex_source(document: str, as_of: str) -> str:
    """The source line of an office count: the strategy's Annex 1 list, dated."""
    return f"{document}, Annex 1: IOM offices in the region ({as_of})"


def total_source(table_a1: Mapping) -> str:
    """The source line of the offices total: Table A1's figure, then the list it is counted from."""
    return f"{table_a1['document']}, {table_a1['source_section']}; list in Annex 1"


def total_help(counts: OfficeCounts, table_a1: Mapping) -> str:
    return (
        f"Counted from the Annex 1 list: {counts.offices_in_region} in the region, as Table A1 "
        f"prints ({table_a1['value']:.0f}). The Regional Office in Vienna comes on top."
    )


def in_region_help(counts: OfficeCounts, office_type: str) -> str:
    return f"{counts.in_region[office_type]} in the whole region."


def introduction(selection: str, as_of: str) -> str:
    """The line under the title: the selection and the date of the office list."""
    return (
        f"Showing {selection}. Offices {as_of} (Annex 1 of the 2020-2024 strategy); the Regional "
        "Office in Vienna is always shown."
    )


def map_alt(offices_shown: int, as_of: str) -> str:
    return f"Map of the {offices_shown} IOM offices shown ({as_of}); the table below lists them."


def years_outside_filter(year_from: int, year_to: int) -> str:
    """Why the year picker offers years outside the sidebar's range."""
    return (
        f"This indicator has no value in {year_from}-{year_to} (the sidebar's years): its own "
        "years are offered instead."
    )

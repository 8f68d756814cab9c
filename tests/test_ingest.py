"""Tests of the official-data ingestion (python -m dashboard.ingest).

Two kinds of test:

* pure helpers on small in-memory fixtures (always run);
* the real official files in ../shared/data/public (skipped, with the reason, when that directory
  is absent): the ingestion is run into a temporary directory and its values are compared with
  the official files read independently here (openpyxl, xlrd, csv - not the readers under test),
  and the committed data/sources extract must equal a fresh run byte for byte.
"""

from __future__ import annotations

import csv
import math
import os
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from dashboard.ingest import catalog, knomad, undesa, unhcr, worldbank
from dashboard.ingest.__main__ import main as ingest_main
from dashboard.ingest.common import (
    KNOMAD_NAMES,
    M49_TO_ISO3,
    REGION_ISO3,
    REGION_ISO3_WITHOUT_KOSOVO,
    IngestError,
    clean_cell,
    format_value,
    match_names,
    parse_year,
    thousands_to_persons,
)
from dashboard.ingest.pipeline import OUTPUT_FILES, check_rows, ingest

REPO = Path(__file__).resolve().parents[1]
PUBLIC = REPO.parent / "shared" / "data" / "public"
COMMITTED = REPO / "data" / "sources"
HAVE_PUBLIC = (PUBLIC / "PROVENANCE.md").exists()
needs_public = pytest.mark.skipif(
    not HAVE_PUBLIC, reason=f"official files not available at {PUBLIC} (they are never committed)"
)

UNDESA = PUBLIC / "undesa_ims" / "undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx"
ABEL = PUBLIC / "undesa_ims" / "derived" / "abel_iom_wmr2022_stock_totals_2020.csv"
OWID = PUBLIC / "undesa_ims" / "owid_ims2024_share" / "migrant-stock-share.csv"
WDI_POP = PUBLIC / "worldbank_wdi" / "SP.POP.TOTL_population_datahub.csv"
WDI_NETM = PUBLIC / "worldbank_wdi" / "API_SM.POP.NETM_DS2_en_csv_v2_3401672.csv"
WDI_USD = PUBLIC / "worldbank_wdi" / "API_BX.TRF.PWKR.CD.DT_DS2_en_excel_v2_6000901.xls"
WDI_GDP = (
    PUBLIC
    / "worldbank_wdi"
    / "BX.TRF.PWKR.DT.GD.ZS_remittances-received-percent-gdp_WDI-2023-05-10.xls"
)
KNOMAD_2023 = PUBLIC / "knomad" / "inward_remittance_flows_december_2023.xlsx"
KNOMAD_2021 = PUBLIC / "knomad" / "inward_remittance_flows_may_2021.xlsx"
UNHCR_POP = PUBLIC / "unhcr" / "unhcr_refugees_r_pkg_2025.12.1_population.csv"
UNHCR_IDMC = PUBLIC / "unhcr" / "unhcr_refugees_r_pkg_2025.12.1_idmc.csv"


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-13, abs_tol=1e-12)


# ---------------------------------------------------------------------------------------------
# Pure helpers
# ---------------------------------------------------------------------------------------------


def test_clean_cell_markers():
    assert clean_cell(12.5) == (12.5, "value")
    assert clean_cell("1,234") == (1234.0, "value")
    assert clean_cell("..") == (None, "missing")
    assert clean_cell("") == (None, "missing")
    assert clean_cell(None) == (None, "missing")
    assert clean_cell(float("nan")) == (None, "missing")
    assert clean_cell("~") == (None, "suppressed")
    with pytest.raises(ValueError, match="unexpected text"):
        clean_cell("—")  # UN DESA's 'rounds to zero' must not be guessed
    with pytest.raises(ValueError):
        clean_cell("n.a.")


def test_parse_year():
    assert parse_year(1990) == (1990, False)
    assert parse_year(1990.0) == (1990, False)
    assert parse_year("2023e") == (2023, True)
    assert parse_year(" 2000 ") == (2000, False)
    assert parse_year("1990-1995") is None
    assert parse_year("% of GDP in 2023") is None
    assert parse_year(12.5) is None
    assert parse_year(None) is None


def test_format_value():
    assert format_value(11643276) == "11643276"
    assert format_value(11643276.0) == "11643276"
    assert format_value(307.09999999999997) == "307.1"  # binary noise of a typed 307.1
    assert format_value(14.399999618530273) == "14.4"  # a single-precision cell
    assert format_value(43.768054) == "43.768054"
    assert format_value(-6673580.0) == "-6673580"
    assert float(format_value(8.030673008865003)) == pytest.approx(8.030673008865003, rel=1e-14)
    with pytest.raises(ValueError):
        format_value(float("nan"))


def test_thousands_to_persons_is_exact():
    assert thousands_to_persons(16383.881) == 16383881
    assert thousands_to_persons(144985.059) == 144985059
    assert thousands_to_persons(615.004) == 615004


def test_match_names_finds_each_once_and_reports_problems():
    names = ["Albania ", "Kosovo", "Turkey", "World"]
    accepted = {"ALB": ("Albania",), "XKX": ("Kosovo",), "TUR": ("Türkiye, Rep. of", "Turkey")}
    assert match_names(names, accepted, "f.xlsx") == {"ALB": 0, "XKX": 1, "TUR": 2}
    with pytest.raises(IngestError, match=r"f\.xlsx.*KGZ.*Kyrgyz Republic.*Kyrgyzstan"):
        match_names(["Kyrgyzstan"], {"KGZ": ("Kyrgyz Republic",)}, "f.xlsx")
    with pytest.raises(IngestError, match="found 2"):
        match_names(["Serbia", "Serbia"], {"SRB": ("Serbia",)}, "f.xlsx")


def test_region_tables():
    assert len(REGION_ISO3) == 20 and "XKX" in REGION_ISO3
    assert sorted(M49_TO_ISO3.values()) == list(REGION_ISO3_WITHOUT_KOSOVO)
    assert sorted(KNOMAD_NAMES) == list(REGION_ISO3)


def _ims_rows(block_titles, header_years, body):
    """A miniature UN DESA table sheet (rows of cells) with the official layout."""
    width = 5 + len(header_years)
    blank = [""] * width
    title = blank.copy()
    title[4] = "Table 1: International migrant stock at mid-year by sex"
    rev = blank.copy()
    rev[4] = "POP/DB/MIG/Stock/Rev.2020"
    blocks = blank.copy()
    for col, text in block_titles.items():
        blocks[col] = text
    header = [
        "",
        "Region, development group, country or area",
        "Notes",
        "Location code",
        "Type of data",
        *header_years,
    ]
    return [blank, title, rev, blank, blocks, blank, header, *body]


def _ims_body(values_by_m49):
    return [
        [i, f"  c{code}", "", float(code), "B", *vals]
        for i, (code, vals) in enumerate(values_by_m49.items(), start=1)
    ]


def test_parse_ims_sheet_blocks_markers_and_m49_selection():
    years = [1990.0, 2020.0, 1990.0, 2020.0, 1990.0, 2020.0]
    body = {code: [10.0, 20.0, 4.0, 9.0, 6.0, 11.0] for code in M49_TO_ISO3}
    body[499] = ["..", 70999.0, "..", 27995.0, "..", 43004.0]  # Montenegro
    body[688] = ["~", 5.0, 1.0, 2.0, 3.0, 3.0]
    body[900] = [1e9] * 6  # WORLD aggregate: not a country
    rows = _ims_rows(
        {
            5: "International migrant stock at mid-year, both sexes combined",
            7: "International migrant stock at mid-year, males",
            9: "International migrant stock at mid-year, females",
        },
        years,
        _ims_body(body),
    )
    table = undesa.parse_ims_sheet(rows, "mini.xlsx")
    assert table.revision == "POP/DB/MIG/Stock/Rev.2020"
    assert table.blocks == ("total", "male", "female")
    assert table.values[("MNE", "total", 2020)] == 70999.0
    assert ("MNE", "total", 1990) not in table.values
    assert ("SRB", "total", 1990) not in table.values
    assert table.values[("SRB", "female", 2020)] == 3.0
    assert table.status_counts[("total", "missing")] == 1
    assert table.status_counts[("total", "suppressed")] == 1
    assert not any(k[0] not in REGION_ISO3_WITHOUT_KOSOVO for k in table.values)


def test_parse_ims_sheet_fails_without_header_or_country():
    body = {code: [1.0] for code in M49_TO_ISO3 if code != 860}  # no Uzbekistan
    rows = _ims_rows({5: "both sexes combined"}, [2020.0], _ims_body(body))
    with pytest.raises(IngestError, match=r"mini\.xlsx.*UZB"):
        undesa.parse_ims_sheet(rows, "mini.xlsx")
    rows = [["", "Region", "Notes", "Code", "Type", 2020.0]]
    with pytest.raises(IngestError, match="Location code"):
        undesa.parse_ims_sheet(rows, "mini.xlsx")


def test_classify_block():
    assert undesa.classify_block("Total population at mid-year, females (thousands)") == "female"
    assert undesa.classify_block("Total population at mid-year, males (thousands)") == "male"
    assert (
        undesa.classify_block("Female migrants as a percentage of the international migrant stock")
        == "total"
    )
    assert (
        undesa.classify_block(
            "Refugee and asylum seekers as a percentage of the international migrant stock"
        )
        == "percent_of_stock"
    )
    assert undesa.classify_block("Annual rate of change of the refugee stock") == "rate"


def _wdi_rows(updated="2023-05-10", code="X.Y"):
    rows = [
        ["Data Source", "World Development Indicators", ""],
        ["Last Updated Date", updated, ""],
        [],
        ["Country Name", "Country Code", "Indicator Name", "Indicator Code", "2020", "2021", ""],
    ]
    for i, iso3 in enumerate(REGION_ISO3):
        rows.append([f"n{iso3}", iso3, "x", code, str(float(i)), "", ""])
    rows.append(["World", "WLD", "x", code, "5", "6", ""])
    return rows


def test_parse_wdi_rows_and_policies():
    table = worldbank.parse_wdi_rows(_wdi_rows(), "api.csv")
    assert table.indicator_code == "X.Y" and table.last_updated == "2023-05-10"
    assert table.values["WLD"] == {2020: 5.0, 2021: 6.0}
    assert table.values[REGION_ISO3[0]] == {2020: 0.0}  # '' = not published
    rows, dropped = worldbank.wdi_to_rows(
        table, Path("api.csv"), "wdi.x", "s", "X.Y", "2023-05-10", zero_is_missing=True
    )
    assert dropped["zeros read as missing"] == 1  # the first country has 0.0
    assert {r.iso3 for r in rows} == set(REGION_ISO3) - {REGION_ISO3[0]}
    with pytest.raises(IngestError, match="Last Updated Date"):
        worldbank.wdi_to_rows(table, Path("api.csv"), "wdi.x", "s", "X.Y", "2024-06-28")
    with pytest.raises(IngestError, match="indicator code"):
        worldbank.wdi_to_rows(table, Path("api.csv"), "wdi.x", "s", "Z.Z", None)
    rows, dropped = worldbank.wdi_to_rows(
        table, Path("api.csv"), "wdi.x", "s", "X.Y", None, last_year=2019
    )
    assert dropped["years after the last estimate"] == len(REGION_ISO3)


def _knomad_rows(rename=None):
    header = [
        "Remittance inflows (US$ million)",
        2000.0,
        2001.0,
        2002.0,
        2003.0,
        2004.0,
        "2023e",
        "% of GDP in 2023",
    ]
    rows = [header]
    for iso3, names in KNOMAD_NAMES.items():
        name = names[0] if iso3 != rename else "Renamed Land"
        rows.append([name, 0.0, 0.0, 5.5, 6.0, 7.0, 8.0, 1.5])
    rows += [
        ["World", 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, ""],
        ["", "", "", "", "", "", "", ""],
        ["Date: December 2023", "", "", "", "", "", "", ""],
    ]
    return rows


def test_parse_knomad_rows_zeros_estimates_and_date():
    table = knomad.parse_knomad_rows(_knomad_rows(), "k.xlsx")
    assert table.edition_date == "December 2023"
    assert table.estimate_years == (2023,)
    assert table.flows["XKX"] == {2002: 5.5, 2003: 6.0, 2004: 7.0, 2023: 8.0}
    assert table.zeros_dropped == 2 * len(KNOMAD_NAMES)
    assert table.gdp_share["TJK"] == (2023, 1.5)
    rows = knomad.knomad_to_rows(table, Path("k.xlsx"), "k.flow", "s", "December 2023", "k.gdp")
    assert not [r for r in rows if r.value == 0]
    with pytest.raises(IngestError, match="May 2024"):
        knomad.knomad_to_rows(table, Path("k.xlsx"), "k.flow", "s", "May 2024")


def test_parse_knomad_rows_fails_on_renamed_country():
    with pytest.raises(IngestError, match=r"k\.xlsx.*KGZ.*Kyrgyz Republic"):
        knomad.parse_knomad_rows(_knomad_rows(rename="KGZ"), "k.xlsx")


def test_aggregate_population_hosted_originating_idps():
    def row(year, coo, coa, ref, asy, idp):
        return {
            "year": str(year),
            "coo_iso": coo,
            "coa_iso": coa,
            "refugees": str(ref),
            "asylum_seekers": str(asy),
            "idps": str(idp),
            "oip": "",
        }

    rows = [
        row(2019, "SYR", "TUR", 3000, 100, 0),
        row(2019, "AFG", "TUR", 500, 200, 0),
        row(2019, "TUR", "DEU", 40, 7, 0),
        row(2019, "UKR", "UKR", 0, 0, 700),
        row(2019, "UKR", "POL", 10, 0, 0),
        row(2019, "FRA", "DEU", 1, 1, 0),  # neither side in the region
    ]
    out = {
        (r.indicator_code, r.iso3, r.year): r.value
        for r in unhcr.aggregate_population(rows, "p.csv", "s")
    }
    assert out[("unhcr.refugees_hosted", "TUR", 2019)] == 3500
    assert out[("unhcr.asylum_seekers_hosted", "TUR", 2019)] == 300
    assert out[("unhcr.refugees_originating", "TUR", 2019)] == 40
    assert out[("unhcr.idps", "UKR", 2019)] == 700
    assert out[("unhcr.refugees_originating", "UKR", 2019)] == 10  # coo=coa row adds 0
    assert ("unhcr.idps", "TUR", 2019) not in out  # no coo=coa row: missing, not 0
    early = [row(1995, "IRQ", "TUR", 50, 0, 0), *rows]  # asylum seekers not yet collected
    out = {
        (r.indicator_code, r.iso3, r.year): r.value
        for r in unhcr.aggregate_population(early, "p.csv", "s")
    }
    assert out[("unhcr.refugees_hosted", "TUR", 1995)] == 50
    assert ("unhcr.asylum_seekers_hosted", "TUR", 1995) not in out
    assert not any(k[1] in ("FRA", "DEU", "SYR") for k in out)
    with pytest.raises(IngestError, match="Kosovo"):
        unhcr.aggregate_population([row(2020, "XKX", "SRB", 1, 0, 0)], "p.csv", "s")


def test_catalog_is_consistent():
    catalog.validate_catalog()
    from dashboard.sources import INDICATOR_FAMILIES

    assert set(catalog.FAMILIES) == set(INDICATOR_FAMILIES)
    for ind in catalog.INDICATORS:
        if ind.family in ("migrant_share", "female_share") and ind.aggregation == "weighted_mean":
            assert ind.weight
        if ind.source_id.startswith(("undesa", "owid", "unhcr")):
            assert "Kosovo" in ind.caveat, ind.code
    assert "Serbia includes Kosovo (UNSCR 1244); no separate Kosovo figure" in (
        catalog.INDICATORS_BY_CODE["undesa2020.migrant_stock"].caveat
    )
    assert "2024" in catalog.INDICATORS_BY_CODE["unhcr.refugees_hosted"].caveat
    assert not any("idmc/" in d.file for d in catalog.DATASETS), "CC BY-NC IDMC workbook used"


def test_check_rows_rejects_kosovo_from_undesa():
    from dashboard.ingest.common import TidyRow

    with pytest.raises(ValueError, match="Kosovo"):
        check_rows([TidyRow("undesa2020.migrant_stock", "XKX", 2020, 1, "undesa_ims_2020")])


# ---------------------------------------------------------------------------------------------
# The real official files
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory):
    if not HAVE_PUBLIC:
        pytest.skip(f"official files not available at {PUBLIC}")
    out = tmp_path_factory.mktemp("ingest")
    assert ingest_main(["--public-dir", str(PUBLIC), "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def values(out_dir):
    """(indicator_code, iso3, year) -> float, from the freshly written indicators.csv."""
    table = {}
    with (out_dir / "indicators.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            table[(row["indicator_code"], row["iso3"], int(row["year"]))] = float(row["value"])
    return table


def _codes(values, code):
    return {k[1:]: v for k, v in values.items() if k[0] == code}


@needs_public
def test_outputs_load_with_the_declared_schema(out_dir):
    from dashboard.sources import SOURCES_BY_NAME, read_source

    indicators = read_source(
        SOURCES_BY_NAME["indicators"], out_dir / "indicators.csv", region_iso3=REGION_ISO3
    )
    cat = read_source(SOURCES_BY_NAME["indicator_catalog"], out_dir / "indicator_catalog.csv")
    src = read_source(SOURCES_BY_NAME["dataset_sources"], out_dir / "dataset_sources.csv")
    assert set(indicators["indicator_code"]) == set(cat["indicator_code"])
    assert set(cat["source_id"]) <= set(src["source_id"])
    projections = read_source(SOURCES_BY_NAME["projections"], out_dir / "projections.csv")
    corridors = read_source(SOURCES_BY_NAME["migrant_corridors"], out_dir / "migrant_corridors.csv")
    places = read_source(SOURCES_BY_NAME["corridor_places"], out_dir / "corridor_places.csv")
    assert set(indicators["source_id"]) | set(projections["source_id"]) | set(
        corridors["source_id"]
    ) == set(src["source_id"])
    assert set(corridors["origin_iso3"]) | set(corridors["destination_iso3"]) == set(places["iso3"])
    weights = set(cat["weight_indicator_code"].dropna())
    assert weights <= set(cat["indicator_code"])
    assert (src["kind"] == "dataset").all()


@needs_public
def test_values_are_plain_numbers_sorted_and_unique(out_dir):
    text = (out_dir / "indicators.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "indicator_code,iso3,year,value,source_id"
    keys = []
    for line in lines[1:]:
        code, iso3, year, value, _ = line.split(",")
        assert value not in ("", "..", "~", "nan", "inf")
        float(value)
        keys.append((code, iso3, int(year)))
    assert keys == sorted(keys) and len(keys) == len(set(keys))


@needs_public
def test_committed_extract_equals_a_fresh_ingest(out_dir):
    for name in OUTPUT_FILES:
        committed = COMMITTED / name
        assert committed.exists(), f"{committed} missing: run `python -m dashboard.ingest`"
        assert committed.read_bytes() == (out_dir / name).read_bytes(), (
            f"{committed} differs from a fresh ingest: re-run `python -m dashboard.ingest`"
        )


@needs_public
def test_rerun_is_byte_identical(out_dir, tmp_path):
    assert ingest_main(["--public-dir", str(PUBLIC), "--out", str(tmp_path)]) == 0
    for name in OUTPUT_FILES:
        assert (tmp_path / name).read_bytes() == (out_dir / name).read_bytes()


@needs_public
def test_kosovo_only_where_the_source_has_it(values):
    kosovo_codes = {k[0] for k in values if k[1] == "XKX"}
    assert kosovo_codes, "World Bank and KNOMAD publish Kosovo separately"
    assert all(c.startswith(("wdi", "knomad")) for c in kosovo_codes), kosovo_codes
    assert not [k for k in values if k[1] == "XKX" and k[0].startswith(("undesa", "unhcr"))]


@needs_public
def test_all_20_in_wdi_population(values):
    assert {k[1] for k in values if k[0] == "wdi.population"} == set(REGION_ISO3)


def _undesa_sheet(sheet):
    """Independent read (openpyxl): M49 -> list of row cells, header row located at Excel row 11."""
    import openpyxl

    wb = openpyxl.load_workbook(UNDESA, read_only=True, data_only=True)
    ws = wb[sheet]
    rows = list(ws.iter_rows(values_only=True))
    wb.close()
    header = rows[10]
    assert header[3] == "Location code"
    return header, {r[3]: r for r in rows[11:] if isinstance(r[3], int | float)}


@needs_public
@pytest.mark.parametrize(
    "sheet,first_col,code,scale",
    [
        ("Table 1", 5, "undesa2020.migrant_stock", 1),
        ("Table 1", 12, "undesa2020.migrant_stock_male", 1),
        ("Table 1", 19, "undesa2020.migrant_stock_female", 1),
        ("Table 2", 5, "undesa2020.population", 1000),
        ("Table 3", 5, "undesa2020.migrant_share", 1),
        ("Table 4", 5, "undesa2020.female_share", 1),
        ("Table 6", 5, "undesa2020.refugees", 1),
    ],
)
def test_undesa_tables_equal_the_workbook(values, sheet, first_col, code, scale):
    header, by_m49 = _undesa_sheet(sheet)
    years = header[first_col : first_col + 7]
    assert list(years) == [1990, 1995, 2000, 2005, 2010, 2015, 2020]
    got = _codes(values, code)
    expected = {}
    for m49, iso3 in M49_TO_ISO3.items():
        for offset, year in enumerate(years):
            cell = by_m49[m49][first_col + offset]
            if cell in ("..", "~", None):
                continue
            expected[(iso3, int(year))] = round(cell * scale) if scale != 1 else cell
    assert set(got) == set(expected)
    for key, value in expected.items():
        assert close(got[key], value), (code, key, got[key], value)


@needs_public
def test_undesa_sampled_cells(values):
    assert values[("undesa2020.migrant_stock", "RUS", 2015)] == 11643276
    assert values[("undesa2020.migrant_stock", "RUS", 2010)] == 11194710
    assert values[("undesa2020.migrant_stock", "TUR", 2020)] == 6052652
    assert values[("undesa2020.refugees", "TUR", 2020)] == 3907788
    assert values[("undesa2020.population", "RUS", 2015)] == 144985059
    assert ("undesa2020.migrant_stock", "MNE", 2005) not in values  # '..'
    assert ("undesa2020.refugees", "KAZ", 1990) not in values  # '~'
    assert values[("undesa2024.migrant_share", "RUS", 2020)] == pytest.approx(4.985684)


@needs_public
def test_abel_emigrants_equal_the_csv(values):
    got = _codes(values, "undesa2020.emigrants")
    assert got[("TJK", 1990)] == 537699
    assert got[("UKR", 1990)] == 5545517
    with ABEL.open(newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if int(r["country_code"]) in M49_TO_ISO3]
    assert len(rows) == 19 * 7
    for r in rows:
        iso3 = M49_TO_ISO3[int(r["country_code"])]
        assert got[(iso3, int(r["year"]))] == int(r["disp"])
        # The derived file repeats Table 1: both UN DESA files must agree.
        if r["fb"] != "NA":
            assert values[("undesa2020.migrant_stock", iso3, int(r["year"]))] == float(r["fb"])


@needs_public
def test_owid_2024_share_equals_the_csv(values):
    got = _codes(values, "undesa2024.migrant_share")
    with OWID.open(newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["Code"] in REGION_ISO3_WITHOUT_KOSOVO]
    value_col = "Share of the population that was born in another country"
    assert {(r["Code"], int(r["Year"])) for r in rows} == set(got)
    for r in rows:  # the official workbook's share, as OWID republished it
        assert abs(got[(r["Code"], int(r["Year"]))] - float(r[value_col])) < 1e-5


def _xlrd_wdi(path):
    import xlrd

    sheet = xlrd.open_workbook(str(path)).sheet_by_name("Data")
    header = sheet.row_values(3)
    assert header[:2] == ["Country Name", "Country Code"]
    out = {}
    for r in range(4, sheet.nrows):
        row = sheet.row_values(r)
        if row[1] in REGION_ISO3:
            for j in range(4, len(header)):
                if row[j] != "":
                    out[(row[1], int(header[j]))] = float(row[j])
    return out


@needs_public
def test_wdi_remittances_gdp_equals_the_xls(values):
    expected = {k: v for k, v in _xlrd_wdi(WDI_GDP).items() if v != 0}
    got = _codes(values, "wdi.remittances_gdp")
    assert set(got) == set(expected)
    for key, value in expected.items():
        assert close(got[key], value)
    assert round(got[("TJK", 2013)], 2) == 43.77
    assert round(got[("KGZ", 2013)], 2) == 31.06
    assert ("SRB", 2005) not in got  # published 0 = no data


@needs_public
def test_wdi_remittances_usd_equals_the_xls(values):
    raw = _xlrd_wdi(WDI_USD)
    assert raw[("TKM", 2015)] == 0  # the published placeholder...
    got = _codes(values, "wdi.remittances_usd")
    assert ("TKM", 2015) not in got  # ...is read as missing
    expected = {k: v for k, v in raw.items() if v != 0}
    assert set(got) == set(expected)
    for key, value in expected.items():
        assert close(got[key], value)


@needs_public
def test_wdi_net_migration_estimates_only(values):
    import pandas as pd

    frame = pd.read_csv(WDI_NETM, skiprows=4, encoding="utf-8-sig")
    frame = frame[frame["Country Code"].isin(REGION_ISO3)].set_index("Country Code")
    assert frame.loc["UKR", "2022"] == -6673580  # projection in the file...
    got = _codes(values, "wdi.net_migration")
    assert max(y for _, y in got) == 2021  # ...not ingested
    for (iso3, year), value in got.items():
        assert value == frame.loc[iso3, str(year)]
    assert len(got) == 20 * (2021 - 1960 + 1)


@needs_public
def test_wdi_population_equals_datahub(values):
    got = _codes(values, "wdi.population")
    with WDI_POP.open(newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["Country Code"] in REGION_ISO3]
    assert {(r["Country Code"], int(r["Year"])) for r in rows} == set(got)
    for r in rows:
        assert got[(r["Country Code"], int(r["Year"]))] == float(r["Value"])


def _openpyxl_knomad(path):
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    header = list(rows[0])
    while header and header[-1] is None:
        header.pop()
    return tuple(header), {str(r[0]).strip(): r for r in rows[1:] if r and r[0]}


@needs_public
def test_knomad_2023_equals_the_workbook(values):
    header, by_name = _openpyxl_knomad(KNOMAD_2023)
    assert header[-2:] == ("2023e", "% of GDP in 2023")
    kosovo = by_name["Kosovo"]
    got = _codes(values, "knomad2023.remittances_usd_mn")
    assert got[("XKX", 2023)] == kosovo[header.index("2023e")] == 1900
    assert close(got[("XKX", 2022)], kosovo[header.index(2022)])
    assert values[("knomad2023.remittances_gdp_2023", "XKX", 2023)] == pytest.approx(
        kosovo[header.index("% of GDP in 2023")], rel=1e-13
    )
    assert values[("knomad2023.remittances_gdp_2023", "TJK", 2023)] == pytest.approx(48.239675)
    for year in (2000, 2001, 2002, 2003):
        assert kosovo[header.index(year)] == 0  # published zero...
        assert ("XKX", year) not in got  # ...read as missing
    assert not [k for k in got if k[0] == "TKM"]
    for iso3, names in KNOMAD_NAMES.items():
        row = next((by_name[n] for n in names if n in by_name), None)
        assert row is not None, iso3
        for j, label in enumerate(header[1:-1], start=1):
            year = int(str(label).rstrip("e"))
            if row[j] not in (None, 0):
                assert close(got[(iso3, year)], row[j]), (iso3, year)
            else:
                assert (iso3, year) not in got


@needs_public
def test_knomad_2021_sampled_and_no_zeros(values):
    header, by_name = _openpyxl_knomad(KNOMAD_2021)
    got = _codes(values, "knomad2021.remittances_usd_mn")
    assert got[("TUR", 1980)] == by_name["Turkey"][header.index(1980)] == 2070
    assert close(got[("UKR", 2020)], by_name["Ukraine"][header.index("2020e")])
    assert got[("TKM", 2006)] == 14.4  # stored in single precision as 14.399999618530273
    for code in ("knomad2021.remittances_usd_mn", "knomad2023.remittances_usd_mn"):
        assert not [k for k, v in values.items() if k[0] == code and v == 0]
    assert min(y for (iso3, y) in got if iso3 == "SRB") == 2007


@needs_public
def test_unhcr_equals_independent_sums(values):
    hosted = defaultdict(lambda: [0, 0])
    origin = defaultdict(lambda: [0, 0])
    idps = defaultdict(int)
    with UNHCR_POP.open(newline="", encoding="utf-8") as handle:
        for r in csv.DictReader(handle):
            year = int(r["year"])
            if r["coa_iso"] in REGION_ISO3:
                hosted[(r["coa_iso"], year)][0] += int(r["refugees"])
                hosted[(r["coa_iso"], year)][1] += int(r["asylum_seekers"])
            if r["coo_iso"] in REGION_ISO3:
                origin[(r["coo_iso"], year)][0] += int(r["refugees"])
                origin[(r["coo_iso"], year)][1] += int(r["asylum_seekers"])
            if r["coo_iso"] == r["coa_iso"] and r["coa_iso"] in REGION_ISO3:
                idps[(r["coa_iso"], year)] += int(r["idps"])
    assert values[("unhcr.refugees_hosted", "TUR", 2019)] == 3579531
    assert values[("unhcr.asylum_seekers_hosted", "TUR", 2019)] == 328257

    def from_first_nonzero_year(series):
        first = min(year for (_, year), value in series.items() if value > 0)
        return {k: v for k, v in series.items() if k[1] >= first}

    # Asylum seekers are 0 for every region country before 2000 (not collected): omitted.
    asylum_hosted = {k: v[1] for k, v in hosted.items()}
    assert not [v for (_, year), v in asylum_hosted.items() if year < 2000 and v]
    got = _codes(values, "unhcr.asylum_seekers_hosted")
    assert min(year for _, year in got) == 2000
    # Zeros that mean "no record" are missing (the caveat lists them; checked here).
    no_record_asylum = {("TKM", y) for y in [2002, *range(2004, 2007), *range(2008, 2026)]} | {
        ("UZB", y) for y in range(2006, 2026)
    }
    assert all(asylum_hosted[k] == 0 for k in no_record_asylum)
    assert asylum_hosted[("TKM", 2003)] == 5 and asylum_hosted[("TKM", 2007)] == 16
    expected = from_first_nonzero_year(asylum_hosted)
    assert {k: v for k, v in expected.items() if k not in no_record_asylum} == got
    no_record_refugees = {
        *(("BIH", y) for y in range(1993, 1997)),
        ("GEO", 1993),
        ("GEO", 1994),
        ("MDA", 1997),
        ("MDA", 1998),
        *(("RUS", y) for y in range(1993, 1996)),
    }
    refugees_hosted = {k: v[0] for k, v in hosted.items()}
    assert {k for k, v in refugees_hosted.items() if v == 0} == no_record_refugees
    assert refugees_hosted[("RUS", 1996)] == 246689
    assert {k: v for k, v in refugees_hosted.items() if k not in no_record_refugees} == _codes(
        values, "unhcr.refugees_hosted"
    )
    assert {k: v[0] for k, v in origin.items()} == _codes(values, "unhcr.refugees_originating")
    assert from_first_nonzero_year({k: v[1] for k, v in origin.items()}) == _codes(
        values, "unhcr.asylum_seekers_originating"
    )
    assert from_first_nonzero_year(dict(idps)) == _codes(values, "unhcr.idps")
    # The documented Russian Federation series break.
    assert values[("unhcr.refugees_hosted", "RUS", 2023)] > 1_000_000
    assert values[("unhcr.refugees_hosted", "RUS", 2024)] < 20_000


@needs_public
def test_unhcr_idmc_equals_the_csv(values):
    got = _codes(values, "unhcr_idmc.idps_conflict")
    with UNHCR_IDMC.open(newline="", encoding="utf-8") as handle:
        expected = {
            (r["coa_iso"], int(r["year"])): float(r["total"])
            for r in csv.DictReader(handle)
            if r["coa_iso"] in REGION_ISO3
        }
    assert got == expected
    assert got[("SRB", 2022)] == 211000


def _public_copy(tmp_path: Path) -> Path:
    """A copy of the public directory made of symlinks, so one file can be swapped."""
    copy = tmp_path / "public"
    shutil.copytree(PUBLIC, copy, copy_function=os.symlink)
    return copy


@needs_public
def test_renamed_knomad_row_fails_naming_the_file(tmp_path):
    import openpyxl

    public = _public_copy(tmp_path)
    target = public / "knomad" / KNOMAD_2023.name
    target.unlink()
    wb = openpyxl.load_workbook(KNOMAD_2023)
    ws = wb.worksheets[0]
    renamed = [c for c in ws["A"] if c.value == "Kyrgyz Republic"]
    assert len(renamed) == 1
    renamed[0].value = "Kyrgyzstan"
    wb.save(target)
    with pytest.raises(IngestError) as error:
        ingest(public)
    message = str(error.value)
    assert KNOMAD_2023.name in message
    assert "KGZ" in message and "Kyrgyz Republic" in message and "Kyrgyzstan" in message
    out = tmp_path / "out"
    assert ingest_main(["--public-dir", str(public), "--out", str(out)]) == 1
    assert not (out / "indicators.csv").exists()


@needs_public
def test_newer_wdi_vintage_is_not_published_under_the_old_label(tmp_path):
    public = _public_copy(tmp_path)
    target = public / "worldbank_wdi" / WDI_NETM.name
    target.unlink()
    text = WDI_NETM.read_text(encoding="utf-8-sig").replace("2024-06-28", "2025-07-01")
    target.write_text(text, encoding="utf-8-sig")
    with pytest.raises(IngestError, match=r"API_SM\.POP\.NETM.*2025-07-01"):
        ingest(public)


@needs_public
def test_missing_file_is_named(tmp_path):
    public = _public_copy(tmp_path)
    (public / "unhcr" / UNHCR_IDMC.name).unlink()
    with pytest.raises(IngestError, match=r"unhcr_refugees_r_pkg_2025\.12\.1_idmc\.csv.*not found"):
        ingest(public)


# --- The newer editions (PROVENANCE sections 14-19) --------------------------------------------

IMS24 = PUBLIC / "undesa_ims2024"
WDI_2025 = PUBLIC / "worldbank_wdi_2025" / "API_BX.TRF.PWKR.CD.DT_DS2_en_csv_v2_38454.csv"
WDI_2026 = PUBLIC / "worldbank_wdi_2026"
DATA360 = PUBLIC / "knomad_data360" / "WB_KNOMAD.csv"


@needs_public
def test_ims_2024_sampled_by_hand(values):
    assert values[("undesa2024.migrant_stock", "RUS", 2024)] == 7605774
    assert values[("undesa2024.migrant_stock", "RUS", 2020)] == 7297611
    assert values[("undesa2024.migrant_stock", "TUR", 2024)] == 7083501
    assert values[("undesa2024.migrant_stock", "TUR", 2020)] == 6580295
    assert values[("undesa2024.migrant_stock", "KAZ", 2024)] == 2089797
    assert values[("undesa2024.migrant_stock", "KAZ", 2020)] == 1990268
    assert values[("undesa2024.migrant_stock", "UKR", 2024)] == 5064173
    assert values[("undesa2024.emigrants", "UKR", 2024)] == 9769216
    assert values[("undesa2024.emigrants", "UKR", 2020)] == 4353031
    assert values[("undesa2024.emigrants", "RUS", 2024)] == 9134094
    assert values[("undesa2024.emigrants", "TUR", 2024)] == 3130337
    assert values[("undesa2024.emigrants", "KAZ", 2024)] == 2796572
    assert values[("undesa2024.emigrants", "UZB", 2024)] == 2114480
    # Table 2 (thousands) matched by row number: Russian Federation 144,820.423 thousand in 2024
    assert values[("undesa2024.population", "RUS", 2024)] == 144820423
    assert values[("undesa2024.population", "SRB", 1990)] == 7874594
    # The 2020 edition stays its own series: the revision is visible side by side
    assert values[("undesa2020.migrant_stock", "RUS", 2020)] == 11636911
    assert values[("undesa2020.migrant_stock", "KAZ", 2020)] == 3732073
    assert not [k for k in values if k[0].startswith("undesa2024") and k[1] == "XKX"]


@needs_public
def test_ims_2024_equals_an_independent_read():
    import openpyxl

    wb = openpyxl.load_workbook(
        IMS24 / "undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx", read_only=True
    )
    table = {
        int(row[4]): row for row in wb["Table 1"].iter_rows(min_row=12, values_only=True) if row[4]
    }
    rows, _ = undesa.read_ims_2024_destination(
        IMS24 / "undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx",
        "s",
        "POP/DB/MIG/Stock/Rev.2024",
    )
    got = {
        (r.iso3, r.year): r.value for r in rows if r.indicator_code == "undesa2024.migrant_stock"
    }
    years = (1990, 1995, 2000, 2005, 2010, 2015, 2020, 2024)
    for m49, iso3 in M49_TO_ISO3.items():
        for j, year in enumerate(years):
            assert got[(iso3, year)] == table[m49][5 + j], (iso3, year)


@needs_public
def test_wdi_2025_and_2026_sampled_by_hand(values):
    assert close(values[("wdi2025.remittances_usd", "TJK", 2023)], 4633754222.29703)
    assert round(values[("wdi2025.remittances_usd", "TJK", 2023)]) == 4633754222
    assert round(values[("wdi2025.remittances_usd", "TJK", 2022)]) == 5345546874
    assert round(values[("wdi2025.remittances_usd", "TJK", 2024)]) == 6801890973
    for iso3 in ("KGZ", "SRB", "XKX"):  # blank for 2024 in the July 2025 vintage
        assert ("wdi2025.remittances_usd", iso3, 2024) not in values
        assert ("wdi2026.remittances_usd", iso3, 2024) in values
    assert values[("wdi2026.net_migration", "UKR", 2022)] == -5699445
    assert values[("wdi2026.net_migration", "ALB", 2020)] == -16680
    assert values[("wdi2026.net_migration", "XKX", 2020)] == 2815
    assert ("wdi2026.net_migration", "UKR", 2024) not in values  # a WPP projection
    assert values[("wdi2026.population", "UKR", 2024)] == 37860221
    tjk = (
        values[("wdi2026.remittances_usd", "TJK", 2024)] / values[("wdi2026.gdp_usd", "TJK", 2024)]
    )
    assert close(values[("wdi2026.remittances_gdp", "TJK", 2024)], 100 * tjk)
    # Derived ratio equals the official May 2023 ratio where both exist before GDP revisions
    assert (
        abs(
            values[("wdi2026.remittances_gdp", "ALB", 2021)]
            - values[("wdi.remittances_gdp", "ALB", 2021)]
        )
        < 0.5
    )


@needs_public
def test_wdi_2026_equals_the_long_csv(values):
    with (WDI_2026 / "sm.pop.netm" / "data.csv").open(newline="", encoding="utf-8") as handle:
        expected = {
            (r["Country Code"], int(r["Year"])): float(r["Value"])
            for r in csv.DictReader(handle)
            if r["Country Code"] in REGION_ISO3 and int(r["Year"]) <= 2023
        }
    assert expected == _codes(values, "wdi2026.net_migration")


@needs_public
def test_knomad_data360_sampled_by_hand(values):
    assert close(values[("knomad360.remittances_usd_mn", "TJK", 2023)], 4633.754222297027)
    assert values[("knomad360.remittances_usd_mn", "RUS", 2023)] == 5800
    assert values[("knomad360.remittances_usd_mn", "RUS", 2022)] == 7200
    assert not [k for k in values if k[0] == "knomad360.remittances_usd_mn" and k[1] == "TKM"]
    assert ("knomad360.remittances_usd_mn", "XKX", 2003) not in values  # 0 = no data
    assert not [k for k in values if k[0] == "knomad360.remittances_usd_mn" and k[2] > 2023]


@needs_public
def test_unhcr_other_people_in_need_of_protection(values):
    got = _codes(values, "unhcr.oip_hosted")
    assert got == {
        ("KAZ", 2025): 48391,
        ("KGZ", 2025): 53868,
        ("UZB", 2025): 7700,
        ("TKM", 2025): 3200,
        ("TJK", 2025): 1550,
    }


@needs_public
def test_serbia_idp_caveat_matches_both_files(values):
    got = _codes(values, "unhcr_idmc.idps_conflict")
    serbia = {year: v for (iso3, year), v in got.items() if iso3 == "SRB"}
    assert [serbia[y] for y in range(2015, 2023)] == [
        17000,
        17000,
        16000,
        16000,
        16000,
        213000,
        16000,
        211000,
    ]
    from dashboard.ingest.common import read_workbook

    idmc = read_workbook(
        PUBLIC
        / "idmc"
        / "IDMC_Internal_Displacement_Conflict-Violence_Disasters_extracted_2024-04-18.xlsx"
    )["1_Displacement_data"]
    stock = {(r[0], int(r[2])): r[3] for r in idmc[1:] if r[0] in ("SRB", "XKX")}
    assert stock[("SRB", 2022)] == 195000 and stock[("XKX", 2022)] == 16000
    assert all(stock.get(("SRB", y), "") == "" for y in range(2015, 2022))
    assert [stock[("XKX", y)] for y in (2015, 2016, 2017, 2018, 2019, 2021)] == [
        17000,
        17000,
        16000,
        16000,
        16000,
        16000,
    ]
    caveat = catalog.INDICATORS_BY_CODE["unhcr_idmc.idps_conflict"].caveat
    for text in ("195,000 + 16,000 = 211,000", "17,000 (2015-2016)", "213,000"):
        assert text in caveat


@needs_public
def test_corridors_add_up_to_the_official_totals(out_dir):
    with (out_dir / "migrant_corridors.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    to_russia_2024 = {
        r["origin_iso3"]: int(r["migrants"])
        for r in rows
        if r["destination_iso3"] == "RUS" and r["year"] == "2024"
    }
    assert sum(to_russia_2024.values()) == 7605774
    from_ukraine = sum(
        int(r["migrants"]) for r in rows if r["origin_iso3"] == "UKR" and r["year"] == "2024"
    )
    assert from_ukraine == 9769216
    # an independent sum of females and males in the converted file
    with (IMS24 / "bilateral_iom_gdidata" / "undesa_stocks_converted.csv").open(
        newline="", encoding="utf-8"
    ) as handle:
        kaz_to_rus = sum(
            int(r["n"])
            for r in csv.DictReader(handle)
            if r["geo"] == "RUS" and r["from"] == "KAZ" and r["t"] == "2024"
        )
    assert to_russia_2024["KAZ"] == kaz_to_rus

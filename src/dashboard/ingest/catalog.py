"""What the ingestion produces: the official datasets read and the indicator codes defined.

`DATASETS` gives one row of dataset_sources.csv per official file (publisher, edition, vintage,
licence, citation, file and caveats). `INDICATORS` gives one row of indicator_catalog.csv per
indicator code. Codes follow `<source><revision>.<measure>` so that two revisions or vintages of
the "same" figure are never drawn as one line (UN DESA 2020 vs 2024 revise Russia by 3 points).

`expected_vintage` is what the file itself states (WDI "Last Updated Date", KNOMAD "Date:", the
UN DESA revision code, OWID "lastUpdated"). The readers check it, so a newer download dropped in
place of a file fails loudly instead of being published under the old edition's label: a newer
edition needs its own source_id and indicator codes here.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.sources import INDICATOR_FAMILIES as FAMILIES

AGGREGATIONS = ("sum", "weighted_mean", "none")

# What a value can plausibly be, per unit: (lowest, highest). Written into indicator_catalog.csv
# and checked by the build's data test assert_indicator_value_plausible, so a sign flipped, a
# share in per mille or a figure scaled x1000 in a newer download fails the build with the row
# named. Counts of people are never negative and no country counts more than 1.5 billion people;
# shares are 0-100; net migration (inflow minus outflow) may be negative. A new unit needs its
# bounds here (validate_catalog says so).
# A family whose values outgrow its unit's bounds: GDP in current US$ (the Russian Federation's
# is about 2 x 10^12, while a remittance inflow above 10^12 would be a scaling error).
FAMILY_BOUNDS: dict[str, tuple[float, float]] = {"gdp": (0, 1e14)}
UNIT_BOUNDS: dict[str, tuple[float, float]] = {
    "persons": (0, 1.5e9),
    "persons per year": (-5e7, 5e7),
    "percent": (0, 100),
    "percent of GDP": (0, 100),
    "current US$": (0, 1e12),
    "US$ million (current)": (0, 1e6),
}


@dataclass(frozen=True)
class DatasetSource:
    source_id: str
    title: str
    publisher: str
    edition: str
    vintage: str
    licence: str
    citation: str
    file: str  # path relative to the public data directory
    note: str
    short_title: str = ""  # what a chart footnote calls the source
    expected_vintage: str | None = None  # as stated inside the file, checked by the reader
    kind: str = "dataset"


@dataclass(frozen=True)
class Indicator:
    code: str
    family: str
    name: str
    unit: str
    aggregation: str
    weight: str | None
    source_id: str
    description: str
    caveat: str


KOSOVO_IN_SERBIA = "Serbia includes Kosovo (UNSCR 1244); no separate Kosovo figure."
UNDESA_2020_COVERAGE = (
    "UN DESA International Migrant Stock 2020 (mid-year estimates, every 5 years 1990-2020). "
    + KOSOVO_IN_SERBIA
    + " Georgia, Azerbaijan, Republic of Moldova and Ukraine carry a UN territorial-coverage note"
    " (*) in the workbook."
)
DO_NOT_MIX = "Do not draw on one line with another revision or source."
UNDESA_2024_COVERAGE = (
    "UN DESA International Migrant Stock 2024 (mid-year estimates, every 5 years 1990-2020, and"
    " 2024). No Kosovo row: Serbia's population note says the data for Serbia do not include"
    " Kosovo; the migrant notes do not say whether Serbia's migrant stock does."
)
SERBIA_IDMC_CAVEAT = (
    "Serbia is UNHCR's 'Serbia and Kosovo' row, which adds IDMC's Serbia and Kosovo figures"
    " (2022: 195,000 + 16,000 = 211,000). IDMC did not report Serbia for 2015-2021 (its own"
    " workbook, GRID 2023 data, has no Serbia figure for those years and says 2022 is 'the first"
    " time IDMC reports on IDPs in Serbia since 2015', after a review of the context), so the"
    " 17,000 (2015-2016), 16,000 (2017-2019) and 16,000 (2021) here are Kosovo's figure alone,"
    " and 2020's 213,000 is not in that workbook. The step from 16,000 to 211,000 in 2022 is"
    " Serbia's IDPs counted again, not new displacement."
)
UNDESA_2024_REVISION = (
    "The 2024 edition revises the past: Russian Federation 2020 7,297,611 (11,636,911 in the"
    " 2020 edition), Kazakhstan 2020 1,990,268 (3,732,073)."
)

DATASETS: tuple[DatasetSource, ...] = (
    DatasetSource(
        source_id="undesa_ims_2020",
        short_title="UN DESA International Migrant Stock 2020",
        title="International Migrant Stock 2020: Destination (by sex and destination)",
        publisher="United Nations Department of Economic and Social Affairs, Population Division",
        edition="POP/DB/MIG/Stock/Rev.2020",
        vintage="2021-01-25",
        licence="CC BY 3.0 IGO",
        citation=(
            "United Nations Department of Economic and Social Affairs, Population Division (2020)."
            " International Migrant Stock 2020. POP/DB/MIG/Stock/Rev.2020."
        ),
        file="undesa_ims/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx",
        note=(
            "Official workbook (undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx), unchanged;"
            " vintage = workbook last-modified date. Read: Table 1 (stock by sex), Table 2"
            " (population, thousands, written x1000), Table 3 (stock as % of population),"
            " Table 4 (female % of stock), Table 6 (refugees and asylum seekers, counts)."
            " Countries selected by M49 code through an explicit M49->ISO3 table; '..' = not"
            " available (Montenegro 1990-2005); '~' = protected because fewer than five, read as"
            " missing. No Kosovo row: Serbia* includes Kosovo."
        ),
        expected_vintage="POP/DB/MIG/Stock/Rev.2020",
    ),
    DatasetSource(
        source_id="undesa_ims_2020_abel_origin",
        short_title="UN DESA IMS 2020 origin totals (Abel, IOM WMR 2022)",
        title="Country totals of international migrant stock 2020, incl. emigrants by origin",
        publisher="Guy Abel for IOM World Migration Report 2022 (from UN DESA IMS 2020)",
        edition="stock_totals_2020.csv (IOM WMR 2022, chapter 7)",
        vintage="2021-04-30",
        licence="Derived from UN DESA IMS 2020 (CC BY 3.0 IGO); cite UN DESA and the derivation",
        citation=(
            "United Nations Department of Economic and Social Affairs, Population Division (2020)."
            " International Migrant Stock 2020 (origin totals); country totals compiled by G. J."
            " Abel for IOM World Migration Report 2022 (github.com/guyabel/stepladderChapter,"
            " data/stock_totals_2020.csv)."
        ),
        file="undesa_ims/derived/abel_iom_wmr2022_stock_totals_2020.csv",
        note=(
            "Derived file, the only one with emigrants by country of origin: column disp = the"
            " WORLD destination row of the official UN DESA 2020 origin x destination matrix, both"
            " sexes (matches OWID's copy, e.g. Tajikistan 1990 = 537,699; Ukraine 1990 ="
            " 5,545,517). Only disp is used; the other columns repeat the destination workbook."
            " Rows selected by M49 code (country_code) and cross-checked against alpha3."
            " No emigrants by sex, no Kosovo."
        ),
    ),
    DatasetSource(
        source_id="wdi_population_datahub",
        short_title="World Bank WDI, population (2026 refresh)",
        title="Population, total (SP.POP.TOTL), World Development Indicators",
        publisher="World Bank (repackaged by the datahub.io core datasets project)",
        edition="datahub core 'population' data/population.csv, automated refresh 2026-03-06",
        vintage="2026-03-06",
        licence="CC BY 4.0 (World Bank data); PDDL (datahub packaging)",
        citation=(
            "World Bank. World Development Indicators: Population, total (SP.POP.TOTL). Via"
            " datahub.io core datasets (github.com/datasets/population), commit of 2026-03-06."
        ),
        file="worldbank_wdi/SP.POP.TOTL_population_datahub.csv",
        note=(
            "Long CSV (Country Name, Country Code, Year, Value) refreshed from the World Bank API"
            " by a GitHub Action; vintage = refresh commit date (the file states none). All 20"
            " incl. Kosovo (UNSCR 1244), 1960-2024."
        ),
    ),
    DatasetSource(
        source_id="wdi_net_migration_2024_06",
        short_title="World Bank WDI, net migration (June 2024)",
        title="Net migration (SM.POP.NETM), World Development Indicators",
        publisher="World Bank (from UN World Population Prospects 2022)",
        edition="WDI API bulk CSV API_SM.POP.NETM_DS2_en_csv_v2_3401672",
        vintage="2024-06-28",
        licence="CC BY 4.0",
        citation=(
            "World Bank. World Development Indicators: Net migration (SM.POP.NETM), last updated"
            " 2024-06-28. Data from United Nations Population Division, World Population"
            " Prospects 2022."
        ),
        file="worldbank_wdi/API_SM.POP.NETM_DS2_en_csv_v2_3401672.csv",
        note=(
            "Official API bulk CSV (UTF-8 with BOM, 4 preamble lines). Years 2022-2023 are WPP"
            " 2022 medium-variant projections, many of them round placeholders (-9999, -19999,"
            " -5000, 0) and are NOT ingested; estimates 1960-2021 are. (The dropped projection for"
            " Ukraine 2022 is -6,673,580.) No newer vintage based on WPP 2024 was available."
        ),
        expected_vintage="2024-06-28",
    ),
    DatasetSource(
        source_id="wdi_remittances_usd_2023_10",
        short_title="World Bank WDI, remittances USD (Oct 2023)",
        title="Personal remittances, received (current US$) (BX.TRF.PWKR.CD.DT), WDI",
        publisher="World Bank",
        edition="WDI API Excel download API_BX.TRF.PWKR.CD.DT_DS2_en_excel_v2_6000901",
        vintage="2023-10-26",
        licence="CC BY 4.0",
        citation=(
            "World Bank. World Development Indicators: Personal remittances, received (current"
            " US$) (BX.TRF.PWKR.CD.DT), last updated 2023-10-26."
        ),
        file="worldbank_wdi/API_BX.TRF.PWKR.CD.DT_DS2_en_excel_v2_6000901.xls",
        note=(
            "Official .xls, sheet Data, header row located by content ('Country Name')."
            " Zeros are read as missing: Turkmenistan is 0 for 2005-2022 (no data), Serbia and"
            " Montenegro 0 for 2005-2006 (before the split was recorded). Series to 2022."
        ),
        expected_vintage="2023-10-26",
    ),
    DatasetSource(
        source_id="wdi_remittances_gdp_2023_05",
        short_title="World Bank WDI, remittances % of GDP (May 2023)",
        title="Personal remittances, received (% of GDP) (BX.TRF.PWKR.DT.GD.ZS), WDI",
        publisher="World Bank",
        edition="WDI API Excel download, BX.TRF.PWKR.DT.GD.ZS",
        vintage="2023-05-10",
        licence="CC BY 4.0",
        citation=(
            "World Bank. World Development Indicators: Personal remittances, received (% of GDP)"
            " (BX.TRF.PWKR.DT.GD.ZS), last updated 2023-05-10."
        ),
        file=(
            "worldbank_wdi/BX.TRF.PWKR.DT.GD.ZS_remittances-received-percent-gdp_WDI-2023-05-10.xls"
        ),
        note=(
            "Official WDI .xls download renamed by the repository it was taken from"
            " (remittances-received-percent-gdp.xls); content unchanged. Data to 2021 (the 2022"
            " column is empty in this vintage); Turkmenistan ends 2019. Zeros (Serbia and"
            " Montenegro 2005-2006) read as missing. Older vintage than the US$ file (Oct 2023)."
        ),
        expected_vintage="2023-05-10",
    ),
    DatasetSource(
        source_id="knomad_2023_12",
        short_title="World Bank-KNOMAD remittance inflows (Dec 2023)",
        title="Remittance inflows (US$ million), December 2023",
        publisher="World Bank-KNOMAD",
        edition="December 2023",
        vintage="2023-12",
        licence="No licence stated in the workbook; World Bank data generally CC BY 4.0",
        citation="World Bank-KNOMAD, December 2023. Remittance inflows (US$ million).",
        file="knomad/inward_remittance_flows_december_2023.xlsx",
        note=(
            "Official workbook, names only (no codes): rows mapped to ISO3 by an explicit name"
            " table; ingestion fails if an expected name is missing. 2023e is an estimate;"
            " '% of GDP in 2023' uses IMF WEO GDP. Zeros mark no data (Kosovo 2000-2003, Serbia"
            " and Montenegro before 2007, Tajikistan 2000-2001, Uzbekistan 2000-2004) and are read"
            " as missing. Turkmenistan row is blank."
        ),
        expected_vintage="December 2023",
    ),
    DatasetSource(
        source_id="knomad_2021_05",
        short_title="World Bank-KNOMAD remittance inflows (May 2021)",
        title="Migrant remittance inflows (US$ million), May 2021",
        publisher="World Bank-KNOMAD",
        edition="May 2021",
        vintage="2021-05",
        licence="No licence stated in the workbook; World Bank data generally CC BY 4.0",
        citation="World Bank-KNOMAD, May 2021. Migrant remittance inflows (US$ million).",
        file="knomad/inward_remittance_flows_may_2021.xlsx",
        note=(
            "Long-history edition (1980-2020e), re-saved in 2021-09 by the repository owner"
            " (content looks as published; not compared with an original). Names only, mapped by"
            " the explicit name table. 2020e is an estimate. Zeros mark no data and are read as"
            " missing: 1990 into the mid-1990s for the former Soviet and Yugoslav states, to 2003"
            " for Kosovo, to 2006 for Serbia and Montenegro, to 2001 for Tajikistan, and"
            " Azerbaijan 1996-1997."
        ),
        expected_vintage="May 2021",
    ),
    DatasetSource(
        source_id="unhcr_population_2025_12_1",
        short_title="UNHCR Refugee Data Finder (refugees 2025.12.1)",
        title="Refugee Population Statistics Database: population figures (R package refugees)",
        publisher="United Nations High Commissioner for Refugees (UNHCR)",
        edition="R package refugees 2025.12.1 (data/population.rda)",
        vintage="2025-12",
        licence="CC BY 4.0",
        citation=(
            "UNHCR. Refugee Population Statistics Database, via the R package 'refugees' version"
            " 2025.12.1 (github.com/PopulationStatistics/refugees)."
        ),
        file="unhcr/unhcr_refugees_r_pkg_2025.12.1_population.csv",
        note=(
            "population.rda converted to CSV unchanged (NA -> empty). One row per year x origin x"
            " asylum country. Hosted = sum over origins by coa_iso; originating = sum over asylum"
            " countries by coo_iso; IDPs = idps on rows where coo_iso = coa_iso. A country-year"
            " appears only if UNHCR has a row for it; zeros are kept as published there, except"
            " before a measure's first non-zero year in the region (asylum seekers: all 0 before"
            " 2000, i.e. not collected), which are omitted."
            " 'Serbia and Kosovo: S/RES/1244 (1999)' (SRB) includes Kosovo. Russian Federation"
            " hosted refugees fall from ~1.2 million (2022-2023) to ~10 thousand (2024-2025): a"
            " change in what is reported, not an outflow."
        ),
    ),
    DatasetSource(
        source_id="unhcr_idmc_2025_12_1",
        short_title="IDMC conflict IDPs via UNHCR (refugees 2025.12.1)",
        title="Conflict-related IDP stocks (IDMC) as redistributed by UNHCR",
        publisher="Internal Displacement Monitoring Centre (IDMC), via UNHCR",
        edition="R package refugees 2025.12.1 (data/idmc.rda)",
        vintage="2025-12",
        licence="CC BY 4.0 (as redistributed in the UNHCR package)",
        citation=(
            "IDMC, Global Internal Displacement Database, conflict stocks, as redistributed in"
            " the UNHCR R package 'refugees' version 2025.12.1."
        ),
        file="unhcr/unhcr_refugees_r_pkg_2025.12.1_idmc.csv",
        note=(
            "Conflict IDPs only (no disaster displacement), coo = coa. Our countries appear only"
            " in some years. SRB follows UNHCR's 'Serbia and Kosovo' naming; IDMC re-included"
            " Serbia's IDPs in 2022 (16,000 in 2021 -> 211,000 in 2022). The IDMC GIDD workbook"
            " (idmc/IDMC_Internal_Displacement_...xlsx) is CC BY-NC 4.0 and is deliberately not"
            " used in any output."
        ),
    ),
    DatasetSource(
        source_id="undesa_ims_2024",
        short_title="UN DESA International Migrant Stock 2024",
        title="International Migrant Stock 2024: Destination (by sex and destination)",
        publisher="United Nations Department of Economic and Social Affairs, Population Division",
        edition="POP/DB/MIG/Stock/Rev.2024",
        vintage="2025-01",
        licence="CC BY 3.0 IGO",
        citation=(
            "United Nations Department of Economic and Social Affairs, Population Division (2024)."
            " International Migrant Stock 2024. POP/DB/MIG/Stock/Rev.2024."
        ),
        file="undesa_ims2024/undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx",
        note=(
            "Official workbook, unchanged (released January 2025). Read: Table 1 (stock by sex),"
            " Table 2 (population, thousands, written x1000), Table 3 (stock as % of population),"
            " Table 4 (female % of stock). Countries by M49 code through the explicit M49->ISO3"
            " table. In Table 2 the column headed 'Location code' holds the data type ('B R'),"
            " not M49 codes, so its rows are matched to Table 1 by row number and checked by"
            " name. No Kosovo row: Serbia's population note (B24) says the data for Serbia do not"
            " include Kosovo; the migrant notes say nothing on whether Serbia's migrant stock"
            " does. Revises the past: Russian Federation 2020 7,297,611 (11,636,911 in the 2020"
            " edition), Kazakhstan 2020 1,990,268 (3,732,073)."
        ),
        expected_vintage="POP/DB/MIG/Stock/Rev.2024",
    ),
    DatasetSource(
        source_id="undesa_ims_2024_origin",
        short_title="UN DESA International Migrant Stock 2024, by origin",
        title="International Migrant Stock 2024: Origin (by sex and origin)",
        publisher="United Nations Department of Economic and Social Affairs, Population Division",
        edition="POP/DB/MIG/Stock/Rev.2024",
        vintage="2025-01",
        licence="CC BY 3.0 IGO",
        citation=(
            "United Nations Department of Economic and Social Affairs, Population Division (2024)."
            " International Migrant Stock 2024. POP/DB/MIG/Stock/Rev.2024."
        ),
        file="undesa_ims2024/undesa_pd_2024_ims_stock_by_sex_and_origin.xlsx",
        note=(
            "Official workbook, unchanged. Read: Table 1, both sexes: the stock of international"
            " migrants born in (or citizens of) the country, living in any other country"
            " (emigrants). Countries by M49 code. No Kosovo row (Serbia*; the notes do not say"
            " whether Kosovo is included)."
        ),
        expected_vintage="POP/DB/MIG/Stock/Rev.2024",
    ),
    DatasetSource(
        source_id="undesa_ims_2024_bilateral",
        short_title="UN DESA International Migrant Stock 2024, origin by destination (IOM GDI)",
        title="International migrant stock by origin, destination and sex, 1990-2024",
        publisher=(
            "United Nations Department of Economic and Social Affairs, Population Division;"
            " reshaped by the IOM Global Data Institute (R package gdidata)"
        ),
        edition="POP/DB/MIG/Stock/Rev.2024; gdidata data/undesa_stocks.rda of 2025-02-05",
        vintage="2025-02-05",
        licence="CC BY 3.0 IGO (UN DESA data); MIT (gdidata code)",
        citation=(
            "United Nations Department of Economic and Social Affairs, Population Division (2024)."
            " International Migrant Stock 2024 (origin by destination), as reshaped by the IOM"
            " Global Data Institute, R package gdidata (github.com/iom/gdidata)."
        ),
        file="undesa_ims2024/bilateral_iom_gdidata/undesa_stocks_converted.csv",
        note=(
            "Table 1 of the official destination-and-origin workbook in long form with ISO3"
            " codes (the .rda converted to CSV unchanged). Females and males are added for both"
            " sexes. XCX is UN DESA's 'other' origin; an origin missing for a destination means"
            " insufficient data, not zero. Checked: for the 19 countries in 2024 the sums equal"
            " the official destination and origin totals. The package says it is neither"
            " affiliated with nor endorsed by IOM. No Kosovo."
        ),
    ),
    DatasetSource(
        source_id="wdi_remittances_usd_2025_07",
        short_title="World Bank WDI, remittances USD (July 2025)",
        title="Personal remittances, received (current US$) (BX.TRF.PWKR.CD.DT), WDI",
        publisher="World Bank",
        edition="WDI API bulk CSV API_BX.TRF.PWKR.CD.DT_DS2_en_csv_v2_38454",
        vintage="2025-07-01",
        licence="CC BY 4.0",
        citation=(
            "World Bank. World Development Indicators: Personal remittances, received (current"
            " US$) (BX.TRF.PWKR.CD.DT), last updated 2025-07-01."
        ),
        file="worldbank_wdi_2025/API_BX.TRF.PWKR.CD.DT_DS2_en_csv_v2_38454.csv",
        note=(
            "Official API bulk CSV, unchanged. To 2024, except Kyrgyzstan, Serbia and Kosovo"
            " (blank for 2024). Turkmenistan has one value (1996, US$ 4.42 million) and 0 in the"
            " other years (no data): zeros are read as missing."
        ),
        expected_vintage="2025-07-01",
    ),
    DatasetSource(
        source_id="wdi_2026_07",
        short_title="World Bank WDI (July 2026)",
        title=(
            "World Development Indicators: remittances received (BX.TRF.PWKR.CD.DT), GDP"
            " (NY.GDP.MKTP.CD), net migration (SM.POP.NETM), population (SP.POP.TOTL)"
        ),
        publisher="World Bank (long CSVs by the datahub.io core datasets project)",
        edition="datahub world-development-indicators, commit of 2026-07-01",
        vintage="2026-07-01",
        licence="CC BY 4.0 (World Bank data); PDDL (datahub packaging)",
        citation=(
            "World Bank. World Development Indicators, as served about 2026-07-01 (via datahub.io"
            " core datasets, github.com/datasets/world-development-indicators)."
        ),
        file="worldbank_wdi_2026/<indicator>/data.csv",
        note=(
            "Four long CSVs (Country Name, Country Code, Year, Value) written by datahub's"
            " monthly updater from the official API download, values unchanged; the release"
            " date inside the download is lost, so the vintage is the commit date. Remittances"
            " to 2024 (Turkmenistan only 1996); GDP to 2025; population to 2025; net migration"
            " equals UN WPP 2024: estimates to 2023 are ingested, the projected 2024-2025 are"
            " not. Remittances as % of GDP are derived here (100 x remittances / GDP): WDI's own"
            " ratio in this vintage is not available."
        ),
    ),
    DatasetSource(
        source_id="knomad_data360_2025",
        short_title="World Bank-KNOMAD remittance inflows via Data360 (2025)",
        title="Remittance inflows (US$ million), KNOMAD database, World Bank Data360",
        publisher="World Bank-KNOMAD (republished by World Bank Data360)",
        edition="Data360 bulk CSV WB_KNOMAD.csv, STRUCTURE_ID WB.DATA360:DS_DATA360(1.2)",
        vintage="2025",
        licence="World Bank data generally CC BY 4.0; Data360 states none for KNOMAD",
        citation=(
            "World Bank-KNOMAD. Remittance inflows (US$ million) (WB_KNOMAD_MRI), World Bank"
            " Data360, bulk download of 2025."
        ),
        file="knomad_data360/WB_KNOMAD.csv",
        note=(
            "SDMX-style bulk CSV; only INDICATOR WB_KNOMAD_MRI (inflows) is read, annual, in"
            " millions (UNIT_MULT 6). 2000-2023, no 2024. The file states no vintage: newer than"
            " the December 2023 workbook (Tajikistan 2023 4,633.8 here, 5,700 as an estimate"
            " there). Mostly equals WDI for 2023, but some are KNOMAD's own estimates (Russian"
            " Federation 2023 5,800 vs WDI 2,616; Israel 6,552 vs 981). Zeros mean no data"
            " (Turkmenistan in every year) and are read as missing."
        ),
    ),
)

# UN World Population Prospects 2024 feeds projections.csv (see ingest/wpp.py and the projection
# series at the end of this module), not indicators.csv.
WPP_2024 = DatasetSource(
    source_id="wpp_2024",
    short_title="UN World Population Prospects 2024",
    title="World Population Prospects 2024: net migration and population, estimates and"
    " probabilistic projections",
    publisher="United Nations Department of Economic and Social Affairs, Population Division",
    edition="2024 (released 2024-07-11); R package wpp2024 1.1-3",
    vintage="2024-11-26",
    licence="CC BY 3.0 IGO",
    citation=(
        "United Nations, Department of Economic and Social Affairs, Population Division (2024)."
        " World Population Prospects 2024. Read from the Population Division's R package"
        " wpp2024 (version 1.1-3, github.com/PPgp/wpp2024)."
    ),
    file="wpp2024/",
    note=(
        "The tab-separated inputs of the UN Population Division's R package wpp2024 (values in"
        " thousands, written x1000 as persons), not the un.org CSV/xlsx, which were not"
        " available offline; the package states the same figures (Ukraine net migration 2022"
        " -5,699,445 equals WDI SM.POP.NETM). Net migration estimates 1950-2023 (migration.txt)"
        " and projections 2024-2100: median (medium variant) with 80% and 95% bounds; population"
        " projections 2024-2100: medium, low and high variants with 80% and 95% bounds."
        " Population is at 31 December of the year (the package's year t is 1 January of t+1),"
        " not mid-year. The files are checked to 2100; the extract keeps the projections to"
        " 2050. Rows selected by M49 code with their names checked. Kosovo is listed on"
        " its own (M49 412, 'Kosovo (under UNSC res. 1244)') and Serbia (688) excludes it."
    ),
    expected_vintage="1.1-3 2024-11-26",
)
DATASETS = (*DATASETS, WPP_2024)
DATASETS_BY_ID = {d.source_id: d for d in DATASETS}


def _i(code, family, name, unit, aggregation, weight, source_id, description, caveat):
    return Indicator(code, family, name, unit, aggregation, weight, source_id, description, caveat)


INDICATORS: tuple[Indicator, ...] = (
    # --- UN DESA International Migrant Stock 2020 (destination workbook) ---------------------
    _i(
        "undesa2020.migrant_stock",
        "migrant_stock",
        "International migrant stock (UN DESA 2020)",
        "persons",
        "sum",
        None,
        "undesa_ims_2020",
        "Mid-year international migrant stock in the country (both sexes), Table 1.",
        UNDESA_2020_COVERAGE + " Montenegro: 2010-2020 only. " + DO_NOT_MIX,
    ),
    _i(
        "undesa2020.migrant_stock_male",
        "migrant_stock",
        "International migrant stock, males (UN DESA 2020)",
        "persons",
        "sum",
        None,
        "undesa_ims_2020",
        "Mid-year international migrant stock, males, Table 1.",
        UNDESA_2020_COVERAGE + " Montenegro: 2010-2020 only.",
    ),
    _i(
        "undesa2020.migrant_stock_female",
        "migrant_stock",
        "International migrant stock, females (UN DESA 2020)",
        "persons",
        "sum",
        None,
        "undesa_ims_2020",
        "Mid-year international migrant stock, females, Table 1.",
        UNDESA_2020_COVERAGE + " Montenegro: 2010-2020 only.",
    ),
    _i(
        "undesa2020.population",
        "population",
        "Total population (UN DESA IMS 2020)",
        "persons",
        "sum",
        None,
        "undesa_ims_2020",
        "Mid-year total population used by UN DESA for the 2020 migrant stock (Table 2,"
        " published in thousands, written here x1000).",
        UNDESA_2020_COVERAGE + " Published in thousands: last three digits are rounding.",
    ),
    _i(
        "undesa2020.migrant_share",
        "migrant_share",
        "International migrants as % of population (UN DESA 2020)",
        "percent",
        "weighted_mean",
        "undesa2020.population",
        "undesa_ims_2020",
        "International migrant stock as a percentage of the total population (Table 3).",
        UNDESA_2020_COVERAGE + " Montenegro: 2010-2020 only. The 2024 revision revises some"
        " countries sharply (Russian Federation 2020: 7.97% here, 4.99% in 2024). " + DO_NOT_MIX,
    ),
    _i(
        "undesa2020.female_share",
        "female_share",
        "Female migrants as % of migrant stock (UN DESA 2020)",
        "percent",
        "weighted_mean",
        "undesa2020.migrant_stock",
        "undesa_ims_2020",
        "Female migrants as a percentage of the international migrant stock (Table 4).",
        UNDESA_2020_COVERAGE + " Montenegro: 2010-2020 only.",
    ),
    _i(
        "undesa2020.refugees",
        "refugees_hosted",
        "Refugees and asylum seekers hosted (UN DESA 2020)",
        "persons",
        "sum",
        None,
        "undesa_ims_2020",
        "Estimated refugee stock including asylum seekers at mid-year (Table 6), as included in"
        " the migrant stock.",
        UNDESA_2020_COVERAGE + " Cells published as '~' (protected: fewer than five) are"
        " missing: 1990 for 15 of the 19 countries, 1995 for Republic of Moldova, Russian"
        " Federation, Bosnia and Herzegovina and Montenegro, 2000-2005 for Montenegro. Mid-year, based"
        " on UNHCR/UNRWA; not comparable with UNHCR end-year figures.",
    ),
    _i(
        "undesa2020.emigrants",
        "emigrants",
        "Emigrants living abroad (UN DESA 2020, by origin)",
        "persons",
        "sum",
        None,
        "undesa_ims_2020_abel_origin",
        "International migrants born in (or citizens of) the country and living in any other"
        " country: WORLD total of the UN DESA 2020 origin x destination matrix (disp).",
        "Derived by G. Abel for IOM WMR 2022 from UN DESA IMS 2020 by origin. "
        + KOSOVO_IN_SERBIA
        + " Superseded by the 2024 edition (undesa2024.emigrants), which revises these years.",
    ),
    # --- UN DESA International Migrant Stock 2024 (official workbooks) ------------------------
    _i(
        "undesa2024.migrant_stock",
        "migrant_stock",
        "International migrant stock (UN DESA 2024)",
        "persons",
        "sum",
        None,
        "undesa_ims_2024",
        "Mid-year international migrant stock in the country (both sexes), Table 1.",
        UNDESA_2024_COVERAGE + " " + UNDESA_2024_REVISION + " " + DO_NOT_MIX,
    ),
    _i(
        "undesa2024.migrant_stock_male",
        "migrant_stock",
        "International migrant stock, males (UN DESA 2024)",
        "persons",
        "sum",
        None,
        "undesa_ims_2024",
        "Mid-year international migrant stock, males, Table 1.",
        UNDESA_2024_COVERAGE,
    ),
    _i(
        "undesa2024.migrant_stock_female",
        "migrant_stock",
        "International migrant stock, females (UN DESA 2024)",
        "persons",
        "sum",
        None,
        "undesa_ims_2024",
        "Mid-year international migrant stock, females, Table 1.",
        UNDESA_2024_COVERAGE,
    ),
    _i(
        "undesa2024.population",
        "population",
        "Total population (UN DESA IMS 2024)",
        "persons",
        "sum",
        None,
        "undesa_ims_2024",
        "Mid-year total population used by UN DESA for the 2024 migrant stock (Table 2, from"
        " World Population Prospects 2024; published in thousands, written here x1000).",
        UNDESA_2024_COVERAGE + " Published in thousands: last three digits are rounding.",
    ),
    _i(
        "undesa2024.migrant_share",
        "migrant_share",
        "International migrants as % of population (UN DESA 2024)",
        "percent",
        "weighted_mean",
        "undesa2024.population",
        "undesa_ims_2024",
        "International migrant stock as a percentage of the total population (Table 3).",
        UNDESA_2024_COVERAGE + " " + UNDESA_2024_REVISION + " Equals Our World in Data's copy of"
        " the same table to 0.00001 points. " + DO_NOT_MIX,
    ),
    _i(
        "undesa2024.female_share",
        "female_share",
        "Female migrants as % of migrant stock (UN DESA 2024)",
        "percent",
        "weighted_mean",
        "undesa2024.migrant_stock",
        "undesa_ims_2024",
        "Female migrants as a percentage of the international migrant stock (Table 4).",
        UNDESA_2024_COVERAGE,
    ),
    _i(
        "undesa2024.emigrants",
        "emigrants",
        "Emigrants living abroad (UN DESA 2024, by origin)",
        "persons",
        "sum",
        None,
        "undesa_ims_2024_origin",
        "International migrants born in (or citizens of) the country and living in any other"
        " country, mid-year (origin workbook, Table 1, both sexes).",
        "Serbia* has no Kosovo row and the notes do not say whether Kosovo is included. Revises"
        " the past: Ukraine 2020 4,353,031. " + DO_NOT_MIX,
    ),
    # --- World Bank WDI ------------------------------------------------------------------------
    _i(
        "wdi.population",
        "population",
        "Population, total (World Bank WDI)",
        "persons",
        "sum",
        None,
        "wdi_population_datahub",
        "Total population, mid-year, all residents regardless of legal status.",
        "World Bank WDI via datahub.io (refresh of 2026-03-06). Kosovo (UNSCR 1244) has its own series.",
    ),
    _i(
        "wdi.net_migration",
        "net_migration",
        "Net migration (World Bank WDI, from UN WPP 2022)",
        "persons per year",
        "sum",
        None,
        "wdi_net_migration_2024_06",
        "Immigrants minus emigrants in the year, citizens and non-citizens.",
        "UN WPP 2022 estimates, 1960-2021. The 2022-2023 values in this download are WPP 2022"
        " projections with round placeholders (-9999, -19999, 0) and are not included; the war"
        " in Ukraine is therefore not reflected. Kosovo (UNSCR 1244) has its own series.",
    ),
    _i(
        "wdi.remittances_usd",
        "remittances_usd",
        "Personal remittances received (World Bank WDI)",
        "current US$",
        "sum",
        None,
        "wdi_remittances_usd_2023_10",
        "Personal transfers and compensation of employees received.",
        "WDI vintage 2023-10-26, to 2022. Zeros read as missing (Turkmenistan 2005-2022: no"
        " data; Serbia and Montenegro 2005-2006). Kosovo (UNSCR 1244) has its own series. Differs from KNOMAD"
        " figures of other editions.",
    ),
    _i(
        "wdi.remittances_gdp",
        "remittances_gdp",
        "Personal remittances received, % of GDP (World Bank WDI)",
        "percent of GDP",
        "none",
        None,
        "wdi_remittances_gdp_2023_05",
        "Personal remittances received as a share of GDP.",
        "WDI vintage 2023-05-10 (older than the US$ series), to 2021; Turkmenistan to 2019."
        " Zeros read as missing. No GDP series is ingested, so no regional average is"
        " computed. Kosovo (UNSCR 1244) has its own series.",
    ),
    _i(
        "wdi2025.remittances_usd",
        "remittances_usd",
        "Personal remittances received (World Bank WDI, July 2025)",
        "current US$",
        "sum",
        None,
        "wdi_remittances_usd_2025_07",
        "Personal transfers and compensation of employees received.",
        "WDI vintage 2025-07-01, to 2024; Kyrgyzstan, Serbia and Kosovo have no 2024 value in"
        " this vintage. Turkmenistan: only 1996 (zeros in other years read as missing). Kosovo (UNSCR 1244)"
        " has its own series. " + DO_NOT_MIX,
    ),
    _i(
        "wdi2026.remittances_usd",
        "remittances_usd",
        "Personal remittances received (World Bank WDI, July 2026)",
        "current US$",
        "sum",
        None,
        "wdi_2026_07",
        "Personal transfers and compensation of employees received.",
        "WDI as served in July 2026, to 2024 for all but Turkmenistan (one value, 1996)."
        " Kosovo (UNSCR 1244) has its own series. " + DO_NOT_MIX,
    ),
    _i(
        "wdi2026.gdp_usd",
        "gdp",
        "GDP (World Bank WDI, July 2026)",
        "current US$",
        "sum",
        None,
        "wdi_2026_07",
        "Gross domestic product at purchasers' prices, current US$.",
        "WDI as served in July 2026, to 2025. Kosovo (UNSCR 1244) has its own series. Used here as the"
        " denominator of remittances as % of GDP.",
    ),
    _i(
        "wdi2026.remittances_gdp",
        "remittances_gdp",
        "Remittances received, % of GDP (derived from WDI, July 2026)",
        "percent of GDP",
        "weighted_mean",
        "wdi2026.gdp_usd",
        "wdi_2026_07",
        "Derived by the dashboard: 100 x personal remittances received /"
        " GDP, both in current US$ from WDI as served in July 2026.",
        "Derived, not published by the World Bank: WDI's own ratio in"
        " this vintage was not available; the official May 2023 ratio is its own series. Equals"
        " the World Bank ratio to 4 decimals where checked (Albania, Armenia, Azerbaijan, Bosnia"
        " and Herzegovina 2022-2023). Regional figures weight by GDP (total remittances / total"
        " GDP). To 2024; Turkmenistan only 1996. " + DO_NOT_MIX,
    ),
    _i(
        "wdi2026.net_migration",
        "net_migration",
        "Net migration (World Bank WDI July 2026, from UN WPP 2024)",
        "persons per year",
        "sum",
        None,
        "wdi_2026_07",
        "Immigrants minus emigrants in the year, citizens and non-citizens.",
        "UN World Population Prospects 2024 estimates, 1960-2023 (the war in Ukraine is"
        " reflected: Ukraine 2022 -5,699,445). The projected 2024-2025 values in this download"
        " are not included. Kosovo (UNSCR 1244) has its own series. " + DO_NOT_MIX,
    ),
    _i(
        "wdi2026.population",
        "population",
        "Population, total (World Bank WDI, July 2026)",
        "persons",
        "sum",
        None,
        "wdi_2026_07",
        "Total population, mid-year, all residents regardless of legal status.",
        "WDI as served in July 2026, to 2025. For most countries WDI takes population from UN"
        " World Population Prospects 2024, whose estimates end in 2023: 2024-2025 may be"
        " projections. Kosovo (UNSCR 1244) has its own series.",
    ),
    # --- KNOMAD ---------------------------------------------------------------------------------
    _i(
        "knomad2023.remittances_usd_mn",
        "remittances_usd",
        "Remittance inflows (KNOMAD Dec 2023)",
        "US$ million (current)",
        "sum",
        None,
        "knomad_2023_12",
        "Migrant remittance inflows in millions of current US dollars, 2000-2023.",
        "2023 is an estimate (2023e). Zeros in early years read as missing. Turkmenistan: no"
        " data. Kosovo separate. Millions of US$ (not US$).",
    ),
    _i(
        "knomad2023.remittances_gdp_2023",
        "remittances_gdp",
        "Remittance inflows, % of GDP in 2023 (KNOMAD Dec 2023)",
        "percent of GDP",
        "none",
        None,
        "knomad_2023_12",
        "Remittance inflows in 2023 (estimate) as a share of GDP (IMF World Economic Outlook).",
        "2023 only; estimate. GDP from IMF WEO, so not comparable with WDI % of GDP."
        " Turkmenistan: no data. Kosovo separate.",
    ),
    _i(
        "knomad2021.remittances_usd_mn",
        "remittances_usd",
        "Migrant remittance inflows (KNOMAD May 2021)",
        "US$ million (current)",
        "sum",
        None,
        "knomad_2021_05",
        "Migrant remittance inflows in millions of current US dollars, 1980-2020.",
        "2020 is an estimate (2020e). Zeros (no data, mostly early 1990s) read as missing."
        " Older edition: recent years are revised in the December 2023 edition. Kosovo"
        " separate. Millions of US$.",
    ),
    _i(
        "knomad360.remittances_usd_mn",
        "remittances_usd",
        "Remittance inflows (KNOMAD via Data360, 2025)",
        "US$ million (current)",
        "sum",
        None,
        "knomad_data360_2025",
        "Migrant remittance inflows in millions of current US dollars, 2000-2023.",
        "Newer than the December 2023 workbook; no 2024. Mostly equals WDI, but some 2023"
        " values are KNOMAD's own estimates (Russian Federation 5,800 vs WDI 2,616; Israel"
        " 6,552 vs 981). Zeros (no data) read as missing; Turkmenistan: no data. Kosovo separate."
        " Millions of US$. " + DO_NOT_MIX,
    ),
    # --- UNHCR ----------------------------------------------------------------------------------
    _i(
        "unhcr.refugees_hosted",
        "refugees_hosted",
        "Refugees hosted (UNHCR)",
        "persons",
        "sum",
        None,
        "unhcr_population_2025_12_1",
        "Refugees under UNHCR's mandate at end-year in the country of asylum, all origins.",
        KOSOVO_IN_SERBIA + " Russian Federation series break in 2024: about 1.2 million"
        " (2022-2023) to about 10 thousand (2024-2025) follows a change in reporting, not an"
        " outflow. Years without any UNHCR record for the country are absent. Zeros before a"
        " country's first refugee figure are shown as missing, not 0: the file holds only IDP"
        " or other rows for Bosnia and Herzegovina 1993-1996, Georgia 1993-1994, Republic of"
        " Moldova 1997-1998 and the Russian Federation 1993-1995 (246,689 in 1996). Latest year"
        " as published in package 2025.12.1 (may be revised).",
    ),
    _i(
        "unhcr.asylum_seekers_hosted",
        "asylum_seekers",
        "Asylum seekers hosted (UNHCR)",
        "persons",
        "sum",
        None,
        "unhcr_population_2025_12_1",
        "Asylum seekers (pending cases) at end-year in the country of asylum, all origins.",
        KOSOVO_IN_SERBIA
        + " Region figures start in 2000: the database shows 0 for every region country"
        " before that (not collected), and those years are omitted. Years without any UNHCR"
        " record for the country are absent. Shown as missing, not 0, where the file has 0 for"
        " years on end while the country hosts refugees: Turkmenistan 2002, 2004-2006 and"
        " 2008-2025 (5 in 2003 and 16 in 2007 are kept), Uzbekistan 2006-2025.",
    ),
    _i(
        "unhcr.refugees_originating",
        "refugees_originating",
        "Refugees originating from the country (UNHCR)",
        "persons",
        "sum",
        None,
        "unhcr_population_2025_12_1",
        "Refugees under UNHCR's mandate at end-year whose origin is the country, all asylum"
        " countries.",
        KOSOVO_IN_SERBIA + " Years without any UNHCR record for the origin are absent.",
    ),
    _i(
        "unhcr.asylum_seekers_originating",
        "asylum_seekers",
        "Asylum seekers originating from the country (UNHCR)",
        "persons",
        "sum",
        None,
        "unhcr_population_2025_12_1",
        "Asylum seekers at end-year whose origin is the country, all asylum countries.",
        KOSOVO_IN_SERBIA
        + " Region figures start in 2000: the database shows 0 for every region country"
        " before that (not collected), and those years are omitted.",
    ),
    _i(
        "unhcr.idps",
        "idps",
        "IDPs of concern to UNHCR",
        "persons",
        "sum",
        None,
        "unhcr_population_2025_12_1",
        "Internally displaced persons protected/assisted by UNHCR (rows where origin = asylum"
        " country).",
        KOSOVO_IN_SERBIA + " Only IDPs of concern to UNHCR, not all IDPs; 0 where UNHCR"
        " recorded other populations but no IDPs for the country-year.",
    ),
    _i(
        "unhcr.oip_hosted",
        "other_protection",
        "Other people in need of international protection (UNHCR)",
        "persons",
        "sum",
        None,
        "unhcr_population_2025_12_1",
        "People outside their country who are in need of international protection but not"
        " reported as refugees or asylum seekers, at end-year, in the country (UNHCR 'oip').",
        "Not refugees: a separate UNHCR category. In the region only 2025 has figures"
        " (Kazakhstan 48,391, Kyrgyzstan 53,868, Uzbekistan 7,700, Turkmenistan 3,200,"
        " Tajikistan 1,550); earlier years are 0 for every region country and are omitted. "
        + KOSOVO_IN_SERBIA,
    ),
    _i(
        "unhcr_idmc.idps_conflict",
        "idps",
        "IDPs due to conflict and violence (IDMC, via UNHCR)",
        "persons",
        "sum",
        None,
        "unhcr_idmc_2025_12_1",
        "Stock of people internally displaced by conflict and violence at end-year (IDMC).",
        "Conflict only, disasters excluded; only countries/years with an IDMC figure. Not"
        " comparable with UNHCR IDPs of concern. " + SERBIA_IDMC_CAVEAT,
    ),
)
INDICATORS_BY_CODE = {i.code: i for i in INDICATORS}

SOURCE_COLUMNS = (
    "source_id",
    "kind",
    "title",
    "short_title",
    "publisher",
    "edition",
    "vintage",
    "licence",
    "citation",
    "file",
    "note",
)
CATALOG_COLUMNS = (
    "indicator_code",
    "family",
    "name",
    "unit",
    "aggregation",
    "weight_indicator_code",
    "source_id",
    "description",
    "caveat",
    "lowest_plausible",
    "highest_plausible",
)


def validate_catalog() -> None:
    """Internal consistency of the definitions; raises ValueError on the first problem."""
    codes = set()
    for ind in INDICATORS:
        source, _, measure = ind.code.partition(".")
        if not source or not measure:
            raise ValueError(f"{ind.code}: code must be <source>.<measure>")
        if ind.code in codes:
            raise ValueError(f"{ind.code}: defined twice")
        codes.add(ind.code)
        if ind.family not in FAMILIES:
            raise ValueError(f"{ind.code}: unknown family {ind.family}")
        if ind.aggregation not in AGGREGATIONS:
            raise ValueError(f"{ind.code}: unknown aggregation {ind.aggregation}")
        if ind.source_id not in DATASETS_BY_ID:
            raise ValueError(f"{ind.code}: unknown source {ind.source_id}")
        if (ind.aggregation == "weighted_mean") != (ind.weight is not None):
            raise ValueError(f"{ind.code}: weighted_mean needs a weight, and only it")
        if ind.unit not in UNIT_BOUNDS:
            raise ValueError(
                f"{ind.code}: unit {ind.unit!r} has no plausible bounds; declare them in"
                " UNIT_BOUNDS (dashboard/ingest/catalog.py)"
            )
    for ind in INDICATORS:
        if ind.weight is not None:
            weight = INDICATORS_BY_CODE.get(ind.weight)
            if weight is None:
                raise ValueError(f"{ind.code}: weight {ind.weight} is not defined")
            if weight.aggregation != "sum":
                raise ValueError(f"{ind.code}: weight {ind.weight} must be a count (sum)")
            if weight.source_id != ind.source_id:
                raise ValueError(f"{ind.code}: weight {ind.weight} is from another source")


def format_bound(bound: float) -> str:
    """A bound as written in the catalogue: whole numbers without a decimal point."""
    return str(int(bound)) if float(bound).is_integer() else repr(float(bound))


def catalog_rows() -> list[dict[str, str]]:
    return [
        {
            "indicator_code": i.code,
            "family": i.family,
            "name": i.name,
            "unit": i.unit,
            "aggregation": i.aggregation,
            "weight_indicator_code": i.weight or "",
            "source_id": i.source_id,
            "description": i.description,
            "caveat": i.caveat,
            "lowest_plausible": format_bound(FAMILY_BOUNDS.get(i.family, UNIT_BOUNDS[i.unit])[0]),
            "highest_plausible": format_bound(FAMILY_BOUNDS.get(i.family, UNIT_BOUNDS[i.unit])[1]),
        }
        for i in sorted(INDICATORS, key=lambda i: i.code)
    ]


def source_rows() -> list[dict[str, str]]:
    return [
        {
            "source_id": d.source_id,
            "kind": d.kind,
            "title": d.title,
            "short_title": d.short_title,
            "publisher": d.publisher,
            "edition": d.edition,
            "vintage": d.vintage,
            "licence": d.licence,
            "citation": d.citation,
            "file": d.file,
            "note": d.note,
        }
        for d in sorted(DATASETS, key=lambda d: d.source_id)
    ]


# --- Projection series (projections.csv, read by ingest/wpp.py) -----------------------------


@dataclass(frozen=True)
class ProjectionSeries:
    code: str
    family: str  # the indicator family whose trend chart the projection continues
    name: str
    label: str  # what a chart calls the projection line
    unit: str
    reference: str  # when in the year a value applies
    source_id: str
    description: str
    caveat: str


PROJECTION_SERIES: tuple[ProjectionSeries, ...] = (
    ProjectionSeries(
        "wpp2024.net_migration",
        "net_migration",
        "Net migration (UN World Population Prospects 2024)",
        "UN projection (WPP 2024, medium variant)",
        "persons",
        "calendar-year flow",
        "wpp_2024",
        "Immigrants minus emigrants in the year: estimates 1950-2023, then the median"
        " projection (kept to 2050) with its 80% and 95% bounds.",
        "A projection, not a forecast of policy outcomes: the UN's medium variant assumes"
        " migration returns towards long-run levels. Kosovo (under UNSC res. 1244) is listed"
        " separately and Serbia excludes it. The bounds are per country; the bounds of a sum of"
        " countries are not the sum of their bounds, so regional totals carry none.",
    ),
    ProjectionSeries(
        "wpp2024.population",
        "population",
        "Population (UN World Population Prospects 2024)",
        "UN projection (WPP 2024, medium variant)",
        "persons",
        "31 December of the year",
        "wpp_2024",
        "Total population projected 2024-2050: medium, low and high variants, and the 80% and 95%"
        " bounds of the probabilistic projection.",
        "Population at 31 December of the year (1 January of the next), not mid-year like WDI."
        " Kosovo (under UNSC res. 1244) is listed separately and Serbia excludes it. The bounds"
        " are per country; the bounds of a sum of countries are not the sum of their bounds, so"
        " regional totals carry none.",
    ),
)
PROJECTION_COLUMNS = (
    "series_code",
    "family",
    "name",
    "label",
    "unit",
    "reference",
    "source_id",
    "description",
    "caveat",
)


def projection_catalog_rows() -> list[dict[str, str]]:
    return [
        {
            "series_code": p.code,
            "family": p.family,
            "name": p.name,
            "label": p.label,
            "unit": p.unit,
            "reference": p.reference,
            "source_id": p.source_id,
            "description": p.description,
            "caveat": p.caveat,
        }
        for p in PROJECTION_SERIES
    ]

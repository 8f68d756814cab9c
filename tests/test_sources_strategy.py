"""Checks for the strategy-related source CSVs (transcribed from seed documents 000-004).

Files covered: strategy_elements.csv, key_figures.csv, outlook_statements.csv,
outlook_indicator_links.csv, glossary.csv, crosswalk.csv and _notes/strategy_figures.csv.
"""

import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard.glossary import GLOSSARY_TERMS_USED

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "data" / "sources"
SEEDS = ROOT.parent / "shared" / "seeds"
if not SEEDS.is_dir():
    SEEDS = Path("/work/shared/seeds")

SEED_FILES = {
    "iom_seeeca_strategy_2015_2020": "000_3dba8982bef226c7.txt",
    "iom_seeeca_strategy_2020_2024": "001_9ee6370754a679eb.txt",
    "iom_migration_initiatives_2016": "002_826368cb2c35f099.txt",
    "iom_seeeca_framework_page": "003_e27735f0c0a6939f.txt",
    "iom_seeeca_factsheet_avrr_ct": "004_28725216e21477d4.txt",
}

REGION_ISO3 = {
    "ALB",
    "ARM",
    "AZE",
    "BLR",
    "BIH",
    "GEO",
    "ISR",
    "KAZ",
    "XKX",
    "KGZ",
    "MDA",
    "MNE",
    "MKD",
    "RUS",
    "SRB",
    "TJK",
    "TUR",
    "TKM",
    "UKR",
    "UZB",
}


def load(name):
    """Read a source CSV as strings; empty cell -> None (NULL)."""
    df = pd.read_csv(SRC / name, dtype=object, keep_default_na=False)
    return df.astype(object).where(df != "", None)


def records(df):
    """Rows as dicts; unlike iterrows() this keeps NULL cells as None."""
    return df.to_dict("records")


@pytest.fixture(scope="module")
def elements():
    return load("strategy_elements.csv")


@pytest.fixture(scope="module")
def figures():
    return load("key_figures.csv")


@pytest.fixture(scope="module")
def statements():
    return load("outlook_statements.csv")


@pytest.fixture(scope="module")
def links():
    return load("outlook_indicator_links.csv")


@pytest.fixture(scope="module")
def glossary():
    return load("glossary.csv")


@pytest.fixture(scope="module")
def crosswalk():
    return load("crosswalk.csv")


@pytest.fixture(scope="module")
def areas():
    return load("programmatic_areas.csv")


@pytest.fixture(scope="module")
def source_ids():
    return set(load("sources.csv")["source_id"])


# ---------------------------------------------------------------- number checker
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "tenth": 10,
}
FRACTIONS = {  # printed fraction -> value in percent
    r"\bthree quarters\b": 75.0,
    r"\ba quarter\b": 25.0,
    r"\bhalf\b": 50.0,
    r"\ba third\b": 100 / 3,
    r"\btwo thirds\b": 200 / 3,
}
MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9}


def numbers_in(text):
    """All numeric values printed in text, in every printed form the documents use.

    Returns a list of (value, tolerance) pairs: "1,600" -> 1600, "46.5" -> 46.5,
    "11 million" -> 11000000, "USD 234 million" -> 234000000, "two million¹¹" -> 2000000,
    "fifty" -> 50, "top ten" -> 10, "second" -> 2, "three quarters" -> 75 (percent),
    "a third" -> 33.33 (percent, loose tolerance because documents round it).
    """
    # superscript footnote markers (e.g. "million¹¹") are not numbers: drop them first
    t = "".join(ch for ch in text if ch not in SUPERSCRIPTS).lower()
    out = []
    for m in re.finditer(
        r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s*(thousand|million|billion)\b)?", t
    ):
        v = float(m.group(1).replace(",", "") + (m.group(2) or ""))
        out.append((v, 0.0))
        if m.group(3):
            out.append((v * MULTIPLIERS[m.group(3)], 0.0))
    for m in re.finditer(
        r"\b(" + "|".join(WORD_NUMBERS) + r")\b(?:\s+(thousand|million|billion)\b)?", t
    ):
        v = float(WORD_NUMBERS[m.group(1)])
        out.append((v, 0.0))
        if m.group(2):
            out.append((v * MULTIPLIERS[m.group(2)], 0.0))
    for pat, v in FRACTIONS.items():
        if re.search(pat, t):
            out.append((v, 0.05))  # relative tolerance: "a third" stored as 33.3
    return out


def quote_has_value(quote, value):
    for cand, tol in numbers_in(quote):
        if abs(cand - value) <= max(tol * abs(value), 1e-9 * max(1.0, abs(value))):
            return True
    return False


@pytest.mark.parametrize(
    "text,value",
    [
        ("There are nearly 29 million international migrants", 29_000_000),
        (">1,600", 1600),
        ("USD 234 \nmillion", 234_000_000),
        ("Tajikistan (46.5 per cent)", 46.5),
        ("nearly two million¹¹ persons displaced", 2_000_000),
        ("118,000¹² were displaced", 118_000),
        ("(56% in 2018; 63% in 2019)", 63),
        ("more than fifty migration profiles", 50),
        ("among the world’s top ten remittance-dependent countries", 10),
        ("the second largest destination country", 2),
        ("Over three quarters of these were Syrian refugees", 75),
        ("nearly a third of the population", 33.3),
        ("(total in 2018: 60,316)", 60316),
    ],
)
def test_number_checker_accepts_printed_forms(text, value):
    assert quote_has_value(text, value)


@pytest.mark.parametrize(
    "text,value",
    [
        ("There are nearly 29 million international migrants", 2_900_000),
        (">1,600", 16000),
        ("Tajikistan (46.5 per cent)", 4.65),
        ("nearly two million¹¹ persons displaced", 11),  # footnote marker is not a number
        ("Over three quarters", 70),
    ],
)
def test_number_checker_rejects_wrong_values(text, value):
    assert not quote_has_value(text, value)


# ---------------------------------------------------------------- seed text (verbatim checks)
def _norm(s):
    s = s.replace("**", "")
    s = (
        s.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
    )
    s = re.sub(r"-\s*\n\s*", "-", s)
    return re.sub(r"\s+", " ", s).strip().lower()


@pytest.fixture(scope="module")
def seed_text():
    if not SEEDS.is_dir():
        pytest.skip("seed documents not available")
    return {sid: _norm((SEEDS / f).read_text(encoding="utf-8")) for sid, f in SEED_FILES.items()}


# ---------------------------------------------------------------- strategy elements
EXPECTED_COUNTS = {
    ("strategy_2015_2020", "goal"): 1,
    ("strategy_2015_2020", "strategic_objective"): 3,
    ("strategy_2015_2020", "thematic_area"): 6,
    ("strategy_2015_2020", "thematic_objective"): 9,
    ("strategy_2015_2020", "operational_principle"): 6,
    ("iom_global_strategy", "global_strategy_point"): 12,
    ("strategy_2020_2024", "pillar"): 3,
    ("strategy_2020_2024", "strategic_priority"): 4,
    ("migof", "principle"): 3,
    ("migof", "objective"): 3,
}


def test_element_counts(elements):
    counts = elements.groupby(["framework", "element_type"]).size().to_dict()
    assert counts == EXPECTED_COUNTS


def test_element_ids_are_the_fixed_ids(elements):
    expected = (
        {"s2015.goal"}
        | {f"s2015.so{i}" for i in range(1, 4)}
        | {f"s2015.ta{i}" for i in range(1, 7)}
        | {f"s2015.to{i}" for i in range(1, 10)}
        | {f"s2015.op{i}" for i in range(1, 7)}
        | {f"gs.{i:02d}" for i in range(1, 13)}
        | {"s2020.pillar.resilience", "s2020.pillar.mobility", "s2020.pillar.governance"}
        | {f"s2020.sp{i}" for i in range(1, 5)}
        | {f"migof.p{i}" for i in range(1, 4)}
        | {f"migof.o{i}" for i in range(1, 4)}
    )
    assert elements["element_id"].is_unique
    assert set(elements["element_id"]) == expected


def test_parents_exist_and_have_right_type(elements):
    by_id = elements.set_index("element_id")
    for r in records(elements):
        if r["parent_id"] is None:
            continue
        assert r["parent_id"] in by_id.index, r["element_id"]
        assert by_id.loc[r["parent_id"], "framework"] == r["framework"], r["element_id"]
    ptype = {
        r["element_id"]: by_id.loc[r["parent_id"], "element_type"] if r["parent_id"] else None
        for r in records(elements)
    }
    for r in records(elements):
        if r["element_type"] == "thematic_objective":
            assert ptype[r["element_id"]] == "thematic_area", r["element_id"]
        if r["element_type"] == "strategic_priority":
            assert ptype[r["element_id"]] == "pillar", r["element_id"]
        if r["element_type"] == "strategic_objective":
            assert ptype[r["element_id"]] == "goal", r["element_id"]


def test_priorities_under_published_pillars(elements):
    parent = elements.set_index("element_id")["parent_id"].to_dict()
    assert parent["s2020.sp1"] == "s2020.pillar.resilience"
    assert parent["s2020.sp2"] == "s2020.pillar.resilience"
    assert parent["s2020.sp3"] == "s2020.pillar.mobility"
    assert parent["s2020.sp4"] == "s2020.pillar.governance"


def test_every_thematic_area_has_an_objective(elements):
    tas = set(elements.loc[elements["element_type"] == "thematic_area", "element_id"])
    used = set(elements.loc[elements["element_type"] == "thematic_objective", "parent_id"])
    assert tas == used


def test_elements_provenance_and_text(elements, source_ids):
    for col in ["title", "description", "source_id", "source_section", "sort_order", "code"]:
        assert elements[col].notna().all(), col
    assert set(elements["source_id"]) <= source_ids
    for fw, grp in elements.groupby("framework"):
        orders = sorted(int(x) for x in grp["sort_order"])
        assert orders == list(range(1, len(grp) + 1)), fw


def test_element_texts_are_verbatim(elements, seed_text):
    for r in records(elements):
        doc = seed_text[r["source_id"]]
        assert _norm(r["description"]) in doc, r["element_id"]
        assert _norm(r["title"]) in doc, r["element_id"]


# ---------------------------------------------------------------- key figures
UNITS = {"persons", "percent", "usd", "count", "ratio", "years", "rank"}


def test_table_a1_values_present(figures):
    a1 = figures[
        figures["source_section"].str.contains("Table A1", na=False)
        & (figures["source_id"] == "iom_seeeca_strategy_2020_2024")
    ]
    values = sorted(float(v) for v in a1["value"])
    assert values == sorted([20, 1600, 48, 234_000_000, 371, 36])
    staff = a1[a1["value"].astype(float) == 1600].iloc[0]
    assert ">" in staff["label"] and ">" in staff["quote"]
    budget = a1[a1["value"].astype(float) == 234_000_000].iloc[0]
    assert budget["unit"] == "usd" and budget["year"] == "2019"


def test_key_figures_box_2013_complete(figures):
    box = figures[
        figures["source_section"].str.contains("key figures", na=False)
        & (figures["source_id"] == "iom_seeeca_strategy_2015_2020")
    ]
    values = {float(v) for v in box["value"]}
    for v in [
        29_000_000,
        12,
        7.5,
        3,
        11_000_000,
        5,
        54,
        48,
        9,
        4.7,
        37_000_000,
        16,
        9.7,
        52.5,
        46.5,
        31.7,
        6,
        48_000,
        40_000,
        34_000,
        2_000_000,
        118_000,
        700_000,
        60,
        75,
        800_000,
        282_000,
        50,
        73_000,
        110_000,
    ]:
        assert v in values, v
    assert len(box) >= 35


def test_outlook_and_factsheet_figures_present(figures):
    pairs = {(r["source_id"], float(r["value"])) for r in records(figures)}
    s20 = "iom_seeeca_strategy_2020_2024"
    for v in [56, 63, 27.6, 60316, 30.8, 21, 2000, 2_200_000, 6_000_000, 4_000_000, 400_000_000]:
        assert (s20, v) in pairs, v
    fs = "iom_seeeca_factsheet_avrr_ct"
    assert (fs, 330_000) in pairs and (fs, 46_000) in pairs


def test_key_figures_columns(figures, source_ids):
    assert figures["figure_id"].is_unique
    assert figures["figure_id"].str.fullmatch(r"[a-z0-9_]+").all()
    assert figures["unit"].isin(UNITS).all()
    assert set(figures["source_id"]) <= source_ids
    for col in ["topic", "label", "value", "unit", "scope", "quote", "source_section"]:
        assert figures[col].notna().all(), col
    for r in records(figures):
        float(r["value"])
        if r["year"] is not None:
            assert re.fullmatch(r"(19|20)\d\d", r["year"]), r["figure_id"]
        scope = r["scope"]
        assert scope in {"region", "country", "world", "iom_global"} or scope.startswith(
            "subregion:"
        ), r["figure_id"]
        if scope == "country":
            assert r["iso3"] in REGION_ISO3, r["figure_id"]
        else:
            assert r["iso3"] is None, r["figure_id"]


def test_each_quote_prints_its_value(figures):
    bad = [
        r["figure_id"]
        for r in records(figures)
        if not quote_has_value(r["quote"], float(r["value"]))
    ]
    assert not bad, bad


def test_quotes_are_verbatim(figures, seed_text):
    bad = [
        r["figure_id"]
        for r in records(figures)
        if _norm(r["quote"]) not in seed_text[r["source_id"]]
    ]
    assert not bad, bad


# ---------------------------------------------------------------- outlook
FAMILIES = {
    "migrant_stock",
    "migrant_share",
    "female_share",
    "emigrants",
    "remittances_usd",
    "remittances_gdp",
    "net_migration",
    "refugees_hosted",
    "refugees_originating",
    "asylum_seekers",
    "idps",
    "population",
}
EXPECTATIONS = {"increase", "decrease", "stay_high", "stay_low", "persist"}


def test_outlook_statements(statements, elements, source_ids):
    assert statements["statement_id"].is_unique
    assert statements["testable"].isin(["true", "false"]).all()
    assert statements["element_id"].isin(set(elements["element_id"])).all()
    assert set(statements["source_id"]) <= {
        "iom_seeeca_strategy_2015_2020",
        "iom_seeeca_strategy_2020_2024",
    }
    assert statements["source_id"].nunique() == 2
    for col in ["statement", "theme", "source_section"]:
        assert statements[col].notna().all(), col


def test_outlook_statements_verbatim(statements, seed_text):
    bad = [
        r["statement_id"]
        for r in records(statements)
        if _norm(r["statement"]) not in seed_text[r["source_id"]]
    ]
    assert not bad, bad


def test_outlook_links(links, statements):
    testable = dict(zip(statements["statement_id"], statements["testable"], strict=False))
    for r in records(links):
        assert r["statement_id"] in testable, r["statement_id"]
        assert testable[r["statement_id"]] == "true", r["statement_id"]
        assert r["indicator_family"] in FAMILIES, r["indicator_family"]
        assert r["expectation"] in EXPECTATIONS, r["expectation"]
        assert r["rationale"], r["statement_id"]
        if r["iso3_scope"] is not None:
            codes = r["iso3_scope"].split(";")
            assert set(codes) <= REGION_ISO3, r["iso3_scope"]
            assert len(codes) == len(set(codes)), r["iso3_scope"]
    linked = set(links["statement_id"])
    for sid, t in testable.items():
        if t == "true":
            assert sid in linked, sid
    assert not links.duplicated(["statement_id", "indicator_family", "iso3_scope"]).any()


# ---------------------------------------------------------------- glossary


def test_glossary(glossary, elements, source_ids, areas):
    assert glossary["term"].is_unique
    missing = set(GLOSSARY_TERMS_USED) - set(glossary["term"])
    assert not missing, missing
    names = set(areas.loc[areas["programmatic_area"] != "multiregional", "name_as_published"])
    assert names <= set(glossary["term"])
    ids = set(elements["element_id"])
    for r in records(glossary):
        assert r["definition"] and len(r["definition"]) <= 450, r["term"]
        assert r["related_element_id"] is None or r["related_element_id"] in ids, r["term"]
        assert r["source_id"] in source_ids and r["source_section"], r["term"]


# ---------------------------------------------------------------- crosswalk
def test_crosswalk_ids_exist(crosswalk, elements, areas, source_ids):
    el = set(elements["element_id"])
    pa = set(areas["programmatic_area"])
    for r in records(crosswalk):
        assert r["from_element_id"] in el | pa, r["from_element_id"]
        assert r["to_kind"] in {"strategy_element", "programmatic_area"}
        target = el if r["to_kind"] == "strategy_element" else pa
        assert r["to_id"] in target, r["to_id"]
        assert r["to_id"] != "multiregional" and r["from_element_id"] != "multiregional"
        assert r["relation"] in {"continues", "funded_under", "contributes_to", "related"}
        assert r["basis"] in {"document", "judgement"}
        assert r["justification"], (r["from_element_id"], r["to_id"])
        if r["basis"] == "judgement":
            assert "judgement" in r["justification"].lower(), (r["from_element_id"], r["to_id"])
        else:
            assert '"' in r["justification"], (
                r["from_element_id"],
                r["to_id"],
            )  # quotes the document
        assert r["source_id"] in source_ids
    assert not crosswalk.duplicated(["from_element_id", "to_id"]).any()


def test_crosswalk_coverage(crosswalk, elements, areas):
    mentioned = set(crosswalk["from_element_id"]) | set(crosswalk["to_id"])
    needed = set(
        elements.loc[
            elements["element_type"].isin(["strategic_priority", "thematic_area"]), "element_id"
        ]
    )
    needed |= set(areas.loc[areas["programmatic_area"] != "multiregional", "programmatic_area"])
    assert needed <= mentioned, needed - mentioned


def test_drilldown_is_a_tree(crosswalk, elements, areas):
    parent = elements.set_index("element_id")["parent_id"].to_dict()
    etype = elements.set_index("element_id")["element_type"].to_dict()
    pas = set(areas.loc[areas["programmatic_area"] != "multiregional", "programmatic_area"])
    tas = {e for e, t in etype.items() if t == "thematic_area"}

    fu = crosswalk[crosswalk["relation"] == "funded_under"]
    assert (fu["to_kind"] == "programmatic_area").all()
    assert fu["from_element_id"].map(etype).eq("thematic_area").all()
    assert fu["to_id"].is_unique and set(fu["to_id"]) == pas  # one primary area each
    pa_to_ta = dict(zip(fu["to_id"], fu["from_element_id"], strict=False))

    co = crosswalk[crosswalk["relation"] == "continues"]
    assert (co["to_kind"] == "strategy_element").all()
    assert co["from_element_id"].map(etype).eq("strategic_priority").all()
    assert co["to_id"].is_unique and set(co["to_id"]) == tas  # one primary priority each
    ta_to_sp = dict(zip(co["to_id"], co["from_element_id"], strict=False))

    for pa in pas:
        ta = pa_to_ta[pa]
        sp = ta_to_sp[ta]
        assert etype[parent[sp]] == "pillar", pa
    # every priority is reachable from some thematic area
    assert set(ta_to_sp.values()) == {e for e, t in etype.items() if t == "strategic_priority"}


def test_programmatic_areas_have_one_migof_element(crosswalk, areas):
    ct = crosswalk[crosswalk["relation"] == "contributes_to"]
    assert ct["to_id"].str.startswith("migof.").all()
    pas = set(areas.loc[areas["programmatic_area"] != "multiregional", "programmatic_area"])
    assert ct["from_element_id"].is_unique and set(ct["from_element_id"]) == pas


# ---------------------------------------------------------------- notes
def test_notes_file(source_ids):
    notes = load("_notes/strategy_figures.csv")
    assert list(notes.columns) == [
        "issue_id",
        "check_name",
        "subject",
        "expected",
        "published",
        "source_id",
        "source_section",
        "note",
    ]
    assert notes["issue_id"].is_unique
    assert set(notes["source_id"]) <= source_ids
    assert len(notes) >= 5

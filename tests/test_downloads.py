"""CSV downloads never carry a formula: text cells starting with =, +, -, @, a tab or a carriage
return get a leading apostrophe (OWASP, CSV injection) and stay readable; numbers stay numbers.

Every download button of every page is found under AppTest (tables and findings opened, so the
buttons built only on demand are there too); the data each would send is taken from Streamlit's
media file manager, whose methods are wrapped to record what they are given (and still run)."""

from __future__ import annotations

import ast
import csv
import io

import pandas as pd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from dashboard import config, downloads, navigation
from tests.apptest_helpers import FINDINGS_PREFIX, TABS_PREFIX, open_page

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# --- the helper -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "=1+1",
        "+43 1 581 22 22",
        "-5 (estimate)",
        "@SUM(A1:A9)",
        "\t=cmd",
        "\r=cmd",
        "  =HYPERLINK(x)",
        "\uff1d1+1",
    ],
)
def test_formula_like_text_gets_an_apostrophe(value):
    assert downloads.neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Vienna", "IOM = International Organization", "", 5, -5.5, None])
def test_other_values_are_unchanged(value):
    assert downloads.neutralise(value) == value


def test_csv_bytes_neutralises_text_and_headers_and_keeps_numbers():
    table = pd.DataFrame(
        {
            "=name": ["+43 1 581", 'say "=x", then', "Vienna", None],
            "net migration": [-520043, 12, 0, -1],
            "share": pd.array([-1.5, 2.0, None, 3.25], dtype="Float64"),
            "note": pd.array(["@home", "-", "ok", pd.NA], dtype="string"),
        }
    )
    rows = list(csv.reader(io.StringIO(downloads.csv_bytes(table).decode("utf-8-sig"))))
    assert rows[0] == ["'=name", "net migration", "share", "note"]
    assert rows[1] == ["'+43 1 581", "-520043", "-1.5", "'@home"]
    assert rows[2] == ['say "=x", then', "12", "2.0", "'-"]
    assert rows[4] == ["", "-1", "3.25", ""]
    assert table.iloc[0, 0] == "+43 1 581", "the shown table is not modified"


# --- every download button of the app ---------------------------------------------------------


@pytest.fixture()
def recorded(monkeypatch):
    """What every download button handed Streamlit: (file name, mimetype, bytes)."""
    found: list[tuple[str, str, object]] = []
    original_add, original_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def add(self, path_or_data, mimetype, coordinates, file_name=None, **kwargs):
        if file_name is not None:
            found.append((file_name, mimetype, path_or_data))
        return original_add(self, path_or_data, mimetype, coordinates, file_name, **kwargs)

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        found.append((file_name or "", mimetype or "", data_callable))
        return original_deferred(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add", add)
    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return found


def open_everything(page: str):
    """The page with every chart's table tab and every findings expander open."""
    at = open_page(page)
    tabs = [k for k in at.session_state.keys() if str(k).startswith(TABS_PREFIX)]
    expanders = [k for k in at.session_state.keys() if str(k).startswith(FINDINGS_PREFIX)]
    for key in tabs:
        at.session_state[key] = "Table"
    for key in expanders:
        at.session_state[key] = True
    if tabs or expanders:
        at.run()
        assert not at.exception, [e.value for e in at.exception]
    return at


def csv_cells(data) -> list[str]:
    payload = data() if callable(data) else data
    text = payload.decode("utf-8-sig") if isinstance(payload, bytes) else str(payload)
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def number(cell: str) -> bool:
    """A plain number (a negative one is data a spreadsheet reads as a number, not a formula)."""
    try:
        float(cell)
    except ValueError:
        return False
    return True


PAGES = [page.path for page in navigation.existing()]


@pytest.mark.parametrize("page", PAGES)
def test_every_csv_download_of_the_page_is_free_of_formulas(page, recorded, warehouse_path):
    at = open_everything(page)
    buttons = at.get("download_button")
    csvs = [(name, data) for name, mime, data in recorded if mime == "text/csv"]
    assert len(csvs) >= len([b for b in buttons if b.label == "Download CSV"]) or not buttons
    for name, data in csvs:
        cells = csv_cells(data)
        assert cells, f"{page}: {name} is empty"
        unsafe = [c for c in cells if c.lstrip(" ").startswith(FORMULA_STARTS) and not number(c)]
        assert not unsafe, f"{page}: {name} has formula-like cells {unsafe[:5]}"


def test_office_telephone_numbers_download_as_readable_text(recorded, warehouse_path):
    """The offices table holds numbers such as +43 1 581 22 22: each becomes '+43 ... as text."""
    open_everything(url_params_map())
    cells = [c for name, mime, data in recorded if mime == "text/csv" for c in csv_cells(data)]
    assert "'+43 1 581 22 22" in cells, [c for c in cells if "+" in c][:5]
    assert not [c for c in cells if c.startswith("+")]


def url_params_map() -> str:
    return next(page.path for page in navigation.PAGES if page.section == "Map")


def download_sites() -> list[str]:
    """Every st.download_button call in the app's code, as file:function."""
    sites = []
    for path in sorted(
        [*config.PACKAGE_DIR.rglob("*.py"), *(config.REPO_ROOT / "pages").glob("*.py")]
    ):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)] + [tree]:
            body = (
                function.body
                if isinstance(function, ast.FunctionDef)
                else [n for n in tree.body if not isinstance(n, ast.FunctionDef | ast.ClassDef)]
            )
            for node in (n for statement in body for n in ast.walk(statement)):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "download_button"
                ):
                    name = function.name if isinstance(function, ast.FunctionDef) else "<page>"
                    sites.append(f"{path.relative_to(config.REPO_ROOT)}:{name}")
    return sites


# Where each download button is, and what it sends; CSV ones go through downloads.csv_bytes.
DOWNLOAD_SITES = {
    "src/dashboard/ui.py:table_view": "csv",
    "src/dashboard/ui.py:static_table": "csv",
    "src/dashboard/views/outlook.py:scorecard": "csv",
    "src/dashboard/views/briefing.py:png_download": "png",
    "src/dashboard/views/briefing.py:export_panel": "pptx, pdf, png",
}


def test_every_download_button_in_the_code_is_accounted_for():
    found = download_sites()
    assert sorted(set(found)) == sorted(DOWNLOAD_SITES), found
    for path in {site.split(":")[0] for site, kind in DOWNLOAD_SITES.items() if kind == "csv"}:
        text = (config.REPO_ROOT / path).read_text(encoding="utf-8")
        assert "to_csv(" not in text and "downloads.csv_bytes(" in text, path

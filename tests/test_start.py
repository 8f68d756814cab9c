"""The README's start command (scripts/dashboard.sh) runs `python -m dashboard.start`: Streamlit's
server plus a warm-up that runs the default page as soon as the server answers, so the first
browser finds the first run's work done. A real server on a free port; no browser needed."""

from __future__ import annotations

import re
import time
import urllib.request

from dashboard import start
from tests.browser.harness import page_files, streamlit_server

WARMED = re.compile(r"warm-up: port (\d+): 1 page\(s\) warmed in [\d.]+ s$", re.MULTILINE)
# Then every page (the default one again, warm by then).
ALL_WARMED = re.compile(r"warm-up: port \d+: (\d+) page\(s\) warmed in [\d.]+ s$", re.MULTILINE)


def test_options_are_read_as_streamlit_takes_them():
    args = ["--server.address", "0.0.0.0", "--server.port=8600", "--theme.base", "light"]
    assert start._option(args, "--server.port", "8501") == "8600"
    assert start._option(args, "--server.address", "localhost") == "0.0.0.0"
    assert start._option(["--server.headless", "true"], "--server.port", "8501") == "8501"


def test_the_server_starts_and_warms_its_default_page_before_anyone_asks(warehouse_path, tmp_path):
    with streamlit_server(warehouse_path, tmp_path, warm=True) as base_url:
        port = int(base_url.rsplit(":", 1)[1])
        log = tmp_path / f"streamlit-{port}.log"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not WARMED.search(log.read_text()):
            time.sleep(0.2)
        text = log.read_text()
        assert WARMED.search(text), text[-2000:]
        assert int(WARMED.search(text).group(1)) == port
        assert "exceptions" not in text and "Traceback" not in text, text[-2000:]
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=5) as answer:
            assert answer.status == 200
        # A few seconds later every other page, without an exception.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(ALL_WARMED.findall(log.read_text())) < 2:
            time.sleep(0.5)
        text = log.read_text()
        counts = [int(count) for count in ALL_WARMED.findall(text)]
        assert counts[:1] == [1] and len(counts) == 2, text[-2000:]
        assert counts[1] == len(page_files()), text[-2000:]
        assert "exceptions" not in text and "warm-up failed" not in text, text[-2000:]

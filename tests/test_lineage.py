"""The page-to-tables lineage under concurrent sessions: every session's thread may ask for it
at once (the Data and sources page does, on each run), and it must neither fail nor differ."""

from __future__ import annotations

import gc
import threading
import time

from dashboard import config, lineage

PAGE = config.REPO_ROOT / "pages" / "data_sources.py"


class _Finalised:
    """Garbage whose finaliser runs Python code and lets the GIL go, as the garbage of a busy
    server (frames, plotly and pandas objects) does while another session parses."""

    def __del__(self) -> None:
        time.sleep(0)


def _litter() -> None:
    for _ in range(5):
        item = _Finalised()
        item.cycle = item  # freed by the next young collection, in the middle of a parse


def test_sessions_reading_the_lineage_at_once_all_get_it():
    """Eight sessions open the page together, each at another stack depth, while collections run
    finalisers: with CPython 3.11's ast (python/cpython#106905) unguarded, parses interleave and
    fail with "AST constructor recursion depth mismatch"."""
    expected = lineage.file_tables(PAGE)
    results, errors = [], []

    def session(depth: int) -> None:
        if depth:
            return session(depth - 1)
        try:
            for _ in range(2):
                _litter()
                results.append(lineage.file_tables(PAGE))
        except Exception as error:  # noqa: BLE001 (any failure of any session is the finding)
            errors.append(f"{type(error).__name__}: {error}")

    thresholds = gc.get_threshold()
    gc.set_threshold(20, 1000, 1000)  # young collections only, and often
    try:
        sessions = [threading.Thread(target=session, args=(7 * n,)) for n in range(8)]
        for thread in sessions:
            thread.start()
        for thread in sessions:
            thread.join()
    finally:
        gc.set_threshold(*thresholds)
    assert errors == [], errors[:3]
    assert len(results) == 16 and all(tables == expected for tables in results)


def test_the_page_map_is_worked_out_once_for_sessions_asking_together():
    lineage._tables_by_page.cache_clear()
    maps = []
    threads = [
        threading.Thread(target=lambda: maps.append(lineage.tables_by_page())) for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(maps) == 4 and all(found is maps[0] for found in maps)

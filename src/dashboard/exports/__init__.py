"""Briefing exports: the deck as PowerPoint and PDF, and a one-page country summary. Pure.

One job per module: `renderer` (maps to PNG through kaleido and the system Chromium), `layout`
(where everything of a slide goes, shared by both files), `powerpoint` (python-pptx, native
charts), `pdf` (reportlab, embedded font, vector charts), `onepage` (the A4 "country at a glance").
`python -m dashboard.exports [--lang ru] [--country ISO3] --out FILE [--one-page]` builds one
from a script; bench/run.py times them.

Every export is written in the language of its briefing (Briefing.lang: the texts of the screens
are written when it is built): the framing words the exports add (source lines, speaker notes,
the one-pager's headings, the files' metadata) follow it, so a file never mixes two languages.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from dataclasses import dataclass

from dashboard.briefing import Briefing
from dashboard.exports import onepage, pdf, powerpoint
from dashboard.exports.renderer import (
    ChartRenderer,
    Progress,
    RendererUnavailable,
    offline_page,
    render_pictures,
    renderer_path,
    renderer_problem,
    slide_figure,
)
from dashboard.i18n import _, using

PPTX_MIME = powerpoint.MIME
PDF_MIME = pdf.MIME
FORMATS = ("pptx", "pdf")

__all__ = [
    "PDF_MIME",
    "PPTX_MIME",
    "ChartRenderer",
    "Export",
    "RendererUnavailable",
    "build_deck",
    "export",
    "offline_page",
    "one_page_pdf",
    "renderer_path",
    "renderer_problem",
    "slide_figure",
]


@dataclass(frozen=True)
class Export:
    pptx: bytes
    pdf: bytes
    pngs: dict[str, bytes]  # the slides' pictures (maps) by screen key
    seconds: float


@contextlib.contextmanager
def _in_language(briefing: Briefing, lang: str | None) -> Iterator[None]:
    """The export runs in the briefing's language; asking for another one is a mistake (the
    screens' texts would stay in the briefing's), so it is refused rather than mixed."""
    if lang is not None and lang != briefing.lang:
        raise ValueError(
            f"This briefing was built in {briefing.lang!r}; build it in {lang!r} to export it so."
        )
    with using(briefing.lang):
        yield


def export(
    briefing: Briefing,
    renderer: ChartRenderer | None = None,
    progress: Progress | None = None,
    lang: str | None = None,
) -> Export:
    """Maps rendered once, then both the PowerPoint and the PDF built from the same layout, in
    the briefing's language (`lang`, if given, must be it)."""
    with _in_language(briefing, lang):
        start = time.perf_counter()
        pictures = render_pictures(briefing, renderer, progress)
        if progress:
            progress(len(pictures), len(pictures), _("assembling the PowerPoint deck and the PDF"))
        return Export(
            powerpoint.pptx_bytes(briefing, pictures),
            pdf.pdf_bytes(briefing, pictures),
            pictures,
            time.perf_counter() - start,
        )


def build_deck(
    briefing: Briefing,
    fmt: str = "pptx",
    renderer: ChartRenderer | None = None,
    progress: Progress | None = None,
    lang: str | None = None,
) -> bytes:
    """The briefing as 'pptx' or 'pdf' bytes in its language; callable without streamlit."""
    builders = {"pptx": powerpoint.pptx_bytes, "pdf": pdf.pdf_bytes}
    if fmt not in builders:
        raise ValueError(f"Unknown export format {fmt!r}; use 'pptx' or 'pdf'.")
    with _in_language(briefing, lang):
        return builders[fmt](briefing, render_pictures(briefing, renderer, progress))


def one_page_pdf(briefing: Briefing, lang: str | None = None) -> bytes:
    """The A4 portrait "country at a glance" of a country briefing, in its language."""
    with _in_language(briefing, lang):
        return onepage.pdf_bytes(briefing)

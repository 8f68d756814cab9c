"""Briefing exports: the deck as PowerPoint and PDF, and a one-page country summary. Pure.

One job per module: `renderer` (maps to PNG through kaleido and the system Chromium), `layout`
(where everything of a slide goes, shared by both files), `powerpoint` (python-pptx, native
charts), `pdf` (reportlab, embedded font, vector charts), `onepage` (the A4 "country at a glance").
`python -m dashboard.exports [--country ISO3] --out FILE [--one-page]` builds one from a script;
bench/run.py times them.
"""

from __future__ import annotations

import time
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


def export(
    briefing: Briefing, renderer: ChartRenderer | None = None, progress: Progress | None = None
) -> Export:
    """Maps rendered once, then both the PowerPoint and the PDF built from the same layout."""
    start = time.perf_counter()
    pictures = render_pictures(briefing, renderer, progress)
    if progress:
        progress(len(pictures), len(pictures), "assembling the PowerPoint deck and the PDF")
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
) -> bytes:
    """The briefing as 'pptx' or 'pdf' bytes; callable without streamlit."""
    builders = {"pptx": powerpoint.pptx_bytes, "pdf": pdf.pdf_bytes}
    if fmt not in builders:
        raise ValueError(f"Unknown export format {fmt!r}; use 'pptx' or 'pdf'.")
    return builders[fmt](briefing, render_pictures(briefing, renderer, progress))


def one_page_pdf(briefing: Briefing) -> bytes:
    """The A4 portrait "country at a glance" of a country briefing."""
    return onepage.pdf_bytes(briefing)

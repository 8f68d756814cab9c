"""The chart renderer: plotly figures to PNG through kaleido and the system Chromium. Pure.

Only what a slide shows as a picture (the offices map) and the app's per-chart PNG downloads are
rendered; bars and lines go into the PowerPoint and the PDF as native charts and vector graphics.
Never a downloaded browser; MathJax off and plotly.js from the installed package, so no page is
fetched.
"""

from __future__ import annotations

import asyncio
import atexit
import os
import shutil
import threading
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import plotly
import plotly.graph_objects as go

from dashboard.briefing import Briefing
from dashboard.i18n import N_, _

BROWSER_ENV = "BROWSER_PATH"
SYSTEM_BROWSERS = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome")
INSTALL_HINT = N_(
    "Exports draw charts with a headless Chromium, and none was found{where}. Install it "
    "(Debian/Ubuntu: `apt-get install -y chromium`) or set the environment variable "
    "{variable} to a Chrome or Chromium executable, then restart the app. The dashboard "
    "itself works without it; the charts' camera icon still saves a PNG in the browser."
)
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
RENDER_TIMEOUT_S = 90

CHART_PX = (1200, 520)  # CSS pixels of an exported chart; rendered at CHART_SCALE
CHART_SCALE = 2
MAP_PX = (
    1150,
    430,
)  # the offices map of a slide at MAP_SCALE: the shape of its box, sharp in print
MAP_SCALE = 3
CHART_FONT = 20
# style.FONT_FAMILY lists "Source Sans 3", which CSS cannot parse unquoted (a name part starting
# with a digit), so Chromium drops the whole list and draws serif; exports name installed fonts.
EXPORT_FONT_FAMILY = "Liberation Sans, Arial, DejaVu Sans, sans-serif"

Progress = Callable[[int, int, str], None]


class RendererUnavailable(RuntimeError):
    """No headless browser to draw charts with; the message says how to get one."""


def _is_executable(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def renderer_path() -> str | None:
    """The Chromium to render with: $BROWSER_PATH if set (and only it), else a system install."""
    chosen = os.environ.get(BROWSER_ENV)
    if chosen is not None:
        return chosen if _is_executable(chosen) else None
    for candidate in SYSTEM_BROWSERS:
        if _is_executable(candidate):
            return candidate
    found = (shutil.which(name) for name in BROWSER_NAMES)
    return next((path for path in found if path), None)


def renderer_problem() -> str | None:
    """Why exports cannot render charts here, in words a user can act on; None when they can."""
    if renderer_path() is not None:
        return None
    chosen = os.environ.get(BROWSER_ENV)
    where = (
        _(" ({setting} is not an executable file)").format(setting=f"{BROWSER_ENV}={chosen!r}")
        if chosen is not None
        else ""
    )
    return _(INSTALL_HINT).format(where=where, variable=BROWSER_ENV)


def offline_page():
    """kaleido's render page with plotly.js from the installed package and MathJax off: by default
    kaleido would load MathJax from a CDN, which an offline machine cannot reach."""
    import kaleido

    return kaleido.PageGenerator(plotly=PLOTLY_JS.as_uri(), mathjax=False)


class ChartRenderer:
    """A headless Chromium kept open (via kaleido) that turns plotly figures into PNG bytes.

    Starting the browser costs about two seconds; each chart afterwards a fraction of one, so the
    app keeps one renderer warm. kaleido runs on its own event loop in a daemon thread, which keeps
    it independent of Streamlit's threads; calls from several sessions queue on that loop.
    """

    def __init__(self, browser: str | None = None) -> None:
        path = browser or renderer_path()
        if path is None or not _is_executable(path):
            raise RendererUnavailable(
                renderer_problem()
                or _(INSTALL_HINT).format(
                    where=_(" at {path}").format(path=path), variable=BROWSER_ENV
                )
            )
        self.browser = path
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="kaleido-renderer", daemon=True
        )
        self._thread.start()
        self._kaleido = None
        atexit.register(self.close)  # never leave a Chromium behind when the app stops
        try:
            self._kaleido = self._call(self._open(path))
        except Exception as error:
            self.close()
            raise RendererUnavailable(
                _("Chromium at {path} could not be started for exports ({error}).").format(
                    path=path, error=error
                )
            ) from error

    @staticmethod
    async def _open(path: str):
        import kaleido  # late: importing it is slow and only exports need it

        renderer = kaleido.Kaleido(
            path=path, page_generator=offline_page(), timeout=RENDER_TIMEOUT_S
        )
        await renderer.open()
        return renderer

    def _call(self, coroutine: Coroutine) -> Any:
        future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        try:
            return future.result(timeout=RENDER_TIMEOUT_S + 10)
        except TimeoutError as error:
            future.cancel()
            raise RendererUnavailable(
                _("Chart rendering timed out; try the export again.")
            ) from error

    @property
    def alive(self) -> bool:
        return self._kaleido is not None and self._thread.is_alive()

    def png(
        self,
        figure: go.Figure,
        width: int = CHART_PX[0],
        height: int = CHART_PX[1],
        scale: int = CHART_SCALE,
    ) -> bytes:
        """The figure as PNG bytes at width x height CSS pixels times scale."""
        if not self.alive:
            raise RendererUnavailable(_("The chart renderer has stopped; try the export again."))
        options = {"format": "png", "width": width, "height": height, "scale": scale}
        return self._call(self._kaleido.calc_fig(figure, opts=options))

    def close(self) -> None:
        if self._kaleido is not None:
            try:
                self._call(self._kaleido.close())
            except Exception:  # noqa: BLE001 - closing a broken browser must not raise
                pass
            self._kaleido = None
        if self._loop.is_running():
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

    def __enter__(self) -> ChartRenderer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def slide_figure(figure: go.Figure) -> go.Figure:
    """A copy of the figure sized for a slide: larger type, the insight is the slide's title."""
    copy = go.Figure(figure)
    copy.update_layout(
        font={"size": CHART_FONT, "family": EXPORT_FONT_FAMILY},
        title={"font": {"size": CHART_FONT + 2}},
        legend={"font": {"size": CHART_FONT - 2}},
        margin={"l": 20, "r": 30, "t": 60, "b": 20},
    )
    return copy


def picture_figures(briefing: Briefing) -> dict[str, go.Figure]:
    """The slides drawn as pictures (maps), by screen key: bars and lines are drawn natively."""
    return {
        screen.key: screen.slide_figure
        for screen in briefing.screens
        if screen.chart is None and screen.slide_figure is not None
    }


def render_pictures(
    briefing: Briefing, renderer: ChartRenderer | None = None, progress: Progress | None = None
) -> dict[str, bytes]:
    """PNG bytes of every picture of the briefing's slides (opens a renderer if none is given)."""
    figures = picture_figures(briefing)
    if not figures:
        return {}
    if renderer is None:
        with ChartRenderer() as own:
            return render_pictures(briefing, own, progress)
    images = {}
    for done, (key, figure) in enumerate(figures.items()):
        if progress:
            progress(done, len(figures), figure.layout.title.text or key)
        images[key] = renderer.png(slide_figure(figure), *MAP_PX, MAP_SCALE)
    if progress:
        progress(len(figures), len(figures), _("maps rendered"))
    return images

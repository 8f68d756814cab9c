"""In a real browser, markdown in a link's values stays text: no image is fetched from another
host, no link to it is drawn, and the warning names the value as typed. Screenshots go to
artifacts/screenshots/."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.browser.harness import assert_offline_and_clean, open_page, screenshot

pytestmark = pytest.mark.browser

EVIL = "evil.example"
CASES = {
    "image-in-country": ("/", "country", f"![x](http://{EVIL}/x.png)"),
    "phishing-link-in-theme": ("/trends", "theme", f"[Sign in again](http://{EVIL}/)"),
    "styling-in-glossary-search": ("/glossary", "q", f"**bold** :red[red] $x^2$ www.{EVIL}"),
    "link-in-briefing-country": ("/briefing", "iso3", f"[Sign in again](http://{EVIL}/)"),
}
OUTSIDE_ELEMENTS = f"""() => [...document.querySelectorAll('a, img, [src], [href]')]
    .map((element) => element.outerHTML.slice(0, 200))
    .filter((html) => html.includes('{EVIL}'))"""


@pytest.mark.parametrize("name", CASES)
def test_markdown_from_a_link_is_shown_as_text(app_page, app_server, name):
    path, param, value = CASES[name]
    open_page(app_page, app_server, f"{path}?{param}={quote(value, safe='')}")
    app_page.wait_for_timeout(1000)
    screenshot(app_page, f"hostile-{name}")
    assert app_page.evaluate(OUTSIDE_ELEMENTS) == [], "an element points at the outside host"
    assert_offline_and_clean(app_page, app_page.record)  # no request left this machine
    # The value is named as typed (shortened past 40 characters), not rendered.
    shown = app_page.locator('[data-testid="stAlert"], [data-testid="stCaptionContainer"]')
    text = " ".join(shown.all_inner_texts()).replace("\u2060", "")
    assert value[:40] in text, text[:500]
    assert app_page.locator("[data-testid='stMain'] strong:text-is('bold')").count() == 0

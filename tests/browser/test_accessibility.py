"""WCAG 2.1 AA on every page, measured by axe-core (tests/browser/package.json, installed by
scripts/test.sh with `npm ci`) injected into the real app in Chromium.

Zero violations, except the few Streamlit itself causes in markup the app cannot reach; each is
listed in STREAMLIT_OWNED with its reason, matched by rule and element, so a violation of the
same rule in our own markup still fails.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from tests.browser.harness import ROOT, open_page, page_files, url_path

pytestmark = pytest.mark.browser

AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 A and AA, plus the best practices that catch skipped heading levels and landmarks with
# the same name.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@dataclass(frozen=True)
class Allowed:
    """A violation Streamlit causes: its axe rule, a CSS selector of the elements, and why."""

    rule: str
    selector: str
    reason: str


STREAMLIT_OWNED: tuple[Allowed, ...] = (
    Allowed(
        "list",
        '[data-testid="stSidebarNavItems"]',
        "Streamlit's sectioned page menu (st.navigation with sections) puts each section's heading "
        "and a wrapper <div> directly in its <ul>; the menu is Streamlit's markup, and the links "
        "in it have names and are reachable by keyboard.",
    ),
    Allowed(
        "listitem",
        '[data-testid="stSidebarNavItems"] li',
        "The same menu: its <li> items sit in those wrapper <div>s rather than directly in the "
        "<ul>.",
    ),
    Allowed(
        "svg-img-alt",
        '[data-testid="stMetric"] [role="graphics-symbol"]',
        "The sparkline of st.metric (chart_data) is drawn by Vega with an empty, unnamed "
        "'highlighted points' group; Streamlit offers no way to name it. The metric's value, "
        "year and change are text beside it, and the series is in the page's tables.",
    ),
)


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the page as drawn: rule, impact, help, nodes."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})
            .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
              nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                summary: n.failureSummary}))})))""",
        AXE_TAGS,
    )
    return result


def owned_by_streamlit(page, rule: str, target: str) -> bool:
    """True when the violation is one of STREAMLIT_OWNED: same rule, element matching its selector."""
    for allowed in STREAMLIT_OWNED:
        if allowed.rule == rule and page.evaluate(
            "([target, selector]) => document.querySelector(target)?.matches(selector) ?? false",
            [target, allowed.selector],
        ):
            return True
    return False


@pytest.mark.skipif(not AXE.exists(), reason="axe-core missing: cd tests/browser && npm ci")
@pytest.mark.parametrize("page_file", page_files())
def test_page_has_no_accessibility_violations(app_page, app_server, page_file):
    open_page(app_page, app_server, url_path(page_file))
    found = [
        {"rule": v["id"], "impact": v["impact"], "help": v["help"], **node}
        for v in axe_violations(app_page)
        for node in v["nodes"]
        if not owned_by_streamlit(app_page, v["id"], node["target"])
    ]
    assert not found, json.dumps(found, indent=1)

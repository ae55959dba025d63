"""axe-core in the real Chromium on every page, every language, at phone and desktop width."""
import json

import pytest

pytestmark = pytest.mark.browser

WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _violations(page, axe_source):
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", TAGS)
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_axe_has_no_violations(browser, site_server, pages, axe_source, width, javascript):
    w, h = WIDTHS[width]
    # bypass_csp lets axe itself be injected; the pages' own CSP is tested elsewhere.
    ctx = browser.new_context(viewport={"width": w, "height": h}, bypass_csp=True, java_script_enabled=True)
    if not javascript:
        # Show the page as it is without its scripts: block them, then let axe run.
        ctx.route("**/*.js", lambda route: route.abort())
    failures = {}
    try:
        page = ctx.new_page()
        for path in pages + ["/404.html"]:
            page.goto(site_server.origin + path)
            found = _violations(page, axe_source)
            if found:
                failures[path] = found
    finally:
        ctx.close()
    assert not failures, json.dumps(failures, indent=1, ensure_ascii=False)

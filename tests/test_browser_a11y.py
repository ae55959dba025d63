"""axe-core in the real Chromium on every page, every language, at phone and desktop width."""
import json

import pytest

from tests.sitebuild import SITE, own_addresses, sample_addresses

pytestmark = pytest.mark.browser

WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _violations(page, axe_source):
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", TAGS)
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]]


def _axe_pages(width: str, javascript: bool) -> list[str]:
    """Phone with JavaScript (how most visitors come, from a QR code): every page that has its own
    text in its language, and the sample's pages shown in the default language. The other three
    set-ups change only the chrome around the same content: the sample of every language."""
    sample = sample_addresses()
    if width == "phone" and javascript:
        own = [a for lang in SITE.languages for a in own_addresses(lang)]
        return list(dict.fromkeys(own + sample))
    return sample


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_axe_has_no_violations(browser, site_server, axe_source, width, javascript):
    w, h = WIDTHS[width]
    # bypass_csp lets axe itself be injected; the pages' own CSP is tested elsewhere.
    ctx = browser.new_context(viewport={"width": w, "height": h}, bypass_csp=True, java_script_enabled=True)
    if not javascript:
        # Show the page as it is without its scripts: block them, then let axe run.
        ctx.route("**/*.js", lambda route: route.abort())
    failures = {}
    try:
        page = ctx.new_page()
        for path in _axe_pages(width, javascript) + [f"/{lang.prefix}404.html" for lang in SITE.languages]:
            page.goto(site_server.origin + path)
            found = _violations(page, axe_source)
            if found:
                failures[path] = found
    finally:
        ctx.close()
    assert not failures, json.dumps(failures, indent=1, ensure_ascii=False)

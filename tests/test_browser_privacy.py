"""No page asks any host but the site's own for anything, and nothing is stored in the browser.

In Chromium on the browser sample (tests/sitebuild.browser_sample, see README "Browser tests");
what a page may ask for is in its markup, which tests/test_browser_exit.py checks on every page.
"""
from urllib.parse import urlsplit

import pytest

from tests.sitebuild import browser_sample

pytestmark = pytest.mark.browser


def test_every_request_stays_on_the_local_server(browser, site_server):
    ctx = browser.new_context()
    seen = []
    ctx.on("request", lambda request: seen.append(request.url))
    page = ctx.new_page()
    for path in browser_sample():
        page.goto(site_server.origin + path, wait_until="networkidle")
    ctx.close()
    local = urlsplit(site_server.origin).netloc
    foreign = sorted({url for url in seen if urlsplit(url).scheme not in ("data", "blob")
                      and urlsplit(url).netloc != local})
    assert seen, "no requests were recorded at all"
    assert not foreign, foreign


def test_failed_requests_are_none(browser, site_server):
    """Every asset a page asks for exists (no 404s for CSS, JS, icons or sitemaps)."""
    ctx = browser.new_context()
    bad = []
    ctx.on("response", lambda r: bad.append((r.status, r.url)) if r.status >= 400 else None)
    page = ctx.new_page()
    for path in browser_sample():
        page.goto(site_server.origin + path, wait_until="networkidle")
    ctx.close()
    assert not bad, bad

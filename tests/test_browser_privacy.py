"""No page asks any host but the site's own for anything, and everything it asks for exists.

Every page of every language, each until its load event (it asks for nothing later; search
fetches its engine only when the box is used, tested in tests/test_search_browser.py).
"""
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def traffic(browser, site_server, pages):
    """(every URL asked for, every response with an error status) over all pages, in one pass."""
    ctx = browser.new_context()
    seen, bad = [], []
    ctx.on("request", lambda request: seen.append(request.url))
    ctx.on("response", lambda r: bad.append((r.status, r.url)) if r.status >= 400 else None)
    page = ctx.new_page()
    for path in pages:
        page.goto(site_server.origin + path, wait_until="load")
    ctx.close()
    return seen, bad


def test_every_request_stays_on_the_local_server(traffic, site_server):
    seen, _ = traffic
    local = urlsplit(site_server.origin).netloc
    foreign = sorted({url for url in seen if urlsplit(url).scheme not in ("data", "blob")
                      and urlsplit(url).netloc != local})
    assert seen, "no requests were recorded at all"
    assert not foreign, foreign


def test_failed_requests_are_none(traffic):
    """Every asset a page asks for exists (no 404s for CSS, JS, icons or sitemaps)."""
    _, bad = traffic
    assert not bad, bad

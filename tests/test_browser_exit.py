"""The exit button and Shift×3 in the real Chromium, on every page type and every language."""
import json
import time
from urllib.parse import urlsplit

import pytest

from tests.sitebuild import ROOT, SITE

pytestmark = pytest.mark.browser

PAGE_TYPES = ["", "nara-relationer/", "barn-och-unga/", "hjalp/", "sakerhet-pa-natet/"]
PREFIXES = {lang.code: "/" + lang.prefix for lang in SITE.languages}
# Every page type in the default language; in every other language its start page and one more
# type, a different one per language, so together the languages cover every type.
CASES = [(SITE.default.code, "/" + slug) for slug in PAGE_TYPES] + [
    (lang, prefix + slug) for i, (lang, prefix) in enumerate(list(PREFIXES.items())[1:])
    for slug in ("", PAGE_TYPES[1 + i % (len(PAGE_TYPES) - 1)])]


def _open(context, url):
    page = context.new_page()
    page.goto(url)
    return page


@pytest.mark.parametrize("lang, path", CASES)
def test_button_is_labelled_visible_and_first_after_the_skip_links(browser, site_server, lang, path):
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    page = _open(ctx, site_server.origin + path)
    ui = SITE.ui(lang)
    exit_link = page.locator("#exit")
    assert exit_link.inner_text().strip() == ui["exit"]
    assert exit_link.get_attribute("rel").split() >= ["nofollow", "noreferrer"] or \
        {"nofollow", "noreferrer"} <= set(exit_link.get_attribute("rel").split())
    assert exit_link.is_visible()
    order = []
    for _ in range(3):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.className + '|' + document.activeElement.textContent.trim()"))
    assert order == [f"skip skip--exit|{ui['exit_skip']}", f"skip|{ui['skip']}", f"exitbar__button|{ui['exit']}"]
    ctx.close()


@pytest.mark.parametrize("width, height", [(320, 640), (320, 256)], ids=["320px", "400pct-zoom"])
def test_button_stays_in_view_when_scrolled_and_does_not_cover_content(browser, site_server, width, height):
    ctx = browser.new_context(viewport={"width": width, "height": height})
    for path in ["/nara-relationer/", "/ar/nara-relationer/"]:
        page = _open(ctx, site_server.origin + path)
        bar = page.locator(".exitbar").bounding_box()
        h1 = page.locator("h1").bounding_box()
        assert bar["y"] + bar["height"] <= h1["y"], "the exit bar overlaps the heading"
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        box = page.locator("#exit").bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= height
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.close()
    ctx.close()


def test_click_blanks_the_page_and_clears_the_title_before_leaving(browser, site_server, exit_url):
    ctx = browser.new_context()
    # The page logs its own state the moment it changes, before the next page can load.
    ctx.add_init_script("""
        let clickAt = null;
        document.addEventListener('click', () => { clickAt = performance.now(); }, true);
        new MutationObserver(() => {
            if (!document.documentElement.classList.contains('exiting')) return;
            console.log('EXITSTATE ' + JSON.stringify({title: document.title, url: location.href,
                display: getComputedStyle(document.body).display, ms: performance.now() - clickAt}));
        }).observe(document, {attributes: true, subtree: true, attributeFilter: ['class']});
    """)
    page = ctx.new_page()
    reports = []
    page.on("console", lambda m: reports.append(json.loads(m.text[10:])) if m.text.startswith("EXITSTATE ") else None)
    page.goto(site_server.origin + "/nara-relationer/")
    held = []
    page.route(exit_url + "**", lambda route: held.append(route))   # hold the next page back
    page.click("#exit", no_wait_after=True)
    deadline = time.time() + 10
    while not (held and reports) and time.time() < deadline:
        page.wait_for_timeout(25)
    assert held, "the browser never asked for the exit destination"
    assert reports, "the page never entered its exiting state"
    held[0].continue_()
    page.wait_for_url(exit_url)
    state = reports[0]
    assert state["url"] == site_server.origin + "/nara-relationer/"
    assert state["title"] == ""
    assert state["display"] == "none"
    assert 0 <= state["ms"] < 100, state
    print(f"click to blank page: {state['ms']:.1f} ms")
    # replace(): the exited page is not in the tab's history, so Back cannot return to it.
    page.go_back()
    assert "nara-relationer" not in page.url, page.url
    ctx.close()


def test_back_after_leaving_gives_a_usable_page(browser, site_server, exit_url):
    ctx = browser.new_context()
    page = _open(ctx, site_server.origin + "/")
    page.click(".content a[href$='nara-relationer/']")
    page.wait_for_url("**/nara-relationer/")
    page.click("#exit")
    page.wait_for_url(exit_url)
    page.go_back()
    page.wait_for_url(site_server.origin + "/")
    assert page.title()
    assert page.locator("h1").is_visible()
    # The same holds for a page restored from the back-forward cache with its exit state set.
    page.evaluate("""() => { document.documentElement.classList.add('exiting'); document.title = '';
        window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true})); }""")
    assert page.title() and page.locator("h1").is_visible()
    ctx.close()


@pytest.mark.parametrize("lang", PREFIXES)
def test_shift_three_times_leaves_and_is_announced(browser, site_server, exit_url, lang):
    ctx = browser.new_context()
    page = _open(ctx, site_server.origin + PREFIXES[lang] + "heder/")
    ui = SITE.ui(lang)
    page.keyboard.press("Shift")
    assert page.locator("[data-exit-status]").inner_text() == ui["shift_1"]
    page.keyboard.press("Shift")
    assert page.locator("[data-exit-status]").inner_text() == ui["shift_2"]
    page.keyboard.press("Shift")
    page.wait_for_url(exit_url)
    ctx.close()


def test_typing_capital_letters_does_not_leave(browser, site_server):
    ctx = browser.new_context()
    page = _open(ctx, site_server.origin + "/")
    for letter in "ABCDEF":
        page.keyboard.down("Shift")
        page.keyboard.press(f"Key{letter}")
        page.keyboard.up("Shift")
    page.wait_for_timeout(500)
    assert urlsplit(page.url).netloc == urlsplit(site_server.origin).netloc
    # A slow sequence (more than three seconds) does not leave either, and the reset is announced.
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_timeout(3300)
    assert page.locator("[data-exit-status]").inner_text() == SITE.ui(SITE.default.code)["shift_reset"]
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert urlsplit(page.url).netloc == urlsplit(site_server.origin).netloc
    ctx.close()


@pytest.mark.parametrize("how", ["ctrl", "middle"])
def test_a_new_tab_click_also_leaves_this_tab(browser, site_server, exit_url, how):
    ctx = browser.new_context()
    page = _open(ctx, site_server.origin + "/heder/")
    if how == "ctrl":
        page.click("#exit", modifiers=["Control"])
    else:
        page.click("#exit", button="middle")
    page.wait_for_url(exit_url)
    assert len(ctx.pages) == 1, "the exit link opened a second tab"
    ctx.close()


def test_without_javascript_the_link_still_leaves(browser, site_server, exit_url):
    ctx = browser.new_context(java_script_enabled=False)
    page = _open(ctx, site_server.origin + "/ar/hjalp/")
    page.click("#exit")
    page.wait_for_url(exit_url)
    ctx.close()


def test_nothing_is_stored_and_no_csp_violation_on_any_page(browser, site_server, pages):
    ctx = browser.new_context()
    ctx.add_init_script("""window.__csp = [];
        document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));""")
    console_errors = []
    page = ctx.new_page()
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    # Each page until its load event: it asks for nothing later and stores nothing later.
    for path in pages + ["/" + lang.prefix + "404.html" for lang in SITE.languages]:
        page.goto(site_server.origin + path, wait_until="load")
        page.keyboard.press("Shift")   # exercise the script too
        assert page.evaluate("window.__csp") == [], path
        storage = page.evaluate("""async () => ({
            local: localStorage.length, session: sessionStorage.length, cookie: document.cookie,
            idb: (await indexedDB.databases()).length, caches: (await caches.keys()).length })""")
        assert storage == {"local": 0, "session": 0, "cookie": "", "idb": 0, "caches": 0}, (path, storage)
    assert ctx.cookies() == []
    assert not console_errors, console_errors
    ctx.close()


def test_privacy_markup_on_every_page(site_dir, pages):
    import re
    for path in pages:
        html = (site_dir / path.strip("/") / "index.html").read_text(encoding="utf-8")
        assert '<meta name="referrer" content="no-referrer">' in html, path
        csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
        assert re.search(r"script-src 'self'( 'wasm-unsafe-eval')? 'sha256-", csp) and "unsafe-inline" not in csp, path
        for tag in re.findall(r'<a\b[^>]*href="https?://[^"]*"[^>]*>', html):
            rel = re.search(r'rel="([^"]*)"', tag)
            assert rel and {"noreferrer", "noopener"} <= set(rel.group(1).split()), (path, tag)


def test_safety_page_describes_the_configured_button():
    host = urlsplit(SITE.exit_url).netloc.removeprefix("www.")
    # Every language that has the page (one without it shows the Swedish page, checked here too).
    for lang in [code for code in PREFIXES if (ROOT / "docs" / code / "sakerhet-pa-natet.md").exists()]:
        text = (ROOT / "docs" / lang / "sakerhet-pa-natet.md").read_text(encoding="utf-8")
        assert SITE.ui(lang)["exit"] in text, lang
        assert host in text, (lang, host)
        assert "3" in text   # "three times within 3 seconds", as exit.js counts (WINDOW_MS = 3000)
    script = (ROOT / "docs" / "assets" / "js" / "exit.js").read_text(encoding="utf-8")
    assert "PRESSES_NEEDED = 3" in script and "WINDOW_MS = 3000" in script

"""What axe cannot see: keyboard path, focus, reflow, spacing, targets, language marks, print."""
import re
from pathlib import Path

import pytest

from tests.sitebuild import ROOT, SITE, own_addresses, sample_addresses

pytestmark = pytest.mark.browser

SAMPLE = sample_addresses()
SPACING_CSS = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
                    word-spacing: 0.16em !important; }
                 p { margin-bottom: 2em !important; }"""


@pytest.mark.parametrize("path", ["/", "/" + next(lang.prefix for lang in SITE.languages if lang.dir == "rtl") + "heder/"])
def test_keyboard_path_in_order_with_visible_focus(browser, site_server, path):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.goto(site_server.origin + path)
    groups = []
    for _ in range(10 + len(SITE.languages)):   # skip links, exit, each language, the header, then content
        page.keyboard.press("Tab")
        info = page.evaluate("""() => {
            const el = document.activeElement, cs = getComputedStyle(el);
            const group = el.matches('.skip') ? 'skip' : el.id === 'exit' ? 'exit'
                : el.closest('.languages') ? 'languages' : el.closest('.site-header') ? 'navigation'
                : el.closest('main') ? 'content' : 'other';
            const r = el.getBoundingClientRect();
            return {group, outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2,
                    shadow: cs.boxShadow !== 'none', visible: r.width > 0 && r.height > 0};
        }""")
        assert info["outline"] or info["shadow"], (len(groups), info)
        assert info["visible"], (len(groups), info)
        if not groups or groups[-1] != info["group"]:
            groups.append(info["group"])
    assert groups[:5] == ["skip", "exit", "languages", "navigation", "content"], groups
    ctx.close()


def test_reflow_at_320_px_without_horizontal_scrolling(browser, site_server, pages):
    ctx = browser.new_context(viewport={"width": 320, "height": 640})
    page = ctx.new_page()
    wide = []
    for path in pages:
        page.goto(site_server.origin + path)
        if page.evaluate("document.documentElement.scrollWidth") > 320:
            wide.append(path)
    ctx.close()
    assert not wide, wide


@pytest.mark.parametrize("path", SAMPLE)
def test_text_spacing_override_clips_nothing(browser, site_server, path):
    # A user's own style sheet (as the WCAG 1.4.12 bookmarklets apply) is not bound by the page's CSP.
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
    page = ctx.new_page()
    page.goto(site_server.origin + path)
    page.add_style_tag(content=SPACING_CSS)
    clipped = page.evaluate("""() => [...document.querySelectorAll('a, summary, h1, h2, h3, p, li')]
        .filter(el => { const cs = getComputedStyle(el);
            return (cs.overflow !== 'visible' || cs.overflowX !== 'visible') &&
                   (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1); })
        .map(el => el.outerHTML.slice(0, 80))""")
    assert not clipped, clipped
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    ctx.close()


def test_tap_targets_for_phone_links_and_exit_are_44px(browser, site_server):
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    for path in ["/", "/hjalp/", "/ar/hjalp/", "/en/vuxna/"]:
        page.goto(site_server.origin + path)
        sizes = page.evaluate("""() => [...document.querySelectorAll('a.tel, #exit')].map(el => {
            const r = el.getBoundingClientRect(); return [el.textContent.trim(), r.width, r.height]; })""")
        assert sizes, path
        small = [s for s in sizes if s[1] < 44 or s[2] < 44]
        assert not small, (path, small)
    ctx.close()


def test_language_names_carry_their_own_lang_and_dir(site_dir):
    for path in ["index.html", "en/heder/index.html", "ar/hjalp/index.html"]:
        html = (site_dir / path).read_text(encoding="utf-8")
        nav = re.search(r'<nav class="languages".*?</nav>', html, re.S).group(0)
        assert re.search(r'<a [^>]*hreflang="sv" lang="sv" dir="ltr"[^>]*>Svenska</a>', nav), path
        assert re.search(r'<a [^>]*hreflang="en" lang="en" dir="ltr"[^>]*>English</a>', nav), path
        assert re.search(r'<a [^>]*hreflang="ar" lang="ar" dir="rtl"[^>]*>العربية</a>', nav), path


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_language_switch_goes_to_the_same_page(browser, site_server, javascript):
    ctx = browser.new_context(java_script_enabled=javascript)
    page = ctx.new_page()
    page.goto(site_server.origin + "/heder/")
    page.click(".languages a[hreflang='ar']")
    page.wait_for_url(site_server.origin + "/ar/heder/")
    page.click(".languages a[hreflang='en']")
    page.wait_for_url(site_server.origin + "/en/heder/")
    page.click(".languages a[hreflang='sv']")
    page.wait_for_url(site_server.origin + "/heder/")
    ctx.close()


def test_links_in_text_are_underlined(browser, site_server):
    ctx = browser.new_context()
    page = ctx.new_page()
    # Every page with its own text (a page shown in Swedish has the Swedish page's links).
    for path in [address for lang in SITE.languages for address in own_addresses(lang)]:
        page.goto(site_server.origin + path)
        plain = page.evaluate("""() => [...document.querySelectorAll('main a')]
            .filter(a => !getComputedStyle(a).textDecorationLine.includes('underline'))
            .map(a => a.textContent.trim())""")
        assert not plain, (path, plain)
    ctx.close()


def test_one_h1_and_headings_in_order(site_dir, pages):
    for path in pages:
        html = (site_dir / path.strip("/") / "index.html").read_text(encoding="utf-8")
        levels = [int(n) for n in re.findall(r"<h([1-6])\b", html)]
        assert levels.count(1) == 1 and levels[0] == 1, (path, levels)
        jumps = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
        assert not jumps, (path, levels)


def test_print_keeps_content_and_numbers_and_hides_the_chrome(browser, site_server):
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(site_server.origin + "/sexuellt-vald/")
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.exitbar', '.site-header', '.site-footer', '.skip']
        .map(s => [...document.querySelectorAll(s)].every(el => getComputedStyle(el).display === 'none'))""")
    assert all(hidden), hidden
    assert page.locator("a.tel").first.is_visible()
    after = page.evaluate("""() => { const a = [...document.querySelectorAll('.content a[href^="http"]')][0];
        return getComputedStyle(a, '::after').content; }""")
    assert "http" in after, after
    pdf = page.pdf()
    assert len(pdf) > 1000
    ctx.close()


def test_dark_scheme_has_no_contrast_violations(browser, site_server, axe_source):
    ctx = browser.new_context(color_scheme="dark", bypass_csp=True, viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    failures = {}
    for path in SAMPLE + ["/404.html"]:
        page.goto(site_server.origin + path)
        page.add_script_tag(content=axe_source)
        result = page.evaluate("() => axe.run(document, {runOnly: ['color-contrast', 'link-in-text-block']})")
        if result["violations"]:
            failures[path] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    ctx.close()
    assert not failures, failures


def test_screenshots_for_review(browser, site_server):
    out = ROOT / "build" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    for name, path in [("start", "/"), ("nara-relationer", "/nara-relationer/"), ("hjalp", "/hjalp/")]:
        for lang, prefix in (("sv", ""), ("ar", "/ar")):
            for width, size in (("phone", (390, 844)), ("desktop", (1280, 900))):
                ctx = browser.new_context(viewport={"width": size[0], "height": size[1]})
                page = ctx.new_page()
                page.goto(site_server.origin + prefix + path)
                target = out / f"{name}-{lang}-{width}.png"
                page.screenshot(path=str(target), full_page=True)
                assert Path(target).stat().st_size > 5000
                ctx.close()

"""Every language is a whole site language: its own interface texts (or its fallback's, marked
with their lang), its own notices, its own search index, and honesty about review.

The languages come from mkdocs.yml (the site model); a half-done language is made in a copy.
"""
from __future__ import annotations

import re
import subprocess
import sys
from html import escape

import pytest

from helpsite.ui import Borrowed
from tests.conftest import LANGS
from tests.sitebuild import ROOT, SITE, copy_repo, page_addresses

# Interface texts every page's chrome shows as element content.
CHROME_KEYS = ("exit", "exit_hint", "skip", "menu", "search", "footer_safety", "footer_a11y", "footer_about",
               "footer_privacy")


def _html(site_dir, path: str) -> str:
    return (site_dir / path.strip("/") / "index.html").read_text(encoding="utf-8")


def _shown(text: str) -> str:
    """How an interface text appears in a page: as it is, or marked with its own language."""
    if isinstance(text, Borrowed):
        return f'<span lang="{text.lang}" dir="{text.dir}">{escape(text, quote=False)}</span>'
    return escape(text, quote=False)


@pytest.mark.parametrize("lang", LANGS)
def test_chrome_texts_are_the_languages_own_or_marked_with_theirs(site_dir, lang):
    """No page shows interface text in a language other than its lang attribute says."""
    ui = SITE.ui(lang)
    for path in page_addresses(SITE.language(lang)):
        html = _html(site_dir, path)
        for key in CHROME_KEYS:
            assert _shown(ui[key]) in html, (path, key, ui[key])


@pytest.mark.parametrize("lang", [code for code in LANGS if code != SITE.default.code])
def test_translated_pages_say_whether_a_translator_checked_them(site_dir, lang):
    language = SITE.language(lang)
    ui = SITE.ui(lang)
    for path in page_addresses(language):
        html = _html(site_dir, path)
        rel = path[len(language.prefix) + 1:].strip("/") or "index"
        source = ROOT / "docs" / lang / f"{rel}.md"
        if not source.exists():
            source = ROOT / "docs" / lang / rel / "index.md"
        if 'data-translation="missing"' in html:
            assert 'data-translation="unreviewed"' not in html, path
            continue
        reviewed = source.exists() and re.search(r"(?m)^translator_reviewed:\s*\S", source.read_text(encoding="utf-8"))
        assert ('data-translation="unreviewed"' in html) == (not reviewed), path
        if not reviewed:
            assert _shown(ui["unreviewed_title"]) in html, path


@pytest.mark.parametrize("lang", LANGS)
def test_each_search_page_searches_its_own_index_or_says_whose(site_dir, lang):
    html = _html(site_dir, f"/{SITE.language(lang).prefix}sok/")
    index = SITE.index_language(lang)
    assert f'data-index-lang="{index.search_lang}"' in html
    assert ('class="search__notice"' in html) == (index.lang != SITE.language(lang).lang)


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_a_not_found_page_in_its_own_words(site_dir, lang):
    language = SITE.language(lang)
    html = (site_dir / language.prefix / "404.html").read_text(encoding="utf-8")
    assert re.search(rf'<html lang="{language.lang}" dir="{language.dir}"', html)
    assert f"<h1>{_shown(SITE.ui(lang)['not_found_title'])}</h1>" in html


def _config_with(repo, entry: str):
    config = repo / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    anchor = "      languages:\n"
    config.write_text(text.replace(anchor, anchor + entry, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def half_done(tmp_path_factory):
    """A copy with a new language 'xh' (no pages), whose interface file has two texts only and
    whose fallback is English: the rest of its interface comes from English, marked lang="en"."""
    repo = copy_repo(tmp_path_factory.mktemp("half") / "repo")
    _config_with(repo, "        - locale: xh\n          name: isiXhosa\n          build: true\n"
                       "          extra:\n            fallback: en\n")
    (repo / "data" / "ui" / "xh.yml").write_text("exit: Phuma kweli phepha\nmenu: Imenyu\n", encoding="utf-8")
    out = repo / "site"
    result = subprocess.run([sys.executable, "-m", "scripts.build_site", "--out", str(out)], cwd=repo,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return repo, out


def test_a_half_done_language_borrows_its_fallbacks_texts_marked(half_done):
    repo, out = half_done
    html = (out / "xh" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="xh" dir="ltr"' in html
    assert ">Phuma kweli phepha</a>" in html                     # its own text, unmarked
    en = SITE.ui("en")
    assert f'<span lang="en" dir="ltr">{escape(en["exit_hint"], quote=False)}</span>' in html
    # The page itself is the Swedish original: marked Swedish, with the notice in English
    # (the reader's language has no notice text yet, its fallback has).
    assert re.search(r'<article class="content" lang="sv" dir="ltr">', html)
    assert f'<span lang="en" dir="ltr">{escape(en["translation_missing_title"], quote=False)}</span>' in html
    # Its search uses the English index, and says so in English.
    search = (out / "xh" / "sok" / "index.html").read_text(encoding="utf-8")
    assert 'data-index-lang="en"' in search and 'class="search__notice"><span lang="en"' in search


def test_a_half_done_language_is_reported_not_refused(half_done):
    repo, _ = half_done
    result = subprocess.run([sys.executable, "-m", "scripts.check"], cwd=repo, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert re.search(r"(?m)^data/ui/xh\.yml:1: warning: \d+ interface texts are not translated yet and are shown in "
                     r"'en': skip, exit_skip", result.stderr)
    assert "posters/strings/xh.yml:1: warning: 'xh' has no translated poster texts" in result.stderr


@pytest.mark.parametrize("extra, message", [
    ("fallback: zz", "language 'xh': fallback 'zz' must be another language listed here"),
    ("fallback: xh", "language 'xh': fallback 'xh' must be another language listed here"),
    ("review: maybe", "language 'xh': extra 'review' must be warning or error"),
    ("lix_limit: many", "language 'xh': extra 'lix_limit' has the wrong kind of value ('many')"),
])
def test_a_wrong_language_setting_is_one_line_with_its_place(tmp_path, extra, message):
    repo = copy_repo(tmp_path / "repo")
    _config_with(repo, f"        - locale: xh\n          name: isiXhosa\n          extra:\n            {extra}\n")
    result = subprocess.run([sys.executable, "-m", "scripts.check"], cwd=repo, capture_output=True, text=True)
    assert result.returncode != 0
    line = next(i for i, text in enumerate((repo / "mkdocs.yml").read_text().splitlines(), 1) if "locale: xh" in text)
    assert [text for text in result.stderr.splitlines() if ": error:" in text] == [
        next(text for text in result.stderr.splitlines() if text.startswith(f"mkdocs.yml:{line}: error: {message}"))]


@pytest.mark.browser
@pytest.mark.parametrize("width, height", [(320, 640), (320, 256)], ids=["320px", "400pct-zoom"])
def test_the_language_switcher_fits_a_small_screen_without_javascript(browser, site_server, width, height):
    ctx = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=False)
    page = ctx.new_page()
    for lang in SITE.languages:
        page.goto(f"{site_server.origin}/{lang.prefix}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, lang.code
        links = page.eval_on_selector_all(".languages a", """links => links.map(a => {
            const r = a.getBoundingClientRect();
            return {name: a.textContent.trim(), lang: a.lang, dir: a.dir, left: r.left, right: r.right,
                    height: r.height, href: a.getAttribute('href')};
        })""")
        # Every language, by its own name in its own language and direction, fully on screen.
        assert [(link["name"], link["lang"], link["dir"]) for link in links] == [
            (other.name, other.lang, other.dir) for other in SITE.languages], lang.code
        for link in links:
            assert link["left"] >= 0 and link["right"] <= width and link["height"] >= 24, (lang.code, link)
    ctx.close()


SCRIPT_FONTS = {"Ethiopic": re.compile("[\u1200-\u137f]"), "Arabic": re.compile("[\u0600-\u06ff]")}


@pytest.mark.browser
def test_every_language_is_set_in_the_fonts_the_style_sheet_names(browser, site_server):
    """Real glyphs, no boxes: Chromium reports which installed fonts drew the start page's heading,
    lead and exit button in each language. Text in Ge'ez or Arabic script must be drawn by a font
    for that script, and every font used must be one the style sheet names (or the browser's
    generic sans-serif, which draws Latin digits and service names inside other scripts)."""
    ctx = browser.new_context()
    page = ctx.new_page()
    cdp = ctx.new_cdp_session(page)
    problems = {}

    def fonts(selector):
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        return {font["familyName"] for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}

    page.goto(f"{site_server.origin}/")
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p id=probe style=\"font-family:sans-serif\">Abc 112</p>')")
    generic = fonts("#probe")
    for lang in SITE.languages:
        page.goto(f"{site_server.origin}/{lang.prefix}")
        for selector in ("article h1", "article h1 + p", ".exitbar__button"):
            used = fonts(selector)
            named = {name.strip().strip('"') for name in
                     page.eval_on_selector(selector, "el => getComputedStyle(el).fontFamily").split(",")}
            text = page.eval_on_selector(selector, "el => el.textContent")
            scripts = [name for name, chars in SCRIPT_FONTS.items() if chars.search(text)]
            if not used or not used <= named | generic or any(not [f for f in used if script in f] for script in scripts):
                problems[(lang.code, selector)] = (sorted(used), sorted(named), scripts)
    ctx.close()
    assert not problems, problems

"""The staff section: self-check answers that open without JavaScript, a route from the start
page to the routines in two clicks, and translations that are whole pages, not fragments.

Pages are read from docs/ (the default language's `personal/` folder); nothing here lists them.
"""
from __future__ import annotations

import re

import pytest

from helpsite import translations
from tests.sitebuild import SITE, source_pages

MODULES = [rel for rel in source_pages() if re.fullmatch(r"personal/modul-[a-z0-9-]+\.md", rel)]
TAG_RE = re.compile(r"<[^>]+>")


def page_html(site_dir, lang, rel):
    address = rel[:-len("index.md")] if rel.endswith("index.md") else rel[:-3] + "/"
    return (site_dir / lang.prefix / address / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", SITE.languages, ids=lambda lang: lang.code)
@pytest.mark.parametrize("rel", MODULES)
def test_every_module_has_self_check_answers_in_details(site_dir, lang, rel):
    html = page_html(site_dir, lang, rel)
    article = re.search(r'<article class="content"[^>]*>(.*?)</article>', html, re.S).group(1)
    blocks = re.findall(r"<details\b[^>]*>\s*<summary>(.*?)</summary>(.*?)</details>", article, re.S)
    assert len(blocks) >= 3, f"{rel} ({lang.code}): a module has at least three self-check questions"
    for question, answer in blocks:
        assert TAG_RE.sub("", question).strip() and TAG_RE.sub("", answer).strip(), (rel, question)
    assert "<script" not in article and "<form" not in article


def test_there_are_modules():
    assert MODULES, "the staff section's self-study modules (personal/modul-*.md) are missing"


@pytest.mark.browser
def test_answers_open_without_javascript(browser, site_server):
    ctx = browser.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(site_server.origin + "/" + MODULES[0][:-3] + "/")
        details = page.locator("article details").first
        answer = details.locator(":scope > :not(summary)").first
        assert not answer.is_visible()
        details.locator("summary").click()
        assert answer.is_visible()
        assert page.evaluate("() => localStorage.length + sessionStorage.length + document.cookie.length") == 0
    finally:
        ctx.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", SITE.languages, ids=lambda lang: lang.code)
def test_a_routine_to_print_is_two_clicks_from_the_start_page(browser, site_server, lang):
    """Start page → the staff page → the routine for the library desk."""
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        page.goto(f"{site_server.origin}/{lang.prefix}")
        page.locator('main a[href$="personal/"]').first.click()
        page.wait_for_load_state()
        assert page.url.endswith(f"/{lang.prefix}personal/")
        page.locator('.routine-list a[href*="routine-bibliotek-"]').first.click()
        page.wait_for_load_state()
        assert re.search(rf"/affischer/routine-bibliotek-{lang.code}\.html$", page.url)
        assert page.locator("ol.routine__steps li").count() >= 3
    finally:
        ctx.close()


def _words(text: str) -> int:
    return len(translations.normalise(text).split())


@pytest.mark.parametrize("lang", SITE.languages[1:], ids=lambda lang: lang.code)
def test_current_translations_are_whole_pages(lang):
    """A stamped translation has at least half the words of its source: not a fragment."""
    docs = SITE.docs_dir
    short = []
    for rel in source_pages():
        path = f"{docs}/{lang.code}/{rel}"
        try:
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
        except FileNotFoundError:
            continue
        with open(f"{docs}/{SITE.default.code}/{rel}", encoding="utf-8") as fh:
            source = fh.read()
        if translations.status(source, text) == "current" and _words(text) < 0.5 * _words(source):
            short.append((rel, _words(text), _words(source)))
    assert short == []

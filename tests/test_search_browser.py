"""Search in the real Chromium, on the real content, under the pages' own CSP (except where axe runs).

What the visitor gets: results in the page's language only, matching inflected words; nothing of
search on other pages and no engine before the search box is used; no words in URLs or storage;
a form that passes axe, works by keyboard alone and announces its results in the page's language.
"""
import json
import os
import re
import time
from urllib.parse import quote, urlsplit

import pytest

from tests.sitebuild import SITE, StaticServer

pytestmark = pytest.mark.browser

PREFIXES = {lang.code: "/" + lang.prefix for lang in SITE.languages}


def _lang_of(url: str) -> str:
    """The language a site path belongs to (its folder; the default's pages are at the root)."""
    folders = [lang for lang in SITE.languages if lang.prefix and url.startswith("/" + lang.prefix)]
    return folders[0].code if folders else SITE.default.code


def _same_index(lang: str, url: str) -> bool:
    """Is `url` a page of `lang`'s search index? (Easy-read Swedish shares the Swedish index.)"""
    return SITE.language(_lang_of(url)).search_lang == SITE.index_language(lang).search_lang


def _indexed(html: str) -> str | None:
    """The part of a page Pagefind indexes: its marked article without the notices it ignores."""
    match = re.search(r"<article\b[^>]*data-pagefind-body[^>]*>(.*?)</article>", html, re.S)
    return re.sub(r"<div\b[^>]*data-pagefind-ignore[^>]*>.*?</div>", " ", match.group(1), flags=re.S) if match else None


def _own_words(site_dir) -> dict[str, dict[str, int]]:
    """{index language: {word: count}} of the words on the indexed pages of each index."""
    words: dict = {}
    for path in site_dir.rglob("index.html"):
        rel = path.parent.relative_to(site_dir).as_posix()
        url = "/" if rel == "." else f"/{rel}/"
        text = _indexed(path.read_text(encoding="utf-8"))
        if text:
            counts = words.setdefault(SITE.language(_lang_of(url)).search_lang, {})
            for word in re.findall(r"[^\W\d_]{6,}", re.sub(r"<[^>]+>", " ", text)):
                counts[word.lower()] = counts.get(word.lower(), 0) + 1
    return words
# (language, what the visitor types, a form of the word in the content that must be found)
INFLECTIONS = [
    ("sv", "tolken", "tolk"),            # definite form finds the bare noun
    ("sv", "hjälpen", "hjälp"),
    ("en", "calling", "call"),           # -ing finds the base form
    ("en", "calls", "call"),
    ("ar", "مساعدة", "المساعدة"),       # without the article finds the word with it
    ("ar", "تهديد", "التهديد"),
    ("ar", "عنف", "العنف"),
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
# A budget, not a measurement: engine + one language's index + one page of results. Measured at
# about 175-195 kB; a jump past this means something more than search is being loaded.
ENGINE_BUDGET = 300_000


def _search_url(origin, lang):
    return f"{origin}{PREFIXES[lang]}sok/"


def _answer(page, term, timeout=15.0):
    """Wait for the live region to answer for `term` (or to report an error); return its text."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = page.evaluate("""() => ({text: document.getElementById('site-search-status').textContent,
                                         error: document.getElementById('site-search').dataset.error})""")
        if term in state["text"] or state["text"] == state["error"]:
            return state["text"]
        page.wait_for_timeout(50)
    raise AssertionError(f"the search gave no answer for {term!r} within {timeout} s")


def _search(page, term):
    page.fill("#site-search-input", term)
    page.press("#site-search-input", "Enter")
    status = _answer(page, term)
    found = page.evaluate("""() => ({
        hrefs: [...document.querySelectorAll('#site-search-results a')].map(a => new URL(a.href).pathname),
        marks: [...document.querySelectorAll('#site-search-results mark')].map(m => m.textContent)})""")
    return status, found["hrefs"], found["marks"]


def _bare(word):
    return re.sub(r"[^\w]", "", word).lower()


@pytest.fixture
def csp_errors():
    return []


@pytest.fixture
def search_page(browser, site_server, csp_errors):
    """Open a language's search page with its own CSP in force; CSP complaints are collected."""
    contexts = []

    def open_page(lang, **options):
        ctx = browser.new_context(**options)
        contexts.append(ctx)
        page = ctx.new_page()
        page.on("console", lambda msg: csp_errors.append(msg.text) if "Content Security Policy" in msg.text else None)
        page.goto(_search_url(site_server.origin, lang), wait_until="networkidle")
        return page

    yield open_page
    for ctx in contexts:
        ctx.close()


def _all_results(page):
    """Press "Show more results" until every result is listed; return their paths."""
    for _ in range(20):
        if page.locator(".search__more").is_hidden():
            break
        count = page.locator("#site-search-results li").count()
        page.click(".search__more")
        for _ in range(100):
            if page.locator("#site-search-results li").count() > count:
                break
            page.wait_for_timeout(50)
    return page.evaluate("() => [...document.querySelectorAll('#site-search-results a')].map(a => new URL(a.href).pathname)")


def _pages_with_only(site_dir, lang, wanted, typed):
    """Indexed pages of `lang` whose text has the word `wanted` but never the word `typed`."""
    found = set()
    for path in site_dir.rglob("index.html"):
        rel = path.parent.relative_to(site_dir).as_posix()
        url = "/" if rel == "." else f"/{rel}/"
        if _lang_of(url) != lang:
            continue
        text = _indexed(path.read_text(encoding="utf-8"))
        if text:
            words = {w.lower() for w in re.findall(r"\w+", re.sub(r"<[^>]+>", " ", text))}
            if wanted in words and typed not in words:
                found.add(url)
    return found


@pytest.mark.parametrize("lang, term, wanted", INFLECTIONS)
def test_inflected_words_find_pages_in_the_pages_language(search_page, site_dir, csp_errors, lang, term, wanted):
    # Pages that can only be found through the language's own matching, not through the typed word.
    expected = _pages_with_only(site_dir, lang, wanted, term)
    assert expected, f"the content has no {lang} page with '{wanted}' but without '{term}'"
    page = search_page(lang)
    status, _, marks = _search(page, term)
    hrefs = _all_results(page)
    assert expected <= set(hrefs), (status, sorted(expected - set(hrefs)))
    assert wanted in {_bare(mark) for mark in marks}, marks
    for href in hrefs:
        assert _same_index(lang, href), href
        assert not href.endswith("/sok/"), href
    assert not csp_errors


@pytest.mark.parametrize("lang", PREFIXES)
def test_a_word_only_this_language_has_finds_its_pages_only(search_page, site_dir, lang):
    """Each language's search answers from its own index: a word that only its pages use."""
    index = SITE.index_language(lang).search_lang
    words = _own_words(site_dir)
    others = {word for code, counts in words.items() if code != index for word in counts}
    own = sorted(((n, w) for w, n in words[index].items() if w not in others), reverse=True)
    assert own, f"no word is used only in {index}"
    term = own[0][1]
    page = search_page(lang)
    status, hrefs, _ = _search(page, term)
    assert hrefs, (term, status)
    assert all(_same_index(lang, href) for href in hrefs), (term, hrefs)


@pytest.mark.parametrize("lang", PREFIXES)
def test_a_service_name_every_language_uses_answers_in_this_language_only(search_page, lang):
    # Swedish service names stay as they are in every translation, so a name is on pages of every language.
    page = search_page(lang)
    status, hrefs, _ = _search(page, "Kvinnofridslinjen")
    assert hrefs, status
    assert all(_same_index(lang, href) for href in hrefs), hrefs


@pytest.mark.parametrize("lang", PREFIXES)
def test_a_word_found_in_every_language_answers_in_the_pages_language_only(search_page, site_dir, lang):
    page = search_page(lang)
    status, hrefs, _ = _search(page, "112")   # the emergency number is on pages in every language
    assert len(hrefs) >= 3, status
    for href in hrefs:
        assert _same_index(lang, href), href
        html = (site_dir / href.strip("/") / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{SITE.index_language(lang).lang}"' in html
        article = re.search(r"<article\b[^>]*>", html).group(0)
        assert " lang=" not in article, f"{href} shows content in another language"


@pytest.mark.parametrize("lang", PREFIXES)
def test_results_and_messages_are_announced_in_the_pages_language(search_page, lang):
    texts = SITE.search_texts(lang)
    page = search_page(lang)
    status = page.locator("#site-search-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert page.locator("label[for=site-search-input]").inner_text() == texts["label"]
    said, _, _ = _search(page, "112")
    assert said == _count_text(texts, lang, len(_all_results(page)), "112")
    said, hrefs, _ = _search(page, "qxzqxz")
    assert hrefs == [] and said == texts["none"].replace("{q}", "qxzqxz")
    assert page.locator("#site-search-results").is_hidden()


def _count_text(texts, lang, n, q):
    # The browser picks the form with Intl.PluralRules; Babel has the same CLDR rules.
    from babel import Locale
    form = Locale.parse(SITE.language(lang).lang).plural_form(n)
    return texts.get(f"count_{form}", texts["count_other"]).replace("{n}", str(n)).replace("{q}", q)


@pytest.mark.parametrize("lang", [lang.code for lang in SITE.languages if lang.dir == "rtl"])
def test_right_to_left_search_is_right_to_left(search_page, lang):
    page = search_page(lang)
    assert page.evaluate("() => document.documentElement.dir") == "rtl"
    assert page.evaluate("() => getComputedStyle(document.getElementById('site-search-input')).direction") == "rtl"
    said, _, _ = _search(page, "call")   # Latin words inside Arabic text stay isolated
    assert page.locator("#site-search-status bdi").inner_text() == "call", said


def test_other_pages_load_nothing_of_search(browser, site_server):
    ctx = browser.new_context()
    seen = []
    ctx.on("request", lambda request: seen.append(urlsplit(request.url).path))
    page = ctx.new_page()
    for path in ["/", "/hjalp/", "/en/", "/en/nara-relationer/", "/ar/", "/ar/heder/", "/en/no-such-page/"]:
        page.goto(site_server.origin + path, wait_until="networkidle")
        page.keyboard.press("Tab")
    ctx.close()
    assert seen
    assert not [url for url in seen if "/pagefind/" in url or re.search(r"/search(\.[0-9a-f]+)?\.js$", url)]


@pytest.mark.parametrize("lang", PREFIXES)
def test_engine_and_index_come_only_when_the_box_is_used_and_only_for_this_language(browser, site_server, lang):
    ctx = browser.new_context()
    sizes = {}
    ctx.on("response", lambda response: sizes.__setitem__(urlsplit(response.url).path, response))
    page = ctx.new_page()
    page.goto(_search_url(site_server.origin, lang), wait_until="networkidle")
    assert [path for path in sizes if re.fullmatch(r"/assets/js/search\.[0-9a-f]{10}\.js", path)], sorted(sizes)
    assert not [url for url in sizes if "/pagefind/" in url], "search engine loaded before the box was used"
    index = SITE.index_language(lang).search_lang
    # Pagefind's matcher for the language: its stemmer, or "unknown" where it has none.
    with page.expect_response(lambda response: re.search(rf"/pagefind/wasm\.({index}|unknown)\.pagefind", response.url)):
        page.focus("#site-search-input")
    _search(page, "112")
    engine = {url: len(response.body()) for url, response in sizes.items() if "/pagefind/" in url}
    ctx.close()
    names = [url.rsplit("/", 1)[-1] for url in engine]
    wasm = [n for n in names if n.startswith("wasm.")]
    assert "pagefind.js" in names and wasm in ([f"wasm.{index}.pagefind"], ["wasm.unknown.pagefind"]), names
    per_language = [n for n in names if n.endswith((".pf_index", ".pf_fragment", ".pf_meta"))]
    assert all(n.startswith((f"{index}_", f"pagefind.{index}_")) for n in per_language), names
    assert not [n for n in names if "worker" in n or "-ui" in n], names
    assert sum(engine.values()) < ENGINE_BUDGET, engine


@pytest.mark.parametrize("lang", PREFIXES)
def test_search_words_stay_out_of_urls_storage_and_other_hosts(browser, site_server, lang):
    term = SITE.language(lang).site_name.split()[0]      # a word of the language itself
    ctx = browser.new_context()
    requests = []
    ctx.on("request", lambda request: requests.append(request.url))
    page = ctx.new_page()
    start = _search_url(site_server.origin, lang)
    page.goto(start, wait_until="networkidle")
    entries = page.evaluate("() => history.length")
    page.fill("#site-search-input", term)
    page.press("#site-search-input", "Enter")
    _answer(page, term)
    page.click("#site-search-input")
    page.keyboard.press("Enter")          # a second submit, by keyboard
    page.wait_for_timeout(300)
    assert page.url == start
    for url in requests:
        assert term not in url and quote(term) not in url and quote(term).lower() not in url.lower(), url
        assert urlsplit(url).netloc == urlsplit(site_server.origin).netloc, url
    stored = page.evaluate("""async () => ({
        local: localStorage.length, session: sessionStorage.length, cookie: document.cookie,
        databases: (await indexedDB.databases()).length, caches: (await caches.keys()).length,
        history: history.length, state: history.state})""")
    assert stored == {"local": 0, "session": 0, "cookie": "", "databases": 0, "caches": 0,
                      "history": entries, "state": None}   # no history entries or state with the words
    assert ctx.cookies() == []
    ctx.close()


def test_if_the_engine_cannot_load_the_visitor_is_told(browser, site_server):
    ctx = browser.new_context()
    ctx.route("**/pagefind/**", lambda route: route.abort())
    page = ctx.new_page()
    page.goto(_search_url(site_server.origin, "en"), wait_until="networkidle")
    page.fill("#site-search-input", "call")
    page.press("#site-search-input", "Enter")
    assert _answer(page, "call") == SITE.search_texts("en")["error"]
    ctx.close()


def _tab_to(page, predicate_js, limit=60):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate_js):
            return
    raise AssertionError(f"Tab never reached: {predicate_js}")


def test_keyboard_alone_searches_moves_through_results_and_opens_one(search_page, site_server):
    page = search_page("sv")
    _tab_to(page, "() => document.activeElement.id === 'site-search-input'")
    assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.type("våld")
    page.keyboard.press("Enter")
    _answer(page, "våld")
    shown = page.locator("#site-search-results li").count()
    total = int(re.match(r"\d+", page.locator("#site-search-status").inner_text()).group(0))
    assert shown == 10 and total > 10, "expected more results than one batch"
    _tab_to(page, "() => document.activeElement.matches('#site-search-results a')")
    first = page.evaluate("() => document.activeElement.getAttribute('href')")
    # "More" adds the next batch and moves focus to its first result; repeat until all are shown.
    batches = 0
    while page.locator(".search__more").is_visible():
        before = page.locator("#site-search-results li").count()
        _tab_to(page, "() => document.activeElement.matches('.search__more')")
        page.keyboard.press("Enter")
        for _ in range(100):
            if page.locator("#site-search-results li").count() > before:
                break
            page.wait_for_timeout(50)
        assert page.evaluate(f"() => document.activeElement === document.querySelectorAll('#site-search-results a')[{before}]")
        batches += 1
        assert batches < 20
    assert page.locator("#site-search-results li").count() == total
    # Back to the first result and open it with Enter.
    page.focus(f"#site-search-results a[href='{first}']")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path == first)


# Every language on a phone; the desktop layout in the default language and in each direction.
RTL = [lang.code for lang in SITE.languages if lang.dir == "rtl"]
AXE_CASES = [(lang, "phone") for lang in PREFIXES] + [(code, "desktop") for code in dict.fromkeys([SITE.default.code] + RTL[:1])]


@pytest.mark.parametrize("lang, width", AXE_CASES)
def test_open_search_with_results_passes_axe(browser, site_server, axe_source, lang, width):
    w, h = WIDTHS[width]
    # bypass_csp lets axe itself be injected; the search under the real CSP is tested above.
    ctx = browser.new_context(viewport={"width": w, "height": h}, bypass_csp=True)
    page = ctx.new_page()
    page.goto(_search_url(site_server.origin, lang), wait_until="networkidle")
    _, hrefs, _ = _search(page, "112")       # on many pages in every language
    assert hrefs
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS)
    ctx.close()
    violations = [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
                  for v in result["violations"]]
    assert not violations, json.dumps(violations, indent=1, ensure_ascii=False)


def test_without_javascript_the_page_says_where_to_find_every_page(browser, site_server):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(_search_url(site_server.origin, "en"))
    assert page.locator("#site-search form").is_hidden()
    assert page.locator("article a[href$='hjalp/']").is_visible()
    ctx.close()


def test_results_link_into_the_site_when_it_lives_under_a_sub_path(browser, site_dir, tmp_path):
    os.symlink(site_dir, tmp_path / "stod")
    server = StaticServer(tmp_path)
    try:
        ctx = browser.new_context()
        seen = []
        ctx.on("request", lambda request: seen.append(urlsplit(request.url).path))
        page = ctx.new_page()
        page.goto(server.origin + "/stod/en/sok/", wait_until="networkidle")
        _, hrefs, _ = _search(page, "calling")
        assert hrefs and all(href.startswith("/stod/en/") for href in hrefs), hrefs
        response = page.goto(server.origin + hrefs[0])
        assert response.status == 200
        assert all(path.startswith("/stod/") for path in seen), seen
        ctx.close()
    finally:
        server.close()

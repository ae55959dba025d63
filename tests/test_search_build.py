"""The built site's search: one index per language holding exactly that language's own pages."""
import json
import re

from helpsite.search import index
from tests.sitebuild import SITE

LANGS = SITE.codes
CSP_RE = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"')


def _pages(site_dir):
    return sorted(p for p in site_dir.rglob("index.html") if p.relative_to(site_dir).parts[0] not in ("assets", "pagefind"))


def _is_search_page(path):
    return path.parent.name == "sok"


def test_every_language_has_its_own_index_of_its_own_pages(site_dir):
    entry = json.loads((site_dir / "pagefind" / "pagefind-entry.json").read_text())
    # One index per language with pages of its own (easy-read Swedish is in the Swedish one).
    indexes = {SITE.language(code).search_lang for code in LANGS if SITE.has_pages(code)}
    assert sorted(entry["languages"]) == sorted(indexes)
    for code in indexes:
        # Its stemmer, or the plain matcher Pagefind calls "unknown" where it has none (fa, so, ti, uk).
        assert ((site_dir / "pagefind" / f"wasm.{code}.pagefind").exists()
                or (site_dir / "pagefind" / "wasm.unknown.pagefind").exists()), code
    assert index.indexed_pages(str(site_dir)) == index.expected_pages(str(site_dir))


def test_only_content_in_the_pages_own_language_is_marked(site_dir):
    for path in _pages(site_dir):
        html = path.read_text(encoding="utf-8")
        article = re.search(r"<article\b[^>]*>", html).group(0)
        if _is_search_page(path) or ' lang="' in article or 'data-translation="missing"' in html:
            assert "data-pagefind-body" not in html, path   # fallback and search pages stay out
        else:
            assert "data-pagefind-body" in article, path


def test_content_pages_carry_nothing_of_search(site_dir):
    for path in _pages(site_dir) + sorted(site_dir.rglob("404.html")):
        if _is_search_page(path):
            continue
        html = path.read_text(encoding="utf-8")
        rest = html.replace("data-pagefind-body", "").replace("data-pagefind-ignore", "")
        assert "search.js" not in html and "pagefind" not in rest, path
        assert "wasm-unsafe-eval" not in CSP_RE.search(html).group(1), path


def test_search_pages_load_the_script_and_allow_only_webassembly_in_addition(site_dir):
    for code in LANGS:
        folder = site_dir / SITE.language(code).prefix / "sok"
        html = (folder / "index.html").read_text(encoding="utf-8")
        policy = CSP_RE.search(html).group(1)
        assert "script-src 'self' 'wasm-unsafe-eval'" in policy
        assert "'unsafe-eval'" not in policy and "'unsafe-inline'" not in policy
        assert "connect-src 'self'" in policy and "form-action 'none'" in policy
        assert re.search(r'<script type="module" src="(\.\./)+assets/js/search\.[0-9a-f]{10}\.js"></script>', html)
        assert html.count('id="site-search"') == 1


def test_unused_pagefind_interfaces_are_not_published(site_dir):
    assert not [name for name in index.UNUSED if (site_dir / "pagefind" / name).exists()]

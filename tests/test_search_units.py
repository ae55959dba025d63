"""Search without a browser: the page changes, the texts, and a real Pagefind run on a small site."""
import json
import os
import subprocess
import sys

import pytest

from helpsite.configfile import Language
from helpsite.search import index, page
from helpsite.search.texts import load_search_texts
from helpsite.ui import Borrowed
from helpsite.yamlpos import DataError
from tests.sitebuild import ROOT, SITE, copy_repo

CHROME = ('<!doctype html><html lang="{lang}"><head>'
          '<meta http-equiv="Content-Security-Policy" content="{csp}"></head>'
          '<body><main><article class="content"{attrs}><h1>{title}</h1><p>{text}</p></article></main></body></html>')
CSP = "default-src 'none'; script-src 'self' 'sha256-abc='; connect-src 'self'; form-action 'none'"


def chrome(lang="sv", attrs="", title="Rubrik", text="Text", csp=CSP):
    return CHROME.format(lang=lang, attrs=attrs, title=title, text=text, csp=csp)


@pytest.mark.parametrize("url, expected", [("sok/", True), ("en/sok/", True), ("ar/sok/", True),
                                           ("", False), ("en/", False), ("sokord/", False), ("en/hjalp/", False)])
def test_search_page_is_recognised_by_its_slug(url, expected):
    assert page.is_search_page(url) is expected


def test_content_in_the_pages_language_is_marked_for_the_index():
    assert '<article class="content" data-pagefind-body>' in page.mark_indexable(chrome())


def test_fallback_content_in_another_language_is_left_out_of_the_index():
    html = chrome(lang="en", attrs=' lang="sv" dir="ltr"')
    assert page.mark_indexable(html) == html


def test_marking_twice_changes_nothing():
    once = page.mark_indexable(chrome())
    assert page.mark_indexable(once) == once


def test_form_has_no_name_no_action_and_no_autocomplete():
    form = page.render_form(SITE.search_texts(SITE.default.code))
    assert " name=" not in form and "action=" not in form and "method=" not in form
    assert 'autocomplete="off"' in form
    assert 'role="status" aria-live="polite"' in form
    assert "<form class=\"search__form\" role=\"search\" hidden>" in form   # no form without JavaScript


def test_form_texts_are_escaped_and_arabic_number_forms_are_passed_on():
    # A language with more number forms than one and other (Arabic has all six).
    rich = max(SITE.codes, key=lambda code: sum(key.startswith("count_") for key in SITE.search_texts(code)))
    texts = dict(SITE.search_texts(rich), label='<b>"x"</b>')
    form = page.render_form(texts)
    assert "&lt;b&gt;&quot;x&quot;&lt;/b&gt;" in form and "<b>" not in form
    for form_name in ("one", "two", "few", "many", "other"):
        assert f"data-count-{form_name}=" in form


def test_the_search_page_gets_its_form_script_and_wasm_permission():
    html = chrome(text='</p><div id="site-search"></div><p>')
    done = page.finish_search_page(html, SITE.search_texts(SITE.default.code), "../assets/js/search.js")
    assert '<input class="search__input" id="site-search-input"' in done
    assert '<script type="module" src="../assets/js/search.js"></script>\n</head>' in done
    assert "script-src 'self' 'wasm-unsafe-eval' 'sha256-abc='" in done
    assert done.count("wasm-unsafe-eval") == 1


def test_a_search_page_without_its_place_for_the_form_is_an_error():
    with pytest.raises(page.SearchPageError, match='<div id="site-search"></div>'):
        page.finish_search_page(chrome(), SITE.search_texts(SITE.default.code), "search.js")


def test_wasm_permission_needs_the_filled_in_csp():
    # The CSP placeholder means the hooks run in the wrong order.
    with pytest.raises(page.SearchPageError, match="after"):
        page.allow_wasm(chrome(csp="__CSP__"))


def test_every_language_has_every_search_text():
    keys = set(SITE.search_texts(SITE.default.code))
    for lang in SITE.codes[1:]:
        assert keys <= set(SITE.search_texts(lang))


def _write(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def _lang(code):
    return Language(code, code, "ltr", "x")


def test_a_missing_search_text_comes_from_the_fallback(tmp_path):
    _write(tmp_path, "sv.yml", "label: Sök\nbutton: Sök\n")
    _write(tmp_path, "en.yml", "label: Search\n")
    texts = load_search_texts([_lang("en"), _lang("sv")], str(tmp_path))
    # A text the language lacks comes from its fallback and says which language it is in.
    assert texts["label"] == "Search" and not isinstance(texts["label"], Borrowed)
    assert texts["button"] == "Sök" and texts["button"].lang == "sv"


def test_a_count_text_without_the_query_names_its_line(tmp_path):
    _write(tmp_path, "sv.yml", "label: Sök\ncount_other: '{n} sidor'\n")
    with pytest.raises(DataError, match=r"sv\.yml:2: error: 'count_other' must contain \{q\}"):
        load_search_texts([_lang("sv")], str(tmp_path))


def test_an_unknown_search_text_is_an_error(tmp_path):
    _write(tmp_path, "sv.yml", "label: Sök\n")
    _write(tmp_path, "ar.yml", "label: بحث\ncount_fwe: '{n} {q}'\n")
    with pytest.raises(DataError, match=r"ar\.yml:2: error: unknown search text 'count_fwe'"):
        load_search_texts([_lang("ar"), _lang("sv")], str(tmp_path))


def _mini_site(root):
    """Two languages, one fallback page and one page that is not marked."""
    _write(root, "index.html", page.mark_indexable(chrome("sv", title="Tolk", text="Du kan få en tolk.")))
    _write(root / "en", "index.html", page.mark_indexable(chrome("en", title="Call", text="You can call us.")))
    _write(root / "en" / "old", "index.html",
           page.mark_indexable(chrome("en", attrs=' lang="sv"', title="Gammal", text="Svensk text.")))
    _write(root / "sok", "index.html", chrome("sv", title="Sök", text="Sök här."))
    _write(root / "om", "index.html", chrome("sv", title="Om", text="Attributet data-pagefind-body i text."))
    return root


def test_pagefind_indexes_each_language_with_only_its_marked_pages(tmp_path):
    site = _mini_site(tmp_path / "site")
    counts = index.build_index(str(site))   # the languages come from the built pages
    assert counts == {"sv": 1, "en": 1}
    bundle = site / index.BUNDLE
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    assert set(entry["languages"]) == {"sv", "en"}
    assert (bundle / "pagefind.js").exists() and (bundle / "wasm.sv.pagefind").exists()
    assert not [name for name in index.UNUSED if (bundle / name).exists()]


def test_a_language_with_only_fallback_pages_still_builds(tmp_path):
    """A newly added language shows Swedish fallbacks; its search is answered from another index."""
    site = _mini_site(tmp_path / "site")
    _write(site / "ar", "index.html", page.mark_indexable(chrome("ar", attrs=' lang="sv"', text="Svensk text.")))
    assert index.build_index(str(site)) == {"sv": 1, "en": 1}


def test_a_site_with_no_marked_page_fails_the_index(tmp_path):
    site = tmp_path / "site"
    _write(site, "index.html", chrome("sv", attrs=' lang="sv"', text="Svensk text."))
    with pytest.raises(index.SearchIndexError, match="no page is marked for search"):
        index.build_index(str(site))
    assert not (site / index.BUNDLE).exists()


def _fixture_project(folder):
    """A copy of the site whose chrome no longer has the content article the search hook marks."""
    repo = copy_repo(folder)
    base = repo / "overrides" / "base.html"
    text = base.read_text(encoding="utf-8")
    assert '<article class="content"' in text
    base.write_text(text.replace('<article class="content"', '<article class="text"'), encoding="utf-8")
    return repo / "mkdocs.yml"


def test_a_failed_index_leaves_the_previous_site_in_place(tmp_path):
    config = _fixture_project(tmp_path / "project")
    out = tmp_path / "out"
    _write(out, "index.html", "the previous site")
    result = subprocess.run([sys.executable, "-m", "scripts.build_site", "--out", str(out), "--config", str(config)],
                            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 1, result.stderr
    assert "no page is marked for search" in result.stderr
    assert "previous output was left unchanged" in result.stderr
    assert "Traceback" not in result.stderr
    assert (out / "index.html").read_text() == "the previous site"
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".build-")]

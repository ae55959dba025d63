"""MkDocs hooks for search: thin adapters over helpsite/search/page.py.

List this file AFTER helpsite/mkdocs_hooks.py under `hooks:` in mkdocs.yml: it adds
'wasm-unsafe-eval' to the search page's CSP, which that hook fills in first.
"""
from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402

from helpsite.search import page as search_page  # noqa: E402
from helpsite.search.texts import load_search_texts  # noqa: E402
from helpsite.yamlpos import DataError  # noqa: E402

SCRIPT = "assets/js/search.js"
_texts: dict = {}


def _texts_for(lang: str) -> dict:
    if lang not in _texts:
        try:
            _texts[lang] = load_search_texts(lang)
        except DataError as exc:
            raise PluginError(str(exc)) from None
    return _texts[lang]


def on_post_page(output, page, config):
    if not search_page.is_search_page(page.url):
        return search_page.mark_indexable(output)
    lang = config["plugins"]["i18n"].current_language
    try:
        return search_page.finish_search_page(output, _texts_for(lang), get_relative_url(SCRIPT, page.url))
    except search_page.SearchPageError as exc:
        raise PluginError(f"docs/{page.file.src_uri}: error: {exc}") from None

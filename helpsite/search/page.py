"""Changes to built pages for search: plain `str -> str` functions, wired by helpsite/hooks.py.

Pagefind indexes only elements marked `data-pagefind-body` (once any page has one) and files each
page under its `<html lang>`. We mark a page's article only when its content is in the page's own
language: a page on /en/ that falls back to Swedish content (its <article> then has lang="sv") stays
out of the index, so an English search never answers with Swedish text.
"""
from __future__ import annotations

import re
from html import escape

from ..patterns import CSP_META_RE
from ..ui import text_html

SEARCH_SLUG = "sok"
CONTENT_ARTICLE_RE = re.compile(r'<article\b(?=[^>]*\bclass="content")([^>]*)>')
LANG_ATTR_RE = re.compile(r'\slang="')
MOUNT_RE = re.compile(r'<div id="site-search">\s*</div>')
SCRIPT_SRC_SELF = "script-src 'self'"
# Pagefind's engine is WebAssembly; Chromium compiles it only when the CSP allows it. This keyword
# allows compiling WebAssembly and nothing else (no eval, no inline script).
WASM = "'wasm-unsafe-eval'"
DATA_KEYS = ("loading", "none", "more", "error")


class SearchPageError(ValueError):
    """The search page or the page chrome is not what the search code needs."""


def is_search_page(url: str) -> bool:
    """True for the search page of any language ('sok/', 'en/sok/')."""
    return url.strip("/").rsplit("/", 1)[-1] == SEARCH_SLUG


def mark_indexable(html: str) -> str:
    """Mark the page's content article for Pagefind, unless its content is in another language."""
    match = CONTENT_ARTICLE_RE.search(html)
    if not match or LANG_ATTR_RE.search(match.group(1)) or "data-pagefind-body" in match.group(1):
        return html
    return f"{html[:match.start()]}<article{match.group(1)} data-pagefind-body>{html[match.end():]}"


def render_form(texts: dict, index: str = "", other_index: str = "") -> str:
    """The search form and the places for its results; hidden until search.js wires them up.

    Without JavaScript the form stays hidden (a form that cannot work would only confuse); the
    page's own text says where to find every page instead. The input has no name and the form
    no action, so even a forced submission could not put the words into a URL; autocomplete=off
    keeps them out of the browser's form history and out of the restored page after Back.

    `index` is the language of the index to search (search.js asks Pagefind for it): the page's
    own, or for a language with no pages yet its fallback's, and then `other_index` says so.
    Without it Pagefind would pick the largest index, in any language.
    """
    data = "".join(f' data-{key}="{escape(texts[key])}"' for key in DATA_KEYS)
    data += "".join(f' data-{key.replace("_", "-")}="{escape(value)}"'
                    for key, value in sorted(texts.items()) if key.startswith("count_"))
    if index:
        data += f' data-index-lang="{escape(index)}"'
    notice = f'<p class="search__notice">{text_html(other_index)}</p>\n' if other_index else ""
    return (
        f'<div id="site-search" class="search"{data}>\n{notice}'
        '<form class="search__form" role="search" hidden>\n'
        f'<label class="search__label" for="site-search-input">{escape(texts["label"])}</label>\n'
        '<div class="search__row">\n'
        '<input class="search__input" id="site-search-input" type="search" autocomplete="off" autocapitalize="none"'
        ' spellcheck="false" enterkeyhint="search" aria-describedby="site-search-hint">\n'
        f'<button class="search__button" type="submit">{escape(texts["button"])}</button>\n'
        '</div>\n'
        f'<p class="search__hint" id="site-search-hint">{escape(texts["hint"])}</p>\n'
        '</form>\n'
        '<p class="search__status" id="site-search-status" role="status" aria-live="polite" aria-atomic="true"></p>\n'
        f'<ol class="search__results" id="site-search-results" aria-label="{escape(texts["results"])}" hidden></ol>\n'
        f'<button class="search__more" type="button" hidden>{escape(texts["more"])}</button>\n'
        '</div>'
    )


def add_search_form(html: str, texts: dict, index: str = "", other_index: str = "") -> str:
    """Put the form where the page's Markdown has `<div id="site-search"></div>`."""
    if not MOUNT_RE.search(html):
        raise SearchPageError('the search page needs a line <div id="site-search"></div> where the search box goes')
    return MOUNT_RE.sub(lambda _: render_form(texts, index, other_index), html, count=1)


def add_script(html: str, src: str) -> str:
    """Load search.js as a module (deferred, and able to find pagefind/ from its own URL)."""
    if "</head>" not in html:
        raise SearchPageError("the page has no </head>")
    return html.replace("</head>", f'  <script type="module" src="{escape(src)}"></script>\n</head>', 1)


def allow_wasm(html: str) -> str:
    """Add 'wasm-unsafe-eval' to the page's CSP (only the search page needs it)."""
    match = CSP_META_RE.search(html)
    if not match:
        raise SearchPageError("the page has no Content-Security-Policy meta tag")
    policy = match.group(2)
    if SCRIPT_SRC_SELF not in policy:
        raise SearchPageError("the page's CSP is not filled in yet or has no script-src 'self': "
                              "fill the CSP (htmlpost.apply_csp) after the search page is finished")
    if WASM in policy:
        return html
    policy = policy.replace(SCRIPT_SRC_SELF, f"{SCRIPT_SRC_SELF} {WASM}", 1)
    return html[:match.start(2)] + policy + html[match.end(2):]


def finish_search_page(html: str, texts: dict, script_src: str, index: str = "", other_index: str = "") -> str:
    return allow_wasm(add_script(add_search_form(html, texts, index, other_index), script_src))

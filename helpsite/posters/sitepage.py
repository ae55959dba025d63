"""The staff page's list of printable posters, and where the poster pages live in the built site.

Every poster is one HTML file in FOLDER (site/affischer/), next to the Swedish staff page; each
language's staff page lists the posters of every language, since a library may want to put up
Arabic posters while its staff read Swedish.
"""
from __future__ import annotations

import posixpath
import re
from html import escape

from .html import KINDS, MULTI
from .routines import name

FOLDER = "affischer"                      # the staff page's slug, and the posters' folder
MARKER_RE = re.compile(r'<div class="poster-list">\s*</div>')
MARKER = '<div class="poster-list"></div>'


def poster_path(name: str) -> str:
    """Site-relative path of a poster page, e.g. 'affischer/ar-a4.html'."""
    return f"{FOLDER}/{name}.html"


def is_staff_page(url: str, lang) -> bool:
    return url in (f"{lang.prefix}{FOLDER}/", f"{lang.prefix}{FOLDER}.html")


def back_links(texts) -> dict:
    """{language code: relative link from a poster page back to that language's staff page}."""
    return {t.lang.code: posixpath.relpath(f"{t.lang.prefix}{FOLDER}", FOLDER) + "/" for t in texts}


def _name(lang) -> str:
    return f'<span lang="{lang.tag}" dir="{lang.dir}">{escape(lang.name)}</span>'


def links_html(texts, page_text, href, with_qr: bool = True) -> str:
    """The list of poster links in the staff page's language; `href(path)` makes a link relative."""
    words = page_text.texts
    def link(name, label):
        return f'<a href="{escape(href(poster_path(name)))}">{label}</a>'
    items = [f"<li>{link(MULTI, escape(words['kind_multi']))}</li>"]
    for t in texts:
        inner = "".join(f"<li>{link(f'{t.lang.code}-{kind}', escape(words[f'kind_{kind}']) + ' – ' + _name(t.lang))}"
                        "</li>" for kind in KINDS)
        items.append(f"<li>{_name(t.lang)}<ul>{inner}</ul></li>")
    note = "" if with_qr else f'<p class="poster-list__note"><strong>{escape(words["no_site_url"])}</strong></p>'
    return f'<div class="poster-list">{note}<ul>{"".join(items)}</ul></div>'


def fill_marker(page_html: str, list_html: str) -> str | None:
    """The page with its marker replaced by the list; None when the page has no marker."""
    if not MARKER_RE.search(page_html):
        return None
    return MARKER_RE.sub(lambda _: list_html, page_html, count=1)


ROUTINE_MARKER_RE = re.compile(r'<div class="routine-list">\s*</div>')
ROUTINE_MARKER = '<div class="routine-list"></div>'
STAFF_FOLDER = "personal"


def staff_back_links(texts) -> dict:
    """{language code: the way back from a routine page to that language's staff section}."""
    return {t.lang.code: {"href": posixpath.relpath(f"{t.lang.prefix}{STAFF_FOLDER}", FOLDER) + "/",
                          "text": t.texts["back_staff"], "hint": t.texts["print_hint"]} for t in texts}


def routine_links_html(routines, page_text, href) -> str:
    """The staff page's list: each workplace's routine (A4) and pocket card, in the page's language."""
    words = page_text.texts
    items = []
    for r in routines:
        if r.lang.code != page_text.lang.code:
            continue
        own = "" if r.text_lang.tag == r.lang.tag else f' lang="{r.text_lang.tag}" dir="{r.text_lang.dir}"'
        links = ", ".join(f'<a href="{escape(href(poster_path(name(r, kind))))}">{escape(words["kind_" + kind])}</a>'
                          for kind in ("routine", "pocket"))
        items.append(f"<li><span{own}>{escape(r.title)}</span>: {links}</li>")
    return f'<div class="routine-list"><ul>{"".join(items)}</ul></div>'


def fill_routine_marker(page_html: str, list_html: str) -> str:
    """The page with its routine marker (if any) replaced by the list."""
    return ROUTINE_MARKER_RE.sub(lambda _: list_html, page_html, count=1)

"""What the page chrome (overrides/*.html) receives: the template contract, and plain functions
that compute it. helpsite/hooks.py only wires these to MkDocs' events.

TEMPLATE_VARIABLES is the contract: every variable a template in overrides/ reads, with what it
holds. tests/test_templates.py fails when a template reads a variable that is not listed here
(so a new one gets documented) or when one listed here is no longer used.
"""
from __future__ import annotations

import posixpath

# Variables we add (hooks.py) and the ones MkDocs itself passes that our templates read.
TEMPLATE_VARIABLES = {
    # ours
    "site_ui": "interface texts of the site language (data/ui/<code>.yml): exit button, menu, notices",
    "site_lang": "the Language being built (helpsite.site.Language): code, name, dir, site_name, prefix",
    "content_lang": "the Language the page's content is written in; differs from site_lang when a "
                    "translation is missing and the Swedish text is shown",
    "exit_url": "where the exit button goes (extra.exit_url)",
    "lang_root": "the site language's path below the site root: '' or 'en/'",
    "home_url": "link to the site language's start page, relative to the page (absolute on 404 pages)",
    "search_url": "link to the site language's search page, relative to the page (absolute on 404 pages)",
    "site_version": "the release version (SITE_VERSION), or '' outside a release build",
    "lang_links": "one {lang, current, url} per language: the same page in every language",
    "menu": "the menu in visitor order (extra.menu in mkdocs.yml): {title, url, active}; a folder "
            "(the staff section) is one entry, its index page",
    "page_title": "the <title>: page title and site name, or the site name alone on the start page",
    # MkDocs'
    "config": "MkDocs' config; templates read config.site_name only",
    "page": "MkDocs' page: content, meta (reviewed, description)",
}


def rel_url(target: str, page_url: str) -> str:
    """`target` (site-relative, e.g. 'en/sok/') as a link from the page at `page_url` ('en/om/')."""
    base = posixpath.dirname(page_url) if not page_url.endswith("/") else page_url.rstrip("/")
    rel = posixpath.relpath(target or ".", base or ".")
    if target.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return "." if rel in (".", "./") else rel


def path_below_language(page_url: str, site_lang) -> str:
    """The page's address below its language folder, identical in every language ('om/')."""
    prefix = site_lang.prefix
    return page_url[len(prefix):] if prefix and page_url.startswith(prefix) else page_url


def page_context(site, site_lang, content_lang, page_url: str, ui: dict, version: str) -> dict:
    """The chrome's variables for a content page, with links relative to `page_url`."""
    path = path_below_language(page_url, site_lang)
    return {
        "site_ui": ui, "site_lang": site_lang, "content_lang": content_lang,
        "exit_url": site.exit_url, "lang_root": site_lang.prefix,
        "home_url": rel_url(site_lang.prefix, page_url),
        "search_url": rel_url(site_lang.prefix + "sok/", page_url),
        "site_version": version,
        # "./" rather than ".": the link to the page itself in its own language stays a folder link.
        "lang_links": [{"lang": lang, "current": lang == site_lang,
                        "url": _folder(rel_url(lang.prefix + path, page_url))} for lang in site.languages],
    }


def _folder(url: str) -> str:
    return "./" if url == "." else url


def not_found_context(site, site_lang, base_url: str, ui: dict, version: str) -> dict:
    """The chrome's variables for the 404 page, whose links are absolute: it is shown at any address."""
    base = base_url.rstrip("/") + "/"
    home = base + site_lang.prefix
    return {
        "site_ui": ui, "site_lang": site_lang, "content_lang": site_lang, "exit_url": site.exit_url,
        "lang_root": site_lang.prefix, "home_url": home, "search_url": home + "sok/",
        "site_version": version, "page_title": f"{ui['not_found_title']} – {site_lang.site_name}",
        "lang_links": [{"lang": lang, "current": lang == site_lang, "url": base + lang.prefix}
                       for lang in site.languages],
    }


def page_title(title: str | None, site_name: str, is_homepage: bool) -> str:
    """'Title – Site' for a page; the site name alone on the start page or when the title is it."""
    title = (title or "").strip()
    if is_homepage or not title or title == site_name:
        return site_name
    return f"{title} – {site_name}"


def order_menu(items: list, order: list[str], key) -> list:
    """`items` with those named in `order` first, in that order; the rest after, as they were.

    `key(item)` gives an item's source path below its language folder ('om.md', 'personal/').
    A page an editor adds without listing it still shows up: at the end of the menu.
    """
    rank = {name: i for i, name in enumerate(order)}
    indexed = list(enumerate(items))
    indexed.sort(key=lambda pair: (rank.get(key(pair[1]), len(rank)), pair[0]))
    return [item for _, item in indexed]

"""MkDocs hooks: the one thin adapter between MkDocs' events and the plain functions in helpsite/.

Listed once under `hooks:` in mkdocs.yml. The i18n plugin runs a whole build per language in one
process; what must outlive one language's build (the 404 pages, the rendered poster pages) is
kept in `_RUN`, and everything else comes from the site model, which rereads a file only when it
changed (so `mkdocs serve` sees edits).
"""
from __future__ import annotations

import os

from mkdocs.exceptions import PluginError

from helpsite import cards, chrome, htmlpost, translations
from helpsite import ui as ui_texts
from helpsite.directives import DirectiveError, check_directives
from helpsite.posters import build as posters
from helpsite.posters import routines, sitepage
from helpsite.search import page as search_page
from helpsite.site import Site, site_of
from helpsite.yamlpos import DataError

SEARCH_SCRIPT = "assets/js/search.js"
# Kept across the language builds of one run: {"not_found": {code: html}, "posters": (key, docs)}.
_RUN: dict = {"not_found": {}}


def _site(config) -> Site:
    try:
        return site_of(config)
    except DataError as exc:
        raise PluginError(str(exc)) from None


def _data(call):
    """Run a data loader; an editor's mistake in a data file stops the build with path:line."""
    try:
        return call()
    except DataError as exc:
        raise PluginError(str(exc)) from None


def _build_lang(site: Site, config):
    return site.language(config["plugins"]["i18n"].current_language)


def _rel(page) -> str:
    return getattr(page.file, "norm_src_uri", page.file.src_uri)


def on_env(env, config, files):
    # `{{ ui.exit | t }}`: an interface text as HTML, marked with its language when it is
    # borrowed from a fallback language (helpsite/ui.py).
    env.filters["t"] = ui_texts.text_html
    return env


def on_config(config):
    site = _site(config)
    _data(site.contacts)              # a mistake in the data stops the build before any page
    for lang in site.languages:
        _data(lambda code=lang.code: site.ui(code))
    return config


def _menu_key(item) -> str:
    if getattr(item, "file", None) is not None:
        return _rel(item)
    first = next((child for child in item.children if getattr(child, "file", None) is not None), None)
    return os.path.dirname(_rel(first)) + "/" if first else ""


def on_page_markdown(markdown, page, config, files):
    site = _site(config)
    build = _build_lang(site, config)
    state, source_reviewed = _translation_state(site, build, page)
    page.helpsite_translation = (state, source_reviewed)      # read by on_page_content
    lang = site.default if state == "missing" else site.language(getattr(page.file, "locale", None) or build.code)
    page.helpsite_content_lang = lang
    try:
        check_directives(markdown, _data(site.contacts))
    except DirectiveError as exc:
        line = exc.line + _front_matter_lines(page)
        raise PluginError(f"docs/{page.file.src_uri}:{line}: error: {exc.message}") from None
    return markdown


def _translation_state(site: Site, build, page) -> tuple[str, str | None]:
    """(current | outdated | missing, the Swedish page's `reviewed` date for the notice)."""
    if build.default:
        return "current", None
    source_path = os.path.join(site.docs_dir, site.default.code, _rel(page))
    if not os.path.exists(source_path):
        return "current", None              # no Swedish original: the checks report it
    source = _data(lambda: translations.read(source_path))
    if getattr(page.file, "locale", build.code) == site.default.code:
        return "missing", translations.reviewed(source)     # the i18n plugin's fallback page
    translated = _data(lambda: translations.read(page.file.abs_src_path))
    return translations.status(source, translated), translations.reviewed(source)


def _front_matter_lines(page) -> int:
    # MkDocs hands hooks the Markdown without its front matter; count those lines back in.
    with open(page.file.abs_src_path, encoding="utf-8") as fh:
        source = fh.read()
    return source.count("\n") - page.markdown.count("\n") if page.markdown else 0


def on_page_content(html, page, config, files):
    site = _site(config)
    lang = page.helpsite_content_lang
    html = cards.render_html(html, _data(site.contacts), site.chain(lang.code), _data(lambda: site.ui(lang.code)))
    html = _fill_poster_list(site, html, page, config)
    state, source_reviewed = page.helpsite_translation
    build = _build_lang(site, config)
    ui = _data(lambda: site.ui(build.code))
    notice = ""
    if state != "current":
        source_url = chrome.rel_url(site.default.prefix + chrome.path_below_language(page.url, build), page.url)
        notice = translations.notice_html(state, ui, build.lang, build.dir, source_reviewed, source_url,
                                          site.default.lang)
    if not build.default and state != "missing" and not translations.translator_reviewed(page.meta):
        notice += translations.unreviewed_html(ui, build.lang, build.dir)
    return notice + html


def _fill_poster_list(site: Site, html: str, page, config) -> str:
    # Only two kinds of page list printables: look at the page first, the poster data after.
    has_routines = bool(sitepage.ROUTINE_MARKER_RE.search(html))
    posters_of = next((lang for lang in site.languages if sitepage.is_staff_page(page.url, lang)), None)
    if not has_routines and posters_of is None:
        return html
    texts = _poster_texts(site)
    if has_routines:
        page_text = _own_or_fallback(site, texts, _build_lang(site, config))
        links = sitepage.routine_links_html(_data(lambda: routines.all_routines(site)), page_text,
                                            lambda path: chrome.rel_url(path, page.url))
        html = sitepage.fill_routine_marker(html, links)
    if posters_of is None:
        return html
    page_text = _own_or_fallback(site, texts, posters_of)
    links = sitepage.links_html(texts, page_text, lambda path: chrome.rel_url(path, page.url),
                                with_qr=bool(site.site_url))
    filled = sitepage.fill_marker(html, links)
    if filled is None:
        raise PluginError(f"docs/{page.file.src_uri}: error: the page needs a line "
                          f"{sitepage.MARKER} where the list of posters goes")
    return filled


def _own_or_fallback(site: Site, texts: list, lang):
    # A language without poster texts of its own lists the posters in its fallback's words.
    by_code = {t.lang.code: t for t in texts}
    return next(by_code[c.code] for c in site.chain(lang.code) if c.code in by_code)


def _poster_texts(site: Site) -> list:
    return _data(lambda: posters.all_texts(site))


def on_page_context(context, page, config, nav):
    site = _site(config)
    build = _build_lang(site, config)
    context.update(chrome.page_context(site, build, page.helpsite_content_lang, page.url,
                                       _data(lambda: site.ui(build.code)), os.environ.get("SITE_VERSION", "")))
    context["page_title"] = chrome.page_title(page.title, config["site_name"], page.is_homepage)
    context["menu"] = _menu(config, nav, lambda url: chrome.rel_url(url, page.url))
    return context


def _menu(config, nav, link) -> list[dict]:
    # Ordered here, not in on_nav: the i18n plugin builds each language's nav after our on_nav.
    order = (config["extra"] or {}).get("menu") or []
    return [_menu_entry(item, link) for item in chrome.order_menu(nav.items, order, _menu_key)]


def _menu_entry(item, link) -> dict:
    # A folder (the staff section) is one entry: its index page, active for any page inside it.
    target = item if getattr(item, "file", None) is not None else next(
        (child for child in item.children if getattr(child, "file", None) is not None
         and _rel(child).endswith("index.md")), item.children[0])
    return {"title": target.title, "url": link(target.url), "active": bool(item.active)}


def on_template_context(context, template_name, config):
    if template_name != "404.html":
        return context
    site = _site(config)
    build = _build_lang(site, config)
    context.update(chrome.not_found_context(site, build, context["base_url"], _data(lambda: site.ui(build.code)),
                                            os.environ.get("SITE_VERSION", "")))
    base = context["base_url"].rstrip("/") + "/"
    context["menu"] = _menu(config, context["nav"], lambda url: base + url)
    return context


def on_post_template(output, template_name, config):
    output = htmlpost.apply_csp(output)
    if template_name == "404.html":
        _RUN["not_found"][_build_lang(_site(config), config).code] = output
    return output


def on_post_page(output, page, config):
    output = htmlpost.apply_csp(htmlpost.secure_external_links(output))
    if not search_page.is_search_page(page.url):
        # A page shown from the default language (no translation yet) is that language's page
        # already: indexing it again would answer twice (and, for an edition that shares the
        # default's lang such as easy-read Swedish, in the same index).
        missing = getattr(page, "helpsite_translation", ("current",))[0] == "missing"
        return output if missing else search_page.mark_indexable(output)
    site = _site(config)
    code = config["plugins"]["i18n"].current_language
    texts = _data(lambda: site.search_texts(code))
    index = site.index_language(code)
    other = "" if index.lang == site.language(code).lang else ui_texts.fill(texts["other_index"], language=index.name)
    try:
        return search_page.finish_search_page(output, texts, chrome.rel_url(SEARCH_SCRIPT, page.url),
                                              index.search_lang, other)
    except search_page.SearchPageError as exc:
        raise PluginError(f"docs/{page.file.src_uri}: error: {exc}") from None


def on_post_build(config):
    site = _site(config)
    # The i18n plugin renders 404.html once per language into the same root file, so the last
    # language would win. Write each language's page to its own folder (the default at the root).
    for lang in site.languages:
        html = _RUN["not_found"].get(lang.code)
        if html is not None:
            target = os.path.join(config["site_dir"], lang.prefix, "404.html")
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w", encoding="utf-8") as fh:
                fh.write(html)
    _write_posters(site, config)


def _write_posters(site: Site, config) -> None:
    # Every language build writes into the same site_dir, so each writes the poster pages; the
    # rendering (templates, QR codes) is done once per run and per set of inputs.
    texts = _poster_texts(site)
    key = (id(texts), site.site_url)
    if _RUN.get("posters", (None,))[0] != key:
        docs = posters.all_documents(texts, site.site_url or None, csp=htmlpost.CSP_BASE.format(hashes=""),
                                     back=sitepage.back_links(texts), icon="../assets/favicon.svg",
                                     routines=_data(lambda: routines.all_routines(site)),
                                     staff_back=sitepage.staff_back_links(texts))
        _RUN["posters"] = (key, docs)
    posters.write_documents(_RUN["posters"][1], os.path.join(config["site_dir"], sitepage.FOLDER))

"""MkDocs hooks: thin adapters that wire the plain functions in helpsite/ to build events."""
from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402

from helpsite import cards, htmlpost  # noqa: E402
from helpsite.contacts import load_contacts  # noqa: E402
from helpsite.directives import DirectiveError, check_directives  # noqa: E402
from helpsite.siteconfig import language_prefix, languages_from_entries  # noqa: E402
from helpsite.ui import load_ui  # noqa: E402
from helpsite.yamlpos import DataError, file_stamp  # noqa: E402

_state: dict = {}
# Data files as last read: the i18n plugin runs on_config once per language in one process, and
# reading every language's texts each time made the build grow with languages². Read again only
# when a file changed (mkdocs serve).
_data: dict = {}
# Rendered 404 pages by language code; kept outside _state, which each language build resets.
_not_found: dict = {}


def _i18n(config):
    return config["plugins"]["i18n"]


def _build_lang(config):
    code = _i18n(config).current_language
    return next(lang for lang in _state["languages"] if lang.code == code)


def _content_lang(page, config):
    code = getattr(page.file, "locale", None) or _build_lang(config).code
    return next(lang for lang in _state["languages"] if lang.code == code)


def on_config(config):
    # Called at the start of every language build, so data edits show up on each
    # `mkdocs serve` rebuild.
    _state.clear()
    langs = languages_from_entries(_i18n(config).config.languages)
    data = os.path.relpath(os.path.join(os.path.dirname(config.config_file_path), "data"))
    paths = [os.path.join(data, "contacts.yml")] + [os.path.join(data, "ui", f"{lang.code}.yml") for lang in langs]
    key = (tuple(langs), tuple(file_stamp(path) for path in paths))
    try:
        if _data.get("key") != key:
            _data.clear()
            _data["contacts"] = load_contacts(paths[0], langs[0].code)
            _data["ui"] = {lang.code: load_ui(lang.code, os.path.join(data, "ui")) for lang in langs}
            _data["key"] = key
        _state["languages"] = langs
        _state["contacts"] = _data["contacts"]
        _state["ui"] = _data["ui"]
    except DataError as exc:
        _state.clear()
        raise PluginError(str(exc)) from None
    return config


def on_page_markdown(markdown, page, config, files):
    lang = _content_lang(page, config)
    try:
        check_directives(markdown, _state["contacts"], lang.code)
    except DirectiveError as exc:
        raise PluginError(f"docs/{page.file.src_uri}:{exc.line + _front_matter_lines(page)}: error: {exc.message}") from None
    return markdown


def _front_matter_lines(page):
    # MkDocs hands hooks the Markdown without its front matter; count those lines back in.
    with open(page.file.abs_src_path, encoding="utf-8") as fh:
        source = fh.read()
    return source.count("\n") - page.markdown.count("\n") if page.markdown else 0


def on_page_content(html, page, config, files):
    lang = _content_lang(page, config)
    return cards.render_html(html, _state["contacts"], lang.code, _state["ui"][lang.code])


def on_page_context(context, page, config, nav):
    site_lang = _build_lang(config)
    # Path of this page below its language folder, identical in every language.
    prefix = language_prefix(site_lang)
    path = page.url[len(prefix):] if prefix and page.url.startswith(prefix) else page.url
    context.update(
        site_ui=_state["ui"][site_lang.code],
        site_lang=site_lang,
        content_lang=_content_lang(page, config),
        exit_url=config["extra"]["exit_url"],
        lang_root=prefix,
        home_url=get_relative_url(prefix, page.url),
        search_url=get_relative_url(prefix + "sok/", page.url),
        site_version=os.environ.get("SITE_VERSION", ""),
        lang_links=[{"lang": lang, "current": lang == site_lang,
                     "url": get_relative_url(language_prefix(lang) + path, page.url) or "./"}
                    for lang in _state["languages"]],
    )
    return context


def on_template_context(context, template_name, config):
    # Theme-only pages (the 404 page) get the same chrome, with absolute links.
    if template_name != "404.html" or "contacts" not in _state:
        return context
    site_lang = _build_lang(config)
    base = context["base_url"].rstrip("/") + "/"
    context.update(
        site_ui=_state["ui"][site_lang.code], site_lang=site_lang, content_lang=site_lang,
        exit_url=config["extra"]["exit_url"], lang_root=language_prefix(site_lang),
        home_url=base + language_prefix(site_lang),
        search_url=base + language_prefix(site_lang) + "sok/",
        site_version=os.environ.get("SITE_VERSION", ""),
        lang_links=[{"lang": lang, "current": lang == site_lang, "url": base + language_prefix(lang)}
                    for lang in _state["languages"]],
    )
    return context


def on_post_template(output, template_name, config):
    output = htmlpost.apply_csp(output)
    if template_name == "404.html" and "contacts" in _state:
        _not_found[_build_lang(config).code] = output
    return output


def on_post_build(config):
    # The i18n plugin renders 404.html once per language into the same root file, so the last
    # language would win. Write each language's page to its own folder (Swedish stays at root).
    for lang in _state.get("languages", []):
        html = _not_found.get(lang.code)
        if html is None:
            continue
        target = os.path.join(config["site_dir"], language_prefix(lang), "404.html")
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as fh:
            fh.write(html)


def on_post_page(output, page, config):
    return htmlpost.apply_csp(htmlpost.secure_external_links(output))

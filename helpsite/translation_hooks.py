"""MkDocs hook: a note above a page whose translation is missing or may be out of date.

A thin adapter over helpsite.translations. A *missing* page is the Swedish page shown in another
language's site (the i18n plugin's fallback; the template marks its content lang="sv"). An
*outdated* page is a translation whose recorded fingerprint no longer matches the Swedish text;
the note names the Swedish page's `reviewed` date (see CONTRIBUTING.md: editors update it with
every change), which, unlike a git date, is the same in a zip, a shallow clone and a test copy.
"""
from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402

from helpsite import translations  # noqa: E402
from helpsite.siteconfig import language_prefix, languages  # noqa: E402
from helpsite.ui import load_ui  # noqa: E402
from helpsite.yamlpos import DataError  # noqa: E402

_state: dict = {}


def on_config(config):
    plugin = config["plugins"]["i18n"]
    _state["languages"] = languages({"plugins": [{"i18n": {"languages": [dict(lang) for lang in
                                                                          plugin.config.languages]}}]})
    _state["ui"] = {}          # read again on every build, so `mkdocs serve` sees edited texts
    return config


def _texts(code: str) -> dict:
    if code not in _state["ui"]:
        try:
            texts = load_ui(code, source=_state["languages"][0].code)
        except DataError as exc:
            raise PluginError(str(exc)) from None
        missing = [key for key in translations.NOTICE_KEYS if key not in texts]
        if missing:
            raise PluginError(f"data/ui/{code}.yml:1: error: missing interface texts: {', '.join(missing)}")
        _state["ui"][code] = texts
    return _state["ui"][code]


def on_page_content(html, page, config, files):
    default = _state["languages"][0]
    build = next(lang for lang in _state["languages"] if lang.code == config["plugins"]["i18n"].current_language)
    if build.default:
        return html
    rel = getattr(page.file, "norm_src_uri", page.file.src_uri)
    source_path = os.path.join(config["docs_dir"], default.code, rel)
    if not os.path.exists(source_path):
        return html                     # no Swedish original: the checks report it as an error
    with open(source_path, encoding="utf-8-sig") as fh:
        source = fh.read()
    if getattr(page.file, "locale", build.code) == default.code:
        state = "missing"
    else:
        with open(page.file.abs_src_path, encoding="utf-8-sig") as fh:
            state = translations.status(source, fh.read())
    if state == "current":
        return html
    prefix = language_prefix(build)
    path = page.url[len(prefix):] if page.url.startswith(prefix) else page.url
    source_url = get_relative_url(language_prefix(default) + path, page.url) or "./"
    notice = translations.notice_html(state, _texts(build.code), build.code, build.dir,
                                      translations.reviewed(source), source_url, default.code)
    return notice + html

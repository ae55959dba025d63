"""MkDocs hook: printable poster pages in the built site, linked from the staff page (affischer).

A thin adapter: the posters are made by helpsite.posters (the same HTML the PDFs are made from);
this hook only writes them into site/affischer/ after each build and puts the list of links where
the staff page has its <div class="poster-list"></div>. Without a site_url the pages are written
without QR codes (there is no address to encode) and the staff page says so.
"""
from __future__ import annotations

import os
import posixpath
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402

from helpsite import htmlpost  # noqa: E402
from helpsite.posters import build, sitepage  # noqa: E402
from helpsite.yamlpos import DataError, file_stamp  # noqa: E402

_state: dict = {}


def _raw_config(config) -> dict:
    # helpsite reads mkdocs.yml as plain data; rebuild that shape from the loaded config.
    plugin = config["plugins"]["i18n"]
    return {"site_name": config["site_name"],
            "plugins": [{"i18n": {"languages": [dict(lang) for lang in plugin.config.languages]}}]}


def _sources_key() -> tuple:
    folders = ("data", os.path.join("data", "ui"), os.path.join("posters", "strings"))
    paths = [os.path.join(folder, name) for folder in folders if os.path.isdir(folder)
             for name in sorted(os.listdir(folder)) if name.endswith(".yml")]
    return tuple(file_stamp(path) for path in paths)


def on_config(config):
    # Runs once per language build; the texts are read again only when a source file changed
    # (an edit during mkdocs serve), so the posters follow the data like the pages do.
    key = _sources_key()
    if _state.get("texts_key") != key:
        try:
            _state["texts"] = build.all_texts(_raw_config(config))
        except DataError as exc:
            raise PluginError(str(exc)) from None
        _state["texts_key"] = key
        _state.pop("pages_key", None)   # render the posters again from the new texts
    return config


def on_page_content(html, page, config, files):
    texts = _state["texts"]
    page_text = next((t for t in texts if sitepage.is_staff_page(page.url, t.lang)), None)
    if page_text is None:
        return html
    links = sitepage.links_html(texts, page_text, lambda path: get_relative_url(path, page.url),
                                with_qr=bool(config["site_url"]))
    filled = sitepage.fill_marker(html, links)
    if filled is None:
        raise PluginError(f"docs/{page.file.src_uri}: error: the page needs a line "
                          f"{sitepage.MARKER} where the list of posters goes")
    return filled


def on_post_build(config):
    # Every language build writes into the same site_dir (the first one may have cleaned it), so
    # each writes the pages. Rendering them (templates, QR codes) is the costly part and gives the
    # same pages in every language build of a run, so it is done once: the texts are read once
    # per run too (on_config).
    favicon = config["theme"]["favicon"]
    key = (config["site_url"] or None, favicon)
    if _state.get("pages_key") != key:
        texts = _state["texts"]
        _state["pages"] = build.all_documents(
            texts, key[0], csp=htmlpost.CSP_BASE.format(hashes=""), back=sitepage.back_links(texts),
            icon=posixpath.relpath(favicon, sitepage.FOLDER) if favicon else None)
        _state["pages_key"] = key
    build.write_documents(_state["pages"], os.path.join(config["site_dir"], sitepage.FOLDER))

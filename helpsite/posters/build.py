"""Every poster for every language, from the one config and the one contacts file.

Used by scripts/posters.py (PDFs into build/posters) and by the MkDocs hook (printable HTML
pages in the built site).
"""
from __future__ import annotations

import os
import shutil

from ..ui import is_untranslated_copy
from ..yamlpos import file_stamp
from . import html
from .content import poster_text


def strings_dir(site) -> str:
    return site.path("posters", "strings")


def all_texts(site, only: list[str] | None = None) -> list:
    """PosterText per language (default language first); raises DataError on a data mistake.

    Cached in the site model until a file they are made from changes (the hooks ask per page).
    """
    folder = strings_dir(site)
    names = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
    key = ("posters", tuple(only or ()), file_stamp(site.contacts_path),
           *(file_stamp(os.path.join(site.ui_dir, f"{lang.code}.yml")) for lang in site.languages),
           *(file_stamp(os.path.join(folder, name)) for name in names))
    shown = site.display(folder)
    return site.cached(key, lambda: [poster_text(lang, site.contacts(), site.ui(lang.code), shown, site.chain(lang.code))
                                     for lang in languages_with_posters(site) if not only or lang.code in only])


def languages_with_posters(site) -> list:
    """The languages whose poster texts exist and are translated. A poster is printed in one
    language, so a language without its own texts gets no poster rather than a Swedish one
    under its name (the checks say so)."""
    folder = strings_dir(site)
    return [lang for lang in site.languages if lang.default or (
        os.path.exists(os.path.join(folder, f"{lang.code}.yml"))
        and not is_untranslated_copy(os.path.join(folder, f"{lang.code}.yml")))]


def all_documents(texts: list, site_url: str | None, routines: list = (), staff_back: dict | None = None,
                  **kwargs) -> list:
    docs = [doc for t in texts for doc in html.language_documents(t, site_url, **kwargs)]
    docs.append(html.multilingual_document(texts, site_url, **kwargs))
    return docs + html.routine_documents(routines, site_url, **{**kwargs, "back": staff_back})


def write_pdfs(texts: list, site_url: str, out_dir: str, with_multi: bool = True, routines: list = ()) -> list[str]:
    """Write one PDF per document into out_dir; returns the paths written."""
    from .pdf import write_pdf

    os.makedirs(out_dir, exist_ok=True)
    docs = [doc for t in texts for doc in html.language_documents(t, site_url)]
    if with_multi:
        docs.append(html.multilingual_document(texts, site_url))
    docs += html.routine_documents(routines, site_url)
    written = []
    for doc in docs:
        path = os.path.join(out_dir, f"{doc.name}.pdf")
        write_pdf(doc.html, html.POSTERS_DIR, path)
        written.append(path)
    return written


def write_html(texts: list, site_url: str | None, out_dir: str, csp: str | None = None,
               back: dict | None = None, icon: str | None = None) -> list[str]:
    """Write the printable HTML pages and their stylesheet into out_dir (in the built site)."""
    return write_documents(all_documents(texts, site_url, csp=csp, back=back, icon=icon), out_dir)


def write_documents(docs: list, out_dir: str) -> list[str]:
    """Write rendered poster pages and their stylesheet into out_dir; returns the pages' paths."""
    os.makedirs(out_dir, exist_ok=True)
    shutil.copyfile(os.path.join(html.POSTERS_DIR, html.CSS_FILE), os.path.join(out_dir, html.CSS_FILE))
    written = []
    for doc in docs:
        path = os.path.join(out_dir, f"{doc.name}.html")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(doc.html)
        written.append(path)
    return written

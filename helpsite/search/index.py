"""Build the per-language search index of a built site with Pagefind, and check what it holds.

scripts/build_site.py runs this on the staging folder before it is swapped in, so a failed index
leaves the previous site live, like a failed MkDocs build does.
"""
from __future__ import annotations

import json
import os
import re
import subprocess

from ..patterns import HTML_LANG_RE
from ..sitefiles import html_files

BUNDLE = "pagefind"
# Files Pagefind writes for its ready-made interfaces and its web worker. Our search.js uses
# pagefind.js in the page itself (noWorker), so nobody ever asks for these; leaving them out keeps
# ~470 kB of unused code out of the published bundle.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
          "pagefind-worker.js")
MARK = "data-pagefind-body"
MARKED_RE = re.compile(r"<[a-z]+\b[^>]*\s" + MARK + r"[\s>=]")


class SearchIndexError(Exception):
    """The index could not be built, or it does not hold the pages it should."""


def executable() -> str:
    """Path of the Pagefind binary that the pinned `pagefind-bin` package ships."""
    try:
        from pagefind_bin import get_executable
        return str(get_executable())
    except (ImportError, FileNotFoundError):
        raise SearchIndexError("pagefind-bin: error: the Pagefind binary is missing; "
                               "install the pinned packages (pip install -r requirements.txt)") from None


def _html_files(site: str, pages_only: bool = False):
    for path, rel in html_files(site):
        if rel.startswith(BUNDLE + "/") or (pages_only and os.path.basename(path) != "index.html"):
            continue
        with open(path, encoding="utf-8") as fh:
            yield fh.read()


def site_languages(site: str) -> set[str]:
    """Every language a built page is in (<html lang>): each needs pages of its own in the index.

    Only pages (folder/index.html) count; other HTML files, such as printable posters, may be in
    any language without being searchable.
    """
    return {match.group(1).lower() for html in _html_files(site, pages_only=True)
            if (match := HTML_LANG_RE.search(html))}


def expected_pages(site: str) -> dict[str, int]:
    """How many pages each language should have in the index: the pages marked for search."""
    counts: dict[str, int] = {}
    for html in _html_files(site):
        lang = HTML_LANG_RE.search(html)
        if lang and MARKED_RE.search(html):
            counts[lang.group(1).lower()] = counts.get(lang.group(1).lower(), 0) + 1
    return counts


def run_pagefind(site: str, binary: str | None = None) -> None:
    result = subprocess.run([binary or executable(), "--site", site, "--output-subdir", BUNDLE, "--quiet"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().replace("\n", " ")
        raise SearchIndexError(f"{site}/{BUNDLE}: error: Pagefind failed: {detail}")


def indexed_pages(site: str) -> dict[str, int]:
    """Pages per language, as Pagefind's entry file reports them."""
    path = os.path.join(site, BUNDLE, "pagefind-entry.json")
    try:
        with open(path, encoding="utf-8") as fh:
            entry = json.load(fh)
        return {lang: int(info["page_count"]) for lang, info in entry["languages"].items()}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SearchIndexError(f"{path}:1: error: unreadable Pagefind entry file ({exc})") from None


def prune(site: str) -> None:
    for name in UNUSED:
        path = os.path.join(site, BUNDLE, name)
        if os.path.exists(path):
            os.remove(path)


def build_index(site: str, languages: list[str] | None = None, binary: str | None = None) -> dict[str, int]:
    """Index `site` per language; every language must get exactly its marked pages.

    `languages` defaults to the languages of the built pages, so any config (also one that
    INHERITs mkdocs.yml) is checked the same way.

    A newly added language may have no page of its own yet: its pages are Swedish fallbacks,
    and Pagefind then answers its searches from another index, which matches what it shows.
    Only a site where no language has a marked page is an error (the search hook is missing).
    """
    expected = expected_pages(site)
    codes = sorted(languages if languages is not None else site_languages(site))
    if not any(expected.get(code) for code in codes):
        raise SearchIndexError(f"{site}: error: no page is marked for search ({MARK}): "
                               "is helpsite/hooks.py missing under hooks in mkdocs.yml?")
    run_pagefind(site, binary)
    got = indexed_pages(site)
    if got != expected:
        raise SearchIndexError(f"{site}/{BUNDLE}: error: the index holds {got} pages per language, "
                               f"but the site marks {expected}")
    prune(site)
    return got

"""The page tree: language folders, slugs, duplicate addresses, and the same pages in every language.

The Swedish tree (the default language) defines every page and address. A translation may lack
a page (the site then shows the Swedish page with a notice), but it may not add one.
"""
from __future__ import annotations

import os
import re

from .problems import Problem, error, warning

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SHARED_FOLDERS = {"assets"}      # shared by every language, not content


def scan_docs(root: str, codes: list[str]) -> tuple[list[tuple[str, str, str]], list[Problem]]:
    """Every Markdown page as (path, lang, rel), plus problems with where files are."""
    docs = os.path.join(root, "docs")
    pages, problems = [], []
    for entry in sorted(os.listdir(docs)) if os.path.isdir(docs) else []:
        full = os.path.join(docs, entry)
        if os.path.isfile(full):
            if entry.endswith(".md"):
                problems.append(error(f"docs/{entry}", 1, f"this page is outside a language folder; "
                                                          f"move it to docs/{codes[0]}/{entry}"))
            continue
        if entry in SHARED_FOLDERS:
            continue
        found = sorted(_markdown_below(full))
        if entry not in codes:
            if found:
                problems.append(error(f"docs/{entry}/{found[0]}", 1, _unknown_folder(entry, codes)))
            continue
        pages.extend((f"docs/{entry}/{rel}", entry, rel) for rel in found)
    return pages, problems


def _markdown_below(folder: str):
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in filenames:
            if name.endswith(".md"):
                yield os.path.relpath(os.path.join(dirpath, name), folder).replace(os.sep, "/")


def _unknown_folder(name: str, codes: list[str]) -> str:
    return (f"'{name}' is not a language in mkdocs.yml (plugins > i18n > languages: {', '.join(codes)}), "
            f"so this page would be built without checks or a menu; move it to a language folder, "
            f"or add the language with: python -m scripts.new_language {name}")


def address(rel: str) -> str:
    """The page's address below its language, as MkDocs makes it (use_directory_urls)."""
    stem = rel[:-3]
    parent, _, name = stem.rpartition("/")
    if name in ("index", "README"):
        return f"{parent}/" if parent else ""
    return f"{stem}/"


def check_slugs(pages: list[tuple[str, str, str]]) -> list[Problem]:
    """Slugs are short ASCII lowercase-hyphen words, and no two pages share an address."""
    problems, seen = [], {}
    for path, lang, rel in pages:
        parts = rel[:-3].split("/")
        bad = [part for part in parts if not SLUG_RE.match(part)]
        if bad:
            suggestion = _suggest(bad[0])
            problems.append(error(path, 1, f"the file name '{bad[0]}' is not a valid slug; use lowercase "
                                           f"a-z, digits and hyphens only, e.g. '{suggestion}'"))
        # Case-insensitive: on Windows and macOS two such files are one file.
        key = (lang, address(rel).lower())
        if key in seen:
            url = address(rel) or "(the start page)"
            problems.append(error(path, 1, f"duplicate slug: this page and {seen[key]} both become the "
                                           f"address '{url}'; keep one of them"))
        else:
            seen[key] = path
    return problems


def _suggest(name: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "_": "-", " ": "-"})
    return re.sub(r"[^a-z0-9-]+", "", name.lower().translate(table)).strip("-") or "page-name"


def check_same_tree(pages: list[tuple[str, str, str]], codes: list[str], config_lines: dict) -> list[Problem]:
    """Every translated page has a Swedish original; missing translations are warnings.

    `config_lines` maps a language code to its line in mkdocs.yml, where a language without any
    translated page is reported (one warning instead of one per page).
    """
    default, problems = codes[0], []
    source = {rel: path for path, lang, rel in pages if lang == default}
    for code in codes[1:]:
        own = {rel: path for path, lang, rel in pages if lang == code}
        for rel, path in sorted(own.items()):
            if rel not in source:
                problems.append(error(path, 1, f"this page has no original docs/{default}/{rel}; every page "
                                               f"must exist in docs/{default}/ first, under the same file name"))
        missing = [rel for rel in sorted(source) if rel not in own]
        if own and missing:
            problems.extend(warning(source[rel], 1, f"no '{code}' translation yet (docs/{code}/{rel}); "
                                                    f"'{code}' readers see this page with a notice")
                            for rel in missing)
        elif missing:
            problems.append(warning("mkdocs.yml", config_lines.get(code, 1),
                                    f"no page is translated into '{code}' yet; '{code}' readers see every "
                                    f"page in '{default}' with a notice"))
    return problems

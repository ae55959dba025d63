"""Run every check on a repository and return the problems, sorted by file and line."""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

from .. import translations
from ..directives import DirectiveError, check_directives
from ..site import Site, load_site
from ..yamlpos import DataError
from . import changed_numbers, data, texts, tree
from .frontmatter import check_front_matter
from .headings import check_headings
from .images import check_images
from .links import LinkChecker
from .pages import Page, load_page
from .phones import check_phones
from .problems import Problem, error
from .readability import check_readability, page_lix
from .translated import check_reviewed_dates, check_translations, check_unreviewed
from .unsafe_html import check_unsafe_html

LIX_LIMIT = 40     # the real Swedish pages measure 17-39 (see README/CONTRIBUTING)


@dataclass
class Options:
    today: dt.date = field(default_factory=dt.date.today)
    release: bool = False
    lix_limit: float = LIX_LIMIT
    # Only these languages' pages (the preview of some languages); None: every page.
    languages: list[str] | None = None


@dataclass
class Result:
    problems: list[Problem]
    lix: dict            # Swedish page path -> LIX figure


def _site(root: str) -> tuple[Site | None, list[Problem]]:
    path = os.path.join(root, "mkdocs.yml")
    try:
        return load_site(path), []
    except DataError as exc:
        return None, [error("mkdocs.yml", exc.line, exc.message)]


def run_checks(root: str = ".", options: Options | None = None) -> Result:
    options = options or Options()
    site, problems = _site(root)
    if site is None:
        return Result(problems, {})
    config, codes = site.config, site.codes
    default = codes[0]
    services, found = data.load_services(root, default)
    problems += found
    if services is not None:
        problems += data.check_freshness(services, options.today, options.release)
        problems += changed_numbers.check_changed_numbers(root)
    ui, found = texts.load_texts(root, site)
    problems += found + texts.check_other_files(root, codes) + texts.check_poster_texts(site)
    if services is not None:
        problems += texts.check_service_texts(site, services)
    if default in ui:
        missing = [key for key in translations.NOTICE_KEYS if key not in ui[default]]
        if missing:
            problems.append(error(f"data/ui/{default}.yml", 1, f"missing interface texts for translation "
                                                               f"notices: {', '.join(missing)}"))

    listed, found = tree.scan_docs(root, codes)
    problems += found + tree.check_slugs(listed) + tree.check_same_tree(listed, codes, site.language_lines)
    pages: dict[str, Page] = {}
    for path, lang, rel in listed:
        if options.languages is not None and lang not in options.languages:
            continue
        page, found = load_page(root, path, lang, rel)
        problems += found
        if page:
            pages[path[len("docs/"):]] = page

    links = LinkChecker(pages, config, default, services, ui, {path[len('docs/'):] for path, _, _ in listed},
                        {code: site.chain(code) for code in codes})
    lix = {}
    for page in pages.values():
        limit = _lix_limit(site, page.lang, options)
        problems += _guarded(page, lambda p=page, n=limit: _page_checks(p, default, services, links, root, options, n))
        if limit is not None:
            lix[page.path] = page_lix(page)
    problems += check_translations(pages, codes)
    if options.release:
        problems += check_unreviewed(pages, site)
    problems += check_reviewed_dates(root, pages, default, options.today)
    return Result(sorted(set(problems), key=lambda p: (p.path, p.line, p.severity, p.message)), lix)


def _lix_limit(site, code: str, options) -> float | None:
    """The LIX limit of a language's pages: Swedish ones only (LIX is a Swedish measure); the
    default language's is --lix-limit, an edition such as easy-read Swedish sets its own."""
    if code not in site.codes:
        return None
    lang = site.language(code)
    if lang.lix_limit is not None:
        return float(lang.lix_limit)
    return options.lix_limit if lang.default else None


def _page_checks(page, default, services, links, root, options, lix_limit=None) -> list[Problem]:
    problems = check_front_matter(page, default, options.today)
    html = links.markdown_html(page)        # rendered with mkdocs.yml's Markdown extensions
    problems += check_headings(page) + check_unsafe_html(page, html) + check_images(page, html)
    problems += check_phones(page, services)
    problems += links.check(page, os.path.join(root, "docs"))
    if services is not None:
        try:
            check_directives(page.body, services)   # as the build checks it
        except DirectiveError as exc:
            problems.append(error(page.path, exc.line, exc.message))
    if lix_limit is not None:
        problems += check_readability(page, lix_limit)
    return problems


def _guarded(page: Page, run) -> list[Problem]:
    """A bug in a check must still give one line naming the file, not a traceback."""
    try:
        return run()
    except Exception as exc:  # noqa: BLE001 - the last line of defence for editors
        return [error(page.path, 1, f"the checks could not read this page ({type(exc).__name__}: {exc}); "
                                    f"please tell a developer")]

"""Run every check on a repository and return the problems, sorted by file and line."""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field

import yaml

from .. import translations
from ..directives import DirectiveError, check_directives
from ..siteconfig import languages, load_config
from . import changed_numbers, data, texts, tree
from .frontmatter import check_front_matter
from .headings import check_headings
from .images import check_images
from .links import LinkChecker
from .pages import Page, load_page
from .phones import check_phones
from .problems import Problem, error, warning
from .readability import check_readability, page_lix
from .unsafe_html import check_unsafe_html

LIX_LIMIT = 40     # the real Swedish pages measure 17-39 (see README/CONTRIBUTING)


@dataclass
class Options:
    today: dt.date = field(default_factory=dt.date.today)
    release: bool = False
    lix_limit: float = LIX_LIMIT


@dataclass
class Result:
    problems: list[Problem]
    lix: dict            # Swedish page path -> LIX figure


def _config(root: str) -> tuple[dict | None, list[Problem]]:
    try:
        config = load_config(os.path.join(root, "mkdocs.yml"))
        languages(config)
        return config, []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [error("mkdocs.yml", mark.line + 1 if mark else 1, f"this is not valid YAML ({problem})")]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return None, [error("mkdocs.yml", 1, f"cannot read the language list (plugins > i18n > languages): {exc}")]


def _config_lines(root: str) -> dict:
    with open(os.path.join(root, "mkdocs.yml"), encoding="utf-8") as fh:
        return {m.group(1): n for n, line in enumerate(fh, 1) if (m := re.search(r"locale:\s*([\w-]+)", line))}


def run_checks(root: str = ".", options: Options | None = None) -> Result:
    options = options or Options()
    config, problems = _config(root)
    if config is None:
        return Result(problems, {})
    codes = [lang.code for lang in languages(config)]
    default = codes[0]
    services, found = data.load_services(root, default)
    problems += found
    if services is not None:
        problems += data.check_freshness(services, options.today, options.release)
        problems += changed_numbers.check_changed_numbers(root)
    ui, found = texts.load_texts(root, codes)
    problems += found + texts.check_other_files(root, codes)
    if default in ui:
        missing = [key for key in translations.NOTICE_KEYS if key not in ui[default]]
        if missing:
            problems.append(error(f"data/ui/{default}.yml", 1, f"missing interface texts for translation "
                                                               f"notices: {', '.join(missing)}"))

    listed, found = tree.scan_docs(root, codes)
    problems += found + tree.check_slugs(listed) + tree.check_same_tree(listed, codes, _config_lines(root))
    pages: dict[str, Page] = {}
    for path, lang, rel in listed:
        page, found = load_page(root, path, lang, rel)
        problems += found
        if page:
            pages[path[len("docs/"):]] = page

    links = LinkChecker(pages, config, default, services, ui, {path[len('docs/'):] for path, _, _ in listed})
    lix = {}
    for page in pages.values():
        problems += _guarded(page, lambda p=page: _page_checks(p, default, services, links, root, options))
        if page.lang == default:
            lix[page.path] = page_lix(page)
    problems += _translation_warnings(pages, codes)
    return Result(sorted(set(problems), key=lambda p: (p.path, p.line, p.severity, p.message)), lix)


def _page_checks(page, default, services, links, root, options) -> list[Problem]:
    problems = check_front_matter(page, default, options.today)
    html = links.markdown_html(page)        # rendered with mkdocs.yml's Markdown extensions
    problems += check_headings(page) + check_unsafe_html(page, html) + check_images(page, html)
    problems += check_phones(page, services)
    problems += links.check(page, os.path.join(root, "docs"))
    if services is not None:
        try:
            check_directives(page.body, services, page.lang)   # as the build checks it
        except DirectiveError as exc:
            problems.append(error(page.path, exc.line, exc.message))
    if page.lang == default:
        problems += check_readability(page, options.lix_limit)
    return problems


def _guarded(page: Page, run) -> list[Problem]:
    """A bug in a check must still give one line naming the file, not a traceback."""
    try:
        return run()
    except Exception as exc:  # noqa: BLE001 - the last line of defence for editors
        return [error(page.path, 1, f"the checks could not read this page ({type(exc).__name__}: {exc}); "
                                    f"please tell a developer")]


def _translation_warnings(pages: dict, codes: list[str]) -> list[Problem]:
    """A translation whose Swedish original changed since it was stamped."""
    problems = []
    for _, page in sorted(pages.items()):
        source = pages.get(f"{codes[0]}/{page.rel}")
        if page.lang == codes[0] or source is None or page.meta is None:
            continue
        if translations.status(source.text, page.text) == "outdated":
            stamped = translations.KEY in page.meta
            why = "its Swedish original changed since it was translated" if stamped else \
                "it does not say which version of the Swedish page it translates"
            problems.append(warning(page.path, page.meta_line(translations.KEY) if stamped else 1,
                                    f"translation outdated: {why}; update it from {source.path}, then run "
                                    f"python -m scripts.translations stamp {page.path}"))
    return problems

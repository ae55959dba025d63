"""Translation state as CONTRIBUTING describes it: a translation file that was never stamped is an
error (nobody has said it translates the Swedish page: it may be a copy with only its title
translated; were it built anyway, the site shows it as not translated); a missing file is a
warning, reported by tree.check_same_tree; an outdated
one is a warning; a Swedish page whose text changed while its `reviewed` date did not is a
warning (readers of the translations are told that date)."""
from __future__ import annotations

from .. import translations
from ..gitfiles import NoHistory, changed_since_commit, committed_text
from .problems import Problem, error, warning


def check_translations(pages: dict, codes: list[str]) -> list[Problem]:
    """One problem per (page, language) whose translation is missing, unstamped or outdated."""
    problems = []
    default = codes[0]
    sources = sorted((p for p in pages.values() if p.lang == default), key=lambda p: p.rel)
    for source in sources:
        for code in codes[1:]:
            page = pages.get(f"{code}/{source.rel}")
            if page is None or page.meta is None:
                continue         # no file: tree.check_same_tree says so; broken front matter: load_page does
            state = translations.status(source.text, page.text if page else None)
            if state == "current":
                continue
            problems.append(_problem(state, source, page, f"docs/{code}/{source.rel}"))
    return problems


def _problem(state: str, source, page, path: str) -> Problem:
    stamp = f"python -m scripts.translations stamp {path}"
    if state == "missing":
        return error(path, 1, f"this translation is not stamped: nobody has said it translates {source.path} "
                              f"(perhaps only its title is done); when it translates the whole page, run {stamp}; "
                              f"until then, keep the file out of docs/")
    return warning(path, page.meta_line(translations.KEY),
                   f"translation outdated: its Swedish original changed since it was translated; update it "
                   f"from {source.path}, then run {stamp}")


def check_reviewed_dates(root: str, pages: dict, default: str, today) -> list[Problem]:
    """A Swedish page whose translatable text changed since the last commit, with the same date
    (unless that date is today: a second edit on the same day needs no new date)."""
    try:
        changed = changed_since_commit(root, f"docs/{default}")
    except NoHistory:
        return []               # not a checkout: nothing to compare with (the build still works)
    problems = []
    for page in sorted((p for p in pages.values() if p.path in changed and p.meta), key=lambda p: p.rel):
        before = committed_text(root, page.path)
        if before is None or translations.normalise(before) == translations.normalise(page.text):
            continue
        if translations.reviewed(before) == translations.reviewed(page.text) != today.isoformat():
            problems.append(warning(page.path, page.meta_line("reviewed"),
                                    "the text changed but 'reviewed' did not; set it to today's date, so readers "
                                    "of the translations see when the Swedish page changed"))
    return problems


def check_unreviewed(pages: dict, site) -> list[Problem]:
    """For a release: every translated page no qualified translator has checked, as an error or
    a warning as its language's `review` setting says (mkdocs.yml). The site shows such a page
    with a notice in its own language, so a warning is an honest default."""
    problems = []
    for page in sorted(pages.values(), key=lambda p: p.path):
        if page.lang == site.default.code or page.meta is None or page.lang not in site.codes:
            continue
        if not translations.translator_reviewed(page.meta):
            report = error if site.language(page.lang).review == "error" else warning
            problems.append(report(page.path, 1, f"no qualified translator has checked this translation yet; when "
                                                 f"one has, add '{translations.REVIEW_KEY}: YYYY-MM-DD' to its front matter"))
    return problems

"""Front matter: the keys every page needs, and nothing the site would silently ignore."""
from __future__ import annotations

import datetime as dt
import difflib
import re

from ..translations import KEY as TRANSLATION_KEY
from ..translations import STAMP_RE
from .pages import OPENING_RE, Page
from .problems import Problem, error, warning

REQUIRED = ("title", "description", "reviewed")
# Keys MkDocs/Material understand that a page may need; anything else is most likely a typo
# ("titel", "reveiwed") that would otherwise be ignored without a word.
OPTIONAL = ("template", "hide", "search")
DESCRIPTION_MAX = 200      # search engines and link previews cut longer descriptions


def check_front_matter(page: Page, default_lang: str, today: dt.date) -> list[Problem]:
    if page.meta is None:
        if page.located is None and not OPENING_RE.match(page.text):
            return [error(page.path, 1, "the page has no front matter; start it with three lines "
                                        "'---', 'title: ...', 'description: ...', 'reviewed: YYYY-MM-DD' "
                                        "and a closing '---'")]
        return []            # broken or unclosed front matter was reported when the page was read
    meta, problems = page.meta, []
    translated = page.lang != default_lang
    allowed = REQUIRED + OPTIONAL + ((TRANSLATION_KEY,) if translated else ())
    misspelt = set()
    for key in meta:
        if key == TRANSLATION_KEY and not translated:
            problems.append(error(page.path, page.meta_line(key), f"'{key}' belongs only in translated "
                                                                  f"pages; remove it from this page"))
        elif key not in allowed:
            # A typo of a required key is one mistake: one message, not "unknown" plus "missing".
            close = difflib.get_close_matches(str(key), [k for k in allowed if k not in meta], 1, 0.7)
            hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
            misspelt.update(close)
            problems.append(error(page.path, page.meta_line(key), f"unknown front matter key '{key}'; {hint}"))
    for key in REQUIRED:
        if key not in meta and key not in misspelt:
            problems.append(error(page.path, page.meta_line(), f"the front matter has no '{key}'"))
    for key in ("title", "description"):
        if key in meta and (not isinstance(meta[key], str) or not meta[key].strip()):
            problems.append(error(page.path, page.meta_line(key), f"'{key}' must be a text"))
    description = meta.get("description")
    if isinstance(description, str) and len(description) > DESCRIPTION_MAX:
        problems.append(warning(page.path, page.meta_line("description"),
                                f"'description' is {len(description)} characters; keep it under "
                                f"{DESCRIPTION_MAX} so it is not cut off"))
    problems += _reviewed(page, today)
    stamp = meta.get(TRANSLATION_KEY)
    if translated and stamp is not None and not STAMP_RE.match(str(stamp)):
        problems.append(error(page.path, page.meta_line(TRANSLATION_KEY),
                              f"'{TRANSLATION_KEY}' is not a stamp made by the tool; set it with: "
                              f"python -m scripts.translations stamp {page.path}"))
    return problems


def _reviewed(page: Page, today: dt.date) -> list[Problem]:
    if "reviewed" not in page.meta:
        return []
    value, line = page.meta["reviewed"], page.meta_line("reviewed")
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            value = dt.date.fromisoformat(value.strip())     # a quoted date is fine too
        except ValueError:
            pass
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        return [error(page.path, line, f"'reviewed' must be a date like 2025-12-01, not '{value}'")]
    if value > today:
        # A warning, not an error: an editor a few hours ahead of the CI clock is not wrong.
        return [warning(page.path, line, f"'reviewed' is {value}, a date in the future; "
                                         f"use the date the page was last checked")]
    return []

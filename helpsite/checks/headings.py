"""Heading outline: exactly one main heading (h1) first, then levels going down one step at a time.

Screen-reader users move through a page by its headings; a skipped level or a second h1 makes
the outline lie about how the page is built.
"""
from __future__ import annotations

import re

from .pages import Page
from .problems import Problem, error

ATX_RE = re.compile(r"^\s*(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$")
SETEXT_RE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
HTML_H_RE = re.compile(r"<h([1-6])\b[^>]*>(.*?)(?:</h\1>|$)", re.I)
NOT_PARAGRAPH_RE = re.compile(r"^\s*(?:[-*+>]|\d+[.)]|#|!!!|\?\?\?|\|)")


def headings(text: str) -> list[tuple[int, int, str]]:
    """(line, level, text) of every heading written in the Markdown (ATX, setext or HTML)."""
    found, lines = [], text.split("\n")
    for number, line in enumerate(lines, start=1):
        atx = ATX_RE.match(line)
        if atx:
            found.append((number, len(atx.group(1)), (atx.group(2) or "").strip()))
            continue
        setext = SETEXT_RE.match(line)
        previous = lines[number - 2] if number > 1 else ""
        if setext and previous.strip() and not NOT_PARAGRAPH_RE.match(previous) and not ATX_RE.match(previous):
            found.append((number - 1, 1 if setext.group(1)[0] == "=" else 2, previous.strip()))
            continue
        for match in HTML_H_RE.finditer(line):
            found.append((number, int(match.group(1)), re.sub(r"<[^>]+>", "", match.group(2)).strip()))
    return found


def check_headings(page: Page) -> list[Problem]:
    found, problems = headings(page.code_masked), []
    mains = [h for h in found if h[1] == 1]
    if not mains:
        first = next((n for n, line in enumerate(page.body.split("\n"), 1) if line.strip()), 1)
        return [error(page.path, first, "the page has no main heading; start the text with '# ' "
                                        "followed by the page title")]
    if found[0][1] != 1:
        line, level, text = found[0]
        problems.append(error(page.path, line, f"the first heading must be the main heading ('# ...'); "
                                               f"'{'#' * level} {text}' comes before it"))
    for line, _, text in mains[1:]:
        problems.append(error(page.path, line, f"a second main heading '# {text}'; a page has exactly one, "
                                               f"use '## ' for its sections"))
    previous = 0
    for line, level, text in found:
        if previous and level > previous + 1:
            problems.append(error(page.path, line, f"the heading '{text}' jumps from level {previous} to "
                                                   f"{level}; use '{'#' * (previous + 1)} ' here (one level "
                                                   f"down at a time)"))
        previous = level
    return problems

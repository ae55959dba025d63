"""Images need a text alternative: a screen reader reads it, and it shows when the image cannot load."""
from __future__ import annotations

import re

from .pages import Page, line_of
from .problems import Problem, error

MD_IMAGE_RE = re.compile(r"!\[([^\]]*)\]\s*[(\[]([^)\]]*)[)\]]")
HTML_IMG_RE = re.compile(r"<img\b[^>]*>", re.I)
ALT_RE = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
SRC_RE = re.compile(r"""\bsrc\s*=\s*["']?([^"'\s>]+)""", re.I)


def check_images(page: Page) -> list[Problem]:
    text, problems = page.code_masked, []
    for match in MD_IMAGE_RE.finditer(text):
        if not match.group(1).strip():
            source = match.group(2).split()[0] if match.group(2).split() else "?"
            problems.append(error(page.path, line_of(text, match.start()),
                                  f"the image '{source}' has no alt text; describe it between the brackets: "
                                  f"![what the image shows]({source})"))
    for match in HTML_IMG_RE.finditer(text):
        alt = ALT_RE.search(match.group(0))
        if alt is None or not "".join(part or "" for part in alt.groups()).strip():
            src = SRC_RE.search(match.group(0))
            problems.append(error(page.path, line_of(text, match.start()),
                                  f"the image '{src.group(1) if src else '?'}' has no alt text; "
                                  f"add alt=\"what the image shows\""))
    return problems

"""Images need a text alternative: a screen reader reads it, and it shows when the image cannot load.

Markdown images and HTML <img> are both read from the page's rendered HTML (see rendered.py), so
an image inside an admonition or an HTML block is checked like any other.
"""
from __future__ import annotations

import re

from .pages import Page
from .problems import Problem, error
from .rendered import SourceLines, attribute_needles, read_tags, render


def check_images(page: Page, html: str | None = None) -> list[Problem]:
    """`html` is the page's Markdown rendered with the site's extensions (rendered here when not given)."""
    lines, problems = SourceLines(page), []
    for tag in read_tags(render(page) if html is None else html):
        if tag.name != "img" or (tag.get("alt") or "").strip():
            continue
        source = tag.get("src") or "?"
        line = lines.line(attribute_needles(tag, "src"), tag.before)
        # Say how to fix it in the way the image was written: Markdown ![...](...) or <img>.
        if re.search(r"!\[[^\]]*\]\s*[(\[]", lines.source_line(line)):
            message = (f"the image '{source}' has no alt text; describe it between the brackets: "
                       f"![what the image shows]({source})")
        else:
            message = f"the image '{source}' has no alt text; add alt=\"what the image shows\""
        problems.append(error(page.path, line, message))
    return problems

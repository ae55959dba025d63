"""HTML in Markdown that must never reach a visitor: scripts, frames, forms, event handlers,
javascript: addresses, and inline styles the site's Content Security Policy would block anyway.

Markdown allows raw HTML, and attr_list allows `{: onclick=...}`; both are searched.
"""
from __future__ import annotations

import re

from .pages import Page, line_of
from .problems import Problem, error

TAG_RE = re.compile(r"<\s*(script|iframe|frame|frameset|form|object|embed|base|meta|link|style)\b", re.I)
HANDLER_RE = re.compile(r"(?:<[a-z][^>]*?|\{[:#.]?[^{}\n]*?)\s(on[a-z]{3,})\s*=", re.I)
SCRIPT_URL_RE = re.compile(r"""(?:\]\(\s*<?|\b(?:href|src|action|formaction)\s*=\s*["']?|<|^\s*\[[^\]]+\]:\s*)"""
                           r"""\s*((?:javascript|vbscript)\s*:|data\s*:\s*text/html)""", re.I | re.M)
STYLE_ATTR_RE = re.compile(r"(?:<[a-z][^>]*?|\{[:#.]?[^{}\n]*?)\sstyle\s*=", re.I)

WHY = {
    "script": "scripts in pages could track or harm visitors",
    "style": "the site's security policy blocks inline styles; ask a developer for a class in site.css",
}


def check_unsafe_html(page: Page) -> list[Problem]:
    text, problems = page.code_masked, []
    for match in TAG_RE.finditer(text):
        tag = match.group(1).lower()
        why = WHY.get(tag, "pages may only contain text, links, images and simple formatting")
        problems.append(error(page.path, line_of(text, match.start()), f"unsafe HTML: <{tag}> is not allowed "
                                                                      f"in pages ({why})"))
    for match in HANDLER_RE.finditer(text):
        problems.append(error(page.path, line_of(text, match.start(1)),
                              f"unsafe HTML: the event handler '{match.group(1).lower()}=' runs a script; "
                              f"remove it"))
    for match in SCRIPT_URL_RE.finditer(text):
        scheme = re.sub(r"\s", "", match.group(1)).lower()
        problems.append(error(page.path, line_of(text, match.start(1)),
                              f"unsafe link: a '{scheme}' address can run code; link to a page or an "
                              f"https:// address instead"))
    for match in STYLE_ATTR_RE.finditer(text):
        problems.append(error(page.path, line_of(text, match.start()),
                              f"unsafe HTML: a style= attribute; {WHY['style']}"))
    return sorted(set(problems))

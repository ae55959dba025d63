"""HTML in Markdown that must never reach a visitor: scripts, frames, forms, event handlers,
script and data: addresses, and inline styles the site's Content Security Policy would block anyway.

Markdown allows raw HTML, and attr_list allows `{: onclick=...}`. Both are checked in the page's
rendered HTML, read by a real HTML parser (see rendered.py), so encoded forms such as
`jav&#x61;script:` or `ONLOAD=` are seen as the browser would see them.
"""
from __future__ import annotations

from .pages import Page
from .problems import Problem, error
from .rendered import SourceLines, Tag, attribute_needles, read_tags, render, url_scheme

TAGS = ("script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base", "meta",
        "link", "style")
# Attributes a browser follows or loads as an address.
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "background", "cite", "data",
                  "codebase", "longdesc", "lowsrc", "dynsrc", "ping", "manifest", "srcset")
SCRIPT_SCHEMES = ("javascript", "vbscript", "livescript")

WHY = {
    "script": "scripts in pages could track or harm visitors",
    "style": "the site's security policy blocks inline styles; ask a developer for a class in site.css",
}


def check_unsafe_html(page: Page, html: str | None = None) -> list[Problem]:
    """`html` is the page's Markdown rendered with the site's extensions (rendered here when not given)."""
    lines, problems = SourceLines(page), []
    for tag in read_tags(render(page) if html is None else html):
        for line, message in _tag_problems(tag, lines):
            problems.append(error(page.path, line, message))
    return sorted(set(problems))


def _tag_problems(tag: Tag, lines: SourceLines):
    if tag.name in TAGS:
        why = WHY.get(tag.name, "pages may only contain text, links, images and simple formatting")
        yield (lines.line([tag.raw, f"<{tag.name}"], tag.before),
               f"unsafe HTML: <{tag.name}> is not allowed in pages ({why})")
    for name, value in tag.attrs:
        if name.startswith("on") and len(name) > 2:
            yield (lines.line([f"{name}=", f"{name} =", name], tag.before),
                   f"unsafe HTML: the event handler '{name}=' runs a script; remove it")
        elif name == "style":
            found = lines.line(attribute_needles(tag, name) + ["style="], tag.before)
            if "url(" in "".join(value.split()).lower():
                yield found, ("unsafe HTML: a style= attribute with url() makes the browser fetch another "
                              "address; remove it (the site's security policy blocks inline styles anyway)")
            else:
                yield found, f"unsafe HTML: a style= attribute; {WHY['style']}"
        elif name in URL_ATTRIBUTES:
            message = _address_problem(tag, name, value)
            if message:
                yield lines.line(attribute_needles(tag, name), tag.before), message


def _address_problem(tag: Tag, name: str, value: str) -> str | None:
    # srcset lists several addresses: "a.png 1x, b.png 2x".
    candidates = [part.split()[0] for part in value.split(",") if part.split()] if name == "srcset" else [value]
    for scheme in filter(None, map(url_scheme, candidates)):
        if scheme in SCRIPT_SCHEMES:
            return (f"unsafe link: a '{scheme}:' address can run code; link to a page or an https:// "
                    f"address instead")
        if scheme == "data" and tag.name == "img":
            return ("unsafe image: a 'data:' address hides the image inside the page, where it cannot be "
                    "checked; save the image in docs/assets/ and link to the file")
        if scheme == "data":
            return ("unsafe link: a 'data:' address can hold a whole page with scripts; link to a page or "
                    "an https:// address instead")
    return None

"""A page as the browser gets it: its Markdown rendered to HTML, read by a real HTML parser.

Patterns over the Markdown miss what a browser decodes: `jav&#x61;script:` is `javascript:`,
`ONLOAD` is `onload`, and a tab inside a scheme is dropped. html.parser decodes entities in
attribute values and lower-cases tag and attribute names, so the checks see what the browser
sees. The HTML has no line numbers, so each finding is traced back to where its text is written
in the Markdown, or else to the nearest text before it.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

import markdown

from ..patterns import SCHEME_RE
from .pages import Page, line_of

# What mkdocs.yml lists (plus what MkDocs always adds), for a caller that has no config at hand;
# the runner renders with the config itself (links.markdown_setup).
SITE_EXTENSIONS = ["toc", "tables", "fenced_code", "admonition", "attr_list", "md_in_html"]


@dataclass(frozen=True)
class Tag:
    name: str              # lower case
    attrs: tuple           # ((name, value), ...): names lower case, values decoded ("" when bare)
    raw: str               # the start tag exactly as in the rendered HTML
    before: str            # the last text before the tag, to find its block in the Markdown

    def get(self, name: str) -> str | None:
        return next((value for key, value in self.attrs if key == name), None)

    def raw_value(self, name: str) -> str | None:
        """The attribute's value as written (entities not decoded), to search the Markdown for."""
        found = re.search(rf"""\s{re.escape(name)}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", self.raw, re.I)
        return next((part for part in found.groups() if part is not None), None) if found else None


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[Tag] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(Tag(tag, tuple((name, value or "") for name, value in attrs),
                             self.get_starttag_text() or "", self.text))

    def handle_data(self, data):
        if data.strip():
            self.text = data.strip()


def read_tags(html: str) -> tuple[Tag, ...]:
    """Every start tag in the HTML, in order (self-closing ones too)."""
    return _read_tags(html)


@functools.lru_cache(maxsize=512)
def _read_tags(html: str) -> tuple[Tag, ...]:
    # Three checks (unsafe HTML, images, links) read the same page: parse it once. The key is the
    # HTML itself, so an edited page is parsed again (the preview runs the checks on every save).
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return tuple(reader.tags)


def render(page: Page) -> str:
    """The page's Markdown as HTML, with the site's extensions (see SITE_EXTENSIONS)."""
    return markdown.markdown(page.body, extensions=SITE_EXTENSIONS)


def url_scheme(value: str) -> str | None:
    """The scheme a browser reads from a decoded URL, lower case; None for a relative address.

    Browsers drop tabs and newlines anywhere in a URL and control characters and spaces at
    its ends (the WHATWG URL standard), so "java\\tscript:" is still javascript:.
    """
    url = re.sub(r"[\t\n\r]", "", value).strip("".join(map(chr, range(0x21))))
    found = SCHEME_RE.match(url)
    return found.group(1).lower() if found else None


class SourceLines:
    """Lines in a page's Markdown for things found in its rendered HTML.

    Each search continues after the previous find of the same text, so the second link to an
    address is reported at the second place it is written.
    """

    def __init__(self, page: Page):
        self.text = page.code_masked
        self.folded = self.text.lower()
        self.after: dict = {}
        self.first = next((n for n, line in enumerate(self.text.split("\n"), 1) if line.strip()), 1)

    def line(self, needles, near: str = "") -> int:
        """The line of the first needle written in the Markdown (any case), else of `near`, else the first text."""
        for needle in needles:
            if not needle:
                continue
            key = needle.lower()
            start = self.folded.find(key, self.after.get(key, 0))
            if start >= 0:
                self.after[key] = start + 1
                return line_of(self.text, start)
        start = self.text.find(near) if near else -1
        return line_of(self.text, start) if start >= 0 else self.first

    def source_line(self, number: int) -> str:
        lines = self.text.split("\n")
        return lines[number - 1] if 0 < number <= len(lines) else ""


def attribute_needles(tag: Tag, name: str) -> list[str]:
    """How an attribute's value may be written in the Markdown: as in the HTML, or decoded."""
    raw = tag.raw_value(name)
    return [value for value in (raw, unescape(raw) if raw else None, tag.get(name)) if value]

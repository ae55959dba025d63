"""Internal links and anchors, found the way the build finds them.

Each page is rendered with the site's own Markdown extensions and the same Unicode slugify as
the build (pymdownx.slugs, lower case), then its directives are rendered by helpsite.cards, so
the ids checked here are the ids the built page has. Links and ids are read from that HTML with
an HTML parser (entities decoded, as the browser reads them), and traced back to their line in
the Markdown.
"""
from __future__ import annotations

import os
import posixpath
from urllib.parse import unquote, urlsplit

import markdown
from pymdownx.slugs import slugify

from .. import cards
from ..patterns import SCHEME_RE
from .pages import Page
from .problems import Problem, error
from .rendered import SourceLines, attribute_needles, read_tags

LINK_ATTRIBUTES = {"a": "href", "img": "src"}
DEFAULT_EXTENSIONS = ["toc", "tables", "fenced_code"]      # what MkDocs always adds


def markdown_setup(config: dict) -> tuple[list, dict]:
    """The extensions of mkdocs.yml, with toc's slugify set as the build sets it."""
    names, options = list(DEFAULT_EXTENSIONS), {}
    for item in config.get("markdown_extensions") or []:
        for name, value in (item.items() if isinstance(item, dict) else [(item, None)]):
            if name not in names:
                names.append(name)
            options[name] = dict(value or {})
    options.setdefault("toc", {})["slugify"] = slugify(case="lower")
    return names, options


class LinkChecker:
    def __init__(self, pages: dict, config: dict, default: str, services: dict | None, ui: dict,
                 listed: set | None = None, chains: dict | None = None):
        self.pages, self.default = pages, default       # pages: {"sv/heder.md": Page}
        # Every page file, also those that could not be read (already reported on their own).
        self.listed = set(pages) | (listed or set())
        self.services, self.ui = services, ui            # ui: {lang: texts} (may be partial)
        self.chains = chains or {}                       # {lang: site.chain(lang)}
        names, options = markdown_setup(config)
        self.md = markdown.Markdown(extensions=names, extension_configs=options)
        self._html: dict = {}
        self._markdown: dict = {}
        self._ids: dict = {}

    def markdown_html(self, page: Page) -> str:
        """The page's Markdown as HTML, as the build renders it before the directives."""
        if page.path not in self._markdown:
            self._markdown[page.path] = self.md.reset().convert(page.body)
        return self._markdown[page.path]

    def render(self, page: Page) -> str:
        if page.path not in self._html:
            out = self.markdown_html(page)
            if self.services is not None and page.lang in self.ui and page.lang in self.chains:
                try:
                    out = cards.render_html(out, self.services, self.chains[page.lang], self.ui[page.lang])
                except (KeyError, IndexError):
                    pass             # an unknown id: reported by the directive check
            self._html[page.path] = out
        return self._html[page.path]

    def ids(self, page: Page) -> list[str]:
        if page.path not in self._ids:       # asked once per link to the page: parse it once
            self._ids[page.path] = [tag.get("id") for tag in read_tags(self.render(page)) if tag.get("id")]
        return self._ids[page.path]

    def resolve(self, docs_rel: str) -> str | None:
        """The page a link reaches: the file itself, or the Swedish one a translation falls back to."""
        if docs_rel in self.listed:
            return docs_rel
        lang, _, rest = docs_rel.partition("/")
        fallback = f"{self.default}/{rest}"
        return fallback if lang != self.default and fallback in self.listed else None

    def check(self, page: Page, docs_dir: str) -> list[Problem]:
        problems, lines = [], SourceLines(page)
        for tag in read_tags(self.render(page)):
            attribute = LINK_ATTRIBUTES.get(tag.name)
            href = tag.get(attribute) if attribute else None
            if href is None:
                continue
            # The line: where this address is written, after any earlier link to the same address.
            line = lines.line(attribute_needles(tag, attribute), tag.before)
            message = self._problem(page, href, docs_dir)
            if message:
                problems.append(error(page.path, line, message))
        return problems

    def _problem(self, page: Page, href: str, docs_dir: str) -> str | None:
        if not href or SCHEME_RE.match(href) or href.startswith("//"):
            return None              # other sites; tel: and javascript: have their own checks
        parts = urlsplit(href)
        path, anchor = unquote(parts.path), unquote(parts.fragment)
        if path.startswith("/"):
            return (f"the link '{href}' starts with '/', which breaks when the site is not at the web "
                    f"root; link to the Markdown file relative to this page, e.g. 'heder.md'")
        here = posixpath.dirname(page.path[len("docs/"):])
        target = posixpath.normpath(posixpath.join(here, path)) if path else page.path[len("docs/"):]
        if target.startswith("../") or target == "..":
            return f"the link '{href}' points outside docs/"
        if not path or target.endswith(".md"):
            found = self.resolve(target)
            if found is None:
                return f"the link '{href}' points to a page that does not exist (docs/{target})"
            if anchor and found in self.pages and anchor not in self.ids(self.pages[found]):
                known = ", ".join(self.ids(self.pages[found])[:8]) or "none"
                return (f"the link '{href}' points to an anchor '#{anchor}' that does not exist on "
                        f"docs/{found} (its anchors: {known})")
            return None
        if path.endswith("/") or "." not in posixpath.basename(path):
            return (f"the link '{href}' points to an address, not a file; link to the Markdown file, "
                    f"e.g. '{path.rstrip('/') or 'index'}.md'")
        lang, _, rest = target.partition("/")
        if not os.path.exists(os.path.join(docs_dir, target)) and not os.path.exists(
                os.path.join(docs_dir, self.default, rest)):
            return f"the link '{href}' points to a file that does not exist (docs/{target})"
        return None

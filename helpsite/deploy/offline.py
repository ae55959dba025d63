"""The offline copy (kiosk, USB stick): the same site, opened from file:// without a web server.

A web server answers a folder address (`om/`) with its index.html; a browser reading files does
not (it lists the folder, or fails). So every relative link to a folder gets `index.html`
appended. We rewrite links after the build instead of building with use_directory_urls: false,
because that only changes the links MkDocs makes: links written in templates (footer, search
link) would still point at folders. Inline scripts are left alone, so their CSP hashes hold.
"""
from __future__ import annotations

import os
import re
from urllib.parse import unquote, urlsplit

from ..patterns import SCHEME_RE
from ..sitefiles import html_files

# A whole <script>…</script> (kept as it is) or one href/src attribute value.
TOKEN_RE = re.compile(r'(<script\b.*?</script>)|(\s(?:href|src)=")([^"]*)(")', re.S | re.I)
# Only a server can use these: the site map and the not-found pages (their links are absolute).
SERVER_ONLY = ("sitemap.xml", "sitemap.xml.gz")


def is_local(url: str) -> bool:
    """A link to a file of this site: relative, no scheme, not just a fragment or query."""
    return bool(url) and not SCHEME_RE.match(url) and not url.startswith(("/", "#", "?"))


def file_url(url: str) -> str:
    """'om/' -> 'om/index.html', './#x' -> './index.html#x', '..' -> '../index.html'."""
    if not is_local(url):
        return url
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    path, rest = url[:cut], url[cut:]
    if path in (".", "..") or path.endswith(("/.", "/..")):
        path += "/"
    if path.endswith("/"):
        path += "index.html"
    return path + rest


def rewrite_links(html: str) -> str:
    def fix(match):
        if match.group(1):
            return match.group(1)
        return match.group(2) + file_url(match.group(3)) + match.group(4)
    return TOKEN_RE.sub(fix, html)


def make_offline(site: str) -> None:
    """Rewrite every page of a built site in place for file://, and drop server-only files."""
    for name in SERVER_ONLY:
        if os.path.exists(os.path.join(site, name)):
            os.remove(os.path.join(site, name))
    for folder, _dirs, files in os.walk(site):
        for name in files:
            path = os.path.join(folder, name)
            if name == "404.html":
                os.remove(path)
            elif name.endswith(".html"):
                with open(path, encoding="utf-8") as fh:
                    html = fh.read()
                with open(path, "w", encoding="utf-8", newline="") as fh:
                    fh.write(rewrite_links(html))


def broken_links(site: str) -> list[str]:
    """Relative links and sources that do not lead to a file, as 'path: error: message' lines."""
    problems = []
    for page, rel_page in html_files(site):
        with open(page, encoding="utf-8") as fh:
            html = fh.read()
        folder = os.path.dirname(page)
        for match in TOKEN_RE.finditer(html):
            url = match.group(3)
            if match.group(1) or not is_local(url):
                continue
            target = os.path.normpath(os.path.join(folder, unquote(urlsplit(url).path)))
            if not os.path.isfile(target):
                problems.append(f"{rel_page}: error: {url!r} does not lead to a file")
    return problems

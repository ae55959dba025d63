"""Post-build step on a built site folder, before it goes live (scripts/build_site.py runs it on
the staging folder, so a failure leaves the old site in place).

Fingerprints: our CSS and JS get their content hash in the file name (site.css ->
site.0123abcdef.css) and every reference in every HTML file is rewritten, so servers can let
browsers keep them for a year (helpsite/deploy/policy.py: FINGERPRINTED_RE) and a changed file
still reaches every visitor at once, under its new name. (The site has no theme package, so
there are no theme assets to prune.)

Plain file and string work on the output folder, so it does not depend on the site engine. Each
HTML file is read once; nothing is written or deleted until every page has been checked.
Pagefind's bundle (pagefind/) is never touched: its files are hashed by Pagefind itself.
"""
from __future__ import annotations

import hashlib
import os
import posixpath
import re
from urllib.parse import unquote

from .patterns import FINGERPRINTED_RE, SCHEME_RE
from .sitefiles import html_files

FINGERPRINT_DIRS = {"assets/css": ".css", "assets/js": ".js"}
HASH_LENGTH = 10
# A URL-bearing attribute (href, src, srcset) quoted with " or ', whose value contains one of
# {kw}: only those can point at a file we rename or delete, and skipping the rest keeps a site
# of hundreds of pages with long menus fast.
ATTR_TEMPLATE = r"""(\s(?:href|src|srcset)\s*=\s*)(?:"([^"]*(?:{kw})[^"]*)"|'([^']*(?:{kw})[^']*)')"""
ANY_ATTR_RE = re.compile(ATTR_TEMPLATE.format(kw=""), re.I)
CSS_REF_RE = re.compile(r"""url\(\s*["']?([^"')\s]+)|@import\s+["']([^"']+)""", re.I)
JS_STRING_RE = re.compile(r"""(["'`])([^"'`\n]*?)\1""")


class FinishingError(Exception):
    """The built site cannot be finished safely (a page still needs a file we would remove)."""


def split_url(url: str) -> tuple[str, str]:
    """('../a/b.css', '?v=1#x') from '../a/b.css?v=1#x'."""
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    return url[:cut], url[cut:]


def target(url: str, page: str) -> str | None:
    """The file a URL on page `page` (site-relative, e.g. 'en/om/index.html') points at.

    Relative URLs resolve against the page ('../assets/css/site.css' -> 'assets/css/site.css');
    absolute paths ('/stod/assets/css/site.css', as on the 404 pages) come back as they are, with
    their leading slash, since the site may live under any sub-path. None for other hosts,
    schemes (tel:, data:, …) and same-page fragments.
    """
    path, _rest = split_url(url.strip())
    if not path or SCHEME_RE.match(path) or path.startswith("//"):
        return None
    path = unquote(path)
    if path.startswith("/"):
        return path
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path))


def refers_to(found: str | None, rel: str, inside: bool = False) -> bool:
    """Does a resolved reference point at the site file `rel` (or, with `inside`, into folder `rel`)?"""
    if found is None:
        return False
    if found.startswith("/"):       # absolute: under some base path, ending in /rel (or inside /rel/)
        return found.endswith("/" + rel) or (inside and ("/" + rel + "/") in found)
    return found == rel or (inside and found.startswith(rel + "/"))


def attr_pattern(keywords) -> re.Pattern:
    return re.compile(ATTR_TEMPLATE.format(kw="|".join(re.escape(k) for k in keywords)), re.I)


def _urls(match: re.Match) -> list[str]:
    value = match.group(2) if match.group(2) is not None else match.group(3)
    if "srcset" in match.group(1).lower():          # "url 2x, url 480w"
        return [part.split()[0] for part in value.split(",") if part.split()]
    return [value.strip()]


def references(html: str, page: str, pattern: re.Pattern = ANY_ATTR_RE) -> list[tuple[str, str | None]]:
    """[(url as written, resolved target)] of the href/src/srcset values `pattern` finds on a page."""
    return [(url, target(url, page)) for match in pattern.finditer(html) for url in _urls(match)]


def rewrite_references(html: str, page: str, renames: dict[str, str], pattern: re.Pattern | None = None,
                       seen=None) -> str:
    """Point every href/src/srcset at a renamed file to its new name (only the file name changes).

    `seen(url, resolved target)`, if given, is called for every URL the pattern finds, so one pass
    over the page can both check and rewrite it.
    """
    pattern = pattern or attr_pattern(posixpath.basename(old) for old in renames)

    def fix_url(url: str) -> str:
        found = target(url, page)
        if seen:
            seen(url, found)
        for old, new in renames.items():
            if refers_to(found, old):
                path, rest = split_url(url.strip())
                return path[: path.rfind("/") + 1] + posixpath.basename(new) + rest
        return url

    def fix(match):
        quote = '"' if match.group(2) is not None else "'"
        value = match.group(2) if match.group(2) is not None else match.group(3)
        for url in _urls(match):
            value = value.replace(url, fix_url(url), 1)
        return f"{match.group(1)}{quote}{value}{quote}"
    return pattern.sub(fix, html)


def fingerprinted_name(name: str, data: bytes) -> str:
    """'site.css' -> 'site.<first 10 hex digits of sha256>.css'."""
    stem, ext = os.path.splitext(name)
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:HASH_LENGTH]}{ext}"


def plan_renames(site: str, dirs: dict[str, str] = FINGERPRINT_DIRS) -> dict[str, str]:
    """{old site-relative path: new one} for every CSS/JS file not fingerprinted yet."""
    plan = {}
    for rel_dir, ext in dirs.items():
        folder = os.path.join(site, rel_dir)
        for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
            path = os.path.join(folder, name)
            if os.path.isfile(path) and name.endswith(ext) and not FINGERPRINTED_RE.search(name):
                with open(path, "rb") as fh:
                    plan[f"{rel_dir}/{name}"] = f"{rel_dir}/{fingerprinted_name(name, fh.read())}"
    return plan


def asset_references(text: str, ext: str) -> list[str]:
    """URLs a stylesheet loads (url(), @import), or the string literals of a script (imports, fetches)."""
    if ext == ".css":
        return [a or b for a, b in CSS_REF_RE.findall(re.sub(r"/\*.*?\*/", "", text, flags=re.S))]
    return [literal for _quote, literal in JS_STRING_RE.findall(text)]


def _check_no_cross_references(site: str, renames: dict[str, str]) -> None:
    # Rewriting names inside CSS/JS would change their hashes in turn; no asset does that today,
    # so refuse rather than publish a file that points at a name that no longer exists.
    names = {posixpath.basename(old) for old in renames}
    for old in renames:
        with open(os.path.join(site, old), encoding="utf-8", errors="replace") as fh:
            refs = asset_references(fh.read(), os.path.splitext(old)[1])
        for ref in refs:
            if posixpath.basename(split_url(ref)[0]) in names - {posixpath.basename(old)}:
                raise FinishingError(f"{old}:1: error: refers to {ref}; fingerprinting rewrites "
                                     "references in HTML only, so it would break")


def _finish_page(html: str, page: str, renames: dict[str, str], pattern) -> tuple[str, list[str]]:
    """The page with new asset names, and its problems (a reference to an old name that stayed)."""
    problems = []
    new = rewrite_references(html, page, renames, pattern)
    for old in renames:
        if old in new:     # rare: find where (an attribute the rewrite missed, or an inline script,
            # which a rewrite would also break, as its CSP hash would no longer match)
            in_attrs = [url for url, found in references(new, page) if refers_to(found, old)]
            if in_attrs or old in ANY_ATTR_RE.sub("", new):
                problems.append(f"{page}: error: could not rewrite {old}")
    return new, problems


def fingerprint_assets(site: str, dirs: dict[str, str] = FINGERPRINT_DIRS) -> dict[str, str]:
    """Rename CSS/JS to content-hashed names and rewrite every HTML reference; returns the renames.

    Raises FinishingError and changes nothing when a reference cannot be rewritten.
    """
    renames = plan_renames(site, dirs)
    if not renames:
        return {}
    _check_no_cross_references(site, renames)
    pattern = attr_pattern([posixpath.basename(old) for old in renames])
    problems, changed = [], []
    for path, page in html_files(site):
        with open(path, encoding="utf-8") as fh:
            html = fh.read()
        new, found = _finish_page(html, page, renames, pattern)
        problems += found
        if new != html:
            changed.append((path, new))
    if problems:
        raise FinishingError("\n".join(problems[:20]))
    for path, new in changed:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(new)
    for old, new in renames.items():
        os.replace(os.path.join(site, old), os.path.join(site, new))
    return renames


def finish(site: str) -> dict[str, str]:
    """Every finishing step on a freshly built site folder; raises FinishingError."""
    return fingerprint_assets(site)

"""Post-build steps on a built site folder, before it goes live (scripts/build_site.py runs them
on the staging folder, so a failure leaves the old site in place).

1. `prune_theme_assets`: Material copies its own JavaScript, stylesheets and images (~2.5 MB)
   into every build, but our page chrome (overrides/base.html) loads none of them. They are
   deleted, but only after checking that no built page refers to them: if a template ever starts
   using one again, the build fails instead of publishing a broken page.
2. `fingerprint_assets`: our CSS and JS get their content hash in the file name
   (site.css -> site.0123abcdef.css) and every reference in every HTML file is rewritten, so
   servers can let browsers keep them for a year (helpsite/deploy/policy.py: FINGERPRINTED_RE)
   and a changed file still reaches every visitor at once, under its new name.

Plain file and string work on the output folder, so it does not depend on the site engine.
Pagefind's bundle (pagefind/) is never touched: its files are hashed by Pagefind itself.
"""
from __future__ import annotations

import hashlib
import os
import posixpath
import re
import shutil
from urllib.parse import unquote

THEME_ASSETS = ("assets/javascripts", "assets/stylesheets", "assets/images")
FINGERPRINT_DIRS = {"assets/css": ".css", "assets/js": ".js"}
HASH_LENGTH = 10
ALREADY_HASHED_RE = re.compile(r"\.[0-9a-f]{8,}\.[a-z0-9.]+$")
# A URL-bearing attribute: href, src or srcset, quoted with " or '.
ATTR_RE = re.compile(r"""(\s(?:href|src|srcset)\s*=\s*)(["'])(.*?)\2""", re.I | re.S)
SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


class FinishingError(Exception):
    """The built site cannot be finished safely (a page still needs a file we would remove)."""


def _html_files(site: str):
    for folder, _dirs, files in os.walk(site):
        for name in sorted(files):
            if name.endswith(".html"):
                path = os.path.join(folder, name)
                yield path, os.path.relpath(path, site).replace(os.sep, "/")


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as fh:
        return fh.read()


def _urls(value: str, attr: str) -> list[str]:
    # srcset holds "url 2x, url 480w"; href/src hold one URL.
    if "srcset" in attr.lower():
        return [part.split()[0] for part in value.split(",") if part.split()]
    return [value.strip()]


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


def references(html: str, page: str) -> list[tuple[str, str | None]]:
    """[(url as written, resolved target)] of every href/src/srcset on a page."""
    out = []
    for match in ATTR_RE.finditer(html):
        out += [(url, target(url, page)) for url in _urls(match.group(3), match.group(1))]
    return out


def prune_theme_assets(site: str, folders=THEME_ASSETS) -> list[str]:
    """Delete the theme's asset folders that no HTML file refers to; refuse if any page does."""
    present = [rel for rel in folders if os.path.isdir(os.path.join(site, rel))]
    used = []
    for path, page in _html_files(site):
        for url, found in references(_read(path), page):
            used += [f"{page}: error: refers to {url}, which is in {rel}/" for rel in present if refers_to(found, rel, inside=True)]
    if used:
        raise FinishingError("\n".join(used[:20]) + "\nthe theme's asset folders were kept: a page uses them")
    for rel in present:
        shutil.rmtree(os.path.join(site, rel))
    return present


def fingerprinted_name(name: str, data: bytes) -> str:
    """'site.css' -> 'site.<first 10 hex digits of sha256>.css'."""
    stem, ext = os.path.splitext(name)
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:HASH_LENGTH]}{ext}"


def plan_renames(site: str, dirs: dict[str, str] = FINGERPRINT_DIRS) -> dict[str, str]:
    """{old site-relative path: new one} for every CSS/JS file not fingerprinted yet."""
    plan = {}
    for rel_dir, ext in dirs.items():
        folder = os.path.join(site, rel_dir)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            path = os.path.join(folder, name)
            if os.path.isfile(path) and name.endswith(ext) and not ALREADY_HASHED_RE.search(name):
                with open(path, "rb") as fh:
                    plan[f"{rel_dir}/{name}"] = f"{rel_dir}/{fingerprinted_name(name, fh.read())}"
    return plan


def rewrite_references(html: str, page: str, renames: dict[str, str]) -> str:
    """Point every href/src/srcset at a renamed file to its new name (only the file name changes)."""
    def fix_url(url: str) -> str:
        found = target(url, page)
        for old, new in renames.items():
            if refers_to(found, old):
                path, rest = split_url(url.strip())
                return path[: path.rfind("/") + 1] + posixpath.basename(new) + rest
        return url

    def fix(match):
        value = match.group(3)
        for url in _urls(value, match.group(1)):
            value = value.replace(url, fix_url(url), 1)
        return f"{match.group(1)}{match.group(2)}{value}{match.group(2)}"
    return ATTR_RE.sub(fix, html)


CSS_REF_RE = re.compile(r"""url\(\s*["']?([^"')\s]+)|@import\s+["']([^"']+)""", re.I)
JS_STRING_RE = re.compile(r"""(["'`])([^"'`\n]*?)\1""")


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


def fingerprint_assets(site: str, dirs: dict[str, str] = FINGERPRINT_DIRS) -> dict[str, str]:
    """Rename CSS/JS to content-hashed names and rewrite every HTML reference; returns the renames."""
    renames = plan_renames(site, dirs)
    if not renames:
        return {}
    _check_no_cross_references(site, renames)
    for path, page in _html_files(site):
        html = _read(path)
        new = rewrite_references(html, page, renames)
        left = [url for url, found in references(new, page) if any(refers_to(found, old) for old in renames)]
        if left:   # a reference the rewrite could not handle: never publish a page without its CSS/JS
            raise FinishingError(f"{page}: error: could not rewrite {', '.join(left)}")
        if new != html:
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(new)
    for old, new in renames.items():
        os.replace(os.path.join(site, old), os.path.join(site, new))
    return renames


def finish(site: str) -> dict[str, str]:
    """Every finishing step on a freshly built site folder; raises FinishingError."""
    prune_theme_assets(site)
    return fingerprint_assets(site)

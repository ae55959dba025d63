"""The release bundle: its version, its file manifest, the zip and the SHA-256 sums beside it.

Layout of a bundle (the zip holds it under one top folder, helpsite-<date>-<commit>/):
    site/             the web root (with .htaccess and web.config for Apache and IIS)
    server/           nginx and Apache vhost settings, rendered for this bundle's site_url
    deploy.py         the atomic deploy tool (helpsite/deploy/release.py, standard library only)
    README.md         three steps for the web admin (deploy/README.md)
    VERSION           "<commit> <build date>"; every page carries it in <meta name="site-version">
    MANIFEST.sha256   every other file's SHA-256, in `sha256sum -c` format
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import subprocess
import zipfile
from dataclasses import dataclass

from ..patterns import HTML_LANG_RE

MANIFEST = "MANIFEST.sha256"
VERSION_FILE = "VERSION"
NAME = "helpsite"
VERSION_META_RE = re.compile(r'<meta name="site-version" content="([^"]*)">')
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


@dataclass(frozen=True)
class Version:
    commit: str              # short commit, with "-dirty" when the work tree had changes
    moment: dt.datetime      # build time (UTC)

    @property
    def date(self) -> str:
        return self.moment.strftime("%Y-%m-%d")

    @property
    def text(self) -> str:
        return f"{self.commit} {self.date}"

    @property
    def name(self) -> str:
        """Bundle name; sorts by date."""
        return f"{NAME}-{self.date}-{self.commit}"


def build_moment(environ=os.environ) -> dt.datetime:
    # SOURCE_DATE_EPOCH (the reproducible-builds convention) makes a rebuild give the same bundle.
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def git_commit(repo: str) -> str:
    """Short commit of HEAD, '-dirty' if files differ from it; 'unknown' outside a git work tree."""
    # Read-only: GIT_OPTIONAL_LOCKS=0 stops `git status` from refreshing (writing) the index.
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}
    try:
        head = subprocess.run(["git", "rev-parse", "--short=7", "HEAD"], cwd=repo, env=env,
                              capture_output=True, text=True, check=True).stdout.strip()
        status = subprocess.run(["git", "status", "--porcelain"], cwd=repo, env=env,
                                capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("-dirty" if status.strip() else "")


def sha256_file(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def bundle_files(root: str) -> list[str]:
    """Every file below root as a sorted list of '/'-separated relative paths."""
    out = []
    for folder, _dirs, files in os.walk(root):
        out += [os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/") for name in files]
    return sorted(out)


def write_manifest(root: str) -> str:
    lines = [f"{sha256_file(os.path.join(root, rel))}  {rel}\n" for rel in bundle_files(root) if rel != MANIFEST]
    path = os.path.join(root, MANIFEST)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.writelines(lines)
    return path


def write_zip(root: str, zip_path: str, top: str, moment: dt.datetime) -> None:
    """Zip root's files under top/, in a fixed order, all dated `moment` (same input, same zip).

    The date matters after a manual unzip: servers derive ETag/Last-Modified from date and size.
    """
    stamp = moment.timetuple()[:6]
    partial = zip_path + ".partial"
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for rel in bundle_files(root):
            info = zipfile.ZipInfo(f"{top}/{rel}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o100755 if rel.endswith(".py") else 0o100644) << 16
            with open(os.path.join(root, rel), "rb") as fh:
                archive.writestr(info, fh.read())
    os.replace(partial, zip_path)  # dist/ never holds a half-written zip under the real name


def write_sums(paths: list[str], sums_path: str) -> None:
    """A `sha256sum -c` file for the given files, which must sit in the same folder as it."""
    with open(sums_path, "w", encoding="utf-8", newline="\n") as fh:
        fh.writelines(f"{sha256_file(path)}  {os.path.basename(path)}\n" for path in paths)


def html_files(site: str) -> list[str]:
    return [rel for rel in bundle_files(site) if rel.endswith(".html")]


def check_site(site: str, version: str, site_url: str, lang_folders: dict[str, str],
               html_langs: dict[str, str] | None = None) -> list[str]:
    """Problems that must stop a release, as 'path: error: message' lines.

    lang_folders maps each language code to its folder ('' for the default language); html_langs
    its <html lang> where that is not the code (easy-read Swedish: 'll' -> 'sv').
    """
    problems = []
    for rel in html_files(site):
        with open(os.path.join(site, rel), encoding="utf-8") as fh:
            found = VERSION_META_RE.search(fh.read())
        if not found or found.group(1) != version:
            problems.append(f"site/{rel}: error: <meta name=\"site-version\"> should say {version!r}, "
                            f"found {found.group(1) if found else 'none'!r}")
    for code, folder in lang_folders.items():
        rel = f"{folder}404.html"
        path = os.path.join(site, rel)
        if not os.path.exists(path):
            problems.append(f"site/{rel}: error: missing; the server settings send unknown {folder or '/'} "
                            "addresses there")
            continue
        with open(path, encoding="utf-8") as fh:
            lang = HTML_LANG_RE.search(fh.read())
        if not lang or lang.group(1) != (html_langs or {}).get(code, code):
            problems.append(f"site/{rel}: error: the not-found page for {code!r} is in "
                            f"{lang.group(1) if lang else 'no'!r} language")
    problems += check_sitemap(os.path.join(site, "sitemap.xml"), site_url, sorted(lang_folders))
    return problems


def check_sitemap(path: str, site_url: str, codes: list[str]) -> list[str]:
    """Every URL in the sitemap is under site_url and lists an hreflang alternate per language."""
    import xml.etree.ElementTree as ET
    if not os.path.exists(path):
        return ["site/sitemap.xml: error: missing"]
    try:
        urls = ET.parse(path).getroot().findall("sm:url", SITEMAP_NS)
    except ET.ParseError as exc:
        return [f"site/sitemap.xml:{exc.position[0]}: error: {exc}"]
    problems = []
    if not urls:
        problems.append("site/sitemap.xml: error: no <url> entries")
    for url in urls:
        loc = url.findtext("sm:loc", "", SITEMAP_NS)
        langs = sorted(link.get("hreflang") for link in url.findall("xhtml:link", SITEMAP_NS))
        if not loc.startswith(site_url):
            problems.append(f"site/sitemap.xml: error: {loc!r} is not under {site_url}")
        if langs != codes:
            problems.append(f"site/sitemap.xml: error: {loc} has hreflang alternates {langs}, expected {codes}")
    return problems

"""Render the server settings in deploy/ (nginx, Apache, IIS) for one release bundle.

A bundle is built for one site_url, so its settings know the sub-path (e.g. /stod/), the
per-language 404 pages and the header CSP that its pages need; the admin only fills in what the
bundle cannot know (certificates, and the install folder if it is not /srv/stod).
"""
from __future__ import annotations

import html
import os
import re
from urllib.parse import urlsplit

import jinja2

from helpsite.deploy import policy
from helpsite.patterns import MIME
from helpsite.site import Language

# template in deploy/ -> place in the bundle. .htaccess and web.config go into the site folder
# itself, so Apache and IIS read the settings of whichever release is live.
TEMPLATES = (
    ("nginx/stod-server.conf", "server/nginx/stod-server.conf"),
    ("nginx/stod-locations.conf", "server/nginx/stod-locations.conf"),
    ("nginx/stod-headers.conf", "server/nginx/stod-headers.conf"),
    ("apache/vhost.conf", "server/apache/vhost.conf"),
    ("apache/.htaccess", "site/.htaccess"),
    ("iis/web.config", "site/web.config"),
)
DEFAULT_INSTALL_DIR = "/srv/stod"



def base_path(site_url: str) -> str:
    """URL path the site lives under: '/' at the web root, '/stod/' under a sub-path."""
    path = urlsplit(site_url).path or "/"
    return path if path.endswith("/") else path + "/"


def not_found_pages(base: str, languages: list[Language]) -> dict:
    """The 404 page for the default language, and one per language folder."""
    return {
        "default": base + policy.NOT_FOUND_NAME,
        "languages": [{"code": lang.code, "prefix": base + lang.prefix,
                       "page": base + lang.prefix + policy.NOT_FOUND_NAME}
                      for lang in languages if lang.prefix],
    }


def mime_types(site_dir: str) -> list[tuple[str, str]]:
    """(extension, content type) for every file extension in the built site."""
    found = set()
    for _folder, _dirs, files in os.walk(site_dir):
        found.update(os.path.splitext(name)[1].lower() for name in files)
    return [(ext, MIME.get(ext, "application/octet-stream")) for ext in sorted(found) if ext]


def context(site_url: str, languages: list[Language], csp: str, version: str,
            install_dir: str = DEFAULT_INSTALL_DIR, site_dir: str | None = None,
            listen: tuple[str, ...] = ("80", "[::]:80"), vhost: str = "*:80") -> dict:
    base = base_path(site_url)
    install_dir = install_dir.rstrip("/") or "/"
    return {
        "version": version,
        "site_url": site_url,
        "base": base,
        "server_name": urlsplit(site_url).hostname,
        "install_dir": install_dir,
        # The deploy tool keeps each release in its own folder and points `current` at the live one.
        "web_root": f"{install_dir}/current/site",
        "listen": listen,
        "vhost": vhost,
        "headers": policy.security_headers(csp),
        "cache": policy.CACHE,
        "assets": base + policy.ASSETS_DIR,
        "search": base + policy.SEARCH_DIR,
        "assets_dir": policy.ASSETS_DIR.rstrip("/"),
        "search_dir": policy.SEARCH_DIR.rstrip("/"),
        "fingerprinted_re": policy.FINGERPRINTED_RE,
        "compress_types": policy.COMPRESS_TYPES,
        "not_found": not_found_pages(base, languages),
        "mime_types": mime_types(site_dir) if site_dir else [],
    }


def environment(templates_dir: str) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates_dir), undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                             autoescape=False)
    env.filters["regex"] = re.escape
    # Values go into double-quoted XML attributes; quotes in a CSP stay readable as '.
    env.filters["xmlattr_value"] = lambda v: html.escape(str(v), quote=False).replace('"', "&quot;")
    return env


def render(templates_dir: str, ctx: dict) -> dict[str, str]:
    """{place in the bundle: text} for every server settings file."""
    env = environment(templates_dir)
    return {target: env.get_template(source).render(**ctx) for source, target in TEMPLATES}


def write(templates_dir: str, bundle_dir: str, ctx: dict) -> list[str]:
    written = []
    for target, text in render(templates_dir, ctx).items():
        path = os.path.join(bundle_dir, target)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        written.append(target)
    return written

"""The response headers and cache rules that every server config (nginx, Apache, IIS) sends.

They live here once; deploy/ templates only loop over them, so the three servers cannot drift.

The pages carry their own Content-Security-Policy in a meta tag (helpsite/htmlpost.py: exact per
page, with the hashes of that page's inline scripts). A browser enforces the header policy *and*
the meta policy, so the header must allow everything any page needs: it is the union of the
pages' policies, plus `frame-ancestors 'none'`, which browsers honour only in a header.
"""
from __future__ import annotations

import html
import re

from ..patterns import CSP_META_RE, FINGERPRINTED
from ..sitefiles import html_files

NOT_FOUND_NAME = "404.html"

# Where a fetch directive falls back to when a policy does not name it (CSP Level 3).
FALLBACKS = {
    "script-src-elem": ("script-src", "default-src"),
    "script-src-attr": ("script-src", "default-src"),
    "style-src-elem": ("style-src", "default-src"),
    "style-src-attr": ("style-src", "default-src"),
    "worker-src": ("child-src", "script-src", "default-src"),
    "frame-src": ("child-src", "default-src"),
}
FETCH = {"default-src", "child-src", "connect-src", "font-src", "img-src", "manifest-src", "media-src",
         "object-src", "prefetch-src", "script-src", "style-src", *FALLBACKS}
HASH_OR_NONCE = re.compile(r"^'(sha256|sha384|sha512|nonce)-", re.I)

# Features the site never uses. An empty allow-list turns each off for the page and anything in it.
# interest-cohort and browsing-topics opt the site out of the browser's ad-interest tracking.
# Only names Chromium knows: an unknown one costs a console warning on every page (a test checks).
PERMISSIONS_OFF = ("accelerometer", "autoplay", "browsing-topics", "camera", "display-capture",
                   "encrypted-media", "fullscreen", "geolocation", "gyroscope", "hid", "idle-detection",
                   "interest-cohort", "magnetometer", "microphone", "midi", "payment", "picture-in-picture",
                   "publickey-credentials-get", "screen-wake-lock", "serial", "usb", "xr-spatial-tracking")

# Caching. HTML is never stored: on a shared library computer a page in the browser's cache is a
# trace of what someone read, and a corrected phone number must reach the next visitor at once.
# Our CSS and JS carry a content hash in their names (site.0123abcdef.css, by helpsite/finishing.py
# at build time): such a file never changes, so it may be kept for a year, and a changed file
# reaches visitors at once under its new name. Other assets (the icon) have no hash, so they get a
# moderate lifetime and are then revalidated (ETag/Last-Modified). Pagefind's entry file is not
# fingerprinted and names the hashed index files, so search files are always revalidated.
CACHE = {
    "html": "no-store",
    "assets": "max-age=3600, must-revalidate",
    "fingerprinted": "max-age=31536000, immutable",
    "search": "no-cache",
}
ASSETS_DIR = "assets/"
SEARCH_DIR = "pagefind/"
# A content hash of 8+ hex digits before the extension(s): main.57a0d79d.min.css, site.0123abcd.css
FINGERPRINTED_RE = FINGERPRINTED          # as a string: the server templates write it
COMPRESS_TYPES = ("text/html", "text/css", "text/javascript", "application/javascript", "application/json",
                  "image/svg+xml", "application/xml", "text/xml", "text/plain", "application/wasm")


class PolicyError(ValueError):
    """The built pages do not allow one shared header policy (or have no policy at all)."""


def parse_csp(text: str) -> dict[str, list[str]]:
    """'a x y; b z' -> {'a': ['x', 'y'], 'b': ['z']} (names lower-case, order kept; first one wins)."""
    policy: dict[str, list[str]] = {}
    for part in text.split(";"):
        words = part.split()
        if words and words[0].lower() not in policy:
            policy[words[0].lower()] = words[1:]
    return policy


def format_csp(policy: dict[str, list[str]]) -> str:
    return "; ".join(" ".join([name, *sources]) for name, sources in policy.items())


def effective_sources(policy: dict[str, list[str]], name: str) -> list[str] | None:
    """The sources a policy allows for a directive, following fallbacks; None = not restricted."""
    if name in policy:
        return policy[name]
    if name in FETCH:
        for fallback in FALLBACKS.get(name, ()) + (() if name == "default-src" else ("default-src",)):
            if fallback in policy:
                return policy[fallback]
    return None


def union_csp(policies: list[dict[str, list[str]]]) -> dict[str, list[str]]:
    """The narrowest single policy that still allows everything each of the given policies allows."""
    names: list[str] = []
    for policy in policies:
        names += [name for name in policy if name not in names]
    out: dict[str, list[str]] = {}
    for name in names:
        allowed = [effective_sources(policy, name) for policy in policies]
        if any(sources is None for sources in allowed):
            continue  # some page leaves this unrestricted, so the header must too
        merged: list[str] = []
        for sources in allowed:
            merged += [s for s in sources if s not in merged]
        if len(merged) > 1 and "'none'" in merged:
            merged.remove("'none'")
        if "'unsafe-inline'" in merged and any(HASH_OR_NONCE.match(s) for s in merged):
            # A hash switches 'unsafe-inline' off, so no header could allow both kinds of page.
            raise PolicyError(f"{name}: some pages allow 'unsafe-inline', others use hashes")
        out[name] = merged
    return out


def page_policies(site_dir: str) -> dict[str, dict[str, list[str]]]:
    """{relative path: parsed meta CSP} for every HTML file of a built site."""
    found = {}
    for path, rel in html_files(site_dir):
        with open(path, encoding="utf-8") as fh:
            match = CSP_META_RE.search(fh.read())
        if not match:
            raise PolicyError(f"{rel}: error: the page has no Content-Security-Policy meta tag")
        found[rel] = parse_csp(html.unescape(match.group(2)))  # the attribute may say &#39; for '
    if not found:
        raise PolicyError(f"{site_dir}: error: no HTML pages found")
    return found


def header_csp(site_dir: str) -> str:
    """The header policy for a built site: the union of its pages' policies, never framed."""
    policy = union_csp(list(page_policies(site_dir).values()))
    policy["frame-ancestors"] = ["'none'"]
    return format_csp(policy)


def security_headers(csp: str) -> list[tuple[str, str]]:
    """Headers for every response, error pages included."""
    return [
        ("Content-Security-Policy", csp),
        ("Referrer-Policy", "no-referrer"),
        ("X-Content-Type-Options", "nosniff"),
        # Old browsers that do not know frame-ancestors.
        ("X-Frame-Options", "DENY"),
        ("Permissions-Policy", ", ".join(f"{feature}=()" for feature in PERMISSIONS_OFF)),
        # A page opened from here (or opening this site) gets no handle on the other window.
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
    ]
